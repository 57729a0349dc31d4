//! How a passage is marked up for a reader: which of its words are equal to the group's
//! reference, which it adds, which reference words it leaves out, and which words state a fact
//! (and the status of the finding that fact belongs to).
//!
//! This is the one reading of a [`Comparison`] that every view shares: the HTML and Markdown
//! reports print these pieces, and the desktop app draws them, so all of them mark the same
//! words.

use std::collections::BTreeSet;

use crate::model::{
    Comparison, DiffTag, Document, Fact, FindingStatus, Mention, Passage, PassageDiff,
};

/// Statuses in the order they are shown: conflicts first, then single-source facts, then
/// agreements, then what could not be compared.
pub const STATUS_ORDER: [FindingStatus; 4] = [
    FindingStatus::Conflict,
    FindingStatus::SingleSource,
    FindingStatus::Agree,
    FindingStatus::Unresolved,
];

/// The symbol shown with a fact status, next to its word or after a marked fact.
pub fn status_symbol(status: FindingStatus) -> &'static str {
    match status {
        FindingStatus::Conflict => "✗",
        FindingStatus::Agree => "✓",
        FindingStatus::SingleSource => "◆",
        FindingStatus::Unresolved => "?",
    }
}

/// A fact marked in a passage: a mention of a finding (index into `Comparison::findings`, with
/// the finding's status), or a fact the engine found but did not compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactMark {
    Finding(usize, FindingStatus),
    Uncompared,
}

impl FactMark {
    /// Lower is shown first when marks overlap.
    fn rank(self) -> (u8, usize) {
        match self {
            FactMark::Finding(i, s) => {
                let r = STATUS_ORDER
                    .iter()
                    .position(|x| *x == s)
                    .unwrap_or(STATUS_ORDER.len());
                (r as u8, i)
            }
            FactMark::Uncompared => (u8::MAX, 0),
        }
    }
}

/// One run of a passage as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text of the passage, starting at byte `at` of the passage text; `inserted` when the
    /// reference does not have it; `op` is the index of the diff op it comes from.
    Text {
        text: &'a str,
        at: usize,
        inserted: bool,
        op: Option<usize>,
        fact: Option<FactMark>,
    },
    /// Reference words this passage leaves out (diff op `op`).
    Removed { text: &'a str, op: usize },
    /// The end of a marked finding (where its status symbol goes).
    FactEnd(usize, FindingStatus),
}

/// Splits a passage into pieces: equal and inserted words from its diff against the group's
/// reference (when it has one), removed reference words where they were left out, and the spans
/// of facts, marked by the status of the finding they are a mention of.
///
/// A diff that does not rebuild the passage (up to trailing whitespace) is not shown, rather
/// than shown against the wrong words.
pub fn pieces<'a>(
    cmp: &Comparison,
    doc: &'a Document,
    p: &'a Passage,
    diff: Option<&'a PassageDiff>,
) -> Vec<Piece<'a>> {
    let text = doc
        .text
        .get(p.start..p.end)
        .filter(|t| *t == p.text)
        .unwrap_or(&p.text);
    let len = text.len();
    let clamp = |x: usize| -> usize {
        let mut x = x.clamp(p.start, p.start + len) - p.start;
        while !text.is_char_boundary(x) {
            x -= 1;
        }
        x
    };

    // Inserted and equal ranges with their op, and removed runs, from the diff when it covers
    // the passage.
    let mut ranges: Vec<(usize, usize, usize, bool)> = Vec::new();
    let mut removed: Vec<(usize, &str, usize)> = Vec::new();
    if let Some(d) = diff {
        let rebuilt: String = d
            .ops
            .iter()
            .filter(|o| o.op != DiffTag::Delete)
            .map(|o| o.text.as_str())
            .collect();
        if rebuilt.trim_end() == text.trim_end() {
            let mut at = 0;
            for (i, o) in d.ops.iter().enumerate() {
                match o.op {
                    DiffTag::Equal | DiffTag::Insert => {
                        let end = (at + o.text.len()).min(len);
                        if at < end {
                            ranges.push((at, end, i, o.op == DiffTag::Insert));
                        }
                        at = end;
                    }
                    DiffTag::Delete => removed.push((at, o.text.as_str(), i)),
                }
            }
        }
    }

    // Fact spans: mentions of findings, then facts nobody compared.
    let mut facts: Vec<(usize, usize, FactMark)> = Vec::new();
    for (i, f) in cmp.findings.iter().enumerate() {
        for m in f.mentions.iter().filter(|m| m.document == doc.id) {
            if m.start < p.start + len && m.end > p.start {
                facts.push((clamp(m.start), clamp(m.end), FactMark::Finding(i, f.status)));
            }
        }
    }
    for fact in &p.facts {
        let (s, e) = (clamp(fact.start), clamp(fact.end));
        if !facts.iter().any(|&(a, b, _)| a < e && s < b) {
            facts.push((s, e, FactMark::Uncompared));
        }
    }
    facts.retain(|(s, e, _)| s < e);

    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, len]);
    for &(s, e, _, _) in &ranges {
        cuts.insert(s);
        cuts.insert(e);
    }
    for &(at, _, _) in &removed {
        cuts.insert(at.min(len));
    }
    for &(s, e, _) in &facts {
        cuts.insert(s);
        cuts.insert(e);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();

    let mut out = Vec::new();
    let mut open: Option<FactMark> = None;
    let close = |out: &mut Vec<Piece<'a>>, open: Option<FactMark>| {
        if let Some(FactMark::Finding(i, s)) = open {
            out.push(Piece::FactEnd(i, s));
        }
    };
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let fact = facts
            .iter()
            .filter(|&&(s, e, _)| s <= a && b <= e)
            .map(|&(_, _, m)| m)
            .min_by_key(|m| m.rank());
        if fact != open {
            close(&mut out, open);
            open = fact;
        }
        for &(_, t, op) in removed.iter().filter(|(at, _, _)| *at == a) {
            out.push(Piece::Removed { text: t, op });
        }
        let range = ranges.iter().find(|&&(s, e, _, _)| s <= a && b <= e);
        out.push(Piece::Text {
            text: &text[a..b],
            at: a,
            inserted: range.is_some_and(|r| r.3),
            op: range.map(|r| r.2),
            fact,
        });
    }
    close(&mut out, open);
    for &(_, t, op) in removed.iter().filter(|(at, _, _)| *at >= len) {
        out.push(Piece::Removed { text: t, op });
    }
    out
}

/// What a fact mark stands for, for a reader who points at it: the mention of the finding (or
/// the uncompared fact) of document `doc` that covers byte `at` of passage `p`.
#[derive(Debug, Clone, Copy)]
pub enum MarkedFact<'a> {
    Mention(&'a crate::model::Finding, &'a Mention),
    Fact(&'a Fact),
}

impl<'a> MarkedFact<'a> {
    /// The fact behind `mark`, on the text of passage `p` at byte `at` (passage-relative).
    pub fn find(
        cmp: &'a Comparison,
        doc: &Document,
        p: &'a Passage,
        mark: FactMark,
        at: usize,
    ) -> Option<MarkedFact<'a>> {
        let pos = p.start + at;
        match mark {
            FactMark::Finding(i, _) => {
                let f = cmp.findings.get(i)?;
                let m = f
                    .mentions
                    .iter()
                    .filter(|m| m.document == doc.id)
                    .find(|m| m.start <= pos && pos < m.end)?;
                Some(MarkedFact::Mention(f, m))
            }
            FactMark::Uncompared => p
                .facts
                .iter()
                .find(|f| f.start <= pos && pos < f.end)
                .map(MarkedFact::Fact),
        }
    }

    /// The words as written.
    pub fn text(&self) -> &'a str {
        match self {
            MarkedFact::Mention(_, m) => &m.text,
            MarkedFact::Fact(f) => &f.text,
        }
    }

    /// The normalized value.
    pub fn value(&self) -> &'a str {
        match self {
            MarkedFact::Mention(_, m) => &m.value,
            MarkedFact::Fact(f) => &f.value,
        }
    }

    /// How the value was derived.
    pub fn note(&self) -> &'a str {
        match self {
            MarkedFact::Mention(_, m) => &m.note,
            MarkedFact::Fact(f) => &f.note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DiffOp, FactKind, Finding};

    fn doc(text: &str) -> Document {
        Document {
            id: "d0".into(),
            path: "a.txt".into(),
            title: "A".into(),
            dateline: None,
            dateline_source: None,
            kind: "txt".into(),
            encoding: "UTF-8".into(),
            text: text.into(),
            passages: vec![Passage {
                id: "d0.p0".into(),
                start: 0,
                end: text.len(),
                text: text.into(),
                boilerplate: false,
                boilerplate_reason: None,
                paragraph: 0,
                sentences: vec![],
                facts: vec![],
                group: Some("g0".into()),
            }],
            story: 0,
        }
    }

    #[test]
    fn pieces_mark_inserted_removed_and_fact_spans() {
        let d = doc("Rain fell on 3 May.");
        let diff = PassageDiff {
            passage: "d0.p0".into(),
            ops: vec![
                DiffOp {
                    op: DiffTag::Equal,
                    text: "Rain ".into(),
                },
                DiffOp {
                    op: DiffTag::Delete,
                    text: "poured".into(),
                },
                DiffOp {
                    op: DiffTag::Insert,
                    text: "fell".into(),
                },
                DiffOp {
                    op: DiffTag::Equal,
                    text: " on 3 May.".into(),
                },
            ],
            approximate: None,
        };
        let mut cmp = Comparison::empty();
        cmp.findings.push(Finding {
            id: "f0".into(),
            kind: FactKind::Date,
            status: FindingStatus::Conflict,
            summary: "day".into(),
            group: Some("g0".into()),
            mentions: vec![Mention {
                document: "d0".into(),
                start: 13,
                end: 18,
                text: "3 May".into(),
                value: "05-03".into(),
                note: String::new(),
            }],
        });
        let got = pieces(&cmp, &d, &d.passages[0], Some(&diff));
        let mark = Some(FactMark::Finding(0, FindingStatus::Conflict));
        let text = |text, at, inserted, op, fact| Piece::Text {
            text,
            at,
            inserted,
            op: Some(op),
            fact,
        };
        assert_eq!(
            got,
            vec![
                text("Rain ", 0, false, 0, None),
                Piece::Removed {
                    text: "poured",
                    op: 1
                },
                text("fell", 5, true, 2, None),
                text(" on ", 9, false, 3, None),
                text("3 May", 13, false, 3, mark),
                Piece::FactEnd(0, FindingStatus::Conflict),
                text(".", 18, false, 3, None),
            ]
        );
        let Some(MarkedFact::Mention(f, m)) = MarkedFact::find(
            &cmp,
            &d,
            &d.passages[0],
            FactMark::Finding(0, FindingStatus::Conflict),
            14,
        ) else {
            panic!("the mark at byte 14 is the mention of f0");
        };
        assert_eq!((f.id.as_str(), m.value.as_str()), ("f0", "05-03"));
        assert!(
            MarkedFact::find(
                &cmp,
                &d,
                &d.passages[0],
                FactMark::Finding(0, FindingStatus::Conflict),
                2
            )
            .is_none()
        );
    }

    #[test]
    fn a_diff_that_does_not_rebuild_the_passage_is_not_shown() {
        let d = doc("Short text.");
        let diff = PassageDiff {
            passage: "d0.p0".into(),
            ops: vec![DiffOp {
                op: DiffTag::Insert,
                text: "Other".into(),
            }],
            approximate: None,
        };
        let got = pieces(&Comparison::empty(), &d, &d.passages[0], Some(&diff));
        assert_eq!(
            got,
            vec![Piece::Text {
                text: "Short text.",
                at: 0,
                inserted: false,
                op: None,
                fact: None
            }]
        );
    }

    #[test]
    fn an_uncompared_fact_is_marked_and_found() {
        let mut d = doc("About 40 boats sailed.");
        d.passages[0].facts.push(Fact {
            kind: FactKind::Quantity,
            start: 6,
            end: 14,
            text: "40 boats".into(),
            value: "40 boat".into(),
            subject: "boat".into(),
            note: "digits".into(),
        });
        let cmp = Comparison::empty();
        let got = pieces(&cmp, &d, &d.passages[0], None);
        assert!(got.iter().any(|p| matches!(
            p,
            Piece::Text {
                text: "40 boats",
                fact: Some(FactMark::Uncompared),
                ..
            }
        )));
        let found = MarkedFact::find(&cmp, &d, &d.passages[0], FactMark::Uncompared, 7);
        assert_eq!(found.map(|f| f.note()), Some("digits"));
    }
}
