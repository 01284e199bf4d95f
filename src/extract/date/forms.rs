//! The regexes: each shape a date can take, built once from the name tables, and the
//! shapes of dates in URLs.

use super::names::{MONTHS, OTHER_WEEKDAYS, TIME_JOINERS, US_GENERIC_ZONES, WEEKDAYS, ZONES};
use regex::Regex;
use std::sync::LazyLock;

/// A regex alternation of `words`, longest first so "sept" is not read as "sep" + "t".
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

static MONTH_ALT: LazyLock<String> =
    LazyLock::new(|| alternation(MONTHS.iter().map(|(name, _)| *name)));

/// A time of day with an optional zone; `p` prefixes the group names so a
/// pattern can hold one time before and one after the date.
fn time_pattern(p: &str) -> String {
    let zones = alternation(
        ZONES
            .iter()
            .chain(US_GENERIC_ZONES)
            .map(|(name, _)| *name)
            .filter(|n| *n != "Z"),
    );
    let ampm = r"[aApP]\.?\s?[mM](?-u:\b)\.?";
    format!(
        r"(?:(?P<{p}H>[0-9]{{1,2}})(?P<{p}hs>[:h.])(?P<{p}M>[0-9]{{2}})(?::(?P<{p}S>[0-9]{{2}})(?:[.,][0-9]{{1,9}})?)?(?:\s*(?P<{p}ap>{ampm}))?|(?P<{p}Hb>[0-9]{{1,2}})\s?(?P<{p}apb>{ampm}))(?:\s*\(?(?P<{p}tz>(?:UTC|GMT)\s?[+-][0-9]{{1,2}}(?::?[0-9]{{2}})?|[+-][0-9]{{2}}(?::?[0-9]{{2}})?(?-u:\b)|(?:{zones})(?-u:\b)|Z(?-u:\b)))?"
    )
}

/// What may follow a date: separator, joiner word, then a time.
fn time_tail() -> String {
    let joiners = alternation(TIME_JOINERS.iter().copied());
    format!(
        r"(?:\s*(?:T|,|\||-|–|—|·|•|@|/)?\s*(?:(?:{joiners})\s+)?{})?",
        time_pattern("")
    )
}

/// What may precede a date: a time ("14:20 GMT, 15 February 2021"), a weekday.
fn date_head() -> String {
    let weekdays = alternation(WEEKDAYS.iter().copied());
    let others = alternation(OTHER_WEEKDAYS.iter().copied());
    // An ASCII word boundary is cheap but never matches beside a non-ASCII letter
    // ("lunedì", "среда"): there, what follows (a dot, a comma or a space) ends the word.
    format!(
        r"(?:{}\s*(?:,|\||-|–|—)?\s*(?:on\s+)?)?(?:(?:(?-u:\b)(?P<wd>(?i:{weekdays}))(?-u:\b)|(?P<wdo>(?i:{others})))\.?,?\s+)?",
        time_pattern("l")
    )
}

/// The shapes a date can take; each regex names its parts `y`, `m`/`mon`, `d`
/// (or `a`/`b` for the all-numeric form).
#[derive(Clone, Copy, Debug)]
pub(super) enum Shape {
    /// 2021-02-15, 2021/02/15, 2021.02.15, each optionally with a time.
    YearFirst,
    /// 15 Feb 2021, 15th February 2021, 15. Februar 2021, 15 de febrero de 2021.
    DayMonthName,
    /// Feb. 15, 2021, February 15th 2021.
    MonthNameDay,
    /// 15.02.2021, 02/15/2021.
    Numeric,
    /// 2021年2月15日, 2021년 2월 15일.
    Cjk,
    /// 2021. február 15. (Hungarian).
    YearMonthName,
}

pub(super) struct Form {
    pub(super) shape: Shape,
    pub(super) re: Regex,
}

pub(super) static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    let head = date_head();
    let tail = time_tail();
    let months = &*MONTH_ALT;
    let patterns = [
        (
            Shape::YearFirst,
            format!(
                r"(?P<y>[0-9]{{4}})(?P<s1>[-/.])(?P<m>[0-9]{{1,2}})(?P<s2>[-/.])(?P<d>[0-9]{{1,2}}){tail}"
            ),
        ),
        (
            Shape::DayMonthName,
            format!(
                r"{head}(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th|er|º|°|\.)?(?:\s*(?:de|of)\s+|[\s\-/.]*)(?P<mon>(?i:{months}))\.?(?:\s*(?:de|del)\s+|\s*,?\s*|[\-/.])(?P<y>[0-9]{{4}}){tail}"
            ),
        ),
        (
            Shape::MonthNameDay,
            format!(
                r"{head}(?P<mon>(?i:{months}))\.?\s*(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+|,)(?P<y>[0-9]{{4}}){tail}"
            ),
        ),
        (
            Shape::Numeric,
            format!(
                r"{head}(?P<a>[0-9]{{1,2}})(?P<s1>[./-])(?P<b>[0-9]{{1,2}})(?P<s2>[./-])(?P<y>[0-9]{{4}}){tail}"
            ),
        ),
        (
            Shape::YearMonthName,
            format!(
                r"(?P<y>[0-9]{{4}})\.\s*\b(?P<mon>(?i:{months}))\.?\s+(?P<d>[0-9]{{1,2}})\.?{tail}"
            ),
        ),
        (
            Shape::Cjk,
            format!(
                r"(?P<y>[0-9]{{4}})\s*[年년]\s*(?P<m>[0-9]{{1,2}})\s*[月월]\s*(?P<d>[0-9]{{1,2}})\s*[日일]{tail}"
            ),
        ),
    ];
    patterns
        .into_iter()
        .map(|(shape, pattern)| Form {
            shape,
            re: Regex::new(&pattern).expect("date pattern compiles"),
        })
        .collect()
});

/// Dates in URL paths: /2021/02/15/, /2021/feb/15/, /2021-02-15-slug, /20210215/.
pub(super) static URL_FORMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let months = &*MONTH_ALT;
    [
        format!(
            r"(?:^|/)(?P<y>[0-9]{{4}})/(?P<m>[0-9]{{1,2}}|{months})/(?P<d>[0-9]{{1,2}})(?:$|[/_.-])"
        ),
        r"(?:^|[/_.-])(?P<y>[0-9]{4})[-_](?P<m>[0-9]{1,2})[-_](?P<d>[0-9]{1,2})(?:$|[/_.-]|[a-z])"
            .to_string(),
        r"(?:^|[/_.-])(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})(?:$|[/_.-])".to_string(),
        // Day first, as German and French sites write it: /bericht_vom_22.04.2020_/, /29-10-2021.
        r"(?:^|[/_~-])(?P<d>[0-9]{2})[.-](?P<m>[0-9]{2})[.-](?P<y>[0-9]{4})(?:$|[/_.-])"
            .to_string(),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("url date pattern compiles"))
    .collect()
});
