//! Finding one stored article by id, id prefix, page path, archive record or URL.

use super::SearchError;
use crate::index::schema::from_doc;
use crate::index::MorgueIndex;
use crate::Article;
use std::path::Path;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

impl MorgueIndex {
    /// One stored article by id, unambiguous id prefix, page path or URL.
    pub fn lookup(&self, key: &str) -> Result<Option<Article>, SearchError> {
        let searcher = self.searcher();
        let f = self.fields();
        let key = key.trim();
        let mut candidates = vec![Term::from_field_text(f.id, key)];
        if let Ok(abs) = std::fs::canonicalize(key) {
            if let Some(abs) = abs.to_str() {
                candidates.push(Term::from_field_text(f.path, abs));
            }
        }
        candidates.push(Term::from_field_text(f.path, key));
        // A record of a web archive: `ARCHIVE.warc.gz#OFFSET`, with the archive resolved.
        if let Some((archive, offset)) = crate::index::warc::split_member(key) {
            if let Some(abs) = std::fs::canonicalize(archive)
                .ok()
                .and_then(|a| a.to_str().map(str::to_string))
            {
                let member = crate::index::warc::member_path(&abs, offset);
                candidates.push(Term::from_field_text(f.path, &member));
            }
        }
        if let Some(id) = crate::index::id_for_path(self.path(), Path::new(key)) {
            candidates.push(Term::from_field_text(f.id, &id));
        }
        if key.contains("://") {
            candidates.push(Term::from_field_text(f.url, key));
            let probe = Article {
                url: Some(key.to_string()),
                ..Article::default()
            };
            let id = crate::article::make_id(&crate::extract::identity_key(&probe));
            candidates.push(Term::from_field_text(f.id, &id));
        }
        for term in candidates {
            let q = TermQuery::new(term, IndexRecordOption::Basic);
            if let Some((_, addr)) = searcher
                .search(&q, &TopDocs::with_limit(1).order_by_score())?
                .into_iter()
                .next()
            {
                let doc: TantivyDocument = searcher.doc(addr)?;
                return Ok(Some(from_doc(f, &doc)));
            }
        }
        match self.ids_with_prefix(key)?.as_slice() {
            [] => Ok(None),
            [one] => self.lookup(one),
            many => Err(SearchError::Ambiguous {
                prefix: key.to_string(),
                ids: many.to_vec(),
            }),
        }
    }

    /// Live article ids that start with `prefix` (at most a few: enough to say it is ambiguous).
    fn ids_with_prefix(&self, prefix: &str) -> Result<Vec<String>, SearchError> {
        // Ids are hex; a shorter prefix would match half the archive.
        if prefix.len() < 4 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(Vec::new());
        }
        let searcher = self.searcher();
        let mut found = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields().id)?;
            let mut terms = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() && found.len() < 5 {
                if !terms.key().starts_with(prefix.as_bytes()) {
                    break;
                }
                let id = String::from_utf8_lossy(terms.key()).into_owned();
                let live = searcher.search(
                    &TermQuery::new(
                        Term::from_field_text(self.fields().id, &id),
                        IndexRecordOption::Basic,
                    ),
                    &Count,
                )? > 0;
                if live {
                    found.insert(id);
                }
            }
        }
        Ok(found.into_iter().collect())
    }
}
