//! Bylines the page only shows: a "By Name" line of plain text, and the publisher's own
//! names that an author list must not hold.

use super::{is_word_list, Meta};
use crate::extract::byline::{split_byline, strip_byline_prefix};
use scraper::{ElementRef, Html};

/// The names a page gives its publisher, as words, and its host: what an "author" that is
/// only the masthead looks like.
pub(super) struct Mastheads {
    orgs: Vec<Vec<String>>,
    hosts: Vec<String>,
}

impl Mastheads {
    pub(super) fn of(meta: &Meta) -> Mastheads {
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
            .and_then(crate::extract::host_of)
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
    pub(super) fn drop_from(&self, authors: &mut Vec<String>, removed: &mut Vec<String>) {
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
            !is_org || crate::extract::people::opens_with_given_name(a)
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
pub(super) fn visible_byline(doc: &Html) -> Vec<String> {
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
