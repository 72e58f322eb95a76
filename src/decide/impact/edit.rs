//! The model after one change (docs/impact.md, "What a change does to the model"): a system
//! retired (its integrations removed, the handoffs naming it left without a path), one
//! integration removed, or a system replaced by another (its integrations, handoffs and
//! catalogued fixes re-pointed, with what became a self-loop or a duplicate dropped).

use std::collections::HashSet;

use crate::model::{CatalogFix, Integration, IntegrationIx, Model, SystemIx};

/// One change to a model, by indexes into it (the command line's ids are resolved by
/// [`crate::select`]-style lookups before this point).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Retire a system: every integration from or to it is removed; it stays declared, so
    /// the handoffs that name it stay, with no path.
    RemoveSystem(SystemIx),
    /// Remove one integration.
    RemoveIntegration(IntegrationIx),
    /// Replace system `from` by `with`: integrations, handoffs and catalogued fixes that
    /// name `from` name `with` instead.
    ReplaceSystem {
        /// The system replaced (stays declared, touched by nothing).
        from: SystemIx,
        /// The system that takes over.
        with: SystemIx,
    },
}

impl Change {
    /// The systems the change is about (where hop distances start).
    pub fn systems(&self, model: &Model) -> Vec<SystemIx> {
        match *self {
            Change::RemoveSystem(x) => vec![x],
            Change::RemoveIntegration(i) => {
                vec![model.integration(i).from, model.integration(i).to]
            }
            Change::ReplaceSystem { from, with } => vec![from, with],
        }
    }
}

/// The model after a change, with how its parts map onto the model before.
#[derive(Clone, Debug)]
pub struct Edited {
    /// The model after the change.
    pub model: Model,
    /// Per integration of the model before: removed (or merged) or re-pointed, so a path
    /// through it is "on the change".
    pub touched: Vec<bool>,
    /// Per workflow of the model before, per step (0-based): the (workflow, step) it is
    /// after the change, `None` when it was dropped.
    pub handoffs: Vec<Vec<Option<(usize, usize)>>>,
    /// What the change dropped or kept under another id, in words (file order).
    pub notes: Vec<String>,
}

/// `model` with `change` applied.
pub fn apply(model: &Model, change: Change) -> Edited {
    let identity = model
        .workflows
        .iter()
        .enumerate()
        .map(|(w, wf)| (0..wf.handoffs.len()).map(|s| Some((w, s))).collect())
        .collect();
    let mut edited = Edited {
        model: model.clone(),
        touched: vec![false; model.integrations.len()],
        handoffs: identity,
        notes: Vec::new(),
    };
    match change {
        Change::RemoveSystem(x) => {
            edited.remove_integrations(|i| i.from == x || i.to == x);
        }
        Change::RemoveIntegration(k) => {
            let target = model.integration(k).id.clone();
            edited.remove_integrations(|i| i.id == target);
        }
        Change::ReplaceSystem { from, with } if from != with => {
            edited.replace(model, from, with);
        }
        Change::ReplaceSystem { .. } => {}
    }
    edited
}

/// `FROM->TO` of two systems: the id an integration or fix gets when it states none.
fn default_id(model: &Model, from: SystemIx, to: SystemIx) -> String {
    format!("{}->{}", model.system(from).id, model.system(to).id)
}

impl Edited {
    fn remove_integrations(&mut self, gone: impl Fn(&Integration) -> bool) {
        for (k, integration) in self.model.integrations.iter().enumerate() {
            self.touched[k] = gone(integration);
        }
        let touched = &self.touched;
        let mut k = 0;
        self.model.integrations.retain(|_| {
            k += 1;
            !touched[k - 1]
        });
    }

    fn replace(&mut self, before: &Model, x: SystemIx, y: SystemIx) {
        let swap = |s: SystemIx| if s == x { y } else { s };
        self.replace_integrations(before, x, &swap);
        self.replace_handoffs(before, x, y, &swap);
        self.replace_fixes(before, x, &swap);
    }

    fn replace_integrations(
        &mut self,
        before: &Model,
        x: SystemIx,
        swap: &dyn Fn(SystemIx) -> SystemIx,
    ) {
        let mut taken: HashSet<String> = before
            .integrations
            .iter()
            .filter(|i| i.from != x && i.to != x)
            .map(|i| i.id.clone())
            .collect();
        let mut kept: Vec<Integration> = Vec::with_capacity(before.integrations.len());
        for (k, old) in before.integrations.iter().enumerate() {
            if old.from != x && old.to != x {
                kept.push(old.clone());
                continue;
            }
            self.touched[k] = true;
            let (from, to) = (swap(old.from), swap(old.to));
            let id = &old.id;
            if from == to {
                self.notes.push(format!(
                    "integration `{id}` would join `{}` to itself: dropped",
                    before.system(from).id
                ));
                continue;
            }
            let mut new = old.clone();
            (new.from, new.to) = (from, to);
            if let Some(same) = kept.iter().find(|k| same_integration(k, &new)) {
                self.notes.push(format!(
                    "integration `{id}` now duplicates `{}`: dropped",
                    same.id
                ));
                continue;
            }
            if *id == default_id(before, old.from, old.to) {
                let renamed = default_id(before, from, to);
                if taken.contains(&renamed) || before.integrations.iter().any(|i| i.id == renamed) {
                    self.notes.push(format!(
                        "integration `{id}` keeps its id: `{renamed}` is taken"
                    ));
                } else {
                    new.id = renamed;
                }
            }
            taken.insert(new.id.clone());
            kept.push(new);
        }
        self.model.integrations = kept;
    }

    fn replace_handoffs(
        &mut self,
        before: &Model,
        x: SystemIx,
        y: SystemIx,
        swap: &dyn Fn(SystemIx) -> SystemIx,
    ) {
        let mut workflows = Vec::with_capacity(before.workflows.len());
        for (w, workflow) in before.workflows.iter().enumerate() {
            let mut new = workflow.clone();
            new.handoffs.clear();
            for (s, h) in workflow.handoffs.iter().enumerate() {
                let (from, to) = (swap(h.from), swap(h.to));
                if from == to {
                    self.notes.push(format!(
                        "handoff {} step {} ({} -> {}, {}) would run inside `{}`: dropped",
                        workflow.id,
                        s + 1,
                        before.system(h.from).id,
                        before.system(h.to).id,
                        h.data,
                        before.system(y).id
                    ));
                    self.handoffs[w][s] = None;
                    continue;
                }
                let mut handoff = h.clone();
                (handoff.from, handoff.to) = (from, to);
                self.handoffs[w][s] = Some((workflows.len(), new.handoffs.len()));
                new.handoffs.push(handoff);
            }
            if new.handoffs.is_empty() {
                self.notes.push(format!(
                    "workflow `{}` has no handoff left once `{}` is `{}`: dropped",
                    workflow.id,
                    before.system(x).id,
                    before.system(y).id
                ));
                continue;
            }
            workflows.push(new);
        }
        self.model.workflows = workflows;
    }

    fn replace_fixes(&mut self, before: &Model, x: SystemIx, swap: &dyn Fn(SystemIx) -> SystemIx) {
        let mut taken: HashSet<String> = before
            .fixes
            .iter()
            .filter(|f| f.from != x && f.to != x)
            .map(|f| f.id.clone())
            .collect();
        let mut kept: Vec<CatalogFix> = Vec::with_capacity(before.fixes.len());
        for old in &before.fixes {
            if old.from != x && old.to != x {
                kept.push(old.clone());
                continue;
            }
            let (from, to) = (swap(old.from), swap(old.to));
            let id = &old.id;
            if from == to {
                self.notes.push(format!(
                    "catalogued fix `{id}` would join `{}` to itself: dropped",
                    before.system(from).id
                ));
                continue;
            }
            let mut new = old.clone();
            (new.from, new.to) = (from, to);
            if let Some(same) = kept.iter().find(|k| same_fix(k, &new)) {
                self.notes.push(format!(
                    "catalogued fix `{id}` now duplicates `{}`: dropped",
                    same.id
                ));
                continue;
            }
            if *id == default_id(before, old.from, old.to) {
                let renamed = default_id(before, from, to);
                if taken.contains(&renamed) || before.fixes.iter().any(|f| f.id == renamed) {
                    self.notes.push(format!(
                        "catalogued fix `{id}` keeps its id: `{renamed}` is taken"
                    ));
                } else {
                    new.id = renamed;
                }
            }
            taken.insert(new.id.clone());
            kept.push(new);
        }
        self.model.fixes = kept;
    }
}

/// Two integrations that differ at most in id and in what is only reported (name, via,
/// note, sources).
fn same_integration(a: &Integration, b: &Integration) -> bool {
    a.from == b.from
        && a.to == b.to
        && a.carries == b.carries
        && a.mode == b.mode
        && a.minutes == b.minutes
        && a.fix_cost == b.fix_cost
        && a.run_cost == b.run_cost
}

/// Two catalogued fixes that build the same thing at the same cost.
fn same_fix(a: &CatalogFix, b: &CatalogFix) -> bool {
    a.from == b.from
        && a.to == b.to
        && a.cost == b.cost
        && a.carries == b.carries
        && a.run_cost == b.run_cost
}
