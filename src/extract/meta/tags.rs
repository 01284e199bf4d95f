//! `<meta>` tags, date attributes of `<time>` and kin, and microdata: the names and dates
//! a page declares outside JSON-LD.

use super::page::{is_hidden_or_boilerplate, text_of};
use super::{clean_value, push_unique, set_once, Gathered, Meta};
use crate::extract::byline::split_marked_byline;
use crate::extract::lexicon::{AUTHOR_LABELS, DATE_ATTRIBUTE_MARKS, MODIFIED_META, PUBLISHED_META};
use scraper::ElementRef;

pub(super) fn read_meta_tags(g: &Gathered, meta: &mut Meta) {
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
            "description" | "og:description" | "twitter:description" => {
                push_unique(&mut meta.descriptions, clean_value(content))
            }
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

/// An element's date attribute with whether it is a publication (not an update) date:
/// `title` or `content` on an element whose class, id or property names a date, or a
/// `data-*` attribute whose name does.
pub(super) fn attr_date<'a>(e: ElementRef<'a>) -> Option<(&'a str, bool)> {
    let v = e.value();
    let marks = [v.attr("class"), v.attr("id"), v.attr("property")];
    let marked = marks.iter().flatten().find_map(|m| {
        let m = m.to_ascii_lowercase();
        DATE_ATTRIBUTE_MARKS
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

pub(super) fn read_attr_dates(g: &Gathered, meta: &mut Meta) {
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

pub(super) fn read_microdata(g: &Gathered, meta: &mut Meta) {
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
