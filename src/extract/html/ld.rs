//! The JSON-LD `articleBody`, matched against the page's blocks by word trigrams.

use super::flatten::Page;
use super::weights::WEIGHTS as W;
use std::collections::HashSet;

/// The JSON-LD body as word-trigram hashes, for matching page blocks against it.
pub(super) struct LdBody {
    shingles: HashSet<u64>,
    pub(super) words: usize,
    pub(super) text: String,
}

const SHINGLE: usize = 3;

/// Hashes of the lowercased `\w+` tokens of a text.
fn token_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut h: u64 = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            if !in_word {
                in_word = true;
                h = crate::fnv::OFFSET;
            }
            for l in c.to_lowercase() {
                h = crate::fnv::step(h, u64::from(l));
            }
        } else if in_word {
            out.push(h);
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
    out
}

fn shingle_hashes(tokens: &[u64]) -> impl Iterator<Item = u64> + '_ {
    tokens.windows(SHINGLE).map(|w| {
        w.iter()
            .fold(0u64, |acc, &t| acc.rotate_left(23).wrapping_mul(31) ^ t)
    })
}

impl LdBody {
    pub(super) fn new(raw: &str) -> LdBody {
        let text = clean_ld_text(raw);
        let tokens = token_hashes(&text);
        LdBody {
            shingles: shingle_hashes(&tokens).collect(),
            words: tokens.len(),
            text,
        }
    }

    /// At least half of the block's word trigrams are in the JSON-LD body.
    fn confirms(&self, block_text: &str) -> bool {
        let tokens = token_hashes(block_text);
        if tokens.len() < SHINGLE + 1 {
            return false;
        }
        let total = tokens.len() + 1 - SHINGLE;
        let hits = shingle_hashes(&tokens)
            .filter(|h| self.shingles.contains(h))
            .count();
        hits * W.ld_shingle_share >= total
    }
}

/// JSON-LD text as paragraphs: tags dropped (some sites put HTML in articleBody), a few
/// entities decoded, whitespace collapsed, line breaks kept as paragraph breaks.
fn clean_ld_text(raw: &str) -> String {
    let mut plain = String::with_capacity(raw.len());
    let mut in_tag = false;
    let mut tag = String::new();
    for c in raw.chars() {
        if in_tag {
            if c == '>' {
                in_tag = false;
                let t = tag.trim_start_matches('/').to_ascii_lowercase();
                if t.starts_with('p') || t.starts_with("br") || t.starts_with("div") {
                    plain.push('\n');
                }
                tag.clear();
            } else if tag.len() < 8 {
                tag.push(c);
            }
        } else if c == '<' {
            in_tag = true;
        } else {
            plain.push(c);
        }
    }
    let plain = plain
        .replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let paragraphs: Vec<String> = plain
        .split('\n')
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

impl Page {
    pub(super) fn mark_ld(&mut self, ld: &LdBody) {
        for i in 0..self.blocks.len() {
            let hit = ld.confirms(self.block_text(&self.blocks[i]));
            self.blocks[i].ld = hit;
        }
    }
}
