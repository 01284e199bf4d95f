//! Names written family name first: "Xi Jinping", "Moon Jae-in", "Suga Yoshihide".
//!
//! Their first word is no known given name, so a sentence-initial "Park Geun-hye sent ..."
//! had no evidence. The evidence here is a family name from `data/people/family_first.txt`
//! followed by a given name spelt as that language's romanisation spells syllables: pinyin
//! or Wade-Giles for Chinese, Hepburn for Japanese, hyphenated or separate syllables for
//! Korean. English words rarely segment that way ("Park Lane", "Moon Landing" do not).

use super::lexicon::flag;
use super::tokens::*;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The romanisation a family name's given names take.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Romanisation {
    Chinese,
    Japanese,
    Korean,
}

static FAMILY_NAMES: LazyLock<HashMap<String, Romanisation>> = LazyLock::new(|| {
    let mut out = HashMap::new();
    let mut section = None;
    for line in include_str!("../../../data/people/family_first.txt")
        .lines()
        .map(str::trim)
    {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        section = match line {
            "[zh]" => Some(Romanisation::Chinese),
            "[ja]" => Some(Romanisation::Japanese),
            "[ko]" => Some(Romanisation::Korean),
            _ => {
                if let Some(r) = section {
                    out.insert(line.to_lowercase(), r);
                }
                section
            }
        };
    }
    out
});

/// One pinyin (or Wade-Giles) syllable or more.
static CHINESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "^(?:(?:zh|ch|sh|hs|ts|[bpmfdtnlgkhjqxrzcsyw])?\
         (?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|er|a|o|e|i|u|v))+$",
    )
    .expect("valid regex")
});

/// Hepburn syllables: a consonant (or a palatal pair) and a vowel, or a syllabic n.
static JAPANESE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("^(?:(?:ky|gy|sh|ch|ny|hy|my|ry|by|py|ts|[kgsztdnhbpmyrwfj])?[aeiou]|n)+$")
        .expect("valid regex")
});

/// One Korean syllable (Revised Romanisation and the older spellings papers use).
static KOREAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        "^(?:kk|tt|pp|ss|jj|ch|[gkndtrlmbpsjhy])?\
         (?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|a|e|i|o|u)(?:ng|[kntlmp])?$",
    )
    .expect("valid regex")
});

/// Does the run `s..b` read as a family name and a given name in its romanisation?
pub(super) fn is_family_first(doc: &Doc, s: usize, b: usize) -> bool {
    let toks = &doc.toks;
    let Some(&script) = FAMILY_NAMES.get(doc.key(&toks[s])) else {
        return false;
    };
    let rest: Vec<usize> = (s + 1..b).filter(|&k| toks[k].is_word()).collect();
    // A given name carries no list's mark against it ("Park Avenue", "Lee County").
    let plain = rest.iter().all(|&k| {
        let t = &toks[k];
        t.is(shape::CAP) && !t.has(flag::NEGATIVE | flag::ORG_WORD | flag::SURNAME)
    });
    if !plain || b - s != rest.len() + 1 {
        return false;
    }
    let words: Vec<&str> = rest.iter().map(|&k| doc.key(&toks[k])).collect();
    // A letter or two is an initial ("Tanaka E"), not a given name ("Wang Yi" has context).
    if words.iter().any(|w| w.len() < 3) && script != Romanisation::Korean {
        return false;
    }
    match (script, words.as_slice()) {
        (Romanisation::Chinese, [w]) => w.split('-').all(|p| CHINESE.is_match(p)),
        (Romanisation::Japanese, [w]) => JAPANESE.is_match(w),
        (Romanisation::Korean, [w]) => {
            let parts: Vec<&str> = w.split('-').collect();
            parts.len() == 2 && parts.iter().all(|p| KOREAN.is_match(p))
        }
        (Romanisation::Korean, [a, b]) => KOREAN.is_match(a) && KOREAN.is_match(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanisations_accept_given_names_and_refuse_english_words() {
        for w in ["jinping", "qiang", "ching", "te", "jintao"] {
            assert!(CHINESE.is_match(w), "{w}");
        }
        for w in ["yoshihide", "shigeru", "fumio", "shinzo", "sanae"] {
            assert!(JAPANESE.is_match(w), "{w}");
        }
        for w in ["jae", "in", "geun", "hye", "myung", "suk", "yeol"] {
            assert!(KOREAN.is_match(w), "{w}");
        }
        for w in ["landing", "street"] {
            assert!(!JAPANESE.is_match(w), "{w}");
        }
        for w in ["lane", "avenue", "contest"] {
            assert!(!KOREAN.is_match(w), "{w}");
        }
    }
}
