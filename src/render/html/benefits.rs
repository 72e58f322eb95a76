//! The benefits review as one HTML page (`html/sections.rs`).

use std::io::Write;

use super::sections::sections_page;
use crate::render::{Render, RenderError};
use crate::view::BenefitsReview;

/// `review --format html`.
pub struct BenefitsHtml;

impl Render<BenefitsReview<'_>> for BenefitsHtml {
    fn render(&self, review: &BenefitsReview, out: &mut dyn Write) -> Result<(), RenderError> {
        out.write_all(sections_page(&review.title(), &review.sections()).as_bytes())?;
        Ok(())
    }
}
