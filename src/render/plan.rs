//! The budgeted roadmap (`gapgraph plan`) as a terminal table, Markdown and CSV; its JSON
//! is in `json/plan.rs`. Every format shows the automation rate after each step and ends with
//! what the budget left undone.

use std::fmt::Write as _;
use std::io::Write;

use super::{Render, RenderError};
use crate::text::{csv_text, markdown, terminal, TerminalText};
use crate::view::{
    plan_cells as cells, plan_owner_lines as owner_lines, plan_step_owners as step_owners,
    plan_undone_cells as undone_cells, PlanReport, PLAN_HEADER as HEADER,
    PLAN_UNDONE_HEADER as UNDONE_HEADER,
};

/// `plan --format table`.
pub struct PlanTable;

impl Render<PlanReport<'_>> for PlanTable {
    fn render(&self, report: &PlanReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut text = TerminalText::new(false);
        write_table(report, &mut text).map_err(std::io::Error::other)?;
        out.write_all(text.into_string().as_bytes())?;
        Ok(())
    }
}

fn write_table(report: &PlanReport, out: &mut TerminalText) -> std::fmt::Result {
    writeln!(out, "{}", terminal(&report.title()))?;
    if report.plan().steps.is_empty() {
        writeln!(out, "No fix both saves time and fits the budget.")?;
    } else {
        let mut grid = super::table::grid(&HEADER);
        for row in cells(report) {
            grid.add_row(row.iter().map(|c| terminal(c)).collect::<Vec<_>>());
        }
        super::table::align_right(&mut grid, &[0, 3, 4, 5, 6, 7, 8, 9, 10]);
        writeln!(out, "{grid}")?;
        for line in owner_lines(report) {
            writeln!(out, "{}", terminal(&line))?;
        }
    }
    for line in report.closing() {
        writeln!(out, "{}", terminal(&line))?;
    }
    if !report.roadmap.left_undone.is_empty() {
        let mut grid = super::table::grid(&UNDONE_HEADER);
        for row in undone_cells(report) {
            grid.add_row(row.iter().map(|c| terminal(c)).collect::<Vec<_>>());
        }
        super::table::align_right(&mut grid, &[0, 3, 4, 5]);
        writeln!(out, "{grid}")?;
    }
    Ok(())
}

/// A GFM table; `numeric` columns right-aligned. Cells are escaped here.
pub(super) fn markdown_table(header: &[&str], numeric: &[usize], rows: &[Vec<String>]) -> String {
    let mut s = String::new();
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    s.push_str(&line(header.iter().map(|h| markdown(h)).collect()));
    s.push_str(&line(
        (0..header.len())
            .map(|c| if numeric.contains(&c) { "---:" } else { "---" }.to_string())
            .collect(),
    ));
    for row in rows {
        s.push_str(&line(row.iter().map(|c| markdown(c)).collect()));
    }
    s
}

/// `plan --format markdown`.
pub struct PlanMarkdown;

impl Render<PlanReport<'_>> for PlanMarkdown {
    fn render(&self, report: &PlanReport, out: &mut dyn Write) -> Result<(), RenderError> {
        writeln!(out, "## {}\n", markdown(&report.title()))?;
        if report.plan().steps.is_empty() {
            writeln!(out, "No fix both saves time and fits the budget.\n")?;
        } else {
            let table = markdown_table(&HEADER, &[0, 3, 4, 5, 6, 7, 8, 9, 10], &cells(report));
            writeln!(out, "{table}")?;
            for line in owner_lines(report) {
                writeln!(out, "- {}", markdown(&line))?;
            }
            writeln!(out)?;
        }
        for line in report.closing() {
            writeln!(out, "{}\n", markdown(&line))?;
        }
        if !report.roadmap.left_undone.is_empty() {
            let table = markdown_table(&UNDONE_HEADER, &[0, 3, 4, 5], &undone_cells(report));
            write!(out, "{table}")?;
        }
        Ok(())
    }
}

/// The columns of `plan --format csv`.
const CSV_HEADER: [&str; 18] = [
    "step",
    "id",
    "action",
    "from",
    "to",
    "cost",
    "annual_hours_saved",
    "annual_saving",
    "strategic_value",
    "cumulative_cost",
    "cumulative_saving",
    "cumulative_strategic_value",
    "automation_rate",
    "left_undone",
    "run_cost",
    "npv",
    "cumulative_npv",
    "owners",
];

/// `plan --format csv`: one row per step, full precision, then one row per fix left
/// undone (step empty, `left_undone` true).
pub struct PlanCsv;

impl Render<PlanReport<'_>> for PlanCsv {
    fn render(&self, report: &PlanReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let to_io = |e: csv::Error| std::io::Error::other(e.to_string());
        let number = |x: f64| format!("{}", x + 0.0);
        let optional = |x: Option<f64>| x.map(number).unwrap_or_default();
        w.write_record(CSV_HEADER).map_err(to_io)?;
        for ((s, automation), owners) in report
            .plan()
            .steps
            .iter()
            .zip(&report.roadmap.automation_after)
            .zip(step_owners(report))
        {
            w.write_record([
                s.step.to_string(),
                csv_text(&s.id.text(report.model)),
                s.action.as_str().to_string(),
                csv_text(&report.model.system(s.from).id),
                csv_text(&report.model.system(s.to).id),
                number(s.cost),
                number(s.annual_hours_saved),
                number(s.annual_saving),
                number(s.strategic_value),
                number(s.cumulative_cost),
                number(s.cumulative_saving),
                number(s.cumulative_strategic_value),
                optional(*automation),
                "false".to_string(),
                number(s.run_cost),
                number(s.npv),
                number(s.cumulative_npv),
                csv_text(&owners.join("; ")),
            ])
            .map_err(to_io)?;
        }
        for f in &report.roadmap.left_undone {
            w.write_record([
                String::new(),
                csv_text(&f.id.text(report.model)),
                f.action.as_str().to_string(),
                csv_text(&report.model.system(f.from).id),
                csv_text(&report.model.system(f.to).id),
                number(f.cost),
                number(f.annual_hours_saved),
                number(f.annual_saving),
                number(f.strategic_value),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "true".to_string(),
                number(f.run_cost),
                number(f.npv),
                String::new(),
                String::new(),
            ])
            .map_err(to_io)?;
        }
        w.flush()?;
        Ok(())
    }
}
