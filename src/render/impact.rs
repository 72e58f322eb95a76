//! `gapgraph impact` as a terminal report and as Markdown; its JSON is in `json/impact.rs`.
//! Both write the sections the view builds.

use std::fmt::Write as _;
use std::io::Write;

use super::plan::markdown_table;
use super::{Render, RenderError};
use crate::text::{markdown, terminal, TerminalText};
use crate::view::ImpactView;

/// `impact --format table`.
pub struct ImpactTable;

impl Render<ImpactView<'_>> for ImpactTable {
    fn render(&self, view: &ImpactView, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut text = TerminalText::new(false);
        let _ = writeln!(text, "{}", terminal(&view.title()));
        for part in view.sections() {
            let _ = writeln!(text, "\n{}", terminal(&part.title));
            if part.header.is_empty() || part.rows.is_empty() {
                if part.notes.is_empty() {
                    let _ = writeln!(text, "  none");
                }
            } else {
                let mut grid = super::table::grid(&part.header);
                for row in &part.rows {
                    grid.add_row(row.iter().map(|c| terminal(c)).collect::<Vec<_>>());
                }
                super::table::align_right(&mut grid, &part.numeric);
                let _ = writeln!(text, "{grid}");
            }
            for note in &part.notes {
                let _ = writeln!(text, "  {}", terminal(note));
            }
        }
        out.write_all(text.into_string().as_bytes())?;
        Ok(())
    }
}

/// `impact --format markdown`.
pub struct ImpactMarkdown;

impl Render<ImpactView<'_>> for ImpactMarkdown {
    fn render(&self, view: &ImpactView, out: &mut dyn Write) -> Result<(), RenderError> {
        writeln!(out, "## {}", markdown(&view.title()))?;
        for part in view.sections() {
            writeln!(out, "\n### {}\n", markdown(&part.title))?;
            if part.header.is_empty() || part.rows.is_empty() {
                if part.notes.is_empty() {
                    writeln!(out, "None.")?;
                }
            } else {
                write!(
                    out,
                    "{}",
                    markdown_table(&part.header, &part.numeric, &part.rows)
                )?;
            }
            if !part.rows.is_empty() && !part.notes.is_empty() {
                writeln!(out)?;
            }
            for note in &part.notes {
                writeln!(out, "- {}", markdown(note))?;
            }
        }
        Ok(())
    }
}
