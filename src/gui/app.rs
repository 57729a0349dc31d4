//! The app: one struct holding the sources, the current [`Comparison`] and what the user is
//! looking at, plus the commands that change them.
//!
//! Drawing never computes. A click pushes a [`Command`]; the commands are applied after the frame
//! is drawn; a compare runs as a [`Jobs`] job and its result replaces the comparison when it
//! arrives. Every view (aligned rows, documents, findings, details) reads the one comparison.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::Theme;

use crate::dates;
use crate::model::{Comparison, DatelineOrigin, Warning};
use crate::pipeline::{Options, Source};
use crate::report::{self, Format};
use crate::session::{self, SessionFile};

use super::commands::Command;
use super::dialogs::{Dialogs, NativeDialogs, Picked};
use super::documents::DocScroll;
use super::job::{JobMode, Jobs, Outcome};
use super::nav::{self, DiffLoc};
use super::persist::{SavedSource, Settings};
use super::rows;
use super::samples;
use super::state::{Level, Notice, Reading, RowLayout, View};
use super::theme::Palette;
use super::writes::{Closing, Writes, Written};
use crate::inputs::Input;

/// Most notifications shown at once; older ones are dropped first.
/// Unreadable files listed by name in one notice; the Sources panel marks every one.
const NOTICE_FILES: usize = 10;
const MAX_NOTICES: usize = 6;
/// File name offered when saving a report.
const SUGGESTED_REPORT: &str = "crosscheck-report.json";
/// File name offered when saving a fact-check memo.
const SUGGESTED_MEMO: &str = "crosscheck-memo.html";
/// How many comparison files the Recent list keeps.
const MAX_RECENT: usize = 5;

/// What to open when the app starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Startup {
    /// These files (from the command line).
    Files(Vec<PathBuf>),
    /// The bundled sample articles.
    Samples,
    /// The sources of the last session, or the samples when there is none.
    Restore,
    /// A comparison made earlier (e.g. read back from a JSON report), shown as it is; its
    /// documents become the sources, so any change compares their files again.
    Comparison(Box<Comparison>),
    /// Nothing.
    Empty,
}

/// How to build the app: what to open, where jobs run, which dialogs to use.
pub struct AppConfig {
    pub startup: Startup,
    pub jobs: JobMode,
    pub dialogs: Box<dyn Dialogs>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            startup: Startup::Restore,
            jobs: JobMode::Background,
            dialogs: Box::new(NativeDialogs),
        }
    }
}

/// A source the user opened, with the dateline they set for it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SourceEntry {
    pub path: PathBuf,
    pub dateline: Option<NaiveDate>,
    /// The dateline field's text while it is being edited.
    pub date_text: String,
    /// The copy of the file kept in an opened comparison file; compared instead of the disk.
    pub stored: Option<session::SavedSource>,
}

impl SourceEntry {
    fn new(path: PathBuf, dateline: Option<NaiveDate>) -> Self {
        Self {
            path,
            dateline,
            date_text: dateline.map(|d| d.to_string()).unwrap_or_default(),
            stored: None,
        }
    }

    /// The path as the comparison records it.
    pub fn shown(&self) -> String {
        self.path.display().to_string()
    }

    /// The file name, for labels; a link without its scheme; pasted text by its name.
    pub fn name(&self) -> String {
        let shown = self.shown();
        if crate::fetch::is_url(&shown) {
            return shown.split_once("://").map_or(shown.clone(), |(_, rest)| {
                rest.trim_end_matches('/').to_string()
            });
        }
        if self.stored.as_ref().is_some_and(|s| !s.is_file()) {
            return shown;
        }
        self.path
            .file_name()
            .map_or_else(|| self.shown(), |n| n.to_string_lossy().into_owned())
    }
}

/// What pasted sources are called, numbered from 1.
const PASTED: &str = "Pasted text";

/// The Crosscheck app.
pub struct App {
    pub(super) sources: Vec<SourceEntry>,
    pub(super) cmp: Comparison,
    /// Where the facts of each passage of `cmp` are; rebuilt with it.
    pub(super) marks_index: crate::marks::MentionIndex,
    /// The runs of passages only one source of `cmp` has; rebuilt with it.
    pub(super) only: Vec<crate::marks::OnlyIn>,
    /// Sources that could not be read in the last compare: path as shown, and why.
    pub(super) unreadable: Vec<(String, String)>,
    pub(super) jobs: Jobs,
    /// Reports and comparison files being written off the UI thread.
    pub(super) writes: Writes,
    /// Counts changes of the sources (a saved comparison file is remembered only if they did
    /// not change while it was written).
    sources_version: u64,
    /// Bumped each time a comparison is put on screen.
    shown_version: u64,
    /// The differences the user steps through, with the key of what they were listed for
    /// (the comparison, the search, the order, the folds): the status bar reads them every frame.
    differences_cache: std::cell::RefCell<Option<(u64, std::rc::Rc<[DiffLoc]>)>>,
    /// What each folded outlet changes in a group's shown passage, by (group id, shown
    /// document, outlet), worked out when first shown; emptied with each new comparison.
    fold_changes: std::cell::RefCell<std::collections::HashMap<(usize, usize, usize), String>>,
    pub(super) dialogs: Box<dyn Dialogs>,
    pub(super) notices: Vec<Notice>,
    next_notice: u64,
    pub(super) view: View,
    pub(super) theme: Option<Theme>,
    /// The remembered theme still has to be applied (done on the first frame, after whatever the
    /// host set up).
    theme_pending: bool,
    pub(super) selected: Option<usize>,
    pub(super) search: String,
    pub(super) cursor: Option<DiffLoc>,
    /// A group row (and, for a difference, its cell) to bring into view on the next frame.
    pub(super) scroll_to: Option<usize>,
    /// The finding the findings view brings into view (a fact-table row was clicked).
    pub(super) focus_finding: Option<String>,
    /// How the aligned rows are ordered.
    pub(super) order: nav::RowOrder,
    /// Rows of passages only one source has, in the aligned view.
    pub(super) show_only: bool,
    /// How passages are shown against their reference.
    pub(super) reading: Reading,
    /// Passages (by id) the reader switched to the other mode; cleared with the comparison.
    pub(super) flipped: std::collections::HashSet<String>,
    /// How the aligned rows are laid out.
    pub(super) layout: RowLayout,
    /// Copy sets (indices into the comparison's copies) the reader unfolded into their outlets.
    pub(super) unfolded: std::collections::HashSet<usize>,
    /// The conflict (index into the comparison's findings) the reader stepped to last.
    pub(super) conflict_cursor: Option<usize>,
    /// Whether the Details panel is shown.
    pub(super) show_details: bool,
    /// Whether the list of keys is shown.
    pub(super) show_help: bool,
    /// The search box takes the keyboard on the next frame (Ctrl+F).
    pub(super) focus_search: bool,
    /// The reader's marks on findings; put on every comparison of these sources.
    pub(super) reviews: Vec<crate::review::Review>,
    /// The compare of the current sources was cancelled: what is shown is an earlier result.
    pub(super) stale: bool,
    /// Heights of the aligned rows measured so far.
    pub(super) aligned_rows: rows::RowHeights,
    /// Frames spent bringing `scroll_to` into view.
    pub(super) reveal_tries: u8,
    pub(super) docs: DocScroll,
    pub(super) typed_path: String,
    /// Text in the "Paste text" box of the Sources panel.
    pub(super) paste_text: String,
    pub(super) commands: Vec<Command>,
    options: Options,
    /// Comparison files opened or saved lately, newest first.
    pub(super) recent: Vec<PathBuf>,
    /// The comparison file opened or saved last, until the sources change.
    comparison_file: Option<PathBuf>,
    /// The window title last asked for.
    shown_title: Option<String>,
    /// What became of the stored sources of the opened comparison file.
    session_notes: Vec<Warning>,
}

impl App {
    /// Builds the app and starts comparing what `config.startup` names.
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        super::fonts::install(&cc.egui_ctx);
        let settings = Settings::load(cc.storage);
        let theme = settings.theme();
        if let Some(t) = theme {
            cc.egui_ctx.set_theme(t);
        }
        let mut app = Self {
            sources: Vec::new(),
            cmp: Comparison::empty(),
            marks_index: crate::marks::MentionIndex::default(),
            only: Vec::new(),
            unreadable: Vec::new(),
            jobs: Jobs::new(config.jobs, Some(cc.egui_ctx.clone())),
            writes: Writes::new(config.jobs, Some(cc.egui_ctx.clone())),
            sources_version: 0,
            shown_version: 0,
            differences_cache: Default::default(),
            fold_changes: Default::default(),
            dialogs: config.dialogs,
            notices: Vec::new(),
            next_notice: 0,
            view: settings.view.unwrap_or(View::Aligned),
            theme,
            theme_pending: theme.is_some(),
            selected: None,
            search: String::new(),
            cursor: None,
            scroll_to: None,
            focus_finding: None,
            order: settings.order.unwrap_or_default(),
            show_only: settings.show_only.unwrap_or(true),
            reading: settings.reading.unwrap_or_default(),
            flipped: Default::default(),
            layout: settings.layout.unwrap_or_default(),
            unfolded: Default::default(),
            conflict_cursor: None,
            show_details: settings.details.unwrap_or(true),
            show_help: false,
            focus_search: false,
            reviews: settings.reviews.clone(),
            stale: false,
            aligned_rows: rows::RowHeights::default(),
            reveal_tries: 0,
            docs: DocScroll::with_sync(settings.sync.unwrap_or(true)),
            typed_path: String::new(),
            paste_text: String::new(),
            commands: Vec::new(),
            options: Options::default(),
            recent: settings.recent.iter().take(MAX_RECENT).cloned().collect(),
            comparison_file: None,
            shown_title: None,
            session_notes: Vec::new(),
        };
        let reopened = match (&config.startup, &settings.comparison) {
            (Startup::Restore, Some(path)) => {
                let ok = app.open_comparison(path);
                // Marks made after the file was last saved were kept in the settings: they win.
                app.reviews = crate::review::merged(&settings.reviews, &app.reviews);
                ok
            }
            _ => false,
        };
        match config.startup {
            Startup::Files(files) => app.add_files(files),
            Startup::Samples => app.open_samples(),
            Startup::Restore if reopened => {}
            Startup::Restore if !settings.sources.is_empty() => {
                app.sources = settings
                    .sources()
                    .into_iter()
                    .map(|(path, dateline)| SourceEntry::new(path, dateline))
                    .collect();
                app.recompare();
            }
            Startup::Restore => app.open_samples(),
            Startup::Comparison(cmp) => {
                app.sources = cmp
                    .documents
                    .iter()
                    .map(|d| {
                        let set = d
                            .dateline_source
                            .as_ref()
                            .is_some_and(|s| s.origin == DatelineOrigin::Override);
                        let date = d.dateline.as_deref().and_then(dates::parse_iso);
                        SourceEntry::new(PathBuf::from(&d.path), date.filter(|_| set))
                    })
                    .collect();
                app.set_comparison(*cmp);
                app.sync_date_texts();
            }
            Startup::Empty => {}
        }
        app
    }

    /// Runs the compare jobs held so far (only with [`JobMode::Held`], which tests use to look
    /// at the window while a compare is under way).
    pub fn release_jobs(&mut self) {
        self.jobs.release();
    }

    /// Puts `cmp` on screen, with the index of its facts and the reader's marks on its findings.
    fn set_comparison(&mut self, mut cmp: Comparison) {
        // A comparison read back from a report brings its own marks; the app's others stay.
        self.reviews = crate::review::merged(&cmp.reviews, &self.reviews);
        cmp.reviews = self.reviews.clone();
        self.marks_index = crate::marks::MentionIndex::new(&cmp);
        self.only = crate::marks::only_in(&cmp);
        self.flipped.clear();
        self.unfolded.clear();
        self.conflict_cursor = None;
        self.cmp = cmp;
        self.shown_version += 1;
        self.fold_changes.borrow_mut().clear();
        // Rows ordered by a source that is gone go back to the group order.
        if matches!(self.order, nav::RowOrder::Source(d) if d >= self.cmp.documents.len()) {
            self.order = nav::RowOrder::Group;
        }
        // The document columns' scroll places and laid-out rows belong to the old texts.
        self.docs.reset();
    }

    /// The comparison on screen.
    pub fn comparison(&self) -> &Comparison {
        &self.cmp
    }

    /// The palette of the theme in use.
    pub(super) fn palette(ctx: &egui::Context) -> Palette {
        Palette::of(ctx.theme())
    }

    pub(super) fn notify(&mut self, level: Level, text: impl Into<String>) {
        let text = text.into();
        if self.notices.iter().any(|n| n.text == text) {
            return;
        }
        self.next_notice += 1;
        self.notices.push(Notice {
            id: self.next_notice,
            level,
            text,
        });
        while self.notices.len() > MAX_NOTICES {
            let drop = self
                .notices
                .iter()
                .position(|n| n.level == Level::Info)
                .unwrap_or(0);
            self.notices.remove(drop);
        }
    }

    pub(super) fn open_samples(&mut self) {
        match samples::sample_paths() {
            Ok(paths) => {
                self.sources = paths
                    .into_iter()
                    .map(|p| SourceEntry::new(p, None))
                    .collect();
                self.recompare();
            }
            Err(e) => self.notify(
                Level::Error,
                format!("Cannot open the sample articles: {e}"),
            ),
        }
    }

    /// Starts comparing the current sources (or clears the comparison when there are none).
    /// The sources changed, so they no longer match a comparison file opened or saved before.
    /// The sources changed: compare them anew (no longer the opened comparison file's).
    pub(super) fn recompare(&mut self) {
        self.comparison_file = None;
        self.sources_version += 1;
        self.start_compare();
    }

    /// Compares the sources as they are now.
    pub(super) fn start_compare(&mut self) {
        self.stale = false;
        self.cursor = None;
        if self.sources.is_empty() {
            self.jobs.cancel();
            self.set_comparison(Comparison::empty());
            self.unreadable.clear();
            self.selected = None;
            return;
        }
        let items: Vec<Input> = self
            .sources
            .iter()
            .map(|s| match &s.stored {
                Some(stored) => {
                    let mut stored = stored.clone();
                    stored.dateline = s.dateline.map(|d| d.to_string());
                    Input::Stored(stored)
                }
                None => Input::Given(Source {
                    path: s.path.clone(),
                    dateline: s.dateline,
                }),
            })
            .collect();
        let notes = self
            .session_notes
            .iter()
            .filter(|n| {
                self.sources
                    .iter()
                    .any(|s| s.stored.is_some() && n.path.as_deref() == Some(&s.shown()))
            })
            .cloned()
            .collect();
        self.jobs.start(items, self.options.clone(), notes);
    }

    /// Puts `path` first in the Recent list and remembers it as the last comparison file.
    fn remember_comparison(&mut self, path: &Path) {
        self.recent.retain(|p| !same_file(p, path));
        self.recent.insert(0, path.to_path_buf());
        self.recent.truncate(MAX_RECENT);
        self.comparison_file = Some(path.to_path_buf());
    }

    /// Opens a comparison file and compares its stored copies. On failure nothing changes but a
    /// notification naming the file and why. Returns whether it opened.
    pub(super) fn open_comparison(&mut self, path: &Path) -> bool {
        let opened = match session::open(path) {
            Ok(o) => o,
            Err(e) => {
                self.notify(Level::Error, format!("Cannot open the comparison: {e}"));
                return false;
            }
        };
        let notes = opened.notes();
        for n in &notes {
            let about = n.path.as_deref().unwrap_or_default();
            self.notify(Level::Warning, format!("{about}: {}", n.message));
        }
        self.options = opened.file.settings.options();
        self.sources = opened
            .file
            .sources
            .iter()
            .map(|s| {
                let mut entry =
                    SourceEntry::new(PathBuf::from(&s.path), s.dateline_date().ok().flatten());
                entry.stored = Some(s.clone());
                entry
            })
            .collect();
        self.session_notes = notes;
        self.reviews = crate::review::merged(&opened.file.reviews, &self.reviews);
        self.selected = None;
        self.unreadable.clear();
        self.recompare();
        self.remember_comparison(path);
        true
    }

    /// Asks where to save a comparison file and writes one with a copy of every source.
    pub(super) fn save_comparison(&mut self) {
        if self.sources.is_empty() {
            self.notify(Level::Info, "Nothing to save yet: open some articles first");
            return;
        }
        let suggested = self
            .comparison_file
            .as_deref()
            .and_then(Path::file_name)
            .map_or_else(
                || format!("comparison.{}", session::EXTENSION),
                |n| n.to_string_lossy().into_owned(),
            );
        let path = match self.dialogs.pick_comparison_path(&suggested) {
            Picked::Chosen(p) => p,
            Picked::Cancelled => return,
            Picked::Unavailable(why) => {
                self.notify(
                    Level::Error,
                    format!("Cannot save the comparison: {why}. Use `crosscheck report --save-comparison FILE` on the command line instead."),
                );
                return;
            }
        };
        let path = if path.extension().is_none() {
            path.with_extension(session::EXTENSION)
        } else {
            path
        };
        let mut file = SessionFile::new(&self.options);
        file.reviews = self.cmp.reviews.clone();
        let mut left_out = Vec::new();
        for s in &self.sources {
            match &s.stored {
                Some(stored) => {
                    let mut stored = stored.clone();
                    stored.dateline = s.dateline.map(|d| d.to_string());
                    file.sources.push(stored);
                }
                None if crate::fetch::is_url(&s.shown()) => {
                    left_out.push(crate::load::LoadError::new(
                        &s.shown(),
                        crate::load::Problem::NotFetched,
                        "not fetched yet",
                    ))
                }
                None => {
                    let source = Source {
                        path: s.path.clone(),
                        dateline: s.dateline,
                    };
                    let (one, errors) = SessionFile::capture(&[source], &self.options);
                    file.sources.extend(one.sources);
                    left_out.extend(errors);
                }
            }
        }
        if file.sources.is_empty() {
            self.notify(
                Level::Error,
                format!(
                    "Cannot save the comparison: none of its articles can be read: {}",
                    path.display()
                ),
            );
            return;
        }
        let version = self.sources_version;
        self.writes.run("comparison file", move || {
            match session::save(&path, &file) {
                Ok(()) => {
                    let mut notices: Vec<(Level, String)> = left_out
                        .iter()
                        .map(|e| {
                            (
                                Level::Warning,
                                format!(
                                    "Left out of the comparison file ({}): {}",
                                    e.reason, e.path
                                ),
                            )
                        })
                        .collect();
                    notices.push((Level::Info, format!("Comparison saved: {}", path.display())));
                    Written {
                        notices,
                        saved_comparison: Some((path, version)),
                    }
                }
                Err(e) => Written {
                    notices: vec![(Level::Error, e.to_string())],
                    saved_comparison: None,
                },
            }
        });
    }

    /// The window's title: the comparison file, else the first source's headline and how many
    /// others there are.
    pub fn window_title(&self) -> String {
        let what = if let Some(name) = self.comparison_file.as_deref().and_then(Path::file_name) {
            Some(name.to_string_lossy().into_owned())
        } else {
            self.cmp.documents.first().map(|d| {
                let others = self.cmp.documents.len() - 1;
                let head: String = d.title.chars().take(60).collect();
                match others {
                    0 => head,
                    1 => format!("{head} and 1 other source"),
                    n => format!("{head} and {n} other sources"),
                }
            })
        };
        match what {
            Some(w) => format!("{w} — Crosscheck"),
            None => "Crosscheck".to_string(),
        }
    }

    /// Makes a source of pasted text, named "Pasted text N"; its first line is its title.
    pub(super) fn add_pasted(&mut self, text: &str) {
        if text.trim().is_empty() {
            self.notify(Level::Info, "Nothing to paste: the clipboard holds no text");
            return;
        }
        // One more than the highest number in use: names stay unique after a removal.
        let n = 1 + self
            .sources
            .iter()
            .filter_map(|s| s.shown().strip_prefix(PASTED)?.trim().parse::<usize>().ok())
            .max()
            .unwrap_or(0);
        let name = format!("{PASTED} {n}");
        let mut entry = SourceEntry::new(PathBuf::from(&name), None);
        entry.stored = Some(session::SavedSource::pasted(&name, text));
        self.sources.push(entry);
        self.paste_text.clear();
        self.recompare();
    }

    /// Adds what the user named: files, folders (their article files), links. A comparison file
    /// among them is opened as a comparison instead.
    pub(super) fn add_files(&mut self, files: Vec<PathBuf>) {
        let (comparisons, files): (Vec<PathBuf>, Vec<PathBuf>) = files
            .into_iter()
            .partition(|p| crate::inputs::is_comparison_file(p));
        if let Some(first) = comparisons.first() {
            if comparisons.len() > 1 || !files.is_empty() {
                self.notify(
                    Level::Info,
                    format!(
                        "A comparison file opens on its own: opened {}, the rest not added",
                        first.display()
                    ),
                );
            }
            self.open_comparison(first);
            return;
        }
        // The window has no standard input to read: `-` is for `crosscheck report -`.
        let (stdin, files): (Vec<PathBuf>, Vec<PathBuf>) = files
            .into_iter()
            .partition(|p| p.as_os_str() == crate::inputs::STDIN);
        if !stdin.is_empty() {
            self.notify(
                Level::Info,
                "The app reads no standard input: pipe text to `crosscheck report -`, or paste it \
                 here with Ctrl+V",
            );
        }
        let (files, errors) = crate::inputs::expand_folders(&files);
        for e in &errors {
            self.notify(Level::Error, format!("Cannot add {}: {}", e.path, e.reason));
        }
        let mut added = 0;
        for f in files {
            if self.sources.iter().any(|s| same_file(&s.path, &f)) {
                self.notify(Level::Info, format!("Already open: {}", f.display()));
                continue;
            }
            self.sources.push(SourceEntry::new(f, None));
            added += 1;
        }
        if added > 0 {
            self.recompare();
        }
    }

    fn on_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Done(cmp, errors, fetched) => {
                // A fetched page is kept: later compares use the copy, not the network.
                for copy in fetched {
                    if let Some(entry) = self
                        .sources
                        .iter_mut()
                        .find(|e| e.stored.is_none() && e.shown() == copy.path)
                    {
                        entry.stored = Some(copy);
                    }
                }
                // A link that could not be fetched is not kept (it would be fetched again at every
                // compare): its notice says why; adding it again retries.
                self.sources.retain(|s| {
                    s.stored.is_some()
                        || !crate::fetch::is_url(&s.shown())
                        || !errors.iter().any(|e| e.path == s.shown())
                });
                self.stale = false;
                self.set_comparison(*cmp);
                self.unreadable = errors
                    .iter()
                    .map(|e| (e.path.clone(), e.reason.clone()))
                    .collect();
                // A few unreadable files get a notice each; more share one notice that lists
                // them all (notices beyond the few shown at once would be dropped).
                if errors.len() <= 3 {
                    for e in &errors {
                        self.notify(
                            Level::Error,
                            format!("Cannot read {}: {}", e.path, e.reason),
                        );
                    }
                } else {
                    let mut list: Vec<String> = errors
                        .iter()
                        .take(NOTICE_FILES)
                        .map(|e| format!("{}: {}", e.path, e.reason))
                        .collect();
                    if errors.len() > NOTICE_FILES {
                        list.push(format!(
                            "… and {} more (each is marked in the Sources panel)",
                            errors.len() - NOTICE_FILES
                        ));
                    }
                    let rest = if self.cmp.documents.is_empty() {
                        "none could be compared"
                    } else {
                        "the others are compared"
                    };
                    self.notify(
                        Level::Error,
                        format!(
                            "Cannot read {} files; {rest}.\n{}",
                            errors.len(),
                            list.join("\n")
                        ),
                    );
                }
                if self.selected.is_some_and(|g| g >= self.cmp.groups.len()) {
                    self.selected = None;
                }
                self.sync_date_texts();
            }
            Outcome::Cancelled => self.notify(Level::Info, "Compare cancelled"),
            Outcome::Failed(e) => {
                self.stale = true;
                self.notify(Level::Error, format!("Compare failed: {e}"));
            }
        }
    }

    /// Shows each source's detected dateline in its field unless the user set one.
    fn sync_date_texts(&mut self) {
        for s in &mut self.sources {
            if s.dateline.is_none() {
                let shown = s.shown();
                s.date_text = self
                    .cmp
                    .documents
                    .iter()
                    .find(|d| d.path == shown)
                    .and_then(|d| d.dateline.clone())
                    .unwrap_or_default();
            }
        }
    }

    /// What outlet `x` changes in group `g`'s passage of document `shown` (texts `shown_text`
    /// and `theirs`), a few runs joined, worked out once per comparison.
    pub(super) fn outlet_changes(
        &self,
        key: (usize, usize, usize),
        shown_text: &str,
        theirs: &str,
    ) -> String {
        const RUNS: usize = 3;
        self.fold_changes
            .borrow_mut()
            .entry(key)
            .or_insert_with(|| super::fold::changes(shown_text, theirs, RUNS).join(" · "))
            .clone()
    }

    /// The differences the user can step through: those of the groups the search lets through.
    /// Those of a folded wire copy's hidden outlets are not on screen, so they are not steps.
    pub(super) fn differences(&self) -> std::rc::Rc<[DiffLoc]> {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        let mut unfolded: Vec<usize> = self.unfolded.iter().copied().collect();
        unfolded.sort_unstable();
        (self.shown_version, &self.search, self.order, unfolded).hash(&mut h);
        let key = h.finish();
        if let Some((k, list)) = self.differences_cache.borrow().as_ref()
            && *k == key
        {
            return std::rc::Rc::clone(list);
        }
        let folding = super::fold::Folding::new(&self.cmp, &self.unfolded);
        let list: std::rc::Rc<[DiffLoc]> = nav::differences(
            &self.cmp,
            &nav::visible_groups(&self.cmp, &self.search, self.order),
            |g, d| {
                self.cmp
                    .groups
                    .get(g)
                    .is_some_and(|group| folding.shows(&self.cmp, group, d))
            },
        )
        .into();
        *self.differences_cache.borrow_mut() = Some((key, std::rc::Rc::clone(&list)));
        list
    }

    /// Selects group `g` and brings it into view: in the documents view there, else in the
    /// aligned view. A search that hides its row gives way.
    pub(super) fn show_group(&mut self, g: usize) {
        if !nav::visible_groups(&self.cmp, &self.search, self.order).contains(&g) {
            self.search.clear();
        }
        self.selected = Some(g);
        self.scroll_to = Some(g);
        if self.cursor.is_some_and(|c| c.group != g) {
            self.cursor = None;
        }
        match self.view {
            View::Findings => self.view = View::Aligned,
            View::Documents => self.docs.reveal(g),
            View::Aligned => {}
        }
    }

    pub(super) fn step_difference(&mut self, forward: bool) {
        let diffs = self.differences();
        let len = diffs.len();
        let target = match self.cursor.and_then(|c| diffs.iter().position(|d| *d == c)) {
            Some(i) => nav::step(Some(i), len, forward),
            // From a selected group: its first difference, or the last one before it.
            None => match self.selected {
                Some(g) if forward => diffs
                    .iter()
                    .position(|d| d.group >= g)
                    .or_else(|| nav::step(None, len, true)),
                Some(g) => diffs
                    .iter()
                    .rposition(|d| d.group < g)
                    .or_else(|| nav::step(None, len, false)),
                None => nav::step(None, len, forward),
            },
        };
        if let Some(i) = target {
            let loc = diffs[i];
            self.cursor = Some(loc);
            self.selected = Some(loc.group);
            self.scroll_to = Some(loc.group);
            match self.view {
                View::Findings => self.view = View::Aligned,
                // The documents show no word differences: they bring the group into view.
                View::Documents => self.docs.reveal(loc.group),
                View::Aligned => {}
            }
        }
    }

    pub(super) fn commit_dateline(&mut self, i: usize) {
        let Some(s) = self.sources.get(i) else { return };
        let text = s.date_text.trim().to_string();
        let name = s.shown();
        let detected = self
            .cmp
            .documents
            .iter()
            .find(|d| d.path == name)
            .and_then(|d| d.dateline.clone());
        let wanted = if text.is_empty() {
            None
        } else {
            match dates::parse_iso(&text) {
                Some(d) => Some(d),
                None => {
                    self.notify(
                        Level::Error,
                        format!("Dateline must be a date as YYYY-MM-DD, not \"{text}\": {name}"),
                    );
                    return;
                }
            }
        };
        let s = &mut self.sources[i];
        let unchanged = s.dateline == wanted
            || (s.dateline.is_none() && wanted.map(|d| d.to_string()) == detected);
        if unchanged {
            return;
        }
        s.dateline = wanted;
        s.date_text = wanted.map(|d| d.to_string()).unwrap_or_default();
        self.recompare();
    }

    pub(super) fn save_report(&mut self) {
        self.save_report_of(false);
    }

    /// Asks where and saves the report of the comparison, or its fact-check memo.
    pub(super) fn save_report_of(&mut self, memo: bool) {
        if self.cmp.documents.is_empty() {
            self.notify(Level::Info, "Nothing to save yet: open some articles first");
            return;
        }
        let suggested = if memo {
            SUGGESTED_MEMO
        } else {
            SUGGESTED_REPORT
        };
        let path = match self.dialogs.pick_report_path(suggested) {
            Picked::Chosen(p) => p,
            Picked::Cancelled => return,
            Picked::Unavailable(why) => {
                self.notify(Level::Error, format!("Cannot save the report: {why}. Use `crosscheck report -o FILE` on the command line instead."));
                return;
            }
        };
        let path = if path.extension().is_none() {
            path.with_extension("json")
        } else {
            path
        };
        let Some(format) = Format::from_path(&path) else {
            self.notify(
                Level::Error,
                format!(
                    "Unknown report format (use .json, .md or .html): {}",
                    path.display()
                ),
            );
            return;
        };
        let sources: Vec<PathBuf> = self.sources.iter().map(|s| s.path.clone()).collect();
        let cmp = if memo {
            crate::review::memo(&self.cmp)
        } else {
            self.cmp.clone()
        };
        let stale = self.stale;
        self.writes.run("report", move || {
            let sources: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
            let notice = match report::save(&path, &cmp, format, &sources) {
                Ok(()) if stale => (
                    Level::Warning,
                    format!(
                        "Report saved: {} — it is the last finished compare, not the sources as they are now (Compare again to update it)",
                        path.display()
                    ),
                ),
                Ok(()) => (Level::Info, format!("Report saved: {}", path.display())),
                Err(e) => (Level::Error, e.to_string()),
            };
            Written {
                notices: vec![notice],
                saved_comparison: None,
            }
        });
    }

    /// A request to close the window while a file is being written waits for it.
    fn on_close(&mut self, ctx: &egui::Context) {
        let close = ctx.input(|i| i.viewport().close_requested());
        match self.writes.on_close(close) {
            Closing::Wait => {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.notify(
                    Level::Info,
                    "Saving: the window closes when the file is written (close again to quit now)",
                );
            }
            Closing::CloseNow => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Closing::SaveFailed => self.notify(
                Level::Warning,
                "The window stayed open: the save failed (see above)",
            ),
            Closing::Let => {}
        }
    }

    /// Shows how the writes that finished went.
    fn on_written(&mut self) {
        for w in self.writes.poll() {
            for (level, text) in w.notices {
                self.notify(level, text);
            }
            // A comparison file saved before the sources changed is not this comparison's.
            if let Some((path, version)) = w.saved_comparison
                && version == self.sources_version
            {
                self.remember_comparison(&path);
            }
        }
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if std::mem::take(&mut self.theme_pending)
            && let Some(t) = self.theme
        {
            ctx.set_theme(t);
        }
        if let Some(outcome) = self.jobs.poll() {
            self.on_outcome(outcome);
        }
        // Here rather than in `ui`, which eframe skips while the window is hidden.
        self.on_written();
        self.on_close(ctx);
        let title = self.window_title();
        if self.shown_title.as_deref() != Some(title.as_str()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.handle_keys(&ctx);
        egui::Panel::top("toolbar").show(ui, |ui| {
            ui.add_space(4.0);
            self.toolbar(ui);
            ui.add_space(2.0);
        });
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        egui::Panel::left("sources")
            .resizable(true)
            .default_size(240.0)
            .show(ui, |ui| self.sources_panel(ui));
        if self.show_details {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(280.0)
                .show(ui, |ui| self.details_panel(ui));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.sources.is_empty() {
                self.empty_state(ui);
                return;
            }
            match self.view {
                View::Aligned => self.aligned_view(ui),
                View::Documents => self.documents_view(ui),
                View::Findings => self.findings_view(ui),
            }
        });
        self.notices_overlay(&ctx);
        self.help_window(&ctx);
        Self::drop_hint(&ctx);
        for cmd in std::mem::take(&mut self.commands) {
            self.apply(&ctx, cmd);
        }
        self.on_written();
        // A command that started an inline job has its result waiting; show it this frame.
        if let Some(outcome) = self.jobs.poll() {
            self.on_outcome(outcome);
            ctx.request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings().store(storage);
    }
}

impl App {
    /// What is remembered of this session for the next one.
    fn settings(&self) -> Settings {
        Settings {
            theme: Settings::theme_name(self.theme),
            // Pasted text and fetched pages live in a saved comparison, not in the settings: a
            // restart must not fetch a link nobody asked for again.
            sources: self
                .sources
                .iter()
                .filter(|s| {
                    s.stored.as_ref().is_none_or(session::SavedSource::is_file)
                        && !crate::fetch::is_url(&s.shown())
                })
                .map(|s| SavedSource {
                    path: s.path.clone(),
                    dateline: s.dateline.map(|d| d.to_string()),
                })
                .collect(),
            view: Some(self.view),
            recent: self.recent.clone(),
            comparison: self.comparison_file.clone(),
            order: Some(self.order),
            show_only: Some(self.show_only),
            reading: Some(self.reading),
            layout: Some(self.layout),
            details: Some(self.show_details),
            // Marks not yet saved in a comparison file come back at the next start too.
            reviews: self.reviews.clone(),
            sync: Some(self.docs.sync),
        }
    }
}

pub(super) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// The paths (or links) typed in "Add by path": one per line, or several on a line each in
/// quotes, as a file manager copies them.
pub(super) fn typed_paths(typed: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for line in typed.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let quoted: Vec<&str> = line
            .split(['"', '\''])
            .skip(1)
            .step_by(2)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if line.starts_with(['"', '\'']) && !quoted.is_empty() {
            out.extend(quoted.into_iter().map(PathBuf::from));
        } else {
            out.push(PathBuf::from(line));
        }
    }
    out
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_typed_paths_are_read_one_a_line_or_each_in_quotes() {
        assert_eq!(
            typed_paths("  /a/b c.txt \n\nhttps://x.org/s\n"),
            [
                PathBuf::from("/a/b c.txt"),
                PathBuf::from("https://x.org/s")
            ]
        );
        assert_eq!(
            typed_paths("'/a/one.txt' '/b/two words.pdf'"),
            [
                PathBuf::from("/a/one.txt"),
                PathBuf::from("/b/two words.pdf")
            ]
        );
        assert_eq!(typed_paths("\"/a/x.html\""), [PathBuf::from("/a/x.html")]);
        assert!(typed_paths("   ").is_empty());
    }
}
