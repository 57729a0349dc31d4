//! The one result value: a [`Comparison`] of several documents.
//!
//! Everything Crosscheck shows — the app, the JSON, Markdown and HTML reports — is a view of this
//! value. It is plain serializable data: byte spans into each document's decoded text, ids that
//! are unique within a comparison, and nothing that needs the engine to interpret.

use serde::{Deserialize, Serialize};

/// The `format` field of every JSON report.
pub const REPORT_FORMAT: &str = "crosscheck-report";
/// The version of the JSON report contract (see `docs/report-format.md`).
pub const REPORT_VERSION: u32 = 2;

/// The result of comparing a set of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Always [`REPORT_FORMAT`].
    pub format: String,
    /// Always [`REPORT_VERSION`] when written by this build.
    pub version: u32,
    /// The documents compared, in the order they were given.
    pub documents: Vec<Document>,
    /// Groups of aligned passages, ordered by where they first appear.
    pub groups: Vec<Group>,
    /// Fact findings: conflicts first, then single-source facts, then agreements.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Things the user should know about: files that could not be read, approximations made.
    #[serde(default)]
    pub warnings: Vec<Warning>,
    /// Sets of documents that are copies of one text (a wire story republished by several
    /// outlets): they count as one independent source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<CopySet>,
    /// The reader's marks on findings (checked, wrong, needs a call) and notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<crate::review::Review>,
    /// True when this is a fact-check memo ([`crate::review::memo`]): only conflicts and the
    /// findings the reader marked, with their groups.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub memo: bool,
}

impl Comparison {
    /// An empty comparison (no documents).
    pub fn empty() -> Self {
        Self {
            format: REPORT_FORMAT.to_string(),
            version: REPORT_VERSION,
            documents: Vec::new(),
            groups: Vec::new(),
            findings: Vec::new(),
            warnings: Vec::new(),
            copies: Vec::new(),
            reviews: Vec::new(),
            memo: false,
        }
    }

    /// Finds a passage by id, with the index of its document.
    pub fn passage(&self, id: &str) -> Option<(usize, &Passage)> {
        let (doc, idx) = parse_passage_id(id)?;
        let p = self.documents.get(doc)?.passages.get(idx)?;
        (p.id == id).then_some((doc, p))
    }

    /// The passage containing byte `at` of the document with id `doc`, if any.
    pub fn passage_at(&self, doc: &str, at: usize) -> Option<&Passage> {
        let d = self.documents.iter().find(|d| d.id == doc)?;
        d.passages.iter().find(|p| p.start <= at && at < p.end)
    }

    /// Finds a group by id.
    /// Finds a group by id: at its index, or anywhere (a memo keeps only some groups).
    pub fn group(&self, id: &str) -> Option<&Group> {
        parse_group_id(id)
            .and_then(|i| self.groups.get(i))
            .filter(|g| g.id == id)
            .or_else(|| self.groups.iter().find(|g| g.id == id))
    }

    /// Number of word-level differences (inserted, deleted or changed runs) over all groups.
    pub fn difference_count(&self) -> usize {
        self.groups
            .iter()
            .flat_map(|g| &g.diffs)
            .map(PassageDiff::change_count)
            .sum()
    }
}

/// Documents that are copies of one text: most of the word sequences of the shorter of any two
/// linked members are in the other (an outlet may add or cut a paragraph, retitle or re-date it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopySet {
    /// Ids of the member documents in input order; the first stands for all when folded.
    pub documents: Vec<String>,
    /// The least share of shared five-word sequences (of the shorter text) over the linked pairs.
    pub overlap: f32,
}

/// Group ids are `g<index>`; this reads the index back.
pub fn parse_group_id(id: &str) -> Option<usize> {
    id.strip_prefix('g')?.parse().ok()
}

/// Passage ids are `d<doc>.p<index>`; this reads them back.
pub fn parse_passage_id(id: &str) -> Option<(usize, usize)> {
    let rest = id.strip_prefix('d')?;
    let (d, p) = rest.split_once(".p")?;
    Some((d.parse().ok()?, p.parse().ok()?))
}

/// One source article, decoded to UTF-8.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// `d0`, `d1`, … in input order.
    pub id: String,
    /// The path as given by the user.
    pub path: String,
    /// The article's title (from metadata, a headline line, or the file name).
    pub title: String,
    /// Publication date, `YYYY-MM-DD`, or `None` when there is none.
    pub dateline: Option<String>,
    /// Where the dateline came from, when there is one.
    pub dateline_source: Option<DatelineSource>,
    /// How the source was read: `txt`, `md`, `html`, `mhtml`, `docx`, `odt`, `pdf`.
    pub kind: String,
    /// The encoding the bytes were decoded from (e.g. `UTF-8`, `windows-1252`).
    pub encoding: String,
    /// The publication the article comes from, when its page says (`og:site_name`) or, for a
    /// fetched page, the host it came from; absent in JSON when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// The article's language, ISO 639-3 (`"deu"`); absent in JSON for English, the default.
    #[serde(default = "english_code", skip_serializing_if = "is_english_code")]
    pub language: String,
    /// The decoded text; every `start`/`end` of this document is a byte offset into it.
    pub text: String,
    /// Passages in text order. Boilerplate passages are kept (marked) but never aligned.
    pub passages: Vec<Passage>,
    /// The story (cluster of documents reporting the same events) this document was put in.
    pub story: usize,
    /// When the reports of this document's cluster of words named different people and places
    /// and were parted into stories by them: the cluster and this document's part. Documents of
    /// one cluster in two parts report two events; their passages are never aligned and their
    /// facts never weighed against each other. Absent in JSON otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub named: Option<[usize; 2]>,
}

/// Whether two documents, by their [`Document::named`], were told apart by the people and places
/// they name: one cluster, two parts.
pub fn named_apart(a: Option<[usize; 2]>, b: Option<[usize; 2]>) -> bool {
    matches!((a, b), (Some([c, p]), Some([d, q])) if c == d && p != q)
}

/// The runs of `sorted` (items in increasing order of their part, `part_of`) that an item of
/// part `part` may be paired with: all of it save the other parts of its own cluster (see
/// [`named_apart`]), found without looking at those.
pub fn not_named_apart<T>(
    sorted: &[T],
    part: Option<[usize; 2]>,
    part_of: impl Fn(&T) -> Option<[usize; 2]>,
) -> [&[T]; 3] {
    let (Some([cluster, own]), Some(first), Some(last)) = (part, sorted.first(), sorted.last())
    else {
        return [sorted, &[], &[]];
    };
    // All of one part: none of it or all of it.
    if part_of(first) == part_of(last) {
        let whole: &[T] = if named_apart(part, part_of(first)) {
            &[]
        } else {
            sorted
        };
        return [whole, &[], &[]];
    }
    let at = |key: Option<[usize; 2]>| sorted.partition_point(|x| part_of(x) < key);
    let (lo, hi) = (
        at(Some([cluster, 0])),
        at(Some([cluster.saturating_add(1), 0])),
    );
    let (own_lo, own_hi) = (at(Some([cluster, own])), at(Some([cluster, own + 1])));
    [&sorted[..lo], &sorted[own_lo..own_hi], &sorted[hi..]]
}

fn english_code() -> String {
    crate::language::ENGLISH.code.to_string()
}

fn is_english_code(code: &str) -> bool {
    code == crate::language::ENGLISH.code
}

/// How a dateline was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatelineOrigin {
    /// Found in the document text at `start..end`.
    Text,
    /// Taken from the page's metadata (HTML `<meta>` / JSON-LD).
    Metadata,
    /// Given by the user (`--date FILE=YYYY-MM-DD` or edited in the app).
    Override,
}

/// Where a document's dateline came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatelineSource {
    pub origin: DatelineOrigin,
    /// Byte span in the document text, for [`DatelineOrigin::Text`].
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// The words as written (or the metadata value).
    pub text: String,
}

/// A sentence or a short run of adjacent sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// `d<doc>.p<n>`, unique in the comparison.
    pub id: String,
    pub start: usize,
    pub end: usize,
    /// `text[start..end]` of the document, repeated for readers of the JSON.
    pub text: String,
    /// Boilerplate (comment forms, related links, bios…): shown, never aligned.
    pub boilerplate: bool,
    /// Why it was marked boilerplate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boilerplate_reason: Option<String>,
    /// Index of the paragraph the passage is in (0-based, in text order).
    pub paragraph: usize,
    /// The sentences of the passage, as byte spans into the document text.
    pub sentences: Vec<Span>,
    /// Facts found in the passage (dates, quantities, quotes, people).
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// The group this passage is aligned in, if any.
    pub group: Option<String>,
    /// Boilerplate lines inside the passage (a timestamp between a headline and its lead, when
    /// the two are aligned as one passage), as byte spans into the document text. Marked text
    /// leaves them out of the differences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inner_boilerplate: Vec<Span>,
}

/// A byte span into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// Passages from at least two documents that report the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// `g<n>`, in order of first appearance.
    pub id: String,
    /// A few characteristic words a person can read.
    pub label: String,
    /// The passage the others are diffed against.
    pub reference: String,
    /// Member passages, in document order. A document has one, or more where it tells the
    /// happening again further on (its headline, then a later paragraph): its first is the one
    /// set beside the other sources ([`Group::passage_of`]), the others are [`Group::retold`].
    pub passages: Vec<String>,
    /// Mean similarity of the member passages of two different documents (0..1).
    pub cohesion: f32,
    /// How much the members' wording differs from the reference (0 = identical, 1 = nothing shared).
    pub disagreement: f32,
    /// One diff per non-reference passage.
    pub diffs: Vec<PassageDiff>,
}

impl Group {
    /// The id of document `doc`'s passage in this group (documents are indexed from 0), if any.
    pub fn passage_of(&self, doc: usize) -> Option<&str> {
        self.passages_of(doc).next()
    }

    /// The passages of document `doc` after its first: where it tells the happening again.
    pub fn retold(&self, doc: usize) -> impl Iterator<Item = &str> {
        self.passages_of(doc).skip(1)
    }

    /// Every passage of document `doc` in this group, in text order.
    fn passages_of(&self, doc: usize) -> impl Iterator<Item = &str> {
        self.passages
            .iter()
            .filter(move |id| parse_passage_id(id).is_some_and(|(d, _)| d == doc))
            .map(String::as_str)
    }

    /// How many documents have a passage in this group.
    pub fn document_count(&self) -> usize {
        let mut docs: Vec<usize> = self
            .passages
            .iter()
            .filter_map(|id| parse_passage_id(id).map(|(d, _)| d))
            .collect();
        docs.dedup();
        docs.len()
    }
}

/// Word-level diff of one passage against its group's reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PassageDiff {
    pub passage: String,
    pub ops: Vec<DiffOp>,
    /// Set when the diff is approximate (e.g. it hit the time limit), saying why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate: Option<String>,
    /// How the passage reads best against its reference: word by word when it is a near-copy,
    /// by the words it shares and the few it alone has when it is a paraphrase. Comparisons saved
    /// before this field read as near-copies (how they were shown then).
    #[serde(default)]
    pub mode: DiffMode,
}

/// How a passage is shown against its group's reference.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffMode {
    /// Most words shared, in order: every inserted word underlined, every left-out word struck.
    #[default]
    NearCopy,
    /// The same happening in other words: shared words marked quietly, and only the content
    /// words that one side alone has called out.
    Paraphrase,
}

impl DiffMode {
    /// What a reader is told the cell shows.
    pub fn word(self) -> &'static str {
        match self {
            DiffMode::NearCopy => "word diff",
            DiffMode::Paraphrase => "paraphrase",
        }
    }

    /// The other mode (the reader's switch).
    pub fn other(self) -> Self {
        match self {
            DiffMode::NearCopy => DiffMode::Paraphrase,
            DiffMode::Paraphrase => DiffMode::NearCopy,
        }
    }
}

impl PassageDiff {
    /// Runs of inserted/deleted words, with a delete directly followed by an insert counted once.
    pub fn change_count(&self) -> usize {
        let mut n = 0;
        let mut prev = DiffTag::Equal;
        for op in &self.ops {
            if op.op != DiffTag::Equal && !(prev == DiffTag::Delete && op.op == DiffTag::Insert) {
                n += 1;
            }
            prev = op.op;
        }
        n
    }
}

/// One run of a word diff. `equal` and `insert` text comes from the passage, `delete` text from
/// the reference; concatenating `equal`+`insert` gives the passage, `equal`+`delete` the reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffOp {
    pub op: DiffTag,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffTag {
    Equal,
    Insert,
    Delete,
}

/// Kinds of checkable facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    Date,
    Quantity,
    Quote,
    Title,
    /// A competitor's win-loss record ("52-3") or knockout count ("46 KOs").
    Record,
    /// A direction from a named place, read with its distance ("150 miles west of Aden").
    Direction,
    /// A time on a game clock: how far into a round or period ("at 2:56 of the sixth round").
    Clock,
}

impl FactKind {
    /// The kind in a word, as the JSON names it and every view shows it ("date", "record").
    pub fn word(self) -> &'static str {
        match self {
            FactKind::Date => "date",
            FactKind::Quantity => "quantity",
            FactKind::Quote => "quote",
            FactKind::Title => "title",
            FactKind::Record => "record",
            FactKind::Direction => "direction",
            FactKind::Clock => "clock",
        }
    }
}

/// A fact as one sentence states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub kind: FactKind,
    pub start: usize,
    pub end: usize,
    /// The words as written.
    pub text: String,
    /// The normalized value, e.g. `2018-05-13`, `>= 70000 employee`, `Xi Jinping: president`.
    pub value: String,
    /// What the fact is about (counted noun, person, quote speaker…), for matching across sources.
    #[serde(default)]
    pub subject: String,
    /// How the value was derived, e.g. "Sunday before dateline 2018-05-14".
    pub note: String,
}

/// How sources relate on one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingStatus {
    Conflict,
    /// Sources give different figures of one thing that may all be true (a toll that rose, "at
    /// least 3" and "11", "more than 26,000" and "more than 31,000"): shown side by side, in
    /// the order the sources were published, never called an agreement or a conflict.
    Developing,
    SingleSource,
    Agree,
    Unresolved,
}

/// A fact compared across sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// `f<n>`.
    pub id: String,
    pub kind: FactKind,
    pub status: FindingStatus,
    /// One line a person can read.
    pub summary: String,
    /// What the finding is about, in a reader's words: "number of magazines", "Xi Jinping's
    /// title", "the date of “Reid checked herself in …”", "a statement by Obama". Empty for a mark.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub slot: String,
    /// Why it has its status: "the figures cannot both hold, in passages aligned as one
    /// report", "one source states it". Empty for a mark.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The group the finding belongs to, or `None` for document-wide findings.
    pub group: Option<String>,
    pub mentions: Vec<Mention>,
}

/// One source's statement of a finding's fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Document id.
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
    /// For a figure, the words that bound it as the source wrote them ("more than", "at least",
    /// "about", "nearly", "up to", "less than"); empty when it is stated exactly or is no figure.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub qualifier: String,
    pub note: String,
}

/// Something the user should know: a file that could not be read, an approximation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The file concerned, if any.
    pub path: Option<String>,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs a part may pair with are every item but the other parts of its cluster, in a
    /// mixed list and in lists of one part.
    #[test]
    fn not_named_apart_leaves_out_only_the_other_parts_of_a_cluster() {
        let mixed = [
            None,
            Some([0, 1]),
            Some([1, 0]),
            Some([1, 1]),
            Some([1, 2]),
            Some([2, 0]),
        ];
        let kept = |list: &[Option<[usize; 2]>], part| -> Vec<Option<[usize; 2]>> {
            not_named_apart(list, part, |&p| p).concat()
        };
        assert_eq!(
            kept(&mixed, Some([1, 1])),
            vec![None, Some([0, 1]), Some([1, 1]), Some([2, 0])]
        );
        assert_eq!(kept(&mixed, None), mixed.to_vec());
        assert_eq!(kept(&[Some([1, 0]); 3], Some([1, 1])), vec![]);
        assert_eq!(
            kept(&[Some([1, 1]); 3], Some([1, 1])),
            vec![Some([1, 1]); 3]
        );
        assert_eq!(
            kept(&[Some([0, 4]); 2], Some([1, 1])),
            vec![Some([0, 4]); 2]
        );
    }
}
