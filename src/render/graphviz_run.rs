//! Running Graphviz `dot` so that a valid model always gets a drawing. `dot` sometimes
//! rejects a layout with unit boxes (clusters) that it could draw without them ("trouble
//! in init_rank", a long-standing Graphviz bug): the graph is then drawn again with the
//! clusters turned into plain groups, and a note says so. A failure is summed up in one
//! line instead of `dot`'s full dump (which can run to a thousand lines).

use super::dot::{run_dot, TIMED_OUT};
use super::RenderError;

/// The longest part of `dot`'s complaint kept in an error message.
const MAX_MESSAGE_CHARS: usize = 300;

/// What retrying without clusters tells the user.
pub const RETRY_NOTE: &str =
    "note: Graphviz could not lay the map out with unit boxes; it is drawn without them";

/// The DOT text `source` drawn by `dot -T<format>` (`svg`, `png`), `dot`'s warnings added
/// to `notes`; drawn again without clusters when `dot` fails with them.
pub fn draw(source: &str, format: &str, notes: &mut Vec<String>) -> Result<Vec<u8>, RenderError> {
    let complaint = match run_dot(source, format) {
        Ok(drawn) => {
            notes.extend(drawn.warnings);
            return Ok(drawn.bytes);
        }
        // A run stopped at the time limit would only be stopped again.
        Err(RenderError::Graphviz(complaint)) if !complaint.starts_with(TIMED_OUT) => complaint,
        Err(other) => return Err(other),
    };
    let flat = flatten_clusters(source);
    if flat == source {
        return Err(RenderError::Graphviz(summary(&complaint)));
    }
    match run_dot(&flat, format) {
        Ok(drawn) => {
            notes.push(RETRY_NOTE.to_string());
            notes.extend(drawn.warnings);
            Ok(drawn.bytes)
        }
        Err(RenderError::Graphviz(_)) => Err(RenderError::Graphviz(summary(&complaint))),
        Err(other) => Err(other),
    }
}

/// The first line of `dot`'s complaint that says something, shortened.
fn summary(complaint: &str) -> String {
    let line = complaint
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("it stopped without saying why");
    crate::text::ellipsis(line, MAX_MESSAGE_CHARS).into_owned()
}

/// The same DOT text with every cluster turned into a plain subgraph (same nodes, edges
/// and attribute scopes, no box), so `dot` ranks it as if the clusters were not there.
/// Only statement lines change: model text is always quoted, with line breaks escaped, so
/// no line of it can start with `subgraph`.
fn flatten_clusters(source: &str) -> String {
    source
        .split_inclusive('\n')
        .map(|line| {
            let body = line.trim_start();
            match body.strip_prefix("subgraph cluster") {
                Some(rest) => format!(
                    "{}subgraph flat_cluster{rest}",
                    &line[..line.len() - body.len()]
                ),
                None => line.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_become_plain_groups_with_the_same_content() {
        let source = "digraph {\n  subgraph cluster_unit_0 {\n    label=\"subgraph cluster_x\"\n    n0\n  }\n  n1\n}\n";
        let flat = flatten_clusters(source);
        assert!(
            flat.contains("  subgraph flat_cluster_unit_0 {\n"),
            "{flat}"
        );
        assert!(flat.contains("label=\"subgraph cluster_x\""), "{flat}");
        assert_eq!(flat.lines().count(), source.lines().count());
        assert_eq!(flatten_clusters("digraph { n0 }"), "digraph { n0 }");
    }

    #[test]
    fn a_complaint_is_one_short_line() {
        let dump = format!("\n  trouble in init_rank\n{}", "\tn3 0/1\n".repeat(1000));
        assert_eq!(summary(&dump), "trouble in init_rank");
        assert_eq!(
            summary(&"x".repeat(1000)).chars().count(),
            MAX_MESSAGE_CHARS
        );
    }
}
