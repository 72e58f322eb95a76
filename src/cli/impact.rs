//! The arguments of `gapgraph impact`.

use std::path::PathBuf;

use clap::ArgGroup;

use clap::ValueEnum;
use gapgraph::render;

use super::non_negative;

/// Output formats of `impact`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImpactFormat {
    /// A readable terminal report.
    Table,
    /// The `gapgraph.impact/v1` JSON document.
    Json,
    /// Markdown for wikis and pull requests.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

impl From<ImpactFormat> for render::ImpactFormat {
    fn from(f: ImpactFormat) -> Self {
        match f {
            ImpactFormat::Table => render::ImpactFormat::Table,
            ImpactFormat::Json => render::ImpactFormat::Json,
            ImpactFormat::Markdown => render::ImpactFormat::Markdown,
            ImpactFormat::Html => render::ImpactFormat::Html,
        }
    }
}

/// `gapgraph impact`.
#[derive(Debug, clap::Args)]
#[command(group(
    ArgGroup::new("change")
        .args(["remove_system", "remove_integration", "replace_system", "each_system"])
        .multiple(false)
))]
pub struct ImpactArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// Retire system X: its integrations are removed and the handoffs that name it are
    /// done by people (their own minutes, else the default missing minutes).
    #[arg(long, value_name = "X")]
    pub remove_system: Option<String>,
    /// Remove one integration, by id or as FROM->TO.
    #[arg(long, value_name = "I")]
    pub remove_integration: Option<String>,
    /// Replace system X by the one given with --with: its integrations, handoffs and
    /// catalogued fixes move to Y.
    #[arg(long, value_name = "X", requires = "with")]
    pub replace_system: Option<String>,
    /// The system that replaces --replace-system.
    #[arg(long, value_name = "Y", requires = "replace_system")]
    pub with: Option<String>,
    /// Rank every system by what losing it costs a year (a criticality list).
    #[arg(long, conflicts_with = "budget")]
    pub each_system: bool,
    /// Also the plan within this budget, before and after the change.
    #[arg(long, value_name = "N", value_parser = non_negative)]
    pub budget: Option<f64>,
    /// The strategy in force (default: the model's `strategy`, else its first).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ImpactFormat::Table)]
    pub format: ImpactFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
