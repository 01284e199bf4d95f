//! `morgue search --solr` (and `people`, `stats`): a [`SearchRequest`] as Solr parameters,
//! and Solr's answer as the [`SearchResults`] the local search gives, so the same output code
//! prints both.
//!
//! The query string is parsed with the grammar the local search uses and written back in
//! Solr's standard syntax clause by clause, with morgue's field names mapped to the
//! configset's (`headline` → `title`, `body` → `content`, quoted words to the unstemmed
//! `*_exact` copies), so every query form means what it means locally.

use super::doc::{from_solr, solr_date, STORED_FIELDS};
use super::{quote, Solr, SolrError};
use crate::analysis::{contains_run, pick_person, CoMentions, Histogram, PersonError};
use crate::article::{format_date, lead_of};
use crate::facets::Interval;
use crate::search::{
    escape_html, flatten_whitespace, rewrite_dates, Hit, LangCount, PersonCount, RequestEcho,
    SearchError, SearchRequest, SearchResults, SortOrder, Stats, MAX_LIMIT, MAX_OFFSET,
    SNIPPET_CHARS,
};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;
use tantivy::query::Occur;
use tantivy::query_grammar::{
    Delimiter, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};

/// How much more a headline match weighs than a body match (as in the local search).
const HEADLINE_BOOST: &str = "2.5";
/// Marks around highlighted words in Solr's passages (private-use characters no page has).
const HL_PRE: char = '\u{E000}';
const HL_POST: char = '\u{E001}';

/// Why a search on Solr failed.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The request itself is wrong (as the local search would say).
    #[error(transparent)]
    Search(#[from] SearchError),
    /// Solr could not answer.
    #[error(transparent)]
    Solr(#[from] SolrError),
    /// `people --with NAME` names no one, or several people.
    #[error(transparent)]
    Person(#[from] PersonError),
}

/// A request's Solr query (`q`) and filters (`fq`), whether it has text to rank by, and a
/// warning when the query string had to be read leniently.
struct Translated {
    q: String,
    fq: Vec<String>,
    has_text: bool,
    warning: Option<String>,
}

/// Translates the query string and filters of a request.
fn translate(req: &SearchRequest) -> Result<Translated, SearchError> {
    let text = req.query.trim();
    let mut warning = None;
    let q = if text.is_empty() {
        "*:*".to_string()
    } else {
        if !text.chars().any(char::is_alphanumeric) {
            return Err(SearchError::BadQuery(format!(
                "{text:?} has no words to search for"
            )));
        }
        let rewritten = rewrite_dates(text)?;
        let ast = match tantivy::query_grammar::parse_query(&rewritten) {
            Ok(ast) => ast,
            Err(_) => {
                warning = Some(
                    "query has a syntax error (unbalanced quotes or brackets); \
                     searched for its words instead"
                        .to_string(),
                );
                tantivy::query_grammar::parse_query_lenient(&rewritten).0
            }
        };
        render(&ast)?
    };
    let mut fq = Vec::new();
    for p in &req.people {
        if !p.chars().any(char::is_alphanumeric) {
            return Err(SearchError::NoName(p.clone()));
        }
        fq.push(format!("person:{}", quote(p)));
    }
    if let (Some(from), Some(until)) = (req.from, req.until) {
        if from >= until {
            return Err(SearchError::EmptySpan(day(from), last_day(until)));
        }
    }
    if req.from.is_some() || req.until.is_some() {
        fq.push(date_filter(req.from, req.until));
    }
    if !req.langs.is_empty() {
        let mut codes = Vec::new();
        for l in &req.langs {
            let code =
                crate::lang::normalize_code(l).ok_or_else(|| SearchError::BadLang(l.clone()))?;
            codes.push(quote(&code));
        }
        fq.push(format!("content_language:({})", codes.join(" OR ")));
    }
    Ok(Translated {
        q,
        fq,
        has_text: !text.is_empty(),
        warning,
    })
}

/// `[from, until)` on the publication date (wall-clock time, as indexed).
fn date_filter(from: Option<DateTime<Utc>>, until: Option<DateTime<Utc>>) -> String {
    let lo = from.map_or("*".to_string(), solr_date);
    let hi = until.map_or("*".to_string(), solr_date);
    format!("publication_date:[{lo} TO {hi}}}")
}

fn day(d: DateTime<Utc>) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn last_day(until: DateTime<Utc>) -> String {
    day(until - chrono::Duration::seconds(1))
}

/// The configset field a morgue field name stands for: (stemmed or plain, exact).
fn field_of(name: &str) -> Result<(&'static str, &'static str), SearchError> {
    Ok(match name.to_lowercase().as_str() {
        "headline" | "title" => ("title", "title_exact"),
        "body" | "content" => ("content", "content_exact"),
        "person" | "persons" | "people" => ("person", "person"),
        "authors" | "author" => ("author", "author"),
        "site" => ("site", "site"),
        "date" => ("publication_date", "publication_date"),
        "captured" => ("crawl_date", "crawl_date"),
        "id" => ("id", "id"),
        "path" => ("path", "path"),
        "lang" => ("content_language", "content_language"),
        "url" => ("url", "url"),
        other => {
            return Err(SearchError::BadQuery(format!(
                "unknown field '{other}' (fields: headline, body, person, authors, site, date, captured, id, path, url)"
            )))
        }
    })
}

/// One parsed query node in Solr's standard syntax.
fn render(ast: &UserInputAst) -> Result<String, SearchError> {
    Ok(match ast {
        UserInputAst::Clause(items) => {
            let mut parts = Vec::with_capacity(items.len() + 1);
            for (occur, sub) in items {
                let sub = render(sub)?;
                parts.push(match occur.unwrap_or(Occur::Must) {
                    Occur::Must => format!("+({sub})"),
                    Occur::Should => format!("({sub})"),
                    Occur::MustNot => format!("-({sub})"),
                });
            }
            // `-word` alone means every article without it.
            if items.iter().all(|(o, _)| *o == Some(Occur::MustNot)) {
                parts.push("+*:*".to_string());
            }
            parts.join(" ")
        }
        UserInputAst::Boost(inner, boost) => format!("({})^{}", render(inner)?, boost.0),
        UserInputAst::Leaf(leaf) => match leaf.as_ref() {
            UserInputLeaf::Literal(lit) => literal(lit)?,
            UserInputLeaf::All => "*:*".to_string(),
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } => {
                let f = match field {
                    Some(f) => field_of(f)?.0,
                    None => {
                        return Err(SearchError::BadQuery(
                            "a range needs a field, as in date:[2021-01-01 TO 2021-03-01]".into(),
                        ))
                    }
                };
                let (open, lo) = bound(lower, '[', '{');
                let (close, hi) = bound(upper, ']', '}');
                format!("{f}:{open}{lo} TO {hi}{close}")
            }
            UserInputLeaf::Set { field, elements } => {
                let f = field
                    .as_deref()
                    .map_or(Ok("content"), |f| field_of(f).map(|p| p.0))?;
                let alts: Vec<String> = elements
                    .iter()
                    .map(|e| format!("{f}:{}", quote(e)))
                    .collect();
                format!("({})", alts.join(" OR "))
            }
            UserInputLeaf::Exists { field } => format!("{}:*", field_of(field)?.0),
            UserInputLeaf::Regex { field, pattern } => {
                let f = field
                    .as_deref()
                    .map_or(Ok("content"), |f| field_of(f).map(|p| p.0))?;
                format!("{f}:/{}/", pattern.replace('/', "\\/"))
            }
        },
    })
}

/// A range end: its bracket and value (`*` when open).
fn bound(b: &UserInputBound, inclusive: char, exclusive: char) -> (char, String) {
    match b {
        UserInputBound::Inclusive(v) => (inclusive, range_value(v)),
        UserInputBound::Exclusive(v) => (exclusive, range_value(v)),
        UserInputBound::Unbounded => (inclusive, "*".to_string()),
    }
}

/// A range value: dates (already RFC 3339 in UTC) as Solr writes them, others escaped.
fn range_value(v: &str) -> String {
    match DateTime::parse_from_rfc3339(v) {
        Ok(d) => solr_date(d.with_timezone(&Utc)),
        Err(_) => quote(v),
    }
}

/// A word or phrase: unquoted words on the stemmed fields, quoted ones on the exact fields,
/// `word*` as a prefix of the exact fields; without a field, headline (boosted), body, people.
fn literal(lit: &UserInputLiteral) -> Result<String, SearchError> {
    let mut phrase = lit.phrase.clone();
    let mut prefix = lit.prefix;
    // The grammar keeps the star of an unquoted `put*` in the word itself.
    if lit.delimiter == Delimiter::None && phrase.len() > 1 {
        if let Some(stem) = phrase.strip_suffix('*') {
            phrase = stem.to_string();
            prefix = true;
        }
    }
    let quoted = lit.delimiter != Delimiter::None;
    let fields: Vec<(&str, bool)> = match lit.field_name.as_deref() {
        None => {
            let exact = quoted || prefix;
            vec![
                (if exact { "title_exact" } else { "title" }, true),
                (if exact { "content_exact" } else { "content" }, false),
                ("person", false),
            ]
        }
        Some(f) => {
            let (plain, exact) = field_of(f)?;
            vec![(if quoted || prefix { exact } else { plain }, false)]
        }
    };
    let value = if prefix {
        prefix_value(&phrase)
    } else if lit.slop > 0 {
        format!("{}~{}", quote(&phrase), lit.slop)
    } else {
        quote(&phrase)
    };
    let alts: Vec<String> = fields
        .iter()
        .map(|(f, boosted)| {
            let c = format!("{f}:{value}");
            if *boosted {
                format!("({c})^{HEADLINE_BOOST}")
            } else {
                c
            }
        })
        .collect();
    Ok(if alts.len() == 1 {
        alts.into_iter().next().expect("one")
    } else {
        format!("({})", alts.join(" OR "))
    })
}

/// `put*` as a Solr prefix (its words but the last must match as written; Solr's standard
/// parser has no phrase prefix, so `"big bad wo"*` needs `big` and `bad` and a `wo…` word).
fn prefix_value(phrase: &str) -> String {
    let words: Vec<&str> = phrase
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    match words.split_last() {
        None => "\"\"".to_string(),
        Some((last, [])) => format!("{}*", super::escape(last)),
        Some((last, rest)) => {
            let mut parts: Vec<String> = rest.iter().map(|w| super::escape(w)).collect();
            parts.push(format!("{}*", super::escape(last)));
            format!("({})", parts.join(" AND "))
        }
    }
}

/// Runs a search on the collection; the answer has the local search's shape.
pub fn search(solr: &Solr, req: &SearchRequest) -> Result<SearchResults, QueryError> {
    let started = std::time::Instant::now();
    let t = translate(req)?;
    let sort = req.sort.unwrap_or(if t.has_text {
        SortOrder::Relevance
    } else {
        SortOrder::Newest
    });
    let limit = req.limit.min(MAX_LIMIT);
    let offset = req.offset.min(MAX_OFFSET);
    let order = match sort {
        SortOrder::Relevance => "score desc,id asc",
        SortOrder::Newest => "publication_date desc,id asc",
        SortOrder::Oldest => "publication_date asc,id asc",
    };
    let mut params: Vec<(&str, String)> = vec![
        ("q", t.q.clone()),
        ("defType", "lucene".into()),
        ("q.op", "AND".into()),
        ("sort", order.into()),
        ("start", offset.to_string()),
        ("rows", limit.to_string()),
        ("fl", STORED_FIELDS.into()),
    ];
    if t.has_text && limit > 0 {
        params.extend([
            ("hl", "true".into()),
            ("hl.method", "unified".into()),
            ("hl.fl", "content".into()),
            ("hl.snippets", "1".into()),
            ("hl.bs.type", "WORD".into()),
            ("hl.fragsize", SNIPPET_CHARS.to_string()),
            ("hl.defaultSummary", "false".into()),
            ("hl.tag.pre", HL_PRE.to_string()),
            ("hl.tag.post", HL_POST.to_string()),
        ]);
    }
    for f in &t.fq {
        params.push(("fq", f.clone()));
    }
    let answer = solr.get("select", &params).map_err(bad_query)?;
    let total = num_found(&answer)? as usize;
    let docs = answer["response"]["docs"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut hits = Vec::with_capacity(docs.len());
    for (i, d) in docs.iter().enumerate() {
        let article = from_solr(d);
        let passage = answer["highlighting"][&article.id]["content"][0].as_str();
        let (snippet, highlights, snippet_html) = snippet_of(&article.body, passage);
        hits.push(Hit {
            rank: req.offset + i + 1,
            score: if sort == SortOrder::Relevance {
                d["score"].as_f64().unwrap_or(0.0) as f32
            } else {
                0.0
            },
            id: article.id,
            headline: article.headline,
            date: article.date.as_ref().map(format_date),
            site: article.site,
            url: article.url,
            path: article.path,
            people: article.people,
            authors: article.authors,
            snippet,
            snippet_html,
            highlights,
            extraction: article.extraction,
            captured: article.captured.as_ref().map(format_date),
            lang: article.lang,
            copies: Vec::new(),
            other_places: 0,
        });
    }
    Ok(SearchResults {
        query: req.query.clone(),
        request: RequestEcho {
            query: req.query.clone(),
            person: req.people.clone(),
            lang: req.langs.clone(),
            from: req.from.map(day),
            to: req.until.map(last_day),
            sort,
            limit,
            offset: req.offset,
            // Copies are not grouped in Solr: every copy is its own hit.
            all_copies: true,
        },
        total_hits: total,
        total_articles: total,
        took_ms: (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
        hits,
        warning: t.warning,
    })
}

/// A hit's snippet from Solr's passage (words between the marks highlighted), with
/// ellipses where the body goes on; the body's first lines when nothing was highlighted.
fn snippet_of(body: &str, passage: Option<&str>) -> (String, Vec<std::ops::Range<usize>>, String) {
    let Some(passage) = passage.filter(|p| p.contains(HL_PRE)) else {
        let lead = lead_of(body, SNIPPET_CHARS);
        let html = escape_html(&lead);
        return (lead, Vec::new(), html);
    };
    let mut plain = String::with_capacity(passage.len());
    let mut ranges = Vec::new();
    let mut start = 0;
    for c in passage.chars() {
        match c {
            HL_PRE => start = plain.len(),
            HL_POST => ranges.push(start..plain.len()),
            c => plain.push(c),
        }
    }
    let (pre, post) = match body.find(plain.trim()) {
        Some(at) => (
            if at > 0 { "…" } else { "" },
            if at + plain.trim().len() < body.trim_end().len() {
                "…"
            } else {
                ""
            },
        ),
        None => ("", ""),
    };
    let text = format!("{pre}{plain}{post}");
    let ranges: Vec<_> = ranges
        .into_iter()
        .map(|r| r.start + pre.len()..r.end + pre.len())
        .collect();
    let (text, ranges) = flatten_whitespace(&text, &ranges);
    let mut html = String::with_capacity(text.len() + 16 * ranges.len());
    let mut at = 0;
    for r in &ranges {
        html.push_str(&escape_html(&text[at..r.start]));
        html.push_str("<b>");
        html.push_str(&escape_html(&text[r.clone()]));
        html.push_str("</b>");
        at = r.end;
    }
    html.push_str(&escape_html(&text[at..]));
    (text, ranges, html)
}

/// The base parameters of a facet-only request: the query and filters of `t`, no rows.
fn facet_params(t: &Translated) -> Vec<(&'static str, String)> {
    let mut params: Vec<(&str, String)> = vec![
        ("q", t.q.clone()),
        ("defType", "lucene".into()),
        ("q.op", "AND".into()),
        ("rows", "0".into()),
    ];
    for f in &t.fq {
        params.push(("fq", f.clone()));
    }
    params
}

/// Solr's date math for one bucket of `interval` (buckets start where the local ones do, so
/// one step from a bucket's start is the next bucket's start).
fn gap(interval: Interval) -> &'static str {
    match interval {
        Interval::Year => "+1YEAR",
        Interval::Month => "+1MONTH",
        Interval::Week => "+7DAYS",
        Interval::Day => "+1DAY",
    }
}

/// Days since 1970 of a date Solr wrote, as the local histogram counts them.
fn epoch_day(value: &str) -> Option<i64> {
    let d = DateTime::parse_from_rfc3339(value).ok()?;
    Some(d.timestamp().div_euclid(86_400))
}

/// Matching articles per bucket of `interval` (all of them: the request's limit and offset do
/// not matter), from a range facet on the publication date between the first and the last
/// matching dates, which the stats component gives first.
pub fn histogram(
    solr: &Solr,
    req: &SearchRequest,
    interval: Interval,
) -> Result<Histogram, QueryError> {
    let t = translate(req)?;
    let mut params = facet_params(&t);
    params.extend([
        ("stats", "true".into()),
        ("stats.field", "publication_date".into()),
    ]);
    let answer = solr.get("select", &params).map_err(bad_query)?;
    let total = num_found(&answer)?;
    let stats = &answer["stats"]["stats_fields"]["publication_date"];
    let undated = stats["missing"].as_u64().unwrap_or(total);
    let edge = |k: &str| -> Option<chrono::NaiveDate> {
        let d = DateTime::parse_from_rfc3339(stats[k].as_str()?).ok()?;
        Some(interval.start_of(d.naive_utc().date()))
    };
    let (Some(first), Some(last)) = (edge("min"), edge("max")) else {
        return Ok(Histogram::from_days(&HashMap::new(), undated, interval));
    };
    let at = |d: chrono::NaiveDate| solr_date(d.and_time(chrono::NaiveTime::MIN).and_utc());
    let mut params = facet_params(&t);
    params.extend([
        ("facet", "true".into()),
        ("facet.range", "publication_date".into()),
        ("facet.range.start", at(first)),
        ("facet.range.end", at(interval.next(last))),
        ("facet.range.gap", gap(interval).into()),
        ("facet.mincount", "1".into()),
    ]);
    let answer = solr.get("select", &params).map_err(bad_query)?;
    let flat = answer["facet_counts"]["facet_ranges"]["publication_date"]["counts"]
        .as_array()
        .ok_or_else(|| SolrError::BadAnswer("no date range facet in the answer".into()))?;
    let mut days = HashMap::new();
    for pair in flat.chunks(2) {
        if let [Value::String(start), n] = pair {
            if let (Some(day), Some(n)) = (epoch_day(start), n.as_u64()) {
                *days.entry(day).or_insert(0) += n;
            }
        }
    }
    Ok(Histogram::from_days(&days, undated, interval))
}

/// How many documents a select answer matched.
fn num_found(answer: &Value) -> Result<u64, SolrError> {
    answer["response"]["numFound"]
        .as_u64()
        .ok_or_else(|| SolrError::BadAnswer("no numFound in a select answer".into()))
}

/// The names of an answer's `persons` facet with their article counts, in Solr's order.
fn person_counts(answer: &Value) -> Result<Vec<(String, u64)>, SolrError> {
    let flat = answer["facet_counts"]["facet_fields"]["persons"]
        .as_array()
        .ok_or_else(|| SolrError::BadAnswer("no person facet in the answer".into()))?;
    Ok(flat
        .chunks(2)
        .filter_map(|pair| match pair {
            [Value::String(name), n] => Some((name.clone(), n.as_u64()?)),
            _ => None,
        })
        .collect())
}

/// A 400 from Solr is a bad query, as the local search would call it.
fn bad_query(e: SolrError) -> QueryError {
    match e {
        SolrError::Refused {
            status: 400,
            message,
        } => QueryError::Search(SearchError::BadQuery(message)),
        other => QueryError::Solr(other),
    }
}

/// The most mentioned people among the articles a request matches (query and dates).
pub fn people(
    solr: &Solr,
    req: &SearchRequest,
    limit: usize,
) -> Result<Vec<PersonCount>, QueryError> {
    let t = translate(req)?;
    let mut params: Vec<(&str, String)> = vec![
        ("q", t.q),
        ("defType", "lucene".into()),
        ("rows", "0".into()),
        ("facet", "true".into()),
        ("facet.field", "persons".into()),
        ("facet.limit", limit.to_string()),
        ("facet.mincount", "1".into()),
        ("facet.sort", "count".into()),
    ];
    for f in t.fq {
        params.push(("fq", f));
    }
    let answer = solr.get("select", &params)?;
    Ok(person_counts(&answer)?
        .into_iter()
        .map(|(name, articles)| PersonCount { name, articles })
        .collect())
}

/// The number of articles `params` match, and every name of the `persons` facet with its
/// article count among them.
fn person_facet(
    solr: &Solr,
    mut params: Vec<(&str, String)>,
) -> Result<(u64, Vec<(String, u64)>), QueryError> {
    params.extend([
        ("facet", "true".into()),
        ("facet.field", "persons".into()),
        ("facet.limit", "-1".into()),
        ("facet.mincount", "1".into()),
    ]);
    let answer = solr.get("select", &params).map_err(bad_query)?;
    Ok((num_found(&answer)?, person_counts(&answer)?))
}

/// `people --with NAME`: resolves `name` among the collection's people as the local index
/// does (the whole name facet stands in for the index's name dictionary, which the local
/// command reads too), then counts the people of the articles that mention any spelling of
/// that person and match `req`'s query and dates, at most `limit` of them.
pub fn co_mentions(
    solr: &Solr,
    name: &str,
    req: &SearchRequest,
    limit: usize,
) -> Result<CoMentions, QueryError> {
    use crate::people_names::{group_counts, name_key, name_words, names_person, word_key};
    let key_words =
        |n: &str| -> Vec<String> { name_words(n).iter().map(|w| word_key(w)).collect() };
    let wanted = key_words(name);
    if wanted.is_empty() {
        return Err(PersonError::NoName(name.to_string()).into());
    }
    // Resolved against the whole collection, as locally: dates narrow the counts, not who.
    let (_, everyone) = person_facet(solr, facet_params(&translate(&SearchRequest::default())?))?;
    let candidates = everyone
        .iter()
        .filter(|(n, _)| contains_run(&key_words(n), &wanted))
        .cloned()
        .collect();
    let person = pick_person(name, &wanted, candidates, key_words)?;
    let key = name_key(&person);
    let spellings: Vec<String> = everyone
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| *n == person || name_key(n) == key)
        .map(|n| quote(&n))
        .collect();
    let mut params = facet_params(&translate(req)?);
    params.push(("fq", format!("persons:({})", spellings.join(" OR "))));
    let (articles, names) = person_facet(solr, params)?;
    let with = group_counts(
        names.into_iter().filter(|(n, _)| !names_person(n, &key)),
        limit,
    );
    Ok(CoMentions {
        person,
        articles,
        with,
    })
}

/// Article count, date range and top people of the collection (its size on disk is Solr's
/// business: reported as 0).
pub fn stats(solr: &Solr) -> Result<Stats, QueryError> {
    let edge = |order: &str| -> Result<(u64, Option<String>), QueryError> {
        let a = solr.get(
            "select",
            &[
                ("q", "*:*".into()),
                ("fq", "publication_date:*".into()),
                ("sort", format!("publication_date {order}")),
                ("rows", "1".into()),
                ("fl", "publication_date".into()),
            ],
        )?;
        let date = a["response"]["docs"][0]["publication_date"]
            .as_str()
            .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
            .map(|d| format_date(&d));
        Ok((a["response"]["numFound"].as_u64().unwrap_or(0), date))
    };
    let all = solr.get("select", &[("q", "*:*".into()), ("rows", "0".into())])?;
    let articles = num_found(&all)?;
    Ok(Stats {
        articles,
        first_date: edge("asc")?.1,
        last_date: edge("desc")?.1,
        index_bytes: solr.index_bytes().unwrap_or(0),
        index_path: solr.describe(),
        top_people: people(solr, &SearchRequest::default(), 10)?,
        languages: languages(solr)?,
    })
}

/// Articles per language of the collection, most first.
fn languages(solr: &Solr) -> Result<Vec<LangCount>, QueryError> {
    let a = solr.get(
        "select",
        &[
            ("q", "*:*".into()),
            ("rows", "0".into()),
            ("facet", "true".into()),
            ("facet.field", "content_language".into()),
            ("facet.mincount", "1".into()),
            ("facet.limit", "-1".into()),
        ],
    )?;
    // Solr lists a field's facet as [value, count, value, count, ...], most first.
    let flat = a["facet_counts"]["facet_fields"]["content_language"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    Ok(flat
        .chunks(2)
        .filter_map(|pair| {
            Some(LangCount {
                lang: pair.first()?.as_str()?.to_string(),
                articles: pair.get(1)?.as_u64()?,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> String {
        translate(&SearchRequest {
            query: s.into(),
            ..Default::default()
        })
        .unwrap()
        .q
    }

    #[test]
    fn query_forms_become_solr_syntax() {
        assert_eq!(
            q("clubhouse"),
            r#"((title:"clubhouse")^2.5 OR content:"clubhouse" OR person:"clubhouse")"#
        );
        assert_eq!(
            q("\"rail strike\""),
            r#"((title_exact:"rail strike")^2.5 OR content_exact:"rail strike" OR person:"rail strike")"#
        );
        assert_eq!(q("headline:vaccine"), r#"title:"vaccine""#);
        assert_eq!(
            q("rail -strike"),
            r#"+(((title:"rail")^2.5 OR content:"rail" OR person:"rail")) -(((title:"strike")^2.5 OR content:"strike" OR person:"strike"))"#
        );
        assert_eq!(
            q("date:[2021-01-01 TO 2021-03-01]"),
            "publication_date:[2021-01-01T00:00:00Z TO 2021-03-02T00:00:00Z}"
        );
        assert_eq!(q("person:\"Elon Musk\""), r#"person:"Elon Musk""#);
        assert_eq!(
            q("put*"),
            "((title_exact:put*)^2.5 OR content_exact:put* OR person:put*)"
        );
        assert!(translate(&SearchRequest {
            query: "nosuch:x".into(),
            ..Default::default()
        })
        .is_err());
    }

    #[test]
    fn snippet_marks_become_ranges_and_bold() {
        let body = "First paragraph.\n\nPutin joined Clubhouse today. More text follows.";
        let passage = format!("Putin joined {HL_PRE}Clubhouse{HL_POST} today.");
        let (text, ranges, html) = snippet_of(body, Some(&passage));
        assert_eq!(text, "…Putin joined Clubhouse today.…");
        assert_eq!(&text[ranges[0].clone()], "Clubhouse");
        assert_eq!(html, "…Putin joined <b>Clubhouse</b> today.…");
        let (lead, none, _) = snippet_of(body, None);
        assert!(none.is_empty());
        assert!(lead.starts_with("First paragraph."));
    }
}
