//! Extraction evaluation: body precision/recall/F1 computed as the ScrapingHub
//! article-extraction-benchmark does, headline and date accuracy, beside a
//! naive "text of every `<p>`" baseline.

use crate::extract::{self, decode, PageKind};
use regex::Regex;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// The expected extraction of one fixture page.
#[derive(Debug, Clone, Deserialize)]
pub struct Truth {
    /// The article's own title.
    pub headline: String,
    /// RFC 3339 with offset, `YYYY-MM-DD`, or null.
    pub date: Option<String>,
    /// Byline names.
    #[serde(default)]
    pub authors: Vec<String>,
    /// People mentioned.
    #[serde(default)]
    pub people: Vec<String>,
    /// The article's paragraphs.
    pub body: String,
}

/// A fixture page with its truth.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// The page.
    pub page: PathBuf,
    /// Its truth.
    pub truth: Truth,
}

/// Loads every `NAME.ext` + `NAME.json` pair in a directory, sorted by name.
pub fn load_fixtures(dir: &Path) -> std::io::Result<Vec<Fixture>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let page = entry?.path();
        if PageKind::of(&page).is_none() {
            continue;
        }
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        let stem = name.split('.').next().unwrap_or(&name).to_string();
        let json = dir.join(format!("{stem}.json"));
        let raw = std::fs::read(&json)?;
        let truth: Truth = serde_json::from_slice(&raw).map_err(std::io::Error::other)?;
        out.push(Fixture { page, truth });
    }
    out.sort_by(|a, b| a.page.cmp(&b.page));
    Ok(out)
}

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").unwrap());

/// The multiset of 4-token shingles of a text (tokens are `\w+`, case kept).
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let tokens: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
    let mut out = HashMap::new();
    for w in tokens.windows(4.min(tokens.len().max(1))) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Precision and recall of a predicted body against the truth, by shingle multisets.
pub fn body_pr(pred: &str, truth: &str) -> (f64, f64) {
    let (p, t) = (shingles(pred), shingles(truth));
    let (np, nt): (usize, usize) = (p.values().sum(), t.values().sum());
    if np == 0 && nt == 0 {
        return (1.0, 1.0);
    }
    if np == 0 || nt == 0 {
        return (0.0, 0.0);
    }
    let common: usize = p
        .iter()
        .map(|(k, n)| (*n).min(*t.get(k).unwrap_or(&0)))
        .sum();
    (common as f64 / np as f64, common as f64 / nt as f64)
}

/// Figures for one extractor over a fixture set.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Mean per-page body precision.
    pub precision: f64,
    /// Mean per-page body recall.
    pub recall: f64,
    /// F1 of the two means.
    pub f1: f64,
    /// Share of exact headlines (whitespace and case ignored).
    pub headline_accuracy: f64,
    /// Share of correct dates.
    pub date_accuracy: f64,
    /// Share of pages whose author list is exactly the truth's (in order).
    pub author_accuracy: f64,
    /// Pages scored.
    pub pages: usize,
}

/// What an extractor returns for scoring.
pub struct Predicted {
    /// Headline.
    pub headline: String,
    /// Date as RFC 3339 UTC.
    pub date: Option<String>,
    /// Body.
    pub body: String,
    /// Authors, in byline order.
    pub authors: Vec<String>,
}

/// morgue's own extractor.
pub fn morgue_extractor(page: &Path) -> Predicted {
    let bytes = std::fs::read(page).unwrap_or_default();
    match extract::extract(page, &bytes) {
        Ok(x) => Predicted {
            headline: x.article.headline,
            date: x.article.date.as_ref().map(crate::article::format_date),
            body: x.article.body,
            authors: x.article.authors,
        },
        Err(_) => Predicted {
            headline: String::new(),
            date: None,
            body: String::new(),
            authors: Vec::new(),
        },
    }
}

/// The naive baseline: `<title>` as headline, no date, the text of every `<p>` as body.
pub fn naive_extractor(page: &Path) -> Predicted {
    let mut bytes = std::fs::read(page).unwrap_or_default();
    let (kind, gz) = PageKind::of(page).unwrap_or((PageKind::Html, false));
    if gz {
        bytes = decode::gunzip(&bytes, extract::MAX_PAGE_BYTES)
            .map(|x| x.0)
            .unwrap_or_default();
    }
    let text = decode::decode(&bytes, kind == PageKind::Html);
    if kind == PageKind::Text {
        return Predicted {
            headline: text.lines().next().unwrap_or("").to_string(),
            date: None,
            body: text,
            authors: Vec::new(),
        };
    }
    let doc = scraper::Html::parse_document(&text);
    let p = scraper::Selector::parse("p").unwrap();
    let title = scraper::Selector::parse("title").unwrap();
    let body: Vec<String> = doc
        .select(&p)
        .map(|e| e.text().collect::<String>())
        .collect();
    let headline = doc
        .select(&title)
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default();
    Predicted {
        headline: headline.trim().to_string(),
        date: None,
        body: body.join("\n\n"),
        authors: Vec::new(),
    }
}

fn same_headline(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .replace(['’', '‘'], "'")
    };
    norm(a) == norm(b)
}

/// A date is right when it is the same instant (for truths with a time) or the same day.
fn same_date(pred: Option<&str>, truth: Option<&str>) -> bool {
    match (pred, truth) {
        (None, None) => true,
        (Some(p), Some(t)) if t.len() == 10 => p.starts_with(t),
        (Some(p), Some(t)) => {
            let parse = |s: &str| {
                chrono::DateTime::parse_from_rfc3339(s)
                    .ok()
                    .map(|d| d.timestamp() / 60)
            };
            parse(p).is_some() && parse(p) == parse(t)
        }
        _ => false,
    }
}

/// An extractor under evaluation.
pub type Extractor = fn(&Path) -> Predicted;

/// Scores an extractor over fixtures.
pub fn score(fixtures: &[Fixture], extractor: Extractor) -> Scores {
    let mut s = Scores {
        pages: fixtures.len(),
        ..Scores::default()
    };
    if fixtures.is_empty() {
        return s;
    }
    for f in fixtures {
        let pred = extractor(&f.page);
        let (p, r) = body_pr(&pred.body, &f.truth.body);
        s.precision += p;
        s.recall += r;
        s.headline_accuracy += same_headline(&pred.headline, &f.truth.headline) as u8 as f64;
        s.date_accuracy += same_date(pred.date.as_deref(), f.truth.date.as_deref()) as u8 as f64;
        s.author_accuracy += (pred.authors == f.truth.authors) as u8 as f64;
    }
    let n = fixtures.len() as f64;
    s.precision /= n;
    s.recall /= n;
    s.headline_accuracy /= n;
    s.date_accuracy /= n;
    s.author_accuracy /= n;
    s.f1 = if s.precision + s.recall > 0.0 {
        2.0 * s.precision * s.recall / (s.precision + s.recall)
    } else {
        0.0
    };
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingle_scores_match_the_benchmark_definition() {
        assert_eq!(body_pr("a b c d e", "a b c d e"), (1.0, 1.0));
        let (p, r) = body_pr("a b c d e f", "a b c d e");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
        assert_eq!(body_pr("", "a b c d"), (0.0, 0.0));
    }

    #[test]
    fn dates_compare_by_instant_or_day() {
        assert!(same_date(
            Some("2021-02-15T14:20:00Z"),
            Some("2021-02-15T19:50:00+05:30")
        ));
        assert!(same_date(Some("2021-02-15T00:00:00Z"), Some("2021-02-15")));
        assert!(!same_date(None, Some("2021-02-15")));
        assert!(same_date(None, None));
    }
}
