//! Every tuning number of the extractor in one place, so a retune is one edit here and a
//! review of the dev figures. Shares written "1/this" are integer ratios: the tests multiply
//! instead of dividing, so they stay exact.

/// The numbers the hints, the scoring and the rendering are tuned by.
pub(super) struct Weights {
    // Element hints (added to class/id name weights).
    /// Added for an ARIA role of article text (`POSITIVE_ROLES`).
    pub(super) positive_role: i16,
    /// Taken for an ARIA role of page furniture (`NEGATIVE_ROLES`).
    pub(super) negative_role: i16,
    /// Added for `itemprop="articleBody"`.
    pub(super) article_body_itemprop: i16,
    /// Added for `itemprop="text"`.
    pub(super) text_itemprop: i16,
    /// Taken for an `itemprop` of things that are not body text (`NEGATIVE_ITEMPROPS`).
    pub(super) negative_itemprop: i16,
    /// Taken for `aria-hidden="true"`: such boxes stay out of the body unless they hold most of
    /// the text (a saved page may hide everything behind a dialog).
    pub(super) aria_hidden: i16,
    /// Hints at or below this name boilerplate outright: such boxes are dropped even when the
    /// JSON-LD body repeats their text, and such inline elements become blocks of their own.
    pub(super) strong_negative_hint: i16,
    /// The hint of a `<header>` element (it holds page furniture).
    pub(super) header_hint: i16,
    /// The hint of a `<footer>` element.
    pub(super) footer_hint: i16,
    /// The hint of a `<form>` element.
    pub(super) form_hint: i16,

    // Readability's starting score per element type.
    /// The starting score of a `<div>`, `<section>` or `<center>`.
    pub(super) initial_div: f32,
    /// The starting score of an `<article>`.
    pub(super) initial_article: f32,
    /// The starting score of a `<main>`.
    pub(super) initial_main: f32,
    /// The starting score of a `<pre>`, a table cell or a `<blockquote>`.
    pub(super) initial_quote: f32,
    /// The starting score of a list, a list item or a `<form>`.
    pub(super) initial_list: f32,
    /// The starting score of a heading.
    pub(super) initial_heading: f32,

    // What a block is.
    /// A block of prose has at least this many words...
    pub(super) prose_min_words: u32,
    /// ...less than this share of link characters...
    pub(super) prose_max_link_density: f32,
    /// ...and a comma or sentence end, or a stopword for at least 1/this of its words.
    pub(super) prose_stopword_share: u32,
    /// A link block (a headline link, a menu entry) has at least this many characters...
    pub(super) link_block_min_chars: u32,
    /// ...of which at least this many tenths are link text.
    pub(super) link_block_tenths: u32,
    /// Above this share of link characters a block or box is links, not text: no paragraph
    /// score, pruned inside the container, left out of bodies and of the visible-text fallback.
    pub(super) link_dense: f32,

    // Paragraph scores and their way up.
    /// A block shorter than this (in characters) scores nothing.
    pub(super) paragraph_min_chars: u32,
    /// Every scoring paragraph's base score (commas and length add to it).
    pub(super) paragraph_base_score: f32,
    /// One point per this many characters...
    pub(super) chars_per_length_point: u32,
    /// ...up to this many points.
    pub(super) max_length_points: u32,
    /// A paragraph the JSON-LD body confirms has its score multiplied by this...
    pub(super) ld_paragraph_factor: f32,
    /// ...and then this added.
    pub(super) ld_paragraph_bonus: f32,
    /// When some text is confirmed by the JSON-LD body, unconfirmed paragraphs count this much.
    pub(super) unconfirmed_weight: f32,
    /// A paragraph's score goes up this many levels of containers...
    pub(super) score_levels: usize,
    /// ...divided by this at the second level...
    pub(super) grandparent_divisor: f32,
    /// ...and by the level times this above it.
    pub(super) ancestor_divisor_step: f32,

    // Choosing the container.
    /// Candidates looked at for near-equal alternatives to the top one, the top one included.
    pub(super) ranks_compared: usize,
    /// A candidate scoring at least this share of the top one is a near-equal alternative...
    pub(super) near_equal_share: f32,
    /// ...and this many of them under one ancestor make that ancestor the article.
    pub(super) shared_alternatives: usize,
    /// Going up from the candidate, an ancestor scoring under its score divided by this ends the
    /// search for a wider container.
    pub(super) widen_stop_divisor: f32,
    /// An `itemprop="articleBody"` element wins when it holds at least 1/this of the prose the
    /// top candidate holds.
    pub(super) marked_body_share: u32,
    /// Several marked sections stand for their common ancestor when they hold at least
    /// 1/this of its prose.
    pub(super) marked_sections_share: u32,
    /// Text is confirmed by the JSON-LD body when at least 1/this of its characters are
    /// (a confirmed container admits only confirmed siblings, and lowers the word bar).
    pub(super) confirmed_share: u32,
    /// A sibling joins the container when it scores at least this share of the container's
    /// score...
    pub(super) sibling_share: f32,
    /// ...and at least this much.
    pub(super) sibling_min_score: f32,
    /// A sibling with the container's class gains this share of the container's score.
    pub(super) same_class_bonus: f32,
    /// A `<p>` beside the container joins it when longer than this (in characters)...
    pub(super) sibling_paragraph_min_chars: u32,
    /// ...with less than this share of link characters (or all prose and no links).
    pub(super) sibling_paragraph_max_link_density: f32,

    // Pruning inside the container.
    /// A box holding at least 1/this of the article's prose is kept whatever it looks like.
    pub(super) kept_box_share: u32,
    /// A box with an image is a captioned photo when it has fewer characters than this...
    pub(super) caption_max_chars: u32,
    /// ...and at most this many blocks.
    pub(super) caption_max_blocks: u32,
    /// A box with at least this many link blocks, and no fewer than its prose blocks, is pruned.
    pub(super) link_box_min_blocks: u32,
    /// A line with fewer words than this, outside paragraph elements and without a final
    /// punctuation mark, is a label of the layout.
    pub(super) short_line_words: u32,
    /// A block repeating the `<title>` is at most this many words long...
    pub(super) title_max_words: u32,
    /// ...at least this many characters long...
    pub(super) title_min_chars: u32,
    /// ...and at most this many bytes longer than the title.
    pub(super) title_slack_bytes: usize,
    /// Headings and lines of at most this many words without final punctuation are labels:
    /// kept only before kept text.
    pub(super) label_max_words: u32,
    /// At most this many blocks between the story's `<h1>` and the body for a standfirst.
    pub(super) lead_max_gap: usize,
    /// A shown description is looked for in this many blocks before the kept text...
    pub(super) described_lead_window: usize,
    /// ...in blocks (and descriptions) of at least this many characters.
    pub(super) lead_min_chars: usize,

    // Section fronts and word bars.
    /// A headline link has at least this many words...
    pub(super) headline_min_words: u32,
    /// ...and at most this many.
    pub(super) headline_max_words: u32,
    /// Interleaved headlines at least 1/this as many as the kept blocks make a listing, when
    /// the pass's number of them is reached and the kept blocks are short.
    pub(super) listing_headline_share: usize,
    /// Kept blocks averaging under this many words are teasers, not an article's paragraphs.
    pub(super) listing_max_avg_words: usize,
    /// This many interleaved headlines, no fewer than the kept blocks, make a listing whatever
    /// the teasers' length.
    pub(super) listing_min_headlines: usize,
    /// The lower word bar when most of the kept text is confirmed by the JSON-LD body; also the
    /// fewest words a JSON-LD body must have to be used at all.
    pub(super) min_confirmed_words: usize,
    /// A block is confirmed by the JSON-LD body when at least 1/this of its word trigrams are
    /// in it.
    pub(super) ld_shingle_share: usize,
    /// The JSON-LD body replaces a DOM body that has under 1/this of its words.
    pub(super) dom_short_of_ld: usize,

    // Furniture lines.
    /// Longer lines (in words) are never furniture lines.
    pub(super) junk_line_max_words: usize,
    /// A metadata line (byline, update time, credit) is at most this many words long.
    pub(super) meta_line_max_words: usize,
    /// A photo credit line ("Jane Doe/Reuters") is at most this many words long.
    pub(super) credit_line_max_words: usize,
    /// A date line is at most this many words long...
    pub(super) date_line_max_words: usize,
    /// ...of which at least this many tenths are numbers or date words.
    pub(super) date_line_tenths: usize,
    /// 1/this of a line's tokens being numbers makes it a stamp, not a standfirst.
    pub(super) numeric_line_share: usize,
}

/// The weights in use.
pub(super) const WEIGHTS: Weights = Weights {
    positive_role: 25,
    negative_role: 50,
    article_body_itemprop: 50,
    text_itemprop: 20,
    negative_itemprop: 50,
    aria_hidden: 60,
    strong_negative_hint: -40,
    header_hint: -30,
    footer_hint: -40,
    form_hint: -30,

    initial_div: 5.0,
    initial_article: 10.0,
    initial_main: 5.0,
    initial_quote: 3.0,
    initial_list: -3.0,
    initial_heading: -5.0,

    prose_min_words: 8,
    prose_max_link_density: 0.3,
    prose_stopword_share: 5,
    link_block_min_chars: 10,
    link_block_tenths: 6,
    link_dense: 0.5,

    paragraph_min_chars: 25,
    paragraph_base_score: 1.0,
    chars_per_length_point: 100,
    max_length_points: 3,
    ld_paragraph_factor: 2.0,
    ld_paragraph_bonus: 3.0,
    unconfirmed_weight: 0.3,
    score_levels: 5,
    grandparent_divisor: 2.0,
    ancestor_divisor_step: 3.0,

    ranks_compared: 5,
    near_equal_share: 0.75,
    shared_alternatives: 3,
    widen_stop_divisor: 3.0,
    marked_body_share: 2,
    marked_sections_share: 2,
    confirmed_share: 2,
    sibling_share: 0.2,
    sibling_min_score: 10.0,
    same_class_bonus: 0.2,
    sibling_paragraph_min_chars: 80,
    sibling_paragraph_max_link_density: 0.25,

    kept_box_share: 2,
    caption_max_chars: 250,
    caption_max_blocks: 2,
    link_box_min_blocks: 2,
    short_line_words: 4,
    title_max_words: 30,
    title_min_chars: 10,
    title_slack_bytes: 8,
    label_max_words: 8,
    lead_max_gap: 8,
    described_lead_window: 40,
    lead_min_chars: 25,

    headline_min_words: 3,
    headline_max_words: 25,
    listing_headline_share: 2,
    listing_max_avg_words: 35,
    listing_min_headlines: 8,
    min_confirmed_words: 15,
    ld_shingle_share: 2,
    dom_short_of_ld: 2,

    junk_line_max_words: 30,
    meta_line_max_words: 14,
    credit_line_max_words: 8,
    date_line_max_words: 10,
    date_line_tenths: 7,
    numeric_line_share: 4,
};
