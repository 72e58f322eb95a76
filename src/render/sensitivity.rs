//! `gapgraph sensitivity` as a terminal table and Markdown; its JSON is in
//! `json/decide.rs`.

use std::fmt::Write as _;
use std::io::Write;

use super::plan::markdown_table;
use super::{Render, RenderError};
use crate::text::{markdown, terminal, TerminalText};
use crate::view::SensitivityReport;

/// `sensitivity --format table`.
pub struct SensitivityTable;

impl Render<SensitivityReport<'_>> for SensitivityTable {
    fn render(&self, report: &SensitivityReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut text = TerminalText::new(false);
        let header = report.header();
        let mut grid = super::table::grid(&header.iter().map(String::as_str).collect::<Vec<_>>());
        for row in report.rows() {
            grid.add_row(row.iter().map(|c| terminal(c)).collect::<Vec<_>>());
        }
        super::table::align_right(&mut grid, &[0, 3, 4, 5]);
        let _ = writeln!(text, "{}", terminal(&report.intro()));
        let _ = writeln!(text, "{grid}");
        let _ = writeln!(text, "{}", report.sensitivity.sentence());
        out.write_all(text.into_string().as_bytes())?;
        Ok(())
    }
}

/// `sensitivity --format markdown`.
pub struct SensitivityMarkdown;

impl Render<SensitivityReport<'_>> for SensitivityMarkdown {
    fn render(&self, report: &SensitivityReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let header = report.header();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        writeln!(out, "## How far the ranking holds\n")?;
        writeln!(out, "{}\n", markdown(&report.intro()))?;
        writeln!(
            out,
            "{}",
            markdown_table(&header, &[0, 3, 4, 5], &report.rows())
        )?;
        writeln!(out, "{}", markdown(&report.sensitivity.sentence()))?;
        Ok(())
    }
}
