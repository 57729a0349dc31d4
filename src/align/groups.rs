//! Stage 4 of aligning: groups, grown from the edges by constrained average linkage. A group
//! holds one passage per document (or a passage and the one right after it, which then become
//! one passage), or a second one further on where the report tells the happening again (its
//! headline and a later paragraph), and a passage joins a group only if it is similar to the
//! group as a whole — A~B and B~C do not make A~C. Two groups whose passages sit side by side in
//! two or more reports merge at a lower bar: the reports' own order is evidence; a merge that
//! gives a report a second passage in the group needs a higher one.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::Tuning;
use super::candidates::Candidates;
use super::stories::Stories;
use super::vectors::{Sums, Unit, dot};

/// A group as its documents' slots: each slot the units (adjacent passages) of one document, in
/// document order.
pub(super) type Slots = Vec<Vec<u32>>;

/// The groups of two or more documents, in order of their first passage. Passages that no
/// chain of edges joins never meet in a group: each connected set of them is grown on its own,
/// the sets on both cores, each from its edges in the order of all edges.
pub(super) fn link(
    units: &[Unit],
    ndocs: usize,
    cands: &Candidates,
    stories: &Stories,
    tuning: &Tuning,
) -> Vec<Slots> {
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
    let grow = Grow {
        units,
        ord: &ord,
        cands,
        stories,
        tuning,
    };
    let groups: Vec<Vec<u32>> = connected(units.len(), &cands.edges)
        .par_iter()
        .flat_map_iter(|(members, edges)| grow.groups(members, edges))
        .collect();
    order_groups(units, &ord, groups)
}

/// A connected set of units: its units, in increasing order, and its edges, in the order given.
type Connected = (Vec<u32>, Vec<(u32, u32)>);

/// The connected sets of units the edges make (two units or more each).
fn connected(n: usize, edges: &[(f32, u32, u32)]) -> Vec<Connected> {
    let mut root: Vec<u32> = (0..n as u32).collect();
    fn find(root: &mut [u32], mut i: u32) -> u32 {
        while root[i as usize] != i {
            root[i as usize] = root[root[i as usize] as usize];
            i = root[i as usize];
        }
        i
    }
    for &(_, a, b) in edges {
        let (ra, rb) = (find(&mut root, a), find(&mut root, b));
        if ra != rb {
            root[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut set_of: HashMap<u32, usize> = HashMap::default();
    let mut sets: Vec<Connected> = Vec::new();
    for &(_, a, b) in edges {
        let r = find(&mut root, a);
        let next = sets.len();
        let k = *set_of.entry(r).or_insert(next);
        if k == next {
            sets.push((Vec::new(), Vec::new()));
        }
        sets[k].1.push((a, b));
    }
    for u in 0..n as u32 {
        if let Some(&k) = set_of.get(&find(&mut root, u)) {
            sets[k].0.push(u);
        }
    }
    sets
}

/// What growing the groups of one connected set of units reads.
struct Grow<'a> {
    units: &'a [Unit],
    ord: &'a [usize],
    cands: &'a Candidates,
    stories: &'a Stories,
    tuning: &'a Tuning,
}

impl Grow<'_> {
    /// The groups of `set` (units, increasing) grown from its `edges`, most similar first: each
    /// group its units.
    fn groups(&self, set: &[u32], edges: &[(u32, u32)]) -> Vec<Vec<u32>> {
        let (units, ord, cands, stories, tuning) =
            (self.units, self.ord, self.cands, self.stories, self.tuning);
        let local = |u: u32| set.binary_search(&u).unwrap_or(0);
        let n = set.len();
        let mut group_of: Vec<usize> = (0..n).collect();
        let mut members: Vec<Vec<u32>> = set.iter().map(|&u| vec![u]).collect();
        // (document, position) of each group's members, sorted; and a version that changes
        // whenever the group does, so a merge refused once is not weighed again until one of
        // the two groups has changed.
        let mut docs_of: Vec<Vec<(usize, usize)>> = set
            .iter()
            .map(|&u| vec![(units[u as usize].doc, ord[u as usize])])
            .collect();
        let mut version = vec![0u32; n];
        let mut refused: HashMap<(usize, usize), (u32, u32)> = HashMap::default();
        let mut sums = Sums::new(
            set.iter()
                .map(|&u| units[u as usize].vec.as_slice())
                .collect(),
        );
        for &(a, b) in edges {
            let (ga, gb) = (group_of[local(a)], group_of[local(b)]);
            if ga == gb || refused.get(&(ga, gb)) == Some(&(version[ga], version[gb])) {
                continue;
            }
            let (ma, mb) = (&members[ga], &members[gb]);
            let fit = spans_fit(&docs_of[ga], &docs_of[gb], tuning.span, tuning.retold_runs);
            let accepted = fit.is_some_and(|(shared, again)| {
                // Two groups whose passages sit side by side in two or more reports are one
                // event told over two sentences (a headline and its lead, a claim and its
                // source): the reports' own order is evidence, so the bar is lower.
                // A report telling the happening a second time further on (its headline, then
                // a paragraph that comes back to it) is weighed at a higher bar: the passages of
                // one report that say it twice must be clearly alike the others.
                let bar = if again {
                    tuning.group * tuning.retold
                } else if shared >= 2 {
                    tuning.group * tuning.parallel
                } else {
                    tuning.group
                };
                let n = weighed_pairs(&docs_of[ga], &docs_of[gb], again);
                // No pair weighs more than the dot product of its vectors, so that of the two
                // groups' summed vectors bounds their total: well below the bar, the pairs need
                // not be weighed one by one (so are most merges refused in a large story).
                if n == 0 || sums.dot(ga, gb) < bar * n as f32 * bound_margin(n) {
                    return false;
                }
                // Passages of one document become one passage: only pairs of documents count.
                // A report's second place in the group must tell what its first does: there,
                // its own two passages count as a pair too.
                // Summed a row at a time, the rows in order, so that the total is the same
                // whether the rows of a large merge are weighed on one core or several.
                let row = |&x: &u32| -> f32 {
                    let ux = &units[x as usize];
                    let mut sum = 0.0f32;
                    for &y in mb {
                        let uy = &units[y as usize];
                        if ux.doc != uy.doc {
                            sum += cands.pair_sim(units, stories, tuning, x, y);
                        } else if again && ord[x as usize].abs_diff(ord[y as usize]) > 1 {
                            sum += dot(&ux.vec, &uy.vec);
                        }
                    }
                    sum
                };
                let rows: Vec<f32> = if ma.len() * mb.len() >= PARALLEL_PAIRS {
                    ma.par_iter().map(row).collect()
                } else {
                    ma.iter().map(row).collect()
                };
                let total: f32 = rows.iter().sum();
                total / n as f32 >= bar
            });
            if !accepted {
                refused.insert((ga, gb), (version[ga], version[gb]));
                continue;
            }
            let moved = std::mem::take(&mut members[gb]);
            for &m in &moved {
                group_of[local(m)] = ga;
            }
            members[ga].extend(moved);
            let moved_docs = std::mem::take(&mut docs_of[gb]);
            docs_of[ga].extend(moved_docs);
            docs_of[ga].sort_unstable();
            version[ga] += 1;
            version[gb] += 1;
            sums.merge(ga, gb);
        }
        members
    }
}

/// The groups of two passages or more, each in document order and as its documents' runs of
/// adjacent units, in order of their first passage.
fn order_groups(units: &[Unit], ord: &[usize], groups: Vec<Vec<u32>>) -> Vec<Slots> {
    // Groups of one passage are none.
    let mut groups: Vec<Vec<u32>> = groups.into_iter().filter(|m| m.len() >= 2).collect();
    for g in &mut groups {
        g.sort_by_key(|&u| (units[u as usize].doc, units[u as usize].passage));
    }
    groups.sort_by_key(|g| {
        let u = &units[g[0] as usize];
        (u.doc, u.passage)
    });
    // Each group as its documents' runs of units, in document order.
    groups
        .into_iter()
        .map(|g| {
            let mut slots: Vec<Vec<u32>> = Vec::new();
            for u in g {
                match slots.last_mut() {
                    Some(s)
                        if units[s[0] as usize].doc == units[u as usize].doc
                            && ord[u as usize] == ord[s[s.len() - 1] as usize] + 1 =>
                    {
                        s.push(u)
                    }
                    _ => slots.push(vec![u]),
                }
            }
            slots
        })
        .collect()
}

/// Pairs of passages a merge must weigh for its rows to be weighed on several cores.
const PARALLEL_PAIRS: usize = 4096;

/// Share of the bar under which the bound of two groups' total refuses their merge unweighed,
/// for `n` pairs: it leaves room for rounding, since the bound and the total are summed in other
/// orders and a sum of `n` terms in f32 may err by up to about `n` times the machine epsilon.
fn bound_margin(n: usize) -> f32 {
    (1.0 - 4.0 * n as f32 * f32::EPSILON).min(0.99)
}

/// How many pairs of passages of two groups (given as sorted (document, position) lists) are
/// weighed: those of two documents, and, when a document tells the happening `again`, its own
/// two passages that are not adjacent.
fn weighed_pairs(a: &[(usize, usize)], b: &[(usize, usize)], again: bool) -> usize {
    let mut n = a.len() * b.len();
    for &(da, oa) in a {
        let start = b.partition_point(|&(d, _)| d < da);
        for &(_, ob) in b[start..].iter().take_while(|&&(d, _)| d == da) {
            if !(again && oa.abs_diff(ob) > 1) {
                n -= 1;
            }
        }
    }
    n
}

/// Whether two groups, given as sorted (document, position) lists, can be one: every document
/// they share must be left with at most `runs_max` runs of adjacent passages, each at most
/// `span` long. Returns how many documents they share, and whether a document is left with more
/// than one run (it tells the happening again).
fn spans_fit(
    a: &[(usize, usize)],
    b: &[(usize, usize)],
    span: usize,
    runs_max: usize,
) -> Option<(usize, bool)> {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    let mut again = false;
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
                // Runs of adjacent positions, each at most `span` long.
                let mut runs = 1;
                let mut len = 1;
                for w in ps.windows(2) {
                    if w[1] == w[0] {
                        return None;
                    } else if w[1] == w[0] + 1 {
                        len += 1;
                        if len > span {
                            return None;
                        }
                    } else {
                        runs += 1;
                        len = 1;
                    }
                }
                if runs > runs_max {
                    return None;
                }
                again |= runs > 1;
                shared += 1;
                i += ea;
                j += eb;
            }
        }
    }
    Some((shared, again))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connected_sets_keep_their_edges_in_order() {
        // Units 0..7: edges join {0, 2, 5} and {1, 6}; 3 and 4 stand alone.
        let edges = [(0.9, 2, 5), (0.8, 1, 6), (0.7, 0, 2), (0.6, 0, 5)];
        assert_eq!(
            connected(7, &edges),
            vec![
                (vec![0, 2, 5], vec![(2, 5), (0, 2), (0, 5)]),
                (vec![1, 6], vec![(1, 6)]),
            ]
        );
    }

    #[test]
    fn weighed_pairs_counts_pairs_of_two_documents_and_a_retold_documents_own() {
        // (document, position) of two groups' passages.
        let a: [(usize, usize); 3] = [(0, 0), (1, 0), (2, 5)];
        let b: [(usize, usize); 3] = [(1, 1), (2, 0), (3, 0)];
        let by_hand = |again: bool| {
            let mut n = 0;
            for &(da, oa) in &a {
                for &(db, ob) in &b {
                    if da != db || (again && oa.abs_diff(ob) > 1) {
                        n += 1;
                    }
                }
            }
            n
        };
        // Nine pairs; (1,0)-(1,1) and (2,5)-(2,0) are of one document.
        assert_eq!(weighed_pairs(&a, &b, false), 7);
        assert_eq!(weighed_pairs(&a, &b, false), by_hand(false));
        // Told again further on, document 2's passages five apart count as a pair too; the
        // adjacent ones of document 1 do not.
        assert_eq!(weighed_pairs(&a, &b, true), 8);
        assert_eq!(weighed_pairs(&a, &b, true), by_hand(true));
    }
}
