//! The commands the binary runs, described with the library's own option types (the
//! command line maps onto these; nothing here knows clap).

use std::path::PathBuf;

use gapgraph::analysis::RankBy;
use gapgraph::render::{DiagramKind, Format, Limit, PlanFormat, ReviewFormat};
use gapgraph::select::Names;
use gapgraph::view::Level;

use super::{
    Compare, Diff, Discover, Emit, Explain, ExportGraphml, ExportSheets, Impact, ImportArchimate,
    ImportSheets, Init, Review, Schema, Sensitivity,
};

/// A command to run.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// The gap report.
    Analyze(Analyze),
    /// The integration map.
    Diagram(Diagram),
    /// Load and check a model only.
    Validate(Validate),
    /// A budgeted roadmap.
    Plan(Plan),
    /// A gate for CI.
    Check(Check),
    /// The fix ranking under several strategies.
    Compare(Compare),
    /// What changed between two versions of a model.
    Diff(Diff),
    /// What one change breaks and costs.
    Impact(Impact),
    /// One fix's arithmetic.
    Explain(Explain),
    /// The interactive explorer page.
    Explore(super::Explore),
    /// A kept plan against the model now.
    Review(Review),
    /// How far the ranking holds when the estimates are uncertain.
    Sensitivity(Sensitivity),
    /// An ArchiMate exchange file as a model.
    ImportArchimate(ImportArchimate),
    /// Inventory spreadsheets as a model.
    ImportSheets(ImportSheets),
    /// A commented starter model.
    Init(Init),
    /// A model as inventory spreadsheets.
    ExportSheets(ExportSheets),
    /// The graph as GraphML.
    ExportGraphml(ExportGraphml),
    /// The JSON Schema of the model file.
    Schema(Schema),
    /// Text made by the command line itself (shell completions, the man page).
    Emit(Emit),
    /// Handoffs measured from an event log.
    Discover(Discover),
    /// The model and its analysis as a CALM architecture.
    ExportCalm(super::ExportCalm),
    /// A CALM architecture as a model.
    ImportCalm(super::ImportCalm),
    /// Node and relationship files for a graph store.
    ExportGraph(super::ExportGraph),
}

/// `analyze`: the gap report in one format.
#[derive(Clone, Debug, PartialEq)]
pub struct Analyze {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force (`None`: the model's default).
    pub strategy: Option<String>,
    /// The order of the fixes.
    pub rank_by: RankBy,
    /// The document and format, with their options.
    pub format: AnalyzeFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// What `analyze` writes: the report in one of its formats, or the review document.
#[derive(Clone, Debug, PartialEq)]
pub enum AnalyzeFormat {
    /// The report (table, JSON, CSV, a diagram).
    Report(Format),
    /// The review document (Markdown, HTML), with its provenance recorded.
    Review {
        /// Markdown or HTML.
        format: ReviewFormat,
        /// Fixes listed (default 20) and marked on the maps (default 5).
        top: Option<usize>,
        /// With a budget, a "Roadmap" section planned within it after the fixes.
        budget: Option<f64>,
    },
}

/// `diagram`: the integration map, focused.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagram {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force and the workflows and units in focus, as named.
    pub names: Names,
    /// Systems or units as nodes.
    pub level: Level,
    /// Only systems that touch a gap.
    pub gaps_only: bool,
    /// How many of the best fixes to mark.
    pub top: usize,
    /// Output form.
    pub kind: DiagramKind,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// `validate`.
#[derive(Clone, Debug, PartialEq)]
pub struct Validate {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// List every warning (`--warnings all`) instead of grouping the many of one kind.
    pub all_warnings: bool,
}

/// `plan`: the greedy roadmap within a budget.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force (`None`: the model's default).
    pub strategy: Option<String>,
    /// How much may be spent in all.
    pub budget: f64,
    /// Output format.
    pub format: PlanFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// `check`: limits on the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force (`None`: the model's default).
    pub strategy: Option<String>,
    /// The limits, in the order they are reported.
    pub limits: Vec<Limit>,
}
