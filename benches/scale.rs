//! How the cost of a compare grows with the number of articles: the command line, run as a user
//! runs it (`crosscheck report --format json`), on sets of distinct generated articles made from
//! the development set's real reports with names and numbers varied ([`common::varied`]). Prints,
//! per size, the wall time, the processor time (user + system; its ratio to the wall time says how
//! busy the two cores were) and the peak memory.
//!
//! Not run in CI (10,000 articles take minutes). Run on demand:
//!
//! ```text
//! cargo bench --bench scale                    # 1,000 and 10,000 articles
//! SCALE_SIZES=1000,2000,5000 cargo bench --bench scale
//! SCALE_DUMP=5000:/tmp/v5000 cargo bench --bench scale   # only writes the set, to profile
//! ```

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use nix::sys::resource::{UsageWho, getrusage};

const CLI: &str = env!("CARGO_BIN_EXE_crosscheck");

fn main() -> ExitCode {
    // The measuring child: runs the command line once on the set in this folder, and prints
    // one line of figures (its own children's usage is the command line's alone).
    if let Ok(dir) = std::env::var("SCALE_MEASURE") {
        return measure(Path::new(&dir));
    }
    if let Some((n, dir)) = std::env::var("SCALE_DUMP").ok().and_then(|v| {
        Some((
            v.split_once(':')?.0.parse().ok()?,
            v.split_once(':')?.1.to_string(),
        ))
    }) {
        return match write_set(n, Path::new(&dir)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}: {dir}");
                ExitCode::FAILURE
            }
        };
    }
    let sizes: Vec<usize> = std::env::var("SCALE_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let me = std::env::current_exe().expect("the bench knows its own path");
    println!("articles      wall     cpu   cpu/wall   peak memory");
    for n in sizes {
        let dir = set_of(n);
        let status = Command::new(&me)
            .env("SCALE_MEASURE", &dir)
            .env_remove("SCALE_SIZES")
            .status();
        let _ = std::fs::remove_dir_all(&dir);
        match status {
            Ok(s) if s.success() => {}
            other => {
                eprintln!("error: measuring {n} articles failed: {other:?}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// Writes the `n` generated articles into a fresh folder and returns it.
fn set_of(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("crosscheck-scale-{n}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    write_set(n, &dir).expect("writes the generated articles into a temporary folder");
    dir
}

fn write_set(n: usize, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in common::varied(n) {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn measure(dir: &Path) -> ExitCode {
    let n = std::fs::read_dir(dir).map(|rd| rd.count()).unwrap_or(0);
    let started = Instant::now();
    let status = Command::new(CLI)
        .args(["report", "--format", "json", "-o"])
        .arg(std::env::temp_dir().join(format!("crosscheck-scale-{}.json", std::process::id())))
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null()) // warnings of look-alike stories, a line each
        .status();
    let wall = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(
        std::env::temp_dir().join(format!("crosscheck-scale-{}.json", std::process::id())),
    );
    if !matches!(status, Ok(s) if s.success()) {
        eprintln!("error: crosscheck report failed on {n} articles: {status:?}");
        return ExitCode::FAILURE;
    }
    let Ok(usage) = getrusage(UsageWho::RUSAGE_CHILDREN) else {
        eprintln!("error: no resource usage");
        return ExitCode::FAILURE;
    };
    let secs = |t: nix::sys::time::TimeVal| t.tv_sec() as f64 + t.tv_usec() as f64 / 1e6;
    let cpu = secs(usage.user_time()) + secs(usage.system_time());
    // Linux gives the peak resident size in KiB.
    let peak_gb = usage.max_rss() as f64 * 1024.0 / 1e9;
    println!(
        "{n:>8} {wall:>8.1} s {cpu:>6.1} s {:>8.2} {peak_gb:>10.2} GB",
        cpu / wall
    );
    ExitCode::SUCCESS
}
