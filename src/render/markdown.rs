//! `analyze --format markdown`: the review document as CommonMark with GFM tables, for
//! wiki pages and pull requests, with the integration map as a Mermaid block that GitHub
//! and GitLab draw.

use std::io::Write;
use std::ops::ControlFlow;

use super::mermaid::Mermaid;
use super::{Render, RenderError};
use crate::text::markdown;
use crate::view::review::{Block, Span, Table};
use crate::view::scene::Frame;
use crate::view::{Report, Review};

/// `analyze --format markdown`.
pub struct Markdown;

impl Render<Review<'_>> for Markdown {
    /// Nothing but writing can fail (a map too large for Mermaid is a sentence instead),
    /// so the document goes out as it is written: the gaps of a landscape are made
    /// workflow by workflow and never held whole.
    fn streams(&self) -> bool {
        true
    }

    fn render(&self, review: &Review, out: &mut dyn Write) -> Result<(), RenderError> {
        let (report, doc) = (&review.report, &review.document);
        writeln!(out, "# {}", markdown(&doc.title))?;
        for block in &doc.lead {
            writeln!(out)?;
            write_block(report, block, out)?;
        }
        for section in &doc.sections {
            writeln!(out)?;
            writeln!(out, "## {}", markdown(&section.title))?;
            for block in &section.blocks {
                writeln!(out)?;
                write_block(report, block, out)?;
            }
        }
        Ok(())
    }
}

/// An identifier as a code span when it can be one; anything a code span cannot hold
/// literally (a backtick, a pipe that would split a table cell, a line break) falls back
/// to escaped text.
fn code(s: &str) -> String {
    let fits = !s.is_empty()
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains(['`', '|', '\n', '\r']);
    if fits {
        format!("`{s}`")
    } else {
        markdown(s)
    }
}

fn inline(spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        match span {
            Span::Text(s) => out.push_str(&markdown(s)),
            Span::Code(s) => out.push_str(&code(s)),
            Span::Strong(s) => {
                out.push_str("**");
                out.push_str(&markdown(s));
                out.push_str("**");
            }
            // Badges are plain words here; the HTML report colours them.
            Span::Tag(_, s) => out.push_str(&markdown(s)),
            Span::Break => out.push_str("<br>"),
        }
    }
    out
}

fn write_table(table: &Table, out: &mut dyn Write) -> Result<(), RenderError> {
    let header: Vec<String> = table.columns.iter().map(|c| markdown(&c.title)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = table
        .columns
        .iter()
        .map(|c| if c.numeric { "---:" } else { "---" })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| inline(&c.spans)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

fn write_block(report: &Report, block: &Block, out: &mut dyn Write) -> Result<(), RenderError> {
    match block {
        Block::Heading(spans) => writeln!(out, "### {}", inline(spans))?,
        Block::Paragraph(spans) => writeln!(out, "{}", inline(spans))?,
        Block::Bullets(items) => {
            for item in items {
                writeln!(out, "- {}", inline(item))?;
            }
        }
        Block::Table(table) => write_table(table, out)?,
        Block::Figures(figures) => {
            for f in figures {
                writeln!(out, "- **{}** {}", markdown(&f.value), markdown(&f.label))?;
            }
        }
        Block::Callout(spans) => writeln!(out, "> {}", inline(spans))?,
        Block::Diagram(map) => {
            // Mermaid labels are entity-escaped, so the chart never contains a backtick
            // and cannot close this fence. The document heads it, captions it and keys its
            // lines once, so the chart has no title and no legend of its own.
            let mut chart = Vec::new();
            let mermaid = Mermaid {
                view: map.view.clone(),
                frame: Frame::InPage,
            };
            match mermaid.render(report, &mut chart) {
                Ok(()) => {
                    writeln!(out, "```mermaid")?;
                    out.write_all(&chart)?;
                    writeln!(out, "```")?;
                }
                Err(RenderError::TooLarge(message) | RenderError::EmptyFocus(message)) => {
                    writeln!(out, "*Map not drawn: {}.*", markdown(&message))?;
                }
                Err(e) => return Err(e),
            }
            writeln!(out)?;
            writeln!(out, "{}", inline(&map.caption))?;
        }
        Block::Key(entries) => {
            writeln!(out, "How to read the maps:")?;
            writeln!(out)?;
            for entry in entries {
                writeln!(
                    out,
                    "- {} \u{2014} {}",
                    markdown(&entry.in_words),
                    markdown(&entry.meaning)
                )?;
            }
        }
        Block::Chart(chart) => writeln!(out, "{}", markdown(&chart.sentence()))?,
        Block::Deferred(deferred) => {
            // Blocks are parted by a blank line; the one before the first is written.
            let mut written = Ok(());
            let mut first = true;
            deferred.each(report, &mut |block| {
                let parted = if std::mem::take(&mut first) {
                    Ok(())
                } else {
                    writeln!(out).map_err(RenderError::from)
                };
                written = parted.and_then(|()| write_block(report, &block, out));
                if written.is_ok() {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                }
            });
            written?;
        }
    }
    Ok(())
}
