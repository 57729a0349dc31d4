//! Speed of the whole compare: the seed articles end to end, and generated sets of 200 and 1,000
//! articles of about 600 words that reuse real sentences (so the aligner has real work), plus the
//! word diff of two long paragraphs and report writing.
//!
//! Run with `cargo bench --bench compare`.

mod common;

use std::time::Duration;

use common::generated;

use crosscheck::{Options, compare_texts, diff, report};

fn main() {
    // `DUMP_GENERATED=1000:/tmp/gen cargo bench --bench compare` writes the generated articles as
    // files (to measure the command line, e.g. its peak memory) instead of benchmarking.
    if let Some((n, dir)) = std::env::var("DUMP_GENERATED").ok().and_then(|v| {
        v.split_once(':')
            .map(|(n, d)| (n.to_string(), d.to_string()))
    }) {
        let n = n.parse().unwrap_or(1000);
        if let Err(e) = dump(n, std::path::Path::new(&dir)) {
            eprintln!("error: {e}: {dir}");
            std::process::exit(1);
        }
        return;
    }
    divan::main();
}

fn dump(n: usize, dir: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in generated(n) {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn seeds() -> Vec<(String, String)> {
    common::files_in(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeds"))
}

fn run(texts: &[(String, String)]) -> crosscheck::Comparison {
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    compare_texts(&refs, &Options::default())
}

#[divan::bench]
fn seeds_end_to_end(bencher: divan::Bencher) {
    let texts = seeds();
    bencher.bench(|| run(divan::black_box(&texts)));
}

#[divan::bench(args = [200, 1000], sample_count = 3, sample_size = 1)]
fn generated_articles(bencher: divan::Bencher, n: usize) {
    let texts = generated(n);
    bencher.bench(|| run(divan::black_box(&texts)));
}

#[divan::bench(sample_count = 5)]
fn word_diff_two_50k_paragraphs(bencher: divan::Bencher) {
    let pool = seeds()
        .into_iter()
        .map(|x| x.1)
        .collect::<Vec<_>>()
        .join(" ");
    let words: Vec<&str> = pool.split_whitespace().collect();
    let a: String = words
        .iter()
        .cycle()
        .take(8_500)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let b: String = words
        .iter()
        .cycle()
        .skip(3)
        .step_by(1)
        .take(8_500)
        .enumerate()
        .map(|(i, w)| if i % 11 == 0 { "changed" } else { *w })
        .collect::<Vec<_>>()
        .join(" ");
    let (a, b) = (&a[..a.len().min(50_000)], &b[..b.len().min(50_000)]);
    bencher.bench(|| diff::word_diff("p", a, b, Duration::from_millis(200)));
}

#[divan::bench]
fn json_report_of_seeds(bencher: divan::Bencher) {
    let cmp = run(&seeds());
    bencher.bench(|| report::json(divan::black_box(&cmp)));
}

/// Hostile inputs of 1 MB (docs/bad-input.md): a page nested 150,000 spans deep, a paragraph of
/// unclosed opening quotes, a paragraph of 125,000 dates. Each was minutes or a crash before the
/// bounds of issue #12; the figures show the bounds hold in linear time.
#[divan::bench(args = ["nested spans", "unclosed quotes", "repeated dates"], sample_count = 3, sample_size = 1)]
fn hostile_input(bencher: divan::Bencher, kind: &str) {
    let (name, bytes) = match kind {
        "nested spans" => (
            "deep.html",
            format!(
                "<html><body>{}<p>The bridge reopened.</p></body></html>",
                "<span>".repeat(150_000)
            ),
        ),
        "unclosed quotes" => (
            "quotes.txt",
            format!("Quotes\n\n{}\n", "“a ".repeat(250_000)),
        ),
        _ => (
            "dates.txt",
            format!("Dates\n\n{}\n", "May 13, ".repeat(125_000)),
        ),
    };
    let texts = [(name, bytes.as_str())];
    bencher.bench(|| compare_texts(divan::black_box(&texts), &Options::default()));
}
