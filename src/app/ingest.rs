//! The commands that write an index: `index` (and `--watch`), the first search's build of
//! the demo index, and `push`, with what they tell the user: the summary line, `-v` events,
//! and a progress bar on a terminal (the library reports progress; it is drawn here).

use crate::cli::{IndexArgs, PushArgs};
use crate::note;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use morgue::index::ingest::{self, Event, IngestOptions};
use morgue::progress::Progress;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Set by the SIGINT/SIGTERM handler: the run stops, commits and exits 130.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// `morgue index [--watch]`.
pub fn index(index_path: &Path, args: IndexArgs, verbose: bool) -> Result<ExitCode> {
    let opts = IngestOptions {
        full: args.full,
        threads: args.threads,
        commit_every: args.commit_every,
        ..IngestOptions::new(index_path, args.paths)
    };
    if args.watch {
        watch_folders(&opts, verbose)?;
        return Ok(ExitCode::SUCCESS);
    }
    Ok(interrupted_code(run_index(&opts, verbose)?))
}

/// Exit status 0, or 130 when a signal cut the run short.
fn interrupted_code(finished: bool) -> ExitCode {
    if finished {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(130)
    }
}

/// What a run tells the user on stderr: `-v` events, lines that stop the run when stderr is
/// gone, and a progress bar when stderr is a terminal.
struct Reporter {
    verbose: bool,
    stop: Arc<AtomicBool>,
    bar: Bar,
}

impl Reporter {
    /// Catches Ctrl-C and SIGTERM for a run that stops when `stop` is set: the first signal
    /// stops it (it commits first), a second one ends the process at once.
    fn new(stop: &Arc<AtomicBool>, verbose: bool, bar: Bar) -> Reporter {
        let flag = stop.clone();
        let _ = ctrlc::set_handler(move || {
            if INTERRUPTED.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
            flag.store(true, Ordering::SeqCst);
        });
        Reporter {
            verbose,
            stop: stop.clone(),
            bar,
        }
    }

    /// Writes a line to stderr; when stderr is gone, the run stops.
    fn say(&self, line: String) {
        if !note(&line) {
            self.stop.store(true, Ordering::SeqCst);
        }
    }

    fn event(&mut self, e: Event) {
        let line = match e {
            Event::Progress(p) => return self.bar.show(p),
            Event::Skipped { path, reason } => format!("skipped {path}: {reason}"),
            Event::NotPage { path } => format!("not a page type: {path}"),
            Event::Warning { path, message } => format!("warning {path}: {message}"),
        };
        if self.verbose {
            self.say(line);
        }
    }
}

/// A progress bar drawn from [`Progress`] events, or nothing (not a terminal, no work).
struct Bar {
    /// `indexing … pages`, `pushing … articles`; `None` draws nothing.
    words: Option<(&'static str, &'static str)>,
    bar: Option<ProgressBar>,
}

impl Bar {
    /// A bar on a terminal (saying `verb` and `unit`), nothing elsewhere.
    fn on_terminal(verb: &'static str, unit: &'static str) -> Bar {
        Bar {
            words: std::io::stderr().is_terminal().then_some((verb, unit)),
            bar: None,
        }
    }

    /// Never drawn.
    fn hidden() -> Bar {
        Bar {
            words: None,
            bar: None,
        }
    }

    fn show(&mut self, p: Progress) {
        match p {
            Progress::Step { done, total } => {
                // The first step decides: nothing to do, nothing drawn, even if work turns up.
                let bar = self.bar.get_or_insert_with(|| match self.words {
                    Some((verb, unit)) if total > 0 => {
                        let bar = ProgressBar::new(total);
                        bar.set_style(
                            ProgressStyle::with_template(&format!(
                                "{{spinner}} {verb} [{{bar:30}}] {{pos}}/{{len}} {unit} ({{per_sec}}, eta {{eta}})"
                            ))
                            .expect("a valid template")
                            .progress_chars("=> "),
                        );
                        bar
                    }
                    _ => ProgressBar::hidden(),
                });
                bar.set_length(total);
                bar.set_position(done);
            }
            Progress::Finished => {
                if let Some(bar) = &self.bar {
                    bar.finish_and_clear();
                }
            }
        }
    }
}

/// Runs an index; on Ctrl-C, SIGTERM or a closed stderr it stops early after committing.
/// Returns false when it was interrupted by a signal.
fn run_index(opts: &IngestOptions, verbose: bool) -> Result<bool> {
    let mut report = Reporter::new(&opts.stop, verbose, Bar::on_terminal("indexing", "pages"));
    let summary = ingest::run(opts, &mut |e| report.event(e))?;
    report.say(summary.to_string());
    Ok(!INTERRUPTED.load(Ordering::SeqCst))
}

/// `index --watch`: indexes, then follows the folders until Ctrl-C or SIGTERM, which end it
/// normally (exit 0) once the batch in progress is committed.
fn watch_folders(opts: &IngestOptions, verbose: bool) -> Result<()> {
    let report = std::cell::RefCell::new(Reporter::new(&opts.stop, verbose, Bar::hidden()));
    let mut first = true;
    let mut on_batch = |s: &ingest::Summary| {
        let report = report.borrow();
        report.say(s.to_string());
        if std::mem::take(&mut first) {
            report.say("watching for changes; Ctrl-C stops".to_string());
        }
    };
    morgue::index::watch::watch(opts, &mut |e| report.borrow_mut().event(e), &mut on_batch)?;
    Ok(())
}

/// Builds the default index from ./corpus when a first search finds none, so a new user's first
/// command works; an `index/` holding only the README the repository ships counts as none.
pub fn ensure_index(index: &Path, verbose: bool) -> Result<()> {
    let corpus = Path::new("corpus");
    if morgue::index::is_vacant(index) && corpus.is_dir() {
        note(&format!(
            "morgue: no index at {}; building it from {} first",
            index.display(),
            corpus.display()
        ));
        let opts = IngestOptions::new(index, vec![corpus.to_path_buf()]);
        if !run_index(&opts, verbose)? {
            std::process::exit(130);
        }
    }
    Ok(())
}

/// `morgue push`: indexes the paths (unless `--from-index`), then sends the local index's
/// articles to the collection; exit status 130 when the indexing was interrupted.
pub fn push(index_path: &Path, args: PushArgs, verbose: bool) -> Result<ExitCode> {
    use morgue::solr::push::{push, PushOptions};
    let client = morgue::solr::Solr::new(&args.solr, &args.collection)?;
    let roots = if args.from_index {
        None
    } else {
        let roots = args
            .paths
            .iter()
            .map(|p| {
                std::fs::canonicalize(p).with_context(|| format!("cannot read {}", p.display()))
            })
            .collect::<Result<Vec<_>>>()?;
        let opts = IngestOptions {
            threads: args.threads,
            ..IngestOptions::new(index_path, args.paths)
        };
        if !run_index(&opts, verbose)? {
            return Ok(interrupted_code(false));
        }
        Some(roots)
    };
    let idx = morgue::index::open(index_path)?;
    let opts = PushOptions {
        batch: args.batch,
        roots,
    };
    let mut bar = Bar::on_terminal("pushing", "articles");
    let summary = push(&client, &idx, &opts, &mut |p| bar.show(p))?;
    note(&summary.to_string());
    Ok(ExitCode::SUCCESS)
}
