//! Documents written as a title and titled sections (`diff`, `impact`, the benefits
//! review): one writer per human format, so the documents look alike and are escaped alike.

use std::fmt::Write as _;
use std::io::Write;

use super::plan::markdown_table;
use super::RenderError;
use crate::text::{markdown, terminal, TerminalText};
use crate::view::Section;

/// The sections as terminal text: sentences, a grid, notes; "none" when it says nothing.
pub(super) fn write_table(
    title: &str,
    sections: &[Section],
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let mut text = TerminalText::new(false);
    let _ = writeln!(text, "{}", terminal(title));
    for part in sections {
        let _ = writeln!(text, "\n{}", terminal(&part.title));
        for line in &part.lead {
            let _ = writeln!(text, "  {}", terminal(line));
        }
        if part.is_empty() {
            let _ = writeln!(text, "  none");
        }
        if part.has_table() {
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

/// How a sections document sits in Markdown.
#[derive(Clone, Copy)]
pub(super) struct MarkdownShape {
    /// The title's heading level (sections one deeper): 1 for a document of its own.
    pub level: usize,
    /// A blank line between a table and the notes after it.
    pub gap_before_notes: bool,
}

/// The sections as Markdown: the title and section headings, sentences and notes as lists
/// around each table, "None." when a section says nothing.
pub(super) fn write_markdown(
    title: &str,
    sections: &[Section],
    shape: MarkdownShape,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let heading = "#".repeat(shape.level);
    writeln!(out, "{heading} {}", markdown(title))?;
    for part in sections {
        writeln!(out, "\n{heading}# {}\n", markdown(&part.title))?;
        for line in &part.lead {
            writeln!(out, "- {}", markdown(line))?;
        }
        if part.is_empty() {
            writeln!(out, "None.")?;
        }
        if part.has_table() {
            if !part.lead.is_empty() {
                writeln!(out)?;
            }
            write!(
                out,
                "{}",
                markdown_table(&part.header, &part.numeric, &part.rows)
            )?;
        }
        if shape.gap_before_notes && part.has_table() && !part.notes.is_empty() {
            writeln!(out)?;
        }
        for note in &part.notes {
            writeln!(out, "- {}", markdown(note))?;
        }
    }
    Ok(())
}
