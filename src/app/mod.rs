//! The commands of the binary, one function each: they take the checked arguments, call the
//! library and write its answer; `main` only dispatches to them.

mod extract;
mod ingest;
mod open;

pub use extract::extract_files;
pub use ingest::{index, push};
pub use open::{open, show};

use crate::cli::{ExportArgs, FormatArg, PeopleArgs, SearchArgs, SolrTarget};
use crate::note;
use anyhow::Result;
use morgue::analysis::{self, PersonError};
use morgue::export::{self, HitFormat};
use morgue::output::{self, Format, Style};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// What every command may need besides its own arguments.
pub struct Ctx {
    /// The index directory.
    pub index: PathBuf,
    /// `-v`.
    pub verbose: bool,
    /// The index path is `./index` by default, not chosen (a first search may build it).
    pub default_index: bool,
}

/// Exit status 0 when something was found, 1 when nothing was (as grep does).
pub fn exit_code(found: bool) -> ExitCode {
    if found {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The format to use: the one asked for, else text on a terminal and `piped` otherwise.
pub fn pick_format(asked: Option<FormatArg>, piped: Format) -> Format {
    asked
        .map(Format::from)
        .unwrap_or(if std::io::stdout().is_terminal() {
            Format::Text
        } else {
            piped
        })
}

/// ANSI styling on a terminal, unless `NO_COLOR` says otherwise.
pub fn style() -> Style {
    Style {
        ansi: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// `morgue search`, on the local index or a SolrCloud.
pub fn search(ctx: &Ctx, args: SearchArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let histogram = args.histogram.map(morgue::facets::Interval::from);
    // A histogram is not a hit, so piped output with one is a JSON document.
    let format =
        args.format
            .map(HitFormat::from)
            .unwrap_or(match pick_format(None, Format::Jsonl) {
                Format::Text => HitFormat::Text,
                _ if histogram.is_some() => HitFormat::Json,
                _ => HitFormat::Jsonl,
            });
    if histogram.is_some() && matches!(format, HitFormat::Jsonl | HitFormat::Csv) {
        anyhow::bail!(
            "--histogram is drawn in text or JSON output, not in {}: use --format json",
            if format == HitFormat::Csv {
                "CSV"
            } else {
                "JSON Lines"
            }
        );
    }
    let request = args.request()?;
    let (results, histogram) = match &args.solr.solr {
        Some(url) => {
            let client = morgue::solr::Solr::new(url, &args.solr.collection)?;
            let results = morgue::solr::query::search(&client, &request)?;
            let h = histogram
                .map(|i| morgue::solr::query::histogram(&client, &request, i))
                .transpose()?;
            (results, h)
        }
        None => {
            if ctx.default_index {
                ingest::ensure_index(&ctx.index, ctx.verbose)?;
            }
            let idx = morgue::index::open(&ctx.index)?;
            let results = idx.search(&request)?;
            let h = histogram
                .map(|i| analysis::histogram(&idx, &request, i))
                .transpose()?;
            (results, h)
        }
    };
    if let Some(w) = &results.warning {
        note(&format!("morgue: note: {w}"));
    }
    match (format.shared(), &histogram) {
        (None, _) => export::write_hits_csv(out, &results)?,
        (Some(shared), Some(h)) => {
            export::write_results_with_histogram(out, &results, h, shared, style())?
        }
        (Some(shared), None) => output::write_results(out, &results, shared, style())?,
    }
    Ok(exit_code(
        !results.hits.is_empty() || results.total_hits > 0,
    ))
}

/// `morgue skipped`: exit status 1 when no page was skipped.
pub fn skipped(ctx: &Ctx, format: Option<FormatArg>, out: &mut dyn Write) -> Result<ExitCode> {
    let skipped = morgue::index::skipped_pages(&ctx.index)?;
    output::write_skipped(out, &skipped, pick_format(format, Format::Jsonl))?;
    Ok(exit_code(!skipped.is_empty()))
}

/// `morgue stats`, of the local index or a SolrCloud.
pub fn stats(
    ctx: &Ctx,
    format: Option<FormatArg>,
    solr: SolrTarget,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let stats = match &solr.solr {
        Some(url) => morgue::solr::query::stats(&morgue::solr::Solr::new(url, &solr.collection)?)?,
        None => morgue::index::open(&ctx.index)?.stats()?,
    };
    output::write_stats(out, &stats, pick_format(format, Format::Json), style())?;
    Ok(ExitCode::SUCCESS)
}

/// `morgue people [--with NAME]`: exit status 1 when nobody is listed.
pub fn people(ctx: &Ctx, args: PeopleArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let PeopleArgs {
        filters,
        with,
        limit,
        format,
        solr,
    } = args;
    let format = pick_format(format, Format::Jsonl);
    let request = filters.request(Vec::new())?;
    if let Some(url) = &solr.solr {
        let client = morgue::solr::Solr::new(url, &solr.collection)?;
        if let Some(name) = with {
            use morgue::solr::query::QueryError;
            let found = match morgue::solr::query::co_mentions(&client, &name, &request, limit) {
                Ok(found) => found,
                Err(QueryError::Person(e @ PersonError::Unknown(_))) => {
                    note(&format!("morgue: {e}"));
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e.into()),
            };
            export::write_co_mentions(out, &found, format)?;
            return Ok(exit_code(!found.with.is_empty()));
        }
        let people = morgue::solr::query::people(&client, &request, limit)?;
        output::write_people(out, &people, format)?;
        return Ok(exit_code(!people.is_empty()));
    }
    let idx = morgue::index::open(&ctx.index)?;
    let people = match with {
        Some(name) => {
            let person = match analysis::resolve_person(&idx, &name) {
                Ok(p) => p,
                Err(e @ PersonError::Unknown(_)) => {
                    note(&format!("morgue: {e}"));
                    return Ok(ExitCode::from(1));
                }
                Err(e) => return Err(e.into()),
            };
            let found = analysis::co_mentions(&idx, &person, &request, limit)?;
            export::write_co_mentions(out, &found, format)?;
            found.with
        }
        None => {
            let people = if request.query.trim().is_empty() && request.langs.is_empty() {
                idx.people(request.from, request.until, limit)?
            } else {
                analysis::people_in(&idx, &request, limit)?
            };
            output::write_people(out, &people, format)?;
            people
        }
    };
    Ok(exit_code(!people.is_empty()))
}

/// `morgue export`: exit status 1 when no article matched.
pub fn export(ctx: &Ctx, args: ExportArgs, out: &mut dyn Write) -> Result<ExitCode> {
    let idx = morgue::index::open(&ctx.index)?;
    let request = args.filters.request(args.person.person)?;
    let written = export::export(&idx, &request, args.format.into(), out)?;
    Ok(exit_code(written > 0))
}

/// `morgue serve`: until Ctrl-C.
pub fn serve(ctx: &Ctx, addr: std::net::SocketAddr) -> Result<ExitCode> {
    ingest::ensure_index(&ctx.index, ctx.verbose)?;
    let idx = morgue::index::open(&ctx.index)?;
    if let Some(w) = morgue::serve::exposure_warning(&addr) {
        note(&format!("morgue: {w}"));
    }
    let articles = idx.num_docs();
    morgue::serve::serve(idx, addr, |at| {
        println!("morgue: serving {articles} articles at http://{at}/ (Ctrl-C stops)");
    })?;
    Ok(ExitCode::SUCCESS)
}
