//! `export calm` and `import calm` (docs/calm.md).

use std::io::{Read, Write};
use std::path::PathBuf;

use super::{fail, load_and_analyze, read_model, Failed, Outcome};
use gapgraph::render::calm::Calm;
use gapgraph::view::Report;

/// `export calm`: the model and its analysis as a CALM 1.2 architecture.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportCalm {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force for the analysis figures (`None`: the model's default).
    pub strategy: Option<String>,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// `import calm`: a CALM 1.2 architecture as a model.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportCalm {
    /// The CALM file (JSON), or `-` for standard input.
    pub file: String,
    /// Write the model here (atomically; JSON when it ends with `.json`) instead of
    /// standard output.
    pub output: Option<PathBuf>,
}

pub(super) fn export_calm(
    command: ExportCalm,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    super::interop::export_report(
        &Calm,
        &command.model,
        command.strategy,
        command.output.as_deref(),
        (stdin, stdout, stderr),
    )
}

pub(super) fn import_calm(
    command: ImportCalm,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let text = read_model(&command.file, stdin, stderr)?;
    let json = command
        .output
        .as_deref()
        .and_then(std::path::Path::extension)
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let imported = gapgraph::import::calm::calm(&text, json).map_err(|e| {
        let at = if command.file == "-" {
            "<stdin>"
        } else {
            &command.file
        };
        fail(stderr, format!("cannot import {at}: {e}"))
    })?;
    super::interop::write_imported(&imported, command.output.as_deref(), stdout, stderr)
}

/// The formats of `export graph`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GraphStoreFormat {
    /// Node and relationship CSV files with neo4j-admin import headers.
    Neo4jCsv,
}

/// `export graph`: node and relationship files for a graph store.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportGraph {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force (for the strategic values).
    pub strategy: Option<String>,
    /// The file format.
    pub format: GraphStoreFormat,
    /// The folder to write the files into (created when missing).
    pub dir: PathBuf,
}

pub(super) fn export_graph(
    command: ExportGraph,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let GraphStoreFormat::Neo4jCsv = command.format;
    let (loaded, analysis) = load_and_analyze(&command.model, command.strategy, stdin, stderr)?;
    let files = gapgraph::render::graph_store::neo4j_csv(&Report::new(&loaded, &analysis))
        .map_err(|e| fail(stderr, e))?;
    let dir = &command.dir;
    let shown = |p: &std::path::Path| super::terminal_lines(&p.display().to_string());
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(stderr, format!("cannot create `{}`: {e}", shown(dir))))?;
    for file in &files {
        let path = dir.join(file.name);
        // The same writer as `-o`: atomic, a link followed, a FIFO written in place.
        super::output::write_pieces(&path, &mut std::iter::once(file.bytes.as_slice()))
            .map_err(|e| fail(stderr, e))?;
        let _ = writeln!(stderr, "wrote {} ({} rows)", shown(&path), file.rows);
    }
    Ok(Outcome::Done)
}
