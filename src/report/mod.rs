//! Reports: printers of one [`Comparison`] (JSON, Markdown, HTML), and the atomic write that
//! saves them.
//!
//! Every printer is a pure function of the comparison: no clock, no environment, no hash-map
//! order, so the same inputs give byte-identical output that can be snapshot-tested and diffed.
//! The shared reading of the comparison — which passages are aligned, how a passage splits into
//! equal, inserted and removed words and which words state a compared fact — lives here, so the
//! HTML and Markdown reports mark the same things.

mod html;
mod markdown;
mod write;

pub use write::{check_writable, remove_pending_temporaries, write_atomic, write_atomic_with};

use crate::marks::status_symbol;

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

use crate::model::{
    Comparison, DatelineOrigin, Document, FactKind, Finding, FindingStatus, Group, Mention,
    Passage, PassageDiff,
};

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

    /// The usual file extension of the format, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }
}

/// Why a report could not be produced or saved.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("refusing to write the report over a source article: {0}")]
    WouldOverwriteSource(String),
    #[error("cannot write report ({reason}): {path}")]
    Write { path: String, reason: String },
    #[error("cannot encode report: {0}")]
    Encode(String),
}

/// Renders a comparison in a format. The output depends on nothing but `cmp` and `format`.
pub fn render(cmp: &Comparison, format: Format) -> Result<String, ReportError> {
    match format {
        Format::Json => json(cmp),
        Format::Markdown => Ok(markdown::render(cmp)),
        Format::Html => Ok(html::render(cmp)),
    }
}

/// The JSON report: the `Comparison` itself, pretty-printed, with a final newline.
pub fn json(cmp: &Comparison) -> Result<String, ReportError> {
    let mut s =
        serde_json::to_string_pretty(cmp).map_err(|e| ReportError::Encode(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

/// Writes the report of `cmp` in `format` to `out`, byte for byte what [`render`] returns, as it
/// is made (hundreds of articles make a report of hundreds of megabytes, which need not be held
/// in memory): JSON is encoded straight into `out`, HTML and Markdown go out group by group.
pub fn render_to(cmp: &Comparison, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, cmp)?;
            out.write_all(b"\n")
        }
        Format::Markdown => streamed(out, |b, flush| markdown::write_into(cmp, b, flush)),
        Format::Html => streamed(out, |b, flush| html::write_into(cmp, b, flush)),
    }
}

/// Runs a report writer that fills a buffer and calls back between sections, writing what the
/// buffer holds to `out` at each call (all but trailing newlines, which a writer may still trim),
/// so that only one section is held in memory at a time; after a failed write the callback says
/// to stop, and the writer returns.
fn streamed(
    out: &mut dyn Write,
    fill: impl FnOnce(&mut String, &mut dyn FnMut(&mut String) -> bool),
) -> std::io::Result<()> {
    let mut buf = String::with_capacity(1 << 16);
    let mut failed = None;
    {
        let mut flush = |b: &mut String| {
            let keep = b.trim_end_matches('\n').len();
            if failed.is_none()
                && let Err(e) = out.write_all(&b.as_bytes()[..keep])
            {
                failed = Some(e);
            }
            b.drain(..keep);
            failed.is_none()
        };
        fill(&mut buf, &mut flush);
    }
    match failed {
        Some(e) => Err(e),
        None => out.write_all(buf.as_bytes()),
    }
}

/// Saves the report of `cmp` in `format` at `path`, with the guarantees and refusals of
/// [`write_atomic`], streaming it into the temporary file (see [`render_to`]).
pub fn save(
    path: &Path,
    cmp: &Comparison,
    format: Format,
    sources: &[&Path],
) -> Result<(), ReportError> {
    write_atomic_with(path, sources, |out| render_to(cmp, format, out))
}

/// Reads a JSON report back.
pub fn read_json(s: &str) -> Result<Comparison, serde_json::Error> {
    serde_json::from_str(s)
}

/// The order findings are listed in, with the heading of each section.
const STATUS_SECTIONS: [(FindingStatus, &str, &str); 5] = [
    (FindingStatus::Conflict, "conflicts", "Conflicts"),
    (
        FindingStatus::Developing,
        "differing",
        "Figures that differ (may all be true)",
    ),
    (
        FindingStatus::SingleSource,
        "single-source",
        "Single-source facts",
    ),
    (FindingStatus::Agree, "agreements", "Agreements"),
    (FindingStatus::Unresolved, "unresolved", "Unresolved facts"),
];

/// The word shown with a fact status (the cue that does not depend on colour); the same words
/// as the app.
fn status_word(status: FindingStatus) -> &'static str {
    match status {
        FindingStatus::Conflict => "Conflict",
        FindingStatus::Agree => "Agree",
        FindingStatus::Developing => "Figures differ",
        FindingStatus::SingleSource => "One source",
        FindingStatus::Unresolved => "Unresolved",
    }
}

/// CSS class / anchor fragment of a status.
fn status_class(status: FindingStatus) -> &'static str {
    match status {
        FindingStatus::Conflict => "conflict",
        FindingStatus::Agree => "agree",
        FindingStatus::Developing => "developing",
        FindingStatus::SingleSource => "single",
        FindingStatus::Unresolved => "unresolved",
    }
}

fn kind_word(kind: FactKind) -> &'static str {
    kind.word()
}

/// Where a dateline came from, in words.
fn dateline_origin(doc: &Document) -> String {
    match &doc.dateline_source {
        None => String::new(),
        Some(src) => match src.origin {
            DatelineOrigin::Text => format!("text: “{}”", src.text),
            DatelineOrigin::Metadata => format!("page metadata: “{}”", src.text),
            DatelineOrigin::Override => "set by the user".to_string(),
        },
    }
}

/// Counts shown in every report's summary.
struct Summary {
    /// "19 sources", or "19 outlets, 17 independent sources" when some are copies of one text.
    sources: String,
    stories: usize,
    groups: usize,
    differences: usize,
    by_status: [usize; 5],
    single_passages: usize,
    boilerplate: usize,
}

impl Summary {
    fn of(cmp: &Comparison) -> Self {
        let stories: BTreeSet<usize> = cmp.documents.iter().map(|d| d.story).collect();
        let mut by_status = [0; 5];
        for f in &cmp.findings {
            if let Some(i) = STATUS_SECTIONS.iter().position(|(s, _, _)| *s == f.status) {
                by_status[i] += 1;
            }
        }
        // A memo counts what it prints: the passages its findings cite.
        let cited = cited(cmp);
        let all = cmp
            .documents
            .iter()
            .flat_map(|d| &d.passages)
            .filter(|p| cited.as_ref().is_none_or(|c| c.contains(p.id.as_str())));
        let single_passages = all
            .clone()
            .filter(|p| p.group.is_none() && !p.boilerplate)
            .count();
        let boilerplate = all.filter(|p| p.boilerplate).count();
        Self {
            sources: crate::copies::count_words(cmp, cmp.documents.iter().map(|d| d.id.as_str())),
            stories: stories.len(),
            groups: cmp.groups.len(),
            differences: cmp.difference_count(),
            by_status,
            single_passages,
            boilerplate,
        }
    }
}

/// Statuses a summary counts even when none has them (a report says "0 conflicts").
fn always_counted(status: FindingStatus) -> bool {
    matches!(
        status,
        FindingStatus::Conflict | FindingStatus::SingleSource | FindingStatus::Agree
    )
}

/// How many findings of a status the summary lists before "… and N more": every conflict, a
/// screenful of the others (all are listed under Findings).
fn summary_limit(status: FindingStatus, n: usize) -> usize {
    const OTHERS: usize = 10;
    if status == FindingStatus::Conflict || n <= OTHERS + 2 {
        n
    } else {
        OTHERS
    }
}

/// Findings of one status, in model order.
fn findings_with(cmp: &Comparison, status: FindingStatus) -> impl Iterator<Item = &Finding> {
    cmp.findings.iter().filter(move |f| f.status == status)
}

/// Aligned sources the side-by-side table holds, one column each; with more, every group prints
/// as a stacked list of its passages, reference first (six or more columns of article text are
/// too narrow to read, on screen or on paper).
pub const MAX_COLUMNS: usize = 5;

/// The documents that have a passage in at least one of the report's groups: the columns of the
/// side-by-side view.
fn aligned_documents(cmp: &Comparison) -> Vec<usize> {
    let docs: BTreeSet<usize> = cmp
        .groups
        .iter()
        .flat_map(|g| &g.passages)
        .filter_map(|id| cmp.passage(id).map(|(d, _)| d))
        .collect();
    docs.into_iter().collect()
}

/// Whether the aligned passages print as stacked lists rather than side by side.
fn stacked(cmp: &Comparison) -> bool {
    aligned_documents(cmp).len() > MAX_COLUMNS
}

/// One passage of a group as a report prints it.
struct Member<'a> {
    /// Index of its document.
    doc: usize,
    passage: &'a Passage,
    /// Its diff against the reference (none for the reference).
    diff: Option<&'a PassageDiff>,
    is_reference: bool,
    /// Its source tells the happening here again, after an earlier member passage.
    retold: bool,
    /// What its cell says of how it is shown: "reference", "word diff", "paraphrase"; "told
    /// again · …" for a retold passage.
    tag: String,
}

/// A group's member passages, in document order.
fn members<'a>(cmp: &'a Comparison, g: &'a Group) -> Vec<Member<'a>> {
    let mut out: Vec<Member> = g
        .passages
        .iter()
        .filter_map(|id| cmp.passage(id))
        .map(|(doc, passage)| {
            let is_reference = passage.id == g.reference;
            let diff = diff_of(g, passage).filter(|_| !is_reference);
            let mode = diff.map_or(crate::model::DiffMode::NearCopy, |d| d.mode);
            Member {
                doc,
                passage,
                diff,
                is_reference,
                retold: false,
                tag: crate::marks::cell_tag(is_reference, diff, mode),
            }
        })
        .collect();
    out.sort_by_key(|m| m.doc);
    for i in 1..out.len() {
        if out[i].doc == out[i - 1].doc {
            out[i].retold = true;
            out[i].tag = retold_tag(&out[i].tag);
        }
    }
    out
}

/// The tag of a passage where its source tells the happening again: "told again · paraphrase".
fn retold_tag(tag: &str) -> String {
    if tag.is_empty() {
        "told again".to_string()
    } else {
        format!("told again · {tag}")
    }
}

/// A group's member passages in the order a stacked list prints them: the reference first, then
/// the others in document order.
fn reference_first<'a>(cmp: &'a Comparison, g: &'a Group) -> Vec<Member<'a>> {
    let mut out = members(cmp, g);
    out.sort_by_key(|m| !m.is_reference);
    out
}

/// A stacked list's members split into those printed in full and those with the same words as
/// the reference (a wire text republished as it is), which print as one line naming them.
fn same_as_reference<'a>(ms: Vec<Member<'a>>) -> (Vec<Member<'a>>, Vec<Member<'a>>) {
    // The very words, spacing aside (not the diff's count of changes: its keys ignore capitals
    // and quote styles, which a reader of the two texts would see).
    let reference = ms.iter().find(|m| m.is_reference).map(|m| m.passage);
    ms.into_iter().partition(|m| {
        m.is_reference
            || m.retold
            || reference.is_none_or(|r| {
                !m.passage
                    .text
                    .split_whitespace()
                    .eq(r.text.split_whitespace())
            })
    })
}

/// The line that stands for members with the same words as the reference: "Same words as the
/// reference in AFP, Reuters".
fn same_words_line(cmp: &Comparison, same: &[Member]) -> String {
    let names: Vec<String> = same
        .iter()
        .map(|m| source_name(cmp, &cmp.documents[m.doc].id))
        .collect();
    format!("Same words as the reference in {}", names.join(", "))
}

/// How many sources a group has and how they differ: "7 sources · 12 differences", or
/// "7 outlets, 5 independent sources · 12 differences" when copies of one text are among them.
fn group_counts(cmp: &Comparison, members: &[Member]) -> String {
    let changes: usize = members
        .iter()
        .map(|m| m.diff.map_or(0, PassageDiff::change_count))
        .sum();
    let ids = members.iter().map(|m| cmp.documents[m.doc].id.as_str());
    format!(
        "{} · {changes} difference{}",
        crate::copies::count_words(cmp, ids),
        if changes == 1 { "" } else { "s" }
    )
}

/// The report's title: the story's headline and how many sources report it, "Indian navy
/// captures 23 pirates — 19 sources (17 independent)"; a memo says it is one.
pub fn title(cmp: &Comparison) -> String {
    let headline = headline(cmp).unwrap_or_else(|| "Crosscheck report".to_string());
    let n = cmp.documents.len();
    let independent = crate::copies::independent(cmp, cmp.documents.iter().map(|d| d.id.as_str()));
    let mut out = format!("{headline} — {n} source{}", if n == 1 { "" } else { "s" });
    if independent < n {
        out.push_str(&format!(" ({independent} independent)"));
    }
    if cmp.memo {
        out.insert_str(0, "Fact-check memo: ");
    }
    out
}

/// Words of a lead sentence a title keeps.
const HEADLINE_WORDS: usize = 12;

/// What names the story: of the sources' titles that are headlines rather than file names, the
/// one whose words the other titles share most (the story's headline, not one outlet's quip:
/// "Tara Reid Finally Checks Into Rehab", not "It's about time, right?"), the first of equals;
/// or else the first sentence of the first source's text, shortened.
fn headline(cmp: &Comparison) -> Option<String> {
    let titled: Vec<(String, BTreeSet<String>)> = cmp
        .documents
        .iter()
        .map(|d| (one_line(d.title.trim()), d))
        .filter(|(t, d)| !t.is_empty() && !is_file_name(t, d))
        .map(|(t, _)| {
            let stems = crate::text::terms(&t).into_iter().map(|w| w.stem).collect();
            (t, stems)
        })
        .collect();
    let mut titles_with: HashMap<&str, usize> = HashMap::new();
    for stem in titled.iter().flat_map(|(_, stems)| stems) {
        *titles_with.entry(stem.as_str()).or_default() += 1;
    }
    let shared = |stems: &BTreeSet<String>| -> usize {
        stems.iter().map(|s| titles_with[s.as_str()] - 1).sum()
    };
    let best = titled
        .iter()
        .enumerate()
        .max_by_key(|(k, (_, stems))| (shared(stems), std::cmp::Reverse(*k)));
    if let Some((_, (t, _))) = best {
        return Some(t.clone());
    }
    let doc = cmp.documents.first()?;
    let first = doc
        .passages
        .iter()
        .find(|p| !p.boilerplate)?
        .sentences
        .first()?;
    let sentence = doc
        .text
        .get(first.start..first.end)?
        .trim()
        .trim_end_matches('.');
    let words: Vec<&str> = sentence.split_whitespace().collect();
    match words.len() {
        0 => None,
        n if n > HEADLINE_WORDS => Some(format!("{}…", words[..HEADLINE_WORDS].join(" "))),
        _ => Some(words.join(" ")),
    }
}

/// Whether a document's title is only its file name (it had no headline).
fn is_file_name(title: &str, doc: &Document) -> bool {
    Path::new(&doc.path)
        .file_stem()
        .is_some_and(|stem| stem.to_string_lossy() == title)
}

/// The line under a memo's title, saying what it holds.
fn memo_line(cmp: &Comparison) -> Option<&'static str> {
    cmp.memo.then_some(
        "This fact-check memo holds only the conflicts and the findings the reader marked.",
    )
}

/// Least share of word runs two copies share for a report to call them the same text without
/// saying how much of it ("59% the same text as 12" below it: a rewrite of one agency story).
const SAME_TEXT: f32 = 0.9;

/// Which other sources a source is a copy of one text with: "same text as 3, 5, 7", or "59% the
/// same text as 12" when the copies differ in much of their wording.
fn same_text_as(cmp: &Comparison, doc: usize) -> Option<String> {
    let id = &cmp.documents[doc].id;
    let set = crate::copies::set_of(cmp, id)?;
    let others: Vec<String> = set
        .documents
        .iter()
        .filter(|d| *d != id)
        .filter_map(|d| cmp.documents.iter().position(|x| x.id == *d))
        .map(|i| (i + 1).to_string())
        .collect();
    let share = if set.overlap >= SAME_TEXT {
        String::new()
    } else {
        format!("{:.0}% the ", (set.overlap * 100.0).round())
    };
    Some(format!("{share}same text as {}", others.join(", ")))
}

/// How many sources state a finding, when more than one does: "3 sources", or "3 outlets, 2
/// independent sources" when copies of one text are among them.
fn finding_sources(cmp: &Comparison, f: &Finding) -> Option<String> {
    let ids: BTreeSet<&str> = f.mentions.iter().map(|m| m.document.as_str()).collect();
    (ids.len() > 1).then(|| crate::copies::count_words(cmp, ids))
}

/// The reader's review of a finding as the reports print it next to its header: the verdict's
/// symbol and word, and the note ("☑ checked — asked the desk").
fn review_line(cmp: &Comparison, f: &Finding) -> Option<String> {
    let r = crate::review::of(cmp, f)?;
    let verdict = r.verdict.map(|v| format!("{} {}", v.symbol(), v.word()));
    let note = one_line(r.note.trim());
    match (verdict, note.is_empty()) {
        (None, true) => None,
        (None, false) => Some(note),
        (Some(v), true) => Some(v),
        (Some(v), false) => Some(format!("{v} — {note}")),
    }
}

/// What the only mention of a finding adds to the finding's summary, as `(words, value)`: its
/// words as written and the value they were read as, each left out when the summary already
/// gives it (a single-source finding's summary quotes the words), the value also when it only
/// repeats the words (see [`shown_value`]). A quote is so printed once.
fn one_mention_adds<'a>(f: &Finding, m: &'a Mention) -> (Option<&'a str>, Option<&'a str>) {
    let new = |s: &str| !s.trim().is_empty() && !f.summary.contains(s.trim());
    let words = Some(m.text.as_str()).filter(|w| new(w));
    let value = shown_value(f, m).filter(|v| new(v));
    (words, value)
}

/// The value mention `m` of finding `f` was read as, when it says more than the words as
/// written: a quote's value is its words again (in lower case, without punctuation or the
/// reporter's bracketed insertions), and is not printed twice.
fn shown_value<'a>(f: &Finding, m: &'a Mention) -> Option<&'a str> {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    (f.kind != FactKind::Quote && letters(&m.value) != letters(&m.text)).then_some(m.value.as_str())
}

/// The short name of a document: its number (1-based) and title.
fn source_name(cmp: &Comparison, doc: &str) -> String {
    match cmp.documents.iter().position(|d| d.id == doc) {
        Some(i) => format!("{}. {}", i + 1, cmp.documents[i].title),
        None => doc.to_string(),
    }
}

/// Words as written, in quotation marks unless they already are in some (a quote's words keep
/// their own marks): every view shows a source's words so.
pub fn quoted(text: &str) -> String {
    let t = text.trim();
    if t.starts_with(['"', '“', '‘', '\'', '«', '„']) {
        t.to_string()
    } else {
        format!("“{t}”")
    }
}

/// What a finding is about and why it has its status, as every view shows it under the
/// summary of a conflict or a developing figure (the findings a reader has to weigh):
/// "About number of people killed — different figures that may all hold: …". `None` for other
/// findings, whose summary says it all, and for a mark.
pub fn about(f: &crate::model::Finding) -> Option<String> {
    use crate::model::FindingStatus;
    if !matches!(
        f.status,
        FindingStatus::Conflict | FindingStatus::Developing
    ) {
        return None;
    }
    match (f.slot.is_empty(), f.reason.is_empty()) {
        (true, true) => None,
        (false, true) => Some(format!("About {}", f.slot)),
        (true, false) => Some(upper_first(&f.reason)),
        (false, false) => Some(format!("About {} — {}", f.slot, f.reason)),
    }
}

/// `s` with its first letter in capitals.
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// A path (or other name from outside) as it can be printed: line breaks, tabs and other control
/// characters (and the Unicode line and paragraph separators and bidirectional controls) are
/// shown as escapes (`\n`,
/// `\u{1b}`), so a file name cannot start a new line of a report or forge a line on standard
/// error. Everything else is kept as written.
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    // Controls, line and paragraph separators, and the bidirectional overrides and isolates
    // that can make a name display as another.
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.contains(hidden) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out.into()
}

/// Collapses runs of whitespace (line breaks of hard-wrapped text) into single spaces.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// In a memo, the passages its findings cite: of the text only one source has, a memo prints
/// those alone (a report prints it all: none).
fn cited(cmp: &Comparison) -> Option<std::collections::HashSet<&str>> {
    cmp.memo.then(|| {
        cmp.findings
            .iter()
            .flat_map(|f| &f.mentions)
            .filter_map(|m| cmp.passage_at(&m.document, m.start))
            .map(|p| p.id.as_str())
            .collect()
    })
}

/// The passages of `doc` the section of text only one source has prints, each with whether it
/// follows the one printed before it in the text (else " … " marks what was left out): all, or
/// in a memo those its findings cite (see [`cited`]); none when a memo cites nothing of it
/// that is not aligned.
fn single_passages<'a>(
    cited: Option<&std::collections::HashSet<&str>>,
    doc: &'a crate::model::Document,
) -> Option<Vec<(bool, &'a Passage)>> {
    let mut last = None;
    let out: Vec<(bool, &Passage)> = doc
        .passages
        .iter()
        .enumerate()
        .filter(|(_, p)| cited.is_none_or(|c| c.contains(p.id.as_str())))
        .map(|(i, p)| {
            let next = last.is_none_or(|l: usize| l + 1 == i);
            last = Some(i);
            (next, p)
        })
        .collect();
    (cited.is_none() || out.iter().any(|(_, p)| p.group.is_none())).then_some(out)
}

/// Whether the report holds group `id` (a memo leaves out the groups of the findings it does
/// not keep, and so moves the others from their places in `groups`).
fn has_group(cmp: &Comparison, id: &str) -> bool {
    cmp.group(id).is_some()
}

/// The diff of a passage against its group's reference, when it is not the reference.
fn diff_of<'a>(g: &'a Group, p: &Passage) -> Option<&'a PassageDiff> {
    g.diffs.iter().find(|d| d.passage == p.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_paths_are_made_visible() {
        assert_eq!(visible("a b/é.txt"), "a b/é.txt");
        assert_eq!(visible("a\nb\t\r"), "a\\nb\\t\\r");
        assert_eq!(visible("x\u{1b}[31m\u{2028}"), "x\\u{1b}[31m\\u{2028}");
        assert_eq!(visible("cv\u{202e}fdp.txt"), "cv\\u{202e}fdp.txt");
    }

    #[test]
    fn words_as_written_are_quoted_once() {
        assert_eq!(quoted("on Tuesday"), "“on Tuesday”");
        assert_eq!(
            quoted("\"Reid has checked herself in.\""),
            "\"Reid has checked herself in.\""
        );
        assert_eq!(quoted(" “We won,” "), "“We won,”");
    }

    #[test]
    fn one_line_collapses_line_breaks() {
        assert_eq!(one_line("a\n  b\tc "), "a b c ");
        assert_eq!(one_line("  a"), " a");
    }

    fn two_articles() -> Comparison {
        crate::compare_texts(
            &[
                (
                    "a.txt",
                    "The storm hit on Sunday. \"We lost good people,\" Mayor Ana Ruiz said.",
                ),
                (
                    "b.txt",
                    "The storm hit on Monday. \"We lost brave people,\" Ana Ruiz said.",
                ),
            ],
            &crate::Options::default(),
        )
    }

    /// Streaming a report writes exactly what rendering it returns, in every format, and saving
    /// it writes the same bytes to the file.
    #[test]
    fn streamed_reports_are_the_rendered_ones() {
        let cmp = two_articles();
        let dir = tempfile::tempdir().expect("temporary folder");
        for format in [Format::Json, Format::Markdown, Format::Html] {
            let rendered = render(&cmp, format).expect("render");
            let mut streamed = Vec::new();
            render_to(&cmp, format, &mut streamed).expect("stream");
            assert_eq!(String::from_utf8_lossy(&streamed), rendered, "{format:?}");
            let path = dir.path().join(format!("report.{}", format.extension()));
            save(&path, &cmp, format, &[]).expect("save");
            let saved = std::fs::read_to_string(&path).expect("read back");
            assert_eq!(saved, rendered, "{format:?}");
        }
    }

    /// A write that fails half-way leaves the old report as it was and no temporary file.
    #[test]
    fn a_failed_streamed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("report.json");
        std::fs::write(&path, "old").expect("write old");
        let result = write_atomic_with(&path, &[], |out| {
            out.write_all(b"half a rep")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(
            matches!(&result, Err(ReportError::Write { reason, .. }) if reason == "disk full"),
            "{result:?}"
        );
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("report.json")]);
    }

    /// A streamed report stops at the first failed write: the error comes back, and nothing more
    /// is rendered or written.
    #[test]
    fn a_streamed_report_stops_at_the_first_failed_write() {
        struct FailsSecond(usize);
        impl Write for FailsSecond {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0 += 1;
                if self.0 >= 2 {
                    return Err(std::io::Error::other("disk full"));
                }
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let cmp = two_articles();
        for format in [Format::Markdown, Format::Html] {
            let mut out = FailsSecond(0);
            let result = render_to(&cmp, format, &mut out);
            assert!(
                result.as_ref().is_err_and(|e| e.to_string() == "disk full"),
                "{format:?}: {result:?}"
            );
            assert_eq!(out.0, 2, "{format:?}: no write after the failed one");
        }
        // Told to stop at the first section's end, the writers render nothing more.
        let mut h = String::new();
        html::write_into(&cmp, &mut h, &mut |_| false);
        assert!(h.contains("<h1>") && h.contains(" — 2 sources</h1>"), "{h}");
        assert!(!h.contains("Aligned passages") && !h.contains("</html>"));
        let mut m = String::new();
        markdown::write_into(&cmp, &mut m, &mut |_| false);
        assert!(m.starts_with("# ") && m.contains(" — 2 sources\n"), "{m}");
        assert!(!m.contains("## Findings") && !m.contains("## Aligned passages"));
    }

    /// Saving refuses to write over a source article, before writing anything.
    #[test]
    fn saving_over_a_source_is_refused() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let source = dir.path().join("a.txt");
        std::fs::write(&source, "The storm hit on Sunday.").expect("write source");
        let result = save(&source, &two_articles(), Format::Json, &[source.as_path()]);
        assert!(
            matches!(result, Err(ReportError::WouldOverwriteSource(_))),
            "{result:?}"
        );
        assert_eq!(
            std::fs::read_to_string(&source).expect("read"),
            "The storm hit on Sunday."
        );
    }
}
