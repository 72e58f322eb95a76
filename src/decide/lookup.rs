//! Lookups the decision commands build once, so matching fixes or handoffs between two
//! analyses is linear rather than a scan per item (issue 8).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::{Action, Fix, FixIx, HandoffResult};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Model;
use crate::select::unknown_reference_hint;

/// Fixes by id and action; the first of equal keys wins, as a scan from the top would.
/// Keyed by the ids' text, so two analyses of different models match by what users see.
pub struct FixLookup<'a> {
    fixes: &'a [Fix],
    by_id: HashMap<Cow<'a, str>, Vec<(Action, usize)>>,
}

impl<'a> FixLookup<'a> {
    /// The lookup of `fixes`, an analysis of `model`.
    pub fn new(model: &'a Model, fixes: &'a [Fix]) -> FixLookup<'a> {
        let mut by_id: HashMap<Cow<str>, Vec<(Action, usize)>> = HashMap::new();
        for (k, fix) in fixes.iter().enumerate() {
            by_id
                .entry(fix.id.text(model))
                .or_default()
                .push((fix.action, k));
        }
        FixLookup { fixes, by_id }
    }

    /// The position of the fix with this id and action.
    pub fn position(&self, id: &str, action: Action) -> Option<usize> {
        self.by_id
            .get(id)?
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, k)| *k)
    }

    /// The fix with this id and action.
    pub fn get(&self, id: &str, action: Action) -> Option<&'a Fix> {
        self.position(id, action).map(|k| &self.fixes[k])
    }
}

/// Handoffs by workflow id and step: each workflow's handoffs are one run of the list.
pub struct HandoffLookup<'a> {
    handoffs: &'a [HandoffResult],
    runs: HashMap<&'a str, Range<usize>>,
}

impl<'a> HandoffLookup<'a> {
    /// The lookup of `handoffs`, an analysis of `model`.
    pub fn new(model: &'a Model, handoffs: &'a [HandoffResult]) -> HandoffLookup<'a> {
        let mut runs: HashMap<&str, Range<usize>> = HashMap::new();
        let mut start = 0;
        for run in handoffs.chunk_by(|a, b| a.workflow == b.workflow) {
            // A workflow id seen twice keeps its first run, as a scan from the top would.
            runs.entry(model.workflow(run[0].workflow).id.as_str())
                .or_insert(start..start + run.len());
            start += run.len();
        }
        HandoffLookup { handoffs, runs }
    }

    /// Step `step` of workflow `workflow`.
    pub fn get(&self, workflow: &str, step: usize) -> Option<&'a HandoffResult> {
        let run = self.runs.get(workflow)?.clone();
        self.handoffs[run].iter().find(|h| h.step == step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn lookups_find_what_a_scan_finds() {
        let source = include_str!("../../fixtures/valid/large-300.yaml");
        let model = crate::load_str(source, "large-300.yaml").unwrap().model;
        let analysis = analyze(&model, None);
        let fixes = FixLookup::new(&model, &analysis.fixes);
        for fix in &analysis.fixes {
            let id = fix.id.text(&model);
            let scan = super::super::find_fix(&model, &analysis.fixes, &id, fix.action);
            assert!(std::ptr::eq(
                fixes.get(&id, fix.action).unwrap(),
                scan.unwrap()
            ));
        }
        assert!(fixes.get("no such fix", Action::Connect).is_none());
        let handoffs = HandoffLookup::new(&model, &analysis.handoffs);
        let workflow = |h: &HandoffResult| model.workflow(h.workflow).id.as_str();
        for h in &analysis.handoffs {
            assert!(std::ptr::eq(handoffs.get(workflow(h), h.step).unwrap(), h));
        }
        assert!(handoffs
            .get(workflow(&analysis.handoffs[0]), 10_000)
            .is_none());
        assert!(handoffs.get("no such workflow", 1).is_none());
    }
}

/// Resolves a fix id (and `--action` when given) against the ranked `fixes` of an
/// analysis, returning its position there. An unknown id gets the validator's "did you mean"; an id two listed fixes
/// share needs `--action`.
pub fn select_fix(
    model: &Model,
    fixes: &[Fix],
    id: &str,
    action: Option<Action>,
) -> Result<FixIx, Vec<Diagnostic>> {
    let same_id: Vec<usize> = (0..fixes.len())
        .filter(|i| fixes[*i].id.text(model) == id)
        .collect();
    let mut same_id = same_id;
    same_id.sort_by_key(|i| fixes[*i].action);
    let chosen: Vec<usize> = same_id
        .iter()
        .copied()
        .filter(|i| action.is_none_or(|a| fixes[*i].action == a))
        .collect();
    match (chosen.as_slice(), same_id.is_empty()) {
        ([one], _) => Ok(FixIx::new(*one)),
        ([], true) => {
            let texts: Vec<_> = fixes.iter().map(|f| f.id.text(model)).collect();
            let mut known: Vec<&str> = texts.iter().map(AsRef::as_ref).collect();
            known.dedup();
            let mut problem = Diagnostic::error(
                Code::UnknownReference,
                "FIX",
                None,
                format!("unknown fix `{id}`"),
            );
            problem.help = unknown_reference_hint("fix", id, &known);
            Err(vec![problem])
        }
        (found, _) => {
            let actions = |list: &[usize]| {
                list.iter()
                    .map(|i| fixes[*i].action.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let message = if found.is_empty() {
                format!(
                    "fix `{id}` has no {} action; it has {}",
                    action.map_or("", |a| a.as_str()),
                    actions(&same_id)
                )
            } else {
                format!(
                    "fix `{id}` names {} fixes ({}); choose one with --action",
                    found.len(),
                    actions(found)
                )
            };
            Err(vec![Diagnostic::error(
                Code::AmbiguousFix,
                "FIX",
                None,
                message,
            )])
        }
    }
}

#[cfg(test)]
mod select_fix_tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::select::select_strategies;

    #[test]
    fn fixes_and_strategy_lists_resolve_with_the_validators_hints() {
        let source = include_str!("../../fixtures/valid/seed.yaml");
        let model = crate::load_str(source, "seed.yaml").unwrap().model;
        let fixes = analyze(&model, model.strategy_index("growth")).fixes;
        assert_eq!(
            select_fix(&model, &fixes, "mes->qms", None),
            Ok(FixIx::new(6))
        );
        assert_eq!(
            select_fix(&model, &fixes, "mes->qms", Some(Action::Connect)),
            Ok(FixIx::new(6))
        );
        let wrong = select_fix(&model, &fixes, "mes->qsm", None).unwrap_err();
        assert_eq!(
            wrong[0].summary(),
            "unknown fix `mes->qsm`; did you mean `mes->qms`?"
        );
        let [growth, cost_down] = ["growth", "cost-down"].map(|s| model.strategy_index(s).unwrap());
        let no_action = select_fix(&model, &fixes, "mes->qms", Some(Action::Automate)).unwrap_err();
        assert_eq!(
            no_action[0].summary(),
            "fix `mes->qms` has no automate action; it has connect"
        );
        assert_eq!(
            select_strategies(&model, &["cost-down".into(), "growth".into()]),
            Ok(vec![cost_down, growth])
        );
        assert_eq!(select_strategies(&model, &[]), Ok(vec![growth, cost_down]));
        let typo = select_strategies(&model, &["grwoth".into()]).unwrap_err();
        assert_eq!(
            typo[0].summary(),
            "unknown strategy `grwoth`; did you mean `growth`?"
        );
    }
}
