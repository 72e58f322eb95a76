//! `impact --format html`: the impact's sections as one page, in the benefits review's
//! page shell (the review document's style, no script).

use std::io::Write;

use super::benefits::{sections_page, PageSection};
use crate::render::{Render, RenderError};
use crate::view::ImpactView;

/// `impact --format html`.
pub struct ImpactHtml;

impl Render<ImpactView<'_>> for ImpactHtml {
    fn render(&self, view: &ImpactView, out: &mut dyn Write) -> Result<(), RenderError> {
        let sections = view.sections();
        let none = vec!["none".to_string()];
        let parts: Vec<PageSection> = sections
            .iter()
            .map(|s| {
                let empty = (s.header.is_empty() || s.rows.is_empty()) && s.notes.is_empty();
                PageSection {
                    title: &s.title,
                    lines: if empty { &none } else { &[] },
                    header: if s.rows.is_empty() { &[] } else { &s.header },
                    numeric: &s.numeric,
                    rows: &s.rows,
                    after: &s.notes,
                }
            })
            .collect();
        out.write_all(sections_page(&view.title(), &parts).as_bytes())?;
        Ok(())
    }
}
