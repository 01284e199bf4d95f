//! The query mix of the `morgue serve` load figure in BENCHMARKS.md:
//! `cargo run --release --example serve_load -- INDEX_DIR [--runs N] [--lua OUT.lua]`.
//!
//! Picks a few queries that exist in the index (a common word, two words, a
//! phrase, the most mentioned person, a word with a person and a date range),
//! measures their in-process latency (`MorgueIndex::search`, and the facets of
//! the whole result set), and writes the same queries as `/api/search` paths
//! into a wrk Lua script, so the HTTP figures and the in-process ones measure
//! the same work.

use morgue::facets::{facets, Interval};
use morgue::search::{parse_day_range, SearchRequest};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

struct Case {
    name: &'static str,
    req: SearchRequest,
    /// The same search as an `/api/search` query string.
    query_string: String,
}

fn percentiles(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    (at(0.5), at(0.99))
}

fn main() -> Result<(), String> {
    let usage = "usage: serve_load INDEX_DIR [--runs N (default 200)] [--lua OUT.lua]";
    let mut index = None;
    let mut runs = 200;
    let mut lua = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => {
                runs = args.next().and_then(|v| v.parse().ok()).ok_or(usage)?;
            }
            "--lua" => lua = Some(PathBuf::from(args.next().ok_or(usage)?)),
            _ if index.is_none() && !a.starts_with("--") => index = Some(PathBuf::from(a)),
            _ => return Err(usage.into()),
        }
    }
    let index = index.ok_or(usage)?;
    let idx = morgue::index::open(&index).map_err(|e| e.to_string())?;
    let person = idx
        .people(None, None, 1)
        .map_err(|e| e.to_string())?
        .first()
        .map(|p| p.name.clone())
        .ok_or("the index names nobody")?;
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let text = |name, q: &str| Case {
        name,
        req: SearchRequest {
            query: q.into(),
            limit: 10,
            ..Default::default()
        },
        query_string: format!("q={}", enc(q)),
    };
    let cases = vec![
        text("word", "government"),
        text("two words", "minister election"),
        text("phrase", "\"prime minister\""),
        Case {
            name: "person",
            req: SearchRequest {
                people: vec![person.clone()],
                limit: 10,
                ..Default::default()
            },
            query_string: format!("person={}", enc(&person)),
        },
        Case {
            name: "word+person+dates",
            req: SearchRequest {
                query: "government".into(),
                people: vec![person.clone()],
                from: Some(parse_day_range("2005").map_err(|e| e.to_string())?.0),
                until: Some(parse_day_range("2015").map_err(|e| e.to_string())?.1),
                limit: 10,
                ..Default::default()
            },
            query_string: format!("q=government&person={}&from=2005&to=2015", enc(&person)),
        },
    ];
    println!(
        "index {} ({} articles), {runs} runs per query, person {person:?}",
        index.display(),
        idx.num_docs()
    );
    println!(
        "{:<20} {:>8} {:>12} {:>12} {:>14} {:>14}",
        "query", "hits", "search p50", "search p99", "+facets p50", "+facets p99"
    );
    for case in &cases {
        let hits = idx.search(&case.req).map_err(|e| e.to_string())?.total_hits;
        let search: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(idx.search(&case.req).ok());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        let with_facets: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(idx.search(&case.req).ok());
                black_box(facets(&idx, &case.req, Some(Interval::Year), 10).ok());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        let (s50, s99) = percentiles(search);
        let (f50, f99) = percentiles(with_facets);
        println!(
            "{:<20} {:>8} {:>9.2} ms {:>9.2} ms {:>11.2} ms {:>11.2} ms",
            case.name, hits, s50, s99, f50, f99
        );
    }
    if let Some(out) = lua {
        let paths: Vec<String> = cases
            .iter()
            .map(|c| format!("  \"/api/search?{}\",", c.query_string))
            .collect();
        let script = format!(
            "-- Written by `cargo run --release --example serve_load`: the query mix, round robin.\n\
             local paths = {{\n{}\n}}\n\
             local i = 0\n\
             request = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i] .. (os.getenv(\"EXTRA\") or \"\"))\nend\n",
            paths.join("\n")
        );
        std::fs::write(&out, script).map_err(|e| format!("{}: {e}", out.display()))?;
        println!("wrote {}", out.display());
    }
    Ok(())
}
