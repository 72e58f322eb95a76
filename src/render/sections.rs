//! Documents written as a title and titled sections (`diff`, `impact`): one writer per
//! human format, so both documents look alike and are escaped alike.

use std::fmt::Write as _;
use std::io::Write;

use super::plan::markdown_table;
use super::RenderError;
use crate::text::{markdown, terminal, TerminalText};
use crate::view::Section;

/// The sections as terminal text: each a grid, or "none" when it has neither rows nor notes.
pub(super) fn write_table(
    title: &str,
    sections: &[Section],
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    let mut text = TerminalText::new(false);
    let _ = writeln!(text, "{}", terminal(title));
    for part in sections {
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

/// The sections as Markdown: `##` title, `###` sections, tables, notes as a list (after a
/// blank line when `gap_before_notes` and the section has a table).
pub(super) fn write_markdown(
    title: &str,
    sections: &[Section],
    gap_before_notes: bool,
    out: &mut dyn Write,
) -> Result<(), RenderError> {
    writeln!(out, "## {}", markdown(title))?;
    for part in sections {
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
        if gap_before_notes && !part.rows.is_empty() && !part.notes.is_empty() {
            writeln!(out)?;
        }
        for note in &part.notes {
            writeln!(out, "- {}", markdown(note))?;
        }
    }
    Ok(())
}
