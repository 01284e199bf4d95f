//! Which date on a page is its publication date: declared dates, the URL, the visible date
//! line near the headline and elements named as dates, weighed against each other.
//! (`date` reads one date expression; this module chooses between the dates it read.)

use super::lexicon::{DATE_ELEMENT_MARKS, PUBLISHED_CUES, UPDATED_CUES};
use super::{date, meta, meta::Meta};
use crate::article::Date;
use chrono::Utc;

/// The publication date cascade: declared published dates, `<time>`, the URL, visible text near
/// the headline, then elements named as dates anywhere, and last a declared modified date.
/// Where the page shows a date of its own beside a declared one, [`shown_over_declared`]
/// decides between them.
pub(super) fn choose_date(meta: &Meta, doc: &scraper::Html, headline: &str) -> Option<Date> {
    let from_url = meta.url.as_deref().and_then(date::date_from_url);
    let declared = parse_first(&meta.published)
        .or_else(|| parse_first(&meta.times))
        .filter(plausible);
    let Some(declared) = declared else {
        return from_url
            .or_else(|| visible_date(doc, headline))
            .or_else(|| marked_date(doc))
            .or_else(|| parse_first(&meta.modified))
            .filter(plausible);
    };
    // A date labelled as an update is not the one a publisher shows as the story's.
    let shown = match visible_date_line(doc, headline) {
        Some(v) => (!v.update).then_some(v.date),
        None => marked_date(doc),
    }
    .filter(plausible);
    if let Some(d) = shown.and_then(|s| shown_over_declared(s, declared, meta)) {
        return Some(d);
    }
    Some(match from_url {
        Some(u) => arbitrate(declared, u),
        None => declared,
    })
    .filter(plausible)
}

fn parse_first(list: &[String]) -> Option<Date> {
    list.iter().find_map(|s| date::parse_date(s))
}

/// More declared published dates than this are a list page's or its related stories', not
/// alternatives for this story's date.
const MAX_OWN_PUBLISHED: usize = 3;

/// The date the page shows near its headline, when it should win over the first declared one:
/// - it is a day the page also declares, as modified or as another published date: the
///   publisher shows the update as the story's date (a re-dated evergreen page) and that is
///   the date readers and archives cite;
/// - read the other way round (`03/05/2022` as 3 May, as every language but US English writes
///   it) it falls within a day of the declared date: the slash was day-first.
fn shown_over_declared(shown: Date, declared: Date, meta: &Meta) -> Option<Date> {
    let day = shown.date_naive();
    if day == declared.date_naive() {
        return None;
    }
    let declared_days = || {
        let published = if meta.published.len() <= MAX_OWN_PUBLISHED {
            &meta.published[..]
        } else {
            &[]
        };
        meta.modified
            .iter()
            .chain(published)
            .filter_map(|s| date::parse_date(s))
            .map(|d| d.date_naive())
    };
    if declared_days().any(|d| d == day) {
        return Some(shown);
    }
    let swapped = date::day_month_swapped(shown)?;
    ((swapped.date_naive() - declared.date_naive())
        .num_days()
        .abs()
        <= 1)
        .then_some(swapped)
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

/// Longest text read as the label of the date in the next text node
/// (`<p>Mise en ligne</p><p>23 mai 2019</p>`).
const LABEL_BEFORE_MAX_LEN: usize = 40;

/// How far into a long text node a dateline may start ("(18.01.2018) Farmers said ...").
const DATELINE_REACH: usize = 24;

/// A date written near the headline, outside links and sidebars; "Published" beats "Updated".
/// The window opens again at the `<h1>` that holds the headline, so a logo's `<h1>` and the
/// navigation after it do not use it up.
fn visible_date(doc: &scraper::Html, headline: &str) -> Option<Date> {
    visible_date_line(doc, headline).map(|v| v.date)
}

/// A date the page shows, and whether its label says it is only an update.
struct Shown {
    date: Date,
    update: bool,
}

fn visible_date_line(doc: &scraper::Html, headline: &str) -> Option<Shown> {
    use scraper::node::Node;
    let mut seen_h1 = false;
    let mut budget = VISIBLE_DATE_WINDOW;
    let mut early = Vec::new();
    let mut updated = None;
    let mut plain = None;
    // The headline's ancestors: the story's header, never furniture by its class names.
    let mut header: Vec<ego_tree::NodeId> = Vec::new();
    let mut label_before = "";
    for node in doc.root_element().descendants() {
        let Node::Text(t) = node.value() else {
            if let Node::Element(e) = node.value() {
                let heading = matches!(e.name(), "h1" | "h2" | "h3");
                if heading {
                    let is_headline = !headline.is_empty()
                        && scraper::ElementRef::wrap(node).is_some_and(|h| {
                            meta::text_of(h)
                                .to_lowercase()
                                .contains(&headline.to_lowercase())
                        });
                    // Any <h1> opens the window; an <h2>/<h3> only when it is the headline
                    // (pages whose story title is not an <h1>).
                    seen_h1 |= is_headline || e.name() == "h1";
                    // Only the first heading that holds the headline opens the window again: a
                    // section heading repeating the title further down is not the story's top.
                    if is_headline && header.is_empty() {
                        budget = VISIBLE_DATE_WINDOW;
                        plain = None;
                        updated = None;
                        header = node.ancestors().map(|a| a.id()).collect();
                    }
                }
            }
            continue;
        };
        let s = t.trim();
        // Every date has a digit; most text nodes have none, and skipping them early keeps this pass cheap.
        if s.is_empty() || !s.bytes().any(|b| b.is_ascii_digit()) {
            if !s.is_empty() && s.len() <= LABEL_BEFORE_MAX_LEN {
                label_before = s;
            }
            continue;
        }
        // A label names only the date right after it ("Updated <time>…</time>" does not
        // label the next line's date too).
        let before = std::mem::take(&mut label_before);
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
        if parent.is_some_and(|p| meta::is_hidden_or_boilerplate_under(p, &header)) {
            continue;
        }
        if !seen_h1 {
            if early.len() < VISIBLE_DATE_WINDOW {
                early.push(s.to_string());
            }
            continue;
        }
        if let Some(d) = date::find_date(s) {
            let mut label = parent.map_or_else(|| s.to_lowercase(), |p| label_of(p, s));
            if s.len() <= LABEL_BEFORE_MAX_LEN {
                label.push(' ');
                label.push_str(&before.to_lowercase());
            }
            if PUBLISHED_CUES.iter().any(|c| label.contains(c)) {
                return Some(Shown {
                    date: d,
                    update: false,
                });
            }
            let slot = if UPDATED_CUES.iter().any(|c| label.contains(c)) {
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
    let plain = plain.or_else(|| early.iter().find_map(|s| date::find_date(s)));
    match (plain, updated) {
        (Some(date), _) => Some(Shown {
            date,
            update: false,
        }),
        (None, Some(date)) => Some(Shown { date, update: true }),
        (None, None) => None,
    }
}

/// Longest label around a date that is still read for "Published" / "Updated" cues.
const LABEL_MAX_LEN: usize = 200;

/// The lower-cased text that labels a date: its own text node, or, when the date sits alone in
/// an inline element (`Updated <time>Aug 10, 2022</time>`), the line that holds it.
fn label_of(parent: scraper::ElementRef, own: &str) -> String {
    let inline = matches!(
        parent.value().name(),
        "time" | "span" | "strong" | "b" | "em" | "i" | "small" | "abbr"
    );
    if inline {
        if let Some(line) = parent.parent().and_then(scraper::ElementRef::wrap) {
            let text = meta::text_of(line);
            if text.len() <= LABEL_MAX_LEN {
                return text.to_lowercase();
            }
        }
    }
    own.to_lowercase()
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
    fn a_label_in_the_element_before_the_date_counts() {
        let body = "<dl><dt>Letzte Änderung</dt><dd>31.10.2023</dd>\
                    <dt>Erschienen am</dt><dd>01.11.2023</dd></dl>";
        assert_eq!(date_of(&page_with("", body)).as_deref(), Some("2023-11-01"));
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

    /// A page with an `<h1>` headline, its visible date line and declared dates in `head`.
    fn headed_page(head: &str, date_line: &str) -> String {
        let prose = "The ferry service resumed after the storm damage was repaired. ".repeat(12);
        format!(
            "<html><head><title>Ferry service resumes</title>{head}</head><body>\
             <article><h1>Ferry service resumes</h1><p class=\"dateline\">{date_line}</p>\
             <p>{prose}</p></article></body></html>"
        )
    }

    #[test]
    fn a_shown_update_that_the_page_declares_beats_the_first_published_date() {
        let head = r#"<meta property="article:published_time" content="2021-03-02T09:00:00+01:00">
            <meta property="article:modified_time" content="2022-01-12T16:30:00+01:00">"#;
        assert_eq!(
            date_of(&headed_page(head, "12 January 2022")).as_deref(),
            Some("2022-01-12")
        );
        // Shown as published: nothing to arbitrate.
        assert_eq!(
            date_of(&headed_page(head, "2 March 2021")).as_deref(),
            Some("2021-03-02")
        );
        // A shown date the page declares nowhere (a related story's, an event's) does not win.
        assert_eq!(
            date_of(&headed_page(head, "20 May 2021")).as_deref(),
            Some("2021-03-02")
        );
        // Several published dates are a listing's: they do not vouch for the shown one.
        let listing = r#"<meta property="article:published_time" content="2021-03-02T09:00:00Z">
            <meta itemprop="datePublished" content="2021-02-20"><meta itemprop="datePublished" content="2021-02-21">
            <meta itemprop="datePublished" content="2021-02-22">"#;
        assert_eq!(
            date_of(&headed_page(listing, "21 February 2021")).as_deref(),
            Some("2021-03-02")
        );
    }

    #[test]
    fn the_headline_block_is_never_furniture_by_its_class_names() {
        // A BEM modifier naming the breadcrumb that the intro block also holds.
        let prose = "The heron colony returned to the marsh this spring. ".repeat(12);
        let page = format!(
            "<html><head><title>Herons return</title></head><body>\
             <div class=\"intro intro__breadcrumbNavigation\"><nav><a href=\"/\">Home</a></nav>\
             <h1>Herons return</h1><p class=\"intro__caption\">01. November 2021 | Nature</p></div>\
             <div class=\"related\"><h1>Other news</h1><p>02. November 2021</p></div>\
             <p>{prose}</p></body></html>"
        );
        assert_eq!(date_of(&page).as_deref(), Some("2021-11-01"));
    }

    #[test]
    fn a_headline_in_h2_opens_the_date_window_and_labels_span_inline_elements() {
        let prose = "The regional train line reopened after the track repairs. ".repeat(12);
        let nav: String = (1..=45)
            .map(|i| format!("<li><span>Line {i}</span></li>"))
            .collect();
        let page = format!(
            "<html><head><title>Train line reopens</title></head><body><ul>{nav}</ul>\
             <div class=\"detail\"><h2>Train line reopens</h2>\
             <p>Updated <time>12.03.2019</time></p><h5>23.01.2019</h5><p>{prose}</p>\
             <h3>Train line reopens</h3><p>The service was praised on 04.04.2019.</p></div></body></html>"
        );
        // Past 40 numbered menu items; "Updated" labels the <time> beside it.
        assert_eq!(date_of(&page).as_deref(), Some("2019-01-23"));
    }

    #[test]
    fn a_slashed_date_is_read_day_first_when_the_declared_date_says_so() {
        // Declared in UTC the next morning; shown as 03/05/2022 at 22:41 local time: 3 May.
        let head =
            r#"<meta property="article:published_time" content="Wed, 04 May 2022 02:41:00 GMT">"#;
        assert_eq!(
            date_of(&headed_page(head, "03/05/2022 22:41")).as_deref(),
            Some("2022-05-03")
        );
        // Both readings far from the declared date: the declared date stands.
        assert_eq!(
            date_of(&headed_page(head, "09/10/2022")).as_deref(),
            Some("2022-05-04")
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
