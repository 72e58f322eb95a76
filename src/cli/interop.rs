//! The arguments of the commands that bring models in and take them out: `import`,
//! `init`, `export`, `discover`, `schema`, `completions`, `man`.

use std::path::PathBuf;

use crate::app;
use clap::{Subcommand, ValueEnum};

use super::share;

/// `gapgraph import ...`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// An ArchiMate Model Exchange File (OEF 2.1, 3.0, 3.1) as a model.
    Archimate(ImportArchimateArgs),
    /// Inventory spreadsheets (CSV, XLSX, XLS, ODS) as a model; `import csv` is the same.
    #[command(alias = "csv")]
    Sheets(ImportSheetsArgs),
    /// A FINOS CALM 1.2 architecture (JSON) as a model.
    Calm(super::calm::ImportCalmArgs),
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
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
    /// The model and its analysis as a FINOS CALM 1.2 architecture (JSON).
    Calm(super::calm::ExportCalmArgs),
    /// Node and relationship files for a graph store (Neo4j, Kuzu, Memgraph, DuckDB, GraphFrames).
    Graph(super::calm::ExportGraphArgs),
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
