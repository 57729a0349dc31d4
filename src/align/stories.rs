//! Stage 2 of aligning: which documents tell one story. Documents are clustered by the
//! similarity of their whole text (average linkage, so one shared name cannot chain two stories
//! together); a passage pair is then held to a bar that depends on whether, and how firmly, its
//! two documents are in one story.

use std::collections::HashMap;

use super::Tuning;
use super::vectors::sparse_all_pairs;

/// The story split of a comparison.
pub(super) struct Stories {
    /// Story number of each document, in order of first document.
    pub of: Vec<usize>,
    /// Similarity of every two documents.
    pub doc_sim: Vec<Vec<f32>>,
}

/// Clusters the documents (given as vectors) into stories.
pub(super) fn split(doc_vecs: &[Vec<(u32, f32)>], tuning: &Tuning) -> Stories {
    let ndocs = doc_vecs.len();
    let doc_sim = sparse_all_pairs(doc_vecs, ndocs, usize::MAX);
    let of = cluster_stories(ndocs, &doc_sim, tuning.story);
    Stories { of, doc_sim }
}

impl Stories {
    /// Whether two documents are in one story and firmly alike: then any pair of their passages
    /// that shares enough words counts in a group's average (see [`super::candidates`]).
    pub fn firm(&self, da: usize, db: usize, tuning: &Tuning) -> bool {
        da != db
            && self.of[da] == self.of[db]
            && self.doc_sim[da][db] >= tuning.story * tuning.firm_story
    }

    /// Whether a pair of passages of documents `da` and `db`, similar by `sim` (`anchors`: they
    /// share two or more names or numbers), is an edge: a pair that can start a group or join two.
    pub fn is_edge(&self, da: usize, db: usize, sim: f32, anchors: bool, tuning: &Tuning) -> bool {
        if da == db {
            false
        } else if self.of[da] == self.of[db] {
            // Two documents of a story that are only loosely alike need stronger evidence
            // from a passage pair than two that clearly tell the same story.
            let ds = self.doc_sim[da][db];
            let firm = tuning.story * tuning.firm_story;
            let need = if ds >= firm {
                tuning.within
            } else {
                tuning.within + (tuning.across - tuning.within) * (1.0 - ds / firm)
            };
            sim >= need
        } else {
            sim >= tuning.across && anchors
        }
    }
}

/// Average-linkage clustering of documents: pairs in decreasing similarity, merged while the
/// mean similarity between the two clusters stays at or above `threshold`.
fn cluster_stories(n: usize, sim: &[Vec<f32>], threshold: f32) -> Vec<usize> {
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
    let mut link: Vec<Vec<f32>> = sim.to_vec();
    for (_, i, j) in pairs {
        let (a, b) = (find(&mut root, i), find(&mut root, j));
        if a == b {
            continue;
        }
        if link[a][b] / ((size[a] * size[b]) as f32) < threshold {
            continue;
        }
        // Merge b into a. Rows of clusters merged away are emptied: only roots are read.
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
    // Story numbers in order of first document.
    let mut ids: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|i| {
            let r = find(&mut root, i);
            let next = ids.len();
            *ids.entry(r).or_insert(next)
        })
        .collect()
}

fn find(root: &mut [usize], mut i: usize) -> usize {
    while root[i] != i {
        root[i] = root[root[i]];
        i = root[i];
    }
    i
}
