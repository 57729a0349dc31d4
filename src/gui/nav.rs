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

/// How the rows of the aligned view are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum RowOrder {
    /// The engine's order: story by story, in reading order.
    #[default]
    Group,
    /// Where the passages stand in one source (index into the documents); groups that source
    /// does not report come last.
    Source(usize),
    /// Most disagreement in wording first.
    Disagreement,
}

/// Indices of the groups whose label or passages contain `query` (case-insensitively); all groups
/// when the query is blank; in the order asked for.
pub fn visible_groups(cmp: &Comparison, query: &str, order: RowOrder) -> Vec<usize> {
    let q = query.trim();
    let mut out: Vec<usize> = (0..cmp.groups.len())
        .filter(|&g| q.is_empty() || group_matches(cmp, g, q))
        .collect();
    match order {
        RowOrder::Group => {}
        RowOrder::Source(d) => {
            let at = |g: usize| {
                cmp.groups[g]
                    .passages
                    .iter()
                    .filter_map(|id| cmp.passage(id))
                    .find(|(doc, _)| *doc == d)
                    .map_or(usize::MAX, |(_, p)| p.start)
            };
            out.sort_by_key(|&g| (at(g), g));
        }
        RowOrder::Disagreement => {
            out.sort_by(|&a, &b| {
                cmp.groups[b]
                    .disagreement
                    .total_cmp(&cmp.groups[a].disagreement)
                    .then(a.cmp(&b))
            });
        }
    }
    out
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
        let all = visible_groups(&c, "", RowOrder::Group);
        assert_eq!(all.len(), c.groups.len());
        assert_eq!(differences(&c, &all).len(), c.difference_count());
        assert!(visible_groups(&c, "no such words here", RowOrder::Group).is_empty());
        if !c.groups.is_empty() {
            assert!(!visible_groups(&c, "VELMORA", RowOrder::Group).is_empty());
        }
    }

    #[test]
    fn rows_order_by_source_position_or_disagreement() {
        let c = crosscheck_seeds();
        assert!(c.groups.len() >= 3, "the seeds align several groups");
        let by_dis = visible_groups(&c, "", RowOrder::Disagreement);
        assert_eq!(by_dis.len(), c.groups.len());
        assert!(
            by_dis
                .windows(2)
                .all(|w| c.groups[w[0]].disagreement >= c.groups[w[1]].disagreement)
        );
        let by_src = visible_groups(&c, "", RowOrder::Source(1));
        let starts: Vec<usize> = by_src
            .iter()
            .filter_map(|&g| {
                c.groups[g]
                    .passages
                    .iter()
                    .filter_map(|id| c.passage(id))
                    .find(|(d, _)| *d == 1)
                    .map(|(_, p)| p.start)
            })
            .collect();
        assert!(starts.len() >= 2);
        assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
        // Groups source 1 does not report come after all those it does.
        let reported = starts.len();
        assert!(by_src[reported..].iter().all(|&g| {
            !c.groups[g]
                .passages
                .iter()
                .filter_map(|id| c.passage(id))
                .any(|(d, _)| d == 1)
        }));
    }

    fn crosscheck_seeds() -> Comparison {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        let texts: Vec<(String, String)> = files
            .iter()
            .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(p).ok()?)))
            .collect();
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        compare_texts(&refs, &Options::default())
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
