//! Folding wire copies: the documents of a copy set ([`crate::model::CopySet`]) are shown as one
//! column (or one cell of a compact row) that stands for all of them, with which outlets carry
//! the same words and which differ, until the reader unfolds the set.

use std::collections::HashSet;

use crate::model::{Comparison, Document, Group};

/// Which documents are shown, and which folded documents each shown one stands for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folding {
    /// Documents shown (indices), in input order: all but the folded members of copy sets.
    pub shown: Vec<usize>,
    /// `[document]` → the copy set (index) it stands for when it is a folded set's first.
    pub stands_for: Vec<Option<usize>>,
    /// `[copy set]` → its member documents (indices), first first.
    pub members: Vec<Vec<usize>>,
}

impl Folding {
    /// Every copy set folded except those in `unfolded` (and one that is all the sources).
    pub fn new(cmp: &Comparison, unfolded: &HashSet<usize>) -> Self {
        let index = |id: &str| cmp.documents.iter().position(|d| d.id == id);
        let members: Vec<Vec<usize>> = cmp
            .copies
            .iter()
            .map(|s| s.documents.iter().filter_map(|id| index(id)).collect())
            .collect();
        let mut hidden = vec![false; cmp.documents.len()];
        let mut stands_for = vec![None; cmp.documents.len()];
        for (i, m) in members.iter().enumerate() {
            // A set that is every source is not folded: there would be nothing beside it.
            if unfolded.contains(&i) || m.len() < 2 || m.len() == cmp.documents.len() {
                continue;
            }
            stands_for[m[0]] = Some(i);
            for &d in &m[1..] {
                hidden[d] = true;
            }
        }
        let shown = (0..cmp.documents.len()).filter(|&d| !hidden[d]).collect();
        Self {
            shown,
            stands_for,
            members,
        }
    }

    /// The column (index into `shown`) document `d` is shown in: its own, or its folded set's.
    pub fn column_of(&self, d: usize) -> usize {
        self.shown
            .iter()
            .position(|&x| {
                x == d || self.stands_for[x].is_some_and(|s| self.members[s].contains(&d))
            })
            .unwrap_or(0)
    }

    /// True when document `d`'s passage of `group` is on screen: `d` is not in a folded copy
    /// set, or it is the member whose passage its set's cell shows.
    pub fn shows(&self, cmp: &Comparison, group: &Group, d: usize) -> bool {
        let Some(&column) = self.shown.get(self.column_of(d)) else {
            return true;
        };
        if column == d && self.stands_for[d].is_none() {
            return true;
        }
        self.shown_member(cmp, group, column) == Some(d)
    }

    /// The documents shown document `d`'s cell stands for, the one holding `group`'s reference
    /// first (the others are read against it).
    fn cell_members(&self, group: &Group, d: usize) -> Vec<usize> {
        let mut docs: Vec<usize> = match self.stands_for.get(d).copied().flatten() {
            Some(set) => self.members[set].clone(),
            None => vec![d],
        };
        let reference = crate::model::parse_passage_id(&group.reference).map(|(d, _)| d);
        if let Some(i) = docs.iter().position(|&x| Some(x) == reference) {
            let r = docs.remove(i);
            docs.insert(0, r);
        }
        docs
    }

    /// The document whose passage shown document `d`'s cell shows in `group`.
    fn shown_member(&self, cmp: &Comparison, group: &Group, d: usize) -> Option<usize> {
        self.cell_members(group, d).into_iter().find(|&x| {
            group
                .passage_of(x)
                .is_some_and(|id| cmp.passage(id).is_some())
        })
    }

    /// What shown document `d`'s cell holds in `group`: the passage of `d`, or for a folded set
    /// the first member's that reports the group, with the other members that report it, split
    /// into those with the same words and those whose words differ. None when no document the
    /// cell stands for reports the group.
    pub fn cell(&self, cmp: &Comparison, group: &Group, d: usize) -> Option<FoldedCell> {
        let passage_of = |doc: usize| -> Option<&str> {
            cmp.passage(group.passage_of(doc)?)
                .map(|(_, p)| p.text.as_str())
        };
        let order = self.cell_members(group, d);
        let missing: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&x| passage_of(x).is_none())
            .collect();
        let mut present = order.iter().filter_map(|&x| passage_of(x).map(|t| (x, t)));
        let (shown, text) = present.next()?;
        let key = words(text);
        let (mut same, mut differ) = (Vec::new(), Vec::new());
        for (x, t) in present {
            if words(t) == key {
                same.push(x);
            } else {
                differ.push(x);
            }
        }
        Some(FoldedCell {
            shown,
            same,
            differ,
            missing,
        })
    }
}

/// A cell of a folded copy set in one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedCell {
    /// The document whose passage is shown.
    pub shown: usize,
    /// Other members whose passage has the same words.
    pub same: Vec<usize>,
    /// Other members whose passage words differ.
    pub differ: Vec<usize>,
    /// Members that do not report the group (they cut it).
    pub missing: Vec<usize>,
}

/// A passage's words as compared for "same text": keys, without punctuation.
fn words(text: &str) -> Vec<String> {
    crate::text::tokenize(text)
        .into_iter()
        .filter(|t| t.is_word)
        .map(|t| t.key)
        .collect()
}

/// What another outlet's passage (`theirs`) changes in the shown one, run by run and in words a
/// reader takes in at a glance: "forty ships → 40 vessels", "+ at dawn", "− on Saturday"; at
/// most `max` runs, then how many more, each cut to a few words. Changes of punctuation alone
/// are left out.
pub fn changes(shown: &str, theirs: &str, max: usize) -> Vec<String> {
    use crate::model::DiffTag;
    let diff = crate::diff::word_diff("", shown, theirs, std::time::Duration::from_millis(50));
    // A run of at most this many words, then "…".
    const RUN_WORDS: usize = 6;
    let words = |t: &str| {
        let all: Vec<&str> = t.split_whitespace().collect();
        let t = all[..all.len().min(RUN_WORDS)].join(" ");
        let t = t.trim_matches(|c: char| matches!(c, ',' | '.' | ';' | ':' | ' '));
        let more = if all.len() > RUN_WORDS { " …" } else { "" };
        t.chars()
            .any(char::is_alphanumeric)
            .then(|| format!("{t}{more}"))
    };
    let mut runs = Vec::new();
    let mut ops = diff.ops.iter().peekable();
    while let Some(op) = ops.next() {
        let run = match op.op {
            DiffTag::Equal => continue,
            DiffTag::Delete => {
                let added = ops
                    .next_if(|o| o.op == DiffTag::Insert)
                    .and_then(|o| words(&o.text));
                match (words(&op.text), added) {
                    (Some(cut), Some(added)) => format!("{cut} → {added}"),
                    (Some(cut), None) => format!("− {cut}"),
                    (None, Some(added)) => format!("+ {added}"),
                    (None, None) => continue,
                }
            }
            DiffTag::Insert => match words(&op.text) {
                Some(added) => format!("+ {added}"),
                None => continue,
            },
        };
        runs.push(run);
    }
    if runs.len() > max {
        let more = runs.len() - max;
        runs.truncate(max);
        runs.push(format!("{more} more"));
    }
    runs
}

/// A source's short name for a column or cell header: its site when the page said, else its
/// file name; the title is for the hover.
pub fn outlet(doc: &Document) -> String {
    if let Some(site) = doc.site.as_deref().filter(|s| !s.trim().is_empty()) {
        return site.to_string();
    }
    let path = doc.path.trim_end_matches('/');
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if name.is_empty() {
        doc.title.clone()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, compare_texts};

    use crate::copies::tests::WIRE;

    #[test]
    fn an_outlets_changes_read_as_replacements_additions_and_cuts() {
        let shown = "The navy said forty ships were seized on Saturday off the coast.";
        let theirs = "The navy said 40 vessels were seized off the coast, officials added.";
        assert_eq!(
            changes(shown, theirs, 5),
            [
                "forty ships → 40 vessels",
                "− on Saturday",
                "+ officials added"
            ]
        );
        assert_eq!(
            changes(shown, theirs, 1),
            ["forty ships → 40 vessels", "2 more"]
        );
        assert_eq!(
            changes(
                shown,
                &format!("{shown} Later the crew of the ship was freed unharmed."),
                5
            ),
            ["+ Later the crew of the ship …"],
            "a long run is cut"
        );
        assert!(
            changes(
                shown,
                "The navy said forty ships were seized on Saturday off the coast",
                5
            )
            .is_empty(),
            "punctuation alone is no change"
        );
    }

    #[test]
    fn a_folded_copy_set_is_one_cell_saying_which_outlets_differ() {
        let added = format!(
            "{WIRE}\n\nLocal fishermen in the port said they had seen the warship leave at dawn \
             and return in the evening with the captured boat in tow."
        );
        let edited = WIRE.replace("forty ships", "40 vessels");
        let other = "India's navy detained two dozen sea bandits near Aden on Saturday, officials \
            said. Piracy off the Horn of Africa has risen sharply this year.";
        let cmp = compare_texts(
            &[
                ("wire.txt", WIRE),
                ("added.txt", &added),
                ("edited.txt", &edited),
                ("other.txt", other),
            ],
            &Options::default(),
        );
        assert_eq!(cmp.copies.len(), 1, "{:?}", cmp.copies);
        let folded = Folding::new(&cmp, &HashSet::new());
        assert_eq!(folded.shown, [0, 3]);
        assert_eq!(folded.stands_for[0], Some(0));
        let piracy = cmp
            .groups
            .iter()
            .find(|g| {
                g.passages.iter().any(|id| {
                    cmp.passage(id)
                        .is_some_and(|(_, p)| p.text.contains("forty ships"))
                })
            })
            .expect("the piracy passage is aligned");
        let cell = folded.cell(&cmp, piracy, 0).expect("the wire reports it");
        assert_eq!((cell.shown, cell.same, cell.differ), (0, vec![1], vec![2]));
        assert!(cell.missing.is_empty());
        // Only the shown outlet's words are on screen: the others' differences are not steps.
        let on_screen: Vec<bool> = (0..4).map(|d| folded.shows(&cmp, piracy, d)).collect();
        assert_eq!(on_screen, [true, false, false, true]);
        let groups: Vec<usize> = (0..cmp.groups.len()).collect();
        let doc_of = |l: &crate::gui::nav::DiffLoc| {
            crate::model::parse_passage_id(&cmp.groups[l.group].diffs[l.diff].passage)
                .map(|(d, _)| d)
        };
        let all = crate::gui::nav::differences(&cmp, &groups, |_, _| true);
        assert!(
            all.iter().any(|l| doc_of(l) == Some(2)),
            "the edited outlet differs"
        );
        let steps = crate::gui::nav::differences(&cmp, &groups, |g, d| {
            folded.shows(&cmp, &cmp.groups[g], d)
        });
        assert!(
            steps.iter().all(|l| !matches!(doc_of(l), Some(1 | 2))),
            "no step lands on a folded outlet"
        );
        // The paragraph only one outlet added is in no other outlet's text.
        let fishermen = cmp.groups.iter().find(|g| {
            g.passages.iter().any(|id| {
                cmp.passage(id)
                    .is_some_and(|(_, p)| p.text.contains("fishermen"))
            })
        });
        assert!(
            fishermen.is_none(),
            "an added paragraph is not aligned with the others"
        );
        // Unfolded, every outlet has its own column again.
        let unfolded = Folding::new(&cmp, &HashSet::from([0]));
        assert_eq!(unfolded.shown, [0, 1, 2, 3]);
        assert_eq!(
            unfolded.cell(&cmp, piracy, 0).map(|c| c.same.len()),
            Some(0)
        );
    }
}
