//! The samples of [`super::sensitivity`], valued without a whole analysis each and shared
//! among the cores.
//!
//! Every sample draws the same number of factors, so sample `s` starts at draw
//! `s × draws_per_sample` of the seed's sequence, wherever it is computed: the samples are
//! cut into consecutive blocks, one per worker, each starting its generator there. Each
//! worker values its samples with its own copy of today's [`Revaluation`] and ranks today's
//! fixes; the statistics read each fix's ranks as a sorted list, so the blocks' results
//! merge into the same numbers whatever the number of workers.

use std::ops::Range;
use std::sync::mpsc::{channel, Sender};

use super::draw::{draws_per_sample, perturb, Draws};
use std::cmp::Ordering;

use super::{fix_index, Block, SensitivityOptions};
use crate::analysis::{valued_fixes, Fix, Revaluation, Saved};
use crate::model::{Model, StrategyIx};

/// The most workers a run starts: each holds a copy of the model and of today's resolution.
const MAX_WORKERS: usize = 4;

/// Samples the ranking of today's fixes (`today`, of `model`, which `revaluation` keeps)
/// as `options` asks: the blocks in the order of their samples. `progress` is called once
/// per sample, with the samples done so far.
pub(super) fn sample(
    model: &Model,
    today: &[Fix],
    revaluation: Revaluation,
    options: SensitivityOptions,
    progress: &mut dyn FnMut(usize),
) -> Vec<Block> {
    let text = id_order(model, today);
    let worker = Worker {
        model,
        today,
        text: &text,
        options,
        draws: draws_per_sample(model, options.strategy, today.len()),
    };
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, MAX_WORKERS)
        .min(options.samples);
    let per = options.samples.div_ceil(workers.max(1)).max(1);
    let starts: Vec<usize> = (0..options.samples).step_by(per).collect();
    // One copy of today's resolution per worker, the last one the original.
    let mut copies: Vec<Revaluation> = (1..starts.len()).map(|_| revaluation.clone()).collect();
    copies.push(revaluation);
    std::thread::scope(|scope| {
        let (done, samples_done) = channel();
        let handles: Vec<_> = starts
            .into_iter()
            .zip(copies)
            .map(|(start, copy)| {
                let (done, worker) = (done.clone(), &worker);
                let range = start..(start + per).min(options.samples);
                scope.spawn(move || worker.run(copy, range, &done))
            })
            .collect();
        drop(done);
        for (count, ()) in samples_done.iter().enumerate() {
            progress(count + 1);
        }
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Per fix of `today`: its place in the order of their ids (bytes), then actions, the last
/// keys of the spec's order.
fn id_order(model: &Model, today: &[Fix]) -> Vec<u32> {
    let mut by_text: Vec<usize> = (0..today.len()).collect();
    by_text.sort_by(|a, b| {
        let (a, b) = (&today[*a], &today[*b]);
        a.id.cmp_text(&b.id, model).then(a.action.cmp(&b.action))
    });
    let mut text = vec![0; today.len()];
    for (i, k) in by_text.into_iter().enumerate() {
        text[k] = i as u32;
    }
    text
}

/// What every worker reads.
struct Worker<'a> {
    model: &'a Model,
    today: &'a [Fix],
    /// Per fix of today's: its place in the order of their ids, then actions.
    text: &'a [u32],
    options: SensitivityOptions,
    /// Factors drawn per sample.
    draws: u128,
}

impl Worker<'_> {
    /// The ranks of today's fixes in the samples of `range`; `done` hears of each sample.
    fn run(&self, mut revaluation: Revaluation, range: Range<usize>, done: &Sender<()>) -> Block {
        let (model, today, options) = (self.model, self.today, self.options);
        let n = today.len();
        let skip = range.start as u128 * self.draws;
        let mut draws = Draws::skipping(options.seed, options.spread, skip);
        let mut block = Block::new(n, range.len());
        let mut sample = model.clone();
        let (mut saved, mut costs) = (Vec::with_capacity(n), vec![0.0; n]);
        let (mut order, mut position) = (Vec::with_capacity(n), vec![0; n]);
        for j in 0..range.len() {
            perturb(&mut sample, model, options.strategy, &mut || draws.factor());
            for (cost, fix) in costs.iter_mut().zip(today) {
                *cost = fix.cost * draws.factor();
            }
            if !revaluation.value(&sample, &mut saved) {
                analysed(&sample, options.strategy, today, &mut saved);
            }
            rank(&saved, &costs, self.text, &mut order, &mut position);
            block.record(j, &position);
            // The receiver lives until every worker is done.
            let _ = done.send(());
        }
        block
    }
}

/// What a whole analysis of `sample` gives each of today's fixes (all 0 for a fix it does
/// not list): the way when [`Revaluation::value`] cannot tell.
fn analysed(sample: &Model, strategy: Option<StrategyIx>, today: &[Fix], saved: &mut Vec<Saved>) {
    let today_at = fix_index(today);
    saved.clear();
    saved.resize(today.len(), Saved::default());
    for fix in valued_fixes(sample, strategy) {
        if let Some(&k) = today_at.get(&(fix.id, fix.action)) {
            saved[k] = Saved {
                annual_hours_saved: fix.annual_hours_saved,
                annual_saving: fix.annual_saving,
                strategic_value: fix.strategic_value,
            };
        }
    }
}

/// One of today's fixes in a sample, as `analysis::spec_order` reads it once
/// `super::reprice` has set its cost: free (cost 0 and strategic value), priority (0
/// without one), strategic value, saving, then its id and action (their place in
/// today's order of ids, `text`).
#[derive(Clone, Copy, Debug)]
struct Key {
    free: bool,
    priority: f64,
    value: f64,
    saving: f64,
    text: u32,
    k: u32,
}

impl Key {
    fn of(s: &Saved, cost: f64, text: u32, k: usize) -> Key {
        Key {
            free: cost == 0.0 && s.strategic_value > 0.0,
            priority: if cost > 0.0 {
                s.strategic_value / cost
            } else {
                0.0
            },
            value: s.strategic_value,
            saving: s.annual_saving,
            text,
            k: k as u32,
        }
    }

    /// `analysis::spec_order`, step by step.
    fn cmp(&self, other: &Key) -> Ordering {
        let (a, b) = (self, other);
        b.free
            .cmp(&a.free)
            .then_with(|| {
                if a.free && b.free {
                    Ordering::Equal
                } else {
                    b.priority.total_cmp(&a.priority)
                }
            })
            .then_with(|| b.value.total_cmp(&a.value))
            .then_with(|| b.saving.total_cmp(&a.saving))
            .then_with(|| a.text.cmp(&b.text))
    }
}

/// Ranks today's fixes with the figures `saved` and costs `costs` of one sample:
/// `position[k]` is fix `k`'s rank among them. Those that save hours are ranked in the
/// spec's order (total: no two share an id and an action, so any sort gives the order a
/// sort of all the sample's fixes gives them), the others after them in today's order.
fn rank(
    saved: &[Saved],
    costs: &[f64],
    text: &[u32],
    order: &mut Vec<Key>,
    position: &mut [usize],
) {
    order.clear();
    for (k, (s, cost)) in saved.iter().zip(costs).enumerate() {
        position[k] = usize::MAX;
        if s.annual_hours_saved > 0.0 {
            order.push(Key::of(s, *cost, text[k], k));
        }
    }
    order.sort_unstable_by(Key::cmp);
    for (i, key) in order.iter().enumerate() {
        position[key.k as usize] = i + 1;
    }
    let mut next = order.len();
    for p in position.iter_mut().filter(|p| **p == usize::MAX) {
        next += 1;
        *p = next;
    }
}
