//! Long paragraphs: the input is a short fragment (after one byte giving a repeat count) that is
//! repeated into one paragraph of up to 512 KB — unclosed quotes, runs of dates, figures,
//! abbreviations, brackets, whatever the fuzzer finds — and compared whole, facts and all.
//! Checks: no panic, passages and facts cite their text, and (with libFuzzer's `-timeout`) no
//! fragment whose repetition takes super-linear time in the splitter or the fact readers.
#![no_main]

use crosscheck::{Options, compare_texts};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&count, fragment)) = data.split_first() else {
        return;
    };
    let fragment = String::from_utf8_lossy(fragment).replace(['\n', '\r'], " ");
    if fragment.trim().is_empty() {
        return;
    }
    // 2^(8 + count%12) repeats, at most 512 KB: linear work on that takes a few seconds under
    // the fuzzer's instrumentation (2 MB took 23 s, over the 20 s timeout, at 1.7 s in a release
    // build), while work in the square of the length (124 s for 1 MB of unclosed quotes before
    // the splitter's bound) still trips the timeout.
    let times = (1usize << (8 + usize::from(count) % 12)).min(512_000 / fragment.len());
    let text = format!("Headline\n\n{}\n", fragment.repeat(times.max(1)));
    let cmp = compare_texts(&[("long.txt", text.as_str())], &Options::default());
    for d in &cmp.documents {
        for p in &d.passages {
            assert_eq!(p.text, d.text[p.start..p.end]);
            for f in &p.facts {
                assert_eq!(f.text, d.text[f.start..f.end]);
            }
        }
    }
});
