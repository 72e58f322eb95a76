//! Output formats. Each format is one file implementing [`Render`]; [`report_renderer`] and
//! [`diagram_renderer`] pick one. Renderers know nothing of the command line.

mod csv;
pub mod dot;
pub mod escape;
mod html;
mod json;
mod markdown;
pub mod mermaid;
mod numbers;
pub mod plan;
mod review;
mod table;
pub mod view;

use std::io::{self, Write};

use crate::analysis::{Analysis, Fix};
use crate::cli::{CsvTable, DiagramFormat, ReportFormat};
use crate::diagnostic::Diagnostic;
use crate::model::Model;

pub use numbers::{hours, minutes, money, percent, ratio};
pub use view::View;

/// Everything a renderer may show.
pub struct Report<'a> {
    /// The validated model.
    pub model: &'a Model,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// Load warnings.
    pub warnings: &'a [Diagnostic],
    /// How many fixes to show (`None`: the format's default).
    pub top: Option<usize>,
    /// Whether ANSI colour may be used.
    pub color: bool,
    /// Which part of the graph a diagram shows.
    pub view: View,
    /// Which table `csv` writes.
    pub csv_table: CsvTable,
}

impl<'a> Report<'a> {
    /// The same report with another diagram focus (the review documents draw their own).
    pub fn with_view(&self, view: View) -> Report<'a> {
        Report {
            model: self.model,
            analysis: self.analysis,
            warnings: self.warnings,
            top: self.top,
            color: self.color,
            view,
            csv_table: self.csv_table,
        }
    }

    /// The fixes to show, best first.
    pub fn fixes(&self, default_top: Option<usize>) -> &[Fix] {
        let all = &self.analysis.fixes;
        match self.top.or(default_top) {
            Some(n) => &all[..n.min(all.len())],
            None => all,
        }
    }

    /// Warnings as one line each.
    pub fn warning_lines(&self) -> Vec<String> {
        self.warnings.iter().map(Diagnostic::summary).collect()
    }

    /// The currency code.
    pub fn currency(&self) -> &str {
        &self.analysis.currency
    }
}

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Writing failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// Graphviz `dot` is not on PATH.
    #[error("Graphviz `dot` not found; install graphviz or use --format dot")]
    GraphvizMissing,
    /// Graphviz `dot` failed.
    #[error("Graphviz `dot` failed: {0}")]
    Graphviz(String),
    /// The view names something the model does not have.
    #[error("{0}")]
    View(String),
}

/// One output format.
pub trait Render {
    /// Writes `report` to `out`.
    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError>;
}

/// The renderer of an `analyze` format.
pub fn report_renderer(format: ReportFormat) -> Box<dyn Render> {
    match format {
        ReportFormat::Table => Box::new(table::Table),
        ReportFormat::Json => Box::new(json::Json),
        ReportFormat::Markdown => Box::new(markdown::Markdown),
        ReportFormat::Csv => Box::new(csv::Csv),
        ReportFormat::Html => Box::new(html::Html),
    }
}

/// The renderer of a `diagram` format.
pub fn diagram_renderer(format: DiagramFormat) -> Box<dyn Render> {
    match format {
        DiagramFormat::Dot => Box::new(dot::Graphviz(dot::GraphvizOutput::Source)),
        DiagramFormat::Mermaid => Box::new(mermaid::Mermaid),
        DiagramFormat::Svg => Box::new(dot::Graphviz(dot::GraphvizOutput::Svg)),
        DiagramFormat::Png => Box::new(dot::Graphviz(dot::GraphvizOutput::Png)),
    }
}
