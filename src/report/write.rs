//! Writing a file the user asked for (a report, a comparison file) so that nothing is lost: a
//! temporary file in the same folder, then a rename. A failure, or the program being stopped
//! (Ctrl+C, `kill`), leaves any existing file as it was and no temporary file behind; the new file
//! gets the permissions a new file gets in that folder (the umask's), or keeps those of the file it
//! replaces.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::ReportError;

/// Temporary files being written now, removed by [`remove_pending_temporaries`] when the program
/// is stopped by a signal.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file a write in progress has made. Only for the signal handler
/// (SIGINT, SIGTERM, SIGHUP), just before the program exits: the registry stays locked when this
/// returns, so that no write in progress can put its file in place before the program ends.
pub fn remove_pending_temporaries() {
    let pending = PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for p in pending.iter() {
        let _ = std::fs::remove_file(p);
    }
    // Held until the process ends.
    std::mem::forget(pending);
}

/// A temporary file registered for removal for the time of a write.
struct Pending(PathBuf);

impl Pending {
    /// Creates a temporary file in `dir` and registers it, under the registry's lock so that a
    /// signal cannot come between the two.
    fn create(dir: &Path, prefix: &str) -> std::io::Result<(tempfile::NamedTempFile, Self)> {
        let mut registry = PENDING
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let tmp = temporary_in(dir, prefix)?;
        registry.push(tmp.path().to_path_buf());
        let pending = Self(tmp.path().to_path_buf());
        Ok((tmp, pending))
    }

    /// Renames the finished temporary file to `path` while holding the registry, so that a
    /// signal handler either runs before (and removes the temporary file) or after (when the
    /// file is complete in its place): never in between.
    fn persist(self, tmp: tempfile::NamedTempFile, path: &Path) -> std::io::Result<()> {
        let mut registry = PENDING
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let done = tmp.persist(path).map(drop).map_err(|e| e.error);
        registry.retain(|q| *q != self.0);
        drop(registry);
        done
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut p) = PENDING.lock() {
            p.retain(|q| *q != self.0);
        }
    }
}

/// Checks, before any work is done, that `path` can be written: not a source, not a folder, in a
/// folder that exists and takes new files. A special file (a device, a pipe) is written to as it
/// is. The same checks are made again when the file is written.
pub fn check_writable(path: &Path, sources: &[&Path]) -> Result<(), ReportError> {
    let shown = path.display().to_string();
    let fail = |reason: String| ReportError::Write {
        path: shown.clone(),
        reason,
    };
    refuse_source(path, sources)?;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.is_dir() {
            return Err(fail("is a directory".into()));
        }
        if !meta.is_file() {
            return Ok(());
        }
    }
    let dir = folder_of(path);
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(fail(format!("{} is not a folder", dir.display()))),
        Err(_) => return Err(fail(format!("no such folder: {}", dir.display()))),
    }
    // A file is made and removed: the only sure test that the folder takes new files.
    Pending::create(dir, PROBE_PREFIX)
        .map(drop)
        .map_err(|e| fail(e.to_string()))
}

/// The names of the temporary files a report or comparison file is written to before it is
/// renamed into place, and of the empty file made to check a folder takes new files.
pub const TEMPORARY_PREFIX: &str = ".crosscheck-";
const PROBE_PREFIX: &str = ".crosscheck-check-";

/// Writes `contents` to `path` atomically: a temporary file in the same folder, then a rename, so
/// a failure leaves any existing file as it was. Refuses to overwrite one of `sources`.
pub fn write_atomic(path: &Path, contents: &[u8], sources: &[&Path]) -> Result<(), ReportError> {
    write_atomic_with(path, sources, |out| out.write_all(contents))
}

/// Like [`write_atomic`], with the contents written by `fill` (through a buffer) into the
/// temporary file; when `fill` fails, the temporary file is removed and `path` left as it was.
pub fn write_atomic_with(
    path: &Path,
    sources: &[&Path],
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), ReportError> {
    let shown = path.display().to_string();
    refuse_source(path, sources)?;
    let err = |e: std::io::Error| ReportError::Write {
        path: shown.clone(),
        reason: e.to_string(),
    };
    let existing = std::fs::metadata(path).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(ReportError::Write {
                path: shown,
                reason: "is a directory".into(),
            });
        }
        // A device or pipe (`/dev/null`, a FIFO) is written to, never replaced by a rename.
        if !meta.is_file() {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(err)?;
            let mut out = std::io::BufWriter::new(f);
            fill(&mut out).map_err(err)?;
            return out.flush().map_err(err);
        }
    }
    let (mut tmp, pending) = Pending::create(folder_of(path), TEMPORARY_PREFIX).map_err(err)?;
    if let Some(meta) = &existing {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(err)?;
    }
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut tmp);
        fill(&mut out).map_err(err)?;
        out.flush().map_err(err)?;
    }
    tmp.as_file().sync_all().map_err(err)?;
    pending.persist(tmp, path).map_err(err)
}

fn refuse_source(path: &Path, sources: &[&Path]) -> Result<(), ReportError> {
    let target = std::fs::canonicalize(path).ok();
    if let Some(t) = &target
        && sources
            .iter()
            .any(|s| std::fs::canonicalize(s).ok().as_ref() == Some(t))
    {
        return Err(ReportError::WouldOverwriteSource(
            path.display().to_string(),
        ));
    }
    Ok(())
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A hidden temporary file in `dir`, created with the permissions of any new file there: mode
/// 0666 less the umask on Unix (the `tempfile` default, 0600, would make every report private).
fn temporary_in(dir: &Path, prefix: &str) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // The temporary file's name is none the user gave: the error names the folder instead.
    b.tempfile_in(dir).map_err(|e| {
        let text = e.to_string();
        let cause = text
            .split_once(" at path ")
            .map_or(text.as_str(), |(c, _)| c);
        std::io::Error::new(
            e.kind(),
            format!("the folder {} takes no new file: {cause}", dir.display()),
        )
    })
}
