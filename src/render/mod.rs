//! Output formats. Each format is one file implementing [`Render`] for the document it
//! writes (a [`Report`], a [`PlanReport`], a [`CheckReport`]); [`renderer`],
//! [`plan_renderer`] and [`check_renderer`] pick one from the library's own format types,
//! each carrying only the options its format has. Renderers know nothing of the command
//! line: the binary maps its arguments to these types.

mod benefits;
pub mod calm;
mod check;
mod compare;
mod csv;
mod diff;
pub mod dot;
mod explain;
pub mod explorer;
pub mod graph_store;
pub mod graphml;
mod graphviz_run;
mod html;
mod impact;
mod json;
mod markdown;
pub mod mermaid;
mod plan;
mod sections;
mod sensitivity;
mod table;

use std::io::{self, Write};

pub use crate::decide::{CheckReport, Limit, Offender, Verdict};
pub use json::REPORT_COMPACT_SCHEMA;
pub use json::{BENEFITS_SCHEMA, COMPACT_TOP, PLAN_SCHEMA, REPORT_SCHEMA};
pub use json::{COMPARE_SCHEMA, DIFF_SCHEMA, EXPLAIN_SCHEMA, IMPACT_SCHEMA, SENSITIVITY_SCHEMA};

use crate::view::{
    BenefitsReview, CompareReport, ExplainReport, PlanReport, Report, Review, SensitivityReport,
    View,
};

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
    /// A diagram's focus selects nothing to draw.
    #[error("{0}")]
    EmptyFocus(String),
    /// The output would be too large for the format to show.
    #[error("{0}")]
    TooLarge(String),
}

/// One output format of documents of type `D`.
pub trait Render<D: ?Sized> {
    /// Writes `document` to `out`.
    fn render(&self, document: &D, out: &mut dyn Write) -> Result<(), RenderError>;

    /// Writes `document` to `out`, adding to `notes` what the user should hear about it
    /// (an external tool's warnings, a hint that the output is too large to read); the
    /// caller decides where notes go. Most formats have none.
    fn render_noting(
        &self,
        document: &D,
        out: &mut dyn Write,
        notes: &mut Vec<String>,
    ) -> Result<(), RenderError> {
        let _ = notes;
        self.render(document, out)
    }

    /// True when rendering can fail only because writing failed (or before it writes
    /// anything, as DOT source with nothing to draw): such a format may go straight to
    /// standard output instead of being held whole in memory first (a 95 MB report at E2),
    /// since there is no half-rendered document to hold back.
    fn streams(&self) -> bool {
        false
    }
}

/// A renderer of reports, whatever their lifetime.
pub type ReportRenderer = Box<dyn for<'a> Render<Report<'a>>>;

/// A renderer of plans, whatever their lifetime.
pub type PlanRenderer = Box<dyn for<'a> Render<PlanReport<'a>>>;

/// Which table `Format::Csv` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvTable {
    /// The ranked fixes.
    Fixes,
    /// The gaps.
    Gaps,
    /// Per-workflow measures.
    Workflows,
    /// Per-system measures and audit flags.
    Systems,
    /// Per-unit measures.
    Units,
}

/// How a diagram is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagramKind {
    /// Graphviz DOT source.
    Dot,
    /// SVG, drawn by Graphviz `dot`.
    Svg,
    /// PNG, drawn by Graphviz `dot`.
    Png,
    /// A Mermaid flowchart.
    Mermaid,
}

/// A format of the report (a [`Report`]) with its own options. `top` is how many fixes to
/// list (`None`: the format's default). The review document has its own formats,
/// [`ReviewFormat`].
#[derive(Clone, Debug, PartialEq)]
pub enum Format {
    /// The terminal report, in colour or not.
    Table {
        /// Whether ANSI colour may be used.
        colour: bool,
        /// Fixes listed (default 10).
        top: Option<usize>,
    },
    /// The `gapgraph.report/v1` JSON document.
    Json {
        /// Fixes listed (default all).
        top: Option<usize>,
    },
    /// `gapgraph.report-compact/v1`: the summary, the top fixes and gaps, the counts.
    CompactJson {
        /// Fixes and gaps listed.
        top: usize,
    },
    /// One table as CSV.
    Csv {
        /// Which table.
        table: CsvTable,
        /// Fixes listed in the fixes table (default all).
        top: Option<usize>,
    },
    /// The integration map.
    Diagram {
        /// Which part of the graph, and how many fixes to mark.
        view: View,
        /// Output form.
        kind: DiagramKind,
    },
}

/// The formats of the review document (a [`Review`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewFormat {
    /// CommonMark with GFM tables, the maps as Mermaid blocks.
    Markdown,
    /// One self-contained HTML page, the maps drawn by Graphviz.
    Html,
}

/// The renderer of review documents in `format`.
pub fn review_renderer(format: ReviewFormat) -> Box<dyn for<'a> Render<Review<'a>>> {
    match format {
        ReviewFormat::Markdown => Box::new(markdown::Markdown),
        ReviewFormat::Html => Box::new(html::Html),
    }
}

/// The renderer of `format`. Renderers write to any `Write`: a file, a buffer, a socket.
///
/// ```
/// let source = "
/// currency: USD
/// defaults: {hourly_cost: 50}
/// systems: {crm: {}, accounting: {}}
/// integrations:
///   - {from: accounting, to: crm, carries: [payment-status], mode: manual, minutes: 5}
/// workflows:
///   lead-to-cash:
///     runs: {count: 400, per: month}
///     handoffs: [{from: accounting, to: crm, data: payment-status}]
/// ";
/// use gapgraph::render::{renderer, Format, Render};
/// let loaded = gapgraph::load_str(source, "model.yaml").unwrap();
/// let analysis = gapgraph::analysis::analyze(&loaded.model, None);
/// let report = gapgraph::view::Report {
///     model: &loaded.model,
///     analysis: &analysis,
///     warnings: &loaded.warnings,
/// };
/// let mut json = Vec::new();
/// renderer(Format::Json { top: None }).render(&report, &mut json).unwrap();
/// let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
/// assert_eq!(value["schema"], "gapgraph.report/v1");
/// assert_eq!(value["summary"]["annual_hours"], 400.0);
/// ```
pub fn renderer(format: Format) -> ReportRenderer {
    match format {
        Format::Table { colour, top } => Box::new(table::Table { colour, top }),
        Format::Json { top } => Box::new(json::Json { top }),
        Format::CompactJson { top } => Box::new(json::CompactJson { top }),
        Format::Csv { table, top } => Box::new(csv::Csv { table, top }),
        Format::Diagram { view, kind } => match kind {
            DiagramKind::Dot => Box::new(dot::Graphviz::new(dot::GraphvizOutput::Source, view)),
            DiagramKind::Svg => Box::new(dot::Graphviz::new(dot::GraphvizOutput::Svg, view)),
            DiagramKind::Png => Box::new(dot::Graphviz::new(dot::GraphvizOutput::Png, view)),
            DiagramKind::Mermaid => Box::new(mermaid::Mermaid {
                view,
                frame: crate::view::scene::Frame::Alone,
            }),
        },
    }
}

/// Output formats of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanFormat {
    /// A terminal table.
    Table,
    /// The `gapgraph.plan/v1` JSON document.
    Json,
    /// A Markdown section.
    Markdown,
    /// One row per step, then the fixes left undone.
    Csv,
}

/// The renderer of a plan in `format`.
pub fn plan_renderer(format: PlanFormat) -> PlanRenderer {
    match format {
        PlanFormat::Table => Box::new(plan::PlanTable),
        PlanFormat::Json => Box::new(json::PlanJson),
        PlanFormat::Markdown => Box::new(plan::PlanMarkdown),
        PlanFormat::Csv => Box::new(plan::PlanCsv),
    }
}

/// Output formats of a benefits review (`gapgraph review PLAN MODEL`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BenefitsFormat {
    /// A terminal table.
    Table,
    /// The `gapgraph.benefits/v1` JSON document.
    Json,
    /// A Markdown document.
    Markdown,
    /// One HTML page.
    Html,
}

/// The renderer of a benefits review in `format`.
pub fn benefits_renderer(format: BenefitsFormat) -> Box<dyn for<'a> Render<BenefitsReview<'a>>> {
    match format {
        BenefitsFormat::Table => Box::new(benefits::BenefitsTable),
        BenefitsFormat::Json => Box::new(json::BenefitsJson),
        BenefitsFormat::Markdown => Box::new(benefits::BenefitsMarkdown),
        BenefitsFormat::Html => Box::new(html::BenefitsHtml),
    }
}

/// The formats of a comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareFormat {
    /// A terminal table.
    Table,
    /// The `gapgraph.compare/v1` JSON document.
    Json,
    /// Markdown for wikis and pull requests.
    Markdown,
    /// Spreadsheet rows.
    Csv,
}

/// The formats of a diff and of a sensitivity analysis (neither has CSV rows).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentFormat {
    /// A terminal table.
    Table,
    /// The document's JSON schema.
    Json,
    /// Markdown for wikis and pull requests.
    Markdown,
}

/// The formats of an explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExplainFormat {
    /// The arithmetic in words and numbers.
    Table,
    /// The `gapgraph.explain/v1` JSON document.
    Json,
}

/// The renderer of a comparison.
pub fn compare_renderer(format: CompareFormat) -> Box<dyn for<'a> Render<CompareReport<'a>>> {
    match format {
        CompareFormat::Table => Box::new(compare::CompareTable),
        CompareFormat::Json => Box::new(json::CompareJson),
        CompareFormat::Markdown => Box::new(compare::CompareMarkdown),
        CompareFormat::Csv => Box::new(compare::CompareCsv),
    }
}

/// The renderer of a diff.
pub fn diff_renderer(format: DocumentFormat) -> Box<dyn Render<crate::decide::Diff>> {
    match format {
        DocumentFormat::Table => Box::new(diff::DiffTable),
        DocumentFormat::Json => Box::new(json::DiffJson),
        DocumentFormat::Markdown => Box::new(diff::DiffMarkdown),
    }
}

/// Output formats of `impact`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImpactFormat {
    /// A terminal report.
    Table,
    /// The `gapgraph.impact/v1` JSON document.
    Json,
    /// A Markdown section.
    Markdown,
    /// One HTML page.
    Html,
}

/// The renderer of `impact` (one change, or every system's loss).
pub fn impact_renderer(
    format: ImpactFormat,
) -> Box<dyn for<'a> Render<crate::view::ImpactView<'a>>> {
    match format {
        ImpactFormat::Table => Box::new(impact::ImpactTable),
        ImpactFormat::Json => Box::new(json::ImpactJson),
        ImpactFormat::Markdown => Box::new(impact::ImpactMarkdown),
        ImpactFormat::Html => Box::new(html::ImpactHtml),
    }
}

/// The renderer of a sensitivity analysis.
pub fn sensitivity_renderer(
    format: DocumentFormat,
) -> Box<dyn for<'a> Render<SensitivityReport<'a>>> {
    match format {
        DocumentFormat::Table => Box::new(sensitivity::SensitivityTable),
        DocumentFormat::Json => Box::new(json::SensitivityJson),
        DocumentFormat::Markdown => Box::new(sensitivity::SensitivityMarkdown),
    }
}

/// The renderer of an explanation.
pub fn explain_renderer(format: ExplainFormat) -> Box<dyn for<'a> Render<ExplainReport<'a>>> {
    match format {
        ExplainFormat::Table => Box::new(explain::ExplainText),
        ExplainFormat::Json => Box::new(json::ExplainJson),
    }
}

/// The renderer of the explorer page, its maps laid out by `layout`.
pub fn explorer_renderer(layout: explorer::LayoutEngine) -> Box<dyn Render<crate::view::Explorer>> {
    Box::new(explorer::ExplorerHtml { layout })
}

/// The renderer of `check` verdicts (one line each).
pub fn check_renderer() -> Box<dyn Render<CheckReport>> {
    Box::new(check::CheckLines)
}
