//! The software audit: flagged systems and what each flag means.

use super::automation::{name_and_id, unit_name};
use super::{cell, columns, number_cell, text, text_cell, Block, Cell, Section, Span, Table, Tag};
use crate::analysis::SystemMeasures;
use crate::text::{minutes, money};
use crate::view::Report;

pub(super) fn audit(report: &Report) -> Section {
    let analysis = report.analysis;
    let cur = report.currency();
    let flagged: Vec<_> = analysis
        .systems
        .iter()
        .filter(|s| !s.flags.is_empty())
        .collect();
    let mut blocks = Vec::new();
    if flagged.is_empty() {
        blocks.push(Block::Paragraph(vec![text(
            if analysis.systems.is_empty() {
                "The model has no systems."
            } else {
                "No system is flagged."
            },
        )]));
    } else {
        let annual = format!("Annual cost ({cur})");
        blocks.push(Block::Table(Table {
            id: "audit-table".to_string(),
            columns: columns(&[
                ("System", false),
                ("Kind", false),
                ("Unit", false),
                ("Owner", false),
                ("Flags", false),
                ("Workflows", false),
                ("Satisfaction", true),
                (&annual, true),
            ]),
            rows: {
                let touching = crate::view::words::integrations_touching(report.model);
                flagged
                    .iter()
                    .map(|s| system_row(report, s, &touching))
                    .collect()
            },
        }));
        blocks.push(flag_meanings(&flagged));
    }
    Section {
        id: "audit",
        title: "Software audit".to_string(),
        blocks,
    }
}

/// A flagged system's row: what it is, its flags and the workflows touching it
/// (`touching`: how many integrations touch each system).
fn system_row(report: &Report, s: &SystemMeasures, touching: &[usize]) -> Vec<Cell> {
    let mut flags = Vec::new();
    for (k, f) in s.flags.iter().enumerate() {
        if k > 0 {
            flags.push(text(" "));
        }
        flags.push(Span::Tag(Tag::Flag, f.as_str().to_string()));
    }
    let model = report.model;
    let system = model.system(s.system);
    let unit = unit_name(model, system.unit);
    let workflows: Vec<&str> = s
        .workflows
        .iter()
        .map(|w| model.workflow(*w).id.as_str())
        .collect();
    let workflows = if workflows.is_empty() {
        crate::view::words::unused_detail(touching[s.system.index()])
    } else {
        workflows.join(", ")
    };
    vec![
        cell(name_and_id(&system.name, &system.id)),
        text_cell(system.kind.as_str()),
        text_cell(unit),
        text_cell(system.owner.clone().unwrap_or_default()),
        cell(flags),
        text_cell(workflows),
        number_cell(
            system
                .satisfaction
                .map(|x| format!("{} / 5", minutes(x)))
                .unwrap_or_default(),
            system.satisfaction,
        ),
        number_cell(
            system.annual_cost.map(money).unwrap_or_default(),
            system.annual_cost,
        ),
    ]
}

/// What each flag shown means, for the flags some system has.
fn flag_meanings(flagged: &[&SystemMeasures]) -> Block {
    let meaning = [
        (
            "unused",
            "no workflow touches it: if integrations still do, model the work that flows through them before retiring it; if nothing does, retire it",
        ),
        (
            "unaligned",
            "only workflows that serve none of the strategy's objectives touch it",
        ),
        (
            "island",
            "no automated integration reaches it: every exchange needs a person",
        ),
        (
            "shadow-it",
            "a spreadsheet, mailbox, paper form or person that a workflow runs through",
        ),
    ];
    Block::Bullets(
        meaning
            .iter()
            .filter(|(flag, _)| {
                flagged
                    .iter()
                    .any(|s| s.flags.iter().any(|f| f.as_str() == *flag))
            })
            .map(|(flag, what)| {
                vec![
                    Span::Tag(Tag::Flag, flag.to_string()),
                    text(format!(": {what}")),
                ]
            })
            .collect(),
    )
}
