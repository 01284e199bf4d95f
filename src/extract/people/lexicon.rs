//! Word lists: every data file under `data/people/` merged once into one map from
//! folded word to flags, plus the multi-word organisation and place phrases.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Lexicon flags: one word may carry several ("May" is a month, a surname and a weak given name).
pub(super) mod flag {
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
    pub const SPEECH_GAP: u32 = 1 << 18;
    pub const SPEECH_BEFORE: u32 = 1 << 19;
    pub const CLAUSE_OPENER: u32 = 1 << 20;
    pub const ORG_SAY: u32 = 1 << 21;
    pub const ORG_PRONOUN: u32 = 1 << 22;
    pub const LOCATIVE: u32 = 1 << 23;
    pub const DETERMINER: u32 = 1 << 24;
    pub const APPOSITION_OPENER: u32 = 1 << 25;
    pub const ABBREVIATION: u32 = 1 << 26;
    /// Words that make a given name ambiguous: it is then only a weak given name.
    pub const NOT_A_NAME: u32 =
        STOP | PLACE | MONTH_DAY | TITLE | ROLE | REGNAL | DEMONYM | ORG_WORD | KNOWN_ORG;
    /// A lone capitalised word with one of these is never a person by itself.
    pub const NEGATIVE: u32 =
        STOP | PLACE | DEMONYM | MONTH_DAY | KNOWN_ORG | ORG_WORD | TITLE | ROLE | REGNAL;
}

/// FxHash: the lexicon is hit for every word, and SipHash's DoS resistance buys nothing here.
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

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

pub(super) type Fx = BuildHasherDefault<FxHasher>;

/// Every word list, merged into one map from lower-case word to flags, plus multi-word phrases.
pub(super) struct Lexicon {
    pub(super) words: HashMap<Box<str>, u32, Fx>,
    pub(super) org_phrases: HashSet<Box<str>, Fx>,
    pub(super) place_phrases: HashSet<Box<str>, Fx>,
}

pub(super) static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::load);

use crate::extract::lexicon::entries;

/// Lower-case lookup key: trailing full stop dropped ("Dr." and "Dr" are one title).
pub(super) fn lexicon_key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

impl Lexicon {
    pub(super) fn load() -> Lexicon {
        use flag::*;
        let mut lex = Lexicon {
            words: HashMap::default(),
            org_phrases: HashSet::default(),
            place_phrases: HashSet::default(),
        };
        let lists: [(&'static str, u32); 24] = [
            (include_str!("../../../data/people/given_names.txt"), GIVEN),
            (
                include_str!("../../../data/people/ambiguous_given_names.txt"),
                WEAK_GIVEN,
            ),
            (include_str!("../../../data/people/surnames.txt"), SURNAME),
            (include_str!("../../../data/people/titles.txt"), TITLE),
            (
                include_str!("../../../data/people/regnal_titles.txt"),
                REGNAL,
            ),
            (include_str!("../../../data/people/roles.txt"), ROLE),
            (include_str!("../../../data/people/org_words.txt"), ORG_WORD),
            (include_str!("../../../data/people/demonyms.txt"), DEMONYM),
            (
                include_str!("../../../data/people/months_days.txt"),
                MONTH_DAY,
            ),
            (include_str!("../../../data/people/stopwords.txt"), STOP),
            (
                include_str!("../../../data/people/speech_verbs.txt"),
                SPEECH,
            ),
            (include_str!("../../../data/people/particles.txt"), PARTICLE),
            (
                include_str!("../../../data/people/name_suffixes.txt"),
                SUFFIX,
            ),
            (include_str!("../../../data/people/credit_cues.txt"), CREDIT),
            (include_str!("../../../data/people/places.txt"), PLACE),
            (
                include_str!("../../../data/people/cues/speech_gap.txt"),
                SPEECH_GAP,
            ),
            (
                include_str!("../../../data/people/cues/speech_before.txt"),
                SPEECH_BEFORE,
            ),
            (
                include_str!("../../../data/people/cues/clause_openers.txt"),
                CLAUSE_OPENER,
            ),
            (
                include_str!("../../../data/people/cues/org_say.txt"),
                ORG_SAY,
            ),
            (
                include_str!("../../../data/people/cues/org_pronouns.txt"),
                ORG_PRONOUN,
            ),
            (
                include_str!("../../../data/people/cues/locatives.txt"),
                LOCATIVE,
            ),
            (
                include_str!("../../../data/people/cues/determiners.txt"),
                DETERMINER,
            ),
            (
                include_str!("../../../data/people/cues/apposition_openers.txt"),
                APPOSITION_OPENER,
            ),
            (
                include_str!("../../../data/people/cues/abbreviations.txt"),
                ABBREVIATION,
            ),
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
        let orgs_and_things = entries(include_str!("../../../data/people/known_orgs.txt"))
            .chain(entries(include_str!("../../../data/people/things.txt")));
        for entry in orgs_and_things {
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

    pub(super) fn add_phrase_head(&mut self, phrase: &str) {
        if let Some(head) = phrase.split_whitespace().next() {
            self.add(head, flag::PHRASE_HEAD);
        }
    }

    pub(super) fn add(&mut self, word: &str, f: u32) {
        *self.words.entry(lexicon_key(word).into()).or_insert(0) |= f;
    }

    pub(super) fn get(&self, key: &str) -> u32 {
        self.words.get(key).copied().unwrap_or(0)
    }
}

/// Phrase key for multi-word lists: folded, lower case, single spaces.
pub(super) fn phrase_key(text: &str) -> String {
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
pub(super) fn fold(text: &str) -> String {
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

pub(super) fn fold_char(c: char) -> Option<&'static str> {
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
