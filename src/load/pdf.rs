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
                super::megabytes(limit)
            ),
        ));
    }
    let text = match HELPER.get() {
        Some(program) => extract_in_child(program, bytes),
        None => extract(bytes),
    }
    .map_err(|why| LoadError::at(path, why))?;
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
const NOT_BUILT: &str = "PDF document: this build reads no PDFs (built without the `pdf` feature)";

#[cfg(not(feature = "pdf"))]
pub(super) fn read(path: &str, _bytes: &[u8]) -> Read {
    Err(LoadError::new(path, Problem::Unsupported, NOT_BUILT))
}

/// The program that reads PDFs for this process, when one is set ([`read_pdfs_in_child`]).
#[cfg(feature = "pdf")]
static HELPER: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();

/// The argument that makes the program a PDF reader for its parent ([`helper_main`]).
pub const HELPER_ARG: &str = "--read-pdf-text-from-stdin";

/// The most memory (address space) the child process that reads one PDF may take (on Linux;
/// other systems do not enforce this limit).
pub const HELPER_MEMORY_BYTES: u64 = 1_000_000_000;

/// The most processor time the child process that reads one PDF may use. The reader gets through
/// a few megabytes of page content a second, so a 16 MB PDF of text needs well under this.
pub const HELPER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// The most text a PDF may give (the text of a 16 MB PDF of plain pages is a fraction of this).
pub const MAX_TEXT_BYTES: u64 = 64_000_000;

/// Makes this process read every PDF in a child process, `program` run with [`HELPER_ARG`],
/// under [`HELPER_MEMORY_BYTES`] and [`HELPER_TIMEOUT`]: a PDF that makes the reader exhaust
/// memory, recurse past its stack or loop then costs that child, not the comparison. `program`
/// must hand that argument to [`helper_main`] before anything else (the program's `main` does,
/// and names itself); a library caller that does not call this reads PDFs in its own process,
/// bounded by the scan before reading only.
pub fn read_pdfs_in_child(program: std::path::PathBuf) {
    #[cfg(feature = "pdf")]
    let _ = HELPER.set(program);
    #[cfg(not(feature = "pdf"))]
    let _ = program;
}

/// The child's side of [`read_pdfs_in_child`]: reads a PDF on standard input, writes its text on
/// standard output, or the kind of problem and the reason on standard error (exit status 2).
/// On Linux it limits its memory and processor time and dies with its parent.
pub fn helper_main() -> std::process::ExitCode {
    use std::io::{Read as _, Write as _};
    #[cfg(all(target_os = "linux", feature = "pdf"))]
    {
        use nix::sys::resource::{Resource, setrlimit};
        let cpu = HELPER_TIMEOUT.as_secs();
        let _ = setrlimit(
            Resource::RLIMIT_AS,
            HELPER_MEMORY_BYTES,
            HELPER_MEMORY_BYTES,
        );
        let _ = setrlimit(Resource::RLIMIT_CPU, cpu, cpu + 5);
        let _ = nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL);
    }
    let mut bytes = Vec::new();
    let read = match std::io::stdin().read_to_end(&mut bytes) {
        Err(e) => Err(super::Why::new(
            Problem::Unreadable,
            format!("cannot read the PDF from the parent ({e})"),
        )),
        Ok(_) => read_on_a_big_stack(bytes),
    };
    match read {
        Ok(text) => {
            let _ = std::io::stdout().write_all(text.as_bytes());
            std::process::ExitCode::SUCCESS
        }
        Err(why) => {
            let kind = if why.problem == Problem::Unsupported {
                "unsupported"
            } else {
                "damaged"
            };
            let _ = write!(std::io::stderr(), "{kind}\t{}", why.reason);
            std::process::ExitCode::from(2)
        }
    }
}

/// Extracts on a thread with the stack of a compare's worker threads, as an in-process read has.
fn read_on_a_big_stack(bytes: Vec<u8>) -> Result<String, super::Why> {
    #[cfg(feature = "pdf")]
    {
        std::thread::Builder::new()
            .stack_size(crate::pipeline::COMPARE_STACK_BYTES)
            .spawn(move || extract(&bytes))
            .map_err(|e| Why::new(Problem::Unreadable, format!("cannot start ({e})")))?
            .join()
            .unwrap_or_else(|_| {
                Err(Why::new(
                    Problem::Damaged,
                    "cannot read PDF (damaged or unsupported file)",
                ))
            })
    }
    #[cfg(not(feature = "pdf"))]
    {
        let _ = bytes;
        Err(super::Why::new(Problem::Unsupported, NOT_BUILT))
    }
}

/// The text of a PDF read by a child process ([`read_pdfs_in_child`]).
#[cfg(feature = "pdf")]
fn extract_in_child(program: &std::path::Path, bytes: &[u8]) -> Result<String, Why> {
    use std::io::{Read as _, Write as _};
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .arg(HELPER_ARG)
        // The allocator reserves 1 GiB of address space at a time by default, all the child's
        // limit ([`HELPER_MEMORY_BYTES`]): it reserves 64 MiB at a time there instead.
        .env("MIMALLOC_ARENA_RESERVE", "65536")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Why::new(
                Problem::Unreadable,
                format!("cannot start the PDF reader ({e})"),
            )
        })?;
    // Input and output go through threads of their own, so that a full pipe blocks no one.
    let (stdin, stdout, stderr) = (child.stdin.take(), child.stdout.take(), child.stderr.take());
    let (status, out, err) = std::thread::scope(|scope| {
        if let Some(mut stdin) = stdin {
            scope.spawn(move || {
                let _ = stdin.write_all(bytes);
            });
        }
        // One byte past the limit tells a text over it from one that just fits.
        let drain = |pipe: Option<Box<dyn std::io::Read + Send>>, limit: u64| {
            scope.spawn(move || {
                let mut out = Vec::new();
                if let Some(p) = pipe {
                    let _ = p.take(limit + 1).read_to_end(&mut out);
                }
                out
            })
        };
        let out = drain(stdout.map(|p| Box::new(p) as _), MAX_TEXT_BYTES);
        let err = drain(stderr.map(|p| Box::new(p) as _), 4096);
        let status = wait_within(&mut child, HELPER_TIMEOUT * 2);
        (
            status,
            out.join().unwrap_or_default(),
            err.join().unwrap_or_default(),
        )
    });
    child_result(status, out, &err)
}

/// Waits for `child` to end, and kills it past `limit` of time on the clock (`None`): the child
/// limits its processor time itself, this is the bound when it waits on nothing.
#[cfg(feature = "pdf")]
fn wait_within(
    child: &mut std::process::Child,
    limit: std::time::Duration,
) -> Option<std::process::ExitStatus> {
    let started = std::time::Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if started.elapsed() < limit => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// What the child's end says of the PDF.
#[cfg(feature = "pdf")]
fn child_result(
    status: Option<std::process::ExitStatus>,
    out: Vec<u8>,
    err: &[u8],
) -> Result<String, Why> {
    let too_long = || {
        Why::new(
            Problem::OverLimit,
            format!(
                "reading the PDF did not finish within {} s (damaged, or built to never end)",
                HELPER_TIMEOUT.as_secs()
            ),
        )
    };
    let Some(status) = status else {
        return Err(too_long());
    };
    if status.success() {
        if out.len() as u64 > MAX_TEXT_BYTES {
            return Err(Why::new(
                Problem::OverLimit,
                format!(
                    "PDF with more than {} MB of text",
                    super::megabytes(MAX_TEXT_BYTES)
                ),
            ));
        }
        return Ok(String::from_utf8_lossy(&out).into_owned());
    }
    if status.code() == Some(2) {
        let err = String::from_utf8_lossy(err);
        return Err(match err.split_once('\t') {
            Some(("unsupported", reason)) => Why::new(Problem::Unsupported, reason),
            Some((_, reason)) => Why::new(Problem::Damaged, reason),
            None => Why::new(
                Problem::Damaged,
                "cannot read PDF (damaged or unsupported file)",
            ),
        });
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        // SIGXCPU: the processor-time limit; SIGKILL: past its hard limit, or killed.
        if matches!(status.signal(), Some(24 | 9)) {
            return Err(too_long());
        }
    }
    Err(Why::new(
        Problem::Damaged,
        "the PDF reader ran out of memory or crashed on this file (damaged, or built to \
         exhaust memory)",
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
        // Each stage but the last is kept, as the next one's input; the last is only counted.
        let chain = filters(dict);
        let mut input = std::borrow::Cow::Borrowed(data);
        for (k, filter) in chain.iter().enumerate() {
            let budget = limit.saturating_sub(total).saturating_add(1);
            let cap = usize::try_from(budget).unwrap_or(usize::MAX);
            let (out, n) = filter.decode(&input, cap, k + 1 < chain.len());
            total += n as u64;
            if total > limit {
                return total;
            }
            input = std::borrow::Cow::Owned(out);
        }
    }
    total
}

/// A stream's bytes, from the end of its `stream` line to its `endstream`, and how many bytes
/// after the keyword that is.
#[cfg(feature = "pdf")]
fn stream_data(after_keyword: &[u8]) -> Option<(&[u8], usize)> {
    // Spaces may stand between the keyword and the line end, as the reader allows.
    let spaces = after_keyword
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let data = match &after_keyword[spaces..] {
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
    /// LZW, with its `EarlyChange` (the default) or without.
    Lzw {
        early_change: bool,
    },
    Ascii85,
}

/// The filters a stream's dictionary (the text before its `stream` keyword) names, in the order
/// they are applied, up to the first the reader does not apply (it stops there).
#[cfg(feature = "pdf")]
fn filters(dict: &[u8]) -> Vec<Filter> {
    let dict = unescape_names(&String::from_utf8_lossy(
        &dict[dict.len().saturating_sub(4096)..],
    ));
    let early_change = !dict.contains("/EarlyChange 0");
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
        .map_while(|name| match name {
            "FlateDecode" => Some(Filter::Flate),
            "LZWDecode" => Some(Filter::Lzw { early_change }),
            "ASCII85Decode" => Some(Filter::Ascii85),
            _ => None,
        })
        .collect()
}

/// A PDF name's `#xx` escapes decoded (`/Fl#61teDecode` is `/FlateDecode`).
#[cfg(feature = "pdf")]
fn unescape_names(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let hex = rest
            .get(at + 1..at + 3)
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) if b.is_ascii() => {
                out.push(char::from(b));
                rest = &rest[at + 3..];
            }
            _ => {
                out.push('#');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(feature = "pdf")]
impl Filter {
    /// `input` unpacked, at most `cap` bytes of it, and how many bytes that is; what unpacks
    /// before an error counts, as the reader keeps it too. Unless `keep`, the bytes are only
    /// counted, not kept.
    fn decode(self, input: &[u8], cap: usize, keep: bool) -> (Vec<u8>, usize) {
        let mut out = Capped {
            kept: Vec::new(),
            count: 0,
            cap,
            keep,
        };
        match self {
            Filter::Flate => {
                let _ = std::io::copy(&mut flate2::read::ZlibDecoder::new(input), &mut out);
                // The reader retries a stream with a bad zlib header as raw deflate.
                if out.count == 0 && input.len() > 2 {
                    let raw = &mut flate2::read::DeflateDecoder::new(&input[2..]);
                    let _ = std::io::copy(raw, &mut out);
                }
            }
            Filter::Lzw { early_change } => {
                let mut decoder = if early_change {
                    weezl::decode::Decoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8)
                } else {
                    weezl::decode::Decoder::new(weezl::BitOrder::Msb, 8)
                };
                let _ = decoder.into_stream(&mut out).decode_all(input);
            }
            Filter::Ascii85 => {
                let bytes = ascii85(input, cap);
                return (bytes.clone(), bytes.len());
            }
        }
        (out.kept, out.count)
    }
}

/// A writer that takes at most its cap, then fails; it keeps what it takes only when asked to.
#[cfg(feature = "pdf")]
struct Capped {
    kept: Vec<u8>,
    count: usize,
    cap: usize,
    keep: bool,
}

#[cfg(feature = "pdf")]
impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = self.cap.saturating_sub(self.count);
        if room == 0 {
            return Err(std::io::Error::other("over the limit"));
        }
        let n = buf.len().min(room);
        if self.keep {
            self.kept.extend_from_slice(&buf[..n]);
        }
        self.count += n;
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
    fn spaces_after_the_keyword_and_escaped_names_hide_no_stream() {
        let zeros = vec![0u8; 3 * MB as usize];
        let spaced = pdf_with_stream("/FlateDecode", &zlib(&zeros));
        let at = find(&spaced, b"stream\n").expect("keyword");
        let mut spaced_out = spaced[..at + 6].to_vec();
        spaced_out.extend_from_slice(b"  ");
        spaced_out.extend_from_slice(&spaced[at + 6..]);
        assert_eq!(unpacked_size(&spaced_out, 10 * MB), 3 * MB);
        let escaped = pdf_with_stream("/Fl#61teDecode", &zlib(&zeros));
        assert_eq!(unpacked_size(&escaped, 10 * MB), 3 * MB);
    }

    #[cfg(unix)]
    #[test]
    fn how_the_child_ended_says_what_is_wrong_with_the_pdf() {
        use std::os::unix::process::ExitStatusExt;
        let exited = |code: i32| Some(std::process::ExitStatus::from_raw(code << 8));
        let signalled = |signal: i32| Some(std::process::ExitStatus::from_raw(signal));
        assert_eq!(
            child_result(exited(0), b"Text.".to_vec(), b""),
            Ok("Text.".into())
        );
        let long = vec![b'a'; MAX_TEXT_BYTES as usize + 1];
        let err = child_result(exited(0), long, b"").expect_err("over the limit");
        assert_eq!(err.problem, Problem::OverLimit);
        let err = child_result(
            exited(2),
            Vec::new(),
            b"unsupported\tencrypted PDF: save first",
        )
        .expect_err("refused");
        assert_eq!(
            err,
            Why::new(Problem::Unsupported, "encrypted PDF: save first")
        );
        // Out of processor time (SIGXCPU), killed (SIGKILL), or still running past the clock.
        for status in [signalled(24), signalled(9), None] {
            let err = child_result(status, Vec::new(), b"").expect_err("too long");
            assert!(
                err.reason.starts_with("reading the PDF did not finish"),
                "{err}"
            );
        }
        // Aborted (out of memory, or the stack overflowed).
        let err = child_result(signalled(6), Vec::new(), b"").expect_err("crashed");
        assert_eq!(err.problem, Problem::Damaged);
        assert!(err.reason.contains("ran out of memory or crashed"), "{err}");
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
        // Each byte is searched once: a scan that looked for each `stream`'s `endstream` from
        // the keyword on would read the rest of this file 300,000 times over.
        let mut keywords = b"stream\n".repeat(300_000);
        keywords.extend_from_slice(b"endstream\n");
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
