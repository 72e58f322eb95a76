//! The view stage: everything a document shows, built before a format is chosen. A
//! command analyses, then builds the view of its document here (the report, the review
//! document with its roadmap, a diagram's scene, the unit overview's totals); `render`
//! only writes a finished view in one format. Text here is raw model text: each format
//! escapes it for its own syntax.

mod benefits;
mod decisions;
pub(crate) mod diff;
pub mod explorer;
mod impact;
pub(crate) mod index;
pub mod palette;
mod provenance;
pub mod review;
pub mod scene;
mod section;
pub mod units;
pub(crate) mod words;

use crate::analysis::{Analysis, Fix};
use crate::diagnostic::Diagnostic;
use crate::model::Model;

pub use benefits::BenefitsReview;
pub(crate) use decisions::{
    cells as plan_cells, owner_lines as plan_owner_lines, step_owners as plan_step_owners,
    undone_cells as plan_undone_cells,
};
pub use decisions::{CompareReport, ExplainReport, PlanReport, PlanTotals, SensitivityReport};
pub(crate) use decisions::{HEADER as PLAN_HEADER, UNDONE_HEADER as PLAN_UNDONE_HEADER};
pub use explorer::{Explorer, ExplorerOptions};
pub use impact::ImpactView;
pub use provenance::{date_of, document_date, DateError, Provenance, VERSION};
pub use review::{Document, Review, ReviewOptions};
pub use scene::{Level, View};
pub use section::Section;

/// What the report formats show: a model, its analysis and its load warnings.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    /// The validated model.
    pub model: &'a Model,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Load warnings.
    pub warnings: &'a [Diagnostic],
}

impl<'a> Report<'a> {
    /// The report of `analysis`, an analysis of `loaded`'s model.
    pub fn new(
        loaded: &'a crate::model::Loaded,
        analysis: &'a crate::analysis::Analysis,
    ) -> Report<'a> {
        Report {
            model: &loaded.model,
            analysis,
            warnings: &loaded.warnings,
        }
    }
}

impl Report<'_> {
    /// The best `top` fixes (`None`: all), best first.
    pub fn fixes(&self, top: Option<usize>) -> &[Fix] {
        let all = &self.analysis.fixes;
        match top {
            Some(n) => &all[..n.min(all.len())],
            None => all,
        }
    }

    /// Warnings as one line each (the JSON report keeps every one).
    pub fn warning_lines(&self) -> Vec<String> {
        self.warnings.iter().map(Diagnostic::summary).collect()
    }

    /// Warnings for a human reader: a kind with many warnings is one line with its count
    /// and the first few ids.
    pub fn readable_warning_lines(&self) -> Vec<String> {
        crate::warnings::report_lines(self.warnings)
    }

    /// The currency code.
    pub fn currency(&self) -> &str {
        &self.analysis.currency
    }
}
