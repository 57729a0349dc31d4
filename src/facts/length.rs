//! The size of a thing told by a hyphenated measure before its noun: "a 10-metre dhow", "the
//! 10-metre-long dhow", "a 24- to 30-foot dhow", "a 30-foot-high wall". Every unit of length is
//! worked out in metres too, so sources that measure in different units are compared
//! (`24-30 foot ≈ 7.3152-9.144 meter` against `10 meter`).

use std::sync::LazyLock;

use regex::Regex;

use super::quantity::{fmt_number, one_spelling, singular};
use crate::text::{Token, is_stopword};

/// Units of length as written, their one name, and their length in metres.
const UNITS: &[(&[&str], &str, f64)] = &[
    (&["metre", "meter", "metres", "meters"], "meter", 1.0),
    (
        &["kilometre", "kilometer", "kilometres", "kilometers", "km"],
        "kilometer",
        1000.0,
    ),
    (
        &[
            "centimetre",
            "centimeter",
            "centimetres",
            "centimeters",
            "cm",
        ],
        "centimeter",
        0.01,
    ),
    (&["mile", "miles"], "mile", 1609.344),
    (&["foot", "feet", "ft"], "foot", 0.3048),
    (&["yard", "yards"], "yard", 0.9144),
    (&["inch", "inches"], "inch", 0.0254),
];

/// The unit's one name and its length in metres.
fn unit(word: &str) -> Option<(&'static str, f64)> {
    UNITS
        .iter()
        .find(|(written, _, _)| written.contains(&word))
        .map(|&(_, name, metres)| (name, metres))
}

/// "10-metre", "24-foot-long", "thirty-foot-high": the number, the unit and the dimension.
static HYPHEN_LENGTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([a-z0-9.,]+?)-(metres?|meters?|kilometres?|kilometers?|km|centimetres?|centimeters?|cm|miles?|foot|feet|ft|yards?|inch|inches)(?:-(long|high|tall|wide|deep))?$",
    )
    .expect("valid length regex")
});

/// A length told before the noun it measures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Length {
    pub number: f64,
    /// The high end of a range ("24- to 30-foot").
    pub to: Option<f64>,
    /// The unit's one name ("meter", "foot").
    pub unit: &'static str,
    metres: f64,
    /// "length", "height", "width", "depth", or none when the words do not say ("a 10-metre
    /// dhow" is most often its length, "a 10-foot fence" its height).
    dimension: Option<&'static str>,
    /// The number is in words ("thirty-foot").
    pub word: bool,
}

impl Length {
    /// Reads one token ("10-metre-long"), lower-cased.
    pub(crate) fn read(key: &str) -> Option<Self> {
        let c = HYPHEN_LENGTH.captures(key)?;
        let n = c.get(1)?.as_str();
        let number = n
            .replace(',', "")
            .parse::<f64>()
            .ok()
            .or_else(|| crate::text::word_number(n))
            .filter(|v| *v > 0.0)?;
        let (unit, metres) = unit(c.get(2)?.as_str())?;
        let dimension = c.get(3).and_then(|m| dimension(m.as_str()));
        Some(Self {
            number,
            to: None,
            unit,
            metres,
            dimension,
            word: n.replace(',', "").parse::<f64>().is_err(),
        })
    }

    /// The length as a range from `low` ("24- to 30-foot"), when `low` is below it.
    pub(crate) fn from(self, low: f64) -> Option<Self> {
        (low > 0.0 && low < self.number).then_some(Self {
            number: low,
            to: Some(self.number),
            ..self
        })
    }

    /// The size told with the adjective after it ("6-foot tall man"): its dimension.
    fn told_as(self, adjective: &str) -> Option<Self> {
        let d = matches!(adjective, "long" | "high" | "tall" | "wide" | "deep")
            .then(|| dimension(adjective))??;
        Some(Self {
            dimension: Some(d),
            ..self
        })
    }

    /// The thing the size stands before in `toks` (from token `j` of `sentence`), after an
    /// adjective of its dimension ("a 6-foot tall man"): the subject ("man height", "dhow",
    /// "burj khalifa" for a name) and the token after the thing. None when no thing
    /// follows ("he is 6-foot tall") or a race is named by its distance ("the 100-metre sprint").
    pub(crate) fn of_thing(
        self,
        sentence: &str,
        toks: &[Token],
        mut j: usize,
    ) -> Option<(String, usize)> {
        let mut length = self;
        if let Some(told) = toks.get(j).and_then(|t| self.told_as(&t.key)) {
            (length, j) = (told, j + 1);
        }
        let raw = |t: &Token| &sentence[t.start..t.end];
        let first = toks.get(j).filter(|t| t.is_word && !is_stopword(&t.key))?;
        // A name ("the 828-metre Burj Khalifa") is the thing itself, all its words.
        let name: Vec<&str> = toks[j..]
            .iter()
            .take(3)
            .take_while(|t| t.is_word && raw(t).chars().next().is_some_and(char::is_uppercase))
            .map(|t| t.key.as_str())
            .collect();
        let (noun, last) = if !name.is_empty() {
            (name.join(" "), j + name.len() - 1)
        } else if raw(first).chars().all(char::is_lowercase) {
            (one_spelling(&singular(&first.key)), j)
        } else {
            return None;
        };
        if RACES.contains(&noun.as_str()) {
            return None;
        }
        Some((length.subject(&noun), last + 1))
    }

    /// The value: `10 meter`, `30 foot ≈ 9.144 meter`, `24-30 foot ≈ 7.3152-9.144 meter`.
    pub(crate) fn value(&self, qualifier: &str) -> String {
        let sep = if qualifier.is_empty() { "" } else { " " };
        let written = |scale: f64| {
            let to = self
                .to
                .map_or_else(String::new, |t| format!("-{}", fmt_number(t * scale)));
            format!("{qualifier}{sep}{}{to}", fmt_number(self.number * scale))
        };
        if self.unit == "meter" {
            format!("{} meter", written(1.0))
        } else {
            format!(
                "{} {} ≈ {} meter",
                written(1.0),
                self.unit,
                written(self.metres)
            )
        }
    }

    /// What the length is of, from the noun it stands before: "dhow", or "wall height" for a
    /// "30-foot-high wall" (a height and a length of one thing are two figures, and a size told
    /// with no dimension is a figure of its own).
    fn subject(&self, noun: &str) -> String {
        match self.dimension {
            Some(d) => format!("{noun} {d}"),
            None => noun.to_string(),
        }
    }
}

/// Races and plays named by their distance ("the 100-metre sprint", "a 10-km run", "a 25-foot
/// putt", "a 47-yard field goal") and sayings ("a 30,000-foot view", "a 10-foot pole"): the
/// distance names them, it is no size of a thing.
const RACES: &[&str] = &[
    "sprint",
    "dash",
    "race",
    "run",
    "relay",
    "hurdle",
    "hurdles",
    "freestyle",
    "backstroke",
    "breaststroke",
    "butterfly",
    "medley",
    "synchro",
    "springboard",
    "platform",
    "marathon",
    "swim",
    "walk",
    "steeplechase",
    // Plays named by their distance, and sayings.
    "putt",
    "field",
    "kick",
    "pass",
    "shot",
    "drive",
    "view",
    "pole",
    "final",
    "heat",
    "event",
    "title",
    "record",
    "course",
];

/// Words that name a dimension, as nouns ("a 2-inch height advantage") and as the word
/// after a size ("6-feet tall").
fn dimension(word: &str) -> Option<&'static str> {
    Some(match word {
        "long" | "length" => "length",
        "high" | "tall" | "height" => "height",
        "wide" | "width" => "width",
        "deep" | "depth" => "depth",
        _ => return None,
    })
}

/// The words a finding names a size by: "size of dhow" (a length told with no dimension may
/// be a diagonal: "a 13-inch television"), "height of wall", or the dimension a noun names.
pub(crate) fn describe(subject: &str) -> String {
    if let Some(d) = subject
        .rsplit_once(' ')
        .and_then(|(noun, d)| (dimension(d) == Some(d)).then(|| format!("{d} of {noun}")))
    {
        return d;
    }
    match dimension(subject) {
        Some(d) => d.to_string(),
        None => format!("size of {subject}"),
    }
}

/// A figure in metres as a reader takes it in: "7.3–9.1 m", "277.8 m", "1,609 m".
pub(crate) fn in_metres(a: &super::quantity::Amount) -> String {
    let shown = |n: f64| {
        if n >= 1000.0 {
            super::quantity::readable(n.round())
        } else {
            fmt_number((n * 10.0).round() / 10.0)
        }
    };
    let to = a.to.map_or_else(String::new, |t| format!("–{}", shown(t)));
    let bound = a.qual.words();
    let sep = if bound.is_empty() { "" } else { " " };
    format!("{bound}{sep}{}{to} m", shown(a.number))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyphenated_length_reads_its_number_unit_and_dimension() {
        let l = Length::read("10-metre-long").expect("a length");
        assert_eq!(
            (l.number, l.unit, l.value("")),
            (10.0, "meter", "10 meter".to_string())
        );
        assert_eq!(l.subject("dhow"), "dhow length");
        let l = Length::read("thirty-foot-high").expect("a length");
        assert!(l.word);
        assert_eq!(l.value("~"), "~ 30 foot ≈ ~ 9.144 meter");
        assert_eq!(describe(&l.subject("wall")), "height of wall");
        assert_eq!(describe("dhow"), "size of dhow");
        assert_eq!(describe("height"), "height");
        let r = Length::read("30-foot")
            .and_then(|l| l.from(24.0))
            .expect("a range");
        assert_eq!(r.value(""), "24-30 foot ≈ 7.3152-9.144 meter");
        assert!(Length::read("30-foot").and_then(|l| l.from(40.0)).is_none());
        for not in ["10-year", "two-time", "10-metres-wide-ish", "x-ray"] {
            assert!(Length::read(not).is_none(), "{not}");
        }
    }
}
