//! Two small arbitrary inputs through the whole compare (load, segment, facts, align, diff, fact
//! findings) and every report format (JSON, Markdown, HTML), plus a JSON round trip.
//!
//! Input layout: 1 byte picking the two file kinds (txt, md, html), then the first file's bytes,
//! a 0xFF byte (never in UTF-8), then the second file's bytes.
#![no_main]

use crosscheck::report::{self, Format};
use crosscheck::{Options, compare_texts};
use libfuzzer_sys::fuzz_target;

const KINDS: [&str; 3] = ["txt", "md", "html"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let (a, b) = match rest.iter().position(|&x| x == 0xff) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &rest[..0]),
    };
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let na = format!("a.{}", KINDS[usize::from(pick % 3)]);
    let nb = format!("b.{}", KINDS[usize::from(pick / 3 % 3)]);
    let cmp = compare_texts(&[(&na, &a), (&nb, &b)], &Options::default());
    for doc in &cmp.documents {
        for p in &doc.passages {
            assert_eq!(
                doc.text.get(p.start..p.end),
                Some(p.text.as_str()),
                "{}",
                p.id
            );
        }
    }
    for f in &cmp.findings {
        for m in &f.mentions {
            let doc = cmp.documents.iter().find(|d| d.id == m.document);
            let cited = doc.and_then(|d| d.text.get(m.start..m.end));
            assert_eq!(cited, Some(m.text.as_str()), "{}", f.id);
        }
    }
    for format in [Format::Json, Format::Markdown, Format::Html] {
        if let Err(e) = report::render(&cmp, format) {
            panic!("{format:?} report failed: {e}");
        }
    }
    let json = report::json(&cmp).unwrap_or_else(|e| panic!("JSON: {e}"));
    let back = report::read_json(&json).unwrap_or_else(|e| panic!("JSON read back: {e}"));
    assert!(back == cmp, "JSON round trip changed the comparison");
});
