//! Pages saved by a browser as one file (`.mhtml`, `.mht`): a MIME message whose
//! HTML part is the page. The parts are decoded by `mail-parser`, which knows
//! the transfer encodings and charsets browsers use.

/// True for the file names browsers give single-file saves.
pub fn is_mhtml(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("mhtml") || e.eq_ignore_ascii_case("mht"))
}

/// The page's HTML as UTF-8 bytes behind a BOM (so a stale `<meta charset>` in the page
/// cannot re-decode it), or `None` when the message holds no HTML part.
pub fn html_part(bytes: &[u8]) -> Option<Vec<u8>> {
    let message = mail_parser::MessageParser::default().parse(bytes)?;
    let html = message.body_html(0)?;
    let mut out = Vec::with_capacity(html.len() + 3);
    out.extend_from_slice(b"\xEF\xBB\xBF");
    out.extend_from_slice(html.as_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_part_is_decoded_from_quoted_printable() {
        let mhtml = "From: <Saved by Blink>\r\n\
            Subject: Ferry delayed\r\n\
            MIME-Version: 1.0\r\n\
            Content-Type: multipart/related; type=\"text/html\"; boundary=\"----B\"\r\n\
            \r\n\
            ------B\r\n\
            Content-Type: text/html\r\n\
            Content-Transfer-Encoding: quoted-printable\r\n\
            Content-Location: https://example.org/ferry\r\n\
            \r\n\
            <html><head><meta charset=3D\"windows-1252\"></head><body><p>Caf=C3=A9 ferry =\r\n\
            delayed</p></body></html>\r\n\
            ------B\r\n\
            Content-Type: image/png\r\n\
            Content-Transfer-Encoding: base64\r\n\
            \r\n\
            iVBORw0KGgo=\r\n\
            ------B--\r\n";
        let html = String::from_utf8(html_part(mhtml.as_bytes()).unwrap()).unwrap();
        assert!(html.contains("<p>Café ferry delayed</p>"), "{html}");
        assert!(html.starts_with('\u{feff}'));
        assert!(is_mhtml(std::path::Path::new("a/Page.MHT")));
        assert!(html_part(b"just some words").is_none());
    }
}
