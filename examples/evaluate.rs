//! Extraction evaluation: `cargo run --release --example evaluate -- tests/fixtures/extract`.
//!
//! Prints body precision, recall and F1 (ScrapingHub benchmark definition),
//! headline and date accuracy, and pages/s, for morgue and for the naive
//! "text of every <p>" baseline, on the same fixtures in the same run.

use morgue::eval::{load_fixtures, morgue_extractor, naive_extractor, score, Extractor};
use morgue::extract::{decode, PageKind};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("tests/fixtures/extract"), PathBuf::from);
    let fixtures = load_fixtures(&dir)?;
    println!("{} fixture pages in {}", fixtures.len(), dir.display());
    println!(
        "{:<10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "extractor", "body P", "body R", "body F1", "headline", "date", "author", "pages/s"
    );
    let runs: [(&str, Extractor); 2] =
        [("morgue", morgue_extractor), ("naive <p>", naive_extractor)];
    // Pages written after the extractor was tuned (heldout_*) are scored on their own too:
    // they are the honest figure.
    let held_out: Vec<_> = fixtures
        .iter()
        .filter(|f| {
            f.page
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("heldout_"))
        })
        .cloned()
        .collect();
    let sets = [("all", &fixtures), ("held-out", &held_out)];
    for (set, pages) in sets {
        if pages.is_empty() {
            continue;
        }
        println!("{set} ({} pages)", pages.len());
        for (name, extractor) in runs {
            let started = Instant::now();
            let s = score(pages, extractor);
            let rate = s.pages as f64 / started.elapsed().as_secs_f64();
            println!(
                "{name:<10} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.0}",
                s.precision,
                s.recall,
                s.f1,
                s.headline_accuracy,
                s.date_accuracy,
                s.author_accuracy,
                rate
            );
        }
    }
    // The floor the issue measures against: decoding and parsing each page with scraper, nothing else.
    let pages: Vec<(bool, Vec<u8>)> = fixtures
        .iter()
        .map(|f| {
            let (kind, gz) = PageKind::of(&f.page).unwrap();
            let mut bytes = std::fs::read(&f.page).unwrap();
            if gz {
                bytes = decode::gunzip(&bytes, usize::MAX >> 1).unwrap().0;
            }
            (kind == PageKind::Html, bytes)
        })
        .collect();
    let html: Vec<&[u8]> = pages
        .iter()
        .filter(|p| p.0)
        .map(|p| p.1.as_slice())
        .collect();
    let rounds = 20;
    let started = Instant::now();
    for _ in 0..rounds {
        for bytes in &html {
            std::hint::black_box(scraper::Html::parse_document(&decode::decode(bytes, true)));
        }
    }
    let parse_rate = (rounds * html.len()) as f64 / started.elapsed().as_secs_f64();
    let started = Instant::now();
    for _ in 0..rounds {
        for bytes in &html {
            std::hint::black_box(
                morgue::extract::extract(std::path::Path::new("p.html"), bytes).ok(),
            );
        }
    }
    let extract_rate = (rounds * html.len()) as f64 / started.elapsed().as_secs_f64();
    if cfg!(debug_assertions) {
        println!("(speed figures below are from a debug build; use --release to measure speed)");
    }
    println!(
        "HTML pages, one core, in memory: decode + parse {parse_rate:.0} pages/s, full extraction {extract_rate:.0} pages/s ({:.0}% of parse-only)",
        100.0 * extract_rate / parse_rate
    );
    Ok(())
}
