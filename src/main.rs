//! The `morgue` binary: parse arguments, dispatch, map errors to exit codes.

use anyhow::{Context, Result};
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use morgue::extract;
use morgue::index::ingest::{self, Event, IngestOptions};
use morgue::output::{self, Format, Style};
use morgue::search::{parse_day_range, SearchRequest};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

mod cli;
use cli::{Cli, Command};

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let default_index = matches.value_source("index") == Some(ValueSource::DefaultValue);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match run(cli, default_index) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            note(&format!("morgue: {}", one_line(&e)));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes on one line, each said once: our errors often quote their source.
fn one_line(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if msg.contains(&text) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&text);
    }
    msg
}

/// Writes a line to stderr; a closed stderr is not worth a panic (`eprintln!` would panic).
fn note(line: &str) -> bool {
    let mut err = std::io::stderr().lock();
    writeln!(err, "{line}").is_ok()
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// The format to use: the one asked for, else text on a terminal and `piped` otherwise.
fn pick_format(asked: Option<Format>, piped: Format) -> Format {
    asked.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Text
    } else {
        piped
    })
}

fn style() -> Style {
    Style {
        ansi: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// Runs one command; `default_index` says the index path is `./index` by default, not chosen.
fn run(cli: Cli, default_index: bool) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Index {
            paths,
            full,
            threads,
            commit_every,
        } => {
            let opts = IngestOptions {
                full,
                threads,
                progress: std::io::stderr().is_terminal(),
                commit_every,
                ..IngestOptions::new(&cli.index, paths)
            };
            if index(&opts, cli.verbose)? {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(130)
            }
        }
        Command::Search {
            query,
            person,
            from,
            to,
            sort,
            limit,
            offset,
            all_copies,
            format,
        } => {
            if default_index {
                ensure_index(&cli.index, cli.verbose)?;
            }
            let idx = morgue::index::open(&cli.index)?;
            let request = SearchRequest {
                query: query.join(" "),
                people: person,
                from: from
                    .as_deref()
                    .map(parse_day_range)
                    .transpose()?
                    .map(|r| r.0),
                until: to.as_deref().map(parse_day_range).transpose()?.map(|r| r.1),
                sort,
                limit,
                offset,
                all_copies,
            };
            let results = idx.search(&request)?;
            if let Some(w) = &results.warning {
                note(&format!("morgue: note: {w}"));
            }
            output::write_results(
                &mut out,
                &results,
                pick_format(format, Format::Jsonl),
                style(),
            )?;
            if results.hits.is_empty() && results.total_hits == 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Extract { files, format, .. } => {
            extract_files(&mut out, &files, pick_format(format, Format::Jsonl))?
        }
        Command::Show { key, format } => {
            let idx = morgue::index::open(&cli.index)?;
            match idx.lookup(&key)? {
                Some(a) => {
                    output::write_articles(
                        &mut out,
                        &[a],
                        pick_format(format, Format::Json),
                        style(),
                    )?;
                    ExitCode::SUCCESS
                }
                None => {
                    note(&not_found(&key, &cli.index));
                    ExitCode::from(1)
                }
            }
        }
        Command::Open { key } => {
            let idx = morgue::index::open(&cli.index)?;
            match idx.lookup(&key)? {
                Some(a) => {
                    open_page(Path::new(&a.path))?;
                    ExitCode::SUCCESS
                }
                None => {
                    note(&not_found(&key, &cli.index));
                    ExitCode::from(1)
                }
            }
        }
        Command::Skipped { format } => {
            let skipped = morgue::index::skipped_pages(&cli.index)?;
            output::write_skipped(&mut out, &skipped, pick_format(format, Format::Jsonl))?;
            if skipped.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Stats { format } => {
            let idx = morgue::index::open(&cli.index)?;
            output::write_stats(
                &mut out,
                &idx.stats()?,
                pick_format(format, Format::Json),
                style(),
            )?;
            ExitCode::SUCCESS
        }
        Command::People {
            from,
            to,
            limit,
            format,
        } => {
            let idx = morgue::index::open(&cli.index)?;
            let from = from
                .as_deref()
                .map(parse_day_range)
                .transpose()?
                .map(|r| r.0);
            let until = to.as_deref().map(parse_day_range).transpose()?.map(|r| r.1);
            let people = idx.people(from, until, limit)?;
            output::write_people(&mut out, &people, pick_format(format, Format::Jsonl))?;
            if people.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Serve { addr } => {
            ensure_index(&cli.index, cli.verbose)?;
            let idx = morgue::index::open(&cli.index)?;
            if let Some(w) = morgue::serve::exposure_warning(&addr) {
                eprintln!("morgue: {w}");
            }
            let articles = idx.reader.searcher().num_docs();
            morgue::serve::serve(idx, addr, |at| {
                println!("morgue: serving {articles} articles at http://{at}/ (Ctrl-C stops)");
            })?;
            ExitCode::SUCCESS
        }
        Command::Completions { shell, .. } => {
            clap_complete::generate(shell, &mut Cli::command(), "morgue", &mut out);
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}

fn not_found(key: &str, index: &Path) -> String {
    format!(
        "morgue: no article with id, path or URL {key:?} in {}",
        index.display()
    )
}

/// Opens a saved page with `$MORGUE_OPENER`, else the platform's opener.
fn open_page(page: &Path) -> Result<()> {
    let opener = std::env::var("MORGUE_OPENER")
        .ok()
        .filter(|o| !o.is_empty());
    let mut cmd = match opener.as_deref() {
        Some(o) => std::process::Command::new(o),
        None if cfg!(target_os = "macos") => std::process::Command::new("open"),
        None if cfg!(windows) => {
            let mut c = std::process::Command::new("cmd");
            c.args(["/C", "start", ""]);
            c
        }
        None => std::process::Command::new("xdg-open"),
    };
    let status = cmd
        .arg(page)
        .status()
        .with_context(|| format!("cannot start an opener for {}", page.display()))?;
    anyhow::ensure!(
        status.success(),
        "the opener failed on {} ({status})",
        page.display()
    );
    Ok(())
}

/// Builds the default index from ./corpus when a first search finds none, so a new user's first
/// command works; an `index/` holding only the README the repository ships counts as none.
fn ensure_index(index: &Path, verbose: bool) -> Result<()> {
    let corpus = Path::new("corpus");
    if morgue::index::is_vacant(index) && corpus.is_dir() {
        note(&format!(
            "morgue: no index at {}; building it from {} first",
            index.display(),
            corpus.display()
        ));
        let opts = IngestOptions {
            progress: std::io::stderr().is_terminal(),
            ..IngestOptions::new(index, vec![corpus.to_path_buf()])
        };
        if !self::index(&opts, verbose)? {
            std::process::exit(130);
        }
    }
    Ok(())
}

/// Set by the SIGINT/SIGTERM handler: the run stops, commits and exits 130.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Runs an index; on Ctrl-C, SIGTERM or a closed stderr it stops early after committing.
/// Returns false when it was interrupted by a signal.
fn index(opts: &IngestOptions, verbose: bool) -> Result<bool> {
    let stop = opts.stop.clone();
    // A second signal while the first is being honoured ends the process at once.
    let _ = ctrlc::set_handler(move || {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
        stop.store(true, Ordering::SeqCst);
    });
    let stop = opts.stop.clone();
    let say = |line: String| {
        if !note(&line) {
            stop.store(true, Ordering::SeqCst);
        }
    };
    let mut on_event = |e: Event| {
        if verbose {
            match e {
                Event::Skipped { path, reason } => say(format!("skipped {path}: {reason}")),
                Event::NotPage { path } => say(format!("not a page type: {path}")),
                Event::Warning { path, message } => say(format!("warning {path}: {message}")),
            }
        }
    };
    let summary = ingest::run(opts, &mut on_event)?;
    say(summary.to_string());
    Ok(!INTERRUPTED.load(Ordering::SeqCst))
}

/// Extracts each file; a file that yields no article is reported on stderr and makes the exit
/// status 1. `json` prints one object for one file and one array for several, whatever failed.
fn extract_files(out: &mut dyn Write, files: &[PathBuf], format: Format) -> Result<ExitCode> {
    let mut articles = Vec::new();
    let mut failed = false;
    for file in files {
        let result = std::fs::read(file)
            .with_context(|| format!("cannot read {}", file.display()))
            .and_then(|bytes| {
                let bytes = if morgue::index::mhtml::is_mhtml(file) {
                    morgue::index::mhtml::html_part(&bytes).with_context(|| {
                        format!("{}: no HTML part in this single-file page", file.display())
                    })?
                } else {
                    bytes
                };
                extract::extract(file, &bytes).with_context(|| format!("{}", file.display()))
            });
        match result {
            Ok(x) => {
                for w in x.warnings {
                    note(&format!("morgue: {}: {w}", file.display()));
                }
                if format == Format::Jsonl {
                    output::write_articles(out, &[x.article], format, style())?;
                } else {
                    articles.push(x.article);
                }
            }
            Err(e) => {
                failed = true;
                note(&format!("morgue: {}", one_line(&e)));
            }
        }
    }
    match format {
        Format::Jsonl => {}
        Format::Json if files.len() > 1 => output::write_article_array(out, &articles)?,
        // One file that failed: its error is on stderr, and nothing stands in for it here.
        _ if articles.is_empty() => {}
        _ => output::write_articles(out, &articles, format, style())?,
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
