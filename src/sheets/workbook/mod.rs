//! Reading one sheet of a workbook within fixed bounds (docs/robustness.md, "Sheets").
//!
//! A workbook is a small file that can stand for an enormous one: a ZIP entry that inflates
//! to gigabytes, a shared-strings table that declares a billion strings (calamine reserves
//! room for them), a cell reference far outside any sheet, an ODS row repeated a million
//! times. So a ZIP workbook (XLSX, XLSM, ODS) is first inflated entry by entry into
//! nothing, counting bytes, shared strings and cell references, and refused when a count
//! passes its cap; only then does calamine read it. XLSX sheets are read cell by cell
//! (never as a dense range sized from a declared dimension); ODS sheets, which calamine
//! reads whole, are measured first (rows and columns repeated included). Every sheet keeps
//! only the cells within its header's width, at most [`MAX_CELLS`] of them.
//!
//! XLS and XLSB are refused ([`UNREAD_FORMATS`]): calamine reads an XLS workbook's every
//! sheet at open as a dense grid sized from the cells' positions (two cells at A1 and
//! IV65536 make half a gigabyte, a damaged column number far more), and its XLS and XLSB
//! readers index their records without checking their length, so a damaged file would end
//! the process; neither lets a count be checked before it allocates.

mod inflate;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use calamine::{open_workbook, Data, DataRef, Ods, Reader, Xlsx};

use self::inflate::{check_zip, Kind};
use super::{column_letter, normalise_header, Row};

/// The largest workbook or CSV file read (64 MiB): inventories are kilobytes to a few MB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// The most bytes all entries of a ZIP workbook may inflate to together (256 MiB).
pub const MAX_INFLATED_BYTES: u64 = 256 << 20;
/// The most entries a ZIP workbook may have.
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The most shared strings an XLSX workbook may declare or hold.
pub const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// The most cells a sheet may hold, counting empty cells within its header's width and,
/// for ODS, every cell of the sheet's used area.
pub const MAX_CELLS: u64 = 2_000_000;
/// Workbook formats refused with a message naming the ones read (see the module's doc).
pub const UNREAD_FORMATS: [&str; 2] = ["xls", "xlsb"];
/// The last row and column of a spreadsheet (Excel's limits: XFD1048576).
pub const MAX_ROWS: u32 = 1_048_576;
/// See [`MAX_ROWS`].
pub const MAX_COLUMNS: u32 = 16_384;
/// The longest message kept from calamine or the ZIP reader.
const MESSAGE_CHARS: usize = 300;

/// `message` cut to [`MESSAGE_CHARS`] characters.
fn bounded(message: impl std::fmt::Display) -> String {
    crate::text::ellipsis(&message.to_string(), MESSAGE_CHARS).into_owned()
}

/// The rows of the sheet named `role` (else the first sheet) of a workbook, with their
/// 1-based row numbers, and the name to show in messages (`file.xlsx [sheet]`).
pub(super) fn workbook(
    path: &Path,
    role: &str,
    extension: &str,
) -> Result<(String, Vec<Row>), String> {
    if UNREAD_FORMATS.contains(&extension) {
        return Err(format!(
            "{} workbooks are not read (their reader cannot be held within the import's \
             limits); save the sheet as .xlsx, .ods or .csv",
            extension.to_ascii_uppercase()
        ));
    }
    let meta = fs::metadata(path).map_err(|e| format!("cannot read it: {e}"))?;
    if !meta.is_file() {
        return Err("not a workbook file (a device, FIFO or folder)".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the workbook is larger than the limit of {} MiB",
            MAX_FILE_BYTES >> 20
        ));
    }
    match extension {
        "xlsx" | "xlsm" => {
            check_zip(path, Kind::Xlsx)?;
            xlsx(path, role)
        }
        _ => {
            check_zip(path, Kind::Ods)?;
            ods(path, role)
        }
    }
}

/// The sheet to read: the one named after the role (any case), else the first.
fn pick(names: &[String], role: &str) -> Result<String, String> {
    names
        .iter()
        .find(|n| normalise_header(n) == role)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| "the workbook has no sheets".to_string())
}

/// An XLSX sheet, cell by cell.
fn xlsx(path: &Path, role: &str) -> Result<(String, Vec<Row>), String> {
    let mut book: Xlsx<_> =
        open_workbook(path).map_err(|e| format!("cannot read the workbook: {}", bounded(e)))?;
    let name = pick(&book.sheet_names(), role)?;
    let shown = format!("{} [{name}]", path.display());
    let mut cells = Cells::default();
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| format!("cannot read sheet `{name}`: {}", bounded(e)))?;
    loop {
        let cell = reader
            .next_cell()
            .map_err(|e| format!("sheet `{name}`: {}", bounded(e)))?;
        let Some(cell) = cell else { break };
        let (row, column) = cell.get_position();
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::SharedString(s) => (*s).to_string(),
            value => cell_text(&Data::from(value.clone())).map_err(|e| at(row, column, &e))?,
        };
        cells.add(row, column, text)?;
    }
    Ok((shown, cells.rows()?))
}

/// A measured ODS sheet: calamine's range.
fn ods(path: &Path, role: &str) -> Result<(String, Vec<Row>), String> {
    let mut book: Ods<_> =
        open_workbook(path).map_err(|e| format!("cannot read the workbook: {}", bounded(e)))?;
    let name = pick(&book.sheet_names(), role)?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet `{name}`: {}", bounded(e)))?;
    let mut cells = Cells::default();
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    for (row, column, value) in range.used_cells() {
        let row = first_row.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
        let column = first_column.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
        let text = cell_text(value).map_err(|e| at(row, column, &e))?;
        if text.is_empty() {
            continue;
        }
        cells.add(row, column, text)?;
    }
    Ok((format!("{} [{name}]", path.display()), cells.rows()?))
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

/// `message` placed at a 0-based cell.
fn at(row: u32, column: u32, message: &str) -> String {
    format!(
        "row {}, column {}: {message}",
        u64::from(row) + 1,
        column_letter(column as usize)
    )
}

/// The non-empty cells of a sheet, sparse, within the caps.
#[derive(Default)]
struct Cells {
    rows: BTreeMap<u32, Vec<(u32, String)>>,
    count: u64,
}

impl Cells {
    fn add(&mut self, row: u32, column: u32, text: String) -> Result<(), String> {
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(format!(
                "a cell at row {}, column {} is outside any sheet (A1 to XFD1048576)",
                u64::from(row) + 1,
                column_letter(column as usize)
            ));
        }
        self.count += 1;
        if self.count > MAX_CELLS {
            return Err(too_many_cells());
        }
        self.rows.entry(row).or_default().push((column, text));
        Ok(())
    }

    /// Dense rows from the first non-blank one (the header) on, each as wide as its last
    /// cell but never wider than the header (a cell beyond it has no column to be in).
    fn rows(self) -> Result<Vec<Row>, String> {
        let mut rows = self
            .rows
            .into_iter()
            .filter(|(_, cells)| cells.iter().any(|(_, text)| !text.trim().is_empty()));
        let Some((header_row, header)) = rows.next() else {
            return Ok(Vec::new());
        };
        let width = header
            .iter()
            .map(|(c, _)| *c as usize + 1)
            .max()
            .unwrap_or(0);
        let mut held = width as u64;
        let mut out = vec![(header_row as usize + 1, dense(header, width))];
        for (row, cells) in rows {
            let row_width = cells
                .iter()
                .map(|(c, _)| *c as usize + 1)
                .filter(|w| *w <= width)
                .max()
                .unwrap_or(0);
            held += row_width as u64;
            if held > MAX_CELLS {
                return Err(too_many_cells());
            }
            out.push((row as usize + 1, dense(cells, row_width)));
        }
        Ok(out)
    }
}

fn too_many_cells() -> String {
    format!("the sheet holds more than {MAX_CELLS} cells; split it or remove unused cells")
}

fn dense(cells: Vec<(u32, String)>, width: usize) -> Vec<String> {
    let mut row = vec![String::new(); width];
    for (column, text) in cells {
        if let Some(slot) = row.get_mut(column as usize) {
            *slot = text;
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_cells_keep_the_header_width_only() {
        let mut cells = Cells::default();
        cells.add(0, 0, "id".into()).unwrap();
        cells.add(0, 1, "name".into()).unwrap();
        cells.add(5, 1, "CRM".into()).unwrap();
        cells
            .add(MAX_ROWS - 1, MAX_COLUMNS - 1, "far".into())
            .unwrap();
        let rows = cells.rows().unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], (6, vec![String::new(), "CRM".to_string()]));
        assert_eq!(rows[2], (MAX_ROWS as usize, Vec::<String>::new()));
        assert!(Cells::default().add(MAX_ROWS, 0, "x".into()).is_err());
    }
}
