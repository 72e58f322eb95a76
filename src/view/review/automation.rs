//! Automation by workflow and by business unit.

use super::{cell, code, columns, number_cell, text, text_cell, Block, Section, Span, Table};
use crate::analysis::Counts;
use crate::model::UnitIx;
use crate::text::{hours, money, percent, ratio};
use crate::view::Report;

pub(super) fn name_and_id(name: &str, id: &str) -> Vec<Span> {
    if name == id {
        vec![code(id)]
    } else {
        vec![text(name), Span::Break, code(id)]
    }
}

/// A unit's display name from its index (empty without one).
pub(super) fn unit_name(model: &crate::model::Model, unit: Option<UnitIx>) -> String {
    unit.map(|u| model.unit(u).name.clone()).unwrap_or_default()
}

pub(super) fn automation(report: &Report) -> Section {
    let analysis = report.analysis;
    let cur = report.currency();
    let cost = format!("Cost/yr ({cur})");
    let mut blocks = Vec::new();
    if !analysis.workflows.is_empty() {
        blocks.push(Block::Heading(vec![text("By workflow")]));
        blocks.push(workflow_table(report, &cost));
    }
    if !analysis.units.is_empty() {
        blocks.push(Block::Heading(vec![text("By business unit")]));
        blocks.push(Block::Paragraph(vec![text(
            "Each unit counts the workflows it owns, whoever does the steps (a handoff's \
             `by` unit prices the step, the workflow's unit owns it).",
        )]));
        blocks.push(unit_table(report, &cost));
    }
    if blocks.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            "The model has no workflows and no units.",
        )]));
    }
    Section {
        id: "automation",
        title: "Automation".to_string(),
        blocks,
    }
}

/// Automation and cost per workflow.
fn workflow_table(report: &Report, cost: &str) -> Block {
    let analysis = report.analysis;
    Block::Table(Table {
        id: "workflow-table".to_string(),
        columns: columns(&[
            ("Workflow", false),
            ("Unit", false),
            ("Runs/yr", true),
            ("Handoffs", true),
            ("Automated", true),
            ("Manual", true),
            ("Missing", true),
            ("Automation", true),
            ("Hours/yr", true),
            (cost, true),
            ("Alignment", true),
        ]),
        rows: analysis
            .workflows
            .iter()
            .map(|w| {
                let workflow = report.model.workflow(w.workflow);
                let mut row = vec![
                    cell(name_and_id(&workflow.name, &workflow.id)),
                    text_cell(unit_name(report.model, workflow.unit)),
                    number_cell(
                        hours(w.runs_per_year).trim_end_matches(".0").to_string(),
                        Some(w.runs_per_year),
                    ),
                ];
                row.extend(count_cells(&w.counts));
                row.push(number_cell(ratio(Some(w.alignment)), Some(w.alignment)));
                row
            })
            .collect(),
    })
}

/// Automation and cost per business unit, over the workflows it owns.
fn unit_table(report: &Report, cost: &str) -> Block {
    let analysis = report.analysis;
    Block::Table(Table {
        id: "unit-table".to_string(),
        columns: columns(&[
            ("Unit", false),
            ("Owner", false),
            ("Handoffs", true),
            ("Automated", true),
            ("Manual", true),
            ("Missing", true),
            ("Automation", true),
            ("Hours/yr", true),
            (cost, true),
        ]),
        rows: analysis
            .units
            .iter()
            .map(|u| {
                let unit = report.model.unit(u.unit);
                let mut row = vec![
                    cell(name_and_id(&unit.name, &unit.id)),
                    text_cell(unit.owner.clone().unwrap_or_default()),
                ];
                row.extend(count_cells(&u.counts));
                row
            })
            .collect(),
    })
}

/// The cells a workflow row and a unit row share: handoffs by status, automation, hours
/// and cost a year.
fn count_cells(c: &Counts) -> [super::Cell; 7] {
    [
        number_cell(c.handoffs.to_string(), Some(c.handoffs as f64)),
        number_cell(c.automated.to_string(), Some(c.automated as f64)),
        number_cell(c.manual.to_string(), Some(c.manual as f64)),
        number_cell(c.missing.to_string(), Some(c.missing as f64)),
        number_cell(percent(c.automation_rate), c.automation_rate),
        number_cell(hours(c.annual_hours), Some(c.annual_hours)),
        number_cell(money(c.annual_cost), Some(c.annual_cost)),
    ]
}
