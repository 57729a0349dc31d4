//! The reader's review of findings: each finding marked checked, wrong, or needing a call, with a
//! note. Marks live in the comparison ([`Comparison::reviews`]), so every report prints them and a
//! saved comparison keeps them; they are tied to a finding by a key made of what the finding says
//! (its kind, its slot, and each mention's source and words), so they stay with it when the
//! sources are compared again, in any order.

use serde::{Deserialize, Serialize};

use crate::model::{Comparison, Finding, FindingStatus};

/// What the reader decided about a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Checked against the sources: the finding holds.
    Checked,
    /// The finding is wrong (not a real disagreement, or misread).
    Wrong,
    /// Someone has to decide.
    NeedsCall,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Checked, Verdict::Wrong, Verdict::NeedsCall];

    /// How every view names it.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Checked => "checked",
            Verdict::Wrong => "wrong",
            Verdict::NeedsCall => "needs a call",
        }
    }

    /// Its symbol, the cue that does not depend on colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Verdict::Checked => "☑",
            Verdict::Wrong => "☒",
            Verdict::NeedsCall => "⚑",
        }
    }
}

/// The reader's mark on one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// The finding's key ([`key`]): stable across compares of the same sources.
    pub key: String,
    /// None when the reader only wrote a note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Review {
    /// A review that says nothing (no verdict, no note) is not kept.
    pub fn is_empty(&self) -> bool {
        self.verdict.is_none() && self.note.trim().is_empty()
    }
}

/// The key of finding `f` of `cmp`: its kind, its slot (what it is about), and each mention's
/// source path and words, sorted — nothing that depends on the order of the sources (the
/// summary names them by number).
pub fn key(cmp: &Comparison, f: &Finding) -> String {
    let path = |id: &str| -> String {
        cmp.documents
            .iter()
            .find(|d| d.id == id)
            .map_or(id, |d| d.path.as_str())
            .to_string()
    };
    let mut mentions: Vec<String> = f
        .mentions
        .iter()
        .map(|m| format!("{}@{}", path(&m.document), m.text))
        .collect();
    mentions.sort();
    mentions.dedup();
    format!("{}|{}|{}", f.kind.word(), f.slot, mentions.join("|"))
}

/// The review of finding `f`, if the reader made one.
pub fn of<'a>(cmp: &'a Comparison, f: &Finding) -> Option<&'a Review> {
    if cmp.reviews.is_empty() {
        return None;
    }
    let k = key(cmp, f);
    cmp.reviews.iter().find(|r| r.key == k)
}

/// Sets the review of finding `f` (replacing any earlier one; an empty review removes it) and
/// returns it, to be put in other lists of reviews too ([`put`]). The note is kept as typed.
pub fn set(cmp: &mut Comparison, f: usize, verdict: Option<Verdict>, note: &str) -> Option<Review> {
    let finding = cmp.findings.get(f)?;
    let r = Review {
        key: key(cmp, finding),
        verdict,
        note: note.to_string(),
    };
    put(&mut cmp.reviews, &r);
    Some(r)
}

/// Puts review `r` in `list`, replacing the one of its finding; an empty one only removes it.
pub fn put(list: &mut Vec<Review>, r: &Review) {
    list.retain(|x| x.key != r.key);
    if !r.is_empty() {
        list.push(r.clone());
    }
}

/// `first`, then the reviews of `rest` whose findings `first` has none for.
pub fn merged(first: &[Review], rest: &[Review]) -> Vec<Review> {
    let mut out = first.to_vec();
    for r in rest {
        if !out.iter().any(|x| x.key == r.key) {
            out.push(r.clone());
        }
    }
    out
}

/// The findings a fact-check memo keeps: every conflict, and every finding the reader marked.
pub fn in_memo(cmp: &Comparison, f: &Finding) -> bool {
    f.status == FindingStatus::Conflict || of(cmp, f).is_some()
}

/// The comparison as a fact-check memo: only the conflicts and the findings the reader marked,
/// with the groups their mentions sit in; every report format prints it as it prints a whole
/// comparison.
pub fn memo(cmp: &Comparison) -> Comparison {
    let mut out = cmp.clone();
    out.findings = cmp
        .findings
        .iter()
        .filter(|f| in_memo(cmp, f))
        .cloned()
        .collect();
    let kept: std::collections::HashSet<&str> = out
        .findings
        .iter()
        .flat_map(|f| &f.mentions)
        .filter_map(|m| {
            let doc = cmp.documents.iter().find(|d| d.id == m.document)?;
            cmp.passage_at(&doc.id, m.start)?.group.as_deref()
        })
        .collect();
    out.groups.retain(|g| kept.contains(g.id.as_str()));
    out.memo = true;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, compare_texts};

    fn two() -> Comparison {
        compare_texts(
            &[
                (
                    "a.txt",
                    "The storm killed 12 people on Monday, officials said.\n\nThe storm destroyed 300 homes in the county, the mayor said.",
                ),
                (
                    "b.txt",
                    "The storm killed 15 people on Monday, officials said.\n\nThe storm destroyed 300 homes in the county, the mayor said.",
                ),
            ],
            &Options::default(),
        )
    }

    fn two_reversed() -> Comparison {
        let cmp = two();
        let texts: Vec<(String, String)> = cmp
            .documents
            .iter()
            .rev()
            .map(|d| (d.path.clone(), d.text.clone()))
            .collect();
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        compare_texts(&refs, &Options::default())
    }

    #[test]
    fn a_review_stays_with_its_finding_when_compared_again_and_makes_the_memo() {
        let mut cmp = two();
        let conflict = cmp
            .findings
            .iter()
            .position(|f| f.status == FindingStatus::Conflict)
            .expect("the tolls conflict");
        let other = cmp
            .findings
            .iter()
            .position(|f| f.status != FindingStatus::Conflict)
            .expect("another finding");
        set(&mut cmp, other, Some(Verdict::NeedsCall), "ask the desk");
        set(&mut cmp, conflict, Some(Verdict::Checked), "");
        // Compared again with the sources in the other order: the findings' ids and places
        // change, the marks follow what the findings say.
        let mut again = two_reversed();
        again.reviews = cmp.reviews.clone();
        let other = again
            .findings
            .iter()
            .position(|f| f.status != FindingStatus::Conflict)
            .expect("another finding");
        let r = of(&again, &again.findings[other]).expect("kept");
        assert_eq!(
            (r.verdict, r.note.as_str()),
            (Some(Verdict::NeedsCall), "ask the desk")
        );
        let memo = memo(&again);
        assert!(memo.memo);
        assert_eq!(
            memo.findings.len(),
            2,
            "the conflict and the marked finding"
        );
        // Clearing a review removes it.
        set(&mut again, other, None, "  ");
        assert!(of(&again, &again.findings[other]).is_none());
        assert_eq!(again.reviews.len(), 1);
    }
}
