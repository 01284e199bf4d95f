//! Bylines: the one parser of "By Ana Ruiz and Tom Lee, Reuters" and its kin in other
//! languages ("Von …", "Por …", "Par …", "Posted by …"), used for meta tags, JSON-LD
//! strings, byline markup and visible byline lines alike.

// A byline that runs on into a weekday ("Jane Doe Monday") loses it: the date parser's table.
use super::date::WEEKDAYS;
use super::lexicon::{
    BYLINE_DESKS as DESKS, BYLINE_INTERFACE as INTERFACE, BYLINE_JOINERS as JOINERS,
    BYLINE_LEADING_TITLES as LEADING_TITLES, BYLINE_NOISE as NOISE, BYLINE_PREFIXES as PREFIXES,
    BYLINE_ROLES as ROLES, BYLINE_RUN_ON as RUN_ON,
};

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
/// roles, dates, weekdays or repeats. Names must start with a capital letter: this is the
/// parser for free text.
pub fn split_byline(s: &str) -> Vec<String> {
    split(s, false)
}

/// As [`split_byline`], for values that markup declares to be the author (`rel=author`,
/// JSON-LD, `meta name=author`): there user names such as `jancak` or `Bo2man` are kept.
pub fn split_marked_byline(s: &str) -> Vec<String> {
    split(s, true)
}

fn split(s: &str, marked: bool) -> Vec<String> {
    let s = s.trim();
    // An author given as a profile URL (`https://site/author/x/#author`) names nobody.
    if s.contains("://") || s.starts_with('#') {
        return Vec::new();
    }
    let s = strip_byline_prefix(s).unwrap_or(s);
    let mut out: Vec<String> = Vec::new();
    let mut desk: Option<String> = None;
    let mut parts: Vec<&str> = s.split([',', '|', ';', '/', '·', '•']).collect();
    for joiner in JOINERS.iter() {
        parts = parts.iter().flat_map(|p| p.split(joiner)).collect();
    }
    for part in parts {
        // "Ingrid Sørensen in Berlin": the place is not part of the name.
        let part = part.split(" in ").next().unwrap_or(part);
        let part = strip_byline_prefix(part).unwrap_or(part);
        let mut words: Vec<&str> = part.split_whitespace().collect();
        if let Some(cut) = words.iter().skip(1).position(|w| RUN_ON.contains(w)) {
            words.truncate(cut + 1);
        }
        while words
            .last()
            .is_some_and(|w| WEEKDAYS.contains(&w.to_lowercase().trim_end_matches('.')))
        {
            words.pop();
        }
        while words.len() > 2
            && LEADING_TITLES.contains(&words[0].to_lowercase().trim_end_matches(':'))
        {
            words.remove(0);
        }
        // "Devin Ortiz Herald Staff Writers": the job and the paper go, the name stays.
        // Only where a full name is left: "Jörg Staff" is a name, "Support Team" a desk.
        let is_role = |w: &&&str| {
            let w = w.to_lowercase();
            ROLES.contains(w.as_str()) && w != "the"
        };
        let jobs = words.iter().rev().take_while(is_role).count();
        let mut name_words = words.len() - jobs;
        if jobs > 0 && name_words > 2 && super::people::is_org_word(words[name_words - 1]) {
            name_words -= 1;
        }
        let phrase = words[..name_words]
            .iter()
            .any(|w| matches!(w.to_lowercase().as_str(), "the" | "to" | "of" | "for"));
        if jobs > 0 && name_words >= 2 && !phrase {
            words.truncate(name_words);
        }
        let name = words.join(" ");
        let name = name.trim().trim_end_matches('.').trim();
        let digits = name.chars().any(|c| c.is_ascii_digit());
        // A user name with digits ("Bo2man") is a name only where markup says so.
        let digits_ok = marked && words.len() == 1 && name.chars().any(char::is_alphabetic);
        if name.is_empty() || name.len() > 60 || (digits && !digits_ok) {
            continue;
        }
        // "facebook.com", "jana.roe": a domain or handle, not how a byline names anyone.
        let dotted = words.len() == 1
            && name
                .as_bytes()
                .windows(3)
                .any(|w| w[0].is_ascii_lowercase() && w[1] == b'.' && w[2].is_ascii_lowercase());
        if dotted {
            continue;
        }
        // "Mob mit Macheten ermordet:", "London": a label or a place, not a name.
        if name.ends_with(':') || (words.len() == 1 && super::people::is_place(name)) {
            continue;
        }
        if name.contains([
            '«', '»', '"', '“', '”', '„', '(', ')', '?', '!', '#', '<', '>', '=',
        ]) {
            continue;
        }
        let lower = name.to_lowercase();
        if DESKS.contains(lower.as_str()) {
            desk.get_or_insert_with(|| name.to_string());
            continue;
        }
        let all_roles = lower
            .split_whitespace()
            .all(|w| ROLES.contains(w) || LEADING_TITLES.contains(&w));
        let ends_in_role = lower
            .split_whitespace()
            .last()
            .is_some_and(|w| ROLES.contains(w) && w != "the")
            && lower.split_whitespace().count() > 1;
        if all_roles
            || ends_in_role
            || NOISE.contains(lower.as_str())
            || lower.starts_with("updated")
            || lower.contains('@')
            || lower.contains("http")
            || lower.split_whitespace().any(|w| INTERFACE.contains(w))
        {
            continue;
        }
        let n = name.split_whitespace().count();
        // "By KAYLA BRENNER": a name in capitals is written as the person writes it.
        let shouting = n > 1 && !name.chars().any(char::is_lowercase);
        let name = if shouting {
            name.split_whitespace()
                .map(recase)
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            name.to_string()
        };
        let name = name.as_str();
        let capitalised = name.chars().next().is_some_and(|c| !c.is_lowercase());
        let known = out.iter().any(|o| o.eq_ignore_ascii_case(name));
        // Markup may give a user name in lower case ("jancak"), not a phrase ("unseren Lesern").
        if (1..=5).contains(&n) && (capitalised || (marked && n == 1)) && !known {
            out.push(name.to_string());
        }
    }
    // "Tina Roe, TR": initials after a full name are her sign-off, not a second author.
    if out.len() > 1 {
        out.retain(|n| !is_initials(n));
    }
    if out.is_empty() {
        out.extend(desk);
    }
    out
}

/// "WHITFIELD" as "Whitfield", "O'BRIEN" as "O'Brien"; mixed-case words stay as written.
pub fn recase(word: &str) -> String {
    if word.chars().any(char::is_lowercase)
        || word.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    for c in word.chars() {
        if start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start = matches!(c, '-' | '\'' | '’');
    }
    out
}

/// Two or three capital letters standing alone ("TR"), as editors sign off.
fn is_initials(name: &str) -> bool {
    (2..=3).contains(&name.chars().count()) && name.chars().all(|c| c.is_uppercase())
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
    fn run_ons_credentials_initials_and_interface_words_go() {
        assert_eq!(split_byline("Von R. Roe am"), vec!["R. Roe"]);
        assert_eq!(split_byline("Posted by Kestrel under"), vec!["Kestrel"]);
        assert_eq!(split_byline("Dana Whit, PhD"), vec!["Dana Whit"]);
        assert_eq!(split_byline("Tina Roe,TR"), vec!["Tina Roe"]);
        assert_eq!(
            split_byline("Kayla Brent and Devin Oro Herald Staff Writers"),
            vec!["Kayla Brent", "Devin Oro"]
        );
        assert_eq!(split_byline("Jörg Staff"), Vec::<String>::new());
        assert_eq!(split_byline("Support Team"), Vec::<String>::new());
        assert_eq!(split_byline("Letters To The Editor"), Vec::<String>::new());
        assert_eq!(
            split_byline("By KAYLA BRENT and O'NEIL DUFF"),
            vec!["Kayla Brent", "O'Neil Duff"]
        );
        assert_eq!(split_byline("Veröffentlicht von Hansi"), vec!["Hansi"]);
        assert_eq!(
            split_byline("Hinterlasse einen Kommentar"),
            Vec::<String>::new()
        );
        assert_eq!(
            split_byline("Autor: Rechtsanwalt Jonas Ebner"),
            vec!["Jonas Ebner"]
        );
        assert_eq!(
            split_byline("Von «ganz normaler Sprache»"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn desks_stand_only_when_nobody_else_signs() {
        assert_eq!(split_byline("Redaktion"), vec!["Redaktion"]);
        assert_eq!(split_byline("Jana Berger / Redaktion"), vec!["Jana Berger"]);
    }

    #[test]
    fn markup_keeps_user_names_and_drops_profile_urls() {
        assert_eq!(split_byline("jancak"), Vec::<String>::new());
        assert_eq!(split_marked_byline("jancak"), vec!["jancak"]);
        assert_eq!(split_marked_byline("Bo2man"), vec!["Bo2man"]);
        assert_eq!(
            split_marked_byline("https://example.org/author/kim/#author"),
            Vec::<String>::new()
        );
        assert_eq!(split_marked_byline("oz on December 4, 2006"), vec!["oz"]);
        assert_eq!(
            split_marked_byline("Jana Roe / facebook.com/jana.roe"),
            vec!["Jana Roe"]
        );
        assert_eq!(split_marked_byline("null"), Vec::<String>::new());
    }

    #[test]
    fn a_prefix_must_be_a_whole_word() {
        assert_eq!(strip_byline_prefix("Byron Hale"), None);
        assert_eq!(strip_byline_prefix("Vonnegut"), None);
        assert_eq!(strip_byline_prefix("By: Tom Lee"), Some("Tom Lee"));
    }
}
