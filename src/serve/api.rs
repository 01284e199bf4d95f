//! The JSON API: the CLI's shapes (`search`, `show`, `people` and `stats`
//! with `--format json`) over HTTP, and `{"error": "..."}` with a 4xx status
//! for anything wrong in the request.

use super::params::{pairs, SearchParams};
use super::{blocking, harden, Failure, Shared, API_CSP};
use crate::facets::{self, Bucket};
use crate::search::{parse_day_range, PersonCount, SearchResults};
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// People listed by `/api/people` unless `limit` says otherwise, as `morgue people` does.
const PEOPLE_LIMIT: usize = 20;

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message() });
        harden((self.status(), Json(body)).into_response(), API_CSP)
    }
}

fn json<T: Serialize>(value: &T) -> Response {
    harden(Json(value).into_response(), API_CSP)
}

/// `search --format json`, with the histogram and the facets added when asked for.
#[derive(Serialize)]
struct SearchAnswer {
    #[serde(flatten)]
    results: SearchResults,
    /// Set when the query had to be read leniently (the CLI prints it on stderr).
    #[serde(skip_serializing_if = "Option::is_none")]
    warning: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    histogram: Option<Vec<Bucket>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    facets: Option<FacetLists>,
}

/// The people and sites of the whole result set, each in the shape of `morgue people`.
#[derive(Serialize)]
struct FacetLists {
    people: Vec<PersonCount>,
    sites: Vec<PersonCount>,
    languages: Vec<crate::search::LangCount>,
}

/// `GET /api/search?q=&person=&from=&to=&site=&sort=&limit=&offset=&histogram=&facets=`.
pub(crate) async fn search(State(idx): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let answer = blocking(move || {
        let params = SearchParams::parse(&pairs(raw.as_deref()), 10)?;
        let req = params.request()?;
        let results = idx.search(&req)?;
        let warning = results.warning.clone();
        let (histogram, facets) = if params.histogram.is_some() || params.facets {
            let f = facets::facets(&idx, &req, params.histogram, params.facet_limit)?;
            (
                params.histogram.map(|_| f.histogram),
                params.facets.then_some(FacetLists {
                    people: f.people,
                    sites: f.sites,
                    languages: f.languages,
                }),
            )
        } else {
            (None, None)
        };
        Ok(SearchAnswer {
            results,
            warning,
            histogram,
            facets,
        })
    })
    .await;
    match answer {
        Ok(a) => json(&a),
        Err(f) => f.into_response(),
    }
}

/// `GET /api/article/ID`: `show --format json`.
pub(crate) async fn article(State(idx): State<Shared>, Path(id): Path<String>) -> Response {
    match blocking(move || super::pages::find(&idx, &id)).await {
        Ok(a) => json(&a),
        Err(f) => f.into_response(),
    }
}

/// `GET /api/people?from=&to=&limit=`: `people --format json`.
pub(crate) async fn people(State(idx): State<Shared>, RawQuery(raw): RawQuery) -> Response {
    let list = blocking(move || {
        let (from, until, limit) = people_params(&pairs(raw.as_deref()))?;
        Ok(idx.people(from, until, limit)?)
    })
    .await;
    match list {
        Ok(l) => json(&l),
        Err(f) => f.into_response(),
    }
}

/// The date range and limit of a people list.
pub(crate) type PeopleParams = (
    Option<chrono::DateTime<chrono::Utc>>,
    Option<chrono::DateTime<chrono::Utc>>,
    usize,
);

/// Reads `from`, `to` and `limit` as `morgue people` does.
pub(crate) fn people_params(pairs: &[(String, String)]) -> Result<PeopleParams, Failure> {
    let mut from = None;
    let mut until = None;
    let mut limit = PEOPLE_LIMIT;
    for (key, value) in pairs {
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "from" => from = Some(parse_day_range(value)?.0),
            "to" => until = Some(parse_day_range(value)?.1),
            "limit" => {
                limit = match value.parse::<usize>() {
                    Ok(n) if n <= super::MAX_LIMIT => n,
                    _ => {
                        return Err(Failure::BadRequest(format!(
                            "bad limit {value:?}: use a whole number from 0 to {}",
                            super::MAX_LIMIT
                        )))
                    }
                }
            }
            _ => {}
        }
    }
    Ok((from, until, limit))
}

/// `GET /api/stats`: `stats --format json`.
pub(crate) async fn stats(State(idx): State<Shared>) -> Response {
    match blocking(move || Ok(idx.stats()?)).await {
        Ok(s) => json(&s),
        Err(f) => f.into_response(),
    }
}

/// Any other `/api/...` path.
pub(crate) async fn not_found() -> Response {
    Failure::NotFound(
        "no such endpoint: use /api/search, /api/article/ID, /api/people or /api/stats".into(),
    )
    .into_response()
}
