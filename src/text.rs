//! Words for matching: tokens with spans, their comparison keys, stems of content words, and
//! "anchors" — names, numbers and years, the specific words that tell one event from a look-alike.

use crate::language::{ENGLISH, Language};

/// A token of a passage: a word, a number, or one punctuation mark ("…" is one token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offsets into the string that was tokenized.
    pub start: usize,
    pub end: usize,
    /// What the token is compared by: lowercase, one style of quote mark and dash.
    pub key: String,
    pub is_word: bool,
}

/// Splits text into word and punctuation tokens. Words keep inner apostrophes, hyphens, and the
/// dots and commas inside numbers ("U.S.", "don't", "70,000", "1.2").
pub fn tokenize(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let ch = chars[j].1;
                if ch.is_alphanumeric() || is_combining(ch) {
                    j += 1;
                    continue;
                }
                // Joiners stay inside a word when a letter or digit follows.
                let joins = matches!(ch, '\'' | '’' | '-' | '.' | ',' | '‑')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric());
                let numeric_joiner = matches!(ch, '.' | ',')
                    && chars[j - 1].1.is_ascii_digit()
                    && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit());
                let abbrev_dot = ch == '.'
                    && chars[j - 1].1.is_uppercase()
                    && (j < 2 || !chars[j - 2].1.is_alphanumeric() || chars[j - 2].1 == '.')
                    && chars.get(j + 1).is_some_and(|n| n.1.is_uppercase());
                if (joins && !matches!(ch, '.' | ',')) || numeric_joiner || abbrev_dot {
                    j += 1;
                    continue;
                }
                // "U.S." keeps its final dot.
                if ch == '.' && j >= 2 && chars[j - 2].1 == '.' && chars[j - 1].1.is_uppercase() {
                    j += 1;
                }
                break;
            }
            let end = chars.get(j).map_or(s.len(), |c| c.0);
            let word = &s[start..end];
            out.push(Token {
                start,
                end,
                key: word_key(word),
                is_word: true,
            });
            i = j;
        } else {
            // Punctuation: "..." is one token, like "…".
            let mut j = i + 1;
            if c == '.' {
                while j < chars.len() && chars[j].1 == '.' {
                    j += 1;
                }
            }
            let end = chars.get(j).map_or(s.len(), |c| c.0);
            let p = &s[start..end];
            out.push(Token {
                start,
                end,
                key: punct_key(p),
                is_word: false,
            });
            i = j;
        }
    }
    out
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200D | 0xFE0F)
}

fn word_key(w: &str) -> String {
    w.to_lowercase()
        .replace(['’', '‘', '‑'], "'")
        .replace('‑', "-")
}

fn punct_key(p: &str) -> String {
    match p {
        "“" | "”" | "„" | "«" | "»" | "\"" => "\"".into(),
        "‘" | "’" | "'" | "‚" => "'".into(),
        "–" | "—" | "‒" | "―" => "-".into(),
        "..." | "…" => "…".into(),
        _ if p.chars().all(|c| c == '.') && p.len() > 3 => "…".into(),
        _ => p.to_string(),
    }
}

/// English function words that carry no content for matching.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "same",
    "says",
    "said",
    "say",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "told",
    "according",
    "s",
    "t",
    "don",
    "mr",
    "mrs",
    "ms",
    "dr",
    "new",
    "year",
    "years",
    "time",
    "still",
    "get",
    "got",
    "make",
    "made",
    "take",
    "took",
    "way",
    "well",
    "back",
    "around",
    "however",
    "already",
    "including",
    "another",
    "among",
    "across",
    "just",
    "less",
    "least",
    "every",
    "whether",
    "though",
    "although",
    "thus",
    "yesterday",
    "today",
    "week",
    "day",
    "days",
    "month",
    "months",
    "last",
    "next",
    "first",
    "second",
];

/// Is this lowercase word a function word?
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.contains(&w)
}

/// The ordinal words, first to tenth, in order.
const ORDINALS: [&str; 10] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];

/// The number a lowercase ordinal word tells ("fourth" → 4), first to tenth.
pub fn ordinal_number(w: &str) -> Option<u32> {
    ORDINALS.iter().position(|&o| o == w).map(|k| k as u32 + 1)
}

/// A lowercase English word that, before "time", tells a happening repeated: an ordinal past
/// the first ("a second time"), "another".
pub fn is_order_word(w: &str) -> bool {
    ordinal_number(w).is_some_and(|n| n >= 2) || w == "another"
}

/// A lowercase English word that turns a statement into its opposite ("not", "never", "didn't").
pub fn is_negation(w: &str) -> bool {
    matches!(
        w,
        "not" | "no" | "never" | "nor" | "cannot" | "neither" | "none"
    ) || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// A content term of a sentence for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub stem: String,
    /// A name, number or year: specific to one event.
    pub anchor: bool,
    /// The word as written, for labels.
    pub surface: String,
    /// A capitalized word in a line whose capitals say nothing (a Title Case or all-caps
    /// headline): the aligner takes it for a name when it is one in running text elsewhere
    /// ("Cheeks" in "Sixers Fire Coach Cheeks"); otherwise it is a common word.
    pub maybe_name: bool,
}

/// A word in "-ed" that reads as a verb in the past ("reached", "arrested"): longer than four
/// letters ("bed", "need" are none), and no word of [`NOT_ED_VERBS`].
pub fn is_ed_verb(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ed") && !NOT_ED_VERBS.contains(&w)
}

/// Words in "-ed" that are no past tense.
const NOT_ED_VERBS: &[&str] = &["hundred", "speed", "indeed", "seed", "breed"];

/// Verbs in the past tense that do not end in "-ed" ("fell", "said", "heard").
pub const PAST_FORMS: &[&str] = &[
    "was", "were", "had", "did", "said", "told", "fell", "rose", "came", "went", "took", "made",
    "won", "lost", "left", "met", "saw", "heard", "began", "got", "gave", "held", "ran", "broke",
    "struck", "sank", "shot", "wrote", "spoke", "stood", "sent", "paid", "found", "put", "set",
    "led", "knew", "thought", "felt", "kept", "brought", "sought", "taught", "chose", "drove",
];

/// A line whose capitals say nothing about names: a headline set in capitals, or in Title Case
/// ("Tara Reid Finally Checks Into Rehab"); most words of a running sentence are lower case,
/// even one full of names. `toks` are the line's tokens.
pub fn capitals_say_nothing(line: &str, toks: &[Token]) -> bool {
    let letters = line.chars().filter(|c| c.is_alphabetic());
    let (upper, total) = letters.fold((0, 0), |(u, t), c| {
        (u + usize::from(c.is_uppercase()), t + 1)
    });
    let shouting = total >= 12 && upper * 10 >= total * 6;
    let words: Vec<&Token> = toks
        .iter()
        .filter(|t| t.is_word && line[t.start..].starts_with(char::is_alphabetic))
        .collect();
    let capitalized_words = words
        .iter()
        .filter(|t| line[t.start..].starts_with(char::is_uppercase))
        .count();
    let title_case = words.len() >= 4 && capitalized_words * 4 >= words.len() * 3;
    shouting || title_case
}

/// Content terms of an English sentence: stems of non-stopwords, with anchors flagged.
pub fn terms(sentence: &str) -> Vec<Term> {
    terms_in(sentence, ENGLISH)
}

/// Content terms of a sentence in `lang`: its stop words left out, its stemmer used, and in a
/// language whose nouns all take a capital (German) capitals taken for names only where they
/// are one in running text elsewhere, as in a Title Case headline.
pub fn terms_in(sentence: &str, lang: &Language) -> Vec<Term> {
    let toks = tokenize(sentence);
    let caps_say_nothing = capitals_say_nothing(sentence, &toks) || !lang.capitals_mark_names;
    let mut out = Vec::new();
    let mut sentence_start = true;
    for t in &toks {
        if !t.is_word {
            if matches!(t.key.as_str(), "\"" | ":" | "(" | "-") {
                sentence_start = true;
            }
            continue;
        }
        let raw = &sentence[t.start..t.end];
        let at_start = sentence_start;
        sentence_start = false;
        let mut key = t.key.clone();
        for suffix in ["'s", "'"] {
            if key.len() > suffix.len() + 1 && key.ends_with(suffix) {
                key.truncate(key.len() - suffix.len());
            }
        }
        if let Some(n) = number_word(&key) {
            out.push(Term {
                stem: n.to_string(),
                anchor: true,
                surface: raw.to_string(),
                maybe_name: false,
            });
            continue;
        }
        // A capital inside a sentence makes a name of a function word: "May", "US".
        let capital_inside = !at_start
            && !caps_say_nothing
            && raw.chars().next().is_some_and(char::is_uppercase)
            && key.chars().count() >= 2;
        if lang.is_stopword(&key) && !capital_inside {
            continue;
        }
        let has_digit = key.chars().any(|c| c.is_ascii_digit());
        if has_digit {
            let norm: String = key.chars().filter(|c| *c != ',').collect();
            out.push(Term {
                stem: norm,
                anchor: true,
                surface: raw.to_string(),
                maybe_name: false,
            });
            continue;
        }
        if key.chars().count() < 2 {
            continue;
        }
        let capitalized = raw.chars().next().is_some_and(char::is_uppercase);
        let acronym = raw.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && raw
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        let anchor = !caps_say_nothing && (acronym || (capitalized && !at_start));
        // Names are stemmed like any word: "Navy" in one report and "navy" in another are one
        // term (whether a word is a name is kept apart, in `anchor`).
        let key = key.replace('.', "");
        // A hyphenated word counts as its parts: "fire-bomb attack" and "fire bomb", "Bush-era
        // rule" and "the Bush rule" share words.
        if key.contains('-') {
            let raw_parts: Vec<&str> = raw.split('-').collect();
            for (i, part) in key.split('-').enumerate() {
                if part.chars().count() < 2 || lang.is_stopword(part) {
                    continue;
                }
                out.push(Term {
                    stem: lang.stem(part),
                    anchor,
                    surface: raw_parts.get(i).unwrap_or(&raw).to_string(),
                    maybe_name: caps_say_nothing && capitalized,
                });
            }
            continue;
        }
        let stem = lang.stem(&key);
        out.push(Term {
            stem,
            anchor,
            surface: raw.to_string(),
            maybe_name: caps_say_nothing && capitalized,
        });
    }
    out
}

/// A word that is a year as news writes it: four digits, 1900 to 2100.
pub fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && w.parse::<u16>().is_ok_and(|y| (1900..=2100).contains(&y))
}

/// The value of a number written as a word: "three" → 3, "forty-two" → 42, "dozen" → 12.
pub fn word_number(w: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|u| *u == w) {
        return Some((i as f64 + 2.0) * 10.0);
    }
    if let Some((t, u)) = w.split_once('-') {
        let t = TENS.iter().position(|x| *x == t)?;
        let u = UNITS
            .iter()
            .position(|x| *x == u)
            .filter(|&u| (1..10).contains(&u))?;
        return Some((t as f64 + 2.0) * 10.0 + u as f64);
    }
    (w == "dozen").then_some(12.0)
}

/// A small count as written, in figures or words: "44", "two", "forty-four", and "a", "an" or
/// "one" for one ("a minute", "one week ago").
pub fn count_word(w: &str) -> Option<u32> {
    let w = w.to_lowercase();
    if matches!(w.as_str(), "a" | "an" | "one") {
        return Some(1);
    }
    w.parse().ok().or_else(|| word_number(&w).map(|v| v as u32))
}

/// A count written as a word, for matching ("Three" and "3" are one term). "One" is left out:
/// it is more often a pronoun than a count.
pub fn number_word(w: &str) -> Option<u32> {
    word_number(w).filter(|&v| v >= 2.0).map(|v| v as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn tokens_keep_numbers_and_abbreviations_whole() {
        assert_eq!(
            keys("The U.S. fined ZTE $1.2 billion, over 70,000 jobs…"),
            vec![
                "the", "u.s.", "fined", "zte", "$", "1.2", "billion", ",", "over", "70,000",
                "jobs", "…"
            ]
        );
    }

    #[test]
    fn quote_styles_and_case_do_not_differ() {
        assert_eq!(keys("“Working” it’s"), keys("\"working\" it's"));
        assert_eq!(keys("give ... ZTE"), keys("give … zte"));
    }

    #[test]
    fn anchors_are_names_and_numbers() {
        let t = terms(
            "Officials said Chinese President Xi Jinping spoke on May 13, 2018 about ZTE jobs.",
        );
        let anchors: Vec<&str> = t
            .iter()
            .filter(|t| t.anchor)
            .map(|t| t.surface.as_str())
            .collect();
        assert_eq!(
            anchors,
            vec![
                "Chinese",
                "President",
                "Xi",
                "Jinping",
                "May",
                "13",
                "2018",
                "ZTE"
            ]
        );
        assert!(t.iter().any(|t| t.stem == "offici" && !t.anchor));
    }

    #[test]
    fn number_words_match_digits_and_capitals_in_headlines_are_not_names() {
        let a: Vec<String> = terms("Three die in bank fire")
            .into_iter()
            .map(|t| t.stem)
            .collect();
        let b: Vec<String> = terms("THREE PEOPLE DIE IN A BANK FIRE")
            .into_iter()
            .map(|t| t.stem)
            .collect();
        assert_eq!(a[0], "3");
        assert!(a.iter().all(|x| b.contains(x)), "{a:?} {b:?}");
    }

    #[test]
    fn hyphenated_words_count_as_their_parts() {
        let stems = |s: &str| -> Vec<String> { terms(s).into_iter().map(|t| t.stem).collect() };
        assert_eq!(stems("a fire-bomb attack"), stems("a fire bomb attack"));
        assert_eq!(
            stems("the Bush-era rule")[..2],
            stems("the Bush era rule")[..2]
        );
        // Numbers with hyphens stay whole: "26-year-old" is one anchor.
        assert!(
            terms("a 26-year-old actress")
                .iter()
                .any(|t| t.stem == "26-year-old")
        );
    }

    #[test]
    fn title_case_headlines_have_no_names_by_capitals() {
        let headline = terms("Tara Reid Finally Checks Into Rehab For Undisclosed Reasons");
        let lead = terms("A publicist says Tara Reid has checked herself into rehab.");
        assert!(headline.iter().all(|t| !t.anchor), "{headline:?}");
        // "Into" and "For" are function words again; "Checks" is the verb of the lead.
        let stems: Vec<&str> = headline.iter().map(|t| t.stem.as_str()).collect();
        assert!(
            !stems.contains(&"into") && !stems.contains(&"for"),
            "{stems:?}"
        );
        for verb in ["check", "rehab"] {
            assert!(stems.contains(&verb) && lead.iter().any(|t| t.stem == verb));
        }
        // Each capitalized word may still be a name.
        let tara = headline.iter().find(|t| t.surface == "Tara").expect("Tara");
        assert!(tara.maybe_name && tara.stem == "tara");
        // Names and common words share stems: "Navy" and "navy" are one term.
        let navy = |s: &str| {
            terms(s)
                .into_iter()
                .find(|t| t.surface.eq_ignore_ascii_case("navy"))
        };
        let (a, b) = (
            navy("The Indian Navy said so.").expect("a"),
            navy("The navy said so.").expect("b"),
        );
        assert!(a.anchor && !b.anchor && a.stem == b.stem);
        // A running sentence with many names is not a headline.
        let names = terms("Reid joined Lindsay Lohan and Britney Spears at Promises in Malibu.");
        assert!(names.iter().filter(|t| t.anchor).count() >= 5, "{names:?}");
    }
}
