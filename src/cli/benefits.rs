//! The arguments of `gapgraph review PLAN MODEL`, the benefits review, and their mapping
//! onto the command layer's `app::Review`.

use std::path::PathBuf;

use clap::ValueEnum;
use gapgraph::render;

use crate::app;

/// Output formats of `review`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BenefitsFormat {
    /// A readable terminal report.
    Table,
    /// The `gapgraph.benefits/v1` JSON document.
    Json,
    /// Markdown for wikis and pull requests.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// `gapgraph review`.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The kept plan: the JSON of `gapgraph plan --format json` (gapgraph.plan/v1), or `-`.
    pub plan: String,
    /// The model now (YAML or JSON), or `-` for standard input (when PLAN is not).
    pub model: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = BenefitsFormat::Table)]
    pub format: BenefitsFormat,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl From<ReviewArgs> for app::Review {
    fn from(r: ReviewArgs) -> Self {
        app::Review {
            plan: r.plan,
            model: r.model,
            format: match r.format {
                BenefitsFormat::Table => render::BenefitsFormat::Table,
                BenefitsFormat::Json => render::BenefitsFormat::Json,
                BenefitsFormat::Markdown => render::BenefitsFormat::Markdown,
                BenefitsFormat::Html => render::BenefitsFormat::Html,
            },
            output: r.output,
        }
    }
}
