//! End-to-end benchmark on one corpus:
//! `cargo build --release && cargo run --release --example bench -- CORPUS_DIR [--index DIR] [--queries N] [--cli-runs M]`.
//!
//! In one run it measures the parsing floor (walk + read + decode + scraper
//! parse of every page on all cores), extraction alone (no index), `morgue
//! index` from empty, a re-index with nothing changed and one after changing 1%
//! of the pages, peak memory, index size against corpus size, and the latency
//! of a fixed mix of queries, both in process and as separate `morgue search`
//! processes. The budgets it is read against are in BENCHMARKS.md.
//!
//! The 1% change appends a paragraph inside every hundredth page (in path
//! order); the original bytes are written back before the run ends. The index
//! goes to a temporary directory unless `--index` names one (an absent
//! directory or an old morgue index, which is wiped first).

use morgue::extract::{decode, PageKind};
use morgue::index::ingest::{run, IngestOptions, Summary};
use morgue::index::schema::from_doc;
use morgue::search::{parse_day_range, SearchRequest, SortOrder};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Order, TantivyDocument, Term};

struct Args {
    /// The corpus to index; `None` with `--analysis`.
    corpus: Option<PathBuf>,
    /// `--analysis INDEX`: only the whole-result-set measurements, on an existing index.
    analysis: Option<PathBuf>,
    index: Option<PathBuf>,
    /// Repetitions of each query in process.
    queries: usize,
    /// Repetitions of each query as a CLI call; 0 skips the CLI measurements.
    cli_runs: usize,
}

fn parse_args() -> Result<Args, String> {
    let usage = "usage: bench CORPUS_DIR [--index DIR] [--queries N (default 50)] [--cli-runs M (default 10)]\n       bench --analysis INDEX_DIR [--queries N]   (histogram, co-mentions and export only)";
    let mut corpus = None;
    let mut analysis = None;
    let mut index = None;
    let mut queries = 50;
    let mut cli_runs = 10;
    let mut args = std::env::args().skip(1);
    let num = |v: Option<String>| -> Result<usize, String> {
        let v = v.ok_or(usage)?;
        v.parse().map_err(|_| format!("not a number: {v:?}"))
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--index" => index = Some(PathBuf::from(args.next().ok_or(usage)?)),
            "--analysis" => analysis = Some(PathBuf::from(args.next().ok_or(usage)?)),
            "--queries" => queries = num(args.next())?.max(1),
            "--cli-runs" => cli_runs = num(args.next())?,
            "-h" | "--help" => return Err(usage.into()),
            _ if corpus.is_none() && !a.starts_with("--") => corpus = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a:?}\n{usage}")),
        }
    }
    if corpus.is_none() && analysis.is_none() {
        return Err(usage.into());
    }
    Ok(Args {
        corpus,
        analysis,
        index,
        queries,
        cli_runs,
    })
}

/// A page of the corpus.
struct Page {
    path: PathBuf,
    html: bool,
    /// Gzip-compressed (`.html.gz`), as the saved real pages are.
    gz: bool,
    size: u64,
}

/// The pages morgue would index, in path order.
fn walk(root: &Path) -> Vec<Page> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let (kind, gz) = PageKind::of(e.path())?;
            Some(Page {
                gz,
                size: e.metadata().ok()?.len(),
                html: kind == PageKind::Html,
                path: e.into_path(),
            })
        })
        .collect()
}

/// Memory figures of this process from /proc/self/status, in KiB.
fn proc_status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_status_kib(&status, field)
}

fn parse_status_kib(status: &str, field: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim_start_matches(':').split_whitespace().next())
        .and_then(|n| n.parse().ok())
}

/// Peak RSS per phase (Linux resets the counter when 5 is written to clear_refs) and over the run.
struct Peaks {
    /// The counter can be reset, so per-phase peaks mean something.
    resettable: bool,
    /// The highest peak seen before any reset, in KiB.
    overall: u64,
}

impl Peaks {
    fn new() -> Peaks {
        let mut p = Peaks {
            resettable: true,
            overall: 0,
        };
        p.start();
        p
    }

    /// Starts a phase: folds the peak so far into the overall one, then resets the counter.
    fn start(&mut self) {
        self.overall = self.overall.max(proc_status_kib("VmHWM").unwrap_or(0));
        self.resettable = self.resettable && std::fs::write("/proc/self/clear_refs", "5").is_ok();
    }

    /// "peak RSS N MiB" for the phase that just ended, or nothing when the counter cannot be reset.
    fn phase(&mut self) -> String {
        let now = proc_status_kib("VmHWM").unwrap_or(0);
        self.overall = self.overall.max(now);
        if self.resettable {
            format!("peak RSS {}", mib(now))
        } else {
            String::new()
        }
    }

    fn overall(&mut self) -> u64 {
        self.overall.max(proc_status_kib("VmHWM").unwrap_or(0))
    }
}

/// CPU time used by this process so far (all threads, user + system), from /proc/self/stat.
struct Cpu(Option<u64>);

/// Linux reports /proc times in USER_HZ ticks, 100 per second on every mainstream configuration.
const TICKS_PER_SEC: f64 = 100.0;

impl Cpu {
    fn now() -> Cpu {
        let stat = std::fs::read_to_string("/proc/self/stat").ok();
        // The fields after the parenthesised command name; utime and stime are the 12th and 13th.
        let ticks = stat.as_deref().and_then(|s| {
            let rest = &s[s.rfind(')')? + 1..];
            let f: Vec<u64> = rest
                .split_whitespace()
                .skip(11)
                .take(2)
                .filter_map(|x| x.parse().ok())
                .collect();
            (f.len() == 2).then(|| f[0] + f[1])
        });
        Cpu(ticks)
    }

    /// "CPU 1.9 cores": how many cores were busy on average since this snapshot.
    fn busy(&self, wall: f64) -> String {
        match (self.0, Cpu::now().0) {
            (Some(a), Some(b)) if wall > 0.0 => {
                format!("CPU {:.1} cores", (b - a) as f64 / TICKS_PER_SEC / wall)
            }
            _ => String::new(),
        }
    }
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// Runs one phase and returns its result, wall time in seconds, and a note with busy cores and peak RSS.
fn phase<T>(peaks: &mut Peaks, f: impl FnOnce() -> T) -> (T, f64, String) {
    peaks.start();
    let cpu = Cpu::now();
    let started = Instant::now();
    let out = f();
    let wall = started.elapsed().as_secs_f64();
    let note = [cpu.busy(wall), peaks.phase()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    (out, wall, note)
}

/// One row of the phase table.
fn row(name: &str, secs: f64, pages: usize, bytes: u64, note: &str) {
    let rate = |x: f64| if secs > 0.0 { x / secs } else { 0.0 };
    let (pps, mbs) = if pages > 0 {
        (
            format!("{:.0}", rate(pages as f64)),
            format!("{:.1}", rate(bytes as f64) / 1e6),
        )
    } else {
        (String::new(), String::new())
    };
    println!("{name:<36} {secs:>9.2} s {pps:>9} {mbs:>8}   {note}");
}

/// Reads every page once, so that the timed phases all start from a warm page cache.
fn warm(pages: &[Page]) {
    pages.par_iter().for_each(|p| {
        black_box(std::fs::read(&p.path).ok());
    });
}

/// A page's text: read, gunzipped when its name says so (as saved real pages are), decoded.
fn read_text(p: &Page) -> Option<String> {
    let bytes = std::fs::read(&p.path).ok()?;
    if p.gz {
        let (plain, _) = decode::gunzip(&bytes, 64 << 20).ok()?;
        return Some(decode::decode(&plain, p.html));
    }
    Some(decode::decode(&bytes, p.html))
}

/// The floor: walk, then read, decode and parse every page with scraper (text dumps are only decoded).
fn floor(root: &Path) {
    let pages = walk(root);
    pages.par_iter().for_each(|p| {
        let Some(text) = read_text(p) else {
            return;
        };
        if p.html {
            black_box(scraper::Html::parse_document(&text));
        } else {
            black_box(text);
        }
    });
}

/// The indexing floor: floor (a), then the text of every `<p>` of each page (every line of a
/// text dump) indexed into a fresh tantivy index through morgue's own schema and tokenizers
/// (stemming and positions), one commit. The least work any tool doing our job must do.
fn floor_indexed(root: &Path, dir: &Path) -> tantivy::Result<()> {
    use std::sync::Mutex;
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let schema = morgue::index::schema::build_schema();
    let index = tantivy::Index::create_in_dir(dir, schema.clone())?;
    morgue::index::schema::register_tokenizers(&index);
    let body = schema.get_field("body")?;
    let writer: Mutex<tantivy::IndexWriter> = Mutex::new(index.writer(256 << 20)?);
    let p_tag = scraper::Selector::parse("p").expect("selector");
    let pages = walk(root);
    pages.par_iter().for_each(|p| {
        let Some(text) = read_text(p) else {
            return;
        };
        let mut doc = TantivyDocument::new();
        if p.html {
            let html = scraper::Html::parse_document(&text);
            let mut all = String::new();
            for el in html.select(&p_tag) {
                for t in el.text() {
                    all.push_str(t);
                }
                all.push('\n');
            }
            doc.add_text(body, all);
        } else {
            doc.add_text(body, text);
        }
        // add_document only queues the document: tantivy's own indexing threads do the work.
        let w = writer.lock().expect("writer lock");
        black_box(w.add_document(doc).ok());
    });
    let mut w = writer.into_inner().expect("writer lock");
    w.commit()?;
    Ok(())
}

/// Extraction without indexing: walk, read and extract every page, dropping the articles.
fn extract_only(root: &Path) {
    let pages = walk(root);
    pages.par_iter().for_each(|p| {
        if let Ok(bytes) = std::fs::read(&p.path) {
            black_box(morgue::extract::extract(&p.path, &bytes).ok());
        }
    });
}

fn ingest(index: &Path, corpus: &Path) -> Result<Summary, morgue::index::IndexError> {
    let opts = IngestOptions::new(index, vec![corpus.to_path_buf()]);
    run(&opts, &mut |_| {})
}

/// Adds a paragraph inside the article of a page (after its last paragraph), returning the original bytes.
fn touch(page: &Page, n: usize) -> std::io::Result<Vec<u8>> {
    let original = std::fs::read(&page.path)?;
    let extra = format!(
        "A late addition to this report, number {n}, adds a further paragraph of text so that the page changes."
    );
    let mut changed = original.clone();
    if page.html {
        let para = format!("\n<p>{extra}</p>\n").into_bytes();
        let at = rfind(&original, b"</p>")
            .map(|i| i + 4)
            .or_else(|| rfind(&original, b"<BR><BR>").map(|i| i + 8))
            .unwrap_or(original.len());
        changed.splice(at..at, para);
    } else {
        changed.extend_from_slice(format!("\n\n{extra}\n").as_bytes());
    }
    std::fs::write(&page.path, &changed)?;
    Ok(original)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Where the release `morgue` binary is: next to the directory of this example's binary.
fn morgue_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe
        .parent()?
        .parent()?
        .join(format!("morgue{}", std::env::consts::EXE_SUFFIX));
    bin.is_file().then_some(bin)
}

/// What a process cost.
struct CliRun {
    peak_kib: u64,
    elapsed: Duration,
    /// Average busy cores, when /usr/bin/time reports it.
    cores: Option<f64>,
    /// User + system CPU seconds, when /usr/bin/time reports them.
    cpu: Option<f64>,
}

/// Runs `morgue index` as its own process on a fresh index and measures its peak RSS.
fn cli_index(morgue: &Path, index: &Path, corpus: &Path) -> Option<CliRun> {
    let args = [
        "--index".as_ref(),
        index.as_os_str(),
        "index".as_ref(),
        corpus.as_os_str(),
    ];
    run_timed(morgue, &args)
}

/// Runs `program ARGS` to its end: wall time, peak RSS and CPU use (under /usr/bin/time when
/// present, else by polling the child's high-water mark).
fn run_timed(program: &Path, args: &[&std::ffi::OsStr]) -> Option<CliRun> {
    let time = Path::new("/usr/bin/time");
    let started = Instant::now();
    if time.is_file() {
        let out = Command::new(time)
            .arg("-v")
            .arg(program)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .ok()?;
        let elapsed = started.elapsed();
        let err = String::from_utf8_lossy(&out.stderr);
        let field = |name: &str| {
            err.lines()
                .find_map(|l| l.trim().strip_prefix(name))
                .map(|v| v.trim().trim_end_matches('%').to_string())
        };
        return Some(CliRun {
            peak_kib: field("Maximum resident set size (kbytes):")?.parse().ok()?,
            elapsed,
            cores: field("Percent of CPU this job got:")
                .and_then(|p| p.parse::<f64>().ok())
                .map(|p| p / 100.0),
            cpu: field("User time (seconds):")
                .zip(field("System time (seconds):"))
                .and_then(|(u, s)| Some(u.parse::<f64>().ok()? + s.parse::<f64>().ok()?)),
        });
    }
    let mut child = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Some(k) = std::fs::read_to_string(&status_path)
            .ok()
            .and_then(|s| parse_status_kib(&s, "VmHWM"))
        {
            peak = peak.max(k);
        }
        if child.try_wait().ok()?.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Some(CliRun {
        peak_kib: peak,
        elapsed: started.elapsed(),
        cores: None,
        cpu: None,
    })
}

/// A program on PATH, when installed.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(name))
        .find(|p| p.is_file())
}

/// Words of a text, lower-cased, letters only.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The terms the query mix uses, chosen from the indexed articles themselves.
struct Terms {
    rare: String,
    common: String,
    mid: String,
    phrase: String,
    person: String,
    from: String,
    to: String,
}

/// Picks query terms from the index's own term dictionary, so the mix suits any corpus
/// and does not depend on the order in which the documents were indexed.
fn pick_terms(idx: &morgue::index::MorgueIndex) -> Result<Terms, String> {
    let articles = idx.num_docs() as usize;
    if articles == 0 {
        return Err("the index is empty".into());
    }
    let df = body_term_frequencies(idx);
    let mut by_df: Vec<(&String, usize)> = df.iter().map(|(t, n)| (t, *n)).collect();
    by_df.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let common_term = by_df.first().map(|t| t.0.clone()).ok_or("no body terms")?;
    let target = articles / 20; // about 5% of articles
    let mid_term = by_df
        .iter()
        .min_by_key(|(t, n)| (n.abs_diff(target), t.to_string()))
        .map_or_else(|| common_term.clone(), |(t, _)| t.to_string());
    let (common, _) = surface(idx, &common_term).ok_or("no article holds the common term")?;
    let (mid, next) = surface(idx, &mid_term).ok_or("no article holds the mid term")?;
    let phrase = next.map_or_else(|| format!("{common} {mid}"), |n| format!("{mid} {n}"));
    // Rare: the least frequent words (in at least two articles), first one with at most 10 hits.
    let mut rare_terms: Vec<(usize, &String)> = by_df
        .iter()
        .filter(|(t, n)| *n >= 2 && t.len() >= 6)
        .map(|(t, n)| (*n, *t))
        .collect();
    rare_terms.sort();
    let mut rare = (usize::MAX, mid.clone());
    for (_, term) in rare_terms.into_iter().take(50) {
        let Some((word, _)) = surface(idx, term) else {
            continue;
        };
        let hits = count(idx, &word);
        if hits >= 2 && hits < rare.0 {
            rare = (hits, word);
        }
        if rare.0 <= 10 {
            break;
        }
    }
    let rare = rare.1;
    let person = idx
        .people(None, None, 1)
        .map_err(|e| e.to_string())?
        .first()
        .and_then(|p| p.name.split_whitespace().last().map(str::to_string))
        .unwrap_or_else(|| common.clone());
    let stats = idx.stats().map_err(|e| e.to_string())?;
    let year = |d: &Option<String>| d.as_deref().and_then(|d| d.get(..4)?.parse::<i32>().ok());
    let (y0, y1) = match (year(&stats.first_date), year(&stats.last_date)) {
        (Some(a), Some(b)) => (a, b),
        _ => (2000, 2025),
    };
    Ok(Terms {
        rare,
        common,
        mid,
        phrase,
        person,
        from: format!("{}", y0 + (y1 - y0) * 2 / 5),
        to: format!("{}", y0 + (y1 - y0) * 3 / 5),
    })
}

/// Document frequency of every plain (a-z, 4+ letters) body term, summed over segments.
fn body_term_frequencies(idx: &morgue::index::MorgueIndex) -> HashMap<String, usize> {
    let mut df: HashMap<String, usize> = HashMap::new();
    for segment in idx.searcher().segment_readers() {
        let Ok(inverted) = segment.inverted_index(idx.fields().body) else {
            continue;
        };
        let Ok(mut terms) = inverted.terms().stream() else {
            continue;
        };
        while terms.advance() {
            let key = terms.key();
            if key.len() >= 4 && key.iter().all(u8::is_ascii_lowercase) {
                let term = String::from_utf8_lossy(key).into_owned();
                *df.entry(term).or_default() += terms.value().doc_freq as usize;
            }
        }
    }
    df
}

/// A word that the body analyzer turns into `term`, and the word after it, taken from
/// the oldest article holding the term (a choice that does not depend on indexing order).
fn surface(idx: &morgue::index::MorgueIndex, term: &str) -> Option<(String, Option<String>)> {
    let searcher = idx.searcher();
    let body = idx.fields().body;
    let query = TermQuery::new(Term::from_field_text(body, term), IndexRecordOption::Basic);
    let oldest =
        TopDocs::with_limit(1).order_by_fast_field::<tantivy::DateTime>("date", Order::Asc);
    let (_, addr) = *searcher.search(&query, &oldest).ok()?.first()?;
    let doc: TantivyDocument = searcher.doc(addr).ok()?;
    let text = from_doc(idx.fields(), &doc).body;
    let mut analyzer = idx.analyzer_for(body)?;
    let ws: Vec<String> = words(&text).collect();
    let at = ws.iter().position(|w| {
        let mut stream = analyzer.token_stream(w);
        stream.advance() && stream.token().text == term
    })?;
    Some((ws[at].clone(), ws.get(at + 1).cloned()))
}

/// Articles matching a one-word query.
fn count(idx: &morgue::index::MorgueIndex, word: &str) -> usize {
    let req = SearchRequest {
        query: word.to_string(),
        limit: 1,
        ..Default::default()
    };
    idx.search(&req).map_or(0, |r| r.total_hits)
}

/// One query of the mix: its in-process request and its command-line arguments.
struct Case {
    name: &'static str,
    req: SearchRequest,
    cli: Vec<String>,
    /// The same query for Xapian's `quest` (all words required), where it has one.
    quest: Option<String>,
}

fn cases(t: &Terms) -> Vec<Case> {
    let plain = |name, q: &str| Case {
        name,
        req: SearchRequest {
            query: q.to_string(),
            limit: 10,
            ..Default::default()
        },
        cli: vec![q.to_string()],
        quest: Some(q.to_string()),
    };
    let (from, _) = parse_day_range(&t.from).expect("a year");
    let (_, until) = parse_day_range(&t.to).expect("a year");
    vec![
        plain("rare term", &t.rare),
        plain("common term", &t.common),
        plain("two-term AND", &format!("{} {}", t.common, t.mid)),
        plain("phrase", &format!("\"{}\"", t.phrase)),
        Case {
            name: "person filter",
            req: SearchRequest {
                query: t.common.clone(),
                people: vec![t.person.clone()],
                limit: 10,
                ..Default::default()
            },
            cli: vec![t.common.clone(), "--person".into(), t.person.clone()],
            // Xapian knows no people: the name as a phrase is the nearest query.
            quest: Some(format!("{} \"{}\"", t.common, t.person)),
        },
        Case {
            name: "date range",
            req: SearchRequest {
                query: t.mid.clone(),
                from: Some(from),
                until: Some(until),
                limit: 10,
                ..Default::default()
            },
            cli: vec![
                t.mid.clone(),
                "--from".into(),
                t.from.clone(),
                "--to".into(),
                t.to.clone(),
            ],
            // quest has no value ranges (omega's CGI has): no like-for-like query.
            quest: None,
        },
        Case {
            name: "sort by date",
            req: SearchRequest {
                query: t.common.clone(),
                sort: Some(SortOrder::Newest),
                limit: 10,
                ..Default::default()
            },
            cli: vec![t.common.clone(), "--sort".into(), "newest".into()],
            quest: None,
        },
    ]
}

/// Median and 99th percentile (nearest rank) in milliseconds.
fn percentiles(mut times: Vec<Duration>) -> (f64, f64) {
    if times.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    times.sort();
    let at = |q: f64| {
        let i = ((q * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1;
        times[i].as_secs_f64() * 1e3
    };
    (at(0.5), at(0.99))
}

fn time_cli(morgue: &Path, index: &Path, args: &[String], runs: usize) -> Vec<Duration> {
    let call = || {
        let started = Instant::now();
        let status = Command::new(morgue)
            .arg("--index")
            .arg(index)
            .arg("search")
            .args(args)
            .args(["--format", "jsonl"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        status.ok().map(|_| started.elapsed())
    };
    call(); // warm-up: the first call pays for cold index files
    (0..runs).filter_map(|_| call()).collect()
}

fn time_quest(quest: &Path, db: &Path, query: &str, runs: usize) -> Vec<Duration> {
    let call = || {
        let started = Instant::now();
        let status = Command::new(quest)
            .arg("-d")
            .arg(db)
            .args(["-m", "10", "-o", "and", query])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        status.ok().map(|_| started.elapsed())
    };
    call();
    (0..runs).filter_map(|_| call()).collect()
}

/// A fresh index directory: the one asked for (wiped if it is an old morgue index) or a temporary one.
fn index_dir(asked: &Option<PathBuf>) -> Result<PathBuf, String> {
    let dir = match asked {
        Some(d) => d.clone(),
        None => std::env::temp_dir().join(format!("morgue-bench-{}", std::process::id())),
    };
    if dir.exists() {
        let empty = std::fs::read_dir(&dir).is_ok_and(|mut r| r.next().is_none());
        if !empty && !morgue::index::exists(&dir) {
            return Err(format!(
                "{} exists and is not a morgue index; refusing to wipe it",
                dir.display()
            ));
        }
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    Ok(dir)
}

fn main() {
    if let Err(msg) = bench() {
        eprintln!("bench: {msg}");
        std::process::exit(2);
    }
}

fn bench() -> Result<(), String> {
    let args = parse_args()?;
    let morgue_bin = morgue_binary();
    if let Some(index) = &args.analysis {
        let idx = morgue::index::open(index).map_err(|e| e.to_string())?;
        let terms = pick_terms(&idx)?;
        println!("index {}: {} articles", index.display(), idx.num_docs());
        return analysis(&idx, index, &terms, morgue_bin.as_deref(), args.queries);
    }
    let corpus = args.corpus.clone().ok_or("no corpus")?;
    let corpus =
        std::fs::canonicalize(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let pages = walk(&corpus);
    if pages.is_empty() {
        return Err(format!("no pages under {}", corpus.display()));
    }
    let bytes: u64 = pages.iter().map(|p| p.size).sum();
    let n = pages.len();
    let index = index_dir(&args.index)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "corpus {}: {n} pages ({} HTML), {:.1} MB, mean {:.1} KB; {cores} cores; index at {}",
        corpus.display(),
        pages.iter().filter(|p| p.html).count(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e3 / n as f64,
        index.display()
    );
    println!();
    println!(
        "{:<36} {:>11} {:>9} {:>8}   notes",
        "phase", "time", "pages/s", "MB/s"
    );

    let mut peaks = Peaks::new();
    let (_, t, note) = phase(&mut peaks, || warm(&pages));
    row("walk + read (warms the page cache)", t, n, bytes, &note);

    let (_, floor_t, note) = phase(&mut peaks, || floor(&corpus));
    row(
        "floor (a): walk+read+decode+parse",
        floor_t,
        n,
        bytes,
        &note,
    );

    let floor_dir = index.with_file_name(format!(
        "{}-floor",
        index.file_name().unwrap_or_default().to_string_lossy()
    ));
    let (r, floor_b, note) = phase(&mut peaks, || floor_indexed(&corpus, &floor_dir));
    r.map_err(|e| format!("floor (b): {e}"))?;
    let _ = std::fs::remove_dir_all(&floor_dir);
    row(
        "floor (b): (a) + index <p>s, commit",
        floor_b,
        n,
        bytes,
        &note,
    );

    let (_, t, note) = phase(&mut peaks, || extract_only(&corpus));
    let note = format!("{:.0}% of floor; {note}", 100.0 * floor_t / t);
    row("walk + read + extract (no index)", t, n, bytes, &note);

    let (s, t, note) = phase(&mut peaks, || ingest(&index, &corpus));
    let s = s.map_err(|e| e.to_string())?;
    let note = format!(
        "{:.2}x floor (a), {:.2}x floor (b); added {}, skipped {}; {note}",
        floor_t / t,
        floor_b / t,
        s.added,
        s.skipped
    );
    row("morgue index, from empty", t, n, bytes, &note);

    let (s, t, note) = phase(&mut peaks, || ingest(&index, &corpus));
    let s = s.map_err(|e| e.to_string())?;
    let note = format!("unchanged {}; {note}", s.unchanged);
    row("re-index, nothing changed", t, 0, 0, &note);

    // Compressed pages (the real pages) are left alone: a paragraph spliced into gzip is no page.
    let chosen: Vec<&Page> = pages.iter().filter(|p| !p.gz).step_by(100).collect();
    let originals: Vec<Vec<u8>> = chosen
        .iter()
        .enumerate()
        .map(|(i, p)| touch(p, i))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("cannot change a page: {e}"))?;
    let (s, t, note) = phase(&mut peaks, || ingest(&index, &corpus));
    for (p, original) in chosen.iter().zip(&originals) {
        std::fs::write(&p.path, original)
            .map_err(|e| format!("cannot restore {}: {e}", p.path.display()))?;
    }
    let s = s.map_err(|e| e.to_string())?;
    let name = format!("re-index, 1% changed ({} pages)", chosen.len());
    let note = format!("updated {}, unchanged {}; {note}", s.updated, s.unchanged);
    row(&name, t, 0, 0, &note);

    let index_bytes = morgue::index::disk_size(&index);
    match &morgue_bin {
        Some(bin) if args.cli_runs > 0 => {
            let cli_dir = index.with_file_name(format!(
                "{}-cli",
                index.file_name().unwrap_or_default().to_string_lossy()
            ));
            let _ = std::fs::remove_dir_all(&cli_dir);
            if let Some(run) = cli_index(bin, &cli_dir, &corpus) {
                let cores = run
                    .cores
                    .map_or(String::new(), |c| format!("CPU {c:.1} cores; "));
                let note = format!("{cores}peak RSS {}", mib(run.peak_kib));
                let t = run.elapsed.as_secs_f64();
                row("morgue index (CLI process), empty", t, n, bytes, &note);
            }
            let _ = std::fs::remove_dir_all(&cli_dir);
        }
        Some(_) => {}
        None => println!(
            "(no morgue binary next to this example: run `cargo build --release` for the CLI figures)"
        ),
    }
    // Xapian beside us when Debian's xapian-omega is installed: omindex the same folder.
    let xapian_db = index.with_file_name(format!(
        "{}-xapian",
        index.file_name().unwrap_or_default().to_string_lossy()
    ));
    let quest = match (on_path("omindex"), on_path("quest")) {
        (Some(omindex), Some(quest)) if args.cli_runs > 0 => {
            let _ = std::fs::remove_dir_all(&xapian_db);
            let db_arg = format!("--db={}", xapian_db.display());
            let run = run_timed(
                &omindex,
                &[db_arg.as_ref(), "--url=/".as_ref(), corpus.as_os_str()],
            );
            if let Some(run) = run {
                let cores = run
                    .cores
                    .map_or(String::new(), |c| format!("CPU {c:.1} cores; "));
                let note = format!("{cores}peak RSS {}", mib(run.peak_kib));
                row(
                    "omindex (Xapian), empty",
                    run.elapsed.as_secs_f64(),
                    n,
                    bytes,
                    &note,
                );
            }
            Some(quest)
        }
        (None, _) | (_, None) => {
            println!("(omindex/quest not installed: apt-get install xapian-omega xapian-tools to compare)");
            None
        }
        _ => None,
    };
    println!();
    println!(
        "index size {:.1} MB = {:.1}% of corpus bytes",
        index_bytes as f64 / 1e6,
        100.0 * index_bytes as f64 / bytes as f64
    );

    let idx = morgue::index::open(&index).map_err(|e| e.to_string())?;
    let terms = pick_terms(&idx)?;
    println!();
    println!(
        "queries: rare {:?}, common {:?}, mid {:?}, phrase {:?}, person {:?}, years {}-{}",
        terms.rare, terms.common, terms.mid, terms.phrase, terms.person, terms.from, terms.to
    );
    println!(
        "{:<16} {:>8} {:>12} {:>12} {:>12} {:>12} {:>11} {:>11}",
        "query",
        "hits",
        "p50 in-proc",
        "p99 in-proc",
        "p50 CLI",
        "p99 CLI",
        "p50 quest",
        "CLI/quest"
    );
    let mut log_ratios = Vec::new();
    for case in cases(&terms) {
        let first = idx.search(&case.req).map_err(|e| e.to_string())?;
        let times: Vec<Duration> = (0..args.queries)
            .map(|_| {
                let started = Instant::now();
                black_box(idx.search(&case.req).ok());
                started.elapsed()
            })
            .collect();
        let (p50, p99) = percentiles(times);
        let (cli, c50) = match (&morgue_bin, args.cli_runs) {
            (Some(bin), runs) if runs > 0 => {
                let (c50, c99) = percentiles(time_cli(bin, &index, &case.cli, runs));
                ((format!("{c50:.1} ms"), format!("{c99:.1} ms")), Some(c50))
            }
            _ => (("-".into(), "-".into()), None),
        };
        let (q, ratio) = match (&quest, &case.quest, c50) {
            (Some(quest), Some(query), Some(c50)) => {
                let (q50, _) = percentiles(time_quest(quest, &xapian_db, query, args.cli_runs));
                log_ratios.push((c50 / q50).ln());
                (format!("{q50:.1} ms"), format!("{:.2}", c50 / q50))
            }
            _ => ("-".into(), "-".into()),
        };
        println!(
            "{:<16} {:>8} {:>9.2} ms {:>9.2} ms {:>12} {:>12} {:>11} {:>11}",
            case.name, first.total_hits, p50, p99, cli.0, cli.1, q, ratio
        );
    }
    if !log_ratios.is_empty() {
        let geo = (log_ratios.iter().sum::<f64>() / log_ratios.len() as f64).exp();
        println!(
            "geometric mean of CLI/quest over {} queries: {geo:.2}",
            log_ratios.len()
        );
    }
    let _ = std::fs::remove_dir_all(&xapian_db);
    if let (Some(bin), true) = (&morgue_bin, args.cli_runs > 0) {
        facet_commands(bin, &index, &terms, args.cli_runs);
    }
    println!();
    println!(
        "peak RSS of this process over the whole run (VmHWM): {}",
        mib(peaks.overall())
    );
    analysis(&idx, &index, &terms, morgue_bin.as_deref(), args.queries)?;
    drop(idx);
    if args.index.is_none() {
        let _ = std::fs::remove_dir_all(&index);
    }
    Ok(())
}

/// `stats`, `people` and a `--person` resolution as separate processes: median wall time and
/// the CPU (user + system) of the median run.
fn facet_commands(bin: &Path, index: &Path, terms: &Terms, runs: usize) {
    println!();
    println!(
        "{:<34} {:>10} {:>10}",
        "command (process)", "p50 wall", "CPU"
    );
    let person = terms.person.as_str();
    let commands: [(&str, Vec<&str>); 3] = [
        ("morgue stats", vec!["stats"]),
        ("morgue people --limit 20", vec!["people", "--limit", "20"]),
        (
            "search --person NAME --limit 0",
            vec!["search", "--person", person, "--limit", "0"],
        ),
    ];
    for (name, cmd) in commands {
        let mut args: Vec<&std::ffi::OsStr> = vec!["--index".as_ref(), index.as_os_str()];
        args.extend(cmd.iter().map(std::ffi::OsStr::new));
        args.extend(["--format", "json"].map(std::ffi::OsStr::new));
        let _ = run_timed(bin, &args);
        let mut done: Vec<CliRun> = (0..runs).filter_map(|_| run_timed(bin, &args)).collect();
        if done.is_empty() {
            continue;
        }
        done.sort_by_key(|r| r.elapsed);
        let mid = &done[done.len() / 2];
        // /usr/bin/time counts CPU in hundredths of a second.
        let cpu = mid.cpu.map_or("-".to_string(), |c| {
            if c < 0.01 {
                "<10 ms".to_string()
            } else {
                format!("{:.0} ms", c * 1e3)
            }
        });
        println!(
            "{name:<34} {:>7.1} ms {cpu:>10}",
            mid.elapsed.as_secs_f64() * 1e3
        );
    }
}

/// Times `f` `runs` times after one warm-up call; median and 99th percentile in milliseconds.
fn time_in_process<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    black_box(f());
    let times = (0..runs)
        .map(|_| {
            let started = Instant::now();
            black_box(f());
            started.elapsed()
        })
        .collect();
    percentiles(times)
}

/// What one `morgue export` process wrote and cost.
struct ExportRun {
    articles: u64,
    bytes: u64,
    elapsed: Duration,
    peak_kib: Option<u64>,
    /// The most anonymous (heap) and file-backed (mapped index) memory seen at once, sampled.
    anon_file_kib: (u64, u64),
}

/// Samples a process's resident memory split into anonymous and file-backed pages until
/// `done` is set: the heap is what streaming must keep flat, while mapped index files are
/// the kernel's to drop. Follows the child when `pid` is /usr/bin/time.
fn sample_rss(
    pid: u32,
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<(u64, u64)> {
    std::thread::spawn(move || {
        let (mut anon, mut file) = (0, 0);
        while !done.load(std::sync::atomic::Ordering::Relaxed) {
            let child = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
                .ok()
                .and_then(|c| c.split_whitespace().next().map(str::to_string))
                .unwrap_or_else(|| pid.to_string());
            if let Ok(status) = std::fs::read_to_string(format!("/proc/{child}/status")) {
                anon = anon.max(parse_status_kib(&status, "RssAnon").unwrap_or(0));
                file = file.max(parse_status_kib(&status, "RssFile").unwrap_or(0));
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        (anon, file)
    })
}

/// Runs `morgue export ARGS` under /usr/bin/time (when present) and drains its output here,
/// counting lines and bytes, as a reader in another program would.
fn cli_export(morgue: &Path, index: &Path, args: &[&str]) -> Option<ExportRun> {
    use std::io::Read;
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.is_file() {
        let mut c = Command::new(time);
        c.arg("-v").arg(morgue);
        c
    } else {
        Command::new(morgue)
    };
    let started = Instant::now();
    let mut child = cmd
        .arg("--index")
        .arg(index)
        .arg("export")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = sample_rss(child.id(), done.clone());
    let mut stdout = child.stdout.take()?;
    let (mut bytes, mut lines) = (0u64, 0u64);
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match stdout.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                bytes += n as u64;
                lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
            }
        }
    }
    let out = child.wait_with_output().ok()?;
    let elapsed = started.elapsed();
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    let anon_file_kib = sampler.join().unwrap_or((0, 0));
    let err = String::from_utf8_lossy(&out.stderr);
    let peak_kib = err.lines().find_map(|l| {
        l.trim()
            .strip_prefix("Maximum resident set size (kbytes):")
            .and_then(|v| v.trim().parse().ok())
    });
    Some(ExportRun {
        // CSV bodies hold newlines, so only JSON Lines counts articles by lines.
        articles: lines,
        bytes,
        elapsed,
        peak_kib,
        anon_file_kib,
    })
}

/// Whole-result-set measurements: the date histogram and co-mentions in process, against
/// counting the same hits, and `morgue export` as a process (speed and peak RSS).
fn analysis(
    idx: &morgue::index::MorgueIndex,
    index: &Path,
    terms: &Terms,
    morgue_bin: Option<&Path>,
    runs: usize,
) -> Result<(), String> {
    use morgue::analysis::{co_mentions, histogram, resolve_person};
    use morgue::facets::Interval;
    let (from, _) = parse_day_range(&terms.from).map_err(|e| e.to_string())?;
    let (_, until) = parse_day_range(&terms.to).map_err(|e| e.to_string())?;
    let req = |query: &str, people: Vec<String>, dates: bool| SearchRequest {
        query: query.to_string(),
        people,
        from: dates.then_some(from),
        until: dates.then_some(until),
        limit: 0,
        ..Default::default()
    };
    let mix = [
        ("all articles", req("", vec![], false)),
        ("common term", req(&terms.common, vec![], false)),
        ("person filter", req("", vec![terms.person.clone()], false)),
        ("term + dates", req(&terms.mid, vec![], true)),
    ];
    println!();
    println!(
        "--histogram, in process ({runs} runs each; \"count\" is the same query counting its hits)"
    );
    println!(
        "{:<16} {:>8} {:>11} {:>11} {:>11} {:>11} {:>11}",
        "query", "hits", "count p50", "year p50", "year p99", "day p50", "day p99"
    );
    for (name, r) in &mix {
        let hits = idx.search(r).map_err(|e| e.to_string())?.total_hits;
        let (c50, _) = time_in_process(runs, || idx.search(r).map(|x| x.total_hits).ok());
        let (y50, y99) = time_in_process(runs, || histogram(idx, r, Interval::Year).ok());
        let (d50, d99) = time_in_process(runs, || histogram(idx, r, Interval::Day).ok());
        println!(
            "{name:<16} {hits:>8} {c50:>8.2} ms {y50:>8.2} ms {y99:>8.2} ms {d50:>8.2} ms {d99:>8.2} ms"
        );
    }
    println!();
    println!("people --with, in process ({runs} runs each)");
    let top = idx.people(None, None, 1).map_err(|e| e.to_string())?;
    if let Some(top) = top.first() {
        let (r50, r99) = time_in_process(runs, || resolve_person(idx, &top.name).ok());
        println!("resolve {:?}: p50 {r50:.2} ms, p99 {r99:.2} ms", top.name);
        for (name, r) in [
            ("all dates", req("", vec![], false)),
            ("term + dates", req(&terms.mid, vec![], true)),
        ] {
            let found = co_mentions(idx, &top.name, &r, 20).map_err(|e| e.to_string())?;
            let (p50, p99) = time_in_process(runs, || co_mentions(idx, &top.name, &r, 20).ok());
            println!(
                "co-mentions of {:?}, {name}: {} articles, {} people listed; p50 {p50:.2} ms, p99 {p99:.2} ms",
                found.person,
                found.articles,
                found.with.len()
            );
        }
    }
    let Some(bin) = morgue_bin else {
        println!("(no morgue binary next to this example: export not measured)");
        return Ok(());
    };
    println!();
    println!("morgue export (CLI process, output drained through a pipe)");
    println!(
        "{:<34} {:>9} {:>10} {:>10} {:>9} {:>12} {:>11} {:>11}",
        "export", "articles", "time", "articles/s", "MB/s", "peak RSS", "heap", "mapped"
    );
    let person = terms.person.clone();
    let cases: [(&str, Vec<&str>); 3] = [
        ("all, jsonl", vec!["--format", "jsonl"]),
        ("all, csv", vec!["--format", "csv"]),
        ("person filter, jsonl", vec!["--person", &person]),
    ];
    let all = idx.num_docs();
    for (name, args) in cases {
        let Some(run) = cli_export(bin, index, &args) else {
            println!("{name:<34} (failed to run)");
            continue;
        };
        let secs = run.elapsed.as_secs_f64();
        let articles = if name.contains("csv") {
            all
        } else {
            run.articles
        };
        println!(
            "{name:<34} {articles:>9} {secs:>8.2} s {:>10.0} {:>9.1} {:>12} {:>11} {:>11}",
            articles as f64 / secs,
            run.bytes as f64 / 1e6 / secs,
            run.peak_kib.map_or("-".to_string(), mib),
            format!("{:.1} MiB", run.anon_file_kib.0 as f64 / 1024.0),
            mib(run.anon_file_kib.1)
        );
    }
    Ok(())
}
