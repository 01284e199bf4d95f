//! Running a search: ranking or date order, one hit per copy group, and each hit's snippet
//! (the best passage with the query's words highlighted, else the article's first lines).

use super::{
    day, last_day, Hit, RequestEcho, SearchError, SearchRequest, SearchResults, SortOrder,
    MAX_LIMIT, MAX_OFFSET, SNIPPET_CHARS,
};
use crate::article::lead_of;
use crate::copies::collapse;
use crate::index::schema::{from_doc, names};
use crate::index::MorgueIndex;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Score, TantivyDocument};

impl MorgueIndex {
    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults, SearchError> {
        let started = std::time::Instant::now();
        let searcher = self.searcher();
        let (query, has_text, warning) = self.request_query(req)?;
        let sort = req.sort.unwrap_or(if has_text {
            SortOrder::Relevance
        } else {
            SortOrder::Newest
        });
        let limit = req.limit.min(MAX_LIMIT);
        let offset = req.offset.min(MAX_OFFSET);
        let ranked =
            |n: usize, skip: usize| -> tantivy::Result<(Vec<(Score, DocAddress)>, usize)> {
                let top = TopDocs::with_limit(n.max(1)).and_offset(skip);
                match sort {
                    SortOrder::Relevance => searcher.search(&query, &(top.order_by_score(), Count)),
                    SortOrder::Newest | SortOrder::Oldest => {
                        let order = if sort == SortOrder::Newest {
                            Order::Desc
                        } else {
                            Order::Asc
                        };
                        let (docs, n) = searcher.search(
                            &query,
                            &(
                                top.order_by_fast_field::<tantivy::DateTime>(names::DATE, order),
                                Count,
                            ),
                        )?;
                        Ok((docs.into_iter().map(|(_, a)| (0.0, a)).collect(), n))
                    }
                }
            };
        let (docs, total_hits, total_articles): (Vec<(Score, DocAddress)>, usize, usize) =
            if req.all_copies {
                let (docs, n) = match limit {
                    // `--limit 0` counts without fetching.
                    0 => (Vec::new(), searcher.search(&query, &Count)?),
                    _ => ranked(limit, offset)?,
                };
                (docs, n, n)
            } else {
                let totals = collapse::totals(&searcher, &*query)?;
                let docs = match limit {
                    0 => Vec::new(),
                    _ => collapse::first_of_each_group(&searcher, offset, limit, |n| {
                        ranked(n, 0).map(|(d, _)| d)
                    })?,
                };
                (docs, totals.groups, totals.articles)
            };
        let mut snippets = SnippetGenerator::create(&searcher, &*query, self.fields().body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        // The stored text of an article in another language is tokenized by its own chain,
        // so its stemmed forms are found and highlighted.
        let snippet_terms = snippet_terms(&searcher, &*query, self.fields().body)?;
        let mut lang_snippets: std::collections::HashMap<String, SnippetGenerator> =
            Default::default();
        // Quoted words and prefixes matched the unstemmed field; its terms highlight the same text.
        let mut exact_snippets =
            SnippetGenerator::create(&searcher, &*query, self.fields().body_exact)?;
        exact_snippets.set_max_num_chars(SNIPPET_CHARS);
        let mut hits = Vec::with_capacity(docs.len());
        for (i, (score, addr)) in docs.into_iter().enumerate() {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let article = from_doc(self.fields(), &doc);
            let mut snippet = match article.lang.as_deref() {
                None | Some("en") => snippets.snippet(&article.body),
                Some(code) => lang_snippets
                    .entry(code.to_string())
                    .or_insert_with(|| {
                        SnippetGenerator::new(
                            snippet_terms.clone(),
                            crate::index::analyzer::analyzer_for(Some(code)),
                            self.fields().body,
                            SNIPPET_CHARS,
                        )
                    })
                    .snippet(&article.body),
            };
            if snippet.highlighted().is_empty() {
                snippet = exact_snippets.snippet(&article.body);
            }
            let (text, highlights, html) = if snippet.is_empty() || snippet.highlighted().is_empty()
            {
                let lead = lead_of(&article.body, SNIPPET_CHARS);
                let html = escape_html(&lead);
                (lead, Vec::new(), html)
            } else {
                // Ellipses say the passage continues on either side.
                let range = snippet.fragment_range();
                let (pre, post) = (
                    if range.start > 0 { "…" } else { "" },
                    if range.end < article.body.len() {
                        "…"
                    } else {
                        ""
                    },
                );
                let shifted = snippet
                    .highlighted()
                    .iter()
                    .map(|r| r.start + pre.len()..r.end + pre.len())
                    .collect();
                (
                    format!("{pre}{}{post}", snippet.fragment()),
                    shifted,
                    format!("{pre}{}{post}", snippet.to_html()),
                )
            };
            let (text, highlights) = flatten_whitespace(&text, &highlights);
            let html = html.split_whitespace().collect::<Vec<_>>().join(" ");
            let (copies, other_places) = match collapse::group_of(&searcher, addr)? {
                Some(group) => collapse::copies_of(&searcher, self.fields(), group, addr)?,
                None => (Vec::new(), 0),
            };
            hits.push(Hit {
                rank: req.offset + i + 1,
                score,
                id: article.id,
                headline: article.headline,
                date: article.date.as_ref().map(crate::article::format_date),
                site: article.site,
                url: article.url,
                path: article.path,
                people: article.people,
                authors: article.authors,
                snippet: text,
                snippet_html: html,
                highlights,
                extraction: article.extraction,
                lang: article.lang,
                captured: article.captured.as_ref().map(crate::article::format_date),
                copies,
                other_places,
            });
        }
        Ok(SearchResults {
            query: req.query.clone(),
            request: RequestEcho {
                query: req.query.clone(),
                person: req.people.clone(),
                from: req.from.map(day),
                to: req.until.map(last_day),
                sort,
                limit,
                offset: req.offset,
                all_copies: req.all_copies,
                lang: req.langs.clone(),
            },
            total_hits,
            total_articles,
            took_ms: (started.elapsed().as_secs_f64() * 1000.0 * 100.0).round() / 100.0,
            hits,
            warning,
        })
    }
}

/// The terms of a query in a field with their snippet weights, as tantivy's
/// `SnippetGenerator::create` computes them, to build generators with other tokenizers.
fn snippet_terms(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    field: Field,
) -> tantivy::Result<std::collections::BTreeMap<String, Score>> {
    let mut terms = std::collections::BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == field {
            terms.insert(term.clone());
        }
    });
    let mut out = std::collections::BTreeMap::new();
    for term in terms {
        if let Some(text) = term.value().as_str() {
            let doc_freq = searcher.doc_freq(&term)?;
            if doc_freq > 0 {
                out.insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
    }
    Ok(out)
}

/// Collapses runs of whitespace (paragraph breaks) to one space, moving highlight ranges along.
pub fn flatten_whitespace(
    text: &str,
    ranges: &[std::ops::Range<usize>],
) -> (String, Vec<std::ops::Range<usize>>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0usize; text.len() + 1];
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        map[i] = out.len();
        if c.is_whitespace() {
            if !prev_space {
                out.push(' ');
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    map[text.len()] = out.len();
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    let ranges = ranges
        .iter()
        .map(|r| map[r.start].min(trimmed)..map[r.end].min(trimmed))
        .collect();
    (out, ranges)
}

/// Escapes text for HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_flattening_keeps_highlights_on_their_words() {
        let (t, r) = flatten_whitespace("a\n\nbig  cat", &[3..6, 8..11]);
        assert_eq!(t, "a big cat");
        assert_eq!(&t[r[0].clone()], "big");
        assert_eq!(&t[r[1].clone()], "cat");
    }
}
