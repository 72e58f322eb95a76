//! The "Roadmap" section of the review document when `analyze` is given `--budget`: the
//! greedy plan, the automation rate after each step, the cumulative saving as a step chart
//! (inline SVG in the HTML, a sentence in Markdown) and what the budget left undone.

use std::fmt::Write as _;

use super::{code, columns, number_cell, text, text_cell, Block, Section, Table};
use crate::decide::{roadmap, Roadmap};
use crate::render::{hours, money, percent, Report};
use crate::text::html;

/// The cumulative saving after each step, against the cumulative cost.
pub struct StepChart {
    /// Display currency.
    pub currency: String,
    /// The budget (the x axis ends there, or at the spend if larger).
    pub budget: f64,
    /// (step, cumulative cost, cumulative saving a year, automation rate after).
    pub steps: Vec<(usize, f64, f64, Option<f64>)>,
}

impl StepChart {
    /// The chart in words, for formats without pictures.
    pub fn sentence(&self) -> String {
        let parts: Vec<String> = self
            .steps
            .iter()
            .map(|(step, cost, saving, _)| {
                format!(
                    "{} {} a year after step {step} ({} {} spent)",
                    self.currency,
                    money(*saving),
                    self.currency,
                    money(*cost)
                )
            })
            .collect();
        format!("Cumulative saving: {}.", parts.join(", "))
    }

    /// An SVG step chart: x = money spent, y = saving a year; presentation attributes
    /// only (no `style`), every text HTML-escaped.
    pub fn svg(&self) -> String {
        const W: f64 = 640.0;
        const H: f64 = 260.0;
        const LEFT: f64 = 90.0;
        const RIGHT: f64 = 20.0;
        const TOP: f64 = 20.0;
        const BOTTOM: f64 = 50.0;
        let spent = self.steps.last().map_or(0.0, |s| s.1);
        let x_max = self.budget.max(spent).max(1.0);
        let y_max = self.steps.last().map_or(0.0, |s| s.2).max(1.0);
        let x = |v: f64| LEFT + v / x_max * (W - LEFT - RIGHT);
        let y = |v: f64| H - BOTTOM - v / y_max * (H - TOP - BOTTOM);
        let cur = html(&self.currency);
        let mut s = String::new();
        let _ = write!(
            s,
            "<svg class=\"roadmap-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" \
             height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\">\n<title>{}</title>\n",
            html(&self.sentence())
        );
        let _ = writeln!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"#555\"/>\
             <line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{b}\" stroke=\"#555\"/>",
            b = H - BOTTOM,
            r = W - RIGHT
        );
        let mut path = format!("M{:.1},{:.1}", x(0.0), y(0.0));
        for (_, cost, saving, _) in &self.steps {
            let _ = write!(path, " H{:.1} V{:.1}", x(*cost), y(*saving));
        }
        let _ = write!(path, " H{:.1}", x(x_max));
        let _ = writeln!(
            s,
            "<path d=\"{path}\" fill=\"none\" stroke=\"#2b7a4b\" stroke-width=\"2.5\"/>"
        );
        for (step, cost, saving, automation) in &self.steps {
            let _ = writeln!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#2b7a4b\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\">{step}: {}</text>",
                x(*cost),
                y(*saving),
                x(*cost) + 5.0,
                y(*saving) - 6.0,
                html(&percent(*automation))
            );
        }
        let _ = writeln!(
            s,
            "<text x=\"{LEFT}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\">0</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\" text-anchor=\"end\">{cur} {}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\" text-anchor=\"middle\">spent ({cur})</text>",
            H - BOTTOM + 16.0,
            W - RIGHT,
            H - BOTTOM + 16.0,
            html(&money(x_max)),
            (LEFT + W - RIGHT) / 2.0,
            H - 10.0
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\" text-anchor=\"end\">{cur} {}</text>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"#222\" text-anchor=\"end\">0</text>\
             <text x=\"12\" y=\"{TOP}\" font-size=\"11\" fill=\"#222\">saved a year</text>",
            LEFT - 6.0,
            TOP + 4.0,
            html(&money(y_max)),
            LEFT - 6.0,
            H - BOTTOM
        );
        s.push_str("</svg>\n");
        s
    }
}

/// The section for `report` under `budget`.
pub fn roadmap_section(report: &Report, budget: f64) -> Section {
    let strategy = report.analysis.strategy.as_ref().map(|s| s.index);
    let r = roadmap(report.model, strategy, budget);
    section(report, &r)
}

fn section(report: &Report, r: &Roadmap) -> Section {
    let cur = report.currency();
    let mut blocks = vec![Block::Paragraph(vec![text(format!(
        "Fixes picked greedily within a budget of {cur} {}, each valued against the model \
         with the earlier picks built (automation today: {} of runs).",
        money(r.plan.budget),
        percent(r.automation_before)
    ))])];
    if r.plan.steps.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            "No fix both saves time and fits the budget.",
        )]));
    } else {
        let rows = r
            .plan
            .steps
            .iter()
            .zip(&r.automation_after)
            .map(|(s, automation)| {
                vec![
                    number_cell(s.step.to_string(), Some(s.step as f64)),
                    super::cell(vec![code(s.id.text(report.model))]),
                    text_cell(s.action.as_str()),
                    number_cell(money(s.cost), Some(s.cost)),
                    number_cell(money(s.annual_saving), Some(s.annual_saving)),
                    number_cell(money(s.strategic_value), Some(s.strategic_value)),
                    number_cell(money(s.cumulative_cost), Some(s.cumulative_cost)),
                    number_cell(money(s.cumulative_saving), Some(s.cumulative_saving)),
                    number_cell(percent(*automation), *automation),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table {
            id: "roadmap".to_string(),
            columns: columns(&[
                ("Step", true),
                ("Fix", false),
                ("Action", false),
                ("Cost", true),
                ("Saving/yr", true),
                ("Strategic", true),
                ("Spent", true),
                ("Saved/yr", true),
                ("Automation after", true),
            ]),
            rows,
        }));
        blocks.push(Block::Chart(StepChart {
            currency: cur.to_string(),
            budget: r.plan.budget,
            steps: r
                .plan
                .steps
                .iter()
                .zip(&r.automation_after)
                .map(|(s, a)| (s.step, s.cumulative_cost, s.cumulative_saving, *a))
                .collect(),
        }));
    }
    if r.left_undone.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            "Left undone: nothing; every fix that saves time is in the plan.",
        )]));
    } else {
        blocks.push(Block::Paragraph(vec![text(format!(
            "Left undone: {} fixes costing {cur} {} in all; {} staff hours a year stay in gaps. \
             Valued against the model with the plan built:",
            r.left_undone.len(),
            money(r.undone_cost()),
            hours(r.annual_hours_after)
        ))]));
        blocks.push(Block::Table(Table {
            id: "left-undone".to_string(),
            columns: columns(&[
                ("#", true),
                ("Fix", false),
                ("Action", false),
                ("Cost", true),
                ("Saving/yr", true),
                ("Strategic", true),
            ]),
            rows: r
                .left_undone
                .iter()
                .map(|f| {
                    vec![
                        number_cell(f.rank.to_string(), Some(f.rank as f64)),
                        super::cell(vec![code(f.id.text(report.model))]),
                        text_cell(f.action.as_str()),
                        number_cell(money(f.cost), Some(f.cost)),
                        number_cell(money(f.annual_saving), Some(f.annual_saving)),
                        number_cell(money(f.strategic_value), Some(f.strategic_value)),
                    ]
                })
                .collect(),
        }));
    }
    Section {
        id: "roadmap",
        title: "Roadmap".to_string(),
        blocks,
    }
}
