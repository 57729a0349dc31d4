//! How long fact extraction takes on the four sample articles (every non-boilerplate sentence,
//! dates resolved against each dateline), and how long comparing the facts of the finished
//! comparison takes: on the seeds, and on generated sets of 200 and 1,000 articles (the same
//! generator as `benches/compare.rs`: real sentences, heavily duplicated, as wire copy is).

mod common;

use common::generated;
use crosscheck::{Comparison, Options, compare_texts, facts, load, segment};

fn main() {
    divan::main();
}

const SEEDS: [(&str, &str); 4] = [
    (
        "000.txt",
        include_str!("../tests/fixtures/seeds/000_4cf5dc53a0aa51c5.txt"),
    ),
    (
        "001.txt",
        include_str!("../tests/fixtures/seeds/001_3c29cc234ac8d0be.txt"),
    ),
    (
        "002.txt",
        include_str!("../tests/fixtures/seeds/002_ee265cb217250f5d.txt"),
    ),
    (
        "003.txt",
        include_str!("../tests/fixtures/seeds/003_708cebb27324f0d4.txt"),
    ),
];

/// Extraction of all facts of the four seeds.
#[divan::bench]
fn extract_seeds(bencher: divan::Bencher) {
    let docs: Vec<(String, Option<chrono::NaiveDate>, Vec<segment::Sentence>)> = SEEDS
        .iter()
        .filter_map(|(name, text)| load::load_bytes(name, text.as_bytes()).ok())
        .map(|l| {
            let seg = segment::segment(&l.text);
            (l.text, l.dateline.map(|d| d.0), seg.sentences)
        })
        .collect();
    bencher.bench(|| {
        let mut n = 0;
        for (text, dateline, sentences) in &docs {
            for s in sentences.iter().filter(|s| s.boilerplate.is_none()) {
                n += facts::extract(text, s.span, *dateline).len();
            }
        }
        divan::black_box(n)
    });
}

/// Comparing the facts of the seeds' comparison into findings.
#[divan::bench]
fn compare_seed_facts(bencher: divan::Bencher) {
    let cmp = compare_texts(&SEEDS, &Options::default());
    bencher.bench(|| divan::black_box(facts::compare(&cmp).len()));
}

/// Comparing the facts of a generated set's comparison (aligned once, outside the timing).
#[divan::bench(args = [200, 1000], sample_count = 3, sample_size = 1)]
fn compare_generated_facts(bencher: divan::Bencher, n: usize) {
    let texts = generated(n);
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let cmp: Comparison = compare_texts(&refs, &Options::default());
    bencher.bench(|| divan::black_box(facts::compare(&cmp).len()));
}
