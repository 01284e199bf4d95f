//! The DOM flattened, iteratively, into block elements and text blocks with their statistics.

use super::attrs::{name_hint, read_attrs, Attrs};
use super::tables::{
    kind_of, FastMap, Kind, Tag, NEGATIVE_ITEMPROPS, NEGATIVE_ROLES, POSITIVE_ROLES,
};
use super::weights::WEIGHTS as W;
use super::words::STOPWORD_SET;
use crate::extract::lexicon::CONSENT_NAMES;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

pub(super) const NONE: u32 = u32::MAX;

/// A block-level element, with statistics of its subtree once `aggregate` has run.
#[derive(Debug)]
pub(super) struct El {
    pub(super) parent: u32,
    /// One past the index of its last descendant: the subtree is `index..end` (preorder).
    pub(super) end: u32,
    pub(super) tag: Tag,
    /// Signed class/id/role/itemprop weight.
    pub(super) hint: i16,
    /// Marked `itemprop="articleBody"`.
    pub(super) body_mark: bool,
    /// Hash of the class attribute, to recognise siblings styled like the chosen container.
    pub(super) class_key: u64,
    /// Inside (or is) a cookie or consent dialog: its text is never the article's.
    pub(super) consent: bool,
    pub(super) children: u32,
    pub(super) own_blocks: u32,
    /// Its last own block ends like a sentence.
    pub(super) ends_punct: bool,
    /// Images below it (summed over the subtree by `aggregate`).
    pub(super) imgs: u32,
    /// `<h1>` elements in its subtree, itself included (summed by `aggregate`).
    pub(super) h1s: u32,
    /// Text blocks below it (summed over the subtree by `aggregate`).
    pub(super) blocks: u32,
    pub(super) chars: u32,
    pub(super) link_chars: u32,
    pub(super) good_chars: u32,
    pub(super) good_blocks: u32,
    pub(super) link_blocks: u32,
    pub(super) ld_chars: u32,
    /// Paragraph score handed up from the blocks below (Readability's content score).
    pub(super) content: f32,
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
            consent: false,
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

    pub(super) fn link_density(&self) -> f32 {
        link_share(self.link_chars, self.chars)
    }
}

/// The share of `chars` that is link text; 0 for no text.
fn link_share(link_chars: u32, chars: u32) -> f32 {
    if chars == 0 {
        0.0
    } else {
        link_chars as f32 / chars as f32
    }
}

/// A run of text between block boundaries: one paragraph candidate.
#[derive(Debug)]
pub(super) struct Block {
    /// Byte range in `Page::text`.
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) owner: u32,
    pub(super) chars: u32,
    pub(super) link_chars: u32,
    pub(super) words: u32,
    pub(super) stopwords: u32,
    pub(super) commas: u32,
    pub(super) sentence_ends: u32,
    pub(super) ends_with_punct: bool,
    /// Its text is found in the JSON-LD articleBody.
    pub(super) ld: bool,
    /// Range in `Page::line_starts` of the lines a single `<br>` started inside the block.
    pub(super) lines: (u32, u32),
}

impl Block {
    pub(super) fn link_density(&self) -> f32 {
        link_share(self.link_chars, self.chars)
    }
}

/// Block elements and text blocks of one page, in document order.
pub(super) struct Page {
    pub(super) els: Vec<El>,
    pub(super) blocks: Vec<Block>,
    pub(super) text: String,
    /// The `<title>`, lowercased with whitespace collapsed: a block repeating it is the headline.
    pub(super) title: String,
    /// Byte offsets in `text` where a single `<br>` started a new line inside a block.
    pub(super) line_starts: Vec<u32>,
    /// The descriptions the page gives of itself (`og:description`...), whitespace collapsed.
    pub(super) leads: Vec<String>,
}

/// What closing an open element must undo.
enum Open {
    Inline,
    Link,
    Block { pre: bool },
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
                leads: Vec::new(),
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
            if hint <= W.strong_negative_hint {
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
                // A page-wide wrapper (`<html class="no-cookies">`, `<body class="cookies-not-set">`,
                // an ASP.NET `<form>`) says nothing of the text.
                e.consent = self.page.els[parent as usize].consent
                    || (!matches!(tag, Tag::Body | Tag::Root | Tag::Form)
                        && name != "html"
                        && [attrs.class, attrs.id]
                            .into_iter()
                            .flatten()
                            .any(names_consent));
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
                w += W.positive_role;
            } else if NEGATIVE_ROLES.iter().any(|r| r.eq_ignore_ascii_case(role)) {
                w -= W.negative_role;
            }
        }
        if let Some(prop) = a.itemprop {
            let prop = prop.trim();
            if prop.eq_ignore_ascii_case("articlebody") {
                w += W.article_body_itemprop;
            } else if prop.eq_ignore_ascii_case("text") {
                w += W.text_itemprop;
            } else if NEGATIVE_ITEMPROPS
                .iter()
                .any(|p| p.eq_ignore_ascii_case(prop))
            {
                w -= W.negative_itemprop;
            }
        }
        if a.aria_hidden {
            w -= W.aria_hidden;
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

/// A class or id naming a cookie or consent dialog; such dialogs hold paragraphs of prose
/// about data use that can outscore a short story.
fn names_consent(value: &str) -> bool {
    // Compared without allocating: this runs on every element with a class or id.
    let value = value.as_bytes();
    CONSENT_NAMES.iter().any(|n| {
        value
            .windows(n.len())
            .any(|w| w.eq_ignore_ascii_case(n.as_bytes()))
    })
}

fn hash_str(s: &str) -> u64 {
    crate::fnv::hash(s.trim().as_bytes()) | 1
}

pub(super) fn is_terminal_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '"' | '\'' | ')' | ':' | ';' | '”' | '’' | '»' | '…' | '。' | '！' | '？'
    )
}

/// Word-level counts of a block's text.
#[derive(Default)]
pub(super) struct Counts {
    pub(super) words: u32,
    stopwords: u32,
    commas: u32,
    sentence_ends: u32,
}

/// Ideographs and kana: each counts as a word, since these scripts don't space words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af)
}

pub(super) fn count_words(text: &str) -> Counts {
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
pub(super) fn flatten(doc: &Html) -> Page {
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

impl Page {
    pub(super) fn block_text(&self, b: &Block) -> &str {
        &self.text[b.start as usize..b.end as usize]
    }
}
