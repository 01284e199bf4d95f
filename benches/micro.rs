//! Micro-benchmarks: `cargo bench`. Extraction per page type, the person
//! recogniser alone, and query execution on an index of the demo corpus.
//!
//! No benchmark framework: each case runs for about a second after a warm-up
//! and prints its median time per iteration and the matching rate.

use morgue::extract::{extract, people::find_people};
use morgue::index::ingest::{run, IngestOptions};
use morgue::search::{SearchRequest, SortOrder};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Runs `f` repeatedly for about `budget` and returns the median time of one call.
fn median(budget: Duration, mut f: impl FnMut()) -> Duration {
    for _ in 0..3 {
        f();
    }
    let mut times = Vec::new();
    let started = Instant::now();
    while started.elapsed() < budget || times.len() < 5 {
        let t = Instant::now();
        f();
        times.push(t.elapsed());
    }
    times.sort();
    times[times.len() / 2]
}

fn report(name: &str, unit: &str, t: Duration) {
    println!(
        "{name:<44} {:>10.1} µs   {:>10.0} {unit}/s",
        t.as_secs_f64() * 1e6,
        1.0 / t.as_secs_f64()
    );
}

fn main() {
    // `cargo bench` passes --bench; a name filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let budget = Duration::from_millis(800);

    let pages = [
        (
            "extract: JSON-LD page (meridian-post)",
            "corpus/meridian-post/musk-putin-clubhouse-invitation.html",
        ),
        (
            "extract: OpenGraph div page (harbor-ledger)",
            "corpus/harbor-ledger/apple-two-trillion-valuation.html",
        ),
        (
            "extract: no-metadata page (valley-courier)",
            "corpus/valley-courier/black-hole-first-image.html",
        ),
        (
            "extract: table layout, cp1252 (gazette)",
            "corpus/northern-gazette/macron-wins-french-presidency.html",
        ),
        (
            "extract: plain-text dump (capital-daily)",
            "corpus/capital-daily/chandrayaan-3-lands-near-south-pole.txt",
        ),
    ];
    for (name, rel) in pages {
        let path = find(&root, rel);
        if !wanted(name) {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let t = median(budget, || {
            black_box(extract(&path, black_box(&bytes)).ok());
        });
        report(name, "pages", t);
    }

    let clubhouse = find(&root, pages[0].1);
    let article = extract(&clubhouse, &std::fs::read(&clubhouse).unwrap())
        .unwrap()
        .article;
    if wanted("people") {
        let t = median(budget, || {
            black_box(find_people(
                &article.headline,
                black_box(&article.body),
                &article.authors,
            ));
        });
        report(
            &format!(
                "people: find_people ({} words)",
                article.body.split_whitespace().count()
            ),
            "docs",
            t,
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let opts = IngestOptions {
        full: true,
        ..IngestOptions::new(dir.path().join("index"), vec![root.join("corpus")])
    };
    run(&opts, &mut |_| {}).unwrap();
    let index = morgue::index::open(&opts.index_path).unwrap();
    let queries: [(&str, SearchRequest); 5] = [
        (
            "search: one term, snippets",
            SearchRequest {
                query: "kremlin".into(),
                limit: 10,
                ..Default::default()
            },
        ),
        (
            "search: phrase",
            SearchRequest {
                query: "\"very interesting\"".into(),
                limit: 10,
                ..Default::default()
            },
        ),
        (
            "search: person filter",
            SearchRequest {
                people: vec!["Musk".into()],
                limit: 10,
                ..Default::default()
            },
        ),
        (
            "search: term + date range, newest",
            SearchRequest {
                query: "election".into(),
                from: Some(morgue::search::parse_day_range("2016").unwrap().0),
                until: Some(morgue::search::parse_day_range("2024").unwrap().1),
                sort: Some(SortOrder::Newest),
                limit: 10,
                ..Default::default()
            },
        ),
        (
            "search: empty query, all articles",
            SearchRequest {
                limit: 10,
                ..Default::default()
            },
        ),
    ];
    for (name, req) in queries {
        if !wanted(name) {
            continue;
        }
        let t = median(budget, || {
            black_box(index.search(&req).unwrap());
        });
        report(name, "queries", t);
    }
}

/// A corpus page by path, or the first page of the same folder if the name changed.
fn find(root: &Path, rel: &str) -> PathBuf {
    let path = root.join(rel);
    if path.exists() {
        return path;
    }
    let dir = path.parent().unwrap();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    entries.remove(0)
}
