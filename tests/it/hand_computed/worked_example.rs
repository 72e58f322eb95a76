//! The worked example of the model specification (docs/model.md) and its JSON report: the figures by hand, the
//! same report from YAML, JSON and standard input, byte for byte on every run.

use super::{
    analyze, analyze_raw, assert_counts, assert_fix_numbers, assert_fix_order, assert_flags,
    assert_gap, assert_strs, by_id, close, fix, gap, gapgraph, keys, null, FixNumbers, GapNumbers,
    Value,
};

// ------------------------------------------------- worked example (docs/model.md)

/// The JSON report of the worked example as the specification prints it, verbatim. Its `units`, `systems` and `warnings`
/// are abbreviated (one entry each); every other list is complete.
const CLI_EXAMPLE: &str = r#"{
  "schema": "gapgraph.report/v1",
  "model": "Acme sales operations",
  "strategy": "growth",
  "currency": "USD",
  "summary": {
    "workflows": 1, "handoffs": 4, "automated": 3, "manual": 1, "missing": 0,
    "automation_rate": 0.75, "strategic_automation": 0.75,
    "annual_hours": 400.0, "annual_cost": 24000.0, "strategic_value": 22080.0
  },
  "fixes": [
    {
      "rank": 1, "id": "accounting->crm", "action": "catalog",
      "from": "accounting", "to": "crm", "carries": ["payment-status"],
      "name": "Native connector", "cost": 6000.0,
      "annual_hours_saved": 400.0, "annual_saving": 24000.0,
      "strategic_value": 22080.0, "priority": 3.68, "payback_months": 3.0,
      "aligned": true, "workflows": ["lead-to-cash"],
      "objectives": {"customer-growth": 14400.0, "headcount-efficiency": 7680.0}
    }
  ],
  "gaps": [
    {
      "workflow": "lead-to-cash", "step": 4,
      "from": "accounting", "to": "crm", "data": "payment-status",
      "status": "manual", "minutes": 5.0, "path": ["accounting->crm"],
      "runs_per_year": 4800.0, "annual_hours": 400.0, "annual_cost": 24000.0,
      "alignment": 0.92, "strategic_value": 22080.0
    }
  ],
  "workflows": [
    {"id": "lead-to-cash", "unit": "sales", "handoffs": 4, "automated": 3, "manual": 1,
     "missing": 0, "automation_rate": 0.75, "annual_hours": 400.0,
     "annual_cost": 24000.0, "alignment": 0.92}
  ],
  "units": [ {"id": "sales", "handoffs": 4, "automated": 3, "manual": 1, "missing": 0,
              "automation_rate": 0.75, "annual_hours": 400.0, "annual_cost": 24000.0} ],
  "systems": [ {"id": "crm", "kind": "application", "workflows": ["lead-to-cash"],
                "strategic_contribution": 0.92, "flags": []} ],
  "warnings": ["system `pipeline-sheet` is not touched by any integration or handoff"]
}"#;

/// Every field of `expected` is in `actual` with the same value (numbers within
/// 1e-9 relative). Lists must have the same length, except at the abbreviated
/// paths, where each expected entry must be found (by `id`, or equal for text).
#[track_caller]
fn assert_contains(expected: &Value, actual: &Value, path: &str) {
    const ABBREVIATED: [&str; 3] = ["units", "systems", "warnings"];
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let av = a
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k} is missing from the report"));
                let sub = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                assert_contains(ev, av, &sub);
            }
        }
        (Value::Array(e), Value::Array(a)) if ABBREVIATED.contains(&path) => {
            for ev in e {
                let av = if ev.is_string() {
                    a.iter().find(|x| *x == ev)
                } else {
                    a.iter().find(|x| x["id"] == ev["id"])
                };
                let av = av.unwrap_or_else(|| panic!("{path}: {ev} not found in {actual}"));
                assert_contains(ev, av, &format!("{path}[{}]", ev["id"]));
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(
                e.len(),
                a.len(),
                "{path}: expected {expected}, got {actual}"
            );
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                assert_contains(ev, av, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            let scale = e.abs().max(a.abs());
            assert!(
                scale == 0.0 || (e - a).abs() <= 1e-9 * scale,
                "{path}: expected {e}, got {a}"
            );
        }
        _ => assert_eq!(expected, actual, "at {path}"),
    }
}

#[test]
fn worked_example_matches_the_cli_example() {
    let report = analyze("worked-example.yaml", None);
    let example: Value = serde_json::from_str(CLI_EXAMPLE).unwrap();
    assert_contains(&example, &report, "");
}

#[test]
fn worked_example_by_hand() {
    let r = analyze("worked-example.yaml", None);
    // `strategy: growth` is declared; weights customer-growth 3, headcount-efficiency 2.
    assert_eq!(r["strategy"], "growth");
    // lead-to-cash serves 1.0 and 0.8: alignment = (3*1.0 + 2*0.8) / 5 = 4.6 / 5 = 0.92
    let g = gap(&r, "lead-to-cash", 4);
    assert_gap(
        g,
        GapNumbers {
            from: "accounting",
            to: "crm",
            data: "payment-status",
            // manual hop of 5 minutes; fallback default 15; min(5, 15) = 5
            status: "manual",
            minutes: 5.0,
            path: &["accounting->crm"],
            runs: 4800.0,    // 400/month * 12
            hours: 400.0,    // 4800 * 5 / 60
            cost: 24000.0,   // 400 h * 60 USD (unit sales)
            alignment: 0.92, // (3*1 + 2*0.8) / 5
            sv: 22080.0,     // 24000 * 0.92
        },
    );
    // Candidates: automate accounting->crm (8000) is removed by the catalog fix of
    // the same pair; connect accounting->crm is skipped (the automate candidate
    // carries payment-status) and removed by the catalog anyway: one fix.
    assert_fix_order(&r, &[("accounting->crm", "catalog")]);
    let f = fix(&r, "accounting->crm", "catalog");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 6000.0,
            hours: 400.0,
            saving: 24000.0,
            sv: 22080.0,
            priority: Some(3.68), // 22080 / 6000
            payback: Some(3.0),   // 6000 / (24000 / 12) = 6000 / 2000
        },
    );
    // objectives: 24000 * 3 * 1.0 / 5 = 14400; 24000 * 2 * 0.8 / 5 = 7680
    assert_eq!(
        keys(&f["objectives"]),
        ["customer-growth", "headcount-efficiency"]
    );
    close(&f["objectives"]["customer-growth"], 14400.0);
    close(&f["objectives"]["headcount-efficiency"], 7680.0);
    // units: finance has no workflows, so no handoffs: rate null
    let finance = by_id(&r, "units", "finance");
    assert_counts(finance, 0, 0, 0, 0);
    null(&finance["automation_rate"]);
    close(&finance["annual_hours"], 0.0);
    // pipeline-sheet: touched by nothing -> unused; a spreadsheet, so never an island
    assert_flags(by_id(&r, "systems", "pipeline-sheet"), &["unused"]);
    close(
        &by_id(&r, "systems", "pipeline-sheet")["strategic_contribution"],
        0.0,
    );
    // payments is on the path of steps 2 and 3 (both automated): one workflow
    let payments = by_id(&r, "systems", "payments");
    assert_strs(&payments["workflows"], &["lead-to-cash"]);
    close(&payments["strategic_contribution"], 0.92);
    assert_flags(payments, &[]);
}

#[test]
fn json_and_yaml_give_the_same_report() {
    // worked-example.json is the same model written in JSON.
    assert_eq!(
        analyze_raw("worked-example.yaml", None),
        analyze_raw("worked-example.json", None)
    );
}

#[test]
fn standard_input_reads_yaml_and_json() {
    for fixture in ["seed.yaml", "worked-example.json"] {
        let file = analyze_raw(fixture, None);
        let text = std::fs::read(format!(
            "{}/fixtures/valid/{fixture}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let out = gapgraph()
            .args(["analyze", "-", "--format", "json"])
            .write_stdin(text)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, file, "{fixture} through stdin");
    }
}

#[test]
fn output_is_deterministic() {
    for (fixture, strategy) in [
        ("seed.yaml", Some("growth")),
        ("seed.yaml", Some("cost-down")),
    ] {
        assert_eq!(
            analyze_raw(fixture, strategy),
            analyze_raw(fixture, strategy)
        );
    }
}
