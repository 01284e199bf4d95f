#!/usr/bin/env bash
# Writes the WARC fixtures of tests/warc.rs from our own demo corpus, with real tools:
#   corpus-wget.warc.gz  the corpus served by `python3 -m http.server` on loopback and
#                        recorded by `wget --warc-file` (one gzip member per record),
#                        plus a URL that answers 404;
#   warcio.warc.gz       written by Python's warcio (scripts/warcio_fixture.py): chunked,
#                        gzip-, deflate- and br-encoded payloads, a charset given only in
#                        the HTTP header, a revisit, a request, an image, a text resource.
# Usage: scripts/warc_fixtures.sh [OUT_DIR]   (default tests/fixtures/warc)
#        scripts/warc_fixtures.sh --wget-only OUT_DIR   (what CI re-records; no warcio needed)
set -euo pipefail
cd "$(dirname "$0")/.."
wget_only=false
if [ "${1:-}" = "--wget-only" ]; then wget_only=true; shift; fi
out="$(mkdir -p "${1:-tests/fixtures/warc}" && cd "${1:-tests/fixtures/warc}" && pwd)"
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# A free loopback port, then the server on it (it logs to the work dir, not the terminal).
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory corpus >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
    sleep 0.1
done

# Every page of the corpus by URL (not a recursive crawl, whose directory listings are not
# articles), and one URL that is not there.
(cd corpus && find . -type f | sort | sed "s|^\./|http://127.0.0.1:$port/|") >"$work/urls.txt"
echo "http://127.0.0.1:$port/no-such-page.html" >>"$work/urls.txt"
# wget exits 8 when a URL answers 404, as one here does on purpose.
(cd "$work" && wget --quiet --warc-file=corpus-wget --no-warc-keep-log -O /dev/null \
    -i urls.txt) || [ $? -eq 8 ]
mv "$work/corpus-wget.warc.gz" "$out/corpus-wget.warc.gz"
echo "wrote $out/corpus-wget.warc.gz ($(wc -c <"$out/corpus-wget.warc.gz") bytes)"

if ! $wget_only; then
    python3 scripts/warcio_fixture.py "$out/warcio.warc.gz"
fi
