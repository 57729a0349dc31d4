//! Where the user can go: the groups that pass the search filter, and the word differences among
//! them in reading order, so "next difference" and "previous difference" step through exactly
//! what is on screen.

use crate::model::{Comparison, DiffTag};

use super::theme::find_ci;

/// One word difference: a run of inserted or removed words in one passage of one group. A
/// removal directly followed by an insertion (a replacement) is one difference, located at the
/// removal — the same count as [`crate::model::PassageDiff::change_count`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiffLoc {
    /// Index into `Comparison::groups`.
    pub group: usize,
    /// Index into the group's `diffs`.
    pub diff: usize,
    /// Index into the diff's `ops` of the first op of the difference.
    pub op: usize,
}

/// Indices of the groups whose label or passages contain `query` (case-insensitively); all groups
/// when the query is blank.
pub fn visible_groups(cmp: &Comparison, query: &str) -> Vec<usize> {
    let q = query.trim();
    (0..cmp.groups.len())
        .filter(|&g| q.is_empty() || group_matches(cmp, g, q))
        .collect()
}

fn group_matches(cmp: &Comparison, g: usize, q: &str) -> bool {
    let Some(group) = cmp.groups.get(g) else {
        return false;
    };
    find_ci(&group.label, q).is_some()
        || group
            .passages
            .iter()
            .filter_map(|id| cmp.passage(id))
            .any(|(_, p)| find_ci(&p.text, q).is_some())
}

/// The differences of the given groups, in group order, then passage order, then text order.
pub fn differences(cmp: &Comparison, groups: &[usize]) -> Vec<DiffLoc> {
    let mut out = Vec::new();
    for &g in groups {
        let Some(group) = cmp.groups.get(g) else {
            continue;
        };
        for (d, diff) in group.diffs.iter().enumerate() {
            let mut prev = DiffTag::Equal;
            for (o, op) in diff.ops.iter().enumerate() {
                if op.op != DiffTag::Equal && !(prev == DiffTag::Delete && op.op == DiffTag::Insert)
                {
                    out.push(DiffLoc {
                        group: g,
                        diff: d,
                        op: o,
                    });
                }
                prev = op.op;
            }
        }
    }
    out
}

/// True when op `o` of diff `d` in group `g` belongs to difference `loc` (a replacement covers
/// its removal and the insertion right after it).
pub fn op_in(loc: &DiffLoc, g: usize, d: usize, o: usize) -> bool {
    loc.group == g && loc.diff == d && (o == loc.op || o == loc.op + 1)
}

/// The next position after `current` in a list of `len` (wrapping), or the first one.
pub fn step(current: Option<usize>, len: usize, forward: bool) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match (current, forward) {
        (None, true) => 0,
        (None, false) => len - 1,
        (Some(i), true) => (i + 1) % len,
        (Some(i), false) => (i + len - 1) % len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Options;
    use crate::compare_texts;

    fn cmp() -> Comparison {
        let a = "The harbour bridge in Velmora closed on Tuesday after inspectors found cracks in two support cables.\n\nThe city council met in the evening.";
        let b = "The old harbour bridge in Velmora was closed on Tuesday after inspectors found cracks in three support cables.\n\nFerries will run every hour.";
        compare_texts(&[("a.txt", a), ("b.txt", b)], &Options::default())
    }

    #[test]
    fn counts_match_the_model_and_search_narrows() {
        let c = cmp();
        let all = visible_groups(&c, "");
        assert_eq!(all.len(), c.groups.len());
        assert_eq!(differences(&c, &all).len(), c.difference_count());
        assert!(visible_groups(&c, "no such words here").is_empty());
        if !c.groups.is_empty() {
            assert!(!visible_groups(&c, "VELMORA").is_empty());
        }
    }

    #[test]
    fn step_wraps_both_ways() {
        assert_eq!(step(None, 3, true), Some(0));
        assert_eq!(step(None, 3, false), Some(2));
        assert_eq!(step(Some(2), 3, true), Some(0));
        assert_eq!(step(Some(0), 3, false), Some(2));
        assert_eq!(step(Some(0), 0, true), None);
    }
}
