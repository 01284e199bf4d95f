//! Main-content extraction for HTML pages: finds the article's own paragraphs in a parsed page
//! and drops navigation, related lists, captions, share bars and other boilerplate. One iterative
//! pass flattens the DOM into block-level elements and text blocks (paragraphs); per-element
//! statistics are summed bottom-up once; a Readability-style score picks the container (helped
//! by `articleBody` markup and the JSON-LD `articleBody`), and a filter keeps the container's
//! blocks that read like prose. No recursion (pages nest 100,000 deep) and nothing quadratic.

use super::entries;
use crate::article::ExtractionKind;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

// ---------------------------------------------------------------------------------------------
// Data tables: the heuristics' word lists, meant to be read and extended.

/// The first pass wants this many non-link words: fewer is not yet an article (a section
/// front, a 404 page, a login wall, or a brief the second pass may accept).
pub const MIN_BODY_WORDS: usize = 40;

/// What one pass of the body cascade demands of a container.
#[derive(Clone, Copy)]
struct Pass {
    /// Fewer kept words than this is no article for this pass.
    min_words: usize,
    /// Story-headline links interleaved with the kept text that make the page a listing.
    listing_headlines: usize,
}

/// The first pass: a full article, class and id names weighed.
const FIRST_PASS: Pass = Pass {
    min_words: MIN_BODY_WORDS,
    listing_headlines: 5,
};

/// The second pass, names ignored: a story this short is still one (a brief, a teaser, a
/// paywalled lead), but a few teasers between headline links make a section front.
const SECOND_PASS: Pass = Pass {
    min_words: 12,
    listing_headlines: 2,
};

/// The lower bar when most of the kept text is confirmed by the page's JSON-LD `articleBody`.
const MIN_CONFIRMED_WORDS: usize = 15;

/// A kept zone with at least five story-headline links, as many as half its kept blocks, and
/// kept blocks averaging under this many words is a section front, not an article.
const LISTING_MAX_AVG_WORDS: usize = 35;

/// How a class/id hint word is matched.
#[derive(Clone, Copy)]
enum Match {
    /// A whole token of the class/id (split on separators and camelCase), or its plural.
    Word,
    /// Anywhere in the class/id once lowercased with everything but letters and digits removed.
    Part,
}
use Match::{Part, Word};

/// Class/id words of article text, with the weight they add to a candidate's score.
const POSITIVE_HINTS: &[(&str, Match, i16)] = &[
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
const NEGATIVE_HINTS: &[(&str, Match, i16)] = &[
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
    ("standfirst", Part, 40),
    ("dek", Word, 40),
    ("kicker", Part, 40),
    ("strapline", Part, 40),
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
const POSITIVE_ROLES: &[&str] = &["main", "article"];

/// ARIA roles of page furniture.
const NEGATIVE_ROLES: &[&str] = &[
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
const NEGATIVE_ITEMPROPS: &[&str] = &[
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

/// Hints at or below this name boilerplate outright: such boxes are dropped even when the
/// JSON-LD body repeats their text.
const STRONG_NEGATIVE_HINT: i16 = -40;

/// The weight of an element hidden from screen readers (`aria-hidden="true"`): kept out of the
/// body unless it holds most of the text (a saved page may hide everything behind a dialog).
const ARIA_HIDDEN_WEIGHT: i16 = 60;

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

/// Whole blocks that are page furniture, compared lowercased with trailing punctuation removed.
static JUNK_LINES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../data/extract/junk_lines.txt")).collect());

/// Labels that open a link line to another story ("Read more: ...", "ALSO READ | ...").
static LINK_LINE_LABELS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../data/extract/link_labels.txt")).collect());

/// Openings of metadata lines: bylines, update times, photo credits, copyright notices.
const META_LINE_PREFIXES: &[&str] = &[
    "written by",
    "reported by",
    "edited by",
    "words by",
    "story by",
    "updated:",
    "last updated",
    "published:",
    "first published",
    "posted:",
    "posted by",
    "last modified",
    "modified:",
    "reading time",
    "photo:",
    "photo credit",
    "photos:",
    "(photo",
    "image:",
    "image credit",
    "(image",
    "picture:",
    "pic:",
    "credit:",
    "credits:",
    "(file photo",
    "illustration:",
];

/// Lowercase words a byline may hold besides names ("By Jane Doe and John Roe, Reuters").
const BYLINE_WORDS: &[&str] = &[
    "by",
    "and",
    "in",
    "at",
    "of",
    "for",
    "the",
    "from",
    "with",
    "staff",
    "correspondent",
    "reporter",
    "writer",
    "editor",
    "updated",
    "published",
];

/// Openings of wire trailers and copyright notices, dropped up to 30 words long.
const TRAILER_PREFIXES: &[&str] = &[
    "reporting by",
    "(reporting by",
    "additional reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "copyright",
    "©",
    "(c) ",
    "all rights reserved",
];

/// Phrases of promotional prompts (apps, newsletters, subscriptions), dropped from lines of up
/// to 30 words.
static PROMO_PHRASES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../data/extract/promo_phrases.txt")).collect());

/// A metadata line is at most this many words long.
const META_LINE_MAX_WORDS: usize = 14;

/// Endings of photo credit lines ("Jane Doe/Reuters").
const CREDIT_SUFFIXES: &[&str] = &[
    "getty images",
    "/afp",
    "/reuters",
    "/ap",
    "(ap)",
    "ap photo",
    "shutterstock",
    "/pti",
    "/ani",
    "/epa",
    "/bloomberg",
    "/file",
];

/// Tokens of date and time lines ("Updated: 15 Feb 2021, 07:50 PM IST").
const DATE_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "am",
    "pm",
    "ist",
    "gmt",
    "utc",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "bst",
    "cet",
    "cest",
    "updated",
    "published",
    "posted",
    "min",
    "mins",
    "read",
    "ago",
    "hour",
    "hours",
    "minute",
    "minutes",
    "on",
    "at",
    "st",
    "nd",
    "rd",
    "th",
    "last",
    "first",
    "date",
];

/// Frequent function words (English first, then other western European languages): prose has
/// many, link lists and labels few.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "for", "from", "had", "has", "have", "he", "her",
    "his", "i", "if", "in", "into", "is", "it", "its", "more", "no", "not", "of", "on", "one",
    "or", "other", "our", "out", "said", "she", "so", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "to", "up", "was", "we", "were", "what", "when",
    "which", "who", "will", "with", "would", "you", "der", "die", "das", "und", "ist", "nicht",
    "ein", "eine", "zu", "den", "mit", "von", "le", "la", "les", "et", "est", "un", "une", "des",
    "du", "en", "que", "qui", "pour", "dans", "el", "los", "las", "y", "es", "por", "con", "una",
    "il", "di", "che", "per", "non", "della", "o", "os", "um", "uma", "het", "een", "van", "niet",
];

// ---------------------------------------------------------------------------------------------
// Tables turned into lookups once.

/// What an element is for the flattening pass.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Dropped with its subtree; `true` when it also ends the current paragraph.
    Skip(bool),
    Inline,
    Link,
    Br,
    Block(Tag),
}

/// Block-level element types the scoring tells apart.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
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
    fn is_paragraph(self) -> bool {
        matches!(
            self,
            Tag::P | Tag::H1 | Tag::Heading | Tag::Item | Tag::Quote | Tag::Pre
        )
    }

    fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::Heading)
    }

    /// Readability's starting score per element type.
    fn initial_score(self) -> f32 {
        match self {
            Tag::Div => 5.0,
            Tag::Article => 10.0,
            Tag::Main => 5.0,
            Tag::Pre | Tag::Cell | Tag::Quote => 3.0,
            Tag::List | Tag::Item | Tag::Form => -3.0,
            Tag::H1 | Tag::Heading => -5.0,
            _ => 0.0,
        }
    }

    /// Weight of the element type itself as a hint (header and footer hold page furniture).
    fn hint(self) -> i16 {
        match self {
            Tag::Header => -30,
            Tag::Footer => -40,
            Tag::Form => -30,
            _ => 0,
        }
    }
}

/// FNV-1a: the lookups below hash short tag names and words, where SipHash costs more than
/// the rest of the lookup.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

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

fn kind_of(name: &str) -> Kind {
    KINDS.get(name).copied().unwrap_or(Kind::Block(Tag::Other))
}

/// Word hints: token -> signed weight.
static WORD_HINTS: LazyLock<FastMap<&'static str, i16>> = LazyLock::new(|| {
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
type PartHint = (&'static str, i16, usize);

static PART_HINTS: LazyLock<Vec<Vec<PartHint>>> = LazyLock::new(|| {
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

static STOPWORD_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.iter().copied().collect());
static DATE_WORD_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| DATE_WORDS.iter().copied().collect());
static JUNK_LINE_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| JUNK_LINES.iter().copied().collect());

// ---------------------------------------------------------------------------------------------
// The flattened page.

const NONE: u32 = u32::MAX;

/// A block-level element, with statistics of its subtree once `aggregate` has run.
#[derive(Debug)]
struct El {
    parent: u32,
    /// One past the index of its last descendant: the subtree is `index..end` (preorder).
    end: u32,
    tag: Tag,
    /// Signed class/id/role/itemprop weight.
    hint: i16,
    /// Marked `itemprop="articleBody"`.
    body_mark: bool,
    /// Hash of the class attribute, to recognise siblings styled like the chosen container.
    class_key: u64,
    children: u32,
    own_blocks: u32,
    /// Its last own block ends like a sentence.
    ends_punct: bool,
    /// Images below it (summed over the subtree by `aggregate`).
    imgs: u32,
    /// `<h1>` elements in its subtree, itself included (summed by `aggregate`).
    h1s: u32,
    /// Text blocks below it (summed over the subtree by `aggregate`).
    blocks: u32,
    chars: u32,
    link_chars: u32,
    good_chars: u32,
    good_blocks: u32,
    link_blocks: u32,
    ld_chars: u32,
    /// Paragraph score handed up from the blocks below (Readability's content score).
    content: f32,
}

impl El {
    fn new(parent: u32, tag: Tag) -> El {
        El {
            parent,
            end: NONE,
            tag,
            hint: 0,
            body_mark: false,
            class_key: 0,
            children: 0,
            own_blocks: 0,
            ends_punct: false,
            imgs: 0,
            h1s: u32::from(tag == Tag::H1),
            blocks: 0,
            chars: 0,
            link_chars: 0,
            good_chars: 0,
            good_blocks: 0,
            link_blocks: 0,
            ld_chars: 0,
            content: 0.0,
        }
    }

    fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// A run of text between block boundaries: one paragraph candidate.
#[derive(Debug)]
struct Block {
    /// Byte range in `Page::text`.
    start: u32,
    end: u32,
    owner: u32,
    chars: u32,
    link_chars: u32,
    words: u32,
    stopwords: u32,
    commas: u32,
    sentence_ends: u32,
    ends_with_punct: bool,
    /// Its text is found in the JSON-LD articleBody.
    ld: bool,
    /// Range in `Page::line_starts` of the lines a single `<br>` started inside the block.
    lines: (u32, u32),
}

impl Block {
    fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }

    /// Reads like a sentence of prose.
    fn is_good(&self) -> bool {
        self.words >= 8
            && self.link_density() < 0.3
            && (self.commas + self.sentence_ends > 0 || self.stopwords * 5 >= self.words)
    }

    /// Mostly link text (a related-story headline, a menu entry).
    fn is_link(&self) -> bool {
        self.chars >= 10 && self.link_chars * 10 >= self.chars * 6
    }

    /// Readability's paragraph score, raised for text the JSON-LD body confirms.
    fn score(&self) -> f32 {
        if self.chars < 25 || self.link_density() > 0.5 {
            return 0.0;
        }
        let s = 1.0 + self.commas as f32 + (self.chars / 100).min(3) as f32;
        if self.ld {
            s * 2.0 + 3.0
        } else {
            s
        }
    }
}

/// Block elements and text blocks of one page, in document order.
struct Page {
    els: Vec<El>,
    blocks: Vec<Block>,
    text: String,
    /// The `<title>`, lowercased with whitespace collapsed: a block repeating it is the headline.
    title: String,
    /// Byte offsets in `text` where a single `<br>` started a new line inside a block.
    line_starts: Vec<u32>,
}

/// What closing an open element must undo.
enum Open {
    Inline,
    Link,
    Block { pre: bool },
}

/// The attributes the extractor reads.
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    hidden: bool,
    aria_hidden: bool,
}

/// The flattening pass's state.
struct Builder<'a> {
    page: Page,
    stack: Vec<u32>,
    opens: Vec<Open>,
    in_link: u32,
    /// Inside `<pre>`: a newline counts as a `<br>`, a blank line ends a paragraph.
    in_pre: u32,
    block_start: usize,
    block_lines: u32,
    cur_chars: u32,
    cur_link_chars: u32,
    pending_space: bool,
    br_run: u8,
    class_cache: FastMap<&'a str, i16>,
}

impl<'a> Builder<'a> {
    fn new(capacity: usize) -> Builder<'a> {
        let mut els = Vec::with_capacity(capacity / 4 + 16);
        els.push(El::new(NONE, Tag::Root));
        Builder {
            page: Page {
                els,
                blocks: Vec::new(),
                text: String::new(),
                title: String::new(),
                line_starts: Vec::new(),
            },
            stack: vec![0],
            opens: Vec::new(),
            in_link: 0,
            in_pre: 0,
            block_start: 0,
            block_lines: 0,
            cur_chars: 0,
            cur_link_chars: 0,
            pending_space: false,
            br_run: 0,
            class_cache: FastMap::default(),
        }
    }

    /// Handles a node on the way down; true when its children must be visited (and `close`
    /// called after them).
    fn open(&mut self, node: &'a Node) -> bool {
        match node {
            Node::Document | Node::Fragment => {
                self.opens.push(Open::Inline);
                true
            }
            Node::Text(t) => {
                self.push_text(t);
                false
            }
            Node::Element(el) => self.open_element(el),
            _ => false,
        }
    }

    fn open_element(&mut self, el: &'a Element) -> bool {
        let name = el.name();
        let mut kind = kind_of(name);
        if matches!(name, "img" | "amp-img") {
            let owner = *self.stack.last().unwrap_or(&0);
            self.page.els[owner as usize].imgs += 1;
        }
        match kind {
            Kind::Skip(ends_block) => {
                if ends_block {
                    self.flush();
                }
                return false;
            }
            Kind::Br => {
                self.br();
                return false;
            }
            _ => {}
        }
        let attrs = read_attrs(el);
        let is_block = matches!(kind, Kind::Block(_));
        // A hidden block may still be the whole page behind a dialog (handled by its hint);
        // a hidden inline element (an icon's label) just goes.
        if attrs.hidden || (attrs.aria_hidden && !is_block) {
            if is_block {
                self.flush();
            }
            return false;
        }
        let mut hint = 0;
        if let Kind::Block(tag) = kind {
            hint = self.hint(&attrs, tag);
        } else if attrs.class.is_some() || attrs.id.is_some() {
            // An inline element marked as furniture (a caption or credit span)
            // becomes a block of its own so the filters can drop it.
            hint = self.hint(&attrs, Tag::Other);
            if hint <= STRONG_NEGATIVE_HINT {
                kind = Kind::Block(Tag::Other);
            }
        }
        match kind {
            Kind::Link => {
                self.in_link += 1;
                self.opens.push(Open::Link);
            }
            Kind::Block(tag) => {
                self.flush();
                let parent = *self.stack.last().unwrap_or(&0);
                let idx = self.page.els.len() as u32;
                let mut e = El::new(parent, tag);
                e.hint = hint;
                e.body_mark = attrs
                    .itemprop
                    .is_some_and(|p| p.eq_ignore_ascii_case("articlebody"));
                e.class_key = attrs.class.map_or(0, hash_str);
                self.page.els.push(e);
                self.page.els[parent as usize].children += 1;
                self.stack.push(idx);
                let pre = tag == Tag::Pre;
                self.in_pre += u32::from(pre);
                self.opens.push(Open::Block { pre });
            }
            _ => self.opens.push(Open::Inline),
        }
        true
    }

    /// Handles the end of the element opened last.
    fn close(&mut self) {
        match self.opens.pop() {
            Some(Open::Link) => self.in_link -= 1,
            Some(Open::Block { pre }) => {
                self.in_pre -= u32::from(pre);
                self.flush();
                if let Some(idx) = self.stack.pop() {
                    self.page.els[idx as usize].end = self.page.els.len() as u32;
                }
            }
            _ => {}
        }
    }

    /// Appends text with whitespace collapsed; a double `<br>` before it starts a new block.
    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' && self.in_pre > 0 {
                self.br();
                continue;
            }
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if matches!(
                c,
                '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{ad}' | '\u{feff}'
            ) {
                continue;
            }
            if self.br_run >= 2 {
                self.flush();
            }
            if self.pending_space && self.page.text.len() > self.block_start {
                self.page.text.push(' ');
                self.cur_chars += 1;
                if self.br_run == 1 {
                    self.page.line_starts.push(self.page.text.len() as u32);
                }
            }
            self.br_run = 0;
            self.pending_space = false;
            self.page.text.push(c);
            self.cur_chars += 1;
            if self.in_link > 0 {
                self.cur_link_chars += 1;
            }
        }
    }

    fn br(&mut self) {
        if self.page.text.len() > self.block_start {
            self.br_run = self.br_run.saturating_add(1);
            self.pending_space = true;
        }
    }

    /// Ends the current block, if it holds any text.
    fn flush(&mut self) {
        self.pending_space = false;
        self.br_run = 0;
        if self.page.text.len() == self.block_start {
            self.page.line_starts.truncate(self.block_lines as usize);
            return;
        }
        let owner = *self.stack.last().unwrap_or(&0);
        let text = &self.page.text[self.block_start..];
        let counts = count_words(text);
        let ends_with_punct = text.chars().next_back().is_some_and(is_terminal_punct);
        self.page.blocks.push(Block {
            start: self.block_start as u32,
            end: self.page.text.len() as u32,
            owner,
            chars: self.cur_chars,
            link_chars: self.cur_link_chars,
            words: counts.words,
            stopwords: counts.stopwords,
            commas: counts.commas,
            sentence_ends: counts.sentence_ends,
            ends_with_punct,
            ld: false,
            lines: (self.block_lines, self.page.line_starts.len() as u32),
        });
        self.block_lines = self.page.line_starts.len() as u32;
        let e = &mut self.page.els[owner as usize];
        e.own_blocks += 1;
        e.ends_punct = ends_with_punct;
        self.block_start = self.page.text.len();
        self.cur_chars = 0;
        self.cur_link_chars = 0;
    }

    /// The signed weight of an element's class, id, role, itemprop and tag.
    fn hint(&mut self, a: &Attrs<'a>, tag: Tag) -> i16 {
        let mut w = tag.hint();
        if let Some(class) = a.class {
            w += match self.class_cache.get(class) {
                Some(&v) => v,
                None => {
                    let v = name_hint(class);
                    self.class_cache.insert(class, v);
                    v
                }
            };
        }
        if let Some(id) = a.id {
            w += name_hint(id);
        }
        if let Some(role) = a.role {
            let role = role.trim();
            if POSITIVE_ROLES.iter().any(|r| r.eq_ignore_ascii_case(role)) {
                w += 25;
            } else if NEGATIVE_ROLES.iter().any(|r| r.eq_ignore_ascii_case(role)) {
                w -= 50;
            }
        }
        if let Some(prop) = a.itemprop {
            let prop = prop.trim();
            if prop.eq_ignore_ascii_case("articlebody") {
                w += 50;
            } else if prop.eq_ignore_ascii_case("text") {
                w += 20;
            } else if NEGATIVE_ITEMPROPS
                .iter()
                .any(|p| p.eq_ignore_ascii_case(prop))
            {
                w -= 50;
            }
        }
        if a.aria_hidden {
            w -= ARIA_HIDDEN_WEIGHT;
        }
        w
    }

    fn finish(mut self) -> Page {
        self.flush();
        let n = self.page.els.len() as u32;
        // Elements left open only happen on malformed trees; close them all.
        for idx in self.stack.drain(..) {
            self.page.els[idx as usize].end = n;
        }
        self.page
    }
}

fn read_attrs(el: &Element) -> Attrs<'_> {
    let mut a = Attrs::default();
    for (name, value) in el.attrs() {
        match name {
            "class" => a.class = Some(value),
            "id" => a.id = Some(value),
            "role" => a.role = Some(value),
            "itemprop" => a.itemprop = Some(value),
            "hidden" => a.hidden = true,
            "aria-hidden" => a.aria_hidden = value.trim().eq_ignore_ascii_case("true"),
            "style" => a.hidden |= style_hides(value),
            _ => {}
        }
    }
    a
}

/// `display:none` or `visibility:hidden` in an inline style.
pub(crate) fn style_hides(style: &str) -> bool {
    let squashed: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    squashed.contains("display:none") || squashed.contains("visibility:hidden")
}

/// The signed hint weight of a class or id value.
fn name_hint(value: &str) -> i16 {
    let mut w = 0i16;
    let squashed: Vec<u8> = value
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let mut matched = 0u128;
    for i in 0..squashed.len() {
        for &(part, weight, index) in &PART_HINTS[usize::from(squashed[i])] {
            if matched & (1 << index) == 0 && squashed[i..].starts_with(part.as_bytes()) {
                matched |= 1 << index;
                w += weight;
            }
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for_each_token(value, |token| {
        let hit = WORD_HINTS.get_key_value(token).or_else(|| {
            token
                .strip_suffix('s')
                .and_then(|t| WORD_HINTS.get_key_value(t))
        });
        if let Some((&key, &weight)) = hit {
            if !seen.contains(&key) {
                seen.push(key);
                w += weight;
            }
        }
    });
    w
}

/// Calls `f` with each lowercased token of a class/id value, split on non-alphanumerics and
/// on camelCase humps ("articleBody" -> "article", "body").
pub(crate) fn for_each_token(value: &str, mut f: impl FnMut(&str)) {
    let mut token = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            if !token.is_empty() {
                f(&token);
                token.clear();
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !token.is_empty() {
            f(&token);
            token.clear();
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        token.extend(c.to_lowercase());
    }
    if !token.is_empty() {
        f(&token);
    }
}

fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.trim().bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h | 1
}

fn is_terminal_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '"' | '\'' | ')' | ':' | ';' | '”' | '’' | '»' | '…' | '。' | '！' | '？'
    )
}

/// Word-level counts of a block's text.
#[derive(Default)]
struct Counts {
    words: u32,
    stopwords: u32,
    commas: u32,
    sentence_ends: u32,
}

/// Ideographs and kana: each counts as a word, since these scripts don't space words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af)
}

fn count_words(text: &str) -> Counts {
    let mut n = Counts::default();
    let mut buf = [0u8; 16];
    let mut len = 0usize;
    let mut in_word = false;
    let mut ascii_ok = true;
    let end_word = |len: usize, ascii_ok: bool, n: &mut Counts, buf: &[u8; 16]| {
        n.words += 1;
        if ascii_ok && len <= buf.len() {
            if let Ok(w) = std::str::from_utf8(&buf[..len]) {
                if STOPWORD_SET.contains(w) {
                    n.stopwords += 1;
                }
            }
        }
    };
    for c in text.chars() {
        if is_cjk(c) {
            if in_word {
                end_word(len, ascii_ok, &mut n, &buf);
                in_word = false;
            }
            n.words += 1;
            continue;
        }
        if c.is_alphanumeric() {
            if !in_word {
                in_word = true;
                len = 0;
                ascii_ok = true;
            }
            if c.is_ascii() && len < buf.len() {
                buf[len] = c.to_ascii_lowercase() as u8;
            } else {
                ascii_ok = false;
            }
            len += 1;
            continue;
        }
        if in_word {
            end_word(len, ascii_ok, &mut n, &buf);
            in_word = false;
        }
        match c {
            ',' | '，' | '、' => n.commas += 1,
            '.' | '!' | '?' | '。' | '！' | '？' => n.sentence_ends += 1,
            _ => {}
        }
    }
    if in_word {
        end_word(len, ascii_ok, &mut n, &buf);
    }
    n
}

/// Flattens the document into block elements and text blocks, iteratively.
fn flatten(doc: &Html) -> Page {
    let root = doc.tree.root();
    let mut b = Builder::new(doc.tree.nodes().len());
    b.page.title = page_title(doc);
    let mut node = root;
    loop {
        let mut close_node = false;
        if b.open(node.value()) {
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            close_node = true;
        }
        // `node` is done: close it and the ancestors it finishes, then move to the next sibling.
        loop {
            if close_node {
                b.close();
            }
            if node.id() == root.id() {
                return b.finish();
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(p) => node = p,
                None => return b.finish(),
            }
            close_node = true;
        }
    }
}

/// The text of `html > head > title`, lowercased, whitespace collapsed ("" when absent).
fn page_title(doc: &Html) -> String {
    fn child<'a>(el: ElementRef<'a>, name: &str) -> Option<ElementRef<'a>> {
        el.children()
            .filter_map(ElementRef::wrap)
            .find(|c| c.value().name() == name)
    }
    let title = child(doc.root_element(), "head").and_then(|head| child(head, "title"));
    let Some(title) = title else {
        return String::new();
    };
    let text: String = title.text().collect();
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// JSON-LD articleBody.

/// The JSON-LD body as word-trigram hashes, for matching page blocks against it.
struct LdBody {
    shingles: HashSet<u64>,
    words: usize,
    text: String,
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
                h = 0xcbf2_9ce4_8422_2325;
            }
            for l in c.to_lowercase() {
                h = (h ^ u64::from(l)).wrapping_mul(0x0100_0000_01b3);
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
    fn new(raw: &str) -> LdBody {
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
        hits * 2 >= total
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

// ---------------------------------------------------------------------------------------------
// Scoring and selection.

impl Page {
    fn block_text(&self, b: &Block) -> &str {
        &self.text[b.start as usize..b.end as usize]
    }

    fn mark_ld(&mut self, ld: &LdBody) {
        for i in 0..self.blocks.len() {
            let hit = ld.confirms(self.block_text(&self.blocks[i]));
            self.blocks[i].ld = hit;
        }
    }

    /// Sums block statistics into every ancestor (one reverse preorder pass) and hands each
    /// block's paragraph score up to five levels of containers.
    fn aggregate(&mut self) {
        let Page { els, blocks, .. } = self;
        for b in blocks.iter() {
            let e = &mut els[b.owner as usize];
            e.blocks += 1;
            e.chars += b.chars;
            e.link_chars += b.link_chars;
            if b.is_good() {
                e.good_chars += b.chars;
                e.good_blocks += 1;
            }
            if b.is_link() {
                e.link_blocks += 1;
            }
            if b.ld {
                e.ld_chars += b.chars;
            }
        }
        // Text the JSON-LD body confirms is the strongest hint there is: when some is found,
        // text it doesn't confirm counts for less.
        let unconfirmed_weight = if blocks.iter().any(|b| b.ld) {
            0.3
        } else {
            1.0
        };
        for b in blocks.iter() {
            let s = b.score() * if b.ld { 1.0 } else { unconfirmed_weight };
            if s <= 0.0 {
                continue;
            }
            let owner = &els[b.owner as usize];
            // A paragraph element's score goes to its container; a container holding text
            // directly (a div of <br>-separated paragraphs, a table cell) scores itself. A div
            // with one run of text and no block children is a paragraph too.
            let is_para = owner.tag.is_paragraph()
                || (matches!(owner.tag, Tag::Div | Tag::Other)
                    && owner.children == 0
                    && owner.own_blocks == 1);
            let mut at = if is_para { owner.parent } else { b.owner };
            for level in 0..5 {
                if at == NONE {
                    break;
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                els[at as usize].content += s / div;
                at = els[at as usize].parent;
            }
        }
        for i in (1..els.len()).rev() {
            let (head, tail) = els.split_at_mut(i);
            let child = &tail[0];
            let p = &mut head[child.parent as usize];
            p.chars += child.chars;
            p.link_chars += child.link_chars;
            p.good_chars += child.good_chars;
            p.good_blocks += child.good_blocks;
            p.link_blocks += child.link_blocks;
            p.ld_chars += child.ld_chars;
            p.imgs += child.imgs;
            p.h1s += child.h1s;
            p.blocks += child.blocks;
        }
    }

    /// A candidate container's final score (0 for elements no paragraph scored).
    fn score(&self, i: u32) -> f32 {
        let e = &self.els[i as usize];
        if e.content <= 0.0 || e.tag == Tag::Root {
            return 0.0;
        }
        (e.content + e.tag.initial_score() + f32::from(e.hint)) * (1.0 - e.link_density())
    }

    fn is_ancestor(&self, a: u32, b: u32) -> bool {
        a < b && b < self.els[a as usize].end
    }

    fn is_top_level(&self, i: u32) -> bool {
        matches!(self.els[i as usize].tag, Tag::Root | Tag::Body)
    }

    /// The story unit holding `i` (or `i` itself): an `<article>` with its own `<h1>`, as on
    /// pages that append the next story below. NONE when there is none. (Live-blog entries are
    /// `<article>`s without `<h1>`: the blog is their sum.)
    fn enclosing_story(&self, mut i: u32) -> u32 {
        while i != NONE {
            let e = &self.els[i as usize];
            if e.tag == Tag::Article && e.h1s > 0 {
                break;
            }
            i = e.parent;
        }
        i
    }

    /// Whether the search for a wider container may go up to the ancestor `p`: not past the
    /// story unit `limit` holding the candidate (the one beside it is another story).
    fn may_widen_to(&self, limit: u32, p: u32) -> bool {
        p != NONE && !self.is_top_level(p) && (limit == NONE || p >= limit)
    }

    /// The element holding the article, by score, refined the way Readability does it.
    fn top_candidate(&self, scores: &[f32]) -> Option<u32> {
        let mut ranked: Vec<u32> = (0..self.els.len() as u32)
            .filter(|&i| scores[i as usize] > 0.0)
            .collect();
        if ranked.is_empty() {
            return None;
        }
        ranked.sort_by(|&a, &b| {
            scores[b as usize]
                .total_cmp(&scores[a as usize])
                .then(a.cmp(&b))
        });
        let mut top = ranked[0];
        let top_score = scores[top as usize];

        // Several near-equal candidates under one ancestor: the article is that ancestor.
        let alternatives: Vec<u32> = ranked[1..ranked.len().min(5)]
            .iter()
            .copied()
            .filter(|&a| scores[a as usize] >= top_score * 0.75)
            .collect();
        let limit = self.enclosing_story(top);
        if alternatives.len() >= 3 {
            let mut p = self.els[top as usize].parent;
            while self.may_widen_to(limit, p) {
                let shared = alternatives
                    .iter()
                    .filter(|&&a| self.is_ancestor(p, a))
                    .count();
                if shared >= 3 {
                    top = p;
                    break;
                }
                p = self.els[p as usize].parent;
            }
        }

        // A parent scoring higher than its child holds more of the article.
        let mut last = scores[top as usize];
        let threshold = last / 3.0;
        let mut p = self.els[top as usize].parent;
        while self.may_widen_to(limit, p) {
            let s = scores[p as usize];
            if s > 0.0 {
                if s < threshold {
                    break;
                }
                if s > last {
                    top = p;
                    break;
                }
                last = s;
            }
            p = self.els[p as usize].parent;
        }

        // An only child: look at its parent, whose siblings may hold the rest.
        loop {
            let p = self.els[top as usize].parent;
            if p == NONE || self.is_top_level(p) || self.els[p as usize].children != 1 {
                break;
            }
            top = p;
        }
        Some(self.prefer_marked_body(top))
    }

    /// An `itemprop="articleBody"` element wins when it holds at least half the text the
    /// scoring found.
    fn prefer_marked_body(&self, top: u32) -> u32 {
        let marked = (0..self.els.len() as u32)
            .filter(|&i| self.els[i as usize].body_mark)
            .max_by_key(|&i| self.els[i as usize].good_chars);
        match marked {
            Some(m)
                if self.els[m as usize].good_chars * 2 >= self.els[top as usize].good_chars
                    && self.els[m as usize].good_chars > 0 =>
            {
                m
            }
            _ => top,
        }
    }

    /// The top candidate and those of its siblings that look like more of the same article.
    fn containers(&self, top: u32, scores: &[f32]) -> Vec<u32> {
        let parent = self.els[top as usize].parent;
        if parent == NONE || self.is_top_level(top) {
            return vec![top];
        }
        let top_el = &self.els[top as usize];
        let threshold = (scores[top as usize] * 0.2).max(10.0);
        // When the JSON-LD body confirms the container, siblings must be confirmed too.
        let ld_strict = top_el.ld_chars * 2 >= top_el.chars && top_el.ld_chars > 0;
        let mut out = Vec::new();
        let mut c = parent + 1;
        let end = self.els[parent as usize].end;
        while c < end {
            let e = &self.els[c as usize];
            let include = c == top || {
                let mut s = scores[c as usize];
                if e.class_key != 0 && e.class_key == top_el.class_key {
                    s += scores[top as usize] * 0.2;
                }
                let confirmed = !ld_strict || e.ld_chars * 2 >= e.chars;
                // A sibling with an <h1> is the story's header or the next story.
                confirmed
                    && e.h1s == 0
                    && ((s >= threshold && e.hint >= 0) || self.sibling_paragraph(c))
            };
            if include {
                out.push(c);
            }
            c = e.end;
        }
        out
    }

    /// A paragraph beside the container that reads as part of the article.
    fn sibling_paragraph(&self, i: u32) -> bool {
        let e = &self.els[i as usize];
        if e.tag != Tag::P || e.hint < 0 {
            return false;
        }
        let ld = e.link_density();
        // Unlike Readability, a sentence ending is required: standfirsts and decks lack one.
        e.ends_punct
            && ((e.chars > 80 && ld < 0.25)
                || (e.chars > 0 && ld == 0.0 && e.good_chars == e.chars))
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering the chosen containers.

/// Where an element stands with respect to the chosen containers.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    Outside,
    Kept,
    /// Furniture by its shape (link-dense, a captioned photo): text the JSON-LD body confirms
    /// is kept all the same.
    Pruned,
    /// Furniture by its name (related, pull quote, newsletter...): dropped whatever the JSON-LD
    /// body says, since pull quotes repeat the body.
    Boilerplate,
}

impl Page {
    /// Marks the containers' subtrees, pruning nested furniture: elements with negative hints,
    /// link-dense boxes and lists of story links, unless they hold half the article's text.
    fn zones(&self, roots: &[u32]) -> Vec<Zone> {
        let mut zone = vec![Zone::Outside; self.els.len()];
        let total_good: u32 = roots.iter().map(|&r| self.els[r as usize].good_chars).sum();
        for &r in roots {
            zone[r as usize] = Zone::Kept;
            for i in r + 1..self.els[r as usize].end {
                let e = &self.els[i as usize];
                let parent_zone = zone[e.parent as usize];
                zone[i as usize] = if parent_zone == Zone::Kept {
                    self.furniture(e, total_good)
                } else {
                    parent_zone
                };
            }
        }
        zone
    }

    /// The zone of an element inside a kept one.
    fn furniture(&self, e: &El, total_good: u32) -> Zone {
        if e.good_chars > 0 && e.good_chars * 2 >= total_good {
            return Zone::Kept;
        }
        if e.hint <= STRONG_NEGATIVE_HINT {
            return Zone::Boilerplate;
        }
        // A picture with a line or two of text beside it is a captioned photo.
        let captioned_image = e.imgs > 0 && !e.tag.is_paragraph() && e.chars < 250 && e.blocks <= 2;
        if e.hint < 0
            || captioned_image
            || (e.chars > 0 && e.link_density() > 0.5)
            || (e.link_blocks >= 2 && e.link_blocks >= e.good_blocks)
        {
            Zone::Pruned
        } else {
            Zone::Kept
        }
    }

    /// Whether a block inside the kept zone is body text.
    fn keep_block(&self, b: &Block) -> bool {
        let owner = &self.els[b.owner as usize];
        if owner.tag == Tag::H1 {
            return false;
        }
        if b.ld {
            return true;
        }
        if b.link_density() > 0.5 {
            return false;
        }
        let text = self.block_text(b);
        if is_junk_line(text, b.words as usize) || self.repeats_title(b) {
            return false;
        }
        let prose_tag = owner.tag.is_paragraph();
        !(!prose_tag && b.words < 4 && !b.ends_with_punct)
    }

    /// The headline, repeated in the body's container (often as an `<h2>`).
    fn repeats_title(&self, b: &Block) -> bool {
        // Byte lengths bound the test cheaply: lowercasing rarely changes them.
        b.words <= 30 && b.chars >= 10 && (b.end - b.start) as usize <= self.title.len() + 8 && {
            let text = self.block_text(b).to_lowercase();
            self.title.contains(&text)
        }
    }

    /// Titles and labels (headings, short lines without final punctuation) stand only before
    /// kept text: "Related stories" above a pruned list goes with the list.
    fn is_label(&self, b: &Block) -> bool {
        // List items are short by nature: a kept list keeps them all.
        let tag = self.els[b.owner as usize].tag;
        tag.is_heading() || (tag != Tag::Item && b.words <= 8 && !b.ends_with_punct)
    }

    /// A kept block's text without the furniture lines a single `<br>` set apart in it (the
    /// headline and byline atop a table cell of `<br>`-separated text).
    fn kept_lines(&self, b: &Block) -> std::borrow::Cow<'_, str> {
        let text = self.block_text(b);
        let (first, last) = b.lines;
        if first == last || b.ld {
            return text.into();
        }
        let mut bounds = vec![b.start];
        bounds.extend_from_slice(&self.line_starts[first as usize..last as usize]);
        bounds.push(b.end);
        let mut kept: Vec<&str> = Vec::new();
        let mut next_kept = false;
        for w in bounds.windows(2).rev() {
            let line = self.text[w[0] as usize..w[1] as usize].trim();
            let words = count_words(line).words as usize;
            let label = words <= 8 && !line.chars().next_back().is_some_and(is_terminal_punct);
            let keep = !line.is_empty()
                && !is_junk_line(line, words)
                && !self.title.contains(&line.to_lowercase())
                && (!label || next_kept);
            if keep {
                kept.push(line);
            }
            next_kept = keep;
        }
        kept.reverse();
        kept.join(" ").into()
    }

    /// Renders the kept blocks; "" for pages that aren't articles (fewer than `min_words`).
    fn render(&self, roots: &[u32], pass: Pass) -> (String, usize) {
        let zone = self.zones(roots);
        let n = self.blocks.len();
        let mut keep = vec![false; n];
        // Whether the next block that decides a label's fate is kept. A dropped box or line
        // between a subhead and its text (newsletter box, ad label) doesn't decide; links do
        // ("Related stories" above a list of links goes with the list).
        let mut next_kept = false;
        for i in (0..n).rev() {
            let b = &self.blocks[i];
            let z = zone[b.owner as usize];
            let k = (z == Zone::Kept || (z == Zone::Pruned && b.ld)) && self.keep_block(b);
            keep[i] = k && (b.ld || !self.is_label(b) || next_kept);
            if keep[i] || b.is_link() || z == Zone::Outside {
                next_kept = keep[i];
            }
        }
        if self.is_listing(&zone, &keep, pass.listing_headlines) {
            return (String::new(), 0);
        }
        let mut out = String::new();
        let mut words = 0.0f32;
        let mut ld_chars = 0u32;
        let mut chars = 0u32;
        for (i, b) in self.blocks.iter().enumerate() {
            if !keep[i] {
                continue;
            }
            let text = self.kept_lines(b);
            if text.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&text);
            words += b.words as f32 * (1.0 - b.link_density());
            chars += b.chars;
            if b.ld {
                ld_chars += b.chars;
            }
        }
        let confirmed = ld_chars > 0 && ld_chars * 2 >= chars;
        let min = if confirmed {
            MIN_CONFIRMED_WORDS.min(pass.min_words)
        } else {
            pass.min_words
        };
        let words = words.round() as usize;
        if words < min {
            return (String::new(), 0);
        }
        (out, words)
    }

    /// A section front: the kept zone is mostly story headlines with short teasers. Headline
    /// links after the last kept block do not count: a short article that ends in a run of
    /// "you may also like" links is still an article (on a front, links and teasers alternate).
    fn is_listing(&self, zone: &[Zone], keep: &[bool], min_headlines: usize) -> bool {
        let mut headlines = 0usize;
        let mut interleaved = 0usize;
        let mut kept = 0usize;
        let mut kept_words = 0usize;
        for (i, b) in self.blocks.iter().enumerate() {
            if keep[i] {
                kept += 1;
                kept_words += b.words as usize;
                interleaved = headlines;
                continue;
            }
            // A headline link pruned on its own counts; one inside a pruned box does not.
            let owner = &self.els[b.owner as usize];
            let visible = zone[b.owner as usize] == Zone::Kept
                || (owner.parent != NONE && zone[owner.parent as usize] == Zone::Kept);
            if visible && b.is_link() && (3..=25).contains(&b.words) {
                headlines += 1;
            }
        }
        let headlines = interleaved;
        // Articles have longer paragraphs than teasers, so a few link lines don't count.
        let short_blocks = kept_words < kept * LISTING_MAX_AVG_WORDS;
        (headlines >= min_headlines && headlines * 2 >= kept && short_blocks)
            || (headlines >= 8 && headlines >= kept)
    }

    /// Forgets what class and id names said, for the second pass over a page the first pass
    /// found nothing in: a story container named like furniture (`post teaser`,
    /// `promoted-story`) must not cost the page its article.
    fn ignore_negative_hints(&mut self) {
        for e in &mut self.els {
            e.hint = e.hint.max(0);
        }
    }

    /// The page's visible text when no article was found: every block that is not mostly
    /// links or a furniture line, in order; failing that, every block.
    fn visible_text(&self) -> String {
        let pick = |strict: bool| {
            self.blocks
                .iter()
                .filter(|b| {
                    !strict
                        || (b.link_density() <= 0.5
                            && !is_junk_line(self.block_text(b), b.words as usize))
                })
                .map(|b| self.block_text(b).trim())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let text = pick(true);
        if text.is_empty() {
            pick(false)
        } else {
            text
        }
    }

    /// Scores the page and renders its best container as `pass` demands.
    fn best_body(&self, pass: Pass) -> (String, usize) {
        let scores: Vec<f32> = (0..self.els.len() as u32).map(|i| self.score(i)).collect();
        match self.top_candidate(&scores) {
            Some(top) => {
                let roots = self.containers(top, &scores);
                self.render(&roots, pass)
            }
            None => (String::new(), 0),
        }
    }
}

/// A standalone furniture line: "Advertisement", "Read more: ...", "By Jane Doe", a dateline,
/// a photo credit.
fn is_junk_line(text: &str, words: usize) -> bool {
    if words > 30 {
        return false;
    }
    let lower = text.to_lowercase();
    let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if JUNK_LINE_SET.contains(bare) {
        return true;
    }
    if starts_with_link_label(&lower) || TRAILER_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    if PROMO_PHRASES.iter().any(|p| lower.contains(p)) {
        return true;
    }
    if words > META_LINE_MAX_WORDS {
        return false;
    }
    if META_LINE_PREFIXES.iter().any(|p| lower.starts_with(p)) || is_byline(text) {
        return true;
    }
    if words <= 8 && CREDIT_SUFFIXES.iter().any(|s| bare.ends_with(s)) {
        return true;
    }
    is_date_line(&lower, words)
}

/// "By Jane Doe and John Roe, Reuters", not "By Tuesday, the river had risen.": after "By",
/// only capitalised names, date tokens and a few joining words.
fn is_byline(text: &str) -> bool {
    let Some(rest) = text
        .strip_prefix("By ")
        .or_else(|| text.strip_prefix("BY "))
        .or_else(|| text.strip_prefix("by "))
    else {
        return false;
    };
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let lower = w.to_lowercase();
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || BYLINE_WORDS.contains(&lower.as_str())
                || DATE_WORD_SET.contains(lower.as_str())
        })
}

/// "Read more: ...", "ALSO READ | ...": a label, then a separator.
fn starts_with_link_label(lower: &str) -> bool {
    LINK_LINE_LABELS.iter().any(|label| {
        lower.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with([':', '|', '-', '–', '—', '»', '>'])
        })
    })
}

/// A short line made of dates, times and words like "Updated".
fn is_date_line(lower: &str, words: usize) -> bool {
    if words == 0 || words > 10 {
        return false;
    }
    let mut dateish = 0;
    let mut total = 0;
    for token in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        total += 1;
        if token.chars().all(|c| c.is_ascii_digit()) || DATE_WORD_SET.contains(token) {
            dateish += 1;
        }
    }
    total > 0 && dateish * 10 >= total * 7
}

// ---------------------------------------------------------------------------------------------
// Entry point.

/// A page's body text and whether it is the article's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// Paragraphs in order, joined by "\n\n"; empty only when the page shows no text at all.
    pub text: String,
    /// `Article` when main-content extraction found the story, `Page` for the fallback.
    pub kind: ExtractionKind,
}

/// The article's own body text, by a cascade that falls back instead of refusing: the
/// strict pass; then, when it finds nothing, a pass that ignores class and id names and
/// accepts short stories (briefs, teasers, paywalled leads); then the page's visible text.
pub fn extract_body(doc: &Html, ld_body: Option<&str>) -> Body {
    let ld = ld_body
        .map(LdBody::new)
        .filter(|l| l.words >= MIN_CONFIRMED_WORDS);
    let mut page = flatten(doc);
    if let Some(ld) = &ld {
        page.mark_ld(ld);
    }
    page.aggregate();
    let (mut text, mut words) = page.best_body(FIRST_PASS);
    if let Some(ld) = &ld {
        // The DOM gave much less than the JSON-LD body: a script-rendered or paywalled page.
        if ld.words >= MIN_BODY_WORDS && words * 2 < ld.words {
            return Body {
                text: ld.text.clone(),
                kind: ExtractionKind::Article,
            };
        }
    }
    if text.is_empty() {
        page.ignore_negative_hints();
        (text, words) = page.best_body(SECOND_PASS);
    }
    if text.is_empty() {
        if let Some(ld) = ld {
            return Body {
                text: ld.text,
                kind: ExtractionKind::Article,
            };
        }
        return Body {
            text: page.visible_text(),
            kind: ExtractionKind::Page,
        };
    }
    debug_assert!(words > 0);
    Body {
        text,
        kind: ExtractionKind::Article,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four sentences of invented prose, long enough to pass the article threshold.
    const P1: &str = "The city council voted on Tuesday to rebuild the old river bridge, ending a debate that had lasted for almost a decade.";
    const P2: &str = "Engineers said the new crossing, which will carry trams as well as cars, should open to traffic in the spring of next year.";
    const P3: &str = "Residents of the eastern district, who have waited years for a faster route into town, welcomed the decision at a packed meeting.";
    const P4: &str = "The mayor said the cost would be shared with the regional government, although the final figure has not yet been agreed.";

    /// The article text main-content extraction finds; "" when the page fell back to its text.
    fn body(html: &str) -> String {
        article_text(extract_body(&Html::parse_document(html), None))
    }

    fn article_text(b: Body) -> String {
        match b.kind {
            ExtractionKind::Article => b.text,
            ExtractionKind::Page => String::new(),
        }
    }

    fn page(inner: &str) -> String {
        format!("<html><head><title>T</title></head><body>{inner}</body></html>")
    }

    fn paras(ps: &[&str]) -> String {
        ps.iter().map(|p| format!("<p>{p}</p>")).collect()
    }

    #[test]
    fn keeps_article_paragraphs_in_order_and_drops_page_furniture() {
        let html = page(&format!(
            r#"<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
            <div class="layout"><article><h1>Bridge to be rebuilt</h1>{}</article>
            <aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Story one about a thing</a></li>
            <li><a href="/b">Story two about another thing</a></li></ul></aside></div>
            <footer><p>Copyright 2024 The Paper. All rights reserved, every single one of them.</p></footer>"#,
            paras(&[P1, P2, P3, P4])
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn drops_metadata_and_furniture_lines_inside_the_article() {
        let html = page(&format!(
            r#"<article><div class="story">
            <p>By Jane Doe and John Roe</p><p>Updated: 15 Feb 2021, 07:50 PM IST</p>
            <p>March 3, 2021</p>
            <p>{P1}</p><p>Advertisement</p><p>{P2}</p><div>ADVERTISEMENT</div>
            <p>Story continues below</p><p>Read more: <a href="/x">Another story about bridges in the region</a></p>
            <p>{P3}</p><p>Also read: <a href="/y">Why the tram network keeps growing</a></p>
            <p>Related: Tram fares to rise in May</p><p>(Photo: Jane Doe/Reuters)</p><p>{P4}</p>
            </div></article>"#
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn drops_boxes_nested_inside_the_article() {
        let html = page(&format!(
            r#"<article><div class="article-body"><p>{P1}</p>
            <div class="related-stories"><h3>Related</h3><ul>
              <li><a href="/1">Council approves new budget for the year</a></li>
              <li><a href="/2">Tram line extension opens to the public</a></li></ul></div>
            <p>{P2}</p>
            <div class="newsletter-signup"><p>Get our morning briefing, with the day's news in five minutes, every weekday.</p></div>
            <div class="share-bar"><a href="/s">Share</a> <a href="/t">Tweet</a></div>
            <p>{P3}</p>
            <div><div class="card"><p>Teaser text for some other story in the paper</p><h3><a href="/c1">A headline of another story here</a></h3></div>
            <div class="card"><p>Teaser text for yet another story in the paper</p><h3><a href="/c2">A second headline of a story here</a></h3></div></div>
            <figure><img src="x.jpg"><figcaption>The bridge at night. Photograph: Jane Doe</figcaption></figure>
            <p>{P4}</p></div></article>"#
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn skips_code_forms_and_hidden_elements() {
        let html = page(&format!(
            r#"<article><p>{P1}</p><script>var s = "a long script string, with commas, and words.";</script>
            <style>p {{ color: red }}</style><noscript>Please enable JavaScript to read the comments here.</noscript>
            <template><p>Template paragraph that should never show up in the text.</p></template>
            <svg><text>chart label</text></svg><p>{P2}</p>
            <form><p>Sign up to receive our weekly digest of the most important stories, free.</p><button>Sign up</button></form>
            <iframe src="/embed">frame text</iframe>
            <p hidden>A hidden paragraph that only appears when the reader clicks a button here.</p>
            <p aria-hidden="true">An aria-hidden paragraph that screen readers never see, nor should we.</p>
            <p style="display: none">A paragraph styled away with display none, for some reason.</p>
            <p>{P3}</p><p>{P4}</p></article>"#
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn a_page_hidden_behind_a_dialog_still_yields_its_article() {
        let html = page(&format!(
            r#"<div class="wrap" aria-hidden="true"><article>{}</article></div>
            <div role="dialog"><p>We use cookies to improve your experience on our site, and to show ads.</p></div>"#,
            paras(&[P1, P2, P3, P4])
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn reads_div_paragraphs() {
        let html = page(&format!(
            r#"<div class="nav"><a href="/">Home</a></div>
            <div id="story"><div>{P1}</div><div>{P2}</div><div>{P3}</div><div>{P4}</div></div>"#
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn splits_table_cells_on_double_br_and_reads_font_tags() {
        let html = page(&format!(
            r#"<table><tr><td width="120"><a href="/">Home</a><br><a href="/n">News</a></td>
            <td><font face="Arial" size="2">{P1}<br><br>{P2}<br>
            <br>{P3}<br/><br/><font color="red">{P4}</font></font></td></tr></table>"#
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn drops_headline_and_byline_lines_atop_a_br_separated_cell() {
        let html = page(&format!(
            r#"<table><tr><td><b>Bridge to be rebuilt at last</b><br>By Tom Archer, 14 March 2003<br><br>
            {P1}<br><br>{P2}<br><br>{P3}<br><br>{P4}</td></tr></table>"#
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn keeps_a_sentence_that_merely_starts_with_by() {
        let html = page(&format!(
            "<article><p>{P1}</p><p>By Tuesday, the river had risen again.</p>{}</article>",
            paras(&[P2, P3, P4])
        ));
        assert!(body(&html).contains("By Tuesday, the river had risen again."));
    }

    #[test]
    fn splits_preformatted_text_on_blank_lines() {
        let html = page(&format!(
            "<pre>{P1}\n\n{}\n{}\n\n{P3}\n\n{P4}</pre>",
            &P2[..60],
            &P2[60..]
        ));
        let p2 = format!("{} {}", &P2[..60], &P2[60..]);
        assert_eq!(body(&html), [P1, p2.as_str(), P3, P4].join("\n\n"));
    }

    #[test]
    fn a_single_br_is_a_space() {
        let html = page(&format!(
            "<article><p>{P1}<br>{P2}</p><p>{P3}</p><p>{P4}</p></article>"
        ));
        assert_eq!(
            body(&html),
            [format!("{P1} {P2}").as_str(), P3, P4].join("\n\n")
        );
    }

    #[test]
    fn keeps_subheadings_lists_and_quotes_inside_the_body() {
        let html = page(&format!(
            r#"<article><h1>Headline</h1><p>{P1}</p><h2>What happens next</h2><p>{P2}</p>
            <ul><li>The bridge closes in March for demolition work.</li><li>A ferry will run while it is shut.</li></ul>
            <p>{P3}</p><ol><li>Demolition</li><li>Foundations</li><li>New deck</li></ol>
            <blockquote>It is the biggest project the city has seen in years, said an engineer.</blockquote>
            <h3>Costs</h3><p>{P3}</p><p>{P4}</p></article>"#
        ));
        let expected = [
            P1,
            "What happens next",
            P2,
            "The bridge closes in March for demolition work.",
            "A ferry will run while it is shut.",
            P3,
            "Demolition",
            "Foundations",
            "New deck",
            "It is the biggest project the city has seen in years, said an engineer.",
            "Costs",
            P3,
            P4,
        ];
        assert_eq!(body(&html), expected.join("\n\n"));
    }

    #[test]
    fn normalises_whitespace_within_a_paragraph() {
        let html = page(&format!(
            "<article><p>  The   council\n\tvoted&nbsp; on <b>Tuesday</b>,\n and   then  <i>left</i>. </p>{}</article>",
            paras(&[P1, P2, P3])
        ));
        let out = body(&html);
        assert!(
            out.starts_with("The council voted on Tuesday, and then left.\n\n"),
            "{out}"
        );
    }

    #[test]
    fn joins_a_body_split_around_an_ad() {
        let html = page(&format!(
            r#"<div class="wrap"><div class="text">{}</div><div class="ad-slot">Advertisement</div>
            <div class="text">{}</div></div><div class="comments"><p>Great article, thanks for sharing it with us all!</p></div>"#,
            paras(&[P1, P2]),
            paras(&[P3, P4])
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn section_fronts_and_error_pages_are_not_articles() {
        let mut links = String::new();
        for i in 0..30 {
            links.push_str(&format!(
                r#"<div class="item"><h3><a href="/s{i}">Story number {i} about the council and the bridge</a></h3>
                <p>A short teaser for story {i}, about local news.</p></div>"#
            ));
        }
        assert_eq!(body(&page(&format!("<main>{links}</main>"))), "");
        let not_found = page(
            r#"<nav><a href="/">Home</a></nav><h1>Page not found</h1>
            <p>Sorry, the page you were looking for does not exist.</p><p><a href="/">Go home</a></p>"#,
        );
        assert_eq!(body(&not_found), "");
        let login = page(
            r#"<div class="login"><h2>Sign in to keep reading</h2><form><input name="u"><input name="p">
            <button>Log in</button></form><p>Not a member yet? <a href="/join">Subscribe now</a></p></div>"#,
        );
        assert_eq!(body(&login), "");
    }

    #[test]
    fn a_page_without_an_article_keeps_its_visible_text() {
        let front = page(
            r#"<nav><a href="/">Home</a></nav><h1>Page not found</h1>
            <p>Sorry, the page you were looking for does not exist.</p>"#,
        );
        let b = extract_body(&Html::parse_document(&front), None);
        assert_eq!(b.kind, ExtractionKind::Page);
        assert!(
            b.text.contains("Sorry, the page you were looking for"),
            "{}",
            b.text
        );
        assert!(!b.text.contains("Home"), "{}", b.text);
    }

    #[test]
    fn furniture_lines_are_known_in_the_languages_of_our_pages() {
        for line in [
            "Lesen Sie auch: Die neue Brücke",
            "Anzeige",
            "Lee también: El puente nuevo",
            "Suscríbete a nuestro boletín",
            "Lire aussi : le nouveau pont",
            "Leggi anche: il nuovo ponte",
            "Leia também: a nova ponte",
        ] {
            let words = count_words(line).words as usize;
            assert!(is_junk_line(line, words), "{line}");
        }
        assert!(!is_junk_line(P1, count_words(P1).words as usize));
    }

    #[test]
    fn a_brief_is_an_article() {
        let brief = page(
            "<article><h1>Bridge closed</h1><p>The old river bridge will close for repairs on Monday, the council said.</p></article>",
        );
        let b = extract_body(&Html::parse_document(&brief), None);
        assert_eq!(b.kind, ExtractionKind::Article);
        assert!(b.text.starts_with("The old river bridge"), "{}", b.text);
    }

    #[test]
    fn a_story_container_named_like_furniture_still_yields_its_story() {
        let html = page(&format!(
            r#"<div class="teaser-story promo">{}</div><div class="sidebar"><a href="/x">Other</a></div>"#,
            paras(&[P1, P2])
        ));
        let b = extract_body(&Html::parse_document(&html), None);
        assert_eq!(b.kind, ExtractionKind::Article);
        assert!(b.text.contains(P1) && b.text.contains(P2), "{}", b.text);
    }

    #[test]
    fn a_short_article_ending_in_related_links_is_not_a_listing() {
        let mut related = String::new();
        for i in 0..7 {
            related.push_str(&format!(
                r#"<p><a href="/r{i}">Another story about the council and the bridge, part {i}</a></p>"#
            ));
        }
        let html = page(&format!(
            "<div class=\"entry\">{}{related}</div>",
            paras(&[P1, P2])
        ));
        let out = body(&html);
        assert!(out.contains(P1) && out.contains(P2), "{out}");
        assert!(!out.contains("Another story"), "{out}");
    }

    #[test]
    fn prefers_the_marked_article_body() {
        let html = page(&format!(
            r#"<div class="page"><div itemprop="articleBody">{}</div>
            <div class="box"><p>{P4}</p></div></div>"#,
            paras(&[P1, P2, P3])
        ));
        assert_eq!(body(&html), [P1, P2, P3].join("\n\n"));
    }

    #[test]
    fn uses_json_ld_body_when_the_dom_has_none() {
        let ld = [P1, P2, P3, P4].join("\n");
        let html = page(r#"<div id="app"><a href="/">Home</a></div>"#);
        let out = article_text(extract_body(&Html::parse_document(&html), Some(&ld)));
        assert_eq!(out, [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn json_ld_body_picks_the_container_it_agrees_with() {
        let other = "A different text block, with many commas, many words, and many clauses, that is long enough to win on its own, maybe, perhaps, possibly, certainly.";
        let html = page(&format!(
            r#"<div class="a">{}</div><div class="b">{}</div>"#,
            paras(&[P1, P2, P3]),
            paras(&[other, other, other, other])
        ));
        let ld = [P1, P2, P3].join(" ");
        let out = article_text(extract_body(&Html::parse_document(&html), Some(&ld)));
        assert_eq!(out, [P1, P2, P3].join("\n\n"));
    }

    #[test]
    fn a_teaser_json_ld_body_does_not_cut_the_article() {
        let html = page(&format!("<article>{}</article>", paras(&[P1, P2, P3, P4])));
        let out = article_text(extract_body(&Html::parse_document(&html), Some(P1)));
        assert_eq!(out, [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn survives_very_deep_nesting_on_a_small_stack() {
        let handle = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(|| {
                // 100,000 levels: custom elements (blocks to us) alternating with spans. Not
                // <div>: html5ever's scope checks make parsing deep divs quadratic.
                let pairs = 50_000;
                let mut html = String::from("<html><body>");
                html.push_str(&"<x-box><span>".repeat(pairs));
                html.push_str(&paras(&[P1, P2, P3, P4]));
                html.push_str(&"</span></x-box>".repeat(pairs));
                html.push_str("</body></html>");
                let doc = Html::parse_document(&html);
                let out = article_text(extract_body(&doc, None));
                // Dropping the tree is iterative in ego_tree, but keep the check explicit.
                drop(doc);
                out
            })
            .expect("spawn");
        let out = handle.join().expect("no stack overflow");
        assert!(out.contains(P1) && out.contains(P4), "{out}");
    }

    #[test]
    fn stops_before_the_next_story_appended_below() {
        let html = page(&format!(
            r#"<main><article><h1>Bridge to be rebuilt</h1><div class="body">{}</div></article>
            <article><h1>Tram fares to rise</h1><div class="body">{}</div></article></main>"#,
            paras(&[P1, P2, P3]),
            paras(&[P4, P4, P4])
        ));
        assert_eq!(body(&html), [P1, P2, P3].join("\n\n"));
    }

    #[test]
    fn live_blog_entries_make_one_body() {
        let mut entries = String::new();
        for (i, p) in [P1, P2, P3, P4].iter().enumerate() {
            entries.push_str(&format!(
                r#"<article class="entry"><time>1{i}:00</time><h3>Update {i} from the council</h3>
                <div class="entry-body"><p>{p}</p></div><footer>Posted by Jane Doe</footer></article>"#
            ));
        }
        let html = page(&format!(
            r#"<h1>Council live</h1><div class="feed">{entries}</div>"#
        ));
        let out = body(&html);
        for (i, p) in [P1, P2, P3, P4].iter().enumerate() {
            assert!(
                out.contains(&format!("Update {i} from the council\n\n{p}")),
                "{out}"
            );
        }
        assert!(!out.contains("Posted by"), "{out}");
    }

    #[test]
    fn drops_standfirst_pull_quote_fact_box_and_captioned_photo() {
        let html = page(&format!(
            r#"<article><h1>Bridge</h1><p class="standfirst">A decade of debate ends with a vote</p>
            <div class="content"><p>{P1}</p><blockquote class="pull-quote">The biggest project the city has seen.</blockquote>
            <p>{P2}</p><div class="infobox"><h3>At a glance</h3><p>Length: 300 metres. Cost: unknown.</p></div>
            <div class="pic"><img src="a.jpg"><span>The old bridge in 1950.</span></div>
            <p>{P3}</p><p>{P4}</p></div></article>"#
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn a_subhead_survives_a_box_between_it_and_its_text() {
        let html = page(&format!(
            r#"<article><p>{P1}</p><p>{P2}</p><h2>Costs</h2>
            <div class="newsletter"><p>Get the evening briefing, every weekday, straight to you.</p></div>
            <p>{P3}</p><h3>Related</h3><ul><li><a href="/a">Another story about the bridge</a></li>
            <li><a href="/b">Yet another story about trams</a></li></ul><p>{P4}</p></article>"#
        ));
        assert_eq!(body(&html), [P1, P2, "Costs", P3, P4].join("\n\n"));
    }

    #[test]
    fn json_ld_does_not_revive_a_pull_quote() {
        let html = page(&format!(
            r#"<article><p>{P1}</p><blockquote class="pullquote"><p>{P2}</p></blockquote>{}</article>"#,
            paras(&[P2, P3, P4])
        ));
        let ld = [P1, P2, P3, P4].join("\n");
        let out = article_text(extract_body(&Html::parse_document(&html), Some(&ld)));
        assert_eq!(out, [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn drops_wire_trailers_and_promos() {
        let html = page(&format!(
            r#"<article>{}<p>Reporting by Jane Doe; Editing by John Roe</p>
            <p>Copyright 2021 The Wire. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</p>
            <p>Never miss a story! Download our app now.</p></article>"#,
            paras(&[P1, P2, P3, P4])
        ));
        assert_eq!(body(&html), [P1, P2, P3, P4].join("\n\n"));
    }

    #[test]
    fn part_hints_fit_the_match_mask() {
        let parts = POSITIVE_HINTS
            .iter()
            .chain(NEGATIVE_HINTS)
            .filter(|h| matches!(h.1, Part));
        assert!(parts.count() <= 128);
    }

    #[test]
    fn class_hints_split_camel_case_and_separators() {
        assert!(name_hint("articleBody") > 0);
        assert!(name_hint("story-body main") > 0);
        assert!(name_hint("related-links") < 0);
        assert!(name_hint("ad-slot") < 0);
        assert_eq!(name_hint("header-shadow-load"), -30);
        assert!(name_hint("commentary") >= 0);
    }
}
