//! The budgeted roadmap (`gapgraph plan`): a terminal table and the `gapgraph.plan/v1` JSON.

use std::io::Write;

use serde::Serialize;

use super::json::write_json as write_pretty_json;
use super::{hours, money, RenderError};
use crate::analysis::{Plan, PlanStep, StrategyInForce};

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    strategy: Option<&'a str>,
    currency: &'a str,
    budget: f64,
    spent: f64,
    annual_saving: f64,
    strategic_value: f64,
    steps: &'a [PlanStep],
}

fn totals(plan: &Plan) -> (f64, f64, f64) {
    plan.steps.last().map_or((0.0, 0.0, 0.0), |s| {
        (
            s.cumulative_cost,
            s.cumulative_saving,
            s.cumulative_strategic_value,
        )
    })
}

/// `plan --format json`.
pub fn write_json(
    plan: &Plan,
    strategy: Option<&StrategyInForce>,
    currency: &str,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let (spent, annual_saving, strategic_value) = totals(plan);
    let document = Document {
        schema: "gapgraph.plan/v1",
        strategy: strategy.map(|s| s.id.as_str()),
        currency,
        budget: plan.budget,
        spent,
        annual_saving,
        strategic_value,
        steps: &plan.steps,
    };
    write_pretty_json(out, &document)
}

/// `plan --format table`.
pub fn write_table(
    plan: &Plan,
    strategy: Option<&StrategyInForce>,
    currency: &str,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let (spent, saving, value) = totals(plan);
    match strategy {
        Some(s) => writeln!(
            out,
            "Plan under strategy {} ({}), budget {currency} {}",
            super::escape::terminal(&s.name),
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
        money(spent),
        money(plan.budget),
        money(saving),
        money(value)
    )?;
    Ok(())
}
