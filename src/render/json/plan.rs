//! The `gapgraph.plan/v1` document: a budgeted roadmap's steps and what it left undone.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use super::plan_baseline::{closes, owners, ratings, ClosesWire, RatingWire};
use super::{write_json, PLAN_SCHEMA};
use crate::analysis::{Fix, PlanStep};
use crate::model::Model;
use crate::render::{Render, RenderError};
use crate::view::PlanReport;

/// The plan document.
#[derive(Serialize)]
struct PlanDocument<'a> {
    schema: &'static str,
    strategy: Option<&'a str>,
    currency: &'a str,
    budget: f64,
    spent: f64,
    annual_saving: f64,
    strategic_value: f64,
    automation_rate_before: Option<f64>,
    steps: Vec<PlanStepWire<'a>>,
    left_undone: Vec<UndoneWire<'a>>,
    /// The model's name, for the benefits review's title.
    model: Option<&'a str>,
    /// Summary `annual_hours` and `annual_cost` of the gaps at plan time.
    annual_hours_before: f64,
    annual_cost_before: f64,
    /// Rated systems at plan time, for the benefits review's before/after.
    satisfaction: Vec<RatingWire<'a>>,
}

/// A fix the budget left undone, valued against the model with every pick built.
#[derive(Serialize)]
struct UndoneWire<'a> {
    rank: usize,
    id: Cow<'a, str>,
    action: &'static str,
    from: &'a str,
    to: &'a str,
    cost: f64,
    annual_hours_saved: f64,
    annual_saving: f64,
    strategic_value: f64,
    carries: &'a [String],
}

#[derive(Serialize)]
struct PlanStepWire<'a> {
    step: usize,
    id: Cow<'a, str>,
    action: &'static str,
    from: &'a str,
    to: &'a str,
    cost: f64,
    annual_hours_saved: f64,
    annual_saving: f64,
    strategic_value: f64,
    cumulative_cost: f64,
    cumulative_saving: f64,
    cumulative_strategic_value: f64,
    automation_rate: Option<f64>,
    run_cost: f64,
    npv: f64,
    cumulative_npv: f64,
    loses_money: bool,
    carries: &'a [String],
    closes: Vec<ClosesWire<'a>>,
    owners: Vec<String>,
}

impl<'a> PlanStepWire<'a> {
    fn new(
        model: &'a Model,
        (s, pick): (&'a PlanStep, &'a Fix),
        automation_rate: Option<f64>,
    ) -> Self {
        PlanStepWire {
            step: s.step,
            id: s.id.text(model),
            action: s.action.as_str(),
            from: &model.system(s.from).id,
            to: &model.system(s.to).id,
            cost: s.cost,
            annual_hours_saved: s.annual_hours_saved,
            annual_saving: s.annual_saving,
            strategic_value: s.strategic_value,
            cumulative_cost: s.cumulative_cost,
            cumulative_saving: s.cumulative_saving,
            cumulative_strategic_value: s.cumulative_strategic_value,
            automation_rate,
            run_cost: s.run_cost,
            npv: s.npv,
            cumulative_npv: s.cumulative_npv,
            loses_money: s.npv < 0.0,
            carries: &pick.carries,
            closes: closes(model, pick),
            owners: owners(model, pick),
        }
    }
}

/// `plan --format json`.
pub struct PlanJson;

impl Render<PlanReport<'_>> for PlanJson {
    fn streams(&self) -> bool {
        true
    }

    fn render(&self, report: &PlanReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let totals = report.totals();
        let document = PlanDocument {
            schema: PLAN_SCHEMA,
            strategy: report.strategy.map(|s| s.id.as_str()),
            currency: report.currency,
            budget: report.plan().budget,
            spent: totals.spent,
            annual_saving: totals.annual_saving,
            strategic_value: totals.strategic_value,
            automation_rate_before: report.roadmap.automation_before,
            steps: report
                .plan()
                .steps
                .iter()
                .zip(&report.plan().picks)
                .zip(&report.roadmap.automation_after)
                .map(|(s, a)| PlanStepWire::new(report.model, s, *a))
                .collect(),
            left_undone: report
                .roadmap
                .left_undone
                .iter()
                .map(|f| UndoneWire {
                    rank: f.rank,
                    id: f.id.text(report.model),
                    action: f.action.as_str(),
                    from: &report.model.system(f.from).id,
                    to: &report.model.system(f.to).id,
                    cost: f.cost,
                    annual_hours_saved: f.annual_hours_saved,
                    annual_saving: f.annual_saving,
                    strategic_value: f.strategic_value,
                    carries: &f.carries,
                })
                .collect(),
            model: report.model.name.as_deref(),
            annual_hours_before: report.roadmap.annual_hours_before,
            annual_cost_before: report.roadmap.annual_cost_before,
            satisfaction: ratings(report.model),
        };
        write_json(out, &document)
    }
}
