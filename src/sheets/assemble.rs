//! Sheets -> model: the sheets read in order (the model's own fields, objectives,
//! strategies, units, systems, integrations, workflows, fixes), every problem collected,
//! and a model made only when there are none; the model is then loaded as a last check,
//! so what is written always validates.

use std::collections::{HashMap, HashSet};

use super::build::{
    entry_id, name_key, non_negative, optional_number, reserve_ids, Lookup, Table, Units,
};
use super::sections::{self, ModelFields, DEFAULT_KEYS};
use super::{ImportOptions, SheetProblem, SheetSet, SYSTEM_COLUMNS, UNIT_COLUMNS};
use crate::import::draft::{Assumable, Draft, DraftDetail, DraftSystem, DraftUnit, Weights};
use crate::import::slug::Ids;
use crate::import::{ImportSummary, Imported, DEFAULTS};
use crate::model::schema::{CRITICALITIES, LIFECYCLES};
use crate::model::SystemKind;

/// Builds the model from the sheets: every problem at once, or the model.
pub fn import(set: &SheetSet, options: &ImportOptions) -> Result<Imported, Vec<SheetProblem>> {
    let mut problems = Vec::new();
    let mut ignored = Vec::new();
    let mut notes = Vec::new();
    let fields = match &set.model {
        Some(sheet) => sections::model_fields(sheet, &mut problems, &mut ignored),
        None => ModelFields::default(),
    };
    let goals = read_goals(set, &mut problems, &mut ignored);
    let mut units = read_units(set, &mut problems, &mut ignored);
    // Opaque ids (UUIDs) are replaced by ids made from names, except in gapgraph's own
    // sheets (they have a model sheet), whose ids are the model's.
    let (systems, draft_systems) = read_systems(
        set,
        &mut units,
        set.model.is_none(),
        &mut problems,
        &mut ignored,
        &mut notes,
    );
    let integrations = super::links::integrations(
        set,
        &systems,
        options.assume_mode.map(|m| (m, manual_minutes(&fields))),
        set.model.is_none(),
        &mut problems,
        &mut ignored,
        &mut notes,
    );
    let workflows = set.workflows.as_ref().map(|sheet| {
        super::steps::workflows(
            sheet,
            &systems,
            &mut units,
            &goals.objective_ids,
            set.model.is_some(),
            &mut problems,
            &mut ignored,
        )
    });
    let fixes = set.fixes.as_ref().map_or_else(Vec::new, |sheet| {
        sections::fixes(sheet, &systems, &mut problems, &mut ignored)
    });

    if !problems.is_empty() {
        return Err(problems);
    }
    let assumed_modes = integrations.mode_assumed.iter().flatten().count();
    add_notes(
        &mut notes,
        &ignored,
        &units,
        goals.strategies.is_empty(),
        assumed_modes,
    );
    let header = header(set, goals.strategies.is_empty());
    let (workflow_list, workflow_sources, handoffs) = match workflows {
        Some(w) => (w.list, w.sources, w.handoffs),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let draft = Draft {
        header,
        name: fields.name,
        defaults: defaults(&fields.defaults, set.model.is_some()),
        objectives: goals.objectives,
        strategies: goals.strategies,
        units: units.list,
        systems: draft_systems,
        integrations: integrations.list,
        workflows: workflow_list,
        detail: DraftDetail {
            currency: fields.currency,
            strategy: fields.strategy,
            objective_descriptions: goals.objective_descriptions,
            strategy_descriptions: goals.strategy_descriptions,
            integration_sources: integrations.sources,
            mode_assumed: integrations.mode_assumed,
            workflow_sources,
            handoffs,
            fixes,
        },
        extra: crate::import::draft::Extras::default(),
    };
    finish(draft, options.json, notes)
}

/// The objectives and strategies sheets: what workflows serve, and how each strategy weighs it.
struct Goals {
    objectives: Vec<(String, String)>,
    objective_descriptions: Vec<Option<String>>,
    objective_ids: HashSet<String>,
    strategies: Vec<(String, String, Weights)>,
    strategy_descriptions: Vec<Option<String>>,
}

/// The objectives sheet, then the strategies sheet read against it; either may be absent.
fn read_goals(
    set: &SheetSet,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
) -> Goals {
    let (objectives, objective_descriptions) = match &set.objectives {
        Some(sheet) => sections::objectives(sheet, problems, ignored),
        None => (Vec::new(), Vec::new()),
    };
    let objective_ids: HashSet<String> = objectives.iter().map(|(id, _)| id.clone()).collect();
    let (strategies, strategy_descriptions) = match &set.strategies {
        Some(sheet) => sections::strategies(sheet, &objective_ids, problems, ignored),
        None => (Vec::new(), Vec::new()),
    };
    Goals {
        objectives,
        objective_descriptions,
        objective_ids,
        strategies,
        strategy_descriptions,
    }
}

/// What the summary adds: columns ignored, units made, no strategies, modes assumed.
fn add_notes(
    notes: &mut Vec<String>,
    ignored: &[String],
    units: &Units,
    no_strategies: bool,
    assumed_modes: usize,
) {
    if !ignored.is_empty() {
        notes.push(format!("columns ignored: {}", ignored.join(", ")));
    }
    if !units.declared && !units.list.is_empty() {
        notes.push(format!("{} units made from the names in `unit` columns (give a units sheet for their owner and hourly cost)", units.list.len()));
    }
    if no_strategies {
        notes.push("the sheets give no strategies: every workflow counts in full until you add them (a strategies sheet, or the model file)".into());
    }
    if assumed_modes > 0 {
        notes.push(format!(
            "{assumed_modes} interface modes assumed (--assume-mode), marked `source: imported`"
        ));
    }
}

/// The comment lines at the top of the model: the files read, and what to check.
fn header(set: &SheetSet, no_strategies: bool) -> Vec<String> {
    let mut files = vec![set.systems.file.as_str(), set.integrations.file.as_str()];
    files.extend(
        [
            &set.workflows,
            &set.units,
            &set.model,
            &set.objectives,
            &set.strategies,
            &set.fixes,
        ]
        .into_iter()
        .flatten()
        .map(|s| s.file.as_str()),
    );
    let mut header = vec![format!(
        "Imported by gapgraph from inventory sheets: {}.",
        files.join(", ")
    )];
    if set.model.is_none() {
        header.push(
            "Values marked `# assumed:` are defaults the sheets do not give: check them.".into(),
        );
    }
    if no_strategies {
        header.push(
            "The sheets give no objectives or strategies: add them here (docs/model.md).".into(),
        );
    }
    header
}

/// The minutes of a manual hop: the model sheet's `manual_minutes`, else the importers'.
fn manual_minutes(fields: &ModelFields) -> f64 {
    let key = "manual_minutes";
    let given = fields
        .defaults
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| *v);
    given
        .or_else(|| {
            DEFAULTS
                .iter()
                .find(|(k, _, _)| *k == key)
                .map(|(_, v, _)| *v)
        })
        .unwrap_or(10.0)
}

/// The defaults: those the model sheet gives; without a model sheet, the importers'
/// assumed ones.
fn defaults(
    given: &[(&'static str, f64)],
    own_sheets: bool,
) -> Vec<(&'static str, Assumable<f64>)> {
    if own_sheets {
        return DEFAULT_KEYS
            .iter()
            .filter_map(|k| given.iter().find(|(g, _)| g == k))
            .map(|(k, v)| (*k, Assumable::given(*v)))
            .collect();
    }
    DEFAULTS
        .iter()
        .map(|(k, v, why)| (*k, Assumable::assumed(*v, *why)))
        .collect()
}

fn read_units(
    set: &SheetSet,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
) -> Units {
    let mut units = Units {
        declared: set.units.is_some(),
        lookup: Lookup::default(),
        ids: Ids::default(),
        list: Vec::new(),
    };
    let Some(sheet) = &set.units else {
        return units;
    };
    let table = Table::new(sheet, &UNIT_COLUMNS, &[], problems, ignored);
    reserve_ids(&table, &mut units.ids, "unit", problems);
    for (row, cells) in &sheet.rows {
        let Some((id, name)) = entry_id(&table, *row, cells, &mut units.ids, "unit", problems)
        else {
            continue;
        };
        let hourly_cost = optional_number(
            &table,
            *row,
            cells,
            "hourly_cost",
            non_negative,
            "a number >= 0",
            problems,
        );
        units.lookup.add(&id, &name);
        units.list.push(DraftUnit {
            id,
            name,
            owner: Some(table.cell(cells, "owner").to_string()).filter(|s| !s.is_empty()),
            hourly_cost,
        });
    }
    units
}

/// Whether an id is opaque: a UUID (`3fa85f64-5717-4562-b3fc-2c963f66afa6`, LeanIX) or
/// 32 hex digits (a ServiceNow `sys_id`).
pub(super) fn is_opaque(id: &str) -> bool {
    let hex = |s: &str| s.chars().all(|c| c.is_ascii_hexdigit());
    let parts: Vec<&str> = id.split('-').collect();
    let uuid = parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12]) && parts.iter().all(|p| hex(p));
    uuid || (id.len() == 32 && hex(id))
}

fn read_systems(
    set: &SheetSet,
    units: &mut Units,
    replace_opaque: bool,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
    notes: &mut Vec<String>,
) -> (Lookup, Vec<DraftSystem>) {
    let mut systems = Lookup::default();
    let mut draft_systems = Vec::new();
    let table = Table::new(&set.systems, &SYSTEM_COLUMNS, &[], problems, ignored);
    if !table.columns.contains_key("id") && !table.columns.contains_key("name") {
        problems.push(SheetProblem {
            file: set.systems.file.clone(),
            row: None,
            column: None,
            message: "no `id` or `name` column".into(),
        });
    }
    let mut names: HashMap<String, usize> = HashMap::new();
    for (_, cells) in &set.systems.rows {
        *names
            .entry(name_key(&table.cell(cells, "name")))
            .or_default() += 1;
    }
    let mut system_ids = Ids::default();
    reserve_ids(&table, &mut system_ids, "system", problems);
    let mut replaced = 0;
    for (row, cells) in &set.systems.rows {
        let given = table.cell(cells, "id").to_string();
        let name = table.cell(cells, "name").to_string();
        let opaque = replace_opaque
            && is_opaque(&given)
            && names.get(&name_key(&name)) == Some(&1)
            && !name.is_empty();
        let entry = if opaque {
            replaced += 1;
            Some((system_ids.take(&name, "system"), name))
        } else {
            entry_id(&table, *row, cells, &mut system_ids, "system", problems)
        };
        let Some((id, name)) = entry else {
            continue;
        };
        let system = read_system(&table, *row, cells, units, problems);
        let index = systems.add(&id, &name);
        if opaque {
            systems.alias(&given, index);
        }
        draft_systems.push(DraftSystem { id, name, ..system });
    }
    if replaced > 0 {
        notes.push(format!("{replaced} opaque system ids (UUIDs) replaced by ids made from the names; the sheets may still refer to them by the old id"));
    }
    (systems, draft_systems)
}

/// A system's fields other than its id and name.
fn read_system(
    table: &Table,
    row: usize,
    cells: &[String],
    units: &mut Units,
    problems: &mut Vec<SheetProblem>,
) -> DraftSystem {
    let kind_text = table.cell(cells, "kind");
    let kind = if kind_text.is_empty() {
        None
    } else if let Some(k) = table.value("kind", &kind_text) {
        Some(Assumable::given(k))
    } else {
        let all: Vec<&str> = SystemKind::ALL.iter().map(|k| k.as_str()).collect();
        problems.push(table.problem(
            row,
            "kind",
            format!(
                "unknown kind `{}`; expected one of {}{}",
                kind_text.to_lowercase(),
                all.join(", "),
                table.mapped_hint("kind")
            ),
        ));
        None
    };
    let unit = match &*table.cell(cells, "unit") {
        "" => None,
        text => units
            .resolve(text)
            .map_err(|e| problems.push(table.problem(row, "unit", e)))
            .ok(),
    };
    let satisfaction = optional_number(
        table,
        row,
        cells,
        "satisfaction",
        |x| (1.0..=5.0).contains(&x),
        "a rating from 1 to 5",
        problems,
    );
    let annual_cost = optional_number(
        table,
        row,
        cells,
        "annual_cost",
        non_negative,
        "a number >= 0",
        problems,
    );
    let lifecycle = one_of(table, row, cells, "lifecycle", LIFECYCLES, problems);
    let criticality = one_of(table, row, cells, "criticality", CRITICALITIES, problems)
        .map(|c| (c, String::new()));
    DraftSystem {
        kind,
        lifecycle,
        criticality,
        owner: Some(table.cell(cells, "owner").to_string()).filter(|s| !s.is_empty()),
        annual_cost,
        unit,
        satisfaction,
        ..DraftSystem::default()
    }
}

/// A cell that holds one of `allowed` (or a value a columns file or synonym maps to one).
fn one_of(
    table: &Table,
    row: usize,
    cells: &[String],
    field: &str,
    allowed: &[&'static str],
    problems: &mut Vec<SheetProblem>,
) -> Option<&'static str> {
    let text = table.cell(cells, field);
    if text.is_empty() {
        return None;
    }
    let found = table.value(field, &text);
    if found.is_none() {
        problems.push(table.problem(
            row,
            field,
            format!(
                "unknown {field} `{text}`; expected one of {}{}",
                allowed.join(", "),
                table.mapped_hint(field)
            ),
        ));
    }
    found
}

/// Writes the draft, loads it as a last check and counts what it holds.
fn finish(draft: Draft, json: bool, notes: Vec<String>) -> Result<Imported, Vec<SheetProblem>> {
    let text = if json {
        draft.to_json()
    } else {
        draft.to_yaml()
    };
    let origin = if json { "model.json" } else { "model.yaml" };
    if let Err(errors) = crate::load_str(&text, origin) {
        return Err(errors
            .iter()
            .map(|d| SheetProblem {
                file: "the model made from the sheets".into(),
                row: None,
                column: None,
                message: d.summary(),
            })
            .collect());
    }
    let assumptions = draft.assumptions();
    let summary = ImportSummary {
        format: "inventory sheets".into(),
        systems: draft.systems.len(),
        integrations: draft.integrations.len(),
        workflows: draft.workflows.len(),
        handoffs: draft.workflows.iter().map(|w| w.handoffs.len()).sum(),
        objectives: draft.objectives.len(),
        assumed: assumptions.len(),
        assumptions: if json { assumptions } else { Vec::new() },
        notes,
        ..ImportSummary::default()
    };
    Ok(Imported { text, summary })
}
