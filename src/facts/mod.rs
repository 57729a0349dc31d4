//! Facts: dates, quantities, quotes and people's titles extracted from sentences, normalized, and
//! compared across sources. (Extraction and comparison land with the facts issue.)

use chrono::NaiveDate;

use crate::model::{Comparison, Fact, Finding, Span};

/// Facts stated in one sentence of `text`, with dates resolved against `dateline`.
pub fn extract(_text: &str, _sentence: Span, _dateline: Option<NaiveDate>) -> Vec<Fact> {
    Vec::new()
}

/// Compares the facts of aligned passages across documents.
pub fn compare(_cmp: &Comparison) -> Vec<Finding> {
    Vec::new()
}
