//! Passages made of several sentences: adjacent sentences of a document that say the same thing
//! are joined before aligning, and the adjacent members of a group after it.

use super::vectors::{Unit, dot, normalize};
use crate::model::Comparison;

/// Joins adjacent sentences of a document that say the same thing (a headline and the lead that
/// restates it, a quote and its attribution) into one passage of at most three sentences, and
/// renumbers the document's passages to match.
pub(super) fn merge_runs(cmp: &mut Comparison, units: Vec<Unit>, threshold: f32) -> Vec<Unit> {
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
pub(super) fn rebuild_passages(
    cmp: &mut Comparison,
    runs: &[Vec<(usize, usize)>],
) -> Vec<Vec<usize>> {
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
