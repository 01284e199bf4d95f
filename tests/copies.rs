//! Syndicated copies (issue 16, item 3): one wire story run by three sites with small edits is
//! one hit; a follow-up on the same event by one of the sites stays apart; groups survive
//! incremental runs.

use crate::util::{copy_dir, corpus_index, json_of, jsonl_of, root, Scratch};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The first rendition (Lakeside Tribune), a copy with a new intro and its end cut (Eastport
/// Herald), a copy with a few words changed (Ridge Times), and a follow-up by the first site.
const FIRST: &str = "lakeside-tribune/rail-strike-halts-northern-trains.html";
const CUT: &str = "eastport-herald/northern-rail-walkout.html";
const EDITED: &str = "ridge-times/rail-workers-strike-pay.html";
const FOLLOW_UP: &str = "lakeside-tribune/rail-strike-ends-union-accepts-offer.html";

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/copies")
}

/// Copies some of the fixture pages into `dir`.
fn place(dir: &Path, pages: &[&str]) {
    for page in pages {
        let to = dir.join(page);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixtures().join(page), to).unwrap();
    }
}

fn index(s: &Scratch, dir: &Path) {
    s.morgue(&["index", dir.to_str().unwrap()])
        .assert()
        .success();
}

fn search(s: &Scratch, args: &[&str]) -> Value {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json", "--limit", "50"]);
    json_of(s.morgue(&all))
}

fn ends_with(path: &Value, page: &str) -> bool {
    path.as_str().unwrap().ends_with(page)
}

/// The page names of a hit and its copies, sorted.
fn group_of(hit: &Value) -> Vec<String> {
    let mut pages: Vec<String> = std::iter::once(&hit["path"])
        .chain(hit["copies"].as_array().unwrap().iter().map(|c| &c["path"]))
        .map(|p| {
            let p = p.as_str().unwrap();
            let parts: Vec<&str> = p.rsplitn(3, '/').collect();
            format!("{}/{}", parts[1], parts[0])
        })
        .collect();
    pages.sort();
    pages
}

fn sorted(pages: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
    v.sort();
    v
}

#[test]
fn three_renditions_of_a_wire_story_are_one_hit_and_the_follow_up_stays_apart() {
    let s = Scratch::new();
    index(&s, &fixtures());
    let v = search(&s, &["rail"]);
    assert_eq!(v["total_hits"], 2, "{v:#}");
    assert_eq!(v["total_articles"], 4);
    let hits = v["hits"].as_array().unwrap();
    let story = hits
        .iter()
        .find(|h| !ends_with(&h["path"], FOLLOW_UP))
        .unwrap();
    assert_eq!(group_of(story), sorted(&[FIRST, CUT, EDITED]));
    for copy in story["copies"].as_array().unwrap() {
        for key in ["id", "site", "date", "path"] {
            assert!(copy.get(key).is_some(), "copy lacks {key}: {copy}");
        }
    }
    let follow_up = hits
        .iter()
        .find(|h| ends_with(&h["path"], FOLLOW_UP))
        .unwrap();
    assert_eq!(follow_up["copies"], serde_json::json!([]));

    let text = s
        .morgue(&["search", "rail", "--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("also in 2 other places"), "{text}");
    assert_eq!(text.matches("also in").count(), 1, "{text}");
}

#[test]
fn all_copies_shows_every_article_and_limit_counts_groups() {
    let s = Scratch::new();
    index(&s, &fixtures());
    let all = search(&s, &["rail", "--all-copies"]);
    assert_eq!(all["total_hits"], 4);
    assert_eq!(all["hits"].as_array().unwrap().len(), 4);
    // Each copy still says where else the story ran.
    let with_copies = all["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["copies"].as_array().unwrap().len() == 2)
        .count();
    assert_eq!(with_copies, 3);

    // One group per page of results, and the second page is the other group.
    let first = json_of(s.morgue(&["search", "rail", "--limit", "1", "--format", "json"]));
    let second = json_of(s.morgue(&[
        "search", "rail", "--limit", "1", "--offset", "1", "--format", "json",
    ]));
    assert_eq!(first["hits"].as_array().unwrap().len(), 1);
    assert_eq!(second["hits"].as_array().unwrap().len(), 1);
    assert_eq!(second["hits"][0]["rank"], 2);
    let mut seen = group_of(&first["hits"][0]);
    seen.extend(group_of(&second["hits"][0]));
    seen.sort();
    assert_eq!(seen, sorted(&[FIRST, CUT, EDITED, FOLLOW_UP]));
    // JSON Lines carries the copies too.
    let lines = jsonl_of(s.morgue(&["search", "rail", "--format", "jsonl"]));
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|h| h["copies"].is_array()));
}

#[test]
fn a_copy_indexed_later_joins_the_group_of_the_first() {
    let s = Scratch::new();
    let dir = s.path().join("pages");
    place(&dir, &[FIRST, FOLLOW_UP]);
    index(&s, &dir);
    assert_eq!(search(&s, &["rail"])["total_hits"], 2);
    place(&dir, &[CUT]);
    index(&s, &dir);
    let v = search(&s, &["rail"]);
    assert_eq!(v["total_hits"], 2, "{v:#}");
    let story = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| !ends_with(&h["path"], FOLLOW_UP))
        .unwrap()
        .clone();
    assert_eq!(group_of(&story), sorted(&[FIRST, CUT]));
    let text = s
        .morgue(&["search", "walkout", "--format", "text"])
        .output()
        .unwrap();
    assert!(String::from_utf8(text.stdout)
        .unwrap()
        .contains("also in 1 other place: Lakeside Tribune"));
}

#[test]
fn deleting_the_first_copy_leaves_the_others_grouped() {
    let s = Scratch::new();
    let dir = s.path().join("pages");
    place(&dir, &[FIRST]);
    index(&s, &dir);
    place(&dir, &[CUT, EDITED, FOLLOW_UP]);
    index(&s, &dir);
    assert_eq!(search(&s, &["rail"])["total_hits"], 2);
    std::fs::remove_file(dir.join(FIRST)).unwrap();
    index(&s, &dir);
    let v = search(&s, &["rail"]);
    assert_eq!(v["total_articles"], 3);
    assert_eq!(v["total_hits"], 2, "{v:#}");
    let story = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| !ends_with(&h["path"], FOLLOW_UP))
        .unwrap()
        .clone();
    assert_eq!(group_of(&story), sorted(&[CUT, EDITED]));
    // The first copy comes back: it finds its group again.
    place(&dir, &[FIRST]);
    index(&s, &dir);
    let v = search(&s, &["rail"]);
    assert_eq!(v["total_hits"], 2, "{v:#}");
}

/// The groups of every article, as sets of page names, in a stable order.
fn partition(s: &Scratch) -> Vec<Vec<String>> {
    let v = search(s, &["--all-copies"]);
    let mut groups: Vec<Vec<String>> = v["hits"].as_array().unwrap().iter().map(group_of).collect();
    groups.sort();
    groups.dedup();
    groups
}

#[test]
fn re_indexing_an_unchanged_archive_keeps_the_groups() {
    let s = Scratch::new();
    let dir = s.path().join("pages");
    copy_dir(&fixtures(), &dir);
    index(&s, &dir);
    let before = partition(&s);
    assert_eq!(
        before,
        vec![sorted(&[FIRST, CUT, EDITED]), sorted(&[FOLLOW_UP])]
    );
    index(&s, &dir);
    assert_eq!(partition(&s), before);
    // A touched file with the same bytes, and a rebuild from scratch, give the same groups.
    let page = dir.join(CUT);
    let bytes = std::fs::read(&page).unwrap();
    std::fs::write(&page, bytes).unwrap();
    index(&s, &dir);
    assert_eq!(partition(&s), before);
    s.morgue(&["index", dir.to_str().unwrap(), "--full"])
        .assert()
        .success();
    assert_eq!(partition(&s), before);
}

#[test]
fn the_demo_corpus_wire_story_on_two_sites_is_one_hit_also_in_one_other_place() {
    let s = corpus_index();
    let v = json_of(s.morgue(&["search", "glacier", "lake", "--format", "json"]));
    assert_eq!(v["total_hits"], 1, "{v:#}");
    assert_eq!(v["total_articles"], 2);
    assert_eq!(v["hits"][0]["copies"].as_array().unwrap().len(), 1);
    let text = s
        .morgue(&["search", "glacier", "lake", "--format", "text"])
        .output()
        .unwrap();
    assert!(String::from_utf8(text.stdout)
        .unwrap()
        .contains("also in 1 other place"));
    // The two eclipse stories of one site, seven years apart, are not copies.
    let eclipse = json_of(s.morgue(&["search", "eclipse", "--format", "json"]));
    assert_eq!(eclipse["total_hits"], eclipse["total_articles"]);
}
