//! Readability-style scoring: paragraph scores handed up to containers, the top candidate,
//! and the siblings that continue it.

use super::flatten::{Block, Page, NONE};
use super::tables::Tag;
use super::weights::WEIGHTS as W;

impl Block {
    /// Reads like a sentence of prose.
    pub(super) fn is_good(&self) -> bool {
        self.words >= W.prose_min_words
            && self.link_density() < W.prose_max_link_density
            && (self.commas + self.sentence_ends > 0
                || self.stopwords * W.prose_stopword_share >= self.words)
    }

    /// Mostly link text (a related-story headline, a menu entry).
    pub(super) fn is_link(&self) -> bool {
        self.chars >= W.link_block_min_chars
            && self.link_chars * 10 >= self.chars * W.link_block_tenths
    }

    /// Readability's paragraph score, raised for text the JSON-LD body confirms.
    fn score(&self) -> f32 {
        if self.chars < W.paragraph_min_chars || self.link_density() > W.link_dense {
            return 0.0;
        }
        let s = W.paragraph_base_score
            + self.commas as f32
            + (self.chars / W.chars_per_length_point).min(W.max_length_points) as f32;
        if self.ld {
            s * W.ld_paragraph_factor + W.ld_paragraph_bonus
        } else {
            s
        }
    }
}

impl Page {
    /// Sums block statistics into every ancestor (one reverse preorder pass) and hands each
    /// block's paragraph score up a few levels of containers.
    pub(super) fn aggregate(&mut self) {
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
            W.unconfirmed_weight
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
            for level in 0..W.score_levels {
                if at == NONE {
                    break;
                }
                let div = match level {
                    0 => 1.0,
                    1 => W.grandparent_divisor,
                    l => l as f32 * W.ancestor_divisor_step,
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
    pub(super) fn score(&self, i: u32) -> f32 {
        let e = &self.els[i as usize];
        if e.content <= 0.0 || e.tag == Tag::Root {
            return 0.0;
        }
        (e.content + e.tag.initial_score() + f32::from(e.hint)) * (1.0 - e.link_density())
    }

    pub(super) fn is_ancestor(&self, a: u32, b: u32) -> bool {
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

    /// The best candidate, or on a page that runs several stories one after another (each an
    /// `<article>` with its own `<h1>`), the best one inside the story whose headline the
    /// page's `<title>` names, when the best overall sits in another.
    fn in_own_story(&self, ranked: &[u32]) -> u32 {
        let best = ranked[0];
        let story = self.enclosing_story(best);
        if story == NONE {
            return best;
        }
        match self.story_the_title_names() {
            Some(named) if named != story => ranked
                .iter()
                .copied()
                .find(|&c| c == named || self.is_ancestor(named, c))
                .unwrap_or(best),
            _ => best,
        }
    }

    /// The first story unit whose `<h1>` the page's `<title>` names: one pass over the `<h1>`
    /// blocks, each walking up to its story.
    fn story_the_title_names(&self) -> Option<u32> {
        self.blocks
            .iter()
            .filter(|b| self.els[b.owner as usize].tag == Tag::H1 && b.chars >= W.title_min_chars)
            .filter(|b| {
                self.title
                    .contains(&self.block_text(b).trim().to_lowercase())
            })
            .map(|b| self.enclosing_story(b.owner))
            .find(|&s| s != NONE)
    }

    /// Whether the search for a wider container may go up to the ancestor `p`: not past the
    /// story unit `limit` holding the candidate (the one beside it is another story).
    fn may_widen_to(&self, limit: u32, p: u32) -> bool {
        p != NONE && !self.is_top_level(p) && (limit == NONE || p >= limit)
    }

    /// The element holding the article, by score, refined the way Readability does it.
    pub(super) fn top_candidate(&self, scores: &[f32]) -> Option<u32> {
        let mut ranked: Vec<u32> = (0..self.els.len() as u32)
            .filter(|&i| scores[i as usize] > 0.0 && !self.els[i as usize].consent)
            .collect();
        if ranked.is_empty() {
            return None;
        }
        ranked.sort_by(|&a, &b| {
            scores[b as usize]
                .total_cmp(&scores[a as usize])
                .then(a.cmp(&b))
        });
        let mut top = self.in_own_story(&ranked);
        let top_score = scores[top as usize];

        // Several near-equal candidates under one ancestor: the article is that ancestor.
        let alternatives: Vec<u32> = ranked[1..ranked.len().min(W.ranks_compared)]
            .iter()
            .copied()
            .filter(|&a| scores[a as usize] >= top_score * W.near_equal_share)
            .collect();
        let limit = self.enclosing_story(top);
        if alternatives.len() >= W.shared_alternatives {
            let mut p = self.els[top as usize].parent;
            while self.may_widen_to(limit, p) {
                let shared = alternatives
                    .iter()
                    .filter(|&&a| self.is_ancestor(p, a))
                    .count();
                if shared >= W.shared_alternatives {
                    top = p;
                    break;
                }
                p = self.els[p as usize].parent;
            }
        }

        // A parent scoring higher than its child holds more of the article.
        let mut last = scores[top as usize];
        let threshold = last / W.widen_stop_divisor;
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
        if let Some(all) = self.marked_sections() {
            if all == top || self.is_ancestor(all, top) || self.is_ancestor(top, all) {
                return all;
            }
        }
        // On a page of several stories, only the chosen story's marked body counts.
        let story = self.enclosing_story(top);
        let marked = (0..self.els.len() as u32)
            .filter(|&i| self.els[i as usize].body_mark)
            .filter(|&i| story == NONE || self.is_ancestor(story, i))
            .max_by_key(|&i| self.els[i as usize].good_chars);
        match marked {
            Some(m)
                if self.els[m as usize].good_chars * W.marked_body_share
                    >= self.els[top as usize].good_chars
                    && self.els[m as usize].good_chars > 0 =>
            {
                m
            }
            _ => top,
        }
    }

    /// The element holding every `articleBody`-marked section when a story is marked in
    /// several (one per section between photos or adverts), and those sections hold at least
    /// half its prose; None for one or no marked element, or sections of several stories.
    fn marked_sections(&self) -> Option<u32> {
        let mut outer: Vec<u32> = Vec::new();
        for i in 0..self.els.len() as u32 {
            if self.els[i as usize].body_mark
                && self.els[i as usize].good_chars > 0
                && !outer.last().is_some_and(|&o| self.is_ancestor(o, i))
            {
                outer.push(i);
            }
        }
        if outer.len() < 2 {
            return None;
        }
        let mut common = self.els[outer[0] as usize].parent;
        while common != NONE && !outer.iter().all(|&m| self.is_ancestor(common, m)) {
            common = self.els[common as usize].parent;
        }
        // A feed of stories, each marked: their common ancestor is the feed, not a story.
        if common == NONE || self.is_top_level(common) || self.els[common as usize].h1s > 1 {
            return None;
        }
        let marked: u32 = outer.iter().map(|&m| self.els[m as usize].good_chars).sum();
        (marked * W.marked_sections_share >= self.els[common as usize].good_chars).then_some(common)
    }

    /// The top candidate and those of its siblings that look like more of the same article.
    pub(super) fn containers(&self, top: u32, scores: &[f32], deep: bool) -> Vec<u32> {
        let parent = self.els[top as usize].parent;
        if parent == NONE || self.is_top_level(top) {
            return vec![top];
        }
        let top_el = &self.els[top as usize];
        // Deeply nested sections hand their paragraph scores only a few levels up: a
        // sibling is weighed by its best candidate too (TYPO3 and page builders wrap each
        // section of one story in wrappers of its own).
        let best_below = |i: u32| -> f32 {
            let end = self.els[i as usize].end;
            let own = scores[i as usize];
            if !deep {
                return own;
            }
            (i..end)
                .filter(|&d| !self.els[d as usize].consent)
                .map(|d| scores[d as usize])
                .fold(own, f32::max)
        };
        let top_best = best_below(top);
        let threshold = (top_best * W.sibling_share).max(W.sibling_min_score);
        // When the JSON-LD body confirms the container, siblings must be confirmed too.
        let ld_strict = top_el.ld_chars * W.confirmed_share >= top_el.chars && top_el.ld_chars > 0;
        let mut out = Vec::new();
        // A subheading between two kept siblings is kept with them.
        let mut heading: Option<u32> = None;
        let mut c = parent + 1;
        let end = self.els[parent as usize].end;
        while c < end {
            let e = &self.els[c as usize];
            if e.tag == Tag::Heading && e.hint >= 0 && !out.is_empty() {
                heading = Some(c);
                c = e.end;
                continue;
            }
            let include = c == top || {
                let mut s = best_below(c);
                if e.class_key != 0 && e.class_key == top_el.class_key {
                    s += scores[top as usize] * W.same_class_bonus;
                }
                let confirmed = !ld_strict || e.ld_chars * W.confirmed_share >= e.chars;
                // A sibling with an <h1> is the story's header or the next story.
                confirmed
                    && e.h1s == 0
                    && ((s >= threshold && e.hint >= 0) || self.sibling_paragraph(c))
            };
            if include {
                out.extend(heading.take());
                out.push(c);
            } else if e.blocks > 0 {
                heading = None;
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
            && ((e.chars > W.sibling_paragraph_min_chars
                && ld < W.sibling_paragraph_max_link_density)
                || (e.chars > 0 && ld == 0.0 && e.good_chars == e.chars))
    }

    /// Forgets what class and id names said, for the second pass over a page the first pass
    /// found nothing in: a story container named like furniture (`post teaser`,
    /// `promoted-story`) must not cost the page its article.
    pub(super) fn ignore_negative_hints(&mut self) {
        for e in &mut self.els {
            e.hint = e.hint.max(0);
        }
    }
}
