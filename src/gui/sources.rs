//! The Sources panel: the articles being compared, what was found in each (title, dateline and
//! where it came from, kind, encoding), the dateline the user can correct, and the ways to add or
//! remove articles.

use egui::RichText;

use crate::model::DatelineOrigin;

use super::app::App;
use super::commands::Command;

impl App {
    pub(super) fn sources_panel(&mut self, ui: &mut egui::Ui) {
        let p = Self::palette(ui.ctx());
        ui.add_space(4.0);
        ui.heading("Sources");
        let stories = {
            let mut s: Vec<usize> = self.cmp.documents.iter().map(|d| d.story).collect();
            s.sort_unstable();
            s.dedup();
            s.len()
        };
        egui::ScrollArea::vertical()
            .id_salt("sources-scroll")
            .auto_shrink([false, true])
            .max_height(ui.available_height() - 150.0)
            .show(ui, |ui| {
                for (i, s) in self.sources.iter_mut().enumerate() {
                    let shown = s.shown();
                    let name = s.name();
                    let doc = self.cmp.documents.iter().find(|d| d.path == shown);
                    let unreadable = self.unreadable.iter().find(|(path, _)| *path == shown);
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        match doc {
                            Some(d) => {
                                ui.add(egui::Label::new(RichText::new(&d.title).strong()).wrap());
                                let mut about = format!("{name} · {} · {}", d.kind, d.encoding);
                                if let Some(site) = &d.site {
                                    about = format!("{site} · {about}");
                                }
                                if stories > 1 {
                                    about.push_str(&format!(" · story {}", d.story + 1));
                                }
                                ui.label(RichText::new(about).small().color(p.weak));
                                if let Some(crate::session::Origin::Web {
                                    final_url,
                                    fetched_at,
                                    ..
                                }) = s.stored.as_ref().and_then(|st| st.origin.as_ref())
                                {
                                    let when = fetched_at.replace('T', " ").replace('Z', " UTC");
                                    ui.label(
                                        RichText::new(format!("Fetched {when}"))
                                            .small()
                                            .color(p.weak),
                                    )
                                    .on_hover_text(format!(
                                        "From {final_url}; saved comparisons keep this copy"
                                    ));
                                }
                                // Facts are read in English only: a source in another language
                                // says so where its facts would be.
                                if d.language != crate::language::ENGLISH.code {
                                    let name = crate::language::by_code(&d.language)
                                        .map_or(d.language.as_str(), |l| l.name);
                                    ui.label(
                                        RichText::new(format!(
                                            "In {name}: facts not compared (read in English only)"
                                        ))
                                        .small()
                                        .color(p.weak),
                                    );
                                }
                            }
                            None => {
                                ui.add(egui::Label::new(RichText::new(&name).strong()).wrap());
                                match unreadable {
                                    Some((_, why)) => {
                                        ui.label(
                                            RichText::new(format!("Cannot read: {why}"))
                                                .color(p.conflict),
                                        );
                                    }
                                    None => {
                                        ui.label(
                                            RichText::new("waiting for the compare…").color(p.weak),
                                        );
                                    }
                                }
                            }
                        }
                        ui.horizontal(|ui| {
                            ui.label("Dateline");
                            let edit = egui::TextEdit::singleline(&mut s.date_text)
                                .hint_text("YYYY-MM-DD")
                                .desired_width(96.0);
                            let r = ui.add(edit).accessible_name(format!("Dateline of {name}"));
                            if r.lost_focus() {
                                self.commands.push(Command::CommitDateline(i));
                            }
                            if s.dateline.is_some()
                                && ui
                                    .small_button("Reset")
                                    .on_hover_text("Use the dateline found in the article")
                                    .clicked()
                            {
                                self.commands.push(Command::ResetDateline(i));
                            }
                        });
                        let found = doc.map(|d| (d.dateline.is_some(), d.dateline_source.as_ref()));
                        let how = match found {
                            Some((_, Some(src))) => Some(match src.origin {
                                DatelineOrigin::Text => {
                                    format!("found in the text: \"{}\"", src.text)
                                }
                                DatelineOrigin::Metadata => {
                                    format!("from the page metadata: {}", src.text)
                                }
                                DatelineOrigin::Override => "set by you".to_string(),
                            }),
                            Some((false, None)) => Some(
                                "no dateline found; relative dates stay unresolved".to_string(),
                            ),
                            _ => None,
                        };
                        if let Some(how) = how {
                            ui.label(RichText::new(how).small().color(p.weak));
                        }
                        let remove = ui
                            .small_button("Remove")
                            .accessible_name(format!("Remove {name}"))
                            .on_hover_text(format!("Remove {name} from the comparison"));
                        if remove.clicked() {
                            self.commands.push(Command::Remove(i));
                        }
                    });
                    ui.add_space(4.0);
                }
            });
        ui.separator();
        let label = ui.label("Add by path or link");
        ui.horizontal(|ui| {
            let edit = egui::TextEdit::singleline(&mut self.typed_path)
                .hint_text("file, folder or https://…")
                .desired_width(ui.available_width() - 50.0);
            let r = ui.add(edit).labelled_by(label.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Add").clicked() || enter {
                self.commands.push(Command::AddTypedPath);
            }
        });
        egui::CollapsingHeader::new("Paste text")
            .id_salt("paste-text")
            .show(ui, |ui| {
                let label = ui.label(RichText::new("Article text").small().color(p.weak));
                ui.add(
                    egui::TextEdit::multiline(&mut self.paste_text)
                        .hint_text("Paste an article here (Ctrl+V)")
                        .desired_rows(4)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
                let any = !self.paste_text.trim().is_empty();
                if ui
                    .add_enabled(any, egui::Button::new("Add as source"))
                    .clicked()
                {
                    self.commands.push(Command::Paste(self.paste_text.clone()));
                }
            });
        ui.horizontal(|ui| {
            if ui.button("Open samples").clicked() {
                self.commands.push(Command::OpenSamples);
            }
            if !self.sources.is_empty() && ui.button("Close all").clicked() {
                self.commands.push(Command::CloseAll);
            }
        });
        ui.label(
            RichText::new(
                "Tip: drop files or folders on the window to add them, or press Ctrl+V to add \
                 copied text.",
            )
            .small()
            .color(p.weak),
        );
    }
}
