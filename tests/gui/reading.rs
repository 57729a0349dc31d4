//! Reading many sources: conflicts first (the strip, the keys, the status bar), the two ways a
//! passage is shown (word diff, paraphrase), wire copies folded into one column, review marks on
//! findings, and the list of keys.

use std::path::{Path, PathBuf};

use crosscheck::gui::{App, Startup};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::{FakeDialogs, app, has_text, status, text_of};

/// Two reports of one storm that give different tolls and different counts of injured.
const STORM_A: &str = "Storm hits Velmora\n\nThe storm killed 12 people in Velmora on Tuesday, the fire service said.\n\nHospitals treated 30 injured people overnight, a spokeswoman said.\n\nMayor Ilse Varga said the harbour would stay closed until Friday.\n";
const STORM_B: &str = "Storm batters Velmora\n\nThe storm killed 15 people in Velmora on Tuesday, the fire service said.\n\nHospitals treated 45 injured people overnight, a spokeswoman said.\n\nGovernor Ilse Varga said the harbour would stay closed until Friday.\n";

fn write(dir: &Path, files: &[(&str, &str)]) -> Vec<PathBuf> {
    files
        .iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).expect("write article");
            p
        })
        .collect()
}

fn storm(dir: &Path) -> Harness<'static, App> {
    let files = write(dir, &[("storm_a.txt", STORM_A), ("storm_b.txt", STORM_B)]);
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    h
}

#[test]
fn conflicts_are_listed_first_counted_and_stepped_through_with_c() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = storm(dir.path());
    assert!(
        has_text(&h, "✗ 3 conflicts between sources"),
        "no conflict strip"
    );
    h.snapshot("reading_conflicts");
    assert!(
        h.query_by_label("✗ 3 conflicts").is_some(),
        "the status bar does not count them"
    );
    h.key_press(Key::C);
    h.run();
    assert!(has_text(&h, "(conflict 1 of 3)"));
    // The conflict's group is selected: the Details panel shows it.
    assert!(has_text(&h, "Findings in this group"));
    h.key_press(Key::C);
    h.run();
    assert!(has_text(&h, "(conflict 2 of 3)"));
    h.key_press_modifiers(Modifiers::SHIFT, Key::C);
    h.run();
    assert!(has_text(&h, "(conflict 1 of 3)"), "Shift+C goes back");
    h.key_press_modifiers(Modifiers::SHIFT, Key::C);
    h.run();
    assert!(
        has_text(&h, "(conflict 3 of 3)"),
        "previous wraps to the last"
    );
    h.key_press(Key::C);
    h.run();
    assert!(has_text(&h, "(conflict 1 of 3)"), "next wraps to the first");
}

#[test]
fn a_conflict_in_the_strip_is_one_click_from_its_passages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = storm(dir.path());
    h.get_by_label_contains("About number of people killed")
        .click();
    h.run();
    assert!(
        has_text(&h, "(conflict "),
        "the click did not go to the conflict"
    );
    assert!(has_text(&h, "Findings in this group"));
}

#[test]
fn a_paraphrase_says_so_and_the_reader_switches_it_to_a_word_diff() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = write(
        dir.path(),
        &[
            (
                "a.txt",
                "Pirates seized the oil tanker Sirius Star off the coast of Somalia on Saturday, the navy said.\n",
            ),
            (
                "b.txt",
                "The Sirius Star, an oil tanker, was seized by armed pirates off Somalia's coast at the weekend, officials reported.\n",
            ),
        ],
    );
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    assert!(
        has_text(&h, "paraphrase ⇄"),
        "the cell does not say its mode"
    );
    assert!(
        has_text(&h, "not here:"),
        "what the paraphrase leaves out is not listed"
    );
    h.get_by_label("paraphrase ⇄").click();
    h.run();
    assert!(
        has_text(&h, "word diff ⇄"),
        "the switch did not change the cell"
    );
    assert!(!has_text(&h, "not here:"));
}

/// An agency text, and copies of it: one with a paragraph added, one cut.
const WIRE: &str = "Velmora opens new harbour bridge\n\nThe new harbour bridge in Velmora opened to traffic on Tuesday after four years of work, the city transport office said in a statement.\n\nMayor Ilse Varga cut the ribbon in front of several hundred residents and said the bridge would carry forty thousand cars a day.\n\nThe old bridge, closed last year after inspectors found cracked cables, will be taken down over the summer months.\n";

#[test]
fn copies_of_one_text_fold_into_one_column_and_unfold_on_demand() {
    let dir = tempfile::tempdir().expect("tempdir");
    let added = format!(
        "{WIRE}\nLocal ferry owners said they expected to lose most of their customers to the new crossing within weeks.\n"
    );
    let cut: String = WIRE.split("\n\n").take(3).collect::<Vec<_>>().join("\n\n");
    let edited = WIRE.replace("forty thousand cars", "40,000 vehicles");
    let other = "Bridge opens in Velmora\n\nVelmora's harbour crossing is open at last, residents cheered on Tuesday as Mayor Ilse Varga cut a ribbon.\n";
    let files = write(
        dir.path(),
        &[
            ("wire.txt", WIRE),
            ("added.txt", &added),
            ("cut.txt", &cut),
            ("edited.txt", &edited),
            ("other.txt", other),
        ],
    );
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    assert!(
        status(&h).starts_with("5 outlets, 2 independent sources"),
        "status: {}",
        status(&h)
    );
    assert!(has_text(&h, "one text · 4 outlets ▸ unfold"));
    assert!(
        has_text(&h, "same words in"),
        "the folded cell does not say who else has it"
    );
    assert!(
        has_text(&h, "edited.txt: forty thousand cars → 40,000 vehicles"),
        "the folded cell does not say what an outlet changed"
    );
    assert!(
        h.query_by_label("cut.txt").is_none(),
        "a folded copy has a column"
    );
    h.snapshot("reading_folded");
    h.get_by_label("one text · 4 outlets ▸ unfold").click();
    h.run();
    assert!(has_text(&h, "one text · 4 outlets ◂ fold"));
    assert!(
        h.query_by_label("cut.txt").is_some(),
        "unfolded copies have their columns"
    );
}

#[test]
fn a_finding_is_marked_and_noted_and_the_mark_shows_on_its_card() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = storm(dir.path());
    h.get_by_label("Findings").click();
    h.run();
    h.get_all_by_label_contains("needs a call")
        .next()
        .expect("a review button")
        .click();
    h.run();
    assert_eq!(h.state().comparison().reviews.len(), 1);
    assert_eq!(
        h.state().comparison().reviews[0].verdict,
        Some(crosscheck::review::Verdict::NeedsCall)
    );
    h.snapshot("reading_review");
    // A second click clears it.
    h.get_all_by_label_contains("needs a call")
        .next()
        .expect("a review button")
        .click();
    h.run();
    assert!(h.state().comparison().reviews.is_empty());
    // A note alone is a review too, kept as it is typed.
    h.get_all_by_label("Note")
        .next()
        .expect("a note field")
        .focus();
    h.run();
    h.get_all_by_label("Note")
        .next()
        .expect("a note field")
        .type_text("ask the fire service");
    h.run();
    let reviews = &h.state().comparison().reviews;
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert_eq!(reviews[0].note, "ask the fire service");
    assert_eq!(reviews[0].verdict, None);
}

#[test]
fn f1_shows_the_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = storm(dir.path());
    assert!(!has_text(&h, "previous conflict"));
    h.key_press(Key::F1);
    h.run();
    assert!(has_text(&h, "previous conflict"), "no list of keys");
    assert!(has_text(&h, "search the groups"));
}

#[test]
fn ctrl_and_a_number_switch_the_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = storm(dir.path());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    h.run();
    assert!(
        has_text(&h, "Synchronized scrolling"),
        "not the documents view"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    h.run();
    assert!(!has_text(&h, "Synchronized scrolling"));
    assert!(
        h.query_by_label("Fact findings").is_some(),
        "not the findings view"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    h.run();
    assert!(h.query_by_label("Fact findings").is_none());
    assert!(has_text(&h, "Aligned passages"), "not the aligned view");
}

#[test]
fn a_source_telling_the_event_again_shows_it_under_its_first_telling() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/retold");
    let files: Vec<PathBuf> = ["fire_a.txt", "fire_b.txt", "fire_c.txt"]
        .iter()
        .map(|f| dir.join(f))
        .collect();
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    h.snapshot("reading_retold");
    assert!(
        has_text(&h, "told again further on, in paragraph 7"),
        "the fire chief's account is not shown as told again"
    );
    assert!(has_text(&h, "Fire chief Ola Berg said the blaze"));
}

#[test]
fn sources_that_may_report_two_events_are_said_to_over_the_passages() {
    // Two ferry strikes three years apart, their dates taken out: one story by their words.
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years");
    let dir = tempfile::tempdir().expect("tempdir");
    let names = [
        "strike_2019_a.txt",
        "strike_2019_b.txt",
        "strike_2022_a.txt",
        "strike_2022_b.txt",
    ];
    let texts: Vec<(&str, String)> = names
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(from.join(n)).expect("fixture");
            let undated: Vec<&str> = text.lines().filter(|l| !l.contains(", 20")).collect();
            (*n, undated.join("\n"))
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let files = write(dir.path(), &refs);
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    assert!(
        has_text(
            &h,
            "⚠ These sources may report two different events told alike"
        ),
        "no notice over the passages"
    );
    // The same reports with their dates are two stories, and nothing is said.
    let files: Vec<PathBuf> = names.iter().map(|n| from.join(n)).collect();
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    assert!(!has_text(&h, "may report two different events"));
}

/// Ten articles of two stories (the invented bridge and dam reports and the seeds).
fn ten_sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = ["invented", "parallel", "seeds"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("fixtures folder"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn with_more_columns_than_fit_the_reference_stays_at_the_left_when_the_rows_scroll_sideways() {
    let mut h = app(Startup::Files(ten_sources()), FakeDialogs::default());
    h.run();
    assert!(status(&h).starts_with("10 "), "status: {}", status(&h));
    h.get_by_label("Layout").click();
    h.run();
    h.get_by_label("a column per source").click();
    h.run();
    assert!(
        h.query_by_label("Reference").is_some(),
        "no pinned reference column"
    );
    assert!(has_text(&h, "◂ the reference, pinned at left"));
    let group = |h: &Harness<'_, App>| {
        h.query_all_by(|n| text_of(n).is_some_and(|l| l.starts_with("Group 1: ")))
            .next()
            .expect("the first group's label")
            .rect()
    };
    let header = |h: &Harness<'_, App>| h.get_by_label("bridge_b.txt").rect();
    let reference = |h: &Harness<'_, App>| h.get_by_label("Reference").rect();
    // The first group's reference passage, in the pinned column.
    let passage = |h: &Harness<'_, App>| {
        let cmp = h.state().comparison();
        let text = cmp
            .passage(&cmp.groups[0].reference)
            .map(|(_, p)| p.text.clone())
            .expect("a reference passage");
        super::shown(h, &text).expect("the reference passage is shown")
    };
    let (group_before, header_before, reference_before) = (group(&h), header(&h), reference(&h));
    let passage_before = passage(&h);
    for _ in 0..6 {
        h.get_by_label("bridge_b.txt").scroll_left();
        h.run();
    }
    assert!(
        header(&h).left() < header_before.left() - 100.0,
        "the columns did not scroll sideways: {:?} → {:?}",
        header_before,
        header(&h)
    );
    assert!(
        (reference(&h).left() - reference_before.left()).abs() < 1.0,
        "the reference column moved: {reference_before:?} → {:?}",
        reference(&h)
    );
    assert!(
        (group(&h).left() - group_before.left()).abs() < 1.0,
        "the row label moved: {group_before:?} → {:?}",
        group(&h)
    );
    assert!(
        (passage(&h).left() - passage_before.left()).abs() < 1.0,
        "the reference passage moved: {passage_before:?} → {:?}",
        passage(&h)
    );
    h.snapshot("reading_pinned");
}

#[test]
fn c_brings_a_conflict_hidden_by_the_search_into_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = storm(dir.path());
    super::type_into(&mut h, "Search", "harbour");
    h.run();
    let searched = super::group_rows(&h).len();
    assert!(
        !has_text(&h, "killed 12"),
        "the search should hide the toll's row: {:?}",
        super::group_rows(&h)
    );
    // Out of the search field, C steps to the first conflict (the toll).
    h.get_by_label("Aligned").click();
    h.run();
    h.key_press(Key::C);
    h.run();
    assert!(has_text(&h, "(conflict 1 of 3)"));
    assert_eq!(
        h.get_by_label("Search").value().as_deref(),
        Some(""),
        "the search that hid the conflict's row gives way"
    );
    assert!(
        super::group_rows(&h).len() > searched,
        "every row is back: {:?}",
        super::group_rows(&h)
    );
    assert!(has_text(&h, "killed 12"), "the toll's row is in view");
}
