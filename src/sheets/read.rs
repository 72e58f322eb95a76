//! Reading one sheet from a file: CSV (UTF-8, `,` `;` or tab, guessed from the header line)
//! or a workbook through calamine (the sheet named after its role, else the first).

use std::path::Path;

use super::workbook::{workbook, MAX_CELLS, MAX_FILE_BYTES};
use super::{Row, Sheet, SheetProblem, SheetSet, EXPORT_FILE_NAMES};
use crate::input::{read_file, ReadError};

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
        workbook(path, role, &extension).map_err(problem)?
    } else {
        let bytes = read_file(path, MAX_FILE_BYTES).map_err(|e| {
            problem(match e {
                ReadError::Io(e) => format!("cannot read it: {e}"),
                ReadError::TooLarge(cap) => {
                    format!("the file is larger than the limit of {} MiB", cap >> 20)
                }
            })
        })?;
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
        mapping: super::Mapping::default(),
    })
}

/// The sheets `export sheets --dir D` writes, read back from `dir`: `systems.csv` and
/// `integrations.csv` are needed, every other one is read when it is there. Every problem
/// of every file at once.
pub fn read_dir(dir: &Path) -> Result<SheetSet, Vec<SheetProblem>> {
    let mut problems = Vec::new();
    let mut found: Vec<Option<Sheet>> = Vec::new();
    for name in EXPORT_FILE_NAMES {
        let path = dir.join(name);
        let role = name.trim_end_matches(".csv");
        if !path.exists() {
            if matches!(role, "systems" | "integrations") {
                problems.push(SheetProblem {
                    file: path.display().to_string(),
                    row: None,
                    column: None,
                    message: format!(
                        "not found: a folder of sheets holds at least systems.csv and integrations.csv (`export sheets --dir` writes {})",
                        EXPORT_FILE_NAMES.join(", ")
                    ),
                });
            }
            found.push(None);
            continue;
        }
        match read_sheet(&path, role) {
            Ok(sheet) => found.push(Some(sheet)),
            Err(problem) => {
                problems.push(problem);
                found.push(None);
            }
        }
    }
    let mut take = |name: &str| {
        let at = EXPORT_FILE_NAMES.iter().position(|n| *n == name)?;
        found[at].take()
    };
    let (model, objectives, strategies, units) = (
        take("model.csv"),
        take("objectives.csv"),
        take("strategies.csv"),
        take("units.csv"),
    );
    let (systems, integrations, workflows, fixes) = (
        take("systems.csv"),
        take("integrations.csv"),
        take("workflows.csv"),
        take("fixes.csv"),
    );
    match (systems, integrations) {
        (Some(systems), Some(integrations)) if problems.is_empty() => Ok(SheetSet {
            systems,
            integrations,
            workflows,
            units,
            model,
            objectives,
            strategies,
            fixes,
        }),
        _ => Err(problems),
    }
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
    let mut cells = 0u64;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("row {}: not valid CSV: {e}", i + 1))?;
        cells += record.len() as u64;
        if cells > MAX_CELLS {
            return Err(format!(
                "row {}: the sheet holds more than {MAX_CELLS} cells; split it",
                i + 1
            ));
        }
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
