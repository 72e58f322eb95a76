//! What the explorer page (`gapgraph explore`) precomputes so the browser only looks up:
//! the analysis under every strategy, and under each the greedy plan at every budget of a
//! ladder. Plans at different budgets are not prefixes of one another (the greedy pick
//! skips what does not fit), so each budget gets its own plan; they run on a few threads,
//! each result in its place, so the output does not depend on the order they finish in.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::analysis::{analyze, plan, Analysis, Plan};
use crate::model::{Model, StrategyIx};

/// Every strategy's analysis and plans.
#[derive(Clone, Debug)]
pub struct Precomputed {
    /// The strategies analysed, as indexes into `Model::strategies` (`[None]` for a model
    /// without strategies), in file order.
    pub strategies: Vec<Option<StrategyIx>>,
    /// One analysis per entry of `strategies`.
    pub analyses: Vec<Analysis>,
    /// The budgets of the ladder, ascending (empty when no fix costs anything).
    pub budgets: Vec<f64>,
    /// `plans[s][b]`: the plan under `strategies[s]` within `budgets[b]`.
    pub plans: Vec<Vec<Plan>>,
    /// The ladder stops below what building every fix costs: plans would grow past
    /// [`PLAN_FIXES`] steps.
    pub budgets_capped: bool,
}

/// A plan on the ladder never has more paid steps than this: its top budget is what the
/// [`PLAN_FIXES`] cheapest fixes cost together, so no set of more of them fits.
pub const PLAN_FIXES: usize = 100;

/// The most budgets on the ladder.
pub const MAX_BUDGETS: usize = 12;

/// Analyses `model` under each of its strategies and plans each within every budget of
/// [`budget_ladder`], on up to `threads` threads.
pub fn precompute(model: &Model, threads: usize) -> Precomputed {
    let strategies: Vec<Option<StrategyIx>> = if model.strategies.is_empty() {
        vec![None]
    } else {
        model.strategy_ixs().map(Some).collect()
    };
    let analyses = run_all(strategies.len(), threads, |s| analyze(model, strategies[s]));
    let costs: Vec<f64> = analyses
        .first()
        .map_or_else(Vec::new, |a| a.fixes.iter().map(|f| f.cost).collect());
    let (budgets, budgets_capped) = budget_ladder(&costs);
    let jobs = strategies.len() * budgets.len();
    let mut flat = run_all(jobs, threads, |job| {
        let (s, b) = (job / budgets.len(), job % budgets.len());
        plan(model, strategies[s], budgets[b])
    })
    .into_iter();
    let plans = strategies
        .iter()
        .map(|_| flat.by_ref().take(budgets.len()).collect())
        .collect();
    Precomputed {
        strategies,
        analyses,
        budgets,
        plans,
        budgets_capped,
    }
}

/// Runs `job(0..n)` on up to `threads` threads; results in job order.
fn run_all<T: Send>(n: usize, threads: usize, job: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = threads.clamp(1, n.max(1));
    if threads == 1 {
        return (0..n).map(job).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..n).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let k = next.fetch_add(1, Ordering::Relaxed);
                if k >= n {
                    break;
                }
                let value = job(k);
                results.lock().expect("no job panics")[k] = Some(value);
            });
        }
    });
    results
        .into_inner()
        .expect("no job panics")
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

/// The budgets a slider offers, from the fixes' costs: round figures (1, 2, 3, 5 times a
/// power of ten) from the cheapest paid fix up to what building them all costs, that total
/// as the last step; at most [`MAX_BUDGETS`] (thinned to 1, 2, 5 and then 1, 3 a decade
/// when there are more). The top is held to what the [`PLAN_FIXES`] cheapest fixes cost
/// together (the second value says when it was).
pub fn budget_ladder(costs: &[f64]) -> (Vec<f64>, bool) {
    let mut paid: Vec<f64> = costs
        .iter()
        .copied()
        .filter(|c| c.is_finite() && *c > 0.0)
        .collect();
    if paid.is_empty() {
        return (Vec::new(), false);
    }
    paid.sort_by(f64::total_cmp);
    let total: f64 = paid.iter().sum();
    let capped = paid.len() > PLAN_FIXES;
    let top = if capped {
        paid[..PLAN_FIXES].iter().sum()
    } else {
        total
    };
    let lowest = paid[0];
    for mantissas in [
        &[1.0, 2.0, 3.0, 5.0][..],
        &[1.0, 2.0, 5.0],
        &[1.0, 3.0],
        &[1.0],
    ] {
        let mut ladder = round_figures(lowest, top, mantissas);
        ladder.push(top);
        if ladder.len() <= MAX_BUDGETS {
            return (ladder, capped);
        }
    }
    // Even one a decade is too many (costs spanning more than 11 decades): the top ones.
    let mut ladder = round_figures(lowest, top, &[1.0]);
    ladder.push(top);
    let keep = ladder.len() - MAX_BUDGETS;
    (ladder.split_off(keep), capped)
}

/// Round figures `m × 10^k` at or above `lowest` and below `top`.
fn round_figures(lowest: f64, top: f64, mantissas: &[f64]) -> Vec<f64> {
    let mut out = Vec::new();
    let mut decade = 10f64.powi(lowest.log10().floor() as i32);
    while decade < top {
        for m in mantissas {
            let figure = m * decade;
            if figure >= lowest && figure < top {
                out.push(figure);
            }
        }
        decade *= 10.0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ladder_runs_in_round_figures_to_the_total() {
        let (ladder, capped) = budget_ladder(&[12000.0, 9000.0, 5000.0, 0.0, 12000.0]);
        assert_eq!(ladder, [5000.0, 10000.0, 20000.0, 30000.0, 38000.0]);
        assert!(!capped);
        assert_eq!(budget_ladder(&[0.0]), (Vec::new(), false));
    }

    #[test]
    fn many_fixes_cap_the_ladder_and_wide_costs_thin_it() {
        let costs = vec![10000.0; 500];
        let (ladder, capped) = budget_ladder(&costs);
        assert!(capped);
        assert_eq!(ladder.last(), Some(&1_000_000.0));
        assert_eq!(ladder[..3], [10000.0, 20000.0, 30000.0]);
        let (wide, _) = budget_ladder(&[1.0, 1e9]);
        assert!(wide.len() <= MAX_BUDGETS, "{wide:?}");
        assert_eq!(wide.last(), Some(&1_000_000_001.0));
    }

    #[test]
    fn the_seed_has_a_plan_per_strategy_and_budget() {
        let source = include_str!("../../fixtures/valid/seed.yaml");
        let model = crate::load_str(source, "seed.yaml").unwrap().model;
        let p = precompute(&model, 2);
        let [growth, cost_down] = ["growth", "cost-down"].map(|s| model.strategy_index(s));
        assert_eq!(p.strategies, [growth, cost_down]);
        assert_eq!(p.plans.len(), 2);
        assert!(p.plans.iter().all(|plans| plans.len() == p.budgets.len()));
        // Each plan is the one `plan` makes alone at that budget.
        let b = p.budgets.len() / 2;
        assert_eq!(p.plans[1][b], plan(&model, cost_down, p.budgets[b]));
    }
}
