//! Lookups the renderers share, so no renderer scans a whole collection inside a loop over
//! another (issue 8: linear from file to report).

use std::collections::HashMap;

use crate::analysis::{Fix, HandoffResult};

/// The handoffs of workflow `w`, found by binary search: the analysis lists handoffs
/// workflow by workflow, in file order.
pub fn workflow_handoffs(handoffs: &[HandoffResult], w: usize) -> &[HandoffResult] {
    debug_assert!(handoffs.windows(2).all(|p| p[0].workflow <= p[1].workflow));
    let start = handoffs.partition_point(|h| h.workflow < w);
    let len = handoffs[start..].partition_point(|h| h.workflow == w);
    &handoffs[start..start + len]
}

/// The fixes that make each handoff cheaper, as positions in the ranked list (best first),
/// keyed by (workflow index, step).
pub struct FixesByHandoff {
    fixes: HashMap<(usize, usize), Vec<usize>>,
}

impl FixesByHandoff {
    /// The index of `fixes`.
    pub fn new(fixes: &[Fix]) -> FixesByHandoff {
        let mut map: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
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
    pub fn of(&self, workflow: usize, step: usize) -> &[usize] {
        self.fixes.get(&(workflow, step)).map_or(&[], Vec::as_slice)
    }
}
