//! Lookups the renderers share, so no renderer scans a whole collection inside a loop over
//! another (issue 8: linear from file to report).

use crate::analysis::HandoffResult;
use crate::model::WorkflowIx;

/// The handoffs of workflow `w`, found by binary search: the analysis lists handoffs
/// workflow by workflow, in file order.
pub fn workflow_handoffs(handoffs: &[HandoffResult], w: WorkflowIx) -> &[HandoffResult] {
    debug_assert!(handoffs.windows(2).all(|p| p[0].workflow <= p[1].workflow));
    let start = handoffs.partition_point(|h| h.workflow < w);
    let len = handoffs[start..].partition_point(|h| h.workflow == w);
    &handoffs[start..start + len]
}

pub use crate::analysis::FixesByHandoff;
