//! One place for the colours and text styles that carry meaning: inserted and removed words,
//! conflicting, agreeing, single-source and unresolved facts, and the selection.
//!
//! Colour is never the only cue: inserted words are also underlined, removed words struck
//! through, and every fact status is also written out as a word, so the views read the same for
//! colour-blind users and in both themes.

use egui::text::LayoutJob;
use egui::{Color32, FontId, Stroke, TextFormat, Theme};

use crate::model::FindingStatus;

/// The colours of one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    /// Ordinary text.
    pub text: Color32,
    /// Secondary text (notes, ids, placeholders).
    pub weak: Color32,
    /// Background behind words a source has and the reference does not.
    pub inserted_bg: Color32,
    /// Underline of inserted words.
    pub inserted_line: Color32,
    /// Background behind reference words a source leaves out.
    pub removed_bg: Color32,
    /// Strike-through line of removed words.
    pub removed_line: Color32,
    /// Text colour of the words a paraphrase shares with the reference (a quiet mark).
    pub shared: Color32,
    /// Outline of the current difference and the selected group.
    pub focus: Color32,
    /// Background of the selected group's passages.
    pub selected_bg: Color32,
    /// Background of search matches.
    pub match_bg: Color32,
    pub conflict: Color32,
    pub agree: Color32,
    pub developing: Color32,
    pub single: Color32,
    pub unresolved: Color32,
}

impl Palette {
    /// The palette for a theme.
    pub fn of(theme: Theme) -> Self {
        match theme {
            Theme::Dark => Self {
                text: Color32::from_rgb(220, 220, 220),
                weak: Color32::from_rgb(150, 150, 150),
                inserted_bg: Color32::from_rgb(28, 72, 44),
                inserted_line: Color32::from_rgb(120, 220, 140),
                removed_bg: Color32::from_rgb(92, 36, 40),
                removed_line: Color32::from_rgb(255, 140, 140),
                shared: Color32::from_rgb(150, 185, 225),
                focus: Color32::from_rgb(255, 200, 60),
                selected_bg: Color32::from_rgb(58, 58, 24),
                match_bg: Color32::from_rgb(90, 80, 20),
                conflict: Color32::from_rgb(255, 130, 110),
                agree: Color32::from_rgb(120, 210, 130),
                developing: Color32::from_rgb(235, 180, 90),
                single: Color32::from_rgb(130, 180, 255),
                unresolved: Color32::from_rgb(170, 170, 170),
            },
            Theme::Light => Self {
                text: Color32::from_rgb(20, 20, 20),
                weak: Color32::from_rgb(95, 95, 95),
                inserted_bg: Color32::from_rgb(204, 238, 210),
                inserted_line: Color32::from_rgb(20, 120, 50),
                removed_bg: Color32::from_rgb(248, 212, 212),
                removed_line: Color32::from_rgb(170, 20, 30),
                shared: Color32::from_rgb(45, 80, 130),
                focus: Color32::from_rgb(200, 120, 0),
                selected_bg: Color32::from_rgb(250, 240, 180),
                match_bg: Color32::from_rgb(255, 230, 120),
                conflict: Color32::from_rgb(180, 30, 20),
                agree: Color32::from_rgb(20, 120, 40),
                developing: Color32::from_rgb(150, 90, 0),
                single: Color32::from_rgb(30, 80, 180),
                unresolved: Color32::from_rgb(90, 90, 90),
            },
        }
    }

    /// Background of group `g`'s passages in the document view: one of six soft tints, the
    /// same in every column, so that a group's passages can be matched at a glance (their
    /// group number says it without colour).
    pub fn group_bg(&self, g: usize) -> Color32 {
        const DARK: [(u8, u8, u8); 6] = [
            (36, 44, 58),
            (50, 40, 62),
            (28, 52, 52),
            (58, 46, 32),
            (40, 54, 34),
            (60, 36, 46),
        ];
        const LIGHT: [(u8, u8, u8); 6] = [
            (228, 236, 250),
            (240, 230, 250),
            (222, 244, 240),
            (250, 236, 218),
            (234, 246, 222),
            (250, 228, 236),
        ];
        let tints = if self.text.r() > 128 { DARK } else { LIGHT };
        let (r, g_, b) = tints[g % tints.len()];
        Color32::from_rgb(r, g_, b)
    }

    /// Colour of a fact status.
    pub fn status(&self, status: FindingStatus) -> Color32 {
        match status {
            FindingStatus::Conflict => self.conflict,
            FindingStatus::Agree => self.agree,
            FindingStatus::Developing => self.developing,
            FindingStatus::SingleSource => self.single,
            FindingStatus::Unresolved => self.unresolved,
        }
    }
}

/// The word shown next to a fact status (the cue that does not depend on colour).
pub fn status_word(status: FindingStatus) -> &'static str {
    match status {
        FindingStatus::Conflict => "Conflict",
        FindingStatus::Agree => "Agree",
        FindingStatus::Developing => "Figures differ",
        FindingStatus::SingleSource => "One source",
        FindingStatus::Unresolved => "Unresolved",
    }
}

/// How a run of text is marked in a diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Plain,
    Inserted,
    Removed,
    /// A paraphrase's word the reference has too: coloured, nothing more.
    Shared,
    /// A content word only this paraphrase has: tinted and underlined, like an insertion.
    Own,
    /// A note on the marks (what a paraphrase leaves out): small, weak and italic.
    Note,
}

/// The text format of one diff run; `current` marks the run the user navigated to.
pub fn diff_format(p: &Palette, font: FontId, mark: Mark, current: bool) -> TextFormat {
    let width = if current { 2.5 } else { 1.2 };
    let mut f = TextFormat {
        font_id: font,
        color: p.text,
        ..TextFormat::default()
    };
    match mark {
        Mark::Plain => {}
        Mark::Inserted | Mark::Own => {
            f.background = p.inserted_bg;
            f.underline = Stroke::new(width, p.inserted_line);
        }
        Mark::Shared => f.color = p.shared,
        Mark::Note => {
            f.color = p.weak;
            f.italics = true;
            f.font_id.size *= 0.85;
        }
        Mark::Removed => {
            f.background = p.removed_bg;
            f.strikethrough = Stroke::new(width, p.removed_line);
        }
    }
    if current {
        f.background = p.focus;
        f.color = Color32::BLACK;
    }
    f
}

/// Appends `text` to `job`, with every case-insensitive occurrence of `needle` on the match
/// background.
pub fn append_highlighted(
    job: &mut LayoutJob,
    text: &str,
    needle: &str,
    format: TextFormat,
    p: &Palette,
) {
    if needle.is_empty() {
        job.append(text, 0.0, format);
        return;
    }
    let mut rest = text;
    while let Some((start, end)) = find_ci(rest, needle) {
        job.append(&rest[..start], 0.0, format.clone());
        let mut hit = format.clone();
        hit.background = p.match_bg;
        job.append(&rest[start..end], 0.0, hit);
        rest = &rest[end..];
    }
    job.append(rest, 0.0, format);
}

/// Byte range of the first case-insensitive occurrence of `needle` in `hay`.
pub fn find_ci(hay: &str, needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    let starts = hay.char_indices().map(|(i, _)| i);
    for start in starts {
        let mut it = hay[start..].char_indices();
        let mut matched = 0;
        let mut end = start;
        'outer: while matched < needle.len() {
            let Some((i, c)) = it.next() else { break };
            for lc in c.to_lowercase() {
                if matched < needle.len() && lc == needle[matched] {
                    matched += 1;
                } else {
                    break 'outer;
                }
            }
            end = start + i + c.len_utf8();
        }
        if matched == needle.len() {
            return Some((start, end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_ci_ignores_case_and_returns_byte_range() {
        assert_eq!(find_ci("Trump TWEETED on Sunday", "tweeted"), Some((6, 13)));
        assert_eq!(find_ci("café Ünion", "ünion"), Some((6, 12)));
        assert_eq!(find_ci("abc", "abd"), None);
        assert_eq!(find_ci("abc", ""), None);
    }

    #[test]
    fn themes_differ_and_statuses_have_words() {
        assert_ne!(Palette::of(Theme::Dark), Palette::of(Theme::Light));
        for s in [
            FindingStatus::Conflict,
            FindingStatus::Developing,
            FindingStatus::Agree,
            FindingStatus::SingleSource,
            FindingStatus::Unresolved,
        ] {
            assert!(!status_word(s).is_empty());
        }
    }
}
