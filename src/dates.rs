//! Calendar dates written the ways news writes them: ISO (`2018-05-14`), `May 14, 2018`,
//! `Saturday, Apr 20, 2024`, `14 May 2018`, `2018/05/14`. Used for datelines and date facts.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// A date found in a string, with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub start: usize,
    pub end: usize,
    pub date: NaiveDate,
}

/// Month number (1-12) for an English month name or abbreviation ("Sept", "Jan.").
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as u32 + 1)
}

pub(crate) const MONTH_RE: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
const WEEKDAY_RE: &str =
    r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?";

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b").expect("valid regex"));
// Case-insensitive: metadata lines are often in capitals ("PUBLISHED: THURSDAY, MAY 2, 2013").
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{WEEKDAY_RE}({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .expect("valid regex")
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{WEEKDAY_RE}(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE}),?\s+(\d{{4}})\b"
    ))
    .expect("valid regex")
});

/// The first absolute (day-grain) date in `s`, if any.
pub fn find_absolute_date(s: &str) -> Option<FoundDate> {
    let mut best: Option<FoundDate> = None;
    let mut consider = |f: FoundDate| {
        if best.is_none_or(|b| f.start < b.start) {
            best = Some(f);
        }
    };
    if let Some(c) = ISO.captures(s) {
        let m = c.get(0)?;
        if let Some(date) = ymd(&c[1], &c[2], &c[3]) {
            consider(FoundDate {
                start: m.start(),
                end: m.end(),
                date,
            });
        }
    }
    if let Some(c) = MDY.captures(s) {
        let m = c.get(0)?;
        if let Some(mo) = month_number(&c[1])
            && let Some(date) = ymd(&c[3], &mo.to_string(), &c[2])
        {
            consider(FoundDate {
                start: m.start(),
                end: m.end(),
                date,
            });
        }
    }
    if let Some(c) = DMY.captures(s) {
        let m = c.get(0)?;
        if let Some(mo) = month_number(&c[2])
            && let Some(date) = ymd(&c[3], &mo.to_string(), &c[1])
        {
            consider(FoundDate {
                start: m.start(),
                end: m.end(),
                date,
            });
        }
    }
    best
}

/// Day and month written as numbers: `05/05/2010`, `08.07.2012`, `04/28/09`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})([/.])(\d{1,2})[/.](\d{4}|\d{2})\b").expect("valid regex")
});
/// A month and day with no year: `Nov 11`, `Jul. 7`.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{WEEKDAY_RE}{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    ))
    .expect("valid regex")
});
/// A clock time: `1:32 PM`, `23:37:00`, `9:03am`, `15:14`, `5:55p`.
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?(?:m\b\.?)?)?").expect("valid regex")
});

/// How long ago a page says it appeared: "3 hours ago", "1 year, 160 days ago".
static AGO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:\d{1,4}|an?)\s+(?:years?|months?|weeks?|days?|hours?|minutes?|mins?|seconds?)[,\s]+(?:and\s+)?)+ago\b",
    )
    .expect("valid regex")
});

/// Words of a line that says when a page was saved or read ("[downloaded on 2 October
/// 2013]"), not when it appeared.
const SAVED_WORDS: &[&str] = &["downloaded", "retrieved", "accessed", "saved", "archived"];

/// A line that says when a page was saved or read ([`SAVED_WORDS`]): its date is no dateline.
pub fn saved_line(line: &str) -> bool {
    line.split(|c: char| !c.is_alphabetic())
        .any(|w| SAVED_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Words a timestamp line may hold besides its date, time and time zone.
const TIMESTAMP_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "first",
    "last",
    "modified",
    "article",
    "story",
    "date",
    "dated",
    "on",
    "at",
    "am",
    "pm",
    "a.m",
    "p.m",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "downloaded",
    "retrieved",
    "accessed",
    "saved",
    "archived",
];

/// A line that only stamps when the article appeared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp {
    /// The date, unless its day and month cannot be told apart (`08.07.2012`).
    pub date: Option<NaiveDate>,
    /// Byte span of the date in the line.
    pub start: usize,
    pub end: usize,
}

/// Whether `line` is only a publication timestamp or dateline, the metadata line under many
/// headlines: a date (a form [`find_absolute_date`] reads, numeric like `05/05/2010`, or a month
/// and day), perhaps clock times, a weekday, a time zone or other capitals (`BST`, `MUMBAI`), one
/// place name ("Mumbai, Nov 11 -") and words such as "Published", "Updated" or "First posted";
/// or "Updated 4:08 p.m. ET", a time with such a word. A sentence that mentions a date is not one.
pub fn timestamp_line(line: &str) -> Option<Timestamp> {
    if line.len() > 160 {
        return None;
    }
    let full = match find_absolute_date(line) {
        Some(f) => Some(Timestamp {
            date: Some(f.date),
            start: f.start,
            end: f.end,
        }),
        None => match NUMERIC.captures(line) {
            Some(c) => {
                let m = c.get(0)?;
                let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
                // Day-first or month-first: with slashes only certain when one can be no month,
                // or both agree; with dots day-first, as wherever dates are written so
                // ("08.07.2012" is 8 July).
                let dots = &c[2] == ".";
                let (day, month) = match (a > 12, b > 12) {
                    (true, false) => Some((a, b)),
                    (false, true) if !dots => Some((b, a)),
                    (false, false) if a == b || dots => Some((a, b)),
                    _ => None,
                }
                .unzip();
                // A two-digit year is this century's up to 69 ("04/28/09" is 2009).
                let year: i32 = match c[4].parse().ok()? {
                    y if c[4].len() == 2 && y < 70 => 2000 + y,
                    y if c[4].len() == 2 => 1900 + y,
                    y => y,
                };
                let date = day
                    .zip(month)
                    .filter(|_| (1800..=2200).contains(&year))
                    .and_then(|(d, mo)| NaiveDate::from_ymd_opt(year, mo, d));
                if day.is_some() && date.is_none() {
                    return None;
                }
                Some(Timestamp {
                    date,
                    start: m.start(),
                    end: m.end(),
                })
            }
            None => None,
        },
    };
    // Take out every date and time; what is left must be stamp words.
    let mut rest = line.to_string();
    while let Some(f) = find_absolute_date(&rest) {
        rest.replace_range(f.start..f.end, " ");
    }
    let rest = NUMERIC.replace_all(&rest, " ");
    let month_day = MONTH_DAY.find(&rest).map(|m| (m.start(), m.end()));
    let rest = MONTH_DAY.replace_all(&rest, " ");
    let clock = CLOCK.find(&rest).map(|m| (m.start(), m.end()));
    let rest = CLOCK.replace_all(&rest, " ");
    // "Posted 3 hours ago", "1 year, 160 days ago": how long ago, as a page shows it.
    let ago = AGO.find(&rest).map(|m| (m.start(), m.end()));
    let rest = AGO.replace_all(&rest, " ");
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || ",|:;()[]-–—/@+•".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let lower = |w: &str| w.trim_end_matches('.').to_lowercase();
    let stamp_verb = words
        .iter()
        .any(|w| ["published", "updated", "posted"].contains(&lower(w).as_str()));
    // A page saved or read on a date says when it was saved, not when it appeared.
    let saved = saved_line(line);
    let full = full
        .filter(|_| !saved)
        .or_else(|| full.map(|f| Timestamp { date: None, ..f }));
    let found = full.or_else(|| {
        ago.filter(|_| stamp_verb).map(|(start, end)| Timestamp {
            date: None,
            start,
            end,
        })
    });
    let found = found.or_else(|| {
        month_day
            .or(clock.filter(|_| stamp_verb))
            .map(|(start, end)| Timestamp {
                date: None,
                start,
                end,
            })
    })?;
    let mut place_names = 0;
    let only_stamp = words.iter().all(|w| {
        let letters = w.trim_end_matches('.');
        TIMESTAMP_WORDS.contains(&lower(w).as_str())
            || letters.len() >= 2 && letters.bytes().all(|b| b.is_ascii_uppercase())
            || w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit())
            || w.starts_with(char::is_uppercase) && {
                place_names += 1;
                place_names <= 1
            }
    });
    (only_stamp && (full.is_some() || month_day.is_some() || stamp_verb || saved)).then_some(found)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !(1800..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

/// Parses `YYYY-MM-DD` at the start of a string (as in metadata timestamps
/// `2018-05-14T09:00:00Z`), or any absolute date form this module knows.
pub fn parse_date_prefix(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.len() >= 10
        && raw.is_char_boundary(10)
        && let Ok(d) = NaiveDate::parse_from_str(&raw[..10], "%Y-%m-%d")
    {
        return Some(d);
    }
    find_absolute_date(raw).map(|f| f.date)
}

/// Parses a user-given `YYYY-MM-DD`.
pub fn parse_iso(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(s: &str) -> Option<String> {
        find_absolute_date(s).map(|f| format!("{} {}", f.date, &s[f.start..f.end]))
    }

    #[test]
    fn forms_news_uses() {
        assert_eq!(
            find("date 2018-05-14 Trump").as_deref(),
            Some("2018-05-14 2018-05-14")
        );
        assert_eq!(
            find("on May 14, 2018, he").as_deref(),
            Some("2018-05-14 May 14, 2018")
        );
        assert_eq!(
            find("Saturday, Apr 20, 2024").as_deref(),
            Some("2024-04-20 Saturday, Apr 20, 2024")
        );
        assert_eq!(
            find("Published 3 Sept. 2019").as_deref(),
            Some("2019-09-03 3 Sept. 2019")
        );
        assert_eq!(
            find("Friday 31st October 2008").as_deref(),
            Some("2008-10-31 Friday 31st October 2008")
        );
        assert_eq!(
            find("on 2019/6/18").as_deref(),
            Some("2019-06-18 2019/6/18")
        );
    }

    fn stamp(s: &str) -> Option<String> {
        timestamp_line(s).map(|t| {
            format!(
                "{} {}",
                t.date.map_or("?".to_string(), |d| d.to_string()),
                &s[t.start..t.end]
            )
        })
    }

    #[test]
    fn timestamp_lines_in_the_forms_sites_print_them() {
        assert_eq!(
            stamp("PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM").as_deref(),
            Some("2013-05-02 THURSDAY, MAY 2, 2013")
        );
        assert_eq!(
            stamp("Updated 5/5/2010 1:41 PM").as_deref(),
            Some("2010-05-05 5/5/2010")
        );
        assert_eq!(
            stamp("First Posted 23:37:00 05/05/2010").as_deref(),
            Some("2010-05-05 05/05/2010")
        );
        assert_eq!(
            stamp("Updated Thu 6 May 2010, 9:03am AEST").as_deref(),
            Some("2010-05-06 Thu 6 May 2010")
        );
        assert_eq!(
            stamp("Wed May 5, 2010 7:12pm BST").as_deref(),
            Some("2010-05-05 Wed May 5, 2010")
        );
        assert_eq!(
            stamp("posted on 25/12/2019").as_deref(),
            Some("2019-12-25 25/12/2019")
        );
        // With slashes day and month cannot be told apart: a timestamp, but no date; with
        // dots the day comes first.
        assert_eq!(
            stamp("Article posted on 08/07/2012").as_deref(),
            Some("? 08/07/2012")
        );
        assert_eq!(
            stamp("Article posted on 08.07.2012").as_deref(),
            Some("2012-07-08 08.07.2012")
        );
        // A month first with dots is not read as a date.
        assert_eq!(stamp("Posted 07.25.2012").as_deref(), Some("? 07.25.2012"));
    }

    #[test]
    fn datelines_without_a_year_or_with_two_stamps() {
        for line in [
            "Mumbai, Nov 11 -",
            "Jul. 7 5:59 PM EDT",
            "Updated 4:08 p.m. ET",
            "on Jul 7 2012, 5:55p",
            "Friday August 2, 2013 @ 8:13am PDT",
            "TNN Nov 12, 2011, 05.51AM IST MUMBAI:",
            "Posted: 04/9/2012 8:33 am Updated: 04/9/2012 8:33 am",
            "Posted on November 15, 2011 6:07:15 PM GMT+01: 0",
            "NEW YORK, May 5 (Reuters) -",
            "8/2/13 at 1:30 PM",
        ] {
            assert!(timestamp_line(line).is_some(), "{line}");
        }
        assert_eq!(stamp("Mumbai, Nov 11 -").as_deref(), Some("? Nov 11"));
        // How long ago, and when a page was saved: page furniture with no date of its own.
        assert_eq!(
            stamp("Posted 1 year, 160 days ago [downloaded on 2 October 2013]").as_deref(),
            Some("? 2 October 2013")
        );
        assert_eq!(
            stamp("Posted 3 hours ago").as_deref(),
            Some("? 3 hours ago")
        );
        assert_eq!(stamp("Three hours ago the bridge closed."), None);
        assert_eq!(
            stamp("Updated 2 hours ago | Published March 12, 2013").as_deref(),
            Some("2013-03-12 March 12, 2013")
        );
        assert_eq!(
            stamp("04/28/09 07:35 PM ET").as_deref(),
            Some("2009-04-28 04/28/09")
        );
    }

    #[test]
    fn sentences_with_dates_are_not_timestamps() {
        assert_eq!(stamp("Obama Wins Iowa, Nov 5"), None);
        assert_eq!(stamp("Sales rose 12.50 percent"), None);
        assert_eq!(stamp("Trains left at 10:30 on Monday"), None);
        assert_eq!(stamp("The vote was held on May 2, 2013."), None);
        assert_eq!(stamp("Lohan checked in on 05/05/2010 at noon"), None);
        assert_eq!(stamp("Rates rose 5.5 percent"), None);
        assert_eq!(stamp("Updated 31/02/2010"), None);
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(find("February 30, 2019"), None);
        assert_eq!(find("May 2018"), None);
        assert_eq!(find("the 1234-56-78 code"), None);
    }

    #[test]
    fn month_names() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("May"), Some(5));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Marc"), None);
    }
}
