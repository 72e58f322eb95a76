//! The model additions of docs/model.md: a handoff's own `runs`,
//! `defaults.fte_hours`, and the warning for a data object that is a likely typo of a
//! carried one. Models are inline, their arithmetic in comments.

use serde_json::Value;

use crate::support::gapgraph_no_colour as gapgraph;

/// `gapgraph ARGS -` with `model` on standard input: (exit code, stdout, stderr).
fn run(args: &[&str], model: &str) -> (i32, String, String) {
    let out = gapgraph()
        .args(args)
        .arg("-")
        .write_stdin(model)
        .output()
        .expect("gapgraph runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[track_caller]
fn assert_close(actual: &Value, expected: f64) {
    let actual = actual.as_f64().expect("a number");
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0),
        "{actual} != {expected}"
    );
}

/// An order workflow that runs 180 times a working day (45,000 a year), with a daily
/// settlement and a weekly payment run inside it.
const BATCH_STEPS: &str = "\
systems: {shop: {}, erp: {}, psp: {}}
integrations:
  - {from: shop, to: erp, carries: [web-order]}
workflows:
  order-to-cash:
    runs: {count: 180, per: day}
    handoffs:
      - {from: shop, to: erp, data: web-order}
      - {from: psp, to: erp, data: settlement, runs: {count: 1, per: day}}
      - {from: erp, to: psp, data: payment-run, minutes: 30, runs: {count: 1, per: week}}
";

#[test]
fn a_handoff_with_its_own_runs_is_priced_by_them() {
    let (code, stdout, stderr) = run(&["analyze", "--format", "json"], BATCH_STEPS);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let gaps = report["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 2);
    // Settlement: 1 a day = 250 a year, missing, 15 default minutes: 62.5 h, at the
    // default 50 an hour 3,125 (not the 45,000 runs of the workflow: 11,250 h).
    let settlement = gaps.iter().find(|g| g["data"] == "settlement").unwrap();
    assert_close(&settlement["runs_per_year"], 250.0);
    assert_close(&settlement["annual_hours"], 62.5);
    assert_close(&settlement["annual_cost"], 3125.0);
    // Payment run: 1 a week = 52 a year, missing, its own 30 minutes: 26 h, 1,300.
    let payment = gaps.iter().find(|g| g["data"] == "payment-run").unwrap();
    assert_close(&payment["runs_per_year"], 52.0);
    assert_close(&payment["annual_hours"], 26.0);
    assert_close(&payment["annual_cost"], 1300.0);
    // Run-weighted automation: 45,000 automated runs of 45,000 + 250 + 52.
    assert_close(&report["summary"]["automation_rate"], 45000.0 / 45302.0);
}

#[test]
fn a_bad_handoff_runs_is_an_error_with_its_path() {
    let model = BATCH_STEPS
        .replace("runs: {count: 1, per: day}", "runs: {count: 0, per: days}")
        .replace("runs: {count: 1, per: week}", "runs: {per: week}");
    let (code, _, stderr) = run(&["validate"], &model);
    assert_eq!(code, 2, "{stderr}");
    for expected in [
        "<stdin>:9:62: error[out-of-range] at workflows.order-to-cash.handoffs[2].runs.count: \
         expected a number > 0, found 0",
        "<stdin>:9:70: error[unknown-value] at workflows.order-to-cash.handoffs[2].runs.per: \
         unknown period `days`; did you mean `day`? (one of: day, week, month, quarter, year)",
        "<stdin>:10:68: error[missing-field] at workflows.order-to-cash.handoffs[3].runs: \
         missing required field `count`",
        "error: <stdin> is not a valid model (3 errors)",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in\n{stderr}"
        );
    }
    let model = BATCH_STEPS.replace("runs: {count: 1, per: day}", "runs: daily");
    let (code, _, stderr) = run(&["validate"], &model);
    assert_eq!(code, 2);
    assert!(
        stderr.contains(
            "error[wrong-type] at workflows.order-to-cash.handoffs[2].runs: \
             expected a map, found text `daily`"
        ),
        "{stderr}"
    );
}

#[test]
fn fte_hours_defaults_to_1720_and_must_be_positive() {
    let loaded = gapgraph::load_str(BATCH_STEPS, "m.yaml").unwrap();
    assert_eq!(loaded.model.defaults.fte_hours, 1720.0);
    let with = format!("defaults: {{fte_hours: 1600}}\n{BATCH_STEPS}");
    let loaded = gapgraph::load_str(&with, "m.yaml").unwrap();
    assert_eq!(loaded.model.defaults.fte_hours, 1600.0);
    let zero = format!("defaults: {{fte_hours: 0}}\n{BATCH_STEPS}");
    let errors = gapgraph::load_str(&zero, "m.yaml").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "error[out-of-range] at defaults.fte_hours: expected a number > 0, found 0"
    );
}

const TYPO: &str = "\
systems: {shop: {}, erp: {}, wms: {}}
integrations:
  - {from: shop, to: erp, carries: [web-order]}
workflows:
  order-to-cash:
    runs: {count: 10, per: day}
    handoffs:
      - {from: shop, to: erp, data: web-orders}
      - {from: erp, to: wms, data: pick-lists}
      - {from: erp, to: wms, data: invoice}
fixes:
  - {id: wms-feed, from: erp, to: wms, cost: 5000, carries: [pick-list]}
";

#[test]
fn a_near_typo_of_a_carried_data_object_is_a_warning() {
    let (code, _, stderr) = run(&["validate"], TYPO);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "<stdin>:8:37: warning[data-typo] at workflows.order-to-cash.handoffs[1].data: \
             no integration or fix carries `web-orders`; did you mean `web-order` \
             (carried by shop->erp)?\n  8 |       - {from: shop, to: erp, data: web-orders}\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "<stdin>:9:36: warning[data-typo] at workflows.order-to-cash.handoffs[2].data: \
             no integration or fix carries `pick-lists`; did you mean `pick-list` \
             (carried by fix wms-feed)?"
        ),
        "{stderr}"
    );
    // `invoice` is near nothing carried: no warning for it.
    assert_eq!(stderr.matches("data-typo").count(), 2, "{stderr}");
}

#[test]
fn the_typo_warning_reaches_the_json_report() {
    let (code, stdout, stderr) = run(&["analyze", "--format", "json"], TYPO);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        warnings.contains(
            &"no integration or fix carries `web-orders`; did you mean `web-order` (carried by shop->erp)?"
        ),
        "{warnings:?}"
    );
}

#[test]
fn carried_names_give_no_typo_warning() {
    let exact = TYPO
        .replace("data: web-orders", "data: web-order")
        .replace("data: pick-lists", "data: pick-list");
    let (_, _, stderr) = run(&["validate"], &exact);
    assert!(!stderr.contains("data-typo"), "{stderr}");
}

#[test]
fn a_minified_file_gets_no_source_excerpt() {
    let notes = "x".repeat(1200);
    let model = format!(
        "{{\"systems\": {{\"crm\": {{\"name\": \"{notes}\"}}, \"erp\": {{}}}}, \
         \"workflows\": {{\"w\": {{\"runs\": {{\"count\": 1, \"per\": \"day\"}}, \
         \"handoffs\": [{{\"from\": \"crm\", \"to\": \"epr\", \"data\": \"d\"}}]}}}}}}"
    );
    let (code, _, stderr) = run(&["validate"], &model);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "<stdin>:1:1338: error[unknown-reference] at workflows.w.handoffs[1].to: \
         unknown system `epr`; did you mean `erp`?\n\
         error: <stdin> is not a valid model (1 error)\n"
    );
}
