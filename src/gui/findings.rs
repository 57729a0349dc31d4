//! Facts in the app: the Findings view (every fact compared across sources: conflicts first,
//! then facts only one source states, then agreements) and the Details panel (the selected
//! group's passages with the facts found in each, as a table).
//!
//! Both are drawn straight from `Comparison::findings` and `Passage::facts`; nothing is
//! recomputed here.

use egui::RichText;

use crate::model::{Fact, FactKind, Finding, FindingStatus};

use super::app::{App, plural};
use super::commands::Command;
use super::theme::{Palette, status_word};

/// Statuses in the order the findings are listed.
const STATUSES: [FindingStatus; 5] = [
    FindingStatus::Conflict,
    FindingStatus::Developing,
    FindingStatus::SingleSource,
    FindingStatus::Agree,
    FindingStatus::Unresolved,
];

/// How many findings of a status there are, in words: "3 conflicts", "1 agreement".
fn count_of(status: FindingStatus, n: usize) -> String {
    let (one, many) = match status {
        FindingStatus::Conflict => ("conflict", "conflicts"),
        FindingStatus::Developing => ("figure that differs", "figures that differ"),
        FindingStatus::SingleSource => ("from one source", "from one source"),
        FindingStatus::Agree => ("agreement", "agreements"),
        FindingStatus::Unresolved => ("unresolved", "unresolved"),
    };
    format!("{n} {}", plural(n, one, many))
}

/// What a finding card asks the app to show.
enum Card {
    /// The group's passages in the aligned view.
    Aligned(usize),
    /// A mention's passage, in the documents view (by its group).
    Documents(usize),
    /// A change to the reader's review of the finding.
    Review(Command),
}

/// The word for a fact kind, capitalized as a label.
pub fn kind_word(kind: FactKind) -> String {
    crate::report::upper_first(kind.word())
}

/// A status as a coloured word: the word is the cue, the colour repeats it.
fn badge(ui: &mut egui::Ui, p: &Palette, status: FindingStatus) {
    let c = p.status(status);
    egui::Frame::NONE
        .stroke(egui::Stroke::new(1.0, c))
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(4, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(status_word(status)).strong().color(c));
        });
}

impl App {
    fn title_of(&self, doc_id: &str) -> String {
        self.cmp
            .documents
            .iter()
            .find(|d| d.id == doc_id)
            .map_or_else(|| doc_id.to_string(), |d| d.title.clone())
    }

    pub(super) fn findings_view(&mut self, ui: &mut egui::Ui) {
        let p = Self::palette(ui.ctx());
        ui.horizontal(|ui| {
            ui.heading("Fact findings");
            // Conflicts, one-source facts and agreements are always counted ("0 conflicts"
            // says something); the other statuses only when there are some.
            let counts: Vec<String> = STATUSES
                .iter()
                .filter_map(|s| {
                    let n = self.cmp.findings.iter().filter(|f| f.status == *s).count();
                    let always = matches!(
                        s,
                        FindingStatus::Conflict
                            | FindingStatus::SingleSource
                            | FindingStatus::Agree
                    );
                    (always || n > 0).then(|| count_of(*s, n))
                })
                .collect();
            ui.label(RichText::new(counts.join(" · ")).color(p.weak));
        });
        ui.separator();
        if self.cmp.findings.is_empty() {
            ui.label("No fact findings in this comparison.");
            ui.label(
                RichText::new("Dates, figures, quotes and people's titles stated in aligned passages are compared here.")
                    .color(p.weak),
            );
            return;
        }
        let mut go = None;
        let mut docs_at = None;
        let mut reviewed = Vec::new();
        let mut focus: Option<String> = None;
        egui::ScrollArea::vertical()
            .id_salt("findings-scroll")
            .auto_shrink(false)
            .show(ui, |ui| {
                egui::CollapsingHeader::new(RichText::new("Fact table: who says what").strong())
                    .id_salt("fact-table")
                    .default_open(true)
                    .show(ui, |ui| {
                        if let Some(id) = self.fact_table(ui, &p) {
                            focus = Some(id);
                        }
                    });
                ui.add_space(6.0);
                for status in STATUSES {
                    for f in self.cmp.findings.iter().filter(|f| f.status == status) {
                        let (action, rect) = self.finding_card(ui, &p, f);
                        match action {
                            Some(Card::Aligned(g)) => go = Some(g),
                            Some(Card::Documents(g)) => docs_at = Some(g),
                            Some(Card::Review(cmd)) => reviewed.push(cmd),
                            None => {}
                        }
                        if self.focus_finding.as_deref() == Some(f.id.as_str()) {
                            ui.scroll_to_rect(rect, Some(egui::Align::TOP));
                        }
                        ui.add_space(6.0);
                    }
                }
            });
        // A finding asked for last frame has been scrolled to; one asked for now is next.
        self.focus_finding = focus;
        self.commands.extend(reviewed);
        if let Some(g) = docs_at {
            self.commands.push(Command::ShowInDocuments(g));
        }
        if let Some(g) = go {
            self.commands.push(Command::ShowGroup(g));
        }
    }

    /// Rows are findings (conflicts first), columns are sources; each cell the words and value
    /// that source gives, empty when it does not state the fact. Clicking a row's fact brings
    /// its finding below into view: its id is returned.
    fn fact_table(&self, ui: &mut egui::Ui, p: &Palette) -> Option<String> {
        let mut clicked = None;
        let docs = &self.cmp.documents;
        egui::ScrollArea::horizontal()
            .id_salt("fact-table-h")
            .show(ui, |ui| {
                egui::Grid::new("fact-table-grid")
                    .striped(true)
                    .min_col_width(60.0)
                    .max_col_width(220.0)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new("Fact").strong());
                        ui.label(RichText::new("Status").strong());
                        for d in docs {
                            ui.add(egui::Label::new(RichText::new(&d.title).strong()).truncate());
                        }
                        ui.end_row();
                        for status in STATUSES {
                            for f in self.cmp.findings.iter().filter(|f| f.status == status) {
                                let row = ui
                                    .add(
                                        egui::Label::new(format!(
                                            "{}: {}",
                                            kind_word(f.kind),
                                            f.summary
                                        ))
                                        .truncate()
                                        .sense(egui::Sense::click()),
                                    )
                                    .on_hover_text(&f.summary)
                                    .on_hover_cursor(egui::CursorIcon::PointingHand);
                                if row.clicked() {
                                    clicked = Some(f.id.clone());
                                }
                                ui.label(
                                    RichText::new(format!(
                                        "{} {}",
                                        crate::marks::status_symbol(f.status),
                                        status_word(f.status)
                                    ))
                                    .color(p.status(f.status)),
                                );
                                for d in docs {
                                    let said: Vec<String> = f
                                        .mentions
                                        .iter()
                                        .filter(|m| m.document == d.id)
                                        .map(|m| {
                                            format!(
                                                "{} = {}",
                                                crate::report::quoted(&m.text),
                                                m.value
                                            )
                                        })
                                        .collect();
                                    if said.is_empty() {
                                        ui.label("");
                                    } else {
                                        let notes: Vec<&str> = f
                                            .mentions
                                            .iter()
                                            .filter(|m| m.document == d.id && !m.note.is_empty())
                                            .map(|m| m.note.as_str())
                                            .collect();
                                        let r = ui.add(egui::Label::new(said.join("; ")).wrap());
                                        if !notes.is_empty() {
                                            r.on_hover_text(notes.join("\n"));
                                        }
                                    }
                                }
                                ui.end_row();
                            }
                        }
                    });
            });
        clicked
    }

    /// One finding with its mentions; returns what the user asked for (the group's passages,
    /// or a mention's place in its document) and where the card stands.
    fn finding_card(
        &self,
        ui: &mut egui::Ui,
        p: &Palette,
        f: &Finding,
    ) -> (Option<Card>, egui::Rect) {
        let mut go = None;
        let shown = egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.0, p.status(f.status)))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    badge(ui, p, f.status);
                    ui.label(RichText::new(kind_word(f.kind)).color(p.weak));
                    ui.add(egui::Label::new(RichText::new(&f.summary).strong()).wrap());
                    let ids = f.mentions.iter().map(|m| m.document.as_str());
                    ui.label(
                        RichText::new(format!("in {}", crate::copies::count_words(&self.cmp, ids)))
                            .small()
                            .color(p.weak),
                    );
                });
                if let Some(why) = crate::report::about(f) {
                    ui.add(egui::Label::new(RichText::new(why).small().color(p.weak)).wrap());
                }
                if let Some(cmd) = self.review_row(ui, p, f) {
                    go = Some(Card::Review(cmd));
                }
                for m in &f.mentions {
                    ui.horizontal_wrapped(|ui| {
                        // The source's name leads to the mention in the documents view when
                        // its passage is aligned (the view shows a group's passages).
                        let title = RichText::new(self.title_of(&m.document));
                        match self.group_of(m) {
                            Some(g) => {
                                let r = ui
                                    .link(title.underline())
                                    .on_hover_text("Show this passage in the documents view");
                                if r.clicked() {
                                    go = Some(Card::Documents(g));
                                }
                            }
                            None => {
                                ui.label(title.strong());
                            }
                        }
                        ui.label(crate::report::quoted(&m.text));
                        ui.label(RichText::new("means").small().color(p.weak));
                        ui.label(RichText::new(&m.value).monospace());
                        if !m.note.is_empty() {
                            ui.label(RichText::new(format!("({})", m.note)).small().color(p.weak));
                        }
                    });
                }
                let group = f
                    .group
                    .as_deref()
                    .and_then(|id| self.cmp.group(id))
                    .and_then(|g| crate::model::parse_group_id(&g.id));
                if let Some(g) = group {
                    let r = ui
                        .small_button("Show passages")
                        .accessible_name(format!("Show passages of finding {}", f.id));
                    if r.clicked() {
                        go = Some(Card::Aligned(g));
                    }
                }
                if f.mentions.len() > 1 || group.is_none() {
                    self.side_by_side(ui, p, f);
                }
            });
        (go, shown.response.rect)
    }

    /// The aligned group of the passage a mention stands in.
    fn group_of(&self, m: &crate::model::Mention) -> Option<usize> {
        let passage = self.cmp.passage_at(&m.document, m.start)?;
        crate::model::parse_group_id(passage.group.as_deref()?)
    }

    /// Each mention in the passage it stands in, one column a source: the evidence of a
    /// finding read in context, also when it has no group to show (a title or a record holds
    /// across whole articles).
    fn side_by_side(&self, ui: &mut egui::Ui, p: &Palette, f: &Finding) {
        /// Width of one source's column.
        const COLUMN: f32 = 280.0;
        egui::CollapsingHeader::new("Side by side")
            .id_salt(("side-by-side", &f.id))
            .show(ui, |ui| {
                egui::ScrollArea::horizontal()
                    .id_salt(("side-by-side-scroll", &f.id))
                    .show(ui, |ui| {
                        ui.horizontal_top(|ui| {
                            for m in &f.mentions {
                                ui.vertical(|ui| {
                                    ui.set_width(COLUMN);
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(self.title_of(&m.document)).strong(),
                                        )
                                        .truncate(),
                                    );
                                    ui.add(egui::Label::new(self.in_context(p, m)).wrap());
                                });
                            }
                        });
                    });
            });
    }

    /// The passage a mention stands in, its words on the focus background.
    fn in_context(&self, p: &Palette, m: &crate::model::Mention) -> egui::text::LayoutJob {
        let mut job = egui::text::LayoutJob::default();
        let plain = egui::TextFormat {
            color: p.text,
            ..Default::default()
        };
        let Some(x) = self.cmp.passage_at(&m.document, m.start) else {
            job.append(&m.text, 0.0, plain);
            return job;
        };
        let (a, b) = (
            m.start.saturating_sub(x.start),
            m.end.saturating_sub(x.start),
        );
        match (
            x.text.get(..a),
            x.text.get(a..b.min(x.text.len())),
            x.text.get(b..),
        ) {
            (Some(before), Some(said), after) => {
                job.append(before, 0.0, plain.clone());
                let mut hit = plain.clone();
                hit.background = p.match_bg;
                job.append(said, 0.0, hit);
                job.append(after.unwrap_or(""), 0.0, plain);
            }
            _ => job.append(&x.text, 0.0, plain),
        }
        job
    }

    pub(super) fn details_panel(&mut self, ui: &mut egui::Ui) {
        let p = Self::palette(ui.ctx());
        ui.add_space(4.0);
        ui.heading("Details");
        let Some(gi) = self.selected else {
            ui.label(RichText::new("Select a group to see its passages and facts.").color(p.weak));
            return;
        };
        let Some(group) = self.cmp.groups.get(gi) else {
            return;
        };
        let mut show_docs = false;
        egui::ScrollArea::vertical()
            .id_salt("details-scroll")
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.label(RichText::new(format!("Group {}: {}", gi + 1, group.label)).strong());
                let n = group.document_count();
                ui.label(
                    RichText::new(format!(
                        "{n} {} · wording differs {:.0}% · cohesion {:.2}",
                        plural(n, "source", "sources"),
                        group.disagreement * 100.0,
                        group.cohesion
                    ))
                    .color(p.weak),
                );
                if ui.small_button("Show in documents").clicked() {
                    show_docs = true;
                }
                ui.separator();
                ui.label(RichText::new("Facts by source").strong());
                for pid in &group.passages {
                    let Some((d, passage)) = self.cmp.passage(pid) else {
                        continue;
                    };
                    let title = self.cmp.documents.get(d).map_or("", |x| x.title.as_str());
                    let title = if group.passage_of(d) == Some(pid.as_str()) {
                        title.to_string()
                    } else {
                        format!("{title} (told again)")
                    };
                    ui.add(egui::Label::new(RichText::new(title).underline()).truncate());
                    fact_table(ui, &p, &passage.facts);
                    ui.add_space(4.0);
                }
                let findings: Vec<&Finding> = self
                    .cmp
                    .findings
                    .iter()
                    .filter(|f| f.group.as_deref() == Some(group.id.as_str()))
                    .collect();
                if !findings.is_empty() {
                    ui.separator();
                    ui.label(RichText::new("Findings in this group").strong());
                    for f in findings {
                        ui.horizontal_wrapped(|ui| {
                            badge(ui, &p, f.status);
                            ui.add(egui::Label::new(&f.summary).wrap());
                        });
                    }
                }
            });
        if show_docs {
            self.commands.push(Command::ShowInDocuments(gi));
        }
    }
}

/// The facts of one passage, one line each: kind, the words as written, the normalized value.
fn fact_table(ui: &mut egui::Ui, p: &Palette, facts: &[Fact]) {
    if facts.is_empty() {
        ui.label(
            RichText::new("No facts found in this passage.")
                .small()
                .color(p.weak),
        );
        return;
    }
    for f in facts {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(kind_word(f.kind)).small().color(p.weak));
            ui.label(crate::report::quoted(&f.text));
            ui.label(RichText::new("means").small().color(p.weak));
            let r = ui.label(RichText::new(&f.value).monospace());
            if !f.note.is_empty() {
                r.on_hover_text(&f.note);
            }
        });
    }
}
