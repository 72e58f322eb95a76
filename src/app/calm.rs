//! `export calm` and `import calm` (docs/calm.md).

use std::io::{Read, Write};
use std::path::PathBuf;

use super::{emit, fail, load_and_analyze, read_model, report::report, Failed, Outcome};
use gapgraph::render::calm::Calm;

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
    let (loaded, analysis) = load_and_analyze(&command.model, command.strategy, stdin, stderr)?;
    emit(
        &Calm,
        &report(&loaded, &analysis),
        command.output.as_deref(),
        stdout,
        stderr,
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
