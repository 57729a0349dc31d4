//! Marked passage text: one laid-out block of text (a passage in the aligned view, a paragraph
//! in the document view) with its word differences, its facts and search matches marked, that
//! knows which passage and which fact lies under the pointer.
//!
//! The marks come from [`crate::marks::pieces`], the same reading the HTML and Markdown reports
//! print. A fact is tinted with its finding's status colour and followed by the status symbol
//! (the cue that does not depend on colour); pointing at it shows its normalized value and how
//! that value was derived.

use std::ops::Range;
use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Align, FontId, Galley, Response, RichText, Sense, TextFormat, Vec2};

use crate::marks::{FactMark, MarkedFact, MentionIndex, Piece, WordMark, status_symbol};
use crate::model::{Comparison, DiffMode, Document, PassageDiff};

use super::findings::kind_word;
use super::theme::{Mark, Palette, append_highlighted, diff_format, status_word};

/// What lies under a piece of marked text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// Passage `passage` (index into the document's passages) of document `doc`.
    Passage { doc: usize, passage: usize },
    /// A fact of that passage, at byte `at` of the passage text.
    Fact {
        doc: usize,
        passage: usize,
        mark: FactMark,
        at: usize,
    },
}

/// How passages are drawn: palette, font, the search query to highlight.
pub struct Style<'a> {
    pub palette: &'a Palette,
    pub font: FontId,
    pub query: &'a str,
    /// Where each passage's facts are (built once per comparison).
    pub index: &'a MentionIndex,
}

/// A block of marked text being built.
#[derive(Default)]
pub struct Marked {
    job: LayoutJob,
    chars: usize,
    /// Character ranges of `job.text` and what lies under them; facts come after the passage
    /// that contains them, so the last region containing a character is the most specific.
    regions: Vec<(Range<usize>, Hit)>,
}

impl Marked {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends text that belongs to no passage.
    pub fn push_plain(&mut self, text: &str, format: TextFormat) {
        self.chars += text.chars().count();
        self.job.append(text, 0.0, format);
    }

    fn push(&mut self, text: &str, query: &str, format: TextFormat, p: &Palette) -> Range<usize> {
        let from = self.chars;
        self.chars += text.chars().count();
        append_highlighted(&mut self.job, text, query, format, p);
        from..self.chars
    }

    /// Appends passage `pi` of document `d` with its diff against the group's reference
    /// (`None` for the reference itself or an unaligned passage). `base` adjusts the format of
    /// every run (e.g. the group tint in the document view); `current` says whether diff op `i`
    /// is the difference the user navigated to.
    #[allow(clippy::too_many_arguments)]
    pub fn push_passage(
        &mut self,
        cmp: &Comparison,
        d: usize,
        pi: usize,
        diff: Option<&PassageDiff>,
        reading: DiffMode,
        st: &Style<'_>,
        base: &dyn Fn(TextFormat) -> TextFormat,
        current: &dyn Fn(usize) -> bool,
    ) {
        let p = st.palette;
        let from = self.chars;
        let mut facts = Vec::new();
        for piece in st.index.pieces_read(cmp, d, pi, diff, reading) {
            match piece {
                Piece::Text {
                    text,
                    at,
                    mark,
                    op,
                    fact,
                } => {
                    let mark = match mark {
                        WordMark::Plain => Mark::Plain,
                        WordMark::Inserted => Mark::Inserted,
                        WordMark::Shared => Mark::Shared,
                        WordMark::Own => Mark::Own,
                    };
                    let now = mark != Mark::Plain && op.is_some_and(current);
                    let mut f = base(diff_format(p, st.font.clone(), mark, now));
                    if let Some(m) = fact {
                        if !now {
                            f.background = fact_background(p, m);
                        }
                        let range = self.push(text, st.query, f, p);
                        facts.push((
                            range,
                            Hit::Fact {
                                doc: d,
                                passage: pi,
                                mark: m,
                                at,
                            },
                        ));
                    } else {
                        self.push(text, st.query, f, p);
                    }
                }
                Piece::Removed { text, op, replaced } => {
                    let f = base(diff_format(p, st.font.clone(), Mark::Removed, current(op)));
                    if replaced {
                        self.push(text.trim_end(), st.query, f, p);
                        self.push_plain(
                            " → ",
                            base(diff_format(p, st.font.clone(), Mark::Plain, false)),
                        );
                    } else {
                        self.push(text, st.query, f, p);
                    }
                }
                Piece::Lacks { words, more } => {
                    let f = base(diff_format(p, st.font.clone(), Mark::Note, false));
                    self.push_plain(&format!("\n{}", crate::marks::lacks_line(&words, more)), f);
                }
                Piece::FactEnd(_, status) => {
                    let mut f = base(diff_format(
                        p,
                        FontId::new(st.font.size * 0.8, st.font.family.clone()),
                        Mark::Plain,
                        false,
                    ));
                    f.color = p.status(status);
                    f.valign = Align::TOP;
                    f.background = egui::Color32::TRANSPARENT;
                    self.push_plain(status_symbol(status), f);
                }
            }
        }
        self.regions.push((
            from..self.chars,
            Hit::Passage {
                doc: d,
                passage: pi,
            },
        ));
        self.regions.extend(facts);
    }

    /// Lays the text out at the width available and adds it; returns the response and what is
    /// under the pointer, if anything.
    pub fn show(self, ui: &mut egui::Ui, sense: Sense) -> (Response, Option<Hit>) {
        let (response, hit, _) = self.layout(ui).show(ui, sense);
        (response, hit)
    }

    /// Lays the text out at the width available, to show now or keep and show later.
    pub fn layout(mut self, ui: &egui::Ui) -> Laid {
        self.job.wrap.max_width = ui.available_width();
        let galley = ui.fonts_mut(|f| f.layout_job(self.job));
        Laid {
            galley,
            regions: self.regions,
        }
    }
}

/// Marked text laid out: it can be kept between frames (egui drops a layout it did not use in
/// the last frame) and shown again.
#[derive(Debug)]
pub struct Laid {
    galley: Arc<Galley>,
    regions: Vec<(Range<usize>, Hit)>,
}

impl Laid {
    /// Adds the text; returns the response, what is under the pointer, and where each passage
    /// starts (its index in the document's passages and the top of its first line, below the
    /// top of the response).
    pub fn show(
        &self,
        ui: &mut egui::Ui,
        sense: Sense,
    ) -> (Response, Option<Hit>, Vec<(usize, f32)>) {
        let galley = &self.galley;
        let response = ui.add(egui::Label::new(Arc::clone(galley)).sense(sense));
        let pointer = response
            .hover_pos()
            .or_else(|| response.interact_pointer_pos());
        let hit = pointer
            .and_then(|pos| char_at(galley, pos - response.rect.min))
            .and_then(|c| {
                self.regions
                    .iter()
                    .rev()
                    .find(|(r, _)| r.contains(&c))
                    .map(|(_, h)| *h)
            });
        let tops = self
            .regions
            .iter()
            .filter_map(|(r, h)| match h {
                Hit::Passage { passage, .. } => Some((*passage, row_top(galley, r.start))),
                Hit::Fact { .. } => None,
            })
            .collect();
        (response, hit, tops)
    }
}

/// Top of the row that holds character `c` (galley coordinates).
fn row_top(galley: &Galley, c: usize) -> f32 {
    let mut index = 0;
    for row in &galley.rows {
        let n = row.char_count_including_newline().0;
        if c < index + n {
            return row.rect().top();
        }
        index += n;
    }
    galley.rows.last().map_or(0.0, |r| r.rect().top())
}

/// Background of a fact's words: a light tint of its status colour.
fn fact_background(p: &Palette, mark: FactMark) -> egui::Color32 {
    let c = match mark {
        FactMark::Finding(_, s) => p.status(s),
        FactMark::Uncompared => p.weak,
    };
    c.gamma_multiply(0.28)
}

/// Index of the character whose glyph lies at `pos` (galley coordinates).
pub fn char_at(galley: &Galley, pos: Vec2) -> Option<usize> {
    let mut index = 0;
    for row in &galley.rows {
        let rect = row.rect();
        if rect.y_range().contains(pos.y) {
            let x = pos.x - row.pos.x;
            return row
                .glyphs
                .iter()
                .position(|g| g.pos.x <= x && x < g.max_x())
                .map(|i| index + i);
        }
        index += row.char_count_including_newline().0;
    }
    None
}

/// The tooltip of a fact under the pointer: what it says, its value, how it was derived, and
/// the finding it belongs to. Returns the response unchanged when the hit is not a fact.
pub fn fact_tooltip(
    response: Response,
    cmp: &Comparison,
    hit: Option<Hit>,
    p: &Palette,
) -> Response {
    let Some(Hit::Fact {
        doc,
        passage,
        mark,
        at,
    }) = hit
    else {
        return response;
    };
    let Some(document): Option<&Document> = cmp.documents.get(doc) else {
        return response;
    };
    let Some(pas) = document.passages.get(passage) else {
        return response;
    };
    let Some(fact) = MarkedFact::find(cmp, document, pas, mark, at) else {
        return response;
    };
    let p = *p;
    response.on_hover_ui_at_pointer(move |ui| {
        ui.set_max_width(360.0);
        match fact {
            MarkedFact::Mention(f, _) => {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "{} {}",
                            status_symbol(f.status),
                            status_word(f.status)
                        ))
                        .strong()
                        .color(p.status(f.status)),
                    );
                    ui.label(RichText::new(kind_word(f.kind)).color(p.weak));
                });
            }
            MarkedFact::Fact(f) => {
                ui.label(
                    RichText::new(format!("{} · not compared", kind_word(f.kind))).color(p.weak),
                );
            }
        }
        ui.label(crate::report::quoted(fact.text()));
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("means").color(p.weak));
            ui.label(RichText::new(fact.value()).monospace().strong());
        });
        if !fact.note().is_empty() {
            ui.label(RichText::new(fact.note()).italics());
        }
        if let MarkedFact::Mention(f, _) = fact {
            ui.separator();
            ui.label(RichText::new(&f.summary).small());
        }
    })
}
