//! The layout: the metadata block that is the article's own, the headline above it, and
//! the publication date.

use super::lines::{Kind, Line};
use super::tables::{
    BYLINE, DATE_TOKEN, HEADLINE_REACH, PUBLISHED, PUBLISHED_LABEL, READ_TIME, STANDFIRST_WORDS,
    TITLE_WORDS,
};
use crate::article::Date;
use crate::extract::date::{find_date, find_date_span, parse_date};
use std::collections::HashMap;

/// The article's metadata block: consecutive metadata lines, `start..end` in line indices.
#[derive(Debug)]
pub(super) struct MetaBlock {
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Picks the metadata block that most looks like the article's own: rich
/// (a byline, a time, a reading time), under a title, over a paragraph, and
/// before the second paragraph of the page.
pub(super) fn choose_meta(lines: &[Line]) -> Option<MetaBlock> {
    let limit = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == Kind::Para)
        .nth(1)
        .map_or(lines.len(), |(i, _)| i);
    let mut best: Option<(i32, MetaBlock)> = None;
    let mut i = 0;
    while i < limit {
        if lines[i].kind != Kind::Meta {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        // A block runs on through further metadata, with at most a UI line between.
        while end < limit {
            match lines[end].kind {
                Kind::Meta => end += 1,
                Kind::Boiler if end + 1 < limit && lines[end + 1].kind == Kind::Meta => end += 2,
                _ => break,
            }
        }
        let block = MetaBlock { start, end };
        let score = meta_score(lines, &block);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, block));
        }
        i = end;
    }
    best.map(|(_, block)| block)
}

fn meta_score(lines: &[Line], block: &MetaBlock) -> i32 {
    let mut score = 0;
    for line in &lines[block.start..block.end] {
        let rich = BYLINE.is_match(&line.text)
            || READ_TIME.is_match(&line.text)
            || find_date_span(&line.text).is_some_and(|(d, _)| d.time() != chrono::NaiveTime::MIN);
        if rich {
            score += 3;
        }
    }
    let above = lines[..block.start]
        .iter()
        .rev()
        .find(|l| !matches!(l.kind, Kind::Boiler));
    if above.is_some_and(|l| matches!(l.kind, Kind::Title | Kind::Sentence)) {
        score += 2;
    }
    let below = lines[block.end..]
        .iter()
        .find(|l| !matches!(l.kind, Kind::Boiler));
    if below.is_some_and(|l| l.kind == Kind::Para) {
        score += 1;
    }
    score
}

/// The headline's line: one that repeats the breadcrumb's tail, else the
/// title-like line just above the metadata (or above the first paragraph),
/// else the first title-like line of the page.
pub(super) fn choose_headline(
    lines: &[Line],
    meta: Option<usize>,
    counts: &HashMap<String, usize>,
) -> Option<usize> {
    let first_para = lines
        .iter()
        .position(|l| l.kind == Kind::Para)
        .unwrap_or(lines.len());
    let anchor = meta.unwrap_or(first_para).min(lines.len());
    let top = anchor.max(first_para).min(lines.len());
    let tails: Vec<String> = lines[..top]
        .iter()
        .filter(|l| l.kind == Kind::Breadcrumb)
        .filter_map(|l| crumb_tail(&l.text))
        .map(|t| t.to_lowercase())
        .collect();
    if !tails.is_empty() {
        let repeats_tail = |l: &Line| {
            let text = l.text.to_lowercase();
            tails
                .iter()
                .any(|t| text == *t || (t.len() >= 20 && text.starts_with(t.as_str())))
        };
        if let Some(i) =
            (0..top).find(|&i| lines[i].kind != Kind::Breadcrumb && repeats_tail(&lines[i]))
        {
            return Some(i);
        }
    }
    // "Save as text" often starts with the page title ("Headline - Site"): the line that
    // repeats its headline part is the headline.
    if let Some(first) = lines.first() {
        if let (head, Some(_)) = crate::extract::headline::split_title(&first.text) {
            let head = head.to_lowercase();
            if let Some(i) = (1..lines.len()).find(|&i| lines[i].text.to_lowercase() == head) {
                return Some(i);
            }
        }
    }
    let candidate =
        |l: &Line| headline_like(l) && counts.get(&l.text.to_lowercase()).copied().unwrap_or(0) < 3;
    // The few lines above the anchor; a long one nearest the anchor may be a
    // standfirst, so a shorter title just above it wins.
    let near: Vec<usize> = (0..anchor)
        .rev()
        .filter(|&i| !matches!(lines[i].kind, Kind::Boiler | Kind::Stamp | Kind::Teaser))
        .take(HEADLINE_REACH)
        .filter(|&i| candidate(&lines[i]))
        .collect();
    match near.as_slice() {
        [nearest, rest @ ..] if lines[*nearest].words > STANDFIRST_WORDS => {
            let shorter = rest
                .iter()
                .find(|&&i| lines[i].words < lines[*nearest].words);
            return Some(*shorter.unwrap_or(nearest));
        }
        [nearest, ..] => return Some(*nearest),
        [] => {}
    }
    (0..top).find(|&i| candidate(&lines[i]) && lines[i].words >= 4)
}

/// Could be a headline: a title-like line, or a question or exclamation of headline length.
fn headline_like(line: &Line) -> bool {
    let kind_ok = match line.kind {
        Kind::Title => true,
        Kind::Sentence | Kind::Para => !line.text.trim_end().ends_with('.'),
        _ => false,
    };
    kind_ok && TITLE_WORDS.contains(&line.words)
}

/// The last step of a breadcrumb, when it is long enough to be a headline.
fn crumb_tail(text: &str) -> Option<String> {
    let tail = text.rsplit(['>', '›', '»']).next()?.trim();
    let tail = tail.trim_end_matches("...").trim_end_matches('…').trim();
    (tail.split_whitespace().count() >= 3).then(|| tail.to_string())
}

/// A breadcrumb's tail as the headline when no line of the page repeats it.
pub(super) fn breadcrumb_tail(lines: &[Line], before: usize) -> Option<String> {
    lines[..before.min(lines.len())]
        .iter()
        .filter(|l| l.kind == Kind::Breadcrumb)
        .find_map(|l| crumb_tail(&l.text))
}

/// The date of the metadata block (a "published" line before an "updated"
/// one), else a "date YYYY-MM-DD" token near the top, else any date above the body.
pub(super) fn choose_date(lines: &[Line], meta: Option<&MetaBlock>, start: usize) -> Option<Date> {
    // "First Published: ..." wins wherever it stands, even below the story.
    let first_published = lines
        .iter()
        .filter(|l| l.kind == Kind::Meta && PUBLISHED_LABEL.is_match(&l.text))
        .find_map(|l| published_part(&l.text));
    if first_published.is_some() {
        return first_published;
    }
    if let Some(block) = meta {
        let block_lines = &lines[block.start..block.end];
        let published = block_lines
            .iter()
            .find(|l| PUBLISHED.is_match(&l.text) && find_date(&l.text).is_some());
        let date = published.or_else(|| block_lines.iter().find(|l| find_date(&l.text).is_some()));
        if let Some(line) = date {
            return published_part(&line.text);
        }
    }
    let start = start.min(lines.len());
    let top = &lines[..start];
    // Between the headline and the first paragraph, then upwards from the headline: the
    // date nearest the story, not one from a "Trending" list at the top of the page.
    let first_para = (start..lines.len())
        .find(|&i| lines[i].kind == Kind::Para)
        .unwrap_or(lines.len());
    let below = &lines[start..first_para];
    top.iter()
        .find_map(|l| DATE_TOKEN.captures(&l.text).and_then(|c| parse_date(&c[1])))
        .or_else(|| {
            below
                .iter()
                .chain(top.iter().rev())
                .filter(|l| l.kind != Kind::Teaser)
                .find_map(|l| published_part(&l.text))
        })
}

/// The date of a line, preferring the part after "Published" when it also says "Updated".
fn published_part(text: &str) -> Option<Date> {
    PUBLISHED
        .find(text)
        .and_then(|m| find_date(&text[m.start()..]))
        .or_else(|| find_date(text))
}
