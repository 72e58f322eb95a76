//! The review's headline: the figures, the best first step by its name, and the strategy
//! they are valued by.

use super::{code, text, Block, Figure, Section, Span};
use crate::analysis::Fix;
use crate::text::{hours, minutes, money, percent, ratio};
use crate::view::Report;

fn strategy(report: &Report) -> Vec<Block> {
    let Some(strategy) = &report.analysis.strategy else {
        return vec![Block::Paragraph(vec![text(
            "No strategies declared: every workflow counts in full (alignment 1), so \
             strategic value equals saving.",
        )])];
    };
    let mut blocks = vec![Block::Paragraph(vec![
        text("Strategy in force: "),
        Span::Strong(strategy.name.clone()),
        text(" ("),
        code(&strategy.id),
        text(
            "). Each fix is valued by the staff cost it removes, weighted by how much the \
              workflows it helps serve these objectives:",
        ),
    ])];
    if let Some(description) = &report.model.strategy(strategy.index).description {
        blocks.insert(1, Block::Paragraph(vec![text(description)]));
    }
    let total: f64 = strategy.weights.iter().map(|w| w.weight).sum();
    blocks.push(Block::Bullets(
        strategy
            .weights
            .iter()
            .map(|w| {
                vec![
                    text(&w.name),
                    text(" ("),
                    code(&w.id),
                    text(format!(
                        "): weight {} ({} of the total)",
                        minutes(w.weight),
                        percent(Some(w.weight / total))
                    )),
                ]
            })
            .collect(),
    ));
    blocks
}

/// The headline: the figures, the best first step, then the strategy they are valued by
/// and what they rest on.
pub(super) fn summary(report: &Report) -> Section {
    let cur = report.currency();
    let mut blocks = vec![summary_figures(report)];
    if let Some(best) = report.analysis.fixes.first() {
        blocks.push(best_first_step(report, best));
    }
    blocks.extend(strategy(report));
    blocks.push(Block::Paragraph(vec![text(format!(
        "{}.",
        crate::view::words::assumptions(&report.analysis.assumptions)
    ))]));
    if let Some(line) = crate::view::words::unfixable(report.analysis, cur) {
        blocks.push(Block::Paragraph(vec![text(format!(
            "{line}: they need a process change rather than an integration (see \"Gaps no fix can close\")."
        ))]));
    }
    Section {
        id: "summary",
        title: "Summary".to_string(),
        blocks,
    }
}

/// The headline figures: automation, gaps and what they cost.
fn summary_figures(report: &Report) -> Block {
    let s = &report.analysis.summary;
    let cur = report.currency();
    let gaps = s.manual + s.missing;
    Block::Figures(vec![
        Figure {
            value: percent(s.automation_rate),
            label: "of handoffs automated, weighted by how often they run".to_string(),
            loss: false,
        },
        Figure {
            value: percent(s.strategic_automation),
            label: "automated, weighted by runs and strategic alignment".to_string(),
            loss: false,
        },
        Figure {
            value: gaps.to_string(),
            label: format!(
                "gaps ({} manual, {} missing) in {} handoffs of {} workflows",
                s.manual, s.missing, s.handoffs, s.workflows
            ),
            loss: gaps > 0,
        },
        Figure {
            value: hours(s.annual_hours),
            label: format!(
                "staff hours a year ({}) spent working around the gaps",
                crate::view::words::fte(s.annual_fte)
            ),
            loss: s.annual_hours > 0.0,
        },
        Figure {
            value: format!("{cur} {}", money(s.annual_cost)),
            label: "a year: the staff cost of the gaps".to_string(),
            loss: s.annual_cost > 0.0,
        },
        Figure {
            value: format!("{cur} {}", money(s.strategic_value)),
            label: if report.analysis.strategy.is_some() {
                "of that cost, weighted by the strategy in force".to_string()
            } else {
                "strategic cost: without strategies every workflow counts in full".to_string()
            },
            loss: s.strategic_value > 0.0,
        },
    ])
}

/// "Best first step": the top fix by its name, then its id, when it pays back, what it
/// costs and saves.
fn best_first_step(report: &Report, best: &Fix) -> Block {
    let cur = report.currency();
    let model = report.model;
    let payback = match best.payback_months {
        Some(m) if m > 0.0 => format!(" pays back in {} months", ratio(Some(m))),
        Some(_) => " costs nothing to build".to_string(),
        None => " never pays back: its running cost takes its whole saving".to_string(),
    };
    let mut spans = vec![
        Span::Strong(format!(
            "Best first step: {}",
            crate::view::words::fix_name(model, best.id)
        )),
        text(" ("),
        code(best.id.text(model)),
        text(")"),
        text(format!(
            "{payback}: it costs {cur} {} ({}) and saves {} staff hours = {cur} {} a year.",
            money(best.cost),
            best.action.as_str(),
            hours(best.annual_hours_saved),
            money(best.annual_saving)
        )),
    ];
    if best.run_cost > 0.0 || best.loses_money() {
        let words = crate::view::words::economics(model, best, cur);
        let mut chars = words.chars();
        let first = chars.next().map(|c| c.to_uppercase().to_string());
        spans.push(Span::Break);
        spans.push(text(format!(
            "{}{}.",
            first.unwrap_or_default(),
            chars.as_str()
        )));
    }
    Block::Callout(spans)
}
