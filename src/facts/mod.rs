//! Facts: the checkable claims of each sentence — dates, figures, quotes and people's titles —
//! extracted, normalized, and compared across sources into findings (agree, conflict, single
//! source, unresolved), each citing its evidence: document, byte span, the words as written, the
//! normalized value and how it was derived.
//!
//! Extraction ([`extract`]) works per sentence, with the whole document text at hand so that a
//! quote can run past the sentence's end and a date can take its year from a nearby date.
//! Comparison ([`compare`]) matches facts of the same kind about the same thing: inside aligned
//! groups first, and across whole documents by subject (the counted noun, the quote's words, the
//! person's name, the event words around a date), so that it does not depend on alignment alone.
//! Facts a rule cannot tell apart (republished copy states the same fact in the same passage
//! hundreds of times) are weighed once per pair of classes (the `classes` module), with the words
//! of passages as integer ids, so that hundreds of articles stay fast; the findings are those of
//! comparing every pair.

mod classes;
mod people;
mod quantity;
mod quote;
mod when;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::model::{Comparison, Fact, FactKind, Finding, FindingStatus, Mention, Span};
use crate::text::terms;

use classes::{Classes, Links};
use quantity::Amount;
use quote::Relation;

/// Most words of a source's title a finding names it by.
const SOURCE_WORDS: usize = 5;

/// Thresholds of fact comparison, in one place. Chosen on general grounds (what a careful reader
/// would call one utterance, one figure) and checked on the development set; not fitted to any
/// text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tuning {
    /// Share of a quote version's words, in order, that the reference must have for the two to
    /// be one utterance (below it they are different statements that share a phrase).
    pub quote_overlap: f64,
    /// Share of words (as for `quote_overlap`) at which versions given to two different
    /// speakers are still one quote (misattributed) rather than two people's statements.
    pub quote_verbatim: f64,
    /// Fewest words for a quote to be compared for its attribution: shorter ones are phrases
    /// many people say.
    pub attribution_words: usize,
    /// Jaccard similarity of two passages for their dates to agree when they are not aligned.
    pub date_similarity: f32,
}

/// The thresholds in force.
pub(crate) const TUNING: Tuning = Tuning {
    quote_overlap: 0.6,
    quote_verbatim: 0.9,
    attribution_words: 4,
    date_similarity: 0.5,
};

/// Facts stated in the sentence at `sentence` (a byte span of `text`, the whole document), with
/// dates resolved against `dateline`. Sorted by position; spans are byte offsets into `text`.
pub fn extract(text: &str, sentence: Span, dateline: Option<NaiveDate>) -> Vec<Fact> {
    if sentence.start > sentence.end
        || sentence.end > text.len()
        || !text.is_char_boundary(sentence.start)
        || !text.is_char_boundary(sentence.end)
    {
        return Vec::new();
    }
    let mut facts = when::extract(text, sentence, dateline);
    let claimed: Vec<(usize, usize)> = facts.iter().map(|f| (f.start, f.end)).collect();
    facts.extend(quantity::extract(text, sentence, &claimed));
    facts.extend(quote::extract(text, sentence));
    facts.extend(people::extract(text, sentence));
    if facts
        .iter()
        .any(|f| f.kind == FactKind::Date && f.subject.is_empty())
    {
        let s = &text[sentence.start..sentence.end];
        let words = content_words(s);
        for f in &mut facts {
            if f.kind == FactKind::Date && f.subject.is_empty() {
                f.subject =
                    event_words(s, &words, f.start - sentence.start, f.end - sentence.start);
            }
        }
    }
    facts.sort_by_key(|f| (f.start, f.kind, f.end));
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

/// A quote's mention cut to its words `range` (counted without `…`, as [`quote::covered`] gives
/// them), text and value, with a note saying so; the whole mention when the range is all of it
/// or the words cannot be placed.
fn narrowed(mut m: Mention, words: &[String], range: (usize, usize)) -> Mention {
    let at: Vec<(usize, usize)> = quote::quote_words_at(&m.text)
        .into_iter()
        .filter(|(w, _, _)| w != "…")
        .map(|(_, a, b)| (a, b))
        .collect();
    let (a, b) = range;
    let whole = words.iter().filter(|w| *w != "…").count();
    if at.len() != whole || a >= b || b > at.len() || (a, b) == (0, at.len()) {
        return m;
    }
    let (start, end) = (at[a].0, at[b - 1].1);
    m.text = m.text[start..end].to_string();
    m.value = words
        .iter()
        .filter(|w| *w != "…")
        .skip(a)
        .take(b - a)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    m.start += start;
    m.end = m.start + (end - start);
    m.note
        .push_str("; the part of the reference this version quotes");
    m
}

/// One fact of the comparison, with where it sits.
struct Item<'a> {
    doc: usize,
    passage: usize,
    group: Option<&'a str>,
    fact: &'a Fact,
    /// The content words of its passage (an index into [`Contexts::sets`]).
    context: usize,
}

/// Compares the facts of all documents: within aligned groups and across whole documents.
/// Findings come sorted: conflicts, then figures that differ but may all hold, then
/// single-source facts, then agreements.
pub fn compare(cmp: &Comparison) -> Vec<Finding> {
    let mut items: Vec<Item> = Vec::new();
    // Identical passages (republished copy) share one set of content words.
    let mut context_of: HashMap<&str, usize> = HashMap::new();
    let mut context_texts: Vec<&str> = Vec::new();
    for (d, doc) in cmp.documents.iter().enumerate() {
        for (p, passage) in doc.passages.iter().enumerate() {
            if passage.boilerplate || passage.facts.is_empty() {
                continue;
            }
            let next = context_texts.len();
            let context = *context_of.entry(passage.text.as_str()).or_insert(next);
            if context == next {
                context_texts.push(&passage.text);
            }
            for f in passage
                .facts
                .iter()
                .filter(|f| !is_printed_dateline(doc, f))
            {
                items.push(Item {
                    doc: d,
                    passage: p,
                    group: passage.group.as_deref(),
                    fact: f,
                    context,
                });
            }
        }
    }
    let cx = Cx {
        cmp,
        items: &items,
        contexts: &Contexts::new(&context_texts),
        people: Default::default(),
    };
    // Findings are built on this thread: built on several, the allocator keeps a heap per thread
    // and the freed memory of one is not reused by another (1,000 articles: +0.4 GB at peak).
    let mut findings = cx.dates();
    findings.extend(cx.quantities());
    findings.extend(cx.quotes());
    findings.extend(cx.titles());
    findings.sort_by(|a, b| {
        let first = |f: &Finding| {
            f.mentions
                .first()
                .map(|m| (doc_index(&m.document), m.start))
        };
        (a.status, first(a), a.kind).cmp(&(b.status, first(b), b.kind))
    });
    for (i, f) in findings.iter_mut().enumerate() {
        f.id = format!("f{i}");
    }
    findings
}

/// The publication date printed at the top of an article ("date 2018-05-14 …", "May 14, 2018"
/// above the lead) is page furniture, not a claim of the article: it is the dateline.
fn is_printed_dateline(doc: &crate::model::Document, f: &Fact) -> bool {
    /// How far into the text a printed dateline can start.
    const TOP: usize = 80;
    let Some(before) = doc.text.get(..f.start) else {
        return false;
    };
    f.kind == FactKind::Date
        && f.start < TOP
        && !before.trim().contains('\n')
        && doc.dateline.as_deref() == Some(date_core(&f.value))
}

/// `f` over `items`, in parallel when there are enough of them to pay for handing work to other
/// threads (a few articles compare faster on this one).
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < 64 {
        items.iter().map(f).collect()
    } else {
        items.par_iter().with_min_len(16).map(f).collect()
    }
}

fn doc_index(id: &str) -> usize {
    id.strip_prefix('d')
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

struct Cx<'a> {
    cmp: &'a Comparison,
    items: &'a [Item<'a>],
    contexts: &'a Contexts,
    /// Full names found for one-word names, shared by quotes and titles.
    people: std::sync::Mutex<FullNames>,
}

/// Full names found for (one-word name, document, or every document for `None`).
type FullNames = BTreeMap<(String, Option<usize>), Option<String>>;

/// The content words (stems) of the passages that state facts, as sorted word ids, so that
/// comparing two passages' words is a merge of two short integer lists.
struct Contexts {
    ids: HashMap<String, u32>,
    /// Per word id: the word is all digits (figures say nothing about what a passage is about).
    digits: Vec<bool>,
    sets: Vec<Vec<u32>>,
    /// Per context: the years it names ("in 2004"), sorted.
    years: Vec<Vec<u16>>,
}

/// The years a text names ([`crate::text::is_year`]).
fn years_in(text: &str) -> Vec<u16> {
    let mut out: Vec<u16> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| crate::text::is_year(w))
        .filter_map(|w| w.parse::<u16>().ok())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Contexts {
    fn new(texts: &[&str]) -> Self {
        let stems: Vec<Vec<String>> =
            par_map(texts, |t| terms(t).into_iter().map(|t| t.stem).collect());
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut digits = Vec::new();
        let sets = stems
            .into_iter()
            .map(|words| {
                let mut set: Vec<u32> = words
                    .into_iter()
                    .map(|w| {
                        let next = ids.len() as u32;
                        *ids.entry(w).or_insert_with_key(|w| {
                            digits.push(w.chars().all(|c| c.is_ascii_digit()));
                            next
                        })
                    })
                    .collect();
                set.sort_unstable();
                set.dedup();
                set
            })
            .collect();
        let years = texts.iter().map(|t| years_in(t)).collect();
        Self {
            ids,
            digits,
            sets,
            years,
        }
    }

    /// Both contexts name years and no year is in both: they tell of different times ("the
    /// 2004 tsunami" and this year's quake), so their figures are not of one thing.
    fn other_times(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.years[a], &self.years[b]);
        !x.is_empty() && !y.is_empty() && !x.iter().any(|v| y.binary_search(v).is_ok())
    }

    /// The ids of the content words of `text` that some passage has, sorted.
    fn ids_of(&self, text: &str) -> Vec<u32> {
        let mut out: Vec<u32> = terms(text)
            .into_iter()
            .filter_map(|t| self.ids.get(&t.stem).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Words both contexts have, as (count, count leaving out digits and `skip`).
    fn shared(&self, a: usize, b: usize, skip: &[u32]) -> (usize, usize) {
        let (x, y) = (&self.sets[a], &self.sets[b]);
        let (mut i, mut j, mut all, mut content) = (0, 0, 0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let w = x[i];
                    all += 1;
                    if !self.digits[w as usize] && skip.binary_search(&w).is_err() {
                        content += 1;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        (all, content)
    }

    /// Jaccard similarity of two contexts' words.
    fn similarity(&self, a: usize, b: usize) -> f32 {
        let inter = self.shared(a, b, &[]).0;
        let union = self.sets[a].len() + self.sets[b].len() - inter;
        if union == 0 {
            0.0
        } else {
            inter as f32 / union as f32
        }
    }
}

impl<'a> Cx<'a> {
    /// How findings name a source: its title (or file name), shortened, and its number as
    /// the app and reports number sources: "Harbor Fire Spreads (#2)".
    fn source(&self, d: usize) -> String {
        let Some(doc) = self.cmp.documents.get(d) else {
            return "?".to_string();
        };
        let name = if doc.title.trim().is_empty() {
            std::path::Path::new(&doc.path)
                .file_stem()
                .map_or_else(|| doc.id.clone(), |s| s.to_string_lossy().into_owned())
        } else {
            doc.title.trim().to_string()
        };
        let words: Vec<&str> = name.split_whitespace().collect();
        let short = if words.len() > SOURCE_WORDS {
            format!("{}…", words[..SOURCE_WORDS].join(" "))
        } else {
            words.join(" ")
        };
        format!("{short} (#{})", d + 1)
    }

    fn mention(&self, i: usize, extra_note: Option<&str>) -> Mention {
        let it = &self.items[i];
        let note = match extra_note {
            Some(e) if !e.is_empty() => format!("{}; {e}", it.fact.note),
            _ => it.fact.note.clone(),
        };
        Mention {
            document: self
                .cmp
                .documents
                .get(it.doc)
                .map_or("?", |x| x.id.as_str())
                .to_string(),
            start: it.fact.start,
            end: it.fact.end,
            text: it.fact.text.clone(),
            value: it.fact.value.clone(),
            note,
        }
    }

    /// The group all the items share, if any.
    fn common_group(&self, members: &[usize]) -> Option<String> {
        let first = self.items[*members.first()?].group?;
        members
            .iter()
            .all(|&m| self.items[m].group == Some(first))
            .then(|| first.to_string())
    }

    fn same_group(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.items[a], &self.items[b]);
        x.group.is_some() && x.group == y.group
    }

    /// The different figures a component of compatible quantities states, each as written with
    /// its sources (“at least 3 people” (Harbor Fire Spreads (#1))), in the order of the
    /// earliest dateline that gives it (sources without a dateline last). Mentions are one figure when they state one number
    /// in one unit (a conversion in brackets counts), within rounding ("over €80 million" and
    /// "€82 million" are one figure; "at least 3" and "11", two).
    fn figures(&self, comp: &[usize]) -> Vec<String> {
        // Identical values are one figure; distinct values are joined when any of their amounts
        // state one figure (union of all such pairs, so the order of the sources never matters).
        let mut by_value: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &m in comp {
            by_value
                .entry(self.items[m].fact.value.as_str())
                .or_default()
                .push(m);
        }
        let values: Vec<(Vec<Amount>, Vec<usize>)> = by_value
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
                let one = values[i]
                    .0
                    .iter()
                    .any(|a| values[j].0.iter().any(|b| quantity::one_figure(a, b)));
                if one {
                    let (ri, rj) = (find(&mut root, i), find(&mut root, j));
                    root[ri.max(rj)] = ri.min(rj);
                }
            }
        }
        let mut figures: BTreeMap<usize, (Option<&str>, f64, Vec<usize>)> = BTreeMap::new();
        for (i, (amounts, ms)) in values.iter().enumerate() {
            let r = find(&mut root, i);
            let entry = figures
                .entry(r)
                .or_insert((None, amounts[0].number, Vec::new()));
            entry.1 = entry.1.min(amounts[0].number);
            for &m in ms {
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
                let first = &self.items[ms[0]];
                format!("“{}” ({})", first.fact.text, self.docs_label(&ms))
            })
            .collect()
    }

    /// The passage of item `m` has a number outside every fact of it (a year aside).
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
        crate::text::tokenize(&passage.text).iter().any(|t| {
            let (a, b) = (passage.start + t.start, passage.start + t.end);
            let number = t.is_word
                && (t
                    .key
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                    && t.key.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || crate::text::word_number(&t.key).is_some_and(|n| n >= 2.0));
            number
                && !crate::text::is_year(&t.key)
                && !passage.facts.iter().any(|f| f.start < b && a < f.end)
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

    fn docs_label(&self, members: &[usize]) -> String {
        let docs: BTreeSet<usize> = members.iter().map(|&m| self.items[m].doc).collect();
        docs.iter()
            .map(|&d| self.source(d))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn of_kind(&self, kind: FactKind) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| self.items[i].fact.kind == kind)
            .collect()
    }

    fn finding(
        &self,
        kind: FactKind,
        status: FindingStatus,
        summary: String,
        members: &[usize],
        notes: &BTreeMap<usize, String>,
    ) -> Finding {
        Finding {
            id: String::new(),
            kind,
            status,
            summary,
            group: self.common_group(members),
            mentions: members
                .iter()
                .map(|&m| self.mention(m, notes.get(&m).map(String::as_str)))
                .collect(),
        }
    }

    fn dates(&self) -> Vec<Finding> {
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
            |m| self.items[m].doc,
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
        // Candidates share a group, a value, or a word of the event.
        let pairs = classes.pairs(|c| {
            let it = &self.items[classes.rep(c)];
            let mut keys = vec![DateKey::Value(date_core(&it.fact.value))];
            if let Some(g) = it.group {
                keys.push(DateKey::Group(g));
            }
            keys.extend(
                terms(&it.fact.subject)
                    .into_iter()
                    .map(|t| DateKey::Event(t.stem)),
            );
            keys
        });
        let links: Vec<Option<bool>> = par_map(&pairs, |&(x, y)| {
            let (a, b) = (classes.rep(x), classes.rep(y));
            let (Some(Some(ra)), Some(Some(rb))) = (parsed.get(&a), parsed.get(&b)) else {
                return None;
            };
            let grouped = self.same_group(a, b);
            let related = grouped || {
                let sim = self
                    .contexts
                    .similarity(self.items[a].context, self.items[b].context);
                (ra.same_as(rb) && sim >= 0.2) || sim >= TUNING.date_similarity
            };
            if !related {
                None
            } else if ra.same_as(rb) {
                Some(false)
            } else if grouped
                && !ra.compatible(rb)
                && ra.grain == rb.grain
                // A bare year is most often a background event's ("first hosted in 2007").
                && ra.grain != Grain::Year
                // A date no source gives a year is told too loosely to contradict another
                // ("November 11" may be the rescue, "November 19" the sinking).
                && !ra.yearless
                && !rb.yearless
                && lone(a)
                && lone(b)
                && !dateline_made(self.items[a].fact, ra, self.items[b].fact, rb)
                && same_event_words(self.items[a].fact, self.items[b].fact)
            {
                // Only passages aligned as one report of one event can give two dates of it:
                // alike passages elsewhere are often two happenings told alike.
                Some(true)
            } else {
                None
            }
        });
        let mut sets = Links::new(&classes);
        for (&(x, y), link) in pairs.iter().zip(links) {
            if let Some(conflict) = link {
                sets.link_apart(x, y, conflict);
            }
        }
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
            let (status, summary) = if has_conflict {
                let mut by_value: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
                for &m in &comp {
                    by_value
                        .entry(self.items[m].fact.value.as_str())
                        .or_default()
                        .push(m);
                }
                let parts: Vec<String> = by_value
                    .iter()
                    .map(|(v, ms)| {
                        format!(
                            "{v} ({})",
                            ms.iter().map(|&m| quoted(m)).collect::<Vec<_>>().join(", ")
                        )
                    })
                    .collect();
                (
                    FindingStatus::Conflict,
                    format!(
                        "Date of “{}” differs: {}",
                        first.fact.subject,
                        parts.join(" vs ")
                    ),
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
                        "Same date {shown} in {}",
                        comp.iter()
                            .map(|&m| quoted(m))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                )
            } else if parsed.get(&comp[0]).is_some_and(Option::is_some) {
                (
                    FindingStatus::SingleSource,
                    format!(
                        "Only {} states the date “{}” ({}), near “{}”",
                        self.source(first.doc),
                        first.fact.text,
                        first.fact.value,
                        first.fact.subject
                    ),
                )
            } else {
                // A relative date with nothing to resolve it against is no finding of its own:
                // it stays marked in the text, its note saying why it has no value.
                continue;
            };
            out.push(self.finding(FactKind::Date, status, summary, &comp, &BTreeMap::new()));
        }
        out
    }

    fn quantities(&self) -> Vec<Finding> {
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
            |m| self.items[m].doc,
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
        let mut per_passage: BTreeMap<(usize, &str), BTreeSet<&str>> = BTreeMap::new();
        for &m in &members {
            let it = &self.items[m];
            per_passage
                .entry((it.context, it.fact.subject.as_str()))
                .or_default()
                .insert(it.fact.value.as_str());
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
        let lone = |m: usize| {
            let it = &self.items[m];
            per_passage
                .get(&(it.context, it.fact.subject.as_str()))
                .is_some_and(|v| v.len() == 1)
                && loose.get(&it.context) == Some(&false)
        };
        // Every link needs the same subject.
        let pairs = classes.pairs(|c| {
            let subject = &self.items[classes.rep(c)].fact.subject;
            if subject.is_empty() {
                Vec::new()
            } else {
                vec![subject.as_str()]
            }
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
            let same_subject = !x.fact.subject.is_empty() && x.fact.subject == y.fact.subject;
            let grouped = self.same_group(a, b);
            let compatible = match (amounts.get(&a), amounts.get(&b)) {
                (Some(p), Some(q)) => p.iter().any(|s| q.iter().any(|t| s.compatible(t))),
                _ => false,
            };
            // The same figure repeated in one source is one statement.
            let within = same_subject && compatible && x.fact.value == y.fact.value;
            if !same_subject {
                return (within, None);
            }
            let shared = || {
                let skip = skips
                    .get(x.fact.subject.as_str())
                    .map_or(&[][..], Vec::as_slice);
                self.contexts.shared(x.context, y.context, skip).1
            };
            // Different figures that may both hold ("at least 3", "11") are one thing only
            // inside one aligned group: a lower bound fits every larger count anywhere.
            let one_figure = match (amounts.get(&a), amounts.get(&b)) {
                (Some(p), Some(q)) => p
                    .iter()
                    .any(|s| q.iter().any(|t| quantity::one_figure(s, t))),
                _ => false,
            };
            let apart = if compatible && (grouped || (one_figure && shared() >= 1)) {
                Some(false)
            } else if !compatible
                && grouped
                && lone(a)
                && lone(b)
                && !self.contexts.other_times(x.context, y.context)
                && !modified_apart(x.fact, y.fact)
                && !self.placed_apart(a, b)
            {
                Some(true)
            } else {
                None
            };
            (within, apart)
        });
        let mut sets = Links::new(&classes);
        for (&(x, y), (within, apart)) in pairs.iter().zip(links) {
            if within {
                sets.link_within(x, y);
            }
            if let Some(conflict) = apart {
                sets.link_apart(x, y, conflict);
            }
        }
        let mut out = Vec::new();
        for (comp, has_conflict) in sets.components(&members) {
            let docs: BTreeSet<usize> = comp.iter().map(|&m| self.items[m].doc).collect();
            let first = &self.items[comp[0]];
            let what = describe_quantity(first.fact);
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
            let (status, summary) = if has_conflict {
                (
                    FindingStatus::Conflict,
                    format!("{what} differs: {}", parts.join(" vs ")),
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
                        quantity::readable_value(&first.fact.value)
                    ),
                )
            };
            out.push(self.finding(FactKind::Quantity, status, summary, &comp, &BTreeMap::new()));
        }
        out
    }

    fn quotes(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Quote);
        let words: BTreeMap<usize, Vec<String>> = members
            .iter()
            .map(|&m| {
                (
                    m,
                    self.items[m]
                        .fact
                        .value
                        .split(' ')
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect(),
                )
            })
            .collect();
        let empty = Vec::new();
        let w = |m: usize| words.get(&m).unwrap_or(&empty);
        // Quotes with the same words are weighed as one.
        let classes = Classes::new(
            &members,
            self.items.len(),
            |m| self.items[m].doc,
            |m| self.items[m].fact.value.as_str(),
        );
        // Candidates share a run of four words (short quotes: all their words).
        let pairs = classes.pairs(|c| {
            let ws: Vec<&str> = w(classes.rep(c))
                .iter()
                .map(String::as_str)
                .filter(|x| *x != "…")
                .collect();
            if ws.len() < 4 {
                vec![ws.join(" ")]
            } else {
                ws.windows(4).map(|x| x.join(" ")).collect()
            }
        });
        let same: Vec<bool> = par_map(&pairs, |&(x, y)| {
            same_quote(w(classes.rep(x)), w(classes.rep(y)))
        });
        let mut sets = Links::new(&classes);
        for (&(x, y), same) in pairs.iter().zip(same) {
            if same {
                sets.link_apart(x, y, false);
            }
        }
        let speakers = self.canonical_speakers(&members);
        sets.components(&members)
            .iter()
            .flat_map(|(comp, _)| self.utterances(comp, &w, &speakers))
            .flat_map(|utterance| self.quote_findings(&utterance, &w, &speakers))
            .collect()
    }

    /// Splits linked quotes into utterances. Versions are taken fullest first (as the reference
    /// of [`Self::quote_findings`] is chosen); each joins the first utterance whose fullest
    /// version shares enough of its own words ([`quote::overlap`]), else starts one. Two
    /// speakers' versions must be near verbatim to be one utterance: two people saying alike
    /// things are two statements, the same words in two mouths one quote misattributed.
    /// Identical versions are weighed once.
    fn utterances<'w>(
        &self,
        comp: &[usize],
        w: &(dyn Fn(usize) -> &'w Vec<String> + Sync),
        speakers: &BTreeMap<usize, String>,
    ) -> Vec<Vec<usize>> {
        /// The sources giving one version, and its mentions.
        type Givers = (BTreeSet<usize>, Vec<usize>);
        let mut versions: BTreeMap<&[String], Givers> = BTreeMap::new();
        for &m in comp {
            let v = versions.entry(w(m).as_slice()).or_default();
            v.0.insert(self.items[m].doc);
            v.1.push(m);
        }
        let len = |ws: &[String]| ws.iter().filter(|x| *x != "…").count();
        let mut order: Vec<(&[String], &Givers)> = versions.iter().map(|(k, v)| (*k, v)).collect();
        order.sort_by(|a, b| {
            len(b.0)
                .cmp(&len(a.0))
                .then_with(|| b.1.0.len().cmp(&a.1.0.len()))
                .then_with(|| a.0.cmp(b.0))
        });
        struct Utterance {
            fullest: quote::Version,
            speakers: BTreeSet<String>,
            members: Vec<usize>,
        }
        let surnames = |ms: &[usize]| -> BTreeSet<String> {
            ms.iter()
                .filter_map(|m| speakers.get(m))
                .map(|s| people::surname(s))
                .collect()
        };
        let mut out: Vec<Utterance> = Vec::new();
        // Word → the utterances whose fullest version has it: a version is weighed only
        // against utterances that have at least a quarter of its content words (one utterance
        // shares far more), not against every statement of a large component.
        let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
        for (words, (_, members)) in order {
            let version = quote::Version::new(words, &self.items[members[0]].fact.text);
            let said_by = surnames(members);
            let content: BTreeSet<&str> = words
                .iter()
                .map(String::as_str)
                .filter(|w| *w != "…" && !crate::text::is_stopword(w))
                .collect();
            let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
            for w in &content {
                for &u in index.get(w).map_or(&[][..], Vec::as_slice) {
                    *hits.entry(u).or_default() += 1;
                }
            }
            let home = hits
                .iter()
                .filter(|&(_, &n)| 4 * n >= content.len())
                .map(|(&u, _)| u)
                .find(|&u| {
                    let u = &out[u];
                    let overlap = quote::overlap(&version, &u.fullest);
                    let other_speaker = !said_by.is_empty()
                        && !u.speakers.is_empty()
                        && said_by.is_disjoint(&u.speakers);
                    overlap >= TUNING.quote_overlap
                        && (!other_speaker || overlap >= TUNING.quote_verbatim)
                });
            match home {
                // A version that names its speaker names the utterance's.
                Some(u) => {
                    out[u].members.extend(members);
                    out[u].speakers.extend(said_by);
                }
                None => {
                    for w in content {
                        index.entry(w).or_default().push(out.len());
                    }
                    out.push(Utterance {
                        fullest: version,
                        speakers: said_by,
                        members: members.clone(),
                    });
                }
            }
        }
        out.into_iter()
            .map(|u| {
                let mut ms = u.members;
                ms.sort_unstable();
                ms
            })
            .collect()
    }

    /// The findings of one component of linked quotes.
    fn quote_findings<'w>(
        &self,
        comp: &[usize],
        w: &(dyn Fn(usize) -> &'w Vec<String> + Sync),
        speakers: &BTreeMap<usize, String>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let docs: BTreeSet<usize> = comp.iter().map(|&m| self.items[m].doc).collect();
        if docs.len() < 2 {
            return self.single_source_quotes(comp, speakers);
        }
        // The fullest version is the reference the others are read against. Among equally
        // full versions: the one the most documents give, then the first in word order, so
        // that the order the documents were given in never picks it (identical words can
        // only differ in which of their mentions is named the reference).
        let mut givers: BTreeMap<&[String], BTreeSet<usize>> = BTreeMap::new();
        for &m in comp {
            givers
                .entry(w(m).as_slice())
                .or_default()
                .insert(self.items[m].doc);
        }
        let Some(&reference) = comp.iter().max_by(|&&a, &&b| {
            let len = |m: usize| w(m).iter().filter(|x| *x != "…").count();
            let given = |m: usize| givers.get(w(m).as_slice()).map_or(0, BTreeSet::len);
            len(a)
                .cmp(&len(b))
                .then_with(|| given(a).cmp(&given(b)))
                .then_with(|| w(b).cmp(w(a)))
                .then_with(|| b.cmp(&a))
        }) else {
            return out;
        };
        let ref_doc = self.source(self.items[reference].doc).to_string();
        let excerpt = short(&self.items[reference].fact.text);
        let mut consistent = vec![reference];
        let mut notes: BTreeMap<usize, String> = BTreeMap::new();
        notes.insert(reference, "fullest version, the reference".to_string());
        let mut altered: Vec<(usize, Vec<(String, String)>)> = Vec::new();
        // Copies of one version relate to the reference alike.
        let mut relations: BTreeMap<&[String], Relation> = BTreeMap::new();
        for &m in comp {
            if m == reference {
                continue;
            }
            let relation = relations
                .entry(w(m).as_slice())
                .or_insert_with(|| quote::relate(w(m), w(reference)))
                .clone();
            match relation {
                Relation::Verbatim => {
                    notes.insert(m, format!("verbatim as in {ref_doc}"));
                    consistent.push(m);
                }
                Relation::Shortened => {
                    notes.insert(m, format!("shortened from {ref_doc}'s version, consistent"));
                    consistent.push(m);
                }
                // A source that quotes one utterance twice, once more fully, does not
                // contradict itself.
                Relation::Altered(_) if self.items[m].doc == self.items[reference].doc => {
                    notes.insert(m, format!("another version {ref_doc} gives itself"));
                    consistent.push(m);
                }
                Relation::Altered(diffs) => {
                    let shown = diffs
                        .iter()
                        .take(3)
                        .map(|(v, r)| format!("“{v}” for “{r}”"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    notes.insert(m, format!("altered against {ref_doc}: {shown}"));
                    altered.push((m, diffs));
                }
            }
        }
        consistent.sort_unstable();
        let consistent_docs = self.docs_label(&consistent);
        let consistent_sources: BTreeSet<usize> =
            consistent.iter().map(|&m| self.items[m].doc).collect();
        if consistent_sources.len() >= 2 {
            let how: Vec<String> = consistent
                .iter()
                .filter(|&&m| m != reference)
                .map(|&m| {
                    let verb = if notes.get(&m).is_some_and(|n| n.starts_with("verbatim")) {
                        "verbatim"
                    } else {
                        "shortened, consistent"
                    };
                    format!("{} {verb}", self.source(self.items[m].doc))
                })
                .collect();
            out.push(self.finding(
                FactKind::Quote,
                FindingStatus::Agree,
                format!(
                    "Same quote {excerpt} in {consistent_docs}: {} against {ref_doc}",
                    how.join("; ")
                ),
                &consistent,
                &notes,
            ));
        }
        // An altered version is shown against the part of the reference it quotes, and against
        // the consistent versions that quote some of that part (a version of another sentence
        // of the same statement is no evidence about this one).
        let spans: BTreeMap<usize, Option<(usize, usize)>> = consistent
            .iter()
            .chain(altered.iter().map(|(m, _)| m))
            .map(|&m| (m, quote::covered(w(m), w(reference))))
            .collect();
        // Sources that give one altered version word for word are one finding.
        type Diffs = Vec<(String, String)>;
        let mut alike: Vec<(Vec<usize>, &Diffs)> = Vec::new();
        for (m, diffs) in &altered {
            match alike.iter_mut().find(|(ms, _)| w(ms[0]) == w(*m)) {
                Some((ms, _)) => ms.push(*m),
                None => alike.push((vec![*m], diffs)),
            }
        }
        for (versions, diffs) in alike {
            let m = versions[0];
            let part = spans.get(&m).copied().flatten();
            let overlaps = |c: usize| match (part, spans.get(&c).copied().flatten()) {
                (Some((a, b)), Some((c0, c1))) => a < c1 && c0 < b,
                _ => true,
            };
            let cited: Vec<usize> = consistent
                .iter()
                .copied()
                .filter(|&c| c == reference || overlaps(c))
                .collect();
            let cited_docs = self.docs_label(&cited);
            let mut mentions = Vec::with_capacity(versions.len() + cited.len());
            for &v in &versions {
                mentions.push(self.mention(v, notes.get(&v).map(String::as_str)));
            }
            for &c in &cited {
                let mention = self.mention(c, notes.get(&c).map(String::as_str));
                mentions.push(match part {
                    Some(range) if c == reference => narrowed(mention, w(c), range),
                    _ => mention,
                });
            }
            let group = self
                .common_group(&cited)
                .filter(|g| self.items[m].group == Some(g.as_str()));
            let shown = diffs
                .iter()
                .take(3)
                .map(|(v, r)| {
                    let verb = if cited.len() > 1 { "have" } else { "has" };
                    format!("“{v}” where {cited_docs} {verb} “{r}”")
                })
                .collect::<Vec<_>>()
                .join("; ");
            out.push(Finding {
                id: String::new(),
                kind: FactKind::Quote,
                status: FindingStatus::Conflict,
                summary: format!("Quote altered in {}: {shown}", self.docs_label(&versions)),
                group,
                mentions,
            });
        }
        if let Some(f) = self.misattribution(comp, reference, w, speakers) {
            out.push(f);
        }
        out
    }

    /// A finding per quote that only one source gives.
    fn single_source_quotes(
        &self,
        comp: &[usize],
        speakers: &BTreeMap<usize, String>,
    ) -> Vec<Finding> {
        comp.iter()
            .map(|&m| {
                let it = &self.items[m];
                let by = match speakers.get(&m) {
                    Some(s) => format!(" by {s}"),
                    None => String::new(),
                };
                self.finding(
                    FactKind::Quote,
                    FindingStatus::SingleSource,
                    format!(
                        "Only {} quotes{by}: {}",
                        self.source(it.doc),
                        short(&it.fact.text)
                    ),
                    &[m],
                    &BTreeMap::new(),
                )
            })
            .collect()
    }

    /// The same words put in different mouths: a conflict only when the quote is long enough to
    /// be one person's, the speakers are different people (not "Lt. Gregg Hastings" and
    /// "Hastings"), and no source names both with it (a joint statement).
    fn misattribution<'w>(
        &self,
        comp: &[usize],
        reference: usize,
        w: &(dyn Fn(usize) -> &'w Vec<String> + Sync),
        speakers: &BTreeMap<usize, String>,
    ) -> Option<Finding> {
        let length = w(reference).iter().filter(|x| *x != "…").count();
        if length < TUNING.attribution_words {
            return None;
        }
        // One speaker per person: "Lt. Gregg Hastings" and "Hastings" are one, "Barack Obama"
        // and "Michelle Obama" two (a bare surname joins the one full name that has it).
        let named: Vec<(usize, &str)> = comp
            .iter()
            .filter_map(|&m| speakers.get(&m).map(|s| (m, s.as_str())))
            .collect();
        let mut given_names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (_, s) in &named {
            if let Some(g) = people::given_name(s) {
                given_names.entry(people::surname(s)).or_default().insert(g);
            }
        }
        /// The names one speaker is given, and the quotes given to them.
        type Said<'n> = (BTreeSet<&'n str>, Vec<usize>);
        let mut by_speaker: BTreeMap<(String, String), Said> = BTreeMap::new();
        for (m, s) in named {
            let surname = people::surname(s);
            let given = people::given_name(s).or_else(|| {
                given_names
                    .get(&surname)
                    .filter(|g| g.len() == 1)
                    .and_then(|g| g.first().cloned())
            });
            let entry = by_speaker
                .entry((surname, given.unwrap_or_default()))
                .or_default();
            entry.0.insert(s);
            entry.1.push(m);
        }
        if by_speaker.len() < 2 {
            return None;
        }
        let mut passages: BTreeMap<usize, usize> = BTreeMap::new();
        for &m in comp {
            passages.entry(self.items[m].context).or_insert(m);
        }
        let joint = passages.values().any(|&m| {
            let it = &self.items[m];
            let passage = &self.cmp.documents[it.doc].passages[it.passage].text;
            by_speaker
                .keys()
                .filter(|(surname, _)| !surname.is_empty())
                .filter(|(surname, _)| people::names_word(passage, surname))
                .count()
                >= 2
        });
        if joint {
            return None;
        }
        let excerpt = short(&self.items[reference].fact.text);
        let parts: Vec<String> = by_speaker
            .values()
            .map(|(names, ms)| {
                let names: Vec<&str> = names.iter().copied().collect();
                format!("{} ({})", names.join(" / "), self.docs_label(ms))
            })
            .collect();
        let mut ms: Vec<usize> = by_speaker.values().flat_map(|x| x.1.clone()).collect();
        ms.sort_unstable();
        Some(self.finding(
            FactKind::Quote,
            FindingStatus::Conflict,
            format!("Quote {excerpt} attributed to {}", parts.join(" vs ")),
            &ms,
            &BTreeMap::new(),
        ))
    }

    /// Speakers named as people, linked to one full name across documents; descriptions ("the
    /// president") and pronouns are left out, since they cannot be compared by name.
    fn canonical_speakers(&self, members: &[usize]) -> BTreeMap<usize, String> {
        let names = self.known_people();
        let mut out = BTreeMap::new();
        let mut linked: BTreeMap<(&str, usize), String> = BTreeMap::new();
        for &m in members {
            let (raw, doc) = (self.items[m].fact.subject.as_str(), self.items[m].doc);
            let Some(first) = raw.chars().next() else {
                continue;
            };
            if !first.is_uppercase() || matches!(raw, "I" | "He" | "She" | "They" | "We" | "It") {
                continue;
            }
            let speaker = linked.entry((raw, doc)).or_insert_with(|| {
                // "Mayor Ana Ruiz": the name is what follows a title.
                let titled = people::extract(
                    raw,
                    Span {
                        start: 0,
                        end: raw.len(),
                    },
                );
                let name = titled
                    .first()
                    .map_or_else(|| raw.to_string(), |f| f.subject.clone());
                self.link_person(&name, doc, &names)
            });
            out.insert(m, speaker.clone());
        }
        out
    }

    /// Full names (two words or more) given to titled people anywhere.
    fn known_people(&self) -> BTreeSet<String> {
        self.items
            .iter()
            .filter(|it| it.fact.kind == FactKind::Title && it.fact.subject.contains(' '))
            .map(|it| it.fact.subject.clone())
            .collect()
    }

    /// Links a one-word name to a full name: this document's, then any known, then any
    /// document's.
    fn link_person(&self, name: &str, doc: usize, known: &BTreeSet<String>) -> String {
        if name.contains(' ') {
            return name.to_string();
        }
        if let Some(full) = self.full_name(name, Some(doc)) {
            return full;
        }
        let hits: Vec<&String> = known
            .iter()
            .filter(|k| {
                let ws: Vec<&str> = k.split(' ').collect();
                ws.first() == Some(&name) || ws.last() == Some(&name)
            })
            .collect();
        if hits.len() == 1 {
            return hits[0].clone();
        }
        self.full_name(name, None)
            .unwrap_or_else(|| name.to_string())
    }

    /// The full name a one-word name is given in document `doc`, or (`None`) the one full name
    /// all documents give it, if there is exactly one. Remembered: quotes and titles ask for the
    /// same names again and again.
    fn full_name(&self, name: &str, doc: Option<usize>) -> Option<String> {
        let key = (name.to_string(), doc);
        if let Some(known) = self.people.lock().ok().and_then(|p| p.get(&key).cloned()) {
            return known;
        }
        let full = match doc {
            Some(d) => self
                .cmp
                .documents
                .get(d)
                .and_then(|d| people::full_name_in(&d.text, name)),
            None => {
                let found: BTreeSet<String> =
                    par_map(&self.cmp.documents, |d| people::full_name_in(&d.text, name))
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

    fn titles(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Title);
        let known = self.known_people();
        let mut by_person: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut notes: BTreeMap<usize, String> = BTreeMap::new();
        let mut linked: BTreeMap<(&str, usize), String> = BTreeMap::new();
        for &m in &members {
            let it = &self.items[m];
            let person = linked
                .entry((it.fact.subject.as_str(), it.doc))
                .or_insert_with(|| self.link_person(&it.fact.subject, it.doc, &known))
                .clone();
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
                    .insert(people::role_of(&t).to_string());
            }
            let docs: BTreeSet<usize> = ms.iter().map(|&m| self.items[m].doc).collect();
            // Two documents give disjoint roles. Each document has one (non-empty) set of
            // roles, so two different sets come from two documents: compare the sets only.
            let role_sets: BTreeSet<&BTreeSet<String>> = roles.values().collect();
            let disjoint = role_sets
                .iter()
                .any(|r1| role_sets.iter().any(|r2| r1.is_disjoint(r2)));
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
                    (!t.starts_with("former "))
                        .then(|| (group, self.items[m].doc, people::role_of(&t).to_string()))
                })
                .collect();
            let conflict = disjoint
                && stated.iter().any(|(gx, dx, rx)| {
                    stated.iter().any(|(gy, dy, ry)| {
                        gx == gy
                            && dx != dy
                            && rx != ry
                            && !people::roles_compatible(rx, ry)
                            && roles
                                .get(dx)
                                .is_some_and(|a| roles.get(dy).is_some_and(|b| a.is_disjoint(b)))
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
                (
                    FindingStatus::Conflict,
                    format!("{person}'s title differs: {}", listing.join(" vs ")),
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
                        listing
                            .iter()
                            .map(|l| l.rsplit_once(" (").map_or(l.as_str(), |x| x.0))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            };
            let mut ms = ms;
            ms.sort_unstable();
            let mut f = self.finding(FactKind::Title, status, summary, &ms, &notes);
            // A title holds across the whole document, not one passage.
            if docs.len() >= 2 {
                f.group = None;
            }
            out.push(f);
        }
        out
    }
}

/// A short excerpt of a quote for summaries.
fn short(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 12 {
        return words.join(" ");
    }
    format!("{} …", words[..12].join(" "))
}

/// How a quantity reads in a summary: "employees (> 70,000)", "ban (7 years)".
fn describe_quantity(f: &Fact) -> String {
    let amounts = Amount::parse_all(&f.value);
    let Some(a) = amounts.first() else {
        return f.subject.clone();
    };
    let unit = match a.unit.as_str() {
        "year" | "month" | "week" | "day" | "hour" | "minute" => "duration",
        "%" => "percentage",
        u if u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()) => "amount",
        _ => "count",
    };
    match (unit, f.subject.is_empty()) {
        ("count", _) => format!("number of {}", plural(&f.subject)),
        (u, true) => u.to_string(),
        (u, false) => format!("{u} of {}", f.subject),
    }
}

/// Two counts of one noun told apart by the words in front of it: "23 Somali pirates" and "11
/// Yemeni pirates" count different pirates; "two speed boats" and "two boats" may count the same.
fn modified_apart(a: &Fact, b: &Fact) -> bool {
    let modifiers = |f: &Fact| -> BTreeSet<String> {
        let subject: BTreeSet<String> = terms(&f.subject).into_iter().map(|t| t.stem).collect();
        terms(&f.text)
            .into_iter()
            .filter(|t| {
                let word = t.surface.to_lowercase();
                word.chars().all(char::is_alphabetic)
                    && crate::text::word_number(&word).is_none()
                    && !subject.contains(&t.stem)
                    && !quantity::is_qualifier_word(&word)
            })
            .map(|t| t.stem)
            .collect()
    };
    let (x, y) = (modifiers(a), modifiers(b));
    !x.is_empty() && !y.is_empty() && x.is_disjoint(&y)
}

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

/// "employee" → "employees" for summaries; phrases ("people killed") stay as they are.
fn plural(noun: &str) -> String {
    if noun.contains(' ') || noun.ends_with('s') || noun == "people" {
        noun.to_string()
    } else if let Some(stem) = noun.strip_suffix('y')
        && !stem.ends_with(['a', 'e', 'o', 'u'])
    {
        format!("{stem}ies")
    } else {
        format!("{noun}s")
    }
}

/// Two quotes are the same when they share a run of four words, or (short quotes) all words.
fn same_quote(a: &[String], b: &[String]) -> bool {
    let a: Vec<&str> = a.iter().map(String::as_str).filter(|w| *w != "…").collect();
    let b: Vec<&str> = b.iter().map(String::as_str).filter(|w| *w != "…").collect();
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.len() < 4 || b.len() < 4 {
        return a.len() >= 2 && a == b;
    }
    // Longest common run of words, two rows of the table at a time.
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in &a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
            if cur[j + 1] >= 4 {
                return true;
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    false
}

/// Two dates told with a word of the same happening nearest them ("was arrested on Monday",
/// "his arrest on Tuesday"): one passage can date two happenings, and only dates of one can
/// contradict each other.
fn same_event_words(a: &Fact, b: &Fact) -> bool {
    let stems =
        |f: &Fact| -> BTreeSet<String> { terms(&f.subject).into_iter().map(|t| t.stem).collect() };
    !stems(a).is_disjoint(&stems(b))
}

/// Two dates whose difference comes from the datelines they were resolved against, not from
/// their words: both say "Thursday" (two articles a week apart may mean one Thursday), or both
/// give the same day of the month and one leaves its year to be guessed.
fn dateline_made(a: &Fact, ra: &DateRange, b: &Fact, rb: &DateRange) -> bool {
    let (wa, wb) = (when::wording(&a.text), when::wording(&b.text));
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
    if (wa == when::Wording::Relative && within(a, b))
        || (wb == when::Wording::Relative && within(b, a))
    {
        return true;
    }
    let no_year = wa != when::Wording::Full || wb != when::Wording::Full;
    no_year
        && ra.grain == rb.grain
        && ra.time.is_none()
        && ra.from.month() == rb.from.month()
        && ra.from.day() == rb.from.day()
}

/// A date value without its time-zone remark.
fn date_core(value: &str) -> &str {
    value.split(" (").next().unwrap_or(value).trim()
}

/// What two dates must share to be weighed against each other: the value, the group, or a word
/// of the event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum DateKey<'a> {
    Value(&'a str),
    Group(&'a str),
    Event(String),
}

/// The grain of a resolved date value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Grain {
    Time,
    Day,
    Week,
    Month,
    Year,
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
