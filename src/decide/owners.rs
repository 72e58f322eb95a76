//! Who must agree to a fix (issue 21, part 3): the owners of the systems it connects and of
//! the workflows and units whose handoffs it changes, from the model's `owner` fields. A
//! change to a workflow changes its people's day-to-day, so a plan names them per fix, and
//! a part with no owner is a gap in the model (nobody to ask).

use std::collections::HashMap;

use crate::analysis::rules::working_unit;
use crate::analysis::Improvement;
use crate::model::{Model, SystemIx, UnitIx, WorkflowIx};

/// A part of the model a fix touches that can have an owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// A system it connects.
    System(SystemIx),
    /// A workflow with a handoff it changes.
    Workflow(WorkflowIx),
    /// A unit owning such a workflow or doing such a handoff's work.
    Unit(UnitIx),
}

impl Part {
    /// "system `crm`", "workflow `lead-to-cash`", "unit `sales`", ids raw.
    pub fn describe(self, model: &Model) -> String {
        match self {
            Part::System(s) => format!("system `{}`", model.system(s).id),
            Part::Workflow(w) => format!("workflow `{}`", model.workflow(w).id),
            Part::Unit(u) => format!("unit `{}`", model.unit(u).id),
        }
    }

    /// Its `owner`, when the model gives one.
    pub fn owner(self, model: &Model) -> Option<&str> {
        match self {
            Part::System(s) => model.system(s).owner.as_deref(),
            Part::Workflow(w) => model.workflow(w).owner.as_deref(),
            Part::Unit(u) => model.unit(u).owner.as_deref(),
        }
    }
}

/// One owner whose agreement a fix needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Stake {
    /// The owner as the model writes it.
    pub owner: String,
    /// What of theirs the fix touches, in the order first met.
    pub parts: Vec<Part>,
    /// Hours a year the fix takes off handoffs of workflows and units they own (0 for an
    /// owner of a connected system only).
    pub annual_hours: f64,
}

/// Who must agree to one fix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FixOwners {
    /// The owners, in the order first met: the systems' (from, to), then per changed
    /// handoff its workflow's, the workflow's unit's and the unit doing the work.
    pub stakes: Vec<Stake>,
    /// The parts it touches that have no owner, in the same order, each once.
    pub missing: Vec<Part>,
}

impl FixOwners {
    /// The owners' names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.stakes.iter().map(|s| s.owner.as_str()).collect()
    }

    fn add(&mut self, model: &Model, part: Part, hours: f64) {
        let Some(owner) = part.owner(model) else {
            if !self.missing.contains(&part) {
                self.missing.push(part);
            }
            return;
        };
        match self.stakes.iter_mut().find(|s| s.owner == owner) {
            Some(stake) => {
                if !stake.parts.contains(&part) {
                    stake.parts.push(part);
                }
                stake.annual_hours += hours;
            }
            None => self.stakes.push(Stake {
                owner: owner.to_string(),
                parts: vec![part],
                annual_hours: hours,
            }),
        }
    }
}

/// Who must agree to a fix from `from` to `to` that changes the handoffs `improves`.
pub fn fix_owners(
    model: &Model,
    from: SystemIx,
    to: SystemIx,
    improves: &[Improvement],
) -> FixOwners {
    let mut owners = FixOwners::default();
    owners.add(model, Part::System(from), 0.0);
    owners.add(model, Part::System(to), 0.0);
    for improvement in improves {
        let workflow = model.workflow(improvement.workflow);
        let handoff = &workflow.handoffs[improvement.step - 1];
        let hours = improvement.annual_hours_saved;
        // Each owner counts a handoff's hours once, however many of its parts they own.
        let mut parts = vec![Part::Workflow(improvement.workflow)];
        parts.extend(workflow.unit.map(Part::Unit));
        parts.extend(working_unit(workflow, handoff).map(Part::Unit));
        let mut counted: Vec<&str> = Vec::new();
        for part in parts {
            let owner = part.owner(model);
            let first = owner.is_some_and(|o| !counted.contains(&o));
            owners.add(model, part, if first { hours } else { 0.0 });
            counted.extend(owner);
        }
    }
    owners
}

/// One owner across a list of fixes: which fixes need them and the hours a year those take
/// off their workflows' and units' manual work.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnerLoad {
    /// The owner as the model writes it.
    pub owner: String,
    /// Positions in the list of fixes, in order.
    pub fixes: Vec<usize>,
    /// Σ of their stakes' hours.
    pub annual_hours: f64,
}

/// Per owner, the fixes of `fixes` that need them: most hours first, then most fixes, then
/// the owner's name (byte order).
pub fn by_owner(fixes: &[FixOwners]) -> Vec<OwnerLoad> {
    let mut loads: Vec<OwnerLoad> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (k, fix) in fixes.iter().enumerate() {
        for stake in &fix.stakes {
            let at = *index.entry(stake.owner.as_str()).or_insert_with(|| {
                loads.push(OwnerLoad {
                    owner: stake.owner.clone(),
                    fixes: Vec::new(),
                    annual_hours: 0.0,
                });
                loads.len() - 1
            });
            loads[at].fixes.push(k);
            loads[at].annual_hours += stake.annual_hours;
        }
    }
    loads.sort_by(|a, b| {
        b.annual_hours
            .total_cmp(&a.annual_hours)
            .then(b.fixes.len().cmp(&a.fixes.len()))
            .then_with(|| a.owner.cmp(&b.owner))
    });
    loads
}

/// Every part of the model without an owner that any of `fixes` touches, each once, in
/// order (systems, then workflows, then units, each by index).
pub fn missing_owners(fixes: &[FixOwners]) -> Vec<Part> {
    let mut parts: Vec<Part> = fixes.iter().flat_map(|f| f.missing.clone()).collect();
    parts.sort();
    parts.dedup();
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn an_owner_of_workflow_and_unit_counts_a_handoff_once_and_gaps_are_listed() {
        let source = include_str!("../../fixtures/valid/acme-2026q1.yaml");
        let model = crate::load_str(source, "acme.yaml").unwrap().model;
        let fixes = analyze(&model, None).fixes;
        let owners: Vec<FixOwners> = fixes
            .iter()
            .map(|f| fix_owners(&model, f.from, f.to, &f.improves))
            .collect();
        // accounting->crm: crm is Sales ops'; lead-to-cash and its unit sales are VP Sales'.
        assert_eq!(owners[0].names(), ["Sales ops", "VP Sales"]);
        assert_eq!(owners[0].stakes[1].annual_hours, 400.0);
        assert_eq!(
            owners[0].missing,
            [Part::System(model.system_index("accounting").unwrap())]
        );
        let loads = by_owner(&owners);
        assert_eq!(loads[0].owner, "VP Sales");
        assert_eq!(loads[0].annual_hours, 400.0);
        let missing: Vec<String> = missing_owners(&owners)
            .iter()
            .map(|p| p.describe(&model))
            .collect();
        assert_eq!(
            missing,
            [
                "system `accounting`",
                "system `bank`",
                "workflow `support-intake`",
                "workflow `billing-run`",
                "unit `finance`"
            ]
        );
    }
}
