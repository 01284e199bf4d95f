//! Lines one by one: logical lines (hard wraps joined), the `Kind` each is taken for on
//! its own, then the passes that correct a line by its neighbours and cut out teaser blocks.

use super::tables::{
    BYLINE, CAPTION_RE, CREDIT_MAX_WORDS, INLINE_TEASERS, META_LABEL, META_MAX_WORDS,
    MIN_LOWER_SHARE, PARA_MIN_WORDS, PARA_UNTERMINATED_WORDS, PROMPT_CONTACT_WORDS, PROMPT_RE,
    READ_TIME, SOCIAL_NETWORKS, TEASER_HEADINGS, TEASER_MAX_LINES, TEASER_REACH, TIME_ONLY,
    TITLE_WORDS, UI_LINES, WRAP_MIN_LINES, WRAP_WIDTHS,
};
use crate::extract::date::find_date;
use std::collections::HashMap;

/// What one line of a dump is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Prompts, UI words, captions, menus: never part of the article.
    Boiler,
    /// "Home >News >World >Headline".
    Breadcrumb,
    /// "2 min read . 09:22 PM IST": the timestamp of a teaser for another story.
    Stamp,
    /// "MORE FROM THIS SECTION", "Related": a list of other stories follows.
    Heading,
    /// A byline, date line or reading time.
    Meta,
    /// A short line that is not a sentence: headline, teaser headline, caption.
    Title,
    /// A full paragraph: long and sentence-like.
    Para,
    /// A short sentence: body only within a run of paragraphs.
    Sentence,
    /// Part of a block of teasers for other stories.
    Teaser,
}

/// One non-empty line, tidied, with what it was taken for.
#[derive(Debug)]
pub(super) struct Line {
    pub(super) text: String,
    pub(super) words: usize,
    pub(super) kind: Kind,
    /// Lines between two blank lines share a block number.
    pub(super) block: usize,
    /// Holds a subscription, login or share prompt phrase.
    pub(super) prompt: bool,
    /// Holds a photo caption or credit phrase.
    pub(super) caption: bool,
}

/// The dump's logical lines, each classified on its own, then corrected by its neighbours
/// and by the teaser blocks it sits in.
pub(super) fn read_lines(text: &str) -> Vec<Line> {
    let mut lines: Vec<Line> = logical_lines(text)
        .into_iter()
        .map(|(text, block)| {
            let words = text.split_whitespace().count();
            let lower = text.to_lowercase();
            Line {
                kind: classify(&text, &lower, words),
                prompt: has_prompt_phrase(&lower),
                caption: is_caption(&lower, words),
                text,
                words,
                block,
            }
        })
        .collect();
    mark_by_neighbours(&mut lines);
    mark_teasers(&mut lines);
    lines
}

/// Non-empty lines with whitespace collapsed, each with its block number;
/// hard-wrapped paragraphs are joined back.
fn logical_lines(text: &str) -> Vec<(String, usize)> {
    let raw: Vec<&str> = text.lines().map(str::trim).collect();
    let widest = raw.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let wide = raw
        .iter()
        .filter(|l| l.chars().count() * 10 >= widest * 7)
        .count();
    let wrapped = WRAP_WIDTHS.contains(&widest) && wide >= WRAP_MIN_LINES;
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut joinable = false;
    let mut block = 0;
    for line in raw {
        if line.is_empty() {
            joinable = false;
            block += 1;
            continue;
        }
        let tidy = line.split_whitespace().collect::<Vec<_>>().join(" ");
        match out.last_mut() {
            Some((last, _)) if joinable => {
                last.push(' ');
                last.push_str(&tidy);
            }
            _ => out.push((tidy, block)),
        }
        // A line filled to the wrap width goes on in the next one.
        joinable = wrapped && line.chars().count() * 10 >= widest * 7;
    }
    out
}

/// What a line is, judged on its own.
fn classify(text: &str, lower: &str, words: usize) -> Kind {
    if !text.chars().any(char::is_alphanumeric) {
        return Kind::Boiler;
    }
    if is_breadcrumb(text) {
        return Kind::Breadcrumb;
    }
    if let Some(kind) = teaser_heading(lower, words) {
        return kind;
    }
    let has_date = find_date(text).is_some();
    if !has_date && words <= 10 && (READ_TIME.is_match(text) || TIME_ONLY.is_match(text)) {
        return Kind::Stamp;
    }
    if is_prompt(lower, words) || is_caption(lower, words) {
        return Kind::Boiler;
    }
    if is_meta(text, lower, words, has_date) {
        return Kind::Meta;
    }
    let lower_share = lower_share(text);
    let terminal = ends_sentence(text);
    if words >= PARA_MIN_WORDS
        && lower_share >= MIN_LOWER_SHARE
        && (terminal || words >= PARA_UNTERMINATED_WORDS)
    {
        return Kind::Para;
    }
    if words >= 2 && terminal && (lower_share >= MIN_LOWER_SHARE || words <= 4) {
        return Kind::Sentence;
    }
    if TITLE_WORDS.contains(&words) && !text.ends_with('.') {
        return Kind::Title;
    }
    Kind::Boiler
}

/// "Home >News >World >Headline", "News › World › Europe".
fn is_breadcrumb(text: &str) -> bool {
    let arrows = text
        .chars()
        .filter(|c| matches!(c, '>' | '›' | '»'))
        .count();
    if arrows >= 2 {
        let first = text.split(['>', '›', '»']).next().unwrap_or("");
        return first.split_whitespace().count() <= 3;
    }
    false
}

/// A heading that opens a teaser block, or a one-line inline teaser ("Also Read: ...").
fn teaser_heading(lower: &str, words: usize) -> Option<Kind> {
    let inline = INLINE_TEASERS.iter().any(|h| {
        lower.strip_prefix(h).is_some_and(|rest| {
            rest.trim_start()
                .starts_with([':', '|', '-', '–', '—', '»', '>'])
        })
    });
    if inline && words > 3 {
        return Some(Kind::Boiler);
    }
    let heading = TEASER_HEADINGS
        .iter()
        .find(|h| starts_with_phrase(lower, h))?;
    let rest: String = lower[heading.len()..]
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect();
    let rest = rest.trim();
    let bare = rest.is_empty()
        || ["more", "all"].contains(&rest)
        || rest.ends_with("see all")
        || rest.ends_with("view all");
    (bare || (words <= 5 && !ends_sentence(lower))).then_some(Kind::Heading)
}

/// `lower` opens with the words of `phrase`, not with a longer word ("relatedly").
fn starts_with_phrase(lower: &str, phrase: &str) -> bool {
    match lower.strip_prefix(phrase) {
        Some(rest) => !rest.starts_with(char::is_alphanumeric) || is_glued_ui(rest),
        None => false,
    }
}

/// "MORE FROM THIS SECTIONSee All": a heading glued to its button when the dump lost a newline.
fn is_glued_ui(rest: &str) -> bool {
    ["see all", "view all"]
        .iter()
        .any(|ui| rest.starts_with(ui))
}

/// Subscription, login, share and cookie prompts, and short UI lines.
pub(super) fn is_prompt(lower: &str, words: usize) -> bool {
    if has_prompt_phrase(lower) {
        return true;
    }
    if words <= PROMPT_CONTACT_WORDS && (is_follow_us(lower) || has_email_address(lower)) {
        return true;
    }
    if words > 5 {
        return false;
    }
    let bare: String = lower
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' {
                c
            } else {
                ' '
            }
        })
        .collect();
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    UI_LINES.contains(bare.as_str())
}

/// Holds one of the prompt phrases.
fn has_prompt_phrase(lower: &str) -> bool {
    PROMPT_RE.is_match(lower)
}

/// "Follow us on X and Instagram", "Follow WBN Devon on Facebook".
fn is_follow_us(lower: &str) -> bool {
    lower.starts_with("follow") && SOCIAL_NETWORKS.iter().any(|n| contains_word(lower, n))
}

/// "Send your tips to desk@example.org": a contact line.
fn has_email_address(lower: &str) -> bool {
    lower.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    })
}

/// `word` occurs in `lower` as a whole word.
fn contains_word(lower: &str, word: &str) -> bool {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == word)
}

/// Photo captions and credits.
fn is_caption(lower: &str, words: usize) -> bool {
    words <= 40 && CAPTION_RE.is_match(lower)
}

/// Bylines, date lines and reading times.
fn is_meta(text: &str, lower: &str, words: usize, has_date: bool) -> bool {
    if words > META_MAX_WORDS {
        return false;
    }
    if BYLINE.is_match(text) && words <= 12 && !ends_sentence(text) {
        return true;
    }
    if READ_TIME.is_match(lower) {
        return true;
    }
    if META_LABEL.is_match(text) && (has_date || words <= 6) {
        return true;
    }
    has_date && lower_share(text) < 0.5
}

/// The share of words starting with a letter whose first letter is lower case.
fn lower_share(text: &str) -> f32 {
    let (mut lower, mut all) = (0usize, 0usize);
    for word in text.split_whitespace() {
        let first = word
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next();
        if let Some(c) = first.filter(|c| c.is_alphabetic()) {
            all += 1;
            lower += usize::from(c.is_lowercase());
        }
    }
    if all == 0 {
        0.0
    } else {
        lower as f32 / all as f32
    }
}

/// Ends like a sentence: a full stop, question or exclamation mark, possibly inside quotes or brackets.
/// An ellipsis is a teaser's cut, not an end.
pub(super) fn ends_sentence(text: &str) -> bool {
    let core = text.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', ' ']);
    if core.ends_with("...") || core.ends_with('…') {
        return false;
    }
    core.ends_with(['.', '!', '?'])
}

/// Judges lines by their neighbours in the same block: the line after a bare
/// "Image caption," label and a line followed by a short photo credit are
/// captions; a sentence between two prompt lines belongs to the prompt (the
/// blurb of a newsletter box).
fn mark_by_neighbours(lines: &mut [Line]) {
    for i in 1..lines.len() {
        if lines[i].block != lines[i - 1].block {
            continue;
        }
        let label = &lines[i - 1];
        if label.caption && label.text.ends_with([',', ':']) {
            lines[i].kind = Kind::Boiler;
        }
        let credit = &lines[i];
        let before = &lines[i - 1];
        if credit.caption
            && credit.words <= CREDIT_MAX_WORDS
            && before.words < PARA_UNTERMINATED_WORDS
            && matches!(before.kind, Kind::Para | Kind::Sentence | Kind::Title)
        {
            lines[i - 1].kind = Kind::Boiler;
        }
    }
    for i in 1..lines.len().saturating_sub(1) {
        let (prev, line, next) = (&lines[i - 1], &lines[i], &lines[i + 1]);
        let same_block = prev.block == line.block && line.block == next.block;
        if same_block
            && prev.prompt
            && next.prompt
            && matches!(line.kind, Kind::Para | Kind::Sentence)
        {
            lines[i].kind = Kind::Boiler;
        }
    }
}

/// Cuts out teaser blocks: after a heading, groups of lines each closed by a
/// timestamp line; and any timestamp line with the caption and headline above it.
fn mark_teasers(lines: &mut [Line]) {
    let n = lines.len();
    let mut seen_para = false;
    let mut i = 0;
    while i < n {
        match lines[i].kind {
            Kind::Para => seen_para = true,
            Kind::Heading => {
                lines[i].kind = Kind::Teaser;
                let end = stamped_teasers_end(lines, i);
                let end = if end == i && seen_para {
                    plain_teasers_end(lines, i)
                } else {
                    end
                };
                for line in &mut lines[i + 1..=end] {
                    line.kind = Kind::Teaser;
                }
                i = end;
            }
            Kind::Stamp if seen_para => {
                // A teaser without a heading: its caption and headline sit just above.
                for line in lines[i.saturating_sub(2)..i].iter_mut().rev() {
                    if matches!(line.kind, Kind::Title | Kind::Boiler | Kind::Teaser) {
                        line.kind = Kind::Teaser;
                    } else {
                        break;
                    }
                }
                lines[i].kind = Kind::Teaser;
            }
            _ => {}
        }
        i += 1;
    }
}

/// The last line of a chain of teasers after the heading at `i`, each closed by a timestamp line.
fn stamped_teasers_end(lines: &[Line], i: usize) -> usize {
    let mut end = i;
    while let Some(stamp) = (end + 1..lines.len())
        .take(TEASER_REACH)
        .find(|&k| lines[k].kind == Kind::Stamp)
    {
        end = stamp;
    }
    end
}

/// The last line of a list of teaser headlines after the heading at `i`: up to the next paragraph.
fn plain_teasers_end(lines: &[Line], i: usize) -> usize {
    let mut end = i;
    for (k, line) in lines.iter().enumerate().skip(i + 1).take(TEASER_MAX_LINES) {
        match line.kind {
            Kind::Title | Kind::Boiler | Kind::Stamp | Kind::Heading | Kind::Breadcrumb => end = k,
            _ => break,
        }
    }
    end
}

/// How often each line's text occurs, case aside.
pub(super) fn line_counts(lines: &[Line]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for line in lines {
        *counts.entry(line.text.to_lowercase()).or_insert(0) += 1;
    }
    counts
}
