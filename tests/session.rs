//! Comparison files as a user meets them: save, reopen, reopen after a source moved, changed or
//! vanished, and files that are damaged or from another version.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;

use crosscheck::session::{self, SessionError, SessionFile, SourceStatus};
use crosscheck::{Comparison, Options, Source, compare_sources};

const A: &str = "Dam repairs finished in Ostrava Vale\n\nEngineers finished repairs to the Ostrava Vale dam on Thursday, 9 days early.\n\nThe work cost 12 million crowns, the water board said.\n";
const B: &str = "Ostrava Vale dam work done early\n\nEngineers completed repairs to the Ostrava Vale dam on Thursday, 8 days early.\n\nResidents had been warned of water cuts.\n";

fn articles(dir: &Path) -> Vec<PathBuf> {
    let a = dir.join("dam-a.txt");
    let b = dir.join("dam-b.txt");
    std::fs::write(&a, A).expect("write a");
    std::fs::write(&b, B).expect("write b");
    vec![a, b]
}

fn compare(file: &SessionFile) -> Comparison {
    let never = AtomicBool::new(false);
    file.compare(&|_| {}, &never).expect("not cancelled").0
}

fn saved(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let paths = articles(dir);
    let mut sources: Vec<Source> = paths.iter().map(Source::new).collect();
    sources[1].dateline = chrono::NaiveDate::from_ymd_opt(2029, 6, 14);
    let (file, errors) = SessionFile::capture(&sources, &Options::default());
    assert!(errors.is_empty(), "{errors:?}");
    let path = dir.join("dam.crosscheck");
    session::save(&path, &file).expect("save");
    (path, paths)
}

#[test]
fn a_saved_comparison_reopens_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, paths) = saved(dir.path());
    let opened = session::open(&path).expect("open");
    assert_eq!(
        opened.status,
        vec![SourceStatus::Unchanged, SourceStatus::Unchanged]
    );
    assert!(opened.notes().is_empty());

    let never = AtomicBool::new(false);
    let (again, errors) = opened.compare(&|_| {}, &never).expect("compare");
    assert!(errors.is_empty());
    // The same as comparing the files directly with the same dateline override.
    let mut sources: Vec<Source> = paths.iter().map(Source::new).collect();
    sources[1].dateline = chrono::NaiveDate::from_ymd_opt(2029, 6, 14);
    let (direct, _) =
        compare_sources(&sources, &Options::default(), &|_| {}, &never).expect("compare");
    assert_eq!(again, direct);
    assert_eq!(again.documents[1].dateline.as_deref(), Some("2029-06-14"));
    assert!(!again.groups.is_empty(), "the dam sentences are aligned");
    // Settings survive.
    assert_eq!(opened.file.settings.options(), Options::default());
}

#[test]
fn saving_is_deterministic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = saved(dir.path());
    let first = std::fs::read(&path).expect("read");
    let opened = session::open(&path).expect("open");
    session::save(&path, &opened.file).expect("save again");
    assert_eq!(std::fs::read(&path).expect("read"), first);
}

#[test]
fn a_changed_source_is_compared_from_the_stored_copy_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, paths) = saved(dir.path());
    std::fs::write(&paths[0], "Something else entirely.\n").expect("edit");
    let opened = session::open(&path).expect("open");
    assert!(matches!(opened.status[0], SourceStatus::Changed { .. }));
    assert_eq!(opened.status[1], SourceStatus::Unchanged);
    let cmp = {
        let never = AtomicBool::new(false);
        opened.compare(&|_| {}, &never).expect("compare").0
    };
    assert!(
        cmp.documents[0].text.contains("9 days early"),
        "stored copy used"
    );
    let w = &cmp.warnings[0];
    assert!(w.path.as_deref().is_some_and(|p| p.ends_with("dam-a.txt")));
    assert!(w.message.contains("changed") && w.message.contains("saved copy"));
}

#[test]
fn a_source_that_grew_reads_as_changed_not_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, paths) = saved(dir.path());
    let mut text = std::fs::read_to_string(&paths[0]).expect("read");
    text.push_str("\nA later update added this sentence to the article.\n");
    std::fs::write(&paths[0], text).expect("append");
    let opened = session::open(&path).expect("open");
    assert!(
        matches!(opened.status[0], SourceStatus::Changed { .. }),
        "{:?}",
        opened.status[0]
    );
    assert!(opened.notes()[0].message.contains("changed"));
}

#[test]
fn a_missing_source_is_compared_from_the_stored_copy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, paths) = saved(dir.path());
    std::fs::remove_file(&paths[1]).expect("delete");
    let opened = session::open(&path).expect("open");
    assert_eq!(opened.status[1], SourceStatus::Missing);
    let cmp = compare(&opened.file);
    assert!(cmp.documents[1].text.contains("8 days early"));
    let notes = opened.notes();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].message.contains("not found"));
}

#[test]
fn a_moved_folder_is_found_again() {
    let root = tempfile::tempdir().expect("tempdir");
    let old = root.path().join("old");
    std::fs::create_dir(&old).expect("mkdir");
    let (_, _) = saved(&old);
    let new = root.path().join("new");
    std::fs::rename(&old, &new).expect("move folder");
    let opened = session::open(&new.join("dam.crosscheck")).expect("open");
    for (st, s) in opened.status.iter().zip(&opened.file.sources) {
        assert!(matches!(st, SourceStatus::Moved { .. }), "{st:?}");
        assert!(
            Path::new(&s.path).starts_with(&new),
            "path updated: {}",
            s.path
        );
    }
    assert!(opened.notes()[0].message.contains("moved"));
}

#[test]
fn non_utf8_sources_are_stored_exactly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("latin1.txt");
    // "Café Müller reopened on Monday." in windows-1252.
    let bytes = b"Caf\xe9 M\xfcller reopened on Monday after 3 weeks.\n".to_vec();
    std::fs::write(&p, &bytes).expect("write");
    let q = dir.path().join("utf8.txt");
    std::fs::write(&q, "Café Müller reopened on Monday after 4 weeks.\n").expect("write");
    let (file, _) = SessionFile::capture(&[Source::new(&p), Source::new(&q)], &Options::default());
    let path = dir.path().join("cafe.crosscheck");
    session::save(&path, &file).expect("save");
    std::fs::remove_file(&p).expect("delete");
    let opened = session::open(&path).expect("open");
    assert_eq!(opened.file.sources[0].bytes(), Ok(bytes));
    let cmp = compare(&opened.file);
    assert!(cmp.documents[0].text.starts_with("Café Müller"));
}

/// Opens `text` as a comparison file and checks the error and that the file is untouched.
fn refused(text: &[u8]) -> SessionError {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.crosscheck");
    std::fs::write(&path, text).expect("write");
    let err = session::open(&path).expect_err("refused");
    assert!(
        err.to_string().contains("bad.crosscheck"),
        "names the file: {err}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), text, "file unchanged");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "nothing written beside it");
    err
}

#[test]
fn unknown_versions_and_damaged_files_are_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, _) = saved(dir.path());
    let good = std::fs::read_to_string(&path).expect("read");

    let newer = good.replacen("\"version\": 1", "\"version\": 2", 1);
    let e = refused(newer.as_bytes());
    assert!(matches!(e, SessionError::Version { found: 2, .. }), "{e}");
    assert!(e.to_string().contains("version 2"));

    let cut = &good[..good.len() / 2];
    assert!(matches!(
        refused(cut.as_bytes()),
        SessionError::Damaged { .. }
    ));

    let bad_copy = good.replacen("\"text\": \"", "\"base64\": \"!!", 1);
    let e = refused(bad_copy.as_bytes());
    assert!(e.to_string().contains("base64"), "{e}");

    let bad_date = good.replacen("2029-06-14", "14/06/2029", 1);
    let e = refused(bad_date.as_bytes());
    assert!(matches!(e, SessionError::Damaged { .. }), "{e}");

    let report = "{\"format\": \"crosscheck-report\", \"version\": 1}";
    let e = refused(report.as_bytes());
    assert!(matches!(e, SessionError::NotSession { .. }), "{e}");
    assert!(matches!(
        refused(b"\x89PNG\r\n\x1a\n"),
        SessionError::NotSession { .. }
    ));
}

#[test]
fn saving_never_overwrites_a_source_and_keeps_the_old_file_on_failure() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, paths) = saved(dir.path());
    let opened = session::open(&path).expect("open");
    let before = std::fs::read(&paths[0]).expect("read");
    let e = session::save(&paths[0], &opened.file).expect_err("refused");
    assert!(matches!(e, SessionError::WouldOverwriteSource(_)), "{e}");
    assert_eq!(std::fs::read(&paths[0]).expect("read"), before);

    let e = session::save(&dir.path().join("missing/dir/x.crosscheck"), &opened.file)
        .expect_err("no folder");
    assert!(e.to_string().contains("missing/dir/x.crosscheck"), "{e}");
}

#[test]
fn cli_reports_on_a_saved_comparison() {
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = articles(dir.path());
    let bin = env!("CARGO_BIN_EXE_crosscheck");
    let saved = dir.path().join("s.crosscheck");
    let first = dir.path().join("first.md");
    let st = Command::new(bin)
        .args(["report", "--save-comparison"])
        .arg(&saved)
        .arg("-o")
        .arg(&first)
        .args(&paths)
        .output()
        .expect("run");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    assert!(saved.exists());

    let second = dir.path().join("second.md");
    let st = Command::new(bin)
        .args(["report", "-o"])
        .arg(&second)
        .arg(&saved)
        .output()
        .expect("run");
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    assert_eq!(
        std::fs::read(&first).expect("first"),
        std::fs::read(&second).expect("second"),
        "reopened comparison gives the same report"
    );

    std::fs::write(&paths[0], "Rewritten.\n").expect("edit");
    let st = Command::new(bin)
        .args(["report", "--format", "json"])
        .arg(&saved)
        .output()
        .expect("run");
    assert!(st.status.success());
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(
        err.contains("note:") && err.contains("dam-a.txt") && err.contains("changed"),
        "{err}"
    );
    let cmp = crosscheck::report::read_json(&String::from_utf8_lossy(&st.stdout)).expect("json");
    assert!(
        cmp.documents[0].text.contains("9 days early"),
        "stored copy"
    );
    assert!(
        cmp.warnings[0]
            .message
            .contains("changed since the comparison was saved")
    );

    let st = Command::new(bin)
        .arg("report")
        .arg(&saved)
        .arg(&paths[1])
        .output()
        .expect("run");
    assert_eq!(st.status.code(), Some(2));
}

/// A pipe given as a comparison file, or found where a saved source was, is refused without
/// reading it (reading a pipe with no writer would block for ever).
#[cfg(unix)]
#[test]
fn a_pipe_is_never_read_as_a_comparison_file_or_a_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.crosscheck");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|st| st.success()) {
        println!("skipped: mkfifo is not available");
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(session::open(&path).map(|_| ()).map_err(|e| e.to_string()));
    });
    let got = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("open returned instead of blocking on the pipe");
    let err = got.expect_err("refused");
    assert!(err.contains("not a regular file"), "{err}");
    assert!(err.contains("pipe.crosscheck"), "{err}");

    // A saved source whose path is now a pipe reads as changed or missing, never blocks.
    let (saved_at, sources) = saved(dir.path());
    let src = &sources[0];
    std::fs::remove_file(src).expect("remove");
    let made = Command::new("mkfifo").arg(src).status().expect("mkfifo");
    assert!(made.success());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(session::open(&saved_at).map(|o| o.status));
    });
    let status = rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("open returned instead of blocking on the pipe")
        .expect("opened");
    // Not a file to compare with: the copy is used, as for a missing file.
    assert_eq!(status[0], SourceStatus::Missing);
}

#[test]
fn review_marks_in_a_comparison_file_reach_the_report_and_the_memo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    let trees = "\n\nThe storm felled 40 oak trees in the central park, the council said.\n";
    std::fs::write(&a, format!("The storm killed 12 people in Velmora on Tuesday, the fire service said.\n\nThe storm destroyed 300 homes in the county, the mayor said.{trees}")).expect("write");
    std::fs::write(&b, format!("The storm killed 15 people in Velmora on Tuesday, the fire service said.\n\nThe storm destroyed 300 homes in the county, the mayor said.{trees}")).expect("write");
    let (mut file, errors) =
        SessionFile::capture(&[Source::new(&a), Source::new(&b)], &Options::default());
    assert!(errors.is_empty());
    let mut cmp = compare(&file);
    let homes = cmp
        .findings
        .iter()
        .position(|f| {
            f.status == crosscheck::model::FindingStatus::Agree
                && f.mentions.iter().any(|m| m.text.contains("300"))
        })
        .expect("the homes agree");
    assert!(
        cmp.findings
            .iter()
            .any(|f| f.mentions.iter().any(|m| m.text.contains("40"))),
        "the trees are a finding of the full comparison"
    );
    crosscheck::review::set(
        &mut cmp,
        homes,
        Some(crosscheck::review::Verdict::Wrong),
        "two counts of one estimate",
    );
    file.reviews = cmp.reviews.clone();
    let path = dir.path().join("storm.crosscheck");
    session::save(&path, &file).expect("save");

    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["report", "--format", "md", "--memo"])
        .arg(&path)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("two counts of one estimate"),
        "the note is not in the memo:\n{md}"
    );
    assert!(
        md.contains("wrong"),
        "the verdict is not in the memo:\n{md}"
    );
    assert!(
        md.contains("12") && md.contains("15"),
        "the conflict is not in the memo:\n{md}"
    );
    assert!(
        md.contains("Fact-check memo"),
        "the memo does not say it is one:\n{md}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["report", "--format", "json", "--memo"])
        .arg(&path)
        .output()
        .expect("run");
    let memo = crosscheck::report::read_json(&String::from_utf8_lossy(&out.stdout)).expect("json");
    assert!(memo.memo);
    assert_eq!(
        memo.findings.len(),
        2,
        "the conflict and the marked finding only: {:?}",
        memo.findings
    );
    assert!(
        !memo
            .findings
            .iter()
            .any(|f| f.mentions.iter().any(|m| m.text.contains("40"))),
        "an unmarked agreement is in the memo"
    );
}
