//! The ranking of fixes (docs/scoring.md, section 5): the order the spec gives, or the
//! one an option asks for.

use std::cmp::Ordering;

use super::value::Fix;
use crate::model::Model;

/// The order a ranking uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RankBy {
    /// docs/scoring.md, sections 4-5: strategic value per unit of cost.
    #[default]
    Priority,
    /// Strategic value, largest first.
    Value,
    /// Annual saving, largest first.
    Saving,
    /// Payback months, shortest first (no payback last).
    Payback,
}

impl RankBy {
    /// How a report names the order, e.g. "by strategic value per USD spent".
    pub fn describe(self, currency: &str) -> String {
        match self {
            RankBy::Priority => format!("by strategic value per {currency} spent"),
            RankBy::Value => "by strategic value".to_string(),
            RankBy::Saving => "by annual saving".to_string(),
            RankBy::Payback => "by payback, shortest first".to_string(),
        }
    }
}

/// The spec's ordering: zero-cost fixes with strategic value first, then priority, strategic
/// value and saving descending, then id (bytes), then action.
pub fn spec_order(model: &Model, a: &Fix, b: &Fix) -> Ordering {
    let free = |f: &Fix| f.cost == 0.0 && f.strategic_value > 0.0;
    let priority = |f: &Fix| f.priority.unwrap_or(0.0);
    free(b)
        .cmp(&free(a))
        .then_with(|| {
            if free(a) && free(b) {
                Ordering::Equal
            } else {
                priority(b).total_cmp(&priority(a))
            }
        })
        .then_with(|| b.strategic_value.total_cmp(&a.strategic_value))
        .then_with(|| b.annual_saving.total_cmp(&a.annual_saving))
        .then_with(|| a.id.cmp_text(&b.id, model))
        .then_with(|| a.action.cmp(&b.action))
}

/// Sorts fixes by `by` (the spec's ordering breaking its ties) and numbers them from 1.
pub fn rank(model: &Model, mut fixes: Vec<Fix>, by: RankBy) -> Vec<Fix> {
    // Positions are sorted, not the fixes: a stable sort of 280-byte fixes takes a buffer
    // of half of them (56 MB for a landscape's 400,000) and moves each several times. The
    // numbers each comparison reads are copied beside the positions: read through `fixes`,
    // nearly every comparison of a landscape's sort missed the cache. Only equal numbers
    // read the fixes' ids, and the position breaks what ties after them, so the unstable
    // sort gives the stable sort's order.
    let mut keyed: Vec<(Standing, Option<f64>)> = fixes
        .iter()
        .enumerate()
        .map(|(k, fix)| (Standing::of(k, fix), fix.payback_months))
        .collect();
    keyed.sort_unstable_by(|(a, a_payback), (b, b_payback)| {
        let primary = match by {
            RankBy::Priority => Ordering::Equal,
            RankBy::Value => b.value.total_cmp(&a.value),
            RankBy::Saving => b.saving.total_cmp(&a.saving),
            RankBy::Payback => match (a_payback, b_payback) {
                (Some(x), Some(y)) => x.total_cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        let (fa, fb) = (a.candidate as usize, b.candidate as usize);
        primary
            .then_with(|| a.numbers(b))
            .then_with(|| spec_order(model, &fixes[fa], &fixes[fb]))
            .then_with(|| fa.cmp(&fb))
    });
    let mut order: Vec<usize> = keyed.iter().map(|(s, _)| s.candidate as usize).collect();
    drop(keyed);
    permute(&mut fixes, &mut order);
    for (i, fix) in fixes.iter_mut().enumerate() {
        fix.rank = i + 1;
    }
    fixes
}

/// A candidate's place in the spec's order ([`spec_order`]) as far as numbers decide it:
/// zero-cost fixes with strategic value first, then priority, strategic value and saving
/// descending; the candidate's index last, so that each has one place.
#[derive(Clone, Copy, Debug)]
pub(super) struct Standing {
    free: bool,
    priority: f64,
    value: f64,
    saving: f64,
    /// The candidate (or fix) it places.
    pub candidate: u32,
}

impl Standing {
    /// The standing of `fix`, candidate (or fix) `candidate`.
    pub fn of(candidate: usize, fix: &Fix) -> Standing {
        Standing {
            free: fix.cost == 0.0 && fix.strategic_value > 0.0,
            // Zero-cost fixes have no priority, so two free ones tie here as in the spec.
            priority: fix.priority.unwrap_or(0.0),
            value: fix.strategic_value,
            saving: fix.annual_saving,
            candidate: candidate as u32,
        }
    }

    /// The numbers compare equal: the spec's order then goes by id and action.
    pub fn ties(&self, other: &Standing) -> bool {
        self.numbers(other) == Ordering::Equal
    }

    /// The spec's order as far as the numbers decide it.
    pub fn numbers(&self, other: &Standing) -> Ordering {
        other
            .free
            .cmp(&self.free)
            .then_with(|| other.priority.total_cmp(&self.priority))
            .then_with(|| other.value.total_cmp(&self.value))
            .then_with(|| other.saving.total_cmp(&self.saving))
    }
}

impl Ord for Standing {
    fn cmp(&self, other: &Standing) -> Ordering {
        self.numbers(other)
            .then_with(|| self.candidate.cmp(&other.candidate))
    }
}

impl PartialOrd for Standing {
    fn partial_cmp(&self, other: &Standing) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Standing {
    fn eq(&self, other: &Standing) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Standing {}

/// Puts `items[order[j]]` at position `j`, in place, cycle by cycle; `order` ends as the
/// identity.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let next = order[at];
            order[at] = at;
            if next == start {
                break;
            }
            items.swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        let mut order = vec![3, 0, 4, 1, 2, 5];
        super::permute(&mut items, &mut order);
        assert_eq!(items, ['d', 'a', 'e', 'b', 'c', 'f']);
        assert_eq!(order, [0, 1, 2, 3, 4, 5]);
    }
}
