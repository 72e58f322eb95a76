//! Running Graphviz `dot` so that a valid model always gets a drawing. `dot` sometimes
//! rejects a layout with unit boxes (clusters) that it could draw without them ("trouble
//! in init_rank", a long-standing Graphviz bug): the graph is then drawn again with the
//! clusters turned into plain groups, and a notice says so. The DOT text goes to `dot` on
//! its standard input, so no temporary file name can reach an error message or a report,
//! and a failure is summed up in one line instead of `dot`'s full dump.

use std::cell::RefCell;
use std::io::{ErrorKind, Read, Write};
use std::process::{Command, Stdio};

use graphviz_rust::dot_structures::{Graph, Id, Stmt};
use graphviz_rust::printer::PrinterContext;

use super::RenderError;

/// The longest part of `dot`'s complaint kept in an error message.
const MAX_MESSAGE_CHARS: usize = 300;

/// What retrying without clusters tells the user.
pub const RETRY_NOTICE: &str =
    "Graphviz could not lay the map out with unit boxes; it is drawn without them";

thread_local! {
    static NOTICES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The notices left by drawings since the last call, each once, in order.
pub fn take_notices() -> Vec<String> {
    NOTICES.with(|notices| std::mem::take(&mut *notices.borrow_mut()))
}

fn notice(text: &str) {
    NOTICES.with(|notices| {
        let mut notices = notices.borrow_mut();
        if !notices.iter().any(|n| n == text) {
            notices.push(text.to_string());
        }
    });
}

/// `graph` drawn by `dot -T<format>` (`svg`, `png`); without clusters when `dot` fails
/// with them.
pub fn draw(graph: Graph, format: &str) -> Result<Vec<u8>, RenderError> {
    let clustered = graphviz_rust::print(graph.clone(), &mut PrinterContext::default());
    let first = match run_dot(&clustered, format)? {
        Ok(bytes) => return Ok(bytes),
        Err(complaint) => complaint,
    };
    let flat = flatten_clusters(graph);
    if !has_clusters_renamed(&flat) {
        return Err(RenderError::Graphviz(summary(&first)));
    }
    let text = graphviz_rust::print(flat, &mut PrinterContext::default());
    match run_dot(&text, format)? {
        Ok(bytes) => {
            notice(RETRY_NOTICE);
            Ok(bytes)
        }
        Err(_) => Err(RenderError::Graphviz(summary(&first))),
    }
}

/// Runs `dot` on `source`: its output, or (inner error) what it said on failure.
fn run_dot(source: &str, format: &str) -> Result<Result<Vec<u8>, String>, RenderError> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => RenderError::GraphvizMissing,
            _ => RenderError::Graphviz(format!("cannot run `dot`: {e}")),
        })?;
    // Written from another thread: `dot` may fill its output pipe before it has read all
    // of its input.
    let mut stdin = child.stdin.take();
    let input = source.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(stdin) = stdin.as_mut() {
            let _ = stdin.write_all(&input);
        }
    });
    let mut stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(stderr) = stderr.as_mut() {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    });
    let mut bytes = Vec::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout.read_to_end(&mut bytes)?;
    }
    let status = child.wait()?;
    let _ = writer.join();
    let complaint = reader.join().unwrap_or_default();
    Ok(if status.success() && !bytes.is_empty() {
        Ok(bytes)
    } else {
        Err(complaint)
    })
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

/// The same graph with every cluster turned into a plain subgraph (same nodes, edges and
/// attribute scopes, no box): `dot` ranks it as if the clusters were not there.
fn flatten_clusters(graph: Graph) -> Graph {
    match graph {
        Graph::Graph { id, strict, stmts } => Graph::Graph {
            id,
            strict,
            stmts: flatten(stmts),
        },
        Graph::DiGraph { id, strict, stmts } => Graph::DiGraph {
            id,
            strict,
            stmts: flatten(stmts),
        },
    }
}

const FLAT_PREFIX: &str = "flat_";

fn flatten(stmts: Vec<Stmt>) -> Vec<Stmt> {
    stmts
        .into_iter()
        .map(|stmt| match stmt {
            Stmt::Subgraph(mut sub) => {
                sub.id = match sub.id {
                    Id::Plain(name) if name.starts_with("cluster") => {
                        Id::Plain(format!("{FLAT_PREFIX}{name}"))
                    }
                    other => other,
                };
                sub.stmts = flatten(sub.stmts);
                Stmt::Subgraph(sub)
            }
            other => other,
        })
        .collect()
}

/// Whether flattening changed anything (without clusters, a retry would fail the same).
fn has_clusters_renamed(graph: &Graph) -> bool {
    fn any(stmts: &[Stmt]) -> bool {
        stmts.iter().any(|stmt| match stmt {
            Stmt::Subgraph(sub) => {
                matches!(&sub.id, Id::Plain(name) if name.starts_with(FLAT_PREFIX))
                    || any(&sub.stmts)
            }
            _ => false,
        })
    }
    match graph {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => any(stmts),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graphviz_rust::dot_structures::{Attribute, Node, NodeId, Subgraph};

    fn node(name: &str) -> Stmt {
        Stmt::Node(Node::new(NodeId(Id::Plain(name.into()), None), vec![]))
    }

    #[test]
    fn clusters_become_plain_groups_with_the_same_content() {
        let graph = Graph::DiGraph {
            id: Id::Plain("g".into()),
            strict: false,
            stmts: vec![
                Stmt::Subgraph(Subgraph {
                    id: Id::Plain("cluster_unit_0".into()),
                    stmts: vec![
                        Stmt::Attribute(Attribute(
                            Id::Plain("label".into()),
                            Id::Escaped("\"Sales\"".into()),
                        )),
                        node("n0"),
                    ],
                }),
                node("n1"),
            ],
        };
        let flat = flatten_clusters(graph);
        assert!(has_clusters_renamed(&flat));
        let text = graphviz_rust::print(flat, &mut PrinterContext::default());
        assert!(text.contains("subgraph flat_cluster_unit_0"), "{text}");
        assert!(!text.contains("subgraph cluster"), "{text}");
        assert!(text.contains("n0") && text.contains("n1"));
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
