//! Reading one sheet from a file: CSV (UTF-8, `,` `;` or tab, guessed from the header line)
//! or a workbook through calamine (the sheet named after its role, else the first).

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use super::{normalise_header, Row, Sheet, SheetProblem};

const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Reads the sheet at `path` that plays `role` (`systems`, `integrations`, `workflows`,
/// `units`): a CSV file, or in a workbook the sheet named `role` (any case) if there is one,
/// else the first. Blank rows are skipped; the first row left is the header.
pub fn read_sheet(path: &Path, role: &str) -> Result<Sheet, SheetProblem> {
    let shown = path.display().to_string();
    let problem = |message: String| SheetProblem {
        file: shown.clone(),
        row: None,
        column: None,
        message,
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (file, rows) = if WORKBOOK_EXTENSIONS.contains(&extension.as_str()) {
        workbook(path, role).map_err(problem)?
    } else {
        let bytes = std::fs::read(path).map_err(|e| problem(format!("cannot read it: {e}")))?;
        (shown.clone(), csv_rows(&bytes).map_err(problem)?)
    };
    let mut rows = rows
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((_, header)) = rows.next() else {
        return Err(SheetProblem {
            file,
            row: None,
            column: None,
            message: "the sheet is empty: a header row is needed".into(),
        });
    };
    Ok(Sheet {
        file,
        header,
        rows: rows.collect(),
    })
}

/// The rows of a CSV file with their 1-based record numbers.
fn csv_rows(bytes: &[u8]) -> Result<Vec<Row>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); save it as \"CSV UTF-8\"",
            e.valid_up_to()
        )
    })?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("row {}: not valid CSV: {e}", i + 1))?;
        rows.push((i + 1, record.iter().map(str::to_string).collect()));
    }
    Ok(rows)
}

/// The delimiter the header line uses most: `,`, `;` (spreadsheets in locales with a decimal
/// comma) or a tab; `,` on a tie.
pub(super) fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.chars().filter(|x| *x == c).count();
    let (comma, semicolon, tab) = (count(','), count(';'), count('\t'));
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    }
}

/// The rows of the sheet named `role` (else the first sheet) of a workbook, with their
/// 1-based row numbers, and the name to show in messages (`file.xlsx [sheet]`).
fn workbook(path: &Path, role: &str) -> Result<(String, Vec<Row>), String> {
    let mut book =
        open_workbook_auto(path).map_err(|e| format!("cannot read the workbook: {e}"))?;
    let names = book.sheet_names();
    let name = names
        .iter()
        .find(|n| normalise_header(n) == role)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| "the workbook has no sheets".to_string())?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet `{name}`: {e}"))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let mut text = vec![String::new(); first_column as usize];
        for (j, cell) in cells.iter().enumerate() {
            let at = || {
                format!(
                    "row {}, column {}",
                    first_row as usize + i + 1,
                    super::column_letter(first_column as usize + j)
                )
            };
            text.push(cell_text(cell).map_err(|e| format!("{}: {e}", at()))?);
        }
        rows.push((first_row as usize + i + 1, text));
    }
    Ok((format!("{} [{name}]", path.display()), rows))
}

/// A cell as the text a CSV export would hold; numbers in their shortest exact form.
fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => format!("{}", f + 0.0),
        Data::Bool(b) => b.to_string(),
        Data::Error(e) => return Err(format!("the cell holds a formula error ({e})")),
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_line_tells_the_delimiter() {
        assert_eq!(delimiter("id,name\n"), b',');
        assert_eq!(delimiter("id;name;annual cost\n1;a,b;3\n"), b';');
        assert_eq!(delimiter("id\tname\n"), b'\t');
        assert_eq!(delimiter("id\n"), b',');
    }

    #[test]
    fn csv_rows_drop_a_bom_and_keep_quoted_line_breaks() {
        let rows = csv_rows(b"\xEF\xBB\xBFid,name\ncrm,\"C\nRM\"\n").unwrap();
        assert_eq!(rows[0], (1, vec!["id".to_string(), "name".to_string()]));
        assert_eq!(rows[1].1[1], "C\nRM");
        assert!(csv_rows(b"id\n\xFF\n").unwrap_err().contains("UTF-8"));
    }
}
