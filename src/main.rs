//! Command line: `crosscheck report …` writes a report; `crosscheck [FILE…]` opens the app.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use clap::{Parser, Subcommand};

use crosscheck::report::{self, Format};
use crosscheck::session;
use crosscheck::{Compared, Input, Options, Source, dates};

/// Prints `error: …` on standard error, with control characters of file names made visible so
/// that a name cannot start a line of its own.
macro_rules! error {
    ($($arg:tt)*) => {
        eprintln!("error: {}", crosscheck::report::visible(&format!($($arg)*)))
    };
}

/// Prints `warning: …` on standard error, as [`error!`] does.
macro_rules! warning {
    ($($arg:tt)*) => {
        eprintln!("warning: {}", crosscheck::report::visible(&format!($($arg)*)))
    };
}

/// Prints `note: …` on standard error, as [`error!`] does.
macro_rules! note {
    ($($arg:tt)*) => {
        eprintln!("note: {}", crosscheck::report::visible(&format!($($arg)*)))
    };
}

/// The program's exit codes (0 is success).
mod exit {
    /// Processing failed (a report or comparison file could not be written).
    pub const FAILED: u8 = 1;
    /// Bad arguments, an output that cannot be written (checked before the compare), or a
    /// source that could not be read (the others are still compared and reported).
    pub const USAGE: u8 = 2;
    /// Stopped by Ctrl+C or `kill`.
    pub const STOPPED: u8 = 130;
}

#[derive(Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "Compare news articles about one story: aligned passages, word differences, facts.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Articles to open in the app (text, Markdown, web pages, MHTML, Word, OpenDocument, PDF),
    /// or one saved comparison (.crosscheck).
    files: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Compare articles and write a report.
    Report(ReportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) to standard output.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output: `crosscheck manpage > crosscheck.1`.
    Manpage,
    /// For developers (`scripts/readability.sh`): compare the sources and print how many aligned
    /// passages have difference marks on more than half their words, word diff everywhere and
    /// as shown (paraphrases by their shared words).
    #[command(hide = true)]
    Readability {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(clap::Args)]
struct ReportArgs {
    /// Report format; by default taken from the extension of -o, else json.
    #[arg(long, value_parser = ["json", "md", "html"])]
    format: Option<String>,
    /// Where to write the report; `-` (the default) is standard output.
    #[arg(short, long, default_value = "-")]
    output: String,
    /// Set a file's dateline (publication date): FILE=YYYY-MM-DD. Repeatable.
    #[arg(long = "date", value_name = "FILE=YYYY-MM-DD")]
    dates: Vec<String>,
    /// Largest source file accepted, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = crosscheck::load::DEFAULT_MAX_FILE_BYTES / 1_000_000)]
    max_file_size: u64,
    /// Longest time allowed for fetching one link, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = crosscheck::fetch::DEFAULT_FETCH_TIMEOUT.as_secs())]
    fetch_timeout: u64,
    /// Also save the comparison (sources, a copy of their text, datelines, settings) to this
    /// .crosscheck file, to reopen later in the app or with `crosscheck report FILE.crosscheck`.
    #[arg(long, value_name = "PATH")]
    save_comparison: Option<PathBuf>,
    /// Write a fact-check memo: only the conflicts and the findings marked in the app (of a
    /// saved comparison), with the passages they stand in.
    #[arg(long)]
    memo: bool,
    /// Articles to compare: files (text, Markdown, web pages, MHTML, Word, OpenDocument, PDF),
    /// folders of them, http(s) links, `-` for standard input, `@LIST` for the paths and links
    /// listed in a file (one a line); or one saved comparison (.crosscheck).
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// `crosscheck readability FILES…`: how many aligned passages are more than half marked.
fn readability(files: Vec<PathBuf>) -> ExitCode {
    let sources: Vec<Source> = files.into_iter().map(Source::new).collect();
    let stop = AtomicBool::new(false);
    let Ok((cmp, _)) = crosscheck::compare_sources(&sources, &Options::default(), &|_| {}, &stop)
    else {
        return ExitCode::from(exit::STOPPED);
    };
    use crosscheck::model::DiffMode;
    let (before, of) = crosscheck::marks::over_half_marked(&cmp, Some(DiffMode::NearCopy));
    let (after, _) = crosscheck::marks::over_half_marked(&cmp, None);
    let paraphrases = cmp
        .groups
        .iter()
        .flat_map(|g| &g.diffs)
        .filter(|d| d.mode == DiffMode::Paraphrase)
        .count();
    println!(
        "passages {of} paraphrases {paraphrases} over_half_word_diff {before} over_half_shown {after}"
    );
    ExitCode::SUCCESS
}

/// The allocator: the compare makes and drops millions of small vectors and strings, and the
/// system allocator's share of the time grew with the number of sources (15% of the time at
/// 1,000 articles, 19% at 10,000; see the README's Scale).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // This program run again by itself to read one PDF, out of harm's way (see `load::pdf`).
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == crosscheck::load::PDF_HELPER_ARG)
    {
        return crosscheck::load::pdf_helper_main();
    }
    if let Ok(me) = std::env::current_exe() {
        crosscheck::load::read_pdfs_in_child(me);
    }
    // `RUST_LOG=crosscheck=debug` shows what is read, fetched and compared, and how long it took.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("off")).init();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(exit::USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // Stopped by Ctrl+C or `kill`: no half-written report or comparison file is left behind.
    let _ = ctrlc::set_handler(|| {
        report::remove_pending_temporaries();
        std::process::exit(i32::from(exit::STOPPED));
    });
    if cli.command.is_none()
        && let Some(word) = cli.files.first().and_then(|f| mistyped_command(f))
    {
        error!(
            "unknown command: {} (did you mean `crosscheck {word}`?)",
            cli.files[0].display()
        );
        return ExitCode::from(exit::USAGE);
    }
    crosscheck::pipeline::use_compare_threads();
    match cli.command {
        Some(Command::Report(args)) => run_report(args),
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "crosscheck",
                &mut std::io::stdout(),
            );
            ExitCode::SUCCESS
        }
        Some(Command::Manpage) => {
            use clap::CommandFactory;
            match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    error!("cannot write the manual page ({e}): standard output");
                    ExitCode::from(exit::FAILED)
                }
            }
        }
        Some(Command::Readability { files }) => readability(files),
        None => run_app(cli.files),
    }
}

#[cfg(feature = "gui")]
fn run_app(files: Vec<PathBuf>) -> ExitCode {
    match crosscheck::gui::run(files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            error!("cannot open the app window: {e}");
            ExitCode::from(exit::FAILED)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn run_app(_files: Vec<PathBuf>) -> ExitCode {
    error!(
        "this build has no app window (built without the `gui` feature); use `crosscheck report FILE...`"
    );
    ExitCode::from(exit::USAGE)
}

fn run_report(mut args: ReportArgs) -> ExitCode {
    let to_stdout = args.output == "-";
    let out_path = PathBuf::from(&args.output);
    // A folder stands for the articles in it.
    let (expanded, folder_errors) = crosscheck::inputs::expand_folders(&args.files);
    args.files = expanded;
    let mut overrides: Vec<(PathBuf, chrono::NaiveDate)> = Vec::new();
    for d in &args.dates {
        let Some((file, date)) = d.rsplit_once('=') else {
            error!("--date takes FILE=YYYY-MM-DD: {d}");
            return ExitCode::from(exit::USAGE);
        };
        let Some(date) = dates::parse_iso(date) else {
            error!("--date needs a date as YYYY-MM-DD: {d}");
            return ExitCode::from(exit::USAGE);
        };
        overrides.push((PathBuf::from(file), date));
    }
    let is_session = |p: &PathBuf| crosscheck::inputs::is_comparison_file(p);
    // Where the results go is checked before the compare, which can take minutes. A comparison
    // file may be saved over itself (it is not a source); a report may not.
    let given: Vec<&Path> = args.files.iter().map(PathBuf::as_path).collect();
    let articles: Vec<&Path> = args
        .files
        .iter()
        .filter(|p| !is_session(p))
        .map(PathBuf::as_path)
        .collect();
    if let (false, Some(save_to)) = (to_stdout, &args.save_comparison)
        && same_file(&out_path, save_to)
    {
        error!(
            "the report and the saved comparison would be one file: {}",
            out_path.display()
        );
        return ExitCode::from(exit::USAGE);
    }
    let format = match report_format(&args, &out_path) {
        Ok(f) => f,
        Err(why) => {
            error!("{why}");
            return ExitCode::from(exit::USAGE);
        }
    };
    let outputs = [
        (!to_stdout).then_some((out_path.as_path(), &given)),
        args.save_comparison.as_deref().map(|p| (p, &articles)),
    ];
    for (out, sources) in outputs.into_iter().flatten() {
        if let Err(e) = report::check_writable(out, sources) {
            error!("{e}");
            return ExitCode::from(exit::USAGE);
        }
    }
    let opts = Options {
        max_file_bytes: args.max_file_size.saturating_mul(1_000_000),
        fetch_timeout: std::time::Duration::from_secs(args.fetch_timeout),
        ..Options::default()
    };
    // The inputs: the stored copies of one comparison file (compared with its own settings), or
    // the sources as given.
    let mut reviews = Vec::new();
    let (mut inputs, mut notes, opts) = if args.files.iter().any(is_session) {
        let [path] = args.files.as_slice() else {
            error!(
                "a comparison file (.{}) is compared on its own, not with other files",
                session::EXTENSION
            );
            return ExitCode::from(exit::USAGE);
        };
        match session::open_with_limit(path, opts.max_file_bytes) {
            Ok(opened) => {
                let notes = opened.notes();
                reviews = opened.file.reviews.clone();
                let opts = Options {
                    fetch_timeout: opts.fetch_timeout,
                    ..opened.file.settings.options()
                };
                let inputs: Vec<Input> =
                    opened.file.sources.into_iter().map(Input::Stored).collect();
                (inputs, notes, opts)
            }
            Err(e) => {
                error!("{e}");
                return ExitCode::from(exit::USAGE);
            }
        }
    } else {
        let inputs = args
            .files
            .iter()
            .map(|p| Input::Given(Source::new(p)))
            .collect();
        (inputs, Vec::new(), opts)
    };
    for (f, date) in &overrides {
        let Some(input) = inputs.iter_mut().find(|i| names(f, i)) else {
            error!("--date names a file that is not compared: {}", f.display());
            return ExitCode::from(exit::USAGE);
        };
        match input {
            Input::Given(s) => s.dateline = Some(*date),
            Input::Stored(s) => s.dateline = Some(date.to_string()),
        }
    }
    for n in &notes {
        note!("{}: {}", n.path.as_deref().unwrap_or_default(), n.message);
    }
    let never = AtomicBool::new(false);
    let Compared {
        mut cmp,
        mut file,
        errors: mut compare_errors,
    } = match crosscheck::inputs::compare(inputs, &opts, &|_| {}, &never) {
        Ok(done) => done,
        Err(e) => {
            error!("{e}");
            return ExitCode::from(exit::FAILED);
        }
    };
    let mut errors = folder_errors;
    // What the compare repaired or left out of a source is said here as well as in the report.
    for w in &cmp.warnings {
        let is_error = compare_errors
            .iter()
            .any(|e| w.path.as_deref() == Some(e.path.as_str()) && w.message == e.reason);
        if !is_error {
            match w.path.as_deref() {
                Some(path) => warning!("{path}: {}", w.message),
                None => warning!("{}", w.message),
            }
        }
    }
    notes.append(&mut cmp.warnings);
    cmp.warnings = notes;
    // The reader's marks of a saved comparison stay with it, in the report and in a comparison
    // file saved again.
    cmp.reviews = reviews.clone();
    file.reviews = reviews;
    // Sources that did not decode are left out of a saved comparison; a source given twice is
    // kept once.
    let undecodable: Vec<String> = compare_errors
        .iter()
        .filter(|e| e.left_out())
        .map(|e| e.path.clone())
        .collect();
    errors.append(&mut compare_errors);
    // The report says which files it left out, as the terminal does.
    for e in &errors {
        let known = cmp
            .warnings
            .iter()
            .any(|w| w.path.as_deref() == Some(e.path.as_str()) && w.message == e.reason);
        if !known {
            cmp.warnings.push(crosscheck::model::Warning {
                path: Some(e.path.clone()),
                message: e.reason.clone(),
            });
        }
    }
    let mut unreadable = false;
    for e in &errors {
        // A source given twice is compared once: nothing is lost, so it is no error.
        if e.left_out() {
            error!("{}: {}", e.reason, e.path);
            unreadable = true;
        } else {
            warning!("{}: {}", e.path, e.reason);
        }
    }
    if cmp.documents.is_empty() {
        error!("no readable articles to compare");
        return ExitCode::from(exit::USAGE);
    }
    if args.memo {
        cmp = crosscheck::review::memo(&cmp);
    }
    let mut srcs: Vec<PathBuf> = args.files.clone();
    srcs.extend(file.sources.iter().map(|s| PathBuf::from(&s.path)));
    if let Some(save_to) = &args.save_comparison {
        file.sources.retain(|s| !undecodable.contains(&s.path));
        file.keep_first_of_each_source();
        if let Err(e) = session::save(save_to, &file) {
            error!("{e}");
            return ExitCode::from(exit::FAILED);
        }
        srcs.push(save_to.clone());
    }
    // The report is streamed: a JSON report of a thousand articles is hundreds of megabytes,
    // which need not be held in memory next to the comparison.
    if to_stdout {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        if let Err(e) = report::render_to(&cmp, format, &mut out).and_then(|()| out.flush())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            error!("cannot write report ({e}): standard output");
            return ExitCode::from(exit::FAILED);
        }
    } else {
        let srcs: Vec<&Path> = srcs.iter().map(PathBuf::as_path).collect();
        if let Err(e) = report::save(&out_path, &cmp, format, &srcs) {
            error!("{e}");
            return ExitCode::from(exit::FAILED);
        }
    }
    if unreadable {
        ExitCode::from(exit::USAGE)
    } else {
        ExitCode::SUCCESS
    }
}

/// The command a first argument was meant to be, when it is no file, folder or link but a
/// near miss of a command's name (`reprot`).
fn mistyped_command(first: &Path) -> Option<&'static str> {
    let word = first.to_str()?;
    if first.exists()
        || crosscheck::fetch::is_url(word)
        || word.contains(['/', '\\', '.'])
        || word == crosscheck::inputs::STDIN
        || word.starts_with('@')
    {
        return None;
    }
    let word = word.to_ascii_lowercase();
    ["report", "completions", "manpage"]
        .into_iter()
        .find(|c| strsim::levenshtein(&word, c) <= 2 || (word.len() >= 3 && c.starts_with(&word)))
}

/// The report's format: `--format`, else the extension of `-o` (an unknown one is an error, not
/// silent JSON), else JSON; on a terminal, with neither, the Markdown summary a person can read.
fn report_format(args: &ReportArgs, out_path: &Path) -> Result<Format, String> {
    use std::io::IsTerminal;
    if let Some(name) = &args.format {
        return Format::from_name(name).ok_or_else(|| format!("unknown report format: {name}"));
    }
    if args.output == "-" {
        return Ok(if std::io::stdout().is_terminal() {
            Format::Markdown
        } else {
            Format::Json
        });
    }
    match out_path.extension() {
        None => Ok(Format::Json),
        Some(_) => Format::from_path(out_path).ok_or_else(|| {
            format!(
                "cannot tell the report format from the extension: {} (use .json, .md or .html, \
                 or --format)",
                out_path.display()
            )
        }),
    }
}

/// Whether a `--date FILE=…` names this input: the same file, the same link, or `-` for
/// standard input.
fn names(f: &Path, input: &Input) -> bool {
    let path = match input {
        Input::Given(s) => s.path.clone(),
        Input::Stored(s) if s.path == session::STDIN_NAME && !s.is_file() => {
            PathBuf::from(crosscheck::inputs::STDIN)
        }
        Input::Stored(s) => PathBuf::from(&s.path),
    };
    same_file(f, &path)
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || matches!(
            (std::fs::canonicalize(a), std::fs::canonicalize(b)),
            (Ok(x), Ok(y)) if x == y
        )
}
