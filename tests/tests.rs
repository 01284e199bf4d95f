//! The one integration-test binary (one link on 2 cores); each module covers one area.

mod analysis;
mod cli;
mod copies;
mod devdata;
mod extraction;
mod lang;
mod people;
mod robustness;
mod serve;
mod solr;
mod util;
mod warc;
mod watch;
