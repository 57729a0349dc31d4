//! Bad input, as a user gives it: every case gets a clear outcome — compared (with a warning when
//! the input was repaired or only partly used) or refused with a message naming the file — and
//! never a panic or a hang. Big inputs are generated in a temporary folder at test time.
//! docs/bad-input.md lists these cases and what the tool does in each.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use crosscheck::model::{Comparison, Document};

/// A compare that takes longer than this has hung or gone quadratic; the inputs below take a few
/// seconds at most in a debug build (timings in docs/bad-input.md).
const HANG: Duration = Duration::from_secs(20);

fn run(args: &[&str]) -> Output {
    run_bounded(Command::new(env!("CARGO_BIN_EXE_crosscheck")).args(args))
}

/// Runs a command to its end, or kills it once it has run for [`HANG`] and fails: a hang fails
/// the test instead of stopping the whole run.
fn run_bounded(cmd: &mut Command) -> Output {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut v = Vec::new();
            let _ = r.read_to_end(&mut v);
            v
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("still running after {HANG:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().expect("stdout"),
        stderr: err.join().expect("stderr"),
    }
}

/// `crosscheck report FILE...` with a hang guard; returns the output and how long it took.
fn report(files: &[&Path]) -> (Output, Duration) {
    let mut args = vec!["report"];
    args.extend(files.iter().map(|p| s(p)));
    let t = Instant::now();
    let o = run(&args);
    let took = t.elapsed();
    assert!(took < HANG, "took {took:?}: {}", stderr(&o));
    assert_ne!(o.status.code(), Some(101), "panic: {}", stderr(&o));
    (o, took)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn parse(o: &Output) -> Comparison {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("stdout is not a report: {e}"))
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// Compared: exit 0, one document, returned with the report.
fn compared_alone(path: &Path) -> (Comparison, Output) {
    let (o, _) = report(&[path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cmp = parse(&o);
    assert_eq!(cmp.documents.len(), 1);
    (cmp, o)
}

/// Refused: exit 2, `error: <reason>: <path>` on standard error, no report.
fn refused_alone(path: &Path, reason: &str) {
    let (o, _) = report(&[path]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let line = format!("error: {reason}: {}", s(path));
    assert!(
        stderr(&o).contains(&line),
        "want {line:?} in {}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

fn warning_for<'a>(cmp: &'a Comparison, path: &Path) -> Vec<&'a str> {
    cmp.warnings
        .iter()
        .filter(|w| w.path.as_deref() == Some(s(path)))
        .map(|w| w.message.as_str())
        .collect()
}

/// Every passage is its span of the text, on char boundaries, trimmed and not empty.
fn spans_hold(d: &Document) {
    for p in &d.passages {
        assert!(d.text.is_char_boundary(p.start) && d.text.is_char_boundary(p.end));
        assert_eq!(p.text, d.text[p.start..p.end]);
        assert!(
            !p.text.is_empty() && p.text == p.text.trim(),
            "{:?}",
            p.text
        );
        for f in &p.facts {
            assert!(d.text.is_char_boundary(f.start) && d.text.is_char_boundary(f.end));
            assert_eq!(f.text, d.text[f.start..f.end]);
        }
    }
}

const ARTICLE: &str = "The city council voted 7 to 2 on Thursday to approve the river park. \
Work starts in March and will cost 4.2 million euros, the mayor said.\n";

// ---- Empty and near-empty ----

#[test]
fn empty_and_whitespace_only_files_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let reason = "no text in file (empty or whitespace only)";
    refused_alone(&write(dir.path(), "empty.txt", ""), reason);
    refused_alone(&write(dir.path(), "blank.txt", " \n\t\r\n  \n"), reason);
    refused_alone(&write(dir.path(), "blank.md", "\n\n   \n"), reason);
}

#[test]
fn only_boilerplate_is_kept_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "furniture.txt",
        "Please enter your comment!\nShare\n0:00\nAdvertisement\n",
    );
    let (cmp, _) = compared_alone(&p);
    assert!(cmp.documents[0].passages.iter().all(|p| p.boilerplate));
    assert!(
        warning_for(&cmp, &p)
            .iter()
            .any(|w| w.starts_with("nothing but boilerplate")),
        "{:?}",
        cmp.warnings
    );
}

#[test]
fn a_single_word_and_text_without_punctuation_are_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let word = write(dir.path(), "word.txt", "Hello");
    let (cmp, _) = compared_alone(&word);
    let texts: Vec<&str> = cmp.documents[0]
        .passages
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts, ["Hello"]);

    let flat = "the mayor said the bridge would open next spring two years late and critics \
                were not surprised at all by the delay";
    let p = write(dir.path(), "flat.txt", flat);
    let (cmp, _) = compared_alone(&p);
    assert_eq!(cmp.documents[0].text, flat);
    assert_eq!(cmp.documents[0].passages.len(), 1);
    spans_hold(&cmp.documents[0]);
}

// ---- Binary data and encodings ----

#[test]
fn binary_files_renamed_to_txt_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..=255u8).cycle().take(2000));
    refused_alone(
        &write(dir.path(), "photo.txt", png),
        "binary data (PNG image), not text",
    );
    let mut zip = b"PK\x03\x04\x14\0\0\0\x08\0".to_vec();
    zip.extend((0..=255u8).rev().cycle().take(2000));
    refused_alone(
        &write(dir.path(), "archive.txt", zip),
        "binary data (ZIP archive that cannot be opened), not text",
    );
    // No known signature, but mostly control bytes.
    let noise: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 32) as u8).collect();
    refused_alone(
        &write(dir.path(), "noise.txt", noise),
        "binary data (control characters), not text",
    );
}

#[test]
fn a_nul_byte_is_removed_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "nul.txt",
        b"The mayor resigned on Friday.\0 The council met.\n",
    );
    let (cmp, _) = compared_alone(&p);
    assert_eq!(
        cmp.documents[0].text,
        "The mayor resigned on Friday. The council met.\n"
    );
    assert_eq!(warning_for(&cmp, &p), ["removed NUL bytes"]);
}

#[test]
fn damaged_utf8_stays_utf8_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = "Le café a fermé à Zürich ; la météo était très mauvaise. "
        .as_bytes()
        .to_vec();
    bytes.extend(b"Un octet ab\xe9m\xff ici.\n");
    let p = write(dir.path(), "damaged.txt", bytes);
    let (cmp, _) = compared_alone(&p);
    let d = &cmp.documents[0];
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.text.starts_with("Le café a fermé à Zürich"), "{}", d.text);
    assert!(d.text.contains("ab\u{fffd}m\u{fffd} ici."), "{}", d.text);
    assert_eq!(
        warning_for(&cmp, &p),
        ["replaced 2 invalid UTF-8 sequences (shown as \u{fffd})"]
    );
}

#[test]
fn utf16_with_and_without_bom_is_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "The café owner in Zürich said the mayor resigned on Friday.\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let cases = [
        ("le.txt", le.clone(), "UTF-16LE"),
        ("be.txt", be.clone(), "UTF-16BE"),
        ("le_bom.txt", [&[0xff, 0xfe][..], &le].concat(), "UTF-16LE"),
        ("be_bom.txt", [&[0xfe, 0xff][..], &be].concat(), "UTF-16BE"),
    ];
    for (name, bytes, encoding) in cases {
        let p = write(dir.path(), name, bytes);
        let (cmp, _) = compared_alone(&p);
        assert_eq!(cmp.documents[0].encoding, encoding, "{name}");
        assert_eq!(cmp.documents[0].text, text, "{name}");
        assert!(
            warning_for(&cmp, &p).is_empty(),
            "{name}: {:?}",
            cmp.warnings
        );
    }
}

#[test]
fn windows_1252_and_latin_1_are_decoded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cp = write(
        dir.path(),
        "cp1252.txt",
        b"The caf\xe9 said \x93hello\x94 to na\xefve visitors \x96 on Friday.\r\n",
    );
    let (cmp, _) = compared_alone(&cp);
    assert_eq!(cmp.documents[0].encoding, "windows-1252");
    assert_eq!(
        cmp.documents[0].text,
        "The café said “hello” to naïve visitors – on Friday.\n"
    );
    // Latin-1 is read as its superset windows-1252 (as browsers do).
    let latin1: Vec<u8> = "Le café a fermé ses portes à Zürich, où la météo était très mauvaise."
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("latin-1"))
        .collect();
    let p = write(dir.path(), "latin1.txt", latin1);
    let (cmp, _) = compared_alone(&p);
    assert_eq!(cmp.documents[0].encoding, "windows-1252");
    assert_eq!(
        cmp.documents[0].text,
        "Le café a fermé ses portes à Zürich, où la météo était très mauvaise."
    );
}

#[test]
fn mixed_line_endings_are_normalized() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "mixed.txt",
        "Quake hits the coast\r\nA strong earthquake struck on Monday.\rNo deaths were reported.\n\r\nRescuers arrived.\r\n",
    );
    let (cmp, _) = compared_alone(&p);
    let d = &cmp.documents[0];
    assert_eq!(
        d.text,
        "Quake hits the coast\nA strong earthquake struck on Monday.\nNo deaths were reported.\n\nRescuers arrived.\n"
    );
    let texts: Vec<&str> = d.passages.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Quake hits the coast",
            "A strong earthquake struck on Monday.",
            "No deaths were reported.",
            "Rescuers arrived."
        ]
    );
}

// ---- Size ----

#[test]
fn a_50_mb_file_is_refused_naming_the_limit_and_how_to_raise_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("big.txt");
    let f = std::fs::File::create(&p).expect("create");
    f.set_len(50_000_000).expect("size"); // the size is all the check reads
    let (o, took) = report(&[p.as_path()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let line = format!(
        "error: file is 50 MB, over the 16 MB limit (raise it with --max-file-size): {}",
        s(&p)
    );
    assert!(stderr(&o).contains(&line), "{}", stderr(&o));
    assert!(took < Duration::from_secs(5), "{took:?}");
    // The limit is the option's: a smaller one refuses a small file, with its own figure.
    // 2,345,678 bytes: "2.4 MB", to one decimal and rounded up.
    let small = write(
        dir.path(),
        "small.txt",
        &ARTICLE.repeat(20_000).as_bytes()[..2_345_678],
    );
    let o = run(&["report", "--max-file-size", "1", s(&small)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!(
            "error: file is 2.4 MB, over the 1 MB limit (raise it with --max-file-size): {}",
            s(&small)
        )),
        "{}",
        stderr(&o)
    );
}

/// Random sentences from a small vocabulary: the worst case for alignment, where every
/// sentence shares words with every other.
fn random_sentences(bytes: usize, paragraph_every: usize) -> String {
    const WORDS: &[&str] = &[
        "council", "mayor", "bridge", "river", "park", "voted", "Thursday", "million", "euros",
        "the", "said", "workers", "harbor", "strike", "talks", "police", "minister", "budget",
        "school", "report", "opened", "closed", "spring", "delay", "critics", "plan", "city",
    ];
    let mut seed = 12345u64;
    let mut out = String::new();
    let mut n = 0;
    while out.len() < bytes {
        let len = 8 + (seed % 15) as usize;
        for k in 0..len {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let w = WORDS[(seed >> 33) as usize % WORDS.len()];
            if k == 0 {
                out.push_str(&w[..1].to_uppercase());
                out.push_str(&w[1..]);
            } else {
                out.push(' ');
                out.push_str(w);
            }
        }
        out.push('.');
        n += 1;
        out.push_str(if n % paragraph_every == 0 {
            "\n\n"
        } else {
            " "
        });
    }
    out
}

#[test]
fn a_200000_character_paragraph_is_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    // With sentence ends: ~1,800 sentences in one paragraph.
    let mut text = random_sentences(200_000, usize::MAX);
    text.truncate(text.trim_end().len());
    let p = write(dir.path(), "paragraph.txt", &text);
    let (cmp, _) = compared_alone(&p);
    let d = &cmp.documents[0];
    assert_eq!(d.text, text);
    assert!(d.passages.len() > 1000);
    spans_hold(d);
    assert!(
        warning_for(&cmp, &p)
            .iter()
            .any(|w| w.contains("paragraph longer than 10000 characters")),
        "{:?}",
        cmp.warnings
    );
    // Without any sentence end or line break: cut at spaces every 3,000 bytes, with a warning.
    let flat: String = (0..200_000 / 8)
        .map(|i| format!("w{:06} ", i % 99_991))
        .collect();
    let p = write(dir.path(), "flat.txt", &flat);
    let (cmp, _) = compared_alone(&p);
    let d = &cmp.documents[0];
    assert!(d.passages.len() >= 200_000 / 3_000);
    assert!(d.passages.iter().all(|p| p.text.len() <= 3_000));
    spans_hold(d);
    assert!(
        warning_for(&cmp, &p)
            .iter()
            .any(|w| w.starts_with("1 over-long sentence")),
        "{:?}",
        cmp.warnings
    );
}

#[test]
fn ten_thousand_one_word_lines_are_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Capitalized: each line is its own passage; past 5,000 they are left out, with a warning,
    // and joined into passages of up to 3,000 bytes (about 300 of these lines each).
    let lines: String = (0..10_000).map(|i| format!("Word{i}\n")).collect();
    let p = write(dir.path(), "lines.txt", &lines);
    let (cmp, _) = compared_alone(&p);
    let d = &cmp.documents[0];
    let is_left_out = |p: &&crosscheck::model::Passage| {
        p.boilerplate_reason
            .as_deref()
            .is_some_and(|r| r.starts_with("left out"))
    };
    let (left_out, aligned): (Vec<_>, Vec<_>) = d.passages.iter().partition(is_left_out);
    assert_eq!(aligned.len(), 5_000);
    assert!(aligned.iter().all(|p| !p.text.contains('\n')));
    assert!(
        (5_000 * 9 / 3_000..=5_000 * 10 / 2_000).contains(&left_out.len()),
        "{}",
        left_out.len()
    );
    assert!(left_out.iter().all(|p| p.text.len() <= 3_000));
    assert_eq!(left_out[0].text.lines().next(), Some("Word5000"));
    assert_eq!(
        left_out.last().and_then(|p| p.text.lines().last()),
        Some("Word9999")
    );
    assert!(
        warning_for(&cmp, &p).iter().any(|w| w
            .starts_with("very long source (10000 sentences): only the first 5000 are aligned")),
        "{:?}",
        cmp.warnings
    );
    // Lowercase: read as one wrapped run of text, cut into pieces of at most 3,000 bytes.
    let lines: String = (0..10_000).map(|i| format!("word{i}\n")).collect();
    let p = write(dir.path(), "lower.txt", &lines);
    let (cmp, _) = compared_alone(&p);
    let d = &cmp.documents[0];
    assert!(d.passages.iter().all(|p| p.text.len() <= 3_000));
    assert_eq!(d.text, lines);
    spans_hold(d);
}

#[test]
fn a_book_length_source_is_aligned_in_part_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "book_a.txt", random_sentences(700_000, 4));
    let b = write(dir.path(), "book_b.txt", random_sentences(100_000, 5));
    let (o, _) = report(&[a.as_path(), b.as_path()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cmp = parse(&o);
    assert!(
        warning_for(&cmp, &a)
            .iter()
            .any(|w| w.starts_with("very long source (")),
        "{:?}",
        cmp.warnings
    );
    for d in &cmp.documents {
        spans_hold(d);
    }
}

// ---- HTML ----

#[test]
fn broken_html_still_gives_its_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Unclosed paragraphs and divs, a stray closing tag, unquoted attributes, no </body></html>.
    let html = "<html><head><title>Park vote</title></head><body><div class=x><p>The city \
        council voted 7 to 2 on Thursday to approve the river park.</span><p>Work starts in \
        March &amp; will cost 4.2&nbsp;million euros, the mayor said.<div><p>Critics were not \
        surprised";
    let p = write(dir.path(), "broken.html", html);
    let (cmp, _) = compared_alone(&p);
    let d = &cmp.documents[0];
    assert_eq!(d.kind, "html");
    assert!(
        d.text.contains("The city council voted 7 to 2 on Thursday"),
        "{}",
        d.text
    );
    assert!(
        d.text.contains("March & will cost 4.2 million euros"),
        "{}",
        d.text
    );
    assert!(d.text.contains("Critics were not surprised"), "{}", d.text);
    assert!(!d.text.contains('<'), "{}", d.text);
    spans_hold(d);
}

#[test]
fn an_html_page_where_the_extractor_finds_no_article_keeps_its_visible_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Only page furniture (an aside, a footer), which the extractor throws away.
    let html = "<html><body><aside>The mayor resigned on Friday.</aside>\
        <footer>Critics cheered.</footer></body></html>";
    let p = write(dir.path(), "short.html", html);
    let (cmp, _) = compared_alone(&p);
    assert_eq!(
        cmp.documents[0].text,
        "The mayor resigned on Friday.\n\nCritics cheered."
    );
    assert_eq!(
        warning_for(&cmp, &p),
        ["no article found in the HTML page; kept all of its visible text"]
    );
}

#[test]
fn script_only_html_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let html = "<!DOCTYPE html><html><head><script>var story = \"The mayor resigned.\";</script>\
        <style>p { color: red }</style></head><body><script src=app.js></script>\
        <noscript>Enable JavaScript</noscript><div id=root></div></body></html>";
    refused_alone(
        &write(dir.path(), "app.html", html),
        "no text in HTML page (only scripts, styles or markup)",
    );
}

#[test]
fn a_10_mb_page_with_one_short_article_gives_the_article() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut page = String::from(
        "<!DOCTYPE html><html><head><title>Council approves river park</title><style>",
    );
    for i in 0..20_000 {
        page.push_str(&format!(".c{i}{{margin:{}px}}\n", i % 20));
    }
    page.push_str("</style><script>window.__DATA__={\"items\":[");
    let mut i = 0;
    while page.len() < 10_100_000 {
        page.push_str(&format!(
            "{{\"id\":{i},\"title\":\"Story {i} about something else\"}},"
        ));
        i += 1;
    }
    page.push_str("{}]};</script></head><body><nav><ul>");
    for i in 0..200 {
        page.push_str(&format!("<li><a href=\"/s{i}\">Section {i}</a></li>"));
    }
    page.push_str(
        "</ul></nav><main><article><h1>Council approves river park</h1><p>The city council \
         voted 7 to 2 on Thursday to approve the river park, after a long debate about housing \
         on the site and the cost of the new bridge.</p><p>\"We needed homes more than lawns,\" \
         said Peter Lindqvist, who voted against the plan. The park will open in the spring of \
         2024, the mayor said.</p><p>Work on the riverbank starts in March and will cost 4.2 \
         million euros, according to the city budget office.</p></article></main></body></html>",
    );
    assert!(page.len() > 10_000_000);
    let p = write(dir.path(), "page.html", &page);
    let (cmp, took) = compared_alone(&p);
    println!("10 MB page: {took:?}");
    let d = &cmp.documents[0];
    assert_eq!(d.title, "Council approves river park");
    assert!(d.text.contains("voted 7 to 2 on Thursday"), "{}", d.text);
    assert!(d.text.contains("4.2 million euros"), "{}", d.text);
    for junk in ["__DATA__", "Story 1 about", "margin", "Section 3"] {
        assert!(!d.text.contains(junk), "{junk} leaked into the article");
    }
}

// ---- Paths ----

#[test]
fn the_same_file_under_two_spellings_is_compared_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    let a = write(dir.path(), "a.txt", ARTICLE);
    let again = dir.path().join("sub/../a.txt");
    let (o, _) = report(&[a.as_path(), again.as_path()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "warning: {}: given more than once; compared once",
            s(&again)
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(parse(&o).documents.len(), 1);
}

#[test]
fn a_folder_without_articles_and_a_missing_path_are_named_and_the_rest_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", ARTICLE);
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("folder");
    write(&empty, "notes.log", "not an article");
    let missing = dir.path().join("gone.txt");
    let (o, _) = report(&[empty.as_path(), a.as_path(), missing.as_path()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: folder holds no article files (.txt, .text, .md, .markdown, .html, .htm, \
             .xhtml, .mhtml, .mht, .docx, .odt, .pdf): {}",
            s(&empty)
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: no such file: {}", s(&missing))),
        "{err}"
    );
    let cmp = parse(&o);
    assert_eq!(cmp.documents.len(), 1);
    assert_eq!(warning_for(&cmp, &missing), ["no such file"]);
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|st| {
        st.lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|ids| ids.split_whitespace().nth(1))
            == Some("0")
    })
}

#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", ARTICLE);
    // Root reads any file whatever its mode; a chmod 000 file is only a test when not root.
    if running_as_root() {
        println!("skipped the chmod 000 case: running as root, which reads any file");
    } else {
        let locked = write(dir.path(), "locked.txt", ARTICLE);
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        let (o, _) = report(&[a.as_path(), locked.as_path()]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let line = format!("error: permission denied: {}", s(&locked));
        assert!(stderr(&o).contains(&line), "{}", stderr(&o));
    }
    // Write-only /proc/sys entries refuse reading with EACCES even to root: the same
    // open-fails-with-permission-denied path, whoever runs the test.
    let write_only = ["/proc/sys/vm/compact_memory", "/proc/sys/vm/drop_caches"]
        .into_iter()
        .map(Path::new)
        .find(|p| {
            std::fs::File::open(p).is_err_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied)
        });
    let Some(write_only) = write_only else {
        println!("skipped the /proc/sys case: no write-only entry refuses reading here");
        return;
    };
    let (o, _) = report(&[a.as_path(), write_only]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let line = format!("error: permission denied: {}", s(write_only));
    assert!(stderr(&o).contains(&line), "{}", stderr(&o));
    assert_eq!(parse(&o).documents.len(), 1);
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", ARTICLE);
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let reason = "not a regular file (a pipe, device or socket), not an article file";
    if made.is_ok_and(|st| st.success()) {
        // Reading a FIFO with no writer blocks forever: the hang guard in `report` catches it.
        let (o, _) = report(&[a.as_path(), fifo.as_path()]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("error: {reason}: {}", s(&fifo))),
            "{}",
            stderr(&o)
        );
    } else {
        println!("skipped the FIFO case: mkfifo is not available");
    }
    // /dev/zero never ends: reading it would fill the memory.
    let zero = Path::new("/dev/zero");
    let (o, _) = report(&[a.as_path(), zero]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("error: {reason}: /dev/zero")),
        "{}",
        stderr(&o)
    );
    // The library refuses them too.
    let err = crosscheck::load::load_file(zero, 1_000_000).expect_err("refused");
    assert_eq!(err.to_string(), format!("{reason}: /dev/zero"));
}

#[test]
fn a_path_with_spaces_and_non_ascii_characters_is_read_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("dossier été 2024");
    std::fs::create_dir(&sub).expect("mkdir");
    let p = write(&sub, "naïve ărticle 文 .txt", ARTICLE);
    let (cmp, _) = compared_alone(&p);
    assert_eq!(cmp.documents[0].path, s(&p));
    let missing = sub.join("пропал файл.txt");
    let (o, _) = report(&[p.as_path(), missing.as_path()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("error: no such file: {}", s(&missing))),
        "{}",
        stderr(&o)
    );
}

/// `n` short, distinct articles: each names its own person, place and figures.
fn many_articles(dir: &Path, n: usize) -> Vec<PathBuf> {
    const PLACES: &[&str] = &["harbor", "bridge", "school", "market", "library", "station"];
    (0..n)
        .map(|i| {
            write(
                dir,
                &format!("a{i:04}.txt"),
                format!(
                    "Mayor Name{i} opened the {} number {i} on day {} of the month. The work \
                     cost {} euros, officials said.\n",
                    PLACES[i % PLACES.len()],
                    i % 28 + 1,
                    1_000 + i * 7
                ),
            )
        })
        .collect()
}

#[test]
fn a_thousand_files_in_one_call() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = many_articles(dir.path(), 1_000);
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let (o, took) = report(&refs);
    println!("1,000 files: {took:?}");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cmp = parse(&o);
    assert_eq!(cmp.documents.len(), 1_000);
    assert_eq!(cmp.documents[999].path, s(&files[999]));
}

// ---- Scripts and Unicode ----

#[test]
fn other_scripts_emoji_combining_accents_and_rtl_text_stay_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let texts = [
        (
            "zh.txt",
            "北京市政府周五宣布，新桥将于明年春天开放。批评者对此并不感到意外。\n",
        ),
        (
            "ar.txt",
            "أعلن رئيس البلدية يوم الجمعة استقالته بعد نزاع طويل مع المجلس. ولم يفاجأ المنتقدون.\n",
        ),
        (
            "ru.txt",
            "Мэр города в пятницу объявил об отставке после долгого спора с советом. Критики не удивились.\n",
        ),
        (
            "emoji.txt",
            "The mayor 🎉 resigned on Friday 👍🏽 after a long dispute 👨\u{200d}👩\u{200d}👧 with the council. Critics cheered 🇫🇷.\n",
        ),
        (
            "nfd.txt",
            "The cafe\u{301} owner in Zu\u{308}rich said the mayor resigned on Friday. Critics were surprised.\n",
        ),
        (
            "rtl.txt",
            "The sign read \u{202b}שלום עולם\u{202c} on Friday, 12 May 2023. The mayor said \u{200f}מזל טוב\u{200f} to all.\n",
        ),
    ];
    let paths: Vec<PathBuf> = texts
        .iter()
        .map(|(name, t)| write(dir.path(), name, t))
        .collect();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let (o, _) = report(&refs);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The JSON holds the text exactly (no escaping damage, no normalization).
    let cmp = parse(&o);
    for ((name, t), d) in texts.iter().zip(&cmp.documents) {
        assert_eq!(d.text, *t, "{name}");
        assert_eq!(d.encoding, "UTF-8", "{name}");
        assert_eq!(d.passages.len(), 2, "{name}: {:?}", d.passages);
        spans_hold(d);
    }
    assert!(cmp.warnings.is_empty(), "{:?}", cmp.warnings);
}

#[test]
fn library_segments_every_script_on_char_boundaries() {
    use crosscheck::segment::segment;
    let texts = [
        "北京市政府周五宣布，新桥将于明年春天开放。批评者对此并不感到意外。".to_string(),
        "أعلن رئيس البلدية يوم الجمعة استقالته. ولم يفاجأ المنتقدون.".to_string(),
        "e\u{301}".repeat(2_000),
        "🎉".repeat(1_000),
        "文".repeat(5_000),
    ];
    for t in &texts {
        let seg = segment(t);
        assert!(!seg.sentences.is_empty());
        let mut covered = 0;
        for s in &seg.sentences {
            assert!(t.is_char_boundary(s.span.start) && t.is_char_boundary(s.span.end));
            assert!(s.span.end - s.span.start <= crosscheck::segment::MAX_SENTENCE_BYTES);
            covered += s.span.end - s.span.start;
        }
        let visible = t
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(char::len_utf8)
            .sum::<usize>();
        assert!(covered >= visible, "text lost in segmenting");
    }
}

// ---- Hostile structure: deep nesting and pathological paragraphs ----

/// An HTML page nested `depth` times in `open`…`close` around one short article.
fn nested_page(open: &str, close: &str, depth: usize) -> String {
    format!(
        "<html><body>{}<p>The bridge reopened on Monday after repairs.</p>{}</body></html>",
        open.repeat(depth),
        close.repeat(depth)
    )
}

#[test]
fn deeply_nested_html_is_flattened_with_a_warning_and_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ok = write(dir.path(), "ok.txt", ARTICLE);
    // 150,000 nested spans overflowed the stack (the whole process aborted, no report for the
    // good file either); 10,000 nested tables took 51 s and 100,000 divs about 19 minutes.
    let pages = [
        ("spans.html", nested_page("<span>", "</span>", 150_000)),
        (
            "tables.html",
            nested_page("<table><tr><td>", "</td></tr></table>", 10_000),
        ),
        ("divs.html", nested_page("<div>", "</div>", 100_000)),
    ];
    for (name, page) in pages {
        let p = write(dir.path(), name, page);
        let (o, _) = report(&[ok.as_path(), p.as_path()]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let cmp = parse(&o);
        assert_eq!(cmp.documents.len(), 2, "{name}");
        assert!(
            cmp.documents[1]
                .text
                .contains("The bridge reopened on Monday after repairs."),
            "{name}: {}",
            cmp.documents[1].text
        );
        let warned = "HTML nested deeper than 256 elements";
        assert!(
            warning_for(&cmp, &p).iter().any(|w| w.starts_with(warned)),
            "{name}: {:?}",
            cmp.warnings
        );
        assert!(
            stderr(&o).contains(&format!("warning: {}: {warned}", s(&p))),
            "{name}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_paragraph_of_unclosed_quotes_or_repeated_dates_is_bounded() {
    let dir = tempfile::tempdir().expect("tempdir");
    // One paragraph of 1 MB of unclosed opening quotes: the sentence splitter searched for a
    // closing mark from each of them (124 s). 1 MB of "May 13, ": 125,000 dates, each reading
    // the whole passage for its event words (a minute; 16 MB took hours and gigabytes).
    let quotes = write(
        dir.path(),
        "quotes.txt",
        format!("Quotes\n\n{}\n", "“a ".repeat(250_000)),
    );
    let dates = write(
        dir.path(),
        "dates.txt",
        format!("Dates\n\n{}\n", "May 13, ".repeat(125_000)),
    );
    for p in [&quotes, &dates] {
        let (cmp, o) = compared_alone(p);
        spans_hold(&cmp.documents[0]);
        // A passage joins up to three sentences.
        assert!(
            cmp.documents[0].passages.iter().all(|q| q.facts.len()
                <= crosscheck::pipeline::MAX_FACTS_PER_SENTENCE * q.sentences.len()),
            "{}",
            s(p)
        );
        let capped = "with more than 32 figures, dates or quotes";
        assert_eq!(
            warning_for(&cmp, p).iter().any(|w| w.contains(capped)),
            p == &dates,
            "{:?}",
            cmp.warnings
        );
        assert!(
            stderr(&o).contains(&format!("warning: {}: ", s(p))),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn a_source_of_a_hundred_thousand_tiny_sentences_has_bounded_passages() {
    // 400 KB of "My{!": 100,000 four-byte sentences. Past the first 5,000 (aligned), left-out
    // sentences are joined into passages of up to 3,000 bytes. Before: one passage each (16 MB
    // took 2.9 GB and wrote a 1.8 GB report). In-process: a passage count, not a hang guard
    // (reading the facts of the first 5,000 takes ~13 s in a debug build, 1.4 s in release).
    let text = format!("Tiny\n\n{}\n", "My{!".repeat(100_000));
    let cmp = crosscheck::compare_texts(&[("tiny.txt", &text)], &crosscheck::Options::default());
    let d = &cmp.documents[0];
    spans_hold(d);
    let max = crosscheck::pipeline::MAX_ALIGNED_SENTENCES + 400_000 / 3_000 + 2;
    assert!(d.passages.len() <= max, "{} passages", d.passages.len());
    let last = d.passages.last().expect("passages");
    assert!(
        last.boilerplate && last.text.len() > 1_000,
        "{:?}",
        last.boilerplate_reason
    );
}

// ---- Comparison files from elsewhere ----

/// Saves a comparison of `files` to `dir/name.crosscheck` and returns its path and JSON.
fn saved_comparison(dir: &Path, files: &[&Path]) -> (PathBuf, serde_json::Value) {
    let path = dir.join("story.crosscheck");
    let out = dir.join("first.json");
    let mut args = vec!["report", "-o", s(&out), "--save-comparison", s(&path)];
    args.extend(files.iter().map(|p| s(p)));
    let o = run(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let json = std::fs::read_to_string(&path).expect("saved");
    (path, serde_json::from_str(&json).expect("json"))
}

#[test]
fn a_comparison_file_is_held_to_the_size_limit_and_its_stored_copies_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", ARTICLE);
    let b = write(
        dir.path(),
        "b.txt",
        "The council voted on Thursday. Work starts in March.\n",
    );
    let (path, mut json) = saved_comparison(dir.path(), &[&a, &b]);
    // A stored copy of 2 MB, over a 1 MB source limit: that source is refused, the other compared.
    json["sources"][1]["text"] = serde_json::Value::String("word ".repeat(400_000));
    std::fs::write(&path, serde_json::to_string(&json).expect("json")).expect("write");
    let o = run(&["report", "--max-file-size", "1", s(&path)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "error: stored copy: file is 2 MB, over the 1 MB limit (raise it with \
             --max-file-size): {}",
            s(&b)
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(parse(&o).documents.len(), 1);
    // The comparison file itself may be 8 times the source limit: 9 MB is refused unread.
    json["sources"][1]["text"] = serde_json::Value::String("word ".repeat(1_800_000));
    std::fs::write(&path, serde_json::to_string(&json).expect("json")).expect("write");
    let o = run(&["report", "--max-file-size", "1", s(&path)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("over the 8 MB limit for a comparison file, 8 × the source limit"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn a_comparison_file_with_a_bom_or_a_source_twice_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", ARTICLE);
    let b = write(
        dir.path(),
        "b.txt",
        "The council voted on Thursday. Work starts in March.\n",
    );
    let (path, mut json) = saved_comparison(dir.path(), &[&a, &b]);
    let again = json["sources"][0].clone();
    json["sources"].as_array_mut().expect("sources").push(again);
    let text = format!("\u{feff}{}", serde_json::to_string(&json).expect("json"));
    std::fs::write(&path, text).expect("write");
    let o = run(&["report", s(&path)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(parse(&o).documents.len(), 2);
    assert!(
        stderr(&o).contains(&format!(
            "warning: {}: given more than once; compared once",
            s(&a)
        )),
        "{}",
        stderr(&o)
    );
    // Saved over itself, it keeps each source once (and both of them).
    let out = dir.path().join("again.json");
    let o = run(&[
        "report",
        s(&path),
        "-o",
        s(&out),
        "--save-comparison",
        s(&path),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("saved")).expect("json");
    let paths: Vec<&str> = saved["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|x| x["path"].as_str())
        .collect();
    assert_eq!(paths, [s(&a), s(&b)]);
    // A report and a saved comparison in one file is refused before the compare.
    let o = run(&[
        "report",
        s(&path),
        "-o",
        s(&path),
        "--save-comparison",
        s(&path),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the report and the saved comparison would be one file"),
        "{}",
        stderr(&o)
    );
}

// ---- Names and paths as data ----

#[cfg(unix)]
#[test]
fn control_characters_in_a_file_name_cannot_forge_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", ARTICLE);
    let evil = write(
        dir.path(),
        "b\n<img src=x onerror=alert(1)>\nerror: forged.txt",
        "The council voted on Thursday. Work starts in March.\n",
    );
    let missing = dir.path().join("gone\nerror: all good.txt");
    let md = dir.path().join("r.md");
    let o = run(&["report", "-o", s(&md), s(&a), s(&evil), s(&missing)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let report = std::fs::read_to_string(&md).expect("report");
    // Outside code spans, every `<` is escaped: no line holds a tag.
    for line in report.lines() {
        let outside: String = line.split('`').step_by(2).collect();
        assert!(
            !outside.replace("\\<", "").contains('<'),
            "raw markup in {line:?}"
        );
    }
    assert!(report.contains("b\\n"), "{report}");
    // On standard error every line is the tool's own.
    for line in stderr(&o).lines() {
        assert!(
            !line.starts_with("error: forged") && !line.starts_with("error: all good"),
            "{}",
            stderr(&o)
        );
    }
    assert!(
        stderr(&o).contains("gone\\nerror: all good.txt"),
        "{}",
        stderr(&o)
    );
}

// ---- Writing reports ----

/// A folder that takes no new file (`/proc`, even for root) is named in the error, not the
/// temporary file that could not be made in it.
#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_takes_no_file_is_named_not_the_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", ARTICLE);
    let o = run(&["report", "-o", "/proc/report.md", s(&a)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: cannot write report (the folder /proc takes no new file: ")
            && err.trim_end().ends_with("): /proc/report.md"),
        "{err}"
    );
    assert!(!err.contains(".crosscheck-"), "{err}");
}

#[test]
fn the_output_path_is_checked_before_the_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(
        dir.path(),
        "a.txt",
        "The council\0 voted on Thursday. Work starts in March.\n",
    );
    for out in [
        dir.path().join("no such folder").join("r.json"),
        dir.path().to_path_buf(),
    ] {
        let o = run(&["report", "-o", s(&out), s(&a)]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(err.starts_with("error: cannot write report ("), "{err}");
        // Nothing was compared: the warning the compare gives for the NUL byte never came.
        assert!(!err.contains("removed NUL bytes"), "{err}");
    }
    // With a good output path the same compare runs and warns on standard error.
    let out = dir.path().join("r.json");
    let o = run(&["report", "-o", s(&out), s(&a)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("warning: {}: removed NUL bytes", s(&a))),
        "{}",
        stderr(&o)
    );
}

#[cfg(unix)]
#[test]
fn a_report_gets_the_permissions_of_a_new_file_or_keeps_the_old_ones() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", ARTICLE);
    // Under umask 022 a new file is 0644 (0666 less the umask); the old behaviour gave 0600.
    let out = dir.path().join("r.html");
    let with_umask = |args: &[&str]| {
        run_bounded(
            Command::new("sh")
                .args(["-c", "umask 022 && exec \"$0\" \"$@\""])
                .arg(env!("CARGO_BIN_EXE_crosscheck"))
                .args(args),
        )
    };
    let o = with_umask(&["report", "-o", s(&out), s(&a)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "{mode:o}");
    // An existing report keeps its mode when written again.
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let o = with_umask(&["report", "-o", s(&out), s(&a)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mode = std::fs::metadata(&out).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "{mode:o}");
}

#[cfg(unix)]
#[test]
fn a_report_stopped_while_it_is_written_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Eighty copies of one 10 KB article: a quick compare (identical passages are weighed
    // once) with an 8 MB report that takes a while to write (0.3 s of 2 s in a debug build).
    let article = include_str!("fixtures/seeds/002_ee265cb217250f5d.txt");
    let copies: Vec<PathBuf> = (0..80)
        .map(|i| write(dir.path(), &format!("copy{i:02}.txt"), article))
        .collect();
    let out = dir.path().join("big.json");
    let list = |d: &Path| -> Vec<String> {
        std::fs::read_dir(d)
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".crosscheck-"))
            .collect()
    };
    // The report's own temporary file, not the one made to check the folder before the compare.
    let writing = |d: &Path| list(d).iter().any(|n| !n.starts_with(".crosscheck-check-"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["report", "-o", s(&out)])
        .args(copies.iter().map(|p| s(p)))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("runs");
    let start = Instant::now();
    let mut seen = false;
    while child.try_wait().expect("wait").is_none() && start.elapsed() < HANG {
        if writing(dir.path()) {
            seen = true;
            let pid = nix::unistd::Pid::from_raw(i32::try_from(child.id()).expect("pid"));
            nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("kill");
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let status = child.wait().expect("wait");
    assert!(
        seen,
        "the report was written before its temporary file was seen"
    );
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(list(dir.path()), Vec::<String>::new());
    // No report, or (had the signal come as the file was put in place) a whole one.
    if out.exists() {
        let text = std::fs::read_to_string(&out).expect("read");
        serde_json::from_str::<Comparison>(&text).expect("a whole report, not a half-written one");
    }
}

/// A PDF whose one page draws a form that draws itself: the PDF reader recurses until its stack
/// overflows, which ends a process outright (no panic to catch).
#[cfg(feature = "pdf")]
fn self_drawing_pdf() -> Vec<u8> {
    let stream = |dict: &str, body: &str| {
        format!(
            "<< {dict} /Length {} >>\nstream\n{body}\nendstream",
            body.len()
        )
    };
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] \
         /Resources << /XObject << /X1 5 0 R >> >> /Contents 4 0 R >>"
            .to_string(),
        stream("", "/X1 Do"),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 200 200] \
             /Resources << /XObject << /X1 5 0 R >> >>",
            "/X1 Do",
        ),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}

#[cfg(feature = "pdf")]
#[test]
fn a_pdf_that_crashes_the_pdf_reader_is_refused_and_the_others_compared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = write(dir.path(), "loop.pdf", self_drawing_pdf());
    let article = write(
        dir.path(),
        "ferry.txt",
        "A ferry ran aground off Kessel Island on Monday, the coast guard said.\n",
    );
    let (o, _) = report(&[&pdf, &article]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let line = format!(
        "error: the PDF reader ran out of memory or crashed on this file (damaged, or built to \
         exhaust memory): {}",
        s(&pdf)
    );
    assert!(
        stderr(&o).contains(&line),
        "want {line:?} in {}",
        stderr(&o)
    );
    let cmp = parse(&o);
    assert_eq!(cmp.documents.len(), 1);
    assert_eq!(cmp.documents[0].path, s(&article));
}
