//! Arbitrary bytes through the loader (decode, binary check, newline normalization, HTML article
//! extraction or Markdown stripping, dateline search) as a `.txt`, `.md` and `.html` file, then
//! through segmentation. Checks that every span lands on char boundaries inside the text.
#![no_main]

use crosscheck::{load, segment};
use libfuzzer_sys::fuzz_target;

fn in_text(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

fuzz_target!(|data: &[u8]| {
    for name in ["article.txt", "article.md", "article.html"] {
        let Ok(loaded) = load::load_bytes(name, data) else {
            continue;
        };
        let text = loaded.text.as_str();
        assert!(!text.contains('\r'), "CR left after normalizing");
        if let Some((_, src)) = &loaded.dateline
            && let (Some(s), Some(e)) = (src.start, src.end)
        {
            assert!(
                in_text(text, s, e) && text[s..e] == src.text,
                "dateline {src:?}"
            );
        }
        let seg = segment::segment(text);
        for p in &seg.paragraphs {
            assert!(in_text(text, p.start, p.end), "paragraph {p:?}");
        }
        for s in &seg.sentences {
            assert!(in_text(text, s.span.start, s.span.end), "sentence {s:?}");
            assert!(s.paragraph < seg.paragraphs.len().max(1), "sentence {s:?}");
        }
    }
});
