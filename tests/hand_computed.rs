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

use assert_cmd::Command;
use serde_json::Value;

// ---------------------------------------------------------------- helpers

fn gapgraph() -> Command {
    let mut cmd = Command::cargo_bin("gapgraph").expect("the gapgraph binary is built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1");
    cmd
}

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

// ------------------------------------------------------------------ seed.yaml
//
// runs/year: lead-to-cash 300/month * 12 = 3600; lead-capture 30/week * 52 = 1560;
//            production-reporting 60/day * 250 = 15000; quality-inspection 400/month * 12 = 4800
// hourly cost: sales 60, manufacturing 40
// alignment under growth (customer-growth 3, headcount-efficiency 2; sum 5):
//   lead-to-cash (cg 1.0, he 0.5)          (3*1 + 2*0.5) / 5 = 0.8
//   lead-capture (cg 1.0)                  3 / 5 = 0.6
//   production-reporting (mc 1.0, he 0.5)  2*0.5 / 5 = 0.2
//   quality-inspection (mc 0.8)            0
// alignment under cost-down (manufacturing-cost 4, headcount-efficiency 1; sum 5):
//   lead-to-cash 1*0.5/5 = 0.1; lead-capture 0; production-reporting (4*1 + 0.5)/5 = 0.9;
//   quality-inspection 4*0.8/5 = 0.64
//
// gaps (minutes per run -> hours -> cost):
//   lead-to-cash 1 crm->accounting closed-deal: crm->deal-sheet (automated into a
//     spreadsheet = semi, default 3) + deal-sheet->accounting (manual 9) = 12 < 15:
//     manual 12; 3600*12/60 = 720 h; *60 = 43200
//   lead-to-cash 4 payments->crm payment-status: no path, own minutes 5:
//     missing 5; 3600*5/60 = 300 h; *60 = 18000
//   lead-capture 1 web-forms->crm lead: web-forms->marketing (0) + marketing->crm
//     (semi 2) = 2: manual 2; 1560*2/60 = 52 h; *60 = 3120
//   production-reporting 2 mes->erp production-confirmation: manual hop 2 minutes:
//     manual 2; 15000*2/60 = 500 h; *40 = 20000
//   production-reporting 3 mes->wms material-consumption: no path, own minutes 1:
//     missing 1; 15000*1/60 = 250 h; *40 = 10000
//   quality-inspection 1 mes->qms inspection-lot: no path, default 15:
//     missing 15; 4800*15/60 = 1200 h; *40 = 48000
//   quality-inspection 2 qms->erp nonconformance: qms->ncr-sheet (semi 3) +
//     ncr-sheet->erp (manual, default 10) = 13; own minutes 5; min(13, 5) = 5:
//     manual 5; 4800*5/60 = 400 h; *40 = 16000
//
// candidates:
//   automate marketing->crm (semi, 5000), automate mes->erp (manual, 8000); the
//     hops into/out of deal-sheet and ncr-sheet touch spreadsheets: not candidates
//   connect crm->accounting [closed-deal], connect web-forms->crm [lead],
//     connect mes->wms [material-consumption], connect mes->qms [inspection-lot] (12000 each);
//     no connect mes->erp (automate mes->erp carries production-confirmation);
//     payments->crm and qms->erp are catalog pairs
//   catalog payment-webhook (payments->crm, 9000), catalog qms->erp (6000)

#[test]
fn seed_growth_summary_and_gaps() {
    let r = analyze("seed.yaml", Some("growth"));
    assert_eq!(r["strategy"], "growth");
    assert_eq!(r["model"], "Northwind Industrial - sales and plant");
    assert_eq!(r["currency"], "EUR");
    let s = &r["summary"];
    count(&s["workflows"], 4);
    count(&s["handoffs"], 11); // 4 + 2 + 3 + 2
    count(&s["automated"], 4); // l2c 2,3; lead-capture 2; production 1
    count(&s["manual"], 4);
    count(&s["missing"], 3);
    // runs of automated handoffs: 2*3600 + 1560 + 15000 = 23760
    // runs of all handoffs: 4*3600 + 2*1560 + 3*15000 + 2*4800 = 72120
    close(&s["automation_rate"], 23760.0 / 72120.0);
    // runs*alignment per handoff: l2c 2880, capture 936, production 3000, quality 0
    // automated: 2*2880 + 936 + 3000 = 9696; all: 4*2880 + 2*936 + 3*3000 = 22392
    close(&s["strategic_automation"], 9696.0 / 22392.0);
    close(&s["annual_hours"], 3422.0); // 720 + 300 + 52 + 500 + 250 + 1200 + 400
    close(&s["annual_cost"], 158320.0); // 43200 + 18000 + 3120 + 20000 + 10000 + 48000 + 16000
    close(&s["strategic_value"], 56832.0); // 34560 + 14400 + 1872 + 4000 + 2000 + 0 + 0

    // gaps by strategic value desc, then workflow id, then step
    assert_gap_order(
        &r,
        &[
            ("lead-to-cash", 1),         // 34560
            ("lead-to-cash", 4),         // 14400
            ("production-reporting", 2), // 4000
            ("production-reporting", 3), // 2000
            ("lead-capture", 1),         // 1872
            ("quality-inspection", 1),   // 0
            ("quality-inspection", 2),   // 0
        ],
    );
    assert_gap(
        gap(&r, "lead-to-cash", 1),
        GapNumbers {
            from: "crm",
            to: "accounting",
            data: "closed-deal",
            status: "manual",
            minutes: 12.0, // 3 (semi default) + 9
            path: &["crm->deal-sheet", "deal-sheet->accounting"],
            runs: 3600.0,
            hours: 720.0,
            cost: 43200.0,
            alignment: 0.8,
            sv: 34560.0, // 43200 * 0.8
        },
    );
    assert_gap(
        gap(&r, "lead-to-cash", 4),
        GapNumbers {
            from: "payments",
            to: "crm",
            data: "payment-status",
            status: "missing",
            minutes: 5.0,
            path: &[],
            runs: 3600.0,
            hours: 300.0,
            cost: 18000.0,
            alignment: 0.8,
            sv: 14400.0,
        },
    );
    assert_gap(
        gap(&r, "lead-capture", 1),
        GapNumbers {
            from: "web-forms",
            to: "crm",
            data: "lead",
            status: "manual",
            minutes: 2.0,
            path: &["web-forms->marketing", "marketing->crm"],
            runs: 1560.0,
            hours: 52.0,
            cost: 3120.0,
            alignment: 0.6,
            sv: 1872.0, // 3120 * 0.6
        },
    );
    assert_gap(
        gap(&r, "production-reporting", 2),
        GapNumbers {
            from: "mes",
            to: "erp",
            data: "production-confirmation",
            status: "manual",
            minutes: 2.0,
            path: &["mes->erp"],
            runs: 15000.0,
            hours: 500.0,
            cost: 20000.0,
            alignment: 0.2,
            sv: 4000.0,
        },
    );
    assert_gap(
        gap(&r, "production-reporting", 3),
        GapNumbers {
            from: "mes",
            to: "wms",
            data: "material-consumption",
            status: "missing",
            minutes: 1.0,
            path: &[],
            runs: 15000.0,
            hours: 250.0,
            cost: 10000.0,
            alignment: 0.2,
            sv: 2000.0,
        },
    );
    assert_gap(
        gap(&r, "quality-inspection", 1),
        GapNumbers {
            from: "mes",
            to: "qms",
            data: "inspection-lot",
            status: "missing",
            minutes: 15.0, // defaults.missing_minutes
            path: &[],
            runs: 4800.0,
            hours: 1200.0,
            cost: 48000.0,
            alignment: 0.0,
            sv: 0.0,
        },
    );
    assert_gap(
        gap(&r, "quality-inspection", 2),
        GapNumbers {
            from: "qms",
            to: "erp",
            data: "nonconformance",
            status: "manual",
            minutes: 5.0,                                // min(3 + 10, 5)
            path: &["qms->ncr-sheet", "ncr-sheet->erp"], // reported although the fallback is quicker
            runs: 4800.0,
            hours: 400.0,
            cost: 16000.0,
            alignment: 0.0,
            sv: 0.0,
        },
    );
}

#[test]
fn seed_growth_fixes() {
    let r = analyze("seed.yaml", Some("growth"));
    assert_fix_order(
        &r,
        &[
            ("crm->accounting", "connect"), // 34560 / 12000 = 2.88
            ("payment-webhook", "catalog"), // 14400 / 9000 = 1.6
            ("mes->erp", "automate"),       // 4000 / 8000 = 0.5
            ("marketing->crm", "automate"), // 1872 / 5000 = 0.3744
            ("mes->wms", "connect"),        // 2000 / 12000 = 0.1667
            ("web-forms->crm", "connect"),  // 1872 / 12000 = 0.156
            ("mes->qms", "connect"),        // priority 0, saving 48000
            ("qms->erp", "catalog"),        // priority 0, saving 16000
        ],
    );

    let f = fix(&r, "crm->accounting", "connect");
    assert_eq!(f["from"], "crm");
    assert_eq!(f["to"], "accounting");
    assert_strs(&f["carries"], &["closed-deal"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0, // defaults.integration_cost
            hours: 720.0,  // lead-to-cash 1: 12 -> 0 minutes
            saving: 43200.0,
            sv: 34560.0,               // 43200 * 0.8
            priority: Some(2.88),      // 34560 / 12000
            payback: Some(10.0 / 3.0), // 12000 / (43200 / 12) = 12000 / 3600
        },
    );
    assert_strs(&f["workflows"], &["lead-to-cash"]);
    // split: 43200 * 3 * 1.0 / 5 = 25920; 43200 * 2 * 0.5 / 5 = 8640 (sum 34560)
    assert_eq!(
        keys(&f["objectives"]),
        ["customer-growth", "headcount-efficiency"]
    );
    close(&f["objectives"]["customer-growth"], 25920.0);
    close(&f["objectives"]["headcount-efficiency"], 8640.0);

    let f = fix(&r, "payment-webhook", "catalog");
    assert_eq!(f["from"], "payments");
    assert_eq!(f["to"], "crm");
    assert_eq!(f["name"], "Payment service webhook into the CRM");
    assert_strs(&f["carries"], &["payment-status"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 9000.0,
            hours: 300.0, // lead-to-cash 4: 5 -> 0
            saving: 18000.0,
            sv: 14400.0,
            priority: Some(1.6),
            payback: Some(6.0), // 9000 / (18000 / 12) = 9000 / 1500
        },
    );
    close(&f["objectives"]["customer-growth"], 10800.0); // 18000 * 3 / 5
    close(&f["objectives"]["headcount-efficiency"], 3600.0); // 18000 * 2 * 0.5 / 5

    let f = fix(&r, "mes->erp", "automate");
    assert_strs(&f["carries"], &["production-confirmation"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 8000.0, // fix_cost
            hours: 500.0,
            saving: 20000.0,
            sv: 4000.0, // 20000 * 0.2
            priority: Some(0.5),
            payback: Some(4.8), // 8000 / (20000 / 12)
        },
    );
    assert_strs(&f["workflows"], &["production-reporting"]);
    close(&f["objectives"]["customer-growth"], 0.0); // listed although 0
    close(&f["objectives"]["headcount-efficiency"], 4000.0); // 20000 * 2 * 0.5 / 5

    let f = fix(&r, "marketing->crm", "automate");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 5000.0,
            hours: 52.0,
            saving: 3120.0,
            sv: 1872.0,
            priority: Some(0.3744),        // 1872 / 5000
            payback: Some(5000.0 / 260.0), // 3120 / 12 = 260 a month: 19.23
        },
    );

    let f = fix(&r, "mes->wms", "connect");
    assert_strs(&f["carries"], &["material-consumption"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0,
            hours: 250.0,
            saving: 10000.0,
            sv: 2000.0,
            priority: Some(2000.0 / 12000.0),
            payback: Some(14.4), // 12000 / (10000 / 12)
        },
    );

    let f = fix(&r, "web-forms->crm", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0,
            hours: 52.0,
            saving: 3120.0,
            sv: 1872.0,
            priority: Some(0.156), // 1872 / 12000
            payback: Some(12000.0 / 260.0),
        },
    );

    // quality-inspection has alignment 0 under growth: aligned false, priority 0
    let f = fix(&r, "mes->qms", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0,
            hours: 1200.0,
            saving: 48000.0,
            sv: 0.0,
            priority: Some(0.0),
            payback: Some(3.0), // 12000 / (48000 / 12)
        },
    );
    close(&f["objectives"]["customer-growth"], 0.0);
    close(&f["objectives"]["headcount-efficiency"], 0.0);

    let f = fix(&r, "qms->erp", "catalog");
    assert_eq!(f["name"], "QMS vendor's ERP connector");
    // no carries given: the data of the gaps qms -> erp
    assert_strs(&f["carries"], &["nonconformance"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 6000.0,
            hours: 400.0, // quality-inspection 2: 5 -> 0
            saving: 16000.0,
            sv: 0.0,
            priority: Some(0.0),
            payback: Some(4.5), // 6000 / (16000 / 12)
        },
    );
}

#[test]
fn seed_cost_down_fixes_and_summary() {
    let r = analyze("seed.yaml", Some("cost-down"));
    assert_eq!(r["strategy"], "cost-down");
    let s = &r["summary"];
    // same gaps, new alignments:
    // 43200*0.1 + 18000*0.1 + 3120*0 + 20000*0.9 + 10000*0.9 + 48000*0.64 + 16000*0.64
    // = 4320 + 1800 + 0 + 18000 + 9000 + 30720 + 10240 = 74080
    close(&s["strategic_value"], 74080.0);
    close(&s["annual_cost"], 158320.0);
    // runs*alignment per handoff: l2c 360, capture 0, production 13500, quality 3072
    // automated: 2*360 + 13500 = 14220; all: 4*360 + 3*13500 + 2*3072 = 48084
    close(&s["strategic_automation"], 14220.0 / 48084.0);
    close(&s["automation_rate"], 23760.0 / 72120.0);

    assert_fix_order(
        &r,
        &[
            ("mes->qms", "connect"),        // 48000*0.64 = 30720 / 12000 = 2.56
            ("mes->erp", "automate"),       // 20000*0.9 = 18000 / 8000 = 2.25
            ("qms->erp", "catalog"),        // 16000*0.64 = 10240 / 6000 = 1.7067
            ("mes->wms", "connect"),        // 10000*0.9 = 9000 / 12000 = 0.75
            ("crm->accounting", "connect"), // 43200*0.1 = 4320 / 12000 = 0.36
            ("payment-webhook", "catalog"), // 18000*0.1 = 1800 / 9000 = 0.2
            // both priority 0, value 0, saving 3120: id byte order
            ("marketing->crm", "automate"),
            ("web-forms->crm", "connect"),
        ],
    );
    let f = fix(&r, "mes->qms", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0,
            hours: 1200.0,
            saving: 48000.0,
            sv: 30720.0,
            priority: Some(2.56),
            payback: Some(3.0),
        },
    );
    // objectives in the strategy's order: manufacturing-cost, headcount-efficiency
    assert_eq!(
        keys(&f["objectives"]),
        ["manufacturing-cost", "headcount-efficiency"]
    );
    close(&f["objectives"]["manufacturing-cost"], 30720.0); // 48000 * 4 * 0.8 / 5
    close(&f["objectives"]["headcount-efficiency"], 0.0);

    let f = fix(&r, "mes->erp", "automate");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 8000.0,
            hours: 500.0,
            saving: 20000.0,
            sv: 18000.0,
            priority: Some(2.25),
            payback: Some(4.8),
        },
    );
    close(&f["objectives"]["manufacturing-cost"], 16000.0); // 20000 * 4 * 1.0 / 5
    close(&f["objectives"]["headcount-efficiency"], 2000.0); // 20000 * 1 * 0.5 / 5

    let f = fix(&r, "qms->erp", "catalog");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 6000.0,
            hours: 400.0,
            saving: 16000.0,
            sv: 10240.0,
            priority: Some(10240.0 / 6000.0),
            payback: Some(4.5),
        },
    );

    let f = fix(&r, "crm->accounting", "connect");
    close(&f["strategic_value"], 4320.0);
    close(&f["priority"], 0.36);
    close(&f["objectives"]["manufacturing-cost"], 0.0);
    close(&f["objectives"]["headcount-efficiency"], 4320.0); // 43200 * 1 * 0.5 / 5

    let f = fix(&r, "marketing->crm", "automate");
    assert_eq!(f["aligned"], false);
    close(&f["priority"], 0.0);
    close(&f["annual_saving"], 3120.0);

    assert_gap_order(
        &r,
        &[
            ("quality-inspection", 1),   // 30720
            ("production-reporting", 2), // 18000
            ("quality-inspection", 2),   // 10240
            ("production-reporting", 3), // 9000
            ("lead-to-cash", 1),         // 4320
            ("lead-to-cash", 4),         // 1800
            ("lead-capture", 1),         // 0
        ],
    );
    close(&gap(&r, "quality-inspection", 1)["alignment"], 0.64);
    close(
        &gap(&r, "quality-inspection", 1)["strategic_value"],
        30720.0,
    );
}

#[test]
fn seed_first_fix_flips_with_the_strategy() {
    let growth = analyze("seed.yaml", Some("growth"));
    let cost_down = analyze("seed.yaml", Some("cost-down"));
    let default = analyze("seed.yaml", None);
    // growth: connect crm -> accounting (sales), priority 2.88
    assert_eq!(growth["fixes"][0]["id"], "crm->accounting");
    assert_eq!(growth["fixes"][0]["action"], "connect");
    // cost-down: connect mes -> qms (manufacturing), priority 2.56
    assert_eq!(cost_down["fixes"][0]["id"], "mes->qms");
    assert_eq!(cost_down["fixes"][0]["action"], "connect");
    // no `strategy:` in the file: the first declared (growth) is in force
    assert_eq!(default["strategy"], "growth");
    assert_eq!(default["fixes"][0]["id"], "crm->accounting");
}

#[test]
fn seed_workflows_units_systems() {
    let r = analyze("seed.yaml", Some("growth"));
    let ids: Vec<&str> = r["workflows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "lead-to-cash",
            "lead-capture",
            "production-reporting",
            "quality-inspection"
        ]
    );
    let w = by_id(&r, "workflows", "lead-to-cash");
    assert_eq!(w["unit"], "sales");
    assert_counts(w, 4, 2, 1, 1);
    close(&w["automation_rate"], 0.5); // 2 / 4
    close(&w["annual_hours"], 1020.0); // 720 + 300
    close(&w["annual_cost"], 61200.0); // 43200 + 18000
    close(&w["alignment"], 0.8);
    let w = by_id(&r, "workflows", "lead-capture");
    assert_counts(w, 2, 1, 1, 0);
    close(&w["automation_rate"], 0.5);
    close(&w["annual_cost"], 3120.0);
    close(&w["alignment"], 0.6);
    let w = by_id(&r, "workflows", "production-reporting");
    assert_counts(w, 3, 1, 1, 1);
    close(&w["automation_rate"], 1.0 / 3.0);
    close(&w["annual_hours"], 750.0); // 500 + 250
    close(&w["annual_cost"], 30000.0); // 20000 + 10000
    close(&w["alignment"], 0.2);
    let w = by_id(&r, "workflows", "quality-inspection");
    assert_counts(w, 2, 0, 1, 1);
    close(&w["automation_rate"], 0.0);
    close(&w["annual_hours"], 1600.0); // 1200 + 400
    close(&w["annual_cost"], 64000.0); // 48000 + 16000
    close(&w["alignment"], 0.0);

    // units: every declared unit, in file order
    let ids: Vec<&str> = r["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["sales", "finance", "manufacturing"]);
    let u = by_id(&r, "units", "sales"); // lead-to-cash + lead-capture
    assert_counts(u, 6, 3, 2, 1);
    close(&u["automation_rate"], 0.5); // 3 / 6
    close(&u["annual_hours"], 1072.0); // 1020 + 52
    close(&u["annual_cost"], 64320.0); // 61200 + 3120
    let u = by_id(&r, "units", "finance"); // systems only, no workflows
    assert_counts(u, 0, 0, 0, 0);
    null(&u["automation_rate"]);
    let u = by_id(&r, "units", "manufacturing");
    assert_counts(u, 5, 1, 2, 2);
    close(&u["automation_rate"], 0.2); // 1 / 5
    close(&u["annual_hours"], 2350.0); // 750 + 1600
    close(&u["annual_cost"], 94000.0); // 30000 + 64000

    // systems: (workflows touching it, contribution = sum of their alignment, flags)
    // (id, kind, workflows, strategic contribution, flags)
    type SystemCase = (
        &'static str,
        &'static str,
        &'static [&'static str],
        f64,
        &'static [&'static str],
    );
    let cases: [SystemCase; 12] = [
        (
            "crm",
            "application",
            &["lead-to-cash", "lead-capture"],
            1.4,
            &[],
        ), // 0.8 + 0.6
        ("marketing", "saas", &["lead-capture"], 0.6, &[]), // on the path of lead-capture 1
        ("web-forms", "saas", &["lead-capture"], 0.6, &[]),
        (
            "deal-sheet",
            "spreadsheet",
            &["lead-to-cash"],
            0.8,
            &["shadow-it"],
        ),
        ("accounting", "application", &["lead-to-cash"], 0.8, &[]),
        ("payments", "saas", &["lead-to-cash"], 0.8, &[]),
        // erp: production-reporting 0.2 + quality-inspection 0 (qms->erp end)
        (
            "erp",
            "application",
            &["production-reporting", "quality-inspection"],
            0.2,
            &[],
        ),
        (
            "mes",
            "application",
            &["production-reporting", "quality-inspection"],
            0.2,
            &[],
        ),
        // wms: only a missing handoff ends there; no integration touches it
        (
            "wms",
            "application",
            &["production-reporting"],
            0.2,
            &["island"],
        ),
        // qms: only quality-inspection (alignment 0); qms->ncr-sheet is effectively semi
        (
            "qms",
            "application",
            &["quality-inspection"],
            0.0,
            &["unaligned", "island"],
        ),
        // ncr-sheet: on the reported path of quality-inspection 2
        (
            "ncr-sheet",
            "spreadsheet",
            &["quality-inspection"],
            0.0,
            &["unaligned", "shadow-it"],
        ),
        // legacy-pdm: touched by nothing (and no automated integration): unused, island
        ("legacy-pdm", "database", &[], 0.0, &["unused", "island"]),
    ];
    assert_eq!(r["systems"].as_array().unwrap().len(), 12);
    for (id, kind, workflows, contribution, flags) in cases {
        let s = by_id(&r, "systems", id);
        assert_eq!(s["kind"], kind, "kind of {id}");
        assert_strs(&s["workflows"], workflows);
        close(&s["strategic_contribution"], contribution);
        assert_flags(s, flags);
    }
    let warnings = strs(&r["warnings"]);
    assert!(
        warnings.iter().any(|w| w.contains("legacy-pdm")),
        "a warning names the untouched system legacy-pdm: {warnings:?}"
    );
}

#[test]
fn seed_systems_under_cost_down() {
    let r = analyze("seed.yaml", Some("cost-down"));
    // lead-capture has alignment 0 under cost-down: its systems become unaligned
    let cases: [(&str, f64, &[&str]); 7] = [
        ("crm", 0.1, &[]), // 0.1 + 0
        ("marketing", 0.0, &["unaligned"]),
        ("web-forms", 0.0, &["unaligned"]),
        ("erp", 1.54, &[]), // 0.9 + 0.64
        ("wms", 0.9, &["island"]),
        ("qms", 0.64, &["island"]),
        ("ncr-sheet", 0.64, &["shadow-it"]),
    ];
    for (id, contribution, flags) in cases {
        let s = by_id(&r, "systems", id);
        close(&s["strategic_contribution"], contribution);
        assert_flags(s, flags);
    }
}

// ------------------------------------------------------------------- hub.yaml
//
// one strategy, fast-fulfilment 1; logistics 40/h
// web-orders 500/month = 6000 runs, alignment 1.0
// store-replenishment 20/day = 5000 runs, alignment 0.5
// price-sync 1/week = 52 runs, alignment 0.2 (automated: erp->esb "*" + esb->shop)
// returns 100/month = 1200 runs, alignment 0.5

#[test]
fn hub_fix_closes_two_workflows() {
    let r = analyze("hub.yaml", None);
    assert_eq!(r["strategy"], "fulfilment");
    let s = &r["summary"];
    count(&s["workflows"], 4);
    count(&s["handoffs"], 4);
    count(&s["automated"], 1);
    count(&s["manual"], 1);
    count(&s["missing"], 2);
    close(&s["automation_rate"], 52.0 / 12252.0); // 52 / (6000 + 5000 + 52 + 1200)
                                                  // runs*alignment: 6000, 2500, 10.4, 600 -> 10.4 / 9110.4
    close(&s["strategic_automation"], 10.4 / 9110.4);
    close(&s["annual_hours"], 880.0); // 300 + 500 + 80
    close(&s["annual_cost"], 35200.0); // 12000 + 20000 + 3200
    close(&s["strategic_value"], 23600.0); // 12000 + 10000 + 1600

    assert_gap_order(
        &r,
        &[
            ("web-orders", 1),
            ("store-replenishment", 1),
            ("returns", 1),
        ],
    );
    assert_gap(
        gap(&r, "web-orders", 1),
        GapNumbers {
            from: "shop",
            to: "wms",
            data: "order",
            status: "missing", // shop->esb exists, esb->wms does not
            minutes: 3.0,
            path: &[],
            runs: 6000.0,
            hours: 300.0,  // 6000 * 3 / 60
            cost: 12000.0, // 300 * 40
            alignment: 1.0,
            sv: 12000.0,
        },
    );
    assert_gap(
        gap(&r, "store-replenishment", 1),
        GapNumbers {
            from: "pos",
            to: "wms",
            data: "replenishment-request",
            status: "missing",
            minutes: 6.0,
            path: &[],
            runs: 5000.0,
            hours: 500.0, // 5000 * 6 / 60
            cost: 20000.0,
            alignment: 0.5,
            sv: 10000.0,
        },
    );
    assert_gap(
        gap(&r, "returns", 1),
        GapNumbers {
            from: "shop",
            to: "erp",
            data: "return-request",
            status: "manual", // shop->esb (0) + esb->erp (semi, 4)
            minutes: 4.0,
            path: &["shop->esb", "esb->erp"],
            runs: 1200.0,
            hours: 80.0, // 1200 * 4 / 60
            cost: 3200.0,
            alignment: 0.5,
            sv: 1600.0,
        },
    );

    assert_fix_order(
        &r,
        &[
            ("esb-wms-adapter", "catalog"), // 22000 / 16000 = 1.375
            ("shop->wms", "connect"),       // 12000 / 10000 = 1.2
            ("pos->wms", "connect"),        // 10000 / 10000 = 1.0
            ("esb->erp", "automate"),       // 1600 / 7000 = 0.2286
            ("shop->erp", "connect"),       // 1600 / 10000 = 0.16
        ],
    );
    let f = fix(&r, "esb-wms-adapter", "catalog");
    assert_eq!(f["from"], "esb");
    assert_eq!(f["to"], "wms");
    assert_strs(&f["carries"], &["order", "replenishment-request"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 16000.0,
            hours: 800.0,    // 300 + 500: both workflows
            saving: 32000.0, // 12000 + 20000
            sv: 22000.0,     // 12000*1.0 + 20000*0.5
            priority: Some(1.375),
            payback: Some(6.0), // 16000 / (32000 / 12)
        },
    );
    assert_strs(&f["workflows"], &["web-orders", "store-replenishment"]);
    assert_eq!(keys(&f["objectives"]), ["fast-fulfilment"]);
    close(&f["objectives"]["fast-fulfilment"], 22000.0);

    let f = fix(&r, "shop->wms", "connect");
    assert_strs(&f["carries"], &["order"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 300.0,
            saving: 12000.0,
            sv: 12000.0,
            priority: Some(1.2),
            payback: Some(10.0),
        },
    );
    assert_strs(&f["workflows"], &["web-orders"]);
    let f = fix(&r, "pos->wms", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 500.0,
            saving: 20000.0,
            sv: 10000.0,
            priority: Some(1.0),
            payback: Some(6.0),
        },
    );
    let f = fix(&r, "esb->erp", "automate");
    assert_strs(&f["carries"], &["return-request"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 7000.0,
            hours: 80.0,
            saving: 3200.0,
            sv: 1600.0,
            priority: Some(1600.0 / 7000.0),
            payback: Some(26.25), // 7000 / (3200 / 12)
        },
    );
    let f = fix(&r, "shop->erp", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 80.0,
            saving: 3200.0,
            sv: 1600.0,
            priority: Some(0.16),
            payback: Some(37.5), // 10000 / (3200 / 12)
        },
    );

    // the hub is on the reported paths of price-sync (automated) and returns
    let esb = by_id(&r, "systems", "esb");
    assert_eq!(esb["kind"], "platform");
    assert_strs(&esb["workflows"], &["price-sync", "returns"]);
    close(&esb["strategic_contribution"], 0.7); // 0.2 + 0.5
    assert_flags(esb, &[]);
    let shop = by_id(&r, "systems", "shop");
    assert_strs(&shop["workflows"], &["web-orders", "price-sync", "returns"]);
    close(&shop["strategic_contribution"], 1.7); // 1.0 + 0.2 + 0.5
    let wms = by_id(&r, "systems", "wms");
    assert_strs(&wms["workflows"], &["web-orders", "store-replenishment"]);
    close(&wms["strategic_contribution"], 1.5);
    assert_flags(wms, &["island"]); // no integration touches it yet
    let u = by_id(&r, "units", "logistics");
    assert_counts(u, 4, 1, 1, 2);
    close(&u["automation_rate"], 0.25);
    close(&u["annual_cost"], 35200.0);
}

// ------------------------------------------------------ semi-spreadsheet.yaml

#[test]
fn semi_hop_through_a_spreadsheet() {
    let r = analyze("semi-spreadsheet.yaml", None);
    // 1000 runs/year, 60/h, alignment 1 * 0.5 / 1 = 0.5
    assert_gap(
        gap(&r, "order-entry", 1),
        GapNumbers {
            from: "shop",
            to: "erp",
            data: "order",
            // shop->orders-sheet: automated into a spreadsheet = semi, default 3
            // orders-sheet->erp: semi, 4; 3 + 4 = 7 < 15
            status: "manual",
            minutes: 7.0,
            path: &["shop->orders-sheet", "orders-sheet->erp"],
            runs: 1000.0,
            hours: 7000.0 / 60.0, // 1000 * 7 / 60 = 116.67
            cost: 7000.0,         // 116.67 * 60
            alignment: 0.5,
            sv: 3500.0,
        },
    );
    assert_gap(
        gap(&r, "order-entry", 2),
        GapNumbers {
            from: "erp",
            to: "invoice-sheet",
            data: "invoice",
            status: "missing",
            minutes: 15.0,
            path: &[],
            runs: 1000.0,
            hours: 250.0,  // 1000 * 15 / 60
            cost: 15000.0, // 250 * 60
            alignment: 0.5,
            sv: 7500.0,
        },
    );
    assert_gap_order(&r, &[("order-entry", 2), ("order-entry", 1)]);
    let s = &r["summary"];
    count(&s["automated"], 0);
    close(&s["automation_rate"], 0.0);
    close(&s["strategic_automation"], 0.0); // weight 1000*0.5*2 > 0, nothing automated
    close(&s["annual_hours"], 250.0 + 7000.0 / 60.0);
    close(&s["annual_cost"], 22000.0);
    close(&s["strategic_value"], 11000.0);

    // No automate candidates (both hops touch a spreadsheet), no connect into
    // invoice-sheet (manual kind): connect shop->erp and the catalog fix only.
    assert_fix_order(
        &r,
        &[("erp->invoice-sheet", "catalog"), ("shop->erp", "connect")],
    );
    let f = fix(&r, "erp->invoice-sheet", "catalog");
    assert_strs(&f["carries"], &["invoice"]); // defaulted to the gap's data
                                              // the new "automated" hop ends in a spreadsheet: semi, 3 minutes; 15 -> 3 saves 12
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 1500.0,
            hours: 200.0,        // 1000 * 12 / 60
            saving: 12000.0,     // 200 * 60
            sv: 6000.0,          // 12000 * 0.5
            priority: Some(4.0), // 6000 / 1500
            payback: Some(1.5),  // 1500 / (12000 / 12)
        },
    );
    let f = fix(&r, "shop->erp", "connect");
    assert_strs(&f["carries"], &["order"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 5000.0, // defaults.integration_cost
            hours: 7000.0 / 60.0,
            saving: 7000.0,
            sv: 3500.0,
            priority: Some(0.7),                     // 3500 / 5000
            payback: Some(5000.0 / (7000.0 / 12.0)), // 8.57
        },
    );
    // audit flags: the two sheets are shadow IT; shop and erp are islands
    // (their only integrations are effectively semi)
    assert_flags(by_id(&r, "systems", "shop"), &["island"]);
    assert_flags(by_id(&r, "systems", "orders-sheet"), &["shadow-it"]);
    assert_flags(by_id(&r, "systems", "erp"), &["island"]);
    assert_flags(by_id(&r, "systems", "invoice-sheet"), &["shadow-it"]);
    assert_strs(
        &by_id(&r, "systems", "orders-sheet")["workflows"],
        &["order-entry"],
    );
}

// --------------------------------------------------- missing-own-minutes.yaml

#[test]
fn missing_handoff_with_its_own_minutes() {
    let r = analyze("missing-own-minutes.yaml", None);
    // 20/week * 52 = 1040 runs; 60/h; alignment 1
    assert_gap(
        gap(&r, "refunds", 1),
        GapNumbers {
            from: "helpdesk",
            to: "billing",
            data: "refund-request",
            status: "missing",
            minutes: 4.0, // its own minutes, not the default 15
            path: &[],
            runs: 1040.0,
            hours: 1040.0 * 4.0 / 60.0, // 69.33
            cost: 4160.0,               // 69.33 * 60
            alignment: 1.0,
            sv: 4160.0,
        },
    );
    // missing, minutes 0: still a gap, costing nothing
    assert_gap(
        gap(&r, "refunds", 2),
        GapNumbers {
            from: "billing",
            to: "helpdesk",
            data: "refund-status",
            status: "missing",
            minutes: 0.0,
            path: &[],
            runs: 1040.0,
            hours: 0.0,
            cost: 0.0,
            alignment: 1.0,
            sv: 0.0,
        },
    );
    let s = &r["summary"];
    count(&s["missing"], 2);
    close(&s["annual_cost"], 4160.0);
    // connect billing->helpdesk would save 0 hours: not listed
    assert_fix_order(&r, &[("helpdesk->billing", "connect")]);
    assert_fix_numbers(
        fix(&r, "helpdesk->billing", "connect"),
        FixNumbers {
            cost: 10000.0, // default integration_cost
            hours: 1040.0 * 4.0 / 60.0,
            saving: 4160.0,
            sv: 4160.0,
            priority: Some(0.416),
            payback: Some(10000.0 / (4160.0 / 12.0)), // 28.85
        },
    );
}

// -------------------------------------------------------------- min-rule.yaml

#[test]
fn min_of_path_and_fallback() {
    let r = analyze("min-rule.yaml", None);
    // 50/month = 600 runs; 60/h; alignment 2*1.0/2 = 1
    assert_gap(
        gap(&r, "batch-release", 1),
        GapNumbers {
            from: "lims",
            to: "erp",
            data: "test-result",
            status: "manual",
            minutes: 6.0, // min(5 + 10, 6)
            path: &["lims->mes", "mes->erp"],
            runs: 600.0,
            hours: 60.0, // 600 * 6 / 60
            cost: 3600.0,
            alignment: 1.0,
            sv: 3600.0,
        },
    );
    assert_gap(
        gap(&r, "batch-release", 2),
        GapNumbers {
            from: "lims",
            to: "mes",
            data: "test-result",
            status: "manual",
            minutes: 5.0, // min(5, 15)
            path: &["lims->mes"],
            runs: 600.0,
            hours: 50.0,
            cost: 3000.0,
            alignment: 1.0,
            sv: 3000.0,
        },
    );
    assert_fix_order(
        &r,
        &[
            ("lims->mes", "automate"), // 3000 / 3000 = 1.0
            ("lims->erp", "connect"),  // 3600 / 10000 = 0.36
            ("mes->erp", "automate"),  // 600 / 4000 = 0.15
        ],
    );
    // automate lims->mes: step 1 stays min(0 + 10, 6) = 6; step 2: 5 -> 0
    assert_fix_numbers(
        fix(&r, "lims->mes", "automate"),
        FixNumbers {
            cost: 3000.0,
            hours: 50.0,
            saving: 3000.0,
            sv: 3000.0,
            priority: Some(1.0),
            payback: Some(12.0), // 3000 / (3000 / 12)
        },
    );
    // connect lims->erp: step 1: 6 -> 0
    assert_fix_numbers(
        fix(&r, "lims->erp", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 60.0,
            saving: 3600.0,
            sv: 3600.0,
            priority: Some(0.36),
            payback: Some(10000.0 / 300.0), // 33.33
        },
    );
    // automate mes->erp: step 1: min(5 + 0, 6) = 5, saves 1 minute: 600 * 1 / 60 = 10 h
    assert_fix_numbers(
        fix(&r, "mes->erp", "automate"),
        FixNumbers {
            cost: 4000.0,
            hours: 10.0,
            saving: 600.0,
            sv: 600.0,
            priority: Some(0.15),
            payback: Some(80.0), // 4000 / (600 / 12)
        },
    );
    for id in ["lims", "mes", "erp"] {
        assert_flags(by_id(&r, "systems", id), &["island"]); // all hops are manual
    }
}

// ---------------------------------------------------------- catalog-free.yaml

#[test]
fn zero_cost_catalog_fixes() {
    let r = analyze("catalog-free.yaml", None);
    // order-sync 100/month = 1200 runs, alignment 1; reporting 20/month = 240 runs,
    // serves nothing: alignment 0. 60/h.
    assert_fix_order(
        &r,
        &[
            ("shop->crm", "catalog"), // cost 0 with value: first
            ("shop->erp", "connect"), // 6000 / 10000 = 0.6
            ("erp->bi", "catalog"),   // cost 0, no value: priority counts 0; saving 7200
            ("crm->bi", "connect"),   // priority 0; saving 2400
        ],
    );
    let f = fix(&r, "shop->crm", "catalog");
    assert_eq!(f["name"], "Built-in CRM connector of the shop");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 0.0,
            hours: 40.0,    // 1200 * 2 / 60
            saving: 2400.0, // 40 * 60
            sv: 2400.0,
            priority: None,     // value / 0
            payback: Some(0.0), // zero cost with saving
        },
    );
    assert_fix_numbers(
        fix(&r, "shop->erp", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 100.0, // 1200 * 5 / 60
            saving: 6000.0,
            sv: 6000.0,
            priority: Some(0.6),
            payback: Some(20.0), // 10000 / 500
        },
    );
    let f = fix(&r, "erp->bi", "catalog");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 0.0,
            hours: 120.0, // 240 * 30 / 60
            saving: 7200.0,
            sv: 0.0,
            priority: None,
            payback: Some(0.0),
        },
    );
    assert_eq!(f["aligned"], false);
    close(&f["objectives"]["growth"], 0.0);
    assert_fix_numbers(
        fix(&r, "crm->bi", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 40.0, // 240 * 10 / 60
            saving: 2400.0,
            sv: 0.0,
            priority: Some(0.0), // positive cost, no value
            payback: Some(50.0), // 10000 / 200
        },
    );
    let s = &r["summary"];
    close(&s["annual_cost"], 18000.0); // 2400 + 6000 + 7200 + 2400
    close(&s["strategic_value"], 8400.0); // 2400 + 6000
    assert_gap_order(
        &r,
        &[
            ("order-sync", 2),
            ("order-sync", 1),
            ("reporting", 1),
            ("reporting", 2),
        ],
    );
    let bi = by_id(&r, "systems", "bi");
    assert_flags(bi, &["unaligned", "island"]);
    let warnings = strs(&r["warnings"]);
    assert!(
        warnings.iter().any(|w| w.contains("reporting")),
        "a warning says workflow reporting serves nothing: {warnings:?}"
    );
}

// ------------------------------------------------------------- tie-by-id.yaml

#[test]
fn ties_are_broken_by_id_then_action() {
    let r = analyze("tie-by-id.yaml", None);
    assert_fix_order(
        &r,
        &[
            // cost 6000, saving 1200 * 5 / 60 * 60 = 6000, sv 6000, priority 1.0: tie;
            // "crm->erp" < "crm->wms" in byte order (the handoffs are written wms first)
            ("crm->erp", "connect"),
            ("crm->wms", "connect"),
            // cost 6000, 600 * 2 / 60 = 20 h, 1200, priority 0.2: tie on every key and id;
            // automate before connect
            ("erp->crm", "automate"),
            ("erp->crm", "connect"),
        ],
    );
    for id in ["crm->erp", "crm->wms"] {
        assert_fix_numbers(
            fix(&r, id, "connect"),
            FixNumbers {
                cost: 6000.0,
                hours: 100.0,
                saving: 6000.0,
                sv: 6000.0,
                priority: Some(1.0),
                payback: Some(12.0),
            },
        );
    }
    let automate = fix(&r, "erp->crm", "automate");
    assert_strs(&automate["carries"], &["invoice"]);
    let connect = fix(&r, "erp->crm", "connect");
    // all gap data from erp to crm, in order of first appearance
    assert_strs(&connect["carries"], &["invoice", "credit-note"]);
    for f in [automate, connect] {
        assert_fix_numbers(
            f,
            FixNumbers {
                cost: 6000.0,
                hours: 20.0,
                saving: 1200.0,
                sv: 1200.0,
                priority: Some(0.2),
                payback: Some(60.0), // 6000 / (1200 / 12)
            },
        );
        assert_strs(&f["workflows"], &["billing"]);
    }
    // gaps: fulfilment 1 and 2 tie on value (6000) and workflow: by step
    assert_gap_order(
        &r,
        &[
            ("fulfilment", 1),
            ("fulfilment", 2),
            ("billing", 1),
            ("billing", 2),
        ],
    );
}

// ------------------------------------------------ connect-cross-workflow.yaml

#[test]
fn connect_fix_counts_other_workflows() {
    let r = analyze("connect-cross-workflow.yaml", None);
    // order-booking: 1200 runs, 4 min, 60/h -> 80 h, 4800; alignment 0.75 -> 3600
    // shipping:      1200 runs, 3 min, 40/h -> 60 h, 2400; alignment 0.25 -> 600
    assert_fix_order(&r, &[("crm->erp", "connect"), ("crm->wms", "connect")]);
    let f = fix(&r, "crm->erp", "connect");
    assert_strs(&f["carries"], &["order"]);
    // the new crm->erp edge completes crm -> erp -> wms for shipping too
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 140.0,   // 80 + 60
            saving: 7200.0, // 4800 + 2400
            sv: 4200.0,     // 3600 + 600
            priority: Some(0.42),
            payback: Some(10000.0 / 600.0), // 16.67
        },
    );
    assert_strs(&f["workflows"], &["order-booking", "shipping"]);
    assert_eq!(keys(&f["objectives"]), ["sales-growth", "logistics-cost"]);
    close(&f["objectives"]["sales-growth"], 3600.0); // 4800 * 3 * 1.0 / 4
    close(&f["objectives"]["logistics-cost"], 600.0); // 2400 * 1 * 1.0 / 4
    let f = fix(&r, "crm->wms", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 60.0,
            saving: 2400.0,
            sv: 600.0,
            priority: Some(0.06),
            payback: Some(50.0),
        },
    );
    assert_strs(&f["workflows"], &["shipping"]);
    close(&f["objectives"]["sales-growth"], 0.0);
    close(&f["objectives"]["logistics-cost"], 600.0);
    // units with different hourly costs
    close(&by_id(&r, "units", "sales")["annual_cost"], 4800.0);
    close(&by_id(&r, "units", "logistics")["annual_cost"], 2400.0);
    // erp->wms is automated: erp and wms are not islands, crm is
    assert_flags(by_id(&r, "systems", "crm"), &["island"]);
    assert_flags(by_id(&r, "systems", "erp"), &[]);
    assert_flags(by_id(&r, "systems", "wms"), &[]);
}

// ---------------------------------------------------------- strategy-flip.yaml

#[test]
fn strategy_in_force_orders_the_fixes() {
    // order-intake: 1000 runs * 6 min / 60 = 100 h * 60 = 6000, serves revenue
    // shop-floor:    600 runs * 10 min / 60 = 100 h * 60 = 6000, serves cost
    let default = analyze("strategy-flip.yaml", None);
    assert_eq!(default["strategy"], "save"); // `strategy: save`, not the first declared
    let grow = analyze("strategy-flip.yaml", Some("grow"));
    let save = analyze("strategy-flip.yaml", Some("save"));
    assert_eq!(grow["strategy"], "grow");
    assert_fix_order(&grow, &[("crm->erp", "connect"), ("mes->erp", "connect")]);
    assert_fix_order(&save, &[("mes->erp", "connect"), ("crm->erp", "connect")]);
    assert_eq!(
        serde_json::to_string(&default).unwrap(),
        serde_json::to_string(&save).unwrap()
    );
    // under grow: crm->erp sv 6000, priority 0.6; mes->erp sv 0, aligned false
    assert_fix_numbers(
        fix(&grow, "crm->erp", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 100.0,
            saving: 6000.0,
            sv: 6000.0,
            priority: Some(0.6),
            payback: Some(20.0),
        },
    );
    assert_fix_numbers(
        fix(&grow, "mes->erp", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 100.0,
            saving: 6000.0,
            sv: 0.0,
            priority: Some(0.0),
            payback: Some(20.0),
        },
    );
    assert_eq!(keys(&grow["fixes"][0]["objectives"]), ["revenue"]);
    assert_eq!(keys(&save["fixes"][0]["objectives"]), ["cost"]);
    assert_flags(by_id(&grow, "systems", "mes"), &["unaligned", "island"]);
    assert_flags(by_id(&save, "systems", "crm"), &["unaligned", "island"]);
    close(&by_id(&grow, "workflows", "shop-floor")["alignment"], 0.0);
    close(&by_id(&save, "workflows", "shop-floor")["alignment"], 1.0);
}

// ----------------------------------------------------------- no-strategies.yaml

#[test]
fn model_without_strategies() {
    let r = analyze("no-strategies.yaml", None);
    null(&r["strategy"]);
    // 10/week * 52 = 520 runs; no unit, no defaults: 50/h; alignment 1
    assert_gap(
        gap(&r, "invoicing", 1),
        GapNumbers {
            from: "crm",
            to: "erp",
            data: "invoice",
            status: "manual",
            minutes: 10.0, // defaults.manual_minutes
            path: &["crm->erp"],
            runs: 520.0,
            hours: 520.0 * 10.0 / 60.0,       // 86.67
            cost: 520.0 * 10.0 / 60.0 * 50.0, // 4333.33
            alignment: 1.0,
            sv: 520.0 * 10.0 / 60.0 * 50.0,
        },
    );
    assert_gap(
        gap(&r, "invoicing", 2),
        GapNumbers {
            from: "erp",
            to: "crm",
            data: "payment",
            status: "missing",
            minutes: 15.0, // defaults.missing_minutes
            path: &[],
            runs: 520.0,
            hours: 130.0, // 520 * 15 / 60
            cost: 6500.0, // 130 * 50
            alignment: 1.0,
            sv: 6500.0,
        },
    );
    let s = &r["summary"];
    close(&s["strategic_value"], 6500.0 + 26000.0 / 6.0); // = annual_cost, 10833.33
    close(&s["annual_cost"], 6500.0 + 26000.0 / 6.0);
    close(&s["strategic_automation"], 0.0);
    assert_fix_order(&r, &[("erp->crm", "connect"), ("crm->erp", "automate")]);
    let f = fix(&r, "erp->crm", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 130.0,
            saving: 6500.0,
            sv: 6500.0,
            priority: Some(0.65),
            payback: Some(10000.0 / (6500.0 / 12.0)), // 18.46
        },
    );
    assert_eq!(f["objectives"], serde_json::json!({}));
    let f = fix(&r, "crm->erp", "automate");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0, // defaults.integration_cost
            hours: 520.0 * 10.0 / 60.0,
            saving: 26000.0 / 6.0,
            sv: 26000.0 / 6.0,
            priority: Some(26000.0 / 6.0 / 10000.0), // 0.4333
            payback: Some(10000.0 / (26000.0 / 6.0 / 12.0)), // 27.69
        },
    );
    assert_eq!(f["objectives"], serde_json::json!({}));
    null(&by_id(&r, "workflows", "invoicing")["unit"]);
    close(&by_id(&r, "workflows", "invoicing")["alignment"], 1.0);
    close(&by_id(&r, "systems", "crm")["strategic_contribution"], 1.0);
    assert!(
        !r["warnings"].as_array().unwrap().is_empty(),
        "a warning says there are no strategies"
    );
}

// --------------------------------------------------------- flat-fee-unit.yaml

#[test]
fn hours_without_money_have_no_payback() {
    let r = analyze("flat-fee-unit.yaml", None);
    // 50/week * 52 = 2600 runs; missing, 3 minutes: 2600 * 3 / 60 = 130 h; hourly_cost 0
    assert_gap(
        gap(&r, "alert-to-ticket", 1),
        GapNumbers {
            from: "monitoring",
            to: "itsm",
            data: "alert",
            status: "missing",
            minutes: 3.0,
            path: &[],
            runs: 2600.0,
            hours: 130.0,
            cost: 0.0,      // 130 h * 0
            alignment: 0.0, // serves nothing
            sv: 0.0,
        },
    );
    let s = &r["summary"];
    close(&s["annual_hours"], 130.0);
    close(&s["annual_cost"], 0.0);
    close(&s["automation_rate"], 0.0);
    // runs * alignment = 2600 * 0 = 0 for every handoff: null
    null(&s["strategic_automation"]);
    // listed because it saves hours (130 > 0)
    assert_fix_order(&r, &[("monitoring->itsm", "connect")]);
    let f = fix(&r, "monitoring->itsm", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 130.0,
            saving: 0.0,
            sv: 0.0,
            priority: Some(0.0), // value 0, cost positive
            payback: None,       // no saving
        },
    );
    close(&f["objectives"]["service-quality"], 0.0);
    let warnings = strs(&r["warnings"]);
    assert!(
        warnings.iter().any(|w| w.contains("alert-to-ticket")),
        "a warning says the workflow serves nothing: {warnings:?}"
    );
}

// ------------------------------------------------------------ empty-model.yaml

#[test]
fn empty_model() {
    let r = analyze("empty-model.yaml", None);
    null(&r["model"]);
    null(&r["strategy"]);
    assert_eq!(r["currency"], "USD");
    let s = &r["summary"];
    count(&s["workflows"], 0);
    count(&s["handoffs"], 0);
    null(&s["automation_rate"]);
    null(&s["strategic_automation"]);
    close(&s["annual_hours"], 0.0);
    close(&s["annual_cost"], 0.0);
    close(&s["strategic_value"], 0.0);
    assert_eq!(r["fixes"], serde_json::json!([]));
    assert_eq!(r["gaps"], serde_json::json!([]));
    assert!(!r["warnings"].as_array().unwrap().is_empty());
}

// ----------------------------------------------------------- budgeted plan

#[test]

fn hub_plan_under_a_budget() {
    let run = |budget: &str| -> Value {
        let out = gapgraph()
            .args([
                "plan",
                "fixtures/valid/hub.yaml",
                "--budget",
                budget,
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // Budget 30000. Round 1: esb-wms-adapter (priority 1.375, 16000) fits.
    // Round 2, against the model with the adapter: shop->wms and pos->wms save
    // nothing any more; esb->erp (1600 / 7000) fits: 16000 + 7000 = 23000.
    // Round 3: shop->erp saves nothing now (returns is automated). Stop.
    let p = run("30000");
    assert_eq!(p["schema"], "gapgraph.plan/v1");
    close(&p["budget"], 30000.0);
    let steps = p["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    count(&steps[0]["step"], 1);
    assert_eq!(steps[0]["id"], "esb-wms-adapter");
    close(&steps[0]["annual_saving"], 32000.0);
    close(&steps[0]["strategic_value"], 22000.0);
    close(&steps[0]["cumulative_cost"], 16000.0);
    assert_eq!(steps[1]["id"], "esb->erp");
    assert_eq!(steps[1]["action"], "automate");
    close(&steps[1]["annual_saving"], 3200.0);
    close(&steps[1]["strategic_value"], 1600.0);
    close(&steps[1]["cumulative_cost"], 23000.0);
    close(&steps[1]["cumulative_saving"], 35200.0);
    // Budget 15000: the adapter (16000) does not fit and is skipped, not a stop:
    // shop->wms (1.2, 10000) is taken. Then nothing else fits within 5000. One step.
    let p = run("15000");
    let steps = p["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0]["id"], "shop->wms");
    close(&steps[0]["cumulative_saving"], 12000.0);
}

// ------------------------------------------------------- fixtures as a whole

#[test]
fn every_valid_fixture_validates() {
    let dir = format!("{}/fixtures/valid", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let out = gapgraph().arg("validate").arg(&path).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{} should be valid:\n{}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        n += 1;
    }
    assert!(n >= 10);
}

/// Each invalid fixture fails with exit 2, without a panic, and the message
/// names what is wrong (the offending text, and the suggestion where the spec
/// asks for one).
#[test]
fn every_invalid_fixture_is_rejected_with_a_useful_message() {
    let cases: &[(&str, &[&str])] = &[
        ("yaml-syntax.yaml", &[]),
        ("json-syntax.json", &[]),
        ("wrong-type.yaml", &["count"]),
        ("unknown-field.yaml", &["hadnoffs", "handoffs"]),
        (
            "unknown-top-level-field.yaml",
            &["integration", "integrations"],
        ),
        ("duplicate-key.yaml", &["crm"]),
        ("duplicate-key.json", &["crm"]),
        ("duplicate-integration-id.yaml", &["crm->erp"]),
        ("unknown-system.yaml", &["acounting", "accounting"]),
        ("unknown-unit.yaml", &["sale", "sales"]),
        (
            "unknown-objective.yaml",
            &["customer-grwoth", "customer-growth", "headcount"],
        ),
        ("unknown-strategy.yaml", &["grwoth", "growth"]),
        (
            "out-of-range.yaml",
            &["hourly_cost", "satisfaction", "customer-growth"],
        ),
        ("not-finite.yaml", &["hourly_cost", "count"]),
        ("empty-list.yaml", &["carries", "handoffs"]),
        ("from-equals-to.yaml", &["crm", "erp"]),
        ("unsupported-version.yaml", &["version"]),
        ("no-positive-weight.yaml", &["frozen"]),
        ("empty-file.yaml", &[]),
        ("handoff-data-star.yaml", &["data"]),
        (
            "many-errors.yaml",
            &[
                "version",
                "custmer-growth",
                "hourly_cost",
                "spreadshet",
                "colour",
                "carries",
                "slaes",
                "fortnight",
                "eprr",
            ],
        ),
    ];
    let dir = format!("{}/fixtures/invalid", env!("CARGO_MANIFEST_DIR"));
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        on_disk,
        cases.len(),
        "every invalid fixture has a case here"
    );
    for (file, needles) in cases {
        let out = gapgraph()
            .args(["validate", &format!("fixtures/invalid/{file}")])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.status.code(),
            Some(2),
            "{file} must be rejected:\n{text}"
        );
        assert!(!text.contains("panicked"), "{file} panicked:\n{text}");
        assert!(!text.trim().is_empty(), "{file}: no message");
        for needle in *needles {
            assert!(
                text.contains(needle),
                "{file}: message should mention `{needle}`:\n{text}"
            );
        }
    }
}

// ---------------------------------------------------------------- economics.yaml

/// Stated minutes beat the default, `by` prices a step at the doing unit's rate, and each
/// fix's running cost, net saving, payback and NPV, to the cent.
#[test]
fn economics_stated_minutes_by_unit_run_costs_and_npv() {
    let r = analyze("economics.yaml", None);
    // Step 1: a manual integration stated at 90 min, the handoff states none: 90, not the
    // 15 of defaults.missing_minutes. 100/month = 1,200 runs; 1,200 x 90 / 60 = 1,800 h;
    // Sales' EUR 62 an hour: 111,600.
    let g1 = gap(&r, "order-to-cash", 1);
    close(&g1["minutes"], 90.0);
    close(&g1["annual_hours"], 1800.0);
    close(&g1["annual_cost"], 111_600.0);
    assert_eq!(g1["by"], "sales");
    assert_eq!(g1["minutes_from"], "stated");
    assert_eq!(g1["runs_from"], "stated");
    // Step 2: done by the warehouse (EUR 41): 1,200 x 6 / 60 = 120 h x 41 = 4,920.
    let g2 = gap(&r, "order-to-cash", 2);
    close(&g2["annual_cost"], 4920.0);
    close(&g2["hourly_cost"], 41.0);
    assert_eq!(g2["by"], "warehouse");
    // Step 3: paper slips -> WMS, 4 min stated, warehouse: 80 h x 41 = 3,280; no fix.
    let g3 = gap(&r, "order-to-cash", 3);
    close(&g3["annual_cost"], 3280.0);
    assert_eq!(g3["fixable"], false);
    assert_eq!(g3["unfixable"]["reason"], "manual-end");
    assert_eq!(g1["fixable"], true);
    assert!(g1.get("unfixable").is_none());
    close(&r["assumptions"]["unfixable_gap_hours"], 80.0);
    close(&r["assumptions"]["unfixable_gap_cost"], 3280.0);
    // Units stay by the workflow's unit: Sales carries all three steps' cost.
    let sales = by_id(&r, "units", "sales");
    close(&sales["annual_cost"], 111_600.0 + 4920.0 + 3280.0);
    close(&by_id(&r, "units", "warehouse")["annual_cost"], 0.0);

    // Discount factors at 8%: 1/1.08 + 1/1.08^2 + 1/1.08^3 = 2.577096987...
    let annuity: f64 = (1..=3).map(|y| 1.0 / 1.08_f64.powi(y)).sum();
    // shop->erp: saving 111,600, running 3,000: net 108,600; payback 12,000 / 9,050 =
    // 1.3260 months; NPV -12,000 + 108,600 x 2.5771 = 267,872.73.
    let f1 = fix(&r, "shop->erp", "automate");
    close(&f1["run_cost"], 3000.0);
    close(&f1["net_saving"], 108_600.0);
    close(&f1["payback_months"], 12_000.0 / (108_600.0 / 12.0));
    assert!((f1["npv"].as_f64().unwrap() - 267_872.73).abs() < 0.005);
    assert_close(f1["npv"].as_f64().unwrap(), -12_000.0 + 108_600.0 * annuity);
    assert_eq!(f1["loses_money"], false);
    assert_eq!(f1["cost_from"], "stated");
    assert_eq!(f1["run_cost_from"], "stated");
    // erp->wms: saving 4,920, running 2,500: net 2,420; payback 8,000 / 201.67 = 39.67
    // months; NPV -8,000 + 2,420 x 2.5771 = -1,763.43: loses money over 3 years.
    let f2 = fix(&r, "erp->wms", "automate");
    close(&f2["net_saving"], 2420.0);
    close(&f2["payback_months"], 8000.0 / (2420.0 / 12.0));
    assert!((f2["npv"].as_f64().unwrap() - -1763.43).abs() < 0.005);
    assert_eq!(f2["loses_money"], true);
    // The ranking is unchanged by running costs: priority = value / cost.
    assert_fix_order(&r, &[("shop->erp", "automate"), ("erp->wms", "automate")]);
    close(&f2["priority"], 4920.0 / 8000.0);

    // Every human format says it.
    for format in ["table", "markdown"] {
        let out = gapgraph()
            .args([
                "analyze",
                "fixtures/valid/economics.yaml",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("loses money over 3 years"),
            "{format}:\n{text}"
        );
        assert!(text.contains("267,873"), "{format}:\n{text}");
        assert!(text.contains("no fix can close"), "{format}:\n{text}");
        assert!(text.contains("EUR 41 an hour"), "{format}:\n{text}");
    }
}

// ---------------------------------------------------------------- dearer-path.yaml

/// Connecting u -> t closes `direct` (100 runs x 15 default min = 25 h) but gives `around`
/// (50 runs, priced at the 15 default minutes) its first path, s -> u (25 min manual) ->
/// t: 25 min, since a default never replaces a path's minutes. The fix saves 25 h and
/// costs 50 x 10 / 60 = 8.33 h: net 16.67 h x EUR 60 = 1,000.
#[test]
fn a_fix_can_make_a_default_priced_missing_handoff_dearer() {
    let r = analyze("dearer-path.yaml", None);
    let f = fix(&r, "u->t", "connect");
    close(&f["annual_hours_saved"], 25.0 - 50.0 * 10.0 / 60.0);
    close(&f["annual_saving"], 1000.0);
    assert_strs(&f["workflows"], &["direct"]);
    let raises = f["raises"].as_array().unwrap();
    assert_eq!(raises.len(), 1);
    assert_eq!(raises[0]["workflow"], "around");
    close(&raises[0]["minutes_before"], 15.0);
    close(&raises[0]["minutes_after"], 25.0);
    // s->t alone: 50 x 15 / 60 = 12.5 h, EUR 750.
    close(&fix(&r, "s->t", "connect")["annual_saving"], 750.0);
}

/// A handoff's `by` must name a declared unit, with did-you-mean.
#[test]
fn by_names_a_declared_unit() {
    let model = "units: {warehouse: {}}\nsystems: {a: {}, b: {}}\nworkflows:\n  w:\n    runs: {count: 1, per: day}\n    handoffs: [{from: a, to: b, data: x, by: warehose}]\n";
    let out = gapgraph()
        .args(["validate", "-"])
        .write_stdin(model)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("workflows.w.handoffs[1].by"), "{text}");
    assert!(text.contains("unknown unit `warehose`"), "{text}");
    assert!(text.contains("warehouse"), "{text}");
}

/// `check --max-default-share`: the seed's 1,920 of 3,422 gap hours (56.1%) rest on
/// default minutes; a 50% limit breaks (exit 1), 60% holds.
#[test]
fn check_gates_the_share_of_gap_hours_on_defaults() {
    let r = analyze("seed.yaml", None);
    close(&r["assumptions"]["gap_hours_by_source"]["default"], 1920.0);
    close(
        &r["assumptions"]["gap_hours_by_source"]["stated"],
        3422.0 - 1920.0,
    );
    close(&r["assumptions"]["gap_hours_by_source"]["measured"], 0.0);
    let out = gapgraph()
        .args([
            "check",
            "fixtures/valid/seed.yaml",
            "--max-default-share",
            "0.5",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("BROKEN: 56.1% of gap hours rest on default minutes (maximum 50.0%)"),
        "{text}"
    );
    let out = gapgraph()
        .args([
            "check",
            "fixtures/valid/seed.yaml",
            "--max-default-share",
            "0.6",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
