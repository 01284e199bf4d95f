//! `morgue serve`: the archive as a local web site and a JSON API.
//!
//! Server-rendered pages (maud templates, which escape everything they are
//! given) for people who never open a terminal, and `/api/*` endpoints that
//! answer with the CLI's own JSON shapes for scripts. The server only reads
//! the index; it reloads it every second, so a `morgue index` run beside it
//! shows up without a restart. Searches run on tokio's blocking pool, since
//! tantivy is synchronous and CPU-bound.

mod api;
mod pages;
mod params;

use crate::index::MorgueIndex;
use crate::search::SearchError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use params::{MAX_LIMIT, MAX_OFFSET};

/// The default address: loopback only, so the archive is not on the network by accident.
pub const DEFAULT_ADDR: &str = "127.0.0.1:7700";

/// How often the server looks for commits made by a `morgue index` run beside it.
const RELOAD_EVERY: Duration = Duration::from_secs(1);

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address cannot be listened on.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The runtime or the connection loop failed.
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// The shared, read-only state of every request.
type Shared = Arc<MorgueIndex>;

/// What a request could not do, as an HTTP status and a one-line message.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A bad parameter, query or date (400).
    BadRequest(String),
    /// No such article (404).
    NotFound(String),
    /// Our fault, or the disk's (500).
    Internal(String),
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message(&self) -> &str {
        match self {
            Failure::BadRequest(m) | Failure::NotFound(m) | Failure::Internal(m) => m,
        }
    }
}

impl From<SearchError> for Failure {
    fn from(e: SearchError) -> Failure {
        match e {
            SearchError::BadQuery(_)
            | SearchError::BadDate(_)
            | SearchError::NoSuchDay(_)
            | SearchError::EmptySpan(..)
            | SearchError::NoName(_)
            | SearchError::BadLang(_)
            | SearchError::Ambiguous { .. } => Failure::BadRequest(e.to_string()),
            SearchError::Tantivy(_) => Failure::Internal(e.to_string()),
        }
    }
}

/// Runs `work` on the blocking pool: searches must not stall the threads that accept connections.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Failure> + Send + 'static,
) -> Result<T, Failure> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Failure::Internal(format!("request failed: {e}")))?
}

/// Adds the headers every response of ours carries.
fn harden(mut response: Response, csp: &'static str) -> Response {
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(csp),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// Our own pages: inline CSS, no script, forms and links to ourselves only.
const PAGE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
                        form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/// API answers are data, never rendered as a page.
const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// The routes of the site and the API, for the server and for tests that call it directly.
pub fn router(index: Arc<MorgueIndex>) -> Router {
    Router::new()
        .route("/", get(pages::search))
        .route("/people", get(pages::people))
        .route("/article/{id}", get(pages::article))
        .route("/article/{id}/page", get(pages::saved_page))
        .route("/api/search", get(api::search))
        .route("/api/article/{id}", get(api::article))
        .route("/api/people", get(api::people))
        .route("/api/stats", get(api::stats))
        .route("/api", get(api::not_found))
        .route("/api/{*rest}", get(api::not_found))
        .fallback(pages::not_found)
        .with_state(index)
}

/// A warning to print when `addr` is reachable from other machines.
pub fn exposure_warning(addr: &SocketAddr) -> Option<String> {
    (!addr.ip().is_loopback()).then(|| {
        format!(
            "warning: listening on {addr}, not on loopback: the archive is readable by anyone who can reach it"
        )
    })
}

/// Serves `index` on `addr` until the process is stopped; `on_ready` gets the bound address
/// (the real port when `addr` asks for port 0).
pub fn serve(
    index: MorgueIndex,
    addr: SocketAddr,
    on_ready: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let listener =
        std::net::TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr, source })?;
    listener.set_nonblocking(true)?;
    let bound = listener.local_addr()?;
    let index = Arc::new(index);
    let reader = index.reader().clone();
    std::thread::Builder::new()
        .name("morgue-reload".into())
        .spawn(move || loop {
            std::thread::sleep(RELOAD_EVERY);
            // A failed reload keeps the last good view of the index; the next tick retries.
            let _ = reader.reload();
        })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        on_ready(bound);
        axum::serve(listener, router(index)).await
    })?;
    Ok(())
}
