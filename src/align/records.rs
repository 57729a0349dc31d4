//! Stage 5 of aligning: the groups written into the comparison. A group's adjacent passages of
//! one document become one passage; each group gets a label, a reference passage (the member most
//! like the others) and its cohesion, and each member passage its group.

use std::collections::HashMap;

use rayon::prelude::*;

use super::Tuning;
use super::candidates::Candidates;
use super::groups::Slots;
use super::passages::rebuild_passages;
use super::stories::Stories;
use super::vectors::{Space, Unit};
use crate::model::{Comparison, Group};

/// Writes `groups` into `cmp`: its passages rebuilt, its group records, each passage's group.
pub(super) fn write(
    cmp: &mut Comparison,
    units: &[Unit],
    groups: &[Slots],
    space: &Space,
    cands: &Candidates,
    stories: &Stories,
    tuning: &Tuning,
) {
    let ndocs = cmp.documents.len();
    let mut runs: Vec<Vec<(usize, usize)>> = vec![Vec::new(); ndocs];
    for slots in groups {
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
            .map(|&x| {
                b.iter()
                    .map(|&y| cands.pair_sim(units, stories, tuning, x, y))
                    .sum::<f32>()
            })
            .sum();
        total / (a.len() * b.len()) as f32
    };
    let records: Vec<Group> = groups
        .par_iter()
        .enumerate()
        .map(|(gi, g)| {
            // Only pairs of two documents count: a report's second place in the group (told
            // again) is not weighed against its first. The reference is a document's first
            // place, so no report's first place is diffed against its own later words.
            let n = g.len();
            let doc_of = |i: usize| units[g[i][0] as usize].doc;
            let first = |i: usize| i == 0 || doc_of(i - 1) != doc_of(i);
            let mut score = vec![0.0f32; n];
            let (mut total, mut pairs) = (0.0, 0usize);
            for i in 0..n {
                for j in (i + 1)..n {
                    if doc_of(i) == doc_of(j) {
                        continue;
                    }
                    let s = slot_sim(&g[i], &g[j]);
                    score[i] += s;
                    score[j] += s;
                    total += s;
                    pairs += 1;
                }
            }
            let reference = (0..n)
                .filter(|&i| first(i))
                .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
                .unwrap_or(0);
            let passage_of =
                |s: &[u32]| &cmp.documents[units[s[0] as usize].doc].passages[slot_passage(s)];
            let pid = |s: &[u32]| passage_of(s).id.clone();
            Group {
                id: format!("g{gi}"),
                label: label(g, units, space),
                reference: pid(&g[reference]),
                passages: g.iter().map(|s| pid(s)).collect(),
                cohesion: total / pairs.max(1) as f32,
                // Filled by the word-diff stage (`diff::diff_groups`).
                disagreement: 0.0,
                diffs: Vec::new(),
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
    cmp.groups = records;
}

/// Up to four characteristic words: shared by the most members, rarest first, then in order of
/// first appearance (`first_seen[term]`).
fn label(g: &[Vec<u32>], units: &[Unit], space: &Space) -> String {
    let (sdf, n, surface, first_seen) =
        (&space.sdf, space.nsent, &space.surface, &space.first_seen);
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
