//! The terminal report: summary, top fixes with why, gaps, per-workflow automation.

use std::fmt::Write as _;
use std::io::Write;

use anstyle::{AnsiColor, Style};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table as Grid};

mod grid;
mod sections;

use super::{Render, RenderError};
use crate::analysis::{Fix, Status};
use crate::model::Model;
use crate::text::{minutes, money};
use crate::text::{terminal, TerminalText};
use crate::view::Report;
use sections::{
    write_gaps, write_summary, write_system_audit, write_title, write_unfixable, write_units,
    write_warnings, write_workflows,
};

/// `analyze --format table`.
pub struct Table {
    /// Whether ANSI colour may be used.
    pub colour: bool,
    /// Fixes listed (`None`: 10).
    pub top: Option<usize>,
}

/// Fixes shown when `--top` is not given.
const DEFAULT_TOP: usize = 10;

fn heading(out: &mut TerminalText, text: &str) -> std::fmt::Result {
    out.paint(Style::new().bold().underline(), text);
    writeln!(out)
}

fn status(out: &mut TerminalText, status: Status) {
    let color = match status {
        Status::Automated => AnsiColor::Green,
        Status::Manual => AnsiColor::Yellow,
        Status::Missing => AnsiColor::Red,
    };
    out.paint(
        Style::new().fg_color(Some(color.into())).bold(),
        status.as_str(),
    );
}

pub(super) fn grid(header: &[&str]) -> Grid {
    let mut grid = Grid::new();
    grid.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    grid
}

pub(super) fn align_right(grid: &mut Grid, columns: &[usize]) {
    for c in columns {
        if let Some(column) = grid.column_mut(*c) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}

/// One line on why a fix ranks where it does: what it closes (a gap it removes), what it
/// improves (a gap it only makes cheaper) and which objectives it serves.
pub fn why(model: &Model, fix: &Fix, currency: &str) -> String {
    let describe = |i: &crate::analysis::Improvement| {
        let workflow = model.workflow(i.workflow);
        format!(
            "{} step {} ({}: {} -> {} min)",
            workflow.id,
            i.step,
            terminal(i.data(model)),
            minutes(i.minutes_before),
            minutes(i.minutes_after)
        )
    };
    let shown = fix.improves.len().min(3);
    let (closes, improves): (Vec<_>, Vec<_>) = fix.improves[..shown]
        .iter()
        .partition(|i| i.minutes_after == 0.0);
    let mut clauses = Vec::new();
    if !closes.is_empty() {
        let parts: Vec<String> = closes.into_iter().map(describe).collect();
        clauses.push(format!("closes {}", parts.join(", ")));
    }
    if !improves.is_empty() {
        let parts: Vec<String> = improves.into_iter().map(describe).collect();
        clauses.push(format!("improves {}", parts.join(", ")));
    }
    let mut line = clauses.join("; ");
    if fix.improves.len() > shown {
        line.push_str(&format!(", {} more", fix.improves.len() - shown));
    }
    let served: Vec<String> = fix
        .objectives
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(o, v)| format!("{} {currency} {}", model.objective(*o).id, money(*v)))
        .collect();
    if !served.is_empty() {
        line.push_str(&format!("; serves {}", served.join(", ")));
    } else if !fix.aligned {
        line.push_str("; serves no objective of this strategy");
    }
    line
}

impl Render<Report<'_>> for Table {
    fn streams(&self) -> bool {
        true
    }

    /// Written as it is made: a landscape's report (a million handoffs, 230 MB of text)
    /// is never held whole.
    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut text = TerminalText::streaming(self.colour, out);
        let written = self.write(report, &mut text);
        // A failed write shows as a formatting error; the writer's own error says more.
        text.finish()?;
        written.map_err(std::io::Error::other)?;
        Ok(())
    }
}

impl Table {
    /// Model text inside a line goes through [`terminal`] so a line break cannot break
    /// the layout; [`TerminalText`] escapes whatever else reaches it.
    fn write(&self, report: &Report, out: &mut TerminalText) -> std::fmt::Result {
        write_title(report, out)?;
        write_summary(report, out)?;
        self.write_fixes(report, out)?;
        write_gaps(report, out)?;
        write_unfixable(report, out)?;
        write_workflows(report, out)?;
        write_units(report, out)?;
        write_system_audit(report, out)?;
        write_warnings(report, out)
    }
}

fn plural(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        _ if noun.ends_with('x') => format!("{n} {noun}es"),
        _ => format!("{n} {noun}s"),
    }
}
