//! Folding the copies of one story into one hit at search time.
//!
//! Hits are ranked as usual; the first hit of each copy group (by the
//! `copy_group` fast field) stands for the group, and the ranking is fetched in
//! growing windows until `offset + limit` groups are found, so `--limit` counts
//! groups. The other members of a shown group are listed from the group's
//! term, whatever the query: a copy that lost the paragraph that matched is
//! still a place where the story ran.

use crate::index::schema::{from_doc, Fields};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, DocId, Order, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

/// At most this many copies are listed with a hit (the text line still gives the full count).
pub const MAX_COPIES: usize = 100;
/// The deepest window of ranked hits read to find enough groups.
const MAX_WINDOW: usize = 1_010_000;

/// Another place a story ran: enough to tell it apart and to open it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CopyRef {
    /// Article id.
    pub id: String,
    /// Publisher.
    pub site: Option<String>,
    /// Date, RFC 3339 with the publisher's offset.
    pub date: Option<String>,
    /// Page path.
    pub path: String,
}

/// How many articles a query matches, and how many copy groups they fall into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Matching articles, copies included.
    pub articles: usize,
    /// Distinct groups among them (an article without a group counts as its own).
    pub groups: usize,
}

/// Counts the matches of `query` and their distinct groups, from the fast field.
pub fn totals(searcher: &tantivy::Searcher, query: &dyn Query) -> tantivy::Result<Totals> {
    searcher.search(query, &GroupCount)
}

/// The ranked hits with only the first of each group kept, from `offset` on, at most `limit`.
///
/// `fetch(n)` returns the best `n` hits in order.
pub fn first_of_each_group(
    searcher: &tantivy::Searcher,
    offset: usize,
    limit: usize,
    mut fetch: impl FnMut(usize) -> tantivy::Result<Vec<(Score, DocAddress)>>,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let want = offset.saturating_add(limit);
    let mut window = (want * 2).clamp(16, MAX_WINDOW);
    let mut columns = Columns::default();
    loop {
        let docs = fetch(window)?;
        let exhausted = docs.len() < window || window >= MAX_WINDOW;
        let mut seen = HashSet::new();
        let mut kept = Vec::with_capacity(want.min(docs.len()));
        for (score, addr) in docs {
            let fresh = match columns.group(searcher, addr)? {
                Some(g) => seen.insert(g),
                None => true,
            };
            if fresh {
                kept.push((score, addr));
                if kept.len() == want {
                    break;
                }
            }
        }
        if kept.len() == want || exhausted {
            return Ok(kept.into_iter().skip(offset).collect());
        }
        window = window.saturating_mul(4).min(MAX_WINDOW);
    }
}

/// The group of a document, from the fast field.
pub fn group_of(searcher: &tantivy::Searcher, addr: DocAddress) -> tantivy::Result<Option<u64>> {
    Columns::default().group(searcher, addr)
}

/// The members of `group` other than `except`, oldest first (at most [`MAX_COPIES`]), and
/// how many there are in all.
pub fn copies_of(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    group: u64,
    except: DocAddress,
) -> tantivy::Result<(Vec<CopyRef>, usize)> {
    let query = TermQuery::new(
        Term::from_field_u64(fields.copy_group, group),
        IndexRecordOption::Basic,
    );
    let top = TopDocs::with_limit(MAX_COPIES + 1)
        .order_by_fast_field::<tantivy::DateTime>(crate::index::schema::names::DATE, Order::Asc);
    let (docs, members) = searcher.search(&query, &(top, Count))?;
    if members <= 1 {
        return Ok((Vec::new(), 0));
    }
    let mut copies = Vec::new();
    for (_, addr) in docs {
        if addr == except || copies.len() == MAX_COPIES {
            continue;
        }
        let doc: TantivyDocument = searcher.doc(addr)?;
        let a = from_doc(fields, &doc);
        copies.push(CopyRef {
            id: a.id,
            site: a.site,
            date: a.date.as_ref().map(crate::article::format_date),
            path: a.path,
        });
    }
    Ok((copies, members - 1))
}

/// The `copy_group` column of each segment, opened once.
#[derive(Default)]
struct Columns(HashMap<SegmentOrdinal, Option<Column<u64>>>);

impl Columns {
    fn group(
        &mut self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> tantivy::Result<Option<u64>> {
        let column = match self.0.get(&addr.segment_ord) {
            Some(c) => c,
            None => {
                let reader = searcher.segment_reader(addr.segment_ord);
                let c = reader
                    .fast_fields()
                    .column_opt::<u64>(crate::index::schema::names::COPY_GROUP)?;
                self.0.entry(addr.segment_ord).or_insert(c)
            }
        };
        Ok(column.as_ref().and_then(|c| c.first(addr.doc_id)))
    }
}

/// Collector of [`Totals`].
struct GroupCount;

/// Per-segment part of [`GroupCount`].
struct SegmentGroupCount {
    groups: Option<Column<u64>>,
    seen: HashSet<u64>,
    articles: usize,
    ungrouped: usize,
}

impl Collector for GroupCount {
    type Fruit = Totals;
    type Child = SegmentGroupCount;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentGroupCount> {
        Ok(SegmentGroupCount {
            groups: reader
                .fast_fields()
                .column_opt::<u64>(crate::index::schema::names::COPY_GROUP)?,
            seen: HashSet::new(),
            articles: 0,
            ungrouped: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, parts: Vec<(HashSet<u64>, usize, usize)>) -> tantivy::Result<Totals> {
        let mut all: HashSet<u64> = HashSet::new();
        let (mut articles, mut ungrouped) = (0, 0);
        for (seen, n, u) in parts {
            articles += n;
            ungrouped += u;
            if all.is_empty() {
                all = seen;
            } else {
                all.extend(seen);
            }
        }
        Ok(Totals {
            articles,
            groups: all.len() + ungrouped,
        })
    }
}

impl SegmentCollector for SegmentGroupCount {
    type Fruit = (HashSet<u64>, usize, usize);

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.articles += 1;
        match self.groups.as_ref().and_then(|c| c.first(doc)) {
            Some(g) => {
                self.seen.insert(g);
            }
            None => self.ungrouped += 1,
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.seen, self.articles, self.ungrouped)
    }
}
