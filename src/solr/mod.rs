//! SolrCloud as a distributed engine: `morgue push --solr` sends articles to a collection
//! made from the configset in `solr/morgue/conf/`, and `morgue search --solr` (with `people`
//! and `stats`) asks it, giving the same output types as the local index.
//!
//! A small blocking HTTP client over `ureq`: every request goes to one of the given node
//! URLs (SolrCloud routes it to the right shards), and 503s and connection failures are
//! retried with backoff, trying the next node, before they become an error.

pub mod doc;
pub mod push;
pub mod query;

use serde_json::Value;
use std::time::Duration;

/// The collection name used when none is given.
pub const DEFAULT_COLLECTION: &str = "morgue";
/// Waits before each retry of a request that failed for a reason that may pass (503, no
/// connection): about 8 s in all, long enough for a leader election, short enough to report.
const BACKOFF: [Duration; 5] = [
    Duration::from_millis(250),
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
    Duration::from_secs(4),
];
/// The largest response read (a page of 10,000 hits with their bodies fits).
const MAX_RESPONSE_BYTES: u64 = 512 << 20;

/// Why a request to Solr failed.
#[derive(Debug, thiserror::Error)]
pub enum SolrError {
    /// The URL given with `--solr` is not one.
    #[error("bad Solr URL {0:?}: give a node's base URL such as http://localhost:8983/solr")]
    BadUrl(String),
    /// No node answered, even after retries.
    #[error("cannot reach Solr at {url}: {reason}")]
    Unreachable {
        /// The node last tried.
        url: String,
        /// What the connection said.
        reason: String,
    },
    /// Solr answered with an error status (after retries, for 503).
    #[error("Solr refused the request ({status}): {message}")]
    Refused {
        /// The HTTP status.
        status: u16,
        /// Solr's own error message, or the start of its answer.
        message: String,
    },
    /// The collection does not exist on the cluster.
    #[error(
        "no collection {0:?} on the Solr cluster (create it from solr/morgue/conf, see the README)"
    )]
    NoCollection(String),
    /// An answer that is not Solr's JSON.
    #[error("unexpected answer from Solr: {0}")]
    BadAnswer(String),
}

/// A collection on a SolrCloud cluster, reached through one or more of its nodes.
pub struct Solr {
    nodes: Vec<String>,
    collection: String,
    agent: ureq::Agent,
}

impl Solr {
    /// A client for `collection`; `urls` is one node's base URL or several, comma-separated.
    pub fn new(urls: &str, collection: &str) -> Result<Solr, SolrError> {
        let nodes: Vec<String> = urls
            .split(',')
            .map(|u| u.trim().trim_end_matches('/').to_string())
            .filter(|u| !u.is_empty())
            .collect();
        if nodes.is_empty()
            || nodes
                .iter()
                .any(|u| !(u.starts_with("http://") || u.starts_with("https://")))
        {
            return Err(SolrError::BadUrl(urls.to_string()));
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(5)))
            .timeout_global(Some(Duration::from_secs(300)))
            .build()
            .into();
        Ok(Solr {
            nodes,
            collection: collection.to_string(),
            agent,
        })
    }

    /// The first node's URL and the collection, for messages (`http://host/solr morgue`).
    pub fn describe(&self) -> String {
        format!("{} collection {}", self.nodes[0], self.collection)
    }

    /// GET `/COLLECTION/HANDLER` with `params`; Solr's JSON answer.
    pub fn get(&self, handler: &str, params: &[(&str, String)]) -> Result<Value, SolrError> {
        self.request(handler, params, None)
    }

    /// The collection's size on disk: one replica of each shard, as Solr's core admin
    /// reports it (`index.sizeInBytes`). `None` when the cluster does not say.
    pub fn index_bytes(&self) -> Option<u64> {
        let get = |url: &str, params: &[(&str, &str)]| -> Option<Value> {
            let mut r = self
                .agent
                .get(url)
                .query_pairs(params.iter().copied().chain([("wt", "json")]))
                .call()
                .ok()?;
            let text = r
                .body_mut()
                .with_config()
                .limit(MAX_RESPONSE_BYTES)
                .read_to_string()
                .ok()?;
            serde_json::from_str(&text).ok()
        };
        let status = self.nodes.iter().find_map(|n| {
            get(
                &format!("{n}/admin/collections"),
                &[
                    ("action", "CLUSTERSTATUS"),
                    ("collection", &self.collection),
                ],
            )
        })?;
        let shards = status["cluster"]["collections"][&self.collection]["shards"].as_object()?;
        let mut total = 0;
        for shard in shards.values() {
            // A shard's replicas hold the same documents: count one, the leader first.
            let mut replicas: Vec<&Value> = shard["replicas"]
                .as_object()?
                .values()
                .filter(|r| r["state"] == "active")
                .collect();
            replicas.sort_by_key(|r| r["leader"] != "true");
            total += replicas.iter().find_map(|r| {
                let core = r["core"].as_str()?;
                let answer = get(
                    &format!("{}/admin/cores", r["base_url"].as_str()?),
                    &[("action", "STATUS"), ("core", core)],
                )?;
                answer["status"][core]["index"]["sizeInBytes"].as_u64()
            })?;
        }
        Some(total)
    }

    /// POST a JSON body to `/COLLECTION/HANDLER`; Solr's JSON answer.
    pub fn post(
        &self,
        handler: &str,
        params: &[(&str, String)],
        body: &str,
    ) -> Result<Value, SolrError> {
        self.request(handler, params, Some(body))
    }

    /// Sends a request, retrying what may pass (503, 502, 504, connection failures) with
    /// backoff and moving to the next node each time.
    fn request(
        &self,
        handler: &str,
        params: &[(&str, String)],
        body: Option<&str>,
    ) -> Result<Value, SolrError> {
        let mut last = None;
        for attempt in 0..=BACKOFF.len() {
            if attempt > 0 {
                std::thread::sleep(BACKOFF[attempt - 1]);
            }
            let node = &self.nodes[attempt % self.nodes.len()];
            let url = format!("{node}/{}/{handler}", self.collection);
            let pairs = params
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .chain([("wt", "json")]);
            let sent = match body {
                Some(b) => self
                    .agent
                    .post(&url)
                    .query_pairs(pairs)
                    .header("Content-Type", "application/json")
                    .send(b),
                None => self.agent.get(&url).query_pairs(pairs).call(),
            };
            let mut resp = match sent {
                Ok(r) => r,
                Err(e) if transient(&e) => {
                    last = Some(SolrError::Unreachable {
                        url: node.clone(),
                        reason: e.to_string(),
                    });
                    continue;
                }
                Err(e) => {
                    return Err(SolrError::Unreachable {
                        url: node.clone(),
                        reason: e.to_string(),
                    })
                }
            };
            let status = resp.status().as_u16();
            let text = resp
                .body_mut()
                .with_config()
                .limit(MAX_RESPONSE_BYTES)
                .read_to_string()
                .map_err(|e| SolrError::Unreachable {
                    url: node.clone(),
                    reason: format!("answer cut short: {e}"),
                })?;
            let json: Option<Value> = serde_json::from_str(&text).ok();
            if status == 200 {
                return json.ok_or_else(|| SolrError::BadAnswer(start_of(&text)));
            }
            let message = json
                .as_ref()
                .and_then(|j| j["error"]["msg"].as_str())
                .map(str::to_string)
                .unwrap_or_else(|| start_of(&text));
            if status == 404 && (json.is_none() || message.contains(&self.collection)) {
                return Err(SolrError::NoCollection(self.collection.clone()));
            }
            let err = SolrError::Refused { status, message };
            if matches!(status, 502..=504) {
                last = Some(err);
                continue;
            }
            return Err(err);
        }
        Err(last.expect("at least one attempt"))
    }
}

/// True for failures worth another try: no connection (a node restarting), a timeout.
fn transient(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_) | ureq::Error::ConnectionFailed | ureq::Error::Timeout(_)
    )
}

/// The first line or so of an answer, for an error message.
fn start_of(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    flat.chars().take(200).collect()
}

/// Escapes a value for Solr's standard query parser inside double quotes.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Escapes every character Solr's standard query parser treats specially (for bare terms).
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if "+-&|!(){}[]^\"~*?:\\/ ".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked_and_trimmed() {
        assert!(Solr::new("localhost:8983", "c").is_err());
        assert!(Solr::new("", "c").is_err());
        let s = Solr::new("http://a:1/solr/, http://b:2/solr", "c").unwrap();
        assert_eq!(s.nodes, ["http://a:1/solr", "http://b:2/solr"]);
    }

    #[test]
    fn quoting_and_escaping() {
        assert_eq!(quote(r#"a "b" \c"#), r#""a \"b\" \\c""#);
        assert_eq!(escape("/srv/a b:c"), r"\/srv\/a\ b\:c");
    }
}
