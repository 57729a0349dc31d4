//! Word-level diff of a passage against a reference passage, and the stage of the pipeline that
//! diffs every aligned group's passages against its reference ([`diff_groups`]).
//!
//! Tokens come from [`crate::text::tokenize`] (punctuation and "…" are tokens of their own) and are
//! compared by their keys, so case and quote-mark style are not differences. The diff is bounded
//! in time by `similar`'s deadline; a diff that hits it is kept, marked approximate, with the
//! reason.
//!
//! Each diff also decides how its passage is best read ([`DiffMode`]): a near-copy of the
//! reference (at least [`NEAR_COPY_SHARE`] of the words of both, in order) word by word, anything
//! else as a paraphrase. A clock time ("4:22") is one token, so a changed time is one replacement.

use std::time::{Duration, Instant};

use rayon::prelude::*;
use similar::{Algorithm, DiffOp as SimOp, capture_diff_slices_deadline};

use crate::model::{Comparison, DiffMode, DiffOp, DiffTag, PassageDiff, Warning};
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
    let old_toks = diff_tokens(reference);
    let new_toks = diff_tokens(new);
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
    let mode = mode_of(&ops, &old_toks, &new_toks);
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
        mode,
    }
}

/// Share of the words of a passage and its reference that a diff keeps equal, in order, at or
/// above which the passage is a near-copy of the reference (word diff) rather than a paraphrase.
pub const NEAR_COPY_SHARE: f32 = 0.6;

/// Near-copy when the equal runs hold at least [`NEAR_COPY_SHARE`] of the words of both sides
/// (Dice over the words the diff keeps); punctuation does not count.
fn mode_of(ops: &[SimOp], old: &[Token], new: &[Token]) -> DiffMode {
    let words = |t: &[Token]| t.iter().filter(|t| t.is_word).count();
    let same: usize = ops
        .iter()
        .map(|op| match *op {
            SimOp::Equal { new_index, len, .. } => words(&new[new_index..new_index + len]),
            _ => 0,
        })
        .sum();
    let total = words(old) + words(new);
    if total == 0 || 2 * same >= (NEAR_COPY_SHARE * total as f32).ceil() as usize {
        DiffMode::NearCopy
    } else {
        DiffMode::Paraphrase
    }
}

/// Tokens for diffing: [`tokenize`]'s, with a clock time written without spaces ("4:22",
/// "11:30") joined into one token, so that a changed time is replaced whole, not digit by colon.
pub fn diff_tokens(s: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for t in tokenize(s) {
        let n = out.len();
        let joins = n >= 2
            && out[n - 1].key == ":"
            && out[n - 2].end == out[n - 1].start
            && out[n - 1].end == t.start
            && is_digits(&t.key)
            && is_digits(&out[n - 2].key);
        if joins {
            let colon = out.pop().expect("two tokens");
            let hour = out.last_mut().expect("one token");
            hour.key = format!("{}{}{}", hour.key, colon.key, t.key);
            hour.end = t.end;
        } else {
            out.push(t);
        }
    }
    out
}

fn is_digits(k: &str) -> bool {
    !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit())
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
        let n = diff_tokens(&op.text).len();
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
    fn a_changed_time_is_replaced_whole() {
        let d = word_diff(
            "p",
            "Posted at 4:22 PM today",
            "Posted at 4:28 PM today",
            Duration::from_secs(1),
        );
        assert_eq!(show(&d), "Posted at [-4:22-]{+4:28+}PM today");
    }

    #[test]
    fn near_copies_and_paraphrases_are_told_apart() {
        let t = Duration::from_secs(1);
        let copy = word_diff(
            "p",
            "Pirates seized the tanker off Somalia on Saturday, the navy said.",
            "Pirates seized the oil tanker off Somalia on Sunday, the navy said.",
            t,
        );
        assert_eq!(copy.mode, DiffMode::NearCopy);
        let paraphrase = word_diff(
            "p",
            "Pirates seized the tanker off Somalia on Saturday, the navy said.",
            "A Saudi supertanker was hijacked by Somali gunmen at the weekend, officials reported.",
            t,
        );
        assert_eq!(paraphrase.mode, DiffMode::Paraphrase);
        // Identical passages are copies; punctuation alone does not make a copy.
        assert_eq!(word_diff("p", "a b c", "a b c", t).mode, DiffMode::NearCopy);
        assert_eq!(
            word_diff("p", "Rain fell, hard.", "Snow came, later.", t).mode,
            DiffMode::Paraphrase
        );
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
