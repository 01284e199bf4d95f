//! What an element is on the page: a headline's own text, its plain text, and whether it
//! sits in furniture (sidebars, menus, hidden parts) rather than the story.

use crate::extract::lexicon::{
    FURNITURE_COMPOUNDS, FURNITURE_WORDS, HEADING_EXTRAS, TAXONOMY_PREFIXES,
};
use scraper::ElementRef;

/// The text of a headline element without its kicker or subtitle parts
/// (`<h1><span class="dachzeile">Nach dem Sturm</span> Pier reopens</h1>`); the whole text
/// when that would leave less than two words.
pub(super) fn heading_text(h1: ElementRef) -> String {
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
    crate::extract::html::for_each_token(value, |t| {
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
            || v.attr("style")
                .is_some_and(crate::extract::html::style_hides)
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
