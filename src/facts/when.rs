//! Dates and times in a sentence, absolute ("June 18, 2019", "March 2017", "2012", "8.30pm") and
//! relative ("on Sunday", "today", "last month", "in July", "a week earlier", "this year"),
//! resolved the way news is written: against the document's dateline, or a nearby date that names
//! the year. Every value keeps its grain (`2018-05-13`, `2018-05`, `2018`, a week as
//! `2018-05-07/2018-05-13`, a time as `20:30`) and every note says how it was derived, including
//! the alternative when the reading is ambiguous and the reason when nothing could resolve it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use super::classes::{Classes, Links};
use super::{Cx, TUNING, par_map};
use crate::model::{Finding, FindingStatus};
use crate::text::terms;

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};

use crate::dates::month_number;
use crate::model::{Fact, FactKind, Span};

const MONTH: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?-u:\b)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?-u:\b)\.?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b)";
const PREP: &str = r"(?:(?i:on|in|since|by|until|from|during|through|before|after)\s+)?";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let pats = [
        format!(
            r"(?P<mdy>{PREP}(?:{WEEKDAY},?\s+)?(?P<mdy_m>{MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})(?-u:\b))"
        ),
        format!(
            r"(?P<dmy>{PREP}(?:{WEEKDAY},?\s+)?(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{MONTH}),?\s+(?P<dmy_y>\d{{4}})(?-u:\b))"
        ),
        format!(r"(?P<iso>{PREP}(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})(?-u:\b))"),
        format!(
            r"(?P<my>{PREP}(?:(?P<my_q>(?i:early|mid|late))[-\s]+)?(?P<my_m>{MONTH}),?\s+(?P<my_y>\d{{4}})(?-u:\b))"
        ),
        format!(
            r"(?P<md>{PREP}(?:{WEEKDAY},?\s+)?(?P<md_m>{MONTH})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b))"
        ),
        format!(
            r"(?P<dm>{PREP}(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{MONTH}))"
        ),
        r"(?P<relday>(?-u:\b)(?i:today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))(?-u:\b))".to_string(),
        format!(
            r"(?P<wdp>(?:(?P<wd_mod>(?i:last|this|next|past|coming|on|earlier\s+on|later\s+on))\s+)?(?P<wd>{WEEKDAY})(?:\s+(?i:morning|afternoon|evening|night))?)"
        ),
        r"(?P<per>(?-u:\b)(?P<per_mod>(?i:last|this|next|past|earlier\s+this|later\s+this|early\s+this|late\s+this|earlier\s+last))\s+(?P<per_u>(?i:week|weekend|month|year))(?-u:\b))".to_string(),
        r"(?P<ago>(?-u:\b)(?P<ago_n>(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several|\d{1,3}))\s+(?P<ago_u>(?i:day|week|month|year|decade|century))s?\s+(?P<ago_dir>(?i:ago|earlier|later|before|after|previously)))(?-u:\b)".to_string(),
        format!(
            r"(?P<mon>(?-u:\b)(?:(?P<mon_p>(?i:in|since|by|until|from|on|last|next|this|through|during|of|before|after))\s+)(?:(?P<mon_q>(?i:early|mid|late))[-\s]+)?(?P<mon_m>{MONTH}))"
        ),
        format!(r"(?P<mon2>(?-u:\b)(?P<mon2_q>(?i:early|mid|late))[-\s]+(?P<mon2_m>{MONTH}))"),
        r"(?P<time>(?-u:\b)(?P<t_h>\d{1,2})(?:[.:](?P<t_m>\d{2}))?\s*(?P<t_ap>(?i:a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b))))".to_string(),
        r"(?P<time24>(?-u:\b)(?P<t24_h>[01]?\d|2[0-3]):(?P<t24_m>[0-5]\d)(?-u:\b))".to_string(),
        // "around noon", "at midnight": a time of day only after a word that says when.
        // "after midnight", "before noon" say less than a time: left out.
        r"(?P<noon>(?-u:\b)(?i:at|around|about|by|near)\s+(?P<noon_w>(?i:noon|midday|midnight))(?-u:\b))".to_string(),
        // "at 1100 hrs", "around 0630 hours": the 24-hour clock of military and police
        // statements (a word that says when is needed; see `resolve`).
        r"(?P<mil>(?-u:\b)(?P<mil_p>(?i:at|around|about|by|since)\s+)?(?P<mil_h>[01]\d|2[0-3])(?P<mil_m>[0-5]\d)\s*(?P<mil_u>(?i:hrs|hours))(?-u:\b))".to_string(),
        r"(?P<yr>(?:(?i:in|since|by|until|from|during|of|before|after)\s+)?(?-u:\b)(?P<yr_y>1[89]\d\d|20\d\d)(?-u:\b))".to_string(),
    ];
    Regex::new(&pats.join("|")).expect("valid date regex")
});

static TZ_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?\s+(?P<tz>(?:US|U\.S\.|UK|local|[A-Z][a-z]+|[A-Z][a-z]+\s+[A-Z][a-z]+)\s+time|GMT|UTC|[ECMP][SD]T)(?-u:\b)")
        .expect("valid tz regex")
});

static FUTURE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:will|shall|won't|scheduled|expected\s+to|plans?\s+to|planning\s+to|set\s+to|upcoming|is\s+due|are\s+due|is\s+to|are\s+to)(?-u:\b)|['’]ll(?-u:\b)")
        .expect("valid future regex")
});

/// Verbs of the present that put a date ahead of the writer: "faces a May 19 due date", "the
/// deadline is June 30".
static PRESENT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:faces?|deadline|due|expires?|ends|begins|starts|runs\s+until|is\s+on|are\s+on)(?-u:\b)")
        .expect("valid present regex")
});

static ANCHOR_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?P<m>{MONTH})\s+(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?P<y>\d{{4}})(?-u:\b)|(?-u:\b)(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH}),?\s+(?P<y2>\d{{4}})(?-u:\b)"
    ))
    .expect("valid anchor regex")
});

/// How far around a sentence (bytes) a date naming its year counts as "nearby".
const NEARBY: usize = 1500;

/// A date naming its year near the sentence, used to complete dates that leave it out.
#[derive(Debug, Clone)]
struct Anchor {
    distance: usize,
    before: bool,
    month: u32,
    year: i32,
    day: Option<u32>,
    text: String,
}

/// Date facts of the sentence at `span` in `text`. Returns the facts and the byte spans they
/// claim, so numbers inside dates are not read again as quantities.
pub(crate) fn extract(text: &str, span: Span, dateline: Option<NaiveDate>) -> Vec<Fact> {
    let sentence = &text[span.start..span.end];
    let mut anchors: Option<Vec<Anchor>> = None;
    let mut tense: Option<Tense> = None;
    let mut out = Vec::new();
    for c in DATE_RE.captures_iter(sentence) {
        let Some(m) = c.get(0) else { continue };
        let (mut start, mut end) = (m.start(), m.end());
        if c.name("yr").is_some() && !plausible_year(sentence, &c) {
            continue;
        }
        // "for five years after the audit" is how long, not when.
        if c.name("ago").is_some() && preceding_word(sentence, m.start()) == "for" {
            continue;
        }
        // "about 1200 hours of footage" is how much, not when.
        if c.name("mil").is_some() && sentence[end..].trim_start().starts_with("of ") {
            continue;
        }
        let anchors = anchors.get_or_insert_with(|| find_anchors(text, span));
        let tense = tense.get_or_insert_with(|| Tense::new(sentence));
        let ctx = Ctx {
            dateline,
            future: tense.future_at(sentence, start, end),
            ahead: tense.present_at(sentence, start, end),
            unpast: tense.unpast_at(sentence, start),
            anchors,
        };
        let Some((value, mut note)) = resolve(&c, &ctx) else {
            continue;
        };
        let mut value = value;
        if let Some(tz) = TZ_RE.captures(&sentence[end..])
            && let Some(t) = tz.name("tz")
        {
            value = format!("{value} ({})", t.as_str());
            note = format!("{note}; time zone as written: {}", t.as_str());
            end += tz.get(0).map_or(0, |z| z.end());
        }
        // Leading whitespace is never part of the words as written.
        while sentence[start..].starts_with(char::is_whitespace) {
            start += 1;
        }
        out.push(Fact {
            kind: FactKind::Date,
            start: span.start + start,
            end: span.start + end,
            text: sentence[start..end].to_string(),
            value,
            subject: String::new(),
            note,
        });
    }
    out
}

/// How much of a date its words state, which says how far a resolved value can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wording {
    /// No day, month or year written: "on Thursday", "yesterday", "last week". Its value comes
    /// from the dateline.
    Relative,
    /// A day or month without its year: "October 5". Its year comes from the dateline or a
    /// nearby date.
    NoYear,
    /// The year is written.
    Full,
}

static MONTH_WORD_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(MONTH).expect("valid month regex"));

/// What the words of a date fact state.
pub(crate) fn wording(written: &str) -> Wording {
    // A time of day ("Thursday at 3 p.m.", "at 14:30") says nothing of the date.
    static TIME_RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\b\d{1,2}:\d{2}\b|\b\d{4}\s*(?:hrs|hours)\b|\b(?:noon|midday|midnight)\b")
            .expect("valid time regex")
    });
    let written = TIME_RE.replace_all(written, "");
    let written = written.as_ref();
    let year = written
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4)
        || written
            .split(['\'', '’'])
            .skip(1)
            .any(|rest| rest.len() >= 2 && rest.as_bytes()[..2].iter().all(u8::is_ascii_digit));
    if year {
        Wording::Full
    } else if written.chars().any(|c| c.is_ascii_digit()) || MONTH_WORD_RE.is_match(written) {
        Wording::NoYear
    } else {
        Wording::Relative
    }
}

fn preceding_word(s: &str, at: usize) -> String {
    s[..at]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase()
}

/// Marks that end a clause: a future tense in one clause says nothing of a date in another
/// ("Jackman will host the show, the Academy announced Friday").
pub(super) const CLAUSE_MARKS: &[char] = &[',', ';', ':', '—', '–', '(', ')', '"', '“', '”'];

/// Verbs of reporting that, right before a date, put it in the past whatever else the sentence
/// says ("… will not face charges, a prosecutor said Friday").
const REPORTED: &[&str] = &[
    "said",
    "told",
    "announced",
    "confirmed",
    "reported",
    "added",
    "stated",
    "disclosed",
    "revealed",
    "wrote",
    "tweeted",
];

/// The clauses of a sentence and where it speaks of the future, read once for all its dates.
struct Tense {
    /// Clause breaks ([`clause_breaks`]), in order.
    breaks: Vec<(usize, usize)>,
    /// Where each word of the future ([`FUTURE_RE`]) starts, in order.
    future: Vec<usize>,
    /// A word of the future stands in a main clause (not one opened by "that", "which", …).
    main_future: bool,
    /// The sentence has a verb of the past ([`has_own_verb`]), read once for all its dates.
    past: bool,
}

impl Tense {
    fn new(sentence: &str) -> Self {
        let breaks = clause_breaks(sentence);
        let future: Vec<usize> = FUTURE_RE.find_iter(sentence).map(|m| m.start()).collect();
        let main_future = future.iter().any(|&at| {
            let k = breaks.partition_point(|&(a, _)| a <= at);
            // A clause opened by a word (not a mark) is a subordinate one.
            k.checked_sub(1).is_none_or(|k| breaks[k].0 != breaks[k].1)
        });
        Self {
            breaks,
            future,
            main_future,
            past: has_own_verb(sentence),
        }
    }

    /// The date at `start..end` of `sentence` stands in a sentence with no verb of the past
    /// (a date opening it has its verb after a comma: "On May 13, Trump tweeted"): "The first
    /// leg is in Munich on April 29".
    fn unpast_at(&self, sentence: &str, start: usize) -> bool {
        // "in custody since April 2" counts from a day gone by.
        let since = |w: &str| w.eq_ignore_ascii_case("since");
        !self.past
            && !since(&preceding_word(sentence, start))
            && !sentence[start..]
                .split_whitespace()
                .next()
                .is_some_and(since)
    }

    /// The clause the words at `start..end` stand in, as a byte span of `sentence`.
    fn clause_at(&self, sentence: &str, start: usize, end: usize) -> (usize, usize) {
        let k = self.breaks.partition_point(|&(a, _)| a < start);
        let from = k.checked_sub(1).map_or(0, |k| self.breaks[k].1.min(start));
        let k = self.breaks.partition_point(|&(a, _)| a < end);
        let to = self.breaks.get(k).map_or(sentence.len(), |b| b.0.max(end));
        (from, to)
    }

    /// The date at `start..end` of `sentence` stands in a clause with no verb of the past of its
    /// own and no word of the future: "Greece faces a May 19 due date".
    fn present_at(&self, sentence: &str, start: usize, end: usize) -> bool {
        let (from, to) = self.clause_at(sentence, start, end);
        !has_own_verb(&sentence[from..start])
            && !has_own_verb(&sentence[end..to])
            && !self.future.iter().any(|&x| x >= from && x < to)
            && PRESENT_RE.is_match(&sentence[from..to])
    }

    /// The date at `start..end` of `sentence` is told in the future tense. A verb of reporting
    /// right before it ("the Academy announced Friday") puts it in the past; otherwise its own
    /// clause decides — a word of the future, or a verb of its own in the past — and a clause
    /// with no verb of its own ("On Friday,", "to Mexico, Costa Rica and Brazil on Friday")
    /// takes the tense of the sentence's main clauses.
    fn future_at(&self, sentence: &str, start: usize, end: usize) -> bool {
        let mut words = sentence[..start]
            .split_whitespace()
            .rev()
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase());
        let mut before = words.next();
        if before.as_deref() == Some("on") {
            before = words.next();
        }
        // "passage by Friday": a deadline, ahead unless its clause has a verb of the past.
        let deadline = before.as_deref() == Some("by");
        // "will be announced on Friday" is no report.
        let passive = words.next().is_some_and(|w| is_auxiliary(&w));
        if before.is_some_and(|w| REPORTED.contains(&w.as_str())) && !passive {
            return false;
        }
        let k = self.breaks.partition_point(|&(a, _)| a < start);
        let from = k.checked_sub(1).map_or(0, |k| self.breaks[k].1.min(start));
        let k = self.breaks.partition_point(|&(a, _)| a < end);
        let to = self.breaks.get(k).map_or(sentence.len(), |b| b.0.max(end));
        let f = self.future.partition_point(|&x| x < from);
        if self.future.get(f).is_some_and(|&x| x < to) {
            return true;
        }
        if has_own_verb(&sentence[from..start]) || has_own_verb(&sentence[end..to]) {
            return false;
        }
        deadline || self.main_future
    }
}

/// Words that carry a verb's tense or voice ("will be announced", "has been moved").
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "be" | "been"
            | "being"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "to"
            | "get"
            | "got"
            | "as"
    )
}

/// Part of a clause has a finite verb of its own in the past: a past form, or a word in "-ed"
/// after another word that is no auxiliary ("word emerged", not "expected on Friday" or "will
/// be announced").
fn has_own_verb(part: &str) -> bool {
    let words: Vec<String> = part
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(k, w)| {
        crate::text::PAST_FORMS.contains(&w.as_str())
            || k > 0 && w.len() >= 4 && w.ends_with("ed") && !is_auxiliary(&words[k - 1])
    })
}

/// Words that open a clause of their own.
const SUBORDINATORS: &[&str] = &[
    "that", "which", "who", "because", "although", "though", "while", "whereas", "if", "unless",
];

/// Where the clauses of `s` break, as (start, end) byte spans of the breaks: a mark of
/// [`CLAUSE_MARKS`], or a word of [`SUBORDINATORS`] (which opens the next clause).
fn clause_breaks(s: &str) -> Vec<(usize, usize)> {
    crate::text::tokenize(s)
        .iter()
        .filter(|t| {
            SUBORDINATORS.contains(&t.key.as_str()) || s[t.start..].starts_with(CLAUSE_MARKS)
        })
        .map(|t| (t.start, if t.is_word { t.start } else { t.end }))
        .collect()
}

/// Four digits are a year unless they are money, a count or part of a bigger number.
fn plausible_year(sentence: &str, c: &Captures) -> bool {
    let Some(y) = c.name("yr_y") else {
        return false;
    };
    let before = sentence[..y.start()].chars().next_back();
    let after = &sentence[y.end()..];
    if before.is_some_and(|b| matches!(b, '$' | '€' | '£' | '¥' | ',' | '.' | '-' | '#'))
        || after.starts_with(['%', ',', '.'])
            && after[1..].starts_with(|ch: char| ch.is_ascii_digit())
        || after.starts_with(['%', '-', 's'])
    {
        return false;
    }
    // "2000 people" counts people.
    let next = after.split_whitespace().next().unwrap_or("");
    let next = next.trim_matches(|ch: char| !ch.is_alphanumeric());
    !(next.len() > 3
        && next.ends_with('s')
        && next.chars().all(|ch| ch.is_lowercase())
        && !matches!(next, "was" | "is" | "has" | "this" | "ended" | "its"))
}

fn find_anchors(text: &str, span: Span) -> Vec<Anchor> {
    let lo = crate::load::floor_char_boundary(text, span.start.saturating_sub(NEARBY));
    let hi = ceil_boundary(text, (span.end + NEARBY).min(text.len()));
    let window = &text[lo..hi];
    let mut out = Vec::new();
    for c in ANCHOR_RE.captures_iter(window) {
        let Some(m) = c.get(0) else { continue };
        let month = c
            .name("m")
            .or_else(|| c.name("m2"))
            .and_then(|m| month_number(m.as_str()));
        let year = c
            .name("y")
            .or_else(|| c.name("y2"))
            .and_then(|y| y.as_str().parse::<i32>().ok());
        let day = c
            .name("d")
            .or_else(|| c.name("d2"))
            .and_then(|d| d.as_str().parse::<u32>().ok());
        let (Some(month), Some(year)) = (month, year) else {
            continue;
        };
        if !(1800..=2200).contains(&year) {
            continue;
        }
        let (s, e) = (lo + m.start(), lo + m.end());
        let before = s < span.start;
        let distance = if e <= span.start {
            span.start - e
        } else {
            s.saturating_sub(span.end)
        };
        out.push(Anchor {
            distance,
            before,
            month,
            year,
            day,
            text: m.as_str().to_string(),
        });
    }
    out.sort_by_key(|a| (a.distance, !a.before));
    out
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Most days after the dateline a day told in the present of something ahead ("faces a May 19
/// due date") is put at, rather than a year before it.
const AHEAD_DAYS: i64 = 60;

struct Ctx<'a> {
    dateline: Option<NaiveDate>,
    future: bool,
    /// Told in the present of something ahead ([`Tense::present_at`]).
    ahead: bool,
    /// Told in a sentence with no verb of the past ([`Tense::unpast_at`]): a day of the month
    /// weeks after the dateline is then the coming one ("The first leg is in Munich on April
    /// 29"), not last year's.
    unpast: bool,
    anchors: &'a [Anchor],
}

impl Ctx<'_> {
    /// The nearest date naming its year with this month.
    fn same_month(&self, month: u32) -> Option<&Anchor> {
        self.anchors.iter().find(|a| a.month == month)
    }

    fn nearest(&self) -> Option<&Anchor> {
        self.anchors.first()
    }
}

fn num<'a>(c: &Captures<'a>, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

fn month_of(c: &Captures, name: &str) -> Option<u32> {
    month_number(c.name(name)?.as_str())
}

fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get(m.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

fn resolve(c: &Captures, ctx: &Ctx) -> Option<(String, String)> {
    if c.name("mdy").is_some() || c.name("dmy").is_some() || c.name("iso").is_some() {
        let (y, m, d) = if c.name("mdy").is_some() {
            (num(c, "mdy_y")?, month_of(c, "mdy_m")?, num(c, "mdy_d")?)
        } else if c.name("dmy").is_some() {
            (num(c, "dmy_y")?, month_of(c, "dmy_m")?, num(c, "dmy_d")?)
        } else {
            (num(c, "iso_y")?, num(c, "iso_m")?, num(c, "iso_d")?)
        };
        let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
        return Some((date.to_string(), "absolute date as written".into()));
    }
    if c.name("my").is_some() {
        let y: i32 = c.name("my_y")?.as_str().parse().ok()?;
        let m = month_of(c, "my_m")?;
        let q = c.name("my_q").map(|q| q.as_str().to_lowercase());
        let note = match q {
            Some(q) => format!("{q}-{} {y} as written (month grain)", month_name(m)),
            None => "month and year as written".to_string(),
        };
        return Some((format!("{y}-{m:02}"), note));
    }
    if c.name("md").is_some() || c.name("dm").is_some() {
        let (m, d) = if c.name("md").is_some() {
            (month_of(c, "md_m")?, num(c, "md_d")?)
        } else {
            (month_of(c, "dm_m")?, num(c, "dm_d")?)
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        return Some(month_day(m, d, ctx));
    }
    if let Some(r) = c.name("relday") {
        let word = r.as_str().to_lowercase();
        let word = word.split_whitespace().collect::<Vec<_>>().join(" ");
        let offset = match word.as_str() {
            "yesterday" | "last night" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        return Some(match ctx.dateline {
            Some(dl) => {
                let day = dl + Duration::days(offset);
                let how = match offset {
                    -1 => "the day before",
                    1 => "the day after",
                    _ => "the day of",
                };
                (day.to_string(), format!("“{word}”: {how} dateline {dl}"))
            }
            None => (
                word.clone(),
                format!("“{word}”: no dateline to resolve against"),
            ),
        });
    }
    if let Some(wd) = c.name("wd") {
        let weekday: Weekday = wd.as_str().parse().ok()?;
        let modifier = c
            .name("wd_mod")
            .map(|m| m.as_str().to_lowercase())
            .unwrap_or_default();
        return Some(weekday_date(weekday, wd.as_str(), &modifier, ctx));
    }
    if c.name("per").is_some() {
        let modifier = c.name("per_mod")?.as_str().to_lowercase();
        let modifier = modifier.split_whitespace().collect::<Vec<_>>().join(" ");
        let unit = c.name("per_u")?.as_str().to_lowercase();
        return Some(period(&modifier, &unit, ctx));
    }
    if c.name("ago").is_some() {
        return Some(offset_date(c, ctx));
    }
    if c.name("mon").is_some() || c.name("mon2").is_some() {
        let (m, q, p) = if c.name("mon").is_some() {
            (
                month_of(c, "mon_m")?,
                c.name("mon_q"),
                c.name("mon_p").map(|p| p.as_str().to_lowercase()),
            )
        } else {
            (month_of(c, "mon2_m")?, c.name("mon2_q"), None)
        };
        return Some(bare_month(
            m,
            q.map(|q| q.as_str().to_lowercase()),
            p.as_deref(),
            ctx,
        ));
    }
    if c.name("time").is_some() {
        let mut h = num(c, "t_h")?;
        let mi = num(c, "t_m").unwrap_or(0);
        let pm = c.name("t_ap")?.as_str().to_lowercase().starts_with('p');
        if !(1..=12).contains(&h) || mi > 59 {
            return None;
        }
        if pm && h != 12 {
            h += 12;
        } else if !pm && h == 12 {
            h = 0;
        }
        return Some((format!("{h:02}:{mi:02}"), "time of day as written".into()));
    }
    if let Some(w) = c.name("noon_w") {
        let h = if w.as_str().eq_ignore_ascii_case("midnight") {
            0
        } else {
            12
        };
        return Some((
            format!("{h:02}:00"),
            format!("“{}” read as {h:02}:00", w.as_str()),
        ));
    }
    if c.name("mil").is_some() {
        // "logged 1500 hrs", "2000 hours of community service" are how long: a clock time
        // needs a word that says when ("at 1100 hrs").
        c.name("mil_p")?;
        let (h, mi) = (num(c, "mil_h")?, num(c, "mil_m")?);
        return Some((
            format!("{h:02}:{mi:02}"),
            "time of day as written (24-hour clock)".into(),
        ));
    }
    if c.name("time24").is_some() {
        let h = num(c, "t24_h")?;
        let mi = num(c, "t24_m")?;
        return Some((format!("{h:02}:{mi:02}"), "time of day as written".into()));
    }
    if c.name("yr").is_some() {
        let y = c.name("yr_y")?.as_str();
        return Some((y.to_string(), "year as written".into()));
    }
    None
}

/// "May 13": the year comes from a nearby date in the same month that names it, else from the
/// dateline, else from the nearest date naming a year.
fn month_day(m: u32, d: u32, ctx: &Ctx) -> (String, String) {
    let written = format!("{} {d}", month_name(m));
    let by_dateline = ctx.dateline.and_then(|dl| {
        let this = NaiveDate::from_ymd_opt(dl.year(), m, d)?;
        let date = if ctx.future {
            if this >= dl {
                this
            } else {
                NaiveDate::from_ymd_opt(dl.year() + 1, m, d)?
            }
        } else if this <= dl || (ctx.ahead || ctx.unpast) && (this - dl).num_days() <= AHEAD_DAYS {
            this
        } else {
            NaiveDate::from_ymd_opt(dl.year() - 1, m, d)?
        };
        Some((dl, date))
    });
    if let Some(a) = ctx.same_month(m)
        && let Some(date) = NaiveDate::from_ymd_opt(a.year, m, d)
    {
        let mut note = format!("{written}; year {} from nearby “{}”", a.year, a.text);
        if let Some((dl, alt)) = by_dateline
            && alt != date
        {
            note.push_str(&format!("; dateline {dl} alone would give {alt}"));
        }
        return (date.to_string(), note);
    }
    if let Some((dl, date)) = by_dateline {
        let mut note = if ctx.future {
            format!("{written}: the one on or after dateline {dl}")
        } else if date > dl {
            format!("{written}: the one ahead of dateline {dl}, told in the present")
        } else {
            format!("{written}: the one on or before dateline {dl}")
        };
        if let Some(a) = ctx.nearest()
            && a.year != date.year()
        {
            note.push_str(&format!(
                "; nearby “{}” suggests {}",
                a.text,
                NaiveDate::from_ymd_opt(a.year, m, d).map_or(String::new(), |x| x.to_string())
            ));
        }
        return (date.to_string(), note);
    }
    if let Some(a) = ctx.nearest()
        && let Some(date) = NaiveDate::from_ymd_opt(a.year, m, d)
    {
        return (
            date.to_string(),
            format!(
                "{written}; no dateline, year {} taken from nearby “{}” (uncertain)",
                a.year, a.text
            ),
        );
    }
    (
        format!("--{m:02}-{d:02}"),
        format!("{written}: year unknown, no dateline or nearby year to resolve against"),
    )
}

fn bare_month(m: u32, q: Option<String>, prep: Option<&str>, ctx: &Ctx) -> (String, String) {
    let written = match &q {
        Some(q) => format!("{q}-{}", month_name(m)),
        None => month_name(m).to_string(),
    };
    let future = ctx.future || matches!(prep, Some("next" | "until"));
    if let Some(a) = ctx.same_month(m) {
        return (
            format!("{}-{m:02}", a.year),
            format!("{written}; year {} from nearby “{}”", a.year, a.text),
        );
    }
    if let Some(dl) = ctx.dateline {
        let dm = dl.month();
        let (year, how) = if prep == Some("last") {
            (
                if m < dm { dl.year() } else { dl.year() - 1 },
                "last one before",
            )
        } else if future {
            (
                if m >= dm { dl.year() } else { dl.year() + 1 },
                "next one on or after",
            )
        } else if prep == Some("this") {
            (dl.year(), "in the year of")
        } else {
            (
                if m <= dm { dl.year() } else { dl.year() - 1 },
                "most recent one on or before",
            )
        };
        return (
            format!("{year}-{m:02}"),
            format!("{written}: the {how} dateline {dl}"),
        );
    }
    if let Some(a) = ctx.nearest() {
        return (
            format!("{}-{m:02}", a.year),
            format!(
                "{written}; no dateline, year {} taken from nearby “{}” (uncertain)",
                a.year, a.text
            ),
        );
    }
    (
        format!("--{m:02}"),
        format!("{written}: year unknown, no dateline or nearby year to resolve against"),
    )
}

fn weekday_date(weekday: Weekday, written: &str, modifier: &str, ctx: &Ctx) -> (String, String) {
    // Without a dateline a weekday stays a weekday: a date nearby is as often a background
    // event's ("sentenced Saturday" near the crime's date years before) as this one's.
    let Some(dl) = ctx.dateline else {
        return (
            written.to_string(),
            format!("{written}: weekday, no dateline to resolve against"),
        );
    };
    let future = match modifier {
        "next" | "coming" => true,
        "last" | "past" => false,
        _ => ctx.future,
    };
    if future {
        let mut date = on_or_after(dl, weekday);
        if date == dl || modifier == "next" && date - dl < Duration::days(2) {
            date += Duration::days(7);
        }
        return (
            date.to_string(),
            format!("{written} after dateline {dl} (future tense)"),
        );
    }
    let mut date = on_or_before(dl, weekday);
    if modifier == "last" && date == dl {
        date -= Duration::days(7);
    }
    if date == dl {
        let alt = dl - Duration::days(7);
        return (
            date.to_string(),
            format!(
                "{written} is the dateline's own weekday ({dl}); could be a week earlier, {alt}"
            ),
        );
    }
    (date.to_string(), format!("{written} before dateline {dl}"))
}

fn on_or_before(d: NaiveDate, w: Weekday) -> NaiveDate {
    let back = (7 + d.weekday().num_days_from_monday() - w.num_days_from_monday()) % 7;
    d - Duration::days(i64::from(back))
}

fn on_or_after(d: NaiveDate, w: Weekday) -> NaiveDate {
    let fwd = (7 + w.num_days_from_monday() - d.weekday().num_days_from_monday()) % 7;
    d + Duration::days(i64::from(fwd))
}

fn period(modifier: &str, unit: &str, ctx: &Ctx) -> (String, String) {
    let written = format!("{modifier} {unit}");
    let Some(dl) = ctx.dateline else {
        return (
            written.clone(),
            format!("“{written}”: no dateline to resolve against"),
        );
    };
    let step: i32 = match modifier {
        "last" | "past" | "earlier last" => -1,
        "next" => 1,
        _ => 0,
    };
    match unit {
        "week" | "weekend" => {
            let monday = dl - Duration::days(i64::from(dl.weekday().num_days_from_monday()))
                + Duration::weeks(i64::from(step));
            let (from, to) = if unit == "weekend" {
                (monday + Duration::days(5), monday + Duration::days(6))
            } else {
                (monday, monday + Duration::days(6))
            };
            (
                format!("{from}/{to}"),
                format!("“{written}”: the {unit} {} dateline {dl}", rel(step)),
            )
        }
        "month" => {
            let first = NaiveDate::from_ymd_opt(dl.year(), dl.month(), 1).unwrap_or(dl);
            let d = match step {
                -1 => first.checked_sub_months(Months::new(1)),
                1 => first.checked_add_months(Months::new(1)),
                _ => Some(first),
            }
            .unwrap_or(first);
            (
                format!("{}-{:02}", d.year(), d.month()),
                format!("“{written}”: the month {} dateline {dl}", rel(step)),
            )
        }
        _ => (
            (dl.year() + step).to_string(),
            format!("“{written}”: the year {} dateline {dl}", rel(step)),
        ),
    }
}

fn rel(step: i32) -> &'static str {
    match step {
        -1 => "before",
        1 => "after",
        _ => "of",
    }
}

/// "three days ago" counts back from the dateline; "a week earlier" from a nearby dated event.
fn offset_date(c: &Captures, ctx: &Ctx) -> (String, String) {
    let written = c.get(0).map_or("", |m| m.as_str()).to_string();
    let n = c
        .name("ago_n")
        .and_then(|n| crate::text::count_word(n.as_str()))
        .map(i64::from);
    let unit = c
        .name("ago_u")
        .map(|u| u.as_str().to_lowercase())
        .unwrap_or_default();
    let dir = c
        .name("ago_dir")
        .map(|d| d.as_str().to_lowercase())
        .unwrap_or_default();
    let Some(n) = n else {
        return (
            "unresolved".into(),
            format!("“{written}”: vague amount, not resolved"),
        );
    };
    let back = matches!(dir.as_str(), "ago" | "earlier" | "before" | "previously");
    let (base, base_note) = if dir == "ago" {
        match ctx.dateline {
            Some(dl) => (dl, format!("dateline {dl}")),
            None => {
                return (
                    "unresolved".into(),
                    format!("“{written}”: no dateline to resolve against"),
                );
            }
        }
    } else {
        // The event counted from is told before; the dateline itself is no event.
        let Some((a, d)) = ctx.anchors.iter().filter(|a| a.before).find_map(|a| {
            let d = NaiveDate::from_ymd_opt(a.year, a.month, a.day?)?;
            (Some(d) != ctx.dateline).then_some((a, d))
        }) else {
            return (
                "unresolved".into(),
                format!("“{written}”: relative to an event with no full date nearby"),
            );
        };
        (d, format!("nearby “{}”", a.text))
    };
    let sign = if back { -1 } else { 1 };
    let value = match unit.as_str() {
        "day" => (base + Duration::days(sign * n)).to_string(),
        "week" => (base + Duration::weeks(sign * n)).to_string(),
        "month" => {
            let months = Months::new(u32::try_from(n).unwrap_or(0));
            let d = if back {
                base.checked_sub_months(months)
            } else {
                base.checked_add_months(months)
            }
            .unwrap_or(base);
            format!("{}-{:02}", d.year(), d.month())
        }
        "decade" => (base.year() + i32::try_from(sign * n * 10).unwrap_or(0)).to_string(),
        "century" => (base.year() + i32::try_from(sign * n * 100).unwrap_or(0)).to_string(),
        _ => (base.year() + i32::try_from(sign * n).unwrap_or(0)).to_string(),
    };
    (value, format!("“{written}”: counted from {base_note}"))
}

// Comparison of the sources' facts of this kind.

impl Cx<'_> {
    pub(super) fn dates(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Date);
        let parsed: BTreeMap<usize, Option<DateRange>> = members
            .iter()
            .map(|&m| (m, DateRange::parse(&self.items[m].fact.value)))
            .collect();
        // Per passage, how many resolved dates of each grain it states.
        let mut per_passage: BTreeMap<(usize, usize, Grain), usize> = BTreeMap::new();
        for &m in &members {
            if let Some(Some(r)) = parsed.get(&m) {
                let it = &self.items[m];
                *per_passage
                    .entry((it.doc, it.passage, r.grain))
                    .or_default() += 1;
            }
        }
        // The only date of its grain in its passage: only such dates can conflict.
        let lone = |m: usize| {
            let it = &self.items[m];
            parsed
                .get(&m)
                .and_then(Option::as_ref)
                .is_some_and(|r| per_passage.get(&(it.doc, it.passage, r.grain)) == Some(&1))
        };
        let classes = Classes::new(
            &members,
            self.items.len(),
            |m| self.doc_of(m),
            |m| {
                let it = &self.items[m];
                (
                    it.fact.value.as_str(),
                    it.fact.subject.as_str(),
                    it.group,
                    it.context,
                    lone(m),
                )
            },
        );
        // Candidates share a group, a value, or a word of the event in one story: dates of two
        // stories (two events) are weighed only when they are the same date as written. Outside
        // a group, dates are weighed only in passages alike enough (below), so a value is a key
        // with each word of its passage that every passage that alike has one of.
        let least = TUNING.same_date_similarity.min(TUNING.date_similarity);
        let pairs = classes.pairs(|c| {
            let it = &self.items[classes.rep(c)];
            let value = date_core(&it.fact.value);
            let mut keys: Vec<DateKey> = self
                .contexts
                .prefix(it.context, least)
                .into_iter()
                .map(|w| DateKey::Value(value, w))
                .collect();
            if let Some(g) = it.group {
                keys.push(DateKey::Group(g));
            }
            let story = self.story_of(it.doc);
            keys.extend(
                terms(&it.fact.subject)
                    .into_iter()
                    .map(|t| DateKey::Event(story, t.stem)),
            );
            keys
        });
        let links: Vec<Option<bool>> = par_map(&pairs, |&(x, y)| {
            let (a, b) = (classes.rep(x), classes.rep(y));
            let (Some(Some(ra)), Some(Some(rb))) = (parsed.get(&a), parsed.get(&b)) else {
                return None;
            };
            let grouped = self.same_group(a, b);
            // A weekday with no date says too little to be matched outside one aligned group,
            // or to a date of another happening (one day in seven is any weekday).
            let weekday = ra.grain == Grain::Weekday || rb.grain == Grain::Weekday;
            let related = grouped
                || !weekday && {
                    let sim = self
                        .contexts
                        .similarity(self.items[a].context, self.items[b].context);
                    (ra.same_as(rb) && sim >= TUNING.same_date_similarity)
                        || sim >= TUNING.date_similarity
                };
            if !related || weekday && !same_event_words(self.items[a].fact, self.items[b].fact) {
                None
            } else if ra.same_as(rb) {
                Some(false)
            } else if (grouped || self.told_alike(a, b, &[]))
                && !ra.compatible(rb)
                && ra.comparable(rb)
                // A bare year is most often a background event's ("first hosted in 2007").
                && ra.grain != Grain::Year
                // A date no source gives a year is told too loosely to contradict another
                // ("November 11" may be the rescue, "November 19" the sinking), even in one
                // clause's words: a happening that recurs is told in the same words each time
                // ("declared a regular quarterly dividend … in February", "… in April").
                && !ra.yearless
                && !rb.yearless
                && lone(a)
                && lone(b)
                && !dateline_made(self.items[a].fact, ra, self.items[b].fact, rb)
                && !month_edges(&self.told_around(a), ra, &self.told_around(b), rb)
                && !self.told_apart(a, b)
                && self.same_happening(a, b)
            {
                // Only passages that report one event (aligned as one, or told in many of the
                // same words) can give two dates of it: passages that are only somewhat alike
                // are often two happenings told alike.
                Some(true)
            } else {
                None
            }
        });
        let mut sets = Links::new(&classes);
        self.link_apart_all(&classes, &mut sets, pairs.iter().copied().zip(links), |f| {
            date_core(&f.value)
        });
        let mut out = Vec::new();
        for (comp, has_conflict) in sets.components(&members) {
            let docs: BTreeSet<usize> = comp.iter().map(|&m| self.items[m].doc).collect();
            let quoted = |m: usize| {
                format!(
                    "{} “{}”",
                    self.source(self.items[m].doc),
                    self.items[m].fact.text
                )
            };
            let first = &self.items[comp[0]];
            // Times of day are times, not dates; the happening as the first source tells it.
            let what = if comp.iter().all(|m| {
                parsed
                    .get(m)
                    .is_some_and(|r| r.as_ref().is_some_and(|r| r.grain == Grain::Time))
            }) {
                "time"
            } else {
                "date"
            };
            // " of “Reid checked herself in …”", or nothing when no source's words tell it.
            let of_told = self
                .most_told(&comp)
                .map_or_else(String::new, |t| format!(" of “{t}”"));
            let (status, summary) = if has_conflict {
                let by_value = weekdays_with_their_date(self.by_value(&comp), |m| {
                    parsed.get(&m).and_then(Option::as_ref)
                });
                // Each mention as written, or the sources by number when there are many.
                let parts: Vec<String> = by_value
                    .iter()
                    .map(|(v, ms)| {
                        let docs: BTreeSet<usize> = ms.iter().map(|&m| self.items[m].doc).collect();
                        if docs.len() > super::NAMED_SOURCES {
                            format!("{v} ({})", super::many_sources(&docs))
                        } else {
                            format!(
                                "{v} ({})",
                                ms.iter().map(|&m| quoted(m)).collect::<Vec<_>>().join(", ")
                            )
                        }
                    })
                    .collect();
                (
                    FindingStatus::Conflict,
                    format!("The {what}{of_told} differs: {}", parts.join(" vs ")),
                )
            } else if docs.len() >= 2 {
                let values: BTreeSet<&str> = comp
                    .iter()
                    .map(|&m| date_core(&self.items[m].fact.value))
                    .collect();
                let shown = values.into_iter().collect::<Vec<_>>().join(" / ");
                (
                    FindingStatus::Agree,
                    format!(
                        "Same {what} {shown} in {}",
                        comp.iter()
                            .map(|&m| quoted(m))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                )
            } else if parsed
                .get(&comp[0])
                .is_some_and(|r| r.as_ref().is_some_and(|r| r.grain != Grain::Weekday))
            {
                (
                    FindingStatus::SingleSource,
                    format!(
                        "Only {} states the {what} “{}” ({}){}",
                        self.source(first.doc),
                        first.fact.text,
                        first.fact.value,
                        of_told.replacen(" of", ", of", 1),
                    ),
                )
            } else {
                // A relative date with nothing to resolve it against is no finding of its own:
                // it stays marked in the text, its note saying why it has no value.
                continue;
            };
            let reason = match status {
                FindingStatus::Conflict => {
                    "two dates of one event that cannot both be right, in passages that report one \
                     happening (aligned as one, or told in the same words)"
                }
                FindingStatus::Agree => "the same date, however written",
                _ => super::ONE_SOURCE,
            };
            let slot = if of_told.is_empty() {
                format!("a {what}")
            } else {
                format!("the {what}{of_told}")
            };
            out.push(
                self.finding(FactKind::Date, status, summary, &comp, &BTreeMap::new())
                    .about(slot, reason),
            );
        }
        out
    }
}

/// The dates of a sentence ([`extract`]) outside the spans earlier kinds claimed, each with the
/// event words around it as its subject when it has none of its own.
pub(super) fn facts(s: &super::Sentence) -> Vec<Fact> {
    let mut facts = extract(s.text, s.span, s.dateline);
    // A span an earlier kind has read ("at 2:56" of a round) is no date.
    facts.retain(|f| !s.claimed.iter().any(|&(a, b)| f.start < b && a < f.end));
    if facts.iter().any(|f| f.subject.is_empty()) {
        let text = &s.text[s.span.start..s.span.end];
        let words = content_words(text);
        for f in &mut facts {
            if f.subject.is_empty() {
                f.subject = event_words(text, &words, f.start - s.span.start, f.end - s.span.start);
            }
        }
    }
    facts
}

/// The spans of a sentence's content words (no stopwords, figures or short words), in order.
fn content_words(s: &str) -> Vec<(usize, usize)> {
    crate::text::tokenize(s)
        .into_iter()
        .filter(|t| {
            t.is_word
                && !crate::text::is_stopword(&t.key)
                && t.key.chars().all(char::is_alphabetic)
                && t.key.len() > 2
        })
        .map(|t| (t.start, t.end))
        .collect()
}

/// The three content words nearest the date at `fs..fe` of sentence `s`: what happened then.
/// Walks outward from the date (the nearer word first, the earlier one on a tie), so the cost
/// does not grow with the sentence.
fn event_words(s: &str, words: &[(usize, usize)], fs: usize, fe: usize) -> String {
    let before = words.partition_point(|w| w.1 <= fs);
    let after = words.partition_point(|w| w.0 < fe);
    let (mut l, mut r) = (before, after);
    let mut picked = Vec::with_capacity(3);
    while picked.len() < 3 {
        let left = l.checked_sub(1).map(|i| (fs - words[i].1, i));
        let right = words.get(r).map(|w| (w.0 - fe, r));
        let take = match (left, right) {
            (Some(a), Some(b)) if a.0 <= b.0 => a,
            (Some(a), None) => a,
            (_, Some(b)) => b,
            (None, None) => break,
        };
        if take.1 < before {
            l -= 1;
        } else {
            r += 1;
        }
        picked.push(take.1);
    }
    picked.sort_unstable();
    picked
        .iter()
        .map(|&i| &s[words[i].0..words[i].1])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Two dates told with a word of the same happening nearest them ("was arrested on Monday",
/// "his arrest on Tuesday"): one passage can date two happenings, and only dates of one can
/// contradict each other.
fn same_event_words(a: &Fact, b: &Fact) -> bool {
    let stems =
        |f: &Fact| -> BTreeSet<String> { terms(&f.subject).into_iter().map(|t| t.stem).collect() };
    !stems(a).is_disjoint(&stems(b))
}

/// Most words from a date to the verb of what happened on it.
const VERB_REACH: usize = 8;

/// Auxiliaries: verbs in the past that say no happening of their own ("had been arrested").
const AUXILIARIES: &[&str] = &["was", "were", "had", "did"];

/// Verbs of saying: a date told with one is the day something was said ("Police said on June 3
/// that …"), and two statements may be made on two days.
const SAYING: &[&str] = &["said", "told", "reported", "stated", "added", "announced"];

/// Words after which a word in -ed qualifies a noun, not a verb ("with armed robbery", "the
/// injured man").
const BEFORE_AN_ADJECTIVE: &[&str] = &[
    "a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "that", "these",
    "those", "with", "for", "of", "by", "from", "in", "on", "at",
];

/// Short verbs in the past that the rule for words in -ed leaves out.
const SHORT_PAST: &[&str] = &["died", "fled", "sued", "tied", "lied", "used", "eyed"];

/// What the verb nearest a date says happened on it.
#[derive(Debug, PartialEq)]
enum Happened {
    /// A verb in the past, as a stem ("arrest").
    Verb(String),
    /// Something was said: the date is of a statement.
    Saying,
    /// No verb near the date.
    Unknown,
}

/// The verb in the past that tells what happened on the date from byte `start` to `end` of
/// `sentence`: the nearest before it, within [`VERB_REACH`] words and the sentence's stronger
/// marks (a comma may close an aside: "Police arrested Daniel Mercer, 34, on June 3"), else the
/// nearest after it in its clause ("On June 3, police arrested …"; not "…, her publicist
/// said", which tells who says so). A verb of saying before the date makes it the day of a
/// statement ([`SAYING`]). Auxiliaries are passed over, and so is a
/// word in -ed after an article or a preposition ([`BEFORE_AN_ADJECTIVE`]).
fn verb_of(sentence: &str, start: usize, end: usize) -> Happened {
    const STRONG: &[char] = &[';', ':', '"', '“', '”', '(', ')'];
    let (Some(before), Some(after)) = (sentence.get(..start), sentence.get(end..)) else {
        return Happened::Unknown;
    };
    let from = before
        .char_indices()
        .rev()
        .find(|&(_, c)| STRONG.contains(&c))
        .map_or(0, |(k, c)| k + c.len_utf8());
    let before = &before[from..];
    // A date that opens its sentence is set off by a comma from the clause it dates.
    let fronted = before.split_whitespace().count() <= 1;
    let after = if fronted {
        after.trim_start_matches([',', ' '])
    } else {
        after
    };
    let after = &after[..after.find(CLAUSE_MARKS).unwrap_or(after.len())];
    let words = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .collect()
    };
    let verb = |ws: &[String], k: usize| {
        let w = ws[k].as_str();
        let past = crate::text::PAST_FORMS.contains(&w)
            || SHORT_PAST.contains(&w)
            || crate::text::is_ed_verb(w) && w.chars().all(|c| c.is_ascii_lowercase());
        let adjective = w.ends_with("ed")
            && k.checked_sub(1)
                .is_some_and(|p| BEFORE_AN_ADJECTIVE.contains(&ws[p].as_str()));
        past && !AUXILIARIES.contains(&w) && !adjective
    };
    let (back, fwd) = (words(before), words(after));
    let stem = |w: &str| {
        terms(w)
            .into_iter()
            .next()
            .map_or(Happened::Unknown, |t| Happened::Verb(t.stem))
    };
    if let Some(k) = (0..back.len())
        .rev()
        .take(VERB_REACH)
        .find(|&k| verb(&back, k))
    {
        return if SAYING.contains(&back[k].as_str()) {
            Happened::Saying
        } else {
            stem(&back[k])
        };
    }
    // After the date, a verb of saying is of the source ("on Friday, police said"), not of it.
    (0..fwd.len())
        .take(VERB_REACH)
        .find(|&k| verb(&fwd, k) && !SAYING.contains(&fwd[k].as_str()))
        .map_or(Happened::Unknown, |k| stem(&fwd[k]))
}

impl Cx<'_> {
    /// Facts `a` and `b` are dates of one happening as far as their words tell: a word of it
    /// nearest both ([`same_event_words`]), not two verbs of what happened ([`verb_of`]: a name
    /// is among the nearest words as often as the happening's own, "Police arrested Daniel
    /// Mercer on June 3", "Prosecutors charged Mercer on June 5"), not told of two people of one
    /// surname ([`super::people::other_people`]), and neither the day something was said.
    fn same_happening(&self, a: usize, b: usize) -> bool {
        let happened = |m: usize| {
            self.sentence_of(m)
                .map_or(Happened::Unknown, |(sentence, at)| {
                    verb_of(sentence, at, at + self.items[m].fact.text.len())
                })
        };
        let sentence = |m: usize| self.sentence_of(m).map_or("", |(s, _)| s);
        same_event_words(self.items[a].fact, self.items[b].fact)
            && !super::people::other_people(sentence(a), sentence(b))
            && match (happened(a), happened(b)) {
                (Happened::Saying, _) | (_, Happened::Saying) => false,
                (Happened::Verb(x), Happened::Verb(y)) => x == y,
                _ => true,
            }
    }
}

/// What the sentence of a date tells around it ([`Cx::clause_of`]) that makes two dates of
/// two happenings, however alike their passages.
#[derive(Debug)]
struct ClauseWords {
    /// Words of its clause that tell a happening repeated: "again", "a second time", "for
    /// the third time" ([`crate::text::is_order_word`] before "time").
    order: BTreeSet<String>,
    /// The date is of a plan or a wish, not of what happened: a word of the future or of a plan
    /// before it in its clause ("will be held on March 3", "planned to launch … in
    /// September", "forced NASA to delay the launch … on March 3").
    plan: bool,
}

/// A verb of a plan or a wish, with what it governs ("planned to", "scheduled for", "delayed
/// the"): not such a word as an adjective ("the expected verdict", "the wanted fugitive", "the
/// long-delayed bridge").
static PLAN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:wants?|wanted|hopes?|hoped|aims?|aimed|intends?|intended|plans?|planned|scheduled|expected|seeks?|sought|slated|due)\s+(?:to|for)\b|\b(?:delay(?:s|ed|ing)?|postpone[sd]?|postponing)\s+(?:the|its|their|his|her|a|an)\b")
        .expect("valid plan regex")
});

impl ClauseWords {
    /// Two dates told as of two happenings: a plan or a wish against what happened ("will be
    /// held on March 3", "was held on March 5"), or a repeat on one side only ("again", "a
    /// second time").
    fn apart(&self, o: &Self) -> bool {
        self.plan != o.plan || self.order != o.order
    }
}

/// Words that tell a figure as of a design or a plan, not of what was done ("originally
/// planned a 300-metre tower", "was to be a 500-metre bridge", "designed to be", "proposed
/// as"). Narrower than a date's plan ([`PLAN_RE`], [`FUTURE_RE`]): "due to 30 deaths", "will
/// release the names of 12 suspects", "delayed the departure of 38 flights" tell a figure as
/// done.
static DESIGN_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:plans?|planned|planning|intends?|intended|designed|meant|proposed|envisaged|envisioned)\s+(?:to|as|for|a|an)\b|\b(?:was|were)\s+to\s+(?:be|have)\b|\bhad\s+been\s+(?:planned|proposed|designed)\b")
        .expect("valid design regex")
});

/// Words before a date that may tell which part of a month it is ("at the end of November").
const AROUND_WORDS: usize = 3;

impl Cx<'_> {
    /// Date `m` as written with the [`AROUND_WORDS`] words before it and the rest of the word
    /// it ends in ("at the end of November", "in November-end").
    fn told_around(&self, m: usize) -> String {
        let text = &self.items[m].fact.text;
        let Some((sentence, at)) = self.sentence_of(m) else {
            return text.clone();
        };
        let end = (at + text.len()).min(sentence.len());
        let before = sentence.get(..at).unwrap_or("");
        let from = before
            .split_whitespace()
            .rev()
            .take(AROUND_WORDS)
            .last()
            .and_then(|w| before.rfind(w))
            .unwrap_or(at);
        let after = sentence.get(end..).unwrap_or("");
        let to = end + after.find(char::is_whitespace).unwrap_or(after.len());
        sentence.get(from..to).unwrap_or(text).to_string()
    }

    /// Dates `a` and `b` told as of two happenings ([`ClauseWords::apart`]). Read only for a
    /// pair about to be a conflict, so only such pairs pay for it.
    fn told_apart(&self, a: usize, b: usize) -> bool {
        self.clause_of(a)
            .zip(self.clause_of(b))
            .is_some_and(|(x, y)| x.apart(&y))
    }

    /// Figures `a` and `b` told one as a design or plan ([`DESIGN_RE`] before it in its
    /// clause), the other not: what was planned and what was done may both be right.
    pub(super) fn designed_apart(&self, a: usize, b: usize) -> bool {
        let designed = |m: usize| {
            self.clause_around(m)
                .is_some_and(|c| DESIGN_RE.is_match(c.before()))
        };
        designed(a) != designed(b)
    }

    /// The clause of fact `m`'s sentence it stands in.
    pub(super) fn clause_around(&self, m: usize) -> Option<Clause<'_>> {
        let (sentence, at) = self.sentence_of(m)?;
        let end = (at + self.items[m].fact.text.len()).min(sentence.len());
        let (from, to) = Tense::new(sentence).clause_at(sentence, at, end);
        Some(Clause {
            text: sentence.get(from..to)?,
            at: at - from,
            end: end - from,
        })
    }

    /// What the sentence of date `m` tells around it ([`ClauseWords`]).
    fn clause_of(&self, m: usize) -> Option<ClauseWords> {
        let clause = self.clause_around(m)?;
        let toks = crate::text::tokenize(clause.text);
        let order = toks
            .iter()
            .enumerate()
            .filter_map(|(k, t)| {
                if t.key == "again" {
                    Some(t.key.clone())
                } else {
                    (crate::text::is_order_word(&t.key)
                        && toks.get(k + 1).is_some_and(|n| n.key == "time"))
                    .then(|| format!("{} time", t.key))
                }
            })
            .collect();
        let before = clause.before();
        Some(ClauseWords {
            order,
            plan: FUTURE_RE.is_match(before) || PLAN_RE.is_match(before),
        })
    }
}

/// A fact's clause: its words, and where the fact stands in them.
pub(super) struct Clause<'s> {
    text: &'s str,
    at: usize,
    end: usize,
}

impl<'s> Clause<'s> {
    /// The clause's words before the fact.
    pub(super) fn before(&self) -> &'s str {
        self.text.get(..self.at).unwrap_or("")
    }

    /// The clause's words after the fact.
    pub(super) fn after(&self) -> &'s str {
        self.text.get(self.end..).unwrap_or("")
    }
}

/// Two dates whose difference comes from the datelines they were resolved against, not from
/// their words: both say "Thursday" (two articles a week apart may mean one Thursday), or both
/// give the same day of the month and one leaves its year to be guessed.
fn dateline_made(a: &Fact, ra: &DateRange, b: &Fact, rb: &DateRange) -> bool {
    let (wa, wb) = (wording(&a.text), wording(&b.text));
    let words = |f: &Fact| -> Vec<String> {
        crate::text::tokenize(&f.text)
            .into_iter()
            .filter(|t| t.is_word && !matches!(t.key.as_str(), "on" | "this" | "last" | "past"))
            .map(|t| t.key)
            .collect()
    };
    // "Sunday" and "Sunday, March 2, 2014" may be one day: the weekday alone cannot say which.
    let within = |x: &Fact, y: &Fact| {
        let wy = words(y);
        words(x).iter().all(|w| wy.contains(w))
    };
    if (wa == Wording::Relative && within(a, b)) || (wb == Wording::Relative && within(b, a)) {
        return true;
    }
    // "last Tuesday" may be the Tuesday of this week or of the week before: read one way, it
    // is a week off a date the other source writes out.
    let last_weekday = |f: &Fact| {
        let mut w = f.text.split_whitespace().map(str::to_lowercase);
        w.next().is_some_and(|x| x == "last")
            && w.next().is_some_and(|x| x.parse::<Weekday>().is_ok())
    };
    if (last_weekday(a) || last_weekday(b)) && (ra.from - rb.from).num_days().abs() == 7 {
        return true;
    }
    let no_year = wa != Wording::Full || wb != Wording::Full;
    no_year
        && ra.grain == rb.grain
        && ra.time.is_none()
        && ra.from.month() == rb.from.month()
        && ra.from.day() == rb.from.day()
}

/// A month told by its end ("late November", "the end of November", "in November-end").
static MONTH_END_RE: LazyLock<Regex> = LazyLock::new(|| {
    use crate::dates::MONTH_RE;
    Regex::new(&format!(
        r"(?i)\b(?:late|end\s+of|close\s+of)\s+{MONTH_RE}(?:\s|$|[,;])|\b{MONTH_RE}-end\b"
    ))
    .expect("valid regex")
});

/// A month told by its beginning ("early December", "the start of December").
static MONTH_START_RE: LazyLock<Regex> = LazyLock::new(|| {
    use crate::dates::MONTH_RE;
    Regex::new(&format!(
        r"(?i)\b(?:early|beginning\s+of|start\s+of)\s+{MONTH_RE}(?:\s|$|[,;])"
    ))
    .expect("valid regex")
});

/// Two months one after the other, the earlier told by its end or the later by its beginning
/// ("in November-end", "early December"): days apart, and each told loosely enough to be the
/// other's day.
fn month_edges(a: &str, ra: &DateRange, b: &str, rb: &DateRange) -> bool {
    if ra.grain != Grain::Month || rb.grain != Grain::Month {
        return false;
    }
    let next = |x: &DateRange, y: &DateRange| {
        if x.yearless || y.yearless {
            x.from.month() % 12 + 1 == y.from.month()
        } else {
            x.to.succ_opt() == Some(y.from)
        }
    };
    let edges =
        |early: &str, late: &str| MONTH_END_RE.is_match(early) || MONTH_START_RE.is_match(late);
    (next(ra, rb) && edges(a, b)) || (next(rb, ra) && edges(b, a))
}

/// A date value without its time-zone remark.
pub(super) fn date_core(value: &str) -> &str {
    value.split(" (").next().unwrap_or(value).trim()
}

/// What two dates must share to be weighed against each other: the value and a word of their
/// passages ([`super::Contexts::prefix`]), the group, or a word of the event in one story.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum DateKey<'a> {
    Value(&'a str, u32),
    Group(&'a str),
    Event(usize, String),
}

/// The grain of a resolved date value.
/// The values of a conflict as shown, each with its mentions: a weekday no dateline put on a
/// calendar ("Thursday") is shown with the one date of that weekday the other sources give
/// (2011-11-10), not as a value of its own against it.
fn weekdays_with_their_date<'v>(
    mut by_value: BTreeMap<&'v str, Vec<usize>>,
    range: impl Fn(usize) -> Option<&'v DateRange>,
) -> BTreeMap<&'v str, Vec<usize>> {
    let of = |ms: &[usize], grain: Grain| {
        ms.first()
            .and_then(|&m| range(m))
            .filter(|r| r.grain == grain)
            .map(|r| r.from.weekday())
    };
    let weekdays: Vec<(&str, Weekday)> = by_value
        .iter()
        .filter_map(|(v, ms)| Some((*v, of(ms, Grain::Weekday)?)))
        .collect();
    for (v, weekday) in weekdays {
        let days: Vec<&str> = by_value
            .iter()
            .filter(|(_, ms)| of(ms, Grain::Day) == Some(weekday))
            .map(|(d, _)| *d)
            .collect();
        if let [day] = days[..]
            && let Some(ms) = by_value.remove(v)
            && let Some(into) = by_value.get_mut(day)
        {
            into.extend(ms);
        }
    }
    by_value
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grain {
    Time,
    Day,
    Week,
    Month,
    Year,
    /// A weekday with no dateline to put it on a calendar ("on Tuesday"): one happening has
    /// one weekday, so two can still be told apart, but no date is known.
    Weekday,
}

/// A resolved date value as a range of days (or a time of day).
#[derive(Debug, Clone, PartialEq, Eq)]
struct DateRange {
    grain: Grain,
    from: NaiveDate,
    to: NaiveDate,
    time: Option<String>,
    /// Written without a year and with nothing to give it one ("November 18" in an article
    /// with no dateline, `--11-18`): compared by month and day only.
    yearless: bool,
}

/// The year a yearless date is put in to be a date at all (a leap year, so "February 29" is one).
const NO_YEAR: i32 = 2000;

/// The week a weekday with no date is put in (it begins on a Monday).
const WEEKDAY_WEEK: NaiveDate = NaiveDate::from_ymd_opt(2001, 1, 1).expect("a date");

impl DateRange {
    /// A weekday with no date against a day (or another such weekday): the weekday both tell,
    /// when one of them is such a weekday.
    fn weekdays(&self, o: &Self) -> Option<(Weekday, Weekday)> {
        let day_like = |r: &Self| matches!(r.grain, Grain::Day | Grain::Weekday);
        ((self.grain == Grain::Weekday || o.grain == Grain::Weekday)
            && day_like(self)
            && day_like(o))
        .then(|| (self.from.weekday(), o.from.weekday()))
    }

    /// Two dates that can be told apart at one grain: the same grain, or a day and a weekday.
    fn comparable(&self, o: &Self) -> bool {
        self.grain == o.grain || self.weekdays(o).is_some()
    }
}

impl DateRange {
    /// Reads a date fact's value; `None` when it is unresolved.
    fn parse(value: &str) -> Option<Self> {
        let core = date_core(value);
        if let Some(md) = core.strip_prefix("--") {
            let mut r = Self::parse(&format!("{NO_YEAR}-{md}"))?;
            r.yearless = true;
            return Some(r);
        }
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        // "Tuesday", "last Friday": a weekday no dateline resolved, put in the week of
        // `WEEKDAY_WEEK` so that its weekday is its date's.
        if let Some(w) = core
            .split_whitespace()
            .next_back()
            .and_then(|w| w.parse::<Weekday>().ok())
            .filter(|_| core.chars().all(|c| c.is_alphabetic() || c == ' '))
        {
            let d = WEEKDAY_WEEK + Duration::days(i64::from(w.num_days_from_monday()));
            return Some(Self {
                grain: Grain::Weekday,
                from: d,
                to: d,
                time: None,
                yearless: false,
            });
        }
        if core.len() == 5 && core.as_bytes().get(2) == Some(&b':') {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
            return Some(Self {
                grain: Grain::Time,
                from: epoch,
                to: epoch,
                time: Some(core.to_string()),
                yearless: false,
            });
        }
        if let Some((a, b)) = core.split_once('/') {
            return Some(Self {
                grain: Grain::Week,
                from: day(a)?,
                to: day(b)?,
                time: None,
                yearless: false,
            });
        }
        if let Some(d) = day(core) {
            return Some(Self {
                grain: Grain::Day,
                from: d,
                to: d,
                time: None,
                yearless: false,
            });
        }
        if core.len() == 7 {
            let from = day(&format!("{core}-01"))?;
            let to = from.checked_add_months(chrono::Months::new(1))? - chrono::Duration::days(1);
            return Some(Self {
                grain: Grain::Month,
                from,
                to,
                time: None,
                yearless: false,
            });
        }
        if core.len() == 4 {
            let y: i32 = core.parse().ok()?;
            return Some(Self {
                grain: Grain::Year,
                from: NaiveDate::from_ymd_opt(y, 1, 1)?,
                to: NaiveDate::from_ymd_opt(y, 12, 31)?,
                time: None,
                yearless: false,
            });
        }
        None
    }

    /// The same value at the same grain (a time-zone remark aside). A yearless date is the
    /// same as a dated one of its month and day.
    fn same_as(&self, o: &Self) -> bool {
        if self.grain == Grain::Weekday || o.grain == Grain::Weekday {
            return self.weekdays(o).is_some_and(|(a, b)| a == b);
        }
        if self.yearless || o.yearless {
            return self.grain == o.grain
                && self.from.month() == o.from.month()
                && self.from.day() == o.from.day()
                && self.to.month() == o.to.month()
                && self.to.day() == o.to.day();
        }
        self.grain == o.grain && self.from == o.from && self.to == o.to && self.time == o.time
    }

    /// One contains the other (a day in a month, the same time of day).
    fn compatible(&self, o: &Self) -> bool {
        if self.grain == Grain::Weekday || o.grain == Grain::Weekday {
            // A day apart may be one moment in two time zones ("late Tuesday" in New York,
            // "early Wednesday" where it happened): only two days or more contradict.
            return self.weekdays(o).is_none_or(|(a, b)| {
                let apart = (7 + a.num_days_from_monday() - b.num_days_from_monday()) % 7;
                apart.min(7 - apart) <= 1
            });
        }
        if (self.grain == Grain::Time) != (o.grain == Grain::Time) {
            return false;
        }
        if self.grain == Grain::Time {
            return self.time == o.time;
        }
        if self.yearless || o.yearless {
            // By month (and day): "November" holds "November 18" in any year.
            let within = |a: &Self, b: &Self| {
                a.from.month() <= b.from.month()
                    && b.to.month() <= a.to.month()
                    && (a.grain != Grain::Day || (a.from.day() == b.from.day()))
            };
            return self.grain != Grain::Year
                && o.grain != Grain::Year
                && (within(self, o) || within(o, self));
        }
        (self.from <= o.from && o.to <= self.to) || (o.from <= self.from && self.to <= o.to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verb_of_a_date_is_what_happened_on_it() {
        let of = |s: &str, date: &str| {
            let start = s.find(date).expect("date in sentence");
            verb_of(s, start, start + date.len())
        };
        let verb = |v: &str| Happened::Verb(v.to_string());
        assert_eq!(
            of("Police arrested Dan Mercer, 34, on June 3.", "on June 3"),
            verb("arrest")
        );
        assert_eq!(
            of("On June 3, police charged Mercer.", "On June 3"),
            verb("charg")
        );
        assert_eq!(
            of("He was charged with armed robbery on June 3.", "on June 3"),
            verb("charg")
        );
        assert_eq!(
            of("Police said on June 3 that he fled.", "on June 3"),
            Happened::Saying
        );
        assert_eq!(
            of("The fire “broke out on June 3”.", "on June 3"),
            verb("broke")
        );
        assert_eq!(of("“ﬁre on June 3", "on June 3"), Happened::Unknown);
    }

    #[test]
    fn noon_and_the_24_hour_clock_are_times_of_day() {
        assert_eq!(
            values("The pirates attacked around noon.", None),
            vec!["12:00"]
        );
        assert_eq!(values("They struck at midnight.", None), vec!["00:00"]);
        assert_eq!(
            values("The ship was hailed at about 1100 hrs IST.", None),
            vec!["11:00"]
        );
        assert_eq!(
            values("Police moved in at 0630 hours.", None),
            vec!["06:30"]
        );
        // How long, not when; and "noon" as a word of a name.
        assert!(values("He was given 2000 hours of community service.", None).is_empty());
        assert!(values("They sifted about 1200 hours of footage.", None).is_empty());
        assert!(values("Talks ended after 1000 hours.", None).is_empty());
        assert!(values("The pilot logged 1500 hrs.", None).is_empty());
        assert!(values("The raid began shortly after midnight.", None).is_empty());
        assert!(values("Noon prayers were held.", None).is_empty());
        assert_eq!(wording("around noon"), Wording::Relative);
        assert_eq!(wording("at 1100 hrs"), Wording::Relative);
    }

    #[test]
    fn a_weekday_in_a_conflict_is_shown_with_the_date_of_its_weekday() {
        let ranges: Vec<DateRange> = ["2011-11-10", "Thursday", "2011-11-11", "Friday"]
            .iter()
            .map(|v| DateRange::parse(v).expect("a date"))
            .collect();
        let by_value: BTreeMap<&str, Vec<usize>> = [
            ("2011-11-10", vec![0]),
            ("Thursday", vec![1]),
            ("2011-11-11", vec![2]),
            ("Friday", vec![3]),
        ]
        .into_iter()
        .collect();
        let shown = weekdays_with_their_date(by_value, |m| ranges.get(m));
        let shown: Vec<(&str, Vec<usize>)> = shown.into_iter().collect();
        assert_eq!(
            shown,
            vec![("2011-11-10", vec![0, 1]), ("2011-11-11", vec![2, 3])]
        );
        // With two dates of its weekday, a weekday stays a value of its own.
        let two: BTreeMap<&str, Vec<usize>> = [
            ("2011-11-10", vec![0]),
            ("Thursday", vec![1]),
            ("2011-11-17", vec![2]),
        ]
        .into_iter()
        .collect();
        let ranges2 = [
            ranges[0].clone(),
            ranges[1].clone(),
            DateRange::parse("2011-11-17").expect("a date"),
        ];
        assert_eq!(weekdays_with_their_date(two, |m| ranges2.get(m)).len(), 3);
    }

    #[test]
    fn a_weekday_with_no_date_is_told_apart_by_its_weekday() {
        let tuesday = DateRange::parse("Tuesday").expect("a weekday");
        let friday = DateRange::parse("last Friday").expect("a weekday");
        let dec9 = DateRange::parse("2008-12-09").expect("a day"); // a Tuesday
        assert!(tuesday.same_as(&dec9) && tuesday.compatible(&dec9));
        assert!(!friday.compatible(&tuesday) && !friday.compatible(&dec9));
        // A day apart may be two time zones' names for one moment.
        let wednesday = DateRange::parse("Wednesday").expect("a weekday");
        assert!(wednesday.compatible(&tuesday) && !wednesday.same_as(&tuesday));
        let sunday = DateRange::parse("Sunday").expect("a weekday");
        let monday = DateRange::parse("Monday").expect("a weekday");
        assert!(sunday.compatible(&monday));
        assert!(friday.comparable(&dec9) && friday.comparable(&tuesday));
        let december = DateRange::parse("2008-12").expect("a month");
        assert!(!friday.comparable(&december) && friday.compatible(&december));
        assert!(DateRange::parse("Tuesday 5").is_none());
    }

    #[test]
    fn wording_tells_what_a_date_states() {
        assert_eq!(wording("on Thursday"), Wording::Relative);
        assert_eq!(wording("Thursday at 3 p.m."), Wording::Relative);
        assert_eq!(wording("at 14:30 on Friday"), Wording::Relative);
        assert_eq!(wording("October 5"), Wording::NoYear);
        assert_eq!(wording("October 5, 2022"), Wording::Full);
        assert_eq!(wording("in May '09"), Wording::Full);
        assert_eq!(wording("Thursday's"), Wording::Relative);
    }

    fn dates(s: &str, dl: Option<&str>) -> Vec<(String, String)> {
        let dl = dl.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        extract(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
            dl,
        )
        .into_iter()
        .map(|f| (f.text, f.value))
        .collect()
    }

    fn values(s: &str, dl: Option<&str>) -> Vec<String> {
        dates(s, dl).into_iter().map(|(_, v)| v).collect()
    }

    #[test]
    fn absolute_forms_keep_their_grain() {
        assert_eq!(
            values(
                "It was fined in March 2017 and sued on June 18, 2019, after a 2012 probe.",
                None
            ),
            vec!["2017-03", "2019-06-18", "2012"]
        );
        assert_eq!(values("The call began at 8.30pm.", None), vec!["20:30"]);
        assert_eq!(values("They met at 10 a.m. sharp.", None), vec!["10:00"]);
    }

    #[test]
    fn weekday_resolves_backwards_across_a_month_boundary() {
        // 2021-03-02 is a Tuesday; the Friday before is 2021-02-26.
        assert_eq!(
            dates("The mayor resigned on Friday.", Some("2021-03-02")),
            vec![("on Friday".to_string(), "2021-02-26".to_string())]
        );
    }

    #[test]
    fn a_day_told_in_the_present_of_something_ahead_is_weeks_after_the_dateline() {
        assert_eq!(
            values(
                "Greece faces a May 19 due date on its debt.",
                Some("2010-05-05")
            ),
            vec!["2010-05-19"]
        );
        assert_eq!(
            values(
                "The campaign starts October 5, the commission said.",
                Some("2013-09-26")
            ),
            vec!["2013-10-05"]
        );
        // A deadline is ahead unless told in the past.
        assert_eq!(
            values("The goal is passage by Friday.", Some("2010-05-05")),
            vec!["2010-05-07"]
        );
        assert_eq!(
            values("The bill was passed by Friday.", Some("2010-05-05")),
            vec!["2010-04-30"]
        );
        // Told in the past, a day after the dateline is the year before's.
        assert_eq!(
            values("The navy sank the trawler on May 19.", Some("2010-05-05")),
            vec!["2009-05-19"]
        );
        assert_eq!(
            values("On May 19, the navy sank the trawler.", Some("2010-05-05")),
            vec!["2009-05-19"]
        );
        assert_eq!(
            values(
                "The crash on April 29 killed 14 people.",
                Some("2025-04-16")
            ),
            vec!["2024-04-29"]
        );
        assert_eq!(
            values(
                "The driver is in custody since April 29.",
                Some("2025-04-16")
            ),
            vec!["2024-04-29"]
        );
        // With no verb of the past, a day weeks after the dateline is the coming one.
        assert_eq!(
            values(
                "The first leg is in Munich on April 29.",
                Some("2025-04-16")
            ),
            vec!["2025-04-29"]
        );
    }

    #[test]
    fn future_weekday_looks_forward() {
        assert_eq!(
            values("The council will vote on Friday.", Some("2021-03-02")),
            vec!["2021-03-05"]
        );
        for s in [
            "The winners will be announced on Friday.",
            "Obama will travel to Mexico, Costa Rica and Brazil on Friday.",
            "The vote, expected on Friday, will decide the budget.",
            "The council will meet, as planned, on Friday.",
        ] {
            assert_eq!(values(s, Some("2021-03-02")), vec!["2021-03-05"], "{s}");
        }
        assert_eq!(
            values(
                "The firm plans to cut 500 jobs, starting in March.",
                Some("2021-01-02")
            ),
            vec!["2021-03"]
        );
        assert_eq!(
            values("On Friday, the council will vote.", Some("2021-03-02")),
            vec!["2021-03-05"]
        );
        // The future is told in another clause, or the date is when something was said.
        assert_eq!(
            values(
                "Jackman will host the show, the Academy announced Friday.",
                Some("2021-03-02")
            ),
            vec!["2021-02-26"]
        );
        assert_eq!(
            values(
                "She will not face charges a prosecutor said on Friday.",
                Some("2021-03-02")
            ),
            vec!["2021-02-26"]
        );
        assert_eq!(
            values(
                "Rain fell on Monday, and the council will vote later.",
                Some("2021-03-02")
            ),
            vec!["2021-03-01"]
        );
        assert_eq!(
            values(
                "In January, word emerged that the film will be delayed.",
                Some("2021-03-02")
            ),
            vec!["2021-01"]
        );
    }

    #[test]
    fn relative_words_count_from_the_dateline() {
        assert_eq!(
            values(
                "Yesterday the firm said last month was its best, and this year will be better.",
                Some("2020-01-15")
            ),
            vec!["2020-01-14", "2019-12", "2020"]
        );
        assert_eq!(
            values("Three days ago the bridge closed.", Some("2020-01-02")),
            vec!["2019-12-30"]
        );
    }

    #[test]
    fn without_a_dateline_relative_dates_say_so() {
        let f = extract(
            "On Wednesday the plant closed.",
            Span { start: 0, end: 30 },
            None,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].value, "Wednesday");
        assert!(f[0].note.contains("no dateline"), "{}", f[0].note);
        // A date years before in the text does not put the weekday on a calendar.
        let text = "The spree began on March 11, 2005. Okafor was sentenced Saturday.";
        let start = text.find("Okafor").unwrap_or(0);
        let f = extract(
            text,
            Span {
                start,
                end: text.len(),
            },
            None,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].value, "Saturday");
    }

    #[test]
    fn a_nearby_month_and_year_fixes_a_missing_year() {
        let text = "Calls took place in August 2015. Later, on August 9, the deal was signed.";
        let start = text.find("Later").unwrap_or(0);
        let f = extract(
            text,
            Span {
                start,
                end: text.len(),
            },
            NaiveDate::from_ymd_opt(2023, 3, 1),
        );
        assert_eq!(f[0].value, "2015-08-09");
        assert!(f[0].note.contains("August 2015"), "{}", f[0].note);
        assert!(f[0].note.contains("2022-08-09"), "{}", f[0].note);
    }

    #[test]
    fn time_zone_remarks_stay_with_the_value() {
        assert_eq!(
            dates("He posted it on Tuesday, local time.", Some("2022-07-07")),
            vec![(
                "on Tuesday, local time".to_string(),
                "2022-07-05 (local time)".to_string()
            )]
        );
    }

    #[test]
    fn counts_and_money_are_not_years() {
        assert!(values("It employs 2000 workers and paid $2019 fees.", None).is_empty());
    }
}
