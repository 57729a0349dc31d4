//! Figures in a sentence: numbers in digits and words ("70,000", "seven", "1.2 billion",
//! "$17.1bn"), money with its currency (and a conversion given in brackets), percentages,
//! durations ("a ban of seven years", "a seven-year ban", "for seven years" read the same), counts
//! with the thing they count ("70,000 employees"), and the qualifier in front ("over", "at least",
//! "nearly"). Values are written `[qualifier ]number unit`, e.g. `> 70000 employee`,
//! `> 17000000000 USD`, `7 year`, and read back by [`Amount::parse`] to compare with the
//! qualifier and rounding in mind.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use super::classes::{Classes, Links};
use super::length::Length;
use super::{Cx, par_map};
use crate::model::{Finding, FindingStatus};
use crate::text::terms;

use regex::Regex;

use crate::model::{Fact, FactKind, Span};
use crate::text::{Token, is_stopword, tokenize};

/// What a qualifier does to a stated number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qual {
    Exact,
    Over,
    AtLeast,
    About,
    Nearly,
    UpTo,
    Under,
}

impl Qual {
    /// The bound in words ("more than"), empty for an exact figure.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Qual::Exact => "",
            Qual::Over => "more than",
            Qual::AtLeast => "at least",
            Qual::About => "about",
            Qual::Nearly => "nearly",
            Qual::UpTo => "up to",
            Qual::Under => "less than",
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Qual::Exact => "",
            Qual::Over => ">",
            Qual::AtLeast => ">=",
            Qual::About => "~",
            Qual::Nearly => "<~",
            Qual::UpTo => "<=",
            Qual::Under => "<",
        }
    }

    fn from_symbol(s: &str) -> Option<Self> {
        Some(match s {
            ">" => Qual::Over,
            ">=" => Qual::AtLeast,
            "~" => Qual::About,
            "<~" => Qual::Nearly,
            "<=" => Qual::UpTo,
            "<" => Qual::Under,
            _ => return None,
        })
    }
}

/// One amount read back from a fact value: the range of numbers it allows, and its unit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Amount {
    pub qual: Qual,
    /// The number, or the low end of a range ("24- to 30-foot": 24).
    pub number: f64,
    /// The high end of a range (`24-30 foot`: 30).
    pub to: Option<f64>,
    pub unit: String,
    /// Worked out from another unit (`30 foot ≈ 9.144 meter`), not stated.
    pub converted: bool,
}

/// Relative slack for a number stated without a qualifier (rounding: "$17bn" vs "$17.1bn").
const ROUNDING: f64 = 0.02;

/// Relative slack for a figure converted from another unit: the other source may have
/// converted it too, and loosely — a metre as three feet ("a 30-foot boat" as "10-metre", six
/// feet as "two metres"), a mile as 1.5 km — which moves a figure by up to 9%.
const CONVERTED: f64 = 0.10;

impl Amount {
    /// Reads one `[qualifier ]number unit` value.
    pub(crate) fn parse(s: &str) -> Option<Self> {
        let mut parts = s.split_whitespace().peekable();
        let qual = match parts.peek().and_then(|p| Qual::from_symbol(p)) {
            Some(q) => {
                parts.next();
                q
            }
            None => Qual::Exact,
        };
        let written = parts.next()?;
        let (number, to) = match written.split_once('-') {
            Some((lo, hi)) => (lo.parse().ok()?, Some(hi.parse().ok()?)),
            None => (written.parse().ok()?, None),
        };
        let unit = parts.collect::<Vec<_>>().join(" ");
        Some(Self {
            qual,
            number,
            to,
            unit,
            converted: false,
        })
    }

    /// Reads every amount of a value: a conversion the source gives is joined by ` = `
    /// (`500000000 EUR = 590000000 USD`), one worked out here by ` ≈ ` (`30 foot ≈ 9.144 meter`).
    pub(crate) fn parse_all(s: &str) -> Vec<Self> {
        s.split(" = ")
            .flat_map(|given| {
                given.split(" ≈ ").enumerate().filter_map(|(k, part)| {
                    Self::parse(part).map(|a| Self {
                        converted: k > 0,
                        ..a
                    })
                })
            })
            .collect()
    }

    /// The amount of a value to set beside other sources' figures: the one worked out in a
    /// unit every source can be compared in (metres for `30 foot ≈ 9.144 meter`), else the
    /// figure as written.
    pub(crate) fn common(amounts: &[Amount]) -> Option<&Amount> {
        amounts
            .iter()
            .rev()
            .find(|a| a.converted)
            .or(amounts.first())
    }

    /// The relative slack of an exact figure: rounding, or more for a conversion.
    fn slack(&self) -> f64 {
        if self.converted { CONVERTED } else { ROUNDING }
    }

    /// The closed range of numbers the statement allows.
    pub(crate) fn range(&self) -> (f64, f64) {
        let (lo, hi) = (self.number, self.to.unwrap_or(self.number));
        match self.qual {
            Qual::Exact => (lo * (1.0 - self.slack()), hi * (1.0 + self.slack())),
            // "More than 26,000" bounds the figure from below only: 31,000 may be true too.
            Qual::Over => (hi * 1.000_001, f64::INFINITY),
            Qual::AtLeast => (hi, f64::INFINITY),
            Qual::About => (lo * 0.9, hi * 1.1),
            Qual::Nearly => (lo * 0.85, hi),
            Qual::UpTo => (0.0, hi),
            Qual::Under => (0.0, hi * 0.999_999),
        }
    }

    /// Can both statements be true of the same figure?
    pub(crate) fn compatible(&self, other: &Amount) -> bool {
        if self.unit != other.unit {
            return false;
        }
        let plain = |a: &Amount| a.qual == Qual::Exact && a.to.is_none() && !a.converted;
        if plain(self) && plain(other) {
            return (self.number - other.number).abs()
                <= ROUNDING * self.number.abs().max(other.number.abs());
        }
        let (a0, a1) = self.range();
        let (b0, b1) = other.range();
        a0 <= b1 && b0 <= a1
    }
}

/// Slack between two numbers when either has a qualifier: "over 80 million" and "82 million"
/// state one figure, "at least 3" and "11" two.
const QUALIFIED_SLACK: f64 = 0.1;

/// Two amounts state one figure: one unit, and equal within rounding ("$17bn" and "$17.1bn"),
/// or within [`QUALIFIED_SLACK`] when either is qualified ("about 300" and "300"). One number
/// bounded from two sides ("fewer than 1,000" and "more than 1,000") is two figures: the
/// sources disagree on which side of it the count lies.
pub(crate) fn one_figure(a: &Amount, b: &Amount) -> bool {
    let slack = if a.qual == Qual::Exact && b.qual == Qual::Exact {
        a.slack().max(b.slack())
    } else {
        QUALIFIED_SLACK
    };
    // A range is one figure only with the same range ("24- to 30-foot").
    let near = |x: f64, y: f64| (x - y).abs() <= slack * x.abs().max(y.abs());
    let high = |x: &Amount| x.to.unwrap_or(x.number);
    a.unit == b.unit && a.compatible(b) && near(a.number, b.number) && near(high(a), high(b))
}

/// Whether `holds` for some pair of the amounts of two values. Figures stated in one unit are
/// weighed as stated: "50-foot" and "54-foot" differ, though worked out in metres both fall
/// within a conversion's slack; only figures in two units are weighed as converted.
pub(crate) fn any_pair(
    p: &[Amount],
    q: &[Amount],
    holds: impl Fn(&Amount, &Amount) -> bool,
) -> bool {
    let stated = |a: &&Amount| !a.converted;
    let in_one_unit = p
        .iter()
        .filter(stated)
        .any(|s| q.iter().filter(stated).any(|t| s.unit == t.unit));
    p.iter().any(|s| {
        q.iter()
            .any(|t| (!in_one_unit || !s.converted && !t.converted) && holds(s, t))
    })
}

/// What two figures of one subject must share to be weighed against each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Scope<'a> {
    /// One story.
    Story(usize),
    /// One aligned group.
    Group(&'a str),
    /// One band of magnitude, each [`BAND`] times the one below: two figures within
    /// [`QUALIFIED_SLACK`] of each other (the most [`one_figure`] allows) are in one band or in
    /// two next to each other, so a figure keyed by its band and the next meets every figure it
    /// can be one with.
    Band(i64),
}

/// The ratio of one band of magnitude to the one below: above `1 / (1 - QUALIFIED_SLACK)`, the
/// most two figures [`one_figure`] calls one can be apart by (1.11).
const BAND: f64 = 1.2;

impl Scope<'_> {
    fn band(n: f64) -> Self {
        let n = n.abs();
        Scope::Band(if n > 0.0 && n.is_finite() {
            (n.ln() / BAND.ln()).floor() as i64
        } else {
            i64::MIN
        })
    }

    fn next(self) -> Self {
        match self {
            Scope::Band(b) => Scope::Band(b.saturating_add(1)),
            other => other,
        }
    }
}

/// Formats a number without a needless fraction.
pub(crate) fn fmt_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e18 {
        format!("{}", n as i64)
    } else {
        let s = format!("{n:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A number as people read it: 17000000000 → "17 billion".
pub(crate) fn readable(n: f64) -> String {
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if n.abs() >= scale {
            return format!(
                "{} {word}",
                fmt_number((n / scale * 1000.0).round() / 1000.0)
            );
        }
    }
    let s = fmt_number(n);
    // Thousands separators for whole numbers.
    if n.fract() == 0.0 && n.abs() >= 10000.0 {
        let digits: Vec<char> = s.chars().collect();
        let mut out = String::new();
        for (i, ch) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) && ch.is_ascii_digit() {
                out.push(',');
            }
            out.push(*ch);
        }
        return out;
    }
    s
}

/// A value as people read it: `> 17000000000 USD` → "> 17 billion USD".
pub(crate) fn readable_value(value: &str) -> String {
    let parts: Vec<String> = Amount::parse_all(value)
        .iter()
        .map(|a| {
            let q = a.qual.symbol();
            let sep = if q.is_empty() { "" } else { " " };
            // A figure worked out in metres, rounded as a reader takes it in: "≈ 7.3–9.1 m".
            if a.converted && a.unit == "meter" {
                return format!("≈ {}", super::length::in_metres(a));
            }
            let to =
                a.to.map_or_else(String::new, |to| format!("–{}", readable(to)));
            format!("{q}{sep}{}{to} {}", readable(a.number), a.unit)
        })
        .collect();
    if parts.is_empty() {
        value.to_string()
    } else {
        parts.join(" = ").replace(" = ≈ ", " ≈ ")
    }
}

static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(bn|b|mn|m|k|tn|billion|million)?$")
        .expect("valid digits regex")
});
static HYPHEN_DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z0-9.]+?)-(year|month|week|day|hour|minute)s?(?:-long)?$")
        .expect("valid duration regex")
});

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "m" | "mn" => 1e6,
        "billion" | "bn" | "b" => 1e9,
        "trillion" | "tn" => 1e12,
        _ => return None,
    })
}

fn currency_symbol(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "usd" => "USD",
        "eur" => "EUR",
        "gbp" => "GBP",
        "cny" | "rmb" => "CNY",
        "jpy" => "JPY",
        _ => return None,
    })
}

/// "weighing 125 pounds", "a 300-pound weight": pounds of weight, not money, when a word of
/// weight comes within a few words before the figure.
fn weighed(toks: &[Token], start: usize) -> bool {
    toks[start.saturating_sub(4)..start].iter().any(|t| {
        t.key.starts_with("weigh") || matches!(t.key.as_str(), "heavy" | "heavier" | "tipped")
    })
}

fn currency_word(s: &str) -> Option<&'static str> {
    Some(match s {
        "dollar" | "dollars" => "USD",
        "euro" | "euros" => "EUR",
        "pound" | "pounds" | "sterling" => "GBP",
        "yuan" | "renminbi" => "CNY",
        "yen" => "JPY",
        "rupee" | "rupees" => "INR",
        _ => return None,
    })
}

fn duration_unit(s: &str) -> Option<&'static str> {
    Some(match s {
        "year" | "years" => "year",
        "month" | "months" => "month",
        "week" | "weeks" => "week",
        "day" | "days" => "day",
        "hour" | "hours" => "hour",
        "minute" | "minutes" => "minute",
        _ => return None,
    })
}

/// Nouns that count people without saying what happened to them.
const GENERIC_PEOPLE: &[&str] = &[
    "people",
    "person",
    "persons",
    "residents",
    "civilians",
    "individuals",
    "children",
    "adults",
    "passengers",
];

fn event_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "dead" | "died" | "die" | "deaths" | "death" | "killing" | "fatalities"
        | "toll" | "perished" => "killed",
        "injured" | "wounded" | "hurt" | "injuries" | "injuring" | "wounding" => "injured",
        "missing" => "missing",
        "arrested" | "detained" | "arrests" => "arrested",
        "evacuated" | "evacuations" => "evacuated",
        "displaced" | "homeless" => "displaced",
        "rescued" => "rescued",
        "infected" | "cases" => "infected",
        _ => return None,
    })
}

const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "children",
    "men",
    "women",
    "staff",
    "police",
    "personnel",
    "troops",
    "cattle",
    "sheep",
    "fish",
    "data",
    "media",
    "aircraft",
    "crew",
];

/// Words in "-men" that are no plural of "-man".
const NOT_MEN: &[&str] = &[
    "specimen", "regimen", "abdomen", "acumen", "albumen", "bitumen", "stamen", "semen", "hymen",
    "yemen", "lumen", "omen", "amen", "ramen", "bremen", "turkmen", "cognomen", "foramen",
    "dolmen", "gravamen", "carmen",
];

fn is_plural_noun(w: &str) -> bool {
    if IRREGULAR_PLURALS.contains(&w) {
        return true;
    }
    if w.len() > 4
        && w.ends_with("men")
        && w.chars().all(char::is_alphabetic)
        && !NOT_MEN.contains(&w)
    {
        // "crewmen", "gunmen", "policemen".
        return true;
    }
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !is_stopword(w)
        && duration_unit(w).is_none()
        && !matches!(w, "was" | "has" | "does" | "its" | "this" | "less" | "yes")
}

/// A readable singular of a plural noun ("companies" → "company").
pub(crate) fn singular(w: &str) -> String {
    if IRREGULAR_PLURALS.contains(&w)
        || matches!(
            w,
            "goods"
                | "arms"
                | "earnings"
                | "proceeds"
                | "savings"
                | "news"
                | "series"
                | "species"
                | "headquarters"
        )
    {
        return w.to_string();
    }
    if let Some(s) = w.strip_suffix("men")
        && is_plural_noun(w)
    {
        return format!("{s}man");
    }
    if let Some(s) = w.strip_suffix("ies") {
        // "movies", "rookies": nouns in "-ie"; else "companies" → "company".
        let ie = format!("{s}ie");
        return if IE_NOUNS.contains(&ie.as_str()) {
            ie
        } else {
            format!("{s}y")
        };
    }
    if let Some(us) = w.strip_suffix("es")
        && US_NOUNS.contains(&us)
    {
        return us.to_string();
    }
    for suf in ["sses", "xes", "ches", "shes", "zes"] {
        if let Some(s) = w.strip_suffix(suf) {
            return format!("{s}{}", &suf[..suf.len() - 2]);
        }
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

/// Nouns in "-ie" whose plural in "-ies" is no "-y" noun's.
const IE_NOUNS: &[&str] = &[
    "movie", "cookie", "rookie", "zombie", "calorie", "goalie", "selfie", "sortie", "hippie",
    "brownie", "prairie", "pie", "tie", "lie",
];

/// Nouns in "-us" whose plural is "-uses" (a "cause" is no "caus").
const US_NOUNS: &[&str] = &[
    "campus", "bus", "virus", "bonus", "status", "census", "focus", "circus", "surplus",
];

/// Nouns news reports use for one kind of thing counted, and the one that stands for them.
const SAME_THING: &[(&str, &str)] = &[
    ("vessel", "ship"),
    ("crewman", "crew"),
    ("crewmember", "crew"),
    ("seaman", "sailor"),
    ("serviceman", "soldier"),
    ("troops", "soldier"),
    ("policeman", "police"),
];

/// One name for what a count is of: one spelling for nouns that British and American English
/// spell apart ("metre" and "meter" count the same thing), and one noun of [`SAME_THING`]
/// ("14 vessels", "a dozen ships").
pub(crate) fn one_spelling(noun: &str) -> String {
    if let Some((_, one)) = SAME_THING.iter().find(|(w, _)| *w == noun) {
        return (*one).to_string();
    }
    for (british, american) in [("metre", "meter"), ("litre", "liter")] {
        if let Some(stem) = noun.strip_suffix(british) {
            return format!("{stem}{american}");
        }
    }
    noun.to_string()
}

/// A number read at token `i`: value, tokens used, and a unit carried by the token itself.
struct Read {
    value: f64,
    next: usize,
    /// "bn"/"m" glued to the digits, or the unit of a hyphenated "seven-year".
    duration: Option<&'static str>,
    /// The length of a hyphenated "10-metre" or "30-foot-high" ([`HYPHEN_LENGTH`]).
    length: Option<Length>,
    word: bool,
    /// A number that is a round figure by its wording ("a dozen").
    approximate: bool,
}

fn read_number(toks: &[Token], i: usize) -> Option<Read> {
    // `i` may be one past the last token: "$5 (" ends the sentence before any conversion.
    let tok = toks.get(i)?;
    let key = tok.key.as_str();
    if !tok.is_word {
        return None;
    }
    let mut read = if let Some(c) = DIGITS.captures(key) {
        let int = c.get(1)?.as_str().replace(',', "");
        let frac = c.get(2).map_or("", |m| m.as_str());
        let mut v: f64 = format!("{int}{frac}").parse().ok()?;
        if let Some(s) = c.get(3) {
            v *= scale_word(s.as_str())?;
        }
        Read {
            value: v,
            next: i + 1,
            duration: None,
            length: None,
            word: false,
            approximate: false,
        }
    } else if let Some(length) = Length::read(key) {
        return Some(Read {
            value: length.number,
            next: i + 1,
            duration: None,
            word: length.word,
            approximate: false,
            length: Some(length),
        });
    } else if let Some(c) = HYPHEN_DURATION.captures(key) {
        let n = c.get(1)?.as_str();
        let v = n
            .parse::<f64>()
            .ok()
            .or_else(|| crate::text::word_number(n))
            .filter(|v| *v > 0.0)?;
        let unit = duration_unit(c.get(2)?.as_str())?;
        return Some(Read {
            value: v,
            next: i + 1,
            duration: Some(unit),
            length: None,
            word: n.parse::<f64>().is_err(),
            approximate: false,
        });
    } else if let Some((value, len)) = dozen(toks, i) {
        // "a dozen ships", "half a dozen": round figures, read as about 12 and about 6.
        return Some(Read {
            value,
            next: i + len,
            duration: None,
            length: None,
            word: true,
            approximate: true,
        });
    } else if let Some(len) = pair_of(toks, i) {
        return Some(Read {
            value: 2.0,
            next: i + len,
            duration: None,
            length: None,
            word: true,
            approximate: false,
        });
    } else if let Some(v) = crate::text::word_number(key) {
        if key == "dozen" {
            return None;
        }
        Read {
            value: v,
            next: i + 1,
            duration: None,
            length: None,
            word: true,
            approximate: false,
        }
    } else {
        return None;
    };
    // "two hundred", "1.2 billion", "three million".
    while let Some(t) = toks.get(read.next)
        && t.is_word
        && let Some(s) = scale_word(&t.key)
        && !(s < 1e6 && t.key.len() == 1)
        && (t.key.len() > 2 || !read.word)
    {
        read.value *= s;
        read.next += 1;
    }
    Some(read)
}

/// "24- to 30-foot", "24 to 30-foot": a number read, then "to" and a length, is a range of that
/// length; the length and the token after it.
fn length_range(toks: &[Token], read: &Read) -> Option<(Length, usize)> {
    let mut k = read.next;
    if toks.get(k).is_some_and(|t| t.key == "-") {
        k += 1;
    }
    if toks.get(k).is_none_or(|t| t.key != "to") || read.duration.is_some() {
        return None;
    }
    let high = read_number(toks, k + 1)?;
    Some((high.length?.from(read.value)?, high.next))
}

/// "a dozen" (12) or "half a dozen" (6) at token `i`: the value and the tokens it takes.
fn dozen(toks: &[Token], i: usize) -> Option<(f64, usize)> {
    let key = |k: usize| toks.get(k).map_or("", |t| t.key.as_str());
    match (key(i), key(i + 1), key(i + 2)) {
        ("half", "a", "dozen") => Some((6.0, 3)),
        ("a", "dozen", _) if key(i.wrapping_sub(1)) != "half" => Some((12.0, 2)),
        _ => None,
    }
}

/// "a pair of left hooks" at token `i`: two of what follows, and the tokens it takes; not a
/// pair of one thing ("a pair of jeans").
fn pair_of(toks: &[Token], i: usize) -> Option<usize> {
    let key = |k: usize| toks.get(k).map_or("", |t| t.key.as_str());
    let one_thing = |w: &str| {
        matches!(
            w,
            "jeans"
                | "trousers"
                | "pants"
                | "shorts"
                | "tights"
                | "scissors"
                | "glasses"
                | "spectacles"
                | "binoculars"
                | "pliers"
                | "tongs"
                | "handcuffs"
                | "sunglasses"
                | "gloves"
                | "socks"
                | "boots"
                | "shoes"
                | "earrings"
        )
    };
    (key(i) == "a"
        && key(i + 1) == "pair"
        && key(i + 2) == "of"
        && !(i + 3..i + 6).any(|k| one_thing(key(k))))
    .then_some(3)
}

/// A word of a qualifier ("more", "than", "least", "nearly"…), not of what is counted.
pub(crate) fn is_qualifier_word(w: &str) -> bool {
    matches!(
        w,
        "more"
            | "than"
            | "upwards"
            | "just"
            | "over"
            | "least"
            | "fewer"
            | "less"
            | "under"
            | "many"
            | "much"
            | "most"
            | "close"
            | "estimated"
            | "above"
            | "exceeding"
            | "about"
            | "around"
            | "approximately"
            | "roughly"
            | "some"
            | "approx"
            | "circa"
            | "nearly"
            | "almost"
            | "below"
    )
}

fn qualifier(toks: &[Token], i: usize) -> (Qual, usize) {
    let w = |k: usize| -> &str {
        if k < i && k < toks.len() {
            toks[k].key.as_str()
        } else {
            ""
        }
    };
    let two = |a: &str, b: &str| i >= 2 && w(i - 2) == a && w(i - 1) == b;
    // "as many as 20,000" bounds it from above; "twice as many as" and "not as many as" do not.
    let as_as = |b: &str| {
        i >= 3
            && w(i - 3) == "as"
            && two(b, "as")
            && (i < 4 || !matches!(w(i - 4), "not" | "twice" | "thrice" | "times" | "half"))
    };
    if as_as("many") || as_as("much") {
        return (Qual::UpTo, i - 3);
    }
    if two("more", "than") || two("upwards", "of") || two("just", "over") {
        return (Qual::Over, i - 2);
    }
    if two("at", "least") || two("no", "fewer") {
        return (Qual::AtLeast, i - 2);
    }
    if two("less", "than") || two("fewer", "than") || two("just", "under") {
        return (
            if w(i - 2) == "just" {
                Qual::Nearly
            } else {
                Qual::Under
            },
            i - 2,
        );
    }
    if two("up", "to") || two("at", "most") {
        return (Qual::UpTo, i - 2);
    }
    if two("close", "to") || two("an", "estimated") {
        return (Qual::About, i - 2);
    }
    if i >= 1 {
        let q = match w(i - 1) {
            "over" | "above" | "exceeding" => Qual::Over,
            "about" | "around" | "approximately" | "roughly" | "some" | "approx" | "circa"
            | "~" => Qual::About,
            "nearly" | "almost" => Qual::Nearly,
            "under" | "below" => Qual::Under,
            _ => return (Qual::Exact, i),
        };
        return (q, i - 1);
    }
    (Qual::Exact, i)
}

/// Quantity facts of the sentence at `span`, skipping byte ranges in `claimed` (dates).
pub(crate) fn extract(text: &str, span: Span, claimed: &[(usize, usize)]) -> Vec<Fact> {
    let sentence = &text[span.start..span.end];
    let toks = tokenize(sentence);
    let free = |t: &Token| {
        let (s, e) = (span.start + t.start, span.start + t.end);
        !claimed.iter().any(|&(a, b)| s < b && a < e)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(mut read) = read_number(&toks, i).filter(|_| free(&toks[i])) else {
            i += 1;
            continue;
        };
        // "a 24- to 30-foot dhow": one length, a range.
        if read.length.is_none()
            && let Some((length, next)) = length_range(&toks, &read)
        {
            (read.length, read.next) = (Some(length), next);
        }
        // Numbers glued into names ("G20", "iPhone 12", "Group of 20") are not figures.
        let prev_key = if i > 0 { toks[i - 1].key.as_str() } else { "" };
        let prev_raw = if i > 0 {
            &sentence[toks[i - 1].start..toks[i - 1].end]
        } else {
            ""
        };
        // A size after a name's possessive is the named thing's ("Dubai's 828-metre tower").
        let possessive = read.length.is_some() && prev_key.ends_with("'s");
        if i > 0
            && toks[i - 1].is_word
            && prev_raw.chars().next().is_some_and(char::is_uppercase)
            && !read.word
            && i > 1
            && !possessive
        {
            i = read.next;
            continue;
        }
        // "the two sides" points back at things already named; it is not a count. A size is
        // a figure however its noun is introduced ("the 10-metre dhow").
        if read.length.is_none()
            && (read.value == 1.0 && read.word
                || matches!(
                    prev_key,
                    "the" | "both" | "these" | "those" | "their" | "its"
                ))
        {
            i = read.next;
            continue;
        }
        let mut j = read.next;
        // Currency before: "$", "US$", "€"; or an ISO code.
        let mut cur_start = i;
        let mut currency = None;
        if let Some(c) = currency_symbol(prev_key) {
            currency = Some(c);
            cur_start = i - 1;
            if c == "USD" && i >= 2 && matches!(toks[i - 2].key.as_str(), "us" | "u.s.") {
                cur_start = i - 2;
            }
        }
        let next_key = toks.get(j).map_or("", |t| t.key.as_str());
        let (mut qual, mut q_start) = qualifier(&toks, cur_start);
        if currency.is_none()
            && let Some(c) = currency_word(next_key)
            && !(c == "GBP" && weighed(&toks, q_start))
        {
            currency = Some(c);
            j += 1;
        }
        let mut spread = false;
        // "40 hours over four days", "€110bn in loans over three years": "over" a time right
        // after a figure spreads that figure over it, and bounds nothing.
        if qual == Qual::Over
            && toks[q_start].key == "over"
            && currency.is_none()
            && (read.duration.is_some() || duration_unit(next_key).is_some())
            && (q_start.saturating_sub(4)..q_start).any(|k| read_number(&toks, k).is_some())
        {
            (qual, q_start, spread) = (Qual::Exact, cur_start, true);
        }
        if currency.is_none() && intensifier(&toks, q_start, j, read.value) {
            i = read.next;
            continue;
        }
        let mut note = Vec::new();
        if spread {
            note.push("“over” after a figure read as across, not more than".to_string());
        }
        if qual == Qual::Exact && read.approximate {
            qual = Qual::About;
            note.push(format!(
                "“{}” read as about {}",
                &sentence[toks[i].start..toks[read.next - 1].end],
                fmt_number(read.value)
            ));
        } else if qual != Qual::Exact {
            let q = &sentence[toks[q_start].start..toks[cur_start - 1].end];
            note.push(format!("“{q}” read as {}", qual.symbol()));
        }
        let (unit, subject, end_tok) = if let Some(length) = read.length {
            // The thing the size stands before; none ("he is 6-foot tall") says of what too
            // little, and a race named by its distance has no size.
            let Some((subject, end)) = length.of_thing(sentence, &toks, j) else {
                i = read.next;
                continue;
            };
            (length.unit.to_string(), subject, end)
        } else if let Some(c) = currency {
            if prev_key == "$" {
                note.push("“$” read as US dollars".to_string());
            }
            let subject = money_subject(sentence, &toks, cur_start, j);
            (c.to_string(), subject, j)
        } else if next_key == "%" || next_key == "percent" {
            (
                "%".to_string(),
                percent_subject(sentence, &toks, q_start, j + 1),
                j + 1,
            )
        } else if next_key == "per" && toks.get(j + 1).is_some_and(|t| t.key == "cent") {
            (
                "%".to_string(),
                percent_subject(sentence, &toks, q_start, j + 2),
                j + 2,
            )
        } else if let Some(u) = read.duration.or_else(|| duration_unit(next_key)) {
            let end = if read.duration.is_some() { j } else { j + 1 };
            let after = toks.get(end).map_or("", |t| t.key.as_str());
            let lasting = matches!(
                toks[..q_start].last().map(|t| t.key.as_str()),
                Some("for" | "of")
            );
            if !lasting
                && matches!(
                    after,
                    "ago" | "earlier" | "later" | "before" | "after" | "old" | "previously"
                )
            {
                i = end;
                continue;
            }
            // "a 20 year sentence": a unit in the singular after a number other than one
            // qualifies the noun after it, as "20-year" does.
            let qualifies = read.duration.is_some()
                || (read.value != 1.0 && toks.get(j).is_some_and(|t| t.key == u));
            let subject = duration_subject(&toks, q_start, i, qualifies, end);
            (u.to_string(), subject, end)
        } else if let Some((noun_at, subject)) = counted(&toks, j, sentence) {
            (subject.clone(), subject, noun_at + 1)
        } else if let Some(s) = toll_subject(&toks, q_start) {
            (s.clone(), s, j)
        } else if let Some((s, end)) = bare_count_subject(&toks, q_start, j) {
            (s.clone(), s, end)
        } else {
            i = read.next;
            continue;
        };
        if read.word && !read.approximate {
            note.push(format!(
                "“{}” in words = {}",
                &sentence[toks[i].start..toks[read.next - 1].end],
                fmt_number(read.value)
            ));
        } else if read.value >= 1e6 {
            note.push(format!("= {}", fmt_number(read.value)));
        }
        let qs = qual.symbol();
        let mut value = match read.length {
            Some(length) => {
                if length.unit != "meter" {
                    note.push(format!("{} worked out in metres", length.unit));
                }
                length.value(qs)
            }
            None => format!(
                "{}{}{} {unit}",
                qs,
                if qs.is_empty() { "" } else { " " },
                fmt_number(read.value)
            ),
        };
        let mut last = end_tok.max(read.next) - 1;
        // A conversion in brackets: "€500m ($590m)".
        if currency.is_some()
            && toks.get(last + 1).is_some_and(|t| t.key == "(")
            && let Some(conv) = bracket_money(&toks, last + 2)
        {
            value = format!("{value} = {} {}", fmt_number(conv.0), conv.1);
            note.push(format!(
                "conversion given: {} {}",
                fmt_number(conv.0),
                conv.1
            ));
            last = conv.2;
        }
        let start = span.start + toks[q_start].start;
        let end = span.start + toks[last].end;
        if !subject.is_empty() && currency.is_some() {
            note.push(format!("about: {subject}"));
        }
        out.push(Fact {
            kind: FactKind::Quantity,
            start,
            end,
            text: text[start..end].to_string(),
            value,
            subject,
            note: if note.is_empty() {
                "number as written".to_string()
            } else {
                note.join("; ")
            },
        });
        i = last + 1;
    }
    out
}

/// "($590m)" after an amount: the converted amount, its currency, and the closing token index.
fn bracket_money(toks: &[Token], i: usize) -> Option<(f64, &'static str, usize)> {
    let (cur, at) = if let Some(c) = toks.get(i).and_then(|t| currency_symbol(&t.key)) {
        (c, i + 1)
    } else if toks.get(i).is_some_and(|t| t.key == "us")
        && toks.get(i + 1).is_some_and(|t| t.key == "$")
    {
        ("USD", i + 2)
    } else {
        let (q, at) = match toks.get(i).map(|t| t.key.as_str()) {
            Some("about" | "around" | "roughly" | "approximately" | "some" | "nearly") => {
                (1, i + 1)
            }
            _ => (0, i),
        };
        let r = read_number(toks, at)?;
        let c = currency_word(toks.get(r.next)?.key.as_str())?;
        let close = r.next + 1;
        let _ = q;
        return toks
            .get(close)
            .filter(|t| t.key == ")")
            .map(|_| (r.value, c, close));
    };
    let at = match toks.get(at).map(|t| t.key.as_str()) {
        Some("about" | "around" | "roughly" | "approximately") => at + 1,
        _ => at,
    };
    let r = read_number(toks, at)?;
    toks.get(r.next)
        .filter(|t| t.key == ")")
        .map(|_| (r.value, cur, r.next))
}

/// A model's letters and number glued by a hyphen: "AK-47", "F-16", "MiG-29" ("COVID-19" names
/// no model: its letters are too many).
fn is_model(word: &str) -> bool {
    word.split_once('-').is_some_and(|(letters, digits)| {
        (1..=3).contains(&letters.len())
            && letters.chars().all(char::is_alphabetic)
            && !digits.is_empty()
            && digits.chars().all(|c| c.is_ascii_digit())
    })
}

/// How a model designation at token `k` ([`is_designation`]) is named in a finding, one way
/// however it is written: "AK-47" for "AK-47", "ak-47" and "AK 47".
fn model_name(sentence: &str, toks: &[Token], k: usize) -> String {
    let word = &sentence[toks[k].start..toks[k].end];
    let (letters, digits) = word
        .split_once('-')
        .unwrap_or_else(|| (&sentence[toks[k - 1].start..toks[k - 1].end], word));
    format!("{}-{digits}", letters.to_uppercase())
}

/// A model designation among the words of a count, which names the kind of thing and is no
/// number of its own: "AK-47", "F-16", "MiG-29"; also "AK 47", the digits after a short word in
/// capitals.
fn is_designation(sentence: &str, toks: &[Token], k: usize) -> bool {
    let raw = |k: usize| &sentence[toks[k].start..toks[k].end];
    let word = raw(k);
    let glued = is_model(word);
    let after_letters = k > 0
        && word.len() <= 4
        && word.chars().all(|c| c.is_ascii_digit())
        && toks[k - 1].end == toks[k].start - 1
        && (1..=4).contains(&raw(k - 1).len())
        && raw(k - 1).chars().all(|c| c.is_ascii_uppercase());
    glued || after_letters
}

/// The designations of a text, letters and digits only: "AK-47" and "AK 47" are "ak47".
fn designations(text: &str) -> Vec<String> {
    let toks = tokenize(text);
    (0..toks.len())
        .filter(|&k| is_designation(text, &toks, k))
        .map(|k| {
            let glued = text[toks[k].start..toks[k].end].contains('-');
            let from = if glued { k } else { k - 1 };
            text[toks[from].start..toks[k].end]
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect()
        })
        .collect()
}

/// Most words between a number and the noun it counts ("eight new licenses"), designations
/// ([`is_designation`]) aside.
const COUNT_GAP: usize = 3;

/// The counted noun after a number: "70,000 employees", "eight new licenses". A count of a
/// named model is of the model, whatever noun the writer puts after it: "seven AK-47 assault
/// rifles", "seven AK-47s" and "12 AK 47 guns" all count AK-47s.
fn counted(toks: &[Token], j: usize, sentence: &str) -> Option<(usize, String)> {
    let mut words = 0;
    let mut model = None;
    for k in j..toks.len() {
        let t = &toks[k];
        if !t.is_word {
            return None;
        }
        if is_designation(sentence, toks, k) {
            model.get_or_insert_with(|| model_name(sentence, toks, k));
            continue;
        }
        // "seven AK-47s".
        if let Some(one) = sentence[t.start..t.end].strip_suffix('s')
            && model.is_none()
            && is_model(one)
        {
            return Some((k, model_name(one, &tokenize(one), 0)));
        }
        words += 1;
        if words > COUNT_GAP {
            return None;
        }
        let w = t.key.trim_end_matches("'s").trim_end_matches('\'');
        if let Some(model) = model.as_ref().filter(|_| is_plural_noun(w)) {
            return Some((k, model.clone()));
        }
        if is_plural_noun(w) {
            // "300 crew members", "40 staff members": the members of the body named.
            if toks.get(k + 1).is_some_and(|t| t.key == "members") {
                return Some((k + 1, one_spelling(&singular(w))));
            }
            let noun = one_spelling(&singular(w));
            if let Some(e) = event_word(w) {
                return Some((k, format!("people {e}")));
            }
            if GENERIC_PEOPLE.contains(&w)
                && let Some(e) = nearest_event(toks, j.saturating_sub(1), k)
            {
                return Some((k, format!("people {e}")));
            }
            return Some((k, noun));
        }
        if is_stopword(&t.key) && !is_set_apart(&t.key) || duration_unit(&t.key).is_some() {
            return None;
        }
        let raw = &sentence[t.start..t.end];
        if raw.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    None
}

/// A verb that only carries tense ("were", "had been") between a count and what happened.
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "were" | "was" | "had" | "have" | "has" | "been" | "are" | "is" | "reportedly" | "being"
    )
}

/// What happened to people counted at token `number` with their noun at `noun`: the event word
/// nearest the count, before it ("killing at least five people and injuring 20": killed) or
/// after the noun ("20 injured and five people killed": killed). Qualifiers and auxiliaries
/// ("were", "had been") do not count as distance; a tie goes to the word after.
fn nearest_event(toks: &[Token], number: usize, noun: usize) -> Option<&'static str> {
    let mut before = None;
    let mut d = 0;
    let (_, q_start) = qualifier(toks, number);
    for t in toks[..q_start].iter().rev() {
        d += 1;
        if d > 4 {
            break;
        }
        if let Some(e) = event_word(&t.key) {
            before = Some((d, e));
            break;
        }
    }
    let mut after = None;
    let mut d = 0;
    for t in toks.iter().skip(noun + 1) {
        if is_auxiliary(&t.key) {
            continue;
        }
        d += 1;
        if d > 6 {
            break;
        }
        if let Some(e) = event_word(&t.key) {
            after = Some((d, e));
            break;
        }
    }
    match (before, after) {
        (Some((db, b)), Some((da, _))) if db < da => Some(b),
        (_, Some((_, a))) => Some(a),
        (Some((_, b)), None) => Some(b),
        (None, None) => None,
    }
}

/// A count of people told by what happened to them, the noun left out: "18 injured and 12
/// arrested", "injuring 80", "killing at least five". The subject, and the token after the count.
fn bare_count_subject(toks: &[Token], q_start: usize, j: usize) -> Option<(String, usize)> {
    // "18 injured", "18 were injured", "18 had been injured".
    let at = (j..toks.len().min(j + 3)).find(|&k| !is_auxiliary(&toks[k].key));
    if let Some(k) = at
        && let Some(e) = toks
            .get(k)
            .filter(|t| t.is_word)
            .and_then(|t| event_word(&t.key))
    {
        return Some((format!("people {e}"), k + 1));
    }
    let before = q_start.checked_sub(1).and_then(|k| toks.get(k))?;
    let e = match before.key.as_str() {
        "killing" => "killed",
        "injuring" | "wounding" => "injured",
        "arresting" => "arrested",
        _ => return None,
    };
    Some((format!("people {e}"), j))
}

/// "The death toll rose to 14": a bare number counts the dead when "toll" is just before.
fn toll_subject(toks: &[Token], q_start: usize) -> Option<String> {
    let lo = q_start.saturating_sub(5);
    let has_toll = toks[lo..q_start].iter().any(|t| t.key == "toll");
    if !has_toll {
        return None;
    }
    let kind = toks[lo..q_start]
        .iter()
        .find_map(|t| match t.key.as_str() {
            "injury" => Some("injured"),
            _ => None,
        })
        .unwrap_or("killed");
    Some(format!("people {kind}"))
}

fn content(t: &Token) -> bool {
    t.is_word
        && !is_stopword(&t.key)
        && t.key
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
}

/// What money is about: "$1.2bn fine", "$17 billion in annual revenue", "fined $1.2 billion".
fn money_subject(sentence: &str, toks: &[Token], start: usize, after: usize) -> String {
    let _ = sentence;
    let mut k = after;
    // Past a conversion in brackets: "€82m ($99m) in revenue".
    if toks.get(k).is_some_and(|t| t.key == "(")
        && let Some(close) = toks[k..].iter().position(|t| t.key == ")")
    {
        k += close + 1;
    }
    if toks.get(k).is_some_and(|t| t.key == "worth") {
        k += 1;
    }
    // A word in -ly after the figure qualifies the noun after it ("$2 billion quarterly
    // profit" is the profit); with no noun after it, it says where or how the money came
    // ("grossed $142 million domestically") and stays with what the money is of, so that two
    // markets' figures are two things.
    let adverb = toks
        .get(k)
        .filter(|t| is_adverb(&t.key))
        .map(|t| t.key.as_str());
    if adverb.is_some() {
        k += 1;
    }
    let noun_at = |t: &Token| {
        content(t)
            && !t.key.ends_with("ing")
            && duration_unit(&t.key).is_none()
            && scale_word(&t.key).is_none()
    };
    if let Some(t) = toks.get(k)
        && noun_at(t)
    {
        return noun_form(&t.key);
    }
    if let Some(a) = adverb {
        return before_money(toks, start).map_or_else(|| a.to_string(), |w| format!("{w} {a}"));
    }
    if toks
        .get(k)
        .is_some_and(|t| matches!(t.key.as_str(), "in" | "of" | "for"))
    {
        let words: Vec<&Token> = toks[k + 1..]
            .iter()
            .take_while(|t| content(t))
            .take(2)
            .collect();
        if let Some(t) = words
            .iter()
            .rev()
            .find(|t| !t.key.ends_with("ing") && !t.key.ends_with("ed"))
        {
            return noun_form(&t.key);
        }
    }
    before_money(toks, start).unwrap_or_default()
}

/// A word in -ly of more than four letters ("domestically", "quarterly"; not "only").
fn is_adverb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ly") && w.chars().all(char::is_alphabetic)
}

/// What money starting at token `start` is of, by the word before it: "fined $1.2 billion",
/// "revenue of $17 billion".
fn before_money(toks: &[Token], start: usize) -> Option<String> {
    let mut b = start;
    while b > 0 {
        b -= 1;
        let t = &toks[b];
        if matches!(
            t.key.as_str(),
            "of" | "at"
                | "to"
                | "by"
                | "a"
                | "an"
                | "the"
                | "about"
                | "some"
                | "over"
                | "than"
                | "more"
                | "least"
                | "nearly"
                | "almost"
                | "around"
                | "us"
        ) {
            continue;
        }
        if content(t) {
            return Some(noun_form(&t.key));
        }
        break;
    }
    None
}

fn percent_subject(sentence: &str, toks: &[Token], start: usize, after: usize) -> String {
    let _ = sentence;
    if toks.get(after).is_some_and(|t| t.key == "of")
        && let Some(t) = toks[after + 1..].iter().take(3).find(|t| content(t))
    {
        return noun_form(&t.key);
    }
    // What moved: when a verb that moves or holds a figure stands within five words before it
    // ("turnout reached 93.87 percent", "Greek stocks closed down 3.9 percent"), the nearest
    // content word before that is no such verb; else the nearest content word before.
    let before = || toks[..start].iter().rev().take(SUBJECT_REACH);
    before()
        .find(|t| content(t) && !is_figure_verb(&t.key))
        .filter(|_| before().any(|t| is_figure_verb(&t.key)))
        .or_else(|| before().take(3).find(|t| content(t)))
        .map(|t| noun_form(&t.key))
        .unwrap_or_default()
}

/// Whether the percentage at tokens `start..` (its number ending before `after`, `value` of
/// it) says how wholly, not how much: "Tara was 100 percent professional", "I am 110 percent
/// sure". A hundred percent or more after a form of "be" and before a word that is no
/// preposition or comparison ("turnout was 100 percent.", "the rise was 100 percent in a year"
/// stay figures).
fn intensifier(toks: &[Token], start: usize, after: usize, value: f64) -> bool {
    let key = |k: usize| toks.get(k).map_or("", |t| t.key.as_str());
    let end = match key(after) {
        "%" | "percent" => after + 1,
        "per" if key(after + 1) == "cent" => after + 2,
        _ => return false,
    };
    value >= 100.0
        && start > 0
        && {
            let be = key(start - 1);
            matches!(
                be,
                "is" | "was" | "am" | "are" | "were" | "be" | "been" | "being"
            ) || be.ends_with("'m")
                || be.ends_with("'re")
                || be.ends_with("'s")
        }
        && toks.get(end).is_some_and(|t| t.is_word)
        && !matches!(
            key(end),
            "of" | "in"
                | "on"
                | "at"
                | "by"
                | "for"
                | "from"
                | "to"
                | "than"
                | "over"
                | "up"
                | "down"
                | "more"
                | "less"
                | "higher"
                | "lower"
                | "and"
                | "or"
        )
}

/// How many words before a percentage its subject is looked for.
const SUBJECT_REACH: usize = 5;

/// A verb that tells how a figure moved or stood ("reached", "fell", "closed", "won"): the
/// figure's subject is the word before it, not the verb.
fn is_figure_verb(w: &str) -> bool {
    const IRREGULAR: [&str; 16] = [
        "fell", "rose", "grew", "sank", "slid", "hit", "stood", "lost", "shed", "won", "got",
        "took", "held", "was", "were", "is",
    ];
    IRREGULAR.contains(&w) || crate::text::is_ed_verb(w)
}

/// What lasts: "a seven-year ban", "a ban of seven years", "a ban … for seven years".
fn duration_subject(toks: &[Token], q_start: usize, i: usize, hyphen: bool, end: usize) -> String {
    if hyphen && let Some(k) = (end..toks.len()).take(2).find(|&k| content(&toks[k])) {
        // "a 24-hour nationwide general strike": the thing that lasts among the words it
        // qualifies, else the first of them ("a 90-day treatment").
        let words = toks[k..].iter().take(3).take_while(|t| content(t));
        return words
            .map(|t| noun_form(&t.key))
            .find(|w| LASTING.contains(&w.as_str()))
            .unwrap_or_else(|| noun_form(&toks[k].key));
    }
    if q_start >= 2 && toks[q_start - 1].key == "of" && content(&toks[q_start - 2]) {
        return noun_form(&toks[q_start - 2].key);
    }
    // "30 hours of deliberation", "12 years of war" (an age is no activity).
    if matches!(toks.get(end).map(|t| t.key.as_str()), Some("in" | "of"))
        && let Some(t) = toks.get(end + 1).filter(|t| content(t) && t.key != "age")
    {
        return noun_form(&t.key);
    }
    // "the jury deliberated Nichols' fate for 40 hours": the activity its verb names, with only
    // its object between the verb and "for".
    if q_start >= 1 && toks[q_start - 1].key == "for" {
        let lo = q_start.saturating_sub(6);
        let verb = toks[lo..q_start - 1]
            .iter()
            .rev()
            .take_while(|t| t.is_word || matches!(t.key.as_str(), "'" | "’"))
            .find_map(|t| ACTIVITIES.iter().find(|(v, _)| *v == t.key));
        if let Some((_, activity)) = verb {
            return (*activity).to_string();
        }
    }
    // A word for something that lasts, shortly before: "banned … for five years".
    let lo = i.saturating_sub(10);
    if let Some(t) = toks[lo..q_start]
        .iter()
        .rev()
        .find(|t| LASTING.contains(&noun_form(&t.key).as_str()))
    {
        return noun_form(&t.key);
    }
    // The nearest earlier noun after an article: "a ban on … for seven years".
    let lo = i.saturating_sub(16);
    for k in (lo + 1..q_start).rev() {
        if matches!(toks[k - 1].key.as_str(), "a" | "an" | "the") && content(&toks[k]) {
            return noun_form(&toks[k].key);
        }
    }
    String::new()
}

/// Verbs of an activity that lasts, and the activity: "deliberated … for 40 hours" is as long
/// as "40 hours of deliberation".
const ACTIVITIES: &[(&str, &str)] = &[
    ("deliberated", "deliberation"),
    ("negotiated", "negotiation"),
    ("debated", "debate"),
    ("interrogated", "interrogation"),
    ("questioned", "questioning"),
    ("hospitalized", "hospitalization"),
    ("hospitalised", "hospitalisation"),
    ("detained", "detention"),
];

/// Things that last a stated time.
const LASTING: &[&str] = &[
    "ban",
    "sentence",
    "term",
    "contract",
    "lease",
    "deal",
    "suspension",
    "moratorium",
    "freeze",
    "embargo",
    "license",
    "licence",
    "mandate",
    "agreement",
    "loan",
    "visa",
    "tenure",
    "war",
    "drought",
    "closure",
    "shutdown",
    "strike",
    "delay",
];

/// Nouns for matching: singular, and a verb of paying a fine read as the fine.
fn noun_form(w: &str) -> String {
    match w {
        "fined" | "fines" | "fine" | "penalty" | "penalties" | "penalised" | "penalized" => {
            "fine".into()
        }
        "sentenced" | "sentence" | "jailed" | "prison" | "imprisonment" => "sentence".into(),
        "banned" | "ban" | "bans" => "ban".into(),
        "deal" | "deals" | "contract" | "contracts" | "agreement" => "contract".into(),
        "grossed" | "gross" | "grosses" | "takings" => "gross".into(),
        _ if is_plural_noun(w) => singular(w),
        _ => w.to_string(),
    }
}

// Comparison of the sources' facts of this kind.

impl Cx<'_> {
    /// The mentions of `comp` by the figure they state, figures in the order of their first
    /// value: identical values are one figure, and distinct values are joined when any of their
    /// amounts state one figure ([`one_figure`]; union of all such pairs, so the order of the
    /// sources never matters). Values that state no amount are left out.
    fn by_figure(&self, comp: &[usize]) -> Vec<Vec<usize>> {
        let values: Vec<(Vec<Amount>, Vec<usize>)> = self
            .by_value(comp)
            .into_iter()
            .map(|(v, ms)| (Amount::parse_all(v), ms))
            .filter(|(a, _)| !a.is_empty())
            .collect();
        let mut root: Vec<usize> = (0..values.len()).collect();
        fn find(root: &mut [usize], mut i: usize) -> usize {
            while root[i] != i {
                root[i] = root[root[i]];
                i = root[i];
            }
            i
        }
        for i in 0..values.len() {
            for j in i + 1..values.len() {
                if any_pair(&values[i].0, &values[j].0, one_figure) {
                    let (ri, rj) = (find(&mut root, i), find(&mut root, j));
                    root[ri.max(rj)] = ri.min(rj);
                }
            }
        }
        let mut figures: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, (_, ms)) in values.into_iter().enumerate() {
            let r = find(&mut root, i);
            figures.entry(r).or_default().extend(ms);
        }
        figures.into_values().collect()
    }

    /// The different figures a component of compatible quantities states, each as written with
    /// its sources (“at least 3 people” (Harbor Fire Spreads (#1))), in the order of the
    /// earliest dateline that gives it (sources without a dateline last). Mentions are one figure when they state one number
    /// in one unit (a conversion in brackets counts), within rounding ("over €80 million" and
    /// "€82 million" are one figure; "at least 3" and "11", two).
    fn figures(&self, comp: &[usize]) -> Vec<String> {
        let mut figures: BTreeMap<usize, (Option<&str>, f64, Vec<usize>)> = BTreeMap::new();
        for (k, ms) in self.by_figure(comp).into_iter().enumerate() {
            let entry = figures
                .entry(k)
                .or_insert((None, f64::INFINITY, Vec::new()));
            for m in ms {
                if let Some(a) = Amount::parse_all(&self.items[m].fact.value).first() {
                    entry.1 = entry.1.min(a.number);
                }
                let dateline = self
                    .cmp
                    .documents
                    .get(self.items[m].doc)
                    .and_then(|d| d.dateline.as_deref());
                if dateline.is_some() && (entry.0.is_none() || dateline < entry.0) {
                    entry.0 = dateline;
                }
                entry.2.push(m);
            }
        }
        let mut figures: Vec<(Option<&str>, f64, Vec<usize>)> = figures.into_values().collect();
        figures.sort_by(|a, b| {
            (a.0.is_none(), a.0)
                .cmp(&(b.0.is_none(), b.0))
                .then(a.1.total_cmp(&b.1))
        });
        figures
            .into_iter()
            .map(|(_, _, mut ms)| {
                ms.sort_unstable();
                format!("“{}” ({})", self.wording(&ms), self.docs_label(&ms))
            })
            .collect()
    }

    /// How mentions of one figure (`ms`, not empty) are shown: the words most of their sources
    /// use ("nearly 235,000 comments" of two sources before "235,000 public comments" of one),
    /// the earliest mention's on a tie.
    fn wording(&self, ms: &[usize]) -> &str {
        let mut sources: BTreeMap<&str, (BTreeSet<usize>, usize)> = BTreeMap::new();
        for &m in ms {
            let it = &self.items[m];
            let entry = sources
                .entry(it.fact.text.as_str())
                .or_insert_with(|| (BTreeSet::new(), m));
            entry.0.insert(it.doc);
            entry.1 = entry.1.min(m);
        }
        sources
            .into_iter()
            .max_by(|a, b| {
                a.1.0
                    .len()
                    .cmp(&b.1.0.len())
                    .then_with(|| b.1.1.cmp(&a.1.1))
            })
            .map_or("", |(text, _)| text)
    }

    /// Mentions of one figure (`ms`, not empty) as shown on one side of a conflict: one
    /// wording per bound, so a source that says "more than 30 hours" is not shown saying "30
    /// hours" (“30 hours” (#6), “more than 30 hours” (#9)), the bound most sources give first.
    fn bounds_told(&self, ms: &[usize]) -> String {
        let mut by_bound: Vec<(String, Vec<usize>)> = Vec::new();
        for &m in ms {
            let bound = bound_words(&self.items[m].fact.value);
            match by_bound.iter_mut().find(|(b, _)| *b == bound) {
                Some((_, list)) => list.push(m),
                None => by_bound.push((bound, vec![m])),
            }
        }
        // The wording most sources use first; on a tie, the one told first.
        by_bound.sort_by_key(|(_, ms)| {
            let docs: BTreeSet<usize> = ms.iter().map(|&m| self.items[m].doc).collect();
            std::cmp::Reverse(docs.len())
        });
        by_bound
            .iter()
            .map(|(_, ms)| format!("“{}” ({})", self.wording(ms), self.docs_label(ms)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The passage of item `m` has a number outside every fact of it that may be a second
    /// figure of what it counts: not a year, an age ("Rahman, 36,") or a count of a noun of its
    /// own.
    fn loose_number(&self, m: usize) -> bool {
        let it = &self.items[m];
        let Some(passage) = self
            .cmp
            .documents
            .get(it.doc)
            .and_then(|d| d.passages.get(it.passage))
        else {
            return false;
        };
        let toks = crate::text::tokenize(&passage.text);
        let fact_at = |a: usize, b: usize| passage.facts.iter().any(|f| f.start < b && a < f.end);
        toks.iter().enumerate().any(|(k, t)| {
            let (a, b) = (passage.start + t.start, passage.start + t.end);
            let number = t.is_word
                && (t
                    .key
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                    && t.key.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || crate::text::word_number(&t.key).is_some_and(|n| n >= 2.0));
            // "the two pirate boats": a number before a noun it counts ([`counted`]) is a count
            // of that, whether or not a fact was read of it; so is one joined by "and" to a
            // count after it ("12 Somali and 11 Yemeni pirates").
            // A day or a month after the number ("12 Tuesday and 15 people Wednesday") says when,
            // not of what.
            let calendar = |t: &Token| {
                t.key.parse::<chrono::Weekday>().is_ok()
                    || crate::dates::month_number(&t.key).is_some()
            };
            let counts_a_noun = || {
                counted(&toks, k + 1, &passage.text).is_some()
                    || toks.get(k + 1).is_some_and(|w| w.is_word && !calendar(w))
                        && toks.get(k + 2).is_some_and(|n| n.key == "and")
                        && toks.get(k + 3).is_some_and(|c| {
                            fact_at(passage.start + c.start, passage.start + c.end)
                        })
            };
            // "Rahman, 36, soon grew…": a number between commas after a name is an age.
            let age = || {
                let raw = |k: usize| &passage.text[toks[k].start..toks[k].end];
                k >= 2
                    && toks[k - 1].key == ","
                    && toks.get(k + 1).is_some_and(|n| n.key == ",")
                    && toks[k - 2].is_word
                    && raw(k - 2).chars().next().is_some_and(char::is_uppercase)
            };
            // "returned 40 minutes later": a span of time to a later happening says when, it is
            // no figure of a thing. "40 minutes after the alarm" may date the count itself (fans
            // still inside): a snapshot, kept apart.
            let time = || {
                toks.get(k + 1)
                    .is_some_and(|u| duration_unit(&u.key).is_some())
                    && toks.get(k + 2).is_some_and(|l| l.key == "later")
            };
            number
                && !crate::text::is_year(&t.key)
                && !fact_at(a, b)
                && !counts_a_noun()
                && !age()
                && !time()
        })
    }

    /// Two figures measured from different places: "150 miles east of Aden" and "13 miles
    /// from the ship" are two distances, whatever else their passages share.
    fn placed_apart(&self, a: usize, b: usize) -> bool {
        let place = |m: usize| -> Option<String> {
            let it = &self.items[m];
            let text = &self.cmp.documents.get(it.doc)?.text;
            place_after(text.get(it.fact.end..)?)
        };
        // One measured from a place the other does not name cannot be set against it either.
        let (pa, pb) = (place(a), place(b));
        match (&pa, &pb) {
            (Some(x), Some(y)) => x != y,
            (None, None) => false,
            // "as a player", "in the NBA" say what a count is of, but a count without them may
            // still be of the same thing: only two different ones set two counts apart.
            (Some(x), None) | (None, Some(x)) => !x.starts_with(WEAK_PLACE),
        }
    }

    /// Reports dated on different days, the later giving a larger figure (a count that grew:
    /// a fire's acres, a toll) or the earlier telling its figure as not final ("estimated",
    /// "with 62% of ballots counted", [`PROVISIONAL`]). A toll that fell from one day's report
    /// to the next, told as final both times, still contradicts it.
    fn changed_between_reports(
        &self,
        a: usize,
        b: usize,
        amounts: &BTreeMap<usize, Vec<Amount>>,
    ) -> bool {
        let (da, db) = (self.items[a].doc, self.items[b].doc);
        let (Some(x), Some(y)) = (self.dateline_of(da), self.dateline_of(db)) else {
            return false;
        };
        let (earlier, later) = match x.cmp(&y) {
            std::cmp::Ordering::Less => (a, b),
            std::cmp::Ordering::Greater => (b, a),
            std::cmp::Ordering::Equal => return false,
        };
        // A span of time told of a past act (a prison term, a ban) does not grow.
        let grew = match (amounts.get(&earlier), amounts.get(&later)) {
            (Some(e), Some(l)) => e.iter().any(|e| {
                measure_of(&e.unit) != Some("duration")
                    && l.iter().any(|l| e.unit == l.unit && l.number >= e.number)
            }),
            _ => false,
        };
        grew || self.told_as_not_final(earlier)
    }

    /// Counts `a` and `b`, one told at a moment ([`SNAPSHOT`] in its clause), the other not:
    /// a count that changed over the day, not a contradiction. Only counts: a share or an
    /// amount "remained" at a figure is a state ("remained 30% contained").
    fn moments_apart(&self, a: usize, b: usize) -> bool {
        let moment = |m: usize| {
            self.clause_around(m)
                .is_some_and(|c| SNAPSHOT.is_match(c.before()) || SNAPSHOT.is_match(c.after()))
        };
        let count = Amount::parse_all(&self.items[a].fact.value)
            .first()
            .is_some_and(|x| measure(x).is_none());
        count && moment(a) != moment(b)
    }

    /// Item `m`'s figure is told as not final: a word of [`PROVISIONAL`] in its own clause
    /// ("an estimated 40 million", not "damage estimated at …" beside "killed 12"), or one of
    /// [`SO_FAR`] anywhere in its sentence ("With 62% of ballots counted, the party had 36%").
    fn told_as_not_final(&self, m: usize) -> bool {
        let Some((sentence, at)) = self.sentence_of(m) else {
            return false;
        };
        let end = (at + self.items[m].fact.text.len()).min(sentence.len());
        let marks = |c: char| super::when::CLAUSE_MARKS.contains(&c);
        let from = sentence[..at].rfind(marks).map_or(0, |k| k + 1);
        let to = sentence[end..]
            .find(marks)
            .map_or(sentence.len(), |k| end + k);
        sentence
            .get(from..to)
            .is_some_and(|clause| PROVISIONAL.is_match(clause))
            || SO_FAR.is_match(sentence)
    }

    /// One figure told with a year of its own that is not its report's (a background event:
    /// "the 2023 Camp Roberts Fire, which burned about 13,000 acres" in a report of 2025), the
    /// other told with no year: two events' figures.
    fn background_apart(
        &self,
        a: usize,
        b: usize,
        story_dateline: &BTreeMap<usize, chrono::NaiveDate>,
    ) -> bool {
        let background = |m: usize| {
            let it = &self.items[m];
            let years = self.contexts.years_of(it.context);
            // A report with no dateline is taken as of its story's latest.
            let Some(dateline) = self
                .dateline_of(it.doc)
                .or_else(|| story_dateline.get(&self.story_of(it.doc)).copied())
            else {
                return false;
            };
            // The report's year, a coming one ("its 2026 budget"), and early in a year the
            // one before ("the December 2024 storm" in January).
            let own = |y: u16| {
                let (y, year) = (i32::from(y), chrono::Datelike::year(&dateline));
                y >= year || y == year - 1 && chrono::Datelike::month(&dateline) <= 2
            };
            !years.is_empty() && !years.iter().any(|&y| own(y))
        };
        let yearless = |m: usize| self.contexts.years_of(self.items[m].context).is_empty();
        (background(a) && yearless(b)) || (background(b) && yearless(a))
    }

    /// Two figures of which one is a rate and the other is not, or two rates of different
    /// things: "250 million euros a year" and "€750m over three years", "52 euros per share"
    /// and "3.9 billion euros".
    fn rates_apart(&self, a: usize, b: usize) -> bool {
        let rate = |m: usize| -> Option<String> {
            let it = &self.items[m];
            let text = &self.cmp.documents.get(it.doc)?.text;
            rate_of(text.get(..it.fact.start)?, text.get(it.fact.end..)?)
        };
        rate(a) != rate(b)
    }

    /// Two spans of time told as ending in different happenings: "deliberated for 14 hours
    /// before recommending death" and "for 11 hours before convicting Nichols" are two
    /// deliberations, however alike their words.
    fn ended_apart(&self, a: usize, b: usize, amounts: &BTreeMap<usize, Vec<Amount>>) -> bool {
        let ending = |m: usize| -> Option<String> {
            let it = &self.items[m];
            // Only a span of time ends in a happening: "killed 80 people before fleeing" and
            // "killed 70 before surrendering" tell one killing.
            let span = amounts
                .get(&m)?
                .iter()
                .any(|a| measure_of(&a.unit) == Some("duration"));
            if !span {
                return None;
            }
            let text = &self.cmp.documents.get(it.doc)?.text;
            ended_by(text.get(it.fact.end..)?)
        };
        matches!((ending(a), ending(b)), (Some(x), Some(y)) if x != y)
    }

    /// The (story, subject) pairs a story gives one figure of: at least two documents state
    /// it, no document gives two different figures of it, and its figures (open bounds such as
    /// "more than 200,000" or "up to 50" aside, which fit figures on one side of them) lie within
    /// [`Tuning::one_thing_spread`](super::Tuning::one_thing_spread) of each other in one unit.
    /// Counts of things set apart ("three other rifles") are things of their own.
    fn one_thing<'s>(
        &'s self,
        members: &[usize],
        amounts: &BTreeMap<usize, Vec<Amount>>,
        modifiers: &BTreeMap<usize, Modifiers>,
    ) -> BTreeSet<(usize, &'s str, bool)> {
        // Per (story, subject): the documents stating it, and the figures that are no open bound.
        type Stated<'a> = (BTreeSet<usize>, Vec<(usize, &'a Amount)>);
        let mut stated: BTreeMap<(usize, &str, bool), Stated> = BTreeMap::new();
        for &m in members {
            let it = &self.items[m];
            let Some(a) = amounts.get(&m).and_then(|a| Amount::common(a)) else {
                continue;
            };
            if it.fact.subject.is_empty() {
                continue;
            }
            let entry = stated
                .entry((
                    self.story_of(it.doc),
                    it.fact.subject.as_str(),
                    modifiers[&m].set_apart,
                ))
                .or_default();
            entry.0.insert(it.doc);
            if !matches!(
                a.qual,
                Qual::Over | Qual::AtLeast | Qual::UpTo | Qual::Under
            ) {
                entry.1.push((it.doc, a));
            }
        }
        stated
            .into_iter()
            .filter(|(_, (docs, figures))| {
                let Some(unit) = figures.first().map(|(_, a)| &a.unit) else {
                    return false;
                };
                let (lo, hi) = figures
                    .iter()
                    .fold((f64::INFINITY, 0.0_f64), |(lo, hi), (_, a)| {
                        (lo.min(a.number), hi.max(a.to.unwrap_or(a.number)))
                    });
                let two_in_one = figures
                    .iter()
                    .any(|(d, a)| figures.iter().any(|(e, b)| d == e && !one_figure(a, b)));
                docs.len() >= 2
                    && !two_in_one
                    && figures.iter().all(|(_, a)| &a.unit == unit)
                    && lo > 0.0
                    && hi <= lo * super::TUNING.one_thing_spread
            })
            .map(|(k, _)| k)
            .collect()
    }

    pub(super) fn quantities(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Quantity);
        let amounts: BTreeMap<usize, Vec<Amount>> = members
            .iter()
            .map(|&m| (m, Amount::parse_all(&self.items[m].fact.value)))
            .collect();
        let units = |m: usize| -> BTreeSet<&str> {
            amounts
                .get(&m)
                .map(|a| a.iter().map(|x| x.unit.as_str()).collect())
                .unwrap_or_default()
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
                )
            },
        );
        // Per passage (its words, so copies count alike) and subject: the values stated. Only a
        // passage's one figure of a thing can contradict another source's: a passage giving two
        // ("12 magazines this time, 31 in all") says what each is of in words a count cannot read.
        // Figures its words set apart ("seven AK-47 rifles and three other rifles") count two
        // things, each its passage's one figure.
        let mut per_passage: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
        for &m in &members {
            let it = &self.items[m];
            per_passage
                .entry((it.context, it.fact.subject.as_str()))
                .or_default()
                .push(m);
        }
        // A passage with a number no fact accounts for ("32 million people, compared with 55.3
        // million a decade ago") may give a second figure of the same thing, its noun left out.
        let mut first_of_context: BTreeMap<usize, usize> = BTreeMap::new();
        for &m in &members {
            first_of_context.entry(self.items[m].context).or_insert(m);
        }
        let loose: BTreeMap<usize, bool> = first_of_context
            .into_iter()
            .map(|(c, m)| (c, self.loose_number(m)))
            .collect();
        let modifiers: BTreeMap<usize, Modifiers> = members
            .iter()
            .map(|&m| (m, Modifiers::of(self.items[m].fact)))
            .collect();
        let apart = |a: usize, b: usize| modifiers[&a].apart(&modifiers[&b]);
        let lone: BTreeMap<usize, bool> = members
            .iter()
            .map(|&m| {
                let it = &self.items[m];
                let alone = per_passage
                    .get(&(it.context, it.fact.subject.as_str()))
                    .is_some_and(|others| {
                        others
                            .iter()
                            .all(|&o| self.items[o].fact.value == it.fact.value || apart(m, o))
                    })
                    && loose.get(&it.context) == Some(&false);
                (m, alone)
            })
            .collect();
        let lone = |m: usize| lone[&m];
        let one_thing = self.one_thing(&members, &amounts, &modifiers);
        // Per story: its latest dateline, for reports that have none.
        let mut story_dateline: BTreeMap<usize, chrono::NaiveDate> = BTreeMap::new();
        for d in 0..self.cmp.documents.len() {
            if let Some(date) = self.dateline_of(d) {
                let latest = story_dateline.entry(self.story_of(d)).or_insert(date);
                *latest = (*latest).max(date);
            }
        }
        // Every link needs the same subject. Figures can contradict each other only in one
        // story or one aligned group; across stories, only one figure can agree: those are
        // paired by their magnitude (see [`Scope`]), so a thousand stories' counts of people
        // are not all weighed against each other. A figure no words say the thing of ("has
        // brought in over $363 million") is weighed only inside its aligned group.
        let pairs = classes.pairs(|c| {
            let m = classes.rep(c);
            let it = &self.items[m];
            let subject = it.fact.subject.as_str();
            if subject.is_empty() {
                return it
                    .group
                    .map(|g| (Scope::Group(g), ""))
                    .into_iter()
                    .collect();
            }
            let story = self.story_of(it.doc);
            let mut keys = vec![(Scope::Story(story), subject)];
            if let Some(g) = it.group {
                keys.push((Scope::Group(g), subject));
            }
            for a in amounts.get(&m).into_iter().flatten() {
                let b = Scope::band(a.number);
                keys.extend([(b, subject), (b.next(), subject)]);
            }
            keys
        });
        let skips: BTreeMap<&str, Vec<u32>> = (0..classes.len())
            .map(|c| self.items[classes.rep(c)].fact.subject.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|s| (s, self.contexts.ids_of(s)))
            .collect();
        // Per pair of classes: (link within a document, link across documents: conflicting?).
        let links: Vec<(bool, Option<bool>)> = par_map(&pairs, |&(x, y)| {
            let (a, b) = (classes.rep(x), classes.rep(y));
            let (x, y) = (&self.items[a], &self.items[b]);
            let (ua, ub) = (units(a), units(b));
            if ua.is_disjoint(&ub) {
                return (false, None);
            }
            let grouped = self.same_group(a, b);
            let same_subject =
                x.fact.subject == y.fact.subject && (!x.fact.subject.is_empty() || grouped);
            let compatible = match (amounts.get(&a), amounts.get(&b)) {
                (Some(p), Some(q)) => any_pair(p, q, Amount::compatible),
                _ => false,
            };
            // The same figure repeated in one source is one statement.
            let within = same_subject && compatible && x.fact.value == y.fact.value;
            if !same_subject {
                return (within, None);
            }
            let skip = skips
                .get(x.fact.subject.as_str())
                .map_or(&[][..], Vec::as_slice);
            let shared = || self.contexts.shared(x.context, y.context, skip).1;
            // Different figures that may both hold ("at least 3", "11") are one thing only
            // inside one aligned group: a lower bound fits every larger count anywhere.
            let one_figure = match (amounts.get(&a), amounts.get(&b)) {
                (Some(p), Some(q)) => any_pair(p, q, one_figure),
                _ => false,
            };
            // Figures no words say the thing of (paired in one group only) are one thing only
            // when they are one figure, or told in the same words.
            let nameless = x.fact.subject.is_empty();
            // A figure of a background event (its own year) is not one of the story's, unless
            // the two are one figure: the background told twice.
            if self.background_apart(a, b, &story_dateline) && !(compatible && one_figure) {
                return (within, None);
            }
            // Figures of reports dated on different days may each have held on its day (a
            // fire's acres, partial results, a weekend's estimate and its final figure): a
            // figure that changed, shown in the order of the reports, not a contradiction.
            let changed = !compatible && self.changed_between_reports(a, b, &amounts);
            // Passages that report one happening: aligned as one, told in the same words, or
            // giving the one figure their story gives of the thing.
            let one_story_figure = || {
                one_thing.contains(&(
                    self.story_of(x.doc),
                    x.fact.subject.as_str(),
                    modifiers[&a].set_apart,
                ))
            };
            let one_happening = |strict: bool| {
                grouped && !nameless
                    || self.told_alike(a, b, skip)
                    || one_story_figure() && (!strict || self.told_of_one_thing(a, b, skip))
            };
            let of_one_thing = || {
                !self.contexts.other_times(x.context, y.context)
                    && !apart(a, b)
                    && !self.placed_apart(a, b)
                    && !self.rates_apart(a, b)
            };
            // Sizes of things of one kind are most often of two of them ("their 12-metre dhow
            // sank", "rescued by a 20-metre dhow", the old pier and the new, a tower and the one
            // it surpasses): two sizes are never a conflict; one size told alike agrees.
            let size = amounts
                .get(&a)
                .and_then(|p| p.first())
                .is_some_and(|p| sized(x.fact, p));
            let developing = changed && one_happening(false) && of_one_thing()
                || compatible
                    && (grouped && (!nameless || one_figure) || (one_figure && shared() >= 1));
            let apart = if developing {
                Some(false)
            } else if !compatible
                && !changed
                && one_happening(true)
                && lone(a)
                && lone(b)
                && of_one_thing()
                && !self.ended_apart(a, b, &amounts)
                && !size
                && !self.designed_apart(a, b)
                && !self.moments_apart(a, b)
            {
                Some(true)
            } else {
                None
            };
            (within, apart)
        });
        let mut sets = Links::new(&classes);
        for (&(x, y), &(within, _)) in pairs.iter().zip(&links) {
            if within {
                sets.link_within(x, y);
            }
        }
        self.link_apart_all(
            &classes,
            &mut sets,
            pairs.iter().zip(links).map(|(&p, (_, apart))| (p, apart)),
            |f| f.value.as_str(),
        );
        let mut out = Vec::new();
        for (comp, has_conflict) in sets.components(&members) {
            let docs: BTreeSet<usize> = comp.iter().map(|&m| self.items[m].doc).collect();
            let first = &self.items[comp[0]];
            let mut what = describe_quantity(first.fact);
            // A figure no words say the thing of is named by the words it is told in: "amount
            // of “the ferry line has brought in …”"; so is a measure whose subject is no thing
            // ("duration of fourth" for "for the fourth time in two months").
            let weak = !what.starts_with("number of") && weak_subject(&first.fact.subject);
            if (first.fact.subject.is_empty() || weak)
                && let Some(told) = self.most_told(&comp)
            {
                let bare = describe_quantity(&Fact {
                    subject: String::new(),
                    ..first.fact.clone()
                });
                what = format!("{bare} of “{told}”");
            }
            // Each mention as written, with its document: “over 70,000” (d0).
            let parts: Vec<String> = comp
                .iter()
                .map(|&m| {
                    format!(
                        "“{}” ({})",
                        self.items[m].fact.text,
                        self.source(self.items[m].doc)
                    )
                })
                .collect();
            let sides = has_conflict.then(|| self.sides(&comp)).flatten();
            let (status, summary) = if let Some((parts, several)) = sides {
                // One part per value, with the sources that state it and no other figure of
                // it: "“two boats” (#4, #10) vs “three boats” (#13)"; sources that give both
                // (today's haul and a running total) are named apart. Every mention stays
                // listed under the finding.
                let givers: BTreeSet<usize> = several.iter().map(|&m| self.items[m].doc).collect();
                let both = match givers.len() {
                    0 => String::new(),
                    1 => format!(
                        "; {} gives more than one of these",
                        self.docs_label(&several)
                    ),
                    _ => format!(
                        "; {} give more than one of these",
                        self.docs_label(&several)
                    ),
                };
                (
                    FindingStatus::Conflict,
                    format!("{what} differs: {}{both}", parts.join(" vs ")),
                )
            } else if docs.len() >= 2
                && let figures = self.figures(&comp)
                && figures.len() >= 2
            {
                (
                    FindingStatus::Developing,
                    format!("{what} differs, all may hold: {}", figures.join(" → ")),
                )
            } else if docs.len() >= 2 {
                (
                    FindingStatus::Agree,
                    format!("{what} agrees: {}", parts.join(", ")),
                )
            } else {
                (
                    FindingStatus::SingleSource,
                    format!(
                        "Only {} states {what}: “{}” ({})",
                        self.source(first.doc),
                        first.fact.text,
                        readable_value(&first.fact.value)
                    ),
                )
            };
            let reason = match status {
                FindingStatus::Conflict => {
                    "figures of one thing that cannot both hold, in passages that report one \
                     happening (aligned as one, told in the same words, or giving the one figure \
                     their story gives of it)"
                }
                FindingStatus::Developing => {
                    "different figures that may all hold: a bound, a rounding, or a figure that \
                     changed between reports of different days"
                }
                FindingStatus::Agree => "the same figure, within rounding and units",
                _ => super::ONE_SOURCE,
            };
            out.push(
                self.finding(FactKind::Quantity, status, summary, &comp, &BTreeMap::new())
                    .about(what.clone(), reason),
            );
        }
        out
    }
}

impl Cx<'_> {
    /// The sides of a conflict of figures: per value, "“text” (sources)" with the sources that
    /// give it and no other figure of the thing, and the mentions of sources that give more than
    /// one. `None` when no two sources give figures that differ — each gives all of them (today's
    /// haul and a running total): no source contradicts another.
    fn sides(&self, comp: &[usize]) -> Option<(Vec<String>, Vec<usize>)> {
        let figures = self.by_figure(comp);
        let mut of_doc: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (k, ms) in figures.iter().enumerate() {
            for &m in ms {
                of_doc.entry(self.items[m].doc).or_default().insert(k);
            }
        }
        let docs: Vec<&BTreeSet<usize>> = of_doc.values().collect();
        let differ = docs
            .iter()
            .enumerate()
            .any(|(i, x)| docs[i + 1..].iter().any(|y| x.is_disjoint(y)));
        if !differ {
            return None;
        }
        let several = |m: usize| of_doc[&self.items[m].doc].len() > 1;
        // Per figure: the mentions of sources that give it alone.
        let parts = figures
            .iter()
            .map(|ms| {
                ms.iter()
                    .copied()
                    .filter(|&m| !several(m))
                    .collect::<Vec<_>>()
            })
            .filter(|only| !only.is_empty())
            .map(|only| self.bounds_told(&only))
            .collect();
        Some((
            parts,
            comp.iter().copied().filter(|&m| several(m)).collect(),
        ))
    }
}

/// The bound a quantity fact's value states, in words ("more than"); empty when exact.
pub(crate) fn bound_words(value: &str) -> String {
    Amount::parse_all(value)
        .first()
        .map_or("", |a| a.qual.words())
        .to_string()
}

/// What a unit measures, for the words a finding names its figure by: "distance" for "about
/// 25 miles", "duration" for "more than two decades". Any other unit is counted ("number of
/// pirates"); a currency is an amount.
const MEASURES: &[(&str, &[&str])] = &[
    (
        "duration",
        &[
            "year", "month", "week", "day", "hour", "minute", "decade", "century",
        ],
    ),
    (
        "distance",
        &[
            "mile",
            "nautical mile",
            "km",
            "kilometre",
            "kilometer",
            "metre",
            "meter",
            "foot",
            "feet",
            "yard",
            "inch",
            "centimeter",
        ],
    ),
    ("percentage", &["%"]),
    ("weight", &["pound", "kilogram", "kg", "tonne", "ton", "lb"]),
];

/// What an amount measures: a measure of [`MEASURES`], "amount" for a currency, none for a
/// count ("70000 employee").
fn measure(a: &Amount) -> Option<&'static str> {
    measure_of(&a.unit).or_else(|| {
        (a.unit.len() == 3 && a.unit.chars().all(|c| c.is_ascii_uppercase())).then_some("amount")
    })
}

/// A size of a thing ("a 10-metre dhow"), not a distance counted in its unit ("about 25
/// miles").
fn sized(f: &Fact, a: &Amount) -> bool {
    measure_of(&a.unit) == Some("distance") && !f.subject.is_empty() && f.subject != a.unit
}

/// What a figure's unit measures ("duration" for hours), if it is a measure of [`MEASURES`].
fn measure_of(unit: &str) -> Option<&'static str> {
    MEASURES
        .iter()
        .find(|(_, units)| units.contains(&unit))
        .map(|(m, _)| *m)
}

/// How a quantity reads in a summary: "number of employees", "duration of ban", "distance".
fn describe_quantity(f: &Fact) -> String {
    let amounts = Amount::parse_all(&f.value);
    let Some(a) = amounts.first() else {
        return f.subject.clone();
    };
    match measure(a) {
        None => format!("number of {}", plural(&f.subject)),
        // A unit counted as its own subject ("about 25 miles") is measured, not counted.
        Some(m) if f.subject.is_empty() || f.subject == a.unit => m.to_string(),
        // Only where or how ("brought in $142 million domestically"): "amount domestically".
        Some(m) if is_adverb(&f.subject) => format!("{m} {}", f.subject),
        // The size of a thing: "length of dhow", "height of wall".
        Some("distance") => super::length::describe(&f.subject),
        Some(m) => format!("{m} of {}", f.subject),
    }
}

/// A subject that names no thing a figure can be of, for a reader: an ordinal or a word of
/// order ("fourth", "past"), a possessive ("league's"), a people's adjective ("ukrainian").
/// Figures are still matched by it; only their finding is named otherwise.
fn weak_subject(s: &str) -> bool {
    crate::text::ordinal_number(s).is_some()
        || matches!(
            s,
            "last" | "next" | "past" | "previous" | "former" | "overall" | "total" | "plus"
        )
        || s.ends_with("'s")
        || s.ends_with("’s")
        || s.ends_with("ian")
        || s.ends_with("ese")
}

/// What the words of a count say of which things it counts, read once per fact (comparison
/// weighs them for every pair). Two counts of one noun are told apart by the words in front of
/// it: "23 Somali pirates" and "11 Yemeni pirates" count different pirates; "two speed boats"
/// and "two boats" may count the same.
struct Modifiers {
    /// Stems of the words in front of the noun, and the count's designations ("ak47").
    words: BTreeSet<String>,
    /// "other", "additional", "further": not the things counted before.
    set_apart: bool,
    /// A model is named ("AK-47").
    named: bool,
}

impl Modifiers {
    fn of(f: &Fact) -> Self {
        let subject: BTreeSet<String> = terms(&f.subject).into_iter().map(|t| t.stem).collect();
        let named = designations(&f.text);
        let words = terms(&f.text)
            .into_iter()
            .filter(|t| {
                let word = t.surface.to_lowercase();
                word.chars().all(char::is_alphabetic)
                    && crate::text::word_number(&word).is_none()
                    // "billion" is part of the number ("1.8 billion Norwegian crowns").
                    && scale_word(&word).is_none()
                    && !subject.contains(&t.stem)
                    // The counted noun under another name ("crewmen" for crew) and "members"
                    // of a body say what is counted, not which ones.
                    && one_spelling(&singular(&word)) != f.subject
                    && word != "members"
                    // "per cent" and "percent" are the unit, not which ones are counted.
                    && !matches!(word.as_str(), "percent" | "per" | "cent")
                    && !is_qualifier_word(&word)
            })
            .map(|t| t.stem)
            .chain(named.iter().cloned())
            .collect();
        Self {
            words,
            set_apart: tokenize(&f.text).iter().any(|t| is_set_apart(&t.key)),
            named: !named.is_empty(),
        }
    }

    /// The two counts are of different things: "three other rifles" are not the rifles counted
    /// before; "seven AK-47 rifles" may be some of "nine rifles"; "23 Somali pirates" and "11
    /// Yemeni pirates" have no word in front in common.
    fn apart(&self, other: &Self) -> bool {
        self.set_apart != other.set_apart
            || self.named != other.named
            || !self.words.is_empty()
                && !other.words.is_empty()
                && self.words.is_disjoint(&other.words)
    }
}

/// A word that sets a count apart from one named before it: "seven AK-47s and three other
/// rifles" counts rifles the seven are not.
fn is_set_apart(w: &str) -> bool {
    matches!(w, "other" | "additional" | "further")
}

/// Words that tell a figure as not final in its own clause: an estimate, a preliminary count.
static PROVISIONAL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:estimat\w*|preliminary|provisional|partial|projected)\b")
        .expect("valid provisional regex")
});

/// Words in a count's clause that tell it as a count at one moment, which a count at another
/// moment does not contradict: "15 miners remained trapped", "were still inside 40 minutes
/// after the alarm", "30 people were hurt in the first hour", "After 48 hours, …". Not
/// "remains" ("the remains of 11 passengers"), "still" (a state: "they still hold 14 ships")
/// nor "as of" (a date two reports of one day share).
static SNAPSHOT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let span = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several)\s+(?:minutes?|hours?|days?|weeks?)";
    regex::Regex::new(&format!(
        r"(?i)\b(?:remain(?:ed|ing)?|so\s+far|(?:in|within|during)\s+(?:the|its|their)\s+first|(?:after|within)\s+{span}|{span}\s+(?:after|into))\b"
    ))
    .expect("valid snapshot regex")
});

/// Words that tell all a sentence's figures as not final: results so far, a count in progress.
static SO_FAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:early\s+(?:results|returns|count|figures)|so\s+far|with\s+\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)\s+(?:of\s+(?:the\s+)?(?:ballots|votes|precincts)\s+)?(?:counted|reporting|in))\b",
    )
    .expect("valid so-far regex")
});

/// Marks a place read after "as", "in" or "with", which narrows a count rather than measuring
/// it from somewhere.
const WEAK_PLACE: &str = "~";

/// What a figure is measured from or narrowed to, when the words right after it say: "… east
/// of Aden", "… away from the merchant vessel" (the first word after the preposition other than
/// an article; a conversion in brackets, "(about 24km)", is passed over); "… as a player", "… in
/// the NBA" (marked [`WEAK_PLACE`]).
fn place_after(rest: &str) -> Option<String> {
    let mut preposition: Option<bool> = None;
    let mut depth = 0usize;
    for w in rest.split_whitespace().take(12) {
        let opens = w.matches('(').count();
        let closes = w.matches(')').count();
        if depth > 0 || opens > 0 {
            depth = (depth + opens).saturating_sub(closes);
            continue;
        }
        let bare = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        match (preposition, bare.as_str()) {
            (None, "from" | "of" | "off" | "near") => preposition = Some(true),
            (None, "as" | "in" | "with") => preposition = Some(false),
            (
                None,
                "north" | "south" | "east" | "west" | "northeast" | "northwest" | "southeast"
                | "southwest" | "away" | "inland" | "offshore",
            ) => {}
            (None, _) => return None,
            (Some(_), "the" | "a" | "an" | "coast" | "his" | "her" | "their" | "its") => {}
            (Some(strong), _) => {
                return Some(if strong {
                    bare
                } else {
                    format!("{WEAK_PLACE}{bare}")
                });
            }
        }
    }
    None
}

/// What a figure is counted per, when the words around it say: "… a year", "… per share",
/// "… annually", "annual … of" before it (within its clause, four words at most). A conversion
/// in brackets right after the figure is passed over.
fn rate_of(before: &str, after: &str) -> Option<String> {
    let period = |w: &str| -> Option<&'static str> {
        Some(match w {
            "annual" | "annually" | "yearly" | "year" | "years" | "annum" => "year",
            "monthly" | "month" | "months" => "month",
            "weekly" | "week" | "weeks" => "week",
            "daily" | "day" | "days" => "day",
            "hourly" | "hour" | "hours" => "hour",
            _ => return None,
        })
    };
    let after = after.trim_start();
    let after = match after.strip_prefix('(') {
        Some(rest) => rest.split_once(')').map_or("", |(_, r)| r),
        None => after,
    };
    let words: Vec<String> = after
        .split_whitespace()
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    // "a day after the quake", "a year ago" say when, not per what.
    let when = |w: Option<&String>| {
        w.is_some_and(|w| {
            matches!(
                w.as_str(),
                "after" | "before" | "later" | "earlier" | "ago" | "since" | "into" | "on"
            )
        })
    };
    if let [first, noun, ..] = &words[..]
        && matches!(first.as_str(), "a" | "an" | "per" | "each" | "every")
        && !when(words.get(2))
    {
        return Some(period(noun).map_or_else(|| singular(noun), str::to_string));
    }
    if words
        .first()
        .is_some_and(|w| matches!(w.as_str(), "annually" | "apiece" | "each"))
    {
        return Some(period(&words[0]).unwrap_or("each").to_string());
    }
    // "annual savings of 2.5 million": the figure is what the annual thing is of ("The annual
    // marathon drew 48,000 runners" is no rate).
    let clause = before
        .rsplit([',', ';', ':', '.', '('])
        .next()
        .unwrap_or(before);
    let back: Vec<String> = clause
        .split_whitespace()
        .rev()
        .take(4)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    if back.first().is_none_or(|w| w != "of") {
        return None;
    }
    back.iter()
        .find(|w| {
            matches!(
                w.as_str(),
                "annual" | "yearly" | "monthly" | "weekly" | "daily"
            )
        })
        .and_then(|w| period(w).map(str::to_string))
}

/// The happening a span of time is told to end in, when the words right after it say ("…
/// before recommending death", "… until the jury returned"): the stem of the first verb in
/// -ing or in the past within four words of "before", "until" or "till", within six words of
/// the figure and its own clause.
fn ended_by(rest: &str) -> Option<String> {
    let words: Vec<String> = rest
        .split_whitespace()
        .take(10)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let clause_end = rest
        .split_whitespace()
        .take(10)
        .position(|w| w.ends_with([',', ';', ':', '.']));
    let at = words
        .iter()
        .take(6)
        .position(|w| matches!(w.as_str(), "before" | "until" | "till"))
        .filter(|&k| clause_end.is_none_or(|e| k <= e))?;
    words[at + 1..]
        .iter()
        .take(4)
        .find(|w| w.len() > 4 && w.ends_with("ing") || crate::text::is_ed_verb(w))
        .map(|w| crate::language::ENGLISH.stem(w))
}

/// "employee" → "employees" for summaries; phrases ("people killed") stay as they are.
fn plural(noun: &str) -> String {
    if noun.contains(' ') || noun.ends_with('s') || IRREGULAR_PLURALS.contains(&noun) {
        noun.to_string()
    } else if let Some(stem) = noun.strip_suffix("man")
        && !matches!(
            noun,
            "human" | "german" | "roman" | "shaman" | "talisman" | "ottoman"
        )
    {
        format!("{stem}men")
    } else if noun.ends_with(['x', 'z']) || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else if let Some(stem) = noun.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        format!("{stem}ies")
    } else {
        format!("{noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<(String, String, String)> {
        extract(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
            &[],
        )
        .into_iter()
        .map(|f| (f.text, f.value, f.subject))
        .collect()
    }

    #[test]
    fn a_model_designation_is_part_of_what_is_counted() {
        for sentence in [
            "The navy seized seven AK-47 assault rifles from the skiff.",
            "The navy seized seven AK 47 assault rifles from the skiff.",
        ] {
            let found = q(sentence);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!(
                (found[0].1.as_str(), found[0].2.as_str()),
                ("7 AK-47", "AK-47")
            );
            assert!(found[0].0.ends_with("assault rifles"), "{found:?}");
        }
        let a = &extract_one("Sailors found 7 AK-47 rifles on board.");
        let b = &extract_one("Sailors found 7 AK 47 rifles on board.");
        let c = &extract_one("Sailors found 9 rifles on board.");
        let d = &extract_one("Sailors found 3 other rifles on board.");
        // One designation written two ways is one kind of rifle; a count that names the model
        // and one that does not, or "other" rifles, are not one set.
        let apart = |x: &Fact, y: &Fact| Modifiers::of(x).apart(&Modifiers::of(y));
        assert!(!apart(a, b));
        assert!(apart(a, c));
        assert!(apart(c, d));
    }

    fn extract_one(s: &str) -> Fact {
        let mut facts = extract(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
            &[],
        );
        assert_eq!(facts.len(), 1, "{facts:?}");
        facts.remove(0)
    }

    #[test]
    fn a_dozen_is_about_twelve_and_crewmen_are_counted() {
        let found = q("Pirates still hold about a dozen ships and a dozen tankers.");
        assert_eq!(
            found.iter().map(|f| f.1.as_str()).collect::<Vec<_>>(),
            vec!["~ 12 ship", "~ 12 tanker"]
        );
        let found = q("Half a dozen gunmen fled.");
        assert_eq!(
            (found[0].0.as_str(), found[0].1.as_str()),
            ("Half a dozen gunmen", "~ 6 gunman")
        );
        let found = q("The tanker had nearly 300 crewmen and 12 policemen on board.");
        assert_eq!(
            found.iter().map(|f| f.2.as_str()).collect::<Vec<_>>(),
            vec!["crew", "police"]
        );
        // "specimen" is no plural: the count is of the jars.
        assert_eq!(q("The lab kept 40 specimen jars.")[0].2, "jar");
    }

    #[test]
    fn over_a_time_after_a_figure_spreads_it_and_bounds_nothing() {
        let values = |s: &str| q(s).into_iter().map(|(_, v, _)| v).collect::<Vec<_>>();
        assert_eq!(
            values("The jury deliberated for 40 hours over four days."),
            ["40 hour", "4 day"]
        );
        assert_eq!(
            values("Greece gets €110bn in loans over three years."),
            ["110000000000 EUR", "3 year"]
        );
        // Not after a figure, "over" is "more than".
        assert_eq!(values("The strike lasted over three days."), ["> 3 day"]);
    }

    #[test]
    fn a_count_of_a_named_model_is_of_the_model_whatever_its_noun() {
        let subjects = |s: &str| q(s).into_iter().map(|(_, _, s)| s).collect::<Vec<_>>();
        assert_eq!(
            subjects("Commandos seized seven AK-47 assault rifles and two other rifles."),
            ["AK-47", "rifle"]
        );
        assert_eq!(subjects("They recovered 12 AK 47 guns."), ["AK-47"]);
        assert_eq!(subjects("They confiscated seven AK-47s."), ["AK-47"]);
        assert_eq!(subjects("Four F-16 jets flew over the city."), ["F-16"]);
    }

    #[test]
    fn a_duration_before_its_noun_is_of_the_thing_that_lasts() {
        let strike =
            q("The marches came amid a 24-hour nationwide general strike that closed ports.");
        assert_eq!(strike.len(), 1, "{strike:?}");
        assert_eq!(strike[0].2, "strike");
        // Written without a hyphen, after a noun the sentence gave earlier.
        let sentence =
            q("He was charged with indecency with a child, given a new 20 year sentence.");
        assert_eq!(sentence.len(), 1, "{sentence:?}");
        assert_eq!(sentence[0].2, "sentence");
        let treatment = q("She began a 90-day treatment in March.");
        assert_eq!(treatment[0].2, "treatment");
    }

    #[test]
    fn a_finding_names_a_length_or_a_span_by_what_it_measures() {
        let named = |s: &str| {
            let f = extract(
                s,
                Span {
                    start: 0,
                    end: s.len(),
                },
                &[],
            );
            assert_eq!(f.len(), 1, "{s}: {f:?}");
            describe_quantity(&f[0])
        };
        assert_eq!(
            named("The town lies about 25 miles from the border."),
            "distance"
        );
        assert_eq!(
            named("The ship was seized 13 nautical miles off the coast."),
            "distance"
        );
        assert_eq!(
            named("The rule has stood for more than two decades."),
            "duration"
        );
        assert_eq!(named("He received a seven-year ban."), "duration of ban");
        assert_eq!(
            named("To date the film has grossed over $142 million domestically."),
            "amount of gross domestically"
        );
        assert_eq!(
            named("The film has grossed $120 million internationally."),
            "amount of gross internationally"
        );
        assert_eq!(
            named("The bank posted a $2 billion quarterly profit."),
            "amount of profit"
        );
        assert_eq!(
            named("The film has brought in $142 million domestically."),
            "amount domestically"
        );
        assert_eq!(named("Police arrested 23 pirates."), "number of pirates");
        assert_eq!(
            named("Turnout reached 93.87 percent."),
            "percentage of turnout"
        );
    }

    #[test]
    fn a_size_before_its_noun_is_the_size_of_that_noun() {
        let got = q("By then all 23 pirates had clambered onto the 10-metre-long dhow.");
        assert!(
            got.contains(&(
                "10-metre-long dhow".to_string(),
                "10 meter".to_string(),
                "dhow length".to_string()
            )),
            "{got:?}"
        );
        let got = q("The larger boat was described as a 24- to 30-foot dhow.");
        assert_eq!(
            got,
            vec![(
                "24- to 30-foot dhow".to_string(),
                "24-30 foot ≈ 7.3152-9.144 meter".to_string(),
                "dhow".to_string()
            )]
        );
        let got = q("A six-foot tall man and a 30-foot-high wall.");
        let subjects: Vec<&str> = got.iter().map(|(_, _, s)| s.as_str()).collect();
        assert_eq!(subjects, ["man height", "wall height"], "{got:?}");
        // No noun after it: of what, the words do not say.
        assert!(q("The suspect is 6-foot tall, police said.").is_empty());
        let got = q("Dubai's 828-metre tower and the 2,717-foot Burj Khalifa, a one-mile walk.");
        let values: Vec<(&str, &str)> = got
            .iter()
            .map(|(_, v, s)| (v.as_str(), s.as_str()))
            .collect();
        assert_eq!(
            values,
            [
                ("828 meter", "tower"),
                ("2717 foot ≈ 828.1416 meter", "burj khalifa"),
            ],
            "{got:?}"
        );
        assert_eq!(
            readable_value("24-30 foot ≈ 7.3152-9.144 meter"),
            "24–30 foot ≈ 7.3–9.1 m"
        );
        // A race named by its distance has no size.
        assert!(q("She won the 100-metre sprint and a 10-km run.").is_empty());
    }

    #[test]
    fn one_unit_spelled_two_ways_is_one_subject() {
        let a = q("The wave rose 12 metres above the harbour wall.");
        let b = q("The wave rose 12 meters above the harbor wall.");
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a[0].2, "meter");
        assert_eq!(a[0].1, b[0].1);
    }

    #[test]
    fn counts_of_people_by_what_happened_to_them() {
        let found = q("The blast, killing at least five people and injuring 20, shook the port.");
        assert!(
            found
                .iter()
                .any(|(t, v, _)| t == "at least five people" && v == ">= 5 people killed"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(t, v, _)| t == "20" && v == "20 people injured"),
            "{found:?}"
        );
        let found = q("Police said 18 were injured and 12 arrested.");
        assert!(
            found.iter().any(|(_, v, _)| v == "18 people injured"),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(_, v, _)| v == "12 people arrested"),
            "{found:?}"
        );
    }

    #[test]
    fn counts_money_and_qualifiers() {
        assert_eq!(
            q(
                "Acme, a firm with over 42,000 employees and over $9 billion in annual sales, hired nearly two hundred engineers."
            ),
            vec![
                (
                    "over 42,000 employees".into(),
                    "> 42000 employee".into(),
                    "employee".into()
                ),
                (
                    "over $9 billion".into(),
                    "> 9000000000 USD".into(),
                    "sale".into()
                ),
                (
                    "nearly two hundred engineers".into(),
                    "<~ 200 engineer".into(),
                    "engineer".into()
                ),
            ]
        );
    }

    #[test]
    fn as_many_as_is_an_upper_bound_kept_with_its_words() {
        let read = q("Police said as many as 20,000 people marched through the city.");
        assert_eq!(read.len(), 1, "{read:?}");
        assert_eq!(read[0].0, "as many as 20,000 people");
        assert!(read[0].1.starts_with("<= 20000"), "{read:?}");
        let read = q("Police said twice as many as 20,000 people marched through the city.");
        assert!(!read[0].1.starts_with("<="), "{read:?}");
    }

    #[test]
    fn three_ways_to_write_a_duration_read_the_same() {
        for s in [
            "Regulators announced a ban of five years on exports.",
            "Regulators announced a five-year ban on exports.",
            "Regulators slapped the firm with a ban on exports for five years.",
        ] {
            let got = q(s);
            assert_eq!(got.len(), 1, "{s}: {got:?}");
            assert_eq!(got[0].1, "5 year", "{s}");
            assert_eq!(got[0].2, "ban", "{s}");
        }
    }

    #[test]
    fn nouns_are_made_singular_and_plural_as_written() {
        for (many, one) in [
            ("movies", "movie"),
            ("companies", "company"),
            ("campuses", "campus"),
            ("causes", "cause"),
            ("punches", "punch"),
            ("species", "species"),
            ("fishermen", "fisherman"),
        ] {
            assert_eq!(singular(many), one);
        }
        for (one, many) in [
            ("fisherman", "fishermen"),
            ("human", "humans"),
            ("children", "children"),
            ("punch", "punches"),
            ("box", "boxes"),
            ("company", "companies"),
            ("movie", "movies"),
        ] {
            assert_eq!(plural(one), many);
        }
    }

    #[test]
    fn a_duration_is_of_the_activity_it_names() {
        for s in [
            "The jury was unable to decide after 30 hours of deliberation.",
            "After more than 30 hours of deliberations, the jury was deadlocked.",
            "The panel deliberated Okafor's fate for 40 hours.",
        ] {
            let got = q(s);
            assert_eq!(got.len(), 1, "{s}: {got:?}");
            assert_eq!(got[0].2, "deliberation", "{s}");
        }
        // Only verbs of an activity that lasts, and only their own "for".
        for s in [
            "Residents evacuated from the town waited for 12 hours.",
            "Doctors treated him for three days.",
        ] {
            let got = q(s);
            assert!(got.iter().all(|g| !g.2.ends_with("ation")), "{s}: {got:?}");
        }
        // An age is no activity.
        let got = q("He retired at 60 years of age.");
        assert!(got.iter().all(|g| g.2 != "age"), "{got:?}");
    }

    #[test]
    fn pounds_of_weight_are_no_money() {
        let got = q("The suspect, weighing 125 pounds, was fined 500 pounds.");
        let values: Vec<&str> = got.iter().map(|(_, v, _)| v.as_str()).collect();
        assert_eq!(values, ["125 pound", "500 GBP"], "{got:?}");
    }

    #[test]
    fn words_and_digits_are_the_same_number() {
        assert_eq!(q("Ten ministers resigned.")[0].1, "10 minister");
        assert_eq!(q("10 ministers resigned.")[0].1, "10 minister");
    }

    #[test]
    fn glued_scales_and_fines() {
        let got = q("The bank was fined $3.4bn by the regulator.");
        assert_eq!(got[0].1, "3400000000 USD");
        assert_eq!(got[0].2, "fine");
    }

    #[test]
    fn conversions_in_brackets_are_kept() {
        let got = q("The club paid €80m ($94m) for the striker.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "80000000 EUR = 94000000 USD");
        assert_eq!(got[0].0, "€80m ($94m)");
    }

    #[test]
    fn tolls_count_the_dead() {
        assert_eq!(q("The storm killed 14 people.")[0].2, "people killed");
        assert_eq!(q("The death toll rose to 17.")[0].1, "17 people killed");
    }

    #[test]
    fn qualifiers_and_rounding_decide_compatibility() {
        let a = |s: &str| {
            Amount::parse(s).unwrap_or(Amount {
                qual: Qual::Exact,
                number: -1.0,
                to: None,
                unit: String::new(),
                converted: false,
            })
        };
        assert!(a("> 17000000000 USD").compatible(&a("17100000000 USD")));
        assert!(!a("70000 employee").compatible(&a("75000 employee")));
        assert!(a("10 minister").compatible(&a("10 minister")));
        assert!(!a("< 100 USD").compatible(&a("120 USD")));
        assert!(a("~ 100 USD").compatible(&a("108 USD")));
    }

    #[test]
    fn a_hundred_percent_of_a_quality_is_no_figure() {
        assert!(q("\"Tara was 100 percent professional,\" he told E! News.").is_empty());
        assert!(q("I am 110 per cent sure of it.").is_empty());
        assert!(q("I'm 100% committed to the team.").is_empty());
        // Figures stay figures.
        assert_eq!(q("Turnout was 100 percent.").len(), 1);
        assert_eq!(q("The rise was 100 percent in a year.").len(), 1);
        assert_eq!(q("Tara was 60 percent sure.").len(), 1);
    }

    #[test]
    fn percentages_with_what_they_measure() {
        assert_eq!(
            q("Turnout fell to 38% of voters, about 4 percent lower."),
            vec![
                ("38%".into(), "38 %".into(), "voter".into()),
                ("about 4 percent".into(), "~ 4 %".into(), "voter".into()),
            ]
        );
        // The word before the verb that moved it, not the verb.
        assert_eq!(
            q("Authorities said turnout reached 93.87 percent in the election."),
            vec![("93.87 percent".into(), "93.87 %".into(), "turnout".into())]
        );
        assert_eq!(
            q("Greek stocks closed down 3.9 percent."),
            vec![("3.9 percent".into(), "3.9 %".into(), "stock".into())]
        );
        assert_eq!(
            q("Shares fell 5 percent."),
            vec![("5 percent".into(), "5 %".into(), "share".into())]
        );
    }

    #[test]
    fn a_rate_is_read_from_the_words_around_its_figure() {
        assert_eq!(
            rate_of("save ", " a year from 2027").as_deref(),
            Some("year")
        );
        assert_eq!(
            rate_of("save ", " ($165 million) a year").as_deref(),
            Some("year")
        );
        assert_eq!(
            rate_of("bought it for ", " per share.").as_deref(),
            Some("share")
        );
        assert_eq!(
            rate_of("annual cost savings of ", " by 2028").as_deref(),
            Some("year")
        );
        assert_eq!(rate_of("cost savings of ", " over three years"), None);
        assert_eq!(rate_of("killed ", " a day after the quake"), None);
        assert_eq!(
            rate_of("brings the city ", " every year").as_deref(),
            Some("year")
        );
        assert_eq!(rate_of("pays ", " per annum").as_deref(), Some("year"));
        assert_eq!(rate_of("The annual marathon drew ", " on Sunday"), None);
        // An annual report's figure in another clause is no rate of this one.
        assert_eq!(
            rate_of("In its annual report, it said ", " were hurt"),
            None
        );
    }

    #[test]
    fn a_span_ends_in_the_happening_told_after_before_or_until() {
        assert_eq!(
            ended_by(" before recommending death.").as_deref(),
            Some("recommend")
        );
        assert_eq!(
            ended_by(" until the jury returned its verdict").as_deref(),
            Some("return")
        );
        // Only in the figure's own clause, and only right after it.
        assert_eq!(ended_by(", a day before convicting him"), None);
        assert_eq!(
            ended_by(" of talks in Geneva and Vienna with envoys before signing"),
            None
        );
        assert_eq!(ended_by(" before the storm"), None);
    }

    #[test]
    fn names_with_numbers_are_not_figures() {
        assert!(q("Leaders met at the G20 summit and praised the iPhone 12 and the Group of 20 summit.").is_empty());
    }
}
