//! The document view: every source's full text side by side, scrolled together.
//!
//! Passages that are aligned with other sources are tinted, the selected group's passages are
//! highlighted, and boilerplate is shown dimmed. With synchronized scrolling on, scrolling one
//! column scrolls the others so that the passage aligned with the one at the top of that column
//! comes to the top of theirs.

use egui::{RichText, Sense, TextStyle};

use super::app::{App, Command};
use super::theme::{Mark, append_highlighted, diff_format};

/// Scroll state of the document columns, kept between frames.
#[derive(Debug, Clone)]
pub struct DocScroll {
    /// Scroll synchronization on or off.
    pub sync: bool,
    /// Offset of each column at the end of the last frame.
    offsets: Vec<f32>,
    /// Offsets to apply on the next frame (set by synchronization or "show in documents").
    pending: Vec<Option<f32>>,
    /// Top of each passage of each column, in content coordinates, with its group index.
    tops: Vec<Vec<(f32, Option<usize>)>>,
    /// A group to bring to the top of every column once the layout is known.
    reveal: Option<usize>,
}

impl Default for DocScroll {
    fn default() -> Self {
        Self {
            sync: true,
            offsets: Vec::new(),
            pending: Vec::new(),
            tops: Vec::new(),
            reveal: None,
        }
    }
}

impl DocScroll {
    /// Brings `group`'s passages to the top of their columns.
    pub fn reveal(&mut self, group: usize) {
        self.reveal = Some(group);
    }

    fn resize(&mut self, n: usize) {
        self.offsets.resize(n, 0.0);
        self.pending.resize(n, None);
        self.tops.resize(n, Vec::new());
    }

    /// Top of `group`'s passage in column `d`.
    fn top_of(&self, d: usize, group: usize) -> Option<f32> {
        self.tops
            .get(d)?
            .iter()
            .find(|(_, g)| *g == Some(group))
            .map(|(t, _)| *t)
    }

    /// After column `leader` moved to `offset`: where the other columns should go.
    fn follow(&mut self, leader: usize, offset: f32) {
        let Some(tops) = self.tops.get(leader) else {
            return;
        };
        // The last aligned passage starting at or above the top edge is the anchor.
        let anchor = tops
            .iter()
            .rfind(|(t, g)| g.is_some() && *t <= offset + 1.0)
            .or_else(|| tops.iter().find(|(_, g)| g.is_some()));
        let Some(&(anchor_top, Some(group))) = anchor else {
            return;
        };
        let delta = offset - anchor_top;
        for d in 0..self.tops.len() {
            if d == leader {
                continue;
            }
            if let Some(t) = self.top_of(d, group) {
                self.pending[d] = Some((t + delta).max(0.0));
            }
        }
    }
}

impl App {
    pub(super) fn documents_view(&mut self, ui: &mut egui::Ui) {
        let p = Self::palette(ui.ctx());
        let n = self.cmp.documents.len();
        ui.horizontal(|ui| {
            ui.heading("Documents");
            ui.checkbox(&mut self.docs.sync, "Synchronized scrolling");
        });
        ui.separator();
        if n == 0 {
            ui.label("No readable articles.");
            return;
        }
        self.docs.resize(n);
        if let Some(g) = self.docs.reveal {
            // Positions are known once the columns have been laid out in an earlier frame.
            if self.docs.tops.iter().any(|t| !t.is_empty()) {
                self.docs.reveal = None;
                for d in 0..n {
                    if let Some(t) = self.docs.top_of(d, g) {
                        self.docs.pending[d] = Some(t);
                    }
                }
            }
            ui.ctx().request_repaint();
        }
        let font = TextStyle::Body.resolve(ui.style());
        let query = self.search.trim().to_string();
        let spacing = ui.spacing().item_spacing.x;
        let col = ((ui.available_width() - spacing * n as f32) / n as f32).max(180.0);
        let height = ui.available_height();
        let mut leader = None;
        let mut select = None;
        egui::ScrollArea::horizontal()
            .id_salt("documents-h")
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    for (d, doc) in self.cmp.documents.iter().enumerate() {
                        ui.allocate_ui_with_layout(
                            egui::vec2(col, height),
                            egui::Layout::top_down(egui::Align::LEFT),
                            |ui| {
                                ui.set_width(col);
                                ui.add(
                                    egui::Label::new(RichText::new(&doc.title).strong()).truncate(),
                                )
                                .on_hover_text(&doc.path);
                                let date = doc.dateline.as_deref().unwrap_or("no dateline");
                                ui.label(RichText::new(date).small().color(p.weak));
                                ui.separator();
                                let mut area = egui::ScrollArea::vertical()
                                    .id_salt(("document", d))
                                    .auto_shrink(false);
                                let forced = self.docs.pending[d].take();
                                if let Some(off) = forced {
                                    area = area.vertical_scroll_offset(off);
                                }
                                let mut tops = Vec::with_capacity(doc.passages.len());
                                let out = area.show(ui, |ui| {
                                    let origin = ui.min_rect().top();
                                    let mut para = None;
                                    ui.horizontal_wrapped(|ui| {
                                        ui.spacing_mut().item_spacing.x = 0.0;
                                        for passage in &doc.passages {
                                            if para.is_some_and(|x| x != passage.paragraph) {
                                                ui.end_row();
                                                ui.add_space(ui.spacing().item_spacing.y);
                                                ui.end_row();
                                            }
                                            para = Some(passage.paragraph);
                                            let group = passage.group.as_deref().and_then(|id| {
                                                id.strip_prefix('g')?.parse::<usize>().ok()
                                            });
                                            let mut fmt =
                                                diff_format(&p, font.clone(), Mark::Plain, false);
                                            if passage.boilerplate {
                                                fmt.color = p.weak;
                                                fmt.italics = true;
                                            } else if group.is_some() && group == self.selected {
                                                fmt.background = p.selected_bg;
                                            } else if group.is_some() {
                                                fmt.background = p.grouped_bg;
                                            }
                                            let mut job = egui::text::LayoutJob::default();
                                            append_highlighted(
                                                &mut job,
                                                &passage.text,
                                                &query,
                                                fmt.clone(),
                                                &p,
                                            );
                                            job.append(" ", 0.0, fmt);
                                            let mut label = egui::Label::new(job).wrap();
                                            if group.is_some() {
                                                label = label.sense(Sense::click());
                                            }
                                            let r = ui.add(label);
                                            let r = match (&passage.boilerplate_reason, group) {
                                                (Some(why), _) => r.on_hover_text(format!(
                                                    "Boilerplate, not aligned: {why}"
                                                )),
                                                (None, Some(g)) => r.on_hover_text(format!(
                                                    "Aligned in group {}",
                                                    g + 1
                                                )),
                                                (None, None) => r,
                                            };
                                            if r.clicked() {
                                                select = group;
                                            }
                                            tops.push((r.rect.top() - origin, group));
                                        }
                                    });
                                });
                                let off = out.state.clamped_offset().y;
                                let moved = (off - self.docs.offsets[d]).abs() > 0.5;
                                if moved && forced.is_none() && leader.is_none() {
                                    leader = Some((d, off));
                                }
                                self.docs.offsets[d] = off;
                                self.docs.tops[d] = tops;
                            },
                        );
                    }
                });
            });
        if let (true, Some((d, off))) = (self.docs.sync, leader) {
            self.docs.follow(d, off);
            ui.ctx().request_repaint();
        }
        if let Some(g) = select {
            self.commands.push(Command::Select(g));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn following_keeps_the_aligned_passage_at_the_same_height() {
        let mut s = DocScroll::default();
        s.resize(2);
        s.tops[0] = vec![
            (0.0, None),
            (100.0, Some(0)),
            (300.0, Some(1)),
            (500.0, None),
        ];
        s.tops[1] = vec![(0.0, Some(1)), (80.0, None), (400.0, Some(0))];
        s.follow(0, 320.0);
        assert_eq!(s.pending[1], Some(20.0));
        s.follow(0, 150.0);
        assert_eq!(s.pending[1], Some(450.0));
        assert_eq!(s.pending[0], None);
    }
}
