use super::*;

/// Every list, by name, loaded (a malformed hint table panics here).
fn all_lists() -> Vec<(&'static str, Vec<&'static str>)> {
    let sets: [(&str, &WordSet); 11] = [
        ("JUNK_LINE_SET", &JUNK_LINE_SET),
        ("STOPWORD_SET", &STOPWORD_SET),
        ("DATE_WORD_SET", &DATE_WORD_SET),
        ("BYLINE_NOISE", &BYLINE_NOISE),
        ("BYLINE_DESKS", &BYLINE_DESKS),
        ("BYLINE_INTERFACE", &BYLINE_INTERFACE),
        ("BYLINE_ROLES", &BYLINE_ROLES),
        ("TEXT_AGENCIES", &TEXT_AGENCIES),
        ("NOT_NAME_WORDS", &NOT_NAME_WORDS),
        ("NAME_PARTICLES", &NAME_PARTICLES),
        ("UI_LINES", &UI_LINES),
    ];
    let lists: [(&str, &Vec<&str>); 32] = [
        ("LINK_LINE_LABELS", &LINK_LINE_LABELS),
        ("PROMO_PHRASES", &PROMO_PHRASES),
        ("META_LINE_PREFIXES", &META_LINE_PREFIXES),
        ("BYLINE_WORDS", &BYLINE_WORDS),
        ("TRAILER_PREFIXES", &TRAILER_PREFIXES),
        ("CREDIT_SUFFIXES", &CREDIT_SUFFIXES),
        ("CAPTION_CREDIT_LABELS", &CAPTION_CREDIT_LABELS),
        ("POSITIVE_ROLES", &POSITIVE_ROLES),
        ("NEGATIVE_ROLES", &NEGATIVE_ROLES),
        ("NEGATIVE_ITEMPROPS", &NEGATIVE_ITEMPROPS),
        ("BYLINE_PREFIXES", &BYLINE_PREFIXES),
        ("BYLINE_JOINERS", &BYLINE_JOINERS),
        ("BYLINE_RUN_ON", &BYLINE_RUN_ON),
        ("BYLINE_LEADING_TITLES", &BYLINE_LEADING_TITLES),
        ("PROMPT_PHRASES", &PROMPT_PHRASES),
        ("SOCIAL_NETWORKS", &SOCIAL_NETWORKS),
        ("CAPTION_PHRASES", &CAPTION_PHRASES),
        ("TEASER_HEADINGS", &TEASER_HEADINGS),
        ("INLINE_TEASERS", &INLINE_TEASERS),
        ("BIO_VERBS", &BIO_VERBS),
        ("HEADING_EXTRAS", &HEADING_EXTRAS),
        ("FURNITURE_WORDS", &FURNITURE_WORDS),
        ("TAXONOMY_PREFIXES", &TAXONOMY_PREFIXES),
        ("FURNITURE_COMPOUNDS", &FURNITURE_COMPOUNDS),
        ("PUBLISHED_META", &PUBLISHED_META),
        ("MODIFIED_META", &MODIFIED_META),
        ("AUTHOR_LABELS", &AUTHOR_LABELS),
        ("DATE_ATTRIBUTE_MARKS", &DATE_ATTRIBUTE_MARKS),
        ("DATE_ELEMENT_MARKS", &DATE_ELEMENT_MARKS),
        ("PUBLISHED_CUES", &PUBLISHED_CUES),
        ("UPDATED_CUES", &UPDATED_CUES),
        ("GENERIC_TITLE_SEGMENTS", &GENERIC_TITLE_SEGMENTS),
    ];
    let hints = [
        ("POSITIVE_HINTS", &POSITIVE_HINTS),
        ("NEGATIVE_HINTS", &NEGATIVE_HINTS),
    ];
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    out.extend(sets.iter().map(|(n, s)| (*n, s.iter().copied().collect())));
    out.extend(lists.iter().map(|(n, l)| (*n, l.to_vec())));
    out.push(("TABLE_FURNITURE_WORDS", TABLE_FURNITURE_WORDS.to_vec()));
    out.push(("ARTICLE_TYPES", ARTICLE_TYPES.iter().copied().collect()));
    out.extend(
        hints
            .iter()
            .map(|(n, h)| (*n, h.iter().map(|h| h.0).collect())),
    );
    out
}

#[test]
fn every_list_loads_without_empty_or_repeated_entries() {
    for (name, words) in all_lists() {
        assert!(!words.is_empty(), "{name} is empty");
        let mut seen = WordSet::default();
        for w in &words {
            assert!(
                !w.is_empty() && !w.contains('\t'),
                "{name}: bad entry {w:?}"
            );
            assert!(seen.insert(w), "{name}: {w:?} twice");
        }
    }
}

#[test]
fn hint_rows_parse_and_malformed_ones_fail() {
    let ok = "# comment\nnav\tword\t30\nsidebar\tpart\t-5\n";
    assert_eq!(
        hints("t", ok),
        vec![("nav", Match::Word, 30), ("sidebar", Match::Part, -5)]
    );
    for bad in [
        "nav\tword",
        "nav\twhole\t30",
        "nav\tword\tmany",
        "nav\tword\t3\t4",
    ] {
        let bad: &'static str = bad;
        assert!(
            std::panic::catch_unwind(|| hints("t", bad)).is_err(),
            "{bad:?}"
        );
    }
}

#[test]
fn quoted_entries_keep_their_spaces() {
    let got: Vec<&str> = entries("# c\n  plain  \n\" and \"\n\n").collect();
    assert_eq!(got, vec!["plain", " and "]);
    assert!(BYLINE_JOINERS.contains(&" & "));
    assert!(TRAILER_PREFIXES.contains(&"(c) "));
}

/// The twins the lexicon keeps apart, and how they relate today.
#[test]
fn relations_between_lists() {
    let agencies: Vec<&str> = entries(data!("agencies.txt")).collect();
    // Every agency is byline noise, and one that the bylines of text dumps drop.
    for a in &agencies {
        assert!(BYLINE_NOISE.contains(a) && TEXT_AGENCIES.contains(a), "{a}");
    }
    // The two extra lists hold nothing of agencies.txt (it is stored once).
    for extra in [data!("byline_noise.txt"), data!("text_agencies.txt")] {
        assert!(entries(extra).all(|w| !agencies.contains(&w)));
    }
    // Every name particle of text dumps is one of the person recogniser's, but "e" (a
    // conjunction in Portuguese and Italian names), which the recogniser does not take.
    let people: Vec<&str> = entries(include_str!("../../../data/people/particles.txt")).collect();
    for p in NAME_PARTICLES.iter() {
        assert!(*p == "e" || people.contains(p), "{p}");
    }
    // Meta's furniture words are furniture to the class hints too (a hint word, or holding a
    // part hint), but for the two that only the metadata reader knows.
    let caught = |w: &str| {
        NEGATIVE_HINTS
            .iter()
            .any(|&(h, how, _)| w == h || (how == Match::Part && w.contains(h)))
    };
    for w in FURNITURE_WORDS.iter() {
        assert!(caught(w) || ["weather", "latest"].contains(w), "{w}");
    }
    for w in TABLE_FURNITURE_WORDS.iter() {
        assert!(caught(&w.replace('-', "")), "{w}");
    }
    // The `twitter:label` author labels are byline openings.
    for l in AUTHOR_LABELS.iter() {
        assert!(BYLINE_PREFIXES.contains(l), "{l}");
    }
    // A job title before a name is not a role word after it.
    assert!(BYLINE_LEADING_TITLES
        .iter()
        .all(|t| !BYLINE_ROLES.contains(t)));
    // Date-line words take the English months and weekdays from the date parser.
    let months: Vec<&str> = crate::extract::date::english_months().collect();
    assert_eq!(months.len(), 24);
    for m in ["january", "may", "sept", "dec"] {
        assert!(months.contains(&m) && DATE_WORD_SET.contains(m));
    }
    assert!(!DATE_WORD_SET.contains("januar") && DATE_WORD_SET.contains("thurs"));
}
