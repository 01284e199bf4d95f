//! `morgue index --watch`: pages saved, changed, moved and deleted while it runs reach the index.

use crate::util::Scratch;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a change may take to show up before the test gives up (not a speed assertion:
/// changes land within a second or two; this only keeps a broken build from hanging).
const DEADLINE: Duration = Duration::from_secs(90);

fn page(headline: &str, body_word: &str) -> String {
    let para = format!(
        "The harbour authority said the {body_word} would be repaired before the winter storms. \
         Engineers inspected the sea wall on Monday and found cracks along its northern end. "
    );
    format!(
        "<html><head><title>{headline}</title>\
         <meta property=\"article:published_time\" content=\"2023-03-14T09:00:00Z\"></head>\
         <body><article><h1>{headline}</h1><p>{}</p><p>{}</p></article></body></html>",
        para.repeat(3),
        para.repeat(2)
    )
}

/// Paths of the articles a search finds, as `morgue search --format jsonl` gives them.
fn found(s: &Scratch, query: &str) -> Vec<String> {
    let out = s
        .morgue(&["search", query, "--format", "jsonl"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["path"].as_str().map(str::to_string))
        .collect()
}

/// Waits until `check` holds, or fails the test with `what` after [`DEADLINE`].
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < DEADLINE, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(150));
    }
}

fn spawn_watch(s: &Scratch, dir: &Path) -> (Child, std::sync::mpsc::Receiver<String>) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("morgue"))
        .env_remove("MORGUE_INDEX")
        .args(["--index", s.index().to_str().unwrap(), "index", "--watch"])
        .arg(dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

#[cfg(unix)]
#[test]
fn watch_follows_saves_edits_moves_and_deletes_then_stops_cleanly() {
    let s = Scratch::new();
    let dir = s.path().join("pages");
    std::fs::create_dir_all(dir.join("desk")).unwrap();
    std::fs::write(
        dir.join("desk/first.html"),
        page("Sea wall cracks found", "breakwater"),
    )
    .unwrap();
    let (mut child, lines) = spawn_watch(&s, &dir);
    let start = Instant::now();
    loop {
        let line = lines
            .recv_timeout(DEADLINE.saturating_sub(start.elapsed()))
            .expect("index --watch never said it was watching");
        if line.contains("watching for changes") {
            break;
        }
    }
    assert_eq!(found(&s, "breakwater").len(), 1);

    // A page saved into a new folder while watching.
    std::fs::create_dir_all(dir.join("later")).unwrap();
    std::fs::write(
        dir.join("later/second.html"),
        page("Ferry pier to close", "jetty"),
    )
    .unwrap();
    eventually("a new page is indexed", || found(&s, "jetty").len() == 1);

    // Edited in place: the old words go, the new ones come.
    std::fs::write(
        dir.join("later/second.html"),
        page("Ferry pier to close", "slipway"),
    )
    .unwrap();
    eventually("an edited page is re-indexed", || {
        found(&s, "slipway").len() == 1 && found(&s, "jetty").is_empty()
    });

    // Moved to another folder: one article, at its new path.
    std::fs::rename(dir.join("later"), dir.join("archive")).unwrap();
    eventually("a moved page keeps one article at its new path", || {
        let paths = found(&s, "slipway");
        paths.len() == 1 && paths[0].contains("archive")
    });

    // Deleted: gone from the index.
    std::fs::remove_file(dir.join("desk/first.html")).unwrap();
    eventually("a deleted page leaves the index", || {
        found(&s, "breakwater").is_empty()
    });

    // SIGTERM ends the watch normally once the batch in progress is committed.
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = child.wait().unwrap();
    let rest: Vec<String> = lines.try_iter().collect();
    assert_eq!(code.code(), Some(0), "{rest:?}");
    assert!(!rest.iter().any(|l| l.contains("panicked")), "{rest:?}");
}

#[test]
fn watch_refuses_a_folder_that_does_not_exist() {
    let s = Scratch::new();
    let missing = s.path().join("no-such-folder");
    let out = s
        .morgue(&["index", "--watch", missing.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("no-such-folder"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
