//! Person-name recogniser: which people an article mentions, as canonical full names.
//!
//! The text is tokenised once. Runs of capitalised tokens (with name particles,
//! initials and hyphenated Arabic articles inside them) are candidate names. Each
//! run is split at its last title ("Russian President | Vladimir Putin"), stripped
//! of leading descriptors ("Syria's", "Former", "U.S."), vetoed by organisation,
//! place and common-word evidence, and scored by positive evidence: a known given
//! name, a title or role before it, a speech verb after or before it, an apposition
//! (", 54,", ", the engineer who"). Accepted full names become people; surnames,
//! "Mr Peskov" and headline words are then merged into the full name that owns
//! them, and a lone surname that no full name owns is kept only on strong evidence.
//! All word lists are data files under `data/people/`, parsed once.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Canonical full names of the people mentioned in an article, in order of first mention.
/// `authors` are excluded from the result (they are the byline, not people in the story).
pub fn find_people(headline: &str, body: &str, authors: &[String]) -> Vec<String> {
    // The token buffers are reused across calls on a thread: no large allocation per article.
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut doc) => find_in(&mut doc, headline, body, authors),
        Err(_) => find_in(&mut Doc::default(), headline, body, authors),
    })
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Doc> = std::cell::RefCell::new(Doc::default());
}

fn find_in(doc: &mut Doc, headline: &str, body: &str, authors: &[String]) -> Vec<String> {
    doc.clear();
    doc.tokenise(headline, 0);
    let body_start = doc.toks.len();
    doc.tokenise(body, 1);
    let texts = [headline, body];

    let mut mentions = Vec::new();
    if is_title_case(doc, 0..body_start) {
        collect_headline_words(doc, 0..body_start, &mut mentions);
    } else {
        collect_mentions(doc, 0..body_start, &mut mentions);
    }
    collect_mentions(doc, body_start..doc.toks.len(), &mut mentions);
    accept_by_context(doc, &mut mentions);
    resolve(doc, &texts, &mentions, authors)
}

// ---------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------

/// Lexicon flags: one word may carry several ("May" is a month, a surname and a weak given name).
mod flag {
    pub const GIVEN: u32 = 1;
    pub const WEAK_GIVEN: u32 = 1 << 1;
    pub const SURNAME: u32 = 1 << 2;
    pub const TITLE: u32 = 1 << 3;
    pub const REGNAL: u32 = 1 << 4;
    pub const ROLE: u32 = 1 << 5;
    pub const ORG_WORD: u32 = 1 << 6;
    pub const KNOWN_ORG: u32 = 1 << 7;
    pub const ORG_IF_POSSESSIVE: u32 = 1 << 8;
    pub const PLACE: u32 = 1 << 9;
    pub const DEMONYM: u32 = 1 << 10;
    pub const MONTH_DAY: u32 = 1 << 11;
    pub const STOP: u32 = 1 << 12;
    pub const SPEECH: u32 = 1 << 13;
    pub const PARTICLE: u32 = 1 << 14;
    pub const SUFFIX: u32 = 1 << 15;
    pub const CREDIT: u32 = 1 << 16;
    /// First word of a multi-word organisation or place: only then is the phrase looked up.
    pub const PHRASE_HEAD: u32 = 1 << 17;
    /// Words that make a given name ambiguous: it is then only a weak given name.
    pub const NOT_A_NAME: u32 =
        STOP | PLACE | MONTH_DAY | TITLE | ROLE | REGNAL | DEMONYM | ORG_WORD | KNOWN_ORG;
    /// A lone capitalised word with one of these is never a person by itself.
    pub const NEGATIVE: u32 =
        STOP | PLACE | DEMONYM | MONTH_DAY | KNOWN_ORG | ORG_WORD | TITLE | ROLE | REGNAL;
}

/// FxHash: the lexicon is hit for every word, and SipHash's DoS resistance buys nothing here.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Fx = BuildHasherDefault<FxHasher>;

/// Every word list, merged into one map from lower-case word to flags, plus multi-word phrases.
struct Lexicon {
    words: HashMap<Box<str>, u32, Fx>,
    org_phrases: HashSet<Box<str>, Fx>,
    place_phrases: HashSet<Box<str>, Fx>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

/// The non-comment, non-empty lines of a data file.
fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Lower-case lookup key: trailing full stop dropped ("Dr." and "Dr" are one title).
fn lexicon_key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

impl Lexicon {
    fn load() -> Lexicon {
        use flag::*;
        let mut lex = Lexicon {
            words: HashMap::default(),
            org_phrases: HashSet::default(),
            place_phrases: HashSet::default(),
        };
        let lists: [(&'static str, u32); 15] = [
            (include_str!("../../data/people/given_names.txt"), GIVEN),
            (
                include_str!("../../data/people/ambiguous_given_names.txt"),
                WEAK_GIVEN,
            ),
            (include_str!("../../data/people/surnames.txt"), SURNAME),
            (include_str!("../../data/people/titles.txt"), TITLE),
            (include_str!("../../data/people/regnal_titles.txt"), REGNAL),
            (include_str!("../../data/people/roles.txt"), ROLE),
            (include_str!("../../data/people/org_words.txt"), ORG_WORD),
            (include_str!("../../data/people/demonyms.txt"), DEMONYM),
            (include_str!("../../data/people/months_days.txt"), MONTH_DAY),
            (include_str!("../../data/people/stopwords.txt"), STOP),
            (include_str!("../../data/people/speech_verbs.txt"), SPEECH),
            (include_str!("../../data/people/particles.txt"), PARTICLE),
            (include_str!("../../data/people/name_suffixes.txt"), SUFFIX),
            (include_str!("../../data/people/credit_cues.txt"), CREDIT),
            (include_str!("../../data/people/places.txt"), PLACE),
        ];
        for (data, f) in lists {
            for entry in entries(data) {
                if f == PLACE && entry.contains(' ') {
                    lex.add_phrase_head(entry);
                    lex.place_phrases.insert(phrase_key(entry).into());
                } else {
                    lex.add(entry, f);
                }
                if f == TITLE && !entry.ends_with('s') {
                    // "Justices Clarence Thomas and Samuel Alito"
                    lex.add(&format!("{entry}s"), TITLE);
                }
            }
        }
        for entry in entries(include_str!("../../data/people/known_orgs.txt")) {
            if entry.contains(' ') || entry.contains('&') {
                lex.add_phrase_head(entry);
                lex.org_phrases.insert(phrase_key(entry).into());
            } else if let Some(stem) = entry
                .strip_suffix("'s")
                .or_else(|| entry.strip_suffix("’s"))
            {
                // "McDonald's" is the company, "McDonald" may be a person.
                lex.add(stem, ORG_IF_POSSESSIVE);
            } else {
                lex.add(entry, KNOWN_ORG);
            }
        }
        // A given name that is also a common word, place or title is only a weak given name.
        for f in lex.words.values_mut() {
            if *f & GIVEN != 0 && *f & NOT_A_NAME != 0 {
                *f = (*f & !GIVEN) | WEAK_GIVEN;
            }
        }
        lex
    }

    fn add_phrase_head(&mut self, phrase: &str) {
        if let Some(head) = phrase.split_whitespace().next() {
            self.add(head, flag::PHRASE_HEAD);
        }
    }

    fn add(&mut self, word: &str, f: u32) {
        *self.words.entry(lexicon_key(word).into()).or_insert(0) |= f;
    }

    fn get(&self, key: &str) -> u32 {
        self.words.get(key).copied().unwrap_or(0)
    }
}

/// Phrase key for multi-word lists: folded, lower case, single spaces.
fn phrase_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&fold(w.trim_end_matches('.')));
    }
    out
}

/// Lower case with common Latin diacritics removed, so "Erdoğan" matches "Erdogan".
fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for l in c.to_lowercase() {
            match fold_char(l) {
                Some(s) => out.push_str(s),
                None => out.push(l),
            }
        }
    }
    out
}

fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        '’' | '‘' => "'",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------

/// Token shape bits, computed while tokenising.
mod shape {
    pub const WORD: u16 = 1;
    pub const CAP: u16 = 1 << 1;
    pub const ALLCAPS: u16 = 1 << 2;
    /// "J." or "J.K.": an initial (or a dotted abbreviation such as "U.S.").
    pub const INITIAL: u16 = 1 << 3;
    /// "al-Sisi": a lower-case Arabic article joined to a capitalised name.
    pub const HYPHEN_NAME: u16 = 1 << 4;
    pub const POSSESSIVE: u16 = 1 << 5;
    pub const SENT_START: u16 = 1 << 6;
    pub const NUMBER: u16 = 1 << 7;
    /// A word with a digit in it ("Jet2", "Covid-19"): never a name.
    pub const DIGITS: u16 = 1 << 8;
}

/// Longest name, in words, particles and suffixes aside ("Andrés Manuel López Obrador").
const MAX_NAME_WORDS: usize = 4;

/// Abbreviations whose full stop does not end a sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "gen", "col", "lt", "sgt",
    "capt", "rev", "prof", "gov", "sen", "rep", "inc", "corp", "ltd", "co", "vs", "mt", "no",
    "jan", "feb", "aug", "sept", "oct", "nov", "dec",
];

#[derive(Clone, Copy, Default)]
struct Tok {
    seg: u8,
    /// Byte span in the segment text; a possessive "'s" is outside it, an initial's dot inside.
    start: u32,
    end: u32,
    /// Lower-case key in `Doc::lower`.
    lo: u32,
    hi: u32,
    flags: u32,
    shape: u16,
    /// The character of a punctuation token, '\n' for a paragraph break, '\0' for a word.
    punct: char,
    sentence: u32,
}

impl Tok {
    fn is(&self, s: u16) -> bool {
        self.shape & s != 0
    }
    fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
    fn is_word(&self) -> bool {
        self.is(shape::WORD)
    }
    fn is_lower_word(&self) -> bool {
        self.is_word() && !self.is(shape::CAP) && !self.is(shape::NUMBER)
    }
    /// Capitalised word that can be part of a name.
    fn is_namey(&self) -> bool {
        self.is_word() && (self.is(shape::CAP) || self.is(shape::HYPHEN_NAME))
    }
    fn is_suffix(&self) -> bool {
        self.has(flag::SUFFIX) && self.is(shape::CAP)
    }
}

/// The tokens of the headline and the body, with one shared lower-case buffer.
#[derive(Default)]
struct Doc {
    toks: Vec<Tok>,
    lower: String,
    sentences: u32,
}

impl Doc {
    fn clear(&mut self) {
        // One huge page must not pin its buffers for the rest of the thread's life.
        const KEEP: usize = 1 << 16;
        self.toks.clear();
        self.toks.shrink_to(KEEP);
        self.lower.clear();
        self.lower.shrink_to(KEEP * 8);
        self.sentences = 0;
    }

    fn key(&self, t: &Tok) -> &str {
        &self.lower[t.lo as usize..t.hi as usize]
    }

    /// Is token `i` the lower-case word `w`?
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.is_lower_word() && self.key(t) == w)
    }

    fn punct_at(&self, i: usize) -> Option<char> {
        self.toks.get(i).filter(|t| !t.is_word()).map(|t| t.punct)
    }

    fn tokenise(&mut self, text: &str, seg: u8) {
        let lex = &*LEXICON;
        let bytes = text.as_bytes();
        self.toks.reserve(text.len() / 5);
        self.lower.reserve(text.len());
        let mut i = 0;
        let mut sentence_start = true;
        self.sentences += 1;
        while i < bytes.len() {
            let c = next_char(text, i);
            if c == '\n' {
                let (next, blank) = skip_newlines(text, i);
                if blank {
                    self.push_punct(seg, i, '\n');
                    sentence_start = true;
                }
                i = next;
            } else if c.is_whitespace() {
                i += c.len_utf8();
            } else if c.is_alphanumeric() {
                i = self.push_word(text, seg, i, sentence_start, lex);
                sentence_start = false;
            } else {
                self.push_punct(seg, i, c);
                if matches!(c, '.' | '!' | '?' | ':' | '—' | '–' | '-' | ';') {
                    sentence_start = c != ';';
                    if sentence_start {
                        self.sentences += 1;
                    }
                }
                i += c.len_utf8();
            }
        }
        self.sentences += 1;
    }

    fn push_punct(&mut self, seg: u8, at: usize, c: char) {
        if c == '\n' {
            self.sentences += 1;
        }
        self.toks.push(Tok {
            seg,
            start: at as u32,
            end: (at + c.len_utf8()) as u32,
            punct: c,
            sentence: self.sentences,
            ..Tok::default()
        });
    }

    /// Scans one word starting at `start`; returns the byte index after it.
    fn push_word(
        &mut self,
        text: &str,
        seg: u8,
        start: usize,
        sentence_start: bool,
        lex: &Lexicon,
    ) -> usize {
        let scan = scan_word(text, start);
        let mut end = scan.end;
        let mut sh = shape::WORD;
        let first = next_char(text, start);
        // A single letter followed by a full stop is an initial; so is "J.K."
        let dot_follows = text.as_bytes().get(end) == Some(&b'.');
        if dot_follows && first.is_uppercase() && scan.last_segment == 1 && scan.letters > 0 {
            end += 1;
            sh |= shape::INITIAL;
        } else if dot_follows
            && ABBREVIATIONS
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&text[start..end]))
        {
            end += 1;
        } else if scan.dotted {
            sh |= shape::INITIAL;
        }
        let mut name_end = end;
        let mut next = end;
        if let Some(stem) = strip_possessive(&text[start..end]) {
            name_end = start + stem.len();
            sh |= shape::POSSESSIVE;
        } else if text[start..end].ends_with('s') && ends_with_bare_apostrophe(text, end) {
            // "Dickens' home": the apostrophe is consumed, the name keeps its s.
            next = end + next_char(text, end).len_utf8();
            sh |= shape::POSSESSIVE;
        }
        let word = &text[start..name_end];
        if scan.digits {
            sh |= shape::DIGITS;
        }
        if first.is_numeric() {
            sh |= shape::NUMBER;
        } else if first.is_uppercase() {
            sh |= shape::CAP;
            if scan.letters >= 2 && sh & shape::INITIAL == 0 && !scan.lower {
                sh |= shape::ALLCAPS;
            }
        } else if is_hyphen_name(word) {
            sh |= shape::HYPHEN_NAME;
        }
        if sentence_start {
            sh |= shape::SENT_START;
        }
        let lo = self.lower.len();
        push_lower(&mut self.lower, word.trim_end_matches('.'));
        let hi = self.lower.len();
        let flags = lex.get(&self.lower[lo..hi]);
        self.toks.push(Tok {
            seg,
            start: start as u32,
            end: name_end as u32,
            lo: lo as u32,
            hi: hi as u32,
            flags,
            shape: sh,
            punct: '\0',
            sentence: self.sentences,
        });
        next
    }
}

/// The character at byte `i`, without a UTF-8 decode for ASCII.
fn next_char(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b as char,
        Some(_) => text[i..].chars().next().unwrap_or('\0'),
        None => '\0',
    }
}

/// Skips a run of newlines and blanks; reports whether it held a blank line (a paragraph break).
fn skip_newlines(text: &str, mut i: usize) -> (usize, bool) {
    let mut newlines = 0;
    while let Some(c) = text[i..].chars().next() {
        match c {
            '\n' => newlines += 1,
            ' ' | '\t' | '\r' => {}
            _ => break,
        }
        i += c.len_utf8();
    }
    (i, newlines >= 2)
}

/// What one pass over a word learns about it.
struct WordScan {
    end: usize,
    /// Inner dots between single letters ("J.K", "U.S").
    dotted: bool,
    /// Characters after the last inner dot.
    last_segment: usize,
    letters: usize,
    lower: bool,
    digits: bool,
}

/// Scans the word at `start`: letters, digits and marks, joined by apostrophes, hyphens, and
/// dots between single letters.
fn scan_word(text: &str, start: usize) -> WordScan {
    let mut i = start;
    let mut seg_len = 0;
    let mut w = WordScan {
        end: start,
        dotted: false,
        last_segment: 0,
        letters: 0,
        lower: false,
        digits: false,
    };
    while i < text.len() {
        let c = next_char(text, i);
        if c.is_alphanumeric() || is_mark(c) {
            seg_len += 1;
            if c.is_alphabetic() {
                w.letters += 1;
                w.lower |= c.is_lowercase();
            } else if c.is_numeric() {
                w.digits = true;
            }
            i += c.len_utf8();
            continue;
        }
        let after = next_char(text, i + c.len_utf8());
        let joins = match c {
            '\'' | '’' => after.is_alphabetic(),
            '-' | '‐' => after.is_alphanumeric(),
            '.' => seg_len == 1 && after.is_alphabetic() && next_char(text, start).is_uppercase(),
            _ => false,
        };
        if !joins {
            break;
        }
        if c == '.' {
            w.dotted = true;
            seg_len = 0;
        }
        i += c.len_utf8();
    }
    w.end = i;
    w.last_segment = seg_len;
    w
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .filter(|s| !s.is_empty())
}

/// A word ending in "s" followed by an apostrophe that is not inside a word.
fn ends_with_bare_apostrophe(text: &str, end: usize) -> bool {
    let mut it = text[end..].chars();
    matches!(it.next(), Some('\'' | '’')) && !it.next().is_some_and(char::is_alphanumeric)
}

/// "al-Sisi", "el-Sisi", "ad-Din": a short lower-case article, a hyphen, a capital.
fn is_hyphen_name(word: &str) -> bool {
    let Some((head, tail)) = word.split_once('-') else {
        return false;
    };
    (1..=3).contains(&head.len())
        && head.bytes().all(|b| b.is_ascii_lowercase())
        && tail.chars().next().is_some_and(char::is_uppercase)
}

fn push_lower(out: &mut String, word: &str) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
}

// ---------------------------------------------------------------------------
// Mentions
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Two or more name tokens ("Elon Musk", "J.K. Rowling"), or a regnal name ("Pope Francis").
    Full,
    /// One name token ("Musk", "Mr Peskov").
    Lone,
    /// A word of a title-case headline: it may only point at someone named in the body.
    HeadWord,
}

#[derive(Clone, Debug)]
struct Mention {
    kind: Kind,
    /// Token index of the first name token: the order of mention.
    pos: usize,
    /// Token range of the name tokens.
    name: (usize, usize),
    /// Token range shown as the name (starts at the title for "Pope Francis").
    display: (usize, usize),
    /// Folded keys of the name tokens, particles included.
    keys: Vec<String>,
    /// Folded key of the main name word (the surname of a lone mention).
    core: String,
    score: i32,
    accepted: bool,
    /// A lone name with enough evidence to stand for a person on its own.
    strong: bool,
    /// A lone word that is a place, organisation, month or common word.
    negative: bool,
    titled: bool,
    sentence: u32,
}

/// Evidence gathered around one candidate.
#[derive(Default)]
struct Evidence {
    title: bool,
    regnal: bool,
    speech_after: bool,
    speech_before: bool,
    clause_start: bool,
    age: bool,
    apposition: bool,
    person_apposition: bool,
    org_cue: bool,
    /// "the Mona Lisa", "the James Webb Space Telescope": names of things take an article.
    determiner: bool,
    /// "in Santa Fe", "at Anfield": a place or venue, unless it owns something ("in Putin's Russia").
    locative: bool,
}

/// Lower-case words that may stand between a name and its speech verb ("Peskov later said").
#[rustfmt::skip]
const SPEECH_GAP: &[&str] = &[
    "also", "later", "has", "had", "have", "previously", "then", "once", "repeatedly",
    "earlier", "further", "separately", "reportedly", "recently", "again", "subsequently",
    "would", "will", "on",
];

/// Speech verbs that, before a name, make it the speaker ("said Maria Gonzalez").
/// "told X" is left out: X is the listener, often a broadcaster.
#[rustfmt::skip]
const SPEECH_BEFORE: &[&str] = &[
    "said", "says", "added", "adds", "wrote", "writes", "recalled", "explained",
    "continued", "insisted", "warned", "noted", "argued",
];

/// Words that open a clause: a name right after one can be the subject of "said".
#[rustfmt::skip]
const CLAUSE_OPENERS: &[&str] = &[
    "and", "but", "while", "as", "when", "after", "before", "because", "though",
    "although", "that", "so", "where", "if", "since", "until", "then", "whereas",
];

/// Verbs after which "it" reveals an organisation ("Ford said it would ...").
const ORG_SAY: &[&str] = &["said", "says", "added", "warned", "noted", "stressed"];

/// Pronouns after "X said" that reveal an organisation ("Ford said it would ...").
const ORG_PRONOUNS: &[&str] = &["it", "its", "they", "their"];

/// Prepositions of place before a capitalised run.
const LOCATIVES: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
];

/// Articles before a capitalised run: people rarely take one, things often do.
const DETERMINERS: &[&str] = &["the", "a", "an"];

/// Words after "X," that introduce a description of a person.
const APPOSITION_OPENERS: &[&str] = &["a", "an", "the", "who", "whose", "himself", "herself"];

fn collect_mentions(doc: &Doc, range: std::ops::Range<usize>, out: &mut Vec<Mention>) {
    let mut i = range.start;
    let end = range.end;
    let mut credit_sentence = None;
    while i < end {
        let t = &doc.toks[i];
        if credit_sentence.is_some_and(|s| s == t.sentence) {
            i += 1;
            continue;
        }
        if t.has(flag::CREDIT) && doc.word_is(i + 1, "by") {
            // "Reporting by ...; Editing by ...": staff credits, not people in the story.
            credit_sentence = Some(t.sentence);
            i += 1;
            continue;
        }
        if t.is_namey() || (t.is(shape::INITIAL) && t.is(shape::CAP)) {
            let run_end = run_end(doc, i, end);
            if let Some(m) = evaluate_run(doc, i, run_end) {
                out.push(m);
            }
            i = run_end;
        } else {
            i += 1;
        }
    }
}

/// End (exclusive) of the capitalised run starting at `start`.
fn run_end(doc: &Doc, start: usize, end: usize) -> usize {
    let mut i = start;
    while i < end {
        let t = &doc.toks[i];
        if t.is(shape::POSSESSIVE) {
            return i + 1;
        }
        let next = i + 1;
        if next >= end {
            return end;
        }
        let n = &doc.toks[next];
        if n.is_namey() || (n.is(shape::INITIAL) && n.is(shape::CAP)) {
            i = next;
            continue;
        }
        // Particles and '&' join only when a capitalised word follows them.
        let mut j = next;
        while j < end
            && ((doc.toks[j].is_lower_word() && doc.toks[j].has(flag::PARTICLE))
                || doc.punct_at(j) == Some('&'))
        {
            j += 1;
        }
        if j > next && j < end && doc.toks[j].is_namey() {
            i = j;
            continue;
        }
        return next;
    }
    end
}

/// Splits, strips and scores one capitalised run; `None` when it holds no name.
fn evaluate_run(doc: &Doc, a: usize, b: usize) -> Option<Mention> {
    let toks = &doc.toks;
    let mut ev = Evidence::default();

    // Everything up to the last title is a descriptor: "Russian President | Vladimir Putin".
    let mut s = a;
    let mut title_at = None;
    for k in a..b {
        let t = &toks[k];
        let is_title = t.has(flag::TITLE | flag::ROLE | flag::REGNAL)
            && (t.is(shape::CAP) || t.is(shape::ALLCAPS));
        if is_title && (k + 1..b).any(|j| toks[j].is_namey() && !toks[j].is_suffix()) {
            title_at = Some(k);
        }
    }
    if let Some(t) = title_at {
        s = t + 1;
        ev.title = true;
        ev.regnal = toks[t].has(flag::REGNAL);
    }
    let before_strip = s;
    while s < b && is_descriptor(&toks[s]) {
        s += 1;
    }
    s = skip_unknown_descriptor(toks, s, b);
    let stripped = s > before_strip;
    if s >= b {
        return None;
    }
    if !ev.title {
        ev.title = title_before(doc, a, stripped);
    }
    let name_count = (s..b)
        .filter(|&k| is_name_token(&toks[k]) && !toks[k].is_suffix())
        .count();
    if name_count == 0 || name_count > MAX_NAME_WORDS {
        // Five or more capitalised words in a row are a heading or a menu, not a name.
        return None;
    }
    gather_context(doc, a, s, b, &mut ev);

    let keys: Vec<String> = (s..b)
        .filter(|&k| toks[k].is_word())
        .map(|k| fold(doc.key(&toks[k])))
        .collect();
    let core = (s..b)
        .rev()
        .find(|&k| is_name_token(&toks[k]) && !toks[k].is_suffix())
        .map(|k| fold(doc.key(&toks[k])))
        .unwrap_or_default();
    let regnal = ev.regnal && name_count == 1;
    let display_start = if regnal { title_at.unwrap_or(s) } else { s };
    let kind = if name_count >= 2 || regnal {
        Kind::Full
    } else {
        Kind::Lone
    };
    let mut m = Mention {
        kind,
        pos: s,
        name: (s, b),
        display: (display_start, b),
        keys,
        core,
        score: 0,
        accepted: false,
        strong: false,
        negative: false,
        titled: ev.title,
        sentence: toks[s].sentence,
    };
    let listed_org = !(ev.title || ev.age) && names_an_org(doc, a, before_strip, b);
    if listed_org || vetoed(doc, s, b, &ev, stripped) {
        return None;
    }
    if kind == Kind::Full {
        m.score = score_full(doc, s, b, &ev);
        m.accepted = regnal || m.score >= 3;
    } else {
        judge_lone(doc, a, s, b, &ev, &mut m);
    }
    Some(m)
}

/// "Taoiseach Simon Harris", "Pfizer Albert Bourla": an unknown word before a known given name
/// and a surname is a descriptor the lists do not know.
fn skip_unknown_descriptor(toks: &[Tok], s: usize, b: usize) -> usize {
    let name_flags = flag::GIVEN | flag::WEAK_GIVEN | flag::SURNAME;
    let words = (s..b).filter(|&k| toks[k].is_word()).count();
    if words >= 3
        && is_name_token(&toks[s])
        && !toks[s].has(name_flags)
        && !toks[s].is(shape::INITIAL)
        && toks[s + 1].has(flag::GIVEN)
        && toks.get(s + 2).is_some_and(is_name_token)
    {
        return s + 1;
    }
    s
}

/// A capitalised word that describes rather than names: "Former", "Russian", "U.S.", "Tesla".
fn is_descriptor(t: &Tok) -> bool {
    let weak_name = t.has(flag::GIVEN | flag::WEAK_GIVEN);
    if t.is(shape::ALLCAPS) && !t.is_suffix() && !t.is(shape::INITIAL) {
        return true;
    }
    if t.is(shape::INITIAL) {
        // "U.S." is a place; "I. M. Pei" starts with an initial, not the pronoun.
        return t.has(flag::PLACE | flag::KNOWN_ORG);
    }
    t.has(flag::NEGATIVE) && !weak_name
}

fn is_name_token(t: &Tok) -> bool {
    // A capitalised particle is a name when it is also a given name ("Van Morrison").
    let particle = t.has(flag::PARTICLE) && !t.has(flag::GIVEN | flag::WEAK_GIVEN);
    t.is_word()
        && (t.is(shape::CAP) || t.is(shape::HYPHEN_NAME))
        && !particle
        && !t.is(shape::DIGITS)
}

/// A title or role just before the run: "chief executive Elon Musk", "the governor, Siminalayi
/// Fubara", "Secretary of State Antony Blinken".
fn title_before(doc: &Doc, a: usize, bridge_of: bool) -> bool {
    let toks = &doc.toks;
    let mut k = a;
    let mut steps = 0;
    let mut crossed_of = false;
    while k > 0 && steps < 5 {
        k -= 1;
        steps += 1;
        let t = &toks[k];
        if t.seg != toks[a].seg {
            return false;
        }
        if !t.is_word() {
            if t.punct == ',' && steps == 1 {
                continue;
            }
            return false;
        }
        if t.has(flag::TITLE | flag::ROLE) && !t.is(shape::POSSESSIVE) {
            // "the star of Breathless" is no title: only "Secretary of State" bridges an "of".
            return !crossed_of || t.is(shape::CAP);
        }
        if doc.word_is(k, "of") && bridge_of {
            // Only "Secretary of State Antony Blinken", not "Archbishop of Canterbury".
            crossed_of = true;
        } else if !(t.is(shape::CAP) && is_descriptor(t)) {
            return false;
        }
    }
    false
}

/// Speech verbs, appositions and clause position around the name part `s..b` of run `a..b`.
fn gather_context(doc: &Doc, a: usize, s: usize, b: usize, ev: &mut Evidence) {
    let toks = &doc.toks;
    let possessive = toks[b - 1].is(shape::POSSESSIVE);
    let seg = toks[s].seg;
    let same_seg = |i: usize| toks.get(i).filter(|t| t.seg == seg);

    // After: "Peskov said", "Peskov later told", "Nowak, 54,", "Tomasz Nowak, the engineer".
    if !possessive {
        let mut k = b;
        let mut gap = 0;
        while gap < 2
            && same_seg(k).is_some_and(|t| t.is_lower_word())
            && SPEECH_GAP.contains(&doc.key(&toks[k]))
        {
            k += 1;
            gap += 1;
        }
        if same_seg(k).is_some_and(|t| t.is_lower_word() && t.has(flag::SPEECH)) {
            ev.speech_after = true;
            let mut p = k + 1;
            if doc.word_is(p, "that") {
                p += 1;
            }
            if ORG_SAY.contains(&doc.key(&toks[k]))
                && same_seg(p).is_some_and(|t| t.is_lower_word())
                && ORG_PRONOUNS.contains(&doc.key(&toks[p]))
            {
                ev.org_cue = true;
            }
        }
        if doc.punct_at(b) == Some(',') {
            apposition(doc, b + 1, ev);
            if ev.apposition || ev.age {
                ev.speech_after |= speech_after_apposition(doc, b + 1);
            }
        }
    }

    // Before: "said Maria Gonzalez", "according to Sarah Lindqvist".
    let mut k = a;
    while k > 0
        && matches!(
            doc.punct_at(k - 1),
            Some('"' | '“' | '”' | ',' | '’' | '\'')
        )
    {
        k -= 1;
    }
    if k > 0 && toks[k - 1].seg == seg {
        let prev = &toks[k - 1];
        if prev.is_lower_word() && SPEECH_BEFORE.contains(&doc.key(prev)) {
            ev.speech_before = true;
        }
        if k > 1 && doc.word_is(k - 1, "to") && doc.word_is(k - 2, "according") {
            ev.speech_before = true;
        }
    }
    ev.clause_start = at_clause_start(doc, a);
    ev.determiner = !ev.title && a > 0 && DETERMINERS.iter().any(|d| doc.word_is(a - 1, d));
    ev.locative =
        !ev.title && !possessive && a > 0 && LOCATIVES.iter().any(|w| doc.word_is(a - 1, w));
}

/// What follows "Name,": an age, a description, or an organisation's "which".
fn apposition(doc: &Doc, k: usize, ev: &mut Evidence) {
    let toks = &doc.toks;
    let Some(t) = toks.get(k) else {
        return;
    };
    if t.is(shape::NUMBER) {
        let n: u32 = doc.key(t).parse().unwrap_or(0);
        let closes = matches!(doc.punct_at(k + 1), Some(',' | '.' | ')'));
        if (1..=120).contains(&n) && closes {
            ev.age = true;
        }
        return;
    }
    if t.is_lower_word() {
        let w = doc.key(t);
        if w == "which" {
            ev.org_cue = true;
        } else if w == "who" || w == "whose" || t.has(flag::ROLE | flag::TITLE) {
            ev.apposition = true;
            ev.person_apposition = true;
        } else if APPOSITION_OPENERS.contains(&w) {
            ev.apposition = true;
            ev.person_apposition = role_within(doc, k + 1, 4);
        }
    } else if t.is(shape::CAP) && t.is(shape::POSSESSIVE) {
        // "Shinzo Abe, Japan's longest-serving prime minister"
        ev.apposition = true;
        ev.person_apposition = role_within(doc, k + 1, 4);
    }
}

/// "Adar Poonawalla, chief executive of the Serum Institute, said": a say-verb after the
/// apposition's closing comma.
fn speech_after_apposition(doc: &Doc, k: usize) -> bool {
    let toks = &doc.toks;
    let seg = toks[k.min(toks.len() - 1)].seg;
    for j in k..(k + 16).min(toks.len()) {
        if toks[j].seg != seg {
            return false;
        }
        match doc.punct_at(j) {
            Some(',') => {
                return toks
                    .get(j + 1)
                    .is_some_and(|t| t.is_lower_word() && t.has(flag::SPEECH))
            }
            Some(_) => return false,
            None => {}
        }
    }
    false
}

/// A role word within `n` words from `k`, before any punctuation: "a former KGB officer".
fn role_within(doc: &Doc, k: usize, n: usize) -> bool {
    doc.toks
        .iter()
        .skip(k)
        .take(n)
        .take_while(|t| t.is_word() || t.punct == '-')
        .any(|t| t.has(flag::ROLE | flag::TITLE) && !t.is(shape::CAP))
}

/// Is the run at `a` the start of a clause, where it can be the subject of a verb?
fn at_clause_start(doc: &Doc, a: usize) -> bool {
    let toks = &doc.toks;
    if a == 0 || toks[a - 1].seg != toks[a].seg || toks[a].is(shape::SENT_START) {
        return true;
    }
    let prev = &toks[a - 1];
    if prev.is_word() {
        return prev.is_lower_word() && CLAUSE_OPENERS.contains(&doc.key(prev));
    }
    matches!(
        prev.punct,
        ',' | ';' | ':' | '"' | '“' | '”' | '‘' | '’' | '\'' | '(' | '—' | '–' | '-' | '\n'
    )
}

/// Hard evidence that the run names an organisation, place or thing.
fn vetoed(doc: &Doc, s: usize, b: usize, ev: &Evidence, stripped: bool) -> bool {
    let toks = &doc.toks;
    let first = &toks[s];
    let strong_first = first.has(flag::GIVEN) || first.is(shape::INITIAL);
    let last_word = (s..b).rev().find(|&k| toks[k].is_word()).unwrap_or(s);
    for (k, t) in toks.iter().enumerate().take(b).skip(s) {
        if !t.is_word() {
            if t.punct == '&' {
                return true;
            }
            continue;
        }
        if t.has(flag::ORG_WORD) {
            // "Jude Law", "Stuart Hall": a surname that is also an organisation word.
            let surname_ok = k == last_word && k > s && strong_first && !stripped;
            if !(surname_ok && t.has(flag::SURNAME)) {
                return true;
            }
        }
        if (t.is(shape::ALLCAPS) && !t.is_suffix() && !t.is(shape::INITIAL)) || t.is(shape::DIGITS)
        {
            return true;
        }
        if k > s && !ev.title {
            let namey = t.has(flag::SURNAME | flag::GIVEN | flag::WEAK_GIVEN);
            if t.has(flag::DEMONYM)
                || (t.has(flag::STOP) && !(namey && strong_first))
                || (t.has(flag::PLACE) && !strong_first)
                || (t.has(flag::MONTH_DAY) && !(t.has(flag::SURNAME) && strong_first))
            {
                return true;
            }
        }
    }
    let follower = toks.get(b).filter(|t| t.seg == first.seg && t.is_word());
    let possessive = toks[b - 1].is(shape::POSSESSIVE);
    if let Some(f) = follower {
        // "Charles de Gaulle airport", "the Gandhi family"; "St Peter's Square".
        if f.has(flag::ORG_WORD) && (possessive == f.is(shape::CAP)) {
            return true;
        }
    }
    if phrase_in(doc, s, b, &LEXICON.place_phrases) {
        return true;
    }
    let org = phrase_in(doc, s, b, &LEXICON.org_phrases)
        || (s + 1 == b && first.has(flag::ORG_IF_POSSESSIVE) && first.is(shape::POSSESSIVE));
    org && !(ev.title || ev.age)
}

/// The whole run, or the run after its title, is a listed organisation ("Goldman Sachs").
fn names_an_org(doc: &Doc, a: usize, after_title: usize, b: usize) -> bool {
    [a, after_title]
        .iter()
        .any(|&from| phrase_in(doc, from, b, &LEXICON.org_phrases))
}

/// Is the phrase of tokens `from..b` in `set`? Built only when its first word heads a phrase.
fn phrase_in(doc: &Doc, from: usize, b: usize, set: &HashSet<Box<str>, Fx>) -> bool {
    from + 1 < b
        && doc.toks[from].has(flag::PHRASE_HEAD)
        && set.contains(phrase_of(doc, from, b).as_str())
}

fn phrase_of(doc: &Doc, s: usize, b: usize) -> String {
    let mut out = String::new();
    for t in &doc.toks[s..b] {
        if !out.is_empty() {
            out.push(' ');
        }
        if t.is_word() {
            out.push_str(&fold(doc.key(t)));
        } else {
            out.push(t.punct);
        }
    }
    out
}

/// Score of a multi-token candidate; 3 or more is a person.
fn score_full(doc: &Doc, s: usize, b: usize, ev: &Evidence) -> i32 {
    let toks = &doc.toks;
    let first = &toks[s];
    let last = (s..b)
        .rev()
        .map(|k| &toks[k])
        .find(|t| t.is_word() && !t.is_suffix())
        .unwrap_or(first);
    let mut score = 0;
    let given_next = toks
        .get(s + 1)
        .is_some_and(|t| is_name_token(t) || t.is(shape::INITIAL));
    // A known given name, or initials before a name ("J.K. Rowling"), open a full name.
    if first.has(flag::GIVEN) || (first.is(shape::INITIAL) && given_next) {
        score += 3;
    } else if first.has(flag::WEAK_GIVEN) {
        score += 1;
        if last.has(flag::SURNAME) || hyphen_part_is_surname(doc, last) {
            score += 1;
        }
    }
    if last.has(flag::SURNAME) || hyphen_part_is_surname(doc, last) {
        score += 1;
    }
    if ev.title {
        score += 3;
    }
    if ev.speech_after || ev.speech_before {
        score += 2;
    }
    if ev.age {
        score += 3;
    } else if ev.apposition {
        score += 2;
    }
    let inner = (s + 1..b).any(|k| {
        let t = &toks[k];
        t.is(shape::INITIAL | shape::HYPHEN_NAME) || (t.has(flag::PARTICLE) && t.is_lower_word())
    });
    if inner {
        score += 1;
    }
    if !first.is(shape::SENT_START) {
        score += 1;
    }
    if ev.org_cue && !first.has(flag::GIVEN) {
        score -= 3;
    }
    if ev.determiner || ev.locative {
        score -= 3;
    }
    let context = ev.title || ev.speech_after || ev.speech_before || ev.apposition || ev.age;
    if first.has(flag::MONTH_DAY) && !context {
        // "May Day", "June Sales": a month opens a name only with context ("April Ryan said").
        score = score.min(2);
    }
    score
}

/// "Ayling-Ellis": a double-barrelled surname whose parts are known surnames.
fn hyphen_part_is_surname(doc: &Doc, t: &Tok) -> bool {
    let key = doc.key(t);
    key.contains('-') && key.split('-').any(|p| LEXICON.get(p) & flag::SURNAME != 0)
}

/// Decides whether a lone name is negative (never a person alone) and strong (a person alone).
fn judge_lone(doc: &Doc, a: usize, s: usize, b: usize, ev: &Evidence, m: &mut Mention) {
    let t = &doc.toks[s..b]
        .iter()
        .find(|t| is_name_token(t))
        .copied()
        .unwrap_or(doc.toks[s]);
    let soft = flag::STOP | flag::MONTH_DAY;
    let negative_flags = if ev.title {
        flag::NEGATIVE & !soft
    } else {
        flag::NEGATIVE
    };
    m.negative = t.has(negative_flags)
        || t.is(shape::ALLCAPS)
        || (t.has(flag::ORG_IF_POSSESSIVE) && t.is(shape::POSSESSIVE))
        || (!ev.title && (ev.determiner || ev.locative || owned_by_person(doc, a)));
    let spoke = ev.speech_before || (ev.speech_after && ev.clause_start);
    let described = ev.age || ev.person_apposition;
    m.strong = !m.negative && !ev.org_cue && (ev.title || spoke || described);
}

/// "Nolan's Oppenheimer", "Musk's Tesla": a word owned by a person is a work or a company.
fn owned_by_person(doc: &Doc, a: usize) -> bool {
    let Some(prev) = a.checked_sub(1).map(|k| &doc.toks[k]) else {
        return false;
    };
    let thing = flag::PLACE | flag::DEMONYM | flag::KNOWN_ORG | flag::ORG_WORD | flag::STOP;
    prev.seg == doc.toks[a].seg
        && prev.is(shape::POSSESSIVE)
        && prev.is(shape::CAP)
        && !prev.has(thing)
}

/// Words of a title-case headline ("Sunak Calls July Election"): each may point at a body name.
fn collect_headline_words(doc: &Doc, range: std::ops::Range<usize>, out: &mut Vec<Mention>) {
    for i in range {
        let t = &doc.toks[i];
        if !t.is_namey() || t.is(shape::ALLCAPS) {
            continue;
        }
        out.push(Mention {
            kind: Kind::HeadWord,
            pos: i,
            name: (i, i + 1),
            display: (i, i + 1),
            keys: vec![fold(doc.key(t))],
            core: fold(doc.key(t)),
            score: 0,
            accepted: false,
            strong: false,
            negative: t.has(flag::NEGATIVE) && !t.has(flag::GIVEN | flag::WEAK_GIVEN),
            titled: false,
            sentence: t.sentence,
        });
    }
}

/// Is the headline in title case, where capitals say nothing about names?
fn is_title_case(doc: &Doc, range: std::ops::Range<usize>) -> bool {
    let mut long = 0;
    let mut caps = 0;
    for t in &doc.toks[range] {
        if t.is_word() && !t.is(shape::NUMBER) && t.hi - t.lo >= 4 {
            long += 1;
            if t.is(shape::CAP) {
                caps += 1;
            }
        }
    }
    long >= 2 && caps * 4 >= long * 3
}

/// Second look at weak full-name candidates, with the whole article in view.
fn accept_by_context(doc: &Doc, mentions: &mut [Mention]) {
    accept_coordinated(doc, mentions);
    accept_family_names(mentions);
}

/// "Victoria Beckham ... David Beckham": a surname borne by an accepted name is a surname.
fn accept_family_names(mentions: &mut [Mention]) {
    let surnames: HashSet<String, Fx> = mentions
        .iter()
        .filter(|m| m.kind == Kind::Full && m.accepted && m.keys.len() >= 2)
        .map(|m| m.core.clone())
        .collect();
    for m in mentions.iter_mut() {
        if m.kind == Kind::Full && !m.accepted && m.score >= 1 && surnames.contains(&m.core) {
            m.accepted = true;
        }
    }
}

/// "Art Garfunkel and Paul Simon": a weak candidate listed next to an accepted one is a person.
fn accept_coordinated(doc: &Doc, mentions: &mut [Mention]) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if m.accepted || m.kind != Kind::Full || m.score < 1 {
            continue;
        }
        let linked = |j: usize| {
            let o = &mentions[j];
            o.accepted && o.kind == Kind::Full && o.sentence == m.sentence
        };
        let prev_ok =
            i > 0 && linked(i - 1) && only_list_glue(doc, mentions[i - 1].name.1, m.name.0);
        let next_ok = i + 1 < mentions.len()
            && linked(i + 1)
            && only_list_glue(doc, m.name.1, mentions[i + 1].name.0);
        if prev_ok || next_ok {
            mentions[i].accepted = true;
        }
    }
}

/// Only ",", "and" or "or" between two mentions.
fn only_list_glue(doc: &Doc, from: usize, to: usize) -> bool {
    from < to
        && (from..to)
            .all(|k| doc.punct_at(k) == Some(',') || doc.word_is(k, "and") || doc.word_is(k, "or"))
}

// ---------------------------------------------------------------------------
// Resolution
// ---------------------------------------------------------------------------

struct Person<'a> {
    /// Key sequences of the full names seen for this person.
    variants: Vec<&'a [String]>,
    /// Best display so far: (name tokens, text).
    canonical: (usize, String),
    /// Positions of its full-name mentions, sorted once full names are all in.
    full_positions: Vec<usize>,
    /// Position of its latest lone mention (lone mentions are attached in document order).
    last_lone: Option<usize>,
    first: usize,
}

impl<'a> Person<'a> {
    fn new(keys: &'a [String], canonical: (usize, String), pos: usize) -> Person<'a> {
        Person {
            variants: vec![keys],
            canonical,
            full_positions: vec![pos],
            last_lone: None,
            first: pos,
        }
    }

    fn mentioned_at(&mut self, pos: usize) {
        self.first = self.first.min(pos);
    }

    /// Latest mention before `pos`, if any.
    fn latest_before(&self, pos: usize) -> Option<usize> {
        let i = self.full_positions.partition_point(|&q| q < pos);
        let full = i.checked_sub(1).map(|i| self.full_positions[i]);
        full.max(self.last_lone.filter(|&q| q < pos))
    }

    fn owns_sequence(&self, keys: &[String]) -> bool {
        self.variants
            .iter()
            .any(|v| v.windows(keys.len()).any(|w| w == keys))
    }

    fn owns_word(&self, key: &str) -> bool {
        self.variants
            .iter()
            .flat_map(|v| v.iter())
            .any(|k| word_matches(k, key))
    }

    /// Takes the display of `range` as canonical if it is the longest name seen so far.
    fn offer_display(
        &mut self,
        tokens: usize,
        doc: &Doc,
        texts: &[&str; 2],
        range: (usize, usize),
    ) {
        let (n, cur) = &self.canonical;
        let len = (doc.toks[range.1 - 1].end - doc.toks[range.0].start) as usize;
        if tokens > *n || (tokens == *n && len > cur.len()) {
            self.canonical = (tokens, display_text(doc, texts, range));
        }
    }
}

/// People found so far, with an index from name word to the people bearing it, so that
/// resolving stays linear on pages that name thousands of people.
#[derive(Default)]
struct People<'a> {
    list: Vec<Person<'a>>,
    by_word: HashMap<&'a str, Vec<usize>, Fx>,
}

impl<'a> People<'a> {
    fn index(&mut self, person: usize, keys: &'a [String]) {
        for k in keys {
            let mut add = |word: &'a str| {
                let slot = self.by_word.entry(word).or_default();
                if slot.last() != Some(&person) {
                    slot.push(person);
                }
            };
            add(k);
            // "al-sharaa" is also found as "sharaa".
            if let Some((head, tail)) = k.split_once('-') {
                if head.len() <= 3 && !tail.is_empty() {
                    add(tail);
                }
            }
        }
    }

    fn add(&mut self, person: Person<'a>) -> usize {
        let i = self.list.len();
        let keys = person.variants[0];
        self.list.push(person);
        self.index(i, keys);
        i
    }

    fn add_variant(&mut self, i: usize, keys: &'a [String]) {
        self.list[i].variants.push(keys);
        self.index(i, keys);
    }

    fn candidates(&self, word: &str) -> &[usize] {
        self.by_word.get(word).map_or(&[], Vec::as_slice)
    }

    /// The person one of whose names contains `keys` in a row.
    fn owner_of_sequence(&self, keys: &[String]) -> Option<usize> {
        // Every owner bears every word: scan the rarest word's bearers ("Anna" is common).
        let rarest = keys
            .iter()
            .map(|k| self.candidates(k))
            .min_by_key(|c| c.len())?;
        rarest
            .iter()
            .copied()
            .find(|&i| self.list[i].owns_sequence(keys))
    }

    /// The person a lone word points at: the one named most recently before it, else the
    /// first one named.
    fn owner_of_word(&self, key: &str, pos: usize) -> Option<usize> {
        let mut best: Option<(usize, Option<usize>, usize)> = None;
        for &i in self.candidates(key) {
            let p = &self.list[i];
            if !p.owns_word(key) {
                continue;
            }
            let cand = (i, p.latest_before(pos), p.first);
            best = match best {
                None => Some(cand),
                Some(b) => Some(match (cand.1, b.1) {
                    (Some(x), Some(y)) if x > y => cand,
                    (Some(_), None) => cand,
                    (None, None) if cand.2 < b.2 => cand,
                    _ => b,
                }),
            };
        }
        best.map(|(i, _, _)| i)
    }
}

/// Does a full-name word answer to a lone word? "al-sharaa" answers to "sharaa" too.
fn word_matches(full: &str, lone: &str) -> bool {
    if full == lone {
        return !is_minor_key(full);
    }
    let head = full.len().wrapping_sub(lone.len() + 1);
    (1..=3).contains(&head) && full.ends_with(lone) && full.as_bytes()[head] == b'-'
}

/// Particles, initials and suffixes never identify a person alone.
fn is_minor_key(key: &str) -> bool {
    key.chars().count() <= 1
        || key.contains('.')
        || LEXICON.get(key) & (flag::PARTICLE | flag::SUFFIX) != 0
}

fn display_text(doc: &Doc, texts: &[&str; 2], range: (usize, usize)) -> String {
    let first = &doc.toks[range.0];
    let last = &doc.toks[range.1 - 1];
    let text = texts[first.seg as usize];
    let raw = &text[first.start as usize..last.end as usize];
    let mut out = String::with_capacity(raw.len());
    for w in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn resolve(doc: &Doc, texts: &[&str; 2], mentions: &[Mention], authors: &[String]) -> Vec<String> {
    let mut people = People::default();
    add_full_names(&mut people, doc, texts, mentions);
    attach_lone_words(&mut people, doc, texts, mentions);
    complete_lone_people(&mut people, doc, texts, mentions);
    finish(people.list, authors)
}

/// Accepted full names, longest first so shorter forms fold into the longer one; then the
/// unaccepted multi-word forms of a known person ("López Obrador", "Von der Leyen").
fn add_full_names<'a>(
    people: &mut People<'a>,
    doc: &Doc,
    texts: &[&str; 2],
    mentions: &'a [Mention],
) {
    let mut full: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.kind == Kind::Full && m.accepted)
        .collect();
    full.sort_by_key(|m| (std::cmp::Reverse(m.keys.len()), m.pos));
    for m in full {
        let tokens = m.keys.len();
        match people.owner_of_sequence(&m.keys) {
            Some(i) => {
                let p = &mut people.list[i];
                p.full_positions.push(m.pos);
                p.mentioned_at(m.pos);
                p.offer_display(tokens, doc, texts, m.display);
            }
            None => {
                let canonical = (tokens, display_text(doc, texts, m.display));
                people.add(Person::new(&m.keys, canonical, m.pos));
            }
        }
    }
    for m in mentions
        .iter()
        .filter(|m| m.kind == Kind::Full && !m.accepted)
    {
        if let Some(i) = people.owner_of_sequence(&m.keys) {
            people.list[i].full_positions.push(m.pos);
            people.list[i].mentioned_at(m.pos);
        }
    }
    for p in &mut people.list {
        p.full_positions.sort_unstable();
    }
}

/// Lone words, in document order: the person they point at, or a new person on strong evidence.
fn attach_lone_words<'a>(
    people: &mut People<'a>,
    doc: &Doc,
    texts: &[&str; 2],
    mentions: &'a [Mention],
) {
    for m in mentions.iter().filter(|m| m.kind != Kind::Full) {
        if m.negative && !m.titled {
            continue;
        }
        let owner = if m.keys.len() > 1 {
            people.owner_of_sequence(&m.keys)
        } else {
            None
        };
        match owner.or_else(|| people.owner_of_word(&m.core, m.pos)) {
            Some(i) => {
                let p = &mut people.list[i];
                p.last_lone = Some(m.pos);
                p.mentioned_at(m.pos);
            }
            None if m.kind == Kind::Lone && m.strong => {
                let canonical = (1, display_text(doc, texts, m.display));
                let i = people.add(Person::new(&m.keys, canonical, m.pos));
                people.list[i].last_lone = Some(m.pos);
            }
            None => {}
        }
    }
}

/// "Yayoi Kusama's work ... said Kusama had": a lone person's surname ends an unproven full
/// name, which becomes that person's canonical name.
fn complete_lone_people<'a>(
    people: &mut People<'a>,
    doc: &Doc,
    texts: &[&str; 2],
    mentions: &'a [Mention],
) {
    for m in mentions
        .iter()
        .filter(|m| m.kind == Kind::Full && !m.accepted)
    {
        let lone_owner = people.candidates(&m.core).iter().copied().find(|&i| {
            let p = &people.list[i];
            p.canonical.0 == 1 && p.variants.iter().any(|v| v.len() == 1 && v[0] == m.core)
        });
        if let Some(i) = lone_owner {
            people.add_variant(i, &m.keys);
            let p = &mut people.list[i];
            p.mentioned_at(m.pos);
            p.offer_display(m.keys.len(), doc, texts, m.display);
        }
    }
}

/// Canonical names in order of first mention, once each, without the authors.
fn finish(mut list: Vec<Person>, authors: &[String]) -> Vec<String> {
    list.sort_by_key(|p| p.first);
    let author_keys: Vec<String> = authors.iter().map(|a| phrase_key(a)).collect();
    let mut seen: HashSet<String, Fx> = HashSet::default();
    let mut out = Vec::with_capacity(list.len());
    for name in list.into_iter().map(|p| p.canonical.1) {
        if !is_author(&name, &author_keys) && seen.insert(phrase_key(&name)) {
            out.push(name);
        }
    }
    out
}

/// The byline is not a person in the story: "Tom Balmforth", or "Balmforth" alone.
fn is_author(name: &str, authors: &[String]) -> bool {
    let key = phrase_key(name);
    authors
        .iter()
        .any(|a| *a == key || (!key.contains(' ') && a.rsplit(' ').next() == Some(key.as_str())))
}

#[cfg(test)]
mod tests {
    use super::find_people;

    fn people(body: &str) -> Vec<String> {
        find_people("", body, &[])
    }

    #[test]
    fn titles_introduce_names() {
        assert_eq!(
            people("Russian President Vladimir Putin met Dr. Harsh Vardhan."),
            ["Vladimir Putin", "Harsh Vardhan"]
        );
        assert_eq!(people("Mr Peskov declined to comment."), ["Peskov"]);
    }

    #[test]
    fn lowercase_roles_introduce_names() {
        assert_eq!(
            people(
                "Kremlin spokesman Dmitry Peskov spoke, as did the governor, Siminalayi Fubara."
            ),
            ["Dmitry Peskov", "Siminalayi Fubara"]
        );
    }

    #[test]
    fn regnal_titles_stay_in_the_name() {
        assert_eq!(
            people("Pope Francis met King Charles III and Crown Prince Mohammed bin Salman."),
            ["Pope Francis", "King Charles III", "Mohammed bin Salman"]
        );
    }

    #[test]
    fn speech_verbs_keep_lone_surnames() {
        assert_eq!(
            people("Asked about it, Peskov said the talks were over."),
            ["Peskov"]
        );
        assert_eq!(people("\"No,\" said Lindqvist."), ["Lindqvist"]);
        assert!(people("Ocado said it expected sales to grow.").is_empty());
    }

    #[test]
    fn apposition_is_evidence() {
        assert_eq!(
            people("Nowak, 54, has built bridges for decades."),
            ["Nowak"]
        );
        assert_eq!(
            people("Tomasz Nowak, the engineer who designed the bridge, was calm."),
            ["Tomasz Nowak"]
        );
    }

    #[test]
    fn organisation_words_veto() {
        assert!(people("Ford Motor and Morgan Stanley rose; Johnson & Johnson fell.").is_empty());
        assert!(people("Flights at John F. Kennedy International Airport resumed.").is_empty());
        assert!(people("Delays hit Charles de Gaulle airport on Monday.").is_empty());
    }

    #[test]
    fn articles_and_place_prepositions_mark_things() {
        assert!(people("Crowds queued to see the Mona Lisa.").is_empty());
        assert!(people("They were found at their home in Santa Fe.").is_empty());
        assert_eq!(
            people("Workers in Elon Musk's factory met Tim Cook."),
            ["Elon Musk", "Tim Cook"]
        );
    }

    #[test]
    fn places_are_not_people() {
        assert!(people("Washington has imposed sanctions on Moscow.").is_empty());
        assert_eq!(
            people("A portrait of George Washington was loaned to a museum."),
            ["George Washington"]
        );
    }

    #[test]
    fn months_and_days_are_not_people() {
        assert!(people("Talks resume on Monday and end in May.").is_empty());
        assert_eq!(
            people("Prime Minister Theresa May said in May she would go. Mrs May left in July."),
            ["Theresa May"]
        );
    }

    #[test]
    fn sentence_initial_common_words_are_skipped() {
        assert!(people("However, analysts at Barclays said the rally was over.").is_empty());
        assert_eq!(
            people("Earlier, Angela Merkel spoke. The Chancellor left."),
            ["Angela Merkel"]
        );
    }

    #[test]
    fn particles_stay_inside_names() {
        assert_eq!(
            people("Ursula von der Leyen spoke. Von der Leyen said a deal was possible."),
            ["Ursula von der Leyen"]
        );
        assert_eq!(
            people("Egyptian President Abdel Fattah al-Sisi arrived. Sisi said little."),
            ["Abdel Fattah al-Sisi"]
        );
    }

    #[test]
    fn initials_are_part_of_names() {
        assert_eq!(people("J.K. Rowling wrote it."), ["J.K. Rowling"]);
        assert_eq!(
            people("Former chief minister B. S. Yediyurappa and George W. Bush met."),
            ["B. S. Yediyurappa", "George W. Bush"]
        );
    }

    #[test]
    fn hyphenated_names() {
        assert_eq!(
            people("French actor Jean-Paul Belmondo met Ngozi Okonjo-Iweala."),
            ["Jean-Paul Belmondo", "Ngozi Okonjo-Iweala"]
        );
    }

    #[test]
    fn possessives_are_stripped() {
        assert_eq!(
            people("Musk's offer stunned investors. Elon Musk’s reply came later."),
            ["Elon Musk"]
        );
        assert_eq!(
            people("Charles Dickens' home has reopened."),
            ["Charles Dickens"]
        );
    }

    #[test]
    fn surnames_merge_into_full_names() {
        assert_eq!(
            people(
                "Macron arrived first. Emmanuel Macron met Olaf Scholz. Scholz and Macron spoke."
            ),
            ["Emmanuel Macron", "Olaf Scholz"]
        );
    }

    #[test]
    fn headline_surnames_resolve_to_body_names() {
        let got = find_people(
            "Musk's invitation to chat with Putin",
            "Tesla boss Elon Musk invited Russian President Vladimir Putin to talk.",
            &[],
        );
        assert_eq!(got, ["Elon Musk", "Vladimir Putin"]);
        let got = find_people(
            "Sunak Calls July Election",
            "Prime Minister Rishi Sunak spoke.",
            &[],
        );
        assert_eq!(got, ["Rishi Sunak"]);
    }

    #[test]
    fn authors_are_excluded() {
        let authors = vec!["Jane Smith".to_string()];
        let got = find_people(
            "",
            "Jane Smith reports. President Joe Biden spoke.",
            &authors,
        );
        assert_eq!(got, ["Joe Biden"]);
        let got =
            people("Janet Yellen spoke.\n\nReporting by Andrea Shalal; Editing by Leslie Adler");
        assert_eq!(got, ["Janet Yellen"]);
    }

    #[test]
    fn datelines_are_not_people() {
        assert_eq!(
            people("MOSCOW : Kremlin spokesman Dmitry Peskov spoke."),
            ["Dmitry Peskov"]
        );
        assert!(people("LONDON (Reuters) - Inflation fell in March.").is_empty());
        assert!(people("NEW DELHI, March 3 (PTI) — Prices rose.").is_empty());
    }

    #[test]
    fn diacritics_are_kept() {
        assert_eq!(
            people("Liverpool manager Jürgen Klopp praised Kylian Mbappé and Zoë Kravitz."),
            ["Jürgen Klopp", "Kylian Mbappé", "Zoë Kravitz"]
        );
    }

    #[test]
    fn ambiguous_given_names_need_a_surname() {
        assert_eq!(
            people("Will Smith met Bill Gates."),
            ["Will Smith", "Bill Gates"]
        );
        assert!(people("Will the Finance Bill pass? May Day rallies went ahead.").is_empty());
    }
}
