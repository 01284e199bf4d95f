//! Helpers shared by the integration tests: temporary directories, the binary, JSON output.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The keys every search hit has in JSON (DESIGN.md's shape), local or from Solr.
pub const HIT_KEYS: &[&str] = &[
    "rank",
    "score",
    "id",
    "headline",
    "date",
    "site",
    "url",
    "path",
    "people",
    "authors",
    "snippet",
    "snippet_html",
];

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch directory with an index path inside it.
pub struct Scratch {
    dir: PathBuf,
    /// Removes the directory when the scratch is dropped; `None` for the shared one.
    _temp: Option<tempfile::TempDir>,
}

impl Scratch {
    pub fn new() -> Scratch {
        let temp = tempfile::tempdir().unwrap();
        Scratch {
            dir: temp.path().to_path_buf(),
            _temp: Some(temp),
        }
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    pub fn index(&self) -> PathBuf {
        self.path().join("index")
    }

    /// `morgue --index <scratch>/index ARGS...`, run from the repository root.
    pub fn morgue(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("morgue").unwrap();
        cmd.current_dir(root())
            .env_remove("MORGUE_INDEX")
            .arg("--index")
            .arg(self.index())
            .args(args);
        cmd
    }

    /// Runs `morgue -v index DIR`, which must succeed without a panic; returns its stderr and summary counts.
    pub fn index_verbose(&self, dir: &Path) -> (String, [usize; 5]) {
        let out = self
            .morgue(&["-v", "index", dir.to_str().unwrap()])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        let counts = summary_counts(&out.stderr);
        (stderr, counts)
    }

    /// Copies the shipped corpus into the scratch directory and returns its path.
    pub fn copy_corpus(&self) -> PathBuf {
        let dest = self.path().join("corpus");
        copy_dir(&root().join("corpus"), &dest);
        dest
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh index of the shipped corpus, for a test that changes the index or its pages.
pub fn indexed_corpus() -> Scratch {
    let s = Scratch::new();
    s.morgue(&["index", "corpus"]).assert().success();
    s
}

/// The index of the shipped corpus, built once per test run and shared by every test that
/// only reads it (most CLI and server tests): one corpus ingest instead of one per test.
/// Lives under cargo's target tmp dir, rebuilt at each run, so a `static` never leaks a
/// temporary directory; a test that writes to it must use [`indexed_corpus`] instead.
pub fn corpus_index() -> &'static Scratch {
    static SHARED: std::sync::OnceLock<Scratch> = std::sync::OnceLock::new();
    SHARED.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("corpus-index");
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        std::fs::create_dir_all(&dir).unwrap();
        let s = Scratch { dir, _temp: None };
        s.morgue(&["index", "corpus"]).assert().success();
        s
    })
}

/// Runs a command and parses its stdout as one JSON document.
pub fn json_of(mut cmd: Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// Runs a command and parses every stdout line as JSON.
pub fn jsonl_of(mut cmd: Command) -> Vec<Value> {
    let out = cmd.output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The summary line `morgue index` prints on stderr, parsed into its counts.
pub fn summary_counts(stderr: &[u8]) -> [usize; 5] {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .find(|l| l.starts_with("added "))
        .unwrap_or_else(|| panic!("no summary in {text}"));
    let mut counts = [0; 5];
    for (i, key) in ["added", "updated", "removed", "unchanged", "skipped"]
        .iter()
        .enumerate()
    {
        let after = line.split(&format!("{key} ")).nth(1).unwrap();
        counts[i] = after.split([',', ' ']).next().unwrap().parse().unwrap();
    }
    counts
}

/// Ground truth of the shipped corpus.
pub fn corpus_truth() -> Vec<Value> {
    let mut all = Vec::new();
    for name in ["a1.json", "a2.json"] {
        let raw = std::fs::read(root().join("tests/fixtures/corpus_truth").join(name)).unwrap();
        let list: Vec<Value> = serde_json::from_slice(&raw).unwrap();
        all.extend(list);
    }
    all
}
