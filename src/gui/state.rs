//! What the reader chose to look at and be told, as plain values the views read and the
//! commands change: the view, how passages are shown and laid out, and notifications.

use serde::{Deserialize, Serialize};

use crate::model::DiffMode;

/// The main views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum View {
    /// One row per group, one column per source.
    Aligned,
    /// Each source's full text, scrolled together.
    Documents,
    /// Facts compared across sources.
    Findings,
}

/// How the aligned view shows a passage against its group's reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reading {
    /// Each passage as its diff decided: word diff for near-copies, shared words for paraphrases.
    #[default]
    Auto,
    /// Every passage word by word.
    WordDiff,
    /// Every passage by the words it shares with the reference.
    Paraphrase,
}

impl Reading {
    pub const ALL: [Reading; 3] = [Reading::Auto, Reading::WordDiff, Reading::Paraphrase];

    /// The menu's words for it.
    pub fn label(self) -> &'static str {
        match self {
            Reading::Auto => "Auto: word diff for near-copies, shared words for paraphrases",
            Reading::WordDiff => "Word diff everywhere",
            Reading::Paraphrase => "Shared words everywhere",
        }
    }

    /// The mode a passage whose diff chose `own` is shown in; `flipped` when the reader switched
    /// that one cell.
    pub fn mode(self, own: DiffMode, flipped: bool) -> DiffMode {
        let m = match self {
            Reading::Auto => own,
            Reading::WordDiff => DiffMode::NearCopy,
            Reading::Paraphrase => DiffMode::Paraphrase,
        };
        if flipped { m.other() } else { m }
    }
}

/// How the aligned view lays out a group's passages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowLayout {
    /// Columns when every source fits at a readable width, compact rows otherwise.
    #[default]
    Auto,
    /// One column per source, with an empty cell where a source does not report the group.
    Columns,
    /// Each row shows only the sources that report its group, reference first, wrapped onto
    /// as many lines as the width needs; each passage is titled by its source.
    Compact,
}

impl RowLayout {
    pub const ALL: [RowLayout; 3] = [RowLayout::Auto, RowLayout::Columns, RowLayout::Compact];

    pub fn label(self) -> &'static str {
        match self {
            RowLayout::Auto => "auto",
            RowLayout::Columns => "a column per source",
            RowLayout::Compact => "compact (reference first)",
        }
    }
}

/// How serious a notification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Info,
    Warning,
    Error,
}

/// A message shown until the user dismisses it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Notice {
    pub id: u64,
    pub level: Level,
    pub text: String,
}
