//! The compare job: runs the pipeline off the UI thread so the window never freezes.
//!
//! A job runs on a named worker thread, sends progress and its result over a channel and asks
//! egui for a repaint. Each job carries a generation number: when the inputs change mid-run, the
//! old job is told to stop and anything it still sends is dropped. In tests the same job runs
//! inline ([`JobMode::Inline`]), so a frame that starts a compare also finishes it and
//! `Harness::run()` settles deterministically.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::inputs::Input;
use crate::load::LoadError;
use crate::model::{Comparison, Warning};
use crate::pipeline::{Cancelled, Options, Progress};
use crate::session::{Origin, SavedSource};

/// Where compare jobs run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JobMode {
    /// On a worker thread (the app).
    #[default]
    Background,
    /// On the calling thread, finishing before `start` returns (tests).
    Inline,
    /// Held until [`Jobs::release`] runs them on the calling thread (tests that look at the
    /// window while a compare is under way).
    Held,
}

/// What a finished job produced.
#[derive(Debug)]
pub enum Outcome {
    /// The comparison, the sources that could not be read, and the copies of pages fetched from
    /// links (kept by the app so a link is fetched once, not at every compare).
    Done(Box<Comparison>, Vec<LoadError>, Vec<SavedSource>),
    /// The job stopped because it was cancelled.
    Cancelled,
    /// The worker thread could not be started or died.
    Failed(String),
}

enum Msg {
    Progress(u64, Progress),
    Finished(u64, Outcome),
}

/// Runs compare jobs, one current job at a time.
pub struct Jobs {
    mode: JobMode,
    repaint: Option<egui::Context>,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    generation: u64,
    running: Option<Running>,
    /// Jobs waiting for [`Jobs::release`] ([`JobMode::Held`]).
    held: Vec<Box<dyn FnOnce() + Send>>,
}

struct Running {
    generation: u64,
    cancel: Arc<AtomicBool>,
    progress: Progress,
}

impl Jobs {
    /// A job runner; `repaint` is woken when a background job has news.
    pub fn new(mode: JobMode, repaint: Option<egui::Context>) -> Self {
        let (tx, rx) = channel();
        Self {
            mode,
            repaint,
            tx,
            rx,
            generation: 0,
            running: None,
            held: Vec::new(),
        }
    }

    /// Starts comparing `inputs`, stopping any job still running; `notes` (what became of the
    /// sources of an opened comparison file) come first among the comparison's warnings.
    pub fn start(&mut self, inputs: Vec<Input>, opts: Options, notes: Vec<Warning>) {
        self.run(move |report, cancel| {
            let done = crate::inputs::compare(inputs, &opts, report, cancel)?;
            let mut cmp = done.cmp;
            let mut warnings = notes;
            warnings.append(&mut cmp.warnings);
            cmp.warnings = warnings;
            let fetched = done
                .file
                .sources
                .into_iter()
                .filter(|s| matches!(s.origin, Some(Origin::Web { .. })))
                .collect();
            Ok((cmp, done.errors, fetched))
        });
    }

    fn run<F>(&mut self, compare: F)
    where
        F: FnOnce(
                &(dyn Fn(Progress) + Sync),
                &AtomicBool,
            ) -> Result<(Comparison, Vec<LoadError>, Vec<SavedSource>), Cancelled>
            + Send
            + 'static,
    {
        self.cancel();
        self.generation += 1;
        let generation = self.generation;
        let cancel = Arc::new(AtomicBool::new(false));
        self.running = Some(Running {
            generation,
            cancel: cancel.clone(),
            progress: Progress {
                stage: "starting",
                fraction: 0.0,
            },
        });
        let tx = self.tx.clone();
        let repaint = self.repaint.clone();
        let work = move |cancel: &AtomicBool| {
            let notify = |m: Msg| {
                // The receiver only goes away with the app; nothing to tell anyone then.
                let _ = tx.send(m);
                if let Some(ctx) = &repaint {
                    ctx.request_repaint();
                }
            };
            let report = |p: Progress| notify(Msg::Progress(generation, p));
            // A bug that panics inside the compare must not leave the window waiting forever.
            let run =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| compare(&report, cancel)));
            let outcome = match run {
                Ok(Ok((cmp, errors, fetched))) => Outcome::Done(Box::new(cmp), errors, fetched),
                Ok(Err(_)) => Outcome::Cancelled,
                Err(panic) => Outcome::Failed(format!(
                    "the compare stopped on an internal error ({}); please report it with the \
                     articles that caused it",
                    panic_message(panic.as_ref())
                )),
            };
            notify(Msg::Finished(generation, outcome));
        };
        match self.mode {
            JobMode::Inline => work(&cancel),
            // A held job runs to the end even when cancelled or superseded: the race a worker
            // thread loses when it finishes before it sees the flag. Its result must be dropped.
            JobMode::Held => self
                .held
                .push(Box::new(move || work(&AtomicBool::new(false)))),
            JobMode::Background => {
                let spawned = std::thread::Builder::new()
                    .name("crosscheck-compare".into())
                    .stack_size(crate::pipeline::COMPARE_STACK_BYTES)
                    .spawn(move || work(&cancel));
                if let Err(e) = spawned {
                    let _ = self.tx.send(Msg::Finished(
                        generation,
                        Outcome::Failed(format!("cannot start the compare thread: {e}")),
                    ));
                }
            }
        }
    }

    /// Runs a job that panics, for tests of what the user is told.
    #[cfg(test)]
    pub fn start_panicking(&mut self) {
        self.run(|_, _| panic!("a test panic in the compare"));
    }

    /// Runs the jobs held so far ([`JobMode::Held`]) to the end, oldest first: a superseded
    /// job's finished result then arrives while the newer job is still running (the race a
    /// worker thread loses when it finishes before it sees the flag), and must be dropped.
    pub fn release(&mut self) {
        for work in std::mem::take(&mut self.held) {
            work();
        }
    }

    /// Asks the running job to stop; its result will be dropped.
    pub fn cancel(&mut self) {
        if let Some(r) = self.running.take() {
            r.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Progress of the running job.
    pub fn progress(&self) -> Option<Progress> {
        self.running.as_ref().map(|r| r.progress)
    }

    /// Takes what jobs sent since the last call; returns the outcome of the current job once it
    /// has finished. Messages of older generations are dropped.
    pub fn poll(&mut self) -> Option<Outcome> {
        let mut finished = None;
        while let Ok(msg) = self.rx.try_recv() {
            match msg {
                Msg::Progress(g, p) => {
                    if let Some(r) = self.running.as_mut().filter(|r| r.generation == g) {
                        r.progress = p;
                    }
                }
                Msg::Finished(g, outcome) => {
                    if self.running.as_ref().is_some_and(|r| r.generation == g) {
                        self.running = None;
                        finished = Some(outcome);
                    }
                }
            }
        }
        finished
    }
}

/// The message a panic carried, when it is text.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Source;

    fn given(p: &std::path::Path) -> Input {
        Input::Given(Source::new(p))
    }

    fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("write fixture");
        p
    }

    #[test]
    fn inline_job_finishes_and_names_unreadable_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = write(
            dir.path(),
            "a.txt",
            "Quarry workers in Lindfeld went on strike on Monday.",
        );
        let missing = dir.path().join("missing.txt");
        let mut jobs = Jobs::new(JobMode::Inline, None);
        jobs.start(
            vec![given(&a), given(&missing)],
            Options::default(),
            Vec::new(),
        );
        match jobs.poll() {
            Some(Outcome::Done(cmp, errors, _)) => {
                assert_eq!(cmp.documents.len(), 1);
                assert_eq!(errors.len(), 1);
                assert!(errors[0].path.contains("missing.txt"));
            }
            other => panic!("expected a finished compare, got {other:?}"),
        }
        assert!(jobs.progress().is_none());
    }

    #[test]
    fn a_panic_in_the_compare_is_an_outcome_the_user_is_told_of() {
        let mut jobs = Jobs::new(JobMode::Inline, None);
        jobs.start_panicking();
        match jobs.poll() {
            Some(Outcome::Failed(why)) => {
                assert!(
                    why.starts_with("the compare stopped on an internal error (a test panic"),
                    "{why}"
                );
            }
            other => panic!("expected a failed compare, got {other:?}"),
        }
        assert!(jobs.progress().is_none(), "the progress bar would spin on");
    }

    #[test]
    fn a_newer_job_drops_the_older_result() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = write(
            dir.path(),
            "a.txt",
            "Rain closed the coastal road near Ostrava Bay.",
        );
        let b = write(
            dir.path(),
            "b.txt",
            "A landslide closed the coastal road near Ostrava Bay.",
        );
        let mut jobs = Jobs::new(JobMode::Inline, None);
        jobs.start(vec![given(&a)], Options::default(), Vec::new());
        jobs.start(vec![given(&a), given(&b)], Options::default(), Vec::new());
        match jobs.poll() {
            Some(Outcome::Done(cmp, _, _)) => assert_eq!(cmp.documents.len(), 2),
            other => panic!("expected the second compare, got {other:?}"),
        }
        assert!(jobs.poll().is_none());
    }
}
