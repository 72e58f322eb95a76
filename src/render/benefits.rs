//! The benefits review (`gapgraph review PLAN MODEL`) as a terminal table and Markdown; its
//! HTML is in `html/benefits.rs`, its JSON (`gapgraph.benefits/v1`) in `json/benefits.rs`.
//! Every human format writes the view's sections in order.

use std::fmt::Write as _;
use std::io::Write;

use super::plan::markdown_table;
use super::{Render, RenderError};
use crate::text::{markdown, terminal, TerminalText};
use crate::view::BenefitsReview;

/// `review --format table`.
pub struct BenefitsTable;

impl Render<BenefitsReview<'_>> for BenefitsTable {
    fn render(&self, review: &BenefitsReview, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut text = TerminalText::new(false);
        write_table(review, &mut text).map_err(std::io::Error::other)?;
        out.write_all(text.into_string().as_bytes())?;
        Ok(())
    }
}

fn write_table(review: &BenefitsReview, out: &mut TerminalText) -> std::fmt::Result {
    writeln!(out, "{}", terminal(&review.title()))?;
    for section in review.sections() {
        writeln!(out, "\n{}", section.title)?;
        for line in &section.lines {
            writeln!(out, "  {}", terminal(line))?;
        }
        if !section.header.is_empty() {
            let mut grid = super::table::grid(&section.header);
            for row in &section.rows {
                grid.add_row(row.iter().map(|c| terminal(c)).collect::<Vec<_>>());
            }
            super::table::align_right(&mut grid, &section.numeric);
            writeln!(out, "{grid}")?;
        }
        for line in &section.after {
            writeln!(out, "  {}", terminal(line))?;
        }
    }
    Ok(())
}

/// `review --format markdown`.
pub struct BenefitsMarkdown;

impl Render<BenefitsReview<'_>> for BenefitsMarkdown {
    fn render(&self, review: &BenefitsReview, out: &mut dyn Write) -> Result<(), RenderError> {
        writeln!(out, "# {}", markdown(&review.title()))?;
        for section in review.sections() {
            writeln!(out, "\n## {}\n", section.title)?;
            for line in &section.lines {
                writeln!(out, "- {}", markdown(line))?;
            }
            if !section.header.is_empty() {
                if !section.lines.is_empty() {
                    writeln!(out)?;
                }
                let table = markdown_table(&section.header, &section.numeric, &section.rows);
                write!(out, "{table}")?;
            }
            if !section.after.is_empty() {
                writeln!(out)?;
            }
            for line in &section.after {
                writeln!(out, "- {}", markdown(line))?;
            }
        }
        Ok(())
    }
}
