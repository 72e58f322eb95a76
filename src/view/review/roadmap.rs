//! The "Roadmap" section of the review document when `analyze` is given `--budget`: the
//! greedy plan, the automation rate after each step, the cumulative saving as a step chart
//! (inline SVG in the HTML, a sentence in Markdown) and what the budget left undone.

use super::{code, columns, number_cell, text, text_cell, Block, Section, Span, Table};
use crate::analysis::FixId;
use crate::decide::Roadmap;
use crate::text::{hours, money, percent};
use crate::view::words::fix_name;
use crate::view::Report;

/// The cumulative saving after each step, against the cumulative cost.
pub struct StepChart {
    /// Display currency.
    pub currency: String,
    /// The budget (the x axis ends there, or at the spend if larger).
    pub budget: f64,
    /// (step, cumulative cost, cumulative saving a year, automation rate after).
    pub steps: Vec<(usize, f64, f64, Option<f64>)>,
}

impl StepChart {
    /// The chart in words, for formats without pictures.
    pub fn sentence(&self) -> String {
        let parts: Vec<String> = self
            .steps
            .iter()
            .map(|(step, cost, saving, _)| {
                format!(
                    "{} {} a year after step {step} ({} {} spent)",
                    self.currency,
                    money(*saving),
                    self.currency,
                    money(*cost)
                )
            })
            .collect();
        format!("Cumulative saving: {}.", parts.join(", "))
    }
}

/// The section for `report` with the roadmap `r` planned for it.
pub fn roadmap_section(report: &Report, r: &Roadmap) -> Section {
    let cur = report.currency();
    let mut blocks = vec![Block::Paragraph(vec![text(format!(
        "Fixes picked greedily within a budget of {cur} {}, each valued against the model \
         with the earlier picks built (automation today: {} of runs).",
        money(r.plan.budget),
        percent(r.automation_before)
    ))])];
    if r.plan.steps.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            "No fix both saves time and fits the budget.",
        )]));
    } else {
        blocks.push(steps_table(report, r));
        blocks.push(Block::Chart(StepChart {
            currency: cur.to_string(),
            budget: r.plan.budget,
            steps: r
                .plan
                .steps
                .iter()
                .zip(&r.automation_after)
                .map(|(s, a)| (s.step, s.cumulative_cost, s.cumulative_saving, *a))
                .collect(),
        }));
        blocks.push(super::owners::roadmap_block(report, r));
    }
    if r.left_undone.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            "Left undone: nothing; every fix that saves time is in the plan.",
        )]));
    } else {
        blocks.push(Block::Paragraph(vec![text(format!(
            "Left undone: {} fixes costing {cur} {} in all; {} staff hours a year stay in gaps. \
             Valued against the model with the plan built:",
            r.left_undone.len(),
            money(r.undone_cost()),
            hours(r.annual_hours_after)
        ))]));
        blocks.push(left_undone_table(report, r));
    }
    Section {
        id: "roadmap",
        title: "Roadmap".to_string(),
        blocks,
    }
}

/// A fix's name, then its id.
fn named(report: &Report, id: FixId) -> Vec<Span> {
    vec![
        text(fix_name(report.model, id)),
        Span::Break,
        code(id.text(report.model)),
    ]
}

/// The plan's steps, with the running totals and automation after each.
fn steps_table(report: &Report, r: &Roadmap) -> Block {
    let rows = r
        .plan
        .steps
        .iter()
        .zip(&r.automation_after)
        .map(|(s, automation)| {
            vec![
                number_cell(s.step.to_string(), Some(s.step as f64)),
                super::cell(named(report, s.id)),
                text_cell(s.action.as_str()),
                number_cell(money(s.cost), Some(s.cost)),
                number_cell(money(s.annual_saving), Some(s.annual_saving)),
                number_cell(money(s.strategic_value), Some(s.strategic_value)),
                number_cell(money(s.cumulative_cost), Some(s.cumulative_cost)),
                number_cell(money(s.cumulative_saving), Some(s.cumulative_saving)),
                number_cell(percent(*automation), *automation),
            ]
        })
        .collect();
    Block::Table(Table {
        id: "roadmap".to_string(),
        columns: columns(&[
            ("Step", true),
            ("Fix", false),
            ("Action", false),
            ("Cost", true),
            ("Saving/yr", true),
            ("Strategic", true),
            ("Spent", true),
            ("Saved/yr", true),
            ("Automation after", true),
        ]),
        rows,
    })
}

/// The fixes the budget leaves out, valued with the plan built.
fn left_undone_table(report: &Report, r: &Roadmap) -> Block {
    Block::Table(Table {
        id: "left-undone".to_string(),
        columns: columns(&[
            ("#", true),
            ("Fix", false),
            ("Action", false),
            ("Cost", true),
            ("Saving/yr", true),
            ("Strategic", true),
        ]),
        rows: r
            .left_undone
            .iter()
            .map(|f| {
                vec![
                    number_cell(f.rank.to_string(), Some(f.rank as f64)),
                    super::cell(named(report, f.id)),
                    text_cell(f.action.as_str()),
                    number_cell(money(f.cost), Some(f.cost)),
                    number_cell(money(f.annual_saving), Some(f.annual_saving)),
                    number_cell(money(f.strategic_value), Some(f.strategic_value)),
                ]
            })
            .collect(),
    })
}
