//! The ranked fixes, each with why it ranks where it does.

use super::{cell, code, columns, number_cell, text, text_cell, Block, Cell, Section, Span, Table};
use crate::analysis::Fix;
use crate::text::{hours, minutes, money, ratio};
use crate::view::scene::{short_list, LABEL_ITEMS};
use crate::view::words::fix_name;
use crate::view::Report;

/// Fixes listed when `--top` is not given; the rest are counted.
pub(super) const DEFAULT_TOP: usize = 20;

/// Why a fix ranks where it does: the handoffs it makes cheaper and the objectives it
/// serves, one per line.
fn why(report: &Report, fix: &Fix) -> Vec<Span> {
    let cur = report.currency();
    let model = report.model;
    let mut spans = Vec::new();
    const SHOWN: usize = 3;
    for (k, i) in fix.improves.iter().enumerate() {
        if k == SHOWN {
            spans.push(Span::Break);
            spans.push(text(format!(
                "and {} more handoffs",
                fix.improves.len() - SHOWN
            )));
            break;
        }
        if k > 0 {
            spans.push(Span::Break);
        }
        // A fix that only makes a gap cheaper does not close it.
        let verb = if i.minutes_after == 0.0 {
            "closes"
        } else {
            "improves"
        };
        spans.push(text(format!(
            "{verb} {} step {}: {}, {} \u{2192} {}\u{a0}min",
            model.workflow(i.workflow).id,
            i.step,
            i.data(model),
            minutes(i.minutes_before),
            minutes(i.minutes_after)
        )));
    }
    let served: Vec<(&str, f64)> = fix
        .objectives
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(o, v)| (model.objective(*o).name.as_str(), *v))
        .collect();
    for (name, value) in served {
        spans.push(Span::Break);
        spans.push(text(format!("serves {name}: {cur} {}", money(value))));
    }
    if !fix.aligned {
        spans.push(Span::Break);
        spans.push(text("serves no objective of this strategy"));
    }
    spans.extend(super::owners::agree_spans(report, fix));
    spans
}

pub(super) fn fixes(report: &Report, top: Option<usize>) -> Section {
    let cur = report.currency();
    let all = &report.analysis.fixes;
    let shown = report.fixes(Some(top.unwrap_or(DEFAULT_TOP)));
    let mut blocks = Vec::new();
    if all.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            "No fix would save any time: every handoff is automated, or no candidate shortens one.",
        )]));
        return Section {
            id: "fixes",
            title: "Ranked fixes".to_string(),
            blocks,
        };
    }
    blocks.push(Block::Paragraph(vec![text(format!(
        "{} of {} fixes, {}. Priority is strategic value a year per {cur} spent; \
         each fix is valued alone against today's model.",
        shown.len(),
        all.len(),
        report.analysis.ranked_by.describe(cur)
    ))]));
    let model = report.model;
    let rows: Vec<Vec<Cell>> = shown
        .iter()
        .map(|fix| {
            // Its name first, then its id; the systems when the name does not say them.
            let mut name = vec![
                text(fix_name(model, fix.id)),
                Span::Break,
                code(fix.id.text(model)),
                Span::Break,
            ];
            let carries = short_list(&fix.carries, LABEL_ITEMS);
            name.push(text(if fix.name(model).is_some() {
                format!(
                    "{} \u{2192} {}: {carries}",
                    model.system(fix.from).name,
                    model.system(fix.to).name,
                )
            } else {
                format!("carries {carries}")
            }));
            vec![
                number_cell(fix.rank.to_string(), Some(fix.rank as f64)),
                cell(name),
                text_cell(fix.action.as_str()),
                number_cell(money(fix.cost), Some(fix.cost)),
                number_cell(money(fix.annual_saving), Some(fix.annual_saving)),
                number_cell(money(fix.strategic_value), Some(fix.strategic_value)),
                match fix.priority {
                    Some(p) => number_cell(ratio(Some(p)), Some(p)),
                    None => number_cell("free".to_string(), Some(f64::INFINITY)),
                },
                number_cell(money(fix.npv), Some(fix.npv)),
            ]
        })
        .collect();
    // `--top 0` gives no table rather than a header without rows.
    if !rows.is_empty() {
        blocks.push(fix_table(cur, model.defaults.horizon_years, rows));
        blocks.push(Block::Heading(vec![text(
            "Why each fix ranks where it does",
        )]));
        blocks.push(Block::Bullets(
            shown.iter().map(|fix| why_item(report, fix)).collect(),
        ));
    }
    if all.len() > shown.len() {
        blocks.push(Block::Paragraph(vec![text(format!(
            "{} more fixes not listed; use --top {} to list all.",
            all.len() - shown.len(),
            all.len()
        ))]));
    }
    Section {
        id: "fixes",
        title: "Ranked fixes".to_string(),
        blocks,
    }
}

/// One fix's line under the table: what it saves, when it pays back, the workflows it
/// helps, then why it ranks where it does.
fn why_item(report: &Report, fix: &Fix) -> Vec<Span> {
    let cur = report.currency();
    let mut spans = vec![
        Span::Strong(format!("#{} {}", fix.rank, fix_name(report.model, fix.id))),
        text(" ("),
        code(fix.id.text(report.model)),
        text(")"),
        text(format!(
            ": saves {} staff hours = {cur} {} a year",
            hours(fix.annual_hours_saved),
            money(fix.annual_saving)
        )),
    ];
    match fix.payback_months {
        Some(m) if m > 0.0 => spans.push(text(format!(", pays back in {} months", ratio(Some(m))))),
        Some(_) => spans.push(text(", at no cost")),
        None => {}
    }
    if !fix.workflows.is_empty() {
        let ids: Vec<&str> = fix
            .workflows
            .iter()
            .map(|w| report.model.workflow(*w).id.as_str())
            .collect();
        spans.push(text(format!("; workflows {}", ids.join(", "))));
    }
    if fix.run_cost > 0.0 || fix.loses_money() {
        spans.push(Span::Break);
        let words = crate::view::words::economics(report.model, fix, cur);
        spans.push(if fix.loses_money() {
            Span::Strong(words)
        } else {
            text(words)
        });
    }
    spans.push(Span::Break);
    spans.extend(why(report, fix));
    spans
}

fn fix_table(cur: &str, years: f64, rows: Vec<Vec<Cell>>) -> Block {
    let npv = format!("NPV {}y ({cur})", minutes(years));
    let cost = format!("Cost ({cur})");
    let saving = format!("Saving/yr ({cur})");
    let value = format!("Strategic value/yr ({cur})");
    Block::Table(Table {
        id: "fix-table".to_string(),
        columns: columns(&[
            ("#", true),
            ("Fix", false),
            ("Action", false),
            (&cost, true),
            (&saving, true),
            (&value, true),
            ("Priority", true),
            (&npv, true),
        ]),
        rows,
    })
}
