//! The benefits review (`gapgraph review PLAN MODEL`, issue 21): last quarter's plan, kept
//! as its JSON, against this quarter's model. For each planned step: was it built (matched
//! by fix id, else by its ends and data), its forecast saving against the realised change in
//! the handoffs it was to close, its planned cost against the integration's `actual_cost`;
//! the fixes the plan left undone that were built anyway; the automation rate forecast
//! against now; and the systems' satisfaction before and after. The rules are in
//! docs/benefits-review.md.

mod baseline;

use std::collections::{HashMap, HashSet};

pub use baseline::{
    read_baseline, Baseline, BaselineError, PlannedHandoff, PlannedStep, Rating, UndoneFix,
    EXPECTED_SCHEMA,
};

use crate::analysis::rules::effective_mode;
use crate::analysis::Analysis;
use crate::model::{Mode, Model, Source};

/// How a planned fix was found in the model now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Built {
    /// An automated integration with the fix's id (index into the model now).
    ById(usize),
    /// An automated integration between the same systems carrying the fix's data.
    ByEnds(usize),
    /// Not built; an integration with its id or between its ends exists, not automated.
    Partly(usize),
    /// Not built: nothing between its ends.
    No,
}

impl Built {
    /// The integration found, built or not.
    pub fn integration(self) -> Option<usize> {
        match self {
            Built::ById(i) | Built::ByEnds(i) | Built::Partly(i) => Some(i),
            Built::No => None,
        }
    }

    /// Built: an automated integration does what the fix was to do.
    pub fn is_built(self) -> bool {
        matches!(self, Built::ById(_) | Built::ByEnds(_))
    }
}

/// A handoff a step was to close, found in the model now.
#[derive(Clone, Debug, PartialEq)]
pub struct HandoffNow {
    /// As planned.
    pub planned: PlannedHandoff,
    /// Its result in the analysis now (index into `Analysis::handoffs`); `None`: gone.
    pub now: Option<usize>,
    /// An earlier step of the plan already closes it: its change is counted there (from
    /// its figures before any step), not again here.
    pub counted_earlier: bool,
}

/// What changed on the handoffs a step was to close.
#[derive(Clone, Debug, PartialEq)]
pub struct Realised {
    /// Each handoff, as planned and now.
    pub handoffs: Vec<HandoffNow>,
    /// Σ (hours a year then − now) over the handoffs still in the model.
    pub annual_hours_saved: f64,
    /// Σ (cost a year then − now) over the same.
    pub annual_saving: f64,
    /// Σ hours a year now: what they still take.
    pub annual_hours_now: f64,
    /// Σ cost a year now.
    pub annual_cost_now: f64,
    /// The weakest source of the figures now (`measured` when every one is).
    pub basis: Source,
}

/// One planned step reviewed.
#[derive(Clone, Debug, PartialEq)]
pub struct StepReview {
    /// As planned.
    pub planned: PlannedStep,
    /// Found in the model now?
    pub built: Built,
    /// The integration's `actual_cost`, when built and recorded.
    pub actual_cost: Option<f64>,
    /// The realised change (`None`: the plan does not say which handoffs it was to close).
    pub realised: Option<Realised>,
}

/// A fix the plan left undone that was built anyway.
#[derive(Clone, Debug, PartialEq)]
pub struct Unplanned {
    /// As the plan valued it.
    pub fix: UndoneFix,
    /// How it was found.
    pub built: Built,
    /// The integration's `actual_cost`, when recorded.
    pub actual_cost: Option<f64>,
}

/// A system's satisfaction at plan time and now.
#[derive(Clone, Debug, PartialEq)]
pub struct RatingChange {
    /// System index in the model now.
    pub system: usize,
    /// Rating at plan time.
    pub before: f64,
    /// Rating now.
    pub after: f64,
    /// A built step connects it.
    pub touched: bool,
}

/// The whole review.
#[derive(Clone, Debug, PartialEq)]
pub struct Benefits {
    /// The plan reviewed.
    pub baseline: Baseline,
    /// Each planned step, in plan order.
    pub steps: Vec<StepReview>,
    /// Fixes the plan left undone that were built anyway.
    pub unplanned: Vec<Unplanned>,
    /// Summary automation rate now.
    pub automation_now: Option<f64>,
    /// Summary hours a year of the gaps now.
    pub annual_hours_now: f64,
    /// Summary cost a year of the gaps now.
    pub annual_cost_now: f64,
    /// Satisfaction of the systems rated in both (`None`: the plan carries no ratings).
    pub ratings: Option<Vec<RatingChange>>,
}

impl Benefits {
    /// The steps built and the steps not.
    pub fn built_count(&self) -> (usize, usize) {
        let built = self.steps.iter().filter(|s| s.built.is_built()).count();
        (built, self.steps.len() - built)
    }

    /// Σ realised saving (hours, money) over the steps that say what they close; `None`
    /// when none does.
    pub fn realised_total(&self) -> Option<(f64, f64)> {
        let known: Vec<&Realised> = self
            .steps
            .iter()
            .filter_map(|s| s.realised.as_ref())
            .collect();
        if known.is_empty() && !self.steps.is_empty() {
            return None;
        }
        Some(known.iter().fold((0.0, 0.0), |(h, c), r| {
            (h + r.annual_hours_saved, c + r.annual_saving)
        }))
    }
}

/// Reviews `baseline` against `model` now and its analysis.
pub fn review(baseline: Baseline, model: &Model, analysis: &Analysis) -> Benefits {
    let index = Index::new(model, analysis);
    let mut seen = HashSet::new();
    let steps: Vec<StepReview> = baseline
        .steps
        .iter()
        .map(|planned| {
            let built = index.built(
                model,
                Wanted {
                    id: &planned.id,
                    action: &planned.action,
                    from: &planned.from,
                    to: &planned.to,
                    carries: planned.carries.as_deref(),
                },
            );
            StepReview {
                planned: planned.clone(),
                built,
                actual_cost: actual_cost(model, built),
                realised: planned
                    .closes
                    .as_ref()
                    .map(|c| index.realised(analysis, c, &mut seen)),
            }
        })
        .collect();
    let unplanned = baseline
        .left_undone
        .iter()
        .filter_map(|fix| {
            let built = index.built(
                model,
                Wanted {
                    id: &fix.id,
                    action: &fix.action,
                    from: &fix.from,
                    to: &fix.to,
                    carries: fix.carries.as_deref(),
                },
            );
            built.is_built().then(|| Unplanned {
                fix: fix.clone(),
                built,
                actual_cost: actual_cost(model, built),
            })
        })
        .collect();
    let ratings = baseline
        .satisfaction
        .as_ref()
        .map(|r| rating_changes(model, &index, r, &steps));
    Benefits {
        steps,
        unplanned,
        automation_now: analysis.summary.automation_rate,
        annual_hours_now: analysis.summary.annual_hours,
        annual_cost_now: analysis.summary.annual_cost,
        ratings,
        baseline,
    }
}

fn actual_cost(model: &Model, built: Built) -> Option<f64> {
    if !built.is_built() {
        return None;
    }
    built
        .integration()
        .and_then(|i| model.integrations[i].actual_cost)
}

fn rating_changes(
    model: &Model,
    index: &Index,
    ratings: &[Rating],
    steps: &[StepReview],
) -> Vec<RatingChange> {
    ratings
        .iter()
        .filter_map(|r| {
            let system = *index.systems.get(r.system.as_str())?;
            let after = model.systems[system].satisfaction?;
            let id = model.systems[system].id.as_str();
            let touched = steps
                .iter()
                .any(|s| s.built.is_built() && (s.planned.from == id || s.planned.to == id));
            Some(RatingChange {
                system,
                before: r.satisfaction,
                after,
                touched,
            })
        })
        .collect()
}

/// A fix as a plan names it.
struct Wanted<'p> {
    id: &'p str,
    action: &'p str,
    from: &'p str,
    to: &'p str,
    carries: Option<&'p [String]>,
}

/// The model now, looked up by the names a plan uses.
struct Index<'m> {
    systems: HashMap<&'m str, usize>,
    integrations: HashMap<&'m str, usize>,
    pairs: HashMap<(usize, usize), Vec<usize>>,
    /// (workflow id, from, to, data) -> handoff result.
    handoffs: HashMap<(&'m str, &'m str, &'m str, &'m str), usize>,
    /// (from, to, data) -> the first handoff result, in file order.
    anywhere: HashMap<(&'m str, &'m str, &'m str), usize>,
}

impl<'m> Index<'m> {
    fn new(model: &'m Model, analysis: &Analysis) -> Index<'m> {
        let systems = model
            .systems
            .iter()
            .enumerate()
            .map(|(k, s)| (s.id.as_str(), k))
            .collect();
        let mut integrations = HashMap::new();
        let mut pairs: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
        for (k, i) in model.integrations.iter().enumerate() {
            integrations.insert(i.id.as_str(), k);
            pairs
                .entry((i.from.index(), i.to.index()))
                .or_default()
                .push(k);
        }
        let mut handoffs = HashMap::new();
        let mut anywhere = HashMap::new();
        for (k, h) in analysis.handoffs.iter().enumerate() {
            let workflow = model.workflow(h.workflow);
            let data = workflow.handoffs[h.step - 1].data.as_ref();
            let (from, to) = (
                model.system(h.from).id.as_str(),
                model.system(h.to).id.as_str(),
            );
            handoffs
                .entry((workflow.id.as_str(), from, to, data))
                .or_insert(k);
            anywhere.entry((from, to, data)).or_insert(k);
        }
        Index {
            systems,
            integrations,
            pairs,
            handoffs,
            anywhere,
        }
    }

    /// Whether the fix `id` from `from` to `to` carrying `carries` is built in `model`.
    fn built(&self, model: &Model, fix: Wanted) -> Built {
        let Wanted {
            id,
            action,
            from,
            to,
            carries,
        } = fix;
        let automate = action == "automate";
        let automated = |k: usize| {
            let i = &model.integrations[k];
            effective_mode(model, i.mode, i.from, i.to) == Mode::Automated
        };
        let carries_all = |k: usize| {
            carries.is_none_or(|data| {
                data.iter()
                    .all(|d| model.integrations[k].carries.carries(d))
            })
        };
        let by_id = self.integrations.get(id).copied();
        // A connect fix can share its `FROM->TO` id with an automated integration that does
        // not carry its data (that is why it was a candidate): the data must match too.
        if let Some(k) = by_id.filter(|&k| automated(k) && (automate || carries_all(k))) {
            return Built::ById(k);
        }
        let ends = self.systems.get(from).zip(self.systems.get(to));
        let between: &[usize] = ends
            .and_then(|(&f, &t)| self.pairs.get(&(f, t)))
            .map_or(&[], Vec::as_slice);
        if let Some(&k) = between.iter().find(|&&k| automated(k) && carries_all(k)) {
            return Built::ByEnds(k);
        }
        by_id
            .or(between.first().copied())
            .map_or(Built::No, Built::Partly)
    }

    /// The change on `closes`; a handoff in `seen` (closed by an earlier step) is listed but
    /// not counted again.
    fn realised(
        &self,
        analysis: &Analysis,
        closes: &[PlannedHandoff],
        seen: &mut HashSet<(String, usize)>,
    ) -> Realised {
        let mut r = Realised {
            handoffs: Vec::with_capacity(closes.len()),
            annual_hours_saved: 0.0,
            annual_saving: 0.0,
            annual_hours_now: 0.0,
            annual_cost_now: 0.0,
            basis: Source::Measured,
        };
        for planned in closes {
            let key = (
                planned.from.as_str(),
                planned.to.as_str(),
                planned.data.as_str(),
            );
            let now = self
                .handoffs
                .get(&(planned.workflow.as_str(), key.0, key.1, key.2))
                .or_else(|| self.anywhere.get(&key))
                .copied();
            let counted_earlier = !seen.insert((planned.workflow.clone(), planned.step));
            if let Some(k) = now.filter(|_| !counted_earlier) {
                let h = &analysis.handoffs[k];
                r.annual_hours_saved += planned.annual_hours_before - h.annual_hours;
                r.annual_saving += planned.annual_cost_before - h.annual_cost;
                r.annual_hours_now += h.annual_hours;
                r.annual_cost_now += h.annual_cost;
                r.basis = r.basis.weakest(h.minutes_basis).weakest(h.runs_basis);
            }
            r.handoffs.push(HandoffNow {
                planned: planned.clone(),
                now,
                counted_earlier,
            });
        }
        if r.handoffs.iter().all(|h| h.now.is_none()) {
            r.basis = Source::Stated;
        }
        r
    }
}
