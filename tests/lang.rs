//! Archives in many languages: detection, per-language stemming, CJK bigrams, highlighting,
//! on our own pages (`tests/fixtures/lang/`) indexed together with the English corpus.

use crate::util::*;
use morgue::extract::extract;
use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

fn fixtures() -> std::path::PathBuf {
    root().join("tests/fixtures/lang")
}

/// One index of the English corpus and the pages in other languages, built once.
fn mixed() -> &'static Scratch {
    static INDEX: OnceLock<Scratch> = OnceLock::new();
    INDEX.get_or_init(|| {
        let s = Scratch::new();
        s.morgue(&["index", "corpus", fixtures().to_str().unwrap()])
            .assert()
            .success();
        s
    })
}

fn search(args: &[&str]) -> Value {
    let mut all = vec!["search", "--format", "json", "--limit", "100"];
    all.extend_from_slice(args);
    json_of(mixed().morgue(&all))
}

/// The file names of the hits of a search.
fn hit_files(args: &[&str]) -> Vec<String> {
    search(args)["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            Path::new(h["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

fn first_hit(args: &[&str]) -> Value {
    search(args)["hits"][0].clone()
}

#[test]
fn lang_pages_match_their_ground_truth() {
    let mut n = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let truth: Value =
            serde_json::from_str(&std::fs::read_to_string(path.with_extension("json")).unwrap())
                .unwrap();
        let a = extract(&path, &std::fs::read(&path).unwrap())
            .unwrap()
            .article;
        let name = path.display();
        assert_eq!(a.lang.as_deref(), truth["lang"].as_str(), "{name}");
        assert_eq!(a.headline, truth["headline"].as_str().unwrap(), "{name}");
        let day = a.date.unwrap_or_else(|| panic!("{name}: no date"));
        assert_eq!(
            day.date_naive().to_string(),
            truth["date"].as_str().unwrap(),
            "{name}"
        );
        // Boilerplate stays out of the body in every language.
        for furniture in ["Cookie", "cookie", "クッキー", "Мы используем", "نستخدم"]
        {
            assert!(!a.body.contains(furniture), "{name}: {furniture}");
        }
        n += 1;
    }
    assert!(n >= 7, "only {n} pages");
}

#[test]
fn lang_a_windows_1251_page_decodes_to_russian() {
    let path = fixtures().join("ru_metro.html");
    let a = extract(&path, &std::fs::read(&path).unwrap())
        .unwrap()
        .article;
    assert!(a.body.contains("станция метро"), "{}", a.body);
}

#[test]
fn lang_stemmed_forms_find_articles_in_their_own_language() {
    // The German page says "Haus", the French one "maison", the Russian one "станция".
    assert_eq!(hit_files(&["Häuser"]), ["de_wohnungsbau.html"]);
    assert_eq!(hit_files(&["maisons"]), ["fr_logement.html"]);
    assert_eq!(hit_files(&["станции"]), ["ru_metro.html"]);
    assert_eq!(hit_files(&["lluvia"]), ["es_lluvias.html"]);
    assert_eq!(hit_files(&["المكتبة"]), ["ar_maktaba.html"]);
}

#[test]
fn lang_two_cjk_characters_find_the_pages_containing_them() {
    assert_eq!(hit_files(&["高铁"]), ["zh_gaotie.html"]);
    assert_eq!(hit_files(&["図書館"]), ["ja_toshokan.html"]);
    // Two characters that are in the page, but not next to each other, are not a word of it.
    assert!(hit_files(&["铁城"]).is_empty());
}

#[test]
fn lang_filter_lists_only_articles_in_that_language() {
    let german = hit_files(&["--lang", "de"]);
    assert_eq!(german.len(), 2, "{german:?}");
    assert!(german.iter().all(|f| f.starts_with("de_")), "{german:?}");
    let mut two = hit_files(&["--lang", "fr", "--lang", "zh"]);
    two.sort();
    assert_eq!(two, ["fr_logement.html", "zh_gaotie.html"]);
    assert_eq!(hit_files(&["lang:de Haus"]), ["de_wohnungsbau.html"]);
    assert_eq!(hit_files(&["lang:DE Gift"]), ["de_gift.html"]);
    let english = hit_files(&["--lang", "en"]);
    assert!(english.len() >= 40 && english.iter().all(|f| !f.starts_with("de_")));
    mixed()
        .morgue(&["search", "--lang", "deutsch", "Haus"])
        .assert()
        .code(2);
}

#[test]
fn lang_a_word_spelled_alike_is_matched_per_language() {
    // English "gifted" stems to "gift", the German word for poison: only the English page.
    let gifted = hit_files(&["gifted"]);
    assert!(
        gifted.contains(&"en_orchestra.html".to_string()),
        "{gifted:?}"
    );
    assert!(!gifted.contains(&"de_gift.html".to_string()), "{gifted:?}");
    // The word itself is in both languages' pages.
    let gift = hit_files(&["gift"]);
    assert!(gift.contains(&"de_gift.html".to_string()), "{gift:?}");
    assert!(gift.contains(&"en_orchestra.html".to_string()), "{gift:?}");
}

#[test]
fn lang_snippets_highlight_stemmed_forms_and_cjk_words() {
    let de = first_hit(&["Häuser"]);
    assert!(
        de["snippet_html"].as_str().unwrap().contains("<b>Haus</b>"),
        "{de}"
    );
    let zh = first_hit(&["高铁"]);
    assert!(
        zh["snippet_html"].as_str().unwrap().contains("<b>高铁</b>"),
        "{zh}"
    );
    let ja = first_hit(&["図書館"]);
    assert!(
        ja["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<b>図書館</b>"),
        "{ja}"
    );
    let fr = first_hit(&["maisons"]);
    assert!(
        fr["snippet_html"]
            .as_str()
            .unwrap()
            .contains("<b>maison</b>"),
        "{fr}"
    );
}

#[test]
fn lang_right_to_left_text_is_printed_as_written() {
    let out = mixed()
        .morgue(&["search", "--format", "text", "مكتبة"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("افتتاح مكتبة عامة جديدة في وسط المدينة"),
        "{text}"
    );
    // The snippet is a run of the body's own characters, in their logical order.
    let hit = first_hit(&["مكتبة"]);
    let snippet = hit["snippet"].as_str().unwrap().trim_matches('…');
    assert!(
        snippet.contains("مكتبة عامة جديدة في وسط المدينة"),
        "{snippet}"
    );
    assert!(!snippet.contains('\u{202E}') && !snippet.contains('\u{E000}'));
}

#[test]
fn lang_is_in_search_show_and_stats_json() {
    let hit = first_hit(&["Häuser"]);
    assert_eq!(hit["lang"], "de");
    let shown = json_of(mixed().morgue(&["show", hit["id"].as_str().unwrap()]));
    assert_eq!(shown["lang"], "de");
    assert!(shown["body"].as_str().unwrap().starts_with("Die Stadt"));
    let stats = json_of(mixed().morgue(&["stats", "--format", "json"]));
    let langs: Vec<(String, u64)> = stats["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["lang"].as_str().unwrap().to_string(),
                l["articles"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(langs[0].0, "en");
    assert!(langs.contains(&("de".to_string(), 2)), "{langs:?}");
    assert!(langs.contains(&("ja".to_string(), 1)), "{langs:?}");
}

#[test]
fn lang_serve_facets_count_languages_of_the_result_set() {
    let idx = morgue::index::open(&mixed().index()).unwrap();
    let req = morgue::search::SearchRequest {
        query: "Gift".into(),
        limit: 10,
        ..Default::default()
    };
    let f = morgue::facets::facets(&idx, &req, None, 10).unwrap();
    let langs: Vec<(&str, u64)> = f
        .languages
        .iter()
        .map(|l| (l.lang.as_str(), l.articles))
        .collect();
    assert!(langs.contains(&("de", 1)), "{langs:?}");
    assert!(
        langs.iter().all(|(l, _)| ["de", "en"].contains(l)),
        "{langs:?}"
    );
}

#[test]
fn lang_english_ranking_is_unchanged_by_other_languages() {
    // The same English query on the English corpus alone and with the other pages added.
    let alone = corpus_index();
    let ids = |s: &Scratch| -> Vec<String> {
        let v = json_of(s.morgue(&["search", "--format", "json", "--limit", "20", "vaccine"]));
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let base = ids(alone);
    assert!(!base.is_empty());
    assert_eq!(ids(mixed()), base);
}
