//! The HTML report: one self-contained page (inline CSS, no scripts, fonts or requests) that reads
//! in any browser and prints cleanly.
//!
//! Layout: the story's title, what was compared and a summary with links to every finding; the
//! findings by status; the aligned passages with inserted and removed words and fact marks, side
//! by side (one row per group, one column per source) up to [`super::MAX_COLUMNS`] sources and
//! past that one stacked list per group, reference first; then the passages only one source has. Every piece of article
//! text goes through [`esc`], so markup in an article is shown as text and never runs.

use std::fmt::Write;

use super::{
    Member, STATUS_SECTIONS, Summary, aligned_documents, always_counted, dateline_origin,
    finding_sources, findings_with, group_counts, kind_word, members, memo_line, quoted,
    reference_first, review_line, same_as_reference, same_text_as, same_words_line, shown_value,
    source_name, stacked, status_class, status_symbol, status_word, summary_limit,
};
use crate::marks::{FactMark, MentionIndex, Piece, WordMark};
use crate::model::{Comparison, Document, Finding, Group, Mention, Passage};

/// Escapes text for element content and double-quoted attributes (`&`, `<`, `>`, `"`); every
/// attribute of the report is double-quoted.
fn esc(s: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(s)
}

const CSS: &str = r#"
:root { --ins-bg:#cceed2; --ins-line:#147832; --del-bg:#f8d4d4; --del-line:#aa141e;
  --conflict:#b41e14; --agree:#147828; --developing:#965a00; --single:#1e50b4; --unresolved:#5a5a5a; --weak:#5f5f5f;
  --rule:#d0d4da; --head:#eef1f6; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color:#141414; background:#fff; margin:0 auto; padding:1.5rem 2rem 3rem; max-width:110rem; }
h1 { font-size:1.7rem; margin:0 0 .2rem; }
h2 { font-size:1.3rem; margin:2rem 0 .6rem; padding-bottom:.2rem; border-bottom:2px solid var(--rule); }
h3 { font-size:1.05rem; margin:1.2rem 0 .4rem; }
a { color:#1a4fa0; }
.weak, .note { color:var(--weak); }
.sub { margin:0 0 1rem; color:var(--weak); }
.memo { margin:.3rem 0; font-weight:600; }
table { border-collapse:collapse; width:100%; }
th, td { border:1px solid var(--rule); padding:.35rem .5rem; vertical-align:top; text-align:left; }
thead th { background:var(--head); }
.sources td:nth-child(4) { white-space:nowrap; }
.sources td.path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size:.85em; word-break:break-all; }
.counts { display:flex; flex-wrap:wrap; gap:.5rem 1.5rem; list-style:none; padding:0; margin:.4rem 0 1rem; }
.counts li b { font-size:1.15em; }
.toc ol { margin:.2rem 0 .6rem; }
.toc .more { margin:.2rem 0 .6rem 2.5rem; }
.badge { display:inline-block; font-size:.8em; font-weight:600; padding:0 .4em; border-radius:.3em;
  border:1px solid currentColor; white-space:nowrap; }
.badge.conflict, .finding.conflict > .head .sym { color:var(--conflict); }
.badge.agree, .finding.agree > .head .sym { color:var(--agree); }
.badge.developing, .finding.developing > .head .sym { color:var(--developing); }
.badge.single, .finding.single > .head .sym { color:var(--single); }
.badge.unresolved, .finding.unresolved > .head .sym { color:var(--unresolved); }
.finding { border-left:4px solid var(--rule); padding:.3rem .7rem; margin:.5rem 0; break-inside:avoid; }
.finding.conflict { border-left-color:var(--conflict); }
.finding.agree { border-left-color:var(--agree); }
.finding.developing { border-left-color:var(--developing); border-left-style:double; }
.finding.single { border-left-color:var(--single); border-left-style:dashed; }
.finding.unresolved { border-left-color:var(--unresolved); border-left-style:dotted; }
.finding .head { font-weight:600; }
.finding table { margin-top:.3rem; font-size:.93em; table-layout:fixed; }
.mentions th:nth-child(1) { width:24%; } .mentions th:nth-child(2) { width:30%; }
.mentions th:nth-child(3) { width:20%; }
.mentions.words th:nth-child(2) { width:46%; } .mentions.words th:nth-child(3) { width:auto; }
.review { margin:.25rem 0; padding:.1rem .5rem; background:#fff6d6; border:1px solid #d9b44a;
  border-radius:.3rem; font-size:.93em; }
.finding p.one { margin:.2rem 0 0; font-size:.93em; }
.mentions td { padding:.2rem .5rem; }
.copy { display:block; font-size:.85em; color:var(--weak); }
.legend { display:flex; flex-wrap:wrap; gap:.4rem 1.4rem; padding:.5rem .8rem; margin:.5rem 0 1rem;
  background:#f7f8fa; border:1px solid var(--rule); border-radius:.3rem; font-size:.92em; }
ins { background:var(--ins-bg); text-decoration:underline 2px var(--ins-line); text-underline-offset:2px; }
del { background:var(--del-bg); text-decoration:line-through 2px var(--del-line); color:#4a1a1a; }
.same { color:#3d5a80; }
b.own { background:var(--ins-bg); font-weight:600; }
.lacks { display:block; font-size:.85em; color:var(--weak); font-style:italic; }
.fact { border-bottom:2px dotted var(--weak); }
.fact.conflict { border-bottom:3px double var(--conflict); background:#fde7e4; }
.fact.agree { border-bottom:2px solid var(--agree); }
.fact.developing { border-bottom:3px double var(--developing); }
.fact.single { border-bottom:2px dashed var(--single); }
.fact.unresolved { border-bottom:2px dotted var(--unresolved); }
sup.mk { font-size:.72em; font-weight:700; margin:0 .1em; }
sup.mk a { text-decoration:none; }
sup.mk.conflict a { color:var(--conflict); } sup.mk.agree a { color:var(--agree); }
sup.mk.developing a { color:var(--developing); }
sup.mk.single a { color:var(--single); } sup.mk.unresolved a { color:var(--unresolved); }
.groups { table-layout:fixed; }
.groups th.gh { width:11rem; background:var(--head); font-weight:normal; }
.groups th.gh .gid { font-weight:700; }
td.ref { background:#fbfbf3; }
.group { margin:.8rem 0; }
.group .gh { background:var(--head); padding:.2rem .5rem; border:1px solid var(--rule); border-bottom:0; }
.group .gh .gid { font-weight:700; }
.stack { table-layout:fixed; }
.stack th { width:12rem; font-weight:normal; font-size:.85em; color:#333; }
.stack th .tag { margin:.15rem 0 0; }
.groups td.none { color:var(--weak); font-style:italic; background:#fafafa; }
.tag { display:block; font-size:.78em; color:var(--weak); margin-bottom:.15rem; }
.again { margin-top:.5rem; padding-top:.35rem; border-top:1px dashed #ccc; }
.doc p { margin:.3rem 0 .6rem; }
.doc .bp { color:var(--weak); }
.doc .bp::after { content:attr(data-why); font-size:.78em; font-style:italic; margin-left:.3em; }
.doc a.chip { font-size:.8em; padding:0 .3em; border:1px solid var(--rule); border-radius:.3em;
  text-decoration:none; white-space:nowrap; }
.warn { border-left:4px solid #c08000; padding:.3rem .7rem; background:#fff8e6; }
:target { outline:3px solid #c87800; outline-offset:2px; }
@media print {
  body { padding:0; max-width:none; font-size:10.5pt; }
  h1 { font-size:16pt; }
  * { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  h2 { break-after:avoid; } h3 { break-after:avoid; } .group .gh { break-after:avoid; }
  #passages, #single { break-before:page; }
  tr, .finding, .doc p { break-inside:avoid; }
  thead { display:table-header-group; }
  a { color:inherit; text-decoration:none; }
  :target { outline:none; }
}
"#;

/// Renders the HTML report.
pub(super) fn render(cmp: &Comparison) -> String {
    let mut h = String::with_capacity(
        64 * 1024
            + cmp
                .documents
                .iter()
                .map(|d| d.text.len() * 3)
                .sum::<usize>(),
    );
    write_into(cmp, &mut h, &mut |_| true);
    h
}

/// Writes the HTML report into `h`, calling `flush` after each finding, group and source's
/// section (to stream it out: `flush` may take what `h` holds, and returns false to stop, after a
/// failed write).
pub(super) fn write_into(
    cmp: &Comparison,
    h: &mut String,
    flush: &mut dyn FnMut(&mut String) -> bool,
) {
    let title = super::title(cmp);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"crosscheck {}\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&title)
    );
    let _ = writeln!(h, "<header>\n<h1>{}</h1>", esc(&title));
    if let Some(line) = memo_line(cmp) {
        let _ = writeln!(h, "<p class=\"memo\">{}</p>", esc(line));
    }
    let _ = writeln!(
        h,
        "<p class=\"sub\">Crosscheck report · format {} version {} · generated by crosscheck {}</p>\n</header>",
        esc(&cmp.format),
        cmp.version,
        env!("CARGO_PKG_VERSION")
    );
    // What was found first, then what was compared: with many sources, a table of them
    // filled the first screen.
    summary(h, cmp);
    warnings(h, cmp);
    sources(h, cmp);
    if !flush(h) {
        return;
    }
    findings(h, cmp, flush);
    let index = MentionIndex::new(cmp);
    groups(h, cmp, &index, flush);
    if !flush(h) {
        return;
    }
    singles(h, cmp, &index, flush);
    h.push_str("</body>\n</html>\n");
}

fn sources(h: &mut String, cmp: &Comparison) {
    h.push_str("<section id=\"sources\">\n<h2>What was compared</h2>\n");
    if cmp.documents.is_empty() {
        h.push_str("<p>No sources.</p>\n</section>\n");
        return;
    }
    h.push_str(
        "<table class=\"sources\">\n<thead><tr><th>#</th><th>Title</th><th>File</th>\
         <th>Dateline</th><th>Dateline from</th></tr></thead>\n<tbody>\n",
    );
    for (i, d) in cmp.documents.iter().enumerate() {
        let copy = same_text_as(cmp, i).map_or(String::new(), |c| {
            format!("<span class=\"copy\">{}</span>", esc(&c))
        });
        let _ = writeln!(
            h,
            "<tr id=\"{}\"><td>{}</td><td>{}{copy}</td><td class=\"path\">{}</td><td>{}</td><td>{}</td></tr>",
            esc(&d.id),
            i + 1,
            esc(&d.title),
            esc(&super::visible(&d.path)),
            d.dateline
                .as_deref()
                .map_or("<span class=\"weak\">none found</span>".into(), esc),
            esc(&dateline_origin(d)),
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

fn summary(h: &mut String, cmp: &Comparison) {
    let s = Summary::of(cmp);
    h.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<ul class=\"counts\">\n");
    let _ = writeln!(
        h,
        "<li><a href=\"#sources\"><b>{}</b></a></li>",
        esc(&s.sources)
    );
    let mut count = |n: usize, one: &str, many: &str, link: Option<&str>| {
        let what = if n == 1 { one } else { many };
        match link {
            Some(l) => {
                let _ = writeln!(h, "<li><a href=\"#{l}\"><b>{n}</b> {what}</a></li>");
            }
            None => {
                let _ = writeln!(h, "<li><b>{n}</b> {what}</li>");
            }
        }
    };
    if s.stories > 1 {
        count(s.stories, "story", "separate stories", None);
    }
    count(
        s.groups,
        "aligned group",
        "aligned groups",
        Some("passages"),
    );
    count(s.differences, "word difference", "word differences", None);
    for (i, (status, anchor, heading)) in STATUS_SECTIONS.iter().enumerate() {
        if always_counted(*status) || s.by_status[i] > 0 {
            count(s.by_status[i], heading, heading, Some(anchor));
        }
    }
    count(
        s.single_passages,
        "passage only one source has",
        "passages only one source has",
        Some("single"),
    );
    h.push_str("</ul>\n");
    if s.stories > 1 {
        h.push_str(
            "<p class=\"note\">The sources report different stories; passages are aligned only \
             within a story.</p>\n",
        );
    }
    if s.boilerplate > 0 {
        let _ = writeln!(
            h,
            "<p class=\"note\">{} boilerplate passage{} (comment forms, related links, bios…) \
             {} shown dimmed and left out of the alignment.</p>",
            s.boilerplate,
            if s.boilerplate == 1 { "" } else { "s" },
            if s.boilerplate == 1 { "is" } else { "are" }
        );
    }
    h.push_str("<nav class=\"toc\" aria-label=\"Findings\">\n");
    for (status, anchor, heading) in STATUS_SECTIONS {
        let list: Vec<&Finding> = findings_with(cmp, status).collect();
        if list.is_empty() {
            if always_counted(status) {
                let _ = writeln!(h, "<h3>{heading}</h3>\n<p class=\"weak\">None.</p>");
            }
            continue;
        }
        let _ = writeln!(
            h,
            "<h3><a href=\"#{anchor}\">{heading}</a> ({})</h3>\n<ol>",
            list.len()
        );
        let shown = summary_limit(status, list.len());
        for f in &list[..shown] {
            let _ = writeln!(
                h,
                "<li><a href=\"#{}\">{} {}</a> <span class=\"weak\">({})</span></li>",
                esc(&f.id),
                status_symbol(f.status),
                esc(&f.summary),
                kind_word(f.kind)
            );
        }
        h.push_str("</ol>\n");
        if shown < list.len() {
            let _ = writeln!(
                h,
                "<p class=\"more\"><a href=\"#{anchor}\">… and {} more {}</a></p>",
                list.len() - shown,
                heading.to_lowercase()
            );
        }
    }
    h.push_str("</nav>\n</section>\n");
}

fn warnings(h: &mut String, cmp: &Comparison) {
    if cmp.warnings.is_empty() {
        return;
    }
    h.push_str("<section id=\"warnings\">\n<h2>Warnings</h2>\n<ul class=\"warn\">\n");
    for w in &cmp.warnings {
        match &w.path {
            Some(p) => {
                let _ = writeln!(
                    h,
                    "<li><code>{}</code>: {}</li>",
                    esc(&super::visible(p)),
                    esc(&w.message)
                );
            }
            None => {
                let _ = writeln!(h, "<li>{}</li>", esc(&w.message));
            }
        }
    }
    h.push_str("</ul>\n</section>\n");
}

fn findings(h: &mut String, cmp: &Comparison, flush: &mut dyn FnMut(&mut String) -> bool) {
    h.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if cmp.findings.is_empty() {
        h.push_str("<p class=\"weak\">No facts were compared across sources.</p>\n");
    }
    for (status, anchor, heading) in STATUS_SECTIONS {
        let list: Vec<&Finding> = findings_with(cmp, status).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(h, "<h3 id=\"{anchor}\">{heading} ({})</h3>", list.len());
        for f in list {
            finding(h, cmp, f);
            if !flush(h) {
                return;
            }
        }
    }
    h.push_str("</section>\n");
}

fn finding(h: &mut String, cmp: &Comparison, f: &Finding) {
    let class = status_class(f.status);
    let _ = write!(
        h,
        "<div class=\"finding {class}\" id=\"{}\">\n<div class=\"head\"><span class=\"sym\">{}</span> \
         <span class=\"badge {class}\">{}</span> {} <span class=\"weak\">· {} · {}",
        esc(&f.id),
        status_symbol(f.status),
        status_word(f.status),
        esc(&f.summary),
        kind_word(f.kind),
        esc(&f.id),
    );
    if let Some(n) = finding_sources(cmp, f) {
        let _ = write!(h, " · {}", esc(&n));
    }
    h.push_str("</span>");
    if let Some(g) = &f.group {
        let _ = write!(h, " · <a href=\"#{0}\">group {0}</a>", esc(g));
    }
    h.push_str("</div>\n");
    if let Some(review) = review_line(cmp, f) {
        let _ = writeln!(
            h,
            "<div class=\"review\"><b>Review:</b> {}</div>",
            esc(&review)
        );
    }
    if let Some(why) = super::about(f) {
        let _ = writeln!(h, "<div class=\"weak why\">{}</div>", esc(&why));
    }
    match f.mentions.as_slice() {
        [] => {}
        // One source: one line reads better than a one-row table.
        [m] => one_mention(h, cmp, f, m),
        _ => mention_table(h, cmp, f),
    }
    h.push_str("</div>\n");
}

/// `text` linked to the passage mention `m` is in (when it is in one).
fn to_passage(cmp: &Comparison, m: &Mention, text: &str) -> String {
    match cmp.passage_at(&m.document, m.start) {
        Some(p) => format!("<a href=\"#{}\">{}</a>", esc(&p.id), esc(text)),
        None => esc(text).into_owned(),
    }
}

/// The only mention of a finding, on one line: its source (linked to the passage), what it adds
/// to the finding's summary (words as written, value) and how it was read.
fn one_mention(h: &mut String, cmp: &Comparison, f: &Finding, m: &Mention) {
    let (words, value) = super::one_mention_adds(f, m);
    h.push_str("<p class=\"one\">");
    h.push_str(&to_passage(cmp, m, &source_name(cmp, &m.document)));
    if let Some(w) = words {
        let _ = write!(h, ": {}", esc(&quoted(w)));
    }
    if let Some(v) = value {
        let _ = write!(h, " → <b>{}</b>", esc(v));
    }
    if !m.note.trim().is_empty() {
        let _ = write!(h, " <span class=\"note\">({})</span>", esc(&m.note));
    }
    h.push_str("</p>\n");
}

/// A finding's mentions, a row each; the Value column only when some value says more than the
/// words as written (a quote's does not).
fn mention_table(h: &mut String, cmp: &Comparison, f: &Finding) {
    let values = f.mentions.iter().any(|m| shown_value(f, m).is_some());
    let _ = writeln!(
        h,
        "<table class=\"mentions{}\">\n<thead><tr><th>Source</th><th>As written</th>{}\
         <th>How it was read</th></tr></thead>\n<tbody>",
        if values { "" } else { " words" },
        if values { "<th>Value</th>" } else { "" }
    );
    for m in &f.mentions {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td>",
            esc(&source_name(cmp, &m.document)),
            to_passage(cmp, m, &quoted(&m.text))
        );
        if values {
            let _ = write!(h, "<td>{}</td>", esc(&m.value));
        }
        let _ = writeln!(h, "<td class=\"note\">{}</td></tr>", esc(&m.note));
    }
    h.push_str("</tbody>\n</table>\n");
}

fn legend(h: &mut String) {
    h.push_str("<div class=\"legend\" role=\"note\">\n<span><b>Legend:</b></span>\n");
    h.push_str(
        "<span><ins>inserted</ins> words this source has and the reference does not</span>\n",
    );
    h.push_str("<span><del>removed</del> reference words this source leaves out (word diff of a near-copy)</span>\n");
    h.push_str("<span><span class=\"same\">shared</span> words a paraphrase has in common with the reference</span>\n");
    h.push_str("<span><b class=\"own\">own</b> content words only this paraphrase has</span>\n");
    for (status, _, _) in STATUS_SECTIONS {
        let c = status_class(status);
        let _ = writeln!(
            h,
            "<span><span class=\"fact {c}\">fact</span><sup class=\"mk {c}\"><a>{}</a></sup> {}</span>",
            status_symbol(status),
            match status {
                crate::model::FindingStatus::Conflict =>
                    "fact the sources contradict each other on",
                crate::model::FindingStatus::Agree => "fact the sources agree on",
                crate::model::FindingStatus::Developing =>
                    "figure the sources give differently, all of which may be true",
                crate::model::FindingStatus::SingleSource => "fact only one source states",
                crate::model::FindingStatus::Unresolved => "fact that could not be compared",
            }
        );
    }
    h.push_str("<span><span class=\"fact\">fact</span> fact found, not compared</span>\n");
    h.push_str("<span><span class=\"tag\" style=\"display:inline\">reference</span> the passage the others are compared with</span>\n");
    h.push_str("</div>\n");
}

/// A passage's text with its marks.
fn passage_html(
    h: &mut String,
    cmp: &Comparison,
    index: &MentionIndex,
    doc: &Document,
    p: &Passage,
    diff: Option<&crate::model::PassageDiff>,
) {
    for piece in index.pieces_for(cmp, doc, p, diff) {
        match piece {
            Piece::Removed {
                text: t, replaced, ..
            } => {
                if replaced {
                    let _ = write!(h, "<del>{}</del> → ", esc(t.trim_end()));
                } else {
                    let _ = write!(h, "<del>{}</del>", esc(t));
                }
            }
            Piece::Lacks { words, more } => {
                let _ = write!(
                    h,
                    " <span class=\"lacks\">{}</span>",
                    esc(&crate::marks::lacks_line(&words, more))
                );
            }
            Piece::FactEnd(i, status) => {
                let id = cmp.findings.get(i).map_or("", |f| f.id.as_str());
                let _ = write!(
                    h,
                    "<sup class=\"mk {}\"><a href=\"#{}\" title=\"{}\">{}</a></sup>",
                    status_class(status),
                    esc(id),
                    status_word(status),
                    status_symbol(status)
                );
            }
            Piece::Text {
                text, mark, fact, ..
            } => {
                let body = match mark {
                    WordMark::Inserted => format!("<ins>{}</ins>", esc(text)),
                    WordMark::Shared => format!("<span class=\"same\">{}</span>", esc(text)),
                    WordMark::Own => format!("<b class=\"own\">{}</b>", esc(text)),
                    WordMark::Plain => esc(text).into_owned(),
                };
                match fact {
                    Some(FactMark::Finding(i, status)) => {
                        let summary = cmp.findings.get(i).map_or("", |f| f.summary.as_str());
                        let _ = write!(
                            h,
                            "<span class=\"fact {}\" title=\"{}: {}\">{body}</span>",
                            status_class(status),
                            status_word(status),
                            esc(summary)
                        );
                    }
                    Some(FactMark::Uncompared) => {
                        let _ = write!(h, "<span class=\"fact\">{body}</span>");
                    }
                    None => h.push_str(&body),
                }
            }
        }
    }
}

fn groups(
    h: &mut String,
    cmp: &Comparison,
    index: &MentionIndex,
    flush: &mut dyn FnMut(&mut String) -> bool,
) {
    h.push_str("<section id=\"passages\">\n<h2>Aligned passages</h2>\n");
    if cmp.groups.is_empty() {
        h.push_str("<p class=\"weak\">No passages were aligned across sources.</p>\n</section>\n");
        return;
    }
    legend(h);
    if stacked(cmp) {
        for g in &cmp.groups {
            group_stack(h, cmp, index, g);
            if !flush(h) {
                return;
            }
        }
        h.push_str("</section>\n");
        return;
    }
    let cols = aligned_documents(cmp);
    h.push_str("<table class=\"groups\">\n<thead><tr><th class=\"gh\">Group</th>");
    for &d in &cols {
        let _ = write!(
            h,
            "<th>{}</th>",
            esc(&source_name(cmp, &cmp.documents[d].id))
        );
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for g in &cmp.groups {
        group_row(h, cmp, index, &cols, g);
        if !flush(h) {
            return;
        }
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
}

/// One group as a row of the side-by-side table: a cell per aligned source.
fn group_row(h: &mut String, cmp: &Comparison, index: &MentionIndex, cols: &[usize], g: &Group) {
    let ms = members(cmp, g);
    let _ = write!(
        h,
        "<tr id=\"{}\"><th class=\"gh\" scope=\"row\"><span class=\"gid\">{}</span><br>{}<br>\
         <span class=\"weak\">{}</span></th>",
        esc(&g.id),
        esc(&g.id),
        esc(&g.label),
        esc(&group_counts(cmp, &ms))
    );
    for &d in cols {
        let again: Vec<&Member> = ms.iter().filter(|m| m.doc == d && m.retold).collect();
        match ms.iter().find(|m| m.doc == d && !m.retold) {
            Some(m) => member_cell(h, cmp, index, m, true, &again),
            None => h.push_str("<td class=\"none\">not in this source</td>"),
        }
    }
    h.push_str("</tr>\n");
}

/// One group as a stacked list: its passages one under another, reference first, each beside its
/// source's name.
fn group_stack(h: &mut String, cmp: &Comparison, index: &MentionIndex, g: &Group) {
    let ms = reference_first(cmp, g);
    let _ = writeln!(
        h,
        "<div class=\"group\" id=\"{}\">\n<div class=\"gh\"><span class=\"gid\">{}</span> {} \
         <span class=\"weak\">· {}</span></div>\n<table class=\"stack\"><tbody>",
        esc(&g.id),
        esc(&g.id),
        esc(&g.label),
        esc(&group_counts(cmp, &ms))
    );
    let (full, same) = same_as_reference(ms);
    for m in &full {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}{}</th>",
            esc(&source_name(cmp, &cmp.documents[m.doc].id)),
            tag(m)
        );
        member_cell(h, cmp, index, m, false, &[]);
        h.push_str("</tr>\n");
    }
    if !same.is_empty() {
        // Their anchors stay, for the findings that point at them.
        h.push_str("<tr><th scope=\"row\"></th><td class=\"weak\">");
        for m in &same {
            let _ = write!(h, "<span id=\"{}\"></span>", esc(&m.passage.id));
        }
        let _ = writeln!(h, "{}</td></tr>", esc(&same_words_line(cmp, &same)));
    }
    h.push_str("</tbody></table>\n</div>\n");
}

/// A member's tag ("reference", "word diff", "paraphrase"), as a line of its own.
fn tag(m: &Member) -> String {
    if m.tag.is_empty() {
        return String::new();
    }
    format!("<span class=\"tag\">{}</span>", esc(&m.tag))
}

/// A member's cell: its anchor, its tag (when `tagged`) and its marked text; then, under it, the
/// passages where its source tells the happening `again`.
fn member_cell(
    h: &mut String,
    cmp: &Comparison,
    index: &MentionIndex,
    m: &Member,
    tagged: bool,
    again: &[&Member],
) {
    let _ = write!(
        h,
        "<td id=\"{}\"{}>",
        esc(&m.passage.id),
        if m.is_reference { " class=\"ref\"" } else { "" }
    );
    if tagged {
        h.push_str(&tag(m));
    }
    passage_html(h, cmp, index, &cmp.documents[m.doc], m.passage, m.diff);
    for r in again {
        let _ = write!(h, "<div class=\"again\" id=\"{}\">", esc(&r.passage.id));
        h.push_str(&tag(r));
        passage_html(h, cmp, index, &cmp.documents[r.doc], r.passage, r.diff);
        h.push_str("</div>");
    }
    h.push_str("</td>");
}

fn singles(
    h: &mut String,
    cmp: &Comparison,
    index: &MentionIndex,
    flush: &mut dyn FnMut(&mut String) -> bool,
) {
    h.push_str("<section id=\"single\">\n<h2>Passages only one source has</h2>\n");
    let cited = super::cited(cmp);
    h.push_str(if cited.is_some() {
        "<p class=\"note\">The passages of one source's text that the memo's findings cite.</p>\n"
    } else {
        "<p class=\"note\">Each source's text that is not aligned with another source, paragraph by \
         paragraph. A link marks where an aligned passage stands; dimmed passages are boilerplate.</p>\n"
    });
    let mut shown = 0;
    for doc in &cmp.documents {
        let Some(passages) = super::single_passages(cited.as_ref(), doc) else {
            continue;
        };
        shown += 1;
        let _ = writeln!(
            h,
            "<div class=\"doc\">\n<h3>{}</h3>",
            esc(&source_name(cmp, &doc.id))
        );
        let mut para: Option<usize> = None;
        let mut any = false;
        for (next, p) in passages {
            if para != Some(p.paragraph) {
                if para.is_some() {
                    h.push_str("</p>\n");
                }
                h.push_str("<p>");
                para = Some(p.paragraph);
            } else {
                h.push_str(if next { " " } else { " … " });
            }
            if let Some(g) = &p.group {
                if super::has_group(cmp, g) {
                    let _ = write!(h, "<a class=\"chip\" href=\"#{0}\">↔ {0}</a>", esc(g));
                }
            } else if p.boilerplate {
                let why = p.boilerplate_reason.as_deref().unwrap_or("boilerplate");
                let _ = write!(
                    h,
                    "<span class=\"bp\" id=\"{}\" data-why=\"[{}]\">",
                    esc(&p.id),
                    esc(why)
                );
                passage_html(h, cmp, index, doc, p, None);
                h.push_str("</span>");
            } else {
                any = true;
                let _ = write!(h, "<span id=\"{}\">", esc(&p.id));
                passage_html(h, cmp, index, doc, p, None);
                h.push_str("</span>");
            }
        }
        if para.is_some() {
            h.push_str("</p>\n");
        }
        if !any && cited.is_none() {
            h.push_str("<p class=\"weak\">Everything this source says is aligned with another source.</p>\n");
        }
        h.push_str("</div>\n");
        if !flush(h) {
            return;
        }
    }
    if shown == 0 && cited.is_some() {
        h.push_str("<p class=\"weak\">None of the memo's findings stands in such a passage.</p>\n");
    }
    h.push_str("</section>\n");
}
