//! The extraction pool's work: reading and extracting one page file, or one record of a
//! web archive, into an [`Outcome`] for the writer.

use super::super::mhtml;
use super::super::warc::{self, Item};
use super::super::warc_page::{self, RecordKind};
use super::walk::Found;
use crate::copies::Signature;
use crate::extract::{self, body_fingerprint};
use crate::Article;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// One unit of work from a web archive for the extraction pool (page files go to [`process`]).
pub(super) enum Job {
    /// A page record of a web archive (`found` is its `ARCHIVE#OFFSET`).
    Record { found: Found, record: warc::Record },
    /// A record that could not be read, or the damage that ended an archive.
    Bad { found: Found, reason: String },
    /// A capture that is not a page (an image, a redirect, a 404).
    NotPage { display: String },
    /// The reader got to the end of an archive (or to the damage that ends it).
    ArchiveRead { archive: Found },
}

/// What reading and extracting one file gave.
pub(super) enum Outcome {
    NotPage {
        display: String,
    },
    ArchiveRead {
        archive: Found,
    },
    Article {
        found: Found,
        hash: String,
        article: Box<Article>,
        /// Computed on the extraction thread: the writer thread is the bottleneck.
        body_hash: String,
        /// The body's MinHash signature (extraction thread too); `None` when too short or off.
        signature: Option<Box<Signature>>,
        warnings: Vec<String>,
    },
    Unchanged {
        found: Found,
        hash: String,
    },
    Skipped {
        found: Found,
        hash: Option<String>,
        reason: String,
    },
}

/// Reads at most the page cap (plus one byte, to notice the cut).
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(extract::MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads and extracts one file (runs on the extraction pool); `copies` computes the signature.
pub(super) fn process(found: Found, copies: bool) -> Outcome {
    let bytes = match read_capped(&found.file) {
        Ok(b) => b,
        Err(e) => {
            return Outcome::Skipped {
                found,
                hash: None,
                reason: format!("cannot read: {e}"),
            }
        }
    };
    let hash = blake3::hash(&bytes).to_hex().to_string();
    if !found.force && found.prev_hash.as_deref() == Some(hash.as_str()) {
        return Outcome::Unchanged { found, hash };
    }
    let page = found.file.clone();
    let bytes = if mhtml::is_mhtml(&page) {
        match mhtml::html_part(&bytes) {
            Some(html) => html,
            None => {
                return Outcome::Skipped {
                    found,
                    hash: Some(hash),
                    reason: "no HTML part in this single-file page".into(),
                }
            }
        }
    } else {
        bytes
    };
    let extracted = std::panic::catch_unwind(|| extract::extract(&page, &bytes))
        .map(|r| r.map_err(|e| e.to_string()));
    outcome_of(found, hash, extracted, copies)
}

/// What one extraction (which may have panicked, or refused the page) gives the writer.
fn outcome_of(
    found: Found,
    hash: String,
    extracted: std::thread::Result<Result<extract::Extraction, String>>,
    copies: bool,
) -> Outcome {
    match extracted {
        Ok(Ok(x)) => Outcome::Article {
            found,
            hash,
            body_hash: body_fingerprint(&x.article.body),
            signature: signature_of(&x.article.body, copies),
            article: Box::new(x.article),
            warnings: x.warnings,
        },
        Ok(Err(reason)) => Outcome::Skipped {
            found,
            hash: Some(hash),
            reason,
        },
        Err(_) => Outcome::Skipped {
            found,
            hash: Some(hash),
            reason: "extraction failed (internal error)".into(),
        },
    }
}

/// Where an [`ArchiveJobs`] is in its archive.
pub(super) enum ReadState {
    Start,
    Reading,
    /// The reader is done (or the archive is damaged): say so, then stop.
    Finishing,
    Done,
}

/// The records of one archive as jobs, read lazily by whichever pool thread asks next.
pub(super) struct ArchiveJobs<'a> {
    pub(super) archive: Found,
    pub(super) reader: Option<warc::Reader<std::fs::File>>,
    /// Content hashes recorded last time, by record path.
    pub(super) prev: Arc<HashMap<String, String>>,
    /// Record paths that must be re-indexed even if unchanged.
    pub(super) forced: Arc<HashSet<String>>,
    pub(super) stop: &'a AtomicBool,
    pub(super) state: ReadState,
}

impl ArchiveJobs<'_> {
    fn member(&self, offset: warc::Offset, size: u64) -> Found {
        let abs = warc::member_path(&self.archive.abs, offset);
        Found {
            file: self.archive.file.clone(),
            display: warc::member_path(&self.archive.display, offset),
            size,
            mtime_ns: self.archive.mtime_ns,
            force: self.forced.contains(&abs),
            prev_hash: self.prev.get(&abs).cloned(),
            abs,
        }
    }
}

impl Iterator for ArchiveJobs<'_> {
    type Item = Job;

    fn next(&mut self) -> Option<Job> {
        if self.stop.load(Ordering::Relaxed) {
            // An archive not read to its end is not recorded, so the next run reads it again.
            self.state = ReadState::Done;
        }
        match self.state {
            ReadState::Done => return None,
            ReadState::Finishing => {
                self.state = ReadState::Done;
                return Some(Job::ArchiveRead {
                    archive: self.archive.clone(),
                });
            }
            ReadState::Start => {
                self.state = ReadState::Reading;
                match warc::Reader::open(
                    &self.archive.file,
                    warc_page::wants,
                    warc_page::RECORD_CAP,
                ) {
                    Ok(r) => self.reader = Some(r),
                    Err(e) => {
                        self.state = ReadState::Done;
                        return Some(Job::Bad {
                            found: self.archive.clone(),
                            reason: format!("cannot read: {e}"),
                        });
                    }
                }
            }
            ReadState::Reading => {}
        }
        loop {
            let item = self.reader.as_mut().and_then(Iterator::next);
            return Some(match item {
                None => {
                    self.state = ReadState::Done;
                    Job::ArchiveRead {
                        archive: self.archive.clone(),
                    }
                }
                Some(Item::Record(record)) => {
                    if record.block.is_some() {
                        let found = self.member(record.offset, record.head.length);
                        Job::Record { found, record }
                    } else if warc_page::classify(&record.head, b"") == RecordKind::Ignored {
                        continue;
                    } else {
                        Job::NotPage {
                            display: warc::member_path(&self.archive.display, record.offset),
                        }
                    }
                }
                Some(Item::Malformed { offset, reason }) => Job::Bad {
                    found: self.member(offset, 0),
                    reason: format!("malformed record: {reason}"),
                },
                Some(Item::Damaged { offset, reason }) => {
                    self.state = ReadState::Finishing;
                    Job::Bad {
                        found: self.member(offset, 0),
                        reason: format!("{reason}; nothing after this point can be read"),
                    }
                }
            });
        }
    }
}

/// The body's copy signature, when grouping is on and the body is long enough.
fn signature_of(body: &str, copies: bool) -> Option<Box<Signature>> {
    copies.then(|| Signature::of(body).map(Box::new)).flatten()
}

/// Runs one job of the extraction pool; `copies` computes the signature.
pub(super) fn process_job(job: Job, copies: bool) -> Outcome {
    match job {
        Job::NotPage { display } => Outcome::NotPage { display },
        Job::ArchiveRead { archive } => Outcome::ArchiveRead { archive },
        Job::Bad { found, reason } => Outcome::Skipped {
            // A bad record is recorded (with an empty hash), so later runs name it again until the
            // archive changes; an archive that cannot be opened is not, so it is tried again.
            hash: warc::split_member(&found.abs).map(|_| String::new()),
            found,
            reason,
        },
        Job::Record { found, record } => {
            let hash = blake3::hash(record.block.as_deref().unwrap_or_default())
                .to_hex()
                .to_string();
            if !found.force && found.prev_hash.as_deref() == Some(hash.as_str()) {
                return Outcome::Unchanged { found, hash };
            }
            let extracted =
                std::panic::catch_unwind(|| warc_page::extract_record(&found.abs, &record));
            outcome_of(found, hash, extracted, copies)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_gone_before_it_is_read_is_skipped_not_fatal() {
        let found = Found {
            file: "/nonexistent/morgue/page.html".into(),
            abs: "/nonexistent/morgue/page.html".into(),
            display: "page.html".into(),
            size: 10,
            mtime_ns: 0,
            force: false,
            prev_hash: None,
        };
        match process(found, true) {
            Outcome::Skipped { reason, hash, .. } => {
                assert!(reason.starts_with("cannot read"), "{reason}");
                assert!(hash.is_none(), "unreadable files are retried next run");
            }
            _ => panic!("expected a skip"),
        }
    }
}
