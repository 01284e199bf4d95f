//! Dates as users write them: `--from`/`--to` days, months and years, moments, and the
//! `date:`/`captured:` clauses of a query rewritten into the RFC 3339 ranges tantivy reads.

use super::SearchError;
use chrono::{DateTime, NaiveDate, Utc};
use regex::Regex;
use std::sync::LazyLock;

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` into the first and the day after the last instant it covers.
pub fn parse_day_range(s: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), SearchError> {
    let bad = || SearchError::BadDate(s.to_string());
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| -> Result<u32, SearchError> {
        if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        p.parse().map_err(|_| bad())
    };
    let (start, end) = match parts.as_slice() {
        [y] => {
            let y = num(y, 4)? as i32;
            (
                NaiveDate::from_ymd_opt(y, 1, 1),
                NaiveDate::from_ymd_opt(y + 1, 1, 1),
            )
        }
        [y, m] => {
            let (y, m) = (num(y, 4)? as i32, num(m, 2)?);
            let start = NaiveDate::from_ymd_opt(y, m, 1);
            (
                start,
                start.and_then(|d| d.checked_add_months(chrono::Months::new(1))),
            )
        }
        [y, m, d] => {
            let start = NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?);
            (start, start.and_then(|d| d.succ_opt()))
        }
        _ => (None, None),
    };
    match (start, end) {
        (Some(a), Some(b)) => Ok((
            a.and_time(Default::default()).and_utc(),
            b.and_time(Default::default()).and_utc(),
        )),
        // The shape was right (the digits parsed): the month or the day is out of its range.
        _ if parts.len() > 1 => Err(SearchError::NoSuchDay(s.to_string())),
        _ => Err(bad()),
    }
}

/// Parses a date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) or a moment (`YYYY-MM-DDTHH:MM`, with
/// seconds and a zone if wanted; UTC without one) into the span it covers: [start, end).
pub fn parse_span(s: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), SearchError> {
    let s = s.trim();
    let Some((day, time)) = s.split_once(['T', 't']) else {
        return parse_day_range(s);
    };
    let (midnight, _) = parse_day_range(day)?;
    if day.len() != 10 {
        return Err(SearchError::BadDate(s.to_string()));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        let t = t.with_timezone(&Utc);
        return Ok((t, t + chrono::Duration::seconds(1)));
    }
    let (clock, offset_secs) = match time.find(['Z', 'z', '+', '-']) {
        None => (time, 0),
        Some(at) => {
            let zone = &time[at..];
            let secs = if zone.eq_ignore_ascii_case("z") {
                0
            } else {
                zone_offset_secs(zone).ok_or_else(|| SearchError::BadDate(s.to_string()))?
            };
            (&time[..at], secs)
        }
    };
    let (t, step) = if let Ok(t) = chrono::NaiveTime::parse_from_str(clock, "%H:%M:%S") {
        (t, chrono::Duration::seconds(1))
    } else if let Ok(t) = chrono::NaiveTime::parse_from_str(clock, "%H:%M") {
        (t, chrono::Duration::minutes(1))
    } else {
        return Err(SearchError::BadDate(s.to_string()));
    };
    let start = midnight + (t - chrono::NaiveTime::MIN) - chrono::Duration::seconds(offset_secs);
    Ok((start, start + step))
}

/// `+HH:MM` or `-HH:MM` as seconds east of UTC.
fn zone_offset_secs(zone: &str) -> Option<i64> {
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (h, m) = zone[1..].split_once(':').unwrap_or((&zone[1..], "00"));
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

static DATE_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(date|captured):([\[{])\s*(\S+)\s+TO\s+(\S+?)\s*([\]}])|(?i)\b(date|captured):(\d[^\s()\[\]{}]*)")
        .unwrap()
});

/// Rewrites `date:` and `captured:` clauses with plain days into the RFC 3339 ranges tantivy
/// accepts.
pub fn rewrite_dates(query: &str) -> Result<String, SearchError> {
    // Most queries hold no date clause: compiling the pattern would cost a search process
    // about a tenth of its CPU.
    let lower = query.to_ascii_lowercase();
    if !lower.contains("date:") && !lower.contains("captured:") {
        return Ok(query.to_string());
    }
    let rfc = |d: DateTime<Utc>| crate::article::format_date(&d.fixed_offset());
    let mut err = None;
    let out = DATE_CLAUSE.replace_all(query, |c: &regex::Captures| {
        let conv = || -> Result<String, SearchError> {
            if let Some(day) = c.get(7) {
                let field = c[6].to_ascii_lowercase();
                let (a, b) = parse_span(day.as_str())?;
                return Ok(format!("{field}:[{} TO {}}}", rfc(a), rfc(b)));
            }
            let field = c[1].to_ascii_lowercase();
            // Each end is a span: `[day` starts at its first instant, `{day` after its last;
            // `day]` ends after its last instant, `day}` before its first.
            let (open, lo, hi, close) = (&c[2], &c[3], &c[4], &c[5]);
            let (open, lo) = if lo == "*" {
                (open, "*".to_string())
            } else {
                let (a, b) = parse_span(lo)?;
                ("[", rfc(if open == "[" { a } else { b }))
            };
            let (hi, close) = if hi == "*" {
                (hi.to_string(), close)
            } else {
                let (a, b) = parse_span(hi)?;
                (rfc(if close == "]" { b } else { a }), "}")
            };
            if lo != "*" && hi != "*" && lo >= hi {
                return Err(SearchError::EmptySpan(c[3].to_string(), c[4].to_string()));
            }
            Ok(format!("{field}:{open}{lo} TO {hi}{close}"))
        };
        conv().unwrap_or_else(|e| {
            err.get_or_insert(e);
            String::new()
        })
    });
    match err {
        Some(e) => Err(e),
        None => Ok(out.into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_ranges_cover_years_months_and_days() {
        let (a, b) = parse_day_range("2021-02").unwrap();
        assert_eq!(
            crate::article::format_date(&a.fixed_offset()),
            "2021-02-01T00:00:00Z"
        );
        assert_eq!(
            crate::article::format_date(&b.fixed_offset()),
            "2021-03-01T00:00:00Z"
        );
        assert!(parse_day_range("2021-02-30").is_err());
        assert!(parse_day_range("2021-13").is_err());
        assert!(parse_day_range("21").is_err());
    }

    #[test]
    fn date_clauses_become_rfc3339() {
        assert_eq!(
            rewrite_dates("putin date:[2021-01-01 TO 2021-03-01]").unwrap(),
            "putin date:[2021-01-01T00:00:00Z TO 2021-03-02T00:00:00Z}"
        );
        assert_eq!(
            rewrite_dates("date:2021").unwrap(),
            "date:[2021-01-01T00:00:00Z TO 2022-01-01T00:00:00Z}"
        );
        assert!(rewrite_dates("date:[2021-02-31 TO 2022]").is_err());
    }
}
