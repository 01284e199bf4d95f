//! Issue 16: the histogram of a result set, co-mentions (`people --with`), CSV output and
//! `morgue export`, each checked against a brute-force reading of what the index stores.

use crate::util::*;
use chrono::{Datelike, Months, NaiveDate};
use predicates::prelude::PredicateBooleanExt;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// A page written for these tests: quotes and commas in the headline, paragraphs in the body.
const TRAM_PAGE: &str = r#"<!doctype html>
<html><head><meta charset="utf-8">
<title>Mayor says "no, never" to the tram, council disagrees | The Quayside Herald</title>
<meta property="og:site_name" content="The Quayside Herald">
<meta property="article:published_time" content="2022-03-09T08:15:00+00:00">
<link rel="canonical" href="https://quayside.example/news/2022/03/09/tram-vote">
</head><body>
<article>
<h1>Mayor says "no, never" to the tram, council disagrees</h1>
<p class="byline">By Morwenna Pascoe, Tobias Renwick</p>
<p>Mayor Agnes Thornbury told the council on Tuesday that the city would "never, ever" pay for a tram line along the quay, a week after councillors voted 31 to 12 in favour of a feasibility study.</p>
<p>Councillor Idris Penhallow, who proposed the study, said the mayor's veto was "a decision made before the facts are in", and that the tram, the buses and the ferries should be planned together.</p>
<p>Thornbury said the money, about 40 million pounds, would be better spent on roads, bridges and the harbour wall, which engineers have described as "tired, cracked and overdue for repair".</p>
</article>
</body></html>
"#;

/// The shipped corpus plus the tram page, indexed.
fn corpus_with_tram() -> Scratch {
    let s = Scratch::new();
    let corpus = s.copy_corpus();
    std::fs::write(corpus.join("tram.html"), TRAM_PAGE).unwrap();
    s.morgue(&["index", corpus.to_str().unwrap()])
        .assert()
        .success();
    s
}

/// Every hit of a search (all of them, in JSON Lines).
/// Every matching article, copies of one story included (histograms, co-mentions and export
/// count articles, not the stories search shows).
fn all_hits(s: &Scratch, args: &[&str]) -> Vec<Value> {
    let mut full = vec![
        "search",
        "--all-copies",
        "--limit",
        "10000",
        "--format",
        "jsonl",
    ];
    full.extend_from_slice(args);
    jsonl_of(s.morgue(&full))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

/// The first day of the bucket holding `day`, as the histogram defines buckets.
fn bucket_start(day: NaiveDate, interval: &str) -> NaiveDate {
    match interval {
        "year" => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap(),
        "month" => day.with_day(1).unwrap(),
        "week" => day - chrono::Duration::days(day.weekday().num_days_from_monday() as i64),
        _ => day,
    }
}

fn next_bucket(start: NaiveDate, interval: &str) -> NaiveDate {
    match interval {
        "year" => start + Months::new(12),
        "month" => start + Months::new(1),
        "week" => start + chrono::Duration::days(7),
        _ => start + chrono::Duration::days(1),
    }
}

/// The histogram worked out from the stored dates of every hit: the publisher's calendar day
/// (the first ten characters of the RFC 3339 date), empty buckets inside the range included.
fn brute_histogram(hits: &[Value], interval: &str) -> (Vec<(String, u64)>, u64) {
    let mut counts: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    let mut undated = 0;
    for hit in hits {
        match hit["date"].as_str() {
            Some(d) => {
                let day = NaiveDate::parse_from_str(&d[..10], "%Y-%m-%d").unwrap();
                *counts.entry(bucket_start(day, interval)).or_insert(0) += 1;
            }
            None => undated += 1,
        }
    }
    let mut out = Vec::new();
    if let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().last()) {
        let mut start = first;
        while start <= last {
            out.push((start.to_string(), counts.get(&start).copied().unwrap_or(0)));
            start = next_bucket(start, interval);
        }
    }
    (out, undated)
}

#[test]
fn histogram_counts_match_a_brute_force_count_of_stored_dates() {
    let s = corpus_with_tram();
    let requests: [&[&str]; 5] = [
        &[],
        &["putin"],
        &["--from", "2019-03", "--to", "2023"],
        &["--person", "Trump"],
        &["president", "--to", "2021-06-30"],
    ];
    for args in requests {
        let hits = all_hits(&s, args);
        assert!(!hits.is_empty(), "{args:?} found nothing");
        for interval in ["year", "month", "week", "day"] {
            let mut full = vec!["search", "--histogram", interval, "--format", "json"];
            full.extend_from_slice(args);
            let v = json_of(s.morgue(&full));
            let got: Vec<(String, u64)> = v["histogram"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| {
                    (
                        b["start"].as_str().unwrap().to_string(),
                        b["count"].as_u64().unwrap(),
                    )
                })
                .collect();
            let (want, undated) = brute_histogram(&hits, interval);
            assert_eq!(got, want, "{args:?} by {interval}");
            assert_eq!(v["undated"], undated, "{args:?}");
            assert_eq!(v["interval"], interval);
            assert_eq!(v["total_articles"], hits.len());
            // The histogram counts the whole result set, not the page of hits shown.
            assert!(v["hits"].as_array().unwrap().len() <= 10);
        }
    }
}

#[test]
fn histogram_of_everything_says_how_many_articles_have_no_date() {
    let s = corpus_index();
    let hits = all_hits(s, &[]);
    let undated = hits.iter().filter(|h| h["date"].is_null()).count();
    assert!(undated > 0, "the demo corpus has an undated page");
    let v = json_of(s.morgue(&[
        "search",
        "--histogram",
        "year",
        "--limit",
        "0",
        "--format",
        "json",
    ]));
    assert_eq!(v["undated"], undated);
    let dated: u64 = v["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    assert_eq!(dated as usize + undated, hits.len());
}

#[test]
fn histogram_text_is_a_bar_chart_within_100_columns() {
    let s = corpus_index();
    let out = s
        .morgue(&[
            "search",
            "--histogram",
            "month",
            "--from",
            "2021",
            "--to",
            "2021",
            "--format",
            "text",
            "--limit",
            "1",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let chart: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("matching articles per month"))
        .skip(1)
        .collect();
    let v = json_of(s.morgue(&[
        "search",
        "--histogram",
        "month",
        "--from",
        "2021",
        "--to",
        "2021",
        "--format",
        "json",
    ]));
    let buckets = v["histogram"].as_array().unwrap();
    assert_eq!(chart.len(), buckets.len(), "{text}");
    for (row, b) in chart.iter().zip(buckets) {
        assert!(row.chars().count() <= 100, "{row}");
        let mut cols = row.split_whitespace();
        assert_eq!(cols.next().unwrap(), &b["start"].as_str().unwrap()[..7]);
        assert_eq!(cols.next().unwrap(), b["count"].to_string());
        // A bar for every non-empty month, none for an empty one.
        assert_eq!(
            cols.next().is_some(),
            b["count"].as_u64().unwrap() > 0,
            "{row}"
        );
    }
    // The hits are still listed above the chart.
    assert!(text.contains("hits 1-1 of"), "{text}");
}

#[test]
fn histogram_is_not_put_in_json_lines_or_csv() {
    let s = corpus_index();
    for format in ["jsonl", "csv"] {
        s.morgue(&["search", "putin", "--histogram", "year", "--format", format])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("--format json"));
    }
    // Piped without --format, a histogram comes as one JSON document.
    let v = json_of(s.morgue(&["search", "putin", "--histogram", "year"]));
    assert!(v["histogram"].is_array());
    s.morgue(&["search", "putin", "--histogram", "fortnight"])
        .assert()
        .code(2);
}

/// Co-mention counts worked out from the stored people of the articles in `hits`.
fn brute_co_mentions(hits: &[Value], person: &str) -> (u64, Vec<(String, u64)>) {
    let mut counts: HashMap<String, u64> = HashMap::new();
    let mut articles = 0;
    for hit in hits {
        let people: HashSet<String> = strings(&hit["people"]).into_iter().collect();
        if !people.contains(person) {
            continue;
        }
        articles += 1;
        for other in people.into_iter().filter(|p| p != person) {
            *counts.entry(other).or_insert(0) += 1;
        }
    }
    let mut list: Vec<(String, u64)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    (articles, list)
}

fn co_mentions_of(s: &Scratch, args: &[&str]) -> (String, u64, Vec<(String, u64)>) {
    let mut full = vec!["people", "--limit", "10000", "--format", "json"];
    full.extend_from_slice(args);
    let v = json_of(s.morgue(&full));
    let with = v["with"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    (
        v["person"].as_str().unwrap().to_string(),
        v["articles"].as_u64().unwrap(),
        with,
    )
}

#[test]
fn co_mentions_match_the_stored_people() {
    let s = corpus_with_tram();
    let cases: [(&str, &[&str], &[&str]); 5] = [
        ("Vladimir Putin", &["--with", "Vladimir Putin"], &[]),
        ("Donald Trump", &["--with", "Donald Trump"], &[]),
        ("Idris Penhallow", &["--with", "penhallow"], &[]),
        (
            "Donald Trump",
            &[
                "--with",
                "Donald Trump",
                "--from",
                "2017",
                "--to",
                "2020-12-31",
            ],
            &["--from", "2017", "--to", "2020-12-31"],
        ),
        (
            "Vladimir Putin",
            &["--with", "Vladimir Putin", "kremlin"],
            &["kremlin"],
        ),
    ];
    for (person, people_args, search_args) in cases {
        let hits = all_hits(&s, search_args);
        let (want_articles, want) = brute_co_mentions(&hits, person);
        assert!(want_articles > 0, "{person} is in the corpus");
        let (name, articles, with) = co_mentions_of(&s, people_args);
        assert_eq!(name, person);
        assert_eq!(articles, want_articles, "{people_args:?}");
        assert_eq!(with, want, "{people_args:?}");
    }
}

#[test]
fn putin_is_mentioned_most_with_peskov() {
    let s = corpus_index();
    let (_, _, with) = co_mentions_of(s, &["--with", "Vladimir Putin"]);
    let first: Vec<&str> = with.iter().take(3).map(|(n, _)| n.as_str()).collect();
    assert!(first.contains(&"Dmitry Peskov"), "{with:?}");
    // A surname alone, in any case, is the same person.
    assert_eq!(co_mentions_of(s, &["--with", "putin"]).2, with);
    let text = s
        .morgue(&["people", "--with", "Putin", "--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("Vladimir Putin: "), "{text}");
    assert!(text.contains("Dmitry Peskov"), "{text}");
}

#[test]
fn an_ambiguous_surname_lists_the_candidates() {
    let s = corpus_index();
    // The demo corpus mentions Donald Trump and Melania Trump.
    s.morgue(&["people", "--with", "Trump"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicates::str::contains("Donald Trump (")
                .and(predicates::str::contains("Melania Trump ("))
                .and(predicates::str::contains("give the full name")),
        );
    s.morgue(&["people", "--with", "Nobody Atall"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no one named \"Nobody Atall\""));
    s.morgue(&["people", "--with", "--"]).assert().code(2);
}

/// Parses CSV with the csv crate's reader: the header and the records.
fn parse_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn search_csv_parses_back_to_the_same_hits() {
    let s = corpus_with_tram();
    for args in [&["tram", "council"][..], &["--person", "Putin"], &["the"]] {
        let mut csv_args = vec!["search", "--format", "csv", "--limit", "50"];
        csv_args.extend_from_slice(args);
        let out = s.morgue(&csv_args).output().unwrap();
        assert!(out.status.success());
        let (header, rows) = parse_csv(&out.stdout);
        assert_eq!(
            header,
            [
                "rank", "date", "headline", "site", "url", "path", "people", "authors", "snippet",
                "id"
            ]
        );
        let mut json_args = vec!["search", "--format", "jsonl", "--limit", "50"];
        json_args.extend_from_slice(args);
        let hits = jsonl_of(s.morgue(&json_args));
        assert_eq!(rows.len(), hits.len(), "{args:?}");
        for (row, hit) in rows.iter().zip(&hits) {
            let text = |k: &str| hit[k].as_str().unwrap_or("").to_string();
            assert_eq!(row[0], hit["rank"].to_string());
            assert_eq!(row[1], text("date"));
            assert_eq!(row[2], text("headline"));
            assert_eq!(row[3], text("site"));
            assert_eq!(row[4], text("url"));
            assert_eq!(row[5], text("path"));
            assert_eq!(row[6], strings(&hit["people"]).join("; "));
            assert_eq!(row[7], strings(&hit["authors"]).join("; "));
            assert_eq!(row[8], text("snippet"));
            assert!(!row[8].contains("<b>"));
            assert_eq!(row[9], text("id"));
        }
    }
    // The tram page's quotes and commas survive the round trip.
    let out = s
        .morgue(&["search", "tram", "mayor", "--format", "csv"])
        .output()
        .unwrap();
    let (_, rows) = parse_csv(&out.stdout);
    assert_eq!(
        rows[0][2],
        "Mayor says \"no, never\" to the tram, council disagrees"
    );
    assert_eq!(rows[0][7], "Morwenna Pascoe; Tobias Renwick");
    // No hits: the header alone, and grep's exit status.
    s.morgue(&["search", "zzyzxqv", "--format", "csv"])
        .assert()
        .code(1)
        .stdout("rank,date,headline,site,url,path,people,authors,snippet,id\n");
}

#[test]
fn export_writes_every_article_in_full() {
    let s = corpus_with_tram();
    let stats = json_of(s.morgue(&["stats", "--format", "json"]));
    let exported = jsonl_of(s.morgue(&["export"]));
    assert_eq!(exported.len() as u64, stats["articles"].as_u64().unwrap());
    let ids: HashSet<&str> = exported.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), exported.len(), "each article once");
    let listed: HashSet<String> = all_hits(&s, &[])
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        listed.iter().map(String::as_str).collect::<HashSet<_>>()
    );
    for a in &exported {
        assert!(!a["body"].as_str().unwrap().is_empty(), "{a}");
        for key in [
            "path", "url", "site", "headline", "date", "authors", "people",
        ] {
            assert!(a.get(key).is_some(), "missing {key} in {a}");
        }
    }
    // The same article as `show` gives it.
    let tram = exported
        .iter()
        .find(|a| a["headline"].as_str().unwrap().starts_with("Mayor says"))
        .unwrap();
    let shown = json_of(s.morgue(&["show", tram["id"].as_str().unwrap(), "--format", "json"]));
    assert_eq!(&shown, tram);
}

#[test]
fn export_applies_the_query_and_filters_of_search() {
    let s = corpus_with_tram();
    let cases: [&[&str]; 4] = [
        &["putin"],
        &["--person", "Trump"],
        &["--from", "2019", "--to", "2021-06"],
        &["president", "--from", "2016"],
    ];
    for args in cases {
        let mut full = vec!["export"];
        full.extend_from_slice(args);
        let exported: HashSet<String> = jsonl_of(s.morgue(&full))
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect();
        let found: HashSet<String> = all_hits(&s, args)
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect();
        assert!(!found.is_empty());
        assert_eq!(exported, found, "{args:?}");
    }
    s.morgue(&["export", "zzyzxqv"]).assert().code(1).stdout("");
    s.morgue(&["export", "--from", "2021-13"]).assert().code(2);
}

#[test]
fn export_csv_keeps_bodies_with_newlines_quotes_and_commas() {
    let s = corpus_with_tram();
    let exported = jsonl_of(s.morgue(&["export"]));
    let out = s.morgue(&["export", "--format", "csv"]).output().unwrap();
    assert!(out.status.success());
    let (header, rows) = parse_csv(&out.stdout);
    assert_eq!(
        header,
        [
            "id",
            "date",
            "headline",
            "site",
            "url",
            "path",
            "people",
            "authors",
            "extraction",
            "body"
        ]
    );
    assert_eq!(rows.len(), exported.len());
    for (row, a) in rows.iter().zip(&exported) {
        assert_eq!(row[0], a["id"].as_str().unwrap());
        assert_eq!(row[1], a["date"].as_str().unwrap_or(""));
        assert_eq!(row[2], a["headline"].as_str().unwrap());
        assert_eq!(row[6], strings(&a["people"]).join("; "));
        assert_eq!(row[8], a["extraction"].as_str().unwrap());
        assert_eq!(row[9], a["body"].as_str().unwrap());
    }
    let tram = rows
        .iter()
        .find(|r| r[2].starts_with("Mayor says"))
        .unwrap();
    assert!(tram[9].contains("\n\n") && tram[9].contains("\"never, ever\""));
}

/// `morgue export | head -1`: the reader leaves after one line, and morgue ends quietly.
#[test]
fn export_into_a_closed_pipe_ends_quietly() {
    let s = corpus_with_tram();
    for format in ["jsonl", "csv"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("morgue"))
            .current_dir(root())
            .env_remove("MORGUE_INDEX")
            .arg("--index")
            .arg(s.index())
            .args(["export", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The export is far larger than a pipe's buffer, so morgue is still writing when the
        // reader goes away.
        let mut first = String::new();
        BufReader::with_capacity(64, child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        assert!(!first.is_empty());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{format}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{format}");
    }
}
