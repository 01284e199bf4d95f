//! From a regex match to an instant: numeric order, month names, times and zones, and
//! the checks that reject a match that is no real date.

use super::forms::{Form, Shape};
use super::names::{MONTHS, US_GENERIC_ZONES, ZONES};
use super::YEARS;
use crate::article::Date;
use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone, Weekday};
use regex::Captures;
use std::ops::Range;

/// The first match of one form that is a real date, with its span.
pub(super) fn first_in(form: &Form, text: &str) -> Option<(Date, Range<usize>)> {
    form.re
        .captures_iter(text)
        .find_map(|c| read_match(form.shape, text, &c))
}

/// Turns one regex match into an instant, or rejects it.
fn read_match(shape: Shape, text: &str, c: &Captures) -> Option<(Date, Range<usize>)> {
    let whole = c.get(0)?;
    // A month name must be a whole word ("Marchand 2021" is no date). Checked here rather than
    // with `\b` in the patterns: a Unicode word boundary stops the regex crate's fast DFA at
    // the first non-ASCII byte, and the fallback engines made date search a third of the
    // ingest time on text dumps.
    if let Some(mon) = c.name("mon") {
        let before = text[..mon.start()].chars().next_back();
        let after = text[mon.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            return None;
        }
    }
    let (date, date_span) = date_of(shape, c)?;
    // The date must not be a piece of a longer token ("12021-02-15", "15/02/20210", "v1.2.2021x");
    // only ISO's "T" may follow.
    let before = text[..date_span.start].chars().next_back();
    let after = text[date_span.end..].chars().next();
    if before.is_some_and(|ch| ch.is_ascii_alphanumeric())
        || after.is_some_and(|ch| ch.is_ascii_alphanumeric() && ch != 'T')
    {
        return None;
    }
    let mut end = date_span.end;
    let mut when = midnight(date);
    let trailing = time_of(c, "", date).map(|t| (t, whole.end()));
    let leading = time_of(c, "l", date).map(|t| (t, whole.start()));
    // A weekday in front belongs to the expression; a leading time only if it was read.
    let mut start = c
        .name("wd")
        .or_else(|| c.name("wdo"))
        .map_or(date_span.start, |m| m.start());
    if let Some((instant, time_end)) = trailing {
        when = instant;
        end = time_end;
    } else if let Some((instant, time_start)) = leading {
        when = instant;
        start = time_start;
    }
    Some((when, start..end))
}

/// The calendar date of a match and the byte range of its day, month and year.
fn date_of(shape: Shape, c: &Captures) -> Option<(NaiveDate, Range<usize>)> {
    let num = |name: &str| -> Option<u32> { c.name(name)?.as_str().parse().ok() };
    let y = c.name("y")?;
    let year: i32 = y.as_str().parse().ok()?;
    let (month, day, first) = match shape {
        Shape::YearFirst => {
            if c.name("s1")?.as_str() != c.name("s2")?.as_str() {
                return None;
            }
            (num("m")?, num("d")?, y.start())
        }
        Shape::Cjk => (num("m")?, num("d")?, y.start()),
        Shape::YearMonthName => (month_number(c.name("mon")?.as_str())?, num("d")?, y.start()),
        Shape::DayMonthName => (
            month_number(c.name("mon")?.as_str())?,
            num("d")?,
            c.name("d")?.start(),
        ),
        Shape::MonthNameDay => (
            month_number(c.name("mon")?.as_str())?,
            num("d")?,
            c.name("mon")?.start(),
        ),
        Shape::Numeric => {
            let sep = c.name("s1")?.as_str();
            if sep != c.name("s2")?.as_str() {
                return None;
            }
            let (month, day) = order_numeric(num("a")?, num("b")?, sep);
            (month, day, c.name("a")?.start())
        }
    };
    let last = match shape {
        Shape::YearFirst | Shape::Cjk | Shape::YearMonthName => c.name("d")?.end(),
        _ => y.end(),
    };
    Some((make_date(year, month, day)?, first..last))
}

/// Decides which of two numbers is the month (see the module notes).
fn order_numeric(a: u32, b: u32, sep: &str) -> (u32, u32) {
    if a > 12 {
        (b, a)
    } else if b > 12 || sep == "/" {
        (a, b)
    } else {
        (b, a)
    }
}

/// The same wall-clock time with day and month exchanged, when both readings are dates
/// (`03/05` is 5 March or 3 May); `None` when only one reading exists.
pub fn day_month_swapped(d: Date) -> Option<Date> {
    use chrono::Datelike;
    let (day, month) = (d.day(), d.month());
    if day > 12 || day == month {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(d.year(), day, month)?;
    date.and_time(d.time())
        .and_local_timezone(*d.offset())
        .single()
}

/// A month number from any listed name or abbreviation, any case, with or without a final dot.
pub(super) fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// A real calendar date inside the accepted years.
pub(super) fn make_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

pub(super) fn midnight(date: NaiveDate) -> Date {
    date.and_time(NaiveTime::MIN).and_utc().fixed_offset()
}

/// The instant of `date` at the time captured with prefix `p`, if that time is complete and valid.
fn time_of(c: &Captures, p: &str, date: NaiveDate) -> Option<Date> {
    let group = |name: &str| c.name(&format!("{p}{name}")).map(|m| m.as_str());
    let (mut hour, minute, second, ampm): (u32, u32, u32, Option<&str>) = match group("H") {
        Some(h) => {
            let ampm = group("ap");
            // "12.5" is a number; "19.50 GMT" or "4.12 pm" is a time.
            if group("hs") == Some(".") && ampm.is_none() && group("tz").is_none() {
                return None;
            }
            let second = group("S").map_or(Some(0), |s| s.parse().ok())?;
            (h.parse().ok()?, group("M")?.parse().ok()?, second, ampm)
        }
        None => (group("Hb")?.parse().ok()?, 0, 0, group("apb")),
    };
    if let Some(ampm) = ampm {
        let pm = ampm.to_ascii_lowercase().starts_with('p');
        if (1..=12).contains(&hour) {
            hour = hour % 12 + if pm { 12 } else { 0 };
        }
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second.min(59))?;
    let offset = match group("tz") {
        Some(zone) => zone_offset(zone, date)?,
        None => 0,
    };
    let zone = FixedOffset::east_opt(offset * 60)?;
    zone.from_local_datetime(&date.and_time(time)).single()
}

/// Minutes east of UTC for a zone abbreviation or a numeric offset ("+05:30", "GMT+5:30").
fn zone_offset(zone: &str, date: NaiveDate) -> Option<i32> {
    let numeric = zone
        .trim_start_matches("UTC")
        .trim_start_matches("GMT")
        .trim_start();
    if let Some(digits) = numeric
        .strip_prefix('+')
        .or_else(|| numeric.strip_prefix('-'))
    {
        let sign = if numeric.starts_with('-') { -1 } else { 1 };
        let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            3 | 4 => {
                let split = digits.len() - 2;
                (digits[..split].parse().ok()?, digits[split..].parse().ok()?)
            }
            _ => return None,
        };
        return (h <= 14 && m < 60).then_some(sign * (h * 60 + m));
    }
    if let Some((_, standard)) = US_GENERIC_ZONES.iter().find(|(n, _)| *n == zone) {
        return Some(standard + if us_daylight_saving(date) { 60 } else { 0 });
    }
    ZONES
        .iter()
        .find(|(n, _)| *n == zone)
        .map(|(_, offset)| *offset)
}

/// Whether US daylight saving time is in force on `date` (rules since 2007, and 1987-2006 before).
pub(super) fn us_daylight_saving(date: NaiveDate) -> bool {
    use chrono::Datelike;
    let year = date.year();
    let sunday = |month, n| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n);
    let (start, end) = if year >= 2007 {
        (sunday(3, 2), sunday(11, 1))
    } else {
        // The last Sunday of October is the fifth, or else the fourth.
        (sunday(4, 1), sunday(10, 5).or_else(|| sunday(10, 4)))
    };
    match (start, end) {
        (Some(start), Some(end)) => date >= start && date < end,
        _ => false,
    }
}
