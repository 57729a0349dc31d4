//! What a user names as input, made into sources: a folder stands for the article files in it
//! (sorted by name), a list file (`@sources.txt`) for the paths and links it lists, a link or `-`
//! (standard input) passes as it is, and a saved comparison is told from an article by its
//! extension or its first bytes. The command line and the app both go through here.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::load::format::is_article_path;
use crate::load::{LoadError, Problem, Why};
use crate::model::Comparison;
use crate::pipeline::{Cancelled, Options, Progress, Source, prepend_load_warnings};
use crate::session::{self, SavedSource, SessionFile};

/// One input of a compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file, a link or `-` (standard input), read or fetched when the compare runs, with the
    /// user's dateline.
    Given(Source),
    /// A copy taken before: from a saved comparison, a page fetched earlier, pasted text.
    Stored(SavedSource),
}

/// What a compare of inputs gives.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The comparison; every source that could not be used is one of its warnings.
    pub cmp: Comparison,
    /// The copies compared, in order: what a saved comparison of it holds.
    pub file: SessionFile,
    /// The sources that could not be read, fetched or decoded, or were given twice.
    pub errors: Vec<LoadError>,
}

/// The one way in to a compare, for the command line, the app and the library: takes a copy of
/// each given source (reading files, fetching links, reading standard input), adds the stored
/// copies, and compares them all. A source given twice is compared once; one that cannot be read
/// is named in `errors` and in the comparison's warnings, and the others are compared.
pub fn compare(
    inputs: Vec<Input>,
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<Compared, Cancelled> {
    progress(Progress {
        stage: "reading",
        fraction: 0.0,
    });
    let mut file = SessionFile::new(opts);
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for input in inputs {
        if cancel.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        match input {
            Input::Given(s) => {
                if let Err(e) = file.take_new(&s, opts, &mut seen) {
                    errors.push(e);
                }
            }
            Input::Stored(copy) => file.sources.push(copy),
        }
    }
    let (mut cmp, mut unusable) = file.compare(progress, cancel)?;
    prepend_load_warnings(&mut cmp, &errors);
    errors.append(&mut unusable);
    Ok(Compared { cmp, file, errors })
}

/// Compares files (and links, and `-`) as given: [`compare`] of [`Input::Given`] sources.
/// Returns the comparison and the sources that could not be used.
pub fn compare_sources(
    sources: &[Source],
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<(Comparison, Vec<LoadError>), Cancelled> {
    let inputs = sources.iter().cloned().map(Input::Given).collect();
    let done = compare(inputs, opts, progress, cancel)?;
    Ok((done.cmp, done.errors))
}

/// The name standard input goes by, as given on the command line.
pub const STDIN: &str = "-";

/// The most entries a list file may hold.
pub const MAX_LIST_ENTRIES: usize = 10_000;

/// Replaces each list file (`@FILE`: one path or link a line; blank lines and lines starting with
/// `#` skipped; relative paths taken from the list's folder) by what it lists, then each folder
/// by the article files directly in it (by extension, sorted, hidden files left out). A list that
/// cannot be read and a folder with no article file are errors naming them; other paths pass
/// unchanged.
pub fn expand_folders(given: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut listed = Vec::new();
    let mut errors = Vec::new();
    for p in given {
        match p.to_str().and_then(|s| s.strip_prefix('@')) {
            Some(list) => match read_list(Path::new(list)) {
                Ok(entries) => listed.extend(entries),
                Err(why) => errors.push(LoadError::at(list, why)),
            },
            None => listed.push(p.clone()),
        }
    }
    let mut out = Vec::new();
    for p in &listed {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        match folder_articles(p) {
            Ok(files) if files.is_empty() => errors.push(LoadError::new(
                &p.display().to_string(),
                Problem::NotAnArticle,
                format!(
                    "folder holds no article files ({})",
                    crate::load::format::article_extensions()
                        .iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            Ok(files) => out.extend(files),
            Err(why) => errors.push(LoadError::at(&p.display().to_string(), why)),
        }
    }
    (out, errors)
}

/// The entries of a list file.
fn read_list(list: &Path) -> Result<Vec<PathBuf>, Why> {
    let bytes = crate::load::read_source(list, crate::load::DEFAULT_MAX_FILE_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Why::new(Problem::NotAnArticle, "list file is not UTF-8 text"))?;
    let dir = list.parent().unwrap_or(Path::new(""));
    let entries: Vec<PathBuf> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            if crate::fetch::is_url(l) || l == STDIN || Path::new(l).is_absolute() {
                PathBuf::from(l)
            } else {
                dir.join(l)
            }
        })
        .collect();
    if entries.len() > MAX_LIST_ENTRIES {
        return Err(Why::new(
            Problem::OverLimit,
            format!(
                "list file names {} sources, over the {MAX_LIST_ENTRIES} limit",
                entries.len()
            ),
        ));
    }
    if entries.is_empty() {
        return Err(Why::new(
            Problem::NotAnArticle,
            "list file names no sources",
        ));
    }
    Ok(entries)
}

/// The article files directly in a folder, sorted by name.
pub fn folder_articles(dir: &Path) -> Result<Vec<PathBuf>, Why> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Why::new(Problem::Unreadable, format!("cannot read folder ({e})")))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .filter(|p| p.is_file() && is_article_path(p) && !is_comparison_file(p))
        .collect();
    files.sort();
    Ok(files)
}

/// Whether a path names a saved comparison: by its extension, or by its first bytes (a
/// comparison file renamed or saved without extension).
pub fn is_comparison_file(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(session::EXTENSION))
    {
        return true;
    }
    // Only a regular file that gives its size is read: a kernel file (`/proc/kmsg`) says it is
    // empty and may block a read forever.
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0) {
        return false;
    }
    use std::io::Read;
    let mut head = [0u8; 256];
    let Ok(n) = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let head = String::from_utf8_lossy(&head[..n]);
    head.trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t'])
        .starts_with('{')
        && head.contains(&format!("\"{}\"", session::SESSION_FORMAT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_its_article_files_sorted_without_hidden_or_other_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in [
            "b.txt",
            "a.html",
            ".hidden.txt",
            "photo.png",
            "c.pdf",
            "old.crosscheck",
        ] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        std::fs::create_dir(dir.path().join("sub.txt")).expect("subfolder");
        let other = PathBuf::from("https://example.org/a");
        let (files, errors) = expand_folders(&[dir.path().to_path_buf(), other.clone()]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<String> = files
            .iter()
            .map(|p| {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect();
        assert_eq!(names, ["a.html", "b.txt", "c.pdf", "a"]);
        assert_eq!(files[3], other);
    }

    #[test]
    fn a_list_file_names_paths_from_its_folder_and_links_as_they_are() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("more")).expect("folder");
        std::fs::write(dir.path().join("more/c.txt"), "x").expect("write");
        let list = dir.path().join("sources.txt");
        std::fs::write(
            &list,
            "# today's sources\n\na.txt\nhttps://example.org/story\n  more  \n",
        )
        .expect("write");
        let (files, errors) = expand_folders(&[PathBuf::from(format!("@{}", list.display()))]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            files,
            [
                dir.path().join("a.txt"),
                PathBuf::from("https://example.org/story"),
                dir.path().join("more/c.txt"),
            ]
        );
        let (_, errors) = expand_folders(&[PathBuf::from("@/no/such/list.txt")]);
        assert_eq!(errors[0].to_string(), "no such file: /no/such/list.txt");
    }

    #[test]
    fn a_folder_without_articles_is_an_error_naming_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("photo.png"), "x").expect("write");
        let (files, errors) = expand_folders(&[dir.path().to_path_buf()]);
        assert!(files.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .reason
                .starts_with("folder holds no article files (.txt"),
            "{}",
            errors[0]
        );
        assert_eq!(errors[0].path, dir.path().display().to_string());
        assert_eq!(errors[0].problem, Problem::NotAnArticle);
    }

    #[test]
    fn a_comparison_file_is_known_by_its_content_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let renamed = dir.path().join("story");
        std::fs::write(
            &renamed,
            "{\n  \"format\": \"crosscheck-comparison\",\n  \"version\": 1\n}",
        )
        .expect("write");
        assert!(is_comparison_file(&renamed));
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "{ braces in a story }").expect("write");
        assert!(!is_comparison_file(&article));
        assert!(is_comparison_file(Path::new("missing.crosscheck")));
    }
}
