//! The reader's review of a finding, on its card: checked, wrong or needs a call (one click sets
//! it, a second clears it), and a note, kept when the field loses the keyboard.

use egui::RichText;

use crate::model::Finding;
use crate::review::{self, Verdict};

use super::app::App;
use super::commands::Command;
use super::theme::Palette;

impl App {
    /// The review row of finding `f`: the command that changes its review, when the reader did.
    pub(super) fn review_row(
        &self,
        ui: &mut egui::Ui,
        p: &Palette,
        f: &Finding,
    ) -> Option<Command> {
        let index = self.cmp.findings.iter().position(|x| x.id == f.id)?;
        let current = review::of(&self.cmp, f);
        let verdict = current.and_then(|r| r.verdict);
        let note = current.map_or("", |r| r.note.as_str());
        let mut out = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Your review:").small().color(p.weak));
            for v in Verdict::ALL {
                let on = verdict == Some(v);
                let r = ui
                    .selectable_label(
                        on,
                        RichText::new(format!("{} {}", v.symbol(), v.word())).small(),
                    )
                    .accessible_name(format!("Mark finding {} {}", f.id, v.word()))
                    .on_hover_text(if on {
                        "Click again to clear"
                    } else {
                        "Mark this finding"
                    });
                if r.clicked() {
                    out = Some(Command::SetReview {
                        finding: index,
                        verdict: (!on).then_some(v),
                        note: note.to_string(),
                    });
                }
            }
            // The field is the finding's (by what it says, not its place in the list), and every
            // change is kept at once: a report saved while typing has the note.
            let id = egui::Id::unique(("review-note", review::key(&self.cmp, f)));
            let mut text = note.to_string();
            let label = ui.label(RichText::new("Note").small().color(p.weak));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut text)
                        .id(id)
                        .hint_text("what you checked, who to ask")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if r.changed() {
                out = Some(Command::SetReview {
                    finding: index,
                    verdict,
                    note: text,
                });
            }
        });
        out
    }
}
