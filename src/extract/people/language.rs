//! The page's language as evidence against a name.
//!
//! The recogniser's lists are English-first. On a German page every noun is capitalised
//! ("Sie Antworten", "Die Regierung"); French, Spanish and Portuguese pages begin things
//! with a capitalised article ("Le Premier", "Le Monde"), name weekdays and parts of the day
//! ("Mardi Soir", "Quarta Feira"), and join two people with `y` / `e` ("Sánchez y Feijóo"),
//! which the particle list lets into one name. Once the article's language is known, its
//! names are checked against that language's word list (`data/people/lang/*.txt`).

use super::lexicon::{flag, fold, lexicon_key, LEXICON};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// One language's words against a name.
#[derive(Default)]
struct Rules {
    /// Never the first word of a person's name.
    first: HashSet<String>,
    /// Weekdays and parts of the day: a name beginning or ending with one is a time ("Mardi
    /// Soir", "Heute Abend") unless a known given name begins it ("Jennifer Montag").
    anywhere: HashSet<String>,
    /// Joins two people's names.
    joins: HashSet<String>,
    /// Articles: a name the text gives only right after one is a noun ("das Wasser").
    article: HashSet<String>,
}

static RULES: LazyLock<HashMap<&'static str, Rules>> = LazyLock::new(|| {
    let files = [
        ("de", include_str!("../../../data/people/lang/de.txt")),
        ("fr", include_str!("../../../data/people/lang/fr.txt")),
        ("es", include_str!("../../../data/people/lang/es.txt")),
        ("pt", include_str!("../../../data/people/lang/pt.txt")),
    ];
    files
        .into_iter()
        .map(|(code, data)| (code, parse(data)))
        .collect()
});

/// Names that begin with an article and are still surnames ("Le Pen"), folded.
static ARTICLE_SURNAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    include_str!("../../../data/people/lang/article_surnames.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fold)
        .collect()
});

fn parse(data: &str) -> Rules {
    let mut rules = Rules::default();
    let mut section = "";
    for line in data.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = match name {
                "first" => "first",
                "anywhere" => "anywhere",
                "joins" => "joins",
                "article" => "article",
                _ => "",
            };
            continue;
        }
        let word = fold(line);
        match section {
            "first" => rules.first.insert(word),
            "anywhere" => rules.anywhere.insert(word),
            "joins" => rules.joins.insert(word),
            "article" => rules.article.insert(word),
            _ => false,
        };
    }
    rules
}

/// `people` (canonical names, in order) without the ones the page's language `lang` (ISO
/// 639-1) says are not names; `texts` (headline, body) are where the names were found.
/// Other languages, and pages of no known language, pass as they are.
pub fn for_language(people: Vec<String>, lang: Option<&str>, texts: &[&str]) -> Vec<String> {
    let Some(rules) = lang.and_then(|l| RULES.get(l)) else {
        return people;
    };
    let folded: Vec<Vec<String>> = people
        .iter()
        .map(|p| p.split_whitespace().map(fold).collect())
        .collect();
    let mut out = Vec::with_capacity(people.len());
    for (i, name) in people.iter().enumerate() {
        let words = &folded[i];
        let Some(first) = words.first() else {
            continue;
        };
        let last = words.last().unwrap_or(first);
        if rules.anywhere.contains(first) || rules.anywhere.contains(last) {
            let given = name
                .split_whitespace()
                .next()
                .is_some_and(|w| LEXICON.get(&lexicon_key(w)) & flag::GIVEN != 0);
            if !given || rules.anywhere.contains(first) {
                continue;
            }
        }
        if rules.first.contains(first) && words.len() > 1 {
            let whole = words.join(" ");
            let kept = ARTICLE_SURNAMES
                .iter()
                .any(|s| whole == *s || whole.ends_with(&format!(" {s}")));
            if !kept {
                continue;
            }
        }
        if joins_two_known_people(words, &folded, i, &rules.joins) {
            continue;
        }
        if only_after_articles(name, texts, &rules.article) {
            continue;
        }
        out.push(name.clone());
    }
    out
}

/// Does `name` occur in `texts`, and every time right after one of `articles` ("in das
/// Wasser", "ein Bild von der Lage")? A person is not written with an article.
fn only_after_articles(name: &str, texts: &[&str], articles: &HashSet<String>) -> bool {
    if articles.is_empty() || name.is_empty() {
        return false;
    }
    let mut seen = false;
    for text in texts {
        for (at, _) in text.match_indices(name) {
            let before = &text[..at];
            let after = &text[at + name.len()..];
            let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if glued(before.chars().next_back()) || glued(after.chars().next()) {
                continue;
            }
            let trimmed = before.trim_end();
            if trimmed.len() == before.len() {
                return false;
            }
            let prev = trimmed
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if prev.is_empty() || !articles.contains(&fold(prev)) {
                return false;
            }
            seen = true;
        }
    }
    seen
}

/// "Sánchez y Feijóo": the name splits at a joining word into parts that each end another
/// name of the article; "Ortega y Gasset", whose parts are nobody else, stays one name.
fn joins_two_known_people(
    words: &[String],
    all: &[Vec<String>],
    me: usize,
    joins: &HashSet<String>,
) -> bool {
    let parts: Vec<&[String]> = words.split(|w| joins.contains(w)).collect();
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return false;
    }
    parts.iter().all(|part| {
        all.iter().enumerate().any(|(j, other)| {
            j != me && other.len() >= part.len() && other[other.len() - part.len()..] == **part
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn other_languages_pass_untouched() {
        let p = names(&["Die Regierung", "Le Monde"]);
        assert_eq!(for_language(p.clone(), Some("en"), &[]), p);
        assert_eq!(for_language(p.clone(), None, &[]), p);
    }

    #[test]
    fn german_function_words_do_not_begin_names_but_particles_do() {
        let got = for_language(
            names(&[
                "Olaf Scholz",
                "Sie Antworten",
                "Die Regierung",
                "von der Leyen",
            ]),
            Some("de"),
            &[],
        );
        assert_eq!(got, names(&["Olaf Scholz", "von der Leyen"]));
    }

    #[test]
    fn a_german_name_only_ever_after_an_article_is_a_noun() {
        let text = "Olaf Scholz verschaffte sich ein Bild von der Lage. Sein Boot war gekentert. \
                    Ein Gift gelangte in das Wasser. Das Amt will das Wasser prüfen. \
                    Der Kanzler Scholz dankte den Helfern.";
        let got = for_language(
            names(&["Olaf Scholz", "Bild von der Lage", "Sein Boot", "Wasser"]),
            Some("de"),
            &["", text],
        );
        assert_eq!(got, names(&["Olaf Scholz"]));
        // Once without an article is enough to keep a name.
        let got = for_language(
            names(&["Anna Wasser"]),
            Some("de"),
            &["", "die Anna Wasser und Anna Wasser"],
        );
        assert_eq!(got, names(&["Anna Wasser"]));
    }

    #[test]
    fn french_articles_and_weekdays_are_not_names_but_le_pen_is() {
        let got = for_language(
            names(&[
                "Le Premier",
                "Gabriel Attal",
                "Le Monde",
                "Mardi Soir",
                "Le Pen",
            ]),
            Some("fr"),
            &[],
        );
        assert_eq!(got, names(&["Gabriel Attal", "Le Pen"]));
    }

    #[test]
    fn y_joins_two_people_only_when_both_are_named_apart() {
        let got = for_language(
            names(&[
                "Pedro Sánchez",
                "Alberto Núñez Feijóo",
                "Sánchez y Feijóo",
                "José Ortega y Gasset",
            ]),
            Some("es"),
            &[],
        );
        assert_eq!(
            got,
            names(&[
                "Pedro Sánchez",
                "Alberto Núñez Feijóo",
                "José Ortega y Gasset"
            ])
        );
    }
}
