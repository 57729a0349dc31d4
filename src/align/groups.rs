//! Stage 4 of aligning: groups, grown from the edges by constrained average linkage. A group
//! holds at most one passage per document (or a passage and the one right after it, which then
//! become one passage), and a passage joins a group only if it is similar to the group as a
//! whole — A~B and B~C do not make A~C. Two groups whose passages sit side by side in two or more
//! reports merge at a lower bar: the reports' own order is evidence.

use std::collections::HashMap;

use super::Tuning;
use super::candidates::Candidates;
use super::stories::Stories;
use super::vectors::Unit;

/// A group as its documents' slots: each slot the units (adjacent passages) of one document, in
/// document order.
pub(super) type Slots = Vec<Vec<u32>>;

/// The groups of two or more documents, in order of their first passage.
pub(super) fn link(
    units: &[Unit],
    ndocs: usize,
    cands: &Candidates,
    stories: &Stories,
    tuning: &Tuning,
) -> Vec<Slots> {
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
    for &(_, a, b) in &cands.edges {
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
                        total += cands.pair_sim(units, stories, tuning, x, y);
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

    // Groups of one passage are none.
    let mut groups: Vec<Vec<u32>> = members.into_iter().filter(|m| m.len() >= 2).collect();
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
                    Some(s) if units[s[0] as usize].doc == units[u as usize].doc => s.push(u),
                    _ => slots.push(vec![u]),
                }
            }
            slots
        })
        .collect()
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
