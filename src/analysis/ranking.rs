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
    // sort is stable either way, so the order is the same.
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&fixes[a], &fixes[b]);
        let primary = match by {
            RankBy::Priority => Ordering::Equal,
            RankBy::Value => b.strategic_value.total_cmp(&a.strategic_value),
            RankBy::Saving => b.annual_saving.total_cmp(&a.annual_saving),
            RankBy::Payback => match (a.payback_months, b.payback_months) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        primary.then_with(|| spec_order(model, a, b))
    });
    permute(&mut fixes, &mut order);
    for (i, fix) in fixes.iter_mut().enumerate() {
        fix.rank = i + 1;
    }
    fixes
}

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
