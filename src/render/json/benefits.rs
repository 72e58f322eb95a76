//! The `gapgraph.benefits/v1` document: a kept plan reviewed against the model now
//! (`gapgraph review PLAN MODEL --format json`). Full precision; `null` where the plan or
//! the model does not give a figure.

use std::io::Write;

use serde::Serialize;

use super::write_json;
use crate::decide::{Built, Realised, StepReview};
use crate::model::Model;
use crate::render::{Render, RenderError};
use crate::view::BenefitsReview;

/// The schema name of the benefits review.
pub const BENEFITS_SCHEMA: &str = "gapgraph.benefits/v1";

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    plan_schema: &'a str,
    plan_model: Option<&'a str>,
    model: Option<&'a str>,
    currency: &'a str,
    plan_currency: &'a str,
    budget: f64,
    summary: Summary,
    steps: Vec<StepWire<'a>>,
    built_not_planned: Vec<UnplannedWire<'a>>,
    satisfaction: Option<Vec<RatingWire<'a>>>,
    plan_lacks: Vec<&'static str>,
}

#[derive(Serialize)]
struct Summary {
    planned: usize,
    built: usize,
    not_built: usize,
    built_not_planned: usize,
    forecast_annual_hours_saved: f64,
    forecast_annual_saving: f64,
    realised_annual_hours_saved: Option<f64>,
    realised_annual_saving: Option<f64>,
    automation_rate_before: Option<f64>,
    automation_rate_forecast: Option<f64>,
    automation_rate_now: Option<f64>,
    annual_hours_before: Option<f64>,
    annual_cost_before: Option<f64>,
    annual_hours_now: f64,
    annual_cost_now: f64,
}

#[derive(Serialize)]
struct StepWire<'a> {
    step: usize,
    id: &'a str,
    action: &'a str,
    from: &'a str,
    to: &'a str,
    built: bool,
    matched_by: Option<&'static str>,
    integration: Option<&'a str>,
    integration_mode: Option<&'static str>,
    cost: f64,
    actual_cost: Option<f64>,
    forecast_annual_hours_saved: f64,
    forecast_annual_saving: f64,
    realised: Option<RealisedWire<'a>>,
    owners: Option<&'a [String]>,
}

#[derive(Serialize)]
struct RealisedWire<'a> {
    annual_hours_saved: f64,
    annual_saving: f64,
    annual_hours_now: f64,
    annual_cost_now: f64,
    basis: &'static str,
    handoffs: Vec<HandoffWire<'a>>,
}

#[derive(Serialize)]
struct HandoffWire<'a> {
    workflow: &'a str,
    step: usize,
    data: &'a str,
    annual_hours_before: f64,
    annual_cost_before: f64,
    /// Where it is now (`null`: no longer in the model).
    workflow_now: Option<&'a str>,
    step_now: Option<usize>,
    status_now: Option<&'static str>,
    annual_hours_now: Option<f64>,
    annual_cost_now: Option<f64>,
    counted_earlier: bool,
}

#[derive(Serialize)]
struct UnplannedWire<'a> {
    id: &'a str,
    action: &'a str,
    from: &'a str,
    to: &'a str,
    matched_by: Option<&'static str>,
    integration: Option<&'a str>,
    cost: f64,
    actual_cost: Option<f64>,
    forecast_annual_saving: f64,
}

#[derive(Serialize)]
struct RatingWire<'a> {
    system: &'a str,
    before: f64,
    after: f64,
    connected_by_built_fix: bool,
}

fn matched(
    model: &Model,
    built: Built,
) -> (Option<&'static str>, Option<&str>, Option<&'static str>) {
    let by = match built {
        Built::ById(_) => Some("id"),
        Built::ByEnds(_) => Some("ends"),
        Built::Partly(_) | Built::No => None,
    };
    let integration = built.integration().map(|k| &model.integrations[k]);
    (
        by,
        integration.map(|i| i.id.as_str()),
        integration.map(|i| i.mode.as_str()),
    )
}

fn realised<'a>(review: &BenefitsReview<'a>, r: &'a Realised) -> RealisedWire<'a> {
    let model = review.model;
    RealisedWire {
        annual_hours_saved: r.annual_hours_saved,
        annual_saving: r.annual_saving,
        annual_hours_now: r.annual_hours_now,
        annual_cost_now: r.annual_cost_now,
        basis: r.basis.as_str(),
        handoffs: r
            .handoffs
            .iter()
            .map(|h| {
                let now = h.now.map(|k| &review.analysis.handoffs[k]);
                HandoffWire {
                    workflow: &h.planned.workflow,
                    step: h.planned.step,
                    data: &h.planned.data,
                    annual_hours_before: h.planned.annual_hours_before,
                    annual_cost_before: h.planned.annual_cost_before,
                    workflow_now: now.map(|n| model.workflow(n.workflow).id.as_str()),
                    step_now: now.map(|n| n.step),
                    status_now: now.map(|n| n.status.as_str()),
                    annual_hours_now: now.map(|n| n.annual_hours),
                    annual_cost_now: now.map(|n| n.annual_cost),
                    counted_earlier: h.counted_earlier,
                }
            })
            .collect(),
    }
}

fn step<'a>(review: &BenefitsReview<'a>, s: &'a StepReview) -> StepWire<'a> {
    let (by, integration, mode) = matched(review.model, s.built);
    let p = &s.planned;
    StepWire {
        step: p.step,
        id: &p.id,
        action: &p.action,
        from: &p.from,
        to: &p.to,
        built: s.built.is_built(),
        matched_by: by,
        integration,
        integration_mode: mode,
        cost: p.cost,
        actual_cost: s.actual_cost,
        forecast_annual_hours_saved: p.annual_hours_saved,
        forecast_annual_saving: p.annual_saving,
        realised: s.realised.as_ref().map(|r| realised(review, r)),
        owners: p.owners.as_deref(),
    }
}

/// `review --format json`.
pub struct BenefitsJson;

impl Render<BenefitsReview<'_>> for BenefitsJson {
    fn render(&self, review: &BenefitsReview, out: &mut dyn Write) -> Result<(), RenderError> {
        let b = review.benefits;
        let base = &b.baseline;
        let (built, not_built) = b.built_count();
        let realised = b.realised_total();
        let summary = Summary {
            planned: b.steps.len(),
            built,
            not_built,
            built_not_planned: b.unplanned.len(),
            forecast_annual_hours_saved: base.steps.iter().map(|s| s.annual_hours_saved).sum(),
            forecast_annual_saving: base.steps.iter().map(|s| s.annual_saving).sum(),
            realised_annual_hours_saved: realised.map(|r| r.0),
            realised_annual_saving: realised.map(|r| r.1),
            automation_rate_before: base.automation_rate_before,
            automation_rate_forecast: base.automation_forecast(),
            automation_rate_now: b.automation_now,
            annual_hours_before: base.annual_hours_before,
            annual_cost_before: base.annual_cost_before,
            annual_hours_now: b.annual_hours_now,
            annual_cost_now: b.annual_cost_now,
        };
        let document = Document {
            schema: BENEFITS_SCHEMA,
            plan_schema: &base.schema,
            plan_model: base.model.as_deref(),
            model: review.model.name.as_deref(),
            currency: &review.model.currency,
            plan_currency: &base.currency,
            budget: base.budget,
            summary,
            steps: b.steps.iter().map(|s| step(review, s)).collect(),
            built_not_planned: b
                .unplanned
                .iter()
                .map(|u| {
                    let (by, integration, _) = matched(review.model, u.built);
                    UnplannedWire {
                        id: &u.fix.id,
                        action: &u.fix.action,
                        from: &u.fix.from,
                        to: &u.fix.to,
                        matched_by: by,
                        integration,
                        cost: u.fix.cost,
                        actual_cost: u.actual_cost,
                        forecast_annual_saving: u.fix.annual_saving,
                    }
                })
                .collect(),
            satisfaction: b.ratings.as_ref().map(|rs| {
                rs.iter()
                    .map(|r| RatingWire {
                        system: &review.model.systems[r.system].id,
                        before: r.before,
                        after: r.after,
                        connected_by_built_fix: r.touched,
                    })
                    .collect()
            }),
            plan_lacks: base.lacks(),
        };
        write_json(out, &document)
    }
}
