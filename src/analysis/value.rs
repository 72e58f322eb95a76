//! The value of a fix, evaluated alone against the whole model (docs/scoring.md, section
//! 4); the ranking is in ranking.rs.

use super::candidates::{Action, Candidate};
use super::ids::FixId;
pub use super::ranking::{rank, spec_order, RankBy};
use super::resolve::{annual_hours, status_and_minutes, Alignment, HandoffResult};
use super::ObjectiveSplit;
use crate::model::{Carries, IntegrationIx, Model, Source, SystemIx, WorkflowIx};

/// One handoff a fix makes cheaper: the explanation behind its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Improvement {
    /// The workflow.
    pub workflow: WorkflowIx,
    /// 1-based step.
    pub step: usize,
    /// Minutes per run before the fix.
    pub minutes_before: f64,
    /// Minutes per run after it.
    pub minutes_after: f64,
    /// Hours a year saved on this handoff.
    pub annual_hours_saved: f64,
}

impl Improvement {
    /// The data object of the handoff it improves.
    pub fn data<'m>(&self, model: &'m Model) -> &'m str {
        &model.workflow(self.workflow).handoffs[self.step - 1].data
    }
}

/// A fix with its value; `rank` is set by [`rank`].
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// 1-based position in the ranking.
    pub rank: usize,
    /// What it is made from, which names it.
    pub id: FixId,
    /// What it does.
    pub action: Action,
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// What the resulting integration moves (shared with its candidate).
    pub carries: Carries,
    /// Cost to make.
    pub cost: f64,
    /// Σ (before − after) hours over all handoffs.
    pub annual_hours_saved: f64,
    /// Σ (before − after) annual cost.
    pub annual_saving: f64,
    /// Σ (before − after) annual cost × alignment.
    pub strategic_value: f64,
    /// strategic_value / cost; `null` for a cost of 0.
    pub priority: Option<f64>,
    /// cost / (annual_saving / 12); `null` without saving.
    pub payback_months: Option<f64>,
    /// strategic_value > 0.
    pub aligned: bool,
    /// Workflows with a handoff it makes cheaper, in file order.
    pub workflows: Vec<WorkflowIx>,
    /// strategic_value split by objective weighed in the strategy in force.
    pub objectives: ObjectiveSplit,
    /// The handoffs it makes cheaper, in file order.
    pub improves: Vec<Improvement>,
    /// The handoffs it makes dearer, in file order: missing ones priced at
    /// `defaults.missing_minutes` that it gives a path of more minutes (a default never
    /// replaces the minutes a path adds up to). Their hours count against its saving.
    pub raises: Vec<Improvement>,
    /// The integration it automates.
    pub integration: Option<IntegrationIx>,
    /// Its running cost a year once built.
    pub run_cost: f64,
    /// annual_saving − run_cost.
    pub net_saving: f64,
    /// −cost + Σ_{y=1..H} net_saving / (1 + r)^y, H and r from `defaults`.
    pub npv: f64,
}

impl Fix {
    /// Its NPV is below 0: over `defaults.horizon_years` it costs more than it saves.
    pub fn loses_money(&self) -> bool {
        self.npv < 0.0
    }

    /// Where its cost comes from: the catalogued fix's or the integration's `fix_cost`
    /// (with their `source`), else the default.
    pub fn cost_basis(&self, model: &Model) -> Source {
        match self.id {
            FixId::Automate(i) => {
                let integration = model.integration(i);
                match integration.fix_cost {
                    Some(_) => integration.sources.cost,
                    None => Source::Default,
                }
            }
            FixId::Catalog(f) => model.catalog_fix(f).sources.cost,
            FixId::Connect { .. } => Source::Default,
        }
    }

    /// Where its running cost comes from.
    pub fn run_cost_basis(&self, model: &Model) -> Source {
        let (stated, source) = match self.id {
            FixId::Automate(i) => {
                let integration = model.integration(i);
                (integration.run_cost, integration.sources.run_cost)
            }
            FixId::Catalog(f) => (
                model.catalog_fix(f).run_cost,
                model.catalog_fix(f).sources.run_cost,
            ),
            FixId::Connect { .. } => (None, Source::Default),
        };
        stated.map_or(Source::Default, |_| source)
    }

    /// Its display name: the catalogued fix's, or the automated integration's.
    pub fn name<'m>(&self, model: &'m Model) -> Option<&'m str> {
        match self.id {
            FixId::Automate(i) => model.integration(i).name.as_deref(),
            FixId::Catalog(f) => model.catalog_fix(f).name.as_deref(),
            FixId::Connect { .. } => None,
        }
    }
}

/// The fix of `candidate` from the handoffs it lowers: `lowered` holds (handoff index into
/// `before`, minutes per run after the fix), in file order. The sums run in file order, as
/// docs/scoring.md, sections 4-5 reads.
pub fn fix_of(
    model: &Model,
    before: &[HandoffResult],
    alignment: &Alignment,
    candidate: &Candidate,
    lowered: &[(u32, f64)],
) -> Fix {
    fix_with(
        model,
        before,
        alignment,
        candidate,
        candidate.carries.clone(),
        lowered,
    )
}

/// [`fix_of`] with the carries it moves given apart (the candidate's, shared).
pub(super) fn fix_with(
    model: &Model,
    before: &[HandoffResult],
    alignment: &Alignment,
    candidate: &Candidate,
    carries: Carries,
    lowered: &[(u32, f64)],
) -> Fix {
    let mut fix = Fix {
        rank: 0,
        id: candidate.id,
        action: candidate.action,
        from: candidate.from,
        to: candidate.to,
        carries,
        cost: candidate.cost,
        annual_hours_saved: 0.0,
        annual_saving: 0.0,
        strategic_value: 0.0,
        priority: None,
        payback_months: None,
        aligned: false,
        // Sized for every handoff it lowers (nearly always what it keeps): growing by
        // doubling left three quarters of these lists empty on a large model.
        workflows: Vec::with_capacity(lowered.len()),
        objectives: alignment.objectives().map(|o| (o, 0.0)).collect(),
        improves: Vec::with_capacity(lowered.len()),
        raises: Vec::new(),
        integration: candidate.integration,
        run_cost: candidate.run_cost,
        net_saving: 0.0,
        npv: 0.0,
    };
    for &(k, path_minutes) in lowered {
        let h = &before[k as usize];
        let Some((minutes, hours_saved, saving)) = change(h, path_minutes) else {
            continue;
        };
        fix.annual_hours_saved += hours_saved;
        fix.annual_saving += saving;
        fix.strategic_value += saving * h.alignment;
        for ((_, sum), part) in fix
            .objectives
            .iter_mut()
            .zip(alignment.split(h.workflow, saving))
        {
            *sum += part;
        }
        let change = Improvement {
            workflow: h.workflow,
            step: h.step,
            minutes_before: h.minutes,
            minutes_after: minutes,
            annual_hours_saved: hours_saved,
        };
        if minutes > h.minutes {
            fix.raises.push(change);
            continue;
        }
        // Handoffs come in file order, so a workflow already listed is the last one.
        if fix.workflows.last() != Some(&h.workflow) {
            fix.workflows.push(h.workflow);
        }
        fix.improves.push(change);
    }
    fix.workflows.shrink_to_fit();
    fix.improves.shrink_to_fit();
    fix.aligned = fix.strategic_value > 0.0;
    fix.priority = (fix.cost > 0.0).then(|| fix.strategic_value / fix.cost);
    settle_economics(model, &mut fix);
    fix
}

/// What a path of `path_minutes` changes on handoff `h`: (minutes per run after, hours a
/// year saved, saving a year), `None` when its minutes stay as they are.
#[inline]
fn change(h: &HandoffResult, path_minutes: f64) -> Option<(f64, f64, f64)> {
    let (_, minutes) = status_and_minutes(Some(path_minutes), h.stated_minutes, h.fallback_minutes);
    if minutes == h.minutes {
        return None;
    }
    let hours_after = annual_hours(h.runs_per_year, minutes);
    let cost_after = hours_after * h.hourly_cost;
    Some((
        minutes,
        h.annual_hours - hours_after,
        h.annual_cost - cost_after,
    ))
}

/// The three sums of [`fix_of`] that rank a fix, added up exactly as it adds them:
/// (annual hours saved, annual saving, strategic value).
pub fn saved_sums(before: &[HandoffResult], lowered: &[(u32, f64)]) -> (f64, f64, f64) {
    let (mut hours, mut saving, mut value) = (0.0, 0.0, 0.0);
    for &(k, path_minutes) in lowered {
        let h = &before[k as usize];
        if let Some((_, hours_saved, saved)) = change(h, path_minutes) {
            hours += hours_saved;
            saving += saved;
            value += saved * h.alignment;
        }
    }
    (hours, saving, value)
}

/// Net saving, payback and NPV of a fix from its saving, cost and running cost
/// (docs/scoring.md, "Fix economics").
pub fn settle_economics(model: &Model, fix: &mut Fix) {
    fix.net_saving = fix.annual_saving - fix.run_cost;
    fix.payback_months = if fix.net_saving > 0.0 {
        Some(fix.cost / (fix.net_saving / 12.0))
    } else {
        None
    };
    fix.npv = npv(model, fix.cost, fix.net_saving);
}

/// −cost + Σ_{y=1..H} net / (1 + r)^y, summed year by year as written.
pub fn npv(model: &Model, cost: f64, net_saving_a_year: f64) -> f64 {
    let rate = model.defaults.discount_rate;
    let years = model.defaults.horizon_years as i32;
    let discounted = DISCOUNTS.with(|cache| {
        let mut cache = cache.borrow_mut();
        // (1 + r)^y for y = 1..H, computed once per (r, H): a plan values fixes millions
        // of times, and `powf` would dominate.
        if cache.0 != (rate.to_bits(), years) {
            let powers = (1..=years)
                .map(|y| (1.0 + rate).powf(f64::from(y)))
                .collect();
            *cache = ((rate.to_bits(), years), powers);
        }
        cache
            .1
            .iter()
            .fold(0.0, |sum, power| sum + net_saving_a_year / power)
    });
    -cost + discounted
}

thread_local! {
    /// The powers (1 + r)^y of the last (r, H) asked for.
    static DISCOUNTS: std::cell::RefCell<((u64, i32), Vec<f64>)> =
        const { std::cell::RefCell::new(((u64::MAX, 0), Vec::new())) };
}
