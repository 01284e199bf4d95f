//! Syndicated copies: the same story run by several sites with small edits.
//!
//! Each body gets a MinHash signature over its word shingles (`SHINGLE_WORDS`
//! consecutive words, lower-cased). Two signatures agree in a share of their
//! slots that estimates the Jaccard similarity of the two shingle sets, so a
//! copy is judged from 480 bytes instead of the two texts. To find the
//! candidates without comparing all pairs, the signature is cut into bands of
//! `ROWS` slots; each band hashes to one key that the index stores, and two
//! bodies that share any band key are candidates (locality-sensitive hashing).
//! [`assign`] gives a new article the group of its best verified candidate at
//! index time; [`collapse`] folds the hits of one group into one at search time.
//!
//! Every hash here is fixed (no random seeds): keys written by one run must be
//! found by the next.

pub mod assign;
pub mod collapse;

/// Words per shingle: long enough that unrelated articles share almost none
/// ("one of the" is common, "one of the largest" much less), short enough that
/// one edited word spoils only a few.
pub const SHINGLE_WORDS: usize = 4;
/// MinHash slots per signature.
pub const NUM_HASHES: usize = BANDS * ROWS;
/// LSH bands; a pair becomes a candidate when all the slots of one band agree.
pub const BANDS: usize = 40;
/// Slots per band. With 40 bands of 3, a pair of Jaccard similarity 0.3 is a
/// candidate with probability 0.67, one of 0.5 with 0.99, one of 0.05 with 0.005.
pub const ROWS: usize = 3;
/// Bodies with fewer distinct shingles (about 25 words) are never grouped: a short
/// page (a caption, a paywall notice) is contained in too many others.
pub const MIN_SHINGLES: u32 = 20;

/// The similarity test of two bodies, in one place.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Estimated Jaccard similarity at which two bodies are copies outright.
    pub jaccard: f64,
    /// Below `jaccard`, two bodies are still copies when the shorter is mostly
    /// contained in the longer (a copy with its last paragraphs cut) ...
    pub containment: f64,
    /// ... provided their Jaccard similarity is at least this (a short brief is
    /// not a copy of the long story that quotes it).
    pub jaccard_floor: f64,
}

/// The thresholds morgue uses (see BENCHMARKS.md for how they were measured).
pub const THRESHOLDS: Thresholds = Thresholds {
    jaccard: 0.5,
    containment: 0.7,
    jaccard_floor: 0.25,
};

/// A MinHash signature of one body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Distinct shingles in the body.
    pub shingles: u32,
    /// The minimum of each hash function over the shingles.
    pub mins: [u32; NUM_HASHES],
}

/// The bytes of a stored signature: the shingle count, then the slots (little-endian).
const SIGNATURE_BYTES: usize = 4 + 4 * NUM_HASHES;

/// splitmix64's finaliser: a fixed, well-mixing 64-bit hash step.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Multipliers (odd) and offsets of the hash family, from a fixed splitmix64 sequence.
const HASHES: [(u64, u64); NUM_HASHES] = {
    let mut out = [(0u64, 0u64); NUM_HASHES];
    let mut state: u64 = 0x6d6f_7267_7565_2121; // "morgue!!"
    let mut i = 0;
    while i < NUM_HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let a = mix(state) | 1;
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        out[i] = (a, mix(state));
        i += 1;
    }
    out
};

/// FNV-1a over a word's lower-cased characters, then mixed.
fn word_hash(word: &str) -> u64 {
    let mut h = crate::fnv::OFFSET;
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        h = crate::fnv::update(h, c.encode_utf8(&mut buf).as_bytes());
    }
    mix(h)
}

/// The distinct shingle hashes of a text, sorted.
pub fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    let mut out: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|w| w.iter().fold(0u64, |h, &x| mix(h.rotate_left(17) ^ x)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Signature {
    /// The signature of a body; `None` when it is too short to be grouped.
    pub fn of(text: &str) -> Option<Signature> {
        let set = shingles(text);
        if (set.len() as u64) < u64::from(MIN_SHINGLES) {
            return None;
        }
        let mut mins = [u32::MAX; NUM_HASHES];
        for &x in &set {
            for (m, &(a, b)) in mins.iter_mut().zip(HASHES.iter()) {
                // Multiply-shift: the high half of a*x+b is a good hash of an already mixed x.
                let v = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        }
        Some(Signature {
            shingles: u32::try_from(set.len()).unwrap_or(u32::MAX),
            mins,
        })
    }

    /// The LSH keys of the signature, one per band; the band number is mixed in, so
    /// equal slots in different bands do not collide.
    pub fn bands(&self) -> [u64; BANDS] {
        let mut keys = [0u64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let rows = &self.mins[band * ROWS..(band + 1) * ROWS];
            *key = rows.iter().fold(mix(band as u64 + 1), |h, &v| {
                mix(h ^ u64::from(v).wrapping_mul(0x9e37_79b9_7f4a_7c15))
            });
        }
        keys
    }

    /// Estimated Jaccard similarity of the two shingle sets: the share of agreeing slots.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let same = self
            .mins
            .iter()
            .zip(other.mins.iter())
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / NUM_HASHES as f64
    }

    /// Estimated share of the smaller set's shingles that the larger one has too, from the
    /// Jaccard estimate and the two set sizes (|A∩B| = J (|A| + |B|) / (1 + J)).
    pub fn containment(&self, other: &Signature, jaccard: f64) -> f64 {
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        let smaller = a.min(b);
        if smaller == 0.0 {
            return 0.0;
        }
        (jaccard * (a + b) / (1.0 + jaccard) / smaller).min(1.0)
    }

    /// How alike two bodies are, when they are copies by `t`; `None` when they are not.
    pub fn copy_score(&self, other: &Signature, t: &Thresholds) -> Option<f64> {
        let j = self.jaccard(other);
        if j >= t.jaccard {
            return Some(j);
        }
        (j >= t.jaccard_floor && self.containment(other, j) >= t.containment).then_some(j)
    }

    /// The stored form of the signature.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SIGNATURE_BYTES);
        out.extend_from_slice(&self.shingles.to_le_bytes());
        for m in &self.mins {
            out.extend_from_slice(&m.to_le_bytes());
        }
        out
    }

    /// Reads a stored signature; `None` when the bytes are not one.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != SIGNATURE_BYTES {
            return None;
        }
        let word = |i: usize| u32::from_le_bytes(bytes[i * 4..i * 4 + 4].try_into().unwrap());
        let mut mins = [0u32; NUM_HASHES];
        for (i, m) in mins.iter_mut().enumerate() {
            *m = word(i + 1);
        }
        Some(Signature {
            shingles: word(0),
            mins,
        })
    }
}

/// The group an article founds when it is a copy of nothing: a hash of its id, so an
/// article re-indexed alone gets back the group it had.
pub fn own_group(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const STORY: &str = "The national weather service said on Thursday that the storm would reach \
        the northern coast by the weekend, bringing winds of up to 120 kilometres an hour and \
        heavy rain to towns that are still repairing the damage of the floods in March. \
        Ferries between the islands were cancelled for Friday and Saturday, and the port \
        authority asked fishing boats to stay in harbour until the warning is lifted. \
        Schools in three districts will close early, the regional education office said, \
        and the army has moved sandbags and pumps to the river towns that flooded last spring. \
        Forecasters expect the storm to weaken as it moves inland on Sunday evening.";

    #[test]
    fn identical_text_is_a_copy_with_full_agreement() {
        let a = Signature::of(STORY).unwrap();
        let b = Signature::of(&STORY.to_uppercase()).unwrap();
        assert_eq!(a, b, "case does not matter");
        assert_eq!(a.jaccard(&b), 1.0);
        assert_eq!(a.bands(), b.bands());
    }

    #[test]
    fn a_new_intro_and_a_dropped_ending_still_make_a_copy() {
        let sentences: Vec<&str> = STORY.split(". ").collect();
        let copy = format!(
            "Residents of the coast were told to prepare for the worst. {}",
            sentences[1..sentences.len() - 1].join(". ")
        );
        let (a, b) = (Signature::of(STORY).unwrap(), Signature::of(&copy).unwrap());
        assert!(
            a.copy_score(&b, &THRESHOLDS).is_some(),
            "J = {}",
            a.jaccard(&b)
        );
    }

    #[test]
    fn a_different_story_on_the_same_subject_is_not_a_copy() {
        let other = "A day after the storm reached the northern coast, crews began clearing \
            fallen trees from the main road, and the power company said most homes would have \
            electricity again by Tuesday. The mayor of the largest river town thanked the army \
            for the sandbags and said the new flood wall had held. Ferries between the islands \
            will run again on Monday, the port authority said, once divers have checked the \
            piers. The regional government promised money for repairs to the sea front.";
        let (a, b) = (Signature::of(STORY).unwrap(), Signature::of(other).unwrap());
        assert!(
            a.copy_score(&b, &THRESHOLDS).is_none(),
            "J = {}",
            a.jaccard(&b)
        );
    }

    #[test]
    fn short_bodies_get_no_signature() {
        assert!(Signature::of("Subscribe to read the full story.").is_none());
    }

    #[test]
    fn stored_form_round_trips_and_bad_bytes_are_refused() {
        let a = Signature::of(STORY).unwrap();
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a.clone()));
        assert_eq!(Signature::from_bytes(&a.to_bytes()[1..]), None);
        assert_eq!(Signature::from_bytes(&[]), None);
    }

    #[test]
    fn the_hash_family_is_fixed() {
        // Keys are stored in indexes: changing them needs a schema version bump.
        assert_eq!(own_group("abc"), own_group("abc"));
        let a = Signature::of(STORY).unwrap();
        assert_eq!(a.shingles, 107);
        assert_eq!(
            a.mins[0], 58_722_466,
            "hash family changed: bump SCHEMA_VERSION"
        );
    }

    proptest! {
        #[test]
        fn estimate_is_near_the_true_jaccard(
            words in prop::collection::vec("[a-z]{2,8}", 80..300),
            cut in 0.0f64..0.6,
        ) {
            let full = words.join(" ");
            let kept = words.len() - ((words.len() as f64) * cut) as usize;
            let part = words[..kept].join(" ");
            let (sa, sb) = (shingles(&full), shingles(&part));
            prop_assume!(sb.len() >= MIN_SHINGLES as usize);
            let inter = sb.iter().filter(|x| sa.binary_search(x).is_ok()).count() as f64;
            let truth = inter / ((sa.len() + sb.len()) as f64 - inter);
            let (a, b) = (Signature::of(&full).unwrap(), Signature::of(&part).unwrap());
            let est = a.jaccard(&b);
            // 120 slots: the standard error is at most 0.046; allow five of them.
            prop_assert!((est - truth).abs() < 0.23, "estimate {est} vs {truth}");
            // A prefix is contained in the whole.
            prop_assert!(a.containment(&b, truth) > 0.99);
        }

        #[test]
        fn any_text_is_handled_and_similarity_is_symmetric(a in ".{0,400}", b in ".{0,400}") {
            if let (Some(x), Some(y)) = (Signature::of(&a), Signature::of(&b)) {
                prop_assert_eq!(x.jaccard(&y), y.jaccard(&x));
                let j = x.jaccard(&y);
                prop_assert!((0.0..=1.0).contains(&x.containment(&y, j)));
                prop_assert_eq!(Signature::from_bytes(&x.to_bytes()), Some(x));
            }
        }
    }
}
