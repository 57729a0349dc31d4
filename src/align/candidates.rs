//! Stage 3 of aligning: candidate passage pairs, from an inverted index over terms (never all
//! pairs). Units with the same vector (wire copy republished by many outlets, a stock sentence)
//! form one class: candidates are found once per pair of classes and only then expanded to the
//! pairs of passages, which gives exactly the similarities a pass over every passage would.
//! Pairs that state different years are never candidates.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::Tuning;
use super::stories::Stories;
use super::vectors::{Unit, count_shared, count_shared_ids, dot, dot_over};
use crate::model::Comparison;

/// The candidate pairs of a comparison.
pub(super) struct Candidates {
    /// Per term, whether it counts in a pair's similarity: used by at most an eighth of the
    /// units (or 200), so a word in every passage does not make all of them alike.
    counted: Vec<bool>,
    /// The least similarity of a candidate pair.
    lowest: f32,
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
    let mut df = vec![0usize; nterms];
    for u in units {
        for &(t, _) in &u.vec {
            df[t as usize] += 1;
        }
    }
    let counted: Vec<bool> = df.iter().map(|&n| n <= df_cap).collect();
    // Each batch of candidate pairs of classes becomes the edges among their units at once, so
    // that the pairs are never all held together.
    let mut edges: Vec<(f32, u32, u32)> = Vec::new();
    classes.candidate_pairs(
        units,
        &df,
        df_cap,
        &stories.of,
        &stories.named,
        lowest,
        tuning.across,
        |a: &Unit, b: &Unit, sim| candidate(a, b, sim, lowest),
        |pairs| {
            edges.par_extend(
                pairs
                    .into_par_iter()
                    .flat_map_iter(|((ca, cb), (sim, anchors))| {
                        let (ma, mb) =
                            (&classes.members[ca as usize], &classes.members[cb as usize]);
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
                    }),
            );
        },
    );
    // Equally similar pairs are taken in the order of their texts, not of their documents, so
    // that the order the documents are given in does not decide a tie. `text_rank` orders the
    // units by text (equal texts, equal rank).
    let text_rank: Vec<u32> = {
        let texts: Vec<&str> = units
            .iter()
            .map(|u| cmp.documents[u.doc].passages[u.passage].text.as_str())
            .collect();
        let mut order: Vec<usize> = (0..units.len()).collect();
        order.par_sort_unstable_by(|&a, &b| texts[a].cmp(texts[b]).then(a.cmp(&b)));
        let mut rank = vec![0u32; units.len()];
        let mut r = 0;
        for (k, &u) in order.iter().enumerate() {
            if k > 0 && texts[order[k - 1]] != texts[u] {
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
        counted,
        lowest,
        edges,
    }
}

/// Whether two units, `sim` alike over the counted terms, are a candidate pair: alike enough,
/// sharing two or more terms, and not stating different years. Gives their similarity, and
/// whether they share two or more anchors.
fn candidate(a: &Unit, b: &Unit, sim: f32, lowest: f32) -> Option<(f32, bool)> {
    let shared = count_shared(&a.vec, &b.vec);
    let years_clash =
        !a.years.is_empty() && !b.years.is_empty() && count_shared_ids(&a.years, &b.years) == 0;
    // Two units alike only by terms that do not count (every weight is above zero) are no
    // candidate, whatever the bar.
    (!years_clash && shared >= 2 && sim > 0.0 && sim >= lowest).then(|| (sim, shares_anchors(a, b)))
}

/// Whether two units share two anchors or more (names, numbers, years): what a pair across
/// stories needs to be an edge ([`Stories::is_edge`]).
fn shares_anchors(a: &Unit, b: &Unit) -> bool {
    count_shared_ids(&a.anchors, &b.anchors) >= 2
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
        let sim = dot_over(&ua.vec, &ub.vec, |t| self.counted[t as usize]);
        match candidate(ua, ub, sim, self.lowest) {
            Some((sim, anchors)) if stories.is_edge(ua.doc, ub.doc, sim, anchors, tuning) => sim,
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
    /// Units of each class, in increasing order; classes in order of their first unit.
    pub members: Vec<Vec<u32>>,
}

impl Classes {
    fn new(units: &[Unit]) -> Self {
        // Key: the vector's terms and weights (as bits), and the anchors.
        type Key<'a> = (Vec<(u32, u32)>, &'a [u32]);
        let mut index: HashMap<Key, u32> = HashMap::default();
        let mut members: Vec<Vec<u32>> = Vec::new();
        for (i, u) in units.iter().enumerate() {
            let key: Vec<(u32, u32)> = u.vec.iter().map(|&(t, w)| (t, w.to_bits())).collect();
            let next = members.len() as u32;
            let c = *index.entry((key, u.anchors.as_slice())).or_insert(next);
            if c == next {
                members.push(Vec::new());
            }
            members[c as usize].push(i as u32);
        }
        Self { members }
    }

    /// Pairs of classes `(a, b)`, `a <= b`, at least `least` alike over the terms used by at
    /// most `df_cap` units (the counted terms), kept where `keep` (given one unit of each class
    /// and their similarity) returns a value, given to `found` in batches, each pair once. A
    /// class is paired with itself when it has two units.
    ///
    /// Only pairs that can matter are sought: pairs of classes with units in one story (`story`
    /// of each document), in the first story they share, and pairs of classes that share no
    /// story at `across` or more, the least an edge across stories needs (a pair across stories
    /// counts for nothing else). So the cost grows with the size of the stories, not the square
    /// of the whole comparison. Classes of two events told apart by their names (`named` of each
    /// document, see [`crate::model::Document::named`]) are never paired across stories.
    #[allow(clippy::too_many_arguments)]
    fn candidate_pairs<T: Send>(
        &self,
        units: &[Unit],
        df: &[usize],
        df_cap: usize,
        story: &[usize],
        named: &[Option<[usize; 2]>],
        least: f32,
        across: f32,
        keep: impl Fn(&Unit, &Unit, f32) -> Option<T> + Sync,
        mut found: impl FnMut(Vec<((u32, u32), T)>),
    ) {
        let rep = |c: usize| &units[self.members[c][0] as usize];
        // The stories each class has a unit in, in increasing order, and the classes with a
        // unit in each story, in increasing order.
        let stories_of: Vec<Vec<usize>> = self
            .members
            .iter()
            .map(|m| {
                let mut of: Vec<usize> = m.iter().map(|&u| story[units[u as usize].doc]).collect();
                of.sort_unstable();
                of.dedup();
                of
            })
            .collect();
        let nstories = story.iter().max().map_or(0, |&m| m + 1);
        let mut in_story: Vec<Vec<u32>> = vec![Vec::new(); nstories];
        for (c, of) in stories_of.iter().enumerate() {
            for &s in of {
                in_story[s].push(c as u32);
            }
        }
        // The first story two classes share, if any.
        let first_shared = |a: u32, b: u32| {
            let (x, y) = (&stories_of[a as usize], &stories_of[b as usize]);
            x.iter().find(|s| y.binary_search(s).is_ok()).copied()
        };
        let rank = leave_out_ranks(df);
        let search = Search {
            classes: self,
            units,
            df,
            df_cap,
            rank: &rank,
            parts: None,
            anchored: false,
        };
        // The part of a parted cluster all of a class's units are in, if one.
        let parts: Vec<Option<[usize; 2]>> = self
            .members
            .iter()
            .map(|m| {
                let first = named[units[m[0] as usize].doc];
                m.iter()
                    .all(|&u| named[units[u as usize].doc] == first)
                    .then_some(first)
                    .flatten()
            })
            .collect();
        let keep_where = |shared: Option<usize>| {
            let keep = &keep;
            move |(i, j): (u32, u32), sim: f32| {
                (first_shared(i, j) == shared)
                    .then(|| keep(rep(i as usize), rep(j as usize), sim))
                    .flatten()
                    .map(|v| ((i, j), v))
            }
        };
        let clk = std::time::Instant::now();
        // Stories a batch at a time, the stories of a batch on both cores (a large story's
        // search on both cores itself), each batch's pairs given before the next is sought.
        let stories: Vec<(usize, &Vec<u32>)> = in_story.iter().enumerate().collect();
        for batch in stories.chunks(STORY_BATCH) {
            let pairs: Vec<Vec<((u32, u32), T)>> = batch
                .par_iter()
                .map(|&(s, classes)| search.pairs_above(classes, least, &keep_where(Some(s))))
                .collect();
            found(pairs.into_iter().flatten().collect());
        }
        log::debug!("candidates: inside stories at {:.2?}", clk.elapsed());
        // Across stories, only classes with two anchors or more can make an edge.
        let all: Vec<u32> = (0..self.members.len() as u32)
            .filter(|&c| rep(c as usize).anchors.len() >= 2)
            .collect();
        let across_search = Search {
            parts: Some(&parts),
            anchored: true,
            ..search
        };
        found(across_search.pairs_above(&all, across.max(least), &keep_where(None)));
        log::debug!("candidates: across stories at {:.2?}", clk.elapsed());
    }
}

/// Each term's place in the order classes leave terms out of the index in: the most common
/// first (`df`: units using each term), then by id.
fn leave_out_ranks(df: &[usize]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..df.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| df[b as usize].cmp(&df[a as usize]).then(a.cmp(&b)));
    let mut rank = vec![0u32; df.len()];
    for (r, &t) in order.iter().enumerate() {
        rank[t as usize] = r as u32;
    }
    rank
}

/// Room left under a pair's bound for the rounding of sums of a few dozen f32 products taken
/// in other orders: a pair whose bound falls short of the threshold by more cannot reach it.
const BOUND_SLACK: f32 = 1e-4;

/// Stories whose candidate pairs are sought together.
const STORY_BATCH: usize = 64;

/// What a search for alike pairs of classes reads.
struct Search<'a> {
    classes: &'a Classes,
    units: &'a [Unit],
    /// Units using each term.
    df: &'a [usize],
    /// Most units a counted term is used by.
    df_cap: usize,
    /// Each term's place in the order terms are left out of the index in.
    rank: &'a [u32],
    /// Per class, the part of a parted cluster all its units are in: two classes of two parts
    /// of one cluster are never a pair (see [`crate::model::named_apart`]).
    parts: Option<&'a [Option<[usize; 2]>]>,
    /// Only pairs that share anchors ([`shares_anchors`]) are weighed: across stories, no other
    /// pair can be an edge.
    anchored: bool,
}

impl Search<'_> {
    fn rep(&self, c: u32) -> &Unit {
        &self.units[self.classes.members[c as usize][0] as usize]
    }

    fn counted(&self, t: u32) -> bool {
        self.df[t as usize] <= self.df_cap
    }

    /// The pairs of `classes` (increasing), `a <= b`, at least `threshold` alike over the
    /// counted terms, given to `keep`; found without weighing every pair (prefix filtering):
    /// each class leaves out of the index its most common terms, as many as together could not
    /// make `threshold` (their weights' norm stays below it), so a pair that alike shares an
    /// indexed term. Candidates are then weighed in full ([`dot_over`]: in term order, the
    /// same sum for every way they are found).
    fn pairs_above<T: Send>(
        &self,
        classes: &[u32],
        threshold: f32,
        keep: &(impl Fn((u32, u32), f32) -> Option<((u32, u32), T)> + Sync),
    ) -> Vec<((u32, u32), T)> {
        // Kept a little under the bound, so that rounding cannot lose a pair.
        let room = threshold.max(0.0).powi(2) * 0.999;
        let part: Vec<Option<[usize; 2]>> = self
            .parts
            .map(|p| classes.iter().map(|&c| p[c as usize]).collect())
            .unwrap_or_default();
        let apart =
            |i: usize, j: usize| !part.is_empty() && crate::model::named_apart(part[i], part[j]);
        let mut postings: HashMap<u32, Vec<(u32, f32)>> = HashMap::default();
        // Per class, the place of the last term it leaves out of the index, and the norm of the
        // weights it leaves out.
        let mut left: Vec<(Option<u32>, f32)> = Vec::with_capacity(classes.len());
        for (k, &c) in classes.iter().enumerate() {
            let mut terms: Vec<(u32, f32)> = self
                .rep(c)
                .vec
                .iter()
                .copied()
                .filter(|&(t, _)| self.counted(t))
                .collect();
            terms.sort_by_key(|&(t, _)| self.rank[t as usize]);
            let mut left_out = 0.0f32;
            let mut last_left = None;
            for (t, w) in terms {
                if left_out + w * w < room {
                    left_out += w * w;
                    last_left = Some(self.rank[t as usize]);
                } else {
                    postings.entry(t).or_default().push((k as u32, w));
                }
            }
            left.push((last_left, left_out.sqrt()));
        }
        let weigh = |i: usize, j: usize| {
            let (a, b) = (classes[i], classes[j]);
            let sim = dot_over(&self.rep(a).vec, &self.rep(b).vec, |t| self.counted(t));
            (sim > 0.0 && sim >= threshold)
                .then(|| keep((a, b), sim))
                .flatten()
        };
        let n = classes.len();
        (0..n)
            .into_par_iter()
            .map_init(
                || (vec![f32::NAN; n], Vec::<u32>::new()),
                |(acc, touched), i| {
                    // The part of each candidate's similarity over the terms it indexes; what
                    // the terms it left out can add is at most the norm of this class's
                    // weights on terms as common as those, times the norm of theirs
                    // (Cauchy–Schwarz), so a candidate that cannot reach the threshold even so
                    // is not weighed in full.
                    let x = self.rep(classes[i]);
                    for &(t, w) in &x.vec {
                        let Some(list) = postings.get(&t) else {
                            continue;
                        };
                        for &(j, wj) in list {
                            let j = j as usize;
                            if j > i && !apart(i, j) {
                                if acc[j].is_nan() {
                                    acc[j] = 0.0;
                                    touched.push(j as u32);
                                }
                                acc[j] += w * wj;
                            }
                        }
                    }
                    // This class's counted weights in the order terms are left out in, and
                    // the running sum of their squares.
                    let mut mine: Vec<(u32, f32)> = x
                        .vec
                        .iter()
                        .filter(|&&(t, _)| self.counted(t))
                        .map(|&(t, w)| (self.rank[t as usize], w * w))
                        .collect();
                    mine.sort_unstable_by_key(|&(r, _)| r);
                    let mut sum = 0.0f32;
                    for m in &mut mine {
                        sum += m.1;
                        m.1 = sum;
                    }
                    let norm_up_to = |cut: Option<u32>| {
                        cut.map_or(0.0, |cut| {
                            let k = mine.partition_point(|&(r, _)| r <= cut);
                            k.checked_sub(1).map_or(0.0, |k| mine[k].1.sqrt())
                        })
                    };
                    touched.sort_unstable();
                    let twins = self.classes.members[classes[i] as usize].len() >= 2;
                    let mut out: Vec<((u32, u32), T)> =
                        twins.then(|| weigh(i, i)).flatten().into_iter().collect();
                    for j in touched.drain(..) {
                        let (cut, their) = left[j as usize];
                        let bound = acc[j as usize] + norm_up_to(cut) * their;
                        acc[j as usize] = f32::NAN;
                        if bound >= threshold - BOUND_SLACK
                            && (!self.anchored || shares_anchors(x, self.rep(classes[j as usize])))
                        {
                            out.extend(weigh(i, j as usize));
                        }
                    }
                    out
                },
            )
            .flatten()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::vectors::random_vectors;

    /// Units of the random vectors, each of its own document; every seventh repeats the one
    /// before it (a class of two).
    fn units(seed: u64) -> Vec<Unit> {
        let mut vecs = random_vectors(150, seed);
        for i in (7..vecs.len()).step_by(7) {
            vecs[i] = vecs[i - 1].clone();
        }
        vecs.into_iter()
            .enumerate()
            .map(|(d, vec)| Unit {
                doc: d,
                passage: 0,
                passage_end: 0,
                // Every third term is a name or a number.
                anchors: vec.iter().map(|&(t, _)| t).filter(|t| t % 3 == 0).collect(),
                vec,
                years: Vec::new(),
            })
            .collect()
    }

    /// Every pair above its bar is found once, inside a story or across stories (there, of
    /// classes that share two anchors, and not of two parts of a cluster parted by names).
    #[test]
    fn each_pair_is_found_once_inside_its_stories_or_across_them() {
        let units = units(3);
        let classes = Classes::new(&units);
        // Three stories; a class of two units (documents d and d-1) sits in two of them.
        let story: Vec<usize> = (0..units.len()).map(|d| d % 3).collect();
        let mut df = vec![0usize; 2001];
        for u in &units {
            for &(t, _) in &u.vec {
                df[t as usize] += 1;
            }
        }
        let (least, across) = (0.18, 0.5);
        // No story parted by names; then the stories as parts of two clusters, and a few
        // documents of no parted cluster.
        let unparted = vec![None; units.len()];
        let parted: Vec<Option<[usize; 2]>> = (0..units.len())
            .map(|d| (d % 5 != 0).then_some([d % 2, story[d]]))
            .collect();
        for named in [&unparted, &parted] {
            let mut found: Vec<(u32, u32)> = Vec::new();
            classes.candidate_pairs(
                &units,
                &df,
                usize::MAX,
                &story,
                named,
                least,
                across,
                |_, _, sim| Some(sim),
                |batch| found.extend(batch.into_iter().map(|(pair, _)| pair)),
            );
            let n = found.len();
            found.sort_unstable();
            found.dedup();
            assert_eq!(found.len(), n, "a pair was found twice");
            let stories_of = |c: usize| -> Vec<usize> {
                classes.members[c]
                    .iter()
                    .map(|&u| story[units[u as usize].doc])
                    .collect()
            };
            let part_of = |c: usize| {
                let parts: Vec<_> = classes.members[c]
                    .iter()
                    .map(|&u| named[units[u as usize].doc])
                    .collect();
                parts
                    .iter()
                    .all(|p| *p == parts[0])
                    .then_some(parts[0])
                    .flatten()
            };
            let mut every: Vec<(u32, u32)> = Vec::new();
            let (mut left_out, mut unanchored) = (0, 0);
            for a in 0..classes.members.len() {
                for b in a..classes.members.len() {
                    if a == b && classes.members[a].len() < 2 {
                        continue;
                    }
                    let shared = stories_of(a).iter().any(|s| stories_of(b).contains(s));
                    let sim = dot(
                        &units[classes.members[a][0] as usize].vec,
                        &units[classes.members[b][0] as usize].vec,
                    );
                    let anchored = shares_anchors(
                        &units[classes.members[a][0] as usize],
                        &units[classes.members[b][0] as usize],
                    );
                    if sim > 0.0 && sim >= if shared { least } else { across } {
                        if !shared && !anchored {
                            unanchored += 1;
                        } else if !shared && crate::model::named_apart(part_of(a), part_of(b)) {
                            left_out += 1;
                        } else {
                            every.push((a as u32, b as u32));
                        }
                    }
                }
            }
            assert_eq!(found, every);
            assert_eq!(left_out > 0, named == &parted);
            assert!(unanchored > 0);
            // Some pairs only inside a story, some across.
            assert!(every.iter().any(|&(a, b)| {
                stories_of(a as usize)
                    .iter()
                    .all(|s| !stories_of(b as usize).contains(s))
            }));
        }
    }

    #[test]
    fn prefix_filtering_finds_every_pair_above_the_bar() {
        for seed in 1..=5 {
            let units = units(seed);
            let classes = Classes::new(&units);
            assert!(classes.members.iter().any(|m| m.len() == 2));
            let mut df = vec![0usize; 2001];
            for (c, m) in classes.members.iter().enumerate() {
                for &(t, _) in &units[m[0] as usize].vec {
                    df[t as usize] += classes.members[c].len();
                }
            }
            for (df_cap, threshold) in [(usize::MAX, 0.18), (usize::MAX, 0.7), (20, 0.18)] {
                let rank = leave_out_ranks(&df);
                let search = Search {
                    classes: &classes,
                    units: &units,
                    df: &df,
                    df_cap,
                    rank: &rank,
                    parts: None,
                    anchored: false,
                };
                let all: Vec<u32> = (0..classes.members.len() as u32).collect();
                let mut found: Vec<((u32, u32), f32)> =
                    search.pairs_above(&all, threshold, &|pair, sim| Some((pair, sim)));
                found.sort_by_key(|&(pair, _)| pair);
                let mut every: Vec<((u32, u32), f32)> = Vec::new();
                for a in 0..classes.members.len() {
                    for b in a..classes.members.len() {
                        if a == b && classes.members[a].len() < 2 {
                            continue;
                        }
                        let sim =
                            dot_over(&search.rep(a as u32).vec, &search.rep(b as u32).vec, |t| {
                                search.counted(t)
                            });
                        if sim > 0.0 && sim >= threshold {
                            every.push(((a as u32, b as u32), sim));
                        }
                    }
                }
                assert_eq!(found, every, "seed {seed}, cap {df_cap}, {threshold}");
                assert!(!every.is_empty());
            }
        }
    }
}
