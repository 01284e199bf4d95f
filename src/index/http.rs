//! HTTP/1.x responses as web archives store them: the status line and headers,
//! then a payload that may be chunked and compressed (gzip, deflate, br).

use std::io::Read;

/// The head of an HTTP response.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHead {
    /// The status code (200, 301, 404, ...).
    pub status: u16,
    /// Header fields in order, names lower-cased.
    pub headers: Vec<(String, String)>,
}

impl ResponseHead {
    /// The first value of a header (name in lower case).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses the status line and headers; returns them and where the payload starts. `None`
/// when the bytes do not start with an HTTP response head, or it does not end in `bytes`.
pub fn parse_head(bytes: &[u8]) -> Option<(ResponseHead, usize)> {
    let end = find(bytes, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(bytes, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&bytes[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    let mut parts = status_line.split_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    let status = parts.next()?.parse().ok()?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    Some((ResponseHead { status, headers }, end.1))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Why a payload could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayloadError {
    /// A chunk size line that is not hexadecimal.
    #[error("bad chunk size {0:?} in a chunked payload")]
    BadChunk(String),
    /// A content coding morgue does not know.
    #[error("unsupported Content-Encoding {0:?}")]
    UnknownEncoding(String),
    /// Compressed data that does not inflate.
    #[error("cannot decode {coding} payload: {message}")]
    Corrupt {
        /// `gzip`, `deflate` or `br`.
        coding: String,
        /// What the decoder said.
        message: String,
    },
}

/// Undoes chunked transfer coding, keeping at most `limit` bytes. A payload cut inside a
/// chunk (a truncated capture) keeps what it has.
pub fn dechunk(body: &[u8], limit: usize) -> Result<Vec<u8>, PayloadError> {
    let mut out = Vec::with_capacity(body.len().min(limit));
    let mut rest = body;
    // A payload cut inside a size line ends there: what came before is the payload.
    while let Some(eol) = find(rest, b"\n") {
        let line = String::from_utf8_lossy(&rest[..eol]);
        let size_text = line
            .trim()
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if size_text.is_empty() && out.is_empty() {
            rest = &rest[eol + 1..];
            continue;
        }
        let size = usize::from_str_radix(&size_text, 16)
            .map_err(|_| PayloadError::BadChunk(size_text.chars().take(20).collect()))?;
        rest = &rest[eol + 1..];
        if size == 0 {
            break; // the last chunk; trailers are of no interest
        }
        let take = size.min(rest.len());
        out.extend_from_slice(&rest[..take]);
        if out.len() >= limit {
            out.truncate(limit);
            break;
        }
        rest = &rest[take..];
        // Each chunk ends with CRLF.
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if take < size {
            break;
        }
    }
    Ok(out)
}

/// Undoes the content codings named by a `Content-Encoding` value (applied in order, so undone
/// in reverse), keeping at most `limit` bytes of output.
pub fn decode_content(
    body: Vec<u8>,
    encoding: &str,
    limit: usize,
) -> Result<Vec<u8>, PayloadError> {
    let mut body = body;
    for coding in encoding.rsplit(',').map(|c| c.trim().to_ascii_lowercase()) {
        body = match coding.as_str() {
            "" | "identity" | "none" => body,
            "gzip" | "x-gzip" => {
                inflate(flate2::read::MultiGzDecoder::new(&body[..]), "gzip", limit)?
            }
            "deflate" => {
                // "deflate" is zlib-wrapped by the standard and raw by some servers: try both.
                inflate(flate2::read::ZlibDecoder::new(&body[..]), "deflate", limit).or_else(
                    |_| {
                        inflate(
                            flate2::read::DeflateDecoder::new(&body[..]),
                            "deflate",
                            limit,
                        )
                    },
                )?
            }
            "br" => inflate(
                brotli_decompressor::Decompressor::new(&body[..], 4096),
                "br",
                limit,
            )?,
            other => return Err(PayloadError::UnknownEncoding(other.to_string())),
        };
    }
    Ok(body)
}

/// Reads a decoder to its end or to `limit`; a stream cut short keeps what inflated before the
/// cut (captures are often truncated), an unreadable one is an error.
fn inflate(decoder: impl Read, coding: &str, limit: usize) -> Result<Vec<u8>, PayloadError> {
    let mut out = Vec::new();
    match decoder.take(limit as u64).read_to_end(&mut out) {
        Ok(_) => Ok(out),
        Err(_) if !out.is_empty() => Ok(out),
        Err(e) => Err(PayloadError::Corrupt {
            coding: coding.to_string(),
            message: e.to_string(),
        }),
    }
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value, as an encoding.
pub fn charset(content_type: &str) -> Option<&'static encoding_rs::Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        encoding_rs::Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_head_is_parsed_and_the_payload_found() {
        let raw =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html;\r\n charset=utf-8\r\nX: 1\r\n\r\n<p>hi";
        let (head, at) = parse_head(raw).unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(head.get("content-type"), Some("text/html; charset=utf-8"));
        assert_eq!(&raw[at..], b"<p>hi");
        assert!(parse_head(b"<html>no head").is_none());
        assert_eq!(
            parse_head(b"HTTP/1.0 404 Not Found\n\nx").unwrap().0.status,
            404
        );
    }

    #[test]
    fn chunked_payloads_are_joined_and_a_cut_one_keeps_its_start() {
        let body = b"5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
        assert_eq!(dechunk(body, 1 << 20).unwrap(), b"Hello, world");
        assert_eq!(dechunk(&body[..22], 1 << 20).unwrap(), b"Hello, w");
        assert!(matches!(
            dechunk(b"zz\r\nabc", 100),
            Err(PayloadError::BadChunk(_))
        ));
        assert_eq!(dechunk(body, 3).unwrap(), b"Hel");
    }

    #[test]
    fn content_codings_are_undone() {
        let text = b"<p>Caf\xc3\xa9 ferry delayed</p>".repeat(20);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(decode_content(gz.clone(), "gzip", 1 << 20).unwrap(), text);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&text).unwrap();
        assert_eq!(
            decode_content(z.finish().unwrap(), "deflate", 1 << 20).unwrap(),
            text
        );
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(&text).unwrap();
        assert_eq!(
            decode_content(raw.finish().unwrap(), "Deflate", 1 << 20).unwrap(),
            text
        );
        // "hello hello hello\n" compressed by Python's brotli module (quality 11).
        let br = b"\x8b\x08\x80\x68\x65\x6c\x6c\x6f\x20\x68\x65\x6c\x6c\x6f\x20\x68\x65\x6c\x6c\x6f\x0a\x03";
        assert_eq!(
            decode_content(br.to_vec(), "br", 100).unwrap(),
            b"hello hello hello\n"
        );
        assert!(matches!(
            decode_content(b"x".to_vec(), "zstd", 10),
            Err(PayloadError::UnknownEncoding(_))
        ));
        assert!(matches!(
            decode_content(b"not gzip".to_vec(), "gzip", 10),
            Err(PayloadError::Corrupt { .. })
        ));
        // A truncated gzip payload keeps what inflated.
        let long = "paragraph of text ".repeat(5000);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(long.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let cut = decode_content(gz[..gz.len() / 2].to_vec(), "gzip", 1 << 20).unwrap();
        assert!(!cut.is_empty() && long.as_bytes().starts_with(&cut));
    }

    #[test]
    fn media_types_and_charsets() {
        assert_eq!(media_type("Text/HTML; charset=ISO-8859-1"), "text/html");
        assert_eq!(
            charset("text/html; charset=\"ISO-8859-1\""),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(charset("text/html"), None);
        assert_eq!(charset("text/html; charset=nonsense"), None);
    }
}
