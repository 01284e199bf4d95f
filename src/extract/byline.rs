//! Bylines: the one parser of "By Ana Ruiz and Tom Lee, Reuters" and its kin in other
//! languages ("Von …", "Por …", "Par …", "Posted by …"), used for meta tags, JSON-LD
//! strings, byline markup and visible byline lines alike.

// A byline that runs on into a weekday ("Jane Doe Monday") loses it: the date parser's table.
use super::date::WEEKDAYS;

/// Words that open a byline, lower case, longest first where one starts another. A prefix
/// must be followed by a space or a colon.
const PREFIXES: &[&str] = &[
    "posted by",
    "written by",
    "written and photographed by",
    "reported by",
    "story by",
    "words by",
    "geschrieben von",
    "verfasst von",
    "ein beitrag von",
    "publicado por",
    "escrito por",
    "publié par",
    "écrit par",
    "pubblicato da",
    "scritto da",
    "autorin",
    "autor",
    "author",
    "autore",
    "auteur",
    "text",
    "texto",
    "by",
    "von",
    "vom",
    "por",
    "par",
    "di",
    "door",
    "av",
    "af",
];

/// Words that join two names in a byline, in the languages of the prefixes.
const JOINERS: &[&str] = &[
    " and ", " und ", " y ", " et ", " e ", " en ", " og ", " och ", " & ",
];

/// Byline parts that are agencies or desks, not people (lower case).
const NOISE: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "pti",
    "ians",
    "dpa",
    "xinhua",
    "kyodo",
    "ansa",
    "efe",
    "apa",
    "sda",
    "epd",
    "kna",
    "bloomberg",
    "staff",
    "staff writer",
    "correspondent",
    "editor",
    "desk",
    "news desk",
    "agencies",
    "associated press",
    "the associated press",
    "wire",
    "redaktion",
    "unknown",
    "admin",
];

/// Words that describe a job, not a name ("Staff Writers", "Senior Correspondent").
const ROLES: &[&str] = &[
    "staff",
    "writer",
    "writers",
    "reporter",
    "reporters",
    "correspondent",
    "correspondents",
    "editor",
    "editors",
    "senior",
    "chief",
    "political",
    "business",
    "science",
    "sports",
    "team",
    "desk",
    "contributor",
    "contributors",
    "bureau",
    "the",
    "football",
    "sport",
    "economics",
    "foreign",
    "health",
    "technology",
    "arts",
    "europe",
    "city",
    "auto",
    "ap",
    "redakteur",
    "redakteurin",
    "korrespondent",
    "korrespondentin",
];

/// The text after a byline prefix ("By", "Von", "Posted by", "Autor:"), if `s` opens with one.
pub fn strip_byline_prefix(s: &str) -> Option<&str> {
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || c == '-' || c == '—');
    PREFIXES.iter().find_map(|p| {
        let head = s.get(..p.len())?;
        if !head.eq_ignore_ascii_case(p) {
            return None;
        }
        let rest = &s[p.len()..];
        if !matches!(rest.chars().next(), None | Some(' ' | ':' | '\u{a0}')) {
            return None;
        }
        Some(rest.trim_start_matches([':', ' ', '\u{a0}']))
    })
}

/// Splits a byline such as "By Ana Ruiz and Tom Lee, Reuters" into names, without agencies,
/// roles, dates, weekdays or repeats.
pub fn split_byline(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = strip_byline_prefix(s).unwrap_or(s);
    let mut out: Vec<String> = Vec::new();
    let mut parts: Vec<&str> = s.split([',', '|', ';', '/', '·', '•']).collect();
    for joiner in JOINERS {
        parts = parts.iter().flat_map(|p| p.split(joiner)).collect();
    }
    for part in parts {
        // "Ingrid Sørensen in Berlin": the place is not part of the name.
        let part = part.split(" in ").next().unwrap_or(part);
        let part = strip_byline_prefix(part).unwrap_or(part);
        let mut words: Vec<&str> = part.split_whitespace().collect();
        while words
            .last()
            .is_some_and(|w| WEEKDAYS.contains(&w.to_lowercase().trim_end_matches('.')))
        {
            words.pop();
        }
        let name = words.join(" ");
        let name = name.trim().trim_end_matches('.').trim();
        if name.is_empty() || name.len() > 60 || name.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let lower = name.to_lowercase();
        let all_roles = lower.split_whitespace().all(|w| ROLES.contains(&w));
        let ends_in_role = lower
            .split_whitespace()
            .last()
            .is_some_and(|w| ROLES.contains(&w) && w != "the")
            && lower.split_whitespace().count() > 1;
        if all_roles
            || ends_in_role
            || NOISE.contains(&lower.as_str())
            || lower.starts_with("updated")
            || lower.contains('@')
            || lower.contains("http")
        {
            continue;
        }
        let n = name.split_whitespace().count();
        let capitalised = name.chars().next().is_some_and(|c| !c.is_lowercase());
        let known = out.iter().any(|o| o.eq_ignore_ascii_case(name));
        if (1..=5).contains(&n) && capitalised && !known {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_bylines_split_into_names_without_agencies() {
        assert_eq!(
            split_byline("By Ana Ruiz and Tom Lee, Reuters"),
            vec!["Ana Ruiz", "Tom Lee"]
        );
        assert_eq!(split_byline("BY STAFF WRITERS"), Vec::<String>::new());
        assert_eq!(split_byline("Posted by Tom Lee"), vec!["Tom Lee"]);
    }

    #[test]
    fn prefixes_and_joiners_of_other_languages() {
        assert_eq!(
            split_byline("Von Jana Berger und Lukas Ott"),
            vec!["Jana Berger", "Lukas Ott"]
        );
        assert_eq!(
            split_byline("Por María Gil y Pedro Sanz"),
            vec!["María Gil", "Pedro Sanz"]
        );
        assert_eq!(split_byline("Par Claire Dubois"), vec!["Claire Dubois"]);
        assert_eq!(split_byline("Autor: Jonas Weber"), vec!["Jonas Weber"]);
        assert_eq!(split_byline("Von Jonas Weber, dpa"), vec!["Jonas Weber"]);
    }

    #[test]
    fn roles_weekdays_dates_and_repeats_go() {
        assert_eq!(split_byline("Tom Lee; AP Auto Writer"), vec!["Tom Lee"]);
        assert_eq!(split_byline("By Tom Lee Monday"), vec!["Tom Lee"]);
        assert_eq!(
            split_byline("By Tom Lee, August 14, 2020 2:30 pm"),
            vec!["Tom Lee"]
        );
        assert_eq!(split_byline("Tom Lee, Tom Lee"), vec!["Tom Lee"]);
        assert_eq!(split_byline("Xinhua"), Vec::<String>::new());
    }

    #[test]
    fn a_prefix_must_be_a_whole_word() {
        assert_eq!(strip_byline_prefix("Byron Hale"), None);
        assert_eq!(strip_byline_prefix("Vonnegut"), None);
        assert_eq!(strip_byline_prefix("By: Tom Lee"), Some("Tom Lee"));
    }
}
