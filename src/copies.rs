//! Wire copies: sources that are copies of one text, as when an agency story is republished by
//! several outlets. They are one independent source, whatever the number of outlets, and the app
//! folds them into one column.
//!
//! Two documents are copies when most of the five-word sequences of the shorter one are also in
//! the other ([`COPY_OVERLAP`]). A set is a document and the later ones that copy *it*: a live
//! blog that reprints two unrelated stories does not make them one text. A sequence found in very
//! many documents (a stock phrase, or a story republished by a hundred outlets) counts only for
//! the pairs it makes with the first document holding it, so the cost grows with the number of
//! documents, not its square. Two reports the story split told apart by the people and places
//! they name are never copies, however many words they share (a template filled in for two
//! events).

use std::collections::HashSet;

use crate::model::{Comparison, CopySet, Document};

/// Share of the shorter text's five-word sequences the longer must hold for two texts to be
/// copies of one text.
pub const COPY_OVERLAP: f32 = 0.5;
/// Words in a sequence.
const SHINGLE: usize = 5;
/// A text with fewer sequences than this is too short to call a copy.
const MIN_SHINGLES: usize = 20;
/// Past this many documents, a sequence counts only for pairs with the first that holds it.
const MAX_POSTINGS: usize = 64;

/// Finds the sets of copies among the documents of `cmp` (the text of their passages that are
/// not boilerplate), in input order.
pub fn find(cmp: &Comparison) -> Vec<CopySet> {
    use rayon::prelude::*;
    let shingles: Vec<Vec<u64>> = cmp.documents.par_iter().map(shingles_of).collect();
    let lens: Vec<usize> = shingles.iter().map(Vec::len).collect();
    // Each document's part (see [`crate::model::Document::named`]) as its rank among the parts.
    let mut parts: Vec<Option<[usize; 2]>> = cmp.documents.iter().map(|d| d.named).collect();
    parts.sort_unstable();
    parts.dedup();
    let rank = |d: &Document| parts.binary_search(&d.named).unwrap_or(0) as u32;
    // Every (sequence, part, document), sorted: the documents holding a sequence are a run, by
    // part, so that reports told apart by the people they name are never counted as a pair.
    // Sized at once: grown as it fills, its copies were a fifth of this stage at 10,000 articles.
    let mut held: Vec<(u64, u32, u32)> = Vec::with_capacity(lens.iter().sum());
    for (d, (hs, doc)) in shingles.into_iter().zip(&cmp.documents).enumerate() {
        let r = rank(doc);
        held.extend(hs.into_iter().map(|h| (h, r, d as u32)));
    }
    held.par_sort_unstable();
    // Per sequence two documents or more hold: its run of `held` and its first document; per
    // document, those sequences.
    let n = cmp.documents.len();
    let mut runs: Vec<(usize, usize, u32)> = Vec::new();
    let mut runs_of: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut start = 0;
    for run in held.chunk_by(|x, y| x.0 == y.0) {
        let end = start + run.len();
        if run.len() >= 2 {
            for &(_, _, d) in run {
                runs_of[d as usize].push(runs.len() as u32);
            }
            let first = run.iter().map(|x| x.2).min().unwrap_or(0);
            runs.push((start, end, first));
        }
        start = end;
    }
    // Per document, the sequences it shares with each later one, counted in a row of its own
    // (documents in parallel).
    let mut links: Vec<(usize, usize, f32)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::<u32>::new()),
            |(count, touched), a| {
                let part = cmp.documents[a].named;
                for &r in &runs_of[a] {
                    let (lo, hi, first) = runs[r as usize];
                    let docs = &held[lo..hi];
                    if docs.len() > MAX_POSTINGS && first as usize != a {
                        continue;
                    }
                    for run in crate::model::not_named_apart(docs, part, |x| parts[x.1 as usize]) {
                        for &(_, _, b) in run.iter().filter(|x| x.2 as usize > a) {
                            if count[b as usize] == 0 {
                                touched.push(b);
                            }
                            count[b as usize] += 1;
                        }
                    }
                }
                touched
                    .drain(..)
                    .filter_map(|b| {
                        let shared = std::mem::take(&mut count[b as usize]);
                        let smaller = lens[a].min(lens[b as usize]);
                        let overlap = shared as f32 / smaller.max(1) as f32;
                        (smaller >= MIN_SHINGLES && overlap >= COPY_OVERLAP)
                            .then_some((a, b as usize, overlap))
                    })
                    .collect::<Vec<_>>()
            },
        )
        .flatten()
        .collect();
    links.sort_by_key(|&(a, b, _)| (a, b));
    sets(cmp, &links)
}

/// Sets around a first document: in input order, a document joins the first earlier set whose
/// first document it is linked to, else starts its own; each set keeps its least link overlap.
fn sets(cmp: &Comparison, links: &[(usize, usize, f32)]) -> Vec<CopySet> {
    // The links of each document to earlier ones, earliest first (links are sorted).
    let mut earlier: Vec<Vec<(usize, f32)>> = vec![Vec::new(); cmp.documents.len()];
    for &(a, b, o) in links {
        earlier[b].push((a, o));
    }
    // The set each document opened, if it opened one.
    let mut opened: Vec<Option<usize>> = vec![None; cmp.documents.len()];
    let mut sets: Vec<(Vec<usize>, f32)> = Vec::new();
    for d in 0..cmp.documents.len() {
        // Sets are numbered in order of their first document: the earliest linked first
        // document opened the first set.
        match earlier[d].iter().find_map(|&(a, o)| Some((opened[a]?, o))) {
            Some((s, o)) => {
                let (m, least) = &mut sets[s];
                m.push(d);
                *least = least.min(o);
            }
            None => {
                opened[d] = Some(sets.len());
                sets.push((vec![d], 1.0));
            }
        }
    }
    sets.into_iter()
        .filter(|(m, _)| m.len() > 1)
        .map(|(m, overlap)| CopySet {
            documents: m.iter().map(|&d| cmp.documents[d].id.clone()).collect(),
            overlap,
        })
        .collect()
}

/// Hashes of the document's five-word sequences (lowercase words of its passages that are not
/// boilerplate), sorted, each once.
fn shingles_of(doc: &Document) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> = doc
        .passages
        .iter()
        .filter(|p| !p.boilerplate)
        .flat_map(|p| crate::text::tokenize(&p.text))
        .filter(|t| t.is_word)
        .map(|t| t.key)
        .collect();
    let mut hashes: Vec<u64> = words
        .windows(SHINGLE)
        .map(|w| {
            let mut h = std::hash::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// The copy set document `id` belongs to, if any.
pub fn set_of<'a>(cmp: &'a Comparison, id: &str) -> Option<&'a CopySet> {
    cmp.copies
        .iter()
        .find(|s| s.documents.iter().any(|d| d == id))
}

/// How many independent sources the documents `ids` are: copies of one text count once.
pub fn independent<'a>(cmp: &Comparison, ids: impl IntoIterator<Item = &'a str>) -> usize {
    let mut seen: HashSet<String> = HashSet::new();
    for id in ids {
        let key = set_of(cmp, id).map_or(id, |s| s.documents[0].as_str());
        seen.insert(key.to_string());
    }
    seen.len()
}

/// "3 sources" or "8 outlets, 3 independent sources" when copies are among them.
pub fn count_words<'a>(cmp: &Comparison, ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.into_iter().collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    let outlets = unique.len();
    let independent = independent(cmp, unique.iter().copied());
    let sources = |n: usize| if n == 1 { "source" } else { "sources" };
    if independent == outlets {
        format!("{outlets} {}", sources(outlets))
    } else {
        format!(
            "{outlets} outlets, {independent} independent {}",
            sources(independent)
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{Options, compare_texts};

    /// An invented agency text, three paragraphs long (also used by the app's folding tests).
    pub(crate) const WIRE: &str = "Indian commandos captured 23 pirates in the Gulf of Aden on Saturday after \
        the raiders tried to board a merchant ship flying the Ethiopian flag, the navy said.\n\n\
        The warship INS Mysore answered a distress call and sent a helicopter with marine \
        commandos, who found the pirates in a small boat carrying rifles and a rocket launcher.\n\n\
        Piracy off the Horn of Africa has risen sharply this year, with more than forty ships \
        attacked and several held for ransom along the busy shipping lane.";

    #[test]
    fn copies_with_an_added_paragraph_are_one_set_and_a_rewrite_is_not() {
        let added = format!(
            "{WIRE}\n\nLocal fishermen in the port said they had seen the warship leave at dawn \
             and return in the evening with the captured boat in tow."
        );
        let cut: String = WIRE.split("\n\n").take(2).collect::<Vec<_>>().join("\n\n");
        let rewrite = "The navy of India said its sailors detained two dozen sea bandits who had \
            attempted to seize an Ethiopian freighter near Aden. A helicopter from a frigate \
            spotted the suspects, who carried guns, and marines arrested them at sea. Attacks by \
            pirates near Somalia have grown this year.";
        let cmp = compare_texts(
            &[
                ("wire.txt", WIRE),
                ("rewrite.txt", rewrite),
                ("added.txt", &added),
                ("cut.txt", &cut),
            ],
            &Options::default(),
        );
        assert_eq!(cmp.copies.len(), 1, "{:?}", cmp.copies);
        assert_eq!(cmp.copies[0].documents, ["d0", "d2", "d3"]);
        assert_eq!(independent(&cmp, ["d0", "d1", "d2", "d3"]), 2);
        assert_eq!(
            count_words(&cmp, ["d0", "d1", "d2", "d3"]),
            "4 outlets, 2 independent sources"
        );
        assert_eq!(count_words(&cmp, ["d0", "d1"]), "2 sources");
    }

    #[test]
    fn a_text_that_reprints_two_stories_does_not_make_them_one() {
        let other = "The city council of Velmora approved a budget of forty million euros for \
            new schools on Monday after a debate that lasted late into the night, the mayor's \
            office said. Teachers' unions welcomed the plan but said more staff were needed in \
            the poorer districts on the east side of the river.";
        let blog = format!("Live updates\n\n{WIRE}\n\n{other}");
        let cmp = compare_texts(
            &[
                ("wire.txt", WIRE),
                ("council.txt", other),
                ("blog.txt", &blog),
            ],
            &Options::default(),
        );
        assert_eq!(cmp.copies.len(), 1, "{:?}", cmp.copies);
        assert_eq!(cmp.copies[0].documents, ["d0", "d2"]);
        assert_eq!(independent(&cmp, ["d0", "d1", "d2"]), 2);
    }

    #[test]
    fn short_texts_are_not_called_copies() {
        let cmp = compare_texts(
            &[
                ("a.txt", "Pirates were captured on Saturday."),
                ("b.txt", "Pirates were captured on Saturday."),
            ],
            &Options::default(),
        );
        assert!(cmp.copies.is_empty());
    }
}
