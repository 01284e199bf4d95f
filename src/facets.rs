//! Facets of a whole result set: the most mentioned people, the sites, and a
//! histogram of publication dates. They come from the facet columns and the
//! date fast field in one pass of the query, never from stored documents, so
//! they cost about as much as counting the hits.

use crate::index::schema::from_tantivy_date;
use crate::index::MorgueIndex;
use crate::search::{PersonCount, SearchError, SearchRequest};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// How wide one bar of a date histogram is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar years.
    Year,
    /// Calendar months.
    Month,
    /// ISO weeks, starting on Monday.
    Week,
    /// Days.
    Day,
}

impl std::str::FromStr for Interval {
    type Err = String;

    fn from_str(s: &str) -> Result<Interval, String> {
        match s {
            "year" => Ok(Interval::Year),
            "month" => Ok(Interval::Month),
            "week" => Ok(Interval::Week),
            "day" => Ok(Interval::Day),
            other => Err(format!(
                "bad histogram interval {other:?}: use year, month, week or day"
            )),
        }
    }
}

impl Interval {
    /// The first day of the bucket holding `day`.
    pub fn start_of(self, day: NaiveDate) -> NaiveDate {
        match self {
            Interval::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
            Interval::Month => day.with_day(1).unwrap_or(day),
            Interval::Week => day - Duration::days(day.weekday().num_days_from_monday() as i64),
            Interval::Day => day,
        }
    }

    /// The first day of the bucket after the one starting on `start`.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Interval::Year => start + Months::new(12),
            Interval::Month => start + Months::new(1),
            Interval::Week => start + Duration::days(7),
            Interval::Day => start + Duration::days(1),
        }
    }

    /// The interval that draws `first..=last` in a readable number of bars: years, or months
    /// when the dates span less than about three years.
    pub fn fitting(first: NaiveDate, last: NaiveDate) -> Interval {
        if (last - first).num_days() < 3 * 365 {
            Interval::Month
        } else {
            Interval::Year
        }
    }
}

/// One bar of a date histogram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// First day of the bucket, `YYYY-MM-DD`.
    pub start: String,
    /// Matching articles published in it.
    pub count: u64,
}

/// The facets of a result set.
#[derive(Debug, Clone, Serialize)]
pub struct Facets {
    /// The most mentioned people, most first.
    pub people: Vec<PersonCount>,
    /// The sites, most articles first.
    pub sites: Vec<PersonCount>,
    /// The languages, most articles first.
    pub languages: Vec<crate::search::LangCount>,
    /// Matching articles per bucket, oldest first, empty buckets inside the range included.
    pub histogram: Vec<Bucket>,
    /// The interval of the histogram.
    pub interval: Interval,
    /// Matching articles without a date (not in the histogram).
    pub undated: u64,
}

/// Matching articles per language, from the `lang` fast column, in the same pass as the other
/// facets (counting each language with a query of its own ran the whole query once per
/// language of the index).
pub(crate) struct LangCounts;

/// Per-segment part of [`LangCounts`].
pub(crate) struct SegmentLangCounts {
    /// `None` in a segment where no article has a language.
    langs: Option<tantivy::columnar::StrColumn>,
    counts: Vec<u64>,
}

impl Collector for LangCounts {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentLangCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentLangCounts> {
        let langs = reader
            .fast_fields()
            .str(crate::index::schema::names::LANG)?;
        let n = langs.as_ref().map_or(0, |c| c.num_terms());
        Ok(SegmentLangCounts {
            langs,
            counts: vec![0; n],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, parts: Vec<HashMap<String, u64>>) -> tantivy::Result<Self::Fruit> {
        let mut all = HashMap::new();
        for part in parts {
            for (lang, n) in part {
                *all.entry(lang).or_insert(0) += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentLangCounts {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(langs) = &self.langs else {
            return;
        };
        if let Some(n) = langs
            .term_ords(doc)
            .next()
            .and_then(|ord| self.counts.get_mut(ord as usize))
        {
            *n += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = HashMap::new();
        let Some(langs) = &self.langs else {
            return out;
        };
        let mut code = String::new();
        for (ord, &n) in self.counts.iter().enumerate() {
            if n > 0 && langs.ord_to_str(ord as u64, &mut code).unwrap_or(false) {
                out.insert(code.clone(), n);
            }
        }
        out
    }
}

/// Matching articles per day since 1970, from the date fast field.
pub(crate) struct DayCounts;

/// Per-segment part of [`DayCounts`].
pub(crate) struct SegmentDayCounts {
    dates: Column<tantivy::DateTime>,
    days: HashMap<i64, u64>,
    undated: u64,
}

impl Collector for DayCounts {
    type Fruit = (HashMap<i64, u64>, u64);
    type Child = SegmentDayCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDayCounts> {
        // A segment where no article has a date has no date column at all.
        let dates = reader
            .fast_fields()
            .column_opt::<tantivy::DateTime>(crate::index::schema::names::DATE)?
            .unwrap_or_else(|| Column::build_empty_column(reader.max_doc()));
        Ok(SegmentDayCounts {
            dates,
            days: HashMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, parts: Vec<(HashMap<i64, u64>, u64)>) -> tantivy::Result<Self::Fruit> {
        let mut all = HashMap::new();
        let mut undated = 0;
        for (days, n) in parts {
            undated += n;
            for (day, count) in days {
                *all.entry(day).or_insert(0) += count;
            }
        }
        Ok((all, undated))
    }
}

impl SegmentCollector for SegmentDayCounts {
    type Fruit = (HashMap<i64, u64>, u64);

    fn collect(&mut self, doc: DocId, _score: Score) {
        match self.dates.first(doc) {
            Some(d) => {
                *self
                    .days
                    .entry(d.into_timestamp_secs().div_euclid(86_400))
                    .or_insert(0) += 1
            }
            None => self.undated += 1,
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.days, self.undated)
    }
}

/// Sums day counts into buckets of `interval`, from the first matching day's bucket to the last's.
pub fn buckets(days: &HashMap<i64, u64>, interval: Interval) -> Vec<Bucket> {
    let to_day = |d: i64| {
        from_tantivy_date(tantivy::DateTime::from_timestamp_secs(d * 86_400))
            .map(|t: DateTime<Utc>| t.date_naive())
    };
    let mut by_start: HashMap<NaiveDate, u64> = HashMap::new();
    for (&d, &n) in days {
        if let Some(day) = to_day(d) {
            *by_start.entry(interval.start_of(day)).or_insert(0) += n;
        }
    }
    let (Some(&first), Some(&last)) = (by_start.keys().min(), by_start.keys().max()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = first;
    while start <= last {
        out.push(Bucket {
            start: start.format("%Y-%m-%d").to_string(),
            count: by_start.get(&start).copied().unwrap_or(0),
        });
        start = interval.next(start);
    }
    out
}

/// The most mentioned people of the whole archive, from each segment's term dictionary of
/// `field` (a facet field): a term's document frequency is its article count, exact for a
/// segment without deletions; a segment with deletions counts the term's live postings.
/// This never visits documents one by one, so `stats` and `people` answer in milliseconds.
pub(crate) fn people_everywhere(
    searcher: &tantivy::Searcher,
    field: tantivy::schema::Field,
    limit: usize,
) -> tantivy::Result<Vec<PersonCount>> {
    use tantivy::schema::IndexRecordOption;
    use tantivy::DocSet;
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        let deletes = segment.has_deletes();
        while terms.advance() {
            let info = terms.value();
            let n = if deletes {
                let mut postings =
                    inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                let mut live = 0u64;
                let mut doc = postings.doc();
                while doc != tantivy::TERMINATED {
                    if !segment.is_deleted(doc) {
                        live += 1;
                    }
                    doc = postings.advance();
                }
                live
            } else {
                u64::from(info.doc_freq)
            };
            // The empty key is the root facet, which every article with a person holds.
            if n > 0 && !terms.key().is_empty() {
                *counts.entry(terms.key().to_vec()).or_default() += n;
            }
        }
    }
    let named = counts.into_iter().filter_map(|(encoded, articles)| {
        let facet = Facet::from_encoded(encoded).ok()?;
        let name = facet.to_path().last()?.to_string();
        (!name.is_empty()).then_some((name, articles))
    });
    // Spellings of one person are one entry (`Zelensky`, `Zelenskyy`).
    Ok(crate::people_names::group_counts(named, limit))
}

/// Counts most first, then by name, at most `limit`.
pub(crate) fn most_first(mut all: Vec<PersonCount>, limit: usize) -> Vec<PersonCount> {
    all.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    all.truncate(limit);
    all
}

/// Computes the facets of every article matching `req` (its limit and offset do not matter).
///
/// `interval` chooses the histogram's buckets; `None` picks one that fits the matching dates.
pub fn facets(
    idx: &MorgueIndex,
    req: &SearchRequest,
    interval: Option<Interval>,
    limit: usize,
) -> Result<Facets, SearchError> {
    let (query, _, _) = idx.request_query(req)?;
    let searcher = idx.searcher();
    use crate::analysis::NameCounts;
    let (people, sites, (days, undated), langs) = searcher.search(
        &*query,
        &(NameCounts::PEOPLE, NameCounts::SITES, DayCounts, LangCounts),
    )?;
    let named = |counts: HashMap<String, u64>| {
        let all = counts
            .into_iter()
            .map(|(name, articles)| PersonCount { name, articles })
            .collect();
        most_first(all, limit)
    };
    let interval = interval.unwrap_or_else(|| {
        let day = |d: Option<&i64>| {
            d.and_then(|&d| DateTime::from_timestamp(d * 86_400, 0))
                .map(|t| t.date_naive())
        };
        match (day(days.keys().min()), day(days.keys().max())) {
            (Some(a), Some(b)) => Interval::fitting(a, b),
            _ => Interval::Year,
        }
    });
    Ok(Facets {
        people: crate::people_names::group_counts(people, limit),
        sites: named(sites),
        languages: crate::search::most_languages_first(langs),
        histogram: buckets(&days, interval),
        interval,
        undated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
            / 86_400
    }

    #[test]
    fn buckets_fill_the_gaps_inside_the_range_with_zero() {
        let days = HashMap::from([(day(2019, 5, 2), 2), (day(2021, 12, 31), 1)]);
        let years = buckets(&days, Interval::Year);
        let starts: Vec<&str> = years.iter().map(|b| b.start.as_str()).collect();
        assert_eq!(starts, ["2019-01-01", "2020-01-01", "2021-01-01"]);
        assert_eq!(years.iter().map(|b| b.count).collect::<Vec<_>>(), [2, 0, 1]);
        let months = buckets(&days, Interval::Month);
        assert_eq!(months.len(), 32);
        assert_eq!(months[0].start, "2019-05-01");
        assert_eq!(months.iter().map(|b| b.count).sum::<u64>(), 3);
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2021-02-17 was a Wednesday.
        let days = HashMap::from([(day(2021, 2, 17), 1), (day(2021, 2, 15), 1)]);
        let weeks = buckets(&days, Interval::Week);
        assert_eq!(
            weeks,
            [Bucket {
                start: "2021-02-15".into(),
                count: 2
            }]
        );
    }

    #[test]
    fn short_ranges_are_drawn_by_month() {
        let a = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap();
        assert_eq!(
            Interval::fitting(a, a + Duration::days(400)),
            Interval::Month
        );
        assert_eq!(
            Interval::fitting(a, a + Duration::days(3000)),
            Interval::Year
        );
        assert!("fortnight".parse::<Interval>().is_err());
    }
}
