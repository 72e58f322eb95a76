//! The budgeted roadmap (`gapgraph plan`) as a terminal table; its JSON is in `json.rs`.

use std::fmt::Write as _;
use std::io::Write;

use super::{hours, money, Render, RenderError};
use crate::analysis::{Plan, StrategyInForce};
use crate::text::{terminal, TerminalText};

/// What the plan formats show.
#[derive(Clone, Copy)]
pub struct PlanReport<'a> {
    /// The picks.
    pub plan: &'a Plan,
    /// The strategy it was valued under (`None`: the model declares none).
    pub strategy: Option<&'a StrategyInForce>,
    /// Display currency.
    pub currency: &'a str,
}

/// What the whole plan spends and gains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanTotals {
    /// Σ cost.
    pub spent: f64,
    /// Σ annual saving.
    pub annual_saving: f64,
    /// Σ strategic value.
    pub strategic_value: f64,
}

impl PlanReport<'_> {
    /// The running totals after the last step (zero without steps).
    pub fn totals(&self) -> PlanTotals {
        self.plan.steps.last().map_or(
            PlanTotals {
                spent: 0.0,
                annual_saving: 0.0,
                strategic_value: 0.0,
            },
            |s| PlanTotals {
                spent: s.cumulative_cost,
                annual_saving: s.cumulative_saving,
                strategic_value: s.cumulative_strategic_value,
            },
        )
    }
}

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
    let plan = report.plan;
    let currency = terminal(report.currency);
    let totals = report.totals();
    match report.strategy {
        Some(s) => writeln!(
            out,
            "Plan under strategy {} ({}), budget {currency} {}",
            terminal(&s.name),
            s.id,
            money(plan.budget)
        )?,
        None => writeln!(
            out,
            "Plan (no strategies declared), budget {currency} {}",
            money(plan.budget)
        )?,
    }
    if plan.steps.is_empty() {
        writeln!(out, "No fix both saves time and fits the budget.")?;
        return Ok(());
    }
    let mut grid = super::table::grid(&[
        "Step",
        "Fix",
        "Action",
        "Cost",
        "Hours/yr",
        "Saving/yr",
        "Strategic",
        "Spent",
        "Saved/yr",
    ]);
    for s in &plan.steps {
        grid.add_row(vec![
            s.step.to_string(),
            s.id.clone(),
            s.action.as_str().to_string(),
            money(s.cost),
            hours(s.annual_hours_saved),
            money(s.annual_saving),
            money(s.strategic_value),
            money(s.cumulative_cost),
            money(s.cumulative_saving),
        ]);
    }
    super::table::align_right(&mut grid, &[0, 3, 4, 5, 6, 7, 8]);
    writeln!(out, "{grid}")?;
    writeln!(
        out,
        "Spent {currency} {} of {}; saves {currency} {} a year (strategic value {currency} {}).",
        money(totals.spent),
        money(plan.budget),
        money(totals.annual_saving),
        money(totals.strategic_value)
    )
}
