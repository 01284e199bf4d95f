//! morgue: a search engine for news archives.
//!
//! The data flows one way: [`extract`] turns a saved page into an [`Article`],
//! [`index`] stores articles in tantivy, [`search`] answers queries with
//! [`search::Hit`]s, and [`output`] renders them for people and scripts.

pub mod analysis;
pub mod article;
pub mod copies;
pub mod eval;
pub mod export;
pub mod extract;
pub mod facets;
pub mod fnv;
pub mod index;
pub mod lang;
pub mod output;
pub mod people_names;
pub mod progress;
pub mod search;
pub mod serve;
pub mod solr;

pub use article::Article;
