//! The authors: the person names in the metadata block's lines.

use super::choose::MetaBlock;
use super::lines::Line;
use crate::extract::byline::recase;
use crate::extract::date::find_date_span;
use crate::extract::lexicon::{NAME_PARTICLES, NOT_NAME_WORDS, TEXT_AGENCIES};
use regex::Regex;
use std::sync::LazyLock;

/// The labels stripped from byline pieces before reading names.
static BYLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[0-9]+\s*(?:min|mins|minute|minutes)\s+read|last\s+updated(?:\s+on)?|first\s+published(?:\s+on)?|updated(?:\s+on)?|published(?:\s+on)?|posted(?:\s+on)?|written\s+by|reported\s+by|story\s+by|words\s+by|by)(?-u:\b)\s*:?\s*",
    )
    .unwrap()
});

/// Where a byline splits into pieces: "|", bullets, " . ", dashes.
static BYLINE_PIECES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:[|•·/]|\s\.\s|\s[-–—]\s)\s*").unwrap());

/// Where a list of names splits: commas, "and", "&".
static NAME_SEPARATORS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*,\s*|\s+(?:and|und|et|y|e)\s+|\s*&\s*").unwrap());

/// Authors named in the metadata block, agencies left out, each once.
pub(super) fn authors_of(lines: &[Line], block: &MetaBlock) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in &lines[block.start..block.end] {
        for name in names_in_byline(&line.text) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The person names in a byline: the date, labels and agencies taken out.
pub(super) fn names_in_byline(text: &str) -> Vec<String> {
    let rest = match find_date_span(text) {
        Some((_, span)) => format!("{} | {}", &text[..span.start], &text[span.end..]),
        None => text.to_string(),
    };
    let mut names = Vec::new();
    for piece in BYLINE_PIECES.split(&rest) {
        let mut piece = piece.trim();
        while let Some(m) = BYLINE_LABEL.find(piece) {
            piece = piece[m.end()..].trim();
        }
        let lower = piece.to_lowercase();
        if lower.starts_with("edited") || lower.starts_with("photo") || lower.starts_with("image") {
            continue;
        }
        for part in NAME_SEPARATORS.split(piece) {
            let part = part
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            if let Some(name) = person_name(part) {
                if !TEXT_AGENCIES.contains(name.to_lowercase().as_str()) {
                    names.push(name);
                }
            }
        }
    }
    names
}

/// The person name at the start of a byline part ("DANA WHITFIELD Staff Writer"
/// gives "Dana Whitfield"): two to five capitalised words, initials and particles
/// allowed, up to the first role word.
fn person_name(part: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    for word in part.split_whitespace() {
        let lower = word.to_lowercase();
        if NOT_NAME_WORDS.contains(lower.trim_matches('.')) {
            break;
        }
        if NAME_PARTICLES.contains(lower.as_str()) && !words.is_empty() {
            words.push(lower);
            continue;
        }
        if !is_name_word(word) {
            return None;
        }
        words.push(recase(word));
    }
    while words
        .last()
        .is_some_and(|w| NAME_PARTICLES.contains(w.as_str()))
    {
        words.pop();
    }
    let capitalised = words
        .iter()
        .filter(|w| !NAME_PARTICLES.contains(w.as_str()))
        .count();
    (capitalised >= 2 && words.len() <= 5).then(|| words.join(" "))
}

/// A capitalised word, an initial ("J."), or a word in capitals; no digits.
fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    let letters_only = word
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
    first.is_uppercase()
        && letters_only
        && (rest.is_empty()
            || rest == "."
            || rest.chars().any(char::is_lowercase)
            || rest.chars().any(char::is_uppercase))
}
