//! `morgue push`: the articles of a local index, sent to a Solr collection in batches.
//!
//! The local index is the staging area: it gives the articles their ids (so a re-push
//! replaces documents, never duplicates them), extracts only what changed, and knows which
//! files vanished. Deletes are scoped to the folders pushed, so several machines can push
//! disjoint folders into one collection at the same time.

use super::doc::to_solr;
use super::{escape, Solr, SolrError};
use crate::export::{for_each_article, ExportError};
use crate::index::MorgueIndex;
use crate::progress::Progress;
use crate::search::SearchRequest;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Articles per update request by default: a few MB of JSON, well under Solr's limits.
pub const DEFAULT_BATCH: usize = 500;
/// Ids asked for per page when looking for documents to delete.
const ID_PAGE: usize = 5_000;

/// What to push and how.
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// Articles per update request.
    pub batch: usize,
    /// Only articles from pages under these (absolute) paths, and delete the collection's
    /// documents under them that the index no longer has; `None`: every article, no deletes.
    pub roots: Option<Vec<PathBuf>>,
}

/// The counts of a finished push.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PushSummary {
    /// Articles sent (added or replaced).
    pub pushed: usize,
    /// Documents deleted because their page vanished from the pushed folders.
    pub deleted: usize,
    /// Wall time of the push.
    pub elapsed: Duration,
}

impl std::fmt::Display for PushSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.pushed as f64 / secs
        } else {
            0.0
        };
        write!(
            f,
            "pushed {}, deleted {} in {secs:.2} s ({rate:.0} articles/s)",
            self.pushed, self.deleted
        )
    }
}

/// Why a push stopped.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// The cluster refused or could not take a request, after retries.
    #[error("push to {target} stopped after {pushed} articles were sent: {source}; run the same push again once the cluster is healthy (documents are replaced by id, never duplicated)")]
    Solr {
        /// The node and collection.
        target: String,
        /// Articles sent before it stopped.
        pushed: usize,
        /// What Solr said.
        source: SolrError,
    },
    /// The local index could not be read.
    #[error(transparent)]
    Index(#[from] ExportError),
}

/// Pushes the articles of `idx` to the collection, then deletes what vanished and commits;
/// `on_progress` hears how many of the index's articles were walked.
pub fn push(
    solr: &Solr,
    idx: &MorgueIndex,
    opts: &PushOptions,
    on_progress: &mut dyn FnMut(Progress),
) -> Result<PushSummary, PushError> {
    let started = Instant::now();
    let stopped = |pushed, source| PushError::Solr {
        target: solr.describe(),
        pushed,
        source,
    };
    let total = idx.num_docs();
    let mut done = 0;
    on_progress(Progress::Step { done, total });
    let mut batch: Vec<Value> = Vec::with_capacity(opts.batch);
    let mut ids = HashSet::new();
    let mut pushed = 0;
    let mut failed = None;
    let walked = for_each_article(idx, &SearchRequest::default(), |a| {
        done += 1;
        on_progress(Progress::Step { done, total });
        if !under_roots(&a.path, opts.roots.as_deref()) {
            return Ok(());
        }
        ids.insert(a.id.clone());
        batch.push(to_solr(&a));
        if batch.len() >= opts.batch.max(1) {
            if let Err(e) = send(solr, &mut batch) {
                failed = Some(e);
                // Ends the walk; the Solr error is reported, not this one.
                return Err(std::io::Error::other("push stopped"));
            }
            pushed += opts.batch.max(1);
        }
        Ok(())
    });
    if let Some(e) = failed {
        on_progress(Progress::Finished);
        return Err(stopped(pushed, e));
    }
    walked?;
    let n = batch.len();
    send(solr, &mut batch).map_err(|e| stopped(pushed, e))?;
    pushed += n;
    on_progress(Progress::Finished);
    let mut deleted = 0;
    if let Some(roots) = &opts.roots {
        for root in roots {
            deleted += delete_vanished(solr, root, &ids).map_err(|e| stopped(pushed, e))?;
        }
    }
    solr.post("update", &[], r#"{"commit":{}}"#)
        .map_err(|e| stopped(pushed, e))?;
    Ok(PushSummary {
        pushed,
        deleted,
        elapsed: started.elapsed(),
    })
}

/// Sends a batch of documents (none: nothing) and empties it.
fn send(solr: &Solr, batch: &mut Vec<Value>) -> Result<(), SolrError> {
    if batch.is_empty() {
        return Ok(());
    }
    let body = Value::Array(std::mem::take(batch)).to_string();
    solr.post("update", &[], &body)?;
    Ok(())
}

/// True when an article's page lies under one of the roots (all roots when `None`); a page
/// inside a web archive (`ARCHIVE#OFFSET`) lies where its archive does.
fn under_roots(path: &str, roots: Option<&[PathBuf]>) -> bool {
    let Some(roots) = roots else {
        return true;
    };
    let file = crate::index::warc::split_member(path).map_or(path, |(f, _)| f);
    roots.iter().any(|r| Path::new(file).starts_with(r))
}

/// Deletes the collection's documents from pages under `root` whose ids are not in `keep`;
/// returns how many. Only this root's documents are looked at, so other machines' are safe.
fn delete_vanished(solr: &Solr, root: &Path, keep: &HashSet<String>) -> Result<usize, SolrError> {
    let r = escape(&root.to_string_lossy());
    let fq = format!("path:{r} OR path:{r}\\/* OR path:{r}#*");
    let mut cursor = "*".to_string();
    let mut gone = Vec::new();
    loop {
        let page = solr.get(
            "select",
            &[
                ("q", "*:*".into()),
                ("fq", fq.clone()),
                ("fl", "id".into()),
                ("sort", "id asc".into()),
                ("rows", ID_PAGE.to_string()),
                ("cursorMark", cursor.clone()),
            ],
        )?;
        let docs = page["response"]["docs"]
            .as_array()
            .ok_or_else(|| SolrError::BadAnswer("no documents in a select answer".into()))?;
        for d in docs {
            if let Some(id) = d["id"].as_str() {
                if !keep.contains(id) {
                    gone.push(id.to_string());
                }
            }
        }
        let next = page["nextCursorMark"]
            .as_str()
            .unwrap_or(&cursor)
            .to_string();
        if next == cursor {
            break;
        }
        cursor = next;
    }
    for chunk in gone.chunks(DEFAULT_BATCH) {
        let body = serde_json::json!({ "delete": chunk }).to_string();
        solr.post("update", &[], &body)?;
    }
    Ok(gone.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_scope_pages_and_archive_records() {
        let roots = [PathBuf::from("/srv/news")];
        assert!(under_roots("/srv/news/a.html", Some(&roots)));
        assert!(!under_roots("/srv/newsroom/a.html", Some(&roots)));
        assert!(under_roots("/x/a.html", None));
        let archive = [PathBuf::from("/srv/crawl.warc.gz")];
        assert!(under_roots("/srv/crawl.warc.gz#1234", Some(&archive)));
    }

    #[test]
    fn summary_line() {
        let s = PushSummary {
            pushed: 10,
            deleted: 1,
            elapsed: Duration::from_secs(2),
        };
        assert_eq!(
            s.to_string(),
            "pushed 10, deleted 1 in 2.00 s (5 articles/s)"
        );
    }
}
