//! The arguments of `explore`, the interactive explorer page.

use std::path::PathBuf;

use clap::ValueEnum;

/// Who lays out the explorer's maps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Graphviz `dot` when it is on PATH, else gapgraph's own layout.
    Auto,
    /// Graphviz `dot` (an error when it is missing).
    Graphviz,
    /// gapgraph's own layered layout, no external program.
    Builtin,
}

/// `gapgraph explore`.
#[derive(Debug, clap::Args)]
pub struct ExploreArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The strategy shown first (the page can switch to any other).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Focus the page on U's workflows and systems (repeatable); the headline stays the
    /// whole estate's.
    #[arg(long, value_name = "U")]
    pub unit: Vec<String>,
    /// Who lays out the maps.
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    pub layout: LayoutArg,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}
