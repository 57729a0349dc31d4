//! The window's chrome: the keys, the toolbar and its comparison-file menu, the status bar, the
//! notifications, the hint shown while files are dragged over the window, and the empty window.
//! Like the views, it reads the app's state and pushes commands.

use std::path::PathBuf;

use egui::{Align2, Color32, Key, KeyboardShortcut, Modifiers, RichText, Theme};

use super::app::{App, plural};
use super::commands::Command;
use super::state::{Level, View};

impl App {
    pub(super) fn handle_keys(&mut self, ctx: &egui::Context) {
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        let typing = ctx.egui_wants_keyboard_input();
        ctx.input_mut(|i| {
            if i.consume_shortcut(&open) {
                self.commands.push(Command::Open);
            }
            if i.consume_shortcut(&save) {
                self.commands.push(Command::Save);
            }
            if i.consume_key(Modifiers::NONE, Key::F8)
                || (!typing && i.consume_key(Modifiers::NONE, Key::N))
            {
                self.commands.push(Command::Next);
            }
            if i.consume_key(Modifiers::NONE, Key::F7)
                || (!typing && i.consume_key(Modifiers::NONE, Key::P))
            {
                self.commands.push(Command::Prev);
            }
            // Shift+C first: a key without Shift would take it too (egui ignores extra Shift).
            if !typing && i.consume_key(Modifiers::SHIFT, Key::C) {
                self.commands.push(Command::PrevConflict);
            }
            if !typing && i.consume_key(Modifiers::NONE, Key::C) {
                self.commands.push(Command::NextConflict);
            }
            if i.consume_key(Modifiers::NONE, Key::F1)
                || (!typing && i.consume_key(Modifiers::NONE, Key::Questionmark))
                || (!typing && i.consume_key(Modifiers::SHIFT, Key::Questionmark))
                || (!typing && i.consume_key(Modifiers::SHIFT, Key::Slash))
            {
                self.commands.push(Command::ToggleHelp);
            }
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F)) {
                self.commands.push(Command::FocusSearch);
            }
            for (key, view) in [
                (Key::Num1, View::Aligned),
                (Key::Num2, View::Documents),
                (Key::Num3, View::Findings),
            ] {
                if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, key)) {
                    self.commands.push(Command::SetView(view));
                }
            }
        });
        // Ctrl+V outside a text field pastes the clipboard's text as a new source.
        if !typing {
            let pasted: Vec<String> = ctx.input(|i| {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Paste(text) => Some(text.clone()),
                        _ => None,
                    })
                    .collect()
            });
            for text in pasted {
                self.commands.push(Command::Paste(text));
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::AddFiles(dropped));
        }
    }

    pub(super) fn toolbar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if ui
                .button("Open…")
                .on_hover_text("Add articles to the comparison (Ctrl+O)")
                .clicked()
            {
                self.commands.push(Command::Open);
            }
            let can_save = !self.cmp.documents.is_empty();
            if ui
                .add_enabled(can_save, egui::Button::new("Save report…"))
                .on_hover_text("Save the comparison as JSON, Markdown or HTML (Ctrl+S)")
                .clicked()
            {
                self.commands.push(Command::Save);
            }
            self.comparison_menu(ui, can_save);
            ui.separator();
            for (v, name) in [
                (View::Aligned, "Aligned"),
                (View::Documents, "Documents"),
                (View::Findings, "Findings"),
            ] {
                if ui.selectable_label(self.view == v, name).clicked() {
                    self.commands.push(Command::SetView(v));
                }
            }
            ui.separator();
            if ui
                .button("Previous difference")
                .on_hover_text("Go to the previous word difference (P or F7)")
                .clicked()
            {
                self.commands.push(Command::Prev);
            }
            if ui
                .button("Next difference")
                .on_hover_text("Go to the next word difference (N or F8)")
                .clicked()
            {
                self.commands.push(Command::Next);
            }
            ui.separator();
            let label = ui.label("Search");
            let search = egui::TextEdit::singleline(&mut self.search)
                .hint_text("words in groups")
                .desired_width(180.0);
            let r = ui.add(search).labelled_by(label.id).on_hover_text("Ctrl+F");
            if std::mem::take(&mut self.focus_search) {
                r.request_focus();
            }
            if r.changed() {
                self.cursor = None;
            }
            if !self.search.is_empty() && ui.button("Clear search").clicked() {
                self.search.clear();
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (label, next) = match ui.ctx().theme() {
                    Theme::Dark => ("Light theme", Theme::Light),
                    Theme::Light => ("Dark theme", Theme::Dark),
                };
                if ui.button(label).clicked() {
                    self.commands.push(Command::SetTheme(next));
                }
                if ui
                    .button("Keys")
                    .on_hover_text("The keyboard shortcuts (F1 or ?)")
                    .clicked()
                {
                    self.commands.push(Command::ToggleHelp);
                }
                if ui
                    .selectable_label(self.show_details, "Details")
                    .on_hover_text("Show or hide the Details panel")
                    .clicked()
                {
                    self.commands.push(Command::ToggleDetails);
                }
            });
        });
    }

    /// The menu of comparison files: open, save, and the recently used ones.
    pub(super) fn comparison_menu(&mut self, ui: &mut egui::Ui, can_save: bool) {
        ui.menu_button("Comparison file", |ui| {
            if ui
                .button("Open comparison…")
                .on_hover_text("Open a saved comparison (.crosscheck)")
                .clicked()
            {
                self.commands.push(Command::OpenComparison);
                ui.close();
            }
            if ui
                .add_enabled(can_save, egui::Button::new("Save fact-check memo…"))
                .on_hover_text(
                    "A report of only the conflicts and the findings you marked, with their passages",
                )
                .clicked()
            {
                self.commands.push(Command::SaveMemo);
                ui.close();
            }
            if ui
                .add_enabled(can_save, egui::Button::new("Save comparison…"))
                .on_hover_text(
                    "Save the sources with a copy of each, to reopen this comparison later",
                )
                .clicked()
            {
                self.commands.push(Command::SaveComparison);
                ui.close();
            }
            ui.separator();
            ui.label(RichText::new("Recent comparisons").strong());
            if self.recent.is_empty() {
                ui.label(RichText::new("None yet").weak());
            }
            for path in &self.recent {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if ui
                    .button(&name)
                    .accessible_name(format!("Reopen {name}"))
                    .on_hover_text(path.display().to_string())
                    .clicked()
                {
                    self.commands.push(Command::OpenRecent(path.clone()));
                    ui.close();
                }
            }
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let groups = self.cmp.groups.len();
            let diffs = self.differences();
            let list = super::conflicts::conflicts(&self.cmp);
            let conflicts = list.len();
            if conflicts > 0 {
                ui.label(
                    RichText::new(format!(
                        "✗ {conflicts} {}",
                        plural(conflicts, "conflict", "conflicts")
                    ))
                    .color(Self::palette(ui.ctx()).conflict)
                    .strong(),
                );
                if let Some(i) = self
                    .conflict_cursor
                    .and_then(|c| list.iter().position(|x| *x == c))
                {
                    ui.label(format!("(conflict {} of {conflicts})", i + 1));
                }
                ui.separator();
            }
            let ids: Vec<&str> = self.cmp.documents.iter().map(|d| d.id.as_str()).collect();
            let mut text = format!(
                "{} · {groups} {} · {} {}",
                crate::copies::count_words(&self.cmp, ids),
                plural(groups, "group", "groups"),
                diffs.len(),
                plural(diffs.len(), "difference", "differences"),
            );
            if !self.cmp.findings.is_empty() {
                text.push_str(&format!(" · {} fact findings", self.cmp.findings.len()));
            }
            let only: usize = self.only.iter().map(|r| r.passages.len()).sum();
            if only > 0 {
                text.push_str(&format!(
                    " · {only} {} in one source only",
                    plural(only, "passage", "passages")
                ));
            }
            ui.label(text);
            if let Some(i) = self.cursor.and_then(|c| diffs.iter().position(|d| *d == c)) {
                ui.separator();
                ui.label(format!("Difference {} of {}", i + 1, diffs.len()));
            }
            if !self.cmp.warnings.is_empty() {
                ui.separator();
                let list: Vec<String> = self
                    .cmp
                    .warnings
                    .iter()
                    .map(|w| match &w.path {
                        Some(p) => format!("{p}: {}", w.message),
                        None => w.message.clone(),
                    })
                    .collect();
                let n = list.len();
                ui.label(format!("{n} {}", plural(n, "warning", "warnings")))
                    .on_hover_text(list.join("\n"));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if self.stale && self.jobs.progress().is_none() {
                    if ui
                        .button("Compare again")
                        .on_hover_text("Compare the sources as they are now")
                        .clicked()
                    {
                        self.commands.push(Command::Recompare);
                    }
                    let what = if self.cmp.documents.is_empty() {
                        "No compare has finished"
                    } else {
                        "Showing the last finished compare, not the sources as they are now"
                    };
                    ui.label(RichText::new(what).color(Self::palette(ui.ctx()).focus));
                }
                if self.writes.running() > 0 {
                    ui.spinner();
                    ui.label("Saving…");
                }
                if let Some(p) = self.jobs.progress() {
                    if ui
                        .button("Cancel")
                        .on_hover_text("Stop the running compare")
                        .clicked()
                    {
                        self.commands.push(Command::Cancel);
                    }
                    ui.add(
                        egui::ProgressBar::new(p.fraction)
                            .desired_width(220.0)
                            .text(format!("Comparing: {}", p.stage)),
                    );
                }
            });
        });
    }

    pub(super) fn notices_overlay(&mut self, ctx: &egui::Context) {
        if self.notices.is_empty() {
            return;
        }
        let p = Self::palette(ctx);
        egui::Area::new(egui::Id::unique("notices"))
            .order(egui::Order::Foreground)
            .anchor(Align2::RIGHT_TOP, [-12.0, 48.0])
            .show(ctx, |ui| {
                ui.set_max_width(420.0);
                if self.notices.len() > 1 && ui.small_button("Dismiss all").clicked() {
                    self.commands.push(Command::DismissAll);
                }
                for n in &self.notices {
                    let (tag, color) = match n.level {
                        Level::Info => ("Info", p.single),
                        Level::Warning => ("Warning", p.focus),
                        Level::Error => ("Error", p.conflict),
                    };
                    egui::Frame::popup(ui.style())
                        .stroke(egui::Stroke::new(1.5, color))
                        .show(ui, |ui| {
                            // Dismiss comes first, so a long notice cannot push it off screen;
                            // the text scrolls beyond a few lines.
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(tag).strong().color(color));
                                if ui.small_button("Dismiss").clicked() {
                                    self.commands.push(Command::Dismiss(n.id));
                                }
                            });
                            egui::ScrollArea::vertical()
                                .id_salt(("notice", n.id))
                                .max_height(160.0)
                                .show(ui, |ui| {
                                    ui.add(egui::Label::new(&n.text).wrap());
                                });
                        });
                }
            });
    }

    pub(super) fn drop_hint(ctx: &egui::Context) {
        if ctx.input(|i| i.raw.hovered_files.is_empty()) {
            return;
        }
        let rect = ctx.content_rect();
        let painter = ctx.layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop"),
        ));
        painter.rect_filled(rect, 0.0, Color32::from_black_alpha(160));
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            "Drop articles to add them",
            egui::FontId::proportional(24.0),
            Color32::WHITE,
        );
    }
    pub(super) fn empty_state(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.heading("No articles open");
            ui.label("Open two or more articles about one story to see how they differ.");
            ui.add_space(12.0);
            if ui.button("Open articles…").clicked() {
                self.commands.push(Command::Open);
            }
            if ui.button("Open the sample articles").clicked() {
                self.commands.push(Command::OpenSamples);
            }
            ui.add_space(8.0);
            ui.label(RichText::new("You can also drop files on this window.").weak());
        });
    }
}
