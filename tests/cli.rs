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
    let s = indexed_corpus();
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
    let s = indexed_corpus();
    let v = json_of(s.morgue(&["search", "clubhouse", "--format", "json"]));
    for key in ["query", "total_hits", "took_ms", "hits"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let hit = &v["hits"][0];
    for key in [
        "rank",
        "score",
        "id",
        "headline",
        "date",
        "site",
        "url",
        "path",
        "people",
        "authors",
        "snippet",
        "snippet_html",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}");
    }
    assert_eq!(hit["rank"], 1);
    assert!(!hit["snippet"].as_str().unwrap().contains('<'));
}

#[test]
fn surname_person_filter_is_case_and_accent_blind() {
    let s = indexed_corpus();
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
    let s = indexed_corpus();
    let both = jsonl_of(s.morgue(&[
        "search", "--person", "Putin", "--person", "Musk", "--format", "jsonl",
    ]));
    assert_eq!(paths(&both), vec![CLUBHOUSE.to_string()]);
}

#[test]
fn related_story_headlines_do_not_make_a_page_a_hit() {
    let s = indexed_corpus();
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
    let s = indexed_corpus();
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
    let s = indexed_corpus();
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
    let s = indexed_corpus();
    let v = json_of(s.morgue(&["search", "--format", "json", "--limit", "1"]));
    // Pages that hold no article are indexed too (their text, marked "page"): nothing is lost.
    let pages = corpus_truth()
        .iter()
        .filter(|e| e.get("duplicate_of").is_none())
        .count();
    assert_eq!(v["total_hits"], pages);
    assert!(v["hits"][0]["date"].as_str().unwrap() >= "2025");
}

#[test]
fn query_syntax_phrases_exclusion_and_fields() {
    let s = indexed_corpus();
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
    let s = indexed_corpus();
    let v = json_of(s.morgue(&["search", "invitations", "--format", "json"]));
    assert!(paths(v["hits"].as_array().unwrap()).contains(&CLUBHOUSE.to_string()));
    assert!(v["hits"][0]["snippet_html"]
        .as_str()
        .unwrap()
        .contains("<b>invitation"));
}

#[test]
fn headline_only_match_still_gets_a_snippet() {
    let s = indexed_corpus();
    let v = json_of(s.morgue(&["search", "--person", "Peskov", "--format", "json"]));
    for hit in v["hits"].as_array().unwrap() {
        assert!(hit["snippet"].as_str().unwrap().len() > 40);
    }
}

#[test]
fn text_output_shows_rank_date_headline_site_and_path_within_100_columns() {
    let s = indexed_corpus();
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
    let s = indexed_corpus();
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
    let s = indexed_corpus();
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
    let s = indexed_corpus();
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
    let s = indexed_corpus();
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
    let s = indexed_corpus();
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
    let s = indexed_corpus();
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
    let s = indexed_corpus();
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

#[test]
fn completions_are_printed_for_a_shell() {
    let s = Scratch::new();
    s.morgue(&["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("morgue"));
}
