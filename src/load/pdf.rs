//! PDF documents with a text layer, read with `pdf-extract`. A scanned PDF (pictures of pages, no
//! text) is refused with a message saying so; so is an encrypted one. The PDF reader can panic on
//! damaged files: a panic becomes an error naming the file, and its message is kept off the
//! terminal. The reader unpacks compressed streams without a limit, so a PDF whose streams unpack
//! past [`MAX_UNPACKED_BYTES`] together (a "PDF bomb") is refused before it is read.

#[cfg(feature = "pdf")]
use super::Why;
use super::{LoadError, Problem, Read};

/// The most a PDF's compressed streams may unpack to, all together. A text PDF of a few hundred
/// pages unpacks to a few megabytes; fonts and images add some, and are counted too.
pub const MAX_UNPACKED_BYTES: u64 = 256_000_000;

#[cfg(feature = "pdf")]
pub(super) fn read(path: &str, bytes: &[u8]) -> Read {
    read_within(path, bytes, MAX_UNPACKED_BYTES)
}

#[cfg(feature = "pdf")]
fn read_within(path: &str, bytes: &[u8], limit: u64) -> Read {
    if unpacked_size(bytes, limit) > limit {
        return Err(LoadError::new(
            path,
            Problem::OverLimit,
            format!(
                "PDF whose compressed streams unpack to more than {} MB (damaged, or built to \
                 exhaust memory)",
                limit / 1_000_000
            ),
        ));
    }
    let text = extract(bytes).map_err(|why| LoadError::at(path, why))?;
    let text = super::tidy_extracted(&unhyphenate(&text));
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 20 {
        return Err(LoadError::new(
            path,
            Problem::NoText,
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
        Problem::Unsupported,
        "PDF document: this build reads no PDFs (built without the `pdf` feature)",
    ))
}

/// The text of a PDF, or why it could not be read. Runs the reader with its panics caught.
#[cfg(feature = "pdf")]
fn extract(bytes: &[u8]) -> Result<String, Why> {
    quiet_panics();
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    QUIET.with(|q| q.set(false));
    match result {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(e)) => Err(match e.to_string() {
            s if s.to_ascii_lowercase().contains("encrypt") => Why::new(
                Problem::Unsupported,
                "encrypted PDF: save an unprotected copy first",
            ),
            s => Why::new(Problem::Damaged, format!("cannot read PDF ({s})")),
        }),
        Err(_) => Err(Why::new(
            Problem::Damaged,
            "cannot read PDF (damaged or unsupported file)",
        )),
    }
}

#[cfg(feature = "pdf")]
thread_local! {
    /// Set while this thread runs the PDF reader: its panics are caught and reported as errors.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// What the compressed streams of a PDF unpack to, together, counted up to a little past `limit`:
/// every stage of each stream's filters (Flate, LZW, ASCII85: those the reader applies), so a
/// stream compressed twice counts both. Streams are found by their `stream` keyword rather than
/// by parsing the file, so a damaged cross-reference table hides none.
#[cfg(feature = "pdf")]
fn unpacked_size(bytes: &[u8], limit: u64) -> u64 {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let start = at + found;
        let dict = &bytes[at..start];
        at = start + b"stream".len();
        if dict.ends_with(b"end") {
            continue;
        }
        let Some((data, len)) = stream_data(&bytes[at..]) else {
            continue;
        };
        // Past this stream's data, so each byte of the file is searched once.
        at += len;
        let mut input = data.to_vec();
        for filter in filters(dict) {
            let budget = limit.saturating_sub(total).saturating_add(1);
            input = filter.decode(&input, usize::try_from(budget).unwrap_or(usize::MAX));
            total += input.len() as u64;
            if total > limit {
                return total;
            }
        }
    }
    total
}

/// A stream's bytes, from the end of its `stream` line to its `endstream`, and how many bytes
/// after the keyword that is.
#[cfg(feature = "pdf")]
fn stream_data(after_keyword: &[u8]) -> Option<(&[u8], usize)> {
    let data = match after_keyword {
        [b'\r', b'\n', rest @ ..] | [b'\n', rest @ ..] | [b'\r', rest @ ..] => rest,
        _ => return None,
    };
    let len = find(data, b"endstream").unwrap_or(data.len());
    Some((&data[..len], after_keyword.len() - data.len() + len))
}

/// A filter the PDF reader unpacks.
#[cfg(feature = "pdf")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    Flate,
    Lzw,
    Ascii85,
}

/// The filters a stream's dictionary (the text before its `stream` keyword) names, in the order
/// they are applied.
#[cfg(feature = "pdf")]
fn filters(dict: &[u8]) -> Vec<Filter> {
    let dict = String::from_utf8_lossy(&dict[dict.len().saturating_sub(4096)..]);
    let Some(at) = dict.rfind("/Filter") else {
        return Vec::new();
    };
    let value = dict[at + "/Filter".len()..].trim_start();
    let value = match value.strip_prefix('[') {
        Some(list) => list.split(']').next().unwrap_or(list),
        None => value,
    };
    value
        .split('/')
        .skip(1)
        .map(|name| {
            name.split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("")
        })
        .take_while(|name| !name.is_empty())
        .filter_map(|name| match name {
            "FlateDecode" => Some(Filter::Flate),
            "LZWDecode" => Some(Filter::Lzw),
            "ASCII85Decode" => Some(Filter::Ascii85),
            _ => None,
        })
        .collect()
}

#[cfg(feature = "pdf")]
impl Filter {
    /// `input` unpacked, at most `cap` bytes of it; what unpacks before an error counts, as the
    /// reader keeps it too.
    fn decode(self, input: &[u8], cap: usize) -> Vec<u8> {
        let mut out = Capped(Vec::new(), cap);
        match self {
            Filter::Flate => {
                let _ = std::io::copy(&mut flate2::read::ZlibDecoder::new(input), &mut out);
                // The reader retries a stream with a bad zlib header as raw deflate.
                if out.0.is_empty() && input.len() > 2 {
                    let raw = &mut flate2::read::DeflateDecoder::new(&input[2..]);
                    let _ = std::io::copy(raw, &mut out);
                }
            }
            Filter::Lzw => {
                let mut decoder =
                    weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
                let _ = decoder.into_stream(&mut out).decode_all(input);
            }
            Filter::Ascii85 => out.0 = ascii85(input, cap),
        }
        out.0
    }
}

/// A writer that takes at most its cap, then fails.
#[cfg(feature = "pdf")]
struct Capped(Vec<u8>, usize);

#[cfg(feature = "pdf")]
impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = self.1.saturating_sub(self.0.len());
        if room == 0 {
            return Err(std::io::Error::other("over the limit"));
        }
        let n = buf.len().min(room);
        self.0.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// ASCII85 data decoded (`z` is four zero bytes, `~>` ends it), at most `cap` bytes.
#[cfg(feature = "pdf")]
fn ascii85(input: &[u8], cap: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut group = Vec::with_capacity(5);
    for &b in input {
        if out.len() >= cap || b == b'~' {
            break;
        }
        match b {
            b'z' if group.is_empty() => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => group.push(u32::from(b - b'!')),
            _ => continue,
        }
        if group.len() == 5 {
            let n = group
                .iter()
                .fold(0u32, |n, d| n.wrapping_mul(85).wrapping_add(*d));
            out.extend_from_slice(&n.to_be_bytes());
            group.clear();
        }
    }
    out.truncate(cap);
    out
}

#[cfg(feature = "pdf")]
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
    use std::io::Write as _;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).expect("compress");
        z.finish().expect("compress")
    }

    /// A PDF with one stream of `data` under the filters `filters` (as the dictionary names them).
    fn pdf_with_stream(filters: &str, data: &[u8]) -> Vec<u8> {
        let mut pdf = format!(
            "%PDF-1.4\n1 0 obj\n<< /Length {} /Filter {filters} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        pdf.extend_from_slice(data);
        pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        pdf
    }

    const MB: u64 = 1_000_000;

    #[test]
    fn a_pdf_whose_streams_unpack_past_the_limit_is_refused_before_it_is_read() {
        let zeros = vec![0u8; 3 * MB as usize];
        let bomb = pdf_with_stream("/FlateDecode", &zlib(&zeros));
        assert!(bomb.len() < 10_000, "compresses as a bomb does");
        let err = read_within("bomb.pdf", &bomb, MB).expect_err("refused");
        assert_eq!(err.problem, Problem::OverLimit);
        assert_eq!(
            err.to_string(),
            "PDF whose compressed streams unpack to more than 1 MB (damaged, or built to exhaust \
             memory): bomb.pdf"
        );
        // Under a limit it passes the count, and is read (and found to hold no text).
        assert_eq!(unpacked_size(&bomb, 10 * MB), 3 * MB);
        let err = read_within("bomb.pdf", &bomb, 10 * MB).expect_err("no text");
        assert_ne!(err.problem, Problem::OverLimit);
    }

    #[test]
    fn every_stage_of_a_chain_of_filters_counts() {
        let zeros = vec![0u8; 3 * MB as usize];
        let twice = pdf_with_stream("[/FlateDecode /FlateDecode]", &zlib(&zlib(&zeros)));
        assert!(unpacked_size(&twice, 10 * MB) > 3 * MB);
        assert!(unpacked_size(&twice, MB) > MB);
        // The name of the first filter alone would count only the small first stage.
        assert!(unpacked_size(&pdf_with_stream("/FlateDecode", &zlib(&zlib(&zeros))), MB) < MB);
    }

    #[test]
    fn lzw_and_ascii85_streams_are_counted() {
        let zeros = vec![0u8; 2 * MB as usize];
        let lzw = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
            .encode(&zeros)
            .expect("lzw");
        assert_eq!(
            unpacked_size(&pdf_with_stream("/LZWDecode", &lzw), 10 * MB),
            2 * MB
        );
        // "z" is four zero bytes; "~>" ends the data.
        assert_eq!(ascii85(b"zz~>zzz", 100), vec![0; 8]);
        assert_eq!(ascii85(b"87cURD]j7BEbo80~>", 100), b"Hello world!");
        assert_eq!(ascii85(b"zzzz", 6).len(), 6);
    }

    #[test]
    fn a_text_pdf_unpacks_to_little_and_a_file_of_stream_keywords_is_scanned_quickly() {
        let park = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/formats/park.pdf"
        ))
        .expect("fixture");
        assert!(unpacked_size(&park, MAX_UNPACKED_BYTES) < MB);
        // Each byte is searched once: a quadratic scan of this would not finish.
        let keywords = b"stream\n".repeat(300_000);
        assert_eq!(unpacked_size(&keywords, MB), 0);
    }

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
        assert_eq!(err.problem, Problem::Damaged);
    }
}
