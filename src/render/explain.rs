//! `gapgraph explain`: one fix's arithmetic in words and numbers; its JSON is in
//! `json/explain.rs`.

use std::fmt::Write as _;
use std::io::Write;

use super::{Render, RenderError};
use crate::decide::{ExplainedHandoff, Neighbour};
use crate::model::Model;
use crate::text::{hours, minutes, money, rate, ratio};
use crate::text::{terminal, TerminalText};
use crate::view::ExplainReport;

/// `explain --format table`.
pub struct ExplainText;

impl Render<ExplainReport<'_>> for ExplainText {
    fn render(&self, report: &ExplainReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut text = TerminalText::new(false);
        write(report, &mut text).map_err(std::io::Error::other)?;
        out.write_all(text.into_string().as_bytes())?;
        Ok(())
    }
}

fn path(ids: &[String]) -> String {
    if ids.is_empty() {
        "no path".to_string()
    } else {
        ids.iter()
            .map(|i| terminal(i))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn write(report: &ExplainReport, out: &mut TerminalText) -> std::fmt::Result {
    let e = report.explanation;
    let cur = &terminal(report.currency);
    write_fix_line(report, out)?;
    for (k, h) in e.handoffs.iter().enumerate() {
        write_handoff(k, h, e.total_weight, cur, out)?;
    }
    write_sums(report, out)
}

/// The fix, its rank and the strategy in force.
fn write_fix_line(report: &ExplainReport, out: &mut TerminalText) -> std::fmt::Result {
    let e = report.explanation;
    let f = &e.fix;
    let model = report.model;
    let name = f
        .name(model)
        .map(|n| format!(" ({})", terminal(n)))
        .unwrap_or_default();
    writeln!(
        out,
        "Fix {}{name}: {} {} -> {}, carrying {}; rank {} of {}",
        f.id.text(model),
        f.action.as_str(),
        model.system(f.from).id,
        model.system(f.to).id,
        f.carries
            .iter()
            .map(|c| terminal(c))
            .collect::<Vec<_>>()
            .join(", "),
        f.rank,
        e.ranked
    )?;
    match report.strategy {
        Some(s) => writeln!(out, "Strategy in force: {} ({})", terminal(&s.name), s.id)?,
        None => writeln!(out, "No strategies declared: alignment is 1 everywhere.")?,
    }
    Ok(())
}

/// The `k`th handoff the fix changes: its paths, and the hours, money and alignment
/// saved, each as the product a reader can redo.
fn write_handoff(
    k: usize,
    h: &ExplainedHandoff,
    total_weight: f64,
    cur: &str,
    out: &mut TerminalText,
) -> std::fmt::Result {
    writeln!(out)?;
    writeln!(
        out,
        "{}. {} step {}: {} -> {}, {}",
        k + 1,
        h.workflow,
        h.step,
        h.from,
        h.to,
        terminal(&h.data)
    )?;
    writeln!(out, "   path before: {}", path(&h.path_before))?;
    writeln!(out, "   path after:  {}", path(&h.path_after))?;
    let dearer = h.minutes_after > h.minutes_before;
    writeln!(
        out,
        "   {} runs a year x ({} - {}) min / 60 = {} hours a year {}",
        hours(h.runs_per_year).trim_end_matches(".0"),
        minutes(h.minutes_before),
        minutes(h.minutes_after),
        hours(h.annual_hours_saved),
        if dearer {
            "saved: dearer, its first path is slower than the default minutes it was priced at"
        } else {
            "saved"
        }
    )?;
    let by =
        h.by.as_deref()
            .map(|u| format!(" ({u} does this step)"))
            .unwrap_or_default();
    writeln!(
        out,
        "   x {cur} {} an hour{by} = {cur} {} a year",
        rate(h.hourly_cost),
        money(h.annual_saving)
    )?;
    if h.objectives.is_empty() {
        writeln!(out, "   alignment {}", factor(h.alignment))?;
    } else {
        let terms: Vec<String> = h
            .objectives
            .iter()
            .map(|o| format!("{} x {}", minutes(o.weight), minutes(o.serves)))
            .collect();
        writeln!(
            out,
            "   alignment ({}) / {} = {}",
            terms.join(" + "),
            minutes(total_weight),
            factor(h.alignment)
        )?;
        for o in &h.objectives {
            writeln!(
                out,
                "     {}: {cur} {} x {} = {cur} {}",
                o.objective,
                money(h.annual_saving),
                factor(o.term),
                money(o.value)
            )?;
        }
    }
    writeln!(
        out,
        "   strategic value {cur} {} x {} = {cur} {}",
        money(h.annual_saving),
        factor(h.alignment),
        money(h.strategic_value)
    )?;
    Ok(())
}

/// The fix's sums, priority, payback and NPV, and where it ranks against its neighbours.
fn write_sums(report: &ExplainReport, out: &mut TerminalText) -> std::fmt::Result {
    let e = report.explanation;
    let f = &e.fix;
    let cur = &terminal(report.currency);
    let model = report.model;
    writeln!(out)?;
    writeln!(
        out,
        "Sums: {} hours a year, saving {cur} {} a year, strategic value {cur} {}",
        hours(f.annual_hours_saved),
        money(f.annual_saving),
        money(f.strategic_value)
    )?;
    let priority = match f.priority {
        Some(p) => format!(
            "{} / {} = {}",
            money(f.strategic_value),
            money(f.cost),
            ratio(Some(p))
        ),
        None => "none (free; a free fix with value ranks first)".to_string(),
    };
    writeln!(out, "Cost {cur} {}; priority {priority}", money(f.cost))?;
    writeln!(
        out,
        "Net saving {cur} {} - {} running cost = {cur} {} a year",
        money(f.annual_saving),
        money(f.run_cost),
        money(f.net_saving)
    )?;
    match f.payback_months {
        Some(m) => writeln!(
            out,
            "Payback {} / ({} / 12) = {} months",
            money(f.cost),
            money(f.net_saving),
            ratio(Some(m))
        )?,
        None => writeln!(out, "Payback: none, its net saving is not positive")?,
    }
    writeln!(out, "{}", npv_sum(model, f, cur))?;
    if !f.aligned {
        writeln!(
            out,
            "It serves no objective of this strategy (strategic value 0)."
        )?;
    }
    if let Some(n) = &e.above {
        writeln!(out, "Below #{}: {}", n.fix.rank, neighbour(model, n, cur))?;
    }
    if let Some(n) = &e.below {
        writeln!(out, "Above #{}: {}", n.fix.rank, neighbour(model, n, cur))?;
    }
    Ok(())
}

/// A factor with the digits a calculator needs to reproduce the product printed beside it
/// (up to eight decimals, trailing zeros dropped): 0.8, 0.79531847.
fn factor(x: f64) -> String {
    let s = format!("{x:.8}");
    let t = s.trim_end_matches('0').trim_end_matches('.');
    if t == "-0" {
        "0".to_string()
    } else {
        t.to_string()
    }
}

/// "NPV over 3 years = -9,000 + 18,000 / 1.08 + 18,000 / 1.08^2 + 18,000 / 1.08^3 =
/// EUR 37,387", the sum written out (with "- loses money" when it is negative).
fn npv_sum(model: &Model, f: &crate::analysis::Fix, cur: &str) -> String {
    let years = model.defaults.horizon_years as i32;
    let base = factor(1.0 + model.defaults.discount_rate);
    let terms: Vec<String> = (1..=years)
        .map(|y| {
            let power = if y == 1 {
                String::new()
            } else {
                format!("^{y}")
            };
            format!("{} / {base}{power}", money(f.net_saving))
        })
        .collect();
    let verdict = if f.loses_money() {
        format!(" - loses money over {years} years")
    } else {
        String::new()
    };
    format!(
        "NPV over {years} years = -{} + {} = {cur} {}{verdict}",
        money(f.cost),
        terms.join(" + "),
        money(f.npv)
    )
}

fn neighbour(model: &Model, n: &Neighbour, cur: &str) -> String {
    let f = &n.fix;
    let by = match n.key {
        "free" => "a free fix with strategic value ranks first".to_string(),
        "priority" => format!("priority {}", ratio(f.priority.or(Some(0.0)))),
        "strategic_value" => format!(
            "same priority; strategic value {cur} {}",
            money(f.strategic_value)
        ),
        "annual_saving" => format!(
            "same priority and value; saving {cur} {}",
            money(f.annual_saving)
        ),
        "id" => "every figure equal; ids in byte order".to_string(),
        _ => "same id; automate, catalog, connect".to_string(),
    };
    format!(
        "{} ({}), separated by {}: {by}",
        f.id.text(model),
        f.action.as_str(),
        n.key
    )
}
