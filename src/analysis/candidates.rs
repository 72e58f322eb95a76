//! Fix candidates (MODEL.md section 5): automate an integration, connect a pair that has
//! gaps, or build a fix the architects catalogued.

use super::network::{Hop, Network};
use super::resolve::HandoffResult;
use crate::model::{Carries, Mode, Model};

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
    /// Fix id.
    pub id: String,
    /// What it does.
    pub action: Action,
    /// Source system index.
    pub from: usize,
    /// Target system index.
    pub to: usize,
    /// What the resulting integration moves.
    pub carries: Carries,
    /// Cost to make.
    pub cost: f64,
    /// Display name (catalog fixes).
    pub name: Option<String>,
    /// The integration it automates (automate).
    pub integration: Option<usize>,
}

impl Candidate {
    /// Applies the fix to a network.
    pub fn apply(&self, model: &Model, network: &mut Network) {
        match self.integration {
            Some(i) => network.automate(model, i),
            None => network.add(Hop {
                from: self.from,
                to: self.to,
                minutes: model.hop_minutes(Mode::Automated, self.from, self.to, None),
                carries: self.carries.clone(),
                id: self.id.clone(),
                integration: None,
            }),
        }
    }
}

/// The data of today's gaps from `from` to `to`, in order of first appearance.
fn gap_data(handoffs: &[HandoffResult], from: usize, to: usize) -> Vec<String> {
    let mut data: Vec<String> = Vec::new();
    for h in handoffs
        .iter()
        .filter(|h| h.status.is_gap() && h.from_index == from && h.to_index == to)
    {
        if !data.contains(&h.data) {
            data.push(h.data.clone());
        }
    }
    data
}

/// Every candidate of today's model: automate (integration order), connect (pairs in order
/// of first gap), catalog (file order), with the catalog's pairs removing the others.
pub fn candidates(model: &Model, handoffs: &[HandoffResult]) -> Vec<Candidate> {
    let catalogued =
        |from: usize, to: usize| model.fixes.iter().any(|f| f.from == from && f.to == to);
    let mut out = Vec::new();
    for (i, integration) in model.integrations.iter().enumerate() {
        let (from, to) = (integration.from, integration.to);
        let automatable = model.effective_mode(integration.mode, from, to) != Mode::Automated
            && !model.is_manual_system(from)
            && !model.is_manual_system(to);
        if automatable && !catalogued(from, to) {
            out.push(Candidate {
                id: integration.id.clone(),
                action: Action::Automate,
                from,
                to,
                carries: integration.carries.clone(),
                cost: integration
                    .fix_cost
                    .unwrap_or(model.defaults.integration_cost),
                name: integration.name.clone(),
                integration: Some(i),
            });
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for h in handoffs.iter().filter(|h| h.status.is_gap()) {
        if !pairs.contains(&(h.from_index, h.to_index)) {
            pairs.push((h.from_index, h.to_index));
        }
    }
    for (from, to) in pairs {
        if model.is_manual_system(from) || model.is_manual_system(to) || catalogued(from, to) {
            continue;
        }
        let data = gap_data(handoffs, from, to);
        let covered = out.iter().any(|c: &Candidate| {
            c.action == Action::Automate
                && c.from == from
                && c.to == to
                && data.iter().all(|d| c.carries.carries(d))
        });
        if !covered {
            out.push(Candidate {
                id: format!("{}->{}", model.systems[from].id, model.systems[to].id),
                action: Action::Connect,
                from,
                to,
                carries: Carries(data),
                cost: model.defaults.integration_cost,
                name: None,
                integration: None,
            });
        }
    }
    for fix in &model.fixes {
        out.push(Candidate {
            id: fix.id.clone(),
            action: Action::Catalog,
            from: fix.from,
            to: fix.to,
            carries: fix
                .carries
                .clone()
                .unwrap_or_else(|| Carries(gap_data(handoffs, fix.from, fix.to))),
            cost: fix.cost,
            name: fix.name.clone(),
            integration: None,
        });
    }
    out
}
