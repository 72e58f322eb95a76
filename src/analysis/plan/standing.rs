//! What a plan reads between picks without going over every candidate and handoff again:
//! the candidates in the order of the ranking, and the automation rate's runs.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::super::ranking::Standing;
use super::super::resolve::{HandoffResult, Status};
use super::super::value::{spec_order, Fix};
use crate::model::Model;

/// The candidates that save something and may still be picked, best first.
pub struct Standings {
    set: BTreeSet<Standing>,
    /// Per candidate: its entry in `set`, if any.
    of: Vec<Option<Standing>>,
    /// No candidate has a negative cost, so what is spent only grows and a candidate that
    /// does not fit will never fit.
    costs_only_grow: bool,
}

impl Standings {
    /// The candidates of `valued` that save hours.
    pub fn new(valued: &[Fix]) -> Standings {
        let mut standings = Standings {
            set: BTreeSet::new(),
            of: vec![None; valued.len()],
            costs_only_grow: valued.iter().all(|f| f.cost >= 0.0),
        };
        for (c, fix) in valued.iter().enumerate() {
            standings.set(c, fix);
        }
        standings
    }

    /// Places candidate `c` by its value `fix` (anew, after it was valued again); one that
    /// saves no hours has no place.
    pub fn set(&mut self, c: usize, fix: &Fix) {
        self.remove(c);
        if fix.annual_hours_saved > 0.0 {
            let standing = Standing::of(c, fix);
            self.set.insert(standing);
            self.of[c] = Some(standing);
        }
    }

    /// Takes candidate `c` out (it was picked).
    pub fn remove(&mut self, c: usize) {
        if let Some(standing) = self.of[c].take() {
            self.set.remove(&standing);
        }
    }

    /// The best-ranked candidate that fits: the first of [`spec_order`] among those placed
    /// whose cost fits, the lowest index among equals, as a scan of every candidate finds
    /// it. Those that no longer fit are dropped on the way when costs only grow.
    pub fn best_fitting(
        &mut self,
        model: &Model,
        valued: &[Fix],
        spent: f64,
        budget: f64,
    ) -> Option<usize> {
        let mut best: Option<Standing> = None;
        let mut too_dear = Vec::new();
        for standing in &self.set {
            if best.is_some_and(|b| !b.ties(standing)) {
                break;
            }
            let fix = &valued[standing.candidate as usize];
            if spent + fix.cost <= budget {
                let better = best.is_none_or(|b| {
                    spec_order(model, fix, &valued[b.candidate as usize]) == Ordering::Less
                });
                if better {
                    best = Some(*standing);
                }
            } else if self.costs_only_grow {
                too_dear.push(standing.candidate as usize);
            }
        }
        for c in too_dear {
            self.remove(c);
        }
        best.map(|b| b.candidate as usize)
    }
}

/// The runs a year of each handoff and whether it is automated, for the summary's
/// `automation_rate` after each pick.
pub struct Automation {
    runs: Vec<f64>,
    automated: Vec<bool>,
}

impl Automation {
    /// The tally of `handoffs`.
    pub fn of(handoffs: &[HandoffResult]) -> Automation {
        Automation {
            runs: handoffs.iter().map(|h| h.runs_per_year).collect(),
            automated: handoffs
                .iter()
                .map(|h| h.status == Status::Automated)
                .collect(),
        }
    }

    /// Handoff `k` is now `h`.
    pub fn update(&mut self, k: usize, h: &HandoffResult) {
        self.automated[k] = h.status == Status::Automated;
    }

    /// Summary `automation_rate`: Σ runs a year of automated handoffs / Σ runs a year, summed
    /// in handoff order exactly as the summary sums them (null without handoffs).
    pub fn rate(&self) -> Option<f64> {
        let (mut runs, mut automated_runs) = (0.0, 0.0);
        for (r, automated) in self.runs.iter().zip(&self.automated) {
            runs += r;
            if *automated {
                automated_runs += r;
            }
        }
        (!self.runs.is_empty()).then(|| automated_runs / runs)
    }
}
