use super::authors::names_in_byline;

use super::*;

fn utc(s: &str) -> Option<Date> {
    Some(chrono::DateTime::parse_from_rfc3339(s).unwrap())
}

/// A business-paper dump: breadcrumb, doubled caption, reading time and byline
/// on one line, a standfirst, a teaser block in mid-story, prompts at the foot.
const FERRY: &str = " date 2022-03-03 OPEN APP
Home >News >India >Harbour city approves night ferry to the outer islands
Commuters wait at the old jetty (Photo: PTI)
Commuters wait at the old jetty (Photo: PTI)

Harbour city approves night ferry to the outer islands

2 min read . Updated: 03 Mar 2022, 10:15 AM IST Priya Natarajan , Omar Haddad , PTI

The new route will run until two in the morning and cost the same as the day service, officials said

KOCHI : The city council voted on Thursday to start a night ferry between the main jetty and the three outer islands, ending years of complaints from shift workers.

The service will begin next month with two boats, each carrying up to eighty passengers, and will stop at every island on the way out.

MORE FROM THIS SECTIONSee All
A worker paints lane markings on a new flyover in the early morning
Flyover opens a week ahead of schedule
1 min read . 08:40 PM IST
Farmers gather at a wholesale market yard
Onion prices ease as fresh stock arrives
3 min read . 08:12 PM IST

Councillor Meera Joseph, who proposed the plan, said the late boats would cost the same as the day service. \"Nobody should have to sleep at the jetty because their shift ended at midnight,\" she said.

The transport department expects the route to carry about four thousand passengers a week within the first year.

It was approved unanimously.

Subscribe to City Newsletters
* Enter a valid email
* Thank you for subscribing to our newsletter.

Click here to read the ePaper and stay updated with the latest news.
First Published: 02 Mar 2022, 06:30 PM IST
Close
Log in to our website to save your bookmarks. It'll just take a moment.
Yes, Continue
×
";

/// A broadcaster-style dump: menus, a date alone on its line under "Published",
/// a byline with a role, image captions, a related block at the end.
const LIBRARY: &str = "Skip to content
Home
News
Sport
Weather
Search
Library reopens after flood repairs
Published
15 March 2022
Share
By Martin Alvarez
Culture reporter
Image source, Getty Images
Image caption,
Volunteers carried boxes of books to the upper floor
The central library in Lowbridge has reopened its doors, nine months after a burst river bank sent water through the ground floor.

Staff and volunteers spent the summer drying and sorting more than forty thousand books, of which about a third could not be saved.

Nobody was hurt.

The head librarian, Ada Brennan, said the reading rooms had never been busier than on the first morning back. \"People queued in the rain before we opened,\" she said.
Follow The Northern Gazette on X and Facebook. Send your story ideas to news@gazette.example.

Related Topics
Lowbridge
Libraries
More on this story
Museum roof fixed in time for the summer
Council sets aside money for river defences
Top Stories
Markets steady as fuel prices fall
© 2024 The Northern Gazette. All rights reserved.
";

/// A US-style dump: a page title, byline with an agency, published and updated
/// lines in Eastern time, an inline teaser and a newsletter prompt in mid-story.
const BRIDGE: &str = "Bridge inspection finds cracks in river span - The Valley Courier
Sections
Local
Bridge inspection finds cracks in river span
By Jane Holloway and Sam Ortiz | Associated Press
Published March 7, 2023 at 4:12 p.m. ET
Updated March 8, 2023 at 9:00 a.m. ET
Engineers closed one lane of the Elm Street bridge on Tuesday after a routine inspection found cracks in two of its steel supports.
Advertisement
The state transportation agency said the bridge was safe for light traffic but would stay partly closed while repairs were planned.
Read more: City budget adds money for road repairs
Sign up for our morning newsletter to get local news in your inbox.
Repairs are expected to take about six weeks, and the agency said it would post detour maps online before the work begins.
Most Read
1
Storm knocks out power across the valley
2
High school team heads to state finals
Copyright 2023 The Valley Courier
";

/// A wire-service dump: capitals in the date line and byline, a caption over
/// its credit, a newsletter box, an author bio and a trailer before the footer.
const CHIPS: &str = "Skip to main content
Markets
World
TECHNOLOGY NEWS
MARCH 3, 2020 / 8:15 AM GMT / UPDATED 4 YEARS AGO
Chipmaker opens research centre in Dresden
By KATJA BRANDT, Technology Correspondent
3 Min Read
DRESDEN, Germany (TCP) - A European chipmaker opened a research centre in Dresden on Tuesday, saying it would hire two hundred engineers over the next three years to work on power semiconductors.
A visitor looks at a wafer display at the opening ceremony in the new building.
TCP/Jonas Keller/File Photo
The company said the centre would focus on chips for electric cars and wind turbines, two markets where demand has outpaced supply.
Sign up for the Tech Briefing newsletter
The week's most important technology stories, every Monday.
Enter your email address
Regional officials said the project was one of the largest private investments in the state this year.
Katja Brandt is a technology correspondent based in Berlin.
Reporting by Katja Brandt; Editing by Tom Hale
Our Standards: The TCP Trust Principles.
All quotes are delayed by at least fifteen minutes. See here for the full list of exchanges and their delays.
";

#[test]
fn wire_dump_with_capital_byline_and_trailer() {
    let page = extract_text(CHIPS);
    assert_eq!(
        page.headline.as_deref(),
        Some("Chipmaker opens research centre in Dresden")
    );
    assert_eq!(page.date, utc("2020-03-03T08:15:00Z"));
    assert_eq!(page.authors, ["Katja Brandt"]);
    let paragraphs: Vec<&str> = page.body.split("\n\n").collect();
    assert_eq!(paragraphs.len(), 3, "{}", page.body);
    assert!(paragraphs[0].starts_with("DRESDEN, Germany (TCP) - A European chipmaker"));
    assert!(paragraphs[2].starts_with("Regional officials said"));
    for dropped in [
        "wafer",
        "Jonas",
        "Briefing",
        "most important",
        "based in Berlin",
        "Reporting by",
        "Standards",
        "delayed",
    ] {
        assert!(
            !page.body.contains(dropped),
            "body keeps {dropped:?}:\n{}",
            page.body
        );
    }
}

#[test]
fn business_dump_with_teasers_in_mid_story() {
    let page = extract_text(FERRY);
    assert_eq!(
        page.headline.as_deref(),
        Some("Harbour city approves night ferry to the outer islands")
    );
    // "First Published" below the story beats "Updated" in the byline.
    assert_eq!(page.date, utc("2022-03-02T13:00:00Z"));
    assert_eq!(page.authors, ["Priya Natarajan", "Omar Haddad"]);
    for kept in [
        "KOCHI : The city council voted",
        "two boats, each carrying",
        "Councillor Meera Joseph",
        "four thousand passengers",
        "It was approved unanimously.",
    ] {
        assert!(
            page.body.contains(kept),
            "body lacks {kept:?}:\n{}",
            page.body
        );
    }
    for dropped in [
        "cost the same as the day service, officials said",
        "Flyover opens",
        "lane markings",
        "min read",
        "Onion",
        "Subscribe",
        "valid email",
        "ePaper",
        "bookmarks",
        "Continue",
        "Photo",
        "MORE FROM",
    ] {
        assert!(
            !page.body.contains(dropped),
            "body keeps {dropped:?}:\n{}",
            page.body
        );
    }
    assert_eq!(page.body.split("\n\n").count(), 5);
}

#[test]
fn broadcaster_dump_with_menus_and_captions() {
    let page = extract_text(LIBRARY);
    assert_eq!(
        page.headline.as_deref(),
        Some("Library reopens after flood repairs")
    );
    assert_eq!(page.date, utc("2022-03-15T00:00:00Z"));
    assert_eq!(page.authors, ["Martin Alvarez"]);
    assert!(
        page.body.starts_with("The central library in Lowbridge"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Nobody was hurt."));
    assert!(
        page.body.ends_with("before we opened,\" she said."),
        "{}",
        page.body
    );
    for dropped in [
        "Volunteers carried",
        "Museum roof",
        "Markets steady",
        "Related",
        "Gazette",
        "reporter",
        "Follow",
    ] {
        assert!(
            !page.body.contains(dropped),
            "body keeps {dropped:?}:\n{}",
            page.body
        );
    }
}

#[test]
fn us_dump_with_agency_byline_and_inline_prompts() {
    let page = extract_text(BRIDGE);
    assert_eq!(
        page.headline.as_deref(),
        Some("Bridge inspection finds cracks in river span")
    );
    // March 7 is before daylight saving starts, so ET is UTC-5.
    assert_eq!(page.date, utc("2023-03-07T21:12:00Z"));
    assert_eq!(page.authors, ["Jane Holloway", "Sam Ortiz"]);
    assert!(
        page.body.starts_with("Engineers closed one lane"),
        "{}",
        page.body
    );
    assert!(page.body.contains("safe for light traffic"));
    assert!(
        page.body.ends_with("before the work begins."),
        "{}",
        page.body
    );
    for dropped in [
        "Advertisement",
        "Read more",
        "newsletter",
        "Storm knocks",
        "state finals",
        "Copyright",
    ] {
        assert!(
            !page.body.contains(dropped),
            "body keeps {dropped:?}:\n{}",
            page.body
        );
    }
}

#[test]
fn date_token_is_the_fallback_date() {
    let dump = "date 2020-11-04\nMenu\nVolunteers count ballots late into the night\n\
                Counting went on past midnight in the county hall, where volunteers sorted postal ballots by hand.\n\
                Officials said a result was expected by the end of the week.\n";
    let page = extract_text(dump);
    assert_eq!(
        page.headline.as_deref(),
        Some("Volunteers count ballots late into the night")
    );
    assert_eq!(page.date, utc("2020-11-04T00:00:00Z"));
    assert!(page.authors.is_empty());
    assert!(page.body.starts_with("Counting went on past midnight"));
    assert!(page.body.ends_with("end of the week."));
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let para = "The harbour board met on Monday and agreed to dredge the\n\
                northern channel before the autumn storms, a job that has been\n\
                delayed twice for lack of money and a suitable dredger.\n";
    let dump = format!(
        "Harbour board agrees to dredge channel\n\nBy Lena Fischer\n\n{para}\n{para}\n{para}"
    );
    let page = extract_text(&dump);
    assert_eq!(page.authors, ["Lena Fischer"]);
    assert_eq!(
        page.body.lines().next(),
        Some(para.replace('\n', " ").trim())
    );
}

#[test]
fn bylines_lose_agencies_and_labels() {
    let names = |s: &str| names_in_byline(s);
    assert_eq!(
        names("1 min read . Updated: 15 Feb 2021, 07:50 PM IST Ann Lee , Bo Chen , Reuters"),
        ["Ann Lee", "Bo Chen"]
    );
    assert_eq!(
        names("By Ann Lee and Bo Chen | AFP"),
        ["Ann Lee", "Bo Chen"]
    );
    assert_eq!(
        names("By Ursula von Berg, Staff Reporter"),
        ["Ursula von Berg"]
    );
    assert!(names("Updated: 15 Feb 2021, 07:50 PM IST").is_empty());
    assert!(names("By HT Correspondent").is_empty());
}

#[test]
fn capital_bylines_are_recased() {
    assert_eq!(
        names_in_byline("By DANA O'NEILL-PRICE Staff Writer"),
        ["Dana O'Neill-Price"]
    );
    assert_eq!(
        names_in_byline("Words by Eliza Marchetti"),
        ["Eliza Marchetti"]
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,300}") {
        let _ = extract_text(&s);
    }

    #[test]
    fn never_panics_on_dump_like_text(
        lines in proptest::collection::vec(
            "(By [A-Z][a-z]{2,8} [A-Z]{3,9}|[0-9] min read \\. [0-9]{2}:[0-9]{2} PM IST|MORE FROM THIS SECTION|Home >News >[A-Za-z ]{0,30}|Image caption,|[A-Z][a-z ,]{0,120}[.?]?|Updated: [0-9]{1,2} Feb 20[0-9]{2}, [0-9]{2}:[0-9]{2} PM IST|\\(Photo: AP\\)|)",
            0..40,
        )
    ) {
        let page = extract_text(&lines.join("\n"));
        proptest::prop_assert!(!page.body.contains("MORE FROM THIS SECTION"));
    }
}

#[test]
fn empty_and_junk_input() {
    assert_eq!(extract_text(""), TextPage::default());
    assert_eq!(extract_text("\n\n  \n×\n"), TextPage::default());
    let _ = extract_text("Home > > >\n>\n» » »\nMORE FROM\n1 min read\n");
}
