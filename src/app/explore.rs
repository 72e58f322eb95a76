//! `explore` (and `analyze --format html --interactive`): the explorer page. Every
//! strategy is analysed and planned at every budget of the slider's ladder before the
//! page is written, so the browser only looks figures up.

use std::io::{Read, Write};
use std::path::PathBuf;

use gapgraph::decide;
use gapgraph::render::{self, explorer::LayoutEngine};
use gapgraph::select::Names;
use gapgraph::view::{Explorer, ExplorerOptions};

use super::{emit, open, origin, Failed, Outcome};
use gapgraph::open::Opened;

/// `explore`.
#[derive(Clone, Debug, PartialEq)]
pub struct Explore {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The strategy shown first (`None`: the model's default).
    pub strategy: Option<String>,
    /// Units to focus the page on (empty: the whole estate).
    pub units: Vec<String>,
    /// Who lays out the maps.
    pub layout: LayoutEngine,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

pub(super) fn explore(
    command: Explore,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let names = Names {
        strategy: command.strategy,
        units: command.units,
        ..Names::default()
    };
    let Opened {
        loaded,
        source,
        selection,
    } = open(&command.model, &names, stdin, stderr)?;
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let precomputed = decide::precompute(&loaded.model, threads);
    let options = ExplorerOptions {
        strategy: selection.strategy,
        file: origin(&command.model).to_string(),
        units: selection.units,
    };
    let page = Explorer::new(&loaded.model, source.as_bytes(), &precomputed, &options);
    emit(
        render::explorer_renderer(command.layout).as_ref(),
        &page,
        command.output.as_deref(),
        stdout,
        stderr,
    )
}
