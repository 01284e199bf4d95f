//! Pages inside web archives: which WARC records are pages, and how one becomes an article.
//!
//! A `response` record with HTTP status 200, or a `resource` record, whose content type is
//! HTML, XHTML or plain text is a page; `request`, `metadata`, `warcinfo` and `revisit`
//! records (and resources an archiver keeps about itself, such as wget's log) are not.
//! The payload is de-chunked and decompressed here and decoded with the HTTP charset as the
//! first hint; the article keeps the record's `WARC-Target-URI` as its `url` and its
//! `WARC-Date` as `captured`, while its id still comes from the page's canonical link
//! (or its body), so the same article read from a WARC and from a saved page is one.

use super::http;
use super::warc::{self, Head, Item, Offset, Record};
use crate::article::Date;
use crate::extract::{self, Extraction, PageKind, MAX_PAGE_BYTES};
use std::path::Path;

/// The largest block read from a record: the page cap plus room for the HTTP head.
pub const RECORD_CAP: usize = MAX_PAGE_BYTES + (64 << 10);

/// What a record is to morgue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// A page to extract.
    Page,
    /// A capture of something that is not a page (an image, a redirect, a 404).
    NotPage,
    /// Not a capture at all: requests, metadata, warcinfo, revisits, archiver notes.
    Ignored,
}

/// The page kind of a media type: HTML and XHTML, or plain text.
fn page_kind(media: &str) -> Option<PageKind> {
    match media {
        "text/html" | "application/xhtml+xml" | "application/vnd.wap.xhtml+xml" => {
            Some(PageKind::Html)
        }
        "text/plain" => Some(PageKind::Text),
        _ => None,
    }
}

/// Classifies a record from its header and the first bytes of its block.
pub fn classify(head: &Head, peek: &[u8]) -> RecordKind {
    let scheme_ok = |schemes: &[&str]| {
        head.target_uri.as_deref().is_some_and(|u| {
            let u = u.to_ascii_lowercase();
            schemes.iter().any(|s| u.starts_with(s))
        })
    };
    match head.warc_type.as_str() {
        "response" => {
            if !scheme_ok(&["http:", "https:"]) {
                return RecordKind::Ignored; // dns: lookups and the like
            }
            let Some((response, at)) = http::parse_head(peek) else {
                return RecordKind::NotPage;
            };
            if response.status != 200 {
                return RecordKind::NotPage;
            }
            match response.get("content-type") {
                Some(ct) if page_kind(&http::media_type(ct)).is_some() => RecordKind::Page,
                Some(_) => RecordKind::NotPage,
                None if response.get("content-encoding").is_none()
                    && super::ingest::looks_like_html(&peek[at..]) =>
                {
                    RecordKind::Page
                }
                None => RecordKind::NotPage,
            }
        }
        "resource" => {
            if !scheme_ok(&["http:", "https:", "file:", "ftp:"]) {
                return RecordKind::Ignored; // e.g. wget's own log, as metadata://...
            }
            match head.content_type.as_deref() {
                Some(ct) if page_kind(&http::media_type(ct)).is_some() => RecordKind::Page,
                None if super::ingest::looks_like_html(peek) => RecordKind::Page,
                _ => RecordKind::NotPage,
            }
        }
        _ => RecordKind::Ignored,
    }
}

/// The reader's filter: read the whole block of pages only.
pub fn wants(head: &Head, peek: &[u8]) -> bool {
    classify(head, peek) == RecordKind::Page
}

/// A page taken out of a record, decoded to UTF-8 (behind a BOM, so a stale `<meta charset>`
/// cannot decode it again).
#[derive(Debug, Clone)]
pub struct Page {
    /// `WARC-Target-URI`.
    pub uri: Option<String>,
    /// `WARC-Date`, when it parses.
    pub captured: Option<Date>,
    /// HTML or text.
    pub kind: PageKind,
    /// The page as UTF-8 with a BOM.
    pub bytes: Vec<u8>,
    /// Notes about how it went (payload cut, unreadable date).
    pub warnings: Vec<String>,
}

/// Decodes the payload of a page record.
pub fn page_of(record: &Record) -> Result<Page, String> {
    let block = record.block.as_deref().unwrap_or_default();
    let mut warnings = Vec::new();
    if record.cut {
        warnings.push(format!(
            "record cut at {} MiB of {} bytes",
            RECORD_CAP >> 20,
            record.head.length
        ));
    }
    let (payload, content_type) = if record.head.warc_type == "response" {
        let (response, at) =
            http::parse_head(block).ok_or("the response has no readable HTTP header")?;
        let mut payload = block[at..].to_vec();
        let lower = |name| response.get(name).unwrap_or("").to_ascii_lowercase();
        if lower("transfer-encoding").contains("chunked") {
            payload = http::dechunk(&payload, RECORD_CAP).map_err(|e| e.to_string())?;
        }
        let coding = lower("content-encoding");
        if !coding.is_empty() {
            payload = http::decode_content(payload, &coding, MAX_PAGE_BYTES + 1)
                .map_err(|e| e.to_string())?;
        }
        (payload, response.get("content-type").map(str::to_string))
    } else {
        (block.to_vec(), record.head.content_type.clone())
    };
    let kind = content_type
        .as_deref()
        .and_then(|ct| page_kind(&http::media_type(ct)))
        .unwrap_or(PageKind::Html);
    let hint = content_type.as_deref().and_then(http::charset);
    let payload = &payload[..payload.len().min(MAX_PAGE_BYTES)];
    if payload.iter().all(u8::is_ascii_whitespace) {
        return Err("empty payload".into());
    }
    let text = extract::decode::decode_with_hint(payload, kind == PageKind::Html, hint);
    let mut bytes = Vec::with_capacity(text.len() + 3);
    bytes.extend_from_slice(b"\xEF\xBB\xBF");
    bytes.extend_from_slice(text.as_bytes());
    let captured = record.head.date.as_deref().and_then(|d| {
        let parsed = chrono::DateTime::parse_from_rfc3339(d.trim()).ok();
        if parsed.is_none() {
            warnings.push(format!("unreadable WARC-Date {d:?}"));
        }
        parsed
    });
    Ok(Page {
        uri: record.head.target_uri.clone(),
        captured,
        kind,
        bytes,
        warnings,
    })
}

/// Extracts the article of a page record; `path` is its `ARCHIVE#OFFSET`.
pub fn extract_record(path: &str, record: &Record) -> Result<Extraction, String> {
    let page = page_of(record)?;
    let member = Path::new(path);
    let mut x =
        extract::extract_as(member, &page.bytes, page.kind, false).map_err(|e| e.to_string())?;
    let a = &mut x.article;
    // A page with no title is named after its URL's last segment, not after the archive.
    let from_path = member
        .file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_default();
    if a.headline == from_path {
        if let Some(name) = page.uri.as_deref().and_then(last_segment) {
            a.headline = name;
        }
    }
    a.url = page.uri.clone().or(a.url.take());
    a.captured = page.captured;
    x.warnings.extend(page.warnings);
    Ok(x)
}

fn last_segment(uri: &str) -> Option<String> {
    let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let path = after_scheme.split_once('/').map_or("", |(_, path)| path);
    let path = path.split(['?', '#']).next()?.trim_end_matches('/');
    let seg = path.rsplit('/').next()?;
    let stem = seg.rsplit_once('.').map_or(seg, |(s, _)| s);
    (!stem.is_empty() && !stem.contains(':')).then(|| stem.replace(['-', '_'], " "))
}

/// Reads the record that starts at `offset` in an archive (seeking there) and extracts it.
pub fn extract_at(archive: &Path, shown: &str, offset: Offset) -> Result<Extraction, String> {
    let mut reader = warc::Reader::open_at(archive, offset, wants, RECORD_CAP)
        .map_err(|e| format!("cannot read {}: {e}", archive.display()))?;
    match reader.next() {
        Some(Item::Record(r)) if r.block.is_some() => extract_record(shown, &r),
        Some(Item::Record(r)) => Err(format!(
            "the record at {offset} is a {} record, not a page",
            if r.head.warc_type.is_empty() {
                "typeless"
            } else {
                &r.head.warc_type
            }
        )),
        Some(Item::Malformed { reason, .. } | Item::Damaged { reason, .. }) => {
            Err(format!("no readable record at {offset}: {reason}"))
        }
        None => Err(format!("no record at {offset}")),
    }
}

/// The payload of the page record at `offset`, as UTF-8 behind a BOM (to open or serve it).
pub fn payload_at(archive: &Path, offset: Offset) -> Result<(PageKind, Vec<u8>), String> {
    let mut reader = warc::Reader::open_at(archive, offset, wants, RECORD_CAP)
        .map_err(|e| format!("cannot read {}: {e}", archive.display()))?;
    match reader.next() {
        Some(Item::Record(r)) if r.block.is_some() => page_of(&r).map(|p| (p.kind, p.bytes)),
        _ => Err(format!(
            "no page record at {offset} in {}",
            archive.display()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(kind: &str, uri: &str, ct: Option<&str>) -> Head {
        Head {
            warc_type: kind.into(),
            target_uri: Some(uri.into()),
            date: Some("2021-02-15T14:20:00Z".into()),
            content_type: ct.map(str::to_string),
            length: 0,
        }
    }

    #[test]
    fn only_200_html_and_text_captures_are_pages() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x";
        let xhtml = b"HTTP/1.1 200 OK\r\nContent-Type: application/xhtml+xml\r\n\r\n<p>x";
        let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        let moved = b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\nLocation: /b\r\n\r\n";
        let bare = b"HTTP/1.0 200 OK\r\n\r\n<!doctype html><title>t</title>";
        let resp = head(
            "response",
            "http://a.test/x",
            Some("application/http; msgtype=response"),
        );
        assert_eq!(classify(&resp, ok), RecordKind::Page);
        assert_eq!(classify(&resp, xhtml), RecordKind::Page);
        assert_eq!(classify(&resp, bare), RecordKind::Page);
        assert_eq!(classify(&resp, png), RecordKind::NotPage);
        assert_eq!(classify(&resp, moved), RecordKind::NotPage);
        let dns = head("response", "dns:a.test", Some("text/dns"));
        assert_eq!(
            classify(&dns, b"20210215 a.test 1.2.3.4"),
            RecordKind::Ignored
        );
        for kind in ["request", "metadata", "warcinfo", "revisit"] {
            assert_eq!(
                classify(&head(kind, "http://a.test/x", None), ok),
                RecordKind::Ignored
            );
        }
        let text = head("resource", "http://a.test/notes.txt", Some("text/plain"));
        assert_eq!(classify(&text, b"Notes"), RecordKind::Page);
        let log = head(
            "resource",
            "metadata://gnu.org/software/wget/warc/wget.log",
            Some("text/plain"),
        );
        assert_eq!(classify(&log, b"--2021-- http://"), RecordKind::Ignored);
    }

    #[test]
    fn a_chunked_gzipped_latin1_response_becomes_an_article_with_its_capture_date() {
        use std::io::Write;
        let html = b"<html><head><title>Ferry service resumes</title></head><body><article>\
            <h1>Ferry service resumes</h1><p>The caf\xe9 on the pier reopened on Monday as the \
            ferry service resumed after a week of storms, the harbour master said.</p>\
            <p>Passengers queued from dawn for the first crossing of the day.</p></article></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(html).unwrap();
        let gz = gz.finish().unwrap();
        let (a, b) = gz.split_at(gz.len() / 2);
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\
            Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
        for part in [a, b] {
            block.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            block.extend_from_slice(part);
            block.extend_from_slice(b"\r\n");
        }
        block.extend_from_slice(b"0\r\n\r\n");
        let record = Record {
            offset: Offset::default(),
            head: head("response", "https://news.test/ferry", None),
            block: Some(block),
            cut: false,
        };
        let x = extract_record("/a/crawl.warc.gz#0", &record).unwrap();
        assert_eq!(x.article.headline, "Ferry service resumes");
        assert!(
            x.article.body.contains("The café on the pier"),
            "{}",
            x.article.body
        );
        assert_eq!(x.article.url.as_deref(), Some("https://news.test/ferry"));
        assert_eq!(
            crate::article::format_date(&x.article.captured.unwrap()),
            "2021-02-15T14:20:00Z"
        );
        assert_eq!(x.article.path, "/a/crawl.warc.gz#0");
    }

    #[test]
    fn untitled_pages_are_named_after_their_url() {
        assert_eq!(
            last_segment("http://a.test/news/tram-line-opens.html?x=1").as_deref(),
            Some("tram line opens")
        );
        assert_eq!(last_segment("http://a.test/"), None);
    }
}
