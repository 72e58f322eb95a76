//! `gapgraph.explain/v1`: one fix's arithmetic, as wire types built from the
//! [`Explanation`](crate::decide::Explanation), so a renamed field is a compile error.

use std::borrow::Cow;
use std::io::Write;

use indexmap::IndexMap;
use serde::Serialize;

use super::decide::EXPLAIN_SCHEMA;
use super::write_json;
use crate::decide::{ExplainedHandoff, Neighbour};
use crate::model::Model;
use crate::render::{Render, RenderError};
use crate::view::ExplainReport;

#[derive(Serialize)]
struct TermWire {
    weight: f64,
    serves: f64,
    term: f64,
    value: f64,
}
#[derive(Serialize)]
struct HandoffWire<'a> {
    workflow: &'a str,
    step: usize,
    from: &'a str,
    to: &'a str,
    data: &'a str,
    path_before: &'a [String],
    path_after: &'a [String],
    minutes_before: f64,
    minutes_after: f64,
    runs_per_year: f64,
    hourly_cost: f64,
    by: Option<&'a str>,
    annual_hours_saved: f64,
    annual_saving: f64,
    alignment: f64,
    objectives: IndexMap<&'a str, TermWire>,
    strategic_value: f64,
}
#[derive(Serialize)]
struct NeighbourWire<'a> {
    rank: usize,
    id: Cow<'a, str>,
    action: &'static str,
    separated_by: &'static str,
}
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    strategy: Option<&'a str>,
    currency: &'a str,
    rank: usize,
    ranked: usize,
    id: Cow<'a, str>,
    action: &'static str,
    from: &'a str,
    to: &'a str,
    carries: &'a [String],
    cost: f64,
    annual_hours_saved: f64,
    annual_saving: f64,
    strategic_value: f64,
    priority: Option<f64>,
    payback_months: Option<f64>,
    aligned: bool,
    objectives: IndexMap<&'a str, f64>,
    run_cost: f64,
    net_saving: f64,
    npv: f64,
    loses_money: bool,
    horizon_years: f64,
    discount_rate: f64,
    handoffs: Vec<HandoffWire<'a>>,
    above: Option<NeighbourWire<'a>>,
    below: Option<NeighbourWire<'a>>,
}

impl<'a> HandoffWire<'a> {
    fn new(h: &'a ExplainedHandoff) -> Self {
        HandoffWire {
            workflow: &h.workflow,
            step: h.step,
            from: &h.from,
            to: &h.to,
            data: &h.data,
            path_before: &h.path_before,
            path_after: &h.path_after,
            minutes_before: h.minutes_before,
            minutes_after: h.minutes_after,
            runs_per_year: h.runs_per_year,
            hourly_cost: h.hourly_cost,
            by: h.by.as_deref(),
            annual_hours_saved: h.annual_hours_saved,
            annual_saving: h.annual_saving,
            alignment: h.alignment,
            objectives: h
                .objectives
                .iter()
                .map(|o| {
                    (
                        o.objective.as_str(),
                        TermWire {
                            weight: o.weight,
                            serves: o.serves,
                            term: o.term,
                            value: o.value,
                        },
                    )
                })
                .collect(),
            strategic_value: h.strategic_value,
        }
    }
}

impl<'a> NeighbourWire<'a> {
    fn new(model: &'a Model, n: &'a Neighbour) -> Self {
        NeighbourWire {
            rank: n.fix.rank,
            id: n.fix.id.text(model),
            action: n.fix.action.as_str(),
            separated_by: n.key,
        }
    }
}

/// `explain --format json`.
pub struct ExplainJson;

impl Render<ExplainReport<'_>> for ExplainJson {
    fn render(&self, report: &ExplainReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let e = report.explanation;
        let f = &e.fix;
        let model = report.model;
        let document = Document {
            schema: EXPLAIN_SCHEMA,
            strategy: report.strategy.map(|s| s.id.as_str()),
            currency: report.currency,
            rank: f.rank,
            ranked: e.ranked,
            id: f.id.text(model),
            action: f.action.as_str(),
            from: &model.system(f.from).id,
            to: &model.system(f.to).id,
            carries: &f.carries,
            cost: f.cost,
            annual_hours_saved: f.annual_hours_saved,
            annual_saving: f.annual_saving,
            strategic_value: f.strategic_value,
            priority: f.priority,
            payback_months: f.payback_months,
            aligned: f.aligned,
            objectives: f
                .objectives
                .iter()
                .map(|(o, v)| (model.objective(*o).id.as_str(), *v))
                .collect(),
            run_cost: f.run_cost,
            net_saving: f.net_saving,
            npv: f.npv,
            loses_money: f.loses_money(),
            horizon_years: model.defaults.horizon_years,
            discount_rate: model.defaults.discount_rate,
            handoffs: e.handoffs.iter().map(HandoffWire::new).collect(),
            above: e.above.as_ref().map(|n| NeighbourWire::new(model, n)),
            below: e.below.as_ref().map(|n| NeighbourWire::new(model, n)),
        };
        write_json(out, &document)
    }
}
