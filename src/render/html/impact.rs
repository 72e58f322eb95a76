//! `impact --format html`: the impact's sections as one page (`html/sections.rs`).

use std::io::Write;

use super::sections::sections_page;
use crate::render::{Render, RenderError};
use crate::view::ImpactView;

/// `impact --format html`.
pub struct ImpactHtml;

impl Render<ImpactView<'_>> for ImpactHtml {
    fn render(&self, view: &ImpactView, out: &mut dyn Write) -> Result<(), RenderError> {
        out.write_all(sections_page(&view.title(), &view.sections()).as_bytes())?;
        Ok(())
    }
}
