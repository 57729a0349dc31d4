//! Saving files off the UI thread: a report of hundreds of articles takes seconds to write, and
//! the window must not freeze meanwhile. A write runs on a worker thread with its own copy of what
//! it writes and reports back how it went; the app turns that into a notification. In tests
//! ([`JobMode::Inline`] and [`JobMode::Held`]) a write runs at once, so a click settles in one
//! frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::job::JobMode;
use super::state::Level;

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
    /// The window was asked to close while a write ran: it closes when the writes are done.
    close_waits: bool,
    /// A write failed while a close waited for it.
    failed_while_closing: bool,
}

/// What the app does about a request to close the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// Let the request (if any) go ahead.
    Let,
    /// Cancel this close: a file is being written.
    Wait,
    /// The waited-for writes are done: close now.
    CloseNow,
    /// A waited-for write failed: the window stays open, so its error can be read.
    SaveFailed,
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
            close_waits: false,
            failed_while_closing: false,
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

    /// What to do when the reader asks to close the window (`requested`): a first request
    /// while a file is being written waits for it (the window closes when it is written); a
    /// second one closes at once (the file is written atomically: nothing half-written, only the
    /// save lost). Once the writes are done, a waiting close goes ahead, unless one failed: then
    /// the window stays open with its error.
    pub fn on_close(&mut self, requested: bool) -> Closing {
        match (requested, self.close_waits, self.running > 0) {
            (true, false, true) => {
                self.close_waits = true;
                Closing::Wait
            }
            (false, true, false) => {
                self.close_waits = false;
                if std::mem::take(&mut self.failed_while_closing) {
                    Closing::SaveFailed
                } else {
                    Closing::CloseNow
                }
            }
            // Asked again while waiting, or nothing to wait for.
            _ => Closing::Let,
        }
    }

    /// The writes finished since the last call.
    pub fn poll(&mut self) -> Vec<Written> {
        let done: Vec<Written> = self.rx.try_iter().collect();
        self.running = self.running.saturating_sub(done.len());
        if self.close_waits
            && done
                .iter()
                .any(|w| w.notices.iter().any(|(level, _)| *level == Level::Error))
        {
            self.failed_while_closing = true;
        }
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_while_a_file_is_written_waits_for_it_once() {
        let mut w = Writes::new(JobMode::Background, None);
        assert_eq!(w.on_close(true), Closing::Let, "nothing written: close");
        let (go, wait) = std::sync::mpsc::channel::<()>();
        w.run("report", move || {
            let _ = wait.recv();
            Written {
                notices: vec![(Level::Info, "Report saved".into())],
                saved_comparison: None,
            }
        });
        assert_eq!(w.on_close(true), Closing::Wait, "a write runs: wait");
        assert_eq!(w.on_close(false), Closing::Let, "still writing");
        go.send(()).expect("the write waits");
        let mut done = Vec::new();
        while done.is_empty() {
            done = w.poll();
            std::thread::yield_now();
        }
        assert_eq!(done[0].notices[0].1, "Report saved");
        assert_eq!(w.on_close(false), Closing::CloseNow, "written: close");
        assert_eq!(w.on_close(false), Closing::Let, "closed once");
        // A failed save keeps the window open.
        let (go, wait) = std::sync::mpsc::channel::<()>();
        w.run("report", move || {
            let _ = wait.recv();
            Written::failed("report", "disk full".into())
        });
        assert_eq!(w.on_close(true), Closing::Wait);
        go.send(()).expect("the write waits");
        while w.poll().is_empty() {
            std::thread::yield_now();
        }
        assert_eq!(w.on_close(false), Closing::SaveFailed, "failed: stay open");
        assert_eq!(w.on_close(false), Closing::Let);
        // A second request while waiting closes at once.
        let (_go, wait) = std::sync::mpsc::channel::<()>();
        w.run("report", move || {
            let _ = wait.recv();
            Written::failed("report", "stopped".into())
        });
        assert_eq!(w.on_close(true), Closing::Wait);
        assert_eq!(w.on_close(true), Closing::Let);
    }
}
