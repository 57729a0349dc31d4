//! Comparing facts pair by pair does not scale when articles repeat each other: wire copy
//! republished by hundreds of outlets states the same fact, in the same sentence, hundreds of
//! times, and every pair of those copies would be weighed alike. This module collapses facts that a
//! comparison rule cannot tell apart into classes, lets the rule weigh each pair of classes once,
//! and applies the outcome to every pair of their facts exactly as a pair-by-pair comparison
//! would, so the components (and so the findings) come out the same.
//!
//! A rule links two facts from *different* documents ([`Links::link_apart`]), or from the *same*
//! document ([`Links::link_within`]). The facts of one class in one document are a *node*: they
//! have the same partners, so they end up in one component as soon as the node is linked to
//! anything, and stay apart (each its own component) otherwise.

use std::collections::BTreeMap;

use rayon::prelude::*;

/// Union-find over indices.
pub(super) struct Sets(Vec<usize>);

impl Sets {
    pub(super) fn new(n: usize) -> Self {
        Self((0..n).collect())
    }

    pub(super) fn find(&mut self, i: usize) -> usize {
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

    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// Facts grouped into classes by a key: facts with equal keys are weighed as one.
pub(super) struct Classes {
    /// Per class: its facts by document, as (document, items), in document order.
    docs: Vec<Vec<(usize, Vec<usize>)>>,
    /// Per class: the id of its first node; node `first_node[c] + k` is `docs[c][k]`.
    first_node: Vec<usize>,
    /// Per class: its first fact, which stands for all of them.
    rep: Vec<usize>,
    /// Per class: the part of a cluster parted by names its documents are in (see
    /// [`crate::model::Document::named`]); a class never spans two parts.
    named: Vec<Option<[usize; 2]>>,
    /// Per item (of the whole comparison): its node, `usize::MAX` for items not classed.
    node_of: Vec<usize>,
    nodes: usize,
}

impl Classes {
    /// Classes of `members` (item indices, ascending) by `key`; `doc` gives an item's document
    /// and the part of a cluster parted by names it is in (see
    /// [`crate::model::Document::named`]), `items` the number of items in the comparison.
    /// Classes are numbered in order of their first member.
    pub(super) fn new<K: Ord>(
        members: &[usize],
        items: usize,
        doc: impl Fn(usize) -> (usize, Option<[usize; 2]>),
        key: impl Fn(usize) -> K,
    ) -> Self {
        let mut ids: BTreeMap<(Option<[usize; 2]>, K), usize> = BTreeMap::new();
        let mut by_class: Vec<BTreeMap<usize, Vec<usize>>> = Vec::new();
        let mut rep = Vec::new();
        let mut named = Vec::new();
        for &m in members {
            let next = by_class.len();
            let (d, part) = doc(m);
            let c = *ids.entry((part, key(m))).or_insert(next);
            if c == next {
                by_class.push(BTreeMap::new());
                rep.push(m);
                named.push(part);
            }
            by_class[c].entry(d).or_default().push(m);
        }
        let mut node_of = vec![usize::MAX; items];
        let mut first_node = Vec::with_capacity(by_class.len());
        let mut docs = Vec::with_capacity(by_class.len());
        let mut nodes = 0;
        for per_doc in by_class {
            first_node.push(nodes);
            for its in per_doc.values() {
                for &i in its {
                    node_of[i] = nodes;
                }
                nodes += 1;
            }
            docs.push(per_doc.into_iter().collect());
        }
        Self {
            docs,
            first_node,
            rep,
            named,
            node_of,
            nodes,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.rep.len()
    }

    /// The fact that stands for class `c`.
    pub(super) fn rep(&self, c: usize) -> usize {
        self.rep[c]
    }

    /// Pairs of classes `(x, y)`, `x <= y`, that share a key (a class is paired with itself when
    /// it has a key), sorted: the only pairs a rule needs to weigh. Facts of two events told
    /// apart by the people and places they name are never paired (a quote told in 40
    /// look-alike events is 40 classes, none weighed against another), and such pairs are
    /// never looked at: the cost is that of the pairs made.
    pub(super) fn pairs<K: Ord + Send>(
        &self,
        keys: impl Fn(usize) -> Vec<K> + Sync,
    ) -> Vec<(usize, usize)> {
        let keyed: Vec<Vec<K>> = (0..self.len())
            .into_par_iter()
            .map(|c| {
                let mut ks = keys(c);
                ks.sort_unstable();
                ks.dedup();
                ks
            })
            .collect();
        let keyed_class: Vec<bool> = keyed.iter().map(|ks| !ks.is_empty()).collect();
        let mut all: Vec<(K, usize)> = Vec::with_capacity(keyed.iter().map(Vec::len).sum());
        for (c, ks) in keyed.into_iter().enumerate() {
            all.extend(ks.into_iter().map(|k| (k, c)));
        }
        all.par_sort_unstable();
        // The classes of each key shared by two or more, by part (classes of no parted cluster
        // first), so the classes a class may be paired with are three runs of it.
        // Keys shared by the same classes (the word runs of one quotation) are one bucket.
        let mut buckets: Vec<Vec<usize>> = all
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() >= 2)
            .map(|run| run.iter().map(|&(_, c)| c).collect())
            .collect();
        buckets.par_sort_unstable();
        buckets.dedup();
        let mut keys_of: Vec<Vec<usize>> = vec![Vec::new(); self.len()];
        for (b, bucket) in buckets.iter_mut().enumerate() {
            for &c in bucket.iter() {
                keys_of[c].push(b);
            }
            bucket.sort_unstable_by_key(|&c| (self.named[c], c));
        }
        (0..self.len())
            .into_par_iter()
            .flat_map_iter(|x| {
                let mut ys: Vec<usize> = Vec::new();
                if keyed_class[x] {
                    ys.push(x);
                }
                for &b in &keys_of[x] {
                    let runs = crate::model::not_named_apart(&buckets[b], self.named[x], |&c| {
                        self.named[c]
                    });
                    for run in runs {
                        ys.extend(run.iter().copied().filter(|&y| y > x));
                    }
                }
                ys.sort_unstable();
                ys.dedup();
                ys.into_iter().map(move |y| (x, y))
            })
            .collect()
    }
}

/// The links a rule made between classes, as components of facts.
pub(super) struct Links<'c> {
    classes: &'c Classes,
    sets: Sets,
    /// A node with a link: all its facts are in one component.
    active: Vec<bool>,
    /// A class whose nodes are all in one component already.
    merged: Vec<bool>,
    /// Nodes touched by a conflicting link.
    conflicted: Vec<usize>,
}

impl<'c> Links<'c> {
    pub(super) fn new(classes: &'c Classes) -> Self {
        Self {
            classes,
            sets: Sets::new(classes.nodes),
            active: vec![false; classes.nodes],
            merged: vec![false; classes.len()],
            conflicted: Vec::new(),
        }
    }

    fn join(&mut self, a: usize, b: usize) {
        self.active[a] = true;
        self.active[b] = true;
        self.sets.union(a, b);
    }

    /// Puts all nodes of class `c` in one component.
    fn merge(&mut self, c: usize) {
        if self.merged[c] {
            return;
        }
        let first = self.classes.first_node[c];
        self.active[first] = true;
        for k in 1..self.classes.docs[c].len() {
            self.join(first, first + k);
        }
        self.merged[c] = true;
    }

    /// Links every fact of class `x` to every fact of class `y` (`x == y`: every two facts of
    /// the class) that is in another document; `conflict` marks the links as conflicting.
    pub(super) fn link_apart(&mut self, x: usize, y: usize, conflict: bool) {
        let classes = self.classes;
        let (dx, dy) = (&classes.docs[x], &classes.docs[y]);
        let (fx, fy) = (classes.first_node[x], classes.first_node[y]);
        if x == y {
            // Facts of one class in two or more documents: every node meets every other.
            if dx.len() >= 2 {
                self.merge(x);
                if conflict {
                    self.conflicted.push(fx);
                }
            }
            return;
        }
        if dx.len() >= 2 && dy.len() >= 2 {
            if dx.len() == 2 && dy.len() == 2 && dx[0].0 == dy[0].0 && dx[1].0 == dy[1].0 {
                // Both classes in the same two documents: each document's facts of one class
                // meet the other document's facts of the other, and nothing more.
                self.join(fx, fy + 1);
                self.join(fx + 1, fy);
                if conflict {
                    self.conflicted.extend([fx, fx + 1]);
                }
            } else {
                // Otherwise any two nodes are joined through a third: one component.
                self.merge(x);
                self.merge(y);
                self.join(fx, fy);
                if conflict {
                    self.conflicted.push(fx);
                }
            }
            return;
        }
        // One class in one document: its facts meet the other class's in any other document.
        let (one, other) = if dx.len() == 1 { (x, y) } else { (y, x) };
        let d = classes.docs[one][0].0;
        let n = classes.first_node[one];
        let fo = classes.first_node[other];
        let mut linked = false;
        for (k, (e, _)) in classes.docs[other].iter().enumerate() {
            if *e != d {
                self.join(n, fo + k);
                linked = true;
                if self.merged[other] {
                    break;
                }
            }
        }
        if linked && conflict {
            self.conflicted.push(n);
        }
    }

    /// Links agreeing classes of two stories (`pairs`, each `(x, y)` as for [`Self::link_apart`]),
    /// after every other link: only classes whose facts are each in a component that states
    /// one value (`value` of each class) with no conflict. Two stories are two events, whose
    /// figures or dates may happen to match: such a match is shown as one, but never carries
    /// one story's sources into the other's conflict, as if they took a side in it, nor into a
    /// figure that grew ("11 seasons → just over three"), as if it were a step of it.
    pub(super) fn agree_across<V: PartialEq>(
        &mut self,
        pairs: &[(usize, usize)],
        value: impl Fn(usize) -> V,
    ) {
        // Per component (its root): the value all its facts state, or `None` when they state
        // more than one or a conflict lies inside it.
        let mut stated: BTreeMap<usize, Option<V>> = BTreeMap::new();
        for &n in &self.conflicted {
            stated.insert(self.sets.find(n), None);
        }
        for c in 0..self.classes.len() {
            for root in self.roots_of(c) {
                let v = value(c);
                match stated.get(&root) {
                    None => {
                        stated.insert(root, Some(v));
                    }
                    Some(Some(w)) if *w != v => {
                        stated.insert(root, None);
                    }
                    Some(_) => {}
                }
            }
        }
        for &(x, y) in pairs {
            let clear = [x, y].into_iter().all(|c| {
                self.roots_of(c)
                    .iter()
                    .all(|r| stated.get(r).is_some_and(Option::is_some))
            });
            // Components of one value each, joined, state one figure (equal or within
            // rounding): they may take further matches, under whichever root they now have.
            if clear {
                self.link_apart(x, y, false);
                for c in [x, y] {
                    for root in self.roots_of(c) {
                        stated.entry(root).or_insert_with(|| Some(value(c)));
                    }
                }
            }
        }
    }

    /// The components the facts of class `c` that have a link are in (their roots).
    fn roots_of(&mut self, c: usize) -> Vec<usize> {
        let first = self.classes.first_node[c];
        (first..first + self.classes.docs[c].len())
            .filter(|&n| self.active[n])
            .map(|n| self.sets.find(n))
            .collect()
    }

    /// Links every fact of class `x` to every fact of class `y` (`x == y`: every two facts of
    /// the class) in the same document.
    pub(super) fn link_within(&mut self, x: usize, y: usize) {
        let classes = self.classes;
        let (fx, fy) = (classes.first_node[x], classes.first_node[y]);
        if x == y {
            for (k, (_, its)) in classes.docs[x].iter().enumerate() {
                if its.len() >= 2 {
                    self.active[fx + k] = true;
                }
            }
            return;
        }
        let (dx, dy) = (&classes.docs[x], &classes.docs[y]);
        let (mut i, mut j) = (0, 0);
        while i < dx.len() && j < dy.len() {
            match dx[i].0.cmp(&dy[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    self.join(fx + i, fy + j);
                    i += 1;
                    j += 1;
                }
            }
        }
    }

    /// The components of `members` (ascending item indices), each sorted, in order of their first
    /// member, with whether a conflicting link lies inside it.
    pub(super) fn components(&mut self, members: &[usize]) -> Vec<(Vec<usize>, bool)> {
        // Component keys: a node's root, or a fact alone (offset past the nodes).
        let alone = self.classes.nodes;
        let mut by_key: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &m in members {
            let node = self.classes.node_of[m];
            let key = if self.active[node] {
                self.sets.find(node)
            } else {
                alone + m
            };
            by_key.entry(key).or_default().push(m);
        }
        let conflicted: std::collections::BTreeSet<usize> = std::mem::take(&mut self.conflicted)
            .into_iter()
            .map(|n| self.sets.find(n))
            .collect();
        let mut out: Vec<(Vec<usize>, bool)> = by_key
            .into_iter()
            .map(|(k, ms)| (ms, k < alone && conflicted.contains(&k)))
            .collect();
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::random_below;
    use super::*;

    /// The components a pair-by-pair comparison gives: every two facts weighed by the rule.
    fn pairwise(
        docs: &[usize],
        class: &[usize],
        apart: &dyn Fn(usize, usize) -> Option<bool>,
        within: &dyn Fn(usize, usize) -> bool,
    ) -> Vec<(Vec<usize>, bool)> {
        let n = docs.len();
        let mut sets = Sets::new(n);
        let mut conflicts = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let (x, y) = (class[a].min(class[b]), class[a].max(class[b]));
                if docs[a] == docs[b] {
                    if within(x, y) {
                        sets.union(a, b);
                    }
                } else if let Some(conflict) = apart(x, y) {
                    sets.union(a, b);
                    if conflict {
                        conflicts.push(a);
                    }
                }
            }
        }
        let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for i in 0..n {
            by_root.entry(sets.find(i)).or_default().push(i);
        }
        let conflicted: std::collections::BTreeSet<usize> =
            conflicts.into_iter().map(|a| sets.find(a)).collect();
        let mut out: Vec<(Vec<usize>, bool)> = by_root
            .into_iter()
            .map(|(r, ms)| (ms, conflicted.contains(&r)))
            .collect();
        out.sort();
        out
    }

    /// Classes and links give the same components as weighing every pair, on many small random
    /// layouts of facts over documents and classes, with random rules.
    #[test]
    fn classes_give_the_components_of_every_pair() {
        let mut next = random_below(0x2545_F491_4F6C_DD1D);
        for _ in 0..3000 {
            let n = 1 + next(9);
            let (n_docs, n_classes) = (1 + next(4) as u64, 1 + next(4) as u64);
            let docs: Vec<usize> = (0..n).map(|_| next(n_docs)).collect();
            let class: Vec<usize> = (0..n).map(|_| next(n_classes)).collect();
            // A rule per pair of classes: no link, a link, a conflicting link; within: yes or no.
            let k = n_classes as usize;
            let apart_rule: Vec<usize> = (0..k * k).map(|_| next(3)).collect();
            let within_rule: Vec<bool> = (0..k * k).map(|_| next(2) == 0).collect();
            let apart = |x: usize, y: usize| match apart_rule[x * k + y] {
                0 => None,
                1 => Some(false),
                _ => Some(true),
            };
            let within = |x: usize, y: usize| within_rule[x * k + y];
            let expected = pairwise(&docs, &class, &apart, &within);

            let members: Vec<usize> = (0..n).collect();
            let classes = Classes::new(&members, n, |m| (docs[m], None), |m| class[m]);
            // Class ids follow first appearance; map them back to the rule's classes.
            let of = |c: usize| class[classes.rep(c)];
            let mut links = Links::new(&classes);
            for x in 0..classes.len() {
                for y in x..classes.len() {
                    let (cx, cy) = (of(x).min(of(y)), of(x).max(of(y)));
                    if let Some(conflict) = apart(cx, cy) {
                        links.link_apart(x, y, conflict);
                    }
                    if within(cx, cy) {
                        links.link_within(x, y);
                    }
                }
            }
            assert_eq!(
                links.components(&members),
                expected,
                "docs {docs:?} classes {class:?}"
            );
        }
    }

    /// The pairs of classes are those of every two classes sharing a key, save two parts of
    /// one parted cluster, on many small random layouts (keys shared by the same classes, parts
    /// of several clusters and facts of none).
    #[test]
    fn matches_across_stories_chain_into_one_agreement() {
        // Three facts of one value in three documents (three stories), each its own class.
        let members: Vec<usize> = (0..3).collect();
        let classes = Classes::new(&members, 3, |m| (m, None), |m| m);
        let mut links = Links::new(&classes);
        links.agree_across(&[(0, 1), (0, 2), (1, 2)], |_| "3 tugboat");
        assert_eq!(links.components(&members), vec![(vec![0, 1, 2], false)]);
        // A fourth fact in a conflict takes no match from another story.
        let members: Vec<usize> = (0..4).collect();
        let classes = Classes::new(&members, 4, |m| (m, None), |m| m);
        let mut links = Links::new(&classes);
        links.link_apart(2, 3, true);
        links.agree_across(&[(0, 1), (1, 2)], |c| {
            if c == 3 { "2 tugboat" } else { "3 tugboat" }
        });
        assert_eq!(
            links.components(&members),
            vec![(vec![0, 1], false), (vec![2, 3], true)]
        );
    }

    #[test]
    fn pairs_are_every_two_classes_sharing_a_key_and_no_part_apart() {
        let mut next = random_below(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            let n = 1 + next(12);
            let named: Vec<Option<[usize; 2]>> = (0..n)
                .map(|_| (next(3) > 0).then(|| [next(2), next(3)]))
                .collect();
            let keys: Vec<Vec<usize>> = (0..n)
                .map(|_| (0..next(4)).map(|_| next(5)).collect())
                .collect();
            let members: Vec<usize> = (0..n).collect();
            let classes = Classes::new(&members, n, |m| (m, named[m]), |m| m);
            let got = classes.pairs(|c| keys[classes.rep(c)].clone());
            let mut expected = Vec::new();
            for x in 0..n {
                for y in x..n {
                    let (a, b) = (classes.rep(x), classes.rep(y));
                    if keys[a].iter().any(|k| keys[b].contains(k))
                        && !crate::model::named_apart(named[a], named[b])
                    {
                        expected.push((x, y));
                    }
                }
            }
            assert_eq!(got, expected, "parts {named:?} keys {keys:?}");
        }
    }
}
