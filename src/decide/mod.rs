//! Decision support built on the public analysis (`analysis::analyze`, `analysis::plan`):
//! the ranking under several strategies ([`compare`]), two versions of a model side by
//! side ([`diff`]), one fix's arithmetic ([`explain`]), how far the ranking survives
//! uncertain estimates ([`sensitivity`]) and a plan with what it does to automation
//! ([`roadmap`]). Nothing here values a fix itself: each question re-runs the analysis on
//! a model changed the way the question asks, so the numbers are the report's own.

mod benefits;
mod compare;
mod diff;
mod explain;
mod explore;
mod gate;
mod impact;
mod lookup;

pub use lookup::select_fix;
mod owners;
mod sensitivity;

pub use crate::analysis::{roadmap, with_fixes, Roadmap};
pub use benefits::{
    read_baseline, review, Baseline, BaselineError, Benefits, Built, HandoffNow, PlannedHandoff,
    PlannedStep, Rating, RatingChange, Realised, StepReview, UndoneFix, Unplanned, EXPECTED_SCHEMA,
};
pub use compare::{compare, CompareRow, Comparison, Flip, Standing};
pub use diff::{
    diff, Change, Diff, FixMove, GapChange, GapDelta, IntegrationChange, ModeChange, Rename, Side,
    SummaryDelta,
};
pub use explain::{explain, ExplainedHandoff, Explanation, Neighbour, ObjectiveTerm};
pub use explore::{budget_ladder, precompute, Precomputed, MAX_BUDGETS, PLAN_FIXES};
pub use gate::{verdict, CheckReport, Limit, Offender, Verdict, OFFENDERS};
pub use impact::{
    apply, change_text, impact, select_change, system_losses, AreaImpact, BudgetImpact,
    Change as ModelChange, ChangeNames, ChangeText, Edited, FixImpact, HandoffImpact, Impact,
    PlanSide, SystemLoss,
};
pub use owners::{by_owner, fix_owners, missing_owners, FixOwners, OwnerLoad, Part, Stake};
pub use sensitivity::{
    default_samples, sensitivity, sensitivity_of, sensitivity_reference, FixSensitivity,
    Sensitivity, SensitivityError, SensitivityOptions, DEFAULT_SAMPLES, MAX_RANKS, MAX_SAMPLES,
    MAX_SPREAD, MIN_DEFAULT_SAMPLES, SAMPLE_WORK,
};

use crate::analysis::{Action, Fix};
use crate::model::Model;

/// The fix of `fixes` (an analysis of `model`) with this id and action.
pub fn find_fix<'a>(model: &Model, fixes: &'a [Fix], id: &str, action: Action) -> Option<&'a Fix> {
    fixes
        .iter()
        .find(|f| f.action == action && f.id.text(model) == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn building_a_fix_removes_exactly_the_gaps_it_was_valued_on() {
        let source = include_str!("../../fixtures/valid/seed.yaml");
        let model = crate::load_str(source, "seed.yaml").unwrap().model;
        let growth = model.strategy_index("growth");
        let today = analyze(&model, growth);
        for fix in &today.fixes {
            let built = with_fixes(&model, [fix]);
            let after = analyze(&built, growth);
            let saved = today.summary.annual_cost - after.summary.annual_cost;
            assert!(
                (saved - fix.annual_saving).abs() < 1e-6,
                "{}: {saved} vs {}",
                fix.id.text(&model),
                fix.annual_saving
            );
            let id = fix.id.text(&model);
            assert!(find_fix(&built, &after.fixes, &id, fix.action).is_none());
        }
    }
}
