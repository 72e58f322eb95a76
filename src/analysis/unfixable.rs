//! Gaps no fix candidate can close, and why: they are shown, not dropped, so a board sees
//! the cost that needs a process change rather than an integration.

use super::candidates::Action;
use super::resolve::HandoffResult;
use super::rules;
use super::value::Fix;
use crate::model::{Model, SystemIx};

/// Why no listed fix lowers a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnfixableReason {
    /// A system of a manual kind (person, paper, e-mail, spreadsheet) is at one end: no
    /// candidate connects it (docs/scoring.md, fix candidates).
    ManualEnd {
        /// The system at that end.
        system: SystemIx,
    },
    /// The architects' catalogued fix for this pair replaces gapgraph's own candidates
    /// there, but does not carry this handoff's data.
    CatalogLacksData {
        /// The catalogued fix (index into `Model::fixes`).
        fix: usize,
    },
    /// A candidate lowers it, but makes other handoffs dearer by more hours than it saves,
    /// so it is not listed.
    Outweighed,
}

impl UnfixableReason {
    /// The reason in words, as every human format gives it.
    pub fn describe(self, model: &Model) -> String {
        match self {
            UnfixableReason::ManualEnd { system } => {
                let s = model.system(system);
                format!(
                    "`{}` ({}) is at one end: a process change, not an integration",
                    s.id,
                    s.kind.as_str()
                )
            }
            UnfixableReason::CatalogLacksData { fix } => format!(
                "the catalogued fix `{}` for this pair does not carry its data",
                model.fixes[fix].id
            ),
            UnfixableReason::Outweighed => {
                "the fix that would close it makes other handoffs dearer by more than it saves"
                    .to_string()
            }
        }
    }

    /// A short stable code for machine formats.
    pub fn code(self) -> &'static str {
        match self {
            UnfixableReason::ManualEnd { .. } => "manual-end",
            UnfixableReason::CatalogLacksData { .. } => "catalog-lacks-data",
            UnfixableReason::Outweighed => "outweighed",
        }
    }
}

/// A gap that costs something and that no listed fix lowers.
#[derive(Clone, Debug, PartialEq)]
pub struct Unfixable {
    /// Index into `Analysis::handoffs`.
    pub handoff: usize,
    /// Why.
    pub reason: UnfixableReason,
}

/// The gaps with hours that no fix of `fixes` lowers, in handoff order.
pub fn unfixable(model: &Model, handoffs: &[HandoffResult], fixes: &[Fix]) -> Vec<Unfixable> {
    let mut lowered = vec![false; handoffs.len()];
    // Handoffs are numbered workflow by workflow: the first handoff of each workflow.
    let mut first = Vec::with_capacity(model.workflows.len());
    let mut at = 0;
    for w in &model.workflows {
        first.push(at);
        at += w.handoffs.len();
    }
    for fix in fixes {
        for i in &fix.improves {
            lowered[first[i.workflow.index()] + i.step - 1] = true;
        }
    }
    handoffs
        .iter()
        .enumerate()
        .filter(|(k, h)| h.status.is_gap() && h.annual_hours > 0.0 && !lowered[*k])
        .map(|(k, h)| Unfixable {
            handoff: k,
            reason: reason(model, h, fixes),
        })
        .collect()
}

fn reason(model: &Model, h: &HandoffResult, fixes: &[Fix]) -> UnfixableReason {
    for system in [h.from, h.to] {
        if rules::is_manual_system(model, system) {
            return UnfixableReason::ManualEnd { system };
        }
    }
    let data = h.data(model);
    if let Some(fix) = model
        .fixes
        .iter()
        .position(|f| f.from == h.from && f.to == h.to)
    {
        let carries = model.fixes[fix].carries.as_ref();
        if carries.is_some_and(|c| !c.carries(data)) {
            return UnfixableReason::CatalogLacksData { fix };
        }
    }
    // Both ends are systems and nothing in the catalog stands in the way: gapgraph's own
    // candidate for the pair lowers it, so it was left out for its net hours.
    debug_assert!(!fixes.iter().any(|f| f.action != Action::Catalog
        && f.from == h.from
        && f.to == h.to
        && f.improves
            .iter()
            .any(|i| i.workflow == h.workflow && i.step == h.step)));
    UnfixableReason::Outweighed
}
