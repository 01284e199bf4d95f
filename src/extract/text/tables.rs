//! The patterns and thresholds the text extractor judges lines by, and its word lists from
//! the extraction lexicon (a new prompt phrase, UI word, caption mark or teaser heading goes
//! in its file under `data/extract/`).

pub(super) use crate::extract::lexicon::{
    BIO_VERBS, INLINE_TEASERS, SOCIAL_NETWORKS, TEASER_HEADINGS, UI_LINES,
};
use crate::extract::lexicon::{CAPTION_PHRASES, PROMPT_PHRASES};
use regex::Regex;
use std::sync::LazyLock;

/// A photo credit line ("Sentinel file photo", "Photo: AP") has at most this many words.
pub(super) const CREDIT_MAX_WORDS: usize = 6;
/// Lines up to this long that only point to social accounts or an e-mail address are prompts.
pub(super) const PROMPT_CONTACT_WORDS: usize = 25;
/// An author's bio ("Jane Doe is a staff writer ...") has at most this many words.
pub(super) const BIO_MAX_WORDS: usize = 35;
/// A paragraph has at least this many words (or ends a sentence, see `Kind::Sentence`).
pub(super) const PARA_MIN_WORDS: usize = 10;
/// A line this long is a paragraph even without a final full stop.
pub(super) const PARA_UNTERMINATED_WORDS: usize = 30;
/// Sentences are mostly lower-case words; headlines in title case are not.
pub(super) const MIN_LOWER_SHARE: f32 = 0.3;
/// Headlines have this many words.
pub(super) const TITLE_WORDS: std::ops::RangeInclusive<usize> = 3..=25;
/// How many non-boilerplate lines above the metadata are searched for the headline.
pub(super) const HEADLINE_REACH: usize = 4;
/// A title-like line longer than this just above the byline may be a standfirst.
pub(super) const STANDFIRST_WORDS: usize = 14;
/// Metadata lines are short.
pub(super) const META_MAX_WORDS: usize = 30;
/// How many lines after a teaser's start its timestamp line may come.
pub(super) const TEASER_REACH: usize = 4;
/// How many lines a block of unstamped teasers may run.
pub(super) const TEASER_MAX_LINES: usize = 12;
/// Paragraphs separated by more than this many boilerplate lines are separate runs.
pub(super) const MAX_GAP: usize = 5;
/// A run of paragraphs apart from the main one is kept if it has this many words (or two paragraphs).
pub(super) const MIN_SIDE_RUN_WORDS: usize = 40;
/// Dumps whose widest line falls in this range, and which have many lines
/// near that width, were hard-wrapped.
pub(super) const WRAP_WIDTHS: std::ops::RangeInclusive<usize> = 50..=100;
/// How many lines near the widest one make a dump look hard-wrapped.
pub(super) const WRAP_MIN_LINES: usize = 5;

/// Any of `phrases`, as one regex (searched all at once, which a loop of `contains` is not).
fn phrase_regex(phrases: &[&str]) -> Regex {
    let alternation: Vec<String> = phrases.iter().map(|p| regex::escape(p)).collect();
    Regex::new(&alternation.join("|")).expect("phrase list compiles")
}

pub(super) static PROMPT_RE: LazyLock<Regex> = LazyLock::new(|| phrase_regex(&PROMPT_PHRASES));
pub(super) static CAPTION_RE: LazyLock<Regex> = LazyLock::new(|| phrase_regex(&CAPTION_PHRASES));

/// "2 min read", "5 mins read", "3 minute read".
pub(super) static READ_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[0-9]+\s*(?:min|mins|minute|minutes)\s+read(?-u:\b)").unwrap()
});

/// A line that is only a time or an age: "09:22 PM IST", "2 hours ago", "Updated 5 min ago".
pub(super) static TIME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:updated|posted|published)\s*:?\s*)?(?:[0-9]{1,2}[:.][0-9]{2}\s*(?:[ap]\.?m\.?)?\s*[a-z]{0,4}|[0-9]+\s+(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago)$",
    )
    .unwrap()
});

/// Labels that open a metadata line.
pub(super) static META_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:last\s+updated|first\s+published|updated|published|posted|modified|date)(?-u:\b)\s*(?:on(?-u:\b))?\s*:?").unwrap()
});

/// A byline: "By Jane Doe", "Written by ...".
pub(super) static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[Bb]y|BY|(?i:written\s+by|reported\s+by|story\s+by|words\s+by))\s*:?\s+\p{Lu}")
        .unwrap()
});

/// Lines that close a story: wire trailers, topic lists, a first-publication note, copyright.
pub(super) static TRAILER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\(?(?:reporting|additional reporting|writing|editing|edited|compiled|produced)\s+by(?-u:\b)|(?:our standards|tags|topics|related topics|filed under|first published|originally published|copyright)(?-u:\b)|©)",
    )
    .unwrap()
});

/// The label of a first-publication date.
pub(super) static PUBLISHED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:published|posted)(?-u:\b)").unwrap());

/// A line that opens with a publication label.
pub(super) static PUBLISHED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:first\s+|originally\s+)?(?:published|posted)(?-u:\b)").unwrap()
});

/// "date 2021-02-15" as some dumps print near the top.
pub(super) static DATE_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)date\s*:?\s*([0-9]{4}-[0-9]{2}-[0-9]{2})").unwrap());
