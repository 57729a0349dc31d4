//! The words a fact is told in: what happened at a date, or what a figure no words say the
//! thing of is of, in the writer's own words ("Reid checked herself in …"). Findings of dates
//! and of such figures are named by them.

use std::collections::BTreeMap;

use super::Cx;
use super::when::CLAUSE_MARKS;

/// Most words of a date's own clause that name what happened then.
const TOLD_WORDS: usize = 6;

/// Bytes around a date within which the words of its clause are looked for.
const TOLD_REACH: usize = 300;

impl Cx<'_> {
    /// The words most of the facts `comp` are told in ([`told_around`]; the first in order of
    /// the words on a tie), so that the order the sources were given in never changes what a
    /// finding is about.
    pub(super) fn most_told(&self, comp: &[usize]) -> Option<String> {
        let mut tellings: BTreeMap<String, usize> = BTreeMap::new();
        for &m in comp {
            let it = &self.items[m];
            if let Some(told) = self
                .cmp
                .documents
                .get(it.doc)
                .and_then(|d| told_around(&d.text, it.fact.start, it.fact.end))
            {
                *tellings.entry(told).or_default() += 1;
            }
        }
        tellings
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map(|(t, _)| t)
    }
}

/// What happened at the fact (a date, or a figure no words say the thing of) at `start..end`
/// of `text`, in the writer's words: up to
/// [`TOLD_WORDS`] words of its clause before it ("Reid checked herself in"), else after it
/// ("In January, word emerged that"), with "…" where the date stands. `None` when its clause
/// has fewer than two words besides the date.
fn told_around(text: &str, start: usize, end: usize) -> Option<String> {
    let lo = crate::load::floor_char_boundary(text, start.saturating_sub(TOLD_REACH));
    let hi = crate::load::floor_char_boundary(text, (end + TOLD_REACH).min(text.len()));
    let line_start = text[lo..start].rfind('\n').map_or(lo, |i| lo + i + 1);
    let line_end = text[end..hi].find('\n').map_or(hi, |i| end + i);
    // The date's clause, else (a clause of one word: "Later, on May 8") its sentence.
    told_within(text, line_start, line_end, start, end, true)
        .or_else(|| told_within(text, line_start, line_end, start, end, false))
}

/// [`told_around`] within the clause (`clauses`) or the sentence of the date, on its line
/// `line_start..line_end`.
fn told_within(
    text: &str,
    line_start: usize,
    line_end: usize,
    start: usize,
    end: usize,
    clauses: bool,
) -> Option<String> {
    let stop = |c: char| clauses && CLAUSE_MARKS.contains(&c) || matches!(c, '.' | '!' | '?');
    // A full stop inside a word ("Dec. 16", "U.S.") ends no clause: only one before a space;
    // nor does a mark inside a number ("1,000", "08:25").
    let ends = |s: &str, i: usize| {
        let c = s[i..].chars().next().unwrap_or(' ');
        let rest = &s[i + c.len_utf8()..];
        let in_number = s[..i].ends_with(|p: char| p.is_ascii_digit())
            && rest.starts_with(|n: char| n.is_ascii_digit());
        stop(c)
            && !in_number
            && (c != '.' || rest.is_empty() || rest.starts_with(char::is_whitespace))
    };
    let before = &text[line_start..start];
    let from = before
        .char_indices()
        .rev()
        .find(|&(i, _)| ends(before, i))
        .map_or(0, |(i, c)| i + c.len_utf8());
    // The clause after the date, when the date opens the sentence ("In January, word …").
    let after = text[end..line_end].trim_start_matches(|c: char| c.is_whitespace() || c == ',');
    let to = after
        .char_indices()
        .find(|&(i, _)| ends(after, i))
        .map_or(after.len(), |(i, _)| i);
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (b, a) = (words(&before[from..]), words(&after[..to]));
    if b.len() >= 2 {
        let b = &b[b.len().saturating_sub(TOLD_WORDS)..];
        Some(format!("{} …", b.join(" ")))
    } else if a.len() >= 2 {
        let a = &a[..a.len().min(TOLD_WORDS)];
        Some(format!("… {}", a.join(" ")))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_told_by_the_words_of_its_clause() {
        let t = "Ruiz checked herself in on Tuesday, December 9, 2008.";
        let at = t.find("on Tuesday").expect("in the text");
        assert_eq!(
            told_around(t, at, t.len() - 1).as_deref(),
            Some("Ruiz checked herself in …")
        );
        let t = "In January, word emerged that the film – a sequel – is late.";
        assert_eq!(
            told_around(t, 0, 10).as_deref(),
            Some("… word emerged that the film")
        );
        // A dash of more than one byte, and a full stop in "Dec. 16", end no clause early.
        let t = "The party – founded on Dec. 16 by the Bush administration – won.";
        let at = t.find("on Dec").expect("in the text");
        assert_eq!(
            told_around(t, at, at + 10).as_deref(),
            Some("… by the Bush administration")
        );
        assert_eq!(told_around("2012", 0, 4), None);
        // The colon of a clock time, the comma of a number end no clause.
        let t = "Some 1,000 scientists wrote on Friday.";
        let at = t.find("on Friday").expect("in the text");
        assert_eq!(
            told_around(t, at, t.len() - 1).as_deref(),
            Some("Some 1,000 scientists wrote …")
        );
        let t = "Pirates attacked the ship at 08:25 in the morning on Thursday.";
        let at = t.find("on Thursday").expect("in the text");
        assert_eq!(
            told_around(t, at, t.len() - 1).as_deref(),
            Some("ship at 08:25 in the morning …")
        );
    }
}
