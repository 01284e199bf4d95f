//! The body: the runs of paragraphs below the metadata, and the lines the person
//! recogniser reads.

use super::lines::{ends_sentence, is_prompt, Kind, Line};
use super::tables::{
    BIO_MAX_WORDS, BIO_VERBS, MAX_GAP, MIN_SIDE_RUN_WORDS, PARA_UNTERMINATED_WORDS, TRAILER,
};
use std::collections::{HashMap, HashSet};

/// The lines the person recogniser reads: the body, and between its first line and the end
/// of the article the list and table lines that the body leaves out (`3. Jan Novak (Czech
/// Republic) 4:21.07`), but no metadata, teasers, prompts or captions.
pub(super) fn people_lines(lines: &[Line], start: usize, body: &[usize]) -> Vec<usize> {
    let end = article_end(lines, start).max(body.last().map_or(0, |&b| b + 1));
    let mut seen = HashSet::new();
    (start..end)
        .filter(|&i| {
            body.binary_search(&i).is_ok() || {
                let l = &lines[i];
                let lower = l.text.to_lowercase();
                matches!(
                    l.kind,
                    Kind::Para | Kind::Sentence | Kind::Title | Kind::Boiler
                ) && !l.prompt
                    && !l.caption
                    && !is_prompt(&lower, l.words)
                    && l.text.chars().any(char::is_alphabetic)
            }
        })
        .filter(|&i| seen.insert(lines[i].text.to_lowercase()))
        .collect()
}

/// The article's paragraphs: runs of paragraphs from `start` on, teasers and
/// prompts cut out, a summary-like standfirst dropped, stray runs far from
/// the story dropped.
pub(super) fn choose_body(
    lines: &[Line],
    start: usize,
    counts: &HashMap<String, usize>,
    authors: &[String],
) -> Vec<usize> {
    let end = article_end(lines, start);
    let mut seen = HashSet::new();
    let candidates: Vec<usize> = (start..end)
        .filter(|&i| matches!(lines[i].kind, Kind::Para | Kind::Sentence))
        .filter(|&i| !is_bio(&lines[i], authors))
        // A short line printed twice is a caption; a paragraph printed twice is kept once.
        .filter(|&i| {
            lines[i].words >= PARA_UNTERMINATED_WORDS
                || counts
                    .get(&lines[i].text.to_lowercase())
                    .copied()
                    .unwrap_or(0)
                    < 2
        })
        .filter(|&i| seen.insert(lines[i].text.to_lowercase()))
        .collect();
    let candidates = drop_standfirst(lines, start, candidates);
    let runs = split_runs(lines, &candidates);
    let words = |run: &[usize]| run.iter().map(|&i| lines[i].words).sum::<usize>();
    let main = runs.iter().map(|r| words(r)).max().unwrap_or(0);
    runs.iter()
        .filter(|run| {
            let paras = run.iter().filter(|&&i| lines[i].kind == Kind::Para).count();
            let w = words(run);
            paras > 0 && (w == main || w >= MIN_SIDE_RUN_WORDS || paras >= 2)
        })
        .flatten()
        .copied()
        .collect()
}

/// Where the story ends: the first trailer line ("Reporting by", "Topics",
/// "First Published", a copyright) after at least two paragraphs.
fn article_end(lines: &[Line], start: usize) -> usize {
    let mut paras = 0;
    for (i, line) in lines.iter().enumerate().skip(start) {
        match line.kind {
            Kind::Para => paras += 1,
            Kind::Teaser => {}
            _ if paras >= 2 && TRAILER.is_match(&line.text) => return i,
            _ => {}
        }
    }
    lines.len()
}

/// "Jane Doe is a staff writer covering ...", "Dana covers schools ...": an author's bio.
fn is_bio(line: &Line, authors: &[String]) -> bool {
    line.words <= BIO_MAX_WORDS
        && authors.iter().any(|author| {
            let first = author.split_whitespace().next().unwrap_or(author);
            [author.as_str(), first].iter().any(|name| {
                line.text
                    .strip_prefix(name)
                    .is_some_and(|rest| BIO_VERBS.iter().any(|v| rest.starts_with(v)))
            })
        })
}

/// Drops the first candidate when it reads as a standfirst: right after the
/// metadata, and without a final full stop or echoed by a later paragraph.
fn drop_standfirst(lines: &[Line], start: usize, mut candidates: Vec<usize>) -> Vec<usize> {
    let Some(&first) = candidates.first() else {
        return candidates;
    };
    let directly_after = lines[start..first]
        .iter()
        .all(|l| matches!(l.kind, Kind::Boiler | Kind::Stamp));
    if start == 0 || !directly_after || lines[first].kind != Kind::Para {
        return candidates;
    }
    let summary = !ends_sentence(&lines[first].text)
        || candidates[1..]
            .iter()
            .any(|&j| echoes(&lines[first].text, &lines[j].text));
    if summary {
        candidates.remove(0);
    }
    candidates
}

/// Most of the words of `short` come back in `long`.
fn echoes(short: &str, long: &str) -> bool {
    let words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(short), words(long));
    !a.is_empty() && a.iter().filter(|w| b.contains(*w)).count() * 10 >= a.len() * 7
}

/// Groups candidate lines into runs: a run breaks where more than `MAX_GAP`
/// boilerplate lines (teaser blocks not counted) stand between two of them.
/// Short sentences at the edges of a run, away from its paragraphs, are dropped.
fn split_runs(lines: &[Line], candidates: &[usize]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in candidates {
        let gap = prev.map_or(0, |p| {
            lines[p + 1..i]
                .iter()
                .filter(|l| l.kind != Kind::Teaser)
                .count()
        });
        match runs.last_mut() {
            Some(run) if gap <= MAX_GAP => run.push(i),
            _ => runs.push(vec![i]),
        }
        prev = Some(i);
    }
    for run in &mut runs {
        trim_loose_sentences(lines, run);
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// Removes sentences from both ends of a run unless they sit right next to a paragraph.
fn trim_loose_sentences(lines: &[Line], run: &mut Vec<usize>) {
    let touches = |a: usize, b: usize| {
        lines[a.min(b) + 1..a.max(b)]
            .iter()
            .all(|l| l.kind == Kind::Teaser)
    };
    while run.len() >= 2 && lines[run[0]].kind == Kind::Sentence && !touches(run[0], run[1]) {
        run.remove(0);
    }
    while run.len() >= 2 {
        let (last, before) = (run[run.len() - 1], run[run.len() - 2]);
        if lines[last].kind == Kind::Sentence && !touches(before, last) {
            run.pop();
        } else {
            break;
        }
    }
    if run.len() == 1 && lines[run[0]].kind == Kind::Sentence {
        run.clear();
    }
}
