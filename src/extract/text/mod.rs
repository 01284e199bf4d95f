//! Plain-text dumps: a page saved as text by a browser, where the markup is
//! gone and only the lines are left.
//!
//! Each line is classified on its own (paragraph, title-like line, byline or
//! date line, breadcrumb, teaser timestamp, prompt, caption, UI word), then the
//! layout decides: the metadata block (byline, date, reading time) that best
//! looks like the article's own, the headline just above it (or the tail of
//! the breadcrumb when a line repeats it), and the body as the run of
//! paragraphs below it. Blocks of teasers for other stories ("More from this
//! section", "Related", each teaser a caption, a headline and a "2 min read .
//! 09:22 PM IST" line) are cut out wherever they sit, and the article goes on
//! after them.
//!
//! A standfirst (the summary line between the byline and the story) is not
//! body when it reads as a summary: it lacks a final full stop, or most of its
//! words come back in a later paragraph. A standfirst that is a complete
//! sentence of its own is kept, because it cannot be told from a short lead
//! paragraph.

mod authors;
mod body;
mod choose;
mod lines;
mod tables;
#[cfg(test)]
mod tests;

use crate::article::Date;
use authors::authors_of;
use body::{choose_body, people_lines};
use choose::{breadcrumb_tail, choose_date, choose_headline, choose_meta};
use lines::{line_counts, read_lines, Kind};

/// What a plain-text dump yields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextPage {
    /// The article's title.
    pub headline: Option<String>,
    /// The publication date.
    pub date: Option<Date>,
    /// Bylined authors, without news agencies.
    pub authors: Vec<String>,
    /// Article paragraphs in order, joined by "\n\n".
    pub body: String,
    /// The body with the article's list and table lines (results, squads, scorers) put
    /// back in place, one line per paragraph: what the person recogniser reads.
    pub people_text: String,
}

/// Classifies the lines of a text dump into headline, metadata, body and boilerplate.
pub fn extract_text(text: &str) -> TextPage {
    let mut lines = read_lines(text);
    let first_para = lines.iter().position(|l| l.kind == Kind::Para);
    // A reading time or a bare time above the story is the article's own metadata.
    for line in lines.iter_mut().take(first_para.unwrap_or(0)) {
        if line.kind == Kind::Stamp {
            line.kind = Kind::Meta;
        }
    }
    let counts = line_counts(&lines);
    let meta = choose_meta(&lines);
    let headline = choose_headline(&lines, meta.as_ref().map(|m| m.start), &counts);
    let start = [meta.as_ref().map(|m| m.end), headline.map(|h| h + 1)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    let authors = meta
        .as_ref()
        .map(|m| authors_of(&lines, m))
        .unwrap_or_default();
    let body = choose_body(&lines, start, &counts, &authors);
    let people_text = people_lines(&lines, start, &body)
        .iter()
        .map(|&i| lines[i].text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    TextPage {
        headline: headline
            .map(|h| lines[h].text.clone())
            .or_else(|| breadcrumb_tail(&lines, start)),
        date: choose_date(&lines, meta.as_ref(), start),
        authors,
        body: body
            .iter()
            .map(|&i| lines[i].text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
        people_text,
    }
}
