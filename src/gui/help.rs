//! The list of keys, shown with F1 or `?` (and the Keys button).

use egui::RichText;

use super::app::App;
use super::commands::Command;

/// Every shortcut the app knows, with what it does: one table, shown as it is.
pub const KEYS: &[(&str, &str)] = &[
    ("C", "next conflict"),
    ("Shift+C", "previous conflict"),
    ("N or F8", "next word difference"),
    ("P or F7", "previous word difference"),
    ("Ctrl+F", "search the groups"),
    ("Ctrl+1 / 2 / 3", "aligned passages / documents / findings"),
    ("Ctrl+O", "open articles"),
    ("Ctrl+S", "save a report"),
    ("Ctrl+V", "paste text as a source (outside a text field)"),
    ("F1 or ?", "show or hide this list"),
];

impl App {
    pub(super) fn help_window(&mut self, ctx: &egui::Context) {
        if !self.show_help {
            return;
        }
        let mut open = true;
        egui::Window::new("Keys")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                egui::Grid::new("keys").striped(true).show(ui, |ui| {
                    for (key, what) in KEYS {
                        ui.label(RichText::new(*key).monospace().strong());
                        ui.label(*what);
                        ui.end_row();
                    }
                });
            });
        if !open {
            self.commands.push(Command::ToggleHelp);
        }
    }
}
