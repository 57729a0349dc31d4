//! Reports as a reader gets them: the three formats on the seed articles (snapshots), findings
//! rendered from a hand-built comparison, hostile article text, the JSON round trip, and the
//! command line writing each format.

use std::path::{Path, PathBuf};
use std::process::Command;

use crosscheck::model::{
    Comparison, DiffOp, DiffTag, Document, FactKind, Finding, FindingStatus, Group, Mention,
    Passage, PassageDiff, Span,
};
use crosscheck::report::{self, Format};
use crosscheck::{Options, compare_texts};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds")
}

/// The seed articles by file name (no machine-specific paths in the snapshots).
fn seeds() -> Comparison {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("seed folder")
        .map(|e| e.expect("seed entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read_to_string(p).expect("seed text"))
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    compare_texts(&refs, &Options::default())
}

fn passage(doc: usize, n: usize, text: &str, start: usize, group: Option<&str>) -> Passage {
    Passage {
        id: format!("d{doc}.p{n}"),
        start,
        end: start + text.len(),
        text: text.to_string(),
        boilerplate: false,
        boilerplate_reason: None,
        paragraph: n,
        sentences: vec![Span {
            start,
            end: start + text.len(),
        }],
        facts: Vec::new(),
        group: group.map(str::to_string),
        inner_boilerplate: Vec::new(),
    }
}

fn document(i: usize, title: &str, passages: &[&str], grouped: &[Option<&str>]) -> Document {
    let text = passages.join("\n\n");
    let mut at = 0;
    let ps = passages
        .iter()
        .zip(grouped)
        .enumerate()
        .map(|(n, (t, g))| {
            let p = passage(i, n, t, at, *g);
            at += t.len() + 2;
            p
        })
        .collect();
    Document {
        id: format!("d{i}"),
        path: format!("articles/source-{i}.txt"),
        title: title.to_string(),
        dateline: Some("2031-03-04".to_string()),
        dateline_source: None,
        kind: "txt".into(),
        encoding: "UTF-8".into(),
        language: "eng".into(),
        site: None,
        text,
        passages: ps,
        story: 0,
    }
}

/// Two invented articles about a flood, aligned in one group, with one finding of each status.
fn with_findings() -> Comparison {
    let a = document(
        0,
        "River bursts its banks in Velmora",
        &[
            "The river rose 4 metres on Tuesday, officials said.",
            "Mayor Ilse Brandt opened three shelters.",
        ],
        &[Some("g0"), None],
    );
    let b = document(
        1,
        "Velmora flood: thousands leave homes",
        &["The river rose 6 metres on Tuesday, police said."],
        &[Some("g0")],
    );
    let mut cmp = Comparison::empty();
    cmp.groups.push(Group {
        id: "g0".into(),
        label: "river · rose · Tuesday".into(),
        reference: "d0.p0".into(),
        passages: vec!["d0.p0".into(), "d1.p0".into()],
        cohesion: 0.8,
        disagreement: 0.3,
        diffs: vec![PassageDiff {
            passage: "d1.p0".into(),
            ops: vec![
                DiffOp {
                    op: DiffTag::Equal,
                    text: "The river rose ".into(),
                },
                DiffOp {
                    op: DiffTag::Delete,
                    text: "4".into(),
                },
                DiffOp {
                    op: DiffTag::Insert,
                    text: "6".into(),
                },
                DiffOp {
                    op: DiffTag::Equal,
                    text: " metres on Tuesday, ".into(),
                },
                DiffOp {
                    op: DiffTag::Delete,
                    text: "officials".into(),
                },
                DiffOp {
                    op: DiffTag::Insert,
                    text: "police".into(),
                },
                DiffOp {
                    op: DiffTag::Equal,
                    text: " said.".into(),
                },
            ],
            approximate: None,
            mode: Default::default(),
        }],
    });
    let mention = |doc: &str, text: &str, whole: &str, value: &str, note: &str| {
        let start = whole.find(text).expect("mention in text");
        Mention {
            document: doc.into(),
            start,
            end: start + text.len(),
            text: text.into(),
            value: value.into(),
            qualifier: String::new(),
            note: note.into(),
        }
    };
    cmp.findings = vec![
        Finding {
            id: "f0".into(),
            kind: FactKind::Quantity,
            status: FindingStatus::Conflict,
            slot: String::new(),
            reason: String::new(),
            summary: "How far the river rose: 4 m or 6 m".into(),
            group: Some("g0".into()),
            mentions: vec![
                mention("d0", "4 metres", &a.text, "4 m", "metres"),
                mention("d1", "6 metres", &b.text, "6 m", "metres"),
            ],
        },
        Finding {
            id: "f1".into(),
            kind: FactKind::Title,
            status: FindingStatus::SingleSource,
            slot: String::new(),
            reason: String::new(),
            summary: "Only source 1 names the mayor: Ilse Brandt".into(),
            group: None,
            mentions: vec![mention(
                "d0",
                "Mayor Ilse Brandt",
                &a.text,
                "Ilse Brandt: mayor",
                "title before the name",
            )],
        },
        Finding {
            id: "f2".into(),
            kind: FactKind::Date,
            status: FindingStatus::Agree,
            slot: String::new(),
            reason: String::new(),
            summary: "The day the river rose: Tuesday 2031-03-04".into(),
            group: Some("g0".into()),
            mentions: vec![
                mention(
                    "d0",
                    "Tuesday",
                    &a.text,
                    "2031-03-04",
                    "Tuesday of dateline week",
                ),
                mention(
                    "d1",
                    "Tuesday",
                    &b.text,
                    "2031-03-04",
                    "Tuesday of dateline week",
                ),
            ],
        },
    ];
    cmp.documents = vec![a, b];
    cmp.documents[0].passages[0].group = Some("g0".into());
    cmp
}

/// Text between `from` and the next `to` after it.
fn between<'a>(s: &'a str, from: &str, to: &str) -> &'a str {
    let start = s
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} not in output"));
    let rest = &s[start..];
    let end = rest.find(to).map_or(rest.len(), |e| e + to.len());
    &rest[..end]
}

#[test]
fn seed_reports_snapshot() {
    let cmp = seeds();
    insta::assert_snapshot!(
        "seeds.html",
        report::render(&cmp, Format::Html).expect("html")
    );
    insta::assert_snapshot!(
        "seeds.md",
        report::render(&cmp, Format::Markdown).expect("md")
    );
    insta::assert_snapshot!(
        "seeds.json",
        report::render(&cmp, Format::Json).expect("json")
    );
}

#[test]
fn reports_are_byte_identical_for_the_same_inputs() {
    let (a, b) = (seeds(), seeds());
    for f in [Format::Html, Format::Markdown, Format::Json] {
        assert_eq!(
            report::render(&a, f).expect("first"),
            report::render(&b, f).expect("second"),
            "{f:?} differs between two runs"
        );
    }
}

#[test]
fn html_is_self_contained() {
    let html = report::render(&seeds(), Format::Html).expect("html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    for banned in [
        "<script", "<link", "<img", "<iframe", "@import", "url(", "http:", "https:", "src=",
    ] {
        assert!(!html.contains(banned), "report contains {banned:?}");
    }
    assert!(html.contains("<style>"), "CSS is inline");
    assert!(html.contains("@media print"), "has print rules");
}

#[test]
fn html_shows_sources_summary_findings_and_groups() {
    let cmp = with_findings();
    let html = report::render(&cmp, Format::Html).expect("html");

    let sources = between(&html, "<section id=\"sources\">", "</section>");
    assert!(sources.contains("River bursts its banks in Velmora"));
    assert!(sources.contains("articles/source-1.txt"));
    assert!(sources.contains("2031-03-04"));

    // The summary lists conflicts, then single-source facts, then agreements, linking below.
    let summary = between(&html, "<section id=\"summary\">", "</section>");
    let c = summary.find("href=\"#f0\"").expect("conflict linked");
    let s = summary.find("href=\"#f1\"").expect("single-source linked");
    let a = summary.find("href=\"#f2\"").expect("agreement linked");
    assert!(
        c < s && s < a,
        "order conflicts → single source → agreements"
    );
    assert!(summary.contains("How far the river rose: 4 m or 6 m"));

    // Each finding is an anchor with its status in words, mentions with value and note.
    let f0 = between(&html, "id=\"f0\"", "</table>");
    assert!(f0.contains("Conflict"));
    assert!(f0.contains("4 m") && f0.contains("6 m"));
    assert!(f0.contains("“4 metres”") && f0.contains("“6 metres”"));
    assert!(f0.contains("href=\"#g0\""), "links to its group");
    assert!(
        f0.contains("href=\"#d1.p0\""),
        "mention links to its passage"
    );
    let f1 = between(&html, "id=\"f1\"", "</table>");
    assert!(f1.contains("One source") && f1.contains("title before the name"));

    // Side by side: the group row has a cell per source; source 2 shows what changed.
    let row = between(&html, "<tr id=\"g0\">", "</tr>");
    assert!(row.contains("id=\"d0.p0\"") && row.contains("id=\"d1.p0\""));
    assert!(row.contains("<del>4</del>") && row.contains("<ins>6</ins>"));
    assert!(row.contains("<del>officials</del><ins>police</ins>"));
    assert!(
        row.contains("class=\"fact conflict\""),
        "conflicting fact marked"
    );
    assert!(row.contains("class=\"fact agree\""), "agreeing fact marked");
    assert!(row.contains("reference"));
    // The second cue: a symbol linking to the finding after each marked fact.
    assert!(row.contains("<sup class=\"mk conflict\"><a href=\"#f0\""));

    // Passages only one source has: the mayor's sentence, with its single-source fact marked.
    let single = between(&html, "<section id=\"single\">", "</section>");
    assert!(single.contains("Mayor Ilse Brandt"));
    assert!(single.contains("class=\"fact single\""));
    assert!(
        !single.contains("The river rose 4 metres"),
        "aligned text is not repeated"
    );

    let legend = between(&html, "class=\"legend\"", "</div>");
    for word in [
        "inserted",
        "removed",
        "contradict",
        "agree",
        "only one source",
    ] {
        assert!(legend.contains(word), "legend explains {word}");
    }
}

#[test]
fn markdown_shows_findings_and_marked_differences() {
    let md = report::render(&with_findings(), Format::Markdown).expect("md");
    let conflicts = md.find("### Conflicts (1)").expect("conflicts section");
    let single = md
        .find("### Single-source facts (1)")
        .expect("single section");
    let agree = md.find("### Agreements (1)").expect("agreements section");
    assert!(conflicts < single && single < agree);
    assert!(md.contains("“4 metres” → 4 m"));
    assert!(md.contains("title before the name"));
    assert!(md.contains("~~4~~ **6**"), "changed number marked: {md}");
    assert!(md.contains("~~officials~~ **police**"));
    assert!(md.contains("| 1 | River bursts its banks in Velmora |"));

    // In a Markdown viewer the marks become strikethrough and bold.
    let html = to_html(&md);
    assert!(html.contains("<del>4</del> <strong>6</strong>"), "{html}");
}

/// What a Markdown viewer makes of `md`: text escaped, raw HTML passed through as is (as
/// CommonMark viewers do), links as `<a href>`, strong and strikethrough as tags.
fn to_html(md: &str) -> String {
    use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag, TagEnd};
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = String::new();
    let opts = MdOptions::ENABLE_TABLES | MdOptions::ENABLE_STRIKETHROUGH;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&esc(&t)),
            Event::Html(h) | Event::InlineHtml(h) => out.push_str(&h),
            Event::Start(Tag::Strong) => out.push_str("<strong>"),
            Event::End(TagEnd::Strong) => out.push_str("</strong>"),
            Event::Start(Tag::Strikethrough) => out.push_str("<del>"),
            Event::End(TagEnd::Strikethrough) => out.push_str("</del>"),
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.push_str(&format!("<a href=\"{dest_url}\">"));
            }
            Event::End(TagEnd::Link) => out.push_str("</a>"),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push('\n'),
            _ => {}
        }
    }
    out
}

const HOSTILE: &str = "Breaking <script>alert('pwned')</script> news & more.\n\n\
    The council met <img src=x onerror=alert(1)> on Friday and voted 5 < 7 for **bold** | piped.\n\n\
    A [link](javascript:alert(2)) and <a href=\"http://evil.example\">a tag</a> & stray &amp; text.\n";

fn hostile() -> Comparison {
    let calm = "The council met on Friday and voted.\n\nNothing else happened in town.\n";
    compare_texts(
        &[("hostile<b>.txt", HOSTILE), ("calm.txt", calm)],
        &Options::default(),
    )
}

#[test]
fn hostile_article_text_is_shown_never_run_in_html() {
    let mut cmp = hostile();
    cmp.findings.push(Finding {
        id: "f0".into(),
        kind: FactKind::Quote,
        status: FindingStatus::Conflict,
        slot: String::new(),
        reason: String::new(),
        summary: "<script>alert(3)</script>".into(),
        group: None,
        mentions: vec![Mention {
            document: "d0".into(),
            start: 9,
            end: 17,
            text: "<script>".into(),
            value: "<img src=x onerror=alert(4)>".into(),
            qualifier: String::new(),
            note: "\" onmouseover=\"alert(5)".into(),
        }],
    });
    let html = report::render(&cmp, Format::Html).expect("html");
    let lower = html.to_lowercase();
    for banned in [
        "<script",
        "<img",
        "<a href=\"http",
        "<b>.txt",
        "onerror=alert(1)>",
    ] {
        assert!(
            !lower.contains(banned),
            "markup from the article got through: {banned}"
        );
    }
    assert!(!html.contains("\" onmouseover=\""), "attribute injection");
    assert!(html.contains("&quot; onmouseover=&quot;alert(5)"));
    // The reader sees the characters as written.
    let seen = visible(&html);
    assert!(seen.contains("Breaking <script>"), "{seen}");
    assert!(
        seen.contains("alert('pwned')</script> news & more."),
        "{seen}"
    );
    assert!(seen.contains("The council met <img src=x onerror=alert(1)> on Friday"));
    assert!(seen.contains("Summary") && seen.contains("<script>alert(3)</script>"));
    // (A fact mark may follow the quoted URL; the text around it reads as written.)
    assert!(
        seen.contains("and <a href=\"http://evil.example\""),
        "{seen}"
    );
    assert!(seen.contains(">a tag</a> & stray &amp; text."), "{seen}");
    assert!(seen.contains("5 < 7 for **bold** | piped."));
    assert!(html.contains("hostile&lt;b&gt;.txt"));
}

/// The text a browser shows: tags dropped, entities decoded.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn hostile_article_text_is_shown_never_run_in_markdown() {
    let md = report::render(&hostile(), Format::Markdown).expect("md");
    let html = to_html(&md);
    let lower = html.to_lowercase();
    for banned in ["<script", "<img", "<a href", "<b>", "<strong>bold"] {
        assert!(
            !lower.contains(banned),
            "markup got through Markdown: {banned}\n{html}"
        );
    }
    // A Markdown viewer shows the article's characters as written.
    assert!(
        html.contains("&lt;script&gt;alert('pwned')&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("**bold** | piped"), "{html}");
    assert!(html.contains("stray &amp;amp; text"), "{html}");
}

#[test]
fn json_report_round_trips() {
    for cmp in [seeds(), with_findings(), hostile()] {
        let text = report::render(&cmp, Format::Json).expect("json");
        assert_eq!(report::read_json(&text).expect("read back"), cmp);
    }
    // Through a file, as a user would save and load it.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.json");
    let cmp = with_findings();
    let text = report::render(&cmp, Format::Json).expect("json");
    report::write_atomic(&path, text.as_bytes(), &[]).expect("write");
    let back = std::fs::read_to_string(&path).expect("read");
    assert_eq!(report::read_json(&back).expect("parse"), cmp);
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
}

fn two_articles(dir: &Path) -> (PathBuf, PathBuf) {
    let a = dir.join("a.txt");
    let b = dir.join("b.txt");
    std::fs::write(
        &a,
        "Harbour reopens after storm\n\nThe port of Lindqvist reopened on Monday after a storm closed it for 3 days.\n",
    )
    .expect("write a");
    std::fs::write(
        &b,
        "Lindqvist port open again\n\nThe port of Lindqvist reopened on Monday after a storm shut it for 4 days.\n",
    )
    .expect("write b");
    (a, b)
}

#[test]
fn cli_writes_each_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = two_articles(dir.path());
    for (flag, file, starts) in [
        ("html", "r.html", "<!DOCTYPE html>"),
        ("md", "r.md", "# Crosscheck report"),
        ("json", "r.json", "{"),
    ] {
        let out = dir.path().join(file);
        let st = bin()
            .args(["report", "--format", flag, "-o"])
            .arg(&out)
            .arg(&a)
            .arg(&b)
            .output()
            .expect("run");
        assert!(
            st.status.success(),
            "{flag}: {}",
            String::from_utf8_lossy(&st.stderr)
        );
        let text = std::fs::read_to_string(&out).expect("report written");
        assert!(
            text.starts_with(starts),
            "{flag}: {}",
            &text[..text.len().min(80)]
        );
        assert!(text.contains("Lindqvist"));
    }
    // Without --format the extension decides.
    let out = dir.path().join("by-ext.md");
    let st = bin()
        .arg("report")
        .arg("-o")
        .arg(&out)
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    assert!(st.status.success());
    assert!(
        std::fs::read_to_string(&out)
            .expect("md")
            .starts_with("# Crosscheck report")
    );
}

#[test]
fn cli_never_writes_a_report_over_a_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = two_articles(dir.path());
    let before = std::fs::read(&a).expect("read");
    let st = bin()
        .args(["report", "--format", "html", "-o"])
        .arg(&a)
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    // Refused before the compare, as a bad argument.
    assert_eq!(st.status.code(), Some(2));
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(
        err.contains("source article") && err.contains("a.txt"),
        "{err}"
    );
    assert_eq!(std::fs::read(&a).expect("read"), before, "source untouched");
}

#[test]
fn a_failed_write_leaves_the_old_file_and_says_why() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = two_articles(dir.path());
    // The target is a folder with a file in it: refused before the compare, nothing is lost.
    let target = dir.path().join("out.html");
    std::fs::create_dir(&target).expect("mkdir");
    std::fs::write(target.join("keep.txt"), "keep").expect("write");
    let st = bin()
        .args(["report", "-o"])
        .arg(&target)
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    // Refused before the compare, as a bad argument.
    assert_eq!(st.status.code(), Some(2));
    let err = String::from_utf8_lossy(&st.stderr);
    assert!(
        err.contains("cannot write report") && err.contains("out.html"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(target.join("keep.txt")).expect("kept"),
        "keep"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary file left behind");

    // A missing folder is named in the error.
    let st = bin()
        .args(["report", "-o"])
        .arg(dir.path().join("no/such/dir/r.md"))
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    assert_eq!(st.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&st.stderr).contains("no/such/dir/r.md"));
}

#[test]
fn the_mention_index_marks_every_passage_as_a_scan_of_all_findings_does() {
    let cmp = seeds();
    let index = crosscheck::marks::MentionIndex::new(&cmp);
    let mut marked = 0;
    for (d, doc) in cmp.documents.iter().enumerate() {
        for (pi, p) in doc.passages.iter().enumerate() {
            let slow = crosscheck::marks::pieces(&cmp, doc, p, None);
            let fast = index.pieces(&cmp, d, pi, None);
            assert_eq!(fast, slow, "{}", p.id);
            marked += slow
                .iter()
                .filter(|x| matches!(x, crosscheck::marks::Piece::FactEnd(..)))
                .count();
        }
    }
    assert!(marked > 20, "the seeds have facts to mark: {marked}");
}

#[test]
fn reports_streamed_section_by_section_are_the_rendered_ones() {
    let cmp = seeds();
    for format in [Format::Json, Format::Markdown, Format::Html] {
        let mut streamed = Vec::new();
        report::render_to(&cmp, format, &mut streamed).expect("stream");
        assert_eq!(
            String::from_utf8(streamed).expect("utf-8"),
            report::render(&cmp, format).expect("render"),
            "{format:?}"
        );
    }
}
