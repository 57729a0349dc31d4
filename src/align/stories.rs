//! Stage 2 of aligning: which documents tell one story. Documents are clustered by the
//! similarity of their whole text (average linkage, so one shared name cannot chain two stories
//! together); a passage pair is then held to a bar that depends on whether, and how firmly, its
//! two documents are in one story. The bar is of likeness within the comparison (its words are
//! weighed by how few of its reports use them), so reports of one event given alone fall below
//! it; clusters nearly as alike between them as inside are joined ([`join_alike`]).
//!
//! Look-alike events told in the same words but of other people and places (two robberies in
//! two towns, a template bulletin) are told apart by the names their reports give: inside each
//! cluster, reports are clustered again by their names, and clusters of several reports each
//! become stories ([`name_parts`]); no passage is aligned across two stories told apart so.
//!
//! Look-alike events that share their names (the same coach hired, then fired years later) can
//! stay one story by words and names alike. Time is the evidence that tells them apart: when a story's
//! reports are dated to two years (the dateline, else the latest year the headline and lead
//! name), and the reports of each year, with the undated ones put beside those they are most
//! like, are clearly less alike between the two sides than inside each, the story is two. A
//! story whose reports fall into two sides far less alike between them than inside, with no
//! dates to tell, is two as well, and the reader is told so (a warning names both sides).

use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::Tuning;
use super::vectors::{Sums, dot};

/// The story split of a comparison.
pub(super) struct Stories {
    /// Story number of each document, in order of first document.
    pub of: Vec<usize>,
    /// Similarity of every two documents of one story.
    sim: Sims,
    /// Per document whose cluster of words the split by names parted ([`name_parts`]): the
    /// cluster and its part (see [`crate::model::Document::named`]).
    pub named: Vec<Option<[usize; 2]>>,
    /// Stories split in two with no dates to tell them apart (see [`loose`]): the documents of
    /// each side, for the reader to be told.
    pub undated_splits: Vec<[Vec<usize>; 2]>,
}

/// Clusters the documents (given as vectors) into stories; `names` are the names each gives
/// ([`super::vectors::Space::doc_names`]), `years` its year ([`report_year`]), `datelines` its
/// dateline, when known.
pub(super) fn split(
    doc_vecs: &[Vec<(u32, f32)>],
    names: &[Vec<u32>],
    years: &[Option<u16>],
    datelines: &[Option<NaiveDate>],
    tuning: &Tuning,
) -> Stories {
    let clock = std::time::Instant::now();
    let lap = |stage: &str| log::debug!("stories: {stage} at {:.2?}", clock.elapsed());
    let mut of = cluster_stories(doc_vecs, tuning.story);
    lap("clustered");
    join_alike(
        &mut of,
        [doc_vecs, &name_vectors(names)],
        years,
        tuning.story,
        tuning.loose_story,
    );
    lap("joined");
    settle_by_date(&mut of, doc_vecs, datelines);
    let clusters = of.clone();
    if tuning.name_link > 0.0 {
        split_into(&mut of, |members| {
            name_parts(members, names, doc_vecs, tuning.name_link)
        });
    }
    let named = parted(&clusters, &of);
    lap("split by names");
    // Splits only part the documents of one cluster: these similarities serve to the end.
    let sim = Sims::new(&of, doc_vecs);
    lap("similarities");
    split_each(&mut of, |members| {
        two_years(members, &sim, years, tuning.story_split)
    });
    let mut undated_splits = Vec::new();
    split_each(&mut of, |members| {
        let sides = loose(members, &sim, tuning.loose_story)?;
        let second = sides[1].clone();
        undated_splits.push(sides);
        Some(second)
    });
    lap("split by time and by words");
    Stories {
        of,
        sim,
        named,
        undated_splits,
    }
}

/// Joins clusters of reports that are, on average, at least `ratio` times as alike between
/// them as inside the less cohesive of them (a report alone: the other), both in their words and
/// in the names they give: the mirror of the split of a loose story ([`loose`]), so a story is
/// one while its parts are that alike. Average linkage at a fixed bar (`story`) splits the
/// reports of one event when the comparison holds that event alone: the words all its reports
/// share weigh nothing, and what is left of a report's likeness to the others is its own detail.
/// A report of another event about the same people and country in the same words is as alike
/// in its words, but gives other names (as in the split by names, [`name_parts`]). Clusters
/// whose reports are dated ([`report_year`]) to no year in common tell of two times and are not
/// joined. A zero `ratio` turns joining off.
///
/// Two clusters that alike have a pair of reports at least `ratio` times `story` alike in their
/// words (a cluster of two or more is at least `story` alike inside): only the clusters of such
/// pairs are weighed, those of the most alike pair first, and a join refused is weighed again
/// only once either has grown.
fn join_alike(
    of: &mut [usize],
    [vecs, names]: [&[Vec<(u32, f32)>]; 2],
    years: &[Option<u16>],
    story: f32,
    ratio: f32,
) {
    if ratio <= 0.0 {
        return;
    }
    let n = vecs.len();
    let mut first: HashMap<usize, usize> = HashMap::default();
    let mut root: Vec<usize> = of
        .iter()
        .enumerate()
        .map(|(d, &c)| *first.entry(c).or_insert(d))
        .collect();
    // Per cluster (named by its first report) and measure (words, names): the summed vectors
    // and the sum of the similarities of its pairs; its size, and the years its reports are
    // dated to.
    let mut sums = [vecs, names].map(|v| Sums::new(v.iter().map(Vec::as_slice).collect()));
    let mut within = [vec![0.0f32; n], vec![0.0f32; n]];
    let mut size = vec![0usize; n];
    let mut dated: Vec<Vec<u16>> = vec![Vec::new(); n];
    for (d, &c) in root.iter().enumerate() {
        size[c] += 1;
        dated[c].extend(years[d]);
        if c != d {
            for (sum, inside) in sums.iter_mut().zip(&mut within) {
                inside[c] += sum.dot(c, d);
                sum.merge(c, d);
            }
        }
    }
    let mut version = vec![0u32; n];
    let mut refused: HashMap<(usize, usize), (u32, u32)> = HashMap::default();
    // One pair per two clusters, named by their first reports.
    let first_of = |d: u32| root[d as usize] as u32;
    let candidates = pairs_above_as(vecs, ratio * story, |s, i, j| {
        let (a, b) = (first_of(i), first_of(j));
        (a != b).then(|| (s, a.min(b), a.max(b)))
    });
    for (_, i, j) in candidates {
        let (a, b) = (find(&mut root, i as usize), find(&mut root, j as usize));
        if a == b || refused.get(&(a, b)) == Some(&(version[a], version[b])) {
            continue;
        }
        if size[a] < 2 && size[b] < 2 {
            continue;
        }
        // Reports dated to other years are of another time, however alike.
        let other_time = !dated[a].is_empty()
            && !dated[b].is_empty()
            && !dated[a].iter().any(|y| dated[b].contains(y));
        let across = [0, 1].map(|k| sums[k].dot(a, b));
        let alike = |k: usize| {
            let inside = |c: usize| {
                (size[c] >= 2).then(|| within[k][c] / (size[c] * (size[c] - 1) / 2) as f32)
            };
            let cohesion = [inside(a), inside(b)]
                .into_iter()
                .flatten()
                .fold(f32::INFINITY, f32::min);
            across[k] / ((size[a] * size[b]) as f32) >= ratio * cohesion
        };
        if other_time || !alike(0) || !alike(1) {
            refused.insert((a, b), (version[a], version[b]));
            continue;
        }
        for (k, sum) in sums.iter_mut().enumerate() {
            sum.merge(a, b);
            within[k][a] += within[k][b] + across[k];
        }
        root[b] = a;
        size[a] += size[b];
        version[a] += 1;
        version[b] += 1;
        let taken = std::mem::take(&mut dated[b]);
        dated[a].extend(taken);
    }
    for (d, story) in of.iter_mut().enumerate() {
        *story = find(&mut root, d);
    }
    renumber(of);
}

/// The names each report gives ([`super::vectors::Space::doc_names`]) as unit vectors, each
/// name weighed as the words of a report are, by how few of the comparison's reports give it.
fn name_vectors(names: &[Vec<u32>]) -> Vec<Vec<(u32, f32)>> {
    let mut df: HashMap<u32, u32> = HashMap::default();
    for &t in names.iter().flatten() {
        *df.entry(t).or_default() += 1;
    }
    let n = names.len() as f32;
    names
        .iter()
        .map(|ns| {
            let mut v: Vec<(u32, f32)> = ns
                .iter()
                .map(|t| (*t, super::vectors::idf(df[t], n)))
                .collect();
            super::vectors::normalize(&mut v);
            v
        })
        .collect()
}

/// Days apart two datelines can be and still tell of one story's time.
const SAME_TIME_DAYS: i64 = 7;

/// Share of its likeness to its own story a report needs with another story to be moved there
/// by its date.
const NEAR_SHARE: f32 = 0.8;

/// Fewest reports a story needs to take in, or give up, a report by its date; and fewest of
/// them dated.
const SETTLE_MIN: usize = 3;

/// Moves each dated report that clustering put in a story none of whose other reports is dated
/// near it, into the story whose reports are dated (two or more, all within [`SAME_TIME_DAYS`]
/// of it), when it is nearly as alike to that story, on average, as to its own: where words
/// hardly tell two stories apart, time does. Likeness is that of the stories as clustered; all
/// moves are made at once.
fn settle_by_date(of: &mut [usize], vecs: &[Vec<(u32, f32)>], datelines: &[Option<NaiveDate>]) {
    let nstories = of.iter().max().map_or(0, |&m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); nstories];
    for (d, &s) in of.iter().enumerate() {
        members[s].push(d);
    }
    let near = |a: NaiveDate, b: NaiveDate| (a - b).num_days().abs() <= SAME_TIME_DAYS;
    // Each story's datelines, sorted.
    let dates: Vec<Vec<NaiveDate>> = members
        .iter()
        .map(|m| {
            let mut v: Vec<NaiveDate> = m.iter().filter_map(|&d| datelines[d]).collect();
            v.sort_unstable();
            v
        })
        .collect();
    // Stories whose dated reports, two or more, all fall within days of each other.
    let timed: Vec<(usize, NaiveDate, NaiveDate)> = (0..nstories)
        .filter(|&s| members[s].len() >= SETTLE_MIN && dates[s].len() >= 2)
        .filter_map(|s| {
            let (lo, hi) = (*dates[s].first()?, *dates[s].last()?);
            near(lo, hi).then_some((s, lo, hi))
        })
        .collect();
    if timed.is_empty() {
        return;
    }
    let sum_of = |s: usize| -> HashMap<u32, f32> {
        let mut sum = HashMap::default();
        for &d in &members[s] {
            for &(t, w) in &vecs[d] {
                *sum.entry(t).or_default() += w;
            }
        }
        sum
    };
    let mut sums: HashMap<usize, HashMap<u32, f32>> = HashMap::default();
    let mut moves = Vec::new();
    for (d, date) in datelines.iter().enumerate() {
        let (Some(date), own) = (*date, of[d]) else {
            continue;
        };
        // No other report of its story is dated near it: its own date is the only one in the
        // window.
        let window = SAME_TIME_DAYS;
        let within = dates[own].partition_point(|&x| x <= date + chrono::Duration::days(window))
            - dates[own].partition_point(|&x| x < date - chrono::Duration::days(window));
        let alone_in_time = members[own].len() >= SETTLE_MIN && within <= 1;
        if !alone_in_time {
            continue;
        }
        let mut mean = |s: usize| {
            let sum = sums.entry(s).or_insert_with(|| sum_of(s));
            let dot: f32 = vecs[d]
                .iter()
                .filter_map(|(t, w)| Some(w * sum.get(t)?))
                .sum();
            if s == own {
                let itself: f32 = vecs[d].iter().map(|(_, w)| w * w).sum();
                (dot - itself) / (members[s].len() - 1) as f32
            } else {
                dot / members[s].len() as f32
            }
        };
        let own_mean = mean(own);
        let best = timed
            .iter()
            .filter(|&&(s, lo, hi)| s != own && near(lo, date) && near(hi, date))
            .map(|&(s, _, _)| (s, mean(s)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((s, m)) = best
            && m >= own_mean * NEAR_SHARE
        {
            moves.push((d, s));
        }
    }
    for (d, s) in moves {
        of[d] = s;
    }
    renumber(of);
}

/// How many passages from the top of a report (its headline and lead) say its year.
const TOP_PASSAGES: usize = 3;

/// The year a report is dated to: its dateline's, else the latest year its headline and lead
/// name after a word that says when ("fired in 2008"; not "nearly 2000 troops"), else none.
pub(super) fn report_year(doc: &crate::model::Document) -> Option<u16> {
    if let Some(y) = doc
        .dateline
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok())
    {
        return Some(y);
    }
    doc.passages
        .iter()
        .filter(|p| !p.boilerplate)
        .take(TOP_PASSAGES)
        .flat_map(|p| {
            let toks = crate::text::tokenize(&p.text);
            (1..toks.len())
                .filter(|&k| {
                    crate::text::is_year(&toks[k].key)
                        && matches!(
                            toks[k - 1].key.as_str(),
                            "in" | "of" | "during" | "early" | "late" | "mid"
                        )
                })
                .filter_map(|k| toks[k].key.parse::<u16>().ok())
                .collect::<Vec<_>>()
        })
        .max()
}

/// Gives the documents `side_of` picks out of a story (its members, in order) a story of their
/// own; the new stories are numbered after the others, then all in order of first document.
fn split_each(of: &mut [usize], mut side_of: impl FnMut(&[usize]) -> Option<Vec<usize>>) {
    split_into(of, |members| {
        let side: std::collections::HashSet<usize> = side_of(members)?.into_iter().collect();
        Some(
            members
                .iter()
                .map(|d| usize::from(side.contains(d)))
                .collect(),
        )
    });
}

/// Splits each story into the parts `part_of` gives its members (in order; one part number per
/// member, 0 for those that stay): each other part becomes a story of its own, numbered after
/// the others, then all in order of first document.
fn split_into(of: &mut [usize], mut part_of: impl FnMut(&[usize]) -> Option<Vec<usize>>) {
    let nstories = of.iter().max().map_or(0, |&m| m + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); nstories];
    for (d, &story) in of.iter().enumerate() {
        members[story].push(d);
    }
    let mut next = nstories;
    for story in &members {
        let Some(parts) = part_of(story) else {
            continue;
        };
        let mut new_of: HashMap<usize, usize> = HashMap::default();
        for (&d, &part) in story.iter().zip(&parts) {
            if part > 0 {
                of[d] = *new_of.entry(part).or_insert_with(|| {
                    next += 1;
                    next - 1
                });
            }
        }
    }
    renumber(of);
}

/// Per document, its cluster (`clusters`) and part (`parts`) when its cluster was parted in
/// two or more.
fn parted(clusters: &[usize], parts: &[usize]) -> Vec<Option<[usize; 2]>> {
    let mut first_part: HashMap<usize, usize> = HashMap::default();
    let mut split: HashMap<usize, bool> = HashMap::default();
    for (&c, &p) in clusters.iter().zip(parts) {
        let first = *first_part.entry(c).or_insert(p);
        *split.entry(c).or_default() |= first != p;
    }
    clusters
        .iter()
        .zip(parts)
        .map(|(&c, &p)| split[&c].then_some([c, p]))
        .collect()
}

/// Fewest reports a part of a story split by its names needs.
const NAMES_MIN: usize = LOOSE_MIN;

/// The parts of a story (its members) whose reports name different people, places and bodies:
/// look-alike events (the same kind of robbery, told in the same words, in two towns) are told
/// apart by who and where, whatever their other words share. Reports are clustered by the
/// names they give (average linkage, as stories are, over name vectors weighted by how few of
/// the story's reports give each name; a name all of them give says nothing), at `link`; when
/// two or more clusters hold [`NAMES_MIN`] reports or more, each is a story, and each other
/// report (one that names nobody, or few) joins the one whose reports its words are most like.
/// Look-alike events that share their names (the same coach hired, then fired) stay one story
/// here, for time to tell apart.
fn name_parts(
    members: &[usize],
    names: &[Vec<u32>],
    vecs: &[Vec<(u32, f32)>],
    link: f32,
) -> Option<Vec<usize>> {
    if members.len() < 2 * NAMES_MIN {
        return None;
    }
    let mut df: HashMap<u32, u32> = HashMap::default();
    for &d in members {
        for &t in &names[d] {
            *df.entry(t).or_default() += 1;
        }
    }
    let n = members.len() as f32;
    let name_vecs: Vec<Vec<(u32, f32)>> = members
        .iter()
        .map(|&d| {
            let mut v: Vec<(u32, f32)> = names[d]
                .iter()
                .filter(|t| df[t] >= 2 && (df[t] as f32) < n)
                .map(|&t| (t, (n / df[&t] as f32).ln()))
                .collect();
            super::vectors::normalize(&mut v);
            v
        })
        .collect();
    let clusters = cluster_stories(&name_vecs, link);
    let mut size: HashMap<usize, usize> = HashMap::default();
    for &c in &clusters {
        *size.entry(c).or_default() += 1;
    }
    let mut cores: Vec<usize> = size
        .iter()
        .filter(|&(_, &s)| s >= NAMES_MIN)
        .map(|(&c, _)| c)
        .collect();
    if cores.len() < 2 {
        return None;
    }
    cores.sort_unstable();
    // One event's reports share its main person or place, however differently they quote
    // others: a name that half the reports of every part or more give (left out of the
    // vectors above when all give it, as such a name weighs nothing there) keeps the story
    // whole.
    let mut giving: Vec<HashMap<u32, usize>> = vec![HashMap::default(); cores.len()];
    for (k, &d) in members.iter().enumerate() {
        if let Ok(p) = cores.binary_search(&clusters[k]) {
            for &t in &names[d] {
                *giving[p].entry(t).or_default() += 1;
            }
        }
    }
    let shared = |t: &u32| {
        cores
            .iter()
            .zip(&giving)
            .all(|(c, g)| 2 * g.get(t).copied().unwrap_or(0) >= size[c])
    };
    if giving[0].keys().any(shared) {
        return None;
    }
    // Each core's summed vector: a report's mean likeness to a core is its dot product with
    // the sum over the core's size.
    let sums: Vec<HashMap<u32, f32>> = cores
        .iter()
        .map(|&c| {
            let mut sum: HashMap<u32, f32> = HashMap::default();
            for (k, &d) in members.iter().enumerate() {
                if clusters[k] == c {
                    for &(t, w) in &vecs[d] {
                        *sum.entry(t).or_default() += w;
                    }
                }
            }
            sum
        })
        .collect();
    let parts = members
        .iter()
        .enumerate()
        .map(|(k, &d)| match cores.binary_search(&clusters[k]) {
            Ok(part) => part,
            Err(_) => (0..cores.len())
                .map(|p| {
                    let dot: f32 = vecs[d]
                        .iter()
                        .filter_map(|(t, w)| Some(w * sums[p].get(t)?))
                        .sum();
                    (p, dot / size[&cores[p]] as f32)
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map_or(0, |(p, _)| p),
        })
        .collect();
    Some(parts)
}

/// The documents of a story that report another event than the rest, if time and words both
/// say so: the two years most reports are dated to (each of two or more reports), the undated
/// reports and those of other years put beside the side they are most like on average, and the
/// mean similarity between the two sides below `ratio` times the mean inside the less cohesive
/// side. Returns the side of the later year.
fn two_years(
    members: &[usize],
    sim: &Sims,
    years: &[Option<u16>],
    ratio: f32,
) -> Option<Vec<usize>> {
    let mut count: HashMap<u16, usize> = HashMap::default();
    for &d in members {
        if let Some(y) = years[d] {
            *count.entry(y).or_default() += 1;
        }
    }
    let mut by_count: Vec<(usize, u16)> = count.into_iter().map(|(y, c)| (c, y)).collect();
    by_count.sort_unstable_by(|a, b| b.cmp(a));
    let (&(ca, ya), &(cb, yb)) = (by_count.first()?, by_count.get(1)?);
    if ca < 2 || cb < 2 {
        return None;
    }
    let (early, late) = (ya.min(yb), ya.max(yb));
    let mut sides: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let mut rest = Vec::new();
    for &d in members {
        match years[d] {
            Some(y) if y == early => sides[0].push(d),
            Some(y) if y == late => sides[1].push(d),
            _ => rest.push(d),
        }
    }
    for d in rest {
        let to_late = mean_to(sim, d, &sides[1]) > mean_to(sim, d, &sides[0]);
        sides[usize::from(to_late)].push(d);
    }
    (separated(sim, &sides) < ratio).then(|| sides[1].clone())
}

/// How alike two sides are between them, as a share of how alike the less cohesive side is
/// inside (sides of two or more documents).
fn separated(sim: &Sims, sides: &[Vec<usize>; 2]) -> f32 {
    let between = sides[0]
        .iter()
        .map(|&a| mean_to(sim, a, &sides[1]))
        .sum::<f32>()
        / sides[0].len() as f32;
    between / inside(sim, &sides[0]).min(inside(sim, &sides[1]))
}

/// The two sides of a story (its members) whose reports fall into two sides clearly less alike
/// between them than inside each (below `ratio`), to be split with no dates to tell them apart:
/// they may report two look-alike events, so they are taken as two stories (a wrong split loses
/// some alignments; a wrong merge sets two events side by side) and the reader is told. The two
/// sides are found by two-means on the documents' similarity, seeded with the report least like
/// the others and the one least like it.
fn loose(members: &[usize], sim: &Sims, ratio: f32) -> Option<[Vec<usize>; 2]> {
    let sides = two_means(members, sim)?;
    (separated(sim, &sides) < ratio).then_some(sides)
}

/// Fewest reports a story needs for its two sides to be weighed, two on each.
const LOOSE_MIN: usize = 4;

/// Most rounds of two-means.
const ROUNDS: usize = 5;

/// Two sides of a story's documents, each of two or more, by two-means on their similarity.
fn two_means(members: &[usize], sim: &Sims) -> Option<[Vec<usize>; 2]> {
    if members.len() < LOOSE_MIN {
        return None;
    }
    // A document's likeness to a side, itself left out; a side that is only the document
    // keeps it (a seed stays where it was put).
    let alike = |d: usize, side: &[usize]| {
        let others = side.iter().filter(|&&x| x != d);
        let n = others.clone().count();
        match (n, side.is_empty()) {
            (0, false) => f32::INFINITY,
            (0, true) => f32::NEG_INFINITY,
            _ => others.map(|&x| sim.get(d, x)).sum::<f32>() / n as f32,
        }
    };
    let a = *members
        .iter()
        .min_by(|&&x, &&y| alike(x, members).total_cmp(&alike(y, members)))?;
    let b = *members
        .iter()
        .filter(|&&d| d != a)
        .min_by(|&&x, &&y| sim.get(a, x).total_cmp(&sim.get(a, y)))?;
    let mut sides = [vec![a], vec![b]];
    for _ in 0..ROUNDS {
        let mut next: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        for &d in members {
            let to_second = alike(d, &sides[1]) > alike(d, &sides[0]);
            next[usize::from(to_second)].push(d);
        }
        if next == sides {
            break;
        }
        sides = next;
    }
    (sides[0].len() >= 2 && sides[1].len() >= 2).then_some(sides)
}

/// Mean similarity of document `d` to the documents of `side` (not empty).
fn mean_to(sim: &Sims, d: usize, side: &[usize]) -> f32 {
    side.iter().map(|&x| sim.get(d, x)).sum::<f32>() / side.len() as f32
}

/// Mean similarity of the pairs of `side` (two or more documents).
fn inside(sim: &Sims, side: &[usize]) -> f32 {
    let n = side.len();
    let mut total = 0.0;
    for (i, &a) in side.iter().enumerate() {
        for &b in &side[i + 1..] {
            total += sim.get(a, b);
        }
    }
    total / (n * (n - 1) / 2) as f32
}

/// Story numbers in order of first document.
fn renumber(of: &mut [usize]) {
    let mut ids: HashMap<usize, usize> = HashMap::default();
    for s in of.iter_mut() {
        let next = ids.len();
        *s = *ids.entry(*s).or_insert(next);
    }
}

impl Stories {
    /// Whether two documents are in one story and firmly alike: then any pair of their passages
    /// that shares enough words counts in a group's average (see [`super::candidates`]).
    pub fn firm(&self, da: usize, db: usize, tuning: &Tuning) -> bool {
        da != db
            && self.of[da] == self.of[db]
            && self.sim.get(da, db) >= tuning.story * tuning.firm_story
    }

    /// Whether a pair of passages of documents `da` and `db`, similar by `sim` (`anchors`: they
    /// share two or more names or numbers), is an edge: a pair that can start a group or join two.
    /// Across stories, only a nearly equal pair is, and none across stories told apart by the
    /// people and places they name: two events, whatever stock sentences they share ("police
    /// are searching the area").
    pub fn is_edge(&self, da: usize, db: usize, sim: f32, anchors: bool, tuning: &Tuning) -> bool {
        if da == db {
            false
        } else if self.of[da] == self.of[db] {
            // Two documents of a story that are only loosely alike need stronger evidence
            // from a passage pair than two that clearly tell the same story.
            let ds = self.sim.get(da, db);
            let firm = tuning.story * tuning.firm_story;
            let need = if ds >= firm {
                tuning.within
            } else {
                tuning.within + (tuning.across - tuning.within) * (1.0 - ds / firm)
            };
            sim >= need
        } else {
            sim >= tuning.across
                && anchors
                && !crate::model::named_apart(self.named[da], self.named[db])
        }
    }
}

/// Average-linkage clustering of documents (given as unit vectors): pairs in decreasing
/// similarity, merged while the mean similarity between the two clusters stays at or above
/// `threshold`. The sum of the similarities between two clusters is the dot product of their
/// summed vectors, so no matrix of every two documents is kept: memory grows with the words
/// of the documents, and with the pairs alike enough to merge. (That sum equals the sum of every
/// pair's similarity up to rounding, summed in another order: a mean within rounding of the
/// threshold could fall the other way; on the dev set and the scale sets the stories are the
/// same.) Documents that share no term are never merged, whatever the threshold.
fn cluster_stories(vecs: &[Vec<(u32, f32)>], threshold: f32) -> Vec<usize> {
    let n = vecs.len();
    let pairs = pairs_above(vecs, threshold);
    let mut root: Vec<usize> = (0..n).collect();
    let mut size = vec![1usize; n];
    // The summed vector of each cluster, and a version that changes whenever the cluster does,
    // so a merge refused once is not weighed again until one of the two has changed.
    let mut sums = Sums::new(vecs.iter().map(Vec::as_slice).collect());
    let mut version = vec![0u32; n];
    let mut refused: HashMap<(usize, usize), (u32, u32)> = HashMap::default();
    for (_, i, j) in pairs {
        let (a, b) = (find(&mut root, i as usize), find(&mut root, j as usize));
        if a == b || refused.get(&(a, b)) == Some(&(version[a], version[b])) {
            continue;
        }
        if sums.dot(a, b) / ((size[a] * size[b]) as f32) < threshold {
            refused.insert((a, b), (version[a], version[b]));
            continue;
        }
        sums.merge(a, b);
        root[b] = a;
        size[a] += size[b];
        version[a] += 1;
        version[b] += 1;
    }
    let mut of: Vec<usize> = (0..n).map(|i| find(&mut root, i)).collect();
    renumber(&mut of);
    of
}

/// The pairs `(similarity, i, j)`, `i < j`, of documents at least `threshold` alike, most alike
/// first (ties in document order), from an inverted index: each document's row is summed in a
/// scratch row, and only the pairs above the threshold are kept.
fn pairs_above(vecs: &[Vec<(u32, f32)>], threshold: f32) -> Vec<(f32, u32, u32)> {
    scan(vecs, threshold, |s, i, j| Some((s, i, j)), false)
}

/// [`pairs_above`], each pair `(similarity, i, j)` mapped by `keep` (or left out), those of one
/// key (its last two fields) kept once, at their highest similarity.
fn pairs_above_as(
    vecs: &[Vec<(u32, f32)>],
    threshold: f32,
    keep: impl Fn(f32, u32, u32) -> Option<(f32, u32, u32)> + Sync,
) -> Vec<(f32, u32, u32)> {
    scan(vecs, threshold, keep, true)
}

/// The pairs of [`pairs_above`] mapped by `keep`, kept `once` per key when keys may repeat
/// (the pairs of two documents are each their own key).
fn scan(
    vecs: &[Vec<(u32, f32)>],
    threshold: f32,
    keep: impl Fn(f32, u32, u32) -> Option<(f32, u32, u32)> + Sync,
    once: bool,
) -> Vec<(f32, u32, u32)> {
    let n = vecs.len();
    let nterms = vecs
        .iter()
        .flat_map(|v| v.iter().map(|&(t, _)| t as usize + 1))
        .max()
        .unwrap_or(0);
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); nterms];
    for (i, v) in vecs.iter().enumerate() {
        for &(t, w) in v {
            postings[t as usize].push((i as u32, w));
        }
    }
    let mut pairs: Vec<(f32, u32, u32)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![f32::NAN; n], Vec::<u32>::new()),
            |(acc, touched), i| {
                // Summed over the first document's terms in order, as `dot` sums them; a
                // document not yet touched is NaN.
                for &(t, w) in &vecs[i] {
                    let list = &postings[t as usize];
                    // Each list is in document order: only the later documents are summed.
                    let later = list.partition_point(|&(j, _)| j as usize <= i);
                    for &(j, w2) in &list[later..] {
                        let a = &mut acc[j as usize];
                        if a.is_nan() {
                            *a = 0.0;
                            touched.push(j);
                        }
                        *a += w * w2;
                    }
                }
                let mut row: Vec<(f32, u32, u32)> = touched
                    .drain(..)
                    .filter_map(|j| {
                        let s = std::mem::replace(&mut acc[j as usize], f32::NAN);
                        if s >= threshold {
                            keep(s, i as u32, j)
                        } else {
                            None
                        }
                    })
                    .collect();
                if once {
                    once_per_key(&mut row);
                }
                row
            },
        )
        .flatten()
        .collect();
    if once {
        once_per_key(&mut pairs);
    }
    pairs.par_sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    pairs
}

/// Keeps one pair per key (the last two fields), the most alike (the first in order on a tie).
fn once_per_key(pairs: &mut Vec<(f32, u32, u32)>) {
    pairs.par_sort_unstable_by(|a, b| (a.1, a.2).cmp(&(b.1, b.2)).then(b.0.total_cmp(&a.0)));
    pairs.dedup_by_key(|p| (p.1, p.2));
}

/// The similarity of every two documents of one cluster: a matrix per cluster, so memory grows
/// with the square of a story's size, not of the whole comparison.
pub(super) struct Sims {
    /// Cluster of each document, and its place among the cluster's documents.
    cluster: Vec<usize>,
    place: Vec<usize>,
    /// Per cluster, its documents' similarities, row by row.
    rows: Vec<Vec<f32>>,
    /// Documents in each cluster.
    len: Vec<usize>,
}

impl Sims {
    fn new(of: &[usize], vecs: &[Vec<(u32, f32)>]) -> Self {
        let nclusters = of.iter().max().map_or(0, |&m| m + 1);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); nclusters];
        let mut place = vec![0; of.len()];
        for (d, &c) in of.iter().enumerate() {
            place[d] = members[c].len();
            members[c].push(d);
        }
        let rows = members
            .par_iter()
            .map(|m| {
                let mut rows = vec![0.0f32; m.len() * m.len()];
                for (k, &a) in m.iter().enumerate() {
                    for (l, &b) in m.iter().enumerate().skip(k + 1) {
                        let s = dot(&vecs[a], &vecs[b]);
                        rows[k * m.len() + l] = s;
                        rows[l * m.len() + k] = s;
                    }
                }
                rows
            })
            .collect();
        Self {
            cluster: of.to_vec(),
            place,
            rows,
            len: members.iter().map(Vec::len).collect(),
        }
    }

    /// How alike documents `a` and `b` are (zero for one document, and for two clusters).
    fn get(&self, a: usize, b: usize) -> f32 {
        let c = self.cluster[a];
        if c != self.cluster[b] {
            return 0.0;
        }
        self.rows[c][self.place[a] * self.len[c] + self.place[b]]
    }
}

fn find(root: &mut [usize], mut i: usize) -> usize {
    while root[i] != i {
        root[i] = root[root[i]];
        i = root[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::vectors::random_vectors;

    /// Average linkage as it was first written: every two documents' similarity in a matrix,
    /// and the clusters' rows summed on each merge.
    fn cluster_by_matrix(vecs: &[Vec<(u32, f32)>], threshold: f32) -> Vec<usize> {
        let n = vecs.len();
        let sim: Vec<Vec<f32>> = (0..n)
            .map(|i| {
                (0..n)
                    .map(|j| if i == j { 0.0 } else { dot(&vecs[i], &vecs[j]) })
                    .collect()
            })
            .collect();
        let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
        for (i, row) in sim.iter().enumerate() {
            for (j, &s) in row.iter().enumerate().skip(i + 1) {
                if s >= threshold {
                    pairs.push((s, i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut root: Vec<usize> = (0..n).collect();
        let mut size = vec![1usize; n];
        let mut link = sim.clone();
        for (_, i, j) in pairs {
            let (a, b) = (find(&mut root, i), find(&mut root, j));
            if a == b || link[a][b] / ((size[a] * size[b]) as f32) < threshold {
                continue;
            }
            let row_b = std::mem::take(&mut link[b]);
            for (k, v) in row_b.into_iter().enumerate() {
                link[a][k] += v;
                let merged = link[a][k];
                if let Some(x) = link[k].get_mut(a) {
                    *x = merged;
                }
            }
            root[b] = a;
            size[a] += size[b];
        }
        let mut of: Vec<usize> = (0..n).map(|i| find(&mut root, i)).collect();
        renumber(&mut of);
        of
    }

    #[test]
    fn clusters_by_summed_vectors_are_those_of_every_pair_weighed() {
        for seed in 1..=6 {
            let vecs = random_vectors(120, seed);
            for threshold in [0.12, 0.2, 0.35] {
                let fast = cluster_stories(&vecs, threshold);
                assert_eq!(
                    fast,
                    cluster_by_matrix(&vecs, threshold),
                    "seed {seed}, {threshold}"
                );
                // Not trivially all one, nor all apart.
                let n = fast.iter().max().map_or(0, |&m| m + 1);
                assert!(
                    n > 1 && n < vecs.len(),
                    "seed {seed}, {threshold}: {n} clusters"
                );
            }
        }
    }

    /// Reports made of one word all share, at `shared` weight, and words of their own.
    fn reports(shared: &[f32]) -> Vec<Vec<(u32, f32)>> {
        shared
            .iter()
            .enumerate()
            .map(|(d, &w)| vec![(0, w), (1 + d as u32, (1.0 - w * w).sqrt())])
            .collect()
    }

    /// Five reports of one event, 0.1 alike, a sixth of it 0.045 alike to each (below the
    /// story bar, but more than `loose_story` times their likeness) and one of a look-alike
    /// event 0.03 alike: the sixth joins the story, the look-alike stays apart. A sixth naming
    /// other people, or dated to another year, stays apart too.
    #[test]
    fn a_report_nearly_as_alike_to_a_story_as_its_reports_are_joins_it() {
        let core = 0.1f32.sqrt();
        let mut shared = vec![core; 5];
        shared.push(0.045 / core);
        shared.push(0.03 / core);
        let vecs = reports(&shared);
        // Each report names the event's two people (terms 100, 101), and one of its own.
        let names: Vec<Vec<u32>> = (0..7).map(|d| vec![100, 101, 200 + d]).collect();
        let stories = |names: &[Vec<u32>], years: &[Option<u16>], tuning: &Tuning| {
            split(&vecs, names, years, &[None; 7], tuning).of
        };
        let tuning = Tuning::default();
        let undated = [None; 7];
        assert!(dot(&vecs[0], &vecs[5]) < tuning.story);
        assert_eq!(
            stories(&names, &undated, &tuning),
            vec![0, 0, 0, 0, 0, 0, 1]
        );
        // Joining off: the bar alone leaves the sixth report a story of its own.
        let apart = Tuning {
            loose_story: 0.0,
            ..tuning
        };
        assert_eq!(stories(&names, &undated, &apart), vec![0, 0, 0, 0, 0, 1, 2]);
        // A sixth report as alike in its words but naming other people tells of other people.
        let mut others = names.clone();
        others[5] = vec![300, 301, 205];
        assert_eq!(
            stories(&others, &undated, &tuning),
            vec![0, 0, 0, 0, 0, 1, 2]
        );
        // One dated to another year than the story's reports tells of another time.
        let mut years = [Some(2024); 7];
        years[5] = Some(2019);
        assert_eq!(stories(&names, &years, &tuning), vec![0, 0, 0, 0, 0, 1, 2]);
    }

    #[test]
    fn similarities_are_kept_per_cluster() {
        let vecs = random_vectors(30, 7);
        let of: Vec<usize> = (0..30).map(|d| d % 3).collect();
        let sims = Sims::new(&of, &vecs);
        for a in 0..30 {
            for b in 0..30 {
                let want = if a != b && of[a] == of[b] {
                    dot(&vecs[a], &vecs[b])
                } else {
                    0.0
                };
                assert_eq!(sims.get(a, b), want, "{a} {b}");
            }
        }
    }

    /// A dated report that clustering put beside undated reports, about as alike to a story
    /// dated days from it, goes there; one clearly more alike to its own story stays.
    #[test]
    fn a_dated_report_goes_to_the_story_of_its_time_when_words_hardly_tell() {
        let unit = |v: &[(u32, f32)]| {
            let mut v = v.to_vec();
            crate::align::vectors::normalize(&mut v);
            v
        };
        let day = |d: u32| NaiveDate::from_ymd_opt(2012, 7, d);
        // Story 0: three undated reports; story 1: three dated 7 or 8 July.
        let mut vecs: Vec<Vec<(u32, f32)>> = Vec::new();
        let mut datelines = Vec::new();
        for _ in 0..3 {
            vecs.push(unit(&[(0, 1.0), (1, 1.0), (2, 1.0)]));
            datelines.push(None);
        }
        for d in [7, 7, 8] {
            vecs.push(unit(&[(3, 1.0), (4, 1.0), (5, 1.0)]));
            datelines.push(day(d));
        }
        // A report dated 8 July as alike to both.
        vecs.push(unit(&[(0, 1.0), (3, 1.0)]));
        datelines.push(day(8));
        let mut of = vec![0, 0, 0, 1, 1, 1, 0];
        settle_by_date(&mut of, &vecs, &datelines);
        assert_eq!(of, vec![0, 0, 0, 1, 1, 1, 1]);
        // Clearly more like its own story: it stays.
        vecs[6] = unit(&[(0, 3.0), (1, 1.0), (3, 1.0)]);
        let mut of = vec![0, 0, 0, 1, 1, 1, 0];
        settle_by_date(&mut of, &vecs, &datelines);
        assert_eq!(of, vec![0, 0, 0, 1, 1, 1, 0]);
        // Dated weeks from that story: it stays.
        vecs[6] = unit(&[(0, 1.0), (3, 1.0)]);
        datelines[6] = NaiveDate::from_ymd_opt(2012, 9, 1);
        let mut of = vec![0, 0, 0, 1, 1, 1, 0];
        settle_by_date(&mut of, &vecs, &datelines);
        assert_eq!(of, vec![0, 0, 0, 1, 1, 1, 0]);
    }
}
