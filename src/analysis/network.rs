//! The integration graph (petgraph) that every scenario lives in: today's model, or today's
//! model with fixes applied. The searches run over flat arrays built from it (`graph.rs`).

use super::rules;
use petgraph::graph::{DiGraph, NodeIndex};

use super::ids::PathHop;
use crate::model::{Carries, IntegrationIx, Model, SystemIx};

/// One directed hop a handoff can take: an integration of the model or a fix being tried.
#[derive(Clone, Debug)]
pub struct Hop {
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// Human minutes per use (0 when effectively automated).
    pub minutes: f64,
    /// What it moves.
    pub carries: Carries,
    /// What a reported path names it by.
    pub id: PathHop,
    /// The model integration it stands for, if any.
    pub integration: Option<IntegrationIx>,
}

/// The systems and hops of one scenario. Edge weights of the petgraph store are indexes into
/// [`Network::hops`], so a hop added later is also later in file order.
#[derive(Clone, Debug)]
pub struct Network {
    graph: DiGraph<(), usize>,
    hops: Vec<Hop>,
}

/// A least path for one data object between two systems.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// Total human minutes along the path.
    pub minutes: f64,
    /// The hops, in order (indexes into [`Network::hops`]).
    pub hops: Vec<usize>,
}

impl Network {
    /// Today's network: every integration of the model, weighted by its effective mode.
    pub fn of_model(model: &Model) -> Network {
        let mut graph = DiGraph::with_capacity(model.systems.len(), model.integrations.len());
        for _ in &model.systems {
            graph.add_node(());
        }
        let mut network = Network {
            graph,
            hops: Vec::with_capacity(model.integrations.len()),
        };
        for (i, integration) in model.integration_ixs().zip(&model.integrations) {
            network.add(Hop {
                from: integration.from,
                to: integration.to,
                minutes: rules::hop_minutes(
                    model,
                    integration.mode,
                    integration.from,
                    integration.to,
                    integration.minutes,
                ),
                carries: integration.carries.clone(),
                id: PathHop::Integration(i),
                integration: Some(i),
            });
        }
        network
    }

    /// Adds a hop; it is tried after the earlier ones when paths tie.
    pub fn add(&mut self, hop: Hop) {
        self.graph.add_edge(
            NodeIndex::new(hop.from.index()),
            NodeIndex::new(hop.to.index()),
            self.hops.len(),
        );
        self.hops.push(hop);
    }

    /// The minutes of a model integration's hop once automated: into or out of a manual kind
    /// it stays effectively semi, at its own minutes; it is never raised.
    pub fn automated_minutes(&self, model: &Model, integration: IntegrationIx) -> Option<f64> {
        let hop = self.integration_hop(integration)?;
        Some(super::candidates::automated_minutes(
            model,
            integration,
            hop.minutes,
        ))
    }

    /// Makes the hop of a model integration automated (a fix of action `automate`); the
    /// index of that hop.
    pub fn automate(&mut self, model: &Model, integration: IntegrationIx) -> Option<usize> {
        let minutes = self.automated_minutes(model, integration)?;
        let index = self.integration_hop_index(integration)?;
        self.hops[index].minutes = minutes;
        Some(index)
    }

    /// The hop standing for a model integration.
    pub fn integration_hop(&self, integration: IntegrationIx) -> Option<&Hop> {
        // `of_model` adds the integrations first, in order; fall back to a scan otherwise.
        match self.hops.get(integration.index()) {
            Some(hop) if hop.integration == Some(integration) => Some(hop),
            _ => self
                .hops
                .iter()
                .find(|h| h.integration == Some(integration)),
        }
    }

    fn integration_hop_index(&self, integration: IntegrationIx) -> Option<usize> {
        match self.hops.get(integration.index()) {
            Some(hop) if hop.integration == Some(integration) => Some(integration.index()),
            _ => self
                .hops
                .iter()
                .position(|h| h.integration == Some(integration)),
        }
    }

    /// Every hop, integrations first in file order.
    pub fn hops(&self) -> &[Hop] {
        &self.hops
    }

    /// The petgraph store: one node per system, one edge per hop (weight: the hop index).
    pub fn graph(&self) -> &DiGraph<(), usize> {
        &self.graph
    }

    /// The number of systems.
    pub fn systems(&self) -> usize {
        self.graph.node_count()
    }
}
