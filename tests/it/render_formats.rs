//! Snapshots of every output format on one shared fixture, `tests/data/render.yaml`, run
//! through the binary as a user would. Every format must be deterministic, so each is also
//! rendered twice and compared byte for byte.

use std::path::Path;

use gapgraph::view::View;

use crate::support::{self, which};

const FIXTURE: &str = "tests/data/render.yaml";

/// 2024-06-01T00:00:00Z.
const SOURCE_DATE_EPOCH: &str = "1717200000";

/// A PATH with no programs on it: the HTML report is then drawn without Graphviz and does
/// not depend on which `dot` version a machine has.
fn empty_path() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

fn run(args: &[&str], path: Option<&Path>) -> Vec<u8> {
    let mut command = support::gapgraph();
    // The review documents record a date: a fixed one keeps them byte-identical.
    command
        .args(args)
        .env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH);
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
    let first_map = page.find("<figure class=\"diagram\"").expect("a map");
    let start = first_map + page[first_map..].find("<svg").expect("an inline SVG");
    let end = start + page[start..].find("</svg>").expect("the SVG is closed");
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
    // The unit overview opens the document; the workflow maps follow.
    let overview = &page[start..end];
    assert!(
        page[..start].ends_with("<figure class=\"diagram\" id=\"map-units\">\n"),
        "the first map is the unit overview"
    );
    assert!(overview.contains("Sales (Head of sales)") && overview.contains("Finance (CFO)"));
    assert!(
        overview.contains("fix #1 build"),
        "the best fix crosses units"
    );
    for id in ["map-systems", "map-quote-to-cash", "map-month-end"] {
        let at = page
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} is drawn"));
        assert!(page[at..].find("<svg") < page[at..].find("</figure>"));
    }
    let month_end = &page[page.find("id=\"map-month-end\"").unwrap()..];
    let month_end = &month_end[..month_end.find("</figure>").unwrap()];
    assert!(month_end.contains("step 1") && month_end.contains("fix #3 automate"));
    assert!(
        !month_end.contains("Quote sheet"),
        "one workflow's systems only"
    );
    assert!(
        page.contains("A dashed double green arrow marks fix #3, beside the integration"),
        "the month-end caption names the fix its map marks"
    );
    // One key for the page, before the first map; no map has a title or legend of its own.
    assert_eq!(page.matches("<h3>How to read the maps</h3>").count(), 1);
    assert!(page.find("How to read the maps") < Some(first_map));
    assert!(!page.contains("Legend") && !page.contains("cluster_legend"));
    assert!(
        !page.contains("strategy Growth first \u{b7} fixes"),
        "no map title"
    );
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
    let output = support::gapgraph()
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

#[test]
fn the_library_renders_the_same_bytes_without_the_command_line() {
    use gapgraph::render::{renderer, CsvTable, DiagramKind, Format};
    use gapgraph::view::Report;
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

fn gapgraph(args: &[&str]) -> std::process::Output {
    support::gapgraph()
        .args(args)
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .output()
        .unwrap()
}

#[test]
fn unit_level_dot() {
    insta::assert_snapshot!(render(&["diagram", FIXTURE, "--level", "unit"], None));
}

#[test]
fn unit_level_mermaid() {
    insta::assert_snapshot!(render(
        &["diagram", FIXTURE, "--level", "unit", "--format", "mermaid"],
        None
    ));
}

#[test]
fn unit_focus_mermaid() {
    insta::assert_snapshot!(render(
        &["diagram", FIXTURE, "--unit", "finance", "--format", "mermaid"],
        None
    ));
}

#[test]
fn unit_focus_shows_every_handoff_with_an_end_in_the_unit() {
    // The quote-to-cash workflow belongs to sales, but its ERP -> bank handoff runs between
    // two finance systems, and its bank -> CRM gap has an end in finance: both are drawn.
    let chart = render(
        &[
            "diagram", FIXTURE, "--unit", "finance", "--format", "mermaid",
        ],
        None,
    );
    assert!(chart.contains("n2 --> |\"payment\"| n3"), "{chart}");
    assert!(
        chart.contains("n3 -.-x |\"remittance"),
        "the gap to the CRM"
    );
    assert!(
        chart.contains("n0[\"CRM<br>#91;Sales#93;\"]"),
        "the CRM is an external node, outside the finance box"
    );
    assert!(!chart.contains("subgraph unit0"), "no box for sales");
    assert!(!chart.contains("Old archive"), "untouched systems stay out");
}

#[test]
fn a_focus_that_selects_nothing_exits_2_and_says_why() {
    for format in ["dot", "mermaid"] {
        let output = gapgraph(&[
            "diagram",
            FIXTURE,
            "--unit",
            "sales",
            "--workflow",
            "month-end",
            "--format",
            format,
        ]);
        assert_eq!(output.status.code(), Some(2));
        assert!(output.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: nothing to draw: no handoff of workflow `month-end` has an end in unit `sales`\n"
        );
    }
    let output = gapgraph(&["diagram", FIXTURE, "--level", "unit", "--unit", "sales"]);
    assert_eq!(
        output.status.code(),
        Some(2),
        "--level unit draws every unit"
    );
}

#[test]
fn large_diagrams_hint_at_smaller_views_and_mermaid_refuses_past_500_edges() {
    let large = "fixtures/valid/large-300.yaml";
    let output = gapgraph(&["diagram", large]);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("hint: this diagram has 300 systems, more than the 150")
            && stderr.contains("`--level unit`")
            && stderr.contains("`--unit U`")
            && stderr.contains("`--workflow W`"),
        "{stderr}"
    );
    let output = gapgraph(&["diagram", large, "--format", "mermaid"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Mermaid draws at most 500") && stderr.contains("`--level unit`"),
        "{stderr}"
    );
    // The overview of the same model is small and quiet.
    let output = gapgraph(&["diagram", large, "--level", "unit", "--format", "mermaid"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty());
    let output = gapgraph(&["diagram", "fixtures/valid/seed.yaml"]);
    assert!(output.stderr.is_empty(), "a small diagram gets no hint");
}

#[test]
fn review_documents_record_their_provenance() {
    use sha2::{Digest, Sha256};
    let digest: String = Sha256::digest(std::fs::read(FIXTURE).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let doc = render(&["analyze", FIXTURE, "--format", "markdown"], None);
    let about = &doc[doc
        .find("## About this document")
        .expect("a provenance section")..];
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        about,
        format!(
            "## About this document\n\n- Made by gapgraph {version}\n\
             - Model file: `tests/data/render.yaml`\n- Model SHA-256: `{digest}`\n\
             - Strategy: Growth first (`growth`)\n- Date: 2024-06-01\n\
             - Command: `gapgraph analyze tests/data/render.yaml --format markdown`\n"
        )
    );
    let page = render(&["analyze", FIXTURE, "--format", "html"], None);
    assert!(page.contains(&format!("<code>{digest}</code>")));
    let output = support::gapgraph()
        .args(["analyze", FIXTURE, "--format", "markdown"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("SOURCE_DATE_EPOCH"));
}

/// Every `.yaml` model under fixtures/valid, loaded and analysed.
fn shipped_models() -> Vec<(String, gapgraph::Loaded, gapgraph::analysis::Analysis)> {
    let mut paths: Vec<_> = std::fs::read_dir("fixtures/valid")
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path.display().to_string();
            let source = std::fs::read_to_string(&path).unwrap();
            let loaded = gapgraph::load_str(&source, &name).expect("valid");
            let analysis =
                gapgraph::analysis::analyze(&loaded.model, loaded.model.default_strategy);
            (name, loaded, analysis)
        })
        .collect()
}

#[test]
fn unit_level_weights_add_up_to_the_models_gap_hours() {
    use gapgraph::view::units::unit_scene;
    for (name, loaded, analysis) in shipped_models() {
        let report = gapgraph::view::Report {
            model: &loaded.model,
            analysis: &analysis,
            warnings: &loaded.warnings,
        };
        let units = unit_scene(&report, 5);
        let total = analysis.summary.annual_hours;
        assert!(
            (units.annual_hours() - total).abs() <= 1e-9 * total.max(1.0),
            "{name}: {} != {total}",
            units.annual_hours()
        );
        let counted: usize = units
            .nodes
            .iter()
            .map(|n| &n.inside)
            .chain(units.edges.iter().map(|e| &e.tally))
            .map(|t| t.automated + t.manual + t.missing)
            .sum();
        assert_eq!(
            counted, analysis.summary.handoffs,
            "{name}: every handoff once"
        );
        let missing: usize = units.edges.iter().map(|e| e.tally.missing).sum::<usize>()
            + units.nodes.iter().map(|n| n.inside.missing).sum::<usize>();
        assert_eq!(missing, analysis.summary.missing, "{name}");
    }
}

#[test]
fn every_gap_of_a_unit_appears_in_its_focus_view() {
    use gapgraph::analysis::Status;
    use gapgraph::model::SystemIx;
    use gapgraph::view::scene::scene;
    for (name, loaded, analysis) in shipped_models() {
        let model = &loaded.model;
        let report = gapgraph::view::Report {
            model,
            analysis: &analysis,
            warnings: &loaded.warnings,
        };
        for u in model.unit_ixs() {
            let view = View {
                units: vec![u],
                top: 5,
                ..View::default()
            };
            let shown = scene(&report, &view);
            let in_unit = |s: SystemIx| model.system(s).unit == Some(u);
            for h in analysis.handoffs.iter().filter(|h| h.status.is_gap()) {
                if !(in_unit(h.from) || in_unit(h.to)) {
                    continue;
                }
                let what = format!(
                    "{name}: unit {}, {} step {}",
                    u.index(),
                    h.workflow.index(),
                    h.step
                );
                assert!(shown.shows(h.from) && shown.shows(h.to), "{what}");
                if h.status == Status::Missing {
                    assert!(
                        shown
                            .missing
                            .iter()
                            .any(|m| m.from == h.from && m.to == h.to),
                        "{what}: its gap edge"
                    );
                } else {
                    for i in h.path_integrations() {
                        assert!(shown.integrations.contains(&i), "{what}: its path");
                    }
                }
            }
            for (i, integration) in model.integration_ixs().zip(&model.integrations) {
                if in_unit(integration.from) || in_unit(integration.to) {
                    assert!(
                        shown.integrations.contains(&i),
                        "{name}: integration {}",
                        integration.id
                    );
                }
            }
        }
    }
}
