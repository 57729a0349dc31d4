//! PDF documents with a text layer, read with `pdf-extract`. A scanned PDF (pictures of pages, no
//! text) is refused with a message saying so; so is an encrypted one. The PDF reader can panic on
//! damaged files: a panic becomes an error naming the file, and its message is kept off the
//! terminal.

use super::{LoadError, Read};

#[cfg(feature = "pdf")]
pub(super) fn read(path: &str, bytes: &[u8]) -> Read {
    let text = extract(bytes).map_err(|why| LoadError::new(path, why))?;
    let text = super::tidy_extracted(&unhyphenate(&text));
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 20 {
        return Err(LoadError::new(
            path,
            "PDF with no text layer (a scanned document?): run it through OCR first, or paste \
             its text",
        ));
    }
    Ok((super::Extracted::text(text), Vec::new()))
}

#[cfg(not(feature = "pdf"))]
pub(super) fn read(path: &str, _bytes: &[u8]) -> Read {
    Err(LoadError::new(
        path,
        "PDF document: this build reads no PDFs (built without the `pdf` feature)",
    ))
}

/// The text of a PDF, or why it could not be read. Runs the reader with its panics caught.
#[cfg(feature = "pdf")]
fn extract(bytes: &[u8]) -> Result<String, String> {
    quiet_panics();
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    QUIET.with(|q| q.set(false));
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(match e.to_string() {
            s if s.to_ascii_lowercase().contains("encrypt") => {
                "encrypted PDF: save an unprotected copy first".to_string()
            }
            s => format!("cannot read PDF ({s})"),
        }),
        Err(_) => Err("cannot read PDF (damaged or unsupported file)".to_string()),
    }
}

#[cfg(feature = "pdf")]
thread_local! {
    /// Set while this thread runs the PDF reader: its panics are caught and reported as errors.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs, once, a panic hook that stays silent for panics inside the PDF reader and hands
/// every other panic to the hook that was there before.
#[cfg(feature = "pdf")]
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Joins words a PDF's line ends broke with a hyphen ("gov-\nernment"), and lines of one
/// paragraph, so sentences are whole again. A blank line (a paragraph or page break) stays.
#[cfg(feature = "pdf")]
fn unhyphenate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            out.push_str("\n\n");
            continue;
        }
        if out.ends_with('-')
            && out[..out.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_lowercase)
            && line.chars().next().is_some_and(char::is_lowercase)
        {
            out.pop();
        } else if !out.is_empty() && !out.ends_with('\n') {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(all(test, feature = "pdf"))]
mod tests {
    use super::*;

    #[test]
    fn broken_words_and_lines_are_joined_and_paragraphs_kept() {
        let text = "The gov-\nernment said\nfive died.\n\nA new para-\nGraph";
        assert_eq!(
            unhyphenate(text),
            "The government said five died.\n\nA new para- Graph"
        );
    }

    #[test]
    fn a_damaged_pdf_is_an_error_not_a_panic() {
        let err = read(
            "x.pdf",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n",
        )
        .expect_err("damaged");
        assert!(err.to_string().contains("x.pdf"), "{err}");
        assert!(err.reason.contains("PDF"), "{}", err.reason);
    }
}
