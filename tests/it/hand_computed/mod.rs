//! Numbers a person can check by hand.
//!
//! Each test runs the built `gapgraph` binary on a fixture of `fixtures/valid/`
//! and compares the JSON report (`analyze --format json`, docs/outputs.md) with values
//! computed by hand from docs/scoring.md. The arithmetic is written next to each
//! assertion. Floats are compared with a relative tolerance of 1e-9.
//!
//! Conventions used in the comments:
//! - runs/year: day 250, week 52, month 12, quarter 4, year 1;
//! - hours = runs/year * minutes / 60; cost = hours * hourly cost;
//! - alignment = sum(weight * serves) / sum(weight);
//! - strategic value (sv) = cost * alignment; priority = sv / fix cost;
//! - payback months = fix cost / (annual saving / 12).
//!
//! One module per fixture or topic; the helpers below are shared.

mod economics;
mod fixes;
mod fixtures;
mod hub;
mod paths;
mod seed;
mod seed_fixes;
mod strategies;
mod worked_example;

use serde_json::Value;

use crate::support::gapgraph_no_colour as gapgraph;

// ---------------------------------------------------------------- helpers

/// Raw stdout of `gapgraph analyze fixtures/valid/FIXTURE --format json [--strategy S]`.
fn analyze_raw(fixture: &str, strategy: Option<&str>) -> Vec<u8> {
    let path = format!("fixtures/valid/{fixture}");
    let mut cmd = gapgraph();
    cmd.args(["analyze", path.as_str(), "--format", "json"]);
    if let Some(s) = strategy {
        cmd.args(["--strategy", s]);
    }
    let out = cmd.output().expect("gapgraph runs");
    assert!(
        out.status.success(),
        "gapgraph analyze {fixture} failed with {:?}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The parsed JSON report.
fn analyze(fixture: &str, strategy: Option<&str>) -> Value {
    let stdout = analyze_raw(fixture, strategy);
    let report: Value = serde_json::from_slice(&stdout).unwrap_or_else(|e| {
        panic!(
            "stdout of analyze {fixture} is not JSON: {e}\n{}",
            String::from_utf8_lossy(&stdout)
        )
    });
    assert_eq!(report["schema"], "gapgraph.report/v1");
    report
}

#[track_caller]
fn assert_close(actual: f64, expected: f64) {
    let scale = actual.abs().max(expected.abs());
    let ok = if scale == 0.0 {
        true
    } else {
        (actual - expected).abs() <= 1e-9 * scale
    };
    assert!(ok, "expected {expected}, got {actual}");
}

/// `v` is a JSON number close to `expected`.
#[track_caller]
fn close(v: &Value, expected: f64) {
    let actual = v
        .as_f64()
        .unwrap_or_else(|| panic!("expected the number {expected}, got {v}"));
    assert_close(actual, expected);
}

/// `v` is a JSON integer equal to `expected` (counts, steps, ranks).
#[track_caller]
fn count(v: &Value, expected: u64) {
    assert_eq!(
        v.as_u64(),
        Some(expected),
        "expected the count {expected}, got {v}"
    );
}

#[track_caller]
fn null(v: &Value) {
    assert!(v.is_null(), "expected null, got {v}");
}

#[track_caller]
fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array, got {v}"))
        .iter()
        .map(|x| {
            x.as_str()
                .unwrap_or_else(|| panic!("expected a string, got {x}"))
                .to_string()
        })
        .collect()
}

#[track_caller]
fn assert_strs(v: &Value, expected: &[&str]) {
    assert_eq!(strs(v), expected, "in {v}");
}

/// The audit flags of a system, sorted (the spec does not fix their order).
#[track_caller]
fn assert_flags(system: &Value, expected: &[&str]) {
    let mut got = strs(&system["flags"]);
    got.sort();
    let mut want: Vec<String> = expected
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    want.sort();
    assert_eq!(got, want, "flags of {}", system["id"]);
}

/// `(id, action)` of every fix, in rank order; also checks that `rank` is 1, 2, 3...
#[track_caller]
fn fix_order(report: &Value) -> Vec<(String, String)> {
    let fixes = report["fixes"].as_array().expect("fixes is an array");
    fixes
        .iter()
        .enumerate()
        .map(|(i, f)| {
            count(&f["rank"], i as u64 + 1);
            (
                f["id"].as_str().unwrap().to_string(),
                f["action"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[track_caller]
fn assert_fix_order(report: &Value, expected: &[(&str, &str)]) {
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(i, a)| (i.to_string(), a.to_string()))
        .collect();
    assert_eq!(fix_order(report), want);
}

#[track_caller]
fn find<'a>(list: &'a Value, pred: impl Fn(&Value) -> bool, what: &str) -> &'a Value {
    let items = list
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"));
    let found: Vec<&Value> = items.iter().filter(|x| pred(x)).collect();
    assert_eq!(found.len(), 1, "expected exactly one {what} in {list}");
    found[0]
}

#[track_caller]
fn fix<'a>(report: &'a Value, id: &str, action: &str) -> &'a Value {
    find(
        &report["fixes"],
        |f| f["id"] == id && f["action"] == action,
        &format!("fix {id} ({action})"),
    )
}

#[track_caller]
fn gap<'a>(report: &'a Value, workflow: &str, step: u64) -> &'a Value {
    find(
        &report["gaps"],
        |g| g["workflow"] == workflow && g["step"].as_u64() == Some(step),
        &format!("gap {workflow} step {step}"),
    )
}

#[track_caller]
fn by_id<'a>(report: &'a Value, section: &str, id: &str) -> &'a Value {
    find(
        &report[section],
        |x| x["id"] == id,
        &format!("{section} entry {id}"),
    )
}

/// `(workflow, step)` of the gaps in report order.
fn gap_order(report: &Value) -> Vec<(String, u64)> {
    report["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["workflow"].as_str().unwrap().to_string(),
                g["step"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[track_caller]
fn assert_gap_order(report: &Value, expected: &[(&str, u64)]) {
    let want: Vec<(String, u64)> = expected.iter().map(|(w, s)| (w.to_string(), *s)).collect();
    assert_eq!(gap_order(report), want);
}

/// Keys of a JSON object, in order.
fn keys(v: &Value) -> Vec<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("expected an object, got {v}"))
        .keys()
        .cloned()
        .collect()
}

/// All numeric fields of a fix at once.
struct FixNumbers {
    cost: f64,
    hours: f64,
    saving: f64,
    sv: f64,
    priority: Option<f64>,
    payback: Option<f64>,
}

#[track_caller]
fn assert_fix_numbers(f: &Value, n: FixNumbers) {
    close(&f["cost"], n.cost);
    close(&f["annual_hours_saved"], n.hours);
    close(&f["annual_saving"], n.saving);
    close(&f["strategic_value"], n.sv);
    match n.priority {
        Some(p) => close(&f["priority"], p),
        None => null(&f["priority"]),
    }
    match n.payback {
        Some(p) => close(&f["payback_months"], p),
        None => null(&f["payback_months"]),
    }
    assert_eq!(
        f["aligned"],
        Value::Bool(n.sv > 0.0),
        "aligned of {}",
        f["id"]
    );
}

/// All fields of a gap at once.
struct GapNumbers<'a> {
    from: &'a str,
    to: &'a str,
    data: &'a str,
    status: &'a str,
    minutes: f64,
    path: &'a [&'a str],
    runs: f64,
    hours: f64,
    cost: f64,
    alignment: f64,
    sv: f64,
}

#[track_caller]
fn assert_gap(g: &Value, n: GapNumbers) {
    assert_eq!(g["from"], n.from);
    assert_eq!(g["to"], n.to);
    assert_eq!(g["data"], n.data);
    assert_eq!(g["status"], n.status);
    close(&g["minutes"], n.minutes);
    assert_strs(&g["path"], n.path);
    close(&g["runs_per_year"], n.runs);
    close(&g["annual_hours"], n.hours);
    close(&g["annual_cost"], n.cost);
    close(&g["alignment"], n.alignment);
    close(&g["strategic_value"], n.sv);
}

/// Counts and measures of a workflow or unit entry.
#[track_caller]
fn assert_counts(v: &Value, handoffs: u64, automated: u64, manual: u64, missing: u64) {
    count(&v["handoffs"], handoffs);
    count(&v["automated"], automated);
    count(&v["manual"], manual);
    count(&v["missing"], missing);
}
