//! Questions about a whole result set rather than its top hits: how many matching articles
//! were published per year, month, week or day (`search --histogram`), and who is mentioned
//! in the same articles as someone (`people --with`). Both read fast-field columns (the date
//! column, the people facet ordinals) inside one pass of the query; no stored document is
//! loaded, so they cost about what counting the hits costs.

use crate::facets::{buckets, Bucket, DayCounts, Interval};
use crate::index::MorgueIndex;
use crate::search::{PersonCount, SearchError, SearchRequest};
use serde::Serialize;
use std::collections::HashMap;
use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

/// Matching articles per bucket of publication date.
#[derive(Debug, Clone, Serialize)]
pub struct Histogram {
    /// The width of each bucket.
    pub interval: Interval,
    /// Oldest first, from the first matching bucket to the last, empty ones included.
    pub buckets: Vec<Bucket>,
    /// Matching articles without a date, left out of the buckets.
    pub undated: u64,
}

impl Histogram {
    /// The histogram of articles counted per day since 1970 (`undated` without a date): the
    /// local index and Solr's date facet both end here, so their buckets are drawn alike.
    pub fn from_days(days: &HashMap<i64, u64>, undated: u64, interval: Interval) -> Histogram {
        Histogram {
            interval,
            buckets: buckets(days, interval),
            undated,
        }
    }
}

/// Counts the articles matching `req` (all of them: its limit and offset do not matter) per
/// bucket of `interval`, from the date column.
pub fn histogram(
    idx: &MorgueIndex,
    req: &SearchRequest,
    interval: Interval,
) -> Result<Histogram, SearchError> {
    let (query, _, _) = idx.request_query(req)?;
    let (days, undated) = idx.searcher().search(&*query, &DayCounts)?;
    Ok(Histogram::from_days(&days, undated, interval))
}

/// Draws a histogram as rows of `label  count  bar` that fit in `width` columns.
pub fn draw(h: &Histogram, width: usize) -> Vec<String> {
    // Eighths of a cell, so short bars still differ from each other.
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let label = |start: &str| -> String {
        match h.interval {
            Interval::Year => start[..4.min(start.len())].to_string(),
            Interval::Month => start[..7.min(start.len())].to_string(),
            Interval::Week | Interval::Day => start.to_string(),
        }
    };
    let max = h.buckets.iter().map(|b| b.count).max().unwrap_or(0);
    let label_w = h
        .buckets
        .first()
        .map_or(4, |b| label(&b.start).chars().count());
    let count_w = max.to_string().len();
    let bar_w = width.saturating_sub(label_w + count_w + 4).max(1);
    h.buckets
        .iter()
        .map(|b| {
            let eighths = if max == 0 {
                0
            } else {
                // At least a sliver for any non-zero count, so it is not read as none.
                ((b.count as u128 * bar_w as u128 * 8).div_ceil(max as u128)) as usize
            };
            let bar = format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8]);
            format!(
                "{:<label_w$}  {:>count_w$}  {bar}",
                label(&b.start),
                b.count
            )
            .trim_end()
            .to_string()
        })
        .collect()
}

/// Why a person could not be resolved to one name in the index.
#[derive(Debug, thiserror::Error)]
pub enum PersonError {
    /// No one in the index goes by that name.
    #[error("no one named {0:?} is mentioned in the index")]
    Unknown(String),
    /// Several people match; they are listed with their article counts, most first.
    #[error("{name:?} could be several people: {}; give the full name", list(.candidates))]
    Ambiguous {
        /// What was typed.
        name: String,
        /// The people it could be.
        candidates: Vec<PersonCount>,
    },
    /// The name has no word in it.
    #[error("--with {0:?} has no name in it")]
    NoName(String),
    /// The index could not be read.
    #[error(transparent)]
    Search(#[from] SearchError),
}

fn list(people: &[PersonCount]) -> String {
    people
        .iter()
        .map(|p| {
            let s = if p.articles == 1 { "" } else { "s" };
            format!("{} ({} article{s})", p.name, p.articles)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The people mentioned together with one person.
#[derive(Debug, Clone, Serialize)]
pub struct CoMentions {
    /// The person asked about, as the index names them.
    pub person: String,
    /// Articles that mention them (within the query and dates asked for).
    pub articles: u64,
    /// The others, by the number of those articles that mention them too, most first.
    pub with: Vec<PersonCount>,
}

/// The words of a name as the person field indexes them (lower-cased, accents folded).
fn name_words(idx: &MorgueIndex, name: &str) -> Vec<String> {
    let Ok(mut analyzer) = idx.tantivy().tokenizer_for_field(idx.fields().person) else {
        return Vec::new();
    };
    let mut words = Vec::new();
    let mut stream = analyzer.token_stream(name);
    while let Some(tok) = stream.next() {
        words.push(tok.text.clone());
    }
    words
}

/// True when `needle` occurs in `hay` as a run of consecutive words.
pub(crate) fn contains_run(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The exact facet query for one canonical name.
fn person_term(idx: &MorgueIndex, name: &str) -> TermQuery {
    TermQuery::new(
        Term::from_facet(idx.fields().people_facet, &Facet::from_path([name])),
        IndexRecordOption::Basic,
    )
}

/// Resolves a name to the one person in the index it stands for, with the rule `--person`
/// matches by: the typed words must appear, in order, in the person's name (`Putin` is
/// `Vladimir Putin`). A name that is some person's full name is that person even when it is
/// part of others' names too.
pub fn resolve_person(idx: &MorgueIndex, name: &str) -> Result<String, PersonError> {
    // Spellings of one word are one word (`Zelensky` finds `Volodymyr Zelenskyy`).
    let key_words = |name: &str| -> Vec<String> {
        name_words(idx, name)
            .iter()
            .map(|w| crate::people_names::word_key(w))
            .collect()
    };
    let wanted = key_words(name);
    if wanted.is_empty() {
        return Err(PersonError::NoName(name.to_string()));
    }
    let searcher = idx.searcher();
    let mut names = std::collections::BTreeSet::new();
    for segment in searcher.segment_readers() {
        let facets = segment
            .facet_reader(crate::index::schema::names::PEOPLE_FACET)
            .map_err(SearchError::from)?;
        let mut terms = facets
            .facet_dict()
            .stream()
            .map_err(tantivy::TantivyError::from)
            .map_err(SearchError::from)?;
        while terms.advance() {
            let Ok(facet) = Facet::from_encoded(terms.key().to_vec()) else {
                continue;
            };
            if let Some(person) = facet.to_path().last() {
                if !names.contains(*person) && contains_run(&key_words(person), &wanted) {
                    names.insert(person.to_string());
                }
            }
        }
    }
    // A segment's dictionary keeps the names of deleted articles until it is merged away.
    let mut counts = Vec::new();
    for person in names {
        let articles = searcher
            .search(&person_term(idx, &person), &Count)
            .map_err(SearchError::from)? as u64;
        if articles > 0 {
            counts.push((person, articles));
        }
    }
    pick_person(name, &wanted, counts, key_words)
}

/// The one person `name` (whose words' variant keys are `wanted`) stands for among
/// `counts`, the names holding those words in a row with their article counts: a name that
/// is exactly the words typed wins, else the only candidate; `key_words` gives a name's keys.
/// The local index and Solr's person facet both resolve here.
pub fn pick_person(
    name: &str,
    wanted: &[String],
    counts: Vec<(String, u64)>,
    key_words: impl Fn(&str) -> Vec<String>,
) -> Result<String, PersonError> {
    // The spellings of one person are one candidate, under its most frequent spelling.
    let mut candidates = crate::people_names::group_counts(counts, usize::MAX);
    if let Some(exact) = candidates.iter().find(|c| key_words(&c.name) == wanted) {
        return Ok(exact.name.clone());
    }
    match candidates.len() {
        0 => Err(PersonError::Unknown(name.to_string())),
        1 => Ok(candidates.remove(0).name),
        _ => {
            candidates.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
            Err(PersonError::Ambiguous {
                name: name.to_string(),
                candidates,
            })
        }
    }
}

/// The people most often mentioned in the articles that mention `person` (a canonical name,
/// see [`resolve_person`]) and match `req`'s query and dates (its `people`, limit and offset
/// are not used), at most `limit` of them.
pub fn co_mentions(
    idx: &MorgueIndex,
    person: &str,
    req: &SearchRequest,
    limit: usize,
) -> Result<CoMentions, SearchError> {
    let (query, _, _) = idx.request_query(req)?;
    let key = crate::people_names::name_key(person);
    let spellings = crate::people_names::spellings_of(&idx.searcher(), "people_facet", &key)?;
    let any_spelling: Box<dyn Query> = Box::new(BooleanQuery::new(
        std::iter::once(person.to_string())
            .chain(spellings)
            .map(|name| {
                (
                    Occur::Should,
                    Box::new(person_term(idx, &name)) as Box<dyn Query>,
                )
            })
            .collect(),
    ));
    let query = BooleanQuery::new(vec![(Occur::Must, any_spelling), (Occur::Must, query)]);
    let (counts, articles) = idx
        .searcher()
        .search(&query, &(NameCounts::PEOPLE, Count))?;
    let with = crate::people_names::group_counts(
        counts
            .into_iter()
            .filter(|(name, _)| !crate::people_names::names_person(name, &key)),
        limit,
    );
    Ok(CoMentions {
        person: person.to_string(),
        articles: articles as u64,
        with,
    })
}

/// The most mentioned people among the articles matching `req`'s query and dates.
pub fn people_in(
    idx: &MorgueIndex,
    req: &SearchRequest,
    limit: usize,
) -> Result<Vec<PersonCount>, SearchError> {
    let (query, _, _) = idx.request_query(req)?;
    let counts = idx.searcher().search(&*query, &NameCounts::PEOPLE)?;
    Ok(crate::people_names::group_counts(counts, limit))
}

/// Articles per name of a one-level facet (people, sites) among the matching ones, counted on
/// the facet's ordinals.
///
/// tantivy's `FacetCollector` walks the facet hierarchy for every document; our facets are
/// one level deep, so an array indexed by ordinal does the same work with a load and an add,
/// and only the ordinals that were hit are turned back into names.
pub(crate) struct NameCounts(&'static str);

impl NameCounts {
    /// Articles per person.
    pub(crate) const PEOPLE: NameCounts = NameCounts(crate::index::schema::names::PEOPLE_FACET);
    /// Articles per site.
    pub(crate) const SITES: NameCounts = NameCounts(crate::index::schema::names::SITE_FACET);
}

/// Names hit in a segment above which its dictionary is read in order rather than by ordinal.
const STREAM_NAMES_FROM: usize = 64;

/// Per-segment part of [`NameCounts`].
pub(crate) struct SegmentNameCounts {
    facets: FacetReader,
    counts: Vec<u32>,
    /// The last document (plus one) counted for each ordinal, so a name given twice counts once.
    last: Vec<DocId>,
}

impl Collector for NameCounts {
    type Fruit = HashMap<String, u64>;
    type Child = SegmentNameCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentNameCounts> {
        let facets = reader.facet_reader(self.0)?;
        let n = facets.num_facets();
        Ok(SegmentNameCounts {
            facets,
            counts: vec![0; n],
            last: vec![0; n],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, parts: Vec<HashMap<String, u64>>) -> tantivy::Result<Self::Fruit> {
        let mut all = HashMap::new();
        for part in parts {
            for (name, n) in part {
                *all.entry(name).or_insert(0) += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentNameCounts {
    type Fruit = HashMap<String, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for ord in self.facets.facet_ords(doc) {
            let ord = ord as usize;
            if let (Some(last), Some(count)) = (self.last.get_mut(ord), self.counts.get_mut(ord)) {
                if *last != doc + 1 {
                    *last = doc + 1;
                    *count += 1;
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = HashMap::new();
        let mut add = |facet: &Facet, n: u32| {
            if let Some(name) = facet.to_path().last() {
                *out.entry(name.to_string()).or_insert(0) += u64::from(n);
            }
        };
        let hit = self.counts.iter().filter(|&&n| n > 0).count();
        // Each ordinal looked up on its own decompresses a block of the dictionary; past a few
        // dozen names, reading the dictionary once in order is cheaper (a person in a third of
        // the archive co-occurs with thousands of names).
        if hit > STREAM_NAMES_FROM {
            if let Ok(mut names) = self.facets.facet_dict().stream() {
                let mut ord = 0usize;
                while names.advance() {
                    if let Some(&n) = self.counts.get(ord).filter(|&&n| n > 0) {
                        if let Ok(facet) = Facet::from_encoded(names.key().to_vec()) {
                            add(&facet, n);
                        }
                    }
                    ord += 1;
                }
                return out;
            }
        }
        let mut facet = Facet::root();
        for (ord, &n) in self.counts.iter().enumerate() {
            if n > 0 && self.facets.facet_from_ord(ord as u64, &mut facet).is_ok() {
                add(&facet, n);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(interval: Interval, counts: &[(&str, u64)]) -> Histogram {
        Histogram {
            interval,
            buckets: counts
                .iter()
                .map(|(s, n)| Bucket {
                    start: s.to_string(),
                    count: *n,
                })
                .collect(),
            undated: 0,
        }
    }

    /// An index in memory whose article `i` mentions `Anna Keller`, `Common Name` and a person
    /// of its own: Anna Keller co-occurs with more names than the by-ordinal look-up handles.
    fn many_names(n: usize) -> MorgueIndex {
        use crate::index::schema::{build_schema, register_tokenizers, to_doc, Fields};
        let index = tantivy::Index::create_in_ram(build_schema());
        register_tokenizers(&index);
        let fields = Fields::of(&index.schema()).unwrap();
        let mut writer: tantivy::IndexWriter = index.writer(50_000_000).unwrap();
        for i in 0..n {
            let a = crate::article::Article {
                id: format!("a{i}"),
                headline: format!("Story {i}"),
                body: "A story.".into(),
                people: vec![
                    "Anna Keller".into(),
                    "Common Name".into(),
                    format!("Person Number{i:03}"),
                ],
                ..Default::default()
            };
            writer.add_document(to_doc(&fields, &a)).unwrap();
        }
        writer.commit().unwrap();
        MorgueIndex::from_tantivy(index, std::path::PathBuf::from("/nonexistent"))
    }

    #[test]
    fn co_mentions_count_every_name_whichever_way_the_names_are_read() {
        for n in [10, 3 * STREAM_NAMES_FROM] {
            let idx = many_names(n);
            let found = co_mentions(&idx, "Anna Keller", &SearchRequest::default(), 1000).unwrap();
            assert_eq!(found.articles, n as u64);
            assert_eq!(found.with.len(), n + 1, "everyone but Anna Keller herself");
            assert_eq!(found.with[0].name, "Common Name");
            assert_eq!(found.with[0].articles, n as u64);
            assert!(found.with[1..].iter().all(|p| p.articles == 1));
            assert_eq!(found.with[1].name, "Person Number000");
            assert_eq!(found.with[n].name, format!("Person Number{:03}", n - 1));
        }
    }

    #[test]
    fn bars_fit_the_width_and_scale_to_the_largest_count() {
        let h = hist(
            Interval::Year,
            &[("2019-01-01", 120), ("2020-01-01", 0), ("2021-01-01", 1)],
        );
        let rows = draw(&h, 100);
        assert_eq!(rows.len(), 3);
        for row in &rows {
            assert!(row.chars().count() <= 100, "{row}");
        }
        assert!(rows[0].starts_with("2019  120  █"));
        assert_eq!(rows[0].chars().count(), 100);
        assert_eq!(rows[1], "2020    0");
        // One article among 120 still shows.
        assert!(rows[2].starts_with("2021    1  ") && rows[2].chars().count() > 11);
    }

    #[test]
    fn labels_follow_the_interval() {
        let rows = draw(&hist(Interval::Month, &[("2021-02-01", 3)]), 100);
        assert!(rows[0].starts_with("2021-02  3  "));
        let rows = draw(&hist(Interval::Week, &[("2021-02-15", 3)]), 100);
        assert!(rows[0].starts_with("2021-02-15  3  "));
    }

    #[test]
    fn runs_of_words_match_in_order_only() {
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert!(contains_run(&w("vladimir putin"), &w("putin")));
        assert!(contains_run(&w("vladimir putin"), &w("vladimir putin")));
        assert!(!contains_run(&w("vladimir putin"), &w("putin vladimir")));
        assert!(!contains_run(&w("vladimir putin"), &w("put")));
        assert!(!contains_run(&w("vladimir putin"), &[]));
    }
}
