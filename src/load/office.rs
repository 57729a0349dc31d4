//! Word (`.docx`) and OpenDocument (`.odt`) files: ZIP archives of XML, read with `zip` and
//! `quick-xml`. The body's paragraphs become the article's paragraphs (headings, lists and table
//! cells included; deleted tracked changes, comments and field codes left out); the document's
//! title property, when set, is its title.

use super::{LoadError, Problem, Read, Why};
#[cfg(feature = "office")]
use super::{format::Format, tidy_extracted};

/// The most an XML part of an office file may unpack to. A page of text is a few kilobytes of
/// XML; a file that unpacks past this is damaged or built to exhaust memory (a "zip bomb").
pub const MAX_UNPACKED_BYTES: u64 = 64_000_000;

/// The most read of the `mimetype` part, which names the format in a few dozen bytes.
#[cfg(feature = "office")]
const MAX_MIMETYPE_BYTES: u64 = 256;

#[cfg(not(feature = "office"))]
const NOT_BUILT: &str =
    "this build reads no .docx or .odt files (built without the `office` feature)";

/// The format of a ZIP archive: a Word or OpenDocument text, or the reason it is no article.
#[cfg(feature = "office")]
pub(super) fn zip_format(bytes: &[u8]) -> Result<Format, Why> {
    let unsupported = |reason: String| Why::new(Problem::Unsupported, reason);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        Why::new(
            Problem::Damaged,
            "binary data (ZIP archive that cannot be opened), not text",
        )
    })?;
    if zip.index_for_name("word/document.xml").is_some() {
        return Ok(Format::Docx);
    }
    let mimetype = part_within(&mut zip, "mimetype", MAX_MIMETYPE_BYTES).unwrap_or_default();
    if mimetype.trim() == "application/vnd.oasis.opendocument.text" {
        return Ok(Format::Odt);
    }
    if mimetype.starts_with("application/vnd.oasis.opendocument") {
        return Err(unsupported(format!(
            "OpenDocument file that is not a text document ({}), not an article",
            mimetype.trim()
        )));
    }
    Err(unsupported(
        "binary data (ZIP archive, not a .docx or .odt document), not text".into(),
    ))
}

#[cfg(not(feature = "office"))]
pub(super) fn zip_format(_bytes: &[u8]) -> Result<super::format::Format, Why> {
    Err(Why::new(
        Problem::Unsupported,
        format!("ZIP archive or office document: {NOT_BUILT}"),
    ))
}

/// The article of a Word document.
#[cfg(feature = "office")]
pub(super) fn read_docx(path: &str, bytes: &[u8]) -> Read {
    read_with(path, bytes, &DOCX)
}

/// The article of an OpenDocument text.
#[cfg(feature = "office")]
pub(super) fn read_odt(path: &str, bytes: &[u8]) -> Read {
    read_with(path, bytes, &ODT)
}

/// The article of an office file: the text of its body part, the title of its properties part.
#[cfg(feature = "office")]
fn read_with(path: &str, bytes: &[u8], rules: &Rules) -> Read {
    let what = rules.what;
    let damaged = |reason: String| Why::new(Problem::Damaged, reason);
    let fail = |why: Why| {
        LoadError::new(
            path,
            why.problem,
            format!("cannot read {what} ({})", why.reason),
        )
    };
    let mut zip = open(bytes).map_err(damaged).map_err(fail)?;
    let body = part(&mut zip, rules.body).map_err(fail)?;
    let text = xml_text(&body, rules).map_err(damaged).map_err(fail)?;
    let title = part(&mut zip, rules.properties)
        .ok()
        .and_then(|props| element_text(&props, b"title"));
    finish(path, &text, title, what)
}

#[cfg(not(feature = "office"))]
pub(super) fn read_docx(path: &str, _bytes: &[u8]) -> Read {
    Err(LoadError::new(
        path,
        Problem::Unsupported,
        format!("Word document: {NOT_BUILT}"),
    ))
}

#[cfg(not(feature = "office"))]
pub(super) fn read_odt(path: &str, _bytes: &[u8]) -> Read {
    Err(LoadError::new(
        path,
        Problem::Unsupported,
        format!("OpenDocument text: {NOT_BUILT}"),
    ))
}

#[cfg(feature = "office")]
fn finish(path: &str, text: &str, title: Option<String>, what: &str) -> Read {
    let text = tidy_extracted(text);
    if text.is_empty() {
        return Err(LoadError::new(
            path,
            Problem::NoText,
            format!("{what} with no text"),
        ));
    }
    Ok((
        super::Extracted {
            title,
            ..super::Extracted::text(text)
        },
        Vec::new(),
    ))
}

#[cfg(feature = "office")]
type Zip<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

#[cfg(feature = "office")]
fn open(bytes: &[u8]) -> Result<Zip<'_>, String> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| format!("damaged ZIP: {e}"))
}

/// One part of the archive as UTF-8 text, refusing parts that unpack past
/// [`MAX_UNPACKED_BYTES`].
#[cfg(feature = "office")]
fn part(zip: &mut Zip<'_>, name: &str) -> Result<String, Why> {
    part_within(zip, name, MAX_UNPACKED_BYTES)
}

#[cfg(feature = "office")]
fn part_within(zip: &mut Zip<'_>, name: &str, limit: u64) -> Result<String, Why> {
    use std::io::Read as _;
    let damaged = |reason: String| Why::new(Problem::Damaged, reason);
    let entry = zip
        .by_name(name)
        .map_err(|e| damaged(format!("{name}: {e}")))?;
    let mut out = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| damaged(format!("{name}: {e}")))?;
    if out.len() as u64 > limit {
        let limit = if limit >= 1_000_000 {
            format!("{} MB", super::megabytes(limit))
        } else {
            format!("{limit} bytes")
        };
        return Err(Why::new(
            Problem::OverLimit,
            format!("{name} unpacks to more than {limit}"),
        ));
    }
    String::from_utf8(out).map_err(|_| damaged(format!("{name} is not UTF-8")))
}

/// Where an office format keeps its text and title, and which elements of its XML hold what.
#[cfg(feature = "office")]
struct Rules {
    /// What people call the format, for messages.
    what: &'static str,
    /// The part holding the body.
    body: &'static str,
    /// The part holding the document's properties (its title).
    properties: &'static str,
    /// Paragraph-like elements: each ends a paragraph.
    paragraphs: &'static [&'static [u8]],
    /// When set, only text inside these elements is read (Word keeps text in `w:t`).
    text_in: &'static [&'static [u8]],
    tabs: &'static [&'static [u8]],
    breaks: &'static [&'static [u8]],
    /// An element standing for spaces, its count in the `c` attribute (OpenDocument's `text:s`).
    spaces: Option<&'static [u8]>,
    /// Elements whose text is left out (comments, deleted text, notes' citations).
    skip: &'static [&'static [u8]],
}

#[cfg(feature = "office")]
const DOCX: Rules = Rules {
    what: "Word document",
    body: "word/document.xml",
    properties: "docProps/core.xml",
    paragraphs: &[b"p"],
    text_in: &[b"t"],
    tabs: &[b"tab"],
    breaks: &[b"br", b"cr"],
    spaces: None,
    skip: &[b"del", b"instrText", b"comment"],
};

#[cfg(feature = "office")]
const ODT: Rules = Rules {
    what: "OpenDocument text",
    body: "content.xml",
    properties: "meta.xml",
    paragraphs: &[b"p", b"h"],
    text_in: &[],
    tabs: &[b"tab"],
    breaks: &[b"line-break"],
    spaces: Some(b"s"),
    skip: &[b"annotation", b"note-citation", b"tracked-changes"],
};

/// The text of an XML body: paragraphs separated by blank lines.
#[cfg(feature = "office")]
fn xml_text(xml: &str, rules: &Rules) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = String::new();
    let (mut in_text, mut in_para, mut skipping) = (0usize, 0usize, 0usize);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("damaged XML at byte {}: {e}", reader.buffer_position()))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 || rules.skip.contains(&name) {
                    skipping += 1;
                } else if rules.paragraphs.contains(&name) {
                    in_para += 1;
                } else if rules.text_in.contains(&name) {
                    in_text += 1;
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if skipping > 0 {
                    skipping -= 1;
                } else if rules.paragraphs.contains(&name) {
                    in_para = in_para.saturating_sub(1);
                    out.push_str("\n\n");
                } else if rules.text_in.contains(&name) {
                    in_text = in_text.saturating_sub(1);
                }
            }
            Event::Empty(e) if skipping == 0 => {
                let name = e.local_name();
                let name = name.as_ref();
                if rules.tabs.contains(&name) {
                    out.push('\t');
                } else if rules.breaks.contains(&name) {
                    out.push('\n');
                } else if rules.spaces == Some(name) {
                    let count = e
                        .try_get_attribute("text:c")
                        .ok()
                        .flatten()
                        .and_then(|a| std::str::from_utf8(&a.value).ok()?.parse::<usize>().ok())
                        .unwrap_or(1);
                    out.push_str(&" ".repeat(count.min(64)));
                } else if rules.paragraphs.contains(&name) {
                    out.push_str("\n\n");
                }
            }
            Event::Text(t) if skipping == 0 && reading(rules, in_para, in_text) => {
                let s = t.decode().map_err(|e| format!("damaged XML text: {e}"))?;
                out.push_str(&s);
            }
            Event::CData(t) if skipping == 0 && reading(rules, in_para, in_text) => {
                out.push_str(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if skipping == 0 && reading(rules, in_para, in_text) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Ok(name) = r.decode()
                    && let Some(s) = quick_xml::escape::resolve_predefined_entity(&name)
                {
                    out.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(feature = "office")]
fn reading(rules: &Rules, in_para: usize, in_text: usize) -> bool {
    in_para > 0 && (rules.text_in.is_empty() || in_text > 0)
}

/// The text of the first element named `local` (any namespace), trimmed; `None` when empty.
#[cfg(feature = "office")]
fn element_text(xml: &str, local: &[u8]) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.local_name().as_ref() == local => inside = true,
            Event::End(e) if inside && e.local_name().as_ref() == local => break,
            Event::Text(t) if inside => out.push_str(&t.decode().ok()?),
            Event::GeneralRef(r) if inside => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                } else if let Some(s) =
                    quick_xml::escape::resolve_predefined_entity(&r.decode().ok()?)
                {
                    out.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

#[cfg(all(test, feature = "office"))]
mod tests {
    use super::*;

    #[test]
    fn word_body_keeps_paragraphs_tabs_and_entities_and_drops_deleted_text() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>Quake hits</w:t></w:r><w:r><w:t xml:space="preserve"> Aceh &amp; Nias</w:t></w:r></w:p>
            <w:p><w:r><w:t>Toll:</w:t><w:tab/><w:t>five</w:t></w:r><w:del><w:r><w:delText>six</w:delText></w:r></w:del></w:p>
            <w:p><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>
        </w:body></w:document>"#;
        let text = tidy_extracted(&xml_text(xml, &DOCX).expect("xml"));
        assert_eq!(text, "Quake hits Aceh & Nias\n\nToll:\tfive");
    }

    #[test]
    fn odt_body_counts_spaces_and_leaves_out_comments() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:text="t"><office:body><office:text>
            <text:h>Quake</text:h>
            <text:p>Five<text:s text:c="2"/>dead<office:annotation><text:p>check this</text:p></office:annotation>.</text:p>
        </office:text></office:body></office:document-content>"#;
        let text = tidy_extracted(&xml_text(xml, &ODT).expect("xml"));
        assert_eq!(text, "Quake\n\nFive  dead.");
    }

    #[test]
    fn a_part_that_unpacks_past_the_limit_is_refused_and_not_read_whole() {
        use std::io::Write as _;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("word/document.xml", opts).expect("entry");
        w.write_all(&vec![b' '; 100_000]).expect("write");
        w.finish().expect("zip");
        let bytes = buf.into_inner();
        assert!(bytes.len() < 2_000, "compresses well, as a zip bomb does");
        let mut zip = open(&bytes).expect("opens");
        assert_eq!(
            part_within(&mut zip, "word/document.xml", 10_000),
            Err(Why::new(
                Problem::OverLimit,
                "word/document.xml unpacks to more than 10000 bytes"
            ))
        );
        assert!(zip_format(&bytes) == Ok(Format::Docx));
        let err = read_docx("bomb.docx", &bytes).expect_err("no text");
        assert_eq!(err.to_string(), "Word document with no text: bomb.docx");
        assert_eq!(err.problem, Problem::NoText);
    }

    #[test]
    fn title_property_is_read_from_any_namespace() {
        let core = r#"<cp:coreProperties xmlns:dc="d"><dc:title>Quake  report</dc:title></cp:coreProperties>"#;
        assert_eq!(
            element_text(core, b"title").as_deref(),
            Some("Quake report")
        );
        assert_eq!(element_text("<a><title/></a>", b"title"), None);
    }
}
