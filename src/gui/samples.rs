//! The sample articles the app opens on first start.
//!
//! They are compiled into the binary, so a copied executable still has them. The app compares
//! files, so it uses the copies on disk when it can find them (next to the executable, or in the
//! source tree it was built from) and otherwise writes the bundled copies to a folder in the
//! system's temporary directory.

use std::path::{Path, PathBuf};

/// Bundled samples: file name and contents.
const SAMPLES: [(&str, &str); 4] = [
    (
        "000_4cf5dc53a0aa51c5.txt",
        include_str!("../../assets/samples/000_4cf5dc53a0aa51c5.txt"),
    ),
    (
        "001_3c29cc234ac8d0be.txt",
        include_str!("../../assets/samples/001_3c29cc234ac8d0be.txt"),
    ),
    (
        "002_ee265cb217250f5d.txt",
        include_str!("../../assets/samples/002_ee265cb217250f5d.txt"),
    ),
    (
        "003_708cebb27324f0d4.txt",
        include_str!("../../assets/samples/003_708cebb27324f0d4.txt"),
    ),
];

/// Paths of the sample articles, writing the bundled copies out when no folder has them.
pub fn sample_paths() -> Result<Vec<PathBuf>, String> {
    let mut candidates = Vec::new();
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        candidates.push(dir.join("assets").join("samples"));
    }
    candidates.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join("samples"),
    );
    for dir in &candidates {
        if SAMPLES.iter().all(|(name, _)| dir.join(name).is_file()) {
            return Ok(SAMPLES.iter().map(|(name, _)| dir.join(name)).collect());
        }
    }
    let dir =
        std::env::temp_dir().join(format!("crosscheck-samples-{}", env!("CARGO_PKG_VERSION")));
    write_samples(&dir)
}

/// Writes the bundled samples into `dir` (creating it) and returns their paths.
pub fn write_samples(dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create the samples folder ({e}): {}", dir.display()))?;
    let mut out = Vec::new();
    for (name, text) in SAMPLES {
        let path = dir.join(name);
        let same = std::fs::read_to_string(&path).is_ok_and(|t| t == text);
        if !same {
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write a sample article ({e}): {}", path.display()))?;
        }
        out.push(path);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_samples_can_be_written_and_found() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = write_samples(dir.path()).expect("write samples");
        assert_eq!(paths.len(), SAMPLES.len());
        for p in &paths {
            assert!(std::fs::metadata(p).map(|m| m.len() > 0).unwrap_or(false));
        }
        let found = sample_paths().expect("samples");
        assert_eq!(found.len(), SAMPLES.len());
    }
}
