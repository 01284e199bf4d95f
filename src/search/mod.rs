//! Search: a [`SearchRequest`] in, [`SearchResults`] out. Knows nothing of pages.
//!
//! [`dates`] reads the dates users write, [`query`] turns a request into a tantivy query,
//! [`hits`] runs it and builds each [`Hit`] with its snippet, [`stats`] counts what the index
//! holds, [`lookup`] finds one article.

pub mod dates;
mod hits;
mod lookup;
mod query;
mod stats;

pub use dates::{parse_day_range, parse_span, rewrite_dates};
pub use hits::{escape_html, flatten_whitespace};
pub(crate) use stats::most_languages_first;
pub use stats::{LangCount, PersonCount, Stats};

use crate::copies::collapse::CopyRef;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::query::Query;
use tantivy::Score;

/// The largest `--limit` honoured; more is clamped, not an error.
pub const MAX_LIMIT: usize = 10_000;
/// The deepest page of results reachable with `--offset`; tantivy keeps offset + limit hits in memory.
pub const MAX_OFFSET: usize = 1_000_000;
/// Snippet length in characters.
pub const SNIPPET_CHARS: usize = 220;
/// How much more a headline match weighs than a body match.
const HEADLINE_BOOST: Score = 2.5;

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortOrder {
    /// BM25 score, best first.
    #[default]
    Relevance,
    /// Publication date, newest first.
    Newest,
    /// Publication date, oldest first.
    Oldest,
}

/// A validated search: everything the search needs, nothing it must check again.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The query string as typed.
    pub query: String,
    /// People the articles must mention (all of them).
    pub people: Vec<String>,
    /// Inclusive lower bound.
    pub from: Option<DateTime<Utc>>,
    /// Exclusive upper bound (the day after an inclusive `--to`).
    pub until: Option<DateTime<Utc>>,
    /// Order; `None` means relevance, or newest for an empty query.
    pub sort: Option<SortOrder>,
    /// Hits to return.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Show every copy of a story as its own hit, instead of one hit per copy group.
    pub all_copies: bool,
    /// Languages the articles must be in (any of them), ISO 639-1.
    pub langs: Vec<String>,
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank across pages of results.
    pub rank: usize,
    /// BM25 score (0 when sorted by date without a query).
    pub score: f32,
    /// Article id.
    pub id: String,
    /// Headline.
    pub headline: String,
    /// Date, RFC 3339 with the publisher's offset.
    pub date: Option<String>,
    /// Publisher.
    pub site: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Page path.
    pub path: String,
    /// People mentioned.
    pub people: Vec<String>,
    /// Byline.
    pub authors: Vec<String>,
    /// Best passage of the body, plain text.
    pub snippet: String,
    /// The same passage, HTML-escaped, with matches in `<b>`.
    pub snippet_html: String,
    /// Byte ranges of the matches inside `snippet`.
    #[serde(skip)]
    pub highlights: Vec<std::ops::Range<usize>>,
    /// `article`, or `page` when no article body was found and the page's text was indexed.
    pub extraction: crate::article::ExtractionKind,
    /// The article's language, ISO 639-1; `null` when it could not be told.
    pub lang: Option<String>,
    /// When a web archive captured the page (RFC 3339, UTC); only for pages from WARC files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captured: Option<String>,
    /// The other places the same story ran (its copy group), oldest first; empty for most.
    pub copies: Vec<CopyRef>,
    /// How many other places in all (`copies` lists at most [`collapse::MAX_COPIES`]).
    #[serde(skip)]
    pub other_places: usize,
}

impl Hit {
    /// How many other places the story ran, listed in `copies` or not.
    pub fn other_place_count(&self) -> usize {
        self.other_places.max(self.copies.len())
    }
}

/// Every filter a search ran with, echoed in its JSON so a saved result says how it was made.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequestEcho {
    /// The query string.
    pub query: String,
    /// `--person` filters.
    pub person: Vec<String>,
    /// First day included (`--from`), `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day included (`--to`), `YYYY-MM-DD`.
    pub to: Option<String>,
    /// The order the hits are in (the default resolved).
    pub sort: SortOrder,
    /// Hits asked for.
    pub limit: usize,
    /// Hits skipped.
    pub offset: usize,
    /// Every copy shown as its own hit (`--all-copies`).
    pub all_copies: bool,
    /// `--lang` filters.
    pub lang: Vec<String>,
}

/// The answer to a search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The query string.
    pub query: String,
    /// The query string and every filter, as the search understood them.
    pub request: RequestEcho,
    /// How many hits there are in all: copy groups, or articles with `--all-copies`.
    pub total_hits: usize,
    /// How many articles matched in all, copies included.
    pub total_articles: usize,
    /// Time spent searching, in milliseconds.
    pub took_ms: f64,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Set when the query had to be read leniently.
    #[serde(skip)]
    pub warning: Option<String>,
}

/// A request's tantivy query, whether it has text to rank by, and a note when read leniently.
pub type RequestQuery = (Box<dyn Query>, bool, Option<String>);

/// A day bound as the user wrote it back (`2021-02-15`).
fn day(d: DateTime<Utc>) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The last day included before `until`, the first instant after a range.
fn last_day(until: DateTime<Utc>) -> String {
    day(until - chrono::Duration::seconds(1))
}

/// Why a search could not run.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query string cannot be understood.
    #[error("bad query: {0}")]
    BadQuery(String),
    /// A date that is not a date.
    #[error("bad date {0:?}: use YYYY, YYYY-MM or YYYY-MM-DD")]
    BadDate(String),
    /// A date written correctly that no calendar has.
    #[error("bad date {0:?}: that day does not exist")]
    NoSuchDay(String),
    /// A date span that ends before it starts.
    #[error("--from {0} is after --to {1}: nothing can match")]
    EmptySpan(String, String),
    /// A `--lang` that is not a language code.
    #[error("--lang {0:?} is not a language code: use ISO 639-1, such as de, fr, zh")]
    BadLang(String),
    /// A `--person` with nothing to match.
    #[error("--person {0:?} has no name in it")]
    NoName(String),
    /// An id prefix that several articles share.
    #[error("id prefix {prefix:?} matches several articles ({}); give more of the id", .ids.join(", "))]
    Ambiguous {
        /// What was typed.
        prefix: String,
        /// Some of the ids it matches.
        ids: Vec<String>,
    },
    /// Anything tantivy reports.
    #[error("search failed: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}
