//! People and their titles: "Chinese President Xi Jinping", "President Xi of China", "US
//! Secretary of Commerce Wilbur Ross", "FBI Director Christopher Wray", "former national security
//! adviser John Bolton", "Ren Zhengfei, CEO of Huawei". Titles are normalized to a role
//! ("Secretary of Commerce" and "Commerce Secretary" are both `commerce secretary`; "CEO" is
//! `chief executive`) so that only a real difference of role counts as a conflict. A surname
//! alone is linked to the full name the same document gives; linking across documents is done
//! when facts are compared.

use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use super::{Cx, par_map};
use crate::model::{Finding, FindingStatus};

use regex::Regex;

use crate::model::{Fact, FactKind, Span};

const TITLE_CAP: &str = r"(?:Vice[ -]President|President|Premier|Prime\s+Minister|Chancellor|Secretary-General|Secretary\s+of\s+State|Secretary(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+and\s+[A-Z][a-z]+)?)?|Attorney\s+General|Minister(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+)?|Director(?:\s+of\s+(?:the\s+)?[A-Z][\w]+)?|Chairman|Chairwoman|Chairperson|Chair|CEO|Chief\s+Executive(?:\s+Officer)?|Governor|Gov\.|Senator|Sen\.|Representative|Rep\.|Mayor|King|Queen|Prince|Princess|General\s+Manager|General|Gen\.|Commissioner|Ambassador|Judge|Justice|Speaker|Spokesman|Spokeswoman|Spokesperson|Commander|Cmdr\.|Commodore|Captain|Capt\.|Lieutenant\s+Governor|Lieutenant\s+(?:Colonel|General|Commander)|(?:Rear|Vice)\s+Admiral|Lieutenant|Lt\.|Sergeant|Sgt\.|Brigadier|Pope|Founder|Admiral|Adm\.|Colonel|Col\.|Sheriff|Chief|Coach|Professor|Prof\.|Foreign\s+Minister|Defen[cs]e\s+Secretary|Defen[cs]e\s+Minister)";
const TITLE_LOW: &str = r"(?:(?:[a-z]+\s+){0,2}(?:adviser|advisor|spokesman|spokeswoman|spokesperson|minister|secretary|director|chairman|chairwoman|chief\s+executive|ceo|founder|senator|governor|mayor|ambassador|commissioner|leader|prosecutor|coach))";
pub(super) const PERSON: &str = r"[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.\s+[A-Z][\w’'-]+|[A-Z][\w’'-]+|(?:bin|van|von|de|da|do|dos|del|der)\s+[A-Z][\w’'-]+|al-\w+)){0,2}";

static TITLED_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<former>(?-u:\b)(?i:former|ex-|then-|acting|outgoing|interim)[\s-]*)?(?P<org>(?:[A-Z][\w.&’'-]*\s+){{0,3}})?(?-u:\b)(?P<title>{TITLE_CAP}|{TITLE_LOW})\s+(?P<name>{PERSON})(?:\s+of\s+(?P<of>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?))?"
    ))
    .expect("valid title regex")
});
static APPOSITIVE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<name>[A-Z][\w’'-]+\s+[A-Z][\w’'-]+),\s+(?:the\s+)?(?P<former>(?i:former|then)\s+)?(?P<org>[A-Z][\w.]*\s+)?(?P<title>{TITLE_CAP}|(?i:ceo|chief executive|founder|chairman|spokesman|spokeswoman|spokesperson|president|director|minister|secretary))(?:\s+and\s+[a-z]+)?\s+(?:of|at)\s+(?P<of>[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)"
    ))
    .expect("valid appositive regex")
});

/// Nouns of a post, which end no person's name ("Chief Public Relations Officer").
const OFFICES: &[&str] = &["Officer", "Officers", "Official", "Manager", "Spokesman"];

/// Capitalized words that are never part of a person's name.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "And",
    "But",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "To",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "This",
    "That",
    "Mr",
    "Captain",
    "Capt",
    "Commander",
    "Cmdr",
    "Commodore",
    "Lieutenant",
    "Lt",
    "Sergeant",
    "Sgt",
    "Brigadier",
    "Colonel",
    "Col",
    "Admiral",
    "Adm",
    "Gen",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
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
    "President",
    "Premier",
    "Secretary",
    "Minister",
    "Director",
    "Chairman",
    "Governor",
    "Senator",
    "Mayor",
    "General",
    "Administration",
    "Department",
    "Government",
    "Office",
    "House",
    "Council",
    "Committee",
    "Ministry",
    "Party",
    "Commission",
    "Court",
    "Agency",
    "Bureau",
    "Company",
    "Group",
    "Inc",
    "Corp",
    "Ltd",
    "Chinese",
    "American",
    "British",
    "US",
    "U.S.",
    "UK",
    "EU",
    "Trade",
    "Commerce",
];

fn nationality(w: &str) -> bool {
    matches!(
        w,
        "US" | "U.S." | "UK" | "U.K." | "EU" | "UN" | "United" | "States" | "Kingdom" | "the"
    ) || w.ends_with("ese")
        || w.ends_with("an")
        || w.ends_with("ish")
        || w.ends_with("ian")
        || w.ends_with("ch")
}

/// A title normalized to a role: abbreviations spelled out, domain first ("commerce secretary").
/// A title as matched without the words in front that belong to the sentence, not to the post:
/// "saying that director" is "director", "point handing director" is "director"; "national
/// security adviser" stays whole.
fn title_proper(title: &str) -> &str {
    let words: Vec<(usize, &str)> = title
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - title.as_ptr() as usize, w))
        .collect();
    let mut from = 0;
    // The words in front of the post's own noun, up to an "of" ("Secretary of the Interior").
    for &(at, w) in words.iter().take(words.len().saturating_sub(1)) {
        let lower = w.to_lowercase();
        if lower == "of" {
            break;
        }
        let verb = crate::text::PAST_FORMS.contains(&lower.as_str())
            || matches!(lower.as_str(), "says" | "tells")
            || (lower.len() > 4 && lower.ends_with("ed")
                || lower.len() > 5 && lower.ends_with("ing"))
                && !TITLE_QUALIFIERS.contains(&lower.as_str());
        if crate::text::is_stopword(&lower) || verb {
            from = at + w.len();
        }
    }
    title[from..].trim_start()
}

/// Words in "-ed" and "-ing" that are part of a title ("acting director", "newly elected
/// mayor").
const TITLE_QUALIFIERS: &[&str] = &[
    "acting",
    "elected",
    "outgoing",
    "incoming",
    "retired",
    "designated",
    "appointed",
    "sitting",
    "presiding",
    "managing",
    "governing",
    "commanding",
    "ruling",
    "founding",
    "leading",
    "serving",
    "ranking",
    "reigning",
    "disgraced",
    "embattled",
];

pub(crate) fn normalize_title(org: &str, title: &str) -> String {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = t.to_lowercase();
    let (role, domain) = match lower.split_once(" of ") {
        Some((r, d)) if r != "secretary" || d != "state" => {
            (r.to_string(), d.trim_start_matches("the ").to_string())
        }
        _ => (lower.clone(), String::new()),
    };
    let role = match role.trim_end_matches('.') {
        "ceo" | "chief executive officer" => "chief executive".to_string(),
        "chairwoman" | "chairperson" | "chair" => "chairman".to_string(),
        "gov" => "governor".to_string(),
        "sen" => "senator".to_string(),
        "rep" => "representative".to_string(),
        "gen" => "general".to_string(),
        "adm" => "admiral".to_string(),
        "col" => "colonel".to_string(),
        "capt" => "captain".to_string(),
        "lt" => "lieutenant".to_string(),
        "sgt" => "sergeant".to_string(),
        "cmdr" => "commander".to_string(),
        "prof" => "professor".to_string(),
        "spokesman" | "spokeswoman" => "spokesperson".to_string(),
        "vice-president" => "vice president".to_string(),
        r => r
            .replace("advisor", "adviser")
            .replace("defence", "defense"),
    };
    let domain = if domain.is_empty() {
        body_of(org)
    } else {
        domain
    };
    if domain.is_empty() || role.contains(&domain) {
        role
    } else {
        format!("{domain} {role}")
    }
}

/// Nouns that name a body only with the word before them: "European Union", "World Bank".
const BODY_NOUNS: &[&str] = &["Union", "Nations", "Bank", "Commission"];

/// The body a title names before it, in lower case: its last word ("US Commerce" → "commerce",
/// a nationality alone names none), or its last two when the last needs the one before
/// ("European Union" → "european union", not "union").
fn body_of(org: &str) -> String {
    let words: Vec<&str> = org.split_whitespace().collect();
    match words[..] {
        [.., before, last] if BODY_NOUNS.contains(&last) => {
            format!("{before} {last}").to_lowercase()
        }
        [.., last] if !nationality(last) => last.to_lowercase(),
        _ => String::new(),
    }
}

/// The role word that decides a conflict: "commerce secretary" → "secretary"; a second of
/// a post keeps the word that makes it one ("deputy prime minister", "assistant secretary").
pub(crate) fn role_of(title: &str) -> String {
    let t = title.strip_prefix("former ").unwrap_or(title);
    let role = [
        "vice president",
        "prime minister",
        "chief executive",
        "attorney general",
        "secretary-general",
        "secretary of state",
    ]
    .into_iter()
    .find(|compound| t.ends_with(compound))
    .unwrap_or_else(|| t.rsplit(' ').next().unwrap_or(t));
    let head = &t[..t.len() - role.len()];
    match head.split_whitespace().find(|w| SECONDS.contains(w)) {
        Some(second) => format!("{second} {role}"),
        None => role.to_string(),
    }
}

/// Words that make a post someone's second to it: a deputy prime minister is not the prime
/// minister, and may hold a post of their own besides.
const SECONDS: &[&str] = &["deputy", "assistant", "associate", "acting", "interim"];

/// Ranks of armed forces and police. A person holds one rank at a time, beside any post
/// ("navy spokesman Commander Nirad Sinha"): ranks are compared with ranks, posts with posts.
const RANKS: &[&str] = &[
    "admiral",
    "commodore",
    "captain",
    "commander",
    "lieutenant",
    "colonel",
    "general",
    "brigadier",
    "sergeant",
];

/// A role ([`role_of`]) that is a rank.
pub(crate) fn is_rank(role: &str) -> bool {
    RANKS.contains(&role)
}

/// A rank or a seat written as the first word of a name ("Commander Nirad Sinha" after "navy
/// spokesman", "Representative Ivo Marsh" after "committee chairman"): the title as written and
/// the name without it.
fn rank_in_name(person: &str) -> Option<(&str, &str)> {
    let (first, rest) = person.split_once(' ')?;
    let role = normalize_title("", first);
    ((is_rank(&role) || SEATS.contains(&role.as_str())) && rest.contains(' '))
        .then_some((first, rest))
}

pub(super) fn clean_person(name: &str) -> Option<String> {
    let raw: Vec<&str> = name.split_whitespace().collect();
    // A possessive ends the name: "George Papandreou's Socialists".
    let upto = raw
        .iter()
        .position(|w| w.ends_with("’s") || w.ends_with("'s"))
        .map_or(raw.len(), |k| k + 1);
    // A post is no name: "Chief Public Relations Officer".
    if raw[..upto]
        .last()
        .is_some_and(|w| OFFICES.contains(&w.trim_end_matches(['.', ','])))
    {
        return None;
    }
    let mut words: Vec<&str> = raw[..upto]
        .iter()
        .map(|w| {
            w.trim_end_matches("’s")
                .trim_end_matches("'s")
                .trim_end_matches(['’', '\'', '.', ','])
        })
        .collect();
    // A middle initial is left out: "James G. Bodiford" is James Bodiford.
    if words.len() > 2 {
        let last = words.len() - 1;
        words = words
            .iter()
            .enumerate()
            .filter(|&(k, w)| k == 0 || k == last || w.chars().count() > 1)
            .map(|(_, w)| *w)
            .collect();
    }
    // "Nick J. Rahall II", "Arcade Joseph Comeaux Jr.": a generation is no part of the name.
    while words.last().is_some_and(|w| {
        NOT_NAMES.contains(w) || w.is_empty() || matches!(*w, "Jr" | "Sr" | "II" | "III" | "IV")
    }) {
        words.pop();
    }
    if words.is_empty() || words.iter().any(|w| NOT_NAMES.contains(w)) {
        return None;
    }
    Some(words.join(" "))
}

/// The full names a sentence gives (two capitalized words in a row, neither a title, month or
/// weekday), as surname → given names: "Police arrested Daniel Mercer" gives Mercer → Daniel.
fn given_names(sentence: &str) -> BTreeMap<&str, BTreeSet<&str>> {
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphabetic() && c != '-' && c != '\'' && c != '’')
        .collect();
    let name_like = |w: &str| {
        w.chars().count() > 1
            && w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().skip(1).any(char::is_lowercase)
            && !NOT_NAMES.contains(&w)
            && crate::dates::month_number(w).is_none()
            && w.parse::<chrono::Weekday>().is_err()
    };
    let mut out: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for pair in words.windows(2) {
        if name_like(pair[0]) && name_like(pair[1]) {
            out.entry(pair[1]).or_default().insert(pair[0]);
        }
    }
    out
}

/// Two sentences that name two people of one surname and no given name in common ("Daniel
/// Mercer", "his brother Tom Mercer"): what each tells happened to one of them.
pub(super) fn other_people(a: &str, b: &str) -> bool {
    let (x, y) = (given_names(a), given_names(b));
    x.iter()
        .any(|(surname, given)| y.get(surname).is_some_and(|other| given.is_disjoint(other)))
}

/// Whether the last word of `person` is in `text` outside the sentence at `span` (or the text
/// is that sentence alone, as a speaker's name read for its title is).
fn named_elsewhere(text: &str, span: Span, person: &str) -> bool {
    let last = person.rsplit(' ').next().unwrap_or(person);
    (span.start == 0 && span.end == text.len())
        || text[..span.start].contains(last)
        || text[span.end..].contains(last)
}

/// Where a one-word name's full name is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Within {
    Document(usize),
    Story(usize),
}

/// Longest line read as a possible headline.
const HEADLINE_BYTES: usize = 300;

/// A word that opens sentences in front of a name without being part of it: "Both Weitz
/// brothers", "Early November", "Later Clinton said".
fn is_opener(w: &str) -> bool {
    crate::text::is_stopword(w)
        || matches!(
            w,
            "both"
                | "early"
                | "late"
                | "later"
                | "earlier"
                | "even"
                | "neither"
                | "either"
                | "only"
                | "also"
                | "then"
                | "now"
                | "today"
                | "yesterday"
                | "meanwhile"
                | "still"
                | "instead"
        )
}

/// The full name a document gives a person mentioned by one name ("Ross" → "Wilbur Ross"): the
/// most frequent capitalized word written right before or after it, in running text (in a Title
/// Case headline, "Obama Reverses Bush", every word has a capital). A word that opens a sentence
/// in front of the name ("Both Weitz brothers", [`is_opener`]) is no part of it.
pub(crate) fn full_name_in(text: &str, one: &str) -> Option<String> {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '-';
    // Whether the line at each line start is a headline, read once per line (a long line is
    // running text: no need to read it).
    let mut headlines: BTreeMap<usize, bool> = BTreeMap::new();
    let mut headline_at = |at: usize| {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        *headlines.entry(start).or_insert_with(|| {
            let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            let line = &text[start..end];
            line.len() <= HEADLINE_BYTES
                && crate::text::capitals_say_nothing(line, &crate::text::tokenize(line))
        })
    };
    let capitalized = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && w.len() > 1
            && cs.all(char::is_lowercase)
            && !NOT_NAMES.contains(&w)
    };
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (at, _) in text.match_indices(one) {
        let end = at + one.len();
        let before = &text[..at];
        let after = &text[end..];
        if before.chars().next_back().is_some_and(is_word_char)
            || after.chars().next().is_some_and(is_word_char)
            || headline_at(at)
        {
            continue;
        }
        if let Some(b) = before.strip_suffix(' ') {
            let start = b
                .char_indices()
                .rev()
                .find(|(_, c)| !is_word_char(*c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let w = &b[start..];
            let lead = b[..start].trim_end_matches([' ', '"', '\u{201c}']);
            // "Sen. Warner": the full stop of an abbreviated title ends no sentence.
            let abbreviated = lead.ends_with('.')
                && lead[..lead.len() - 1]
                    .rsplit(|c: char| !c.is_alphabetic())
                    .next()
                    .is_some_and(|w| {
                        (1..=4).contains(&w.len()) && w.starts_with(char::is_uppercase)
                    });
            let opens = !abbreviated
                && lead
                    .chars()
                    .next_back()
                    .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n'));
            if capitalized(w) && !(opens && is_opener(&w.to_lowercase())) {
                *counts.entry(format!("{w} {one}")).or_default() += 1;
                continue;
            }
        }
        if let Some(a) = after.strip_prefix(' ') {
            let w = &a[..a.find(|c: char| !is_word_char(c)).unwrap_or(a.len())];
            if capitalized(w) {
                *counts.entry(format!("{one} {w}")).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(n, _)| n)
}

/// Posts one person commonly holds at once: a seat in a legislature, and the chair or
/// leadership of a body in it ("Rep. Rahall", "committee chairman Rahall"). Titles of one of
/// these kinds and of the other do not contradict each other.
const SEATS: &[&str] = &[
    "representative",
    "rep.",
    "senator",
    "sen.",
    "congressman",
    "congresswoman",
    "lawmaker",
    "legislator",
    "mp",
    "deputy",
];
const CHAIRS: &[&str] = &[
    "chairman",
    "chairwoman",
    "chairperson",
    "chair",
    "leader",
    "whip",
    "member",
];

/// Posts of a company's board and of its management, which one person often holds together
/// ("chairman and chief executive").
const BOARD: &[&str] = &["chairman", "chairwoman", "chairperson", "chair"];
const MANAGEMENT: &[&str] = &[
    "chief executive",
    "ceo",
    "managing director",
    "chief operating officer",
];

/// Heads of a government, whose deputies often hold a ministry besides.
const HEADS: &[&str] = &["prime minister", "premier", "chancellor"];

/// Kinds of posts one person commonly holds at once: a title of one kind and a title of the
/// other do not contradict each other.
const HELD_TOGETHER: &[(&[&str], &[&str])] = &[(SEATS, CHAIRS), (BOARD, MANAGEMENT)];

/// Two roles ([`role_of`]) one person can hold at the same time: posts of kinds held together
/// ([`HELD_TOGETHER`]); a founder's (what someone did, not a post) beside any; a deputy head
/// of government's ("deputy prime minister") beside a ministry; an acting or interim holder's
/// beside any.
pub(crate) fn roles_compatible(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let together = HELD_TOGETHER.iter().any(|(x, y)| {
        (x.contains(&a.as_str()) && y.contains(&b.as_str()))
            || (y.contains(&a.as_str()) && x.contains(&b.as_str()))
    });
    let founder = |r: &str| matches!(r, "founder" | "co-founder" | "cofounder");
    // One acting in a post, or holding it for now, holds it; a deputy head of government
    // often holds a ministry ("Deputy Prime Minister and Finance Minister"), a deputy of any
    // other post no second one.
    let second = |r: &str, other: &str| {
        r.split_once(' ').is_some_and(|(w, post)| match w {
            "acting" | "interim" => true,
            "deputy" => HEADS.contains(&post) && other.ends_with("minister") && other != post,
            _ => false,
        })
    };
    together || founder(&a) || founder(&b) || second(&a, &b) || second(&b, &a)
}

/// The family name of a person as named: "Lt. Gregg Hastings", "Gregg Hastings" and "Hastings"
/// all give "Hastings" (suffixes such as "Jr." and a possessive are left out).
pub(crate) fn surname(name: &str) -> String {
    name.split_whitespace()
        .map(|w| w.trim_end_matches("'s").trim_end_matches("’s"))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
        .rfind(|w| {
            !w.is_empty()
                && !matches!(
                    w.to_lowercase().as_str(),
                    "jr" | "sr" | "ii" | "iii" | "iv" | "phd" | "md"
                )
        })
        .unwrap_or_default()
        .to_string()
}

/// The given name of a person named with two words or more ("Gregg" in "Lt. Gregg
/// Hastings"): the first capitalized word that is no abbreviated title and not the surname.
pub(crate) fn given_name(name: &str) -> Option<String> {
    let surname = surname(name);
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !w.ends_with('.') && w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if words.len() < 2 {
        return None;
    }
    words
        .iter()
        .find(|w| **w != surname)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
}

/// `word` stands in `text` as a whole word.
pub(crate) fn names_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Title facts (one per titled mention) in the sentence at `span`.
pub(crate) fn extract(text: &str, span: Span) -> Vec<Fact> {
    // Editorial brackets ("[US Commerce Secretary Wilbur] Ross") do not break a name.
    let sentence: String = text[span.start..span.end]
        .chars()
        .map(|c| if matches!(c, '[' | ']') { ' ' } else { c })
        .collect();
    // In a headline in Title Case or capitals (no full stop at its end; a question mark may
    // end one), a capitalized word
    // before a title may be any word ("76ers Fire Coach Jim O'Brien"): no body is read from it.
    // Read only for a sentence with a body before a title (most have none).
    let headline = std::cell::OnceCell::new();
    let is_headline = || {
        *headline.get_or_init(|| {
            !sentence.trim_end().ends_with(['.', '"', '”', '\''])
                && crate::text::capitals_say_nothing(&sentence, &crate::text::tokenize(&sentence))
        })
    };
    let mut out = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for c in APPOSITIVE_RE
        .captures_iter(&sentence)
        .chain(TITLED_RE.captures_iter(&sentence))
    {
        let (Some(m), Some(title), Some(name)) = (c.get(0), c.name("title"), c.name("name")) else {
            continue;
        };
        if taken.iter().any(|&(a, b)| m.start() < b && a < m.end()) {
            continue;
        }
        // "navy spokesman Commander Nirad Sinha": the name begins with a rank, a title of its
        // own.
        let ranked = rank_in_name(name.as_str());
        let Some(person) = clean_person(ranked.map_or(name.as_str(), |(_, rest)| rest)) else {
            continue;
        };
        // In a Title Case headline every word has a capital ("Prime Minister Calls Bank
        // Workers"): the words after a title are a name only if the text names them elsewhere.
        if is_headline() && !named_elsewhere(text, span, &person) {
            continue;
        }
        if let Some((rank, _)) = ranked {
            let at = span.start + name.start();
            let end = span.start + name.end();
            out.push(Fact {
                kind: FactKind::Title,
                start: at,
                end,
                text: text[at..end].to_string(),
                value: format!("{person}: {}", normalize_title("", rank)),
                subject: person.clone(),
                note: format!("title as written: “{rank}”, before the name"),
            });
        }
        let title_words = title_proper(title.as_str());
        // A body named right before the title ("Navy spokesman"): not one set apart from it by
        // the sentence's own words ("said Monday that director"), and no "But" or "The".
        let org = match c.name("org") {
            Some(o) if title_words.len() == title.as_str().len() && !is_headline() => o.as_str(),
            _ => "",
        };
        // "Deputy Prime Minister", "Assistant Treasury Secretary", "acting CEO": a second to
        // the post, kept with it ([`SECONDS`]); "outgoing" is still in office.
        let before = c.name("former").map_or(String::new(), |f| {
            f.as_str().trim().trim_end_matches('-').to_lowercase()
        });
        let mut second = SECONDS.contains(&before.as_str()).then(|| before.clone());
        let org = org
            .split_whitespace()
            .filter(|w| {
                let lower = w.to_lowercase();
                if SECONDS.contains(&lower.as_str()) {
                    second.get_or_insert(lower);
                    return false;
                }
                !crate::text::is_stopword(&lower)
            })
            .collect::<Vec<_>>()
            .join(" ");
        let mut role = normalize_title(&org, title_words);
        if let Some(second) = second {
            role = format!("{second} {role}");
        }
        let former = matches!(before.as_str(), "former" | "ex" | "then");
        if former {
            role = format!("former {role}");
        }
        let full = if person.contains(' ') {
            person.clone()
        } else {
            full_name_in(text, &person).unwrap_or_else(|| person.clone())
        };
        let mut note = format!("title as written: “{}”", title_words.trim());
        if let Some(of) = c.name("of") {
            note.push_str(&format!(" of {}", of.as_str()));
        }
        if full != person {
            note.push_str(&format!("; “{person}” is {full} in this document"));
        }
        let from = if org.is_empty() && c.name("former").is_none() {
            title.start() + (title.as_str().len() - title_words.len())
        } else {
            m.start()
        };
        let matched = &sentence[from..m.end()];
        let start = span.start + from + (matched.len() - matched.trim_start().len());
        let mut end = span.start + m.end();
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        taken.push((m.start(), m.end()));
        out.push(Fact {
            kind: FactKind::Title,
            start,
            end,
            text: text[start..end].to_string(),
            value: format!("{full}: {role}"),
            subject: full,
            note,
        });
    }
    out.sort_by_key(|f| f.start);
    out
}

// Comparison of the sources' facts of this kind.

/// The full names given to titled people anywhere, by their first and by their last word
/// ("Gregg Hastings" under "Gregg" and "Hastings"), each list in name order.
pub(super) struct KnownPeople {
    by_word: BTreeMap<String, Vec<String>>,
}

impl Cx<'_> {
    /// Speakers named as people, linked to one full name across documents; descriptions ("the
    /// president") and pronouns are left out, since they cannot be compared by name.
    pub(super) fn canonical_speakers(&self, members: &[usize]) -> BTreeMap<usize, String> {
        let named = |m: usize| {
            let (raw, doc) = (self.items[m].fact.subject.as_str(), self.items[m].doc);
            let first = raw.chars().next()?;
            (first.is_uppercase() && !matches!(raw, "I" | "He" | "She" | "They" | "We" | "It"))
                .then_some((raw, doc))
        };
        let linked = self.link_people(members.iter().filter_map(|&m| named(m)), |raw| {
            // "Mayor Ana Ruiz": the name is what follows a title.
            let titled = extract(
                raw,
                Span {
                    start: 0,
                    end: raw.len(),
                },
            );
            titled
                .first()
                .map_or_else(|| raw.to_string(), |f| f.subject.clone())
        });
        members
            .iter()
            .filter_map(|&m| Some((m, linked[&named(m)?].clone())))
            .collect()
    }

    /// [`Self::link_person`] of each (name, document) asked, once each and in parallel (a
    /// one-word name is looked up in the texts of its document and story); `name_of` reads the
    /// name out of what is asked.
    fn link_people<'n>(
        &self,
        asked: impl Iterator<Item = (&'n str, usize)>,
        name_of: impl Fn(&str) -> String + Sync,
    ) -> BTreeMap<(&'n str, usize), String> {
        let known = self.known_people();
        let asked: Vec<(&str, usize)> = asked.collect::<BTreeSet<_>>().into_iter().collect();
        let linked = super::par_map(&asked, |&(raw, doc)| {
            self.link_person(&name_of(raw), doc, &known)
        });
        asked.into_iter().zip(linked).collect()
    }

    /// Full names (two words or more) given to titled people anywhere.
    pub(super) fn known_people(&self) -> KnownPeople {
        let names: BTreeSet<String> = self
            .items
            .iter()
            .filter(|it| it.fact.kind == FactKind::Title && it.fact.subject.contains(' '))
            .map(|it| it.fact.subject.clone())
            .collect();
        let mut by_word: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for full in names {
            let ws: Vec<&str> = full.split(' ').collect();
            let (first, last) = (ws[0].to_string(), ws[ws.len() - 1].to_string());
            if first != last {
                by_word.entry(first).or_default().push(full.clone());
            }
            by_word.entry(last).or_default().push(full);
        }
        KnownPeople { by_word }
    }

    /// Links a one-word name to a full name: this document's, then any known, then any
    /// document's.
    pub(super) fn link_person(&self, name: &str, doc: usize, known: &KnownPeople) -> String {
        if name.contains(' ') {
            return name.to_string();
        }
        if let Some(full) = self.full_name(name, Within::Document(doc)) {
            return full;
        }
        if let Some([full]) = known.by_word.get(name).map(Vec::as_slice) {
            return full.clone();
        }
        let story = self.story_of(doc);
        self.full_name(name, Within::Story(story))
            .unwrap_or_else(|| name.to_string())
    }

    /// The full name a one-word name is given in a document, or the one full name the
    /// documents of a story give it, if there is exactly one (a name in another story may be
    /// another person's). Remembered: quotes and titles ask for the same names again and again.
    fn full_name(&self, name: &str, within: Within) -> Option<String> {
        let key = (name.to_string(), within);
        if let Some(known) = self.people.lock().ok().and_then(|p| p.get(&key).cloned()) {
            return known;
        }
        let full = match within {
            Within::Document(d) => self
                .cmp
                .documents
                .get(d)
                .and_then(|d| full_name_in(&d.text, name)),
            Within::Story(story) => {
                let docs = self.stories.get(story).map_or(&[][..], Vec::as_slice);
                let found: BTreeSet<String> =
                    par_map(docs, |&d| full_name_in(&self.cmp.documents[d].text, name))
                        .into_iter()
                        .flatten()
                        .collect();
                if found.len() == 1 {
                    found.into_iter().next()
                } else {
                    None
                }
            }
        };
        if let Ok(mut p) = self.people.lock() {
            p.insert(key, full.clone());
        }
        full
    }

    pub(super) fn titles(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Title);
        let mut by_person: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut notes: BTreeMap<usize, String> = BTreeMap::new();
        let subject = |m: usize| (self.items[m].fact.subject.as_str(), self.items[m].doc);
        let linked = self.link_people(members.iter().map(|&m| subject(m)), str::to_string);
        for &m in &members {
            let it = &self.items[m];
            let person = linked[&subject(m)].clone();
            if person != it.fact.subject {
                notes.insert(
                    m,
                    format!(
                        "“{}” linked to {person} named in another source",
                        it.fact.subject
                    ),
                );
            }
            by_person.entry(person).or_default().push(m);
        }
        let mut out = Vec::new();
        for (person, ms) in by_person {
            let title = |m: usize| -> String {
                let v = &self.items[m].fact.value;
                v.rsplit_once(": ")
                    .map_or(v.clone(), |(_, t)| t.to_string())
            };
            let mut roles: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
            let mut shown: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
            for &m in &ms {
                let t = title(m);
                shown
                    .entry(t.clone())
                    .or_default()
                    .insert(self.items[m].doc);
                if t.starts_with("former ") {
                    continue;
                }
                roles
                    .entry(self.items[m].doc)
                    .or_default()
                    .insert(role_of(&t));
            }
            let docs: BTreeSet<usize> = ms.iter().map(|&m| self.items[m].doc).collect();
            // Two documents give disjoint roles of one kind (ranks, or posts): a person holds
            // one rank at a time beside any post. Each document has one set of each kind, so
            // two different sets come from two documents: compare the sets only.
            let kind_of = |r: &str| is_rank(r);
            let of_kind = |rs: &BTreeSet<String>, rank: bool| -> BTreeSet<String> {
                rs.iter().filter(|r| kind_of(r) == rank).cloned().collect()
            };
            let apart = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
                [false, true].iter().any(|&rank| {
                    let (x, y) = (of_kind(a, rank), of_kind(b, rank));
                    !x.is_empty() && !y.is_empty() && x.is_disjoint(&y)
                })
            };
            let role_sets: BTreeSet<&BTreeSet<String>> = roles.values().collect();
            let disjoint = role_sets
                .iter()
                .any(|r1| role_sets.iter().any(|r2| apart(r1, r2)));
            // People hold several posts at once and over time ("Rep. Rahall", "committee
            // chairman Rahall"; "Senator Obama" in a look back): two titles contradict each other
            // only when two sources give them in passages aligned as one report.
            // Each mention as (group, document, role), once: a person many sources name is
            // weighed per distinct statement, not per pair of mentions.
            let stated: BTreeSet<(&str, usize, String)> = ms
                .iter()
                .filter_map(|&m| {
                    let t = title(m);
                    let group = self.items[m].group?;
                    (!t.starts_with("former ")).then(|| (group, self.items[m].doc, role_of(&t)))
                })
                .collect();
            let conflict = disjoint
                && stated.iter().any(|(gx, dx, rx)| {
                    stated.iter().any(|(gy, dy, ry)| {
                        gx == gy
                            && dx != dy
                            && rx != ry
                            && kind_of(rx) == kind_of(ry)
                            && !roles_compatible(rx, ry)
                            && roles
                                .get(dx)
                                .is_some_and(|a| roles.get(dy).is_some_and(|b| apart(a, b)))
                    })
                });
            let listing = shown
                .iter()
                .map(|(t, ds)| {
                    format!(
                        "{t} ({})",
                        ds.iter()
                            .map(|&d| self.source(d))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })
                .collect::<Vec<_>>();
            let (status, summary) = if conflict {
                // The titles that clash with another — one of the same kind (two ranks, or two
                // posts), not held with it at once, given by another source — are set against
                // each other; the others are what else the sources call the person.
                let clashing = |t: &str| {
                    let (rt, dt) = (role_of(t), &shown[t]);
                    !t.starts_with("former ")
                        && shown.iter().any(|(u, du)| {
                            let ru = role_of(u);
                            !u.starts_with("former ")
                                && ru != rt
                                && kind_of(&ru) == kind_of(&rt)
                                && !roles_compatible(&rt, &ru)
                                && du.iter().any(|d| !dt.contains(d))
                        })
                };
                let pick = |wanted: bool| -> Vec<&str> {
                    shown
                        .keys()
                        .zip(&listing)
                        .filter(|(t, _)| clashing(t) == wanted)
                        .map(|(_, l)| l.as_str())
                        .collect()
                };
                let (against, besides) = (pick(true), pick(false));
                let also = if besides.is_empty() {
                    String::new()
                } else {
                    format!("; also called {}", besides.join(", "))
                };
                (
                    FindingStatus::Conflict,
                    format!("{person}'s title differs: {}{also}", against.join(" vs ")),
                )
            } else if docs.len() >= 2 {
                (
                    FindingStatus::Agree,
                    format!("{person}'s title agrees: {}", listing.join(", ")),
                )
            } else {
                (
                    FindingStatus::SingleSource,
                    format!(
                        "Only {} gives {person}'s title: {}",
                        self.docs_label(&ms),
                        shown.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                )
            };
            let mut ms = ms;
            ms.sort_unstable();
            let reason = match status {
                FindingStatus::Conflict => {
                    "two sources give this person roles one cannot hold at once, in passages \
                     aligned as one report"
                }
                FindingStatus::Agree => "the sources' titles name the same or compatible roles",
                _ => super::ONE_SOURCE,
            };
            let mut f = self
                .finding(FactKind::Title, status, summary, &ms, &notes)
                .about(format!("{person}'s title"), reason);
            // A title holds across the whole document, not one passage.
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

    #[test]
    fn two_given_names_of_one_surname_are_two_people() {
        assert!(other_people(
            "Police arrested Daniel Mercer on June 3.",
            "Police arrested his brother Tom Mercer on June 5."
        ));
        assert!(!other_people(
            "Police arrested Daniel Mercer on June 3.",
            "Police arrested Mercer on June 5."
        ));
        assert!(!other_people(
            "Police arrested Daniel Mercer and Tom Mercer on June 3.",
            "Police arrested Tom Mercer on June 5."
        ));
        // A title, a month or a weekday is no given name.
        assert!(!other_people(
            "Mr Mercer was arrested on Monday.",
            "Daniel Mercer was arrested on Tuesday."
        ));
    }

    #[test]
    fn forms_of_one_name_share_a_surname() {
        assert!(roles_compatible(
            &role_of("committee chairman"),
            &role_of("representative")
        ));
        assert!(!roles_compatible(
            &role_of("premier"),
            &role_of("president")
        ));
        assert_eq!(surname("Lt. Gregg Hastings"), "Hastings");
        assert_eq!(surname("Hastings"), "Hastings");
        assert_eq!(surname("Martin Luther King Jr."), "King");
        assert_ne!(surname("Craig Zadan"), surname("Neil Meron"));
        assert_eq!(given_name("Lt. Gregg Hastings").as_deref(), Some("Gregg"));
        assert_eq!(given_name("Hastings"), None);
        assert_ne!(given_name("Barack Obama"), given_name("Michelle Obama"));
        assert!(names_word("Zadan and Meron said", "Meron"));
        assert!(!names_word("Meronson said", "Meron"));
    }

    fn titles(s: &str) -> Vec<String> {
        extract(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
        )
        .into_iter()
        .map(|f| f.value)
        .collect()
    }

    #[test]
    fn a_name_is_read_without_its_initials_generation_and_what_follows_a_possessive() {
        assert_eq!(
            titles("Superior Court Judge James G. Bodiford sentenced him."),
            vec!["James Bodiford: court judge"]
        );
        assert_eq!(
            titles("Rep. Nick J. Rahall II criticized the rule."),
            vec!["Nick Rahall: representative"]
        );
        assert_eq!(
            titles("Prime Minister George Papandreou's Socialists won the vote."),
            vec!["George Papandreou: prime minister"]
        );
        assert_eq!(
            titles("General Manager Billy King said the search had begun."),
            vec!["Billy King: general manager"]
        );
        // A post after a title is no person.
        assert!(
            titles("said Captain Manohar Nambiar, Chief Public Relations Officer, Defence.")
                .iter()
                .all(|t| !t.starts_with("Public Relations")),
        );
    }

    #[test]
    fn a_body_named_by_two_words_is_named_whole() {
        assert_eq!(
            titles("European Union President Herman Van Rompuy spoke."),
            vec!["Herman Van Rompuy: european union president"]
        );
        assert_eq!(
            titles("US Commerce Secretary Wilbur Ross spoke."),
            vec!["Wilbur Ross: commerce secretary"]
        );
        assert_eq!(
            titles("Chinese President Xi Jinping spoke."),
            vec!["Xi Jinping: president"]
        );
    }

    #[test]
    fn a_headline_names_a_titled_person_only_if_the_text_does() {
        // The titles the first line of `text` gives.
        let headline_titles = |text: &str| -> Vec<String> {
            let headline = Span {
                start: 0,
                end: text.find('\n').expect("a headline line"),
            };
            extract(text, headline)
                .into_iter()
                .map(|f| f.value)
                .collect()
        };
        let found = headline_titles(
            "Greek Prime Minister Calls Bank Workers' Deaths Murder\n\n\
             Prime Minister George Papandreou spoke in parliament.",
        );
        assert!(found.is_empty(), "{found:?}");
        let found = headline_titles(
            "Director Gary Ross Returns To Hunger Games\n\nGary Ross will direct again.",
        );
        // Not "Gary Ross Returns": the text never writes "Returns" as a name.
        assert!(found.iter().all(|v| !v.contains("Returns")), "{found:?}");
    }

    #[test]
    fn words_of_the_sentence_are_no_part_of_a_title_or_name() {
        // "de" in "declined" is no particle of a name.
        assert_eq!(
            titles("Lieutenant Okafor declined to comment."),
            vec!["Okafor: lieutenant"]
        );
        assert_eq!(
            titles("Officials said Monday that director Ana Ruiz would stay."),
            vec!["Ana Ruiz: director"]
        );
        assert_eq!(
            titles("The studio is saying that director Mara Lund will return."),
            vec!["Mara Lund: director"]
        );
        assert_eq!(
            titles("But Professor Yanis Varoufakis disagreed."),
            vec!["Yanis Varoufakis: professor"]
        );
        assert_eq!(
            titles("He met managing director Ana Ruiz."),
            vec!["Ana Ruiz: managing director"]
        );
        assert_eq!(
            titles("They heard acting director Andrew McCabe."),
            vec!["Andrew McCabe: acting director"]
        );
        // A seat written before the name is a title of its own, not part of the name.
        assert_eq!(
            titles("Committee chairman Representative Ivo Marsh spoke."),
            vec!["Ivo Marsh: committee chairman", "Ivo Marsh: representative"]
        );
    }

    #[test]
    fn a_full_name_is_read_in_running_text_only() {
        let text = "Halvorsen Reverses Dane on Fishing Rule\nPresident Ines Halvorsen on Tuesday \
                    restored the rule. Halvorsen said it mattered.";
        assert_eq!(
            full_name_in(text, "Halvorsen").as_deref(),
            Some("Ines Halvorsen")
        );
        let text = "Both Lund brothers wrote it. Both Lund and his brother were praised, \
                    and both films did well.";
        assert_eq!(full_name_in(text, "Lund"), None);
        let text = "Mara Lund will direct. Lund said yes.";
        assert_eq!(full_name_in(text, "Lund").as_deref(), Some("Mara Lund"));
        // A name that is also a common word, at a sentence's start, is still a name; the full
        // stop of "Sen." ends no sentence.
        let text = "Bill Clinton signed the bill. Bill Clinton then left. His wife, Hillary \
                    Clinton, stayed. Later Clinton said more.";
        assert_eq!(
            full_name_in(text, "Clinton").as_deref(),
            Some("Bill Clinton")
        );
        let text = "Sen. Mark Warner spoke. It left a mark. Sen. Mark Warner said more. His \
                    predecessor, John Warner, did not.";
        assert_eq!(full_name_in(text, "Warner").as_deref(), Some("Mark Warner"));
    }

    #[test]
    fn a_headline_in_title_case_names_no_body_before_a_title() {
        // "Fire" is the headline's verb, not the coach's club.
        assert_eq!(
            titles("Philadelphia 76ers Fire Coach Jim O'Brien"),
            vec!["Jim O'Brien: coach"]
        );
        assert_eq!(
            titles("Will The 76ers Fire Coach Jim O'Brien?"),
            vec!["Jim O'Brien: coach"]
        );
        // In a running sentence the body before a title is read.
        assert_eq!(
            titles("The team said Navy Coach Jim Hale would stay."),
            vec!["Jim Hale: navy coach"]
        );
    }

    #[test]
    fn titles_before_names_and_after() {
        assert_eq!(
            titles("Brazilian President Lula da Silva met Finance Minister Ana Costa."),
            vec!["Lula da Silva: president", "Ana Costa: finance minister"]
        );
        assert_eq!(
            titles(
                "The deal was signed by US Secretary of Energy Maria Lopez and Energy Secretary Lopez."
            ),
            vec![
                "Maria Lopez: energy secretary",
                "Maria Lopez: energy secretary"
            ]
        );
        assert_eq!(
            titles("Prime Minister Okafor of Nigeria spoke to Tom Reed, CEO of Reedco."),
            vec!["Okafor: prime minister", "Tom Reed: chief executive"]
        );
        assert_eq!(
            titles("former national security adviser Paul Grant wrote a book"),
            vec!["Paul Grant: former national security adviser"]
        );
        // A second to a post is kept with it; one acting in it or outgoing holds it now.
        assert_eq!(
            titles("Deputy Prime Minister Irena Holm met Assistant Treasury Secretary Ann Ruiz."),
            vec![
                "Irena Holm: deputy prime minister",
                "Ann Ruiz: assistant treasury secretary"
            ]
        );
        assert_eq!(
            titles("Acting CEO Dan Fowler thanked Outgoing Governor Ann Ruiz."),
            vec!["Dan Fowler: acting chief executive", "Ann Ruiz: governor"]
        );
    }

    #[test]
    fn ranks_before_names() {
        assert_eq!(
            titles("navy spokesman Commander Nirad Sinha said the crew was safe."),
            vec!["Nirad Sinha: navy spokesman", "Nirad Sinha: commander"]
        );
        assert_eq!(
            titles("Commodore Ana Ruiz and State Lieutenant Governor Kathy Hochul spoke."),
            vec!["Ana Ruiz: commodore", "Kathy Hochul: lieutenant governor"]
        );
        // An abbreviated rank is no one's name.
        assert!(
            !titles("navy spokesman Cmdr. Nirad Sinha said so.")
                .iter()
                .any(|t| t.starts_with("Cmdr")),
            "{:?}",
            titles("navy spokesman Cmdr. Nirad Sinha said so.")
        );
    }

    #[test]
    fn roles_decide_conflicts() {
        assert_eq!(role_of("commerce secretary"), "secretary");
        assert_eq!(role_of("vice president"), "vice president");
        assert_eq!(role_of("deputy prime minister"), "deputy prime minister");
        assert_eq!(
            role_of("assistant treasury secretary"),
            "assistant secretary"
        );
        let compatible = |a: &str, b: &str| roles_compatible(&role_of(a), &role_of(b));
        // Held together: a board's chair and the company's chief; a founder and any post; a
        // deputy prime minister and a ministry, but not the premiership.
        assert!(compatible("chairwoman", "chief executive"));
        assert!(compatible("founder", "chief executive"));
        assert!(compatible("deputy prime minister", "finance minister"));
        assert!(!compatible("deputy prime minister", "prime minister"));
        assert!(!compatible(
            "assistant treasury secretary",
            "treasury secretary"
        ));
        assert!(!compatible("finance minister", "prime minister"));
        assert!(!compatible("premier", "president"));
        assert!(compatible("acting prime minister", "prime minister"));
        assert!(!compatible("deputy prime minister", "president"));
        assert!(!compatible("deputy defence minister", "prime minister"));
        assert!(!compatible("deputy governor", "finance minister"));
        assert_eq!(
            normalize_title("", "Chief Executive Officer"),
            "chief executive"
        );
    }
}
