//! Extraction: a saved page's path and bytes in, one [`Article`] out.
//!
//! The page is decoded once and, for HTML, parsed once; metadata, body, date
//! and people all read that one tree. This module decides between the
//! candidates that the submodules collect.

pub mod byline;
pub mod date;
pub mod decode;
pub mod headline;
pub mod html;
pub mod meta;
pub mod people;
pub mod text;

use crate::article::{make_id, Article, Date, ExtractionKind};
use chrono::Utc;
use meta::Meta;
use std::path::Path;

/// The entries of a word-list file under `data/`: one a line, blank lines and `#` comments
/// skipped. Every word list of extraction is read through this.
pub(crate) fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Pages larger than this are cut before parsing, so one huge page cannot stall a run.
pub const MAX_PAGE_BYTES: usize = 8 << 20;

/// Why a page yielded no article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    /// The file holds no bytes, or only whitespace.
    #[error("empty file")]
    Empty,
    /// The bytes are not text.
    #[error("binary content, not a page")]
    Binary,
    /// The page shows no text at all (markup, scripts and styles only).
    #[error("no text in the page")]
    NoText,
    /// A compressed file could not be inflated.
    #[error("cannot decompress: {0}")]
    Decompress(String),
}

/// The kinds of page morgue reads, by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// HTML or XHTML.
    Html,
    /// A page saved as plain text.
    Text,
}

impl PageKind {
    /// The kind of a file from its name (`.html`, `.htm`, `.xhtml`, `.txt`, each optionally `.gz`).
    pub fn of(path: &Path) -> Option<(PageKind, bool)> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (stem, gz) = match name.strip_suffix(".gz") {
            Some(stem) => (stem, true),
            None => (name.as_str(), false),
        };
        let ext = stem.rsplit_once('.')?.1;
        match ext {
            "html" | "htm" | "xhtml" | "shtml" => Some((PageKind::Html, gz)),
            "txt" => Some((PageKind::Text, gz)),
            _ => None,
        }
    }
}

/// An extracted article and anything worth telling the user about how it went.
#[derive(Debug, Clone)]
pub struct Extraction {
    /// The article.
    pub article: Article,
    /// Notes such as "page cut at 16 MiB".
    pub warnings: Vec<String>,
}

/// Extracts the article of one page. `path` is kept as given, for display.
pub fn extract(path: &Path, bytes: &[u8]) -> Result<Extraction, ExtractError> {
    let (kind, gz) = PageKind::of(path).unwrap_or((PageKind::Html, false));
    extract_as(path, bytes, kind, gz)
}

/// Extracts a page whose kind is known from elsewhere than its name (a web archive's
/// `Content-Type`); `gz` says the bytes are gzip-compressed.
pub fn extract_as(
    path: &Path,
    bytes: &[u8],
    kind: PageKind,
    gz: bool,
) -> Result<Extraction, ExtractError> {
    let mut warnings = Vec::new();
    let inflated;
    let mut bytes = bytes;
    if gz {
        let (out, capped) = decode::gunzip(bytes, MAX_PAGE_BYTES)
            .map_err(|e| ExtractError::Decompress(e.to_string()))?;
        if capped {
            warnings.push(format!(
                "page cut at {} MiB after decompression",
                MAX_PAGE_BYTES >> 20
            ));
        }
        inflated = out;
        bytes = &inflated;
    }
    if bytes.len() > MAX_PAGE_BYTES {
        warnings.push(format!("page cut at {} MiB", MAX_PAGE_BYTES >> 20));
        bytes = &bytes[..MAX_PAGE_BYTES];
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    let text = decode::decode(bytes, kind == PageKind::Html);
    if decode::looks_binary(&text) {
        return Err(ExtractError::Binary);
    }
    let mut text = text;
    if kind == PageKind::Html {
        if let Some(at) = too_deep_at(&text) {
            warnings.push(format!(
                "page nested deeper than {MAX_DEPTH} levels; cut there"
            ));
            text.truncate(at);
        }
    }
    let mut article = match kind {
        PageKind::Html if !looks_like_plain_text(&text) => from_html(&text),
        _ => from_text(&text),
    };
    if article.body.trim().is_empty() {
        // A page with a title but no other text still says something worth finding.
        if article.headline.trim().is_empty() {
            return Err(ExtractError::NoText);
        }
        article.body = article.headline.clone();
        article.extraction = ExtractionKind::Page;
    }
    // What the page declared (if anything) is only the detector's hint.
    article.lang = crate::lang::detect(&article.headline, &article.body, article.lang.as_deref());
    // German nouns, French articles, Spanish "y": the page's language vetoes some names.
    article.people =
        people::for_language(std::mem::take(&mut article.people), article.lang.as_deref());
    article.path = path.to_string_lossy().into_owned();
    if article.headline.is_empty() {
        article.headline = path
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
            .unwrap_or_default();
    }
    article.id = make_id(&identity_key(&article));
    Ok(Extraction { article, warnings })
}

/// What makes two saves of a page the same article: the canonical URL, else the body.
pub fn identity_key(article: &Article) -> String {
    match &article.url {
        Some(url) => normalize_url(url),
        None => body_fingerprint(&article.body),
    }
}

/// A fingerprint of a body that ignores whitespace and case.
pub fn body_fingerprint(body: &str) -> String {
    let flat: String = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    blake3::hash(flat.as_bytes()).to_hex().to_string()
}

/// URLs that differ only in scheme, `www.`, query, fragment or a trailing slash name one page.
fn normalize_url(url: &str) -> String {
    let u = url.trim();
    let u = u.split(['#', '?']).next().unwrap_or(u);
    let u = u
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_lowercase()
}

/// A `.html` file that is really a text dump (no markup at all) is read as text.
fn looks_like_plain_text(text: &str) -> bool {
    !text.chars().take(4096).any(|c| c == '<')
}

fn from_text(text: &str) -> Article {
    let page = text::extract_text(text);
    // A dump whose lines read as no article is still indexed whole, marked as such.
    let (body, extraction) = if page.body.trim().is_empty() {
        (visible_lines(text), ExtractionKind::Page)
    } else {
        (page.body, ExtractionKind::Article)
    };
    // The recogniser also reads the story's list and table lines, which the body leaves out.
    let people_text = if page.people_text.trim().is_empty() {
        &body
    } else {
        &page.people_text
    };
    let people = people::find_people(
        page.headline.as_deref().unwrap_or(""),
        people_text,
        &page.authors,
    );
    Article {
        headline: page.headline.unwrap_or_default(),
        date: page.date,
        authors: page.authors,
        people,
        body,
        extraction,
        ..Article::default()
    }
}

/// The non-blank lines of a text, whitespace collapsed, as paragraphs.
fn visible_lines(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Nesting deeper than this is cut: html5ever's tree building slows quadratically past it.
pub const MAX_DEPTH: usize = 5_000;

/// Elements that never hold content, or close themselves when a sibling opens, and so add no depth.
const FLAT_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd", "thead", "tbody", "tfoot",
    "!doctype", "!--",
];

/// The byte offset where the markup first nests deeper than `MAX_DEPTH`, by a cheap tag count.
fn too_deep_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let at = i + off;
        i = at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'!' || *b == b'-'))
            .map_or(bytes.len(), |n| start + n);
        if end == start {
            continue;
        }
        let name = &text[start..end];
        if FLAT_ELEMENTS.iter().any(|f| f.eq_ignore_ascii_case(name)) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > MAX_DEPTH {
                return Some(at);
            }
        }
    }
    None
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|b| *b == b'<')
}

fn from_html(text: &str) -> Article {
    let doc = scraper::Html::parse_document(text);
    let meta = meta::read(&doc);
    let html::Body {
        text: body,
        kind: extraction,
    } = html::extract_body(&doc, meta.ld_body.as_deref());
    let site = meta
        .site
        .clone()
        .or_else(|| headline::site_from_title(&meta))
        .or_else(|| meta.url.as_deref().and_then(host_of));
    let host = meta.url.as_deref().and_then(host_of);
    let headline = headline::choose_headline(&meta, meta.site.as_deref(), host.as_deref());
    let date = choose_date(&meta, &doc, &headline);
    let authors = meta.authors.clone();
    let mut people = people::find_people(&headline, &body, &authors);
    // The rows of the page's data tables (results, squads), which the body leaves out.
    people::add_table_people(&mut people, &people::table_lines(&doc), &authors);
    for p in &meta.ld_people {
        let known = people
            .iter()
            .any(|q| q.eq_ignore_ascii_case(p) || q.contains(p.as_str()));
        if !known && !authors.contains(p) && body.contains(last_word(p)) {
            people.push(p.clone());
        }
    }
    Article {
        url: meta.url.clone(),
        site,
        headline,
        date,
        authors,
        people,
        body,
        extraction,
        lang: meta.lang_hint.clone(),
        ..Article::default()
    }
}

fn last_word(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or(name)
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', ':', '?', '#']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_string())
}

/// The publication date cascade: declared published dates, `<time>`, the URL, visible text near
/// the headline, then elements named as dates anywhere, and last a declared modified date.
fn choose_date(meta: &Meta, doc: &scraper::Html, headline: &str) -> Option<Date> {
    let parse_first = |list: &[String]| list.iter().find_map(|s| date::parse_date(s));
    let from_url = meta.url.as_deref().and_then(date::date_from_url);
    let declared = parse_first(&meta.published)
        .or_else(|| parse_first(&meta.times))
        .filter(plausible);
    match (declared, from_url) {
        (Some(d), Some(u)) => Some(arbitrate(d, u)),
        (d, u) => d.or(u),
    }
    .or_else(|| visible_date(doc, headline))
    .or_else(|| marked_date(doc))
    .or_else(|| parse_first(&meta.modified))
    .filter(plausible)
}

/// How many days a declared date may run ahead of the URL's before it is taken for an update.
const UPDATE_AFTER_DAYS: i64 = 30;

/// A declared date against the date in the URL, which the publisher wrote on the day in its own
/// time zone: one day apart is a time-zone shift (`2020-02-25T02:00Z` for a story of the 24th),
/// and a declared date weeks after the URL's is a re-publication or update stamped as published.
fn arbitrate(declared: Date, from_url: Date) -> Date {
    let days = (declared.date_naive() - from_url.date_naive()).num_days();
    if days.abs() == 1 || days > UPDATE_AFTER_DAYS {
        from_url
    } else {
        declared
    }
}

/// Class and id words that mark an element as holding the article's date (lowercase, matched
/// inside the name: `post-meta-time`, `newsdatum`, `publishInfo__date`).
const DATE_ELEMENT_MARKS: &[&str] = &[
    "date",
    "time",
    "datum",
    "fecha",
    "submitted",
    "publish",
    "posted",
    "byline",
    "meta",
    "calendar",
];

/// Longest text of a date-marked element that is still a date line, not a paragraph.
const DATE_ELEMENT_MAX_LEN: usize = 120;

/// The first date in an element whose class or id names a date (`<span class="date">`,
/// `<div class="submitted">`, `<a class="post-meta-time">`), anywhere outside navigation and
/// sidebars: what htmldate's element search finds when nothing near the headline says a date.
/// An empty marker (`<i class="icon-calendar"></i>`) stands for its parent's text.
fn marked_date(doc: &scraper::Html) -> Option<Date> {
    doc.root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|e| {
            let v = e.value();
            [v.attr("class"), v.attr("id")]
                .into_iter()
                .flatten()
                .any(|n| {
                    let n = n.to_ascii_lowercase();
                    DATE_ELEMENT_MARKS.iter().any(|m| n.contains(m))
                })
        })
        .find_map(|e| {
            let own = meta::text_of(e);
            let text = if own.bytes().any(|b| b.is_ascii_digit()) {
                own
            } else {
                meta::text_of(scraper::ElementRef::wrap(e.parent()?)?)
            };
            if text.len() > DATE_ELEMENT_MAX_LEN || in_navigation(e) {
                return None;
            }
            date::find_date(&text)
                .or_else(|| date::find_short_year_date(&text))
                .filter(plausible)
        })
}

/// True inside `<nav>`, `<aside>` or anything hidden: dates there belong to other stories.
fn in_navigation(e: scraper::ElementRef) -> bool {
    e.ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .chain(std::iter::once(e))
        .any(|a| {
            let v = a.value();
            matches!(v.name(), "nav" | "aside" | "script" | "style" | "template")
                || v.attr("hidden").is_some()
                || v.attr("aria-hidden") == Some("true")
        })
}

/// Dates before the web or after tomorrow are mistakes, not publication dates.
fn plausible(d: &Date) -> bool {
    let tomorrow = Utc::now() + chrono::Duration::days(1);
    d.timestamp() > 631_152_000 && *d < tomorrow // 1990-01-01
}

/// How many text nodes after the headline are searched for a visible date.
const VISIBLE_DATE_WINDOW: usize = 40;

/// Words that say a visible date is the publication date, or only an update.
const PUBLISHED_CUES: &[&str] = &[
    "published",
    "posted",
    "first published",
    "publié",
    "veröffentlicht",
];
const UPDATED_CUES: &[&str] = &[
    "updated",
    "modified",
    "edited",
    "last update",
    "aktualisiert",
    "mis à jour",
];

/// How far into a long text node a dateline may start ("(18.01.2018) Farmers said ...").
const DATELINE_REACH: usize = 24;

/// A date written near the headline, outside links and sidebars; "Published" beats "Updated".
/// The window opens again at the `<h1>` that holds the headline, so a logo's `<h1>` and the
/// navigation after it do not use it up.
fn visible_date(doc: &scraper::Html, headline: &str) -> Option<Date> {
    use scraper::node::Node;
    let mut seen_h1 = false;
    let mut budget = VISIBLE_DATE_WINDOW;
    let mut early = Vec::new();
    let mut updated = None;
    let mut plain = None;
    for node in doc.root_element().descendants() {
        let Node::Text(t) = node.value() else {
            if let Node::Element(e) = node.value() {
                if e.name() == "h1" {
                    seen_h1 = true;
                    let is_headline = !headline.is_empty()
                        && scraper::ElementRef::wrap(node).is_some_and(|h| {
                            meta::text_of(h)
                                .to_lowercase()
                                .contains(&headline.to_lowercase())
                        });
                    if is_headline {
                        budget = VISIBLE_DATE_WINDOW;
                        plain = None;
                        updated = None;
                    }
                }
            }
            continue;
        };
        let s = t.trim();
        // Every date has a digit; most text nodes have none, and skipping them early keeps this pass cheap.
        if s.is_empty() || !s.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        if s.len() > 200 {
            // Prose, but it may open with a dateline.
            if seen_h1 {
                let mut cut = (DATELINE_REACH + 40).min(s.len());
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                let head = &s[..cut];
                if let Some((d, span)) = date::find_date_span(head) {
                    if span.start <= DATELINE_REACH {
                        plain.get_or_insert(d);
                    }
                }
                budget = budget.saturating_sub(1);
                if budget == 0 {
                    break;
                }
            }
            continue;
        }
        let parent = node.parent().and_then(scraper::ElementRef::wrap);
        if parent.is_some_and(|p| {
            matches!(
                p.value().name(),
                "script" | "style" | "a" | "title" | "option"
            )
        }) {
            continue;
        }
        if parent.is_some_and(meta::is_hidden_or_boilerplate) {
            continue;
        }
        if !seen_h1 {
            if early.len() < VISIBLE_DATE_WINDOW {
                early.push(s.to_string());
            }
            continue;
        }
        if let Some(d) = date::find_date(s) {
            let lower = s.to_lowercase();
            if PUBLISHED_CUES.iter().any(|c| lower.contains(c)) {
                return Some(d);
            }
            let slot = if UPDATED_CUES.iter().any(|c| lower.contains(c)) {
                &mut updated
            } else {
                &mut plain
            };
            slot.get_or_insert(d);
        }
        budget -= 1;
        if budget == 0 {
            break;
        }
    }
    // Pages without an <h1>: the first date anywhere near the top.
    plain
        .or(updated)
        .or_else(|| early.iter().find_map(|s| date::find_date(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_dates_start_at_the_headline_and_read_datelines() {
        let prose = "word ".repeat(60);
        // A logo <h1> and a dated navigation item come before the story's own <h1>.
        let page = format!(
            "<html><head><title>Harbour tunnel opens</title></head><body><h1>Ledger</h1>\
             <ul><li>Markets 01.01.2020</li></ul><article><h1>Harbour tunnel opens</h1>\
             <p>(18.01.2018) The new harbour tunnel opened to traffic on Thursday, {prose}</p>\
             </article></body></html>"
        );
        let a = extract(Path::new("a.html"), page.as_bytes())
            .unwrap()
            .article;
        assert_eq!(a.date.unwrap().date_naive().to_string(), "2018-01-18");
    }

    fn date_of(page: &str) -> Option<String> {
        let a = extract(Path::new("a.html"), page.as_bytes()).ok()?.article;
        a.date.map(|d| d.date_naive().to_string())
    }

    fn page_with(head: &str, body: &str) -> String {
        let prose = "The council voted on the new budget after a long debate. ".repeat(12);
        format!(
            "<html><head><title>Council passes budget</title>{head}</head><body>\
             <nav><span class=\"date\">01.01.2015</span></nav>\
             <div class=\"story\"><h2>Council passes budget</h2>{body}<p>{prose}</p></div></body></html>"
        )
    }

    #[test]
    fn the_url_day_settles_time_zone_shifts_and_updates() {
        let url = r#"<link rel="canonical" href="https://example.com/2020/02/24/council-budget/">"#;
        // Published late in the evening in New York, declared in UTC: the URL keeps the local day.
        let shifted = format!(
            r#"{url}<meta property="article:published_time" content="2020-02-25T02:10:00Z">"#
        );
        assert_eq!(
            date_of(&page_with(&shifted, "")).as_deref(),
            Some("2020-02-24")
        );
        // Re-stamped as published two years later.
        let restamped = format!(
            r#"{url}<meta property="article:published_time" content="2022-06-01T10:00:00Z">"#
        );
        assert_eq!(
            date_of(&page_with(&restamped, "")).as_deref(),
            Some("2020-02-24")
        );
        // A few days apart: the declared date stands (the URL may hold the day a draft began).
        let close = format!(
            r#"{url}<meta property="article:published_time" content="2020-02-27T10:00:00Z">"#
        );
        assert_eq!(
            date_of(&page_with(&close, "")).as_deref(),
            Some("2020-02-27")
        );
    }

    #[test]
    fn elements_named_as_dates_are_read_anywhere_outside_navigation() {
        let meta_link = r#"<p>Filed under Politics.</p><div class="post-meta"><a class="post-meta-time" href="/blog/2017/08/08/">08/08/2017</a></div>"#;
        assert_eq!(
            date_of(&page_with("", meta_link)).as_deref(),
            Some("2017-08-08")
        );
        let icon = r#"<p class="small"><i class="icon-calendar"></i> 12.01.2022</p>"#;
        assert_eq!(date_of(&page_with("", icon)).as_deref(), Some("2022-01-12"));
        let short =
            r#"<div class="node__submitted"><span class="post-created"> 28.01.22</span></div>"#;
        assert_eq!(
            date_of(&page_with("", short)).as_deref(),
            Some("2022-01-28")
        );
        // Only the navigation holds a date: none is invented from it.
        assert_eq!(date_of(&page_with("", "")), None);
    }

    #[test]
    fn hidden_machine_dates_still_count() {
        let rdf = r#"<span property="schema:dateCreated" content="2022-01-28T12:45:46+00:00" class="rdf-meta hidden"></span>"#;
        assert_eq!(date_of(&page_with("", rdf)).as_deref(), Some("2022-01-28"));
    }

    #[test]
    fn page_kinds_follow_extensions() {
        assert_eq!(
            PageKind::of(Path::new("a/b.HTML")),
            Some((PageKind::Html, false))
        );
        assert_eq!(
            PageKind::of(Path::new("b.txt.gz")),
            Some((PageKind::Text, true))
        );
        assert_eq!(PageKind::of(Path::new("b.pdf")), None);
    }

    #[test]
    fn urls_normalise_for_identity() {
        assert_eq!(
            normalize_url("https://www.X.com/a/?utm=1#top"),
            normalize_url("http://x.com/a")
        );
    }

    #[test]
    fn deep_nesting_is_cut_but_ordinary_pages_are_not() {
        let deep = format!(
            "<p>{}</p>{}",
            "lead words ".repeat(30),
            "<div>".repeat(100_000)
        );
        let at = too_deep_at(&deep).unwrap();
        assert!(at > 300 && at < deep.len());
        let flat = format!(
            "<html><body>{}</body></html>",
            "<p>para<br><li>item<td>cell".repeat(10_000)
        );
        assert_eq!(too_deep_at(&flat), None);
    }

    #[test]
    fn empty_and_binary_pages_are_refused() {
        assert_eq!(
            extract(Path::new("a.html"), b"  \n").unwrap_err(),
            ExtractError::Empty
        );
        let junk: Vec<u8> = (0..5000u32).map(|i| (i * 31 % 251) as u8).collect();
        assert_eq!(
            extract(Path::new("a.html"), &junk).unwrap_err(),
            ExtractError::Binary
        );
    }
}
