use super::*;

#[test]
fn json_ld_graph_and_arrays_are_read() {
    let page = r#"<html><head><script type="application/ld+json">
    {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
     {"@type":"NewsArticle","headline":"Storm hits coast","datePublished":"2020-01-02T10:00:00Z",
      "dateModified":"2020-01-03T10:00:00Z","author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Organization","name":"Wire"}],
      "publisher":{"@type":"Organization","name":"Coast News"},"mentions":[{"@type":"Person","name":"Jane Roe"}]}]}
    </script></head><body></body></html>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(m.ld_headline.as_deref(), Some("Storm hits coast"));
    assert_eq!(m.published, vec!["2020-01-02T10:00:00Z"]);
    assert_eq!(m.modified, vec!["2020-01-03T10:00:00Z"]);
    assert_eq!(m.authors, vec!["Ana Ruiz"]);
    assert_eq!(m.site.as_deref(), Some("Coast News"));
    assert_eq!(m.ld_people, vec!["Jane Roe"]);
    assert!(m.declares_article);
}

#[test]
fn meta_tags_rank_published_before_generic_dates() {
    let page = r#"<head><meta name="date" content="2019-01-01"><meta property="article:published_time" content="2020-05-05T08:00:00+02:00">
    <meta property="article:modified_time" content="2020-06-06"><meta property="og:site_name" content="Ledger">
    <link rel="canonical" href="https://ledger.example/a"></head>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(m.published[0], "2020-05-05T08:00:00+02:00");
    assert_eq!(m.modified, vec!["2020-06-06"]);
    assert_eq!(m.url.as_deref(), Some("https://ledger.example/a"));
    assert_eq!(m.site.as_deref(), Some("Ledger"));
}

#[test]
fn sidebar_times_and_headings_are_ignored() {
    let page = r#"<body><h1>Main story</h1><time datetime="2021-02-15">x</time>
    <aside class="related"><h1>Other</h1><time datetime="2020-01-01">y</time></aside></body>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(m.h1s, vec!["Main story"]);
    assert_eq!(m.times, vec!["2021-02-15"]);
}

#[test]
fn entities_escaped_twice_are_decoded_in_meta_values() {
    let page = r#"<head><meta property="og:title" content="Tide &amp;#8216;late&amp;#8217; &amp;#038; cold">
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"Fish &#163;4 &#8211; a record"}</script></head>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(m.og_title.as_deref(), Some("Tide ‘late’ & cold"));
    assert_eq!(m.ld_headline.as_deref(), Some("Fish £4 – a record"));
    assert_eq!(
        decode_entities("AT&T &unknown; &#xZZ;"),
        "AT&T &unknown; &#xZZ;"
    );
}

#[test]
fn dates_in_attributes_are_read() {
    let page = r#"<body><h1>Main story</h1>
    <abbr class="published" title="2009-08-06T14:12:32+0200">6 Aug</abbr>
    <span class="updated" title="2009-08-07T10:00:00+0200"></span>
    <div data-published="1643370000"></div></body>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(m.times[0], "2009-08-06T14:12:32+0200");
    assert!(m.times[1].starts_with("2022-01-28"), "{:?}", m.times);
    assert_eq!(m.modified, vec!["2009-08-07T10:00:00+0200"]);
}

#[test]
fn page_wide_classes_and_word_prefixes_do_not_hide_the_story() {
    // The body's classes describe the page; "promoted" is not "promo"; "topline" is a
    // meta line above the headline, not a sidebar.
    let page = r#"<body class="has-sidebar"><div class="promoted-story"><h1>Main story</h1>
    <div class="topline"><time datetime="2021-02-15">x</time></div></div>
    <div class="sidebar"><h1>Other</h1></div>
    <div class="most-read"><time datetime="2020-01-01">y</time></div></body>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(m.h1s, vec!["Main story"]);
    assert_eq!(m.times, vec!["2021-02-15"]);
}

#[test]
fn the_story_container_bounds_the_furniture_test() {
    // A wrapper named like furniture around the story's <article> does not hide it; a
    // card <article> inside an <aside> is still the sidebar's.
    let page = r#"<body><div class="layout-with-related"><article><h1>Main story</h1>
    <time datetime="2021-02-15">x</time></article></div>
    <aside><article><h1>Card</h1><time datetime="2020-01-01">y</time></article></aside></body>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(m.h1s, vec!["Main story"]);
    assert_eq!(m.times, vec!["2021-02-15"]);
}

#[test]
fn a_posts_own_category_and_tag_classes_are_not_furniture() {
    let page = r#"<body><div class="post category-popular tag-sidebar-tips"><h1>Main story</h1>
    <time datetime="2021-02-15">x</time></div>
    <div class="popular-posts"><h1>Card</h1><time datetime="2020-01-01">y</time></div></body>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(m.h1s, vec!["Main story"]);
    assert_eq!(m.times, vec!["2021-02-15"]);
}

#[test]
fn bylines_split_into_names_without_agencies() {
    assert_eq!(
        split_byline("By Tom Lee and Ana Ruiz, Reuters"),
        vec!["Tom Lee", "Ana Ruiz"]
    );
    assert_eq!(split_byline("Staff Writer"), Vec::<String>::new());
}

fn authors_of(page: &str) -> Vec<String> {
    read(&Html::parse_document(page)).authors
}

#[test]
fn kickers_and_subtitles_inside_the_h1_are_not_the_headline() {
    let page = r#"<html><body><h1><span class="dachzeile">Nach dem Sturm</span>
    <span class="headline">Fähre nach Amrum fährt wieder</span></h1>
    <h1 class="t"><span>Crab season opens early</span> <small class="article-subtitle">
    A guide to the harbour</small></h1><h1><span class="subtitle">Nur</span></h1></body></html>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(
        m.h1s,
        vec![
            "Fähre nach Amrum fährt wieder",
            "Crab season opens early",
            "Nur"
        ]
    );
}

#[test]
fn the_masthead_as_author_gives_way_to_the_byline() {
    let page = r#"<html><head><meta property="og:site_name" content="The Harbour Quill">
    <meta name="author" content="Harbour Quill"></head><body><article><h1>Pier closes</h1>
    <p class="meta">Von <a href="/autor/roe">Jana Roe</a></p><p>Text.</p></article></body></html>"#;
    assert_eq!(authors_of(page), vec!["Jana Roe"]);
    // A second author equal to the host beside a person is the masthead too.
    let page = r#"<html><head><link rel="canonical" href="https://www.harbourquill.example/a/1">
    <meta name="author" content="Jana Roe, HarbourQuill"></head><body></body></html>"#;
    assert_eq!(authors_of(page), vec!["Jana Roe"]);
}

#[test]
fn the_masthead_stands_when_nobody_else_signs_and_a_person_named_like_the_site_stays() {
    let page = r#"<html><head><meta property="og:site_name" content="Harbour Quill">
    <meta name="author" content="Harbour Quill"></head><body><p>Text.</p></body></html>"#;
    assert_eq!(authors_of(page), vec!["Harbour Quill"]);
    let page = r#"<html><head><meta property="og:site_name" content="Daniel Roe">
    <meta name="author" content="Daniel Roe"></head><body></body></html>"#;
    assert_eq!(authors_of(page), vec!["Daniel Roe"]);
}

#[test]
fn user_names_in_author_markup_are_kept() {
    let page = r#"<html><body><article><p class="post-byline"> von <span class="vcard author">
    <span class="fn"><a href="/author/kestrel" rel="author">kestrel</a></span></span></p>
    </article></body></html>"#;
    assert_eq!(authors_of(page), vec!["kestrel"]);
    let page = r#"<html><body><p class="headline_meta">by <span class="author vcard fn">oz</span>
    on <abbr class="published" title="2006-12-04">December 4, 2006</abbr></p></body></html>"#;
    assert_eq!(authors_of(page), vec!["oz"]);
}

#[test]
fn a_link_to_an_author_page_and_a_name_after_a_dated_by() {
    let page = r#"<html><body><div class="authors"><a href="https://x.example/author/ada-q/">
    <img src="a.jpg"> Ada Quill </a></div><h1>Autumn walks</h1></body></html>"#;
    assert_eq!(authors_of(page), vec!["Ada Quill"]);
    let page = r#"<html><body><p class="info">Start (last edited 2019-11-10 13:28:18 by
    <span><a href="/wiki/TomQuill">TomQuill</a></span>)</p></body></html>"#;
    assert_eq!(authors_of(page), vec!["TomQuill"]);
}

#[test]
fn visible_bylines_after_a_date_and_not_in_menus_comments_or_titles() {
    let page = r#"<html><body><div class="gallery-meta">Posted on May 4, 2021 by Ada Quill</div>
    </body></html>"#;
    assert_eq!(authors_of(page), vec!["Ada Quill"]);
    let page = r#"<html><head><title>Von Regeln, Politik und Sprache</title></head><body>
    <ul class="main-menu"><li><a href="/x">Von Kopf bis Fuss</a></li></ul>
    <ol class="commentlist"><li>Kommentar <small>von</small> <cite>Mareike</cite></li></ol>
    <p><i>von Daniela Quast</i></p></body></html>"#;
    assert_eq!(authors_of(page), vec!["Daniela Quast"]);
    let page = r#"<html><body><p>Musik rund um die Uhr<br> von Künstlern, Bands, DJs,<br> die hier spielen</p>
    </body></html>"#;
    assert_eq!(authors_of(page), Vec::<String>::new());
}

#[test]
fn descriptions_are_read_once_each_with_entities_decoded() {
    let page = r#"<html><head><meta name="description" content="Trams  will cross &amp;#8216;by spring&amp;#8217;">
    <meta property="og:description" content="Trams will cross ‘by spring’">
    <meta name="twitter:description" content="The council voted eleven to ten.">
    <script type="application/ld+json">{"@type":"NewsArticle","headline":"Bridge",
    "description":"Work starts in May &amp; ends in 2027."}</script></head><body></body></html>"#;
    let m = read(&Html::parse_document(page));
    assert_eq!(
        m.descriptions,
        [
            "Work starts in May & ends in 2027.",
            "Trams will cross ‘by spring’",
            "The council voted eleven to ten."
        ]
    );
}
