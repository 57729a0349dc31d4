//! Conflicts first: the list of the comparison's conflicts at the top of the aligned view, each
//! one click from its passages; stepping from conflict to conflict (`C`, `Shift+C`); and the
//! overview strip beside the rows that shows where the disagreements are, like a diff tool's
//! minimap.

use egui::{RichText, Sense, Vec2};

use crate::model::{Comparison, FindingStatus};

use super::app::{App, plural};
use super::commands::Command;
use super::nav::Row;
use super::rows::RowHeights;
use super::state::View;

/// Conflicts listed in the strip before "and N more".
const STRIP_MAX: usize = 6;
/// Width of the overview strip.
pub const OVERVIEW_WIDTH: f32 = 12.0;

/// The comparison's conflicts (indices into its findings), in finding order.
pub fn conflicts(cmp: &Comparison) -> Vec<usize> {
    cmp.findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.status == FindingStatus::Conflict)
        .map(|(i, _)| i)
        .collect()
}

/// The group (index) a finding's passages are aligned in: its own, or the first mention's.
pub fn group_of_finding(cmp: &Comparison, f: usize) -> Option<usize> {
    let f = cmp.findings.get(f)?;
    let id = f.group.clone().or_else(|| {
        f.mentions
            .iter()
            .find_map(|m| cmp.passage_at(&m.document, m.start)?.group.clone())
    })?;
    cmp.groups.iter().position(|g| g.id == id)
}

/// The worst status of the findings of each group (conflict before developing figures), for the
/// overview strip: `[group] -> status`.
pub fn group_status(cmp: &Comparison) -> Vec<Option<FindingStatus>> {
    let mut out = vec![None; cmp.groups.len()];
    for (i, f) in cmp.findings.iter().enumerate() {
        if !matches!(
            f.status,
            FindingStatus::Conflict | FindingStatus::Developing
        ) {
            continue;
        }
        if let Some(g) = group_of_finding(cmp, i) {
            let slot: &mut Option<FindingStatus> = &mut out[g];
            if slot.is_none_or(|s| f.status < s) {
                *slot = Some(f.status);
            }
        }
    }
    out
}

impl App {
    /// Steps to the next (or previous) conflict: its group is selected and brought into view.
    pub(super) fn step_conflict(&mut self, forward: bool) {
        let list = conflicts(&self.cmp);
        let at = self
            .conflict_cursor
            .and_then(|c| list.iter().position(|x| *x == c));
        if let Some(i) = super::nav::step(at, list.len(), forward) {
            self.go_to_finding(list[i]);
        }
    }

    /// Brings finding `f`'s passages into view in the aligned view (its group selected).
    pub(super) fn go_to_finding(&mut self, f: usize) {
        if self
            .cmp
            .findings
            .get(f)
            .is_some_and(|x| x.status == FindingStatus::Conflict)
        {
            self.conflict_cursor = Some(f);
        }
        match group_of_finding(&self.cmp, f) {
            Some(g) => {
                self.cursor = None;
                self.show_group(g);
            }
            None => {
                // A title or a record holds across whole articles: its card shows the evidence.
                self.view = View::Findings;
                self.focus_finding = self.cmp.findings.get(f).map(|x| x.id.clone());
            }
        }
    }

    /// Stories the aligner found may hold two look-alike events, said over the aligned
    /// passages: the reader should know before trusting a group that joins them.
    pub(super) fn two_events_notice(&self, ui: &mut egui::Ui) {
        let p = Self::palette(ui.ctx());
        for w in self
            .cmp
            .warnings
            .iter()
            .filter(|w| w.path.is_none() && w.message.starts_with(crate::align::TWO_EVENTS))
        {
            let mut text = w.message.clone();
            if let Some(first) = text.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            ui.label(
                RichText::new(format!("⚠ {text}"))
                    .small()
                    .color(p.developing),
            );
        }
    }

    /// The conflicts of the comparison, listed at the top of the aligned view; none when there
    /// are none.
    pub(super) fn conflict_strip(&mut self, ui: &mut egui::Ui) {
        let list = conflicts(&self.cmp);
        if list.is_empty() {
            return;
        }
        let p = Self::palette(ui.ctx());
        let mut go = None;
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.0, p.conflict))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "✗ {} {} between sources",
                            list.len(),
                            plural(list.len(), "conflict", "conflicts")
                        ))
                        .color(p.conflict)
                        .strong(),
                    )
                    .on_hover_text("C: next conflict · Shift+C: previous conflict");
                    for &f in list.iter().take(STRIP_MAX) {
                        let finding = &self.cmp.findings[f];
                        let current = self.conflict_cursor == Some(f);
                        let text = crate::report::about(finding)
                            .unwrap_or_else(|| finding.summary.clone());
                        let r = ui
                            .selectable_label(current, RichText::new(short(&text, 60)).small())
                            .on_hover_text(&finding.summary);
                        if r.clicked() {
                            go = Some(f);
                        }
                    }
                    if list.len() > STRIP_MAX {
                        let more = list.len() - STRIP_MAX;
                        if ui
                            .link(RichText::new(format!("and {more} more in Findings")).small())
                            .clicked()
                        {
                            self.commands.push(Command::SetView(View::Findings));
                        }
                    }
                });
            });
        if let Some(f) = go {
            self.commands.push(Command::GoToFinding(f));
        }
    }

    /// The overview strip beside the aligned rows: a tick where a row's group has a conflict
    /// (or figures that differ), placed by the row's position in the list; a click brings that
    /// row into view.
    pub(super) fn overview(
        &mut self,
        ui: &mut egui::Ui,
        list: &[Row],
        rows: &RowHeights,
        height: f32,
    ) {
        let p = Self::palette(ui.ctx());
        let (rect, response) =
            ui.allocate_exact_size(Vec2::new(OVERVIEW_WIDTH, height), Sense::click());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 2.0, p.weak.gamma_multiply(0.15));
        let status = group_status(&self.cmp);
        let total: f32 = (0..list.len())
            .map(|i| rows.height(i))
            .sum::<f32>()
            .max(1.0);
        // The whole list fits the strip; a list shorter than the view is drawn at its own size.
        let scale = (rect.height() / total).min(1.0);
        let mut ticks: Vec<(f32, usize)> = Vec::new();
        for (i, row) in list.iter().enumerate() {
            let Row::Group(g) = row else { continue };
            let Some(s) = status.get(*g).copied().flatten() else {
                continue;
            };
            let y = rect.top() + scale * rows.top(i);
            let h = (scale * rows.height(i) - 2.0).max(3.0);
            painter.rect_filled(
                egui::Rect::from_min_size(
                    egui::pos2(rect.left() + 1.0, y),
                    Vec2::new(rect.width() - 2.0, h),
                ),
                1.0,
                p.status(s),
            );
            ticks.push((y, *g));
        }
        let response = response.on_hover_text("Where the sources disagree: red for a conflict, amber for figures that differ. Click to go there.");
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(&(_, g)) = ticks
                .iter()
                .min_by(|a, b| (a.0 - pos.y).abs().total_cmp(&(b.0 - pos.y).abs()))
        {
            self.commands.push(Command::ShowGroup(g));
        }
    }
}

/// `s` cut to `n` characters with "…".
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, compare_texts};

    #[test]
    fn conflicts_are_found_with_their_groups() {
        let cmp = compare_texts(
            &[
                (
                    "a.txt",
                    "Storm hits Velmora\n\nThe storm killed 12 people in Velmora on Tuesday, the fire service said.\n\nThe harbour stayed closed.\n",
                ),
                (
                    "b.txt",
                    "Storm batters Velmora\n\nThe storm killed 15 people in Velmora on Tuesday, the fire service said.\n\nSchools will reopen on Monday.\n",
                ),
            ],
            &Options::default(),
        );
        let list = conflicts(&cmp);
        assert_eq!(list.len(), 1);
        let g = group_of_finding(&cmp, list[0]).expect("the tolls are aligned");
        assert!(
            cmp.groups[g].passages.iter().any(|id| cmp
                .passage(id)
                .is_some_and(|(_, p)| p.text.contains("killed 12"))),
            "the conflict's group is not the toll's"
        );
        assert_eq!(group_status(&cmp)[g], Some(FindingStatus::Conflict));
    }
}
