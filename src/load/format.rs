//! The kinds of document Crosscheck reads, in one table: each row names a format, the file
//! extensions it goes by, and how its article text is read. A format is told from the file's
//! content first (a PDF, a Word file, a saved page is what its bytes say, whatever its name) and
//! from the extension only when the content says nothing. Adding a format is one row here and one
//! reader module.

use std::path::Path;

use super::{Extracted, LoadError, Problem, Why, html, markdown_text, mhtml, office, pdf};

/// A kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Mhtml,
    Docx,
    Odt,
    Pdf,
}

/// What a reader gives: the extracted article and notes on what was repaired or left out.
pub(super) type Read = Result<(Extracted, Vec<String>), LoadError>;

/// How a format's article text is read.
#[derive(Clone, Copy)]
pub(super) enum Reader {
    /// Decoded to text first (any encoding: BOM, UTF-8, UTF-16, legacy), then read as text.
    Text(fn(&str, &str) -> Read),
    /// Read from the bytes: the format says its own encoding.
    Bytes(fn(&str, &[u8]) -> Read),
}

/// One row of the table.
pub struct FormatInfo {
    pub format: Format,
    /// The kind as the JSON report and the app name it (`"txt"`, `"pdf"`).
    pub name: &'static str,
    /// What people call it, for file dialogs and messages.
    pub label: &'static str,
    /// File extensions, lower case, without the dot; the first is the usual one.
    pub extensions: &'static [&'static str],
    /// Media types a web server sends it as.
    pub media_types: &'static [&'static str],
    pub(super) reader: Reader,
}

/// Every format, in the order file dialogs list them.
pub static FORMATS: &[FormatInfo] = &[
    FormatInfo {
        format: Format::Text,
        name: "txt",
        label: "Plain text",
        extensions: &["txt", "text"],
        media_types: &["text/plain"],
        reader: Reader::Text(|_, text| Ok((Extracted::text(text.to_string()), Vec::new()))),
    },
    FormatInfo {
        format: Format::Markdown,
        name: "md",
        label: "Markdown",
        extensions: &["md", "markdown"],
        media_types: &["text/markdown", "text/x-markdown"],
        reader: Reader::Text(|_, text| Ok((markdown_text(text), Vec::new()))),
    },
    FormatInfo {
        format: Format::Html,
        name: "html",
        label: "Web page",
        extensions: &["html", "htm", "xhtml"],
        media_types: &["text/html", "application/xhtml+xml"],
        reader: Reader::Text(html::article),
    },
    FormatInfo {
        format: Format::Mhtml,
        name: "mhtml",
        label: "Web page saved as one file (MHTML)",
        extensions: &["mhtml", "mht"],
        media_types: &[
            "multipart/related",
            "message/rfc822",
            "application/x-mimearchive",
        ],
        reader: Reader::Bytes(mhtml::read),
    },
    FormatInfo {
        format: Format::Docx,
        name: "docx",
        label: "Word document",
        extensions: &["docx"],
        media_types: &["application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
        reader: Reader::Bytes(office::read_docx),
    },
    FormatInfo {
        format: Format::Odt,
        name: "odt",
        label: "OpenDocument text",
        extensions: &["odt"],
        media_types: &["application/vnd.oasis.opendocument.text"],
        reader: Reader::Bytes(office::read_odt),
    },
    FormatInfo {
        format: Format::Pdf,
        name: "pdf",
        label: "PDF document",
        extensions: &["pdf"],
        media_types: &["application/pdf"],
        reader: Reader::Bytes(pdf::read),
    },
];

impl Format {
    /// This format's row of [`FORMATS`].
    pub fn info(self) -> &'static FormatInfo {
        FORMATS
            .iter()
            .find(|f| f.format == self)
            .unwrap_or(&FORMATS[0])
    }

    /// The kind as the JSON report names it.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The format a file name's extension stands for, if any.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        FORMATS
            .iter()
            .find(|f| f.extensions.contains(&ext.as_str()))
            .map(|f| f.format)
    }

    /// The format a media type (a `Content-Type` header, parameters allowed) stands for, if any.
    pub fn from_media_type(content_type: &str) -> Option<Format> {
        let media = content_type.split(';').next()?.trim().to_ascii_lowercase();
        FORMATS
            .iter()
            .find(|f| f.media_types.contains(&media.as_str()))
            .map(|f| f.format)
    }

    /// The format of a file: what its content shows, else what its name says, else plain text.
    /// Content that is no article at all (an image, an archive, an RTF file) is refused with the
    /// reason.
    pub fn detect(path: &str, bytes: &[u8]) -> Result<Format, Why> {
        Self::detect_with(path, bytes, None)
    }

    /// As [`Format::detect`], with what the server said (`hint`, from a media type) trusted
    /// before the name.
    pub fn detect_with(path: &str, bytes: &[u8], hint: Option<Format>) -> Result<Format, Why> {
        if let Some(found) = sniff(bytes)? {
            return Ok(found);
        }
        Ok(hint
            .or_else(|| Format::from_path(path))
            .unwrap_or(Format::Text))
    }
}

/// Every extension of every format, for file dialogs and for the articles of a folder.
pub fn article_extensions() -> Vec<&'static str> {
    FORMATS
        .iter()
        .flat_map(|f| f.extensions.iter().copied())
        .collect()
}

/// Whether a path names an article file by its extension (used to pick the articles of a folder).
pub fn is_article_path(path: &Path) -> bool {
    Format::from_path(&path.to_string_lossy()).is_some()
}

/// The format the first bytes show, `None` when they show no particular one (text), or the reason
/// the file is no article.
fn sniff(bytes: &[u8]) -> Result<Option<Format>, Why> {
    if bytes.starts_with(b"%PDF-") {
        return Ok(Some(Format::Pdf));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return office::zip_format(bytes).map(Some);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(Why::new(
            Problem::Unsupported,
            "RTF document, which Crosscheck does not read: save it from your word processor as \
             .docx, .odt or plain text",
        ));
    }
    if let Some(what) = binary_signature(bytes) {
        return Err(Why::new(
            Problem::Unsupported,
            format!("binary data ({what}), not text"),
        ));
    }
    let head = ascii_head(bytes, 4096);
    if mhtml::looks_like(&head) {
        return Ok(Some(Format::Mhtml));
    }
    let start = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    // A page opens with its doctype or its `<html>` tag and has a head or a body; prose that
    // begins "<html> is the root element" has neither.
    let html_tag = start
        .strip_prefix("<html")
        .is_some_and(|rest| rest.starts_with(|c: char| c == '>' || c.is_whitespace()));
    let has_parts = ["<head", "<body", "<title", "<meta"]
        .iter()
        .any(|t| head.contains(t));
    if start.starts_with("<!doctype html") || (html_tag && has_parts) {
        return Ok(Some(Format::Html));
    }
    Ok(None)
}

/// The first `n` bytes, lower-cased, with bytes that are not ASCII (and UTF-16's NULs) left out.
fn ascii_head(bytes: &[u8], n: usize) -> String {
    bytes
        .iter()
        .take(n)
        .filter(|b| b.is_ascii() && **b != 0)
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

/// Files that are plainly no article, by their first bytes.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\x1f\x8b", "gzip archive"),
        (b"\x7fELF", "executable"),
        (b"RIFF", "RIFF media file"),
        (b"BZh", "bzip2 archive"),
        (b"\xfd7zXZ\x00", "xz archive"),
        (b"7z\xbc\xaf\x27\x1c", "7z archive"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "old Word (.doc) or Office file; save it as .docx",
        ),
    ];
    SIGS.iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, what)| *what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_a_row_and_distinct_extensions() {
        let all = article_extensions();
        let mut unique = all.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(all.len(), unique.len(), "an extension in two rows");
        for f in [
            Format::Text,
            Format::Markdown,
            Format::Html,
            Format::Mhtml,
            Format::Docx,
            Format::Odt,
            Format::Pdf,
        ] {
            assert_eq!(f.info().format, f);
        }
    }

    #[test]
    fn content_decides_before_the_name() {
        let page = b"  <!DOCTYPE html><html><body><p>Hi</p></body></html>";
        assert_eq!(Format::detect("saved-page", page), Ok(Format::Html));
        assert_eq!(Format::detect("page.txt", page), Ok(Format::Html));
        assert_eq!(
            Format::detect("notes.md", b"# Title\n"),
            Ok(Format::Markdown)
        );
        assert_eq!(Format::detect("notes", b"Plain words.\n"), Ok(Format::Text));
        let prose = b"<html> is the root element of a page, the tutorial says.\n";
        assert_eq!(Format::detect("notes.txt", prose), Ok(Format::Text));
        let crlf_mail = b"Dear editor,\r\nthe MIME-Version: header and multipart/related parts \
            confuse me.\r\n";
        assert_eq!(Format::detect("letter.txt", crlf_mail), Ok(Format::Text));
        assert_eq!(
            Format::from_media_type("text/html; charset=utf-8"),
            Some(Format::Html)
        );
        assert_eq!(Format::from_media_type("image/png"), None);
        assert_eq!(Format::detect("scan.txt", b"%PDF-1.4\n"), Ok(Format::Pdf));
        let mht = b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"x\"\r\n";
        assert_eq!(Format::detect("page", mht), Ok(Format::Mhtml));
    }

    #[test]
    fn rtf_and_binary_files_are_refused_with_the_reason() {
        let err = Format::detect("letter.rtf", b"{\\rtf1\\ansi Hello}").expect_err("rtf");
        assert!(err.reason.starts_with("RTF document"), "{err}");
        let err =
            Format::detect("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0").expect_err("doc");
        assert!(err.reason.contains("old Word (.doc)"), "{err}");
    }
}
