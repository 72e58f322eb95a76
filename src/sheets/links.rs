//! The integrations sheet and the workflows sheet (one row per handoff), read against the
//! systems already read.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::assemble::is_opaque;
use super::build::{
    is_identifier, name_key, non_negative, number, optional_number, positive, Lookup, Table, Units,
};
use super::escape::split_list;
use super::sections::{serves, source};
use super::{
    AssumeMode, Row, Sheet, SheetProblem, SheetSet, INTEGRATION_COLUMNS, WORKFLOW_COLUMNS,
};
use crate::import::draft::{
    Assumable, DraftHandoff, DraftHandoffDetail, DraftIntegration, DraftSource, DraftWorkflow, Runs,
};
use crate::import::slug::Ids;

/// How many rows a message lists before "and N more".
const LISTED_ROWS: usize = 10;

/// The integrations read, with each one's `source` and why its mode was assumed.
pub(super) struct Integrations {
    pub(super) list: Vec<DraftIntegration>,
    pub(super) sources: Vec<DraftSource>,
    pub(super) mode_assumed: Vec<Option<String>>,
}

/// The workflows read, with each one's `source` and each handoff's details.
pub(super) struct Workflows {
    pub(super) list: Vec<DraftWorkflow>,
    pub(super) sources: Vec<DraftSource>,
    pub(super) handoffs: Vec<Vec<DraftHandoffDetail>>,
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

fn text(table: &Table, cells: &[String], column: &str) -> Option<String> {
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
    let mut ids = Ids::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // An opaque id (a UUID) names no integration a reader knows: FROM->TO does better.
    let given_id = |cells: &[String]| {
        let id = table.cell(cells, "id");
        if replace_opaque && is_opaque(&id) {
            String::new()
        } else {
            id.into_owned()
        }
    };
    for (row, cells) in &sheet.rows {
        let id = given_id(cells);
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
    let mut default_taken: HashMap<(String, String), usize> = HashMap::new();
    let mut renamed = 0;
    let mut without_mode = Vec::new();
    for (row, cells) in &sheet.rows {
        let ends = ends(&table, systems, *row, cells, problems);
        let carried = split_list(table.raw_cell(cells, "carries"));
        let carries = if carried.is_empty() {
            Assumable::assumed(
                vec!["*".to_string()],
                "the sheet names no data; \"*\" carries anything",
            )
        } else {
            Assumable::given(carried)
        };
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
                    without_mode.push(*row);
                    None
                }
            },
            None => {
                problems.push(table.problem(
                    *row,
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
            &table,
            *row,
            cells,
            "",
            &["minutes", "fix_cost", "run_cost"],
            problems,
        );
        let mut minutes = optional_number(
            &table,
            *row,
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
        let fix_cost = optional_number(
            &table,
            *row,
            cells,
            "fix_cost",
            non_negative,
            "a number >= 0",
            problems,
        );
        let run_cost = optional_number(
            &table,
            *row,
            cells,
            "run_cost",
            non_negative,
            "a number >= 0",
            problems,
        );
        let Some((from, to)) = ends else { continue };
        let mut id = Some(given_id(cells)).filter(|id| !id.is_empty());
        if id.is_none() {
            let uses = default_taken.entry((from.clone(), to.clone())).or_default();
            *uses += 1;
            // Two id-less integrations with the same ends would share the id FROM->TO.
            if *uses > 1 {
                id = Some(ids.take(&format!("{from}-{to}"), "integration"));
                renamed += 1;
            }
        }
        read.sources.push(figures);
        read.mode_assumed.push(mode_assumed);
        read.list.push(DraftIntegration {
            id,
            from,
            to,
            carries,
            mode,
            minutes,
            via: text(&table, cells, "via"),
            name: text(&table, cells, "name"),
            fix_cost,
            run_cost,
            note: text(&table, cells, "note"),
        });
    }
    if renamed > 0 {
        notes.push(format!("{renamed} integrations with the same ends as an earlier one were given ids (FROM-TO, FROM-TO-2, ...)"));
    }
    if !without_mode.is_empty() {
        let what = if table.columns.contains_key("mode") {
            format!(
                "no `mode` on row{} {}",
                if without_mode.len() == 1 { "" } else { "s" },
                row_list(&without_mode)
            )
        } else {
            "no `mode` column".to_string()
        };
        problems.push(SheetProblem {
            file: sheet.file.clone(),
            row: None,
            column: None,
            message: format!("{what}: give each interface's mode (automated, semi, manual), or pass --assume-mode manual or --assume-mode automated to assume one (marked `source: imported`)"),
        });
    }
    read
}

/// The first value a workflow's rows give for `column`; a different value later is a problem.
fn agreed<'c>(
    table: &Table,
    rows: &[&'c Row],
    column: &str,
    problems: &mut Vec<SheetProblem>,
) -> Option<(usize, Cow<'c, str>)> {
    let mut first: Option<(usize, Cow<'c, str>)> = None;
    for (row, cells) in rows.iter().map(|r| (r.0, r.1.as_slice())) {
        let value = table.cell(cells, column);
        if value.is_empty() {
            continue;
        }
        match &first {
            None => first = Some((row, value)),
            Some((at, v)) if *v != value => problems.push(table.problem(
                row,
                column,
                format!("`{value}` differs from `{v}` on row {at} for the same workflow"),
            )),
            Some(_) => {}
        }
    }
    first
}

/// The workflows sheet: rows grouped by workflow in order of first appearance.
pub(super) fn workflows(
    sheet: &Sheet,
    systems: &Lookup,
    units: &mut Units,
    objectives: &HashSet<String>,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
) -> Workflows {
    let required = ["workflow", "from", "to", "data"];
    let table = Table::new(sheet, &WORKFLOW_COLUMNS, &required, problems, ignored);
    let mut read = Workflows {
        list: Vec::new(),
        sources: Vec::new(),
        handoffs: Vec::new(),
    };
    if required.iter().any(|c| !table.columns.contains_key(c)) {
        return read;
    }
    let mut groups: Vec<(String, Vec<&Row>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for entry in &sheet.rows {
        let (row, cells) = entry;
        let name = table.cell(cells, "workflow");
        let name: &str = &name;
        if name.is_empty() {
            problems.push(table.problem(
                *row,
                "workflow",
                "`workflow` is empty: name the workflow this handoff belongs to",
            ));
            continue;
        }
        let g = *group_of.entry(name_key(name)).or_insert_with(|| {
            groups.push((name.to_string(), Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(entry);
    }
    let mut ids = Ids::default();
    for (name, _) in &groups {
        if is_identifier(name) {
            ids.reserve(name);
        }
    }
    for (name, rows) in groups {
        let first_row = rows[0].0;
        let id = if is_identifier(&name) {
            name.clone()
        } else {
            ids.take(&name, "workflow")
        };
        let display =
            agreed(&table, &rows, "name", problems).map_or(name.clone(), |(_, n)| n.to_string());
        let owner = agreed(&table, &rows, "owner", problems).map(|(_, o)| o.to_string());
        let unit = agreed(&table, &rows, "unit", problems).and_then(|(row, text)| {
            units
                .resolve(&text)
                .map_err(|e| problems.push(table.problem(row, "unit", e)))
                .ok()
        });
        let count = match agreed(&table, &rows, "runs", problems) {
            None => {
                problems.push(table.problem(
                    first_row,
                    "runs",
                    format!("workflow `{name}` has no `runs` on any of its rows"),
                ));
                None
            }
            Some((row, text)) => match number(&text) {
                Ok(x) if x > 0.0 => Some(x),
                Ok(x) => {
                    problems.push(table.problem(
                        row,
                        "runs",
                        format!("{x} is out of range: expected a number > 0"),
                    ));
                    None
                }
                Err(e) => {
                    problems.push(table.problem(row, "runs", e));
                    None
                }
            },
        };
        let served = agreed(&table, &rows, "serves", problems)
            .map(|(row, text)| serves(&table, row, &text, objectives, problems))
            .unwrap_or_default();
        let workflow_source = agreed(&table, &rows, "source", problems).map(|(row, _)| {
            let cells: &[String] = rows.iter().find(|r| r.0 == row).map_or(&[], |r| &r.1);
            source(&table, row, cells, "", &["runs"], problems).figures
        });
        let evidence = agreed(&table, &rows, "evidence", problems).map(|(_, e)| e.to_string());
        let per = match agreed(&table, &rows, "per", problems) {
            None => {
                problems.push(table.problem(first_row, "per", format!("workflow `{name}` has no `per` (day, week, month, quarter, year) on any of its rows")));
                None
            }
            Some((row, text)) => table.period(&text).or_else(|| {
                problems.push(table.problem(
                    row,
                    "per",
                    format!("unknown period `{text}`; expected day, week, month, quarter or year"),
                ));
                None
            }),
        };
        let ordered = ordered_steps(&table, rows, problems);
        let mut handoffs = Vec::new();
        let mut details = Vec::new();
        for (row, cells) in ordered.iter().map(|r| (r.0, r.1.as_slice())) {
            let ends = ends(&table, systems, row, cells, problems);
            let data = table.cell(cells, "data");
            let data: &str = &data;
            if data.is_empty() || data == "*" {
                problems.push(table.problem(
                    row,
                    "data",
                    "name the data object that must move (not empty, not `*`)",
                ));
            }
            let minutes = optional_number(
                &table,
                row,
                cells,
                "minutes",
                non_negative,
                "a number >= 0",
                problems,
            );
            let by_text = table.cell(cells, "by");
            let by = if by_text.is_empty() {
                None
            } else {
                units
                    .resolve(&by_text)
                    .map_err(|e| problems.push(table.problem(row, "by", e)))
                    .ok()
            };
            let detail = DraftHandoffDetail {
                runs: handoff_runs(&table, row, cells, problems),
                source: source(
                    &table,
                    row,
                    cells,
                    "handoff_",
                    &["minutes", "runs"],
                    problems,
                ),
            };
            if let Some((from, to)) = ends {
                details.push(detail);
                handoffs.push(DraftHandoff {
                    from,
                    to,
                    data: Assumable::given(data.to_string()),
                    note: text(&table, cells, "note"),
                    minutes,
                    by,
                });
            }
        }
        if let (Some(count), Some(per)) = (count, per) {
            read.sources.push(DraftSource {
                figures: workflow_source.unwrap_or_default(),
                evidence,
            });
            read.handoffs.push(details);
            read.list.push(DraftWorkflow {
                id,
                name: display,
                owner,
                runs: Assumable::given(Runs {
                    count,
                    per: per.as_str(),
                }),
                serves: Assumable::given(served),
                handoffs,
                unit,
            });
        }
    }
    read
}

/// A handoff's own `handoff_runs` per `handoff_per`: both or neither.
fn handoff_runs(
    table: &Table,
    row: usize,
    cells: &[String],
    problems: &mut Vec<SheetProblem>,
) -> Option<Runs> {
    let count = optional_number(
        table,
        row,
        cells,
        "handoff_runs",
        positive,
        "a number > 0",
        problems,
    );
    let per_text = table.cell(cells, "handoff_per");
    let per = if per_text.is_empty() {
        None
    } else {
        let found = table.period(&per_text);
        if found.is_none() {
            problems.push(table.problem(
                row,
                "handoff_per",
                format!("unknown period `{per_text}`; expected day, week, month, quarter or year"),
            ));
        }
        found
    };
    match (count, per) {
        (Some(count), Some(per)) => Some(Runs {
            count,
            per: per.as_str(),
        }),
        (None, None) => None,
        (Some(_), None) if per_text.is_empty() => {
            problems.push(table.problem(
                row,
                "handoff_per",
                "`handoff_runs` needs a `handoff_per`",
            ));
            None
        }
        (None, Some(_)) if table.cell(cells, "handoff_runs").is_empty() => {
            problems.push(table.problem(
                row,
                "handoff_runs",
                "`handoff_per` needs a `handoff_runs`",
            ));
            None
        }
        _ => None,
    }
}

/// The rows of one workflow in `step` order when the column gives steps, else as written.
fn ordered_steps<'c>(
    table: &Table,
    rows: Vec<&'c Row>,
    problems: &mut Vec<SheetProblem>,
) -> Vec<&'c Row> {
    let given = rows
        .iter()
        .filter(|r| !table.cell(&r.1, "step").is_empty())
        .count();
    if given == 0 {
        return rows;
    }
    let mut keyed = Vec::new();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for r in &rows {
        let text = table.cell(&r.1, "step");
        let text: &str = &text;
        let step = match number(text) {
            Ok(x) if x >= 1.0 && x.fract() == 0.0 && x < 1e9 => x as u64,
            _ if text.is_empty() => {
                problems.push(table.problem(
                    r.0,
                    "step",
                    "other rows of this workflow give a step: give one here too",
                ));
                continue;
            }
            _ => {
                problems.push(table.problem(
                    r.0,
                    "step",
                    format!("`{text}` is not a step number (1, 2, 3, ...)"),
                ));
                continue;
            }
        };
        if let Some(first) = seen.insert(step, r.0) {
            problems.push(table.problem(
                r.0,
                "step",
                format!("step {step} is already on row {first}"),
            ));
        }
        keyed.push((step, *r));
    }
    keyed.sort_by_key(|(step, _)| *step);
    keyed.into_iter().map(|(_, r)| r).collect()
}
