//! Which date on a page is its publication date: declared dates, the URL, the visible date
//! line near the headline and elements named as dates, weighed against each other.
//! (`date` reads one date expression; this module chooses between the dates it read.)

use super::{date, meta, meta::Meta};
use crate::article::Date;
use chrono::Utc;

/// The publication date cascade: declared published dates, `<time>`, the URL, visible text near
/// the headline, then elements named as dates anywhere, and last a declared modified date.
pub(super) fn choose_date(meta: &Meta, doc: &scraper::Html, headline: &str) -> Option<Date> {
    let parse_first = |list: &[String]| list.iter().find_map(|s| date::parse_date(s));
    let from_url = meta.url.as_deref().and_then(date::date_from_url);
    let declared = parse_first(&meta.published)
        .or_else(|| parse_first(&meta.times))
        .filter(plausible);
    match (declared, from_url) {
        (Some(d), Some(u)) => Some(arbitrate(d, u)),
        (d, u) => d.or(u),
    }
    .or_else(|| visible_date(doc, headline))
    .or_else(|| marked_date(doc))
    .or_else(|| parse_first(&meta.modified))
    .filter(plausible)
}

/// How many days a declared date may run ahead of the URL's before it is taken for an update.
const UPDATE_AFTER_DAYS: i64 = 30;

/// A declared date against the date in the URL, which the publisher wrote on the day in its own
/// time zone: one day apart is a time-zone shift (`2020-02-25T02:00Z` for a story of the 24th),
/// and a declared date weeks after the URL's is a re-publication or update stamped as published.
fn arbitrate(declared: Date, from_url: Date) -> Date {
    let days = (declared.date_naive() - from_url.date_naive()).num_days();
    if days.abs() == 1 || days > UPDATE_AFTER_DAYS {
        from_url
    } else {
        declared
    }
}

/// Class and id words that mark an element as holding the article's date (lowercase, matched
/// inside the name: `post-meta-time`, `newsdatum`, `publishInfo__date`).
const DATE_ELEMENT_MARKS: &[&str] = &[
    "date",
    "time",
    "datum",
    "fecha",
    "submitted",
    "publish",
    "posted",
    "byline",
    "meta",
    "calendar",
];

/// Longest text of a date-marked element that is still a date line, not a paragraph.
const DATE_ELEMENT_MAX_LEN: usize = 120;

/// The first date in an element whose class or id names a date (`<span class="date">`,
/// `<div class="submitted">`, `<a class="post-meta-time">`), anywhere outside navigation and
/// sidebars: what htmldate's element search finds when nothing near the headline says a date.
/// An empty marker (`<i class="icon-calendar"></i>`) stands for its parent's text.
fn marked_date(doc: &scraper::Html) -> Option<Date> {
    doc.root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .filter(|e| {
            let v = e.value();
            [v.attr("class"), v.attr("id")]
                .into_iter()
                .flatten()
                .any(|n| {
                    let n = n.to_ascii_lowercase();
                    DATE_ELEMENT_MARKS.iter().any(|m| n.contains(m))
                })
        })
        .find_map(|e| {
            let own = meta::text_of(e);
            let text = if own.bytes().any(|b| b.is_ascii_digit()) {
                own
            } else {
                meta::text_of(scraper::ElementRef::wrap(e.parent()?)?)
            };
            if text.len() > DATE_ELEMENT_MAX_LEN || in_navigation(e) {
                return None;
            }
            date::find_date(&text)
                .or_else(|| date::find_short_year_date(&text))
                .filter(plausible)
        })
}

/// True inside `<nav>`, `<aside>` or anything hidden: dates there belong to other stories.
fn in_navigation(e: scraper::ElementRef) -> bool {
    e.ancestors()
        .filter_map(scraper::ElementRef::wrap)
        .chain(std::iter::once(e))
        .any(|a| {
            let v = a.value();
            matches!(v.name(), "nav" | "aside" | "script" | "style" | "template")
                || v.attr("hidden").is_some()
                || v.attr("aria-hidden") == Some("true")
        })
}

/// Dates before the web or after tomorrow are mistakes, not publication dates.
fn plausible(d: &Date) -> bool {
    let tomorrow = Utc::now() + chrono::Duration::days(1);
    d.timestamp() > 631_152_000 && *d < tomorrow // 1990-01-01
}

/// How many text nodes after the headline are searched for a visible date.
const VISIBLE_DATE_WINDOW: usize = 40;

/// Words that say a visible date is the publication date, or only an update.
const PUBLISHED_CUES: &[&str] = &[
    "published",
    "posted",
    "first published",
    "publié",
    "veröffentlicht",
];
const UPDATED_CUES: &[&str] = &[
    "updated",
    "modified",
    "edited",
    "last update",
    "aktualisiert",
    "mis à jour",
];

/// How far into a long text node a dateline may start ("(18.01.2018) Farmers said ...").
const DATELINE_REACH: usize = 24;

/// A date written near the headline, outside links and sidebars; "Published" beats "Updated".
/// The window opens again at the `<h1>` that holds the headline, so a logo's `<h1>` and the
/// navigation after it do not use it up.
fn visible_date(doc: &scraper::Html, headline: &str) -> Option<Date> {
    use scraper::node::Node;
    let mut seen_h1 = false;
    let mut budget = VISIBLE_DATE_WINDOW;
    let mut early = Vec::new();
    let mut updated = None;
    let mut plain = None;
    for node in doc.root_element().descendants() {
        let Node::Text(t) = node.value() else {
            if let Node::Element(e) = node.value() {
                if e.name() == "h1" {
                    seen_h1 = true;
                    let is_headline = !headline.is_empty()
                        && scraper::ElementRef::wrap(node).is_some_and(|h| {
                            meta::text_of(h)
                                .to_lowercase()
                                .contains(&headline.to_lowercase())
                        });
                    if is_headline {
                        budget = VISIBLE_DATE_WINDOW;
                        plain = None;
                        updated = None;
                    }
                }
            }
            continue;
        };
        let s = t.trim();
        // Every date has a digit; most text nodes have none, and skipping them early keeps this pass cheap.
        if s.is_empty() || !s.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        if s.len() > 200 {
            // Prose, but it may open with a dateline.
            if seen_h1 {
                let mut cut = (DATELINE_REACH + 40).min(s.len());
                while !s.is_char_boundary(cut) {
                    cut -= 1;
                }
                let head = &s[..cut];
                if let Some((d, span)) = date::find_date_span(head) {
                    if span.start <= DATELINE_REACH {
                        plain.get_or_insert(d);
                    }
                }
                budget = budget.saturating_sub(1);
                if budget == 0 {
                    break;
                }
            }
            continue;
        }
        let parent = node.parent().and_then(scraper::ElementRef::wrap);
        if parent.is_some_and(|p| {
            matches!(
                p.value().name(),
                "script" | "style" | "a" | "title" | "option"
            )
        }) {
            continue;
        }
        if parent.is_some_and(meta::is_hidden_or_boilerplate) {
            continue;
        }
        if !seen_h1 {
            if early.len() < VISIBLE_DATE_WINDOW {
                early.push(s.to_string());
            }
            continue;
        }
        if let Some(d) = date::find_date(s) {
            let lower = s.to_lowercase();
            if PUBLISHED_CUES.iter().any(|c| lower.contains(c)) {
                return Some(d);
            }
            let slot = if UPDATED_CUES.iter().any(|c| lower.contains(c)) {
                &mut updated
            } else {
                &mut plain
            };
            slot.get_or_insert(d);
        }
        budget -= 1;
        if budget == 0 {
            break;
        }
    }
    // Pages without an <h1>: the first date anywhere near the top.
    plain
        .or(updated)
        .or_else(|| early.iter().find_map(|s| date::find_date(s)))
}

#[cfg(test)]
mod tests {
    use crate::extract::extract;
    use std::path::Path;

    #[test]
    fn visible_dates_start_at_the_headline_and_read_datelines() {
        let prose = "word ".repeat(60);
        // A logo <h1> and a dated navigation item come before the story's own <h1>.
        let page = format!(
            "<html><head><title>Harbour tunnel opens</title></head><body><h1>Ledger</h1>\
             <ul><li>Markets 01.01.2020</li></ul><article><h1>Harbour tunnel opens</h1>\
             <p>(18.01.2018) The new harbour tunnel opened to traffic on Thursday, {prose}</p>\
             </article></body></html>"
        );
        let a = extract(Path::new("a.html"), page.as_bytes())
            .unwrap()
            .article;
        assert_eq!(a.date.unwrap().date_naive().to_string(), "2018-01-18");
    }

    fn date_of(page: &str) -> Option<String> {
        let a = extract(Path::new("a.html"), page.as_bytes()).ok()?.article;
        a.date.map(|d| d.date_naive().to_string())
    }

    fn page_with(head: &str, body: &str) -> String {
        let prose = "The council voted on the new budget after a long debate. ".repeat(12);
        format!(
            "<html><head><title>Council passes budget</title>{head}</head><body>\
             <nav><span class=\"date\">01.01.2015</span></nav>\
             <div class=\"story\"><h2>Council passes budget</h2>{body}<p>{prose}</p></div></body></html>"
        )
    }

    #[test]
    fn the_url_day_settles_time_zone_shifts_and_updates() {
        let url = r#"<link rel="canonical" href="https://example.com/2020/02/24/council-budget/">"#;
        // Published late in the evening in New York, declared in UTC: the URL keeps the local day.
        let shifted = format!(
            r#"{url}<meta property="article:published_time" content="2020-02-25T02:10:00Z">"#
        );
        assert_eq!(
            date_of(&page_with(&shifted, "")).as_deref(),
            Some("2020-02-24")
        );
        // Re-stamped as published two years later.
        let restamped = format!(
            r#"{url}<meta property="article:published_time" content="2022-06-01T10:00:00Z">"#
        );
        assert_eq!(
            date_of(&page_with(&restamped, "")).as_deref(),
            Some("2020-02-24")
        );
        // A few days apart: the declared date stands (the URL may hold the day a draft began).
        let close = format!(
            r#"{url}<meta property="article:published_time" content="2020-02-27T10:00:00Z">"#
        );
        assert_eq!(
            date_of(&page_with(&close, "")).as_deref(),
            Some("2020-02-27")
        );
    }

    #[test]
    fn elements_named_as_dates_are_read_anywhere_outside_navigation() {
        let meta_link = r#"<p>Filed under Politics.</p><div class="post-meta"><a class="post-meta-time" href="/blog/2017/08/08/">08/08/2017</a></div>"#;
        assert_eq!(
            date_of(&page_with("", meta_link)).as_deref(),
            Some("2017-08-08")
        );
        let icon = r#"<p class="small"><i class="icon-calendar"></i> 12.01.2022</p>"#;
        assert_eq!(date_of(&page_with("", icon)).as_deref(), Some("2022-01-12"));
        let short =
            r#"<div class="node__submitted"><span class="post-created"> 28.01.22</span></div>"#;
        assert_eq!(
            date_of(&page_with("", short)).as_deref(),
            Some("2022-01-28")
        );
        // Only the navigation holds a date: none is invented from it.
        assert_eq!(date_of(&page_with("", "")), None);
    }

    #[test]
    fn hidden_machine_dates_still_count() {
        let rdf = r#"<span property="schema:dateCreated" content="2022-01-28T12:45:46+00:00" class="rdf-meta hidden"></span>"#;
        assert_eq!(date_of(&page_with("", rdf)).as_deref(), Some("2022-01-28"));
    }
}
