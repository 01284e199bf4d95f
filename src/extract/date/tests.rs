use super::read::us_daylight_saving;

use super::*;
use chrono::NaiveDate;
use proptest::prelude::*;

fn utc(s: &str) -> Option<Date> {
    Some(chrono::DateTime::parse_from_rfc3339(s).unwrap())
}

#[test]
fn the_publishers_offset_is_kept() {
    // A late-evening story west of Greenwich stays on its own calendar day.
    let d = parse_date("2023-11-08T21:24:10-05:00").unwrap();
    assert_eq!(d.to_rfc3339(), "2023-11-08T21:24:10-05:00");
    let d = parse_date("Nov 8, 2023 9:24 PM EST").unwrap();
    assert_eq!(d.offset().local_minus_utc(), -5 * 3600);
    assert_eq!(d.date_naive().to_string(), "2023-11-08");
    let d = parse_date("2023-11-08").unwrap();
    assert_eq!(d.offset().local_minus_utc(), 0);
}

#[test]
fn month_names_are_whole_words() {
    for line in [
        "Marchand 2021 results",
        "15 Marchand 2021",
        "Smay 3, 2021",
        "3 Mayo2021",
    ] {
        assert_eq!(find_date(line), None, "{line}");
    }
    // Non-ASCII neighbours and month names still count as word characters.
    assert_eq!(find_date("15 мартаx 2019"), None);
    assert_eq!(
        find_date("Fitré, 15 марта 2019."),
        utc("2019-03-15T00:00:00Z")
    );
    assert_eq!(
        find_date("Café: Feb. 15, 2021"),
        utc("2021-02-15T00:00:00Z")
    );
}

#[test]
fn parses_the_usual_shapes() {
    let cases: &[(&str, Option<&str>)] = &[
        ("2021-02-15T19:50:00+05:30", Some("2021-02-15T14:20:00Z")),
        ("2021-02-15T14:20:00Z", Some("2021-02-15T14:20:00Z")),
        ("2021-02-15T14:20:00.123Z", Some("2021-02-15T14:20:00Z")),
        ("2021-02-15T14:20:00+0000", Some("2021-02-15T14:20:00Z")),
        ("2021-02-15T09:20:00-05:00", Some("2021-02-15T14:20:00Z")),
        ("2021-02-15 14:20:00", Some("2021-02-15T14:20:00Z")),
        ("2021-02-15 14:20", Some("2021-02-15T14:20:00Z")),
        ("2021-02-15", Some("2021-02-15T00:00:00Z")),
        ("2021/02/15", Some("2021-02-15T00:00:00Z")),
        ("2021.02.15", Some("2021-02-15T00:00:00Z")),
        ("date 2021-02-15", Some("2021-02-15T00:00:00Z")),
        ("15 Feb 2021, 07:50 PM IST", Some("2021-02-15T14:20:00Z")),
        (
            "Updated: 15 Feb 2021, 07:50 PM IST",
            Some("2021-02-15T14:20:00Z"),
        ),
        ("Feb. 15, 2021", Some("2021-02-15T00:00:00Z")),
        (
            "February 15, 2021 at 4:12 p.m. ET",
            Some("2021-02-15T21:12:00Z"),
        ),
        ("July 4, 2021 at 4:12 p.m. ET", Some("2021-07-04T20:12:00Z")),
        ("Feb 15 2021", Some("2021-02-15T00:00:00Z")),
        ("February 15th, 2021", Some("2021-02-15T00:00:00Z")),
        ("15.02.2021", Some("2021-02-15T00:00:00Z")),
        ("15/02/2021", Some("2021-02-15T00:00:00Z")),
        ("02/15/2021", Some("2021-02-15T00:00:00Z")),
        ("03/02/2021", Some("2021-03-02T00:00:00Z")),
        ("03.02.2021", Some("2021-02-03T00:00:00Z")),
        ("03-02-2021", Some("2021-02-03T00:00:00Z")),
        ("15.02.2021 14:20", Some("2021-02-15T14:20:00Z")),
        ("Monday 15 February 2021", Some("2021-02-15T00:00:00Z")),
        ("Monday, February 15, 2021", Some("2021-02-15T00:00:00Z")),
        ("15th February 2021", Some("2021-02-15T00:00:00Z")),
        ("15-Feb-2021", Some("2021-02-15T00:00:00Z")),
        (
            "Mon, 15 Feb 2021 14:20:00 GMT",
            Some("2021-02-15T14:20:00Z"),
        ),
        (
            "Mon, 15 Feb 2021 19:50:00 +0530",
            Some("2021-02-15T14:20:00Z"),
        ),
        ("Mon 15 Feb 2021 14.20 GMT", Some("2021-02-15T14:20:00Z")),
        (
            "Mon Feb 15 2021 19:50:00 GMT+0530 (India Standard Time)",
            Some("2021-02-15T14:20:00Z"),
        ),
        (
            "PUBLISHED: 14:20 GMT, 15 February 2021",
            Some("2021-02-15T14:20:00Z"),
        ),
        ("Sept. 3, 2019", Some("2019-09-03T00:00:00Z")),
        ("3 Sept 2019", Some("2019-09-03T00:00:00Z")),
        ("Sep 3, 2019 9am", Some("2019-09-03T09:00:00Z")),
        ("Sep 3, 2019 12:30 am", Some("2019-09-03T00:30:00Z")),
        ("Sep 3, 2019 12:30 pm BST", Some("2019-09-03T11:30:00Z")),
        ("15. Februar 2021", Some("2021-02-15T00:00:00Z")),
        ("3. März 2021 um 14:20 Uhr", Some("2021-03-03T14:20:00Z")),
        ("15 février 2021 à 14h20", Some("2021-02-15T14:20:00Z")),
        ("1er mai 2021", Some("2021-05-01T00:00:00Z")),
        ("15 de febrero de 2021", Some("2021-02-15T00:00:00Z")),
        ("15 febbraio 2021", Some("2021-02-15T00:00:00Z")),
        ("15 februari 2021", Some("2021-02-15T00:00:00Z")),
        ("15 марта 2019", Some("2019-03-15T00:00:00Z")),
        ("15 de fevereiro de 2021", Some("2021-02-15T00:00:00Z")),
        ("2 août 2020", Some("2020-08-02T00:00:00Z")),
        ("2021年2月15日", Some("2021-02-15T00:00:00Z")),
        (
            "Published on Feb 15, 2021 by Jane Doe",
            Some("2021-02-15T00:00:00Z"),
        ),
        // Rejected.
        ("2021-02-30", None),
        ("2021-13-01", None),
        ("31/31/2021", None),
        ("1989-12-31", None),
        ("2101-01-01", None),
        ("15/02/21", None),
        ("Feb 15, 21", None),
        ("February 2021", None),
        ("15 February", None),
        ("2021", None),
        ("© 2025 Publisher", None),
        ("Copyright 2019", None),
        ("2 hours ago", None),
        ("1613398800", None),
        ("20210215", None),
        ("2021-02-15/2021-03", Some("2021-02-15T00:00:00Z")),
        ("12021-02-15", None),
        ("", None),
    ];
    for (input, want) in cases {
        assert_eq!(
            parse_date(input),
            want.and_then(utc),
            "parse_date({input:?})"
        );
    }
}

#[test]
fn parse_date_refuses_prose() {
    let prose = "The council met on 15 Feb 2021 to discuss the budget, the harbour, the new \
                 tram line and a dozen other matters that had piled up over the winter";
    assert_eq!(parse_date(prose), None);
    assert_eq!(find_date(prose), utc("2021-02-15T00:00:00Z"));
}

#[test]
fn reads_month_and_weekday_names_of_other_languages() {
    let cases: &[(&str, &str)] = &[
        ("Samstag, 5. Oktober 2024", "2024-10-05T00:00:00Z"),
        ("lunes, 20 de mayo de 2024", "2024-05-20T00:00:00Z"),
        ("mardi 2 avril 2024 à 07h15", "2024-04-02T07:15:00Z"),
        ("15 июня 2024, 12:00", "2024-06-15T12:00:00Z"),
        ("1 март 2023", "2023-03-01T00:00:00Z"),
        ("среда, 3 апреля 2024", "2024-04-03T00:00:00Z"),
        ("8 يوليو 2024", "2024-07-08T00:00:00Z"),
        ("12 تشرين الأول 2023", "2023-10-12T00:00:00Z"),
        ("15. helmikuuta 2021", "2021-02-15T00:00:00Z"),
        ("15 Φεβρουαρίου 2021", "2021-02-15T00:00:00Z"),
        ("2021. február 15.", "2021-02-15T00:00:00Z"),
        ("15 februarie 2021", "2021-02-15T00:00:00Z"),
        ("15 Şubat 2021", "2021-02-15T00:00:00Z"),
        ("15 marts 2021", "2021-03-15T00:00:00Z"),
        ("15 augusti 2021", "2021-08-15T00:00:00Z"),
        ("15 டிசம்பர் 2021", "2021-12-15T00:00:00Z"),
    ];
    for (input, want) in cases {
        assert_eq!(parse_date(input), utc(want), "parse_date({input:?})");
    }
    // A weekday in front belongs to the date's span, in any script.
    for text in ["am Samstag, 5. Oktober 2024", "в среда, 3 апреля 2024 года"] {
        let (_, span) = find_date_span(text).unwrap();
        let covered = &text[span];
        assert!(
            covered.starts_with("Samstag") || covered.starts_with("среда"),
            "{covered}"
        );
    }
}

#[test]
fn finds_dates_in_free_text() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "1 min read . Updated: 15 Feb 2021, 07:50 PM IST Nina Kowalczyk , Reuters",
            Some("2021-02-15T14:20:00Z"),
        ),
        ("© 2025 Publisher. All rights reserved.", None),
        ("Copyright 2019 The Courier, 1990-2019", None),
        ("It sold 2,021 units in 2019 for 15.99 dollars.", None),
        (
            "They met on March 3, 2020 and again on 4 May 2021.",
            Some("2020-03-03T00:00:00Z"),
        ),
        (
            "The files dated 2021-02-30 and 2021-03-01 differ.",
            Some("2021-03-01T00:00:00Z"),
        ),
        ("Posted 3 hours ago", None),
        ("We may 2021 see more", None),
        ("Version 10.15.2021x", None),
        ("Call 555-12-20210", None),
    ];
    for (input, want) in cases {
        assert_eq!(find_date(input), want.and_then(utc), "find_date({input:?})");
    }
}

#[test]
fn spans_cover_the_date_and_its_time() {
    let line = "1 min read . Updated: 15 Feb 2021, 07:50 PM IST Nina Kowalczyk";
    let (_, span) = find_date_span(line).unwrap();
    assert_eq!(&line[span], "15 Feb 2021, 07:50 PM IST");
    let line = "By Ann Lee | Monday, February 15, 2021";
    let (_, span) = find_date_span(line).unwrap();
    assert_eq!(&line[span], "Monday, February 15, 2021");
}

#[test]
fn reads_two_digit_years_only_when_asked() {
    let day = |s: &str| find_short_year_date(s).map(|d| d.date_naive().to_string());
    assert_eq!(day(" 28.01.22").as_deref(), Some("2022-01-28"));
    assert_eq!(day("Am 3.9.98 um").as_deref(), Some("1998-09-03"));
    assert_eq!(day("version 1.2.3.4"), None);
    assert_eq!(day("31.02.21"), None);
    assert_eq!(find_date("28.01.22"), None);
}

#[test]
fn reads_dates_in_urls() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "https://example.com/news/2021/02/15/kremlin-musk/",
            Some("2021-02-15T00:00:00Z"),
        ),
        (
            "https://example.com/2021/2/5/story",
            Some("2021-02-05T00:00:00Z"),
        ),
        (
            "https://example.com/world/2021/feb/15/story",
            Some("2021-02-15T00:00:00Z"),
        ),
        (
            "https://example.com/news/2021-02-15-kremlin-musk",
            Some("2021-02-15T00:00:00Z"),
        ),
        (
            "https://example.com/news/20210215/kremlin",
            Some("2021-02-15T00:00:00Z"),
        ),
        (
            "https://example.com/news/kremlin-20210215.html",
            Some("2021-02-15T00:00:00Z"),
        ),
        ("/2021/02/15", Some("2021-02-15T00:00:00Z")),
        (
            "https://example.org/artikel/lage_vom_22.04.2020_im_landtag",
            Some("2020-04-22T00:00:00Z"),
        ),
        (
            "https://example.org/meldungen/29-10-2021",
            Some("2021-10-29T00:00:00Z"),
        ),
        ("https://example.org/a/12-34-5678/", None),
        ("https://example.com/news/2021/02/", None),
        ("https://example.com/news/2021/02/31/x", None),
        ("https://example.com/news/article-12345678.html", None),
        ("https://example.com/news/123456789/", None),
        ("https://2021.example.com/a?date=2021-02-15", None),
        ("https://example.com/", None),
        ("not a url", None),
    ];
    for (input, want) in cases {
        assert_eq!(
            date_from_url(input),
            want.and_then(utc),
            "date_from_url({input:?})"
        );
    }
}

#[test]
fn us_daylight_saving_follows_the_calendar() {
    let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    assert!(!us_daylight_saving(d(2023, 3, 11)));
    assert!(us_daylight_saving(d(2023, 3, 12)));
    assert!(us_daylight_saving(d(2023, 11, 4)));
    assert!(!us_daylight_saving(d(2023, 11, 5)));
    assert!(us_daylight_saving(d(2005, 10, 29)));
    assert!(!us_daylight_saving(d(2005, 10, 30)));
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,80}") {
        let _ = parse_date(&s);
        let _ = find_date(&s);
        let _ = date_from_url(&s);
    }

    #[test]
    fn never_panics_on_date_like_text(
        s in "[0-9]{0,4}([ ./:,T+-]{0,2}[0-9]{0,4}){0,4}( ?(Feb|février|März|Sept\\.|PM|p\\.m\\.|IST|ET|Z|GMT\\+5:30|年|月|日|h)){0,3}[ ./:0-9-]{0,10}"
    ) {
        let _ = parse_date(&s);
        let _ = find_date(&s);
        let _ = date_from_url(&s);
        let _ = date_from_url(&format!("https://x.org/{s}"));
    }

    #[test]
    fn found_spans_are_char_boundaries(s in "\\PC{0,40}", d in "(15 Feb 2021|2021-02-15T14:20Z|Feb. 3, 2020 4 pm ET)") {
        let text = format!("{s}{d}{s}");
        if let Some((_, span)) = find_date_span(&text) {
            prop_assert!(text.get(span).is_some());
        }
    }
}
