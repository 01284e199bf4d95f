//! `morgue extract`: what the ingester would make of pages, web archives and archive records,
//! without indexing them.

use super::style;
use crate::{note, one_line};
use anyhow::{Context, Result};
use morgue::extract;
use morgue::output::{self, Format};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints (or, for `json` and `text`, collects) one extraction; false when it failed, with the
/// failure (which names the page) said on stderr.
fn emit(
    out: &mut dyn Write,
    name: &str,
    result: Result<extract::Extraction, String>,
    format: Format,
    articles: &mut Vec<morgue::Article>,
) -> Result<bool> {
    match result {
        Ok(x) => {
            for w in x.warnings {
                note(&format!("morgue: {name}: {w}"));
            }
            if format == Format::Jsonl {
                output::write_articles(out, &[x.article], format, style())?;
            } else {
                articles.push(x.article);
            }
            Ok(true)
        }
        Err(e) => {
            note(&format!("morgue: {e}"));
            Ok(false)
        }
    }
}

/// Extracts every page of a web archive, record by record; false when the archive could not
/// be read or a page record yielded no article (malformed records and damage are reported).
fn extract_archive(
    out: &mut dyn Write,
    file: &Path,
    format: Format,
    articles: &mut Vec<morgue::Article>,
) -> Result<bool> {
    use morgue::index::{warc, warc_page};
    let reader = warc::Reader::open(file, warc_page::wants, warc_page::RECORD_CAP)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let shown = file.to_string_lossy();
    let mut ok = true;
    for item in reader {
        match item {
            warc::Item::Record(r) if r.block.is_some() => {
                let name = warc::member_path(&shown, r.offset);
                let result =
                    warc_page::extract_record(&name, &r).map_err(|e| format!("{name}: {e}"));
                ok &= emit(out, &name, result, format, articles)?;
            }
            warc::Item::Record(_) => {}
            warc::Item::Malformed { offset, reason } | warc::Item::Damaged { offset, reason } => {
                ok = false;
                note(&format!(
                    "morgue: {}: {reason}",
                    warc::member_path(&shown, offset)
                ));
            }
        }
    }
    Ok(ok)
}

/// Extracts each file; a file that yields no article is reported on stderr and makes the exit
/// status 1. `json` prints one object for one file and one array for several, whatever failed.
pub fn extract_files(out: &mut dyn Write, files: &[PathBuf], format: Format) -> Result<ExitCode> {
    let mut articles = Vec::new();
    let mut failed = false;
    for file in files {
        let name = file.to_string_lossy();
        if let Some((archive, offset)) = morgue::index::warc::split_member(&name) {
            // One record of a web archive, read by seeking to it.
            let result = morgue::index::warc_page::extract_at(Path::new(archive), &name, offset)
                .map_err(|e| format!("{name}: {e}"));
            failed |= !emit(out, &name, result, format, &mut articles)?;
            continue;
        }
        if morgue::index::warc::is_warc(file) {
            failed |= !extract_archive(out, file, format, &mut articles)?;
            continue;
        }
        let result = read_page(file).map_err(|e| one_line(&e));
        failed |= !emit(out, &name, result, format, &mut articles)?;
    }
    match format {
        Format::Jsonl => {}
        Format::Json if files.len() > 1 => output::write_article_array(out, &articles)?,
        // One file that failed: its error is on stderr, and nothing stands in for it here.
        _ if articles.is_empty() => {}
        _ => output::write_articles(out, &articles, format, style())?,
    }
    Ok(super::exit_code(!failed))
}

/// Reads and extracts one page file (the HTML part of a single-file page).
fn read_page(file: &Path) -> Result<extract::Extraction> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let bytes = if morgue::index::mhtml::is_mhtml(file) {
        morgue::index::mhtml::html_part(&bytes)
            .with_context(|| format!("{}: no HTML part in this single-file page", file.display()))?
    } else {
        bytes
    };
    extract::extract(file, &bytes).with_context(|| format!("{}", file.display()))
}
