//! The command line as a user meets it: exit codes, error texts, stdin, atomic `-o`.

use std::fs;

use predicates::prelude::*;

use crate::support::{fixture_files as fixtures, gapgraph_colour_unset as gapgraph};

#[test]
fn every_invalid_fixture_exits_2_with_located_errors() {
    for file in fixtures("invalid") {
        let output = gapgraph().arg("validate").arg(&file).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            output.status.code(),
            Some(2),
            "{}: {stderr}",
            file.display()
        );
        assert!(stderr.contains("error["), "{}: {stderr}", file.display());
        assert!(
            stderr.contains("is not a valid model"),
            "{}: {stderr}",
            file.display()
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "{stderr}"
        );
        let name = file
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        insta::assert_snapshot!(format!("invalid_{name}"), stderr);
    }
}

#[test]
fn analyze_reports_invalid_models_the_same_way() {
    gapgraph()
        .args(["analyze", "fixtures/invalid/unknown-system.yaml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("13:25: error[unknown-reference] at workflows.lead-to-cash.handoffs[1].to: unknown system `acounting`; did you mean `accounting`?"));
}

#[test]
fn many_errors_are_all_reported_in_one_run() {
    let output = gapgraph()
        .args(["validate", "fixtures/invalid/many-errors.yaml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let codes = [
        "unsupported-version",
        "unknown-reference",
        "out-of-range",
        "unknown-value",
        "unknown-field",
        "same-endpoints",
        "empty-list",
    ];
    for code in codes {
        assert!(
            stderr.contains(&format!("error[{code}]")),
            "missing {code} in {stderr}"
        );
    }
    assert!(
        stderr.lines().filter(|l| l.contains("error[")).count() >= 10,
        "{stderr}"
    );
}

#[test]
fn every_valid_fixture_validates_and_analyzes() {
    for file in fixtures("valid") {
        gapgraph()
            .arg("validate")
            .arg(&file)
            .assert()
            .code(0)
            .stdout(predicate::str::contains(": valid ("));
        let output = gapgraph()
            .arg("analyze")
            .arg(&file)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", file.display());
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(json["schema"], "gapgraph.report/v1");
        gapgraph()
            .arg("analyze")
            .arg(&file)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Summary"));
    }
}

#[test]
fn validate_prints_warnings_to_stderr_and_exits_0() {
    gapgraph()
        .args(["validate", "fixtures/valid/worked-example.yaml"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning[unused-system] at systems.pipeline-sheet",
        ));
}

#[test]
fn json_output_is_byte_identical_across_runs() {
    let run = || {
        gapgraph()
            .args(["analyze", "fixtures/valid/seed.yaml", "--format", "json"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn unknown_strategy_exits_2_with_a_suggestion() {
    gapgraph()
        .args([
            "analyze",
            "fixtures/valid/seed.yaml",
            "--strategy",
            "grwoth",
        ])
        .assert()
        .code(2)
        .stderr("error: unknown strategy `grwoth`; did you mean `growth`?\n");
}

#[test]
fn every_unknown_identifier_is_reported_before_any_analysis() {
    // Each on its own line, worded like the validator's unknown references: "did you
    // mean" for a typo, else the known ids, else that none is declared.
    gapgraph()
        .args([
            "diagram",
            "fixtures/valid/seed.yaml",
            "--strategy",
            "grwoth",
            "--workflow",
            "lead-to-csah",
            "--unit",
            "payroll",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: unknown strategy `grwoth`; did you mean `growth`?\n\
             error: unknown workflow `lead-to-csah`; did you mean `lead-to-cash`?\n\
             error: unknown unit `payroll`; known: sales, finance, manufacturing\n",
        );
    gapgraph()
        .args([
            "plan",
            "fixtures/valid/no-strategies.yaml",
            "--budget",
            "10",
            "--strategy",
            "growth",
        ])
        .assert()
        .code(2)
        .stderr("error: unknown strategy `growth`; no strategy is declared\n");
    gapgraph()
        .args([
            "check",
            "fixtures/valid/seed.yaml",
            "--strategy",
            "grwoth",
            "--max-missing",
            "0",
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: unknown strategy `grwoth`; did you mean `growth`?\n");
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    gapgraph()
        .args(["analyze", "fixtures/valid/seed.yaml", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'pdf'"));
    gapgraph().args(["frobnicate"]).assert().code(2);
    gapgraph().assert().code(2);
    gapgraph()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("analyze"));
    gapgraph().arg("--version").assert().code(0);
}

#[test]
fn a_missing_file_exits_2_and_says_which() {
    gapgraph()
        .args(["analyze", "no/such/model.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: cannot read `no/such/model.yaml`",
        ));
}

#[test]
fn models_can_come_from_standard_input_in_yaml_or_json() {
    let yaml = fs::read_to_string("fixtures/valid/worked-example.yaml").unwrap();
    let json = fs::read_to_string("fixtures/valid/worked-example.json").unwrap();
    for source in [yaml, json] {
        let output = gapgraph()
            .args(["analyze", "-", "--format", "json"])
            .write_stdin(source)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(report["summary"]["annual_cost"], 24000.0);
    }
    gapgraph()
        .args(["validate", "-"])
        .write_stdin("{\"systems\": {\"a\": {}}, \"sytems\": 1}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("<stdin>:1:24: error[unknown-field] at sytems: unknown field `sytems`; did you mean `systems`?"));
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    gapgraph()
        .args([
            "analyze",
            "fixtures/valid/seed.yaml",
            "--format",
            "json",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(0)
        .stdout("");
    let first = fs::read(&out).unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&first).is_ok());
    // A failing run leaves the earlier file untouched and no temporary files behind.
    gapgraph()
        .args([
            "analyze",
            "fixtures/invalid/many-errors.yaml",
            "--format",
            "json",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(fs::read(&out).unwrap(), first);
    gapgraph()
        .args([
            "analyze",
            "fixtures/valid/seed.yaml",
            "--strategy",
            "nope",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(2);
    assert_eq!(fs::read(&out).unwrap(), first);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    // An unwritable destination is an error, not a panic.
    gapgraph()
        .args([
            "analyze",
            "fixtures/valid/seed.yaml",
            "-o",
            "/no/such/dir/report.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write"));
}

#[test]
fn table_has_no_colour_when_piped_or_with_no_color() {
    let plain = gapgraph()
        .args(["analyze", "fixtures/valid/seed.yaml"])
        .output()
        .unwrap()
        .stdout;
    assert!(!plain.contains(&0x1b));
    let no_color = gapgraph()
        .env("NO_COLOR", "1")
        .args(["analyze", "fixtures/valid/seed.yaml"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(plain, no_color);
}

#[test]
fn strategy_flip_changes_the_first_fix_in_the_table() {
    gapgraph()
        .args([
            "analyze",
            "fixtures/valid/seed.yaml",
            "--strategy",
            "growth",
            "--top",
            "1",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("│ 1 ┆ crm->accounting"));
    gapgraph()
        .args([
            "analyze",
            "fixtures/valid/seed.yaml",
            "--strategy",
            "cost-down",
            "--top",
            "1",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("│ 1 ┆ mes->qms"));
}

#[test]
fn top_and_rank_by_limit_and_reorder_fixes() {
    let fixes = |args: &[&str]| -> Vec<String> {
        let output = gapgraph()
            .args(["analyze", "fixtures/valid/seed.yaml", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        fixes(&["--top", "2"]),
        vec!["crm->accounting", "payment-webhook"]
    );
    let by_saving = fixes(&["--rank-by", "saving"]);
    assert_eq!(by_saving[0], "mes->qms");
}

#[test]
fn check_exits_0_when_limits_hold_1_when_one_breaks_2_without_limits() {
    gapgraph()
        .args([
            "check",
            "fixtures/valid/seed.yaml",
            "--min-automation",
            "0.3",
            "--max-missing",
            "3",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "ok:     automation 32.9% (minimum 30.0%)",
        ));
    gapgraph()
        .args([
            "check",
            "fixtures/valid/seed.yaml",
            "--max-missing",
            "2",
            "--max-annual-hours",
            "100",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "BROKEN: 3 missing handoffs (maximum 2)",
        ))
        .stderr("check failed: 2 limits broken\n");
    gapgraph()
        .args(["check", "fixtures/valid/seed.yaml"])
        .assert()
        .code(2);
    gapgraph()
        .args([
            "check",
            "fixtures/valid/seed.yaml",
            "--min-automation",
            "80",
        ])
        .assert()
        .code(2);
    gapgraph()
        .args([
            "check",
            "fixtures/invalid/many-errors.yaml",
            "--max-missing",
            "0",
        ])
        .assert()
        .code(2);
}

#[test]
fn diagram_dot_parses_back_and_groups_units() {
    let output = gapgraph()
        .args(["diagram", "fixtures/valid/seed.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let dot = String::from_utf8(output.stdout).unwrap();
    graphviz_rust::parse(&dot).expect("our DOT parses");
    assert!(dot.contains("subgraph cluster_unit_0"));
    assert!(dot.contains("cluster_legend"));
    assert!(dot.contains("style=\"dotted\""), "missing gaps are dotted");
    assert!(dot.contains("fix #1"), "the best fix is marked");
    gapgraph()
        .args([
            "diagram",
            "fixtures/valid/seed.yaml",
            "--workflow",
            "lead-to-csh",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `lead-to-cash`?"));
}

#[test]
fn hostile_input_never_panics() {
    let inputs = [
        "[1, 2, 3]",
        "\"just text\"",
        "systems: [a, b]",
        "workflows: {w: {runs: {count: 1, per: day}, handoffs: [1, [2], {}]}}",
        "a: &x [*x, *x]",
        "{\"a\": 1e999}",
        "defaults: {hourly_cost: 0x10, semi_minutes: .nan}",
        "systems: {\"\": {}}",
        "? [complex, key]\n: value",
        "--- \n...\n",
        "version: 1.0",
        &"[".repeat(10_000),
        &format!("a: {}", "- ".repeat(500)),
    ];
    for input in inputs {
        let output = gapgraph()
            .args(["analyze", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            matches!(output.status.code(), Some(0 | 2)),
            "{input:.40}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{input:.40}: {stderr}");
    }
}

#[test]
fn plan_spends_within_the_budget_and_rejects_a_bad_one() {
    let output = gapgraph()
        .args([
            "plan",
            "fixtures/valid/seed.yaml",
            "--budget",
            "30000",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(plan["schema"], "gapgraph.plan/v1");
    let ids: Vec<&str> = plan["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    // growth: 12000 + 9000 + 8000 = 29000 <= 30000; nothing else fits in 1000.
    assert_eq!(ids, ["crm->accounting", "payment-webhook", "mes->erp"]);
    assert_eq!(plan["spent"], 29000.0);
    gapgraph()
        .args(["plan", "fixtures/valid/seed.yaml", "--budget", "30000"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Spent EUR 29,000 of 30,000; saves EUR 81,200 a year",
        ));
    gapgraph()
        .args(["plan", "fixtures/valid/seed.yaml", "--budget", "-1"])
        .assert()
        .code(2);
    gapgraph()
        .args(["plan", "fixtures/valid/seed.yaml", "--budget", "inf"])
        .assert()
        .code(2);
    gapgraph()
        .args(["plan", "fixtures/valid/seed.yaml"])
        .assert()
        .code(2);
    gapgraph()
        .args(["plan", "fixtures/valid/seed.yaml", "--budget", "0"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "No fix both saves time and fits the budget.",
        ));
}
