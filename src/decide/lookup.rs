//! Lookups the decision commands build once, so matching fixes or handoffs between two
//! analyses is linear rather than a scan per item (issue 8).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::{Action, Fix, HandoffResult};
use crate::model::Model;

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
