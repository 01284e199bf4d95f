//! The headline: JSON-LD, og:title, `<h1>` and `<title>` weighed against each
//! other, with publisher names stripped from either end.

use super::meta::Meta;

/// Separators publishers put between a headline and their name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " — ", " – ", " :: ", " · ", " » ", " // "];

/// Splits "Headline | Site" into its headline and suffix; the longer part is the headline.
pub(crate) fn split_title(title: &str) -> (String, Option<String>) {
    for sep in TITLE_SEPARATORS {
        if let Some((left, right)) = title.rsplit_once(sep) {
            let (left, right) = (left.trim(), right.trim());
            if right.split_whitespace().count() <= 4 && left.split_whitespace().count() >= 2 {
                return (left.to_string(), Some(right.to_string()));
            }
            if let Some((first, rest)) = title.split_once(sep) {
                if first.split_whitespace().count() <= 4 && rest.len() > first.len() * 2 {
                    return (rest.trim().to_string(), Some(first.trim().to_string()));
                }
            }
        }
    }
    (title.trim().to_string(), None)
}

pub fn site_from_title(meta: &Meta) -> Option<String> {
    split_title(meta.title.as_deref()?).1
}

/// Removes a site name from either end of a title ("Headline | Site", "Site: Headline").
fn strip_site(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site {
        let t = title.trim();
        for sep in TITLE_SEPARATORS.iter().chain(&[": "]) {
            if let Some(rest) = t
                .strip_suffix(site)
                .and_then(|r| r.strip_suffix(sep.trim_start()))
            {
                return rest.trim().to_string();
            }
            if let Some(rest) = t
                .strip_prefix(site)
                .and_then(|r| r.strip_prefix(sep.trim_end()))
            {
                return rest.trim().to_string();
            }
        }
    }
    split_title(title).0
}

/// Word overlap of two titles, 0 to 1, relative to the shorter.
fn similarity(a: &str, b: &str) -> f32 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let common = wa.iter().filter(|w| wb.contains(w)).count();
    common as f32 / wa.len().min(wb.len()) as f32
}

/// Weighs JSON-LD, og:title, `<h1>` and `<title>` against each other.
pub fn choose_headline(meta: &Meta, site: Option<&str>) -> String {
    let mut declared: Vec<String> = Vec::new();
    for t in [
        &meta.ld_headline,
        &meta.og_title,
        &meta.itemprop_headline,
        &meta.title,
    ]
    .into_iter()
    .flatten()
    {
        let t = strip_site(t, site);
        if !t.is_empty() {
            declared.push(t);
        }
    }
    // A visible <h1> that agrees with what the page declares is the headline as readers saw it.
    for h1 in &meta.h1s {
        if h1.split_whitespace().count() >= 3 && declared.iter().any(|d| similarity(h1, d) >= 0.6) {
            // A kicker inside the <h1> ("Storms Hochwasser in Bayern: ...") is not the headline:
            // a declared title that the <h1> merely contains is the headline without it.
            let inner = declared
                .iter()
                .find(|d| d.len() < h1.len() && h1.ends_with(d.as_str()));
            return inner.unwrap_or(h1).clone();
        }
    }
    if let Some(first) = declared.first() {
        return first.clone();
    }
    meta.h1s
        .iter()
        .max_by_key(|h| h.len())
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes_are_stripped() {
        assert_eq!(
            strip_site("Big news today | Mint", Some("Mint")),
            "Big news today"
        );
        assert_eq!(
            strip_site("Ledger: Big news today", Some("Ledger")),
            "Big news today"
        );
        assert_eq!(
            strip_site("Big news today - Reuters", None),
            "Big news today"
        );
        assert_eq!(
            split_title("Big news today — The Valley Courier")
                .1
                .as_deref(),
            Some("The Valley Courier")
        );
    }
}
