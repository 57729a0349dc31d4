//! The engine as a user sees it in the JSON: groups of passages, boilerplate marks, datelines —
//! on the seed articles and on invented articles it was not tuned on.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use crosscheck::model::{Comparison, Document, Group};
use crosscheck::{Options, Source, compare_sources, report};

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn compare(files: &[&str]) -> Comparison {
    let sources: Vec<Source> = files.iter().map(|f| Source::new(fixture(f))).collect();
    let never = AtomicBool::new(false);
    let (cmp, errors) =
        compare_sources(&sources, &Options::default(), &|_| {}, &never).expect("not cancelled");
    assert!(errors.is_empty(), "{errors:?}");
    // Everything below reads the JSON a user gets, not in-memory internals.
    let json = report::json(&cmp).expect("json");
    report::read_json(&json).expect("round trip")
}

const SEEDS: [&str; 4] = [
    "seeds/000_4cf5dc53a0aa51c5.txt",
    "seeds/001_3c29cc234ac8d0be.txt",
    "seeds/002_ee265cb217250f5d.txt",
    "seeds/003_708cebb27324f0d4.txt",
];

/// The group holding, in each listed document, the passage that contains the given words.
fn group_with<'a>(cmp: &'a Comparison, wanted: &[(usize, &str)]) -> Option<&'a Group> {
    let ids: Vec<String> = wanted
        .iter()
        .map(|(d, words)| {
            cmp.documents[*d]
                .passages
                .iter()
                .find(|p| p.text.contains(words))
                .unwrap_or_else(|| panic!("no passage in d{d} contains {words:?}"))
                .id
                .clone()
        })
        .collect();
    cmp.groups
        .iter()
        .find(|g| ids.iter().all(|id| g.passages.contains(id)))
}

fn docs_in(g: &Group) -> Vec<usize> {
    g.passages
        .iter()
        .filter_map(|p| crosscheck::model::parse_passage_id(p).map(|x| x.0))
        .collect()
}

fn boilerplate_texts(d: &Document) -> Vec<&str> {
    d.passages
        .iter()
        .filter(|p| p.boilerplate)
        .map(|p| p.text.as_str())
        .collect()
}

#[test]
fn seeds_tweet_passages_fall_in_one_group_of_three_sources() {
    let cmp = compare(&SEEDS);
    let g = group_with(
        &cmp,
        &[
            (0, "a way back into business"),
            (1, "a way to get back into business"),
            (2, "a way to get back into business"),
        ],
    )
    .expect("the tweet is one group");
    assert_eq!(docs_in(g), vec![0, 1, 2]);
    // The word diff shows the shorter wording of the tweet in 000 against the reference.
    let ops: Vec<String> = g
        .diffs
        .iter()
        .flat_map(|d| {
            d.ops
                .iter()
                .map(|o| format!("{:?}:{}", o.op, o.text.trim()))
        })
        .collect();
    assert!(
        ops.iter()
            .any(|o| o.starts_with("Delete:") || o.starts_with("Insert:"))
    );
}

#[test]
fn seeds_seven_year_ban_is_one_group_in_different_words() {
    let cmp = compare(&SEEDS);
    let g = group_with(&cmp, &[(0, "ban of seven years"), (1, "for seven years")])
        .expect("the seven-year ban is one group");
    assert!(!docs_in(g).contains(&3));
}

#[test]
fn seeds_huawei_2021_article_stays_out_of_the_zte_events() {
    let cmp = compare(&SEEDS);
    let tweet = group_with(&cmp, &[(1, "a way to get back into business")]).expect("tweet group");
    let ban = group_with(&cmp, &[(1, "for seven years")]).expect("ban group");
    assert!(!docs_in(tweet).contains(&3));
    assert!(!docs_in(ban).contains(&3));
}

#[test]
fn seeds_huawei_2021_article_shares_at_most_two_groups() {
    let cmp = compare(&SEEDS);
    let shared = cmp
        .groups
        .iter()
        .filter(|g| docs_in(g).contains(&3))
        .count();
    assert!(shared <= 2, "003 shares {shared} groups");
}

#[test]
fn seeds_boilerplate_is_marked_and_kept() {
    let cmp = compare(&SEEDS);
    let b0 = boilerplate_texts(&cmp.documents[0]);
    assert!(b0.contains(&"Please enter your comment!"));
    assert!(b0.iter().any(|t| t.starts_with("Mia Noles is a writer")));
    assert!(b0.contains(&"Mia Noles"));
    let b2 = boilerplate_texts(&cmp.documents[2]);
    for expected in ["KazPost", "Related Articles", "Newsletter", "0:00", "Close"] {
        assert!(
            b2.contains(&expected),
            "{expected} not marked in 002: {b2:?}"
        );
    }
    // Every passage of the story itself is not boilerplate.
    assert!(
        !cmp.documents[1].passages.iter().any(|p| p.boilerplate),
        "{:?}",
        boilerplate_texts(&cmp.documents[1])
    );
    // Boilerplate is never aligned.
    for d in &cmp.documents {
        assert!(
            d.passages
                .iter()
                .all(|p| !(p.boilerplate && p.group.is_some()))
        );
    }
}

#[test]
fn seeds_datelines_and_their_sources() {
    let cmp = compare(&SEEDS);
    assert_eq!(cmp.documents[1].dateline.as_deref(), Some("2018-05-14"));
    let src = cmp.documents[1].dateline_source.as_ref().expect("source");
    let (s, e) = (src.start.unwrap_or(0), src.end.unwrap_or(0));
    assert_eq!(&cmp.documents[1].text[s..e], "2018-05-14");
    assert_eq!(cmp.documents[0].dateline, None);
    assert_eq!(cmp.documents[3].dateline, None);
}

#[test]
fn report_contract_holds() {
    let cmp = compare(&SEEDS);
    assert_eq!(cmp.format, "crosscheck-report");
    assert_eq!(cmp.version, 2);
    let mut ids = std::collections::HashSet::new();
    for d in &cmp.documents {
        for p in &d.passages {
            assert!(ids.insert(p.id.clone()), "duplicate id {}", p.id);
            assert_eq!(&d.text[p.start..p.end], p.text);
        }
    }
    for g in &cmp.groups {
        assert!(g.document_count() >= 2);
        // A document's passages in a group are in text order and apart (adjacent ones would
        // be one passage), at most two places.
        let docs = docs_in(g);
        let mut uniq = docs.clone();
        uniq.dedup();
        assert_eq!(uniq.len(), g.document_count());
        for &d in &uniq {
            let at: Vec<usize> = g
                .passages
                .iter()
                .filter_map(|p| crosscheck::model::parse_passage_id(p))
                .filter(|x| x.0 == d)
                .map(|x| x.1)
                .collect();
            assert!(
                at.len() <= 2 && at.windows(2).all(|w| w[1] > w[0] + 1),
                "{}",
                g.id
            );
        }
        assert!(g.passages.contains(&g.reference));
        assert_eq!(g.diffs.len(), g.passages.len() - 1);
        assert!(!g.label.is_empty());
    }
}

// Invented articles: another story (a bridge collapse told in another order by a second outlet)
// and a look-alike event (another bridge, another town, another year).
const BRIDGES: [&str; 3] = [
    "invented/bridge_a.txt",
    "invented/bridge_b.txt",
    "invented/bridge_c.txt",
];

#[test]
fn invented_same_events_align_whatever_their_order() {
    let cmp = compare(&BRIDGES);
    for (a, b) in [
        ("2021 inspection report", "A 2021 inspection found"),
        ("estimated $40 million", "about $40 million"),
        (
            "divers searched the river",
            "Divers searched the Varne River",
        ),
    ] {
        let g = group_with(&cmp, &[(0, a), (1, b)]);
        assert!(g.is_some(), "{a:?} and {b:?} should be aligned");
    }
}

#[test]
fn invented_look_alike_event_is_not_grouped() {
    let cmp = compare(&BRIDGES);
    for g in &cmp.groups {
        let docs = docs_in(g);
        assert!(
            !(docs.contains(&2) && (docs.contains(&0) || docs.contains(&1))),
            "the Millbrook footbridge was grouped with Port Alder: {} {:?}",
            g.label,
            g.passages
        );
    }
    assert_ne!(cmp.documents[2].story, cmp.documents[0].story);
    assert_eq!(cmp.documents[0].story, cmp.documents[1].story);
}

#[test]
fn invented_boilerplate_and_datelines() {
    let cmp = compare(&BRIDGES);
    assert_eq!(cmp.documents[0].dateline.as_deref(), Some("2023-03-09"));
    let b1 = boilerplate_texts(&cmp.documents[1]);
    assert!(b1.contains(&"Port Alder Herald"), "{b1:?}");
    assert!(b1.contains(&"Please enter your name here"), "{b1:?}");
    assert_eq!(
        cmp.documents[0].title,
        "Harbor bridge collapses in Port Alder"
    );
}

#[test]
fn compare_is_deterministic_and_order_independent() {
    let a = compare(&BRIDGES);
    let b = compare(&BRIDGES);
    assert_eq!(report::json(&a).ok(), report::json(&b).ok());
    let rev = compare(&[
        "invented/bridge_c.txt",
        "invented/bridge_b.txt",
        "invented/bridge_a.txt",
    ]);
    let texts = |c: &Comparison| {
        let mut v: Vec<Vec<String>> = c
            .groups
            .iter()
            .map(|g| {
                let mut t: Vec<String> = g
                    .passages
                    .iter()
                    .filter_map(|p| c.passage(p).map(|x| x.1.text.clone()))
                    .collect();
                t.sort();
                t
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(texts(&a), texts(&rev));
}

/// Three invented reports of one sinking: two open with a Title Case headline and a timestamp
/// line, one with a site name and a timestamp in capitals.
const FERRY: [&str; 3] = [
    "headlines/ferry_a.txt",
    "headlines/ferry_b.txt",
    "headlines/ferry_c.txt",
];

#[test]
fn timestamp_lines_give_the_dateline_and_are_boilerplate() {
    let cmp = compare(&FERRY);
    for d in &cmp.documents {
        assert_eq!(d.dateline.as_deref(), Some("2022-03-14"), "{}", d.path);
    }
    let b = boilerplate_texts(&cmp.documents[1]);
    assert!(
        b.contains(&"PUBLISHED: MONDAY, MARCH 14, 2022, 11:45 AM"),
        "{b:?}"
    );
}

#[test]
fn headline_and_the_lead_under_its_timestamp_align_as_one_passage() {
    let cmp = compare(&FERRY);
    // The second report tells in one sentence what the others tell in a Title Case headline and
    // the lead under the timestamp line.
    let g = group_with(
        &cmp,
        &[
            (1, "sank off Kellsey Point"),
            (0, "Cargo Ferry Marla Sinks"),
            (2, "Nine Rescued As Ferry"),
        ],
    );
    let g = g.expect("the sinking is one group");
    for (d, headline, lead) in [
        (0, "Cargo Ferry Marla Sinks", "All nine crew members"),
        (2, "Nine Rescued As Ferry", "lifted all nine crew"),
    ] {
        let p = cmp.documents[d]
            .passages
            .iter()
            .find(|p| p.text.contains(headline))
            .expect("headline passage");
        assert!(p.text.contains(lead), "{:?}", p.text);
        assert!(g.passages.contains(&p.id));
        // The timestamp between them is recorded as boilerplate inside the passage.
        let stamps: Vec<&str> = p
            .inner_boilerplate
            .iter()
            .map(|s| &cmp.documents[d].text[s.start..s.end])
            .collect();
        assert_eq!(stamps.len(), 1, "{stamps:?}");
        assert!(stamps[0].contains("2022"), "{stamps:?}");
    }
}

// Invented reports of a warehouse fire: the first tells the fire in its headline and lead and
// again in its last paragraph (the fire chief's account).
const FIRE: [&str; 3] = [
    "retold/fire_a.txt",
    "retold/fire_b.txt",
    "retold/fire_c.txt",
];

#[test]
fn a_report_that_tells_the_event_again_has_both_places_in_its_group() {
    let cmp = compare(&FIRE);
    let g = group_with(
        &cmp,
        &[
            (0, "A fire destroyed the Halvorsen grain warehouse"),
            (0, "Fire chief Ola Berg said the blaze"),
            (1, "was destroyed by fire on Sunday night"),
            (2, "Two workers were injured when fire destroyed"),
        ],
    )
    .expect("the lead, the fire chief's account and the other reports are one group");
    assert_eq!(g.document_count(), 3);
    // The first place is the one set beside the other sources, the second is told again.
    let first = g.passage_of(0).expect("a passage of the first report");
    assert!(
        cmp.passage(first)
            .expect("exists")
            .1
            .text
            .contains("Dunmore grain")
    );
    let again: Vec<&str> = g.retold(0).collect();
    assert_eq!(again.len(), 1);
    assert!(
        cmp.passage(again[0])
            .expect("exists")
            .1
            .text
            .starts_with("Fire chief Ola Berg")
    );
    // Another happening of the same fire (the crews fighting it) is not lumped in.
    let crews = group_with(
        &cmp,
        &[
            (0, "Crews from three towns fought the flames"),
            (1, "Firefighters from three towns"),
        ],
    )
    .expect("the crews are a group of their own");
    assert_ne!(crews.id, g.id);
    assert_eq!(crews.passages.len(), 2);
}
