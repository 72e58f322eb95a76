//! The files each command reads and writes, declared once, so that no command can write
//! over what it reads (docs/robustness.md, "No output over an input").

use std::path::{Path, PathBuf};

use super::output::{check_not_input, OutputError};
use super::{is_stdout, Command};

impl Command {
    /// The files the command reads (standard input, `-`, left out). Every command
    /// declares them here, with no catch-all arm, so a new command cannot forget: `run`
    /// refuses any output that is one of them before anything is read or written.
    fn inputs(&self) -> Vec<PathBuf> {
        let files: Vec<&str> = match self {
            Command::Analyze(c) => vec![&c.model],
            Command::Diagram(c) => vec![&c.model],
            Command::Validate(c) => vec![&c.model],
            Command::Plan(c) => vec![&c.model],
            Command::Check(c) => vec![&c.model],
            Command::Compare(c) => vec![&c.model],
            Command::Diff(c) => vec![&c.old, &c.new],
            Command::Explain(c) => vec![&c.model],
            Command::Explore(c) => vec![&c.model],
            Command::Impact(c) => vec![&c.model],
            Command::Review(c) => vec![&c.plan, &c.model],
            Command::Sensitivity(c) => vec![&c.model],
            Command::ImportArchimate(c) => vec![&c.file],
            Command::ExportSheets(c) => vec![&c.model],
            Command::ExportGraphml(c) => vec![&c.model],
            Command::ExportCalm(c) => vec![&c.model],
            Command::ImportCalm(c) => vec![&c.file],
            Command::ExportGraph(c) => vec![&c.model],
            Command::ImportSheets(c) => {
                let mut paths: Vec<&Path> = Vec::new();
                paths.extend(c.systems.as_deref());
                paths.extend(c.integrations.as_deref());
                paths.extend(c.workflows.as_deref());
                paths.extend(c.units.as_deref());
                paths.extend(c.columns.as_deref());
                let mut paths: Vec<PathBuf> = paths.into_iter().map(Path::to_path_buf).collect();
                if let Some(dir) = &c.dir {
                    paths.extend(
                        gapgraph::sheets::EXPORT_FILE_NAMES
                            .iter()
                            .map(|name| dir.join(name)),
                    );
                }
                return paths;
            }
            Command::Discover(c) => {
                let mut paths = vec![c.log.as_path(), Path::new(c.mapping.as_str())];
                paths.extend(c.merge.as_deref().map(Path::new));
                return paths
                    .into_iter()
                    .filter(|p| *p != Path::new("-"))
                    .map(Path::to_path_buf)
                    .collect();
            }
            Command::Init(_) | Command::Schema(_) | Command::Emit(_) => vec![],
        };
        files
            .into_iter()
            .filter(|f| *f != "-")
            .map(PathBuf::from)
            .collect()
    }

    /// The files the command writes (standard output, `-`, left out): `-o`, `init`'s
    /// file and every file `export sheets` may write into its folder.
    fn outputs(&self) -> Vec<PathBuf> {
        let output = match self {
            Command::Analyze(c) => c.output.clone(),
            Command::Diagram(c) => c.output.clone(),
            Command::Plan(c) => c.output.clone(),
            Command::Compare(c) => c.output.clone(),
            Command::Diff(c) => c.output.clone(),
            Command::Explain(c) => c.output.clone(),
            Command::Explore(c) => c.output.clone(),
            Command::Impact(c) => c.output.clone(),
            Command::Review(c) => c.output.clone(),
            Command::Sensitivity(c) => c.output.clone(),
            Command::ImportArchimate(c) => c.output.clone(),
            Command::ImportSheets(c) => c.output.clone(),
            Command::ExportGraphml(c) => c.output.clone(),
            Command::ExportCalm(c) => c.output.clone(),
            Command::ImportCalm(c) => c.output.clone(),
            Command::Schema(c) => c.output.clone(),
            Command::Emit(c) => c.output.clone(),
            Command::Init(c) => Some(c.output.clone()),
            Command::ExportSheets(c) => {
                return gapgraph::sheets::EXPORT_FILE_NAMES
                    .iter()
                    .map(|name| c.dir.join(name))
                    .collect()
            }
            Command::ExportGraph(c) => {
                return gapgraph::render::graph_store::NEO4J_FILES
                    .iter()
                    .map(|name| c.dir.join(name))
                    .collect()
            }
            Command::Discover(c) => {
                return [c.output.clone(), c.model_out.clone()]
                    .into_iter()
                    .flatten()
                    .filter(|path| !is_stdout(Some(path)))
                    .collect()
            }
            Command::Validate(_) | Command::Check(_) => None,
        };
        output
            .filter(|path| !is_stdout(Some(path)))
            .into_iter()
            .collect()
    }

    /// Refuses an output that is one of the inputs (the same file by any name, link or
    /// hard link): writing it would destroy what the command reads.
    pub(super) fn check_outputs(&self) -> Result<(), OutputError> {
        let owned = self.inputs();
        let inputs: Vec<&Path> = owned.iter().map(PathBuf::as_path).collect();
        self.outputs()
            .iter()
            .try_for_each(|output| check_not_input(&inputs, output))
    }
}
