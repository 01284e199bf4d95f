#!/usr/bin/env python3
"""Writes tests/fixtures/warc/warcio.warc.gz with Python's warcio, from our own corpus pages.

Each record is its own gzip member (warcio's default). The captures cover what a crawler
meets and morgue must decode: a chunked and gzip-encoded payload, deflate and br payloads,
a charset given only by the HTTP header (the page's own <meta> says otherwise and its bytes
say the header is right), a header that lies about UTF-8 (the page's http-equiv is right),
a revisit of the first page, a request, a 404, an image and a text page as a resource.
Capture dates are fixed, so tests can filter on them.

Needs: pip install warcio brotli
Usage: python3 scripts/warcio_fixture.py OUT.warc.gz
"""
import gzip
import io
import sys
import zlib
from pathlib import Path

import brotli
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
HOST = "http://news.example"


def chunked(body, size=1000):
    out = b""
    for i in range(0, len(body), size):
        part = body[i : i + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def main(path):
    with open(path, "wb") as out:
        w = WARCWriter(out, gzip=True)
        w.write_record(w.create_warcinfo_record("warcio.warc.gz", {"software": "warcio", "format": "WARC File Format 1.1"}))

        def response(uri, date, body, headers, status="200 OK"):
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            rec = w.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
            w.write_record(rec)
            return rec

        # 1. Chunked and gzip-encoded, with the request before it.
        page = (CORPUS / "meridian-post/musk-putin-clubhouse-invitation.html").read_bytes()
        uri1 = HOST + "/meridian-post/musk-putin-clubhouse-invitation.html"
        req = w.create_warc_record(
            uri1, "request", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders("GET /meridian-post/musk-putin-clubhouse-invitation.html HTTP/1.1",
                                          [("Host", "news.example")], is_http_request=True),
            warc_headers_dict={"WARC-Date": "2021-01-15T10:00:00Z"},
        )
        w.write_record(req)
        first = response(uri1, "2021-01-15T10:00:00Z", chunked(gzip.compress(page)), [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Encoding", "gzip"),
            ("Transfer-Encoding", "chunked"),
        ])
        # 2. br.
        page = (CORPUS / "harbor-ledger/ever-given-container-ship-blocks-suez-canal.html").read_bytes()
        response(HOST + "/harbor-ledger/ever-given-container-ship-blocks-suez-canal.html",
                 "2021-01-20T08:30:00Z", brotli.compress(page),
                 [("Content-Type", "text/html"), ("Content-Encoding", "br")])
        # 3. deflate (zlib-wrapped, as the standard says).
        page = (CORPUS / "valley-courier/nasa-perseverance-rover-lands-on-mars.html").read_bytes()
        response(HOST + "/valley-courier/nasa-perseverance-rover-lands-on-mars.html",
                 "2021-03-02T12:00:00Z", zlib.compress(page),
                 [("Content-Type", "text/html"), ("Content-Encoding", "deflate")])
        # 4. The page says <meta charset="utf-8">, but the server sent windows-1252 bytes and said so.
        page = (CORPUS / "valley-courier/messi-argentina-world-cup-final-shootout.html").read_text("utf-8")
        response(HOST + "/valley-courier/messi-argentina-world-cup-final-shootout.html",
                 "2021-06-01T09:00:00Z", page.encode("cp1252"),
                 [("Content-Type", "text/html; charset=windows-1252")])
        # 5. The server claims UTF-8 over latin-1 bytes; the page's http-equiv is right.
        page = (CORPUS / "northern-gazette/fire-ravages-notre-dame-cathedral.html").read_bytes()
        response(HOST + "/northern-gazette/fire-ravages-notre-dame-cathedral.html",
                 "2021-06-02T09:00:00Z", page, [("Content-Type", "text/html; charset=utf-8")])
        # 6. A revisit of the first page: the same payload seen again, no new content.
        rev = w.create_revisit_record(
            uri1, digest=first.rec_headers.get_header("WARC-Payload-Digest"),
            refers_to_uri=uri1, refers_to_date="2021-01-15T10:00:00Z",
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": "2022-01-01T00:00:00Z"},
        )
        w.write_record(rev)
        # 7. Not pages: a 404 and an image.
        response(HOST + "/gone.html", "2021-06-03T09:00:00Z", b"<html><title>Not found</title></html>",
                 [("Content-Type", "text/html")], status="404 Not Found")
        response(HOST + "/logo.png", "2021-06-03T09:00:01Z", b"\x89PNG\r\n\x1a\n" + bytes(200),
                 [("Content-Type", "image/png")])
        # 8. A page saved as text, as a resource record.
        text = (CORPUS / "capital-daily/gst-rolls-out-at-midnight.txt").read_bytes()
        w.write_record(w.create_warc_record(
            HOST + "/capital-daily/gst-rolls-out-at-midnight.txt", "resource",
            payload=io.BytesIO(text), warc_content_type="text/plain; charset=utf-8",
            warc_headers_dict={"WARC-Date": "2020-12-31T23:00:00Z"},
        ))
        # 9. Metadata about a capture.
        w.write_record(w.create_warc_record(
            uri1, "metadata", payload=io.BytesIO(b"outlinks: none\n"),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Date": "2021-01-15T10:00:01Z"},
        ))
    print(f"wrote {path} ({Path(path).stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
