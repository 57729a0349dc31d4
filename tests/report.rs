//! Reports as a reader gets them: the three formats on the seed articles (snapshots), findings
//! rendered from a hand-built comparison, hostile article text, the JSON round trip, and the
//! command line writing each format.

use std::path::{Path, PathBuf};
use std::process::Command;

use crosscheck::model::{
    Comparison, CopySet, DiffOp, DiffTag, Document, FactKind, Finding, FindingStatus, Group,
    Mention, Passage, PassageDiff, Span,
};
use crosscheck::report::{self, Format};
use crosscheck::review::{self, Verdict};
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
        named: None,
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
    assert!(
        row.contains("<del>officials</del> → <ins>police</ins>"),
        "a replaced word reads old → new: {row}"
    );
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
    assert!(md.contains("~~4~~ → **6**"), "changed number marked: {md}");
    assert!(md.contains("~~officials~~ → **police**"));
    assert!(md.contains("| 1 | River bursts its banks in Velmora |"));
    // A mention says which aligned group its passage is in, by the name the group's heading
    // gives it; no internal id of a document or passage is shown.
    let mentions: Vec<&str> = md.lines().filter(|l| l.starts_with("- *")).collect();
    assert!(!mentions.is_empty(), "{md}");
    assert!(
        mentions.iter().any(|l| l.contains("(aligned in g0)")),
        "{md}"
    );
    assert!(md.contains("### g0"), "{md}");
    assert!(
        !mentions
            .iter()
            .any(|l| l.contains("(passage ") || (0..3).any(|d| l.contains(&format!("d{d}.p")))),
        "{md}"
    );

    // In a Markdown viewer the marks become strikethrough and bold.
    let html = to_html(&md);
    assert!(html.contains("<del>4</del> → <strong>6</strong>"), "{html}");
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
        ("md", "r.md", "# Harbour reopens after storm — 2 sources\n"),
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
            .starts_with("# Harbour reopens after storm — 2 sources\n")
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

/// Letters naming the invented outlets.
const OUTLETS: [&str; 8] = [
    "Arden", "Brook", "Corran", "Dalby", "Eskel", "Farrow", "Glen", "Hale",
];

/// `n` invented reports of one flood (`n` ≤ 8): group g0 holds the river's rise as every source
/// but the last gives it, with source `reference` (not the last) as its reference; group g1 holds
/// the line on shelters of the first and the last source.
fn flood_reports(n: usize, reference: usize) -> Comparison {
    let rise = |k: usize| format!("The river rose {} metres on Tuesday.", k + 2);
    let shelters = "Three shelters opened in the town hall.";
    let mut cmp = Comparison::empty();
    for (k, outlet) in OUTLETS.iter().enumerate().take(n) {
        let mut texts = Vec::new();
        let mut grouped = Vec::new();
        if k + 1 < n {
            texts.push(rise(k));
            grouped.push(Some("g0"));
        }
        if k == 0 || k + 1 == n {
            texts.push(shelters.to_string());
            grouped.push(Some("g1"));
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let title = format!("Flood report by {outlet}");
        cmp.documents.push(document(k, &title, &texts, &grouped));
    }
    let equal = |text: &str| DiffOp {
        op: DiffTag::Equal,
        text: text.into(),
    };
    let diffs = (0..n - 1)
        .filter(|&k| k != reference)
        .map(|k| PassageDiff {
            passage: format!("d{k}.p0"),
            ops: vec![
                equal("The river rose "),
                DiffOp {
                    op: DiffTag::Delete,
                    text: (reference + 2).to_string(),
                },
                DiffOp {
                    op: DiffTag::Insert,
                    text: (k + 2).to_string(),
                },
                equal(" metres on Tuesday."),
            ],
            approximate: None,
            mode: Default::default(),
        })
        .collect();
    cmp.groups.push(Group {
        id: "g0".into(),
        label: "river · rose · Tuesday".into(),
        reference: format!("d{reference}.p0"),
        passages: (0..n - 1).map(|k| format!("d{k}.p0")).collect(),
        cohesion: 0.9,
        disagreement: 0.1,
        diffs,
    });
    cmp.groups.push(Group {
        id: "g1".into(),
        label: "shelters · town · hall".into(),
        reference: "d0.p1".into(),
        passages: vec!["d0.p1".into(), format!("d{}.p0", n - 1)],
        cohesion: 1.0,
        disagreement: 0.0,
        diffs: vec![PassageDiff {
            passage: format!("d{}.p0", n - 1),
            ops: vec![equal(shelters)],
            approximate: None,
            mode: Default::default(),
        }],
    });
    cmp
}

/// Where each of `names` first shows in `text`, in the order given.
fn positions(text: &str, names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .map(|n| {
            text.find(n)
                .unwrap_or_else(|| panic!("{n:?} not in {text}"))
        })
        .collect()
}

#[test]
fn six_aligned_sources_print_each_group_stacked_reference_first() {
    // Six sources, the fourth the reference of g0: no table of six narrow columns.
    let cmp = flood_reports(6, 3);
    let html = report::render(&cmp, Format::Html).expect("html");
    let passages = visible(between(&html, "<section id=\"passages\">", "</section>"));
    assert!(!html.contains("class=\"groups\""), "no side-by-side table");
    assert!(
        !passages.contains("not in this source"),
        "no empty cells: {passages}"
    );
    let g0 = between(&passages, "g0 river", "g1 shelters");
    assert!(g0.contains("5 sources · 4 differences"), "{g0}");
    let at = positions(
        g0,
        &[
            "4. Flood report by Dalby",
            "reference",
            "The river rose 5 metres",
            "1. Flood report by Arden",
            "word diff",
            "2. Flood report by Brook",
            "3. Flood report by Corran",
            "5. Flood report by Eskel",
        ],
    );
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "reference first, under its source's name and tag, then the others in order: {g0}"
    );
    // Each passage keeps its anchor and its marks.
    assert!(html.contains("id=\"d0.p0\"") && html.contains("<del>5</del> → <ins>2</ins>"));
    // An outlet with the reference's very words is one line naming it, not its text again.
    let g1 = &passages[passages.find("g1 shelters").expect("g1")..];
    assert_eq!(g1.matches("Three shelters opened").count(), 1, "{g1}");
    assert!(g1.contains("Same words as the reference in 6."), "{g1}");
    assert!(
        html.contains("id=\"d5.p0\""),
        "its anchor stays for the findings"
    );

    let md = report::render(&cmp, Format::Markdown).expect("md");
    let g0 = between(&md, "### g0", "### g1");
    assert!(g0.contains("5 sources · 4 differences"), "{g0}");
    let at = positions(
        g0,
        &[
            "**4. Flood report by Dalby** (reference)",
            "> The river rose 5 metres",
            "**1. Flood report by Arden** (word diff)",
            "**2. Flood report by Brook**",
            "**3. Flood report by Corran**",
            "**5. Flood report by Eskel**",
        ],
    );
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{g0}");
    let g1 = &md[md.find("### g1").expect("g1")..];
    assert_eq!(g1.matches("Three shelters opened").count(), 1, "{g1}");
    assert!(g1.contains("*Same words as the reference in 6."), "{g1}");

    // Words the diff counts as one but a reader sees apart (capitals) print in full.
    let mut cased = cmp.clone();
    cased.documents[5].passages[0].text = "three shelters opened in the Town Hall.".into();
    for format in [Format::Html, Format::Markdown] {
        let out = report::render(&cased, format).expect("report");
        assert!(!out.contains("Same words as the reference"), "{format:?}");
        assert!(
            out.contains("three shelters opened in the Town Hall."),
            "{format:?}"
        );
    }
}

#[test]
fn five_aligned_sources_print_side_by_side() {
    let cmp = flood_reports(5, 2);
    let html = report::render(&cmp, Format::Html).expect("html");
    let table = between(&html, "<table class=\"groups\">", "</table>");
    let head = visible(between(table, "<thead>", "</thead>"));
    let at = positions(
        &head,
        &[
            "1. Flood report by Arden",
            "2. Flood report by Brook",
            "3. Flood report by Corran",
            "4. Flood report by Dalby",
            "5. Flood report by Eskel",
        ],
    );
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "a column per source, in order: {head}"
    );
    // One row per group, a cell per source; a source without the passage says so.
    let g0 = visible(between(table, "<tr id=\"g0\">", "</tr>"));
    assert!(g0.contains("not in this source"), "{g0}");
    assert!(g0.contains("4 sources · 3 differences"), "{g0}");
    let g1 = visible(between(table, "<tr id=\"g1\">", "</tr>"));
    assert_eq!(g1.matches("not in this source").count(), 3, "{g1}");
    // Markdown stacks whatever the number of sources, the reference first.
    let md = report::render(&cmp, Format::Markdown).expect("md");
    let g0 = between(&md, "### g0", "### g1");
    let at = positions(
        g0,
        &[
            "**3. Flood report by Corran** (reference)",
            "**1. Flood report by Arden**",
        ],
    );
    assert!(at[0] < at[1], "{g0}");
}

#[test]
fn the_title_names_the_story_and_its_sources() {
    let mut cmp = with_findings();
    let html = report::render(&cmp, Format::Html).expect("html");
    assert!(html.contains("<title>River bursts its banks in Velmora — 2 sources</title>"));
    assert!(html.contains("<h1>River bursts its banks in Velmora — 2 sources</h1>"));
    let md = report::render(&cmp, Format::Markdown).expect("md");
    assert!(
        md.starts_with("# River bursts its banks in Velmora — 2 sources\n"),
        "{md}"
    );

    // Copies of one text are one independent source.
    cmp.documents.push(document(
        2,
        "River bursts its banks",
        &["The river rose 4 metres on Tuesday, officials said."],
        &[None],
    ));
    cmp.copies = vec![CopySet {
        documents: vec!["d0".into(), "d2".into()],
        overlap: 0.9,
    }];
    let md = report::render(&cmp, Format::Markdown).expect("md");
    assert!(
        md.starts_with("# River bursts its banks in Velmora — 3 sources (2 independent)\n"),
        "{md}"
    );

    // Sources named only by their file name: the story is named by the first one's lead.
    for d in &mut cmp.documents {
        d.title = std::path::Path::new(&d.path)
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
    }
    let html = report::render(&cmp, Format::Html).expect("html");
    assert!(
        html.contains("<h1>The river rose 4 metres on Tuesday, officials said — 3 sources (2 independent)</h1>"),
        "{}",
        between(&html, "<h1>", "</h1>")
    );
}

/// Two invented articles: one quotes the harbour master alone, both quote the mayor alike.
fn quoting() -> Comparison {
    compare_texts(
        &[
            (
                "a.txt",
                "Storm closes Lindqvist harbour\n\nThe storm closed the harbour at Lindqvist on \
                 Monday. \"We will reopen the harbour as soon as the cranes are safe again,\" \
                 harbour master Ines Kolar said.\n\n\"Nobody was hurt,\" Mayor Ruth Baptiste said \
                 on Monday evening.\n",
            ),
            (
                "b.txt",
                "Harbour shut by storm\n\nA storm shut the harbour of Lindqvist on Monday, \
                 officials said.\n\n\"Nobody was hurt,\" Mayor Ruth Baptiste said on Monday \
                 evening.\n",
            ),
        ],
        &Options::default(),
    )
}

/// The block of finding `id`: from its anchor to the next finding or section.
fn finding_block<'a>(html: &'a str, id: &str) -> &'a str {
    let from = "<div class=\"finding ";
    let anchor = format!("\" id=\"{id}\">");
    let start = html
        .find(&anchor)
        .unwrap_or_else(|| panic!("{id} not in report"));
    let rest = &html[start..];
    let end = [rest.find(from), rest.find("</section>")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The Markdown block of finding `id`: its header line and the lines after it, up to the next
/// finding's header or the next heading.
fn md_finding_block(md: &str, id: &str) -> String {
    let is_header =
        |l: &str| l.starts_with("**") && !l.starts_with("**Review:") && l.contains("** — ");
    let mut lines = md
        .lines()
        .skip_while(|l| !(is_header(l) && l.contains(&format!(", {id}"))));
    let first = lines.next().unwrap_or_else(|| panic!("{id} not in report"));
    let rest = lines.take_while(|l| !is_header(l) && !l.starts_with('#'));
    std::iter::once(first)
        .chain(rest)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_quote_is_printed_once_per_finding() {
    let cmp = quoting();
    let html = report::render(&cmp, Format::Html).expect("html");
    let md = report::render(&cmp, Format::Markdown).expect("md");
    let quote = |words: &str| {
        cmp.findings
            .iter()
            .find(|f| {
                f.kind == FactKind::Quote && f.mentions.iter().any(|m| m.text.contains(words))
            })
            .unwrap_or_else(|| panic!("a quote finding for {words:?}: {:#?}", cmp.findings))
    };
    // Quoted by one source: the words in full once (the summary above them may open with their
    // head, as a headline does), not again as the value read (in lower case).
    let alone = quote("cranes are safe");
    assert_eq!(alone.status, FindingStatus::SingleSource);
    let note = &alone.mentions[0].note;
    let block = visible(finding_block(&html, &alone.id));
    assert_eq!(block.matches("cranes are safe again").count(), 1, "{block}");
    assert!(!block.contains("we will reopen"), "{block}");
    assert!(
        block.contains(note.as_str()),
        "how it was read is kept: {block}"
    );
    let block = md_finding_block(&md, &alone.id);
    assert_eq!(block.matches("cranes are safe again").count(), 1, "{block}");
    assert!(!block.contains("we will reopen"), "{block}");
    assert!(block.contains(note.as_str()), "{block}");

    // Quoted by both: once per source, with no Value column repeating it.
    let both = quote("Nobody was hurt");
    assert_eq!(both.mentions.len(), 2);
    let block = finding_block(&html, &both.id);
    assert!(!block.contains("<th>Value</th>"), "{block}");
    assert!(!visible(block).contains("nobody was hurt"), "{block}");
    let block = md_finding_block(&md, &both.id);
    assert!(!block.contains("nobody was hurt"), "{block}");
    assert_eq!(
        block.matches("- *").count(),
        2,
        "a line per source: {block}"
    );
}

#[test]
fn copies_of_one_text_are_named_and_counted_as_one_source() {
    let mut cmp = with_findings();
    cmp.documents.push(document(
        2,
        "River bursts its banks",
        &["The river rose 4 metres on Tuesday, officials said."],
        &[None],
    ));
    cmp.copies = vec![CopySet {
        documents: vec!["d0".into(), "d2".into()],
        overlap: 0.9,
    }];
    // The conflict is stated by all three outlets: two independent sources.
    let text = cmp.documents[2].text.clone();
    let start = text.find("4 metres").expect("in text");
    cmp.findings[0].mentions.push(Mention {
        document: "d2".into(),
        start,
        end: start + "4 metres".len(),
        text: "4 metres".into(),
        value: "4 m".into(),
        qualifier: String::new(),
        note: "metres".into(),
    });

    let html = report::render(&cmp, Format::Html).expect("html");
    let sources = visible(between(&html, "<section id=\"sources\">", "</section>"));
    assert!(
        sources.contains("River bursts its banks in Velmorasame text as 3"),
        "{sources}"
    );
    assert!(
        sources.contains("River bursts its bankssame text as 1"),
        "{sources}"
    );
    let summary = visible(between(&html, "<section id=\"summary\">", "</section>"));
    assert!(
        summary.contains("3 outlets, 2 independent sources"),
        "{summary}"
    );
    let head = visible(between(&html, "id=\"f0\"", "</div>"));
    assert!(head.contains("3 outlets, 2 independent sources"), "{head}");
    let agreement = visible(between(&html, "id=\"f2\"", "</div>"));
    assert!(
        agreement.contains("· 2 sources"),
        "no copies among its mentions: {agreement}"
    );

    let md = report::render(&cmp, Format::Markdown).expect("md");
    assert!(
        md.contains("| 1 | River bursts its banks in Velmora (same text as 3) |"),
        "{md}"
    );
    assert!(
        md.contains("| 3 | River bursts its banks (same text as 1) |"),
        "{md}"
    );
    assert!(md.contains("- 3 outlets, 2 independent sources\n"), "{md}");
    let f0 = md_finding_block(&md, "f0");
    assert!(f0.contains("3 outlets, 2 independent sources"), "{f0}");

    // Copies that share little more than half their word runs (a rewrite of one agency story)
    // are not called the same text outright.
    cmp.copies[0].overlap = 0.59;
    let md = report::render(&cmp, Format::Markdown).expect("md");
    assert!(
        md.contains("| 1 | River bursts its banks in Velmora (59% the same text as 3) |"),
        "{md}"
    );
}

#[test]
fn a_review_prints_its_verdict_and_note_by_the_finding() {
    let mut cmp = with_findings();
    review::set(
        &mut cmp,
        0,
        Some(Verdict::NeedsCall),
        "ask the desk which gauge",
    );
    review::set(&mut cmp, 2, None, "seen in the police log");

    let html = report::render(&cmp, Format::Html).expect("html");
    let f0 = visible(finding_block(&html, "f0"));
    let head = f0.find("How far the river rose").expect("header");
    let review = f0
        .find("⚑ needs a call — ask the desk which gauge")
        .unwrap_or_else(|| panic!("verdict and note: {f0}"));
    let table = f0.find("As written").expect("mentions");
    assert!(head < review && review < table, "by the header: {f0}");
    let f2 = visible(finding_block(&html, "f2"));
    assert!(
        f2.contains("Review: seen in the police log"),
        "a note alone: {f2}"
    );
    assert!(!visible(finding_block(&html, "f1")).contains("Review"));

    let md = report::render(&cmp, Format::Markdown).expect("md");
    let f0 = md_finding_block(&md, "f0");
    let lines: Vec<&str> = f0.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[1], "**Review:** ⚑ needs a call — ask the desk which gauge",
        "{f0}"
    );
    assert!(md_finding_block(&md, "f2").contains("**Review:** seen in the police log"));
}

#[test]
fn a_memo_says_it_is_one_and_holds_only_conflicts_and_marked_findings() {
    let mut cmp = with_findings();
    review::set(&mut cmp, 1, Some(Verdict::Checked), "");
    let memo = review::memo(&cmp);

    let html = report::render(&memo, Format::Html).expect("html");
    assert!(
        html.contains("<h1>Fact-check memo: River bursts its banks in Velmora — 2 sources</h1>"),
        "{}",
        between(&html, "<h1>", "</h1>")
    );
    let header = visible(between(&html, "<header>", "</header>"));
    assert!(
        header.contains("only the conflicts and the findings the reader marked"),
        "{header}"
    );
    assert!(html.contains("id=\"f0\"") && html.contains("id=\"f1\""));
    assert!(
        !html.contains("id=\"f2\""),
        "the unmarked agreement is left out"
    );
    assert!(visible(finding_block(&html, "f1")).contains("☑ checked"));

    let md = report::render(&memo, Format::Markdown).expect("md");
    assert!(
        md.starts_with(
            "# Fact-check memo: River bursts its banks in Velmora — 2 sources\n\n\
             **This fact-check memo holds only the conflicts and the findings the reader marked.**"
        ),
        "{md}"
    );
    assert!(!md.contains(", f2"));
}

#[test]
fn a_memo_prints_of_the_text_only_one_source_has_only_what_its_findings_cite() {
    let cmp = with_findings();
    let single = |report: &str| -> String {
        let at = report
            .find("Passages only one source has")
            .expect("the section");
        report[at..].to_string()
    };
    // The memo of the conflict alone cites no passage only one source has.
    let memo = review::memo(&cmp);
    for format in [Format::Html, Format::Markdown] {
        let out = report::render(&memo, format).expect("memo");
        assert!(
            !single(&out).contains("opened three shelters"),
            "{format:?}: an uncited passage is printed: {}",
            single(&out)
        );
    }
    // Marked, the mayor's finding cites its passage, which the memo then prints.
    let mut marked = cmp.clone();
    review::set(&mut marked, 1, Some(Verdict::Checked), "");
    let memo = review::memo(&marked);
    for format in [Format::Html, Format::Markdown] {
        let out = report::render(&memo, format).expect("memo");
        assert!(
            single(&out).contains("opened three shelters"),
            "{format:?}: the cited passage is missing: {}",
            single(&out)
        );
    }
    // A report prints all of it.
    let out = report::render(&cmp, Format::Markdown).expect("report");
    assert!(single(&out).contains("opened three shelters"));
    // Another passage of the same source that no finding cites stays out of the memo.
    let mut more = marked.clone();
    let doc = &mut more.documents[0];
    let extra = "Schools in Velmora stay closed until Friday.";
    let start = doc.text.len() + 2;
    doc.text.push_str(&format!("\n\n{extra}"));
    doc.passages.push(passage(0, 2, extra, start, None));
    let memo = review::memo(&more);
    for format in [Format::Html, Format::Markdown] {
        let out = report::render(&memo, format).expect("memo");
        assert!(single(&out).contains("opened three shelters"));
        assert!(
            !single(&out).contains("Schools in Velmora"),
            "{format:?}: an uncited passage of a cited source is printed: {}",
            single(&out)
        );
    }
}

#[test]
fn a_passage_told_again_prints_under_its_sources_first() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/retold");
    let texts: Vec<(String, String)> = ["fire_a.txt", "fire_b.txt", "fire_c.txt"]
        .iter()
        .map(|f| {
            (
                (*f).to_string(),
                std::fs::read_to_string(dir.join(f)).expect("fixture"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let cmp = compare_texts(&refs, &Options::default());
    let html = report::render(&cmp, Format::Html).expect("html");
    // In the side-by-side row, the retold passage is inside its source's cell, tagged.
    let row = html
        .split("<tr id=\"g0\">")
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .expect("the fire's row");
    assert_eq!(row.matches("<td").count(), 3, "one cell per source: {row}");
    assert!(row.contains("<div class=\"again\""), "{row}");
    assert!(row.contains("told again"), "{row}");
    let md = report::render(&cmp, Format::Markdown).expect("markdown");
    assert!(md.contains("(told again · "), "{md}");
}

/// A report is named by the headline the sources' titles share most, not by the first title
/// given, which may be one outlet's quip.
#[test]
fn a_report_is_named_by_the_headline_its_sources_share() {
    let titles = [
        "It's about time, right?",
        "Ferry Aurelia runs aground off Kessel Island",
        "Aurelia aground off Kessel; all passengers safe",
        "Coast guard tows the Aurelia to port",
    ];
    let mut cmp = Comparison::empty();
    for (i, t) in titles.iter().enumerate() {
        cmp.documents
            .push(document(i, t, &["The ferry ran aground."], &[None]));
    }
    assert_eq!(
        report::title(&cmp),
        "Ferry Aurelia runs aground off Kessel Island — 4 sources"
    );
    let md = report::render(&cmp, Format::Markdown).expect("md");
    assert!(
        md.starts_with("# Ferry Aurelia runs aground off Kessel Island — 4 sources"),
        "{md}"
    );
}

#[test]
fn a_report_opens_with_what_was_found_before_the_table_of_sources() {
    let mut cmp = with_findings();
    cmp.documents[0].passages[0].boilerplate = true;
    let html = report::render(&cmp, Format::Html).expect("html");
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in {html}"));
    assert!(at("<section id=\"summary\">") < at("<section id=\"sources\">"));
    assert!(
        html.contains(
            "1 boilerplate passage (comment forms, related links, bios…) is shown dimmed and \
             left out of the alignment."
        ),
        "{html}"
    );
    let md = report::render(&cmp, Format::Markdown).expect("md");
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} in {md}"));
    assert!(at("## Summary") < at("## What was compared"));
}
