//! Bringing an index up to date with the pages under some paths.
//!
//! The walk and the manifest decide what needs reading; extraction runs on a
//! rayon pool and feeds one tantivy `IndexWriter` through a bounded channel;
//! the writer thread commits every few thousand documents (and then saves
//! the manifest), so a killed run keeps most of its work.

use super::manifest::{FileRecord, Manifest};
use super::mhtml;
use super::schema::{self, Fields};
use super::warc::{self, Item};
use super::warc_page::{self, RecordKind};
use super::{open_or_create, IndexError};
use crate::copies::{assign::Assigner, Signature};
use crate::extract::{self, body_fingerprint, PageKind};
use crate::Article;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::{Duration, Instant, UNIX_EPOCH};
use tantivy::{IndexWriter, Term};

/// By default, commit after this many changed documents ...
pub const COMMIT_EVERY_DOCS: usize = 5_000;
/// ... or after this long, whichever comes first.
const COMMIT_EVERY: Duration = Duration::from_secs(15);
/// Memory for tantivy's in-RAM segments, shared by its indexing threads.
const WRITER_MEMORY: usize = 256 << 20;
/// Extracted pages waiting for the writer; bounds memory when the writer is slower.
const CHANNEL_BOUND: usize = 256;
/// How much of a file with another extension is read to tell whether it is a page.
const SNIFF_BYTES: u64 = 4096;
/// Extensions that never hold a page: such files are counted without being opened.
const NEVER_PAGES: &[&str] = &[
    "7z", "avi", "bin", "bmp", "bz2", "css", "csv", "db", "dll", "dmg", "doc", "docx", "eot",
    "epub", "exe", "flac", "gif", "ico", "iso", "jpeg", "jpg", "js", "json", "m4a", "map", "mjs",
    "mkv", "mov", "mp3", "mp4", "ogg", "otf", "pdf", "png", "ppt", "pptx", "rar", "so", "sqlite",
    "svg", "tar", "tgz", "tif", "tiff", "ttf", "wasm", "wav", "webm", "webp", "woff", "woff2",
    "xls", "xlsx", "xz", "zip",
];

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
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Commit after this many changed documents (and at least every 15 s).
    pub commit_every: usize,
    /// Set (by a signal handler, or when output is gone) to stop the run early: what was
    /// extracted so far is committed and the rest is left for the next run.
    pub stop: Arc<AtomicBool>,
    /// Group syndicated copies (see [`crate::copies`]); off only to measure what grouping costs.
    pub copies: bool,
}

impl IngestOptions {
    /// Options for an incremental run over `roots` with the defaults: all cores, no progress bar.
    pub fn new(index_path: impl Into<PathBuf>, roots: Vec<PathBuf>) -> IngestOptions {
        IngestOptions {
            index_path: index_path.into(),
            roots,
            full: false,
            threads: None,
            progress: false,
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

/// A page found by the walk.
#[derive(Debug, Clone)]
struct Found {
    abs: String,
    display: String,
    size: u64,
    mtime_ns: i128,
    /// Re-read even if the bytes did not change (its article's holder vanished).
    force: bool,
    /// The content hash recorded last time, for files whose size or mtime changed.
    prev_hash: Option<String>,
}

/// One unit of work from a web archive for the extraction pool (page files go to [`process`]).
enum Job {
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
enum Outcome {
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
        state.commit().map_err(tantivy_err)?;
        summary.interrupted = true;
        summary.elapsed = started.elapsed();
        return Ok(summary);
    }
    let (archives, found): (Vec<Found>, Vec<Found>) = walked
        .pages
        .into_iter()
        .partition(|f| warc::is_warc(Path::new(&f.abs)));
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
        if unchanged && !f.force {
            match rec.and_then(|r| r.skipped.as_ref()) {
                Some(reason) => {
                    summary.skipped += 1;
                    on_event(Event::Skipped {
                        path: f.display.clone(),
                        reason: format!("{reason} (unchanged since)"),
                    });
                }
                None => summary.unchanged += 1,
            }
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
                match &m.skipped {
                    Some(reason) => {
                        summary.skipped += 1;
                        on_event(Event::Skipped {
                            path: m.display.clone(),
                            reason: format!("{reason} (unchanged since)"),
                        });
                    }
                    None => summary.unchanged += 1,
                }
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

    let bar = progress_bar(opts.progress, todo.len());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| tantivy_err(tantivy::TantivyError::SystemError(e.to_string())))?;
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
            if matches!(
                outcome,
                Outcome::Article { .. } | Outcome::Unchanged { .. } | Outcome::Skipped { .. }
            ) && bar.position() >= bar.length().unwrap_or(0)
            {
                bar.inc_length(1);
            }
            bar.inc(1);
            state.apply(outcome, &mut summary, on_event);
            if state.should_commit() {
                state.commit().map_err(tantivy_err)?;
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
    bar.finish_and_clear();
    state.commit().map_err(tantivy_err)?;
    state.writer.wait_merging_threads().map_err(tantivy_err)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
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

/// What the walk found.
#[derive(Default)]
struct Walked {
    pages: Vec<Found>,
    /// Unreadable entries, as (path, reason).
    errors: Vec<(String, String)>,
    /// Files that are not pages, as display paths.
    not_pages: Vec<String>,
    /// The walk was stopped before it saw every file.
    cut: bool,
}

/// Walks the roots for pages, until done or told to stop.
fn walk(roots: &[PathBuf], stop: &AtomicBool) -> Walked {
    let cwd = std::env::current_dir().unwrap_or_default();
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let mut not_pages = Vec::new();
    let mut seen = HashSet::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
        {
            if stop.load(Ordering::Relaxed) {
                return Walked {
                    cut: true,
                    ..Walked::default()
                };
            }
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map(|p| display_path(p, &cwd)).unwrap_or_default();
                    let reason = if e.loop_ancestor().is_some() {
                        "symlink loop".to_string()
                    } else {
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    };
                    errors.push((path, reason));
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            if !is_page(entry.path()) {
                not_pages.push(display_path(entry.path(), &cwd));
                continue;
            }
            let abs = entry.path().to_string_lossy().into_owned();
            if !seen.insert(abs.clone()) {
                continue; // reached twice through a symlink or overlapping roots
            }
            let display = display_path(entry.path(), &cwd);
            match entry.metadata() {
                Ok(md) => found.push(Found {
                    abs,
                    display,
                    size: md.len(),
                    mtime_ns: md
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos() as i128),
                    force: false,
                    prev_hash: None,
                }),
                Err(e) => errors.push((display, e.to_string())),
            }
        }
    }
    Walked {
        pages: found,
        errors,
        not_pages,
        cut: false,
    }
}

/// True when a file is a page: by its name, else (for names that say nothing, such as
/// `story`, `article.php` or `index.html?id=5`) by its first few KiB.
fn is_page(path: &Path) -> bool {
    if PageKind::of(path).is_some() || mhtml::is_mhtml(path) || warc::is_warc(path) {
        return true;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    // wget keeps the query string in the file name.
    if let Some((before, _)) = name.split_once('?') {
        if PageKind::of(Path::new(before)).is_some() {
            return true;
        }
    }
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    if NEVER_PAGES.contains(&ext) {
        return false;
    }
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(SNIFF_BYTES).read_to_end(&mut head));
    read.is_ok() && looks_like_html(&head)
}

/// True when the first bytes of a file are the start of an HTML document.
pub fn looks_like_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start();
    text.starts_with('<')
        && [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<title",
            "<meta ",
        ]
        .iter()
        .any(|tag| text.contains(tag))
}

/// A path relative to the working directory when it lies below it, else absolute.
fn display_path(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// Reads at most the page cap (plus one byte, to notice the cut).
fn read_capped(path: &str) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(extract::MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads and extracts one file (runs on the extraction pool); `copies` computes the signature.
fn process(found: Found, copies: bool) -> Outcome {
    let bytes = match read_capped(&found.abs) {
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
    let page = PathBuf::from(&found.abs);
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
enum ReadState {
    Start,
    Reading,
    /// The reader is done (or the archive is damaged): say so, then stop.
    Finishing,
    Done,
}

/// The records of one archive as jobs, read lazily by whichever pool thread asks next.
struct ArchiveJobs<'a> {
    archive: Found,
    reader: Option<warc::Reader<std::fs::File>>,
    /// Content hashes recorded last time, by record path.
    prev: Arc<HashMap<String, String>>,
    /// Record paths that must be re-indexed even if unchanged.
    forced: Arc<HashSet<String>>,
    stop: &'a AtomicBool,
    state: ReadState,
}

impl ArchiveJobs<'_> {
    fn member(&self, offset: warc::Offset, size: u64) -> Found {
        let abs = warc::member_path(&self.archive.abs, offset);
        Found {
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
                    Path::new(&self.archive.abs),
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
fn process_job(job: Job, copies: bool) -> Outcome {
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

/// The writer side of a run: the index writer and the live manifest.
struct State<'a> {
    writer: IndexWriter,
    fields: Fields,
    manifest: Manifest,
    index_path: &'a Path,
    /// Article id -> absolute paths of the files that produced it.
    holders: HashMap<String, Vec<String>>,
    /// Body fingerprint -> article id, to merge identical bodies with different URLs.
    bodies: HashMap<String, String>,
    pending: usize,
    commit_every: usize,
    last_commit: Instant,
    /// Records of archives met in this run, by path: the ones an archive no longer has go.
    seen_members: HashSet<String>,
    /// Archives read to their end in this run, recorded once all their records are in.
    archives_read: Vec<Found>,
    /// Copy groups of new articles; `None` when grouping is off.
    copies: Option<Assigner>,
}

impl<'a> State<'a> {
    fn new(
        writer: IndexWriter,
        fields: Fields,
        manifest: Manifest,
        index_path: &'a Path,
        commit_every: usize,
    ) -> Self {
        let mut holders: HashMap<String, Vec<String>> = HashMap::new();
        let mut bodies = HashMap::new();
        for (abs, rec) in &manifest.files {
            if let Some(id) = &rec.id {
                holders.entry(id.clone()).or_default().push(abs.clone());
                if let Some(b) = &rec.body_hash {
                    bodies.insert(b.clone(), id.clone());
                }
            }
        }
        State {
            writer,
            fields,
            manifest,
            index_path,
            holders,
            bodies,
            pending: 0,
            commit_every,
            last_commit: Instant::now(),
            seen_members: HashSet::new(),
            archives_read: Vec::new(),
            copies: None,
        }
    }

    /// Deletes documents that no manifest entry accounts for (left by a run killed before it saved the manifest).
    fn delete_orphans(&mut self, index: &tantivy::Index) -> tantivy::Result<()> {
        let reader = index.reader()?;
        let searcher = reader.searcher();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.id)?;
            let mut terms = inverted.terms().stream()?;
            while terms.advance() {
                let id = String::from_utf8_lossy(terms.key()).into_owned();
                if !self.holders.contains_key(&id) {
                    self.writer
                        .delete_term(Term::from_field_text(self.fields.id, &id));
                    self.pending += 1;
                    if let Some(c) = self.copies.as_mut() {
                        c.forget(&id);
                    }
                }
            }
        }
        Ok(())
    }

    /// Drops a vanished file; returns 1 when its article went with it.
    fn forget(&mut self, abs: &str, forced: &mut HashSet<String>) -> usize {
        let Some(rec) = self.manifest.files.remove(abs) else {
            return 0;
        };
        let Some(id) = rec.id else { return 0 };
        if self.release(&id, abs, rec.body_hash.as_deref()) {
            return 1;
        }
        // Another copy of the article remains: re-index it so the stored path is a live one.
        if let Some(other) = self.holders.get(&id).and_then(|h| h.first()) {
            forced.insert(other.clone());
        }
        0
    }

    /// Removes `abs` as a holder of `id`; deletes the document when no holder is left.
    fn release(&mut self, id: &str, abs: &str, body_hash: Option<&str>) -> bool {
        let Some(list) = self.holders.get_mut(id) else {
            return false;
        };
        list.retain(|h| h != abs);
        if !list.is_empty() {
            return false;
        }
        self.holders.remove(id);
        if let Some(b) = body_hash {
            if self.bodies.get(b).is_some_and(|v| v == id) {
                self.bodies.remove(b);
            }
        }
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, id));
        self.pending += 1;
        if let Some(c) = self.copies.as_mut() {
            c.forget(id);
        }
        true
    }

    /// Records each archive read in full, dropping the records it no longer holds.
    fn finish_archives(&mut self, summary: &mut Summary) {
        for archive in std::mem::take(&mut self.archives_read) {
            let prefix = format!("{}#", archive.abs);
            let gone: Vec<String> = self
                .manifest
                .files
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .filter(|(k, _)| !self.seen_members.contains(*k))
                .map(|(k, _)| k.clone())
                .collect();
            // A copy of an article elsewhere that should now be re-indexed waits for the next run.
            let mut later = HashSet::new();
            for k in gone {
                summary.removed += self.forget(&k, &mut later);
            }
            self.record(&archive, String::new(), None, None, None);
        }
        self.seen_members.clear();
    }

    fn apply(&mut self, outcome: Outcome, summary: &mut Summary, on_event: &mut dyn FnMut(Event)) {
        let member = match &outcome {
            Outcome::Article { found, .. }
            | Outcome::Unchanged { found, .. }
            | Outcome::Skipped { found, .. } => Some(&found.abs),
            _ => None,
        };
        if let Some(abs) = member.filter(|abs| warc::split_member(abs).is_some()) {
            self.seen_members.insert(abs.clone());
        }
        match outcome {
            Outcome::NotPage { display } => {
                summary.not_pages += 1;
                on_event(Event::NotPage { path: display });
            }
            Outcome::ArchiveRead { archive } => self.archives_read.push(archive),
            Outcome::Unchanged { found, hash } => {
                // Same bytes under a new mtime: still whatever it was last time.
                let was_skipped = self
                    .manifest
                    .files
                    .get(&found.abs)
                    .is_some_and(|r| r.skipped.is_some());
                if was_skipped {
                    summary.skipped += 1;
                } else {
                    summary.unchanged += 1;
                }
                if let Some(rec) = self.manifest.files.get_mut(&found.abs) {
                    rec.size = found.size;
                    rec.mtime_ns = found.mtime_ns;
                    rec.hash = hash;
                }
            }
            Outcome::Skipped {
                found,
                hash,
                reason,
            } => {
                summary.skipped += 1;
                on_event(Event::Skipped {
                    path: found.display.clone(),
                    reason: reason.clone(),
                });
                let old = self.manifest.files.remove(&found.abs);
                if let Some((old, old_body)) = old.and_then(|r| Some((r.id?, r.body_hash))) {
                    if self.release(&old, &found.abs, old_body.as_deref()) {
                        summary.removed += 1;
                    }
                }
                // Unreadable files are not recorded, so the next run tries them again.
                if let Some(hash) = hash {
                    self.record(&found, hash, None, None, Some(reason));
                }
            }
            Outcome::Article {
                found,
                hash,
                mut article,
                body_hash,
                signature,
                warnings,
            } => {
                for message in warnings {
                    on_event(Event::Warning {
                        path: found.display.clone(),
                        message,
                    });
                }
                if let Some(same_body) = self.bodies.get(&body_hash) {
                    article.id = same_body.clone();
                }
                let old = self.manifest.files.get(&found.abs);
                let old_id = old.and_then(|r| r.id.clone());
                let old_body = old.and_then(|r| r.body_hash.clone());
                let other_holder = self
                    .holders
                    .get(&article.id)
                    .and_then(|h| h.iter().find(|p| **p != found.abs))
                    .cloned();
                if let Some(old) = old_id.as_deref().filter(|old| *old != article.id) {
                    if self.release(old, &found.abs, old_body.as_deref()) && other_holder.is_some()
                    {
                        summary.removed += 1;
                    }
                }
                let id = article.id.clone();
                let mut duplicate = None;
                // A file that already held this article is updating it, not duplicating it.
                let held_before = old_id.as_deref() == Some(id.as_str());
                match other_holder.filter(|_| !found.force && !held_before) {
                    Some(holder) => {
                        summary.skipped += 1;
                        let shown = self
                            .manifest
                            .files
                            .get(&holder)
                            .map_or(holder.clone(), |r| r.display.clone());
                        let reason = format!("same article as {shown}");
                        on_event(Event::Skipped {
                            path: found.display.clone(),
                            reason: reason.clone(),
                        });
                        duplicate = Some(reason);
                    }
                    None => {
                        // Only an id the index may already hold needs deleting first; most adds are new.
                        if self.holders.contains_key(&id) {
                            self.writer
                                .delete_term(Term::from_field_text(self.fields.id, &id));
                            if let Some(c) = self.copies.as_mut() {
                                c.forget(&id);
                            }
                        }
                        let mut doc = schema::to_doc(&self.fields, &article);
                        let signature = signature.as_deref();
                        let group = match self.copies.as_mut().map(|c| c.assign(&id, signature)) {
                            Some(Ok(g)) => g,
                            Some(Err(e)) => {
                                on_event(Event::Warning {
                                    path: found.display.clone(),
                                    message: format!("copies not looked for: {e}"),
                                });
                                crate::copies::own_group(&id)
                            }
                            None => crate::copies::own_group(&id),
                        };
                        crate::copies::assign::add_fields(&mut doc, &self.fields, group, signature);
                        if let Err(e) = self.writer.add_document(doc) {
                            summary.skipped += 1;
                            on_event(Event::Skipped {
                                path: found.display.clone(),
                                reason: format!("cannot index: {e}"),
                            });
                            return;
                        }
                        self.pending += 1;
                        if old_id.is_some() || found.force {
                            summary.updated += 1;
                        } else {
                            summary.added += 1;
                        }
                    }
                }
                let list = self.holders.entry(id.clone()).or_default();
                if !list.contains(&found.abs) {
                    list.push(found.abs.clone());
                }
                self.bodies.insert(body_hash.clone(), id.clone());
                self.record(&found, hash, Some(id), Some(body_hash), duplicate);
            }
        }
    }

    fn record(
        &mut self,
        found: &Found,
        hash: String,
        id: Option<String>,
        body_hash: Option<String>,
        skipped: Option<String>,
    ) {
        let rec = FileRecord {
            display: found.display.clone(),
            size: found.size,
            mtime_ns: found.mtime_ns,
            hash,
            id,
            body_hash,
            skipped,
        };
        self.manifest.files.insert(found.abs.clone(), rec);
    }

    fn should_commit(&self) -> bool {
        self.pending >= self.commit_every
            || (self.pending > 0 && self.last_commit.elapsed() >= COMMIT_EVERY)
    }

    /// Commits the writer, then saves the manifest that describes what was committed.
    fn commit(&mut self) -> tantivy::Result<()> {
        self.writer.commit()?;
        if let Some(c) = self.copies.as_mut() {
            c.committed()?;
        }
        self.manifest.save(self.index_path).map_err(|e| {
            tantivy::TantivyError::SystemError(format!("cannot save manifest: {e}"))
        })?;
        self.pending = 0;
        self.last_commit = Instant::now();
        Ok(())
    }
}

fn progress_bar(show: bool, len: usize) -> indicatif::ProgressBar {
    if !show || len == 0 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} indexing [{bar:30}] {pos}/{len} pages ({per_sec}, eta {eta})",
        )
        .unwrap()
        .progress_chars("=> "),
    );
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_gone_before_it_is_read_is_skipped_not_fatal() {
        let found = Found {
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
