//! The learned tagger: an averaged perceptron that marks each capitalised token as part of
//! a person's name or not, decoded greedily left to right.
//!
//! Features are hashed into one table of quantised weights (`data/people/tagger.bin`):
//! the word and its neighbours, shape, affixes, the lexicon's flags on the token and its
//! neighbours, the position in the line, how list-like the line is, and the previous
//! decision. Only capitalised tokens, initials, `al-` names and lower-case particles are
//! scored; every other token is outside a name, which keeps the tagger cheap. Training
//! (`examples/train_people.rs`) goes through the same tokeniser and the same features.

use super::lexicon::*;
use super::tokens::*;
use std::sync::LazyLock;

/// Magic bytes and format version of the weight file.
const MAGIC: &[u8; 4] = b"MPT1";

/// Bits of the hashed feature table (2^18 weights of two bytes).
pub const TABLE_BITS: u32 = 18;

/// The weights, read once from the shipped file.
pub(super) static MODEL: LazyLock<Model> = LazyLock::new(|| {
    Model::from_bytes(include_bytes!("../../../data/people/tagger.bin")).unwrap_or_default()
});

/// A table of hashed feature weights; an empty table scores every token zero.
#[derive(Default)]
pub(super) struct Model {
    weights: Vec<i16>,
    mask: u64,
}

impl Model {
    /// Reads `MAGIC`, the table's bit count (u32 LE) and the weights (i16 LE).
    pub(super) fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let bits = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
        let body = &rest[4..];
        let n = 1usize.checked_shl(bits)?;
        if body.len() != n * 2 {
            return None;
        }
        let weights = body
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(Model {
            weights,
            mask: n as u64 - 1,
        })
    }

    pub(super) fn score(&self, feats: &[u64]) -> i32 {
        if self.weights.is_empty() {
            return 0;
        }
        feats
            .iter()
            .map(|&f| i32::from(self.weights[(f & self.mask) as usize]))
            .sum()
    }
}

/// Serialises a weight table in the format `Model::from_bytes` reads.
pub(super) fn to_bytes(bits: u32, weights: &[i16]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + weights.len() * 2);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&bits.to_le_bytes());
    for w in weights {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

/// Token shape classes seen by the features.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Shape {
    Punct = 0,
    Number,
    Lower,
    Cap,
    AllCaps,
    Initial,
    HyphenName,
    Digits,
    Break,
    Edge,
}

/// What the features need of each token, computed once per article.
#[derive(Clone, Copy, Default)]
pub(super) struct TokInfo {
    word: u64,
    shape: u8,
    /// Position among the words of its line: 0, 1, 2, 3 or more.
    line_pos: u8,
    /// How list-like its line is: share of lower-case words and of numbers, bucketed.
    line_kind: u8,
    candidate: bool,
}

#[inline]
fn mix(a: u64, b: u64) -> u64 {
    let h = (a ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0x2545_f491_4f6c_dd1d);
    h ^ (h >> 29)
}

fn shape_of(t: &Tok) -> Shape {
    if !t.is_word() {
        return if t.punct == '\n' {
            Shape::Break
        } else {
            Shape::Punct
        };
    }
    if t.is(shape::NUMBER) {
        Shape::Number
    } else if t.is(shape::DIGITS) {
        Shape::Digits
    } else if t.is(shape::INITIAL) && t.is(shape::CAP) {
        Shape::Initial
    } else if t.is(shape::ALLCAPS) {
        Shape::AllCaps
    } else if t.is(shape::CAP) {
        Shape::Cap
    } else if t.is(shape::HYPHEN_NAME) {
        Shape::HyphenName
    } else {
        Shape::Lower
    }
}

/// Tokens the tagger scores; all others are outside any name.
pub(super) fn is_candidate(t: &Tok) -> bool {
    t.is_word()
        && !t.is(shape::NUMBER)
        && (t.is(shape::CAP)
            || t.is(shape::HYPHEN_NAME)
            || (t.is_lower_word() && t.has(flag::PARTICLE)))
}

/// Per-token information for the whole document.
///
/// Only candidates are scored, and their features read the words of the tokens at most two
/// away: the word hash is computed for those tokens only (most of an article is lower-case
/// words far from any capital). Every other token's `word` stays 0 and is never read.
pub(super) fn token_info(doc: &Doc, out: &mut Vec<TokInfo>) {
    out.clear();
    out.reserve(doc.toks.len());
    for t in &doc.toks {
        out.push(TokInfo {
            shape: shape_of(t) as u8,
            candidate: is_candidate(t),
            ..TokInfo::default()
        });
    }
    let mut folded = String::new();
    let mut hashed_to = 0;
    for i in 0..doc.toks.len() {
        if !out[i].candidate {
            continue;
        }
        let from = i.saturating_sub(2).max(hashed_to);
        let to = (i + 3).min(doc.toks.len());
        for (o, t) in out[from..to].iter_mut().zip(&doc.toks[from..to]) {
            o.word = word_hash(doc, t, &mut folded);
        }
        hashed_to = hashed_to.max(to);
    }
    // Lines: runs between paragraph breaks within one segment.
    let mut i = 0;
    while i < doc.toks.len() {
        let seg = doc.toks[i].seg;
        let mut j = i;
        while j < doc.toks.len() && doc.toks[j].seg == seg && doc.toks[j].punct != '\n' {
            j += 1;
        }
        let (mut words, mut lower, mut numbers) = (0u32, 0u32, 0u32);
        for t in &doc.toks[i..j] {
            if t.is_word() {
                words += 1;
                if t.is(shape::NUMBER) {
                    numbers += 1;
                } else if t.is_lower_word() {
                    lower += 1;
                }
            }
        }
        let bucket = |n: u32| -> u8 {
            match (n * 10).checked_div(words).unwrap_or(0) {
                0 => 0,
                1..=2 => 1,
                3..=5 => 2,
                _ => 3,
            }
        };
        let short = u8::from(words <= 12);
        let kind = bucket(lower) | bucket(numbers) << 2 | short << 4 | (seg & 1) << 5;
        let mut pos = 0u8;
        for (o, t) in out[i..j].iter_mut().zip(&doc.toks[i..j]) {
            o.line_kind = kind;
            if t.is_word() {
                o.line_pos = pos;
                pos = (pos + 1).min(3);
            }
        }
        i = j.max(i + 1);
    }
}

/// The hash of a token's word (folded) or punctuation character, as the features see it.
fn word_hash(doc: &Doc, t: &Tok, folded: &mut String) -> u64 {
    if t.is_word() {
        let key = doc.key(t);
        if key.is_ascii() {
            crate::fnv::hash(key.as_bytes())
        } else {
            folded.clear();
            folded.push_str(&fold(key));
            crate::fnv::hash(folded.as_bytes())
        }
    } else {
        let mut b = [0u8; 4];
        crate::fnv::hash(t.punct.encode_utf8(&mut b).as_bytes())
    }
}

const EDGE: TokInfo = TokInfo {
    word: 0x5eed,
    shape: Shape::Edge as u8,
    line_pos: 0,
    line_kind: 0,
    candidate: false,
};

/// Flags that carry evidence as features, each with a small id.
const FEATURE_FLAGS: [u32; 15] = [
    flag::GIVEN,
    flag::WEAK_GIVEN,
    flag::SURNAME,
    flag::TITLE,
    flag::REGNAL,
    flag::ROLE,
    flag::ORG_WORD,
    flag::KNOWN_ORG,
    flag::PLACE,
    flag::DEMONYM,
    flag::MONTH_DAY,
    flag::STOP,
    flag::SPEECH,
    flag::PARTICLE,
    flag::SUFFIX,
];

/// Any of `FEATURE_FLAGS`.
const ANY_FEATURE_FLAG: u32 = {
    let mut all = 0;
    let mut i = 0;
    while i < FEATURE_FLAGS.len() {
        all |= FEATURE_FLAGS[i];
        i += 1;
    }
    all
};

/// Affix hashes of a token's lower-case key: prefix of 3, suffixes of 2 and 3 characters.
fn affixes(key: &str) -> [u64; 3] {
    let b = key.as_bytes();
    if key.is_ascii() {
        // No character walk for the common case; the same spans as below.
        let n = b.len();
        return [
            crate::fnv::hash(&b[..n.min(3)]),
            crate::fnv::hash(&b[n.saturating_sub(2)..]),
            crate::fnv::hash(&b[n.saturating_sub(3)..]),
        ];
    }
    let chars: Vec<(usize, char)> = key.char_indices().collect();
    let n = chars.len();
    let from = |k: usize| chars.get(n.saturating_sub(k)).map_or(0, |c| c.0);
    let to = chars.get(3).map_or(key.len(), |c| c.0);
    [
        crate::fnv::hash(&key.as_bytes()[..to]),
        crate::fnv::hash(&key.as_bytes()[from(2)..]),
        crate::fnv::hash(&key.as_bytes()[from(3)..]),
    ]
}

/// The hashed features of token `i`, given the decisions on the two tokens before it.
pub(super) fn features(doc: &Doc, info: &[TokInfo], i: usize, prev: [bool; 2], out: &mut Vec<u64>) {
    out.clear();
    let seg = doc.toks[i].seg;
    let at = |k: isize| -> TokInfo {
        let j = i as isize + k;
        if j < 0 || j as usize >= info.len() || doc.toks[j as usize].seg != seg {
            EDGE
        } else {
            info[j as usize]
        }
    };
    let flags_at = |k: isize| -> u32 {
        let j = i as isize + k;
        if j < 0 || j as usize >= info.len() || doc.toks[j as usize].seg != seg {
            0
        } else {
            doc.toks[j as usize].flags
        }
    };
    let (m2, m1, c, p1, p2) = (at(-2), at(-1), at(0), at(1), at(2));
    let t = &doc.toks[i];
    let tag = u64::from(prev[0]) | u64::from(prev[1]) << 1;
    let sh = |x: TokInfo| u64::from(x.shape);
    let mut f = |id: u64, v: u64| out.push(mix(id, v));
    f(1, 0);
    f(2, c.word);
    f(3, m1.word);
    f(4, p1.word);
    f(5, m2.word);
    f(6, p2.word);
    f(7, mix(m1.word, c.word));
    f(8, mix(c.word, p1.word));
    f(9, sh(c));
    f(10, sh(m1) << 8 | sh(c));
    f(11, sh(c) << 8 | sh(p1));
    f(12, sh(m1) << 16 | sh(c) << 8 | sh(p1));
    f(13, sh(m2) << 8 | sh(m1) << 4 | sh(c));
    f(14, sh(c) << 8 | sh(p1) << 4 | sh(p2));
    f(15, tag);
    f(16, tag << 8 | sh(c));
    f(17, tag << 16 | sh(c) << 8 | sh(p1));
    f(18, mix(tag, c.word));
    f(19, u64::from(c.line_pos) << 8 | u64::from(c.line_kind));
    f(
        20,
        u64::from(c.line_pos) << 16 | u64::from(c.line_kind) << 8 | sh(c),
    );
    f(
        21,
        u64::from(t.shape & (shape::SENT_START | shape::POSSESSIVE)) << 8 | sh(c),
    );
    f(22, mix(m1.word, sh(c)));
    f(23, mix(p1.word, sh(c)));
    let key = doc.key(t);
    let [pre3, suf2, suf3] = affixes(key);
    f(24, pre3);
    f(25, suf2);
    f(26, suf3);
    let len = key.chars().count().min(12) as u64;
    f(27, len << 8 | sh(c));
    // Five positions, each flag of each as one feature; most tokens carry none.
    let around = [
        (t.flags, 40, sh(c)),
        (flags_at(-1), 80, sh(m1)),
        (flags_at(1), 100, sh(p1)),
        (flags_at(-2), 120, 0),
        (flags_at(2), 140, 0),
    ];
    for (k, &(flags, base, v)) in around.iter().enumerate() {
        if flags & ANY_FEATURE_FLAG == 0 {
            continue;
        }
        for (n, &fl) in FEATURE_FLAGS.iter().enumerate() {
            if flags & fl != 0 {
                f(base + n as u64, v);
                if k == 0 {
                    f(60 + n as u64, tag);
                }
            }
        }
    }
    f(28, u64::from(m1.candidate) << 1 | u64::from(p1.candidate));
}

/// Tags the document: `out[i]` is the tagger's margin for token `i` (positive: in a name).
pub(super) fn tag(doc: &Doc, model: &Model, info: &mut Vec<TokInfo>, out: &mut Vec<i32>) {
    token_info(doc, info);
    out.clear();
    out.resize(doc.toks.len(), i32::MIN);
    let mut feats = Vec::with_capacity(256);
    let mut prev = [false; 2];
    for i in 0..doc.toks.len() {
        let t = &doc.toks[i];
        if i > 0 && doc.toks[i - 1].seg != t.seg {
            prev = [false; 2];
        }
        if !info[i].candidate {
            prev = [false, prev[0]];
            continue;
        }
        features(doc, info, i, prev, &mut feats);
        let s = model.score(&feats);
        out[i] = s;
        prev = [s > 0, prev[0]];
    }
}

/// One training document: the headline and body text with the byte spans of person names.
pub struct TrainingDoc {
    /// The first line of the story.
    pub headline: String,
    /// The rest, one sentence or list line per paragraph.
    pub body: String,
    /// Byte spans of person names in the headline.
    pub headline_people: Vec<(usize, usize)>,
    /// Byte spans of person names in the body.
    pub body_people: Vec<(usize, usize)>,
}

/// Tokens of a training document with their gold labels (candidates only).
fn labelled(doc: &mut Doc, d: &TrainingDoc) -> Vec<bool> {
    doc.clear();
    doc.tokenise(&d.headline, 0);
    doc.tokenise(&d.body, 1);
    doc.toks
        .iter()
        .map(|t| {
            let spans = if t.seg == 0 {
                &d.headline_people
            } else {
                &d.body_people
            };
            let s = t.start as usize;
            spans.iter().any(|&(a, b)| s >= a && s < b)
        })
        .collect()
}

/// Trains the tagger with an averaged perceptron over `docs` (in the given order, documents
/// shuffled per epoch by a fixed-seed generator) and returns the weight file's bytes.
/// Integer arithmetic throughout: the same input gives the same bytes on every machine.
pub fn train(docs: &[TrainingDoc], epochs: usize) -> Vec<u8> {
    let n = 1usize << TABLE_BITS;
    let mask = n as u64 - 1;
    let mut w = vec![0i64; n];
    let mut u = vec![0i64; n];
    let mut clock: i64 = 1;
    let mut doc = Doc::default();
    let mut info = Vec::new();
    let mut feats = Vec::new();
    let prepared: Vec<(Vec<bool>, usize)> = docs
        .iter()
        .enumerate()
        .map(|(k, d)| (labelled(&mut doc, d), k))
        .collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut rng: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(k, (rng % (k as u64 + 1)) as usize);
        }
        for &k in &order {
            let (gold, _) = &prepared[k];
            doc.clear();
            doc.tokenise(&docs[k].headline, 0);
            doc.tokenise(&docs[k].body, 1);
            token_info(&doc, &mut info);
            let mut prev = [false; 2];
            for i in 0..doc.toks.len() {
                if i > 0 && doc.toks[i - 1].seg != doc.toks[i].seg {
                    prev = [false; 2];
                }
                if !info[i].candidate {
                    prev = [false, prev[0]];
                    continue;
                }
                features(&doc, &info, i, prev, &mut feats);
                let s: i64 = feats.iter().map(|&f| w[(f & mask) as usize]).sum();
                let guess = s > 0;
                let truth = gold[i];
                if guess != truth {
                    let d = if truth { 1 } else { -1 };
                    for &f in &feats {
                        let j = (f & mask) as usize;
                        w[j] += d;
                        u[j] += d * clock;
                    }
                }
                clock += 1;
                // Trained on its own decisions, as it runs: the previous tags are guesses.
                prev = [guess, prev[0]];
            }
        }
    }
    // Averaged weights w - u / clock, scaled into i16.
    let avg: Vec<f64> = w
        .iter()
        .zip(&u)
        .map(|(&w, &u)| w as f64 - u as f64 / clock as f64)
        .collect();
    let max = avg.iter().fold(0f64, |m, &x| m.max(x.abs())).max(1e-9);
    let scale = 32767.0 / max;
    let q: Vec<i16> = avg.iter().map(|&x| (x * scale).round() as i16).collect();
    to_bytes(TABLE_BITS, &q)
}
