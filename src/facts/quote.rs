//! Quotations: found with straight or curly marks (and single marks used as quotes), followed
//! across sentence ends to their closing mark, with the speaker when the text names one
//! ("…,” Bolton wrote", "said Wray", "Trump tweeted that …", "according to X", "X told Y"). The
//! comparison half lines up two versions of one quote word by word, treating "…"/"..." as a marked
//! omission, and says whether a version is verbatim, shortened consistently, or altered (and where).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use super::classes::{Classes, Links};
use super::{Cx, TUNING, par_map};
use crate::model::{Finding, FindingStatus, Mention};

use regex::Regex;
use similar::{Algorithm, DiffOp, capture_diff_slices};

use crate::model::{Fact, FactKind, Span};
use crate::text::{is_negation, tokenize};

const NAME: &str = r"(?:[A-Z][\w.’'-]*(?:\s+(?:of\s+|for\s+|de\s+|van\s+|al-)?[A-Z][\w.’'-]*){0,5}|(?-u:\b)(?:(?:the|a|an)\s+[a-z]+(?:\s+[a-z]+)?|he|she|they|it|we|I))";
const VERB: &str = r"(?:said|says|tweeted|wrote|writes|added|adds|told|stated|explained|insisted|asked|warned|noted|argued|claimed|declared|replied|posted|announced|recalled|described)";

static AFTER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[,.!?;:]?\s*(?:(?:{VERB})\s+(?P<n1>{NAME})|(?P<n2>{NAME}),?\s+(?:has\s+|had\s+|later\s+|also\s+)?{VERB}(?-u:\b)|according\s+to\s+(?P<n3>{NAME}))"
    ))
    .expect("valid speaker regex")
});
static BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME})\s+(?:has\s+|had\s+|later\s+|also\s+|then\s+)?{VERB}(?-u:\b)"
    ))
    .expect("valid speaker regex")
});
static ACCORDING_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"according\s+to\s+(?P<n>{NAME})")).expect("valid according regex")
});

/// A short run whose last or second-last word is a verb of saying ("… Defence, said", "… said
/// Ruiz").
fn ends_in_speech_verb(words: &[String]) -> bool {
    /// An attribution ("Captain Ana Ruiz, chief spokeswoman, said") is short.
    const ATTRIBUTION_WORDS: usize = 10;
    static VERB_RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!("^{VERB}$")).expect("valid verb regex"));
    words.len() <= ATTRIBUTION_WORDS && words.iter().rev().take(2).any(|w| VERB_RE.is_match(w))
}

/// What the note of a quote with no closing mark says: its end is a guess.
pub(crate) const UNCLOSED: &str = "no closing mark, quote taken to the paragraph's end";

/// Most words of a term in quotation marks (longer runs are quotations even unattributed).
const SCARE_WORDS: usize = 3;

/// Most lines a quotation is followed over, and most bytes of them, when the text gives one
/// paragraph a line (`"I partied.` / `I had fun.` / `I don't need to do anything anymore," she
/// said.`). A quotation still open past them is taken to its first line's end, as unclosed.
const CONTINUED_LINES: usize = 12;
const CONTINUED_BYTES: usize = 1_500;

/// The mark a quotation opened with, which decides the mark that closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// `“…”`, `"…"`, `„…“`, `«…»`.
    Double,
    /// `‘…’` or `'…'` (single marks used as quotation marks).
    Single,
}

/// A quotation's byte span (marks included) in the document text: one piece per line it runs
/// over.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Region {
    start: usize,
    end: usize,
    /// The closing mark was found (else the quote runs to its line's end).
    closed: bool,
    /// Its parts, one per line: `[(start, end)]` for a quotation within one line.
    pieces: Vec<(usize, usize)>,
    /// The attribution a one-line quotation is interrupted by (`today," Obama said, "and`),
    /// which is not the speaker's words.
    attribution: Option<(usize, usize)>,
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '“' | '"' | '„' | '«')
}

fn is_close_mark(c: char) -> bool {
    matches!(c, '”' | '"' | '»' | '“')
}

/// What stands either side of a quotation mark.
struct Around {
    /// Nothing, a space or an opening bracket or dash before it.
    space_before: bool,
    /// A space after a comma or stop before it: `anymore, ' she said` still closes there.
    set_off: bool,
    /// Nothing, a space or punctuation after it.
    space_after: bool,
    /// A single mark after an `s`, before a space: `players' union`, `the Williams' show`, a
    /// plural possessive (it closes a quotation only before an attribution).
    possessive: bool,
    /// A letter or digit after it.
    word_after: bool,
}

impl Around {
    /// A mark that reads as closing: `word" said`, `word, ' she`.
    fn closing(&self) -> bool {
        self.space_after
            && !self.word_after
            && (!self.space_before || self.set_off)
            && !self.possessive
    }

    /// A mark that reads as opening: ` "Word`, ` 'Word`.
    fn opening(&self) -> bool {
        self.space_before && !self.set_off && self.word_after
    }
}

fn around(chars: &[(usize, char)], k: usize) -> Around {
    let prev = k.checked_sub(1).map(|p| chars[p].1);
    let before_prev = k.checked_sub(2).map(|p| chars[p].1);
    let next = chars.get(k + 1).map(|x| x.1);
    Around {
        space_before: prev.is_none_or(|p| p.is_whitespace() || "([—–-".contains(p)),
        set_off: prev.is_some_and(char::is_whitespace)
            && before_prev.is_some_and(|b| ",.!?".contains(b)),
        space_after: next.is_none_or(|n| n.is_whitespace() || ",.;:!?)—–-".contains(n)),
        possessive: matches!(chars[k].1, '\'' | '’')
            && prev == Some('s')
            && next.is_some_and(char::is_whitespace),
        word_after: next.is_some_and(char::is_alphanumeric),
    }
}

/// A byte span of the text.
type Piece = (usize, usize);

/// How a line read with a quotation already open (from the lines before) goes on.
enum Carried {
    /// The line opens a quotation of its own first: the one before was never closed.
    Broken,
    /// The line is all inside the quotation.
    Inside,
    /// The quotation closes at this byte offset (after the mark).
    ClosesAt(usize),
}

/// One line's marks read left to right: the quotations closed in it, and the one still open at
/// its end.
fn scan_line(text: &str, lo: usize, hi: usize) -> (Vec<Piece>, Option<(usize, Mark)>) {
    if !has_mark(&text[lo..hi]) {
        return (Vec::new(), None);
    }
    let chars: Vec<(usize, char)> = text[lo..hi].char_indices().collect();
    let mut out = Vec::new();
    let mut open: Option<(usize, Mark)> = None;
    let mut single_open: Option<usize> = None;
    // The text after a mark (ending at `end`) names who said it.
    let attributed = |end: usize| AFTER_RE.is_match(&text[end..hi]);
    for (k, &(i, c)) in chars.iter().enumerate() {
        // Only a mark is read with what stands around it.
        if !is_mark(c) {
            continue;
        }
        let at = around(&chars, k);
        match open {
            Some((s, mark)) => {
                let closes = match (mark, c) {
                    // A curly opening mark after a word is a misprinted closing mark.
                    (Mark::Double, '“') => at.space_after && !at.space_before,
                    (Mark::Double, _) => is_close_mark(c),
                    (Mark::Single, '’' | '\'') => {
                        at.space_after
                            && !at.word_after
                            && (!at.possessive || attributed(lo + i + c.len_utf8()))
                    }
                    (Mark::Single, _) => false,
                };
                // A one-word run in single marks is a word's apostrophes (rock 'n' roll).
                let one_word =
                    mark == Mark::Single && !text[s..lo + i].contains(char::is_whitespace);
                if closes {
                    if !one_word {
                        out.push((s, lo + i + c.len_utf8()));
                    }
                    open = None;
                }
            }
            None => {
                // A double quotation inside a single one (`'He called it "no deal", ' a
                // source said`) leaves the single one open.
                if is_open_mark(c) && !(c == '"' && at.space_after && !at.space_before) {
                    open = Some((lo + i, Mark::Double));
                } else if matches!(c, '‘' | '\'') && at.opening() {
                    single_open = Some(lo + i);
                } else if matches!(c, '’' | '\'')
                    && at.space_after
                    && !at.word_after
                    && (!at.possessive || attributed(lo + i + c.len_utf8()))
                    && let Some(s) = single_open
                {
                    single_open = None;
                    if text[s..lo + i].contains(char::is_whitespace) {
                        out.push((s, lo + i + c.len_utf8()));
                    }
                }
            }
        }
    }
    // A single mark left open may be an apostrophe ('90s, 'em): only a line's last open
    // quotation is followed onto the next, and a single one only from the line's start.
    let open = open.or_else(|| single_open.filter(|&s| s == lo).map(|s| (s, Mark::Single)));
    (out, open)
}

/// A character that may be a quotation mark or an apostrophe.
fn is_mark(c: char) -> bool {
    is_open_mark(c) || is_close_mark(c) || matches!(c, '‘' | '’' | '\'')
}

/// The text has a character that may be a quotation mark: a fast test on bytes, so that the
/// many lines without one are not read character by character (`“”‘’„` begin with byte 0xE2,
/// `«»` with 0xC2).
fn has_mark(s: &str) -> bool {
    s.bytes().any(|b| matches!(b, b'"' | b'\'' | 0xE2 | 0xC2))
}

/// How a line goes on with a quotation open from the lines before.
fn carried(text: &str, lo: usize, hi: usize, mark: Mark) -> Carried {
    if !has_mark(&text[lo..hi]) {
        return Carried::Inside;
    }
    let chars: Vec<(usize, char)> = text[lo..hi].char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let is_mark = match mark {
            Mark::Double => is_open_mark(c) || is_close_mark(c),
            Mark::Single => matches!(c, '‘' | '’' | '\''),
        };
        if !is_mark {
            continue;
        }
        let at = around(&chars, k);
        let end = lo + i + c.len_utf8();
        // `not weaken it, "Obama said.`: a mark set off after a comma, before the
        // attribution, closes.
        let attributed = || (at.set_off || at.possessive) && AFTER_RE.is_match(&text[end..hi]);
        if matches!(c, '”' | '»') || at.closing() || attributed() {
            return Carried::ClosesAt(end);
        }
        if at.opening() || matches!(c, '“' | '„' | '«' | '‘') {
            return Carried::Broken;
        }
    }
    Carried::Inside
}

/// The lines around `lo..hi` (one of them) that a quotation touching it may run over: up to
/// [`CONTINUED_LINES`] either side, no blank line, none more than [`CONTINUED_BYTES`] away. A
/// quotation is held to those bounds itself, so every line of one sees its opening line.
fn block_lines(text: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let mut before = Vec::new();
    let mut start = lo;
    while before.len() < CONTINUED_LINES && start > 0 {
        let end = start - 1;
        let s = text[..end].rfind('\n').map_or(0, |i| i + 1);
        if text[s..end].trim().is_empty() || lo - end > CONTINUED_BYTES {
            break;
        }
        before.push((s, end));
        start = s;
    }
    before.reverse();
    let mut lines = before;
    lines.push((lo, hi));
    let mut end = hi;
    while lines.len() < 2 * CONTINUED_LINES + 1 && end < text.len() {
        let s = end + 1;
        let e = text[s..].find('\n').map_or(text.len(), |i| s + i);
        if text[s..e].trim().is_empty() || s - hi > CONTINUED_BYTES {
            break;
        }
        lines.push((s, e));
        end = e;
    }
    lines
}

/// The quotations that have a piece in the line `lo..hi`, each followed over the lines it
/// runs on: a quotation left open at a line's end goes on while the next lines have no mark,
/// up to the line whose first mark closes it. One never closed is taken to its first line's
/// end.
fn regions(text: &str, lo: usize, hi: usize) -> Vec<Region> {
    let lines = block_lines(text, lo, hi);
    let mut out: Vec<Region> = Vec::new();
    // The quotation open across lines: where it starts and its pieces so far.
    let mut running: Option<(Mark, Vec<(usize, usize)>)> = None;
    // A quotation in single marks is kept only when closed: an opening `'` may be an
    // apostrophe ('Tis, '90s).
    let unclosed = |mark: Mark, pieces: &[(usize, usize)]| -> Option<Region> {
        if mark == Mark::Single {
            return None;
        }
        let (s, e) = pieces[0];
        let e = s + text[s..e].trim_end().len();
        (e > s + 1).then(|| Region {
            start: s,
            end: e,
            closed: false,
            pieces: vec![(s, e)],
            attribution: None,
        })
    };
    for &(a, b) in &lines {
        let mut from = a;
        if let Some((mark, mut pieces)) = running.take() {
            // A continued line's part starts at its first word.
            let a = a + (text[a..b].len() - text[a..b].trim_start().len());
            // A quotation runs over at most CONTINUED_LINES lines and CONTINUED_BYTES bytes.
            let within =
                |end: usize| pieces.len() < CONTINUED_LINES && end - pieces[0].0 <= CONTINUED_BYTES;
            let how = match carried(text, a, b, mark) {
                Carried::Inside if !within(b) => Carried::Broken,
                Carried::ClosesAt(end) if !within(end) => Carried::Broken,
                how => how,
            };
            match how {
                Carried::Inside => {
                    pieces.push((a, b));
                    running = Some((mark, pieces));
                    continue;
                }
                Carried::ClosesAt(end) => {
                    pieces.push((a, end));
                    out.push(Region {
                        start: pieces[0].0,
                        end,
                        closed: true,
                        pieces,
                        attribution: None,
                    });
                    from = end;
                }
                Carried::Broken => out.extend(unclosed(mark, &pieces)),
            }
        }
        let (closed, open) = scan_line(text, from, b);
        out.extend(closed.into_iter().map(|(s, e)| Region {
            start: s,
            end: e,
            closed: true,
            pieces: vec![(s, e)],
            attribution: None,
        }));
        running = open.map(|(s, mark)| (mark, vec![(s, b)]));
    }
    if let Some((mark, pieces)) = running {
        out.extend(unclosed(mark, &pieces));
    }
    let mut out = join_interrupted(text, out);
    out.retain(|r| r.pieces.iter().any(|&(s, _)| (lo..hi).contains(&s)));
    out
}

fn paragraph_bounds(text: &str, span: Span) -> (usize, usize) {
    let lo = text[..span.start].rfind("\n\n").map_or(0, |i| i + 2);
    let lo = text[lo..span.start]
        .rfind('\n')
        .filter(|_| {
            // One paragraph a line: a single newline is a paragraph break too.
            !text[lo..span.start].trim().is_empty()
        })
        .map_or(lo, |i| lo + i + 1);
    let hi = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    (lo, hi.max(span.end))
}

/// The words of a quote for matching: lowercase words, with `…` where the source marks an
/// omission. Words in brackets inside a quote ("to her [Tara] and", "(the mayor)") are the
/// writer's, not the speaker's, and are left out; "[…]" stays an omission.
pub(crate) fn quote_words(s: &str) -> Vec<String> {
    quote_words_at(s).into_iter().map(|(w, _, _)| w).collect()
}

/// [`quote_words`] with each word's byte span in `s`.
pub(crate) fn quote_words_at(s: &str) -> Vec<(String, usize, usize)> {
    let words = |skip_brackets: bool| {
        let mut depth = 0usize;
        let mut out = Vec::new();
        for t in tokenize(s) {
            match t.key.as_str() {
                "[" | "(" if skip_brackets => depth += 1,
                "]" | ")" if skip_brackets => depth = depth.saturating_sub(1),
                "…" => out.push((t.key, t.start, t.end)),
                _ if t.is_word && depth == 0 => out.push((t.key, t.start, t.end)),
                _ => {}
            }
        }
        (out, depth)
    };
    match words(true) {
        // A bracket that never closes (":(" or "1) first…") hides nothing.
        (_, open) if open > 0 => words(false).0,
        (out, _) => out,
    }
}

/// The words of `reference` (counted without its `…` marks, as [`relate`] reads it) that a
/// version of it quotes: from the first word they share in order to the last, or `None` when
/// they share none.
pub(crate) fn covered(version: &[String], reference: &[String]) -> Option<(usize, usize)> {
    let reference: Vec<&str> = reference
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "…")
        .collect();
    let v: Vec<&str> = version
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "…")
        .collect();
    let ops = capture_diff_slices(Algorithm::Myers, &v, &reference);
    let mut equal = (0..ops.len())
        .filter(|&k| anchors(&ops, k, &v, &reference))
        .filter_map(|k| match ops[k] {
            DiffOp::Equal { new_index, len, .. } => Some((new_index, new_index + len)),
            _ => None,
        });
    let first = equal.next()?;
    let last = equal.next_back().unwrap_or(first);
    Some((first.0, last.1))
}

/// `"We can grow our economy today," Obama said, "and preserve the environment."`: one
/// sentence quoted in two parts around its attribution is one quotation.
fn join_interrupted(text: &str, regions: Vec<Region>) -> Vec<Region> {
    /// Most bytes of an attribution between two parts of a quotation.
    const ATTRIBUTION_BYTES: usize = 80;
    let mut out: Vec<Region> = Vec::new();
    for r in regions {
        if let Some(prev) = out.last_mut()
            && prev.closed
            && prev.attribution.is_none()
            && prev.pieces.len() == 1
            && r.pieces.len() == 1
            && prev.end <= r.start
            && r.start - prev.end <= ATTRIBUTION_BYTES
        {
            let first = text[prev.start..prev.end]
                .trim_end_matches(|c: char| is_close_mark(c) || matches!(c, '’' | '\''))
                .trim_end();
            let gap = &text[prev.end..r.start];
            let then = text[r.start..r.end]
                .trim_start_matches(|c: char| is_open_mark(c) || matches!(c, '‘' | '\''));
            if first.ends_with(',')
                && gap.trim_end().ends_with(',')
                && !gap.contains('\n')
                && AFTER_RE.is_match(gap)
                && then.chars().next().is_some_and(char::is_lowercase)
            {
                prev.attribution = Some((prev.end, r.start));
                prev.end = r.end;
                prev.closed = r.closed;
                prev.pieces = vec![(prev.start, r.end)];
                continue;
            }
        }
        out.push(r);
    }
    out
}

/// Quote facts starting in the sentence at `span`. A quote that runs past the sentence's end
/// keeps its full span; one that runs over several lines gives a fact for each line's part of
/// it (of more than [`SCARE_WORDS`] words), all with the speaker named around the whole.
pub(crate) fn extract(text: &str, span: Span) -> Vec<Fact> {
    let (lo, hi) = paragraph_bounds(text, span);
    let mut out = Vec::new();
    for r in regions(text, lo, hi) {
        let multiline = r.pieces.len() > 1;
        let mut speaker_found = None;
        for (k, &(start, end)) in r.pieces.iter().enumerate() {
            if start < span.start || start >= span.end {
                continue;
            }
            let end = start + text[start..end].trim_end().len();
            let words = match r.attribution {
                Some((a, b)) => {
                    let mut w = quote_words(&text[start..a]);
                    w.extend(quote_words(&text[b..end]));
                    w
                }
                None => quote_words(&text[start..end]),
            };
            let count = words.iter().filter(|w| *w != "…").count();
            if count == 0 || (multiline && count <= SCARE_WORDS) {
                continue;
            }
            if !multiline && is_a_title(text, start, end, count) {
                continue;
            }
            // `area, "Captain Ana Ruiz, spokeswoman, said.`: a closing mark typed as an opening
            // one leaves an "unclosed quote" that is the attribution, not anyone's words.
            if !r.closed && ends_in_speech_verb(&words) {
                continue;
            }
            let (speaker, how) = speaker_found
                .get_or_insert_with(|| {
                    let from = if multiline {
                        line_start(text, r.start)
                    } else {
                        span.start
                    };
                    // An interrupted quotation's speaker is named after its first part.
                    let said = Region {
                        end: r.attribution.map_or(r.end, |(a, _)| a),
                        ..r.clone()
                    };
                    speaker(text, from, &said, span.end)
                })
                .clone();
            // A few words in quotation marks with no one named as saying them are a term or
            // scare quotes ("the Pacific Ring of Fire", "abandon"), not a quotation.
            if speaker.is_none() && count <= SCARE_WORDS {
                continue;
            }
            let mut note = match &speaker {
                Some(s) => format!("speaker {s} ({how})"),
                None => "no speaker named".to_string(),
            };
            if multiline {
                note.push_str(&format!(
                    "; line {} of a quotation over {} lines",
                    k + 1,
                    r.pieces.len()
                ));
            } else if r.end > span.end {
                note.push_str("; the quote runs past the sentence's end");
            }
            if r.attribution.is_some() {
                note.push_str("; one sentence quoted in two parts around its attribution");
            }
            if !r.closed {
                note.push_str("; ");
                note.push_str(UNCLOSED);
            }
            out.push(Fact {
                kind: FactKind::Quote,
                start,
                end,
                text: text[start..end].to_string(),
                value: words.join(" "),
                subject: speaker.unwrap_or_default(),
                note,
            });
        }
    }
    out
}

/// Most words of the title of a work in quotation marks.
const TITLE_WORDS: usize = 12;

/// Words in quotation marks at `start..end` of `text` (`count` words) that are the title or
/// name of a work, not anyone's words: a Title Case run of four words or more ("Outstanding
/// Individual Performance in a Variety or Music Program"), two or three words all capitalized
/// ("New Moon"), or one capitalized word inside a sentence (to direct "Australia").
fn is_a_title(text: &str, start: usize, end: usize, count: usize) -> bool {
    static VERB_BEFORE_RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?:(?-u:\b){VERB}|:)\s*,?\s*$")).expect("valid verb regex")
    });
    let inner = &text[start..end];
    let toks = crate::text::tokenize(inner);
    // Title Case leaves its small words ("in", "a", "or") in lower case; a title has a word
    // that is not one of them.
    let content: Vec<&crate::text::Token> = toks
        .iter()
        .filter(|t| t.is_word && !crate::text::is_stopword(&t.key))
        .collect();
    let all_capitalized = !content.is_empty()
        && content
            .iter()
            .all(|t| inner[t.start..].starts_with(char::is_uppercase));
    // Words said ("Senator Reed said “Never.”", "“Make America Great Again,” Trump told the
    // crowd") are a quote, however capitalized.
    let lo = crate::load::floor_char_boundary(text, start.saturating_sub(40));
    let hi = crate::load::floor_char_boundary(text, (end + 120).min(text.len()));
    if VERB_BEFORE_RE.is_match(&text[lo..start]) || AFTER_RE.is_match(&text[end..hi]) {
        return false;
    }
    if count > SCARE_WORDS {
        return all_capitalized && count <= TITLE_WORDS;
    }
    let inside_sentence = text[..start]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    all_capitalized && (count >= 2 || inside_sentence)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Who said the quotation `r`: named after its end (on its last line), before it (from
/// `from`), or "according to" someone up to `tail` or its end.
fn speaker(text: &str, from: usize, r: &Region, tail: usize) -> (Option<String>, &'static str) {
    let hi = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
    let after_end = crate::load::floor_char_boundary(text, (r.end + 120).min(hi));
    let after = &text[r.end..after_end];
    if let Some(c) = AFTER_RE.captures(after) {
        let n = c
            .name("n1")
            .or_else(|| c.name("n2"))
            .or_else(|| c.name("n3"));
        if let Some(m) = n
            && let Some(name) = clean_name(m.as_str())
        {
            return (
                Some(numbered(&name, &after[m.end()..])),
                "named after the quote",
            );
        }
    }
    let before = &text[from..r.start];
    if let Some(n) = BEFORE_RE
        .captures_iter(before)
        .filter_map(|c| clean_name(c.name("n")?.as_str()))
        .last()
    {
        return (Some(n), "named before the quote");
    }
    let tail_end = tail.max(r.end).min(hi);
    if r.end <= tail_end
        && let Some(c) = ACCORDING_RE.captures(&text[r.end..tail_end])
        && let Some(n) = c.name("n").and_then(|n| clean_name(n.as_str()))
    {
        return (Some(n), "“according to”");
    }
    (None, "")
}

/// A speaker named by a number, whose name as matched stops at the abbreviation's full stop:
/// "Juror No" before ". 8," is "Juror No. 8".
fn numbered(name: &str, rest: &str) -> String {
    let digits: String = rest
        .strip_prefix('.')
        .unwrap_or(rest)
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if (name.ends_with(" No") || name == "No") && !digits.is_empty() {
        format!("{name}. {digits}")
    } else {
        name.to_string()
    }
}

/// A speaker as matched, trimmed; `None` when it is a word that opens a sentence rather than a
/// name ("When asked, …", "Then said …").
fn clean_name(s: &str) -> Option<String> {
    const OPENERS: &[&str] = &[
        "when", "then", "if", "as", "after", "before", "while", "once", "but", "and", "so",
        "later", "also", "because", "though", "although", "since", "until", "asked",
    ];
    let name = s.trim().trim_end_matches(['.', ',', '’', '\'']);
    let opener = name
        .split_whitespace()
        .all(|w| OPENERS.contains(&w.to_lowercase().as_str()));
    // "In November, the “mother ship” …": a month or a weekday alone is a time, not a speaker
    // ("May" aside: a surname as often as a month).
    let calendar = !name.contains(' ')
        && name != "May"
        && (crate::dates::month_number(name).is_some_and(|_| name.len() > 3)
            || name
                .parse::<chrono::Weekday>()
                .is_ok_and(|_| name.len() > 3));
    (!opener && !calendar).then(|| name.to_string())
}

/// How one version of a quote relates to a fuller reference version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Relation {
    Verbatim,
    /// Words left out, each omission marked by "…" or at the start or end.
    Shortened,
    /// Words changed, added or dropped without a mark: (version's words, reference's words).
    Altered(Vec<(String, String)>),
}

/// A run of words a version shares with the reference that places it there: more than one
/// word, or one that is not a stopword. A lone "I" or "the" matched far from the rest is where
/// a version quoting from a later sentence happens to begin ("I dated…" against "I ate and
/// drank and dated…"), not a sign that words between were dropped.
fn anchors(ops: &[DiffOp], k: usize, version: &[&str], reference: &[&str]) -> bool {
    let DiffOp::Equal { old_index, len, .. } = ops[k] else {
        return false;
    };
    if len > 1 || !crate::text::is_stopword(version[old_index]) {
        return true;
    }
    // Only a run of three or more of the reference's words, none of them a negation, is
    // another sentence: "I support" against "I do not support" is an alteration.
    let skipped = |op: Option<&DiffOp>| match op {
        Some(&DiffOp::Insert {
            new_index, new_len, ..
        }) => {
            new_len >= 3
                && !reference[new_index..new_index + new_len]
                    .iter()
                    .any(|w| is_negation(w))
        }
        _ => false,
    };
    !(skipped(ops.get(k + 1)) || skipped(k.checked_sub(1).and_then(|p| ops.get(p))))
}

/// Compares a version of a quote with a reference version, word by word.
pub(crate) fn relate(version: &[String], reference: &[String]) -> Relation {
    let reference: Vec<&str> = reference
        .iter()
        .map(String::as_str)
        .filter(|w| *w != "…")
        .collect();
    let v: Vec<&str> = version.iter().map(String::as_str).collect();
    if let Some(r) = by_segments(&v, &reference) {
        return r;
    }
    let ops = capture_diff_slices(Algorithm::Myers, &v, &reference);
    let first_equal = (0..ops.len()).position(|k| anchors(&ops, k, &v, &reference));
    let last_equal = (0..ops.len()).rposition(|k| anchors(&ops, k, &v, &reference));
    let mut altered = Vec::new();
    let mut shortened = false;
    let ellipsis_near = |i: usize| v.get(i) == Some(&"…") || (i > 0 && v.get(i - 1) == Some(&"…"));
    for (k, op) in ops.iter().enumerate() {
        let edge = first_equal.is_none_or(|f| k < f) || last_equal.is_none_or(|l| k > l);
        match *op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                if v[old_index..old_index + old_len].iter().all(|w| *w == "…") {
                    shortened = true;
                } else {
                    altered.push((
                        context(&v, old_index, old_len),
                        context_missing(&v, &reference, ops.as_slice(), k),
                    ));
                }
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                if edge || ellipsis_near(old_index) {
                    shortened = true;
                } else {
                    let _ = new_index;
                    // An unmarked omission: two words before it make the place clear.
                    altered.push((
                        context_wide(&v, old_index, 0),
                        context_wide(&reference, new_index, new_len),
                    ));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                if v[old_index..old_index + old_len].iter().all(|w| *w == "…") {
                    shortened = true;
                } else if spelled_alike(
                    &v[old_index..old_index + old_len],
                    &reference[new_index..new_index + new_len],
                ) {
                    // "end game" for "endgame", "e-mail" for "email": one word, spelled two ways.
                } else {
                    altered.push((
                        context(&v, old_index, old_len),
                        context(&reference, new_index, new_len),
                    ));
                }
            }
        }
    }
    if !altered.is_empty() {
        Relation::Altered(altered)
    } else if shortened || v.len() != reference.len() {
        Relation::Shortened
    } else {
        Relation::Verbatim
    }
}

/// A version that shows itself as whole sentences, ending where the speaker's sentence goes
/// on: the words the fuller `reference` text goes on with, when the version (its text as
/// written, marks included, with `before` the writer's text up to it) stands as a sentence of
/// its own (after a sentence's end or a colon), begins with a capital and closes with a full
/// stop, and the reference carries the same sentence past the version's last word, in the same
/// quotation. ("… will once again have to consult with biologists." for "… consult with
/// biologists at the two departments,"). A quote that ends the writer's own sentence ("said
/// the plan would \"help families.\"") puts its full stop inside the marks by custom: it is no
/// such version.
pub(crate) fn cut_short(before: &str, version: &str, reference: &str) -> Option<String> {
    let stands_alone = before
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '\n') || is_close_mark(c));
    let inner = version.trim().trim_start_matches(is_open_mark);
    // Its own closing mark right after a full stop: a line of a quotation that goes on over
    // lines ("… wildlife." then "We should …") is not its end.
    let trimmed = version.trim_end();
    let closes = trimmed.ends_with(is_close_mark)
        && trimmed
            .trim_end_matches(is_close_mark)
            .ends_with(['.', '!', '?']);
    let capital = inner.chars().next().is_some_and(char::is_uppercase);
    // Any mark of an omission ("…", "...", ". . .", "[…]") says words were left out.
    let marked = version.contains('…')
        || version.contains("...")
        || version.contains(". . .")
        || version.contains("[...]");
    if !(stands_alone && closes && capital) || marked {
        return None;
    }
    let v = quote_words(version);
    // Counted as `covered` counts them: the reference's own omission marks left out.
    let r: Vec<(String, usize, usize)> = quote_words_at(reference)
        .into_iter()
        .filter(|(w, _, _)| w != "…")
        .collect();
    let words: Vec<String> = r.iter().map(|(w, _, _)| w.clone()).collect();
    let (_, last) = covered(&v, &words)?;
    if v.last() != words.get(last - 1) {
        return None;
    }
    let (_, _, end) = r.get(last - 1)?;
    let (_, next, _) = r.get(last)?;
    let between = &reference[*end..*next];
    let same_sentence = !between.chars().any(|c| {
        matches!(c, '.' | '!' | '?' | ';' | ':' | '…') || is_close_mark(c) || is_open_mark(c)
    });
    same_sentence.then(|| {
        // Up to the quotation's close: the words the version leaves out.
        let close = reference[*end..]
            .find(is_close_mark)
            .map_or(reference.len(), |i| end + i);
        let rest: Vec<&str> = r[last..]
            .iter()
            .take_while(|(_, start, _)| *start < close)
            .take(8)
            .map(|(w, _, _)| w.as_str())
            .collect();
        rest.join(" ")
    })
}

/// Two runs of words that are one wording spelled apart: "end game", "endgame" and "end-game";
/// "eleventh-hour" and "11th hour"; "three" and "3".
fn spelled_alike(a: &[&str], b: &[&str]) -> bool {
    // Hyphens, apostrophes ("population's", "populations") and the spaces between words go;
    // figures keep their points and commas ("1.5" and "15" stay apart).
    let joined = |ws: &[&str]| -> String {
        ws.iter()
            .flat_map(|w| w.split('-'))
            .map(as_figure)
            .collect::<Vec<_>>()
            .concat()
            .replace(['\'', '’'], "")
    };
    let (x, y) = (joined(a), joined(b));
    !x.is_empty() && x == y
}

/// A number or ordinal word as digits ("eleventh" and "11th" → "11"); other words as they are.
fn as_figure(w: &str) -> String {
    const ORDINALS: [(&str, u32); 9] = [
        ("first", 1),
        ("second", 2),
        ("third", 3),
        ("fifth", 5),
        ("eighth", 8),
        ("ninth", 9),
        ("twelfth", 12),
        ("twentieth", 20),
        ("thirtieth", 30),
    ];
    if let Some((_, n)) = ORDINALS.iter().find(|(o, _)| *o == w) {
        return n.to_string();
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th")
    {
        return digits.to_string();
    }
    let cardinal = w.strip_suffix("th").unwrap_or(w);
    match crate::text::word_number(cardinal) {
        Some(n) if n.fract() == 0.0 => format!("{}", n as i64),
        _ => w.to_string(),
    }
}

/// One version of a quote, ready to be weighed against others: its words (omission marks
/// left out, possessives cut), the set of them, and the words of names in it.
pub(crate) struct Version {
    words: Vec<String>,
    set: std::collections::HashSet<String>,
    names: std::collections::BTreeSet<String>,
}

impl Version {
    /// `words` as [`quote_words`] gives them; `text` the quote as written (for its names).
    pub(crate) fn new(words: &[String], text: &str) -> Self {
        let words: Vec<String> = words
            .iter()
            .filter(|w| *w != "…")
            .map(|w| w.trim_end_matches("'s").trim_end_matches("’s").to_string())
            .collect();
        Self {
            set: words.iter().cloned().collect(),
            words,
            names: name_words(text),
        }
    }
}

/// The share of a version's own words (stopwords and the words of names aside) that the
/// reference has in the same order: how much of one utterance the two versions are. Two
/// statements that share a phrase ("I just wanted to say") or a name ("the Endangered Species
/// Act") score low. A version with no words of its own counts all its words.
pub(crate) fn overlap(version: &Version, reference: &Version) -> f64 {
    let (v, r) = (&version.words, &reference.words);
    if v.is_empty() {
        return 0.0;
    }
    if v == r {
        return 1.0;
    }
    let counted = counted_words(version, reference);
    let total = v.iter().filter(|w| counted(w)).count();
    // The words both have, in any order, bound the share from above: most pairs of different
    // statements are told apart without a diff.
    let bound = shared_words(version, reference);
    if bound < 0.5 {
        return bound;
    }
    let equal: usize = capture_diff_slices(Algorithm::Myers, v, r)
        .iter()
        .map(|op| match *op {
            DiffOp::Equal { old_index, len, .. } => v[old_index..old_index + len]
                .iter()
                .filter(|w| counted(w))
                .count(),
            _ => 0,
        })
        .sum();
    equal as f64 / total as f64
}

/// The share of a version's own words (as [`overlap`] counts them) that the reference has, in
/// any order: 1 for the same words moved about.
pub(crate) fn shared_words(version: &Version, reference: &Version) -> f64 {
    let counted = counted_words(version, reference);
    let total = own_words(version, reference);
    if total == 0 {
        return 0.0;
    }
    let shared = version
        .words
        .iter()
        .filter(|w| counted(w) && reference.set.contains(w.as_str()))
        .count();
    shared as f64 / total as f64
}

/// How many words of its own `version` has when weighed against `reference` (see [`overlap`]).
fn own_words(version: &Version, reference: &Version) -> usize {
    let counted = counted_words(version, reference);
    version.words.iter().filter(|w| counted(w)).count()
}

/// Which words of `version` count when it is weighed against `reference`: its own words
/// (stopwords and the words of names aside), or all of them when it has none.
fn counted_words<'a>(version: &'a Version, reference: &'a Version) -> impl Fn(&str) -> bool + 'a {
    let own = |w: &str| {
        !crate::text::is_stopword(w) && !version.names.contains(w) && !reference.names.contains(w)
    };
    let all = !version.words.iter().any(|w| own(w));
    move |w: &str| all || own(w)
}

/// The words of names in a quote as written: capitalized words that do not begin a sentence
/// ("the Endangered Species Act" gives "endangered", "species", "act"), lowercase.
pub(crate) fn name_words(text: &str) -> std::collections::BTreeSet<String> {
    let toks = tokenize(text);
    let mut out = std::collections::BTreeSet::new();
    let mut starts = true;
    for t in &toks {
        if t.is_word {
            let raw = &text[t.start..t.end];
            if !starts && raw.chars().next().is_some_and(char::is_uppercase) && t.key != "i" {
                out.insert(
                    t.key
                        .trim_end_matches("'s")
                        .trim_end_matches("’s")
                        .to_string(),
                );
            }
            starts = false;
        } else if matches!(
            t.key.as_str(),
            "." | "!" | "?" | "“" | "\"" | "„" | "«" | ":"
        ) {
            starts = true;
        }
    }
    out
}

/// A version whose every stretch between "…" marks appears word for word, in order, in the
/// reference is verbatim or consistently shortened; `None` when some stretch does not.
fn by_segments(v: &[&str], reference: &[&str]) -> Option<Relation> {
    let segments: Vec<&[&str]> = v.split(|w| *w == "…").filter(|s| !s.is_empty()).collect();
    let mut cursor = 0;
    for seg in &segments {
        let found = (cursor..=reference.len().saturating_sub(seg.len()))
            .find(|&p| reference.get(p..p + seg.len()) == Some(*seg))?;
        cursor = found + seg.len();
    }
    if segments.len() == 1 && segments[0].len() == reference.len() && v.len() == reference.len() {
        Some(Relation::Verbatim)
    } else {
        Some(Relation::Shortened)
    }
}

/// Most changed words a finding shows of one change; a longer run is cut with "…".
const SHOWN_WORDS: usize = 6;

/// The words `at..at+len` of `ws` with one word of context either side.
fn context(ws: &[&str], at: usize, len: usize) -> String {
    shown(ws, at.saturating_sub(1), at, len)
}

/// Like [`context`], with two words before.
fn context_wide(ws: &[&str], at: usize, len: usize) -> String {
    shown(ws, at.saturating_sub(2), at, len)
}

/// The words of `ws` from `lo` through the run `at..at+len` and one word after it; a run of
/// more than [`SHOWN_WORDS`] is cut after its first ones.
fn shown(ws: &[&str], lo: usize, at: usize, len: usize) -> String {
    let cut = len > SHOWN_WORDS;
    let hi = if cut { at + SHOWN_WORDS } else { at + len + 1 }.min(ws.len());
    let mut out: Vec<&str> = ws[lo..hi].iter().filter(|w| **w != "…").copied().collect();
    if cut {
        out.push("…");
    }
    out.join(" ")
}

/// For words the version adds, the reference's words around the same place.
fn context_missing(_v: &[&str], reference: &[&str], ops: &[DiffOp], k: usize) -> String {
    let at = match ops[k] {
        DiffOp::Delete { new_index, .. } => new_index,
        _ => 0,
    };
    context(reference, at, 0)
}

/// `words` (quote words as [`quote_words`] gives them, joined by spaces, perhaps ending in a
/// cut mark "…") as `text` spells them: where `text` has them in a row, as written there
/// ("I'm", "Europe and the"); otherwise each word in its first spelling there; a word `text`
/// lacks stays as it is.
fn as_written(words: &str, text: &str) -> String {
    // What ends the run but is no word of it: a cut mark, a full stop.
    let run = words.trim_end_matches(|c: char| !c.is_alphanumeric());
    let cut = &words[run.len()..];
    let keys: Vec<&str> = run.split(' ').collect();
    let tokens: Vec<_> = tokenize(text).into_iter().filter(|t| t.is_word).collect();
    let spelled: Vec<&str> = match tokens
        .windows(keys.len())
        .find(|win| win.iter().zip(&keys).all(|(t, k)| t.key == *k))
    {
        Some(win) => win.iter().map(|t| &text[t.start..t.end]).collect(),
        None => keys
            .iter()
            .map(|k| {
                tokens
                    .iter()
                    .find(|t| t.key == *k)
                    .map_or(*k, |t| &text[t.start..t.end])
            })
            .collect(),
    };
    format!("{}{cut}", spelled.join(" "))
}

// Comparison of the sources' facts of this kind.

impl Cx<'_> {
    /// A difference between version `m` and the `reference` version, as each writes its words.
    fn as_written(&self, m: usize, reference: usize, (v, r): (String, String)) -> (String, String) {
        (
            as_written(&v, &self.items[m].fact.text),
            as_written(&r, &self.items[reference].fact.text),
        )
    }

    pub(super) fn quotes(&self) -> Vec<Finding> {
        let members = self.of_kind(FactKind::Quote);
        let words: BTreeMap<usize, Vec<String>> = members
            .iter()
            .map(|&m| {
                (
                    m,
                    self.items[m]
                        .fact
                        .value
                        .split(' ')
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect(),
                )
            })
            .collect();
        let empty = Vec::new();
        let w = |m: usize| words.get(&m).unwrap_or(&empty);
        // Quotes with the same words are weighed as one.
        let classes = Classes::new(
            &members,
            self.items.len(),
            |m| self.doc_of(m),
            |m| self.items[m].fact.value.as_str(),
        );
        // The aligned groups each wording is quoted in.
        let mut groups_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for &m in &members {
            let item = &self.items[m];
            let groups = groups_of.entry(item.fact.value.as_str()).or_default();
            groups.extend(item.group);
        }
        let in_groups = |c: usize| &groups_of[self.items[classes.rep(c)].fact.value.as_str()];
        let speakers = self.canonical_speakers(&members);
        // The speakers each wording is quoted from, by surname.
        let mut said_by: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (&m, name) in &speakers {
            let by = said_by
                .entry(self.items[m].fact.value.as_str())
                .or_default();
            by.insert(super::people::surname(name));
        }
        let no_one = BTreeSet::new();
        let said = |c: usize| {
            said_by
                .get(self.items[classes.rep(c)].fact.value.as_str())
                .unwrap_or(&no_one)
        };
        // Candidates share a run of four words (short quotes: all their words), or are one
        // speaker's, quoted in passages aligned as one happening.
        let words_of = |c: usize| -> Vec<&str> {
            w(classes.rep(c))
                .iter()
                .map(String::as_str)
                .filter(|x| *x != "…")
                .collect()
        };
        // Keys are hashes (a collision only adds a pair, weighed in full below).
        let hash = |parts: &[&str]| {
            use std::hash::{Hash, Hasher};
            let mut h = std::hash::DefaultHasher::new();
            parts.hash(&mut h);
            h.finish()
        };
        let mut pairs = classes.pairs(|c| {
            let ws = words_of(c);
            if ws.len() < 4 {
                vec![hash(&ws)]
            } else {
                ws.windows(4).map(hash).collect()
            }
        });
        // Quotes in one group that one speaker may have said ([`Self::reworded`]): keyed by
        // group, then kept when they share a speaker or one names none (keyed by both, a
        // wording quoted in many groups by many speakers would make keys of every group with
        // every speaker).
        let one_speaker = classes.pairs(|c| {
            if words_of(c).len() < 4 {
                Vec::new()
            } else {
                in_groups(c).iter().map(|g| hash(&["\u{1}", g])).collect()
            }
        });
        // The descriptions each wording's speakers are given by ([`Self::description`]).
        let mut described_by: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for &m in &members {
            if let Some(d) = self.description(m) {
                described_by
                    .entry(self.items[m].fact.value.as_str())
                    .or_default()
                    .insert(d);
            }
        }
        let described = |c: usize| {
            described_by
                .get(self.items[classes.rep(c)].fact.value.as_str())
                .unwrap_or(&no_one)
        };
        // Two speakers named by no name, each described its own way (the captain and the
        // first mate).
        let described_apart = |x: usize, y: usize| {
            let (dx, dy) = (described(x), described(y));
            said(x).is_empty()
                && said(y).is_empty()
                && !dx.is_empty()
                && !dy.is_empty()
                && dx.is_disjoint(dy)
        };
        // One speaker may have said both: a surname in common, or a side with no name, unless
        // both are described apart.
        let may_be_one_speaker = |x: usize, y: usize| {
            if !said(x).is_empty() && !said(y).is_empty() {
                return !said(x).is_disjoint(said(y));
            }
            !described_apart(x, y)
        };
        pairs.extend(
            one_speaker
                .into_iter()
                .filter(|&(x, y)| x != y && may_be_one_speaker(x, y)),
        );
        pairs.sort_unstable();
        pairs.dedup();
        let same: Vec<bool> = par_map(&pairs, |&(x, y)| {
            let (rx, ry) = (classes.rep(x), classes.rep(y));
            if described_apart(x, y) {
                // Two people's words are one quote only when near verbatim (misattributed).
                return same_quote(w(rx), w(ry)) && {
                    let (shorter, longer) = self.versions(rx, ry, w(rx), w(ry));
                    overlap(&shorter, &longer) >= TUNING.quote_verbatim
                };
            }
            same_quote(w(rx), w(ry))
                || (!in_groups(x).is_disjoint(in_groups(y))
                    && may_be_one_speaker(x, y)
                    && self.reworded(rx, ry, w(rx), w(ry), said(x).is_disjoint(said(y))))
        });
        let mut sets = Links::new(&classes);
        for (&(x, y), same) in pairs.iter().zip(same) {
            if same {
                sets.link_apart(x, y, false);
            }
        }
        let mut out = Vec::new();
        let mut lone = Vec::new();
        for (comp, _) in sets.components(&members) {
            for utterance in self.utterances(&comp, &w, &speakers) {
                let docs: BTreeSet<usize> = utterance.iter().map(|&m| self.items[m].doc).collect();
                if docs.len() < 2 {
                    lone.extend(utterance);
                } else {
                    out.extend(self.quote_findings(&utterance, &w, &speakers));
                }
            }
        }
        out.extend(self.single_source_quotes(&lone, &speakers));
        out
    }

    /// How quote `m`'s speaker is described when no name is given ("the captain", "the first
    /// mate"), lowercase; pronouns say nothing of who.
    fn description(&self, m: usize) -> Option<String> {
        let raw = self.items[m].fact.subject.trim();
        let lower = raw.to_lowercase();
        let pronoun = matches!(
            lower.as_str(),
            "he" | "she" | "they" | "we" | "i" | "it" | "you"
        );
        (raw.chars().next().is_some_and(char::is_lowercase) && !pronoun).then_some(lower)
    }

    /// Quotes `x` and `y` (their words `wx`, `wy`) as versions, the shorter first.
    fn versions(&self, x: usize, y: usize, wx: &[String], wy: &[String]) -> (Version, Version) {
        let (vx, vy) = (
            Version::new(wx, &self.items[x].fact.text),
            Version::new(wy, &self.items[y].fact.text),
        );
        if vx.words.len() <= vy.words.len() {
            (vx, vy)
        } else {
            (vy, vx)
        }
    }

    /// Whether two quotes of four words or more, in passages aligned as one happening, are one
    /// utterance with its words moved about: most of the shorter one's words are the longer
    /// one's, in order ([`overlap`]), and both or neither deny (a "not" or "never" on one side
    /// only makes two statements, not one quoted two ways). When no one speaker is named for
    /// both (`unattested`), the shorter must have nearly all its words in the longer
    /// ([`shared_words`], [`Tuning::quote_same_words`](super::Tuning::quote_same_words)) and
    /// [`Tuning::attribution_words`](super::Tuning::attribution_words) of its own: two unnamed
    /// people say alike things in words of their own.
    fn reworded(&self, x: usize, y: usize, wx: &[String], wy: &[String], unattested: bool) -> bool {
        let len = |ws: &[String]| ws.iter().filter(|w| *w != "…").count();
        let denies = |ws: &[String]| ws.iter().any(|w| is_negation(w));
        if len(wx) < 4 || len(wy) < 4 || denies(wx) != denies(wy) {
            return false;
        }
        let (shorter, longer) = self.versions(x, y, wx, wy);
        overlap(&shorter, &longer) >= TUNING.quote_overlap
            && (!unattested
                || own_words(&shorter, &longer) >= TUNING.attribution_words
                    && shared_words(&shorter, &longer) >= TUNING.quote_same_words)
    }

    /// Splits linked quotes into utterances. Versions are taken fullest first (as the reference
    /// of [`Self::quote_findings`] is chosen); each joins the first utterance whose fullest
    /// version shares enough of its own words ([`overlap`]), else starts one. Two
    /// speakers' versions must be near verbatim to be one utterance: two people saying alike
    /// things are two statements, the same words in two mouths one quote misattributed.
    /// Identical versions are weighed once.
    fn utterances<'w>(
        &self,
        comp: &[usize],
        w: &(dyn Fn(usize) -> &'w Vec<String> + Sync),
        speakers: &BTreeMap<usize, String>,
    ) -> Vec<Vec<usize>> {
        /// The sources giving one version, and its mentions.
        type Givers = (BTreeSet<usize>, Vec<usize>);
        let mut versions: BTreeMap<&[String], Givers> = BTreeMap::new();
        for &m in comp {
            let v = versions.entry(w(m).as_slice()).or_default();
            v.0.insert(self.items[m].doc);
            v.1.push(m);
        }
        let len = |ws: &[String]| ws.iter().filter(|x| *x != "…").count();
        let mut order: Vec<(&[String], &Givers)> = versions.iter().map(|(k, v)| (*k, v)).collect();
        order.sort_by(|a, b| {
            len(b.0)
                .cmp(&len(a.0))
                .then_with(|| b.1.0.len().cmp(&a.1.0.len()))
                .then_with(|| a.0.cmp(b.0))
        });
        struct Utterance {
            fullest: Version,
            speakers: BTreeSet<String>,
            /// How its speakers are described when no name is given.
            described: BTreeSet<String>,
            members: Vec<usize>,
        }
        let surnames = |ms: &[usize]| -> BTreeSet<String> {
            ms.iter()
                .filter_map(|m| speakers.get(m))
                .map(|s| super::people::surname(s))
                .collect()
        };
        let mut out: Vec<Utterance> = Vec::new();
        // Word → the utterances whose fullest version has it: a version is weighed only
        // against utterances that have at least a quarter of its content words (one utterance
        // shares far more), not against every statement of a large component.
        let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
        for (words, (_, members)) in order {
            let version = Version::new(words, &self.items[members[0]].fact.text);
            let said_by = surnames(members);
            let described: BTreeSet<String> = members
                .iter()
                .filter_map(|&m| self.description(m))
                .collect();
            let content: BTreeSet<&str> = words
                .iter()
                .map(String::as_str)
                .filter(|w| *w != "…" && !crate::text::is_stopword(w))
                .collect();
            let mut hits: BTreeMap<usize, usize> = BTreeMap::new();
            for w in &content {
                for &u in index.get(w).map_or(&[][..], Vec::as_slice) {
                    *hits.entry(u).or_default() += 1;
                }
            }
            let home = hits
                .iter()
                .filter(|&(_, &n)| 4 * n >= content.len())
                .map(|(&u, _)| u)
                .find(|&u| {
                    let u = &out[u];
                    let overlap = overlap(&version, &u.fullest);
                    // Two named people, or two described each their own way with no name.
                    let other_speaker = !said_by.is_empty()
                        && !u.speakers.is_empty()
                        && said_by.is_disjoint(&u.speakers)
                        || said_by.is_empty()
                            && u.speakers.is_empty()
                            && !described.is_empty()
                            && !u.described.is_empty()
                            && described.is_disjoint(&u.described);
                    overlap >= TUNING.quote_overlap
                        && (!other_speaker || overlap >= TUNING.quote_verbatim)
                });
            match home {
                // A version that names its speaker names the utterance's.
                Some(u) => {
                    out[u].members.extend(members);
                    out[u].speakers.extend(said_by);
                    out[u].described.extend(described);
                }
                None => {
                    for w in content {
                        index.entry(w).or_default().push(out.len());
                    }
                    out.push(Utterance {
                        fullest: version,
                        speakers: said_by,
                        described,
                        members: members.clone(),
                    });
                }
            }
        }
        out.into_iter()
            .map(|u| {
                let mut ms = u.members;
                ms.sort_unstable();
                ms
            })
            .collect()
    }

    /// The findings of one component of linked quotes.
    /// A version [`cut_short`] of the reference: (its last words, the reference's words
    /// there and after).
    fn cut_short_of(&self, m: usize, reference: usize) -> Option<(String, String)> {
        let (it, r) = (&self.items[m], &self.items[reference]);
        if it.doc == r.doc {
            return None;
        }
        let before = self.cmp.documents.get(it.doc)?.text.get(..it.fact.start)?;
        let rest = cut_short(before, &it.fact.text, &r.fact.text)?;
        let words = quote_words(&it.fact.text);
        let tail = words[words.len().saturating_sub(3)..].join(" ");
        Some((format!("{tail}."), format!("{tail} {rest}")))
    }

    fn quote_findings<'w>(
        &self,
        comp: &[usize],
        w: &(dyn Fn(usize) -> &'w Vec<String> + Sync),
        speakers: &BTreeMap<usize, String>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        // The fullest version is the reference the others are read against. Among equally
        // full versions: the one the most documents give, then the first in word order, so
        // that the order the documents were given in never picks it (identical words can
        // only differ in which of their mentions is named the reference).
        let mut givers: BTreeMap<&[String], BTreeSet<usize>> = BTreeMap::new();
        for &m in comp {
            givers
                .entry(w(m).as_slice())
                .or_default()
                .insert(self.items[m].doc);
        }
        let Some(&reference) = comp.iter().max_by(|&&a, &&b| {
            let len = |m: usize| w(m).iter().filter(|x| *x != "…").count();
            let given = |m: usize| givers.get(w(m).as_slice()).map_or(0, BTreeSet::len);
            len(a)
                .cmp(&len(b))
                .then_with(|| given(a).cmp(&given(b)))
                .then_with(|| w(b).cmp(w(a)))
                .then_with(|| b.cmp(&a))
        }) else {
            return out;
        };
        let ref_doc = self.source(self.items[reference].doc).to_string();
        let excerpt = short(&self.items[reference].fact.text);
        let mut consistent = vec![reference];
        let mut notes: BTreeMap<usize, String> = BTreeMap::new();
        notes.insert(reference, "fullest version, the reference".to_string());
        let mut altered: Vec<(usize, Vec<(String, String)>)> = Vec::new();
        // Copies of one version relate to the reference alike.
        let mut relations: BTreeMap<&[String], Relation> = BTreeMap::new();
        for &m in comp {
            if m == reference {
                continue;
            }
            let relation = relations
                .entry(w(m).as_slice())
                .or_insert_with(|| relate(w(m), w(reference)))
                .clone();
            match relation {
                Relation::Verbatim => {
                    notes.insert(m, format!("verbatim as in {ref_doc}"));
                    consistent.push(m);
                }
                Relation::Shortened => match self.cut_short_of(m, reference) {
                    Some(diff) => {
                        let diff = self.as_written(m, reference, diff);
                        notes.insert(
                            m,
                            format!(
                                "ends its sentence where {ref_doc}'s goes on, with no mark: “{}” for “{}”",
                                diff.0, diff.1
                            ),
                        );
                        altered.push((m, vec![diff]));
                    }
                    None => {
                        notes.insert(m, format!("shortened from {ref_doc}'s version, consistent"));
                        consistent.push(m);
                    }
                },
                // A source that quotes one utterance twice, once more fully, does not
                // contradict itself; nor does another source that gives the same two versions
                // (which of two such sources is the reference is a tie, and must not decide).
                Relation::Altered(_)
                    if givers
                        .get(w(m).as_slice())
                        .zip(givers.get(w(reference).as_slice()))
                        .is_some_and(|(mine, theirs)| !mine.is_disjoint(theirs)) =>
                {
                    notes.insert(
                        m,
                        format!("another version {ref_doc} or a source like it gives itself"),
                    );
                    consistent.push(m);
                }
                Relation::Altered(diffs) => {
                    let diffs: Vec<(String, String)> = diffs
                        .into_iter()
                        .map(|d| self.as_written(m, reference, d))
                        .collect();
                    let shown = diffs
                        .iter()
                        .take(3)
                        .map(|(v, r)| format!("“{v}” for “{r}”"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    notes.insert(m, format!("altered against {ref_doc}: {shown}"));
                    altered.push((m, diffs));
                }
            }
        }
        consistent.sort_unstable();
        let consistent_docs = self.docs_label(&consistent);
        let consistent_sources: BTreeSet<usize> =
            consistent.iter().map(|&m| self.items[m].doc).collect();
        if consistent_sources.len() >= 2 {
            let how: Vec<String> = consistent
                .iter()
                .filter(|&&m| m != reference)
                .map(|&m| {
                    let verb = if notes.get(&m).is_some_and(|n| n.starts_with("verbatim")) {
                        "verbatim"
                    } else {
                        "shortened, consistent"
                    };
                    format!("{} {verb}", self.source(self.items[m].doc))
                })
                .collect();
            out.push(
                self.finding(
                    FactKind::Quote,
                    FindingStatus::Agree,
                    format!(
                        "Same quote {excerpt} in {consistent_docs}: {} against {ref_doc}",
                        how.join("; ")
                    ),
                    &consistent,
                    &notes,
                )
                .about(
                    utterance_slot(comp, speakers, &excerpt),
                    "verbatim, or shortened with its omissions marked or at its ends",
                ),
            );
        }
        // An altered version is shown against the part of the reference it quotes, and against
        // the consistent versions that quote some of that part (a version of another sentence
        // of the same statement is no evidence about this one).
        let spans: BTreeMap<usize, Option<(usize, usize)>> = consistent
            .iter()
            .chain(altered.iter().map(|(m, _)| m))
            .map(|&m| (m, covered(w(m), w(reference))))
            .collect();
        // Sources that alter the reference alike (the same words for the same words, however
        // much of it each quotes) are one finding.
        type Diffs = Vec<(String, String)>;
        let same_diffs = |a: &Diffs, b: &Diffs| {
            // Compared as words are ("I’m" and "I'm" are one word).
            let keys = |d: &Diffs| -> Vec<(Vec<String>, Vec<String>)> {
                d.iter()
                    .map(|(v, r)| (quote_words(v), quote_words(r)))
                    .collect()
            };
            keys(a) == keys(b)
        };
        let mut alike: Vec<(Vec<usize>, &Diffs)> = Vec::new();
        for (m, diffs) in &altered {
            match alike
                .iter_mut()
                .find(|(ms, d)| w(ms[0]) == w(*m) || same_diffs(d, diffs))
            {
                Some((ms, _)) => ms.push(*m),
                None => alike.push((vec![*m], diffs)),
            }
        }
        for (versions, diffs) in alike {
            let m = versions[0];
            let part = spans.get(&m).copied().flatten();
            let overlaps = |c: usize| match (part, spans.get(&c).copied().flatten()) {
                (Some((a, b)), Some((c0, c1))) => a < c1 && c0 < b,
                _ => true,
            };
            let cited: Vec<usize> = consistent
                .iter()
                .copied()
                .filter(|&c| c == reference || overlaps(c))
                .collect();
            let cited_docs = self.docs_label(&cited);
            let mut mentions = Vec::with_capacity(versions.len() + cited.len());
            for &v in &versions {
                mentions.push(self.mention(v, notes.get(&v).map(String::as_str)));
            }
            for &c in &cited {
                let mention = self.mention(c, notes.get(&c).map(String::as_str));
                mentions.push(match part {
                    Some(range) if c == reference => narrowed(mention, w(c), range),
                    _ => mention,
                });
            }
            let group = self
                .common_group(&cited)
                .filter(|g| self.items[m].group == Some(g.as_str()));
            let shown = diffs
                .iter()
                .take(3)
                .map(|(v, r)| {
                    let verb = if cited.len() > 1 { "have" } else { "has" };
                    format!("“{v}” where {cited_docs} {verb} “{r}”")
                })
                .collect::<Vec<_>>()
                .join("; ");
            out.push(Finding {
                id: String::new(),
                kind: FactKind::Quote,
                status: FindingStatus::Conflict,
                summary: format!("Quote altered in {}: {shown}", self.docs_label(&versions)),
                slot: utterance_slot(comp, speakers, &excerpt),
                reason: "words differ inside one quotation, without a mark of omission".into(),
                group,
                mentions,
            });
        }
        if let Some(f) = self.misattribution(comp, reference, w, speakers) {
            out.push(f);
        }
        out
    }

    /// A finding per quotation that only one source gives: the paragraphs of one quotation
    /// ("… the other thing is:" / "“we will go on …”"), each quoted on its own line, are one
    /// finding with a mention per paragraph.
    fn single_source_quotes(
        &self,
        lone: &[usize],
        speakers: &BTreeMap<usize, String>,
    ) -> Vec<Finding> {
        let mut lone = lone.to_vec();
        lone.sort_by_key(|&m| (self.items[m].doc, self.items[m].fact.start));
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for m in lone {
            match runs.last_mut() {
                Some(run)
                    if self.goes_on(*run.last().expect("runs are not empty"), m, speakers) =>
                {
                    run.push(m)
                }
                _ => runs.push(vec![m]),
            }
        }
        runs.iter()
            .map(|run| {
                let it = &self.items[run[0]];
                let by = match run.iter().find_map(|m| speakers.get(m)) {
                    Some(s) => format!(" by {s}"),
                    None => String::new(),
                };
                let more = match run.len() {
                    1 => String::new(),
                    n => format!(" (a quotation of {n} paragraphs)"),
                };
                self.finding(
                    FactKind::Quote,
                    FindingStatus::SingleSource,
                    format!(
                        "Only {} quotes{by}: {}{more}",
                        self.source(it.doc),
                        short(&it.fact.text)
                    ),
                    run,
                    &BTreeMap::new(),
                )
                .about(
                    utterance_slot(run, speakers, &short(&it.fact.text)),
                    super::ONE_SOURCE,
                )
            })
            .collect()
    }

    /// Quote `next` carries on quote `m` in the next paragraph: the same document, `m` not
    /// closed at its paragraph's end (a quotation running over paragraphs closes only at its
    /// last), only line breaks and quotation marks between them, and no other speaker named.
    fn goes_on(&self, m: usize, next: usize, speakers: &BTreeMap<usize, String>) -> bool {
        let (a, b) = (&self.items[m], &self.items[next]);
        let Some(between) = self
            .cmp
            .documents
            .get(a.doc)
            .and_then(|d| d.text.get(a.fact.end..b.fact.start))
        else {
            return false;
        };
        a.doc == b.doc
            && !a.fact.text.trim_end().ends_with(['”', '"'])
            && between.contains('\n')
            && between
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’'))
            && match (speakers.get(&m), speakers.get(&next)) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            }
    }

    /// The same words put in different mouths: a conflict only when the quote is long enough to
    /// be one person's, the speakers are different people (not "Lt. Gregg Hastings" and
    /// "Hastings"), and no source names both with it (a joint statement).
    fn misattribution<'w>(
        &self,
        comp: &[usize],
        reference: usize,
        w: &(dyn Fn(usize) -> &'w Vec<String> + Sync),
        speakers: &BTreeMap<usize, String>,
    ) -> Option<Finding> {
        let length = w(reference).iter().filter(|x| *x != "…").count();
        if length < TUNING.attribution_words {
            return None;
        }
        // One speaker per person: "Lt. Gregg Hastings" and "Hastings" are one, "Barack Obama"
        // and "Michelle Obama" two (a bare surname joins the one full name that has it).
        let named: Vec<(usize, &str)> = comp
            .iter()
            .filter_map(|&m| speakers.get(&m).map(|s| (m, s.as_str())))
            .collect();
        let mut given_names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (_, s) in &named {
            if let Some(g) = super::people::given_name(s) {
                given_names
                    .entry(super::people::surname(s))
                    .or_default()
                    .insert(g);
            }
        }
        /// The names one speaker is given, and the quotes given to them.
        type Said<'n> = (BTreeSet<&'n str>, Vec<usize>);
        let mut by_speaker: BTreeMap<(String, String), Said> = BTreeMap::new();
        for (m, s) in named {
            let surname = super::people::surname(s);
            let given = super::people::given_name(s).or_else(|| {
                given_names
                    .get(&surname)
                    .filter(|g| g.len() == 1)
                    .and_then(|g| g.first().cloned())
            });
            let entry = by_speaker
                .entry((surname, given.unwrap_or_default()))
                .or_default();
            entry.0.insert(s);
            entry.1.push(m);
        }
        if by_speaker.len() < 2 {
            return None;
        }
        let mut passages: BTreeMap<usize, usize> = BTreeMap::new();
        for &m in comp {
            passages.entry(self.items[m].context).or_insert(m);
        }
        let joint = passages.values().any(|&m| {
            let it = &self.items[m];
            let passage = &self.cmp.documents[it.doc].passages[it.passage].text;
            by_speaker
                .keys()
                .filter(|(surname, _)| !surname.is_empty())
                .filter(|(surname, _)| super::people::names_word(passage, surname))
                .count()
                >= 2
        });
        if joint {
            return None;
        }
        let excerpt = short(&self.items[reference].fact.text);
        let parts: Vec<String> = by_speaker
            .values()
            .map(|(names, ms)| {
                let names: Vec<&str> = names.iter().copied().collect();
                format!("{} ({})", names.join(" / "), self.docs_label(ms))
            })
            .collect();
        let mut ms: Vec<usize> = by_speaker.values().flat_map(|x| x.1.clone()).collect();
        ms.sort_unstable();
        Some(
            self.finding(
                FactKind::Quote,
                FindingStatus::Conflict,
                format!("Quote {excerpt} attributed to {}", parts.join(" vs ")),
                &ms,
                &BTreeMap::new(),
            )
            .about(
                format!("who said {excerpt}"),
                "the same words given to different speakers",
            ),
        )
    }
}

/// A quote's mention cut to its words `range` (counted without `…`, as [`covered`] gives
/// them), text and value, with a note saying so; the whole mention when the range is all of it
/// or the words cannot be placed.
fn narrowed(mut m: Mention, words: &[String], range: (usize, usize)) -> Mention {
    let at: Vec<(usize, usize)> = quote_words_at(&m.text)
        .into_iter()
        .filter(|(w, _, _)| w != "…")
        .map(|(_, a, b)| (a, b))
        .collect();
    let (a, b) = range;
    let whole = words.iter().filter(|w| *w != "…").count();
    if at.len() != whole || a >= b || b > at.len() || (a, b) == (0, at.len()) {
        return m;
    }
    let (start, end) = (at[a].0, at[b - 1].1);
    m.text = m.text[start..end].to_string();
    m.value = words
        .iter()
        .filter(|w| *w != "…")
        .skip(a)
        .take(b - a)
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    m.start += start;
    m.end = m.start + (end - start);
    m.note
        .push_str("; the part of the reference this version quotes");
    m
}

/// What a quote finding is about: the statement, by its speaker when a source names one.
fn utterance_slot(members: &[usize], speakers: &BTreeMap<usize, String>, excerpt: &str) -> String {
    match members.iter().find_map(|m| speakers.get(m)) {
        Some(s) => format!("the words of {s}'s statement {excerpt}"),
        None => format!("the words of the statement {excerpt}"),
    }
}

/// A short excerpt of a quote for summaries.
fn short(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 12 {
        return words.join(" ");
    }
    format!("{} …", words[..12].join(" "))
}

/// Two quotes are the same when they share a run of four words, or (short quotes) all words.
fn same_quote(a: &[String], b: &[String]) -> bool {
    let a: Vec<&str> = a.iter().map(String::as_str).filter(|w| *w != "…").collect();
    let b: Vec<&str> = b.iter().map(String::as_str).filter(|w| *w != "…").collect();
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.len() < 4 || b.len() < 4 {
        return a.len() >= 2 && a == b;
    }
    // Longest common run of words, two rows of the table at a time.
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in &a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { 0 };
            if cur[j + 1] >= 4 {
                return true;
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_words_are_shown_as_the_text_spells_them() {
        let text = "\u{201c}I\u{2019}m told Senator O'Neill was there,\u{201d} she said.";
        assert_eq!(
            as_written("i'm told senator o'neill", text),
            "I\u{2019}m told Senator O'Neill"
        );
        // A word the text lacks stays as given.
        assert_eq!(as_written("was not there", text), "was not there");
        // A run the text has is spelled as there, not each word as first spelled.
        let text = "\u{201c}The future of Europe and the euro,\u{201d} she said.";
        assert_eq!(as_written("europe and the …", text), "Europe and the …");
        // A full stop after the run is kept, and the run still found.
        assert_eq!(as_written("and the euro.", text), "and the euro.");
        assert_eq!(as_written("future of europe.", text), "future of Europe.");
    }

    fn quotes(s: &str) -> Vec<(String, String)> {
        extract(
            s,
            Span {
                start: 0,
                end: s.len(),
            },
        )
        .into_iter()
        .map(|f| (f.text, f.subject))
        .collect()
    }

    fn w(s: &str) -> Vec<String> {
        quote_words(s)
    }

    #[test]
    fn a_speaker_named_by_a_number_keeps_it() {
        assert_eq!(
            quotes("\"Everyone was respectful,\" said Juror No. 8, one of six women."),
            vec![("\"Everyone was respectful,\"".into(), "Juror No. 8".into())]
        );
    }

    #[test]
    fn a_month_or_a_weekday_is_no_speaker() {
        let found =
            quotes("The navy in November said it had sunk the pirate \"mother ship\", a trawler.");
        assert!(
            found.iter().all(|(_, speaker)| speaker != "November"),
            "{found:?}"
        );
        let found = quotes("On Sunday, “we will win this,” the coach told reporters.");
        assert!(
            found.iter().all(|(_, speaker)| speaker != "Sunday"),
            "{found:?}"
        );
    }

    #[test]
    fn speakers_named_after_or_before() {
        assert_eq!(
            quotes("“We will rebuild,” Mayor Ana Ruiz said on Monday."),
            vec![("“We will rebuild,”".into(), "Mayor Ana Ruiz".into())]
        );
        assert_eq!(
            quotes("\"Prices must fall,\" said Lena Ortiz."),
            vec![("\"Prices must fall,\"".into(), "Lena Ortiz".into())]
        );
        assert_eq!(
            quotes("Ortiz tweeted that the plan was “dead on arrival”."),
            vec![("“dead on arrival”".into(), "Ortiz".into())]
        );
        assert_eq!(
            quotes("Ortiz told reporters: “We are ready for the vote.”"),
            vec![("“We are ready for the vote.”".into(), "Ortiz".into())]
        );
        assert_eq!(
            quotes("The plan is “a disaster”, according to Senator Kim Baek."),
            vec![("“a disaster”".into(), "Senator Kim Baek".into())]
        );
        // A capitalized word that begins the sentence names no one; a pronoun does.
        assert_eq!(
            quotes("When asked about the vote: “We are ready for it now.”"),
            vec![("“We are ready for it now.”".into(), String::new())]
        );
        assert_eq!(
            quotes("When asked, she said: “We are ready for it now.”"),
            vec![("“We are ready for it now.”".into(), "she".into())]
        );
        // The name of a work in quotation marks is no one's words, whoever is named.
        assert!(quotes("The trade paper said Lund will direct “Silver Tide.”").is_empty());
        assert!(quotes("Ms. Okafor, who starred in “Caldera,” will host.").is_empty());
        assert!(
            quotes(
                "She won for “Outstanding Individual Performance in a Variety or Music Program” \
                 in 2005."
            )
            .is_empty()
        );
        for said in [
            "“A disaster,” Senator Kim Baek said of the deal.",
            "Senator Tom Reed said “Never.”",
            "“Make America Great Again,” Trump told the crowd.",
            "“It is what it is,” Mayor Ana Ruiz said.",
        ] {
            assert_eq!(quotes(said).len(), 1, "{said}: words said stay a quote");
        }
        // "can be argued" names no one ("an be").
        assert!(
            quotes(
                "But it can be argued that he lost before “Foul Pole” got himself disqualified."
            )
            .iter()
            .all(|(_, who)| who.is_empty()),
        );
        // Names that are also common words stay names.
        assert_eq!(
            quotes("“We will leave on time,” Mrs May said."),
            vec![("“We will leave on time,”".into(), "Mrs May".into())]
        );
    }

    #[test]
    fn a_quote_runs_across_sentence_ends() {
        let text = "“The bridge is safe. We checked it twice,” the engineer said.";
        let first_end = text.find("safe.").unwrap_or(0) + 5;
        let f = extract(
            text,
            Span {
                start: 0,
                end: first_end,
            },
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].end, text.find(" the engineer").unwrap_or(0));
        assert!(f[0].note.contains("past the sentence"));
    }

    /// Each line's quote facts: (text, speaker), read sentence by sentence as the pipeline
    /// does (one sentence a line here).
    fn line_quotes(text: &str) -> Vec<(String, String)> {
        let mut at = 0;
        let mut out = Vec::new();
        for line in text.split_inclusive('\n') {
            let span = Span {
                start: at,
                end: at + line.trim_end().len(),
            };
            out.extend(extract(text, span).into_iter().map(|f| (f.text, f.subject)));
            at += line.len();
        }
        out
    }

    #[test]
    fn a_quote_runs_over_lines_to_its_closing_mark() {
        let text = "Reid said she was done with it.\n\"I have partied enough for a lifetime.\n\
                    I had fun.\nI do not need any of that anymore,\" she told the magazine.\n";
        let ruiz = |t: &str| (t.to_string(), "she".to_string());
        // Lines of three words or fewer ("I had fun.") are no quote of their own.
        assert_eq!(
            line_quotes(text),
            vec![
                ruiz("\"I have partied enough for a lifetime."),
                ruiz("I do not need any of that anymore,\""),
            ]
        );
        // Single marks used as quotation marks, the closing one set off after a comma.
        let single = "'We have seen the worst of the storm by now.\n\
                      The harbor will reopen on Friday, ' the mayor said.\n";
        assert_eq!(
            line_quotes(single),
            vec![
                (
                    "'We have seen the worst of the storm by now.".into(),
                    "the mayor".into()
                ),
                (
                    "The harbor will reopen on Friday, '".into(),
                    "the mayor".into()
                ),
            ]
        );
        // `, "Obama said`: a misplaced closing mark before the attribution still closes.
        let misplaced = "\"The law has protected our wildlife for decades.\n\
                         We should improve it, not weaken it, \"Obama said.\n";
        assert_eq!(line_quotes(misplaced).len(), 2);
        assert!(line_quotes(misplaced).iter().all(|(_, s)| s == "Obama"));
    }

    #[test]
    fn a_quote_interrupted_by_its_attribution_is_one_quotation() {
        let text =
            "\"We can rebuild the harbor this year,\" Ruiz said, \"and open the market by May.\"";
        let f = extract(
            text,
            Span {
                start: 0,
                end: text.len(),
            },
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].text, text);
        assert_eq!(
            f[0].value,
            "we can rebuild the harbor this year and open the market by may"
        );
        assert_eq!(f[0].subject, "Ruiz");
        // Two sentences, each quoted whole, stay two quotations.
        let two = "\"We can rebuild the harbor.\" Ruiz said, \"The market opens by May.\"";
        assert_eq!(quotes(two).len(), 2);
    }

    #[test]
    fn a_quote_never_closed_stays_on_its_line() {
        // The next line opens a quote of its own: the first was never closed.
        let text = "\"The harbor is closed until further notice.\n\
                    \"We expect the ferries back on Friday,\" Ruiz said.\n";
        let found = line_quotes(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, "\"The harbor is closed until further notice.");
        assert_eq!(found[0].1, "");
        // Apostrophes are no marks: a single mark that never closes, a plural possessive, a
        // word's own apostrophes.
        for text in [
            "'Tis the season to be jolly, the mayor said.\nThe market opens at noon.\n",
            "Fans of '90s hip-hop packed the Williams' Tuesday show, Ruiz said.\n",
            "Critics said rock 'n' roll was dead.\n",
            "The players' union said it would meet the owners' group.\n",
        ] {
            assert!(
                line_quotes(text).is_empty(),
                "{text}: {:?}",
                line_quotes(text)
            );
        }
        // A quotation in double marks inside one in single marks.
        let nested = "'The minister said \"no deal\" was off the table, ' a source said.\n";
        assert_eq!(
            line_quotes(nested),
            vec![(
                "'The minister said \"no deal\" was off the table, '".into(),
                "a source".into()
            )]
        );
    }

    #[test]
    fn a_quotation_is_followed_over_at_most_twelve_lines_and_indented_lines() {
        // Indented lines go on a quotation; each part starts at its first word.
        let text = "\"We lost the harbor wall in the night.\n  The old pier is gone as well.\n  \
                    We will rebuild the market by winter,\" she said.\n";
        let mut at = 0;
        let mut found = Vec::new();
        for line in text.split_inclusive('\n') {
            let lead = line.len() - line.trim_start().len();
            let span = Span {
                start: at + lead,
                end: at + line.trim_end().len(),
            };
            found.extend(extract(text, span).into_iter().map(|f| f.text));
            at += line.len();
        }
        assert_eq!(
            found,
            vec![
                "\"We lost the harbor wall in the night.",
                "The old pier is gone as well.",
                "We will rebuild the market by winter,\"",
            ]
        );
        // Thirteen lines before the closing mark: too long to be one quotation, read the same
        // from every line: the first line is an unclosed quote, the rest no quote.
        let mut long = String::from("\"We lost the harbor wall in the night.\n");
        for k in 0..12 {
            long.push_str(&format!("The pier number {k} is gone as well.\n"));
        }
        long.push_str("We will rebuild all of it,\" she said.\n");
        let found = line_quotes(&long);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "\"We lost the harbor wall in the night.");
    }

    #[test]
    fn a_closing_mark_typed_as_an_opening_one_makes_no_quote_of_the_attribution() {
        // The quote opened in the paragraph before; this one only closes it, misprinted.
        let found =
            quotes("The skiffs fled the area, \"Captain Ana Ruiz, chief spokeswoman, said.");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            quotes("Then, \"We will sail again tomorrow morning.").len(),
            1
        );
    }

    #[test]
    fn one_wording_spelled_two_ways_is_not_an_alteration() {
        let full = w("this is the end game of an eleventh-hour rule");
        assert_eq!(
            relate(&w("this is the endgame of an 11th hour rule"), &full),
            Relation::Verbatim
        );
        assert!(matches!(
            relate(&w("this is the end game of a last-minute rule"), &full),
            Relation::Altered(_)
        ));
    }

    #[test]
    fn bracketed_words_are_the_writers_and_scare_quotes_are_terms() {
        assert_eq!(
            w("we thank her [Tara] and (the crew) for … it"),
            vec!["we", "thank", "her", "and", "for", "…", "it"]
        );
        // A bracket that never closes hides nothing.
        assert_eq!(
            w("we smiled :( and then sailed on"),
            vec!["we", "smiled", "and", "then", "sailed", "on"]
        );
        assert!(quotes("Critics called the plan “reckless” on Monday.").is_empty());
        assert_eq!(quotes("Ortiz said the plan was “reckless”.").len(), 1);
    }

    #[test]
    fn overlap_tells_one_utterance_from_two_sharing_a_phrase() {
        let v = |s: &str| Version::new(&w(s), s);
        let a = v("I just wanted to say that I know how much pain I caused");
        let b = v("I just wanted to say that I will not bring dishonor to the family");
        assert!(overlap(&b, &a) < 0.6);
        assert!(overlap(&v("I know how much pain I caused"), &a) > 0.99);
        // Sharing a name is not sharing an utterance.
        let long = v(
            "“To admit the science, then deny it the protection the Endangered Species Act gives, is shameful,”",
        );
        let short = v("a “wholly inappropriate use of the Endangered Species Act”");
        assert!(short.names.contains("species") && !long.names.contains("shameful"));
        assert!(overlap(&short, &long) < 0.6);
    }

    #[test]
    fn a_dropped_negation_is_an_alteration() {
        let full = w("I do not support the ban on fishing");
        assert!(matches!(
            relate(&w("I support the ban on fishing"), &full),
            Relation::Altered(_)
        ));
        assert!(matches!(
            relate(&w("We said that"), &w("We never said that")),
            Relation::Altered(_)
        ));
    }

    #[test]
    fn a_long_change_is_shown_cut() {
        let full = w("the harbor wall and the old pier and the fish market are gone now");
        match relate(&w("the harbor is gone now"), &full) {
            Relation::Altered(d) => {
                assert!(
                    d.iter()
                        .any(|(_, r)| r.ends_with('…') && r.split(' ').count() <= 8),
                    "{d:?}"
                )
            }
            other => panic!("expected altered, got {other:?}"),
        }
    }

    #[test]
    fn a_version_beginning_at_a_later_sentence_is_shortened_not_altered() {
        // "I" matches the reference's first word, far from the rest of the version.
        let full = w("I ate and drank and dated a million guys but I am happy now");
        assert_eq!(
            relate(&w("I dated a million guys but I am happy now"), &full),
            Relation::Shortened
        );
        assert_eq!(covered(&w("I dated a million guys"), &full), Some((5, 9)));
    }

    #[test]
    fn a_sentence_ended_where_the_speaker_goes_on_is_cut_short() {
        let full = "\"Because science comes first, federal agencies will have to consult with biologists at the two departments,\" he said.";
        let cut = "\"Federal agencies will have to consult with biologists.\"";
        assert_eq!(
            cut_short("The secretary was firm. ", cut, full).as_deref(),
            Some("at the two departments")
        );
        assert_eq!(
            cut_short("", cut, full).as_deref(),
            Some("at the two departments")
        );
        // A quote ending the writer's own sentence takes its full stop inside by custom.
        assert_eq!(cut_short("He said ", cut, full), None);
        // Marked omissions, and a version ending where the speaker's sentence ends.
        assert_eq!(
            cut_short(
                "",
                "\"Federal agencies will have to consult with biologists …\"",
                full
            ),
            None
        );
        assert_eq!(
            cut_short(
                "",
                "\"Federal agencies will have to consult with biologists . . .\"",
                full
            ),
            None
        );
        // An omission marked in the reference does not shift where the version ends in it.
        let marked = "\"Because science comes first … federal agencies will have to consult with biologists at the two departments,\" he said.";
        assert_eq!(
            cut_short("", cut, marked).as_deref(),
            Some("at the two departments")
        );
        let two =
            "\"Federal agencies will have to consult with biologists. The two departments agree.\"";
        assert_eq!(cut_short("", cut, two), None);
        // A line of a quotation that goes on over lines is not where it ends.
        assert_eq!(
            cut_short(
                "",
                "\"Federal agencies will have to consult with biologists.",
                full
            ),
            None
        );
    }

    #[test]
    fn ellipsis_is_an_omission_but_dropped_words_are_not() {
        let full = w("we are building a new bridge to the island, fast");
        assert_eq!(
            relate(&w("building … a new bridge"), &full),
            Relation::Shortened
        );
        assert_eq!(
            relate(
                &w("we are building a new bridge to the island, fast"),
                &full
            ),
            Relation::Verbatim
        );
        match relate(&w("building a bridge to the island"), &full) {
            Relation::Altered(d) => assert_eq!(
                d,
                vec![("building a bridge".into(), "building a new bridge".into())]
            ),
            other => panic!("expected altered, got {other:?}"),
        }
    }
}
