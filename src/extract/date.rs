//! Messy date strings: the dates publishers write in meta tags, bylines and
//! URLs, turned into instants that keep the publisher's own UTC offset (so the
//! calendar day stays the day the paper printed).
//!
//! A date without a time is midnight UTC of that day; a time without a zone is
//! taken as UTC; a zone abbreviation or numeric offset is kept as the offset. Every form
//! needs a four-digit year in 1990..=2100 and a day, so a bare year ("© 2025"),
//! a month alone ("February 2021"), a two-digit year or a relative date
//! ("2 hours ago") is never a date. All-numeric dates are read as follows: a
//! part above 12 decides; otherwise `02/03/2021` is month-first (US usage of
//! `/`) and `02.03.2021` or `02-03-2021` is day-first (European usage).
//! Sub-second digits are dropped: a publication time to the second is plenty.

use crate::article::Date;
use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone, Weekday};
use regex::{Captures, Regex};
use std::ops::{Range, RangeInclusive};
use std::sync::LazyLock;

/// Years outside this range are typos, prices or IDs, not publication dates.
const YEARS: RangeInclusive<i32> = 1990..=2100;

/// How many words besides the date `parse_date` tolerates ("Updated:", "Published on", a byline).
const MAX_EXTRA_WORDS: usize = 8;

/// Longer strings are prose, not a date value; `find_date` is the tool for those.
const MAX_PARSE_LEN: usize = 400;

/// Month names and abbreviations, lower case: English, German, French, Spanish,
/// Italian, Dutch, Portuguese, Russian, Danish, Norwegian, Swedish, Finnish, Greek,
/// Hungarian, Romanian, Turkish, Arabic and Tamil (a name shared by several languages is
/// listed once, under the first). Abbreviations that are everyday English words
/// ("set", "out", "ago") are left out on purpose.
const MONTHS: &[(&str, u32)] = &[
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    // Russian (genitive, as dates are written)
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
    // Russian nominative and abbreviations
    ("январь", 1),
    ("янв", 1),
    ("февраль", 2),
    ("фев", 2),
    ("февр", 2),
    ("март", 3),
    ("апрель", 4),
    ("апр", 4),
    ("май", 5),
    ("июнь", 6),
    ("июль", 7),
    ("август", 8),
    ("авг", 8),
    ("сентябрь", 9),
    ("сент", 9),
    ("сен", 9),
    ("октябрь", 10),
    ("окт", 10),
    ("ноябрь", 11),
    ("нояб", 11),
    ("ноя", 11),
    ("декабрь", 12),
    ("дек", 12),
    // French
    ("janvier", 1),
    ("janv", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    // Spanish
    ("enero", 1),
    ("ene", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("abr", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("dic", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mrt", 3),
    ("mei", 5),
    ("augustus", 8),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("fev", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Danish, Norwegian, Swedish
    ("marts", 3),
    ("maj", 5),
    ("augusti", 8),
    ("desember", 12),
    // Finnish: the partitive of dates ("15. helmikuuta 2021"), then the nominative
    ("tammikuuta", 1),
    ("helmikuuta", 2),
    ("maaliskuuta", 3),
    ("huhtikuuta", 4),
    ("toukokuuta", 5),
    ("kesäkuuta", 6),
    ("heinäkuuta", 7),
    ("elokuuta", 8),
    ("syyskuuta", 9),
    ("lokakuuta", 10),
    ("marraskuuta", 11),
    ("joulukuuta", 12),
    ("tammikuu", 1),
    ("helmikuu", 2),
    ("maaliskuu", 3),
    ("huhtikuu", 4),
    ("toukokuu", 5),
    ("kesäkuu", 6),
    ("heinäkuu", 7),
    ("elokuu", 8),
    ("syyskuu", 9),
    ("lokakuu", 10),
    ("marraskuu", 11),
    ("joulukuu", 12),
    // Greek (genitive, as dates are written)
    ("ιανουαρίου", 1),
    ("φεβρουαρίου", 2),
    ("μαρτίου", 3),
    ("απριλίου", 4),
    ("μαΐου", 5),
    ("ιουνίου", 6),
    ("ιουλίου", 7),
    ("αυγούστου", 8),
    ("σεπτεμβρίου", 9),
    ("οκτωβρίου", 10),
    ("νοεμβρίου", 11),
    ("δεκεμβρίου", 12),
    // Hungarian (year first: "2021. február 15.")
    ("január", 1),
    ("február", 2),
    ("febr", 2),
    ("március", 3),
    ("márc", 3),
    ("április", 4),
    ("ápr", 4),
    ("május", 5),
    ("máj", 5),
    ("június", 6),
    ("jún", 6),
    ("július", 7),
    ("júl", 7),
    ("augusztus", 8),
    ("szeptember", 9),
    ("szept", 9),
    ("október", 10),
    // Romanian
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("eylül", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // Arabic: the names of Egypt and the Gulf, then those of the Levant and Iraq
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("اذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("ايلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الثاني", 11),
    ("كانون الأول", 12),
    // Tamil
    ("ஜனவரி", 1),
    ("பிப்ரவரி", 2),
    ("மார்ச்", 3),
    ("ஏப்ரல்", 4),
    ("மே", 5),
    ("ஜூன்", 6),
    ("ஜூலை", 7),
    ("ஆகஸ்ட்", 8),
    ("செப்டம்பர்", 9),
    ("அக்டோபர்", 10),
    ("நவம்பர்", 11),
    ("டிசம்பர்", 12),
];

/// Weekday names of the other languages, allowed in front of a date like [`WEEKDAYS`]
/// ("Samstag, 5. Oktober 2024", "lunes, 20 de mayo de 2024"). Kept apart from the English
/// list, which bylines also use, because some are surnames (Domingo, Sabato).
const OTHER_WEEKDAYS: &[&str] = &[
    // German
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonnabend",
    "sonntag",
    // French
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    // Spanish
    "lunes",
    "martes",
    "miércoles",
    "miercoles",
    "jueves",
    "viernes",
    "sábado",
    "sabado",
    "domingo",
    // Italian
    "lunedì",
    "lunedi",
    "martedì",
    "martedi",
    "mercoledì",
    "mercoledi",
    "giovedì",
    "giovedi",
    "venerdì",
    "venerdi",
    "sabato",
    "domenica",
    // Portuguese
    "segunda-feira",
    "terça-feira",
    "terca-feira",
    "quarta-feira",
    "quinta-feira",
    "sexta-feira",
    // Dutch
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
    // Danish, Norwegian, Swedish
    "mandag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lørdag",
    "søndag",
    "måndag",
    "tisdag",
    "lördag",
    "söndag",
    // Finnish
    "maanantai",
    "tiistai",
    "keskiviikko",
    "torstai",
    "perjantai",
    "lauantai",
    "sunnuntai",
    // Romanian
    "luni",
    "marți",
    "marti",
    "miercuri",
    "joi",
    "vineri",
    "sâmbătă",
    "sambata",
    "duminică",
    "duminica",
    // Turkish
    "pazartesi",
    "salı",
    "çarşamba",
    "perşembe",
    "cuma",
    "cumartesi",
    "pazar",
    // Russian
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
    // Greek
    "δευτέρα",
    "τρίτη",
    "τετάρτη",
    "πέμπτη",
    "παρασκευή",
    "σάββατο",
    "κυριακή",
    // Arabic
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الاربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
    "الاحد",
];

/// English weekday names, allowed (and ignored) in front of a date so a match covers them.
pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Time-zone abbreviations (upper case only, so French "est" stays a word) and
/// their UTC offsets in minutes. Where an abbreviation is ambiguous the reading
/// most common in English-language news wins (IST is India, CST is US Central).
const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("GMT", 0),
    ("UT", 0),
    ("Z", 0),
    ("WET", 0),
    ("WEST", 60),
    ("BST", 60),
    ("CET", 60),
    ("MEZ", 60),
    ("WAT", 60),
    ("CEST", 120),
    ("MESZ", 120),
    ("EET", 120),
    ("SAST", 120),
    ("CAT", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("EAT", 180),
    ("GST", 240),
    ("PKT", 300),
    ("IST", 330),
    ("NPT", 345),
    ("ICT", 420),
    ("WIB", 420),
    ("SGT", 480),
    ("HKT", 480),
    ("PHT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("ACST", 570),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
    ("BRT", -180),
    ("ART", -180),
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
    ("AKST", -540),
    ("AKDT", -480),
    ("HST", -600),
];

/// US zones written without standard/daylight ("4:12 p.m. ET"), with their
/// standard offsets; daylight saving is worked out from the date.
const US_GENERIC_ZONES: &[(&str, i32)] = &[("ET", -300), ("CT", -360), ("MT", -420), ("PT", -480)];

/// Words that may stand between a date and its time: "15 Feb 2021 at 4:12 pm", "um 14:20", "à 14h20".
const TIME_JOINERS: &[&str] = &["at", "um", "à", "a las", "alle", "alle ore", "om", "às"];

/// A regex alternation of `words`, longest first so "sept" is not read as "sep" + "t".
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

static MONTH_ALT: LazyLock<String> =
    LazyLock::new(|| alternation(MONTHS.iter().map(|(name, _)| *name)));

/// A time of day with an optional zone; `p` prefixes the group names so a
/// pattern can hold one time before and one after the date.
fn time_pattern(p: &str) -> String {
    let zones = alternation(
        ZONES
            .iter()
            .chain(US_GENERIC_ZONES)
            .map(|(name, _)| *name)
            .filter(|n| *n != "Z"),
    );
    let ampm = r"[aApP]\.?\s?[mM](?-u:\b)\.?";
    format!(
        r"(?:(?P<{p}H>[0-9]{{1,2}})(?P<{p}hs>[:h.])(?P<{p}M>[0-9]{{2}})(?::(?P<{p}S>[0-9]{{2}})(?:[.,][0-9]{{1,9}})?)?(?:\s*(?P<{p}ap>{ampm}))?|(?P<{p}Hb>[0-9]{{1,2}})\s?(?P<{p}apb>{ampm}))(?:\s*\(?(?P<{p}tz>(?:UTC|GMT)\s?[+-][0-9]{{1,2}}(?::?[0-9]{{2}})?|[+-][0-9]{{2}}(?::?[0-9]{{2}})?(?-u:\b)|(?:{zones})(?-u:\b)|Z(?-u:\b)))?"
    )
}

/// What may follow a date: separator, joiner word, then a time.
fn time_tail() -> String {
    let joiners = alternation(TIME_JOINERS.iter().copied());
    format!(
        r"(?:\s*(?:T|,|\||-|–|—|·|•|@|/)?\s*(?:(?:{joiners})\s+)?{})?",
        time_pattern("")
    )
}

/// What may precede a date: a time ("14:20 GMT, 15 February 2021"), a weekday.
fn date_head() -> String {
    let weekdays = alternation(WEEKDAYS.iter().copied());
    let others = alternation(OTHER_WEEKDAYS.iter().copied());
    // An ASCII word boundary is cheap but never matches beside a non-ASCII letter
    // ("lunedì", "среда"): there, what follows (a dot, a comma or a space) ends the word.
    format!(
        r"(?:{}\s*(?:,|\||-|–|—)?\s*(?:on\s+)?)?(?:(?:(?-u:\b)(?P<wd>(?i:{weekdays}))(?-u:\b)|(?P<wdo>(?i:{others})))\.?,?\s+)?",
        time_pattern("l")
    )
}

/// The shapes a date can take; each regex names its parts `y`, `m`/`mon`, `d`
/// (or `a`/`b` for the all-numeric form).
#[derive(Clone, Copy, Debug)]
enum Shape {
    /// 2021-02-15, 2021/02/15, 2021.02.15, each optionally with a time.
    YearFirst,
    /// 15 Feb 2021, 15th February 2021, 15. Februar 2021, 15 de febrero de 2021.
    DayMonthName,
    /// Feb. 15, 2021, February 15th 2021.
    MonthNameDay,
    /// 15.02.2021, 02/15/2021.
    Numeric,
    /// 2021年2月15日, 2021년 2월 15일.
    Cjk,
    /// 2021. február 15. (Hungarian).
    YearMonthName,
}

struct Form {
    shape: Shape,
    re: Regex,
}

static FORMS: LazyLock<Vec<Form>> = LazyLock::new(|| {
    let head = date_head();
    let tail = time_tail();
    let months = &*MONTH_ALT;
    let patterns = [
        (
            Shape::YearFirst,
            format!(
                r"(?P<y>[0-9]{{4}})(?P<s1>[-/.])(?P<m>[0-9]{{1,2}})(?P<s2>[-/.])(?P<d>[0-9]{{1,2}}){tail}"
            ),
        ),
        (
            Shape::DayMonthName,
            format!(
                r"{head}(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th|er|º|°|\.)?(?:\s*(?:de|of)\s+|[\s\-/.]*)(?P<mon>(?i:{months}))\.?(?:\s*(?:de|del)\s+|\s*,?\s*|[\-/.])(?P<y>[0-9]{{4}}){tail}"
            ),
        ),
        (
            Shape::MonthNameDay,
            format!(
                r"{head}(?P<mon>(?i:{months}))\.?\s*(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+|,)(?P<y>[0-9]{{4}}){tail}"
            ),
        ),
        (
            Shape::Numeric,
            format!(
                r"{head}(?P<a>[0-9]{{1,2}})(?P<s1>[./-])(?P<b>[0-9]{{1,2}})(?P<s2>[./-])(?P<y>[0-9]{{4}}){tail}"
            ),
        ),
        (
            Shape::YearMonthName,
            format!(
                r"(?P<y>[0-9]{{4}})\.\s*\b(?P<mon>(?i:{months}))\.?\s+(?P<d>[0-9]{{1,2}})\.?{tail}"
            ),
        ),
        (
            Shape::Cjk,
            format!(
                r"(?P<y>[0-9]{{4}})\s*[年년]\s*(?P<m>[0-9]{{1,2}})\s*[月월]\s*(?P<d>[0-9]{{1,2}})\s*[日일]{tail}"
            ),
        ),
    ];
    patterns
        .into_iter()
        .map(|(shape, pattern)| Form {
            shape,
            re: Regex::new(&pattern).expect("date pattern compiles"),
        })
        .collect()
});

/// Dates in URL paths: /2021/02/15/, /2021/feb/15/, /2021-02-15-slug, /20210215/.
static URL_FORMS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let months = &*MONTH_ALT;
    [
        format!(
            r"(?:^|/)(?P<y>[0-9]{{4}})/(?P<m>[0-9]{{1,2}}|{months})/(?P<d>[0-9]{{1,2}})(?:$|[/_.-])"
        ),
        r"(?:^|[/_.-])(?P<y>[0-9]{4})[-_](?P<m>[0-9]{1,2})[-_](?P<d>[0-9]{1,2})(?:$|[/_.-]|[a-z])"
            .to_string(),
        r"(?:^|[/_.-])(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})(?:$|[/_.-])".to_string(),
        // Day first, as German and French sites write it: /bericht_vom_22.04.2020_/, /29-10-2021.
        r"(?:^|[/_~-])(?P<d>[0-9]{2})[.-](?P<m>[0-9]{2})[.-](?P<y>[0-9]{4})(?:$|[/_.-])"
            .to_string(),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("url date pattern compiles"))
    .collect()
});

/// Parses a string that is (or contains, with a few surrounding words like "Updated:" / "Published on") one date expression.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() > MAX_PARSE_LEN {
        return None;
    }
    let (when, span) = find_date_span(s)?;
    let extra =
        s[..span.start].split_whitespace().count() + s[span.end..].split_whitespace().count();
    (extra <= MAX_EXTRA_WORDS).then_some(when)
}

/// Finds the first plausible date expression anywhere in a line of free text.
pub fn find_date(text: &str) -> Option<Date> {
    find_date_span(text).map(|(when, _)| when)
}

/// Like [`find_date`], also giving the byte range the date expression covers
/// (so a byline can be read from what is around it).
pub fn find_date_span(text: &str) -> Option<(Date, Range<usize>)> {
    // Every form holds a four-digit year: most lines of a page fail this cheap test.
    if !has_digit_run(text, 4) {
        return None;
    }
    let mut best: Option<(Date, Range<usize>)> = None;
    for form in FORMS.iter() {
        if let Some((when, span)) = first_in(form, text) {
            let better = match &best {
                None => true,
                Some((_, b)) => span.start < b.start || (span.start == b.start && span.end > b.end),
            };
            if better {
                best = Some((when, span));
            }
        }
    }
    best
}

/// `28.01.22`: day, month and a two-digit year, as German sites print dates in article headers.
static SHORT_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9.])(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{2})(?:$|[^0-9.])")
        .expect("short year pattern compiles")
});

/// A date with a two-digit year (`28.01.22`), read only where an element is named as a date:
/// in running text the same shape is a version number or a score. Years run 1990 to 2089.
pub fn find_short_year_date(text: &str) -> Option<Date> {
    let c = SHORT_YEAR.captures(text)?;
    let yy: i32 = c["y"].parse().ok()?;
    let year = if yy >= 90 { 1900 + yy } else { 2000 + yy };
    make_date(year, c["m"].parse().ok()?, c["d"].parse().ok()?).map(midnight)
}

/// A publication date encoded in a URL path: /2021/02/15/, /2021-02-15-, /20210215/, /2021/feb/15/,
/// /22.04.2020/.
/// A year and month alone (/2021/02/) is not a date.
pub fn date_from_url(url: &str) -> Option<Date> {
    let path = url_path(url);
    if !has_digit_run(path, 4) {
        return None;
    }
    let path = path.to_ascii_lowercase();
    URL_FORMS
        .iter()
        .filter_map(|re| {
            re.captures_iter(&path).find_map(|c| {
                let y = c.name("y")?;
                let month = c.name("m")?.as_str();
                let month = month.parse().ok().or_else(|| month_number(month))?;
                let day = c.name("d")?.as_str().parse().ok()?;
                let date = make_date(y.as_str().parse().ok()?, month, day)?;
                Some((y.start(), date))
            })
        })
        .min_by_key(|(start, _)| *start)
        .map(|(_, date)| midnight(date))
}

/// The path of a URL: no scheme, host, query or fragment (a host may hold digits).
fn url_path(url: &str) -> &str {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            after.find('/').map_or("", |j| &after[j..])
        }
        None => url,
    };
    rest.split(['?', '#']).next().unwrap_or(rest)
}

/// True when `text` holds `n` ASCII digits in a row.
fn has_digit_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run >= n {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// The first match of one form that is a real date, with its span.
fn first_in(form: &Form, text: &str) -> Option<(Date, Range<usize>)> {
    form.re
        .captures_iter(text)
        .find_map(|c| read_match(form.shape, text, &c))
}

/// Turns one regex match into an instant, or rejects it.
fn read_match(shape: Shape, text: &str, c: &Captures) -> Option<(Date, Range<usize>)> {
    let whole = c.get(0)?;
    // A month name must be a whole word ("Marchand 2021" is no date). Checked here rather than
    // with `\b` in the patterns: a Unicode word boundary stops the regex crate's fast DFA at
    // the first non-ASCII byte, and the fallback engines made date search a third of the
    // ingest time on text dumps.
    if let Some(mon) = c.name("mon") {
        let before = text[..mon.start()].chars().next_back();
        let after = text[mon.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            return None;
        }
    }
    let (date, date_span) = date_of(shape, c)?;
    // The date must not be a piece of a longer token ("12021-02-15", "15/02/20210", "v1.2.2021x");
    // only ISO's "T" may follow.
    let before = text[..date_span.start].chars().next_back();
    let after = text[date_span.end..].chars().next();
    if before.is_some_and(|ch| ch.is_ascii_alphanumeric())
        || after.is_some_and(|ch| ch.is_ascii_alphanumeric() && ch != 'T')
    {
        return None;
    }
    let mut end = date_span.end;
    let mut when = midnight(date);
    let trailing = time_of(c, "", date).map(|t| (t, whole.end()));
    let leading = time_of(c, "l", date).map(|t| (t, whole.start()));
    // A weekday in front belongs to the expression; a leading time only if it was read.
    let mut start = c
        .name("wd")
        .or_else(|| c.name("wdo"))
        .map_or(date_span.start, |m| m.start());
    if let Some((instant, time_end)) = trailing {
        when = instant;
        end = time_end;
    } else if let Some((instant, time_start)) = leading {
        when = instant;
        start = time_start;
    }
    Some((when, start..end))
}

/// The calendar date of a match and the byte range of its day, month and year.
fn date_of(shape: Shape, c: &Captures) -> Option<(NaiveDate, Range<usize>)> {
    let num = |name: &str| -> Option<u32> { c.name(name)?.as_str().parse().ok() };
    let y = c.name("y")?;
    let year: i32 = y.as_str().parse().ok()?;
    let (month, day, first) = match shape {
        Shape::YearFirst => {
            if c.name("s1")?.as_str() != c.name("s2")?.as_str() {
                return None;
            }
            (num("m")?, num("d")?, y.start())
        }
        Shape::Cjk => (num("m")?, num("d")?, y.start()),
        Shape::YearMonthName => (month_number(c.name("mon")?.as_str())?, num("d")?, y.start()),
        Shape::DayMonthName => (
            month_number(c.name("mon")?.as_str())?,
            num("d")?,
            c.name("d")?.start(),
        ),
        Shape::MonthNameDay => (
            month_number(c.name("mon")?.as_str())?,
            num("d")?,
            c.name("mon")?.start(),
        ),
        Shape::Numeric => {
            let sep = c.name("s1")?.as_str();
            if sep != c.name("s2")?.as_str() {
                return None;
            }
            let (month, day) = order_numeric(num("a")?, num("b")?, sep);
            (month, day, c.name("a")?.start())
        }
    };
    let last = match shape {
        Shape::YearFirst | Shape::Cjk | Shape::YearMonthName => c.name("d")?.end(),
        _ => y.end(),
    };
    Some((make_date(year, month, day)?, first..last))
}

/// Decides which of two numbers is the month (see the module notes).
fn order_numeric(a: u32, b: u32, sep: &str) -> (u32, u32) {
    if a > 12 {
        (b, a)
    } else if b > 12 || sep == "/" {
        (a, b)
    } else {
        (b, a)
    }
}

/// The same wall-clock time with day and month exchanged, when both readings are dates
/// (`03/05` is 5 March or 3 May); `None` when only one reading exists.
pub fn day_month_swapped(d: Date) -> Option<Date> {
    use chrono::Datelike;
    let (day, month) = (d.day(), d.month());
    if day > 12 || day == month {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(d.year(), day, month)?;
    date.and_time(d.time())
        .and_local_timezone(*d.offset())
        .single()
}

/// A month number from any listed name or abbreviation, any case, with or without a final dot.
fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
}

/// A real calendar date inside the accepted years.
fn make_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

fn midnight(date: NaiveDate) -> Date {
    date.and_time(NaiveTime::MIN).and_utc().fixed_offset()
}

/// The instant of `date` at the time captured with prefix `p`, if that time is complete and valid.
fn time_of(c: &Captures, p: &str, date: NaiveDate) -> Option<Date> {
    let group = |name: &str| c.name(&format!("{p}{name}")).map(|m| m.as_str());
    let (mut hour, minute, second, ampm): (u32, u32, u32, Option<&str>) = match group("H") {
        Some(h) => {
            let ampm = group("ap");
            // "12.5" is a number; "19.50 GMT" or "4.12 pm" is a time.
            if group("hs") == Some(".") && ampm.is_none() && group("tz").is_none() {
                return None;
            }
            let second = group("S").map_or(Some(0), |s| s.parse().ok())?;
            (h.parse().ok()?, group("M")?.parse().ok()?, second, ampm)
        }
        None => (group("Hb")?.parse().ok()?, 0, 0, group("apb")),
    };
    if let Some(ampm) = ampm {
        let pm = ampm.to_ascii_lowercase().starts_with('p');
        if (1..=12).contains(&hour) {
            hour = hour % 12 + if pm { 12 } else { 0 };
        }
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second.min(59))?;
    let offset = match group("tz") {
        Some(zone) => zone_offset(zone, date)?,
        None => 0,
    };
    let zone = FixedOffset::east_opt(offset * 60)?;
    zone.from_local_datetime(&date.and_time(time)).single()
}

/// Minutes east of UTC for a zone abbreviation or a numeric offset ("+05:30", "GMT+5:30").
fn zone_offset(zone: &str, date: NaiveDate) -> Option<i32> {
    let numeric = zone
        .trim_start_matches("UTC")
        .trim_start_matches("GMT")
        .trim_start();
    if let Some(digits) = numeric
        .strip_prefix('+')
        .or_else(|| numeric.strip_prefix('-'))
    {
        let sign = if numeric.starts_with('-') { -1 } else { 1 };
        let digits: String = digits.chars().filter(char::is_ascii_digit).collect();
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            3 | 4 => {
                let split = digits.len() - 2;
                (digits[..split].parse().ok()?, digits[split..].parse().ok()?)
            }
            _ => return None,
        };
        return (h <= 14 && m < 60).then_some(sign * (h * 60 + m));
    }
    if let Some((_, standard)) = US_GENERIC_ZONES.iter().find(|(n, _)| *n == zone) {
        return Some(standard + if us_daylight_saving(date) { 60 } else { 0 });
    }
    ZONES
        .iter()
        .find(|(n, _)| *n == zone)
        .map(|(_, offset)| *offset)
}

/// Whether US daylight saving time is in force on `date` (rules since 2007, and 1987-2006 before).
fn us_daylight_saving(date: NaiveDate) -> bool {
    use chrono::Datelike;
    let year = date.year();
    let sunday = |month, n| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Sun, n);
    let (start, end) = if year >= 2007 {
        (sunday(3, 2), sunday(11, 1))
    } else {
        // The last Sunday of October is the fifth, or else the fourth.
        (sunday(4, 1), sunday(10, 5).or_else(|| sunday(10, 4)))
    };
    match (start, end) {
        (Some(start), Some(end)) => date >= start && date < end,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utc(s: &str) -> Option<Date> {
        Some(chrono::DateTime::parse_from_rfc3339(s).unwrap())
    }

    #[test]
    fn the_publishers_offset_is_kept() {
        // A late-evening story west of Greenwich stays on its own calendar day.
        let d = parse_date("2023-11-08T21:24:10-05:00").unwrap();
        assert_eq!(d.to_rfc3339(), "2023-11-08T21:24:10-05:00");
        let d = parse_date("Nov 8, 2023 9:24 PM EST").unwrap();
        assert_eq!(d.offset().local_minus_utc(), -5 * 3600);
        assert_eq!(d.date_naive().to_string(), "2023-11-08");
        let d = parse_date("2023-11-08").unwrap();
        assert_eq!(d.offset().local_minus_utc(), 0);
    }

    #[test]
    fn month_names_are_whole_words() {
        for line in [
            "Marchand 2021 results",
            "15 Marchand 2021",
            "Smay 3, 2021",
            "3 Mayo2021",
        ] {
            assert_eq!(find_date(line), None, "{line}");
        }
        // Non-ASCII neighbours and month names still count as word characters.
        assert_eq!(find_date("15 мартаx 2019"), None);
        assert_eq!(
            find_date("Fitré, 15 марта 2019."),
            utc("2019-03-15T00:00:00Z")
        );
        assert_eq!(
            find_date("Café: Feb. 15, 2021"),
            utc("2021-02-15T00:00:00Z")
        );
    }

    #[test]
    fn parses_the_usual_shapes() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2021-02-15T19:50:00+05:30", Some("2021-02-15T14:20:00Z")),
            ("2021-02-15T14:20:00Z", Some("2021-02-15T14:20:00Z")),
            ("2021-02-15T14:20:00.123Z", Some("2021-02-15T14:20:00Z")),
            ("2021-02-15T14:20:00+0000", Some("2021-02-15T14:20:00Z")),
            ("2021-02-15T09:20:00-05:00", Some("2021-02-15T14:20:00Z")),
            ("2021-02-15 14:20:00", Some("2021-02-15T14:20:00Z")),
            ("2021-02-15 14:20", Some("2021-02-15T14:20:00Z")),
            ("2021-02-15", Some("2021-02-15T00:00:00Z")),
            ("2021/02/15", Some("2021-02-15T00:00:00Z")),
            ("2021.02.15", Some("2021-02-15T00:00:00Z")),
            ("date 2021-02-15", Some("2021-02-15T00:00:00Z")),
            ("15 Feb 2021, 07:50 PM IST", Some("2021-02-15T14:20:00Z")),
            (
                "Updated: 15 Feb 2021, 07:50 PM IST",
                Some("2021-02-15T14:20:00Z"),
            ),
            ("Feb. 15, 2021", Some("2021-02-15T00:00:00Z")),
            (
                "February 15, 2021 at 4:12 p.m. ET",
                Some("2021-02-15T21:12:00Z"),
            ),
            ("July 4, 2021 at 4:12 p.m. ET", Some("2021-07-04T20:12:00Z")),
            ("Feb 15 2021", Some("2021-02-15T00:00:00Z")),
            ("February 15th, 2021", Some("2021-02-15T00:00:00Z")),
            ("15.02.2021", Some("2021-02-15T00:00:00Z")),
            ("15/02/2021", Some("2021-02-15T00:00:00Z")),
            ("02/15/2021", Some("2021-02-15T00:00:00Z")),
            ("03/02/2021", Some("2021-03-02T00:00:00Z")),
            ("03.02.2021", Some("2021-02-03T00:00:00Z")),
            ("03-02-2021", Some("2021-02-03T00:00:00Z")),
            ("15.02.2021 14:20", Some("2021-02-15T14:20:00Z")),
            ("Monday 15 February 2021", Some("2021-02-15T00:00:00Z")),
            ("Monday, February 15, 2021", Some("2021-02-15T00:00:00Z")),
            ("15th February 2021", Some("2021-02-15T00:00:00Z")),
            ("15-Feb-2021", Some("2021-02-15T00:00:00Z")),
            (
                "Mon, 15 Feb 2021 14:20:00 GMT",
                Some("2021-02-15T14:20:00Z"),
            ),
            (
                "Mon, 15 Feb 2021 19:50:00 +0530",
                Some("2021-02-15T14:20:00Z"),
            ),
            ("Mon 15 Feb 2021 14.20 GMT", Some("2021-02-15T14:20:00Z")),
            (
                "Mon Feb 15 2021 19:50:00 GMT+0530 (India Standard Time)",
                Some("2021-02-15T14:20:00Z"),
            ),
            (
                "PUBLISHED: 14:20 GMT, 15 February 2021",
                Some("2021-02-15T14:20:00Z"),
            ),
            ("Sept. 3, 2019", Some("2019-09-03T00:00:00Z")),
            ("3 Sept 2019", Some("2019-09-03T00:00:00Z")),
            ("Sep 3, 2019 9am", Some("2019-09-03T09:00:00Z")),
            ("Sep 3, 2019 12:30 am", Some("2019-09-03T00:30:00Z")),
            ("Sep 3, 2019 12:30 pm BST", Some("2019-09-03T11:30:00Z")),
            ("15. Februar 2021", Some("2021-02-15T00:00:00Z")),
            ("3. März 2021 um 14:20 Uhr", Some("2021-03-03T14:20:00Z")),
            ("15 février 2021 à 14h20", Some("2021-02-15T14:20:00Z")),
            ("1er mai 2021", Some("2021-05-01T00:00:00Z")),
            ("15 de febrero de 2021", Some("2021-02-15T00:00:00Z")),
            ("15 febbraio 2021", Some("2021-02-15T00:00:00Z")),
            ("15 februari 2021", Some("2021-02-15T00:00:00Z")),
            ("15 марта 2019", Some("2019-03-15T00:00:00Z")),
            ("15 de fevereiro de 2021", Some("2021-02-15T00:00:00Z")),
            ("2 août 2020", Some("2020-08-02T00:00:00Z")),
            ("2021年2月15日", Some("2021-02-15T00:00:00Z")),
            (
                "Published on Feb 15, 2021 by Jane Doe",
                Some("2021-02-15T00:00:00Z"),
            ),
            // Rejected.
            ("2021-02-30", None),
            ("2021-13-01", None),
            ("31/31/2021", None),
            ("1989-12-31", None),
            ("2101-01-01", None),
            ("15/02/21", None),
            ("Feb 15, 21", None),
            ("February 2021", None),
            ("15 February", None),
            ("2021", None),
            ("© 2025 Publisher", None),
            ("Copyright 2019", None),
            ("2 hours ago", None),
            ("1613398800", None),
            ("20210215", None),
            ("2021-02-15/2021-03", Some("2021-02-15T00:00:00Z")),
            ("12021-02-15", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_date(input),
                want.and_then(utc),
                "parse_date({input:?})"
            );
        }
    }

    #[test]
    fn parse_date_refuses_prose() {
        let prose = "The council met on 15 Feb 2021 to discuss the budget, the harbour, the new \
                     tram line and a dozen other matters that had piled up over the winter";
        assert_eq!(parse_date(prose), None);
        assert_eq!(find_date(prose), utc("2021-02-15T00:00:00Z"));
    }

    #[test]
    fn reads_month_and_weekday_names_of_other_languages() {
        let cases: &[(&str, &str)] = &[
            ("Samstag, 5. Oktober 2024", "2024-10-05T00:00:00Z"),
            ("lunes, 20 de mayo de 2024", "2024-05-20T00:00:00Z"),
            ("mardi 2 avril 2024 à 07h15", "2024-04-02T07:15:00Z"),
            ("15 июня 2024, 12:00", "2024-06-15T12:00:00Z"),
            ("1 март 2023", "2023-03-01T00:00:00Z"),
            ("среда, 3 апреля 2024", "2024-04-03T00:00:00Z"),
            ("8 يوليو 2024", "2024-07-08T00:00:00Z"),
            ("12 تشرين الأول 2023", "2023-10-12T00:00:00Z"),
            ("15. helmikuuta 2021", "2021-02-15T00:00:00Z"),
            ("15 Φεβρουαρίου 2021", "2021-02-15T00:00:00Z"),
            ("2021. február 15.", "2021-02-15T00:00:00Z"),
            ("15 februarie 2021", "2021-02-15T00:00:00Z"),
            ("15 Şubat 2021", "2021-02-15T00:00:00Z"),
            ("15 marts 2021", "2021-03-15T00:00:00Z"),
            ("15 augusti 2021", "2021-08-15T00:00:00Z"),
            ("15 டிசம்பர் 2021", "2021-12-15T00:00:00Z"),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input), utc(want), "parse_date({input:?})");
        }
        // A weekday in front belongs to the date's span, in any script.
        for text in ["am Samstag, 5. Oktober 2024", "в среда, 3 апреля 2024 года"] {
            let (_, span) = find_date_span(text).unwrap();
            let covered = &text[span];
            assert!(
                covered.starts_with("Samstag") || covered.starts_with("среда"),
                "{covered}"
            );
        }
    }

    #[test]
    fn finds_dates_in_free_text() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "1 min read . Updated: 15 Feb 2021, 07:50 PM IST Nina Kowalczyk , Reuters",
                Some("2021-02-15T14:20:00Z"),
            ),
            ("© 2025 Publisher. All rights reserved.", None),
            ("Copyright 2019 The Courier, 1990-2019", None),
            ("It sold 2,021 units in 2019 for 15.99 dollars.", None),
            (
                "They met on March 3, 2020 and again on 4 May 2021.",
                Some("2020-03-03T00:00:00Z"),
            ),
            (
                "The files dated 2021-02-30 and 2021-03-01 differ.",
                Some("2021-03-01T00:00:00Z"),
            ),
            ("Posted 3 hours ago", None),
            ("We may 2021 see more", None),
            ("Version 10.15.2021x", None),
            ("Call 555-12-20210", None),
        ];
        for (input, want) in cases {
            assert_eq!(find_date(input), want.and_then(utc), "find_date({input:?})");
        }
    }

    #[test]
    fn spans_cover_the_date_and_its_time() {
        let line = "1 min read . Updated: 15 Feb 2021, 07:50 PM IST Nina Kowalczyk";
        let (_, span) = find_date_span(line).unwrap();
        assert_eq!(&line[span], "15 Feb 2021, 07:50 PM IST");
        let line = "By Ann Lee | Monday, February 15, 2021";
        let (_, span) = find_date_span(line).unwrap();
        assert_eq!(&line[span], "Monday, February 15, 2021");
    }

    #[test]
    fn reads_two_digit_years_only_when_asked() {
        let day = |s: &str| find_short_year_date(s).map(|d| d.date_naive().to_string());
        assert_eq!(day(" 28.01.22").as_deref(), Some("2022-01-28"));
        assert_eq!(day("Am 3.9.98 um").as_deref(), Some("1998-09-03"));
        assert_eq!(day("version 1.2.3.4"), None);
        assert_eq!(day("31.02.21"), None);
        assert_eq!(find_date("28.01.22"), None);
    }

    #[test]
    fn reads_dates_in_urls() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "https://example.com/news/2021/02/15/kremlin-musk/",
                Some("2021-02-15T00:00:00Z"),
            ),
            (
                "https://example.com/2021/2/5/story",
                Some("2021-02-05T00:00:00Z"),
            ),
            (
                "https://example.com/world/2021/feb/15/story",
                Some("2021-02-15T00:00:00Z"),
            ),
            (
                "https://example.com/news/2021-02-15-kremlin-musk",
                Some("2021-02-15T00:00:00Z"),
            ),
            (
                "https://example.com/news/20210215/kremlin",
                Some("2021-02-15T00:00:00Z"),
            ),
            (
                "https://example.com/news/kremlin-20210215.html",
                Some("2021-02-15T00:00:00Z"),
            ),
            ("/2021/02/15", Some("2021-02-15T00:00:00Z")),
            (
                "https://example.org/artikel/lage_vom_22.04.2020_im_landtag",
                Some("2020-04-22T00:00:00Z"),
            ),
            (
                "https://example.org/meldungen/29-10-2021",
                Some("2021-10-29T00:00:00Z"),
            ),
            ("https://example.org/a/12-34-5678/", None),
            ("https://example.com/news/2021/02/", None),
            ("https://example.com/news/2021/02/31/x", None),
            ("https://example.com/news/article-12345678.html", None),
            ("https://example.com/news/123456789/", None),
            ("https://2021.example.com/a?date=2021-02-15", None),
            ("https://example.com/", None),
            ("not a url", None),
        ];
        for (input, want) in cases {
            assert_eq!(
                date_from_url(input),
                want.and_then(utc),
                "date_from_url({input:?})"
            );
        }
    }

    #[test]
    fn us_daylight_saving_follows_the_calendar() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(!us_daylight_saving(d(2023, 3, 11)));
        assert!(us_daylight_saving(d(2023, 3, 12)));
        assert!(us_daylight_saving(d(2023, 11, 4)));
        assert!(!us_daylight_saving(d(2023, 11, 5)));
        assert!(us_daylight_saving(d(2005, 10, 29)));
        assert!(!us_daylight_saving(d(2005, 10, 30)));
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,80}") {
            let _ = parse_date(&s);
            let _ = find_date(&s);
            let _ = date_from_url(&s);
        }

        #[test]
        fn never_panics_on_date_like_text(
            s in "[0-9]{0,4}([ ./:,T+-]{0,2}[0-9]{0,4}){0,4}( ?(Feb|février|März|Sept\\.|PM|p\\.m\\.|IST|ET|Z|GMT\\+5:30|年|月|日|h)){0,3}[ ./:0-9-]{0,10}"
        ) {
            let _ = parse_date(&s);
            let _ = find_date(&s);
            let _ = date_from_url(&s);
            let _ = date_from_url(&format!("https://x.org/{s}"));
        }

        #[test]
        fn found_spans_are_char_boundaries(s in "\\PC{0,40}", d in "(15 Feb 2021|2021-02-15T14:20Z|Feb. 3, 2020 4 pm ET)") {
            let text = format!("{s}{d}{s}");
            if let Some((_, span)) = find_date_span(&text) {
                prop_assert!(text.get(span).is_some());
            }
        }
    }
}
