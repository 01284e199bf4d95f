//! Queries: parsing (with date clauses rewritten and a lenient fallback),
//! person and date filters, sorting, and snippets. Knows nothing of pages.

use crate::article::lead_of;
use crate::copies::collapse::{self, CopyRef};
use crate::index::schema::{from_doc, from_tantivy_date, wall_clock_date};
use crate::index::MorgueIndex;
use crate::Article;
use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;
use serde::Serialize;
use std::ops::Bound;
use std::path::Path;
use std::sync::LazyLock;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, QueryParser, QueryParserError, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Score, TantivyDocument, Term};

/// The largest `--limit` honoured; more is clamped, not an error.
pub const MAX_LIMIT: usize = 10_000;
/// The deepest page of results reachable with `--offset`; tantivy keeps offset + limit hits in memory.
pub const MAX_OFFSET: usize = 1_000_000;
/// Snippet length in characters.
pub const SNIPPET_CHARS: usize = 220;
/// How much more a headline match weighs than a body match.
const HEADLINE_BOOST: Score = 2.5;

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
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

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the first and the day after the last instant it covers.
pub fn parse_day_range(s: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), SearchError> {
    let bad = || SearchError::BadDate(s.to_string());
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| -> Result<u32, SearchError> {
        if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        p.parse().map_err(|_| bad())
    };
    let (start, end) = match parts.as_slice() {
        [y] => {
            let y = num(y, 4)? as i32;
            (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y + 1, 1, 1),
            )
        }
        [y, m] => {
            let (y, m) = (num(y, 4)? as i32, num(m, 2)?);
            let start = NaiveDate::from_ymd_opt(y, m, 1);
            (
                start,
                start.and_then(|d| d.checked_add_months(chrono::Months::new(1))),
            )
        }
        [y, m, d] => {
            let start = NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?);
            (start, start.and_then(|d| d.succ_opt()))
        }
        _ => (None, None),
    };
    match (start, end) {
        (Some(a), Some(b)) => Ok((
            a.and_time(Default::default()).and_utc(),
            b.and_time(Default::default()).and_utc(),
        )),
        // The shape was right (the digits parsed): the month or the day is out of its range.
        _ if parts.len() > 1 => Err(SearchError::NoSuchDay(s.to_string())),
        _ => Err(bad()),
    }
}

/// Parses a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) or a moment (`YYYY-MM-DDTHH:MM`, with
/// seconds and a zone if wanted; UTC without one) into the span it covers: [start, end).
pub fn parse_span(s: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), SearchError> {
    let s = s.trim();
    let Some((day, time)) = s.split_once(['T', 't']) else {
        return parse_day_range(s);
    };
    let (midnight, _) = parse_day_range(day)?;
    if day.len() != 10 {
        return Err(SearchError::BadDate(s.to_string()));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        let t = t.with_timezone(&Utc);
        return Ok((t, t + chrono::Duration::seconds(1)));
    }
    let (clock, offset_secs) = match time.find(['Z', 'z', '+', '-']) {
        None => (time, 0),
        Some(at) => {
            let zone = &time[at..];
            let secs = if zone.eq_ignore_ascii_case("z") {
                0
            } else {
                zone_offset_secs(zone).ok_or_else(|| SearchError::BadDate(s.to_string()))?
            };
            (&time[..at], secs)
        }
    };
    let (t, step) = if let Ok(t) = chrono::NaiveTime::parse_from_str(clock, "%H:%M:%S") {
        (t, chrono::Duration::seconds(1))
    } else if let Ok(t) = chrono::NaiveTime::parse_from_str(clock, "%H:%M") {
        (t, chrono::Duration::minutes(1))
    } else {
        return Err(SearchError::BadDate(s.to_string()));
    };
    let start = midnight + (t - chrono::NaiveTime::MIN) - chrono::Duration::seconds(offset_secs);
    Ok((start, start + step))
}

/// `+HH:MM` or `-HH:MM` as seconds east of UTC.
fn zone_offset_secs(zone: &str) -> Option<i64> {
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = zone[1..].split_once(':').unwrap_or((&zone[1..], "00"));
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

static DATE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(date|captured):([\[{])\s*(\S+)\s+TO\s+(\S+?)\s*([\]}])|(?i)\b(date|captured):(\d[^\s()\[\]{}]*)")
        .unwrap()
});

/// Rewrites `date:` and `captured:` clauses with plain days into the RFC 3339 ranges tantivy
/// accepts.
pub fn rewrite_dates(query: &str) -> Result<String, SearchError> {
    // Most queries hold no date clause: compiling the pattern would cost a search process
    // about a tenth of its CPU.
    let lower = query.to_ascii_lowercase();
    if !lower.contains("date:") && !lower.contains("captured:") {
        return Ok(query.to_string());
    }
    let rfc = |d: DateTime<Utc>| crate::article::format_date(&d.fixed_offset());
    let mut err = None;
    let out = DATE_CLAUSE.replace_all(query, |c: &regex::Captures| {
        let conv = || -> Result<String, SearchError> {
            if let Some(day) = c.get(7) {
                let field = c[6].to_ascii_lowercase();
                let (a, b) = parse_span(day.as_str())?;
                return Ok(format!("{field}:[{} TO {}}}", rfc(a), rfc(b)));
            }
            let field = c[1].to_ascii_lowercase();
            // Each end is a span: `[day` starts at its first instant, `{day` after its last;
            // `day]` ends after its last instant, `day}` before its first.
            let (open, lo, hi, close) = (&c[2], &c[3], &c[4], &c[5]);
            let (open, lo) = if lo == "*" {
                (open, "*".to_string())
            } else {
                let (a, b) = parse_span(lo)?;
                ("[", rfc(if open == "[" { a } else { b }))
            };
            let (hi, close) = if hi == "*" {
                (hi.to_string(), close)
            } else {
                let (a, b) = parse_span(hi)?;
                (rfc(if close == "]" { b } else { a }), "}")
            };
            if lo != "*" && hi != "*" && lo >= hi {
                return Err(SearchError::EmptySpan(c[3].to_string(), c[4].to_string()));
            }
            Ok(format!("{field}:{open}{lo} TO {hi}{close}"))
        };
        conv().unwrap_or_else(|e| {
            err.get_or_insert(e);
            String::new()
        })
    });
    match err {
        Some(e) => Err(e),
        None => Ok(out.into_owned()),
    }
}

/// Maps a query parser error to a message that says what to change.
fn explain(e: &QueryParserError) -> String {
    match e {
        QueryParserError::FieldDoesNotExist(f) => {
            format!("unknown field '{f}' (fields: headline, body, person, authors, site, date, captured, lang, id, path, url)")
        }
        QueryParserError::ExpectedInt(_) | QueryParserError::DateFormatError(_) => {
            "bad date in range: use date:[YYYY-MM-DD TO YYYY-MM-DD]".to_string()
        }
        other => other.to_string(),
    }
}

impl MorgueIndex {
    fn query_parser(&self) -> QueryParser {
        let f = &self.fields;
        let mut qp = QueryParser::for_index(&self.index, vec![f.headline, f.body, f.person]);
        qp.set_conjunction_by_default();
        qp.set_field_boost(f.headline, HEADLINE_BOOST);
        qp
    }

    /// Parses a query string; a syntax error falls back to a lenient reading with a warning.
    ///
    /// Quoted words and phrases go to the unstemmed `*_exact` fields and `word*` becomes a
    /// prefix query there; everything else is left to tantivy's parser on the stemmed fields.
    fn parse(&self, query: &str) -> Result<(Box<dyn Query>, Option<String>), SearchError> {
        if !query.chars().any(char::is_alphanumeric) {
            return Err(SearchError::BadQuery(format!(
                "{query:?} has no words to search for"
            )));
        }
        let query = rewrite_dates(query)?;
        let qp = self.query_parser();
        let (ast, warning) = match tantivy::query_grammar::parse_query(&query) {
            Ok(ast) => (ast, None),
            Err(_) => {
                let (ast, _) = tantivy::query_grammar::parse_query_lenient(&query);
                (
                    ast,
                    Some(
                        "query has a syntax error (unbalanced quotes or brackets); \
                         searched for its words instead"
                            .to_string(),
                    ),
                )
            }
        };
        let langs = self.languages()?;
        let q = self
            .convert(&qp, &langs, ast)
            .map_err(|e| SearchError::BadQuery(explain(&e)))?;
        Ok((q, warning))
    }

    /// Turns a parsed query into a tantivy query, clause by clause (see [`Self::parse`]).
    fn convert(
        &self,
        qp: &QueryParser,
        langs: &[String],
        ast: UserInputAst,
    ) -> Result<Box<dyn Query>, QueryParserError> {
        match ast {
            UserInputAst::Clause(items) => {
                let mut clauses = Vec::with_capacity(items.len() + 1);
                for (occur, sub) in items {
                    clauses.push((occur.unwrap_or(Occur::Must), self.convert(qp, langs, sub)?));
                }
                // `-word` alone means every article without it.
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            UserInputAst::Boost(inner, boost) => Ok(Box::new(BoostQuery::new(
                self.convert(qp, langs, *inner)?,
                boost.into_inner() as Score,
            ))),
            UserInputAst::Leaf(leaf) => match *leaf {
                UserInputLeaf::Literal(mut lit) => {
                    lit.field_name = lit.field_name.map(|f| f.to_lowercase());
                    // The grammar keeps the star of an unquoted `put*` in the word itself.
                    if lit.delimiter == Delimiter::None && lit.phrase.len() > 1 {
                        if let Some(stem) = lit.phrase.strip_suffix('*') {
                            lit.phrase = stem.to_string();
                            lit.prefix = true;
                        }
                    }
                    if lit.field_name.as_deref() == Some("lang") {
                        // Codes are stored lower-case; `lang:DE` and `lang:de-AT` mean `de`.
                        lit.phrase = crate::lang::normalize_code(&lit.phrase).unwrap_or(lit.phrase);
                    }
                    if lit.prefix {
                        self.prefix_query(qp, lit)
                    } else if lit.delimiter != Delimiter::None {
                        qp.build_query_from_user_input_ast(self.exact(lit))
                    } else if let Some(q) = self.word_query(qp, langs, &lit)? {
                        Ok(q)
                    } else {
                        qp.build_query_from_user_input_ast(leaf_of(UserInputLeaf::Literal(lit)))
                    }
                }
                other => qp.build_query_from_user_input_ast(leaf_of(lowercase_field(other))),
            },
        }
    }

    /// The languages of the index's articles (ISO 639-1, as stored), from the terms of the
    /// `lang` field: a few per index, read from each segment's term dictionary.
    fn languages(&self) -> Result<Vec<String>, SearchError> {
        let mut found = std::collections::BTreeSet::new();
        for segment in self.reader.searcher().segment_readers() {
            let inverted = segment.inverted_index(self.fields.lang)?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                found.insert(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        Ok(found.into_iter().collect())
    }

    /// An unquoted word on the stemmed fields (`word`, `headline:word`, `body:word`), analysed
    /// the way each language of the index analysed its articles; `None` for other fields, or
    /// when no language finds a token in it (the parser then says what it makes of it).
    fn word_query(
        &self,
        qp: &QueryParser,
        langs: &[String],
        lit: &UserInputLiteral,
    ) -> Result<Option<Box<dyn Query>>, QueryParserError> {
        let f = &self.fields;
        let fields: &[Field] = match lit.field_name.as_deref() {
            None => &[f.headline, f.body],
            Some("headline") => &[f.headline],
            Some("body") => &[f.body],
            Some(_) => return Ok(None),
        };
        let forms = word_forms(langs, &lit.phrase);
        if forms.is_empty() {
            return Ok(None);
        }
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &field in fields {
            let q = self.forms_query(field, langs, &forms);
            let q: Box<dyn Query> = if field == f.headline {
                Box::new(BoostQuery::new(q, HEADLINE_BOOST))
            } else {
                q
            };
            alternatives.push((Occur::Should, q));
        }
        if lit.field_name.is_none() {
            let person = UserInputLiteral {
                field_name: Some("person".to_string()),
                ..lit.clone()
            };
            alternatives.push((
                Occur::Should,
                qp.build_query_from_user_input_ast(leaf_of(UserInputLeaf::Literal(person)))?,
            ));
        }
        Ok(Some(match alternatives.len() {
            1 => alternatives.remove(0).1,
            _ => Box::new(BooleanQuery::new(alternatives)),
        }))
    }

    /// The forms of a word in one field, each form restricted (without scoring) to the articles
    /// of the languages that gave it; a form every language gives needs no restriction.
    fn forms_query(&self, field: Field, langs: &[String], forms: &[WordForm]) -> Box<dyn Query> {
        let lang_terms = |codes: &mut dyn Iterator<Item = &String>| -> Vec<Term> {
            codes
                .map(|c| Term::from_field_text(self.fields.lang, c))
                .collect()
        };
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for form in forms {
            let base: Box<dyn Query> = match form.tokens.as_slice() {
                [(_, one)] => Box::new(TermQuery::new(
                    Term::from_field_text(field, one),
                    IndexRecordOption::WithFreqs,
                )),
                many => Box::new(PhraseQuery::new_with_offset(
                    many.iter()
                        .map(|(pos, t)| (*pos, Term::from_field_text(field, t)))
                        .collect(),
                )),
            };
            let q: Box<dyn Query> = if forms.len() == 1 {
                base
            } else if form.english {
                // English also stands for articles of no known language: exclude the others.
                let others: Vec<Term> = lang_terms(
                    &mut langs
                        .iter()
                        .filter(|c| !form.langs.contains(c) && c.as_str() != "en"),
                );
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, base),
                    (Occur::MustNot, Box::new(TermSetQuery::new(others))),
                ]))
            } else {
                let only = lang_terms(&mut form.langs.iter());
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, base),
                    (
                        Occur::Must,
                        Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(only)), 0.0)),
                    ),
                ]))
            };
            alternatives.push((Occur::Should, q));
        }
        match alternatives.len() {
            1 => alternatives.remove(0).1,
            _ => Box::new(BooleanQuery::new(alternatives)),
        }
    }

    /// A quoted literal aimed at the unstemmed fields: the headline (boosted), the body, the people.
    fn exact(&self, lit: UserInputLiteral) -> UserInputAst {
        let with_field = |name: &str| {
            leaf_of(UserInputLeaf::Literal(UserInputLiteral {
                field_name: Some(name.to_string()),
                ..lit.clone()
            }))
        };
        match lit.field_name.as_deref() {
            None => UserInputAst::Clause(vec![
                (
                    Some(Occur::Should),
                    UserInputAst::Boost(
                        Box::new(with_field("headline_exact")),
                        (HEADLINE_BOOST as f64).into(),
                    ),
                ),
                (Some(Occur::Should), with_field("body_exact")),
                (Some(Occur::Should), with_field("person")),
            ]),
            Some("headline") => with_field("headline_exact"),
            Some("body") => with_field("body_exact"),
            Some(_) => leaf_of(UserInputLeaf::Literal(lit)),
        }
    }

    /// `put*`: every word starting with `put`, as written (not stemmed); `"big bad wo"*` as a phrase.
    fn prefix_query(
        &self,
        qp: &QueryParser,
        lit: UserInputLiteral,
    ) -> Result<Box<dyn Query>, QueryParserError> {
        let names: Vec<&str> = match lit.field_name.as_deref() {
            None => vec!["headline_exact", "body_exact", "person"],
            Some("headline") => vec!["headline_exact"],
            Some("body") => vec!["body_exact"],
            Some(other) => vec![other],
        };
        let schema = self.index.schema();
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for name in names {
            let field = schema
                .get_field(name)
                .map_err(|_| QueryParserError::FieldDoesNotExist(name.to_string()))?;
            let mut analyzer = self
                .index
                .tokenizer_for_field(field)
                .map_err(|_| QueryParserError::FieldNotIndexed(name.to_string()))?;
            let mut words = Vec::new();
            let mut stream = analyzer.token_stream(&lit.phrase);
            while let Some(tok) = stream.next() {
                words.push(tok.text.clone());
            }
            let q: Box<dyn Query> = match words.as_slice() {
                [] => Box::new(EmptyQuery),
                [word] => Box::new(FuzzyTermQuery::new_prefix(
                    Term::from_field_text(field, word),
                    0,
                    false,
                )),
                _ => qp.build_query_from_user_input_ast(leaf_of(UserInputLeaf::Literal(
                    UserInputLiteral {
                        field_name: Some(name.to_string()),
                        ..lit.clone()
                    },
                )))?,
            };
            let q = if name == "headline_exact" {
                Box::new(BoostQuery::new(q, HEADLINE_BOOST))
            } else {
                q
            };
            alternatives.push((Occur::Should, q));
        }
        Ok(Box::new(BooleanQuery::new(alternatives)))
    }

    /// A query matching articles that mention a person (any part of the name, case and accents ignored).
    fn person_query(&self, name: &str) -> Result<Box<dyn Query>, SearchError> {
        let field = self.fields.person;
        let mut analyzer = self
            .index
            .tokenizer_for_field(field)
            .expect("registered tokenizer");
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(name);
        while let Some(tok) = stream.next() {
            words.push(tok.text.clone());
        }
        if words.is_empty() {
            return Err(SearchError::NoName(name.to_string()));
        }
        // Every spelling of each word the index holds: `Zelensky` finds `Zelenskyy` too.
        let searcher = self.reader.searcher();
        Ok(crate::people_names::person_query(&searcher, field, &words)?)
    }

    /// The tantivy query of a request, whether it has text to rank by, and a warning when it was
    /// read leniently; the search and the facets of its whole result set share it.
    pub fn request_query(&self, req: &SearchRequest) -> Result<RequestQuery, SearchError> {
        let text_query = req.query.trim();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut warning = None;
        let mut has_text = false;
        if !text_query.is_empty() {
            let (q, w) = self.parse(text_query)?;
            warning = w;
            has_text = true;
            clauses.push((Occur::Must, q));
        }
        for p in &req.people {
            clauses.push((Occur::Must, self.person_query(p)?));
        }
        if let (Some(from), Some(until)) = (req.from, req.until) {
            if from >= until {
                return Err(SearchError::EmptySpan(day(from), last_day(until)));
            }
        }
        if req.from.is_some() || req.until.is_some() {
            clauses.push((Occur::Must, Box::new(self.date_range(req.from, req.until))));
        }
        if !req.langs.is_empty() {
            let mut terms = Vec::with_capacity(req.langs.len());
            for l in &req.langs {
                let code = crate::lang::normalize_code(l)
                    .ok_or_else(|| SearchError::BadLang(l.clone()))?;
                terms.push(Term::from_field_text(self.fields.lang, &code));
            }
            // A filter: it must not move the ranking.
            let filter = ConstScoreQuery::new(Box::new(TermSetQuery::new(terms)), 0.0);
            clauses.push((Occur::Must, Box::new(filter)));
        }
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 if has_text => clauses.remove(0).1,
            _ => {
                if !has_text {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
        };
        Ok((query, has_text, warning))
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        let started = std::time::Instant::now();
        let searcher = self.reader.searcher();
        let (query, has_text, warning) = self.request_query(req)?;
        let sort = req.sort.unwrap_or(if has_text {
            SortOrder::Relevance
        } else {
            SortOrder::Newest
        });
        let limit = req.limit.min(MAX_LIMIT);
        let offset = req.offset.min(MAX_OFFSET);
        let ranked =
            |n: usize, skip: usize| -> tantivy::Result<(Vec<(Score, DocAddress)>, usize)> {
                let top = TopDocs::with_limit(n.max(1)).and_offset(skip);
                match sort {
                    SortOrder::Relevance => searcher.search(&query, &(top.order_by_score(), Count)),
                    SortOrder::Newest | SortOrder::Oldest => {
                        let order = if sort == SortOrder::Newest {
                            Order::Desc
                        } else {
                            Order::Asc
                        };
                        let (docs, n) = searcher.search(
                            &query,
                            &(
                                top.order_by_fast_field::<tantivy::DateTime>("date", order),
                                Count,
                            ),
                        )?;
                        Ok((docs.into_iter().map(|(_, a)| (0.0, a)).collect(), n))
                    }
                }
            };
        let (docs, total_hits, total_articles): (Vec<(Score, DocAddress)>, usize, usize) =
            if req.all_copies {
                let (docs, n) = match limit {
                    // `--limit 0` counts without fetching.
                    0 => (Vec::new(), searcher.search(&query, &Count)?),
                    _ => ranked(limit, offset)?,
                };
                (docs, n, n)
            } else {
                let totals = collapse::totals(&searcher, &*query)?;
                let docs = match limit {
                    0 => Vec::new(),
                    _ => collapse::first_of_each_group(&searcher, offset, limit, |n| {
                        ranked(n, 0).map(|(d, _)| d)
                    })?,
                };
                (docs, totals.groups, totals.articles)
            };
        let mut snippets = SnippetGenerator::create(&searcher, &*query, self.fields.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        // The stored text of an article in another language is tokenized by its own chain,
        // so its stemmed forms are found and highlighted.
        let snippet_terms = snippet_terms(&searcher, &*query, self.fields.body)?;
        let mut lang_snippets: std::collections::HashMap<String, SnippetGenerator> =
            Default::default();
        // Quoted words and prefixes matched the unstemmed field; its terms highlight the same text.
        let mut exact_snippets =
            SnippetGenerator::create(&searcher, &*query, self.fields.body_exact)?;
        exact_snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(docs.len());
        for (i, (score, addr)) in docs.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let article = from_doc(&self.fields, &doc);
            let mut snippet = match article.lang.as_deref() {
                None | Some("en") => snippets.snippet(&article.body),
                Some(code) => lang_snippets
                    .entry(code.to_string())
                    .or_insert_with(|| {
                        SnippetGenerator::new(
                            snippet_terms.clone(),
                            crate::index::analyzer::analyzer_for(Some(code)),
                            self.fields.body,
                            SNIPPET_CHARS,
                        )
                    })
                    .snippet(&article.body),
            };
            if snippet.highlighted().is_empty() {
                snippet = exact_snippets.snippet(&article.body);
            }
            let (text, highlights, html) = if snippet.is_empty() || snippet.highlighted().is_empty()
            {
                let lead = lead_of(&article.body, SNIPPET_CHARS);
                let html = escape_html(&lead);
                (lead, Vec::new(), html)
            } else {
                // Ellipses say the passage continues on either side.
                let range = snippet.fragment_range();
                let (pre, post) = (
                    if range.start > 0 { "…" } else { "" },
                    if range.end < article.body.len() {
                        "…"
                    } else {
                        ""
                    },
                );
                let shifted = snippet
                    .highlighted()
                    .iter()
                    .map(|r| r.start + pre.len()..r.end + pre.len())
                    .collect();
                (
                    format!("{pre}{}{post}", snippet.fragment()),
                    shifted,
                    format!("{pre}{}{post}", snippet.to_html()),
                )
            };
            let (text, highlights) = flatten_whitespace(&text, &highlights);
            let html = html.split_whitespace().collect::<Vec<_>>().join(" ");
            let (copies, other_places) = match collapse::group_of(&searcher, addr)? {
                Some(group) => collapse::copies_of(&searcher, &self.fields, group, addr)?,
                None => (Vec::new(), 0),
            };
            hits.push(Hit {
                rank: req.offset + i + 1,
                score,
                id: article.id,
                headline: article.headline,
                date: article.date.as_ref().map(crate::article::format_date),
                site: article.site,
                url: article.url,
                path: article.path,
                people: article.people,
                authors: article.authors,
                snippet: text,
                snippet_html: html,
                highlights,
                extraction: article.extraction,
                lang: article.lang,
                captured: article.captured.as_ref().map(crate::article::format_date),
                copies,
                other_places,
            });
        }
        Ok(SearchResults {
            query: req.query.clone(),
            request: RequestEcho {
                query: req.query.clone(),
                person: req.people.clone(),
                from: req.from.map(day),
                to: req.until.map(last_day),
                sort,
                limit,
                offset: req.offset,
                all_copies: req.all_copies,
                lang: req.langs.clone(),
            },
            total_hits,
            total_articles,
            took_ms: (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
            hits,
            warning,
        })
    }
}

/// A person and the number of articles that mention them.
#[derive(Debug, Clone, Serialize)]
pub struct PersonCount {
    /// Canonical name.
    pub name: String,
    /// Articles mentioning them.
    pub articles: u64,
}

/// Index statistics.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Articles in the index.
    pub articles: u64,
    /// Oldest publication date.
    pub first_date: Option<String>,
    /// Newest publication date.
    pub last_date: Option<String>,
    /// Index size on disk, in bytes.
    pub index_bytes: u64,
    /// Where the index is.
    pub index_path: String,
    /// Most mentioned people.
    pub top_people: Vec<PersonCount>,
    /// Articles per language, most first (articles of no known language are not counted).
    pub languages: Vec<LangCount>,
}

/// Counts per language, most first then by code.
pub(crate) fn most_languages_first(
    counts: std::collections::HashMap<String, u64>,
) -> Vec<LangCount> {
    let mut all: Vec<LangCount> = counts
        .into_iter()
        .map(|(lang, articles)| LangCount { lang, articles })
        .collect();
    sort_languages(&mut all);
    all
}

fn sort_languages(counts: &mut [LangCount]) {
    counts.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.lang.cmp(&b.lang)));
}

/// A language and the number of articles written in it.
#[derive(Debug, Clone, Serialize)]
pub struct LangCount {
    /// ISO 639-1 code.
    pub lang: String,
    /// Live articles in it.
    pub articles: u64,
}

impl MorgueIndex {
    /// The most mentioned people among articles dated within `[from, until)`, with article counts.
    pub fn people(
        &self,
        from: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
        limit: usize,
    ) -> Result<Vec<PersonCount>, SearchError> {
        if let (Some(from), Some(until)) = (from, until) {
            if from >= until {
                return Err(SearchError::EmptySpan(day(from), last_day(until)));
            }
        }
        let searcher = self.reader.searcher();
        if from.is_none() && until.is_none() {
            return Ok(crate::facets::people_everywhere(
                &searcher,
                self.fields.people_facet,
                limit,
            )?);
        }
        let query = self.date_range(from, until);
        let counts = searcher.search(&query, &crate::analysis::NameCounts::PEOPLE)?;
        Ok(crate::people_names::group_counts(counts, limit))
    }

    /// Article count, date range, size and top people.
    pub fn stats(&self) -> Result<Stats, SearchError> {
        let searcher = self.reader.searcher();
        let articles = searcher.num_docs();
        let edge = |order: Order| -> Result<Option<String>, SearchError> {
            let top =
                TopDocs::with_limit(1).order_by_fast_field::<tantivy::DateTime>("date", order);
            let found = searcher.search(&AllQuery, &top)?;
            Ok(found
                .into_iter()
                .find_map(|(d, _)| d)
                .and_then(from_tantivy_date)
                .map(|d| crate::article::format_date(&d.fixed_offset())))
        };
        Ok(Stats {
            articles,
            first_date: edge(Order::Asc)?,
            last_date: edge(Order::Desc)?,
            index_bytes: crate::index::disk_size(&self.path),
            index_path: self.path.display().to_string(),
            top_people: self.people(None, None, 10)?,
            languages: self.language_counts(&AllQuery)?,
        })
    }

    /// Live articles per language among those matching `query`, most first: one count per
    /// language of the index, which has a few.
    pub fn language_counts(&self, query: &dyn Query) -> Result<Vec<LangCount>, SearchError> {
        let searcher = self.reader.searcher();
        let mut counts = Vec::new();
        for lang in self.languages()? {
            let term = Term::from_field_text(self.fields.lang, &lang);
            let both = BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ),
            ]);
            let n = searcher.search(&both, &Count)?;
            if n > 0 {
                counts.push(LangCount {
                    lang,
                    articles: n as u64,
                });
            }
        }
        sort_languages(&mut counts);
        Ok(counts)
    }

    /// One stored article by id, unambiguous id prefix, page path or URL.
    pub fn lookup(&self, key: &str) -> Result<Option<Article>, SearchError> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let key = key.trim();
        let mut candidates = vec![Term::from_field_text(f.id, key)];
        if let Ok(abs) = std::fs::canonicalize(key) {
            if let Some(abs) = abs.to_str() {
                candidates.push(Term::from_field_text(f.path, abs));
            }
        }
        candidates.push(Term::from_field_text(f.path, key));
        // A record of a web archive: `ARCHIVE.warc.gz#OFFSET`, with the archive resolved.
        if let Some((archive, offset)) = crate::index::warc::split_member(key) {
            if let Some(abs) = std::fs::canonicalize(archive)
                .ok()
                .and_then(|a| a.to_str().map(str::to_string))
            {
                let member = crate::index::warc::member_path(&abs, offset);
                candidates.push(Term::from_field_text(f.path, &member));
            }
        }
        if let Some(id) = crate::index::id_for_path(&self.path, Path::new(key)) {
            candidates.push(Term::from_field_text(f.id, &id));
        }
        if key.contains("://") {
            candidates.push(Term::from_field_text(f.url, key));
            let probe = Article {
                url: Some(key.to_string()),
                ..Article::default()
            };
            let id = crate::article::make_id(&crate::extract::identity_key(&probe));
            candidates.push(Term::from_field_text(f.id, &id));
        }
        for term in candidates {
            let q = TermQuery::new(term, IndexRecordOption::Basic);
            if let Some((_, addr)) = searcher
                .search(&q, &TopDocs::with_limit(1).order_by_score())?
                .into_iter()
                .next()
            {
                let doc: TantivyDocument = searcher.doc(addr)?;
                return Ok(Some(from_doc(f, &doc)));
            }
        }
        match self.ids_with_prefix(key)?.as_slice() {
            [] => Ok(None),
            [one] => self.lookup(one),
            many => Err(SearchError::Ambiguous {
                prefix: key.to_string(),
                ids: many.to_vec(),
            }),
        }
    }

    /// Live article ids that start with `prefix` (at most a few: enough to say it is ambiguous).
    fn ids_with_prefix(&self, prefix: &str) -> Result<Vec<String>, SearchError> {
        // Ids are hex; a shorter prefix would match half the archive.
        if prefix.len() < 4 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let mut found = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.id)?;
            let mut terms = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() && found.len() < 5 {
                if !terms.key().starts_with(prefix.as_bytes()) {
                    break;
                }
                let id = String::from_utf8_lossy(terms.key()).into_owned();
                let live = searcher.search(
                    &TermQuery::new(
                        Term::from_field_text(self.fields.id, &id),
                        IndexRecordOption::Basic,
                    ),
                    &Count,
                )? > 0;
                if live {
                    found.insert(id);
                }
            }
        }
        Ok(found.into_iter().collect())
    }

    fn date_range(&self, from: Option<DateTime<Utc>>, until: Option<DateTime<Utc>>) -> RangeQuery {
        let term = |d| Term::from_field_date(self.fields.date, wall_clock_date(d));
        let lo = from.map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
        let hi = until.map_or(Bound::Unbounded, |d| Bound::Excluded(term(d)));
        RangeQuery::new(lo, hi)
    }
}

/// One form a query word takes: its tokens (with positions) in the chains of `langs`.
struct WordForm {
    tokens: Vec<(usize, String)>,
    /// The index's language codes whose chain gives these tokens.
    langs: Vec<String>,
    /// The English chain gives them too (which also analysed the articles of no known language).
    english: bool,
}

/// The distinct forms a word takes in the chains of English and of the index's languages.
fn word_forms(langs: &[String], word: &str) -> Vec<WordForm> {
    let mut forms: Vec<WordForm> = Vec::new();
    let chains = std::iter::once(None).chain(
        langs
            .iter()
            .filter(|c| c.as_str() != "en")
            .map(|c| Some(c.as_str())),
    );
    for lang in chains {
        let mut analyzer = crate::index::analyzer::analyzer_for(lang);
        let mut stream = analyzer.token_stream(word);
        let mut tokens = Vec::new();
        while let Some(t) = stream.next() {
            tokens.push((t.position, t.text.clone()));
        }
        if tokens.is_empty() {
            continue;
        }
        let form = match forms.iter_mut().position(|f| f.tokens == tokens) {
            Some(i) => &mut forms[i],
            None => {
                forms.push(WordForm {
                    tokens,
                    langs: Vec::new(),
                    english: false,
                });
                forms.last_mut().expect("just pushed")
            }
        };
        match lang {
            None => {
                form.english = true;
                if langs.iter().any(|c| c == "en") {
                    form.langs.push("en".to_string());
                }
            }
            Some(code) => form.langs.push(code.to_string()),
        }
    }
    forms
}

/// The terms of a query in a field with their snippet weights, as tantivy's
/// `SnippetGenerator::create` computes them, to build generators with other tokenizers.
fn snippet_terms(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    field: Field,
) -> tantivy::Result<std::collections::BTreeMap<String, Score>> {
    let mut terms = std::collections::BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut out = std::collections::BTreeMap::new();
    for term in terms {
        if let Some(text) = term.value().as_str() {
            let doc_freq = searcher.doc_freq(&term)?;
            if doc_freq > 0 {
                out.insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
    }
    Ok(out)
}

fn leaf_of(leaf: UserInputLeaf) -> UserInputAst {
    UserInputAst::Leaf(Box::new(leaf))
}

/// Field names are matched without regard to case (`Headline:`, `DATE:`).
fn lowercase_field(leaf: UserInputLeaf) -> UserInputLeaf {
    let lower = |f: Option<String>| f.map(|f| f.to_lowercase());
    match leaf {
        UserInputLeaf::Range {
            field,
            lower: lo,
            upper,
        } => UserInputLeaf::Range {
            field: lower(field),
            lower: lo,
            upper,
        },
        UserInputLeaf::Set { field, elements } => UserInputLeaf::Set {
            field: lower(field),
            elements,
        },
        UserInputLeaf::Regex { field, pattern } => UserInputLeaf::Regex {
            field: lower(field),
            pattern,
        },
        UserInputLeaf::Exists { field } => UserInputLeaf::Exists {
            field: field.to_lowercase(),
        },
        other => other,
    }
}

/// Collapses runs of whitespace (paragraph breaks) to one space, moving highlight ranges along.
pub fn flatten_whitespace(
    text: &str,
    ranges: &[std::ops::Range<usize>],
) -> (String, Vec<std::ops::Range<usize>>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0usize; text.len() + 1];
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        map[i] = out.len();
        if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    map[text.len()] = out.len();
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    let ranges = ranges
        .iter()
        .map(|r| map[r.start].min(trimmed)..map[r.end].min(trimmed))
        .collect();
    (out, ranges)
}

/// Escapes text for HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_ranges_cover_years_months_and_days() {
        let (a, b) = parse_day_range("2021-02").unwrap();
        assert_eq!(
            crate::article::format_date(&a.fixed_offset()),
            "2021-02-01T00:00:00Z"
        );
        assert_eq!(
            crate::article::format_date(&b.fixed_offset()),
            "2021-03-01T00:00:00Z"
        );
        assert!(parse_day_range("2021-02-30").is_err());
        assert!(parse_day_range("2021-13").is_err());
        assert!(parse_day_range("21").is_err());
    }

    #[test]
    fn date_clauses_become_rfc3339() {
        assert_eq!(
            rewrite_dates("putin date:[2021-01-01 TO 2021-03-01]").unwrap(),
            "putin date:[2021-01-01T00:00:00Z TO 2021-03-02T00:00:00Z}"
        );
        assert_eq!(
            rewrite_dates("date:2021").unwrap(),
            "date:[2021-01-01T00:00:00Z TO 2022-01-01T00:00:00Z}"
        );
        assert!(rewrite_dates("date:[2021-02-31 TO 2022]").is_err());
    }

    #[test]
    fn whitespace_flattening_keeps_highlights_on_their_words() {
        let (t, r) = flatten_whitespace("a\n\nbig  cat", &[3..6, 8..11]);
        assert_eq!(t, "a big cat");
        assert_eq!(&t[r[0].clone()], "big");
        assert_eq!(&t[r[1].clone()], "cat");
    }
}
