//! The aligned view: one row per group of passages that report the same thing, one column per
//! source, each passage shown with its word differences from the group's reference passage
//! (inserted words underlined, removed words struck through, both also tinted) and its facts
//! marked. Passages that only one source has get rows of their own ("Only in <source>"), where a
//! reader of that source meets them. Only the rows in view are laid out.

use std::hash::{Hash, Hasher};

use egui::{Align, Layout, RichText, Sense, TextStyle, Vec2};

use crate::model::{DiffMode, Group};

use super::app::{App, plural};
use super::commands::Command;
use super::conflicts::OVERVIEW_WIDTH;
use super::fold::{FoldedCell, Folding, outlet};
use super::marked::{Marked, Style, fact_tooltip};
use super::nav::{self, DiffLoc, Row, RowOrder};
use super::state::{Reading, RowLayout};
use crate::marks::OnlyIn;

/// Space around a group's row (room for the selection outline).
const ROW_MARGIN: f32 = 4.0;
/// Narrowest a source column gets before the view scrolls sideways.
const MIN_COLUMN: f32 = 170.0;
/// Width a compact row aims at for each cell (as many cells a line as fit).
const COMPACT_COLUMN: f32 = 300.0;

impl App {
    pub(super) fn aligned_view(&mut self, ui: &mut egui::Ui) {
        let p = Self::palette(ui.ctx());
        // The width of the view, taken before anything is drawn (a line wider than the view
        // would widen it).
        let width = ui.available_width();
        let visible = nav::visible_groups(&self.cmp, &self.search, self.order);
        let list = nav::visible_rows(
            &self.cmp,
            &visible,
            &self.only,
            &self.search,
            self.order,
            self.show_only,
        );
        let only: usize = list
            .iter()
            .map(|r| match r {
                Row::Only(o) => o.passages.len(),
                Row::Group(_) => 0,
            })
            .sum();
        let total = self.cmp.groups.len();
        ui.horizontal_wrapped(|ui| {
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
            ui.separator();
            self.order_menu(ui);
            ui.separator();
            self.reading_menu(ui);
            ui.separator();
            self.layout_menu(ui);
            if self.cmp.documents.len() > 1 {
                ui.separator();
                let mut show = self.show_only;
                let r = ui
                    .checkbox(&mut show, format!("Passages only one source has ({only})"))
                    .on_hover_text(
                        "Rows of passages no other source reports, placed after the group their source reports just before them",
                    );
                if r.changed() {
                    self.commands.push(Command::ShowOnly(show));
                }
            }
        });
        ui.label(
            RichText::new(
                "Word diff (near-copies): underlined words a source adds to the reference, struck-through words it leaves out. \
                 Paraphrase: blue words are shared with the reference, underlined ones only this source has, and \"not here\" lists what it leaves out. \
                 Tinted words state a fact, followed by its status: ✗ conflict, △ figures differ, ◆ one source, ✓ agree; point at one for its value.",
            )
            .small()
            .color(p.weak),
        );
        self.two_events_notice(ui);
        self.conflict_strip(ui);
        ui.separator();
        if list.is_empty() {
            let msg = if total > 0 {
                "No group matches the search."
            } else if self.cmp.documents.len() < 2 {
                "Open at least two readable articles to align their passages."
            } else {
                "No passages were found that report the same thing in two or more sources."
            };
            ui.label(msg);
            return;
        }
        if total == 0 {
            ui.label("No passages were found that report the same thing in two or more sources.");
        }
        let folding = Folding::new(&self.cmp, &self.unfolded);
        let ndocs = folding.shown.len().max(1);
        let spacing = ui.spacing().item_spacing.x;
        let margin =
            2.0 * ROW_MARGIN + ui.spacing().scroll.bar_width + 4.0 + OVERVIEW_WIDTH + spacing;
        let avail = width - margin;
        let overflow = ndocs as f32 * (MIN_COLUMN + spacing) > avail + spacing;
        let compact = match self.layout {
            RowLayout::Columns => false,
            RowLayout::Compact => true,
            RowLayout::Auto => overflow,
        };
        // Columns wider than the view scroll sideways; the reference of each row then stays at
        // the left edge, in a column of its own, with the row's label.
        let pinned = !compact && overflow && ndocs > 1;
        // Columns: every shown source side by side (scrolling sideways below the minimum
        // width). Compact: as many cells a line as fit at a readable width.
        let per_line = if compact {
            (((avail + spacing) / (COMPACT_COLUMN + spacing)).floor() as usize).clamp(1, ndocs)
        } else {
            ndocs
        };
        let slots = per_line + usize::from(pinned);
        let col = ((avail - spacing * (slots as f32 - 1.0)) / slots as f32).max(MIN_COLUMN);
        let row_width = col * slots as f32 + spacing * (slots as f32 - 1.0);
        // What the pinned column hides of the rows scrolled under it.
        let covered = if pinned { col + spacing } else { 0.0 };
        let font = TextStyle::Body.resolve(ui.style());
        let query = self.search.trim().to_string();
        let cursor = self.cursor;
        let scroll_to = self.scroll_to.take();
        let mut select = None;
        let mut flip: Vec<String> = Vec::new();
        let mut revealed = false;

        // Rows are laid out only when in view; their heights are measured then and estimated
        // from the length of their longest passage until then.
        let line = ui.fonts_mut(|f| f.row_height(&font));
        let chars_per_line = (col / (font.size * 0.5)).max(10.0);
        let item_y = ui.spacing().item_spacing.y;
        let cmp = &self.cmp;
        let folding_ref = &folding;
        let estimate = |i: usize| -> f32 {
            // Compact rows wrap their cells onto several lines, each titled by its source.
            let lines_of_cells = match list.get(i) {
                Some(Row::Group(g)) if compact => cmp.groups.get(*g).map_or(1, |g| {
                    let n = folding_ref
                        .shown
                        .iter()
                        .filter(|&&d| folding_ref.cell(cmp, g, d).is_some())
                        .count();
                    n.div_ceil(per_line).max(1)
                }),
                _ => 1,
            };
            let longest = match list.get(i) {
                Some(Row::Group(g)) => cmp.groups.get(*g).map_or(0, |g| {
                    g.passages
                        .iter()
                        .filter_map(|id| cmp.passage(id))
                        .map(|(_, p)| p.text.chars().count())
                        .max()
                        .unwrap_or(0)
                }),
                Some(Row::Only(o)) => cmp.documents[o.doc].passages[o.passages.clone()]
                    .iter()
                    .map(|p| p.text.chars().count() + 1)
                    .sum(),
                None => 0,
            };
            let lines = (longest as f32 / chars_per_line).ceil().max(1.0) + 1.0;
            lines_of_cells as f32 * (lines * line + item_y)
                + line
                + 2.0 * ROW_MARGIN
                + 3.0 * item_y
                + 6.0
        };
        let mut key = std::hash::DefaultHasher::new();
        (
            &list,
            col.round() as i64,
            font.size.to_bits(),
            total,
            &folding.shown,
            per_line,
            pinned,
            self.reading as u8,
            // The switched cells, in any order.
            self.flipped.iter().fold(0u64, |acc, id| {
                let mut h = std::hash::DefaultHasher::new();
                id.hash(&mut h);
                acc.wrapping_add(h.finish())
            }),
            self.cmp.documents.len(),
            self.cmp.groups.len(),
        )
            .hash(&mut key);
        // Rows are measured again when what they show changes; so are compact rows' lines.
        let rows_key = key.finish();
        self.aligned_rows.prepare(rows_key, list.len(), estimate);
        let target_row = scroll_to.and_then(|g| list.iter().position(|x| *x == Row::Group(g)));
        let target_top = target_row.map(|i| self.aligned_rows.top(i));

        let mut rows = std::mem::take(&mut self.aligned_rows);
        let st = Style {
            palette: &p,
            font,
            query: &query,
            index: &self.marks_index,
        };
        // Sideways scrolling (many sources) moves the titles with the columns; the titles stay
        // put when the rows scroll down.
        let mut fold = None;
        if compact {
            fold = self.fold_chips(ui, &folding);
        }
        let view_rect = ui.available_rect_before_wrap();
        let mut rows_top = view_rect.top();
        let strip = egui::Rect::from_min_max(
            egui::pos2(view_rect.right() - OVERVIEW_WIDTH, view_rect.top()),
            view_rect.max,
        );
        let mut left = view_rect;
        left.set_right(strip.left() - spacing);
        let mut inner = ui.new_child(egui::UiBuilder::new().max_rect(left));
        egui::ScrollArea::horizontal()
            .id_salt("aligned-h")
            .auto_shrink(false)
            .show(&mut inner, |ui| {
                if !compact {
                    ui.horizontal_top(|ui| {
                        ui.add_space(ROW_MARGIN);
                        let left = ui.cursor().left();
                        ui.add_space(covered);
                        for &d in &folding.shown {
                            fixed(ui, col, |ui| {
                                if let Some(set) = self.column_header(ui, &folding, d) {
                                    fold = Some(set);
                                }
                            });
                        }
                        if pinned {
                            let top = ui.min_rect().top();
                            let r = sticky(ui, left, top, col, |ui| {
                                ui.label(RichText::new("Reference").strong());
                                ui.label(
                                    RichText::new("each group's, named over it")
                                        .small()
                                        .color(p.weak),
                                );
                            });
                            ui.advance_cursor_after_rect(r);
                        }
                    });
                    ui.separator();
                }
                rows_top = ui.cursor().top();
                let mut area = egui::ScrollArea::vertical()
                    .id_salt("aligned-v")
                    .auto_shrink(false);
                let view_height = ui.available_height();
                let offset = ui
                    .ctx()
                    .data(|d| d.get_temp::<f32>(ui.scope_id().with("aligned-offset")))
                    .unwrap_or(0.0);
                if let Some(top) = target_top
                    && (top < offset || top > offset + view_height - 2.0 * line)
                {
                    // Not laid out yet: jump near it; the next frame puts it in the middle.
                    area = area.vertical_scroll_offset((top - view_height / 3.0).max(0.0));
                }
                let out = area.show_viewport(ui, |ui, viewport| {
                    rows.show(ui, viewport, 1, &mut |ui, i| {
                        let g = match list.get(i) {
                            Some(Row::Group(g)) => *g,
                            Some(Row::Only(o)) => {
                                // Pinned, they stand in the pinned column: their source's
                                // column may be scrolled out of view.
                                let slot = if compact || pinned {
                                    0
                                } else {
                                    folding.column_of(o.doc)
                                };
                                self.only_row(ui, &st, o, slot, col, row_width, pinned);
                                return;
                            }
                            None => return,
                        };
                        let Some(group) = self.cmp.groups.get(g) else {
                            return;
                        };
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
                            let n = group.document_count();
                            let ids = group.passages.iter().filter_map(|id| {
                                let (d, _) = crate::model::parse_passage_id(id)?;
                                self.cmp.documents.get(d).map(|x| x.id.as_str())
                            });
                            let text = RichText::new(format!(
                                "Group {} · {} · {}",
                                g + 1,
                                group.label,
                                crate::copies::count_words(&self.cmp, ids)
                            ))
                            .small();
                            let r = row_label(ui, pinned, |ui| ui.selectable_label(selected, text))
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
                            let cells = row_cells(&self.cmp, &folding, group, compact);
                            let pinned_at =
                                pinned.then(|| reference_column(&folding, group)).flatten();
                            for (li, line) in cells.chunks(per_line).enumerate() {
                                // A compact row can be taller than the view: a line of cells
                                // out of view, measured before, only takes its room.
                                let line_id = egui::Id::unique(("aligned-line", rows_key, g, li));
                                let known: Option<f32> = ui.data(|d| d.get_temp(line_id));
                                if let Some(h) = known
                                    && scroll_to != Some(g)
                                    && !ui.is_rect_visible(egui::Rect::from_min_size(
                                        ui.cursor().min,
                                        Vec2::new(row_width, h),
                                    ))
                                {
                                    ui.allocate_space(Vec2::new(row_width, h));
                                    continue;
                                }
                                let drawn = ui.horizontal_top(|ui| {
                                    let mut show_cell =
                                        |ui: &mut egui::Ui,
                                         d: usize,
                                         folded: Option<&FoldedCell>,
                                         titled: bool| {
                                            let at = (g, group, d, folded);
                                            let (c, f) = (cursor.as_ref(), &mut flip);
                                            if self.source_cell(ui, &st, &folding, at, titled, c, f)
                                            {
                                                select = Some(g);
                                            }
                                        };
                                    let left = ui.cursor().left();
                                    ui.add_space(covered);
                                    for (ci, (d, folded)) in line.iter().enumerate() {
                                        if pinned_at == Some(ci) {
                                            fixed(ui, col, |ui| {
                                                ui.label(
                                                    RichText::new(
                                                        "◂ the reference, pinned at left",
                                                    )
                                                    .small()
                                                    .italics()
                                                    .color(p.weak),
                                                );
                                            });
                                            continue;
                                        }
                                        let cell = fixed(ui, col, |ui| {
                                            show_cell(ui, *d, folded.as_ref(), compact);
                                        });
                                        let has_cursor = cursor.is_some_and(|c| {
                                            cell_has(
                                                group,
                                                c.diff,
                                                folded.as_ref().map_or(*d, |c| c.shown),
                                            )
                                        });
                                        if scroll_to == Some(g) && has_cursor {
                                            reveal(ui, cell.rect, covered);
                                            revealed = true;
                                        }
                                    }
                                    if let Some((d, folded)) = pinned_at.and_then(|i| line.get(i)) {
                                        let top = ui.min_rect().top();
                                        let r = sticky(ui, left, top, col, |ui| {
                                            show_cell(ui, *d, folded.as_ref(), true);
                                        });
                                        ui.advance_cursor_after_rect(r);
                                    }
                                });
                                let h = drawn.response.rect.height();
                                ui.data_mut(|d| d.insert_temp(line_id, h));
                            }
                        });
                        if scroll_to == Some(g) && cursor.is_none() {
                            // The whole row: up or down only, not sideways to its middle.
                            let rows = egui::Rect::from_x_y_ranges(
                                ui.clip_rect().x_range(),
                                row.response.rect.y_range(),
                            );
                            reveal(ui, rows, covered);
                            revealed = true;
                        }
                        ui.separator();
                    })
                });
                let id = ui.scope_id().with("aligned-offset");
                let y = out.state.clamped_offset().y;
                ui.ctx().data_mut(|d| d.insert_temp(id, y));
                if out.inner {
                    ui.ctx().request_repaint();
                }
            });
        let strip = egui::Rect::from_min_max(egui::pos2(strip.left(), rows_top), strip.max);
        let mut strip_ui = ui.new_child(egui::UiBuilder::new().max_rect(strip));
        self.overview(&mut strip_ui, &list, &rows, strip.height());
        ui.advance_cursor_after_rect(view_rect);
        if let Some(set) = fold {
            self.commands.push(Command::ToggleFold(set));
        }
        self.aligned_rows = rows;
        if let Some(g) = scroll_to
            && !revealed
            && target_row.is_some()
            && self.reveal_tries < 4
        {
            // The row was not in view this frame: try again once it has been scrolled to.
            self.reveal_tries += 1;
            self.scroll_to = Some(g);
            ui.ctx().request_repaint();
        } else {
            self.reveal_tries = 0;
        }
        if let Some(g) = select {
            self.commands.push(Command::Select(g));
        }
        self.commands
            .extend(flip.into_iter().map(Command::FlipReading));
    }

    /// The menu that lays the rows out in columns or compactly.
    fn layout_menu(&mut self, ui: &mut egui::Ui) {
        let label = ui.label("Layout");
        let mut layout = self.layout;
        egui::ComboBox::from_id_salt("row-layout")
            .selected_text(layout.label())
            .show_ui(ui, |ui| {
                for l in RowLayout::ALL {
                    ui.selectable_value(&mut layout, l, l.label());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(
                "Compact rows show only the sources that report a group, reference first",
            );
        if layout != self.layout {
            self.commands.push(Command::SetLayout(layout));
        }
    }

    /// A column's header: the source's outlet and dateline, its title on hover; for a folded
    /// copy set, how many outlets it stands for and a button to unfold it (whose set is
    /// returned when clicked). An unfolded set's first column offers to fold it again.
    fn column_header(&self, ui: &mut egui::Ui, folding: &Folding, d: usize) -> Option<usize> {
        let p = Self::palette(ui.ctx());
        let doc = &self.cmp.documents[d];
        ui.add(egui::Label::new(RichText::new(outlet(doc)).strong()).truncate())
            .on_hover_text(format!("{}\n{}", doc.title, doc.path));
        let date = doc.dateline.as_deref().unwrap_or("no dateline");
        ui.label(
            RichText::new(format!("{} · {date}", short_title(&doc.title)))
                .small()
                .color(p.weak),
        )
        .on_hover_text(&doc.title);
        let set = folding.stands_for[d].or_else(|| {
            (0..folding.members.len())
                .find(|i| folding.members[*i].first() == Some(&d) && self.unfolded.contains(i))
        })?;
        let n = folding.members[set].len();
        let folded = folding.stands_for[d].is_some();
        let text = if folded {
            format!("one text · {n} outlets ▸ unfold")
        } else {
            format!("one text · {n} outlets ◂ fold")
        };
        let names: Vec<String> = folding.members[set]
            .iter()
            .map(|&x| outlet(&self.cmp.documents[x]))
            .collect();
        ui.link(RichText::new(text).small())
            .on_hover_text(format!("Copies of one text: {}", names.join(", ")))
            .clicked()
            .then_some(set)
    }

    /// Compact rows have no column headers: the copy sets are listed above the rows, each
    /// with its fold switch; returns the set clicked.
    fn fold_chips(&self, ui: &mut egui::Ui, folding: &Folding) -> Option<usize> {
        if folding.members.is_empty() {
            return None;
        }
        let mut clicked = None;
        ui.horizontal_wrapped(|ui| {
            for (set, m) in folding.members.iter().enumerate() {
                let Some(&first) = m.first() else { continue };
                let folded = !self.unfolded.contains(&set);
                let text = format!(
                    "{} {} · one text, {} outlets",
                    if folded { "▸" } else { "◂" },
                    outlet(&self.cmp.documents[first]),
                    m.len()
                );
                let names: Vec<String> =
                    m.iter().map(|&x| outlet(&self.cmp.documents[x])).collect();
                if ui
                    .selectable_label(!folded, RichText::new(text).small())
                    .on_hover_text(format!(
                        "Copies of one text: {}. Click to {} them.",
                        names.join(", "),
                        if folded { "unfold" } else { "fold" }
                    ))
                    .clicked()
                {
                    clicked = Some(set);
                }
            }
        });
        clicked
    }

    /// The cell of shown source `d` in group `g` (`at`): its passage (for a folded copy set, the
    /// one it shows, then what the other outlets have), titled by its outlet when `titled`;
    /// true when clicked.
    #[allow(clippy::too_many_arguments)]
    fn source_cell(
        &self,
        ui: &mut egui::Ui,
        st: &Style<'_>,
        folding: &Folding,
        (g, group, d, folded): (usize, &Group, usize, Option<&FoldedCell>),
        titled: bool,
        cursor: Option<&DiffLoc>,
        flip: &mut Vec<String>,
    ) -> bool {
        if titled && let Some(c) = folded {
            self.cell_title(ui, folding, d, c);
        }
        let shown = folded.map_or(d, |c| c.shown);
        let clicked = self.cell(ui, st, g, group, shown, cursor, flip);
        if let Some(c) = folded {
            self.fold_note(ui, (g, group), c);
        }
        clicked
    }

    /// A compact cell's title: the outlet (and how many outlets a folded set stands for).
    fn cell_title(&self, ui: &mut egui::Ui, folding: &Folding, d: usize, c: &FoldedCell) {
        let p = Self::palette(ui.ctx());
        let doc = &self.cmp.documents[c.shown];
        let mut name = outlet(doc);
        if let Some(set) = folding.stands_for[d] {
            name.push_str(&format!(
                " · one text, {} outlets",
                folding.members[set].len()
            ));
        }
        ui.add(egui::Label::new(RichText::new(name).small().strong().color(p.text)).truncate())
            .on_hover_text(format!("{}\n{}", doc.title, doc.path));
    }

    /// Under a folded cell: the other outlets with the same words, those whose words differ
    /// with what each changes (its passage on hover), and those that cut the passage.
    fn fold_note(&self, ui: &mut egui::Ui, (g, group): (usize, &Group), c: &FoldedCell) {
        let p = Self::palette(ui.ctx());
        let names = |v: &[usize]| -> String {
            v.iter()
                .map(|&x| outlet(&self.cmp.documents[x]))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !c.same.is_empty() {
            ui.label(
                RichText::new(format!("same words in {}", names(&c.same)))
                    .small()
                    .color(p.weak),
            );
        }
        // Each outlet whose words differ, with what it changes (its passage on hover).
        const OUTLETS: usize = 4;
        let text_of = |d: usize| {
            group
                .passage_of(d)
                .and_then(|id| self.cmp.passage(id))
                .map(|(_, p)| p.text.as_str())
        };
        let shown = text_of(c.shown).unwrap_or_default();
        for &x in c.differ.iter().take(OUTLETS) {
            let Some(theirs) = text_of(x) else { continue };
            let said = self.outlet_changes((g, c.shown, x), shown, theirs);
            ui.label(
                RichText::new(format!("{}: {said}", outlet(&self.cmp.documents[x])))
                    .small()
                    .color(p.developing),
            )
            .on_hover_text(format!(
                "{}'s words:\n{}",
                outlet(&self.cmp.documents[x]),
                theirs
            ));
        }
        if c.differ.len() > OUTLETS {
            let rest = &c.differ[OUTLETS..];
            ui.label(
                RichText::new(format!(
                    "other words also in {} (unfold to compare)",
                    names(rest)
                ))
                .small()
                .color(p.developing),
            );
        }
        if !c.missing.is_empty() {
            ui.label(
                RichText::new(format!("cut by {}", names(&c.missing)))
                    .small()
                    .color(p.weak),
            );
        }
    }

    /// The menu that says how passages are shown against their reference.
    fn reading_menu(&mut self, ui: &mut egui::Ui) {
        let label = ui.label("Differences");
        let mut reading = self.reading;
        egui::ComboBox::from_id_salt("reading")
            .selected_text(match reading {
                Reading::Auto => "auto",
                Reading::WordDiff => "word diff",
                Reading::Paraphrase => "shared words",
            })
            .show_ui(ui, |ui| {
                for r in Reading::ALL {
                    ui.selectable_value(&mut reading, r, r.label());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("How a passage is shown against its group's reference; the tag above a passage switches that one");
        if reading != self.reading {
            self.commands.push(Command::SetReading(reading));
        }
    }

    /// A row of passages only one source has: its passages in that source's column.
    /// `slot` is the column it goes in (its source's, or the first in compact rows), which
    /// stays at the left edge of the view when `pinned`.
    #[allow(clippy::too_many_arguments)]
    fn only_row(
        &self,
        ui: &mut egui::Ui,
        st: &Style<'_>,
        o: &OnlyIn,
        slot: usize,
        col: f32,
        row_width: f32,
        pinned: bool,
    ) {
        let p = st.palette;
        let Some(doc) = self.cmp.documents.get(o.doc) else {
            return;
        };
        egui::Frame::NONE.inner_margin(ROW_MARGIN).show(ui, |ui| {
            ui.set_width(row_width);
            let n = o.passages.len();
            row_label(ui, pinned, |ui| {
                ui.label(
                    RichText::new(format!(
                        "Only in {} · {n} {}",
                        doc.title,
                        plural(n, "passage", "passages")
                    ))
                    .small()
                    .italics()
                    .color(p.weak),
                )
                .on_hover_text("No other source reports this.");
            });
            let passages = |ui: &mut egui::Ui| {
                let mut m = Marked::new();
                for pi in o.passages.clone() {
                    m.push_passage(
                        &self.cmp,
                        o.doc,
                        pi,
                        None,
                        DiffMode::NearCopy,
                        st,
                        &|f| f,
                        &|_| false,
                    );
                    m.push_plain(" ", diff_plain(st));
                }
                let (response, hit) = m.show(ui, Sense::hover());
                fact_tooltip(response, &self.cmp, hit, p);
            };
            if pinned {
                let (left, top) = (ui.cursor().left(), ui.cursor().top());
                let r = sticky(ui, left, top, col, passages);
                ui.advance_cursor_after_rect(r);
            } else {
                ui.horizontal_top(|ui| {
                    ui.add_space(slot as f32 * (col + ui.spacing().item_spacing.x));
                    fixed(ui, col, passages);
                });
            }
        });
        ui.separator();
    }

    /// The menu that orders the rows.
    fn order_menu(&mut self, ui: &mut egui::Ui) {
        let name = |o: RowOrder| match o {
            RowOrder::Group => "group number".to_string(),
            RowOrder::Disagreement => "most disagreement".to_string(),
            RowOrder::Source(d) => format!(
                "position in {}",
                self.cmp.documents.get(d).map_or("?", |x| x.title.as_str())
            ),
        };
        let mut order = self.order;
        let label = ui.label("Order rows by");
        egui::ComboBox::from_id_salt("row-order")
            .selected_text(name(order))
            .width(220.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut order, RowOrder::Group, name(RowOrder::Group));
                ui.selectable_value(
                    &mut order,
                    RowOrder::Disagreement,
                    name(RowOrder::Disagreement),
                );
                for d in 0..self.cmp.documents.len() {
                    ui.selectable_value(&mut order, RowOrder::Source(d), name(RowOrder::Source(d)));
                }
            })
            .response
            .labelled_by(label.id);
        if order != self.order {
            self.commands.push(Command::SetOrder(order));
        }
    }

    /// The passage of document `d` in group `g`, with its differences and facts marked, under a
    /// tag saying how it is shown (a click on the tag pushes its id to `flip`); true when clicked.
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &self,
        ui: &mut egui::Ui,
        st: &Style<'_>,
        g: usize,
        group: &Group,
        d: usize,
        cursor: Option<&DiffLoc>,
        flip: &mut Vec<String>,
    ) -> bool {
        let Some(pid) = group.passage_of(d) else {
            ui.label(
                RichText::new("not reported")
                    .italics()
                    .color(st.palette.weak),
            );
            return false;
        };
        let mut clicked = self.member(ui, st, g, group, pid, None, cursor, flip);
        for id in group.retold(d) {
            let place = self.told_again(group, id);
            clicked |= self.member(ui, st, g, group, id, Some(place), cursor, flip);
        }
        clicked
    }

    /// Where a source tells the group's happening again: "told again further on, in paragraph
    /// 12" (or in the same paragraph as its first place, as in text written a sentence a line).
    fn told_again(&self, group: &Group, id: &str) -> String {
        let Some((doc, pi)) = crate::model::parse_passage_id(id) else {
            return "told again further on".to_string();
        };
        let passages = &self.cmp.documents[doc].passages;
        let paragraph = passages[pi].paragraph;
        let first = group
            .passage_of(doc)
            .and_then(crate::model::parse_passage_id)
            .map(|(_, i)| passages[i].paragraph);
        if first == Some(paragraph) {
            "told again further on, in the same paragraph".to_string()
        } else {
            format!("told again further on, in paragraph {}", paragraph + 1)
        }
    }

    /// One member passage of a group in its source's cell: its tag ("reference", "word diff",
    /// "paraphrase", after `place` for a passage told again), which switches how its difference
    /// is shown (⇄), then its words marked.
    #[allow(clippy::too_many_arguments)]
    fn member(
        &self,
        ui: &mut egui::Ui,
        st: &Style<'_>,
        g: usize,
        group: &Group,
        pid: &str,
        place: Option<String>,
        cursor: Option<&DiffLoc>,
        flip: &mut Vec<String>,
    ) -> bool {
        let p = st.palette;
        let Some((doc, pi)) = crate::model::parse_passage_id(pid) else {
            return false;
        };
        let diff = group
            .diffs
            .iter()
            .enumerate()
            .find(|(_, x)| x.passage == pid);
        let reading = diff.map_or(DiffMode::NearCopy, |(_, x)| {
            self.reading.mode(x.mode, self.flipped.contains(pid))
        });
        let tag = crate::marks::cell_tag(group.reference == pid, diff.map(|x| x.1), reading);
        if place.is_some() {
            ui.add_space(2.0);
        }
        let tag = match (place, tag.is_empty()) {
            (Some(place), true) => place,
            (Some(place), false) => format!("{place} · {tag}"),
            (None, _) => tag,
        };
        if diff.is_some() {
            let switch = ui
                .add(
                    egui::Label::new(RichText::new(format!("{tag} ⇄")).small().color(p.weak))
                        .sense(Sense::click()),
                )
                .on_hover_text(format!(
                    "Shown as {}; click to show this passage as {}",
                    reading.word(),
                    reading.other().word()
                ));
            if switch.clicked() {
                flip.push(pid.to_string());
            }
        } else if !tag.is_empty() {
            ui.label(RichText::new(tag).small().color(p.weak));
        }
        let di = diff.map(|(i, _)| i);
        let current =
            |op: usize| cursor.is_some_and(|c| di.is_some_and(|di| nav::op_in(c, g, di, op)));
        let mut m = Marked::new();
        m.push_passage(
            &self.cmp,
            doc,
            pi,
            diff.map(|(_, x)| x),
            reading,
            st,
            &|f| f,
            &current,
        );
        let (response, hit) = m.show(ui, Sense::click());
        fact_tooltip(response, &self.cmp, hit, p).clicked()
    }
}

/// The cells of a group's row: in columns, every shown source (an empty cell where it does not
/// report the group); compact, only those that report it, the reference's first.
fn row_cells(
    cmp: &crate::model::Comparison,
    folding: &Folding,
    group: &Group,
    compact: bool,
) -> Vec<(usize, Option<FoldedCell>)> {
    let mut cells: Vec<(usize, Option<FoldedCell>)> = folding
        .shown
        .iter()
        .map(|&d| (d, folding.cell(cmp, group, d)))
        .filter(|(_, c)| !compact || c.is_some())
        .collect();
    if compact {
        let reference = crate::model::parse_passage_id(&group.reference).map(|(d, _)| d);
        let at = cells.iter().position(|(_, c)| {
            c.as_ref().is_some_and(|c| {
                Some(c.shown) == reference
                    || c.same
                        .iter()
                        .chain(&c.differ)
                        .any(|x| Some(*x) == reference)
            })
        });
        if let Some(i) = at {
            let r = cells.remove(i);
            cells.insert(0, r);
        }
    }
    cells
}

/// A title cut to a few words for a header (the whole title is on hover).
fn short_title(title: &str) -> String {
    const WORDS: usize = 6;
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() <= WORDS {
        title.to_string()
    } else {
        format!("{}…", words[..WORDS].join(" "))
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
/// already in view (`covered`: the width at the left of the view the pinned column hides).
fn reveal(ui: &egui::Ui, rect: egui::Rect, covered: f32) {
    let clip = ui.clip_rect();
    let x = if clip.min.x + covered <= rect.min.x && rect.max.x <= clip.max.x {
        clip.x_range()
    } else {
        egui::Rangef::new(rect.min.x - covered, rect.max.x)
    };
    ui.scroll_to_rect(
        egui::Rect::from_x_y_ranges(x, rect.y_range()),
        Some(Align::Center),
    );
}

/// A row's label; `pinned`, it stays at the left edge of the view when the row scrolls
/// sideways.
fn row_label<R>(ui: &mut egui::Ui, pinned: bool, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    if !pinned {
        return add(ui);
    }
    let shift = (ui.clip_rect().left() + ROW_MARGIN - ui.cursor().left()).max(0.0);
    ui.horizontal(|ui| {
        ui.add_space(shift);
        add(ui)
    })
    .inner
}

/// The column (index into the shown sources) that holds `group`'s reference passage.
fn reference_column(folding: &Folding, group: &Group) -> Option<usize> {
    let (d, _) = crate::model::parse_passage_id(&group.reference)?;
    Some(folding.column_of(d))
}

/// A column of fixed width drawn over the row at the left edge of the view, however far the
/// row is scrolled sideways (`left`: where the column starts in the row, `top`: the line's
/// top), on the panel's colour so the columns scrolled under it do not show through; returns
/// the rect it takes.
fn sticky(
    ui: &mut egui::Ui,
    left: f32,
    top: f32,
    width: f32,
    add: impl FnOnce(&mut egui::Ui),
) -> egui::Rect {
    let clip = ui.clip_rect();
    // Where it stands unscrolled: a row's margin in from the view's edge.
    let x = left.max(clip.left() + ROW_MARGIN);
    let background = ui.painter().add(egui::Shape::Noop);
    // The cells scrolled under the column must not take its clicks or show their tooltips:
    // this area, laid over them and under the column's own widgets, takes them.
    let edge = x + width + ui.spacing().item_spacing.x * 0.5;
    let under = egui::Rect::from_min_max(
        egui::pos2(clip.left().max(left - ROW_MARGIN), top),
        egui::pos2(edge, ui.min_rect().bottom().max(top + 1.0)),
    );
    let _ = ui.interact(
        under,
        ui.scope_id().with(("pinned", top as i64)),
        Sense::click_and_drag(),
    );
    let room = egui::Rect::from_min_size(egui::pos2(x, top), Vec2::new(width, f32::INFINITY));
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(room)
            .layout(Layout::top_down(Align::LEFT)),
    );
    child.set_width(width);
    add(&mut child);
    let used = child.min_rect();
    // As tall as the line it stands in, so nothing scrolled under it shows below it.
    let bottom = used.bottom().max(ui.min_rect().bottom());
    let shade = egui::Rect::from_min_max(
        egui::pos2(clip.left().max(left - ROW_MARGIN), top),
        egui::pos2(edge, bottom),
    );
    ui.painter().set(
        background,
        egui::Shape::rect_filled(shade, 0.0, ui.visuals().panel_fill),
    );
    ui.painter().vline(
        edge,
        shade.y_range(),
        ui.visuals().widgets.noninteractive.bg_stroke,
    );
    used
}

/// A column of fixed width; returns the response of the whole cell.
fn fixed<R>(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui) -> R) -> egui::Response {
    ui.allocate_ui_with_layout(Vec2::new(width, 0.0), Layout::top_down(Align::LEFT), |ui| {
        ui.set_width(width);
        add(ui)
    })
    .response
}

/// The format of plain text between passages.
fn diff_plain(st: &Style<'_>) -> egui::TextFormat {
    super::theme::diff_format(
        st.palette,
        st.font.clone(),
        super::theme::Mark::Plain,
        false,
    )
}
