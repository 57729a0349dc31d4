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

mod people;
mod quantity;
mod quote;
mod when;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::model::{Comparison, Fact, FactKind, Finding, FindingStatus, Mention, Span};
use crate::text::terms;

use quantity::Amount;
use quote::Relation;

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
    for f in &mut facts {
        if f.kind == FactKind::Date && f.subject.is_empty() {
            f.subject = event_words(text, sentence, f);
        }
    }
    facts.sort_by_key(|f| (f.start, f.kind, f.end));
    facts
}

/// A few content words of the sentence nearest the date: what happened then.
fn event_words(text: &str, sentence: Span, f: &Fact) -> String {
    let s = &text[sentence.start..sentence.end];
    let (fs, fe) = (f.start - sentence.start, f.end - sentence.start);
    let mut words: Vec<(usize, usize, &str)> = crate::text::tokenize(s)
        .into_iter()
        .filter(|t| {
            t.is_word
                && (t.end <= fs || t.start >= fe)
                && !crate::text::is_stopword(&t.key)
                && t.key.chars().all(char::is_alphabetic)
                && t.key.len() > 2
        })
        .map(|t| {
            let d = if t.end <= fs {
                fs - t.end
            } else {
                t.start - fe
            };
            (d, t.start, &s[t.start..t.end])
        })
        .collect();
    words.sort();
    words.truncate(3);
    words.sort_by_key(|w| w.1);
    words.iter().map(|w| w.2).collect::<Vec<_>>().join(" ")
}

/// One fact of the comparison, with where it sits.
struct Item<'a> {
    doc: usize,
    passage: usize,
    group: Option<&'a str>,
    fact: &'a Fact,
}

/// Compares the facts of all documents: within aligned groups and across whole documents.
/// Findings come sorted: conflicts, then single-source facts, then agreements, then unresolved.
pub fn compare(cmp: &Comparison) -> Vec<Finding> {
    let mut items: Vec<Item> = Vec::new();
    let mut contexts: BTreeMap<(usize, usize), BTreeSet<String>> = BTreeMap::new();
    for (d, doc) in cmp.documents.iter().enumerate() {
        for (p, passage) in doc.passages.iter().enumerate() {
            if passage.boilerplate {
                continue;
            }
            if !passage.facts.is_empty() {
                contexts.insert(
                    (d, p),
                    terms(&passage.text).into_iter().map(|t| t.stem).collect(),
                );
            }
            for f in &passage.facts {
                items.push(Item {
                    doc: d,
                    passage: p,
                    group: passage.group.as_deref(),
                    fact: f,
                });
            }
        }
    }
    let cx = Cx {
        cmp,
        items: &items,
        contexts: &contexts,
    };
    let mut findings = Vec::new();
    findings.extend(cx.dates());
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

fn doc_index(id: &str) -> usize {
    id.strip_prefix('d')
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

struct Cx<'a> {
    cmp: &'a Comparison,
    items: &'a [Item<'a>],
    contexts: &'a BTreeMap<(usize, usize), BTreeSet<String>>,
}

/// Union-find over item indices.
struct Sets(Vec<usize>);

impl Sets {
    fn new(n: usize) -> Self {
        Self((0..n).collect())
    }
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut j = i;
        while self.0[j] != r {
            let next = self.0[j];
            self.0[j] = r;
            j = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
    /// Components as sorted lists of member indices, in order of their first member.
    fn components(&mut self, members: &[usize]) -> Vec<Vec<usize>> {
        let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &m in members {
            let r = self.find(m);
            by_root.entry(r).or_default().push(m);
        }
        let mut out: Vec<Vec<usize>> = by_root.into_values().collect();
        for c in &mut out {
            c.sort_unstable();
        }
        out.sort();
        out
    }
}

impl<'a> Cx<'a> {
    fn doc_id(&self, d: usize) -> &str {
        self.cmp.documents.get(d).map_or("?", |x| x.id.as_str())
    }

    fn mention(&self, i: usize, extra_note: Option<&str>) -> Mention {
        let it = &self.items[i];
        let note = match extra_note {
            Some(e) if !e.is_empty() => format!("{}; {e}", it.fact.note),
            _ => it.fact.note.clone(),
        };
        Mention {
            document: self.doc_id(it.doc).to_string(),
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

    /// Content words the two items' passages share, leaving out `skip`.
    fn overlap(&self, a: usize, b: usize, skip: &str) -> usize {
        let (x, y) = (&self.items[a], &self.items[b]);
        let (Some(cx), Some(cy)) = (
            self.contexts.get(&(x.doc, x.passage)),
            self.contexts.get(&(y.doc, y.passage)),
        ) else {
            return 0;
        };
        let skip: BTreeSet<String> = terms(skip).into_iter().map(|t| t.stem).collect();
        cx.intersection(cy)
            .filter(|w| !skip.contains(*w) && !w.chars().all(|c| c.is_ascii_digit()))
            .count()
    }

    fn similarity(&self, a: usize, b: usize) -> f32 {
        let (x, y) = (&self.items[a], &self.items[b]);
        let (Some(cx), Some(cy)) = (
            self.contexts.get(&(x.doc, x.passage)),
            self.contexts.get(&(y.doc, y.passage)),
        ) else {
            return 0.0;
        };
        let inter = cx.intersection(cy).count() as f32;
        let union = cx.union(cy).count() as f32;
        if union == 0.0 { 0.0 } else { inter / union }
    }

    fn docs_label(&self, members: &[usize]) -> String {
        let docs: BTreeSet<usize> = members.iter().map(|&m| self.items[m].doc).collect();
        docs.iter()
            .map(|&d| self.doc_id(d))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Pairs `(a, b)`, `a < b`, of items from different documents that share a key; comparing
    /// only these keeps hundreds of articles tractable.
    fn candidate_pairs(
        &self,
        members: &[usize],
        keys: impl Fn(usize) -> Vec<String>,
    ) -> BTreeSet<(usize, usize)> {
        let mut pairs = self.candidate_pairs_any_doc(members, keys);
        pairs.retain(|&(a, b)| self.items[a].doc != self.items[b].doc);
        pairs
    }

    /// Like [`Cx::candidate_pairs`], including pairs within one document.
    fn candidate_pairs_any_doc(
        &self,
        members: &[usize],
        keys: impl Fn(usize) -> Vec<String>,
    ) -> BTreeSet<(usize, usize)> {
        let mut buckets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for &m in members {
            for k in keys(m) {
                let bucket = buckets.entry(k).or_default();
                if bucket.last() != Some(&m) {
                    bucket.push(m);
                }
            }
        }
        let mut pairs = BTreeSet::new();
        for bucket in buckets.values() {
            for (i, &a) in bucket.iter().enumerate() {
                for &b in &bucket[i + 1..] {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
        pairs
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
        let mut sets = Sets::new(self.items.len());
        let mut conflicts: BTreeSet<(usize, usize)> = BTreeSet::new();
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
        // Candidates share a group, a value, or a word of the event.
        let pairs = self.candidate_pairs(&members, |m| {
            let it = &self.items[m];
            let mut keys = vec![format!("v:{}", date_core(&it.fact.value))];
            if let Some(g) = it.group {
                keys.push(format!("g:{g}"));
            }
            keys.extend(
                terms(&it.fact.subject)
                    .into_iter()
                    .map(|t| format!("e:{}", t.stem)),
            );
            keys
        });
        for (a, b) in pairs {
            {
                let (x, y) = (&self.items[a], &self.items[b]);
                let (Some(Some(ra)), Some(Some(rb))) = (parsed.get(&a), parsed.get(&b)) else {
                    continue;
                };
                let grouped = self.same_group(a, b);
                let related = grouped
                    || (ra.same_as(rb) && self.similarity(a, b) >= 0.2)
                    || self.similarity(a, b) >= 0.5;
                if !related {
                    continue;
                }
                if ra.same_as(rb) {
                    sets.union(a, b);
                } else if !ra.compatible(rb)
                    && ra.grain == rb.grain
                    && per_passage.get(&(x.doc, x.passage, ra.grain)) == Some(&1)
                    && per_passage.get(&(y.doc, y.passage, rb.grain)) == Some(&1)
                {
                    sets.union(a, b);
                    conflicts.insert((a, b));
                }
            }
        }
        let mut out = Vec::new();
        for comp in sets.components(&members) {
            let docs: BTreeSet<usize> = comp.iter().map(|&m| self.items[m].doc).collect();
            let has_conflict = conflicts
                .iter()
                .any(|(a, b)| comp.contains(a) && comp.contains(b));
            let quoted = |m: usize| {
                format!(
                    "{} “{}”",
                    self.doc_id(self.items[m].doc),
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
                        self.doc_id(first.doc),
                        first.fact.text,
                        first.fact.value,
                        first.fact.subject
                    ),
                )
            } else {
                (
                    FindingStatus::Unresolved,
                    format!(
                        "Could not resolve “{}” in {}: {}",
                        first.fact.text,
                        self.doc_id(first.doc),
                        first.fact.note
                    ),
                )
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
        let mut sets = Sets::new(self.items.len());
        let mut conflicts: BTreeSet<(usize, usize)> = BTreeSet::new();
        // Every link needs the same subject.
        let pairs = self.candidate_pairs_any_doc(&members, |m| {
            let subject = &self.items[m].fact.subject;
            if subject.is_empty() {
                Vec::new()
            } else {
                vec![subject.clone()]
            }
        });
        for (a, b) in pairs {
            {
                let (x, y) = (&self.items[a], &self.items[b]);
                let (ua, ub) = (units(a), units(b));
                if ua.is_disjoint(&ub) {
                    continue;
                }
                let same_subject = !x.fact.subject.is_empty() && x.fact.subject == y.fact.subject;
                let grouped = self.same_group(a, b);
                let compatible = match (amounts.get(&a), amounts.get(&b)) {
                    (Some(p), Some(q)) => p.iter().any(|s| q.iter().any(|t| s.compatible(t))),
                    _ => false,
                };
                if x.doc == y.doc {
                    // The same figure repeated in one source is one statement.
                    if same_subject && compatible && x.fact.value == y.fact.value {
                        sets.union(a, b);
                    }
                    continue;
                }
                let shared = self.overlap(a, b, &x.fact.subject);
                if compatible && same_subject && (grouped || shared >= 1) {
                    sets.union(a, b);
                } else if !compatible && same_subject && (grouped || shared >= 2) {
                    sets.union(a, b);
                    conflicts.insert((a, b));
                }
            }
        }
        let mut out = Vec::new();
        for comp in sets.components(&members) {
            let docs: BTreeSet<usize> = comp.iter().map(|&m| self.items[m].doc).collect();
            let has_conflict = conflicts
                .iter()
                .any(|(a, b)| comp.contains(a) && comp.contains(b));
            let first = &self.items[comp[0]];
            let what = describe_quantity(first.fact);
            // Each mention as written, with its document: “over 70,000” (d0).
            let parts: Vec<String> = comp
                .iter()
                .map(|&m| {
                    format!(
                        "“{}” ({})",
                        self.items[m].fact.text,
                        self.doc_id(self.items[m].doc)
                    )
                })
                .collect();
            let (status, summary) = if has_conflict {
                (
                    FindingStatus::Conflict,
                    format!("{what} differs: {}", parts.join(" vs ")),
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
                        self.doc_id(first.doc),
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
        let mut sets = Sets::new(self.items.len());
        // Candidates share a run of four words (short quotes: all their words).
        let pairs = self.candidate_pairs(&members, |m| {
            let ws: Vec<&str> = w(m)
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
        for (a, b) in pairs {
            if same_quote(w(a), w(b)) {
                sets.union(a, b);
            }
        }
        let speakers = self.canonical_speakers(&members);
        let mut out = Vec::new();
        for comp in sets.components(&members) {
            let docs: BTreeSet<usize> = comp.iter().map(|&m| self.items[m].doc).collect();
            if docs.len() < 2 {
                for &m in &comp {
                    let it = &self.items[m];
                    let by = match speakers.get(&m) {
                        Some(s) => format!(" by {s}"),
                        None => String::new(),
                    };
                    out.push(self.finding(
                        FactKind::Quote,
                        FindingStatus::SingleSource,
                        format!(
                            "Only {} quotes{by}: {}",
                            self.doc_id(it.doc),
                            short(&it.fact.text)
                        ),
                        &[m],
                        &BTreeMap::new(),
                    ));
                }
                continue;
            }
            // The fullest version is the reference the others are read against. Among equally
            // full versions: the one the most documents give, then the first in word order, so
            // that the order the documents were given in never picks it (identical words can
            // only differ in which of their mentions is named the reference).
            let mut givers: BTreeMap<&[String], BTreeSet<usize>> = BTreeMap::new();
            for &m in &comp {
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
                continue;
            };
            let ref_doc = self.doc_id(self.items[reference].doc).to_string();
            let excerpt = short(&self.items[reference].fact.text);
            let mut consistent = vec![reference];
            let mut notes: BTreeMap<usize, String> = BTreeMap::new();
            notes.insert(reference, "fullest version, the reference".to_string());
            let mut altered: Vec<(usize, Vec<(String, String)>)> = Vec::new();
            for &m in &comp {
                if m == reference {
                    continue;
                }
                match quote::relate(w(m), w(reference)) {
                    Relation::Verbatim => {
                        notes.insert(m, format!("verbatim as in {ref_doc}"));
                        consistent.push(m);
                    }
                    Relation::Shortened => {
                        notes.insert(m, format!("shortened from {ref_doc}'s version, consistent"));
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
            if consistent.len() >= 2 {
                let how: Vec<String> = consistent
                    .iter()
                    .filter(|&&m| m != reference)
                    .map(|&m| {
                        let verb = if notes.get(&m).is_some_and(|n| n.starts_with("verbatim")) {
                            "verbatim"
                        } else {
                            "shortened, consistent"
                        };
                        format!("{} {verb}", self.doc_id(self.items[m].doc))
                    })
                    .collect();
                out.push(self.finding(
                    FactKind::Quote,
                    FindingStatus::Agree,
                    format!(
                        "Same quote {excerpt} in {}: {} against {ref_doc}",
                        self.docs_label(&consistent),
                        how.join("; ")
                    ),
                    &consistent,
                    &notes,
                ));
            }
            for (m, diffs) in &altered {
                let mut ms = vec![*m];
                ms.extend(consistent.iter().copied());
                let shown = diffs
                    .iter()
                    .take(3)
                    .map(|(v, r)| {
                        let verb = if consistent.len() > 1 { "have" } else { "has" };
                        format!("“{v}” where {} {verb} “{r}”", self.docs_label(&consistent))
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                out.push(self.finding(
                    FactKind::Quote,
                    FindingStatus::Conflict,
                    format!(
                        "Quote altered in {}: {shown}",
                        self.doc_id(self.items[*m].doc)
                    ),
                    &ms,
                    &notes,
                ));
            }
            // Attribution: the same words put in different mouths.
            let mut by_speaker: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for &m in &comp {
                if let Some(s) = speakers.get(&m) {
                    by_speaker.entry(s.as_str()).or_default().push(m);
                }
            }
            if by_speaker.len() >= 2 {
                let parts: Vec<String> = by_speaker
                    .iter()
                    .map(|(s, ms)| format!("{s} ({})", self.docs_label(ms)))
                    .collect();
                let ms: Vec<usize> = by_speaker.values().flatten().copied().collect();
                let mut ms = ms;
                ms.sort_unstable();
                out.push(self.finding(
                    FactKind::Quote,
                    FindingStatus::Conflict,
                    format!("Quote {excerpt} attributed to {}", parts.join(" vs ")),
                    &ms,
                    &BTreeMap::new(),
                ));
            }
        }
        out
    }

    /// Speakers named as people, linked to one full name across documents; descriptions ("the
    /// president") and pronouns are left out, since they cannot be compared by name.
    fn canonical_speakers(&self, members: &[usize]) -> BTreeMap<usize, String> {
        let names = self.known_people();
        let mut out = BTreeMap::new();
        for &m in members {
            let raw = self.items[m].fact.subject.as_str();
            let Some(first) = raw.chars().next() else {
                continue;
            };
            if !first.is_uppercase() || matches!(raw, "I" | "He" | "She" | "They" | "We" | "It") {
                continue;
            }
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
            out.insert(m, self.link_person(&name, self.items[m].doc, &names));
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
        if let Some(d) = self.cmp.documents.get(doc)
            && let Some(full) = people::full_name_in(&d.text, name)
        {
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
        let found: BTreeSet<String> = self
            .cmp
            .documents
            .iter()
            .filter_map(|d| people::full_name_in(&d.text, name))
            .collect();
        if found.len() == 1
            && let Some(f) = found.into_iter().next()
        {
            return f;
        }
        name.to_string()
    }

    fn titles(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Title);
        let known = self.known_people();
        let mut by_person: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut notes: BTreeMap<usize, String> = BTreeMap::new();
        for &m in &members {
            let it = &self.items[m];
            let person = self.link_person(&it.fact.subject, it.doc, &known);
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
            let conflict = roles
                .iter()
                .any(|(d1, r1)| roles.iter().any(|(d2, r2)| d1 != d2 && r1.is_disjoint(r2)));
            let listing = shown
                .iter()
                .map(|(t, ds)| {
                    format!(
                        "{t} ({})",
                        ds.iter()
                            .map(|&d| self.doc_id(d))
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
    let mut prev = vec![0usize; b.len() + 1];
    let mut best = 0;
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best >= 4
}

/// A date value without its time-zone remark.
fn date_core(value: &str) -> &str {
    value.split(" (").next().unwrap_or(value).trim()
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
}

impl DateRange {
    /// Reads a date fact's value; `None` when it is unresolved.
    fn parse(value: &str) -> Option<Self> {
        let core = date_core(value);
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        if core.len() == 5 && core.as_bytes().get(2) == Some(&b':') {
            let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
            return Some(Self {
                grain: Grain::Time,
                from: epoch,
                to: epoch,
                time: Some(core.to_string()),
            });
        }
        if let Some((a, b)) = core.split_once('/') {
            return Some(Self {
                grain: Grain::Week,
                from: day(a)?,
                to: day(b)?,
                time: None,
            });
        }
        if let Some(d) = day(core) {
            return Some(Self {
                grain: Grain::Day,
                from: d,
                to: d,
                time: None,
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
            });
        }
        if core.len() == 4 {
            let y: i32 = core.parse().ok()?;
            return Some(Self {
                grain: Grain::Year,
                from: NaiveDate::from_ymd_opt(y, 1, 1)?,
                to: NaiveDate::from_ymd_opt(y, 12, 31)?,
                time: None,
            });
        }
        None
    }

    /// The same value at the same grain (a time-zone remark aside).
    fn same_as(&self, o: &Self) -> bool {
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
        (self.from <= o.from && o.to <= self.to) || (o.from <= self.from && self.to <= o.to)
    }
}
