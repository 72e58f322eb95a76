//! The cost of losing each system in turn (`gapgraph impact --each-system`), incrementally:
//! taking a system's integrations out can only lengthen paths, so the only handoffs whose
//! route can change are those that name the system or whose reported path runs through it.
//! One engine serves every system: its integrations' edges are closed (infinite minutes,
//! which no search follows), those handoffs are resolved again, and the edges reopened.
//! The reachability labels of today's network stay valid, since every "no" of a network
//! holds for its parts.

use std::cmp::Ordering;

use super::engine::Engine;
use super::network::Network;
use super::resolve::{resolve_again, resolve_with, Alignment, HandoffResult};
use crate::model::{Model, StrategyIx, SystemIx};

/// What losing one system costs a year: the change in the gaps' figures when every
/// integration from or to it is removed (docs/impact.md).
#[derive(Clone, Debug, PartialEq)]
pub struct SystemLoss {
    /// The system.
    pub system: SystemIx,
    /// Handoffs whose status or minutes change.
    pub handoffs: usize,
    /// Workflows with such a handoff.
    pub workflows: usize,
    /// Handoffs automated today that would no longer be.
    pub automated_lost: usize,
    /// Extra staff hours a year.
    pub annual_hours: f64,
    /// Extra cost a year.
    pub annual_cost: f64,
    /// Extra strategic cost a year (cost × alignment).
    pub strategic_value: f64,
}

/// The loss of every system under the strategy at `strategy`, costliest first (then by
/// strategic value, hours, and file order).
pub fn system_losses(model: &Model, strategy: Option<StrategyIx>) -> Vec<SystemLoss> {
    let alignment = Alignment::new(model, strategy);
    let network = Network::of_model(model);
    let mut engine = Engine::new(model, &network);
    let base = resolve_with(model, &network, &alignment, &mut engine);
    let systems = model.systems.len();
    let mut touching: Vec<Vec<u32>> = vec![Vec::new(); systems];
    let mut ends = Vec::new();
    for (k, h) in base.iter().enumerate() {
        ends.clear();
        ends.extend([h.from, h.to]);
        for i in h.path_integrations() {
            ends.extend([model.integration(i).from, model.integration(i).to]);
        }
        ends.sort_unstable();
        ends.dedup();
        for &s in &ends {
            touching[s.index()].push(k as u32);
        }
    }
    let mut incident: Vec<Vec<u32>> = vec![Vec::new(); systems];
    for (i, integration) in model.integrations.iter().enumerate() {
        // `Network::of_model` adds the integrations first, in order: edge i is integration i.
        incident[integration.from.index()].push(i as u32);
        incident[integration.to.index()].push(i as u32);
    }
    let mut results = base.clone();
    let mut seen = vec![usize::MAX; model.workflows.len()];
    let mut losses: Vec<SystemLoss> = (0..systems)
        .map(|x| {
            for &e in &incident[x] {
                engine.graph.set_minutes(e, f64::INFINITY);
            }
            resolve_again(
                model,
                &network,
                &alignment,
                &mut engine,
                &touching[x],
                &mut results,
            );
            let mut loss = SystemLoss {
                system: SystemIx::new(x),
                handoffs: 0,
                workflows: 0,
                automated_lost: 0,
                annual_hours: 0.0,
                annual_cost: 0.0,
                strategic_value: 0.0,
            };
            for &k in &touching[x] {
                let (b, a) = (&base[k as usize], &results[k as usize]);
                add(&mut loss, b, a, &mut seen[b.workflow.index()], x);
                results[k as usize] = b.clone();
            }
            for &e in &incident[x] {
                engine
                    .graph
                    .set_minutes(e, network.hops()[e as usize].minutes);
            }
            loss
        })
        .collect();
    losses.sort_by(|a, b| {
        b.annual_cost
            .total_cmp(&a.annual_cost)
            .then(b.strategic_value.total_cmp(&a.strategic_value))
            .then(b.annual_hours.total_cmp(&a.annual_hours))
            .then(a.system.cmp(&b.system))
    });
    losses
}

/// Adds one handoff's change (before `b`, after `a`) to `loss`; `seen` marks its workflow
/// as counted for system `x`.
fn add(loss: &mut SystemLoss, b: &HandoffResult, a: &HandoffResult, seen: &mut usize, x: usize) {
    if a.status == b.status && a.minutes.partial_cmp(&b.minutes) == Some(Ordering::Equal) {
        return;
    }
    loss.handoffs += 1;
    if *seen != x {
        *seen = x;
        loss.workflows += 1;
    }
    if b.status == super::Status::Automated {
        loss.automated_lost += 1;
    }
    loss.annual_hours += a.annual_hours - b.annual_hours;
    loss.annual_cost += a.annual_cost - b.annual_cost;
    loss.strategic_value += a.strategic_value - b.strategic_value;
}
