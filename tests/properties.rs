//! Properties that must hold for any input, checked over generated article texts (realistic-ish
//! multi-sentence news text with numbers, dates, quotes in every style, non-ASCII scripts, odd
//! whitespace and line ends) and over fully arbitrary strings and bytes:
//!
//! - every byte span in a `Comparison` lies inside its document's text, on char boundaries, and
//!   (where the span repeats its words) cites exactly those words;
//! - a passage belongs to at most one group, and groups and passages agree on membership;
//! - comparing A, B gives the same groups and findings as comparing B, A (up to document order);
//! - comparing is deterministic: the same inputs give byte-identical JSON;
//! - loading, segmenting, extracting facts, comparing and rendering never panic.
//!
//! Failing cases are kept in `tests/properties.proptest-regressions` and replayed first on every
//! run; bugs found by the fuzzers (see `docs/fuzzing.md`) have plain regression tests at the end.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use crosscheck::model::{Comparison, DatelineOrigin, DiffTag, FactKind, FindingStatus, Span};
use crosscheck::report::{self, Format};
use crosscheck::{Options, compare_texts, facts, load, segment};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "in",
    "on",
    "to",
    "and",
    "said",
    "told",
    "reporters",
    "police",
    "officials",
    "fire",
    "bridge",
    "harbor",
    "council",
    "vote",
    "earthquake",
    "people",
    "were",
    "killed",
    "injured",
    "at",
    "least",
    "more",
    "than",
    "about",
    "according",
    "statement",
    "after",
    "before",
    "Sunday",
    "Monday",
    "Friday",
    "yesterday",
    "last",
    "week",
    "year",
    "million",
    "percent",
    "company",
    "workers",
    "employees",
    "president",
    "minister",
    "Mr.",
    "Dr.",
    "U.S.",
    "a.m.",
    "Jan.",
    "city",
    "mayor",
    "announced",
    "closed",
    "reopened",
    "arrested",
    "court",
    "trial",
    "don't",
    "70,000",
    "1.2",
    "five",
    "twelve",
    "dozens",
    "hundreds",
    "it",
    "was",
    "is",
    "has",
    "will",
    "not",
    "new",
    "old",
    "—",
    "-",
    ",",
    ";",
    ":",
    "(",
    ")",
    "&",
    "<b>",
    "#",
    "*",
    "_",
    "[link](http://x)",
    "<",
    ">",
];

const NAMES: &[&str] = &[
    "Maria Lopez",
    "President Xi Jinping",
    "Donald Trump",
    "Chief Inspector Ana Ruiz",
    "Mayor Tom Baker",
    "Ali Hassan",
    "Zoë Brontë",
    "José Álvarez",
    "Reuters",
    "AP",
    "May",
    "US",
];

const NUMBERS: &[&str] = &[
    "14",
    "11",
    "3",
    "0",
    "1,200",
    "3.5 million",
    "70%",
    "12 percent",
    "$5",
    "€40",
    "$2.3 billion",
    "more than 100",
    "nearly 40",
    "at least 14 people",
    "7.1 magnitude",
    "30 km",
    "9 a.m.",
    "1999",
    "2018",
    "99999999999999999999999",
    "-4",
    "½",
    "١٢٣",
];

const DATES: &[&str] = &[
    "May 13",
    "May 14, 2018",
    "on Sunday",
    "last Friday",
    "2018-05-14",
    "14 May 2018",
    "Jan. 3",
    "February 29",
    "February 30, 2021",
    "Saturday, Apr 20, 2024",
    "in 2019",
    "on Tuesday night",
    "next Monday",
    "yesterday",
    "0000-00-00",
    "9999-12-31",
];

const FOREIGN: &[&str] = &[
    "café",
    "naïve",
    "Zürich",
    "北京",
    "東京で地震",
    "😀",
    "👍🏽",
    "🇺🇸",
    "مرحبا",
    "القاهرة",
    "שלום",
    "Привет",
    "e\u{301}",
    "\u{200d}",
    "\u{fe0f}",
    "ﬁre",
    "İstanbul",
    "ß",
    "\u{feff}",
    "\u{fffd}",
];

const SPACES: &[&str] = &[
    " ", " ", " ", " ", "  ", "\t", "\u{a0}", "\u{2009}", "\u{3000}", "\n", "\r\n", "\r",
];

const ENDS: &[&str] = &[
    ".", ".", ".", "!", "?", "…", ".”", ".\"", "?’", "", " …", ".)", "...",
];

const BREAKS: &[&str] = &[
    " ", " ", "\n", "\n\n", "\r\n\r\n", "\r\r", "\n \n", "\u{2028}", "\u{2029}", "\n\n\n\n",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(list).prop_map(str::to_string)
}

/// One piece of a sentence: mostly words, sometimes a name, figure, date or foreign word.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => pick(WORDS),
        3 => pick(NAMES),
        3 => pick(NUMBERS),
        2 => pick(DATES),
        2 => pick(FOREIGN),
        1 => "[a-zA-Z]{1,12}",
    ]
}

/// Words joined by (mostly plain) whitespace.
fn phrase(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec((token(), pick(SPACES)), 1..max).prop_map(|ws| {
        let mut s = String::new();
        for (i, (w, sp)) in ws.iter().enumerate() {
            if i > 0 {
                s.push_str(sp);
            }
            s.push_str(w);
        }
        s
    })
}

/// A quotation in one of the styles articles use, sometimes left open or cut with "…".
fn quote() -> impl Strategy<Value = String> {
    (phrase(10), 0..8usize, pick(NAMES)).prop_map(|(words, style, who)| match style {
        0 => format!("“{words},” {who} said"),
        1 => format!("\"{words}\" said {who}"),
        2 => format!("{who} said: ‘{words}’"),
        3 => format!("'{words}', {who} told reporters"),
        4 => format!("“{words} … {words}”"),
        5 => format!("“{words}"),
        6 => format!("{words}”"),
        _ => format!("«{words}», said {who}"),
    })
}

/// A sentence: a phrase or a quote, capitalized more or less, with a final mark.
fn sentence() -> impl Strategy<Value = String> {
    (
        prop_oneof![4 => phrase(18), 1 => quote()],
        pick(ENDS),
        any::<bool>(),
    )
        .prop_map(|(body, end, cap)| {
            let mut s = String::new();
            let mut chars = body.chars();
            match chars.next() {
                Some(c) if cap => {
                    s.extend(c.to_uppercase());
                    s.push_str(chars.as_str());
                }
                _ => s.push_str(&body),
            }
            s.push_str(&end);
            s
        })
}

/// A news article: maybe a headline and a dateline, then sentences in paragraphs.
fn article() -> impl Strategy<Value = String> {
    (
        proptest::option::of(phrase(8)),
        proptest::option::of(pick(DATES)),
        proptest::collection::vec((sentence(), pick(BREAKS)), 1..9),
        proptest::option::of(pick(BREAKS)),
    )
        .prop_map(|(head, date, body, tail)| {
            let mut s = String::new();
            if let Some(h) = head {
                s.push_str(&h);
                s.push('\n');
            }
            if let Some(d) = date {
                s.push_str(&d);
                s.push_str("\n\n");
            }
            for (sent, brk) in body {
                s.push_str(&sent);
                s.push_str(&brk);
            }
            if let Some(t) = tail {
                s.push_str(&t);
            }
            s
        })
}

/// The same article as the file kinds the loader reads: plain, Markdown, or a small HTML page.
fn as_file(text: &str, kind: u8) -> (&'static str, String) {
    match kind % 3 {
        0 => ("a.txt", text.to_string()),
        1 => ("a.md", format!("# {text}")),
        _ => {
            let paras: String = text
                .split("\n\n")
                .map(|p| format!("<p>{p}</p>\n"))
                .collect();
            (
                "a.html",
                format!(
                    "<html><head><title>T</title></head><body><article>{paras}</article></body></html>"
                ),
            )
        }
    }
}

/// A second article that retells (parts of) the first, so that groups and findings form.
fn retelling() -> impl Strategy<Value = (String, String)> {
    (
        proptest::collection::vec(sentence(), 1..7),
        proptest::collection::vec((0..4u8, sentence(), pick(BREAKS)), 1..7),
    )
        .prop_map(|(shared, edits)| {
            let mut a = String::new();
            let mut b = String::new();
            for (i, s) in shared.iter().enumerate() {
                a.push_str(s);
                a.push_str("\n\n");
                let (how, other, brk) = &edits[i % edits.len()];
                match how {
                    // Told the same.
                    0 => b.push_str(s),
                    // Told with different words at the end.
                    1 => {
                        let cut = s
                            .char_indices()
                            .map(|(i, _)| i)
                            .nth(s.chars().count() * 2 / 3)
                            .unwrap_or(s.len());
                        b.push_str(&s[..cut]);
                        b.push(' ');
                        b.push_str(other);
                    }
                    // Not told; something else instead.
                    2 => b.push_str(other),
                    // Told, then something more.
                    _ => {
                        b.push_str(s);
                        b.push(' ');
                        b.push_str(other);
                    }
                }
                b.push_str(brk);
            }
            (a, b)
        })
}

/// Either a generated article or any string at all.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => article(),
        1 => any::<String>(),
        1 => proptest::collection::vec(any::<u8>(), 0..200)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

/// `start..end` is a span of `text` on char boundaries.
fn span_ok(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Every span of the comparison, and the membership of passages in groups. Returns the first
/// violation found.
fn check_spans_and_groups(cmp: &Comparison) -> Result<(), String> {
    for doc in &cmp.documents {
        let text = doc.text.as_str();
        if let Some(src) = &doc.dateline_source {
            match (src.origin.clone(), src.start, src.end) {
                (DatelineOrigin::Text, Some(s), Some(e)) => {
                    if !span_ok(text, s, e) || text[s..e] != src.text {
                        return Err(format!("{}: dateline span {s}..{e} {:?}", doc.id, src.text));
                    }
                }
                (DatelineOrigin::Text, _, _) => {
                    return Err(format!("{}: dateline from text without a span", doc.id));
                }
                (_, None, None) => {}
                (o, s, e) => {
                    return Err(format!(
                        "{}: {o:?} dateline with a span {s:?}..{e:?}",
                        doc.id
                    ));
                }
            }
        }
        let mut last_end = 0;
        for p in &doc.passages {
            if !span_ok(text, p.start, p.end) || text[p.start..p.end] != p.text {
                return Err(format!("{}: passage span {}..{}", p.id, p.start, p.end));
            }
            if p.start < last_end {
                return Err(format!("{}: passage overlaps the one before", p.id));
            }
            last_end = p.end;
            for s in &p.sentences {
                if !span_ok(text, s.start, s.end) || s.start < p.start || s.end > p.end {
                    return Err(format!("{}: sentence {}..{}", p.id, s.start, s.end));
                }
            }
            for f in &p.facts {
                if !span_ok(text, f.start, f.end) || text[f.start..f.end] != f.text {
                    return Err(format!(
                        "{}: fact {}..{} {:?}",
                        p.id, f.start, f.end, f.text
                    ));
                }
            }
            if let Some(g) = &p.group {
                match cmp.group(g) {
                    Some(group) if group.passages.contains(&p.id) => {}
                    _ => return Err(format!("{}: says group {g}, which does not list it", p.id)),
                }
            }
        }
    }
    let mut owner: BTreeMap<&str, &str> = BTreeMap::new();
    for g in &cmp.groups {
        if g.document_count() < 2 {
            return Err(format!("{}: fewer than two documents", g.id));
        }
        if !g.passages.contains(&g.reference) {
            return Err(format!("{}: reference {} not a member", g.id, g.reference));
        }
        // A document tells a group's happening in one place, or in two (told again further
        // on), in text order.
        let mut places: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for id in &g.passages {
            let Some((d, p)) = cmp.passage(id) else {
                return Err(format!("{}: unknown passage {id}", g.id));
            };
            let at = places.entry(d).or_default();
            let index = crosscheck::model::parse_passage_id(id).map_or(0, |x| x.1);
            if at.len() >= 2 || at.last().is_some_and(|&last| last >= index) {
                return Err(format!("{}: passages of document {d} out of place", g.id));
            }
            at.push(index);
            if p.group.as_deref() != Some(g.id.as_str()) {
                return Err(format!("{}: member {id} says group {:?}", g.id, p.group));
            }
            if p.boilerplate {
                return Err(format!("{}: boilerplate passage {id} aligned", g.id));
            }
            if let Some(other) = owner.insert(id, &g.id) {
                return Err(format!("{id}: in groups {other} and {}", g.id));
            }
        }
        if g.diffs.len() != g.passages.len() - 1 {
            return Err(format!("{}: {} diffs", g.id, g.diffs.len()));
        }
        for d in &g.diffs {
            let Some((_, p)) = cmp.passage(&d.passage) else {
                return Err(format!("{}: diff of unknown passage {}", g.id, d.passage));
            };
            if d.passage == g.reference || !g.passages.contains(&d.passage) {
                return Err(format!("{}: diff of {}", g.id, d.passage));
            }
            // Equal and inserted runs are the passage's own words, in order.
            let rebuilt: String = d
                .ops
                .iter()
                .filter(|o| o.op != DiffTag::Delete)
                .map(|o| o.text.as_str())
                .collect();
            if !p.text.trim().starts_with(rebuilt.trim())
                || !p.text.trim_end().ends_with(rebuilt.trim_end())
            {
                return Err(format!(
                    "{}: diff of {} rebuilds {rebuilt:?}, not {:?}",
                    g.id, d.passage, p.text
                ));
            }
        }
    }
    for f in &cmp.findings {
        if f.mentions.is_empty() {
            return Err(format!("{}: no mentions", f.id));
        }
        for m in &f.mentions {
            let Some(doc) = cmp.documents.iter().find(|d| d.id == m.document) else {
                return Err(format!(
                    "{}: mention of unknown document {}",
                    f.id, m.document
                ));
            };
            if !span_ok(&doc.text, m.start, m.end) || doc.text[m.start..m.end] != m.text {
                return Err(format!(
                    "{}: mention {}..{} {:?}",
                    f.id, m.start, m.end, m.text
                ));
            }
        }
        if let Some(g) = &f.group
            && cmp.group(g).is_none()
        {
            return Err(format!("{}: unknown group {g}", f.id));
        }
    }
    Ok(())
}

/// What a comparison says, without the order of its documents: each group as the set of
/// (document text, passage text) it holds, each finding as its kind, status and the set of
/// (document text, mention text, value) it cites.
type Canon = (
    BTreeSet<BTreeSet<(String, String)>>,
    BTreeSet<(String, String, BTreeSet<(String, String, String)>)>,
);

fn canonical(cmp: &Comparison) -> Canon {
    let doc_text = |id: &str| {
        cmp.documents
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.text.clone())
            .unwrap_or_default()
    };
    let groups = cmp
        .groups
        .iter()
        .map(|g| {
            g.passages
                .iter()
                .filter_map(|id| cmp.passage(id))
                .map(|(d, p)| (cmp.documents[d].text.clone(), p.text.clone()))
                .collect()
        })
        .collect();
    let findings = cmp
        .findings
        .iter()
        .map(|f| {
            (
                format!("{:?}", f.kind),
                format!("{:?}", f.status),
                f.mentions
                    .iter()
                    .map(|m| (doc_text(&m.document), m.text.clone(), m.value.clone()))
                    .collect(),
            )
        })
        .collect();
    (groups, findings)
}

fn opts() -> Options {
    Options {
        // Generous, so that no diff is cut short by a slow debug build on a busy machine: an
        // approximate diff is allowed to differ between runs.
        diff_timeout: std::time::Duration::from_secs(30),
        ..Options::default()
    }
}

/// Cases per property: `n`, or `PROPTEST_CASES` for a longer run
/// (`PROPTEST_CASES=2000 cargo test --release --test properties`).
fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n)
}

fn json(cmp: &Comparison) -> String {
    report::json(cmp).unwrap_or_else(|e| panic!("cannot encode the comparison: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    /// Spans and group membership are sound whatever the texts, the file kinds and the number of
    /// documents.
    #[test]
    fn spans_lie_in_their_documents(
        texts in proptest::collection::vec((any_text(), 0..3u8), 1..4),
    ) {
        let files: Vec<(String, String)> = texts
            .iter()
            .enumerate()
            .map(|(i, (t, k))| {
                let (name, body) = as_file(t, *k);
                (format!("{i}{name}"), body)
            })
            .collect();
        let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
        let cmp = compare_texts(&refs, &opts());
        if let Err(e) = check_spans_and_groups(&cmp) {
            prop_assert!(false, "{e}\n{}", json(&cmp));
        }
    }

    /// Two retellings of one story: they form groups and findings, and all of it is sound.
    #[test]
    fn retellings_align_soundly((a, b) in retelling()) {
        let cmp = compare_texts(&[("a.txt", &a), ("b.txt", &b)], &opts());
        if let Err(e) = check_spans_and_groups(&cmp) {
            prop_assert!(false, "{e}\n{}", json(&cmp));
        }
    }

    /// The order in which two articles are given changes nothing but the order of documents.
    #[test]
    fn order_of_documents_does_not_matter((a, b) in retelling()) {
        let ab = compare_texts(&[("a.txt", &a), ("b.txt", &b)], &opts());
        let ba = compare_texts(&[("b.txt", &b), ("a.txt", &a)], &opts());
        let (ca, cb) = (canonical(&ab), canonical(&ba));
        prop_assert_eq!(&ca.0, &cb.0, "groups differ");
        prop_assert_eq!(&ca.1, &cb.1, "findings differ");
    }

    /// The same inputs give the same JSON, byte for byte.
    #[test]
    fn compare_is_deterministic((a, b) in retelling(), c in article()) {
        let inputs = [("a.txt", a.as_str()), ("b.txt", b.as_str()), ("c.md", c.as_str())];
        let first = json(&compare_texts(&inputs, &opts()));
        let second = json(&compare_texts(&inputs, &opts()));
        prop_assert!(first == second, "two runs differ:\n{first}\n---\n{second}");
    }

    /// Any bytes, read as any kind of file, load or are refused with a reason; what loads segments
    /// into sound spans, and facts anywhere in it cite their words.
    #[test]
    fn load_segment_and_facts_never_panic(
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..300),
            any::<String>().prop_map(String::into_bytes),
            article().prop_map(String::into_bytes),
        ],
        kind in 0..3u8,
        cut in any::<proptest::sample::Index>(),
        day in 0..20000u32,
    ) {
        let name = ["x.txt", "x.md", "x.html"][usize::from(kind)];
        let Ok(loaded) = load::load_bytes(name, &bytes) else { return Ok(()); };
        let text = loaded.text.as_str();
        prop_assert!(!text.contains('\r'), "CR left in {text:?}");
        let seg = segment::segment(text);
        let mut spans: Vec<Span> = seg.paragraphs.clone();
        spans.extend(seg.sentences.iter().map(|s| s.span));
        for s in &spans {
            prop_assert!(span_ok(text, s.start, s.end), "span {s:?} of {text:?}");
        }
        let dateline = NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(day))));
        // Each sentence, and one arbitrary (char-aligned) stretch of the text.
        let start = load::floor_char_boundary(text, cut.index(text.len() + 1));
        let mut sentences: Vec<Span> = seg.sentences.iter().map(|s| s.span).collect();
        sentences.push(Span { start, end: text.len() });
        for s in sentences {
            for f in facts::extract(text, s, dateline) {
                prop_assert!(
                    span_ok(text, f.start, f.end) && text[f.start..f.end] == f.text,
                    "fact {f:?} of {text:?}"
                );
            }
        }
    }

    /// Arbitrary strings through the whole compare and every report format.
    #[test]
    fn compare_and_reports_never_panic(
        a in any::<String>(),
        b in any_text(),
        kinds in (0..3u8, 0..3u8),
    ) {
        let (na, ta) = as_file(&a, kinds.0);
        let (nb, tb) = as_file(&b, kinds.1);
        let nb = format!("b{nb}");
        let cmp = compare_texts(&[(na, &ta), (&nb, &tb), ("c.txt", &a)], &opts());
        if let Err(e) = check_spans_and_groups(&cmp) {
            prop_assert!(false, "{e}\n{}", json(&cmp));
        }
        for f in [Format::Json, Format::Markdown, Format::Html] {
            let out = report::render(&cmp, f);
            prop_assert!(out.is_ok(), "{f:?}: {:?}", out.err());
        }
        let back = report::read_json(&json(&cmp));
        prop_assert!(back.as_ref().is_ok_and(|c| *c == cmp), "JSON round trip: {:?}", back.err());
    }
}

// ---------------------------------------------------------------------------------------------
// Regressions (inputs found by the fuzzers or by the properties above)
// ---------------------------------------------------------------------------------------------

/// Found by the properties: an amount in a currency followed by "(" at the end of a sentence
/// read a number one token past the end ("index out of bounds: the len is 4 but the index is 4").
#[test]
fn money_before_an_open_bracket_at_the_end_of_a_sentence() {
    let text = "$5 (";
    let facts = facts::extract(
        text,
        Span {
            start: 0,
            end: text.len(),
        },
        None,
    );
    assert_eq!(
        facts.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(),
        ["$5"]
    );
    let cmp = compare_texts(
        &[
            ("a.txt", "the $5 (\nZürich.\n\n"),
            ("b.txt", "the $5 (\nZürich. "),
        ],
        &opts(),
    );
    assert_eq!(cmp.documents.len(), 2);
    assert!(check_spans_and_groups(&cmp).is_ok());
}

/// Found by the properties (1,500 cases): three equally long quotes linked by a shared run of
/// words — one given by both documents, one by B alone — took as their reference whichever came
/// first, so the order of the documents decided between "agree" (the shared quote read against
/// itself) and "conflict" (read against B's other quote). The reference among equally full
/// versions is now the one most documents give, then the first in word order.
#[test]
fn equally_long_quotes_do_not_depend_on_the_order_of_documents() {
    let a = "the.\n\nthe.\n\n“on Sunday at least 14 people yesterday Chief Inspector Ana Ruiz the \
             the the,” Maria Lopez said.\n\n";
    let b = "th “Reuters at least 14 people Maria Lopez … Reuters at least 14 people Maria \
             Lopez”. the. “on Sunday at least 14 people yesterday Chief Inspector Ana Ruiz the \
             the the,” Maria Lopez said. ";
    let ab = compare_texts(&[("a.txt", a), ("b.txt", b)], &opts());
    let ba = compare_texts(&[("b.txt", b), ("a.txt", a)], &opts());
    assert_eq!(canonical(&ab).1, canonical(&ba).1, "findings differ");
    for cmp in [&ab, &ba] {
        let shared = cmp.findings.iter().find(|f| {
            f.kind == FactKind::Quote
                && f.status == FindingStatus::Agree
                && f.mentions.len() == 2
                && f.mentions.iter().all(|m| m.text.contains("on Sunday"))
        });
        assert!(
            shared.is_some_and(|f| f.mentions[0].document != f.mentions[1].document),
            "the quote both give should agree: {:#?}",
            cmp.findings
        );
    }
}
