//! Saving files off the UI thread: a report of hundreds of articles takes seconds to write, and
//! the window must not freeze meanwhile. A write runs on a worker thread with its own copy of what
//! it writes and reports back how it went; the app turns that into a notification. In tests
//! ([`JobMode::Inline`] and [`JobMode::Held`]) a write runs at once, so a click settles in one
//! frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::app::Level;
use super::job::JobMode;

/// How a write went: notifications to show, and a comparison file to remember when one was saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub notices: Vec<(Level, String)>,
    pub saved_comparison: Option<PathBuf>,
}

/// Runs writes and collects how they went.
pub struct Writes {
    background: bool,
    repaint: Option<egui::Context>,
    tx: Sender<Written>,
    rx: Receiver<Written>,
    running: usize,
}

impl Writes {
    pub fn new(mode: JobMode, repaint: Option<egui::Context>) -> Self {
        let (tx, rx) = channel();
        Self {
            background: mode == JobMode::Background,
            repaint,
            tx,
            rx,
            running: 0,
        }
    }

    /// Runs `write` (on a worker thread in the app, at once in tests).
    pub fn run(&mut self, what: &str, write: impl FnOnce() -> Written + Send + 'static) {
        self.running += 1;
        if !self.background {
            let _ = self.tx.send(write());
            return;
        }
        let tx = self.tx.clone();
        let repaint = self.repaint.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("crosscheck-{what}"))
            .spawn(move || {
                let _ = tx.send(write());
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        if let Err(e) = spawned {
            let _ = self.tx.send(Written {
                notices: vec![(Level::Error, format!("Cannot start the {what}: {e}"))],
                saved_comparison: None,
            });
        }
    }

    /// Writes being made.
    pub fn running(&self) -> usize {
        self.running
    }

    /// The writes finished since the last call.
    pub fn poll(&mut self) -> Vec<Written> {
        let done: Vec<Written> = self.rx.try_iter().collect();
        self.running = self.running.saturating_sub(done.len());
        done
    }
}
