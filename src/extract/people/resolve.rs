//! Canonical merging: full names, longest first, then surnames and titled forms
//! attached to the person who owns them; one canonical name per person.

use super::candidates::*;
use super::lexicon::*;
use super::tokens::*;
use std::collections::{HashMap, HashSet};

pub(super) struct Person<'a> {
    /// Key sequences of the full names seen for this person.
    pub(super) variants: Vec<&'a [String]>,
    /// Best display so far: (name tokens, text).
    pub(super) canonical: (usize, String),
    /// Positions of its full-name mentions, sorted once full names are all in.
    pub(super) full_positions: Vec<usize>,
    /// Position of its latest lone mention (lone mentions are attached in document order).
    pub(super) last_lone: Option<usize>,
    pub(super) first: usize,
}

impl<'a> Person<'a> {
    pub(super) fn new(keys: &'a [String], canonical: (usize, String), pos: usize) -> Person<'a> {
        Person {
            variants: vec![keys],
            canonical,
            full_positions: vec![pos],
            last_lone: None,
            first: pos,
        }
    }

    pub(super) fn mentioned_at(&mut self, pos: usize) {
        self.first = self.first.min(pos);
    }

    /// Latest mention before `pos`, if any.
    pub(super) fn latest_before(&self, pos: usize) -> Option<usize> {
        let i = self.full_positions.partition_point(|&q| q < pos);
        let full = i.checked_sub(1).map(|i| self.full_positions[i]);
        full.max(self.last_lone.filter(|&q| q < pos))
    }

    pub(super) fn owns_sequence(&self, keys: &[String]) -> bool {
        self.variants
            .iter()
            .any(|v| v.windows(keys.len()).any(|w| w == keys))
    }

    pub(super) fn owns_word(&self, key: &str) -> bool {
        self.variants
            .iter()
            .flat_map(|v| v.iter())
            .any(|k| word_matches(k, key))
    }

    /// Takes the display of `range` as canonical if it is the longest name seen so far.
    pub(super) fn offer_display(
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
pub(super) struct People<'a> {
    pub(super) list: Vec<Person<'a>>,
    pub(super) by_word: HashMap<&'a str, Vec<usize>, Fx>,
}

impl<'a> People<'a> {
    pub(super) fn index(&mut self, person: usize, keys: &'a [String]) {
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

    pub(super) fn add(&mut self, person: Person<'a>) -> usize {
        let i = self.list.len();
        let keys = person.variants[0];
        self.list.push(person);
        self.index(i, keys);
        i
    }

    pub(super) fn add_variant(&mut self, i: usize, keys: &'a [String]) {
        self.list[i].variants.push(keys);
        self.index(i, keys);
    }

    pub(super) fn candidates(&self, word: &str) -> &[usize] {
        self.by_word.get(word).map_or(&[], Vec::as_slice)
    }

    /// The person one of whose names contains `keys` in a row.
    pub(super) fn owner_of_sequence(&self, keys: &[String]) -> Option<usize> {
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
    pub(super) fn owner_of_word(&self, key: &str, pos: usize) -> Option<usize> {
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
pub(super) fn word_matches(full: &str, lone: &str) -> bool {
    if full == lone {
        return !is_minor_key(full);
    }
    let head = full.len().wrapping_sub(lone.len() + 1);
    (1..=3).contains(&head) && full.ends_with(lone) && full.as_bytes()[head] == b'-'
}

/// Particles, initials and suffixes never identify a person alone.
pub(super) fn is_minor_key(key: &str) -> bool {
    key.chars().count() <= 1
        || key.contains('.')
        || LEXICON.get(key) & (flag::PARTICLE | flag::SUFFIX) != 0
}

pub(super) fn display_text(doc: &Doc, texts: &[&str; 2], range: (usize, usize)) -> String {
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

pub(super) fn resolve(
    doc: &Doc,
    texts: &[&str; 2],
    mentions: &[Mention],
    authors: &[String],
) -> Vec<String> {
    let mut people = People::default();
    add_full_names(&mut people, doc, texts, mentions);
    attach_lone_words(&mut people, doc, texts, mentions);
    complete_lone_people(&mut people, doc, texts, mentions);
    finish(people.list, authors)
}

/// Accepted full names, longest first so shorter forms fold into the longer one; then the
/// unaccepted multi-word forms of a known person ("López Obrador", "Von der Leyen").
pub(super) fn add_full_names<'a>(
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
pub(super) fn attach_lone_words<'a>(
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
pub(super) fn complete_lone_people<'a>(
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
pub(super) fn finish(mut list: Vec<Person>, authors: &[String]) -> Vec<String> {
    merge_initials(&mut list);
    list.sort_by_key(|p| p.first);
    let author_keys: Vec<String> = authors.iter().map(|a| phrase_key(a)).collect();
    let mut seen: HashSet<String, Fx> = HashSet::default();
    let mut out = Vec::with_capacity(list.len());
    for name in list.into_iter().map(|p| p.canonical.1) {
        // Two spellings of one name in one article ("Zelensky", "Zelenskyy") are one person,
        // under the first spelling the article used.
        if !is_author(&name, &author_keys) && seen.insert(crate::people_names::name_key(&name)) {
            out.push(name);
        }
    }
    out
}

/// The byline is not a person in the story: "Tom Balmforth", or "Balmforth" alone.
pub(super) fn is_author(name: &str, authors: &[String]) -> bool {
    let key = phrase_key(name);
    authors
        .iter()
        .any(|a| *a == key || (!key.contains(' ') && a.rsplit(' ').next() == Some(key.as_str())))
}

/// "P. Simmons" is "Phil Simmons" when the article names one Simmons whose given name starts
/// with P: the initialled person folds into the full one (never when two could own it).
pub(super) fn merge_initials(list: &mut Vec<Person>) {
    let mut i = 0;
    while i < list.len() {
        let owner = initial_owner(list, i);
        match owner {
            Some(j) => {
                let first = list[i].first;
                list[j].mentioned_at(first);
                list.remove(i);
            }
            None => i += 1,
        }
    }
}

/// The one person whose full name `list[i]`'s initialled name abbreviates.
fn initial_owner(list: &[Person], i: usize) -> Option<usize> {
    let name = &list[i].canonical.1;
    let mut words = name.split_whitespace();
    let initial = words.next()?;
    let letter = initial_letter(initial)?;
    let rest: Vec<&str> = words.collect();
    if rest.is_empty() {
        return None;
    }
    let mut owner = None;
    for (j, p) in list.iter().enumerate() {
        if j == i {
            continue;
        }
        let mut words = p.canonical.1.split_whitespace();
        let Some(given) = words.next() else { continue };
        let same_rest = words
            .map(str::to_lowercase)
            .eq(rest.iter().map(|w| w.to_lowercase()));
        let abbreviates = given.chars().count() > 1
            && initial_letter(given).is_none()
            && given.starts_with(letter);
        if same_rest && abbreviates {
            if owner.is_some() {
                return None;
            }
            owner = Some(j);
        }
    }
    owner
}

/// The letter of an initial: "P." or "P".
fn initial_letter(word: &str) -> Option<char> {
    let mut chars = word.chars();
    let c = chars.next().filter(|c| c.is_uppercase())?;
    match (chars.next(), chars.next()) {
        (None, _) | (Some('.'), None) => Some(c),
        _ => None,
    }
}
