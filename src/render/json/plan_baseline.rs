//! What `gapgraph.plan/v1` keeps of the model at plan time so that a later benefits review
//! (`gapgraph review PLAN MODEL`) needs nothing else: per step the handoffs it closes with
//! their figures then and the owners who must agree, and the systems' satisfaction. Fields
//! only added to the plan document (docs/benefits-review.md).

use serde::Serialize;

use crate::analysis::rules::{handoff_hourly_cost, handoff_runs_per_year};
use crate::analysis::Fix;
use crate::decide::fix_owners;
use crate::model::Model;

/// A handoff a step makes cheaper, with its figures before the step.
#[derive(Serialize)]
pub(super) struct ClosesWire<'a> {
    workflow: &'a str,
    step: usize,
    from: &'a str,
    to: &'a str,
    data: &'a str,
    minutes_before: f64,
    minutes_after: f64,
    runs_per_year: f64,
    hourly_cost: f64,
    annual_hours_before: f64,
    annual_cost_before: f64,
    annual_hours_saved: f64,
    annual_saving: f64,
}

/// The handoffs `pick` makes cheaper at its step, in file order.
pub(super) fn closes<'a>(model: &'a Model, pick: &Fix) -> Vec<ClosesWire<'a>> {
    pick.improves
        .iter()
        .map(|i| {
            let workflow = model.workflow(i.workflow);
            let handoff = &workflow.handoffs[i.step - 1];
            let runs = handoff_runs_per_year(workflow, handoff);
            let rate = handoff_hourly_cost(model, workflow, handoff);
            let hours_before = runs * i.minutes_before / 60.0;
            ClosesWire {
                workflow: &workflow.id,
                step: i.step,
                from: &model.system(handoff.from).id,
                to: &model.system(handoff.to).id,
                data: &handoff.data,
                minutes_before: i.minutes_before,
                minutes_after: i.minutes_after,
                runs_per_year: runs,
                hourly_cost: rate,
                annual_hours_before: hours_before,
                annual_cost_before: hours_before * rate,
                annual_hours_saved: i.annual_hours_saved,
                annual_saving: i.annual_hours_saved * rate,
            }
        })
        .collect()
}

/// Who must agree to `pick` (decide::fix_owners), names in order.
pub(super) fn owners(model: &Model, pick: &Fix) -> Vec<String> {
    fix_owners(model, pick.from, pick.to, &pick.improves)
        .stakes
        .into_iter()
        .map(|s| s.owner)
        .collect()
}

/// A system's users' rating at plan time.
#[derive(Serialize)]
pub(super) struct RatingWire<'a> {
    system: &'a str,
    satisfaction: f64,
}

/// Every rated system, in file order.
pub(super) fn ratings(model: &Model) -> Vec<RatingWire<'_>> {
    model
        .systems
        .iter()
        .filter_map(|s| {
            s.satisfaction.map(|satisfaction| RatingWire {
                system: &s.id,
                satisfaction,
            })
        })
        .collect()
}
