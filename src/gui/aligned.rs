//! The aligned view: one row per group of passages that report the same thing, one column per
//! source, each passage shown with its word differences from the group's reference passage
//! (inserted words underlined, removed words struck through, both also tinted).

use egui::text::LayoutJob;
use egui::{Align, Layout, RichText, Sense, TextStyle, Vec2};

use crate::model::{DiffTag, Group};

use super::app::{App, Command, plural};
use super::nav::{self, DiffLoc};
use super::theme::{Mark, Palette, append_highlighted, diff_format};

/// Space around a group's row (room for the selection outline).
const ROW_MARGIN: f32 = 4.0;
/// Narrowest a source column gets before the view scrolls sideways.
const MIN_COLUMN: f32 = 170.0;

impl App {
    pub(super) fn aligned_view(&mut self, ui: &mut egui::Ui) {
        let p = Self::palette(ui.ctx());
        let visible = nav::visible_groups(&self.cmp, &self.search);
        let total = self.cmp.groups.len();
        ui.horizontal(|ui| {
            ui.heading("Aligned passages");
            let what = if self.search.trim().is_empty() {
                format!("{total} {}", plural(total, "group", "groups"))
            } else {
                format!(
                    "{} of {total} groups match \"{}\"",
                    visible.len(),
                    self.search.trim()
                )
            };
            ui.label(RichText::new(what).color(p.weak));
        });
        ui.label(
            RichText::new("Underlined: words a source adds to the reference. Struck through: reference words it leaves out.")
                .small()
                .color(p.weak),
        );
        ui.separator();
        if total == 0 {
            let msg = if self.cmp.documents.len() < 2 {
                "Open at least two readable articles to align their passages."
            } else {
                "No passages were found that report the same thing in two or more sources."
            };
            ui.label(msg);
            return;
        }
        if visible.is_empty() {
            ui.label("No group matches the search.");
            return;
        }
        let ndocs = self.cmp.documents.len().max(1);
        let spacing = ui.spacing().item_spacing.x;
        let margin = 2.0 * ROW_MARGIN + ui.spacing().scroll.bar_width + 4.0;
        let col = ((ui.available_width() - margin - spacing * (ndocs as f32 - 1.0)) / ndocs as f32)
            .max(MIN_COLUMN);
        let row_width = col * ndocs as f32 + spacing * (ndocs as f32 - 1.0);
        let font = TextStyle::Body.resolve(ui.style());
        let query = self.search.trim().to_string();
        let cursor = self.cursor;
        let scroll_to = self.scroll_to.take();
        let mut select = None;
        // Sideways scrolling (many sources) moves the titles with the columns; the titles stay
        // put when the rows scroll down.
        egui::ScrollArea::horizontal()
            .id_salt("aligned-h")
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    ui.add_space(ROW_MARGIN);
                    for d in &self.cmp.documents {
                        fixed(ui, col, |ui| {
                            ui.add(egui::Label::new(RichText::new(&d.title).strong()).truncate())
                                .on_hover_text(&d.path);
                            let date = d.dateline.as_deref().unwrap_or("no dateline");
                            ui.label(RichText::new(date).small().color(p.weak));
                        });
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("aligned-v")
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        for &g in &visible {
                            let Some(group) = self.cmp.groups.get(g) else { continue };
                            let selected = self.selected == Some(g);
                            let frame = egui::Frame::NONE
                                .inner_margin(ROW_MARGIN)
                                .corner_radius(4.0)
                                .stroke(if selected {
                                    egui::Stroke::new(1.5, p.focus)
                                } else {
                                    egui::Stroke::NONE
                                });
                            let row = frame.show(ui, |ui| {
                                ui.set_width(row_width);
                                let n = group.passages.len();
                                let text = RichText::new(format!(
                                    "Group {} · {} · {n} {}",
                                    g + 1,
                                    group.label,
                                    plural(n, "source", "sources")
                                ))
                                .small();
                                let r = ui
                                    .selectable_label(selected, text)
                                    .accessible_name(format!(
                                        "Group {}: {} ({n} sources)",
                                        g + 1,
                                        group.label
                                    ))
                                    .on_hover_text(format!(
                                        "Wording differs {:.0}% from the reference · cohesion {:.2}",
                                        group.disagreement * 100.0,
                                        group.cohesion
                                    ));
                                if r.clicked() {
                                    select = Some(g);
                                }
                                ui.horizontal_top(|ui| {
                                    for d in 0..self.cmp.documents.len() {
                                        let cell = fixed(ui, col, |ui| {
                                            if self.cell(ui, &p, &font, g, group, d, cursor.as_ref(), &query) {
                                                select = Some(g);
                                            }
                                        });
                                        if scroll_to == Some(g)
                                            && cursor.is_some_and(|c| cell_has(group, c.diff, d))
                                        {
                                            reveal(ui, cell.rect);
                                        }
                                    }
                                });
                            });
                            if scroll_to == Some(g) && cursor.is_none() {
                                reveal(ui, row.response.rect);
                            }
                            ui.separator();
                        }
                    });
            });
        if let Some(g) = select {
            self.commands.push(Command::Select(g));
        }
    }

    /// The passage of document `d` in group `g`, with its differences; true when clicked.
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &self,
        ui: &mut egui::Ui,
        p: &Palette,
        font: &egui::FontId,
        g: usize,
        group: &Group,
        d: usize,
        cursor: Option<&DiffLoc>,
        query: &str,
    ) -> bool {
        let Some(pid) = group
            .passages
            .iter()
            .find(|id| crate::model::parse_passage_id(id).is_some_and(|(doc, _)| doc == d))
        else {
            ui.label(RichText::new("not reported").italics().color(p.weak));
            return false;
        };
        let Some((_, passage)) = self.cmp.passage(pid) else {
            return false;
        };
        let mut job = LayoutJob::default();
        let diff = group
            .diffs
            .iter()
            .enumerate()
            .find(|(_, x)| &x.passage == pid);
        match diff {
            Some((di, diff)) => {
                for (oi, op) in diff.ops.iter().enumerate() {
                    let mark = match op.op {
                        DiffTag::Equal => Mark::Plain,
                        DiffTag::Insert => Mark::Inserted,
                        DiffTag::Delete => Mark::Removed,
                    };
                    let current =
                        cursor.is_some_and(|c| nav::op_in(c, g, di, oi)) && mark != Mark::Plain;
                    append_highlighted(
                        &mut job,
                        &op.text,
                        query,
                        diff_format(p, font.clone(), mark, current),
                        p,
                    );
                }
                if let Some(why) = &diff.approximate {
                    ui.label(
                        RichText::new(format!("approximate diff: {why}"))
                            .small()
                            .color(p.weak),
                    );
                }
            }
            None => {
                let tag = if group.reference == *pid {
                    "reference"
                } else {
                    ""
                };
                if !tag.is_empty() {
                    ui.label(RichText::new(tag).small().color(p.weak));
                }
                append_highlighted(
                    &mut job,
                    &passage.text,
                    query,
                    diff_format(p, font.clone(), Mark::Plain, false),
                    p,
                );
            }
        }
        ui.add(egui::Label::new(job).wrap().sense(Sense::click()))
            .clicked()
    }
}

/// True when diff `di` of `group` is the passage of document `d`.
fn cell_has(group: &Group, di: usize, d: usize) -> bool {
    group
        .diffs
        .get(di)
        .and_then(|x| crate::model::parse_passage_id(&x.passage))
        .is_some_and(|(doc, _)| doc == d)
}

/// Scrolls `rect` to the middle of the view vertically, and sideways only when it is not
/// already in view.
fn reveal(ui: &egui::Ui, rect: egui::Rect) {
    let clip = ui.clip_rect();
    let x = if clip.min.x <= rect.min.x && rect.max.x <= clip.max.x {
        clip.x_range()
    } else {
        rect.x_range()
    };
    ui.scroll_to_rect(
        egui::Rect::from_x_y_ranges(x, rect.y_range()),
        Some(Align::Center),
    );
}

/// A column of fixed width; returns the response of the whole cell.
fn fixed<R>(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> egui::Response {
    ui.allocate_ui_with_layout(Vec2::new(width, 0.0), Layout::top_down(Align::LEFT), |ui| {
        ui.set_width(width);
        add(ui)
    })
    .response
}
