//! WARC web archives (ISO 28500, WARC/1.0 and 1.1) read as a stream of records.
//!
//! Our own small reader rather than the `warc` crate: that crate inflates a
//! `.warc.gz` as one stream (so no record has a compressed offset to seek back
//! to), buffers every block whole, and loses its footing for good after one
//! bad `Content-Length`. Here a `.warc.gz` is read gzip member by gzip member
//! (writers put one record in each), so every record has the file offset of
//! its member, which `morgue show ARCHIVE#OFFSET` seeks to; blocks are read only
//! when the caller wants them and only up to a cap; a malformed record is
//! reported and reading resumes at the next member or the next `WARC/` line;
//! damage to the compressed stream ends the archive but keeps what came before.

use flate2::bufread::GzDecoder;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// A record header block longer than this is malformed (real ones are well under 4 KiB).
const MAX_HEADER_BYTES: usize = 64 << 10;
/// How much of a block is read before the caller decides whether it wants the rest.
pub const PEEK_BYTES: usize = 16 << 10;
/// Read buffer for the archive file.
const FILE_BUFFER: usize = 256 << 10;

/// True for the names web archives go by: `.warc` and `.warc.gz`, in any case.
pub fn is_warc(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|n| n.ends_with(".warc") || n.ends_with(".warc.gz"))
}

/// Where a record starts: `at`, a byte offset of the file (the start of its gzip member, or
/// of the record itself in an uncompressed archive), and `within`, how far into the inflated
/// member it starts (0 for the usual one record per member).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Offset {
    /// Byte offset in the file.
    pub at: u64,
    /// Byte offset inside the inflated gzip member that starts at `at`.
    pub within: u64,
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.within == 0 {
            write!(f, "{}", self.at)
        } else {
            write!(f, "{}+{}", self.at, self.within)
        }
    }
}

impl std::str::FromStr for Offset {
    type Err = ();
    fn from_str(s: &str) -> Result<Offset, ()> {
        let (at, within) = s.split_once('+').unwrap_or((s, "0"));
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !digits(at) || !digits(within) {
            return Err(());
        }
        Ok(Offset {
            at: at.parse().map_err(|_| ())?,
            within: within.parse().map_err(|_| ())?,
        })
    }
}

/// Splits `ARCHIVE.warc.gz#OFFSET` into the archive and the offset; `None` for other paths.
pub fn split_member(path: &str) -> Option<(&str, Offset)> {
    let (file, offset) = path.rsplit_once('#')?;
    if !is_warc(Path::new(file)) {
        return None;
    }
    Some((file, offset.parse().ok()?))
}

/// The path of one record: `ARCHIVE#OFFSET`.
pub fn member_path(archive: &str, offset: Offset) -> String {
    format!("{archive}#{offset}")
}

/// The named fields of a record's header that morgue uses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Head {
    /// `WARC-Type`, lower-cased (`response`, `resource`, `request`, `revisit`, ...).
    pub warc_type: String,
    /// `WARC-Target-URI`, without the angle brackets WARC/1.0 writers sometimes put around it.
    pub target_uri: Option<String>,
    /// `WARC-Date` as written.
    pub date: Option<String>,
    /// `Content-Type` of the block.
    pub content_type: Option<String>,
    /// `Content-Length` of the block.
    pub length: u64,
}

/// One record: its header and, when the caller wanted it, its block (cut at the cap).
#[derive(Debug, Clone)]
pub struct Record {
    /// Where it starts.
    pub offset: Offset,
    /// Its header fields.
    pub head: Head,
    /// The block, or `None` when the caller's filter passed it over unread.
    pub block: Option<Vec<u8>>,
    /// The block was longer than the cap and was cut there.
    pub cut: bool,
}

/// What reading an archive yields.
#[derive(Debug, Clone)]
pub enum Item {
    /// A well-formed record.
    Record(Record),
    /// A record that could not be read; reading goes on after it.
    Malformed {
        /// Where it starts.
        offset: Offset,
        /// Why it was passed over.
        reason: String,
    },
    /// The archive is damaged here (truncated, or its compressed data is corrupt); nothing
    /// after this point can be read, and this is the last item.
    Damaged {
        /// The last position known to be good.
        offset: Offset,
        /// What went wrong.
        reason: String,
    },
}

/// Decides from a record's header and the first [`PEEK_BYTES`] of its block whether the whole
/// block is wanted (for morgue: a 200 response or resource that is a page).
pub type Filter = fn(&Head, &[u8]) -> bool;

/// Counts the bytes consumed from a reader, so record and member offsets are exact.
struct Counted<B> {
    inner: B,
    pos: u64,
}

impl<B: BufRead> Read for Counted<B> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<B: BufRead> BufRead for Counted<B> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        self.inner.consume(n);
    }
}

type FileIn<R> = Counted<BufReader<R>>;
/// An inflating reader over one gzip member; dropping back to the file at its end.
type MemberIn<R> = Counted<BufReader<GzDecoder<FileIn<R>>>>;

enum Source<R: Read> {
    Plain(FileIn<R>),
    /// Between gzip members, at the start of the next one (or at the end of the file).
    Between(FileIn<R>),
    Member {
        at: u64,
        inner: Box<MemberIn<R>>,
    },
    Done,
}

/// Reads the records of an archive, one at a time, holding at most one block in memory.
pub struct Reader<R: Read> {
    source: Source<R>,
    filter: Filter,
    cap: usize,
    /// Reading resumes by scanning for the next `WARC/` line (after a malformed record).
    lost: bool,
}

/// How reading one record went, before it becomes an [`Item`].
enum Step {
    /// The stream ended cleanly between records.
    End,
    Item(Item),
    /// The stream ended inside a record: in a gzip member that is a malformed record (the
    /// next member may be fine), in a plain file it is the end.
    CutShort(Offset, String),
    /// The underlying read failed (corrupt or truncated gzip data, an I/O error).
    Broken(Offset, String),
}

impl Reader<File> {
    /// Opens an archive for reading from its start; gzip is recognised by its magic bytes.
    pub fn open(path: &Path, filter: Filter, cap: usize) -> io::Result<Reader<File>> {
        Reader::new(File::open(path)?, filter, cap)
    }

    /// Opens an archive positioned at the record that starts at `offset`, seeking to it.
    pub fn open_at(
        path: &Path,
        offset: Offset,
        filter: Filter,
        cap: usize,
    ) -> io::Result<Reader<File>> {
        let mut file = File::open(path)?;
        let mut magic = [0u8; 2];
        let gz = file.read(&mut magic)? == 2 && magic == [0x1f, 0x8b];
        file.seek(SeekFrom::Start(offset.at))?;
        let mut input = Counted {
            inner: BufReader::with_capacity(FILE_BUFFER, file),
            pos: offset.at,
        };
        let source = if gz {
            let mut inner = Counted {
                inner: BufReader::new(GzDecoder::new(input)),
                pos: 0,
            };
            io::copy(&mut (&mut inner).take(offset.within), &mut io::sink())?;
            Source::Member {
                at: offset.at,
                inner: Box::new(inner),
            }
        } else {
            input.pos = offset.at;
            if offset.within != 0 {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "an uncompressed archive has no offsets inside gzip members",
                ));
            }
            Source::Plain(input)
        };
        Ok(Reader {
            source,
            filter,
            cap,
            lost: false,
        })
    }
}

impl<R: Read> Reader<R> {
    /// Reads an archive from a stream at its start.
    pub fn new(input: R, filter: Filter, cap: usize) -> io::Result<Reader<R>> {
        let mut input = Counted {
            inner: BufReader::with_capacity(FILE_BUFFER, input),
            pos: 0,
        };
        let gz = input.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        Ok(Reader {
            source: if gz {
                Source::Between(input)
            } else {
                Source::Plain(input)
            },
            filter,
            cap,
            lost: false,
        })
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            match std::mem::replace(&mut self.source, Source::Done) {
                Source::Done => return None,
                Source::Plain(mut input) => {
                    let at = input.pos;
                    let step =
                        read_record(&mut input, &mut self.lost, self.filter, self.cap, |u| {
                            Offset { at: u, within: 0 }
                        });
                    match step {
                        Step::End => return None,
                        Step::Item(item) => {
                            self.source = Source::Plain(input);
                            return Some(item);
                        }
                        Step::CutShort(offset, reason) | Step::Broken(offset, reason) => {
                            let offset = if offset.at < at {
                                Offset { at, within: 0 }
                            } else {
                                offset
                            };
                            return Some(Item::Damaged { offset, reason });
                        }
                    }
                }
                Source::Between(mut input) => {
                    let at = input.pos;
                    match input.fill_buf() {
                        Ok([]) => return None,
                        Ok(buf) if buf.starts_with(&[0x1f, 0x8b]) || buf == [0x1f] => {
                            self.lost = false;
                            self.source = Source::Member {
                                at,
                                inner: Box::new(Counted {
                                    inner: BufReader::new(GzDecoder::new(input)),
                                    pos: 0,
                                }),
                            };
                        }
                        Ok(_) => {
                            return Some(Item::Damaged {
                                offset: Offset { at, within: 0 },
                                reason: "bytes that are not gzip data follow the last good \
                                         gzip member"
                                    .into(),
                            })
                        }
                        Err(e) => {
                            return Some(Item::Damaged {
                                offset: Offset { at, within: 0 },
                                reason: format!("cannot read: {e}"),
                            })
                        }
                    }
                }
                Source::Member { at, mut inner } => {
                    let step =
                        read_record(&mut inner, &mut self.lost, self.filter, self.cap, |u| {
                            Offset { at, within: u }
                        });
                    match step {
                        Step::End => {
                            // The member is done: the file reader sits right after its trailer.
                            self.source = Source::Between(inner.inner.into_inner().into_inner());
                        }
                        Step::Item(item) => {
                            self.source = Source::Member { at, inner };
                            return Some(item);
                        }
                        Step::CutShort(offset, reason) => {
                            // The member ended early; its trailer was sound, so the next may be fine.
                            // Drain whatever the member still holds, then go on.
                            let drained = io::copy(&mut *inner, &mut io::sink());
                            if let Err(e) = drained {
                                return Some(Item::Damaged {
                                    offset: Offset { at, within: 0 },
                                    reason: gzip_reason(&e),
                                });
                            }
                            self.source = Source::Between(inner.inner.into_inner().into_inner());
                            return Some(Item::Malformed { offset, reason });
                        }
                        Step::Broken(_, reason) => {
                            return Some(Item::Damaged {
                                offset: Offset { at, within: 0 },
                                reason,
                            })
                        }
                    }
                }
            }
        }
    }
}

fn gzip_reason(e: &io::Error) -> String {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        "the gzip data ends early (truncated archive)".to_string()
    } else {
        format!("corrupt gzip data ({e})")
    }
}

/// Reads one line of at most `limit` bytes (the rest of a longer line is consumed and dropped).
/// Returns the bytes read in all, 0 at the end of the stream.
fn read_line<B: BufRead>(r: &mut B, line: &mut Vec<u8>, limit: usize) -> io::Result<usize> {
    line.clear();
    let mut total = 0;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(total);
        }
        let (used, done) = match memchr_nl(buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        let room = limit.saturating_sub(line.len());
        line.extend_from_slice(&buf[..used.min(room)]);
        r.consume(used);
        total += used;
        if done {
            return Ok(total);
        }
    }
}

fn memchr_nl(buf: &[u8]) -> Option<usize> {
    buf.iter().position(|b| *b == b'\n')
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// True for the first line of a record (`WARC/1.0`, `WARC/1.1`, `WARC/0.18`).
fn is_version_line(line: &[u8]) -> bool {
    let line = trim_eol(line);
    line.len() >= 6 && line.starts_with(b"WARC/") && line[5].is_ascii_digit()
}

fn io_step(e: io::Error, offset: Offset) -> Step {
    Step::Broken(offset, gzip_reason(&e))
}

/// Reads the next record of a stream. `lost` says to scan for a `WARC/` line first (after a
/// malformed record); `offset_of` turns a stream position into an [`Offset`].
fn read_record<B: BufRead>(
    r: &mut Counted<B>,
    lost: &mut bool,
    filter: Filter,
    cap: usize,
    offset_of: impl Fn(u64) -> Offset,
) -> Step {
    let mut line = Vec::new();
    // Blank lines between records are tolerated; anything else must be a version line.
    let start = loop {
        let at = r.pos;
        match read_line(r, &mut line, 256) {
            Ok(0) => return Step::End,
            Ok(_) => {}
            Err(e) => return io_step(e, offset_of(at)),
        }
        if is_version_line(&line) {
            *lost = false;
            break at;
        }
        if trim_eol(&line).iter().all(u8::is_ascii_whitespace) || *lost {
            continue;
        }
        *lost = true;
        return Step::Item(Item::Malformed {
            offset: offset_of(at),
            reason: format!(
                "no WARC/ version line where a record should start (found {:?})",
                String::from_utf8_lossy(&trim_eol(&line)[..trim_eol(&line).len().min(40)])
            ),
        });
    };
    let offset = offset_of(start);
    let malformed = |lost: &mut bool, reason: String| {
        *lost = true;
        Step::Item(Item::Malformed { offset, reason })
    };
    // The header block, up to its blank line.
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut header_bytes = 0;
    loop {
        let n = match read_line(r, &mut line, MAX_HEADER_BYTES) {
            Ok(0) => return Step::CutShort(offset, "the record ends inside its header".into()),
            Ok(n) => n,
            Err(e) => return io_step(e, offset),
        };
        header_bytes += n;
        if header_bytes > MAX_HEADER_BYTES {
            return malformed(lost, "header block over 64 KiB".into());
        }
        let text = trim_eol(&line);
        if text.is_empty() {
            break;
        }
        let text = String::from_utf8_lossy(text);
        if text.starts_with([' ', '\t']) {
            match fields.last_mut() {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(text.trim());
                }
                None => return malformed(lost, "header starts with a continuation line".into()),
            }
            continue;
        }
        match text.split_once(':') {
            Some((name, value)) if !name.trim().is_empty() => {
                fields.push((name.trim().to_ascii_lowercase(), value.trim().to_string()))
            }
            _ => {
                let shown: String = text.chars().take(60).collect();
                return malformed(lost, format!("header line without a name: {shown:?}"));
            }
        }
    }
    let get = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let length = match get("content-length") {
        None => return malformed(lost, "no Content-Length".into()),
        Some(v) => match v.parse::<u64>() {
            Ok(n) => n,
            Err(_) => return malformed(lost, format!("bad Content-Length {v:?}")),
        },
    };
    let head = Head {
        warc_type: get("warc-type").unwrap_or_default().to_ascii_lowercase(),
        target_uri: get("warc-target-uri").map(|u| {
            u.trim_start_matches('<')
                .trim_end_matches('>')
                .trim()
                .to_string()
        }),
        date: get("warc-date"),
        content_type: get("content-type"),
        length,
    };
    // The block: a peek, then the rest only if the filter wants it.
    let peek_len = length.min(PEEK_BYTES as u64) as usize;
    let mut block = Vec::with_capacity(peek_len);
    match r.by_ref().take(peek_len as u64).read_to_end(&mut block) {
        Ok(n) if n < peek_len => return Step::CutShort(offset, short_block(length)),
        Ok(_) => {}
        Err(e) => return io_step(e, offset),
    }
    let wanted = (filter)(&head, &block);
    let rest = length - peek_len as u64;
    let mut cut = false;
    let read_rest = if wanted {
        let keep = rest.min(cap.saturating_sub(peek_len) as u64);
        cut = keep < rest;
        r.by_ref()
            .take(keep)
            .read_to_end(&mut block)
            .map(|n| n as u64 == keep)
            .and_then(|full| {
                let skipped = io::copy(&mut r.by_ref().take(rest - keep), &mut io::sink())?;
                Ok(full && skipped == rest - keep)
            })
    } else {
        io::copy(&mut r.by_ref().take(rest), &mut io::sink()).map(|n| n == rest)
    };
    match read_rest {
        Ok(true) => {}
        Ok(false) => return Step::CutShort(offset, short_block(length)),
        Err(e) => return io_step(e, offset),
    }
    // The block is followed by CRLF CRLF; a missing end means the Content-Length is wrong.
    let mut newlines = 0;
    loop {
        let buf = match r.fill_buf() {
            Ok(buf) => buf,
            Err(e) => return io_step(e, offset),
        };
        match buf.first() {
            Some(b'\r' | b'\n') if newlines < 4 => {
                newlines += 1;
                r.consume(1);
            }
            Some(_) if newlines == 0 => {
                return malformed(
                    lost,
                    format!("the record does not end where its Content-Length ({length}) says"),
                )
            }
            _ => break,
        }
    }
    Step::Item(Item::Record(Record {
        offset,
        head,
        block: wanted.then_some(block),
        cut,
    }))
}

fn short_block(length: u64) -> String {
    format!("the record ends before its Content-Length ({length} bytes)")
}

#[cfg(test)]
mod tests;
