//! Native file dialogs behind a trait, so tests can stand in for the user picking files.
//!
//! On Linux `rfd` asks the desktop portal for a dialog and falls back to `zenity`; with neither it
//! returns nothing, exactly as if the user had cancelled. A "cancel" that comes back faster than a
//! person could click is taken as "no dialog could be shown", so the app can say so and point to
//! the other ways in (typing a path, dropping files on the window).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::session::EXTENSION;

/// What a file dialog gave back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked<T> {
    /// The user chose this.
    Chosen(T),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No dialog could be shown; the text says why.
    Unavailable(String),
}

/// File dialogs the app needs.
pub trait Dialogs {
    /// Articles to open.
    fn pick_articles(&mut self) -> Picked<Vec<PathBuf>>;
    /// Where to save a report; `suggested` is a file name with an extension.
    fn pick_report_path(&mut self, suggested: &str) -> Picked<PathBuf>;
    /// A comparison file (`.crosscheck`) to open. Without a dialog for it, none can be shown.
    fn pick_comparison(&mut self) -> Picked<PathBuf> {
        Picked::Unavailable(NO_COMPARISON_DIALOG.into())
    }
    /// Where to save a comparison file; `suggested` is a file name ending in `.crosscheck`.
    fn pick_comparison_path(&mut self, suggested: &str) -> Picked<PathBuf> {
        let _ = suggested;
        Picked::Unavailable(NO_COMPARISON_DIALOG.into())
    }
}

const NO_COMPARISON_DIALOG: &str = "no dialog for comparison files is available";

/// The native dialogs (`rfd`).
#[derive(Debug, Default)]
pub struct NativeDialogs;

/// Faster than any person closes a dialog: the dialog never appeared.
const TOO_FAST: Duration = Duration::from_millis(250);

const UNAVAILABLE: &str = "no file dialog could be shown (no desktop portal or zenity found)";

fn judge<T>(started: Instant, got: Option<T>) -> Picked<T> {
    match got {
        Some(v) => Picked::Chosen(v),
        None if started.elapsed() < TOO_FAST => Picked::Unavailable(UNAVAILABLE.into()),
        None => Picked::Cancelled,
    }
}

impl Dialogs for NativeDialogs {
    fn pick_articles(&mut self) -> Picked<Vec<PathBuf>> {
        let started = Instant::now();
        let got = rfd::FileDialog::new()
            .set_title("Open articles")
            .add_filter("Articles", &crate::load::format::article_extensions())
            .add_filter("All files", &["*"])
            .pick_files();
        judge(started, got)
    }

    fn pick_report_path(&mut self, suggested: &str) -> Picked<PathBuf> {
        let started = Instant::now();
        let got = rfd::FileDialog::new()
            .set_title("Save report")
            .set_file_name(suggested)
            .add_filter("JSON report", &["json"])
            .add_filter("Markdown report", &["md"])
            .add_filter("HTML report", &["html"])
            .save_file();
        judge(started, got)
    }

    fn pick_comparison(&mut self) -> Picked<PathBuf> {
        let started = Instant::now();
        let got = rfd::FileDialog::new()
            .set_title("Open comparison")
            .add_filter("Crosscheck comparison", &[EXTENSION])
            .add_filter("All files", &["*"])
            .pick_file();
        judge(started, got)
    }

    fn pick_comparison_path(&mut self, suggested: &str) -> Picked<PathBuf> {
        let started = Instant::now();
        let got = rfd::FileDialog::new()
            .set_title("Save comparison")
            .set_file_name(suggested)
            .add_filter("Crosscheck comparison", &[EXTENSION])
            .save_file();
        judge(started, got)
    }
}
