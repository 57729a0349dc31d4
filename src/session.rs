//! Comparison files (`.crosscheck`): save the inputs of a comparison and reopen it later.
//!
//! A comparison file holds what is needed to compare again, not the result: each source's path,
//! a copy of its bytes, its dateline override, and the settings. Reopening always compares from
//! the stored copies, so it works when a source has since moved, changed or been deleted, and
//! [`Opened`] says which. The result is recomputed, so a newer Crosscheck applies its better
//! alignment to old files.
//!
//! The file is pretty-printed JSON with a `format` and a `version` field; a file of another format
//! or an unknown version, or a damaged one, is refused with an error naming the file, and opening
//! never writes anything. Saving is atomic ([`crate::report::write_atomic`]) and refuses to
//! overwrite one of the sources.
//!
//! Typical use (the app and the command line do the same):
//!
//! ```no_run
//! # use std::sync::atomic::AtomicBool;
//! # use crosscheck::{Options, Source, session::{self, SessionFile}};
//! let (file, _unreadable) = SessionFile::capture(&[Source::new("a.txt"), Source::new("b.txt")], &Options::default());
//! let never = AtomicBool::new(false);
//! let (cmp, _errors) = file.compare(&|_| {}, &never)?;
//! session::save("story.crosscheck".as_ref(), &file)?;
//! let opened = session::open("story.crosscheck".as_ref())?;
//! for note in opened.notes() { eprintln!("note: {}", note.message); }
//! let (again, _) = opened.compare(&|_| {}, &never)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::load::{self, LoadError, Problem, Why};
use crate::model::{Comparison, Warning};
use crate::pipeline::{Cancelled, Options, Progress, Source, compare_loaded};
use crate::report::{self, ReportError};

/// The `format` field of every comparison file.
pub const SESSION_FORMAT: &str = "crosscheck-comparison";
/// The version of the comparison file this build writes and reads.
pub const SESSION_VERSION: u32 = 1;
/// The usual extension of comparison files, without the dot.
pub const EXTENSION: &str = "crosscheck";

/// The contents of a comparison file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionFile {
    /// Always [`SESSION_FORMAT`].
    pub format: String,
    /// [`SESSION_VERSION`] when written by this build.
    pub version: u32,
    /// The sources in the order they are compared.
    pub sources: Vec<SavedSource>,
    /// Settings of the compare.
    pub settings: Settings,
    /// The reader's marks on findings (checked, wrong, needs a call) and notes; they are put
    /// back on the findings when the comparison is compared again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<crate::review::Review>,
}

/// One source of a saved comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedSource {
    /// The path as the user gave it (shown in reports).
    pub path: String,
    /// The absolute path when the copy was taken, used to find the file again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absolute: Option<String>,
    /// The path relative to the comparison file's folder when saved, if the source was inside it;
    /// finds the file when the whole folder has moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<String>,
    /// The user's dateline for this source, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<String>,
    /// The file's bytes when they are valid UTF-8 (the usual case), as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Otherwise the file's bytes in standard base64.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base64: Option<String>,
    /// Where the copy came from when it is no file on disk: a fetched page or pasted text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// A source that is no file on disk. Its stored copy is all there is: it is never looked for on
/// disk, and a reopened comparison compares it exactly as it was fetched or pasted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Origin {
    /// A page fetched from the link in `path`.
    Web {
        /// The address after redirects.
        final_url: String,
        /// When it was fetched, RFC 3339 in UTC.
        fetched_at: String,
        /// The server's `Content-Type`, which says the format and charset when the bytes do not.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content_type: Option<String>,
    },
    /// Text pasted into the app or piped in on standard input; `path` is its name.
    Pasted,
}

impl SavedSource {
    /// A source with a stored copy of `bytes`.
    pub fn new(path: &str, bytes: Vec<u8>, dateline: Option<NaiveDate>) -> Self {
        let mut s = Self::stored(path, bytes, dateline, None);
        s.absolute = std::fs::canonicalize(path)
            .ok()
            .map(|p| p.display().to_string());
        s
    }

    /// A page fetched from `url`, named by the link as the user gave it.
    pub fn fetched(url: &str, page: crate::fetch::Fetched, dateline: Option<NaiveDate>) -> Self {
        let origin = Origin::Web {
            final_url: page.final_url,
            fetched_at: page.fetched_at,
            content_type: page.content_type,
        };
        Self::stored(url, page.bytes, dateline, Some(origin))
    }

    /// Text pasted into the app, under the name `name`.
    pub fn pasted(name: &str, text: &str) -> Self {
        Self::stored(name, text.as_bytes().to_vec(), None, Some(Origin::Pasted))
    }

    fn stored(
        path: &str,
        bytes: Vec<u8>,
        dateline: Option<NaiveDate>,
        origin: Option<Origin>,
    ) -> Self {
        let (text, base64) = match String::from_utf8(bytes) {
            Ok(t) => (Some(t), None),
            Err(e) => (None, Some(BASE64.encode(e.into_bytes()))),
        };
        Self {
            path: path.to_string(),
            absolute: None,
            relative: None,
            dateline: dateline.map(|d| d.to_string()),
            text,
            base64,
            origin,
        }
    }

    /// A copy of a source taken now: the file read, the link fetched, standard input (`-`) read.
    pub fn take(s: &Source, opts: &Options) -> Result<Self, LoadError> {
        let shown = s.path.display().to_string();
        if s.path.as_os_str() == crate::inputs::STDIN {
            let bytes =
                read_stdin(opts.max_file_bytes).map_err(|why| LoadError::at(STDIN_NAME, why))?;
            return Ok(Self::stored(
                STDIN_NAME,
                bytes,
                s.dateline,
                Some(Origin::Pasted),
            ));
        }
        if crate::fetch::is_url(&shown) {
            let page = crate::fetch::fetch(&shown, opts.max_file_bytes, opts.fetch_timeout)
                .map_err(|why| LoadError::at(&shown, why))?;
            return Ok(Self::fetched(&shown, page, s.dateline));
        }
        let bytes = crate::load::read_source(&s.path, opts.max_file_bytes)
            .map_err(|why| LoadError::at(&shown, why))?;
        Ok(Self::new(&shown, bytes, s.dateline))
    }

    /// What tells two copies of one source apart: the absolute path, else the path as given.
    pub fn key(&self) -> &str {
        self.absolute.as_deref().unwrap_or(&self.path)
    }

    /// Whether the source is a file on disk (not a fetched page or pasted text).
    pub fn is_file(&self) -> bool {
        self.origin.is_none()
    }

    /// Reads the stored copy as an article, with what its server said of it when fetched.
    fn load(&self, bytes: &[u8]) -> Result<load::Loaded, LoadError> {
        match &self.origin {
            Some(Origin::Web {
                content_type,
                final_url,
                ..
            }) => load::load_fetched(&self.path, bytes, content_type.as_deref()).map(|mut l| {
                if l.site.is_none() {
                    l.site = crate::fetch::host(final_url);
                }
                l
            }),
            // Pasted text has no file name worth showing: its first line is its title.
            Some(Origin::Pasted) => load::load_bytes(&self.path, bytes).map(|mut l| {
                if l.title.is_none() {
                    l.title = first_line_title(&l.text);
                }
                l
            }),
            None => load::load_bytes(&self.path, bytes),
        }
    }

    /// The stored copy of the file's bytes.
    pub fn bytes(&self) -> Result<Vec<u8>, String> {
        match (&self.text, &self.base64) {
            (Some(t), None) => Ok(t.as_bytes().to_vec()),
            (None, Some(b)) => BASE64
                .decode(b.as_bytes())
                .map_err(|e| format!("the stored copy of {} is not valid base64 ({e})", self.path)),
            (Some(_), Some(_)) => Err(format!(
                "{} has two stored copies (text and base64)",
                self.path
            )),
            (None, None) => Err(format!("{} has no stored copy", self.path)),
        }
    }

    /// The dateline override, parsed.
    pub fn dateline_date(&self) -> Result<Option<NaiveDate>, String> {
        match &self.dateline {
            None => Ok(None),
            Some(d) => crate::dates::parse_iso(d).map(Some).ok_or_else(|| {
                format!(
                    "the dateline of {} is not a date as YYYY-MM-DD: {d}",
                    self.path
                )
            }),
        }
    }
}

/// The first line of a text as its title, when it is short enough to be one.
fn first_line_title(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    (line.chars().count() <= 150).then(|| line.to_string())
}

/// The name of the source read from standard input (`-` on the command line).
pub const STDIN_NAME: &str = "standard input";

/// Standard input, up to `max_bytes`; a terminal is refused (nothing was piped in).
fn read_stdin(max_bytes: u64) -> Result<Vec<u8>, Why> {
    use std::io::{IsTerminal, Read};
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(Why::new(
            Problem::NotAnArticle,
            "is a terminal: pipe an article in (`… | crosscheck report -`)",
        ));
    }
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Why::new(Problem::Unreadable, format!("cannot read ({e})")))?;
    load::check_size(bytes.len() as u64, max_bytes)?;
    Ok(bytes)
}

/// The compare settings stored with a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Largest source file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Time allowed for one word diff, in milliseconds.
    pub diff_timeout_ms: u64,
}

impl From<&Options> for Settings {
    fn from(o: &Options) -> Self {
        Self {
            max_file_bytes: o.max_file_bytes,
            diff_timeout_ms: u64::try_from(o.diff_timeout.as_millis()).unwrap_or(u64::MAX),
        }
    }
}

impl Settings {
    /// The pipeline options these settings stand for.
    pub fn options(&self) -> Options {
        Options {
            max_file_bytes: self.max_file_bytes,
            diff_timeout: Duration::from_millis(self.diff_timeout_ms),
            ..Options::default()
        }
    }
}

/// Why a comparison file could not be opened or saved. Every message names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("cannot read comparison file ({reason}): {path}")]
    Read { path: String, reason: String },
    #[error("not a Crosscheck comparison file ({reason}): {path}")]
    NotSession { path: String, reason: String },
    #[error(
        "comparison file version {found} is not supported; this build reads version {SESSION_VERSION} (saved by a newer Crosscheck?): {path}"
    )]
    Version { path: String, found: u64 },
    #[error("damaged comparison file ({reason}): {path}")]
    Damaged { path: String, reason: String },
    #[error("refusing to write the comparison file over a source article: {0}")]
    WouldOverwriteSource(String),
    #[error("cannot write comparison file ({reason}): {path}")]
    Write { path: String, reason: String },
}

impl SessionFile {
    /// A comparison file with no sources yet.
    pub fn new(opts: &Options) -> Self {
        Self {
            format: SESSION_FORMAT.to_string(),
            version: SESSION_VERSION,
            sources: Vec::new(),
            settings: Settings::from(opts),
            reviews: Vec::new(),
        }
    }

    /// Reads the sources now and keeps a copy of each: a file read, a link fetched, `-` read
    /// from standard input. Sources that cannot be read (missing, a folder, over the size limit,
    /// a failed fetch) or are given twice are left out and returned as errors, worded as the
    /// pipeline words them.
    pub fn capture(sources: &[Source], opts: &Options) -> (Self, Vec<LoadError>) {
        let mut file = Self::new(opts);
        let mut seen = HashSet::new();
        let errors = sources
            .iter()
            .filter_map(|s| file.take_new(s, opts, &mut seen).err())
            .collect();
        (file, errors)
    }

    /// Takes a copy of `s` ([`SavedSource::take`]) and adds it, unless a source in `seen` is the
    /// same file: that one is refused as given twice, as is one that cannot be read.
    pub fn take_new(
        &mut self,
        s: &Source,
        opts: &Options,
        seen: &mut HashSet<PathBuf>,
    ) -> Result<(), LoadError> {
        let key = std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone());
        if !seen.insert(key) {
            let shown = s.path.display().to_string();
            return Err(LoadError::given_twice(&shown));
        }
        self.sources.push(SavedSource::take(s, opts)?);
        Ok(())
    }

    /// Compares the stored copies. Copies that do not decode to text are returned as errors and
    /// become warnings of the comparison, as [`crate::inputs::compare`] does.
    pub fn compare(
        &self,
        progress: &(dyn Fn(Progress) + Sync),
        cancel: &AtomicBool,
    ) -> Result<(Comparison, Vec<LoadError>), Cancelled> {
        use rayon::prelude::*;
        let mut errors = Vec::new();
        let mut seen = HashSet::new();
        let mut unique = Vec::new();
        for s in &self.sources {
            if seen.insert(s.key()) {
                unique.push(s);
            } else {
                errors.push(LoadError::given_twice(&s.path));
            }
        }
        progress(Progress {
            stage: "loading",
            fraction: 0.05,
        });
        // Decoding and extracting (HTML, PDF, Word) are the costly part: in parallel, in order.
        let loaded: Vec<_> = unique.par_iter().map(|s| self.load_copy(s)).collect();
        if cancel.load(std::sync::atomic::Ordering::Relaxed) {
            return Err(Cancelled);
        }
        let mut docs = Vec::new();
        for r in loaded {
            match r {
                Ok(d) => docs.push(d),
                Err(e) => errors.push(e),
            }
        }
        let mut cmp = compare_loaded(docs, &self.settings.options(), progress, cancel)?;
        crate::pipeline::prepend_load_warnings(&mut cmp, &errors);
        cmp.reviews = self.reviews.clone();
        Ok((cmp, errors))
    }

    /// Drops every source after the first that names the same file (as a comparison file from
    /// elsewhere may).
    pub fn keep_first_of_each_source(&mut self) {
        let mut seen = HashSet::new();
        self.sources.retain(|s| seen.insert(s.key().to_string()));
    }

    /// A stored copy read as an article, held to this file's size limit, with its dateline.
    fn load_copy(&self, s: &SavedSource) -> Result<(load::Loaded, Option<NaiveDate>), LoadError> {
        let damaged = |reason: String| LoadError::new(&s.path, Problem::Damaged, reason);
        let bytes = s.bytes().map_err(damaged)?;
        load::check_size(bytes.len() as u64, self.settings.max_file_bytes).map_err(|why| {
            LoadError::new(&s.path, why.problem, format!("stored copy: {}", why.reason))
        })?;
        let date = s.dateline_date().map_err(damaged)?;
        s.load(&bytes).map(|l| (l, date))
    }

    /// The sources as pipeline inputs (paths and dateline overrides).
    pub fn sources(&self) -> Vec<Source> {
        self.sources
            .iter()
            .map(|s| Source {
                path: PathBuf::from(&s.path),
                dateline: s.dateline_date().ok().flatten(),
            })
            .collect()
    }

    /// The file's text: pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Reads a comparison file's text; `path` only names the file in errors.
    pub fn from_json(text: &str, path: &str) -> Result<Self, SessionError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // The format and version are read first, without building the rest (the stored copies
        // are most of the file), so that another kind of file is named as such.
        #[derive(Deserialize)]
        struct Head {
            format: Option<serde_json::Value>,
            version: Option<serde_json::Value>,
        }
        let head: Head = serde_json::from_str(text).map_err(|e| {
            // A cut-off or edited comparison file still names its format near the top.
            let start = text.get(..text.len().min(200)).unwrap_or_default();
            if start.contains(SESSION_FORMAT) {
                SessionError::Damaged {
                    path: path.to_string(),
                    reason: e.to_string(),
                }
            } else {
                SessionError::NotSession {
                    path: path.to_string(),
                    reason: format!("not JSON: {e}"),
                }
            }
        })?;
        match head.format.as_ref().map(|f| f.as_str()) {
            Some(Some(SESSION_FORMAT)) => {}
            Some(_) => {
                let other = head.format.unwrap_or_default();
                return Err(SessionError::NotSession {
                    path: path.to_string(),
                    reason: format!("its format is {other}"),
                });
            }
            None => {
                return Err(SessionError::NotSession {
                    path: path.to_string(),
                    reason: "no \"format\" field".to_string(),
                });
            }
        }
        let found = head.version.as_ref().and_then(serde_json::Value::as_u64);
        match found {
            Some(v) if v == u64::from(SESSION_VERSION) => {}
            Some(v) => {
                return Err(SessionError::Version {
                    path: path.to_string(),
                    found: v,
                });
            }
            None => {
                return Err(SessionError::Damaged {
                    path: path.to_string(),
                    reason: "no version number".to_string(),
                });
            }
        }
        let file: SessionFile = serde_json::from_str(text).map_err(|e| SessionError::Damaged {
            path: path.to_string(),
            reason: e.to_string(),
        })?;
        if file.sources.is_empty() {
            return Err(SessionError::Damaged {
                path: path.to_string(),
                reason: "no sources".to_string(),
            });
        }
        for s in &file.sources {
            s.bytes()
                .and_then(|_| s.dateline_date())
                .map_err(|reason| SessionError::Damaged {
                    path: path.to_string(),
                    reason,
                })?;
        }
        Ok(file)
    }
}

/// Saves a comparison file atomically. Records where each source lies relative to the file's
/// folder (to find sources again when the folder moves). Refuses to write over a source.
pub fn save(path: &Path, file: &SessionFile) -> Result<(), SessionError> {
    let shown = path.display().to_string();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
    let mut file = file.clone();
    for s in &mut file.sources {
        s.relative = s
            .absolute
            .as_deref()
            .and_then(|a| Path::new(a).strip_prefix(&dir).ok())
            .map(|r| r.display().to_string());
    }
    let sources: Vec<PathBuf> = file
        .sources
        .iter()
        .flat_map(|s| {
            [
                Some(PathBuf::from(&s.path)),
                s.absolute.as_ref().map(PathBuf::from),
            ]
        })
        .flatten()
        .collect();
    let refs: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
    report::write_atomic(path, file.to_json().as_bytes(), &refs).map_err(|e| match e {
        ReportError::WouldOverwriteSource(_) => SessionError::WouldOverwriteSource(shown),
        ReportError::Write { reason, .. } => SessionError::Write {
            path: shown,
            reason,
        },
        ReportError::Encode(reason) => SessionError::Write {
            path: shown,
            reason,
        },
    })
}

/// What became of a source since its comparison was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceStatus {
    /// The file is where it was, with the same bytes.
    Unchanged,
    /// The file was found at another place (the comparison file's folder moved with it).
    Moved { to: String },
    /// A file was found (`at`, where it was or beside the comparison file) but its bytes differ
    /// from the stored copy.
    Changed { at: String },
    /// The file is gone.
    Missing,
}

/// A comparison file, opened and checked against the files on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The file's contents. A moved source's `path` is updated to where it is now.
    pub file: SessionFile,
    /// One status per source, in order.
    pub status: Vec<SourceStatus>,
}

impl Opened {
    /// One line per source that is not [`SourceStatus::Unchanged`], for the user.
    pub fn notes(&self) -> Vec<Warning> {
        self.file
            .sources
            .iter()
            .zip(&self.status)
            .filter_map(|(s, st)| {
                let message = match st {
                    SourceStatus::Unchanged => return None,
                    SourceStatus::Moved { .. } => {
                        "moved since the comparison was saved; found here, same text".to_string()
                    }
                    SourceStatus::Changed { at } if *at == s.path || Some(at) == s.absolute.as_ref() => {
                        "changed since the comparison was saved; compared from the saved copy"
                            .to_string()
                    }
                    SourceStatus::Changed { at } => format!(
                        "found at {at} but changed since the comparison was saved; compared from the saved copy"
                    ),
                    SourceStatus::Missing => {
                        "not found; compared from the copy saved in the comparison file".to_string()
                    }
                };
                Some(Warning {
                    path: Some(s.path.clone()),
                    message,
                })
            })
            .collect()
    }

    /// Compares the stored copies; the notes come first among the comparison's warnings.
    pub fn compare(
        &self,
        progress: &(dyn Fn(Progress) + Sync),
        cancel: &AtomicBool,
    ) -> Result<(Comparison, Vec<LoadError>), Cancelled> {
        let (mut cmp, errors) = self.file.compare(progress, cancel)?;
        let mut warnings = self.notes();
        warnings.append(&mut cmp.warnings);
        cmp.warnings = warnings;
        Ok((cmp, errors))
    }
}

/// How many times the source size limit a comparison file may be: room for several sources at
/// the limit (with JSON's escapes), or for hundreds of news articles.
pub const SESSION_SIZE_FACTOR: u64 = 8;

/// Opens a comparison file with the default size limit ([`open_with_limit`]).
pub fn open(path: &Path) -> Result<Opened, SessionError> {
    open_with_limit(path, crate::load::DEFAULT_MAX_FILE_BYTES)
}

/// Opens a comparison file and checks each source against the disk. Never writes anything.
/// `max_file_bytes` is the user's limit on a source: the comparison file may be
/// [`SESSION_SIZE_FACTOR`] times that, and its stored copies are held to it when compared (the
/// file's own setting can lower the limit, never raise it).
pub fn open_with_limit(path: &Path, max_file_bytes: u64) -> Result<Opened, SessionError> {
    let shown = path.display().to_string();
    // The same checks as for a source (no pipe or device, which would hang or never end).
    let limit = max_file_bytes.saturating_mul(SESSION_SIZE_FACTOR);
    let bytes = crate::load::read_source(path, limit).map_err(|why| SessionError::Read {
        path: shown.clone(),
        reason: why.reason.replace(
            "(raise it with --max-file-size)",
            &format!(
                "for a comparison file, {SESSION_SIZE_FACTOR} × the source limit; raise it with \
                 --max-file-size"
            ),
        ),
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| SessionError::NotSession {
        path: shown.clone(),
        reason: "not UTF-8 text".to_string(),
    })?;
    let mut file = SessionFile::from_json(text, &shown)?;
    file.settings.max_file_bytes = file.settings.max_file_bytes.min(max_file_bytes);
    let dir = path.parent().unwrap_or(Path::new(""));
    let mut status = Vec::with_capacity(file.sources.len());
    for s in &mut file.sources {
        let st = locate(s, dir);
        if let SourceStatus::Moved { to } = &st {
            s.path.clone_from(to);
            s.absolute = std::fs::canonicalize(to)
                .ok()
                .map(|p| p.display().to_string());
        }
        status.push(st);
    }
    Ok(Opened { file, status })
}

/// Finds a saved source on disk: where it was, then beside the comparison file, then by the path
/// as given (relative to the working folder).
fn locate(s: &SavedSource, dir: &Path) -> SourceStatus {
    if !s.is_file() {
        return SourceStatus::Unchanged;
    }
    let Ok(stored) = s.bytes() else {
        return SourceStatus::Missing;
    };
    let original: Option<PathBuf> = s
        .absolute
        .as_ref()
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from(&s.path)));
    // Some(true) when the file holds the copy, Some(false) when it is a readable file that holds
    // something else, None when there is nothing readable there. A regular file of another size
    // differs without being read; otherwise no more than the copy's size is read (and no pipe).
    let same = |p: &Path| {
        let meta = std::fs::metadata(p).ok()?;
        // A file of another size differs; a file that gives no size (`/proc`) is never read.
        if meta.is_file() && (meta.len() != stored.len() as u64 || meta.len() == 0) {
            return std::fs::File::open(p).ok().map(|_| false);
        }
        crate::load::read_source(p, stored.len() as u64)
            .ok()
            .map(|b| b == stored)
    };
    let at_original = original.as_deref().and_then(same);
    if at_original == Some(true) {
        return SourceStatus::Unchanged;
    }
    let mut others: Vec<PathBuf> = Vec::new();
    if let Some(r) = &s.relative {
        others.push(dir.join(r));
    }
    others.push(PathBuf::from(&s.path));
    let mut changed_elsewhere = None;
    for p in others {
        let here_same = same(&p);
        if here_same == Some(false) && changed_elsewhere.is_none() {
            changed_elsewhere = Some(p.display().to_string());
        }
        if here_same == Some(true) {
            let here = std::fs::canonicalize(&p).ok();
            let there = original
                .as_deref()
                .and_then(|o| std::fs::canonicalize(o).ok());
            if here.is_some() && here == there {
                return SourceStatus::Unchanged;
            }
            return SourceStatus::Moved {
                to: p.display().to_string(),
            };
        }
    }
    match (at_original, original, changed_elsewhere) {
        (Some(_), Some(o), _) => SourceStatus::Changed {
            at: o.display().to_string(),
        },
        (_, _, Some(at)) => SourceStatus::Changed { at },
        _ => SourceStatus::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_bytes_are_kept_exactly() {
        let bytes = vec![b'c', b'a', b'f', 0xe9, b'\n'];
        let s = SavedSource::new("x.txt", bytes.clone(), None);
        assert!(s.text.is_none());
        assert_eq!(s.bytes(), Ok(bytes));
    }

    #[test]
    fn settings_round_trip_to_options() {
        let o = Options::default();
        assert_eq!(Settings::from(&o).options(), o);
    }
}
