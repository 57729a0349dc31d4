//! The command line as a user runs it: exit codes, error messages naming the file, written files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crosscheck::model::Comparison;

mod common;
use common::http::Server;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
}

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the binary runs")
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

#[test]
fn report_to_stdout_is_valid_json_of_all_files() {
    let a = fixture("invented/bridge_a.txt");
    let b = fixture("invented/bridge_b.txt");
    let o = run(&["report", "-o", "-", s(&a), s(&b)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cmp = parse(&o);
    assert_eq!(cmp.documents.len(), 2);
    assert_eq!(cmp.documents[0].path, s(&a));
    assert!(!cmp.groups.is_empty());
}

#[test]
fn report_to_a_file_follows_the_extension_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out.json");
    let o = run(&[
        "report",
        "-o",
        s(&out),
        s(&fixture("invented/bridge_a.txt")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&out).expect("report written");
    let cmp: Comparison = serde_json::from_str(&text).expect("json");
    assert_eq!(cmp.format, "crosscheck-report");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.json")]);
}

#[test]
fn date_override_replaces_the_dateline_and_says_so() {
    let a = fixture("invented/bridge_b.txt");
    let o = run(&["report", "--date", &format!("{}=2023-03-10", s(&a)), s(&a)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cmp = parse(&o);
    assert_eq!(cmp.documents[0].dateline.as_deref(), Some("2023-03-10"));
    let src = cmp.documents[0].dateline_source.as_ref().expect("source");
    assert_eq!(src.origin, crosscheck::model::DatelineOrigin::Override);
}

#[test]
fn bad_date_override_is_a_usage_error() {
    let a = fixture("invented/bridge_b.txt");
    let o = run(&["report", "--date", &format!("{}=10/03/2023", s(&a)), s(&a)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: --date needs a date as YYYY-MM-DD"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn one_missing_file_among_several_is_named_and_the_rest_compared() {
    let a = fixture("invented/bridge_a.txt");
    let b = fixture("invented/bridge_b.txt");
    let missing = fixture("invented/no_such_article.txt");
    let o = run(&["report", s(&a), s(&missing), s(&b)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("error: no such file: {}", s(&missing))),
        "{}",
        stderr(&o)
    );
    let cmp = parse(&o);
    assert_eq!(cmp.documents.len(), 2);
    assert!(
        cmp.warnings
            .iter()
            .any(|w| w.path.as_deref() == Some(s(&missing)))
    );
}

#[test]
fn nothing_readable_is_an_error_with_no_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n\n ").expect("write");
    let png = dir.path().join("photo.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    let o = run(&["report", s(&empty), s(&png), s(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: no text in file (empty or whitespace only): {}",
            s(&empty)
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: binary data (PNG image), not text: {}",
            s(&png)
        )),
        "{err}"
    );
    // The folder stands for the two files in it, named already: each is read once.
    assert!(
        err.contains(&format!(
            "warning: {}: given more than once; compared once",
            s(&empty)
        )),
        "{err}"
    );
    assert!(
        err.contains("error: no readable articles to compare"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn the_report_is_never_written_over_a_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path().join("article.json");
    let original = "The mayor resigned on Friday after a long dispute with the council.\n";
    std::fs::write(&src, original).expect("write");
    let o = run(&["report", "--format", "json", "-o", s(&src), s(&src)]);
    // Checked before the compare, as a bad argument.
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("over a source article"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&src).expect("read"), original);
}

#[test]
fn an_unwritable_report_path_fails_cleanly() {
    let o = run(&[
        "report",
        "-o",
        "/nonexistent-dir/sub/out.json",
        s(&fixture("invented/bridge_a.txt")),
    ]);
    // Checked before the compare, as a bad argument.
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: cannot write report"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("/nonexistent-dir/sub/out.json"));
}

#[test]
fn unknown_arguments_are_usage_errors() {
    let o = run(&[
        "report",
        "--format",
        "pdf",
        s(&fixture("invented/bridge_a.txt")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["report"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn html_markdown_and_legacy_encodings_are_read() {
    let o = run(&[
        "report",
        s(&fixture("formats/page.html")),
        s(&fixture("formats/cafe_cp1252.txt")),
        s(&fixture("formats/cafe_utf16le.txt")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cmp = parse(&o);
    let html = &cmp.documents[0];
    assert_eq!(html.kind, "html");
    assert_eq!(html.title, "Council approves river park");
    assert_eq!(html.dateline.as_deref(), Some("2022-06-03"));
    assert!(html.text.contains("voted 7 to 2 on Thursday"));
    assert!(
        html.text
            .contains("“We needed homes more than lawns,” said Peter Lindqvist")
    );
    for junk in [
        "window.tracker",
        "font-family",
        "Bridge repairs delayed",
        "All rights reserved",
    ] {
        assert!(
            !html.text.contains(junk),
            "{junk} leaked into the article text"
        );
    }
    let cp = &cmp.documents[1];
    assert_eq!(cp.encoding, "windows-1252");
    assert!(cp.text.contains("The café owner"));
    assert!(cp.text.contains("café’s kitchen"));
    assert!(!cp.text.contains('\r'));
    let u16 = &cmp.documents[2];
    assert_eq!(u16.encoding, "UTF-16LE");
    assert!(u16.text.starts_with("The café owner"));
    // The two café reports tell the same thing and are aligned.
    assert!(cmp.groups.iter().any(|g| {
        g.passages.iter().any(|p| p.starts_with("d1."))
            && g.passages.iter().any(|p| p.starts_with("d2."))
    }));
}

#[test]
fn the_same_file_twice_is_compared_once() {
    let a = fixture("invented/bridge_a.txt");
    let o = run(&["report", s(&a), s(&a)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("given more than once"),
        "{}",
        stderr(&o)
    );
    assert_eq!(parse(&o).documents.len(), 1);
}

#[cfg(unix)]
#[test]
fn writing_to_a_device_writes_through_it_and_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    let o = run(&[
        "report",
        "-o",
        "/dev/null",
        s(&fixture("invented/bridge_a.txt")),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let kind = std::fs::metadata("/dev/null")
        .expect("/dev/null")
        .file_type();
    assert!(
        kind.is_char_device(),
        "/dev/null was replaced by a regular file"
    );
}

#[test]
fn a_directory_as_report_path_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let o = run(&[
        "report",
        "--format",
        "json",
        "-o",
        s(dir.path()),
        s(&fixture("invented/bridge_a.txt")),
    ]);
    // Checked before the compare, as a bad argument.
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a directory"), "{}", stderr(&o));
    assert!(dir.path().is_dir());
}

#[test]
fn word_opendocument_pdf_and_saved_pages_are_read_and_aligned() {
    let names = [
        "park.docx",
        "park.odt",
        "park.pdf",
        "park.mhtml",
        "park_saved_page",
    ];
    let paths: Vec<PathBuf> = names
        .iter()
        .map(|n| fixture(&format!("formats/{n}")))
        .collect();
    let mut args = vec!["report"];
    args.extend(paths.iter().map(|p| s(p)));
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let cmp = parse(&o);
    let kinds: Vec<&str> = cmp.documents.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(kinds, ["docx", "odt", "pdf", "mhtml", "html"]);
    for d in &cmp.documents {
        assert!(
            d.text
                .contains("Councillor Amina Okafor, who proposed the plan, said the park"),
            "{}: {}",
            d.path,
            d.text
        );
        assert!(
            d.text.contains("“We needed homes more than lawns,”"),
            "{}",
            d.path
        );
        assert!(
            !d.text.contains("Copyright"),
            "{}: page furniture kept",
            d.path
        );
    }
    assert_eq!(cmp.documents[0].title, "Council approves river park");
    assert_eq!(cmp.documents[1].title, "Council approves river park");
    // The quote paragraph is one aligned group across all five formats.
    assert!(
        cmp.groups.iter().any(|g| g.passages.len() == 5),
        "no group holds all five sources"
    );
}

#[test]
fn rtf_files_and_scanned_pdfs_are_refused_with_what_to_do() {
    let rtf = fixture("formats/letter.rtf");
    let scan = fixture("formats/scan.pdf");
    let ok = fixture("formats/park.docx");
    let o = run(&["report", s(&rtf), s(&scan), s(&ok)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: RTF document, which Crosscheck does not read: save it from your word \
             processor as .docx, .odt or plain text: {}",
            s(&rtf)
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: PDF with no text layer (a scanned document?): run it through OCR first, or \
             paste its text: {}",
            s(&scan)
        )),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // The readable source is still compared.
    assert_eq!(parse(&o).documents.len(), 1);
}

#[test]
fn links_are_fetched_through_redirects_and_failures_are_named_while_the_rest_compares() {
    let server = Server::start();
    let story = server.url("/moved");
    let latin = server.url("/latin1?id=7");
    let missing = server.url("/missing");
    let silent = server.url("/silent");
    let big = server.url("/big");
    let looping = server.url("/loop");
    let started = std::time::Instant::now();
    let o = run(&[
        "report",
        "--fetch-timeout",
        "2",
        "--max-file-size",
        "1",
        &story,
        &latin,
        &missing,
        &silent,
        &big,
        &looping,
    ]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "a fetch hung"
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    for line in [
        format!("error: could not fetch (the server answered 404 Not Found): {missing}"),
        format!("error: could not fetch (no answer in time (timed out)): {silent}"),
        format!(
            "error: could not fetch (page is over the 1 MB limit; raise it with --max-file-size): {big}"
        ),
        format!("error: could not fetch (more than 10 redirects): {looping}"),
    ] {
        assert!(err.contains(&line), "missing {line:?} in:\n{err}");
    }
    let cmp = parse(&o);
    assert_eq!(cmp.documents.len(), 2);
    let page = &cmp.documents[0];
    assert_eq!(page.path, story);
    assert_eq!(page.kind, "html");
    assert_eq!(page.dateline.as_deref(), Some("2023-03-09"));
    assert!(
        page.text.contains("About 40 homes were evacuated"),
        "{}",
        page.text
    );
    assert!(!page.text.contains("Copyright"));
    let latin = &cmp.documents[1];
    assert_eq!(latin.kind, "html", "the server's Content-Type decides");
    assert_eq!(latin.encoding, "windows-1252");
    assert!(
        latin.text.contains("The café on Main Street"),
        "{}",
        latin.text
    );
    let host = server.base.trim_start_matches("http://");
    assert_eq!(
        latin.site.as_deref(),
        Some(host),
        "no site name: the host names it"
    );
    assert_eq!(
        page.site.as_deref(),
        Some("Valley News"),
        "from og:site_name"
    );
}

#[test]
fn a_fetched_page_is_saved_with_its_comparison_and_reopens_offline_as_it_was() {
    let server = Server::start();
    let url = server.url("/moved");
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("flood.crosscheck");
    let local = fixture("formats/page.html");
    let o = run(&[
        "report",
        "-o",
        s(&dir.path().join("first.json")),
        "--save-comparison",
        s(&saved),
        &url,
        s(&local),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).expect("saved")).expect("json");
    let web = &file["sources"][0];
    assert_eq!(web["path"], url.as_str());
    assert_eq!(web["origin"]["kind"], "web");
    assert_eq!(web["origin"]["final_url"], server.url("/story"));
    assert!(
        web["origin"]["fetched_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    assert!(
        web["text"]
            .as_str()
            .is_some_and(|t| t.contains("Flood closes river road"))
    );
    // Reopened with no server to ask: the page is compared from the stored copy, with no note
    // about a missing file.
    let o = run(&["report", s(&saved)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("not found"), "{}", stderr(&o));
    let cmp = parse(&o);
    assert_eq!(cmp.documents[0].path, url);
    assert!(
        cmp.documents[0]
            .text
            .contains("About 40 homes were evacuated")
    );
}

#[test]
fn standard_input_and_folders_are_sources() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture("invented/bridge_a.txt"), dir.path().join("a.txt")).expect("copy");
    std::fs::copy(fixture("formats/park.docx"), dir.path().join("b.docx")).expect("copy");
    std::fs::write(dir.path().join("notes.png"), b"\x89PNG\r\n\x1a\n").expect("write");
    let piped = std::fs::read(fixture("invented/bridge_b.txt")).expect("read");
    let mut child = bin()
        .args(["report", "--date=-=2024-05-01", "-", s(dir.path())])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&piped)
        .expect("pipe");
    let o = child.wait_with_output().expect("ends");
    assert!(o.status.success(), "{}", stderr(&o));
    let cmp = parse(&o);
    let paths: Vec<&str> = cmp.documents.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(
        cmp.documents[0].dateline.as_deref(),
        Some("2024-05-01"),
        "--date -=… names it"
    );
    assert_eq!(
        paths,
        [
            "standard input",
            s(&dir.path().join("a.txt")),
            s(&dir.path().join("b.docx"))
        ]
    );
    assert!(cmp.groups.iter().any(|g| {
        g.passages.iter().any(|p| p.starts_with("d0."))
            && g.passages.iter().any(|p| p.starts_with("d1."))
    }));
    let empty = tempfile::tempdir().expect("tempdir");
    let o = run(&["report", s(empty.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: folder holds no article files (.txt, .text, .md"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_mistyped_command_or_report_extension_is_a_usage_error_that_writes_nothing() {
    let o = run(&["reprot", s(&fixture("invented/bridge_a.txt"))]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: unknown command: reprot (did you mean `crosscheck report`?)\n"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("report.pdf");
    let o = run(&[
        "report",
        "-o",
        s(&out),
        s(&fixture("invented/bridge_a.txt")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: cannot tell the report format from the extension"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn a_comparison_file_without_its_extension_is_opened_as_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = dir.path().join("story.crosscheck");
    let a = fixture("invented/bridge_a.txt");
    let o = run(&["report", "--save-comparison", s(&saved), s(&a)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let renamed = dir.path().join("story-copy");
    std::fs::rename(&saved, &renamed).expect("rename");
    let o = run(&["report", s(&renamed)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(parse(&o).documents[0].path, s(&a));
}

#[test]
fn completions_and_a_manual_page_are_printed_for_packagers() {
    let o = run(&["completions", "bash"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let script = String::from_utf8_lossy(&o.stdout);
    assert!(
        script.contains("_crosscheck()") && script.contains("--save-comparison"),
        "{script}"
    );
    let o = run(&["manpage"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(
        page.starts_with(".ie") && page.contains(".TH crosscheck 1"),
        "{page}"
    );
    let o = run(&["complet", "bash"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `crosscheck completions`?"),
        "{}",
        stderr(&o)
    );
}

/// Two invented German reports of one robbery and an English one.
const DE_A: &str = "Überfall auf Geldtransporter in Berlin\n\nDie Polizei hat am Montag in Berlin drei Männer festgenommen, die einen Geldtransporter überfallen haben sollen. Nach Angaben der Staatsanwaltschaft erbeuteten die Täter am 3. Mai 2024 mehr als 2,5 Millionen Euro. Ein Wachmann wurde bei dem Überfall leicht verletzt und kam in ein Krankenhaus. Die Ermittlungen dauern an, teilte ein Sprecher der Polizei mit.\n";
const DE_B: &str = "Drei Festnahmen nach Raub in Berlin\n\nNach dem Überfall auf einen Geldtransporter hat die Berliner Polizei am Montag drei Männer festgenommen. Die Täter sollen nach Angaben der Staatsanwaltschaft mehr als zwei Millionen Euro erbeutet haben. Ein Wachmann wurde leicht verletzt. Ein Sprecher sagte, die Ermittlungen dauerten noch an.\n";

#[test]
fn articles_in_german_are_aligned_with_german_word_forms_and_their_facts_left_out_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::fs::write(&a, DE_A).expect("write");
    std::fs::write(&b, DE_B).expect("write");
    let english = fixture("invented/bridge_a.txt");
    let o = run(&["report", s(&a), s(&b), s(&english)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "warning: {}: written in German: aligned with German word forms, but facts are read \
             in English only, so its dates, figures, quotes and titles are not compared",
            s(&a)
        )),
        "{}",
        stderr(&o)
    );
    let cmp = parse(&o);
    let langs: Vec<&str> = cmp.documents.iter().map(|d| d.language.as_str()).collect();
    assert_eq!(langs, ["deu", "deu", "eng"]);
    // No German figure or date is read ("2,5 Millionen", "3. Mai 2024"), so none is compared.
    for d in &cmp.documents[..2] {
        assert!(d.passages.iter().all(|p| p.facts.is_empty()), "{}", d.path);
    }
    assert!(
        cmp.findings
            .iter()
            .all(|f| f.mentions.iter().all(|m| m.document == "d2"))
    );
    // The two German reports of the arrest are aligned: "festgenommen" in both.
    assert!(
        cmp.groups.iter().any(|g| {
            let texts: Vec<&str> = g
                .passages
                .iter()
                .filter_map(|id| cmp.passage(id).map(|(_, p)| p.text.as_str()))
                .collect();
            texts.len() >= 2 && texts.iter().all(|t| t.contains("festgenommen"))
        }),
        "the arrest sentences are not aligned"
    );
}

#[test]
fn on_a_terminal_a_report_without_output_is_the_markdown_summary() {
    // `script` gives the program a terminal for its output, as a user's shell does.
    let Ok(probe) = Command::new("script").arg("--version").output() else {
        eprintln!("skipped: no `script` command to give the program a terminal");
        return;
    };
    assert!(probe.status.success());
    let a = fixture("invented/bridge_a.txt");
    let cmd = format!("{} report {}", env!("CARGO_BIN_EXE_crosscheck"), s(&a));
    let o = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .output()
        .expect("script runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = String::from_utf8_lossy(&o.stdout);
    assert!(shown.starts_with("# "), "not Markdown: {shown}");
    assert!(
        !shown.contains("\"format\": \"crosscheck-report\""),
        "JSON on a terminal"
    );
}
