//! The on-disk index: a tantivy index plus two small files of ours.
//!
//! `morgue.json` records the schema version; `morgue-files.json` (the
//! manifest) records every walked file's size, mtime, content hash and the
//! article it produced, so unchanged files are skipped without being read.
//! This module knows nothing of HTML: it stores [`crate::Article`]s.

pub mod analyzer;
pub mod http;
pub mod ingest;
pub mod manifest;
pub mod mhtml;
pub mod schema;
pub mod warc;
pub mod warc_page;
pub mod watch;

use schema::{Fields, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy};

/// The file that marks a directory as a morgue index.
pub const MARKER_FILE: &str = "morgue.json";

/// Why an index could not be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Nothing at the index path.
    #[error("no index at {0}; create it with `morgue --index {0} index DIR`")]
    NotFound(PathBuf),
    /// A directory that morgue did not create.
    #[error("{0} is not a morgue index (no {MARKER_FILE}); point --index elsewhere or remove it")]
    NotMorgue(PathBuf),
    /// Written by another version of morgue.
    #[error("the index at {path} has schema version {found}, this morgue needs {SCHEMA_VERSION}; rebuild it with `morgue index --full`")]
    SchemaMismatch {
        /// Where the index is.
        path: PathBuf,
        /// The version it records.
        found: u32,
    },
    /// Another process is writing the index.
    #[error("another morgue process is indexing {0}; wait for it to finish and try again")]
    Locked(PathBuf),
    /// Anything tantivy reports.
    #[error("index at {path}: {source}")]
    Tantivy {
        /// Where the index is.
        path: PathBuf,
        /// What went wrong.
        source: tantivy::TantivyError,
    },
    /// The extraction threads could not be started.
    #[error("cannot start {threads} extraction threads: {source}")]
    ThreadPool {
        /// How many were asked for.
        threads: usize,
        /// What went wrong.
        source: rayon::ThreadPoolBuildError,
    },
    /// Reading or writing our own files (the marker, the manifest) or the pages' folders.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// The marker file's contents.
#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    format: String,
    schema_version: u32,
}

/// An opened index, ready for searching: what it holds is reached through its methods here
/// and in [`crate::search`], [`crate::facets`] and [`crate::analysis`].
pub struct MorgueIndex {
    index: Index,
    /// Reloaded on open, and by a server when the index changes ([`MorgueIndex::reload`]).
    reader: IndexReader,
    fields: Fields,
    path: PathBuf,
}

impl MorgueIndex {
    /// A searcher over the index as it was last (re)loaded.
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// The index's fields, resolved when it was opened.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Where the index lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Live articles in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The analyzer the index uses for a text field (the tokenizers are registered on open).
    pub fn analyzer_for(&self, field: tantivy::schema::Field) -> Option<TextAnalyzer> {
        self.index.tokenizer_for_field(field).ok()
    }

    /// The tantivy schema.
    pub fn schema(&self) -> tantivy::schema::Schema {
        self.index.schema()
    }

    /// The tantivy index, for query parsing inside the crate.
    pub(crate) fn tantivy(&self) -> &Index {
        &self.index
    }

    /// Wraps a tantivy index of morgue's schema that lives elsewhere than a directory of ours
    /// (an index in RAM, in tests); `path` only says where it is in messages.
    #[cfg(test)]
    pub(crate) fn from_tantivy(index: Index, path: PathBuf) -> MorgueIndex {
        let fields = Fields::of(&index.schema()).expect("a morgue schema");
        let reader = index.reader().expect("a reader");
        MorgueIndex {
            index,
            reader,
            fields,
            path,
        }
    }

    /// The reader, for a server that shares it between requests.
    pub(crate) fn reader(&self) -> &IndexReader {
        &self.reader
    }
}

/// True when `path` holds a morgue index (of any version).
pub fn exists(path: &Path) -> bool {
    path.join(MARKER_FILE).is_file()
}

/// Checks the marker of an existing index directory.
fn check_marker(path: &Path) -> Result<(), IndexError> {
    if !path.exists() {
        return Err(IndexError::NotFound(path.to_path_buf()));
    }
    let marker_path = path.join(MARKER_FILE);
    let raw = match std::fs::read_to_string(&marker_path) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(if is_vacant(path) {
                IndexError::NotFound(path.to_path_buf())
            } else {
                IndexError::NotMorgue(path.to_path_buf())
            });
        }
        Err(source) => {
            return Err(IndexError::Io {
                path: marker_path,
                source,
            })
        }
    };
    let marker: Marker =
        serde_json::from_str(&raw).map_err(|_| IndexError::NotMorgue(path.to_path_buf()))?;
    if marker.schema_version != SCHEMA_VERSION {
        return Err(IndexError::SchemaMismatch {
            path: path.to_path_buf(),
            found: marker.schema_version,
        });
    }
    Ok(())
}

fn tantivy_err(path: &Path) -> impl Fn(tantivy::TantivyError) -> IndexError + '_ {
    move |source| IndexError::Tantivy {
        path: path.to_path_buf(),
        source,
    }
}

/// Opens an existing index for searching.
pub fn open(path: &Path) -> Result<MorgueIndex, IndexError> {
    check_marker(path)?;
    if !has_tantivy_meta(path) {
        return Err(IndexError::NotFound(path.to_path_buf()));
    }
    let index = Index::open_in_dir(path).map_err(tantivy_err(path))?;
    schema::register_tokenizers(&index);
    let fields = Fields::of(&index.schema()).ok_or_else(|| IndexError::SchemaMismatch {
        path: path.to_path_buf(),
        found: 0,
    })?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(tantivy_err(path))?;
    Ok(MorgueIndex {
        index,
        reader,
        fields,
        path: path.to_path_buf(),
    })
}

/// Opens the index at `path` for writing, creating it when absent; `--full` starts it afresh.
pub(crate) fn open_or_create(path: &Path) -> Result<Index, IndexError> {
    let io = |source| IndexError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !exists(path) {
        if path.exists()
            && std::fs::read_dir(path)
                .map_err(io)?
                .any(|e| is_foreign(e.ok()))
        {
            return Err(IndexError::NotMorgue(path.to_path_buf()));
        }
        // The marker goes first: a run killed right after it leaves a directory
        // that the next run recognises as ours and finishes creating.
        std::fs::create_dir_all(path).map_err(io)?;
        let marker = Marker {
            format: "morgue".into(),
            schema_version: SCHEMA_VERSION,
        };
        manifest::write_atomic(
            &path.join(MARKER_FILE),
            &serde_json::to_vec_pretty(&marker).unwrap(),
        )
        .map_err(io)?;
    }
    check_marker(path)?;
    let index = if has_tantivy_meta(path) {
        Index::open_in_dir(path)
    } else {
        Index::create_in_dir(path, schema::build_schema())
    }
    .map_err(tantivy_err(path))?;
    schema::register_tokenizers(&index);
    Ok(index)
}

/// True once tantivy has written its first metadata into the directory.
fn has_tantivy_meta(path: &Path) -> bool {
    path.join("meta.json").is_file()
}

/// True when `path` holds no index yet: absent, or a directory with only a README or .gitkeep
/// (as the repository ships `index/`), so it may be built there.
pub fn is_vacant(path: &Path) -> bool {
    if exists(path) {
        return false;
    }
    match std::fs::read_dir(path) {
        Ok(entries) => !entries.into_iter().any(|e| is_foreign(e.ok())),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// Files we tolerate in an index directory that has no marker yet (a committed README, .gitkeep).
fn is_foreign(entry: Option<std::fs::DirEntry>) -> bool {
    let Some(entry) = entry else { return false };
    let name = entry.file_name().to_string_lossy().to_lowercase();
    !(name.starts_with("readme") || name == ".gitkeep")
}

/// Total size in bytes of the files under a directory (the index, a corpus).
pub fn disk_size(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// The article id the manifest records for a page path, if that page was indexed.
pub fn id_for_path(index_dir: &Path, page: &Path) -> Option<String> {
    let abs = std::fs::canonicalize(page).ok()?;
    let manifest = manifest::Manifest::load(index_dir);
    manifest.files.get(abs.to_str()?)?.id.clone()
}

/// A walked file that produced no article, as the manifest recorded it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SkippedPage {
    /// Absolute path of the file.
    pub path: String,
    /// Why it produced no article.
    pub reason: String,
}

/// The pages the index runs skipped (and will skip again until they change), by path.
pub fn skipped_pages(index_dir: &Path) -> Result<Vec<SkippedPage>, IndexError> {
    check_marker(index_dir)?;
    let manifest = manifest::Manifest::load(index_dir);
    Ok(manifest
        .files
        .into_iter()
        .filter_map(|(path, rec)| {
            Some(SkippedPage {
                path,
                reason: rec.skipped?,
            })
        })
        .collect())
}
