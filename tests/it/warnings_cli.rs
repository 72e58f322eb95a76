//! Warnings on standard error stay readable at scale: many of one kind are one line with a
//! count and the first ids; `--warnings all` lists each one; the JSON report keeps all.

use serde_json::{json, Value};

use crate::support::gapgraph_no_colour;

/// A model with `n` workflows that serve no objective and two unused systems.
fn model(n: usize) -> String {
    let mut workflows = serde_json::Map::new();
    for w in 0..n {
        workflows.insert(
            format!("wf-{w}"),
            json!({"runs": {"count": 1, "per": "day"},
                   "handoffs": [{"from": "a", "to": "b", "data": "order"}]}),
        );
    }
    json!({
        "objectives": {"growth": {}},
        "strategies": {"main": {"weights": {"growth": 1}}},
        "systems": {"a": {}, "b": {}, "idle-1": {}, "idle-2": {}},
        "integrations": [{"from": "a", "to": "b", "carries": ["order"]}],
        "workflows": workflows
    })
    .to_string()
}

fn run(args: &[&str], stdin: String) -> (String, String) {
    let output = gapgraph_no_colour()
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn many_warnings_of_a_kind_are_one_line_with_a_count_and_the_first_ids() {
    let (stdout, stderr) = run(&["validate", "-"], model(1200));
    // 1,200 workflows serve nothing, the objective is served by none, two systems unused.
    assert!(stdout.contains("; 1203 warnings)"), "{stdout}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(lines.contains(
        &"<stdin>: warning[workflow-serves-nothing]: 1,200 workflows serve no objective: \
          wf-0, wf-1, wf-2, ... and 1,197 more (--warnings all lists each)"
    ));
    // Kinds with few warnings are written one by one, as before.
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.contains("warning[unused-system] at systems.idle-"))
            .count(),
        2
    );
}

#[test]
fn warnings_all_lists_each_one() {
    let (_, stderr) = run(&["validate", "-", "--warnings", "all"], model(1200));
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("warning[workflow-serves-nothing] at workflows.wf-"))
            .count(),
        1200
    );
    assert_eq!(stderr.lines().count(), 1203);
}

#[test]
fn the_json_report_keeps_every_warning() {
    let (stdout, _) = run(&["analyze", "-", "--format", "json"], model(40));
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["warnings"].as_array().unwrap().len(), 43);
}

#[test]
fn human_reports_group_many_warnings_of_a_kind_too() {
    let (table, _) = run(&["analyze", "-", "--format", "table"], model(40));
    assert!(
        table.contains(
            "40 workflows serve no objective: wf-0, wf-1, wf-2, ... and 37 more \
             (the JSON report and `validate --warnings all` list each)"
        ),
        "{table}"
    );
    assert!(!table.contains("`wf-39` serves no objective"), "{table}");
    assert_eq!(
        table.matches("is not touched by any integration").count(),
        2
    );
    let (markdown, _) = run(&["analyze", "-", "--format", "markdown"], model(40));
    assert!(markdown.contains("40 workflows serve no objective: wf-0, wf-1, wf-2, ... and 37 more"));
    assert!(
        !markdown.contains("`wf-39` serves no objective"),
        "{markdown}"
    );
}

#[test]
fn few_warnings_of_a_kind_stay_one_line_each_in_human_reports() {
    let (table, _) = run(&["analyze", "-", "--format", "table"], model(3));
    assert!(table.contains("`wf-2` serves no objective"), "{table}");
    let (markdown, _) = run(&["analyze", "-", "--format", "markdown"], model(3));
    assert!(
        markdown.contains("`wf-2` serves no objective"),
        "{markdown}"
    );
}
