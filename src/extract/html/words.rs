//! Word lists of furniture lines and prose, meant to be read and extended.

use super::tables::FastSet;
use crate::extract::entries;
use std::sync::LazyLock;

/// Whole blocks that are page furniture, compared lowercased with trailing punctuation removed.
static JUNK_LINES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../../data/extract/junk_lines.txt")).collect());

/// Labels that open a link line to another story ("Read more: ...", "ALSO READ | ...").
pub(super) static LINK_LINE_LABELS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../../data/extract/link_labels.txt")).collect());

/// Openings of metadata lines: bylines, update times, photo credits, copyright notices.
pub(super) const META_LINE_PREFIXES: &[&str] = &[
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
pub(super) const BYLINE_WORDS: &[&str] = &[
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
pub(super) const TRAILER_PREFIXES: &[&str] = &[
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
pub(super) static PROMO_PHRASES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../../data/extract/promo_phrases.txt")).collect());

/// Endings of photo credit lines ("Jane Doe/Reuters").
pub(super) const CREDIT_SUFFIXES: &[&str] = &[
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

/// Labels of a photo credit in parentheses that closes a caption: "... (Foto: Getty)".
pub(super) const CAPTION_CREDIT_LABELS: &[&str] = &[
    "foto",
    "fotos",
    "photo",
    "photos",
    "bild",
    "bilder",
    "image",
    "picture",
    "imagen",
    "crédit",
    "credit",
    "credits",
    "illustration",
    "ilustración",
    "quelle",
    "source",
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

pub(super) static STOPWORD_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.iter().copied().collect());
pub(super) static DATE_WORD_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| DATE_WORDS.iter().copied().collect());
pub(super) static JUNK_LINE_SET: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| JUNK_LINES.iter().copied().collect());
