//! How long fact extraction takes on the four sample articles (every non-boilerplate sentence,
//! dates resolved against each dateline), and how long comparing the facts of the finished
//! comparison takes: on the seeds, and on generated sets of 200 and 1,000 articles (the same
//! generator as `benches/compare.rs`: real sentences, heavily duplicated, as wire copy is).

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

/// The generator of `benches/compare.rs`: `n` articles of ~600 words drawn deterministically from
/// the sentences of the bundled fixtures, in stories of 8 that share a name and a year.
fn generated(n: usize) -> Vec<(String, String)> {
    let mut pool: Vec<String> = Vec::new();
    for dir in ["seeds", "invented"] {
        let dir = format!("{}/tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap_or_default();
            for s in segment::segment(&text).sentences {
                let t = &text[s.span.start..s.span.end];
                if s.boilerplate.is_none() && t.split_whitespace().count() >= 8 {
                    pool.push(t.to_string());
                }
            }
        }
    }
    let names = [
        "Alder", "Brook", "Corran", "Dunmore", "Ellis", "Farrow", "Garnet", "Hale",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|i| {
            let story = i / 8;
            let name = names[story % names.len()];
            let year = 1990 + (story % 30);
            let mut words = 0;
            let mut body = String::new();
            while words < 600 && !pool.is_empty() {
                let s = &pool[(next() as usize + story * 7) % pool.len()];
                let s = s
                    .replace("ZTE", &format!("{name}Tel"))
                    .replace("2018", &year.to_string())
                    .replace("Trump", name);
                words += s.split_whitespace().count();
                body.push_str(&s);
                body.push_str(if next() % 4 == 0 { "\n\n" } else { " " });
            }
            (format!("gen_{i:04}.txt"), body)
        })
        .collect()
}
