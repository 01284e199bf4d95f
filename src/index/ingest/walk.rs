//! The walk: which files under the roots are pages, with their size and mtime.

use super::super::{mhtml, warc};
use crate::extract::PageKind;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::UNIX_EPOCH;

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

/// A page found by the walk.
#[derive(Debug, Clone)]
pub(super) struct Found {
    /// The file to read: the page itself, or the web archive that holds the record. A path,
    /// not a string: a name that is not UTF-8 must still open.
    pub(super) file: PathBuf,
    /// The manifest's key: the absolute path (lossy for a name that is not UTF-8), with
    /// `#OFFSET` for a record of a web archive.
    pub(super) abs: String,
    /// The path as the user sees it.
    pub(super) display: String,
    pub(super) size: u64,
    pub(super) mtime_ns: i128,
    /// Re-read even if the bytes did not change (its article's holder vanished).
    pub(super) force: bool,
    /// The content hash recorded last time, for files whose size or mtime changed.
    pub(super) prev_hash: Option<String>,
}

/// What the walk found.
#[derive(Default)]
pub(super) struct Walked {
    pub(super) pages: Vec<Found>,
    /// Unreadable entries, as (path, reason).
    pub(super) errors: Vec<(String, String)>,
    /// Files that are not pages, as display paths.
    pub(super) not_pages: Vec<String>,
    /// The walk was stopped before it saw every file.
    pub(super) cut: bool,
}

/// Walks the roots for pages, until done or told to stop.
pub(super) fn walk(roots: &[PathBuf], stop: &AtomicBool) -> Walked {
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
            if !seen.insert(entry.path().to_path_buf()) {
                continue; // reached twice through a symlink or overlapping roots
            }
            let abs = entry.path().to_string_lossy().into_owned();
            let display = display_path(entry.path(), &cwd);
            match entry.metadata() {
                Ok(md) => found.push(Found {
                    file: entry.path().to_path_buf(),
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
