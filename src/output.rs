//! Rendering: hits, articles, stats and people as text for people at a
//! terminal, and as JSON or JSON Lines for scripts.

use crate::article::{format_date, lead_of, Article, ExtractionKind};
use crate::search::{Hit, PersonCount, SearchResults, Stats};
use serde::Serialize;
use std::io::{self, Write};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
    match format {
        Format::Json => json_pretty(out, results),
        Format::Jsonl => results.hits.iter().try_for_each(|h| json_line(out, h)),
        Format::Text => {
            for hit in &results.hits {
                write_hit(out, hit, style)?;
            }
            let shown = results.hits.len();
            let first = results.hits.first().map_or(0, |h| h.rank);
            let summary = if shown == 0 {
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
    writeln!(out, "     {}", style.wrap(DIM, &hit.path))?;
    writeln!(out)
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
    match format {
        Format::Jsonl => articles.iter().try_for_each(|a| json_line(out, a)),
        Format::Json if articles.len() == 1 => json_pretty(out, &articles[0]),
        Format::Json => json_pretty(out, &articles),
        Format::Text => articles
            .iter()
            .try_for_each(|a| write_article_text(out, a, style)),
    }
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
    writeln!(out, "{}", field("path", a.path.clone()))?;
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
