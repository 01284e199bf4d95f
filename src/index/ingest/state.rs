//! The writer side of a run: applies outcomes to the index writer and the manifest,
//! merges duplicates, and commits.

use super::super::manifest::{FileRecord, Manifest, MANIFEST_FILE};
use super::super::schema::{self, Fields};
use super::super::warc;
use super::jobs::Outcome;
use super::walk::Found;
use super::{Event, IndexError, Summary, COMMIT_EVERY};
use crate::copies::assign::Assigner;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;
use tantivy::{IndexWriter, Term};

/// The writer side of a run: the index writer and the live manifest.
pub(super) struct State<'a> {
    pub(super) writer: IndexWriter,
    fields: Fields,
    pub(super) manifest: Manifest,
    index_path: &'a Path,
    /// Article id -> absolute paths of the files that produced it.
    holders: HashMap<String, Vec<String>>,
    /// Body fingerprint -> article id, to merge identical bodies with different URLs.
    bodies: HashMap<String, String>,
    pending: usize,
    commit_every: usize,
    last_commit: Instant,
    /// Records of archives met in this run, by path: the ones an archive no longer has go.
    seen_members: HashSet<String>,
    /// Archives read to their end in this run, recorded once all their records are in.
    archives_read: Vec<Found>,
    /// Copy groups of new articles; `None` when grouping is off.
    pub(super) copies: Option<Assigner>,
}

impl<'a> State<'a> {
    pub(super) fn new(
        writer: IndexWriter,
        fields: Fields,
        manifest: Manifest,
        index_path: &'a Path,
        commit_every: usize,
    ) -> Self {
        let mut holders: HashMap<String, Vec<String>> = HashMap::new();
        let mut bodies = HashMap::new();
        for (abs, rec) in &manifest.files {
            if let Some(id) = &rec.id {
                holders.entry(id.clone()).or_default().push(abs.clone());
                if let Some(b) = &rec.body_hash {
                    bodies.insert(b.clone(), id.clone());
                }
            }
        }
        State {
            writer,
            fields,
            manifest,
            index_path,
            holders,
            bodies,
            pending: 0,
            commit_every,
            last_commit: Instant::now(),
            seen_members: HashSet::new(),
            archives_read: Vec::new(),
            copies: None,
        }
    }

    /// Deletes documents that no manifest entry accounts for (left by a run killed before it saved the manifest).
    pub(super) fn delete_orphans(&mut self, index: &tantivy::Index) -> tantivy::Result<()> {
        let reader = index.reader()?;
        let searcher = reader.searcher();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.id)?;
            let mut terms = inverted.terms().stream()?;
            while terms.advance() {
                let id = String::from_utf8_lossy(terms.key()).into_owned();
                if !self.holders.contains_key(&id) {
                    self.writer
                        .delete_term(Term::from_field_text(self.fields.id, &id));
                    self.pending += 1;
                    if let Some(c) = self.copies.as_mut() {
                        c.forget(&id);
                    }
                }
            }
        }
        Ok(())
    }

    /// Drops a vanished file; returns 1 when its article went with it.
    pub(super) fn forget(&mut self, abs: &str, forced: &mut HashSet<String>) -> usize {
        let Some(rec) = self.manifest.files.remove(abs) else {
            return 0;
        };
        let Some(id) = rec.id else { return 0 };
        if self.release(&id, abs, rec.body_hash.as_deref()) {
            return 1;
        }
        // Another copy of the article remains: re-index it so the stored path is a live one.
        if let Some(other) = self.holders.get(&id).and_then(|h| h.first()) {
            forced.insert(other.clone());
        }
        0
    }

    /// Removes `abs` as a holder of `id`; deletes the document when no holder is left.
    fn release(&mut self, id: &str, abs: &str, body_hash: Option<&str>) -> bool {
        let Some(list) = self.holders.get_mut(id) else {
            return false;
        };
        list.retain(|h| h != abs);
        if !list.is_empty() {
            return false;
        }
        self.holders.remove(id);
        if let Some(b) = body_hash {
            if self.bodies.get(b).is_some_and(|v| v == id) {
                self.bodies.remove(b);
            }
        }
        self.writer
            .delete_term(Term::from_field_text(self.fields.id, id));
        self.pending += 1;
        if let Some(c) = self.copies.as_mut() {
            c.forget(id);
        }
        true
    }

    /// Records each archive read in full, dropping the records it no longer holds.
    pub(super) fn finish_archives(&mut self, summary: &mut Summary) {
        for archive in std::mem::take(&mut self.archives_read) {
            let prefix = format!("{}#", archive.abs);
            let gone: Vec<String> = self
                .manifest
                .files
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .filter(|(k, _)| !self.seen_members.contains(*k))
                .map(|(k, _)| k.clone())
                .collect();
            // A copy of an article elsewhere that should now be re-indexed waits for the next run.
            let mut later = HashSet::new();
            for k in gone {
                summary.removed += self.forget(&k, &mut later);
            }
            self.record(&archive, String::new(), None, None, None);
        }
        self.seen_members.clear();
    }

    pub(super) fn apply(
        &mut self,
        outcome: Outcome,
        summary: &mut Summary,
        on_event: &mut dyn FnMut(Event),
    ) {
        let member = match &outcome {
            Outcome::Article { found, .. }
            | Outcome::Unchanged { found, .. }
            | Outcome::Skipped { found, .. } => Some(&found.abs),
            _ => None,
        };
        if let Some(abs) = member.filter(|abs| warc::split_member(abs).is_some()) {
            self.seen_members.insert(abs.clone());
        }
        match outcome {
            Outcome::NotPage { display } => {
                summary.not_pages += 1;
                on_event(Event::NotPage { path: display });
            }
            Outcome::ArchiveRead { archive } => self.archives_read.push(archive),
            Outcome::Unchanged { found, hash } => {
                // Same bytes under a new mtime: still whatever it was last time.
                let was_skipped = self
                    .manifest
                    .files
                    .get(&found.abs)
                    .is_some_and(|r| r.skipped.is_some());
                if was_skipped {
                    summary.skipped += 1;
                } else {
                    summary.unchanged += 1;
                }
                if let Some(rec) = self.manifest.files.get_mut(&found.abs) {
                    rec.size = found.size;
                    rec.mtime_ns = found.mtime_ns;
                    rec.hash = hash;
                }
            }
            Outcome::Skipped {
                found,
                hash,
                reason,
            } => {
                summary.skipped += 1;
                on_event(Event::Skipped {
                    path: found.display.clone(),
                    reason: reason.clone(),
                });
                let old = self.manifest.files.remove(&found.abs);
                if let Some((old, old_body)) = old.and_then(|r| Some((r.id?, r.body_hash))) {
                    if self.release(&old, &found.abs, old_body.as_deref()) {
                        summary.removed += 1;
                    }
                }
                // Unreadable files are not recorded, so the next run tries them again.
                if let Some(hash) = hash {
                    self.record(&found, hash, None, None, Some(reason));
                }
            }
            Outcome::Article {
                found,
                hash,
                mut article,
                body_hash,
                signature,
                warnings,
            } => {
                for message in warnings {
                    on_event(Event::Warning {
                        path: found.display.clone(),
                        message,
                    });
                }
                if let Some(same_body) = self.bodies.get(&body_hash) {
                    article.id = same_body.clone();
                }
                let old = self.manifest.files.get(&found.abs);
                let old_id = old.and_then(|r| r.id.clone());
                let old_body = old.and_then(|r| r.body_hash.clone());
                let other_holder = self
                    .holders
                    .get(&article.id)
                    .and_then(|h| h.iter().find(|p| **p != found.abs))
                    .cloned();
                if let Some(old) = old_id.as_deref().filter(|old| *old != article.id) {
                    if self.release(old, &found.abs, old_body.as_deref()) && other_holder.is_some()
                    {
                        summary.removed += 1;
                    }
                }
                let id = article.id.clone();
                let mut duplicate = None;
                // A file that already held this article is updating it, not duplicating it.
                let held_before = old_id.as_deref() == Some(id.as_str());
                match other_holder.filter(|_| !found.force && !held_before) {
                    Some(holder) => {
                        summary.skipped += 1;
                        let shown = self
                            .manifest
                            .files
                            .get(&holder)
                            .map_or(holder.clone(), |r| r.display.clone());
                        let reason = format!("same article as {shown}");
                        on_event(Event::Skipped {
                            path: found.display.clone(),
                            reason: reason.clone(),
                        });
                        duplicate = Some(reason);
                    }
                    None => {
                        // Only an id the index may already hold needs deleting first; most adds are new.
                        if self.holders.contains_key(&id) {
                            self.writer
                                .delete_term(Term::from_field_text(self.fields.id, &id));
                            if let Some(c) = self.copies.as_mut() {
                                c.forget(&id);
                            }
                        }
                        let mut doc = schema::to_doc(&self.fields, &article);
                        let signature = signature.as_deref();
                        let group = match self.copies.as_mut().map(|c| c.assign(&id, signature)) {
                            Some(Ok(g)) => g,
                            Some(Err(e)) => {
                                on_event(Event::Warning {
                                    path: found.display.clone(),
                                    message: format!("copies not looked for: {e}"),
                                });
                                crate::copies::own_group(&id)
                            }
                            None => crate::copies::own_group(&id),
                        };
                        crate::copies::assign::add_fields(&mut doc, &self.fields, group, signature);
                        if let Err(e) = self.writer.add_document(doc) {
                            summary.skipped += 1;
                            on_event(Event::Skipped {
                                path: found.display.clone(),
                                reason: format!("cannot index: {e}"),
                            });
                            return;
                        }
                        self.pending += 1;
                        if old_id.is_some() || found.force {
                            summary.updated += 1;
                        } else {
                            summary.added += 1;
                        }
                    }
                }
                let list = self.holders.entry(id.clone()).or_default();
                if !list.contains(&found.abs) {
                    list.push(found.abs.clone());
                }
                self.bodies.insert(body_hash.clone(), id.clone());
                self.record(&found, hash, Some(id), Some(body_hash), duplicate);
            }
        }
    }

    fn record(
        &mut self,
        found: &Found,
        hash: String,
        id: Option<String>,
        body_hash: Option<String>,
        skipped: Option<String>,
    ) {
        let rec = FileRecord {
            display: found.display.clone(),
            size: found.size,
            mtime_ns: found.mtime_ns,
            hash,
            id,
            body_hash,
            skipped,
        };
        self.manifest.files.insert(found.abs.clone(), rec);
    }

    pub(super) fn should_commit(&self) -> bool {
        self.pending >= self.commit_every
            || (self.pending > 0 && self.last_commit.elapsed() >= COMMIT_EVERY)
    }

    /// Commits the writer, then saves the manifest that describes what was committed.
    pub(super) fn commit(&mut self) -> Result<(), IndexError> {
        let tantivy_err = |source| IndexError::Tantivy {
            path: self.index_path.to_path_buf(),
            source,
        };
        self.writer.commit().map_err(tantivy_err)?;
        if let Some(c) = self.copies.as_mut() {
            c.committed().map_err(tantivy_err)?;
        }
        self.manifest
            .save(self.index_path)
            .map_err(|source| IndexError::Io {
                path: self.index_path.join(MANIFEST_FILE),
                source,
            })?;
        self.pending = 0;
        self.last_commit = Instant::now();
        Ok(())
    }
}
