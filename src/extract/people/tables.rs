//! The rows of a page's data tables (results, squads, scorers), as lines for the recogniser.
//!
//! The body extractor leaves most tables out (a results table is not prose), so the names
//! in them would be lost. Each row of a table that reads as data, not layout, becomes one
//! line: its cells in order, separated by " - " so that two capitalised cells
//! (`Tereza Hlavová` | `Czech Republic`) never run into one name. Tables inside navigation,
//! headers, footers and asides, and tables whose cells hold prose, are skipped.

use crate::extract::lexicon::TABLE_FURNITURE_WORDS;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

/// A data cell has at most this many words; a layout cell holds paragraphs.
const CELL_MAX_WORDS: usize = 10;
/// A row with more words than this is prose laid out in a table.
const ROW_MAX_WORDS: usize = 30;
/// A table needs this many data rows to be read: one row is a layout box.
const MIN_ROWS: usize = 2;
/// Rows read per page at most (a page of a thousand-row table is not an article).
const MAX_ROWS: usize = 400;

/// Ancestors whose table is page furniture, by element name.
const FURNITURE_TAGS: &[&str] = &["nav", "header", "footer", "aside", "form", "menu"];
/// Between two cells of a row's line.
pub(super) const CELL_SEPARATOR: &str = " - ";

static TABLES: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("table").expect("valid selector"));

/// One line per data row of the page's tables, in document order, joined by blank lines.
pub fn table_lines(doc: &Html) -> String {
    let mut out = String::new();
    let mut rows_read = 0;
    for table in doc.select(&TABLES) {
        if rows_read >= MAX_ROWS {
            break;
        }
        if is_furniture(table) || has_nested_table(table) {
            continue;
        }
        let rows: Vec<String> = own_rows(table).filter_map(row_line).collect();
        if rows.len() < MIN_ROWS {
            continue;
        }
        for row in rows.into_iter().take(MAX_ROWS - rows_read) {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&row);
            rows_read += 1;
        }
    }
    out
}

/// The `<tr>` elements of `table` itself (through thead/tbody/tfoot), not of nested tables.
fn own_rows(table: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    table
        .children()
        .filter_map(ElementRef::wrap)
        .flat_map(|child| {
            let name = child.value().name();
            let rows: Vec<ElementRef> = if name == "tr" {
                vec![child]
            } else if matches!(name, "thead" | "tbody" | "tfoot") {
                child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|r| r.value().name() == "tr")
                    .collect()
            } else {
                Vec::new()
            };
            rows
        })
}

/// A row's cells as one line, or `None` when it is a header row, one cell, or prose.
fn row_line(row: ElementRef<'_>) -> Option<String> {
    let mut cells = Vec::new();
    let mut words = 0;
    let mut headers = 0;
    for cell in row.children().filter_map(ElementRef::wrap) {
        let name = cell.value().name();
        if name != "td" && name != "th" {
            continue;
        }
        headers += usize::from(name == "th");
        let text = cell.text().collect::<Vec<_>>().join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let n = text.split(' ').filter(|w| !w.is_empty()).count();
        if n > CELL_MAX_WORDS {
            return None;
        }
        words += n;
        if n > 0 {
            cells.push(text);
        }
    }
    if cells.len() < 2 || headers == cells.len() || words > ROW_MAX_WORDS {
        return None;
    }
    Some(cells.join(CELL_SEPARATOR))
}

/// A cell's text without bracketed parts and a leading rank: "3. Jan Novak (Czech Republic)"
/// is "Jan Novak".
pub(super) fn cell_core(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len());
    let mut depth = 0usize;
    for c in cell.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c == '.' || c == '=' || c.is_whitespace()
    })
    .trim()
    .to_string()
}

fn has_nested_table(table: ElementRef<'_>) -> bool {
    table.select(&TABLES).nth(1).is_some()
}

fn is_furniture(table: ElementRef<'_>) -> bool {
    table.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let el = a.value();
        if FURNITURE_TAGS.contains(&el.name()) {
            return true;
        }
        let marks = el
            .attr("class")
            .into_iter()
            .chain(el.attr("id"))
            .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '_'))
            .map(str::to_ascii_lowercase);
        marks.into_iter().any(|m| {
            TABLE_FURNITURE_WORDS
                .iter()
                .any(|w| m == *w || m.starts_with(&format!("{w}-")))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_rows_become_lines_and_layout_does_not() {
        let html = r#"<html><body>
            <nav><table><tr><td>Home</td><td>Sport</td></tr><tr><td>News</td><td>Weather</td></tr></table></nav>
            <table><tr><th>Place</th><th>Name</th></tr>
              <tr><td>1</td><td>Ada Quill</td></tr><tr><td>2</td><td>Bo Varga</td></tr></table>
            <table><tr><td>one lonely cell</td></tr></table>
            <table><tr><td>This cell holds a whole paragraph of prose that goes on for well over ten words.</td><td>x</td></tr>
              <tr><td>a</td><td>b</td></tr></table>
            </body></html>"#;
        let lines = table_lines(&Html::parse_document(html));
        assert_eq!(lines, "1 - Ada Quill\n\n2 - Bo Varga");
    }

    #[test]
    fn a_cell_core_drops_the_rank_and_the_brackets() {
        assert_eq!(cell_core("3. Jan Novak (Czech Republic)"), "Jan Novak");
        assert_eq!(cell_core("=12 Ryo Nakamura [JPN] "), "Ryo Nakamura");
        assert_eq!(cell_core("((unbalanced"), "");
    }

    #[test]
    fn a_page_without_tables_gives_nothing() {
        assert_eq!(
            table_lines(&Html::parse_document("<p>No tables here.</p>")),
            ""
        );
    }
}
