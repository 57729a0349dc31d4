//! Competitors' records: a win-loss(-draw) record and the knockout wins given with it, each tied
//! to the competitor named with it: "Wladimir Klitschko (52-3, 46 KOs)", "Riddick Bowe, 43-1,
//! 33 KO's", "Klitschko improved his record to 52-3", "took Klitschko's record to 52-3 with a
//! remarkable 46 wins by knockout". A competitor has one record at a time, so two sources that
//! give one competitor two records in one story contradict each other wherever they say it.
//! A score ("won 3-1") or a vote ("deadlocked at 9-3") is no record: a record is written right
//! after a name, in brackets or between commas, or after "record".

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::Cx;
use super::people::{PERSON, clean_person};
use crate::model::{Fact, FactKind, Finding, FindingStatus, Span};

/// A record: wins-losses, and draws when given.
const RECORD: &str = r"(?P<rec>\d{1,3}-\d{1,3}(?:-\d{1,3})?)";
/// Knockout wins given with a record.
const KNOCKOUTS: &str = r"(?P<ko>\d{1,3}\s+(?:KO['’]s|KOs?|knockouts?|wins\s+by\s+knockout))\b";

static RECORD_RES: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let re = |s: String| Regex::new(&s).expect("valid record regex");
    [
        // "Klitschko (52-3, 46 KOs)", "Bowe, 43-1, 33 KO's".
        re(format!(
            r"(?P<name>{PERSON})(?:['’]s)?\s*(?:\(|,\s+){RECORD}(?-u:\b)(?:,\s*{KNOCKOUTS})?"
        )),
        // "Klitschko's record to 52-3", "Klitschko improved his record to 52-3 with 46 KOs".
        re(format!(
            r"(?P<name>{PERSON})(?:['’]s|\s+improved\s+(?:his|her|its|their))\s+record\s+(?:to|of|at)\s+{RECORD}(?-u:\b)(?:\s+with\s+(?:an?\s+[a-z]+\s+)?{KNOCKOUTS})?"
        )),
    ]
});

/// What a record fact measures, read from its value.
fn measure(value: &str) -> &'static str {
    if value.ends_with(" knockouts") {
        "knockout count"
    } else {
        "win-loss record"
    }
}

/// Record facts of the sentence at `span`.
pub(crate) fn extract(text: &str, span: Span) -> Vec<Fact> {
    let sentence = &text[span.start..span.end];
    let mut out: Vec<Fact> = Vec::new();
    for re in RECORD_RES.iter() {
        for c in re.captures_iter(sentence) {
            let (Some(name), Some(rec)) = (c.name("name"), c.name("rec")) else {
                continue;
            };
            let Some(person) = clean_person(name.as_str()) else {
                continue;
            };
            let mut push = |m: regex::Match, value: String, note: &str| {
                let (start, end) = (span.start + m.start(), span.start + m.end());
                if out.iter().any(|f| f.start < end && start < f.end) {
                    return;
                }
                out.push(Fact {
                    kind: FactKind::Record,
                    start,
                    end,
                    text: text[start..end].to_string(),
                    value,
                    subject: person.clone(),
                    note: format!("{note} of {person}"),
                });
            };
            push(rec, rec.as_str().to_string(), "win-loss record as written");
            if let Some(ko) = c.name("ko") {
                let n = ko.as_str().split_whitespace().next().unwrap_or("");
                push(ko, format!("{n} knockouts"), "knockout wins");
            }
        }
    }
    out.sort_by_key(|f| f.start);
    out
}

// Comparison of the sources' facts of this kind.

impl Cx<'_> {
    /// Per competitor (one name across sources, as for titles) and measure: the records the
    /// sources give. Two different ones in two sources are a conflict.
    pub(super) fn records(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Record);
        let known = self.known_people();
        let mut by_slot: BTreeMap<(String, &'static str), Vec<usize>> = BTreeMap::new();
        for &m in &members {
            let it = &self.items[m];
            let person = self.link_person(&it.fact.subject, it.doc, &known);
            by_slot
                .entry((person, measure(&it.fact.value)))
                .or_default()
                .push(m);
        }
        let mut out = Vec::new();
        for ((person, what), ms) in by_slot {
            let docs: BTreeSet<usize> = ms.iter().map(|&m| self.items[m].doc).collect();
            let mut values: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
            for &m in &ms {
                values
                    .entry(self.items[m].fact.value.as_str())
                    .or_default()
                    .insert(self.items[m].doc);
            }
            let listing = values
                .iter()
                .map(|(v, ds)| {
                    let by: Vec<String> = ds.iter().map(|&d| self.source(d)).collect();
                    format!("{v} ({})", by.join(", "))
                })
                .collect::<Vec<_>>();
            let slot = format!("{person}'s {what}");
            let (status, summary, reason) = if docs.len() >= 2 && values.len() >= 2 {
                (
                    FindingStatus::Conflict,
                    format!("{slot} differs: {}", listing.join(" vs ")),
                    "a competitor has one record at a time: the sources' records cannot both be \
                     right",
                )
            } else if docs.len() >= 2 {
                (
                    FindingStatus::Agree,
                    format!("{slot} agrees: {}", listing.join(", ")),
                    "the same record",
                )
            } else {
                (
                    FindingStatus::SingleSource,
                    format!(
                        "Only {} gives {slot}: {}",
                        self.docs_label(&ms),
                        listing.join(", ")
                    ),
                    super::ONE_SOURCE,
                )
            };
            let mut f = self
                .finding(FactKind::Record, status, summary, &ms, &BTreeMap::new())
                .about(slot, reason);
            // A record holds across the whole document, not one passage.
            if docs.len() >= 2 {
                f.group = None;
            }
            out.push(f);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(s: &str) -> Vec<(String, String)> {
        extract(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
        )
        .into_iter()
        .map(|f| (f.subject, f.value))
        .collect()
    }

    fn r(p: &str, v: &str) -> (String, String) {
        (p.to_string(), v.to_string())
    }

    #[test]
    fn records_are_read_after_a_name() {
        assert_eq!(
            records("Wladimir Klitschko (52-3, 46 KOs) beat Hasim Rahman (45-7-2, 36 KOs)."),
            vec![
                r("Wladimir Klitschko", "52-3"),
                r("Wladimir Klitschko", "46 knockouts"),
                r("Hasim Rahman", "45-7-2"),
                r("Hasim Rahman", "36 knockouts"),
            ]
        );
        assert_eq!(
            records("Champion Ana Ruiz, 21-2, 14 KO's, won again."),
            vec![
                r("Champion Ana Ruiz", "21-2"),
                r("Champion Ana Ruiz", "14 knockouts")
            ]
        );
        assert_eq!(
            records("The win took Ruiz's record to 22-2 with a remarkable 15 wins by knockout."),
            vec![r("Ruiz", "22-2"), r("Ruiz", "15 knockouts")]
        );
    }

    #[test]
    fn scores_votes_and_dates_are_no_records() {
        for s in [
            "Harbor United won 3-1 on Sunday.",
            "The jury was deadlocked at 9-3 after four days.",
            "The festival runs on June 9-11 in Kessel.",
        ] {
            assert!(records(s).is_empty(), "{s}: {:?}", records(s));
        }
    }
}
