//! Extraction quality: the fixture evaluation against the naive baseline,
//! the shipped corpus against its ground truth, and the seed text dump.

use crate::util::*;
use chrono::NaiveDate;
use morgue::article::ExtractionKind;
use morgue::eval::{load_fixtures, morgue_extractor, naive_extractor, score};
use morgue::extract::extract;
use std::path::Path;

#[test]
fn fixture_evaluation_beats_the_naive_baseline_by_far() {
    let fixtures = load_fixtures(&root().join("tests/fixtures/extract")).unwrap();
    assert!(fixtures.len() >= 30);
    let ours = score(&fixtures, morgue_extractor);
    let naive = score(&fixtures, naive_extractor);
    println!("morgue: {ours:?}\nnaive:  {naive:?}");
    assert!(ours.f1 >= 0.95, "body F1 {}", ours.f1);
    assert!(ours.precision >= 0.93 && ours.recall >= 0.93);
    assert!(ours.f1 >= naive.f1 + 0.1);
    assert!(
        ours.headline_accuracy >= 0.9,
        "headline accuracy {}",
        ours.headline_accuracy
    );
    assert!(
        ours.date_accuracy >= 0.9,
        "date accuracy {}",
        ours.date_accuracy
    );
    assert!(
        ours.author_accuracy >= 0.85,
        "author accuracy {}",
        ours.author_accuracy
    );
}

/// True when `date` falls on `day` in the publisher's own time zone (the offset is kept).
fn on_local_day(date: morgue::article::Date, day: &str) -> bool {
    date.date_naive() == NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap()
}

#[test]
fn corpus_pages_match_their_ground_truth() {
    let (mut found, mut expected, mut correct) = (0usize, 0usize, 0usize);
    for entry in corpus_truth() {
        let path = entry["path"].as_str().unwrap();
        let bytes = std::fs::read(root().join(path)).unwrap();
        let result = extract(Path::new(path), &bytes);
        if entry["article"] == false {
            // Not an article, but nothing is lost: the page's text is indexed, marked as such.
            let page = result.unwrap_or_else(|e| panic!("{path}: {e}")).article;
            assert_eq!(page.extraction, ExtractionKind::Page, "{path}");
            assert!(!page.body.is_empty(), "{path}");
            continue;
        }
        let a = result.unwrap_or_else(|e| panic!("{path}: {e}")).article;
        assert_eq!(a.headline, entry["headline"].as_str().unwrap(), "{path}");
        let date = a.date.unwrap_or_else(|| panic!("{path}: no date"));
        assert!(
            on_local_day(date, entry["date"].as_str().unwrap()),
            "{path}: {date} vs {}",
            entry["date"]
        );
        let authors: Vec<&str> = entry["authors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(a.authors, authors, "{path}");
        for term in entry["sidebar_terms"].as_array().unwrap() {
            let term = term.as_str().unwrap().to_lowercase();
            assert!(
                !a.body.to_lowercase().contains(&term),
                "{path}: sidebar term {term:?} in body"
            );
        }
        let truth: Vec<&str> = entry["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for p in &a.people {
            assert!(
                !authors.contains(&p.as_str()),
                "{path}: author {p} among people"
            );
        }
        found += a.people.len();
        expected += truth.len();
        correct += a
            .people
            .iter()
            .filter(|p| truth.contains(&p.as_str()))
            .count();
    }
    let (p, r) = (
        correct as f64 / found as f64,
        correct as f64 / expected as f64,
    );
    println!("corpus people: precision {p:.3}, recall {r:.3}");
    assert!(
        p >= 0.85 && r >= 0.8,
        "people precision {p:.3} recall {r:.3}"
    );
}

#[test]
fn the_seed_text_dump_yields_its_article_without_the_sidebar() {
    let seeds = root().join("../shared/seeds");
    let mut seen = 0;
    for entry in std::fs::read_dir(&seeds).expect("../shared/seeds beside the repository") {
        let path = entry.unwrap().path();
        let a = extract(&path, &std::fs::read(&path).unwrap())
            .unwrap()
            .article;
        seen += 1;
        assert!(a.headline.contains("Clubhouse"), "{}", a.headline);
        assert!(a.date.unwrap().to_rfc3339().starts_with("2021-02-15"));
        for junk in [
            "NATO",
            "FASTag",
            "vaccine",
            "Subscribe",
            "newsletter",
            "bookmark",
            "MORE FROM",
        ] {
            assert!(!a.body.contains(junk), "{junk} in body");
        }
        assert!(a.body.contains("Peskov"));
        assert!(
            a.people.iter().any(|p| p == "Dmitry Peskov"),
            "{:?}",
            a.people
        );
        assert!(a.people.iter().any(|p| p == "Elon Musk"), "{:?}", a.people);
    }
    assert!(seen >= 1);
}

/// What a snapshot records of one page: every field extraction decides, nothing that depends
/// on where the checkout lives.
#[derive(serde::Serialize)]
struct Snapshot {
    extraction: ExtractionKind,
    headline: String,
    date: Option<String>,
    site: Option<String>,
    url: Option<String>,
    lang: Option<String>,
    authors: Vec<String>,
    people: Vec<String>,
    /// One entry per paragraph, so a diff names the paragraph that changed.
    body: Vec<String>,
}

/// Every page we wrote (fixtures of every kind and the demo corpus) against a reviewed
/// snapshot of its whole extraction, in `tests/snapshots/`. The aggregate minimums above let
/// one page get worse while another gets better; this names the page. After a deliberate
/// change, `INSTA_UPDATE=always cargo test --test integration snapshots` rewrites them (or
/// `cargo insta review` when cargo-insta is installed): read the diff before committing.
#[test]
fn every_page_we_wrote_matches_its_extraction_snapshot() {
    let dirs = ["tests/fixtures/extract", "tests/fixtures/lang", "corpus"];
    let mut pages: Vec<std::path::PathBuf> = dirs
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(root().join(d)))
        .map(|e| e.unwrap().into_path())
        .filter(|p| {
            p.is_file()
                && morgue::extract::PageKind::of(p).is_some()
                && !p.extension().is_some_and(|e| e == "json" || e == "md")
        })
        .collect();
    pages.sort();
    assert!(pages.len() > 90, "{} pages", pages.len());
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root().join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for page in &pages {
            let rel = page.strip_prefix(root()).unwrap().to_string_lossy();
            let name = rel.replace(['/', '.'], "_");
            let bytes = std::fs::read(page).unwrap();
            let a = extract(page, &bytes)
                .unwrap_or_else(|e| panic!("{rel}: {e}"))
                .article;
            let snap = Snapshot {
                extraction: a.extraction,
                headline: a.headline,
                date: a.date.as_ref().map(morgue::article::format_date),
                site: a.site,
                url: a.url,
                lang: a.lang,
                authors: a.authors,
                people: a.people,
                body: a.body.split("\n\n").map(str::to_string).collect(),
            };
            insta::assert_yaml_snapshot!(name, snap, &rel);
        }
    });
}
