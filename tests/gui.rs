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
    Harness::builder()
        .with_max_steps(64)
        .with_size([1500.0, 950.0])
        .build_eframe(move |cc| {
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
    type_into(&mut h, "Add by path", &typed);
    h.get_by_label("Add").click();
    h.run();
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
fn passage_top(h: &Harness<'_, App>, d: usize, p: usize) -> f32 {
    let text = format!("{} ", h.state().comparison().documents[d].passages[p].text);
    h.get_by_label(&text).rect().top()
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
    let first = format!("{} ", h.state().comparison().documents[0].passages[3].text);
    let inside = h.get_by_label(&first).rect().center();
    let before = passage_top(&h, 1, 0);
    wheel_over(&mut h, inside, -400.0);
    let after = passage_top(&h, 1, 0);
    assert!(
        after < before - 50.0,
        "the second document did not follow ({before} -> {after})"
    );
    h.get_by_label("Synchronized scrolling").click();
    h.run();
    let before = passage_top(&h, 1, 0);
    wheel_over(&mut h, inside, -300.0);
    assert!((passage_top(&h, 1, 0) - before).abs() < 1.0);
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
    let mut h = Harness::builder()
        .with_max_steps(64)
        .with_size([1500.0, 950.0])
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppConfig {
                    startup: Startup::Files(files),
                    jobs: JobMode::Background,
                    dialogs: Box::new(FakeDialogs::default()),
                },
            )
        });
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
