//! Image snapshots of the app in the dark and the light theme (rendered on the CPU through
//! wgpu; on Debian install `mesa-vulkan-drivers`). Review a changed `*.new.png` by eye, then
//! accept it with `UPDATE_SNAPSHOTS=1`.

#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use crosscheck::gui::{App, AppConfig, JobMode, NativeDialogs, Startup};
use egui::Theme;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

fn app(theme: Theme) -> Harness<'static, App> {
    let files = samples();
    Harness::builder()
        .with_size([1400.0, 860.0])
        .with_theme(theme)
        .build_eframe(move |cc| {
            App::new(
                cc,
                AppConfig {
                    startup: Startup::Files(files),
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
