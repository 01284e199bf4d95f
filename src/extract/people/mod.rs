//! Person-name recogniser: which people an article mentions, as canonical full names.
//!
//! The text is tokenised once. Runs of capitalised tokens (with name particles,
//! initials and hyphenated Arabic articles inside them) are candidate names. Each
//! run is split at its last title ("Russian President | Vladimir Putin"), stripped
//! of leading descriptors ("Syria's", "Former", "U.S."), vetoed by organisation,
//! place and common-word evidence, and scored by positive evidence: a known given
//! name, a title or role before it, a speech verb after or before it, an apposition
//! (", 54,", ", the engineer who"). A learned tagger (`tagger`, an averaged perceptron
//! trained on CoNLL-2003) marks each capitalised token as inside a name or not; its word
//! accepts a full name that no veto stopped, and a confident mark keeps a lone surname.
//! Accepted full names become people; surnames,
//! "Mr Peskov" and headline words are then merged into the full name that owns
//! them, and a lone surname that no full name owns is kept only on strong evidence.
//! All word lists are data files under `data/people/`, parsed once.
//!
//! Files: `lexicon` (word lists), `tokens` (tokeniser), `tagger` (the learned tagger and
//! its training), `candidates` (runs and their context), `score` (vetoes and scores),
//! `resolve` (one canonical name per person), `family_first` (names written family name
//! first, by the romanisation of their given name), `language` (the page's language as evidence
//! against a name, applied once the article's language is known), `tables` (the rows of a
//! page's data tables, which the body leaves out, as lines to read).

mod candidates;
mod family_first;
mod language;
mod lexicon;
mod resolve;
mod score;
mod tables;
mod tagger;
mod tokens;

#[cfg(test)]
mod tests;

use candidates::collect_mentions;
use resolve::resolve;
use score::{accept_by_context, collect_headline_words, is_title_case};
use tokens::Doc;

pub use language::for_language;
pub use tables::table_lines;
pub use tagger::{train as train_tagger, TrainingDoc};

/// True when the first word of `name` is a given name in the gazetteer ("Daniel Roe"), so a
/// byline that also matches a site's name is still read as a person.
pub fn opens_with_given_name(name: &str) -> bool {
    name.split_whitespace().next().is_some_and(|w| {
        let key = lexicon::fold(w.trim_end_matches('.'));
        lexicon::LEXICON.get(&key) & (lexicon::flag::GIVEN | lexicon::flag::WEAK_GIVEN) != 0
    })
}

/// True when `word` is a place in the gazetteer ("London"), as a byline's "London" is.
pub fn is_place(word: &str) -> bool {
    lexicon::LEXICON.get(&lexicon::fold(word)) & lexicon::flag::PLACE != 0
}

/// True when `word` names an organisation in the gazetteer ("Herald", "Times").
pub fn is_org_word(word: &str) -> bool {
    let flags = lexicon::LEXICON.get(&lexicon::fold(word));
    flags & (lexicon::flag::ORG_WORD | lexicon::flag::KNOWN_ORG) != 0
}

/// Canonical full names of the people mentioned in an article, in order of first mention.
/// `authors` are excluded from the result (they are the byline, not people in the story).
pub fn find_people(headline: &str, body: &str, authors: &[String]) -> Vec<String> {
    // The token buffers are reused across calls on a thread: no large allocation per article.
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => find_in(&mut s, headline, body, authors),
        Err(_) => find_in(&mut Scratch::default(), headline, body, authors),
    })
}

/// Adds the people named in the rows of a page's data tables (`tables`, from
/// [`table_lines`]) to `people`, the ones found in its headline and body.
///
/// A table row has no sentence around it, so a name found there is kept only when it looks
/// like one by itself: a whole cell (a country in brackets aside), two words or more, the
/// first a known given name or an initial ("Tereza Hlavová", "L. Hamilton"; not "Golders
/// Green" or "Gran Reserva"). A full name
/// whose surname the body gave alone replaces that surname ("Hlavová" said ...).
pub fn add_table_people(people: &mut Vec<String>, tables: &str, authors: &[String]) {
    if tables.trim().is_empty() {
        return;
    }
    let keys: Vec<String> = people
        .iter()
        .map(|p| crate::people_names::name_key(p))
        .collect();
    // A person's cell holds the name alone, perhaps with a country in brackets; a product's
    // or a headline's cell holds more ("Comfort Fix Isofix base").
    let cells: std::collections::HashSet<String> = tables
        .split("\n\n")
        .flat_map(|line| line.split(tables::CELL_SEPARATOR))
        .map(|cell| crate::people_names::name_key(&tables::cell_core(cell)))
        .collect();
    let mut added = Vec::new();
    for name in find_people("", tables, authors) {
        let words: Vec<&str> = name.split_whitespace().collect();
        let first_is_given = words.first().is_some_and(|w| {
            let initial = w.trim_end_matches('.').chars().count() == 1;
            initial || lexicon::LEXICON.get(&lexicon::lexicon_key(w)) & lexicon::flag::GIVEN != 0
        });
        if words.len() < 2 || !first_is_given {
            continue;
        }
        let key = crate::people_names::name_key(&name);
        if keys.contains(&key) || added.contains(&key) || !cells.contains(&key) {
            continue;
        }
        let surname = words.last().map(|w| crate::people_names::name_key(w));
        match keys.iter().position(|k| Some(k) == surname.as_ref()) {
            Some(i) => people[i] = name,
            None => people.push(name),
        }
        added.push(key);
    }
}

/// Buffers reused from one article to the next.
#[derive(Default)]
struct Scratch {
    doc: Doc,
    info: Vec<tagger::TokInfo>,
    margins: Vec<i32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

fn find_in(s: &mut Scratch, headline: &str, body: &str, authors: &[String]) -> Vec<String> {
    let doc = &mut s.doc;
    doc.clear();
    doc.tokenise(headline, 0);
    let body_start = doc.toks.len();
    doc.tokenise(body, 1);
    let texts = [headline, body];

    let mut mentions = Vec::new();
    tagger::tag(doc, &tagger::MODEL, &mut s.info, &mut s.margins);
    if is_title_case(doc, 0..body_start) {
        collect_headline_words(doc, 0..body_start, &mut mentions);
    } else {
        collect_mentions(doc, 0..body_start, &s.margins, &mut mentions);
    }
    collect_mentions(doc, body_start..doc.toks.len(), &s.margins, &mut mentions);
    accept_by_context(doc, &mut mentions);
    resolve(doc, &texts, &mentions, authors)
}
