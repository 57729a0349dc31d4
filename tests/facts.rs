//! Fact findings on invented articles (a harbor fire told by three sources, with other names,
//! numbers and dates than the samples): every rule of the facts engine, as a user sees it in
//! the findings list.

use crosscheck::model::{FactKind, Finding, FindingStatus};
use crosscheck::{Comparison, Options, compare_texts};

fn harbor() -> Comparison {
    compare_texts(
        &[
            ("harbor_a.txt", include_str!("fixtures/facts/harbor_a.txt")),
            ("harbor_b.txt", include_str!("fixtures/facts/harbor_b.txt")),
            ("harbor_c.txt", include_str!("fixtures/facts/harbor_c.txt")),
        ],
        &Options::default(),
    )
}

/// The finding of `kind` that has a mention with exactly this text in document `doc`.
fn finding_with<'a>(cmp: &'a Comparison, kind: FactKind, doc: &str, text: &str) -> &'a Finding {
    let found = cmp.findings.iter().find(|f| {
        f.kind == kind
            && f.mentions
                .iter()
                .any(|m| m.document == doc && m.text == text)
    });
    match found {
        Some(f) => f,
        None => panic!(
            "no {kind:?} finding with {doc} “{text}”; findings:\n{}",
            cmp.findings
                .iter()
                .map(|f| format!("{:?} {:?} {}", f.kind, f.status, f.summary))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

fn mentioned(f: &Finding) -> Vec<(String, String)> {
    f.mentions
        .iter()
        .map(|m| (m.document.clone(), m.value.clone()))
        .collect()
}

#[test]
fn conflicting_tolls_are_a_conflict() {
    let cmp = harbor();
    let f = finding_with(&cmp, FactKind::Quantity, "d0", "14 people");
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    assert!(
        f.mentions
            .iter()
            .any(|m| m.document == "d1" && m.text == "11 people"),
        "{f:?}"
    );
    assert!(
        f.summary.contains("14 people") && f.summary.contains("11 people"),
        "{}",
        f.summary
    );
}

#[test]
fn a_weekday_resolves_across_a_month_boundary_and_agrees_with_the_date() {
    let cmp = harbor();
    // d0's dateline is Tuesday 2021-03-02: "on Friday" is 2021-02-26, d1 writes "on February 26".
    let f = cmp.findings.iter().find(|f| {
        f.mentions
            .iter()
            .any(|m| m.document == "d0" && m.text == "on Friday" && m.value == "2021-02-26")
    });
    let Some(f) = f else {
        panic!("no finding for d0's past Friday: {:#?}", cmp.findings);
    };
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
    assert_eq!(
        mentioned(f),
        vec![
            ("d0".to_string(), "2021-02-26".to_string()),
            ("d1".to_string(), "2021-02-26".to_string())
        ]
    );
    assert!(
        f.mentions[0]
            .note
            .contains("Friday before dateline 2021-03-02"),
        "{}",
        f.mentions[0].note
    );
}

#[test]
fn a_future_tense_weekday_points_forward() {
    let cmp = harbor();
    let f = cmp
        .findings
        .iter()
        .find(|f| {
            f.mentions
                .iter()
                .any(|m| m.document == "d0" && m.value == "2021-03-05")
        })
        .map(|f| f.mentions.iter().find(|m| m.value == "2021-03-05"));
    let m = f.flatten().map(|m| (m.text.clone(), m.note.clone()));
    let (text, note) = m.unwrap_or_default();
    assert_eq!(text, "on Friday");
    assert!(note.contains("future"), "{note}");
}

#[test]
fn without_a_dateline_a_weekday_is_no_finding_but_its_fact_says_why() {
    let cmp = harbor();
    assert!(
        !cmp.findings.iter().any(|f| f
            .mentions
            .iter()
            .any(|m| m.document == "d2" && m.text == "on Friday")),
        "{:#?}",
        cmp.findings
    );
    let fact = cmp.documents[2]
        .passages
        .iter()
        .flat_map(|p| &p.facts)
        .find(|f| f.kind == FactKind::Date && f.text == "on Friday");
    let Some(fact) = fact else {
        panic!("the weekday is no longer a fact of d2");
    };
    assert!(fact.note.contains("no dateline"), "{}", fact.note);
}

/// One happening has one weekday: two undated reports of it, aligned, that give two weekdays
/// conflict, and one weekday agrees, although neither has a date.
#[test]
fn without_datelines_two_weekdays_of_one_happening_conflict() {
    let story = |day: &str| {
        format!(
            "Singer Mara Voss enters rehab\n\n\
             Singer Mara Voss checked into the Harbor Springs treatment center in Kessel on {day}, her publicist said.\n\n\
             Voss has cancelled the rest of her tour.\n"
        )
    };
    let cmp = two(&story("Tuesday"), &story("Friday"));
    let f = finding_with(&cmp, FactKind::Date, "d1", "on Friday");
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    let cmp = two(&story("Tuesday"), &story("Tuesday"));
    let f = finding_with(&cmp, FactKind::Date, "d1", "on Tuesday");
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
}

/// Two happenings of one story told in the same words, each on its own day, are not two dates
/// of one happening: the arrest on June 3 and the charge on June 5 share the suspect's name
/// nearest their dates, but not the verb of what happened; the arrests of two brothers share
/// the verb and the surname, but not the given name. The same happening dated two ways still
/// conflicts.
#[test]
fn dates_told_with_two_verbs_of_what_happened_do_not_conflict() {
    let arrest = |verb: &str, date: &str| {
        format!(
            "Springfield man held in Main Street bank robbery

             date 2024-06-10

             Police {verb} Daniel Mercer on {date} after a neighbor recognized him from              surveillance images of the Main Street bank robbery in Springfield.
"
        )
    };
    let charge = "Suspect in Main Street bank robbery in court

                  date 2024-06-10

                  Prosecutors charged Mercer on June 5, 2024 with the Main Street bank robbery in                   Springfield after a neighbor recognized him from surveillance images.
";
    let cmp = two(&arrest("arrested", "June 3, 2024"), charge);
    assert!(
        conflicts(&cmp, FactKind::Date).is_empty(),
        "{:?}",
        conflicts(&cmp, FactKind::Date)
    );
    let cmp = two(
        &arrest("arrested", "June 3, 2024"),
        &arrest("arrested", "June 5, 2024"),
    );
    let f = finding_with(&cmp, FactKind::Date, "d1", "on June 5, 2024");
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    // The verb is found past an aside, after a date that opens the sentence, and not in an
    // adjective in -ed; a day something was said is no day of what happened.
    let report = |sentence: &str| {
        format!(
            "Springfield bank robbery\n\ndate 2024-06-10\n\n{sentence} The robber escaped with \
             about $12,000 from the Main Street bank in Springfield after threatening a teller.\n"
        )
    };
    for (a, b) in [
        (
            "Police arrested Daniel Mercer, 34, of Springfield on June 3, 2024.",
            "Prosecutors charged Daniel Mercer, 34, of Springfield on June 5, 2024.",
        ),
        (
            "On June 3, 2024, police arrested Daniel Mercer of Springfield.",
            "On June 5, 2024, prosecutors charged Daniel Mercer of Springfield.",
        ),
        (
            "Daniel Mercer was charged with armed robbery on June 3, 2024.",
            "Daniel Mercer was arrested for armed robbery on June 5, 2024.",
        ),
        (
            "Daniel Mercer fled Springfield on June 3, 2024.",
            "Daniel Mercer was arrested in Springfield on June 5, 2024.",
        ),
        (
            "Police said on June 3, 2024 that Daniel Mercer had been arrested.",
            "Police said on June 5, 2024 that Daniel Mercer had been charged.",
        ),
        // One verb, two people of one surname.
        (
            "Police arrested Daniel Mercer of Springfield on June 3, 2024.",
            "Police arrested his brother Tom Mercer of Springfield on June 5, 2024.",
        ),
    ] {
        let cmp = two(&report(a), &report(b));
        assert!(
            conflicts(&cmp, FactKind::Date).is_empty(),
            "{a} / {b}: {:?}",
            conflicts(&cmp, FactKind::Date)
        );
    }
}

/// Two reports of one day that tell one happening in the same words give its date two ways: a
/// conflict. Not when something in the sentence tells of two happenings: a repeat ("for a
/// second time"), a plan against what happened ("planned to launch … in September"), or months
/// one after the other told by their edges ("at the end of November", "in December"); words of
/// a plan or an edge in another sense ("the long-delayed", "the expected", "the late
/// designer's") change nothing.
#[test]
fn a_plan_a_second_happening_or_a_months_edge_is_no_conflict_of_dates() {
    let first = |clause: &str| {
        format!(
            "Singer Mara Voss enters rehab\n\ndate 2024-12-20\n\n\
             Singer Mara Voss checked into the Harbor Springs treatment center in Kessel, her publicist said.\n\n\
             {clause}\n"
        )
    };
    let second = |aside: &str| {
        format!(
            "Mara Voss seeks treatment\n\ndate 2024-12-20\n\n\
             Mara Voss has entered the Harbor Springs treatment center in Kessel.\n\n\
             Three years ago, Voss, who {aside}, spoke openly about her party image and said her \
             old friends had been a bad influence on her.\n"
        )
    };
    // The same words with other dates conflict, whatever else the sentences say: words of a
    // plan, an edge of a month or an order in another sense are no such words.
    for (a, b) in [
        (
            "Voss launched a perfume line called Tidewater in December.",
            "has launched a perfume line called Tidewater in September",
        ),
        (
            "Voss launched the long-delayed perfume line called Tidewater in December.",
            "has launched the perfume line called Tidewater in September",
        ),
        (
            "Voss launched a perfume line called Tidewater, the late designer's idea, in November.",
            "has launched a perfume line called Tidewater in December",
        ),
    ] {
        let cmp = two(&first(a), &second(b));
        assert_eq!(
            conflicts(&cmp, FactKind::Date).len(),
            1,
            "{a} / {b}: {:#?}",
            cmp.findings
        );
    }
    for (a, b) in [
        (
            "Voss launched a perfume line called Tidewater in December.",
            "has launched a perfume line called Tidewater for a second time in September",
        ),
        (
            "Voss launched a perfume line called Tidewater at the end of November.",
            "has launched a perfume line called Tidewater in December",
        ),
        (
            "Voss launched a perfume line called Tidewater in late November.",
            "has launched a perfume line called Tidewater in early December",
        ),
        (
            "Voss planned to launch a perfume line called Tidewater in September.",
            "has launched a perfume line called Tidewater in December",
        ),
    ] {
        let cmp = two(&first(a), &second(b));
        assert!(
            conflicts(&cmp, FactKind::Date).is_empty(),
            "{a} / {b}: {:?}",
            conflicts(&cmp, FactKind::Date)
        );
    }
}

#[test]
fn ten_in_words_and_10_in_digits_agree() {
    let cmp = harbor();
    let f = finding_with(&cmp, FactKind::Quantity, "d0", "Ten firefighters");
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
    assert_eq!(
        mentioned(f),
        vec![
            ("d0".to_string(), "10 firefighter".to_string()),
            ("d1".to_string(), "10 firefighter".to_string())
        ]
    );
}

#[test]
fn money_with_qualifiers_and_a_currency_conversion_agrees() {
    let cmp = harbor();
    let f = finding_with(&cmp, FactKind::Quantity, "d0", "over €80 million");
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
    let docs: Vec<&str> = f.mentions.iter().map(|m| m.document.as_str()).collect();
    assert_eq!(docs, vec!["d0", "d1", "d2"], "{}", f.summary);
    assert!(
        f.mentions
            .iter()
            .any(|m| m.value == "82000000 EUR = 99000000 USD"),
        "{f:?}"
    );
}

#[test]
fn three_ways_of_writing_a_five_year_ban_agree() {
    let cmp = harbor();
    let f = finding_with(&cmp, FactKind::Quantity, "d1", "five-year");
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
    assert_eq!(f.mentions.len(), 3, "{}", f.summary);
    assert!(f.mentions.iter().all(|m| m.value == "5 year"));
    assert!(f.summary.contains("ban"), "{}", f.summary);
}

#[test]
fn a_figure_only_one_source_gives_is_single_source() {
    let cmp = harbor();
    let f = finding_with(&cmp, FactKind::Quantity, "d0", "2,300 workers");
    assert_eq!(f.status, FindingStatus::SingleSource);
    assert!(f.summary.contains("2,300 workers"), "{}", f.summary);
}

#[test]
fn a_misattributed_quote_is_a_conflict() {
    let cmp = harbor();
    let f = cmp
        .findings
        .iter()
        .find(|f| f.kind == FactKind::Quote && f.summary.contains("attributed to"));
    let Some(f) = f else {
        panic!("no attribution finding: {:#?}", cmp.findings);
    };
    assert_eq!(f.status, FindingStatus::Conflict);
    assert!(
        f.summary.contains("Ana Ruiz") && f.summary.contains("Miguel Santos"),
        "{}",
        f.summary
    );
}

/// d0 and d2 give the same quote, equally long, with one word changed ("good" / "brave"); d1
/// gives a shortened version consistent with both. Which of the two full versions is the
/// reference cannot depend on the order of the documents, so either may be reported altered —
/// but one of them is, against the other, and d1 agrees with the reference as shortened.
#[test]
fn altered_and_shortened_quotes_are_told_apart() {
    let cmp = harbor();
    let altered: Vec<&Finding> = cmp
        .findings
        .iter()
        .filter(|f| f.kind == FactKind::Quote && f.summary.starts_with("Quote altered in"))
        .collect();
    let [altered] = altered.as_slice() else {
        panic!("not one altered quote: {:#?}", cmp.findings);
    };
    assert_eq!(altered.status, FindingStatus::Conflict);
    assert!(
        altered.summary.contains("“lost brave people”")
            && altered.summary.contains("“lost good people”"),
        "{}",
        altered.summary
    );
    // Sources are named by title and numbered as in the app: d0 is #1, d2 is #3.
    let (changed, reference) = if altered.summary.contains("(#3):") {
        ("d2", "d0")
    } else {
        ("d0", "d2")
    };
    let number = if changed == "d2" { "#3" } else { "#1" };
    assert!(
        altered.summary.starts_with("Quote altered in ")
            && altered.summary.contains(&format!("({number}):")),
        "{}",
        altered.summary
    );
    let same = cmp
        .findings
        .iter()
        .find(|f| f.kind == FactKind::Quote && f.status == FindingStatus::Agree);
    let Some(same) = same else {
        panic!("no consistent quote: {:#?}", cmp.findings);
    };
    let mut docs: Vec<&str> = same.mentions.iter().map(|m| m.document.as_str()).collect();
    docs.sort_unstable();
    let mut expected = vec!["d1", reference];
    expected.sort_unstable();
    assert_eq!(docs, expected, "{}", same.summary);
    assert!(
        same.summary.contains("(#2) shortened, consistent"),
        "{}",
        same.summary
    );
}

#[test]
fn different_titles_for_one_person_conflict_across_documents() {
    let cmp = harbor();
    let f = finding_with(
        &cmp,
        FactKind::Title,
        "d2",
        "Port Commissioner Miguel Santos",
    );
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    assert_eq!(f.group, None);
    assert!(
        f.summary.contains("port director") && f.summary.contains("port commissioner"),
        "{}",
        f.summary
    );
    // "Mayor Ruiz" is linked to the Ana Ruiz another source names in full.
    let ruiz = finding_with(&cmp, FactKind::Title, "d1", "Mayor Ruiz");
    assert_eq!(ruiz.status, FindingStatus::Agree, "{}", ruiz.summary);
    assert!(ruiz.summary.starts_with("Ana Ruiz"), "{}", ruiz.summary);
}

/// Posts one person holds together are no conflict: the chair of a company's board and its
/// chief executive, a founder and any post, a deputy prime minister and a ministry. The
/// premiership and its deputy's post are two people's.
#[test]
fn titles_held_together_do_not_conflict() {
    let quote = |title: &str, name: &str| {
        format!(
            "date 2025-03-04\n\nNorvik to cut 2,400 jobs\n\n\
             \"These are painful decisions, but our plants have lost money for three straight \
             years,\" {title} {name} told a news conference in Oslo on Tuesday.\n"
        )
    };
    let title_conflicts = |a: &str, b: &str| {
        let cmp = two(&quote(a, "Ingrid Solberg"), &quote(b, "Ingrid Solberg"));
        conflicts(&cmp, FactKind::Title).len()
    };
    assert_eq!(title_conflicts("Chairwoman", "Chief Executive"), 0);
    assert_eq!(title_conflicts("founder", "Chief Executive"), 0);
    assert_eq!(
        title_conflicts("Deputy Prime Minister", "Finance Minister"),
        0
    );
    assert_eq!(
        title_conflicts("Deputy Prime Minister", "Prime Minister"),
        1
    );
    assert_eq!(title_conflicts("Finance Minister", "Prime Minister"), 1);
}

#[test]
fn findings_are_ordered_conflicts_single_source_agreements() {
    let cmp = harbor();
    let statuses: Vec<FindingStatus> = cmp.findings.iter().map(|f| f.status).collect();
    let mut sorted = statuses.clone();
    sorted.sort();
    assert_eq!(statuses, sorted);
    assert_eq!(statuses.first(), Some(&FindingStatus::Conflict));
    for (i, f) in cmp.findings.iter().enumerate() {
        assert_eq!(f.id, format!("f{i}"));
    }
}

#[test]
fn every_mention_cites_its_words_exactly() {
    let cmp = harbor();
    for f in &cmp.findings {
        for m in &f.mentions {
            let doc = cmp
                .documents
                .iter()
                .find(|d| d.id == m.document)
                .map(|d| d.text.as_str())
                .unwrap_or_default();
            assert_eq!(doc.get(m.start..m.end), Some(m.text.as_str()), "{f:?}");
            assert!(!m.note.is_empty());
        }
    }
}

mod any_text {
    use chrono::NaiveDate;
    use crosscheck::facts;
    use crosscheck::model::Span;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the text, extraction never panics and every fact cites its words exactly.
        #[test]
        fn facts_cite_their_words(
            text in "[A-Za-z0-9 ,.$€%“”\"‘’…\\n-]{0,200}",
            cut in 0usize..200,
        ) {
            let end = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let dateline = NaiveDate::from_ymd_opt(2020, 2, 29);
            for f in facts::extract(&text, Span { start: 0, end }, dateline) {
                prop_assert_eq!(text.get(f.start..f.end), Some(f.text.as_str()));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Which facts are one slot: invented two-source stories where only the rule under test decides
// whether a conflict is shown.

/// Compares two invented articles.
fn two(a: &str, b: &str) -> Comparison {
    compare_texts(&[("first.txt", a), ("second.txt", b)], &Options::default())
}

fn conflicts(cmp: &Comparison, kind: FactKind) -> Vec<&Finding> {
    cmp.findings
        .iter()
        .filter(|f| f.kind == kind && f.status == FindingStatus::Conflict)
        .collect()
}

/// The one conflict of `kind` among `findings`, which must name every one of `words`.
fn the_conflict<'a>(findings: &'a [Finding], kind: FactKind, words: &[&str]) -> &'a Finding {
    let c: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == kind && f.status == FindingStatus::Conflict)
        .collect();
    assert_eq!(c.len(), 1, "{findings:#?}");
    for w in words {
        assert!(c[0].summary.contains(w), "{w:?} not in {}", c[0].summary);
    }
    c[0]
}

/// A ferry story told twice, with `sentence` in the middle of each.
fn ferry(date: &str, sentence: &str) -> String {
    format!(
        "date {date}\n\nFerry Runs Aground Off Kessel Island\n\n\
         The ferry Aurelia ran aground on a sandbank off Kessel Island, the coast guard said.\n\n\
         {sentence}\n\n\
         Tugboats from Brannock harbor pulled the ferry free at high tide and towed it to port.\n"
    )
}

/// A side of a conflict is shown in the words most of its sources use, not the first
/// source's.
#[test]
fn a_side_of_a_conflict_is_shown_in_the_words_most_of_its_sources_use() {
    let told = |n: &str| {
        ferry(
            "2022-09-14",
            &format!("Officers searching the ferry found {n} hidden in the hold."),
        )
    };
    let cmp = compare_texts(
        &[
            ("one.txt", &told("six rifles")),
            ("two.txt", &told("six assault rifles")),
            ("three.txt", &told("six assault rifles")),
            ("four.txt", &told("nine rifles")),
        ],
        &Options::default(),
    );
    let c = the_conflict(
        &cmp.findings,
        FactKind::Quantity,
        &["“six assault rifles” (", "“nine rifles”"],
    );
    assert!(!c.summary.contains("“six rifles”"), "{}", c.summary);
}

/// A figure no words say the thing of is named by the words most of its sources tell it in,
/// whatever order the sources are given in.
#[test]
fn a_nameless_figure_is_named_alike_in_any_order_of_the_sources() {
    let told = |words: &str| ferry("2022-09-14", words);
    let (a, b, c) = (
        told("Since the spring the ferry line has brought in over $363 million, its owner said."),
        told("In all, the line has taken more than $363 million, its owner said."),
        told("Since the spring the ferry line has brought in over $363 million, its owner said."),
    );
    let slot = |texts: [(&str, &str); 3]| {
        let cmp = compare_texts(&texts, &Options::default());
        let f = cmp
            .findings
            .iter()
            .find(|f| f.kind == FactKind::Quantity && f.status == FindingStatus::Agree)
            .unwrap_or_else(|| panic!("{:#?}", cmp.findings))
            .clone();
        f.summary
            .split(" agrees")
            .next()
            .unwrap_or_default()
            .to_string()
    };
    let first = slot([("a.txt", &a), ("b.txt", &b), ("c.txt", &c)]);
    assert!(first.contains("has brought in"), "{first}");
    assert_eq!(first, slot([("b.txt", &b), ("a.txt", &a), ("c.txt", &c)]));
}

/// A measure whose subject names no thing ("for the fourth time in two months") is named by
/// the words it is told in, not "duration of fourth".
#[test]
fn a_measure_of_no_thing_is_named_by_its_words() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "For the fourth time in two months, the coast guard pulled a ferry off the sandbank.",
        ),
        &ferry("2022-09-14", "The coast guard praised the crew."),
    );
    let f = finding_with(&cmp, FactKind::Quantity, "d0", "two months");
    assert!(
        f.summary.contains("duration of “") && !f.summary.contains("duration of fourth"),
        "{}",
        f.summary
    );
}

/// Figures no words say the thing of, in one aligned group but told in other words, may be of
/// two things: they neither conflict nor make one developing figure. Two markets' takings are
/// two things.
#[test]
fn nameless_figures_told_in_other_words_are_not_set_against_each_other() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "By nightfall nearly 60 percent had been brought ashore, the coast guard said.",
        ),
        &ferry(
            "2022-09-14",
            "Of the cargo, some 45 percent was lost overboard, the coast guard said.",
        ),
    );
    assert!(
        !cmp.findings.iter().any(|f| f.kind == FactKind::Quantity
            && matches!(
                f.status,
                FindingStatus::Conflict | FindingStatus::Developing
            )),
        "{:#?}",
        cmp.findings
    );
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The ferry line has brought in $142 million domestically, its owner said.",
        ),
        &ferry(
            "2022-09-14",
            "The ferry line has brought in $368 million globally, its owner said.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

/// A number before a day ("12 Tuesday and 15 people Wednesday") is a second figure of what
/// the passage counts: the passage contradicts no one with it.
#[test]
fn a_number_before_a_day_is_a_second_figure() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Police arrested 12 Tuesday and 15 people Wednesday at the pier.",
        ),
        &ferry("2022-09-14", "Police arrested 12 people at the pier."),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

/// A figure no words say the thing of ("has brought in over $363 million") is weighed only
/// against figures of passages aligned as one with it: the same figure agrees, another
/// conflicts.
#[test]
fn figures_of_nothing_named_are_weighed_inside_one_aligned_group() {
    let told = |n: &str| {
        ferry(
            "2022-09-14",
            &format!("Since the spring the ferry line has brought in {n}, its owner said."),
        )
    };
    let cmp = two(&told("over $363 million"), &told("more than $363 million"));
    let f = finding_with(&cmp, FactKind::Quantity, "d0", "over $363 million");
    assert_eq!(f.status, FindingStatus::Agree, "{:#?}", cmp.findings);
    // Named by the words it is told in.
    assert!(
        f.summary.starts_with("amount of “") && f.summary.contains("has brought in"),
        "{}",
        f.summary
    );
    let cmp = two(&told("over $363 million"), &told("$200 million"));
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
}

#[test]
fn a_source_that_gives_both_figures_is_named_apart_from_the_sides_of_a_conflict() {
    let haul = "Officers searching the ferry found six rifles hidden in the hold.";
    let total = "Officers searching the ferry found 14 rifles hidden in the hold.";
    let cmp = compare_texts(
        &[
            (
                "both.txt",
                &ferry(
                    "2022-09-14",
                    &format!(
                        "{haul}\n\nIn all, officers searching ferries this year found 14 rifles hidden in holds."
                    ),
                ),
            ),
            ("haul.txt", &ferry("2022-09-14", haul)),
            ("total.txt", &ferry("2022-09-14", total)),
        ],
        &Options::default(),
    );
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    let s = &c[0].summary;
    // The sides are the sources that give one figure only; the one that gives both is named
    // after them.
    let (sides, apart) = s.split_once("; ").expect("sources named apart");
    assert!(
        sides.contains("“six rifles” (Ferry Runs Aground Off Kessel… (#2))")
            && sides.contains("“14 rifles” (Ferry Runs Aground Off Kessel… (#3))")
            && !sides.contains("(#1)"),
        "{s}"
    );
    assert_eq!(
        apart,
        "Ferry Runs Aground Off Kessel… (#1) gives more than one of these"
    );
}

#[test]
fn counts_of_one_model_called_by_two_nouns_conflict() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Officers searching the hold found seven AK-47 assault rifles hidden under the seats.",
        ),
        &ferry(
            "2022-09-14",
            "Officers searching the hold found 12 AK 47 guns hidden under the seats.",
        ),
    );
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    assert!(
        c[0].summary.starts_with("number of AK-47s differs")
            && c[0].summary.contains("seven AK-47 assault rifles")
            && c[0].summary.contains("12 AK 47 guns"),
        "{}",
        c[0].summary
    );
}

#[test]
fn counts_of_one_noun_with_other_words_in_front_are_not_one_figure() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The coast guard said 14 Danish passengers were taken off the ferry by lifeboat.",
        ),
        &ferry(
            "2022-09-14",
            "The coast guard said 6 Swedish passengers were taken off the ferry by lifeboat.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
    // A scale word is part of the number, not a word telling the things apart.
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The operator said repairs would cost 1.8 billion Norwegian crowns.",
        ),
        &ferry(
            "2022-09-14",
            "The operator said repairs would cost 1.7 billion Swedish crowns.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
    // The same sentence without the words that tell the passengers apart is a conflict.
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The coast guard said 14 passengers were taken off the ferry by lifeboat.",
        ),
        &ferry(
            "2022-09-14",
            "The coast guard said 6 passengers were taken off the ferry by lifeboat.",
        ),
    );
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    assert!(c[0].summary.contains("14 passengers") && c[0].summary.contains("6 passengers"));
    // Sources are named as the reader knows them, numbered as in the app, never "d0".
    assert!(
        c[0].summary.contains("(#1)") && c[0].summary.contains("(#2)"),
        "{}",
        c[0].summary
    );
    assert!(!c[0].summary.contains("d0") && !c[0].summary.contains("d1"));
}

#[test]
fn a_weekday_read_against_two_datelines_is_not_a_conflict() {
    // Published nine days apart, both say "on Thursday": the words agree, only the datelines
    // differ, so nothing says the sources disagree.
    let sentence = "The ferry left Brannock harbor on Thursday with 212 people on board.";
    let cmp = two(
        &ferry("2022-09-17", sentence),
        &ferry("2022-09-26", sentence),
    );
    assert!(
        conflicts(&cmp, FactKind::Date).is_empty(),
        "{:#?}",
        cmp.findings
    );
    // "last Tuesday" in a Thursday's report may be this week's or the week before's: a week
    // off a date written out is no contradiction; a day off is.
    for (date, conflicts_expected) in [("September 6", 0), ("September 12", 1)] {
        let cmp = two(
            &ferry(
                "2022-09-15",
                "The ferry left Brannock harbor last Tuesday with 212 people on board.",
            ),
            &ferry(
                "2022-09-15",
                &format!("The ferry left Brannock harbor on {date} with 212 people on board."),
            ),
        );
        assert_eq!(
            conflicts(&cmp, FactKind::Date).len(),
            conflicts_expected,
            "{date}: {:#?}",
            cmp.findings
        );
    }
    // Different words for the day, one dateline: a conflict.
    let cmp = two(
        &ferry(
            "2022-09-17",
            "The ferry left Brannock harbor on Thursday with 212 people on board.",
        ),
        &ferry(
            "2022-09-17",
            "The ferry left Brannock harbor on Tuesday with 212 people on board.",
        ),
    );
    assert_eq!(
        conflicts(&cmp, FactKind::Date).len(),
        1,
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn a_day_of_the_month_without_its_year_is_not_set_against_the_year_another_gives() {
    let cmp = two(
        &ferry(
            "2023-01-20",
            "The ferry was last inspected on October 5, 2022, the operator said.",
        ),
        // No dateline year to read "October 5" in the same year: the guess must not conflict.
        &ferry(
            "2023-11-02",
            "The ferry was last inspected on October 5, the operator said.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Date).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn two_statements_that_share_a_phrase_are_not_one_altered_quote() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "“We just wanted to say that every passenger is safe and warm tonight,” Captain Ilse Brun said.",
        ),
        &ferry(
            "2022-09-14",
            "“We just wanted to say that the crew did a remarkable job in rough water,” Captain Ilse Brun said.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quote).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn the_same_quote_from_two_forms_of_one_name_is_not_misattributed() {
    let quote = "“Every passenger is safe and the ferry will be repaired,”";
    let cmp = two(
        &ferry(
            "2022-09-14",
            &format!("{quote} said Lt. Ilse Brun of the coast guard."),
        ),
        &ferry(
            "2022-09-14",
            &format!("{quote} said Brun, of the coast guard."),
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quote).is_empty(),
        "{:#?}",
        cmp.findings
    );
    // Two different people: a conflict.
    let cmp = two(
        &ferry(
            "2022-09-14",
            &format!("{quote} said Lt. Ilse Brun of the coast guard."),
        ),
        &ferry(
            "2022-09-14",
            &format!("{quote} said Tomas Weir of the coast guard."),
        ),
    );
    let c = conflicts(&cmp, FactKind::Quote);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    assert!(c[0].summary.contains("attributed to"), "{}", c[0].summary);
}

#[test]
fn words_a_writer_puts_in_brackets_do_not_alter_a_quote() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "“We thank her and the whole crew for their courage,” the operator said in a statement.",
        ),
        &ferry(
            "2022-09-14",
            "“We thank her [Captain Brun] and the whole crew for their courage,” the operator said in a statement.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quote).is_empty(),
        "{:#?}",
        cmp.findings
    );
    assert!(
        cmp.findings
            .iter()
            .any(|f| f.kind == FactKind::Quote && f.status == FindingStatus::Agree),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn a_term_in_quotation_marks_is_not_a_quote() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Locals call the sandbank “the Graveyard” because of the many wrecks there.",
        ),
        &ferry(
            "2022-09-14",
            "Locals call the sandbank “the Old Graveyard” because of the many wrecks there.",
        ),
    );
    assert!(
        !cmp.findings.iter().any(|f| f.kind == FactKind::Quote),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn distances_from_two_places_are_two_figures() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The sandbank lies about 12 nautical miles east of Brannock, in shallow water.",
        ),
        &ferry(
            "2022-09-14",
            "The sandbank lies about 3 nautical miles off Kessel, in shallow water.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The sandbank lies about 12 nautical miles east of Brannock, in shallow water.",
        ),
        &ferry(
            "2022-09-14",
            "The sandbank lies about 3 nautical miles east of Brannock, in shallow water.",
        ),
    );
    assert_eq!(
        conflicts(&cmp, FactKind::Quantity).len(),
        1,
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn a_passage_with_a_second_number_for_the_same_thing_gives_no_lone_figure() {
    // "… compared with 9 a year earlier": the second figure's noun is left out, so the passage
    // does not say which of its numbers the other source's figure is about.
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The operator said 14 passengers were hurt this year, compared with 9 a year earlier.",
        ),
        &ferry(
            "2022-09-14",
            "The operator said 6 passengers were hurt this year, in its statement to reporters.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn counts_narrowed_to_two_different_roles_are_two_figures() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Captain Ilse Brun has spent 11 years as a deckhand on the Kessel route, the operator said.",
        ),
        &ferry(
            "2022-09-14",
            "Captain Ilse Brun has spent 7 years as a captain on the Kessel route, the operator said.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn two_people_saying_alike_things_are_two_quotes() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "“For years the crossing has kept the island connected and safe,” said Ilse Brun.",
        ),
        &ferry(
            "2022-09-14",
            "“For decades the crossing has kept the island connected and alive,” said Tomas Weir.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quote).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn one_statement_quoted_with_its_words_moved_about_is_one_altered_quote() {
    // The two versions share no run of four words, but the passages tell one happening and
    // most of the words of one are the other's, in order: one utterance, quoted two ways.
    let quote = one_altered_quote(
        "“Divers found the hull cracked below the waterline on Monday,” said Ilse Brun.",
        "“On Monday divers found the cracked hull below the waterline,” said Ilse Brun.",
    );
    let docs: Vec<&str> = quote.mentions.iter().map(|m| m.document.as_str()).collect();
    assert!(docs.contains(&"d0") && docs.contains(&"d1"), "{docs:?}");
}

#[test]
fn alike_statements_of_unnamed_or_other_speakers_are_not_one_altered_quote() {
    for (a, b) in [
        (
            "The owner said: “The ferry was safe to sail that morning.”",
            "An inspector said: “The ferry was never safe to sail.”",
        ),
        (
            "“We did not see the sandbank in the fog,” the captain said.",
            "“We saw the sandbank but could not turn in the fog,” the first mate said.",
        ),
        (
            "“Divers found the hull cracked below the waterline on Monday,” said Ilse Brun.",
            "“On Monday divers found the cracked hull below the waterline,” said Tomas Weir.",
        ),
        // Two people described each their own way, the same words in another order.
        (
            "“We did not see the sandbank in the fog,” the captain said.",
            "“In the fog we did not see the sandbank,” the first mate said.",
        ),
    ] {
        let cmp = two(&ferry("2022-09-14", a), &ferry("2022-09-14", b));
        assert!(
            conflicts(&cmp, FactKind::Quote).is_empty(),
            "{a} / {b}: {:#?}",
            cmp.findings
        );
    }
}

/// One unnamed utterance quoted with its words moved about, in passages aligned as one, is
/// one quote altered, though the two versions share no run of four words.
#[test]
fn an_unnamed_quote_with_its_words_moved_about_is_one_altered_quote() {
    one_altered_quote(
        "Asked about the crossing, the owner of the line said: “I've seen enough of this sea for a lifetime.”",
        "Asked about the crossing, the owner of the line said: “I've seen enough for a lifetime of this sea.”",
    );
}

/// The one quote conflict of a ferry story told twice with `a` and with `b`, which must be an
/// altered quote.
fn one_altered_quote(a: &str, b: &str) -> Finding {
    let cmp = two(&ferry("2022-09-14", a), &ferry("2022-09-14", b));
    let quotes = conflicts(&cmp, FactKind::Quote);
    assert_eq!(quotes.len(), 1, "{:#?}", cmp.findings);
    assert!(
        quotes[0].summary.starts_with("Quote altered"),
        "{}",
        quotes[0].summary
    );
    quotes[0].clone()
}

#[test]
fn bare_counts_of_people_say_what_happened_to_them() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Police said 18 were injured in the scuffle at the pier and 12 arrested overnight.",
        ),
        &ferry(
            "2022-09-14",
            "Police said 9 were injured in the scuffle at the pier and 12 arrested overnight.",
        ),
    );
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    assert!(
        c[0].summary.contains("18") && c[0].summary.contains("injured"),
        "{}",
        c[0].summary
    );
    assert!(
        cmp.findings.iter().any(|f| f.status == FindingStatus::Agree
            && f.mentions.iter().any(|m| m.text.contains("12 arrested"))),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn the_event_word_nearest_a_count_says_killed_or_injured() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The blast on deck, killing at least five people and injuring 20, was heard in Brannock.",
        ),
        &ferry(
            "2022-09-14",
            "The blast on deck, killing at least five people and injuring 20, was heard in Brannock.",
        ),
    );
    let killed = cmp
        .findings
        .iter()
        .find(|f| f.mentions.iter().any(|m| m.text.contains("five people")));
    let Some(killed) = killed else {
        panic!("no finding for five people: {:#?}", cmp.findings);
    };
    assert!(killed.summary.contains("killed"), "{}", killed.summary);
}

#[test]
fn a_toll_that_rose_is_a_developing_figure_in_publication_order() {
    // The later report (by dateline) is given first: the summary still reads earliest first.
    let cmp = two(
        &ferry(
            "2022-09-15",
            "The coast guard said 11 people were killed when the ferry capsized near the pier.",
        ),
        &ferry(
            "2022-09-14",
            "The coast guard said at least 3 people were killed when the ferry capsized near the pier.",
        ),
    );
    let f = finding_with(&cmp, FactKind::Quantity, "d0", "11 people");
    assert_eq!(f.status, FindingStatus::Developing, "{}", f.summary);
    // The finding says what it is about and why it is no conflict; the bound is its own field.
    assert_eq!(f.slot, "number of people killed");
    assert!(f.reason.contains("may all hold"), "{}", f.reason);
    let bounds: Vec<&str> = f.mentions.iter().map(|m| m.qualifier.as_str()).collect();
    assert_eq!(bounds, ["", "at least"], "{:?}", f.mentions);
    let (early, late) = (
        f.summary.find("at least 3 people"),
        f.summary.find("11 people"),
    );
    assert!(
        matches!((early, late), (Some(e), Some(l)) if e < l),
        "{}",
        f.summary
    );
}

#[test]
fn two_lower_bounds_that_differ_are_not_an_agreement() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The operator said more than 26,000 passengers used the crossing last summer, a record.",
        ),
        &ferry(
            "2022-09-14",
            "The operator said more than 31,000 passengers used the crossing last summer, a record.",
        ),
    );
    let f = finding_with(
        &cmp,
        FactKind::Quantity,
        "d0",
        "more than 26,000 passengers",
    );
    assert_eq!(f.status, FindingStatus::Developing, "{}", f.summary);
}

/// A ferry story with no dateline.
fn undated(sentence: &str) -> String {
    ferry("2022-09-14", sentence).replacen("date 2022-09-14\n\n", "", 1)
}

/// A day no source gives a year agrees with the same month and day, and never conflicts, even
/// told in one clause's words: a happening that recurs is told in the same words each time
/// ("declared a regular quarterly dividend … in February", "… in April").
#[test]
fn a_day_without_any_year_agrees_by_month_and_day_but_never_conflicts() {
    let same = "The ferry was last inspected on November 18 in the dry dock at Brannock.";
    let cmp = two(&undated(same), &undated(same));
    let f = finding_with(&cmp, FactKind::Date, "d0", "on November 18");
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
    for other in [
        "The ferry was last inspected on November 11 in the dry dock at Brannock.",
        "The ferry, built at the Brannock yard for the island route, was inspected on \
         November 11 by a coast guard crew.",
    ] {
        let cmp = two(&undated(same), &undated(other));
        assert!(
            conflicts(&cmp, FactKind::Date).is_empty(),
            "{other}: {:#?}",
            cmp.findings
        );
    }
}

/// A statement of two sentences, quoted whole by one source, its second sentence altered by
/// another and its first sentence quoted alone by a third: the alteration is shown against the
/// words of the whole statement it quotes, and not against the quote of the other sentence.
#[test]
fn an_altered_sentence_is_shown_against_the_part_of_the_statement_it_quotes() {
    let whole = "Governor Ilse Brandt spoke at the reservoir on Tuesday. \"The dam will be \
                 repaired before the autumn rains arrive in the valley, and we will not raise \
                 water rates for farmers this year,\" Brandt said.\n";
    let altered = "The governor visited the reservoir. \"We will not raise water prices for \
                   farmers this year,\" Brandt said on Tuesday.\n";
    let first = "At the reservoir, Brandt said: \"The dam will be repaired before the autumn \
                 rains arrive in the valley.\"\n";
    let cmp = compare_texts(
        &[
            ("whole.txt", whole),
            ("altered.txt", altered),
            ("first.txt", first),
        ],
        &Options::default(),
    );
    let f = finding_with(
        &cmp,
        FactKind::Quote,
        "d1",
        "\"We will not raise water prices for farmers this year,\"",
    );
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    assert!(
        f.summary.contains("prices") && f.summary.contains("rates"),
        "{}",
        f.summary
    );
    // Cited: the altered version and the part of the whole statement it quotes; not the
    // quote of the first sentence, which says nothing about water rates.
    let docs: Vec<&str> = f.mentions.iter().map(|m| m.document.as_str()).collect();
    assert_eq!(docs, ["d1", "d0"], "{}", f.summary);
    let reference = &f.mentions[1];
    assert_eq!(
        reference.text,
        "we will not raise water rates for farmers this year"
    );
    assert_eq!(
        reference.value,
        "we will not raise water rates for farmers this year"
    );
    assert_eq!(&whole[reference.start..reference.end], reference.text);
    assert!(!f.summary.contains("(#3)"), "{}", f.summary);
}

/// A statement quoted over several lines (one sentence a line, the speaker named after the
/// last): each line's part is compared with the other sources' versions of it, and the
/// evidence of an alteration is the altered sentence, not the whole statement. Two sources that
/// give one wording are the reference the third is read against.
#[test]
fn a_quotation_over_several_lines_is_compared_a_sentence_at_a_time() {
    let full = "The mayor spoke after the storm.\n\
                \"We lost the harbor wall in the night.\n\
                The old pier is gone as well.\n\
                We will rebuild the fish market before winter,\" Mayor Ana Ruiz said.\n";
    let altered = "Ruiz addressed reporters on Monday.\n\
                   \"We lost the harbor wall in the night.\n\
                   We will rebuild the fish market before spring,\" she said.\n";
    let copy = "Ruiz spoke to the press on Monday.\n\
                \"We lost the harbor wall in the night.\n\
                We will rebuild the fish market before spring,\" she said.\n";
    let cmp = compare_texts(
        &[
            ("full.txt", full),
            ("altered.txt", altered),
            ("copy.txt", copy),
        ],
        &Options::default(),
    );
    let f = finding_with(
        &cmp,
        FactKind::Quote,
        "d0",
        "We will rebuild the fish market before winter,\"",
    );
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    assert!(
        f.summary.contains("spring") && f.summary.contains("winter"),
        "{}",
        f.summary
    );
    let docs: Vec<&str> = f.mentions.iter().map(|m| m.document.as_str()).collect();
    assert_eq!(docs, ["d0", "d1", "d2"], "{}", f.summary);
    assert!(
        f.mentions[0].note.contains("speaker Mayor Ana Ruiz"),
        "{:?}",
        f.mentions[0]
    );
    // The first sentence is the same in all three: an agreement, not part of the conflict.
    let same = finding_with(
        &cmp,
        FactKind::Quote,
        "d0",
        "\"We lost the harbor wall in the night.",
    );
    assert_eq!(same.status, FindingStatus::Agree, "{}", same.summary);
    assert_eq!(same.mentions.len(), 3, "{}", same.summary);
    // One finding says the statement was altered.
    let altered_findings = cmp
        .findings
        .iter()
        .filter(|f| f.kind == FactKind::Quote && f.status == FindingStatus::Conflict)
        .count();
    assert_eq!(altered_findings, 1);
}

/// Two sources that alter a statement alike are one finding, citing both.
#[test]
fn sources_that_alter_a_quote_alike_are_one_finding() {
    let full = "\"We will not raise water rates for farmers this year or next,\" Governor Ilse Brandt said.\n";
    let a = "\"We will not raise water prices for farmers this year,\" Brandt said on Tuesday.\n";
    let b = "On Tuesday, \"We will not raise water prices for farmers this year,\" Brandt said.\n";
    let cmp = compare_texts(
        &[("full.txt", full), ("a.txt", a), ("b.txt", b)],
        &Options::default(),
    );
    let conflicts: Vec<&Finding> = cmp
        .findings
        .iter()
        .filter(|f| f.kind == FactKind::Quote && f.status == FindingStatus::Conflict)
        .collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let docs: Vec<&str> = conflicts[0]
        .mentions
        .iter()
        .map(|m| m.document.as_str())
        .collect();
    assert_eq!(docs, ["d1", "d2", "d0"], "{}", conflicts[0].summary);
    assert!(
        conflicts[0]
            .summary
            .starts_with("Quote altered in a (#2), b (#3):"),
        "{}",
        conflicts[0].summary
    );
}

/// A person holds one rank at a time beside a post: two ranks conflict, a rank and a post do
/// not.
#[test]
fn ranks_are_compared_with_ranks_and_posts_with_posts() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The crew was safe, coast guard spokesman Commander Ilse Brandt told reporters.",
        ),
        &ferry(
            "2022-09-14",
            "The crew was safe, Commodore Ilse Brandt, a coast guard spokesman, told reporters.",
        ),
    );
    let f = finding_with(&cmp, FactKind::Title, "d1", "Commodore Ilse Brandt");
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    assert!(
        f.summary.contains("commander") && f.summary.contains("commodore"),
        "{}",
        f.summary
    );
    // A rank in one source and a post in the other are two things a person can be at once.
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The crew was safe, coast guard spokesman Ilse Brandt told reporters.",
        ),
        &ferry(
            "2022-09-14",
            "The crew was safe, Commodore Ilse Brandt told reporters.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Title).is_empty(),
        "{:?}",
        conflicts(&cmp, FactKind::Title)
    );
}

/// A record grows fight by fight: a record before a fight and one after it may both hold (a
/// developing figure), two that cannot have grown into each other, or that are more than one
/// bout apart in reports of one story's time, conflict, and two reports of one fight that give
/// two records conflict.
#[test]
fn two_records_of_one_competitor_conflict_only_when_both_cannot_hold() {
    let fight = |sentence: &str| {
        format!(
            "Ruiz Keeps Her Belt in Kessel\n\n\
             Ana Ruiz stopped Lena Ortiz in the ninth round at the Kessel arena, the promoters said.\n\n\
             {sentence}\n\n\
             The crowd of 9,000 cheered the champion home after the fight in Kessel.\n"
        )
    };
    let story = |first: &str, second: &str| two(&fight(first), &fight(second));
    // The status of the first report's finding of `value`, and its summary.
    let status = |first: &str, second: &str, value: &str| {
        let cmp = story(first, second);
        let f = finding_with(&cmp, FactKind::Record, "d0", value);
        (f.status, f.summary.clone())
    };
    // Before the fight and after it.
    let cmp = story(
        "Ana Ruiz (21-2, 14 KOs) meets Lena Ortiz in Kessel on Saturday night.",
        "The win took Ruiz's record to 22-2 with a remarkable 15 wins by knockout.",
    );
    let f = finding_with(&cmp, FactKind::Record, "d0", "21-2");
    assert_eq!(f.status, FindingStatus::Developing, "{}", f.summary);
    assert_eq!(f.slot, "Ana Ruiz's win-loss record");
    assert!(
        f.summary.find("21-2") < f.summary.find("22-2"),
        "{}",
        f.summary
    );
    // Records that cannot have grown into each other; two bouts apart (a story tells of one
    // bout, so both cannot be the record of its time…).
    let conflicting = [
        ("21-3", "22-2 with a remarkable 15 wins by knockout"),
        ("21-2", "23-2 with a remarkable 15 wins by knockout"),
    ];
    for (first, second) in conflicting {
        let (found, why) = status(
            &format!("Ana Ruiz ({first}, 14 KOs) meets Lena Ortiz in Kessel on Saturday night."),
            &format!("The win took Ruiz's record to {second}."),
            first,
        );
        assert_eq!(found, FindingStatus::Conflict, "{why}");
    }
    // One bout past the record a source says the fight brought: the story tells of no later
    // bout. One bout short of it is the record before the fight.
    let cmp = story(
        "Ana Ruiz (23-2, 16 KOs) stopped Lena Ortiz on Saturday night.",
        "The win took Ruiz's record to 22-2 with 15 wins by knockout, her tenth since losing in 2019.",
    );
    let f = finding_with(&cmp, FactKind::Record, "d0", "23-2");
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    assert!(f.reason.contains("past the record"), "{}", f.reason);
    let ko = finding_with(&cmp, FactKind::Record, "d0", "16 KOs");
    assert_eq!(ko.status, FindingStatus::Conflict, "{}", ko.summary);
    // Not so when the record is told as it stood, or another bout brought it (a preview's
    // recap of her last fight), or its sentence names a year; nor for a record written without
    // its draws, which has not grown past one with them.
    let result = "Ana Ruiz (23-2, 16 KOs) stopped Lena Ortiz on Saturday night.";
    let may_hold = [
        (
            result,
            "Ruiz's record of 22-2 with 15 knockouts was the best in Kessel.",
            "23-2",
        ),
        (
            result,
            "In 2019 a win took Ruiz's record to 22-2 with 15 wins by knockout.",
            "23-2",
        ),
        (
            result,
            "A stoppage of Maria Lopez took Ruiz's record to 22-2 with 15 wins by knockout.",
            "23-2",
        ),
        (
            result,
            "The win took Ruiz's record to 22-2 with 15 knockouts by stopping Maria Lopez.",
            "23-2",
        ),
        (
            result,
            "Lopez was stopped in six, a win that took Ruiz's record to 22-2 with 15 knockouts.",
            "23-2",
        ),
        (
            result,
            "Her last fight, a stoppage in six, took Ruiz's record to 22-2 with 15 knockouts.",
            "23-2",
        ),
        (
            result,
            "In March 2024 she stopped a rival in six. The win took Ruiz's record to 22-2.",
            "23-2",
        ),
        (
            "Ana Ruiz (23-2-1, 16 KOs) stopped Lena Ortiz on Saturday night.",
            "The win took Ruiz's record to 23-2 with 16 wins by knockout.",
            "23-2-1",
        ),
    ];
    for (first, second, value) in may_hold {
        let (found, why) = status(first, second, value);
        assert_eq!(found, FindingStatus::Developing, "{second}: {why}");
    }
    let dated = |date: &str, sentence: &str| format!("date {date}\n\n{}", fight(sentence));
    // A report dated before the other may recap an earlier bout.
    let cmp = two(
        &dated(
            "2024-06-10",
            "Ruiz improved her record to 22-2 with 15 knockouts, her promoter said.",
        ),
        &dated(
            "2024-06-16",
            "Ana Ruiz (23-2, 16 KOs) stopped Lena Ortiz on Saturday night.",
        ),
    );
    let f = finding_with(&cmp, FactKind::Record, "d1", "23-2");
    assert_eq!(f.status, FindingStatus::Developing, "{}", f.summary);
    // …unless the reports are dated weeks apart, or one tells of another time.
    let cmp = two(
        &dated(
            "2022-03-01",
            "Ana Ruiz (21-2, 14 KOs) meets Lena Ortiz in Kessel on Saturday night.",
        ),
        &dated(
            "2022-09-14",
            "The win took Ruiz's record to 23-2 with a remarkable 15 wins by knockout.",
        ),
    );
    let f = finding_with(&cmp, FactKind::Record, "d0", "21-2");
    assert_eq!(f.status, FindingStatus::Developing, "{}", f.summary);
    let (found, why) = status(
        "Back in 2019 Ana Ruiz (21-2, 14 KOs) met Lena Ortiz for the first time.",
        "The win took Ruiz's record to 23-2 with a remarkable 15 wins by knockout.",
        "21-2",
    );
    assert_eq!(found, FindingStatus::Developing, "{why}");
    // Two reports of one fight, aligned, giving two records.
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Ana Ruiz (21-2, 14 KOs) stopped Lena Ortiz in the ninth round at the Kessel arena.",
        ),
        &ferry(
            "2022-09-14",
            "Ana Ruiz (22-2, 14 KOs) stopped Lena Ortiz in the ninth round at the Kessel arena.",
        ),
    );
    let f = finding_with(&cmp, FactKind::Record, "d1", "22-2");
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    let ko = finding_with(&cmp, FactKind::Record, "d0", "14 KOs");
    assert_eq!(ko.status, FindingStatus::Agree, "{}", ko.summary);
    // Set scores are no record.
    let cmp = two(
        "Ana Ruiz beat Maria Sharapova, 6-4, 6-3, in the final on Sunday.\n",
        "Ana Ruiz beat Maria Sharapova, 6-4, 7-5, in the final on Sunday.\n",
    );
    assert!(
        !cmp.findings.iter().any(|f| f.kind == FactKind::Record),
        "{:?}",
        cmp.findings
    );
}

/// One distance from one place in two directions is a conflict on the direction; another
/// distance is another position.
#[test]
fn two_directions_at_one_distance_conflict() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The ferry struck the sandbank 12 miles west of Brannock in heavy fog.",
        ),
        &ferry(
            "2022-09-14",
            "The ferry struck the sandbank about 12 miles east of Brannock in heavy fog.",
        ),
    );
    let f = finding_with(&cmp, FactKind::Direction, "d1", "east of Brannock");
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    assert_eq!(f.slot, "the direction from Brannock");
    // The same direction agrees; a direction at another distance is not compared.
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The ferry struck the sandbank 12 miles west of Brannock in heavy fog.",
        ),
        &ferry(
            "2022-09-14",
            "The ferry struck the sandbank 19 kilometres west of Brannock in heavy fog, and a buoy 40 miles east of Brannock.",
        ),
    );
    let f = finding_with(&cmp, FactKind::Direction, "d0", "west of Brannock");
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
    assert!(conflicts(&cmp, FactKind::Direction).is_empty());
}

/// `cmp` with every passage taken out of its group, as when the aligner misses a paraphrase.
fn unaligned(mut cmp: Comparison) -> Vec<Finding> {
    for d in &mut cmp.documents {
        for p in &mut d.passages {
            p.group = None;
        }
    }
    crosscheck::facts::compare(&cmp)
}

#[test]
fn figures_told_in_the_same_words_conflict_even_when_not_aligned() {
    let told = |n: &str| {
        ferry(
            "2022-09-14",
            &format!(
                "Lifeboat crews from Brannock lifted {n} passengers off the stranded ferry before dusk."
            ),
        )
    };
    let findings = unaligned(two(&told("14"), &told("6")));
    let c: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == FactKind::Quantity && f.status == FindingStatus::Conflict)
        .collect();
    assert_eq!(c.len(), 1, "{findings:#?}");
    assert!(c[0].summary.contains("14 passengers") && c[0].summary.contains("6 passengers"));
    // Two figures of one noun in passages that share few other words may count two things.
    let findings = unaligned(two(
        &ferry(
            "2022-09-14",
            "Rescuers brought 14 passengers ashore by lifeboat.",
        ),
        &ferry(
            "2022-09-14",
            "Harbor officials counted 6 passengers at the quay.",
        ),
    ));
    assert!(
        !findings.iter().any(|f| f.status == FindingStatus::Conflict),
        "{findings:#?}"
    );
}

/// Figures of a thing its story gives one figure of (no source gives two, and all lie close
/// together) contradict each other in passages that share few words: one count told twice.
#[test]
fn one_figure_of_one_thing_told_in_other_words_conflicts() {
    let told = |date: &str, n: &str| {
        ferry(
            date,
            &format!(
                "Since the grounding the operator has received {n} complaints, most of them by email."
            ),
        )
    };
    let other = |date: &str, n: &str| {
        ferry(
            date,
            &format!("Some {n} complaints reached the operator, a spokesman said."),
        )
    };
    let quantity_conflicts = |findings: &[Finding]| {
        findings
            .iter()
            .filter(|f| f.kind == FactKind::Quantity && f.status == FindingStatus::Conflict)
            .count()
    };
    let findings = unaligned(two(
        &told("2022-09-14", "nearly 2,400"),
        &other("2022-09-14", "3,100"),
    ));
    the_conflict(
        &findings,
        FactKind::Quantity,
        &["nearly 2,400 complaints", "3,100 complaints"],
    );
    // Figures far apart may count two different things in one unit.
    let findings = unaligned(two(
        &told("2022-09-14", "nearly 2,400"),
        &other("2022-09-14", "900"),
    ));
    assert_eq!(quantity_conflicts(&findings), 0, "{findings:#?}");
    // A count may grow from one day to the next.
    let findings = unaligned(two(
        &told("2022-09-14", "nearly 2,400"),
        &other("2022-09-16", "3,100"),
    ));
    assert_eq!(quantity_conflicts(&findings), 0, "{findings:#?}");
}

/// A source whose bound fits either side of a conflict is shown with its bound, not with the
/// figure it bounds: “30 hours” (#1), “more than 30 hours” (#3) vs “40 hours” (#2).
#[test]
fn a_side_of_a_conflict_shows_each_bound_as_written() {
    let told = |n: &str| {
        ferry(
            "2022-09-14",
            &format!("The inquiry board deliberated for {n} before it blamed the captain."),
        )
    };
    let texts = [
        told("30 hours"),
        told("40 hours"),
        told("more than 30 hours"),
    ];
    let named: Vec<(&str, &str)> = ["first.txt", "second.txt", "third.txt"]
        .into_iter()
        .zip(texts.iter().map(String::as_str))
        .collect();
    let cmp = compare_texts(&named, &Options::default());
    let c = the_conflict(&cmp.findings, FactKind::Quantity, &["deliberation"]);
    assert!(
        c.summary
            .contains("“30 hours” (Ferry Runs Aground Off Kessel… (#1))")
            && c.summary
                .contains("“more than 30 hours” (Ferry Runs Aground Off Kessel… (#3))")
            && c.summary
                .contains("“40 hours” (Ferry Runs Aground Off Kessel… (#2))"),
        "{}",
        c.summary
    );
}

/// A source that gives two figures of a thing anywhere (the quake's toll and the aftershock's;
/// a group its figure is among) keeps its story's figures from being read as one figure told
/// differently, even when one of the two is dated or named as a group.
#[test]
fn a_second_figure_in_a_source_keeps_its_figures_from_other_sources() {
    let quake = |a: &str, b: &str| {
        unaligned(two(
            &format!("date 2023-05-14\n\nAftershock kills dozens\n\n{a}\n"),
            &format!("date 2023-05-14\n\nAftershock rattles province\n\n{b}\n"),
        ))
    };
    let findings = quake(
        "The earthquake killed 80 people on May 12, according to the interior ministry.\n\n\
         The aftershock killed 70 people, most of them in hillside villages, the governor said.",
        "Officials said the earthquake killed 82 people, many of them in remote villages.",
    );
    assert!(
        !findings.iter().any(|f| f.status == FindingStatus::Conflict),
        "{findings:#?}"
    );
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Police charged 25 protesters with public disorder, among the 32 detained at the quay.",
        ),
        &ferry(
            "2022-09-14",
            "Police detained 32 protesters at the quay, a spokesman said.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

/// A figure per something (a year, a share) and a figure of the whole are two things, however
/// alike their sentences: "2.5 million euros a year" and "7 million euros over three years".
#[test]
fn a_rate_and_a_total_are_two_figures() {
    let told = |figure: &str| {
        ferry(
            "2022-09-14",
            &format!("The operator expects the new route to save it {figure}, its chief said."),
        )
    };
    for (a, b) in [
        (
            "2.5 million euros a year",
            "7 million euros over three years",
        ),
        (
            "annual savings of 2.5 million euros",
            "savings of 7 million euros",
        ),
        ("12 euros per share", "900 million euros"),
    ] {
        let cmp = two(&told(a), &told(b));
        assert!(
            conflicts(&cmp, FactKind::Quantity).is_empty(),
            "{a} / {b}: {:#?}",
            cmp.findings
        );
    }
    // Two rates of one thing contradict each other.
    let cmp = two(
        &told("2.5 million euros a year"),
        &told("4 million euros a year"),
    );
    the_conflict(
        &cmp.findings,
        FactKind::Quantity,
        &["2.5 million", "4 million"],
    );
}

/// Two spans of time told as ending in different happenings are two spans: the jury's hours
/// before its verdict of guilt and before its recommendation of death.
#[test]
fn spans_that_end_in_different_happenings_are_two_figures() {
    let trial = |sentence: &str| {
        format!(
            "date 2022-09-14\n\nNichols Jury Recommends Death\n\n\
             A jury recommended the death penalty for Brian Nichols on Wednesday.\n\n\
             {sentence}\n\nThe judge will formally sentence Nichols next month.\n"
        )
    };
    let cmp = two(
        &trial("Jurors deliberated for 14 hours before recommending death for Nichols."),
        &trial("Jurors deliberated for 11 hours before convicting Nichols of murder."),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
    // Ending in the same happening, they are one span told two ways.
    let cmp = two(
        &trial("Jurors deliberated for 14 hours before convicting Nichols of murder."),
        &trial("Jurors deliberated for 11 hours before convicting Nichols of murder."),
    );
    the_conflict(&cmp.findings, FactKind::Quantity, &["14 hours", "11 hours"]);
    // Only a span of time ends in a happening: a count told with two endings is one count.
    let cmp = two(
        &trial("Nichols shot 4 people in the courthouse before fleeing Atlanta by car."),
        &trial("Nichols shot 5 people in the courthouse before stealing a car."),
    );
    the_conflict(&cmp.findings, FactKind::Quantity, &["4 people", "5 people"]);
}

/// Reports dated on different days may each give the figure of their day: a fire's acres
/// grow, an estimate is replaced by a final figure. Told in the same words, their figures are a
/// figure that changed, in the order of the reports, not a contradiction; on one day, or
/// falling from a figure told as final, they contradict each other.
#[test]
fn figures_of_reports_of_different_days_are_a_figure_that_changed() {
    let fire = |date: &str, acres: &str, share: &str| {
        format!(
            "date {date}\n\nWildfire Near Bend Forces Evacuations\n\n\
             The Tumalo Ridge Fire west of Bend has burned {acres} acres of timber and brush, \
             fire officials said.\n\n\
             Crews had the fire an estimated {share}% contained by evening, the county \
             sheriff said.\n"
        )
    };
    let findings = unaligned(two(
        &fire("2025-08-05", "4,200", "12"),
        &fire("2025-08-06", "6,500", "8"),
    ));
    assert!(
        !findings.iter().any(|f| f.status == FindingStatus::Conflict),
        "{findings:#?}"
    );
    let grew = findings
        .iter()
        .find(|f| f.summary.contains("acres"))
        .expect("a finding of the acres");
    assert_eq!(grew.status, FindingStatus::Developing, "{}", grew.summary);
    assert!(
        grew.reason.contains("reports of different days"),
        "{}",
        grew.reason
    );
    assert!(
        grew.summary.find("4,200 acres") < grew.summary.find("6,500 acres"),
        "{}",
        grew.summary
    );
    // A figure that fell is a figure that changed when the earlier report told it as not
    // final (an estimate).
    let fell = findings
        .iter()
        .find(|f| f.summary.contains("12%"))
        .expect("a finding of the share contained");
    assert_eq!(fell.status, FindingStatus::Developing, "{}", fell.summary);
    // On one day the figures contradict each other,
    // and so does a figure told as final that fell from one day's report to the next.
    for (first, second) in [("2025-08-05", "2025-08-05"), ("2025-08-06", "2025-08-05")] {
        let findings = unaligned(two(
            &fire(first, "4,200", "12"),
            &fire(second, "6,500", "12"),
        ));
        the_conflict(
            &findings,
            FactKind::Quantity,
            &["4,200 acres", "6,500 acres"],
        );
    }
    // An estimate of another thing in the passage leaves a toll final; a prison term does not
    // grow from one day's report to the next.
    let told = |date: &str, sentence: &str| {
        format!("date {date}\n\nBlock Collapses in Izmir\n\n{sentence}\n")
    };
    for (a, b) in [
        (
            "The collapse of an apartment block in Izmir on Monday killed 12 people, the governor \
             said, and caused damage estimated at $40 million.",
            "The collapse of an apartment block in Izmir on Monday killed 9 people, the governor \
             said, and caused damage estimated at $40 million.",
        ),
        (
            "A court in Izmir on Monday sentenced the builder to 4 years in prison, the governor said.",
            "A court in Izmir on Monday sentenced the builder to 6 years in prison, the governor said.",
        ),
    ] {
        let findings = unaligned(two(&told("2025-03-11", a), &told("2025-03-12", b)));
        let found = findings
            .iter()
            .filter(|f| f.kind == FactKind::Quantity && f.status == FindingStatus::Conflict)
            .count();
        assert_eq!(found, 1, "{a} / {b}: {findings:#?}");
    }
}

/// A figure told with a year of its own that is not its report's is a background event's
/// ("the 2023 Camp Roberts Fire, which burned about 13,000 acres"): not set against the story's
/// figure in a passage aligned with it, nor shown as an earlier value of it; told by two
/// sources, it agrees.
#[test]
fn a_background_events_figure_is_kept_apart_from_the_storys() {
    let fire = |date: &str, lead: &str, background: &str| {
        format!(
            "date {date}\n\nCreston Fire Grows Overnight\n\n{lead}\n\n{background}\n\n\
             Evacuation orders remain in place for ranch homes east of Paso Robles.\n"
        )
    };
    let background = "The fire is the largest in San Luis Obispo County since the 2023 Camp \
                      Roberts Fire, which burned about 13,000 acres.";
    let cmp = compare_texts(
        &[
            (
                "first.txt",
                fire(
                    "2025-07-10",
                    "The Creston fire in San Luis Obispo County exploded overnight to 31,200 \
                     acres Thursday, officials said.",
                    "Crews from across the state have arrived to help, officials said.",
                )
                .as_str(),
            ),
            (
                "second.txt",
                fire(
                    "2025-07-10",
                    "A wildfire east of Paso Robles forced hundreds of people from their homes.",
                    background,
                )
                .as_str(),
            ),
            (
                "third.txt",
                fire(
                    "2025-07-11",
                    "A wildfire east of Paso Robles kept hundreds of people from their homes.",
                    background,
                )
                .as_str(),
            ),
        ],
        &Options::default(),
    );
    let told = cmp
        .findings
        .iter()
        .filter(|f| f.mentions.iter().any(|m| m.text.contains("13,000")))
        .collect::<Vec<_>>();
    assert!(
        told.iter()
            .all(|f| !f.mentions.iter().any(|m| m.text.contains("31,200"))),
        "{told:#?}"
    );
    assert!(
        told.iter()
            .any(|f| f.status == FindingStatus::Agree && f.mentions.len() == 2),
        "{told:#?}"
    );
}

/// A number before a word it counts ("the two pirate boats", "12 Somali and 11 Yemeni
/// pirates") is no second figure of the thing a passage counts, even when no fact is read of
/// it: the passage's one count of rifles can still contradict another source's.
#[test]
fn a_number_before_its_own_noun_leaves_a_passage_one_figure() {
    let told = |n: &str| {
        ferry(
            "2022-09-14",
            &format!(
                "Customs officers seized {n} other rifles from the 12 Somali and 11 Yemeni smugglers on the two pirate boats."
            ),
        )
    };
    let cmp = two(&told("two"), &told("three"));
    the_conflict(
        &cmp.findings,
        FactKind::Quantity,
        &["two other rifles", "three other rifles"],
    );
}

/// Things set apart ("other rifles") are a thing of their own when a story's figures are
/// weighed as one figure told differently: seven rifles do not make two and three other rifles
/// two different things.
#[test]
fn other_things_are_one_figure_of_their_own() {
    let findings = unaligned(two(
        &ferry(
            "2022-09-14",
            "Officers found seven rifles in crates and two other rifles below deck.",
        ),
        &ferry(
            "2022-09-14",
            "Three other rifles lay below deck, officers said.",
        ),
    ));
    let c = the_conflict(
        &findings,
        FactKind::Quantity,
        &["two other rifles", "Three other rifles"],
    );
    assert!(!c.summary.contains("seven"), "{}", c.summary);
}

/// "A pair of" is two; an age between commas after a name ("Ilse Brun, 52,") is no second
/// figure of what the passage counts.
#[test]
fn a_pair_is_two_and_an_age_is_no_loose_figure() {
    let told = |n: &str| {
        ferry(
            "2022-09-14",
            &format!("The skipper, Ilse Brun, 52, was struck by {n} falling crates on deck."),
        )
    };
    let cmp = two(&told("a pair of"), &told("three"));
    the_conflict(
        &cmp.findings,
        FactKind::Quantity,
        &["a pair of falling crates", "three falling crates"],
    );
    // A pair of one thing is one thing.
    let cmp = two(
        &ferry("2022-09-14", "Divers found a pair of jeans in the hold."),
        &ferry("2022-09-14", "Divers found a pair of jeans in the hold."),
    );
    assert!(
        !cmp.findings
            .iter()
            .any(|f| f.mentions.iter().any(|m| m.text.contains("pair"))),
        "{:#?}",
        cmp.findings
    );
}

/// A passage with a second number of what it counts, its noun left out ("up from 1,900
/// Monday"), may give the figure another source gives: its own figure contradicts no one.
#[test]
fn a_second_figure_without_its_noun_keeps_a_passage_from_contradicting() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Police counted 2,400 protesters at the pier, up from 1,900 Monday.",
        ),
        &ferry(
            "2022-09-14",
            "Police counted 1,900 protesters at the pier on Monday.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn a_count_of_a_named_model_is_not_set_against_a_count_of_all() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Customs officers found seven AK-47 rifles and three other rifles in the hold.",
        ),
        &ferry(
            "2022-09-14",
            "Customs officers found six AK 47 rifles and three other rifles in the hold.",
        ),
    );
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    assert!(
        c[0].summary.contains("seven AK-47 rifles") && c[0].summary.contains("six AK 47 rifles"),
        "{}",
        c[0].summary
    );
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Customs officers found seven AK-47 rifles in the hold.",
        ),
        &ferry(
            "2022-09-14",
            "Customs officers found nine rifles in the hold.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn one_thing_counted_under_two_names_is_compared() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Pirates still hold about a dozen ships off the coast, the coast guard said.",
        ),
        &ferry(
            "2022-09-14",
            "Pirates still hold at least 14 vessels off the coast, the coast guard said.",
        ),
    );
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    assert!(c[0].summary.contains("about a dozen ships") && c[0].summary.contains("14 vessels"));
    // One number bounded from its two sides is a disagreement on which side the count lies.
    let cmp = two(
        &ferry(
            "2022-09-14",
            "Pirates still hold more than 300 crew members off the coast, the coast guard said.",
        ),
        &ferry(
            "2022-09-14",
            "Pirates still hold nearly 300 crewmen off the coast, the coast guard said.",
        ),
    );
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    assert!(c[0].summary.contains("more than 300 crew") && c[0].summary.contains("nearly 300"));
}

#[test]
fn money_of_a_deal_and_of_a_contract_is_one_figure() {
    let cmp = two(
        &ferry(
            "2022-09-14",
            "The ferry line signed an $82 million deal with Brannock shipyard for repairs.",
        ),
        &ferry(
            "2022-09-14",
            "The ferry line signed an $80 million contract with Brannock shipyard for repairs.",
        ),
    );
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    assert!(c[0].summary.contains("$82 million") && c[0].summary.contains("$80 million"));
}

#[test]
fn a_figure_of_another_time_does_not_contradict_todays() {
    let said = |s: &str| ferry("2022-09-14", s);
    let now = "Pirates still hold 12 ships off the coast of Somalia, according to the International Maritime Bureau.";
    let then = "Last year, pirates held 14 vessels off the coast of Somalia, according to the International Maritime Bureau.";
    // Aligned or not, "last year" puts the 14 at another time.
    let cmp = two(&said(now), &said(then));
    assert!(
        conflicts(&cmp, FactKind::Quantity).is_empty(),
        "{:#?}",
        cmp.findings
    );
    let findings = unaligned(two(&said(now), &said(then)));
    assert!(
        !findings.iter().any(|f| f.status == FindingStatus::Conflict),
        "{findings:#?}"
    );
    // The same words without "last year" are a conflict, aligned or not.
    let today = "Pirates now hold 14 vessels off the coast of Somalia, according to the International Maritime Bureau.";
    let findings = unaligned(two(&said(now), &said(today)));
    assert!(
        findings.iter().any(|f| f.status == FindingStatus::Conflict),
        "{findings:#?}"
    );
}

/// The moment a contest was stopped, timed two ways by two reports of it, is a conflict on the
/// clock (not a time of day, not a count of seconds); two goals of one game are two moments.
#[test]
fn two_times_of_one_stoppage_conflict_on_the_clock() {
    let bout = |when: &str| {
        format!(
            "Okafor retains his title in Lyon\n\
             Dele Okafor kept his middleweight title on Saturday night in Lyon.\n\
             Okafor dropped Marchetti with a left hook in the fifth round.\n\
             {when}\n\
             It was Okafor's ninth straight win.\n"
        )
    };
    let cmp = two(
        &bout(
            "The referee stopped the fight 44 seconds into the sixth round after Marchetti went down again.",
        ),
        &bout(
            "The referee stopped the fight at 2:15 of the sixth round after Marchetti went down again.",
        ),
    );
    let f = finding_with(&cmp, FactKind::Clock, "d1", "2:15");
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    assert_eq!(f.slot, "the time into round 6 when the contest was stopped");
    assert_eq!(
        mentioned(f),
        vec![
            ("d0".to_string(), "0:44 into round 6".to_string()),
            ("d1".to_string(), "2:15 into round 6".to_string())
        ]
    );
    // Neither is read as a time of day or a count of seconds.
    assert!(
        !cmp.findings
            .iter()
            .any(|f| matches!(f.kind, FactKind::Date | FactKind::Quantity)
                && f.mentions
                    .iter()
                    .any(|m| m.text.contains("2:15") || m.text.contains("44 seconds"))),
        "{:#?}",
        cmp.findings
    );
    // The same time, however written, agrees.
    let cmp = two(
        &bout(
            "The referee stopped the fight 44 seconds into the sixth round after Marchetti went down again.",
        ),
        &bout(
            "The referee stopped the fight at 0:44 of the sixth round after Marchetti went down again.",
        ),
    );
    let f = finding_with(&cmp, FactKind::Clock, "d1", "0:44");
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
    // Two goals of one game are two moments, and another round's stoppage another contest.
    let game = |line: &str| {
        format!(
            "Harbor Kings edge Rivermen\n\
             The Harbor Kings beat the Rivermen 2-1 on Friday.\n\
             {line}\n\
             The Kings have won four in a row.\n"
        )
    };
    let cmp = two(
        &game("Lindqvist scored at 4:12 of the second period."),
        &game("Lindqvist scored at 15:40 of the second period."),
    );
    assert!(
        conflicts(&cmp, FactKind::Clock).is_empty(),
        "{:#?}",
        cmp.findings
    );
    let cmp = two(
        &bout(
            "The referee stopped the fight at 2:15 of the sixth round after Marchetti went down again.",
        ),
        &bout(
            "In the undercard, the referee stopped Ruiz against Barros at 1:05 of the third round.",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Clock).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

/// A percentage is of what moved ("shares", not "plunged"), and "per cent" is "percent": two
/// reports of one market's fall that give two figures conflict, and one figure agrees.
#[test]
fn two_falls_of_one_market_conflict_whatever_the_verb_and_spelling() {
    let market = |line: &str| {
        format!(
            "Norvik markets shaken by port strike\n\
             Dockers walked out across Norvik on Wednesday, closing the three main ports.\n\
             {line}\n\
             The strike is to last two days.\n"
        )
    };
    let cmp = two(
        &market("Investors reacted with alarm as Norvik shares plunged 5.4 per cent."),
        &market("Investors reacted with alarm as Norvik shares closed down 3.9 percent."),
    );
    let f = finding_with(&cmp, FactKind::Quantity, "d1", "3.9 percent");
    assert_eq!(f.status, FindingStatus::Conflict, "{}", f.summary);
    assert!(f.slot.contains("share"), "{}", f.slot);
    let cmp = two(
        &market("Investors reacted with alarm as Norvik shares plunged 5.4 per cent."),
        &market("Investors reacted with alarm as Norvik shares closed down 5.4 percent."),
    );
    let f = finding_with(&cmp, FactKind::Quantity, "d1", "5.4 percent");
    assert_eq!(f.status, FindingStatus::Agree, "{}", f.summary);
}

/// A quote shown as a whole sentence that ends where the speaker's sentence goes on has lost
/// words with no mark to say so; a quote that ends the writer's own sentence has not.
#[test]
fn a_quote_ended_where_the_speaker_goes_on_is_altered() {
    let full = "\"Because the harbor comes first, every ferry will once again have to stop at Brannock before dusk,\" the mayor said.";
    let cmp = two(
        &ferry("2022-09-14", full),
        &ferry(
            "2022-09-14",
            "The mayor was firm.\n\n\"Every ferry will once again have to stop at Brannock.\"",
        ),
    );
    let f = conflicts(&cmp, FactKind::Quote);
    assert_eq!(f.len(), 1, "{:#?}", cmp.findings);
    assert!(
        f[0].summary.contains("stop at brannock before dusk")
            || f[0].summary.contains("stop at Brannock before dusk"),
        "{}",
        f[0].summary
    );
    let cmp = two(
        &ferry("2022-09-14", full),
        &ferry(
            "2022-09-14",
            "The mayor said every ferry \"will once again have to stop at Brannock.\"",
        ),
    );
    assert!(
        conflicts(&cmp, FactKind::Quote).is_empty(),
        "{:#?}",
        cmp.findings
    );
}

#[test]
fn a_quotation_of_several_paragraphs_in_one_source_is_one_finding() {
    let a = "The mayor spoke after the vote on the harbor budget.\n\
             “We have waited long enough for this budget, and the workers know it.\n\
             “The other thing is the ferry, which will run again in spring,” Mayor Ana Ruiz said.\n\
             The council meets again next week.";
    let b = "The harbor budget passed on a close vote after a long debate.";
    let cmp = two(a, b);
    let quotes: Vec<&Finding> = cmp
        .findings
        .iter()
        .filter(|f| f.kind == FactKind::Quote)
        .collect();
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    let f = quotes[0];
    assert_eq!(f.status, FindingStatus::SingleSource);
    assert_eq!(f.mentions.len(), 2, "{f:#?}");
    assert!(
        f.summary.contains("a quotation of 2 paragraphs"),
        "{}",
        f.summary
    );
}

#[test]
fn a_title_conflict_sets_two_ranks_against_each_other_and_names_the_post_beside() {
    let cmp = two(
        &ferry(
            "2021-05-03",
            "Navy spokesman Commander Ivo Marsh said the crew of the ferry was safe.",
        ),
        &ferry(
            "2021-05-03",
            "Commodore Ivo Marsh said the crew of the ferry was safe and unhurt.",
        ),
    );
    let found = conflicts(&cmp, FactKind::Title);
    assert_eq!(found.len(), 1, "{found:#?}");
    let summary = &found[0].summary;
    assert!(
        summary.starts_with("Ivo Marsh's title differs: commander (")
            && summary.contains(" vs commodore (")
            && summary.contains("; also called navy spokesperson ("),
        "{summary}"
    );
}

#[test]
fn the_figures_one_source_alone_gives_in_one_passage_are_one_finding() {
    let a = "The coach was fired on Monday after a poor season.\n\n\
             In his career he averaged 14.4 points, 6.9 assists and 3.4 rebounds a game.\n\n\
             The team will name a new coach next week.";
    let b = "The coach was fired on Monday after a poor season, the team said.";
    let cmp = two(a, b);
    let lists: Vec<&Finding> = cmp
        .findings
        .iter()
        .filter(|f| f.kind == FactKind::Quantity && f.status == FindingStatus::SingleSource)
        .collect();
    assert_eq!(lists.len(), 1, "{lists:#?}");
    let f = lists[0];
    assert_eq!(f.mentions.len(), 3, "{f:#?}");
    assert!(
        f.summary.contains("states 3 figures in one passage")
            && f.summary.contains("number of points: “14.4 points”")
            && f.summary.contains("“3.4 rebounds”"),
        "{}",
        f.summary
    );
}

#[test]
fn a_title_conflict_names_only_the_titles_that_clash() {
    let cmp = two(
        &ferry(
            "2021-05-03",
            "Representative Ivo Marsh said the crew of the ferry was safe.\n\n\
             The committee chairman Ivo Marsh thanked the volunteers of Kessel Island.",
        ),
        &ferry(
            "2021-05-03",
            "Senator Ivo Marsh said the crew of the ferry was safe and unhurt.",
        ),
    );
    let found = conflicts(&cmp, FactKind::Title);
    assert_eq!(found.len(), 1, "{found:#?}");
    let summary = &found[0].summary;
    // A chairman may sit as a representative: only the two seats clash.
    assert!(
        summary.contains("representative (")
            && summary.contains(" vs senator (")
            && summary.contains("; also called committee chairman ("),
        "{summary}"
    );
}

/// Three reports of a pier fire (two tugboats in two, three in the third) and two of a
/// freighter refloated elsewhere by three tugboats: two stories.
fn fire_and_freighter() -> Comparison {
    compare_texts(
        &[
            ("fire_a.txt", include_str!("fixtures/facts/fire_a.txt")),
            ("fire_b.txt", include_str!("fixtures/facts/fire_b.txt")),
            ("fire_c.txt", include_str!("fixtures/facts/fire_c.txt")),
            ("ship_a.txt", include_str!("fixtures/facts/ship_a.txt")),
            ("ship_b.txt", include_str!("fixtures/facts/ship_b.txt")),
        ],
        &Options::default(),
    )
}

#[test]
fn a_figure_another_story_happens_to_share_takes_no_side_in_this_storys_conflict() {
    let cmp = fire_and_freighter();
    let story = |doc: &str| cmp.documents.iter().find(|d| d.id == doc).map(|d| d.story);
    assert_ne!(story("d0"), story("d3"), "two events, two stories");
    let fire = finding_with(&cmp, FactKind::Quantity, "d2", "three tugboats");
    assert_eq!(fire.status, FindingStatus::Conflict, "{}", fire.summary);
    let docs: Vec<&str> = fire.mentions.iter().map(|m| m.document.as_str()).collect();
    assert_eq!(docs, ["d0", "d1", "d2"], "{}", fire.summary);
    assert!(!fire.summary.contains("Valparaiso"), "{}", fire.summary);
    // The freighter's tugboats are a finding of their own story.
    let ship = finding_with(&cmp, FactKind::Quantity, "d3", "Three tugboats");
    assert_eq!(ship.status, FindingStatus::Agree, "{}", ship.summary);
    assert!(
        ship.mentions
            .iter()
            .all(|m| m.document == "d3" || m.document == "d4"),
        "{}",
        ship.summary
    );
}

/// The ferry story with the mayor saying `words`.
fn mayor_said(words: &str) -> String {
    ferry("2022-09-14", &format!("\"{words},\" Mayor Dana Holt said."))
}

/// The words an altered quote differs in are shown as each source writes them, capitals and
/// apostrophes kept.
#[test]
fn an_altered_quote_shows_its_words_as_written() {
    let cmp = two(
        &mayor_said("I'm grateful to Captain Ruiz and her crew for their courage"),
        &mayor_said("I am grateful to Captain Ruiz and the crew for their courage"),
    );
    let quotes = conflicts(&cmp, FactKind::Quote);
    let [altered] = quotes.as_slice() else {
        panic!("not one altered quote: {quotes:?}");
    };
    assert!(
        altered.summary.contains("“I'm grateful”") && altered.summary.contains("“I am grateful”"),
        "{}",
        altered.summary
    );
}

/// The one altered quote of the mayor's three versions (`full`, then two others), which all
/// three sources are cited in.
fn one_alteration_of_three(full: &str, a: &str, b: &str) -> Finding {
    let cmp = compare_texts(
        &[
            ("full.txt", &mayor_said(full)),
            ("a.txt", &mayor_said(a)),
            ("b.txt", &mayor_said(b)),
        ],
        &Options::default(),
    );
    let quotes = conflicts(&cmp, FactKind::Quote);
    let [altered] = quotes.as_slice() else {
        panic!("not one altered quote: {quotes:#?}");
    };
    let mut docs: Vec<&str> = altered
        .mentions
        .iter()
        .map(|m| m.document.as_str())
        .collect();
    docs.sort_unstable();
    assert_eq!(docs, ["d0", "d1", "d2"], "{}", altered.summary);
    (*altered).clone()
}

/// Two sources that alter a quotation alike, one quoting more of it than the other, make one
/// finding: the same words for the same words.
#[test]
fn one_alteration_quoted_at_two_lengths_is_one_finding() {
    let altered = one_alteration_of_three(
        "We will rebuild the harbor, and we will do it together with every family",
        "We will rebuild the harbor, and we will do it with every family",
        "And we will do it with every family",
    );
    assert!(
        altered.summary.contains("“do it with” where")
            && altered.summary.contains("has “do it together with”"),
        "{}",
        altered.summary
    );
}

/// One alteration typed with a curly apostrophe in one source and a straight one in another is
/// still one finding.
#[test]
fn one_alteration_typed_with_two_apostrophes_is_one_finding() {
    one_alteration_of_three(
        "I am sure we will rebuild the harbor with every family",
        "I\u{2019}m sure we will rebuild the harbor with every family",
        "I'm sure we will rebuild the harbor",
    );
}

/// Six reports of the ferry story: five with `five` in the middle, the sixth with `one`.
fn five_and_one(five: &str, one: &str) -> Comparison {
    let (five, one) = (ferry("2022-09-14", five), ferry("2022-09-14", one));
    let names: Vec<String> = (1..=6).map(|i| format!("report{i}.txt")).collect();
    let texts: Vec<(&str, &str)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), if i < 5 { five.as_str() } else { one.as_str() }))
        .collect();
    compare_texts(&texts, &Options::default())
}

#[test]
fn a_summary_gives_many_sources_by_number() {
    let cmp = five_and_one(
        "Officers searching the ferry found six rifles hidden in the hold.",
        "Officers searching the ferry found 14 rifles hidden in the hold.",
    );
    let c = conflicts(&cmp, FactKind::Quantity);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    // Five sources by number, one by its title: the line stays short with many sources.
    let s = &c[0].summary;
    assert!(
        s.contains("“six rifles” (5 sources: #1, #2, #3, #4, #5)")
            && s.contains("“14 rifles” (Ferry Runs Aground Off Kessel… (#6))"),
        "{s}"
    );
}

#[test]
fn a_date_conflict_gives_many_sources_by_number() {
    let said =
        |day: &str| format!("The coast guard said the ferry ran aground on September {day}, 2022.");
    let cmp = five_and_one(&said("12"), &said("13"));
    let c = conflicts(&cmp, FactKind::Date);
    assert_eq!(c.len(), 1, "{:#?}", cmp.findings);
    let s = &c[0].summary;
    assert!(
        s.contains("2022-09-12 (5 sources: #1, #2, #3, #4, #5)")
            && s.contains("2022-09-13 (Ferry Runs Aground Off Kessel… (#6) “"),
        "{s}"
    );
}

/// A size told before its noun ("a 10-metre dhow", "a 28- to 30-foot dhow") is compared in
/// metres whatever unit a source measures in: a conversion rounded as sources round it agrees,
/// and figures in one unit are weighed as stated. Two sizes that differ are never a conflict:
/// sizes of things of one kind are most often of two of them (the old pier and the new, a
/// tower and the one it surpasses). A height is no length, and a race named by its distance
/// has no size.
#[test]
fn sizes_in_feet_and_metres_are_compared_in_metres() {
    let said = |size: &str| {
        ferry(
            "2022-09-12",
            &format!("Officers searching the ferry found {size} tied alongside its hull."),
        )
    };
    for (a, b) in [
        ("a 10-metre dinghy", "a 33-foot dinghy"),
        ("a 10-metre dinghy", "a 30-foot dinghy"),
        ("the 10-metre-long dinghy", "a 33-foot-long dinghy"),
        ("a 3-mile dinghy", "a 5-km dinghy"),
    ] {
        let cmp = two(&said(a), &said(b));
        assert!(
            cmp.findings.iter().any(|f| f.status == FindingStatus::Agree
                && f.summary.contains("of dinghy agrees")),
            "{a} / {b}: {:#?}",
            cmp.findings
        );
    }
    for (a, b) in [
        // Sizes that differ: in two units, in one unit within a conversion's slack.
        ("an 11-metre dinghy", "a 28- to 30-foot dinghy"),
        ("a 50-foot dinghy", "a 54-foot dinghy"),
        ("a 12-metre dinghy", "a 20-metre dinghy"),
        // A height and a length of one thing, a size with no dimension and a length.
        ("a 30-foot-high dinghy", "a 30-foot dinghy"),
        ("a 10-foot dinghy", "a 10-foot-long dinghy"),
        // Two races.
        (
            "the winner of the 100-metre sprint",
            "the winner of the 200-metre sprint",
        ),
    ] {
        let cmp = two(&said(a), &said(b));
        assert!(
            !cmp.findings.iter().any(|f| f.kind == FactKind::Quantity
                && matches!(f.status, FindingStatus::Conflict | FindingStatus::Agree)),
            "{a} / {b}: {:#?}",
            cmp.findings
        );
    }
    let cmp = two(&said("a 28- to 30-foot dinghy"), &said("a 9-metre dinghy"));
    assert!(
        cmp.findings
            .iter()
            .any(|f| f.summary.contains("“28- to 30-foot dinghy”")
                && f.mentions
                    .iter()
                    .any(|m| m.value == "28-30 foot ≈ 8.5344-9.144 meter")),
        "{:#?}",
        cmp.findings
    );
}

/// Asserts that each pair of sentences, told in the ferry story of one day by two sources,
/// makes no conflict of figures.
fn no_figure_conflict(pairs: &[(&str, &str)]) {
    for (a, b) in pairs {
        let cmp = two(&ferry("2022-09-12", a), &ferry("2022-09-12", b));
        assert!(
            conflicts(&cmp, FactKind::Quantity).is_empty(),
            "{a} / {b}: {:#?}",
            cmp.findings
        );
    }
}

/// Asserts that each pair of sentences, told in the ferry story of one day by two sources,
/// makes one conflict of figures naming both `words`.
fn figure_conflicts(cases: &[(&str, &str, [&str; 2])]) {
    for (a, b, words) in cases {
        let cmp = two(&ferry("2022-09-12", a), &ferry("2022-09-12", b));
        the_conflict(&cmp.findings, FactKind::Quantity, words);
    }
}

/// A figure told as a design or a plan ("had planned to hire 40", "was to have carried 400")
/// is not set against the figure told as done; words of a cause or of the future that say
/// nothing of a plan ("due to", "will release the names of") leave a conflict shown.
#[test]
fn a_planned_figure_is_no_conflict_with_the_figure_done() {
    figure_conflicts(&[
        (
            "The operator hired 40 deckhands for the ferry this season.",
            "The operator hired 25 deckhands for the ferry this season.",
            ["40 deckhands", "25 deckhands"],
        ),
        (
            "Officials said they will release the names of 12 suspects arrested on the ferry.",
            "Officials said they arrested 15 suspects on the ferry.",
            ["12 suspects", "15 suspects"],
        ),
    ]);
    no_figure_conflict(&[
        (
            "The operator had planned to hire 40 deckhands for the ferry this season.",
            "The operator hired 25 deckhands for the ferry this season.",
        ),
        (
            "The ferry was to have carried 400 passengers on the crossing.",
            "The ferry carried 250 passengers on the crossing.",
        ),
    ]);
}

/// A span of time to a later happening beside a count ("returned 40 minutes later") is no
/// second figure of the thing counted: the counts of two sources still conflict. A span that
/// may date the count itself ("still inside 40 minutes after the alarm"), or a second number
/// that may be a figure of it ("up from 150"), still keeps them apart.
#[test]
fn a_span_of_time_beside_a_count_leaves_the_count_compared() {
    let said = |sentence: &str| ferry("2022-09-12", sentence);
    let cmp = two(
        &said("The ferry left with 214 passengers on board but returned to port 40 minutes later."),
        &said("The ferry left with 186 passengers on board but returned to port 40 minutes later."),
    );
    the_conflict(
        &cmp.findings,
        FactKind::Quantity,
        &["214 passengers", "186 passengers"],
    );
    no_figure_conflict(&[
        (
            "The ferry left with 214 passengers on board, up from 150 a week earlier.",
            "The ferry left with 186 passengers on board, up from 150 a week earlier.",
        ),
        (
            "Police said 120 passengers were still on the ferry 40 minutes after the alarm.",
            "Police said 300 passengers were on the ferry when the alarm was raised.",
        ),
    ]);
}

/// A count told at a moment ("remained trapped after 48 hours", "hurt in the first hour") is
/// no conflict with a count told with no moment: the count may have changed over the day. Two
/// counts told at a moment still conflict, and so do a state told with "still" and "the remains
/// of" (a noun).
#[test]
fn a_count_at_a_moment_is_no_conflict_with_a_count_at_none() {
    no_figure_conflict(&[
        (
            "After 48 hours, 15 crew members remained trapped in the hold, officials said.",
            "Officials said 20 crew members were trapped in the hold.",
        ),
        (
            "Medics said 30 passengers were hurt in the first hour of the evacuation.",
            "Medics said 45 passengers were hurt in the evacuation.",
        ),
    ]);
    figure_conflicts(&[
        (
            "After 48 hours, 15 crew members remained trapped in the hold, officials said.",
            "After 48 hours, 20 crew members remained trapped in the hold, officials said.",
            ["15 crew members", "20 crew members"],
        ),
        (
            "Officials said 15 crew members are still trapped in the hold.",
            "Officials said 20 crew members are trapped in the hold.",
            ["15 crew members", "20 crew members"],
        ),
        (
            "Divers recovered the remains of 11 crew members from the hold, officials said.",
            "Divers recovered the bodies of 16 crew members from the hold, officials said.",
            ["11 crew members", "16 crew members"],
        ),
    ]);
}
