//! The views of the decision documents (`plan`, `compare`, `sensitivity`, `explain`):
//! what each shows, with the rows and sentences every one of its formats writes. The
//! formats themselves are in `render/`.

use crate::analysis::{Plan, StrategyInForce};
use crate::decide::{Comparison, Explanation, Roadmap, Sensitivity};
use crate::model::Model;
use crate::text::{hours, minutes, money, percent};

/// What the plan formats show.
#[derive(Clone, Copy)]
pub struct PlanReport<'a> {
    /// The model analysed: results name its parts by index.
    pub model: &'a Model,
    /// The picks and their consequences.
    pub roadmap: &'a Roadmap,
    /// The strategy it was valued under (`None`: the model declares none).
    pub strategy: Option<&'a StrategyInForce>,
    /// Display currency.
    pub currency: &'a str,
}

/// What the whole plan spends and gains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanTotals {
    /// Σ cost.
    pub spent: f64,
    /// Σ annual saving.
    pub annual_saving: f64,
    /// Σ strategic value.
    pub strategic_value: f64,
}

impl PlanReport<'_> {
    /// The picks.
    pub fn plan(&self) -> &Plan {
        &self.roadmap.plan
    }

    /// The running totals after the last step (zero without steps).
    pub fn totals(&self) -> PlanTotals {
        self.plan().steps.last().map_or(
            PlanTotals {
                spent: 0.0,
                annual_saving: 0.0,
                strategic_value: 0.0,
            },
            |s| PlanTotals {
                spent: s.cumulative_cost,
                annual_saving: s.cumulative_saving,
                strategic_value: s.cumulative_strategic_value,
            },
        )
    }

    /// "Plan under strategy NAME (id), budget EUR 25,000", model text raw.
    pub(crate) fn title(&self) -> String {
        let budget = format!("budget {} {}", self.currency, money(self.plan().budget));
        match self.strategy {
            Some(s) => format!("Plan under strategy {} ({}), {budget}", s.name, s.id),
            None => format!("Plan (no strategies declared), {budget}"),
        }
    }

    /// The closing lines: the totals, automation before and after, and what is left.
    pub(crate) fn closing(&self) -> Vec<String> {
        let cur = self.currency;
        let t = self.totals();
        let r = self.roadmap;
        let after = r
            .automation_after
            .last()
            .copied()
            .unwrap_or(r.automation_before);
        let mut lines = vec![format!(
            "Spent {cur} {} of {}; saves {cur} {} a year (strategic value {cur} {}); \
             automation {} -> {} of runs.",
            money(t.spent),
            money(self.plan().budget),
            money(t.annual_saving),
            money(t.strategic_value),
            percent(r.automation_before),
            percent(after)
        )];
        if let Some(last) = self.plan().steps.last() {
            let years = minutes(self.model.defaults.horizon_years);
            let losers = self.plan().steps.iter().filter(|s| s.npv < 0.0).count();
            let mut line = format!(
                "NPV of the plan over {years} years: {cur} {}",
                money(last.cumulative_npv)
            );
            if losers > 0 {
                line.push_str(&format!(
                    "; {losers} step{} lose{} money over {years} years",
                    if losers == 1 { "" } else { "s" },
                    if losers == 1 { "s" } else { "" }
                ));
            }
            lines.push(format!("{line}."));
        }
        if r.left_undone.is_empty() {
            lines.push("Left undone: nothing; every fix that saves time is in the plan.".into());
        } else {
            lines.push(format!(
                "Left undone: {} fix{} costing {cur} {} in all; {} staff hours a year stay in gaps.",
                r.left_undone.len(),
                if r.left_undone.len() == 1 { "" } else { "es" },
                money(r.undone_cost()),
                hours(r.annual_hours_after)
            ));
        }
        lines
    }
}

pub(crate) const HEADER: [&str; 11] = [
    "Step",
    "Fix",
    "Action",
    "Cost",
    "Hours/yr",
    "Saving/yr",
    "Strategic",
    "Spent",
    "Saved/yr",
    "NPV so far",
    "Automation after",
];

pub(crate) fn cells(report: &PlanReport) -> Vec<Vec<String>> {
    report
        .plan()
        .steps
        .iter()
        .zip(&report.roadmap.automation_after)
        .map(|(s, automation)| {
            vec![
                s.step.to_string(),
                s.id.text(report.model).into_owned(),
                s.action.as_str().to_string(),
                money(s.cost),
                hours(s.annual_hours_saved),
                money(s.annual_saving),
                money(s.strategic_value),
                money(s.cumulative_cost),
                money(s.cumulative_saving),
                money(s.cumulative_npv),
                percent(*automation),
            ]
        })
        .collect()
}

pub(crate) fn undone_cells(report: &PlanReport) -> Vec<Vec<String>> {
    report
        .roadmap
        .left_undone
        .iter()
        .map(|f| {
            vec![
                f.rank.to_string(),
                f.id.text(report.model).into_owned(),
                f.action.as_str().to_string(),
                money(f.cost),
                money(f.annual_saving),
                money(f.strategic_value),
            ]
        })
        .collect()
}

/// Who must agree to each step (issue 21, part 3): "Step 1 accounting->crm, to agree:
/// Sales ops, VP Sales", model text raw.
pub(crate) fn owner_lines(report: &PlanReport) -> Vec<String> {
    let model = report.model;
    report
        .plan()
        .steps
        .iter()
        .zip(step_owners(report))
        .map(|(s, names)| {
            let who = if names.is_empty() {
                "no owner in the model".to_string()
            } else {
                names.join(", ")
            };
            format!("Step {} {}, to agree: {who}.", s.step, s.id.text(model))
        })
        .collect()
}

/// The owners who must agree to each step, in step order (docs/owners.md).
pub(crate) fn step_owners(report: &PlanReport) -> Vec<Vec<String>> {
    report
        .plan()
        .picks
        .iter()
        .map(|pick| {
            crate::decide::fix_owners(report.model, pick.from, pick.to, &pick.improves)
                .names()
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

pub(crate) const UNDONE_HEADER: [&str; 6] =
    ["#", "Fix", "Action", "Cost", "Saving/yr", "Strategic"];

/// What the compare formats show.
#[derive(Clone, Copy)]
pub struct CompareReport<'a> {
    /// The model analysed: results name its parts by index.
    pub model: &'a Model,
    /// The comparison.
    pub comparison: &'a Comparison,
    /// Display currency.
    pub currency: &'a str,
}

impl CompareReport<'_> {
    pub(crate) fn header(&self) -> Vec<String> {
        let mut h = vec![
            "Fix".to_string(),
            "Action".into(),
            "Cost".into(),
            "Saving/yr".into(),
        ];
        for s in &self.comparison.strategies {
            h.push(format!("# {}", s.id));
            h.push(format!("Strategic ({})", s.id));
        }
        h
    }

    pub(crate) fn numeric(&self) -> Vec<usize> {
        (2..4 + 2 * self.comparison.strategies.len()).collect()
    }

    pub(crate) fn rows(&self) -> Vec<Vec<String>> {
        self.comparison
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![
                    r.id.text(self.model).into_owned(),
                    r.action.as_str().to_string(),
                    money(r.cost),
                    money(r.annual_saving),
                ];
                for s in &r.standings {
                    match s {
                        Some(s) => {
                            cells.push(s.rank.to_string());
                            cells.push(if s.aligned {
                                money(s.strategic_value)
                            } else {
                                "unaligned".to_string()
                            });
                        }
                        None => cells.extend(["-".to_string(), "-".to_string()]),
                    }
                }
                cells
            })
            .collect()
    }

    pub(crate) fn lines(&self) -> Vec<String> {
        let c = self.comparison;
        let names: Vec<String> = c
            .strategies
            .iter()
            .map(|s| format!("{} ({})", s.id, s.name))
            .collect();
        let mut lines = vec![format!(
            "{} fixes ranked under {} strateg{}: {}; sorted by {}.",
            c.rows.len(),
            c.strategies.len(),
            if c.strategies.len() == 1 { "y" } else { "ies" },
            names.join(", "),
            c.strategies.first().map_or("", |s| s.id.as_str())
        )];
        if c.flips.is_empty() {
            lines.push(
                "No fix in a top 3 is unaligned or below the top 10 under another strategy.".into(),
            );
        } else {
            lines.extend(
                c.flips
                    .iter()
                    .map(|f| format!("{}.", c.sentence(self.model, f))),
            );
        }
        lines
    }
}

/// What the sensitivity formats show.
#[derive(Clone, Copy)]
pub struct SensitivityReport<'a> {
    /// The model analysed: results name its parts by index.
    pub model: &'a Model,
    /// The result.
    pub sensitivity: &'a Sensitivity,
    /// The strategy in force.
    pub strategy: Option<&'a StrategyInForce>,
}

impl SensitivityReport<'_> {
    pub(crate) fn intro(&self) -> String {
        let o = &self.sensitivity.options;
        let under = self.strategy.map_or("without strategies".to_string(), |s| {
            format!("under {}", s.id)
        });
        format!(
            "{} samples {under}, every estimate times a factor in [1/{f}, {f}] (spread {}, seed {}); \
             top {} counted.",
            o.samples,
            o.spread,
            o.seed,
            o.top,
            f = 1.0 + o.spread,
        )
    }

    pub(crate) fn rows(&self) -> Vec<Vec<String>> {
        let k = self.sensitivity.options.top;
        self.sensitivity
            .fixes
            .iter()
            .map(|f| {
                vec![
                    f.rank.to_string(),
                    f.id.text(self.model).into_owned(),
                    f.action.as_str().to_string(),
                    format!("{:.1}%", f.top_share * 100.0),
                    f.median_rank.to_string(),
                    format!("{}-{}", f.rank_p5, f.rank_p95),
                    if f.rank <= k { "yes" } else { "" }.to_string(),
                ]
            })
            .collect()
    }

    pub(crate) fn header(&self) -> [String; 7] {
        let k = self.sensitivity.options.top;
        [
            "Today".into(),
            "Fix".into(),
            "Action".into(),
            format!("In top {k}"),
            "Median rank".into(),
            "Rank p5-p95".into(),
            format!("Top {k} today"),
        ]
    }
}

/// What the explain formats show.
#[derive(Clone, Copy)]
pub struct ExplainReport<'a> {
    /// The model analysed: results name its parts by index.
    pub model: &'a Model,
    /// The explanation.
    pub explanation: &'a Explanation,
    /// The strategy in force.
    pub strategy: Option<&'a StrategyInForce>,
    /// Display currency.
    pub currency: &'a str,
}
