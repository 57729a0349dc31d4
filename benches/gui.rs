//! Frame time of the app with 20 sources of ~5,000 words each: a frame of the aligned view and
//! of the documents view while scrolling, and the frame after a jump to the next difference in
//! the documents view. The app is driven as eframe drives it (one egui pass, then tessellation;
//! no GPU), without a screen reader's AccessKit tree, which eframe builds only when one asks
//! for it (the tests' egui_kittest harness always builds it, which triples a frame's cost). The
//! target is a frame under 16 ms.
//!
//! Run with `cargo bench --bench gui`; `GUI_CPU_FRAMES=1 cargo bench --bench gui` prints each
//! kind of frame's median and slowest processor time instead (figures that hold on a shared
//! machine, whose wall clock counts the time other work takes).

mod common;

use crosscheck::gui::{App, AppConfig, JobMode, NativeDialogs, Startup};
use crosscheck::{Comparison, Options, compare_texts};
use eframe::App as _;

fn main() {
    if std::env::var_os("GUI_CPU_FRAMES").is_some() {
        cpu_frames();
        return;
    }
    divan::main();
}

/// 20 articles of ~5,000 words: the bundled sample sentences, reworded per source, so many
/// passages align and differ.
fn comparison() -> Comparison {
    let pool = common::sentences_in(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds"),
        6,
    );
    let articles: Vec<(String, String)> = (0..20)
        .map(|a| {
            let mut body = String::new();
            let mut words = 0;
            let mut i = a * 7;
            while words < 5_000 && !pool.is_empty() {
                let s = pool[i % pool.len()].replace("the", if a % 2 == 0 { "the" } else { "a" });
                words += s.split_whitespace().count();
                body.push_str(&s);
                body.push_str(if i % 3 == 0 { "\n\n" } else { " " });
                i += 1 + a % 3;
            }
            (format!("source_{a:02}.txt"), body)
        })
        .collect();
    let refs: Vec<(&str, &str)> = articles
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    compare_texts(&refs, &Options::default())
}

/// The app in a window of 1,600 × 1,000 points, driven frame by frame.
struct Window {
    ctx: egui::Context,
    app: App,
    frame: eframe::Frame,
    time: f64,
    /// The last frame asked for another at once (the view is still settling).
    busy: bool,
}

impl Window {
    /// The comparison on screen, in `view` (1: aligned, 2: documents), settled.
    fn new(view: egui::Key) -> Self {
        let ctx = egui::Context::default();
        let app = App::new(
            &eframe::CreationContext::_new_kittest(ctx.clone()),
            AppConfig {
                startup: Startup::Comparison(Box::new(comparison())),
                jobs: JobMode::Inline,
                dialogs: Box::new(NativeDialogs),
            },
        );
        let mut w = Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            time: 0.0,
            busy: false,
        };
        for _ in 0..4 {
            let _ = w.frame(Vec::new());
        }
        let _ = w.frame(vec![key(view, egui::Modifiers::COMMAND)]);
        for _ in 0..8 {
            let _ = w.frame(Vec::new());
        }
        let heading = match view {
            egui::Key::Num2 => "Documents",
            _ => "Aligned passages",
        };
        let texts = w.frame(Vec::new());
        assert!(
            texts.iter().any(|t| t == heading),
            "the {heading} view is not on screen"
        );
        w
    }

    /// One frame with these input events: the app's pass, then tessellation; returns the
    /// texts drawn.
    fn frame(&mut self, events: Vec<egui::Event>) -> Vec<String> {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1600.0, 1000.0),
            )),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        };
        let (app, frame) = (&mut self.app, &mut self.frame);
        let out = self.ctx.run_ui(input, |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        });
        self.busy = out
            .viewport_output
            .values()
            .any(|v| v.repaint_delay.is_zero());
        let texts = out
            .shapes
            .iter()
            .filter_map(|c| match &c.shape {
                egui::Shape::Text(t) => Some(t.galley.text().to_string()),
                _ => None,
            })
            .collect();
        let shapes = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(shapes);
        texts
    }

    /// A frame that scrolls the rows by `dy` points.
    fn scroll(&mut self, dy: f32) {
        let _ = self.frame(vec![
            egui::Event::PointerMoved(egui::pos2(800.0, 600.0)),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, dy),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: egui::Modifiers::NONE,
            },
        ]);
    }

    /// Frames with no input until the app asks for none at once (at most 60); how many.
    fn settle(&mut self) -> usize {
        let mut n = 0;
        while self.busy && n < 60 {
            let _ = self.frame(Vec::new());
            n += 1;
        }
        n
    }

    /// The frame after `N` (next difference).
    fn jump(&mut self) {
        let _ = self.frame(vec![key(egui::Key::N, egui::Modifiers::NONE)]);
    }
}

fn key(key: egui::Key, modifiers: egui::Modifiers) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

#[divan::bench(sample_count = 30)]
fn aligned_view_frame_while_scrolling(b: divan::Bencher) {
    let mut w = Window::new(egui::Key::Num1);
    let mut dy = -120.0;
    b.bench_local(|| {
        w.scroll(dy);
        dy = -dy;
    });
}

#[divan::bench(sample_count = 30)]
fn documents_view_frame_while_scrolling(b: divan::Bencher) {
    let mut w = Window::new(egui::Key::Num2);
    let mut dy = -120.0;
    b.bench_local(|| {
        w.scroll(dy);
        dy = -dy;
    });
}

/// The frame after a jump to the next difference (`N`): every column scrolls to the next group's
/// passage, whose rows may be laid out for the first time.
#[divan::bench(sample_count = 30)]
fn documents_view_frame_after_a_jump(b: divan::Bencher) {
    let mut w = Window::new(egui::Key::Num2);
    b.bench_local(|| w.jump());
}

/// This thread's processor time so far, in milliseconds: unlike the wall clock, it does not
/// count the time a busy machine gives to others.
fn thread_cpu_ms() -> f64 {
    use nix::time::{ClockId, clock_gettime};
    let t = clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID).expect("thread clock");
    t.tv_sec() as f64 * 1e3 + t.tv_nsec() as f64 / 1e6
}

/// The processor time of each frame (median and slowest) while scrolling each view and after
/// each of 40 jumps (or `GUI_CPU_FRAMES`, when more than 1).
fn cpu_frames() {
    let frames: usize = std::env::var("GUI_CPU_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 1)
        .unwrap_or(40);
    let report = |name: &str, mut ms: Vec<f64>| {
        if std::env::var_os("GUI_FRAMES_LIST").is_some() {
            println!("{name}: {ms:.1?}");
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "{name}: median {:.1} ms, slowest {:.1} ms over {} frames (processor time)",
            ms[ms.len() / 2],
            ms[ms.len() - 1],
            ms.len()
        );
    };
    let timed = |w: &mut Window, act: &dyn Fn(&mut Window)| {
        let t = thread_cpu_ms();
        act(w);
        thread_cpu_ms() - t
    };
    for (name, view) in [("Aligned", egui::Key::Num1), ("Documents", egui::Key::Num2)] {
        let mut w = Window::new(view);
        let ms = (0..frames)
            .map(|i| {
                let dy = if i % 2 == 0 { -120.0 } else { 120.0 };
                timed(&mut w, &|w| w.scroll(dy))
            })
            .collect();
        report(&format!("{name} view while scrolling"), ms);
    }
    let mut w = Window::new(egui::Key::Num2);
    let ms = (0..frames).map(|_| timed(&mut w, &|w| w.jump())).collect();
    report("Documents view, frame after a jump", ms);
    // A jump as a reader makes it: then the frames the view takes to settle.
    let mut w = Window::new(egui::Key::Num2);
    let mut settled = Vec::new();
    let ms = (0..frames)
        .map(|_| {
            timed(&mut w, &|w| {
                w.jump();
                let n = w.settle();
                std::hint::black_box(n);
            })
        })
        .collect();
    for _ in 0..frames.min(20) {
        w.jump();
        settled.push(w.settle() + 1);
    }
    settled.sort_unstable();
    report("Documents view, a jump and the frames until settled", ms);
    println!(
        "  frames from a jump until settled: median {}, most {}",
        settled[settled.len() / 2],
        settled[settled.len() - 1]
    );
}
