//! The arguments of the decision commands: `plan`, `compare`, `diff`, `explain`,
//! `sensitivity`.

use std::path::PathBuf;

use clap::ValueEnum;

use super::non_negative;

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
