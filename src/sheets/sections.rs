//! The sheets that carry the rest of a model, so that `export sheets` then `import sheets
//! --dir` gives the model back: the model's own fields (`model.csv`), objectives,
//! strategies and catalogued fixes; and the cells that hold a `source` map or a
//! workflow's `serves`.

use std::collections::{HashMap, HashSet};

use super::build::{is_identifier, non_negative, number, optional_number, Lookup, Table};
use super::escape::split_list;
use super::{Sheet, SheetProblem, FIX_COLUMNS, MODEL_COLUMNS, OBJECTIVE_COLUMNS, STRATEGY_COLUMNS};
use crate::import::draft::{Assumable, DraftFix, DraftSource, Weights};

/// The `defaults` fields, in the order `export sheets` writes them.
pub const DEFAULT_KEYS: [&str; 9] = [
    "hourly_cost",
    "manual_minutes",
    "semi_minutes",
    "missing_minutes",
    "integration_cost",
    "fte_hours",
    "run_cost",
    "horizon_years",
    "discount_rate",
];

/// What the model sheet gives.
#[derive(Default)]
pub(super) struct ModelFields {
    pub(super) name: Option<String>,
    pub(super) currency: Option<String>,
    pub(super) strategy: Option<String>,
    pub(super) defaults: Vec<(&'static str, f64)>,
}

/// The model sheet: `key`, `value` rows.
pub(super) fn model_fields(
    sheet: &Sheet,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
) -> ModelFields {
    let table = Table::new(sheet, &MODEL_COLUMNS, &["key", "value"], problems, ignored);
    let mut out = ModelFields::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, cells) in &sheet.rows {
        let key = table.cell(cells, "key").to_lowercase();
        let value = table.cell(cells, "value").to_string();
        if let Some(first) = seen.insert(key.clone(), *row) {
            problems.push(table.problem(*row, "key", format!("`{key}` is already on row {first}")));
            continue;
        }
        match key.as_str() {
            "name" => out.name = Some(value),
            "currency" => out.currency = Some(value),
            "strategy" => out.strategy = Some(value).filter(|s| !s.is_empty()),
            _ => match DEFAULT_KEYS.iter().find(|k| **k == key) {
                Some(k) => match number(&value) {
                    Ok(x) => out.defaults.push((k, x)),
                    Err(e) => problems.push(table.problem(*row, "value", e)),
                },
                None => problems.push(table.problem(
                    *row,
                    "key",
                    format!(
                        "unknown key `{key}`; expected name, currency, strategy or one of {}",
                        DEFAULT_KEYS.join(", ")
                    ),
                )),
            },
        }
    }
    out
}

/// The objectives sheet: (id, name) and each description.
pub(super) fn objectives(
    sheet: &Sheet,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
) -> (Vec<(String, String)>, Vec<Option<String>>) {
    let table = Table::new(sheet, &OBJECTIVE_COLUMNS, &["id"], problems, ignored);
    let mut list = Vec::new();
    let mut descriptions = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, cells) in &sheet.rows {
        let id = table.cell(cells, "id").to_string();
        if !is_identifier(&id) {
            problems.push(table.problem(*row, "id", format!("`{id}` is not an identifier")));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), *row) {
            problems.push(table.problem(
                *row,
                "id",
                format!("objective `{id}` is already on row {first}"),
            ));
            continue;
        }
        let name = table.cell(cells, "name").to_string();
        list.push((id.clone(), if name.is_empty() { id } else { name }));
        descriptions.push(text(&table, cells, "description"));
    }
    (list, descriptions)
}

fn text(table: &Table, cells: &[String], column: &str) -> Option<String> {
    Some(table.cell(cells, column).to_string()).filter(|s| !s.is_empty())
}

/// Strategies as a draft takes them (id, name, weights), and each description.
type Strategies = (Vec<(String, String, Weights)>, Vec<Option<String>>);

/// A strategy being read.
type StrategyRows = (String, Option<String>, Option<String>, Vec<(String, f64)>);

/// The strategies sheet, one row per weight: (id, name, weights) and each description.
pub(super) fn strategies(
    sheet: &Sheet,
    objectives: &HashSet<String>,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
) -> Strategies {
    let required = ["strategy", "objective", "weight"];
    let table = Table::new(sheet, &STRATEGY_COLUMNS, &required, problems, ignored);
    let mut groups: Vec<StrategyRows> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (row, cells) in &sheet.rows {
        let id = table.cell(cells, "strategy").to_string();
        if !is_identifier(&id) {
            problems.push(table.problem(*row, "strategy", format!("`{id}` is not an identifier")));
            continue;
        }
        let g = *index.entry(id.clone()).or_insert_with(|| {
            groups.push((id.clone(), None, None, Vec::new()));
            groups.len() - 1
        });
        for (column, slot) in [("name", 1), ("description", 2)] {
            let Some(value) = text(&table, cells, column) else {
                continue;
            };
            let held = if slot == 1 {
                &mut groups[g].1
            } else {
                &mut groups[g].2
            };
            match held {
                Some(v) if *v != value => problems.push(table.problem(
                    *row,
                    column,
                    format!("`{value}` differs from `{v}` for the same strategy"),
                )),
                _ => *held = Some(value),
            }
        }
        let objective = table.cell(cells, "objective").to_string();
        if !objectives.contains(&objective) {
            problems.push(table.problem(
                *row,
                "objective",
                format!("unknown objective `{objective}` (the objectives sheet lists them)"),
            ));
        }
        let weight = optional_number(
            &table,
            *row,
            cells,
            "weight",
            non_negative,
            "a number >= 0",
            problems,
        );
        match weight {
            Some(w) => groups[g].3.push((objective, w)),
            None if table.cell(cells, "weight").is_empty() => {
                problems.push(table.problem(*row, "weight", "give the objective's weight"));
            }
            None => {}
        }
    }
    let descriptions = groups.iter().map(|g| g.2.clone()).collect();
    let list = groups
        .into_iter()
        .map(|(id, name, _, weights)| {
            let name = name.unwrap_or_else(|| id.clone());
            (id, name, Assumable::given(weights))
        })
        .collect();
    (list, descriptions)
}

/// The catalogued fixes sheet.
pub(super) fn fixes(
    sheet: &Sheet,
    systems: &Lookup,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
) -> Vec<DraftFix> {
    let required = ["from", "to", "cost"];
    let table = Table::new(sheet, &FIX_COLUMNS, &required, problems, ignored);
    let mut out = Vec::new();
    for (row, cells) in &sheet.rows {
        let ends = super::links::ends(&table, systems, *row, cells, problems);
        let cost = optional_number(
            &table,
            *row,
            cells,
            "cost",
            non_negative,
            "a number >= 0",
            problems,
        );
        if cost.is_none() && table.cell(cells, "cost").is_empty() {
            problems.push(table.problem(*row, "cost", "give the fix's cost"));
        }
        let run_cost = optional_number(
            &table,
            *row,
            cells,
            "run_cost",
            non_negative,
            "a number >= 0",
            problems,
        );
        let carried = split_list(table.raw_cell(cells, "carries"));
        let source = source(&table, *row, cells, "", &["cost", "run_cost"], problems);
        let id = text(&table, cells, "id");
        if let Some(id) = id.as_deref().filter(|id| !is_identifier(id)) {
            problems.push(table.problem(*row, "id", format!("`{id}` is not an identifier")));
        }
        let (Some((from, to)), Some(cost)) = (ends, cost) else {
            continue;
        };
        out.push(DraftFix {
            id,
            from,
            to,
            cost,
            carries: (!carried.is_empty()).then_some(carried),
            run_cost,
            source,
            name: text(&table, cells, "name"),
            note: text(&table, cells, "note"),
        });
    }
    out
}

/// A `source` cell (`minutes: measured; runs: imported`) and its evidence, the columns
/// named `{prefix}source` and `{prefix}evidence`; `figures` are the ones the entry has.
pub(super) fn source(
    table: &Table,
    row: usize,
    cells: &[String],
    prefix: &str,
    figures: &[&'static str],
    problems: &mut Vec<SheetProblem>,
) -> DraftSource {
    let column = format!("{prefix}source");
    let mut out = DraftSource {
        figures: Vec::new(),
        evidence: text(table, cells, &format!("{prefix}evidence")),
    };
    for item in split_list(table.raw_cell(cells, &column)) {
        let (figure, value) = item.split_once(':').unwrap_or((&item, ""));
        let (figure, value) = (figure.trim(), value.trim().to_lowercase());
        let Some(figure) = figures.iter().find(|f| **f == figure) else {
            problems.push(table.problem(
                row,
                &column,
                format!(
                    "`{figure}` has no source here; expected {}",
                    figures.join(", ")
                ),
            ));
            continue;
        };
        match ["stated", "imported", "measured"]
            .into_iter()
            .find(|s| *s == value)
        {
            Some(s) => out.set(figure, s),
            None => problems.push(table.problem(
                row,
                &column,
                format!("`{figure}: {value}`: a source is stated, imported or measured"),
            )),
        }
    }
    out
}

/// A `serves` cell: `objective: share; ...`.
pub(super) fn serves(
    table: &Table,
    row: usize,
    text: &str,
    objectives: &HashSet<String>,
    problems: &mut Vec<SheetProblem>,
) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    for item in split_list(text) {
        let Some((objective, share)) = item.rsplit_once(':') else {
            problems.push(table.problem(
                row,
                "serves",
                format!("`{item}`: write `objective: share`"),
            ));
            continue;
        };
        let objective = objective.trim().to_string();
        if !objectives.contains(&objective) {
            problems.push(table.problem(
                row,
                "serves",
                format!("unknown objective `{objective}` (the objectives sheet lists them)"),
            ));
        }
        match number(share.trim()) {
            Ok(x) if (0.0..=1.0).contains(&x) => out.push((objective, x)),
            Ok(x) => problems.push(table.problem(
                row,
                "serves",
                format!("{x} is out of range: a share is from 0 to 1"),
            )),
            Err(e) => problems.push(table.problem(row, "serves", e)),
        }
    }
    out
}
