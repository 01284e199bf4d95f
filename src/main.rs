//! The `morgue` binary: parse arguments, dispatch, map errors to exit codes.

use anyhow::{Context, Result};
use clap::{CommandFactory, Parser};
use morgue::extract;
use morgue::index::ingest::{self, Event, IngestOptions};
use morgue::output::{self, Format, Style};
use morgue::search::{parse_day_range, SearchRequest};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cli;
use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut msg = format!("morgue: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
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

fn run(cli: Cli) -> Result<ExitCode> {
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
            index(&opts, cli.verbose)?;
            ExitCode::SUCCESS
        }
        Command::Search {
            query,
            person,
            from,
            to,
            sort,
            limit,
            offset,
            format,
        } => {
            ensure_index(&cli.index, cli.verbose)?;
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
            };
            let results = idx.search(&request)?;
            if let Some(w) = &results.warning {
                eprintln!("morgue: note: {w}");
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
        Command::Extract { files, format } => {
            extract_files(&mut out, &files, pick_format(format, Format::Jsonl))?
        }
        Command::Show { key, format } => {
            let idx = morgue::index::open(&cli.index)?;
            match idx.lookup(&key)? {
                Some(a) => {
                    output::write_articles(
                        &mut out,
                        &[a],
                        format.unwrap_or(Format::Text),
                        style(),
                    )?;
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "morgue: no article with id or path {key:?} in {}",
                        cli.index.display()
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Stats { format } => {
            let idx = morgue::index::open(&cli.index)?;
            output::write_stats(
                &mut out,
                &idx.stats()?,
                format.unwrap_or(Format::Text),
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
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "morgue", &mut out);
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}

/// Builds the index from ./corpus when a first search finds none, so a new user's first command works.
fn ensure_index(index: &Path, verbose: bool) -> Result<()> {
    let corpus = Path::new("corpus");
    if !index.exists() && corpus.is_dir() {
        eprintln!(
            "morgue: no index at {}; building it from {} first",
            index.display(),
            corpus.display()
        );
        let opts = IngestOptions {
            progress: std::io::stderr().is_terminal(),
            ..IngestOptions::new(index, vec![corpus.to_path_buf()])
        };
        self::index(&opts, verbose)?;
    }
    Ok(())
}

fn index(opts: &IngestOptions, verbose: bool) -> Result<()> {
    let mut on_event = |e: Event| {
        if verbose {
            match e {
                Event::Skipped { path, reason } => eprintln!("skipped {path}: {reason}"),
                Event::Warning { path, message } => eprintln!("warning {path}: {message}"),
            }
        }
    };
    let summary = ingest::run(opts, &mut on_event)?;
    eprintln!("{summary}");
    Ok(())
}

/// Extracts each file; a file that yields no article is reported on stderr and makes the exit status 1.
fn extract_files(out: &mut dyn Write, files: &[PathBuf], format: Format) -> Result<ExitCode> {
    let mut articles = Vec::new();
    let mut failed = false;
    for file in files {
        let result = std::fs::read(file)
            .with_context(|| format!("cannot read {}", file.display()))
            .and_then(|bytes| {
                extract::extract(file, &bytes).with_context(|| format!("{}", file.display()))
            });
        match result {
            Ok(x) => {
                for w in x.warnings {
                    eprintln!("morgue: {}: {w}", file.display());
                }
                if format == Format::Jsonl {
                    output::write_articles(out, &[x.article], format, style())?;
                } else {
                    articles.push(x.article);
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("morgue: {e:#}");
            }
        }
    }
    output::write_articles(out, &articles, format, style())?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
