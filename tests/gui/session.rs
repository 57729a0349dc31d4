//! Comparison files in the app: Save comparison… and Open comparison… through the file dialogs,
//! the Recent comparisons list, and reopening the last comparison at start.

#![cfg(feature = "gui")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crosscheck::gui::{App, AppConfig, Dialogs, JobMode, Picked, Startup};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// File dialogs that answer with what the test put in them.
#[derive(Clone, Default)]
struct FakeDialogs {
    open: Arc<Mutex<Vec<Picked<PathBuf>>>>,
    save: Arc<Mutex<Vec<Picked<PathBuf>>>>,
    suggested: Arc<Mutex<Vec<String>>>,
}

impl FakeDialogs {
    fn will_open(&self, p: &Path) {
        self.open
            .lock()
            .expect("lock")
            .push(Picked::Chosen(p.to_path_buf()));
    }
    fn will_save(&self, p: &Path) {
        self.save
            .lock()
            .expect("lock")
            .push(Picked::Chosen(p.to_path_buf()));
    }
}

impl Dialogs for FakeDialogs {
    fn pick_articles(&mut self) -> Picked<Vec<PathBuf>> {
        Picked::Cancelled
    }
    fn pick_report_path(&mut self, _suggested: &str) -> Picked<PathBuf> {
        Picked::Cancelled
    }
    fn pick_comparison(&mut self) -> Picked<PathBuf> {
        self.open
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or(Picked::Cancelled)
    }
    fn pick_comparison_path(&mut self, suggested: &str) -> Picked<PathBuf> {
        if let Ok(mut s) = self.suggested.lock() {
            s.push(suggested.to_string());
        }
        self.save
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or(Picked::Cancelled)
    }
}

#[derive(Default)]
struct MemoryStorage(BTreeMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

fn app(startup: Startup, dialogs: FakeDialogs) -> Harness<'static, App> {
    app_with(startup, dialogs, None)
}

fn app_with(
    startup: Startup,
    dialogs: FakeDialogs,
    storage: Option<&'static MemoryStorage>,
) -> Harness<'static, App> {
    Harness::builder()
        .with_max_steps(64)
        .with_size([1500.0, 950.0])
        .build_eframe(move |cc| {
            cc.storage = storage.map(|s| s as &dyn eframe::Storage);
            App::new(
                cc,
                AppConfig {
                    startup,
                    jobs: JobMode::Inline,
                    dialogs: Box::new(dialogs),
                },
            )
        })
}

/// The sample articles copied into `dir`, so a test may delete one.
fn samples_in(dir: &Path) -> Vec<PathBuf> {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&from)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let to = dir.join(f.file_name().expect("file name"));
            std::fs::copy(f, &to).expect("copy sample");
            to
        })
        .collect()
}

fn name(p: &Path) -> String {
    p.file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned()
}

fn text_of(n: &egui_kittest::kittest::AccessKitNode<'_>) -> Option<String> {
    n.label().or_else(|| n.value())
}

/// The status bar's summary line, e.g. "4 sources · 20 groups · 31 differences".
fn status(h: &Harness<'_, App>) -> String {
    h.query_all_by(|n| {
        text_of(n)
            .is_some_and(|l| l.contains(" · ") && l.contains(" source") && l.contains(" group"))
    })
    .filter_map(|n| text_of(&n.accesskit_node()))
    .next()
    .unwrap_or_default()
}

fn group_rows(h: &Harness<'_, App>) -> Vec<String> {
    h.query_all_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with("Group "))
    })
    .filter_map(|n| n.accesskit_node().label())
    .collect()
}

fn has_text(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn menu(h: &mut Harness<'_, App>, item: &str) {
    h.get_by_label("Comparison file").click();
    h.run();
    h.get_by_label(item).click();
    h.run();
}

/// The tweet group of the samples is there, reported by three sources.
fn assert_tweet_group(h: &mut Harness<'_, App>) {
    h.get_by_label("Search").focus();
    h.run();
    h.get_by_label("Search").type_text("tweet");
    h.run();
    let rows = group_rows(h);
    assert!(
        rows.iter().any(|r| r.ends_with("(3 sources)")),
        "no group mentioning a tweet is reported by three sources: {rows:?}"
    );
}

fn assert_sources(h: &Harness<'_, App>, files: &[PathBuf]) {
    for f in files {
        assert!(
            h.query_by_label(&format!("Remove {}", name(f))).is_some(),
            "{} is not among the sources",
            name(f)
        );
    }
    assert!(
        status(h).starts_with(&format!("{} sources", files.len())),
        "status: {}",
        status(h)
    );
}

/// Opens the samples in an app and saves them as `story.crosscheck` through the dialog.
fn save_samples(dir: &Path) -> (Vec<PathBuf>, PathBuf) {
    let files = samples_in(dir);
    let saved = dir.join("story.crosscheck");
    let dialogs = FakeDialogs::default();
    let mut h = app(Startup::Files(files.clone()), dialogs.clone());
    h.run();
    dialogs.will_save(&saved);
    menu(&mut h, "Save comparison…");
    assert!(saved.is_file(), "no comparison file was written");
    assert!(has_text(&h, "Comparison saved"));
    assert_eq!(
        dialogs.suggested.lock().expect("lock").as_slice(),
        ["comparison.crosscheck"]
    );
    (files, saved)
}

#[test]
fn a_saved_comparison_opens_again_in_a_fresh_app() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (files, saved) = save_samples(dir.path());
    let text = std::fs::read_to_string(&saved).expect("read comparison file");
    assert!(text.contains("\"format\": \"crosscheck-comparison\""));

    let dialogs = FakeDialogs::default();
    let mut h = app(Startup::Empty, dialogs.clone());
    h.run();
    assert!(status(&h).starts_with("0 sources"));
    dialogs.will_open(&saved);
    menu(&mut h, "Open comparison…");
    assert_sources(&h, &files);
    assert!(
        !has_text(&h, "since the comparison was saved"),
        "unchanged sources need no note"
    );
    assert_tweet_group(&mut h);
}

#[test]
fn a_deleted_source_is_noted_and_compared_from_the_saved_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (files, saved) = save_samples(dir.path());
    std::fs::remove_file(&files[0]).expect("delete a source");

    let dialogs = FakeDialogs::default();
    let mut h = app(Startup::Empty, dialogs.clone());
    h.run();
    dialogs.will_open(&saved);
    menu(&mut h, "Open comparison…");
    let gone = name(&files[0]);
    assert!(
        h.query_all_by_label_contains("not found; compared from the copy saved")
            .any(|n| text_of(&n.accesskit_node()).is_some_and(|l| l.contains(&gone))),
        "no note names the deleted {gone}"
    );
    assert_sources(&h, &files);
    assert!(
        !has_text(&h, "Cannot read"),
        "the deleted source was read from disk"
    );
    assert_tweet_group(&mut h);
}

#[test]
fn a_damaged_file_is_named_and_the_comparison_on_screen_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = samples_in(dir.path());
    let damaged = dir.path().join("damaged.crosscheck");
    std::fs::write(
        &damaged,
        "{\n  \"format\": \"crosscheck-comparison\",\n  \"version\": 1,\n  \"sources\": [\n    {\"path\": \"a.t",
    )
    .expect("write damaged file");
    let newer = dir.path().join("newer.crosscheck");
    std::fs::write(
        &newer,
        "{\"format\": \"crosscheck-comparison\", \"version\": 99, \"sources\": []}",
    )
    .expect("write newer file");

    let dialogs = FakeDialogs::default();
    let mut h = app(Startup::Files(files[..3].to_vec()), dialogs.clone());
    h.run();
    let before = h.state().comparison().clone();
    dialogs.will_open(&damaged);
    menu(&mut h, "Open comparison…");
    assert!(
        h.query_all_by_label_contains("damaged comparison file")
            .any(|n| text_of(&n.accesskit_node())
                .is_some_and(|l| l.contains(&damaged.display().to_string()))),
        "no notification names the damaged file"
    );
    dialogs.will_open(&newer);
    menu(&mut h, "Open comparison…");
    assert!(
        h.query_all_by_label_contains("version 99 is not supported")
            .any(|n| text_of(&n.accesskit_node()).is_some_and(|l| l.contains("newer.crosscheck"))),
        "no notification names the file of an unknown version"
    );
    assert_eq!(
        h.state().comparison(),
        &before,
        "the comparison on screen changed"
    );
    assert_sources(&h, &files[..3]);
    assert!(
        !has_text(&h, "Reopen damaged.crosscheck"),
        "a file that did not open is not recent"
    );
}

#[test]
fn the_recent_list_reopens_and_the_last_comparison_comes_back_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = samples_in(dir.path());
    let saved = dir.path().join("recent.crosscheck");
    let storage: &'static mut MemoryStorage = Box::leak(Box::default());
    {
        let dialogs = FakeDialogs::default();
        let mut h = app(Startup::Files(files.clone()), dialogs.clone());
        h.run();
        dialogs.will_save(&saved);
        menu(&mut h, "Save comparison…");
        // The recent list shows the saved file; clicking it after closing everything reopens it.
        h.get_by_label("Close all").click();
        h.run();
        assert!(status(&h).starts_with("0 sources"));
        menu(&mut h, "Reopen recent.crosscheck");
        assert_sources(&h, &files);
        eframe::App::save(h.state_mut(), storage);
    }
    let storage: &'static MemoryStorage = storage;
    // Opening or saving a comparison was the last thing done: it comes back at start.
    std::fs::remove_file(&files[1]).expect("delete a source");
    let mut h = app_with(Startup::Restore, FakeDialogs::default(), Some(storage));
    h.run();
    assert_sources(&h, &files);
    assert!(
        has_text(&h, "not found; compared from the copy saved"),
        "the reopened comparison did not use its saved copy"
    );
    h.get_by_label("Comparison file").click();
    h.run();
    assert!(h.query_by_label("Reopen recent.crosscheck").is_some());
}

#[test]
fn a_last_comparison_that_is_gone_is_named_and_the_last_sources_come_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = samples_in(dir.path());
    let saved = dir.path().join("gone.crosscheck");
    let storage: &'static mut MemoryStorage = Box::leak(Box::default());
    {
        let dialogs = FakeDialogs::default();
        let mut h = app(Startup::Files(files[..2].to_vec()), dialogs.clone());
        h.run();
        dialogs.will_save(&saved);
        menu(&mut h, "Save comparison…");
        eframe::App::save(h.state_mut(), storage);
    }
    std::fs::remove_file(&saved).expect("delete the comparison file");
    let storage: &'static MemoryStorage = storage;
    let mut h = app_with(Startup::Restore, FakeDialogs::default(), Some(storage));
    h.run();
    assert!(
        h.query_all_by_label_contains("Cannot open the comparison")
            .any(|n| text_of(&n.accesskit_node()).is_some_and(|l| l.contains("gone.crosscheck"))),
        "no notification names the missing comparison file"
    );
    assert_sources(&h, &files[..2]);
}

#[test]
fn changing_the_sources_after_saving_restores_the_sources_not_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = samples_in(dir.path());
    let saved = dir.path().join("old.crosscheck");
    let storage: &'static mut MemoryStorage = Box::leak(Box::default());
    {
        let dialogs = FakeDialogs::default();
        let mut h = app(Startup::Files(files.clone()), dialogs.clone());
        h.run();
        dialogs.will_save(&saved);
        menu(&mut h, "Save comparison…");
        h.get_by_label(&format!("Remove {}", name(&files[0])))
            .click();
        h.run();
        eframe::App::save(h.state_mut(), storage);
    }
    let storage: &'static MemoryStorage = storage;
    let mut h = app_with(Startup::Restore, FakeDialogs::default(), Some(storage));
    h.run();
    assert_sources(&h, &files[1..]);
}

#[test]
fn review_marks_and_notes_are_saved_in_the_comparison_file_and_come_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<PathBuf> = [
        (
            "storm_a.txt",
            "The storm killed 12 people in Velmora on Tuesday, the fire service said.\n",
        ),
        (
            "storm_b.txt",
            "The storm killed 15 people in Velmora on Tuesday, the fire service said.\n",
        ),
    ]
    .iter()
    .map(|(n, t)| {
        let p = dir.path().join(n);
        std::fs::write(&p, t).expect("write");
        p
    })
    .collect();
    let saved = dir.path().join("storm.crosscheck");
    let dialogs = FakeDialogs::default();
    let mut h = app(Startup::Files(files), dialogs.clone());
    h.run();
    h.get_by_label("Findings").click();
    h.run();
    h.get_all_by_label_contains("checked")
        .next()
        .expect("a review button")
        .click();
    h.run();
    h.get_all_by_label("Note")
        .next()
        .expect("the first card's note field")
        .focus();
    h.run();
    h.get_all_by_label("Note")
        .next()
        .expect("the first card's note field")
        .type_text("fire service confirmed 15 at 9 pm");
    h.run();
    // Leaving the field keeps the note.
    h.get_by_label("Findings").click();
    h.run();
    let reviews = h.state().comparison().reviews.clone();
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert_eq!(reviews[0].note, "fire service confirmed 15 at 9 pm");
    dialogs.will_save(&saved);
    menu(&mut h, "Save comparison…");
    assert!(saved.is_file());

    let dialogs = FakeDialogs::default();
    let mut h = app(Startup::Empty, dialogs.clone());
    h.run();
    dialogs.will_open(&saved);
    menu(&mut h, "Open comparison…");
    h.get_by_label("Findings").click();
    h.run();
    let cmp = h.state().comparison();
    let conflict = cmp
        .findings
        .iter()
        .find(|f| f.status == crosscheck::model::FindingStatus::Conflict)
        .expect("the tolls conflict");
    let r = crosscheck::review::of(cmp, conflict).expect("the mark came back");
    assert_eq!(r.verdict, Some(crosscheck::review::Verdict::Checked));
    assert_eq!(r.note, "fire service confirmed 15 at 9 pm");
    assert_eq!(
        h.get_all_by_label("Note")
            .next()
            .expect("the first card's note field")
            .value()
            .as_deref(),
        Some("fire service confirmed 15 at 9 pm"),
        "the note is not on the card"
    );
}
