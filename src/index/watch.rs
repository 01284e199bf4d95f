//! A live archive: keep the index in step with folders while pages are saved, moved and deleted.
//!
//! File-system events only say *that* something changed; what changed is settled by an
//! incremental run of [`ingest::run`] over the watched roots, which skips unchanged files by
//! their size and mtime, re-reads changed ones and removes the articles of vanished ones. A burst
//! of events (a browser writing a page and its assets, `mv` of a folder) becomes one run and
//! one commit once the folders have been quiet for a moment.

use super::ingest::{self, Event, IngestOptions, Summary};
use super::IndexError;
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the folders must be quiet before a batch of changes is indexed.
pub const QUIET: Duration = Duration::from_millis(400);
/// The longest a batch waits while events keep arriving (a long copy still shows up in parts).
pub const MAX_WAIT: Duration = Duration::from_secs(5);
/// How often the stop flag is looked at while nothing happens.
const POLL: Duration = Duration::from_millis(200);

/// Why watching could not start or go on.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The operating system refused to watch a folder (missing, or out of inotify watches).
    #[error("cannot watch {path}: {source}{}", hint(source))]
    Watch {
        /// The folder.
        path: PathBuf,
        /// What the watcher said.
        source: notify::Error,
    },
    /// An indexing run failed.
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// Indexes `opts.roots` once, then again after every quiet burst of changes, until `opts.stop`
/// is set. `on_batch` hears the summary of each run that changed the index (the first run's
/// always); `on_event` hears what [`ingest::run`] reports.
pub fn watch(
    opts: &IngestOptions,
    on_event: &mut dyn FnMut(Event),
    on_batch: &mut dyn FnMut(&Summary),
) -> Result<(), WatchError> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx).map_err(|source| WatchError::Watch {
        path: opts.roots.first().cloned().unwrap_or_default(),
        source,
    })?;
    for root in &opts.roots {
        // Absolute, so event paths compare with the index's own folder.
        let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        watcher
            .watch(&root, RecursiveMode::Recursive)
            .map_err(|source| WatchError::Watch { path: root, source })?;
    }
    let first = ingest::run(opts, on_event)?;
    on_batch(&first);
    // Events about the index's own files (an index kept inside the watched folder) are ours;
    // the folder exists once the first run has made it.
    let index_dir = std::fs::canonicalize(&opts.index_path).ok();
    // Later runs are incremental even after `--full`; the clone shares the stop flag.
    let batch = IngestOptions {
        full: false,
        ..opts.clone()
    };
    while !opts.stop.load(Ordering::SeqCst) {
        let relevant = |r: &Result<notify::Event, notify::Error>| match r {
            Ok(e) => concerns_pages(e, index_dir.as_deref()),
            // A lost event (queue overflow) means anything may have changed.
            Err(_) => true,
        };
        match rx.recv_timeout(POLL) {
            Ok(r) if relevant(&r) => {}
            Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        let started = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(started.elapsed());
            if left.is_zero() || opts.stop.load(Ordering::SeqCst) {
                break;
            }
            match rx.recv_timeout(QUIET.min(left)) {
                Ok(_) => continue,
                Err(_) => break,
            }
        }
        let summary = ingest::run(&batch, on_event)?;
        if summary.added + summary.updated + summary.removed + summary.skipped > 0 {
            on_batch(&summary);
        }
    }
    Ok(())
}

/// What to do about a watcher's refusal, when the refusal says.
fn hint(e: &notify::Error) -> &'static str {
    match e.kind {
        notify::ErrorKind::MaxFilesWatch => {
            " (raise fs.inotify.max_user_watches: every folder of the tree takes one watch)"
        }
        _ => "",
    }
}

/// True when an event may change what is indexed: not a mere read, and not inside the index.
fn concerns_pages(e: &notify::Event, index_dir: Option<&Path>) -> bool {
    if matches!(e.kind, EventKind::Access(_)) {
        return false;
    }
    e.paths.is_empty()
        || e.paths.iter().any(|p| match index_dir {
            Some(dir) => !p.starts_with(dir),
            None => true,
        })
}
