//! Command-line definitions (clap derive); `convert.rs` translates them into the library's
//! own command and format types. Only the binary knows this module.

mod convert;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use gapgraph::app;

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
    /// One fix's arithmetic, handoff by handoff, and why it ranks where it does.
    Explain(ExplainArgs),
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

/// `gapgraph import ...`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// An ArchiMate Model Exchange File (OEF 2.1, 3.0, 3.1) as a model.
    Archimate(ImportArchimateArgs),
    /// Inventory spreadsheets (CSV, XLSX, XLS, ODS) as a model; `import csv` is the same.
    #[command(alias = "csv")]
    Sheets(ImportSheetsArgs),
}

/// `gapgraph import archimate`.
#[derive(Debug, clap::Args)]
pub struct ImportArchimateArgs {
    /// The exchange file (.xml), or `-` for standard input.
    pub file: String,
    /// The language of names (e.g. `nl`, `fr`); default the file's first.
    #[arg(long, value_name = "L")]
    pub lang: Option<String>,
    /// Write the model to MODEL (atomically; JSON when it ends with .json) instead of standard output.
    #[arg(long, short = 'o', value_name = "MODEL")]
    pub output: Option<PathBuf>,
}

/// `gapgraph import sheets`.
#[derive(Debug, clap::Args)]
pub struct ImportSheetsArgs {
    /// The systems sheet (id, name, kind, unit, owner, satisfaction, annual_cost).
    #[arg(long, value_name = "F", required_unless_present = "dir")]
    pub systems: Option<PathBuf>,
    /// The integrations sheet (id, from, to, carries, mode, minutes, fix_cost, via, name, note).
    #[arg(long, value_name = "F", required_unless_present = "dir")]
    pub integrations: Option<PathBuf>,
    /// The workflows sheet, one row per handoff (workflow, runs, per, step, from, to, data, ...).
    #[arg(long, value_name = "F")]
    pub workflows: Option<PathBuf>,
    /// The units sheet (id, name, owner, hourly_cost).
    #[arg(long, value_name = "F")]
    pub units: Option<PathBuf>,
    /// Read every sheet `export sheets --dir D` wrote (model, objectives, strategies, units,
    /// systems, integrations, workflows, fixes): the model comes back whole.
    #[arg(long, value_name = "D", conflicts_with_all = ["systems", "integrations", "workflows", "units"])]
    pub dir: Option<PathBuf>,
    /// A YAML file naming the header that holds each field and what values mean (docs/import-sheets.md).
    #[arg(long, value_name = "COLUMNS.yaml", conflicts_with = "preset")]
    pub columns: Option<PathBuf>,
    /// The columns of another tool's export, shipped: leanix, servicenow.
    #[arg(long, value_name = "NAME")]
    pub preset: Option<PresetArg>,
    /// The mode of an interface whose sheet gives none (marked `source: imported`); without it such rows are an error.
    #[arg(long, value_name = "MODE")]
    pub assume_mode: Option<AssumeModeArg>,
    /// Write the model to MODEL (atomically; JSON when it ends with .json) instead of standard output.
    #[arg(long, short = 'o', value_name = "MODEL")]
    pub output: Option<PathBuf>,
}

/// `import sheets --preset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PresetArg {
    /// LeanIX-style Application and Interface fact sheet exports.
    Leanix,
    /// ServiceNow-CMDB-style application CIs and CI relationships.
    Servicenow,
}

impl PresetArg {
    /// The preset's name in the library.
    pub fn as_str(self) -> &'static str {
        match self {
            PresetArg::Leanix => "leanix",
            PresetArg::Servicenow => "servicenow",
        }
    }
}

/// `import sheets --assume-mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AssumeModeArg {
    /// A person re-keys.
    Manual,
    /// The interface is automated.
    Automated,
}

/// `gapgraph init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write the starter model; `-` for standard output.
    #[arg(long, short = 'o', value_name = "FILE", default_value = app::INIT_DEFAULT_FILE)]
    pub output: PathBuf,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `gapgraph export ...`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// The model as the CSV sheets `import sheets` reads (units, systems, integrations, workflows).
    Sheets(ExportSheetsArgs),
    /// The graph as GraphML (yEd, Gephi, Cytoscape, Neo4j), gap handoffs as edges of their own.
    Graphml(ExportGraphmlArgs),
}

/// `gapgraph export sheets`.
#[derive(Debug, clap::Args)]
pub struct ExportSheetsArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The folder to write the CSV files into (created when missing).
    #[arg(long, value_name = "D")]
    pub dir: PathBuf,
}

/// `gapgraph export graphml`.
#[derive(Debug, clap::Args)]
pub struct ExportGraphmlArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The strategy in force (for the gaps' strategic value).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph discover`.
#[derive(Debug, clap::Args)]
pub struct DiscoverArgs {
    /// The event log: XES (.xes, .xes.gz) or CSV with a header.
    #[arg(required_unless_present = "pairs")]
    pub log: Option<PathBuf>,
    /// Instead of a log: the per-pair aggregate table of docs/discover-sql.md (CSV).
    #[arg(long, value_name = "PAIRS", conflicts_with = "log")]
    pub pairs: Option<PathBuf>,
    /// The mapping: systems to activity globs, system accounts, coverage, unit, data.
    #[arg(long = "map", value_name = "MAPPING")]
    pub mapping: String,
    /// The evidence report's format.
    #[arg(long, short = 'f', value_enum, default_value_t = DiscoverFormat::Table)]
    pub format: DiscoverFormat,
    /// Write to FILE (atomically): the model when FILE ends with .yaml or .yml (the report
    /// then goes to standard output), else the report.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also write the model to MODEL (JSON when it ends with .json).
    #[arg(long, value_name = "MODEL")]
    pub model_out: Option<PathBuf>,
    /// Write the measured minutes and runs into this YAML model instead of a new one (the
    /// result goes to -o/--model-out; everything else stays as written).
    #[arg(long, value_name = "MODEL")]
    pub merge: Option<String>,
    /// A pair is written `automated` when at least this share of it is done by a system account.
    #[arg(long, value_name = "R", default_value_t = 0.9, value_parser = share)]
    pub automated_share: f64,
    /// Share of the cases the discovered workflows cover (default: the mapping's, else 0.8).
    #[arg(long, value_name = "R", value_parser = share)]
    pub coverage: Option<f64>,
    /// CSV: the case id column.
    #[arg(long, value_name = "COLUMN", default_value = "case:concept:name")]
    pub case: String,
    /// CSV: the activity column.
    #[arg(long, value_name = "COLUMN", default_value = "concept:name")]
    pub activity: String,
    /// CSV: the timestamp column.
    #[arg(long, value_name = "COLUMN", default_value = "time:timestamp")]
    pub timestamp: String,
    /// CSV: the resource column (default `org:resource`, when present).
    #[arg(long, value_name = "COLUMN")]
    pub resource: Option<String>,
    /// CSV: the lifecycle column (default `lifecycle:transition`, when present).
    #[arg(long, value_name = "COLUMN")]
    pub lifecycle: Option<String>,
}

/// Formats of `discover`'s evidence report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiscoverFormat {
    /// A readable terminal table.
    Table,
    /// The `gapgraph.discover/v1` JSON document.
    Json,
    /// Markdown for a review.
    Markdown,
}

/// `gapgraph schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    /// With --format markdown or html: add a "Roadmap" section planned within this budget.
    #[arg(long, value_name = "N", value_parser = non_negative)]
    pub budget: Option<f64>,
    /// Order fixes by this key; ties fall back to the spec's ranking.
    #[arg(long, value_enum, default_value_t = RankBy::Priority)]
    pub rank_by: RankBy,
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

/// Output formats of `plan`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    /// A readable terminal table.
    Table,
    /// The `gapgraph.plan/v1` JSON document.
    Json,
    /// A Markdown section for wikis and pull requests.
    Markdown,
    /// Spreadsheet rows: the steps, then what is left undone.
    Csv,
}

/// Output formats of `compare`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// A readable terminal table.
    Table,
    /// The `gapgraph.compare/v1` JSON document.
    Json,
    /// Markdown for wikis and pull requests.
    Markdown,
    /// Spreadsheet rows.
    Csv,
}

/// Output formats of `diff` and `sensitivity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// A readable terminal table.
    Table,
    /// The JSON document (`gapgraph.diff/v1`, `gapgraph.sensitivity/v1`).
    Json,
    /// Markdown, ready to paste into a pull request.
    Markdown,
}

/// Output formats of `explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// The arithmetic in words and numbers.
    Table,
    /// The `gapgraph.explain/v1` JSON document.
    Json,
}

/// A fix's action, to pick one of two fixes that share an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FixAction {
    /// Make an existing integration automated.
    Automate,
    /// Build a catalogued fix.
    Catalog,
    /// Build a new integration.
    Connect,
}

/// `gapgraph compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The strategies to compare, in this order (default: all, in file order).
    #[arg(long, value_name = "A,B,...", value_delimiter = ',')]
    pub strategies: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = CompareFormat::Table)]
    pub format: CompareFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier model (baseline, last quarter).
    pub old: String,
    /// The later model (target, now).
    pub new: String,
    /// The strategy in force on both sides (default: each model's own).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = DocumentFormat::Table)]
    pub format: DocumentFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The fix id, as the report lists it.
    pub fix: String,
    /// Which action, when two fixes share the id.
    #[arg(long, value_enum)]
    pub action: Option<FixAction>,
    /// The strategy in force (default: the model's `strategy`, else its first).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ExplainFormat::Table)]
    pub format: ExplainFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph sensitivity`.
#[derive(Debug, clap::Args)]
pub struct SensitivityArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The strategy in force (default: the model's `strategy`, else its first).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Each estimate is multiplied by a factor in [1/(1+SPREAD), 1+SPREAD] (SPREAD at most 100).
    #[arg(long, value_name = "SPREAD", default_value_t = 0.3, value_parser = non_negative)]
    pub spread: f64,
    /// How many samples (1 to 100,000; samples × fixes at most 50 million). Default: 1,000,
    /// fewer on a model of more than 1,000 handoffs (at least 100; a note says so).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub samples: Option<u32>,
    /// Seed of the random generator (same seed, same output).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub seed: u64,
    /// Count membership of the top K.
    #[arg(long, value_name = "K", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub top: u32,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = DocumentFormat::Table)]
    pub format: DocumentFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph plan`.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// How much may be spent in all (in the model's currency).
    #[arg(long, value_name = "N", value_parser = non_negative)]
    pub budget: f64,
    /// The strategy in force (default: the model's `strategy`, else its first).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = PlanFormat::Table)]
    pub format: PlanFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
