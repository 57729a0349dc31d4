//! Fact findings on the four sample articles, as the issue states what a reader must see. The
//! engine knows nothing of these texts; the same rules are tested on invented articles in
//! `tests/facts.rs`.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use crosscheck::model::{FactKind, Finding, FindingStatus};
use crosscheck::{Comparison, Options, Source, compare_sources};

fn seeds() -> Comparison {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let sources: Vec<Source> = paths.into_iter().map(Source::new).collect();
    let never = AtomicBool::new(false);
    match compare_sources(&sources, &Options::default(), &|_| {}, &never) {
        Ok((cmp, _)) => cmp,
        Err(e) => panic!("compare failed: {e}"),
    }
}

fn find<'a>(cmp: &'a Comparison, kind: FactKind, doc: &str, text: &str) -> &'a Finding {
    cmp.findings
        .iter()
        .find(|f| {
            f.kind == kind
                && f.mentions
                    .iter()
                    .any(|m| m.document == doc && m.text == text)
        })
        .unwrap_or_else(|| panic!("no {kind:?} finding with {doc} “{text}”"))
}

#[test]
fn the_tweet_date_is_the_same_day_in_two_sources() {
    let cmp = seeds();
    let f = find(&cmp, FactKind::Date, "d1", "on Sunday, US time");
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
    let sunday = &f.mentions[0];
    assert_eq!(sunday.value, "2018-05-13 (US time)");
    assert!(sunday.note.contains("Sunday before dateline 2018-05-14"));
    let may13 = f.mentions.iter().find(|m| m.document == "d2");
    let may13 = may13.map(|m| (m.text.as_str(), m.value.as_str(), m.note.as_str()));
    let (text, value, note) = may13.unwrap_or_default();
    assert_eq!((text, value), ("On May 13", "2018-05-13"));
    assert!(note.contains("May 2018"), "{note}");
}

#[test]
fn employees_and_revenue_are_single_source() {
    let cmp = seeds();
    let staff = find(&cmp, FactKind::Quantity, "d0", "over 70,000 employees");
    assert_eq!(staff.status, FindingStatus::SingleSource);
    assert_eq!(staff.mentions[0].value, "> 70000 employee");
    let revenue = find(&cmp, FactKind::Quantity, "d0", "over $17 billion");
    assert_eq!(revenue.status, FindingStatus::SingleSource);
    assert!(revenue.summary.contains("revenue"), "{}", revenue.summary);
}

#[test]
fn xi_jinpings_title_conflicts() {
    let cmp = seeds();
    let f = find(&cmp, FactKind::Title, "d0", "Chinese Premier Xi Jinping");
    assert_eq!(f.status, FindingStatus::Conflict);
    // Sources are named by title (or file name) and numbered as the app numbers them.
    assert!(
        f.summary.contains("premier (000_4cf5dc53a0aa51c5 (#1))"),
        "{}",
        f.summary
    );
    assert!(
        f.summary
            .contains("president (001_3c29cc234ac8d0be (#2), John Bolton book"),
        "{}",
        f.summary
    );
}

#[test]
fn the_tweet_quote_is_altered_in_one_source_and_shortened_in_another() {
    let cmp = seeds();
    let altered = cmp.findings.iter().find(|f| {
        f.kind == FactKind::Quote
            && f.summary
                .starts_with("Quote altered in 000_4cf5dc53a0aa51c5 (#1)")
    });
    let altered = altered.map(|f| (f.status, f.summary.clone(), f.mentions.len()));
    let (status, summary, n) = altered.unwrap_or((FindingStatus::Unresolved, String::new(), 0));
    assert_eq!(status, FindingStatus::Conflict, "{summary}");
    assert_eq!(n, 3, "{summary}");
    assert!(summary.contains("to get back"), "{summary}");
    let same = cmp.findings.iter().find(|f| {
        f.kind == FactKind::Quote
            && f.status == FindingStatus::Agree
            && f.summary.contains("(#3) shortened, consistent")
    });
    let docs: Vec<&str> = same
        .map(|f| f.mentions.iter().map(|m| m.document.as_str()).collect())
        .unwrap_or_default();
    assert!(docs.contains(&"d1") && docs.contains(&"d2"), "{docs:?}");
}

#[test]
fn the_seven_year_ban_agrees_and_the_fine_is_single_source() {
    let cmp = seeds();
    let ban = find(&cmp, FactKind::Quantity, "d0", "seven years");
    assert_eq!(ban.status, FindingStatus::Agree, "{}", ban.summary);
    assert!(ban.mentions.iter().any(|m| m.document == "d1"));
    let fine = find(&cmp, FactKind::Quantity, "d1", "$1.2 billion");
    assert_eq!(fine.status, FindingStatus::SingleSource);
    assert!(fine.summary.contains("fine"), "{}", fine.summary);
}

#[test]
fn relative_dates_without_a_dateline_are_marked_but_not_findings() {
    let cmp = seeds();
    let fact = cmp.documents[0]
        .passages
        .iter()
        .flat_map(|p| &p.facts)
        .find(|f| f.kind == FactKind::Date && f.text == "On Wednesday");
    let Some(fact) = fact else {
        panic!("“On Wednesday” is no longer a fact of d0");
    };
    assert!(fact.note.contains("no dateline"), "{}", fact.note);
    assert!(
        !cmp.findings
            .iter()
            .any(|f| f.mentions.iter().any(|m| m.text == "On Wednesday")),
        "a date with nothing to resolve it against is no finding"
    );
}
