//! The public pipeline: files → load → segment → annotate → align → diff and compare facts →
//! one [`Comparison`]. Runs on any thread; reports progress and stops when asked to.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::load::{self, LoadError, Loaded};
use crate::model::{Comparison, DatelineOrigin, DatelineSource, Document, Passage, Span, Warning};
use crate::{align, facts, segment};

/// One source to compare, with an optional dateline given by the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub dateline: Option<NaiveDate>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            dateline: None,
        }
    }
}

/// Limits and settings of a compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Files larger than this are refused with a message saying how to raise the limit.
    pub max_file_bytes: u64,
    /// Time allowed for one word diff; past it the diff is approximate and says so.
    pub diff_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            max_file_bytes: load::DEFAULT_MAX_FILE_BYTES,
            diff_timeout: Duration::from_millis(250),
        }
    }
}

/// Where a running compare is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub stage: &'static str,
    /// 0.0 to 1.0 over the whole compare.
    pub fraction: f32,
}

/// The compare was cancelled before it finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

/// Loads every source (in parallel) and compares those that could be read. Files that could not
/// be read become [`Warning`]s naming the file and the reason, and are also returned as errors so
/// a command line can report them.
pub fn compare_sources(
    sources: &[Source],
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<(Comparison, Vec<LoadError>), Cancelled> {
    progress(Progress {
        stage: "loading",
        fraction: 0.0,
    });
    let mut seen = HashSet::new();
    let mut errors = Vec::new();
    let mut unique = Vec::new();
    for s in sources {
        let key = std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone());
        if seen.insert(key) {
            unique.push(s);
        } else {
            errors.push(LoadError::new(
                &s.path.display().to_string(),
                "given more than once; compared once",
            ));
        }
    }
    let loaded: Vec<Result<Loaded, LoadError>> = unique
        .par_iter()
        .map(|s| {
            if cancel.load(Ordering::Relaxed) {
                return Err(LoadError::new("", "cancelled"));
            }
            load::load_file(&s.path, opts.max_file_bytes)
        })
        .collect();
    if cancel.load(Ordering::Relaxed) {
        return Err(Cancelled);
    }
    let mut docs = Vec::new();
    for (s, r) in unique.iter().zip(loaded) {
        match r {
            Ok(l) => docs.push((l, s.dateline)),
            Err(e) => errors.push(e),
        }
    }
    let mut cmp = compare_loaded(docs, opts, progress, cancel)?;
    prepend_load_warnings(&mut cmp, &errors);
    Ok((cmp, errors))
}

/// Puts one warning per file that could not be read at the top of the comparison's warnings, so
/// every view says which sources are missing and why.
pub fn prepend_load_warnings(cmp: &mut Comparison, errors: &[LoadError]) {
    let mut warnings: Vec<Warning> = errors
        .iter()
        .map(|e| Warning {
            path: Some(e.path.clone()),
            message: e.reason.clone(),
        })
        .collect();
    warnings.append(&mut cmp.warnings);
    cmp.warnings = warnings;
}

/// Compares in-memory texts (name, contents); for tests, benchmarks and pasted text.
pub fn compare_texts(texts: &[(&str, &str)], opts: &Options) -> Comparison {
    let docs = texts
        .iter()
        .filter_map(|(name, text)| load::load_bytes(name, text.as_bytes()).ok())
        .map(|l| (l, None))
        .collect();
    let never = AtomicBool::new(false);
    compare_loaded(docs, opts, &|_| {}, &never).unwrap_or_else(|_| Comparison::empty())
}

/// Segments, aligns and compares documents already loaded, each with an optional dateline
/// override.
pub fn compare_loaded(
    docs: Vec<(Loaded, Option<NaiveDate>)>,
    opts: &Options,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<Comparison, Cancelled> {
    progress(Progress {
        stage: "segmenting",
        fraction: 0.1,
    });
    let mut cmp = Comparison::empty();
    let built: Vec<(Document, Vec<Warning>)> = docs
        .into_par_iter()
        .enumerate()
        .map(|(i, (l, over))| build_document(i, l, over))
        .collect();
    for (d, mut w) in built {
        cmp.documents.push(d);
        cmp.warnings.append(&mut w);
    }
    if cancel.load(Ordering::Relaxed) {
        return Err(Cancelled);
    }
    progress(Progress {
        stage: "aligning",
        fraction: 0.3,
    });
    align::align(&mut cmp, opts, cancel)?;
    progress(Progress {
        stage: "comparing facts",
        fraction: 0.9,
    });
    cmp.findings = facts::compare(&cmp);
    progress(Progress {
        stage: "done",
        fraction: 1.0,
    });
    Ok(cmp)
}

fn build_document(i: usize, l: Loaded, over: Option<NaiveDate>) -> (Document, Vec<Warning>) {
    let warnings = l
        .repairs
        .iter()
        .map(|r| Warning {
            path: Some(l.path.clone()),
            message: r.clone(),
        })
        .collect();
    let seg = segment::segment(&l.text);
    let (dateline, dateline_source) = match (over, &l.dateline) {
        (Some(d), _) => (
            Some(d),
            Some(DatelineSource {
                origin: DatelineOrigin::Override,
                start: None,
                end: None,
                text: d.to_string(),
            }),
        ),
        (None, Some((d, src))) => (Some(*d), Some(src.clone())),
        (None, None) => (None, None),
    };
    let id = format!("d{i}");
    let passages: Vec<Passage> = seg
        .sentences
        .iter()
        .enumerate()
        .map(|(n, s)| {
            let span = s.span;
            Passage {
                id: format!("{id}.p{n}"),
                start: span.start,
                end: span.end,
                text: l.text[span.start..span.end].to_string(),
                boilerplate: s.boilerplate.is_some(),
                boilerplate_reason: s.boilerplate.clone(),
                paragraph: s.paragraph,
                sentences: vec![Span {
                    start: span.start,
                    end: span.end,
                }],
                facts: if s.boilerplate.is_some() {
                    Vec::new()
                } else {
                    facts::extract(&l.text, span, dateline)
                },
                group: None,
            }
        })
        .collect();
    let title = l
        .title
        .clone()
        .or_else(|| headline(&l.text, &passages))
        .unwrap_or_else(|| file_stem(&l.path));
    let doc = Document {
        id,
        path: l.path,
        title,
        dateline: dateline.map(|d| d.to_string()),
        dateline_source,
        kind: l.kind,
        encoding: l.encoding,
        text: l.text,
        passages,
        story: 0,
    };
    (doc, warnings)
}

/// The first non-boilerplate passage when it reads as a headline (short, no final period).
fn headline(text: &str, passages: &[Passage]) -> Option<String> {
    let p = passages.iter().find(|p| !p.boilerplate)?;
    let t = text[p.start..p.end].trim();
    let words = t.split_whitespace().count();
    let is_line = !t.contains('\n');
    (is_line && (3..=25).contains(&words) && !t.ends_with('.')).then(|| t.to_string())
}

fn file_stem(path: &str) -> String {
    std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_string(), |s| s.to_string_lossy().into_owned())
}
