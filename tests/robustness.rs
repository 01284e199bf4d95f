//! Bad input never aborts a run or panics: broken pages, bad indexes, locks,
//! and property tests on the parsers.

use crate::util::*;
use predicates::prelude::*;
use proptest::prelude::*;
use std::path::Path;

fn article_html(words: &str) -> String {
    format!("<html><head><title>{words}</title></head><body><h1>{words}</h1><p>{}</p></body></html>", "The council met on Monday to discuss the budget for next year, and members agreed to delay a vote on new spending. ".repeat(4))
}

#[test]
fn bad_pages_are_skipped_with_a_reason_and_the_rest_indexed() {
    let s = Scratch::new();
    let dir = s.path().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("good.html"),
        article_html("Council delays budget vote"),
    )
    .unwrap();
    std::fs::write(dir.join("empty.html"), b"").unwrap();
    std::fs::write(
        dir.join("binary.html"),
        (0..20_000u32)
            .map(|i| (i * 31 % 256) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    std::fs::write(
        dir.join("invalid.html"),
        [
            b"<p>".as_slice(),
            &[0xff, 0xfe, 0xfa],
            article_html("Caf\u{e9}").as_bytes(),
        ]
        .concat(),
    )
    .unwrap();
    std::fs::write(
        dir.join("truncated.html.gz"),
        [0x1f, 0x8b, 0x08, 0x00, 0x00],
    )
    .unwrap();
    std::fs::write(
        dir.join("front.html"),
        format!(
            "<html><body><ul>{}</ul></body></html>",
            "<li><a href='/x'>Another headline here</a></li>".repeat(50)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("no-text.html"),
        "<html><head><script>var x = 1;</script><style>p {}</style></head><body><img src='a.png'></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.join("deep.html"),
        article_html("Deep page")
            .replace("council", "harbour board")
            .replace("</body>", &"<div>".repeat(100_000)),
    )
    .unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&dir, dir.join("loop")).unwrap();
        // A page that vanished between listing and reading looks like this to the walk.
        std::os::unix::fs::symlink(dir.join("gone.html"), dir.join("dangling.html")).unwrap();
    }
    let (stderr, [added, _, _, _, skipped]) = s.index_verbose(&dir);
    // The section front holds no article but has text: it is indexed as a page.
    assert_eq!(added, 4, "{stderr}");
    assert!(
        stderr.contains("deep.html: page nested deeper than 5000 levels"),
        "{stderr}"
    );
    assert!(skipped >= 5, "{stderr}");
    for reason in [
        "empty file",
        "binary content",
        "no-text.html: no text in the page",
        "cannot decompress",
        "symlink loop",
        "dangling.html",
    ] {
        assert!(stderr.contains(reason), "missing {reason:?} in {stderr}");
    }
    s.morgue(&["search", "budget"]).assert().code(0);

    // A re-run reads nothing again, even a skipped page whose mtime changed but not its bytes.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    let front = std::fs::File::options()
        .write(true)
        .open(dir.join("front.html"))
        .unwrap();
    front.set_modified(later).unwrap();
    let (_, counts) = s.index_verbose(&dir);
    assert_eq!(counts, [0, 0, 0, added, skipped]);
}

#[test]
fn a_second_writer_fails_at_once_with_a_clear_message() {
    let s = indexed_corpus();
    let index = tantivy::Index::open_in_dir(s.index()).unwrap();
    let _writer: tantivy::IndexWriter = index.writer(20_000_000).unwrap();
    s.morgue(&["index", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("another morgue process"));
    // Searching still works while the writer is held.
    s.morgue(&["search", "clubhouse"]).assert().code(0);
}

#[test]
fn foreign_and_outdated_indexes_are_refused_with_advice() {
    let s = Scratch::new();
    std::fs::create_dir_all(s.index()).unwrap();
    std::fs::write(s.index().join("notes.txt"), "not an index").unwrap();
    s.morgue(&["search", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a morgue index"));
    s.morgue(&["index", "corpus"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a morgue index"));

    let old = indexed_corpus();
    std::fs::write(
        old.index().join("morgue.json"),
        r#"{"format":"morgue","schema_version":0}"#,
    )
    .unwrap();
    old.morgue(&["search", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("morgue index --full"));
}

#[test]
fn a_missing_path_to_index_is_an_error_before_anything_changes() {
    let s = indexed_corpus();
    s.morgue(&["index", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/dir"));
    s.morgue(&["search", "clubhouse"]).assert().code(0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn extraction_never_panics_and_is_deterministic(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
        for name in ["p.html", "p.txt", "p.html.gz"] {
            let a = morgue::extract::extract(Path::new(name), &bytes);
            let b = morgue::extract::extract(Path::new(name), &bytes);
            prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
    }

    #[test]
    fn html_like_input_never_panics(s in "(<(p|div|article|h1|time|meta|script|table|td|br)( [a-z]+=\"[^\"]{0,12}\")?>|</(p|div|article|h1|td)>|[A-Za-z ,.]{0,40}|[0-9]{1,4}[-/. ]){0,60}") {
        let _ = morgue::extract::extract(Path::new("p.html"), s.as_bytes());
        let _ = morgue::extract::extract(Path::new("p.txt"), s.as_bytes());
    }
}

/// Writes `n` small distinct article pages under `dir`.
fn write_pages(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let sub = dir.join(format!("batch{}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        let html = format!(
            "<html><head><title>Harbour report {i}</title></head><body><h1>Harbour report number {i}</h1>\
             <p>The harbour master said on Tuesday that ferry number {i} had been delayed by fog, and that crews \
             expected the backlog of sailings to clear by the weekend if the weather improved as forecast.</p>\
             <p>Passengers were offered refunds or places on later crossings, the operator added, while the port \
             authority reviewed its procedures for reporting delays to travellers waiting at the terminal.</p></body></html>"
        );
        std::fs::write(sub.join(format!("page{i:05}.html")), html).unwrap();
    }
}

fn ids(s: &Scratch) -> std::collections::BTreeSet<String> {
    let out = s
        .morgue(&[
            "search",
            "--all-copies",
            "--limit",
            "100000",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn killed_index_runs_leave_a_usable_index_and_a_rerun_converges() {
    let pages = Scratch::new();
    let dir = pages.path().join("pages");
    write_pages(&dir, 4000);
    let d = dir.to_str().unwrap();
    let reference = Scratch::new();
    reference.morgue(&["index", d]).assert().success();
    let expected = ids(&reference);
    assert_eq!(expected.len(), 4000);

    let s = Scratch::new();
    let mut saw_partial = false;
    for delay_ms in [100, 200, 300, 400] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("morgue"))
            .args([
                "--index",
                s.index().to_str().unwrap(),
                "index",
                d,
                "--commit-every",
                "100",
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        // Searching while the run is under way sees the last commit (or no index yet).
        let during = s.morgue(&["search", "harbour"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&during.stderr);
        assert!(
            during.status.code() != Some(2) || stderr.contains("no index"),
            "{stderr}"
        );
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        if s.index().join("meta.json").exists() {
            let seen = ids(&s);
            assert!(seen.is_subset(&expected));
            saw_partial |= seen.len() < expected.len();
        }
    }
    assert!(saw_partial, "no kill landed in the middle of a run");
    s.morgue(&["index", d]).assert().success();
    assert_eq!(ids(&s), expected);
    // And a run after that has nothing to do.
    let out = s.morgue(&["index", d]).output().unwrap();
    assert_eq!(summary_counts(&out.stderr), [0, 0, 0, 4000, 0]);
}

#[test]
fn huge_pages_are_cut_and_said_so() {
    let s = Scratch::new();
    let dir = s.path().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let para =
        "<p>Crews worked through the night to repair the flooded tunnel, officials said.</p>";
    let big = format!(
        "<html><body><h1>Tunnel repairs continue</h1>{}</body></html>",
        para.repeat((12 << 20) / para.len())
    );
    assert!(big.len() > 10 << 20);
    std::fs::write(dir.join("big.html"), big).unwrap();
    let tiny = format!(
        "<html><body><h1>Tiny</h1><p>{}</p><p>{}</p></body></html>",
        "<b>x</b>".repeat(1_000_000),
        para.repeat(8)
    );
    std::fs::write(dir.join("many-elements.html"), tiny).unwrap();
    let (stderr, [added, ..]) = s.index_verbose(&dir);
    assert!(stderr.contains("big.html: page cut at 8 MiB"), "{stderr}");
    assert_eq!(added, 2, "{stderr}");
}

/// A page saved by a browser as one file: the HTML part, quoted-printable, then an image.
fn mhtml_of(html: &str) -> String {
    let qp: String = html.replace('=', "=3D");
    format!(
        "From: <Saved by Blink>\r\nSubject: saved page\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/related; type=\"text/html\"; boundary=\"----MultipartBoundary\"\r\n\r\n\
         ------MultipartBoundary\r\nContent-Type: text/html\r\n\
         Content-Transfer-Encoding: quoted-printable\r\n\
         Content-Location: https://example.org/story\r\n\r\n{qp}\r\n\
         ------MultipartBoundary\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n\
         iVBORw0KGgo=\r\n------MultipartBoundary--\r\n"
    )
}

/// Issue 18: pages under server-side names, without an extension or saved as single files
/// were ignored in silence, and so was everything else in the folder.
#[test]
fn pages_are_found_by_their_first_bytes_and_other_files_are_counted() {
    let s = Scratch::new();
    let dir = s.path().join("mirror");
    std::fs::create_dir_all(dir.join("news")).unwrap();
    let pages = [
        ("article.php", "Ferry timetable changes"),
        ("story.aspx", "Bridge closure extended"),
        ("news/index.html?id=5", "Market hall reopens"),
        ("news/saved-without-extension", "Library hours cut"),
    ];
    // Distinct bodies: identical ones would be one article.
    let page = |headline: &str| article_html(headline).replace("budget", headline);
    for (name, headline) in pages {
        std::fs::write(dir.join(name), page(headline)).unwrap();
    }
    std::fs::write(
        dir.join("saved.mhtml"),
        mhtml_of(&page("Tram line approved")),
    )
    .unwrap();
    std::fs::write(dir.join("photo.jpg"), [0xff, 0xd8, 0xff, 0xe0]).unwrap();
    std::fs::write(dir.join("notes.md"), "# notes\nnothing to see").unwrap();
    std::fs::write(dir.join("style.php"), "body { color: red }").unwrap();
    std::fs::write(dir.join("empty.html"), "").unwrap();
    let (stderr, [added, _, _, _, skipped]) = s.index_verbose(&dir);
    assert_eq!(added, 5, "{stderr}");
    assert_eq!(skipped, 1, "{stderr}");
    assert!(stderr.contains("not pages 3"), "{stderr}");
    for name in ["photo.jpg", "notes.md", "style.php"] {
        assert!(
            stderr.contains(&format!("not a page type: {}", dir.join(name).display())),
            "{name}: {stderr}"
        );
    }
    for word in ["ferry", "bridge", "market", "library", "tram"] {
        s.morgue(&["search", word]).assert().code(0);
    }

    // A repeat run names the page it skipped before, and `morgue skipped` lists it.
    let (again, counts) = s.index_verbose(&dir);
    assert_eq!(counts, [0, 0, 0, 5, 1]);
    assert!(again.contains("empty.html: empty file"), "{again}");
    let listed = jsonl_of(s.morgue(&["skipped"]));
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0]["path"].as_str().unwrap().ends_with("empty.html"));
    assert_eq!(listed[0]["reason"], "empty file");
}

/// Issue 18: `morgue index -v 2>&1 | head -1` panicked (exit 101) writing to the closed pipe.
#[test]
fn a_closed_stderr_ends_the_run_cleanly() {
    let pages = Scratch::new();
    let dir = pages.path().join("pages");
    write_pages(&dir, 300);
    // More lines than a pipe buffers, so morgue meets the closed pipe while it runs.
    for i in 0..2000 {
        std::fs::write(dir.join(format!("style{i}.css")), "p {}").unwrap();
    }
    let s = Scratch::new();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("morgue"))
        .args(["--index", s.index().to_str().unwrap(), "-v", "index"])
        .arg(&dir)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    std::io::BufRead::read_line(&mut err, &mut first).unwrap();
    drop(err);
    let status = child.wait().unwrap();
    assert!(first.contains("not a page type"), "{first}");
    assert_eq!(status.code(), Some(0));
    // What was committed is a working index, and the next run finishes the job.
    let searched = s.morgue(&["search", "harbour"]).output().unwrap();
    assert!(matches!(searched.status.code(), Some(0 | 1)));
    s.morgue(&["index", dir.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(ids(&s).len(), 300);
}

/// Issue 18: Ctrl-C lost the run's work; now it commits, saves the manifest and exits 130.
#[cfg(unix)]
#[test]
fn sigint_commits_what_was_extracted_and_exits_130() {
    let pages = Scratch::new();
    let dir = pages.path().join("pages");
    write_pages(&dir, 3000);
    let s = Scratch::new();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("morgue"))
        .args(["--index", s.index().to_str().unwrap(), "index"])
        .arg(&dir)
        .args(["--commit-every", "20", "--threads", "1"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The first commit has saved a manifest: the run is under way.
    let manifest = s.index().join("morgue-files.json");
    while !manifest.exists() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let done = ids(&s);
    assert!(!done.is_empty() && done.len() < 3000, "{}", done.len());
    // Everything the manifest records is in the index: the next run adds only the rest.
    let rerun = s
        .morgue(&["index", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let counts = summary_counts(&rerun.stderr);
    assert_eq!(counts[0] + counts[3], 3000, "{counts:?}");
    assert_eq!(counts[3], done.len(), "{counts:?}");
    assert_eq!(ids(&s).len(), 3000);
}

/// Regression: the walk turned paths into lossy strings and opened the string, so a page whose
/// name is not UTF-8 was reported unreadable and never indexed.
#[cfg(target_os = "linux")]
#[test]
fn a_page_whose_name_is_not_utf8_is_indexed_and_found() {
    use std::os::unix::ffi::OsStrExt;
    let s = Scratch::new();
    let dir = s.path().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9-lighthouse.html");
    std::fs::write(
        dir.join(name),
        "<html><head><title>Lighthouse keeper retires</title></head><body><h1>Lighthouse keeper \
         retires</h1><p>The harbour's last lighthouse keeper, who polished the zephyrine lamp \
         every evening for forty years, handed over the keys on Friday. The town council will \
         run the light from a control room from now on, and the keeper plans to sail.</p></body></html>",
    )
    .unwrap();
    let (stderr, counts) = s.index_verbose(&dir);
    assert_eq!(counts[0], 1, "added one page: {stderr}");
    assert!(!stderr.contains("cannot read"), "{stderr}");
    let hits = jsonl_of(s.morgue(&["search", "zephyrine"]));
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0]["headline"], "Lighthouse keeper retires");
}
