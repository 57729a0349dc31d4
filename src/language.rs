//! The language of an article, detected from its text (`whatlang`), and what matching needs of
//! it: a stemmer (`rust-stemmers`), stop words (`stop-words`, the ISO lists; English keeps the
//! project's own list) and whether capitals mark names (not in German, where every noun has one).
//! The fact readers know English only: a source in another language is aligned with its own
//! stemmer and stop words, and its facts are left out with a warning rather than misread.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use whatlang::Lang;

/// A language Crosscheck knows how to match.
#[derive(Debug)]
pub struct Language {
    /// ISO 639-3, as `whatlang` and the JSON report name it (`"eng"`, `"deu"`).
    pub code: &'static str,
    /// ISO 639-1, as the stop-word lists name it.
    iso1: &'static str,
    /// In English, for people.
    pub name: &'static str,
    stemmer: Algorithm,
    /// Whether a capital inside a sentence marks a name.
    pub capitals_mark_names: bool,
}

macro_rules! language {
    ($code:literal, $iso1:literal, $name:literal, $algo:ident) => {
        language!($code, $iso1, $name, $algo, true)
    };
    ($code:literal, $iso1:literal, $name:literal, $algo:ident, $caps:literal) => {
        Language {
            code: $code,
            iso1: $iso1,
            name: $name,
            stemmer: Algorithm::$algo,
            capitals_mark_names: $caps,
        }
    };
}

/// Every language with a stemmer, English first.
pub static LANGUAGES: &[Language] = &[
    language!("eng", "en", "English", English),
    language!("deu", "de", "German", German, false),
    language!("fra", "fr", "French", French),
    language!("spa", "es", "Spanish", Spanish),
    language!("ita", "it", "Italian", Italian),
    language!("por", "pt", "Portuguese", Portuguese),
    language!("nld", "nl", "Dutch", Dutch),
    language!("swe", "sv", "Swedish", Swedish),
    language!("dan", "da", "Danish", Danish),
    language!("nob", "no", "Norwegian", Norwegian),
    language!("fin", "fi", "Finnish", Finnish),
    language!("rus", "ru", "Russian", Russian),
    language!("tur", "tr", "Turkish", Turkish),
    language!("hun", "hu", "Hungarian", Hungarian),
    language!("ron", "ro", "Romanian", Romanian),
    language!("ell", "el", "Greek", Greek),
    language!("ara", "ar", "Arabic", Arabic),
    language!("tam", "ta", "Tamil", Tamil),
];

/// English, the language of the fact readers and the default.
pub static ENGLISH: &Language = &LANGUAGES[0];

/// How much of a text the detector reads.
const SAMPLE_CHARS: usize = 3_000;

/// Below this many letters a text says too little to be told from English with confidence.
const MIN_LETTERS: usize = 200;

/// How sure the detector must be before a text is taken for another language than English.
const MIN_CONFIDENCE: f64 = 0.9;

/// Another language than English, detected with confidence, that has no stemmer here: its
/// ISO 639-3 code and its name. Such a text is matched as English and said to be so.
pub type Unsupported = (&'static str, &'static str);

/// The language of a text: English unless the detector is sure of another language, on text
/// long enough to tell. A language without a stemmer here comes back as English with its code
/// and name.
pub fn detect(text: &str) -> (&'static Language, Option<Unsupported>) {
    // A few thousand characters tell a language as well as the whole text, at a fraction of the cost.
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return (ENGLISH, None);
    }
    let Some(info) = whatlang::detect(&sample) else {
        return (ENGLISH, None);
    };
    if info.lang() == Lang::Eng || !info.is_reliable() || info.confidence() < MIN_CONFIDENCE {
        return (ENGLISH, None);
    }
    match by_code(info.lang().code()) {
        Some(lang) => (lang, None),
        None => (ENGLISH, Some((info.lang().code(), info.lang().eng_name()))),
    }
}

/// The language of an ISO 639-3 code, if it is one here.
pub fn by_code(code: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.code == code)
}

static STOPWORDS: LazyLock<HashMap<&'static str, HashSet<&'static str>>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .skip(1)
        .filter_map(|l| {
            Some((
                l.code,
                stop_words::lookup(l.iso1)?.iter().copied().collect(),
            ))
        })
        .collect()
});

impl Language {
    /// ISO 639-1 (`"de"`), as the sentence splitter and stop-word lists name it.
    pub fn iso1(&self) -> &'static str {
        self.iso1
    }

    pub fn is_english(&self) -> bool {
        std::ptr::eq(self, ENGLISH)
    }

    /// Whether a lowercase word is a function word of this language.
    pub fn is_stopword(&self, w: &str) -> bool {
        if self.is_english() {
            return crate::text::is_stopword(w);
        }
        STOPWORDS.get(self.code).is_some_and(|s| s.contains(w))
    }

    /// The stem of a lowercase word.
    pub fn stem(&self, w: &str) -> String {
        Stemmer::create(self.stemmer).stem(w).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GERMAN: &str = "Die Polizei hat am Montag in Berlin drei Männer festgenommen, die einen \
        Geldtransporter überfallen haben sollen. Nach Angaben der Staatsanwaltschaft erbeuteten \
        die Täter mehr als zwei Millionen Euro. Ein Wachmann wurde bei dem Überfall leicht \
        verletzt und kam in ein Krankenhaus. Die Ermittlungen dauern an, teilte ein Sprecher mit.";

    #[test]
    fn a_german_article_is_german_and_short_or_english_text_is_english() {
        let (lang, other) = detect(GERMAN);
        assert_eq!((lang.name, other), ("German", None));
        assert!(!lang.capitals_mark_names);
        assert!(lang.is_stopword("die") && lang.is_stopword("und"));
        assert_eq!(lang.stem("festgenommen"), lang.stem("festgenommen"));
        assert_eq!(lang.stem("männer"), "mann");
        assert!(
            detect("Die Polizei hat drei Männer festgenommen.")
                .0
                .is_english()
        );
        let english = "The police arrested three men on Monday in Berlin who are said to have \
            robbed a cash transporter. According to prosecutors the robbers took more than two \
            million euros. A guard was slightly injured in the robbery and taken to hospital.";
        assert!(detect(english).0.is_english());
    }
}
