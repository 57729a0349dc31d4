//! Competitors' records: a win-loss(-draw) record and the knockout wins given with it, each tied
//! to the competitor named with it: "Wladimir Klitschko (52-3, 46 KOs)", "Riddick Bowe, 43-1,
//! 33 KO's", "Klitschko improved his record to 52-3", "took Klitschko's record to 52-3 with a
//! remarkable 46 wins by knockout". A record grows fight by fight, so two records of one
//! competitor that may both hold (21-2 before a fight, 22-2 after it) are a developing figure;
//! they conflict only when one cannot have grown into the other (22-2 and 21-3), has grown past
//! the record a source says the story's bout brought ("took her record to 22-2" and 23-2), or
//! when two reports of one event (an aligned group) give them. A score ("won 3-1", "beat Sharapova, 6-4,
//! 6-3") or a vote ("the Senate, 52-48,") is no record: a record stands in brackets right after a
//! name, between commas with a knockout count, or after "record".

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

static RECORD_RES: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    let re = |s: String| Regex::new(&s).expect("valid record regex");
    [
        // "Klitschko (52-3, 46 KOs)", "Bowe (43-1)".
        re(format!(
            r"(?P<name>{PERSON})\s*\({RECORD}(?:,\s*{KNOCKOUTS})?\)"
        )),
        // "Bowe, 43-1, 33 KO's".
        re(format!(r"(?P<name>{PERSON}),\s+{RECORD},\s*{KNOCKOUTS}")),
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

/// Wins, losses and draws of a record value ("45-7-2").
fn parts(value: &str) -> Option<[u32; 3]> {
    let mut it = value.split('-').map(str::parse::<u32>);
    let w = it.next()?.ok()?;
    let l = it.next()?.ok()?;
    let d = it.next().transpose().ok()?.unwrap_or(0);
    Some([w, l, d])
}

/// Two values of one measure that may both hold at different times: a record or a knockout
/// count only grows.
fn may_both_hold(a: &str, b: &str) -> bool {
    let number = |v: &str| v.split(' ').next().and_then(|n| n.parse::<u32>().ok());
    match (parts(a), parts(b), number(a), number(b)) {
        (Some(x), Some(y), _, _) => {
            x.iter().zip(&y).all(|(p, q)| p >= q) || x.iter().zip(&y).all(|(p, q)| p <= q)
        }
        (None, None, Some(_), Some(_)) => true,
        _ => false,
    }
}

/// Most bouts a record can grow by between two reports of one story: the bout the story is
/// about (a preview gives the record before it, a report of the result the record after).
const BOUTS_IN_A_STORY: u32 = 1;

/// Most bouts apart two records of one story can be for the gap to be a slip: further apart,
/// they are more likely two kinds of record (a career's and its title fights') than one told
/// wrong.
const BOUTS_A_SLIP: u32 = 3;

/// Most days between two reports' datelines for them to tell of one bout's time: reports
/// further apart may give records a fight or more apart.
const DAYS_OF_A_STORY: i64 = 14;

/// `later` has grown past `earlier`: more bouts (or knockouts), none fewer.
fn grown_past(later: &str, earlier: &str) -> bool {
    let number = |v: &str| v.split(' ').next().and_then(|n| n.parse::<u32>().ok());
    match (parts(later), parts(earlier), number(later), number(earlier)) {
        (Some(x), Some(y), _, _) => {
            // A record written without its draws ("23-2" beside "23-2-1") says nothing of them.
            let told = |v: &str| v.split('-').count();
            let n = told(later).min(told(earlier));
            let (x, y) = (&x[..n], &y[..n]);
            x != y && x.iter().zip(y).all(|(p, q)| p >= q)
        }
        (None, None, Some(x), Some(y)) => x > y,
        _ => false,
    }
}

/// The record at byte `at` of `text` (its paragraph, up to the end of the record's sentence) is
/// told as the one the story's bout brought `holder` to: after "record to" ("took Ruiz's record
/// to 22-2", "… to 22-2 with 15 wins by knockout"), in a sentence that names no other
/// competitor, which with the sentence before it names no year and no earlier bout ("her last
/// fight"), a "since" clause after the record aside (it
/// tells where a run began: "…, unbeaten since losing to Brewster in 2004"). "A stoppage of
/// Maria Lopez took her record to 22-2", "… by stopping Lopez in March 2024" or "Her last fight
/// took her record to 22-2" tell of another bout, as a preview's recap does.
fn told_as_after(text: &str, at: usize, holder: &str) -> bool {
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"\brecord\s+to\s+(?:{}\s+with\s+(?:an?\s+[a-z]+\s+)?)?$",
            RECORD.replace("?P<rec>", "")
        ))
        .expect("valid record regex")
    });
    static EARLIER_BOUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:last|previous|prior|latest)\s+(?:fight|bout|outing|win|victory|time\s+out)\b")
            .expect("valid earlier-bout regex")
    });
    let Some(before) = text.get(..at) else {
        return false;
    };
    let told = text[at..].find(" since ").map_or(text, |k| &text[..at + k]);
    // Names are read in the record's sentence: a report of the result names the story's
    // opponent in the sentences before.
    let sentence_start = before.rfind(['.', '!', '?']).map_or(0, |k| k + 1);
    // Years and earlier bouts are read there and in the sentence before, which the record's
    // may refer to ("In March 2024 she stopped Lopez. The win took her record to 22-2").
    let previous_start = before[..sentence_start.saturating_sub(1)]
        .rfind(['.', '!', '?'])
        .map_or(0, |k| k + 1);
    let near = &told[previous_start..];
    let own: Vec<&str> = holder.split_whitespace().collect();
    // A name: a capitalized word, not the holder's, nor an acronym ("IBF", "KOs"), nor a
    // function word opening a sentence ("The", "Her").
    let names_another = told[sentence_start..].split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
        let bare = w.trim_end_matches("'s").trim_end_matches("’s");
        let acronym = bare
            .trim_end_matches('s')
            .chars()
            .all(|c| !c.is_lowercase());
        bare.starts_with(char::is_uppercase)
            && !acronym
            && !own.contains(&bare)
            && !crate::text::is_stopword(&bare.to_lowercase())
    });
    AFTER.is_match(before)
        && !names_another
        && super::years_in(near).is_empty()
        && !EARLIER_BOUT.is_match(near)
}

/// How many bouts lie between two values of one measure: wins, losses and draws of two
/// records, or two knockout counts.
fn bouts_between(a: &str, b: &str) -> Option<u32> {
    let number = |v: &str| v.split(' ').next().and_then(|n| n.parse::<u32>().ok());
    match (parts(a), parts(b), number(a), number(b)) {
        (Some(x), Some(y), _, _) => {
            // A record written without its draws ("45-7") says nothing of them.
            let told = |v: &str| v.split('-').count();
            let n = told(a).min(told(b));
            Some(x.iter().zip(&y).take(n).map(|(p, q)| p.abs_diff(*q)).sum())
        }
        (None, None, Some(x), Some(y)) => Some(x.abs_diff(y)),
        _ => None,
    }
}

/// Record facts of the sentence at `span`, leaving out `claimed` spans (dates).
pub(crate) fn extract(text: &str, span: Span, claimed: &[(usize, usize)]) -> Vec<Fact> {
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
            // "his record to 14-1 in world title fights", "… 9-2 against left-handers": a
            // record of some of the bouts, not the competitor's record.
            let rest = sentence[c.get(0).map_or(0, |m| m.end())..].trim_start();
            if ["in ", "against ", "at ", "as ", "versus ", "vs"]
                .iter()
                .any(|w| rest.starts_with(w))
            {
                continue;
            }
            let mut push = |m: regex::Match, value: String, note: &str| {
                let (start, end) = (span.start + m.start(), span.start + m.end());
                let taken = |&(a, b): &(usize, usize)| a < end && start < b;
                if out.iter().any(|f| taken(&(f.start, f.end))) || claimed.iter().any(taken) {
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
        // Competitors with a knockout count: fighters, whose bouts are weeks apart (a team
        // plays every few days, and its record may grow by two between two reports of a week).
        let fighters: BTreeSet<String> = by_slot
            .keys()
            .filter(|(_, what)| *what == "knockout count")
            .map(|(p, _)| p.clone())
            .collect();
        let mut out = Vec::new();
        for ((person, what), ms) in by_slot {
            let fighter = fighters.contains(&person);
            out.push(self.record_finding(&person, what, ms, fighter));
        }
        out
    }

    /// The finding of one competitor's record (or knockout count): the values each source
    /// gives, and whether two sources' values cannot both hold. A `fighter` (a competitor with
    /// a knockout count) fights once in a story's time.
    fn record_finding(&self, person: &str, what: &str, ms: Vec<usize>, fighter: bool) -> Finding {
        let docs: BTreeSet<usize> = ms.iter().map(|&m| self.items[m].doc).collect();
        let mut values: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
        // Per source, each value it gives with the aligned groups it gives it in.
        let mut said: BTreeMap<usize, BTreeMap<&str, BTreeSet<&str>>> = BTreeMap::new();
        // Per source and value: every passage giving it tells of the story's own time (no year
        // named, no "last year"), so it is the record before or after the story's bout.
        let mut now: BTreeMap<(usize, &str), bool> = BTreeMap::new();
        // Per source, the values it tells as the record the story's bout brought the competitor
        // to ([`told_as_after`]).
        let mut after: BTreeSet<(usize, &str)> = BTreeSet::new();
        for &m in &ms {
            let it = &self.items[m];
            let told_after = self
                .told_up_to(m)
                .is_some_and(|(text, at)| told_as_after(text, at, &it.fact.subject));
            if told_after {
                after.insert((it.doc, it.fact.value.as_str()));
            }
            // A record a bout brought is of that bout's time: its sentence names no year, one
            // after a "since" aside ([`told_as_after`]).
            let of_now = !self.contexts.elsewhen[it.context]
                && (self.contexts.years[it.context].is_empty() || told_after);
            now.entry((it.doc, it.fact.value.as_str()))
                .and_modify(|n| *n &= of_now)
                .or_insert(of_now);
            values
                .entry(it.fact.value.as_str())
                .or_default()
                .insert(it.doc);
            said.entry(it.doc)
                .or_default()
                .entry(it.fact.value.as_str())
                .or_default()
                .extend(it.group);
        }
        // Two sources differ when they give no value in common; a source that gives two
        // values of its own (before and after) differs from no one by them. Only sources
        // that tell one story can contradict each other.
        let story = |d: usize| self.cmp.documents.get(d).map(|x| x.story);
        // Weighed per pair of sources, not of mentions; a source that gives more values of
        // one competitor than WEIGHED is no list of records and contradicts no one.
        const WEIGHED: usize = 8;
        let sources: Vec<(&usize, &BTreeMap<&str, BTreeSet<&str>>)> = said.iter().collect();
        // One source tells a record as the one the story's bout brought the competitor to, the
        // other gives one grown past it: that needs a bout the story does not tell of.
        // A source dated before the other may tell of a bout before the other's (a preview's
        // recap of the last fight).
        let dated_before = |x: usize, y: usize| matches!((self.dateline_of(x), self.dateline_of(y)), (Some(p), Some(q)) if p < q);
        let beyond_the_bout = |(a, v): (usize, &str), (b, w): (usize, &str)| {
            after.contains(&(a, v)) && grown_past(w, v) && !dated_before(a, b)
                || after.contains(&(b, w)) && grown_past(v, w) && !dated_before(b, a)
        };
        let (mut differing, mut conflict) = (false, false);
        for (i, &(&a, x)) in sources.iter().enumerate() {
            for &(&b, y) in &sources[i + 1..] {
                if x.keys().any(|v| y.contains_key(v)) {
                    continue;
                }
                differing = true;
                conflict = conflict
                    || (story(a) == story(b)
                        && x.len() <= WEIGHED
                        && y.len() <= WEIGHED
                        && x.iter().any(|(v, gx)| {
                            y.iter().any(|(w, gy)| {
                                !may_both_hold(v, w)
                                    || !gx.is_disjoint(gy)
                                    || (fighter
                                        && bouts_between(v, w).is_some_and(|n| {
                                            n <= BOUTS_A_SLIP
                                                && (n > BOUTS_IN_A_STORY
                                                    || beyond_the_bout((a, v), (b, w)))
                                        })
                                        && now[&(a, *v)]
                                        && now[&(b, *w)]
                                        && !self.dated_apart(a, b, DAYS_OF_A_STORY))
                            })
                        }));
            }
        }
        // Smallest first: the order a record grows in.
        let mut values: Vec<(&str, BTreeSet<usize>)> = values.into_iter().collect();
        values.sort_by_key(|(v, _)| {
            parts(v).unwrap_or([
                v.split(' ')
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0),
                0,
                0,
            ])
        });
        let listing = values
            .iter()
            .map(|(v, ds)| {
                let by: Vec<String> = ds.iter().map(|&d| self.source(d)).collect();
                format!("{v} ({})", by.join(", "))
            })
            .collect::<Vec<_>>();
        let slot = format!("{person}'s {what}");
        let (status, summary, reason) = if conflict {
            (
                FindingStatus::Conflict,
                format!("{slot} differs: {}", listing.join(" vs ")),
                "one record cannot have grown into the other, or has grown by more than the \
                 one bout a story tells of, or past the record a source says that bout brought, \
                 or two reports of one event give them",
            )
        } else if differing {
            (
                FindingStatus::Developing,
                format!("{slot} differs, all may hold: {}", listing.join(" → ")),
                "records that may all hold: a record grows with each fight",
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
                    values
                        .iter()
                        .map(|(v, _)| *v)
                        .collect::<Vec<_>>()
                        .join(", ")
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
        f
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
            &[],
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
    fn a_record_that_grew_may_hold_beside_the_old_one() {
        assert!(may_both_hold("21-2", "22-2"));
        assert!(may_both_hold("45-7-2", "45-7"));
        assert!(may_both_hold("46 knockouts", "47 knockouts"));
        assert!(!may_both_hold("22-2", "21-3"));
        assert_eq!(bouts_between("43-1", "45-1"), Some(2));
        assert_eq!(bouts_between("52-3", "53-3"), Some(1));
        assert_eq!(bouts_between("45-7-2", "45-7"), Some(0));
        assert_eq!(bouts_between("45-7-2", "45-7-4"), Some(2));
        assert_eq!(bouts_between("33 knockouts", "35 knockouts"), Some(2));
        assert_eq!(bouts_between("33 knockouts", "43-1"), None);
    }

    #[test]
    fn scores_votes_and_dates_are_no_records() {
        for s in [
            "The win improved Klitschko's record to 14-1 in world title fights.",
            "Harbor United won 3-1 on Sunday.",
            "The jury was deadlocked at 9-3 after four days.",
            "The festival runs on June 9-11 in Kessel.",
            "Ruiz beat Maria Sharapova, 6-4, 6-3, in the final.",
            "The bill passed the Senate, 52-48, on Tuesday.",
            "The guard, Tom Smith, 6-4, 220 pounds, signed on Monday.",
            "Call Jane Doe, 212-555-0123, for tickets.",
        ] {
            assert!(records(s).is_empty(), "{s}: {:?}", records(s));
        }
    }
}
