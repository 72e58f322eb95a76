//! Model -> the sheets [`super::import`] reads, as CSV (RFC 4180, CRLF). Text cells are
//! escaped so that import reads back exactly what the model holds (`super::escape`) and
//! neutralised against formula injection like every CSV gapgraph writes (a leading `'` on
//! `= + - @`, which import drops again); numbers are written in their shortest exact form.

use std::io;

use super::escape::encode;
use super::{Column, INTEGRATION_COLUMNS, SYSTEM_COLUMNS, UNIT_COLUMNS, WORKFLOW_COLUMNS};
use crate::model::{Defaults, Model};

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

/// The sheets of a model, and what of the model they cannot hold.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportedSheets {
    /// units.csv (when the model has units), systems.csv, integrations.csv, workflows.csv.
    pub files: Vec<ExportedSheet>,
    /// What the sheets leave out, in words (`2 strategies`, `defaults`, ...).
    pub left_out: Vec<String>,
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
            Cell::Number(Some(x)) => format!("{}", x + 0.0),
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The model as sheets.
pub fn export(model: &Model) -> io::Result<ExportedSheets> {
    let unit_id = |u: Option<usize>| u.map_or("", |u| model.units[u].id.as_str());
    let system_id = |s: usize| model.systems[s].id.as_str();
    let mut files = Vec::new();
    if !model.units.is_empty() {
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
        files.push(sheet("units.csv", &UNIT_COLUMNS, rows)?);
    }
    let rows = model
        .systems
        .iter()
        .map(|s| {
            vec![
                Cell::Text(&s.id),
                Cell::Text(&s.name),
                Cell::Text(s.kind.as_str()),
                Cell::Text(unit_id(s.unit)),
                Cell::Text(s.owner.as_deref().unwrap_or("")),
                Cell::Number(s.satisfaction),
                Cell::Number(s.annual_cost),
            ]
        })
        .collect();
    files.push(sheet("systems.csv", &SYSTEM_COLUMNS, rows)?);
    let carries: Vec<String> = model
        .integrations
        .iter()
        .map(|i| {
            let items: Vec<String> = i.carries.0.iter().map(|d| encode(d, true)).collect();
            items.join("; ")
        })
        .collect();
    let rows = model
        .integrations
        .iter()
        .zip(&carries)
        .map(|(i, carries)| {
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
            ]
        })
        .collect();
    files.push(sheet("integrations.csv", &INTEGRATION_COLUMNS, rows)?);
    let steps: Vec<String> = (1..=model
        .workflows
        .iter()
        .map(|w| w.handoffs.len())
        .max()
        .unwrap_or(0))
        .map(|n| n.to_string())
        .collect();
    let mut rows = Vec::new();
    for w in &model.workflows {
        for (i, h) in w.handoffs.iter().enumerate() {
            rows.push(vec![
                Cell::Text(&w.id),
                Cell::Text(&w.name),
                Cell::Text(unit_id(w.unit)),
                Cell::Text(w.owner.as_deref().unwrap_or("")),
                Cell::Number(Some(w.runs_count)),
                Cell::Text(w.runs_per.as_str()),
                Cell::Text(&steps[i]),
                Cell::Text(system_id(h.from)),
                Cell::Text(system_id(h.to)),
                Cell::Text(&h.data),
                Cell::Number(h.minutes),
                Cell::Text(h.by.map_or("", |u| unit_id(Some(u)))),
                Cell::Text(h.note.as_deref().unwrap_or("")),
            ]);
        }
    }
    files.push(sheet("workflows.csv", &WORKFLOW_COLUMNS, rows)?);
    Ok(ExportedSheets {
        files,
        left_out: left_out(model),
    })
}

/// What of `model` the sheets cannot hold.
fn left_out(model: &Model) -> Vec<String> {
    let mut out = Vec::new();
    if model.name.is_some() {
        out.push("the model's name".to_string());
    }
    if model.currency != "USD" {
        out.push(format!("currency {}", model.currency));
    }
    if model.defaults != Defaults::default() {
        out.push("defaults".to_string());
    }
    if !model.objectives.is_empty() {
        out.push(plural(model.objectives.len(), "objective", "objectives"));
    }
    if !model.strategies.is_empty() {
        out.push(plural(model.strategies.len(), "strategy", "strategies"));
    }
    let serving = model
        .workflows
        .iter()
        .filter(|w| !w.serves.is_empty())
        .count();
    if serving > 0 {
        out.push(format!(
            "what {} serve{}",
            plural(serving, "workflow", "workflows"),
            if serving == 1 { "s" } else { "" }
        ));
    }
    let own_runs = model
        .workflows
        .iter()
        .flat_map(|w| &w.handoffs)
        .filter(|h| h.runs.is_some())
        .count();
    if own_runs > 0 {
        out.push(format!(
            "the own `runs` of {}",
            plural(own_runs, "handoff", "handoffs")
        ));
    }
    let default_sources = crate::model::Sources::default();
    let sourced = model
        .integrations
        .iter()
        .filter(|i| i.sources != default_sources)
        .count()
        + model
            .workflows
            .iter()
            .map(|w| {
                usize::from(w.sources != default_sources)
                    + w.handoffs
                        .iter()
                        .filter(|h| h.sources != default_sources)
                        .count()
            })
            .sum::<usize>();
    if sourced > 0 {
        out.push(format!(
            "the `source` of the figures of {}",
            plural(sourced, "entry", "entries")
        ));
    }
    if !model.fixes.is_empty() {
        out.push(plural(
            model.fixes.len(),
            "catalogued fix",
            "catalogued fixes",
        ));
    }
    out
}
