//! `morgue show` and `morgue open`: one stored article, printed or opened in the system's
//! viewer.

use super::{exit_code, pick_format, style, Ctx};
use crate::cli::FormatArg;
use crate::note;
use anyhow::{Context, Result};
use morgue::extract;
use morgue::output::{self, Format};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `morgue show`: prints the article; exit status 1 when there is none.
pub fn show(
    ctx: &Ctx,
    key: &str,
    format: Option<FormatArg>,
    out: &mut dyn Write,
) -> Result<ExitCode> {
    let idx = morgue::index::open(&ctx.index)?;
    let Some(a) = idx.lookup(key)? else {
        note(&not_found(key, &ctx.index));
        return Ok(exit_code(false));
    };
    output::write_articles(out, &[a], pick_format(format, Format::Json), style())?;
    Ok(ExitCode::SUCCESS)
}

/// `morgue open`: opens the article's saved page; exit status 1 when there is none.
pub fn open(ctx: &Ctx, key: &str) -> Result<ExitCode> {
    let idx = morgue::index::open(&ctx.index)?;
    let Some(a) = idx.lookup(key)? else {
        note(&not_found(key, &ctx.index));
        return Ok(exit_code(false));
    };
    open_page(&saved_page_file(&a)?)?;
    Ok(ExitCode::SUCCESS)
}

fn not_found(key: &str, index: &Path) -> String {
    format!(
        "morgue: no article with id, path or URL {key:?} in {}",
        index.display()
    )
}

/// The file holding an article's saved page; a page inside a web archive is copied out of
/// its record (read by seeking to it) into a temporary file first, so an opener can show it.
fn saved_page_file(a: &morgue::Article) -> Result<PathBuf> {
    use morgue::index::{warc, warc_page};
    let Some((archive, offset)) = warc::split_member(&a.path) else {
        return Ok(PathBuf::from(&a.path));
    };
    let (kind, bytes) =
        warc_page::payload_at(Path::new(archive), offset).map_err(anyhow::Error::msg)?;
    let ext = if kind == extract::PageKind::Text {
        "txt"
    } else {
        "html"
    };
    let file = std::env::temp_dir().join(format!("morgue-{}.{ext}", a.id));
    std::fs::write(&file, bytes).with_context(|| format!("cannot write {}", file.display()))?;
    Ok(file)
}

/// Opens a saved page with `$MORGUE_OPENER`, else the platform's opener.
fn open_page(page: &Path) -> Result<()> {
    let opener = std::env::var("MORGUE_OPENER")
        .ok()
        .filter(|o| !o.is_empty());
    let mut cmd = match opener.as_deref() {
        Some(o) => std::process::Command::new(o),
        None if cfg!(target_os = "macos") => std::process::Command::new("open"),
        None if cfg!(windows) => {
            let mut c = std::process::Command::new("cmd");
            c.args(["/C", "start", ""]);
            c
        }
        None => std::process::Command::new("xdg-open"),
    };
    let status = cmd
        .arg(page)
        .status()
        .with_context(|| format!("cannot start an opener for {}", page.display()))?;
    anyhow::ensure!(
        status.success(),
        "the opener failed on {} ({status})",
        page.display()
    );
    Ok(())
}
