//! Model -> the sheets [`super::import`] reads, as CSV (RFC 4180, CRLF). Text cells are
//! escaped so that import reads back exactly what the model holds (`super::escape`) and
//! neutralised against formula injection like every CSV gapgraph writes (a leading `'` on
//! `= + - @`, which import drops again); numbers are written in their shortest exact form.

use std::io;

use super::escape::encode;
use super::sections::DEFAULT_KEYS;
use super::{
    Column, FIX_COLUMNS, INTEGRATION_COLUMNS, MODEL_COLUMNS, OBJECTIVE_COLUMNS, STRATEGY_COLUMNS,
    SYSTEM_COLUMNS, UNIT_COLUMNS, WORKFLOW_COLUMNS,
};
use crate::model::{Defaults, Model, Source, Sources, SystemIx, UnitIx, Workflow};

/// One CSV file.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportedSheet {
    /// Its file name (`systems.csv`, ...).
    pub name: &'static str,
    /// The CSV bytes.
    pub bytes: Vec<u8>,
    /// Data rows (the header not counted).
    pub rows: usize,
}

/// The sheets of a model: every file of [`super::EXPORT_FILE_NAMES`], in that order,
/// each written even when it has no rows (so a folder never keeps a stale one).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportedSheets {
    /// model.csv, objectives.csv, strategies.csv, units.csv, systems.csv,
    /// integrations.csv, workflows.csv, fixes.csv.
    pub files: Vec<ExportedSheet>,
}

/// A cell: text escaped and neutralised, numbers exact, absent values empty.
enum Cell<'a> {
    Text(&'a str),
    /// A list whose items are escaped already.
    List(&'a str),
    Number(Option<f64>),
}

fn sheet(
    name: &'static str,
    columns: &[Column],
    rows: Vec<Vec<Cell>>,
) -> io::Result<ExportedSheet> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let to_io = |e: csv::Error| io::Error::other(e.to_string());
    writer
        .write_record(columns.iter().map(|c| c.name))
        .map_err(to_io)?;
    for row in &rows {
        let cells = row.iter().map(|cell| match cell {
            Cell::Text(s) => neutralise(encode(s, false)),
            Cell::List(s) => neutralise((*s).to_string()),
            Cell::Number(Some(x)) => number_text(*x),
            Cell::Number(None) => String::new(),
        });
        writer.write_record(cells).map_err(to_io)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(ExportedSheet {
        name,
        bytes,
        rows: rows.len(),
    })
}

/// A leading `'` before text a spreadsheet would evaluate.
fn neutralise(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A `source` cell: the figures not `stated`, as `minutes: measured; runs: imported`.
fn source_cell(pairs: &[(&str, Source)]) -> String {
    let items: Vec<String> = pairs
        .iter()
        .filter(|(_, s)| *s != Source::Stated)
        .map(|(f, s)| format!("{f}: {}", s.as_str()))
        .collect();
    items.join("; ")
}

fn number_text(x: f64) -> String {
    format!("{}", x + 0.0)
}

/// The value of each `defaults` field, in [`DEFAULT_KEYS`] order.
fn default_values(d: &Defaults) -> [f64; 9] {
    [
        d.hourly_cost,
        d.manual_minutes,
        d.semi_minutes,
        d.missing_minutes,
        d.integration_cost,
        d.fte_hours,
        d.run_cost,
        d.horizon_years,
        d.discount_rate,
    ]
}

/// model.csv, objectives.csv and strategies.csv.
fn model_sheets(model: &Model, files: &mut Vec<ExportedSheet>) -> io::Result<()> {
    let mut rows = Vec::new();
    if let Some(name) = &model.name {
        rows.push(vec![Cell::Text("name"), Cell::Text(name)]);
    }
    rows.push(vec![Cell::Text("currency"), Cell::Text(&model.currency)]);
    if let Some(s) = model.default_strategy {
        rows.push(vec![
            Cell::Text("strategy"),
            Cell::Text(&model.strategy(s).id),
        ]);
    }
    for (key, value) in DEFAULT_KEYS.iter().zip(default_values(&model.defaults)) {
        rows.push(vec![Cell::Text(key), Cell::Number(Some(value))]);
    }
    files.push(sheet("model.csv", &MODEL_COLUMNS, rows)?);
    let rows = model
        .objectives
        .iter()
        .map(|o| {
            vec![
                Cell::Text(&o.id),
                Cell::Text(&o.name),
                Cell::Text(o.description.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    files.push(sheet("objectives.csv", &OBJECTIVE_COLUMNS, rows)?);
    let mut rows = Vec::new();
    for s in &model.strategies {
        for (objective, weight) in &s.weights {
            rows.push(vec![
                Cell::Text(&s.id),
                Cell::Text(&s.name),
                Cell::Text(s.description.as_deref().unwrap_or("")),
                Cell::Text(&model.objective(*objective).id),
                Cell::Number(Some(*weight)),
            ]);
        }
    }
    files.push(sheet("strategies.csv", &STRATEGY_COLUMNS, rows)?);
    Ok(())
}

/// fixes.csv.
fn fix_sheet(model: &Model) -> io::Result<ExportedSheet> {
    let system_id = |s: SystemIx| model.system(s).id.as_str();
    let cells: Vec<(String, String)> = model
        .fixes
        .iter()
        .map(|f| {
            let carries = f.carries.as_ref().map_or(String::new(), |c| {
                let items: Vec<String> = c.0.iter().map(|d| encode(d, true)).collect();
                items.join("; ")
            });
            let source = source_cell(&[("cost", f.sources.cost), ("run_cost", f.sources.run_cost)]);
            (carries, source)
        })
        .collect();
    let rows = model
        .fixes
        .iter()
        .zip(&cells)
        .map(|(f, (carries, source))| {
            let default_id = format!("{}->{}", system_id(f.from), system_id(f.to));
            vec![
                Cell::Text(if f.id == default_id { "" } else { &f.id }),
                Cell::Text(system_id(f.from)),
                Cell::Text(system_id(f.to)),
                Cell::Number(Some(f.cost)),
                Cell::List(carries),
                Cell::Number(f.run_cost),
                Cell::List(source),
                Cell::Text(f.sources.evidence.as_deref().unwrap_or("")),
                Cell::Text(f.name.as_deref().unwrap_or("")),
                Cell::Text(f.note.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    sheet("fixes.csv", &FIX_COLUMNS, rows)
}

/// The text cells of a workflow's rows that are not the model's text as it is.
struct WorkflowTexts {
    serves: String,
    source: String,
    evidence: String,
    /// Each handoff's source and evidence.
    handoffs: Vec<(String, String)>,
}

fn workflow_texts(model: &Model, w: &Workflow) -> WorkflowTexts {
    let serves: Vec<String> = w
        .serves
        .iter()
        .map(|(o, share)| format!("{}: {}", model.objective(*o).id, number_text(*share)))
        .collect();
    let handoffs = w
        .handoffs
        .iter()
        .map(|h| {
            let s = &h.sources;
            let source = source_cell(&[("minutes", s.minutes), ("runs", s.runs)]);
            (source, s.evidence.clone().unwrap_or_default())
        })
        .collect();
    WorkflowTexts {
        serves: serves.join("; "),
        source: source_cell(&[("runs", w.sources.runs)]),
        evidence: w.sources.evidence.clone().unwrap_or_default(),
        handoffs,
    }
}

/// The model as sheets.
pub fn export(model: &Model) -> io::Result<ExportedSheets> {
    let mut files = Vec::new();
    model_sheets(model, &mut files)?;
    files.push(unit_sheet(model)?);
    files.push(system_sheet(model)?);
    files.push(integration_sheet(model)?);
    files.push(workflow_sheet(model)?);
    files.push(fix_sheet(model)?);
    Ok(ExportedSheets { files })
}

/// The id of a unit a row may name, empty when it names none.
fn unit_id(model: &Model, u: Option<UnitIx>) -> &str {
    u.map_or("", |u| model.unit(u).id.as_str())
}

/// units.csv.
fn unit_sheet(model: &Model) -> io::Result<ExportedSheet> {
    let rows = model
        .units
        .iter()
        .map(|u| {
            vec![
                Cell::Text(&u.id),
                Cell::Text(&u.name),
                Cell::Text(u.owner.as_deref().unwrap_or("")),
                Cell::Number(u.hourly_cost),
            ]
        })
        .collect();
    sheet("units.csv", &UNIT_COLUMNS, rows)
}

/// systems.csv.
fn system_sheet(model: &Model) -> io::Result<ExportedSheet> {
    let rows = model
        .systems
        .iter()
        .map(|s| {
            vec![
                Cell::Text(&s.id),
                Cell::Text(&s.name),
                Cell::Text(s.kind.as_str()),
                Cell::Text(unit_id(model, s.unit)),
                Cell::Text(s.owner.as_deref().unwrap_or("")),
                Cell::Number(s.satisfaction),
                Cell::Number(s.annual_cost),
                Cell::Text(s.lifecycle.unwrap_or("")),
                Cell::Text(s.criticality.unwrap_or("")),
            ]
        })
        .collect();
    sheet("systems.csv", &SYSTEM_COLUMNS, rows)
}

/// integrations.csv.
fn integration_sheet(model: &Model) -> io::Result<ExportedSheet> {
    let system_id = |s: SystemIx| model.system(s).id.as_str();
    let evidence = |s: &Sources| s.evidence.clone().unwrap_or_default();
    let carries: Vec<(String, String, String)> = model
        .integrations
        .iter()
        .map(|i| {
            let items: Vec<String> = i.carries.0.iter().map(|d| encode(d, true)).collect();
            let s = &i.sources;
            let source = source_cell(&[
                ("minutes", s.minutes),
                ("fix_cost", s.cost),
                ("run_cost", s.run_cost),
            ]);
            (items.join("; "), source, evidence(s))
        })
        .collect();
    let rows = model
        .integrations
        .iter()
        .zip(&carries)
        .map(|(i, (carries, source, evidence))| {
            let default_id = format!("{}->{}", system_id(i.from), system_id(i.to));
            vec![
                Cell::Text(if i.id == default_id { "" } else { &i.id }),
                Cell::Text(system_id(i.from)),
                Cell::Text(system_id(i.to)),
                Cell::List(carries),
                Cell::Text(i.mode.as_str()),
                Cell::Number(i.minutes),
                Cell::Number(i.fix_cost),
                Cell::Number(i.run_cost),
                Cell::Text(i.via.as_deref().unwrap_or("")),
                Cell::Text(i.name.as_deref().unwrap_or("")),
                Cell::Text(i.note.as_deref().unwrap_or("")),
                Cell::List(source),
                Cell::Text(evidence),
            ]
        })
        .collect();
    sheet("integrations.csv", &INTEGRATION_COLUMNS, rows)
}

/// workflows.csv: one row per handoff, the workflow's own cells repeated on each.
fn workflow_sheet(model: &Model) -> io::Result<ExportedSheet> {
    let system_id = |s: SystemIx| model.system(s).id.as_str();
    let steps: Vec<String> = (1..=model
        .workflows
        .iter()
        .map(|w| w.handoffs.len())
        .max()
        .unwrap_or(0))
        .map(|n| n.to_string())
        .collect();
    let texts: Vec<WorkflowTexts> = model
        .workflows
        .iter()
        .map(|w| workflow_texts(model, w))
        .collect();
    let mut rows = Vec::new();
    for (w, t) in model.workflows.iter().zip(&texts) {
        let (serves, source, evidence, handoffs) = (&t.serves, &t.source, &t.evidence, &t.handoffs);
        for (i, h) in w.handoffs.iter().enumerate() {
            rows.push(vec![
                Cell::Text(&w.id),
                Cell::Text(&w.name),
                Cell::Text(unit_id(model, w.unit)),
                Cell::Text(w.owner.as_deref().unwrap_or("")),
                Cell::Number(Some(w.runs_count)),
                Cell::Text(w.runs_per.as_str()),
                Cell::Text(&steps[i]),
                Cell::Text(system_id(h.from)),
                Cell::Text(system_id(h.to)),
                Cell::Text(&h.data),
                Cell::Number(h.minutes),
                Cell::Text(h.by.map_or("", |u| unit_id(model, Some(u)))),
                Cell::Text(h.note.as_deref().unwrap_or("")),
                Cell::List(serves),
                Cell::List(source),
                Cell::Text(evidence),
                Cell::Number(h.runs.as_ref().map(|r| r.count)),
                Cell::Text(h.runs.as_ref().map_or("", |r| r.per.as_str())),
                Cell::List(&handoffs[i].0),
                Cell::Text(&handoffs[i].1),
            ]);
        }
    }
    sheet("workflows.csv", &WORKFLOW_COLUMNS, rows)
}
