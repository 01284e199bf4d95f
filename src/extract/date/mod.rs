//! Messy date strings: the dates publishers write in meta tags, bylines and
//! URLs, turned into instants that keep the publisher's own UTC offset (so the
//! calendar day stays the day the paper printed).
//!
//! A date without a time is midnight UTC of that day; a time without a zone is
//! taken as UTC; a zone abbreviation or numeric offset is kept as the offset. Every form
//! needs a four-digit year in 1990..=2100 and a day, so a bare year ("© 2025"),
//! a month alone ("February 2021"), a two-digit year or a relative date
//! ("2 hours ago") is never a date. All-numeric dates are read as follows: a
//! part above 12 decides; otherwise `02/03/2021` is month-first (US usage of
//! `/`) and `02.03.2021` or `02-03-2021` is day-first (European usage).
//! Sub-second digits are dropped: a publication time to the second is plenty.

mod forms;
mod names;
mod read;
#[cfg(test)]
mod tests;

use crate::article::Date;
use forms::{FORMS, URL_FORMS};
use read::{first_in, make_date, midnight, month_number};
use regex::Regex;
use std::ops::{Range, RangeInclusive};
use std::sync::LazyLock;

// Bylines drop a weekday a name runs on into ("Jane Doe Monday"): the same table.
pub(crate) use names::{english_months, WEEKDAYS};
pub use read::day_month_swapped;

/// Years outside this range are typos, prices or IDs, not publication dates.
const YEARS: RangeInclusive<i32> = 1990..=2100;

/// How many words besides the date `parse_date` tolerates ("Updated:", "Published on", a byline).
const MAX_EXTRA_WORDS: usize = 8;

/// Longer strings are prose, not a date value; `find_date` is the tool for those.
const MAX_PARSE_LEN: usize = 400;

/// Parses a string that is (or contains, with a few surrounding words like "Updated:" / "Published on") one date expression.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() > MAX_PARSE_LEN {
        return None;
    }
    let (when, span) = find_date_span(s)?;
    let extra =
        s[..span.start].split_whitespace().count() + s[span.end..].split_whitespace().count();
    (extra <= MAX_EXTRA_WORDS).then_some(when)
}

/// Finds the first plausible date expression anywhere in a line of free text.
pub fn find_date(text: &str) -> Option<Date> {
    find_date_span(text).map(|(when, _)| when)
}

/// Like [`find_date`], also giving the byte range the date expression covers
/// (so a byline can be read from what is around it).
pub fn find_date_span(text: &str) -> Option<(Date, Range<usize>)> {
    // Every form holds a four-digit year: most lines of a page fail this cheap test.
    if !has_digit_run(text, 4) {
        return None;
    }
    let mut best: Option<(Date, Range<usize>)> = None;
    for form in FORMS.iter() {
        if let Some((when, span)) = first_in(form, text) {
            let better = match &best {
                None => true,
                Some((_, b)) => span.start < b.start || (span.start == b.start && span.end > b.end),
            };
            if better {
                best = Some((when, span));
            }
        }
    }
    best
}

/// `28.01.22`: day, month and a two-digit year, as German sites print dates in article headers.
static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9.])(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{2})(?:$|[^0-9.])")
        .expect("short year pattern compiles")
});

/// A date with a two-digit year (`28.01.22`), read only where an element is named as a date:
/// in running text the same shape is a version number or a score. Years run 1990 to 2089.
pub fn find_short_year_date(text: &str) -> Option<Date> {
    let c = SHORT_YEAR.captures(text)?;
    let yy: i32 = c["y"].parse().ok()?;
    let year = if yy >= 90 { 1900 + yy } else { 2000 + yy };
    make_date(year, c["m"].parse().ok()?, c["d"].parse().ok()?).map(midnight)
}

/// A publication date encoded in a URL path: /2021/02/15/, /2021-02-15-, /20210215/, /2021/feb/15/,
/// /22.04.2020/.
/// A year and month alone (/2021/02/) is not a date.
pub fn date_from_url(url: &str) -> Option<Date> {
    let path = url_path(url);
    if !has_digit_run(path, 4) {
        return None;
    }
    let path = path.to_ascii_lowercase();
    URL_FORMS
        .iter()
        .filter_map(|re| {
            re.captures_iter(&path).find_map(|c| {
                let y = c.name("y")?;
                let month = c.name("m")?.as_str();
                let month = month.parse().ok().or_else(|| month_number(month))?;
                let day = c.name("d")?.as_str().parse().ok()?;
                let date = make_date(y.as_str().parse().ok()?, month, day)?;
                Some((y.start(), date))
            })
        })
        .min_by_key(|(start, _)| *start)
        .map(|(_, date)| midnight(date))
}

/// The path of a URL: no scheme, host, query or fragment (a host may hold digits).
fn url_path(url: &str) -> &str {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            after.find('/').map_or("", |j| &after[j..])
        }
        None => url,
    };
    rest.split(['?', '#']).next().unwrap_or(rest)
}

/// True when `text` holds `n` ASCII digits in a row.
fn has_digit_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run >= n {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}
