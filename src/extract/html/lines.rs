//! Tests of single lines of text: furniture, bylines, link labels, datelines.

use super::weights::WEIGHTS as W;
use super::words::{
    BYLINE_WORDS, CAPTION_CREDIT_LABELS, CREDIT_SUFFIXES, DATE_WORD_SET, JUNK_LINE_SET,
    LINK_LINE_LABELS, META_LINE_PREFIXES, PROMO_PHRASES, TRAILER_PREFIXES,
};

/// A standalone furniture line: "Advertisement", "Read more: ...", "By Jane Doe", a dateline,
/// a photo credit.
pub(super) fn is_junk_line(text: &str, words: usize) -> bool {
    if words > W.junk_line_max_words {
        return false;
    }
    let lower = text.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if JUNK_LINE_SET.contains(bare) {
        return true;
    }
    if starts_with_link_label(&lower) || TRAILER_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    if PROMO_PHRASES.iter().any(|p| lower.contains(p)) {
        return true;
    }
    if words > W.meta_line_max_words {
        return false;
    }
    if META_LINE_PREFIXES.iter().any(|p| lower.starts_with(p)) || is_byline(text) {
        return true;
    }
    if words <= W.credit_line_max_words && CREDIT_SUFFIXES.iter().any(|s| bare.ends_with(s)) {
        return true;
    }
    is_date_line(&lower, words)
}

/// "By Jane Doe and John Roe, Reuters", not "By Tuesday, the river had risen.": after "By",
/// only capitalised names, date tokens and a few joining words.
fn is_byline(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("BY "))
        .or_else(|| text.strip_prefix("by "))
    else {
        return false;
    };
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let lower = w.to_lowercase();
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || BYLINE_WORDS.contains(&lower.as_str())
                || DATE_WORD_SET.contains(lower.as_str())
        })
}

/// "Read more: ...", "ALSO READ | ...": a label, then a separator.
fn starts_with_link_label(lower: &str) -> bool {
    LINK_LINE_LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with([':', '|', '-', '–', '—', '»', '>'])
        })
    })
}

/// A short line made of dates, times and words like "Updated".
fn is_date_line(lower: &str, words: usize) -> bool {
    if words == 0 || words > W.date_line_max_words {
        return false;
    }
    let mut dateish = 0;
    let mut total = 0;
    for token in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        total += 1;
        if token.chars().all(|c| c.is_ascii_digit()) || DATE_WORD_SET.contains(token) {
            dateish += 1;
        }
    }
    total > 0 && dateish * 10 >= total * W.date_line_tenths
}

/// A caption's closing credit: "The course at dawn. (Photo: Jane Doe)", "... Foto: Jane Doe".
pub(super) fn ends_with_photo_credit(text: &str) -> bool {
    let text = text.trim_end().trim_end_matches(')');
    let Some((before, credit)) = text.rsplit_once(':') else {
        return false;
    };
    let label = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    CAPTION_CREDIT_LABELS.contains(&label.as_str())
        && credit.split_whitespace().count() <= W.credit_line_max_words / 2
}

/// A line mostly of numbers: a date and time stamp, a score line, a price list.
pub(super) fn is_numeric_line(text: &str) -> bool {
    let (mut numbers, mut tokens) = (0usize, 0usize);
    for t in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        tokens += 1;
        if t.chars().all(|c| c.is_numeric()) {
            numbers += 1;
        }
    }
    numbers * W.numeric_line_share >= tokens && numbers > 0
}
