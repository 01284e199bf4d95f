//! `morgue serve`: every endpoint and parameter over the router, the error
//! codes, the escaping of hostile pages, and the real binary on loopback
//! (the printed URL, reloading after an index run).

use crate::util::*;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::sync::Arc;
use tower::ServiceExt;

/// A response: status, headers we check, body.
struct Got {
    status: StatusCode,
    csp: String,
    content_type: String,
    body: String,
}

impl Got {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Calls the router in-process, without a socket.
fn get(index: &Path, uri: &str) -> Got {
    let idx = Arc::new(morgue::index::open(index).unwrap());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let response = morgue::serve::router(idx)
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let header = |name| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default()
        };
        let (csp, content_type) = (header("content-security-policy"), header("content-type"));
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Got {
            status,
            csp,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    })
}

fn ok_json(index: &Path, uri: &str) -> Value {
    let got = get(index, uri);
    assert_eq!(got.status, StatusCode::OK, "{uri}: {}", got.body);
    assert!(got.content_type.starts_with("application/json"), "{uri}");
    got.json()
}

fn ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// The hrefs that follow each occurrence of `marker` (an attribute written before the href).
fn hrefs_after(html: &str, marker: &str) -> Vec<String> {
    html.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find("href=\"")? + 6;
            let end = rest[start..].find('"')?;
            Some(rest[start..start + end].replace("&amp;", "&"))
        })
        .collect()
}

/// The href of the first link whose text is `text`.
fn link_to(html: &str, text: &str) -> String {
    let i = html
        .find(&format!(">{text}</a>"))
        .unwrap_or_else(|| panic!("no link {text:?}"));
    let start = html[..i].rfind("href=\"").unwrap() + 6;
    let end = html[start..].find('"').unwrap();
    html[start..start + end].replace("&amp;", "&")
}

#[test]
fn api_search_answers_the_same_hits_as_the_cli() {
    let s = corpus_index();
    let cli = json_of(s.morgue(&[
        "search",
        "--person",
        "Vladimir Putin",
        "clubhouse",
        "--format",
        "json",
    ]));
    let api = ok_json(&s.index(), "/api/search?q=clubhouse&person=Vladimir+Putin");
    assert_eq!(ids(&api), ids(&cli));
    assert_eq!(api["total_hits"], cli["total_hits"]);
    assert_eq!(api["query"], cli["query"]);
    let (a, c) = (&api["hits"][0], &cli["hits"][0]);
    for key in c.as_object().unwrap().keys() {
        assert_eq!(a[key].is_null(), c[key].is_null(), "{key}");
        if key == "path" {
            assert_same_page(&a[key], &c[key]);
        } else if key != "score" {
            assert_eq!(a[key], c[key], "{key}");
        }
    }
    // Without histogram or facets asked for, the answer is exactly the CLI's shape.
    let mut keys: Vec<&String> = api.as_object().unwrap().keys().collect();
    keys.sort();
    let mut cli_keys: Vec<&String> = cli.as_object().unwrap().keys().collect();
    cli_keys.sort();
    assert_eq!(keys, cli_keys);
}

#[test]
fn api_search_honours_every_parameter() {
    let s = corpus_index();
    let idx = s.index();
    let all = ok_json(&idx, "/api/search?limit=1000");
    let total = all["total_hits"].as_u64().unwrap();
    assert!(total >= 40, "{total}");
    assert_eq!(all["hits"].as_array().unwrap().len() as u64, total);

    // Paging: offset/limit slices the same ranking.
    let page2 = ok_json(&idx, "/api/search?limit=5&offset=5");
    assert_eq!(ids(&page2), ids(&all)[5..10]);
    assert_eq!(page2["hits"][0]["rank"], 6);

    // Dates are inclusive and accept YYYY, YYYY-MM, YYYY-MM-DD.
    let y2021 = ok_json(&idx, "/api/search?from=2021&to=2021-12-31&limit=100");
    assert!(y2021["total_hits"].as_u64().unwrap() > 0);
    for hit in y2021["hits"].as_array().unwrap() {
        assert!(hit["date"].as_str().unwrap().starts_with("2021-"), "{hit}");
    }

    // Sort orders.
    let oldest = ok_json(&idx, "/api/search?sort=oldest&limit=1000");
    let dates: Vec<&str> = oldest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["date"].as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let newest = ok_json(&idx, "/api/search?sort=newest&limit=3");
    assert!(newest["hits"][0]["date"].as_str() >= newest["hits"][2]["date"].as_str());

    // Site narrows to one publisher, exactly as a site: clause of the query.
    let site = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|h| h["site"].as_str())
        .unwrap()
        .to_string();
    let by_site = ok_json(
        &idx,
        &format!("/api/search?limit=100&site={}", site.replace(' ', "+")),
    );
    let n = by_site["total_hits"].as_u64().unwrap();
    assert!(n > 0 && n < total);
    for hit in by_site["hits"].as_array().unwrap() {
        assert_eq!(hit["site"], site.as_str());
    }

    // Two people: both must be mentioned.
    let both = ok_json(&idx, "/api/search?person=Putin&person=Elon+Musk&limit=100");
    assert!(both["total_hits"].as_u64().unwrap() > 0);
    for hit in both["hits"].as_array().unwrap() {
        let people = hit["people"].to_string();
        assert!(people.contains("Vladimir Putin") && people.contains("Elon Musk"));
    }
}

#[test]
fn api_facets_and_histogram_count_the_whole_result_set() {
    let s = corpus_index();
    let idx = s.index();
    let v = ok_json(
        &idx,
        "/api/search?q=putin&limit=1&histogram=year&facets=true",
    );
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    let full = ok_json(&idx, "/api/search?q=putin&limit=1000");
    let hits = full["hits"].as_array().unwrap();
    assert_eq!(v["total_hits"], full["total_hits"]);

    // People facet against the people stored with every hit.
    let people = v["facets"]["people"].as_array().unwrap();
    assert!(!people.is_empty());
    for p in people {
        let name = p["name"].as_str().unwrap();
        let brute = hits
            .iter()
            .filter(|h| h["people"].as_array().unwrap().iter().any(|x| x == name))
            .count();
        assert_eq!(p["articles"].as_u64().unwrap() as usize, brute, "{name}");
    }
    assert!(people.iter().any(|p| p["name"] == "Vladimir Putin"));

    // Sites facet.
    let sites = v["facets"]["sites"].as_array().unwrap();
    let site_sum: u64 = sites.iter().map(|s| s["articles"].as_u64().unwrap()).sum();
    assert_eq!(
        site_sum as usize,
        hits.iter().filter(|h| h["site"].is_string()).count()
    );

    // Year histogram: every dated hit in its year, empty years inside the range as 0.
    let buckets = v["histogram"].as_array().unwrap();
    let mut years: Vec<i32> = Vec::new();
    for b in buckets {
        let start = b["start"].as_str().unwrap();
        assert!(start.ends_with("-01-01"), "{start}");
        let year: i32 = start[..4].parse().unwrap();
        if let Some(prev) = years.last() {
            assert_eq!(year, prev + 1, "years must be contiguous");
        }
        years.push(year);
        let brute = hits
            .iter()
            .filter(|h| {
                h["date"]
                    .as_str()
                    .is_some_and(|d| d.starts_with(&start[..4]))
            })
            .count();
        assert_eq!(b["count"].as_u64().unwrap() as usize, brute, "{start}");
    }

    // Month buckets sum to the same total.
    let m = ok_json(&idx, "/api/search?q=putin&limit=1&histogram=month");
    let months: u64 = m["histogram"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["count"].as_u64().unwrap())
        .sum();
    let years_sum: u64 = buckets.iter().map(|b| b["count"].as_u64().unwrap()).sum();
    assert_eq!(months, years_sum);
    assert!(m.get("facets").is_none());
}

#[test]
fn api_article_people_and_stats_match_the_cli() {
    let s = corpus_index();
    let idx = s.index();
    let hit = ok_json(&idx, "/api/search?q=clubhouse&limit=1");
    let id = hit["hits"][0]["id"].as_str().unwrap();
    let api = ok_json(&idx, &format!("/api/article/{id}"));
    let mut cli = json_of(s.morgue(&["show", id, "--format", "json"]));
    // The server gives the stored absolute path; the CLI shows it relative to where it runs.
    assert_same_page(&api["path"], &cli["path"]);
    cli["path"] = api["path"].clone();
    assert_eq!(api, cli);
    assert!(api["body"].as_str().unwrap().len() > 200);

    let api = ok_json(&idx, "/api/people?from=2021&to=2022&limit=5");
    let cli = json_of(s.morgue(&[
        "people", "--from", "2021", "--to", "2022", "--limit", "5", "--format", "json",
    ]));
    assert_eq!(api, cli);
    assert_eq!(api.as_array().unwrap().len(), 5);
    let default = ok_json(&idx, "/api/people");
    assert!(default.as_array().unwrap().len() <= 20);

    let api = ok_json(&idx, "/api/stats");
    let cli = json_of(s.morgue(&["stats", "--format", "json"]));
    assert_eq!(api, cli);
}

#[test]
fn api_errors_are_json_with_4xx_never_500() {
    let s = corpus_index();
    let idx = s.index();
    let cases = [
        ("/api/search?q=nosuchfield:word", 400, "unknown field"),
        ("/api/search?from=2021-02-30", 400, "bad date"),
        ("/api/search?to=yesterday", 400, "bad date"),
        ("/api/search?q=date:[2021-13-01+TO+2022]", 400, "bad date"),
        ("/api/search?sort=random", 400, "bad sort"),
        ("/api/search?limit=100000", 400, "bad limit"),
        ("/api/search?limit=-3", 400, "bad limit"),
        ("/api/search?offset=99999999", 400, "bad offset"),
        ("/api/search?histogram=fortnight", 400, "histogram"),
        ("/api/search?facets=maybe", 400, "facets"),
        ("/api/people?from=20x1", 400, "bad date"),
        ("/api/people?limit=lots", 400, "bad limit"),
        ("/api/article/0000000000000000", 404, "no article"),
        ("/api/article/..%2F..%2Fetc%2Fpasswd", 404, "no article"),
        ("/api/nothing-here", 404, "no such endpoint"),
    ];
    for (uri, status, says) in cases {
        let got = get(&idx, uri);
        assert_eq!(got.status.as_u16(), status, "{uri}: {}", got.body);
        let msg = got.json()["error"].as_str().unwrap().to_string();
        assert!(msg.contains(says), "{uri}: {msg}");
        assert!(!msg.contains('\n'), "{uri}: one line");
    }
    // An unbalanced quote is read leniently, as by the CLI, with a warning.
    let v = ok_json(&idx, "/api/search?q=%22clubhouse");
    assert!(v["warning"].as_str().unwrap().contains("syntax error"));
    assert!(v["total_hits"].as_u64().unwrap() > 0);
}

#[test]
fn search_page_shows_hits_facets_and_a_clickable_histogram() {
    let s = corpus_index();
    let idx = s.index();
    let got = get(&idx, "/?q=clubhouse");
    assert_eq!(got.status, StatusCode::OK);
    assert!(got.content_type.starts_with("text/html"));
    assert!(got.csp.contains("default-src 'none'"), "{}", got.csp);
    let html = &got.body;
    assert!(html.contains("<ol class=\"hits\" id=\"hits\">"));
    assert!(html.contains("<b>Clubhouse</b>") || html.contains("<b>clubhouse</b>"));
    assert!(
        html.contains("value=\"clubhouse\""),
        "the query stays in the box"
    );
    assert!(html.contains("<svg class=\"histogram\""));
    assert!(!html.contains("<script"), "no script on our pages");

    // Click Vladimir Putin in the people facet: the search narrows to his articles.
    let facets = &html[html.find("id=\"people\"").unwrap()..];
    let putin = link_to(facets, "Vladimir Putin");
    assert!(putin.contains("person=Vladimir+Putin"), "{putin}");
    assert!(putin.contains("q=clubhouse"), "{putin}");
    let narrowed = get(&idx, &putin);
    assert_eq!(narrowed.status, StatusCode::OK);
    assert!(narrowed.body.contains("person: Vladimir Putin ×"));

    // All of his articles, with the year histogram; a bar narrows the dates to its year.
    let his = get(&idx, "/?person=Vladimir+Putin").body;
    let api = ok_json(&idx, "/api/search?person=Vladimir+Putin&limit=1");
    let total = api["total_hits"].as_u64().unwrap();
    assert!(his.contains(&format!("<span id=\"total\">{total}</span>")));
    let bars = hrefs_after(&his, "class=\"bar\"");
    assert!(bars.len() >= 2, "{bars:?}");
    let bar = bars.iter().find(|b| b.contains("from=")).unwrap();
    assert!(bar.contains("person=Vladimir+Putin"), "{bar}");
    let year = bar.split("from=").nth(1).unwrap()[..4].to_string();
    assert!(bar.contains(&format!("to={year}")), "{bar}");
    let in_year = ok_json(
        &idx,
        &format!("/api/search?person=Vladimir+Putin&from={year}&to={year}&limit=100"),
    );
    let narrowed = get(&idx, bar).body;
    assert!(narrowed.contains(&format!(
        "<span id=\"total\">{}</span>",
        in_year["total_hits"]
    )));
    // The narrowed range is short, so the histogram is drawn by month.
    assert!(narrowed.contains("By month"));
}

#[test]
fn search_page_folds_copies_under_their_story_and_can_show_each() {
    let s = corpus_index();
    let idx = s.index();
    let api = ok_json(&idx, "/api/search?q=glacier+lake");
    assert_eq!(api["total_hits"], 1, "{api:#}");
    let copy = &api["hits"][0]["copies"][0];
    let html = get(&idx, "/?q=glacier+lake").body;
    assert_eq!(html.matches("<li class=\"hit\">").count(), 1, "{html}");
    let line = &html[html.find("<p class=\"copies\">").expect("a copies line")..];
    assert!(
        line.starts_with("<p class=\"copies\">also in 1 other place: "),
        "{line}"
    );
    // The copy's site is a link to the copy itself.
    let site = copy["site"].as_str().unwrap();
    let to_copy = link_to(line, site);
    assert_eq!(
        to_copy,
        format!("/article/{}", copy["id"].as_str().unwrap())
    );
    assert_eq!(get(&idx, &to_copy).status, StatusCode::OK);

    // The summary says copies were folded; its link lists every article, which stays in paging.
    assert!(html.contains("2 articles with copies"), "{html}");
    let every = hrefs_after(&html, "id=\"all-copies\"")[0].clone();
    assert!(
        every.contains("all_copies=true") && every.contains("q=glacier+lake"),
        "{every}"
    );
    let all = get(&idx, &every).body;
    assert_eq!(all.matches("<li class=\"hit\">").count(), 2, "{all}");
    // Each copy still says where else the story ran, as `--all-copies` does in the CLI.
    assert_eq!(all.matches("<p class=\"copies\">").count(), 2, "{all}");
    assert!(!all.contains("show every copy"));
    let folded = hrefs_after(&all, "id=\"fold-copies\"")[0].clone();
    assert!(!folded.contains("all_copies"), "{folded}");
}

#[test]
fn search_page_has_a_language_facet_that_narrows_the_hits() {
    let s = Scratch::new();
    let fixtures = root().join("tests/fixtures/lang");
    s.morgue(&["index", "corpus", fixtures.to_str().unwrap()])
        .assert()
        .success();
    let idx = s.index();
    // "Gift" is an English word and a German one: the hits hold both languages.
    let html = get(&idx, "/?q=gift").body;
    let facet = &html[html.find("id=\"languages\"").expect("a language facet")..];
    let german = link_to(facet, "German (de)");
    assert!(german.contains("lang=de"), "{german}");
    let narrowed = get(&idx, &german);
    assert_eq!(narrowed.status, StatusCode::OK);
    let api = get(&idx, &german.replacen("/?", "/api/search?", 1)).json();
    let hits = api["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["lang"] == "de"), "{hits:?}");
    // An English-only result set shows no language facet: one language is no choice.
    let english = get(&idx, "/?q=clubhouse").body;
    assert!(!english.contains("id=\"languages\""));
}

#[test]
fn search_page_pages_and_reports_bad_input_in_place() {
    let s = corpus_index();
    let idx = s.index();
    let first = get(&idx, "/?limit=5").body;
    let next = hrefs_after(&first, "rel=\"next\"");
    assert_eq!(next, ["/?limit=5&offset=5"]);
    let second = get(&idx, &next[0]).body;
    assert!(second.contains("Articles 6–10 of"));
    assert!(second.contains("rel=\"prev\""));

    let bad = get(&idx, "/?q=clubhouse&from=2021-02-30");
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("bad date"), "{}", bad.body);
    assert!(
        bad.body.contains("value=\"2021-02-30\""),
        "the form keeps the input"
    );
    let missing = get(&idx, "/article/nope");
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("no article with id"));
    assert_eq!(get(&idx, "/nowhere").status, StatusCode::NOT_FOUND);
}

#[test]
fn article_and_people_pages() {
    let s = corpus_index();
    let idx = s.index();
    let v = ok_json(&idx, "/api/search?q=clubhouse&limit=1");
    let hit = &v["hits"][0];
    let id = hit["id"].as_str().unwrap();
    let page = get(&idx, &format!("/article/{id}")).body;
    assert!(page.contains(&format!("/article/{id}/page")));
    assert!(page.contains("href=\"/?person=Vladimir+Putin\""));
    let article = ok_json(&idx, &format!("/api/article/{id}"));
    let paragraphs = article["body"].as_str().unwrap().split("\n\n").count();
    assert_eq!(page.matches("<p>").count(), paragraphs);

    let people = get(&idx, "/people?from=2021&to=2021").body;
    let api = ok_json(&idx, "/api/people?from=2021&to=2021&limit=1");
    let top = api[0]["name"].as_str().unwrap();
    assert!(people.contains(&format!(">{top}</a>")));
    assert!(people.contains("from=2021&amp;to=2021"));
    assert_eq!(
        get(&idx, "/people?from=bad").status,
        StatusCode::BAD_REQUEST
    );
}

#[test]
fn saved_page_is_served_by_id_only_and_sandboxed() {
    let s = corpus_index();
    let idx = s.index();
    let v = ok_json(&idx, "/api/search?q=clubhouse&limit=1");
    let hit = &v["hits"][0];
    let got = get(
        &idx,
        &format!("/article/{}/page", hit["id"].as_str().unwrap()),
    );
    assert_eq!(got.status, StatusCode::OK);
    let on_disk = std::fs::read(root().join(hit["path"].as_str().unwrap())).unwrap();
    assert_eq!(got.body, String::from_utf8_lossy(&on_disk));
    assert!(got.csp.starts_with("sandbox"), "{}", got.csp);
    assert!(got.csp.contains("default-src 'none'"));
    for uri in [
        "/article/..%2F..%2FCargo.toml/page",
        "/article/%2Fetc%2Fpasswd/page",
        "/article/corpus%2Fmeridian-post%2Fmusk-putin-clubhouse-invitation.html/page",
    ] {
        assert_eq!(get(&idx, uri).status, StatusCode::NOT_FOUND, "{uri}");
    }
}

/// A page whose every field tries to break out of the markup.
const HOSTILE: &str = r#"<!doctype html>
<html><head><meta charset="utf-8">
<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>
<meta property="og:title" content="&lt;script&gt;alert(1)&lt;/script&gt;">
<meta property="og:site_name" content="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">
<link rel="canonical" href="javascript:alert(1)">
<meta property="article:published_time" content="2022-03-04T10:00:00Z">
</head><body><article>
<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>
<p>The harbour committee met on Tuesday to discuss the &lt;b&gt;lighthouse&lt;/b&gt; repairs, which have been delayed since the winter storms damaged the lamp housing and the stairs.</p>
<p>A resident wrote "&gt;&lt;img src=x onerror=alert(1)&gt; on the notice board, and the lighthouse keeper Marta Quillfeather said the repairs would start in May once the contractor had been chosen.</p>
<p>Marta Quillfeather added that the lighthouse would stay dark until the work is finished, and boats should keep to the marked channel.</p>
</article></body></html>"#;

fn hostile_index() -> Scratch {
    let s = Scratch::new();
    let dir = s.path().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("hostile.html"), HOSTILE).unwrap();
    s.morgue(&["index", dir.to_str().unwrap()])
        .assert()
        .success();
    s
}

#[test]
fn hostile_text_is_shown_as_text() {
    let s = hostile_index();
    let idx = s.index();
    let v = ok_json(&idx, "/api/search?q=lighthouse");
    let hit = &v["hits"][0];
    assert_eq!(hit["headline"], "<script>alert(1)</script>");
    let id = hit["id"].as_str().unwrap();
    for uri in [
        "/?q=lighthouse".to_string(),
        format!("/article/{id}"),
        "/?q=%3Cscript%3E".to_string(),
    ] {
        let html = get(&idx, &uri).body;
        assert!(!html.contains("<script"), "{uri}: {html}");
        assert!(!html.contains("<img"), "{uri}");
        assert!(!html.contains("href=\"javascript:"), "{uri}");
        assert!(!html.contains("<b>lighthouse</b> repairs") || html.contains("&lt;b&gt;"));
    }
    let results = get(&idx, "/?q=lighthouse").body;
    assert!(results.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The snippet highlights the word and keeps the page's own tags as text.
    let snippet = get(&idx, "/?q=committee").body;
    assert!(snippet.contains("<b>committee</b>"), "{snippet}");
    assert!(
        snippet.contains("&lt;b&gt;lighthouse&lt;/b&gt;"),
        "{snippet}"
    );
    let page = get(&idx, &format!("/article/{id}")).body;
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // A hostile query string stays inside its attribute.
    let echoed = get(&idx, "/?q=%22%3E%3Cimg+src%3Dx%3E").body;
    assert!(
        echoed.contains("value=\"&quot;&gt;&lt;img src=x&gt;\""),
        "{echoed}"
    );
}

/// `GET path` over a real socket, HTTP/1.1 with `Connection: close`.
fn http_get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let status = raw.split(' ').nth(1).unwrap().parse().unwrap();
    let body = raw.split_once("\r\n\r\n").map_or("", |x| x.1).to_string();
    (status, body)
}

/// Kills the server when the test ends, even on a failed assertion.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_binary_prints_its_url_and_sees_a_new_index_run_without_restart() {
    let s = Scratch::new();
    let pages = s.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("hostile.html"), HOSTILE).unwrap();
    s.morgue(&["index", pages.to_str().unwrap()])
        .assert()
        .success();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("morgue"))
        .current_dir(root())
        .env_remove("MORGUE_INDEX")
        .args(["--index", s.index().to_str().unwrap()])
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let mut line = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(
        line.contains("serving 1 articles at http://127.0.0.1:"),
        "{line}"
    );
    let addr = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let (status, body) = http_get(&addr, "/api/stats");
    assert_eq!(status, 200);
    let stats: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(stats["articles"], 1);

    // Index the demo corpus into the same index while the server runs.
    copy_dir(&root().join("corpus"), &pages.join("corpus"));
    s.morgue(&["index", pages.to_str().unwrap()])
        .assert()
        .success();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let articles = loop {
        let (_, body) = http_get(&addr, "/api/stats");
        let n = serde_json::from_str::<Value>(&body).unwrap()["articles"]
            .as_u64()
            .unwrap();
        if n > 1 || std::time::Instant::now() > deadline {
            break n;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    assert!(articles > 40, "the server still sees {articles} articles");
    let (status, body) = http_get(&addr, "/?q=clubhouse");
    assert_eq!(status, 200);
    assert!(body.contains("Clubhouse"));
}

#[test]
fn only_loopback_is_quiet() {
    use std::net::SocketAddr;
    let local: SocketAddr = morgue::serve::DEFAULT_ADDR.parse().unwrap();
    assert!(morgue::serve::exposure_warning(&local).is_none());
    assert!(morgue::serve::exposure_warning(&"[::1]:7700".parse().unwrap()).is_none());
    let open: SocketAddr = "0.0.0.0:7700".parse().unwrap();
    assert!(morgue::serve::exposure_warning(&open)
        .unwrap()
        .contains("readable"));
}

#[test]
fn a_taken_port_is_a_one_line_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let s = corpus_index();
    let out = s.morgue(&["serve", "--addr", &addr]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!("morgue: cannot listen on {addr}")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

/// The API's absolute path and the CLI's path, relative to the directory it ran in, name the
/// same file.
fn assert_same_page(api: &Value, cli: &Value) {
    let (a, c) = (api.as_str().unwrap(), cli.as_str().unwrap());
    assert!(
        std::path::Path::new(a).is_absolute() && std::path::Path::new(a).ends_with(c),
        "{a} vs {c}"
    );
}
