//! Aligning: which passages in different documents report the same event.
//!
//! Sentence similarity alone cannot keep two look-alike events apart (two earthquakes, two
//! arrests): their sentences share most words. Stories differ in their anchors — names, places,
//! numbers, dates — across the whole article. So alignment works in two levels:
//!
//! 1. **Stories.** Documents are clustered by TF-IDF similarity of their whole text, with anchors
//!    weighted up (average linkage, so one shared name cannot chain two stories together). A
//!    document's dateline adds its year and month.
//! 2. **Passages.** Candidate sentence pairs come from an inverted index over terms (never all
//!    pairs). Inside a story a pair needs moderate similarity; across stories it needs a strong
//!    one with shared anchors. Pairs that state different years are never joined. Groups are then
//!    grown by constrained average linkage: at most one passage per document (or a passage and
//!    the one right after it, which then become one passage: a report often tells an event over
//!    two sentences, or in its headline and the lead under the timestamp line), and a passage
//!    joins a group only if it is similar to the group as a whole — A~B and B~C do not make A~C.
//!    Between two documents that clearly tell the same story, the average counts every pair's
//!    own similarity, also below the pair threshold, rather than zero: paraphrases of one event
//!    ("three die", "left three people dead") share few words pairwise, yet each is close to the
//!    group as a whole. Two groups whose passages sit side by side in two or more reports (the
//!    headlines and the leads) merge at half the bar: the reports' own order is evidence.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::diff;
use crate::model::{Comparison, Group};
use crate::pipeline::{Cancelled, Options};
use crate::text::{Term, terms_in};

/// Thresholds of the aligner. Chosen on general grounds and checked on the development set; not
/// fitted to any text.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    /// Average document similarity for two documents to be in one story.
    pub story: f32,
    /// Sentence similarity for a candidate pair inside one story.
    pub within: f32,
    /// Sentence similarity for a candidate pair across stories.
    pub across: f32,
    /// Average linkage a passage (or group) needs to join a group. Below `within`: an edge (a
    /// pair that can start a group or join two) must be alike on its own, while the average
    /// counts the real, lower similarity of a group's other pairs (see the module doc), not zero.
    pub group: f32,
    /// Weight of anchors (names, numbers) relative to other words.
    pub anchor_weight: f32,
    /// Similarity at which adjacent sentences of one document form one passage.
    pub run: f32,
    /// Documents of one story this many times above `story` are "firmly" alike; below it, a
    /// passage pair needs more than `within`, rising towards `across`.
    pub firm_story: f32,
    /// Most adjacent passages of one document a group may hold (shown as one passage).
    pub span: usize,
    /// Share of `group` two groups need when their passages are adjacent in two or more
    /// documents (see [`spans_fit`]).
    pub parallel: f32,
    /// Content terms a pair below the edge bar must share to count in a group's average: one or
    /// two shared words (a name, a common verb) are what any two sentences of one story share.
    pub soft_shared: usize,
}

impl Default for Tuning {
    fn default() -> Self {
        Self {
            story: 0.05,
            within: 0.18,
            across: 0.7,
            group: 0.16,
            anchor_weight: 1.6,
            run: 0.4,
            firm_story: 1.5,
            span: 2,
            parallel: 0.5,
            soft_shared: 3,
        }
    }
}

/// One alignable sentence.
struct Unit {
    doc: usize,
    passage: usize,
    /// Last passage of a run being merged (equal to `passage` outside [`merge_runs`]).
    passage_end: usize,
    /// Sparse, L2-normalized weights, sorted by term id.
    vec: Vec<(u32, f32)>,
    anchors: Vec<u32>,
    years: Vec<u32>,
}

/// Aligns the passages of `cmp.documents` and fills `cmp.groups` (and each passage's `group`).
pub fn align(cmp: &mut Comparison, opts: &Options, cancel: &AtomicBool) -> Result<(), Cancelled> {
    align_with(cmp, opts, &Tuning::default(), cancel)
}

/// [`align`] with explicit thresholds.
pub fn align_with(
    cmp: &mut Comparison,
    opts: &Options,
    tuning: &Tuning,
    cancel: &AtomicBool,
) -> Result<(), Cancelled> {
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
    for (d, i, ts) in per_passage.into_iter().flatten() {
        let ids = ts
            .into_iter()
            .map(|t| {
                let next = vocab.len() as u32;
                let id = *vocab.entry(t.stem).or_insert_with(|| {
                    surface.push(t.surface.to_lowercase());
                    surface_is_name.push(false);
                    next
                });
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

    let idf = |df: u32, n: f32| ((n + 1.0) / (df as f32 + 0.5)).ln().max(0.0);

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
    if cancel.load(Ordering::Relaxed) {
        return Err(Cancelled);
    }
    let units = merge_runs(cmp, units, tuning.run);

    // 1. Stories.
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
    let doc_sim = sparse_all_pairs(&doc_vecs, ndocs, usize::MAX);
    let story = cluster_stories(ndocs, &doc_sim, tuning.story);
    for (d, doc) in cmp.documents.iter_mut().enumerate() {
        doc.story = story[d];
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(Cancelled);
    }

    // 2. Candidate passage pairs. Units with the same vector (wire copy republished by many
    //    outlets, a stock sentence) form one class: candidates and similarities are computed once
    //    per pair of classes and only then expanded to the pairs of passages, which gives exactly
    //    the similarities a pass over every passage would.
    let classes = Classes::new(&units);
    let df_cap = (units.len() / 8).max(200);
    let lowest = tuning.within.min(tuning.across);
    let class_sims = classes.candidate_pairs(&units, nterms, df_cap, |a, b, sim| {
        let shared = count_shared(&a.vec, &b.vec);
        let years_clash =
            !a.years.is_empty() && !b.years.is_empty() && count_shared_ids(&a.years, &b.years) == 0;
        (!years_clash && shared >= 2 && sim >= lowest)
            .then(|| (sim, count_shared_ids(&a.anchors, &b.anchors) >= 2))
    });
    // Whether a pair of passages of two documents, similar by `sim`, is an edge.
    let accept = |da: usize, db: usize, sim: f32, anchors: bool| {
        if da == db {
            false
        } else if story[da] == story[db] {
            // Two documents of a story that are only loosely alike need stronger evidence
            // from a passage pair than two that clearly tell the same story.
            let ds = doc_sim[da][db];
            let firm = tuning.story * tuning.firm_story;
            let need = if ds >= firm {
                tuning.within
            } else {
                tuning.within + (tuning.across - tuning.within) * (1.0 - ds / firm)
            };
            sim >= need
        } else {
            sim >= tuning.across && anchors
        }
    };
    let mut edges: Vec<(f32, u32, u32)> = class_sims
        .par_iter()
        .flat_map_iter(|(&(ca, cb), &(sim, anchors))| {
            let (ma, mb) = (&classes.members[ca as usize], &classes.members[cb as usize]);
            let mut out = Vec::new();
            for (k, &x) in ma.iter().enumerate() {
                let others = if ca == cb { &mb[k + 1..] } else { &mb[..] };
                for &y in others {
                    let (a, b) = if x < y { (x, y) } else { (y, x) };
                    if accept(units[a as usize].doc, units[b as usize].doc, sim, anchors) {
                        out.push((sim, a, b));
                    }
                }
            }
            out.into_iter()
        })
        .collect();
    // Equally similar pairs are taken in the order of their texts, not of their documents, so
    // that the order the documents are given in does not decide a tie. `text_rank` orders the
    // units by text (equal texts, equal rank).
    let text_rank: Vec<u32> = {
        let unit_text = |u: usize| {
            let u = &units[u];
            cmp.documents[u.doc].passages[u.passage].text.as_str()
        };
        let mut order: Vec<usize> = (0..units.len()).collect();
        order.par_sort_by(|&a, &b| unit_text(a).cmp(unit_text(b)).then(a.cmp(&b)));
        let mut rank = vec![0u32; units.len()];
        let mut r = 0;
        for (k, &u) in order.iter().enumerate() {
            if k > 0 && unit_text(order[k - 1]) != unit_text(u) {
                r += 1;
            }
            rank[u] = r;
        }
        rank
    };
    let pair_rank = |a: u32, b: u32| {
        let (ra, rb) = (text_rank[a as usize], text_rank[b as usize]);
        if ra <= rb { (ra, rb) } else { (rb, ra) }
    };
    edges.par_sort_unstable_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| pair_rank(x.1, x.2).cmp(&pair_rank(y.1, y.2)))
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
    });
    if cancel.load(Ordering::Relaxed) {
        return Err(Cancelled);
    }

    // 3. Groups by constrained average linkage. A pair's weight in the average is its similarity
    //    when it is an edge; otherwise, between two documents that firmly tell one story (and
    //    state no different years), its own similarity below the edge threshold when the two
    //    passages share enough terms; else zero.
    let firm = tuning.story * tuning.firm_story;
    let pair_sim = |a: u32, b: u32| -> f32 {
        let (ua, ub) = (&units[a as usize], &units[b as usize]);
        let (ca, cb) = (classes.of[a as usize], classes.of[b as usize]);
        let k = if ca <= cb { (ca, cb) } else { (cb, ca) };
        match class_sims.get(&k) {
            Some(&(sim, anchors)) if accept(ua.doc, ub.doc, sim, anchors) => sim,
            _ if ua.doc != ub.doc
                && story[ua.doc] == story[ub.doc]
                && doc_sim[ua.doc][ub.doc] >= firm
                && (ua.years.is_empty()
                    || ub.years.is_empty()
                    || count_shared_ids(&ua.years, &ub.years) > 0)
                && count_shared(&ua.vec, &ub.vec) >= tuning.soft_shared =>
            {
                dot(&ua.vec, &ub.vec)
            }
            _ => 0.0,
        }
    };
    let mut group_of: Vec<usize> = (0..units.len()).collect();
    let mut members: Vec<Vec<u32>> = (0..units.len() as u32).map(|u| vec![u]).collect();
    // Position of each unit in its document, where passages with no more than two boilerplate
    // lines between them (a headline, its dateline and byline, the lead) count as adjacent.
    let ord: Vec<usize> = {
        let mut last: Vec<Option<(usize, usize)>> = vec![None; ndocs];
        units
            .iter()
            .map(|u| {
                let o = match last[u.doc] {
                    Some((passage, o)) if u.passage <= passage + 3 => o + 1,
                    Some((_, o)) => o + 2,
                    None => 0,
                };
                last[u.doc] = Some((u.passage, o));
                o
            })
            .collect()
    };
    // (document, position) of each group's members, sorted; and a version that changes whenever
    // the group does, so a merge refused once is not weighed again until one of the two groups
    // has changed.
    let mut docs_of: Vec<Vec<(usize, usize)>> = units
        .iter()
        .zip(&ord)
        .map(|(u, &o)| vec![(u.doc, o)])
        .collect();
    let mut version = vec![0u32; units.len()];
    let mut refused: HashMap<(usize, usize), (u32, u32)> = HashMap::new();
    for &(_, a, b) in &edges {
        let (ga, gb) = (group_of[a as usize], group_of[b as usize]);
        if ga == gb || refused.get(&(ga, gb)) == Some(&(version[ga], version[gb])) {
            continue;
        }
        let (ma, mb) = (&members[ga], &members[gb]);
        let accepted = spans_fit(&docs_of[ga], &docs_of[gb], tuning.span).is_some_and(|shared| {
            // Passages of one document become one passage: only pairs of documents count.
            let (mut total, mut n) = (0.0f32, 0usize);
            for &x in ma {
                for &y in mb {
                    if units[x as usize].doc != units[y as usize].doc {
                        total += pair_sim(x, y);
                        n += 1;
                    }
                }
            }
            // Two groups whose passages sit side by side in two or more reports are one event
            // told over two sentences (a headline and its lead, a claim and its source): the
            // reports' own order is evidence, so the bar is lower.
            let bar = if shared >= 2 {
                tuning.group * tuning.parallel
            } else {
                tuning.group
            };
            n > 0 && total / n as f32 >= bar
        });
        if !accepted {
            refused.insert((ga, gb), (version[ga], version[gb]));
            continue;
        }
        let moved = std::mem::take(&mut members[gb]);
        for &m in &moved {
            group_of[m as usize] = ga;
        }
        members[ga].extend(moved);
        let moved_docs = std::mem::take(&mut docs_of[gb]);
        docs_of[ga].extend(moved_docs);
        docs_of[ga].sort_unstable();
        version[ga] += 1;
        version[gb] += 1;
    }

    // 4. Group records. A group's adjacent passages of one document become one passage.
    let mut groups: Vec<Vec<u32>> = members.into_iter().filter(|m| m.len() >= 2).collect();
    for g in &mut groups {
        g.sort_by_key(|&u| (units[u as usize].doc, units[u as usize].passage));
    }
    groups.sort_by_key(|g| {
        let u = &units[g[0] as usize];
        (u.doc, u.passage)
    });
    // Each group as its documents' runs of units, in document order.
    let groups: Vec<Vec<Vec<u32>>> = groups
        .into_iter()
        .map(|g| {
            let mut slots: Vec<Vec<u32>> = Vec::new();
            for u in g {
                match slots.last_mut() {
                    Some(s) if units[s[0] as usize].doc == units[u as usize].doc => s.push(u),
                    _ => slots.push(vec![u]),
                }
            }
            slots
        })
        .collect();
    let mut runs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); ndocs];
    for slots in &groups {
        for s in slots.iter().filter(|s| s.len() >= 2) {
            let (first, last) = (&units[s[0] as usize], &units[s[s.len() - 1] as usize]);
            runs[first.doc].push((first.passage, last.passage));
        }
    }
    for r in &mut runs {
        r.sort_unstable();
    }
    let new_index = rebuild_passages(cmp, &runs);
    // The passage a slot became.
    let slot_passage = |s: &[u32]| {
        let u = &units[s[0] as usize];
        new_index[u.doc][u.passage]
    };
    let slot_sim = |a: &[u32], b: &[u32]| {
        let total: f32 = a
            .iter()
            .map(|&x| b.iter().map(|&y| pair_sim(x, y)).sum::<f32>())
            .sum();
        total / (a.len() * b.len()) as f32
    };
    let records: Vec<Group> = groups
        .par_iter()
        .enumerate()
        .map(|(gi, g)| {
            let n = g.len();
            let mut score = vec![0.0f32; n];
            let mut total = 0.0;
            for i in 0..n {
                for j in (i + 1)..n {
                    let s = slot_sim(&g[i], &g[j]);
                    score[i] += s;
                    score[j] += s;
                    total += s;
                }
            }
            let reference = (0..n)
                .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
                .unwrap_or(0);
            let passage_of =
                |s: &[u32]| &cmp.documents[units[s[0] as usize].doc].passages[slot_passage(s)];
            let pid = |s: &[u32]| passage_of(s).id.clone();
            let ref_text = passage_of(&g[reference]).text.as_str();
            let diffs: Vec<_> = g
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != reference)
                .map(|(_, s)| {
                    diff::word_diff(&pid(s), ref_text, &passage_of(s).text, opts.diff_timeout)
                })
                .collect();
            let disagreement = if diffs.is_empty() {
                0.0
            } else {
                diffs.iter().map(diff::disagreement).sum::<f32>() / diffs.len() as f32
            };
            Group {
                id: format!("g{gi}"),
                label: label(g, &units, &sdf, nsent, &surface, &first_seen),
                reference: pid(&g[reference]),
                passages: g.iter().map(|s| pid(s)).collect(),
                cohesion: total / ((n * (n - 1) / 2) as f32),
                disagreement,
                diffs,
            }
        })
        .collect();
    for doc in &mut cmp.documents {
        for p in &mut doc.passages {
            p.group = None;
        }
    }
    for (gi, g) in groups.iter().enumerate() {
        for s in g {
            let p = slot_passage(s);
            cmp.documents[units[s[0] as usize].doc].passages[p].group = Some(format!("g{gi}"));
        }
    }
    for (g, r) in groups.iter().zip(&records) {
        for d in &r.diffs {
            if let Some(reason) = &d.approximate {
                let u = &units[g[0][0] as usize];
                cmp.warnings.push(crate::model::Warning {
                    path: Some(cmp.documents[u.doc].path.clone()),
                    message: format!("group {}: {reason}", r.id),
                });
            }
        }
    }
    cmp.groups = records;
    Ok(())
}

/// Joins adjacent sentences of a document that say the same thing (a headline and the lead that
/// restates it, a quote and its attribution) into one passage of at most three sentences, and
/// renumbers the document's passages to match.
fn merge_runs(cmp: &mut Comparison, units: Vec<Unit>, threshold: f32) -> Vec<Unit> {
    const MAX_RUN: usize = 3;
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    // Passage index ranges merged, per document: (first, last) in the old numbering.
    let mut runs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); cmp.documents.len()];
    let mut run_len = 0;
    for u in units {
        let joinable = out.last().is_some_and(|prev: &Unit| {
            let doc = &cmp.documents[u.doc];
            prev.doc == u.doc
                && prev.passage_end + 1 == u.passage
                && run_len < MAX_RUN
                && !doc.passages[u.passage].boilerplate
                && dot(&prev.vec, &u.vec) >= threshold
        });
        if joinable && let Some(prev) = out.last_mut() {
            let mut v = prev.vec.clone();
            v.extend(u.vec.iter().copied());
            v.sort_unstable_by_key(|x| x.0);
            let mut merged: Vec<(u32, f32)> = Vec::with_capacity(v.len());
            for (t, w) in v {
                match merged.last_mut() {
                    Some(last) if last.0 == t => last.1 += w,
                    _ => merged.push((t, w)),
                }
            }
            normalize(&mut merged);
            prev.vec = merged;
            prev.anchors.extend(u.anchors);
            prev.anchors.sort_unstable();
            prev.anchors.dedup();
            prev.years.extend(u.years);
            prev.years.sort_unstable();
            prev.years.dedup();
            prev.passage_end = u.passage;
            run_len += 1;
            if let Some(r) = runs[u.doc].last_mut() {
                r.1 = u.passage;
            }
        } else {
            runs[u.doc].push((u.passage, u.passage));
            run_len = 1;
            out.push(u);
        }
    }
    let new_index = rebuild_passages(cmp, &runs);
    for u in &mut out {
        u.passage = new_index[u.doc][u.passage];
        u.passage_end = u.passage;
    }
    out
}

/// Rebuilds each document's passages: the runs `(first, last)` (sorted, in the current
/// numbering) become one passage each; ids follow the new order. Returns, per document, the new
/// index of each old passage.
fn rebuild_passages(cmp: &mut Comparison, runs: &[Vec<(usize, usize)>]) -> Vec<Vec<usize>> {
    let mut all = Vec::with_capacity(cmp.documents.len());
    for (d, doc) in cmp.documents.iter_mut().enumerate() {
        let old = std::mem::take(&mut doc.passages);
        let mut new_index = vec![0usize; old.len()];
        let mut i = 0;
        let mut merged_runs = runs[d].iter().filter(|r| r.1 > r.0).peekable();
        let mut rebuilt = Vec::with_capacity(old.len());
        while i < old.len() {
            let end = match merged_runs.peek() {
                Some(r) if r.0 == i => {
                    let e = r.1;
                    merged_runs.next();
                    e
                }
                _ => i,
            };
            let mut p = old[i].clone();
            for q in &old[i + 1..=end] {
                if q.boilerplate {
                    p.inner_boilerplate.push(crate::model::Span {
                        start: q.start,
                        end: q.end,
                    });
                }
                p.end = q.end;
                p.sentences.extend(q.sentences.iter().copied());
                p.facts.extend(q.facts.iter().cloned());
            }
            p.text = doc.text[p.start..p.end].to_string();
            p.id = format!("{}.p{}", doc.id, rebuilt.len());
            for slot in &mut new_index[i..=end] {
                *slot = rebuilt.len();
            }
            rebuilt.push(p);
            i = end + 1;
        }
        doc.passages = rebuilt;
        all.push(new_index);
    }
    all
}

fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Up to four characteristic words: shared by the most members, rarest first, then in order of
/// first appearance (`first_seen[term]`).
fn label(
    g: &[Vec<u32>],
    units: &[Unit],
    sdf: &[u32],
    n: f32,
    surface: &[String],
    first_seen: &[u32],
) -> String {
    let mut count: HashMap<u32, usize> = HashMap::new();
    for slot in g {
        let mut terms: Vec<u32> = slot
            .iter()
            .flat_map(|&u| units[u as usize].vec.iter().map(|&(t, _)| t))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        for t in terms {
            *count.entry(t).or_default() += 1;
        }
    }
    let mut scored: Vec<(f32, u32)> = count
        .iter()
        .filter(|(_, c)| **c >= 2 || g.len() == 1)
        .map(|(&t, &c)| {
            let idf = (n / sdf[t as usize].max(1) as f32).ln().max(0.1);
            (c as f32 * idf.min(4.0), t)
        })
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(first_seen[a.1 as usize].cmp(&first_seen[b.1 as usize]))
    });
    let words: Vec<&str> = scored
        .iter()
        .take(4)
        .map(|&(_, t)| surface[t as usize].as_str())
        .collect();
    if words.is_empty() {
        "(no shared words)".into()
    } else {
        words.join(" · ")
    }
}

/// Scales a sparse vector to unit length and sorts it by term id. Sorting first makes the sum,
/// and so every similarity, independent of hash-map order: the same input gives the same report.
fn normalize(v: &mut [(u32, f32)]) {
    v.sort_unstable_by_key(|x| x.0);
    let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
    if norm > 0.0 {
        for x in v.iter_mut() {
            x.1 /= norm;
        }
    }
}

fn count_shared(a: &[(u32, f32)], b: &[(u32, f32)]) -> usize {
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

fn count_shared_ids(a: &[u32], b: &[u32]) -> usize {
    a.iter().filter(|x| b.binary_search(x).is_ok()).count()
}

/// Cosine similarities of all pairs of sparse vectors that share a term (dense result).
fn sparse_all_pairs(vecs: &[Vec<(u32, f32)>], n: usize, _cap: usize) -> Vec<Vec<f32>> {
    let mut postings: HashMap<u32, Vec<(usize, f32)>> = HashMap::new();
    for (i, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            postings.entry(t).or_default().push((i, w));
        }
    }
    (0..n)
        .into_par_iter()
        .map(|i| {
            let mut row = vec![0.0f32; n];
            for &(t, w) in &vecs[i] {
                if let Some(p) = postings.get(&t) {
                    for &(j, w2) in p {
                        row[j] += w * w2;
                    }
                }
            }
            row[i] = 0.0;
            row
        })
        .collect()
}

/// Units with identical vectors and anchors, which are alike to every other unit in exactly the
/// same way.
struct Classes {
    /// Class of each unit.
    of: Vec<u32>,
    /// Units of each class, in increasing order; classes in order of their first unit.
    members: Vec<Vec<u32>>,
}

impl Classes {
    fn new(units: &[Unit]) -> Self {
        // Key: the vector's terms and weights (as bits), and the anchors.
        type Key<'a> = (Vec<(u32, u32)>, &'a [u32]);
        let mut index: HashMap<Key, u32> = HashMap::new();
        let mut of = Vec::with_capacity(units.len());
        let mut members: Vec<Vec<u32>> = Vec::new();
        for (i, u) in units.iter().enumerate() {
            let key: Vec<(u32, u32)> = u.vec.iter().map(|&(t, w)| (t, w.to_bits())).collect();
            let next = members.len() as u32;
            let c = *index.entry((key, u.anchors.as_slice())).or_insert(next);
            if c == next {
                members.push(Vec::new());
            }
            members[c as usize].push(i as u32);
            of.push(c);
        }
        Self { of, members }
    }

    /// Pairs of classes `(a, b)`, `a <= b`, whose units share a term used by at most `df_cap`
    /// units, with the units' similarity over those terms, kept where `keep` (given one unit of
    /// each class) returns a value. A class is paired with itself when it has two units.
    fn candidate_pairs<T: Send>(
        &self,
        units: &[Unit],
        nterms: usize,
        df_cap: usize,
        keep: impl Fn(&Unit, &Unit, f32) -> Option<T> + Sync,
    ) -> HashMap<(u32, u32), T> {
        let n = self.members.len();
        let rep = |c: usize| &units[self.members[c][0] as usize];
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); nterms];
        let mut df = vec![0usize; nterms];
        for c in 0..n {
            for &(t, w) in &rep(c).vec {
                postings[t as usize].push((c as u32, w));
                df[t as usize] += self.members[c].len();
            }
        }
        let per_class: Vec<Vec<((u32, u32), T)>> = (0..n)
            .into_par_iter()
            .map_init(
                || (vec![0.0f32; n], vec![false; n], Vec::<u32>::new()),
                |(acc, seen, touched), i| {
                    let twins = self.members[i].len() >= 2;
                    // The similarity of a pair sums the products of the shared terms in term
                    // order, as a pass over the first unit's terms would.
                    for &(t, w) in &rep(i).vec {
                        if df[t as usize] > df_cap {
                            continue;
                        }
                        for &(j, w2) in &postings[t as usize] {
                            let j = j as usize;
                            if j > i || (j == i && twins) {
                                if !seen[j] {
                                    seen[j] = true;
                                    touched.push(j as u32);
                                }
                                acc[j] += w * w2;
                            }
                        }
                    }
                    touched.sort_unstable();
                    touched
                        .drain(..)
                        .filter_map(|j| {
                            seen[j as usize] = false;
                            let sim = std::mem::take(&mut acc[j as usize]);
                            keep(rep(i), rep(j as usize), sim).map(|v| ((i as u32, j), v))
                        })
                        .collect()
                },
            )
            .collect();
        per_class.into_iter().flatten().collect()
    }
}

/// Whether two groups, given as sorted (document, position) lists, can be one: every document
/// they share must be left with adjacent passages, at most `span` of them. Returns how many
/// documents they share.
fn spans_fit(a: &[(usize, usize)], b: &[(usize, usize)], span: usize) -> Option<usize> {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                let d = a[i].0;
                let ea = a[i..].iter().take_while(|x| x.0 == d).count();
                let eb = b[j..].iter().take_while(|x| x.0 == d).count();
                let mut ps: Vec<usize> = a[i..i + ea]
                    .iter()
                    .chain(&b[j..j + eb])
                    .map(|x| x.1)
                    .collect();
                ps.sort_unstable();
                if ps.len() > span || ps[ps.len() - 1] - ps[0] + 1 != ps.len() {
                    return None;
                }
                shared += 1;
                i += ea;
                j += eb;
            }
        }
    }
    Some(shared)
}

/// Average-linkage clustering of documents: pairs in decreasing similarity, merged while the
/// mean similarity between the two clusters stays at or above `threshold`.
fn cluster_stories(n: usize, sim: &[Vec<f32>], threshold: f32) -> Vec<usize> {
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, row) in sim.iter().enumerate() {
        for (j, &s) in row.iter().enumerate().skip(i + 1) {
            if s >= threshold {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut root: Vec<usize> = (0..n).collect();
    let mut size = vec![1usize; n];
    let mut link: Vec<Vec<f32>> = sim.to_vec();
    for (_, i, j) in pairs {
        let (a, b) = (find(&mut root, i), find(&mut root, j));
        if a == b {
            continue;
        }
        if link[a][b] / ((size[a] * size[b]) as f32) < threshold {
            continue;
        }
        // Merge b into a. Rows of clusters merged away are emptied: only roots are read.
        let row_b = std::mem::take(&mut link[b]);
        for (k, v) in row_b.into_iter().enumerate() {
            link[a][k] += v;
            let merged = link[a][k];
            if let Some(x) = link[k].get_mut(a) {
                *x = merged;
            }
        }
        root[b] = a;
        size[a] += size[b];
    }
    // Story numbers in order of first document.
    let mut ids: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|i| {
            let r = find(&mut root, i);
            let next = ids.len();
            *ids.entry(r).or_insert(next)
        })
        .collect()
}

fn find(root: &mut [usize], mut i: usize) -> usize {
    while root[i] != i {
        root[i] = root[root[i]];
        i = root[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The invented dam reports: each opens with a headline, a timestamp and a lead.
    fn dam_reports() -> Comparison {
        let mut cmp = Comparison::empty();
        for (i, (name, text)) in [
            (
                "dam_a.txt",
                include_str!("../tests/fixtures/parallel/dam_a.txt"),
            ),
            (
                "dam_b.txt",
                include_str!("../tests/fixtures/parallel/dam_b.txt"),
            ),
            (
                "dam_c.txt",
                include_str!("../tests/fixtures/parallel/dam_c.txt"),
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let loaded = crate::load::load_bytes(name, text.as_bytes()).expect("loads");
            cmp.documents
                .push(crate::pipeline::build_document(i, loaded, None).0);
        }
        cmp
    }

    /// Per document, whether its headline passage also holds its lead.
    fn headline_holds_lead(cmp: &Comparison) -> Vec<bool> {
        cmp.documents
            .iter()
            .map(|d| {
                d.passages[0].group.is_some()
                    && d.passages[0].text.contains("2,000")
                    && d.passages[0].text.contains("Harlow")
            })
            .collect()
    }

    #[test]
    fn groups_side_by_side_in_several_reports_merge_at_a_lower_bar() {
        let never = AtomicBool::new(false);
        let opts = Options::default();
        // A bar high enough that the headlines and the leads form two groups of their own…
        let strict = Tuning {
            group: 0.3,
            parallel: 1.0,
            ..Tuning::default()
        };
        let mut cmp = dam_reports();
        align_with(&mut cmp, &opts, &strict, &never).expect("aligns");
        assert_eq!(headline_holds_lead(&cmp), vec![false; 3]);
        // …and the same bar, lowered for groups whose passages are adjacent in two or more
        // reports: each report's headline and lead become one passage of one group.
        let parallel = Tuning {
            parallel: 0.5,
            ..strict
        };
        let mut cmp = dam_reports();
        align_with(&mut cmp, &opts, &parallel, &never).expect("aligns");
        assert_eq!(headline_holds_lead(&cmp), vec![true; 3]);
        let g = cmp.documents[0].passages[0].group.clone();
        assert!(cmp.documents.iter().all(|d| d.passages[0].group == g));
    }
}
