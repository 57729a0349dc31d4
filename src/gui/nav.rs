//! Where the user can go: the groups that pass the search filter, and the word differences among
//! them in reading order, so "next difference" and "previous difference" step through exactly
//! what is on screen.

use crate::marks::OnlyIn;
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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
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

/// A row of the aligned view: a group, or passages that only one source reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Row {
    /// Index into `Comparison::groups`.
    Group(usize),
    Only(OnlyIn),
}

/// The rows of the aligned view: the `groups` (as [`visible_groups`] gives them) and, when
/// `with_only` is set, those of the runs of passages only one source reports (`only`, as
/// [`crate::marks::only_in`] gives them) that contain `query`.
///
/// In group order and in the order of its own source, a run goes where a reader of that source
/// meets it: after the group the source reports just before it, or before the source's first
/// group; a source with no group, and every run in the other orders, comes after all the groups.
pub fn visible_rows(
    cmp: &Comparison,
    groups: &[usize],
    only: &[OnlyIn],
    query: &str,
    order: RowOrder,
    with_only: bool,
) -> Vec<Row> {
    let q = query.trim();
    let runs: Vec<OnlyIn> = if with_only {
        only.iter()
            .filter(|r| {
                let passages = cmp
                    .documents
                    .get(r.doc)
                    .and_then(|d| d.passages.get(r.passages.clone()));
                passages.is_some_and(|ps| {
                    q.is_empty() || ps.iter().any(|p| find_ci(&p.text, q).is_some())
                })
            })
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    // Where each shown group stands in each source (passage index), for anchoring runs.
    let mut at: Vec<Vec<(usize, usize)>> = vec![Vec::new(); cmp.documents.len()];
    for (row, &g) in groups.iter().enumerate() {
        for id in cmp.groups.get(g).map_or(&[][..], |x| &x.passages[..]) {
            if let Some((d, pi)) = crate::model::parse_passage_id(id)
                && let Some(v) = at.get_mut(d)
            {
                v.push((pi, row));
            }
        }
    }
    for v in &mut at {
        v.sort_unstable();
    }
    let mut after: Vec<Vec<OnlyIn>> = vec![Vec::new(); groups.len()];
    let mut before: Vec<Vec<OnlyIn>> = vec![Vec::new(); groups.len()];
    let mut tail = Vec::new();
    for r in runs {
        if !(order == RowOrder::Source(r.doc) || order == RowOrder::Group) {
            tail.push(r);
            continue;
        }
        // The group its source reports closest before it (in the order of that source, rows
        // are sorted so that this is the row just above); a source's opening passages go just
        // before its first group.
        let v = &at[r.doc];
        let k = v.partition_point(|&(pi, _)| pi < r.passages.start);
        match k.checked_sub(1) {
            Some(k) => after[v[k].1].push(r),
            None => match v.first() {
                Some(&(_, row)) => before[row].push(r),
                None => tail.push(r),
            },
        }
    }
    let mut out: Vec<Row> = Vec::new();
    for (row, &g) in groups.iter().enumerate() {
        out.extend(before[row].drain(..).map(Row::Only));
        out.push(Row::Group(g));
        out.extend(after[row].drain(..).map(Row::Only));
    }
    out.extend(tail.into_iter().map(Row::Only));
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

/// The differences of the given groups, in group order, then passage order, then text order;
/// only those of passages `shown(group, document)` says are on screen (a folded wire copy's
/// hidden outlets are not).
pub fn differences(
    cmp: &Comparison,
    groups: &[usize],
    shown: impl Fn(usize, usize) -> bool,
) -> Vec<DiffLoc> {
    let mut out = Vec::new();
    for &g in groups {
        let Some(group) = cmp.groups.get(g) else {
            continue;
        };
        for (d, diff) in group.diffs.iter().enumerate() {
            let doc = crate::model::parse_passage_id(&diff.passage).map(|(doc, _)| doc);
            if doc.is_some_and(|doc| !shown(g, doc)) {
                continue;
            }
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
        assert_eq!(
            differences(&c, &all, |_, _| true).len(),
            c.difference_count()
        );
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

    #[test]
    fn passages_only_one_source_has_sit_where_its_reader_meets_them() {
        let c = cmp();
        assert!(!c.groups.is_empty(), "the bridge sentences align");
        let groups = visible_groups(&c, "", RowOrder::Group);
        let rows = visible_rows(
            &c,
            &groups,
            &crate::marks::only_in(&c),
            "",
            RowOrder::Group,
            true,
        );
        let only: Vec<&OnlyIn> = rows
            .iter()
            .filter_map(|r| match r {
                Row::Only(o) => Some(o),
                Row::Group(_) => None,
            })
            .collect();
        // "The city council met…" and "Ferries will run…": one run in each source, after the
        // bridge group, in source order.
        assert_eq!(only.len(), 2, "{rows:?}");
        assert_eq!((only[0].doc, only[1].doc), (0, 1));
        assert_eq!(rows[0], Row::Group(groups[0]));
        let text = |o: &OnlyIn| c.documents[o.doc].passages[o.passages.start].text.clone();
        assert!(text(only[0]).starts_with("The city council"));
        assert!(text(only[1]).starts_with("Ferries"));
        // The search narrows them; turned off, only groups are left.
        let ferries = visible_rows(
            &c,
            &groups,
            &crate::marks::only_in(&c),
            "ferries",
            RowOrder::Group,
            true,
        );
        assert_eq!(
            ferries.iter().filter(|r| matches!(r, Row::Only(_))).count(),
            1
        );
        let off = visible_rows(
            &c,
            &groups,
            &crate::marks::only_in(&c),
            "",
            RowOrder::Group,
            false,
        );
        assert_eq!(
            off,
            groups.iter().map(|&g| Row::Group(g)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_sources_opening_passages_come_before_its_first_group() {
        let a = "The mayor of Velmora spoke to reporters about the ferry timetable this morning.\n\nThe harbour bridge in Velmora closed on Tuesday after inspectors found cracks in two support cables.";
        let b = "The old harbour bridge in Velmora was closed on Tuesday after inspectors found cracks in three support cables.";
        let c = compare_texts(&[("a.txt", a), ("b.txt", b)], &Options::default());
        assert_eq!(c.groups.len(), 1, "the bridge sentences align");
        let groups = visible_groups(&c, "", RowOrder::Group);
        let kinds = |rows: &[Row]| -> Vec<&str> {
            rows.iter()
                .map(|r| match r {
                    Row::Group(_) => "group",
                    Row::Only(_) => "only",
                })
                .collect()
        };
        let by_group = visible_rows(
            &c,
            &groups,
            &crate::marks::only_in(&c),
            "",
            RowOrder::Group,
            true,
        );
        assert_eq!(kinds(&by_group), ["only", "group"], "the lede comes first");
        let by_source = visible_rows(
            &c,
            &groups,
            &crate::marks::only_in(&c),
            "",
            RowOrder::Source(0),
            true,
        );
        assert_eq!(kinds(&by_source), ["only", "group"]);
        let by_disagreement = visible_rows(
            &c,
            &groups,
            &crate::marks::only_in(&c),
            "",
            RowOrder::Disagreement,
            true,
        );
        assert_eq!(
            kinds(&by_disagreement),
            ["group", "only"],
            "other orders: at the end"
        );
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
