//! How far the ranking can be trusted when every estimate is uncertain: each sample
//! multiplies every estimate by its own factor, drawn log-uniformly in
//! [1/(1+spread), 1+spread], re-ranks, and counts where today's fixes land.
//!
//! Perturbed, in this order (the order of the draws, so a seed always gives the same
//! samples): the default minutes (manual, semi, missing) and hourly cost; each unit's
//! hourly cost; each integration's `minutes`; each workflow's `runs.count` and each of
//! its handoffs' `minutes` and own `runs.count`; the weights of the strategy in force; then each of today's
//! fixes' cost, one factor per fix (so two connect fixes priced at the default do not
//! move together). Ranks are taken among today's fixes only: a fix that saves nothing in
//! a sample ranks after those that do, in today's order, so in every sample the ranks are
//! 1..n and the top shares sum to min(K, n).

mod draw;
mod run;
mod sentence;

use std::collections::HashMap;

use crate::analysis::{
    analyze, spec_order, valued_fixes, Action, Analysis, Fix, FixId, Revaluation,
};
use crate::model::{Model, StrategyIx};
use draw::{perturb, Draws};

/// What to sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SensitivityOptions {
    /// The strategy in force (index).
    pub strategy: Option<StrategyIx>,
    /// Factors lie in [1/(1+spread), 1+spread]; 0 leaves every estimate as it is.
    pub spread: f64,
    /// How many samples.
    pub samples: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// The top K whose membership is counted.
    pub top: usize,
}

/// Samples when none are asked for, on a model of at most [`SAMPLE_WORK`] / 1,000 handoffs.
pub const DEFAULT_SAMPLES: usize = 1_000;
/// The fewest samples taken when none are asked for.
pub const MIN_DEFAULT_SAMPLES: usize = 100;
/// Handoffs × samples one run takes when no number of samples is asked for: each sample is
/// a whole analysis (about 2 µs a handoff on the 2-core machine), so a 5,000-handoff model
/// gets 200 samples, about 2 s, instead of 1,000 (10 s and more).
pub const SAMPLE_WORK: usize = 1_000_000;

/// How many samples a run takes on `model` when none are asked for: [`DEFAULT_SAMPLES`],
/// fewer when the model has more than 1,000 handoffs, never fewer than
/// [`MIN_DEFAULT_SAMPLES`].
pub fn default_samples(model: &Model) -> usize {
    let handoffs: usize = model.workflows.iter().map(|w| w.handoffs.len()).sum();
    (SAMPLE_WORK / handoffs.max(1)).clamp(MIN_DEFAULT_SAMPLES, DEFAULT_SAMPLES)
}

/// The most samples one run takes: far more than a stable share needs (1,000, the
/// default, gives each share to about ±3 %), and a bound on time and memory.
pub const MAX_SAMPLES: usize = 100_000;
/// The most ranks kept, samples × today's fixes (4 bytes each: 200 MB).
pub const MAX_RANKS: usize = 50_000_000;
/// The widest spread: factors between 1/101 and 101.
pub const MAX_SPREAD: f64 = 100.0;

/// Options that cannot be sampled.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SensitivityError {
    /// No samples, or more than [`MAX_SAMPLES`].
    #[error("--samples {0} is out of range: give 1 to {MAX_SAMPLES}")]
    Samples(usize),
    /// Not a number between 0 and [`MAX_SPREAD`].
    #[error("--spread {0:?} is out of range: give a number from 0 to {MAX_SPREAD}")]
    Spread(f64),
    /// A top of 0.
    #[error("--top must be at least 1")]
    Top,
    /// More ranks to keep than [`MAX_RANKS`].
    #[error("{samples} samples of {fixes} fixes is more than the {MAX_RANKS} ranks a run keeps: give --samples {} or fewer", MAX_RANKS / fixes)]
    TooManyRanks {
        /// Samples asked for.
        samples: usize,
        /// Today's fixes.
        fixes: usize,
    },
}

impl SensitivityOptions {
    /// Checks what does not depend on the model: samples, spread, top.
    pub fn check(&self) -> Result<(), SensitivityError> {
        if self.samples == 0 || self.samples > MAX_SAMPLES {
            return Err(SensitivityError::Samples(self.samples));
        }
        if !(0.0..=MAX_SPREAD).contains(&self.spread) {
            return Err(SensitivityError::Spread(self.spread));
        }
        if self.top == 0 {
            return Err(SensitivityError::Top);
        }
        Ok(())
    }
}

/// One of today's fixes across the samples.
#[derive(Clone, Debug, PartialEq)]
pub struct FixSensitivity {
    /// Fix id.
    pub id: FixId,
    /// What it does.
    pub action: Action,
    /// Today's rank.
    pub rank: usize,
    /// Share of samples in which it ranks in the top K.
    pub top_share: f64,
    /// Median rank (nearest-rank 50th percentile).
    pub median_rank: usize,
    /// Nearest-rank 5th percentile of its rank.
    pub rank_p5: usize,
    /// Nearest-rank 95th percentile of its rank.
    pub rank_p95: usize,
    /// Share of samples in which the next fix of today's ranking ranks above this one
    /// (`None` for the last).
    pub overtaken_by_next: Option<f64>,
}

/// The result.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity {
    /// The options it ran with.
    pub options: SensitivityOptions,
    /// Today's fixes, in today's order.
    pub fixes: Vec<FixSensitivity>,
}

/// A fix counts as a safe bet when it is in the top K at least this often.
pub const STABLE_SHARE: f64 = 0.9;
/// Neighbours trade places when the lower one comes first at least this often.
pub const TRADE_SHARE: f64 = 0.25;

/// Samples the ranking of `model`; `progress` is called with the samples done so far.
/// Options out of range ([`SensitivityOptions::check`], [`MAX_RANKS`]) are refused before
/// anything is sampled or allocated.
///
/// The result is [`sensitivity_reference`]'s, bit for bit; it is computed without a whole
/// analysis per sample (`analysis::Revaluation`), the samples shared among the machine's
/// cores (each sample's factors are drawn from its own place in the seed's sequence).
pub fn sensitivity(
    model: &Model,
    options: SensitivityOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Sensitivity, SensitivityError> {
    options.check()?;
    sensitivity_of(model, analyze(model, options.strategy), options, progress)
}

/// [`sensitivity`] from today's analysis, `today`, which must be
/// `analysis::analyze(model, options.strategy)`: for a caller that has it already.
pub fn sensitivity_of(
    model: &Model,
    today: Analysis,
    options: SensitivityOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Sensitivity, SensitivityError> {
    debug_assert_eq!(
        today.strategy.as_ref().map(|s| s.index),
        options.strategy,
        "today's analysis is under the options' strategy"
    );
    options.check()?;
    check_ranks(options, today.fixes.len())?;
    let revaluation = Revaluation::new(model, &today);
    // The rest of today's analysis is not needed any more.
    let today = today.fixes;
    let blocks = run::sample(model, &today, revaluation, options, progress);
    Ok(summarize(&today, &blocks, options))
}

/// The straightforward method, kept as the reference [`sensitivity`] is tested against:
/// each sample is a copy of the model with its estimates perturbed, valued by
/// [`valued_fixes`] (a whole analysis but for the report's measures) and ranked whole.
pub fn sensitivity_reference(
    model: &Model,
    options: SensitivityOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Sensitivity, SensitivityError> {
    options.check()?;
    let today = analyze(model, options.strategy).fixes;
    let n = today.len();
    check_ranks(options, n)?;
    let mut block = Block::new(n, options.samples);
    // Samples change numbers only, so fix ids index the same candidates in every sample.
    let today_at = fix_index(&today);
    let mut draws = Draws::new(options.seed, options.spread);
    let mut sample = model.clone();
    for done in 0..options.samples {
        perturb(&mut sample, model, options.strategy, &mut || draws.factor());
        let costs: Vec<f64> = today.iter().map(|f| f.cost * draws.factor()).collect();
        let mut fixes = valued_fixes(&sample, options.strategy);
        for fix in &mut fixes {
            if let Some(&k) = today_at.get(&(fix.id, fix.action)) {
                reprice(fix, costs[k]);
            }
        }
        // The ranking's order (`rank` by priority), sorting indexes rather than moving the
        // fixes: the spec's order is total (no two fixes share an id and an action).
        let mut order: Vec<usize> = (0..fixes.len()).collect();
        order.sort_by(|a, b| spec_order(&sample, &fixes[*a], &fixes[*b]));
        let mut position = vec![usize::MAX; n];
        let mut next = 0;
        for fix in order.iter().map(|i| &fixes[*i]) {
            if let Some(&k) = today_at.get(&(fix.id, fix.action)) {
                next += 1;
                position[k] = next;
            }
        }
        for p in position.iter_mut().filter(|p| **p == usize::MAX) {
            next += 1;
            *p = next;
        }
        block.record(done, &position);
        progress(done + 1);
    }
    Ok(summarize(&today, &[block], options))
}

/// Refuses more ranks to keep than [`MAX_RANKS`].
fn check_ranks(options: SensitivityOptions, fixes: usize) -> Result<(), SensitivityError> {
    if options.samples.saturating_mul(fixes) > MAX_RANKS {
        return Err(SensitivityError::TooManyRanks {
            samples: options.samples,
            fixes,
        });
    }
    Ok(())
}

/// Where each of `fixes` is, by id and action.
fn fix_index(fixes: &[Fix]) -> HashMap<(FixId, Action), usize> {
    fixes
        .iter()
        .enumerate()
        .map(|(k, f)| ((f.id, f.action), k))
        .collect()
}

/// The ranks of today's fixes in a run of consecutive samples.
struct Block {
    samples: usize,
    /// Fix by fix, each fix's rank in each sample: `samples` per fix. Ranks as u32: a fix
    /// ranks among today's fixes, and [`MAX_RANKS`] bounds their number.
    ranks: Vec<u32>,
    /// Per fix: in how many samples the next fix of today's ranking ranked above it.
    overtaken: Vec<usize>,
}

impl Block {
    fn new(fixes: usize, samples: usize) -> Block {
        Block {
            samples,
            ranks: vec![0; fixes * samples],
            overtaken: vec![0; fixes],
        }
    }

    /// Records the ranks of sample `j` of the block, `position[k]` the rank of fix `k`.
    fn record(&mut self, j: usize, position: &[usize]) {
        for (k, p) in position.iter().enumerate() {
            self.ranks[k * self.samples + j] = *p as u32;
            if position.get(k + 1).is_some_and(|next| next < p) {
                self.overtaken[k] += 1;
            }
        }
    }
}

/// Today's fixes across the samples of `blocks`: the statistics read each fix's ranks as a
/// sorted list, so the order of the samples does not matter.
fn summarize(today: &[Fix], blocks: &[Block], options: SensitivityOptions) -> Sensitivity {
    let n = today.len();
    let samples = options.samples.max(1) as f64;
    let mut r: Vec<u32> = Vec::with_capacity(options.samples);
    let fixes = today
        .iter()
        .enumerate()
        .map(|(k, fix)| {
            r.clear();
            for b in blocks {
                r.extend_from_slice(&b.ranks[k * b.samples..(k + 1) * b.samples]);
            }
            r.sort_unstable();
            let overtaken: usize = blocks.iter().map(|b| b.overtaken[k]).sum();
            FixSensitivity {
                id: fix.id,
                action: fix.action,
                rank: fix.rank,
                top_share: r.iter().filter(|x| **x as usize <= options.top).count() as f64
                    / samples,
                median_rank: nearest_rank(&r, 50.0),
                rank_p5: nearest_rank(&r, 5.0),
                rank_p95: nearest_rank(&r, 95.0),
                overtaken_by_next: (k + 1 < n).then(|| overtaken as f64 / samples),
            }
        })
        .collect();
    Sensitivity { options, fixes }
}

/// A fix's figures at another cost, as docs/scoring.md, sections 4-5 defines them.
fn reprice(fix: &mut Fix, cost: f64) {
    fix.cost = cost;
    fix.priority = (cost > 0.0).then(|| fix.strategic_value / cost);
    fix.payback_months = (fix.annual_saving > 0.0).then(|| cost / (fix.annual_saving / 12.0));
}

/// The nearest-rank `p`th percentile of sorted `values` (0 when empty).
fn nearest_rank(sorted: &[u32], p: f64) -> usize {
    if sorted.is_empty() {
        return 0;
    }
    let k = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[k.clamp(1, sorted.len()) - 1] as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Model {
        let source = include_str!("../../../fixtures/valid/seed.yaml");
        crate::load_str(source, "seed.yaml").unwrap().model
    }

    fn options(spread: f64) -> SensitivityOptions {
        SensitivityOptions {
            strategy: seed().strategy_index("growth"),
            spread,
            samples: 50,
            seed: 7,
            top: 3,
        }
    }

    #[test]
    fn no_spread_gives_todays_ranking_in_every_sample() {
        let s = sensitivity(&seed(), options(0.0), &mut |_| {}).unwrap();
        for f in &s.fixes {
            assert_eq!(
                (f.median_rank, f.rank_p5, f.rank_p95),
                (f.rank, f.rank, f.rank)
            );
            assert_eq!(f.top_share, if f.rank <= 3 { 1.0 } else { 0.0 });
            assert_eq!(f.overtaken_by_next.unwrap_or(0.0), 0.0);
        }
    }

    #[test]
    fn top_shares_sum_to_k_and_a_seed_repeats() {
        let mut calls = 0;
        let s = sensitivity(&seed(), options(0.5), &mut |_| calls += 1).unwrap();
        assert_eq!(calls, 50);
        let sum: f64 = s.fixes.iter().map(|f| f.top_share).sum();
        assert!((sum - 3.0).abs() < 1e-9, "{sum}");
        assert_eq!(s, sensitivity(&seed(), options(0.5), &mut |_| {}).unwrap());
        let other = SensitivityOptions {
            seed: 8,
            ..options(0.5)
        };
        assert_ne!(s, sensitivity(&seed(), other, &mut |_| {}).unwrap());
    }

    #[test]
    fn the_fast_method_gives_the_references_result() {
        for spread in [0.0, 0.3, 2.0] {
            let o = options(spread);
            let fast = sensitivity(&seed(), o, &mut |_| {}).unwrap();
            assert_eq!(
                fast,
                sensitivity_reference(&seed(), o, &mut |_| {}).unwrap()
            );
        }
    }

    #[test]
    fn a_sample_draws_one_factor_per_estimate_and_per_fix() {
        // seed.yaml: 4 defaults, 2 units with an hourly cost, 1 integration with minutes, 3
        // workflows with 4 handoffs stating minutes, 3 weights, and today's fixes.
        let model = seed();
        let growth = model.strategy_index("growth");
        let fixes = analyze(&model, growth).fixes.len() as u128;
        let estimates = draw::draws_per_sample(&model, growth, 0);
        assert_eq!(draw::draws_per_sample(&model, growth, 5), estimates + 5);
        assert!(fixes > 0 && estimates > 4, "{fixes} {estimates}");
    }

    #[test]
    fn options_out_of_range_are_refused_before_sampling() {
        for (samples, spread, top) in [
            (0, 0.3, 3),
            (MAX_SAMPLES + 1, 0.3, 3),
            (usize::MAX, 0.3, 3),
            (10, f64::NAN, 3),
            (10, -1.0, 3),
            (10, 1e308, 3),
            (10, 0.3, 0),
        ] {
            let o = SensitivityOptions {
                spread,
                samples,
                top,
                ..options(0.3)
            };
            let mut calls = 0;
            assert!(
                sensitivity(&seed(), o, &mut |_| calls += 1).is_err(),
                "{samples} {spread} {top}"
            );
            assert_eq!(calls, 0);
        }
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let r: Vec<u32> = (1..=20).collect();
        assert_eq!(nearest_rank(&r, 5.0), 1);
        assert_eq!(nearest_rank(&r, 50.0), 10);
        assert_eq!(nearest_rank(&r, 95.0), 19);
    }

    #[test]
    fn the_default_number_of_samples_shrinks_with_the_handoffs() {
        let model_of = |handoffs: usize| {
            let mut text = String::from("systems: {a: {}, b: {}}\nworkflows:\n  w:\n    runs: {count: 1, per: day}\n    handoffs:\n");
            for _ in 0..handoffs {
                text.push_str("      - {from: a, to: b, data: d}\n");
            }
            crate::load_str(&text, "model.yaml").unwrap().model
        };
        assert_eq!(default_samples(&model_of(1)), 1000);
        assert_eq!(default_samples(&model_of(1000)), 1000);
        assert_eq!(default_samples(&model_of(2500)), 400);
        assert_eq!(default_samples(&model_of(5000)), 200);
        assert_eq!(default_samples(&model_of(20000)), 100);
    }
}
