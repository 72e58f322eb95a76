//! The straightforward method of docs/scoring.md, sections 1-5, kept as the specification in code:
//! resolve a handoff with petgraph's Dijkstra over the edges that carry its data; value a fix
//! by applying it to a copy of the network and resolving every gap again; plan by valuing
//! everything again after each pick. Slow (candidates × gaps searches) and obviously right;
//! the engine must give exactly its results.

#![allow(dead_code)]

use std::cmp::Ordering;
use std::ops::Add;

use gapgraph::analysis::{
    candidates, rank, Alignment, Candidate, DefaultHops, Fix, HandoffResult, Improvement,
    MinutesSource, Network, Plan, PlanStep, RankBy, Route, Status,
};
use gapgraph::model::{Mode, Model, Source, StrategyIx};
use petgraph::algo::dijkstra;
use petgraph::graph::NodeIndex;
use petgraph::visit::{EdgeFiltered, EdgeRef};
use petgraph::Direction;

/// Path cost: human minutes first, then fewer hops.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Cost {
    minutes: f64,
    hops: u32,
}

impl Add for Cost {
    type Output = Cost;
    fn add(self, other: Cost) -> Cost {
        Cost {
            minutes: self.minutes + other.minutes,
            hops: self.hops + other.hops,
        }
    }
}

impl PartialOrd for Cost {
    fn partial_cmp(&self, other: &Cost) -> Option<Ordering> {
        match self.minutes.partial_cmp(&other.minutes)? {
            Ordering::Equal => Some(self.hops.cmp(&other.hops)),
            unequal => Some(unequal),
        }
    }
}

/// The least path carrying `data` from `from` to `to`: least minutes, then fewest hops,
/// then the earliest hops (file order) walking back from the target.
pub fn route(network: &Network, from: usize, to: usize, data: &str) -> Option<Route> {
    route_filtered(network, from, to, Some(data))
}

/// The least path from `from` to `to` carrying `data`, or anything when `data` is `None`.
fn route_filtered(network: &Network, from: usize, to: usize, data: Option<&str>) -> Option<Route> {
    let hops = network.hops();
    let graph = network.graph();
    let carries = |hop: usize| data.is_none_or(|d| hops[hop].carries.carries(d));
    let carrying = |e: petgraph::graph::EdgeReference<'_, usize>| carries(*e.weight());
    let filtered = EdgeFiltered::from_fn(graph, carrying);
    let target = NodeIndex::new(to);
    let costs = dijkstra(&filtered, NodeIndex::new(from), Some(target), |e| Cost {
        minutes: hops[*e.weight()].minutes,
        hops: 1,
    });
    let total = *costs.get(&target)?;
    let mut path = Vec::new();
    let mut node = target;
    let mut cost = total;
    while node != NodeIndex::new(from) {
        let tight = graph
            .edges_directed(node, Direction::Incoming)
            .filter(|e| carries(*e.weight()))
            .filter_map(|e| {
                let before = costs.get(&e.source())?;
                let step = Cost {
                    minutes: hops[*e.weight()].minutes,
                    hops: 1,
                };
                (*before + step == cost && before.hops < cost.hops).then_some((
                    *e.weight(),
                    e.source(),
                    *before,
                ))
            })
            .min_by_key(|(hop, _, _)| *hop)?;
        path.push(tight.0);
        node = tight.1;
        cost = tight.2;
    }
    path.reverse();
    Some(Route {
        minutes: total.minutes,
        hops: path,
    })
}

/// Section 4, step 5: a path's minutes, or the handoff's own when it states quicker ones;
/// no path, the handoff's minutes or the default.
pub fn status_and_minutes(
    path_minutes: Option<f64>,
    stated: Option<f64>,
    fallback: f64,
) -> (Status, f64) {
    match (path_minutes, stated) {
        (Some(m), _) if m <= 0.0 => (Status::Automated, 0.0),
        (Some(m), Some(s)) if s < m => (Status::Manual, s),
        (Some(m), _) => (Status::Manual, m),
        (None, _) => (Status::Missing, fallback),
    }
}

fn annual_hours(runs_per_year: f64, minutes: f64) -> f64 {
    runs_per_year * minutes / 60.0
}

/// Which figure the minutes are: the handoff's own only when strictly below the path's.
fn minutes_source(path_minutes: Option<f64>, stated: Option<f64>) -> MinutesSource {
    let fallback_used = match (path_minutes, stated) {
        (None, _) => true,
        (Some(m), Some(s)) => m > 0.0 && s < m,
        (Some(_), None) => false,
    };
    match (fallback_used, stated) {
        (false, _) => MinutesSource::Path,
        (true, Some(_)) => MinutesSource::Handoff,
        (true, None) => MinutesSource::Default,
    }
}

/// Which defaults the hops with human minutes take: a model integration without `minutes`
/// at its effective mode, a new hop at the semi default.
fn default_hops(model: &Model, network: &Network, hops: &[usize]) -> DefaultHops {
    let mut out = DefaultHops::default();
    for hop in hops.iter().map(|h| &network.hops()[*h]) {
        if hop.minutes == 0.0 {
            continue;
        }
        let Some(i) = hop.integration else {
            out.semi = true;
            continue;
        };
        let integration = model.integration(i);
        if integration.minutes.is_none() {
            let manual_end = model.system(integration.from).kind.is_manual()
                || model.system(integration.to).kind.is_manual();
            let effective = if integration.mode == Mode::Automated && manual_end {
                Mode::Semi
            } else {
                integration.mode
            };
            match effective {
                Mode::Manual => out.manual = true,
                _ => out.semi = true,
            }
        }
    }
    out
}

/// Where the minutes used come from: the handoff's own figure, the default, or the weakest
/// of the path's hops with minutes (default < imported < stated < measured).
fn minutes_basis(
    model: &Model,
    network: &Network,
    handoff: &gapgraph::model::Handoff,
    route: Option<&Route>,
    hops: &[usize],
) -> Source {
    match minutes_source(route.map(|r| r.minutes), handoff.minutes) {
        MinutesSource::Handoff => handoff.sources.minutes,
        MinutesSource::Default => Source::Default,
        MinutesSource::Path => {
            let weakness = |s: Source| match s {
                Source::Default => 3,
                Source::Imported => 2,
                Source::Stated => 1,
                Source::Measured => 0,
            };
            hops.iter()
                .map(|h| &network.hops()[*h])
                .filter(|hop| hop.minutes > 0.0)
                .map(|hop| match hop.integration.map(|i| model.integration(i)) {
                    Some(i) if i.minutes.is_some() => i.sources.minutes,
                    _ => Source::Default,
                })
                .max_by_key(|s| weakness(*s))
                .unwrap_or(Source::Stated)
        }
    }
}

/// Every handoff resolved against `network`.
pub fn resolve_all(model: &Model, network: &Network, alignment: &Alignment) -> Vec<HandoffResult> {
    let mut out = Vec::new();
    for (w, workflow) in model.workflow_ixs().zip(&model.workflows) {
        for (i, handoff) in workflow.handoffs.iter().enumerate() {
            // The unit doing the work: the handoff's `by`, else the workflow's.
            let unit = handoff.by.or(workflow.unit);
            let hourly = unit
                .and_then(|u| model.unit(u).hourly_cost)
                .unwrap_or(model.defaults.hourly_cost);
            let runs_per_year = handoff
                .runs
                .map_or(workflow.runs_count * workflow.runs_per.per_year(), |runs| {
                    runs.per_year()
                });
            let route = route(
                network,
                handoff.from.index(),
                handoff.to.index(),
                &handoff.data,
            );
            let fallback = handoff.minutes.unwrap_or(model.defaults.missing_minutes);
            let (status, minutes) =
                status_and_minutes(route.as_ref().map(|r| r.minutes), handoff.minutes, fallback);
            let hops = route.as_ref().map(|r| r.hops.clone()).unwrap_or_default();
            let annual_hours = annual_hours(runs_per_year, minutes);
            let annual_cost = annual_hours * hourly;
            out.push(HandoffResult {
                workflow: w,
                step: i + 1,
                from: handoff.from,
                to: handoff.to,
                status,
                minutes,
                path: hops.iter().map(|h| network.hops()[*h].id).collect(),
                runs_per_year,
                annual_hours,
                annual_cost,
                alignment: alignment.per_workflow[w.index()],
                strategic_value: annual_cost * alignment.per_workflow[w.index()],
                path_minutes: route.as_ref().map(|r| r.minutes),
                fallback_minutes: fallback,
                stated_minutes: handoff.minutes,
                minutes_source: minutes_source(route.as_ref().map(|r| r.minutes), handoff.minutes),
                path_defaults: default_hops(model, network, &hops),
                hourly_cost: hourly,
                minutes_basis: minutes_basis(model, network, handoff, route.as_ref(), &hops),
                runs_basis: if handoff.runs.is_some() {
                    handoff.sources.runs
                } else {
                    workflow.sources.runs
                },
                path_other_data: (status == Status::Missing)
                    .then(|| {
                        route_filtered(network, handoff.from.index(), handoff.to.index(), None)
                    })
                    .flatten()
                    .map(|r| {
                        r.hops
                            .iter()
                            // Compared on today's network only, where every hop is one.
                            .filter_map(|h| network.hops()[*h].integration)
                            .collect()
                    }),
            });
        }
    }
    out
}

/// Values `candidate` applied alone to `network`, whose handoffs resolve to `before`: the
/// spec read literally, every handoff resolved again in the changed network and compared
/// (a handoff may get dearer: a default-priced missing one that gains a longer path).
pub fn value(
    model: &Model,
    network: &Network,
    before: &[HandoffResult],
    alignment: &Alignment,
    candidate: &Candidate,
) -> Fix {
    let mut after_network = network.clone();
    candidate.apply(model, &mut after_network);
    let after = resolve_all(model, &after_network, alignment);
    let mut fix = Fix {
        rank: 0,
        id: candidate.id,
        action: candidate.action,
        from: candidate.from,
        to: candidate.to,
        carries: candidate.carries.clone(),
        cost: candidate.cost,
        annual_hours_saved: 0.0,
        annual_saving: 0.0,
        strategic_value: 0.0,
        priority: None,
        payback_months: None,
        aligned: false,
        workflows: Vec::new(),
        objectives: alignment.objectives().map(|o| (o, 0.0)).collect(),
        improves: Vec::new(),
        raises: Vec::new(),
        integration: candidate.integration,
        run_cost: candidate.run_cost,
        net_saving: 0.0,
        npv: 0.0,
    };
    for (h, a) in before.iter().zip(&after) {
        if a.minutes == h.minutes {
            continue;
        }
        let hours_saved = h.annual_hours - a.annual_hours;
        let saving = h.annual_cost - a.annual_cost;
        fix.annual_hours_saved += hours_saved;
        fix.annual_saving += saving;
        fix.strategic_value += saving * h.alignment;
        for ((_, sum), part) in fix
            .objectives
            .iter_mut()
            .zip(alignment.split(h.workflow, saving))
        {
            *sum += part;
        }
        let change = Improvement {
            workflow: h.workflow,
            step: h.step,
            minutes_before: h.minutes,
            minutes_after: a.minutes,
            annual_hours_saved: hours_saved,
        };
        if a.minutes > h.minutes {
            fix.raises.push(change);
            continue;
        }
        if !fix.workflows.contains(&h.workflow) {
            fix.workflows.push(h.workflow);
        }
        fix.improves.push(change);
    }
    fix.aligned = fix.strategic_value > 0.0;
    fix.priority = (fix.cost > 0.0).then(|| fix.strategic_value / fix.cost);
    fix.net_saving = fix.annual_saving - fix.run_cost;
    fix.payback_months = (fix.net_saving > 0.0).then(|| fix.cost / (fix.net_saving / 12.0));
    let rate = model.defaults.discount_rate;
    let years = model.defaults.horizon_years as i32;
    let mut discounted = 0.0;
    for y in 1..=years {
        discounted += fix.net_saving / (1.0 + rate).powf(f64::from(y));
    }
    fix.npv = -fix.cost + discounted;
    fix
}

/// Every candidate valued alone, those that save hours, ranked.
pub fn ranked_fixes(model: &Model, alignment: &Alignment) -> (Vec<HandoffResult>, Vec<Fix>) {
    let network = Network::of_model(model);
    let before = resolve_all(model, &network, alignment);
    let fixes = candidates(model, &before)
        .iter()
        .map(|c| value(model, &network, &before, alignment, c))
        .filter(|f| f.annual_hours_saved > 0.0)
        .collect();
    (before, rank(model, fixes, RankBy::Priority))
}

/// Picks fixes greedily within `budget`, valuing every remaining candidate again each round.
pub fn plan(model: &Model, strategy: Option<StrategyIx>, budget: f64) -> Plan {
    let alignment = Alignment::new(model, strategy);
    let mut network = Network::of_model(model);
    let mut state = resolve_all(model, &network, &alignment);
    let mut pool = candidates(model, &state);
    let mut picks = Vec::new();
    let mut steps: Vec<PlanStep> = Vec::new();
    let (mut spent, mut saved, mut value_so_far, mut npv_so_far) = (0.0, 0.0, 0.0, 0.0);
    loop {
        let ranked = rank(
            model,
            pool.iter()
                .map(|c| value(model, &network, &state, &alignment, c))
                .filter(|f| f.annual_hours_saved > 0.0)
                .collect(),
            RankBy::Priority,
        );
        let Some(pick) = ranked.into_iter().find(|f| spent + f.cost <= budget) else {
            break;
        };
        let index = pool
            .iter()
            .position(|c| c.id == pick.id && c.action == pick.action)
            .expect("a ranked fix comes from the pool");
        let candidate = pool.remove(index);
        candidate.apply(model, &mut network);
        state = resolve_all(model, &network, &alignment);
        spent += pick.cost;
        saved += pick.annual_saving;
        value_so_far += pick.strategic_value;
        npv_so_far += pick.npv;
        // Its rank in the plan is its step.
        picks.push(Fix {
            rank: steps.len() + 1,
            ..pick.clone()
        });
        steps.push(PlanStep {
            step: steps.len() + 1,
            id: pick.id,
            action: pick.action,
            from: pick.from,
            to: pick.to,
            cost: pick.cost,
            annual_hours_saved: pick.annual_hours_saved,
            annual_saving: pick.annual_saving,
            strategic_value: pick.strategic_value,
            cumulative_cost: spent,
            cumulative_saving: saved,
            cumulative_strategic_value: value_so_far,
            run_cost: pick.run_cost,
            npv: pick.npv,
            cumulative_npv: npv_so_far,
            automation_rate_after: reference_automation_rate(&state),
        });
    }
    Plan {
        budget,
        steps,
        picks,
    }
}

/// Summary `automation_rate` straight from the spec: automated runs over all runs.
fn reference_automation_rate(handoffs: &[HandoffResult]) -> Option<f64> {
    let runs: f64 = handoffs.iter().fold(0.0, |sum, h| sum + h.runs_per_year);
    let automated: f64 = handoffs
        .iter()
        .filter(|h| h.status == Status::Automated)
        .fold(0.0, |sum, h| sum + h.runs_per_year);
    (!handoffs.is_empty()).then(|| automated / runs)
}
