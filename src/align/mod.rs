//! Aligning: which passages in different documents report the same event.
//!
//! Sentence similarity alone cannot keep two look-alike events apart (two earthquakes, two
//! arrests): their sentences share most words. Stories differ in their anchors — names, places,
//! numbers, dates — across the whole article. So alignment works in two levels:
//!
//! 1. **Stories.** Documents are clustered by TF-IDF similarity of their whole text, with anchors
//!    weighted up (average linkage, so one shared name cannot chain two stories together). A
//!    document's dateline adds its year and month.
//! 2. **Passages.** Candidate sentence pairs come from an inverted index over terms (never all
//!    pairs). Inside a story a pair needs moderate similarity; across stories it needs a strong
//!    one with shared anchors. Pairs that state different years are never joined. Groups are then
//!    grown by constrained average linkage: one passage per document (or a passage and the one
//!    right after it, which then become one passage: a report often tells an event over two
//!    sentences, or in its headline and the lead under the timestamp line), or a second one
//!    further on where the report tells the event again, at a higher bar; and a passage
//!    joins a group only if it is similar to the group as a whole — A~B and B~C do not make A~C.
//!    Between two documents that clearly tell the same story, the average counts every pair's
//!    own similarity, also below the pair threshold, rather than zero: paraphrases of one event
//!    ("three die", "left three people dead") share few words pairwise, yet each is close to the
//!    group as a whole. Two groups whose passages sit side by side in two or more reports (the
//!    headlines and the leads) merge at half the bar: the reports' own order is evidence.
//!
//! The stages, one module each, in the order [`align_with`] runs them: [`vectors`] (passages and
//! documents as term vectors), [`passages`] (adjacent sentences that say one thing joined),
//! [`stories`] (where stories are decided), [`candidates`] (candidate pairs and edges),
//! [`groups`] (linkage) and [`records`] (the groups written into the comparison). The word diffs
//! of each group are a stage of their own, after this one ([`crate::diff::diff_groups`]).

use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::Comparison;
use crate::options::Cancelled;

mod candidates;
mod groups;
mod passages;
mod records;
mod stories;
mod vectors;

/// Thresholds of the aligner. Chosen on general grounds and checked on the development set; not
/// fitted to any text.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    /// Average document similarity for two documents to be in one story.
    pub story: f32,
    /// Sentence similarity for a candidate pair inside one story.
    pub within: f32,
    /// Sentence similarity for a candidate pair across stories.
    pub across: f32,
    /// Average linkage a passage (or group) needs to join a group. Below `within`: an edge (a
    /// pair that can start a group or join two) must be alike on its own, while the average
    /// counts the real, lower similarity of a group's other pairs (see the module doc), not zero.
    pub group: f32,
    /// Weight of anchors (names, numbers) relative to other words.
    pub anchor_weight: f32,
    /// Similarity at which adjacent sentences of one document form one passage.
    pub run: f32,
    /// Documents of one story this many times above `story` are "firmly" alike; below it, a
    /// passage pair needs more than `within`, rising towards `across`.
    pub firm_story: f32,
    /// Most adjacent passages of one document a group may hold (shown as one passage).
    pub span: usize,
    /// Share of `group` two groups need when their passages are adjacent in two or more
    /// documents (see [`spans_fit`]).
    pub parallel: f32,
    /// A story whose reports are dated to two years is split in two when the two sides are this
    /// many times less alike between them than inside the less cohesive side (see
    /// [`stories`]).
    pub story_split: f32,
    /// A story whose reports fall into two sides this many times less alike between them than
    /// inside the less cohesive one, with no dates to split it, is split too, and the reader
    /// told it may hold two events. Picked on topics 1–6 of the development set (it splits the
    /// one story there that holds two events, and no other); checked on topics 7–12 (where it
    /// splits none). The same ratio joins clusters the `story` bar left apart when they are at
    /// least this alike, in their words and in their names: one event's reports given alone
    /// (each development set's half, as the fact scorer runs them) fall below the bar, as the
    /// words all of them share weigh nothing. Zero turns both off.
    pub loose_story: f32,
    /// Mean likeness of the names two clusters of a story's reports give (see
    /// [`stories`]) below which they report two events, named apart, and are two stories; zero
    /// turns the split by names off. Picked on topics 1–6 of the development set (where it
    /// splits no story the other evidence leaves whole), checked on topics 7–12.
    pub name_link: f32,
    /// Content terms a pair below the edge bar must share to count in a group's average: one or
    /// two shared words (a name, a common verb) are what any two sentences of one story share.
    pub soft_shared: usize,
    /// Most places in one document a group may hold (each a run of at most `span` adjacent
    /// passages): a report tells a happening in its headline and lead, and often again further
    /// on.
    pub retold_runs: usize,
    /// Times `group` two groups need when joining them gives a document a second place in the
    /// group.
    pub retold: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Self {
            story: 0.05,
            within: 0.18,
            across: 0.7,
            group: 0.16,
            anchor_weight: 1.6,
            run: 0.4,
            firm_story: 1.5,
            span: 2,
            parallel: 0.5,
            story_split: 0.5,
            loose_story: 0.4,
            name_link: 0.05,
            soft_shared: 3,
            retold_runs: 2,
            retold: 1.5,
        }
    }
}

/// Aligns the passages of `cmp.documents` and fills `cmp.groups` (and each passage's `group`).
pub fn align(cmp: &mut Comparison, cancel: &AtomicBool) -> Result<(), Cancelled> {
    align_with(cmp, &Tuning::default(), cancel)
}

/// [`align`] with explicit thresholds.
pub fn align_with(
    cmp: &mut Comparison,
    tuning: &Tuning,
    cancel: &AtomicBool,
) -> Result<(), Cancelled> {
    let stop = || {
        if cancel.load(Ordering::Relaxed) {
            Err(Cancelled)
        } else {
            Ok(())
        }
    };
    let clock = std::time::Instant::now();
    let lap = |stage: &str| log::debug!("aligning: {stage} done at {:.2?}", clock.elapsed());
    let mut space = vectors::build(cmp, tuning);
    stop()?;
    let units = passages::merge_runs(cmp, std::mem::take(&mut space.units), tuning.run);
    lap("vectors and passages");
    let years: Vec<Option<u16>> = cmp.documents.iter().map(stories::report_year).collect();
    let datelines: Vec<Option<chrono::NaiveDate>> = cmp
        .documents
        .iter()
        .map(|d| d.dateline.as_deref().and_then(crate::dates::parse_iso))
        .collect();
    let stories = stories::split(
        &space.doc_vecs,
        &space.doc_names,
        &years,
        &datelines,
        tuning,
    );
    for ((doc, &story), &named) in cmp
        .documents
        .iter_mut()
        .zip(&stories.of)
        .zip(&stories.named)
    {
        doc.story = story;
        doc.named = named;
    }
    for sides in &stories.undated_splits {
        cmp.warnings.push(loose_warning(cmp, sides));
    }
    lap("stories");
    stop()?;
    let cands = candidates::find(cmp, &units, space.nterms, &stories, tuning);
    lap("candidates");
    stop()?;
    let groups = groups::link(&units, cmp.documents.len(), &cands, &stories, tuning);
    lap("groups");
    records::write(cmp, &units, &groups, &space, &cands, &stories, tuning);
    lap("records");
    Ok(())
}

/// How the warning of a story that may hold two events begins (the app shows such warnings
/// over the aligned passages).
pub const TWO_EVENTS: &str = "these sources may report two different events told alike";

/// Most sources a warning names on each side of a loose story.
const NAMED: usize = 3;

/// The warning for a story split in two with no dates to tell its sides apart (see
/// [`stories::Stories::undated_splits`]).
fn loose_warning(cmp: &Comparison, sides: &[Vec<usize>; 2]) -> crate::model::Warning {
    let names = |side: &[usize]| {
        let out: Vec<String> = side
            .iter()
            .take(NAMED)
            .map(|&d| format!("“{}”", cmp.documents[d].title.trim()))
            .collect();
        let named = out.join(", ");
        match side.len().saturating_sub(NAMED) {
            0 => named,
            more => format!("{named} and {more} more"),
        }
    };
    crate::model::Warning {
        path: None,
        message: format!(
            "{TWO_EVENTS}, and are taken as two stories: (1) {}; (2) {}. Their texts are much \
             less alike between the two sides than within each, but no dates tell them apart: \
             passages across the two are aligned only where nearly the same",
            names(&sides[0]),
            names(&sides[1])
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The invented dam reports: each opens with a headline, a timestamp and a lead.
    fn dam_reports() -> Comparison {
        loaded(&[
            (
                "dam_a.txt",
                include_str!("../../tests/fixtures/parallel/dam_a.txt"),
            ),
            (
                "dam_b.txt",
                include_str!("../../tests/fixtures/parallel/dam_b.txt"),
            ),
            (
                "dam_c.txt",
                include_str!("../../tests/fixtures/parallel/dam_c.txt"),
            ),
        ])
    }

    /// A comparison of `texts` (file name, text), loaded and segmented but not aligned.
    fn loaded(texts: &[(&str, &str)]) -> Comparison {
        let mut cmp = Comparison::empty();
        for (i, (name, text)) in texts.iter().enumerate() {
            let loaded = crate::load::load_bytes(name, text.as_bytes()).expect("loads");
            cmp.documents
                .push(crate::pipeline::build_document(i, loaded, None).0);
        }
        cmp
    }

    /// The strike reports ([`strike_reports`]), their dates taken out, or as written.
    fn strike_reports_dated(dated: bool) -> Comparison {
        let cmp = strike_reports();
        if dated {
            return cmp;
        }
        let undated: Vec<(String, String)> = cmp
            .documents
            .iter()
            .map(|d| {
                let lines: Vec<&str> = d.text.lines().filter(|l| !l.contains(", 20")).collect();
                (d.path.clone(), lines.join("\n"))
            })
            .collect();
        let texts: Vec<(&str, &str)> = undated
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        loaded(&texts)
    }

    /// Each document's story, and whether a group mixes events (told by `event`, from a
    /// document's path).
    fn stories_and_mixed(cmp: &Comparison, event: impl Fn(&str) -> &str) -> (Vec<usize>, bool) {
        let mixed = cmp.groups.iter().any(|g| {
            let events: std::collections::BTreeSet<&str> = g
                .passages
                .iter()
                .filter_map(|id| cmp.passage(id))
                .map(|(d, _)| event(&cmp.documents[d].path))
                .collect();
            events.len() > 1
        });
        (cmp.documents.iter().map(|d| d.story).collect(), mixed)
    }

    /// Five outlets' reports of a robbery, told the way each outlet tells every robbery, with
    /// the town, the bank and the people given: (file name, text).
    fn robbery_reports(town: &str, bank: &str, chief: &str, teller: &str) -> Vec<(String, String)> {
        let outlets = [
            "Robbers took cash from the {bank} branch in {town} on Tuesday, police chief {chief} \
             said. Teller {teller} was unhurt. The robbers fled in a grey van and police are \
             searching the area. Under a 1994 law, every robbery of more than 5,000 dollars is \
             reported within 24 hours.",
            "Police in {town} are hunting two masked men who robbed the {bank} bank. Chief {chief} \
             said the men threatened staff, including {teller}, before escaping in a van.",
            "A {town} bank was robbed by armed men. The {bank} branch closed for the day. \
             \"They were calm and quick,\" said {teller}, who was working at the counter. {chief} \
             asked witnesses to come forward.",
            "Two armed robbers escaped with cash from {bank} in {town}. {chief}, the police chief, \
             said officers found the van abandoned. Staff member {teller} raised the alarm.",
            "Masked men held up the {bank} office in central {town}. According to {chief}, no one \
             was hurt; {teller} said the robbers demanded cash and left within minutes.",
        ];
        outlets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let text = t
                    .replace("{town}", town)
                    .replace("{bank}", bank)
                    .replace("{chief}", chief)
                    .replace("{teller}", teller);
                (format!("{}_{i}.txt", town.to_lowercase()), text)
            })
            .collect()
    }

    #[test]
    fn look_alike_events_that_name_different_people_and_places_are_two_stories() {
        let never = AtomicBool::new(false);
        let mut texts =
            robbery_reports("Dorrance", "Halvern Savings", "Oskar Brill", "Mina Castell");
        texts.extend(robbery_reports(
            "Westbury",
            "Corlan Trust",
            "Ada Pennick",
            "Tomas Ulver",
        ));
        let texts: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let stories = |tuning: &Tuning| {
            let mut cmp = loaded(&texts);
            align_with(&mut cmp, tuning, &never).expect("aligns");
            stories_and_mixed(&cmp, |path| &path[..4])
        };
        // Told in the same words, the two robberies are one story by their words alone, and
        // groups set one town's report beside the other's…
        let (one, mixed) = stories(&Tuning {
            name_link: 0.0,
            ..Tuning::default()
        });
        assert!(one.iter().all(|&s| s == one[0]), "{one:?}");
        assert!(mixed);
        // …the names they give tell them apart: a story per town, no group holding both, not
        // even the stock sentence one report of each town ends with, the same to the word and
        // figure (a 1994 law).
        let (two, mixed) = stories(&Tuning::default());
        assert_eq!(two, vec![0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
        assert!(!mixed);
        // Nor are their facts weighed against each other: the same words quoted from the teller
        // of each bank are two statements, not one quote given to two people; the figures of
        // the stock sentence are each its own report's. And the two reports that fill in the
        // same template word for word are no copies of one text.
        let cmp = crate::pipeline::compare_texts(&texts, &crate::Options::default());
        assert!(cmp.copies.is_empty(), "{:?}", cmp.copies);
        for f in &cmp.findings {
            let towns: std::collections::BTreeSet<&str> = f
                .mentions
                .iter()
                .filter_map(|m| cmp.documents.iter().find(|d| d.id == m.document))
                .map(|d| &d.path[..4])
                .collect();
            assert_eq!(towns.len(), 1, "{}", f.summary);
        }
        assert!(
            !cmp.findings
                .iter()
                .any(|f| f.status == crate::model::FindingStatus::Conflict)
        );
    }

    #[test]
    fn one_event_whose_reports_quote_different_people_stays_one_story() {
        // Ten reports of one robbery: five outlets quote the chief and the teller, five a
        // detective and a customer; every one names the town, most the bank.
        let mut texts =
            robbery_reports("Dorrance", "Halvern Savings", "Oskar Brill", "Mina Castell");
        texts.extend(
            robbery_reports(
                "Dorrance",
                "Halvern Savings",
                "Vera Lindqvist",
                "Paul Ostrander",
            )
            .into_iter()
            .map(|(n, t)| (n.replace(".txt", "_b.txt"), t)),
        );
        let texts: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let mut cmp = loaded(&texts);
        align_with(&mut cmp, &Tuning::default(), &AtomicBool::new(false)).expect("aligns");
        assert!(cmp.documents.iter().all(|d| d.story == 0));
        assert!(cmp.documents.iter().all(|d| d.named.is_none()));
    }

    #[test]
    fn look_alike_events_with_no_dates_are_split_and_the_reader_is_told() {
        let never = AtomicBool::new(false);
        let mut cmp = strike_reports_dated(false);
        assert!(cmp.documents.iter().all(|d| d.dateline.is_none()));
        align_with(&mut cmp, &Tuning::default(), &never).expect("aligns");
        // Two stories, by their words alone, and no group holds both strikes.
        assert_eq!(
            cmp.documents.iter().map(|d| d.story).collect::<Vec<_>>(),
            vec![0, 1, 0, 1]
        );
        assert!(cmp.groups.iter().all(|g| {
            let stories: std::collections::BTreeSet<usize> = g
                .passages
                .iter()
                .filter_map(|id| cmp.passage(id))
                .map(|(d, _)| cmp.documents[d].story)
                .collect();
            stories.len() == 1
        }));
        let warned: Vec<&str> = cmp
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .filter(|m| m.contains("two different events"))
            .collect();
        assert_eq!(warned.len(), 1, "{:?}", cmp.warnings);
        // Each side names the reports of one strike.
        let (one, two) = warned[0].split_once("(2)").expect("two sides");
        assert!(one.contains("ferry crews strike over pay") && one.contains("Strike halts"));
        assert!(two.contains("night shifts") && two.contains("Night shift row"));
        // Dated, they are two stories and nothing is left to warn of.
        let mut cmp = strike_reports_dated(true);
        align_with(&mut cmp, &Tuning::default(), &never).expect("aligns");
        assert!(
            !cmp.warnings
                .iter()
                .any(|w| w.message.contains("two different events"))
        );
        // One event told by three reports is no cause for a warning.
        let mut cmp = crate::pipeline::compare_texts(
            &[
                (
                    "fire_a.txt",
                    include_str!("../../tests/fixtures/retold/fire_a.txt"),
                ),
                (
                    "fire_b.txt",
                    include_str!("../../tests/fixtures/retold/fire_b.txt"),
                ),
                (
                    "fire_c.txt",
                    include_str!("../../tests/fixtures/retold/fire_c.txt"),
                ),
            ],
            &crate::Options::default(),
        );
        cmp.warnings.clear();
        align_with(&mut cmp, &Tuning::default(), &never).expect("aligns");
        assert!(cmp.warnings.is_empty(), "{:?}", cmp.warnings);
    }

    /// Invented reports of two ferry strikes on one line, three years apart: the same company,
    /// union, leader and ports, other demands.
    fn strike_reports() -> Comparison {
        loaded(&[
            (
                "strike_2019_a.txt",
                include_str!("../../tests/fixtures/years/strike_2019_a.txt"),
            ),
            (
                "strike_2022_a.txt",
                include_str!("../../tests/fixtures/years/strike_2022_a.txt"),
            ),
            (
                "strike_2019_b.txt",
                include_str!("../../tests/fixtures/years/strike_2019_b.txt"),
            ),
            (
                "strike_2022_b.txt",
                include_str!("../../tests/fixtures/years/strike_2022_b.txt"),
            ),
        ])
    }

    #[test]
    fn look_alike_events_dated_to_two_years_are_two_stories() {
        let never = AtomicBool::new(false);
        let stories = |tuning: &Tuning| {
            let mut cmp = strike_reports();
            align_with(&mut cmp, tuning, &never).expect("aligns");
            stories_and_mixed(&cmp, |path| &path[7..11])
        };
        // Clustered by their words, with neither split, the two strikes are one story, and
        // some groups mix them…
        let (one, mixed) = stories(&Tuning {
            story_split: 0.0,
            loose_story: 0.0,
            ..Tuning::default()
        });
        assert_eq!(one, vec![0, 0, 0, 0]);
        assert!(mixed);
        // …their dates tell them apart: two stories, no group holding both, also with the split
        // by words alone turned off.
        for tuning in [
            Tuning::default(),
            Tuning {
                loose_story: 0.0,
                ..Tuning::default()
            },
        ] {
            let (two, mixed) = stories(&tuning);
            assert_eq!(two, vec![0, 1, 0, 1]);
            assert!(!mixed);
        }
    }

    /// Per document, whether its headline passage also holds its lead.
    fn headline_holds_lead(cmp: &Comparison) -> Vec<bool> {
        cmp.documents
            .iter()
            .map(|d| {
                d.passages[0].group.is_some()
                    && d.passages[0].text.contains("2,000")
                    && d.passages[0].text.contains("Harlow")
            })
            .collect()
    }

    #[test]
    fn groups_side_by_side_in_several_reports_merge_at_a_lower_bar() {
        let never = AtomicBool::new(false);
        // A bar high enough that the headlines and the leads form two groups of their own…
        let strict = Tuning {
            group: 0.3,
            parallel: 1.0,
            ..Tuning::default()
        };
        let mut cmp = dam_reports();
        align_with(&mut cmp, &strict, &never).expect("aligns");
        assert_eq!(headline_holds_lead(&cmp), vec![false; 3]);
        // …and the same bar, lowered for groups whose passages are adjacent in two or more
        // reports: each report's headline and lead become one passage of one group.
        let parallel = Tuning {
            parallel: 0.5,
            ..strict
        };
        let mut cmp = dam_reports();
        align_with(&mut cmp, &parallel, &never).expect("aligns");
        assert_eq!(headline_holds_lead(&cmp), vec![true; 3]);
        let g = cmp.documents[0].passages[0].group.clone();
        assert!(cmp.documents.iter().all(|d| d.passages[0].group == g));
    }
}
