//! Commands that bring models in from other tools and take them out: `import archimate`,
//! `import sheets`, `init`, `export sheets`, `export graphml`, `schema`, and text the command
//! line makes itself (completions, the man page).

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::output::write_pieces;
use super::{
    emit, fail, load_and_analyze, load_and_select, read_model, terminal_lines, write_out, Failed,
    Outcome,
};
use gapgraph::import::{self, ArchimateOptions, Imported, STARTER_MODEL};
use gapgraph::render::graphml::Graphml;
use gapgraph::sheets::{self, SheetSet};
use gapgraph::view::Report;

/// `import archimate`: an ArchiMate exchange file as a model.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportArchimate {
    /// The exchange file, or `-` for standard input.
    pub file: String,
    /// The language of names (`None`: the file's first).
    pub lang: Option<String>,
    /// Write the model here (atomically; JSON when it ends with `.json`) instead of standard
    /// output.
    pub output: Option<PathBuf>,
}

/// `import sheets` (alias `import csv`): inventory spreadsheets as a model.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImportSheets {
    /// The systems sheet (needed unless `dir` is given).
    pub systems: Option<PathBuf>,
    /// The integrations sheet (needed unless `dir` is given).
    pub integrations: Option<PathBuf>,
    /// A folder `export sheets` wrote: every sheet in it is read.
    pub dir: Option<PathBuf>,
    /// A columns file: which headers hold which fields, what values mean.
    pub columns: Option<PathBuf>,
    /// A shipped columns file by name (`leanix`, `servicenow`).
    pub preset: Option<String>,
    /// The mode of an interface whose row gives none; `None`: such rows are an error.
    pub assume_mode: Option<sheets::AssumeMode>,
    /// The workflows sheet (one row per handoff).
    pub workflows: Option<PathBuf>,
    /// The units sheet.
    pub units: Option<PathBuf>,
    /// Write the model here (atomically; JSON when it ends with `.json`) instead of standard
    /// output.
    pub output: Option<PathBuf>,
}

/// `init`: the starter model.
#[derive(Clone, Debug, PartialEq)]
pub struct Init {
    /// Where to write it (`-`: standard output).
    pub output: PathBuf,
    /// Overwrite an existing file.
    pub force: bool,
}

/// `init` writes here unless told otherwise.
pub const INIT_DEFAULT_FILE: &str = "gapgraph.yaml";

/// `export sheets`: a model as the sheets `import sheets` reads.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportSheets {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The folder to write the CSV files into (created when missing).
    pub dir: PathBuf,
}

/// `export graphml`: the graph, with gap handoffs as edges of their own.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportGraphml {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy in force (for each gap's strategic value).
    pub strategy: Option<String>,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// `schema`: the JSON Schema of the model file.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

/// Finished text to write, made by the caller (shell completions, the man page).
#[derive(Clone, Debug, PartialEq)]
pub struct Emit {
    /// The bytes.
    pub text: Vec<u8>,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

fn wants_json(output: Option<&Path>) -> bool {
    output
        .and_then(Path::extension)
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Writes an imported model and its summary (to stderr, after the model is safely written).
pub(super) fn write_imported(
    imported: &Imported,
    output: Option<&Path>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let outcome = write_out(imported.text.as_bytes(), output, stdout, stderr)?;
    let _ = write!(stderr, "{}", terminal_lines(&imported.summary.to_string()));
    if let Some(path) = output {
        let _ = writeln!(
            stderr,
            "wrote {}; check it with `gapgraph validate {}`",
            terminal_lines(&path.display().to_string()),
            terminal_lines(&path.display().to_string())
        );
    }
    Ok(outcome)
}

pub(super) fn import_archimate(
    command: ImportArchimate,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let xml = read_model(&command.file, stdin, stderr)?;
    let options = ArchimateOptions {
        lang: command.lang,
        json: wants_json(command.output.as_deref()),
    };
    let imported = import::archimate(&xml, &options).map_err(|e| {
        let at = if command.file == "-" {
            "<stdin>"
        } else {
            &command.file
        };
        fail(stderr, format!("cannot import {at}: {e}"))
    })?;
    write_imported(&imported, command.output.as_deref(), stdout, stderr)
}

pub(super) fn import_sheets(
    command: ImportSheets,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let map = column_map(&command).map_err(|e| {
        for line in &e[..e.len() - 1] {
            let _ = writeln!(stderr, "error: {}", terminal_lines(line));
        }
        fail(stderr, terminal_lines(&e[e.len() - 1]))
    })?;
    // Every file is read before any is judged, so all problems are reported at once.
    let (set, mut problems) = read_sheets(&command);
    let imported = match set {
        Some(mut set) if problems.is_empty() => {
            if let Some(map) = &map {
                apply_map(map, &mut set, &mut problems);
            }
            let options = sheets::ImportOptions {
                json: wants_json(command.output.as_deref()),
                assume_mode: command.assume_mode,
            };
            if problems.is_empty() {
                sheets::import(&set, &options)
                    .map_err(|more| problems.extend(more))
                    .ok()
            } else {
                None
            }
        }
        _ => None,
    };
    let Some(imported) = imported else {
        for problem in &problems {
            let _ = writeln!(stderr, "error: {}", terminal_lines(&problem.to_string()));
        }
        let n = problems.len();
        return Err(fail(
            stderr,
            format!(
                "nothing written: {n} problem{} in the sheets",
                if n == 1 { "" } else { "s" }
            ),
        ));
    };
    write_imported(&imported, command.output.as_deref(), stdout, stderr)
}

/// The columns file or preset, read; every problem as a line, the last one a summary.
fn column_map(command: &ImportSheets) -> Result<Option<sheets::ColumnMap>, Vec<String>> {
    if let Some(name) = &command.preset {
        return sheets::ColumnMap::preset(name)
            .map(Some)
            .map_err(|e| vec![e]);
    }
    let Some(path) = &command.columns else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    let bytes = gapgraph::input::read_file(path, 1 << 20).map_err(|e| {
        vec![match e {
            gapgraph::input::ReadError::Io(e) => format!("cannot read `{shown}`: {e}"),
            gapgraph::input::ReadError::TooLarge(_) => {
                format!("`{shown}` is larger than 1 MiB; a columns file is small")
            }
        }]
    })?;
    let text =
        String::from_utf8(bytes).map_err(|_| vec![format!("`{shown}` is not UTF-8 text")])?;
    sheets::ColumnMap::parse(&text, &shown)
        .map(Some)
        .map_err(|mut e| {
            let n = e.len();
            e.push(format!(
                "nothing written: {n} problem{} in the columns file",
                if n == 1 { "" } else { "s" }
            ));
            e
        })
}

/// Every sheet the command names, or the folder's; with the problems met.
fn read_sheets(command: &ImportSheets) -> (Option<SheetSet>, Vec<sheets::SheetProblem>) {
    if let Some(dir) = &command.dir {
        return match sheets::read_dir(dir) {
            Ok(set) => (Some(set), Vec::new()),
            Err(problems) => (None, problems),
        };
    }
    let mut problems = Vec::new();
    let mut read = |path: Option<&Path>, role: &str| match path.map(|p| sheets::read_sheet(p, role))
    {
        Some(Ok(sheet)) => Some(sheet),
        Some(Err(problem)) => {
            problems.push(problem);
            None
        }
        None => None,
    };
    let systems = read(command.systems.as_deref(), "systems");
    let integrations = read(command.integrations.as_deref(), "integrations");
    let workflows = read(command.workflows.as_deref(), "workflows");
    let units = read(command.units.as_deref(), "units");
    let set = match (systems, integrations) {
        (Some(systems), Some(integrations)) => Some(SheetSet {
            systems,
            integrations,
            workflows,
            units,
            ..SheetSet::default()
        }),
        _ => None,
    };
    (set, problems)
}

/// Applies a columns file or preset to every sheet it can map.
fn apply_map(
    map: &sheets::ColumnMap,
    set: &mut SheetSet,
    problems: &mut Vec<sheets::SheetProblem>,
) {
    map.apply("systems", &mut set.systems, problems);
    map.apply("integrations", &mut set.integrations, problems);
    for (role, sheet) in [
        ("workflows", &mut set.workflows),
        ("units", &mut set.units),
        ("fixes", &mut set.fixes),
    ] {
        if let Some(sheet) = sheet {
            map.apply(role, sheet, problems);
        }
    }
}

pub(super) fn init(
    command: Init,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    if command.output.as_os_str() == "-" {
        return write_out(STARTER_MODEL.as_bytes(), None, stdout, stderr);
    }
    let path = command.output.as_path();
    let shown = terminal_lines(&path.display().to_string());
    if !command.force && fs::symlink_metadata(path).is_ok() {
        return Err(fail(
            stderr,
            format!(
                "`{shown}` already exists; use --force to overwrite it, or -o to write elsewhere"
            ),
        ));
    }
    let outcome = write_out(STARTER_MODEL.as_bytes(), Some(path), stdout, stderr)?;
    let _ = writeln!(
        stderr,
        "wrote {shown}: a starter model with an automated, a manual and a missing handoff\nnext: gapgraph analyze {shown}"
    );
    Ok(outcome)
}

pub(super) fn export_sheets(
    command: ExportSheets,
    stdin: &mut dyn Read,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let (loaded, _) = load_and_select(
        &command.model,
        &gapgraph::select::Names::default(),
        stdin,
        stderr,
    )?;
    let exported = sheets::export(&loaded.model).map_err(|e| fail(stderr, e))?;
    let dir = &command.dir;
    fs::create_dir_all(dir).map_err(|e| {
        fail(
            stderr,
            format!(
                "cannot create `{}`: {e}",
                terminal_lines(&dir.display().to_string())
            ),
        )
    })?;
    for file in &exported.files {
        let path = dir.join(file.name);
        // The same writer as `-o`: a link is followed, a FIFO written in place.
        write_pieces(&path, &mut std::iter::once(file.bytes.as_slice()))
            .map_err(|e| fail(stderr, e))?;
        let _ = writeln!(
            stderr,
            "wrote {} ({} row{})",
            terminal_lines(&path.display().to_string()),
            file.rows,
            if file.rows == 1 { "" } else { "s" }
        );
    }
    Ok(Outcome::Done)
}

pub(super) fn export_graphml(
    command: ExportGraphml,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    export_report(
        &Graphml,
        &command.model,
        command.strategy,
        command.output.as_deref(),
        (stdin, stdout, stderr),
    )
}

/// Loads and analyses `model`, then writes the report through `format`: the exports that
/// are one more way of writing the report (GraphML, CALM).
pub(super) fn export_report(
    format: &dyn for<'a> gapgraph::render::Render<gapgraph::view::Report<'a>>,
    model: &str,
    strategy: Option<String>,
    output: Option<&std::path::Path>,
    (stdin, stdout, stderr): (&mut dyn Read, &mut dyn Write, &mut dyn Write),
) -> Result<Outcome, Failed> {
    let (loaded, analysis) = load_and_analyze(model, strategy, stdin, stderr)?;
    emit(
        format,
        &Report::new(&loaded, &analysis),
        output,
        stdout,
        stderr,
    )
}

pub(super) fn schema(
    command: Schema,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let text = gapgraph::json_schema::json_schema_text();
    write_out(text.as_bytes(), command.output.as_deref(), stdout, stderr)
}
