//! The class, id, role and tag tables the flattener weighs elements by, turned into lookups once.

use super::weights::WEIGHTS as W;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

/// How a class/id hint word is matched.
#[derive(Clone, Copy)]
pub(super) enum Match {
    /// A whole token of the class/id (split on separators and camelCase), or its plural.
    Word,
    /// Anywhere in the class/id once lowercased with everything but letters and digits removed.
    Part,
}
use Match::{Part, Word};

/// Class/id words of article text, with the weight they add to a candidate's score.
pub(super) const POSITIVE_HINTS: &[(&str, Match, i16)] = &[
    ("articlebody", Part, 50),
    ("storybody", Part, 40),
    ("storytext", Part, 40),
    ("storycontent", Part, 40),
    ("article", Part, 25),
    ("story", Word, 25),
    ("content", Word, 20),
    ("body", Word, 20),
    ("entry", Word, 20),
    ("post", Word, 15),
    ("text", Word, 15),
    ("main", Word, 15),
    ("blog", Word, 10),
];

/// Class/id words of boilerplate, with the weight they take from a candidate's score.
pub(super) const NEGATIVE_HINTS: &[(&str, Match, i16)] = &[
    ("nav", Word, 30),
    ("navbar", Part, 40),
    ("navigation", Part, 40),
    ("menu", Word, 30),
    ("header", Part, 30),
    ("masthead", Part, 40),
    ("footer", Part, 40),
    ("aside", Word, 40),
    ("sidebar", Part, 50),
    ("rail", Word, 40),
    ("related", Part, 50),
    ("more", Word, 25),
    ("trending", Part, 50),
    ("mostread", Part, 50),
    ("mostpopular", Part, 50),
    ("mostviewed", Part, 50),
    ("popular", Part, 40),
    ("recommend", Part, 40),
    ("share", Word, 40),
    ("sharing", Part, 40),
    ("sharebar", Part, 40),
    ("social", Part, 50),
    ("comment", Word, 50),
    ("comments", Part, 50),
    ("disqus", Part, 50),
    ("newsletter", Part, 50),
    // A word, not a part: "subscriber-preview" and "subscriber-only" wrap article text on paywalled CMSs.
    ("subscribe", Word, 50),
    ("subscription", Part, 50),
    ("signup", Part, 50),
    ("login", Part, 40),
    ("signin", Part, 40),
    ("cookie", Part, 50),
    ("consent", Part, 50),
    ("gdpr", Part, 50),
    ("promo", Part, 40),
    ("ad", Word, 40),
    ("advert", Part, 50),
    ("adslot", Part, 50),
    ("adunit", Part, 50),
    ("dfp", Word, 40),
    ("sponsor", Part, 50),
    ("outbrain", Part, 50),
    ("taboola", Part, 50),
    ("caption", Part, 50),
    ("credit", Part, 40),
    ("byline", Part, 50),
    ("author", Word, 30),
    ("authorbio", Part, 50),
    ("bio", Word, 30),
    ("breadcrumb", Part, 50),
    ("tag", Word, 40),
    ("topics", Word, 30),
    ("meta", Word, 30),
    ("timestamp", Part, 30),
    ("dateline", Part, 30),
    ("paywall", Part, 50),
    ("modal", Part, 50),
    ("popup", Part, 50),
    ("widget", Part, 40),
    ("teaser", Part, 40),
    ("banner", Part, 40),
    ("toolbar", Part, 40),
    ("pagination", Part, 40),
    ("pager", Word, 40),
    ("gallery", Part, 40),
    ("sronly", Part, 50),
    ("screenreader", Part, 50),
    ("print", Word, 20),
    ("photo", Word, 30),
    ("image", Word, 30),
    ("img", Word, 30),
    ("picture", Word, 30),
    ("video", Word, 30),
    ("player", Word, 30),
    ("pullquote", Part, 50),
    ("tweet", Word, 40),
    ("twittertweet", Part, 50),
    ("instagram", Part, 40),
    ("embed", Word, 30),
    ("kicker", Part, 40),
    ("toc", Word, 40),
    ("tableofcontents", Part, 50),
    ("highlights", Word, 40),
    ("source", Word, 40),
    ("infobox", Part, 50),
    ("factbox", Part, 50),
    ("callout", Part, 50),
    ("visuallyhidden", Part, 50),
];

/// ARIA roles of article text.
pub(super) const POSITIVE_ROLES: &[&str] = &["main", "article"];

/// ARIA roles of page furniture.
pub(super) const NEGATIVE_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "tablist",
];

/// Microdata `itemprop` values of things that are not body text.
pub(super) const NEGATIVE_ITEMPROPS: &[&str] = &[
    "author",
    "creator",
    "publisher",
    "comment",
    "associatedmedia",
    "image",
    "video",
    "caption",
    "keywords",
];

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
pub(super) type FastSet<K> = HashSet<K, BuildHasherDefault<crate::fnv::FnvHasher>>;

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
    for &(w, how, weight) in POSITIVE_HINTS {
        if matches!(how, Word) {
            m.insert(w, weight);
        }
    }
    for &(w, how, weight) in NEGATIVE_HINTS {
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

/// Parts of a class or id naming a cookie or consent dialog (matched in the lowercased name).
pub(super) const CONSENT_NAMES: &[&str] = &["cookie", "consent", "gdpr"];
