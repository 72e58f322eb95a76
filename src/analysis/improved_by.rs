//! Which fixes make each handoff cheaper: the index a focused map reads its fixes from,
//! rather than reading every fix of a landscape for each map.

use std::collections::HashMap;

use super::Fix;
use crate::model::WorkflowIx;

/// The fixes that make each handoff cheaper, as positions in the ranked list (best first),
/// keyed by (workflow, step).
#[derive(Clone, Debug, Default)]
pub struct FixesByHandoff {
    fixes: HashMap<(WorkflowIx, usize), Vec<usize>>,
}

impl FixesByHandoff {
    /// The index of `fixes`.
    pub fn new(fixes: &[Fix]) -> FixesByHandoff {
        let mut map: HashMap<(WorkflowIx, usize), Vec<usize>> = HashMap::new();
        for (k, fix) in fixes.iter().enumerate() {
            for i in &fix.improves {
                let list = map.entry((i.workflow, i.step)).or_default();
                // A fix lists a handoff once, but say so here rather than rely on it.
                if list.last() != Some(&k) {
                    list.push(k);
                }
            }
        }
        FixesByHandoff { fixes: map }
    }

    /// The positions of the fixes that improve step `step` of workflow `workflow`, best
    /// first.
    pub fn of(&self, workflow: WorkflowIx, step: usize) -> &[usize] {
        self.fixes.get(&(workflow, step)).map_or(&[], Vec::as_slice)
    }
}
