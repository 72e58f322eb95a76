//! Which of today's gaps each candidate lowers on its own, with the path minutes after
//! (docs/scoring.md, sections 4-5), and the fixes made of those lists: on every core for a
//! landscape, with the lists and fixes a single core makes.

use super::candidates::Candidate;
use super::engine::Engine;
use super::network::Network;
use super::resolve::{Alignment, HandoffResult};
use super::search::Search;
use super::valuation::{improvements, CandidateIndex, Found, Scratch, Searches, Work};
use super::value::{fix_of, fix_with, Fix};
use crate::model::Model;
use crate::parallel::{self, concat_in_order};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Mutex, PoisonError};

/// For each candidate of `pool`, the handoffs of `before` it lowers alone, in file order,
/// with the path minutes after; only the data in `data` are searched (all when `None`), and
/// with `only` just the handoffs it marks. `lowered` keeps its other entries. Returns the
/// candidates that got an entry, each once, in order.
pub fn lowered_by_data(
    engine: &mut Engine,
    index: &CandidateIndex,
    before: &[HandoffResult],
    data: Option<&[u32]>,
    only: Option<&[bool]>,
    lowered: &mut [Vec<(u32, f64)>],
) -> Vec<u32> {
    let all: Vec<u32>;
    let data = match data {
        Some(data) => data,
        None => {
            all = (0..engine.data.len() as u32).collect();
            &all
        }
    };
    let handoffs: usize = data.iter().map(|d| engine.by_data[*d as usize].len()).sum();
    lowered_by_data_from(
        engine,
        index,
        before,
        data,
        only,
        lowered,
        PARALLEL_HANDOFFS > handoffs,
    )
}

/// [`lowered_by_data`] of the data objects `data`, on one core when `one_core`.
fn lowered_by_data_from(
    engine: &mut Engine,
    index: &CandidateIndex,
    before: &[HandoffResult],
    data: &[u32],
    only: Option<&[bool]>,
    lowered: &mut [Vec<(u32, f64)>],
    one_core: bool,
) -> Vec<u32> {
    let parts = if one_core || data.len() < 2 {
        let mut scratch = Scratch::default();
        let mut found = Vec::new();
        let mut work = Work::of(engine);
        for &d in data {
            improvements(&mut work, index, before, d, only, &mut scratch, &mut found);
        }
        vec![found]
    } else {
        found_on_all_cores(engine, index, before, data, only)
    };
    // Each (candidate, handoff) is found once, by the handoff's data object: what a part
    // holds does not change what the lists end as.
    let mut got = Vec::new();
    for mut found in parts {
        found.sort_unstable_by_key(|(c, k, _)| (*c, *k));
        for group in found.chunk_by(|a, b| a.0 == b.0) {
            got.push(group[0].0);
            let list = &mut lowered[group[0].0 as usize];
            list.extend(group.iter().map(|(_, k, m)| (*k, *m)));
        }
    }
    got.sort_unstable();
    got.dedup();
    for &c in &got {
        lowered[c as usize].sort_unstable_by_key(|(k, _)| *k);
    }
    got
}

/// Handoffs of the data valued from which [`lowered_by_data`] values them on every core.
const PARALLEL_HANDOFFS: usize = 16_384;

/// The improvements of the data objects `data`, each valued whole by one of up to four
/// workers with search buffers of their own, taking the next data object as they finish;
/// what each worker found, in parts.
fn found_on_all_cores(
    engine: &Engine,
    index: &CandidateIndex,
    before: &[HandoffResult],
    data: &[u32],
    only: Option<&[bool]>,
) -> Vec<Vec<Found>> {
    let next = AtomicUsize::new(0);
    let nodes = engine.graph.nodes();
    parallel::on_workers(parallel::workers(4), || {
        let (mut search, mut reverse, mut check) =
            (Search::new(nodes), Search::new(nodes), Search::new(nodes));
        let mut work = Work {
            graph: &engine.graph,
            by_data: &engine.by_data,
            searches: Searches {
                search: &mut search,
                reverse: &mut reverse,
                check: &mut check,
            },
        };
        let mut scratch = Scratch::default();
        let mut found = Vec::new();
        while let Some(&d) = data.get(next.fetch_add(1, Relaxed)) {
            improvements(&mut work, index, before, d, only, &mut scratch, &mut found);
        }
        found
    })
}

/// Values every candidate alone and keeps those that save hours, with an engine built for
/// `network`.
pub fn value_with(
    model: &Model,
    network: &Network,
    before: &[HandoffResult],
    alignment: &Alignment,
    pool: &[Candidate],
    engine: &mut Engine,
) -> Vec<Fix> {
    let lowered = lowered_all(model, network, before, pool, engine);
    keep_saving(lowered, |k, lowered| {
        fix_of(model, before, alignment, &pool[k], lowered)
    })
}

/// For each candidate of `pool`, the handoffs of `before` it lowers alone, in file order,
/// with the path minutes after: what [`fixes_of`] values.
pub fn lowered_all(
    model: &Model,
    network: &Network,
    before: &[HandoffResult],
    pool: &[Candidate],
    engine: &mut Engine,
) -> Vec<Vec<(u32, f64)>> {
    let index = CandidateIndex::new(model, network, &engine.data, pool);
    let mut lowered = vec![Vec::new(); pool.len()];
    lowered_by_data(engine, &index, before, None, None, &mut lowered);
    lowered
}

/// [`value_with`] once the engine is done ([`lowered_all`]): the fixes of `pool` that save
/// hours, each candidate's carries moved into its fix. With the engine and the network
/// dropped first, a landscape's analysis never holds them beside its fixes.
pub fn fixes_of(
    model: &Model,
    before: &[HandoffResult],
    alignment: &Alignment,
    pool: Vec<Candidate>,
    lowered: Vec<Vec<(u32, f64)>>,
) -> Vec<Fix> {
    keep_saving_on_all_cores(lowered, FIX_CHUNK, |k, lowered| {
        let carries = pool[k].carries.clone();
        fix_with(model, before, alignment, &pool[k], carries, lowered)
    })
}

/// What one candidate lowers: (handoff, path minutes after), in file order.
type Lowered = Vec<(u32, f64)>;

/// Candidates a worker of [`keep_saving_on_all_cores`] makes fixes of at a time.
const FIX_CHUNK: usize = 4096;

/// [`keep_saving`] on every core: the candidates in chunks, each chunk's fixes made by one
/// worker and taken back in order, so the list is the one [`keep_saving`] makes. A worker
/// frees each list once its fix is built, as [`keep_saving`] does.
fn keep_saving_on_all_cores(
    mut lowered: Vec<Lowered>,
    chunk: usize,
    fix: impl Fn(usize, &[(u32, f64)]) -> Fix + Sync,
) -> Vec<Fix> {
    let candidates = lowered.len();
    let capacity = lowered.iter().filter(|l| !l.is_empty()).count();
    // Each chunk is taken by exactly one worker; the lock only lets it free the lists.
    let chunks: Vec<Mutex<&mut [Lowered]>> = lowered.chunks_mut(chunk).map(Mutex::new).collect();
    concat_in_order(candidates, chunk, capacity, |range| {
        // No chunk at all when there are no candidates (the range is then 0..0).
        let Some(lists) = chunks.get(range.start / chunk) else {
            return Vec::new();
        };
        let mut lists = lists.lock().unwrap_or_else(PoisonError::into_inner);
        let mut made = Vec::new();
        for (k, list) in range.zip(lists.iter_mut()) {
            if list.is_empty() {
                continue;
            }
            let fix = fix(k, list);
            *list = Vec::new();
            if fix.annual_hours_saved > 0.0 {
                made.push(fix);
            }
        }
        made
    })
}

/// The fixes `fix` makes of the candidates that lower something (by position), those
/// that save hours. A candidate that lowers nothing saves nothing: no need to build its
/// fix. Each list is freed once its fix is built, for the fixes to use. The list of fixes
/// is sized for every candidate that lowers something, so it never moves while it grows
/// (the room left over is never touched, so it takes no memory).
fn keep_saving(
    lowered: Vec<Vec<(u32, f64)>>,
    mut fix: impl FnMut(usize, &[(u32, f64)]) -> Fix,
) -> Vec<Fix> {
    let mut fixes = Vec::with_capacity(lowered.iter().filter(|l| !l.is_empty()).count());
    for (k, lowered) in lowered.into_iter().enumerate() {
        if lowered.is_empty() {
            continue;
        }
        let made = fix(k, &lowered);
        if made.annual_hours_saved > 0.0 {
            fixes.push(made);
        }
    }
    fixes
}

#[cfg(test)]
mod tests {
    use super::{
        fix_of, keep_saving, keep_saving_on_all_cores, lowered_by_data_from, CandidateIndex,
    };
    use crate::analysis::candidates::candidates;
    use crate::analysis::engine::Engine;
    use crate::analysis::network::Network;
    use crate::analysis::resolve::{resolve_with, Alignment};
    use serde_json::{json, Map, Value};

    /// A fixed pseudo-random model: 30 systems, 70 integrations of three data objects,
    /// 1,500 handoffs.
    fn model() -> crate::model::Model {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut below = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let data = ["order", "invoice", "status"];
        let mut systems = Map::new();
        for s in 0..30 {
            systems.insert(format!("s{s}"), json!({}));
        }
        let pair = |below: &mut dyn FnMut(u64) -> u64| {
            let a = below(30);
            (a, (a + 1 + below(29)) % 30)
        };
        let integrations: Vec<Value> = (0..70)
            .map(|i| {
                let (from, to) = pair(&mut below);
                json!({"id": format!("i{i}"), "from": format!("s{from}"), "to": format!("s{to}"),
                       "carries": [data[below(3) as usize]],
                       "mode": (["automated", "semi", "manual"][below(3) as usize]),
                       "minutes": ([0.1, 0.2, 0.3, 0.6][below(4) as usize])})
            })
            .collect();
        let mut workflows = Map::new();
        for w in 0..300 {
            let handoffs: Vec<Value> = (0..5)
                .map(|_| {
                    let (from, to) = pair(&mut below);
                    json!({"from": format!("s{from}"), "to": format!("s{to}"),
                           "data": data[below(3) as usize]})
                })
                .collect();
            workflows.insert(
                format!("w{w}"),
                json!({"runs": {"count": 1 + below(4), "per": "week"}, "handoffs": handoffs}),
            );
        }
        let source = json!({"systems": systems, "integrations": integrations,
                            "workflows": workflows});
        crate::load_str(&source.to_string(), "model.json")
            .expect("the generated model is valid")
            .model
    }

    /// Valuing the data objects on every core finds, for every candidate, the very list
    /// valuing them one after another on one core finds.
    #[test]
    fn data_valued_on_every_core_lower_what_one_core_finds() {
        let model = model();
        let network = Network::of_model(&model);
        let alignment = Alignment::new(&model, model.default_strategy);
        let mut engine = Engine::new(&model, &network);
        let before = resolve_with(&model, &network, &alignment, &mut engine);
        let pool = candidates(&model, &before);
        let index = CandidateIndex::new(&model, &network, &engine.data, &pool);
        let data: Vec<u32> = (0..engine.data.len() as u32).collect();
        let mut one = vec![Vec::new(); pool.len()];
        let got_one =
            lowered_by_data_from(&mut engine, &index, &before, &data, None, &mut one, true);
        let mut all = vec![Vec::new(); pool.len()];
        let got_all =
            lowered_by_data_from(&mut engine, &index, &before, &data, None, &mut all, false);
        assert!(
            got_one.len() > 20,
            "{} candidates lower something",
            got_one.len()
        );
        assert!(one.iter().map(Vec::len).sum::<usize>() > 200);
        assert_eq!(got_one, got_all);
        for (a, b) in one.iter().zip(&all) {
            assert_eq!(a.len(), b.len());
            for ((ka, ma), (kb, mb)) in a.iter().zip(b) {
                assert_eq!((ka, ma.to_bits()), (kb, mb.to_bits()));
            }
        }
        // The fixes made on every core, in chunks of 7 candidates, are the ones made in
        // turn, in the same order.
        let fix = |k: usize, lowered: &[(u32, f64)]| {
            fix_of(&model, &before, &alignment, &pool[k], lowered)
        };
        let in_turn = keep_saving(one.clone(), fix);
        let side_by_side = keep_saving_on_all_cores(one, 7, fix);
        assert!(in_turn.len() > 20, "{} fixes", in_turn.len());
        assert_eq!(in_turn, side_by_side);
        // No candidates: no chunk, and no fix.
        assert!(keep_saving_on_all_cores(Vec::new(), 7, fix).is_empty());
    }
}
