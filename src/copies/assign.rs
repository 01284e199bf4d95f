//! Giving each new article its copy group at index time.
//!
//! Candidates come from two places: the committed index (the `copy_bands`
//! field, read through a reader that is reloaded after every commit) and the
//! articles added since the last commit, which no reader sees yet and which
//! are kept here in a small band table that every commit empties. Memory stays
//! bounded by the commit interval, not by the size of the archive.
//!
//! A new article joins the group of its most similar verified candidate; when
//! there is none it founds a group named after its own id. Group ids are only
//! labels stored with each member, so removing any member (the founder too)
//! leaves the others grouped.

use super::{own_group, Signature, THRESHOLDS};
use crate::index::schema::Fields;
use std::collections::{HashMap, HashSet};
use tantivy::columnar::{BytesColumn, Column, StrColumn};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, DocSet, IndexReader, ReloadPolicy, SegmentReader, TantivyDocument, Term, TERMINATED,
};

/// Members read per band key (per segment): when thousands of pages share a key they are one
/// group already, and a few of them stand for it. This bounds the work per article.
const MAX_PER_BAND: usize = 32;
/// Candidates verified per article, those sharing the most band keys first.
const MAX_VERIFIED: usize = 24;

/// An article added since the last commit.
struct Pending {
    id: String,
    group: u64,
    signature: Signature,
}

/// The best verified candidate so far, and the groups already found to match.
#[derive(Default)]
struct Best {
    best: Option<(f64, u64)>,
    matched: HashSet<u64>,
}

impl Best {
    fn consider(&mut self, score: Option<f64>, group: u64) {
        if let Some(s) = score {
            self.matched.insert(group);
            // Ties go to the smaller group id, so the choice does not depend on the order seen.
            if self
                .best
                .is_none_or(|(b, g)| s > b || (s == b && group < g))
            {
                self.best = Some((s, group));
            }
        }
    }
}

/// One committed segment's copy fields, read from fast-field columns: a candidate costs a few
/// column look-ups, where reading its stored document would decompress a whole doc-store block
/// (at 100k articles that made the writer thread the bottleneck of ingest).
struct SegmentCopies {
    ids: StrColumn,
    groups: Column<u64>,
    signatures: BytesColumn,
}

impl SegmentCopies {
    fn open(segment: &SegmentReader) -> tantivy::Result<Option<Self>> {
        let fast = segment.fast_fields();
        let (Some(ids), Some(signatures)) = (
            fast.str(crate::index::schema::names::ID)?,
            fast.bytes(crate::index::schema::names::COPY_SIG)?,
        ) else {
            // A segment holding no signature at all (every body too short) has no column.
            return Ok(None);
        };
        let groups = fast.u64(crate::index::schema::names::COPY_GROUP)?;
        Ok(Some(SegmentCopies {
            ids,
            groups,
            signatures,
        }))
    }

    /// The id, signature and group of a document, when it has all three.
    fn read(&self, doc: tantivy::DocId, buf: &mut Vec<u8>) -> Option<(String, Signature, u64)> {
        let group = self.groups.first(doc)?;
        let ord = self.signatures.term_ords(doc).next()?;
        buf.clear();
        if !self.signatures.ord_to_bytes(ord, buf).ok()? {
            return None;
        }
        let sig = Signature::from_bytes(buf)?;
        let id_ord = self.ids.term_ords(doc).next()?;
        let mut id = String::new();
        if !self.ids.ord_to_str(id_ord, &mut id).ok()? {
            return None;
        }
        Some((id, sig, group))
    }
}

/// The writer's view of the copy groups: committed ones through a reader, recent ones in memory.
pub struct Assigner {
    reader: IndexReader,
    fields: Fields,
    /// The copy columns of each committed segment, in the reader's segment order.
    segments: Vec<Option<SegmentCopies>>,
    /// False after `delete_all_documents` until the next commit: the reader still shows
    /// the documents that are going away.
    committed_valid: bool,
    pending: Vec<Pending>,
    /// Band key -> positions in `pending`.
    by_band: HashMap<u64, Vec<u32>>,
    /// Article id -> its live position in `pending` (a later re-add of the id replaces it).
    live: HashMap<String, u32>,
    /// Ids deleted since the last commit, whose committed documents are stale.
    gone: HashSet<String>,
}

impl Assigner {
    /// An assigner over `index`; `emptied` says the writer has just deleted every document.
    pub fn new(index: &tantivy::Index, fields: Fields, emptied: bool) -> tantivy::Result<Self> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let segments = open_segments(&reader)?;
        Ok(Assigner {
            reader,
            fields,
            segments,
            committed_valid: !emptied,
            pending: Vec::new(),
            by_band: HashMap::new(),
            live: HashMap::new(),
            gone: HashSet::new(),
        })
    }

    /// Notes that the document of `id` was deleted (it may be re-added afterwards).
    pub fn forget(&mut self, id: &str) {
        self.live.remove(id);
        self.gone.insert(id.to_string());
    }

    /// The group for the article `id` about to be added with `signature`; remembers it, so
    /// later articles of this run find it before it is committed.
    pub fn assign(&mut self, id: &str, signature: Option<&Signature>) -> tantivy::Result<u64> {
        let Some(sig) = signature else {
            self.live.remove(id);
            return Ok(own_group(id));
        };
        let bands = sig.bands();
        let mut best = Best::default();
        // Recent articles first, then committed ones; each by the number of band keys shared.
        let mut shared: HashMap<u32, usize> = HashMap::new();
        for key in &bands {
            for &pos in self
                .by_band
                .get(key)
                .into_iter()
                .flatten()
                .rev()
                .take(MAX_PER_BAND)
            {
                *shared.entry(pos).or_default() += 1;
            }
        }
        let mut recent: Vec<(u32, usize)> = shared.into_iter().collect();
        recent.sort_unstable_by_key(|&(pos, n)| (std::cmp::Reverse(n), pos));
        let mut verified = 0;
        for (pos, _) in recent {
            let p = &self.pending[pos as usize];
            if p.id == id || self.live.get(&p.id) != Some(&pos) || best.matched.contains(&p.group) {
                continue;
            }
            if verified == MAX_VERIFIED {
                break;
            }
            verified += 1;
            best.consider(p.signature.copy_score(sig, &THRESHOLDS), p.group);
        }
        if self.committed_valid {
            let searcher = self.reader.searcher();
            let mut buf = Vec::new();
            for addr in self
                .committed_candidates(&searcher, &bands)?
                .into_iter()
                .take(2 * MAX_VERIFIED)
            {
                if verified == MAX_VERIFIED {
                    break;
                }
                let Some(cols) = self
                    .segments
                    .get(addr.segment_ord as usize)
                    .and_then(Option::as_ref)
                else {
                    continue;
                };
                let Some((other, other_sig, group)) = cols.read(addr.doc_id, &mut buf) else {
                    continue;
                };
                let stale = self.gone.contains(&other) || self.live.contains_key(&other);
                if other == id || stale || best.matched.contains(&group) {
                    continue;
                }
                verified += 1;
                best.consider(other_sig.copy_score(sig, &THRESHOLDS), group);
            }
        }
        let group = best.best.map_or_else(|| own_group(id), |(_, g)| g);
        let pos = self.pending.len() as u32;
        self.pending.push(Pending {
            id: id.to_string(),
            group,
            signature: sig.clone(),
        });
        for key in bands {
            self.by_band.entry(key).or_default().push(pos);
        }
        self.live.insert(id.to_string(), pos);
        Ok(group)
    }

    /// Live committed articles sharing a band key with `bands`, those sharing the most first.
    fn committed_candidates(
        &self,
        searcher: &tantivy::Searcher,
        bands: &[u64],
    ) -> tantivy::Result<Vec<DocAddress>> {
        let mut shared: HashMap<DocAddress, usize> = HashMap::new();
        for (ord, segment) in searcher.segment_readers().iter().enumerate() {
            let inverted = segment.inverted_index(self.fields.copy_bands)?;
            for &key in bands {
                let term = Term::from_field_u64(self.fields.copy_bands, key);
                let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)?
                else {
                    continue;
                };
                let mut doc = postings.doc();
                let mut read = 0;
                while doc != TERMINATED && read < MAX_PER_BAND {
                    read += 1;
                    if !segment.is_deleted(doc) {
                        *shared.entry(DocAddress::new(ord as u32, doc)).or_default() += 1;
                    }
                    doc = postings.advance();
                }
            }
        }
        let mut addrs: Vec<(DocAddress, usize)> = shared.into_iter().collect();
        addrs.sort_unstable_by_key(|&(addr, n)| (std::cmp::Reverse(n), addr));
        Ok(addrs.into_iter().map(|(a, _)| a).collect())
    }

    /// After a commit: the reader sees everything added so far, so the in-memory table empties.
    pub fn committed(&mut self) -> tantivy::Result<()> {
        self.reader.reload()?;
        self.segments = open_segments(&self.reader)?;
        self.committed_valid = true;
        self.pending.clear();
        self.by_band.clear();
        self.live.clear();
        self.gone.clear();
        Ok(())
    }
}

/// The copy columns of every segment the reader shows, in its order.
fn open_segments(reader: &IndexReader) -> tantivy::Result<Vec<Option<SegmentCopies>>> {
    reader
        .searcher()
        .segment_readers()
        .iter()
        .map(SegmentCopies::open)
        .collect()
}

/// Adds the copy fields to an article's document.
pub fn add_fields(
    doc: &mut TantivyDocument,
    f: &Fields,
    group: u64,
    signature: Option<&Signature>,
) {
    doc.add_u64(f.copy_group, group);
    if let Some(sig) = signature {
        for key in sig.bands() {
            doc.add_u64(f.copy_bands, key);
        }
        doc.add_bytes(f.copy_sig, &sig.to_bytes());
    }
}
