//! Generated article sets for the benchmarks, shared by the bench targets.
#![allow(dead_code)]

use crosscheck::segment;

/// `n` articles of ~600 words drawn deterministically from the sentences of the bundled fixtures
/// (seeds and invented), with its own names and numbers swapped in, in stories of 8 that share a
/// name and a year. The pool is small: at 1,000 articles each sentence recurs ~170 times.
pub fn generated(n: usize) -> Vec<(String, String)> {
    let pool: Vec<String> = ["seeds", "invented"]
        .iter()
        .flat_map(|dir| {
            sentences_in(
                &format!("{}/tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR")),
                8,
            )
        })
        .collect();
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

/// Where the development set's reports are (read-only, beside the repository).
const DEVSET: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/devset/ecbplus");

/// `n` distinct real-looking articles: the development set's real reports (ECB+: twenty sets of
/// many outlets telling one event), each copied into as many "worlds" as it takes, where every
/// name (a capitalized word that is never written in lower case, wherever it stands) and every
/// number has its own value, the same in all reports of that world. So a world's reports tell
/// its stories coherently, and the worlds' stories look alike (the same words around other
/// names, numbers and years), the way a large folder of coverage does. Falls back to the
/// fixtures' [`generated`] set when the development set is not there.
pub fn varied(n: usize) -> Vec<(String, String)> {
    let mut reports: Vec<String> = Vec::new();
    let mut topics: Vec<_> = std::fs::read_dir(DEVSET)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    topics.sort();
    for topic in topics {
        for event in ["ecb", "ecbplus"] {
            reports.extend(texts_in(&topic.join(event).display().to_string()));
        }
    }
    if reports.is_empty() {
        return generated(n);
    }
    let names = names_in(&reports);
    (0..n)
        .map(|i| {
            let world = (i / reports.len()) as u64;
            (
                format!("world{world:03}_{:04}.txt", i % reports.len()),
                in_world(&reports[i % reports.len()], world, &names),
            )
        })
        .collect()
}

/// The pieces of a text: runs of letters, runs of digits, and single other characters.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let c = rest.chars().next()?;
        let kind = |ch: char| (ch.is_ascii_digit(), ch.is_alphabetic());
        let len = rest
            .find(|ch: char| kind(ch) != kind(c) || !ch.is_alphanumeric())
            .unwrap_or(rest.len())
            .max(c.len_utf8());
        let (piece, after) = rest.split_at(len);
        rest = after;
        Some(piece)
    })
}

/// The names of the texts: capitalized words ("Reid", "DeGeneres", not "REID" or "The") that
/// are never written in lower case.
fn names_in(texts: &[String]) -> std::collections::HashSet<String> {
    let mut capitalized = std::collections::HashSet::new();
    let mut lower = std::collections::HashSet::new();
    for piece in texts.iter().flat_map(|t| pieces(t)) {
        let mut chars = piece.chars();
        match chars.next() {
            Some(c) if c.is_uppercase() && piece.len() > 2 && chars.any(char::is_lowercase) => {
                capitalized.insert(piece.to_string());
            }
            Some(c) if c.is_lowercase() => {
                lower.insert(piece.to_string());
            }
            _ => {}
        }
    }
    capitalized
        .into_iter()
        .filter(|w| !lower.contains(&w.to_lowercase()))
        .collect()
}

/// `text` with its names and numbers as world `world` has them (world 0 keeps the text).
fn in_world(text: &str, world: u64, names: &std::collections::HashSet<String>) -> String {
    if world == 0 {
        return text.to_string();
    }
    pieces(text)
        .map(|piece| {
            if piece.starts_with(|c: char| c.is_ascii_digit()) {
                other_number(piece, world)
            } else if names.contains(piece) {
                other_name(piece, world)
            } else {
                piece.to_string()
            }
        })
        .collect()
}

/// A number of as many digits as `digits`, moved by the world (years stay years).
fn other_number(digits: &str, world: u64) -> String {
    let Ok(value) = digits.parse::<u64>() else {
        return digits.to_string();
    };
    let width = digits.len() as u32;
    let span = 10u64.pow(width.min(18));
    let moved = if width == 4 && (1900..2100).contains(&value) {
        1900 + (value - 1900 + world * 3) % 200
    } else {
        (value + world * 7) % span
    };
    format!("{moved:0width$}", width = digits.len())
}

/// A made-up name for `name` in `world`, from a few syllables.
fn other_name(name: &str, world: u64) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mer", "dan", "vi", "tor", "sel", "ru", "ben", "ha", "ni", "gor", "pa", "lin",
        "es", "mo",
    ];
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ world.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for b in name.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    let mut out = String::new();
    for k in 0..2 + (h % 2) {
        out.push_str(SYLLABLES[((h >> (8 * k + 4)) % 16) as usize]);
    }
    let mut chars = out.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or(out)
}

/// The sentences of the files in `dir` (in name order) of `min_words` words or more, boilerplate
/// left out.
pub fn sentences_in(dir: &str, min_words: usize) -> Vec<String> {
    let mut pool = Vec::new();
    for text in texts_in(dir) {
        for s in segment::segment(&text).sentences {
            let t = &text[s.span.start..s.span.end];
            if s.boilerplate.is_none() && t.split_whitespace().count() >= min_words {
                pool.push(t.to_string());
            }
        }
    }
    pool
}

/// The files in `dir`, in name order, as (path, text).
pub fn files_in(dir: &str) -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

/// The texts of the files in `dir`, in name order.
fn texts_in(dir: &str) -> Vec<String> {
    files_in(dir).into_iter().map(|(_, text)| text).collect()
}
