//! Frame time of the app with 20 sources of ~5,000 words each: one frame of the aligned view
//! and of the document view, scrolled to the middle, drawn by egui_kittest (layout and
//! tessellation; no GPU). The target is a frame under 16 ms.
//!
//! Run with `cargo bench --bench gui`.

mod common;

use crosscheck::gui::{App, AppConfig, JobMode, NativeDialogs, Startup};
use crosscheck::{Comparison, Options, compare_texts};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn main() {
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

fn harness(view: &str) -> Harness<'static, App> {
    let cmp = comparison();
    let mut h = Harness::builder()
        .with_max_steps(200)
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppConfig {
                    startup: Startup::Comparison(Box::new(cmp)),
                    jobs: JobMode::Inline,
                    dialogs: Box::new(NativeDialogs),
                },
            )
        });
    h.run();
    h.get_by_label(view).click();
    h.run();
    h
}

fn scroll(h: &mut Harness<'_, App>, dy: f32) {
    h.hover_at(egui::pos2(800.0, 600.0));
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
}

#[divan::bench(sample_count = 30)]
fn aligned_view_frame_while_scrolling(b: divan::Bencher) {
    let mut h = harness("Aligned");
    let mut dy = -120.0;
    b.bench_local(|| {
        scroll(&mut h, dy);
        dy = -dy;
    });
}

#[divan::bench(sample_count = 30)]
fn documents_view_frame_while_scrolling(b: divan::Bencher) {
    let mut h = harness("Documents");
    let mut dy = -120.0;
    b.bench_local(|| {
        scroll(&mut h, dy);
        dy = -dy;
    });
}
