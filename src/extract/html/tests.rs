use super::attrs::name_hint;
use super::flatten::count_words;
use super::lines::is_junk_line;
use super::tables::{NEGATIVE_HINTS, POSITIVE_HINTS};
use super::*;
use crate::extract::lexicon::Match::Part;

/// Four sentences of invented prose, long enough to pass the article threshold.
const P1: &str = "The city council voted on Tuesday to rebuild the old river bridge, ending a debate that had lasted for almost a decade.";
const P2: &str = "Engineers said the new crossing, which will carry trams as well as cars, should open to traffic in the spring of next year.";
const P3: &str = "Residents of the eastern district, who have waited years for a faster route into town, welcomed the decision at a packed meeting.";
const P4: &str = "The mayor said the cost would be shared with the regional government, although the final figure has not yet been agreed.";

/// The article text main-content extraction finds; "" when the page fell back to its text.
fn body(html: &str) -> String {
    article_text(extract_body(&Html::parse_document(html), None, &[]))
}

fn article_text(b: Body) -> String {
    match b.kind {
        ExtractionKind::Article => b.text,
        ExtractionKind::Page => String::new(),
    }
}

fn page(inner: &str) -> String {
    format!("<html><head><title>T</title></head><body>{inner}</body></html>")
}

fn paras(ps: &[&str]) -> String {
    ps.iter().map(|p| format!("<p>{p}</p>")).collect()
}

#[test]
fn keeps_article_paragraphs_in_order_and_drops_page_furniture() {
    let html = page(&format!(
        r#"<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
        <div class="layout"><article><h1>Bridge to be rebuilt</h1>{}</article>
        <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Story one about a thing</a></li>
        <li><a href="/b">Story two about another thing</a></li></ul></aside></div>
        <footer><p>Copyright 2024 The Paper. All rights reserved, every single one of them.</p></footer>"#,
        paras(&[P1, P2, P3, P4])
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn drops_metadata_and_furniture_lines_inside_the_article() {
    let html = page(&format!(
        r#"<article><div class="story">
        <p>By Jane Doe and John Roe</p><p>Updated: 15 Feb 2021, 07:50 PM IST</p>
        <p>March 3, 2021</p>
        <p>{P1}</p><p>Advertisement</p><p>{P2}</p><div>ADVERTISEMENT</div>
        <p>Story continues below</p><p>Read more: <a href="/x">Another story about bridges in the region</a></p>
        <p>{P3}</p><p>Also read: <a href="/y">Why the tram network keeps growing</a></p>
        <p>Related: Tram fares to rise in May</p><p>(Photo: Jane Doe/Reuters)</p><p>{P4}</p>
        </div></article>"#
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn drops_boxes_nested_inside_the_article() {
    let html = page(&format!(
        r#"<article><div class="article-body"><p>{P1}</p>
        <div class="related-stories"><h3>Related</h3><ul>
          <li><a href="/1">Council approves new budget for the year</a></li>
          <li><a href="/2">Tram line extension opens to the public</a></li></ul></div>
        <p>{P2}</p>
        <div class="newsletter-signup"><p>Get our morning briefing, with the day's news in five minutes, every weekday.</p></div>
        <div class="share-bar"><a href="/s">Share</a> <a href="/t">Tweet</a></div>
        <p>{P3}</p>
        <div><div class="card"><p>Teaser text for some other story in the paper</p><h3><a href="/c1">A headline of another story here</a></h3></div>
        <div class="card"><p>Teaser text for yet another story in the paper</p><h3><a href="/c2">A second headline of a story here</a></h3></div></div>
        <figure><img src="x.jpg"><figcaption>The bridge at night. Photograph: Jane Doe</figcaption></figure>
        <p>{P4}</p></div></article>"#
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn skips_code_forms_and_hidden_elements() {
    let html = page(&format!(
        r#"<article><p>{P1}</p><script>var s = "a long script string, with commas, and words.";</script>
        <style>p {{ color: red }}</style><noscript>Please enable JavaScript to read the comments here.</noscript>
        <template><p>Template paragraph that should never show up in the text.</p></template>
        <svg><text>chart label</text></svg><p>{P2}</p>
        <form><p>Sign up to receive our weekly digest of the most important stories, free.</p><button>Sign up</button></form>
        <iframe src="/embed">frame text</iframe>
        <p hidden>A hidden paragraph that only appears when the reader clicks a button here.</p>
        <p aria-hidden="true">An aria-hidden paragraph that screen readers never see, nor should we.</p>
        <p style="display: none">A paragraph styled away with display none, for some reason.</p>
        <p>{P3}</p><p>{P4}</p></article>"#
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn a_page_hidden_behind_a_dialog_still_yields_its_article() {
    let html = page(&format!(
        r#"<div class="wrap" aria-hidden="true"><article>{}</article></div>
        <div role="dialog"><p>We use cookies to improve your experience on our site, and to show ads.</p></div>"#,
        paras(&[P1, P2, P3, P4])
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn reads_div_paragraphs() {
    let html = page(&format!(
        r#"<div class="nav"><a href="/">Home</a></div>
        <div id="story"><div>{P1}</div><div>{P2}</div><div>{P3}</div><div>{P4}</div></div>"#
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn splits_table_cells_on_double_br_and_reads_font_tags() {
    let html = page(&format!(
        r#"<table><tr><td width="120"><a href="/">Home</a><br><a href="/n">News</a></td>
        <td><font face="Arial" size="2">{P1}<br><br>{P2}<br>
        <br>{P3}<br/><br/><font color="red">{P4}</font></font></td></tr></table>"#
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn drops_headline_and_byline_lines_atop_a_br_separated_cell() {
    let html = page(&format!(
        r#"<table><tr><td><b>Bridge to be rebuilt at last</b><br>By Tom Archer, 14 March 2003<br><br>
        {P1}<br><br>{P2}<br><br>{P3}<br><br>{P4}</td></tr></table>"#
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn keeps_a_sentence_that_merely_starts_with_by() {
    let html = page(&format!(
        "<article><p>{P1}</p><p>By Tuesday, the river had risen again.</p>{}</article>",
        paras(&[P2, P3, P4])
    ));
    assert!(body(&html).contains("By Tuesday, the river had risen again."));
}

#[test]
fn splits_preformatted_text_on_blank_lines() {
    let html = page(&format!(
        "<pre>{P1}\n\n{}\n{}\n\n{P3}\n\n{P4}</pre>",
        &P2[..60],
        &P2[60..]
    ));
    let p2 = format!("{} {}", &P2[..60], &P2[60..]);
    assert_eq!(body(&html), [P1, p2.as_str(), P3, P4].join("\n\n"));
}

#[test]
fn a_single_br_is_a_space() {
    let html = page(&format!(
        "<article><p>{P1}<br>{P2}</p><p>{P3}</p><p>{P4}</p></article>"
    ));
    assert_eq!(
        body(&html),
        [format!("{P1} {P2}").as_str(), P3, P4].join("\n\n")
    );
}

#[test]
fn keeps_subheadings_lists_and_quotes_inside_the_body() {
    let html = page(&format!(
        r#"<article><h1>Headline</h1><p>{P1}</p><h2>What happens next</h2><p>{P2}</p>
        <ul><li>The bridge closes in March for demolition work.</li><li>A ferry will run while it is shut.</li></ul>
        <p>{P3}</p><ol><li>Demolition</li><li>Foundations</li><li>New deck</li></ol>
        <blockquote>It is the biggest project the city has seen in years, said an engineer.</blockquote>
        <h3>Costs</h3><p>{P3}</p><p>{P4}</p></article>"#
    ));
    let expected = [
        P1,
        "What happens next",
        P2,
        "The bridge closes in March for demolition work.",
        "A ferry will run while it is shut.",
        P3,
        "Demolition",
        "Foundations",
        "New deck",
        "It is the biggest project the city has seen in years, said an engineer.",
        "Costs",
        P3,
        P4,
    ];
    assert_eq!(body(&html), expected.join("\n\n"));
}

#[test]
fn normalises_whitespace_within_a_paragraph() {
    let html = page(&format!(
        "<article><p>  The   council\n\tvoted&nbsp; on <b>Tuesday</b>,\n and   then  <i>left</i>. </p>{}</article>",
        paras(&[P1, P2, P3])
    ));
    let out = body(&html);
    assert!(
        out.starts_with("The council voted on Tuesday, and then left.\n\n"),
        "{out}"
    );
}

#[test]
fn joins_a_body_split_around_an_ad() {
    let html = page(&format!(
        r#"<div class="wrap"><div class="text">{}</div><div class="ad-slot">Advertisement</div>
        <div class="text">{}</div></div><div class="comments"><p>Great article, thanks for sharing it with us all!</p></div>"#,
        paras(&[P1, P2]),
        paras(&[P3, P4])
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn section_fronts_and_error_pages_are_not_articles() {
    let mut links = String::new();
    for i in 0..30 {
        links.push_str(&format!(
            r#"<div class="item"><h3><a href="/s{i}">Story number {i} about the council and the bridge</a></h3>
            <p>A short teaser for story {i}, about local news.</p></div>"#
        ));
    }
    assert_eq!(body(&page(&format!("<main>{links}</main>"))), "");
    let not_found = page(
        r#"<nav><a href="/">Home</a></nav><h1>Page not found</h1>
        <p>Sorry, the page you were looking for does not exist.</p><p><a href="/">Go home</a></p>"#,
    );
    assert_eq!(body(&not_found), "");
    let login = page(
        r#"<div class="login"><h2>Sign in to keep reading</h2><form><input name="u"><input name="p">
        <button>Log in</button></form><p>Not a member yet? <a href="/join">Subscribe now</a></p></div>"#,
    );
    assert_eq!(body(&login), "");
}

#[test]
fn a_page_without_an_article_keeps_its_visible_text() {
    let front = page(
        r#"<nav><a href="/">Home</a></nav><h1>Page not found</h1>
        <p>Sorry, the page you were looking for does not exist.</p>"#,
    );
    let b = extract_body(&Html::parse_document(&front), None, &[]);
    assert_eq!(b.kind, ExtractionKind::Page);
    assert!(
        b.text.contains("Sorry, the page you were looking for"),
        "{}",
        b.text
    );
    assert!(!b.text.contains("Home"), "{}", b.text);
}

#[test]
fn furniture_lines_are_known_in_the_languages_of_our_pages() {
    for line in [
        "Lesen Sie auch: Die neue Brücke",
        "Anzeige",
        "Lee también: El puente nuevo",
        "Suscríbete a nuestro boletín",
        "Lire aussi : le nouveau pont",
        "Leggi anche: il nuovo ponte",
        "Leia também: a nova ponte",
    ] {
        let words = count_words(line).words as usize;
        assert!(is_junk_line(line, words), "{line}");
    }
    assert!(!is_junk_line(P1, count_words(P1).words as usize));
}

#[test]
fn a_brief_is_an_article() {
    let brief = page(
        "<article><h1>Bridge closed</h1><p>The old river bridge will close for repairs on Monday, the council said.</p></article>",
    );
    let b = extract_body(&Html::parse_document(&brief), None, &[]);
    assert_eq!(b.kind, ExtractionKind::Article);
    assert!(b.text.starts_with("The old river bridge"), "{}", b.text);
}

#[test]
fn a_story_container_named_like_furniture_still_yields_its_story() {
    let html = page(&format!(
        r#"<div class="teaser-story promo">{}</div><div class="sidebar"><a href="/x">Other</a></div>"#,
        paras(&[P1, P2])
    ));
    let b = extract_body(&Html::parse_document(&html), None, &[]);
    assert_eq!(b.kind, ExtractionKind::Article);
    assert!(b.text.contains(P1) && b.text.contains(P2), "{}", b.text);
}

#[test]
fn a_short_article_ending_in_related_links_is_not_a_listing() {
    let mut related = String::new();
    for i in 0..7 {
        related.push_str(&format!(
            r#"<p><a href="/r{i}">Another story about the council and the bridge, part {i}</a></p>"#
        ));
    }
    let html = page(&format!(
        "<div class=\"entry\">{}{related}</div>",
        paras(&[P1, P2])
    ));
    let out = body(&html);
    assert!(out.contains(P1) && out.contains(P2), "{out}");
    assert!(!out.contains("Another story"), "{out}");
}

#[test]
fn prefers_the_marked_article_body() {
    let html = page(&format!(
        r#"<div class="page"><div itemprop="articleBody">{}</div>
        <div class="box"><p>{P4}</p></div></div>"#,
        paras(&[P1, P2, P3])
    ));
    assert_eq!(body(&html), [P1, P2, P3].join("\n\n"));
}

#[test]
fn uses_json_ld_body_when_the_dom_has_none() {
    let ld = [P1, P2, P3, P4].join("\n");
    let html = page(r#"<div id="app"><a href="/">Home</a></div>"#);
    let out = article_text(extract_body(&Html::parse_document(&html), Some(&ld), &[]));
    assert_eq!(out, [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn json_ld_body_picks_the_container_it_agrees_with() {
    let other = "A different text block, with many commas, many words, and many clauses, that is long enough to win on its own, maybe, perhaps, possibly, certainly.";
    let html = page(&format!(
        r#"<div class="a">{}</div><div class="b">{}</div>"#,
        paras(&[P1, P2, P3]),
        paras(&[other, other, other, other])
    ));
    let ld = [P1, P2, P3].join(" ");
    let out = article_text(extract_body(&Html::parse_document(&html), Some(&ld), &[]));
    assert_eq!(out, [P1, P2, P3].join("\n\n"));
}

#[test]
fn a_teaser_json_ld_body_does_not_cut_the_article() {
    let html = page(&format!("<article>{}</article>", paras(&[P1, P2, P3, P4])));
    let out = article_text(extract_body(&Html::parse_document(&html), Some(P1), &[]));
    assert_eq!(out, [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn survives_very_deep_nesting_on_a_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            // 100,000 levels: custom elements (blocks to us) alternating with spans. Not
            // <div>: html5ever's scope checks make parsing deep divs quadratic.
            let pairs = 50_000;
            let mut html = String::from("<html><body>");
            html.push_str(&"<x-box><span>".repeat(pairs));
            html.push_str(&paras(&[P1, P2, P3, P4]));
            html.push_str(&"</span></x-box>".repeat(pairs));
            html.push_str("</body></html>");
            let doc = Html::parse_document(&html);
            let out = article_text(extract_body(&doc, None, &[]));
            // Dropping the tree is iterative in ego_tree, but keep the check explicit.
            drop(doc);
            out
        })
        .expect("spawn");
    let out = handle.join().expect("no stack overflow");
    assert!(out.contains(P1) && out.contains(P4), "{out}");
}

#[test]
fn stops_before_the_next_story_appended_below() {
    let html = page(&format!(
        r#"<main><article><h1>Bridge to be rebuilt</h1><div class="body">{}</div></article>
        <article><h1>Tram fares to rise</h1><div class="body">{}</div></article></main>"#,
        paras(&[P1, P2, P3]),
        paras(&[P4, P4, P4])
    ));
    assert_eq!(body(&html), [P1, P2, P3].join("\n\n"));
}

#[test]
fn live_blog_entries_make_one_body() {
    let mut entries = String::new();
    for (i, p) in [P1, P2, P3, P4].iter().enumerate() {
        entries.push_str(&format!(
            r#"<article class="entry"><time>1{i}:00</time><h3>Update {i} from the council</h3>
            <div class="entry-body"><p>{p}</p></div><footer>Posted by Jane Doe</footer></article>"#
        ));
    }
    let html = page(&format!(
        r#"<h1>Council live</h1><div class="feed">{entries}</div>"#
    ));
    let out = body(&html);
    for (i, p) in [P1, P2, P3, P4].iter().enumerate() {
        assert!(
            out.contains(&format!("Update {i} from the council\n\n{p}")),
            "{out}"
        );
    }
    assert!(!out.contains("Posted by"), "{out}");
}

#[test]
fn keeps_the_standfirst_and_drops_pull_quote_fact_box_and_captioned_photo() {
    let html = page(&format!(
        r#"<article><h1>Bridge</h1><p class="standfirst">A decade of debate ends with a vote</p>
        <div class="content"><p>{P1}</p><blockquote class="pull-quote">The biggest project the city has seen.</blockquote>
        <p>{P2}</p><div class="infobox"><h3>At a glance</h3><p>Length: 300 metres. Cost: unknown.</p></div>
        <div class="pic"><img src="a.jpg"><span>The old bridge in 1950.</span></div>
        <p>{P3}</p><p>{P4}</p></div></article>"#
    ));
    let deck = "A decade of debate ends with a vote";
    assert_eq!(body(&html), [deck, P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn a_subhead_survives_a_box_between_it_and_its_text() {
    let html = page(&format!(
        r#"<article><p>{P1}</p><p>{P2}</p><h2>Costs</h2>
        <div class="newsletter"><p>Get the evening briefing, every weekday, straight to you.</p></div>
        <p>{P3}</p><h3>Related</h3><ul><li><a href="/a">Another story about the bridge</a></li>
        <li><a href="/b">Yet another story about trams</a></li></ul><p>{P4}</p></article>"#
    ));
    assert_eq!(body(&html), [P1, P2, "Costs", P3, P4].join("\n\n"));
}

#[test]
fn json_ld_does_not_revive_a_pull_quote() {
    let html = page(&format!(
        r#"<article><p>{P1}</p><blockquote class="pullquote"><p>{P2}</p></blockquote>{}</article>"#,
        paras(&[P2, P3, P4])
    ));
    let ld = [P1, P2, P3, P4].join("\n");
    let out = article_text(extract_body(&Html::parse_document(&html), Some(&ld), &[]));
    assert_eq!(out, [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn drops_wire_trailers_and_promos() {
    let html = page(&format!(
        r#"<article>{}<p>Reporting by Jane Doe; Editing by John Roe</p>
        <p>Copyright 2021 The Wire. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</p>
        <p>Never miss a story! Download our app now.</p></article>"#,
        paras(&[P1, P2, P3, P4])
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn part_hints_fit_the_match_mask() {
    let parts = POSITIVE_HINTS
        .iter()
        .chain(NEGATIVE_HINTS.iter())
        .filter(|h| matches!(h.1, Part));
    assert!(parts.count() <= 128);
}

#[test]
fn class_hints_split_camel_case_and_separators() {
    assert!(name_hint("articleBody") > 0);
    assert!(name_hint("story-body main") > 0);
    assert!(name_hint("related-links") < 0);
    assert!(name_hint("ad-slot") < 0);
    assert_eq!(name_hint("header-shadow-load"), -30);
    assert!(name_hint("commentary") >= 0);
}

#[test]
fn keeps_the_standfirst_set_between_the_headline_and_the_body() {
    let lead =
        "The council ended a decade of argument on Tuesday, and the trams will cross by spring.";
    let html = page(&format!(
        r#"<div class="page"><header class="story-header"><span class="kicker">City</span>
        <h1>Bridge to be rebuilt</h1><p class="standfirst">{lead}</p>
        <p class="meta">By Jane Doe</p><p>12.03.2024</p>
        <figure><img src="a.jpg"><p>The old bridge at dusk, seen from the northern bank of the river. (Photo: Jane Doe)</p></figure>
        <div class="teaser-related"><p>Also on the river, the ferry that has crossed it for a century, every single day.</p></div>
        </header>
        <div class="story-body">{}</div></div>"#,
        paras(&[P1, P2, P3, P4])
    ));
    assert_eq!(body(&html), [lead, P1, P2, P3, P4].join("\n\n"));
}

#[test]
fn a_caption_closing_in_a_photo_credit_is_recognised() {
    assert!(lines::ends_with_photo_credit(
        "The old bridge at dusk. (Foto: Getty)"
    ));
    assert!(lines::ends_with_photo_credit(
        "Crowds at the opening (Photo: J. Doe) "
    ));
    assert!(!lines::ends_with_photo_credit(
        "The mayor spoke (briefly) about the cost."
    ));
    assert!(lines::ends_with_photo_credit(
        "Flooded streets in the old town on Sunday. Foto: Jane Doe"
    ));
    assert!(!lines::ends_with_photo_credit(
        "The vote was close (ratio: 11 to 10)"
    ));
    assert!(!lines::ends_with_photo_credit(
        "Source: the council, which says the bridge will open next spring after years of work"
    ));
}

#[test]
fn stamps_are_numeric_lines_and_sentences_are_not() {
    assert!(lines::is_numeric_line(
        "Fri 24 Jun 2016 07.10 BST Last modified on 18.30 BST"
    ));
    assert!(lines::is_numeric_line("Posted Aug. 21, 2017 at 7:02 p.m."));
    assert!(!lines::is_numeric_line(P1));
    assert!(!lines::is_numeric_line(
        "Two years of melting removed as much ice as the 30 years from 1960"
    ));
}

#[test]
fn a_cookie_dialog_full_of_prose_never_outscores_a_short_story() {
    let notice = "These cookies are strictly necessary to provide the services on our website, such as \
        remembering your settings, and you cannot refuse them without affecting how the site works.";
    let dialog = format!(
        r#"<div class="theme-cookie-consent-wrap"><div class="container"><div class="tab_content">
        <div class="tab_inner_content">{}</div></div></div></div>"#,
        paras(&[notice, notice, notice, notice, notice])
    );
    let html = page(&format!(
        r#"<div class="main"><article><h1>Bridge to be rebuilt</h1>{}</article></div>{dialog}"#,
        paras(&[P1, P2])
    ));
    assert_eq!(body(&html), [P1, P2].join("\n\n"));
    // The site's own words for its wrapper say nothing: a page-wide class is not a dialog.
    let wrapped = format!(
        r#"<html><body class="cookies-not-set"><div class="main"><article><h1>Bridge</h1>{}</article></div></body></html>"#,
        paras(&[P1, P2, P3])
    );
    assert_eq!(body(&wrapped), [P1, P2, P3].join("\n\n"));
}

#[test]
fn a_story_marked_as_article_body_in_several_sections_is_kept_whole() {
    let section = |ps: &[&str]| {
        format!(
            r#"<div class="section-wrap"><section class="article-section" itemprop="articleBody">{}</section></div>"#,
            paras(ps)
        )
    };
    let html = page(&format!(
        r#"<main><article><h1>Bridge to be rebuilt</h1><div class="article-body">{}
        <figure><img src="a.jpg"><figcaption>The old bridge.</figcaption></figure>{}
        <div class="ad-slot">Advertisement</div>{}</div></article></main>"#,
        section(&[P1]),
        section(&[P2, P3]),
        section(&[P4, P1])
    ));
    assert_eq!(body(&html), [P1, P2, P3, P4, P1].join("\n\n"));
}

#[test]
fn sections_of_one_story_nested_deep_in_wrappers_are_kept_together() {
    // A page builder wraps every text section of the story in wrappers of its own, so
    // paragraph scores never reach the element that holds all the sections.
    let section = |ps: &[&str]| {
        format!(
            r#"<section class="co co-textmedia"><div class="co-container"><div class="co-main">
            <div class="rte-content">{}</div></div></div></section>"#,
            paras(ps)
        )
    };
    let html = page(&format!(
        r#"<header><h1>Bridge to be rebuilt</h1></header><section class="content-main">
        <div class="document-content">{}<h2>What comes next</h2>{}</div></section>"#,
        section(&[P1]),
        section(&[P2, P3, P4])
    ));
    assert_eq!(
        body(&html),
        [P1, "What comes next", P2, P3, P4].join("\n\n")
    );
}

#[test]
fn interface_labels_of_six_languages_are_junk_lines_and_subheadings_are_not() {
    for label in [
        "Keine Kommentare",
        "Wird geladen …",
        "Neueste Beiträge",
        "Teilen mit:",
        "Deja un comentario",
        "Noticias relacionadas",
        "Aucun commentaire",
        "Articoli correlati",
        "Notícias relacionadas",
        "Previous article",
        "Titelbild: Jane Doe/Bildagentur",
        "Actualizado el 3 de mayo a las 10:40",
        "Crédit photo : Jean Dupont",
        "Kontakt:",
        "© Harbour Quill 2024. Alle Rechte vorbehalten, Nachdruck nur mit Genehmigung.",
        "This post contains affiliate links: if you buy through them we may earn a commission.",
        "You must be logged in to post a comment.",
        "Dein Browser ist leider veraltet.",
        "You are using an outdated browser. Please update your browser to view this site.",
    ] {
        assert!(
            is_junk_line(label, count_words(label).words as usize),
            "{label}"
        );
    }
    for heading in ["Was jetzt kommt", "La sequía en cifras", "What comes next"] {
        assert!(!is_junk_line(heading, 3), "{heading}");
    }
    // News sentences that share words with the notices stay.
    for sentence in [
        "Verbraucherschützer kritisieren die Werbung, da sie Kinder anspreche.",
        "Wer einen veralteten Browser nutzt, ist gefährdet.",
        "Nutzer müssen künftig angemeldet sein, um Videos zu sehen.",
        "The agency used the photos without written permission, the suit says.",
        "Experts say readers should update your browser settings less often than they think.",
    ] {
        assert!(
            !is_junk_line(sentence, count_words(sentence).words as usize),
            "{sentence}"
        );
    }
}

/// The body of `html` when the page describes itself with `descriptions`.
fn body_described(html: &str, descriptions: &[&str]) -> String {
    let descriptions: Vec<String> = descriptions.iter().map(|d| d.to_string()).collect();
    article_text(extract_body(
        &Html::parse_document(html),
        None,
        &descriptions,
    ))
}

#[test]
fn the_lead_the_page_gives_as_its_description_is_kept_whatever_its_box_is_named() {
    let points = [
        "The council approved the new bridge by eleven votes to ten.",
        "Trams will cross the river from next spring.",
    ];
    // Key points in a box named like a teaser, under the photo.
    let html = page(&format!(
        r#"<article><h1>Bridge to be rebuilt</h1><figure><img src="b.jpg"></figure>
        <div class="teaser-text" itemprop="description"><ul><li>{}</li><li>{}</li></ul></div>
        <div class="story-body">{}</div></article>"#,
        points[0],
        points[1],
        paras(&[P1, P2, P3, P4])
    ));
    let description = points.join(" ");
    assert_eq!(
        body_described(&html, &[&description]),
        [points[0], points[1], P1, P2, P3, P4].join("\n\n")
    );
    // Without the description the teaser box stays out.
    assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));

    // A lead set as a heading after the share bar, described only by its cut-short opening.
    let lead =
        "Travelling by camper van is booming, and the fair in the capital showed it once more: \
        over five days fifty thousand visitors came.";
    let html = page(&format!(
        r#"<div class="news"><h1>Campers fill the fair</h1><ul class="share"><li><a href="/s">Share</a></li></ul>
        <h3>{lead}</h3><div class="text">{}</div></div>"#,
        paras(&[P1, P2, P3, P4])
    ));
    let cut = "Travelling by camper van is booming, and the fair in the capital showed it...";
    assert_eq!(
        body_described(&html, &[cut]),
        [lead, P1, P2, P3, P4].join("\n\n")
    );
}

#[test]
fn a_description_that_repeats_the_headline_or_the_first_paragraph_adds_nothing() {
    let html = page(&format!(
        r#"<article><h1>The council votes to rebuild the old river bridge</h1>{}</article>"#,
        paras(&[P1, P2, P3, P4])
    ));
    for d in ["The council votes to rebuild the old river bridge", P1] {
        assert_eq!(body_described(&html, &[d]), [P1, P2, P3, P4].join("\n\n"));
    }
}

#[test]
fn a_photo_slideshow_named_after_the_article_is_not_the_article() {
    // Drupal views name the photo slideshow after the article's content type, which would
    // give its one caption the hints of a story body.
    let caption =
        "Crowds on the old bridge at dusk on Tuesday, the day the council voted to rebuild it.";
    let html = page(&format!(
        r#"<div class="node"><h1>Bridge to be rebuilt</h1>
        <div id="views_slideshow_cycle_article_content_block_1" class="views-slideshow-cycle-main-frame article-content-slide">
        <div class="field-content"><img src="a.jpg"></div>
        <div class="views-field-field-caption"><div class="field-content">{caption}</div></div></div>
        <div class="field-name-body"><div class="field-item">{}</div></div></div>"#,
        paras(&[P1, P2])
    ));
    assert_eq!(body(&html), [P1, P2].join("\n\n"));
    assert!(name_hint("views-slideshow-cycle-main-frame") < 0);
    assert!(name_hint("owl-carousel") < 0);
}

#[test]
fn marked_sections_of_several_stories_in_a_feed_are_not_one_body() {
    let story = |h1: &str, ps: &[&str]| {
        format!(
            r#"<article><h1>{h1}</h1><div itemprop="articleBody">{}</div></article>"#,
            paras(ps)
        )
    };
    let html = format!(
        r#"<html><head><title>Bridge to be rebuilt</title></head><body><div class="feed">{}{}</div></body></html>"#,
        story("Bridge to be rebuilt", &[P1, P2]),
        story("Ferry fares rise in May", &[P3, P4]),
    );
    assert_eq!(body(&html), [P1, P2].join("\n\n"));
}

#[test]
fn on_a_page_of_stories_one_after_another_the_story_the_title_names_is_the_body() {
    let other = "The regional assembly met for six hours on Monday and passed a budget that \
        raises spending on schools, roads and hospitals across the province, over protests.";
    let story = |h1: &str, ps: &[&str]| {
        format!(
            r#"<article class="post"><h1>{h1}</h1><div class="entry-text">{}</div></article>"#,
            paras(ps)
        )
    };
    let html = format!(
        r#"<html><head><title>Bridge to be rebuilt | The Harbour Quill</title></head><body>
        <main>{}{}{}</main></body></html>"#,
        story("Bridge to be rebuilt", &[P1, P2]),
        story(
            "Assembly passes the budget",
            &[other, other, other, other, other]
        ),
        story("Ferry fares rise in May", &[P3, P4]),
    );
    assert_eq!(body(&html), [P1, P2].join("\n\n"));
}
