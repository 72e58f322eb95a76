//! `gapgraph diff` as a terminal report and as Markdown ready to paste into a pull
//! request (the sections `view::diff` builds); its JSON is in `json/diff.rs`.

use std::io::Write;

use super::{Render, RenderError};
use crate::decide::Diff;
use crate::view::diff;

/// `diff --format table`.
pub struct DiffTable;

impl Render<Diff> for DiffTable {
    fn render(&self, d: &Diff, out: &mut dyn Write) -> Result<(), RenderError> {
        super::sections::write_table(&diff::title(d), &diff::sections(d), out)
    }
}

/// `diff --format markdown`.
pub struct DiffMarkdown;

impl Render<Diff> for DiffMarkdown {
    fn render(&self, d: &Diff, out: &mut dyn Write) -> Result<(), RenderError> {
        super::sections::write_markdown(
            &diff::title(d),
            &diff::sections(d),
            super::sections::MarkdownShape {
                level: 2,
                gap_before_notes: false,
            },
            out,
        )
    }
}
