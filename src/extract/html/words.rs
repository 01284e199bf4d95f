//! The furniture and prose word lists the line tests use, from the extraction lexicon
//! (`src/extract/lexicon.rs`, files in `data/extract/`).

pub(super) use crate::extract::lexicon::{
    BYLINE_WORDS, CAPTION_CREDIT_LABELS, CREDIT_SUFFIXES, DATE_WORD_SET, JUNK_LINE_SET,
    LINK_LINE_LABELS, META_LINE_PREFIXES, PROMO_PHRASES, STOPWORD_SET, TRAILER_PREFIXES,
};
