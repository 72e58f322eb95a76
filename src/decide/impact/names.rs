//! The change `gapgraph impact` names (`--remove-system`, `--remove-integration`,
//! `--replace-system X --with Y`), resolved to model indexes with the validator's wording
//! and "did you mean".

use super::Change as ModelChange;
use crate::diagnostic::{did_you_mean, Code, Diagnostic};
use crate::model::{IntegrationIx, Model, SystemIx};
use crate::select::{resolve, unknown_reference_hint};

/// The change as the user typed it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ChangeNames {
    /// No change asked for: an empty impact.
    #[default]
    None,
    /// `--remove-system X`.
    RemoveSystem(String),
    /// `--remove-integration I` (an integration id, or `FROM->TO`).
    RemoveIntegration(String),
    /// `--replace-system X --with Y`.
    ReplaceSystem {
        /// X.
        from: String,
        /// Y.
        with: String,
    },
}

/// The change named, as indexes (`None`: no change). Every unknown id is reported.
pub fn select_change(
    model: &Model,
    names: &ChangeNames,
) -> Result<Option<ModelChange>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let systems: Vec<&str> = model.systems.iter().map(|s| s.id.as_str()).collect();
    let system = |option: &str, id: &str, problems: &mut Vec<Diagnostic>| {
        resolve(option, "system", id, &systems, problems).map(SystemIx::new)
    };
    let change = match names {
        ChangeNames::None => return Ok(None),
        ChangeNames::RemoveSystem(x) => {
            system("--remove-system", x, &mut problems).map(ModelChange::RemoveSystem)
        }
        ChangeNames::ReplaceSystem { from, with } => {
            let from = system("--replace-system", from, &mut problems);
            let with = system("--with", with, &mut problems);
            from.zip(with)
                .map(|(from, with)| ModelChange::ReplaceSystem { from, with })
        }
        ChangeNames::RemoveIntegration(id) => {
            integration(model, id, &mut problems).map(ModelChange::RemoveIntegration)
        }
    };
    match change {
        Some(change) if problems.is_empty() => Ok(Some(change)),
        _ => Err(problems),
    }
}

/// The integration with id `id`, else the one integration from FROM to TO when `id` is
/// `FROM->TO`.
fn integration(model: &Model, id: &str, problems: &mut Vec<Diagnostic>) -> Option<IntegrationIx> {
    let option = "--remove-integration";
    if let Some(i) = model.integration_index(id) {
        return Some(i);
    }
    if let Some((from, to)) = id.split_once("->") {
        let between: Vec<IntegrationIx> = model
            .integration_ixs()
            .filter(|i| {
                let x = model.integration(*i);
                model.system(x.from).id == from && model.system(x.to).id == to
            })
            .collect();
        match between.as_slice() {
            [one] => return Some(*one),
            [] => {}
            several => {
                let ids: Vec<&str> = several
                    .iter()
                    .map(|i| model.integration(*i).id.as_str())
                    .collect();
                let mut problem = Diagnostic::error(
                    Code::UnknownReference,
                    option,
                    None,
                    format!("{} integrations run from `{from}` to `{to}`", several.len()),
                );
                problem.help = Some(format!("name one by its id: {}", ids.join(", ")));
                problems.push(problem);
                return None;
            }
        }
    }
    let known: Vec<&str> = model.integrations.iter().map(|i| i.id.as_str()).collect();
    let mut problem = Diagnostic::error(
        Code::UnknownReference,
        option,
        None,
        format!("unknown integration `{id}`"),
    );
    problem.help = did_you_mean(id, known.iter().copied())
        .or_else(|| unknown_reference_hint("integration", id, &known));
    problems.push(problem);
    None
}
