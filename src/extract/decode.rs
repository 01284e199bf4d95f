//! Bytes to text: gzip, byte-order marks, declared charsets, and detection.
//!
//! A page is never dropped for its bytes: undecodable sequences become U+FFFD.

use encoding_rs::{Encoding, UTF_8};
use std::io::Read;
use std::sync::LazyLock;

/// How much of an HTML page is searched for a `<meta charset>` declaration (saved pages
/// often put kilobytes of inline CSS before it).
const PRESCAN_BYTES: usize = 16 << 10;

/// Decompresses a gzip stream, reading at most `limit` bytes of output.
///
/// A truncated stream yields what could be inflated before the cut, so a damaged
/// archive still gives its first pages of text; an unreadable one is an error.
pub fn gunzip(bytes: &[u8], limit: usize) -> std::io::Result<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    let mut decoder = flate2::read::MultiGzDecoder::new(bytes).take(limit as u64 + 1);
    match decoder.read_to_end(&mut out) {
        Ok(_) => {}
        Err(e) if !out.is_empty() && e.kind() == std::io::ErrorKind::UnexpectedEof => {}
        Err(e) => return Err(e),
    }
    let capped = out.len() > limit;
    out.truncate(limit);
    Ok((out, capped))
}

/// Decodes page bytes to text, honouring BOMs, then declarations, then detection.
pub fn decode(bytes: &[u8], is_html: bool) -> String {
    let encoding = sniff(bytes, is_html);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// Picks the encoding of a page: BOM, then a declared charset, then valid UTF-8, then detection.
pub fn sniff(bytes: &[u8], is_html: bool) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    let declared = if is_html {
        declared_charset(bytes)
    } else {
        None
    };
    let utf8_ok = std::str::from_utf8(bytes).is_ok() || valid_utf8_prefix(bytes);
    match declared {
        // A UTF-8 declaration over bytes that are not UTF-8 is a lie we often meet
        // in re-saved pages; trust the bytes.
        Some(enc) if enc == UTF_8 && !utf8_ok => detect(bytes),
        Some(enc) => enc,
        None if utf8_ok => UTF_8,
        None => detect(bytes),
    }
}

/// Decodes page bytes whose transport (an HTTP `Content-Type`) named a charset; see
/// [`sniff_with_hint`].
pub fn decode_with_hint(bytes: &[u8], is_html: bool, hint: Option<&'static Encoding>) -> String {
    let (text, _, _) = sniff_with_hint(bytes, is_html, hint).decode(bytes);
    text.into_owned()
}

/// Picks the encoding of a page that came with a transport charset: a BOM first, then the
/// transport's charset, unless the page's own `<meta charset>` disagrees and the bytes bear
/// the page out (servers often send a default charset that the page knows better).
pub fn sniff_with_hint(
    bytes: &[u8],
    is_html: bool,
    hint: Option<&'static Encoding>,
) -> &'static Encoding {
    let Some(hint) = hint else {
        return sniff(bytes, is_html);
    };
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    // Without a BOM the bytes cannot be UTF-16, whatever the header says (as browsers decide).
    let hint = if hint == encoding_rs::UTF_16LE || hint == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        hint
    };
    let declared = if is_html {
        declared_charset(bytes)
    } else {
        None
    };
    let utf8_ok = std::str::from_utf8(bytes).is_ok() || valid_utf8_prefix(bytes);
    match declared {
        _ if bytes.is_ascii() => hint,
        Some(page) if page != hint => {
            if page == UTF_8 {
                if utf8_ok {
                    UTF_8
                } else {
                    hint
                }
            } else if hint == UTF_8 {
                if utf8_ok {
                    UTF_8
                } else {
                    page
                }
            } else if detect(bytes) == page {
                page
            } else {
                hint
            }
        }
        _ if hint == UTF_8 && !utf8_ok => detect(bytes),
        _ => hint,
    }
}

/// True when the bytes are UTF-8 except for a sequence cut at the very end.
fn valid_utf8_prefix(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// Detection looks at this much of a page: enough to decide, and bounded on huge pages.
const DETECT_BYTES: usize = 64 << 10;

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    let sample = &bytes[..bytes.len().min(DETECT_BYTES)];
    detector.feed(sample, sample.len() == bytes.len());
    detector.guess(None, true)
}

static CHARSET_RE: LazyLock<regex::bytes::Regex> = LazyLock::new(|| {
    regex::bytes::Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).unwrap()
});

/// The charset named by `<meta charset>` or `http-equiv` in the head of the page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = CHARSET_RE.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    // A page that reached us as bytes cannot really be UTF-16 without a BOM;
    // browsers treat such a declaration as UTF-8 too.
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(enc)
}

/// True when decoded text looks like a binary file rather than a page.
pub fn looks_binary(text: &str) -> bool {
    let (mut seen, mut bad) = (0usize, 0usize);
    for c in text.chars().take(2048) {
        seen += 1;
        bad += usize::from(c == '\0' || c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()));
    }
    seen > 0 && bad * 10 > seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        assert!(decode(page, true).contains("café"));
    }

    #[test]
    fn http_equiv_is_honoured() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>M\xfcller</p>";
        assert!(decode(page, true).contains("Müller"));
    }

    #[test]
    fn bom_wins_over_declaration() {
        let mut page = vec![0xFF, 0xFE];
        for u in "<meta charset=latin1><p>Zoë</p>".encode_utf16() {
            page.extend_from_slice(&u.to_le_bytes());
        }
        assert!(decode(&page, true).contains("Zoë"));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let page = b"<p>Der B\xfcrgermeister sagte, die Stra\xdfe werde f\xfcr den Verkehr gesperrt, w\xe4hrend die Arbeiten laufen.</p>";
        assert!(decode(page, true).contains("Bürgermeister"));
    }

    #[test]
    fn lying_utf8_declaration_is_overruled() {
        let page = b"<meta charset=utf-8><p>Les \xe9lecteurs fran\xe7ais ont vot\xe9 dimanche pour le pr\xe9sident.</p>";
        assert!(decode(page, true).contains("électeurs"));
    }

    #[test]
    fn binary_is_recognised() {
        let junk: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(looks_binary(&decode(&junk, true)));
        assert!(!looks_binary("<p>plain text</p>"));
    }

    #[test]
    fn a_transport_charset_is_the_first_hint_and_the_page_wins_when_the_bytes_agree() {
        let latin = b"<meta charset=windows-1252><p>caf\xe9 cr\xe8me</p>";
        let utf8 = "<meta charset=utf-8><p>café crème</p>".as_bytes();
        let koi = b"<p>\xf0\xd2\xc5\xda\xc9\xc4\xc5\xce\xd4 \xd3\xcb\xc1\xda\xc1\xcc, \xde\xd4\xcf \xd7\xd3\xc5 \xc2\xd5\xc4\xc5\xd4 \xc8\xcf\xd2\xcf\xdb\xcf</p>";
        let w1252 = Some(encoding_rs::WINDOWS_1252);
        // The header says UTF-8, the page says windows-1252 and its bytes are not UTF-8: the page wins.
        assert!(decode_with_hint(latin, true, Some(UTF_8)).contains("café crème"));
        // The header says latin-1 (a server default), the page says UTF-8 and its bytes are: the page wins.
        assert!(decode_with_hint(utf8, true, w1252).contains("café crème"));
        // The page says nothing: the header decides, even where detection might guess otherwise.
        assert!(decode_with_hint(koi, true, Some(encoding_rs::KOI8_R)).contains("Президент"));
        // A header naming UTF-8 over bytes that are not falls back to detection, as without one.
        assert!(decode_with_hint(
            b"<p>Les \xe9lecteurs fran\xe7ais ont vot\xe9 dimanche pour le pr\xe9sident.</p>",
            true,
            Some(UTF_8)
        )
        .contains("électeurs"));
        assert_eq!(
            sniff_with_hint(b"<p>plain</p>", true, None),
            sniff(b"<p>plain</p>", true)
        );
    }

    #[test]
    fn truncated_gzip_yields_its_prefix() {
        use std::io::Write;
        let text = "paragraph of text ".repeat(5000);
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(text.as_bytes()).unwrap();
        let gz = enc.finish().unwrap();
        let (out, capped) = gunzip(&gz[..gz.len() / 2], 1 << 20).unwrap_or_default();
        assert!(!capped);
        assert!(out.starts_with(b"paragraph of text"));
    }
}
