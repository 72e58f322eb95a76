//! The benefits review (`gapgraph review PLAN MODEL`) as a terminal table and Markdown; its
//! HTML is in `html/benefits.rs`, its JSON (`gapgraph.benefits/v1`) in `json/benefits.rs`.
//! Every human format writes the view's sections in order, as `diff` and `impact` do.

use std::io::Write;

use super::sections::{write_markdown, write_table, MarkdownShape};
use super::{Render, RenderError};
use crate::view::BenefitsReview;

/// `review --format table`.
pub struct BenefitsTable;

impl Render<BenefitsReview<'_>> for BenefitsTable {
    fn render(&self, review: &BenefitsReview, out: &mut dyn Write) -> Result<(), RenderError> {
        write_table(&review.title(), &review.sections(), out)
    }
}

/// `review --format markdown`: a document of its own, so its title is a level-1 heading.
pub struct BenefitsMarkdown;

impl Render<BenefitsReview<'_>> for BenefitsMarkdown {
    fn render(&self, review: &BenefitsReview, out: &mut dyn Write) -> Result<(), RenderError> {
        let shape = MarkdownShape {
            level: 1,
            gap_before_notes: true,
        };
        write_markdown(&review.title(), &review.sections(), shape, out)
    }
}
