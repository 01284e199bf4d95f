//! Rendering: hits, articles, stats and people as text for people at a
//! terminal, and as JSON or JSON Lines for scripts.

use crate::article::{format_date, lead_of, Article, ExtractionKind};
use crate::search::{Hit, PersonCount, SearchResults, Stats};
use serde::Serialize;
use std::io::{self, Write};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Readable text (the default on a terminal).
    Text,
    /// One pretty JSON document.
    Json,
    /// One compact JSON object per line (the default when piped).
    Jsonl,
}

/// Width that text output wraps to.
const WIDTH: usize = 100;
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// How text output may be styled.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    /// Use ANSI bold and dim.
    pub ansi: bool,
}

impl Style {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.ansi {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    }
}

/// A stored (absolute) path as people read it: relative to the working directory when below it.
pub fn shown_path(path: &str) -> String {
    let p = std::path::Path::new(path);
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_string();
    };
    let cwd = std::fs::canonicalize(&cwd).unwrap_or(cwd);
    match p.strip_prefix(&cwd) {
        Ok(rel) if p.is_absolute() => rel.to_string_lossy().into_owned(),
        _ => path.to_string(),
    }
}

/// The `file://` URL of an absolute path, percent-encoded so terminals and browsers accept it.
pub fn file_url(path: &str) -> String {
    let abs = std::path::absolute(path)
        .map_or_else(|_| path.to_string(), |p| p.to_string_lossy().into_owned());
    let mut url = String::from("file://");
    for b in abs.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// Text that a terminal shows as a link to `url` (OSC 8); plain text when not styled.
fn link(style: Style, url: &str, text: &str) -> String {
    if style.ansi {
        format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\")
    } else {
        text.to_string()
    }
}

fn json_line<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

fn json_pretty<T: Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Writes search results.
pub fn write_results(
    out: &mut dyn Write,
    results: &SearchResults,
    format: Format,
    style: Style,
) -> io::Result<()> {
    let mut results = results.clone();
    for hit in &mut results.hits {
        hit.path = shown_path(&hit.path);
        for copy in &mut hit.copies {
            copy.path = shown_path(&copy.path);
        }
    }
    let results = &results;
    match format {
        Format::Json => json_pretty(out, results),
        Format::Jsonl => results.hits.iter().try_for_each(|h| json_line(out, h)),
        Format::Text => {
            for hit in &results.hits {
                write_hit(out, hit, style)?;
            }
            let shown = results.hits.len();
            let first = results.hits.first().map_or(0, |h| h.rank);
            let summary = if shown == 0 && results.total_hits > 0 {
                format!(
                    "no hits on this page ({} in all; {} ms)",
                    results.total_hits, results.took_ms
                )
            } else if shown == 0 {
                format!("no hits ({} ms)", results.took_ms)
            } else {
                format!(
                    "hits {first}-{} of {} ({} ms)",
                    first + shown - 1,
                    results.total_hits,
                    results.took_ms
                )
            };
            writeln!(out, "{}", style.wrap(DIM, &summary))
        }
    }
}

fn write_hit(out: &mut dyn Write, hit: &Hit, style: Style) -> io::Result<()> {
    let date = hit.date.as_deref().map_or("undated   ".to_string(), |d| {
        d[..10.min(d.len())].to_string()
    });
    writeln!(
        out,
        "{:>3}. {}  {}",
        hit.rank,
        date,
        style.wrap(BOLD, &hit.headline)
    )?;
    let mut about = Vec::new();
    if hit.extraction == ExtractionKind::Page {
        about.push("page text (no article found)".to_string());
    }
    if let Some(site) = &hit.site {
        about.push(site.clone());
    }
    if let Some(captured) = &hit.captured {
        about.push(format!("captured {}", &captured[..10.min(captured.len())]));
    }
    if !hit.people.is_empty() {
        about.push(hit.people.join(", "));
    }
    if !about.is_empty() {
        let line = lead_of(&about.join(" · "), WIDTH - 5);
        writeln!(out, "     {}", style.wrap(DIM, &line))?;
    }
    for line in wrap_highlighted(&hit.snippet, &hit.highlights, WIDTH - 5, style) {
        writeln!(out, "     {line}")?;
    }
    let path = link(style, &file_url(&hit.path), &hit.path);
    writeln!(out, "     {}", style.wrap(DIM, &path))?;
    if let Some(line) = also_in(hit) {
        writeln!(out, "     {}", style.wrap(DIM, &lead_of(&line, WIDTH - 5)))?;
    }
    writeln!(out)
}

/// "also in 2 other places: Harbor Ledger, Valley Courier" for a hit with copies.
fn also_in(hit: &Hit) -> Option<String> {
    let n = hit.other_place_count();
    if n == 0 {
        return None;
    }
    let mut sites: Vec<&str> = Vec::new();
    for c in &hit.copies {
        let site = c.site.as_deref().unwrap_or("unknown site");
        if !sites.contains(&site) {
            sites.push(site);
        }
    }
    let places = if n == 1 { "place" } else { "places" };
    Some(format!("also in {n} other {places}: {}", sites.join(", ")))
}

/// Wraps text to `width` columns, turning highlight ranges into bold on a terminal.
fn wrap_highlighted(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    width: usize,
    style: Style,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut cols = 0;
    let mut pos = 0;
    for word in text.split(' ') {
        let (start, end) = (pos, pos + word.len());
        pos = end + 1;
        if word.is_empty() {
            continue;
        }
        let w = word.chars().count();
        if cols > 0 && cols + 1 + w > width {
            lines.push(std::mem::take(&mut line));
            cols = 0;
        }
        if cols > 0 {
            line.push(' ');
            cols += 1;
        }
        let hot = ranges.iter().any(|r| r.start < end && start < r.end);
        if hot && style.ansi {
            line.push_str(&format!("{BOLD}{word}{RESET}"));
        } else {
            line.push_str(word);
        }
        cols += w;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Writes extracted or stored articles; `json` of one article is an object, of several an array.
pub fn write_articles(
    out: &mut dyn Write,
    articles: &[Article],
    format: Format,
    style: Style,
) -> io::Result<()> {
    let shown = as_shown(articles);
    let articles = shown.as_slice();
    match format {
        Format::Jsonl => articles.iter().try_for_each(|a| json_line(out, a)),
        Format::Json if articles.len() == 1 => json_pretty(out, &articles[0]),
        Format::Json => json_pretty(out, &articles),
        Format::Text => articles
            .iter()
            .try_for_each(|a| write_article_text(out, a, style)),
    }
}

/// Writes articles as one pretty JSON array, however many there are.
pub fn write_article_array(out: &mut dyn Write, articles: &[Article]) -> io::Result<()> {
    json_pretty(out, &as_shown(articles))
}

/// Articles with their paths as the user sees them (relative to the current directory).
fn as_shown(articles: &[Article]) -> Vec<Article> {
    articles
        .iter()
        .map(|a| Article {
            path: shown_path(&a.path),
            ..a.clone()
        })
        .collect()
}

fn write_article_text(out: &mut dyn Write, a: &Article, style: Style) -> io::Result<()> {
    writeln!(out, "{}", style.wrap(BOLD, &a.headline))?;
    let field = |name: &str, value: String| format!("{:<9}{}", format!("{name}:"), value);
    let none = || "-".to_string();
    writeln!(
        out,
        "{}",
        field("date", a.date.as_ref().map_or_else(none, format_date))
    )?;
    writeln!(
        out,
        "{}",
        field("site", a.site.clone().unwrap_or_else(none))
    )?;
    writeln!(out, "{}", field("url", a.url.clone().unwrap_or_else(none)))?;
    if let Some(captured) = &a.captured {
        // One column wider than the other labels: "captured:" fills the label width.
        writeln!(out, "captured: {}", format_date(captured))?;
    }
    if a.extraction == ExtractionKind::Page {
        writeln!(
            out,
            "{}",
            field("note", "no article found: the page's text stands in".into())
        )?;
    }
    writeln!(
        out,
        "{}",
        field(
            "authors",
            if a.authors.is_empty() {
                none()
            } else {
                a.authors.join(", ")
            }
        )
    )?;
    writeln!(
        out,
        "{}",
        field(
            "people",
            if a.people.is_empty() {
                none()
            } else {
                a.people.join(", ")
            }
        )
    )?;
    writeln!(
        out,
        "{}",
        field("path", link(style, &file_url(&a.path), &a.path))
    )?;
    writeln!(out, "{}", field("id", a.id.clone()))?;
    writeln!(out)?;
    for para in a.body.split("\n\n") {
        for line in wrap_highlighted(para, &[], WIDTH, style) {
            writeln!(out, "{line}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Writes index statistics.
pub fn write_stats(out: &mut dyn Write, s: &Stats, format: Format, style: Style) -> io::Result<()> {
    match format {
        Format::Json => json_pretty(out, s),
        Format::Jsonl => json_line(out, s),
        Format::Text => {
            let day = |d: &Option<String>| {
                d.as_deref()
                    .map_or("-".to_string(), |d| d[..10.min(d.len())].to_string())
            };
            writeln!(out, "index:     {}", s.index_path)?;
            writeln!(out, "articles:  {}", s.articles)?;
            writeln!(
                out,
                "dates:     {} to {}",
                day(&s.first_date),
                day(&s.last_date)
            )?;
            writeln!(out, "size:      {}", human_bytes(s.index_bytes))?;
            if !s.languages.is_empty() {
                let langs: Vec<String> = s
                    .languages
                    .iter()
                    .map(|l| format!("{} {}", l.lang, l.articles))
                    .collect();
                writeln!(out, "languages: {}", langs.join(", "))?;
            }
            writeln!(out, "{}", style.wrap(BOLD, "most mentioned people:"))?;
            write_people_text(out, &s.top_people)
        }
    }
}

/// Writes a people list.
pub fn write_people(out: &mut dyn Write, people: &[PersonCount], format: Format) -> io::Result<()> {
    match format {
        Format::Json => json_pretty(out, &people),
        Format::Jsonl => people.iter().try_for_each(|p| json_line(out, p)),
        Format::Text => write_people_text(out, people),
    }
}

fn write_people_text(out: &mut dyn Write, people: &[PersonCount]) -> io::Result<()> {
    for p in people {
        writeln!(out, "{:>6}  {}", p.articles, p.name)?;
    }
    Ok(())
}

/// Writes the pages an index skipped: `path: reason` lines, or objects with `path` and `reason`.
pub fn write_skipped(
    out: &mut dyn Write,
    skipped: &[crate::index::SkippedPage],
    format: Format,
) -> io::Result<()> {
    let shown: Vec<crate::index::SkippedPage> = skipped
        .iter()
        .map(|p| crate::index::SkippedPage {
            path: shown_path(&p.path),
            reason: p.reason.clone(),
        })
        .collect();
    match format {
        Format::Json => json_pretty(out, &shown),
        Format::Jsonl => shown.iter().try_for_each(|p| json_line(out, p)),
        Format::Text => shown
            .iter()
            .try_for_each(|p| writeln!(out, "{}: {}", p.path, p.reason)),
    }
}

/// Formats a byte count for people (`1.4 MiB`).
pub fn human_bytes(n: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < units.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", units[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_width_and_bolds_matches() {
        let text = "alpha beta gamma delta";
        let hot = [6..10, 6..6];
        let lines = wrap_highlighted(text, &hot, 11, Style { ansi: true });
        assert_eq!(lines[0], format!("alpha {BOLD}beta{RESET}"));
        assert_eq!(lines.len(), 2);
        let plain = wrap_highlighted(text, &hot, 100, Style { ansi: false });
        assert_eq!(plain, vec![text.to_string()]);
    }

    #[test]
    fn bytes_are_human() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
    }
}
