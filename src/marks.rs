//! How a passage is marked up for a reader: which of its words are equal to the group's
//! reference, which it adds, which reference words it leaves out, and which words state a fact
//! (and the status of the finding that fact belongs to).
//!
//! This is the one reading of a [`Comparison`] that every view shares: the HTML and Markdown
//! reports print these pieces, and the desktop app draws them, so all of them mark the same
//! words.

use std::collections::BTreeSet;

use crate::model::{
    Comparison, DiffMode, DiffTag, Document, Fact, FindingStatus, Mention, Passage, PassageDiff,
};

/// Statuses in the order they are shown: conflicts first, then figures that differ but may all
/// hold, then single-source facts, then agreements, then what could not be compared (read from
/// older saved comparisons; the engine no longer makes findings of unresolved dates).
pub const STATUS_ORDER: [FindingStatus; 5] = [
    FindingStatus::Conflict,
    FindingStatus::Developing,
    FindingStatus::SingleSource,
    FindingStatus::Agree,
    FindingStatus::Unresolved,
];

/// The symbol shown with a fact status, next to its word or after a marked fact.
pub fn status_symbol(status: FindingStatus) -> &'static str {
    match status {
        FindingStatus::Conflict => "✗",
        FindingStatus::Developing => "△",
        FindingStatus::Agree => "✓",
        FindingStatus::SingleSource => "◆",
        FindingStatus::Unresolved => "?",
    }
}

/// Passages of one document that no other document reports: a run of consecutive passages of
/// one paragraph that are in no group and are not boilerplate.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OnlyIn {
    /// Index into `Comparison::documents`.
    pub doc: usize,
    /// Indices into the document's passages.
    pub passages: std::ops::Range<usize>,
}

/// Every run of passages that only one source reports, document by document in reading order;
/// none when fewer than two documents are compared (then nothing is "only" in one of them).
pub fn only_in(cmp: &Comparison) -> Vec<OnlyIn> {
    let mut out: Vec<OnlyIn> = Vec::new();
    if cmp.documents.len() < 2 {
        return out;
    }
    for (d, doc) in cmp.documents.iter().enumerate() {
        for (i, p) in doc.passages.iter().enumerate() {
            if p.group.is_some() || p.boilerplate {
                continue;
            }
            match out.last_mut() {
                Some(run)
                    if run.doc == d
                        && run.passages.end == i
                        && doc.passages[run.passages.start].paragraph == p.paragraph =>
                {
                    run.passages.end = i + 1;
                }
                _ => out.push(OnlyIn {
                    doc: d,
                    passages: i..i + 1,
                }),
            }
        }
    }
    out
}

/// A fact marked in a passage: a mention of a finding (index into `Comparison::findings`, with
/// the finding's status), or a fact the engine found but did not compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactMark {
    Finding(usize, FindingStatus),
    Uncompared,
}

impl FactMark {
    /// Lower is shown first when marks overlap.
    fn rank(self) -> (u8, usize) {
        match self {
            FactMark::Finding(i, s) => {
                let r = STATUS_ORDER
                    .iter()
                    .position(|x| *x == s)
                    .unwrap_or(STATUS_ORDER.len());
                (r as u8, i)
            }
            FactMark::Uncompared => (u8::MAX, 0),
        }
    }
}

/// How a run of a passage's words stands against the group's reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMark {
    /// Nothing to say: an equal run of a near-copy, a function word of a paraphrase, a passage
    /// shown without a reference.
    Plain,
    /// Near-copy: words the reference does not have there.
    Inserted,
    /// Paraphrase: words the reference has too (marked quietly).
    Shared,
    /// Paraphrase: a content word the reference does not have anywhere.
    Own,
}

/// Content words of the reference that a paraphrase leaves out, shown after it, at most this many.
pub const MAX_LACKS: usize = 8;

/// One run of a passage as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text of the passage, starting at byte `at` of the passage text, marked against the
    /// reference; `op` is the index of the diff op it comes from.
    Text {
        text: &'a str,
        at: usize,
        mark: WordMark,
        op: Option<usize>,
        fact: Option<FactMark>,
    },
    /// Reference words this passage leaves out (diff op `op`); `replaced` when the passage puts
    /// other words in their place (shown "35 → 36", never run together).
    Removed {
        text: &'a str,
        op: usize,
        replaced: bool,
    },
    /// The end of a marked finding (where its status symbol goes).
    FactEnd(usize, FindingStatus),
    /// Paraphrase: content words of the reference this passage does not have (the first
    /// [`MAX_LACKS`]), and how many more there are; comes last.
    Lacks { words: Vec<&'a str>, more: usize },
}

/// Splits a passage into pieces: equal and inserted words from its diff against the group's
/// reference (when it has one), removed reference words where they were left out, and the spans
/// of facts, marked by the status of the finding they are a mention of.
///
/// A diff that does not rebuild the passage (up to trailing whitespace) is not shown, rather
/// than shown against the wrong words.
pub fn pieces<'a>(
    cmp: &Comparison,
    doc: &'a Document,
    p: &'a Passage,
    diff: Option<&'a PassageDiff>,
) -> Vec<Piece<'a>> {
    let mentions: Vec<(usize, FindingStatus, &Mention)> = cmp
        .findings
        .iter()
        .enumerate()
        .flat_map(|(i, f)| f.mentions.iter().map(move |m| (i, f.status, m)))
        .filter(|(_, _, m)| m.document == doc.id)
        .collect();
    let ref_boiler = if diff.is_some() {
        reference_boilerplate(cmp, p)
    } else {
        Vec::new()
    };
    let words = diff
        .filter(|d| d.mode == DiffMode::Paraphrase)
        .map(|d| ContentWords::of(d, language_of(doc)));
    pieces_of(&mentions, doc, p, diff, &ref_boiler, words.as_ref())
}

/// The mode a diff is read in when the reader has not chosen one: its own.
fn reading_of(diff: Option<&PassageDiff>) -> DiffMode {
    diff.map_or(DiffMode::NearCopy, |d| d.mode)
}

/// The boilerplate lines inside the reference passage of `p`'s group (a timestamp between its
/// headline and lead), trimmed: words a passage's diff removes there are not differences.
fn reference_boilerplate<'c>(cmp: &'c Comparison, p: &Passage) -> Vec<&'c str> {
    let Some(group) = p.group.as_deref().and_then(|g| cmp.group(g)) else {
        return Vec::new();
    };
    let Some((d, pi)) = crate::model::parse_passage_id(&group.reference) else {
        return Vec::new();
    };
    let Some(doc) = cmp.documents.get(d) else {
        return Vec::new();
    };
    doc.passages
        .get(pi)
        .map(|r| {
            r.inner_boilerplate
                .iter()
                .filter_map(|s| doc.text.get(s.start..s.end))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The mentions of findings that overlap each passage, document by document: built once for a
/// comparison so that marking a passage does not scan every finding ([`MentionIndex::pieces`]).
#[derive(Debug, Default)]
pub struct MentionIndex {
    /// `[document][passage]` → (finding, mention) indices, in finding order.
    at: Vec<Vec<Vec<(usize, usize)>>>,
    /// The content words of each diff read as a paraphrase (by passage id), stemmed once and
    /// kept: the app marks the passages in view at every frame.
    words: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<ContentWords>>>,
}

impl MentionIndex {
    pub fn new(cmp: &Comparison) -> Self {
        let mut at: Vec<Vec<Vec<(usize, usize)>>> = cmp
            .documents
            .iter()
            .map(|d| vec![Vec::new(); d.passages.len()])
            .collect();
        let mut docs: std::collections::HashMap<&str, Vec<usize>> = Default::default();
        for (i, d) in cmp.documents.iter().enumerate() {
            docs.entry(d.id.as_str()).or_default().push(i);
        }
        // Each passage's span as `pieces` reads it; in text order (as the engine makes them)
        // a mention's passages are found by bisection, else by a scan.
        let spans: Vec<Vec<(usize, usize)>> = cmp
            .documents
            .iter()
            .map(|doc| doc.passages.iter().map(|p| marked_span(doc, p)).collect())
            .collect();
        let ordered: Vec<bool> = spans
            .iter()
            .map(|v| v.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1))
            .collect();
        for (fi, f) in cmp.findings.iter().enumerate() {
            for (mi, m) in f.mentions.iter().enumerate() {
                for &d in docs.get(m.document.as_str()).map_or(&[][..], |v| &v[..]) {
                    let overlaps = |&(s, e): &(usize, usize)| m.start < e && m.end > s;
                    if ordered[d] {
                        let first = spans[d].partition_point(|&(_, e)| e <= m.start);
                        for (pi, span) in spans[d].iter().enumerate().skip(first) {
                            if span.0 >= m.end {
                                break;
                            }
                            if overlaps(span) {
                                at[d][pi].push((fi, mi));
                            }
                        }
                    } else {
                        for (pi, span) in spans[d].iter().enumerate() {
                            if overlaps(span) {
                                at[d][pi].push((fi, mi));
                            }
                        }
                    }
                }
            }
        }
        Self {
            at,
            words: Default::default(),
        }
    }

    /// [`pieces`] of passage `p` of `doc` (found by its id), with the mentions from the index.
    pub fn pieces_for<'a>(
        &self,
        cmp: &'a Comparison,
        doc: &'a Document,
        p: &'a Passage,
        diff: Option<&'a PassageDiff>,
    ) -> Vec<Piece<'a>> {
        match crate::model::parse_passage_id(&p.id) {
            Some((d, pi))
                if cmp.documents.get(d).is_some_and(|x| x.id == doc.id)
                    && doc.passages.get(pi).is_some_and(|x| x.id == p.id) =>
            {
                self.pieces(cmp, d, pi, diff)
            }
            _ => pieces(cmp, doc, p, diff),
        }
    }

    /// [`pieces`] of passage `pi` of document `d`, with the mentions from the index.
    pub fn pieces<'a>(
        &self,
        cmp: &'a Comparison,
        d: usize,
        pi: usize,
        diff: Option<&'a PassageDiff>,
    ) -> Vec<Piece<'a>> {
        self.pieces_read(cmp, d, pi, diff, reading_of(diff))
    }

    /// [`Self::pieces`], with the diff read in `reading` whatever its own mode (the reader's
    /// switch between word diff and paraphrase).
    pub fn pieces_read<'a>(
        &self,
        cmp: &'a Comparison,
        d: usize,
        pi: usize,
        diff: Option<&'a PassageDiff>,
        reading: DiffMode,
    ) -> Vec<Piece<'a>> {
        let Some(doc) = cmp.documents.get(d) else {
            return Vec::new();
        };
        let Some(p) = doc.passages.get(pi) else {
            return Vec::new();
        };
        let mentions: Vec<(usize, FindingStatus, &Mention)> = self
            .at
            .get(d)
            .and_then(|x| x.get(pi))
            .map_or(&[][..], |v| &v[..])
            .iter()
            .filter_map(|&(fi, mi)| {
                let f = cmp.findings.get(fi)?;
                Some((fi, f.status, f.mentions.get(mi)?))
            })
            .collect();
        let ref_boiler = if diff.is_some() {
            reference_boilerplate(cmp, p)
        } else {
            Vec::new()
        };
        let words = match diff {
            Some(x) if reading == DiffMode::Paraphrase => Some(self.content_words(doc, x)),
            _ => None,
        };
        pieces_of(&mentions, doc, p, diff, &ref_boiler, words.as_deref())
    }

    /// The content words of `diff` (of a passage of `doc`), from the cache or read now.
    fn content_words(&self, doc: &Document, diff: &PassageDiff) -> std::sync::Arc<ContentWords> {
        let read = || std::sync::Arc::new(ContentWords::of(diff, language_of(doc)));
        let Ok(mut cache) = self.words.lock() else {
            return read();
        };
        cache
            .entry(diff.passage.clone())
            .or_insert_with(read)
            .clone()
    }
}

/// The language a document's words are stemmed in.
fn language_of(doc: &Document) -> &'static crate::language::Language {
    crate::language::by_code(&doc.language).unwrap_or(crate::language::ENGLISH)
}

/// The text of a passage as it is marked: its span of the document when that holds the passage's
/// text, else the passage's own text (a comparison read back from a file may not agree).
fn marked_text<'a>(doc: &'a Document, p: &'a Passage) -> &'a str {
    doc.text
        .get(p.start..p.end)
        .filter(|t| *t == p.text)
        .unwrap_or(&p.text)
}

/// The bytes of the document a passage's marks cover: from its start, its marked text's length.
fn marked_span(doc: &Document, p: &Passage) -> (usize, usize) {
    (p.start, p.start + marked_text(doc, p).len())
}

/// [`pieces`], given the mentions of findings in the passage's document that overlap it, and the
/// boilerplate lines inside the group's reference passage.
///
/// Boilerplate inside a passage (the timestamp between a headline and its lead) is plain text,
/// never a difference, and the reference's own is not shown as removed.
///
/// Read as a near-copy (`words` none), inserted runs are marked and removed runs shown where they
/// were left out. Read as a paraphrase (`words`: the diff's content words), equal runs and words the reference has elsewhere are marked shared,
/// content words the reference lacks are marked as this passage's own, and the reference's
/// content words this passage lacks come at the end ([`Piece::Lacks`]).
fn pieces_of<'a>(
    mentions: &[(usize, FindingStatus, &Mention)],
    doc: &'a Document,
    p: &'a Passage,
    diff: Option<&'a PassageDiff>,
    ref_boiler: &[&str],
    words: Option<&ContentWords>,
) -> Vec<Piece<'a>> {
    let text = marked_text(doc, p);
    let len = text.len();
    let clamp = |x: usize| -> usize {
        let mut x = x.clamp(p.start, p.start + len) - p.start;
        while !text.is_char_boundary(x) {
            x -= 1;
        }
        x
    };

    // Marked ranges with their op, and removed runs, from the diff when it covers the passage.
    let mut ranges: Vec<(usize, usize, usize, WordMark)> = Vec::new();
    let mut removed: Vec<(usize, &str, usize, bool)> = Vec::new();
    let mut lacks: Option<Piece<'a>> = None;
    if let Some(d) = diff.filter(|d| rebuilds(d, text)) {
        let mut at = 0;
        for (i, o) in d.ops.iter().enumerate() {
            match o.op {
                DiffTag::Equal | DiffTag::Insert => {
                    let end = (at + o.text.len()).min(len);
                    if at < end {
                        let mark = match (words, o.op) {
                            (None, DiffTag::Insert) => WordMark::Inserted,
                            (None, _) => WordMark::Plain,
                            (Some(_), DiffTag::Equal) => WordMark::Shared,
                            (Some(w), _) => {
                                // Word by word: shared elsewhere, this passage's own, or plain;
                                // words of one mark with only spaces between are one run.
                                for t in crate::diff::diff_tokens(&text[at..end]) {
                                    let Some(m) = w.mark_of(&t) else { continue };
                                    let (s, e) = (at + t.start, at + t.end);
                                    match ranges.last_mut() {
                                        Some(r)
                                            if r.2 == i
                                                && r.3 == m
                                                && text[r.1..s].trim().is_empty() =>
                                        {
                                            r.1 = e
                                        }
                                        _ => ranges.push((s, e, i, m)),
                                    }
                                }
                                WordMark::Plain
                            }
                        };
                        ranges.push((at, end, i, mark));
                    }
                    at = end;
                }
                DiffTag::Delete if words.is_some() => {}
                DiffTag::Delete => {
                    let replaced = d.ops.get(i + 1).is_some_and(|n| n.op == DiffTag::Insert);
                    // Leave out the reference's boilerplate lines, keep the words around them.
                    let mut rest = o.text.as_str();
                    while let Some((pos, b)) = ref_boiler
                        .iter()
                        .filter_map(|b| rest.find(b).map(|pos| (pos, b.len())))
                        .min()
                    {
                        if !rest[..pos].trim().is_empty() {
                            removed.push((at, &rest[..pos], i, false));
                        }
                        rest = &rest[pos + b..];
                    }
                    if !rest.trim().is_empty() {
                        removed.push((at, rest, i, replaced));
                    }
                }
            }
        }
        if let Some(w) = words {
            lacks = w.lacks(d, ref_boiler);
        }
    }

    // Fact spans: mentions of findings, then facts nobody compared.
    let mut facts: Vec<(usize, usize, FactMark)> = Vec::new();
    for &(i, status, m) in mentions {
        if m.start < p.start + len && m.end > p.start {
            facts.push((clamp(m.start), clamp(m.end), FactMark::Finding(i, status)));
        }
    }
    for fact in &p.facts {
        let (s, e) = (clamp(fact.start), clamp(fact.end));
        if !facts.iter().any(|&(a, b, _)| a < e && s < b) {
            facts.push((s, e, FactMark::Uncompared));
        }
    }
    facts.retain(|(s, e, _)| s < e);

    let boiler: Vec<(usize, usize)> = p
        .inner_boilerplate
        .iter()
        .filter(|s| s.start < p.start + len && s.end > p.start)
        .map(|s| (clamp(s.start), clamp(s.end)))
        .collect();
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, len]);
    for &(s, e) in &boiler {
        cuts.insert(s);
        cuts.insert(e);
    }
    for &(s, e, _, _) in &ranges {
        cuts.insert(s);
        cuts.insert(e);
    }
    for &(at, ..) in &removed {
        cuts.insert(at.min(len));
    }
    for &(s, e, _) in &facts {
        cuts.insert(s);
        cuts.insert(e);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();

    // A fact inside another (a title inside a quote) is marked as itself; the outer one's status
    // symbol comes at its own end, not where the inner one interrupts it.
    let mut out = Vec::new();
    let mut open: Option<(FactMark, usize, usize)> = None;
    // Closing a fact gives its symbol, and those of other facts on exactly the same words (a
    // date and a figure on "2018"), which are not marked separately.
    let close = |out: &mut Vec<Piece<'a>>, open: Option<(FactMark, usize, usize)>| {
        let Some((m, s, e)) = open else { return };
        let mut marks: Vec<FactMark> = facts
            .iter()
            .filter(|&&(fs, fe, fm)| fs == s && fe == e && fm != m)
            .map(|&(_, _, fm)| fm)
            .collect();
        marks.sort_by_key(|x| x.rank());
        marks.dedup();
        for mark in std::iter::once(m).chain(marks) {
            if let FactMark::Finding(i, status) = mark {
                out.push(Piece::FactEnd(i, status));
            }
        }
    };
    let mut outer: Vec<(FactMark, usize, usize)> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let covering = facts
            .iter()
            .filter(|&&(s, e, _)| s <= a && b <= e)
            .min_by_key(|&&(s, e, m)| (e - s, m.rank()))
            .map(|&(s, e, m)| (m, s, e));
        let fact = covering.map(|(m, _, _)| m);
        if covering != open {
            // The open fact ends here, or an inner one starts inside it (it resumes later).
            match open {
                Some(o) if o.2 > a => outer.push(o),
                _ => close(&mut out, open),
            }
            // Outer facts that ended where the inner one did are closed too.
            while let Some(&o) = outer.last() {
                if o.2 <= a && Some(o) != covering {
                    outer.pop();
                    close(&mut out, Some(o));
                } else {
                    break;
                }
            }
            outer.retain(|x| Some(*x) != covering);
            open = covering;
        }
        for &(_, t, op, replaced) in removed.iter().filter(|r| r.0 == a) {
            out.push(Piece::Removed {
                text: t,
                op,
                replaced,
            });
        }
        let range = ranges
            .iter()
            .find(|&&(s, e, _, _)| s <= a && b <= e)
            .filter(|_| !boiler.iter().any(|&(s, e)| s <= a && b <= e));
        out.push(Piece::Text {
            text: &text[a..b],
            at: a,
            mark: range.map_or(WordMark::Plain, |r| r.3),
            op: range.map(|r| r.2),
            fact,
        });
    }
    close(&mut out, open);
    while let Some(o) = outer.pop() {
        close(&mut out, Some(o));
    }
    for &(_, t, op, replaced) in removed.iter().filter(|r| r.0 >= len) {
        out.push(Piece::Removed {
            text: t,
            op,
            replaced,
        });
    }
    out.extend(lacks);
    out
}

/// How a [`Piece::Lacks`] reads: "not here: crew, Saturday, navy (+3 more)".
pub fn lacks_line(words: &[&str], more: usize) -> String {
    let mut s = format!("not here: {}", words.join(", "));
    if more > 0 {
        s.push_str(&format!(" (+{more} more)"));
    }
    s
}

/// What a passage's cell says of how it is shown: "reference", the mode of its diff, and whether
/// the diff is approximate.
pub fn cell_tag(is_reference: bool, diff: Option<&PassageDiff>, reading: DiffMode) -> String {
    if is_reference {
        return "reference".into();
    }
    match diff {
        Some(d) => match &d.approximate {
            Some(why) => format!("{} · approximate: {why}", reading.word()),
            None => reading.word().to_string(),
        },
        None => String::new(),
    }
}

/// The words a reader is shown for one passage, and how many of them carry a difference mark
/// (underlined, struck through, or listed as left out); shared and plain words are not marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkedWords {
    pub shown: usize,
    pub marked: usize,
}

impl MarkedWords {
    pub fn of(pieces: &[Piece<'_>]) -> Self {
        let words = |t: &str| {
            crate::diff::diff_tokens(t)
                .iter()
                .filter(|t| t.is_word)
                .count()
        };
        let mut m = Self::default();
        for piece in pieces {
            let (n, marked) = match piece {
                Piece::Text { text, mark, .. } => (
                    words(text),
                    matches!(mark, WordMark::Inserted | WordMark::Own),
                ),
                Piece::Removed { text, .. } => (words(text), true),
                Piece::Lacks { words: w, .. } => (w.len(), true),
                Piece::FactEnd(..) => (0, false),
            };
            m.shown += n;
            if marked {
                m.marked += n;
            }
        }
        m
    }
}

/// Readability of the aligned view: of the aligned passages that are shown against a reference,
/// how many have difference marks on more than half the words shown — `(that many, of)`. Each
/// passage is read in its own mode, or in `all_as` when given (`NearCopy`: word diff everywhere,
/// as before paraphrases were told apart).
pub fn over_half_marked(cmp: &Comparison, all_as: Option<DiffMode>) -> (usize, usize) {
    let index = MentionIndex::new(cmp);
    let (mut over, mut of) = (0, 0);
    for g in &cmp.groups {
        for diff in &g.diffs {
            let Some((d, pi)) = crate::model::parse_passage_id(&diff.passage) else {
                continue;
            };
            let reading = all_as.unwrap_or(diff.mode);
            let m = MarkedWords::of(&index.pieces_read(cmp, d, pi, Some(diff), reading));
            of += 1;
            if 2 * m.marked > m.shown {
                over += 1;
            }
        }
    }
    (over, of)
}

/// Does the diff rebuild the passage text (up to trailing whitespace)? One that does not is not
/// shown, rather than shown against the wrong words.
fn rebuilds(d: &PassageDiff, text: &str) -> bool {
    let rebuilt: String = d
        .ops
        .iter()
        .filter(|o| o.op != DiffTag::Delete)
        .map(|o| o.text.as_str())
        .collect();
    rebuilt.trim_end() == text.trim_end()
}

/// The content words (not function words, not punctuation) on each side of a diff, by stem
/// in the document's language ("attacked" and "attacking" are one word), for reading it as a
/// paraphrase.
#[derive(Debug)]
struct ContentWords {
    lang: &'static crate::language::Language,
    reference: std::collections::HashSet<String>,
    passage: std::collections::HashSet<String>,
}

impl ContentWords {
    fn of(d: &PassageDiff, lang: &'static crate::language::Language) -> Self {
        let side = |keep: DiffTag| {
            d.ops
                .iter()
                .filter(|o| o.op == DiffTag::Equal || o.op == keep)
                .flat_map(|o| crate::diff::diff_tokens(&o.text))
                .filter_map(|t| content_stem(&t, lang))
                .collect()
        };
        Self {
            lang,
            reference: side(DiffTag::Delete),
            passage: side(DiffTag::Insert),
        }
    }

    /// How an inserted token of the passage is marked: shared when the reference has the word
    /// elsewhere, the passage's own when it does not; none for function words and punctuation.
    fn mark_of(&self, t: &crate::text::Token) -> Option<WordMark> {
        let stem = content_stem(t, self.lang)?;
        Some(if self.reference.contains(&stem) {
            WordMark::Shared
        } else {
            WordMark::Own
        })
    }

    /// The reference's content words the passage does not have, each once, in reference order
    /// (outside the reference's boilerplate lines).
    fn lacks<'a>(&self, d: &'a PassageDiff, ref_boiler: &[&str]) -> Option<Piece<'a>> {
        let mut seen = std::collections::HashSet::new();
        let all: Vec<&'a str> = d
            .ops
            .iter()
            .filter(|o| o.op == DiffTag::Delete)
            .flat_map(|o| {
                crate::diff::diff_tokens(&o.text)
                    .into_iter()
                    .filter_map(|t| {
                        let word = &o.text[t.start..t.end];
                        let stem = content_stem(&t, self.lang)?;
                        (!self.passage.contains(&stem)
                            && !ref_boiler.iter().any(|b| b.contains(word)))
                        .then_some((stem, word))
                    })
            })
            .filter(|(k, _)| seen.insert(k.clone()))
            .map(|(_, w)| w)
            .collect();
        if all.is_empty() {
            return None;
        }
        let more = all.len().saturating_sub(MAX_LACKS);
        Some(Piece::Lacks {
            words: all.into_iter().take(MAX_LACKS).collect(),
            more,
        })
    }
}

/// The stem of a word that says something: not punctuation, not a function word of `lang`,
/// unless it is a negation (a paraphrase that drops "not" says the opposite, and must show it).
fn content_stem(t: &crate::text::Token, lang: &crate::language::Language) -> Option<String> {
    let negation = lang.is_english() && crate::text::is_negation(&t.key);
    (t.is_word && (negation || !lang.is_stopword(&t.key))).then(|| lang.stem(&t.key))
}

/// What a fact mark stands for, for a reader who points at it: the mention of the finding (or
/// the uncompared fact) of document `doc` that covers byte `at` of passage `p`.
#[derive(Debug, Clone, Copy)]
pub enum MarkedFact<'a> {
    Mention(&'a crate::model::Finding, &'a Mention),
    Fact(&'a Fact),
}

impl<'a> MarkedFact<'a> {
    /// The fact behind `mark`, on the text of passage `p` at byte `at` (passage-relative).
    pub fn find(
        cmp: &'a Comparison,
        doc: &Document,
        p: &'a Passage,
        mark: FactMark,
        at: usize,
    ) -> Option<MarkedFact<'a>> {
        let pos = p.start + at;
        match mark {
            FactMark::Finding(i, _) => {
                let f = cmp.findings.get(i)?;
                let m = f
                    .mentions
                    .iter()
                    .filter(|m| m.document == doc.id)
                    .find(|m| m.start <= pos && pos < m.end)?;
                Some(MarkedFact::Mention(f, m))
            }
            FactMark::Uncompared => p
                .facts
                .iter()
                .find(|f| f.start <= pos && pos < f.end)
                .map(MarkedFact::Fact),
        }
    }

    /// The words as written.
    pub fn text(&self) -> &'a str {
        match self {
            MarkedFact::Mention(_, m) => &m.text,
            MarkedFact::Fact(f) => &f.text,
        }
    }

    /// The normalized value.
    pub fn value(&self) -> &'a str {
        match self {
            MarkedFact::Mention(_, m) => &m.value,
            MarkedFact::Fact(f) => &f.value,
        }
    }

    /// How the value was derived.
    pub fn note(&self) -> &'a str {
        match self {
            MarkedFact::Mention(_, m) => &m.note,
            MarkedFact::Fact(f) => &f.note,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DiffOp, FactKind, Finding};

    fn doc(text: &str) -> Document {
        Document {
            id: "d0".into(),
            path: "a.txt".into(),
            title: "A".into(),
            dateline: None,
            dateline_source: None,
            kind: "txt".into(),
            encoding: "UTF-8".into(),
            language: "eng".into(),
            site: None,
            text: text.into(),
            passages: vec![Passage {
                id: "d0.p0".into(),
                start: 0,
                end: text.len(),
                text: text.into(),
                boilerplate: false,
                boilerplate_reason: None,
                paragraph: 0,
                sentences: vec![],
                facts: vec![],
                group: Some("g0".into()),
                inner_boilerplate: Vec::new(),
            }],
            story: 0,
            named: None,
        }
    }

    #[test]
    fn boilerplate_inside_passages_is_no_difference() {
        // A headline, its timestamp and its lead aligned as one passage in each report.
        let passage_with_stamp = |d: usize, text: &str, stamp: &str| {
            let mut doc = doc(text);
            doc.id = format!("d{d}");
            let p = &mut doc.passages[0];
            p.id = format!("d{d}.p0");
            let at = text.find(stamp).expect("stamp");
            p.inner_boilerplate = vec![crate::model::Span {
                start: at,
                end: at + stamp.len(),
            }];
            doc
        };
        let reference =
            passage_with_stamp(0, "Dam bursts\nMay 5, 2010\nWater swept in.", "May 5, 2010");
        let other = passage_with_stamp(
            1,
            "Dam bursts\nUpdated 5/5/2010 1:41 PM\nWater poured in.",
            "Updated 5/5/2010 1:41 PM",
        );
        let op = |op, text: &str| DiffOp {
            op,
            text: text.into(),
        };
        let diff = PassageDiff {
            passage: "d1.p0".into(),
            ops: vec![
                op(DiffTag::Equal, "Dam bursts\n"),
                op(DiffTag::Delete, "May 5, 2010\nWater swept"),
                op(DiffTag::Insert, "Updated 5/5/2010 1:41 PM\nWater poured"),
                op(DiffTag::Equal, " in."),
            ],
            approximate: None,
            mode: Default::default(),
        };
        let mut cmp = Comparison::empty();
        cmp.groups.push(crate::model::Group {
            id: "g0".into(),
            label: "dam".into(),
            reference: "d0.p0".into(),
            passages: vec!["d0.p0".into(), "d1.p0".into()],
            cohesion: 0.5,
            disagreement: 0.5,
            diffs: vec![diff.clone()],
        });
        cmp.documents = vec![reference, other];
        let got = pieces(
            &cmp,
            &cmp.documents[1],
            &cmp.documents[1].passages[0],
            Some(&diff),
        );
        let shown: Vec<(String, &str)> = got
            .iter()
            .filter_map(|p| match p {
                Piece::Text { text, mark, .. } => Some((
                    text.trim().to_string(),
                    if *mark == WordMark::Inserted {
                        "inserted"
                    } else {
                        "plain"
                    },
                )),
                Piece::Removed { text, .. } => Some((text.trim().to_string(), "removed")),
                Piece::FactEnd(..) | Piece::Lacks { .. } => None,
            })
            .collect();
        assert!(
            shown.contains(&("Updated 5/5/2010 1:41 PM".into(), "plain")),
            "{shown:?}"
        );
        assert!(
            shown.contains(&("Water poured".into(), "inserted")),
            "{shown:?}"
        );
        assert!(
            shown.contains(&("Water swept".into(), "removed")),
            "{shown:?}"
        );
        assert!(!shown.iter().any(|(t, _)| t.contains("May 5")), "{shown:?}");
    }

    #[test]
    fn a_paraphrase_marks_shared_words_its_own_words_and_what_it_lacks() {
        let reference = "Pirates seized the tanker off Somalia on Saturday, the navy said.";
        let text = "Gunmen attacked and seized a tanker at the weekend, the navy reported.";
        let diff =
            crate::diff::word_diff("d0.p0", reference, text, std::time::Duration::from_secs(1));
        assert_eq!(diff.mode, DiffMode::Paraphrase);
        let d = doc(text);
        let got = pieces(&Comparison::empty(), &d, &d.passages[0], Some(&diff));
        let marked = |want: WordMark| -> Vec<&str> {
            got.iter()
                .filter_map(|p| match p {
                    Piece::Text { text, mark, .. } if *mark == want => Some(text.trim()),
                    _ => None,
                })
                .collect()
        };
        // Own words are runs ("Gunmen attacked"), function words are not marked.
        assert_eq!(
            marked(WordMark::Own),
            ["Gunmen attacked", "weekend", "reported"]
        );
        assert!(
            marked(WordMark::Shared)
                .iter()
                .any(|t| t.contains("seized"))
        );
        assert!(marked(WordMark::Shared).iter().any(|t| t.contains("navy")));
        assert!(!got.iter().any(|p| matches!(p, Piece::Removed { .. })));
        assert_eq!(
            got.last(),
            Some(&Piece::Lacks {
                words: vec!["Pirates", "Somalia", "Saturday"],
                more: 0
            })
        );
        // The same diff read word by word strikes and underlines instead.
        let words = pieces_of(&[], &d, &d.passages[0], Some(&diff), &[], None);
        assert!(words.iter().any(|p| matches!(p, Piece::Removed { .. })));
        assert!(!words.iter().any(|p| matches!(p, Piece::Lacks { .. })));
        // Fewer words are marked as a paraphrase than as a word diff.
        assert!(MarkedWords::of(&got).marked < MarkedWords::of(&words).marked);
    }

    #[test]
    fn a_paraphrase_that_drops_a_negation_shows_it() {
        let reference = "Officials said the old bridge was not damaged by the storm on Tuesday.";
        let text = "The storm on Tuesday damaged the bridge, a spokesman reported.";
        let diff =
            crate::diff::word_diff("d0.p0", reference, text, std::time::Duration::from_secs(1));
        assert_eq!(diff.mode, DiffMode::Paraphrase);
        let d = doc(text);
        let got = pieces(&Comparison::empty(), &d, &d.passages[0], Some(&diff));
        let Some(Piece::Lacks { words, .. }) = got.last() else {
            panic!("nothing listed as left out: {got:?}");
        };
        assert!(words.contains(&"not"), "{words:?}");
    }

    #[test]
    fn pieces_mark_inserted_removed_and_fact_spans() {
        let d = doc("Rain fell on 3 May.");
        let diff = PassageDiff {
            passage: "d0.p0".into(),
            ops: vec![
                DiffOp {
                    op: DiffTag::Equal,
                    text: "Rain ".into(),
                },
                DiffOp {
                    op: DiffTag::Delete,
                    text: "poured".into(),
                },
                DiffOp {
                    op: DiffTag::Insert,
                    text: "fell".into(),
                },
                DiffOp {
                    op: DiffTag::Equal,
                    text: " on 3 May.".into(),
                },
            ],
            approximate: None,
            mode: Default::default(),
        };
        let mut cmp = Comparison::empty();
        cmp.findings.push(Finding {
            id: "f0".into(),
            kind: FactKind::Date,
            status: FindingStatus::Conflict,
            slot: String::new(),
            reason: String::new(),
            summary: "day".into(),
            group: Some("g0".into()),
            mentions: vec![Mention {
                document: "d0".into(),
                start: 13,
                end: 18,
                text: "3 May".into(),
                value: "05-03".into(),
                qualifier: String::new(),
                note: String::new(),
            }],
        });
        let got = pieces(&cmp, &d, &d.passages[0], Some(&diff));
        let mark = Some(FactMark::Finding(0, FindingStatus::Conflict));
        let text = |text, at, inserted: bool, op, fact| Piece::Text {
            text,
            at,
            mark: if inserted {
                WordMark::Inserted
            } else {
                WordMark::Plain
            },
            op: Some(op),
            fact,
        };
        assert_eq!(
            got,
            vec![
                text("Rain ", 0, false, 0, None),
                Piece::Removed {
                    text: "poured",
                    op: 1,
                    replaced: true,
                },
                text("fell", 5, true, 2, None),
                text(" on ", 9, false, 3, None),
                text("3 May", 13, false, 3, mark),
                Piece::FactEnd(0, FindingStatus::Conflict),
                text(".", 18, false, 3, None),
            ]
        );
        let Some(MarkedFact::Mention(f, m)) = MarkedFact::find(
            &cmp,
            &d,
            &d.passages[0],
            FactMark::Finding(0, FindingStatus::Conflict),
            14,
        ) else {
            panic!("the mark at byte 14 is the mention of f0");
        };
        assert_eq!((f.id.as_str(), m.value.as_str()), ("f0", "05-03"));
        assert!(
            MarkedFact::find(
                &cmp,
                &d,
                &d.passages[0],
                FactMark::Finding(0, FindingStatus::Conflict),
                2
            )
            .is_none()
        );
    }

    /// The text of a one-passage document with a conflict finding on each of `spans`
    /// (`(start, end)` as substrings' byte positions), marked as `<i>` where finding i's symbol
    /// stands.
    fn marked(text: &str, spans: &[(&str, usize)]) -> String {
        let d = doc(text);
        let mut cmp = Comparison::empty();
        for (i, (words, nth)) in spans.iter().enumerate() {
            let start = text.match_indices(words).nth(*nth).map_or(0, |(k, _)| k);
            cmp.findings.push(Finding {
                id: format!("f{i}"),
                kind: FactKind::Quantity,
                status: FindingStatus::Conflict,
                slot: String::new(),
                reason: String::new(),
                summary: String::new(),
                group: Some("g0".into()),
                mentions: vec![Mention {
                    document: "d0".into(),
                    start,
                    end: start + words.len(),
                    text: (*words).into(),
                    value: String::new(),
                    qualifier: String::new(),
                    note: String::new(),
                }],
            });
        }
        let slow = pieces(&cmp, &d, &d.passages[0], None);
        let mut two = cmp.clone();
        two.documents = vec![d.clone()];
        assert_eq!(
            MentionIndex::new(&two).pieces(&two, 0, 0, None),
            slow,
            "the index marks as the scan does"
        );
        slow.iter()
            .map(|p| match p {
                Piece::Text { text, .. } => (*text).to_string(),
                Piece::FactEnd(i, _) => format!("<{i}>"),
                Piece::Removed { .. } | Piece::Lacks { .. } => String::new(),
            })
            .collect()
    }

    #[test]
    fn every_fact_gets_one_symbol_however_facts_nest_or_overlap() {
        let t = "Sales rose 5% in May 2018 to $3 billion, the firm said.";
        // Three levels, the innermost two ending together.
        assert_eq!(
            marked(
                t,
                &[
                    ("rose 5% in May 2018 to $3 billion", 0),
                    ("in May 2018", 0),
                    ("2018", 0)
                ]
            ),
            "Sales rose 5% in May 2018<2><1> to $3 billion<0>, the firm said."
        );
        // Two facts on exactly the same words: both symbols.
        assert_eq!(
            marked(t, &[("May 2018", 0), ("May 2018", 0)]),
            "Sales rose 5% in May 2018<0><1> to $3 billion, the firm said."
        );
        // Side by side, touching.
        assert_eq!(
            marked(t, &[("5%", 0), (" in May", 0)]),
            "Sales rose 5%<0> in May<1> 2018 to $3 billion, the firm said."
        );
        // Partly overlapping: each symbol once, the first one's at the end of what it marks.
        let got = marked(t, &[("rose 5% in", 0), ("in May", 0)]);
        assert_eq!(got.matches("<0>").count(), 1, "{got}");
        assert_eq!(got.matches("<1>").count(), 1, "{got}");
        assert_eq!(got.replace("<0>", "").replace("<1>", ""), t);
    }

    #[test]
    fn a_fact_inside_another_gets_its_symbol_and_the_outer_one_only_at_its_end() {
        // "“President Xi and I work,” he said." — a quote with a title inside it.
        let text = "\u{201c}President Xi and I work,\u{201d} he said.";
        let d = doc(text);
        let quote_end = text.find(" he").unwrap_or(0);
        let title_end = text.find(" and").unwrap_or(0);
        let mention = |start, end| Mention {
            document: "d0".into(),
            start,
            end,
            text: text[start..end].into(),
            value: String::new(),
            qualifier: String::new(),
            note: String::new(),
        };
        let mut cmp = Comparison::empty();
        for (kind, (s, e)) in [
            (FactKind::Quote, (0, quote_end)),
            (FactKind::Title, (3, title_end)),
        ] {
            cmp.findings.push(Finding {
                id: format!("f{}", cmp.findings.len()),
                kind,
                status: FindingStatus::Conflict,
                slot: String::new(),
                reason: String::new(),
                summary: String::new(),
                group: Some("g0".into()),
                mentions: vec![mention(s, e)],
            });
        }
        let got = pieces(&cmp, &d, &d.passages[0], None);
        let shown: String = got
            .iter()
            .map(|p| match p {
                Piece::Text { text, .. } => (*text).to_string(),
                Piece::FactEnd(i, _) => format!("<{i}>"),
                Piece::Removed { .. } | Piece::Lacks { .. } => String::new(),
            })
            .collect();
        assert_eq!(
            shown,
            "\u{201c}President Xi<1> and I work,\u{201d}<0> he said."
        );
        // The title's words are marked as the title, the rest of the quote as the quote.
        let mark_of = |t: &str| {
            got.iter().find_map(|p| match p {
                Piece::Text { text, fact, .. } if *text == t => Some(*fact),
                _ => None,
            })
        };
        let conflict = |i| Some(Some(FactMark::Finding(i, FindingStatus::Conflict)));
        assert_eq!(mark_of("President Xi"), conflict(1));
        assert_eq!(mark_of(" and I work,\u{201d}"), conflict(0));
    }

    #[test]
    fn only_in_gathers_unaligned_passages_of_a_paragraph_and_skips_boilerplate() {
        let mut a = doc("One. Two. Three. Four.");
        let base = a.passages[0].clone();
        let passage = |text: &str, paragraph: usize, group: Option<&str>, boilerplate: bool| {
            let mut p = base.clone();
            p.text = text.into();
            p.paragraph = paragraph;
            p.group = group.map(Into::into);
            p.boilerplate = boilerplate;
            p
        };
        a.passages = vec![
            passage("One.", 0, None, false),
            passage("Two.", 0, None, false),
            passage("Three.", 1, None, false),
            passage("Four.", 1, Some("g0"), false),
            passage("Share this.", 2, None, true),
            passage("Five.", 2, None, false),
        ];
        let mut cmp = Comparison::empty();
        cmp.documents = vec![a.clone()];
        assert!(
            only_in(&cmp).is_empty(),
            "one document: nothing is only in it"
        );
        let mut b = a.clone();
        b.passages.truncate(1);
        b.passages[0].group = Some("g0".into());
        cmp.documents.push(b);
        let runs: Vec<(usize, std::ops::Range<usize>)> = only_in(&cmp)
            .into_iter()
            .map(|r| (r.doc, r.passages))
            .collect();
        assert_eq!(runs, vec![(0, 0..2), (0, 2..3), (0, 5..6)]);
    }

    #[test]
    fn a_diff_that_does_not_rebuild_the_passage_is_not_shown() {
        let d = doc("Short text.");
        let diff = PassageDiff {
            passage: "d0.p0".into(),
            ops: vec![DiffOp {
                op: DiffTag::Insert,
                text: "Other".into(),
            }],
            approximate: None,
            mode: Default::default(),
        };
        let got = pieces(&Comparison::empty(), &d, &d.passages[0], Some(&diff));
        assert_eq!(
            got,
            vec![Piece::Text {
                text: "Short text.",
                at: 0,
                mark: WordMark::Plain,
                op: None,
                fact: None
            }]
        );
    }

    #[test]
    fn an_uncompared_fact_is_marked_and_found() {
        let mut d = doc("About 40 boats sailed.");
        d.passages[0].facts.push(Fact {
            kind: FactKind::Quantity,
            start: 6,
            end: 14,
            text: "40 boats".into(),
            value: "40 boat".into(),
            subject: "boat".into(),
            note: "digits".into(),
        });
        let cmp = Comparison::empty();
        let got = pieces(&cmp, &d, &d.passages[0], None);
        assert!(got.iter().any(|p| matches!(
            p,
            Piece::Text {
                text: "40 boats",
                fact: Some(FactMark::Uncompared),
                ..
            }
        )));
        let found = MarkedFact::find(&cmp, &d, &d.passages[0], FactMark::Uncompared, 7);
        assert_eq!(found.map(|f| f.note()), Some("digits"));
    }
}
