//! `gapgraph impact` as a terminal report and as Markdown; its JSON is in `json/impact.rs`.
//! Both write the sections the view builds.

use std::io::Write;

use super::{Render, RenderError};
use crate::view::ImpactView;

/// `impact --format table`.
pub struct ImpactTable;

impl Render<ImpactView<'_>> for ImpactTable {
    fn render(&self, view: &ImpactView, out: &mut dyn Write) -> Result<(), RenderError> {
        super::sections::write_table(&view.title(), &view.sections(), out)
    }
}

/// `impact --format markdown`.
pub struct ImpactMarkdown;

impl Render<ImpactView<'_>> for ImpactMarkdown {
    fn render(&self, view: &ImpactView, out: &mut dyn Write) -> Result<(), RenderError> {
        super::sections::write_markdown(
            &view.title(),
            &view.sections(),
            super::sections::MarkdownShape {
                level: 2,
                gap_before_notes: true,
            },
            out,
        )
    }
}
