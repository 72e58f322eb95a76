//! fixtures/valid/batch-steps.yaml, worked by hand in its comments: batch steps with their
//! own runs, a near-typo, stated minutes set aside for a quicker path, systems connected
//! for other data, and what rests on defaults.

use serde_json::{json, Value};

use crate::support::gapgraph_no_colour;

const FIXTURE: &str = "fixtures/valid/batch-steps.yaml";

fn gapgraph(args: &[&str]) -> String {
    let output = gapgraph_no_colour().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8(output.stdout).unwrap()
}

fn close(a: &Value, b: f64) -> bool {
    (a.as_f64().unwrap() - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn gap<'a>(report: &'a Value, workflow: &str, step: u64) -> &'a Value {
    report["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["workflow"] == workflow && g["step"] == step)
        .unwrap()
}

#[test]
fn the_json_report_carries_the_hand_computed_figures() {
    let report: Value =
        serde_json::from_str(&gapgraph(&["analyze", FIXTURE, "--format", "json"])).unwrap();
    let s = &report["summary"];
    assert!(close(&s["annual_hours"], 12_560.3));
    assert!(close(&s["annual_fte"], 12_560.3 / 1720.0));
    assert!(close(&s["annual_cost"], 628_015.0));
    // Each handoff weighs by its own runs: 50,000 automated of 100,314.
    assert!(close(&s["automation_rate"], 50_000.0 / 100_314.0));
    let a = &report["assumptions"];
    assert!(close(&a["gap_hours"], 12_560.3));
    assert!(close(&a["gap_hours_on_defaults"], 12_550.0));
    assert_eq!(a["fixes_on_default_cost"], 3);

    let typo = gap(&report, "order-to-cash", 1);
    assert_eq!(
        (&typo["status"], &typo["minutes"], &typo["minutes_source"]),
        (&json!("missing"), &json!(15.0), &json!("default"))
    );
    assert_eq!(typo["path_other_data"], json!(["shop-feed"]));
    assert!(close(&typo["annual_hours"], 12_500.0));

    let settlement = gap(&report, "order-to-cash", 2);
    assert_eq!(settlement["runs_per_year"], 250.0);
    assert_eq!(settlement["minutes"], 12.0);
    assert_eq!(settlement["fallback_minutes"], 60.0);
    assert_eq!(settlement["minutes_source"], "path");
    assert_eq!(settlement["path_on_defaults"], true);
    assert!(settlement.get("path_other_data").is_none());
    assert!(close(&settlement["annual_hours"], 50.0));

    let payment_run = gap(&report, "order-to-cash", 3);
    assert_eq!(payment_run["runs_per_year"], 52.0);
    assert_eq!(payment_run["minutes"], 1.5);
    assert_eq!(payment_run["minutes_source"], "handoff");
    // Its path has a default hop, but the stated minutes are used: not on defaults.
    assert_eq!(payment_run["path_on_defaults"], true);
    assert!(close(&payment_run["annual_hours"], 1.3));

    let commission = gap(&report, "commissions", 1);
    assert_eq!(commission["minutes_source"], "handoff");
    assert_eq!(
        commission["path_other_data"],
        json!(["crm->sheet", "sheet->payroll"])
    );
    assert!(close(&commission["annual_hours"], 9.0));

    // The typo is also a warning naming the integration that carries the near name.
    let warnings = report["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0]
        .as_str()
        .unwrap()
        .contains("did you mean `web-order` (carried by shop-feed)?"));
}

#[test]
fn the_table_says_it_in_words() {
    let table = gapgraph(&["analyze", FIXTURE]);
    for line in [
        "  Gaps cost 12,560.3 staff hours a year (7.3 FTE) = EUR 628,015 a year; strategic cost EUR 628,015",
        "  12,550.0 of 12,560.3 gap hours rest on default minutes, 0.0 measured; 3 of 4 fix costs are the default",
        "  order-to-cash#1: 15 min is defaults.missing_minutes (the handoff states no minutes)",
        "  order-to-cash#1: shop and erp are connected, but not for `web-orders`: shop->erp",
        "  order-to-cash#2: 60 min stated; 12 min by path erp->sheet->bank (default semi minutes)",
        "  commissions#1: crm and payroll are connected, but not for `commission`: crm->sheet->payroll",
    ] {
        assert!(table.lines().any(|l| l == line), "missing {line:?} in\n{table}");
    }
}

#[test]
fn the_review_documents_say_it_too() {
    let markdown = gapgraph(&["analyze", FIXTURE, "--format", "markdown"]);
    assert!(markdown.contains("staff hours a year (7.3 FTE)"));
    assert!(markdown.contains("12,550.0 of 12,560.3 gap hours rest on default minutes"));
    assert!(markdown.contains("60 min stated; 12 min by path"));
    let html = gapgraph(&["analyze", FIXTURE, "--format", "html"]);
    assert!(html.contains("3 of 4 fix costs are the default"));
    assert!(html.contains("crm and payroll are connected, but not for"));
}
