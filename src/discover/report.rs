//! The evidence as JSON (`gapgraph.discover/v1`), a terminal table and Markdown.

use std::fmt::Write as _;

use serde_json::{json, Value};

use super::Evidence;
use crate::text::{markdown as md, terminal};

/// `null` for an absent figure.
fn opt(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |v| json!(v))
}

/// The JSON evidence report. The fields of the contract come first; `log`, `coverage`,
/// `cases_with_variant`, `unmapped_activities` and each workflow's `runs_per_year` are
/// additions (docs/discover.md).
pub fn json(e: &Evidence) -> String {
    let transitions: Vec<Value> = e
        .transitions
        .iter()
        .map(|t| {
            json!({"from": t.from, "to": t.to, "count": t.count, "automated": t.automated,
                   "unknown": t.unknown, "runs_per_year": opt(t.runs_per_year),
                   "median_minutes": opt(t.median_minutes), "timed": t.timed})
        })
        .collect();
    let workflows: Vec<Value> = e
        .workflows
        .iter()
        .map(|w| {
            let handoffs: Vec<Value> = w.handoffs.iter().map(|(a, b)| json!([a, b])).collect();
            json!({"cases": w.cases, "handoffs": handoffs, "runs_per_year": opt(w.runs_per_year)})
        })
        .collect();
    let unmapped: Vec<Value> = e
        .unmapped
        .iter()
        .map(|u| json!({"activity": u.activity, "count": u.count}))
        .collect();
    let doc = json!({
        "schema": "gapgraph.discover/v1",
        "cases": e.cases,
        "events": e.events,
        "unmapped_events": e.unmapped_events,
        "span_days": e.span_days(),
        "variants": e.variants,
        "covered_cases": e.covered_cases,
        "transitions": transitions,
        "workflows": workflows,
        "log": e.log,
        "coverage": e.coverage,
        "cases_with_variant": e.cases_with_variant,
        "unmapped_activities": unmapped,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// A figure to one decimal, `-` when absent.
fn fig(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.1}"))
}

fn share(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".into()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

fn summary(e: &Evidence) -> String {
    format!(
        "{}: {} cases, {} events over {:.2} days; {} unmapped step{}; {} variant{}; {} {} {} of the {} cases with a handoff (coverage {})",
        e.log,
        e.cases,
        e.events,
        e.span_days(),
        e.unmapped_events,
        if e.unmapped_events == 1 { "" } else { "s" },
        e.variants,
        if e.variants == 1 { "" } else { "s" },
        e.workflows.len(),
        if e.workflows.len() == 1 { "workflow covers" } else { "workflows cover" },
        e.covered_cases,
        e.cases_with_variant,
        e.coverage
    )
}

/// Rows of the transitions table: from, to, count, automated share, unknown, a year,
/// median minutes, timed.
fn rows(e: &Evidence) -> Vec<[String; 8]> {
    e.transitions
        .iter()
        .map(|t| {
            [
                t.from.clone(),
                t.to.clone(),
                t.count.to_string(),
                share(t.automated, t.count),
                t.unknown.to_string(),
                fig(t.runs_per_year),
                fig(t.median_minutes),
                t.timed.to_string(),
            ]
        })
        .collect()
}

const HEAD: [&str; 8] = [
    "from",
    "to",
    "count",
    "automated",
    "unknown",
    "a year",
    "median min",
    "timed",
];

/// The terminal view.
pub fn table(e: &Evidence) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", terminal(&summary(e)));
    let rows = rows(e);
    let mut width = HEAD.map(str::len);
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String; 8]| {
        let mut s = String::from(" ");
        for (i, c) in cells.iter().enumerate() {
            let c = terminal(c);
            let pad = width[i].saturating_sub(c.chars().count());
            if i < 2 {
                s.push_str(&format!(" {c}{}", " ".repeat(pad)));
            } else {
                s.push_str(&format!(" {}{c}", " ".repeat(pad)));
            }
        }
        s.trim_end().to_string()
    };
    if rows.is_empty() {
        out.push_str("No handoffs.\n");
    } else {
        let _ = writeln!(out, "Handoffs:\n{}", line(&HEAD.map(String::from)));
        for r in &rows {
            let _ = writeln!(out, "{}", line(r));
        }
    }
    if !e.workflows.is_empty() {
        let _ = writeln!(out, "\nWorkflows (the most frequent variants):");
        for (i, w) in e.workflows.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. {} cases ({} a year): {}",
                i + 1,
                w.cases,
                fig(w.runs_per_year),
                terminal(&path(&w.handoffs))
            );
        }
    }
    if !e.unmapped.is_empty() {
        let _ = writeln!(
            out,
            "\nUnmapped activities (steps; add them to the mapping):"
        );
        for u in &e.unmapped {
            let hint = u
                .hint
                .as_deref()
                .map_or(String::new(), |h| format!("  {h}"));
            let _ = writeln!(
                out,
                "  {:>7}  {}{}",
                u.count,
                terminal(&u.activity),
                terminal(&hint)
            );
        }
    }
    // Notes go to standard error (the command writes them there), not into the table.
    out
}

/// `a -> b -> c` for a chain, with `; ` where a handoff does not start where the last ended.
fn path(handoffs: &[(String, String)]) -> String {
    let mut s = String::new();
    let mut last: Option<&str> = None;
    for (a, b) in handoffs {
        match last {
            Some(l) if l == a => {}
            Some(_) => s.push_str(&format!("; {a}")),
            None => s.push_str(a),
        }
        s.push_str(&format!(" -> {b}"));
        last = Some(b);
    }
    s
}

/// The Markdown view, for a review.
pub fn markdown(e: &Evidence) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## Handoffs measured from `{}`\n",
        e.log.replace('`', "'")
    );
    let _ = writeln!(out, "{}\n", md(&summary(e)));
    if !e.transitions.is_empty() {
        let _ = writeln!(out, "| {} |", HEAD.join(" | "));
        let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|");
        for r in rows(e) {
            let cells: Vec<String> = r.iter().map(|c| md(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }
    if !e.workflows.is_empty() {
        let _ = writeln!(
            out,
            "### Workflows\n\n| # | cases | a year | handoffs |\n|---:|---:|---:|---|"
        );
        for (i, w) in e.workflows.iter().enumerate() {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                i + 1,
                w.cases,
                fig(w.runs_per_year),
                md(&path(&w.handoffs))
            );
        }
        out.push('\n');
    }
    if !e.unmapped.is_empty() {
        let _ = writeln!(
            out,
            "### Unmapped activities\n\n| activity | steps | hint |\n|---|---:|---|"
        );
        for u in &e.unmapped {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md(&u.activity),
                u.count,
                md(u.hint.as_deref().unwrap_or(""))
            );
        }
        out.push('\n');
    }
    for note in &e.notes {
        let _ = writeln!(out, "> note: {}\n", md(note));
    }
    out
}
