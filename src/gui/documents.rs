//! The document view: every source's full text side by side, scrolled together.
//!
//! Passages aligned with other sources are tinted and tagged with their group number, the
//! selected group's passages are marked, passages no other source reports are untagged and say
//! so on hover ("only in <source>"), boilerplate is dimmed, and facts carry their status as in
//! the aligned view. With synchronized scrolling on, scrolling one column scrolls the others so
//! that the passage aligned with the one at the top of that column comes to the top of theirs;
//! clicking an aligned passage brings the other columns' passages of its group level with it.
//!
//! Each column lays out only the paragraphs in view ([`RowHeights`]), so twenty long sources
//! cost about what four do.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use egui::{Align, FontId, RichText, Sense, TextStyle};

use super::app::App;
use super::commands::Command;
use super::marked::{Hit, Laid, Marked, Style, fact_tooltip};
use super::rows::RowHeights;
use crate::model::Document;

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
    /// Paragraph heights of each column (measured when drawn, estimated until then).
    rows: Vec<RowHeights>,
    /// Top of each passage below the top of its paragraph, per column (0 until drawn).
    within: Vec<Vec<f32>>,
    /// A group to bring into view in every column (but the one given) once the layout is known,
    /// with the frames left to settle it.
    reveal: Option<Reveal>,
    /// A new comparison: scroll every column to its top on the next frame.
    fresh: bool,
    /// Rows laid out earlier, per column.
    cache: Vec<RowCache>,
    /// Each column's rows (passage ranges), worked out once per comparison.
    paras: Vec<Arc<ColumnRows>>,
    /// Rows in view were left for the next frame (over [`LAYOUT_BYTES`]).
    deferred: bool,
}

#[derive(Debug, Clone, Copy)]
struct Reveal {
    group: usize,
    /// The column the user clicked in, which stays put; the others line up with it.
    from: Option<usize>,
    tries: u8,
}

impl Default for DocScroll {
    fn default() -> Self {
        Self {
            sync: true,
            offsets: Vec::new(),
            pending: Vec::new(),
            tops: Vec::new(),
            rows: Vec::new(),
            within: Vec::new(),
            reveal: None,
            fresh: false,
            cache: Vec::new(),
            paras: Vec::new(),
            deferred: false,
        }
    }
}

impl DocScroll {
    /// A fresh state, with synchronized scrolling on or off.
    pub fn with_sync(sync: bool) -> Self {
        Self {
            sync,
            ..Self::default()
        }
    }

    /// Starts over for a new comparison: every column back at its top (the scroll areas keep
    /// their offsets, which belong to the old texts), synchronization as the user left it.
    pub fn reset(&mut self) {
        *self = Self {
            sync: self.sync,
            fresh: true,
            ..Self::default()
        };
    }

    /// Brings `group`'s passages to the top of their columns.
    pub fn reveal(&mut self, group: usize) {
        self.reveal = Some(Reveal {
            group,
            from: None,
            tries: 0,
        });
    }

    /// Brings `group`'s passages in the other columns level with its passage in column `from`.
    pub fn reveal_from(&mut self, group: usize, from: usize) {
        self.reveal = Some(Reveal {
            group,
            from: Some(from),
            tries: 0,
        });
    }

    fn resize(&mut self, n: usize) {
        self.offsets.resize(n, 0.0);
        self.pending.resize(n, None);
        self.tops.resize(n, Vec::new());
        self.rows.resize(n, RowHeights::default());
        self.within.resize(n, Vec::new());
        self.cache.resize(n, RowCache::new());
        self.paras.resize(n, Arc::default());
    }

    /// Column `d`'s rows (see [`paragraphs`]), worked out on first use.
    fn paras_of(&mut self, d: usize, doc: &Document) -> Arc<ColumnRows> {
        if self.paras[d].is_empty() && !doc.passages.is_empty() {
            self.paras[d] = Arc::new(paragraphs(doc));
        }
        Arc::clone(&self.paras[d])
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
        self.level(leader, group, anchor_top - offset);
    }

    /// Scrolls every column but `leader` so that its passage of `group` stands `below` points
    /// under the top edge (where `leader`'s stands).
    fn level(&mut self, leader: usize, group: usize, below: f32) {
        for d in 0..self.tops.len() {
            if d == leader {
                continue;
            }
            if let Some(t) = self.top_of(d, group) {
                self.pending[d] = Some((t - below).max(0.0));
            }
        }
    }

    /// Estimates the heights of column `d`'s rows (once per text and width) and sizes its state;
    /// true when it did (the passages' places must be worked out again).
    fn prepare(
        &mut self,
        d: usize,
        doc: &Document,
        paras: &[(Range<usize>, bool)],
        l: &ColumnLayout,
    ) -> bool {
        let mut key = std::hash::DefaultHasher::new();
        (
            &doc.path,
            doc.text.len(),
            doc.passages.len(),
            l.col.round() as i64,
            l.font_size.to_bits(),
        )
            .hash(&mut key);
        let fresh = self.rows[d].prepare(key.finish(), paras.len(), |i| {
            let (range, ends) = &paras[i];
            l.estimate(doc, range.clone()) + if *ends { l.gap } else { 0.0 }
        });
        if fresh || self.within[d].len() != doc.passages.len() {
            self.within[d] = vec![0.0; doc.passages.len()];
            return true;
        }
        false
    }

    /// Records where every passage of column `d` stands, measured or estimated.
    fn place(&mut self, d: usize, doc: &Document, paras: &[(Range<usize>, bool)]) {
        let mut tops = Vec::with_capacity(doc.passages.len());
        let mut y = 0.0;
        for (i, (r, _)) in paras.iter().enumerate() {
            for pi in r.clone() {
                tops.push((
                    y + self.within[d].get(pi).copied().unwrap_or(0.0),
                    group_of(doc, pi),
                ));
            }
            y += self.rows[d].height(i);
        }
        self.tops[d] = tops;
    }

    /// Applies a pending reveal, once the passages' places are known; returns true while it is
    /// still settling (the places of paragraphs not yet drawn are estimates).
    fn settle_reveal(&mut self) -> bool {
        let Some(mut r) = self.reveal.take() else {
            return false;
        };
        if self.tops.iter().all(Vec::is_empty) {
            self.reveal = Some(r);
            return true;
        }
        let from = r.from.filter(|&f| self.top_of(f, r.group).is_some());
        let below = match from {
            Some(f) => self.top_of(f, r.group).unwrap_or(0.0) - self.offsets[f],
            None => REVEAL_MARGIN,
        };
        let mut off = false;
        for d in 0..self.tops.len() {
            if Some(d) == from {
                continue;
            }
            if let Some(t) = self.top_of(d, r.group) {
                let want = (t - below).max(0.0);
                if (self.offsets[d] - want).abs() > 1.0 {
                    self.pending[d] = Some(want);
                    off = true;
                }
            }
        }
        // Rows still being laid out move the places: wait for them before counting a try.
        if !self.deferred {
            r.tries += 1;
        }
        if (off || self.deferred) && r.tries < 4 {
            self.reveal = Some(r);
        }
        off
    }
}

/// How the rows of a document column are sized.
struct ColumnLayout {
    col: f32,
    font_size: f32,
    chars_per_line: f32,
    line: f32,
    gap: f32,
}

impl ColumnLayout {
    /// About how tall the text of passages `range` of `doc` is, before it is laid out.
    fn estimate(&self, doc: &Document, range: Range<usize>) -> f32 {
        let chars: usize = range
            .map(|pi| doc.passages[pi].text.chars().count() + 6)
            .sum();
        (chars as f32 / self.chars_per_line).ceil().max(1.0) * self.line
    }
}

/// The text laid out anew in this frame.
#[derive(Debug, Default)]
struct Budget {
    bytes: usize,
    /// A row was left for a later frame.
    deferred: bool,
}

impl Budget {
    /// Takes `bytes` from the frame's budget: false (and the row waits) when the frame has
    /// laid out text already and this would take it past [`LAYOUT_BYTES`].
    fn take(&mut self, bytes: usize) -> bool {
        if self.bytes > 0 && self.bytes + bytes > LAYOUT_BYTES {
            self.deferred = true;
            return false;
        }
        self.bytes += bytes;
        true
    }
}

/// Bytes of text laid out anew in one frame at most: rows past it (after a jump, a whole
/// screenful in every column) are laid out in the next frames, their room kept meanwhile, so no
/// frame takes much longer than the others. A frame always lays out at least one row.
const LAYOUT_BYTES: usize = 6_000;

/// Room left above a revealed passage.
const REVEAL_MARGIN: f32 = 8.0;

/// The rows of a document's column: its paragraphs (ranges of passage indices with the same
/// paragraph number), a long one cut between passages into pieces of about [`ROW_BYTES`] so that
/// a page pasted as one paragraph is still laid out a screenful at a time. The flag says whether
/// the row ends its paragraph (space follows it).
fn paragraphs(doc: &Document) -> ColumnRows {
    let mut out: Vec<(Range<usize>, bool)> = Vec::new();
    let mut bytes = 0;
    for (i, p) in doc.passages.iter().enumerate() {
        match out.last_mut() {
            Some((r, _)) if doc.passages[r.start].paragraph == p.paragraph && bytes < ROW_BYTES => {
                r.end = i + 1;
                bytes += p.text.len();
            }
            Some((r, ends)) => {
                *ends = doc.passages[r.start].paragraph != p.paragraph;
                out.push((i..i + 1, true));
                bytes = p.text.len();
            }
            None => {
                out.push((i..i + 1, true));
                bytes = p.text.len();
            }
        }
    }
    out
}

/// Rows of a column laid out earlier, by their first passage, with what their layout depended
/// on: scrolling back to a row shows it again without laying it out anew.
type RowCache = HashMap<usize, (u64, Arc<Laid>)>;

/// Rows kept per column before its cache starts over.
const ROW_CACHE: usize = 256;

/// A column's rows: ranges of passage indices, each with whether it ends its paragraph.
type ColumnRows = Vec<(Range<usize>, bool)>;

/// About how much text one row of a document column holds at most (a row ends at a passage).
const ROW_BYTES: usize = 1_500;

/// The group index of a passage (`"g3"` is group 3).
fn group_of(doc: &Document, pi: usize) -> Option<usize> {
    doc.passages
        .get(pi)?
        .group
        .as_deref()
        .and_then(crate::model::parse_group_id)
}

impl App {
    pub(super) fn documents_view(&mut self, ui: &mut egui::Ui) {
        let p = Self::palette(ui.ctx());
        let n = self.cmp.documents.len();
        ui.horizontal(|ui| {
            ui.heading("Documents");
            let mut sync = self.docs.sync;
            if ui.checkbox(&mut sync, "Synchronized scrolling").changed() {
                self.commands.push(Command::SetSync(sync));
            }
        });
        ui.label(
            RichText::new(
                "Tinted and numbered [n]: reported by other sources too (group n, one tint per group; click to line the others up). \
                 Plain: only in this source. Dim italics: boilerplate, not compared.",
            )
            .small()
            .color(p.weak),
        );
        ui.separator();
        if n == 0 {
            ui.label("No readable articles.");
            return;
        }
        self.docs.resize(n);
        if std::mem::take(&mut self.docs.fresh) {
            self.docs.pending.fill(Some(0.0));
        }
        if self.docs.settle_reveal() {
            ui.ctx().request_repaint();
        }
        let font = TextStyle::Body.resolve(ui.style());
        let query = self.search.trim().to_string();
        let spacing = ui.spacing().item_spacing.x;
        let col = ((ui.available_width() - spacing * n as f32) / n as f32).max(180.0);
        let height = ui.available_height();
        let line = ui.fonts_mut(|f| f.row_height(&font));
        let gap = ui.spacing().item_spacing.y * 2.0;
        let chars_per_line = ((col - 16.0) / (font.size * 0.5)).max(10.0);
        let layout = ColumnLayout {
            col,
            font_size: font.size,
            chars_per_line,
            line,
            gap,
        };
        let st = Style {
            palette: &p,
            font: font.clone(),
            query: &query,
            index: &self.marks_index,
        };
        let mut leader = None;
        let mut click = None;
        let mut settling = false;
        let mut docs = std::mem::take(&mut self.docs);
        let mut budget = Budget::default();
        egui::ScrollArea::horizontal()
            .id_salt("documents-h")
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    for (d, doc) in self.cmp.documents.iter().enumerate() {
                        // A column scrolled out of view sideways keeps its place and its state
                        // (and any pending scroll) but is not laid out.
                        let at =
                            egui::Rect::from_min_size(ui.cursor().min, egui::vec2(col, height));
                        if !ui.is_rect_visible(at) {
                            ui.allocate_exact_size(egui::vec2(col, height), Sense::hover());
                            // Its passages' places (estimated until drawn) still serve to
                            // scroll it along with the others.
                            let paras = docs.paras_of(d, doc);
                            if docs.prepare(d, doc, &paras, &layout) {
                                docs.place(d, doc, &paras);
                            }
                            continue;
                        }
                        ui.allocate_ui_with_layout(
                            egui::vec2(col, height),
                            egui::Layout::top_down(Align::LEFT),
                            |ui| {
                                ui.set_width(col);
                                let paras = docs.paras_of(d, doc);
                                let only: usize = self
                                    .only
                                    .iter()
                                    .filter(|r| r.doc == d)
                                    .map(|r| r.passages.len())
                                    .sum();
                                ui.add(
                                    egui::Label::new(RichText::new(&doc.title).strong()).truncate(),
                                )
                                .on_hover_text(&doc.path);
                                let date = doc.dateline.as_deref().unwrap_or("no dateline");
                                let what = if n > 1 {
                                    format!(
                                        "{date} · {only} of {} passages only here",
                                        doc.passages.len()
                                    )
                                } else {
                                    date.to_string()
                                };
                                ui.label(RichText::new(what).small().color(p.weak));
                                ui.separator();

                                let _ = docs.prepare(d, doc, &paras, &layout);
                                let mut area = egui::ScrollArea::vertical()
                                    .id_salt(("document", d))
                                    .auto_shrink(false);
                                let forced = docs.pending[d].take();
                                if let Some(off) = forced {
                                    area = area.vertical_scroll_offset(off);
                                }
                                let DocScroll {
                                    rows,
                                    within,
                                    cache,
                                    ..
                                } = &mut docs;
                                let (rows, within, cache) =
                                    (&mut rows[d], &mut within[d], &mut cache[d]);
                                let out = area.show_viewport(ui, |ui, viewport| {
                                    rows.show(ui, viewport, 1, &mut |ui, i| {
                                        let Some((range, ends)) = paras.get(i) else {
                                            return;
                                        };
                                        let row_top = ui.cursor().top();
                                        let guess = layout.estimate(doc, range.clone());
                                        let (hit, clicked, tops) = self.paragraph(
                                            ui,
                                            &st,
                                            d,
                                            range.clone(),
                                            cache,
                                            (&mut budget, guess),
                                        );
                                        for (pi, y) in tops {
                                            if let Some(w) = within.get_mut(pi) {
                                                *w = y - row_top;
                                            }
                                        }
                                        if clicked
                                            && let Some(
                                                Hit::Passage { passage, .. }
                                                | Hit::Fact { passage, .. },
                                            ) = hit
                                            && let Some(g) = group_of(doc, passage)
                                        {
                                            click = Some((g, d));
                                        }
                                        if *ends {
                                            ui.add_space(gap);
                                        }
                                    })
                                });
                                settling |= out.inner;
                                docs.place(d, doc, &paras);
                                let off = out.state.clamped_offset().y;
                                let moved = (off - docs.offsets[d]).abs() > 0.5;
                                if moved && forced.is_none() && leader.is_none() {
                                    leader = Some((d, off));
                                }
                                docs.offsets[d] = off;
                            },
                        );
                    }
                });
            });
        if let (true, Some((d, off))) = (docs.sync, leader) {
            docs.follow(d, off);
            settling = true;
        }
        if let Some((g, d)) = click {
            self.commands.push(Command::Select(g));
            docs.reveal_from(g, d);
            settling = true;
        }
        docs.deferred = budget.deferred;
        settling |= budget.deferred;
        self.docs = docs;
        if settling {
            ui.ctx().request_repaint();
        }
    }

    /// One paragraph of document `d` (passages `range`), marked; returns what is under the
    /// pointer, whether it was clicked, and the top of each passage (screen coordinates). A row
    /// not laid out before that would take the frame past its `budget` only keeps its room
    /// (`guess`, its estimated height) until a later frame.
    fn paragraph(
        &self,
        ui: &mut egui::Ui,
        st: &Style<'_>,
        d: usize,
        range: Range<usize>,
        cache: &mut RowCache,
        (budget, guess): (&mut Budget, f32),
    ) -> (Option<Hit>, bool, Vec<(usize, f32)>) {
        let Some(doc) = self.cmp.documents.get(d) else {
            return (None, false, Vec::new());
        };
        let p = st.palette;
        // What the row's layout depends on besides the comparison (which clears the cache).
        let mut key = std::hash::DefaultHasher::new();
        // The selection changes only the rows that hold a passage of the selected group: the
        // others keep their layout when the reader jumps from group to group.
        let selected_here = self
            .selected
            .filter(|&g| range.clone().any(|pi| group_of(doc, pi) == Some(g)));
        (
            range.start,
            range.end,
            selected_here,
            st.query,
            st.font.size.to_bits(),
            ui.available_width().to_bits(),
            p.text,
        )
            .hash(&mut key);
        let key = key.finish();
        let start = range.start;
        let laid = match cache.get(&start) {
            Some((k, laid)) if *k == key => Arc::clone(laid),
            // Over budget: an earlier layout of the row stands in until the next frame (its
            // marks may be a frame late); a row never laid out keeps its estimated room.
            old if !budget.take(range.clone().map(|pi| doc.passages[pi].text.len()).sum()) => {
                let Some((_, laid)) = old else {
                    ui.allocate_space(egui::vec2(ui.available_width(), guess));
                    return (None, false, Vec::new());
                };
                Arc::clone(laid)
            }
            _ => {
                let laid = Arc::new(self.lay_out_row(ui, st, doc, d, range));
                if cache.len() >= ROW_CACHE {
                    cache.clear();
                }
                cache.insert(start, (key, Arc::clone(&laid)));
                laid
            }
        };
        let (response, hit, tops) = laid.show(ui, Sense::click());
        self.row_response(doc, response, hit, tops, p)
    }

    /// Lays out one row of document `d` (passages `range`), marked.
    fn lay_out_row(
        &self,
        ui: &egui::Ui,
        st: &Style<'_>,
        doc: &Document,
        d: usize,
        range: Range<usize>,
    ) -> Laid {
        let p = st.palette;
        let small = FontId::new(st.font.size * 0.75, st.font.family.clone());
        let mut m = Marked::new();
        for pi in range {
            let passage = &doc.passages[pi];
            let group = group_of(doc, pi);
            let selected = group.is_some() && group == self.selected;
            if selected {
                m.push_plain("\u{25b6} ", tag_format(small.clone(), p.focus));
            }
            let base = |mut f: egui::TextFormat| {
                if passage.boilerplate {
                    f.color = p.weak;
                    f.italics = true;
                } else if selected {
                    f.background = p.selected_bg;
                } else if let Some(g) = group {
                    f.background = p.group_bg(g);
                }
                f
            };
            m.push_passage(
                &self.cmp,
                d,
                pi,
                None,
                crate::model::DiffMode::NearCopy,
                st,
                &base,
                &|_| false,
            );
            if let Some(g) = group {
                m.push_plain(&format!("[{}]", g + 1), tag_format(small.clone(), p.weak));
            }
            m.push_plain(" ", tag_format(st.font.clone(), p.text));
        }
        m.layout(ui)
    }

    /// What a shown row did: what is under the pointer (with its tooltip), whether it was
    /// clicked, and where its passages start (screen coordinates).
    fn row_response(
        &self,
        doc: &Document,
        response: egui::Response,
        hit: Option<Hit>,
        tops: Vec<(usize, f32)>,
        p: &super::theme::Palette,
    ) -> (Option<Hit>, bool, Vec<(usize, f32)>) {
        let top = response.rect.top();
        let tops = tops.into_iter().map(|(pi, y)| (pi, top + y)).collect();
        let clicked = response.clicked();
        let response = match hit {
            Some(Hit::Fact { .. }) => fact_tooltip(response, &self.cmp, hit, p),
            Some(Hit::Passage { passage, .. }) => {
                let x = &doc.passages[passage];
                let text = match (&x.boilerplate_reason, group_of(doc, passage)) {
                    (Some(why), _) => format!("Boilerplate, not aligned: {why}"),
                    (None, Some(g)) => {
                        let others = self
                            .cmp
                            .groups
                            .get(g)
                            .map_or(0, |gr| gr.document_count().saturating_sub(1));
                        format!(
                            "Group {}: reported by {others} other {}. Click to line them up.",
                            g + 1,
                            if others == 1 { "source" } else { "sources" }
                        )
                    }
                    (None, None) if self.cmp.documents.len() > 1 => {
                        format!("Only in {}: no other source reports this.", doc.title)
                    }
                    (None, None) => String::new(),
                };
                if text.is_empty() {
                    response
                } else {
                    response.on_hover_text_at_pointer(text)
                }
            }
            None => response,
        };
        let _ = response;
        (hit, clicked, tops)
    }
}

/// The format of a tag (group number, selection marker): small, raised, no tint.
fn tag_format(font: FontId, color: egui::Color32) -> egui::TextFormat {
    egui::TextFormat {
        font_id: font,
        color,
        valign: Align::TOP,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_lays_out_text_up_to_its_budget_and_always_one_row() {
        let mut b = Budget::default();
        assert!(
            b.take(LAYOUT_BYTES * 3),
            "the first row is laid out, however long"
        );
        assert!(!b.take(10), "then the frame is over budget");
        assert!(b.deferred);
        let mut b = Budget::default();
        assert!(b.take(LAYOUT_BYTES / 2) && b.take(LAYOUT_BYTES / 2));
        assert!(!b.take(1));
    }

    #[test]
    fn a_long_paragraph_is_cut_into_rows_between_passages() {
        let sentence = "The council met on Monday to discuss the harbour bridge repairs. ";
        let text = format!(
            "Short first paragraph here.\n\n{}\n\nThe last paragraph is short.",
            sentence.repeat(100)
        );
        let cmp = crate::compare_texts(&[("a.txt", text.as_str())], &crate::Options::default());
        let doc = &cmp.documents[0];
        let rows = paragraphs(doc);
        let flat: Vec<usize> = rows.iter().flat_map(|(r, _)| r.clone()).collect();
        assert_eq!(
            flat,
            (0..doc.passages.len()).collect::<Vec<_>>(),
            "each passage once, in order"
        );
        let para = |pi: usize| doc.passages[pi].paragraph;
        for (k, (r, ends)) in rows.iter().enumerate() {
            assert!(
                r.clone().all(|pi| para(pi) == para(r.start)),
                "one paragraph a row"
            );
            let bytes: usize = r.clone().map(|pi| doc.passages[pi].text.len()).sum();
            assert!(
                bytes <= ROW_BYTES + sentence.len(),
                "row {k}: {bytes} bytes"
            );
            let next = rows.get(k + 1).map(|(n, _)| para(n.start));
            assert_eq!(*ends, next != Some(para(r.start)), "row {k}");
        }
        assert!(
            rows.len() >= 6,
            "the long paragraph is cut: {} rows",
            rows.len()
        );
    }

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
