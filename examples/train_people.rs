//! Trains the person tagger's weights from CoNLL-2003 English training data.
//!
//! usage: cargo run --release --example train_people -- CONLL[.gz] [OUT] [EPOCHS]
//!
//! Each CoNLL document (between `-DOCSTART-` lines) becomes one article: its first sentence
//! the headline, every other sentence a line of its own, as wire stories and their result
//! tables read. Tokens are joined back into text (no space before closing punctuation or a
//! possessive), so the tagger learns from the recogniser's own tokeniser. Only the weights
//! are written; the text stays where it is.

use anyhow::{bail, Context, Result};
use morgue::extract::people::{train_tagger, TrainingDoc};
use std::io::{BufRead, BufReader, Read};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(input) = args.first() else {
        bail!("usage: train_people CONLL[.gz] [OUT] [EPOCHS]");
    };
    let out = args.get(1).map_or("data/people/tagger.bin", String::as_str);
    let epochs: usize = match args.get(2) {
        Some(e) => e.parse().context("EPOCHS must be a number")?,
        None => 8,
    };
    let file = std::fs::File::open(input).with_context(|| format!("cannot open {input}"))?;
    let reader: Box<dyn Read> = if input.ends_with(".gz") {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let docs = read_conll(BufReader::new(reader))?;
    let people: usize = docs
        .iter()
        .map(|d| d.headline_people.len() + d.body_people.len())
        .sum();
    eprintln!(
        "{} documents, {people} name spans, {epochs} epochs",
        docs.len()
    );
    let bytes = train_tagger(&docs, epochs);
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {out}"))?;
    eprintln!(
        "wrote {out} ({} bytes, blake3 {})",
        bytes.len(),
        blake3::hash(&bytes)
    );
    Ok(())
}

/// Sentences of (token, is-person) pairs, grouped by document.
fn read_conll(reader: impl BufRead) -> Result<Vec<TrainingDoc>> {
    let mut docs = Vec::new();
    let mut sentences: Vec<Vec<(String, bool)>> = Vec::new();
    let mut sentence: Vec<(String, bool)> = Vec::new();
    for line in reader.lines() {
        let line = line.context("cannot read the training data")?;
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            if !sentence.is_empty() {
                sentences.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        if cols[0] == "-DOCSTART-" {
            if !sentence.is_empty() {
                sentences.push(std::mem::take(&mut sentence));
            }
            if !sentences.is_empty() {
                docs.push(build_doc(&std::mem::take(&mut sentences)));
            }
            continue;
        }
        let tag = cols.last().copied().unwrap_or("O");
        sentence.push((cols[0].to_string(), tag.ends_with("-PER")));
    }
    if !sentence.is_empty() {
        sentences.push(sentence);
    }
    if !sentences.is_empty() {
        docs.push(build_doc(&sentences));
    }
    Ok(docs)
}

fn build_doc(sentences: &[Vec<(String, bool)>]) -> TrainingDoc {
    let (headline, headline_people) = join(&sentences[0]);
    let mut body = String::new();
    let mut body_people = Vec::new();
    for s in &sentences[1..] {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let (text, spans) = join(s);
        let off = body.len();
        body.push_str(&text);
        body_people.extend(spans.into_iter().map(|(a, b)| (a + off, b + off)));
    }
    TrainingDoc {
        headline,
        body,
        headline_people,
        body_people,
    }
}

/// Joins tokens into text as it was written, with the byte spans of person tokens.
fn join(tokens: &[(String, bool)]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut glue_next = false;
    for (tok, person) in tokens {
        let closing = matches!(
            tok.as_str(),
            "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "'s" | "'S" | "n't" | "'"
        );
        if !text.is_empty() && !closing && !glue_next {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(tok);
        if *person {
            spans.push((start, text.len()));
        }
        glue_next = matches!(tok.as_str(), "(" | "[" | "{" | "$");
    }
    (text, spans)
}
