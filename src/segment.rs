//! Segmenting: paragraphs, sentences and boilerplate, as byte spans into the document text.
//!
//! Lines are first joined into units: a hard-wrapped paragraph becomes one unit, while a file with
//! one sentence (or headline) per line keeps each line apart. Each unit is then split into
//! sentences by `sentencex`, which knows abbreviations ("U.S.", "Mr.", "Jan.", "a.m."), initials
//! and quotes that run across a sentence end.

use std::collections::HashSet;

use crate::model::Span;

/// A sentence with its paragraph and, when it is boilerplate, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    pub boilerplate: Option<String>,
}

/// The segmentation of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    /// How many sentences were longer than [`MAX_SENTENCE_BYTES`] and were cut into pieces.
    pub long_sentences_split: usize,
}

/// The longest sentence kept whole, in bytes. Real sentences are far shorter (a long one is
/// 600 characters); text with no sentence ends at all (a pasted table, a word list, a missing
/// punctuation) is cut at a space near this length, so one passage never holds a whole book and
/// the word diff and fact readers work on pieces of bounded size.
pub const MAX_SENTENCE_BYTES: usize = 3_000;

#[derive(Debug, Clone)]
struct Line {
    /// Trimmed content span.
    span: Span,
    paragraph: usize,
}

/// Splits `text` into paragraphs and sentences and marks boilerplate.
pub fn segment(text: &str) -> Segmented {
    segment_in(text, crate::language::ENGLISH)
}

/// [`segment`] for a text in `lang`: the sentence splitter uses that language's rules
/// (abbreviations, quotation marks) where it has them.
pub fn segment_in(text: &str, lang: &crate::language::Language) -> Segmented {
    let lang = lang.iso1();
    let lines = lines_of(text);
    let boiler = classify_boilerplate(text, &lines);
    let mut out = Segmented::default();
    for l in &lines {
        match out.paragraphs.get_mut(l.paragraph) {
            Some(p) => p.end = l.span.end,
            None => out.paragraphs.push(l.span),
        }
    }
    // The widest line of each paragraph, for telling hard-wrapped text from one line a sentence.
    let mut widths = vec![0; out.paragraphs.len()];
    for l in &lines {
        let w = text[l.span.start..l.span.end].chars().count();
        widths[l.paragraph] = widths[l.paragraph].max(w);
    }
    let mut i = 0;
    while i < lines.len() {
        // Grow a unit while lines are soft-wrapped continuations of each other.
        let mut j = i;
        while j + 1 < lines.len()
            && lines[j + 1].paragraph == lines[i].paragraph
            && boiler[j].is_none()
            && boiler[j + 1].is_none()
            && is_soft_wrap(text, &lines, j, widths[lines[j].paragraph])
        {
            j += 1;
        }
        let unit = Span {
            start: lines[i].span.start,
            end: lines[j].span.end,
        };
        let reason = boiler[i].clone();
        // A stretch without sentence ends reaches `cut_long` in several splitter pieces: it is
        // counted once.
        let mut in_long = false;
        for s in split_sentences(text, unit, lang) {
            let pieces = cut_long(text, s);
            let long = pieces.len() > 1;
            out.long_sentences_split += usize::from(long && !in_long);
            in_long = long;
            for s in pieces {
                out.sentences.push(Sentence {
                    span: s,
                    paragraph: lines[i].paragraph,
                    boilerplate: reason.clone(),
                });
            }
        }
        i = j + 1;
    }
    out
}

/// Cuts a sentence longer than [`MAX_SENTENCE_BYTES`] into pieces at spaces (or, in text without
/// spaces, at a character boundary), each trimmed and non-empty.
fn cut_long(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    while span.end - start > MAX_SENTENCE_BYTES {
        let limit = crate::load::floor_char_boundary(text, start + MAX_SENTENCE_BYTES);
        let window = &text[start..limit];
        let cut = window
            .rfind(char::is_whitespace)
            .filter(|&k| k >= MAX_SENTENCE_BYTES / 2)
            .map_or(limit, |k| start + k);
        let cut = if cut <= start { limit } else { cut };
        push_trimmed(text, &mut out, start, cut);
        start = cut;
    }
    push_trimmed(text, &mut out, start, span.end);
    out
}

fn push_trimmed(text: &str, out: &mut Vec<Span>, start: usize, end: usize) {
    let piece = &text[start..end];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = start + (piece.len() - piece.trim_start().len());
    out.push(Span {
        start: s,
        end: s + trimmed.len(),
    });
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = 0;
    let mut paragraph = 0;
    let mut blank_before = false;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches('\n');
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            blank_before = true;
            continue;
        }
        if blank_before && !lines.is_empty() {
            paragraph += 1;
        }
        blank_before = false;
        let s = start + lead;
        lines.push(Line {
            span: Span {
                start: s,
                end: s + trimmed.len(),
            },
            paragraph,
        });
    }
    lines
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '"' | '”' | '’' | '\'' | ')' | '…' | '»'
        )
    })
}

/// Is the newline after line `j` a wrap inside a sentence (rather than a real line break)?
fn is_soft_wrap(text: &str, lines: &[Line], j: usize, width: usize) -> bool {
    let cur = &text[lines[j].span.start..lines[j].span.end];
    let next = &text[lines[j + 1].span.start..lines[j + 1].span.end];
    if ends_sentence(cur) {
        return false;
    }
    let next_first = next.chars().next().unwrap_or(' ');
    if next_first.is_lowercase() {
        return true;
    }
    // Hard-wrapped text: lines of nearly the wrap width, which is itself a typical column width.
    let len = cur.chars().count();
    (40..=110).contains(&width) && len * 4 >= width * 3
}

/// The longest stretch handed to the sentence splitter at once, in bytes. `sentencex` pairs each
/// opening quotation mark with the next closing one by searching to the end of its input, so a
/// paragraph of many unclosed quotes (`“a “a “a …`) cost time in the square of its length (124 s
/// for 1 MB). Longer units are read a window of this length at a time ([`split_sentences`]).
pub const SPLITTER_INPUT_BYTES: usize = 4_000;

/// Splits a unit into sentences. A unit longer than [`SPLITTER_INPUT_BYTES`] is read a window
/// at a time: the splitter's sentences of the window are kept but the last (which may run on
/// past it), and the next window starts where that one starts; a window with no sentence end is
/// cut at its last space. So the sentences are the splitter's own, bar a quotation that runs
/// across a window's end, and its work is bounded by the window.
fn split_sentences(text: &str, unit: Span, lang: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = unit.start;
    while unit.end - start > SPLITTER_INPUT_BYTES {
        let limit = crate::load::floor_char_boundary(text, start + SPLITTER_INPUT_BYTES);
        let mut found = split_piece(text, Span { start, end: limit }, lang);
        if found.len() >= 2 {
            let last = found.pop().map_or(limit, |s| s.start);
            out.extend(found);
            start = last;
            continue;
        }
        let window = &text[start..limit];
        let cut = window
            .rfind(char::is_whitespace)
            .filter(|&k| k >= SPLITTER_INPUT_BYTES / 2)
            .map_or(limit, |k| start + k);
        let cut = if cut <= start { limit } else { cut };
        out.extend(split_piece(text, Span { start, end: cut }, lang));
        start = cut;
    }
    out.extend(split_piece(
        text,
        Span {
            start,
            end: unit.end,
        },
        lang,
    ));
    out
}

fn split_piece(text: &str, unit: Span, lang: &str) -> Vec<Span> {
    let slice = &text[unit.start..unit.end];
    let mut out = Vec::new();
    for b in sentencex::get_sentence_boundaries(lang, slice) {
        let (s, e) = (b.start_byte.min(slice.len()), b.end_byte.min(slice.len()));
        if s >= e || !slice.is_char_boundary(s) || !slice.is_char_boundary(e) {
            continue;
        }
        let piece = &slice[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            continue;
        }
        out.push(Span {
            start: unit.start + s + lead,
            end: unit.start + s + lead + trimmed.len(),
        });
    }
    if out.is_empty() && !slice.trim().is_empty() {
        out.push(unit);
    }
    out
}

/// Phrases that only appear in page furniture (lowercase, matched inside a line).
const FURNITURE: &[&str] = &[
    "please enter your comment",
    "please enter your name",
    "leave a reply",
    "leave a comment",
    "post a comment",
    "this site uses akismet",
    "your comment data is processed",
    "your email address will not be published",
    "required fields are marked",
    "sign up for our newsletter",
    "subscribe to our newsletter",
    "subscribe to the newsletter",
    "sign up to our newsletter",
    "get our newsletter",
    "all rights reserved",
    "click here to",
    "follow us on",
    "share this article",
    "share on facebook",
    "share on twitter",
    "we use cookies",
    "accept cookies",
    "cookie policy",
    "privacy policy",
    "terms of use",
    "terms of service",
    "you can contact her at",
    "you can contact him at",
    "you can contact them at",
    "advertisement",
    "skip to content",
    "read more:",
    "continue reading",
    "download our app",
    "copyright ©",
];

/// Headings after which the rest of a page is links to other stories.
const LIST_HEADINGS: &[&str] = &[
    "related articles",
    "related stories",
    "related posts",
    "related news",
    "related",
    "more stories",
    "more from",
    "read more",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "trending",
    "most read",
    "most popular",
    "popular posts",
    "latest news",
    "top stories",
];

/// Single-word lines that are navigation or player controls.
const CONTROLS: &[&str] = &[
    "close",
    "newsletter",
    "share",
    "tweet",
    "email",
    "print",
    "menu",
    "search",
    "comments",
    "reply",
    "subscribe",
    "advertisement",
    "play",
    "pause",
    "mute",
    "next",
    "previous",
    "home",
    "login",
    "log in",
    "sign in",
    "sign up",
    "×",
    "x",
];

const BIO_ROLES: &[&str] = &[
    "writer",
    "journalist",
    "reporter",
    "correspondent",
    "editor",
    "contributor",
    "columnist",
    "freelance",
    "staff writer",
    "author",
    "blogger",
];

fn classify_boilerplate(text: &str, lines: &[Line]) -> Vec<Option<String>> {
    let n = lines.len();
    let content: Vec<&str> = lines
        .iter()
        .map(|l| &text[l.span.start..l.span.end])
        .collect();
    let lower: Vec<String> = content.iter().map(|s| s.to_lowercase()).collect();
    let mut out: Vec<Option<String>> = vec![None; n];
    let mut seen: HashSet<&str> = HashSet::new();
    let total_len = text.len().max(1);
    let mut list_from: Option<usize> = None;

    for i in 0..n {
        let l = lower[i].trim_end_matches([':', '.']).trim();
        let words = content[i].split_whitespace().count();
        if FURNITURE.iter().any(|p| lower[i].contains(p)) && words <= 25 {
            out[i] = Some("page furniture (comment form, newsletter, sharing)".into());
        } else if is_player_time(l) || CONTROLS.contains(&l) {
            out[i] = Some("navigation or media-player control".into());
        } else if LIST_HEADINGS.contains(&l) || l.starts_with("related ") && words <= 3 {
            out[i] = Some("list of other stories".into());
            if lines[i].span.start * 3 >= total_len && list_from.is_none() {
                list_from = Some(i);
            }
        } else if is_bio(&lower[i], content[i]) {
            out[i] = Some("author bio".into());
            // The byline just above a bio is the author's name.
            if i > 0 && out[i - 1].is_none() && content[i].starts_with(content[i - 1]) {
                out[i - 1] = Some("author byline".into());
            }
        } else if words > 3 && !seen.insert(content[i]) {
            out[i] = Some("repeated line".into());
        }
    }
    // Everything after a late "Related articles" heading is links to other stories.
    if let Some(from) = list_from {
        for slot in out.iter_mut().skip(from + 1) {
            if slot.is_none() {
                *slot = Some("list of other stories".into());
            }
        }
    }
    // Short lines before the first sentence of the story, and after its last, are site names,
    // sections and bylines, unless they carry the only headline-like text.
    let is_short = |i: usize| {
        content[i].split_whitespace().count() <= 3
            && !ends_sentence(content[i])
            && lines[i].paragraph != lines.get(i + 1).map_or(usize::MAX, |l| l.paragraph) // alone on its line block
            || content[i].split_whitespace().count() <= 2 && !ends_sentence(content[i])
    };
    for i in 0..n {
        if out[i].is_some() {
            continue;
        }
        if is_short(i) && has_text_after(&content, &out, i) && i < 4 {
            out[i] = Some("site name or section".into());
        } else if out[i].is_none() {
            break;
        }
    }
    for i in (0..n).rev() {
        if out[i].is_some() {
            continue;
        }
        if is_short(i) && i + 1 < n {
            out[i] = Some("site name, byline or tag".into());
        } else {
            break;
        }
    }
    // A line that is only a date ("May 5, 2010", "Updated 5/5/2010 1:41 PM") is the dateline,
    // not a passage.
    let only_date = |line: &str| {
        crate::dates::find_absolute_date(line).is_some_and(|f| line.len() <= f.end - f.start + 12)
            || crate::dates::timestamp_line(line).is_some()
    };
    for i in 0..n {
        if out[i].is_none() && only_date(content[i]) {
            out[i] = Some("dateline".into());
        }
    }
    out
}

fn has_text_after(content: &[&str], out: &[Option<String>], i: usize) -> bool {
    content
        .iter()
        .zip(out)
        .skip(i + 1)
        .any(|(c, o)| o.is_none() && c.split_whitespace().count() > 5)
}

fn is_player_time(l: &str) -> bool {
    let parts: Vec<&str> = l.split(['/', ' ']).filter(|p| !p.is_empty()).collect();
    !parts.is_empty()
        && parts.iter().all(|p| {
            let segs: Vec<&str> = p.split(':').collect();
            segs.len() >= 2
                && segs
                    .iter()
                    .all(|s| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// "Jane Doe is a writer at …", "Jane Doe is a freelance journalist …".
fn is_bio(lower: &str, original: &str) -> bool {
    let Some(pos) = lower.find(" is a ").or_else(|| lower.find(" is an ")) else {
        return false;
    };
    let name = &original[..pos];
    let name_words: Vec<&str> = name.split_whitespace().collect();
    if !(2..=4).contains(&name_words.len())
        || !name_words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    let rest = &lower[pos..];
    let head = &rest[..crate::load::floor_char_boundary(rest, 60)];
    BIO_ROLES.iter().any(|r| head.contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .filter(|s| s.boilerplate.is_none())
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t = "The U.S. Department of Commerce met Mr. Smith on Jan. 5 at 9 a.m. local time. He left.";
        assert_eq!(
            sentences(t),
            vec![
                "The U.S. Department of Commerce met Mr. Smith on Jan. 5 at 9 a.m. local time.",
                "He left."
            ]
        );
    }

    #[test]
    fn a_long_paragraph_is_split_a_window_at_a_time_without_cutting_sentences() {
        let block = "Mr. Smith met U.S. officials on Jan. 5 at 10 a.m. in the capital. The minister \
                     said the plan would \"cost more than expected. It is late.\" Critics were \
                     not surprised! Why now? ";
        let cited = |text: &str, spans: Vec<Span>| -> Vec<String> {
            spans
                .iter()
                .map(|s| text[s.start..s.end].to_string())
                .collect()
        };
        let one = cited(
            block,
            split_piece(
                block,
                Span {
                    start: 0,
                    end: block.trim_end().len(),
                },
                "en",
            ),
        );
        assert_eq!(one.len(), 4, "{one:?}");
        let para = block.repeat(100);
        let unit = Span {
            start: 0,
            end: para.trim_end().len(),
        };
        assert!(unit.end > 3 * SPLITTER_INPUT_BYTES);
        // Each window's last sentence is read again with the next window, so no sentence is cut
        // at a window's end: every sentence is one the splitter gives for the block alone (or,
        // as it also does on the whole paragraph, the quotation in two at its inner full stop).
        let found = cited(&para, split_sentences(&para, unit, "en"));
        let halves = [
            "The minister said the plan would \"cost more than expected.",
            "It is late.\"",
        ];
        assert!(
            found
                .iter()
                .all(|f| one.contains(f) || halves.contains(&f.as_str())),
            "{found:?}"
        );
        assert_eq!(found.iter().filter(|f| **f == one[0]).count(), 100);
        assert_eq!(found.iter().filter(|f| **f == one[3]).count(), 100);
    }

    #[test]
    fn a_paragraph_of_unclosed_quotes_is_split_in_bounded_windows() {
        let para = "“a ".repeat(10_000);
        let unit = Span {
            start: 0,
            end: para.trim_end().len(),
        };
        let found = split_sentences(&para, unit, "en");
        assert!(found.len() > 1);
        assert!(
            found
                .iter()
                .all(|s| s.end - s.start <= SPLITTER_INPUT_BYTES)
        );
        assert_eq!(found.first().map(|s| s.start), Some(0));
        assert_eq!(found.last().map(|s| s.end), Some(unit.end));
        assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn a_quote_across_a_sentence_end_stays_whole() {
        let t = "\"Too many jobs lost. The department must act,\" the minister said on Monday. Talks resume today.";
        assert_eq!(
            sentences(t),
            vec![
                "\"Too many jobs lost. The department must act,\" the minister said on Monday.",
                "Talks resume today."
            ]
        );
    }

    #[test]
    fn one_sentence_per_line_keeps_lines_apart() {
        let t = "Quake hits the coast\nA strong earthquake struck on Monday.\nNo deaths were reported.\n";
        assert_eq!(
            sentences(t),
            vec![
                "Quake hits the coast",
                "A strong earthquake struck on Monday.",
                "No deaths were reported."
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraph_is_joined() {
        let t = "The mayor of the city said on Tuesday that the new bridge\nwould open next spring, two years later than planned. Critics\nwere not surprised by the delay at all.\n";
        let s = sentences(t);
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].ends_with("than planned."));
        assert!(s[1].starts_with("Critics\nwere"));
    }

    #[test]
    fn boilerplate_lines_are_marked_but_kept() {
        let t = "Herald\n\nThe mayor resigned on Friday after a long dispute with the council.\n\nJane Roe\nJane Roe is a writer at the Herald. She covers politics.\n\nPlease enter your comment!\n0:00\n";
        let seg = segment(t);
        let marked: Vec<(&str, bool)> = seg
            .sentences
            .iter()
            .map(|s| (&t[s.span.start..s.span.end], s.boilerplate.is_some()))
            .collect();
        assert_eq!(
            marked,
            vec![
                ("Herald", true),
                (
                    "The mayor resigned on Friday after a long dispute with the council.",
                    false
                ),
                ("Jane Roe", true),
                ("Jane Roe is a writer at the Herald.", true),
                ("She covers politics.", true),
                ("Please enter your comment!", true),
                ("0:00", true),
            ]
        );
    }

    #[test]
    fn timestamp_lines_are_datelines_not_passages() {
        let t = "Three die in bank fire during riots\nUpdated 5/5/2010 1:41 PM\nThree bank workers died on Wednesday after rioters set their bank on fire.\nPUBLISHED: WEDNESDAY, MAY 5, 2010, 1:32 PM\n";
        let seg = segment(t);
        let reasons: Vec<(&str, Option<&str>)> = seg
            .sentences
            .iter()
            .map(|s| (&t[s.span.start..s.span.end], s.boilerplate.as_deref()))
            .collect();
        assert_eq!(
            reasons,
            vec![
                ("Three die in bank fire during riots", None),
                ("Updated 5/5/2010 1:41 PM", Some("dateline")),
                (
                    "Three bank workers died on Wednesday after rioters set their bank on fire.",
                    None
                ),
                (
                    "PUBLISHED: WEDNESDAY, MAY 5, 2010, 1:32 PM",
                    Some("dateline")
                ),
            ]
        );
    }

    #[test]
    fn spans_cover_trimmed_text() {
        let t = "  First one.  Second one!\n\n\tThird?  ";
        for s in segment(t).sentences {
            let piece = &t[s.span.start..s.span.end];
            assert_eq!(piece, piece.trim());
            assert!(!piece.is_empty());
        }
    }
}
