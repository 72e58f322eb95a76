//! What `gapgraph diff` shows in the human formats (terminal, Markdown): a title and
//! sections built here as raw text; the JSON document (`json/diff.rs`) reads the diff
//! directly.

use crate::decide::{Change, Diff, GapDelta};
use crate::text::{hours, minutes, money, percent};

use super::Section;

fn figure(change: &Change, x: Option<f64>) -> String {
    match change.name {
        "automation_rate" | "strategic_automation" => percent(x),
        "annual_hours" => x.map_or("n/a".into(), hours),
        "annual_cost" | "strategic_value" => x.map_or("n/a".into(), money),
        _ => x.map_or("n/a".into(), |x| format!("{x}")),
    }
}

fn delta(change: &Change) -> String {
    match change.delta() {
        None => "n/a".into(),
        Some(d) => {
            let shown = match change.name {
                "automation_rate" | "strategic_automation" => {
                    format!("{:.1} pts", d * 100.0)
                }
                _ => figure(change, Some(d)),
            };
            if d > 0.0 {
                format!("+{shown}")
            } else {
                shown
            }
        }
    }
}

fn status(s: Option<crate::analysis::Status>) -> &'static str {
    s.map_or("absent", |s| s.as_str())
}

fn gap_rows(gaps: &[GapDelta]) -> Vec<Vec<String>> {
    gaps.iter()
        .map(|g| {
            vec![
                g.workflow.clone(),
                format!("{} -> {}", g.from, g.to),
                g.data.clone(),
                format!("{} -> {}", status(g.status_before), status(g.status_after)),
                format!(
                    "{} -> {}",
                    minutes(g.minutes_before),
                    minutes(g.minutes_after)
                ),
                format!(
                    "{} -> {}",
                    money(g.annual_cost_before),
                    money(g.annual_cost_after)
                ),
            ]
        })
        .collect()
}

const GAP_HEADER: [&str; 6] = [
    "Workflow", "Handoff", "Data", "Status", "Min/run", "Cost/yr",
];

/// Every section of the diff, in order: summary, workflows, gaps, integrations, fixes.
pub fn sections(d: &Diff) -> Vec<Section> {
    let mut parts = vec![summary_part(d)];
    for (title, gaps) in [
        ("Gaps closed", &d.gaps.closed),
        ("Gaps opened", &d.gaps.opened),
        ("Gaps changed", &d.gaps.changed),
    ] {
        parts.push(Section {
            title: format!("{title} ({})", gaps.len()),
            lead: Vec::new(),
            header: GAP_HEADER.to_vec(),
            numeric: vec![],
            rows: gap_rows(gaps),
            notes: Vec::new(),
        });
    }
    parts.push(workflows_part(d));
    parts.push(integrations_part(d));
    parts.push(fixes_part(d));
    parts
}

/// Each summary figure before and after, with the change.
fn summary_part(d: &Diff) -> Section {
    Section {
        title: "Summary".into(),
        lead: Vec::new(),
        header: vec!["Measure", "Before", "After", "Change"],
        numeric: vec![1, 2, 3],
        rows: d
            .summary
            .iter()
            .map(|c| {
                // The gaps' alignment-weighted cost: "strategic cost" on the gap side
                // (the JSON key stays `strategic_value`).
                let name = match c.name {
                    "strategic_value" => "strategic_cost",
                    other => other,
                };
                vec![
                    name.to_string(),
                    figure(c, c.before),
                    figure(c, c.after),
                    delta(c),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// Workflows renamed, gone and new, as notes.
fn workflows_part(d: &Diff) -> Section {
    let mut notes: Vec<String> = d
        .renamed
        .iter()
        .map(|r| {
            format!(
                "workflow `{}` looks renamed to `{}` (same handoffs): its gaps count as closed under the old id and opened under the new one",
                r.from, r.to
            )
        })
        .collect();
    let renamed: std::collections::HashSet<&String> =
        d.renamed.iter().flat_map(|r| [&r.from, &r.to]).collect();
    let renamed = |id: &String| renamed.contains(id);
    notes.extend(
        d.workflows_removed
            .iter()
            .filter(|w| !renamed(w))
            .map(|w| format!("workflow `{w}` is gone")),
    );
    notes.extend(
        d.workflows_added
            .iter()
            .filter(|w| !renamed(w))
            .map(|w| format!("workflow `{w}` is new")),
    );
    Section {
        title: "Workflows".into(),
        lead: Vec::new(),
        header: vec![],
        numeric: vec![],
        rows: vec![],
        notes,
    }
}

/// Integrations added, removed or with a new mode.
fn integrations_part(d: &Diff) -> Section {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (change, list) in [
        ("added", &d.integrations_added),
        ("removed", &d.integrations_removed),
    ] {
        for i in list {
            rows.push(vec![
                i.id.clone(),
                format!("{} -> {}", i.from, i.to),
                change.to_string(),
                i.mode.as_str().to_string(),
            ]);
        }
    }
    for m in &d.modes_changed {
        rows.push(vec![
            m.id.clone(),
            String::new(),
            "mode changed".into(),
            format!("{} -> {}", m.before.as_str(), m.after.as_str()),
        ]);
    }
    Section {
        title: format!("Integrations ({})", rows.len()),
        lead: Vec::new(),
        header: vec!["Integration", "Between", "Change", "Mode"],
        numeric: vec![],
        rows,
        notes: Vec::new(),
    }
}

/// Fixes whose rank moved, `-` where a side has none.
fn fixes_part(d: &Diff) -> Section {
    let rank = |r: Option<usize>| r.map_or("-".to_string(), |r| format!("#{r}"));
    Section {
        title: format!("Fixes whose rank moved ({})", d.fixes.len()),
        lead: Vec::new(),
        header: vec!["Fix", "Action", "Before", "After"],
        numeric: vec![2, 3],
        rows: d
            .fixes
            .iter()
            .map(|f| {
                vec![
                    f.id.clone(),
                    f.action.as_str().to_string(),
                    rank(f.before),
                    rank(f.after),
                ]
            })
            .collect(),
        notes: Vec::new(),
    }
}

/// "Diff: OLD (strategy S) -> NEW (strategy S); money in EUR".
pub fn title(d: &Diff) -> String {
    let name = |n: &Option<String>, s: &Option<String>| {
        format!(
            "{} ({})",
            n.as_deref().unwrap_or("unnamed model"),
            s.as_deref()
                .map_or("no strategy".to_string(), |s| format!("strategy {s}"))
        )
    };
    format!(
        "Diff: {} -> {}; money in {}",
        name(&d.old_name, &d.old_strategy),
        name(&d.new_name, &d.new_strategy),
        d.currency
    )
}
