//! Reports: printers of one [`Comparison`], and the atomic write that saves them.

use std::io::Write;
use std::path::Path;

use crate::model::Comparison;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
    Html,
}

impl Format {
    /// The format named by a file's extension (`.json`, `.md`, `.html`/`.htm`).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format named on the command line (`json`, `md`, `html`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// Why a report could not be produced or saved.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0} reports are not available yet (use --format json)")]
    NotYet(&'static str),
    #[error("refusing to write the report over a source article: {0}")]
    WouldOverwriteSource(String),
    #[error("cannot write report ({reason}): {path}")]
    Write { path: String, reason: String },
    #[error("cannot encode report: {0}")]
    Encode(String),
}

/// Renders a comparison in a format.
pub fn render(cmp: &Comparison, format: Format) -> Result<String, ReportError> {
    match format {
        Format::Json => json(cmp),
        Format::Markdown => Err(ReportError::NotYet("Markdown")),
        Format::Html => Err(ReportError::NotYet("HTML")),
    }
}

/// The JSON report: the `Comparison` itself, pretty-printed, with a final newline.
pub fn json(cmp: &Comparison) -> Result<String, ReportError> {
    let mut s =
        serde_json::to_string_pretty(cmp).map_err(|e| ReportError::Encode(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// Reads a JSON report back.
pub fn read_json(s: &str) -> Result<Comparison, serde_json::Error> {
    serde_json::from_str(s)
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, then a rename, so
/// a failure leaves any existing file as it was. Refuses to overwrite one of `sources`.
pub fn write_atomic(path: &Path, contents: &[u8], sources: &[&Path]) -> Result<(), ReportError> {
    let shown = path.display().to_string();
    let target = std::fs::canonicalize(path).ok();
    if let Some(t) = &target
        && sources
            .iter()
            .any(|s| std::fs::canonicalize(s).ok().as_ref() == Some(t))
    {
        return Err(ReportError::WouldOverwriteSource(shown));
    }
    let err = |e: std::io::Error| ReportError::Write {
        path: shown.clone(),
        reason: e.to_string(),
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".crosscheck-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(contents).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}
