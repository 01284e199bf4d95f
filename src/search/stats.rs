//! What the index holds: article counts, the date range, the most mentioned people, and
//! articles per language.

use super::{day, last_day, SearchError};
use crate::index::schema::{from_tantivy_date, names};
use crate::index::MorgueIndex;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Order, Term};

/// A person and the number of articles that mention them.
#[derive(Debug, Clone, Serialize)]
pub struct PersonCount {
    /// Canonical name.
    pub name: String,
    /// Articles mentioning them.
    pub articles: u64,
}

/// Index statistics.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Articles in the index.
    pub articles: u64,
    /// Oldest publication date.
    pub first_date: Option<String>,
    /// Newest publication date.
    pub last_date: Option<String>,
    /// Index size on disk, in bytes.
    pub index_bytes: u64,
    /// Where the index is.
    pub index_path: String,
    /// Most mentioned people.
    pub top_people: Vec<PersonCount>,
    /// Articles per language, most first (articles of no known language are not counted).
    pub languages: Vec<LangCount>,
}

/// Counts per language, most first then by code.
pub(crate) fn most_languages_first(
    counts: std::collections::HashMap<String, u64>,
) -> Vec<LangCount> {
    let mut all: Vec<LangCount> = counts
        .into_iter()
        .map(|(lang, articles)| LangCount { lang, articles })
        .collect();
    sort_languages(&mut all);
    all
}

fn sort_languages(counts: &mut [LangCount]) {
    counts.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.lang.cmp(&b.lang)));
}

/// A language and the number of articles written in it.
#[derive(Debug, Clone, Serialize)]
pub struct LangCount {
    /// ISO 639-1 code.
    pub lang: String,
    /// Live articles in it.
    pub articles: u64,
}

impl MorgueIndex {
    /// The most mentioned people among articles dated within `[from, until)`, with article counts.
    pub fn people(
        &self,
        from: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
        limit: usize,
    ) -> Result<Vec<PersonCount>, SearchError> {
        if let (Some(from), Some(until)) = (from, until) {
            if from >= until {
                return Err(SearchError::EmptySpan(day(from), last_day(until)));
            }
        }
        let searcher = self.searcher();
        if from.is_none() && until.is_none() {
            return Ok(crate::facets::people_everywhere(
                &searcher,
                self.fields().people_facet,
                limit,
            )?);
        }
        let query = self.date_range(from, until);
        let counts = searcher.search(&query, &crate::analysis::NameCounts::PEOPLE)?;
        Ok(crate::people_names::group_counts(counts, limit))
    }

    /// Article count, date range, size and top people.
    pub fn stats(&self) -> Result<Stats, SearchError> {
        let searcher = self.searcher();
        let articles = searcher.num_docs();
        let edge = |order: Order| -> Result<Option<String>, SearchError> {
            let top =
                TopDocs::with_limit(1).order_by_fast_field::<tantivy::DateTime>(names::DATE, order);
            let found = searcher.search(&AllQuery, &top)?;
            Ok(found
                .into_iter()
                .find_map(|(d, _)| d)
                .and_then(from_tantivy_date)
                .map(|d| crate::article::format_date(&d.fixed_offset())))
        };
        Ok(Stats {
            articles,
            first_date: edge(Order::Asc)?,
            last_date: edge(Order::Desc)?,
            index_bytes: crate::index::disk_size(self.path()),
            index_path: self.path().display().to_string(),
            top_people: self.people(None, None, 10)?,
            languages: self.language_counts(&AllQuery)?,
        })
    }

    /// Live articles per language among those matching `query`, most first: one count per
    /// language of the index, which has a few.
    pub fn language_counts(&self, query: &dyn Query) -> Result<Vec<LangCount>, SearchError> {
        let searcher = self.searcher();
        let mut counts = Vec::new();
        for lang in self.languages()? {
            let term = Term::from_field_text(self.fields().lang, &lang);
            let both = BooleanQuery::new(vec![
                (Occur::Must, query.box_clone()),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
                ),
            ]);
            let n = searcher.search(&both, &Count)?;
            if n > 0 {
                counts.push(LangCount {
                    lang,
                    articles: n as u64,
                });
            }
        }
        sort_languages(&mut counts);
        Ok(counts)
    }
}
