//! Packs a directory of pages into a web archive, for measuring WARC ingest:
//! `cargo run --release --example gen_warc -- CORPUS_DIR OUT.warc.gz [--filler-kb K] [--plain]`.
//!
//! Every page under CORPUS_DIR (for instance one written by `gen_corpus`) becomes a
//! `request` and a `response` record, as a crawler writes them, one gzip member each
//! (`--plain` writes an uncompressed `.warc`). One page in three is sent chunked and one in
//! five gzip-encoded, as servers do. After each page, `--filler-kb K` adds an image capture of
//! K KiB of incompressible bytes (default 0): crawls hold far more bytes of images than of
//! pages, and this makes a multi-GB archive around the same articles, so a measurement
//! can tell memory that grows with the file from memory that grows with the articles.
//! The output depends only on the pages and the options. Write it outside the repository.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Args {
    corpus: PathBuf,
    out: PathBuf,
    filler_kb: usize,
    plain: bool,
}

fn parse_args() -> Result<Args, String> {
    let usage = "usage: gen_warc CORPUS_DIR OUT.warc.gz [--filler-kb K] [--plain]";
    let mut positional = Vec::new();
    let mut filler_kb = 0;
    let mut plain = false;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--filler-kb" => {
                filler_kb = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or(format!("--filler-kb needs a number\n{usage}"))?
            }
            "--plain" => plain = true,
            _ if a.starts_with('-') => return Err(format!("unknown option {a}\n{usage}")),
            _ => positional.push(PathBuf::from(a)),
        }
    }
    match positional.as_slice() {
        [corpus, out] => Ok(Args {
            corpus: corpus.clone(),
            out: out.clone(),
            filler_kb,
            plain,
        }),
        _ => Err(usage.to_string()),
    }
}

/// A deterministic, incompressible byte stream (xorshift64*).
struct Noise(u64);

impl Noise {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            let v = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

fn record(kind: &str, uri: &str, date: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:{:032x}>\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        blake3::hash(block).as_bytes()[..16]
            .iter()
            .fold(0u128, |acc, b| (acc << 8) | u128::from(*b)),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 64);
    for part in body.chunks(8192) {
        out.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
        out.extend_from_slice(part);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn gzip(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), level);
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn main() {
    let args = parse_args().unwrap_or_else(|msg| {
        eprintln!("{msg}");
        std::process::exit(2);
    });
    let started = Instant::now();
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(&args.corpus)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    pages.sort();
    let file = std::fs::File::create(&args.out).unwrap_or_else(|e| {
        eprintln!("cannot create {}: {e}", args.out.display());
        std::process::exit(1);
    });
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let mut write = |rec: Vec<u8>, level: flate2::Compression| {
        let bytes = if args.plain { rec } else { gzip(&rec, level) };
        out.write_all(&bytes).unwrap();
    };
    write(
        record(
            "warcinfo",
            "",
            "2024-01-01T00:00:00Z",
            "application/warc-fields",
            b"software: morgue gen_warc\r\nformat: WARC File Format 1.1\r\n",
        ),
        flate2::Compression::fast(),
    );
    let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
    let mut filler = vec![0u8; args.filler_kb << 10];
    let mut total_pages = 0usize;
    for (i, path) in pages.iter().enumerate() {
        let Ok(body) = std::fs::read(path) else {
            continue;
        };
        let rel = path.strip_prefix(&args.corpus).unwrap_or(Path::new(path));
        let uri = format!("https://archive.example/{}", rel.to_string_lossy());
        let date = format!(
            "2024-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            1 + i % 12,
            1 + i % 28,
            i % 24,
            i % 60,
            (i / 60) % 60
        );
        let kind = if rel.extension().is_some_and(|e| e == "txt") {
            "text/plain"
        } else {
            "text/html"
        };
        let request = format!(
            "GET /{} HTTP/1.1\r\nHost: archive.example\r\n\r\n",
            rel.display()
        );
        write(
            record(
                "request",
                &uri,
                &date,
                "application/http; msgtype=request",
                request.as_bytes(),
            ),
            flate2::Compression::fast(),
        );
        let mut headers = format!("HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\n");
        let mut payload = body;
        if i % 5 == 0 {
            payload = gzip(&payload, flate2::Compression::fast());
            headers.push_str("Content-Encoding: gzip\r\n");
        }
        if i % 3 == 0 {
            payload = chunked(&payload);
            headers.push_str("Transfer-Encoding: chunked\r\n");
        }
        let mut block = headers.into_bytes();
        block.extend_from_slice(b"\r\n");
        block.extend_from_slice(&payload);
        write(
            record(
                "response",
                &uri,
                &date,
                "application/http; msgtype=response",
                &block,
            ),
            flate2::Compression::default(),
        );
        total_pages += 1;
        if !filler.is_empty() {
            noise.fill(&mut filler);
            let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n".to_vec();
            block.extend_from_slice(&filler);
            let uri = format!("https://archive.example/img/{i}.jpg");
            // Incompressible: storing it is as good as compressing it, and much faster.
            write(
                record(
                    "response",
                    &uri,
                    &date,
                    "application/http; msgtype=response",
                    &block,
                ),
                flate2::Compression::none(),
            );
        }
    }
    out.flush().unwrap();
    drop(out);
    let size = std::fs::metadata(&args.out).map_or(0, |m| m.len());
    eprintln!(
        "wrote {} ({total_pages} pages, {:.2} GB) in {:.1} s",
        args.out.display(),
        size as f64 / 1e9,
        started.elapsed().as_secs_f64()
    );
}
