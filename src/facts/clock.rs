//! Times on a game clock: how far into a round, quarter or period something happened ("stopped
//! the fight at 2:56 of the sixth round", "44 seconds into the seventh round", "at the 2:15
//! mark"). Read as a time of day they would be wrong ("2:56" is not four minutes to three), and
//! as a bare count ("44 seconds") they would be set against any other count of seconds.
//!
//! Most clock times of a story are different moments (each goal, each knockdown), so only the
//! moment a contest ended is one slot: two clock times of the stoppage ("stopped", "ended",
//! "knockout"), in one round when both name it, told of the same contestants (a name both
//! passages give, or one aligned group), are one fact, and two different times of it conflict.
//! A time remaining ("with two seconds remaining") is not read: it needs the length of the
//! round, which the words do not give.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

use super::Cx;
use super::classes::Sets;
use crate::model::{Fact, FactKind, Finding, FindingStatus, Span};

/// Ordinals of rounds and periods, as words and as figures.
const ORDINAL: &str = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|opening|final|\d{1,2}(?:st|nd|rd|th))";

/// Periods of play a clock runs in.
const PERIOD: &str = r"(?:round|quarter|half|period|inning|frame|overtime)";

/// A clock time "at 2:56", "at the 2:15 mark", "after 44 seconds of the seventh round", "one
/// minute and 20 seconds into the third quarter".
static CLOCK_RE: LazyLock<Regex> = LazyLock::new(|| {
    let count = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)";
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<mmss>(?:at|after)\s+(?:the\s+)?(?P<m>\d{{1,2}}):(?P<s>[0-5]\d)(?P<mark>\s+mark)?(?-u:\b))|(?P<span>(?P<after>after\s+)?(?P<amount>(?:(?P<min>{count})\s+minutes?(?:,?\s+(?:and\s+)?)?)?(?:(?P<sec>{count})\s+seconds?)?)\s+(?P<prep>into|of)\s+the\s+(?P<ord>{ORDINAL})(?:\s+(?P<per>{PERIOD}))?(?-u:\b)))"
    ))
    .expect("valid clock regex")
});

/// An ordinal with a period ("the sixth round"), or alone after "in the" and before a clause's
/// end ("in the seventh,", "in the sixth with a left hook"; not "the first to arrive"): the
/// round a sentence tells of.
static PERIOD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<o1>{ORDINAL})\s+(?P<p1>{PERIOD})(?P<of>\s+of(?-u:\b))?|(?:in|into|of|by)\s+the\s+(?P<o2>{ORDINAL})(?:\s*[,.;]|\s+(?:with|and|when|before|after|but)(?-u:\b)|$))"
    ))
    .expect("valid period regex")
});

/// A word of a period of play anywhere in the sentence: without one (or a period's ordinal, or
/// "mark"), "at 2:56" is a time of day.
static ANY_PERIOD_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<p>{PERIOD})s?(?-u:\b)(?P<of>\s+of(?-u:\b))?"
    ))
    .expect("valid regex")
});

/// The period of play a sentence names ("round"; not "a round of talks", "the third quarter
/// of the year"), lowercase.
fn period_word(sentence: &str) -> Option<String> {
    ANY_PERIOD_RE
        .captures_iter(sentence)
        .find(|c| c.name("of").is_none())
        .and_then(|c| Some(c.name("p")?.as_str().to_lowercase()))
}

/// A period of play: its number and what the sentence calls it ("round 7", or "period 6" when
/// it says only "in the sixth").
#[derive(Debug, Clone, PartialEq, Eq)]
struct Period {
    number: u32,
    word: String,
}

/// What a period is called when the sentence gives no word for it.
const PERIOD_WORD: &str = "period";

/// Words that the contest ended at that moment: the one clock time a story has once ("stopped
/// 32 shots", a goalkeeper's saves, is not one).
static ENDED_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:(?i:stop(?:s|ped|ping|page)?|ended|finish(?:es|ed)?|waved\s+(?:it\s+)?off|knock(?:out|ed\s+out))|KO|TKO)(?-u:\b)(?P<count>\s+\d)?")
        .expect("valid ended regex")
});

/// Most words between a clock time and the word that the contest ended then, in one clause.
const ENDED_REACH: usize = 8;

/// The contest ended at the clock time at `start..end` of `sentence`: a word that says so
/// stands within [`ENDED_REACH`] words of it, with no comma or clause break between.
fn ended_at(sentence: &str, start: usize, end: usize) -> bool {
    ENDED_RE
        .captures_iter(sentence)
        .filter(|c| c.name("count").is_none())
        .filter_map(|c| c.get(0))
        .any(|w| {
            let between = if w.end() <= start {
                &sentence[w.end()..start]
            } else if w.start() >= end {
                &sentence[end..w.start()]
            } else {
                return false;
            };
            // "dropped him again at 2:05 before the referee waved it off": a moment before
            // the end is not the end ("stopping Rahman after 44 seconds" is).
            let apart = w.start() >= end
                && between.split_whitespace().any(|w| {
                    w.trim_matches(|c: char| !c.is_alphabetic())
                        .eq_ignore_ascii_case("before")
                });
            !between.contains([',', ';', ':', '(', ')', '—', '–'])
                && !apart
                && between.split_whitespace().count() <= ENDED_REACH
        })
}

/// Words before a count of seconds that make it no moment ("the final 10 seconds of the third
/// round", "the first 30 seconds"), and after it ("with 30 seconds remaining").
const NOT_A_MOMENT_BEFORE: [&str; 6] =
    ["final", "last", "closing", "first", "opening", "remaining"];
const NOT_A_MOMENT_AFTER: [&str; 3] = ["remaining", "left", "to go"];

/// Most minutes into a period a clock time can be (hockey's period is twenty).
const MAX_MINUTES: u32 = 20;

/// What the subject of a clock fact says when it is the moment the contest ended.
const STOPPAGE: &str = "stoppage";

/// The round an ordinal names (none for "final", which names none by number).
fn ordinal(w: &str) -> Option<u32> {
    const WORDS: [&str; 15] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
    ];
    let w = w.to_lowercase();
    if w == "opening" {
        return Some(1);
    }
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as u32 + 1);
    }
    w.trim_end_matches(|c: char| c.is_alphabetic()).parse().ok()
}

/// A clock fact's value: how far into the period, and which period when told
/// ("0:44 into round 7").
fn value(seconds: u32, period: Option<&Period>) -> String {
    let clock = format!("{}:{:02}", seconds / 60, seconds % 60);
    match period {
        Some(p) if p.number > 0 => format!("{clock} into {} {}", p.word, p.number),
        _ => clock,
    }
}

/// A clock fact's value read back: (seconds, period).
fn read(value: &str) -> Option<(u32, Option<Period>)> {
    let (clock, period) = match value.split_once(" into ") {
        Some((c, p)) => {
            let (word, number) = p.rsplit_once(' ')?;
            let period = Period {
                number: number.parse().ok()?,
                word: word.to_string(),
            };
            (c, Some(period))
        }
        None => (value, None),
    };
    let (m, s) = clock.split_once(':')?;
    Some((m.parse::<u32>().ok()? * 60 + s.parse::<u32>().ok()?, period))
}

/// The period the sentence tells of nearest before byte `at` (else the first after it).
fn period_near(sentence: &str, at: usize) -> Option<Period> {
    let found: Vec<(usize, Period)> = PERIOD_RE
        .captures_iter(sentence)
        .filter(|c| c.name("of").is_none())
        .filter_map(|c| {
            let o = c.name("o1").or_else(|| c.name("o2"))?;
            let word = c
                .name("p1")
                .map(|p| p.as_str().to_lowercase())
                .or_else(|| period_word(sentence))
                .unwrap_or_else(|| PERIOD_WORD.to_string());
            let number = ordinal(o.as_str())?;
            Some((o.start(), Period { number, word }))
        })
        .collect();
    let at = found
        .iter()
        .rposition(|(i, _)| *i < at)
        .or((!found.is_empty()).then_some(0))?;
    found.into_iter().nth(at).map(|(_, p)| p)
}

/// Clock facts of the sentence at `span`: the words as written, the value `0:44 into round 7`
/// (minutes and seconds, then the period when the sentence names it), and the subject
/// [`STOPPAGE`] when the sentence tells that the contest ended then.
pub(crate) fn extract(text: &str, span: Span) -> Vec<Fact> {
    let sentence = &text[span.start..span.end];
    CLOCK_RE
        .captures_iter(sentence)
        .filter_map(|c| {
            let m = c.get(0)?;
            let (seconds, period, how) = if c.name("mmss").is_some() {
                let minutes: u32 = c.name("m")?.as_str().parse().ok()?;
                let marked = c.name("mark").is_some();
                // "at 2:56" is a clock time only in a sentence about a period of play, and
                // never one followed by "a.m.", "p.m." or a time zone.
                let after = sentence[m.end()..].trim_start().to_lowercase();
                let of_day = [
                    "a.m", "am", "p.m", "pm", "gmt", "utc", "local", "hrs", "hours", "et", "est",
                    "edt", "pt", "ist", "cet",
                ]
                .iter()
                .any(|w| after.starts_with(w));
                // The period named right after the time ("at 2:56 of the sixth round"), else
                // the one the sentence tells of nearest before it.
                let right_after = PERIOD_RE
                    .captures(&sentence[m.end()..])
                    .filter(|p| {
                        let lead = &sentence[m.end()..m.end() + p.get(0).map_or(0, |x| x.start())];
                        matches!(
                            lead.trim().to_lowercase().as_str(),
                            "of the" | "in the" | "into the"
                        )
                    })
                    .is_some();
                let period = if right_after {
                    period_near(&sentence[m.end()..], 0)
                        .or_else(|| period_near(sentence, m.start()))
                } else {
                    period_near(sentence, m.start())
                };
                // Without "mark" or its period right after it, a time like "at 9:30" is one
                // of the game only where the sentence names a round and the contest's end.
                let of_play = marked
                    || right_after
                    || (period.is_some() && ended_at(sentence, m.start(), m.end()));
                if minutes > MAX_MINUTES || of_day || !of_play {
                    return None;
                }
                let secs: u32 = c.name("s")?.as_str().parse().ok()?;
                (minutes * 60 + secs, period, "as written".to_string())
            } else {
                let minutes = c
                    .name("min")
                    .and_then(|x| crate::text::count_word(x.as_str()));
                let secs = c
                    .name("sec")
                    .and_then(|x| crate::text::count_word(x.as_str()));
                let amount = c.name("amount")?;
                let before = sentence[..amount.start()].to_lowercase();
                let after = sentence[m.end()..].trim_start().to_lowercase();
                // "44 seconds of the seventh round" is a moment only after "after"; a count
                // inside a hyphenated number ("forty-four") or of the period's end is none.
                let not_a_moment = (c
                    .name("prep")
                    .is_some_and(|p| p.as_str().eq_ignore_ascii_case("of"))
                    && c.name("after").is_none())
                    || before.ends_with('-')
                    || NOT_A_MOMENT_BEFORE
                        .iter()
                        .any(|w| before.trim_end().ends_with(w))
                    || NOT_A_MOMENT_AFTER.iter().any(|w| after.starts_with(w));
                if (minutes.is_none() && secs.is_none()) || not_a_moment {
                    return None;
                }
                // "the sixth" with no period word names a period only with a clock before it.
                let ord = c.name("ord")?.as_str();
                let word = c
                    .name("per")
                    .map(|p| p.as_str().to_lowercase())
                    .or_else(|| period_word(sentence))
                    .unwrap_or_else(|| PERIOD_WORD.to_string());
                let period = ordinal(ord).map(|number| Period {
                    number,
                    word: word.clone(),
                });
                let total = minutes.unwrap_or(0) * 60 + secs.unwrap_or(0);
                let how = format!("counted into the {} {word}", ord.to_lowercase());
                (total, period, how)
            };
            if seconds == 0 || seconds > MAX_MINUTES * 60 {
                return None;
            }
            // The words as written are the clock's own ("2:15 mark", "44 seconds"): the
            // period they are counted in is in the value.
            let (start, end) = match c.name("amount") {
                Some(a) => (a.start(), a.end()),
                None => (c.name("m")?.start(), m.end()),
            };
            Some(Fact {
                kind: FactKind::Clock,
                start: span.start + start,
                end: span.start + end,
                text: sentence[start..end].to_string(),
                value: value(seconds, period.as_ref()),
                subject: if ended_at(sentence, start, end) {
                    STOPPAGE.to_string()
                } else {
                    String::new()
                },
                note: format!("a time on the game clock, {how}"),
            })
        })
        .collect()
}

/// The names a passage gives ([`super::quote::name_words`]), days and months left out: they
/// say when, not who ("rahman", "klitschko").
fn names(passage: &str) -> BTreeSet<String> {
    let mut out = super::quote::name_words(passage);
    out.retain(|w| {
        w.chars().count() >= 3
            && !crate::text::is_stopword(w)
            && w.parse::<chrono::Weekday>().is_err()
            && crate::dates::month_number(w).is_none()
    });
    out
}

// Comparison of the sources' facts of this kind.

impl Cx<'_> {
    /// Clock times of the moment a contest ended, per story: two sources' times of it agree or
    /// conflict. Other clock times are single-source findings.
    pub(super) fn clocks(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Clock);
        // The stoppage's clock times, read once: (item, period number, its passage's names).
        let ended: Vec<(usize, Option<u32>, BTreeSet<String>)> = members
            .iter()
            .filter(|&&m| self.items[m].fact.subject == STOPPAGE)
            .filter_map(|&m| {
                let (_, period) = read(&self.items[m].fact.value)?;
                let it = &self.items[m];
                let passage = &self.cmp.documents[it.doc].passages[it.passage].text;
                Some((m, period.map(|p| p.number), names(passage)))
            })
            .collect();
        // Only times of one story and one period, or of one aligned group, are weighed against
        // each other: a time that names no period joins only inside its group.
        let mut buckets: BTreeMap<(usize, Result<u32, &str>), Vec<usize>> = BTreeMap::new();
        for (k, (m, period, _)) in ended.iter().enumerate() {
            let it = &self.items[*m];
            let story = self.cmp.documents[it.doc].story;
            if let Some(p) = period {
                buckets.entry((story, Ok(*p))).or_default().push(k);
            }
            if let Some(g) = it.group {
                buckets.entry((story, Err(g))).or_default().push(k);
            }
        }
        // Components of the stoppage's clock times that tell of one contest.
        let mut sets = Sets::new(ended.len());
        for ((_, key), ks) in &buckets {
            for (i, &ka) in ks.iter().enumerate() {
                for &kb in &ks[i + 1..] {
                    let ((a, pa, na), (b, pb, nb)) = (&ended[ka], &ended[kb]);
                    let linked = match key {
                        // One period by number ("round 7" and "the seventh"), one contest.
                        Ok(_) => self.same_group(*a, *b) || !na.is_disjoint(nb),
                        // One group: a time with no period joins the others.
                        Err(_) => pa.is_none() || pb.is_none(),
                    };
                    if linked && self.items[*a].doc != self.items[*b].doc {
                        sets.union(ka, kb);
                    }
                }
            }
        }
        let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (k, (m, _, _)) in ended.iter().enumerate() {
            comps.entry(sets.find(k)).or_default().push(*m);
        }
        let mut out = Vec::new();
        let mut found: BTreeSet<usize> = BTreeSet::new();
        for comp in comps.into_values() {
            if let Some(f) = self.stoppage_finding(&comp) {
                found.extend(&comp);
                out.push(f);
            }
        }
        // Other clock times, and a stoppage's only one source gives.
        for &m in members.iter().filter(|m| !found.contains(m)) {
            let it = &self.items[m];
            let summary = format!(
                "Only {} states the time “{}” ({}) on the clock",
                self.source(it.doc),
                it.fact.text,
                it.fact.value
            );
            out.push(
                self.finding(
                    FactKind::Clock,
                    FindingStatus::SingleSource,
                    summary,
                    &[m],
                    &BTreeMap::new(),
                )
                .about("a time on the game clock", super::ONE_SOURCE),
            );
        }
        out
    }

    /// The finding of one contest's stoppage as its sources time it (two sources or more).
    fn stoppage_finding(&self, comp: &[usize]) -> Option<Finding> {
        let docs: BTreeSet<usize> = comp.iter().map(|&m| self.items[m].doc).collect();
        if docs.len() < 2 {
            return None;
        }
        let mut by_time: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        let mut per_doc: BTreeMap<usize, BTreeSet<u32>> = BTreeMap::new();
        for &m in comp {
            let (secs, _) = read(&self.items[m].fact.value)?;
            by_time.entry(secs).or_default().push(m);
            per_doc.entry(self.items[m].doc).or_default().insert(secs);
        }
        // Two sources differ when they give no time in common (a source giving two times of
        // its own differs from no one by them).
        let sources: Vec<&BTreeSet<u32>> = per_doc.values().collect();
        let differ = sources
            .iter()
            .enumerate()
            .any(|(i, x)| sources[i + 1..].iter().any(|y| x.is_disjoint(y)));
        let period = comp
            .iter()
            .find_map(|&m| read(&self.items[m].fact.value).and_then(|(_, p)| p));
        let slot = match period {
            Some(p) => format!(
                "the time into {} {} when the contest was stopped",
                p.word, p.number
            ),
            None => "the time on the clock when the contest was stopped".to_string(),
        };
        let listing: Vec<String> = by_time
            .iter()
            .map(|(secs, ms)| {
                let written: BTreeSet<&str> = ms
                    .iter()
                    .map(|&m| self.items[m].fact.text.as_str())
                    .collect();
                format!(
                    "{}:{:02} (“{}” in {})",
                    secs / 60,
                    secs % 60,
                    written.into_iter().collect::<Vec<_>>().join("”, “"),
                    self.docs_label(ms)
                )
            })
            .collect();
        let (status, summary, reason) = if differ {
            (
                FindingStatus::Conflict,
                format!("Time of the stoppage differs: {}", listing.join(" vs ")),
                "two times on the clock for the moment one contest was stopped",
            )
        } else {
            (
                FindingStatus::Agree,
                format!("Time of the stoppage agrees: {}", listing.join(", ")),
                "the same time on the clock, however written",
            )
        };
        let mut members = comp.to_vec();
        members.sort_unstable();
        Some(
            self.finding(FactKind::Clock, status, summary, &members, &BTreeMap::new())
                .about(slot, reason),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clocks(s: &str) -> Vec<(String, String, String)> {
        crate::facts::read_whole(s, extract)
    }

    #[test]
    fn clock_times_are_read_with_their_period() {
        assert_eq!(
            clocks(
                "The champion dropped him again in the sixth, and the referee stopped the fight at 2:56."
            ),
            vec![("2:56".into(), "2:56 into period 6".into(), STOPPAGE.into())]
        );
        assert_eq!(
            clocks("He finished the job 44 seconds into the seventh round."),
            vec![(
                "44 seconds".into(),
                "0:44 into round 7".into(),
                STOPPAGE.into()
            )]
        );
        assert_eq!(
            clocks("The referee stopped it after 44 seconds of the seventh round."),
            vec![(
                "44 seconds".into(),
                "0:44 into round 7".into(),
                STOPPAGE.into()
            )]
        );
        assert_eq!(
            clocks("She scored one minute and 20 seconds into the third quarter."),
            vec![(
                "one minute and 20 seconds".into(),
                "1:20 into quarter 3".into(),
                String::new()
            )]
        );
        assert_eq!(
            clocks(
                "Wrapping it up in the seventh, the referee stopped the fight at the 2:15 mark."
            ),
            vec![(
                "2:15 mark".into(),
                "2:15 into period 7".into(),
                STOPPAGE.into()
            )]
        );
    }

    #[test]
    fn only_the_time_the_contest_was_stopped_is_the_stoppage() {
        assert_eq!(
            clocks(
                "Rahman was down 44 seconds into the fifth round, and the referee stopped the fight at 2:56 of the fifth."
            ),
            vec![
                (
                    "44 seconds".into(),
                    "0:44 into round 5".into(),
                    String::new()
                ),
                ("2:56".into(), "2:56 into round 5".into(), STOPPAGE.into()),
            ]
        );
        // A knockdown before the referee waved it off is no stoppage.
        assert_eq!(
            clocks(
                "Okafor dropped Reyes at 1:30 of the seventh and again at 2:05 before referee Ian Lewis waved it off."
            ),
            Vec::<(String, String, String)>::new()
        );
        // A goalkeeper's saves are no stoppage.
        assert_eq!(
            clocks("Fleury stopped 32 shots and Crosby scored at 4:12 of the second period."),
            vec![("4:12".into(), "4:12 into period 2".into(), String::new())]
        );
        // The round right after the time is its round.
        assert_eq!(
            clocks(
                "After flooring Rahman in the fourth, Klitschko stopped him at 1:30 of the fifth round."
            ),
            vec![("1:30".into(), "1:30 into round 5".into(), STOPPAGE.into())]
        );
        assert_eq!(
            clocks("He was stopped forty-four seconds into the seventh round."),
            vec![(
                "forty-four seconds".into(),
                "0:44 into round 7".into(),
                STOPPAGE.into()
            )]
        );
    }

    #[test]
    fn times_of_day_and_remaining_time_are_no_clock() {
        // No period of play in the sentence: a time of day.
        assert!(clocks("The talks ended at 2:56 on Tuesday.").is_empty());
        assert!(clocks("The second round of talks began at 11:30 a.m.").is_empty());
        assert!(clocks("The second round of talks began at 21:30.").is_empty());
        assert!(clocks("The second round of talks ended at 10:30.").is_empty());
        // A time remaining needs the period's length.
        assert!(clocks("He won with two seconds remaining of the sixth round.").is_empty());
        assert!(clocks("It was her third season into the fourth year.").is_empty());
        assert!(
            clocks("Weeks stopped the bout in the final 10 seconds of the third round.").is_empty()
        );
        assert!(clocks("He lasted 44 seconds of the seventh round.").is_empty());
        assert!(
            clocks("She was the first to arrive, at 9:30, and the talks ended at 11:15.")
                .is_empty()
        );
        assert!(
            clocks("Play in the first round was halted at 4:10 because of lightning.").is_empty()
        );
    }

    #[test]
    fn a_value_reads_back() {
        assert_eq!(
            read("0:44 into round 7"),
            Some((
                44,
                Some(Period {
                    number: 7,
                    word: "round".into()
                })
            ))
        );
        assert_eq!(read("2:15"), Some((135, None)));
        assert_eq!(
            names("In the sixth Klitschko landed a pair of left hooks to floor Rahman."),
            ["klitschko", "rahman"].map(String::from).into()
        );
    }
}
