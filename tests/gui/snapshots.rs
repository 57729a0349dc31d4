//! Image snapshots of the app in the dark and the light theme (rendered on the CPU through
//! wgpu; on Debian install `mesa-vulkan-drivers`). Review a changed `*.new.png` by eye, then
//! accept it with `UPDATE_SNAPSHOTS=1`.

#![cfg(feature = "gui")]

use crosscheck::Comparison;
use crosscheck::gui::{App, AppConfig, JobMode, NativeDialogs, Startup};
use egui::Theme;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The sample articles' comparison, saved as a JSON report (regenerate with
/// `crosscheck report -o tests/snapshots/samples-comparison.json` run inside
/// `tests/fixtures/seeds`), so these pictures change when the app's drawing changes, not when the
/// engine's alignment does.
fn samples_comparison() -> Comparison {
    crosscheck::report::read_json(include_str!("../snapshots/samples-comparison.json"))
        .expect("the stored comparison reads back")
}

fn app(theme: Theme) -> Harness<'static, App> {
    let cmp = samples_comparison();
    Harness::builder()
        .with_max_steps(64)
        .with_size([1400.0, 860.0])
        .with_theme(theme)
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppConfig {
                    startup: Startup::Comparison(Box::new(cmp)),
                    jobs: JobMode::Inline,
                    dialogs: Box::new(NativeDialogs),
                },
            )
        })
}

fn aligned_with_a_difference(theme: Theme, name: &str) {
    let mut h = app(theme);
    h.run();
    h.get_by_label("Next difference").click();
    h.run();
    h.get_by_label("Next difference").click();
    h.run();
    h.snapshot(name);
}

#[test]
fn aligned_view_dark() {
    aligned_with_a_difference(Theme::Dark, "aligned_dark");
}

#[test]
fn aligned_view_light() {
    aligned_with_a_difference(Theme::Light, "aligned_light");
}

#[test]
fn documents_view_dark() {
    let mut h = app(Theme::Dark);
    h.run();
    h.get_by_label("Next difference").click();
    h.run();
    h.get_by_label("Show in documents").click();
    h.run();
    h.snapshot("documents_dark");
}

#[test]
fn documents_view_light() {
    let mut h = app(Theme::Light);
    h.run();
    h.get_by_label("Documents").click();
    h.run();
    h.snapshot("documents_light");
}
