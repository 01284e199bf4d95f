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
//! `resolve` (one canonical name per person).

mod candidates;
mod lexicon;
mod resolve;
mod score;
mod tagger;
mod tokens;

#[cfg(test)]
mod tests;

use candidates::collect_mentions;
use resolve::resolve;
use score::{accept_by_context, collect_headline_words, is_title_case};
use tokens::Doc;

pub use tagger::{train as train_tagger, TrainingDoc};

/// Canonical full names of the people mentioned in an article, in order of first mention.
/// `authors` are excluded from the result (they are the byline, not people in the story).
pub fn find_people(headline: &str, body: &str, authors: &[String]) -> Vec<String> {
    // The token buffers are reused across calls on a thread: no large allocation per article.
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => find_in(&mut s, headline, body, authors),
        Err(_) => find_in(&mut Scratch::default(), headline, body, authors),
    })
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
