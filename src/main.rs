//! The `morgue` binary: parse arguments, dispatch, map errors to exit codes.
//!
//! [`cli`] defines the arguments and turns them into the library's requests; [`app`] holds
//! one function per command.

use app::Ctx;
use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use std::io::Write;
use std::process::ExitCode;

mod app;
mod cli;
use cli::{Cli, Command};

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let default_index = matches.value_source("index") == Some(ValueSource::DefaultValue);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    match run(cli, default_index) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            note(&format!("morgue: {}", one_line(&e)));
            ExitCode::from(2)
        }
    }
}

/// An error and its causes on one line, each said once: our errors often quote their source.
fn one_line(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if msg.contains(&text) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&text);
    }
    msg
}

/// Writes a line to stderr; a closed stderr is not worth a panic (`eprintln!` would panic).
fn note(line: &str) -> bool {
    let mut err = std::io::stderr().lock();
    writeln!(err, "{line}").is_ok()
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Runs one command; `default_index` says the index path is `./index` by default, not chosen.
fn run(cli: Cli, default_index: bool) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let ctx = Ctx {
        index: cli.index,
        verbose: cli.verbose,
        default_index,
    };
    let code = match cli.command {
        Command::Index(args) => app::index(&ctx.index, args, ctx.verbose)?,
        Command::Search(args) => app::search(&ctx, args, &mut out)?,
        Command::Extract { files, format, .. } => {
            let format = app::pick_format(format, morgue::output::Format::Jsonl);
            app::extract_files(&mut out, &files, format)?
        }
        Command::Show { key, format } => app::show(&ctx, &key, format, &mut out)?,
        Command::Open { key } => app::open(&ctx, &key)?,
        Command::Skipped { format } => app::skipped(&ctx, format, &mut out)?,
        Command::Stats { format, solr } => app::stats(&ctx, format, solr, &mut out)?,
        Command::People(args) => app::people(&ctx, args, &mut out)?,
        Command::Export(args) => app::export(&ctx, args, &mut out)?,
        Command::Serve { addr } => app::serve(&ctx, addr)?,
        Command::Push(args) => app::push(&ctx.index, args, ctx.verbose)?,
        Command::Completions { shell, .. } => {
            clap_complete::generate(shell, &mut Cli::command(), "morgue", &mut out);
            ExitCode::SUCCESS
        }
    };
    out.flush()?;
    Ok(code)
}
