//! `discover` on the real logs in ../shared/data/eventlogs (never copied into the
//! repository), with the mappings in fixtures/discover/. The expected figures agree with
//! benches/discover_reference.py, an independent Python reading of docs/discover.md.
//! Skipped, with a message, where the logs are not there.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support;

fn logs() -> Option<PathBuf> {
    support::shared_data("eventlogs")
}

fn discover(log: &Path, map: &str, extra: &[&str]) -> Value {
    let out = support::gapgraph()
        .arg("discover")
        .arg(log)
        .args(["--map", map, "-f", "json"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (from, to, count, automated, unknown, timed) per pair, in the report's order.
fn pairs(report: &Value) -> Vec<(String, String, u64, u64, u64, u64)> {
    report["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["from"].as_str().unwrap().to_string(),
                t["to"].as_str().unwrap().to_string(),
                t["count"].as_u64().unwrap(),
                t["automated"].as_u64().unwrap(),
                t["unknown"].as_u64().unwrap(),
                t["timed"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn p(from: &str, to: &str, c: u64, a: u64, u: u64, t: u64) -> (String, String, u64, u64, u64, u64) {
    (from.into(), to.into(), c, a, u, t)
}

#[test]
fn the_running_example() {
    let Some(dir) = logs() else { return };
    let r = discover(
        &dir.join("running-example.xes"),
        "fixtures/discover/running-example.map.yaml",
        &[],
    );
    assert_eq!(
        (r["cases"].as_u64(), r["events"].as_u64()),
        (Some(6), Some(42))
    );
    assert_eq!(r["unmapped_events"], 0);
    // 2010-12-30T11:02+01:00 to 2011-01-24T14:56+01:00.
    assert!((r["span_days"].as_f64().unwrap() - 25.1625).abs() < 1e-9);
    assert_eq!(
        pairs(&r),
        vec![
            p("decision", "front-desk", 3, 0, 0, 0),
            p("decision", "payments", 6, 3, 0, 0),
            p("examination", "decision", 9, 0, 0, 0),
            p("front-desk", "examination", 9, 2, 0, 0),
        ]
    );
    assert_eq!(
        (r["variants"].as_u64(), r["covered_cases"].as_u64()),
        (Some(3), Some(5))
    );
    assert_eq!(r["workflows"][0]["cases"], 4);
}

#[test]
fn the_receipt_csv() {
    let Some(dir) = logs() else { return };
    let r = discover(
        &dir.join("receipt.csv"),
        "fixtures/discover/receipt.map.yaml",
        &[],
    );
    assert_eq!(
        (r["cases"].as_u64(), r["events"].as_u64()),
        (Some(1434), Some(8577))
    );
    assert_eq!(
        (r["variants"].as_u64(), r["covered_cases"].as_u64()),
        (Some(15), Some(1116))
    );
    let pairs = pairs(&r);
    assert!(
        pairs.contains(&p("reception", "stop-advice", 1444, 0, 0, 0)),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&p("stop-advice", "reception", 544, 0, 0, 0)),
        "{pairs:?}"
    );
    assert!((r["span_days"].as_f64().unwrap() - 478.307_122_430_555_8).abs() < 1e-9);
}

#[test]
fn the_help_desk_and_bpic_2013() {
    let Some(dir) = logs() else { return };
    let r = discover(
        &dir.join("helpdesk.xes.gz"),
        "fixtures/discover/helpdesk.map.yaml",
        &[],
    );
    assert_eq!(
        (r["cases"].as_u64(), r["events"].as_u64()),
        (Some(4580), Some(21348))
    );
    assert_eq!(r["unmapped_events"], 8);
    assert_eq!(
        (r["variants"].as_u64(), r["covered_cases"].as_u64()),
        (Some(6), Some(4389))
    );
    assert_eq!(
        pairs(&r),
        vec![
            p("second-line", "service-desk", 4736, 0, 0, 0),
            p("service-desk", "second-line", 4746, 0, 0, 0)
        ]
    );
    assert!((r["span_days"].as_f64().unwrap() - 1_451.194_826_388_889).abs() < 1e-9);
    // BPIC 2013's transitions are incident states: no event is a step, no handoff.
    let r = discover(
        &dir.join("bpic2013-incidents.xes.gz"),
        "fixtures/discover/bpic2013.map.yaml",
        &[],
    );
    assert_eq!(
        (r["cases"].as_u64(), r["events"].as_u64()),
        (Some(7554), Some(65533))
    );
    assert_eq!(r["transitions"], serde_json::json!([]));
    assert_eq!(r["variants"], 0);
}

#[test]
fn bpic_2012_and_the_model_it_writes() {
    let Some(dir) = logs() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let model = tmp.path().join("bpic2012.yaml");
    let model_arg = model.display().to_string();
    let r = discover(
        &dir.join("bpic2012.xes.gz"),
        "fixtures/discover/bpic2012.map.yaml",
        &["--model-out", &model_arg],
    );
    assert_eq!(
        (r["cases"].as_u64(), r["events"].as_u64()),
        (Some(13087), Some(262200))
    );
    assert_eq!(r["unmapped_events"], 0);
    assert!((r["span_days"].as_f64().unwrap() - 165.684_839_525_463).abs() < 1e-9);
    assert_eq!(
        (r["variants"].as_u64(), r["covered_cases"].as_u64()),
        (Some(196), Some(7781))
    );
    assert_eq!(r["workflows"].as_array().unwrap().len(), 25);
    assert_eq!(
        pairs(&r),
        vec![
            p("back-office", "loan-origination", 8366, 750, 0, 0),
            p("back-office", "offer-desk", 7937, 266, 0, 0),
            p("loan-origination", "back-office", 13313, 1, 1543, 11714),
            p("loan-origination", "offer-desk", 10139, 294, 0, 0),
            p("offer-desk", "back-office", 11713, 0, 1441, 10241),
            p("offer-desk", "loan-origination", 6084, 257, 0, 0),
        ]
    );
    let t = &r["transitions"];
    assert!((t[2]["median_minutes"].as_f64().unwrap() - 3.241_758_333_333_333).abs() < 1e-9);
    assert!((t[4]["median_minutes"].as_f64().unwrap() - 4.3612).abs() < 1e-9);
    assert!((t[2]["runs_per_year"].as_f64().unwrap() - 29_348.329_418_230_84).abs() < 1e-6);
    let text = std::fs::read_to_string(&model).unwrap();
    let loaded = gapgraph::load_str(&text, "bpic2012.yaml").unwrap();
    assert_eq!(loaded.model.integrations.len(), 6);
    assert_eq!(loaded.model.workflows.len(), 25);
    let out = support::gapgraph()
        .arg("analyze")
        .arg(&model)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    // The report marks the measured figures: every workflow's runs are measured, and the
    // timed pairs' minutes too, so measured gap hours are a real share of the total.
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_source = &report["assumptions"]["gap_hours_by_source"];
    let measured = by_source["measured"].as_f64().unwrap();
    assert!(measured > 0.0, "{by_source}");
    let gaps = report["gaps"].as_array().unwrap();
    assert!(gaps.iter().all(|g| g["runs_from"] == "measured"));
    assert!(gaps.iter().any(|g| g["minutes_from"] == "measured"));
}
