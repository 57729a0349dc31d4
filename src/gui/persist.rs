//! What the app remembers between runs (eframe's storage): the theme, the last sources and
//! their datelines, the comparison file opened last, the reader's choices of view, order,
//! reading, layout and panels, and review marks not yet saved in a comparison file.

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::Theme;
use serde::{Deserialize, Serialize};

use super::nav;
use super::state::{Reading, RowLayout, View};
use crate::dates;

/// Key under which the app's settings are kept in eframe's storage.
const SETTINGS_KEY: &str = "crosscheck-settings";

/// What is remembered between sessions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Settings {
    /// `dark` or `light`; none follows the system.
    pub(super) theme: Option<String>,
    pub(super) sources: Vec<SavedSource>,
    pub(super) view: Option<View>,
    /// Comparison files opened or saved lately, newest first.
    #[serde(default)]
    pub(super) recent: Vec<PathBuf>,
    /// The comparison file opened or saved last, when that was the last thing the user did; it is
    /// reopened at start.
    #[serde(default)]
    pub(super) comparison: Option<PathBuf>,
    /// How the aligned rows are ordered, and whether passages only one source has get rows.
    #[serde(default)]
    pub(super) order: Option<nav::RowOrder>,
    #[serde(default)]
    pub(super) show_only: Option<bool>,
    /// How passages are shown against their reference.
    #[serde(default)]
    pub(super) reading: Option<Reading>,
    /// How the aligned rows are laid out.
    #[serde(default)]
    pub(super) layout: Option<RowLayout>,
    /// Whether the Details panel is shown.
    #[serde(default)]
    pub(super) details: Option<bool>,
    /// The reader's marks on findings of the last sources (a saved comparison keeps its own).
    #[serde(default)]
    pub(super) reviews: Vec<crate::review::Review>,
    /// Synchronized scrolling of the document columns.
    #[serde(default)]
    pub(super) sync: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct SavedSource {
    pub(super) path: PathBuf,
    /// A dateline the user set, `YYYY-MM-DD`.
    pub(super) dateline: Option<String>,
}

impl Settings {
    /// The settings kept in `storage`; the defaults when there are none or they cannot be read.
    pub(super) fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value(s, SETTINGS_KEY))
            .unwrap_or_default()
    }

    /// Keeps these settings in `storage`.
    pub(super) fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, self);
    }

    /// The theme chosen; none follows the system.
    pub(super) fn theme(&self) -> Option<Theme> {
        match self.theme.as_deref() {
            Some("dark") => Some(Theme::Dark),
            Some("light") => Some(Theme::Light),
            _ => None,
        }
    }

    /// How a theme is kept.
    pub(super) fn theme_name(theme: Option<Theme>) -> Option<String> {
        theme.map(|t| match t {
            Theme::Dark => "dark".to_string(),
            Theme::Light => "light".to_string(),
        })
    }

    /// The last sources, each with the dateline the reader set (a dateline that is no longer a
    /// date is dropped).
    pub(super) fn sources(&self) -> Vec<(PathBuf, Option<NaiveDate>)> {
        self.sources
            .iter()
            .map(|s| {
                (
                    s.path.clone(),
                    s.dateline.as_deref().and_then(dates::parse_iso),
                )
            })
            .collect()
    }
}
