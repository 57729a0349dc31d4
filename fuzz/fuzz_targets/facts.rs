//! Arbitrary text and dateline through fact extraction: every sentence of the segmented text and
//! one arbitrary stretch of it. Checks that each fact cites its words exactly.
//!
//! Input layout: 2 bytes of dateline (days after 1900-01-01; 0 = no dateline), 2 bytes of where
//! the arbitrary stretch starts, then the text (invalid UTF-8 is replaced).
#![no_main]

use chrono::{Days, NaiveDate};
use crosscheck::model::Span;
use crosscheck::{facts, load, segment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let day = u16::from_le_bytes([data[0], data[1]]);
    let cut = usize::from(u16::from_le_bytes([data[2], data[3]]));
    let text = String::from_utf8_lossy(&data[4..]);
    let text = text.as_ref();
    let dateline = (day != 0)
        .then(|| NaiveDate::from_ymd_opt(1900, 1, 1))
        .flatten()
        .and_then(|d| d.checked_add_days(Days::new(u64::from(day))));
    let mut spans: Vec<Span> = segment::segment(text)
        .sentences
        .iter()
        .map(|s| s.span)
        .collect();
    let start = load::floor_char_boundary(text, cut.min(text.len()));
    spans.push(Span {
        start,
        end: text.len(),
    });
    for s in spans {
        for f in facts::extract(text, s, dateline) {
            assert!(
                f.start <= f.end && text.get(f.start..f.end) == Some(f.text.as_str()),
                "fact {f:?} does not cite its words"
            );
        }
    }
});
