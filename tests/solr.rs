//! `morgue push --solr` and `morgue search --solr` against a real two-node SolrCloud.
//!
//! `.ci/run` starts the harness in `tests/solrcloud/` (MiniSolrCloudCluster: embedded
//! ZooKeeper, two Jetty nodes on loopback, a two-shard collection `morgue`) and sets
//! MORGUE_SOLR_URLS (the nodes' base URLs) and MORGUE_SOLR_CONTROL (the harness's endpoint
//! to stop and restart a node). Without them these tests say SKIPPED and pass.
//!
//! The tests share one cluster and one of them takes a node down, so they run one at a time.

use crate::util::{json_of, jsonl_of, Scratch, HIT_KEYS};
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::{Mutex, MutexGuard};

/// A page of the demo corpus whose article no other page has.
const VICTIM: &str = "harbor-ledger/ever-given-container-ship-blocks-suez-canal.html";

/// One test at a time on the cluster (the node-failure test would break the others).
static CLUSTER: Mutex<()> = Mutex::new(());

/// The cluster as the harness described it.
struct Cluster {
    urls: Vec<String>,
    control: String,
    _turn: MutexGuard<'static, ()>,
}

impl Cluster {
    /// The cluster, or `None` (after saying SKIPPED) when no harness runs.
    fn get() -> Option<Cluster> {
        let Ok(urls) = std::env::var("MORGUE_SOLR_URLS") else {
            println!("SKIPPED: no SolrCloud (set MORGUE_SOLR_URLS)");
            return None;
        };
        let turn = CLUSTER.lock().unwrap_or_else(|p| p.into_inner());
        Some(Cluster {
            urls: urls.split(',').map(str::to_string).collect(),
            control: std::env::var("MORGUE_SOLR_CONTROL").unwrap_or_default(),
            _turn: turn,
        })
    }

    /// A fresh two-shard collection from morgue's configset, so each test starts empty.
    fn collection(&self, name: &str) -> String {
        let admin = format!("{}/admin/collections", self.urls[0]);
        // Left over from an earlier run of the same harness: start again.
        let _ = ureq::get(&admin)
            .query("action", "DELETE")
            .query("name", name)
            .call();
        let mut resp = ureq::get(&admin)
            .query("action", "CREATE")
            .query("name", name)
            .query("numShards", "2")
            .query("replicationFactor", "1")
            .query("collection.configName", "morgue")
            .query("wt", "json")
            .call()
            .expect("collection created");
        let body = resp.body_mut().read_to_string().unwrap();
        assert!(body.contains("\"status\":0"), "{body}");
        name.to_string()
    }

    /// Asks the harness to stop or start node `n`; returns once it is down or up again.
    fn node(&self, action: &str, n: usize) {
        assert!(!self.control.is_empty(), "MORGUE_SOLR_CONTROL is not set");
        let mut resp = ureq::get(&format!("{}/{action}", self.control))
            .query("node", n.to_string())
            .call()
            .unwrap_or_else(|e| panic!("{action} node {n}: {e}"));
        let body = resp.body_mut().read_to_string().unwrap();
        assert!(body.contains(action), "{action} node {n}: {body}");
    }

    /// The number of documents in a collection, as Solr counts them.
    fn count(&self, collection: &str) -> u64 {
        let mut resp = ureq::get(&format!("{}/{collection}/select", self.urls[0]))
            .query("q", "*:*")
            .query("rows", "0")
            .query("wt", "json")
            .call()
            .unwrap();
        let v: Value = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
        v["response"]["numFound"].as_u64().unwrap()
    }

    /// The ids of every document in a collection.
    fn ids(&self, collection: &str) -> BTreeSet<String> {
        let mut resp = ureq::get(&format!("{}/{collection}/select", self.urls[1]))
            .query("q", "*:*")
            .query("fl", "id")
            .query("rows", "100000")
            .query("wt", "json")
            .call()
            .unwrap();
        let v: Value = serde_json::from_str(&resp.body_mut().read_to_string().unwrap()).unwrap();
        v["response"]["docs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    }
}

/// `morgue search --solr URL --collection C ARGS...`.
fn solr_search(s: &Scratch, cluster: &Cluster, collection: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec![
        "search",
        "--solr",
        &cluster.urls[0],
        "--collection",
        collection,
    ];
    all.extend_from_slice(args);
    jsonl_of(s.morgue(&all))
}

fn ids_of(hits: &[Value]) -> BTreeSet<String> {
    hits.iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// The local index's article ids.
fn local_ids(s: &Scratch) -> BTreeSet<String> {
    let out = s.morgue(&["export"]).output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

/// Pushes the demo corpus (indexing it locally on the way) and returns the push's stderr.
fn push_corpus(s: &Scratch, cluster: &Cluster, collection: &str) -> String {
    let out = s
        .morgue(&[
            "push",
            "corpus",
            "--solr",
            &cluster.urls[0],
            "--collection",
            collection,
            "--batch",
            "7",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "push failed: {stderr}");
    stderr
}

#[test]
fn solr_search_finds_what_the_local_index_finds() {
    let Some(cluster) = Cluster::get() else {
        return;
    };
    let c = cluster.collection("compare");
    let s = Scratch::new();
    let stderr = push_corpus(&s, &cluster, &c);
    let local = local_ids(&s);
    assert!(local.len() > 30, "{local:?}");
    assert!(
        stderr.contains(&format!("pushed {}, deleted 0", local.len())),
        "{stderr}"
    );
    assert_eq!(
        cluster.ids(&c),
        local,
        "the collection holds the local index's ids"
    );

    let cases: &[&[&str]] = &[
        &["clubhouse"],
        &["strike"],
        &["vaccines"],
        &["\"rail strike\""],
        &["rail", "-strike"],
        &["headline:vaccine"],
        &["person:\"Elon Musk\""],
        &["putin", "kremlin"],
        &["--person", "Putin"],
        &["--person", "putin", "--person", "musk"],
        &["--from", "2021-02", "--to", "2021-03-15"],
        &["--from", "2021"],
        &["--lang", "en", "putin"],
        &["lang:en", "clubhouse"],
        &["--lang", "de"],
        &["date:[2021-01-01 TO 2021-03-01]"],
        &["elect*"],
        &["site:ledger"],
        &["-clubhouse"],
        &[],
    ];
    for args in cases {
        let mut local_args = vec![
            "search",
            "--all-copies",
            "--limit",
            "1000",
            "--format",
            "jsonl",
        ];
        local_args.extend_from_slice(args);
        let want = ids_of(&jsonl_of(s.morgue(&local_args)));
        let mut solr_args = vec!["--limit", "1000", "--format", "jsonl"];
        solr_args.extend_from_slice(args);
        let got = ids_of(&solr_search(&s, &cluster, &c, &solr_args));
        assert_eq!(got, want, "query {args:?}: Solr and the local index differ");
    }

    // Sorting by date gives the same order as locally; paging walks through it.
    let newest = |extra: &[&str]| -> Vec<String> {
        let mut a = vec!["--sort", "newest", "--format", "jsonl", "vaccine"];
        a.extend_from_slice(extra);
        solr_search(&s, &cluster, &c, &a)
            .iter()
            .map(|h| h["date"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let all = newest(&["--limit", "100"]);
    let mut sorted = all.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(all, sorted, "newest first");
    assert_eq!(
        newest(&["--limit", "2", "--offset", "1"]),
        all[1..3.min(all.len())]
    );

    // Exit status like grep, and a bad query is an error with a message.
    s.morgue(&[
        "search",
        "--solr",
        &cluster.urls[0],
        "--collection",
        &c,
        "zzqxnothing",
    ])
    .assert()
    .code(1);
    s.morgue(&[
        "search",
        "--solr",
        &cluster.urls[0],
        "--collection",
        &c,
        "nosuch:field",
    ])
    .assert()
    .code(2)
    .stderr(predicates::str::contains("unknown field"));
    s.morgue(&[
        "search",
        "--solr",
        &cluster.urls[0],
        "--collection",
        "nosuchcollection",
        "x",
    ])
    .assert()
    .code(2)
    .stderr(predicates::str::contains("nosuchcollection"));

    // People and stats come from Solr's facets and agree with the local index.
    let people = |extra: &[&str]| -> Vec<(String, u64)> {
        let mut a = vec!["people", "--limit", "5", "--format", "jsonl"];
        a.extend_from_slice(extra);
        let mut v: Vec<(String, u64)> = jsonl_of(s.morgue(&a))
            .iter()
            .map(|p| {
                (
                    p["name"].as_str().unwrap().to_string(),
                    p["articles"].as_u64().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let local_top = people(&[]);
    let solr_top = people(&["--solr", &cluster.urls[0], "--collection", &c]);
    let counts = |v: &[(String, u64)]| -> Vec<u64> {
        let mut n: Vec<u64> = v.iter().map(|p| p.1).collect();
        n.sort();
        n
    };
    // Ties at the cut may name different people; the counts are the same.
    assert_eq!(counts(&solr_top), counts(&local_top));
    let stats = json_of(s.morgue(&[
        "stats",
        "--solr",
        &cluster.urls[0],
        "--collection",
        &c,
        "--format",
        "json",
    ]));
    let local_stats = json_of(s.morgue(&["stats", "--format", "json"]));
    assert_eq!(stats["articles"], local_stats["articles"]);
    assert_eq!(stats["first_date"], local_stats["first_date"]);
    assert_eq!(stats["last_date"], local_stats["last_date"]);
    assert_eq!(stats["languages"], local_stats["languages"]);
    // The collection's size comes from the nodes' metrics: both shards hold documents.
    assert!(stats["index_bytes"].as_u64().unwrap() > 10_000, "{stats}");
}

#[test]
fn solr_histogram_is_the_local_index_histogram() {
    let Some(cluster) = Cluster::get() else {
        return;
    };
    let c = cluster.collection("histogram");
    let s = Scratch::new();
    push_corpus(&s, &cluster, &c);
    let cases: &[&[&str]] = &[
        &["--histogram", "month"],
        &["--histogram", "month", "vaccine"],
        &["--histogram", "month", "--person", "Putin"],
        &[
            "--histogram",
            "month",
            "--from",
            "2019",
            "--to",
            "2022-06",
            "strike",
        ],
        &["--histogram", "week", "--from", "2021"],
        &["--histogram", "year"],
    ];
    for args in cases {
        let mut local_args = vec!["search", "--format", "json"];
        local_args.extend_from_slice(args);
        let want = json_of(s.morgue(&local_args));
        let mut solr_args = vec!["--format", "json"];
        solr_args.extend_from_slice(args);
        let mut all = vec!["search", "--solr", &cluster.urls[0], "--collection", &c];
        all.extend_from_slice(&solr_args);
        let got = json_of(s.morgue(&all));
        let buckets = want["histogram"].as_array().unwrap();
        assert!(!buckets.is_empty(), "{args:?}: {want:#}");
        for key in ["histogram", "interval", "undated"] {
            assert_eq!(got[key], want[key], "{args:?}: {key} differs");
        }
    }
    // The whole corpus spans months without articles: they are there, with 0.
    let months = json_of(s.morgue(&["search", "--histogram", "month", "--format", "json"]));
    assert!(
        months["histogram"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["count"] == 0),
        "{months:#}"
    );
    // The text chart is the local one too.
    let text = |extra: &[&str]| -> String {
        let mut a = vec![
            "search",
            "--histogram",
            "year",
            "--format",
            "text",
            "--limit",
            "0",
        ];
        a.extend_from_slice(extra);
        let out = s.morgue(&a).env("NO_COLOR", "1").output().unwrap();
        let out = String::from_utf8(out.stdout).unwrap();
        out[out.find("matching articles per").expect("a chart")..].to_string()
    };
    assert_eq!(
        text(&["--solr", &cluster.urls[0], "--collection", &c]),
        text(&[])
    );
}

#[test]
fn solr_people_with_is_the_local_people_with() {
    let Some(cluster) = Cluster::get() else {
        return;
    };
    let c = cluster.collection("with");
    let s = Scratch::new();
    push_corpus(&s, &cluster, &c);
    let run = |args: &[&str], solr: bool| -> (Option<i32>, String, String) {
        let mut all = vec!["people", "--format", "json"];
        all.extend_from_slice(args);
        if solr {
            all.extend_from_slice(&["--solr", &cluster.urls[0], "--collection", &c]);
        }
        let out = s.morgue(&all).output().unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let cases: &[&[&str]] = &[
        // A surname alone, resolved to the one person it names.
        &["--with", "Putin"],
        &["--with", "Vladimir Putin", "--limit", "3"],
        &["--with", "musk", "--from", "2021", "--to", "2021-06"],
        // A full name wins over the longer names holding it.
        &["--with", "Donald Trump"],
        // Several people: listed, exit 2.
        &["--with", "Trump"],
        // No one: exit 1.
        &["--with", "Nobody Zzqx"],
    ];
    for args in cases {
        let want = run(args, false);
        let got = run(args, true);
        assert_eq!(
            got, want,
            "people {args:?}: Solr and the local index differ"
        );
    }
    let (code, out, _) = run(&["--with", "Putin"], true);
    assert_eq!(code, Some(0));
    assert!(out.contains("\"person\": \"Vladimir Putin\""), "{out}");
    assert_eq!(run(&["--with", "Trump"], true).0, Some(2));
}

#[test]
fn solr_person_clubhouse_gives_the_clubhouse_article_first() {
    let Some(cluster) = Cluster::get() else {
        return;
    };
    let c = cluster.collection("clubhouse");
    let s = Scratch::new();
    push_corpus(&s, &cluster, &c);
    let args = [
        "--person",
        "Vladimir Putin",
        "clubhouse",
        "--format",
        "json",
    ];
    let mut local_args = vec!["search"];
    local_args.extend_from_slice(&args);
    let local = json_of(s.morgue(&local_args));
    let mut solr_args = vec!["search", "--solr", &cluster.urls[0], "--collection", &c];
    solr_args.extend_from_slice(&args);
    let solr = json_of(s.morgue(&solr_args));
    let first = &solr["hits"][0];
    assert!(
        first["path"]
            .as_str()
            .unwrap()
            .ends_with("meridian-post/musk-putin-clubhouse-invitation.html"),
        "{solr:#}"
    );
    assert_eq!(first["id"], local["hits"][0]["id"]);
    // The same shape as the local search: every documented key, a highlighted snippet.
    for key in HIT_KEYS {
        assert!(first.get(key).is_some(), "missing {key}: {first:#}");
    }
    for key in ["query", "total_hits", "took_ms", "hits"] {
        assert!(solr.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["date"], local["hits"][0]["date"]);
    assert_eq!(first["people"], local["hits"][0]["people"]);
    assert!(
        first["snippet_html"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("<b>clubhouse</b>"),
        "{first:#}"
    );
    // Text output works too.
    let mut text_args = solr_args.clone();
    text_args.pop();
    text_args.push("text");
    s.morgue(&text_args)
        .assert()
        .success()
        .stdout(predicates::str::contains("Clubhouse"));
}

#[test]
fn solr_push_reports_a_down_node_and_a_rerun_completes_the_collection() {
    let Some(cluster) = Cluster::get() else {
        return;
    };
    let c = cluster.collection("failover");
    let s = Scratch::new();
    s.morgue(&["index", "corpus"]).assert().success();
    let local = local_ids(&s);

    // One node down: its shard has no leader, so the cluster refuses part of every batch.
    cluster.node("stop", 1);
    let started = std::time::Instant::now();
    let out = s
        .morgue(&[
            "push",
            "corpus",
            "--solr",
            &cluster.urls[0],
            "--collection",
            &c,
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    // Bring it back before asserting, so a failure here does not leave the cluster broken.
    cluster.node("start", 1);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("push to"), "{stderr}");
    assert!(stderr.contains("run the same push again"), "{stderr}");
    assert!(stderr.contains("503"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    // It retried with backoff before giving up.
    assert!(started.elapsed().as_secs_f64() > 5.0);

    // The re-run completes the collection: every article, nothing lost, nothing doubled.
    let stderr = push_corpus(&s, &cluster, &c);
    assert!(
        stderr.contains(&format!("pushed {}", local.len())),
        "{stderr}"
    );
    assert_eq!(cluster.ids(&c), local);

    // A page that vanished is deleted from the collection by the next push of its folder.
    let corpus = s.copy_corpus();
    let s2 = Scratch::new();
    let push = |s2: &Scratch| {
        let out = s2
            .morgue(&[
                "push",
                corpus.to_str().unwrap(),
                "--solr",
                &cluster.urls[1],
                "--collection",
                &c,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    push(&s2);
    let before = cluster.ids(&c);
    std::fs::remove_file(corpus.join(VICTIM)).unwrap();
    let stderr = push(&s2);
    assert!(stderr.contains("deleted 1"), "{stderr}");
    let after = cluster.ids(&c);
    assert_eq!(after, local_ids(&s2));
    assert_eq!(before.len(), after.len() + 1);
}

/// Writes `n` small news pages, each with its own headline, date and words, under `dir`.
fn write_pages(dir: &std::path::Path, n: usize) {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mer", "tis", "van", "do", "rul", "sen", "pa", "qui", "bor", "el", "nat", "fi",
        "gor", "ush",
    ];
    std::fs::create_dir_all(dir).unwrap();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut word = || {
        let mut w = String::new();
        for _ in 0..3 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            w.push_str(SYLLABLES[(state % 16) as usize]);
        }
        w
    };
    for i in 0..n {
        let paragraphs: Vec<String> = (0..4)
            .map(|_| {
                let words: Vec<String> = (0..25).map(|_| word()).collect();
                format!("<p>Report {i}: {}.</p>", words.join(" "))
            })
            .collect();
        let date = format!("2020-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        let page = format!(
            "<!doctype html><html><head><title>Dispatch {i} from {w}</title>\
             <meta property=\"article:published_time\" content=\"{date}T08:00:00Z\"></head>\
             <body><article><h1>Dispatch {i} from {w}</h1>{body}</article></body></html>",
            w = word(),
            body = paragraphs.join("")
        );
        std::fs::write(dir.join(format!("dispatch-{i:04}.html")), page).unwrap();
    }
}

/// Reads one HTTP/1.1 request from a stand-in server's connection: its request line and body.
fn read_request(stream: &std::net::TcpStream) -> Option<(String, Vec<u8>)> {
    use std::io::{BufRead, BufReader, Read};
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).ok()? == 0 {
        return None;
    }
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    Some((request_line, body))
}

/// A proxy on loopback in front of the Solr node at `upstream` (a base URL such as
/// `http://127.0.0.1:8983/solr`) that passes the first acknowledged update through, says so
/// on `acked`, and holds every later request until `release` is set: a push through it is
/// certainly under way (one batch in, the next in flight) when the test acts.
fn gated_proxy(
    upstream: &str,
    acked: std::sync::mpsc::Sender<()>,
    release: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> String {
    use std::io::Write;
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/solr", listener.local_addr().unwrap());
    let origin = upstream
        .trim_end_matches('/')
        .trim_end_matches("/solr")
        .to_string();
    std::thread::spawn(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut updates_acked = 0;
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let Some((request_line, body)) = read_request(&stream) else {
                continue;
            };
            if updates_acked > 0 {
                while !release.load(Ordering::SeqCst) {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
            let mut parts = request_line.split_whitespace();
            let method = parts.next().unwrap_or("GET").to_string();
            let target = format!("{origin}{}", parts.next().unwrap_or("/"));
            let answer = if method == "POST" {
                agent
                    .post(&target)
                    .header("Content-Type", "application/json")
                    .send(&body[..])
            } else {
                agent.get(&target).call()
            };
            let (status, text) = match answer {
                Ok(mut r) => (
                    r.status().as_u16(),
                    r.body_mut().read_to_string().unwrap_or_default(),
                ),
                // As a node that went away mid-answer looks to the client.
                Err(_) => continue,
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
                text.len()
            );
            if status == 200 && target.contains("/update") {
                updates_acked += 1;
                if updates_acked == 1 {
                    let _ = acked.send(());
                }
            }
        }
    });
    url
}

#[test]
fn solr_push_under_way_when_a_node_goes_down_is_completed_by_a_rerun() {
    let Some(cluster) = Cluster::get() else {
        return;
    };
    let c = cluster.collection("midpush");
    let s = Scratch::new();
    let pages = s.path().join("dispatches");
    write_pages(&pages, 300);
    let (acked_tx, acked_rx) = std::sync::mpsc::channel();
    let release = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let proxy = gated_proxy(&cluster.urls[0], acked_tx, release.clone());
    let pages_arg = pages.to_str().unwrap().to_string();
    let push = |url: &str| {
        s.morgue(&[
            "push",
            &pages_arg,
            "--solr",
            url,
            "--collection",
            &c,
            "--batch",
            "10",
        ])
        .output()
        .unwrap()
    };
    let out = std::thread::scope(|scope| {
        let running = scope.spawn(|| push(&proxy));
        // The first batch is in the collection and the push goes on: now a node goes down.
        acked_rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .expect("the push sent its first batch");
        cluster.node("stop", 1);
        release.store(true, std::sync::atomic::Ordering::SeqCst);
        running.join().unwrap()
    });
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    cluster.node("start", 1);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("stopped after 10 articles were sent"),
        "{stderr}"
    );
    assert!(stderr.contains("503"), "{stderr}");
    assert!(stderr.contains("run the same push again"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    // The same push once the node is back: every page once, nothing lost, nothing doubled.
    let out = push(&cluster.urls[1]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("pushed 300, deleted 0"), "{stderr}");
    let local = local_ids(&s);
    assert_eq!(local.len(), 300);
    assert_eq!(cluster.ids(&c), local);
    assert_eq!(cluster.count(&c), 300, "no document twice");
}

/// A stand-in for Solr on loopback that answers 503 to the first `failures` requests and
/// success afterwards; returns its base URL and the count of requests it received.
fn flaky_solr(failures: usize) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::io::Write;
    use std::sync::atomic::Ordering;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/solr", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            if read_request(&stream).is_none() {
                continue;
            }
            let n = counter.fetch_add(1, Ordering::SeqCst);
            let (status, json) = if n < failures {
                (
                    "503 Service Unavailable",
                    r#"{"error":{"msg":"no active servers hosting shard: shard2","code":503}}"#,
                )
            } else {
                ("200 OK", r#"{"responseHeader":{"status":0}}"#)
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                json.len()
            );
        }
    });
    (url, seen)
}

#[test]
fn solr_push_retries_a_busy_cluster_with_backoff_and_then_succeeds() {
    // Needs no cluster: a stand-in refuses twice with 503, as a shard without a leader does.
    let s = Scratch::new();
    s.morgue(&["index", "corpus"]).assert().success();
    let (url, seen) = flaky_solr(2);
    let started = std::time::Instant::now();
    let out = s
        .morgue(&["push", "--from-index", "--solr", &url, "--collection", "c"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let pushed = format!("pushed {}, deleted 0", local_ids(&s).len());
    assert!(stderr.contains(&pushed), "{stderr}");
    // Two refusals, then the batch and the commit.
    assert_eq!(seen.load(std::sync::atomic::Ordering::SeqCst), 4);
    // Backoff waited between the tries (250 ms, then 500 ms).
    assert!(started.elapsed() >= std::time::Duration::from_millis(700));

    // A cluster that never recovers: the push gives up with exit 2 and says what Solr said.
    let (url, _) = flaky_solr(usize::MAX);
    s.morgue(&["push", "--from-index", "--solr", &url])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no active servers hosting shard"))
        .stderr(predicates::str::contains("run the same push again"));
}
