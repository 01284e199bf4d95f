//! WARC web archives as input: the fixtures in tests/fixtures/warc were written by real tools
//! (wget and Python's warcio) from our own corpus, by scripts/warc_fixtures.sh.

use crate::util::{json_of, jsonl_of, root, summary_counts, Scratch};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/warc").join(name)
}

/// What must agree between two indexes of the same articles: everything but where they live.
/// Sorted, because hits with equal scores (or dates) come in index order, which parallel
/// indexing varies.
fn comparable(hits: &[Value]) -> Vec<String> {
    let mut rows: Vec<String> = hits
        .iter()
        .map(|h| {
            format!(
                "{:.3} | {} | {} | {} | {} | {} | {}",
                h["score"].as_f64().unwrap(),
                h["id"],
                h["headline"],
                h["date"],
                h["people"],
                h["authors"],
                h["snippet"]
            )
        })
        .collect();
    rows.sort();
    rows
}

/// Every matching article as a hit (copies of one story each count: these tests count articles).
fn search(s: &Scratch, args: &[&str]) -> Vec<Value> {
    let mut all = vec![
        "search",
        "--all-copies",
        "--format",
        "jsonl",
        "--limit",
        "100",
    ];
    all.extend_from_slice(args);
    jsonl_of(s.morgue(&all))
}

#[test]
fn a_wget_warc_of_the_corpus_searches_like_the_corpus() {
    let direct = Scratch::new();
    direct.morgue(&["index", "corpus"]).assert().success();
    let warc = Scratch::new();
    let archive = warc.path().join("crawl.warc.gz");
    std::fs::copy(fixture("corpus-wget.warc.gz"), &archive).unwrap();
    let out = warc
        .morgue(&["-v", "index", archive.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The 404 is not a page; requests, warcinfo and wget's own notes are not even that.
    assert!(stderr.contains("not pages 1"), "{stderr}");
    let [added, ..] = summary_counts(&out.stderr);
    let [direct_added, ..] = summary_counts(
        &direct
            .morgue(&["index", "corpus", "--full"])
            .output()
            .unwrap()
            .stderr,
    );
    assert_eq!(added, direct_added, "{stderr}");

    for query in [
        &[][..],
        &["putin"],
        &["--person", "Musk"],
        &["election", "--sort", "oldest"],
    ] {
        let a = search(&direct, query);
        let b = search(&warc, query);
        assert!(!a.is_empty());
        assert_eq!(comparable(&a), comparable(&b), "query {query:?}");
    }
    // Every article from the archive says where and when it was captured.
    let hits = search(&warc, &[]);
    for h in &hits {
        let path = h["path"].as_str().unwrap();
        assert!(path.contains("crawl.warc.gz#"), "{path}");
        assert!(
            h["url"].as_str().unwrap().starts_with("http://127.0.0.1:"),
            "{h}"
        );
        assert!(h["captured"].as_str().unwrap().ends_with('Z'), "{h}");
    }
    // ... and the corpus's own articles say nothing about captures.
    assert!(search(&direct, &[])[0].get("captured").is_none());

    // `show ARCHIVE#OFFSET` finds the stored article; `extract ARCHIVE#OFFSET` seeks to the record.
    let hit = &hits[0];
    let path = hit["path"].as_str().unwrap();
    let offset = path.rsplit_once('#').unwrap().1;
    let relative = format!("{}#{offset}", archive.display());
    let shown = json_of(warc.morgue(&["show", &relative, "--format", "json"]));
    assert_eq!(shown["id"], hit["id"]);
    assert_eq!(shown["captured"], hit["captured"]);
    let extracted = json_of(warc.morgue(&["extract", &relative, "--format", "json"]));
    assert_eq!(extracted["headline"], hit["headline"]);
    assert_eq!(extracted["captured"], hit["captured"]);
    let text = warc
        .morgue(&["show", &relative, "--format", "text"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("captured: "));
    // `open` copies the captured page out of its record for the opener.
    let opened = warc
        .morgue(&["open", &relative])
        .env("MORGUE_OPENER", "cat")
        .output()
        .unwrap();
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    let page = String::from_utf8_lossy(&opened.stdout);
    let headline = hit["headline"].as_str().unwrap();
    let first_word = headline.split_whitespace().next().unwrap();
    assert!(
        page.contains(first_word),
        "{headline}: {}",
        &page[..page.len().min(300)]
    );
}

#[test]
fn warcio_captures_are_decoded_and_captured_is_searchable() {
    let s = Scratch::new();
    let (stderr, [added, _, _, _, skipped]) = s.index_verbose(&fixture("warcio.warc.gz"));
    // Five HTML responses and one text resource; the revisit, the 404 and the image add nothing.
    assert_eq!((added, skipped), (6, 0), "{stderr}");
    assert!(stderr.contains("not pages 2"), "{stderr}");
    let by_url = |tail: &str| -> Value {
        let hits = search(&s, &[]);
        hits.into_iter()
            .find(|h| h["url"].as_str().unwrap().ends_with(tail))
            .unwrap_or_else(|| panic!("no hit for {tail}"))
    };
    // Chunked and gzip-encoded.
    let clubhouse = by_url("musk-putin-clubhouse-invitation.html");
    assert!(
        clubhouse["headline"]
            .as_str()
            .unwrap()
            .contains("Clubhouse"),
        "{clubhouse}"
    );
    assert_eq!(clubhouse["captured"], "2021-01-15T10:00:00Z");
    // br and deflate.
    assert!(
        by_url("ever-given-container-ship-blocks-suez-canal.html")["headline"]
            .as_str()
            .unwrap()
            .contains("Suez")
    );
    assert!(
        !by_url("nasa-perseverance-rover-lands-on-mars.html")["snippet"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    // windows-1252 bytes, said by the header only: the page's stale <meta charset=utf-8> loses.
    let messi = json_of(s.morgue(&[
        "show",
        "http://news.example/valley-courier/messi-argentina-world-cup-final-shootout.html",
        "--format",
        "json",
    ]));
    let body = messi["body"].as_str().unwrap();
    assert!(!body.contains('\u{FFFD}'), "{body}");
    let direct = json_of(s.morgue(&[
        "extract",
        "corpus/valley-courier/messi-argentina-world-cup-final-shootout.html",
        "--format",
        "json",
    ]));
    assert_eq!(messi["body"], direct["body"]);
    // A header that lies about UTF-8 over latin-1 bytes: the page's http-equiv wins.
    let notre = by_url("fire-ravages-notre-dame-cathedral.html");
    let direct = json_of(s.morgue(&[
        "extract",
        "corpus/northern-gazette/fire-ravages-notre-dame-cathedral.html",
        "--format",
        "json",
    ]));
    assert_eq!(notre["headline"], direct["headline"]);
    assert!(
        notre["headline"].as_str().unwrap().contains("Notre-Dame"),
        "{notre}"
    );
    // The text resource.
    assert!(by_url("gst-rolls-out-at-midnight.txt")["headline"]
        .as_str()
        .unwrap()
        .contains("GST"));

    // captured: ranges (days, both ends included); publication-date filters stay on `date`.
    let january = search(&s, &["captured:[2021-01-01 TO 2021-01-31]"]);
    let mut urls: Vec<&str> = january.iter().map(|h| h["url"].as_str().unwrap()).collect();
    urls.sort();
    assert_eq!(urls.len(), 2, "{urls:?}");
    assert!(urls[0].ends_with("ever-given-container-ship-blocks-suez-canal.html"));
    assert!(urls[1].ends_with("musk-putin-clubhouse-invitation.html"));
    assert_eq!(search(&s, &["captured:2020"]).len(), 1);
    assert_eq!(search(&s, &["captured:2021-06"]).len(), 2);
    let by_date = search(&s, &["--from", "2021-01", "--to", "2021-01"]);
    assert!(by_date
        .iter()
        .all(|h| h["date"].as_str().unwrap().starts_with("2021-01")));
}

/// An uncompressed response record holding a small article titled `title`.
fn good_record(title: &str) -> Vec<u8> {
    let b = page(title);
    record(
        "response",
        &format!("http://a.test/{}", title.replace(' ', "-")),
        &b,
        &b.len().to_string(),
    )
}

fn page(title: &str) -> Vec<u8> {
    response(&format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>The {title} story is told in a paragraph long enough to count as an article body \
         for the extractor, with a second sentence to be sure of it.</p></article></body></html>"
    ))
}

fn members_of(dir: &Path) -> usize {
    std::fs::read(dir.join("morgue-files.json"))
        .map(|raw| {
            let v: Value = serde_json::from_slice(&raw).unwrap();
            v["files"]
                .as_object()
                .unwrap()
                .keys()
                .filter(|k| k.contains(".warc.gz#") || k.contains(".warc#"))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn a_truncated_warc_keeps_every_record_before_the_damage() {
    let s = Scratch::new();
    let whole = std::fs::read(fixture("corpus-wget.warc.gz")).unwrap();
    let archive = s.path().join("cut.warc.gz");
    std::fs::write(&archive, &whole[..whole.len() / 2]).unwrap();
    let (stderr, [added, _, _, _, skipped]) = s.index_verbose(&archive);
    assert!(added >= 15, "{stderr}");
    let damaged: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("skipped ") && !l.contains("same article as"))
        .collect();
    assert_eq!(damaged.len(), 1, "{stderr}");
    let damage = damaged[0];
    assert!(
        damage.contains("cut.warc.gz#") && damage.contains("truncated"),
        "{damage}"
    );
    // The articles kept are exactly those whose records lie before the cut.
    let full = Scratch::new();
    let (_, [all, ..]) = full.index_verbose(&fixture("corpus-wget.warc.gz"));
    let offset: usize = damage
        .split("cut.warc.gz#")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let before = search(&full, &[])
        .iter()
        .filter(|h| {
            let off: usize = h["path"]
                .as_str()
                .unwrap()
                .rsplit_once('#')
                .unwrap()
                .1
                .parse()
                .unwrap();
            off < offset
        })
        .count();
    assert_eq!(added, before, "{stderr}");
    assert!(added < all);
    // A second run names the damage again, and reads nothing.
    let (again, [added, _, _, unchanged, skipped_again]) = s.index_verbose(&archive);
    assert_eq!(
        (added, unchanged, skipped_again),
        (0, before, skipped),
        "{again}"
    );
    assert!(
        again.contains("truncated") && again.contains("unchanged since"),
        "{again}"
    );
}

#[test]
fn warcs_are_incremental_like_files() {
    let s = Scratch::new();
    let dir = s.path().join("archives");
    std::fs::create_dir(&dir).unwrap();
    let whole = std::fs::read(fixture("corpus-wget.warc.gz")).unwrap();
    let archive = dir.join("crawl.warc.gz");
    std::fs::write(&archive, &whole[..whole.len() / 2]).unwrap();
    // Three articles of our own, in an uncompressed archive beside it.
    let own: Vec<u8> = ["Tram line opens", "Bridge repaired", "Harbour dredged"]
        .iter()
        .flat_map(|t| good_record(t))
        .collect();
    std::fs::write(dir.join("own.warc"), own).unwrap();
    let (_, [first, ..]) = s.index_verbose(&dir);
    // Nothing changed: nothing is read.
    let (stderr, [added, updated, removed, unchanged, _]) = s.index_verbose(&dir);
    assert_eq!(
        (added, updated, removed, unchanged),
        (0, 0, 0, first),
        "{stderr}"
    );
    // The crawl grew to its full length: its old records are unchanged, the new ones added.
    std::fs::write(&archive, &whole).unwrap();
    let (stderr, [added, updated, removed, unchanged, _]) = s.index_verbose(&dir);
    assert!(added > 10, "{stderr}");
    assert_eq!((updated, removed), (0, 0), "{stderr}");
    assert_eq!(unchanged, first, "{stderr}");
    let total = first + added;
    assert_eq!(search(&s, &[]).len(), total);
    // A removed archive takes its articles with it.
    std::fs::remove_file(dir.join("own.warc")).unwrap();
    let (stderr, [_, _, removed, unchanged, _]) = s.index_verbose(&dir);
    assert_eq!(removed, 3, "{stderr}");
    assert_eq!(search(&s, &[]).len(), total - 3);
    assert_eq!(unchanged, total - 3);
    assert!(members_of(&s.index()) >= total - 3);
}

/// Writes one uncompressed record.
fn record(kind: &str, uri: &str, block: &[u8], length: &str) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2021-05-04T03:02:01Z\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn response(body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}").into_bytes()
}

#[test]
fn malformed_records_are_skipped_with_a_reason_and_the_rest_indexed() {
    let s = Scratch::new();
    let good = good_record;
    let mut bytes = good("Tram line opens");
    bytes.extend(record(
        "response",
        "http://a.test/x",
        &page("Lost one"),
        "many",
    ));
    bytes.extend(good("Bridge repaired"));
    bytes.extend(b"WARC/1.0\r\nWARC-Type response\r\n\r\n");
    bytes.extend(good("Harbour dredged"));
    let undecodable = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all";
    bytes.extend(record(
        "response",
        "http://a.test/gz",
        undecodable,
        &undecodable.len().to_string(),
    ));
    let archive = s.path().join("bad.warc");
    std::fs::write(&archive, &bytes).unwrap();
    let (stderr, [added, _, _, _, skipped]) = s.index_verbose(&archive);
    assert_eq!((added, skipped), (3, 3), "{stderr}");
    assert!(
        stderr.contains("malformed record: bad Content-Length \"many\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("malformed record: header line without a name"),
        "{stderr}"
    );
    assert!(stderr.contains("cannot decode gzip payload"), "{stderr}");
    let skipped = jsonl_of(s.morgue(&["skipped", "--format", "jsonl"]));
    assert_eq!(skipped.len(), 3);
    // Each article has a captured date and an untitled-page fallback never names the archive.
    for h in search(&s, &[]) {
        assert_eq!(h["captured"], "2021-05-04T03:02:01Z");
    }
}

#[test]
fn extract_reads_every_page_of_an_archive() {
    let s = Scratch::new();
    let lines = jsonl_of(s.morgue(&["extract", fixture("warcio.warc.gz").to_str().unwrap()]));
    assert_eq!(lines.len(), 6);
    assert!(lines
        .iter()
        .all(|l| l["path"].as_str().unwrap().contains("warcio.warc.gz#")));
}
