//! A budgeted plan with what it does to automation after each step and what the budget
//! leaves undone. The plan, the automation rate after each step and the handoffs before
//! and after are `analysis::plan_run`'s; what is left undone is the valuation of the model
//! with every pick built, against those handoffs (no second resolution of the model).

use std::collections::HashMap;

use super::{plan_run, with_fixes, Plan};
use crate::analysis::{Fix, FixId};
use crate::model::{CatalogFixIx, Model, StrategyIx};

/// A plan and its consequences.
#[derive(Clone, Debug, PartialEq)]
pub struct Roadmap {
    /// The picks.
    pub plan: Plan,
    /// Summary `automation_rate` today.
    pub automation_before: Option<f64>,
    /// Summary `annual_hours` of the gaps today.
    pub annual_hours_before: f64,
    /// Summary `annual_cost` of the gaps today.
    pub annual_cost_before: f64,
    /// Summary `automation_rate` after each step, one per step.
    pub automation_after: Vec<Option<f64>>,
    /// Summary `strategic_automation` after the last step (today's without steps).
    pub strategic_automation_after: Option<f64>,
    /// Staff hours a year still lost to gaps after the last step.
    pub annual_hours_after: f64,
    /// The fixes that would still save something after the plan, ranked against the model
    /// with every pick built: what the budget left undone.
    pub left_undone: Vec<Fix>,
}

impl Roadmap {
    /// Σ cost of what was left undone.
    pub fn undone_cost(&self) -> f64 {
        self.left_undone.iter().map(|f| f.cost).sum()
    }
}

/// The plan of `model` under strategy `strategy` within `budget`, with its consequences.
///
/// ```
/// let source = "
/// currency: USD
/// defaults: {hourly_cost: 50}
/// systems: {crm: {}, accounting: {}}
/// integrations:
///   - {from: accounting, to: crm, carries: [payment-status], mode: manual, minutes: 5}
/// workflows:
///   lead-to-cash:
///     runs: {count: 400, per: month}
///     handoffs: [{from: accounting, to: crm, data: payment-status}]
/// ";
/// let model = gapgraph::load_str(source, "model.yaml").unwrap().model;
/// // The fix costs the default 10,000; a budget of 5,000 buys nothing, 20,000 buys it.
/// let none = gapgraph::analysis::roadmap(&model, None, 5_000.0);
/// assert!(none.plan.steps.is_empty());
/// assert_eq!(none.left_undone.len(), 1);
/// let one = gapgraph::analysis::roadmap(&model, None, 20_000.0);
/// assert_eq!(one.plan.steps.len(), 1);
/// assert_eq!(one.annual_hours_after, 0.0);
/// assert_eq!(one.automation_after, vec![Some(1.0)]);
/// ```
pub fn roadmap(model: &Model, strategy: Option<StrategyIx>, budget: f64) -> Roadmap {
    // The plan resolves the model today and keeps its handoffs up to date after each pick:
    // today's summary, the summary with every pick built and what is left undone read off
    // them are those of `analyze` of today's model and of the built one.
    let mut run = plan_run(model, strategy, budget);
    let automation_after = run
        .plan
        .steps
        .iter()
        .map(|s| s.automation_rate_after)
        .collect();
    let built = with_fixes(model, &run.plan.picks);
    let after = run.summary_after(&built);
    let fixes = run.fixes_after(&built);
    Roadmap {
        automation_before: run.today.automation_rate,
        annual_hours_before: run.today.annual_hours,
        annual_cost_before: run.today.annual_cost,
        automation_after,
        strategic_automation_after: after.strategic_automation,
        annual_hours_after: after.annual_hours,
        left_undone: in_terms_of(model, &built, fixes),
        plan: run.plan,
    }
}

/// Fixes of an analysis of `built` (`today` with picks built) named in `today`'s terms, as
/// every report of the plan reads them. Building leaves systems, workflows and the
/// integrations already there where they were, and appends; only the catalog shrinks, by
/// the catalogued picks, so its indexes are the ones that move.
fn in_terms_of(today: &Model, built: &Model, mut fixes: Vec<Fix>) -> Vec<Fix> {
    let mut catalog: HashMap<&str, CatalogFixIx> = HashMap::new();
    for (k, fix) in today.catalog_fix_ixs().zip(&today.fixes) {
        catalog.entry(fix.id.as_str()).or_insert(k);
    }
    for fix in &mut fixes {
        if let FixId::Catalog(k) = fix.id {
            if let Some(&today_k) = catalog.get(built.catalog_fix(k).id.as_str()) {
                fix.id = FixId::Catalog(today_k);
            }
        }
    }
    fixes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_step_raises_automation_and_the_rest_is_left_undone() {
        let source = include_str!("../../../fixtures/valid/seed.yaml");
        let model = crate::load_str(source, "seed.yaml").unwrap().model;
        let r = roadmap(&model, model.strategy_index("growth"), 25000.0);
        let ids: Vec<String> = r
            .plan
            .steps
            .iter()
            .map(|s| s.id.text(&model).into_owned())
            .collect();
        // 12,000 + 9,000 = 21,000; mes->erp (8,000) no longer fits, marketing->crm (5,000)
        // does not either (26,000), so nothing else fits.
        assert_eq!(ids, ["crm->accounting", "payment-webhook"]);
        // Runs a year: 3,600 × 4 + 1,560 × 2 + 15,000 × 3 + 4,800 × 2 = 72,120; automated
        // today 2 × 3,600 + 1,560 + 15,000 = 23,760.
        assert_eq!(r.automation_before, Some(23760.0 / 72120.0));
        assert_eq!(
            r.automation_after,
            [Some(27360.0 / 72120.0), Some(30960.0 / 72120.0)]
        );
        assert_eq!(r.left_undone.len(), 6);
        assert_eq!(r.undone_cost(), 8000.0 + 5000.0 + 12000.0 * 3.0 + 6000.0);
    }
}
