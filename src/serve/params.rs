//! Query-string parameters: parsed and validated once into a [`SearchParams`],
//! which turns into a [`SearchRequest`] and back into bookmarkable URLs.

use super::Failure;
use crate::facets::Interval;
use crate::search::{parse_day_range, SearchRequest, SortOrder};

/// The most hits one request may ask for; deeper lists are paged.
pub const MAX_LIMIT: usize = 1000;
/// The deepest offset one request may ask for; tantivy holds offset + limit hits in memory.
pub const MAX_OFFSET: usize = 10_000;
/// The most facet values one request may ask for.
const MAX_FACET_LIMIT: usize = 200;

/// The parameters of a search, as the query string gave them (empty values dropped).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SearchParams {
    /// The query as typed, in the CLI's syntax.
    pub q: String,
    /// People the articles must all mention.
    pub people: Vec<String>,
    /// Inclusive first day, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Inclusive last day.
    pub to: Option<String>,
    /// Only this publisher.
    pub site: Option<String>,
    /// Only articles in these languages (ISO 639-1), as `morgue search --lang`.
    pub langs: Vec<String>,
    /// Order asked for.
    pub sort: Option<SortOrder>,
    /// Hits per page.
    pub limit: usize,
    /// Hits skipped.
    pub offset: usize,
    /// Histogram buckets asked for (API).
    pub histogram: Option<Interval>,
    /// Whether the facets are asked for (API).
    pub facets: bool,
    /// Facet values per facet.
    pub facet_limit: usize,
    /// Every copy of a story as its own hit (API), as `morgue search --all-copies`.
    pub all_copies: bool,
}

/// The decoded `key=value` pairs of a query string, in order.
pub(crate) fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.trim().to_string()))
        .collect()
}

fn number(key: &str, value: &str, max: usize) -> Result<usize, Failure> {
    match value.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        _ => Err(Failure::BadRequest(format!(
            "bad {key} {value:?}: use a whole number from 0 to {max}"
        ))),
    }
}

fn flag(key: &str, value: &str) -> Result<bool, Failure> {
    match value {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(Failure::BadRequest(format!(
            "bad {key} {value:?}: use true or false"
        ))),
    }
}

fn sort(value: &str) -> Result<Option<SortOrder>, Failure> {
    match value {
        "relevance" => Ok(Some(SortOrder::Relevance)),
        "newest" => Ok(Some(SortOrder::Newest)),
        "oldest" => Ok(Some(SortOrder::Oldest)),
        _ => Err(Failure::BadRequest(format!(
            "bad sort {value:?}: use relevance, newest or oldest"
        ))),
    }
}

impl SearchParams {
    /// Parses a query string; unknown keys are ignored, as a bookmark from a newer version may carry them.
    pub fn parse(
        pairs: &[(String, String)],
        default_limit: usize,
    ) -> Result<SearchParams, Failure> {
        let mut p = SearchParams {
            limit: default_limit,
            facet_limit: 10,
            ..Default::default()
        };
        for (key, value) in pairs {
            if value.is_empty() {
                continue;
            }
            match key.as_str() {
                "q" => p.q = value.clone(),
                "person" => p.people.push(value.clone()),
                "from" => p.from = Some(value.clone()),
                "to" => p.to = Some(value.clone()),
                "site" => p.site = Some(value.clone()),
                "lang" => p.langs.push(value.clone()),
                "sort" => p.sort = sort(value)?,
                "limit" => p.limit = number(key, value, MAX_LIMIT)?,
                "offset" => p.offset = number(key, value, MAX_OFFSET)?,
                "histogram" => {
                    p.histogram = Some(value.parse().map_err(Failure::BadRequest)?);
                }
                "facets" => p.facets = flag(key, value)?,
                "all_copies" => p.all_copies = flag(key, value)?,
                "facet_limit" => p.facet_limit = number(key, value, MAX_FACET_LIMIT)?,
                _ => {}
            }
        }
        Ok(p)
    }

    /// The search these parameters ask for; dates are checked here.
    pub fn request(&self) -> Result<SearchRequest, Failure> {
        let from = self
            .from
            .as_deref()
            .map(parse_day_range)
            .transpose()?
            .map(|r| r.0);
        let until = self
            .to
            .as_deref()
            .map(parse_day_range)
            .transpose()?
            .map(|r| r.1);
        let mut query = self.q.clone();
        let mut sort = self.sort;
        if let Some(site) = &self.site {
            // The site becomes a clause of the query, so hits and facets see the same filter.
            let name: String = site.chars().filter(|c| !matches!(c, '"' | '\\')).collect();
            if query.trim().is_empty() {
                sort = sort.or(Some(SortOrder::Newest));
            }
            query = format!("{query} site:\"{name}\"").trim().to_string();
        }
        Ok(SearchRequest {
            query,
            people: self.people.clone(),
            from,
            until,
            sort,
            limit: self.limit,
            offset: self.offset,
            all_copies: self.all_copies,
            langs: self.langs.clone(),
        })
    }

    /// The query string of these parameters, changed by `edit`: links keep the whole state.
    pub fn href(&self, path: &str, edit: impl FnOnce(&mut SearchParams)) -> String {
        let mut p = self.clone();
        edit(&mut p);
        let mut s = form_urlencoded::Serializer::new(String::new());
        if !p.q.is_empty() {
            s.append_pair("q", &p.q);
        }
        for person in &p.people {
            s.append_pair("person", person);
        }
        for (key, value) in [("from", &p.from), ("to", &p.to), ("site", &p.site)] {
            if let Some(v) = value {
                s.append_pair(key, v);
            }
        }
        for lang in &p.langs {
            s.append_pair("lang", lang);
        }
        if let Some(sort) = p.sort {
            s.append_pair("sort", sort_name(sort));
        }
        if p.limit != super::pages::PAGE_LIMIT {
            s.append_pair("limit", &p.limit.to_string());
        }
        if p.offset > 0 {
            s.append_pair("offset", &p.offset.to_string());
        }
        if p.all_copies {
            s.append_pair("all_copies", "true");
        }
        let query = s.finish();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }
}

/// The query-string name of a sort order.
pub(crate) fn sort_name(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Relevance => "relevance",
        SortOrder::Newest => "newest",
        SortOrder::Oldest => "oldest",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<SearchParams, Failure> {
        SearchParams::parse(&pairs(Some(q)), 10)
    }

    #[test]
    fn repeated_people_and_empty_values() {
        let p = parse("q=clubhouse&person=Putin&person=Elon+Musk&from=&site=").unwrap();
        assert_eq!(p.people, ["Putin", "Elon Musk"]);
        assert_eq!(p.from, None);
        assert_eq!(p.site, None);
    }

    #[test]
    fn limits_are_bounded() {
        assert!(matches!(parse("limit=1001"), Err(Failure::BadRequest(_))));
        assert!(matches!(parse("offset=-1"), Err(Failure::BadRequest(_))));
        assert!(matches!(parse("limit=ten"), Err(Failure::BadRequest(_))));
        assert_eq!(parse("limit=1000&offset=10000").unwrap().limit, 1000);
    }

    #[test]
    fn urls_round_trip() {
        let p = parse("q=a+%22b%22&person=Vladimir+Putin&from=2021&sort=oldest&offset=20").unwrap();
        let href = p.href("/", |_| {});
        let back = SearchParams::parse(&pairs(href.strip_prefix("/?")), 10).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn a_site_becomes_a_query_clause_without_its_quotes() {
        let p = parse("site=The+%22Ledger%22").unwrap();
        let req = p.request().unwrap();
        assert_eq!(req.query, "site:\"The Ledger\"");
        assert_eq!(req.sort, Some(SortOrder::Newest));
        assert!(matches!(
            parse("from=2021-02-30").unwrap().request(),
            Err(Failure::BadRequest(_))
        ));
    }
}
