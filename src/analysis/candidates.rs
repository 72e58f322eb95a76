//! Fix candidates (docs/scoring.md, section 3): automate an integration, connect a pair that has
//! gaps, or build a fix the architects catalogued.

use super::rules;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use foldhash::fast::FixedState;
use indexmap::IndexMap;

use super::ids::{FixId, PathHop};
use super::network::{Hop, Network};
use super::resolve::HandoffResult;
use crate::model::{Carries, IntegrationIx, Mode, Model, SystemIx};

/// What a fix does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// Make an existing semi or manual integration automated.
    Automate,
    /// Build a fix listed in the model's `fixes`.
    Catalog,
    /// Build a new automated integration between the two ends of gaps.
    Connect,
}

impl Action {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Automate => "automate",
            Action::Catalog => "catalog",
            Action::Connect => "connect",
        }
    }
}

/// One fix that could be made.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// What it is made from, which names it.
    pub id: FixId,
    /// What it does.
    pub action: Action,
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// What the resulting integration moves.
    pub carries: Carries,
    /// Cost to make.
    pub cost: f64,
    /// Running cost a year once made.
    pub run_cost: f64,
    /// The integration it automates (automate).
    pub integration: Option<IntegrationIx>,
}

impl Candidate {
    /// The minutes of the fix's hop once it is made, in `network`: the one effective-weight
    /// rule that every engine uses. A new hop is automated, but into or out of a manual kind
    /// it stays effectively semi; automating an existing hop never raises it.
    pub fn minutes_after(&self, model: &Model, network: &Network) -> f64 {
        self.minutes_after_hop(model, |i| network.integration_hop(i).map(|h| h.minutes))
    }

    /// [`Candidate::minutes_after`] with `hop` giving the minutes of a model integration's
    /// hop in the scenario (`None`: it has none).
    pub fn minutes_after_hop(
        &self,
        model: &Model,
        hop: impl Fn(IntegrationIx) -> Option<f64>,
    ) -> f64 {
        let automated = rules::hop_minutes(model, Mode::Automated, self.from, self.to, None);
        match self.integration {
            Some(i) => hop(i).map_or(automated, |m| automated_minutes(model, i, m)),
            None => automated,
        }
    }

    /// Applies the fix to a network; the index of the hop it added or changed.
    pub fn apply(&self, model: &Model, network: &mut Network) -> Option<usize> {
        match self.integration {
            Some(i) => network.automate(model, i),
            None => {
                network.add(Hop {
                    from: self.from,
                    to: self.to,
                    minutes: self.minutes_after(model, network),
                    carries: self.carries.clone(),
                    id: PathHop::Fix(self.id),
                    integration: None,
                });
                Some(network.hops().len() - 1)
            }
        }
    }
}

/// The minutes of model integration `integration`'s hop, of `minutes` now, once automated:
/// into or out of a manual kind it stays effectively semi, at its own minutes; it is never
/// raised.
pub fn automated_minutes(model: &Model, integration: IntegrationIx, minutes: f64) -> f64 {
    let i = model.integration(integration);
    let automated = rules::hop_minutes(model, Mode::Automated, i.from, i.to, i.minutes);
    minutes.min(automated)
}

/// Maps keyed by system pairs: foldhash with a fixed seed (iteration order never shows: the
/// pairs keep insertion order or are only looked up).
type PairMap<V> = HashMap<(SystemIx, SystemIx), V, FixedState>;

/// The data of today's gaps per (from, to) pair, pairs and data in order of first appearance.
fn gap_data<'m>(
    model: &'m Model,
    handoffs: &[HandoffResult],
) -> IndexMap<(SystemIx, SystemIx), Vec<&'m str>, FixedState> {
    let mut pairs: IndexMap<(SystemIx, SystemIx), Vec<&str>, FixedState> = IndexMap::default();
    for h in handoffs.iter().filter(|h| h.status.is_gap()) {
        let data = pairs.entry((h.from, h.to)).or_default();
        let datum = h.data(model);
        if !data.contains(&datum) {
            data.push(datum);
        }
    }
    pairs
}

/// Owned copies of a list of data names.
fn owned(data: &[&str]) -> Carries {
    Carries(data.iter().map(|d| (*d).to_string()).collect())
}

/// Every candidate of today's model: automate (integration order), connect (pairs in order
/// of first gap), catalog (file order), with the catalog's pairs removing the others.
pub fn candidates(model: &Model, handoffs: &[HandoffResult]) -> Vec<Candidate> {
    let catalogued: HashSet<(SystemIx, SystemIx), FixedState> =
        model.fixes.iter().map(|f| (f.from, f.to)).collect();
    let mut out = Vec::new();
    let mut automate_by_pair: PairMap<Vec<usize>> = PairMap::default();
    for (i, integration) in model.integration_ixs().zip(&model.integrations) {
        let (from, to) = (integration.from, integration.to);
        let automatable = rules::effective_mode(model, integration.mode, from, to)
            != Mode::Automated
            && !rules::is_manual_system(model, from)
            && !rules::is_manual_system(model, to);
        if automatable && !catalogued.contains(&(from, to)) {
            automate_by_pair
                .entry((from, to))
                .or_default()
                .push(out.len());
            out.push(Candidate {
                id: FixId::Automate(i),
                action: Action::Automate,
                from,
                to,
                carries: integration.carries.clone(),
                cost: integration
                    .fix_cost
                    .unwrap_or(model.defaults.integration_cost),
                run_cost: integration.run_cost.unwrap_or(model.defaults.run_cost),
                integration: Some(i),
            });
        }
    }
    let gaps = gap_data(model, handoffs);
    // At most one connect per gap pair and one per catalog fix: one allocation, not a
    // doubling series of copies of a list that reaches 400k candidates at landscape scale.
    out.reserve(gaps.len() + model.fixes.len());
    for (&(from, to), data) in &gaps {
        if rules::is_manual_system(model, from)
            || rules::is_manual_system(model, to)
            || catalogued.contains(&(from, to))
        {
            continue;
        }
        let covered = automate_by_pair.get(&(from, to)).is_some_and(|automates| {
            automates
                .iter()
                .any(|c| data.iter().all(|d| out[*c].carries.carries(d)))
        });
        if !covered {
            out.push(Candidate {
                id: FixId::Connect { from, to },
                action: Action::Connect,
                from,
                to,
                carries: owned(data),
                cost: model.defaults.integration_cost,
                run_cost: model.defaults.run_cost,
                integration: None,
            });
        }
    }
    for (f, fix) in model.catalog_fix_ixs().zip(&model.fixes) {
        out.push(Candidate {
            id: FixId::Catalog(f),
            action: Action::Catalog,
            from: fix.from,
            to: fix.to,
            carries: fix.carries.clone().unwrap_or_else(|| {
                gaps.get(&(fix.from, fix.to))
                    .map_or_else(|| Carries(Arc::from([])), |data| owned(data))
            }),
            cost: fix.cost,
            run_cost: fix.run_cost.unwrap_or(model.defaults.run_cost),
            integration: None,
        });
    }
    out
}
