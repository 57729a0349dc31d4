//! Structure-aware HTML: each input byte is one step of building a page — open one of a set of
//! tags, close the innermost open one or a named one, add a word, or repeat the last step
//! hundreds to tens of thousands of times — so a few bytes make pages nested 65,536 deep, tables
//! in tables, unclosed paragraphs, stray end tags and scripts holding tags. The page is loaded as
//! HTML and segmented. Checks: no panic or stack overflow, spans inside the text, and (with
//! libFuzzer's `-timeout`) no input that takes super-linear time.
#![no_main]

use crosscheck::{load, segment};
use libfuzzer_sys::fuzz_target;

const TAGS: &[&str] = &[
    "div", "span", "table", "tr", "td", "p", "li", "ul", "b", "a", "article", "section", "script",
    "font", "svg", "template", "select", "option", "h1", "blockquote",
];
const MAX_PAGE: usize = 512_000;
const WORDS: &[&str] = &["The", "quake", "struck", "at", "dawn.", "“Help", "May 13,", "5 people"];

fn page(data: &[u8]) -> String {
    let mut out = String::from("<html><body>");
    let mut open: Vec<&str> = Vec::new();
    let mut last = String::new();
    for &b in data {
        let step = match b >> 5 {
            0..=2 => {
                let t = TAGS[usize::from(b) % TAGS.len()];
                open.push(t);
                format!("<{t}>")
            }
            3 => open.pop().map_or_else(String::new, |t| format!("</{t}>")),
            4 => format!("</{}>", TAGS[usize::from(b) % TAGS.len()]),
            5 | 6 => format!("{} ", WORDS[usize::from(b) % WORDS.len()]),
            _ => {
                // Repeat the last step 2^(8 + b%9) times, at most 64k times and 512 KB in all
                // (linear work on 2 MB took over 20 s under the fuzzer's instrumentation).
                let times = 1usize << (8 + usize::from(b) % 9);
                let room = MAX_PAGE.saturating_sub(out.len()) / last.len().max(1);
                last.repeat(times.min(room))
            }
        };
        if b >> 5 != 7 {
            last.clone_from(&step);
        }
        out.push_str(&step);
        if out.len() > MAX_PAGE {
            break;
        }
    }
    out.push_str("</body></html>");
    out
}

fuzz_target!(|data: &[u8]| {
    let html = page(data);
    let Ok(loaded) = load::load_bytes("page.html", html.as_bytes()) else {
        return;
    };
    let text = loaded.text.as_str();
    let seg = segment::segment(text);
    for s in &seg.sentences {
        assert!(
            s.span.start <= s.span.end
                && s.span.end <= text.len()
                && text.is_char_boundary(s.span.start)
                && text.is_char_boundary(s.span.end),
            "sentence {s:?}"
        );
    }
});
