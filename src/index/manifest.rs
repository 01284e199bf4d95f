//! The manifest: what morgue knows about every file it has walked.
//!
//! It is written after each tantivy commit, by atomic rename, so it never
//! claims more than the index holds; a run that was killed leaves an older
//! manifest, and the next run redoes the work it does not record.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// The manifest file's name inside the index directory.
pub const MANIFEST_FILE: &str = "morgue-files.json";

/// What morgue recorded about one file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileRecord {
    /// The path as it was walked, for display.
    pub display: String,
    /// File size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the epoch.
    pub mtime_ns: i128,
    /// blake3 of the file's bytes.
    pub hash: String,
    /// The article this file produced, if any.
    pub id: Option<String>,
    /// Fingerprint of the article's body, for finding identical copies.
    pub body_hash: Option<String>,
    /// Why the file produced no article.
    pub skipped: Option<String>,
}

/// Every walked file, keyed by absolute path.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Records by absolute path.
    pub files: BTreeMap<String, FileRecord>,
}

impl Manifest {
    /// Loads the manifest of an index; a missing or damaged one is empty (everything is redone).
    pub fn load(index_dir: &Path) -> Manifest {
        std::fs::read(index_dir.join(MANIFEST_FILE))
            .ok()
            .and_then(|raw| serde_json::from_slice(&raw).ok())
            .unwrap_or_default()
    }

    /// Writes the manifest next to the index, atomically.
    pub fn save(&self, index_dir: &Path) -> std::io::Result<()> {
        let raw = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        write_atomic(&index_dir.join(MANIFEST_FILE), &raw)
    }
}

/// Writes a file through a temporary sibling and a rename, so readers never see half of it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}
