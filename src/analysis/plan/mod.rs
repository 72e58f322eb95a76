//! A budgeted roadmap (docs/scoring.md, section 9): greedy picks, each valued
//! against the model with the earlier picks applied.

mod built;
mod planner;
mod roadmap;
mod standing;

pub use built::with_fixes;
pub use roadmap::{roadmap, Roadmap};

use super::candidates::{candidates, Action};
use super::ids::FixId;
use super::lowered::value_with;
use super::measures::{summary, Summary};
use super::value::{rank, Fix, RankBy};
use crate::model::{Model, StrategyIx, SystemIx};
use planner::{Planner, Scenario};

/// One pick of the plan, with its marginal value and the running totals.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanStep {
    /// 1-based.
    pub step: usize,
    /// What the fix is made from, which names it.
    pub id: FixId,
    /// What it does.
    pub action: Action,
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// Cost.
    pub cost: f64,
    /// Hours a year it saves at this step.
    pub annual_hours_saved: f64,
    /// Saving a year at this step.
    pub annual_saving: f64,
    /// Strategic value at this step.
    pub strategic_value: f64,
    /// Spent so far.
    pub cumulative_cost: f64,
    /// Saved a year so far.
    pub cumulative_saving: f64,
    /// Strategic value so far.
    pub cumulative_strategic_value: f64,
    /// Its running cost a year.
    pub run_cost: f64,
    /// Its NPV at this step (its marginal net saving over the horizon, less its cost).
    pub npv: f64,
    /// NPV so far: Σ of the steps' NPVs.
    pub cumulative_npv: f64,
    /// Summary `automation_rate` of the model with this and the earlier picks applied.
    pub automation_rate_after: Option<f64>,
}

/// A budgeted roadmap.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The budget.
    pub budget: f64,
    /// The picks, in order.
    pub steps: Vec<PlanStep>,
    /// Each pick as the fix it was at its step (what to build), in order.
    pub picks: Vec<Fix>,
}

/// Picks fixes greedily within `budget` under strategy `strategy` (index).
///
/// Incremental: a pick carrying data set D changes only the handoffs of data in D (their
/// graph is the only one that changed), and of those only the ones a path through the pick
/// could change (`Bounds`: the least path through it, with any candidate of the pool, is
/// dearer than what the handoff pays today). Those handoffs are resolved and valued again,
/// and only the candidates with an entry for one of them before or after are built again;
/// every other value is kept, exactly.
pub fn plan(model: &Model, strategy: Option<StrategyIx>, budget: f64) -> Plan {
    plan_run(model, strategy, budget).plan
}

/// A plan with the model's handoffs as they are today and as the picks leave them: what a
/// roadmap reports besides the steps, without analysing the model again.
pub struct PlanRun {
    /// The plan.
    pub plan: Plan,
    /// The summary of today's model, as [`super::analyze`] gives it.
    pub today: Summary,
    after: Scenario,
}

impl PlanRun {
    /// The summary of `built`, today's model with every pick built (appended in pick order,
    /// as `decide::with_fixes` builds them): its handoffs are the ones the plan resolved,
    /// so this is [`super::analyze`]'s summary of `built`.
    pub fn summary_after(&self, built: &Model) -> Summary {
        summary(built, &self.after.state)
    }

    /// The fixes of `built` (see [`PlanRun::summary_after`]), valued and ranked as
    /// [`super::analyze`] values and ranks them, against the handoffs the plan resolved and
    /// in the plan's final graph (the same hops in the same order as `built`'s network).
    pub fn fixes_after(&mut self, built: &Model) -> Vec<Fix> {
        let after = &mut self.after;
        let pool = candidates(built, &after.state);
        let fixes = value_with(
            built,
            &after.network,
            &after.state,
            &after.alignment,
            &pool,
            &mut after.engine,
        );
        rank(built, fixes, RankBy::Priority)
    }
}

/// [`plan`], keeping what it learnt of the model today and after the picks.
pub fn plan_run(model: &Model, strategy: Option<StrategyIx>, budget: f64) -> PlanRun {
    let mut planner = Planner::new(model, strategy);
    let today = summary(model, planner.state());
    let mut steps: Vec<PlanStep> = Vec::new();
    let (mut spent, mut saved, mut value_so_far, mut npv_so_far) = (0.0, 0.0, 0.0, 0.0);
    let mut picks: Vec<Fix> = Vec::new();
    while let Some(chosen) = planner.best_fitting(spent, budget) {
        let pick = planner.valued[chosen].clone();
        planner.apply(chosen);

        spent += pick.cost;
        saved += pick.annual_saving;
        value_so_far += pick.strategic_value;
        npv_so_far += pick.npv;
        // Its rank in the plan is its step.
        picks.push(Fix {
            rank: steps.len() + 1,
            ..pick.clone()
        });
        steps.push(PlanStep {
            step: steps.len() + 1,
            id: pick.id,
            action: pick.action,
            from: pick.from,
            to: pick.to,
            cost: pick.cost,
            annual_hours_saved: pick.annual_hours_saved,
            annual_saving: pick.annual_saving,
            strategic_value: pick.strategic_value,
            cumulative_cost: spent,
            cumulative_saving: saved,
            cumulative_strategic_value: value_so_far,
            run_cost: pick.run_cost,
            npv: pick.npv,
            cumulative_npv: npv_so_far,
            automation_rate_after: planner.automation.rate(),
        });
    }
    PlanRun {
        plan: Plan {
            budget,
            steps,
            picks,
        },
        today,
        after: planner.into_scenario(),
    }
}
