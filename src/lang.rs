//! Languages: which one an article is written in (ISO 639-1), and how each is analysed.
//!
//! Detection reads the text with `whatlang`; the page's own declaration (`<html lang>`,
//! `og:locale`, `Content-Language`) is only a hint, used when the text is too short or too
//! ambiguous for the detector, and only when the text is in a script that language uses.

use tantivy::tokenizer::Language;
use whatlang::Lang;

/// One language morgue knows: its ISO 639-1 code, the detector's name for it, and the Snowball
/// stemmer tantivy ships for it (`None`: indexed unstemmed, case and accents folded).
pub struct LangInfo {
    /// ISO 639-1 code, as stored and as `--lang` takes it.
    pub code: &'static str,
    /// The detector's language.
    pub detected: Lang,
    /// tantivy's stemmer, when there is one.
    pub stemmer: Option<Language>,
}

const fn l(code: &'static str, detected: Lang, stemmer: Option<Language>) -> LangInfo {
    LangInfo {
        code,
        detected,
        stemmer,
    }
}

/// Every language the detector can name. Add a row to support one more; a stemmer, when
/// tantivy gains one, goes in the third column.
pub static LANGUAGES: &[LangInfo] = &[
    l("en", Lang::Eng, Some(Language::English)),
    l("ar", Lang::Ara, Some(Language::Arabic)),
    l("da", Lang::Dan, Some(Language::Danish)),
    l("nl", Lang::Nld, Some(Language::Dutch)),
    l("fi", Lang::Fin, Some(Language::Finnish)),
    l("fr", Lang::Fra, Some(Language::French)),
    l("de", Lang::Deu, Some(Language::German)),
    l("el", Lang::Ell, Some(Language::Greek)),
    l("hu", Lang::Hun, Some(Language::Hungarian)),
    l("it", Lang::Ita, Some(Language::Italian)),
    l("nb", Lang::Nob, Some(Language::Norwegian)),
    l("pt", Lang::Por, Some(Language::Portuguese)),
    l("ro", Lang::Ron, Some(Language::Romanian)),
    l("ru", Lang::Rus, Some(Language::Russian)),
    l("es", Lang::Spa, Some(Language::Spanish)),
    l("sv", Lang::Swe, Some(Language::Swedish)),
    l("ta", Lang::Tam, Some(Language::Tamil)),
    l("tr", Lang::Tur, Some(Language::Turkish)),
    l("zh", Lang::Cmn, None),
    l("ja", Lang::Jpn, None),
    l("ko", Lang::Kor, None),
    l("th", Lang::Tha, None),
    l("eo", Lang::Epo, None),
    l("bn", Lang::Ben, None),
    l("uk", Lang::Ukr, None),
    l("ka", Lang::Kat, None),
    l("hi", Lang::Hin, None),
    l("he", Lang::Heb, None),
    l("yi", Lang::Yid, None),
    l("pl", Lang::Pol, None),
    l("am", Lang::Amh, None),
    l("jv", Lang::Jav, None),
    l("cs", Lang::Ces, None),
    l("bg", Lang::Bul, None),
    l("be", Lang::Bel, None),
    l("mr", Lang::Mar, None),
    l("kn", Lang::Kan, None),
    l("sl", Lang::Slv, None),
    l("hr", Lang::Hrv, None),
    l("sr", Lang::Srp, None),
    l("mk", Lang::Mkd, None),
    l("lt", Lang::Lit, None),
    l("lv", Lang::Lav, None),
    l("et", Lang::Est, None),
    l("vi", Lang::Vie, None),
    l("ur", Lang::Urd, None),
    l("gu", Lang::Guj, None),
    l("uz", Lang::Uzb, None),
    l("pa", Lang::Pan, None),
    l("az", Lang::Aze, None),
    l("id", Lang::Ind, None),
    l("te", Lang::Tel, None),
    l("fa", Lang::Pes, None),
    l("ml", Lang::Mal, None),
    l("or", Lang::Ori, None),
    l("my", Lang::Mya, None),
    l("ne", Lang::Nep, None),
    l("si", Lang::Sin, None),
    l("km", Lang::Khm, None),
    l("tk", Lang::Tuk, None),
    l("ak", Lang::Aka, None),
    l("zu", Lang::Zul, None),
    l("sn", Lang::Sna, None),
    l("af", Lang::Afr, None),
    l("la", Lang::Lat, None),
    l("sk", Lang::Slk, None),
    l("ca", Lang::Cat, None),
    l("tl", Lang::Tgl, None),
    l("hy", Lang::Hye, None),
    l("cy", Lang::Cym, None),
];

/// Codes pages declare that name a language of the table under another code.
const ALIASES: &[(&str, &str)] = &[("no", "nb"), ("nn", "nb"), ("iw", "he"), ("fil", "tl")];

/// Below this many letters the detector's guess is a guess: the page's declaration wins.
const MIN_LETTERS: usize = 40;
/// How much of the text the detector reads; more costs time and changes nothing.
const SAMPLE_CHARS: usize = 1_000;

/// The table row of an ISO 639-1 code.
pub fn info(code: &str) -> Option<&'static LangInfo> {
    LANGUAGES.iter().find(|l| l.code == code)
}

fn of_detected(lang: Lang) -> Option<&'static LangInfo> {
    LANGUAGES.iter().find(|l| l.detected == lang)
}

/// Normalises a declared language (`de-DE`, `fr_FR`, `EN`, `pt-br`) to its ISO 639-1 code;
/// `None` for anything that is not a language tag.
pub fn normalize_code(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let primary = ALIASES
        .iter()
        .find(|(alias, _)| *alias == primary)
        .map_or(primary.as_str(), |(_, code)| code)
        .to_string();
    (primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase())).then_some(primary)
}

/// Words that only English writes often: "is", "was", "on", "a" and "in" are left out, as
/// Dutch, German, French and the Romance languages write them too.
const ENGLISH_MARKERS: &[&str] = &[
    "the", "and", "of", "to", "that", "with", "for", "said", "from", "his", "have", "has", "were",
    "this", "which", "their", "would", "been", "they", "who",
];
/// Share of an English sample's words that are markers: running English prose has 20-30%,
/// other Latin-script languages under 2%.
const ENGLISH_MARKER_SHARE: f64 = 0.12;
/// Fewest words for the marker test to decide.
const ENGLISH_MIN_WORDS: usize = 30;

/// English prose, told by its commonest words: most archives are mostly English, and the
/// trigram detector costs about 7% of ingest, which this spares English articles.
fn plainly_english(sample: &str) -> bool {
    let (mut words, mut markers, mut foreign) = (0usize, 0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphabetic()) {
        if w.is_empty() {
            continue;
        }
        words += 1;
        if !w.is_ascii() {
            foreign += 1;
        } else if w.len() <= 5 && ENGLISH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(w)) {
            markers += 1;
        }
    }
    // A few accented names are English too; a text full of accents is for the detector.
    words >= ENGLISH_MIN_WORDS
        && markers as f64 >= ENGLISH_MARKER_SHARE * words as f64
        && foreign * 10 <= words
}

/// The language of an article from its text, with the page's declared language as a hint.
pub fn detect(headline: &str, body: &str, hint: Option<&str>) -> Option<String> {
    let mut sample: String = headline.chars().take(300).collect();
    sample.push('\n');
    sample.extend(body.chars().take(SAMPLE_CHARS));
    if plainly_english(&sample) {
        return Some("en".to_string());
    }
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    let hint = hint.and_then(normalize_code);
    let found = whatlang::detect(&sample);
    let detected = found.as_ref().and_then(|i| of_detected(i.lang()));
    // Scripts that only one language writes (Hangul, kana, Greek...) need no sure guess.
    let sure = found
        .as_ref()
        .is_some_and(|i| i.is_reliable() || i.confidence() >= 1.0)
        && letters >= MIN_LETTERS;
    if sure {
        return detected.map(|l| l.code.to_string());
    }
    if let Some(hint) = hint {
        if hint_fits(&sample, &hint) {
            return Some(hint);
        }
    }
    // An unsure guess among Latin-script languages is worse than none (English analysis);
    // in other scripts the script itself narrows it down to few languages.
    match &found {
        Some(i) if i.script() != whatlang::Script::Latin && letters > 0 => {
            detected.map(|l| l.code.to_string())
        }
        _ => None,
    }
}

/// Whether a declared language can be the language of a text: it writes the text's script.
fn hint_fits(sample: &str, hint: &str) -> bool {
    let Some(lang) = info(hint) else {
        // A language the detector does not know: nothing to check it against.
        return true;
    };
    whatlang::Detector::with_allowlist(vec![lang.detected])
        .detect(sample)
        .is_some_and(|i| i.lang() == lang.detected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_tags_normalise_to_iso_639_1() {
        assert_eq!(normalize_code("de-DE").as_deref(), Some("de"));
        assert_eq!(normalize_code("fr_FR").as_deref(), Some("fr"));
        assert_eq!(normalize_code("EN").as_deref(), Some("en"));
        assert_eq!(normalize_code("no").as_deref(), Some("nb"));
        assert_eq!(normalize_code("x-klingon"), None);
        assert_eq!(normalize_code(""), None);
    }

    #[test]
    fn long_text_is_detected_whatever_the_page_declares() {
        let body = "Die Bundesregierung hat am Mittwoch beschlossen, dass in den kommenden \
                    Jahren deutlich mehr Wohnungen gebaut werden sollen, weil die Mieten steigen.";
        assert_eq!(detect("", body, Some("en")).as_deref(), Some("de"));
        assert_eq!(detect("", body, None).as_deref(), Some("de"));
    }

    #[test]
    fn short_text_takes_the_hint_when_the_script_fits() {
        assert_eq!(
            detect("Haus", "am See", Some("de-AT")).as_deref(),
            Some("de")
        );
        // A Latin-script declaration cannot make a Cyrillic text English.
        let guess = detect("", "Дом у озера", Some("en"));
        assert!(
            guess.is_some() && guess.as_deref() != Some("en"),
            "{guess:?}"
        );
        assert_eq!(detect("", "Дом у озера", Some("ru")).as_deref(), Some("ru"));
        assert_eq!(detect("", "a house", None), None);
    }

    #[test]
    fn english_prose_is_told_by_its_commonest_words_and_nothing_else_is() {
        let en = "The council said on Tuesday that the new bridge over the river would open \
                  in the spring, two years later than planned, after the contractor found that \
                  the old piers were weaker than the surveys of the site had shown. Mayor José \
                  Ortiz said the delay was regrettable.";
        assert!(plainly_english(en));
        assert_eq!(
            detect("Bridge opens late", en, Some("de")).as_deref(),
            Some("en")
        );
        let others = [
            "De gemeenteraad heeft dinsdag besloten dat de nieuwe brug over de rivier in het \
             voorjaar opengaat, twee jaar later dan gepland, nadat de aannemer had ontdekt dat \
             de oude pijlers zwakker waren dan de onderzoeken van het terrein hadden laten zien.",
            "Der Stadtrat hat am Dienstag beschlossen, dass die neue Brücke über den Fluss im \
             Frühjahr eröffnet wird, zwei Jahre später als geplant, nachdem der Bauunternehmer \
             festgestellt hatte, dass die alten Pfeiler schwächer waren als gedacht und so weiter.",
            "El ayuntamiento dijo el martes que el nuevo puente sobre el río se abrirá en la \
             primavera, dos años más tarde de lo previsto, después de que el contratista \
             descubriera que los viejos pilares eran más débiles de lo que mostraban los estudios.",
            "Le conseil a annoncé mardi que le nouveau pont sur la rivière ouvrira au printemps, \
             deux ans plus tard que prévu, après que l'entrepreneur a découvert que les vieilles \
             piles étaient plus faibles que ne le montraient les relevés du site en question.",
        ];
        for text in others {
            assert!(!plainly_english(text), "{text}");
        }
        assert!(!plainly_english("the and of to that"), "too short to tell");
    }

    #[test]
    fn every_row_is_a_distinct_two_letter_code() {
        let mut seen = std::collections::HashSet::new();
        for l in LANGUAGES {
            assert_eq!(l.code.len(), 2, "{}", l.code);
            assert!(seen.insert(l.code), "twice: {}", l.code);
        }
    }
}
