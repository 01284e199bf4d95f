//! The `Article` value: the one type that crosses from extraction to indexing.

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize, Serializer};

/// One news article as extracted from a saved page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Stable key: a hash of the canonical URL when known, else of the body.
    pub id: String,
    /// Where the page was read from, as it was walked.
    pub path: String,
    /// Canonical URL of the article, when the page names one.
    pub url: Option<String>,
    /// Publisher name.
    pub site: Option<String>,
    /// The article's own title, without the publisher suffix.
    pub headline: String,
    /// Original publication date, with the publisher's own UTC offset.
    #[serde(serialize_with = "serialize_date")]
    pub date: Option<Date>,
    /// Byline names.
    pub authors: Vec<String>,
    /// Canonical full names of the people mentioned, in order of first mention.
    pub people: Vec<String>,
    /// The article's paragraphs, joined by blank lines.
    pub body: String,
    /// When a web archive captured the page (its `WARC-Date`); only for pages read from WARC files.
    #[serde(
        default,
        serialize_with = "serialize_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub captured: Option<Date>,
    /// The language of the text, ISO 639-1 (`de`); `None` when it cannot be told.
    #[serde(default)]
    pub lang: Option<String>,
    /// Whether `body` is the article's own text or, when no article was found, the page's.
    #[serde(default)]
    pub extraction: ExtractionKind,
}

/// Where an article's body came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ExtractionKind {
    /// The article's own paragraphs, found by main-content extraction.
    #[default]
    Article,
    /// No article body was found: the page's visible text stands in, so nothing is lost.
    Page,
}

impl ExtractionKind {
    /// The name used in JSON and in the index (`article`, `page`).
    pub fn as_str(self) -> &'static str {
        match self {
            ExtractionKind::Article => "article",
            ExtractionKind::Page => "page",
        }
    }
}

/// A publication instant as the page gives it: the publisher's offset is kept, so the
/// calendar day is the day the paper printed (`Z` when the page says UTC or gives no zone).
pub type Date = DateTime<FixedOffset>;

/// Renders a date as RFC 3339 with whole seconds and its own offset (`2021-02-15T14:20:00Z`,
/// `2023-11-08T21:24:10-05:00`).
pub fn format_date(date: &Date) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn serialize_date<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.serialize_str(&format_date(d)),
        None => s.serialize_none(),
    }
}

/// A short stable identifier derived from a key string.
pub fn make_id(key: &str) -> String {
    let hash = blake3::hash(key.as_bytes());
    hash.to_hex()[..16].to_string()
}

impl Article {
    /// The first lines of the body, cut at a word boundary near `max_chars`.
    pub fn lead(&self, max_chars: usize) -> String {
        lead_of(&self.body, max_chars)
    }
}

/// The start of a text cut at a word boundary near `max_chars`, with an ellipsis when cut.
pub fn lead_of(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn json_shape_has_every_field_and_utc_date() {
        let a = Article {
            id: make_id("https://example.com/a"),
            path: "corpus/a.html".into(),
            date: Some(
                Utc.with_ymd_and_hms(2021, 2, 15, 14, 20, 0)
                    .unwrap()
                    .fixed_offset(),
            ),
            headline: "H".into(),
            ..Default::default()
        };
        let v: serde_json::Value = serde_json::to_value(&a).unwrap();
        assert_eq!(v["date"], "2021-02-15T14:20:00Z");
        assert_eq!(v["id"].as_str().unwrap().len(), 16);
        for key in [
            "id",
            "path",
            "url",
            "site",
            "headline",
            "date",
            "authors",
            "people",
            "body",
            "extraction",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn lead_cuts_at_word_boundary() {
        assert_eq!(lead_of("one two three four", 9), "one two…");
        assert_eq!(lead_of("short\n\ntext", 50), "short text");
    }
}
