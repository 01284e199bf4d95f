#!/usr/bin/env bash
# Records the demo corpus with the installed wget (scripts/warc_fixtures.sh --wget-only) and
# checks that `morgue index crawl.warc.gz` answers searches exactly as `morgue index corpus`
# does (same ids, headlines, dates, people, snippets), with `captured` set on every hit.
# Usage: scripts/warc_check.sh PATH/TO/morgue
set -euo pipefail
cd "$(dirname "$0")/.."
morgue="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bash scripts/warc_fixtures.sh --wget-only "$work" >/dev/null
mv "$work/corpus-wget.warc.gz" "$work/crawl.warc.gz"
"$morgue" --index "$work/direct" index corpus 2>/dev/null
"$morgue" --index "$work/warc" index "$work/crawl.warc.gz" 2>/dev/null
for query in "" putin "election" "--person Musk"; do
    # shellcheck disable=SC2086
    "$morgue" --index "$work/direct" search $query --limit 100 --format jsonl >"$work/a.jsonl" || true
    # shellcheck disable=SC2086
    "$morgue" --index "$work/warc" search $query --limit 100 --format jsonl >"$work/b.jsonl" || true
    python3 - "$work/a.jsonl" "$work/b.jsonl" "$query" <<'PY'
import json, sys
keys = ["id", "headline", "date", "people", "authors", "snippet"]
a, b = ([json.loads(l) for l in open(p)] for p in sys.argv[1:3])
assert a, f"no hits for {sys.argv[3]!r}"
# Hits with equal scores (or dates) come in index order, which parallel indexing varies.
rows = lambda hits: sorted([round(h["score"], 3)] + [json.dumps(h[k]) for k in keys] for h in hits)
assert rows(a) == rows(b), f"results differ for {sys.argv[3]!r}"
assert all(h.get("captured") and "#" in h["path"] for h in b), "a hit from the WARC lacks captured or its ARCHIVE#OFFSET path"
PY
done
echo "warc check: a WARC recorded by $(wget --version | head -1 | cut -d' ' -f1-3) searches like the corpus"
