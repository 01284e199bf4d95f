//! The CLI contract: indexing, every search flag, incremental runs, dedup,
//! exit codes and JSON shapes, on temporary indexes.

use crate::util::*;
use predicates::prelude::*;
use serde_json::Value;

const CLUBHOUSE: &str = "corpus/meridian-post/musk-putin-clubhouse-invitation.html";

fn paths(hits: &[Value]) -> Vec<String> {
    hits.iter()
        .map(|h| h["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn clubhouse_query_with_person_filter_finds_the_article_first() {
    let s = corpus_index();
    let v = json_of(s.morgue(&[
        "search",
        "--person",
        "Vladimir Putin",
        "clubhouse",
        "--format",
        "json",
    ]));
    let hit = &v["hits"][0];
    assert_eq!(hit["path"], CLUBHOUSE);
    assert!(hit["date"].as_str().unwrap().starts_with("2021-02-15"));
    let people: Vec<&str> = hit["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        people.contains(&"Elon Musk") && people.contains(&"Dmitry Peskov"),
        "{people:?}"
    );
    assert!(hit["snippet_html"]
        .as_str()
        .unwrap()
        .contains("<b>Clubhouse</b>"));
}

#[test]
fn search_json_has_the_documented_shape() {
    let s = corpus_index();
    let v = json_of(s.morgue(&["search", "clubhouse", "--format", "json"]));
    for key in ["query", "total_hits", "took_ms", "hits"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let hit = &v["hits"][0];
    for key in HIT_KEYS {
        assert!(hit.get(key).is_some(), "hit lacks {key}");
    }
    assert_eq!(hit["rank"], 1);
    assert!(!hit["snippet"].as_str().unwrap().contains('<'));
}

#[test]
fn surname_person_filter_is_case_and_accent_blind() {
    let s = corpus_index();
    let hits = jsonl_of(s.morgue(&["search", "--person", "peskov", "--format", "jsonl"]));
    assert!(paths(&hits).contains(&CLUBHOUSE.to_string()));
    let hits = jsonl_of(s.morgue(&[
        "search",
        "--person",
        "Francois Hollande",
        "--format",
        "jsonl",
    ]));
    assert!(
        !hits.is_empty(),
        "accent-folded name finds François Hollande"
    );
}

#[test]
fn repeated_person_filters_all_apply() {
    let s = corpus_index();
    let both = jsonl_of(s.morgue(&[
        "search", "--person", "Putin", "--person", "Musk", "--format", "jsonl",
    ]));
    assert_eq!(paths(&both), vec![CLUBHOUSE.to_string()]);
}

#[test]
fn related_story_headlines_do_not_make_a_page_a_hit() {
    let s = corpus_index();
    let mut checked = 0;
    for entry in corpus_truth() {
        for term in entry["sidebar_terms"]
            .as_array()
            .into_iter()
            .flatten()
            .take(2)
        {
            let term = term.as_str().unwrap();
            s.morgue(&["search", term, "--format", "jsonl"])
                .assert()
                .code(1);
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} sidebar terms checked");
}

#[test]
fn date_filters_are_inclusive_and_accept_partial_dates() {
    let s = corpus_index();
    let day = jsonl_of(s.morgue(&[
        "search",
        "--from",
        "2021-02-15",
        "--to",
        "2021-02-15",
        "--format",
        "jsonl",
    ]));
    assert_eq!(paths(&day), vec![CLUBHOUSE.to_string()]);
    let year = jsonl_of(s.morgue(&[
        "search", "--from", "2021", "--to", "2021", "--limit", "100", "--format", "jsonl",
    ]));
    assert!(year.len() >= 5);
    assert!(year
        .iter()
        .all(|h| h["date"].as_str().unwrap().starts_with("2021")));
    let month = jsonl_of(s.morgue(&[
        "search", "--from", "2021-02", "--to", "2021-02", "--format", "jsonl",
    ]));
    assert!(month
        .iter()
        .all(|h| h["date"].as_str().unwrap().starts_with("2021-02")));
    let in_query = jsonl_of(s.morgue(&[
        "search",
        "date:[2021-02-15 TO 2021-02-15]",
        "--format",
        "jsonl",
    ]));
    assert_eq!(paths(&in_query), vec![CLUBHOUSE.to_string()]);
}

#[test]
fn sort_limit_and_offset_page_through_results() {
    let s = corpus_index();
    let newest = jsonl_of(s.morgue(&[
        "search", "--sort", "newest", "--limit", "100", "--format", "jsonl",
    ]));
    let dates: Vec<&str> = newest.iter().filter_map(|h| h["date"].as_str()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    let oldest = jsonl_of(s.morgue(&[
        "search", "--sort", "oldest", "--limit", "100", "--format", "jsonl",
    ]));
    let dates: Vec<&str> = oldest.iter().filter_map(|h| h["date"].as_str()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] <= w[1]),
        "oldest first: {dates:?}"
    );
    let page1 = jsonl_of(s.morgue(&["search", "--limit", "3", "--format", "jsonl"]));
    let page2 = jsonl_of(s.morgue(&[
        "search", "--limit", "3", "--offset", "3", "--format", "jsonl",
    ]));
    assert_eq!(page1.len(), 3);
    assert_eq!(paths(&page2), paths(&newest[3..6]));
    assert_eq!(page2[0]["rank"], 4);
}

#[test]
fn empty_query_lists_every_article_newest_first() {
    let s = corpus_index();
    let v = json_of(s.morgue(&["search", "--format", "json", "--limit", "1"]));
    // Pages that hold no article are indexed too (their text, marked "page"): nothing is lost.
    // A syndicated copy of another page is folded into that page's hit.
    let pages = corpus_truth()
        .iter()
        .filter(|e| e.get("duplicate_of").is_none() && e.get("copy_of").is_none())
        .count();
    assert_eq!(v["total_hits"], pages);
    assert!(v["hits"][0]["date"].as_str().unwrap() >= "2025");
}

#[test]
fn query_syntax_phrases_exclusion_and_fields() {
    let s = corpus_index();
    let phrase = jsonl_of(s.morgue(&["search", "\"very interesting\"", "--format", "jsonl"]));
    assert!(paths(&phrase).contains(&CLUBHOUSE.to_string()));
    let excluded = jsonl_of(s.morgue(&[
        "search",
        "\"very interesting\" -clubhouse",
        "--format",
        "jsonl",
    ]));
    assert!(!paths(&excluded).contains(&CLUBHOUSE.to_string()));
    let field = jsonl_of(s.morgue(&["search", "headline:kremlin", "--format", "jsonl"]));
    assert!(paths(&field).contains(&CLUBHOUSE.to_string()));
    let person = jsonl_of(s.morgue(&[
        "search",
        "person:\"Elon Musk\" clubhouse",
        "--format",
        "jsonl",
    ]));
    assert_eq!(paths(&person)[0], CLUBHOUSE);
}

#[test]
fn stemmed_forms_are_found_and_highlighted() {
    let s = corpus_index();
    let v = json_of(s.morgue(&["search", "invitations", "--format", "json"]));
    assert!(paths(v["hits"].as_array().unwrap()).contains(&CLUBHOUSE.to_string()));
    assert!(v["hits"][0]["snippet_html"]
        .as_str()
        .unwrap()
        .contains("<b>invitation"));
}

#[test]
fn headline_only_match_still_gets_a_snippet() {
    let s = corpus_index();
    let v = json_of(s.morgue(&["search", "--person", "Peskov", "--format", "json"]));
    for hit in v["hits"].as_array().unwrap() {
        assert!(hit["snippet"].as_str().unwrap().len() > 40);
    }
}

#[test]
fn text_output_shows_rank_date_headline_site_and_path_within_100_columns() {
    let s = corpus_index();
    let out = s
        .morgue(&["search", "clubhouse", "--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  1. 2021-02-15  Kremlin"));
    assert!(text.contains("The Meridian Post"));
    assert!(text.contains(CLUBHOUSE));
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no ANSI codes when not on a terminal"
    );
}

#[test]
fn exit_status_is_like_grep() {
    let s = corpus_index();
    s.morgue(&["search", "clubhouse"]).assert().code(0);
    s.morgue(&["search", "xylophonequartet"]).assert().code(1);
    s.morgue(&["search", "x", "--from", "2021-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad date"));
    s.morgue(&["search", "nosuchfield:putin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field"));
    let missing = Scratch::new();
    missing
        .morgue(&["search", "x"])
        .current_dir(missing.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no index").and(predicate::str::contains("panicked").not()),
        );
}

#[test]
fn malformed_queries_are_read_leniently_with_a_note() {
    let s = corpus_index();
    for q in [
        "\"clubhouse",
        "clubhouse)",
        "(clubhouse",
        "date:[2021 TO",
        "+",
        "-",
        "\"\"",
        "headline:",
    ] {
        let out = s
            .morgue(&["search", q, "--format", "jsonl"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(matches!(out.status.code(), Some(0..=2)), "{q}: {stderr}");
        assert!(!stderr.contains("panicked"), "{q}: {stderr}");
    }
    s.morgue(&["search", "\"clubhouse"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("note:"));
}

#[test]
fn huge_limit_is_clamped_not_fatal() {
    let s = corpus_index();
    s.morgue(&[
        "search",
        "--limit",
        "18446744073709551615",
        "--offset",
        "18446744073709551615",
    ])
    .assert()
    .code(predicate::in_iter([0, 1]));
    s.morgue(&["search", "--limit", "1000000000"])
        .assert()
        .code(0);
}

#[test]
fn the_same_article_saved_twice_is_one_hit() {
    let s = corpus_index();
    let v = json_of(s.morgue(&["search", "clubhouse kremlin", "--format", "json"]));
    assert_eq!(v["total_hits"], 1);
}

#[test]
fn identical_bodies_without_urls_are_one_document() {
    let s = Scratch::new();
    let dir = s.path().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let body = "<p>The harbour authority said on Tuesday that the new ferry terminal would open in the spring, after two years of building work and several delays caused by storms along the coast.</p>".repeat(2);
    std::fs::write(dir.join("a.html"), format!("<html><title>Ferry terminal to open</title><body><h1>Ferry terminal to open</h1>{body}</body></html>")).unwrap();
    std::fs::write(dir.join("b.htm"), format!("<html><title>Ferry terminal to open | Copy</title><body><h1>Ferry terminal to open</h1>{body}</body></html>")).unwrap();
    let out = s
        .morgue(&["index", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(summary_counts(&out.stderr), [1, 0, 0, 0, 1]);
    let v = json_of(s.morgue(&["search", "ferry", "--format", "json"]));
    assert_eq!(v["total_hits"], 1);
}

#[test]
fn incremental_runs_add_update_remove_and_skip_unchanged() {
    let s = Scratch::new();
    let corpus = s.copy_corpus();
    let c = corpus.to_str().unwrap();
    let first = s.morgue(&["index", c]).output().unwrap();
    let [added, _, _, _, skipped] = summary_counts(&first.stderr);
    assert!(added >= 40);
    let again = s.morgue(&["index", c]).output().unwrap();
    assert_eq!(summary_counts(&again.stderr), [0, 0, 0, added, skipped]);

    // Change one page, delete another, add a new one.
    let clubhouse = corpus.join("meridian-post/musk-putin-clubhouse-invitation.html");
    let html = std::fs::read_to_string(&clubhouse).unwrap();
    std::fs::write(&clubhouse, html.replace("</article>", "<p>Editor's note: this story was updated with a comment from the zoologicalwombat society.</p></article>")).unwrap();
    std::fs::remove_file(
        corpus
            .join("valley-courier")
            .read_dir()
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
    )
    .unwrap();
    let new_page = corpus.join("new-story.html");
    std::fs::write(&new_page, "<html><head><title>Lighthouse reopens</title></head><body><h1>Lighthouse reopens after repairs</h1><p>The old lighthouse on the northern cape reopened to visitors on Saturday after a year of repairs to its lantern room, the heritage trust that runs it said.</p><p>Volunteers repainted the tower and replaced the spiral staircase, which had rusted through in several places after decades of salt spray.</p></body></html>").unwrap();
    let third = s.morgue(&["index", c]).output().unwrap();
    assert_eq!(summary_counts(&third.stderr), [1, 1, 1, added - 2, skipped]);
    s.morgue(&["search", "zoologicalwombat"]).assert().code(0);
    s.morgue(&["search", "lighthouse", "spiral"])
        .assert()
        .code(0);

    // A full rebuild gives the same articles.
    let full = s.morgue(&["index", c, "--full"]).output().unwrap();
    assert_eq!(summary_counts(&full.stderr)[0], added);
}

#[test]
fn first_search_builds_the_index_from_corpus() {
    let s = Scratch::new();
    s.copy_corpus();
    let mut cmd = assert_cmd::Command::cargo_bin("morgue").unwrap();
    cmd.current_dir(s.path()).env_remove("MORGUE_INDEX").args([
        "search",
        "clubhouse",
        "--format",
        "jsonl",
    ]);
    cmd.assert()
        .success()
        .stderr(predicate::str::contains("building it from corpus"));
    assert!(s.path().join("index/morgue.json").is_file());
}

#[test]
fn index_flag_is_accepted_after_the_subcommand_and_from_the_environment() {
    let s = corpus_index();
    let mut cmd = assert_cmd::Command::cargo_bin("morgue").unwrap();
    cmd.current_dir(root())
        .args([
            "search",
            "clubhouse",
            "--index",
            s.index().to_str().unwrap(),
        ])
        .assert()
        .success();
    let mut cmd = assert_cmd::Command::cargo_bin("morgue").unwrap();
    cmd.current_dir(root())
        .env("MORGUE_INDEX", s.index())
        .args(["search", "clubhouse"])
        .assert()
        .success();
}

#[test]
fn extract_prints_jsonl_per_file_and_json_array_for_several() {
    let s = Scratch::new();
    let lines = jsonl_of(s.morgue(&[
        "extract",
        CLUBHOUSE,
        "corpus/capital-daily/tesla-registers-indian-subsidiary-bengaluru.txt",
    ]));
    assert_eq!(lines.len(), 2);
    for key in [
        "id", "path", "url", "site", "headline", "date", "authors", "people", "body",
    ] {
        assert!(lines[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(lines[0]["path"], CLUBHOUSE);
    let one = json_of(s.morgue(&["extract", CLUBHOUSE, "--format", "json"]));
    assert!(one.is_object());
    let many = json_of(s.morgue(&["extract", CLUBHOUSE, CLUBHOUSE, "--format", "json"]));
    assert_eq!(many.as_array().unwrap().len(), 2);
    let text = s
        .morgue(&["extract", CLUBHOUSE, "--format", "text"])
        .output()
        .unwrap();
    assert!(String::from_utf8(text.stdout)
        .unwrap()
        .contains("date:    2021-02-15"));
}

#[test]
fn show_finds_articles_by_id_and_by_path() {
    let s = corpus_index();
    let hit = &jsonl_of(s.morgue(&["search", "clubhouse", "--format", "jsonl"]))[0];
    let id = hit["id"].as_str().unwrap();
    let by_id = json_of(s.morgue(&["show", id, "--format", "json"]));
    assert_eq!(by_id["path"], CLUBHOUSE);
    assert!(by_id["body"].as_str().unwrap().len() > 1000);
    let by_path = json_of(s.morgue(&["show", CLUBHOUSE, "--format", "json"]));
    assert_eq!(by_path["id"], id);
    s.morgue(&["show", "nosuchid"]).assert().code(1);
}

#[test]
fn stats_and_people_count_articles_per_person() {
    let s = corpus_index();
    let stats = json_of(s.morgue(&["stats", "--format", "json"]));
    assert!(stats["articles"].as_u64().unwrap() >= 40);
    assert!(stats["first_date"].as_str().unwrap().starts_with("2015"));
    assert!(stats["index_bytes"].as_u64().unwrap() > 0);
    let top: Vec<&str> = stats["top_people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(top.len(), 10);
    assert!(
        top.contains(&"Elon Musk") && top.contains(&"Vladimir Putin"),
        "{top:?}"
    );
    let people = json_of(s.morgue(&["people", "--limit", "5", "--format", "json"]));
    let list = people.as_array().unwrap();
    assert_eq!(list.len(), 5);
    assert!(list[0]["articles"].as_u64().unwrap() >= 3);
    let in_2021 = json_of(s.morgue(&[
        "people",
        "--from",
        "2021-02-01",
        "--to",
        "2021-02-28",
        "--format",
        "json",
    ]));
    let names: Vec<&str> = in_2021
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Dmitry Peskov"), "{names:?}");
    assert!(!names.contains(&"Angela Merkel"), "{names:?}");
}

/// `people` without dates counts from the term dictionary; its counts must be the number of
/// articles a `--person` search finds, also once a deletion leaves a segment with deleted
/// documents.
#[test]
fn people_counts_stay_exact_after_deletions() {
    let s = Scratch::new();
    let corpus = s.copy_corpus();
    let c = corpus.to_str().unwrap();
    let check = |s: &Scratch| -> u64 {
        let people = json_of(s.morgue(&["people", "--limit", "6", "--format", "json"]));
        let mut musk = 0;
        for p in people.as_array().unwrap() {
            let name = p["name"].as_str().unwrap();
            assert!(!name.is_empty());
            let found = json_of(s.morgue(&[
                "search",
                "--person",
                name,
                "--all-copies",
                "--limit",
                "0",
                "--format",
                "json",
            ]));
            assert_eq!(p["articles"], found["total_articles"], "{name}");
            if name == "Elon Musk" {
                musk = p["articles"].as_u64().unwrap();
            }
        }
        musk
    };
    s.morgue(&["index", c]).assert().success();
    let musk = check(&s);
    assert!(musk >= 2);
    // A story with no other copy in the corpus (the Clubhouse one has an AMP twin).
    std::fs::remove_file(
        corpus.join("meridian-post/musk-completes-twitter-takeover-fires-executives.html"),
    )
    .unwrap();
    s.morgue(&["index", c]).assert().success();
    assert_eq!(check(&s), musk - 1);
}

#[test]
fn completions_are_printed_for_a_shell() {
    let s = Scratch::new();
    s.morgue(&["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("morgue"));
}

/// The README's first command, as a new user copies it: the arguments after `cargo run --release --`.
fn readme_first_command() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run --release -- "))
        .expect("README has a `cargo run --release --` command");
    let args = line["cargo run --release -- ".len()..]
        .split('#')
        .next()
        .unwrap();
    shlex::split(args).unwrap()
}

/// Issue 18: a fresh clone ships `index/README.md`, which made the first command fail with
/// "not a morgue index"; this starts from exactly the tracked files.
#[test]
fn readme_first_command_works_on_the_tracked_files_alone() {
    let s = Scratch::new();
    let listed = std::process::Command::new("git")
        .current_dir(root())
        .args(["ls-files", "-z"])
        .output()
        .unwrap();
    assert!(listed.status.success());
    let clone = s.path().join("clone");
    for name in listed.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let rel = std::str::from_utf8(name).unwrap();
        let dest = clone.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(root().join(rel), dest).unwrap();
    }
    assert!(clone.join("index/README.md").is_file());
    let args = readme_first_command();
    let out = assert_cmd::Command::cargo_bin("morgue")
        .unwrap()
        .current_dir(&clone)
        .env_remove("MORGUE_INDEX")
        .args(&args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    assert!(stderr.contains("building it from corpus"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("musk-putin-clubhouse-invitation"),
        "{stdout}"
    );
    assert!(clone.join("index/morgue.json").is_file());
}

/// Issue 18: a mistyped `--index` or `MORGUE_INDEX` used to be filled with the demo corpus.
#[test]
fn a_chosen_index_that_does_not_exist_is_an_error_not_a_demo_build() {
    let s = Scratch::new();
    s.copy_corpus();
    let typo = s.path().join("indx");
    let mut by_flag = assert_cmd::Command::cargo_bin("morgue").unwrap();
    by_flag
        .current_dir(s.path())
        .env_remove("MORGUE_INDEX")
        .args(["search", "clubhouse", "--index", typo.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no index at").and(predicate::str::contains("index DIR")));
    let mut by_env = assert_cmd::Command::cargo_bin("morgue").unwrap();
    by_env
        .current_dir(s.path())
        .env("MORGUE_INDEX", &typo)
        .args(["search", "clubhouse"])
        .assert()
        .code(2);
    assert!(!typo.exists());
    assert!(!s.path().join("index").exists());
}

/// The commands of the README's Examples block, each with its continuation lines.
fn readme_examples() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme.split("## Examples").nth(1).unwrap();
    let block = section
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let mut commands = Vec::new();
    let mut pending = String::new();
    for line in block.lines() {
        pending.push_str(line);
        pending.push('\n');
        // A quote left open (the Python example) continues on the next line.
        if shlex::split(&pending).is_some() {
            if pending.trim_start().starts_with("morgue ") {
                commands.push(pending.trim().to_string());
            }
            pending.clear();
        }
    }
    commands
}

fn on_path(tool: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Issue 18: `'"very interesting" -clubhouse'` in the README found nothing on the demo corpus.
/// Every example that needs no folder of the reader's own must succeed and print something.
#[test]
fn every_readme_example_returns_something_on_the_demo_corpus() {
    let s = Scratch::new();
    let bin_dir = s.path().join("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    std::os::unix::fs::symlink(
        assert_cmd::cargo::cargo_bin("morgue"),
        bin_dir.join("morgue"),
    )
    .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let examples = readme_examples();
    assert!(examples.len() > 15, "{examples:?}");
    let mut ran = 0;
    for example in &examples {
        let words = shlex::split(example).unwrap();
        if example.contains('~') || example.contains("../") || words.iter().any(|w| w == ">") {
            continue; // the reader's own folders and files
        }
        let tools: Vec<&String> = words
            .iter()
            .zip(words.iter().skip(1))
            .filter(|(w, _)| *w == "|")
            .map(|(_, t)| t)
            .collect();
        if tools.iter().any(|t| !on_path(t)) {
            continue;
        }
        let out = std::process::Command::new("sh")
            .args(["-c", example])
            .current_dir(root())
            .env("PATH", &path)
            .env("MORGUE_INDEX", s.index())
            .env("MORGUE_OPENER", "echo")
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "{example}\n{stderr}");
        assert!(
            !stdout.trim().is_empty() || words[1] == "index",
            "{example} printed nothing\n{stderr}"
        );
        if !tools.is_empty() {
            assert!(!stderr.contains("Traceback"), "{example}\n{stderr}");
        }
        ran += 1;
    }
    assert!(ran > 15, "only {ran} of {} examples ran", examples.len());
}

fn morgue_in(dir: &std::path::Path, index: &std::path::Path, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("morgue").unwrap();
    cmd.current_dir(dir)
        .env_remove("MORGUE_INDEX")
        .arg("--index")
        .arg(index)
        .args(args);
    cmd
}

/// Issue 18: paths were stored as typed, so an index answered with paths that only worked
/// from the directory it was built in.
#[test]
fn paths_are_stored_absolute_and_shown_relative_below_the_working_directory() {
    let s = corpus_index();
    let here = json_of(s.morgue(&["search", "clubhouse", "--format", "json"]));
    assert_eq!(here["hits"][0]["path"], CLUBHOUSE);
    let elsewhere = json_of(morgue_in(
        s.path(),
        &s.index(),
        &["search", "clubhouse", "--format", "json"],
    ));
    let abs = elsewhere["hits"][0]["path"].as_str().unwrap().to_string();
    assert!(std::path::Path::new(&abs).is_absolute(), "{abs}");
    assert!(std::path::Path::new(&abs).is_file(), "{abs}");
    assert_eq!(
        std::fs::canonicalize(&abs).unwrap(),
        std::fs::canonicalize(root().join(CLUBHOUSE)).unwrap()
    );
    // `show` takes that absolute path from anywhere.
    let shown = json_of(morgue_in(
        s.path(),
        &s.index(),
        &["show", &abs, "--format", "json"],
    ));
    assert_eq!(shown["id"], elsewhere["hits"][0]["id"]);
}

/// Issue 18: `show` took only a full id or the path as typed at index time.
#[test]
fn show_accepts_an_id_prefix_a_path_or_a_url_and_open_hands_the_page_to_the_opener() {
    let s = corpus_index();
    let hit = &jsonl_of(s.morgue(&["search", "clubhouse", "--format", "jsonl"]))[0];
    let id = hit["id"].as_str().unwrap();
    let url = hit["url"].as_str().unwrap();
    for key in [&id[..6], url, CLUBHOUSE] {
        let shown = json_of(s.morgue(&["show", key]));
        assert_eq!(shown["id"], id, "show {key}");
    }
    s.morgue(&["show", "https://example.invalid/nothing"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no article"));
    let out = s
        .morgue(&["open", &id[..8]])
        .env("MORGUE_OPENER", "echo")
        .output()
        .unwrap();
    assert!(out.status.success());
    let opened = String::from_utf8(out.stdout).unwrap();
    assert!(
        std::path::Path::new(opened.trim()).is_absolute() && opened.trim().ends_with(CLUBHOUSE),
        "{opened}"
    );
}

/// Issue 18: messages a newcomer met on day one.
#[test]
fn bad_dates_spans_names_and_queries_are_one_line_errors() {
    let s = corpus_index();
    let cases: [(&[&str], &str); 6] = [
        (&["search", "x", "--from", "2021-02-30"], "does not exist"),
        (
            &["search", "x", "--from", "2022", "--to", "2021"],
            "is after --to",
        ),
        (
            &["people", "--from", "2022", "--to", "2021"],
            "is after --to",
        ),
        (&["search", "--person", ""], "no name"),
        (&["search", "?!..."], "no words"),
        (&["search", "date:2021-02-31"], "does not exist"),
    ];
    for (args, says) in cases {
        let out = s.morgue(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{args:?}: {stderr}");
    }
}

/// Issue 18: `Not a directory (os error 20): Not a directory (os error 20)`.
#[test]
fn an_os_error_is_said_once() {
    let s = Scratch::new();
    let bad = format!("{CLUBHOUSE}/below");
    let out = s.morgue(&["index", &bad]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
}

#[test]
fn field_names_ignore_case_and_dates_may_carry_a_time() {
    let s = corpus_index();
    let lower = jsonl_of(s.morgue(&["search", "headline:clubhouse"]));
    let upper = jsonl_of(s.morgue(&["search", "Headline:Clubhouse"]));
    assert!(!lower.is_empty());
    assert_eq!(paths(&lower), paths(&upper));
    let date = lower[0]["date"].as_str().unwrap().to_string();
    let minute = &date[..16]; // YYYY-MM-DDTHH:MM
    let at = jsonl_of(s.morgue(&["search", &format!("date:{minute}")]));
    assert!(paths(&at).contains(&CLUBHOUSE.to_string()), "{minute}");
    let before = jsonl_of(s.morgue(&[
        "search",
        &format!("Date:[2015 TO {minute}]"),
        "--limit",
        "100",
    ]));
    assert!(paths(&before).contains(&CLUBHOUSE.to_string()));
}

#[test]
fn subcommands_without_an_index_do_not_offer_index_in_help() {
    let s = Scratch::new();
    for sub in ["extract", "completions"] {
        let out = s.morgue(&[sub, "--help"]).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success());
        assert!(!help.contains("--index"), "{sub}: {help}");
    }
    let out = s.morgue(&["search", "--help"]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("--index"));
}

/// Issue 18: `--limit 0` returned one hit, and a page past the end said only "no hits".
#[test]
fn limit_zero_counts_and_a_page_past_the_end_says_how_many_there_are() {
    let s = corpus_index();
    let all = json_of(s.morgue(&["search", "putin", "--format", "json"]));
    let total = all["total_hits"].as_u64().unwrap();
    assert!(total >= 2);
    let counted = json_of(s.morgue(&["search", "putin", "--limit", "0", "--format", "json"]));
    assert_eq!(counted["total_hits"].as_u64(), Some(total));
    assert_eq!(counted["hits"].as_array().unwrap().len(), 0);
    s.morgue(&["search", "putin", "--offset", "500", "--format", "text"])
        .assert()
        .stdout(predicate::str::contains(format!(
            "no hits on this page ({total} in all"
        )));
}

#[test]
fn search_json_records_every_filter() {
    let s = corpus_index();
    let v = json_of(s.morgue(&[
        "search",
        "clubhouse",
        "--person",
        "Putin",
        "--from",
        "2021-02",
        "--to",
        "2021",
        "--sort",
        "newest",
        "--limit",
        "3",
        "--format",
        "json",
    ]));
    let r = &v["request"];
    assert_eq!(v["query"], "clubhouse");
    assert_eq!(r["query"], "clubhouse");
    assert_eq!(r["person"], serde_json::json!(["Putin"]));
    assert_eq!(r["from"], "2021-02-01");
    assert_eq!(r["to"], "2021-12-31");
    assert_eq!(r["sort"], "newest");
    assert_eq!(r["limit"], 3);
    assert_eq!(r["offset"], 0);
}

#[test]
fn show_and_stats_print_json_when_piped() {
    let s = corpus_index();
    let shown = json_of(s.morgue(&["show", CLUBHOUSE]));
    assert_eq!(shown["path"], CLUBHOUSE);
    let stats = json_of(s.morgue(&["stats"]));
    assert!(stats["articles"].as_u64().unwrap() >= 40);
}

/// Issue 18: `extract --format json` printed an object for two files when one failed, and `[]`
/// for one file that failed.
#[test]
fn extract_json_is_an_array_for_several_files_and_failures_go_to_stderr() {
    let s = Scratch::new();
    let empty = s.path().join("empty.html");
    std::fs::write(&empty, "").unwrap();
    let empty = empty.to_str().unwrap();
    let out = s
        .morgue(&["extract", empty, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty file"));
    let two = s
        .morgue(&["extract", CLUBHOUSE, empty, "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(two.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&two.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(1));
}

/// A folder of two pages: one about Evo Morales, one that uses "morally".
fn morales_pages(s: &Scratch) -> std::path::PathBuf {
    let dir = s.path().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let page = |headline: &str, body: &str| {
        format!(
            "<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>\
             <p>{body}</p><p>{body}</p></article></body></html>"
        )
    };
    std::fs::write(
        dir.join("morales.html"),
        page(
            "Morales returns to La Paz",
            "Evo Morales, the former president of Bolivia, flew back to La Paz on Monday after a year \
             abroad, and thousands of supporters lined the road from the airport to greet him as he \
             promised to campaign across the country for the party he founded.",
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("ethics.html"),
        page(
            "Council debates the harbour contract",
            "Councillors argued for three hours about whether the harbour contract was morally \
             defensible, with several saying that the tender had been rushed and that residents \
             putting questions to the committee had been given no time to read the documents.",
        ),
    )
    .unwrap();
    dir
}

/// Issue 18: quoted words were stemmed like the rest, so `"morales"` found "morally".
#[test]
fn quoted_words_are_exact_and_a_star_is_a_prefix() {
    let s = Scratch::new();
    let dir = morales_pages(&s);
    s.morgue(&["index", dir.to_str().unwrap()])
        .assert()
        .success();
    let names = |q: &str| -> Vec<String> {
        let mut v: Vec<String> = jsonl_of(s.morgue(&["search", q, "--format", "jsonl"]))
            .iter()
            .map(|h| {
                let p = h["path"].as_str().unwrap();
                p.rsplit('/').next().unwrap().to_string()
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(names("morales"), ["ethics.html", "morales.html"], "stemmed");
    assert_eq!(names("\"morales\""), ["morales.html"]);
    assert_eq!(
        names("\"Morales\" OR \"morally\""),
        ["ethics.html", "morales.html"]
    );
    assert_eq!(names("body:\"morally\""), ["ethics.html"]);
    assert_eq!(names("headline:\"MORALES\""), ["morales.html"]);
    assert_eq!(names("\"harbour contract\""), ["ethics.html"]);
    assert_eq!(names("put*"), ["ethics.html"]);
    assert_eq!(names("campaig*"), ["morales.html"]);
    assert_eq!(names("mor* -\"morally\""), ["morales.html"]);
    // The exact match is highlighted in the snippet.
    let hit = &jsonl_of(s.morgue(&["search", "\"morally\"", "--format", "jsonl"]))[0];
    assert!(
        hit["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<b>morally</b>"),
        "{hit}"
    );
}
