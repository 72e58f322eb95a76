//! The DOT source written statement by statement (`diagram --format dot`): the same bytes
//! graphviz-rust prints for the whole graph, a graph Graphviz's grammar reads back with
//! every system, unit box and edge in it, and a file or standard output written the same
//! way, with nothing left behind when there is nothing to draw.

use graphviz_rust::dot_structures::{Graph, Stmt};
use graphviz_rust::printer::PrinterContext;

use gapgraph::render::dot;
use gapgraph::view::scene::{Frame, Level, View};
use gapgraph::view::Report;

use crate::support::{fixture_files, run, temp_dir};

/// The views a user draws: the whole estate, its gaps, the unit level, one unit, one
/// workflow.
fn views(model: &gapgraph::Model) -> Vec<View> {
    vec![
        View::default().with_top(3),
        View {
            gaps_only: true,
            ..View::default()
        },
        View {
            level: Level::Unit,
            ..View::default()
        }
        .with_top(3),
        View {
            units: model.unit_ixs().take(1).collect(),
            ..View::default()
        },
        View {
            workflows: model.workflow_ixs().take(1).collect(),
            ..View::default()
        }
        .with_top(2),
    ]
}

fn stmts(graph: &Graph) -> &[Stmt] {
    match graph {
        Graph::Graph { stmts, .. } | Graph::DiGraph { stmts, .. } => stmts,
    }
}

/// Statements of each kind, subgraphs' own counted in: (nodes, edges, subgraphs).
fn counts(stmts: &[Stmt]) -> (usize, usize, usize) {
    let mut counted = (0, 0, 0);
    for stmt in stmts {
        match stmt {
            Stmt::Node(_) => counted.0 += 1,
            Stmt::Edge(_) => counted.1 += 1,
            Stmt::Subgraph(sub) => {
                let (n, e, s) = counts(&sub.stmts);
                counted = (counted.0 + n, counted.1 + e, counted.2 + s + 1);
            }
            Stmt::Attribute(_) | Stmt::GAttribute(_) => {}
        }
    }
    counted
}

#[test]
fn streamed_dot_is_the_whole_graph_printed_and_reads_back() {
    let mut checked = 0;
    for path in fixture_files("valid") {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let loaded = gapgraph::load_str(&text, &name).unwrap();
        let analysis = gapgraph::analysis::analyze(&loaded.model, None);
        let report = Report {
            model: &loaded.model,
            analysis: &analysis,
            warnings: &loaded.warnings,
        };
        for view in views(&loaded.model) {
            for frame in [Frame::Alone, Frame::InPage] {
                let (mut graph_notes, mut stream_notes) = (Vec::new(), Vec::new());
                let whole = dot::graph(&report, &view, frame, &mut graph_notes);
                let streamed = dot::source(&report, &view, frame, &mut stream_notes);
                assert_eq!(graph_notes, stream_notes, "{name} {view:?}");
                let (whole, streamed) = match (whole, streamed) {
                    (Ok(whole), Ok(streamed)) => (whole, streamed),
                    (Err(a), Err(b)) => {
                        // A focus with nothing to draw fails the same either way.
                        assert_eq!(a.to_string(), b.to_string(), "{name} {view:?}");
                        continue;
                    }
                    (a, b) => panic!("{name} {view:?}: {:?} but {:?}", a.is_ok(), b.is_ok()),
                };
                let before = counts(stmts(&whole));
                let printed = graphviz_rust::print(whole, &mut PrinterContext::default());
                assert_eq!(streamed, printed, "{name} {view:?} {frame:?}");
                // Graphviz's grammar reads it back: every node, edge and box is there.
                let parsed = graphviz_rust::parse(&streamed)
                    .unwrap_or_else(|e| panic!("{name} {view:?}: {e}"));
                assert_eq!(counts(stmts(&parsed)), before, "{name} {view:?} {frame:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} diagrams were compared");
}

#[test]
fn the_whole_estate_in_dot_has_a_node_per_system_and_a_box_per_unit() {
    let model = "fixtures/valid/large-300.yaml";
    let (stdout, stderr) = run(&["diagram", model, "--format", "dot"], 0);
    assert!(stderr.contains("this diagram has 300 systems"), "{stderr}");
    let parsed = graphviz_rust::parse(&stdout).unwrap();
    let loaded = gapgraph::load_str(&std::fs::read_to_string(model).unwrap(), model).unwrap();
    let systems = stdout
        .lines()
        .filter(|l| {
            let id = l.trim_start().split('[').next().unwrap_or("");
            id.strip_prefix('n')
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))
        })
        .count();
    assert_eq!(systems, loaded.model.systems.len());
    let boxes = stmts(&parsed)
        .iter()
        .filter(|s| matches!(s, Stmt::Subgraph(sub) if format!("{:?}", sub.id).contains("cluster_unit_")))
        .count();
    let units_with_systems = (loaded.model.unit_ixs())
        .filter(|u| loaded.model.systems.iter().any(|s| s.unit == Some(*u)))
        .count();
    assert_eq!(boxes, units_with_systems);
    // Every integration is an edge, or two halves through its label.
    let (_, edges, _) = counts(stmts(&parsed));
    assert!(edges >= loaded.model.integrations.len(), "{edges} edges");

    // Written to a file, the same bytes, and nothing else left in the folder.
    let dir = temp_dir();
    let path = dir.path().join("estate.dot");
    let (written, _) = run(
        &[
            "diagram",
            model,
            "--format",
            "dot",
            "-o",
            path.to_str().unwrap(),
        ],
        0,
    );
    assert_eq!(written, "");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_focus_with_nothing_to_draw_writes_no_file() {
    let dir = temp_dir();
    let path = dir.path().join("empty.dot");
    let (stdout, stderr) = run(
        &[
            "diagram",
            "fixtures/valid/empty-model.yaml",
            "--format",
            "dot",
            "--gaps-only",
            "-o",
            path.to_str().unwrap(),
        ],
        2,
    );
    assert_eq!(stdout, "");
    assert!(stderr.contains("nothing to draw"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
