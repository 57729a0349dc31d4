//! Stage 1 of aligning: every passage as a weighted term vector (TF-IDF over stemmed words, names
//! and numbers weighted up), and every document as one for the story split.

use std::collections::HashMap;

use rayon::prelude::*;

use super::Tuning;
use crate::model::Comparison;
use crate::text::{Term, terms_in};

/// One alignable sentence.
pub(super) struct Unit {
    pub doc: usize,
    pub passage: usize,
    /// Last passage of a run being merged (equal to `passage` outside [`merge_runs`]).
    pub passage_end: usize,
    /// Sparse, L2-normalized weights, sorted by term id.
    pub vec: Vec<(u32, f32)>,
    pub anchors: Vec<u32>,
    pub years: Vec<u32>,
}

/// The passages and documents of a comparison as vectors, with what labels need.
pub(super) struct Space {
    pub units: Vec<Unit>,
    /// Per document, its vector over the terms of two or more documents.
    pub doc_vecs: Vec<Vec<(u32, f32)>>,
    /// Per document, the names it gives (see [`names_of`]), as sorted term ids.
    pub doc_names: Vec<Vec<u32>>,
    /// Per term, the number of passages that have it.
    pub sdf: Vec<u32>,
    /// The number of passages (at least 1).
    pub nsent: f32,
    /// Per term, how a label shows it.
    pub surface: Vec<String>,
    /// Per term, the order in which it was first seen.
    pub first_seen: Vec<u32>,
    pub nterms: usize,
}

/// The vectors of `cmp`'s passages (boilerplate left out) and documents.
pub(super) fn build(cmp: &Comparison, tuning: &Tuning) -> Space {
    let ndocs = cmp.documents.len();
    // Terms of every non-boilerplate passage.
    let per_passage: Vec<Vec<(usize, usize, Vec<Term>)>> = cmp
        .documents
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let lang = crate::language::by_code(&doc.language).unwrap_or(crate::language::ENGLISH);
            doc.passages
                .iter()
                .enumerate()
                .filter(|(_, p)| !p.boilerplate)
                .map(move |(i, p)| (d, i, terms_in(&doc.text[p.start..p.end], lang)))
                .collect()
        })
        .collect();
    // A capitalized word of a headline is a name when it is one in running text somewhere.
    let mut per_passage = per_passage;
    let names: std::collections::HashSet<String> = per_passage
        .iter()
        .flatten()
        .flat_map(|(_, _, ts)| ts.iter().filter(|t| t.anchor).map(|t| t.stem.clone()))
        .collect();
    for t in per_passage
        .iter_mut()
        .flatten()
        .flat_map(|(_, _, ts)| ts.iter_mut())
    {
        t.anchor |= t.maybe_name && names.contains(&t.stem);
    }
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut surface: Vec<String> = Vec::new();
    // (document, passage, its terms as (term id, is anchor)).
    type RawUnit = (usize, usize, Vec<(u32, bool)>);
    let mut raw_units: Vec<RawUnit> = Vec::new();
    // A label shows a term as a name ("Navy") when it is one anywhere, else in lower case.
    let mut surface_is_name: Vec<bool> = Vec::new();
    // Terms ever written in lower case ("navy"): no name to tell two stories apart by.
    let mut written_lower: Vec<bool> = Vec::new();
    for (d, i, ts) in per_passage.into_iter().flatten() {
        let ids = ts
            .into_iter()
            .map(|t| {
                let next = vocab.len() as u32;
                let id = *vocab.entry(t.stem).or_insert_with(|| {
                    surface.push(t.surface.to_lowercase());
                    surface_is_name.push(false);
                    written_lower.push(false);
                    next
                });
                if t.surface.starts_with(char::is_lowercase) {
                    written_lower[id as usize] = true;
                }
                if t.anchor && !surface_is_name[id as usize] {
                    surface[id as usize] = t.surface;
                    surface_is_name[id as usize] = true;
                }
                (id, t.anchor)
            })
            .collect();
        raw_units.push((d, i, ids));
    }
    // A document's dateline counts in its story as its year and month: two look-alike events
    // reported in different months are told apart by it even when no sentence gives a date.
    let mut dateline_terms: Vec<Vec<u32>> = cmp
        .documents
        .iter()
        .map(|doc| {
            let Some(date) = doc.dateline.as_deref().and_then(crate::dates::parse_iso) else {
                return Vec::new();
            };
            [
                format!("\u{1}{}", date.format("%Y")),
                format!("\u{1}{}", date.format("%Y-%m")),
            ]
            .into_iter()
            .map(|key| {
                let next = vocab.len() as u32;
                *vocab.entry(key.clone()).or_insert_with(|| {
                    surface.push(key);
                    surface_is_name.push(false);
                    written_lower.push(false);
                    next
                })
            })
            .collect()
        })
        .collect();
    // Term ids in the order of the terms themselves, not of first appearance: the same passages
    // then get the same vectors, and the same similarities to the last bit, whatever the order
    // of the documents (float sums run in term-id order).
    let mut by_term: Vec<(&String, u32)> = vocab.iter().map(|(s, &id)| (s, id)).collect();
    by_term.sort_unstable();
    let mut remap = vec![0u32; by_term.len()];
    // Labels still list equally characteristic words in order of first appearance.
    let first_seen: Vec<u32> = by_term.iter().map(|&(_, old)| old).collect();
    let surface: Vec<String> = by_term
        .iter()
        .enumerate()
        .map(|(new, &(_, old))| {
            remap[old as usize] = new as u32;
            surface[old as usize].clone()
        })
        .collect();
    for id in vocab.values_mut() {
        *id = remap[*id as usize];
    }
    for (_, _, ids) in &mut raw_units {
        for (id, _) in ids {
            *id = remap[*id as usize];
        }
    }
    for id in dateline_terms.iter_mut().flatten() {
        *id = remap[*id as usize];
    }
    let nterms = vocab.len();
    let mut is_name = vec![false; nterms];
    for (s, &id) in &vocab {
        let old = first_seen[id as usize] as usize;
        let word = surface[id as usize].as_str();
        // Days and months are capitalized but name no one: reports of one event written on
        // two days must not drift apart by them. Nor do function words in a title ("The",
        // "New", "Us"), abbreviations ("Jr", "St"), or acronyms ("FBI", "NCAA", "AP"), which
        // mostly name bodies that recur from one event to the next.
        let calendar =
            crate::dates::month_number(word).is_some() || word.parse::<chrono::Weekday>().is_ok();
        let acronym = !word.chars().any(char::is_lowercase);
        let function_word = crate::text::is_stopword(&word.to_lowercase());
        is_name[id as usize] = surface_is_name[old]
            && !written_lower[old]
            && !calendar
            && !acronym
            && !function_word
            && word.chars().count() >= 3
            && !s.chars().any(|c| c.is_ascii_digit());
    }
    let is_year: Vec<bool> = {
        let mut v = vec![false; nterms];
        for (s, &id) in &vocab {
            v[id as usize] = crate::text::is_year(s);
        }
        v
    };

    // Sentence-level and document-level document frequencies.
    let mut sdf = vec![0u32; nterms];
    let mut ddf = vec![0u32; nterms];
    let mut doc_tf: Vec<HashMap<u32, (f32, bool)>> = vec![HashMap::new(); ndocs];
    for (d, _, ids) in &raw_units {
        let mut seen: Vec<u32> = ids.iter().map(|x| x.0).collect();
        seen.sort_unstable();
        seen.dedup();
        for &t in &seen {
            sdf[t as usize] += 1;
        }
        for &(t, anchor) in ids {
            let e = doc_tf[*d].entry(t).or_insert((0.0, false));
            e.0 += 1.0;
            e.1 |= anchor;
        }
    }
    for (tf, ids) in doc_tf.iter_mut().zip(&dateline_terms) {
        for &t in ids {
            tf.insert(t, (1.0, true));
        }
    }
    for tf in &doc_tf {
        for &t in tf.keys() {
            ddf[t as usize] += 1;
        }
    }
    let nsent = raw_units.len().max(1) as f32;

    let units: Vec<Unit> = raw_units
        .iter()
        .map(|(d, i, ids)| {
            let mut m: HashMap<u32, (f32, bool)> = HashMap::new();
            for &(t, a) in ids {
                let e = m.entry(t).or_insert((0.0, false));
                e.0 += 1.0;
                e.1 |= a;
            }
            let mut vec: Vec<(u32, f32)> = m
                .iter()
                .map(|(&t, &(tf, a))| {
                    let w = (1.0 + tf.ln())
                        * idf(sdf[t as usize], nsent)
                        * if a { tuning.anchor_weight } else { 1.0 };
                    (t, w)
                })
                .collect();
            normalize(&mut vec);
            let mut anchors: Vec<u32> = m.iter().filter(|(_, v)| v.1).map(|(&t, _)| t).collect();
            anchors.sort_unstable();
            let mut years: Vec<u32> = m.keys().copied().filter(|&t| is_year[t as usize]).collect();
            years.sort_unstable();
            Unit {
                doc: *d,
                passage: *i,
                passage_end: *i,
                vec,
                anchors,
                years,
            }
        })
        .collect();
    let ndocf = ndocs.max(1) as f32;
    let doc_vecs: Vec<Vec<(u32, f32)>> = doc_tf
        .iter()
        .map(|tf| {
            let mut v: Vec<(u32, f32)> = tf
                .iter()
                .map(|(&t, &(n, a))| {
                    let w = (1.0 + n.ln())
                        * idf(ddf[t as usize], ndocf)
                        * if a { tuning.anchor_weight } else { 1.0 };
                    (t, w)
                })
                .collect();
            // Words of one document only still count in its length, so two documents that share
            // a few words among many different ones are not close.
            normalize(&mut v);
            v.retain(|(t, _)| ddf[*t as usize] >= 2);
            v
        })
        .collect();
    let doc_names = doc_tf.iter().map(|tf| names_of(tf, &is_name)).collect();
    Space {
        units,
        doc_vecs,
        doc_names,
        sdf,
        nsent,
        surface,
        first_seen,
        nterms,
    }
}

/// How much a term weighs in a comparison of `n` units (sentences, documents) of which `df`
/// have it: the fewer, the more; a term every unit has weighs next to nothing.
pub(super) fn idf(df: u32, n: f32) -> f32 {
    ((n + 1.0) / (df as f32 + 0.5)).ln().max(0.0)
}

/// The dot product of two sparse vectors sorted by term id, summed in term order.
pub(super) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    dot_over(a, b, |_| true)
}

/// [`dot`] over the terms `counted` keeps.
#[inline]
pub(super) fn dot_over(a: &[(u32, f32)], b: &[(u32, f32)], counted: impl Fn(u32) -> bool) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if counted(a[i].0) {
                    s += a[i].1 * b[j].1;
                }
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// The summed vectors of clusters that grow by merging (documents into stories, passages into
/// groups), each cluster named by one of its members; a member alone is its own vector. The
/// sum of the similarities between two clusters is the dot product of their sums.
pub(super) struct Sums<'a> {
    vecs: Vec<&'a [(u32, f32)]>,
    sums: Vec<Option<rustc_hash::FxHashMap<u32, f32>>>,
}

impl<'a> Sums<'a> {
    /// Each member its own cluster.
    pub(super) fn new(vecs: Vec<&'a [(u32, f32)]>) -> Self {
        let sums = vec![None; vecs.len()];
        Self { vecs, sums }
    }

    /// The dot product of the sums of clusters `a` and `b`.
    pub(super) fn dot(&self, a: usize, b: usize) -> f32 {
        type Sum = rustc_hash::FxHashMap<u32, f32>;
        let lookup = |sum: &Sum, v: &[(u32, f32)]| -> f32 {
            v.iter().filter_map(|(t, w)| Some(w * sum.get(t)?)).sum()
        };
        match (&self.sums[a], &self.sums[b]) {
            (None, None) => dot(self.vecs[a], self.vecs[b]),
            (Some(x), None) => lookup(x, self.vecs[b]),
            (None, Some(y)) => lookup(y, self.vecs[a]),
            (Some(x), Some(y)) => {
                let (small, large) = if x.len() <= y.len() { (x, y) } else { (y, x) };
                small
                    .iter()
                    .filter_map(|(t, w)| Some(w * large.get(t)?))
                    .sum()
            }
        }
    }

    /// Cluster `gone` joins cluster `keep` (the smaller sum is added into the larger).
    pub(super) fn merge(&mut self, keep: usize, gone: usize) {
        let x = self.take(keep);
        let y = self.take(gone);
        let (mut large, small) = if x.len() >= y.len() { (x, y) } else { (y, x) };
        for (t, w) in small {
            *large.entry(t).or_default() += w;
        }
        self.sums[keep] = Some(large);
    }

    fn take(&mut self, c: usize) -> rustc_hash::FxHashMap<u32, f32> {
        self.sums[c]
            .take()
            .unwrap_or_else(|| self.vecs[c].iter().copied().collect())
    }
}

/// The names a document gives (its term counts `tf`, with whether a term was ever a name in
/// it; `is_name` per term): words read as names (capitalized inside a sentence, or in a Title
/// Case headline where they are names in running text elsewhere) that the comparison never
/// writes in lower case, and that are no day, month, acronym, function word or abbreviation —
/// the people and places of a story: "Reid", "Malibu"; not "Navy" where another report writes
/// "navy". As sorted term ids.
fn names_of(tf: &HashMap<u32, (f32, bool)>, is_name: &[bool]) -> Vec<u32> {
    let mut out: Vec<u32> = tf
        .iter()
        .filter(|(t, (_, anchor))| *anchor && is_name[**t as usize])
        .map(|(&t, _)| t)
        .collect();
    out.sort_unstable();
    out
}

/// Scales a sparse vector to unit length and sorts it by term id. Sorting first makes the sum,
/// and so every similarity, independent of hash-map order: the same input gives the same report.
pub(super) fn normalize(v: &mut [(u32, f32)]) {
    v.sort_unstable_by_key(|x| x.0);
    let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in v.iter_mut() {
            x.1 /= norm;
        }
    }
}

pub(super) fn count_shared(a: &[(u32, f32)], b: &[(u32, f32)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

pub(super) fn count_shared_ids(a: &[u32], b: &[u32]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// Random sparse unit vectors, sorted by term id, for tests that check a fast search against
/// weighing every pair: `n` vectors in families of about five that share most of their terms
/// (so some pairs are alike and most are not), over a vocabulary where low term ids are common.
#[cfg(test)]
pub(super) fn random_vectors(n: usize, seed: u64) -> Vec<Vec<(u32, f32)>> {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut unit = move || (next() % 1_000_000) as f32 / 1_000_000.0;
    let mut out = Vec::with_capacity(n);
    let mut family: Vec<u32> = Vec::new();
    for i in 0..n {
        if i % 5 == 0 {
            // Term ids spread from 0 to ~2,000, the low ones far more often (as common words are).
            family = (0..12).map(|_| 2000f32.powf(unit()) as u32).collect();
        }
        let mut terms: Vec<u32> = family.iter().copied().filter(|_| unit() < 0.7).collect();
        terms.extend((0..8).map(|_| 2000f32.powf(unit()) as u32));
        terms.sort_unstable();
        terms.dedup();
        let mut v: Vec<(u32, f32)> = terms.into_iter().map(|t| (t, 0.1 + unit())).collect();
        normalize(&mut v);
        out.push(v);
    }
    out
}
