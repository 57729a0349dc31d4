//! The fact views of the app (Findings view, fact table in Details), on a comparison built by
//! hand so they are tested whatever the facts engine finds today.

#![cfg(feature = "gui")]

use crosscheck::gui::{App, AppConfig, JobMode, NativeDialogs, Startup};
use crosscheck::model::{
    Comparison, DiffOp, DiffTag, Document, Fact, FactKind, Finding, FindingStatus, Group, Mention,
    Passage, PassageDiff, Span,
};
use egui_kittest::Harness;
use egui_kittest::kittest::NodeT;
use egui_kittest::kittest::Queryable;

fn passage(doc: usize, text: &str, facts: Vec<Fact>) -> Passage {
    Passage {
        id: format!("d{doc}.p0"),
        start: 0,
        end: text.len(),
        text: text.to_string(),
        boilerplate: false,
        boilerplate_reason: None,
        paragraph: 0,
        sentences: vec![Span {
            start: 0,
            end: text.len(),
        }],
        facts,
        group: Some("g0".into()),
        inner_boilerplate: Vec::new(),
    }
}

fn fact(kind: FactKind, text: &str, at: usize, value: &str, note: &str) -> Fact {
    Fact {
        kind,
        start: at,
        end: at + text.len(),
        text: text.into(),
        value: value.into(),
        subject: String::new(),
        note: note.into(),
    }
}

fn document(i: usize, title: &str, text: &str, facts: Vec<Fact>) -> Document {
    Document {
        id: format!("d{i}"),
        path: format!("/nowhere/{title}.txt"),
        title: title.into(),
        dateline: Some("2030-06-02".into()),
        dateline_source: None,
        kind: "txt".into(),
        encoding: "UTF-8".into(),
        language: "eng".into(),
        site: None,
        text: text.into(),
        passages: vec![passage(i, text, facts)],
        story: 0,
        named: None,
    }
}

/// Two sources that disagree on a count and agree on a day.
fn comparison() -> Comparison {
    let a = "Flooding in Tarnow forced 1,200 people from their homes on Sunday.";
    let b = "Flooding in Tarnow forced 1,500 people from their homes on Sunday.";
    let mut cmp = Comparison::empty();
    cmp.documents = vec![
        document(
            0,
            "Tarnow Courier",
            a,
            vec![
                fact(
                    FactKind::Quantity,
                    "1,200 people",
                    26,
                    "1200 person",
                    "as written",
                ),
                fact(
                    FactKind::Date,
                    "Sunday",
                    60,
                    "2030-06-01",
                    "Sunday before dateline 2030-06-02",
                ),
            ],
        ),
        document(
            1,
            "Valley Post",
            b,
            vec![
                fact(
                    FactKind::Quantity,
                    "1,500 people",
                    26,
                    "1500 person",
                    "as written",
                ),
                fact(
                    FactKind::Date,
                    "Sunday",
                    60,
                    "2030-06-01",
                    "Sunday before dateline 2030-06-02",
                ),
            ],
        ),
    ];
    cmp.groups = vec![Group {
        id: "g0".into(),
        label: "flooding tarnow forced".into(),
        reference: "d0.p0".into(),
        passages: vec!["d0.p0".into(), "d1.p0".into()],
        cohesion: 0.9,
        disagreement: 0.1,
        diffs: vec![PassageDiff {
            passage: "d1.p0".into(),
            ops: vec![
                DiffOp {
                    op: DiffTag::Equal,
                    text: "Flooding in Tarnow forced ".into(),
                },
                DiffOp {
                    op: DiffTag::Delete,
                    text: "1,200".into(),
                },
                DiffOp {
                    op: DiffTag::Insert,
                    text: "1,500".into(),
                },
                DiffOp {
                    op: DiffTag::Equal,
                    text: " people from their homes on Sunday.".into(),
                },
            ],
            approximate: None,
            mode: Default::default(),
        }],
    }];
    let mention = |doc: usize, text: &str, value: &str| Mention {
        document: format!("d{doc}"),
        start: [a, b][doc].find(text).unwrap_or(0),
        end: [a, b][doc].find(text).unwrap_or(0) + text.len(),
        text: text.into(),
        value: value.into(),
        qualifier: String::new(),
        note: "as written".into(),
    };
    cmp.findings = vec![
        Finding {
            id: "f0".into(),
            kind: FactKind::Quantity,
            status: FindingStatus::Conflict,
            slot: "people forced from their homes".into(),
            reason: "figures of one thing that cannot both hold".into(),
            summary: "People forced from their homes: 1200 or 1500".into(),
            group: Some("g0".into()),
            mentions: vec![
                mention(0, "1,200 people", "1200 person"),
                mention(1, "1,500 people", "1500 person"),
            ],
        },
        Finding {
            id: "f1".into(),
            kind: FactKind::Date,
            status: FindingStatus::Agree,
            slot: String::new(),
            reason: String::new(),
            summary: "Day of the flooding: 2030-06-01".into(),
            group: Some("g0".into()),
            mentions: vec![
                mention(0, "Sunday", "2030-06-01"),
                mention(1, "Sunday", "2030-06-01"),
            ],
        },
    ];
    cmp
}

fn app() -> Harness<'static, App> {
    app_with(comparison())
}

/// The app opened on `cmp`, inline jobs, a 1400×850 window.
fn app_with(cmp: Comparison) -> Harness<'static, App> {
    Harness::builder()
        .with_max_steps(64)
        .with_size([1400.0, 850.0])
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppConfig {
                    startup: Startup::Comparison(Box::new(cmp)),
                    jobs: JobMode::Inline,
                    dialogs: Box::new(NativeDialogs),
                },
            )
        })
}

#[test]
fn findings_show_status_words_summaries_and_each_sources_wording() {
    let mut h = app();
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    assert!(h.query_by_label("Conflict").is_some(), "conflict badge");
    assert!(h.query_by_label("Agree").is_some(), "agree badge");
    assert!(
        h.query_by_label("People forced from their homes: 1200 or 1500")
            .is_some()
    );
    assert!(h.query_by_label("\u{201c}1,500 people\u{201d}").is_some());
    assert!(h.query_all_by_label_contains("1 conflict").next().is_some());
    // A conflict says what it is about and why it is one; an agreement does not repeat it.
    assert!(
        h.query_by_label(
            "About people forced from their homes — figures of one thing that cannot both hold"
        )
        .is_some()
    );
    // Conflicts are listed before agreements.
    let conflict = h
        .get_by_label("People forced from their homes: 1200 or 1500")
        .rect();
    let agree = h.get_by_label("Day of the flooding: 2030-06-01").rect();
    assert!(conflict.top() < agree.top());
}

#[test]
fn a_finding_leads_to_its_passages_and_their_fact_table() {
    let mut h = app();
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    h.get_by_label("Show passages of finding f0").click();
    h.run();
    assert!(
        h.query_by_label("Aligned passages").is_some(),
        "back in the aligned view"
    );
    assert!(
        h.query_by_label("Group 1: flooding tarnow forced")
            .is_some()
    );
    assert!(h.query_by_label("Facts by source").is_some());
    assert_eq!(
        h.query_all_by_label("\u{201c}1,500 people\u{201d}").count(),
        1,
        "fact table row"
    );
    assert_eq!(
        h.query_all_by_label("2030-06-01").count(),
        2,
        "one date per source"
    );
}

#[test]
fn the_aligned_row_shows_the_replaced_words() {
    let mut h = app();
    h.run();
    let cells: Vec<String> = h
        .query_all_by_label_contains("Flooding in Tarnow forced")
        .filter_map(|n| n.accesskit_node().label().or(n.accesskit_node().value()))
        .collect();
    // The second source's cell: the reference's "1,200" struck out, "1,500" put in, and the
    // conflicting figure followed by the conflict symbol.
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with("Flooding in Tarnow forced 1,200 → 1,500 people✗ from")),
        "a replaced figure is one unit, never run together: {cells:?}"
    );
    assert!(h.query_by_label_contains("1 difference").is_some());
}

fn findings_snapshot(theme: egui::Theme, name: &str) {
    let mut h = Harness::builder()
        .with_max_steps(64)
        .with_size([1200.0, 560.0])
        .with_theme(theme)
        .build_eframe(|cc| {
            App::new(
                cc,
                AppConfig {
                    startup: Startup::Comparison(Box::new(comparison())),
                    jobs: JobMode::Inline,
                    dialogs: Box::new(NativeDialogs),
                },
            )
        });
    h.run();
    h.get_by_label("Group 1: flooding tarnow forced (2 sources)")
        .click();
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    h.snapshot(name);
}

#[test]
fn findings_view_dark() {
    findings_snapshot(egui::Theme::Dark, "findings_dark");
}

#[test]
fn findings_view_light() {
    findings_snapshot(egui::Theme::Light, "findings_light");
}

#[test]
fn the_fact_table_shows_what_each_source_says() {
    let mut h = app();
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    assert!(h.query_by_label("Fact table: who says what").is_some());
    // One column per source, each cell the words as written and their value.
    assert!(
        h.query_by_label("\u{201c}1,200 people\u{201d} = 1200 person")
            .is_some()
    );
    assert!(
        h.query_by_label("\u{201c}1,500 people\u{201d} = 1500 person")
            .is_some()
    );
    assert!(h.query_by_label("✗ Conflict").is_some(), "status column");
}

#[test]
fn pointing_at_a_marked_fact_shows_its_value_and_derivation() {
    let mut h = app();
    h.run();
    let rect = h
        .query_all_by_label_contains("Flooding in Tarnow forced 1,200 → 1,500")
        .map(|n| n.rect())
        .next()
        .expect("the second source's cell");
    let mut found = false;
    let mut y = rect.top() + 4.0;
    'scan: while y < rect.bottom() {
        let mut x = rect.left() + 2.0;
        while x < rect.right() {
            h.hover_at(egui::pos2(x, y));
            h.run();
            if h.query_by_label("1500 person").is_some() {
                found = true;
                break 'scan;
            }
            x += 6.0;
        }
        y += 12.0;
    }
    assert!(found, "no tooltip with the fact's value over the cell");
    assert!(h.query_by_label("as written").is_some(), "the derivation");
    assert!(h.query_by_label("\u{201c}1,500 people\u{201d}").is_some());
}

#[test]
fn a_finding_shows_its_mentions_side_by_side_in_their_passages() {
    let mut h = app();
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    let passage = "Flooding in Tarnow forced 1,500 people from their homes on Sunday.";
    assert!(h.query_by_label_contains(passage).is_none());
    h.get_all_by_label("Side by side")
        .next()
        .expect("a side-by-side toggle")
        .click();
    h.run();
    // The conflict's second source, in its passage, beside the first.
    assert!(h.query_by_label_contains(passage).is_some());
    assert!(
        h.query_by_label_contains("Flooding in Tarnow forced 1,200 people")
            .is_some()
    );
}

#[test]
fn a_sources_name_in_a_finding_leads_to_its_passage_in_the_documents() {
    let mut h = app();
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    assert!(h.query_by_label("Synchronized scrolling").is_none());
    // The first card's first evidence line: the source's name is a link.
    h.get_all_by_label("Valley Post")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Link)
        .expect("the source's name as a link")
        .click();
    h.run();
    assert!(
        h.query_by_label("Synchronized scrolling").is_some(),
        "the documents view"
    );
}

#[test]
fn a_fact_table_row_brings_its_finding_into_view() {
    let mut cmp = comparison();
    // Enough findings that a card is below the window while its row is in view.
    let first = cmp.findings[0].clone();
    for k in 0..40 {
        let mut f = first.clone();
        f.id = format!("f{}", k + 2);
        f.summary = format!("People forced from their homes, count {k}");
        cmp.findings.push(f);
    }
    let mut h = app_with(cmp);
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    let card = "People forced from their homes, count 20";
    let below = |h: &Harness<'static, App>| {
        h.get_all_by_label(card)
            .map(|n| n.rect().top())
            .fold(f32::MIN, f32::max)
    };
    assert!(below(&h) > 850.0, "the card starts below the window");
    h.get_all_by_label_contains(card)
        .find(|n| {
            n.accesskit_node().role() != egui::accesskit::Role::Link && n.rect().top() < 850.0
        })
        .expect("its row in the fact table")
        .click();
    h.run();
    assert!(below(&h) < 850.0, "the card was brought into view");
}
