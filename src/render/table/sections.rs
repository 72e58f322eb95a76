//! The sections of the terminal report, top to bottom: title, summary, top fixes, gaps,
//! gaps no fix can close, workflows, units, system audit and warnings.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use comfy_table::Table as Grid;

use super::grid::{write_grid, Columns};
use super::{align_right, grid, heading, plural, status, why, Table, DEFAULT_TOP};
use crate::analysis::Fix;
use crate::model::Model;
use crate::text::{hours, minutes, money, percent, ratio};
use crate::text::{terminal, TerminalText};
use crate::view::words as fidelity;
use crate::view::words::{by_other_unit, integrations_touching, unused_detail, UNFIXABLE_SHOWN};
use crate::view::Report;

impl Table {
    /// The top fixes: a grid of figures, then one line each on why it ranks there.
    pub(super) fn write_fixes(&self, report: &Report, out: &mut TerminalText) -> std::fmt::Result {
        let analysis = report.analysis;
        let model = report.model;
        let cur = &terminal(report.currency());
        let fixes = report.fixes(Some(self.top.unwrap_or(DEFAULT_TOP)));
        let total = analysis.fixes.len();
        heading(
            out,
            &format!(
                "Top fixes ({} of {total}, {})",
                fixes.len(),
                analysis.ranked_by.describe(cur)
            ),
        )?;
        if total == 0 {
            writeln!(out, "  No fix would save any time.")?;
        } else if fixes.is_empty() {
            writeln!(
                out,
                "  {} not listed (use --top {total} to list all)",
                plural(total, "fix"),
            )?;
        } else {
            writeln!(out, "{}", fixes_grid(model, fixes))?;
            for fix in fixes {
                let id = fix.id.text(model);
                writeln!(out, "  #{} {id}: {}", fix.rank, why(model, fix, cur))?;
                if fix.run_cost > 0.0 || fix.loses_money() {
                    writeln!(out, "     {}", fidelity::economics(model, fix, cur))?;
                }
            }
            if total > fixes.len() {
                writeln!(
                    out,
                    "  ... {} more (use --top {total} to list all)",
                    total - fixes.len()
                )?;
            }
        }
        writeln!(out)
    }
}

/// The report's title and the strategy whose weights it applies.
pub(super) fn write_title(report: &Report, out: &mut TerminalText) -> std::fmt::Result {
    let analysis = report.analysis;
    let title = terminal(analysis.model_name.as_deref().unwrap_or("gapgraph report"));
    out.paint(Style::new().bold(), &title);
    writeln!(out)?;
    match &analysis.strategy {
        Some(strategy) => {
            let weights: Vec<String> = strategy
                .weights
                .iter()
                .map(|w| format!("{} x{}", terminal(&w.name), minutes(w.weight)))
                .collect();
            writeln!(
                out,
                "Strategy in force: {} ({}): {}",
                terminal(&strategy.name),
                strategy.id,
                weights.join(", ")
            )?;
        }
        None => writeln!(
            out,
            "No strategies declared: every workflow counts in full (alignment 1)."
        )?,
    }
    writeln!(out)
}

pub(super) fn write_summary(report: &Report, out: &mut TerminalText) -> std::fmt::Result {
    let analysis = report.analysis;
    let cur = &terminal(report.currency());
    let s = &analysis.summary;
    heading(out, "Summary")?;
    writeln!(
        out,
        "  {}, {}: {} automated, {} manual, {} missing",
        plural(s.workflows, "workflow"),
        plural(s.handoffs, "handoff"),
        s.automated,
        s.manual,
        s.missing
    )?;
    writeln!(
        out,
        "  Automation {} of runs ({} weighted by strategic alignment)",
        percent(s.automation_rate),
        percent(s.strategic_automation)
    )?;
    writeln!(
        out,
        "  Gaps cost {} staff hours a year ({}) = {cur} {} a year; strategic cost {cur} {}",
        hours(s.annual_hours),
        fidelity::fte(s.annual_fte),
        money(s.annual_cost),
        money(s.strategic_value)
    )?;
    writeln!(out, "  {}", fidelity::assumptions(&analysis.assumptions))?;
    if let Some(line) = fidelity::unfixable(analysis, cur) {
        writeln!(out, "  {line} (listed below the gaps)")?;
    }
    writeln!(out)
}

fn fixes_grid(model: &Model, fixes: &[Fix]) -> Grid {
    let npv_title = format!("NPV {}y", minutes(model.defaults.horizon_years));
    let mut grid = grid(&[
        "#",
        "Fix",
        "Action",
        "Cost",
        "Hours/yr",
        "Saving/yr",
        "Strategic",
        "Priority",
        "Payback (mo)",
        &npv_title,
    ]);
    for fix in fixes {
        let id = fix.id.text(model);
        let name = match fix.name(model) {
            Some(n) => format!("{id}\n{}", terminal(n)),
            None => id.into_owned(),
        };
        grid.add_row(vec![
            fix.rank.to_string(),
            name,
            fix.action.as_str().to_string(),
            money(fix.cost),
            hours(fix.annual_hours_saved),
            money(fix.annual_saving),
            money(fix.strategic_value),
            ratio(fix.priority),
            ratio(fix.payback_months),
            money(fix.npv),
        ]);
    }
    align_right(&mut grid, &[0, 3, 4, 5, 6, 7, 8, 9]);
    grid
}

/// Every gap in a grid, then the notes on how its path was read.
pub(super) fn write_gaps(report: &Report, out: &mut TerminalText) -> std::fmt::Result {
    let analysis = report.analysis;
    let model = report.model;
    let gaps = analysis.gaps(model);
    heading(out, &format!("Gaps ({})", gaps.len()))?;
    if gaps.is_empty() {
        writeln!(out, "  Every handoff is automated.")?;
        return writeln!(out);
    }
    let columns = Columns {
        header: &[
            "Workflow",
            "Step",
            "Handoff",
            "Data",
            "Status",
            "Min/run",
            "Hours/yr",
            "Cost/yr",
            "Strategic cost",
            "Source",
        ],
        right: &[1, 5, 6, 7, 8],
    };
    write_grid(out, &columns, gaps.len(), |r, cells| {
        let g = gaps[r];
        cells.extend([
            model.workflow(g.workflow).id.clone(),
            g.step.to_string(),
            format!("{} -> {}", model.system(g.from).id, model.system(g.to).id),
            terminal(g.data(model)),
            g.status.as_str().to_string(),
            minutes(g.minutes),
            hours(g.annual_hours),
            money(g.annual_cost),
            money(g.strategic_value),
            g.basis().as_str().to_string(),
        ]);
    })?;
    let words = fidelity::PathWords::new(report.model);
    for g in &gaps {
        for note in words.notes(g) {
            writeln!(
                out,
                "  {}#{}: {}",
                model.workflow(g.workflow).id,
                g.step,
                terminal(&note)
            )?;
        }
        if let Some(by) = by_other_unit(model, g) {
            writeln!(
                out,
                "  {}#{}: {}",
                model.workflow(g.workflow).id,
                g.step,
                terminal(&by)
            )?;
        }
    }
    writeln!(out)
}

/// The costliest gaps no fix can close, with why (nothing when there are none).
pub(super) fn write_unfixable(report: &Report, out: &mut TerminalText) -> std::fmt::Result {
    let analysis = report.analysis;
    let model = report.model;
    if analysis.unfixable.is_empty() {
        return Ok(());
    }
    heading(
        out,
        &format!("Gaps no fix can close ({})", analysis.unfixable.len()),
    )?;
    let shown = analysis.unfixable_costliest(model, UNFIXABLE_SHOWN);
    let columns = Columns {
        header: &[
            "Workflow", "Step", "Handoff", "Data", "Hours/yr", "Cost/yr", "Why",
        ],
        right: &[1, 4, 5],
    };
    write_grid(out, &columns, shown.len(), |r, cells| {
        let u = shown[r];
        let g = &analysis.handoffs[u.handoff];
        cells.extend([
            model.workflow(g.workflow).id.clone(),
            g.step.to_string(),
            format!("{} -> {}", model.system(g.from).id, model.system(g.to).id),
            terminal(g.data(model)),
            hours(g.annual_hours),
            money(g.annual_cost),
            terminal(&u.reason.describe(model)),
        ]);
    })?;
    if analysis.unfixable.len() > shown.len() {
        writeln!(
            out,
            "  ... {} more, cheaper (--format csv --csv-table gaps marks every gap `fixable`)",
            analysis.unfixable.len() - shown.len()
        )?;
    }
    writeln!(out)
}

/// Per-workflow automation figures, then each workflow's handoffs by status.
pub(super) fn write_workflows(report: &Report, out: &mut TerminalText) -> std::fmt::Result {
    let analysis = report.analysis;
    let model = report.model;
    heading(out, "Workflows")?;
    if analysis.workflows.is_empty() {
        return writeln!(out, "  No workflows.");
    }
    let columns = Columns {
        header: &[
            "Workflow",
            "Unit",
            "Runs/yr",
            "Handoffs",
            "Automated",
            "Manual",
            "Missing",
            "Automation",
            "Hours/yr",
            "Cost/yr",
            "Alignment",
        ],
        right: &[2, 3, 4, 5, 6, 7, 8, 9, 10],
    };
    write_grid(out, &columns, analysis.workflows.len(), |r, cells| {
        let w = &analysis.workflows[r];
        let workflow = model.workflow(w.workflow);
        cells.extend([
            workflow.id.clone(),
            workflow
                .unit
                .map(|u| model.unit(u).id.clone())
                .unwrap_or_default(),
            hours(w.runs_per_year).trim_end_matches(".0").to_string(),
            w.counts.handoffs.to_string(),
            w.counts.automated.to_string(),
            w.counts.manual.to_string(),
            w.counts.missing.to_string(),
            percent(w.counts.automation_rate),
            hours(w.counts.annual_hours),
            money(w.counts.annual_cost),
            ratio(Some(w.alignment)),
        ]);
    })?;
    write_workflow_statuses(report, out)
}

/// One line per workflow: each handoff with its status in colour.
pub(super) fn write_workflow_statuses(report: &Report, out: &mut TerminalText) -> std::fmt::Result {
    let analysis = report.analysis;
    let model = report.model;
    // Handoffs come workflow by workflow, in file order: one pass, no search per
    // workflow (which was quadratic on large models).
    let mut by_workflow = analysis
        .handoffs
        .chunk_by(|a, b| a.workflow == b.workflow)
        .peekable();
    for w in &analysis.workflows {
        write!(out, "  {}: ", model.workflow(w.workflow).id)?;
        let steps = match by_workflow.peek() {
            Some(chunk) if chunk[0].workflow == w.workflow => by_workflow.next(),
            _ => None,
        };
        for (k, h) in steps.into_iter().flatten().enumerate() {
            if k > 0 {
                write!(out, ", ")?;
            }
            write!(
                out,
                "{}->{} ",
                model.system(h.from).id,
                model.system(h.to).id
            )?;
            status(out, h.status);
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Automation per organisational unit (nothing when the model declares none).
pub(super) fn write_units(report: &Report, out: &mut TerminalText) -> std::fmt::Result {
    let analysis = report.analysis;
    let model = report.model;
    if analysis.units.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    heading(
        out,
        "Units (each counts the workflows it owns, whoever does the steps)",
    )?;
    let columns = Columns {
        header: &[
            "Unit",
            "Owner",
            "Handoffs",
            "Automated",
            "Manual",
            "Missing",
            "Automation",
            "Hours/yr",
            "Cost/yr",
        ],
        right: &[2, 3, 4, 5, 6, 7, 8],
    };
    write_grid(out, &columns, analysis.units.len(), |r, cells| {
        let u = &analysis.units[r];
        let unit = model.unit(u.unit);
        cells.extend([
            unit.id.clone(),
            terminal(unit.owner.as_deref().unwrap_or("")),
            u.counts.handoffs.to_string(),
            u.counts.automated.to_string(),
            u.counts.manual.to_string(),
            u.counts.missing.to_string(),
            percent(u.counts.automation_rate),
            hours(u.counts.annual_hours),
            money(u.counts.annual_cost),
        ]);
    })
}

/// Systems the audit flagged, with their flags.
pub(super) fn write_system_audit(report: &Report, out: &mut TerminalText) -> std::fmt::Result {
    let analysis = report.analysis;
    let model = report.model;
    let flagged: Vec<_> = analysis
        .systems
        .iter()
        .filter(|s| !s.flags.is_empty())
        .collect();
    if flagged.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    heading(out, "System audit")?;
    let touching = integrations_touching(model);
    for s in flagged {
        let flags: Vec<&str> = s.flags.iter().map(|f| f.as_str()).collect();
        let system = model.system(s.system);
        let owner = system
            .owner
            .as_deref()
            .map(|o| format!(", owner {}", terminal(o)))
            .unwrap_or_default();
        let detail = if s.workflows.is_empty() {
            format!(" ({})", unused_detail(touching[s.system.index()]))
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {} ({}{owner}): {}{detail}",
            system.id,
            system.kind.as_str(),
            flags.join(", ")
        )?;
    }
    Ok(())
}

pub(super) fn write_warnings(report: &Report, out: &mut TerminalText) -> std::fmt::Result {
    let warnings = report.readable_warning_lines();
    if warnings.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    heading(out, "Warnings")?;
    for w in warnings {
        write!(out, "  ")?;
        out.paint(
            Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            &terminal(&w),
        );
        writeln!(out)?;
    }
    Ok(())
}
