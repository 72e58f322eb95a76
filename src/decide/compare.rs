//! The fix ranking under several strategies, side by side, with the fixes whose fate
//! depends on the strategy called out.

use std::collections::{HashMap, HashSet};

use crate::analysis::{analyze, strategy_in_force, Action, Fix, FixId, StrategyInForce};
use crate::model::{Model, StrategyIx};

/// A fix in the top this many under one strategy is called out when another strategy
/// leaves it unaligned or below [`FLIP_BELOW`].
pub const FLIP_TOP: usize = 3;
/// See [`FLIP_TOP`].
pub const FLIP_BELOW: usize = 10;

/// Where a fix stands under one strategy.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// 1-based rank.
    pub rank: usize,
    /// Strategic value under that strategy.
    pub strategic_value: f64,
    /// Strategic value per unit of cost (`None` for a free fix).
    pub priority: Option<f64>,
    /// Strategic value > 0.
    pub aligned: bool,
}

/// One fix across the strategies.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareRow {
    /// Fix id.
    pub id: FixId,
    /// What it does.
    pub action: Action,
    /// Cost.
    pub cost: f64,
    /// Annual saving (the same under every strategy).
    pub annual_saving: f64,
    /// One standing per compared strategy, in their order (`None`: not listed there,
    /// which cannot happen while listing depends on hours alone).
    pub standings: Vec<Option<Standing>>,
}

/// A fix near the top under one strategy and not worth building under another.
#[derive(Clone, Debug, PartialEq)]
pub struct Flip {
    /// Fix id.
    pub id: FixId,
    /// What it does.
    pub action: Action,
    /// Index (into the compared strategies) where it ranks high.
    pub high: usize,
    /// Its rank there.
    pub high_rank: usize,
    /// Index where it does not.
    pub low: usize,
    /// Its rank there.
    pub low_rank: usize,
    /// Whether it serves anything there.
    pub low_aligned: bool,
}

/// The comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The strategies compared, in the order asked.
    pub strategies: Vec<StrategyInForce>,
    /// Every fix, in the order of the first strategy's ranking.
    pub rows: Vec<CompareRow>,
    /// The fixes whose fate depends on the strategy.
    pub flips: Vec<Flip>,
}

/// Ranks the fixes of `model` under each strategy of `strategies` (indexes).
pub fn compare(model: &Model, strategies: &[StrategyIx]) -> Comparison {
    let analyses: Vec<_> = strategies
        .iter()
        .map(|s| analyze(model, Some(*s)))
        .collect();
    let mut rows: Vec<CompareRow> = Vec::new();
    let mut listed: HashSet<(FixId, Action)> = HashSet::new();
    for analysis in &analyses {
        for fix in &analysis.fixes {
            if listed.insert((fix.id, fix.action)) {
                rows.push(CompareRow {
                    id: fix.id,
                    action: fix.action,
                    cost: fix.cost,
                    annual_saving: fix.annual_saving,
                    standings: Vec::new(),
                });
            }
        }
    }
    // One model, so fix ids index the same candidates under every strategy.
    let lookups: Vec<HashMap<(FixId, Action), &Fix>> = analyses
        .iter()
        .map(|a| a.fixes.iter().map(|f| ((f.id, f.action), f)).collect())
        .collect();
    for row in &mut rows {
        row.standings = lookups
            .iter()
            .map(|a| {
                a.get(&(row.id, row.action)).map(|f| Standing {
                    rank: f.rank,
                    strategic_value: f.strategic_value,
                    priority: f.priority,
                    aligned: f.aligned,
                })
            })
            .collect();
    }
    let flips = flips(&rows, strategies.len());
    Comparison {
        strategies: strategies
            .iter()
            .filter_map(|s| strategy_in_force(model, Some(*s)))
            .collect(),
        rows,
        flips,
    }
}

/// Every (fix, high, low) where the fix is top [`FLIP_TOP`] under `high` and unaligned or
/// below [`FLIP_BELOW`] under `low`; by strategy, then rank there.
fn flips(rows: &[CompareRow], strategies: usize) -> Vec<Flip> {
    let mut flips = Vec::new();
    for high in 0..strategies {
        let mut at_top: Vec<&CompareRow> = rows
            .iter()
            .filter(|r| {
                r.standings[high]
                    .as_ref()
                    .is_some_and(|s| s.rank <= FLIP_TOP)
            })
            .collect();
        at_top.sort_by_key(|r| r.standings[high].as_ref().map(|s| s.rank));
        for row in at_top {
            let high_rank = row.standings[high].as_ref().map_or(0, |s| s.rank);
            for low in (0..strategies).filter(|l| *l != high) {
                let Some(there) = &row.standings[low] else {
                    continue;
                };
                if !there.aligned || there.rank > FLIP_BELOW {
                    flips.push(Flip {
                        id: row.id,
                        action: row.action,
                        high,
                        high_rank,
                        low,
                        low_rank: there.rank,
                        low_aligned: there.aligned,
                    });
                }
            }
        }
    }
    flips
}

impl Comparison {
    /// The sentence for a flip: "`mes->qms` is #1 under cost-down and serves nothing
    /// under growth".
    pub fn sentence(&self, model: &Model, flip: &Flip) -> String {
        let high = &self.strategies[flip.high].id;
        let low = &self.strategies[flip.low].id;
        let there = if flip.low_aligned {
            format!("is only #{} under {low}", flip.low_rank)
        } else {
            format!("serves nothing under {low} (#{} there)", flip.low_rank)
        };
        format!(
            "{} is #{} under {high} and {there}",
            flip.id.text(model),
            flip.high_rank
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_flips_its_plant_fixes() {
        let source = include_str!("../../fixtures/valid/seed.yaml");
        let model = crate::load_str(source, "seed.yaml").unwrap().model;
        let c = compare(&model, &model.strategy_ixs().collect::<Vec<_>>());
        assert_eq!(c.rows.len(), 8);
        assert_eq!(c.rows[0].id.text(&model), "crm->accounting");
        let sentences: Vec<String> = c.flips.iter().map(|f| c.sentence(&model, f)).collect();
        assert_eq!(
            sentences,
            [
                "mes->qms is #1 under cost-down and serves nothing under growth (#7 there)",
                "qms->erp is #3 under cost-down and serves nothing under growth (#8 there)",
            ]
        );
    }
}
