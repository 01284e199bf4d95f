//! The `morgue` binary: parse arguments, dispatch, map errors to exit codes.

use anyhow::{Context, Result};
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use morgue::analysis::{self, PersonError};
use morgue::export::{self, HitFormat};
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
            watch,
        } => {
            let opts = IngestOptions {
                full,
                threads,
                progress: std::io::stderr().is_terminal() && !watch,
                commit_every,
                ..IngestOptions::new(&cli.index, paths)
            };
            if watch {
                watch_folders(&opts, cli.verbose)?;
                ExitCode::SUCCESS
            } else if index(&opts, cli.verbose)? {
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
            histogram,
            all_copies,
            lang,
            format,
            solr,
        } => {
            // A histogram is not a hit, so piped output with one is a JSON document.
            let format = format.unwrap_or(match pick_format(None, Format::Jsonl) {
                Format::Text => HitFormat::Text,
                _ if histogram.is_some() => HitFormat::Json,
                _ => HitFormat::Jsonl,
            });
            if histogram.is_some() && matches!(format, HitFormat::Jsonl | HitFormat::Csv) {
                anyhow::bail!(
                    "--histogram is drawn in text or JSON output, not in {}: use --format json",
                    if format == HitFormat::Csv {
                        "CSV"
                    } else {
                        "JSON Lines"
                    }
                );
            }
            let request = SearchRequest {
                query: query.join(" "),
                people: person,
                from: from_day(from.as_deref())?,
                until: until_day(to.as_deref())?,
                sort,
                limit,
                offset,
                all_copies,
                langs: lang,
            };
            let (results, idx) = match &solr.solr {
                Some(url) => {
                    anyhow::ensure!(
                        histogram.is_none(),
                        "--histogram is not available with --solr yet"
                    );
                    let client = morgue::solr::Solr::new(url, &solr.collection)?;
                    (morgue::solr::query::search(&client, &request)?, None)
                }
                None => {
                    if default_index {
                        ensure_index(&cli.index, cli.verbose)?;
                    }
                    let idx = morgue::index::open(&cli.index)?;
                    (idx.search(&request)?, Some(idx))
                }
            };
            if let Some(w) = &results.warning {
                note(&format!("morgue: note: {w}"));
            }
            match (format.shared(), histogram) {
                (None, _) => export::write_hits_csv(&mut out, &results)?,
                (Some(shared), Some(interval)) => {
                    let idx = idx.context("--histogram needs the local index")?;
                    let h = analysis::histogram(&idx, &request, interval)?;
                    export::write_results_with_histogram(&mut out, &results, &h, shared, style())?
                }
                (Some(shared), None) => output::write_results(&mut out, &results, shared, style())?,
            }
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
                    open_page(&saved_page_file(&a)?)?;
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
        Command::Stats { format, solr } => {
            let stats = match &solr.solr {
                Some(url) => {
                    morgue::solr::query::stats(&morgue::solr::Solr::new(url, &solr.collection)?)?
                }
                None => morgue::index::open(&cli.index)?.stats()?,
            };
            output::write_stats(&mut out, &stats, pick_format(format, Format::Json), style())?;
            ExitCode::SUCCESS
        }
        Command::People {
            query,
            with,
            lang,
            from,
            to,
            limit,
            format,
            solr,
        } => {
            let format = pick_format(format, Format::Jsonl);
            let request = SearchRequest {
                query: query.join(" "),
                from: from_day(from.as_deref())?,
                until: until_day(to.as_deref())?,
                langs: lang,
                ..SearchRequest::default()
            };
            if let Some(url) = &solr.solr {
                anyhow::ensure!(with.is_none(), "--with is not available with --solr yet");
                let client = morgue::solr::Solr::new(url, &solr.collection)?;
                let people = morgue::solr::query::people(&client, &request, limit)?;
                output::write_people(&mut out, &people, format)?;
                out.flush()?;
                return Ok(if people.is_empty() {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                });
            }
            let idx = morgue::index::open(&cli.index)?;
            let people = match with {
                Some(name) => {
                    let person = match analysis::resolve_person(&idx, &name) {
                        Ok(p) => p,
                        Err(e @ PersonError::Unknown(_)) => {
                            note(&format!("morgue: {e}"));
                            return Ok(ExitCode::from(1));
                        }
                        Err(e) => return Err(e.into()),
                    };
                    let found = analysis::co_mentions(&idx, &person, &request, limit)?;
                    export::write_co_mentions(&mut out, &found, format)?;
                    found.with
                }
                None => {
                    let people = if request.query.trim().is_empty() && request.langs.is_empty() {
                        idx.people(request.from, request.until, limit)?
                    } else {
                        analysis::people_in(&idx, &request, limit)?
                    };
                    output::write_people(&mut out, &people, format)?;
                    people
                }
            };
            if people.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Export {
            query,
            person,
            lang,
            from,
            to,
            format,
        } => {
            let idx = morgue::index::open(&cli.index)?;
            let request = SearchRequest {
                query: query.join(" "),
                people: person,
                from: from_day(from.as_deref())?,
                until: until_day(to.as_deref())?,
                langs: lang,
                ..SearchRequest::default()
            };
            let written = export::export(&idx, &request, format, &mut out)?;
            if written == 0 {
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
        Command::Push {
            paths,
            from_index,
            solr,
            collection,
            batch,
            threads,
        } => {
            if !push(
                &cli.index,
                paths,
                from_index,
                &solr,
                &collection,
                batch,
                threads,
                cli.verbose,
            )? {
                return Ok(ExitCode::from(130));
            }
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

/// `morgue push`: indexes the paths (unless `from_index`), then sends the local index's articles
/// to the collection; false when the indexing was interrupted.
#[allow(clippy::too_many_arguments)]
fn push(
    index_path: &Path,
    paths: Vec<PathBuf>,
    from_index: bool,
    url: &str,
    collection: &str,
    batch: usize,
    threads: Option<usize>,
    verbose: bool,
) -> Result<bool> {
    use morgue::solr::push::{push, PushOptions};
    let client = morgue::solr::Solr::new(url, collection)?;
    let roots = if from_index {
        None
    } else {
        let roots = paths
            .iter()
            .map(|p| {
                std::fs::canonicalize(p).with_context(|| format!("cannot read {}", p.display()))
            })
            .collect::<Result<Vec<_>>>()?;
        let opts = IngestOptions {
            threads,
            progress: std::io::stderr().is_terminal(),
            ..IngestOptions::new(index_path, paths)
        };
        if !index(&opts, verbose)? {
            return Ok(false);
        }
        Some(roots)
    };
    let idx = morgue::index::open(index_path)?;
    let opts = PushOptions {
        batch,
        roots,
        progress: std::io::stderr().is_terminal(),
    };
    let summary = push(&client, &idx, &opts)?;
    note(&summary.to_string());
    Ok(true)
}

/// The first instant of a `--from` day, month or year.
fn from_day(s: Option<&str>) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    Ok(s.map(parse_day_range).transpose()?.map(|r| r.0))
}

/// The instant after a `--to` day, month or year.
fn until_day(s: Option<&str>) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
    Ok(s.map(parse_day_range).transpose()?.map(|r| r.1))
}

fn not_found(key: &str, index: &Path) -> String {
    format!(
        "morgue: no article with id, path or URL {key:?} in {}",
        index.display()
    )
}

/// The file holding an article's saved page; a page inside a web archive is copied out of
/// its record (read by seeking to it) into a temporary file first, so an opener can show it.
fn saved_page_file(a: &morgue::Article) -> Result<PathBuf> {
    use morgue::index::{warc, warc_page};
    let Some((archive, offset)) = warc::split_member(&a.path) else {
        return Ok(PathBuf::from(&a.path));
    };
    let (kind, bytes) =
        warc_page::payload_at(Path::new(archive), offset).map_err(anyhow::Error::msg)?;
    let ext = if kind == extract::PageKind::Text {
        "txt"
    } else {
        "html"
    };
    let file = std::env::temp_dir().join(format!("morgue-{}.{ext}", a.id));
    std::fs::write(&file, bytes).with_context(|| format!("cannot write {}", file.display()))?;
    Ok(file)
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
            say(event_line(e));
        }
    };
    let summary = ingest::run(opts, &mut on_event)?;
    say(summary.to_string());
    Ok(!INTERRUPTED.load(Ordering::SeqCst))
}

/// What `-v` prints for an ingest event.
fn event_line(e: Event) -> String {
    match e {
        Event::Skipped { path, reason } => format!("skipped {path}: {reason}"),
        Event::NotPage { path } => format!("not a page type: {path}"),
        Event::Warning { path, message } => format!("warning {path}: {message}"),
    }
}

/// `index --watch`: indexes, then follows the folders until Ctrl-C or SIGTERM, which end it
/// normally (exit 0) once the batch in progress is committed.
fn watch_folders(opts: &IngestOptions, verbose: bool) -> Result<()> {
    let stop = opts.stop.clone();
    let _ = ctrlc::set_handler(move || {
        if stop.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    let stop = opts.stop.clone();
    let say = |line: String| {
        if !note(&line) {
            stop.store(true, Ordering::SeqCst);
        }
    };
    let mut on_event = |e: Event| {
        if verbose {
            say(event_line(e));
        }
    };
    let mut first = true;
    let mut on_batch = |s: &ingest::Summary| {
        say(s.to_string());
        if std::mem::take(&mut first) {
            say("watching for changes; Ctrl-C stops".to_string());
        }
    };
    morgue::index::watch::watch(opts, &mut on_event, &mut on_batch)?;
    Ok(())
}

/// Prints (or, for `json` and `text`, collects) one extraction; false when it failed.
fn emit(
    out: &mut dyn Write,
    name: &str,
    result: Result<extract::Extraction, String>,
    format: Format,
    articles: &mut Vec<morgue::Article>,
) -> Result<bool> {
    match result {
        Ok(x) => {
            for w in x.warnings {
                note(&format!("morgue: {name}: {w}"));
            }
            if format == Format::Jsonl {
                output::write_articles(out, &[x.article], format, style())?;
            } else {
                articles.push(x.article);
            }
            Ok(true)
        }
        Err(e) => {
            note(&format!("morgue: {name}: {e}"));
            Ok(false)
        }
    }
}

/// Extracts every page of a web archive, record by record; false when the archive could not
/// be read or a page record yielded no article (malformed records and damage are reported).
fn extract_archive(
    out: &mut dyn Write,
    file: &Path,
    format: Format,
    articles: &mut Vec<morgue::Article>,
) -> Result<bool> {
    use morgue::index::{warc, warc_page};
    let reader = warc::Reader::open(file, warc_page::wants, warc_page::RECORD_CAP)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let shown = file.to_string_lossy();
    let mut ok = true;
    for item in reader {
        match item {
            warc::Item::Record(r) if r.block.is_some() => {
                let name = warc::member_path(&shown, r.offset);
                let result = warc_page::extract_record(&name, &r);
                ok &= emit(out, &name, result, format, articles)?;
            }
            warc::Item::Record(_) => {}
            warc::Item::Malformed { offset, reason } | warc::Item::Damaged { offset, reason } => {
                ok = false;
                note(&format!(
                    "morgue: {}: {reason}",
                    warc::member_path(&shown, offset)
                ));
            }
        }
    }
    Ok(ok)
}

/// Extracts each file; a file that yields no article is reported on stderr and makes the exit
/// status 1. `json` prints one object for one file and one array for several, whatever failed.
fn extract_files(out: &mut dyn Write, files: &[PathBuf], format: Format) -> Result<ExitCode> {
    let mut articles = Vec::new();
    let mut failed = false;
    for file in files {
        let name = file.to_string_lossy();
        if let Some((archive, offset)) = morgue::index::warc::split_member(&name) {
            // One record of a web archive, read by seeking to it.
            let result = morgue::index::warc_page::extract_at(Path::new(archive), &name, offset);
            failed |= !emit(out, &name, result, format, &mut articles)?;
            continue;
        }
        if morgue::index::warc::is_warc(file) {
            failed |= !extract_archive(out, file, format, &mut articles)?;
            continue;
        }
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
