//! The tantivy schema of a morgue index, its tokenizers, and the
//! conversion between [`Article`] and tantivy documents.

use crate::article::{Article, Date, ExtractionKind};
use crate::index::analyzer::{self, LangTokenizer};
use chrono::{DateTime, FixedOffset, Utc};
use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, OwnedValue, Schema,
    TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, TantivyDocument};

/// Bumped whenever the fields or their tokenizers change; older indexes must be rebuilt.
pub const SCHEMA_VERSION: u32 = 8;

/// Tokenizer for prose: lower-cased, accents folded, stemmed in the article's language
/// (see [`crate::index::analyzer`]).
pub const TEXT_TOKENIZER: &str = "morgue_text";
/// Tokenizer for names: lower-cased, accents folded, no stemming.
pub const NAME_TOKENIZER: &str = "morgue_name";

/// The names of the index's fields: the query syntax (`headline:word`), fast-field readers and
/// sort orders spell fields with these.
pub mod names {
    /// The `id` field.
    pub const ID: &str = "id";
    /// The `path` field.
    pub const PATH: &str = "path";
    /// The `url` field.
    pub const URL: &str = "url";
    /// The `site` field.
    pub const SITE: &str = "site";
    /// The `site_facet` field.
    pub const SITE_FACET: &str = "site_facet";
    /// The `headline` field.
    pub const HEADLINE: &str = "headline";
    /// The `body` field.
    pub const BODY: &str = "body";
    /// The `headline_exact` field.
    pub const HEADLINE_EXACT: &str = "headline_exact";
    /// The `body_exact` field.
    pub const BODY_EXACT: &str = "body_exact";
    /// The `person` field.
    pub const PERSON: &str = "person";
    /// The `people_facet` field.
    pub const PEOPLE_FACET: &str = "people_facet";
    /// The `authors` field.
    pub const AUTHORS: &str = "authors";
    /// The `date` field.
    pub const DATE: &str = "date";
    /// The `date_offset` field.
    pub const DATE_OFFSET: &str = "date_offset";
    /// The `extraction` field.
    pub const EXTRACTION: &str = "extraction";
    /// The `captured` field.
    pub const CAPTURED: &str = "captured";
    /// The `copy_group` field.
    pub const COPY_GROUP: &str = "copy_group";
    /// The `copy_bands` field.
    pub const COPY_BANDS: &str = "copy_bands";
    /// The `copy_sig` field.
    pub const COPY_SIG: &str = "copy_sig";
    /// The `lang` field.
    pub const LANG: &str = "lang";
}

/// The fields of the index, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Stable article key.
    pub id: Field,
    /// Absolute path of the page the article came from.
    pub path: Field,
    /// Canonical URL.
    pub url: Field,
    /// Publisher.
    pub site: Field,
    /// Publisher as a facet (`/Harbor Ledger`), for counts over a result set.
    pub site_facet: Field,
    /// Headline, stemmed.
    pub headline: Field,
    /// Body, stemmed.
    pub body: Field,
    /// Headline as written (case and accents folded, not stemmed), for quoted words and prefixes.
    pub headline_exact: Field,
    /// Body as written, for quoted words and prefixes.
    pub body_exact: Field,
    /// People mentioned, one value per person, searchable by any part of the name.
    pub person: Field,
    /// People as facets (`/Vladimir Putin`), for exact counts.
    pub people_facet: Field,
    /// Byline names.
    pub authors: Field,
    /// Publication date as the publisher's wall-clock time (so day filters use the paper's day).
    pub date: Field,
    /// The publisher's UTC offset in seconds, to give the date back as the page wrote it.
    pub date_offset: Field,
    /// `article` or `page` (no article body found; the page's text was indexed).
    pub extraction: Field,
    /// When a web archive captured the page (`WARC-Date`, UTC), for `captured:` ranges.
    pub captured: Field,
    /// The copy group: articles that are copies of one story share it (see [`crate::copies`]).
    pub copy_group: Field,
    /// The LSH band keys of the body's MinHash signature, for finding copies of a new article.
    pub copy_bands: Field,
    /// The body's MinHash signature, to verify a candidate copy.
    pub copy_sig: Field,
    /// The article's language, ISO 639-1 (`de`), absent when unknown.
    pub lang: Field,
}

/// Builds the schema of a morgue index.
pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    let text = |tokenizer: &str| {
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    b.add_text_field(names::ID, STRING | STORED | FAST);
    b.add_text_field(names::PATH, STRING | STORED);
    b.add_text_field(names::URL, STRING | STORED);
    b.add_text_field(names::SITE, text(NAME_TOKENIZER));
    b.add_text_field(names::HEADLINE, text(TEXT_TOKENIZER));
    b.add_text_field(names::BODY, text(TEXT_TOKENIZER));
    // Indexed only: the stored text is the stemmed field's.
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(NAME_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field(names::HEADLINE_EXACT, exact.clone());
    b.add_text_field(names::BODY_EXACT, exact);
    b.add_text_field(names::PERSON, text(NAME_TOKENIZER));
    b.add_facet_field(names::PEOPLE_FACET, FacetOptions::default());
    b.add_facet_field(names::SITE_FACET, FacetOptions::default());
    b.add_text_field(names::AUTHORS, text(NAME_TOKENIZER));
    b.add_date_field(
        names::DATE,
        DateOptions::from(INDEXED)
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_i64_field(names::DATE_OFFSET, STORED);
    b.add_text_field(names::EXTRACTION, STRING | STORED);
    b.add_date_field(
        names::CAPTURED,
        DateOptions::from(tantivy::schema::INDEXED)
            .set_stored()
            .set_fast()
            .set_precision(DateTimePrecision::Seconds),
    );
    b.add_u64_field(names::COPY_GROUP, INDEXED | FAST | STORED);
    b.add_u64_field(names::COPY_BANDS, INDEXED);
    b.add_bytes_field(names::COPY_SIG, FAST);
    b.add_text_field(names::LANG, STRING | STORED | FAST);
    b.build()
}

impl Fields {
    /// Resolves the fields of a schema; `None` when it is not a morgue schema.
    pub fn of(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            id: f(names::ID)?,
            path: f(names::PATH)?,
            url: f(names::URL)?,
            site: f(names::SITE)?,
            site_facet: f(names::SITE_FACET)?,
            headline: f(names::HEADLINE)?,
            body: f(names::BODY)?,
            headline_exact: f(names::HEADLINE_EXACT)?,
            body_exact: f(names::BODY_EXACT)?,
            person: f(names::PERSON)?,
            people_facet: f(names::PEOPLE_FACET)?,
            authors: f(names::AUTHORS)?,
            date: f(names::DATE)?,
            date_offset: f(names::DATE_OFFSET)?,
            extraction: f(names::EXTRACTION)?,
            captured: f(names::CAPTURED)?,
            copy_group: f(names::COPY_GROUP)?,
            copy_bands: f(names::COPY_BANDS)?,
            copy_sig: f(names::COPY_SIG)?,
            lang: f(names::LANG)?,
        })
    }
}

/// Registers morgue's tokenizers; tantivy does not store them, so every open must do this.
pub fn register_tokenizers(index: &Index) {
    index
        .tokenizers()
        .register(TEXT_TOKENIZER, TextAnalyzer::from(LangTokenizer::default()));
    index
        .tokenizers()
        .register(NAME_TOKENIZER, analyzer::name_analyzer());
}

/// Turns an article into a tantivy document.
pub fn to_doc(f: &Fields, a: &Article) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &a.id);
    doc.add_text(f.path, &a.path);
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    if let Some(site) = &a.site {
        doc.add_text(f.site, site);
        doc.add_facet(
            f.site_facet,
            tantivy::schema::Facet::from_path([site.as_str()]),
        );
    }
    let lang = a.lang.as_deref();
    doc.add_text(f.headline, analyzer::tag(lang, &a.headline));
    doc.add_text(f.body, analyzer::tag(lang, &a.body));
    if let Some(lang) = lang {
        doc.add_text(f.lang, lang);
    }
    doc.add_text(f.headline_exact, &a.headline);
    doc.add_text(f.body_exact, &a.body);
    for p in &a.people {
        doc.add_text(f.person, p);
        doc.add_facet(
            f.people_facet,
            tantivy::schema::Facet::from_path([p.as_str()]),
        );
    }
    for p in &a.authors {
        doc.add_text(f.authors, p);
    }
    if let Some(d) = a.date {
        doc.add_date(f.date, to_tantivy_date(d));
        doc.add_i64(f.date_offset, i64::from(d.offset().local_minus_utc()));
    }
    doc.add_text(f.extraction, a.extraction.as_str());
    if let Some(c) = a.captured {
        doc.add_date(
            f.captured,
            tantivy::DateTime::from_timestamp_secs(c.timestamp()),
        );
    }
    doc
}

/// Reads an article back from a stored document.
pub fn from_doc(f: &Fields, doc: &TantivyDocument) -> Article {
    let first = |field: Field| -> Option<String> {
        doc.get_first(field)
            .and_then(|v| match OwnedValue::from(v) {
                OwnedValue::Str(s) => Some(s),
                _ => None,
            })
    };
    let all = |field: Field| -> Vec<String> {
        doc.get_all(field)
            .filter_map(|v| match OwnedValue::from(v) {
                OwnedValue::Str(s) => Some(s),
                _ => None,
            })
            .collect()
    };
    let untagged = |field: Field| first(field).map(|s| analyzer::untag(&s).1.to_string());
    let offset = doc
        .get_first(f.date_offset)
        .and_then(|v| match OwnedValue::from(v) {
            OwnedValue::I64(n) => i32::try_from(n).ok(),
            _ => None,
        })
        .and_then(FixedOffset::east_opt)
        .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"));
    let date = doc
        .get_first(f.date)
        .and_then(|v| match OwnedValue::from(v) {
            OwnedValue::Date(d) => from_tantivy_date(d),
            _ => None,
        })
        .and_then(|wall| {
            use chrono::TimeZone;
            offset.from_local_datetime(&wall.naive_utc()).single()
        });
    let extraction = match first(f.extraction).as_deref() {
        Some("page") => ExtractionKind::Page,
        _ => ExtractionKind::Article,
    };
    Article {
        id: first(f.id).unwrap_or_default(),
        path: first(f.path).unwrap_or_default(),
        url: first(f.url),
        site: first(f.site),
        headline: untagged(f.headline).unwrap_or_default(),
        date,
        authors: all(f.authors),
        people: all(f.person),
        body: untagged(f.body).unwrap_or_default(),
        lang: first(f.lang),
        extraction,
        captured: doc
            .get_first(f.captured)
            .and_then(|v| match OwnedValue::from(v) {
                OwnedValue::Date(d) => from_tantivy_date(d),
                _ => None,
            })
            .map(|d| d.fixed_offset()),
    }
}

/// The indexed form of a publication date: the publisher's wall-clock time read as if it
/// were UTC, so `--from/--to` and `date:` ranges compare on the day the paper printed.
pub fn to_tantivy_date(d: Date) -> tantivy::DateTime {
    wall_clock_date(d.naive_local().and_utc())
}

/// A tantivy date from a UTC instant (query bounds, which are days, not instants).
pub fn wall_clock_date(d: DateTime<Utc>) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(d.timestamp())
}

/// Converts a tantivy date to chrono's.
pub fn from_tantivy_date(d: tantivy::DateTime) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(d.into_timestamp_secs(), 0)
}
