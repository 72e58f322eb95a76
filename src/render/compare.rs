//! `gapgraph compare`: one row per fix, a rank and strategic-value column per strategy,
//! as a terminal table, Markdown and CSV; its JSON is in `json/decide.rs`.

use std::fmt::Write as _;
use std::io::Write;

use super::plan::markdown_table;
use super::{Render, RenderError};
use crate::text::{csv_text, markdown, terminal, TerminalText};
use crate::view::CompareReport;

/// `compare --format table`.
pub struct CompareTable;

impl Render<CompareReport<'_>> for CompareTable {
    fn render(&self, report: &CompareReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut text = TerminalText::new(false);
        let header = report.header();
        let mut grid = super::table::grid(&header.iter().map(String::as_str).collect::<Vec<_>>());
        for row in report.rows() {
            grid.add_row(row.iter().map(|c| terminal(c)).collect::<Vec<_>>());
        }
        super::table::align_right(&mut grid, &report.numeric());
        let lines = report.lines();
        let _ = writeln!(text, "{}", terminal(&lines[0]));
        let _ = writeln!(text, "{grid}");
        for line in &lines[1..] {
            let _ = writeln!(text, "{}", terminal(line));
        }
        out.write_all(text.into_string().as_bytes())?;
        Ok(())
    }
}

/// `compare --format markdown`.
pub struct CompareMarkdown;

impl Render<CompareReport<'_>> for CompareMarkdown {
    fn render(&self, report: &CompareReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let lines = report.lines();
        let header = report.header();
        writeln!(out, "## Fixes under each strategy\n")?;
        writeln!(out, "{}\n", markdown(&lines[0]))?;
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        writeln!(
            out,
            "{}",
            markdown_table(&header, &report.numeric(), &report.rows())
        )?;
        for line in &lines[1..] {
            writeln!(out, "- {}", markdown(line))?;
        }
        Ok(())
    }
}

/// `compare --format csv`: full precision, `rank_S`, `strategic_value_S`, `aligned_S`
/// per strategy S.
pub struct CompareCsv;

impl Render<CompareReport<'_>> for CompareCsv {
    fn render(&self, report: &CompareReport, out: &mut dyn Write) -> Result<(), RenderError> {
        let c = report.comparison;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let to_io = |e: csv::Error| std::io::Error::other(e.to_string());
        let mut header = vec![
            "id".to_string(),
            "action".into(),
            "cost".into(),
            "annual_saving".into(),
        ];
        for s in &c.strategies {
            let id = csv_text(&s.id);
            header.extend([
                format!("rank_{id}"),
                format!("strategic_value_{id}"),
                format!("priority_{id}"),
                format!("aligned_{id}"),
            ]);
        }
        w.write_record(&header).map_err(to_io)?;
        for r in &c.rows {
            let mut row = vec![
                csv_text(&r.id.text(report.model)),
                r.action.as_str().to_string(),
                format!("{}", r.cost + 0.0),
                format!("{}", r.annual_saving + 0.0),
            ];
            for s in &r.standings {
                match s {
                    Some(s) => row.extend([
                        s.rank.to_string(),
                        format!("{}", s.strategic_value + 0.0),
                        s.priority
                            .map(|p| format!("{}", p + 0.0))
                            .unwrap_or_default(),
                        s.aligned.to_string(),
                    ]),
                    None => {
                        row.extend([String::new(), String::new(), String::new(), String::new()]);
                    }
                }
            }
            w.write_record(&row).map_err(to_io)?;
        }
        w.flush()?;
        Ok(())
    }
}
