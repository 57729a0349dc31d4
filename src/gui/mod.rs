//! The desktop app: an egui front end over one [`crate::Comparison`].
//!
//! It opens articles (Open dialog, drag and drop, a typed path, or the bundled samples), compares
//! them on a worker thread with a progress bar and a Cancel button, and shows the result as
//! aligned rows with word differences, as full documents scrolled together, and as fact findings.
//! Reports are saved through [`crate::report`]. The window size, theme, last sources and the
//! datelines the user set are remembered between sessions.
//!
//! This module exists only with the `gui` feature; the core never depends on it.

mod aligned;
mod app;
mod chrome;
mod commands;
mod conflicts;
mod dialogs;
mod documents;
mod findings;
mod fold;
mod fonts;
mod help;
mod job;
mod marked;
mod nav;
mod persist;
mod review;
mod rows;
mod samples;
mod sources;
mod state;
mod theme;
mod writes;

use std::path::PathBuf;

pub use app::{App, AppConfig, Startup};
pub use dialogs::{Dialogs, NativeDialogs, Picked};
pub use job::JobMode;
pub use state::{Reading, RowLayout, View};

/// Opens the app window with `files`, or with the last session's sources (the sample articles on
/// first start) when none are given. Returns when the window is closed.
pub fn run(files: Vec<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Crosscheck")
            .with_app_id("crosscheck")
            .with_icon(std::sync::Arc::new(
                eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png"))
                    .unwrap_or_default(),
            ))
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    let startup = if files.is_empty() {
        Startup::Restore
    } else {
        Startup::Files(files)
    };
    eframe::run_native(
        "crosscheck",
        options,
        Box::new(move |cc| {
            Ok(Box::new(App::new(
                cc,
                AppConfig {
                    startup,
                    ..AppConfig::default()
                },
            )))
        }),
    )
    .map_err(|e| e.to_string())
}
