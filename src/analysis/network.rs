//! The integration graph (petgraph) and handoff resolution (MODEL.md section 4).

use std::cmp::Ordering;
use std::ops::Add;

use petgraph::algo::dijkstra;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeFiltered, EdgeRef};
use petgraph::Direction;

use crate::model::{Carries, Mode, Model};

/// One directed hop a handoff can take: an integration of the model or a fix being tried.
#[derive(Clone, Debug)]
pub struct Hop {
    /// Source system index.
    pub from: usize,
    /// Target system index.
    pub to: usize,
    /// Human minutes per use (0 when effectively automated).
    pub minutes: f64,
    /// What it moves.
    pub carries: Carries,
    /// The id reported in paths.
    pub id: String,
    /// The model integration it stands for, if any.
    pub integration: Option<usize>,
}

/// The systems and hops of one scenario (today's model, or today's model with fixes applied).
#[derive(Clone, Debug)]
pub struct Network {
    graph: DiGraph<(), usize>,
    hops: Vec<Hop>,
    edges: Vec<EdgeIndex>,
}

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
            hops: Vec::new(),
            edges: Vec::new(),
        };
        for (i, integration) in model.integrations.iter().enumerate() {
            network.add(Hop {
                from: integration.from,
                to: integration.to,
                minutes: model.hop_minutes(
                    integration.mode,
                    integration.from,
                    integration.to,
                    integration.minutes,
                ),
                carries: integration.carries.clone(),
                id: integration.id.clone(),
                integration: Some(i),
            });
        }
        network
    }

    /// Adds a hop; it is tried after the earlier ones when paths tie.
    pub fn add(&mut self, hop: Hop) {
        let edge = self.graph.add_edge(
            NodeIndex::new(hop.from),
            NodeIndex::new(hop.to),
            self.hops.len(),
        );
        self.hops.push(hop);
        self.edges.push(edge);
    }

    /// Makes the hop of a model integration automated (a fix of action `automate`); into or
    /// out of a manual kind it stays effectively semi, at its own minutes.
    pub fn automate(&mut self, model: &Model, integration: usize) {
        let minutes = model.integrations[integration].minutes;
        if let Some(hop) = self
            .hops
            .iter_mut()
            .find(|h| h.integration == Some(integration))
        {
            hop.minutes =
                hop.minutes
                    .min(model.hop_minutes(Mode::Automated, hop.from, hop.to, minutes));
        }
    }

    /// Every hop, integrations first in file order.
    pub fn hops(&self) -> &[Hop] {
        &self.hops
    }

    /// The least path carrying `data` from `from` to `to`: least minutes, then fewest hops,
    /// then the earliest hops (file order) walking back from the target.
    pub fn route(&self, from: usize, to: usize, data: &str) -> Option<Route> {
        let hops = &self.hops;
        let carrying =
            |e: petgraph::graph::EdgeReference<'_, usize>| hops[*e.weight()].carries.carries(data);
        let filtered = EdgeFiltered::from_fn(&self.graph, carrying);
        let target = NodeIndex::new(to);
        let costs = dijkstra(&filtered, NodeIndex::new(from), Some(target), |e| Cost {
            minutes: hops[*e.weight()].minutes,
            hops: 1,
        });
        let total = *costs.get(&target)?;
        // Walk back along tight edges; each step strictly lowers the cost (hops >= 1), so it ends.
        let mut path = Vec::new();
        let mut node = target;
        let mut cost = total;
        while node != NodeIndex::new(from) {
            let tight = self
                .graph
                .edges_directed(node, Direction::Incoming)
                .filter(|e| hops[*e.weight()].carries.carries(data))
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
}
