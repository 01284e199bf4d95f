//! JSON-LD: the article object of a page's `application/ld+json` scripts, in graphs and
//! arrays, and the names in its author values.

use super::{clean_value, push_unique, Gathered, Meta};
use crate::extract::byline::split_marked_byline;
use crate::extract::lexicon::ARTICLE_TYPES;
use serde_json::Value;

pub(super) fn read_json_ld(g: &Gathered, meta: &mut Meta) {
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
        Some(Value::String(t)) => ARTICLE_TYPES.contains(t.as_str()),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(t))),
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
    if let Some(d) = v.get("description").and_then(Value::as_str) {
        let d = clean_value(d);
        if !d.is_empty() {
            push_unique(&mut meta.descriptions, d);
        }
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
