//! Everything the user can ask for, as [`Command`]s, and how each changes the app. Views and the
//! window's chrome push commands while they draw; the commands are applied after the frame is
//! drawn, in the order they were pushed (in the style of egui's demo app).

use std::path::PathBuf;

use egui::Theme;

use super::app::{App, typed_paths};
use super::dialogs::Picked;
use super::state::{Level, Reading, RowLayout, View};

/// Everything the user can ask for.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Command {
    Open,
    AddFiles(Vec<PathBuf>),
    AddTypedPath,
    /// Make a source of this pasted text.
    Paste(String),
    OpenSamples,
    CloseAll,
    Remove(usize),
    CommitDateline(usize),
    ResetDateline(usize),
    Save,
    OpenComparison,
    SaveComparison,
    OpenRecent(PathBuf),
    Next,
    Prev,
    Select(usize),
    /// Show this passage (by id) in the other mode than the view's reading gives it.
    FlipReading(String),
    SetReading(Reading),
    SetLayout(RowLayout),
    /// Fold or unfold the copy set with this index.
    ToggleFold(usize),
    NextConflict,
    PrevConflict,
    /// Bring the passages of finding `i` into view in the aligned view.
    GoToFinding(usize),
    /// Mark finding `finding` (a verdict or none) with a note.
    SetReview {
        finding: usize,
        verdict: Option<crate::review::Verdict>,
        note: String,
    },
    /// Save a fact-check memo: the conflicts and the reader's marked findings.
    SaveMemo,
    ToggleDetails,
    ToggleHelp,
    FocusSearch,
    ShowInDocuments(usize),
    /// Select group `g` and bring it into view in the aligned view.
    ShowGroup(usize),
    SetOrder(crate::gui::nav::RowOrder),
    /// Show or hide the rows of passages only one source has.
    ShowOnly(bool),
    /// Scroll the documents side by side, or each on its own.
    SetSync(bool),
    /// Compare the sources again (after a cancelled compare).
    Recompare,
    SetView(View),
    Cancel,
    SetTheme(Theme),
    Dismiss(u64),
    DismissAll,
}

impl App {
    pub(super) fn apply(&mut self, ctx: &egui::Context, cmd: Command) {
        match cmd {
            Command::Open => match self.dialogs.pick_articles() {
                Picked::Chosen(files) => self.add_files(files),
                Picked::Cancelled => {}
                Picked::Unavailable(why) => self.notify(
                    Level::Warning,
                    format!("{why}. Type a path or a link under \"Add by path or link\" in the Sources panel, paste text with Ctrl+V, or drop files on the window."),
                ),
            },
            Command::AddFiles(files) => self.add_files(files),
            Command::AddTypedPath => {
                let typed = typed_paths(&self.typed_path);
                if !typed.is_empty() {
                    self.typed_path.clear();
                    self.add_files(typed);
                }
            }
            Command::Paste(text) => self.add_pasted(&text),
            Command::OpenSamples => self.open_samples(),
            Command::CloseAll => {
                self.sources.clear();
                self.reviews.clear();
                self.recompare();
            }
            Command::Remove(i) => {
                if i < self.sources.len() {
                    self.sources.remove(i);
                    self.selected = None;
                    self.recompare();
                }
            }
            Command::CommitDateline(i) => self.commit_dateline(i),
            Command::ResetDateline(i) => {
                if let Some(s) = self.sources.get_mut(i) {
                    s.dateline = None;
                    self.recompare();
                }
            }
            Command::Save => self.save_report(),
            Command::OpenComparison => match self.dialogs.pick_comparison() {
                Picked::Chosen(path) => {
                    self.open_comparison(&path);
                }
                Picked::Cancelled => {}
                Picked::Unavailable(why) => self.notify(
                    Level::Warning,
                    format!("Cannot open a comparison: {why}. Use `crosscheck report FILE.crosscheck` on the command line instead."),
                ),
            },
            Command::SaveComparison => self.save_comparison(),
            Command::OpenRecent(path) => {
                self.open_comparison(&path);
            }
            Command::Next => self.step_difference(true),
            Command::Prev => self.step_difference(false),
            Command::Select(g) => {
                self.selected = Some(g);
                if self.cursor.is_some_and(|c| c.group != g) {
                    self.cursor = None;
                }
            }
            Command::ShowInDocuments(g) => {
                self.selected = Some(g);
                self.view = View::Documents;
                self.docs.reveal(g);
            }
            Command::ShowGroup(g) => self.show_group(g),
            Command::SetOrder(o) => {
                self.order = o;
                self.cursor = None;
            }
            Command::ShowOnly(on) => self.show_only = on,
            Command::SetSync(on) => self.docs.sync = on,
            Command::SetView(v) => self.view = v,
            Command::FlipReading(id) => {
                if !self.flipped.remove(&id) {
                    self.flipped.insert(id);
                }
            }
            Command::SetReading(r) => {
                self.reading = r;
                self.flipped.clear();
            }
            Command::SetLayout(l) => self.layout = l,
            Command::ToggleFold(i) => {
                if !self.unfolded.remove(&i) {
                    self.unfolded.insert(i);
                }
            }
            Command::NextConflict => self.step_conflict(true),
            Command::PrevConflict => self.step_conflict(false),
            Command::GoToFinding(i) => self.go_to_finding(i),
            Command::SetReview {
                finding,
                verdict,
                note,
            } => {
                // The comparison on screen and the marks carried to the next compare.
                if let Some(r) = crate::review::set(&mut self.cmp, finding, verdict, &note) {
                    crate::review::put(&mut self.reviews, &r);
                }
            }
            Command::SaveMemo => self.save_report_of(true),
            Command::ToggleDetails => self.show_details = !self.show_details,
            Command::ToggleHelp => self.show_help = !self.show_help,
            Command::FocusSearch => self.focus_search = true,
            Command::Cancel => {
                if self.jobs.progress().is_some() {
                    self.stale = true;
                }
                self.jobs.cancel();
                self.notify(Level::Info, "Compare cancelled");
            }
            Command::Recompare => self.start_compare(),
            Command::SetTheme(t) => {
                self.theme = Some(t);
                ctx.set_theme(t);
            }
            Command::Dismiss(id) => self.notices.retain(|n| n.id != id),
            Command::DismissAll => self.notices.clear(),
        }
    }
}
