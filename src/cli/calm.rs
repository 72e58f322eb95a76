//! The arguments of `export calm` and `import calm`.

use std::path::PathBuf;

use crate::app;

/// `gapgraph export calm`.
#[derive(Debug, clap::Args)]
pub struct ExportCalmArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The strategy in force (for the analysis figures in the metadata).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
    /// Write to FILE (atomically) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gapgraph import calm`.
#[derive(Debug, clap::Args)]
pub struct ImportCalmArgs {
    /// The CALM architecture (.json), or `-` for standard input.
    pub file: String,
    /// Write the model to MODEL (atomically; JSON when it ends with .json) instead of standard output.
    #[arg(long, short = 'o', value_name = "MODEL")]
    pub output: Option<PathBuf>,
}

impl From<ImportCalmArgs> for app::ImportCalm {
    fn from(a: ImportCalmArgs) -> Self {
        app::ImportCalm {
            file: a.file,
            output: a.output,
        }
    }
}

impl From<ExportCalmArgs> for app::ExportCalm {
    fn from(a: ExportCalmArgs) -> Self {
        app::ExportCalm {
            model: a.model,
            strategy: a.strategy,
            output: a.output,
        }
    }
}

/// The formats of `export graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphStoreFormatArg {
    /// Node and relationship CSV files with neo4j-admin import headers (also read by Kuzu,
    /// Memgraph, DuckDB and Spark).
    Neo4jCsv,
}

/// `gapgraph export graph`.
#[derive(Debug, clap::Args)]
pub struct ExportGraphArgs {
    /// The model file (YAML or JSON), or `-` for standard input.
    pub model: String,
    /// The file format.
    #[arg(long, short = 'f', value_enum, default_value_t = GraphStoreFormatArg::Neo4jCsv)]
    pub format: GraphStoreFormatArg,
    /// The folder to write the files into (created when missing).
    #[arg(long, value_name = "D")]
    pub dir: PathBuf,
    /// The strategy in force (for the strategic values).
    #[arg(long, short = 's')]
    pub strategy: Option<String>,
}

impl From<ExportGraphArgs> for app::ExportGraph {
    fn from(a: ExportGraphArgs) -> Self {
        app::ExportGraph {
            model: a.model,
            strategy: a.strategy,
            format: match a.format {
                GraphStoreFormatArg::Neo4jCsv => app::GraphStoreFormat::Neo4jCsv,
            },
            dir: a.dir,
        }
    }
}
