//! The HTML pages: search with facets and a date histogram, one article, the
//! people list, and the saved page itself behind a sandboxing CSP.
//!
//! Everything a saved page contributed (headlines, names, snippets, URLs) is
//! hostile text: it only reaches the page through maud's escaping splices,
//! and highlights are drawn from byte ranges over the plain snippet, never
//! from HTML. No JavaScript: forms and links carry the state in the URL.

use super::params::{pairs, sort_name, SearchParams};
use super::{blocking, harden, Failure, Shared, PAGE_CSP};
use crate::facets::{self, Bucket, Facets, Interval};
use crate::index::schema::from_doc;
use crate::index::MorgueIndex;
use crate::search::{Hit, PersonCount, SearchResults};
use crate::Article;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::io::Read;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

/// Hits per page unless the URL says otherwise.
pub(crate) const PAGE_LIMIT: usize = 10;
/// People and sites shown beside the results.
const FACET_LIMIT: usize = 12;
/// People on the `/people` page unless the URL says otherwise.
const PEOPLE_PAGE_LIMIT: usize = 100;
/// The largest saved page served back (bigger files are cut off by the read, not refused).
const MAX_PAGE_BYTES: u64 = 32 << 20;

/// Keeps a saved page's own scripts, frames, forms and remote fetches from running.
const SAVED_PAGE_CSP: &str =
    "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const CSS: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;background:#fafaf7}
a{color:#0b4f8a}
header.top{display:flex;gap:1rem;align-items:baseline;padding:.6rem 1rem;background:#1d2b36;color:#fff}
header.top a{color:#fff;text-decoration:none}
header.top .brand{font-weight:700;font-size:1.2rem;letter-spacing:.02em}
main{max-width:1400px;margin:0 auto;padding:1rem}
form.search{display:grid;gap:.5rem;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));margin-bottom:1rem}
form.search .q{grid-column:1/-1;display:flex;gap:.5rem}
form.search .q input{flex:1}
input,select,button{font:inherit;padding:.35rem .5rem;border:1px solid #b8b8b0;border-radius:4px;background:#fff;min-width:0}
button{background:#1d2b36;color:#fff;border-color:#1d2b36;cursor:pointer}
label{display:flex;flex-direction:column;font-size:.8rem;color:#555}
.chips{display:flex;flex-wrap:wrap;gap:.4rem;margin:.2rem 0 1rem}
.chip{background:#e4ecf3;border-radius:1rem;padding:.1rem .7rem;font-size:.9rem;text-decoration:none}
.layout{display:grid;gap:1.5rem}
@media(min-width:900px){.layout{grid-template-columns:minmax(0,1fr) 20rem}}
.summary{color:#555;margin:.2rem 0 1rem}
.warning{background:#fff4d6;border:1px solid #e8c766;padding:.4rem .6rem;border-radius:4px}
.error{background:#fde8e8;border:1px solid #e09a9a;padding:.6rem;border-radius:4px}
ol.hits{list-style:none;padding:0;margin:0}
.hit{margin:0 0 1.3rem}
.hit h2{font-size:1.1rem;margin:0 0 .15rem;overflow-wrap:anywhere}
.meta{font-size:.85rem;color:#555;overflow-wrap:anywhere}
.meta a{color:#3f5f7a}
.snippet{margin:.25rem 0 0;overflow-wrap:anywhere}
.snippet b{background:#fff0a8;font-weight:600}
.copies{margin:.2rem 0 0;font-size:.85rem;color:#555}
.copies a{color:#3f5f7a}
.pager{display:flex;gap:1rem;margin:1rem 0}
aside section{margin-bottom:1.5rem}
aside h3{font-size:.95rem;margin:0 0 .4rem;text-transform:uppercase;letter-spacing:.04em;color:#444}
ul.facet{list-style:none;margin:0;padding:0}
ul.facet li{display:flex;justify-content:space-between;gap:.5rem;padding:.1rem 0;border-bottom:1px solid #ecece6}
ul.facet .n{color:#666;font-variant-numeric:tabular-nums}
svg.histogram{width:100%;height:auto;display:block}
svg.histogram rect{fill:#4f7ea8}
svg.histogram a:hover rect{fill:#1d2b36}
svg.histogram text{font-size:10px;fill:#555}
article.full{max-width:46rem}
article.full h1{font-size:1.6rem;line-height:1.25;overflow-wrap:anywhere}
dl.fields{display:grid;grid-template-columns:6rem minmax(0,1fr);gap:.2rem .8rem;font-size:.9rem}
dl.fields dt{color:#666}
dl.fields dd{margin:0;overflow-wrap:anywhere}
table.people{border-collapse:collapse;width:100%;max-width:40rem}
table.people td{padding:.2rem .4rem;border-bottom:1px solid #ecece6}
table.people td.n{text-align:right;font-variant-numeric:tabular-nums;color:#555;width:5rem}
"#;

/// An HTML response with our headers.
fn page(status: StatusCode, markup: Markup) -> Response {
    harden(
        (status, Html(markup.into_string())).into_response(),
        PAGE_CSP,
    )
}

/// The frame around every page.
fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · morgue" }
                style { (PreEscaped(CSS)) }
            }
            body {
                header.top {
                    a.brand href="/" { "morgue" }
                    a href="/" { "Search" }
                    a href="/people" { "People" }
                }
                main { (body) }
            }
        }
    }
}

fn error_page(f: &Failure) -> Response {
    let title = match f {
        Failure::BadRequest(_) => "Bad request",
        Failure::NotFound(_) => "Not found",
        Failure::Internal(_) => "Error",
    };
    page(
        f.status(),
        layout(
            title,
            html! { h1 { (title) } p.error { (f.message()) } p { a href="/" { "Back to search" } } },
        ),
    )
}

/// The calendar day of an RFC 3339 date, as the CLI prints it.
fn day_of(date: &Option<String>) -> &str {
    date.as_deref().map_or("undated", |d| &d[..10.min(d.len())])
}

/// The snippet with its matches in `<b>`, every piece escaped by maud.
fn highlighted(hit: &Hit) -> Markup {
    let text = hit.snippet.as_str();
    let mut ranges: Vec<_> = hit
        .highlights
        .iter()
        .filter(|r| r.start < r.end && text.get(r.start..r.end).is_some())
        .cloned()
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut pos = 0;
    for r in ranges {
        if r.start < pos {
            continue;
        }
        pieces.push((&text[pos..r.start], false));
        pieces.push((&text[r.clone()], true));
        pos = r.end;
    }
    pieces.push((&text[pos..], false));
    html! {
        @for (piece, hot) in pieces {
            @if hot { b { (piece) } } @else { (piece) }
        }
    }
}

/// A link only for web addresses: a saved page may claim a `javascript:` URL.
fn safe_url(url: &str) -> Option<&str> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then_some(url)
}

/// The `from`/`to` values that narrow the search to one histogram bucket.
fn bucket_range(bucket: &Bucket, interval: Interval) -> Option<(String, String)> {
    let start = NaiveDate::parse_from_str(&bucket.start, "%Y-%m-%d").ok()?;
    Some(match interval {
        Interval::Year => (start.year().to_string(), start.year().to_string()),
        Interval::Month => {
            let m = start.format("%Y-%m").to_string();
            (m.clone(), m)
        }
        Interval::Week | Interval::Day => {
            let last = interval.next(start).pred_opt()?;
            (
                start.format("%Y-%m-%d").to_string(),
                last.format("%Y-%m-%d").to_string(),
            )
        }
    })
}

/// The label of a bucket: `2021`, `2021-02` or the first day.
fn bucket_label(bucket: &Bucket, interval: Interval) -> &str {
    let len = match interval {
        Interval::Year => 4,
        Interval::Month => 7,
        _ => 10,
    };
    &bucket.start[..len.min(bucket.start.len())]
}

/// The histogram as an SVG bar chart; each bar links to the search narrowed to its dates.
fn histogram(params: &SearchParams, f: &Facets) -> Markup {
    const W: f64 = 300.0;
    const TOP: f64 = 14.0;
    const H: f64 = 110.0;
    const AXIS: f64 = 14.0;
    let bars = &f.histogram;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let step = W / bars.len().max(1) as f64;
    let gap = if step > 4.0 { 1.0 } else { 0.0 };
    // Few yearly bars have room for a label each; otherwise the first and last are named.
    let label_each = f.interval == Interval::Year && bars.len() <= 12;
    let unit = match f.interval {
        Interval::Year => "year",
        Interval::Month => "month",
        Interval::Week => "week",
        Interval::Day => "day",
    };
    let base = TOP + H;
    html! {
        svg.histogram viewBox=(format!("0 0 {W} {}", base + AXIS)) role="img"
            aria-label=(format!("matching articles by {unit}")) {
            text x="0" y="10" { "most " (max as u64) " per " (unit) }
            line x1="0" x2=(W) y1=(base + 0.5) y2=(base + 0.5) stroke="#999" stroke-width="1" {}
            @for (i, b) in bars.iter().enumerate() {
                @let h = (b.count as f64 / max * H).max(if b.count > 0 { 1.0 } else { 0.0 });
                @let label = bucket_label(b, f.interval);
                @let href = bucket_range(b, f.interval).map(|(from, to)| params.href("/", |p| {
                    p.from = Some(from);
                    p.to = Some(to);
                    p.offset = 0;
                }));
                a class="bar" href=[href] data-start=(b.start) data-count=(b.count) {
                    title { (label) ": " (b.count) (if b.count == 1 { " article" } else { " articles" }) }
                    // A full-height transparent target makes short bars easy to click.
                    rect x=(format!("{:.2}", i as f64 * step)) y=(TOP) width=(format!("{:.2}", step)) height=(H) style="fill:transparent" {}
                    rect x=(format!("{:.2}", i as f64 * step + gap / 2.0)) y=(format!("{:.2}", base - h))
                        width=(format!("{:.2}", (step - gap).max(0.5))) height=(format!("{:.2}", h)) {}
                    @if label_each {
                        text x=(format!("{:.2}", (i as f64 + 0.5) * step)) y=(base + AXIS - 2.0) text-anchor="middle" { (label) }
                    }
                }
            }
            @if let (false, Some(first), Some(last)) = (label_each, bars.first(), bars.last()) {
                text x="0" y=(base + AXIS - 2.0) { (bucket_label(first, f.interval)) }
                text x=(W) y=(base + AXIS - 2.0) text-anchor="end" { (bucket_label(last, f.interval)) }
            }
        }
    }
}

/// A language's English name for the facet, or its code when the table has no name.
fn language_name(code: &str) -> String {
    crate::lang::info(code).map_or_else(
        || code.to_string(),
        |l| format!("{} ({code})", l.detected.eng_name()),
    )
}

fn facet_list(id: &str, items: &[PersonCount], link: impl Fn(&str) -> String) -> Markup {
    html! {
        ul.facet id=(id) {
            @for item in items {
                li { a href=(link(&item.name)) { (item.name) } span.n { (item.articles) } }
            }
        }
    }
}

fn search_form(p: &SearchParams) -> Markup {
    let sorts = [
        ("", "best first"),
        ("relevance", "relevance"),
        ("newest", "newest"),
        ("oldest", "oldest"),
    ];
    let current_sort = p.sort.map_or("", sort_name);
    html! {
        form.search method="get" action="/" {
            div.q {
                input type="search" name="q" value=(p.q) aria-label="query"
                    placeholder="words, \"a phrase\", -not, headline:word";
                button type="submit" { "Search" }
            }
            @for person in &p.people { input type="hidden" name="person" value=(person); }
            label { "person" input type="text" name="person" placeholder="add a person"; }
            label { "from" input type="text" name="from" value=[p.from.as_deref()] placeholder="YYYY[-MM[-DD]]"; }
            label { "to" input type="text" name="to" value=[p.to.as_deref()] placeholder="YYYY[-MM[-DD]]"; }
            label { "site" input type="text" name="site" value=[p.site.as_deref()]; }
            label { "sort"
                select name="sort" {
                    @for (value, text) in sorts {
                        option value=(value) selected[value == current_sort] { (text) }
                    }
                }
            }
            @if p.limit != PAGE_LIMIT { input type="hidden" name="limit" value=(p.limit); }
        }
    }
}

/// Removable filters, each a link to the same search without it.
fn chips(p: &SearchParams) -> Markup {
    html! {
        div.chips {
            @for (i, person) in p.people.iter().enumerate() {
                a.chip href=(p.href("/", |q| { q.people.remove(i); q.offset = 0; })) title="remove" { "person: " (person) " ×" }
            }
            @if let Some(site) = &p.site {
                a.chip href=(p.href("/", |q| { q.site = None; q.offset = 0; })) title="remove" { "site: " (site) " ×" }
            }
            @if p.from.is_some() || p.to.is_some() {
                a.chip href=(p.href("/", |q| { q.from = None; q.to = None; q.offset = 0; })) title="remove" {
                    "dates: " (p.from.as_deref().unwrap_or("…")) " to " (p.to.as_deref().unwrap_or("…")) " ×"
                }
            }
        }
    }
}

fn hit_item(p: &SearchParams, hit: &Hit) -> Markup {
    html! {
        li.hit {
            h2 { a href=(format!("/article/{}", url_segment(&hit.id))) { (hit.headline) } }
            div.meta {
                time { (day_of(&hit.date)) }
                @if let Some(site) = &hit.site {
                    " · " a.site href=(p.href("/", |q| { q.site = Some(site.clone()); q.offset = 0; })) { (site) }
                }
                @if !hit.people.is_empty() {
                    " · "
                    @for (i, person) in hit.people.iter().enumerate() {
                        @if i > 0 { ", " }
                        a.person href=(p.href("/", |q| {
                            if !q.people.contains(person) { q.people.push(person.clone()); }
                            q.offset = 0;
                        })) { (person) }
                    }
                }
            }
            p.snippet { (highlighted(hit)) }
            (also_in(hit))
        }
    }
}

/// "also in 2 other places: Harbor Ledger, Valley Courier", each place a link to its copy.
fn also_in(hit: &Hit) -> Markup {
    let n = hit.other_place_count();
    html! {
        @if n > 0 {
            p.copies {
                "also in " (n) " other " (if n == 1 { "place" } else { "places" }) ": "
                @for (i, copy) in hit.copies.iter().enumerate() {
                    @if i > 0 { ", " }
                    a.copy href=(format!("/article/{}", url_segment(&copy.id))) title=(day_of(&copy.date)) {
                        (copy.site.as_deref().unwrap_or("unknown site"))
                    }
                }
                @if hit.copies.len() < n { ", …" }
            }
        }
    }
}

fn pager(p: &SearchParams, results: &SearchResults) -> Markup {
    let next = p.offset + results.hits.len();
    html! {
        nav.pager {
            @if p.offset > 0 {
                a rel="prev" href=(p.href("/", |q| q.offset = q.offset.saturating_sub(q.limit))) { "← previous" }
            }
            @if next < results.total_hits && next + p.limit <= super::MAX_OFFSET + p.limit {
                a rel="next" href=(p.href("/", |q| q.offset = next)) { "next →" }
            }
        }
    }
}

/// Percent-encodes an id for a path segment (ids are hex today, but a page may have made them).
fn url_segment(id: &str) -> String {
    form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

/// `GET /`: the search page.
pub(crate) async fn search(State(idx): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let p = match SearchParams::parse(&pairs(raw.as_deref()), PAGE_LIMIT) {
        Ok(p) => p,
        Err(e) => return error_page(&e),
    };
    let params = p.clone();
    let answer = blocking(move || {
        let req = params.request()?;
        let results = idx.search(&req)?;
        let facets = facets::facets(&idx, &req, None, FACET_LIMIT)?;
        Ok((results, facets))
    })
    .await;
    let (results, f) = match answer {
        Ok(a) => a,
        Err(Failure::BadRequest(msg)) => {
            // A bad query or date keeps the form filled in, so it can be fixed in place.
            let body = html! { (search_form(&p)) p.error #error { (msg) } };
            return page(StatusCode::BAD_REQUEST, layout("Bad request", body));
        }
        Err(e) => return error_page(&e),
    };
    let title = if p.q.is_empty() {
        "Search".to_string()
    } else {
        p.q.clone()
    };
    let shown = results.hits.len();
    let body = html! {
        (search_form(&p))
        (chips(&p))
        @if let Some(w) = &results.warning { p.warning { (w) } }
        div.layout {
            section.results {
                p.summary {
                    @if shown == 0 {
                        @if results.total_hits == 0 { "No articles match." }
                        @else { "No hits on this page (" (results.total_hits) " in all)." }
                    } @else {
                        "Articles " (p.offset + 1) "–" (p.offset + shown) " of "
                        span #total { (results.total_hits) } " (" (results.took_ms) " ms)"
                    }
                    // Copies folded into their story: say how many articles that hides, and undo it.
                    @if !p.all_copies && results.total_articles > results.total_hits {
                        " · " (results.total_articles) " articles with copies · "
                        a #all-copies href=(p.href("/", |q| { q.all_copies = true; q.offset = 0; })) { "show every copy" }
                    }
                    @if p.all_copies {
                        " · every copy shown · "
                        a #fold-copies href=(p.href("/", |q| { q.all_copies = false; q.offset = 0; })) { "one per story" }
                    }
                }
                ol.hits #hits { @for hit in &results.hits { (hit_item(&p, hit)) } }
                (pager(&p, &results))
            }
            aside #facets {
                @if !f.histogram.is_empty() {
                    section #histogram {
                        h3 { "By " (match f.interval { Interval::Year => "year", Interval::Month => "month", Interval::Week => "week", Interval::Day => "day" }) }
                        (histogram(&p, &f))
                        @if f.undated > 0 { p.meta { (f.undated) " undated" } }
                    }
                }
                @if !f.people.is_empty() {
                    section {
                        h3 { "People" }
                        (facet_list("people", &f.people, |name| p.href("/", |q| {
                            if !q.people.iter().any(|x| x == name) { q.people.push(name.to_string()); }
                            q.offset = 0;
                        })))
                    }
                }
                @if !f.sites.is_empty() {
                    section {
                        h3 { "Sites" }
                        (facet_list("sites", &f.sites, |name| p.href("/", |q| {
                            q.site = Some(name.to_string());
                            q.offset = 0;
                        })))
                    }
                }
                // One language is no choice: the facet shows when the results hold several.
                @if f.languages.len() > 1 || !p.langs.is_empty() {
                    section {
                        h3 { "Languages" }
                        ul.facet #languages {
                            @for l in &f.languages {
                                li {
                                    a href=(p.href("/", |q| {
                                        q.langs = vec![l.lang.clone()];
                                        q.offset = 0;
                                    })) { (language_name(&l.lang)) }
                                    span.n { (l.articles) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page(StatusCode::OK, layout(&title, body))
}

/// One stored article by id (never by path: a URL must not name files).
pub(crate) fn find(idx: &MorgueIndex, id: &str) -> Result<Article, Failure> {
    let searcher = idx.searcher();
    let q = TermQuery::new(
        Term::from_field_text(idx.fields().id, id),
        IndexRecordOption::Basic,
    );
    let internal = |e: tantivy::TantivyError| Failure::Internal(format!("search failed: {e}"));
    let found = searcher
        .search(&q, &TopDocs::with_limit(1).order_by_score())
        .map_err(internal)?;
    match found.first() {
        Some((_, addr)) => {
            let doc: TantivyDocument = searcher.doc(*addr).map_err(internal)?;
            Ok(from_doc(idx.fields(), &doc))
        }
        None => Err(Failure::NotFound(format!("no article with id {id:?}"))),
    }
}

/// `GET /article/ID`: the stored article in full.
pub(crate) async fn article(State(idx): State<Shared>, Path(id): Path<String>) -> Response {
    let a = match blocking(move || find(&idx, &id)).await {
        Ok(a) => a,
        Err(e) => return error_page(&e),
    };
    let date = a.date.as_ref().map(crate::article::format_date);
    let person_link = |name: &str| {
        SearchParams::default().href("/", |q| {
            q.limit = PAGE_LIMIT;
            q.people = vec![name.to_string()];
        })
    };
    let body = html! {
        article.full {
            h1 { (a.headline) }
            dl.fields {
                dt { "date" } dd { (date.as_deref().unwrap_or("unknown")) }
                dt { "site" } dd { (a.site.as_deref().unwrap_or("-")) }
                dt { "authors" } dd { @if a.authors.is_empty() { "-" } @else { (a.authors.join(", ")) } }
                dt { "people" } dd.people {
                    @if a.people.is_empty() { "-" }
                    @for (i, person) in a.people.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href=(person_link(person)) { (person) }
                    }
                }
                dt { "url" } dd {
                    @match a.url.as_deref() {
                        Some(url) => {
                            @if let Some(href) = safe_url(url) { a href=(href) rel="noreferrer noopener" { (url) } }
                            @else { (url) }
                        }
                        None => "-",
                    }
                }
                dt { "saved page" } dd { a #saved href=(format!("/article/{}/page", url_segment(&a.id))) { (a.path) } }
                dt { "id" } dd { code { (a.id) } }
            }
            div.body {
                @for para in a.body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                    p { (para) }
                }
            }
        }
    };
    page(StatusCode::OK, layout(&a.headline, body))
}

/// Reads the page an article was indexed from, decompressing `.gz`, up to [`MAX_PAGE_BYTES`].
fn read_saved(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?.take(MAX_PAGE_BYTES);
    let mut bytes = Vec::new();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        flate2::read::MultiGzDecoder::new(file)
            .take(MAX_PAGE_BYTES)
            .read_to_end(&mut bytes)?;
    } else {
        let mut file = file;
        file.read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// `GET /article/ID/page`: the saved page itself, from the path the index recorded for that id.
pub(crate) async fn saved_page(State(idx): State<Shared>, Path(id): Path<String>) -> Response {
    let found = blocking(move || {
        let a = find(&idx, &id)?;
        // A page inside a web archive is read from its record, by seeking to its offset.
        if let Some((archive, offset)) = crate::index::warc::split_member(&a.path) {
            let (kind, bytes) =
                crate::index::warc_page::payload_at(std::path::Path::new(archive), offset)
                    .map_err(Failure::NotFound)?;
            let text = kind == crate::extract::PageKind::Text;
            return Ok((text, bytes));
        }
        let path = std::path::PathBuf::from(&a.path);
        let bytes = read_saved(&path).map_err(|e| {
            Failure::NotFound(format!("the saved page {} cannot be read: {e}", a.path))
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        Ok((name.ends_with(".txt"), bytes))
    })
    .await;
    let (is_text, bytes) = match found {
        Ok(x) => x,
        Err(e) => return error_page(&e),
    };
    // No charset: the browser reads the page's own <meta charset>, as when it was saved
    // (pages from web archives come as UTF-8 behind a BOM, which says so).
    let kind = if is_text { "text/plain" } else { "text/html" };
    let mut response = bytes.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    harden(response, SAVED_PAGE_CSP)
}

/// `GET /people`: the most mentioned people, filterable by date.
pub(crate) async fn people(State(idx): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let pairs = pairs(raw.as_deref());
    let answer = blocking(move || {
        let mut with_default = vec![("limit".to_string(), PEOPLE_PAGE_LIMIT.to_string())];
        with_default.extend(pairs.iter().cloned());
        let (from, until, limit) = super::api::people_params(&with_default)?;
        Ok((pairs, idx.people(from, until, limit)?))
    })
    .await;
    let (pairs, list) = match answer {
        Ok(x) => x,
        Err(e) => return error_page(&e),
    };
    let get = |key: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
    };
    let (from, to) = (get("from"), get("to"));
    let body = html! {
        h1 { "People" }
        form.search method="get" action="/people" {
            label { "from" input type="text" name="from" value=[from.as_deref()] placeholder="YYYY[-MM[-DD]]"; }
            label { "to" input type="text" name="to" value=[to.as_deref()] placeholder="YYYY[-MM[-DD]]"; }
            label { "\u{a0}" button type="submit" { "Filter" } }
        }
        @if list.is_empty() { p { "Nobody is mentioned in these dates." } }
        table.people #people {
            @for person in &list {
                tr {
                    td { a href=(SearchParams::default().href("/", |q| {
                        q.limit = PAGE_LIMIT;
                        q.people = vec![person.name.clone()];
                        q.from = from.clone();
                        q.to = to.clone();
                    })) { (person.name) } }
                    td.n { (person.articles) }
                }
            }
        }
    };
    page(StatusCode::OK, layout("People", body))
}

/// Any other path.
pub(crate) async fn not_found() -> Response {
    error_page(&Failure::NotFound("no such page".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            safe_url("https://example.com/a"),
            Some("https://example.com/a")
        );
        assert_eq!(safe_url("HTTP://example.com/"), Some("HTTP://example.com/"));
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JavaScript:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,<script>"), None);
    }

    #[test]
    fn highlights_escape_the_text_around_and_inside_them() {
        let hit = Hit {
            rank: 1,
            score: 1.0,
            id: "x".into(),
            headline: String::new(),
            date: None,
            site: None,
            url: None,
            path: String::new(),
            people: vec![],
            authors: vec![],
            snippet: "<i>a</i> café <b>".into(),
            snippet_html: String::new(),
            // "café" is bytes 9..14; the bad range (inside "é") is ignored, never a panic.
            highlights: vec![9..14, 12..13, 40..50],
            extraction: Default::default(),
            lang: None,
            captured: None,
            copies: vec![],
            other_places: 0,
        };
        assert_eq!(
            highlighted(&hit).into_string(),
            "&lt;i&gt;a&lt;/i&gt; <b>café</b> &lt;b&gt;"
        );
    }

    #[test]
    fn a_bar_narrows_to_its_own_span() {
        let b = |start: &str| Bucket {
            start: start.into(),
            count: 1,
        };
        assert_eq!(
            bucket_range(&b("2021-01-01"), Interval::Year),
            Some(("2021".into(), "2021".into()))
        );
        assert_eq!(
            bucket_range(&b("2021-02-01"), Interval::Month),
            Some(("2021-02".into(), "2021-02".into()))
        );
        assert_eq!(
            bucket_range(&b("2021-02-15"), Interval::Week),
            Some(("2021-02-15".into(), "2021-02-21".into()))
        );
    }
}
