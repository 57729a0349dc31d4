//! HTML pages: the article text of a page (readability extraction with `dom_smoothie`, or the
//! page's visible text when no article is found), after the page's nesting depth is bounded.

use crate::dates;
use crate::model::{DatelineOrigin, DatelineSource};

use super::{Extracted, LoadError, Problem, tidy_extracted};

/// The deepest nesting of elements read as markup. Real pages nest a few dozen levels; a page
/// nested deeper (150,000 `<span>`s in 900 KB) made the HTML parser's scope checks and the
/// extractor's scoring take time in the square of the depth, and the extractor's recursive
/// descendant search overflow the stack. Tags deeper than this are dropped before parsing, with
/// their text kept in place, and a warning says so.
pub const MAX_HTML_DEPTH: usize = 256;

/// The article of an HTML page, with notes on what was repaired or left out: tags nested past
/// [`MAX_HTML_DEPTH`] dropped, or no article found so that all of the page's visible text is
/// used instead (short pages, pages without article markup).
pub(super) fn article(path: &str, html: &str) -> Result<(Extracted, Vec<String>), LoadError> {
    let Some((flat, dropped)) = limit_depth(html, MAX_HTML_DEPTH) else {
        return article_of(path, html);
    };
    let (extracted, mut notes) = article_of(path, &flat)?;
    notes.insert(
        0,
        format!(
            "HTML nested deeper than {MAX_HTML_DEPTH} elements: {dropped} tags past that depth \
             were dropped and their text kept"
        ),
    );
    Ok((extracted, notes))
}

/// The article of a page whose depth is already bounded.
fn article_of(path: &str, html: &str) -> Result<(Extracted, Vec<String>), LoadError> {
    use dom_smoothie::{Config, Readability, TextMode};
    let mut notes = Vec::new();
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let doc = dom_query::Document::from(html);
    let depth = tree_depth(&doc);
    let article = if depth > MAX_PARSED_DEPTH {
        // The extractor's searches recurse once a level: past this, read the page's text.
        notes.push(format!(
            "HTML nested {depth} elements deep after parsing, past the {MAX_PARSED_DEPTH} the \
             article extractor is given"
        ));
        None
    } else {
        let mut reader = Readability::with_document(doc, None, Some(cfg)).map_err(|e| {
            LoadError::new(path, Problem::Damaged, format!("cannot parse HTML ({e})"))
        })?;
        reader.parse().ok()
    };
    let Some(article) = article else {
        let text = page_text(html);
        if text.trim().is_empty() {
            return Err(LoadError::new(
                path,
                Problem::NoText,
                "no text in HTML page (only scripts, styles or markup)",
            ));
        }
        notes.push("no article found in the HTML page; kept all of its visible text".into());
        return Ok((Extracted::text(text), notes));
    };
    let text = tidy_extracted(&article.text_content);
    let title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
    let date = article
        .published_time
        .as_deref()
        .and_then(|raw| dates::parse_date_prefix(raw).map(|d| (d, raw)))
        .map(|(d, raw)| {
            (
                d,
                DatelineSource {
                    origin: DatelineOrigin::Metadata,
                    start: None,
                    end: None,
                    text: raw.to_string(),
                },
            )
        });
    let site = article.site_name.as_deref().map(|s| s.trim().to_string());
    Ok((
        Extracted {
            text,
            title,
            date,
            site,
        },
        notes,
    ))
}

/// The deepest parsed page handed to the article extractor, whose searches recurse once per
/// level. The depth bound before parsing keeps real pages far below this (tables nest four
/// elements a level, so 256 levels of tables are about 1,030 elements); a page the bound misses
/// is read as its visible text instead.
pub const MAX_PARSED_DEPTH: usize = 1_200;

/// How many elements deep the parsed page goes, walked without recursion.
fn tree_depth(doc: &dom_query::Document) -> usize {
    let mut deepest = 0;
    let mut todo = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = todo.pop() {
        deepest = deepest.max(depth);
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            todo.push((c, depth + 1));
        }
    }
    deepest
}

/// Elements that never hold other elements (no end tag).
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose end tag may be left out: the next sibling closes them, so a page of unclosed
/// `<p>`s or `<li>`s is not deep. They are never counted as depth and never dropped.
const SELF_ENDING_ELEMENTS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rt",
    "rp", "colgroup", "caption", "html", "head", "body",
];

/// Elements whose content is text up to their end tag, never markup (`noscript` too: the parser
/// runs with scripting on). `plaintext` has no end: the rest of the page is its text.
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// The HTML standard's "special" elements: an end tag of another element never closes past one.
const SPECIAL_ELEMENTS: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "button",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "listing",
    "main",
    "marquee",
    "menu",
    "nav",
    "object",
    "ol",
    "pre",
    "search",
    "section",
    "select",
    "summary",
    "table",
    "template",
    "ul",
];

/// Elements an end tag of a special element does not close past (the edges of a "scope").
const SCOPE_EDGES: &[&str] = &["applet", "marquee", "object", "table", "template"];

/// The page with every start and end tag nested deeper than `max_depth` removed (their text
/// stays where it was), and how many tags were removed; `None` when the page is not that deep.
/// One linear pass with a stack of at most `max_depth` names, so the cost is linear in the page.
///
/// The stack follows the parser's rules closely enough never to think a page shallower than the
/// parser will build it: `<div/>` opens a `div` (only inside `svg` or `math` does `/>` close);
/// an end tag closes its element only when the parser would (`</span>` never past a `div`,
/// `</div>` never past a `table`); an `<a>` right inside an open `a` closes it. Where the rules
/// are not followed in full the stack errs deep, which can only drop tags of a page nested past
/// the limit. A second check after parsing ([`MAX_PARSED_DEPTH`]) catches what this misses.
fn limit_depth(html: &str, max_depth: usize) -> Option<(String, usize)> {
    let lower = html.to_ascii_lowercase();
    let mut out = String::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut dropped_open: std::collections::HashMap<&str, usize> = Default::default();
    let mut dropped = 0;
    let (mut i, mut copied) = (0, 0);
    while let Some(rel) = lower[i..].find('<') {
        let lt = i + rel;
        let Some(tag) = Tag::at(&lower, lt) else {
            i = lt + 1;
            continue;
        };
        i = tag.end;
        let foreign = || stack.iter().any(|&t| t == "svg" || t == "math");
        let keep = match tag.kind {
            TagKind::Open(name) if RAW_TEXT_ELEMENTS.contains(&name) => {
                i = raw_text_end(&lower, tag.end, name);
                true
            }
            TagKind::Open(name)
                if VOID_ELEMENTS.contains(&name)
                    || SELF_ENDING_ELEMENTS.contains(&name)
                    || (tag.self_closing && foreign()) =>
            {
                true
            }
            TagKind::Open(name) => {
                if name == "a" && stack.last() == Some(&"a") {
                    stack.pop();
                }
                if stack.len() < max_depth {
                    stack.push(name);
                    true
                } else {
                    *dropped_open.entry(name).or_default() += 1;
                    false
                }
            }
            TagKind::Close(name) => match dropped_open.get_mut(name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => {
                    if let Some(k) = closed_by(&stack, name) {
                        stack.truncate(k);
                        // Tags dropped inside what closed are closed with it.
                        dropped_open.clear();
                    }
                    true
                }
            },
            TagKind::Skip => true,
        };
        if !keep {
            if dropped == 0 {
                out.reserve(html.len());
            }
            out.push_str(&html[copied..lt]);
            copied = tag.end;
            dropped += 1;
        }
    }
    if dropped == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some((out, dropped))
}

/// Where the stack is cut by an end tag of `name`: the index of the open element it closes, or
/// `None` when the parser would ignore it.
fn closed_by(stack: &[&str], name: &str) -> Option<usize> {
    let special = SPECIAL_ELEMENTS.contains(&name);
    for (k, &open) in stack.iter().enumerate().rev() {
        if open == name {
            return Some(k);
        }
        let edge = if special {
            SCOPE_EDGES.contains(&open)
        } else {
            SPECIAL_ELEMENTS.contains(&open)
        };
        if edge {
            return None;
        }
    }
    None
}

enum TagKind<'a> {
    Open(&'a str),
    Close(&'a str),
    /// A comment, doctype or processing instruction.
    Skip,
}

struct Tag<'a> {
    kind: TagKind<'a>,
    self_closing: bool,
    /// Just past the tag's `>` (or the end of the page when it never closes).
    end: usize,
}

impl<'a> Tag<'a> {
    /// The tag starting at `lt` in the lowercased page, or `None` for a `<` that starts no tag.
    fn at(lower: &'a str, lt: usize) -> Option<Self> {
        let rest = &lower[lt..];
        let to_gt = |from: usize| {
            lower[from..]
                .find('>')
                .map_or(lower.len(), |e| from + e + 1)
        };
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map_or(lower.len(), |e| lt + e + 3);
            return Some(Tag {
                kind: TagKind::Skip,
                self_closing: false,
                end,
            });
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            return Some(Tag {
                kind: TagKind::Skip,
                self_closing: false,
                end: to_gt(lt),
            });
        }
        let closing = rest[1..].starts_with('/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = lower[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(lower.len() - name_start);
        if name_len == 0 || !lower[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name = &lower[name_start..name_start + name_len];
        let end = to_gt(name_start + name_len);
        let self_closing = lower[..end].ends_with("/>");
        let kind = if closing {
            TagKind::Close(name)
        } else {
            TagKind::Open(name)
        };
        Some(Tag {
            kind,
            self_closing,
            end,
        })
    }
}

/// Where the raw text of element `name` opened before `from` ends: just past its end tag, or the
/// end of the page.
fn raw_text_end(lower: &str, from: usize, name: &str) -> usize {
    if name == "plaintext" {
        return lower.len();
    }
    let end_tag = format!("</{name}");
    lower[from..].find(&end_tag).map_or(lower.len(), |e| {
        let close = from + e;
        lower[close..]
            .find('>')
            .map_or(lower.len(), |g| close + g + 1)
    })
}

/// Appends HTML text with each run of whitespace (line ends included) shown as one space.
fn push_collapsed(out: &mut String, text: &str) {
    for (k, word) in text.split_ascii_whitespace().enumerate() {
        if (k > 0 || text.starts_with(|c: char| c.is_ascii_whitespace())) && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if text.ends_with(|c: char| c.is_ascii_whitespace()) && !text.trim().is_empty() {
        out.push(' ');
    }
}

/// Elements whose content is never shown as text.
const HIDDEN_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "title", "head", "iframe", "object",
];

/// Elements that break text into paragraphs.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "table",
    "tr",
    "pre",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "hr",
];

/// The visible text of a whole page, in one linear pass: tags removed, hidden elements (scripts,
/// styles, the head) skipped, block elements separated by blank lines, entities decoded.
/// Tolerates broken markup: an unclosed hidden element hides the rest of the page, as in a
/// browser; a stray `<` that starts no tag is kept as text.
fn page_text(html: &str) -> String {
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let lt = i + rel;
        push_collapsed(&mut out, &html[i..lt]);
        let rest = &lower[lt..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| lt + e + 3);
            continue;
        }
        let name_start = lt + 1 + usize::from(rest[1..].starts_with('/'));
        let name_len = lower[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(lower.len() - name_start);
        if name_len == 0 && !rest.starts_with("<!") && !rest.starts_with("<?") {
            out.push('<');
            i = lt + 1;
            continue;
        }
        let name = &lower[name_start..name_start + name_len];
        let Some(gt) = lower[lt..].find('>').map(|e| lt + e + 1) else {
            break;
        };
        i = gt;
        let closing = name_start > lt + 1;
        if !closing && HIDDEN_ELEMENTS.contains(&name) && !lower[lt..gt].ends_with("/>") {
            i = raw_text_end(&lower, gt, name);
        } else if name == "br" {
            out.push('\n');
        } else if BLOCK_ELEMENTS.contains(&name) {
            out.push_str("\n\n");
        } else if matches!(name, "td" | "th") {
            out.push(' ');
        }
    }
    if i < html.len() {
        push_collapsed(&mut out, &html[i..]);
    }
    let decoded = html_escape::decode_html_entities(&out);
    tidy_extracted(&decoded.replace('\u{a0}', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
        format!(
            "<html><body>{}{inner}{}</body></html>",
            open.repeat(depth),
            close.repeat(depth)
        )
    }

    #[test]
    fn a_page_within_the_depth_is_left_as_it_is() {
        let page = nested("<div class=a>", "</div>", 40, "<p>Text one.<p>Text two.");
        assert_eq!(limit_depth(&page, MAX_HTML_DEPTH), None);
        // Unclosed paragraphs, list items and cells are siblings, not depth.
        let flat = format!("<ul>{}</ul>", "<li><p>item".repeat(5_000));
        assert_eq!(limit_depth(&flat, MAX_HTML_DEPTH), None);
    }

    #[test]
    fn tags_past_the_depth_are_dropped_and_their_text_kept() {
        let page = nested("<span>", "</span>", 10, "deep <b>words</b>");
        let (flat, dropped) = limit_depth(&page, 4).expect("flattened");
        // Four levels stay (html and body are not counted); six spans and the bold, opening and
        // closing tags, go.
        assert_eq!(dropped, 14);
        assert_eq!(
            flat,
            "<html><body><span><span><span><span>deep words</span></span></span></span></body></html>"
        );
    }

    #[test]
    fn raw_text_and_comments_are_not_read_as_tags() {
        let page = format!(
            "<div><script>var s = '{}';</script><!-- {} --><div>kept</div></div>",
            "<div>".repeat(50),
            "<div>".repeat(50)
        );
        assert_eq!(limit_depth(&page, 3), None);
    }

    #[test]
    fn pages_the_parser_nests_deep_are_bounded_however_they_are_written() {
        // Each of these nests the parser's tree one level a repeat (`<div/>` is an open div in
        // HTML; `</span>` does not close past a div; a noscript's content is text). They must
        // be bounded before parsing, not only caught after it.
        let pages = [
            "<div/>".repeat(100_000),
            "<span><div></span>".repeat(30_000),
            "<div><noscript></div></noscript>".repeat(30_000),
            "<section><b></section>".repeat(30_000),
        ];
        for page in pages {
            let page = format!("<html><body>{page}<p>The quake struck at dawn.</p></body></html>");
            let flat = limit_depth(&page, MAX_HTML_DEPTH).map_or(page.clone(), |(f, _)| f);
            let depth = tree_depth(&dom_query::Document::from(flat.as_str()));
            assert!(depth <= MAX_HTML_DEPTH + 8, "{depth}: {}", &page[..80]);
        }
        // Within the bound, `/>` closes only in svg and math, and links do not nest.
        let svg = format!("<svg>{}</svg><div>x</div>", "<path d=1/>".repeat(1_000));
        assert_eq!(limit_depth(&svg, 4), None);
        let links = "<a href=1>one ".repeat(1_000);
        assert_eq!(limit_depth(&links, 4), None);
    }

    #[test]
    fn a_parsed_page_deeper_than_the_extractor_takes_gives_its_text() {
        let page = format!(
            "{}The quake struck at dawn.",
            "<div>".repeat(MAX_PARSED_DEPTH + 10)
        );
        assert!(tree_depth(&dom_query::Document::from(page.as_str())) > MAX_PARSED_DEPTH);
        // Bypass the bound before parsing, as a page it misses would.
        let (Extracted { text, .. }, notes) = article_of("deep.html", &page).expect("text");
        assert_eq!(text, "The quake struck at dawn.");
        assert!(
            notes[0].contains("past the 1200 the article extractor is given"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_deep_page_loads_on_a_default_sized_stack() {
        // 150,000 nested spans overflowed the stack in the extractor's recursive search, even
        // on the main thread; tables nest four elements a level. Loaded here on a thread with
        // the 2 MiB stack that threads get by default.
        let spans = nested(
            "<span>",
            "</span>",
            150_000,
            "<p>The quake struck at dawn.</p>",
        );
        let tables = nested(
            "<table><tr><td>",
            "</td></tr></table>",
            5_000,
            "<p>Deep cell.</p>",
        );
        let load = move || {
            let a = super::super::load_bytes("spans.html", spans.as_bytes()).expect("spans");
            let b = super::super::load_bytes("tables.html", tables.as_bytes()).expect("tables");
            (a, b)
        };
        let (a, b) = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(load)
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert!(a.text.contains("The quake struck at dawn."), "{}", a.text);
        assert!(
            a.repairs
                .iter()
                .any(|r| r.starts_with("HTML nested deeper than 256"))
        );
        assert!(b.text.contains("Deep cell."), "{}", b.text);
    }
}
