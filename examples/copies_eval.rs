//! Precision and recall of copy grouping, and what grouping costs at ingest:
//! `cargo run --release --example copies_eval -- OUT_DIR [--stories N] [--seed S]`.
//!
//! Writes a generated archive with known copies under `OUT_DIR/pages`: N base
//! stories on eight invented sites; about half of them run again on one to
//! four other sites, each copy perturbed the way syndicated copies are (a new
//! headline always; some words replaced, dropped or inserted; often a new
//! intro line; often the last paragraphs cut; the other site's own closing
//! line and page template); and for a third of the stories the same site
//! writes a follow-up on the same event, with the same names and places, new
//! sentences and sometimes one background paragraph kept. Then it indexes the
//! pages twice in process (grouping off, then on), times both, and scores the
//! groups against the truth: pairs of articles put in one group (precision)
//! and pairs of copies of one story that were (recall), with recall by kind
//! of edit and the follow-ups wrongly grouped with their story.
//!
//! The output depends only on N and the seed. Write it outside the repository.

use morgue::index::ingest::{self, IngestOptions};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::OwnedValue;
use tantivy::TantivyDocument;

const SITES: [&str; 8] = [
    "Lakeside Tribune",
    "Eastport Herald",
    "Ridge Times",
    "Orchard Valley Gazette",
    "Bay City Record",
    "Highland Examiner",
    "Prairie Sentinel",
    "Coastal Star",
];

const COMMON: &str = "the of and to a in that is was for on it with as he be at by his from this \
    have are not but had they which or an were their been has one would there all we more her when \
    will who also can said no if about other its into out only new some could than time two these \
    first then up do any after what people so over most such years may them year last made many \
    before our both between where since three state government being during under while well back \
    against week through officials city public told much later next report country because \
    national plan part group month police million work health local early company percent world \
    law house court school market president former program second area including support according \
    among level family office service business political military days team money power several \
    major long great high little large small own same right left old young best still already \
    never however around often away today even another until without again near policy meeting \
    council election campaign minister leader party vote members economic security water energy \
    price prices growth rate trade bank budget tax jobs workers union strike data study research \
    hospital doctors patients schools students teachers children women men town region border \
    forces peace talks deal agreement decision case judge trial evidence investigation charges \
    statement spokesman director chief executive board industry sales firm investors shares stock";

/// splitmix64: a small, fixed random stream.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Words: the common ones, then made-up ones; drawn with a Zipf-like skew.
struct Vocab {
    words: Vec<String>,
}

impl Vocab {
    fn new(rng: &mut Rng) -> Vocab {
        let mut words: Vec<String> = COMMON.split_whitespace().map(String::from).collect();
        let syl = [
            "ka", "lo", "mer", "ta", "vin", "so", "dre", "pa", "lin", "gor", "ew", "ul", "bra",
            "ni", "fe", "tor", "sa", "qu", "mi", "den",
        ];
        while words.len() < 6000 {
            let n = 2 + rng.below(2);
            let w: String = (0..n).map(|_| syl[rng.below(syl.len())]).collect();
            words.push(w);
        }
        Vocab { words }
    }
    fn word(&self, rng: &mut Rng) -> &str {
        // Rank ~ exp(uniform * ln N): a heavy head of common words, a long tail.
        let r = ((self.words.len() as f64).ln() * rng.unit()).exp() as usize - 1;
        &self.words[r.min(self.words.len() - 1)]
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// One sentence, with the story's names mixed in.
fn sentence(v: &Vocab, rng: &mut Rng, names: &[String]) -> String {
    let n = 12 + rng.below(14);
    let mut words: Vec<String> = (0..n).map(|_| v.word(rng).to_string()).collect();
    for _ in 0..1 + rng.below(2) {
        let at = rng.below(words.len());
        words[at] = names[rng.below(names.len())].clone();
    }
    format!("{}.", capitalize(&words.join(" ")))
}

fn paragraph(v: &Vocab, rng: &mut Rng, names: &[String]) -> String {
    (0..2 + rng.below(3))
        .map(|_| sentence(v, rng, names))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A copy's edits, for recall by kind.
#[derive(Default, Clone)]
struct Edits {
    word_rate: f64,
    new_intro: bool,
    cut: bool,
}

/// Replaces, drops or inserts words at `rate`.
fn edit_words(v: &Vocab, rng: &mut Rng, text: &str, rate: f64) -> String {
    let mut out: Vec<String> = Vec::new();
    for w in text.split(' ') {
        let roll = rng.unit();
        if roll < rate / 2.0 {
            out.push(v.word(rng).to_string());
        } else if roll < rate * 0.75 {
            continue;
        } else if roll < rate {
            out.push(w.to_string());
            out.push(v.word(rng).to_string());
        } else {
            out.push(w.to_string());
        }
    }
    out.join(" ")
}

fn page(site: usize, slug: &str, headline: &str, day: u32, paras: &[String]) -> String {
    let name = SITES[site];
    let domain = name.to_lowercase().replace(' ', "-");
    let mut body = String::new();
    for p in paras {
        let _ = writeln!(body, "<p>{p}</p>");
    }
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{headline} | {name}</title>\
         <link rel=\"canonical\" href=\"https://{domain}.example/news/{slug}\">\
         <meta property=\"og:site_name\" content=\"{name}\">\
         <meta property=\"article:published_time\" content=\"2024-01-{day:02}T10:00:00Z\"></head>\
         <body><header><a href=\"/\">{name}</a><nav><a href=\"/news\">News</a> <a href=\"/sport\">Sport</a> \
         <a href=\"/weather\">Weather</a> <a href=\"/opinion\">Opinion</a></nav></header>\
         <main><article><h1>{headline}</h1>\n{body}<p class=\"tagline\">This article appeared in the {name}, \
         your paper for the {domain} area.</p></article></main>\
         <footer>&copy; {name}. <a href=\"/about\">About</a> <a href=\"/privacy\">Privacy</a></footer></body></html>"
    )
}

/// What a generated page is.
struct Truth {
    story: usize,
    /// `None` for the original and for follow-ups.
    edits: Option<Edits>,
    follow_up_of: Option<usize>,
}

fn generate(dir: &Path, stories: usize, seed: u64) -> HashMap<String, Truth> {
    let mut rng = Rng(seed);
    let v = Vocab::new(&mut rng);
    let mut truth = HashMap::new();
    let mut write = |site: usize, slug: String, html: String, t: Truth| {
        let path = dir
            .join(SITES[site].to_lowercase().replace(' ', "-"))
            .join(format!("{slug}.html"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, html).unwrap();
        truth.insert(
            std::fs::canonicalize(&path).unwrap().display().to_string(),
            t,
        );
    };
    let mut next_story = stories;
    for s in 0..stories {
        let names: Vec<String> = (0..4)
            .map(|_| capitalize(v.word(&mut rng)) + " " + &capitalize(v.word(&mut rng)))
            .collect();
        let paras: Vec<String> = (0..6 + rng.below(5))
            .map(|_| paragraph(&v, &mut rng, &names))
            .collect();
        let site = rng.below(SITES.len());
        let day = 1 + rng.below(25) as u32;
        let headline = capitalize(&sentence(&v, &mut rng, &names));
        write(
            site,
            format!("story-{s}"),
            page(site, &format!("story-{s}"), &headline, day, &paras),
            Truth {
                story: s,
                edits: None,
                follow_up_of: None,
            },
        );
        if rng.chance(0.5) {
            let copies = 1 + rng.below(4);
            let mut others: Vec<usize> = (0..SITES.len()).filter(|&x| x != site).collect();
            for c in 0..copies {
                let other = others.remove(rng.below(others.len()));
                let edits = Edits {
                    word_rate: if rng.chance(0.7) {
                        rng.unit() * 0.08
                    } else {
                        0.0
                    },
                    new_intro: rng.chance(0.5),
                    cut: rng.chance(0.5),
                };
                let mut p: Vec<String> = paras
                    .iter()
                    .map(|x| edit_words(&v, &mut rng, x, edits.word_rate))
                    .collect();
                if edits.new_intro {
                    p[0] = sentence(&v, &mut rng, &names);
                }
                if edits.cut {
                    let drop = 1 + rng.below((p.len() * 2 / 5).max(1));
                    p.truncate(p.len() - drop);
                }
                let headline = capitalize(&sentence(&v, &mut rng, &names));
                let slug = format!("story-{s}-copy-{c}");
                let day = day + rng.below(3) as u32;
                write(
                    other,
                    slug.clone(),
                    page(other, &slug, &headline, day, &p),
                    Truth {
                        story: s,
                        edits: Some(edits),
                        follow_up_of: None,
                    },
                );
            }
        }
        if rng.chance(1.0 / 3.0) {
            // The same site on the same event: the same names, new sentences.
            let mut p: Vec<String> = (0..5 + rng.below(4))
                .map(|_| paragraph(&v, &mut rng, &names))
                .collect();
            if rng.chance(0.5) {
                let keep = paras[rng.below(paras.len())].clone();
                let at = rng.below(p.len());
                p[at] = keep;
            }
            let headline = capitalize(&sentence(&v, &mut rng, &names));
            let slug = format!("story-{s}-follow-up");
            let f = next_story;
            next_story += 1;
            write(
                site,
                slug.clone(),
                page(site, &slug, &headline, (day + 2).min(28), &p),
                Truth {
                    story: f,
                    edits: None,
                    follow_up_of: Some(s),
                },
            );
        }
    }
    truth
}

fn index(pages: &Path, index: &Path, copies: bool) -> f64 {
    let _ = std::fs::remove_dir_all(index);
    let opts = IngestOptions {
        copies,
        ..IngestOptions::new(index, vec![pages.to_path_buf()])
    };
    let started = Instant::now();
    let summary = ingest::run(&opts, &mut |_| {}).expect("index run");
    let secs = started.elapsed().as_secs_f64();
    eprintln!("copies {copies}: {summary}");
    secs
}

/// Page path -> copy group, for every article in the index.
fn groups(index: &Path) -> HashMap<String, u64> {
    let idx = morgue::index::open(index).expect("open index");
    let searcher = idx.searcher();
    let docs = searcher.search(&AllQuery, &DocSetCollector).unwrap();
    let mut out = HashMap::new();
    for addr in docs {
        let doc: TantivyDocument = searcher.doc(addr).unwrap();
        let get = |f| doc.get_first(f).map(OwnedValue::from);
        if let (Some(OwnedValue::Str(path)), Some(OwnedValue::U64(g))) =
            (get(idx.fields().path), get(idx.fields().copy_group))
        {
            out.insert(path, g);
        }
    }
    out
}

fn pairs<K: std::hash::Hash + Eq>(of: &HashMap<String, K>) -> HashSet<(String, String)> {
    let mut by: HashMap<&K, Vec<&String>> = HashMap::new();
    for (p, k) in of {
        by.entry(k).or_default().push(p);
    }
    let mut out = HashSet::new();
    for members in by.values() {
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                let (x, y) = if a < b { (a, b) } else { (b, a) };
                out.insert(((*x).clone(), (*y).clone()));
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: copies_eval OUT_DIR [--stories N] [--seed S]");
        std::process::exit(2);
    };
    let flag = |name: &str, default: u64| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map_or(default, |v| v.parse().expect("a number"))
    };
    let stories = flag("--stories", 1000) as usize;
    let seed = flag("--seed", 42);
    let pages = out.join("pages");
    let _ = std::fs::remove_dir_all(&pages);
    let truth = generate(&pages, stories, seed);
    let copies = truth.values().filter(|t| t.edits.is_some()).count();
    let follow_ups = truth.values().filter(|t| t.follow_up_of.is_some()).count();
    println!(
        "{} pages: {stories} stories, {copies} copies, {follow_ups} same-site follow-ups",
        truth.len()
    );

    let plain = out.join("index-plain");
    let grouped = out.join("index-copies");
    let t_plain = index(&pages, &plain, false);
    let t_grouped = index(&pages, &grouped, true);
    // A second round of each, to see the noise of a shared machine.
    let t_plain2 = index(&pages, &plain, false);
    let t_grouped2 = index(&pages, &grouped, true);

    let found = groups(&grouped);
    let stories_of: HashMap<String, usize> =
        truth.iter().map(|(p, t)| (p.clone(), t.story)).collect();
    let predicted = pairs(&found);
    let actual = pairs(&stories_of);
    let right = predicted.intersection(&actual).count();
    let precision = right as f64 / predicted.len().max(1) as f64;
    let recall = right as f64 / actual.len().max(1) as f64;
    println!(
        "pairs: {} true, {} grouped, {right} right: precision {precision:.3}, recall {recall:.3}",
        actual.len(),
        predicted.len()
    );

    // Each copy against its original, by kind of edit.
    let original: HashMap<usize, &String> = truth
        .iter()
        .filter(|(_, t)| t.edits.is_none() && t.follow_up_of.is_none())
        .map(|(p, t)| (t.story, p))
        .collect();
    let mut kinds: Vec<(&str, usize, usize)> = vec![
        ("all copies", 0, 0),
        ("no word edits", 0, 0),
        ("word edits 0-4%", 0, 0),
        ("word edits 4-8%", 0, 0),
        ("new intro line", 0, 0),
        ("last paragraphs cut", 0, 0),
        ("new intro + cut + edits >4%", 0, 0),
    ];
    for (p, t) in &truth {
        let Some(e) = &t.edits else { continue };
        let with = found.contains_key(p) && found.get(p) == found.get(original[&t.story]);
        let tags = [
            true,
            e.word_rate == 0.0,
            e.word_rate > 0.0 && e.word_rate <= 0.04,
            e.word_rate > 0.04,
            e.new_intro,
            e.cut,
            e.new_intro && e.cut && e.word_rate > 0.04,
        ];
        for (k, tag) in kinds.iter_mut().zip(tags) {
            if tag {
                k.1 += 1;
                k.2 += usize::from(with);
            }
        }
    }
    println!("\nrecall of copy -> original, by edit:");
    for (name, n, ok) in &kinds {
        println!(
            "  {name:<30} {ok:>5} / {n:<5} {:.3}",
            *ok as f64 / (*n).max(1) as f64
        );
    }
    let wrong_follow_ups = truth
        .iter()
        .filter(|(p, t)| {
            t.follow_up_of
                .is_some_and(|s| found.contains_key(*p) && found.get(*p) == found.get(original[&s]))
        })
        .count();
    println!("follow-ups grouped with their story: {wrong_follow_ups} / {follow_ups}");
    println!(
        "\ningest without grouping: {t_plain:.2} s, {t_plain2:.2} s; with grouping: {t_grouped:.2} s, {t_grouped2:.2} s"
    );
    println!(
        "index bytes without grouping: {}, with: {}",
        morgue::index::disk_size(&plain),
        morgue::index::disk_size(&grouped)
    );
}
