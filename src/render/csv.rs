//! `analyze --format csv`: one table per run (`--csv-table`, default the fixes) as RFC 4180
//! rows for spreadsheets. Numbers keep full precision (like JSON) and are never
//! neutralised; every text cell goes through [`Row::text`], which neutralises formulas and
//! terminal escapes, so no model text reaches the file raw.

use crate::analysis::rules;
use std::io::Write;

use super::CsvTable;
use super::{Render, RenderError};
use crate::analysis::{Counts, Fix};
use crate::model::{Model, WorkflowIx};
use crate::text::csv_text;
use crate::view::Report;

/// `analyze --format csv`.
pub struct Csv {
    /// Which table.
    pub table: CsvTable,
    /// Fixes listed in the fixes table (`None`: all).
    pub top: Option<usize>,
}

/// One row being built: text cells go through the formula guard, numbers do not.
#[derive(Default)]
struct Row(Vec<String>);

impl Row {
    fn text(mut self, s: &str) -> Self {
        self.0.push(csv_text(s));
        self
    }

    fn list<S: AsRef<str>>(self, items: impl IntoIterator<Item = S>) -> Self {
        let mut joined = String::new();
        for (k, item) in items.into_iter().enumerate() {
            if k > 0 {
                joined.push_str("; ");
            }
            joined.push_str(item.as_ref());
        }
        self.text(&joined)
    }

    fn optional_text(self, s: Option<&str>) -> Self {
        self.text(s.unwrap_or(""))
    }

    fn number(mut self, x: f64) -> Self {
        // `+ 0.0` turns -0 into 0; Display gives the shortest text that reads back exactly.
        self.0.push(format!("{}", x + 0.0));
        self
    }

    /// The columns workflows and units share: counts by status, automation, hours, cost.
    fn counts(self, c: &Counts) -> Self {
        self.count(c.handoffs)
            .count(c.automated)
            .count(c.manual)
            .count(c.missing)
            .optional_number(c.automation_rate)
            .number(c.annual_hours)
            .number(c.annual_cost)
    }

    fn optional_number(self, x: Option<f64>) -> Self {
        match x {
            Some(x) => self.number(x),
            None => self.empty(),
        }
    }

    fn count(mut self, n: usize) -> Self {
        self.0.push(n.to_string());
        self
    }

    fn flag(mut self, b: bool) -> Self {
        self.0.push(b.to_string());
        self
    }

    fn empty(mut self) -> Self {
        self.0.push(String::new());
        self
    }
}

impl Render<Report<'_>> for Csv {
    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let (header, rows) = match self.table {
            CsvTable::Fixes => fixes(report, self.top),
            CsvTable::Gaps => gaps(report),
            CsvTable::Workflows => workflows(report),
            CsvTable::Systems => systems(report),
            CsvTable::Units => units(report),
        };
        writer.write_record(&header).map_err(to_io)?;
        for row in rows {
            writer.write_record(&row.0).map_err(to_io)?;
        }
        writer.flush()?;
        Ok(())
    }
}

fn to_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

fn names(fixed: &[&str]) -> Vec<String> {
    fixed.iter().map(ToString::to_string).collect()
}

fn fixes(report: &Report, top: Option<usize>) -> (Vec<String>, Vec<Row>) {
    let mut header = names(&[
        "rank",
        "id",
        "action",
        "from",
        "to",
        "carries",
        "name",
        "cost",
        "annual_hours_saved",
        "annual_saving",
        "strategic_value",
        "priority",
        "payback_months",
        "aligned",
        "workflows",
        "closes",
        "run_cost",
        "net_saving",
        "npv",
        "loses_money",
        "cost_from",
    ]);
    // One column per objective the strategy weighs, in its order: the `why` in numbers.
    let objectives: Vec<String> = report
        .analysis
        .strategy
        .as_ref()
        .map(|s| {
            s.weights
                .iter()
                .filter(|w| w.weight > 0.0)
                .map(|w| w.id.clone())
                .collect()
        })
        .unwrap_or_default();
    header.extend(
        objectives
            .iter()
            .map(|o| csv_text(&format!("strategic_value.{o}"))),
    );
    let model = report.model;
    let rows = report
        .fixes(top)
        .iter()
        .map(|f| fix_row(model, f, &objectives))
        .collect();
    (header, rows)
}

/// One fix's row, with its strategic value per objective in `objectives`' order.
fn fix_row(model: &Model, f: &Fix, objectives: &[String]) -> Row {
    let closes: Vec<String> = f
        .improves
        .iter()
        .map(|i| format!("{} step {}", model.workflow(i.workflow).id, i.step))
        .collect();
    let mut row = Row::default()
        .count(f.rank)
        .text(&f.id.text(model))
        .text(f.action.as_str())
        .text(&model.system(f.from).id)
        .text(&model.system(f.to).id)
        .list(f.carries.iter())
        .optional_text(f.name(model))
        .number(f.cost)
        .number(f.annual_hours_saved)
        .number(f.annual_saving)
        .number(f.strategic_value)
        .optional_number(f.priority)
        .optional_number(f.payback_months)
        .flag(f.aligned)
        .list(f.workflows.iter().map(|w| &model.workflow(*w).id))
        .list(&closes)
        .number(f.run_cost)
        .number(f.net_saving)
        .number(f.npv)
        .flag(f.loses_money())
        .text(f.cost_basis(model).as_str());
    for o in objectives {
        let value = f
            .objectives
            .iter()
            .find(|(k, _)| model.objective(*k).id == *o)
            .map_or(0.0, |(_, v)| *v);
        row = row.number(value);
    }
    row
}

fn gaps(report: &Report) -> (Vec<String>, Vec<Row>) {
    let header = names(&[
        "workflow",
        "step",
        "from",
        "to",
        "data",
        "status",
        "minutes",
        "path",
        "path_minutes",
        "fallback_minutes",
        "runs_per_year",
        "annual_hours",
        "annual_cost",
        "alignment",
        "strategic_value",
        "by",
        "hourly_cost",
        "minutes_from",
        "runs_from",
        "fixable",
    ]);
    let model = report.model;
    let unfixable: std::collections::BTreeSet<(WorkflowIx, usize)> = report
        .analysis
        .unfixable
        .iter()
        .map(|u| {
            let h = &report.analysis.handoffs[u.handoff];
            (h.workflow, h.step)
        })
        .collect();
    let rows = report
        .analysis
        .gaps(model)
        .into_iter()
        .map(|g| {
            Row::default()
                .text(&model.workflow(g.workflow).id)
                .count(g.step)
                .text(&model.system(g.from).id)
                .text(&model.system(g.to).id)
                .text(g.data(model))
                .text(g.status.as_str())
                .number(g.minutes)
                .list(g.path.iter().map(|hop| hop.text(model)))
                .optional_number(g.path_minutes)
                .number(g.fallback_minutes)
                .number(g.runs_per_year)
                .number(g.annual_hours)
                .number(g.annual_cost)
                .number(g.alignment)
                .number(g.strategic_value)
                .optional_text(
                    rules::working_unit(model.workflow(g.workflow), g.handoff(model))
                        .map(|u| model.unit(u).id.as_str()),
                )
                .number(g.hourly_cost)
                .text(g.minutes_basis.as_str())
                .text(g.runs_basis.as_str())
                .flag(!unfixable.contains(&(g.workflow, g.step)))
        })
        .collect();
    (header, rows)
}

fn workflows(report: &Report) -> (Vec<String>, Vec<Row>) {
    let header = names(&[
        "id",
        "name",
        "unit",
        "runs_per_year",
        "handoffs",
        "automated",
        "manual",
        "missing",
        "automation_rate",
        "annual_hours",
        "annual_cost",
        "alignment",
    ]);
    let rows = report
        .analysis
        .workflows
        .iter()
        .map(|w| {
            let model = report.model;
            let workflow = model.workflow(w.workflow);
            Row::default()
                .text(&workflow.id)
                .text(&workflow.name)
                .optional_text(workflow.unit.map(|u| model.unit(u).id.as_str()))
                .number(w.runs_per_year)
                .counts(&w.counts)
                .number(w.alignment)
        })
        .collect();
    (header, rows)
}

fn units(report: &Report) -> (Vec<String>, Vec<Row>) {
    let header = names(&[
        "id",
        "name",
        "owner",
        "handoffs",
        "automated",
        "manual",
        "missing",
        "automation_rate",
        "annual_hours",
        "annual_cost",
    ]);
    let rows = report
        .analysis
        .units
        .iter()
        .map(|u| {
            let unit = report.model.unit(u.unit);
            Row::default()
                .text(&unit.id)
                .text(&unit.name)
                .optional_text(unit.owner.as_deref())
                .counts(&u.counts)
        })
        .collect();
    (header, rows)
}

fn systems(report: &Report) -> (Vec<String>, Vec<Row>) {
    let header = names(&[
        "id",
        "name",
        "kind",
        "unit",
        "owner",
        "workflows",
        "strategic_contribution",
        "flags",
        "satisfaction",
        "annual_cost",
    ]);
    let rows = report
        .analysis
        .systems
        .iter()
        .map(|s| {
            let model = report.model;
            let system = model.system(s.system);
            Row::default()
                .text(&system.id)
                .text(&system.name)
                .text(system.kind.as_str())
                .optional_text(system.unit.map(|u| model.unit(u).id.as_str()))
                .optional_text(system.owner.as_deref())
                .list(s.workflows.iter().map(|w| &model.workflow(*w).id))
                .number(s.strategic_contribution)
                .list(s.flags.iter().map(|f| f.as_str()))
                .optional_number(system.satisfaction)
                .optional_number(system.annual_cost)
        })
        .collect();
    (header, rows)
}
