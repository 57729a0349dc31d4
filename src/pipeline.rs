//! The public pipeline: files → load → segment → annotate → align → diff → compare facts →
//! one [`Comparison`]. Runs on any thread; reports progress and stops when asked to.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::load::{self, LoadError, Loaded};
use crate::model::{Comparison, DatelineOrigin, DatelineSource, Document, Passage, Span, Warning};
pub use crate::options::{Cancelled, Options};
use crate::{align, copies, diff, facts, segment};

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

/// The stack of every thread that compares: the app's compare thread and the worker threads
/// (set by [`use_compare_threads`]). The deepest recursion is in the HTML extractor, bounded by
/// [`load::MAX_HTML_DEPTH`]; a page at that depth needs well under the 2 MiB a thread gets by
/// default (a test checks it there), so this leaves a wide margin.
pub const COMPARE_STACK_BYTES: usize = 16 << 20;

/// Makes the worker threads of every compare in this process have [`COMPARE_STACK_BYTES`] of
/// stack. Call once, before the first compare (the program's `main` does); later calls do nothing.
pub fn use_compare_threads() {
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(COMPARE_STACK_BYTES)
        .thread_name(|i| format!("crosscheck-worker-{i}"))
        .build_global();
}

/// Where a running compare is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub stage: &'static str,
    /// 0.0 to 1.0 over the whole compare.
    pub fraction: f32,
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
    let started = std::time::Instant::now();
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
    let segmented = started.elapsed();
    align::align(&mut cmp, cancel)?;
    log::debug!("aligned at {:.2?}", started.elapsed());
    // After the story split: reports told apart by the people they name are no copies.
    cmp.copies = copies::find(&cmp);
    log::debug!("wire copies found at {:.2?}", started.elapsed());
    diff::diff_groups(&mut cmp, opts.diff_timeout);
    let aligned = started.elapsed();
    progress(Progress {
        stage: "comparing facts",
        fraction: 0.9,
    });
    cmp.findings = facts::compare(&cmp);
    log::info!(
        "compared {} sources: {} passages, {} groups, {} findings; segmented in {:.2?}, aligned \
         in {:.2?}, facts in {:.2?}",
        cmp.documents.len(),
        cmp.documents
            .iter()
            .map(|d| d.passages.len())
            .sum::<usize>(),
        cmp.groups.len(),
        cmp.findings.len(),
        segmented,
        aligned - segmented,
        started.elapsed() - aligned
    );
    progress(Progress {
        stage: "done",
        fraction: 1.0,
    });
    Ok(cmp)
}

/// The most sentences of one document that are aligned and read for facts. A long news article
/// has a few hundred; past this the rest of the text is kept, shown and reported, but marked as
/// left out, so that one book-sized source cannot stall a compare (aligning grows faster than
/// linearly with the number of sentences).
pub const MAX_ALIGNED_SENTENCES: usize = 5_000;

/// How far around a sentence the fact readers see the text (quotes that opened earlier in the
/// paragraph, a month named nearby). Paragraphs shorter than this are seen whole, as if the
/// whole text were given; in longer ones a quote opened further back is not followed.
pub const FACT_CONTEXT_BYTES: usize = 10_000;

/// The most facts read in one sentence. A real sentence states a handful; one with more is a
/// table, a list or generated text (`May 13, May 13, …`), and reading all of them made one 4 MB
/// source cost 700 MB. The first ones are kept, and a warning counts the sentences cut.
pub const MAX_FACTS_PER_SENTENCE: usize = 32;

pub(crate) fn build_document(
    i: usize,
    l: Loaded,
    over: Option<NaiveDate>,
) -> (Document, Vec<Warning>) {
    let mut warnings: Vec<Warning> = l
        .repairs
        .iter()
        .map(|r| Warning {
            path: Some(l.path.clone()),
            message: r.clone(),
        })
        .collect();
    let (lang, unsupported) = crate::language::detect(&l.text);
    // The fact readers know English only: facts of another language would be misread.
    let reads_facts = lang.is_english() && unsupported.is_none();
    let mut seg = segment::segment_in(&l.text, lang);
    let mut notes = Vec::new();
    if seg.long_sentences_split > 0 {
        notes.push(format!(
            "{} over-long sentence{} (no sentence end within {} characters) cut into pieces at \
             spaces",
            seg.long_sentences_split,
            if seg.long_sentences_split == 1 {
                ""
            } else {
                "s"
            },
            segment::MAX_SENTENCE_BYTES
        ));
    }
    let long_paragraphs = seg
        .paragraphs
        .iter()
        .filter(|p| p.end - p.start > FACT_CONTEXT_BYTES)
        .count();
    if long_paragraphs > 0 {
        notes.push(format!(
            "{long_paragraphs} paragraph{} longer than {FACT_CONTEXT_BYTES} characters: facts in \
             {} are read with {FACT_CONTEXT_BYTES} characters of context around each sentence",
            if long_paragraphs == 1 { "" } else { "s" },
            if long_paragraphs == 1 { "it" } else { "them" },
        ));
    }
    let content = seg
        .sentences
        .iter()
        .filter(|s| s.boilerplate.is_none())
        .count();
    if content > MAX_ALIGNED_SENTENCES {
        let left_out = format!(
            "left out: past the first {MAX_ALIGNED_SENTENCES} sentences of a very long source"
        );
        seg.sentences
            .iter_mut()
            .filter(|s| s.boilerplate.is_none())
            .skip(MAX_ALIGNED_SENTENCES)
            .for_each(|s| s.boilerplate = Some(left_out.clone()));
        join_left_out(&mut seg.sentences, &left_out);
        notes.push(format!(
            "very long source ({content} sentences): only the first {MAX_ALIGNED_SENTENCES} are \
             aligned and read for facts; the other {} are shown but left out",
            content - MAX_ALIGNED_SENTENCES
        ));
    } else if content == 0 && !seg.sentences.is_empty() {
        notes.push(
            "nothing but boilerplate (site names, sharing and comment prompts, bylines…): \
             nothing of this source is aligned"
                .to_string(),
        );
    }
    warnings.extend(notes.into_iter().map(|message| Warning {
        path: Some(l.path.clone()),
        message,
    }));
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
    let mut capped = 0;
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
                facts: if s.boilerplate.is_some() || !reads_facts {
                    Vec::new()
                } else {
                    let mut facts = facts_in_context(&l.text, span, dateline);
                    if facts.len() > MAX_FACTS_PER_SENTENCE {
                        facts.truncate(MAX_FACTS_PER_SENTENCE);
                        capped += 1;
                    }
                    facts
                },
                group: None,
                inner_boilerplate: Vec::new(),
            }
        })
        .collect();
    if capped > 0 {
        warnings.push(Warning {
            path: Some(l.path.clone()),
            message: format!(
                "{capped} sentence{} with more than {MAX_FACTS_PER_SENTENCE} figures, dates or \
                 quotes (a table or a list): only the first {MAX_FACTS_PER_SENTENCE} of each are \
                 compared",
                if capped == 1 { "" } else { "s" }
            ),
        });
    }
    if !lang.is_english() {
        warnings.push(Warning {
            path: Some(l.path.clone()),
            message: format!(
                "written in {}: aligned with {} word forms, but facts are read in English only, \
                 so its dates, figures, quotes and titles are not compared",
                lang.name, lang.name
            ),
        });
    } else if let Some((_, other)) = unsupported {
        warnings.push(Warning {
            path: Some(l.path.clone()),
            message: format!(
                "written in {other}, which Crosscheck has no word forms for: aligned as if \
                 English, and its facts are not compared (they are read in English only)"
            ),
        });
    }
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
        site: l.site.clone(),
        kind: l.kind.name().to_string(),
        language: unsupported.map_or(lang.code, |(code, _)| code).to_string(),
        encoding: l.encoding,
        text: l.text,
        passages,
        story: 0,
        named: None,
    };
    (doc, warnings)
}

/// The facts of one sentence, read in a window of the text: the sentence's lines (at most
/// [`FACT_CONTEXT_BYTES`] of them either side) and 2,000 bytes around them, more than any fact
/// reader looks past a line (a quotation followed over lines: 1,500). The
/// same facts as reading the whole text, at a cost that does not grow with the paragraph.
fn facts_in_context(
    text: &str,
    span: Span,
    dateline: Option<NaiveDate>,
) -> Vec<crate::model::Fact> {
    const NEAR: usize = 2_000;
    let far_start = load::floor_char_boundary(text, span.start.saturating_sub(FACT_CONTEXT_BYTES));
    let line_start = text[far_start..span.start]
        .rfind('\n')
        .map_or(far_start, |k| far_start + k);
    let far_end = ceil_char_boundary(text, span.end + FACT_CONTEXT_BYTES);
    let line_end = text[span.end..far_end]
        .find('\n')
        .map_or(far_end, |k| span.end + k);
    let lo = load::floor_char_boundary(text, line_start.saturating_sub(NEAR));
    let hi = ceil_char_boundary(text, line_end + NEAR);
    let local = Span {
        start: span.start - lo,
        end: span.end - lo,
    };
    let mut found = facts::extract(&text[lo..hi], local, dateline);
    for f in &mut found {
        f.start += lo;
        f.end += lo;
    }
    found
}

/// Joins adjacent left-out sentences of one paragraph into passages of up to
/// [`segment::MAX_SENTENCE_BYTES`], so that a source of millions of tiny sentences (16 MB of
/// `My{!`: 3.9 million, 2.9 GB and a 1.8 GB report) has a bounded number of passages: at most
/// the aligned ones plus one per 3,000 bytes of the rest.
fn join_left_out(sentences: &mut Vec<segment::Sentence>, left_out: &str) {
    let is_left_out = |s: &segment::Sentence| s.boilerplate.as_deref() == Some(left_out);
    let mut joined: Vec<segment::Sentence> = Vec::with_capacity(sentences.len());
    for s in sentences.drain(..) {
        if let Some(last) = joined.last_mut()
            && is_left_out(last)
            && is_left_out(&s)
            && last.paragraph == s.paragraph
            && s.span.end - last.span.start <= segment::MAX_SENTENCE_BYTES
        {
            last.span.end = s.span.end;
            continue;
        }
        joined.push(s);
    }
    *sentences = joined;
}

fn ceil_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
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
