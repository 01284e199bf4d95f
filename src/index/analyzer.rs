//! Text analysis per language: words, CJK bigrams, folding and stemming.
//!
//! # One shared field, analysed per article
//!
//! Headline and body stay one tantivy field each, for every language. Each article's text is
//! analysed with its own language's chain (Snowball stemmer where tantivy has one, else only
//! case and accent folding); the chain is picked by a tag ([`tag`]) in front of the indexed
//! value, which [`LangTokenizer`] reads and drops, and which [`untag`] strips when the stored
//! text is read back. English and unknown languages carry no tag, so an English index is
//! byte for byte what it was before languages existed.
//!
//! A query word is analysed with the chain of every language present in the index; each
//! distinct form it takes is searched in the shared field, restricted (without scoring) to
//! the articles of the languages that produced that form (see `crate::search`). So:
//!
//! - a word is matched against each language's articles the way they were stemmed, and
//!   `universities` (English stem `univers`) does not hit a French article's `univers`;
//! - a term has one BM25 document frequency and one average length across all languages,
//!   so a rare language's words are not made rarer (and its articles do not win every query
//!   on a shared word such as a name), which one field per language would do;
//! - an all-English index runs the very query it ran before (one language: no restriction).
//!
//! The alternative, one field per language, lets tantivy's query parser and snippet
//! generator work unaided but splits each term's statistics per language, and gives every
//! document a fieldnorm per language field. Tagging the value instead of feeding tantivy a
//! `PreTokenizedString` keeps the stored text a plain string in the one stored field, so
//! nothing is stored twice and tokens are never serialised into the document store.
//!
//! Chinese, Japanese and Thai write no spaces between words: their runs of characters are
//! indexed as overlapping character bigrams, so a query of two or more characters is a
//! phrase of bigrams that finds the articles containing it. A lone character stays a unigram.
//! English keeps tantivy's `SimpleTokenizer` (see [`analyzer_for`]), and so do the unstemmed
//! fields of quoted words and prefixes: a quoted CJK phrase finds only a run written apart;
//! unquoted, it is a phrase of bigrams.

use crate::lang;
use tantivy::tokenizer::{
    AsciiFoldingFilter, BoxTokenStream, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Marks the start and end of the language tag of an indexed value (a private-use character:
/// never in a page's text after extraction).
const TAG: char = '\u{E000}';

/// Longest token kept, in bytes (a URL or a run-on string is not a word).
const MAX_TOKEN_BYTES: usize = 40;

/// The value to index for a text in a language: tagged unless it is analysed as English.
pub fn tag(lang: Option<&str>, text: &str) -> String {
    match lang {
        Some(code) if code != "en" && !code.is_empty() => format!("{TAG}{code}{TAG}{text}"),
        _ => text.to_string(),
    }
}

/// Splits a stored value into its language tag and its text.
pub fn untag(value: &str) -> (Option<&str>, &str) {
    if let Some(rest) = value.strip_prefix(TAG) {
        if let Some((code, text)) = rest.split_once(TAG) {
            return (Some(code), text);
        }
    }
    (None, value)
}

/// Whether a character belongs to a script written without spaces between words.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0E7F     // Thai
        | 0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK Extension A
        | 0x4E00..=0x9FFF   // CJK Unified Ideographs
        | 0xF900..=0xFAFF   // CJK Compatibility Ideographs
        | 0xFF66..=0xFF9F   // half-width Katakana
        | 0x20000..=0x2FA1F // CJK Extensions B-F, compatibility supplement
    )
}

/// Whether a character is part of a word: a letter or digit, or a Thai vowel or tone mark
/// (which Unicode calls marks, not letters).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || (unspaced(c) && !c.is_whitespace())
}

/// tantivy's `SimpleTokenizer` (words are runs of letters and digits), except that runs of
/// CJK or Thai characters become overlapping bigrams. On text without those scripts its
/// tokens, offsets and positions are exactly `SimpleTokenizer`'s.
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The token stream of [`WordTokenizer`].
pub struct WordTokenStream<'a> {
    text: &'a str,
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

impl WordTokenStream<'_> {
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.text.push_str(&self.text[from..to]);
        true
    }
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        let rest = &self.text[self.at..];
        let Some((start, first)) = rest.char_indices().find(|(_, c)| word_char(*c)) else {
            self.at = self.text.len();
            return false;
        };
        let start = self.at + start;
        if unspaced(first) {
            // A bigram starting here; the next one starts at the following character.
            let mut chars = self.text[start..].char_indices().skip(1);
            let second = chars.next().filter(|(_, c)| unspaced(*c));
            let next_start = start + first.len_utf8();
            return match second {
                Some((off, c)) => {
                    let end = start + off + c.len_utf8();
                    // The run's last character starts no bigram of its own.
                    let more = self.text[start + off + c.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(unspaced);
                    self.at = if more { next_start } else { end };
                    self.emit(start, end)
                }
                None => {
                    self.at = next_start;
                    self.emit(start, next_start)
                }
            };
        }
        let end = self.text[start..]
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric() || unspaced(*c))
            .map_or(self.text.len(), |(off, _)| start + off);
        self.at = end;
        self.emit(start, end)
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The analysis chain of a language: words, long tokens dropped, lower-cased, accents folded,
/// stemmed when tantivy has the language's stemmer. `None` is English, the default.
///
/// English (and text of no known language) keeps tantivy's `SimpleTokenizer`, the chain
/// English indexes were built with, so they stay as they were token for token and as fast;
/// every other language splits CJK and Thai runs into bigrams ([`WordTokenizer`]).
pub fn analyzer_for(lang: Option<&str>) -> TextAnalyzer {
    let english = matches!(lang, None | Some("en"));
    let stemmer = match lang {
        None | Some("en") => Some(Language::English),
        Some(code) => lang::info(code).and_then(|l| l.stemmer),
    };
    macro_rules! chain {
        ($tokenizer:expr) => {{
            let base = TextAnalyzer::builder($tokenizer)
                .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter);
            match stemmer {
                Some(language) => base.filter(Stemmer::new(language)).build(),
                None => base.build(),
            }
        }};
    }
    if english {
        chain!(SimpleTokenizer::default())
    } else {
        chain!(WordTokenizer::default())
    }
}

/// The unstemmed chain of names, quoted words and prefixes: folded words (as English indexes
/// always had them; a quoted CJK phrase is matched only as a run written apart).
pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The unstemmed chain of a language without a stemmer: folded words and CJK bigrams.
fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The tokenizer of the shared prose fields: reads a value's language tag and analyses the
/// rest with that language's chain.
#[derive(Clone)]
pub struct LangTokenizer {
    english: TextAnalyzer,
    /// One chain per stemmed language, built once (the unstemmed ones share `folded`).
    stemmed: Vec<(&'static str, TextAnalyzer)>,
    folded: TextAnalyzer,
}

impl Default for LangTokenizer {
    fn default() -> Self {
        LangTokenizer {
            english: analyzer_for(None),
            stemmed: lang::LANGUAGES
                .iter()
                .filter(|l| l.stemmer.is_some() && l.code != "en")
                .map(|l| (l.code, analyzer_for(Some(l.code))))
                .collect(),
            folded: folded_analyzer(),
        }
    }
}

impl LangTokenizer {
    fn chain(&mut self, lang: Option<&str>) -> &mut TextAnalyzer {
        match lang {
            None | Some("en") => &mut self.english,
            Some(code) => match self.stemmed.iter().position(|(c, _)| *c == code) {
                Some(i) => &mut self.stemmed[i].1,
                None => &mut self.folded,
            },
        }
    }
}

impl Tokenizer for LangTokenizer {
    type TokenStream<'a> = BoxTokenStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> BoxTokenStream<'a> {
        let (lang, text) = untag(text);
        self.chain(lang).token_stream(text)
    }
}

/// The tokens of a text in a language, as the index holds them.
pub fn tokens(lang: Option<&str>, text: &str) -> Vec<String> {
    let mut analyzer = analyzer_for(lang);
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(t) = stream.next() {
        out.push(t.text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut t = WordTokenizer::default();
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while let Some(tok) = s.next() {
            out.push((
                tok.text.clone(),
                tok.offset_from,
                tok.offset_to,
                tok.position,
            ));
        }
        out
    }

    #[test]
    fn latin_text_tokenizes_exactly_like_simple_tokenizer() {
        for text in [
            "Hello, happy tax payer!",
            "  Häuser am See — 2021: l'été, naïve façade; Дом у озера. ",
            "",
            "x",
            "مرحبا بالعالم",
        ] {
            let mut simple = SimpleTokenizer::default();
            let mut s = simple.token_stream(text);
            let mut expected = Vec::new();
            while let Some(tok) = s.next() {
                expected.push((
                    tok.text.clone(),
                    tok.offset_from,
                    tok.offset_to,
                    tok.position,
                ));
            }
            assert_eq!(words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        let got: Vec<String> = words("北京大学，在东京。A中b")
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(
            got,
            ["北京", "京大", "大学", "在东", "东京", "A", "中", "b"]
        );
        let positions: Vec<usize> = words("北京大学").into_iter().map(|t| t.3).collect();
        assert_eq!(positions, [0, 1, 2]);
    }

    #[test]
    fn each_language_stems_its_own_words() {
        assert_eq!(tokens(Some("de"), "Häuser Haus"), ["haus", "haus"]);
        assert_eq!(tokens(Some("fr"), "maisons maison"), ["maison", "maison"]);
        assert_eq!(tokens(None, "houses"), ["hous"]);
        assert_eq!(tokens(Some("zh"), "中国"), ["中国"]);
        // No stemmer: folded only.
        assert_eq!(tokens(Some("pl"), "Łódź Domy"), ["lodz", "domy"]);
    }

    #[test]
    fn tags_round_trip_and_english_is_untagged() {
        assert_eq!(tag(Some("en"), "a"), "a");
        assert_eq!(tag(None, "a"), "a");
        let t = tag(Some("de"), "Haus");
        assert_eq!(untag(&t), (Some("de"), "Haus"));
        assert_eq!(untag("plain"), (None, "plain"));
        let mut lt = LangTokenizer::default();
        let mut s = lt.token_stream(&t);
        assert_eq!(s.next().map(|t| t.text.clone()).as_deref(), Some("haus"));
    }
}
