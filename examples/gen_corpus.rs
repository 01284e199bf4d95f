//! Synthetic news archive for benchmarks:
//! `cargo run --release --example gen_corpus -- OUT_DIR N [--seed S]`.
//!
//! Writes N pages under `OUT_DIR/<publisher>/<NNNNNN>.html` (about 5% are
//! plain-text dumps, `.txt`) in the layouts morgue meets in real archives: a
//! JSON-LD page, an OpenGraph-only div soup, a windows-1252 table layout, a page
//! with no metadata but a visible date, and a text dump. Every page carries the
//! boilerplate that extraction must drop (a nav of 30+ links, a cookie banner,
//! four related headlines, a newsletter box, a footer) and the inline CSS and
//! script blobs that make real pages 40-70 KB. Bodies are sentences drawn from a
//! Zipf-ranked vocabulary (syllable words plus common English words), with a
//! recurring cast of 2,000 generated people introduced the way reporters do
//! ("Minister X Y said"), dated between 2000 and 2025.
//!
//! The output depends only on N and the seed: each page has its own random
//! stream (a splitmix64 seeded from the seed and the page number), so the pages
//! can be written in parallel and still come out the same. Write it outside the
//! repository (e.g. /tmp/morgue-corpus); it is test data, not source.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Frequent English words, roughly most frequent first (their Zipf rank is their position).
const COMMON_WORDS: &str = "
the of and to a in that is was for on it with as he be at by his from this have
are not but had they which or an were their been has one would there all we more
her when will who also can said no if about other its into out only new some could
than time two these first then up do any after what people so over most such
years may them year last made many before our both between where since three
state government being during under while well back under against week through
officials city public told first much later next report country because national
plan part group month police million work health local early people company
percent world law house court school market president former program second area
including support according among level family news office service business
political military days team money power several major news long great high
little large small own same right left old young best still already never
however around often away today even early another until without again near
policy meeting council election campaign minister leader party vote members
economic security water energy money price prices growth rate rates trade
bank budget tax taxes jobs workers union strike data study research science
hospital doctors patients schools students teachers children women men town
region border forces troops attack peace talks deal agreement decision case
judge trial evidence investigation charges statement spokesman spokeswoman
director chief executive board industry sales company companies firm firms
investors shares stock markets oil gas power climate weather storm fire flood
road rail airport river coast island north south east west central northern
southern eastern western record season game match club players coach final
league cup title win won lost victory defeat crowd fans stadium film music
book art festival show museum history century village community residents
project building plans costs funding crisis reform rules ruling changes
measures pressure response warning concerns questions issue issues problem
problems efforts effect impact future expected likely possible recent former
senior general federal regional foreign domestic international private
financial social legal medical environmental digital online network system
";

/// Syllable parts for generated words and names: onset, nucleus, coda.
const ONSETS: &[&str] = &[
    "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br",
    "cr", "dr", "fl", "gr", "pl", "st", "tr", "sh", "ch", "th", "", "", "",
];
const NUCLEI: &[&str] = &[
    "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "io", "y",
];
/// Accented vowels occur in some names (and exercise the windows-1252 page).
const NAME_NUCLEI: &[&str] = &[
    "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei", "ou", "é", "ö", "á", "ü",
];
const CODAS: &[&str] = &[
    "", "", "", "", "n", "r", "s", "l", "m", "t", "nd", "rk", "st", "x", "ng",
];

/// Titles that may stand before a full name on first mention.
const TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Finance Minister",
    "Foreign Minister",
    "Senator",
    "Governor",
    "Mayor",
    "Judge",
    "Dr",
    "Professor",
    "General",
    "Chancellor",
    "Secretary",
    "Commissioner",
    "Inspector",
];
/// Roles for an apposition after a full name ("X Y, the chief executive of ...").
const ROLES: &[&str] = &[
    "chief executive",
    "spokeswoman",
    "spokesman",
    "director",
    "chairman",
    "chief economist",
    "senior analyst",
    "head",
    "deputy leader",
    "general secretary",
    "founder",
    "lead researcher",
    "president",
    "treasurer",
];
/// Organisation kinds, for "the Dornel Council".
const ORG_KINDS: &[&str] = &[
    "Council",
    "Authority",
    "Bank",
    "Institute",
    "University",
    "Holdings",
    "Commission",
    "Foundation",
    "Group",
    "Trust",
    "Union",
    "Agency",
];
/// Speech verbs after a surname.
const SPEECH: &[&str] = &[
    "said",
    "said",
    "said",
    "told reporters",
    "added",
    "warned",
    "argued",
    "noted",
    "explained",
    "insisted",
    "said in a statement",
];
/// Verbs for headlines.
const HEADLINE_VERBS: &[&str] = &[
    "says", "warns", "backs", "rejects", "plans", "seeks", "defends", "wins", "quits", "urges",
    "unveils", "faces", "denies", "vows",
];
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const SECTIONS: &[&str] = &[
    "World",
    "Politics",
    "Business",
    "Markets",
    "Technology",
    "Science",
    "Health",
    "Sport",
    "Culture",
    "Climate",
    "Local",
    "Opinion",
];
/// Nav entries shared by the publishers (each shows all of them: 36 links).
const NAV: &[&str] = &[
    "Home",
    "World",
    "Politics",
    "Business",
    "Markets",
    "Technology",
    "Science",
    "Health",
    "Sport",
    "Football",
    "Tennis",
    "Culture",
    "Film",
    "Music",
    "Books",
    "Climate",
    "Environment",
    "Local",
    "Education",
    "Opinion",
    "Editorials",
    "Letters",
    "Obituaries",
    "Travel",
    "Food",
    "Property",
    "Motoring",
    "Weather",
    "Puzzles",
    "Crossword",
    "Podcasts",
    "Video",
    "Photos",
    "Newsletters",
    "Archive",
    "Subscribe",
];
/// Footer links, four columns of five.
const FOOTER: &[&str] = &[
    "About us",
    "Contact the newsroom",
    "Corrections",
    "Careers",
    "Staff directory",
    "Subscribe",
    "Manage account",
    "Delivery issues",
    "Gift subscriptions",
    "Today's paper",
    "Advertise",
    "Media kit",
    "Classifieds",
    "Legal notices",
    "Syndication",
    "Terms of service",
    "Privacy policy",
    "Cookie settings",
    "Accessibility",
    "Sitemap",
];

/// splitmix64: tiny, fast and good enough to make text; seeded per page.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed);
        r.next_u64(); // decorrelate nearby seeds
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0.0..1.0`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One of `items`, by value (word tables).
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// One of `items`, by reference (generated names).
    fn pick_ref<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Ranks drawn with probability proportional to 1 / rank^s.
struct Zipf {
    cdf: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, s: f64) -> Zipf {
        let mut total = 0.0;
        let mut cdf = Vec::with_capacity(n);
        for rank in 1..=n {
            total += 1.0 / (rank as f64).powf(s);
            cdf.push(total);
        }
        for c in &mut cdf {
            *c /= total;
        }
        Zipf { cdf }
    }

    /// A 0-based rank.
    fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.cdf.partition_point(|&c| c < u).min(self.cdf.len() - 1)
    }
}

/// A recurring person of the archive.
struct Person {
    given: String,
    surname: String,
    female: bool,
}

/// Everything shared by all pages: vocabulary, people, places, reporters.
struct Lexicon {
    /// The common English words, then the generated ones, ranked by frequency.
    words: Vec<String>,
    word_zipf: Zipf,
    people: Vec<Person>,
    person_zipf: Zipf,
    places: Vec<String>,
    reporters: Vec<String>,
    /// Seeds the words of the open-ended tail.
    seed: u64,
}

/// Size of the ranked vocabulary (common words included).
const VOCABULARY: usize = 60_000;
/// Share of words drawn instead from an open-ended tail of rare words (names of things,
/// misspellings, jargon), so that the vocabulary keeps growing with the corpus as real
/// vocabularies do (Heaps' law) and any corpus size has words found in only a few pages.
const TAIL_SHARE: f64 = 0.02;
/// The tail's ranks run from VOCABULARY to this, log-uniformly (a Zipf law with exponent 1).
const TAIL_RANKS: f64 = 20_000_000.0;
/// The recurring cast.
const PEOPLE: usize = 2_000;

impl Lexicon {
    fn new(seed: u64) -> Lexicon {
        let mut rng = Rng::new(seed ^ 0x1E71_C0DE);
        let mut taken: HashSet<String> = HashSet::new();
        let mut words: Vec<String> = COMMON_WORDS
            .split_whitespace()
            .filter(|w| taken.insert(w.to_string()))
            .map(str::to_string)
            .collect();
        while words.len() < VOCABULARY {
            // Frequent words are short, as in real language.
            let max_syllables = 2 + words.len() * 3 / VOCABULARY;
            let syllables = rng.range(1, max_syllables);
            let w = make_word(&mut rng, syllables, NUCLEI);
            if w.len() >= 3 && taken.insert(w.clone()) {
                words.push(w);
            }
        }
        let mut names = |rng: &mut Rng, n: usize, lo: usize, hi: usize| {
            let mut out = Vec::with_capacity(n);
            while out.len() < n {
                let syl = rng.range(lo, hi);
                let w = capitalize(&make_word(rng, syl, NAME_NUCLEI));
                if w.chars().count() >= 4 && taken.insert(w.to_lowercase()) {
                    out.push(w);
                }
            }
            out
        };
        let givens = names(&mut rng, 500, 2, 2);
        let surnames = names(&mut rng, 1_800, 2, 3);
        let places = names(&mut rng, 400, 2, 3);
        let mut pairs = HashSet::new();
        let mut people = Vec::with_capacity(PEOPLE);
        while people.len() < PEOPLE {
            let (g, s) = (rng.below(givens.len()), rng.below(surnames.len()));
            if pairs.insert((g, s)) {
                people.push(Person {
                    given: givens[g].clone(),
                    surname: surnames[s].clone(),
                    female: g % 2 == 0,
                });
            }
        }
        let reporters = (0..150)
            .map(|_| format!("{} {}", rng.pick_ref(&givens), rng.pick_ref(&surnames)))
            .collect();
        Lexicon {
            word_zipf: Zipf::new(VOCABULARY, 1.0),
            words,
            person_zipf: Zipf::new(PEOPLE, 1.0),
            people,
            places,
            reporters,
            seed,
        }
    }

    /// The word of a tail rank: the same rank always gives the same word.
    fn tail_word(&self, rank: u64) -> String {
        let mut rng = Rng::new(self.seed ^ rank.wrapping_mul(0x2545_F491_4F6C_DD1D));
        let syllables = rng.range(3, 4);
        make_word(&mut rng, syllables, NUCLEI)
    }
}

/// One word of `syllables` syllables.
fn make_word(rng: &mut Rng, syllables: usize, nuclei: &[&str]) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(rng.pick(ONSETS));
        w.push_str(rng.pick(nuclei));
        if rng.chance(0.35) {
            w.push_str(rng.pick(CODAS));
        }
    }
    w
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A person of one story and whether the reader has met them yet.
struct Cast {
    person: usize,
    introduced: bool,
}

/// The content of one page, before any template dresses it.
struct Story {
    number: usize,
    headline: String,
    standfirst: String,
    section: &'static str,
    slug: String,
    authors: Vec<String>,
    published: NaiveDateTime,
    paragraphs: Vec<String>,
    related: Vec<(String, NaiveDate)>,
    people: Vec<String>,
}

/// Writes the sentences of one story.
struct Writer<'a> {
    lex: &'a Lexicon,
    rng: Rng,
    cast: Vec<Cast>,
}

impl<'a> Writer<'a> {
    /// Appends one word: mostly from the ranked vocabulary, sometimes from the tail.
    fn push_word(&mut self, out: &mut String) {
        if self.rng.chance(TAIL_SHARE) {
            let ratio = TAIL_RANKS / VOCABULARY as f64;
            let rank = VOCABULARY as f64 * ratio.powf(self.rng.unit());
            out.push_str(&self.lex.tail_word(rank as u64));
        } else {
            out.push_str(&self.lex.words[self.lex.word_zipf.sample(&mut self.rng)]);
        }
    }

    /// `lo..=hi` words with the odd comma, number or place.
    fn clause(&mut self, lo: usize, hi: usize) -> String {
        let n = self.rng.range(lo, hi);
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            match self.rng.below(90) {
                0 => {
                    let place = self.rng.pick_ref(&self.lex.places).clone();
                    let _ = write!(out, "in {place}");
                }
                1 => {
                    let _ = write!(out, "{}", self.rng.range(2, 950));
                }
                2 => {
                    let _ = write!(
                        out,
                        "{}.{} million",
                        self.rng.range(1, 99),
                        self.rng.below(10)
                    );
                }
                _ => self.push_word(&mut out),
            }
            if i + 1 < n && self.rng.chance(0.06) {
                out.push(',');
            }
        }
        out
    }

    fn org(&mut self) -> String {
        format!(
            "{} {}",
            self.rng.pick_ref(&self.lex.places),
            self.rng.pick(ORG_KINDS)
        )
    }

    /// How a cast member is named: in full with a title or role the first time, by surname after.
    fn name(&mut self, k: usize) -> String {
        let p = &self.lex.people[self.cast[k].person];
        if !self.cast[k].introduced {
            self.cast[k].introduced = true;
            return if self.rng.chance(0.5) {
                format!("{} {} {}", self.rng.pick(TITLES), p.given, p.surname)
            } else {
                let role = self.rng.pick(ROLES);
                let org = self.org();
                format!("{} {}, the {role} of the {org},", p.given, p.surname)
            };
        }
        match self.rng.below(4) {
            0 => format!("{} {}", if p.female { "Ms" } else { "Mr" }, p.surname),
            _ => p.surname.clone(),
        }
    }

    fn sentence(&mut self, when: NaiveDate) -> String {
        let roll = self.rng.below(100);
        let s = if roll < 22 && !self.cast.is_empty() {
            let k = self.rng.below(self.cast.len());
            let who = self.name(k);
            let verb = self.rng.pick(SPEECH);
            let day = WEEKDAYS[when.weekday().num_days_from_monday() as usize];
            if self.rng.chance(0.3) {
                format!("{who} {verb} on {day} that {}.", self.clause(8, 22))
            } else {
                format!("{who} {verb} {}.", self.clause(6, 20))
            }
        } else if roll < 34 && !self.cast.is_empty() {
            let k = self.rng.below(self.cast.len());
            let quote = capitalize(&self.clause(6, 18));
            let who = self.name(k);
            let who = who.trim_end_matches(',');
            format!("\u{201c}{quote},\u{201d} {who} said.")
        } else if roll < 44 {
            let back = Duration::days(self.rng.range(20, 2_000) as i64);
            let then = when - back;
            format!(
                "In {} {}, {}.",
                then.format("%B"),
                then.year(),
                self.clause(8, 20)
            )
        } else if roll < 52 {
            let org = self.org();
            format!("The {org} {}.", self.clause(7, 18))
        } else {
            format!("{}.", capitalize(&self.clause(8, 28)))
        };
        s
    }

    fn paragraph(&mut self, when: NaiveDate) -> String {
        let n = self.rng.range(2, 5);
        (0..n)
            .map(|_| self.sentence(when))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn headline(&mut self) -> String {
        let place = self.rng.pick_ref(&self.lex.places).clone();
        match (self.rng.below(3), self.cast.first()) {
            (0, Some(c)) => {
                let who = self.lex.people[c.person].surname.clone();
                let verb = self.rng.pick(HEADLINE_VERBS);
                format!("{who} {verb} {}", self.clause(3, 7))
            }
            (1, _) => format!("{} in {place}", capitalize(&self.clause(4, 8))),
            _ => format!("{place} {} after {}", self.clause(2, 5), self.clause(2, 4)),
        }
    }
}

/// Dates between 2000-01-01 and 2025-12-31.
fn random_datetime(rng: &mut Rng) -> NaiveDateTime {
    let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let days = (NaiveDate::from_ymd_opt(2025, 12, 31).unwrap() - start).num_days() as usize;
    let day = start + Duration::days(rng.below(days + 1) as i64);
    day.and_hms_opt(rng.range(6, 23) as u32, rng.below(60) as u32, 0)
        .unwrap()
}

fn make_story(lex: &Lexicon, seed: u64, number: usize) -> (Story, Rng) {
    let mut rng = Rng::new(seed ^ (number as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
    let published = random_datetime(&mut rng);
    let mut cast: Vec<Cast> = Vec::new();
    for _ in 0..rng.range(2, 5) {
        let person = lex.person_zipf.sample(&mut rng);
        if cast.iter().all(|c| c.person != person) {
            cast.push(Cast {
                person,
                introduced: false,
            });
        }
    }
    let mut w = Writer {
        lex,
        rng: Rng::new(rng.next_u64()),
        cast,
    };
    let headline = capitalize(&w.headline());
    let standfirst = capitalize(&format!("{}.", w.clause(12, 24)));
    let day = published.date();
    let paragraphs = (0..w.rng.range(5, 12)).map(|_| w.paragraph(day)).collect();
    let related = (0..4)
        .map(|_| {
            let h = capitalize(&w.clause(5, 9));
            (h, day - Duration::days(w.rng.range(1, 30) as i64))
        })
        .collect();
    let people = w
        .cast
        .iter()
        .map(|c| {
            let p = &lex.people[c.person];
            format!("{} {}", p.given, p.surname)
        })
        .collect();
    let mut rng = w.rng;
    let authors = (0..rng.range(1, 2))
        .map(|_| rng.pick_ref(&lex.reporters).clone())
        .collect();
    let slug: String = headline
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|s| !s.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    let story = Story {
        number,
        slug: format!("{slug}-{number}"),
        headline,
        standfirst,
        section: rng.pick(SECTIONS),
        authors,
        published,
        paragraphs,
        related,
        people,
    };
    (story, rng)
}

/// The page layouts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Template {
    JsonLd,
    OpenGraph,
    Table1252,
    NoMeta,
    TextDump,
}

/// Publisher directory, display name and domain per template.
const PUBLISHERS: &[(Template, &str, &str, &str)] = &[
    (
        Template::JsonLd,
        "lantern-times",
        "The Lantern Times",
        "lanterntimes.example",
    ),
    (
        Template::OpenGraph,
        "coastline-herald",
        "Coastline Herald",
        "coastlineherald.example",
    ),
    (
        Template::Table1252,
        "eastmarch-gazette",
        "Eastmarch Gazette",
        "eastmarchgazette.example",
    ),
    (
        Template::NoMeta,
        "prairie-sentinel",
        "The Prairie Sentinel",
        "prairiesentinel.example",
    ),
    (
        Template::TextDump,
        "wire-digest",
        "Wire Digest",
        "wiredigest.example",
    ),
];

/// Which publisher page `number` belongs to: 5% text dumps, the rest split evenly.
fn publisher_of(seed: u64, number: usize) -> usize {
    let mut rng = Rng::new(seed ^ 0xFACE ^ (number as u64).wrapping_mul(0x9E37_79B9));
    if rng.chance(0.05) {
        4
    } else {
        rng.below(4)
    }
}

/// Site-wide assets: a publisher's stylesheet and script library, inlined on every page.
struct Assets {
    css: String,
    js: String,
}

fn css_for(rng: &mut Rng, lex: &Lexicon, prefix: &str) -> String {
    let mut css = String::new();
    let props = [
        "display:flex",
        "display:block",
        "display:grid",
        "position:relative",
        "overflow:hidden",
        "text-transform:uppercase",
        "font-weight:700",
        "cursor:pointer",
    ];
    for i in 0..160 {
        let a = &lex.words[rng.below(2_000)];
        let b = &lex.words[rng.below(2_000)];
        let _ = write!(
            css,
            ".{prefix}-{a}-{b}{{{};margin:{}px {}px;padding:{}px;color:#{:06x};font:{}px/1.{} Helvetica,Arial,sans-serif}}",
            rng.pick(&props),
            rng.below(40),
            rng.below(24),
            rng.below(32),
            rng.next_u64() & 0xFF_FFFF,
            rng.range(11, 22),
            rng.range(2, 7)
        );
        if i % 40 == 39 {
            let _ = write!(
                css,
                "\n@media (max-width:{}px){{.{prefix}-{a}{{display:none}}.{prefix}-{b}{{width:100%}}}}\n",
                rng.range(480, 1100)
            );
        }
    }
    css
}

fn js_for(rng: &mut Rng, lex: &Lexicon) -> String {
    let mut js = String::from("!function(e,t){\"use strict\";var n={};");
    for i in 0..60 {
        let f = &lex.words[rng.below(3_000)];
        let g = &lex.words[rng.below(3_000)];
        let _ = write!(
            js,
            "function {f}{i}(e,t){{var r=e&&e.{g}||{{}};if(!r.{f})return t.push([\"{g}\",{}]),null;for(var o=0;o<r.{f}.length;o++)n[\"{f}_\"+o]=r.{f}[o]*{}+t.length;return n}}",
            rng.below(1000),
            rng.range(2, 99)
        );
    }
    js.push_str("e.__lib=n}(window,document);");
    js
}

/// Per-page script state, like the preloaded JSON blobs of single-page-app sites; its size varies.
fn state_blob(rng: &mut Rng, lex: &Lexicon, story: &Story) -> String {
    let mut s = format!(
        "window.__PRELOADED_STATE__={{\"page\":{{\"id\":{},\"section\":\"{}\",\"wordCount\":{}}},\"feeds\":[",
        story.number,
        story.section.to_lowercase(),
        story.paragraphs.iter().map(|p| p.split(' ').count()).sum::<usize>()
    );
    for i in 0..rng.range(40, 220) {
        if i > 0 {
            s.push(',');
        }
        let mut title = String::new();
        for j in 0..rng.range(4, 9) {
            if j > 0 {
                title.push(' ');
            }
            title.push_str(&lex.words[lex.word_zipf.sample(rng)]);
        }
        let _ = write!(
            s,
            "{{\"id\":{},\"title\":\"{}\",\"url\":\"/{}/{}\",\"ts\":{},\"img\":\"/media/{:x}.jpg\"}}",
            rng.below(9_000_000),
            capitalize(&title),
            rng.pick(SECTIONS).to_lowercase(),
            rng.below(1_000_000),
            1_000_000_000 + rng.below(700_000_000),
            rng.next_u64()
        );
    }
    s.push_str("]};");
    s
}

const COOKIE_TEXT: &str = "This site stores small files on your device to remember your settings, count visits and choose the adverts you see. Pick which kinds you allow; you can change your mind later from the link at the foot of each page.";
const NEWSLETTER_TEXT: &str = "Our editors pick the day's essential reads and send them to you each morning. It is free, and you can leave with one click.";

fn nav_html(domain: &str) -> String {
    let mut out = String::from("<nav class=\"site-nav\"><ul>\n");
    for item in NAV {
        let slug = item.to_lowercase().replace(' ', "-");
        let _ = writeln!(
            out,
            "<li><a href=\"https://www.{domain}/{slug}/\">{item}</a></li>"
        );
    }
    out.push_str("</ul></nav>\n");
    out
}

fn footer_html(domain: &str, name: &str) -> String {
    let mut out = String::from("<footer class=\"site-footer\"><div class=\"footer-cols\">\n");
    for col in FOOTER.chunks(5) {
        out.push_str("<ul>");
        for item in col {
            let slug = item.to_lowercase().replace([' ', '\''], "-");
            let _ = write!(
                out,
                "<li><a href=\"https://www.{domain}/{slug}/\">{item}</a></li>"
            );
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "</div><p class=\"copyright\">&copy; 1999-2025 {name}. All rights reserved.</p></footer>"
    );
    out
}

fn related_html(domain: &str, story: &Story, title: &str) -> String {
    let mut out = format!("<aside class=\"related\"><h3>{title}</h3><ul>\n");
    for (i, (h, d)) in story.related.iter().enumerate() {
        let _ = writeln!(
            out,
            "<li><a href=\"https://www.{domain}/{}/{}/related-{}-{i}\">{h}</a> <span class=\"rel-date\">{}</span></li>",
            story.section.to_lowercase(),
            d.format("%Y/%m/%d"),
            story.number,
            d.format("%B %-d, %Y")
        );
    }
    out.push_str("</ul></aside>\n");
    out
}

fn newsletter_html(name: &str) -> String {
    format!(
        "<div class=\"newsletter-box\"><h3>The {name} morning briefing</h3><p>{NEWSLETTER_TEXT}</p>\
         <form action=\"/newsletters/subscribe\" method=\"post\"><input type=\"email\" name=\"email\" placeholder=\"Your email address\"> \
         <button type=\"submit\">Sign up</button></form></div>\n"
    )
}

fn cookie_html() -> String {
    format!(
        "<div class=\"cookie-banner\" role=\"dialog\"><p>{COOKIE_TEXT}</p>\
         <button class=\"cookie-accept\">Accept all</button> <button class=\"cookie-manage\">Manage choices</button></div>\n"
    )
}

fn json_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn byline(authors: &[String]) -> String {
    authors.join(" and ")
}

/// The JSON-LD layout: a modern article page with structured data.
fn render_jsonld(story: &Story, assets: &Assets, blob: &str, p: (&str, &str)) -> String {
    let (name, domain) = p;
    let url = format!(
        "https://www.{domain}/{}/{}/{}",
        story.section.to_lowercase(),
        story.published.format("%Y/%m/%d"),
        story.slug
    );
    let iso = story.published.format("%Y-%m-%dT%H:%M:00+00:00");
    let authors_ld: Vec<String> = story
        .authors
        .iter()
        .map(|a| format!("{{\"@type\":\"Person\",\"name\":\"{}\"}}", json_escape(a)))
        .collect();
    let keywords: Vec<String> = story
        .people
        .iter()
        .map(|p| format!("\"{}\"", json_escape(p)))
        .collect();
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{hl} | {name}</title>\n<link rel=\"canonical\" href=\"{url}\">\n\
         <meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"{hl}\">\n\
         <meta property=\"og:site_name\" content=\"{name}\">\n\
         <script type=\"application/ld+json\">\n{{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\
         \"headline\":\"{hlj}\",\"datePublished\":\"{iso}\",\"author\":[{al}],\
         \"publisher\":{{\"@type\":\"Organization\",\"name\":\"{name}\"}},\"mainEntityOfPage\":\"{url}\",\
         \"articleSection\":\"{sec}\",\"keywords\":[{kw}]}}\n</script>\n<style>{css}</style>\n<script>{js}</script>\n<script>{blob}</script>\n</head>\n\
         <body class=\"article\">\n",
        hl = story.headline,
        hlj = json_escape(&story.headline),
        al = authors_ld.join(","),
        sec = story.section,
        kw = keywords.join(","),
        css = assets.css,
        js = assets.js,
    );
    h.push_str(&cookie_html());
    let _ = writeln!(
        h,
        "<header class=\"masthead\"><a class=\"logo\" href=\"https://www.{domain}/\">{name}</a></header>"
    );
    h.push_str(&nav_html(domain));
    let _ = write!(
        h,
        "<main><article>\n<p class=\"kicker\">{sec}</p>\n<h1 class=\"headline\">{hl}</h1>\n\
         <p class=\"standfirst\">{sf}</p>\n<div class=\"byline\">By {by}</div>\n\
         <time datetime=\"{iso}\">{vis}</time>\n<div class=\"article-body\">\n",
        sec = story.section,
        hl = story.headline,
        sf = story.standfirst,
        by = byline(&story.authors),
        vis = story.published.format("%a %-d %b %Y %H.%M GMT"),
    );
    let mid = story.paragraphs.len() / 2;
    for (i, para) in story.paragraphs.iter().enumerate() {
        if i == mid {
            h.push_str(&related_html(domain, story, "Related stories"));
        }
        let _ = writeln!(h, "<p>{para}</p>");
    }
    h.push_str("</div>\n");
    h.push_str(&newsletter_html(name));
    h.push_str("</article></main>\n");
    h.push_str(&footer_html(domain, name));
    h.push_str("</body>\n</html>\n");
    h
}

/// The OpenGraph layout: no JSON-LD, paragraphs as nested divs.
fn render_opengraph(story: &Story, assets: &Assets, blob: &str, p: (&str, &str)) -> String {
    let (name, domain) = p;
    let url = format!(
        "https://www.{domain}/{}/{}-id{}",
        story.section.to_lowercase(),
        story.slug,
        story.published.format("%Y%m%d")
    );
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html xmlns:og=\"http://ogp.me/ns#\" lang=\"en\">\n<head>\n\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n\
         <title>{hl} - {name}</title>\n<meta property=\"og:title\" content=\"{hl} - {name}\">\n\
         <meta property=\"og:url\" content=\"{url}\">\n<meta property=\"og:site_name\" content=\"{name}\">\n\
         <meta property=\"og:type\" content=\"article\">\n\
         <meta property=\"article:published_time\" content=\"{iso}\">\n\
         <meta name=\"author\" content=\"{by}\">\n{tags}<style type=\"text/css\">{css}</style>\n\
         <script type=\"text/javascript\">{js}</script>\n<script>{blob}</script>\n</head>\n<body>\n<div id=\"wrapper\">\n",
        hl = story.headline,
        iso = story.published.format("%Y-%m-%dT%H:%M:00-05:00"),
        by = story.authors.join(", "),
        tags = story
            .people
            .iter()
            .map(|p| format!("<meta property=\"article:tag\" content=\"{p}\">\n"))
            .collect::<String>(),
        css = assets.css,
        js = assets.js,
    );
    h.push_str(&cookie_html());
    let _ = writeln!(
        h,
        "<div class=\"header\"><div class=\"logo\"><a href=\"https://www.{domain}/\">{name}</a></div></div>"
    );
    h.push_str(&nav_html(domain));
    let _ = write!(
        h,
        "<div id=\"content\"><div class=\"maincol\"><div class=\"inner\">\n\
         <div class=\"crumb\"><a href=\"/\">Home</a> &gt; <a href=\"/{s}\">{sec}</a></div>\n\
         <div class=\"headline\"><h1>{hl}</h1></div>\n<div class=\"byline\">By {by}</div>\n\
         <div class=\"timestamp\">{vis}</div>\n<div class=\"story-text\"><div class=\"story-inner\">\n",
        s = story.section.to_lowercase(),
        sec = story.section,
        hl = story.headline,
        by = byline(&story.authors),
        vis = story.published.format("%B %-d, %Y %-I:%M %p EST"),
    );
    for para in &story.paragraphs {
        let _ = writeln!(
            h,
            "<div class=\"para\"><div class=\"txt\">{para}</div></div>"
        );
    }
    h.push_str("</div></div>\n");
    h.push_str(&newsletter_html(name));
    h.push_str("</div></div>\n<div class=\"rightcol\">\n");
    h.push_str(&related_html(domain, story, "More from this section"));
    h.push_str("</div></div>\n");
    h.push_str(&footer_html(domain, name));
    h.push_str("</div>\n</body>\n</html>\n");
    h
}

/// The old table layout, encoded in windows-1252 by the caller.
fn render_table(story: &Story, assets: &Assets, blob: &str, p: (&str, &str)) -> String {
    let (name, domain) = p;
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">\n<HTML>\n<HEAD>\n\
         <META http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\n\
         <TITLE>{hl} - {name}</TITLE>\n<STYLE TYPE=\"text/css\">{css}</STYLE>\n\
         <SCRIPT LANGUAGE=\"JavaScript\">\n<!--\n{js}\n{blob}\n//-->\n</SCRIPT>\n</HEAD>\n\
         <BODY BGCOLOR=\"#FFFFFF\">\n<CENTER>\n<TABLE WIDTH=780 BORDER=0 CELLPADDING=0 CELLSPACING=0>\n\
         <TR><TD><A HREF=\"/index.html\"><IMG SRC=\"/images/logo.gif\" ALT=\"{name}\" BORDER=0></A></TD></TR>\n</TABLE>\n",
        hl = story.headline,
        css = assets.css,
        js = assets.js,
    );
    h.push_str("<TABLE WIDTH=780 BORDER=0 CELLPADDING=0 CELLSPACING=0>\n<TR VALIGN=top>\n<TD WIDTH=150 BGCOLOR=\"#E8EEF4\">\n<TABLE WIDTH=\"100%\" BORDER=0 CELLPADDING=4>\n");
    for item in NAV {
        let slug = item.to_lowercase();
        let _ = writeln!(
            h,
            "<TR><TD><FONT FACE=\"Verdana,Arial\" SIZE=2><A HREF=\"https://www.{domain}/{slug}/\">{item}</A></FONT></TD></TR>"
        );
    }
    let _ = write!(
        h,
        "</TABLE>\n</TD>\n<TD WIDTH=440>\n<FONT FACE=\"Arial\" SIZE=1><A HREF=\"/index.html\">Home</A> &gt; {sec}</FONT><BR>\n\
         <font size=5 face=\"Georgia\"><b>{hl}</b></font><BR>\n\
         <FONT FACE=\"Arial\" SIZE=2 COLOR=\"#666666\">Last updated {vis}</FONT><BR>\n\
         <FONT FACE=\"Arial\" SIZE=2><B>By {by}</B></FONT><BR><BR>\n<FONT FACE=\"Arial\" SIZE=2>\n",
        sec = story.section,
        hl = story.headline,
        vis = story.published.format("%d/%m/%Y %H:%M"),
        by = byline(&story.authors),
    );
    for para in &story.paragraphs {
        let _ = writeln!(h, "{para}<BR><BR>");
    }
    h.push_str("</FONT>\n<TABLE BORDER=1 CELLPADDING=6><TR><TD>\n");
    let _ = write!(
        h,
        "<B>{name} by e-mail</B><BR>{NEWSLETTER_TEXT}<BR><FORM ACTION=\"/cgi-bin/subscribe.cgi\"><INPUT NAME=\"email\"> <INPUT TYPE=submit VALUE=\"Join\"></FORM>\n</TD></TR></TABLE>\n"
    );
    h.push_str("<FONT SIZE=1>");
    h.push_str(COOKIE_TEXT);
    h.push_str(" <A HREF=\"/cookies.html\">OK</A></FONT>\n</TD>\n<TD WIDTH=170 BGCOLOR=\"#F4F4F4\">\n<TABLE WIDTH=\"100%\" BORDER=0 CELLPADDING=4>\n<TR><TD><B>Other news</B></TD></TR>\n");
    for (i, (rh, d)) in story.related.iter().enumerate() {
        let _ = writeln!(
            h,
            "<TR><TD><FONT FACE=\"Arial\" SIZE=2><A HREF=\"/news/story{}{i}.html\">{rh}</A></FONT><BR><FONT SIZE=1>{}</FONT></TD></TR>",
            story.number,
            d.format("%d/%m/%Y")
        );
    }
    h.push_str(
        "</TABLE>\n</TD>\n</TR>\n</TABLE>\n<TABLE WIDTH=780><TR><TD ALIGN=center><FONT SIZE=1>",
    );
    for (i, item) in FOOTER.iter().enumerate() {
        if i > 0 {
            h.push_str(" | ");
        }
        let _ = write!(h, "<A HREF=\"/{}.html\">{item}</A>", i);
    }
    let _ = write!(
        h,
        "<BR>Copyright 1999-2025 {name}</FONT></TD></TR></TABLE>\n</CENTER>\n</BODY>\n</HTML>\n"
    );
    h
}

/// A page with no metadata at all: the date is only in the visible text.
fn render_nometa(story: &Story, assets: &Assets, blob: &str, p: (&str, &str)) -> String {
    let (name, domain) = p;
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en-US\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{hl} \u{2014} {name}</title>\n<style>{css}</style>\n<script>{js}</script>\n<script>{blob}</script>\n</head>\n\
         <body class=\"article-page\">\n",
        hl = story.headline,
        css = assets.css,
        js = assets.js,
    );
    h.push_str(&cookie_html());
    let _ = writeln!(
        h,
        "<header class=\"site-header\"><div class=\"topbar\"><a href=\"/subscribe/\">Subscribe</a><a href=\"/login/\">Sign in</a></div>\
         <a class=\"logo\" href=\"/\">{name}</a></header>"
    );
    h.push_str(&nav_html(domain));
    let _ = write!(
        h,
        "<main id=\"content\"><div class=\"story\">\n<nav class=\"breadcrumbs\"><a href=\"/\">Home</a> &rsaquo; {sec}</nav>\n\
         <h1 class=\"story-headline\">{hl}</h1>\n<div class=\"story-meta\"><span class=\"byline\">By {by}, Staff Writer</span>\n\
         <span class=\"dateline\">Published {vis}</span></div>\n<div class=\"story-body\">\n",
        sec = story.section,
        hl = story.headline,
        by = byline(&story.authors),
        vis = story.published.format("%A, %-d %B %Y"),
    );
    for para in &story.paragraphs {
        let _ = writeln!(h, "<p>{para}</p>");
    }
    h.push_str("</div>\n");
    h.push_str(&related_html(domain, story, "Related coverage"));
    h.push_str("</div>\n");
    h.push_str(&newsletter_html(name));
    h.push_str("</main>\n");
    h.push_str(&footer_html(domain, name));
    h.push_str("</body>\n</html>\n");
    h
}

/// A page saved as text from a browser: menus and prompts come along as lines.
fn render_text(story: &Story, name: &str) -> String {
    let mut t = String::with_capacity(8 * 1024);
    let _ = writeln!(t, "Skip to main content\n{name}");
    for item in NAV.iter().take(32) {
        let _ = writeln!(t, "{item}");
    }
    let _ = writeln!(
        t,
        "\nHome > {} > {}\n\n{}\n\n{}\n\nBy {} | Updated: {} | {} min read\n",
        story.section,
        story.headline,
        story.headline,
        story.standfirst,
        byline(&story.authors),
        story.published.format("%d %b %Y, %I:%M %p"),
        story.paragraphs.len() / 2 + 1
    );
    let mid = story.paragraphs.len() / 2;
    for (i, para) in story.paragraphs.iter().enumerate() {
        if i == mid {
            t.push_str("MORE FROM THIS SECTION\n");
            for (h, d) in &story.related {
                let _ = writeln!(t, "{h}\n{}\n", d.format("%d %b %Y"));
            }
        }
        let _ = writeln!(t, "{para}\n");
    }
    let _ = writeln!(
        t,
        "Sign up for the {name} newsletter\n* Enter a valid email\n* Thanks for signing up.\n\n{COOKIE_TEXT}\nAccept all\nManage choices\n"
    );
    for item in FOOTER {
        let _ = writeln!(t, "{item}");
    }
    let _ = writeln!(t, "Copyright 1999-2025 {name}");
    t
}

/// The bytes of page `number` and where it goes.
fn page(lex: &Lexicon, assets: &[Assets], seed: u64, number: usize) -> (usize, Vec<u8>) {
    let pi = publisher_of(seed, number);
    let (template, _, name, domain) = PUBLISHERS[pi];
    let (story, mut rng) = make_story(lex, seed, number);
    let blob = state_blob(&mut rng, lex, &story);
    let p = (name, domain);
    let bytes = match template {
        Template::JsonLd => render_jsonld(&story, &assets[pi], &blob, p).into_bytes(),
        Template::OpenGraph => render_opengraph(&story, &assets[pi], &blob, p).into_bytes(),
        Template::NoMeta => render_nometa(&story, &assets[pi], &blob, p).into_bytes(),
        Template::Table1252 => {
            let html = render_table(&story, &assets[pi], &blob, p);
            encoding_rs::WINDOWS_1252.encode(&html).0.into_owned()
        }
        Template::TextDump => render_text(&story, name).into_bytes(),
    };
    (pi, bytes)
}

fn page_path(out: &Path, publisher: usize, number: usize) -> PathBuf {
    let (template, dir, ..) = PUBLISHERS[publisher];
    let ext = if template == Template::TextDump {
        "txt"
    } else {
        "html"
    };
    out.join(dir).join(format!("{number:06}.{ext}"))
}

struct Args {
    out: PathBuf,
    n: usize,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let usage = "usage: gen_corpus OUT_DIR N [--seed S]";
    let mut positional = Vec::new();
    let mut seed = 42;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--seed" {
            let v = args.next().ok_or(usage)?;
            seed = v.parse().map_err(|_| format!("bad seed {v:?}"))?;
        } else if a == "-h" || a == "--help" {
            return Err(usage.into());
        } else {
            positional.push(a);
        }
    }
    match positional.as_slice() {
        [out, n] => Ok(Args {
            out: PathBuf::from(out),
            n: n.parse().map_err(|_| format!("bad page count {n:?}"))?,
            seed,
        }),
        _ => Err(usage.into()),
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let lex = Lexicon::new(args.seed);
    let assets: Vec<Assets> = PUBLISHERS
        .iter()
        .enumerate()
        .map(|(i, (_, dir, ..))| {
            let mut rng = Rng::new(args.seed ^ (i as u64 + 1).wrapping_mul(0xA076_1D64_78BD_642F));
            Assets {
                css: css_for(&mut rng, &lex, &dir[..4]),
                js: js_for(&mut rng, &lex),
            }
        })
        .collect();
    for (_, dir, ..) in PUBLISHERS {
        if let Err(e) = std::fs::create_dir_all(args.out.join(dir)) {
            eprintln!("cannot create {}: {e}", args.out.join(dir).display());
            std::process::exit(1);
        }
    }
    let written: Result<Vec<(usize, usize)>, String> = (0..args.n)
        .into_par_iter()
        .map(|number| {
            let (publisher, bytes) = page(&lex, &assets, args.seed, number);
            let path = page_path(&args.out, publisher, number);
            std::fs::write(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok((publisher, bytes.len()))
        })
        .collect();
    let written = match written {
        Ok(w) => w,
        Err(msg) => {
            eprintln!("cannot write: {msg}");
            std::process::exit(1);
        }
    };
    let total: usize = written.iter().map(|w| w.1).sum();
    println!(
        "wrote {} pages, {:.1} MB (mean {:.1} KB) to {} in {:.1} s (seed {})",
        args.n,
        total as f64 / 1e6,
        total as f64 / 1e3 / args.n.max(1) as f64,
        args.out.display(),
        started.elapsed().as_secs_f64(),
        args.seed
    );
    for (i, (_, dir, ..)) in PUBLISHERS.iter().enumerate() {
        let (count, bytes) = written
            .iter()
            .filter(|w| w.0 == i)
            .fold((0, 0), |(c, b), w| (c + 1, b + w.1));
        if count > 0 {
            println!(
                "  {dir:<18} {count:>8} pages, mean {:.1} KB",
                bytes as f64 / 1e3 / count as f64
            );
        }
    }
}
