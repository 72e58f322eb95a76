//! Automation by workflow and by business unit.

use std::collections::HashMap;

use super::{cell, code, columns, number_cell, text, text_cell, Block, Section, Span, Table};
use crate::render::{hours, money, percent, ratio, Report};

pub(super) fn name_and_id(name: &str, id: &str) -> Vec<Span> {
    if name == id {
        vec![code(id)]
    } else {
        vec![text(name), Span::Break, code(id)]
    }
}

/// Units' display names by id, looked up once per row.
pub(super) struct UnitNames<'a>(HashMap<&'a str, &'a str>);

impl<'a> UnitNames<'a> {
    pub(super) fn new(report: &Report<'a>) -> UnitNames<'a> {
        UnitNames(
            report
                .model
                .units
                .iter()
                .map(|u| (u.id.as_str(), u.name.as_str()))
                .collect(),
        )
    }

    /// A unit's display name from its id (empty without one).
    pub(super) fn of(&self, id: Option<&str>) -> String {
        id.and_then(|id| self.0.get(id))
            .map(ToString::to_string)
            .unwrap_or_default()
    }
}

pub(super) fn automation(report: &Report) -> Section {
    let analysis = report.analysis;
    let cur = report.currency();
    let cost = format!("Cost/yr ({cur})");
    let mut blocks = Vec::new();
    let unit_names = UnitNames::new(report);
    if !analysis.workflows.is_empty() {
        blocks.push(Block::Heading(vec![text("By workflow")]));
        blocks.push(Block::Table(Table {
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
                (&cost, true),
                ("Alignment", true),
            ]),
            rows: analysis
                .workflows
                .iter()
                .map(|w| {
                    let c = &w.counts;
                    vec![
                        cell(name_and_id(&w.name, &w.id)),
                        text_cell(unit_names.of(w.unit.as_deref())),
                        number_cell(
                            hours(w.runs_per_year).trim_end_matches(".0").to_string(),
                            Some(w.runs_per_year),
                        ),
                        number_cell(c.handoffs.to_string(), Some(c.handoffs as f64)),
                        number_cell(c.automated.to_string(), Some(c.automated as f64)),
                        number_cell(c.manual.to_string(), Some(c.manual as f64)),
                        number_cell(c.missing.to_string(), Some(c.missing as f64)),
                        number_cell(percent(c.automation_rate), c.automation_rate),
                        number_cell(hours(c.annual_hours), Some(c.annual_hours)),
                        number_cell(money(c.annual_cost), Some(c.annual_cost)),
                        number_cell(ratio(Some(w.alignment)), Some(w.alignment)),
                    ]
                })
                .collect(),
        }));
    }
    if !analysis.units.is_empty() {
        blocks.push(Block::Heading(vec![text("By business unit")]));
        blocks.push(Block::Table(Table {
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
                (&cost, true),
            ]),
            rows: analysis
                .units
                .iter()
                .map(|u| {
                    let c = &u.counts;
                    vec![
                        cell(name_and_id(&u.name, &u.id)),
                        text_cell(u.owner.clone().unwrap_or_default()),
                        number_cell(c.handoffs.to_string(), Some(c.handoffs as f64)),
                        number_cell(c.automated.to_string(), Some(c.automated as f64)),
                        number_cell(c.manual.to_string(), Some(c.manual as f64)),
                        number_cell(c.missing.to_string(), Some(c.missing as f64)),
                        number_cell(percent(c.automation_rate), c.automation_rate),
                        number_cell(hours(c.annual_hours), Some(c.annual_hours)),
                        number_cell(money(c.annual_cost), Some(c.annual_cost)),
                    ]
                })
                .collect(),
        }));
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
