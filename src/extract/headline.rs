//! The headline: JSON-LD, og:title, `<h1>` and `<title>` weighed against each
//! other, with publisher names stripped from either end.

use super::lexicon::GENERIC_TITLE_SEGMENTS;
use super::meta::Meta;

/// Separators publishers put between a headline and their name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " — ", " – ", " :: ", " · ", " » ", " // "];

/// Separators that no headline uses inside itself (dashes and colons do): the only ones the
/// title's shape may cut at when no segment names the site.
const STRONG_SEPARATORS: &[&str] = &[" | ", " :: ", " · ", " » ", " // "];

/// Splits "Headline | Site" into its headline and suffix; the longer part is the headline.
pub(crate) fn split_title(title: &str) -> (String, Option<String>) {
    split_title_at(title, TITLE_SEPARATORS)
}

fn split_title_at(title: &str, separators: &[&str]) -> (String, Option<String>) {
    for sep in separators {
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

/// Every separator a title may put between the headline and the site's name, spaced or
/// not: the spaced ones of [`TITLE_SEPARATORS`] plus ` : `, ` « `, ` › `, ` • `, and the
/// unspaced ones that CJK titles use.
const SEGMENT_SEPARATORS: &[&str] = &[
    " | ", " - ", " — ", " – ", " :: ", " : ", " · ", " » ", " « ", " › ", " // ", " • ", "｜",
    "_", "-", "|", "—",
];

/// The title cut at its separators, each piece with its byte range in `title`. Unspaced
/// separators count only between CJK characters (`武汉…城！-新华网`).
fn segments(title: &str) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < title.len() {
        let rest = &title[i..];
        let sep = SEGMENT_SEPARATORS.iter().find(|s| rest.starts_with(**s));
        if let Some(sep) = sep {
            let spaced = sep.starts_with(' ') || *sep == "｜";
            let cjk_around = title[..i].chars().next_back().is_some_and(is_cjk_or_punct)
                && rest[sep.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_cjk_or_punct);
            if spaced || cjk_around {
                cuts.push((i, i + sep.len()));
                i += sep.len();
                continue;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (a, b) in cuts {
        out.push((start, a));
        start = b;
    }
    out.push((start, title.len()));
    out.retain(|&(a, b)| !title[a..b].trim().is_empty());
    out
}

fn is_cjk_or_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xff00..=0xffef)
}

/// Lower-case letters and digits only: how names are compared.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a title segment names the publisher: its declared name, or its host.
fn names_site(segment: &str, site: Option<&str>, host: Option<&str>) -> bool {
    let seg = squash(segment);
    if seg.is_empty() {
        return false;
    }
    // WordPress themes print "Blog Archive » Headline" whatever the site is called.
    if GENERIC_TITLE_SEGMENTS.contains(&seg.as_str()) {
        return true;
    }
    let words = segment.split_whitespace().count();
    if let Some(site) = site.map(squash).filter(|s| !s.is_empty()) {
        if seg == site
            || (site.len() >= 4 && seg.contains(&site) && words <= 8)
            || (seg.len() >= 4 && site.contains(&seg))
        {
            return true;
        }
    }
    if let Some(host) = host {
        // "archiv.krimiblog.de": the labels that name the site, not "www", "de" or "com".
        let labels: Vec<&str> = host.split('.').collect();
        let named = labels[..labels.len().saturating_sub(1)]
            .iter()
            .map(|l| squash(l))
            .filter(|l| l.len() >= 4);
        for label in named {
            if seg == label || (seg.contains(&label) && words <= 8) || label.contains(&seg) {
                return true;
            }
        }
    }
    false
}

/// Removes the segments that name the site from either end of a title ("Headline | Site",
/// "Site: Headline", "Headline : Site | Tagline"). A segment that names nothing known is
/// kept: a dash inside a headline is not a separator. Only when the page declares no site
/// at all does the shape of the title decide ([`split_title`]).
fn strip_site(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    let t = title.trim();
    if site.is_none() && host.is_none() {
        return split_title(t).0;
    }
    if let Some(rest) = site
        .and_then(|s| t.strip_prefix(s))
        .and_then(|r| r.strip_prefix(':'))
    {
        return rest.trim().to_string();
    }
    let segs = segments(t);
    // "Site » Blog Archive » Headline": what follows the theme's archive label is the headline.
    if let Some(g) = segs
        .iter()
        .position(|&(a, b)| GENERIC_TITLE_SEGMENTS.contains(&squash(&t[a..b]).as_str()))
        .filter(|&g| g + 1 < segs.len())
    {
        return t[segs[g + 1].0..segs[segs.len() - 1].1].trim().to_string();
    }
    let named: Vec<bool> = segs
        .iter()
        .map(|&(a, b)| names_site(&t[a..b], site, host))
        .collect();
    let Some(last_named) = named.iter().rposition(|&n| n) else {
        return split_title_at(t, STRONG_SEPARATORS).0;
    };
    let first_named = named.iter().position(|&n| n).unwrap_or(0);
    let (from, to) = if last_named + 1 < segs.len() && first_named == 0 && last_named == 0 {
        (1, segs.len())
    } else if first_named > 0 {
        // The site and everything after it (a tagline) goes.
        (0, first_named)
    } else {
        (last_named + 1, segs.len())
    };
    if from >= to {
        return t.to_string();
    }
    t[segs[from].0..segs[to - 1].1].trim().to_string()
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

/// A kicker inside the `<h1>` ("Storms Hochwasser in Bayern: ...") is not the headline: a
/// declared title that the `<h1>` merely ends with is the headline without it.
fn without_kicker<'a>(h1: &'a str, declared: &'a [String]) -> &'a str {
    declared
        .iter()
        .find(|d| d.len() < h1.len() && h1.ends_with(d.as_str()))
        .map_or(h1, String::as_str)
}

/// Weighs JSON-LD, og:title, `<h1>` and `<title>` against each other.
pub fn choose_headline(meta: &Meta, site: Option<&str>, host: Option<&str>) -> String {
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
        let t = strip_site(t, site, host);
        if !t.is_empty() {
            declared.push(t);
        }
    }
    // A visible <h1> that a declared title holds whole is the headline, whatever separators
    // surround it in the title, unless it is only the title's shorter part (a blog's or a
    // section's name).
    for h1 in &meta.h1s {
        let h = squash(h1);
        let holds = |t: &str| {
            let segs = segments(t);
            let longest = segs.iter().map(|&(a, b)| squash(&t[a..b]).len()).max();
            segs.len() > 1 && squash(t).contains(&h) && longest.is_some_and(|l| h.len() * 2 >= l)
        };
        let declared_holds = [&meta.title, &meta.og_title, &meta.ld_headline]
            .iter()
            .any(|t| t.as_deref().is_some_and(holds));
        if h1.split_whitespace().count() >= 2 && declared_holds && !names_site(h1, site, host) {
            return without_kicker(h1, &declared).to_string();
        }
    }
    // A visible <h1> that agrees with what the page declares is the headline as readers saw it.
    for h1 in &meta.h1s {
        if h1.split_whitespace().count() >= 3 && declared.iter().any(|d| similarity(h1, d) >= 0.6) {
            return without_kicker(h1, &declared).to_string();
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
    fn a_theme_s_blog_archive_segment_is_stripped() {
        assert_eq!(
            strip_site(
                "Blog Archive » Tides in the estuary",
                None,
                Some("tides.example")
            ),
            "Tides in the estuary"
        );
        assert_eq!(
            strip_site(
                "Tide Log » Blog Archiv » Neue Pegel",
                None,
                Some("a.example")
            ),
            "Neue Pegel"
        );
    }

    #[test]
    fn site_suffixes_are_stripped() {
        assert_eq!(
            strip_site("Big news today | Mint", Some("Mint"), None),
            "Big news today"
        );
        assert_eq!(
            strip_site("Ledger: Big news today", Some("Ledger"), None),
            "Big news today"
        );
        assert_eq!(
            strip_site("Big news today - Reuters", None, None),
            "Big news today"
        );
        // Only a segment that names the site goes; a dash inside the headline stays.
        assert_eq!(
            strip_site(
                "Harbour tunnel – the second attempt | Valley Courier",
                Some("The Valley Courier"),
                None
            ),
            "Harbour tunnel – the second attempt"
        );
        assert_eq!(
            strip_site(
                "Tide tables - part 4 - the winter",
                Some("Coast Times"),
                None
            ),
            "Tide tables - part 4 - the winter"
        );
        // The host names the site; a tagline after it goes with it.
        assert_eq!(
            strip_site(
                "Why the ferry was late : Ferryblog | Notes on boats | Since 2009",
                None,
                Some("www.ferryblog.example")
            ),
            "Why the ferry was late"
        );
        // Unspaced separators of CJK titles.
        assert_eq!(
            strip_site("港口新闻：渡轮晚点了-海港网", Some("海港网"), None),
            "港口新闻：渡轮晚点了"
        );
        assert_eq!(
            strip_site("Tunnel » Harbour Ledger", Some("Harbour Ledger"), None),
            "Tunnel"
        );
        assert_eq!(
            split_title("Big news today — The Valley Courier")
                .1
                .as_deref(),
            Some("The Valley Courier")
        );
    }
}
