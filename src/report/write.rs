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

/// Removes every temporary file a write in progress has made. Called from the signal handler
/// (SIGINT, SIGTERM, SIGHUP) just before the program exits.
pub fn remove_pending_temporaries() {
    let pending = match PENDING.lock() {
        Ok(p) => p.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    for p in pending {
        let _ = std::fs::remove_file(p);
    }
}

/// Registers a temporary file for the time of a write.
struct Pending(PathBuf);

impl Pending {
    fn new(path: &Path) -> Self {
        if let Ok(mut p) = PENDING.lock() {
            p.push(path.to_path_buf());
        }
        Self(path.to_path_buf())
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
    temporary_in(dir).map(drop).map_err(|e| fail(e.to_string()))
}

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
    let mut tmp = temporary_in(folder_of(path)).map_err(err)?;
    let _pending = Pending::new(tmp.path());
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
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
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
fn temporary_in(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut b = tempfile::Builder::new();
    b.prefix(".crosscheck-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir)
}
