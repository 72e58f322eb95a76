//! `discover`: an event log and a mapping to an evidence report and, on request, a model
//! (docs/discover.md).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::{fail, read_model, terminal_lines, write_out, Failed, Outcome};
use gapgraph::discover::{self, Columns, Evidence, Mapping, ModelOptions};

/// The evidence report's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiscoverFormat {
    /// A terminal table.
    Table,
    /// `gapgraph.discover/v1`.
    Json,
    /// Markdown for a review.
    Markdown,
}

/// `discover`: measure handoffs from an event log.
#[derive(Clone, Debug, PartialEq)]
pub struct Discover {
    /// The log (XES, XES.gz or CSV), or the pairs table when `from_pairs`.
    pub log: PathBuf,
    /// `log` is the aggregate table of docs/discover-sql.md (`--pairs`).
    pub from_pairs: bool,
    /// The mapping file (YAML).
    pub mapping: String,
    /// The report's format.
    pub format: DiscoverFormat,
    /// `-o`: the model when it ends with `.yaml`/`.yml`, else the report.
    pub output: Option<PathBuf>,
    /// `--model-out`: the model (JSON when it ends with `.json`).
    pub model_out: Option<PathBuf>,
    /// `--merge`: a YAML model to write the measured figures into (written to the model
    /// output, never in place).
    pub merge: Option<String>,
    /// Pairs at least this share automated are written `automated`.
    pub automated_share: f64,
    /// The coverage of the workflows (`None`: the mapping's, else 0.8).
    pub coverage: Option<f64>,
    /// CSV column names.
    pub columns: Columns,
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn shown(path: &Path) -> String {
    terminal_lines(&path.display().to_string())
}

pub(super) fn discover(
    command: Discover,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let (model_path, report_path) = match &command.output {
        Some(o) if has_extension(o, &["yaml", "yml"]) => (Some(o.clone()), None),
        other => (command.model_out.clone(), other.clone()),
    };
    if command.model_out.is_some() && model_path != command.model_out {
        return Err(fail(
            stderr,
            "-o names a model (.yaml/.yml) and --model-out another: give one",
        ));
    }
    if command.merge.is_some() && model_path.is_none() {
        return Err(fail(stderr, "--merge writes the merged model to -o MODEL.yaml or --model-out MODEL.yaml (never over the model merged into)"));
    }
    // Outputs that are inputs were refused by `run` (Command::inputs / outputs).
    let log = command.log.display().to_string();
    let source = read_model(&command.mapping, stdin, stderr)?;
    let mapping = Mapping::parse(&source, &command.mapping).map_err(|problems| {
        let _ = write!(stderr, "{}", terminal_lines(&problems.to_string()));
        fail(
            stderr,
            format!(
                "{} is not a valid mapping ({} problem{})",
                command.mapping,
                problems.total,
                plural(problems.total)
            ),
        )
    })?;
    let options = discover::Options {
        columns: command.columns.clone(),
        coverage: command.coverage,
    };
    let measured = if command.from_pairs {
        discover::discover_pairs(&command.log, &log, &mapping, &options)
    } else {
        discover::discover(&command.log, &log, &mapping, &command.mapping, &options)
    };
    let evidence = measured.map_err(|failure| {
        let mut total = 0;
        for problems in &failure.0 {
            let _ = write!(stderr, "{}", terminal_lines(&problems.to_string()));
            total += problems.total;
        }
        fail(
            stderr,
            format!("nothing measured: {total} problem{}", plural(total)),
        )
    })?;
    for note in &evidence.notes {
        let _ = writeln!(stderr, "note: {}", terminal_lines(note));
    }
    match (&model_path, &command.merge) {
        (Some(path), Some(into)) => merge_model(&evidence, into, path, stdin, stdout, stderr)?,
        (Some(path), None) => write_model(
            &evidence,
            &mapping,
            path,
            command.automated_share,
            stdout,
            stderr,
        )?,
        _ => {}
    }
    let report = match command.format {
        DiscoverFormat::Table => discover::report_table(&evidence),
        DiscoverFormat::Json => discover::report_json(&evidence),
        DiscoverFormat::Markdown => discover::report_markdown(&evidence),
    };
    write_out(report.as_bytes(), report_path.as_deref(), stdout, stderr)
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn merge_model(
    evidence: &Evidence,
    into: &str,
    path: &Path,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failed> {
    let source = read_model(into, stdin, stderr)?;
    if gapgraph::Syntax::detect(into, &source) != gapgraph::Syntax::Yaml {
        return Err(fail(
            stderr,
            format!("--merge edits YAML models; {into} is JSON"),
        ));
    }
    if let Err(errors) = gapgraph::load_str(&source, into) {
        let _ = gapgraph::diagnostic::write_diagnostics(stderr, &errors, into, &source);
        return Err(fail(
            stderr,
            format!("{into} is not a valid model: nothing merged"),
        ));
    }
    let merged = discover::merge(&source, evidence).map_err(|e| fail(stderr, e))?;
    // The edits touch values only; a model they broke is never written.
    if gapgraph::load_str(&merged.text, into).is_err() {
        return Err(fail(
            stderr,
            format!("merging into {into} would break it: nothing written (please report this)"),
        ));
    }
    write_out(merged.text.as_bytes(), Some(path), stdout, stderr)?;
    let _ = writeln!(
        stderr,
        "wrote {}: {} into {} ({} value{} measured; the rest as written)",
        shown(path),
        evidence.log,
        terminal_lines(into),
        merged.changes.len(),
        if merged.changes.len() == 1 { "" } else { "s" }
    );
    for change in &merged.changes {
        let _ = writeln!(stderr, "  {}", terminal_lines(change));
    }
    Ok(())
}

fn write_model(
    evidence: &Evidence,
    mapping: &Mapping,
    path: &Path,
    automated_share: f64,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<(), Failed> {
    let options = ModelOptions { automated_share };
    let text = if has_extension(path, &["json"]) {
        discover::model_json(evidence, mapping, options)
    } else {
        discover::model_yaml(evidence, mapping, options)
    }
    .map_err(|e| fail(stderr, e))?;
    write_out(text.as_bytes(), Some(path), stdout, stderr)?;
    let _ = writeln!(
        stderr,
        "wrote {}: {} systems, {} integrations, {} workflows; check it with `gapgraph analyze {}`",
        shown(path),
        evidence.systems.len(),
        evidence.transitions.len(),
        evidence.workflows.len(),
        shown(path)
    );
    Ok(())
}
