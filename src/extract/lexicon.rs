//! The vocabulary of extraction: every word list the extractors judge text, classes and
//! tags by, read once from `data/extract/*.txt` (compiled in) and turned into the lookup
//! each caller needs: a list where order matters (prefixes, first match wins) or the caller
//! scans for a part, a hash set where it asks for a whole word.
//!
//! To teach morgue a word, edit its file: a byline noise word in `data/extract/byline_noise.txt`,
//! a class hint in `data/extract/negative_hints.tsv`, and so on (each file's header says
//! what it holds). The date parser's month, weekday and zone names stay in
//! `src/extract/date/names.rs`, which builds regexes from them; the HTML element tables
//! (`html/tables.rs`, `FLAT_ELEMENTS`, the people tables' furniture tags) and the
//! headline's separators stay in code, being markup and punctuation, not words.
//!
//! Lists that look alike but are kept apart, because merging them would change output:
//! `agencies.txt` holds the agencies both byline readers drop; `byline_noise.txt` adds the
//! HTML byline's other noise, `text_agencies.txt` the agencies only text dumps drop;
//! `name_particles.txt` (text dumps) is shorter than `data/people/particles.txt`;
//! `furniture_words.txt` (meta), `table_furniture_words.txt` (people) and the class hints
//! (`negative_hints.tsv`) each weigh their own words. The tests at the end state the
//! relations between them.

use crate::fnv::FnvHasher;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

/// A set of words, hashed with the crate's FNV-1a.
pub(crate) type WordSet = HashSet<&'static str, BuildHasherDefault<FnvHasher>>;

/// The entries of a word-list file under `data/`: one a line, blank lines and `#` comments
/// skipped, surrounding whitespace trimmed. An entry in double quotes (`" and "`) is taken
/// as written between them, so the spaces at its ends count.
pub(crate) fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.strip_prefix('"')
                .and_then(|l| l.strip_suffix('"'))
                .unwrap_or(l)
        })
}

/// `data/extract/<file>`, compiled in.
macro_rules! data {
    ($file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/extract/", $file))
    };
}

/// A list in file order.
macro_rules! list {
    ($(#[$doc:meta])* $name:ident = $($file:literal)|+) => {
        $(#[$doc])*
        pub(crate) static $name: LazyLock<Vec<&'static str>> =
            LazyLock::new(|| [$(data!($file)),+].into_iter().flat_map(entries).collect());
    };
}

/// A set of the entries of one or more files.
macro_rules! set {
    ($(#[$doc:meta])* $name:ident = $($file:literal)|+) => {
        $(#[$doc])*
        pub(crate) static $name: LazyLock<WordSet> =
            LazyLock::new(|| [$(data!($file)),+].into_iter().flat_map(entries).collect());
    };
}

// ---- HTML bodies: furniture lines and prose (html/lines.rs, html/flatten.rs) ----

set!(
    /// Whole blocks that are page furniture, compared lowercased with trailing punctuation removed.
    JUNK_LINE_SET = "junk_lines.txt"
);
list!(
    /// Labels that open a link line to another story ("Read more: ...", "ALSO READ | ...").
    LINK_LINE_LABELS = "link_labels.txt"
);
list!(
    /// Phrases of promotional prompts (apps, newsletters, subscriptions).
    PROMO_PHRASES = "promo_phrases.txt"
);
list!(
    /// Openings of metadata lines: bylines, update times, photo credits, copyright notices.
    META_LINE_PREFIXES = "meta_line_prefixes.txt"
);
list!(
    /// Lowercase words a byline may hold besides names ("By Jane Doe and John Roe, Reuters").
    BYLINE_WORDS = "byline_words.txt"
);
list!(
    /// Openings of wire trailers and copyright notices.
    TRAILER_PREFIXES = "trailer_prefixes.txt"
);
list!(
    /// Endings of photo credit lines ("Jane Doe/Reuters").
    CREDIT_SUFFIXES = "credit_suffixes.txt"
);
list!(
    /// Labels of a photo credit in parentheses that closes a caption: "... (Foto: Getty)".
    CAPTION_CREDIT_LABELS = "caption_credit_labels.txt"
);
set!(
    /// Frequent function words: prose has many, link lists and labels few.
    STOPWORD_SET = "stopwords.txt"
);

/// Tokens of date and time lines ("Updated: 15 Feb 2021, 07:50 PM IST"): the date parser's
/// English month and weekday names, and the other words of `date_words.txt`.
pub(crate) static DATE_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| {
    super::date::english_months()
        .chain(super::date::WEEKDAYS.iter().copied())
        .chain(entries(data!("date_words.txt")))
        .collect()
});

// ---- HTML bodies: class, id, role and itemprop hints (html/tables.rs) ----

/// How a class/id hint word is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Match {
    /// A whole token of the class/id (split on separators and camelCase), or its plural.
    Word,
    /// Anywhere in the class/id once lowercased with everything but letters and digits removed.
    Part,
}

/// A class/id hint: the word, how it matches, its weight.
pub(crate) type Hint = (&'static str, Match, i16);

/// The rows of a hint table (`word<TAB>word|part<TAB>weight`), in file order. A malformed
/// row panics: the lexicon's tests load every table, so it fails the build's tests.
fn hints(file: &str, data: &'static str) -> Vec<Hint> {
    entries(data)
        .map(|row| {
            let cols: Vec<&str> = row.split('\t').collect();
            let (word, how, weight) = match cols[..] {
                [word, how, weight] => (word, how, weight),
                _ => panic!("{file}: not word<TAB>match<TAB>weight: {row:?}"),
            };
            let how = match how {
                "word" => Match::Word,
                "part" => Match::Part,
                _ => panic!("{file}: match is `word` or `part`: {row:?}"),
            };
            let weight = weight
                .parse()
                .unwrap_or_else(|_| panic!("{file}: weight is not a number: {row:?}"));
            (word, how, weight)
        })
        .collect()
}

/// Class/id words of article text, with the weight they add to a candidate's score.
pub(crate) static POSITIVE_HINTS: LazyLock<Vec<Hint>> =
    LazyLock::new(|| hints("positive_hints.tsv", data!("positive_hints.tsv")));
/// Class/id words of boilerplate, with the weight they take from a candidate's score.
pub(crate) static NEGATIVE_HINTS: LazyLock<Vec<Hint>> =
    LazyLock::new(|| hints("negative_hints.tsv", data!("negative_hints.tsv")));
list!(
    /// ARIA roles of article text.
    POSITIVE_ROLES = "positive_roles.txt"
);
list!(
    /// ARIA roles of page furniture.
    NEGATIVE_ROLES = "negative_roles.txt"
);
list!(
    /// Microdata `itemprop` values of things that are not body text.
    NEGATIVE_ITEMPROPS = "negative_itemprops.txt"
);
list!(
    /// Parts of a class or id naming a cookie or consent dialog, whose text is never the story.
    CONSENT_NAMES = "consent_names.txt"
);

// ---- Bylines (byline.rs) ----

list!(
    /// Words that open a byline, longest first where one starts another (first match wins).
    BYLINE_PREFIXES = "byline_prefixes.txt"
);
list!(
    /// Words, spaced, that join two names in a byline.
    BYLINE_JOINERS = "byline_joiners.txt"
);
set!(
    /// Byline parts that are agencies, desks or junk, not people.
    BYLINE_NOISE = "agencies.txt" | "byline_noise.txt"
);
set!(
    /// Desks that sign for a whole newsroom.
    BYLINE_DESKS = "desks.txt"
);
list!(
    /// Words after which a byline runs on into something else.
    BYLINE_RUN_ON = "byline_run_on.txt"
);
set!(
    /// Words of page furniture that a byline selector sometimes catches.
    BYLINE_INTERFACE = "byline_interface.txt"
);
list!(
    /// Job titles that may stand before a name in a byline.
    BYLINE_LEADING_TITLES = "leading_titles.txt"
);
set!(
    /// Words that describe a job, not a name.
    BYLINE_ROLES = "byline_roles.txt"
);

// ---- Text dumps (text/) ----

set!(
    /// News agencies: the source of a story, not its authors.
    TEXT_AGENCIES = "agencies.txt" | "text_agencies.txt"
);
set!(
    /// Words that show a byline part is a desk or a role, not a person.
    NOT_NAME_WORDS = "not_name_words.txt"
);
set!(
    /// Lower-case particles allowed inside a person's name ("Ursula von der Leyen").
    NAME_PARTICLES = "name_particles.txt"
);
list!(
    /// Phrases that make any line a prompt: subscriptions, logins, app and cookie banners.
    PROMPT_PHRASES = "prompt_phrases.txt"
);
list!(
    /// Social networks named in "follow us" lines.
    SOCIAL_NETWORKS = "social_networks.txt"
);
set!(
    /// Whole short lines that are buttons, menus or share bars.
    UI_LINES = "ui_lines.txt"
);
list!(
    /// Phrases that mark a photo caption or credit.
    CAPTION_PHRASES = "caption_phrases.txt"
);
list!(
    /// Headings (at the start of a short line) that open a list of other stories.
    TEASER_HEADINGS = "teaser_headings.txt"
);
list!(
    /// Headings that, followed by a headline on the same line, are one inline teaser.
    INLINE_TEASERS = "inline_teasers.txt"
);
list!(
    /// What follows an author's name at the start of a bio, spaced.
    BIO_VERBS = "bio_verbs.txt"
);

// ---- Page metadata (meta/, published.rs, headline.rs, people/tables.rs) ----

list!(
    /// Class names (substrings) of the parts of an `<h1>` above or below the headline itself.
    HEADING_EXTRAS = "heading_extras.txt"
);
list!(
    /// Class or id tokens that mark sidebars and other non-article furniture.
    FURNITURE_WORDS = "furniture_words.txt"
);
list!(
    /// Class prefixes that name the story's own categories and tags.
    TAXONOMY_PREFIXES = "taxonomy_prefixes.txt"
);
list!(
    /// Furniture names written as several words, squashed.
    FURNITURE_COMPOUNDS = "furniture_compounds.txt"
);
list!(
    /// Meta tag names whose content is a publication date, best first.
    PUBLISHED_META = "published_meta.txt"
);
list!(
    /// Meta tag names whose content is a modification date.
    MODIFIED_META = "modified_meta.txt"
);
list!(
    /// `twitter:labelN` values that say `twitter:dataN` is the author.
    AUTHOR_LABELS = "author_labels.txt"
);
list!(
    /// Words in a class, id or property that say an element's attribute holds a date.
    DATE_ATTRIBUTE_MARKS = "date_attribute_marks.txt"
);
set!(
    /// JSON-LD `@type`s that describe an article.
    ARTICLE_TYPES = "article_types.txt"
);
list!(
    /// Class and id words that mark an element as holding the article's date.
    DATE_ELEMENT_MARKS = "date_element_marks.txt"
);
list!(
    /// Words that say a visible date is the publication date.
    PUBLISHED_CUES = "published_cues.txt"
);
list!(
    /// Words that say a visible date is only an update.
    UPDATED_CUES = "updated_cues.txt"
);
list!(
    /// Title segments (squashed) that name no article on any site.
    GENERIC_TITLE_SEGMENTS = "generic_title_segments.txt"
);
list!(
    /// Class or id words of ancestors whose table is page furniture.
    TABLE_FURNITURE_WORDS = "table_furniture_words.txt"
);

#[cfg(test)]
mod tests;
