//! Candidate finding: runs of capitalised tokens, split at titles, stripped of
//! descriptors, with the context evidence gathered around each.

use super::lexicon::*;
use super::score::*;
use super::tokens::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    /// Two or more name tokens ("Elon Musk", "J.K. Rowling"), or a regnal name ("Pope Francis").
    Full,
    /// One name token ("Musk", "Mr Peskov").
    Lone,
    /// A word of a title-case headline: it may only point at someone named in the body.
    HeadWord,
}

#[derive(Clone, Debug)]
pub(super) struct Mention {
    pub(super) kind: Kind,
    /// Token index of the first name token: the order of mention.
    pub(super) pos: usize,
    /// Token range of the name tokens.
    pub(super) name: (usize, usize),
    /// Token range shown as the name (starts at the title for "Pope Francis").
    pub(super) display: (usize, usize),
    /// Folded keys of the name tokens, particles included.
    pub(super) keys: Vec<String>,
    /// Folded key of the main name word (the surname of a lone mention).
    pub(super) core: String,
    pub(super) score: i32,
    pub(super) accepted: bool,
    /// A lone name with enough evidence to stand for a person on its own.
    pub(super) strong: bool,
    /// A lone word that is a place, organisation, month or common word.
    pub(super) negative: bool,
    pub(super) titled: bool,
    pub(super) sentence: u32,
}

/// Evidence gathered around one candidate.
#[derive(Default)]
pub(super) struct Evidence {
    pub(super) title: bool,
    pub(super) regnal: bool,
    pub(super) speech_after: bool,
    pub(super) speech_before: bool,
    pub(super) clause_start: bool,
    pub(super) age: bool,
    pub(super) apposition: bool,
    pub(super) person_apposition: bool,
    pub(super) org_cue: bool,
    /// "the Mona Lisa", "the James Webb Space Telescope": names of things take an article.
    pub(super) determiner: bool,
    /// "in Santa Fe", "at Anfield": a place or venue, unless it owns something ("in Putin's Russia").
    pub(super) locative: bool,
}

pub(super) fn collect_mentions(
    doc: &Doc,
    range: std::ops::Range<usize>,
    margins: &[i32],
    out: &mut Vec<Mention>,
) {
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
            if let Some(m) = evaluate_run(doc, i, run_end, margins) {
                out.push(m);
            }
            i = run_end;
        } else {
            i += 1;
        }
    }
}

/// End (exclusive) of the capitalised run starting at `start`.
pub(super) fn run_end(doc: &Doc, start: usize, end: usize) -> usize {
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
pub(super) fn evaluate_run(doc: &Doc, a: usize, b: usize, margins: &[i32]) -> Option<Mention> {
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
    while s < b && is_descriptor(&toks[s]) && !is_initials_word(doc, s, b) {
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
    let tagged = tagger_margin(toks, margins, s, b);
    if kind == Kind::Full {
        m.score = score_full(doc, s, b, &ev);
        // The tagger's word is enough for a run that no veto stopped.
        m.accepted = regnal || m.score >= 3 || tagged.is_some_and(|t| t > 0);
    } else {
        judge_lone(doc, a, s, b, &ev, &mut m);
        if tagged.is_some_and(|t| t >= STRONG_MARGIN) && !m.negative && !ev.org_cue {
            m.strong = true;
        }
    }
    Some(m)
}

/// A lone word the tagger marks with at least this margin (on the i16 weight scale) stands
/// for a person on its own, like one with a title or a speech verb.
const STRONG_MARGIN: i32 = 20_000;

/// The tagger's weakest margin over the name tokens of `s..b`; `None` without a tagger.
fn tagger_margin(toks: &[Tok], margins: &[i32], s: usize, b: usize) -> Option<i32> {
    if margins.len() < b {
        return None;
    }
    (s..b)
        .filter(|&k| is_name_token(&toks[k]))
        .map(|k| margins[k])
        .min()
}

/// "JD Vance", "AJ Tracey": two capitals that no list knows, right before the one remaining
/// name word of the run, which is a known surname or given name, are initials written without
/// full stops, not an acronym ("UK", "AP" and "JP Morgan" are in the lists).
pub(super) fn is_initials_word(doc: &Doc, k: usize, b: usize) -> bool {
    let toks = &doc.toks;
    let t = &toks[k];
    let next = k + 1;
    next + 1 == b
        && t.is(shape::ALLCAPS)
        && t.flags == 0
        && t.hi - t.lo == 2
        && doc.key(t).bytes().all(|c| c.is_ascii_lowercase())
        && toks[next].seg == t.seg
        && is_name_token(&toks[next])
        && !toks[next].is(shape::ALLCAPS)
        && toks[next].has(flag::SURNAME | flag::GIVEN)
        && !toks[next].has(flag::NEGATIVE)
}

/// "Taoiseach Simon Harris", "Pfizer Albert Bourla": an unknown word before a known given name
/// and a surname is a descriptor the lists do not know.
pub(super) fn skip_unknown_descriptor(toks: &[Tok], s: usize, b: usize) -> usize {
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
pub(super) fn is_descriptor(t: &Tok) -> bool {
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

pub(super) fn is_name_token(t: &Tok) -> bool {
    // A capitalised particle is a name when it is also a given name ("Van Morrison").
    let particle = t.has(flag::PARTICLE) && !t.has(flag::GIVEN | flag::WEAK_GIVEN);
    t.is_word()
        && (t.is(shape::CAP) || t.is(shape::HYPHEN_NAME))
        && !particle
        && !t.is(shape::DIGITS)
}

/// A title or role just before the run: "chief executive Elon Musk", "the governor, Siminalayi
/// Fubara", "Secretary of State Antony Blinken".
pub(super) fn title_before(doc: &Doc, a: usize, bridge_of: bool) -> bool {
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
pub(super) fn gather_context(doc: &Doc, a: usize, s: usize, b: usize, ev: &mut Evidence) {
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
            && toks[k].has(flag::SPEECH_GAP)
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
            if toks[k].has(flag::ORG_SAY)
                && same_seg(p).is_some_and(|t| t.is_lower_word())
                && toks[p].has(flag::ORG_PRONOUN)
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
        if prev.is_lower_word() && prev.has(flag::SPEECH_BEFORE) {
            ev.speech_before = true;
        }
        if k > 1 && doc.word_is(k - 1, "to") && doc.word_is(k - 2, "according") {
            ev.speech_before = true;
        }
    }
    ev.clause_start = at_clause_start(doc, a);
    ev.determiner = !ev.title && a > 0 && doc.lower_word_has(a - 1, flag::DETERMINER);
    ev.locative = !ev.title && !possessive && a > 0 && doc.lower_word_has(a - 1, flag::LOCATIVE);
}

/// What follows "Name,": an age, a description, or an organisation's "which".
pub(super) fn apposition(doc: &Doc, k: usize, ev: &mut Evidence) {
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
        } else if t.has(flag::APPOSITION_OPENER) {
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
pub(super) fn speech_after_apposition(doc: &Doc, k: usize) -> bool {
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
pub(super) fn role_within(doc: &Doc, k: usize, n: usize) -> bool {
    doc.toks
        .iter()
        .skip(k)
        .take(n)
        .take_while(|t| t.is_word() || t.punct == '-')
        .any(|t| t.has(flag::ROLE | flag::TITLE) && !t.is(shape::CAP))
}

/// Is the run at `a` the start of a clause, where it can be the subject of a verb?
pub(super) fn at_clause_start(doc: &Doc, a: usize) -> bool {
    let toks = &doc.toks;
    if a == 0 || toks[a - 1].seg != toks[a].seg || toks[a].is(shape::SENT_START) {
        return true;
    }
    let prev = &toks[a - 1];
    if prev.is_word() {
        return prev.is_lower_word() && prev.has(flag::CLAUSE_OPENER);
    }
    matches!(
        prev.punct,
        ',' | ';' | ':' | '"' | '“' | '”' | '‘' | '’' | '\'' | '(' | '—' | '–' | '-' | '\n'
    )
}
