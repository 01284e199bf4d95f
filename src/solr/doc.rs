//! An article as a Solr document of morgue's configset, and the stored fields read back.

use crate::article::{format_date, Article, ExtractionKind};
use serde_json::{json, Value};

/// The stored fields a search asks for.
pub const STORED_FIELDS: &str =
    "id,url,title,author,date_text,crawl_date,content,content_language,persons,path,site,extraction,score";

/// The Solr document of an article (webarchive-discovery names where they exist).
pub fn to_solr(a: &Article) -> Value {
    let mut d = json!({
        "id": a.id,
        "path": a.path,
        "title": a.headline,
        "content": a.body,
        "author": a.authors,
        "persons": a.people,
        "extraction": a.extraction.as_str(),
    });
    let m = d.as_object_mut().expect("an object");
    if let Some(url) = &a.url {
        m.insert("url".into(), url.clone().into());
        if let Some(host) = crate::extract::host_of(url) {
            m.insert("domain".into(), host.into());
        }
    }
    if let Some(site) = &a.site {
        m.insert("site".into(), site.clone().into());
    }
    if let Some(lang) = &a.lang {
        m.insert("content_language".into(), lang.clone().into());
    }
    if let Some(date) = &a.date {
        // The wall-clock time read as UTC, as the local index has it: `--from 2021-02-15`
        // means the day the paper printed, wherever it printed.
        let wall = date.naive_local().and_utc();
        m.insert("publication_date".into(), solr_date(wall).into());
        m.insert("date_text".into(), format_date(date).into());
    }
    if let Some(c) = &a.captured {
        m.insert(
            "crawl_date".into(),
            solr_date(c.with_timezone(&chrono::Utc)).into(),
        );
    }
    d
}

/// A UTC instant in the form Solr's date fields take.
pub fn solr_date(d: chrono::DateTime<chrono::Utc>) -> String {
    d.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A stored Solr document back as an article (the fields [`STORED_FIELDS`] lists).
pub fn from_solr(d: &Value) -> Article {
    let s = |k: &str| d[k].as_str().map(str::to_string);
    let list = |k: &str| -> Vec<String> {
        match &d[k] {
            Value::Array(v) => v
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            Value::String(x) => vec![x.clone()],
            _ => Vec::new(),
        }
    };
    Article {
        id: s("id").unwrap_or_default(),
        path: s("path").unwrap_or_default(),
        url: s("url"),
        site: s("site"),
        headline: s("title").unwrap_or_default(),
        date: s("date_text").and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok()),
        authors: list("author"),
        people: list("persons"),
        body: s("content").unwrap_or_default(),
        captured: s("crawl_date").and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok()),
        extraction: match s("extraction").as_deref() {
            Some("page") => ExtractionKind::Page,
            _ => ExtractionKind::Article,
        },
        lang: s("content_language"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_the_publishers_offset() {
        let a = Article {
            id: "abc".into(),
            path: "/srv/a.html".into(),
            url: Some("https://www.example.com:443/news/a?x=1".into()),
            site: Some("Example".into()),
            headline: "H".into(),
            date: chrono::DateTime::parse_from_rfc3339("2023-11-08T21:24:10-05:00").ok(),
            authors: vec!["A B".into()],
            people: vec!["Vladimir Putin".into()],
            body: "text".into(),
            ..Default::default()
        };
        let d = to_solr(&a);
        assert_eq!(d["publication_date"], "2023-11-08T21:24:10Z");
        assert_eq!(d["domain"], "example.com");
        assert_eq!(from_solr(&d), a);
    }
}
