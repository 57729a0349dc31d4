//! The desktop app (placeholder until the app lands).

use std::path::PathBuf;

pub fn run(_files: Vec<PathBuf>) -> Result<(), String> {
    Err("the desktop app is not built yet; use `crosscheck report FILE...`".into())
}
