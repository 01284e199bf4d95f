//! Rendering the chosen containers: nested furniture pruned, labels kept only before kept
//! text, section fronts refused.

use super::flatten::{count_words, is_terminal_punct, Block, El, Page, NONE};
use super::lines::{ends_with_photo_credit, is_junk_line, is_numeric_line};
use super::tables::Tag;
use super::weights::WEIGHTS as W;
use super::Pass;

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
        if e.good_chars > 0 && e.good_chars * W.kept_box_share >= total_good {
            return Zone::Kept;
        }
        if e.hint <= W.strong_negative_hint {
            return Zone::Boilerplate;
        }
        // A picture with a line or two of text beside it is a captioned photo.
        let captioned_image = e.imgs > 0
            && !e.tag.is_paragraph()
            && e.chars < W.caption_max_chars
            && e.blocks <= W.caption_max_blocks;
        if e.hint < 0
            || captioned_image
            || (e.chars > 0 && e.link_density() > W.link_dense)
            || (e.link_blocks >= W.link_box_min_blocks && e.link_blocks >= e.good_blocks)
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
        if b.link_density() > W.link_dense {
            return false;
        }
        let text = self.block_text(b);
        if is_junk_line(text, b.words as usize) || self.repeats_title(b) {
            return false;
        }
        let prose_tag = owner.tag.is_paragraph();
        !(!prose_tag && b.words < W.short_line_words && !b.ends_with_punct)
    }

    /// The headline, repeated in the body's container (often as an `<h2>`).
    fn repeats_title(&self, b: &Block) -> bool {
        // Byte lengths bound the test cheaply: lowercasing rarely changes them.
        b.words <= W.title_max_words
            && b.chars >= W.title_min_chars
            && (b.end - b.start) as usize <= self.title.len() + W.title_slack_bytes
            && {
                let text = self.block_text(b).to_lowercase();
                self.title.contains(&text)
            }
    }

    /// Titles and labels (headings, short lines without final punctuation) stand only before
    /// kept text: "Related stories" above a pruned list goes with the list.
    fn is_label(&self, b: &Block) -> bool {
        // List items are short by nature: a kept list keeps them all.
        let tag = self.els[b.owner as usize].tag;
        tag.is_heading() || (tag != Tag::Item && b.words <= W.label_max_words && !b.ends_with_punct)
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
            let label = words <= W.label_max_words as usize
                && !line.chars().next_back().is_some_and(is_terminal_punct);
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
    pub(super) fn render(&self, roots: &[u32], pass: Pass) -> (String, usize) {
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
        self.keep_lead(&zone, &mut keep);
        self.keep_described_lead(&mut keep);
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
        let confirmed = ld_chars > 0 && ld_chars * W.confirmed_share >= chars;
        let min = if confirmed {
            W.min_confirmed_words.min(pass.min_words)
        } else {
            pass.min_words
        };
        let words = words.round() as usize;
        if words < min {
            return (String::new(), 0);
        }
        (out, words)
    }

    /// Keeps the standfirst that publishers set between the story's `<h1>` and the body's own
    /// wrapper (in the article header, beside the byline and date), which scoring leaves out.
    fn keep_lead(&self, zone: &[Zone], keep: &mut [bool]) {
        let Some(first) = keep.iter().position(|&k| k) else {
            return;
        };
        let Some(h1) = self.last_h1_in(first.saturating_sub(W.lead_max_gap), first) else {
            return;
        };
        let h1_owner = self.blocks[h1].owner;
        for (i, kept) in keep.iter_mut().enumerate().take(first).skip(h1 + 1) {
            let b = &self.blocks[i];
            let text = self.block_text(b);
            *kept = zone[b.owner as usize] == Zone::Outside
                && b.is_good()
                && !is_junk_line(text, b.words as usize)
                && !ends_with_photo_credit(text)
                && !is_numeric_line(text)
                && !self.repeats_title(b)
                && !self.named_furniture_below(b.owner, h1_owner);
        }
    }

    /// Keeps the lead that the page also gives as its description (`og:description`, `<meta
    /// name=description>`) where it is shown above the kept text, whatever its box is named:
    /// publishers set the standfirst as a teaser, a heading or a list of key points.
    fn keep_described_lead(&self, keep: &mut [bool]) {
        if self.leads.is_empty() {
            return;
        }
        let Some(first) = keep.iter().position(|&k| k) else {
            return;
        };
        let window = first.saturating_sub(W.described_lead_window);
        // After the story's <h1> when there is one: above it a description is the site's slogan.
        let from = self.last_h1_in(window, first).map_or(window, |h1| h1 + 1);
        for (b, kept) in self.blocks[from..first].iter().zip(&mut keep[from..first]) {
            if b.is_link()
                || (b.chars as usize) < W.lead_min_chars
                || self.els[b.owner as usize].tag == Tag::H1
                || self.repeats_title(b)
            {
                continue;
            }
            let text = self.block_text(b);
            if self.leads.iter().any(|d| shows_description(text, d)) {
                *kept = true;
            }
        }
    }

    /// The last block of blocks `from..to` that is an `<h1>`.
    fn last_h1_in(&self, from: usize, to: usize) -> Option<usize> {
        (from..to)
            .rev()
            .find(|&i| self.els[self.blocks[i].owner as usize].tag == Tag::H1)
    }

    /// Whether an element between `i` and the ancestor it shares with `other` (or `i` itself)
    /// is named like furniture: a teaser box beside the headline is no standfirst.
    fn named_furniture_below(&self, mut i: u32, other: u32) -> bool {
        while i != NONE && !self.is_ancestor(i, other) {
            if self.els[i as usize].hint < 0 {
                return true;
            }
            i = self.els[i as usize].parent;
        }
        false
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
            let headline_words = W.headline_min_words..=W.headline_max_words;
            if visible && b.is_link() && headline_words.contains(&b.words) {
                headlines += 1;
            }
        }
        let headlines = interleaved;
        // Articles have longer paragraphs than teasers, so a few link lines don't count.
        let short_blocks = kept_words < kept * W.listing_max_avg_words;
        (headlines >= min_headlines && headlines * W.listing_headline_share >= kept && short_blocks)
            || (headlines >= W.listing_min_headlines && headlines >= kept)
    }

    /// The page's visible text when no article was found: every block that is not mostly
    /// links or a furniture line, in order; failing that, every block.
    pub(super) fn visible_text(&self) -> String {
        let pick = |strict: bool| {
            self.blocks
                .iter()
                .filter(|b| {
                    !strict
                        || (b.link_density() <= W.link_dense
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
}

/// A block that shows the page's description: part of it (one of its key points), or its
/// opening (the description cut short with an ellipsis, or the lead going on past it).
fn shows_description(block: &str, description: &str) -> bool {
    let description = description.trim_end_matches(['…', '.', ' ']);
    let block_trimmed = block.trim_end_matches(['…', '.', ' ']);
    if block_trimmed.is_empty() {
        return false;
    }
    if description.contains(block_trimmed) {
        return true;
    }
    let opening: String = description.chars().take(W.lead_min_chars * 2).collect();
    block.starts_with(&opening)
}
