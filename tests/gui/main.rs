//! The desktop app driven as a user drives it, through egui_kittest: by the names of buttons,
//! fields and labels. Compare jobs run inline, so every click settles deterministically.

#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crosscheck::gui::{App, AppConfig, Dialogs, JobMode, Picked, Startup};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[path = "../common/mod.rs"]
mod common;

// The other views and features of the app, in one test binary: each binary that links egui and
// wgpu costs CI a link of its own.
mod facts;
mod persist;
mod reading;
mod session;
mod snapshots;

/// File dialogs that answer with what the test put in them, and count how often they were shown.
#[derive(Clone, Default)]
struct FakeDialogs {
    open: Arc<Mutex<Vec<Picked<Vec<PathBuf>>>>>,
    save: Arc<Mutex<Vec<Picked<PathBuf>>>>,
}

impl Dialogs for FakeDialogs {
    fn pick_articles(&mut self) -> Picked<Vec<PathBuf>> {
        self.open
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or(Picked::Cancelled)
    }
    fn pick_report_path(&mut self, _suggested: &str) -> Picked<PathBuf> {
        self.save
            .lock()
            .ok()
            .and_then(|mut v| v.pop())
            .unwrap_or(Picked::Cancelled)
    }
}

fn app(startup: Startup, dialogs: FakeDialogs) -> Harness<'static, App> {
    app_with(startup, dialogs, JobMode::Inline)
}

fn app_with(startup: Startup, dialogs: FakeDialogs, jobs: JobMode) -> Harness<'static, App> {
    Harness::builder()
        .with_max_steps(64)
        .with_size([1500.0, 950.0])
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppConfig {
                    startup,
                    jobs,
                    dialogs: Box::new(dialogs),
                },
            )
        })
}

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// Three short invented reports of one event, worded differently.
const BRIDGE_A: &str = "Velmora shuts harbour bridge\n\nThe harbour bridge in Velmora was closed on Tuesday after inspectors found cracks in two of its support cables, the transport office said.\n\nMayor Ilse Varga said repairs would take at least six weeks.\n\nFerries across the bay will run every twenty minutes while the bridge is shut.\n";
const BRIDGE_B: &str = "Cracked cables close Velmora bridge\n\nThe old harbour bridge in Velmora was shut on Tuesday after inspectors found cracks in two of its support cables, the city transport office said.\n\nMayor Ilse Varga said the repairs would take at least six weeks.\n\nThe council also approved a new bus depot on the east side.\n";
const BRIDGE_C: &str = "Velmora bridge closed\n\nThe harbour bridge in Velmora was closed on Tuesday after inspectors found cracks in its support cables, the transport office said on Wednesday.\n\nMayor Ilse Varga said repairs would take about six weeks.\n\nLocal fishermen said the closure would cost them customers.\n";

fn bridge_files(dir: &Path) -> Vec<PathBuf> {
    [
        ("bridge_a.txt", BRIDGE_A),
        ("bridge_b.txt", BRIDGE_B),
        ("bridge_c.txt", BRIDGE_C),
    ]
    .iter()
    .map(|(name, text)| {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write article");
        p
    })
    .collect()
}

/// What a node says: a widget's name, or a label's text.
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

/// Accessible names of the group rows ("Group 3: … (3 sources)").
fn group_rows(h: &Harness<'_, App>) -> Vec<String> {
    h.query_all_by(|n| {
        n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with("Group "))
    })
    .filter_map(|n| n.accesskit_node().label())
    .collect()
}

/// Clicks into the field named `label` and types `text`.
fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Types `text` under "Add by path or link" and presses Add.
fn add_by_path(h: &mut Harness<'_, App>, text: &str) {
    type_into(h, "Add by path or link", text);
    h.get_by_label("Add").click();
    h.run();
}

fn has_text(h: &Harness<'_, App>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

#[test]
fn samples_open_at_start_with_a_tweet_group_reported_by_three_sources() {
    let mut h = app(Startup::Files(samples()), FakeDialogs::default());
    h.run();
    assert!(
        status(&h).starts_with("4 sources"),
        "status: {}",
        status(&h)
    );
    type_into(&mut h, "Search", "tweet");
    let rows = group_rows(&h);
    assert!(
        rows.iter().any(|r| r.ends_with("(3 sources)")),
        "no group mentioning a tweet is reported by three sources: {rows:?}"
    );
    assert!(has_text(&h, "groups match \"tweet\""));
}

#[test]
fn the_bundled_samples_open_when_asked() {
    let mut h = app(Startup::Samples, FakeDialogs::default());
    h.run();
    assert!(
        status(&h).starts_with("4 sources"),
        "status: {}",
        status(&h)
    );
    assert!(!group_rows(&h).is_empty());
}

#[test]
fn next_and_previous_difference_step_through_the_differences() {
    let mut h = app(Startup::Files(samples()), FakeDialogs::default());
    h.run();
    let total: usize = status(&h)
        .split(" · ")
        .find_map(|part| part.strip_suffix(" differences")?.parse().ok())
        .expect("a difference count");
    assert!(total >= 2, "status: {}", status(&h));
    h.get_by_label("Next difference").click();
    h.run();
    assert!(has_text(&h, &format!("Difference 1 of {total}")));
    // The selected group's details are shown.
    assert!(h.query_by_label("Facts by source").is_some());
    h.key_press(Key::N);
    h.run();
    assert!(has_text(&h, &format!("Difference 2 of {total}")));
    h.key_press(Key::F7);
    h.run();
    assert!(has_text(&h, &format!("Difference 1 of {total}")));
    h.key_press(Key::P);
    h.run();
    assert!(
        has_text(&h, &format!("Difference {total} of {total}")),
        "previous wraps to the last"
    );
    h.key_press(Key::F8);
    h.run();
    assert!(
        has_text(&h, &format!("Difference 1 of {total}")),
        "next wraps to the first"
    );
}

#[test]
fn typing_n_in_the_search_field_does_not_navigate() {
    let mut h = app(Startup::Files(samples()), FakeDialogs::default());
    h.run();
    h.get_by_label("Search").focus();
    h.run();
    h.key_press(Key::N);
    h.get_by_label("Search").type_text("n");
    h.run();
    assert!(
        !has_text(&h, "Difference 1 of"),
        "typing moved to a difference"
    );
    assert_eq!(h.get_by_label("Search").value().as_deref(), Some("n"));
}

#[test]
fn removing_a_source_updates_the_groups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
    let before = group_rows(&h);
    assert!(
        before.iter().any(|r| r.ends_with("(3 sources)")),
        "rows: {before:?}"
    );
    h.get_by_label("Remove bridge_c.txt").click();
    h.run();
    assert!(
        status(&h).starts_with("2 sources"),
        "status: {}",
        status(&h)
    );
    let after = group_rows(&h);
    assert!(!after.is_empty());
    assert!(
        after.iter().all(|r| r.ends_with("(2 sources)")),
        "rows: {after:?}"
    );
    assert!(h.query_by_label("Remove bridge_c.txt").is_none());
    assert!(h.query_by_label_contains("Velmora bridge closed").is_none());
}

#[test]
fn a_saved_report_reads_back_as_the_comparison_on_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let target = dir.path().join("out").join("report.json");
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    let dialogs = FakeDialogs::default();
    dialogs
        .save
        .lock()
        .expect("lock")
        .push(Picked::Chosen(target.clone()));
    let mut h = app(Startup::Files(files), dialogs.clone());
    h.run();
    h.get_by_label("Save report…").click();
    h.run();
    assert!(has_text(&h, "Report saved"), "no confirmation shown");
    let text = std::fs::read_to_string(&target).expect("the report file exists");
    let back = crosscheck::report::read_json(&text).expect("the report is valid JSON");
    assert_eq!(back, *h.state().comparison());
    assert_eq!(back.documents.len(), 3);
    for d in &back.documents {
        assert!(
            has_text(&h, &d.title),
            "title {:?} is not on screen",
            d.title
        );
    }
}

#[test]
fn saving_with_an_unknown_extension_says_which_formats_exist() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let target = dir.path().join("report.docx");
    let dialogs = FakeDialogs::default();
    dialogs
        .save
        .lock()
        .expect("lock")
        .push(Picked::Chosen(target.clone()));
    let mut h = app(Startup::Files(files), dialogs);
    h.run();
    h.get_by_label("Save report…").click();
    h.run();
    assert!(has_text(
        &h,
        "Unknown report format (use .json, .md or .html)"
    ));
    assert!(has_text(&h, "report.docx"));
    assert!(!target.exists());
}

#[test]
fn an_unreadable_file_is_named_in_a_notification_and_the_rest_still_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = bridge_files(dir.path());
    let missing = dir.path().join("gone.txt");
    files.push(missing.clone());
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    let shown = format!("Cannot read {}: no such file", missing.display());
    assert!(has_text(&h, &shown), "expected a notification {shown:?}");
    assert!(
        has_text(&h, "Cannot read: no such file"),
        "the Sources panel marks the file"
    );
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(!has_text(&h, &shown));
}

#[test]
fn open_adds_the_chosen_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let dialogs = FakeDialogs::default();
    dialogs
        .open
        .lock()
        .expect("lock")
        .push(Picked::Chosen(vec![files[2].clone()]));
    let mut h = app(Startup::Files(files[..2].to_vec()), dialogs);
    h.run();
    assert!(status(&h).starts_with("2 sources"));
    h.get_by_label("Open…").click();
    h.run();
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
    assert!(h.query_by_label("Remove bridge_c.txt").is_some());
}

#[test]
fn without_a_file_dialog_the_app_points_to_the_other_ways_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let dialogs = FakeDialogs::default();
    dialogs
        .open
        .lock()
        .expect("lock")
        .push(Picked::Unavailable("no file dialog could be shown".into()));
    let mut h = app(Startup::Files(files[..2].to_vec()), dialogs);
    h.run();
    h.get_by_label("Open…").click();
    h.run();
    assert!(has_text(&h, "Add by path"));
    assert!(has_text(&h, "no file dialog could be shown"));
    let typed = files[2].display().to_string();
    add_by_path(&mut h, &typed);
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
}

#[test]
fn a_dateline_typed_by_the_user_is_used_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    h.get_by_label("Dateline of bridge_a.txt").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("Dateline of bridge_a.txt")
        .type_text("2031-03-04");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(
        has_text(&h, "set by you"),
        "the source says its dateline was set by the user"
    );
    assert_eq!(
        h.state().comparison().documents[0].dateline.as_deref(),
        Some("2031-03-04")
    );
    h.get_by_label("Dateline of bridge_b.txt").focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    h.get_by_label("Dateline of bridge_b.txt")
        .type_text("next Tuesday");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(has_text(
        &h,
        "Dateline must be a date as YYYY-MM-DD, not \"next Tuesday\""
    ));
    assert!(has_text(&h, "bridge_b.txt"));
}

#[test]
fn the_search_filter_keeps_only_matching_groups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    let all = group_rows(&h).len();
    assert!(all >= 2, "rows: {:?}", group_rows(&h));
    type_into(&mut h, "Search", "Varga");
    let rows = group_rows(&h);
    assert!(!rows.is_empty() && rows.len() < all, "rows: {rows:?}");
    type_into(&mut h, "Search", " zzzz");
    assert!(group_rows(&h).is_empty());
    assert!(has_text(&h, "No group matches the search."));
}

#[test]
fn close_all_then_open_samples_from_the_empty_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    h.get_by_label("Close all").click();
    h.run();
    assert!(has_text(&h, "No articles open"));
    assert!(status(&h).starts_with("0 sources"));
    h.get_by_label("Open the sample articles").click();
    h.run();
    assert!(
        status(&h).starts_with("4 sources"),
        "status: {}",
        status(&h)
    );
}

/// Top edge of the label showing passage `p` of document `d` in the Documents view.
/// Text as read, without the fact status symbols the app sets after a fact's words.
fn unmarked(text: &str) -> String {
    text.chars().filter(|c| !"✗✓◆?".contains(*c)).collect()
}

/// The rectangle of the laid-out text that shows `text` (fact marks aside), if any.
fn shown(h: &Harness<'_, App>, text: &str) -> Option<egui::Rect> {
    let want = unmarked(text);
    h.query_all_by(|n| text_of(n).is_some_and(|l| unmarked(&l).contains(&want)))
        .map(|n| n.rect())
        .next()
}

/// Top of the paragraph that shows passage `p` of document `d` in the document view, if it is
/// laid out (only paragraphs in view are).
fn paragraph_top(h: &Harness<'_, App>, d: usize, p: usize) -> Option<f32> {
    let text = h.state().comparison().documents[d].passages[p].text.clone();
    shown(h, &text).map(|r| r.top())
}

/// The first passage of document `d` whose paragraph is on screen, with that paragraph's top.
fn first_shown(h: &Harness<'_, App>, d: usize) -> (usize, f32) {
    let n = h.state().comparison().documents[d].passages.len();
    (0..n)
        .find_map(|p| paragraph_top(h, d, p).filter(|&y| y >= 0.0).map(|y| (p, y)))
        .expect("some paragraph of the document is shown")
}

/// A left click at `at`: press, then release, as a mouse gives it.
fn click_at(h: &mut Harness<'_, App>, at: egui::Pos2) {
    h.hover_at(at);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run();
    }
}

fn wheel_over(h: &mut Harness<'_, App>, at: egui::Pos2, dy: f32) {
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
}

#[test]
fn scrolling_one_document_scrolls_the_others_unless_turned_off() {
    let mut h = app(Startup::Files(samples()), FakeDialogs::default());
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    let inside = shown(&h, &h.state().comparison().documents[0].passages[3].text)
        .expect("first document shown")
        .center();
    let before = first_shown(&h, 1);
    wheel_over(&mut h, inside, -400.0);
    let after = first_shown(&h, 1);
    assert!(
        after.0 > before.0 || after.1 < before.1 - 50.0,
        "the second document did not follow ({before:?} -> {after:?})"
    );
    h.get_by_label("Synchronized scrolling").click();
    h.run();
    let before = first_shown(&h, 1);
    wheel_over(&mut h, inside, -300.0);
    let after = first_shown(&h, 1);
    assert_eq!(before.0, after.0);
    assert!((after.1 - before.1).abs() < 1.0, "{before:?} -> {after:?}");
}

#[test]
fn clicking_a_passage_in_the_documents_brings_the_same_group_into_view_in_the_others() {
    let mut h = app(Startup::Files(samples()), FakeDialogs::default());
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    h.get_by_label("Synchronized scrolling").click();
    h.run();
    // A group reported by three sources whose passage opens a paragraph of the first source
    // (so a click at the paragraph's first word lands on it).
    let cmp = h.state().comparison().clone();
    let doc = |d: usize| &cmp.documents[d];
    let (g, p0, others) = cmp
        .groups
        .iter()
        .enumerate()
        .find_map(|(g, group)| {
            let ids: Vec<(usize, usize)> = group
                .passages
                .iter()
                .filter_map(|id| crosscheck::model::parse_passage_id(id))
                .collect();
            let &(_, p0) = ids.iter().find(|(d, _)| *d == 0)?;
            let opens =
                p0 == 0 || doc(0).passages[p0 - 1].paragraph != doc(0).passages[p0].paragraph;
            (ids.len() >= 3 && opens).then(|| {
                (
                    g,
                    p0,
                    ids.into_iter().filter(|(d, _)| *d != 0).collect::<Vec<_>>(),
                )
            })
        })
        .expect("a three-source group opening a paragraph of the first source");
    // Scroll the other columns far away from it.
    for &(d, p) in &others {
        let first = first_shown(&h, d).0;
        let at = shown(&h, &doc(d).passages[first].text)
            .expect("shown")
            .center();
        wheel_over(&mut h, at, -5000.0);
        let y = paragraph_top(&h, d, p);
        assert!(y.is_none_or(|y| y < 0.0), "still in view: {y:?}");
    }
    // Bring the first source's passage into view (only the paragraphs in view are laid out).
    for _ in 0..40 {
        let dy = match paragraph_top(&h, 0, p0) {
            Some(y) if (100.0..700.0).contains(&y) => break,
            Some(y) if y < 100.0 => 150.0,
            _ => -150.0,
        };
        let first = first_shown(&h, 0).0;
        let at = shown(&h, &doc(0).passages[first].text).expect("shown");
        wheel_over(&mut h, at.center(), dy);
    }
    let column0 = first_shown(&h, 0);
    let para = shown(&h, &doc(0).passages[p0].text).expect("the first source's passage is shown");
    click_at(&mut h, para.min + egui::vec2(4.0, 6.0));
    assert_eq!(first_shown(&h, 0), column0, "the clicked column stays put");
    for &(d, p) in &others {
        let text = format!("\u{25b6} {}", doc(d).passages[p].text);
        let y = shown(&h, &text)
            .unwrap_or_else(|| {
                panic!(
                    "document {d}: group {} passage not marked or not laid out",
                    g + 1
                )
            })
            .top();
        assert!(
            (0.0..950.0).contains(&y),
            "document {d}: passage at {y}, out of view"
        );
    }
}

#[test]
fn passages_no_other_source_reports_say_so_in_the_documents() {
    let mut h = app(Startup::Files(samples()), FakeDialogs::default());
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    let cmp = h.state().comparison().clone();
    // Every column counts its passages found in no other source.
    for doc in &cmp.documents {
        let only = doc
            .passages
            .iter()
            .filter(|p| p.group.is_none() && !p.boilerplate)
            .count();
        let line = format!("{only} of {} passages only here", doc.passages.len());
        assert!(
            h.query_by_label_contains(&line).is_some(),
            "{}: no \"{line}\"",
            doc.title
        );
    }
    // Pointing at such a passage names its source.
    let (d, p) = cmp
        .documents
        .iter()
        .enumerate()
        .find_map(|(d, doc)| {
            (1..doc.passages.len().min(8))
                .find(|&p| {
                    let x = &doc.passages[p];
                    x.group.is_none()
                        && !x.boilerplate
                        && doc.passages[p - 1].paragraph != x.paragraph
                })
                .map(|p| (d, p))
        })
        .expect("a passage only one source has, opening a paragraph");
    let rect = shown(&h, &cmp.documents[d].passages[p].text).expect("shown");
    h.hover_at(rect.min + egui::vec2(4.0, 6.0));
    h.run();
    let tip = format!("Only in {}", cmp.documents[d].title);
    assert!(
        h.query_by_label_contains(&tip).is_some(),
        "no tooltip \"{tip}\""
    );
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_file_on_the_window_adds_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = app(Startup::Files(files[..2].to_vec()), FakeDialogs::default());
    h.run();
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(files[2].clone())));
    h.run();
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
}

#[test]
fn a_background_compare_reports_back_to_the_window() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = app_with(
        Startup::Files(files),
        FakeDialogs::default(),
        JobMode::Background,
    );
    for _ in 0..200 {
        h.step();
        if status(&h).starts_with("3 sources") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
    assert!(
        h.query_by_label("Cancel").is_none(),
        "the progress bar is gone when done"
    );
}

#[test]
fn a_report_saved_as_html_or_markdown_names_every_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let html = dir.path().join("story.html");
    let md = dir.path().join("story.md");
    let dialogs = FakeDialogs::default();
    dialogs
        .save
        .lock()
        .expect("lock")
        .push(Picked::Chosen(md.clone()));
    dialogs
        .save
        .lock()
        .expect("lock")
        .push(Picked::Chosen(html.clone()));
    let mut h = app(Startup::Files(files), dialogs);
    h.run();
    h.get_by_label("Save report…").click();
    h.run();
    h.get_by_label("Save report…").click();
    h.run();
    let titles: Vec<String> = h
        .state()
        .comparison()
        .documents
        .iter()
        .map(|d| d.title.clone())
        .collect();
    for path in [&html, &md] {
        let text = std::fs::read_to_string(path).expect("the report was written");
        for t in &titles {
            assert!(
                text.contains(t.as_str()),
                "{} lacks the title {t:?}",
                path.display()
            );
        }
    }
    assert!(text_starts(
        &std::fs::read_to_string(&html).unwrap_or_default()
    ));
}

fn text_starts(html: &str) -> bool {
    html.trim_start()
        .to_ascii_lowercase()
        .starts_with("<!doctype html")
}

#[test]
fn passages_only_one_source_has_get_rows_of_their_own_in_the_aligned_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    let cmp = h.state().comparison().clone();
    let runs = crosscheck::marks::only_in(&cmp);
    assert!(
        !runs.is_empty(),
        "the bridge articles have passages of their own"
    );
    let only_rows = |h: &Harness<'_, App>| {
        h.query_all_by(|n| text_of(n).is_some_and(|l| l.starts_with("Only in ")))
            .filter_map(|n| text_of(&n.accesskit_node()))
            .collect::<Vec<_>>()
    };
    let rows = only_rows(&h);
    let first = &runs[0];
    let title = &cmp.documents[first.doc].title;
    assert!(
        rows.iter()
            .any(|l| l.starts_with(&format!("Only in {title} · "))),
        "rows: {rows:?}"
    );
    // The passage itself is in its source's column.
    let text = &cmp.documents[first.doc].passages[first.passages.start].text;
    assert!(shown(&h, text).is_some(), "passage not shown: {text}");
    let total: usize = runs.iter().map(|r| r.passages.len()).sum();
    assert!(
        status(&h).contains(&format!("{total} passage")),
        "status: {}",
        status(&h)
    );
    h.get_by_label_contains("Passages only one source has")
        .click();
    h.run();
    assert!(only_rows(&h).is_empty(), "turned off: {:?}", only_rows(&h));
}

/// An app whose compare jobs wait until the test releases them.
fn held_app(files: Vec<PathBuf>) -> Harness<'static, App> {
    app_with(Startup::Files(files), FakeDialogs::default(), JobMode::Held)
}

#[test]
fn while_a_compare_runs_the_window_shows_progress_and_a_newer_compare_wins() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = held_app(files[..2].to_vec());
    h.run();
    // The compare of the first two articles is under way: progress and Cancel are shown, and
    // the window still answers.
    assert!(
        h.query_by_label_contains("Comparing").is_some(),
        "no progress bar"
    );
    assert!(h.query_by_label("Cancel").is_some(), "no Cancel button");
    h.get_by_label("Findings").click();
    h.run();
    h.get_by_label("Aligned").click();
    h.run();
    // A third article is added before the first compare ends: a newer compare starts, and the
    // older one's result must not land on top of it.
    let typed = files[2].display().to_string();
    add_by_path(&mut h, &typed);
    assert!(h.query_by_label_contains("Comparing").is_some());
    h.state_mut().release_jobs();
    h.run();
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
    assert!(
        h.query_by_label("Cancel").is_none(),
        "progress gone when done"
    );
}

#[test]
fn cancel_stops_a_running_compare_and_keeps_what_was_shown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let report = dir.path().join("older.json");
    let dialogs = FakeDialogs::default();
    dialogs
        .save
        .lock()
        .expect("lock")
        .push(Picked::Chosen(report.clone()));
    let mut h = app_with(Startup::Files(files.clone()), dialogs, JobMode::Held);
    h.run();
    h.state_mut().release_jobs();
    h.run();
    let before = status(&h);
    assert!(before.starts_with("3 sources"), "status: {before}");
    // Removing a source starts a compare; cancelling it leaves the last result on screen.
    h.get_by_label("Remove bridge_c.txt").click();
    h.run();
    assert!(h.query_by_label_contains("Comparing").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.query_by_label("Compare cancelled").is_some(),
        "notification"
    );
    assert!(h.query_by_label_contains("Comparing").is_none());
    h.state_mut().release_jobs();
    h.run();
    assert_eq!(status(&h), before, "a cancelled compare changes nothing");
    // The window says the result is from before the change, and offers to compare again.
    assert!(
        h.query_by_label_contains("Showing the last finished compare")
            .is_some()
    );
    // A report saved now says it is the older result.
    h.get_by_label("Save report…").click();
    h.run();
    assert!(report.exists());
    assert!(
        h.query_by_label_contains("it is the last finished compare")
            .is_some(),
        "the saved report is flagged as older"
    );
    h.get_by_label("Compare again").click();
    h.run();
    h.state_mut().release_jobs();
    h.run();
    assert!(
        status(&h).starts_with("2 sources"),
        "status: {}",
        status(&h)
    );
    assert!(h.query_by_label("Compare again").is_none());
}

#[test]
fn columns_scrolled_out_of_view_sideways_still_follow_the_scrolling() {
    // Twelve sources: three copies of the four samples, more columns than the window shows.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for copy in 0..3 {
        for f in samples() {
            let name = format!(
                "copy{copy}_{}",
                f.file_name().expect("name").to_string_lossy()
            );
            let to = dir.path().join(name);
            std::fs::copy(&f, &to).expect("copy");
            files.push(to);
        }
    }
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    let n = h.state().comparison().documents.len();
    assert_eq!(n, 12);
    // Columns 0, 4 and 8 hold the same text (the first sample); 8 is out of view at first (the
    // window shows fewer than nine columns of the narrowest width).
    let cmp = h.state().comparison().clone();
    let copies = |h: &Harness<'_, App>, text: &str| {
        let want = unmarked(text);
        h.query_all_by(|x| text_of(x).is_some_and(|l| unmarked(&l).contains(&want)))
            .count()
    };
    let opening = cmp.documents[8].passages[0].text.clone();
    let at_start = copies(&h, &opening);
    assert!(
        (1..3).contains(&at_start),
        "column 8 is out of view and not laid out ({at_start} copies shown)"
    );
    let at = shown(&h, &cmp.documents[0].passages[3].text)
        .expect("first column shown")
        .center();
    wheel_over(&mut h, at, -600.0);
    let followed = first_shown(&h, 4);
    assert!(followed.0 > 0, "column 4 followed: {followed:?}");
    assert_eq!(
        copies(&h, &opening),
        0,
        "no column in view is still at its top"
    );
    // Scroll sideways to the last columns: column 8 followed too, while out of view.
    h.hover_at(at);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-5000.0, 0.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    // The last column's title is laid out (besides its entry in the Sources panel).
    assert_eq!(
        h.query_all_by_label(&cmp.documents[n - 1].title).count(),
        2,
        "the last column is in view"
    );
    assert_eq!(copies(&h, &opening), 0, "column 8 is not at its top");
    let text = &cmp.documents[8].passages[followed.0].text;
    assert!(
        copies(&h, text) >= 1,
        "column 8 shows the passage columns 0 and 4 show"
    );
}

#[test]
fn next_difference_in_the_documents_brings_its_group_into_view() {
    let mut h = app(Startup::Files(samples()), FakeDialogs::default());
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    let cmp = h.state().comparison().clone();
    // The group of the current difference, from the Details panel's heading ("Group 3: …").
    let selected = |h: &Harness<'_, App>| -> Option<usize> {
        h.query_all_by(|n| text_of(n).is_some_and(|l| l.starts_with("Group ") && l.contains(": ")))
            .filter_map(|n| text_of(&n.accesskit_node()))
            .find_map(|l| l["Group ".len()..].split(':').next()?.parse::<usize>().ok())
            .map(|k| k - 1)
    };
    for _ in 0..cmp.difference_count() {
        h.key_press(Key::N);
        h.run();
        let g = selected(&h).expect("a difference selects its group");
        // A group whose passage lies far down the first source (out of view at the start).
        let Some(p) = cmp.groups[g].passages.iter().find_map(|id| {
            crosscheck::model::parse_passage_id(id)
                .and_then(|(d, p)| (d == 0 && p >= 8).then_some(p))
        }) else {
            continue;
        };
        let text = format!("\u{25b6} {}", cmp.documents[0].passages[p].text);
        let r = shown(&h, &text).expect("the group's passage is laid out and marked");
        assert!((0.0..950.0).contains(&r.top()), "in view: {r:?}");
        return;
    }
    panic!("no difference is in a group far down the first source");
}

// ---- Bad input (the table is docs/bad-input.md; tests/bad_input.rs checks the command line) ----

/// Every text on screen.
fn all_texts(h: &Harness<'_, App>) -> Vec<String> {
    h.query_all_by(|n| text_of(n).is_some())
        .filter_map(|n| text_of(&n.accesskit_node()))
        .collect()
}

fn write_file(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

#[test]
fn every_refused_file_is_a_notification_naming_it_and_the_others_still_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let good = vec![
        write_file(d, "a.txt", BRIDGE_A),
        write_file(d, "São Paulo desk – b.txt", BRIDGE_B),
    ];
    let big = d.join("big.txt");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(50_000_000))
        .expect("sparse 50 MB file");
    let folder = d.join("folder.txt");
    std::fs::create_dir(&folder).expect("folder");
    // (file, what the notification must say about it)
    let mut cases: Vec<(PathBuf, &str)> = vec![
        (write_file(d, "empty.txt", ""), "no text in file"),
        (write_file(d, "blank.md", " \n\t\r\n"), "no text in file"),
        (
            write_file(d, "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"),
            "binary",
        ),
        (
            write_file(d, "archive.txt", b"PK\x03\x04\x14\0\0\0\x08\0binarystuff"),
            "binary",
        ),
        (
            write_file(d, "script.html", "<html><script>var x = 1;</script></html>"),
            "no text in HTML page",
        ),
        (d.join("gone.txt"), "no such file"),
        (big, "over the 16 MB limit"),
    ];
    #[cfg(unix)]
    {
        let fifo = d.join("pipe.txt");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            cases.push((fifo, "not a regular file"));
        }
    }
    let mut given = all_files(&good, &cases);
    given.push(folder.clone());
    let mut h = app(Startup::Files(given), FakeDialogs::default());
    h.run();
    let shown = all_texts(&h);
    // A folder stands for its articles; one with none is said so.
    assert!(
        shown.iter().any(|t| t.starts_with(&format!(
            "Cannot add {}: folder holds no article files",
            folder.display()
        ))),
        "no notification for the empty folder: {shown:?}"
    );
    let notice = shown
        .iter()
        .find(|t| t.starts_with(&format!("Cannot read {} files", cases.len())))
        .unwrap_or_else(|| panic!("no notification for the unreadable files: {shown:?}"));
    for (path, why) in &cases {
        let line = notice
            .lines()
            .find(|l| l.starts_with(&format!("{}: ", path.display())));
        assert!(
            line.is_some_and(|l| l.contains(why)),
            "{}: expected {why:?} in the notification, got {line:?}",
            path.display()
        );
    }
    assert!(
        status(&h).starts_with("2 sources"),
        "the readable articles are compared: {}",
        status(&h)
    );
    assert!(
        shown.iter().any(|t| t.starts_with("Group 1")),
        "the readable articles align"
    );
    // Nothing given was changed.
    assert_eq!(std::fs::read_to_string(&good[0]).expect("read"), BRIDGE_A);
    // A few unreadable files get a notification each.
    let mut h = app(
        Startup::Files(vec![good[0].clone(), cases[0].0.clone()]),
        FakeDialogs::default(),
    );
    h.run();
    let one = format!(
        "Cannot read {}: {}",
        cases[0].0.display(),
        "no text in file"
    );
    assert!(
        all_texts(&h).iter().any(|t| t.starts_with(&one)),
        "{:?}",
        all_texts(&h)
    );
}

fn all_files(good: &[PathBuf], cases: &[(PathBuf, &str)]) -> Vec<PathBuf> {
    let mut files = good.to_vec();
    files.extend(cases.iter().map(|(p, _)| p.clone()));
    files
}

#[test]
fn a_notice_names_ten_unreadable_files_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<PathBuf> = (0..13)
        .map(|i| write_file(dir.path(), &format!("empty{i:02}.txt"), ""))
        .collect();
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    let notice = all_texts(&h)
        .into_iter()
        .find(|t| t.starts_with("Cannot read 13 files; none could be compared."))
        .expect("one notice for all");
    assert_eq!(
        notice
            .lines()
            .filter(|l| l.contains(": no text in file"))
            .count(),
        10
    );
    assert!(
        notice.ends_with("… and 3 more (each is marked in the Sources panel)"),
        "{notice}"
    );
    // Its Dismiss button is on screen, and dismisses it.
    let dismiss = h.get_by_label("Dismiss").rect();
    assert!(dismiss.bottom() < 950.0, "{dismiss:?}");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(
        !all_texts(&h)
            .iter()
            .any(|t| t.starts_with("Cannot read 13 files"))
    );
}

#[test]
fn text_in_other_scripts_is_drawn_with_real_glyphs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let texts_in = [
        (
            "zh.txt",
            "北京市政府周五宣布，新桥将于明年春天开放。批评者对此并不感到意外。\n",
        ),
        (
            "ar.txt",
            "أعلن رئيس البلدية يوم الجمعة استقالته بعد نزاع طويل مع المجلس. ولم يفاجأ المنتقدون.\n",
        ),
        (
            "ru.txt",
            "Мэр города в пятницу объявил об отставке после долгого спора с советом. Критики не удивились.\n",
        ),
        (
            "emoji.txt",
            "The mayor 🎉 resigned on Friday 👍 after a long dispute with the council. Critics cheered.\n",
        ),
        (
            "nfd.txt",
            "The cafe\u{301} owner in Zu\u{308}rich said the mayor resigned on Friday. Critics were surprised.\n",
        ),
        (
            "he.txt",
            "The sign read שלום עולם on Friday, 12 May 2023. The mayor resigned on Friday.\n",
        ),
    ];
    let files: Vec<PathBuf> = texts_in.iter().map(|(n, t)| write_file(d, n, t)).collect();
    // A glyph that no font has fails the frame (egui_kittest's missing-glyph policy), in the
    // aligned view, the documents and the findings alike.
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    assert!(
        status(&h).starts_with("6 sources"),
        "status: {}",
        status(&h)
    );
    for view in ["Documents", "Findings", "Aligned"] {
        h.get_by_label(view).click();
        h.run();
    }
    h.get_by_label("Documents").click();
    h.run();
    let shown = all_texts(&h);
    for (name, t) in &texts_in {
        let first = t.split(['.', '。']).next().unwrap_or(t).trim();
        let first: String = first.chars().take(12).collect();
        assert!(
            shown.iter().any(|s| s.contains(&first)),
            "{name}: {first:?} not shown"
        );
    }
}

#[test]
fn a_new_comparison_puts_the_documents_back_at_their_tops_and_keeps_the_sync_setting() {
    let mut h = app(Startup::Files(samples()), FakeDialogs::default());
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    h.get_by_label("Synchronized scrolling").click();
    h.run();
    // Scroll the second column down, then remove the last source.
    let cmp = h.state().comparison().clone();
    let at = shown(&h, &cmp.documents[1].passages[0].text)
        .expect("second column shown")
        .center();
    wheel_over(&mut h, at, -800.0);
    assert!(first_shown(&h, 1).0 > 0, "scrolled");
    let last = cmp.documents[3].title.clone();
    h.get_by_label(&format!(
        "Remove {}",
        cmp.documents[3].path.rsplit('/').next().unwrap_or(&last)
    ))
    .click();
    h.run();
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
    for d in 0..3 {
        assert_eq!(first_shown(&h, d).0, 0, "column {d} is back at its top");
    }
    let sync = h
        .get_by_label("Synchronized scrolling")
        .accesskit_node()
        .toggled();
    assert_eq!(
        sync,
        Some(egui::accesskit::Toggled::False),
        "the user's setting stays"
    );
}

#[test]
fn a_link_typed_in_add_by_path_is_fetched_once_and_compared() {
    let server = common::http::Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = app(Startup::Files(files.clone()), FakeDialogs::default());
    h.run();
    let link = server.url("/moved");
    add_by_path(&mut h, &link);
    assert!(
        status(&h).starts_with("4 sources"),
        "status: {}",
        status(&h)
    );
    assert!(
        has_text(&h, "Flood closes river road"),
        "the page's title is shown"
    );
    assert!(has_text(&h, "Valley News · "), "the site's name is shown");
    assert!(has_text(&h, "Fetched 20"), "when it was fetched is shown");
    assert_eq!(server.requests(), 2, "one fetch, through one redirect");
    // Removing another source compares again from the copy: no new fetch.
    h.get_by_label(&format!(
        "Remove {}",
        files[0]
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ))
    .click();
    h.run();
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
    assert_eq!(server.requests(), 2, "the link was fetched again");
}

#[test]
fn a_link_that_fails_is_named_and_the_rest_still_compare() {
    let server = common::http::Server::start();
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = app(
        Startup::Files(bridge_files(dir.path())),
        FakeDialogs::default(),
    );
    h.run();
    let link = server.url("/missing");
    add_by_path(&mut h, &link);
    let shown = format!("Cannot read {link}: could not fetch (the server answered 404 Not Found)");
    assert!(has_text(&h, &shown), "expected a notification {shown:?}");
    // The failed link is not kept: the next compare does not fetch it again.
    let asked = server.requests();
    h.get_by_label("Remove bridge_a.txt").click();
    h.run();
    assert_eq!(server.requests(), asked, "a failed link was fetched again");
    assert!(
        status(&h).starts_with("2 sources"),
        "status: {}",
        status(&h)
    );
}

#[test]
fn pasted_text_becomes_a_source_named_by_its_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = bridge_files(dir.path());
    let mut h = app(Startup::Files(files[..2].to_vec()), FakeDialogs::default());
    h.run();
    h.input_mut()
        .events
        .push(egui::Event::Paste(BRIDGE_C.to_string()));
    h.run();
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
    assert!(
        has_text(&h, "Pasted text 1"),
        "the Sources panel names the pasted text"
    );
    // Text pasted into the box of the Sources panel is added with its button.
    h.get_by_label("Paste text").click();
    h.run();
    type_into(
        &mut h,
        "Article text",
        "Ferries ran every twenty minutes across the bay while the Velmora bridge was shut.",
    );
    h.get_by_label("Add as source").click();
    h.run();
    assert!(
        status(&h).starts_with("4 sources"),
        "status: {}",
        status(&h)
    );
    assert!(has_text(&h, "Pasted text 2"));
    // After a removal, a new paste takes a new name, not the name of one still open.
    h.get_by_label("Remove Pasted text 1").click();
    h.run();
    h.input_mut()
        .events
        .push(egui::Event::Paste(BRIDGE_B.to_string()));
    h.run();
    assert!(has_text(&h, "Pasted text 3"), "status: {}", status(&h));
    // Pasted text 3 is bridge_b's text: four outlets, three independent sources.
    assert!(
        status(&h).starts_with("4 outlets, 3 independent sources"),
        "status: {}",
        status(&h)
    );
}

#[test]
fn a_dropped_folder_adds_its_articles_and_a_comparison_file_opens_as_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    bridge_files(dir.path());
    let mut h = app(Startup::Empty, FakeDialogs::default());
    h.run();
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(dir.path().to_path_buf())));
    h.run();
    assert!(
        status(&h).starts_with("3 sources"),
        "status: {}",
        status(&h)
    );
    // A comparison file named on the command line is opened, not read as an article.
    let saved = dir.path().join("story.crosscheck");
    let (file, _) = crosscheck::session::SessionFile::capture(
        &bridge_files(dir.path())[..2]
            .iter()
            .map(crosscheck::Source::new)
            .collect::<Vec<_>>(),
        &crosscheck::Options::default(),
    );
    crosscheck::session::save(&saved, &file).expect("saved");
    let mut h = app(Startup::Files(vec![saved]), FakeDialogs::default());
    h.run();
    assert!(
        status(&h).starts_with("2 sources"),
        "status: {}",
        status(&h)
    );
}

#[test]
fn a_jump_deep_into_long_documents_lands_on_the_group_in_every_column() {
    // Four long reports (more text in view after the jump than one frame lays out), each with
    // its own filler and one shared paragraph told a little differently, deep in the text.
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<PathBuf> = (0..4)
        .map(|d| {
            let mut text = format!("Report {d}\n\n");
            for k in 0..(30 + 4 * d) {
                let words: Vec<String> = (0..90).map(|w| format!("zq{d}v{k}w{w}")).collect();
                text.push_str(&words.join(" "));
                text.push_str(".\n\n");
            }
            text.push_str(&format!(
                "The lighthouse keeper Anna Lindqvist rescued {} sailors from the burning ferry near Velmora harbour on Tuesday night.\n\n",
                ["nine", "nine", "eleven", "nine"][d]
            ));
            for k in 0..10 {
                text.push_str(&format!("Afterword {d} {k} zq{d}tail{k}.\n\n"));
            }
            let p = dir.path().join(format!("long_{d}.txt"));
            std::fs::write(&p, text).expect("write");
            p
        })
        .collect();
    let mut h = app(Startup::Files(files), FakeDialogs::default());
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    h.key_press(Key::N);
    h.run();
    let window = h.ctx.content_rect();
    let cmp = h.state().comparison().clone();
    for d in 0..4 {
        let p = cmp.documents[d]
            .passages
            .iter()
            .position(|x| x.text.contains("lighthouse keeper"))
            .expect("the shared passage");
        let top = paragraph_top(&h, d, p)
            .unwrap_or_else(|| panic!("the group's passage of report {d} is not laid out"));
        assert!(
            top > 100.0 && top < window.bottom() - 100.0,
            "report {d}'s passage is not in view: top {top}"
        );
    }
}
