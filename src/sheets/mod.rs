//! The inventory spreadsheets of a software audit, in and out: a systems sheet, an
//! integrations (interface) list, a workflows sheet with one row per handoff, and an
//! optional units sheet. [`read_sheet`] reads CSV or a workbook (XLSX, XLSM, ODS; XLS and
//! XLSB are refused with a message, see docs/robustness.md); [`import`] turns the sheets into a model, reporting every bad cell by file, row and
//! column; [`export`] writes a model back as the same sheets. The columns are declared once
//! here, for both directions and for docs/import-sheets.md.
//!
//! ```
//! use gapgraph::sheets::{import, ImportOptions, Sheet, SheetSet};
//! let sheet = |file: &str, rows: &[&[&str]]| Sheet::from_rows(file, rows);
//! let set = SheetSet {
//!     systems: sheet("systems.csv", &[&["Name", "Kind"], &["CRM", "saas"], &["ERP", ""]]),
//!     integrations: sheet("integrations.csv", &[&["From", "To", "Carries", "Mode"], &["CRM", "ERP", "order", "automated"]]),
//!     workflows: Some(sheet("workflows.csv", &[
//!         &["Workflow", "Runs", "Per", "From", "To", "Data"],
//!         &["Order to cash", "100", "month", "CRM", "ERP", "order"],
//!         &["Order to cash", "", "", "ERP", "CRM", "invoice"],
//!     ])),
//!     ..SheetSet::default()
//! };
//! let imported = import(&set, &ImportOptions::default()).unwrap();
//! let loaded = gapgraph::load_str(&imported.text, "model.yaml").unwrap();
//! let analysis = gapgraph::analysis::analyze(&loaded.model, None);
//! assert_eq!((analysis.summary.automated, analysis.summary.missing), (1, 1));
//! ```

mod assemble;
mod build;
mod columns;
mod escape;
mod export;
mod links;
mod read;
mod sections;
mod steps;
mod workbook;

use std::fmt;

pub use assemble::import;
pub use columns::{ColumnMap, Mapping, PRESETS, SYNONYMS};
pub use export::{export, ExportedSheet, ExportedSheets};
pub use read::read_dir;
pub use read::read_sheet;
pub use workbook::{
    MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_INFLATED_BYTES, MAX_ROWS, MAX_SHARED_STRINGS,
    MAX_ZIP_ENTRIES, UNREAD_FORMATS,
};

/// Every file `export sheets` may write, for checking them against the command's inputs
/// before anything is written; `import sheets --dir` reads the same names.
pub const EXPORT_FILE_NAMES: [&str; 8] = [
    "model.csv",
    "objectives.csv",
    "strategies.csv",
    "units.csv",
    "systems.csv",
    "integrations.csv",
    "workflows.csv",
    "fixes.csv",
];

/// The mode given to interfaces whose sheet gives none (`--assume-mode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssumeMode {
    /// A person re-keys.
    Manual,
    /// Automated.
    Automated,
}

impl AssumeMode {
    /// As the model spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            AssumeMode::Manual => "manual",
            AssumeMode::Automated => "automated",
        }
    }
}

/// How [`import`] reads the sheets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportOptions {
    /// Write JSON rather than YAML.
    pub json: bool,
    /// The mode of an interface whose row gives none; `None`: such rows are an error.
    pub assume_mode: Option<AssumeMode>,
}

/// A data row: its 1-based row number in the file and its cells.
pub type Row = (usize, Vec<String>);

/// One sheet: its header row and data rows, as text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// The file (and sheet) it came from, for messages.
    pub file: String,
    /// The header cells.
    pub header: Vec<String>,
    /// The data rows, each with its 1-based row number in the file (the header is row 1
    /// when it is the first row).
    pub rows: Vec<Row>,
    /// Which headers hold which fields, and what values mean, when a columns file or a
    /// preset says (`columns::ColumnMap::apply`); empty: the columns below.
    pub mapping: Mapping,
}

impl Sheet {
    /// A sheet from literal rows, the first being the header (for tests and examples).
    pub fn from_rows(file: &str, rows: &[&[&str]]) -> Sheet {
        let text = |r: &[&str]| r.iter().map(ToString::to_string).collect::<Vec<_>>();
        Sheet {
            file: file.to_string(),
            header: rows.first().map(|r| text(r)).unwrap_or_default(),
            rows: rows
                .iter()
                .enumerate()
                .skip(1)
                .map(|(i, r)| (i + 1, text(r)))
                .collect(),
            mapping: Mapping::default(),
        }
    }
}

/// The sheets of one import.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetSet {
    /// Systems: one row each.
    pub systems: Sheet,
    /// Integrations: one row each.
    pub integrations: Sheet,
    /// Workflows: one row per handoff.
    pub workflows: Option<Sheet>,
    /// Units: one row each; without it, units are made from the names systems and
    /// workflows give.
    pub units: Option<Sheet>,
    /// The model's own fields (`key`, `value`): name, currency, strategy, defaults.
    pub model: Option<Sheet>,
    /// Objectives: one row each.
    pub objectives: Option<Sheet>,
    /// Strategies: one row per weight.
    pub strategies: Option<Sheet>,
    /// Catalogued fixes: one row each.
    pub fixes: Option<Sheet>,
}

/// Something wrong in a sheet, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetProblem {
    /// The file (and sheet).
    pub file: String,
    /// The 1-based row, when the problem is in one.
    pub row: Option<usize>,
    /// The column's header and its letter, when the problem is in one cell.
    pub column: Option<(String, String)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(row) = self.row {
            write!(f, ": row {row}")?;
        }
        if let Some((name, letter)) = &self.column {
            write!(f, ", column {letter} `{name}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A column of a sheet: its canonical name (how export writes it) and whether a row needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    /// The header, as export writes it; import matches headers case-insensitively, with
    /// spaces and dashes read as `_`.
    pub name: &'static str,
    /// What it holds, for the docs.
    pub doc: &'static str,
}

const fn column(name: &'static str, doc: &'static str) -> Column {
    Column { name, doc }
}

/// The systems sheet.
pub const SYSTEM_COLUMNS: [Column; 9] = [
    column("id", "identifier; made from the name when empty"),
    column("name", "display name; one of id and name is needed"),
    column(
        "kind",
        "application (default), saas, database, platform, spreadsheet, email, paper, person",
    ),
    column("unit", "the owning unit, by id or name"),
    column("owner", "who answers for it"),
    column("satisfaction", "users' rating, 1 to 5"),
    column("annual_cost", "what it costs a year"),
    column("lifecycle", "planned, active, phase-out or end-of-support"),
    column("criticality", "low, medium or high"),
];

/// The units sheet.
pub const UNIT_COLUMNS: [Column; 4] = [
    column("id", "identifier; made from the name when empty"),
    column("name", "display name; one of id and name is needed"),
    column("owner", "who answers for it"),
    column(
        "hourly_cost",
        "staff cost of an hour in this unit's workflows",
    ),
];

/// The integrations sheet.
pub const INTEGRATION_COLUMNS: [Column; 13] = [
    column(
        "id",
        "identifier; needed only to tell apart two integrations with the same ends",
    ),
    column("from", "the sending system, by id or name (required)"),
    column("to", "the receiving system, by id or name (required)"),
    column(
        "carries",
        "the data objects it moves, separated by `;`; `*` = any; empty: `*`, marked assumed",
    ),
    column(
        "mode",
        "automated, semi or manual (also `semi-automated`, ...); required unless `--assume-mode`",
    ),
    column("minutes", "human minutes per use (semi and manual)"),
    column("fix_cost", "cost to automate it"),
    column("run_cost", "running cost a year once automated"),
    column("via", "transport (api, sftp, ...)"),
    column("name", "display name"),
    column("note", "free text"),
    column(
        "source",
        "where its figures come from: `minutes: measured; fix_cost: imported` (`stated` when empty)",
    ),
    column("evidence", "what its figures rest on"),
];

/// The workflows sheet: one row per handoff, in order; the workflow's own columns may be
/// given on its first row only, or repeated identically.
pub const WORKFLOW_COLUMNS: [Column; 20] = [
    column("workflow", "the workflow, by id or name (required)"),
    column("name", "the workflow's display name"),
    column("unit", "the workflow's unit, by id or name"),
    column("owner", "who answers for the workflow"),
    column(
        "runs",
        "how many times it runs per `per` (required once per workflow)",
    ),
    column(
        "per",
        "day, week, month, quarter or year (also daily, weekly, monthly, ...)",
    ),
    column(
        "step",
        "the handoff's position; rows are taken in this order when given",
    ),
    column("from", "the system handing over, by id or name (required)"),
    column("to", "the system receiving, by id or name (required)"),
    column("data", "the data object that must move (required)"),
    column(
        "minutes",
        "human minutes per run to do it around the systems",
    ),
    column(
        "by",
        "the unit whose staff do this handoff, by id or name (default: the workflow's)",
    ),
    column("note", "free text"),
    column(
        "serves",
        "the workflow's share of each objective: `growth: 0.5; cost: 0.2` (objective ids)",
    ),
    column(
        "source",
        "where the workflow's `runs` comes from: `runs: measured` (`stated` when empty)",
    ),
    column("evidence", "what the workflow's figures rest on"),
    column(
        "handoff_runs",
        "how often this handoff happens per `handoff_per`, when not once per run",
    ),
    column("handoff_per", "the period of `handoff_runs`"),
    column(
        "handoff_source",
        "where the handoff's figures come from: `minutes: measured; runs: imported`",
    ),
    column("handoff_evidence", "what the handoff's figures rest on"),
];

/// The model sheet: one row per field, read as `key`, `value`.
pub const MODEL_COLUMNS: [Column; 2] = [
    column(
        "key",
        "`name`, `currency`, `strategy` (the one in force), or a `defaults` field (`hourly_cost`, ...)",
    ),
    column("value", "its value"),
];

/// The objectives sheet.
pub const OBJECTIVE_COLUMNS: [Column; 3] = [
    column("id", "identifier (required)"),
    column("name", "display name (default: the id)"),
    column("description", "longer text"),
];

/// The strategies sheet: one row per weight; the strategy's own columns may be given on
/// its first row only, or repeated identically.
pub const STRATEGY_COLUMNS: [Column; 5] = [
    column("strategy", "the strategy's id (required)"),
    column("name", "display name (default: the id)"),
    column("description", "longer text"),
    column("objective", "an objective id (required)"),
    column("weight", "its weight, a number >= 0 (required)"),
];

/// The catalogued fixes sheet.
pub const FIX_COLUMNS: [Column; 10] = [
    column("id", "identifier (default `FROM->TO`)"),
    column(
        "from",
        "where the new integration starts, by id or name (required)",
    ),
    column("to", "where it ends, by id or name (required)"),
    column("cost", "its cost (required)"),
    column(
        "carries",
        "the data objects it will move, separated by `;` (default: the data of the gaps it closes)",
    ),
    column("run_cost", "its running cost a year once built"),
    column(
        "source",
        "where its figures come from: `cost: imported; run_cost: measured`",
    ),
    column("evidence", "what its figures rest on"),
    column("name", "display name"),
    column("note", "free text"),
];

/// A header as import compares it: trimmed, lower-case, spaces and dashes as `_`.
pub fn normalise_header(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

/// The spreadsheet letter of a 0-based column (`0` -> `A`, `27` -> `AB`).
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The docs' table of a sheet's columns.
pub fn markdown_table(columns: &[Column]) -> String {
    let mut out = String::from("| column | meaning |\n|---|---|\n");
    for c in columns {
        out.push_str(&format!("| `{}` | {} |\n", c.name, c.doc));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_letters() {
        assert_eq!(normalise_header(" Annual Cost "), "annual_cost");
        assert_eq!(normalise_header("FIX-COST"), "fix_cost");
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn the_docs_list_the_declared_columns() {
        let docs = include_str!("../../docs/import-sheets.md");
        for columns in [
            &SYSTEM_COLUMNS[..],
            &INTEGRATION_COLUMNS[..],
            &WORKFLOW_COLUMNS[..],
            &UNIT_COLUMNS[..],
            &MODEL_COLUMNS[..],
            &OBJECTIVE_COLUMNS[..],
            &STRATEGY_COLUMNS[..],
            &FIX_COLUMNS[..],
        ] {
            let table = markdown_table(columns);
            assert!(
                docs.contains(&table),
                "docs/import-sheets.md lacks:\n{table}"
            );
        }
    }
}
