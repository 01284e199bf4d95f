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
mod lexicon;
pub mod meta;
pub mod people;
mod published;
pub mod text;

use crate::article::{make_id, Article, ExtractionKind};
use std::path::Path;

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
    // One spelling per text, before anything compares or deduplicates: a name typed composed
    // on one page and decomposed on another is one person in the facets, a description
    // matches the body it repeats, and a query matches either.
    to_nfc(&mut text);
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
    article.people = people::for_language(
        std::mem::take(&mut article.people),
        article.lang.as_deref(),
        &[&article.headline, &article.body],
    );
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

/// Unicode NFC in place; text already in NFC (nearly all of it) is only scanned.
fn to_nfc(text: &mut String) {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if is_nfc_quick(text.chars()) != IsNormalized::Yes {
        *text = text.nfc().collect();
    }
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
    } = html::extract_body(&doc, meta.ld_body.as_deref(), &meta.descriptions);
    let site = meta
        .site
        .clone()
        .or_else(|| headline::site_from_title(&meta))
        .or_else(|| meta.url.as_deref().and_then(host_of));
    let host = meta.url.as_deref().and_then(host_of);
    let headline = headline::choose_headline(&meta, meta.site.as_deref(), host.as_deref());
    let date = published::choose_date(&meta, &doc, &headline);
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

/// The host of an absolute URL, lower-cased, without `www.`, a port or user info: how a page's
/// site is told apart when it names no publisher, here and in the Solr documents.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_drop_www_ports_and_user_info() {
        assert_eq!(
            host_of("https://www.Example.COM:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_of("http://user:pw@news.example.org/x").as_deref(),
            Some("news.example.org")
        );
        assert_eq!(
            host_of("https://example.net#top").as_deref(),
            Some("example.net")
        );
        assert_eq!(host_of("/relative/path"), None);
        assert_eq!(host_of("https:///nohost"), None);
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
    fn text_comes_out_composed_whatever_the_page_used() {
        // "José Núñez" with combining accents, as some CMSs and macOS file names write it.
        let decomposed = "Jose\u{301} Nu\u{301}n\u{303}ez";
        let html = format!(
            "<html><head><title>{decomposed} wins the regional cycling title</title></head><body>\
             <article><h1>{decomposed} wins the regional cycling title</h1><p>{}</p>\
             <p>{decomposed} said on Sunday that the climb had decided the race, and that he \
             would ride the national championship in June.</p></article></body></html>",
            "The race over three mountain passes ended in a sprint of four riders, \
             and the favourite crossed the line first after almost five hours. "
                .repeat(3)
        );
        let a = extract(Path::new("p.html"), html.as_bytes())
            .unwrap()
            .article;
        let composed = "Jos\u{e9} N\u{fa}\u{f1}ez";
        assert!(a.headline.starts_with(composed), "{}", a.headline);
        assert!(a.body.contains(&format!("{composed} said")), "{}", a.body);
        assert!(!a.body.contains('\u{301}'));
        assert_eq!(a.people, [composed]);
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
