//! The search engine shared by resolution, valuation and plans: the model's handoffs keyed by
//! interned data, the flat graph of the current scenario, and reusable search buffers.
//!
//! Resolution runs one forward search per (source, data) group of handoffs and reads every
//! handoff of the group off it, with the reported path walked back over tight edges.

use super::graph::{DataIds, Direction, Graph};
use super::network::{Network, Route};
use super::reach::Reach;
use super::search::{Query, Search};
use crate::model::Model;
use crate::parallel;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// One handoff of the model, by indexes.
#[derive(Clone, Copy, Debug)]
pub struct HandoffKey {
    /// Workflow index.
    pub workflow: u32,
    /// 0-based step in the workflow.
    pub step: u32,
    /// Source system.
    pub from: u32,
    /// Target system.
    pub to: u32,
    /// Interned data object.
    pub data: u32,
}

/// Handoffs, graph and buffers of one scenario.
#[derive(Clone, Debug)]
pub struct Engine {
    /// The interned data objects of the handoffs.
    pub data: DataIds,
    /// Every handoff, workflows in file order, steps in order.
    pub keys: Vec<HandoffKey>,
    /// The handoffs of each data object, in file order.
    pub by_data: Vec<Vec<u32>>,
    /// The current scenario's graph.
    pub graph: Graph,
    /// The main search (forward groups).
    pub search: Search,
    /// A second search (reverse groups).
    pub reverse: Search,
    /// A third search (exact checks).
    pub check: Search,
    /// Which systems may reach which, over every hop of the scenario (or of a larger one).
    reach: Reach,
    order: Vec<u32>,
}

impl Engine {
    /// The engine for `model` in the scenario `network`.
    pub fn new(model: &Model, network: &Network) -> Engine {
        let mut data = DataIds::default();
        let mut keys = Vec::new();
        let mut by_data: Vec<Vec<u32>> = Vec::new();
        for (w, workflow) in model.workflows.iter().enumerate() {
            for (i, handoff) in workflow.handoffs.iter().enumerate() {
                let d = data.intern(&handoff.data);
                if d as usize == by_data.len() {
                    by_data.push(Vec::new());
                }
                by_data[d as usize].push(keys.len() as u32);
                keys.push(HandoffKey {
                    workflow: w as u32,
                    step: i as u32,
                    from: handoff.from.index() as u32,
                    to: handoff.to.index() as u32,
                    data: d,
                });
            }
        }
        let graph = Graph::build(network, &data);
        let nodes = graph.nodes();
        let reach = Reach::of_network(network);
        Engine {
            data,
            keys,
            by_data,
            graph,
            search: Search::new(nodes),
            reverse: Search::new(nodes),
            check: Search::new(nodes),
            reach,
            order: Vec::new(),
        }
    }

    /// Brings the graph up to date after hop `hop` of `network` changed, keeping the
    /// reachability test (a plan sets that once, for today's network with every candidate
    /// applied ([`Engine::keep_reach`]), which every later scenario is part of). A pick
    /// either lowers a hop's minutes or appends one hop, so the graph becomes exactly the
    /// one [`Graph::build`] makes of `network`, without building it again.
    pub fn update_graph(&mut self, network: &Network, hop: usize) {
        let changed = &network.hops()[hop];
        if hop < self.graph.edge_count() {
            self.graph.set_minutes(hop as u32, changed.minutes);
        } else {
            debug_assert_eq!(
                hop,
                self.graph.edge_count(),
                "hops are appended one at a time"
            );
            let carried = self.data.of_carries(&changed.carries.0);
            self.graph.push_edge(
                changed.from.index(),
                changed.to.index(),
                changed.minutes,
                carried.as_deref(),
            );
        }
    }

    /// Tests reachability with `reach` from now on: it must know every hop of every graph the
    /// engine is given (its "no" must hold for them).
    pub fn keep_reach(&mut self, reach: Reach) {
        self.reach = reach;
    }

    /// Whether `from` may reach `to` (a "no" is exact).
    pub fn may_reach(&self, from: usize, to: usize) -> bool {
        self.reach.may_reach(from, to)
    }

    /// The least route of each handoff in `handoffs` (indexes into `keys`), in the order
    /// given; one forward search per (source, data) group, for the targets it may reach,
    /// through the systems from which one of them may be reached. The engine's graph may be
    /// today's or the one ignoring data: both keep only hops of the network `reach` knows.
    pub fn routes(&mut self, handoffs: &[u32]) -> Vec<Option<Route>> {
        let mut routes = vec![None; handoffs.len()];
        self.searched(handoffs, |graph, search, i, (from, to, data)| {
            routes[i] = walk_back(graph, search, from, to, data);
        });
        routes
    }

    /// The least route's minutes of each handoff in `handoffs`, into `minutes` in the order
    /// given: [`Engine::routes`]'s minutes, by the same searches, without walking the paths
    /// back.
    pub fn route_minutes(&mut self, handoffs: &[u32], minutes: &mut Vec<Option<f64>>) {
        minutes.clear();
        minutes.resize(handoffs.len(), None);
        self.searched(handoffs, |_, search, i, (_, to, _)| {
            minutes[i] = search.settled(to).map(|c| c.minutes);
        });
    }

    /// [`Engine::routes`] on every core (at most [`MAX_WORKERS`]) for a long list: the
    /// (source, data) groups are cut into runs of about [`RUN`] handoffs, taken in turn by
    /// workers with buffers of their own. Each group's search starts from reset buffers and
    /// reads nothing another search left, so every route is the one [`Engine::routes`]
    /// finds, whatever the cores.
    pub fn routes_on_all_cores(&mut self, handoffs: &[u32]) -> Vec<Option<Route>> {
        let workers = parallel::workers(MAX_WORKERS);
        if workers < 2 || handoffs.len() < 2 * RUN {
            return self.routes(handoffs);
        }
        let order = self.grouped(handoffs);
        let key = |i: &u32| {
            let k = self.keys[handoffs[*i as usize] as usize];
            (k.from, k.data)
        };
        // Cut only between groups, so that no group is searched twice.
        let mut runs: Vec<&[u32]> = Vec::new();
        let mut rest = order.as_slice();
        while rest.len() > RUN {
            let mut cut = RUN;
            while cut < rest.len() && key(&rest[cut - 1]) == key(&rest[cut]) {
                cut += 1;
            }
            let (run, after) = rest.split_at(cut);
            runs.push(run);
            rest = after;
        }
        runs.push(rest);
        let next = AtomicUsize::new(0);
        let found = parallel::on_workers(workers, || self.routes_of_runs(handoffs, &runs, &next));
        self.order = order;
        let mut routes = vec![None; handoffs.len()];
        for (i, route) in found.into_iter().flatten() {
            routes[i as usize] = route;
        }
        routes
    }

    /// One worker of [`Engine::routes_on_all_cores`]: takes the next run of `runs` until none
    /// is left, and gives the route of each handoff searched, by its position in `handoffs`.
    fn routes_of_runs(
        &self,
        handoffs: &[u32],
        runs: &[&[u32]],
        next: &AtomicUsize,
    ) -> Vec<(u32, Option<Route>)> {
        let mut search = Search::new(self.graph.nodes());
        let mut found = Vec::new();
        while let Some(run) = runs.get(next.fetch_add(1, Relaxed)) {
            search_each(
                (&self.graph, &self.reach, &self.keys),
                handoffs,
                run,
                &mut search,
                |graph, search, i, (from, to, data)| {
                    found.push((i as u32, walk_back(graph, search, from, to, data)));
                },
            );
        }
        found
    }

    /// Positions into `handoffs`, sorted by (source, data): the search groups, in the
    /// engine's reused buffer (give it back with `self.order = ...`).
    fn grouped(&mut self, handoffs: &[u32]) -> Vec<u32> {
        // The keys are sorted beside their positions rather than looked up through `keys`
        // at each comparison, which at landscape scale misses the cache nearly every time.
        // The position breaks ties, so the unstable sort gives the stable sort's order.
        let mut keyed: Vec<(u64, u32)> = handoffs
            .iter()
            .zip(0u32..)
            .map(|(h, i)| {
                let k = self.keys[*h as usize];
                ((u64::from(k.from) << 32) | u64::from(k.data), i)
            })
            .collect();
        keyed.sort_unstable();
        let mut order = std::mem::take(&mut self.order);
        order.clear();
        order.extend(keyed.iter().map(|(_, i)| *i));
        order
    }

    /// Runs the searches of [`Engine::routes`] in the engine's buffers ([`search_each`]).
    fn searched(
        &mut self,
        handoffs: &[u32],
        read: impl FnMut(&Graph, &Search, usize, (usize, usize, u32)),
    ) {
        let order = self.grouped(handoffs);
        search_each(
            (&self.graph, &self.reach, &self.keys),
            handoffs,
            &order,
            &mut self.search,
            read,
        );
        self.order = order;
    }
}

/// Handoffs a worker of [`Engine::routes_on_all_cores`] takes at a time (rounded up to the
/// end of a group).
const RUN: usize = 8192;

/// The most workers [`Engine::routes_on_all_cores`] starts: each holds a search's buffers.
const MAX_WORKERS: usize = 4;

/// One forward search per (source, data) group of `order` (positions into `handoffs`,
/// sorted by [`Engine::grouped`]), in `search`, for the targets the source may reach,
/// through the systems from which one of them may be reached; then `read` with the graph,
/// the search, the position in `handoffs` and the handoff's (from, to, data), for each
/// handoff whose target its source may reach.
fn search_each(
    (graph, reach, keys): (&Graph, &Reach, &[HandoffKey]),
    handoffs: &[u32],
    order: &[u32],
    search: &mut Search,
    mut read: impl FnMut(&Graph, &Search, usize, (usize, usize, u32)),
) {
    let key = |i: &u32| keys[handoffs[*i as usize] as usize];
    let mut targets = Vec::new();
    for group in order.chunk_by(|a, b| (key(a).from, key(a).data) == (key(b).from, key(b).data)) {
        let (from, data) = (key(&group[0]).from as usize, key(&group[0]).data);
        targets.clear();
        targets.extend(
            group
                .iter()
                .map(|i| key(i).to)
                .filter(|to| reach.may_reach(from, *to as usize)),
        );
        if targets.is_empty() {
            continue;
        }
        let query = Query {
            dir: Direction::Forward,
            start: from,
            minutes: 0.0,
            data,
            limit: f64::INFINITY,
        };
        let useful = |node: usize| targets.iter().any(|t| reach.may_reach(node, *t as usize));
        search.run_within(graph, query, &targets, useful);
        for i in group {
            let to = key(i).to as usize;
            if reach.may_reach(from, to) {
                read(graph, search, *i as usize, (from, to, data));
            }
        }
    }
}

/// The reported path to `target` of `search`'s last forward search from `source`: least
/// minutes, then fewest hops, then the earliest hop (file order) walking back from the
/// target.
fn walk_back(
    graph: &Graph,
    search: &Search,
    source: usize,
    target: usize,
    data: u32,
) -> Option<Route> {
    let total = search.settled(target)?;
    let mut hops = Vec::with_capacity(total.hops as usize);
    let (mut node, mut cost) = (target, total);
    // Each step strictly lowers the hop count, so the walk ends.
    while node != source {
        let mut best: Option<(u32, usize, _)> = None;
        for e in graph.edges(Direction::Reverse, node, data) {
            let previous = graph.from(e);
            let Some(before) = search.cost(previous) else {
                continue;
            };
            let tight = before.then(graph.minutes(e)) == cost && before.hops < cost.hops;
            if tight && best.is_none_or(|(b, _, _)| e < b) {
                best = Some((e, previous, before));
            }
        }
        let (e, previous, before) = best?;
        hops.push(e as usize);
        node = previous;
        cost = before;
    }
    hops.reverse();
    Some(Route {
        minutes: total.minutes,
        hops,
    })
}
