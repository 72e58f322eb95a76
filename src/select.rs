//! The identifiers a command line names (`--strategy`, `--workflow`, `--unit`), resolved
//! to model indexes once, right after loading. Analysis and rendering take the indexes
//! and cannot fail on an id; a wrong id is reported like the validator reports an
//! unknown reference, with the same "did you mean".

use crate::diagnostic::{did_you_mean, Code, Diagnostic};
use crate::model::{Model, StrategyIx, UnitIx, WorkflowIx};

/// Identifiers as the user typed them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    /// `--strategy` (`None`: the model's default).
    pub strategy: Option<String>,
    /// `--workflow`, in the order given.
    pub workflows: Vec<String>,
    /// `--unit`, in the order given.
    pub units: Vec<String>,
}

/// The same identifiers as indexes into the model.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The strategy in force: the one named, else the model's `strategy`, else its first;
    /// `None` when the model declares none.
    pub strategy: Option<StrategyIx>,
    /// The workflows named.
    pub workflows: Vec<WorkflowIx>,
    /// The units named.
    pub units: Vec<UnitIx>,
}

/// Resolves every name of `names` against `model`; every unknown one is reported, each as
/// an `unknown-reference` diagnostic whose path is the option that named it.
pub fn select(model: &Model, names: &Names) -> Result<Selection, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let strategy_ids: Vec<&str> = model.strategies.iter().map(|s| s.id.as_str()).collect();
    let strategy = match &names.strategy {
        Some(id) => {
            resolve("--strategy", "strategy", id, &strategy_ids, &mut problems).map(StrategyIx::new)
        }
        None => model.default_strategy,
    };
    let workflow_ids: Vec<&str> = model.workflows.iter().map(|w| w.id.as_str()).collect();
    let workflows = names
        .workflows
        .iter()
        .filter_map(|id| resolve("--workflow", "workflow", id, &workflow_ids, &mut problems))
        .map(WorkflowIx::new)
        .collect();
    let unit_ids: Vec<&str> = model.units.iter().map(|u| u.id.as_str()).collect();
    let units = names
        .units
        .iter()
        .filter_map(|id| resolve("--unit", "unit", id, &unit_ids, &mut problems))
        .map(UnitIx::new)
        .collect();
    if problems.is_empty() {
        Ok(Selection {
            strategy,
            workflows,
            units,
        })
    } else {
        Err(problems)
    }
}

pub(crate) fn resolve(
    option: &str,
    what: &str,
    id: &str,
    known: &[&str],
    problems: &mut Vec<Diagnostic>,
) -> Option<usize> {
    let found = known.iter().position(|k| *k == id);
    if found.is_none() {
        let mut problem = Diagnostic::error(
            Code::UnknownReference,
            option,
            None,
            format!("unknown {what} `{id}`"),
        );
        problem.help = unknown_reference_hint(what, id, known);
        problems.push(problem);
    }
    found
}

/// The hint after "unknown X `id`", worded as the validator words it: "did you mean" for
/// a likely typo, else the known ids when they are few enough to list, or that none is
/// declared.
pub fn unknown_reference_hint(what: &str, wanted: &str, known: &[&str]) -> Option<String> {
    did_you_mean(wanted, known.iter().copied()).or_else(|| match known.len() {
        0 => Some(format!("no {what} is declared")),
        1..=12 => Some(format!("known: {}", known.join(", "))),
        _ => None,
    })
}

/// Resolves `--strategies` (in the order given; empty: every strategy of the model, in
/// file order). A model without strategies has nothing to compare.
pub fn select_strategies(
    model: &Model,
    ids: &[String],
) -> Result<Vec<StrategyIx>, Vec<Diagnostic>> {
    let known: Vec<&str> = model.strategies.iter().map(|s| s.id.as_str()).collect();
    if known.is_empty() {
        return Err(vec![Diagnostic::error(
            Code::NoStrategy,
            "--strategies",
            None,
            "the model declares no strategies, so there is nothing to compare".to_string(),
        )]);
    }
    if ids.is_empty() {
        return Ok(model.strategy_ixs().collect());
    }
    let mut problems = Vec::new();
    let mut found: Vec<StrategyIx> = Vec::new();
    for id in ids {
        let i = resolve("--strategies", "strategy", id, &known, &mut problems);
        if let Some(i) = i.map(StrategyIx::new) {
            if !found.contains(&i) {
                found.push(i);
            }
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> Model {
        let source = "systems: {crm: {}, erp: {}}\n\
                      objectives: {growth: {}}\n\
                      strategies: {growth-first: {weights: {growth: 1}}, lean: {weights: {growth: 1}}}\n\
                      units: {sales: {}}\n\
                      workflows:\n  month-end:\n    unit: sales\n    runs: {count: 1, per: month}\n    handoffs: [{from: crm, to: erp, data: order}]\n";
        crate::load_str(source, "model.yaml").unwrap().model
    }

    fn messages(problems: Vec<Diagnostic>) -> Vec<String> {
        problems.iter().map(Diagnostic::summary).collect()
    }

    #[test]
    fn names_become_indexes_and_the_default_strategy_applies() {
        let model = model();
        let all = Names {
            strategy: Some("lean".into()),
            workflows: vec!["month-end".into()],
            units: vec!["sales".into()],
        };
        assert_eq!(
            select(&model, &all),
            Ok(Selection {
                strategy: model.strategy_index("lean"),
                workflows: vec![model.workflow_index("month-end").unwrap()],
                units: vec![model.unit_index("sales").unwrap()]
            })
        );
        let default = select(&model, &Names::default()).unwrap().strategy;
        assert_eq!(default, model.strategy_index("growth-first"));
    }

    #[test]
    fn every_unknown_name_is_reported_with_the_validators_hint() {
        let model = model();
        let wrong = Names {
            strategy: Some("laen".into()),
            workflows: vec!["month-edn".into(), "payroll".into()],
            units: vec!["x".into()],
        };
        assert_eq!(
            messages(select(&model, &wrong).unwrap_err()),
            [
                "unknown strategy `laen`; did you mean `lean`?",
                "unknown workflow `month-edn`; did you mean `month-end`?",
                "unknown workflow `payroll`; known: month-end",
                "unknown unit `x`; known: sales",
            ]
        );
        let bare = crate::load_str("systems: {a: {}}\n", "m.yaml")
            .unwrap()
            .model;
        let strategy = Names {
            strategy: Some("growth".into()),
            ..Names::default()
        };
        assert_eq!(
            messages(select(&bare, &strategy).unwrap_err()),
            ["unknown strategy `growth`; no strategy is declared"]
        );
    }
}
