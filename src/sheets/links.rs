//! The integrations sheet, read against the systems already read; what the workflows
//! sheet shares with it (a row's two ends).

use std::collections::HashMap;

use super::assemble::is_opaque;
use super::build::{is_identifier, non_negative, optional_number, positive, Lookup, Table};
use super::escape::split_list;
use super::sections::source;
use super::{AssumeMode, SheetProblem, SheetSet, INTEGRATION_COLUMNS};
use crate::import::draft::{Assumable, DraftIntegration, DraftSource};
use crate::import::slug::Ids;

/// How many rows a message lists before "and N more".
const LISTED_ROWS: usize = 10;

/// The integrations read, with each one's `source` and why its mode was assumed.
pub(super) struct Integrations {
    pub(super) list: Vec<DraftIntegration>,
    pub(super) sources: Vec<DraftSource>,
    pub(super) mode_assumed: Vec<Option<String>>,
}

/// An integration's mode and human minutes, with where they come from.
struct Hop {
    mode: Option<&'static str>,
    /// Why the mode was assumed, when it was.
    mode_assumed: Option<String>,
    minutes: Option<f64>,
    figures: DraftSource,
}

/// A row's mode (given, mapped, or assumed by `--assume-mode`; a row without one and no
/// assumption joins `without_mode`), minutes and `source`.
fn hop(
    table: &Table,
    row: usize,
    cells: &[String],
    assume_mode: Option<(AssumeMode, f64)>,
    without_mode: &mut Vec<usize>,
    problems: &mut Vec<SheetProblem>,
) -> Hop {
    let mode_text = table.cell(cells, "mode");
    let mut mode_assumed = None;
    let mode = match table.value("mode", &mode_text) {
        Some(m) => Some(m),
        None if mode_text.is_empty() => match assume_mode.map(|(m, _)| m) {
            Some(assumed) => {
                mode_assumed = Some(format!(
                    "the sheet gives no mode; --assume-mode {}",
                    assumed.as_str()
                ));
                Some(assumed.as_str())
            }
            None => {
                without_mode.push(row);
                None
            }
        },
        None => {
            problems.push(table.problem(
                row,
                "mode",
                format!(
                    "unknown mode `{mode_text}`; expected automated, semi or manual{}",
                    table.mapped_hint("mode")
                ),
            ));
            None
        }
    };
    let mut figures = source(
        table,
        row,
        cells,
        "",
        &["minutes", "fix_cost", "run_cost"],
        problems,
    );
    let mut minutes = optional_number(
        table,
        row,
        cells,
        "minutes",
        positive,
        "a number > 0",
        problems,
    );
    if mode_assumed.is_some() {
        // The hop's minutes rest on the importer's assumption, and say so: an assumed
        // manual hop without minutes takes `defaults.manual_minutes` as its own.
        figures.set("minutes", "imported");
        if mode == Some("manual") && minutes.is_none() {
            minutes = assume_mode.map(|(_, m)| m);
        }
    }
    Hop {
        mode,
        mode_assumed,
        minutes,
        figures,
    }
}

/// `2, 3, 5` or `2, 3, ..., 11 and 40 more`.
pub(super) fn row_list(rows: &[usize]) -> String {
    let shown: Vec<String> = rows
        .iter()
        .take(LISTED_ROWS)
        .map(ToString::to_string)
        .collect();
    let more = rows.len().saturating_sub(LISTED_ROWS);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// The system a cell names, or a problem at that cell.
fn system(
    table: &Table,
    systems: &Lookup,
    row: usize,
    cells: &[String],
    column: &str,
    problems: &mut Vec<SheetProblem>,
) -> Option<String> {
    let text = table.cell(cells, column);
    let text: &str = &text;
    if text.is_empty() {
        problems.push(table.problem(row, column, format!("`{column}` is empty: name a system")));
        return None;
    }
    match systems.find(text, "system") {
        Ok(i) => Some(systems.id(i).to_string()),
        Err(e) => {
            problems.push(table.problem(row, column, e));
            None
        }
    }
}

/// Both ends of a row, different.
pub(super) fn ends(
    table: &Table,
    systems: &Lookup,
    row: usize,
    cells: &[String],
    problems: &mut Vec<SheetProblem>,
) -> Option<(String, String)> {
    let from = system(table, systems, row, cells, "from", problems);
    let to = system(table, systems, row, cells, "to", problems);
    let (from, to) = (from?, to?);
    if from == to {
        problems.push(table.problem(row, "to", format!("`from` and `to` are both `{from}`")));
        return None;
    }
    Some((from, to))
}

pub(super) fn text(table: &Table, cells: &[String], column: &str) -> Option<String> {
    Some(table.cell(cells, column).to_string()).filter(|s| !s.is_empty())
}

/// The integrations sheet.
pub(super) fn integrations(
    set: &SheetSet,
    systems: &Lookup,
    assume_mode: Option<(AssumeMode, f64)>,
    replace_opaque: bool,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
    notes: &mut Vec<String>,
) -> Integrations {
    let sheet = &set.integrations;
    let table = Table::new(
        sheet,
        &INTEGRATION_COLUMNS,
        &["from", "to"],
        problems,
        ignored,
    );
    let mut read = Integrations {
        list: Vec::new(),
        sources: Vec::new(),
        mode_assumed: Vec::new(),
    };
    if !(table.columns.contains_key("from") && table.columns.contains_key("to")) {
        return read;
    }
    let mut ids = reserved_ids(&table, replace_opaque, problems);
    let mut default_taken: HashMap<(String, String), usize> = HashMap::new();
    let mut renamed = 0;
    let mut without_mode = Vec::new();
    for (row, cells) in &sheet.rows {
        let Some((mut integration, figures, mode_assumed)) = integration(
            &table,
            systems,
            *row,
            cells,
            assume_mode,
            &mut without_mode,
            problems,
        ) else {
            continue;
        };
        integration.id = Some(given_id(&table, cells, replace_opaque)).filter(|id| !id.is_empty());
        if integration.id.is_none() {
            let (from, to) = (&integration.from, &integration.to);
            let uses = default_taken.entry((from.clone(), to.clone())).or_default();
            *uses += 1;
            // Two id-less integrations with the same ends would share the id FROM->TO.
            if *uses > 1 {
                integration.id = Some(ids.take(&format!("{from}-{to}"), "integration"));
                renamed += 1;
            }
        }
        read.sources.push(figures);
        read.mode_assumed.push(mode_assumed);
        read.list.push(integration);
    }
    if renamed > 0 {
        notes.push(format!("{renamed} integrations with the same ends as an earlier one were given ids (FROM-TO, FROM-TO-2, ...)"));
    }
    if !without_mode.is_empty() {
        problems.push(modes_missing(&table, &without_mode));
    }
    read
}

/// A row's `id`, empty when it has none; an opaque id (a UUID) names no integration a
/// reader knows, so with `replace_opaque` it counts as none and FROM->TO does better.
fn given_id(table: &Table, cells: &[String], replace_opaque: bool) -> String {
    let id = table.cell(cells, "id");
    if replace_opaque && is_opaque(&id) {
        String::new()
    } else {
        id.into_owned()
    }
}

/// The ids the sheet gives, reserved before any is made up; a bad or repeated id is a problem.
fn reserved_ids(table: &Table, replace_opaque: bool, problems: &mut Vec<SheetProblem>) -> Ids {
    let mut ids = Ids::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, cells) in &table.sheet.rows {
        let id = given_id(table, cells, replace_opaque);
        let id: &str = &id;
        if id.is_empty() {
            continue;
        }
        if !is_identifier(id) {
            problems.push(table.problem(*row, "id", format!("`{id}` is not an identifier")));
        } else if let Some(first) = seen.insert(id.to_string(), *row) {
            problems.push(table.problem(
                *row,
                "id",
                format!("integration `{id}` is already on row {first}"),
            ));
        } else {
            ids.reserve(id);
        }
    }
    ids
}

/// One integration row without its id, with its `source` and why its mode was assumed;
/// every cell is checked, and the integration is kept when both ends resolve.
fn integration(
    table: &Table,
    systems: &Lookup,
    row: usize,
    cells: &[String],
    assume_mode: Option<(AssumeMode, f64)>,
    without_mode: &mut Vec<usize>,
    problems: &mut Vec<SheetProblem>,
) -> Option<(DraftIntegration, DraftSource, Option<String>)> {
    let ends = ends(table, systems, row, cells, problems);
    let carried = split_list(table.raw_cell(cells, "carries"));
    let carries = if carried.is_empty() {
        Assumable::assumed(
            vec!["*".to_string()],
            "the sheet names no data; \"*\" carries anything",
        )
    } else {
        Assumable::given(carried)
    };
    let Hop {
        mode,
        mode_assumed,
        minutes,
        figures,
    } = hop(table, row, cells, assume_mode, without_mode, problems);
    let fix_cost = optional_number(
        table,
        row,
        cells,
        "fix_cost",
        non_negative,
        "a number >= 0",
        problems,
    );
    let run_cost = optional_number(
        table,
        row,
        cells,
        "run_cost",
        non_negative,
        "a number >= 0",
        problems,
    );
    let (from, to) = ends?;
    let integration = DraftIntegration {
        id: None,
        from,
        to,
        carries,
        mode,
        minutes,
        via: text(table, cells, "via"),
        name: text(table, cells, "name"),
        fix_cost,
        run_cost,
        note: text(table, cells, "note"),
    };
    Some((integration, figures, mode_assumed))
}

/// The one problem for every row without a mode (or for a sheet without the column).
fn modes_missing(table: &Table, without_mode: &[usize]) -> SheetProblem {
    let what = if table.columns.contains_key("mode") {
        format!(
            "no `mode` on row{} {}",
            if without_mode.len() == 1 { "" } else { "s" },
            row_list(without_mode)
        )
    } else {
        "no `mode` column".to_string()
    };
    SheetProblem {
        file: table.sheet.file.clone(),
        row: None,
        column: None,
        message: format!("{what}: give each interface's mode (automated, semi, manual), or pass --assume-mode manual or --assume-mode automated to assume one (marked `source: imported`)"),
    }
}
