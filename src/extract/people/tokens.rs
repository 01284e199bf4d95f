//! Tokeniser: one pass over the headline and body into word and punctuation tokens
//! with shape bits, lexicon flags and a shared lower-case buffer.

use super::lexicon::*;

/// Token shape bits, computed while tokenising.
pub(super) mod shape {
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
    /// "NASA's": a possessive whose stem is all capitals. Kept apart from `ALLCAPS`, which
    /// the tagger was trained without it on, so its features stay as they were.
    pub const CAPS_STEM: u16 = 1 << 9;
}

/// Longest name, in words, particles and suffixes aside ("Andrés Manuel López Obrador").
pub(super) const MAX_NAME_WORDS: usize = 4;

#[derive(Clone, Copy, Default)]
pub(super) struct Tok {
    pub(super) seg: u8,
    /// Byte span in the segment text; a possessive "'s" is outside it, an initial's dot inside.
    pub(super) start: u32,
    pub(super) end: u32,
    /// Lower-case key in `Doc::lower`.
    pub(super) lo: u32,
    pub(super) hi: u32,
    pub(super) flags: u32,
    pub(super) shape: u16,
    /// The character of a punctuation token, '\n' for a paragraph break, '\0' for a word.
    pub(super) punct: char,
    pub(super) sentence: u32,
}

impl Tok {
    pub(super) fn is(&self, s: u16) -> bool {
        self.shape & s != 0
    }
    pub(super) fn has(&self, f: u32) -> bool {
        self.flags & f != 0
    }
    pub(super) fn is_word(&self) -> bool {
        self.is(shape::WORD)
    }
    pub(super) fn is_lower_word(&self) -> bool {
        self.is_word() && !self.is(shape::CAP) && !self.is(shape::NUMBER)
    }
    /// Capitalised word that can be part of a name.
    pub(super) fn is_namey(&self) -> bool {
        self.is_word() && (self.is(shape::CAP) || self.is(shape::HYPHEN_NAME))
    }
    pub(super) fn is_suffix(&self) -> bool {
        self.has(flag::SUFFIX) && self.is(shape::CAP)
    }
}

/// The tokens of the headline and the body, with one shared lower-case buffer.
#[derive(Default)]
pub(super) struct Doc {
    pub(super) toks: Vec<Tok>,
    pub(super) lower: String,
    pub(super) sentences: u32,
}

impl Doc {
    pub(super) fn clear(&mut self) {
        // One huge page must not pin its buffers for the rest of the thread's life.
        const KEEP: usize = 1 << 16;
        self.toks.clear();
        self.toks.shrink_to(KEEP);
        self.lower.clear();
        self.lower.shrink_to(KEEP * 8);
        self.sentences = 0;
    }

    pub(super) fn key(&self, t: &Tok) -> &str {
        &self.lower[t.lo as usize..t.hi as usize]
    }

    /// Is token `i` the lower-case word `w`?
    pub(super) fn word_is(&self, i: usize, w: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.is_lower_word() && self.key(t) == w)
    }

    /// Is token `i` a lower-case word with flag `f`?
    pub(super) fn lower_word_has(&self, i: usize, f: u32) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.is_lower_word() && t.has(f))
    }

    pub(super) fn punct_at(&self, i: usize) -> Option<char> {
        self.toks.get(i).filter(|t| !t.is_word()).map(|t| t.punct)
    }

    pub(super) fn tokenise(&mut self, text: &str, seg: u8) {
        let lex = &*LEXICON;
        let bytes = text.as_bytes();
        self.toks.reserve(text.len() / 5);
        self.lower.reserve(text.len());
        let mut i = 0;
        let mut sentence_start = true;
        self.sentences += 1;
        while i < bytes.len() {
            if bytes[i] == b' ' {
                // Most characters between words are one space.
                i += 1;
                continue;
            }
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

    pub(super) fn push_punct(&mut self, seg: u8, at: usize, c: char) {
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
    pub(super) fn push_word(
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
        } else if dot_follows && end - start <= 5 && is_abbreviation(&text[start..end], lex) {
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
            } else if sh & shape::POSSESSIVE != 0
                && sh & shape::INITIAL == 0
                && name_end - start >= 2
                && !text[start..name_end].chars().any(char::is_lowercase)
            {
                sh |= shape::CAPS_STEM;
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
pub(super) fn next_char(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => b as char,
        Some(_) => text[i..].chars().next().unwrap_or('\0'),
        None => '\0',
    }
}

/// Skips a run of newlines and blanks; reports whether it held a blank line (a paragraph break).
pub(super) fn skip_newlines(text: &str, mut i: usize) -> (usize, bool) {
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
pub(super) struct WordScan {
    pub(super) end: usize,
    /// Inner dots between single letters ("J.K", "U.S").
    pub(super) dotted: bool,
    /// Characters after the last inner dot.
    pub(super) last_segment: usize,
    pub(super) letters: usize,
    pub(super) lower: bool,
    pub(super) digits: bool,
}

/// Scans the word at `start`: letters, digits and marks, joined by apostrophes, hyphens, and
/// dots between single letters.
pub(super) fn scan_word(text: &str, start: usize) -> WordScan {
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
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // ASCII letters and digits by byte: the same answers as the char tests below.
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            seg_len += 1;
            if b.is_ascii_alphabetic() {
                w.letters += 1;
                w.lower |= b.is_ascii_lowercase();
            } else {
                w.digits = true;
            }
            i += 1;
            continue;
        }
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

pub(super) fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

pub(super) fn strip_possessive(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .filter(|s| !s.is_empty())
}

/// A word ending in "s" followed by an apostrophe that is not inside a word.
pub(super) fn ends_with_bare_apostrophe(text: &str, end: usize) -> bool {
    let mut it = text[end..].chars();
    matches!(it.next(), Some('\'' | '’')) && !it.next().is_some_and(char::is_alphanumeric)
}

/// Is `word` (at most 5 bytes) a listed abbreviation ("Gen", "Sept")? Lower-cased on the
/// stack: this runs at every word before a full stop.
fn is_abbreviation(word: &str, lex: &Lexicon) -> bool {
    let mut buf = [0u8; 5];
    let Some(dst) = buf.get_mut(..word.len()) else {
        return false;
    };
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_lowercase();
    std::str::from_utf8(dst).is_ok_and(|key| lex.get(key) & flag::ABBREVIATION != 0)
}

/// "al-Sisi", "el-Sisi", "ad-Din": a short lower-case article, a hyphen, a capital.
pub(super) fn is_hyphen_name(word: &str) -> bool {
    // The first hyphen, if it can end a head of 1 to 3 bytes, is within the first 4 bytes:
    // no search through the rest of every lower-case word.
    let Some(at) = word.bytes().take(4).position(|b| b == b'-') else {
        return false;
    };
    let (head, tail) = (&word[..at], &word[at + 1..]);
    (1..=3).contains(&head.len())
        && head.bytes().all(|b| b.is_ascii_lowercase())
        && tail.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn push_lower(out: &mut String, word: &str) {
    if word.is_ascii() {
        // One copy and an in-place pass, not a char-by-char push.
        let from = out.len();
        out.push_str(word);
        out[from..].make_ascii_lowercase();
    } else {
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
}
