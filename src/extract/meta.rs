//! Page metadata: JSON-LD, OpenGraph and other `<meta>` tags, microdata,
//! `<time>` elements, `<title>`, `<h1>` and bylines.
//!
//! Everything here reads the one parsed tree; nothing here decides which
//! candidate wins (that is `extract::choose_*`), it only collects them.

use super::byline::{split_byline, split_marked_byline, strip_byline_prefix};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::sync::LazyLock;

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

macro_rules! selector {
    ($name:ident, $css:expr) => {
        static $name: LazyLock<Selector> = LazyLock::new(|| Selector::parse($css).unwrap());
    };
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

/// Meta tag names (lower case) whose content is a publication date, best first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "article.published",
    "original-publish-date",
    "date",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
];

/// Meta tag names (lower case) whose content is a modification date.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
];

/// JSON-LD `@type`s that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "WebPage",
    "Report",
    "ScholarlyArticle",
    "BackgroundNewsArticle",
];

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

/// The names a page gives its publisher, as words, and its host: what an "author" that is
/// only the masthead looks like.
struct Mastheads {
    orgs: Vec<Vec<String>>,
    hosts: Vec<String>,
}

impl Mastheads {
    fn of(meta: &Meta) -> Mastheads {
        let orgs = meta
            .publishers
            .iter()
            .chain(meta.site.iter())
            .map(|p| name_words(p))
            .filter(|w| !w.is_empty())
            .collect();
        // "elpais.com.uy" -> "elpais"; "interscenar.io" -> "interscenario". A one-word author
        // equal to the host is a blogger's user name ("nesselsetzer"), so the host only
        // judges names of several words.
        let hosts = meta
            .url
            .as_deref()
            .and_then(super::host_of)
            .map(|host| {
                let host = host.to_ascii_lowercase();
                let labels: Vec<&str> = host.split('.').collect();
                vec![labels[0].replace('-', ""), labels.concat().replace('-', "")]
            })
            .unwrap_or_default();
        Mastheads { orgs, hosts }
    }

    /// Removes authors that are the publisher itself (`L'Opinion` on lopinion.example, the
    /// site name in `meta name=author`), unless they read as a person's name. The first
    /// names removed are kept in `removed`, to stand when no source names anyone else.
    fn drop_from(&self, authors: &mut Vec<String>, removed: &mut Vec<String>) {
        if authors.is_empty() {
            return;
        }
        if removed.is_empty() {
            removed.clone_from(authors);
        }
        // With a person beside it, even a one-word author equal to the host is the masthead.
        let others = authors.len() > 1;
        authors.retain(|a| {
            let words = name_words(a);
            let joined = words.concat();
            let several = words.len() > 1;
            let is_org = self.orgs.iter().any(|o| {
                o.concat() == joined
                    || (o.len() == 1 && several && words.contains(&o[0]))
                    || (several && o.len() > words.len() && words.iter().all(|w| o.contains(w)))
            }) || (several
                && self.hosts.iter().any(|h| *h == joined || words.contains(h)))
                || (others && self.hosts.contains(&joined));
            !is_org || super::people::opens_with_given_name(a)
        });
    }
}

/// Lower-case alphanumeric words of a name, for comparing it with a publisher.
fn name_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How many text nodes are searched for a "By Name" line on pages without byline markup.
const BYLINE_WINDOW: usize = 400;

/// Names from a short "By Name ..." line of plain text (old table layouts mark nothing up).
fn visible_byline(doc: &Html) -> Vec<String> {
    // Text nodes of the body with the element holding them, skipping code and the head.
    let mut texts: Vec<(&str, ElementRef)> = Vec::new();
    for node in doc.root_element().descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        let Some(parent) = node.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        if matches!(
            parent.value().name(),
            "script" | "style" | "title" | "noscript" | "template" | "option"
        ) {
            continue;
        }
        texts.push((t, parent));
        if texts.len() >= BYLINE_WINDOW {
            break;
        }
    }
    for (i, &(t, parent)) in texts.iter().enumerate() {
        if t.split_whitespace().count() > 12 {
            continue;
        }
        let Some(rest) = byline_rest(t) else {
            continue;
        };
        if in_menu_or_comments(parent) {
            continue;
        }
        // "By <a>Jane Doe</a>": the name is the next piece of text, or the next two
        // ("Autor: <a>Rechtsanwalt</a> Jonas Ebner").
        let next = |n: usize| -> String {
            texts[i + 1..]
                .iter()
                .take(n)
                .map(|(t, _)| *t)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let lines = if rest.is_empty() {
            vec![next(1), next(2)]
        } else {
            vec![rest.to_string()]
        };
        for line in lines {
            if line.split_whitespace().count() > 12 {
                continue;
            }
            let names = split_byline(&line);
            if !names.is_empty() && !is_word_list(&names) {
                return names;
            }
        }
    }
    Vec::new()
}

/// True inside navigation, menus or comment threads, where "Von …" is a link label or a
/// commenter. Lighter than [`is_hidden_or_boilerplate`]: an article's own footer or teaser
/// line ("von Jana Roe" in `.teaser-cat`) may carry its byline.
fn in_menu_or_comments(e: ElementRef) -> bool {
    let mut node = Some(e);
    while let Some(el) = node {
        let v = el.value();
        if v.name() == "nav" || v.attr("hidden").is_some() {
            return true;
        }
        let marked = v.classes().chain(v.id()).any(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("menu") || c.contains("comment") || c.starts_with("nav")
        });
        if marked {
            return true;
        }
        node = el.parent().and_then(ElementRef::wrap);
    }
    false
}

/// What follows the byline prefix of a short line: "By Jane Doe" and also "Posted on
/// 4 May 2020 by Jane Doe", "06.11.2023 13:30 von Olga".
fn byline_rest(t: &str) -> Option<&str> {
    if let Some(rest) = strip_byline_prefix(t) {
        return Some(rest);
    }
    // A date, then the prefix: the words before it hold a digit and are few; the name may
    // follow in the next piece ("last edited 2019-11-10 by <a>Mats</a>").
    let dated = |before: &str| {
        before.chars().any(|c| c.is_ascii_digit()) && before.split_whitespace().count() <= 6
    };
    if [" by", " von", " par", " por"]
        .iter()
        .any(|p| t.strip_suffix(p).is_some_and(dated))
    {
        return Some("");
    }
    [" by ", " von ", " par ", " por "].iter().find_map(|p| {
        let at = t.rfind(p).filter(|&at| dated(&t[..at]))?;
        Some(t[at + p.len()..].trim())
    })
}

/// Class names (substrings, lower case) of the parts of an `<h1>` that stand above or below
/// the headline itself: kickers, roof lines, subtitles.
const HEADING_EXTRAS: &[&str] = &[
    "kicker",
    "dachzeile",
    "spitzmarke",
    "subtitle",
    "subline",
    "overline",
    "topline",
    "roofline",
    "eyebrow",
    "surtitre",
    "antetitulo",
];

/// The text of a headline element without its kicker or subtitle parts
/// (`<h1><span class="dachzeile">Nach dem Sturm</span> Pier reopens</h1>`); the whole text
/// when that would leave less than two words.
fn heading_text(h1: ElementRef) -> String {
    let is_extra = |e: ElementRef| {
        e.value().classes().any(|c| {
            let c = c.to_ascii_lowercase();
            HEADING_EXTRAS.iter().any(|x| c.contains(x))
        })
    };
    let mut dropped = false;
    let kept = h1.descendants().filter_map(|node| {
        let t = node.value().as_text()?;
        let extra = node
            .ancestors()
            .take_while(|a| a.id() != h1.id())
            .filter_map(ElementRef::wrap)
            .any(is_extra);
        dropped |= extra;
        (!extra).then_some(&**t)
    });
    let out = join_words(kept);
    if dropped && out.split_whitespace().count() >= 2 {
        out
    } else {
        text_of(h1)
    }
}

/// Whitespace-normalised text of an element.
pub fn text_of(e: ElementRef) -> String {
    join_words(e.text())
}

/// The words of `pieces` joined by single spaces.
fn join_words<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for piece in pieces {
        for word in piece.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

/// Class or id tokens (whole words, after splitting on separators and camelCase) that mark
/// sidebars and other non-article furniture. A token is matched whole or as its plural, so
/// `promoted-story`, `topline` or `has-sidebar` are not furniture while `related-posts` is.
const FURNITURE_WORDS: &[&str] = &[
    "related",
    "sidebar",
    "aside",
    "popular",
    "trending",
    "recommended",
    "recommendation",
    "teaser",
    "promo",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "outbrain",
    "taboola",
    "weather",
    "latest",
    "comment",
    "breadcrumb",
    "rail",
];

/// Class prefixes that name the story's own categories and tags (WordPress writes
/// `category-popular tag-sidebar` on the post itself): never a sign of furniture.
const TAXONOMY_PREFIXES: &[&str] = &["category-", "tag-"];

/// Furniture names written as several words (`most-read`, `moreFrom`), matched on the class
/// or id squashed to lower-case letters and digits.
const FURNITURE_COMPOUNDS: &[&str] = &[
    "mostread",
    "mostpopular",
    "mostviewed",
    "morefrom",
    "nextarticle",
    "upnext",
    "youmayalsolike",
];

/// True when a class or id value names page furniture.
fn names_furniture(value: &str) -> bool {
    if TAXONOMY_PREFIXES.iter().any(|p| value.contains(p)) {
        let kept: Vec<&str> = value
            .split_whitespace()
            .filter(|c| !TAXONOMY_PREFIXES.iter().any(|p| c.starts_with(p)))
            .collect();
        if kept.len() < value.split_whitespace().count() {
            return names_furniture(&kept.join(" "));
        }
    }
    let mut hit = false;
    super::html::for_each_token(value, |t| {
        hit |= FURNITURE_WORDS
            .iter()
            .any(|w| t == *w || t.strip_suffix('s') == Some(w));
    });
    hit || {
        let squashed: String = value
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        FURNITURE_COMPOUNDS.iter().any(|c| squashed.contains(c))
    }
}

/// Where the search for furniture names around an element stops: the story's own container
/// (an `<article>`, `<main>`, `role=main` or `itemprop=articleBody`), and never `<body>` or
/// `<html>`, whose classes describe the whole page (`has-sidebar`).
fn is_story_container(el: &scraper::node::Element) -> bool {
    matches!(el.name(), "article" | "main" | "body" | "html")
        || el
            .attr("role")
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("main"))
        || el
            .attr("itemprop")
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("articlebody"))
}

/// True when an element sits in a sidebar, navigation or footer inside the page's story
/// container (or outside any), or is hidden. The one furniture test of headline, date and
/// byline candidates.
pub fn is_hidden_or_boilerplate(e: ElementRef) -> bool {
    is_hidden_or_boilerplate_under(e, &[])
}

/// Like [`is_hidden_or_boilerplate`], with the class and id names of `trusted` elements not
/// counted: the ancestors of the story's own headline are its header, whatever their names say
/// (`m-intro__breadcrumbNavigation` on the block holding the `<h1>` and its date line).
pub fn is_hidden_or_boilerplate_under(e: ElementRef, trusted: &[ego_tree::NodeId]) -> bool {
    let mut names_count = true;
    let mut node = Some(e);
    while let Some(el) = node {
        let v = el.value();
        if v.attr("hidden").is_some()
            || v.attr("aria-hidden") == Some("true")
            || v.attr("style").is_some_and(super::html::style_hides)
            || matches!(v.name(), "aside" | "nav" | "footer")
        {
            return true;
        }
        if el.id() != e.id() && is_story_container(v) {
            // Past the story container only structure counts: a card `<article>` inside an
            // `<aside>` is still a sidebar's.
            if v.name() != "article" {
                return false;
            }
            names_count = false;
        }
        if names_count
            && !trusted.contains(&el.id())
            && [v.attr("class"), v.attr("id")]
                .into_iter()
                .flatten()
                .any(names_furniture)
        {
            return true;
        }
        node = el.parent().and_then(ElementRef::wrap);
    }
    false
}

/// `twitter:labelN` values that say `twitter:dataN` is the author.
const AUTHOR_LABELS: &[&str] = &[
    "written by",
    "verfasst von",
    "geschrieben von",
    "escrito por",
    "écrit par",
    "scritto da",
    "autor",
    "author",
];

fn read_meta_tags(g: &Gathered, meta: &mut Meta) {
    let mut published: Vec<(usize, String)> = Vec::new();
    let mut author_slot: Option<String> = None;
    let mut og_url = None;
    for &m in &g.metas {
        let v = m.value();
        if v.attr("http-equiv")
            .is_some_and(|h| h.trim().eq_ignore_ascii_case("content-language"))
        {
            if let Some(c) = v.attr("content").map(str::trim).filter(|c| !c.is_empty()) {
                set_once(&mut meta.lang_hint, c);
            }
        }
        let Some(key) = v.attr("property").or(v.attr("name")).or(v.attr("itemprop")) else {
            continue;
        };
        let Some(content) = v.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "og:title" | "twitter:title" => set_once(&mut meta.og_title, content),
            "og:site_name" | "application-name" => set_once(&mut meta.site, content),
            "og:url" if content.starts_with("http") => set_once(&mut og_url, content),
            "og:type" => meta.declares_article |= content.eq_ignore_ascii_case("article"),
            "og:locale" | "language" | "dc.language" | "content-language" | "inlanguage" => {
                set_once(&mut meta.lang_hint, content)
            }
            k if k.starts_with("twitter:label")
                && AUTHOR_LABELS.contains(&content.to_lowercase().as_str()) =>
            {
                author_slot = Some(k.replace("label", "data"));
            }
            k if author_slot.as_deref() == Some(k) => {
                for name in split_marked_byline(content) {
                    push_unique(&mut meta.authors, name);
                }
            }
            "author"
            | "article:author"
            | "article:author_name"
            | "og:article:author"
            | "shareaholic:article_author_name"
            | "byl"
            | "sailthru.author"
            | "parsely-author"
            | "dc.creator"
            | "dcterms.creator"
                if !content.starts_with("http") =>
            {
                for name in split_marked_byline(content) {
                    push_unique(&mut meta.authors, name);
                }
            }
            "publisher" | "dc.publisher" | "dcterms.publisher" | "copyright" => {
                meta.publishers.push(clean_value(content));
            }
            _ => {}
        }
        if let Some(rank) = PUBLISHED_META.iter().position(|k| *k == key) {
            published.push((rank, content.to_string()));
        } else if MODIFIED_META.contains(&key.as_str()) {
            meta.modified.push(content.to_string());
        }
    }
    published.sort_by_key(|(rank, _)| *rank);
    meta.published.extend(published.into_iter().map(|(_, c)| c));
    // Trust order for the URL: canonical link, then og:url, then JSON-LD (read earlier).
    let canonical = g
        .canonical
        .iter()
        .find_map(|e| e.value().attr("href"))
        .map(str::trim)
        .filter(|h| h.starts_with("http"))
        .map(str::to_string);
    if let Some(url) = canonical.or(og_url) {
        meta.url = Some(url);
    }
}

/// Words in a class, id or property that say an element's attribute holds a date.
const DATE_MARKS: &[&str] = &[
    "publish", "posted", "created", "updated", "modified", "date",
];

/// An element's date attribute with whether it is a publication (not an update) date:
/// `title` or `content` on an element whose class, id or property names a date, or a
/// `data-*` attribute whose name does.
fn attr_date<'a>(e: ElementRef<'a>) -> Option<(&'a str, bool)> {
    let v = e.value();
    let marks = [v.attr("class"), v.attr("id"), v.attr("property")];
    let marked = marks.iter().flatten().find_map(|m| {
        let m = m.to_ascii_lowercase();
        DATE_MARKS
            .iter()
            .any(|d| m.contains(d))
            .then(|| !(m.contains("updated") || m.contains("modified")))
    });
    if let Some(published) = marked {
        if let Some(value) = v.attr("content").or(v.attr("title")) {
            return value
                .bytes()
                .any(|b| b.is_ascii_digit())
                .then_some((value, published));
        }
    }
    v.attrs().find_map(|(name, value)| {
        let name = name.strip_prefix("data-")?;
        (name.contains("publish") || name == "date" || name.contains("created"))
            .then_some((value, true))
    })
}

fn read_attr_dates(g: &Gathered, meta: &mut Meta) {
    for &e in &g.attr_dates {
        // A machine-readable date is often hidden on purpose (`class="rdf-meta hidden"`): only
        // where it sits says whose date it is.
        let place = match e.value().attr("content") {
            Some(_) => e.parent().and_then(ElementRef::wrap),
            None => Some(e),
        };
        if place.is_some_and(is_hidden_or_boilerplate) {
            continue;
        }
        if let Some((value, published)) = attr_date(e) {
            // Epoch seconds or milliseconds (`data-published="1643370000"`).
            let value = match value.trim().parse::<i64>() {
                Ok(n) if (631_152_000..4_102_444_800).contains(&n) => epoch_rfc3339(n),
                Ok(n) if (631_152_000_000..4_102_444_800_000).contains(&n) => {
                    epoch_rfc3339(n / 1000)
                }
                Ok(_) => continue,
                Err(_) => value.to_string(),
            };
            if published {
                meta.times.push(value);
            } else {
                meta.modified.push(value);
            }
        }
    }
}

fn epoch_rfc3339(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .map(|d| d.to_rfc3339())
        .unwrap_or_default()
}

fn read_microdata(g: &Gathered, meta: &mut Meta) {
    for &e in &g.itemprops {
        if e.value().name() == "meta" {
            continue; // read with the meta tags
        }
        let prop = e.value().attr("itemprop").unwrap_or("");
        match prop {
            "headline" if meta.itemprop_headline.is_none() => {
                let t = text_of(e);
                if !t.is_empty() {
                    meta.itemprop_headline = Some(t);
                }
            }
            "datePublished" => {
                if let Some(d) = e.value().attr("datetime").or(e.value().attr("content")) {
                    meta.published.push(d.to_string());
                } else {
                    meta.published.push(text_of(e));
                }
            }
            _ => {}
        }
    }
}

fn read_json_ld(g: &Gathered, meta: &mut Meta) {
    // Graphs (as WordPress SEO plugins write them) name the author by reference:
    // `"author": {"@id": "…#/schema/person/1"}`, the Person standing elsewhere in the graph.
    let mut people_by_id: Vec<(String, String)> = Vec::new();
    for &script in &g.ld_scripts {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim().trim_end_matches(';')) else {
            continue;
        };
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    if is_article(v) {
                        read_ld_article(v, meta);
                    }
                    let is_person = match v.get("@type") {
                        Some(Value::String(t)) => t == "Person",
                        Some(Value::Array(ts)) => ts.iter().any(|t| t == "Person"),
                        _ => false,
                    };
                    if let (true, Some(id), Some(name)) = (
                        is_person,
                        v.get("@id").and_then(Value::as_str),
                        v.get("name").and_then(Value::as_str),
                    ) {
                        people_by_id.push((id.to_string(), name.to_string()));
                    }
                }
                _ => {}
            }
        }
    }
    if meta.authors.is_empty() {
        for id in std::mem::take(&mut meta.ld_author_ids) {
            if let Some((_, name)) = people_by_id.iter().find(|(i, _)| *i == id) {
                for name in split_marked_byline(name) {
                    push_unique(&mut meta.authors, name);
                }
            }
        }
    }
}

fn is_article(v: &Value) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
        _ => false,
    }
}

fn read_ld_article(v: &Value, meta: &mut Meta) {
    let is_webpage = v.get("@type").and_then(Value::as_str) == Some("WebPage");
    // Infinite-scroll pages carry the next story's JSON-LD too; the first article object is this page's.
    if meta.declares_article && !is_webpage && meta.ld_headline.is_some() {
        return;
    }
    if !is_webpage {
        meta.declares_article = true;
    }
    if let Some(h) = v.get("headline").and_then(Value::as_str) {
        if !is_webpage || meta.ld_headline.is_none() {
            meta.ld_headline = Some(clean_value(h));
        }
    }
    if let Some(d) = v.get("datePublished").and_then(Value::as_str) {
        // Article objects come before WebPage wrappers in our trust order.
        let at = if is_webpage { meta.published.len() } else { 0 };
        meta.published.insert(at, d.to_string());
    }
    if let Some(d) = v.get("dateCreated").and_then(Value::as_str) {
        meta.published.push(d.to_string());
    }
    if let Some(d) = v.get("dateModified").and_then(Value::as_str) {
        meta.modified.push(d.to_string());
    }
    if let Some(body) = v.get("articleBody").and_then(Value::as_str) {
        if !body.trim().is_empty() {
            meta.ld_body = Some(body.to_string());
        }
    }
    if meta.url.is_none() {
        let url =
            v.get("url")
                .and_then(Value::as_str)
                .or_else(|| match v.get("mainEntityOfPage") {
                    Some(Value::String(s)) => Some(s.as_str()),
                    Some(o) => o.get("@id").and_then(Value::as_str),
                    None => None,
                });
        meta.url = url.filter(|u| u.starts_with("http")).map(str::to_string);
    }
    let publisher = v
        .get("publisher")
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .map(clean_value);
    if meta.site.is_none() {
        meta.site.clone_from(&publisher);
    }
    meta.publishers.extend(publisher);
    for name in ld_names(v.get("author")) {
        push_unique(&mut meta.authors, name);
    }
    let mut refs: Vec<&Value> = v.get("author").into_iter().collect();
    while let Some(r) = refs.pop() {
        match r {
            Value::Array(items) => refs.extend(items),
            Value::Object(o) if !o.contains_key("name") => {
                if let Some(id) = o.get("@id").and_then(Value::as_str) {
                    meta.ld_author_ids.push(id.to_string());
                }
            }
            _ => {}
        }
    }
    for key in ["mentions", "about"] {
        for name in ld_person_names(v.get(key)) {
            push_unique(&mut meta.ld_people, name);
        }
    }
}

/// Names in a JSON-LD author value: a string, a Person or Organization object, or an array of them.
fn ld_names(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = v.into_iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => out.extend(split_marked_byline(s)),
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(_) => {
                let is_org = v.get("@type").and_then(Value::as_str) == Some("Organization");
                if let Some(n) = v.get("name").and_then(Value::as_str) {
                    if !is_org {
                        out.extend(split_marked_byline(n));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Names of `Person` objects in a JSON-LD value.
fn ld_person_names(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value> = v.into_iter().collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.iter().rev()),
            Value::Object(_) if v.get("@type").and_then(Value::as_str) == Some("Person") => {
                if let Some(n) = v.get("name").and_then(Value::as_str) {
                    out.push(n.trim().to_string());
                }
            }
            _ => {}
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_graph_and_arrays_are_read() {
        let page = r#"<html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
         {"@type":"NewsArticle","headline":"Storm hits coast","datePublished":"2020-01-02T10:00:00Z",
          "dateModified":"2020-01-03T10:00:00Z","author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Organization","name":"Wire"}],
          "publisher":{"@type":"Organization","name":"Coast News"},"mentions":[{"@type":"Person","name":"Jane Roe"}]}]}
        </script></head><body></body></html>"#;
        let m = read(&Html::parse_document(page));
        assert_eq!(m.ld_headline.as_deref(), Some("Storm hits coast"));
        assert_eq!(m.published, vec!["2020-01-02T10:00:00Z"]);
        assert_eq!(m.modified, vec!["2020-01-03T10:00:00Z"]);
        assert_eq!(m.authors, vec!["Ana Ruiz"]);
        assert_eq!(m.site.as_deref(), Some("Coast News"));
        assert_eq!(m.ld_people, vec!["Jane Roe"]);
        assert!(m.declares_article);
    }

    #[test]
    fn meta_tags_rank_published_before_generic_dates() {
        let page = r#"<head><meta name="date" content="2019-01-01"><meta property="article:published_time" content="2020-05-05T08:00:00+02:00">
        <meta property="article:modified_time" content="2020-06-06"><meta property="og:site_name" content="Ledger">
        <link rel="canonical" href="https://ledger.example/a"></head>"#;
        let m = read(&Html::parse_document(page));
        assert_eq!(m.published[0], "2020-05-05T08:00:00+02:00");
        assert_eq!(m.modified, vec!["2020-06-06"]);
        assert_eq!(m.url.as_deref(), Some("https://ledger.example/a"));
        assert_eq!(m.site.as_deref(), Some("Ledger"));
    }

    #[test]
    fn sidebar_times_and_headings_are_ignored() {
        let page = r#"<body><h1>Main story</h1><time datetime="2021-02-15">x</time>
        <aside class="related"><h1>Other</h1><time datetime="2020-01-01">y</time></aside></body>"#;
        let m = read(&Html::parse_document(page));
        assert_eq!(m.h1s, vec!["Main story"]);
        assert_eq!(m.times, vec!["2021-02-15"]);
    }

    #[test]
    fn entities_escaped_twice_are_decoded_in_meta_values() {
        let page = r#"<head><meta property="og:title" content="Tide &amp;#8216;late&amp;#8217; &amp;#038; cold">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Fish &#163;4 &#8211; a record"}</script></head>"#;
        let m = read(&Html::parse_document(page));
        assert_eq!(m.og_title.as_deref(), Some("Tide ‘late’ & cold"));
        assert_eq!(m.ld_headline.as_deref(), Some("Fish £4 – a record"));
        assert_eq!(
            decode_entities("AT&T &unknown; &#xZZ;"),
            "AT&T &unknown; &#xZZ;"
        );
    }

    #[test]
    fn dates_in_attributes_are_read() {
        let page = r#"<body><h1>Main story</h1>
        <abbr class="published" title="2009-08-06T14:12:32+0200">6 Aug</abbr>
        <span class="updated" title="2009-08-07T10:00:00+0200"></span>
        <div data-published="1643370000"></div></body>"#;
        let m = read(&Html::parse_document(page));
        assert_eq!(m.times[0], "2009-08-06T14:12:32+0200");
        assert!(m.times[1].starts_with("2022-01-28"), "{:?}", m.times);
        assert_eq!(m.modified, vec!["2009-08-07T10:00:00+0200"]);
    }

    #[test]
    fn page_wide_classes_and_word_prefixes_do_not_hide_the_story() {
        // The body's classes describe the page; "promoted" is not "promo"; "topline" is a
        // meta line above the headline, not a sidebar.
        let page = r#"<body class="has-sidebar"><div class="promoted-story"><h1>Main story</h1>
        <div class="topline"><time datetime="2021-02-15">x</time></div></div>
        <div class="sidebar"><h1>Other</h1></div>
        <div class="most-read"><time datetime="2020-01-01">y</time></div></body>"#;
        let m = read(&Html::parse_document(page));
        assert_eq!(m.h1s, vec!["Main story"]);
        assert_eq!(m.times, vec!["2021-02-15"]);
    }

    #[test]
    fn the_story_container_bounds_the_furniture_test() {
        // A wrapper named like furniture around the story's <article> does not hide it; a
        // card <article> inside an <aside> is still the sidebar's.
        let page = r#"<body><div class="layout-with-related"><article><h1>Main story</h1>
        <time datetime="2021-02-15">x</time></article></div>
        <aside><article><h1>Card</h1><time datetime="2020-01-01">y</time></article></aside></body>"#;
        let m = read(&Html::parse_document(page));
        assert_eq!(m.h1s, vec!["Main story"]);
        assert_eq!(m.times, vec!["2021-02-15"]);
    }

    #[test]
    fn a_posts_own_category_and_tag_classes_are_not_furniture() {
        let page = r#"<body><div class="post category-popular tag-sidebar-tips"><h1>Main story</h1>
        <time datetime="2021-02-15">x</time></div>
        <div class="popular-posts"><h1>Card</h1><time datetime="2020-01-01">y</time></div></body>"#;
        let m = read(&Html::parse_document(page));
        assert_eq!(m.h1s, vec!["Main story"]);
        assert_eq!(m.times, vec!["2021-02-15"]);
    }

    #[test]
    fn bylines_split_into_names_without_agencies() {
        assert_eq!(
            split_byline("By Tom Lee and Ana Ruiz, Reuters"),
            vec!["Tom Lee", "Ana Ruiz"]
        );
        assert_eq!(split_byline("Staff Writer"), Vec::<String>::new());
    }

    fn authors_of(page: &str) -> Vec<String> {
        read(&Html::parse_document(page)).authors
    }

    #[test]
    fn kickers_and_subtitles_inside_the_h1_are_not_the_headline() {
        let page = r#"<html><body><h1><span class="dachzeile">Nach dem Sturm</span>
        <span class="headline">Fähre nach Amrum fährt wieder</span></h1>
        <h1 class="t"><span>Crab season opens early</span> <small class="article-subtitle">
        A guide to the harbour</small></h1><h1><span class="subtitle">Nur</span></h1></body></html>"#;
        let m = read(&Html::parse_document(page));
        assert_eq!(
            m.h1s,
            vec![
                "Fähre nach Amrum fährt wieder",
                "Crab season opens early",
                "Nur"
            ]
        );
    }

    #[test]
    fn the_masthead_as_author_gives_way_to_the_byline() {
        let page = r#"<html><head><meta property="og:site_name" content="The Harbour Quill">
        <meta name="author" content="Harbour Quill"></head><body><article><h1>Pier closes</h1>
        <p class="meta">Von <a href="/autor/roe">Jana Roe</a></p><p>Text.</p></article></body></html>"#;
        assert_eq!(authors_of(page), vec!["Jana Roe"]);
        // A second author equal to the host beside a person is the masthead too.
        let page = r#"<html><head><link rel="canonical" href="https://www.harbourquill.example/a/1">
        <meta name="author" content="Jana Roe, HarbourQuill"></head><body></body></html>"#;
        assert_eq!(authors_of(page), vec!["Jana Roe"]);
    }

    #[test]
    fn the_masthead_stands_when_nobody_else_signs_and_a_person_named_like_the_site_stays() {
        let page = r#"<html><head><meta property="og:site_name" content="Harbour Quill">
        <meta name="author" content="Harbour Quill"></head><body><p>Text.</p></body></html>"#;
        assert_eq!(authors_of(page), vec!["Harbour Quill"]);
        let page = r#"<html><head><meta property="og:site_name" content="Daniel Roe">
        <meta name="author" content="Daniel Roe"></head><body></body></html>"#;
        assert_eq!(authors_of(page), vec!["Daniel Roe"]);
    }

    #[test]
    fn user_names_in_author_markup_are_kept() {
        let page = r#"<html><body><article><p class="post-byline"> von <span class="vcard author">
        <span class="fn"><a href="/author/kestrel" rel="author">kestrel</a></span></span></p>
        </article></body></html>"#;
        assert_eq!(authors_of(page), vec!["kestrel"]);
        let page = r#"<html><body><p class="headline_meta">by <span class="author vcard fn">oz</span>
        on <abbr class="published" title="2006-12-04">December 4, 2006</abbr></p></body></html>"#;
        assert_eq!(authors_of(page), vec!["oz"]);
    }

    #[test]
    fn a_link_to_an_author_page_and_a_name_after_a_dated_by() {
        let page = r#"<html><body><div class="authors"><a href="https://x.example/author/ada-q/">
        <img src="a.jpg"> Ada Quill </a></div><h1>Autumn walks</h1></body></html>"#;
        assert_eq!(authors_of(page), vec!["Ada Quill"]);
        let page = r#"<html><body><p class="info">Start (last edited 2019-11-10 13:28:18 by
        <span><a href="/wiki/TomQuill">TomQuill</a></span>)</p></body></html>"#;
        assert_eq!(authors_of(page), vec!["TomQuill"]);
    }

    #[test]
    fn visible_bylines_after_a_date_and_not_in_menus_comments_or_titles() {
        let page = r#"<html><body><div class="gallery-meta">Posted on May 4, 2021 by Ada Quill</div>
        </body></html>"#;
        assert_eq!(authors_of(page), vec!["Ada Quill"]);
        let page = r#"<html><head><title>Von Regeln, Politik und Sprache</title></head><body>
        <ul class="main-menu"><li><a href="/x">Von Kopf bis Fuss</a></li></ul>
        <ol class="commentlist"><li>Kommentar <small>von</small> <cite>Mareike</cite></li></ol>
        <p><i>von Daniela Quast</i></p></body></html>"#;
        assert_eq!(authors_of(page), vec!["Daniela Quast"]);
        let page = r#"<html><body><p>Musik rund um die Uhr<br> von Künstlern, Bands, DJs,<br> die hier spielen</p>
        </body></html>"#;
        assert_eq!(authors_of(page), Vec::<String>::new());
    }
}
