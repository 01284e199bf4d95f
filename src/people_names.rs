//! Spelling variants of one person's name across the archive.
//!
//! Papers spell the same person differently (`Zelensky`, `Zelenskyy`, `Zelenskiy`; `Novák`
//! and `Novak`), and each article stores the spelling its page used. A *variant key* folds
//! those differences away: accents folded and lower case (as the person field indexes
//! names), doubled consonants collapsed, and transliteration endings rewritten by the table
//! in `data/people/variant_endings.txt`. Names with one key are one person in `morgue
//! people` and the facets (shown with their most frequent spelling), and a `--person`
//! filter matches every spelling of each of its words.
//!
//! The key keeps every word of a name, so two people who share a surname (`Boris Johnson`,
//! `Dustin Johnson`) or a family name (`Kim Jong Un`, `Kim Yo Jong`) keep apart.
//! Everything is computed at query time over the person terms of the index, which are few
//! compared with its documents; nothing is stored, so existing indexes need no rebuild.

use crate::search::PersonCount;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

/// Letters kept in front of a rewritten ending: a short word is more likely a name of its own.
const MIN_STEM: usize = 3;

/// Spellings tried per `--person` filter at most (the product of each word's variants); past
/// it the filter matches the spelling typed only.
const MAX_PHRASES: usize = 64;

/// The ending table, longest ending first.
static ENDINGS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    let mut table: Vec<(String, String)> = include_str!("../data/people/variant_endings.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let from = parts.next()?.to_lowercase();
            let to = parts.next().unwrap_or("").to_lowercase();
            Some((from, to))
        })
        .collect();
    table.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
    table
});

thread_local! {
    /// The person field's analyzer, built once per thread (building it allocates).
    static ANALYZER: RefCell<TextAnalyzer> = RefCell::new(crate::index::analyzer::name_analyzer());
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The variant key of one word as the person field indexes it (lower case, accents folded).
///
/// Doubled vowels stay (`Lee` is not `Le`); a doubled `y` or consonant is one letter.
pub fn word_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    push_word_key(&mut out, word);
    out
}

/// Appends the key of `word` to `out` (lower-casing ASCII letters on the way).
fn push_word_key(out: &mut String, word: &str) {
    let start = out.len();
    let mut prev = None;
    for c in word.chars().map(|c| c.to_ascii_lowercase()) {
        if prev == Some(c) && !is_vowel(c) && c.is_alphabetic() {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    for (from, to) in ENDINGS.iter() {
        let len = out.len() - start;
        if len >= from.len() + MIN_STEM && out.ends_with(from.as_str()) {
            out.truncate(out.len() - from.len());
            out.push_str(to);
            break;
        }
    }
}

/// The words of a name as the person field indexes them: lower case, accents folded.
pub fn name_words(name: &str) -> Vec<String> {
    ANALYZER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut analyzer) => words_with(&mut analyzer, name),
        Err(_) => words_with(&mut crate::index::analyzer::name_analyzer(), name),
    })
}

fn words_with(analyzer: &mut TextAnalyzer, name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut stream = analyzer.token_stream(name);
    while let Some(tok) = stream.next() {
        words.push(tok.text.clone());
    }
    words
}

/// The variant key of a whole name: its words' keys, in order, joined by spaces.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    // `morgue people` keys every name of the archive: an ASCII name is split and lower-cased
    // here as the person field's tokenizer would, without running it.
    if name.is_ascii() {
        for w in name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if !key.is_empty() {
                key.push(' ');
            }
            push_word_key(&mut key, w);
        }
        return key;
    }
    for w in name_words(name) {
        if !key.is_empty() {
            key.push(' ');
        }
        push_word_key(&mut key, &w);
    }
    key
}

/// Per-name article counts grouped by variant key: one entry per person, under the spelling
/// with the most articles (ties: the first by name), most mentioned first, at most `limit`.
///
/// A surname given alone (`Zelensky`) joins the full name it ends (`Volodymyr Zelensky`) when
/// exactly one person of the archive bears it; when two do (`Donald Trump`, `Melania Trump`)
/// it stays apart, since it could be either. The full name is shown however the counts fall.
///
/// An article that gave two spellings of one person would be counted twice; the recogniser
/// merges spellings within an article, so that happens only for articles indexed before it.
pub fn group_counts(
    counts: impl IntoIterator<Item = (String, u64)>,
    limit: usize,
) -> Vec<PersonCount> {
    // key -> (total, best spelling's count, best spelling)
    let mut groups: HashMap<String, (u64, u64, String)> = HashMap::new();
    for (name, n) in counts {
        let key = name_key(&name);
        let key = if key.is_empty() { name.clone() } else { key };
        match groups.get_mut(&key) {
            Some((total, best_n, best)) => {
                *total += n;
                if n > *best_n || (n == *best_n && name < *best) {
                    *best_n = n;
                    *best = name;
                }
            }
            None => {
                groups.insert(key, (n, n, name));
            }
        }
    }
    join_lone_surnames(&mut groups);
    let all = groups
        .into_values()
        .map(|(articles, _, name)| PersonCount { name, articles })
        .collect();
    crate::facets::most_first(all, limit)
}

/// Folds each one-word group into the one full name whose surname it is, if only one is.
fn join_lone_surnames(groups: &mut HashMap<String, (u64, u64, String)>) {
    // surname key -> the full-name keys ending with it
    let mut bearers: HashMap<&str, Vec<&str>> = HashMap::new();
    for key in groups.keys() {
        if let Some(surname) = surname_key(key) {
            bearers.entry(surname).or_default().push(key);
        }
    }
    let joins: Vec<(String, String)> = groups
        .keys()
        .filter(|k| !k.contains(' '))
        .filter_map(|lone| match bearers.get(lone.as_str())?.as_slice() {
            [full] => Some((lone.clone(), full.to_string())),
            _ => None,
        })
        .collect();
    for (lone, full) in joins {
        if let Some((n, _, _)) = groups.remove(&lone) {
            if let Some((total, _, _)) = groups.get_mut(&full) {
                *total += n;
            }
        }
    }
}

/// Does `name` stand for the person whose name key is `key`: one of its spellings, or its
/// surname alone? (The people mentioned with someone leave that person out.)
pub fn names_person(name: &str, key: &str) -> bool {
    let k = name_key(name);
    k == key || (!k.contains(' ') && surname_key(key) == Some(k.as_str()))
}

/// The key of the surname of a full name's key: its last word, a generational suffix aside
/// (`King Charles III` ends in `charles`); `None` for a one-word key.
fn surname_key(key: &str) -> Option<&str> {
    let mut words: Vec<&str> = key.split(' ').collect();
    if words.len() < 2 {
        return None;
    }
    while words.len() > 2
        && matches!(
            *words.last()?,
            "jr" | "sr" | "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii"
        )
    {
        words.pop();
    }
    words.last().copied().filter(|w| w.chars().count() > 1)
}

/// The terms of `field` (a name field) that are spellings of `word` (an indexed word),
/// `word` itself included, from every segment's term dictionary.
///
/// A key keeps a word's first letter, so only the terms starting with it are read.
pub fn variant_terms(
    searcher: &tantivy::Searcher,
    field: Field,
    word: &str,
) -> tantivy::Result<BTreeSet<String>> {
    let mut found = BTreeSet::from([word.to_string()]);
    let Some(&first) = word.as_bytes().first() else {
        return Ok(found);
    };
    let key = word_key(word);
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let dict = inverted.terms();
        let range = dict.range().ge([first]);
        let range = match first.checked_add(1) {
            Some(next) => range.lt([next]),
            None => range,
        };
        let mut terms = range.into_stream()?;
        while terms.advance() {
            let Ok(term) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            if !found.contains(term) && word_key(term) == key {
                found.insert(term.to_string());
            }
        }
    }
    Ok(found)
}

/// A query for articles whose `field` holds `words` in a row, each word in any of its
/// spellings found in the index (`zelensky` also matches `zelenskyy` and `zelenskiy`).
pub fn person_query(
    searcher: &tantivy::Searcher,
    field: Field,
    words: &[String],
) -> tantivy::Result<Box<dyn Query>> {
    let mut spellings: Vec<Vec<String>> = Vec::with_capacity(words.len());
    for w in words {
        spellings.push(variant_terms(searcher, field, w)?.into_iter().collect());
    }
    let product = spellings
        .iter()
        .try_fold(1usize, |acc, s| acc.checked_mul(s.len()))
        .unwrap_or(usize::MAX);
    if product > MAX_PHRASES {
        spellings = words.iter().map(|w| vec![w.clone()]).collect();
    }
    let mut phrases: Vec<Vec<String>> = vec![Vec::new()];
    for options in &spellings {
        phrases = phrases
            .iter()
            .flat_map(|p| {
                options.iter().map(move |o| {
                    let mut next = p.clone();
                    next.push(o.clone());
                    next
                })
            })
            .collect();
    }
    let one = |phrase: Vec<String>| -> Box<dyn Query> {
        let mut terms: Vec<Term> = phrase
            .iter()
            .map(|w| Term::from_field_text(field, w))
            .collect();
        if terms.len() == 1 {
            Box::new(TermQuery::new(terms.remove(0), IndexRecordOption::Basic))
        } else {
            Box::new(PhraseQuery::new(terms))
        }
    };
    if phrases.len() == 1 {
        return Ok(one(phrases.remove(0)));
    }
    Ok(Box::new(BooleanQuery::new(
        phrases
            .into_iter()
            .map(|p| (Occur::Should, one(p)))
            .collect(),
    )))
}

/// The canonical names in the facet field named `field` (people) whose variant key is `key`,
/// from every segment's dictionary: every spelling under which the archive stores one person.
pub fn spellings_of(
    searcher: &tantivy::Searcher,
    field: &str,
    key: &str,
) -> tantivy::Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let facets = segment.facet_reader(field)?;
        let mut terms = facets.facet_dict().stream()?;
        while terms.advance() {
            let Ok(facet) = tantivy::schema::Facet::from_encoded(terms.key().to_vec()) else {
                continue;
            };
            if let Some(name) = facet.to_path().last() {
                if !found.contains(*name) && name_key(name) == key {
                    found.insert(name.to_string());
                }
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_of_one_name_share_a_key() {
        let zelensky = name_key("Volodymyr Zelensky");
        for v in [
            "Volodymyr Zelenskyy",
            "Volodymyr Zelenskiy",
            "Volodymyr Zelenskii",
            "Volodymyr Zelenski",
        ] {
            assert_eq!(name_key(v), zelensky, "{v}");
        }
        assert_eq!(name_key("Jan Novák"), name_key("Jan Novak"));
        assert_eq!(name_key("Dmitriy Peskov"), name_key("Dmitry Peskov"));
        assert_eq!(name_key("Alexey Navalny"), name_key("Alexei Navalny"));
        assert_eq!(name_key("Muammar Gaddafi"), name_key("Muammar Gadafi"));
        assert_eq!(name_key("Moon Jae-in"), name_key("Moon Jae In"));
    }

    #[test]
    fn people_who_share_a_surname_keep_apart() {
        assert_ne!(name_key("Boris Johnson"), name_key("Dustin Johnson"));
        assert_ne!(name_key("Kim Jong Un"), name_key("Kim Yo Jong"));
        assert_ne!(name_key("Bobby Brown"), name_key("Bobbi Brown"));
        assert_ne!(name_key("Lee Kuan Yew"), name_key("Le Kuan Yew"));
        assert_ne!(name_key("Zelensky"), name_key("Volodymyr Zelensky"));
    }

    #[test]
    fn short_words_keep_their_endings() {
        // "Ski" and "Ley" are too short to be a stem plus an ending.
        assert_eq!(word_key("ski"), "ski");
        assert_eq!(word_key("ley"), "ley");
        assert_eq!(word_key("zelenskyy"), word_key("zelensky"));
    }

    /// Asserts the (name, articles) rows `group_counts` gives for `counts`.
    fn assert_grouped(counts: &[(String, u64)], expected: &[(&str, u64)]) {
        let grouped = group_counts(counts.to_vec(), 10);
        let got: Vec<(&str, u64)> = grouped
            .iter()
            .map(|p| (p.name.as_str(), p.articles))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn grouped_counts_add_up_under_the_most_frequent_spelling() {
        let counts = [
            ("Volodymyr Zelensky".to_string(), 5),
            ("Volodymyr Zelenskyy".to_string(), 7),
            ("Volodymyr Zelenskiy".to_string(), 1),
            ("Boris Johnson".to_string(), 4),
            ("Dustin Johnson".to_string(), 2),
        ];
        assert_grouped(
            &counts,
            &[
                ("Volodymyr Zelenskyy", 13),
                ("Boris Johnson", 4),
                ("Dustin Johnson", 2),
            ],
        );
    }

    #[test]
    fn a_lone_surname_joins_the_one_full_name_that_bears_it() {
        let counts = [
            ("Volodymyr Zelensky".to_string(), 3),
            ("Zelenskyy".to_string(), 4),
            ("Donald Trump".to_string(), 5),
            ("Melania Trump".to_string(), 1),
            ("Trump".to_string(), 2),
            ("King Charles III".to_string(), 1),
            ("Charles".to_string(), 1),
            ("Vance".to_string(), 1),
        ];
        assert_grouped(
            &counts,
            &[
                ("Volodymyr Zelensky", 7),
                ("Donald Trump", 5),
                ("King Charles III", 2),
                // Two Trumps: the lone one could be either, so it stays apart.
                ("Trump", 2),
                ("Melania Trump", 1),
                ("Vance", 1),
            ],
        );
    }

    #[test]
    fn ascii_names_are_keyed_as_the_tokenizer_splits_them() {
        for name in [
            "Jean-Claude O'Neill",
            "KIM Jong-un",
            "Dr. J.R. Smith III",
            "  a--b  ",
        ] {
            let slow: Vec<String> = name_words(name).iter().map(|w| word_key(w)).collect();
            assert_eq!(name_key(name), slow.join(" "), "{name}");
        }
    }

    #[test]
    fn odd_input_gives_a_key_without_panicking() {
        assert_eq!(name_key(""), "");
        assert_eq!(word_key(""), "");
        let _ = name_key("ÿÿÿ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 -- '' \u{0}");
    }
}
