//! What the app remembers between sessions: the sources with the datelines the user set, the
//! theme, the view and how it shows things.

#![cfg(feature = "gui")]

use std::collections::BTreeMap;
use std::path::PathBuf;

use crosscheck::gui::{App, AppConfig, JobMode, NativeDialogs, Startup};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[derive(Default)]
struct MemoryStorage(BTreeMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_string(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

fn config(startup: Startup) -> AppConfig {
    AppConfig {
        startup,
        jobs: JobMode::Inline,
        dialogs: Box::new(NativeDialogs),
    }
}

fn articles(dir: &std::path::Path) -> Vec<PathBuf> {
    let texts = [
        (
            "quarry_a.txt",
            "Lindfeld quarry strike\n\nWorkers at the Lindfeld quarry went on strike on Monday over unpaid overtime, their union said.\n\nThe quarry employs 340 people.\n",
        ),
        (
            "quarry_b.txt",
            "Quarry walkout in Lindfeld\n\nWorkers at the Lindfeld quarry walked out on Monday over unpaid overtime, the union said.\n\nThe company employs about 350 people at the site.\n",
        ),
    ];
    texts
        .iter()
        .map(|(n, t)| {
            let p = dir.join(n);
            std::fs::write(&p, t).expect("write article");
            p
        })
        .collect()
}

#[test]
fn sources_datelines_and_theme_come_back_in_the_next_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = articles(dir.path());
    let mut storage = MemoryStorage::default();
    {
        let mut h = Harness::builder()
            .with_max_steps(64)
            .with_size([1400.0, 900.0])
            .with_theme(egui::Theme::Dark)
            .build_eframe(|cc| App::new(cc, config(Startup::Files(files.clone()))));
        h.run();
        h.get_by_label("Light theme").click();
        h.run();
        h.get_by_label("Dateline of quarry_b.txt").focus();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        h.get_by_label("Dateline of quarry_b.txt")
            .type_text("2029-11-05");
        h.run();
        h.key_press(Key::Enter);
        h.run();
        h.get_by_label_contains("Passages only one source has")
            .click();
        h.run();
        h.get_by_label("Documents").click();
        h.run();
        h.get_by_label("Synchronized scrolling").click();
        h.run();
        eframe::App::save(h.state_mut(), &mut storage);
    }
    let mut h = Harness::builder()
        .with_max_steps(64)
        .with_size([1400.0, 900.0])
        .with_theme(egui::Theme::Dark)
        .build_eframe(|cc| {
            cc.storage = Some(&storage);
            App::new(cc, config(Startup::Restore))
        });
    h.run();
    assert!(
        h.query_by_label("Dark theme").is_some(),
        "the light theme is back"
    );
    assert!(h.query_by_label("Remove quarry_a.txt").is_some());
    assert!(h.query_by_label("Remove quarry_b.txt").is_some());
    assert!(
        h.query_by_label("set by you").is_some(),
        "the dateline the user set is back"
    );
    assert_eq!(
        h.state().comparison().documents[1].dateline.as_deref(),
        Some("2029-11-05")
    );
    let off = Some(egui::accesskit::Toggled::False);
    assert_eq!(
        h.get_by_label("Synchronized scrolling")
            .accesskit_node()
            .toggled(),
        off,
        "the documents view is back, with scrolling unsynchronized as the user left it"
    );
    h.get_by_label("Aligned").click();
    h.run();
    assert_eq!(
        h.get_by_label_contains("Passages only one source has")
            .accesskit_node()
            .toggled(),
        off,
        "rows of passages only one source has stay hidden"
    );
}
