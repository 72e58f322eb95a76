//! The samples' factors, drawn in the order the module's doc lists, and the copy of the model
//! they are written into.

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

use crate::model::{Model, StrategyIx};

/// The generator of the factors, at some sample of the sequence a seed gives.
pub(super) struct Draws {
    rng: Pcg64Mcg,
    span: f64,
}

impl Draws {
    /// The factors of `seed` and `spread`, from the first draw on.
    pub(super) fn new(seed: u64, spread: f64) -> Draws {
        Draws {
            rng: Pcg64Mcg::seed_from_u64(seed),
            span: (1.0 + spread).ln(),
        }
    }

    /// The factors of `seed` and `spread` from draw number `skip` on: what [`Draws::new`]
    /// gives after `skip` draws (each draw is one step of the generator).
    pub(super) fn skipping(seed: u64, spread: f64, skip: u128) -> Draws {
        let mut draws = Draws::new(seed, spread);
        draws.rng.advance(skip);
        draws
    }

    /// The next factor, log-uniform in [1/(1+spread), 1+spread].
    pub(super) fn factor(&mut self) -> f64 {
        // 53 random bits give a uniform u in [0, 1); the factor is e^(span × (2u − 1)).
        let u = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        (self.span * (2.0 * u - 1.0)).exp()
    }
}

/// How many factors one sample draws: one per perturbed estimate of `model` under
/// `strategy`, and one per fix of today's `fixes` (the same in every sample).
pub(super) fn draws_per_sample(model: &Model, strategy: Option<StrategyIx>, fixes: usize) -> u128 {
    let mut count: u128 = 0;
    let mut sample = model.clone();
    perturb(&mut sample, model, strategy, &mut || {
        count += 1;
        1.0
    });
    count + fixes as u128
}

/// Sets every perturbed estimate of `sample` (a copy of `base`) to `base`'s value times its
/// own factor, drawing the factors in the order the module's doc lists: one copy of the model
/// serves every sample.
pub(super) fn perturb(
    sample: &mut Model,
    base: &Model,
    strategy: Option<StrategyIx>,
    factor: &mut dyn FnMut() -> f64,
) {
    let (d, b) = (&mut sample.defaults, &base.defaults);
    for (x, from) in [
        (&mut d.manual_minutes, b.manual_minutes),
        (&mut d.semi_minutes, b.semi_minutes),
        (&mut d.missing_minutes, b.missing_minutes),
        (&mut d.hourly_cost, b.hourly_cost),
    ] {
        *x = from * factor();
    }
    for (unit, from) in sample.units.iter_mut().zip(&base.units) {
        if let (Some(x), Some(from)) = (&mut unit.hourly_cost, from.hourly_cost) {
            *x = from * factor();
        }
    }
    for (integration, from) in sample.integrations.iter_mut().zip(&base.integrations) {
        if let (Some(x), Some(from)) = (&mut integration.minutes, from.minutes) {
            *x = from * factor();
        }
    }
    for (workflow, from) in sample.workflows.iter_mut().zip(&base.workflows) {
        workflow.runs_count = from.runs_count * factor();
        for (handoff, from) in workflow.handoffs.iter_mut().zip(&from.handoffs) {
            if let (Some(x), Some(from)) = (&mut handoff.minutes, from.minutes) {
                *x = from * factor();
            }
            // A handoff with its own frequency (a daily settlement in an order workflow)
            // is as uncertain as its workflow's.
            if let (Some(runs), Some(from)) = (&mut handoff.runs, &from.runs) {
                runs.count = from.count * factor();
            }
        }
    }
    if let Some(s) = strategy {
        let weights = sample.strategies[s.index()].weights.iter_mut();
        for ((_, weight), (_, from)) in weights.zip(&base.strategy(s).weights) {
            *weight = from * factor();
        }
    }
}
