//! Command-line definitions (clap derive); `convert.rs` translates them into the library's
//! own command and format types. Only the binary knows this module.

mod benefits;
mod calm;
mod convert;
mod decision;
mod explore;
mod impact;
mod interop;

pub use benefits::*;
pub use decision::*;
pub use explore::*;
pub use impact::*;
pub use interop::*;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Find where workflows turn manual or break, price the gaps in staff hours, and rank the
/// integrations to build by how much they serve the strategy in force.
#[derive(Debug, Parser)]
#[command(name = "gapgraph", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The gap report: summary, ranked fixes, gaps, workflows, units, systems.
    Analyze(AnalyzeArgs),
    /// The integration graph with its gaps and top fixes drawn in.
    Diagram(DiagramArgs),
    /// Load and check a model only; warnings to stderr; exit 0 when valid.
    Validate(ValidateArgs),
    /// A budgeted roadmap: fixes picked greedily, each valued after the earlier picks.
    Plan(PlanArgs),
    /// A gate for CI: exit 1 and say which limit broke.
    Check(CheckArgs),
    /// The fix ranking under each strategy, side by side.
    Compare(CompareArgs),
    /// What changed between two versions of a model; exit 0 whatever changed.
    Diff(DiffArgs),
    /// What one change breaks and costs: retire or replace a system, remove an
    /// integration; or every system ranked by the cost of losing it.
    Impact(ImpactArgs),
    /// A kept plan against the model now: built, not built, forecast vs realised saving.
    Review(ReviewArgs),
    /// One fix's arithmetic, handoff by handoff, and why it ranks where it does.
    Explain(ExplainArgs),
    /// An interactive explorer as one offline HTML page: units, workflows, gaps and fixes,
    /// every strategy's ranking and plans precomputed.
    Explore(ExploreArgs),
    /// How far the ranking holds when every estimate is uncertain.
    Sensitivity(SensitivityArgs),
    /// Make a model from what you have: an ArchiMate exchange file, inventory spreadsheets.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write a commented starter model (default `gapgraph.yaml`).
    Init(InitArgs),
    /// Take a model to other tools: inventory spreadsheets, GraphML.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Measure handoffs, minutes and runs from an event log (XES, XES.gz, CSV) and a mapping.
    Discover(DiscoverArgs),
    /// The JSON Schema (draft 2020-12) of the model file, for editors.
    Schema(SchemaArgs),
    /// Shell completions: `gapgraph completions bash > ~/.local/share/bash-completion/completions/gapgraph`.
    Completions(CompletionsArgs),
    /// The man page, as roff: `gapgraph man > gapgraph.1`.
    #[command(hide = true)]
    Man(ManArgs),
}

/// Output formats of `analyze`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A readable terminal report.
    Table,
    /// The `gapgraph.report/v1` JSON document.
    Json,
    /// A review document for wikis and pull requests.
    Markdown,
    /// Spreadsheet rows (the fixes, or the table chosen with --csv-table).
    Csv,
    /// One self-contained HTML page.
    Html,
}

/// Which table `--format csv` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
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

/// Output formats of `diagram`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiagramFormat {
    /// Graphviz DOT source.
    Dot,
    /// SVG, drawn by Graphviz `dot`.
    Svg,
    /// PNG, drawn by Graphviz `dot`.
    Png,
    /// A Mermaid flowchart.
    Mermaid,
}

/// What the nodes of a diagram are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiagramLevel {
    /// Systems, grouped by business unit.
    System,
    /// Business units (systems without a unit as one "no unit" node), with the handoffs
    /// between two units summed: gap hours, cost a year, count by status.
    Unit,
}

/// How fixes are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RankBy {
    /// Strategic value per unit of cost (the spec's ranking).
    Priority,
    /// Strategic value, largest first.
    Value,
    /// Annual saving, largest first.
    Saving,
    /// Payback months, shortest first.
    Payback,
}

/// `gapgraph analyze`.
#[derive(Debug, clap::Args)]
pub struct AnalyzeArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The strategy in force (default: the model's `strategy`, else its first).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// List only the N best fixes (the table shows 10 unless told).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// With --format json: only the summary, the top fixes and gaps (10, or --top N) and
    /// the counts of every list (`gapgraph.report-compact/v1`).
    #[arg(long)]
    pub compact: bool,
    /// With --format markdown or html: add a "Roadmap" section planned within this budget.
    #[arg(long, value_name = "N", value_parser = non_negative)]
    pub budget: Option<f64>,
    /// Order fixes by this key; ties fall back to the spec's ranking.
    #[arg(long, value_enum, default_value_t = RankBy::Priority)]
    pub rank_by: RankBy,
    /// With --format html: the interactive explorer (as `gapgraph explore`) instead of the
    /// static review.
    #[arg(long)]
    pub interactive: bool,
    /// With --format csv: which table to write.
    #[arg(long, value_enum, default_value_t = CsvTable::Fixes)]
    pub csv_table: CsvTable,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph diagram`.
#[derive(Debug, clap::Args)]
pub struct DiagramArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = DiagramFormat::Dot)]
    pub format: DiagramFormat,
    /// Draw systems, or one node per business unit (an overview for large models).
    #[arg(long, value_enum, default_value_t = DiagramLevel::System)]
    pub level: DiagramLevel,
    /// Show only the systems and edges of this workflow (repeatable).
    #[arg(long, value_name = "W", conflicts_with = "level")]
    pub workflow: Vec<String>,
    /// Show U's systems and every integration and handoff with an end in U, whatever
    /// workflow it belongs to; the other ends are drawn as external nodes outside U's box
    /// (repeatable).
    #[arg(long, value_name = "U", conflicts_with = "level")]
    pub unit: Vec<String>,
    /// Show only systems that touch a gap, and the edges of the chosen paths.
    #[arg(long, conflicts_with = "level")]
    pub gaps_only: bool,
    /// Mark the N best fixes (default 5).
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub top: usize,
    /// The strategy in force for the fix ranking.
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// How warnings are written to standard error: `grouped` writes a kind with more than
    /// five as one line with its count and first ids; `all` lists each one.
    #[arg(long, value_enum, default_value_t = WarningsArg::Grouped, value_name = "HOW")]
    pub warnings: WarningsArg,
}

/// `--warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum WarningsArg {
    /// Many warnings of a kind as one line.
    Grouped,
    /// Every warning on its own.
    All,
}

/// `gapgraph check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The strategy in force (for --min-strategic-automation).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Least share of runs automated, 0 to 1 (summary `automation_rate`).
    #[arg(long, value_name = "R", value_parser = share)]
    pub min_automation: Option<f64>,
    /// Least share of runs automated weighted by alignment, 0 to 1.
    #[arg(long, value_name = "R", value_parser = share)]
    pub min_strategic_automation: Option<f64>,
    /// Most handoffs with no path at all.
    #[arg(long, value_name = "N")]
    pub max_missing: Option<usize>,
    /// Most staff hours a year lost to gaps.
    #[arg(long, value_name = "H", value_parser = non_negative)]
    pub max_annual_hours: Option<f64>,
    /// Largest share of gap hours resting on default minutes, 0 to 1 (measure or state
    /// the minutes before the numbers go to a board).
    #[arg(long, value_name = "R", value_parser = share)]
    pub max_default_share: Option<f64>,
}

impl Cli {
    /// Checks what clap cannot say in its declarations: `--interactive` goes with
    /// `--format html`.
    pub fn check(&self) -> Result<(), clap::Error> {
        use clap::CommandFactory;
        if let Command::Analyze(a) = &self.command {
            if a.interactive && a.format != ReportFormat::Html {
                return Err(Cli::command().error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "--interactive goes with --format html (the explorer page)",
                ));
            }
        }
        Ok(())
    }
}

fn share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=1.0).contains(&x) => Ok(x),
        _ => Err(format!(
            "expected a share from 0 to 1 (e.g. 0.8), found `{s}`"
        )),
    }
}

fn non_negative(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(format!("expected a number >= 0, found `{s}`")),
    }
}
