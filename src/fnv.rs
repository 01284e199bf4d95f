//! FNV-1a, written once: the small stable hash behind the extractor's word maps, the
//! JSON-LD shingles, the copy signatures and the people tagger's features. Stable across
//! runs and builds, which the tagger's trained weights and stored copy signatures rely on.

use std::hash::Hasher;

/// The FNV-1a starting state.
pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// One FNV-1a step: folds `x` (a byte, or a whole character's code point) into `h`.
#[inline]
pub fn step(h: u64, x: u64) -> u64 {
    (h ^ x).wrapping_mul(PRIME)
}

/// Folds `bytes` into the state `h`.
#[inline]
pub fn update(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, &b| step(h, u64::from(b)))
}

/// The FNV-1a hash of `bytes`.
#[inline]
pub fn hash(bytes: &[u8]) -> u64 {
    update(OFFSET, bytes)
}

/// A `Hasher` for maps keyed by short words and tag names, where SipHash costs more than
/// the rest of the lookup.
#[derive(Default)]
pub struct FnvHasher(u64);

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let h = if self.0 == 0 { OFFSET } else { self.0 };
        self.0 = update(h, bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_published_fnv1a_vectors() {
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash(b"foobar"), 0x8594_4171_f739_67e8);
        let mut h = FnvHasher::default();
        h.write(b"foo");
        h.write(b"bar");
        assert_eq!(h.finish(), hash(b"foobar"));
    }
}
