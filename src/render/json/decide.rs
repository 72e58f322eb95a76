//! The JSON documents of the decision commands: `gapgraph.compare/v1`,
//! `gapgraph.diff/v1`, `gapgraph.sensitivity/v1` and `gapgraph.explain/v1`. Kept apart
//! from `json.rs` (the report and the plan) for size only; the same rule holds: wire
//! types here, built from the results, so a renamed field is a compile error.

use std::borrow::Cow;
use std::io::Write;

use indexmap::IndexMap;
use serde::Serialize;

use super::write_json;
use crate::analysis::Status;
use crate::decide::{Diff, GapDelta};
use crate::render::{Render, RenderError};
use crate::view::{CompareReport, ExplainReport, SensitivityReport};

/// The schema of `compare --format json`.
pub const COMPARE_SCHEMA: &str = "gapgraph.compare/v1";
/// The schema of `diff --format json`.
pub const DIFF_SCHEMA: &str = "gapgraph.diff/v1";
/// The schema of `sensitivity --format json`.
pub const SENSITIVITY_SCHEMA: &str = "gapgraph.sensitivity/v1";
/// The schema of `explain --format json`.
pub const EXPLAIN_SCHEMA: &str = "gapgraph.explain/v1";

#[derive(Serialize)]
struct StandingWire {
    rank: usize,
    strategic_value: f64,
    priority: Option<f64>,
    aligned: bool,
}

#[derive(Serialize)]
struct CompareRowWire<'a> {
    id: Cow<'a, str>,
    action: &'static str,
    cost: f64,
    annual_saving: f64,
    strategies: IndexMap<&'a str, Option<StandingWire>>,
}

#[derive(Serialize)]
struct FlipWire<'a> {
    id: Cow<'a, str>,
    action: &'static str,
    high: &'a str,
    high_rank: usize,
    low: &'a str,
    low_rank: usize,
    low_aligned: bool,
    sentence: String,
}

/// `compare --format json`.
pub struct CompareJson;

impl Render<CompareReport<'_>> for CompareJson {
    fn render(&self, report: &CompareReport, out: &mut dyn Write) -> Result<(), RenderError> {
        #[derive(Serialize)]
        struct Document<'a> {
            schema: &'static str,
            currency: &'a str,
            strategies: Vec<&'a str>,
            fixes: Vec<CompareRowWire<'a>>,
            flips: Vec<FlipWire<'a>>,
        }
        let c = report.comparison;
        let ids: Vec<&str> = c.strategies.iter().map(|s| s.id.as_str()).collect();
        let document = Document {
            schema: COMPARE_SCHEMA,
            currency: report.currency,
            strategies: ids.clone(),
            fixes: c
                .rows
                .iter()
                .map(|r| CompareRowWire {
                    id: r.id.text(report.model),
                    action: r.action.as_str(),
                    cost: r.cost,
                    annual_saving: r.annual_saving,
                    strategies: ids
                        .iter()
                        .zip(&r.standings)
                        .map(|(id, s)| {
                            (
                                *id,
                                s.as_ref().map(|s| StandingWire {
                                    rank: s.rank,
                                    strategic_value: s.strategic_value,
                                    priority: s.priority,
                                    aligned: s.aligned,
                                }),
                            )
                        })
                        .collect(),
                })
                .collect(),
            flips: c
                .flips
                .iter()
                .map(|f| FlipWire {
                    id: f.id.text(report.model),
                    action: f.action.as_str(),
                    high: ids[f.high],
                    high_rank: f.high_rank,
                    low: ids[f.low],
                    low_rank: f.low_rank,
                    low_aligned: f.low_aligned,
                    sentence: c.sentence(report.model, f),
                })
                .collect(),
        };
        write_json(out, &document)
    }
}

#[derive(Serialize)]
struct GapWire<'a> {
    workflow: &'a str,
    from: &'a str,
    to: &'a str,
    data: &'a str,
    status_before: Option<&'static str>,
    status_after: Option<&'static str>,
    minutes_before: f64,
    minutes_after: f64,
    annual_cost_before: f64,
    annual_cost_after: f64,
}

impl<'a> From<&'a GapDelta> for GapWire<'a> {
    fn from(g: &'a GapDelta) -> Self {
        GapWire {
            workflow: &g.workflow,
            from: &g.from,
            to: &g.to,
            data: &g.data,
            status_before: g.status_before.map(Status::as_str),
            status_after: g.status_after.map(Status::as_str),
            minutes_before: g.minutes_before,
            minutes_after: g.minutes_after,
            annual_cost_before: g.annual_cost_before,
            annual_cost_after: g.annual_cost_after,
        }
    }
}

#[derive(Serialize)]
struct ChangeWire {
    before: Option<f64>,
    after: Option<f64>,
    delta: Option<f64>,
}

#[derive(Serialize)]
struct SideWire<'a> {
    model: Option<&'a str>,
    strategy: Option<&'a str>,
}

#[derive(Serialize)]
struct IntegrationWire<'a> {
    id: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    mode: Option<&'static str>,
    mode_before: Option<&'static str>,
    mode_after: Option<&'static str>,
}

#[derive(Serialize)]
struct FixMoveWire<'a> {
    id: &'a str,
    action: &'static str,
    rank_before: Option<usize>,
    rank_after: Option<usize>,
}

/// `diff --format json`.
pub struct DiffJson;

impl Render<Diff> for DiffJson {
    fn render(&self, d: &Diff, out: &mut dyn Write) -> Result<(), RenderError> {
        #[derive(Serialize)]
        struct Gaps<'a> {
            closed: Vec<GapWire<'a>>,
            opened: Vec<GapWire<'a>>,
            changed: Vec<GapWire<'a>>,
        }
        #[derive(Serialize)]
        struct Renamed<'a> {
            from: &'a str,
            to: &'a str,
        }
        #[derive(Serialize)]
        struct Workflows<'a> {
            removed: &'a [String],
            added: &'a [String],
            renamed: Vec<Renamed<'a>>,
        }
        #[derive(Serialize)]
        struct Integrations<'a> {
            added: Vec<IntegrationWire<'a>>,
            removed: Vec<IntegrationWire<'a>>,
            changed: Vec<IntegrationWire<'a>>,
        }
        #[derive(Serialize)]
        struct Document<'a> {
            schema: &'static str,
            old: SideWire<'a>,
            new: SideWire<'a>,
            currency: &'a str,
            summary: IndexMap<&'static str, ChangeWire>,
            gaps: Gaps<'a>,
            workflows: Workflows<'a>,
            integrations: Integrations<'a>,
            fixes: Vec<FixMoveWire<'a>>,
        }
        fn one_side(i: &crate::decide::IntegrationChange) -> IntegrationWire<'_> {
            IntegrationWire {
                id: &i.id,
                from: Some(&i.from),
                to: Some(&i.to),
                mode: Some(i.mode.as_str()),
                mode_before: None,
                mode_after: None,
            }
        }
        let document = Document {
            schema: DIFF_SCHEMA,
            old: SideWire {
                model: d.old_name.as_deref(),
                strategy: d.old_strategy.as_deref(),
            },
            new: SideWire {
                model: d.new_name.as_deref(),
                strategy: d.new_strategy.as_deref(),
            },
            currency: &d.currency,
            summary: d
                .summary
                .iter()
                .map(|c| {
                    (
                        c.name,
                        ChangeWire {
                            before: c.before,
                            after: c.after,
                            delta: c.delta(),
                        },
                    )
                })
                .collect(),
            gaps: Gaps {
                closed: d.gaps.closed.iter().map(GapWire::from).collect(),
                opened: d.gaps.opened.iter().map(GapWire::from).collect(),
                changed: d.gaps.changed.iter().map(GapWire::from).collect(),
            },
            workflows: Workflows {
                removed: &d.workflows_removed,
                added: &d.workflows_added,
                renamed: d
                    .renamed
                    .iter()
                    .map(|r| Renamed {
                        from: &r.from,
                        to: &r.to,
                    })
                    .collect(),
            },
            integrations: Integrations {
                added: d.integrations_added.iter().map(one_side).collect(),
                removed: d.integrations_removed.iter().map(one_side).collect(),
                changed: d
                    .modes_changed
                    .iter()
                    .map(|m| IntegrationWire {
                        id: &m.id,
                        from: None,
                        to: None,
                        mode: None,
                        mode_before: Some(m.before.as_str()),
                        mode_after: Some(m.after.as_str()),
                    })
                    .collect(),
            },
            fixes: d
                .fixes
                .iter()
                .map(|f| FixMoveWire {
                    id: &f.id,
                    action: f.action.as_str(),
                    rank_before: f.before,
                    rank_after: f.after,
                })
                .collect(),
        };
        write_json(out, &document)
    }
}

/// `sensitivity --format json`, exactly the fields the issue names.
pub struct SensitivityJson;

impl Render<SensitivityReport<'_>> for SensitivityJson {
    fn render(&self, report: &SensitivityReport, out: &mut dyn Write) -> Result<(), RenderError> {
        #[derive(Serialize)]
        struct FixWire<'a> {
            id: Cow<'a, str>,
            action: &'static str,
            top_share: f64,
            median_rank: usize,
            rank_p5: usize,
            rank_p95: usize,
        }
        #[derive(Serialize)]
        struct Document<'a> {
            schema: &'static str,
            samples: usize,
            spread: f64,
            seed: u64,
            top: usize,
            fixes: Vec<FixWire<'a>>,
        }
        let s = report.sensitivity;
        write_json(
            out,
            &Document {
                schema: SENSITIVITY_SCHEMA,
                samples: s.options.samples,
                spread: s.options.spread,
                seed: s.options.seed,
                top: s.options.top,
                fixes: s
                    .fixes
                    .iter()
                    .map(|f| FixWire {
                        id: f.id.text(report.model),
                        action: f.action.as_str(),
                        top_share: f.top_share,
                        median_rank: f.median_rank,
                        rank_p5: f.rank_p5,
                        rank_p95: f.rank_p95,
                    })
                    .collect(),
            },
        )
    }
}

/// `explain --format json`.
pub struct ExplainJson;

impl Render<ExplainReport<'_>> for ExplainJson {
    fn render(&self, report: &ExplainReport, out: &mut dyn Write) -> Result<(), RenderError> {
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
        let e = report.explanation;
        let f = &e.fix;
        let model = report.model;
        let neighbour = |n: &'_ crate::decide::Neighbour| NeighbourWire {
            rank: n.fix.rank,
            id: n.fix.id.text(model),
            action: n.fix.action.as_str(),
            separated_by: n.key,
        };
        let document = Document {
            schema: EXPLAIN_SCHEMA,
            strategy: report.strategy.map(|s| s.id.as_str()),
            currency: report.currency,
            rank: f.rank,
            ranked: e.ranked,
            id: f.id.text(model),
            action: f.action.as_str(),
            from: &model.systems[f.from].id,
            to: &model.systems[f.to].id,
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
                .map(|(o, v)| (model.objectives[*o].id.as_str(), *v))
                .collect(),
            run_cost: f.run_cost,
            net_saving: f.net_saving,
            npv: f.npv,
            loses_money: f.loses_money(),
            horizon_years: model.defaults.horizon_years,
            discount_rate: model.defaults.discount_rate,
            handoffs: e
                .handoffs
                .iter()
                .map(|h| HandoffWire {
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
                })
                .collect(),
            above: e.above.as_ref().map(neighbour),
            below: e.below.as_ref().map(neighbour),
        };
        write_json(out, &document)
    }
}
