//! Loading: turn a file's bytes into clean UTF-8 text with a title and, when one is there, a
//! dateline.
//!
//! The formats read are listed in one table ([`format::FORMATS`]): plain text, Markdown, web pages
//! (also saved as MHTML), Word and OpenDocument files, and PDFs. Text formats are read in any
//! encoding (BOM, UTF-8, UTF-16 with or without a BOM, legacy single-byte encodings detected with
//! `chardetng`), with CRLF and lone CR line ends. HTML pages are reduced to their main article text
//! with a readability extractor (`dom_smoothie`).

use std::path::Path;

use chrono::NaiveDate;
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::dates;
use crate::model::{DatelineOrigin, DatelineSource};

pub mod format;
mod html;
mod mhtml;
mod office;
mod pdf;
pub use format::{FORMATS, Format};
use format::{Read, Reader};
pub use html::{MAX_HTML_DEPTH, MAX_PARSED_DEPTH};
pub use office::MAX_UNPACKED_BYTES;
pub use pdf::MAX_UNPACKED_BYTES as MAX_PDF_UNPACKED_BYTES;
pub use pdf::{
    HELPER_ARG as PDF_HELPER_ARG, HELPER_MEMORY_BYTES as PDF_HELPER_MEMORY_BYTES,
    HELPER_TIMEOUT as PDF_HELPER_TIMEOUT, MAX_TEXT_BYTES as MAX_PDF_TEXT_BYTES,
    helper_main as pdf_helper_main, read_pdfs_in_child,
};

/// Default limit on a source file's size (16 MB, decimal megabytes as the command line counts
/// them); raise it with `Options::max_file_bytes` (`--max-file-size` on the command line).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 16_000_000;

/// The reason given for a source named twice in one compare: it is compared once.
const GIVEN_TWICE: &str = "given more than once; compared once";

/// What kind of problem kept a source out of a comparison. People read the reason; code acts on
/// the kind (which exit status, what the app advises, whether a source is missing at all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Problem {
    /// No such file, no permission, a read that failed.
    Unreadable,
    /// Not an article file: a folder with no articles, a pipe or device (or a special file whose
    /// read never ends), an empty list.
    NotAnArticle,
    /// Over a limit: the file size, what an archive unpacks to, the number of sources a list
    /// names, the time reading a PDF may take.
    OverLimit,
    /// A format Crosscheck does not read (RTF, old `.doc`, images, archives), or one this build
    /// was made without.
    Unsupported,
    /// A file of a format Crosscheck reads, damaged (a broken ZIP, PDF, saved page or stored copy).
    Damaged,
    /// Nothing to compare: an empty file, a page of scripts only, a scanned PDF.
    NoText,
    /// A link that could not be fetched (network, server answer, time).
    NotFetched,
    /// The same source named twice: it is compared once, so nothing is missing.
    GivenTwice,
}

/// A problem and its reason in words, before the source it belongs to is named.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Why {
    pub problem: Problem,
    pub reason: String,
}

impl Why {
    pub fn new(problem: Problem, reason: impl Into<String>) -> Self {
        Self {
            problem,
            reason: reason.into(),
        }
    }
}

/// Why a source could not be loaded. Displayed as `<reason>: <path>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}: {path}")]
pub struct LoadError {
    pub path: String,
    pub problem: Problem,
    pub reason: String,
}

impl LoadError {
    pub fn new(path: &str, problem: Problem, reason: impl Into<String>) -> Self {
        Self {
            path: path.to_string(),
            problem,
            reason: reason.into(),
        }
    }

    /// The error of `why`, for the source shown as `path`.
    pub fn at(path: &str, why: Why) -> Self {
        Self::new(path, why.problem, why.reason)
    }

    /// The source was named twice; it is compared once.
    pub fn given_twice(path: &str) -> Self {
        Self::new(path, Problem::GivenTwice, GIVEN_TWICE)
    }

    /// Whether the source is missing from the comparison (every problem but a source named twice).
    pub fn left_out(&self) -> bool {
        self.problem != Problem::GivenTwice
    }
}

/// A decoded source before segmentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub path: String,
    pub kind: Format,
    pub encoding: String,
    pub text: String,
    pub title: Option<String>,
    /// The publication's name, when the source's metadata gives it.
    pub site: Option<String>,
    pub dateline: Option<(NaiveDate, DatelineSource)>,
    /// Set when the loader had to repair the input (NUL bytes, invalid sequences).
    pub repairs: Vec<String>,
}

/// Reads and decodes one file.
pub fn load_file(path: &Path, max_bytes: u64) -> Result<Loaded, LoadError> {
    let shown = path.display().to_string();
    let bytes = read_source(path, max_bytes).map_err(|why| LoadError::at(&shown, why))?;
    load_bytes(&shown, &bytes)
}

/// Reads a source file's bytes, refusing what is not an article file: a directory, a FIFO, a
/// device or socket (reading those can block forever or never end), and a file over `max_bytes`.
/// The checks are made on the opened file, and the read stops past the limit even when the size
/// changed after the check. The error does not name the file, for a message `<reason>: <path>`.
pub fn read_source(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Why> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    check_kind(&meta)?;
    check_size(meta.len(), max_bytes)?;
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    check_kind(&meta)?;
    check_size(meta.len(), max_bytes)?;
    let bytes = if meta.len() == 0 {
        // A file that says it is empty may be a kernel file (`/proc`, `/sys`) whose read blocks
        // until something happens (`/proc/kmsg`): read it on the side, for a bounded time.
        read_with_timeout(file, max_bytes, SPECIAL_READ_TIMEOUT)?
    } else {
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| io_reason(&e))?;
        bytes
    };
    check_size(bytes.len() as u64, max_bytes)?;
    Ok(bytes)
}

/// How long a read of a file that gives no size may take before it is refused.
pub const SPECIAL_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Reads at most `max_bytes + 1` bytes of `source` on a thread of its own, giving up after
/// `timeout`. A read that never returns keeps its thread blocked, but not the program.
pub fn read_with_timeout(
    source: impl std::io::Read + Send + 'static,
    max_bytes: u64,
    timeout: std::time::Duration,
) -> Result<Vec<u8>, Why> {
    use std::io::Read;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("read-special-file".into())
        .spawn(move || {
            let mut bytes = Vec::new();
            let read = source
                .take(max_bytes.saturating_add(1))
                .read_to_end(&mut bytes)
                .map(|_| bytes);
            let _ = tx.send(read);
        })
        .map_err(|e| Why::new(Problem::Unreadable, format!("cannot read ({e})")))?;
    match rx.recv_timeout(timeout) {
        Ok(read) => read.map_err(|e| io_reason(&e)),
        Err(_) => Err(Why::new(
            Problem::NotAnArticle,
            format!(
                "reading did not finish within {} s (a special file that waits for data, not an \
                 article file)",
                timeout.as_secs_f32()
            ),
        )),
    }
}

fn check_kind(meta: &std::fs::Metadata) -> Result<(), Why> {
    let not_article = |reason: &str| Err(Why::new(Problem::NotAnArticle, reason));
    if meta.is_dir() {
        return not_article("is a directory, not an article file");
    }
    if !meta.is_file() {
        return not_article("not a regular file (a pipe, device or socket), not an article file");
    }
    Ok(())
}

pub(crate) fn check_size(len: u64, max_bytes: u64) -> Result<(), Why> {
    if len > max_bytes {
        return Err(Why::new(
            Problem::OverLimit,
            format!(
                "file is {} MB, over the {} MB limit (raise it with --max-file-size)",
                megabytes(len),
                megabytes(max_bytes)
            ),
        ));
    }
    Ok(())
}

/// A size in megabytes as people read it: whole when it is whole, else to one decimal, and never
/// rounded down to the limit it is compared with (16,000,001 bytes is "16.1", not "16"). The one
/// way every limit in a message is written.
pub(crate) fn megabytes(bytes: u64) -> String {
    if bytes.is_multiple_of(1_000_000) {
        return (bytes / 1_000_000).to_string();
    }
    let tenths = bytes.div_ceil(100_000);
    format!("{}.{}", tenths / 10, tenths % 10)
}

fn io_reason(e: &std::io::Error) -> Why {
    Why::new(
        Problem::Unreadable,
        match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".into(),
            std::io::ErrorKind::PermissionDenied => "permission denied".into(),
            _ => format!("cannot read ({e})"),
        },
    )
}

/// Decodes and cleans bytes already read; `path` names the source in errors and, when the content
/// does not say, decides the format.
pub fn load_bytes(path: &str, bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_with(path, bytes, None)
}

/// Decodes and cleans a fetched page, with what its server said of it: the `Content-Type`
/// (format and charset) counts when the content does not say.
pub fn load_fetched(
    path: &str,
    bytes: &[u8],
    content_type: Option<&str>,
) -> Result<Loaded, LoadError> {
    load_with(path, bytes, content_type)
}

fn load_with(path: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Loaded, LoadError> {
    let hint = content_type.and_then(Format::from_media_type);
    let format = Format::detect_with(path, bytes, hint).map_err(|why| LoadError::at(path, why))?;
    let charset = content_type.and_then(crate::fetch::charset);
    let (read, encoding, mut repairs) = match format.info().reader {
        Reader::Text(read) => {
            let (text, encoding, repairs) = decode_text(path, bytes, charset)?;
            (read(path, &text)?, encoding, repairs)
        }
        Reader::Bytes(read) => (read(path, bytes)?, UTF_8.name(), Vec::new()),
    };
    let (
        Extracted {
            text,
            title,
            date: meta_date,
            site,
        },
        notes,
    ) = read;
    repairs.extend(notes);
    if text.trim().is_empty() {
        return Err(LoadError::new(
            path,
            Problem::NoText,
            "no text in file (empty or whitespace only)",
        ));
    }
    let dateline = meta_date.or_else(|| find_dateline(&text));
    let title = title.filter(|t| !t.trim().is_empty());
    let site = site.filter(|t| !t.trim().is_empty());
    log::debug!(
        "read {path}: {} bytes as {} ({encoding}), {} characters of text",
        bytes.len(),
        format.name(),
        text.len()
    );
    Ok(Loaded {
        path: path.to_string(),
        kind: format,
        encoding: encoding.to_string(),
        text,
        title,
        site,
        dateline,
        repairs,
    })
}

/// Text in any encoding, decoded, with NULs dropped and line ends normalized; binary data refused.
fn decode_text(
    path: &str,
    bytes: &[u8],
    charset: Option<&str>,
) -> Result<(String, &'static str, Vec<String>), LoadError> {
    let named = charset
        .and_then(|c| Encoding::for_label(c.as_bytes()))
        .filter(|_| Encoding::for_bom(bytes).is_none());
    let (mut text, encoding, mut repairs) = match named {
        Some(enc) => {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            let repairs = if had_errors {
                vec![format!("replaced invalid {} sequences", enc.name())]
            } else {
                Vec::new()
            };
            (text.into_owned(), enc.name(), repairs)
        }
        None => decode(bytes),
    };
    if looks_binary(&text) {
        return Err(LoadError::new(
            path,
            Problem::Unsupported,
            "binary data (control characters), not text",
        ));
    }
    if text.contains('\0') {
        text = text.replace('\0', "");
        repairs.push("removed NUL bytes".to_string());
    }
    Ok((normalize_newlines(&text), encoding, repairs))
}

/// Control characters other than whitespace are rare in text and common in binary data.
fn looks_binary(text: &str) -> bool {
    let sample: Vec<char> = text.chars().take(8192).collect();
    if sample.is_empty() {
        return false;
    }
    let bad = sample
        .iter()
        .filter(|&&c| {
            (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}'
        })
        .count();
    bad * 10 > sample.len()
}

/// Decodes bytes: BOM first, then UTF-16 without BOM, then UTF-8, then a detected legacy encoding.
pub(crate) fn decode(bytes: &[u8]) -> (String, &'static str, Vec<String>) {
    let mut repairs = Vec::new();
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            repairs.push(format!("replaced invalid {} sequences", enc.name()));
        }
        return (text.into_owned(), enc.name(), repairs);
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            repairs.push(format!("replaced invalid {} sequences", enc.name()));
        }
        return (text.into_owned(), enc.name(), repairs);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), UTF_8.name(), repairs);
    }
    let (valid_multibyte, invalid) = utf8_evidence(bytes);
    if valid_multibyte > 0 && invalid <= valid_multibyte {
        // UTF-8 text with a few damaged bytes: reading it in a legacy encoding would garble
        // every accented letter to fix a handful.
        repairs.push(format!(
            "replaced {invalid} invalid UTF-8 sequence{} (shown as \u{fffd})",
            if invalid == 1 { "" } else { "s" }
        ));
        return (
            String::from_utf8_lossy(bytes).into_owned(),
            UTF_8.name(),
            repairs,
        );
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        repairs.push(format!("replaced invalid {} sequences", enc.name()));
    }
    (text.into_owned(), enc.name(), repairs)
}

/// Counts the well-formed non-ASCII UTF-8 characters and the invalid sequences in `bytes`.
fn utf8_evidence(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    (valid, invalid)
}

/// Text in UTF-16 without a BOM shows as NULs in every other byte for Latin text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let n = bytes.len().min(4096) / 2;
    let (mut even_nul, mut odd_nul) = (0, 0);
    for pair in bytes[..n * 2].chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if odd_nul * 10 >= n * 7 && even_nul * 10 <= n {
        Some(UTF_16LE)
    } else if even_nul * 10 >= n * 7 && odd_nul * 10 <= n {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// CRLF and lone CR become LF; a BOM that survived decoding is dropped.
pub fn normalize_newlines(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// What a reader takes out of a source: its article text and what its metadata says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Extracted {
    pub text: String,
    pub title: Option<String>,
    /// The publication date its metadata gives.
    pub date: Option<(NaiveDate, DatelineSource)>,
    /// The publication's name its metadata gives (`og:site_name`).
    pub site: Option<String>,
}

impl Extracted {
    /// Text with nothing known about it.
    pub(crate) fn text(text: String) -> Self {
        Self {
            text,
            ..Self::default()
        }
    }
}

/// Trims each line and folds runs of blank lines into one, so paragraphs are `\n\n`-separated.
pub(crate) fn tidy_extracted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// Markdown to plain text: markup removed, blocks separated by blank lines, first heading as title.
pub(crate) fn markdown_text(md: &str) -> Extracted {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::with_capacity(md.len());
    let mut title: Option<String> = None;
    let mut in_heading = false;
    let mut heading = String::new();
    for ev in Parser::new(md) {
        match ev {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                if title.is_none() {
                    title = Some(heading.trim().to_string());
                }
                out.push_str("\n\n");
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::CodeBlock,
            ) => out.push_str("\n\n"),
            Event::Text(t) | Event::Code(t) => {
                if in_heading {
                    heading.push_str(&t);
                }
                out.push_str(&t);
            }
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    Extracted {
        title,
        ..Extracted::text(tidy_extracted(&out))
    }
}

/// Looks for a publication date near the top of the text ("date 2018-05-14", "May 14, 2018",
/// "Saturday, Apr 20, 2024", ISO dates). Only the first few lines are searched: a date further
/// down is part of the story, not its dateline.
pub fn find_dateline(text: &str) -> Option<(NaiveDate, DatelineSource)> {
    let mut offset = 0;
    let mut lines_seen = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        lines_seen += 1;
        if lines_seen > 6 || start > 2000 {
            break;
        }
        // A page's saved or retrieved date is not when it appeared.
        if dates::saved_line(line) {
            continue;
        }
        // Only the head of a line: a dateline opens it ("date 2018-05-14 …") or is the line.
        let head_end = floor_char_boundary(line, 80);
        if let Some(found) = dates::find_absolute_date(&line[..head_end]) {
            // A date deep in a running sentence is an event date, not a dateline.
            let before = line[..found.start].trim();
            if before.split_whitespace().count() <= 2 {
                return Some((
                    found.date,
                    DatelineSource {
                        origin: DatelineOrigin::Text,
                        start: Some(start + found.start),
                        end: Some(start + found.end),
                        text: line[found.start..found.end].to_string(),
                    },
                ));
            }
        }
        // A timestamp line: "PUBLISHED: …", "Updated 5/5/2010 1:41 PM".
        if let Some(stamp) = dates::timestamp_line(line.trim_end())
            && let Some(date) = stamp.date
        {
            return Some((
                date,
                DatelineSource {
                    origin: DatelineOrigin::Text,
                    start: Some(start + stamp.start),
                    end: Some(start + stamp.end),
                    text: line[stamp.start..stamp.end].to_string(),
                },
            ));
        }
    }
    None
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_refusal_says_what_kind_of_problem_it_is() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).expect("write");
            p
        };
        let problem = |p: &Path, limit| load_file(p, limit).expect_err("refused").problem;
        assert_eq!(
            problem(&dir.path().join("missing.txt"), 100),
            Problem::Unreadable
        );
        assert_eq!(problem(dir.path(), 100), Problem::NotAnArticle);
        assert_eq!(
            problem(&file("big.txt", &[b'a'; 200]), 100),
            Problem::OverLimit
        );
        assert_eq!(
            problem(&file("letter.txt", b"{\\rtf1 Hi}"), 100),
            Problem::Unsupported
        );
        assert_eq!(problem(&file("blank.txt", b" \n "), 100), Problem::NoText);
        let twice = LoadError::given_twice("a.txt");
        assert!(!twice.left_out());
        assert_eq!(
            twice.to_string(),
            "given more than once; compared once: a.txt"
        );
    }

    #[test]
    fn sizes_are_given_in_megabytes_never_rounded_down_to_the_limit() {
        assert_eq!(megabytes(16_000_000), "16");
        assert_eq!(megabytes(16_000_001), "16.1");
        assert_eq!(megabytes(2_430_000), "2.5");
        assert_eq!(megabytes(999), "0.1");
    }

    #[test]
    fn a_read_that_blocks_is_refused_after_the_timeout() {
        // A pipe whose writer stays open blocks its reader, as `/proc/kmsg` does with no news.
        let (reader, writer) = std::io::pipe().expect("pipe");
        let timeout = std::time::Duration::from_millis(200);
        let err = read_with_timeout(reader, 1_000, timeout).expect_err("blocked read");
        assert!(
            err.reason
                .starts_with("reading did not finish within 0.2 s"),
            "{err}"
        );
        drop(writer);
        // A reader that ends is read whole, up to one byte past the limit.
        let read = read_with_timeout(&b"0123456789"[..], 4, timeout).expect("read");
        assert_eq!(read, b"01234");
    }

    #[test]
    fn decodes_utf16_with_and_without_bom() {
        let s = "Café opens today.\n";
        let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let mut le_bom = vec![0xff, 0xfe];
        le_bom.extend(&le);
        for bytes in [le, be, le_bom] {
            let l = load_bytes("a.txt", &bytes).expect("decodes");
            assert_eq!(l.text, s);
        }
    }

    #[test]
    fn decodes_windows_1252() {
        let bytes = b"The caf\xe9 said \x93hello\x94 to na\xefve visitors in the city.\r\n";
        let l = load_bytes("a.txt", bytes).expect("decodes");
        assert_eq!(
            l.text,
            "The café said “hello” to naïve visitors in the city.\n"
        );
        assert_eq!(l.encoding, "windows-1252");
    }

    #[test]
    fn line_endings_are_normalized() {
        let l = load_bytes("a.txt", b"One.\r\nTwo.\rThree.\n").expect("decodes");
        assert_eq!(l.text, "One.\nTwo.\nThree.\n");
    }

    #[test]
    fn binary_is_refused_with_reason() {
        let err = load_bytes("x.txt", b"\x89PNG\r\n\x1a\n\0\0\0IHDR").expect_err("binary");
        assert_eq!(err.to_string(), "binary data (PNG image), not text: x.txt");
    }

    #[test]
    fn dateline_at_top_is_found_with_its_span() {
        let text = " date 2018-05-14 United States President Donald Trump has tweeted.";
        let (d, src) = find_dateline(text).expect("dateline");
        assert_eq!(d.to_string(), "2018-05-14");
        assert_eq!(
            &text[src.start.unwrap_or(0)..src.end.unwrap_or(0)],
            "2018-05-14"
        );
        let text = "Site\n\nNews\nSaturday, Apr 20, 2024\n\nHeadline here";
        assert_eq!(
            find_dateline(text).map(|d| d.0.to_string()).as_deref(),
            Some("2024-04-20")
        );
    }

    #[test]
    fn timestamp_line_under_the_headline_is_the_dateline() {
        let text = "Lohan checks into rehab\nFirst Posted 23:37:00 05/05/2010\nLohan checked in.";
        let (d, src) = find_dateline(text).expect("dateline");
        assert_eq!(d.to_string(), "2010-05-05");
        assert_eq!(src.text, "05/05/2010");
        let text = "Lohan checks into rehab\nPUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM\nShe did.";
        assert_eq!(
            find_dateline(text).map(|d| d.0.to_string()).as_deref(),
            Some("2013-05-02")
        );
        // Day and month cannot be told apart: no dateline rather than a wrong one.
        let text = "Lohan checks into rehab\nArticle posted on 08/07/2012\nShe did.";
        assert!(find_dateline(text).is_none());
        // Written with dots, the day comes first.
        let text = "Lohan checks into rehab\nArticle posted on 08.07.2012\nShe did.";
        assert_eq!(
            find_dateline(text).map(|d| d.0.to_string()).as_deref(),
            Some("2012-07-08")
        );
    }

    #[test]
    fn the_date_a_page_was_saved_is_not_its_dateline() {
        for text in [
            "Storm hits coast\n[downloaded on 2 October 2013]\nThe storm hit on Friday.\n",
            "Storm hits coast\nRetrieved 2 October 2013\nThe storm hit on Friday.\n",
        ] {
            assert!(find_dateline(text).is_none(), "{text}");
        }
    }

    #[test]
    fn date_inside_a_story_sentence_is_not_a_dateline() {
        let text = "The council said that the vote held on May 14, 2018 was final.";
        assert!(find_dateline(text).is_none());
    }

    #[test]
    fn markdown_loses_markup_and_keeps_heading_as_title() {
        let l =
            load_bytes("a.md", b"# Big news\n\nThe *mayor* [said](http://x) so.\n").expect("md");
        assert_eq!(l.title.as_deref(), Some("Big news"));
        assert_eq!(l.text, "Big news\n\nThe mayor said so.");
    }
}
