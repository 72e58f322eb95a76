//! Snapshots of every output format on one shared fixture, `tests/data/render.yaml`, run
//! through the binary as a user would. Every format must be deterministic, so each is also
//! rendered twice and compared byte for byte.

use std::path::Path;

use assert_cmd::Command;

const FIXTURE: &str = "tests/data/render.yaml";

/// A PATH with no programs on it: the HTML report is then drawn without Graphviz and does
/// not depend on which `dot` version a machine has.
fn empty_path() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn run(args: &[&str], path: Option<&Path>) -> Vec<u8> {
    let mut command = Command::cargo_bin("gapgraph").expect("the binary is built");
    command.args(args).env_remove("NO_COLOR");
    if let Some(path) = path {
        command.env("PATH", path);
    }
    let output = command.output().expect("gapgraph runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "gapgraph {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// The output as text, after checking a second run gives the same bytes.
fn render(args: &[&str], path: Option<&Path>) -> String {
    let first = run(args, path);
    assert_eq!(
        first,
        run(args, path),
        "gapgraph {args:?} is not deterministic"
    );
    String::from_utf8(first).expect("text output is UTF-8")
}

#[test]
fn table_without_colour() {
    insta::assert_snapshot!(render(&["analyze", FIXTURE], None));
}

#[test]
fn json_report() {
    insta::assert_snapshot!(render(&["analyze", FIXTURE, "--format", "json"], None));
}

#[test]
fn markdown_review() {
    insta::assert_snapshot!(render(&["analyze", FIXTURE, "--format", "markdown"], None));
}

#[test]
fn markdown_review_under_the_other_strategy() {
    insta::assert_snapshot!(render(
        &[
            "analyze",
            FIXTURE,
            "--format",
            "markdown",
            "--strategy",
            "lean"
        ],
        None
    ));
}

#[test]
fn csv_tables() {
    for table in ["fixes", "gaps", "workflows", "systems"] {
        let csv = render(
            &["analyze", FIXTURE, "--format", "csv", "--csv-table", table],
            None,
        );
        assert!(
            csv.ends_with("\r\n") && csv.matches('\n').count() == csv.matches("\r\n").count(),
            "RFC 4180 rows end in CRLF"
        );
        // Snapshots hold plain line ends; the CRLF check above covers the bytes.
        insta::assert_snapshot!(format!("csv_{table}"), csv.replace("\r\n", "\n"));
    }
    assert_eq!(
        render(&["analyze", FIXTURE, "--format", "csv"], None),
        render(
            &[
                "analyze",
                FIXTURE,
                "--format",
                "csv",
                "--csv-table",
                "fixes"
            ],
            None
        ),
        "the fixes are the default table"
    );
}

#[test]
fn html_report_without_graphviz() {
    let empty = empty_path();
    let page = render(
        &["analyze", FIXTURE, "--format", "html"],
        Some(empty.path()),
    );
    assert!(page.contains("apt-get install graphviz"));
    insta::assert_snapshot!(page);
}

#[test]
fn html_report_inlines_the_graphviz_svg() {
    if which("dot").is_none() {
        eprintln!("Graphviz `dot` not found: skipping the inline-SVG check (CI installs graphviz)");
        return;
    }
    let page = render(&["analyze", FIXTURE, "--format", "html"], None);
    let start = page.find("<svg").expect("an inline SVG");
    let end = page.find("</svg>").expect("the SVG is closed");
    assert!(start < end);
    assert!(!page.contains("<?xml"), "no XML prolog inside HTML");
    assert!(
        !page.contains("<!DOCTYPE svg"),
        "no SVG DOCTYPE inside HTML"
    );
    assert!(
        !page.contains("<!--"),
        "comments (with the Graphviz version) are dropped"
    );
    assert!(!page.contains("apt-get install graphviz"));
    let svg = &page[start..end];
    assert!(svg.contains("Quote sheet"), "system names are drawn");
    assert!(svg.contains("fix #1"), "the best fix is marked");
}

#[test]
fn dot_diagram() {
    insta::assert_snapshot!(render(&["diagram", FIXTURE], None));
}

#[test]
fn mermaid_diagram() {
    insta::assert_snapshot!(render(&["diagram", FIXTURE, "--format", "mermaid"], None));
}

#[test]
fn focus_views_agree_between_dot_and_mermaid() {
    // One workflow: only the systems on its paths and gaps, and fixes that help it.
    let args = ["diagram", FIXTURE, "--workflow", "month-end", "--top", "1"];
    let mermaid = render(&[&args[..], &["--format", "mermaid"]].concat(), None);
    insta::assert_snapshot!("mermaid_month_end", mermaid);
    let dot = render(&args, None);
    for (system, shown) in [("n2", true), ("n3", true), ("n0", false), ("n1", false)] {
        assert_eq!(
            mermaid.contains(&format!(" {system}[")),
            shown,
            "mermaid {system}"
        );
        assert_eq!(dot.contains(&format!(" {system}[")), shown, "dot {system}");
    }
    assert!(mermaid.contains("fix #35;3"), "the month-end fix is marked");

    let gaps_only = render(
        &["diagram", FIXTURE, "--gaps-only", "--format", "mermaid"],
        None,
    );
    assert!(
        !gaps_only.contains("Old archive"),
        "untouched systems drop out"
    );
    let unit = render(
        &[
            "diagram", FIXTURE, "--unit", "finance", "--format", "mermaid",
        ],
        None,
    );
    assert!(unit.contains("subgraph unit1"), "the unit's own cluster");
}

#[test]
fn mermaid_reports_unknown_focus_like_dot() {
    let output = Command::cargo_bin("gapgraph")
        .unwrap()
        .args([
            "diagram",
            FIXTURE,
            "--format",
            "mermaid",
            "--workflow",
            "month-ned",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("did you mean `month-end`?"), "{stderr}");
}

/// The first `program` on PATH.
fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|candidate| candidate.is_file())
    })
}

#[test]
fn the_library_renders_the_same_bytes_without_the_command_line() {
    use gapgraph::render::{renderer, CsvTable, DiagramKind, Format, Report, View};
    let source = std::fs::read_to_string(FIXTURE).expect("fixture");
    let loaded = gapgraph::load_str(&source, FIXTURE).expect("valid");
    let analysis = gapgraph::analysis::analyze(&loaded.model, loaded.model.default_strategy);
    let report = Report {
        model: &loaded.model,
        analysis: &analysis,
        warnings: &loaded.warnings,
    };
    let render = |format: Format| {
        let mut out = Vec::new();
        renderer(format).render(&report, &mut out).expect("renders");
        out
    };
    let cases = [
        (
            Format::Json { top: None },
            &["analyze", FIXTURE, "-f", "json"][..],
        ),
        (
            Format::Table {
                colour: false,
                top: Some(3),
            },
            &["analyze", FIXTURE, "--top", "3"],
        ),
        (
            Format::Csv {
                table: CsvTable::Gaps,
                top: None,
            },
            &["analyze", FIXTURE, "-f", "csv", "--csv-table", "gaps"],
        ),
        (
            Format::Diagram {
                view: View {
                    top: 2,
                    gaps_only: true,
                    ..View::default()
                },
                kind: DiagramKind::Mermaid,
            },
            &[
                "diagram",
                FIXTURE,
                "-f",
                "mermaid",
                "--top",
                "2",
                "--gaps-only",
            ],
        ),
    ];
    for (format, args) in cases {
        assert_eq!(render(format), run(args, None), "{args:?}");
    }
}
