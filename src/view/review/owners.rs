//! Owners and buy-in (issue 21, part 3): each listed fix names who must agree (the owners
//! of the systems it connects and of the workflows and units it changes, `decide::owners`),
//! the document ends with one row per owner, and the parts those fixes touch that have no
//! owner are listed in the audit as a gap in the model.

use super::{code, columns, number_cell, text, text_cell, Block, Section, Span, Table};
use crate::analysis::Fix;
use crate::decide::{by_owner, fix_owners, missing_owners, FixOwners};
use crate::text::hours;
use crate::view::words::fix_name;
use crate::view::Report;

fn owners_of(report: &Report, fix: &Fix) -> FixOwners {
    fix_owners(report.model, fix.from, fix.to, &fix.improves)
}

/// "to agree: Sales ops, VP Sales" (or "no owner in the model"), for a fix's "why" cell.
pub(super) fn agree_spans(report: &Report, fix: &Fix) -> Vec<Span> {
    let owners = owners_of(report, fix);
    let names = owners.names();
    let line = if names.is_empty() {
        "to agree: no owner in the model".to_string()
    } else {
        format!("to agree: {}", names.join(", "))
    };
    vec![Span::Break, text(line)]
}

/// The "Owners and buy-in" section over the listed fixes.
pub(super) fn owners_section(report: &Report, listed: &[Fix]) -> Section {
    let owners: Vec<FixOwners> = listed.iter().map(|f| owners_of(report, f)).collect();
    let loads = by_owner(&owners);
    let mut blocks = vec![Block::Paragraph(vec![text(
        "Who must agree to the fixes listed above: a change to a workflow changes its \
         people's day-to-day. Hours are what the fixes take off the manual work of the \
         workflows and units each owns.",
    )])];
    if loads.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            "No listed fix touches a system, workflow or unit with an owner.",
        )]));
    } else {
        blocks.push(Block::Bullets(
            loads
                .iter()
                .map(|l| {
                    vec![text(format!(
                        "{}: {} fix{}, {} h a year of their units' and workflows' manual work",
                        l.owner,
                        l.fixes.len(),
                        if l.fixes.len() == 1 { "" } else { "es" },
                        hours(l.annual_hours)
                    ))]
                })
                .collect(),
        ));
        blocks.push(Block::Table(Table {
            id: "owners-table".to_string(),
            columns: columns(&[
                ("Owner", false),
                ("Fix count", true),
                ("Fixes", false),
                ("Hours/yr", true),
            ]),
            rows: loads
                .iter()
                .map(|l| {
                    let ids: Vec<String> = l
                        .fixes
                        .iter()
                        .map(|&k| {
                            let fix = &listed[k];
                            format!(
                                "#{} {} ({})",
                                fix.rank,
                                fix_name(report.model, fix.id),
                                fix.id.text(report.model)
                            )
                        })
                        .collect();
                    vec![
                        text_cell(l.owner.clone()),
                        number_cell(l.fixes.len().to_string(), Some(l.fixes.len() as f64)),
                        super::cell(
                            ids.into_iter()
                                .enumerate()
                                .flat_map(|(k, named)| {
                                    (k > 0)
                                        .then_some(Span::Break)
                                        .into_iter()
                                        .chain([text(named)])
                                })
                                .collect(),
                        ),
                        number_cell(hours(l.annual_hours), Some(l.annual_hours)),
                    ]
                })
                .collect(),
        }));
    }
    Section {
        id: "owners",
        title: "Owners and buy-in".to_string(),
        blocks,
    }
}

/// For the audit: the parts the listed fixes touch that have no owner.
pub(super) fn missing_block(report: &Report, listed: &[Fix]) -> Block {
    let owners: Vec<FixOwners> = listed.iter().map(|f| owners_of(report, f)).collect();
    let missing = missing_owners(&owners);
    if missing.is_empty() {
        return Block::Paragraph(vec![text(
            "Every system, workflow and unit the listed fixes touch has an owner.",
        )]);
    }
    let mut spans = vec![text(format!(
        "Missing owners (a gap in the model: nobody to agree to a fix), {} part{} the listed \
         fixes touch: ",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    ))];
    for (k, part) in missing.iter().enumerate() {
        if k > 0 {
            spans.push(text(", "));
        }
        let described = part.describe(report.model);
        let (kind, id) = described.split_once(' ').unwrap_or(("", &described));
        spans.push(text(format!("{kind} ")));
        spans.push(code(id.trim_matches('`').to_string()));
    }
    spans.push(text("."));
    Block::Paragraph(spans)
}

/// For the "Roadmap" section: who must agree to each step.
pub(super) fn roadmap_block(report: &Report, roadmap: &crate::decide::Roadmap) -> Block {
    Block::Bullets(
        roadmap
            .plan
            .steps
            .iter()
            .zip(&roadmap.plan.picks)
            .map(|(s, pick)| {
                let mut spans = vec![
                    text(format!("Step {} ", s.step)),
                    Span::Strong(fix_name(report.model, s.id)),
                    text(" ("),
                    code(s.id.text(report.model)),
                    text(")"),
                ];
                spans.extend(agree_spans(report, pick).into_iter().skip(1).map(
                    |span| match span {
                        Span::Text(t) => text(format!(", {t}")),
                        other => other,
                    },
                ));
                spans
            })
            .collect(),
    )
}
