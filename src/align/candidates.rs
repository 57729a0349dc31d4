//! Stage 3 of aligning: candidate passage pairs, from an inverted index over terms (never all
//! pairs). Units with the same vector (wire copy republished by many outlets, a stock sentence)
//! form one class: candidates and similarities are computed once per pair of classes and only
//! then expanded to the pairs of passages, which gives exactly the similarities a pass over every
//! passage would. Pairs that state different years are never candidates.

use std::collections::HashMap;

use rayon::prelude::*;

use super::Tuning;
use super::stories::Stories;
use super::vectors::{Unit, count_shared, count_shared_ids, dot};
use crate::model::Comparison;

/// The candidate pairs of a comparison.
pub(super) struct Candidates {
    pub classes: Classes,
    /// Similarity of each pair of classes that is a candidate, and whether the two share two or
    /// more anchors.
    pub sims: HashMap<(u32, u32), (f32, bool)>,
    /// The pairs of units that are edges, most similar first: (similarity, unit, unit).
    pub edges: Vec<(f32, u32, u32)>,
}

/// Finds the candidate pairs and the edges among them.
pub(super) fn find(
    cmp: &Comparison,
    units: &[Unit],
    nterms: usize,
    stories: &Stories,
    tuning: &Tuning,
) -> Candidates {
    let classes = Classes::new(units);
    let df_cap = (units.len() / 8).max(200);
    let lowest = tuning.within.min(tuning.across);
    let class_sims = classes.candidate_pairs(units, nterms, df_cap, |a, b, sim| {
        let shared = count_shared(&a.vec, &b.vec);
        let years_clash =
            !a.years.is_empty() && !b.years.is_empty() && count_shared_ids(&a.years, &b.years) == 0;
        (!years_clash && shared >= 2 && sim >= lowest)
            .then(|| (sim, count_shared_ids(&a.anchors, &b.anchors) >= 2))
    });
    let mut edges: Vec<(f32, u32, u32)> = class_sims
        .par_iter()
        .flat_map_iter(|(&(ca, cb), &(sim, anchors))| {
            let (ma, mb) = (&classes.members[ca as usize], &classes.members[cb as usize]);
            let mut out = Vec::new();
            for (k, &x) in ma.iter().enumerate() {
                let others = if ca == cb { &mb[k + 1..] } else { &mb[..] };
                for &y in others {
                    let (a, b) = if x < y { (x, y) } else { (y, x) };
                    if stories.is_edge(
                        units[a as usize].doc,
                        units[b as usize].doc,
                        sim,
                        anchors,
                        tuning,
                    ) {
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
    Candidates {
        classes,
        sims: class_sims,
        edges,
    }
}

impl Candidates {
    /// A pair's weight in a group's average: its similarity when it is an edge; otherwise,
    /// between two documents that firmly tell one story (and state no different years), its own
    /// similarity below the edge threshold when the two passages share enough terms; else zero.
    pub fn pair_sim(
        &self,
        units: &[Unit],
        stories: &Stories,
        tuning: &Tuning,
        a: u32,
        b: u32,
    ) -> f32 {
        let (ua, ub) = (&units[a as usize], &units[b as usize]);
        let (ca, cb) = (self.classes.of[a as usize], self.classes.of[b as usize]);
        let k = if ca <= cb { (ca, cb) } else { (cb, ca) };
        match self.sims.get(&k) {
            Some(&(sim, anchors)) if stories.is_edge(ua.doc, ub.doc, sim, anchors, tuning) => sim,
            _ if stories.firm(ua.doc, ub.doc, tuning)
                && (ua.years.is_empty()
                    || ub.years.is_empty()
                    || count_shared_ids(&ua.years, &ub.years) > 0)
                && count_shared(&ua.vec, &ub.vec) >= tuning.soft_shared =>
            {
                dot(&ua.vec, &ub.vec)
            }
            _ => 0.0,
        }
    }
}

/// Units with identical vectors and anchors, which are alike to every other unit in exactly the
/// same way.
pub(super) struct Classes {
    /// Class of each unit.
    pub of: Vec<u32>,
    /// Units of each class, in increasing order; classes in order of their first unit.
    pub members: Vec<Vec<u32>>,
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
