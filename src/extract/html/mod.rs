//! Main-content extraction for HTML pages: finds the article's own paragraphs in a parsed page
//! and drops navigation, related lists, captions, share bars and other boilerplate. One iterative
//! pass flattens the DOM into block-level elements and text blocks (paragraphs); per-element
//! statistics are summed bottom-up once; a Readability-style score picks the container (helped
//! by `articleBody` markup and the JSON-LD `articleBody`), and a filter keeps the container's
//! blocks that read like prose. No recursion (pages nest 100,000 deep) and nothing quadratic.
//!
//! One job per file: `tables` (class/id/role hints, tag kinds), `words` (furniture and prose
//! word lists), `weights` (every tuning number of the scoring and rendering), `attrs` (the
//! attributes read and what class and id names weigh), `flatten` (DOM to `Page`), `ld` (the
//! JSON-LD body), `score` (candidate scores and selection), `render` (what of the chosen
//! containers is kept), `lines` (single-line furniture tests). This file runs the passes.

mod attrs;
mod flatten;
mod ld;
mod lines;
mod render;
mod score;
mod tables;
mod weights;
mod words;

#[cfg(test)]
mod tests;

pub(crate) use attrs::{for_each_token, style_hides};

use crate::article::ExtractionKind;
use flatten::{flatten, Page};
use ld::LdBody;
use scraper::Html;
use weights::WEIGHTS as W;

/// The first pass wants this many non-link words: fewer is not yet an article (a section
/// front, a 404 page, a login wall, or a brief the second pass may accept).
pub const MIN_BODY_WORDS: usize = 40;

/// What one pass of the body cascade demands of a container.
#[derive(Clone, Copy)]
struct Pass {
    /// Fewer kept words than this is no article for this pass.
    min_words: usize,
    /// Story-headline links interleaved with the kept text that make the page a listing.
    listing_headlines: usize,
    /// Siblings of the container are weighed by their best descendant too; only while class
    /// names are trusted to keep sidebars out.
    deep_siblings: bool,
}

/// The first pass: a full article, class and id names weighed.
const FIRST_PASS: Pass = Pass {
    min_words: MIN_BODY_WORDS,
    listing_headlines: 5,
    deep_siblings: true,
};

/// The second pass, names ignored: a story this short is still one (a brief, a teaser, a
/// paywalled lead), but a few teasers between headline links make a section front.
const SECOND_PASS: Pass = Pass {
    min_words: 12,
    listing_headlines: 2,
    deep_siblings: false,
};

impl Page {
    /// Scores the page and renders its best container as `pass` demands.
    fn best_body(&self, pass: Pass) -> (String, usize) {
        let scores: Vec<f32> = (0..self.els.len() as u32).map(|i| self.score(i)).collect();
        match self.top_candidate(&scores) {
            Some(top) => {
                let roots = self.containers(top, &scores, pass.deep_siblings);
                self.render(&roots, pass)
            }
            None => (String::new(), 0),
        }
    }
}

/// A page's body text and whether it is the article's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Paragraphs in order, joined by "\n\n"; empty only when the page shows no text at all.
    pub text: String,
    /// `Article` when main-content extraction found the story, `Page` for the fallback.
    pub kind: ExtractionKind,
}

/// The article's own body text, by a cascade that falls back instead of refusing: the
/// strict pass; then, when it finds nothing, a pass that ignores class and id names and
/// accepts short stories (briefs, teasers, paywalled leads); then the page's visible text.
///
/// `descriptions` are the page's own (`Meta::descriptions`), whitespace already collapsed.
pub fn extract_body(doc: &Html, ld_body: Option<&str>, descriptions: &[String]) -> Body {
    let ld = ld_body
        .map(LdBody::new)
        .filter(|l| l.words >= W.min_confirmed_words);
    let mut page = flatten(doc);
    page.leads = descriptions
        .iter()
        .filter(|d| d.chars().count() >= W.lead_min_chars)
        .cloned()
        .collect();
    if let Some(ld) = &ld {
        page.mark_ld(ld);
    }
    page.aggregate();
    let (mut text, mut words) = page.best_body(FIRST_PASS);
    if let Some(ld) = &ld {
        // The DOM gave much less than the JSON-LD body: a script-rendered or paywalled page.
        if ld.words >= MIN_BODY_WORDS && words * W.dom_short_of_ld < ld.words {
            return Body {
                text: ld.text.clone(),
                kind: ExtractionKind::Article,
            };
        }
    }
    if text.is_empty() {
        page.ignore_negative_hints();
        (text, words) = page.best_body(SECOND_PASS);
    }
    if text.is_empty() {
        if let Some(ld) = ld {
            return Body {
                text: ld.text,
                kind: ExtractionKind::Article,
            };
        }
        return Body {
            text: page.visible_text(),
            kind: ExtractionKind::Page,
        };
    }
    debug_assert!(words > 0);
    Body {
        text,
        kind: ExtractionKind::Article,
    }
}
