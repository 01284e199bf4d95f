//! Results for other programs: search hits as CSV for spreadsheets, search JSON with a date
//! histogram, and `morgue export`, which streams every matching article in full (body
//! included) as JSON Lines or CSV for pandas, R or a notebook.
//!
//! The export walks the matching documents segment by segment in index order and reads each
//! one from the doc store as it goes, so memory stays flat however large the archive is.

use crate::analysis::{self, CoMentions, Histogram};
use crate::article::{format_date, Article};
use crate::facets::{Bucket, Interval};
use crate::index::schema::from_doc;
use crate::index::MorgueIndex;
use crate::output::{self, Format, Style};
use crate::search::{SearchError, SearchRequest, SearchResults};
use serde::Serialize;
use std::io::{self, Write};
use std::path::PathBuf;
use tantivy::query::EnableScoring;
use tantivy::{DocSet, TantivyDocument, TERMINATED};

/// Output formats of `morgue search`: those of the other commands, and CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitFormat {
    /// Readable text (the default on a terminal).
    Text,
    /// One pretty JSON document.
    Json,
    /// One compact JSON object per hit and line (the default when piped).
    Jsonl,
    /// A header row, then one row per hit (rank, date, headline, site, url, path, people,
    /// authors, snippet, id); lists are joined by "; ".
    Csv,
}

impl HitFormat {
    /// The shared format this one is, or `None` for CSV.
    pub fn shared(self) -> Option<Format> {
        match self {
            HitFormat::Text => Some(Format::Text),
            HitFormat::Json => Some(Format::Json),
            HitFormat::Jsonl => Some(Format::Jsonl),
            HitFormat::Csv => None,
        }
    }
}

/// Output formats of `morgue export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// One compact JSON object per article and line, as `morgue extract` prints them.
    #[default]
    Jsonl,
    /// A header row, then one row per article (id, date, headline, site, url, path, people,
    /// authors, extraction, body); lists are joined by "; ".
    Csv,
}

/// How list fields (people, authors) are joined in a CSV cell.
const LIST_SEPARATOR: &str = "; ";

/// The columns of `search --format csv`.
pub const HIT_COLUMNS: [&str; 10] = [
    "rank", "date", "headline", "site", "url", "path", "people", "authors", "snippet", "id",
];

/// The columns of `export --format csv`.
pub const ARTICLE_COLUMNS: [&str; 10] = [
    "id",
    "date",
    "headline",
    "site",
    "url",
    "path",
    "people",
    "authors",
    "extraction",
    "body",
];

/// The I/O error inside a CSV error, so a closed pipe is still recognised as one.
fn io_of(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// Writes search hits as CSV: a header row, then one row per hit, the snippet as plain text.
pub fn write_hits_csv(out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HIT_COLUMNS).map_err(io_of)?;
    for hit in &results.hits {
        let rank = hit.rank.to_string();
        let path = output::shown_path(&hit.path);
        let people = hit.people.join(LIST_SEPARATOR);
        let authors = hit.authors.join(LIST_SEPARATOR);
        w.write_record([
            rank.as_str(),
            hit.date.as_deref().unwrap_or(""),
            &hit.headline,
            hit.site.as_deref().unwrap_or(""),
            hit.url.as_deref().unwrap_or(""),
            &path,
            &people,
            &authors,
            &hit.snippet,
            &hit.id,
        ])
        .map_err(io_of)?;
    }
    w.flush()
}

/// `search --format json` with the histogram after the hits, the search's keys in their order.
#[derive(Serialize)]
struct WithHistogram<'a> {
    #[serde(flatten)]
    results: &'a SearchResults,
    histogram: &'a [Bucket],
    interval: Interval,
    /// Matching articles without a date, not in the histogram.
    undated: u64,
}

/// Writes search results with their histogram: in JSON as `histogram` and `undated` beside the
/// hits; in text as the hits, then a bar chart 100 columns wide.
pub fn write_results_with_histogram(
    out: &mut dyn Write,
    results: &SearchResults,
    histogram: &Histogram,
    format: Format,
    style: Style,
) -> io::Result<()> {
    match format {
        Format::Json => {
            let mut shown = results.clone();
            for hit in &mut shown.hits {
                hit.path = output::shown_path(&hit.path);
            }
            let doc = WithHistogram {
                results: &shown,
                histogram: &histogram.buckets,
                interval: histogram.interval,
                undated: histogram.undated,
            };
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            out.write_all(b"\n")
        }
        // One hit per line and nothing else, as the contract says; the caller refuses this.
        Format::Jsonl => output::write_results(out, results, format, style),
        Format::Text => {
            output::write_results(out, results, format, style)?;
            write_histogram_text(out, histogram)
        }
    }
}

/// The bar chart, under a line saying what it counts.
fn write_histogram_text(out: &mut dyn Write, h: &Histogram) -> io::Result<()> {
    let total: u64 = h.buckets.iter().map(|b| b.count).sum();
    let per = match h.interval {
        Interval::Year => "year",
        Interval::Month => "month",
        Interval::Week => "week (from Monday)",
        Interval::Day => "day",
    };
    let undated = match h.undated {
        0 => String::new(),
        n => format!("; {n} undated, not shown"),
    };
    writeln!(out)?;
    writeln!(out, "matching articles per {per}: {total} dated{undated}")?;
    for row in analysis::draw(h, 100) {
        writeln!(out, "{row}")?;
    }
    Ok(())
}

/// Writes the people mentioned with someone: text, a JSON document, or one person per line.
pub fn write_co_mentions(out: &mut dyn Write, c: &CoMentions, format: Format) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, c)?;
            out.write_all(b"\n")
        }
        Format::Jsonl => output::write_people(out, &c.with, format),
        Format::Text => {
            let (s, them) = if c.articles == 1 {
                ("", "it")
            } else {
                ("s", "them")
            };
            writeln!(
                out,
                "{}: {} article{s}; people mentioned in {them} too, by shared articles:",
                c.person, c.articles
            )?;
            output::write_people(out, &c.with, format)
        }
    }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The query or a filter is wrong, or the index could not be read.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// The output could not be written (a closed pipe among others).
    #[error("cannot write the export: {0}")]
    Write(#[from] io::Error),
}

impl From<tantivy::TantivyError> for ExportError {
    fn from(e: tantivy::TantivyError) -> ExportError {
        ExportError::Search(SearchError::Tantivy(e))
    }
}

/// Calls `each` with every live article matching `req` (no query and no filter: all of them),
/// in index order, one stored document at a time. Returns how many there were.
pub fn for_each_article(
    idx: &MorgueIndex,
    req: &SearchRequest,
    mut each: impl FnMut(Article) -> io::Result<()>,
) -> Result<u64, ExportError> {
    let (query, _, _) = idx.request_query(req)?;
    let searcher = idx.searcher();
    let weight = query.weight(EnableScoring::disabled_from_searcher(&searcher))?;
    let mut n = 0;
    for segment in searcher.segment_readers() {
        // Documents come in increasing order, so one cached block is enough for sequential reads.
        let store = segment
            .get_store_reader(1)
            .map_err(|e| ExportError::from(tantivy::TantivyError::from(e)))?;
        let alive = segment.alive_bitset();
        let mut docs = weight.scorer(segment, 1.0)?;
        let mut doc = docs.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                let stored: TantivyDocument = store.get(doc)?;
                each(from_doc(idx.fields(), &stored))?;
                n += 1;
            }
            doc = docs.advance();
        }
    }
    Ok(n)
}

/// Paths as `morgue show` gives them (relative below the working directory), with the working
/// directory looked up once rather than for every article.
struct PathShower {
    cwd: Option<PathBuf>,
}

impl PathShower {
    fn new() -> PathShower {
        let cwd = std::env::current_dir()
            .ok()
            .map(|d| std::fs::canonicalize(&d).unwrap_or(d));
        PathShower { cwd }
    }

    fn show(&self, path: &str) -> String {
        let p = std::path::Path::new(path);
        match self.cwd.as_deref().map(|cwd| p.strip_prefix(cwd)) {
            Some(Ok(rel)) if p.is_absolute() => rel.to_string_lossy().into_owned(),
            _ => path.to_string(),
        }
    }
}

/// Streams every article matching `req` to `out` in `format`; returns how many were written.
pub fn export(
    idx: &MorgueIndex,
    req: &SearchRequest,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64, ExportError> {
    let paths = PathShower::new();
    match format {
        ExportFormat::Jsonl => for_each_article(idx, req, |mut a| {
            a.path = paths.show(&a.path);
            serde_json::to_writer(&mut *out, &a)?;
            out.write_all(b"\n")
        }),
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(ARTICLE_COLUMNS).map_err(io_of)?;
            let n = for_each_article(idx, req, |a| {
                let date = a.date.as_ref().map(format_date).unwrap_or_default();
                w.write_record([
                    a.id.as_str(),
                    &date,
                    &a.headline,
                    a.site.as_deref().unwrap_or(""),
                    a.url.as_deref().unwrap_or(""),
                    &paths.show(&a.path),
                    &a.people.join(LIST_SEPARATOR),
                    &a.authors.join(LIST_SEPARATOR),
                    a.extraction.as_str(),
                    &a.body,
                ])
                .map_err(io_of)
            })?;
            w.flush()?;
            Ok(n)
        }
    }
}
