//! Page metadata: JSON-LD, OpenGraph and other `<meta>` tags, microdata,
//! `<time>` elements, `<title>`, `<h1>` and bylines.
//!
//! Everything here reads the one parsed tree; nothing here decides which
//! candidate wins (that is `extract::choose_*`), it only collects them.

macro_rules! selector {
    ($name:ident, $css:expr) => {
        static $name: LazyLock<Selector> = LazyLock::new(|| Selector::parse($css).unwrap());
    };
}

mod json_ld;
mod page;
mod tags;
#[cfg(test)]
mod tests;
mod visible;

use crate::extract::byline::{split_byline, split_marked_byline};
use json_ld::read_json_ld;
use page::heading_text;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;
use tags::{attr_date, read_attr_dates, read_meta_tags, read_microdata};
use visible::{visible_byline, Mastheads};

pub use page::{is_hidden_or_boilerplate, is_hidden_or_boilerplate_under, text_of};

/// Metadata candidates found in one page.
#[derive(Debug, Default, Clone)]
pub struct Meta {
    /// `<title>` text.
    pub title: Option<String>,
    /// JSON-LD `headline` of an article object.
    pub ld_headline: Option<String>,
    /// `og:title` or `twitter:title`.
    pub og_title: Option<String>,
    /// Text of every visible `<h1>`, in document order.
    pub h1s: Vec<String>,
    /// Microdata `itemprop=headline` text.
    pub itemprop_headline: Option<String>,
    /// Canonical URL: `<link rel=canonical>`, `og:url` or JSON-LD `url`.
    pub url: Option<String>,
    /// Publisher: `og:site_name` or JSON-LD `publisher.name`.
    pub site: Option<String>,
    /// Raw published-date strings, best source first.
    pub published: Vec<String>,
    /// Raw modified-date strings, used only when nothing says "published".
    pub modified: Vec<String>,
    /// `<time>` elements' `datetime` values outside sidebars, in document order.
    pub times: Vec<String>,
    /// Author names from JSON-LD, meta tags and byline markup.
    pub authors: Vec<String>,
    /// JSON-LD `articleBody`.
    pub ld_body: Option<String>,
    /// The page's descriptions of itself: `description`, `og:description`,
    /// `twitter:description`, the JSON-LD article's `description`, each once.
    pub descriptions: Vec<String>,
    /// JSON-LD `mentions` and `about` persons.
    pub ld_people: Vec<String>,
    /// The language the page declares (`<html lang>`, `og:locale`, `Content-Language`), as
    /// written: a hint for detection, not the answer.
    pub lang_hint: Option<String>,
    /// True when JSON-LD or OpenGraph declares the page an article.
    pub declares_article: bool,
    /// JSON-LD author references (`{"@id": …}`) still to resolve against the graph's people.
    ld_author_ids: Vec<String>,
    /// Names the page gives its publisher (site name, JSON-LD publisher, `meta publisher`,
    /// `copyright`): an "author" that is one of them is the masthead, not a byline.
    publishers: Vec<String>,
}

selector!(
    BYLINE,
    r#"[rel="author"], .byline a, .byline, byline, .author-name, .author_name, .auth_name,
    [class*="byline"] [itemprop="name"], [itemprop="author"] [itemprop="name"],
    [itemprop="author"], .author.vcard .fn, .vcard.author .fn, address.author, .author .fn,
    .entry-author, .post-author, [class*="author-name"], [class*="author_name"],
    [class*="authorname"], [class*="author-link"], span.author,
    .author.vcard, .vcard.author, [class*="field-term-author"], [class*="field-tag-author"],
    a[href*="/author/"], a[href*="/autor/"], a[href*="/auteur/"], a[href*="/autore/"]"#
);

/// The elements metadata is read from, gathered in one walk of the tree
/// (one walk instead of a selector pass each: this runs on every page).
#[derive(Default)]
struct Gathered<'a> {
    title: Option<ElementRef<'a>>,
    metas: Vec<ElementRef<'a>>,
    ld_scripts: Vec<ElementRef<'a>>,
    canonical: Vec<ElementRef<'a>>,
    h1s: Vec<ElementRef<'a>>,
    times: Vec<ElementRef<'a>>,
    itemprops: Vec<ElementRef<'a>>,
    /// Elements that carry a date in an attribute (`abbr.published[title]`,
    /// `span[property="schema:dateCreated"][content]`, `[data-published]`).
    attr_dates: Vec<ElementRef<'a>>,
}

fn gather(doc: &Html) -> Gathered<'_> {
    let mut g = Gathered::default();
    for node in doc.root_element().descendants() {
        let Some(e) = ElementRef::wrap(node) else {
            continue;
        };
        let v = e.value();
        match v.name() {
            "title" if g.title.is_none() => g.title = Some(e),
            "meta" => g.metas.push(e),
            "script"
                if v.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                g.ld_scripts.push(e)
            }
            "link"
                if v.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                g.canonical.push(e)
            }
            "h1" => g.h1s.push(e),
            "time" if v.attr("datetime").is_some() || v.attr("pubdate").is_some() => {
                g.times.push(e)
            }
            _ => {}
        }
        if v.attr("itemprop").is_some() {
            g.itemprops.push(e);
        }
        if v.name() != "meta" && attr_date(e).is_some() {
            g.attr_dates.push(e);
        }
    }
    g
}

/// Collects every metadata candidate of a parsed page.
pub fn read(doc: &Html) -> Meta {
    let g = gather(doc);
    let mut meta = Meta {
        title: g
            .title
            .map(|t| clean_value(&text_of(t)))
            .filter(|t| !t.is_empty()),
        ..Meta::default()
    };
    read_json_ld(&g, &mut meta);
    if let Some(lang) = doc
        .root_element()
        .value()
        .attr("lang")
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        set_once(&mut meta.lang_hint, lang);
    }
    read_meta_tags(&g, &mut meta);
    read_microdata(&g, &mut meta);
    for &h1 in &g.h1s {
        if is_hidden_or_boilerplate(h1) {
            continue;
        }
        let t = heading_text(h1);
        if !t.is_empty() {
            meta.h1s.push(t);
        }
    }
    for &t in &g.times {
        if is_hidden_or_boilerplate(t) {
            continue;
        }
        let v = t.value();
        if let Some(dt) = v.attr("datetime").or(v.attr("pubdate")) {
            let dt = dt.trim();
            let marks = [v.attr("class"), v.attr("itemprop"), v.attr("id")];
            let published = v.attr("pubdate").is_some()
                || marks
                    .iter()
                    .flatten()
                    .any(|m| m.to_ascii_lowercase().contains("publish"));
            if dt.is_empty() {
                continue;
            }
            // "Updated <time ...>": the modification time, not the publication time.
            let label = t
                .parent()
                .and_then(ElementRef::wrap)
                .map(text_of)
                .unwrap_or_default();
            let updated = label.to_lowercase().starts_with("updated");
            if updated && !published {
                meta.modified.push(dt.to_string());
            } else if published {
                meta.times.insert(0, dt.to_string());
            } else {
                meta.times.push(dt.to_string());
            }
        }
    }
    read_attr_dates(&g, &mut meta);
    // When nobody else signs, the publisher the page names as author is the byline.
    let mut publisher_authors = Vec::new();
    let mastheads = Mastheads::of(&meta);
    mastheads.drop_from(&mut meta.authors, &mut publisher_authors);
    if meta.authors.is_empty() {
        for e in doc.select(&BYLINE) {
            if is_hidden_or_boilerplate(e) {
                continue;
            }
            // A `.byline` holds free text ("by oz on 4 May"); the other selectors hold a name.
            let free = e.value().name() == "byline"
                || e.value()
                    .classes()
                    .any(|c| c.eq_ignore_ascii_case("byline"));
            let text = text_of(e);
            let names = if free {
                split_byline(&text)
            } else {
                split_marked_byline(&text)
            };
            if is_word_list(&names) {
                continue;
            }
            for name in names {
                push_unique(&mut meta.authors, name);
            }
            mastheads.drop_from(&mut meta.authors, &mut publisher_authors);
            if !meta.authors.is_empty() {
                break;
            }
        }
    }
    if meta.authors.is_empty() {
        meta.authors = visible_byline(doc);
        mastheads.drop_from(&mut meta.authors, &mut publisher_authors);
    }
    if meta.authors.is_empty() {
        meta.authors = publisher_authors;
    }
    meta
}

/// "Von Künstlern, Bands und DJs", "Solar / Wind / Speicher": three or more single words
/// are prose or a list of tags, not a byline.
fn is_word_list(names: &[String]) -> bool {
    names.len() > 2 && names.iter().all(|n| !n.contains(' '))
}

fn set_once(slot: &mut Option<String>, value: &str) {
    if slot.is_none() {
        *slot = Some(clean_value(value));
    }
}

/// A meta or JSON-LD text value as readers would see it: entities that the CMS escaped once
/// more than HTML undoes (`&#8216;`, `&#038;`, `&amp;`) decoded, whitespace collapsed.
fn clean_value(value: &str) -> String {
    let decoded = decode_entities(value);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Named entities that turn up double-escaped in meta values.
const NAMED_ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("quot", '"'),
    ("apos", '\''),
    ("lt", '<'),
    ("gt", '>'),
    ("nbsp", ' '),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("hellip", '…'),
    ("pound", '£'),
    ("euro", '€'),
];

/// Decodes numeric (`&#8211;`, `&#x2013;`) and common named entities; anything else stays.
fn decode_entities(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|i| i + 1).filter(|&i| i <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = if let Some(num) = name.strip_prefix('#') {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                n.and_then(char::from_u32)
            } else {
                NAMED_ENTITIES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, c)| *c)
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
        list.push(item);
    }
}
