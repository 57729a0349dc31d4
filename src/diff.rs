//! Word-level diff of a passage against a reference passage, and the stage of the pipeline that
//! diffs every aligned group's passages against its reference ([`diff_groups`]).
//!
//! Tokens come from [`crate::text::tokenize`] (punctuation and "…" are tokens of their own) and are
//! compared by their keys, so case and quote-mark style are not differences. The diff is bounded
//! in time by `similar`'s deadline; a diff that hits it is kept, marked approximate, with the
//! reason.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use similar::{Algorithm, DiffOp as SimOp, capture_diff_slices_deadline};

use crate::model::{Comparison, DiffOp, DiffTag, PassageDiff, Warning};
use crate::text::{Token, tokenize};

/// Diffs each group's passages against its reference passage, sets its disagreement, and warns
/// of each diff that stopped at `timeout` (naming the group and its first passage's source).
pub fn diff_groups(cmp: &mut Comparison, timeout: Duration) {
    let text = |id: &str| cmp.passage(id).map_or("", |(_, p)| p.text.as_str());
    let diffs: Vec<Vec<PassageDiff>> = cmp
        .groups
        .par_iter()
        .map(|g| {
            let reference = text(&g.reference);
            g.passages
                .iter()
                .filter(|id| **id != g.reference)
                .map(|id| word_diff(id, reference, text(id), timeout))
                .collect()
        })
        .collect();
    let mut warnings = Vec::new();
    for (g, diffs) in cmp.groups.iter_mut().zip(diffs) {
        g.disagreement = if diffs.is_empty() {
            0.0
        } else {
            diffs.iter().map(disagreement).sum::<f32>() / diffs.len() as f32
        };
        g.diffs = diffs;
        let first = g
            .passages
            .first()
            .and_then(|id| crate::model::parse_passage_id(id));
        for reason in g.diffs.iter().filter_map(|d| d.approximate.as_ref()) {
            warnings.push(Warning {
                path: first
                    .and_then(|(doc, _)| cmp.documents.get(doc))
                    .map(|d| d.path.clone()),
                message: format!("group {}: {reason}", g.id),
            });
        }
    }
    cmp.warnings.append(&mut warnings);
}

/// Diffs `new` against `reference`. Op texts are slices of the inputs including the whitespace
/// that follows each token, so `equal`+`insert` ops rebuild `new` (up to trailing whitespace) and
/// `equal`+`delete` ops rebuild `reference` up to case and quote style (equal runs are quoted from
/// `new`).
pub fn word_diff(passage_id: &str, reference: &str, new: &str, timeout: Duration) -> PassageDiff {
    let old_toks = tokenize(reference);
    let new_toks = tokenize(new);
    let old_keys: Vec<&str> = old_toks.iter().map(|t| t.key.as_str()).collect();
    let new_keys: Vec<&str> = new_toks.iter().map(|t| t.key.as_str()).collect();
    let started = Instant::now();
    let deadline = started + timeout;
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &old_keys, &new_keys, Some(deadline));
    let approximate = (Instant::now() >= deadline).then(|| {
        format!(
            "diff of {} and {} words stopped at the {} ms limit; differences are approximate",
            old_toks.len(),
            new_toks.len(),
            timeout.as_millis()
        )
    });
    let mut out: Vec<DiffOp> = Vec::new();
    let mut push = |tag: DiffTag, text: String| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == tag => last.text.push_str(&text),
            _ => out.push(DiffOp { op: tag, text }),
        }
    };
    for op in ops {
        match op {
            SimOp::Equal { new_index, len, .. } => {
                push(DiffTag::Equal, span_text(new, &new_toks, new_index, len))
            }
            SimOp::Delete {
                old_index, old_len, ..
            } => push(
                DiffTag::Delete,
                span_text(reference, &old_toks, old_index, old_len),
            ),
            SimOp::Insert {
                new_index, new_len, ..
            } => push(
                DiffTag::Insert,
                span_text(new, &new_toks, new_index, new_len),
            ),
            SimOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push(
                    DiffTag::Delete,
                    span_text(reference, &old_toks, old_index, old_len),
                );
                push(
                    DiffTag::Insert,
                    span_text(new, &new_toks, new_index, new_len),
                );
            }
        }
    }
    PassageDiff {
        passage: passage_id.to_string(),
        ops: out,
        approximate,
    }
}

/// The text of tokens `from..from+len`, each with the whitespace after it.
fn span_text(s: &str, toks: &[Token], from: usize, len: usize) -> String {
    if len == 0 {
        return String::new();
    }
    let start = toks[from].start;
    let last = from + len - 1;
    let end = toks.get(last + 1).map_or(toks[last].end, |t| t.start);
    s[start..end].to_string()
}

/// Share of the reference and passage words that the diff does not keep equal (0 = same wording).
pub fn disagreement(d: &PassageDiff) -> f32 {
    let (mut same, mut changed) = (0usize, 0usize);
    for op in &d.ops {
        let n = tokenize(&op.text).len();
        match op.op {
            DiffTag::Equal => same += 2 * n,
            _ => changed += n,
        }
    }
    if same + changed == 0 {
        0.0
    } else {
        changed as f32 / (same + changed) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(d: &PassageDiff) -> String {
        d.ops
            .iter()
            .map(|o| match o.op {
                DiffTag::Equal => o.text.clone(),
                DiffTag::Insert => format!("{{+{}+}}", o.text.trim_end()),
                DiffTag::Delete => format!("[-{}-]", o.text.trim_end()),
            })
            .collect()
    }

    #[test]
    fn case_and_quote_style_are_not_differences() {
        let d = word_diff(
            "p",
            "“Working together,” he said.",
            "\"working together,\" He said.",
            Duration::from_secs(1),
        );
        assert!(d.ops.iter().all(|o| o.op == DiffTag::Equal), "{}", show(&d));
    }

    #[test]
    fn changed_words_are_marked() {
        let d = word_diff(
            "p",
            "a way to get back into business, fast",
            "a way back into business, fast",
            Duration::from_secs(1),
        );
        assert_eq!(show(&d), "a way [-to get-]back into business, fast");
        assert_eq!(d.change_count(), 1);
    }

    #[test]
    fn ellipsis_is_its_own_token() {
        let d = word_diff(
            "p",
            "to give massive ZTE",
            "to give … ZTE",
            Duration::from_secs(1),
        );
        assert_eq!(show(&d), "to give [-massive-]{+…+}ZTE");
    }

    #[test]
    fn ops_rebuild_both_sides() {
        let r = "The ban lasts seven years, officials said on Monday.";
        let n = "Officials said the ban would last for seven years.";
        let d = word_diff("p", r, n, Duration::from_secs(1));
        let new: String = d
            .ops
            .iter()
            .filter(|o| o.op != DiffTag::Delete)
            .map(|o| o.text.as_str())
            .collect();
        let old: String = d
            .ops
            .iter()
            .filter(|o| o.op != DiffTag::Insert)
            .map(|o| o.text.as_str())
            .collect();
        assert_eq!(new.trim_end(), n);
        // Equal runs are quoted from the passage, so the reference comes back up to case.
        assert_eq!(old.trim_end().to_lowercase(), r.to_lowercase());
    }

    #[test]
    fn a_pathological_pair_is_bounded_and_says_so() {
        let a: String = (0..60_000)
            .map(|i| if i % 7 == 0 { "x " } else { "a " })
            .collect();
        let b: String = (0..60_000)
            .map(|i| if i % 5 == 0 { "y " } else { "a " })
            .collect();
        let t = Instant::now();
        let d = word_diff("p", &a, &b, Duration::from_millis(50));
        assert!(t.elapsed() < Duration::from_secs(20));
        assert!(d.approximate.is_some());
    }
}
