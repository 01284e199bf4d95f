//! Extraction evaluation: `cargo run --release --example evaluate -- tests/fixtures/extract`.
//!
//! Prints body precision, recall and F1 (ScrapingHub benchmark definition),
//! headline and date accuracy, and pages/s, for morgue and for the naive
//! "text of every <p>" baseline, on the same fixtures in the same run.

use morgue::eval::{load_fixtures, morgue_extractor, naive_extractor, score, Extractor};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("tests/fixtures/extract"), PathBuf::from);
    let fixtures = load_fixtures(&dir)?;
    println!("{} fixture pages in {}", fixtures.len(), dir.display());
    println!(
        "{:<10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "extractor", "body P", "body R", "body F1", "headline", "date", "pages/s"
    );
    let runs: [(&str, Extractor); 2] =
        [("morgue", morgue_extractor), ("naive <p>", naive_extractor)];
    for (name, extractor) in runs {
        let started = Instant::now();
        let s = score(&fixtures, extractor);
        let rate = s.pages as f64 / started.elapsed().as_secs_f64();
        println!(
            "{name:<10} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.0}",
            s.precision, s.recall, s.f1, s.headline_accuracy, s.date_accuracy, rate
        );
    }
    Ok(())
}
