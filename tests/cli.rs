//! The command line as a user runs it: exit codes, error messages naming the file, written files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crosscheck::model::Comparison;

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
    assert!(
        err.contains(&format!(
            "error: is a directory, not an article file: {}",
            s(dir.path())
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
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(&format!("formats/{n}"))).collect();
    let mut args = vec!["report"];
    args.extend(paths.iter().map(|p| s(p)));
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let cmp = parse(&o);
    let kinds: Vec<&str> = cmp.documents.iter().map(|d| d.kind.as_str()).collect();
    assert_eq!(kinds, ["docx", "odt", "pdf", "mhtml", "html"]);
    for d in &cmp.documents {
        assert!(
            d.text.contains("Councillor Amina Okafor, who proposed the plan, said the park"),
            "{}: {}",
            d.path,
            d.text
        );
        assert!(d.text.contains("“We needed homes more than lawns,”"), "{}", d.path);
        assert!(!d.text.contains("Copyright"), "{}: page furniture kept", d.path);
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
