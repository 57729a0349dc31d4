//! Saving files off the UI thread: a report of hundreds of articles takes seconds to write, and
//! the window must not freeze meanwhile. A write runs on a worker thread with its own copy of what
//! it writes and reports back how it went; the app turns that into a notification. In tests
//! ([`JobMode::Inline`] and [`JobMode::Held`]) a write runs at once, so a click settles in one
//! frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::app::Level;
use super::job::JobMode;

/// How a write went: notifications to show, and a comparison file to remember when one was saved
/// (with the version of the sources it holds: the app forgets it if they changed meanwhile).
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub notices: Vec<(Level, String)>,
    pub saved_comparison: Option<(PathBuf, u64)>,
}

impl Written {
    fn failed(what: &str, why: String) -> Self {
        Self {
            notices: vec![(Level::Error, format!("Cannot write the {what}: {why}"))],
            saved_comparison: None,
        }
    }
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

    /// Runs `write` (on a worker thread in the app, at once in tests). It always reports back,
    /// also when it panics (the files it writes are written atomically: nothing half-written).
    pub fn run(&mut self, what: &str, write: impl FnOnce() -> Written + Send + 'static) {
        self.running += 1;
        let what = what.to_string();
        let guarded = move || {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(write)).unwrap_or_else(|p| {
                let why = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "it stopped unexpectedly".into());
                Written::failed(&what, why)
            })
        };
        if !self.background {
            let _ = self.tx.send(guarded());
            return;
        }
        let tx = self.tx.clone();
        let repaint = self.repaint.clone();
        let spawned = std::thread::Builder::new()
            .name("crosscheck-write".into())
            .spawn(move || {
                let _ = tx.send(guarded());
                if let Some(ctx) = repaint {
                    ctx.request_repaint();
                }
            });
        if let Err(e) = spawned {
            let _ = self.tx.send(Written::failed(
                "file",
                format!("no thread could be started ({e})"),
            ));
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
