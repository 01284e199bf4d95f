//! The class, id, role and tag tables the flattener weighs elements by, turned into lookups once.

use super::weights::WEIGHTS as W;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use crate::extract::lexicon::Match::{Part, Word};
// The class/id hint tables and the role and itemprop lists, from the extraction lexicon.
pub(super) use crate::extract::lexicon::{
    NEGATIVE_HINTS, NEGATIVE_ITEMPROPS, NEGATIVE_ROLES, POSITIVE_HINTS, POSITIVE_ROLES,
};

/// Elements whose content is never part of the text: skipped with their subtree.
const SKIP_INLINE_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "canvas", "object", "embed",
    "audio", "video", "picture", "map", "button", "input", "select", "option", "optgroup",
    "textarea", "datalist", "output", "progress", "meter", "title",
];

/// Block-level elements skipped with their subtree (they also end the current paragraph).
const SKIP_BLOCK_TAGS: &[&str] = &[
    "iframe",
    "frame",
    "frameset",
    "dialog",
    "figure",
    "figcaption",
    "aside",
    "nav",
    "caption",
];

/// Elements that continue the current paragraph; anything not listed starts a new block.
const INLINE_TAGS: &[&str] = &[
    "abbr", "acronym", "b", "bdi", "bdo", "big", "blink", "cite", "code", "data", "del", "dfn",
    "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt", "ruby", "s",
    "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
    "o:p",
];

/// What an element is for the flattening pass.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    /// Dropped with its subtree; `true` when it also ends the current paragraph.
    Skip(bool),
    Inline,
    Link,
    Br,
    Block(Tag),
}

/// Block-level element types the scoring tells apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Tag {
    Root,
    P,
    H1,
    Heading,
    Item,
    Quote,
    Pre,
    Div,
    Article,
    Main,
    Body,
    Cell,
    Table,
    List,
    Header,
    Footer,
    Form,
    Other,
}

impl Tag {
    /// Elements that are one paragraph: their score goes to the element holding them.
    pub(super) fn is_paragraph(self) -> bool {
        matches!(
            self,
            Tag::P | Tag::H1 | Tag::Heading | Tag::Item | Tag::Quote | Tag::Pre
        )
    }

    pub(super) fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::Heading)
    }

    /// Readability's starting score per element type.
    pub(super) fn initial_score(self) -> f32 {
        match self {
            Tag::Div => W.initial_div,
            Tag::Article => W.initial_article,
            Tag::Main => W.initial_main,
            Tag::Pre | Tag::Cell | Tag::Quote => W.initial_quote,
            Tag::List | Tag::Item | Tag::Form => W.initial_list,
            Tag::H1 | Tag::Heading => W.initial_heading,
            _ => 0.0,
        }
    }

    /// Weight of the element type itself as a hint (header and footer hold page furniture).
    pub(super) fn hint(self) -> i16 {
        match self {
            Tag::Header => W.header_hint,
            Tag::Footer => W.footer_hint,
            Tag::Form => W.form_hint,
            _ => 0,
        }
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<crate::fnv::FnvHasher>>;

static KINDS: LazyLock<FastMap<&'static str, Kind>> = LazyLock::new(|| {
    let mut m = FastMap::default();
    for t in SKIP_INLINE_TAGS {
        m.insert(*t, Kind::Skip(false));
    }
    for t in SKIP_BLOCK_TAGS {
        m.insert(*t, Kind::Skip(true));
    }
    for t in INLINE_TAGS {
        m.insert(*t, Kind::Inline);
    }
    m.insert("a", Kind::Link);
    m.insert("br", Kind::Br);
    let blocks = [
        ("p", Tag::P),
        ("address", Tag::P),
        ("h1", Tag::H1),
        ("h2", Tag::Heading),
        ("h3", Tag::Heading),
        ("h4", Tag::Heading),
        ("h5", Tag::Heading),
        ("h6", Tag::Heading),
        ("li", Tag::Item),
        ("dt", Tag::Item),
        ("dd", Tag::Item),
        ("blockquote", Tag::Quote),
        ("pre", Tag::Pre),
        ("div", Tag::Div),
        ("center", Tag::Div),
        ("section", Tag::Div),
        ("article", Tag::Article),
        ("main", Tag::Main),
        ("body", Tag::Body),
        ("td", Tag::Cell),
        ("th", Tag::Cell),
        ("table", Tag::Table),
        ("tbody", Tag::Table),
        ("thead", Tag::Table),
        ("tfoot", Tag::Table),
        ("tr", Tag::Table),
        ("ul", Tag::List),
        ("ol", Tag::List),
        ("dl", Tag::List),
        ("menu", Tag::List),
        ("header", Tag::Header),
        ("footer", Tag::Footer),
        ("form", Tag::Form),
    ];
    for (t, tag) in blocks {
        m.insert(t, Kind::Block(tag));
    }
    m
});

pub(super) fn kind_of(name: &str) -> Kind {
    KINDS.get(name).copied().unwrap_or(Kind::Block(Tag::Other))
}

/// Word hints: token -> signed weight.
pub(super) static WORD_HINTS: LazyLock<FastMap<&'static str, i16>> = LazyLock::new(|| {
    let mut m = FastMap::default();
    for &(w, how, weight) in POSITIVE_HINTS.iter() {
        if matches!(how, Word) {
            m.insert(w, weight);
        }
    }
    for &(w, how, weight) in NEGATIVE_HINTS.iter() {
        if matches!(how, Word) {
            m.insert(w, -weight);
        }
    }
    m
});

/// Part hints (substring, signed weight, index), grouped by first byte so a class is scanned
/// once instead of once per word.
/// A part hint: the substring, its signed weight, its index (to count each once per name).
pub(super) type PartHint = (&'static str, i16, usize);

pub(super) static PART_HINTS: LazyLock<Vec<Vec<PartHint>>> = LazyLock::new(|| {
    let pos = POSITIVE_HINTS
        .iter()
        .filter(|h| matches!(h.1, Part))
        .map(|h| (h.0, h.2));
    let neg = NEGATIVE_HINTS
        .iter()
        .filter(|h| matches!(h.1, Part))
        .map(|h| (h.0, -h.2));
    let mut by_byte = vec![Vec::new(); 256];
    for (i, (word, weight)) in pos.chain(neg).enumerate() {
        by_byte[usize::from(word.as_bytes()[0])].push((word, weight, i));
    }
    by_byte
});
