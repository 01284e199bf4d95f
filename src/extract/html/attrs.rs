//! The attributes the flattener reads, and the hint weight of class and id names.

use super::tables::{PART_HINTS, WORD_HINTS};
use scraper::node::Element;

/// The attributes the extractor reads.
#[derive(Default)]
pub(super) struct Attrs<'a> {
    pub(super) class: Option<&'a str>,
    pub(super) id: Option<&'a str>,
    pub(super) role: Option<&'a str>,
    pub(super) itemprop: Option<&'a str>,
    pub(super) hidden: bool,
    pub(super) aria_hidden: bool,
}

pub(super) fn read_attrs(el: &Element) -> Attrs<'_> {
    let mut a = Attrs::default();
    for (name, value) in el.attrs() {
        match name {
            "class" => a.class = Some(value),
            "id" => a.id = Some(value),
            "role" => a.role = Some(value),
            "itemprop" => a.itemprop = Some(value),
            "hidden" => a.hidden = true,
            "aria-hidden" => a.aria_hidden = value.trim().eq_ignore_ascii_case("true"),
            "style" => a.hidden |= style_hides(value),
            _ => {}
        }
    }
    a
}

/// `display:none` or `visibility:hidden` in an inline style.
pub(crate) fn style_hides(style: &str) -> bool {
    let squashed: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    squashed.contains("display:none") || squashed.contains("visibility:hidden")
}

/// The signed hint weight of a class or id value.
pub(super) fn name_hint(value: &str) -> i16 {
    let mut w = 0i16;
    let squashed: Vec<u8> = value
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let mut matched = 0u128;
    for i in 0..squashed.len() {
        for &(part, weight, index) in &PART_HINTS[usize::from(squashed[i])] {
            if matched & (1 << index) == 0 && squashed[i..].starts_with(part.as_bytes()) {
                matched |= 1 << index;
                w += weight;
            }
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for_each_token(value, |token| {
        let hit = WORD_HINTS.get_key_value(token).or_else(|| {
            token
                .strip_suffix('s')
                .and_then(|t| WORD_HINTS.get_key_value(t))
        });
        if let Some((&key, &weight)) = hit {
            if !seen.contains(&key) {
                seen.push(key);
                w += weight;
            }
        }
    });
    w
}

/// Calls `f` with each lowercased token of a class/id value, split on non-alphanumerics and
/// on camelCase humps ("articleBody" -> "article", "body").
pub(crate) fn for_each_token(value: &str, mut f: impl FnMut(&str)) {
    let mut token = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            if !token.is_empty() {
                f(&token);
                token.clear();
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !token.is_empty() {
            f(&token);
            token.clear();
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        token.extend(c.to_lowercase());
    }
    if !token.is_empty() {
        f(&token);
    }
}
