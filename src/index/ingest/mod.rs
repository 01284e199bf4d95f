//! Bringing an index up to date with the pages under some paths.
//!
//! The walk and the manifest decide what needs reading; extraction runs on a
//! rayon pool and feeds one tantivy `IndexWriter` through a bounded channel;
//! the writer thread commits every few thousand documents (and then saves
//! the manifest), so a killed run keeps most of its work.

mod jobs;
mod state;
mod walk;

pub use walk::looks_like_html;

use super::manifest::{FileRecord, Manifest};
use super::schema::Fields;
use super::warc;
use super::{open_or_create, IndexError};
use crate::copies::assign::Assigner;
use crate::progress::Progress;
use jobs::{process, process_job, ArchiveJobs, Outcome, ReadState};
use rayon::prelude::*;
use state::State;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tantivy::IndexWriter;
use walk::{walk, Found};

/// By default, commit after this many changed documents ...
pub const COMMIT_EVERY_DOCS: usize = 5_000;
/// ... or after this long, whichever comes first.
const COMMIT_EVERY: Duration = Duration::from_secs(15);
/// Memory for tantivy's in-RAM segments, shared by its indexing threads.
const WRITER_MEMORY: usize = 256 << 20;
/// Extracted pages waiting for the writer; bounds memory when the writer is slower.
const CHANNEL_BOUND: usize = 256;

/// What to index and how.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// The index directory.
    pub index_path: PathBuf,
    /// Files and directories to walk.
    pub roots: Vec<PathBuf>,
    /// Rebuild from scratch.
    pub full: bool,
    /// Extraction threads; `None` for one per core.
    pub threads: Option<usize>,
    /// Commit after this many changed documents (and at least every 15 s).
    pub commit_every: usize,
    /// Set (by a signal handler, or when output is gone) to stop the run early: what was
    /// extracted so far is committed and the rest is left for the next run.
    pub stop: Arc<AtomicBool>,
    /// Group syndicated copies (see [`crate::copies`]); off only to measure what grouping costs.
    pub copies: bool,
}

impl IngestOptions {
    /// Options for an incremental run over `roots` with the defaults: all cores, copies grouped.
    pub fn new(index_path: impl Into<PathBuf>, roots: Vec<PathBuf>) -> IngestOptions {
        IngestOptions {
            index_path: index_path.into(),
            roots,
            full: false,
            threads: None,
            commit_every: COMMIT_EVERY_DOCS,
            stop: Arc::new(AtomicBool::new(false)),
            copies: true,
        }
    }
}

/// Something worth telling the user while a run goes on.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A file produced no article.
    Skipped {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// A file that is not a page (by its name and first bytes), left out.
    NotPage {
        /// The file.
        path: String,
    },
    /// A file was indexed with a caveat.
    Warning {
        /// The file.
        path: String,
        /// What happened.
        message: String,
    },
    /// How many pages are read, of those known to need reading (the records of web archives
    /// add to the total as they are met); the first step comes before any page is read.
    Progress(Progress),
}

/// The counts of a finished run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// New articles.
    pub added: usize,
    /// Articles re-indexed because their file changed.
    pub updated: usize,
    /// Articles removed because their file vanished or stopped being an article.
    pub removed: usize,
    /// Files skipped because nothing changed.
    pub unchanged: usize,
    /// Files that produced no article (unreadable, binary, empty, not an article, duplicates).
    pub skipped: usize,
    /// Files left out because they are not pages (images, style sheets, ...).
    pub not_pages: usize,
    /// The run was stopped early; the next run does the rest.
    pub interrupted: bool,
    /// Wall time of the run.
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        let pages = self.added + self.updated + self.unchanged + self.skipped;
        let rate = if secs > 0.0 { pages as f64 / secs } else { 0.0 };
        write!(
            f,
            "added {}, updated {}, removed {}, unchanged {}, skipped {}",
            self.added, self.updated, self.removed, self.unchanged, self.skipped
        )?;
        if self.not_pages > 0 {
            write!(f, ", not pages {}", self.not_pages)?;
        }
        write!(f, " in {secs:.2} s ({rate:.0} pages/s)")?;
        if self.interrupted {
            write!(f, "; interrupted: the next run does the rest")?;
        }
        Ok(())
    }
}

/// Brings the index at `opts.index_path` up to date with the pages under `opts.roots`.
pub fn run(opts: &IngestOptions, on_event: &mut dyn FnMut(Event)) -> Result<Summary, IndexError> {
    let started = Instant::now();
    let roots = resolve_roots(&opts.roots)?;
    let index = open_or_create(&opts.index_path)?;
    let fields = Fields::of(&index.schema()).expect("schema built by morgue");
    let tantivy_err = |source| IndexError::Tantivy {
        path: opts.index_path.clone(),
        source,
    };
    let threads = opts
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let writer: IndexWriter =
        match index.writer_with_num_threads(threads.div_ceil(2).min(4), WRITER_MEMORY) {
            Ok(w) => w,
            Err(tantivy::TantivyError::LockFailure(..)) => {
                return Err(IndexError::Locked(opts.index_path.clone()))
            }
            Err(e) => return Err(tantivy_err(e)),
        };
    let manifest = if opts.full {
        Manifest::default()
    } else {
        Manifest::load(&opts.index_path)
    };
    if opts.full {
        writer.delete_all_documents().map_err(tantivy_err)?;
    }
    let assigner = if opts.copies {
        Some(Assigner::new(&index, fields, opts.full).map_err(tantivy_err)?)
    } else {
        None
    };
    let mut state = State::new(
        writer,
        fields,
        manifest,
        &opts.index_path,
        opts.commit_every.max(1),
    );
    state.copies = assigner;
    if !opts.full {
        state.delete_orphans(&index).map_err(tantivy_err)?;
    }

    let mut summary = Summary::default();
    let stop = opts.stop.as_ref();
    let walked = walk(&roots, stop);
    let cut = walked.cut;
    for (path, reason) in walked.errors {
        summary.skipped += 1;
        on_event(Event::Skipped { path, reason });
    }
    for path in walked.not_pages {
        summary.not_pages += 1;
        on_event(Event::NotPage { path });
    }
    if cut {
        // A walk cut short would make every file it did not reach look vanished.
        state.commit()?;
        summary.interrupted = true;
        summary.elapsed = started.elapsed();
        return Ok(summary);
    }
    let (archives, found): (Vec<Found>, Vec<Found>) = walked
        .pages
        .into_iter()
        .partition(|f| warc::is_warc(&f.file));
    let seen: HashSet<&str> = found
        .iter()
        .chain(&archives)
        .map(|f| f.abs.as_str())
        .collect();
    let vanished: Vec<String> = state
        .manifest
        .files
        .keys()
        .filter(|abs| {
            // A record of an archive that is still there is the archive's business, below.
            let file = warc::split_member(abs).map_or(abs.as_str(), |(file, _)| file);
            !seen.contains(file) && roots.iter().any(|r| Path::new(file).starts_with(r))
        })
        .cloned()
        .collect();
    drop(seen);
    let mut forced: HashSet<String> = HashSet::new();
    for abs in &vanished {
        summary.removed += state.forget(abs, &mut forced);
    }
    let mut todo = Vec::new();
    for mut f in found {
        let rec = state.manifest.files.get(&f.abs);
        let unchanged = rec.is_some_and(|r| r.size == f.size && r.mtime_ns == f.mtime_ns);
        f.force = forced.contains(&f.abs);
        if let Some(rec) = rec.filter(|_| unchanged && !f.force) {
            count_unchanged(rec, &f.display, &mut summary, on_event);
        } else {
            f.prev_hash = rec.map(|r| r.hash.clone());
            todo.push(f);
        }
    }

    // An archive is read again when it changed, or when one of its records must be re-indexed.
    let mut archive_todo = Vec::new();
    let mut prev_hashes: HashMap<String, String> = HashMap::new();
    for a in archives {
        let rec = state.manifest.files.get(&a.abs);
        let prefix = format!("{}#", a.abs);
        let members = || {
            state
                .manifest
                .files
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
        };
        let unchanged = rec.is_some_and(|r| r.size == a.size && r.mtime_ns == a.mtime_ns)
            && !members().any(|(k, _)| forced.contains(k));
        if unchanged {
            for (_, m) in members() {
                count_unchanged(m, &m.display, &mut summary, on_event);
            }
        } else {
            for (k, m) in members() {
                prev_hashes.insert(k.clone(), m.hash.clone());
            }
            archive_todo.push(a);
        }
    }
    let prev_hashes = Arc::new(prev_hashes);
    let forced = Arc::new(forced);
    let archive_jobs = archive_todo
        .into_iter()
        .flat_map(move |archive| ArchiveJobs {
            reader: None,
            archive,
            prev: prev_hashes.clone(),
            forced: forced.clone(),
            stop,
            state: ReadState::Start,
        });

    let mut progress = (0u64, todo.len() as u64);
    on_event(Event::Progress(Progress::Step {
        done: progress.0,
        total: progress.1,
    }));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|source| IndexError::ThreadPool { threads, source })?;
    let (tx, rx) = sync_channel::<Outcome>(CHANNEL_BOUND);
    let copies = opts.copies;
    std::thread::scope(|scope| -> Result<(), IndexError> {
        scope.spawn(move || {
            pool.install(|| {
                todo.into_par_iter().for_each_with(tx.clone(), |tx, f| {
                    if !stop.load(Ordering::Relaxed) {
                        let _ = tx.send(process(f, copies));
                    }
                });
                // Archives stream: the pool pulls one record per thread from the reader, so a
                // few records are in memory at a time, whatever the size of the file.
                archive_jobs.par_bridge().for_each_with(tx, |tx, job| {
                    if !stop.load(Ordering::Relaxed) {
                        let _ = tx.send(process_job(job, copies));
                    }
                });
            });
        });
        for outcome in rx {
            let (done, total) = &mut progress;
            if matches!(
                outcome,
                Outcome::Article { .. } | Outcome::Unchanged { .. } | Outcome::Skipped { .. }
            ) && *done >= *total
            {
                *total += 1;
            }
            *done += 1;
            on_event(Event::Progress(Progress::Step {
                done: *done,
                total: *total,
            }));
            state.apply(outcome, &mut summary, on_event);
            if state.should_commit() {
                state.commit()?;
            }
            if stop.load(Ordering::Relaxed) {
                // Dropping the receiver makes the extraction threads' sends fail, so they stop too.
                break;
            }
        }
        Ok(())
    })?;
    summary.interrupted = stop.load(Ordering::Relaxed);
    if !summary.interrupted {
        state.finish_archives(&mut summary);
    }
    on_event(Event::Progress(Progress::Finished));
    state.commit()?;
    state.writer.wait_merging_threads().map_err(tantivy_err)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Counts a page left alone because it did not change: unchanged, or skipped again for the
/// reason recorded last time; `display` is how this run names it.
fn count_unchanged(
    rec: &FileRecord,
    display: &str,
    summary: &mut Summary,
    on_event: &mut dyn FnMut(Event),
) {
    match &rec.skipped {
        Some(reason) => {
            summary.skipped += 1;
            on_event(Event::Skipped {
                path: display.to_string(),
                reason: format!("{reason} (unchanged since)"),
            });
        }
        None => summary.unchanged += 1,
    }
}

/// Absolute forms of the paths to walk; a path that does not exist is an error before anything changes.
fn resolve_roots(roots: &[PathBuf]) -> Result<Vec<PathBuf>, IndexError> {
    roots
        .iter()
        .map(|r| {
            std::fs::canonicalize(r).map_err(|source| IndexError::Io {
                path: r.clone(),
                source,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_has_the_documented_shape() {
        let s = Summary {
            added: 3,
            updated: 1,
            removed: 2,
            unchanged: 5,
            skipped: 1,
            elapsed: Duration::from_secs(2),
            ..Summary::default()
        };
        assert_eq!(
            s.to_string(),
            "added 3, updated 1, removed 2, unchanged 5, skipped 1 in 2.00 s (5 pages/s)"
        );
    }
}
