//! `gapgraph impact`: load, resolve the change's ids, build the impact (or every system's
//! loss) in the library, render through the one output path.

use std::io::{Read, Write};
use std::path::PathBuf;

use super::{emit, fail, load_and_select, strategy_only, Failed, Outcome};
use gapgraph::analysis;
use gapgraph::decide;
use gapgraph::decide::{select_change, ChangeNames};
use gapgraph::render::{self, ImpactFormat};
use gapgraph::view::ImpactView;

/// `impact`.
#[derive(Clone, Debug, PartialEq)]
pub struct Impact {
    /// The model file, or `-` for standard input.
    pub model: String,
    /// The change, as named (`ChangeNames::None`: no change, an empty impact).
    pub change: ChangeNames,
    /// Rank every system by the cost of losing it instead.
    pub each_system: bool,
    /// The plan within this budget before and after.
    pub budget: Option<f64>,
    /// The strategy in force (`None`: the model's default).
    pub strategy: Option<String>,
    /// Output format.
    pub format: ImpactFormat,
    /// Write here (atomically) instead of standard output.
    pub output: Option<PathBuf>,
}

pub(super) fn impact(
    command: Impact,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Failed> {
    let names = strategy_only(command.strategy);
    let (loaded, selection) = load_and_select(&command.model, &names, stdin, stderr)?;
    let model = &loaded.model;
    let strategy = analysis::strategy_in_force(model, selection.strategy);
    let strategy_id = strategy.as_ref().map(|s| s.id.as_str());
    let renderer = render::impact_renderer(command.format);
    let output = command.output.as_deref();
    if command.each_system {
        let losses = decide::system_losses(model, selection.strategy);
        let view = ImpactView::EachSystem {
            model,
            losses: &losses,
            strategy: strategy_id,
        };
        return emit(renderer.as_ref(), &view, output, stdout, stderr);
    }
    let change = select_change(model, &command.change).map_err(|problems| {
        for problem in &problems {
            fail(stderr, problem.summary());
        }
        Failed
    })?;
    let impact = decide::impact(model, selection.strategy, change, command.budget);
    let view = ImpactView::Change {
        impact: &impact,
        strategy: strategy_id,
    };
    emit(renderer.as_ref(), &view, output, stdout, stderr)
}
