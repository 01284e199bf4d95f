//! Scoring: vetoes by organisation, place and common-word evidence, the score of a
//! full-name candidate, and the second look at weak candidates with the article in view.

use super::candidates::*;
use super::lexicon::*;
use super::tokens::*;
use std::collections::HashSet;

/// Hard evidence that the run names an organisation, place or thing.
pub(super) fn vetoed(doc: &Doc, s: usize, b: usize, ev: &Evidence, stripped: bool) -> bool {
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
            // "Jude Law", "Stuart Hall": a surname that is also an organisation word; "Park
            // Geun-hye": a family name that is one, written first.
            // "on Lyle Street", "at Stuart Park": after a preposition of place it is the place.
            let place_before = ev.locative || (s > 0 && doc.word_is(s - 1, "on"));
            let surname_ok = k == last_word && k > s && strong_first && !stripped && !place_before;
            let family_ok = k == s && super::family_first::is_family_first(doc, s, b);
            if !(family_ok || (surname_ok && t.has(flag::SURNAME))) {
                return true;
            }
        }
        let initials = k == s && is_initials_word(doc, k, b);
        if (t.is(shape::ALLCAPS) && !t.is_suffix() && !t.is(shape::INITIAL) && !initials)
            || t.is(shape::DIGITS)
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
pub(super) fn names_an_org(doc: &Doc, a: usize, after_title: usize, b: usize) -> bool {
    [a, after_title]
        .iter()
        .any(|&from| phrase_in(doc, from, b, &LEXICON.org_phrases))
}

/// Is the phrase of tokens `from..b` in `set`? Built only when its first word heads a phrase.
pub(super) fn phrase_in(doc: &Doc, from: usize, b: usize, set: &HashSet<Box<str>, Fx>) -> bool {
    from + 1 < b
        && doc.toks[from].has(flag::PHRASE_HEAD)
        && set.contains(phrase_of(doc, from, b).as_str())
}

pub(super) fn phrase_of(doc: &Doc, s: usize, b: usize) -> String {
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
pub(super) fn score_full(doc: &Doc, s: usize, b: usize, ev: &Evidence) -> i32 {
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
    // A known given name, or initials before a name ("J.K. Rowling"), open a full name; so
    // does a family name written first ("Park Geun-hye").
    if first.has(flag::GIVEN)
        || (first.is(shape::INITIAL) && given_next)
        || is_initials_word(doc, s, b)
        || super::family_first::is_family_first(doc, s, b)
    {
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
pub(super) fn hyphen_part_is_surname(doc: &Doc, t: &Tok) -> bool {
    let key = doc.key(t);
    key.contains('-') && key.split('-').any(|p| LEXICON.get(p) & flag::SURNAME != 0)
}

/// Decides whether a lone name is negative (never a person alone) and strong (a person alone).
pub(super) fn judge_lone(doc: &Doc, a: usize, s: usize, b: usize, ev: &Evidence, m: &mut Mention) {
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
        || t.is(shape::ALLCAPS | shape::CAPS_STEM)
        || (t.has(flag::ORG_IF_POSSESSIVE) && t.is(shape::POSSESSIVE))
        || plural_of_role(doc.key(t))
        || (!ev.title && (ev.determiner || ev.locative || owned_by_person(doc, a)));
    let spoke = ev.speech_before || (ev.speech_after && ev.clause_start);
    let described = ev.age || ev.person_apposition;
    m.strong = !m.negative && !ev.org_cue && (ev.title || spoke || described);
}

/// "Scientists said", "Traders feared": a plural of a role opening a sentence is a group of
/// people, not one of them.
fn plural_of_role(key: &str) -> bool {
    key.strip_suffix('s')
        .is_some_and(|one| one.len() > 2 && LEXICON.get(one) & flag::ROLE != 0)
}

/// "Nolan's Oppenheimer", "Musk's Tesla": a word owned by a person is a work or a company.
pub(super) fn owned_by_person(doc: &Doc, a: usize) -> bool {
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
pub(super) fn collect_headline_words(
    doc: &Doc,
    range: std::ops::Range<usize>,
    out: &mut Vec<Mention>,
) {
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
pub(super) fn is_title_case(doc: &Doc, range: std::ops::Range<usize>) -> bool {
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
pub(super) fn accept_by_context(doc: &Doc, mentions: &mut [Mention]) {
    accept_coordinated(doc, mentions);
    accept_family_names(mentions);
}

/// "Victoria Beckham ... David Beckham": a surname borne by an accepted name is a surname.
pub(super) fn accept_family_names(mentions: &mut [Mention]) {
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
pub(super) fn accept_coordinated(doc: &Doc, mentions: &mut [Mention]) {
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
pub(super) fn only_list_glue(doc: &Doc, from: usize, to: usize) -> bool {
    from < to
        && (from..to)
            .all(|k| doc.punct_at(k) == Some(',') || doc.word_is(k, "and") || doc.word_is(k, "or"))
}
