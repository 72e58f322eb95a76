//! `gapgraph discover` as a user meets it: the hand-computed fixture logs number by number,
//! the model it writes, and every kind of bad input (exit 2, file, line, field).

use std::fs;
use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};

use crate::support::gapgraph_colour_unset as gapgraph;

const MAP: &str = "fixtures/discover/small.map.yaml";

fn report(log: &str, extra: &[&str]) -> Value {
    let out = gapgraph()
        .args(["discover", log, "--map", MAP, "-f", "json"])
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

/// Runs discover expecting exit 2; returns standard error.
fn refused(args: &[&str]) -> String {
    let out = gapgraph().arg("discover").args(args).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

/// small.xes, computed by hand (docs/discover.md works it through): span 2024-01-01T09:00Z
/// to 2024-01-04T12:00Z = 270,000 s = 3.125 days; crm->erp 3 instances (c1 timed 6 min from
/// its start, c2 timed 10 min, c3 has no start), erp->crm 2 (c1 by bot-1: automated; c2
/// without resource: unknown); c3's `unknown:x` is the one unmapped step.
fn expected() -> Value {
    json!({
        "schema": "gapgraph.discover/v1",
        "cases": 4,
        "events": 13,
        "unmapped_events": 1,
        "span_days": 3.125,
        "variants": 2,
        "covered_cases": 2,
        "transitions": [
            {"from": "crm", "to": "erp", "count": 3, "automated": 0, "unknown": 0,
             "runs_per_year": 350.64, "median_minutes": 8.0, "timed": 2},
            {"from": "erp", "to": "crm", "count": 2, "automated": 1, "unknown": 1,
             "runs_per_year": 233.76, "median_minutes": null, "timed": 0}
        ],
        "workflows": [{"cases": 2, "handoffs": [["crm", "erp"], ["erp", "crm"]], "runs_per_year": 233.76}],
        "coverage": 0.6,
        "cases_with_variant": 3,
        "unmapped_activities": [{"activity": "unknown:x", "count": 1}]
    })
}

fn without_log(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("log");
    v
}

#[test]
fn the_hand_computed_log_in_xes_and_csv() {
    let xes = report("fixtures/discover/small.xes", &[]);
    assert_eq!(xes["log"], "small.xes");
    assert_eq!(without_log(xes), expected());
    assert_eq!(
        without_log(report("fixtures/discover/small.csv", &[])),
        expected()
    );
    // Rows of the cases interleaved: read a second time holding every case, same numbers.
    assert_eq!(
        without_log(report("fixtures/discover/small-interleaved.csv", &[])),
        expected()
    );
    let columns = [
        "--case",
        "Case",
        "--activity",
        "Activity",
        "--timestamp",
        "When",
        "--resource",
        "Who",
        "--lifecycle",
        "Life",
    ];
    assert_eq!(
        without_log(report("fixtures/discover/small-columns.csv", &columns)),
        expected()
    );
}

#[test]
fn the_pairs_table_of_the_sql_query_gives_the_same_report() {
    // small.pairs.csv is what docs/discover-sql.md's query makes of small.xes on DuckDB
    // (tests/sql/check_discover_sql.py).
    let out = gapgraph()
        .args([
            "discover",
            "--pairs",
            "fixtures/discover/small.pairs.csv",
            "--map",
            MAP,
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pairs: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(pairs["log"], "small.pairs.csv");
    assert_eq!(without_log(pairs), expected());
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.csv",
        "kind,from_system,to_system,name,cases,count,automated,unknown,timed,median_us,first_us,last_us\n\
         pair,crm,sap,,,3,x,0,0,,,\nwhat,,,,,,,,,,,\n",
    );
    let err = refused(&["--pairs", &bad, "--map", MAP]);
    assert!(
        err.contains("bad.csv:2: to_system: `sap` is not a system of the mapping"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:2: automated: expected a whole number >= 0, found `x`"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:3: kind: expected `log`, `pair`, `variant` or `unmapped`"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv:1: kind: expected one `log` row, found 0"),
        "{err}"
    );
}

#[test]
fn coverage_on_the_command_line_wins_over_the_mapping() {
    let all = report("fixtures/discover/small.xes", &["--coverage", "1"]);
    assert_eq!(all["covered_cases"], 3);
    assert_eq!(all["workflows"][1]["handoffs"], json!([["crm", "erp"]]));
}

#[test]
fn the_table_and_markdown_show_the_evidence() {
    let out = gapgraph()
        .args(["discover", "fixtures/discover/small.xes", "--map", MAP])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("small.xes: 4 cases, 13 events over 3.12 days; 1 unmapped step"),
        "{table}"
    );
    assert!(
        table.contains("crm  erp     3        0%       0  350.6        8.0     2"),
        "{table}"
    );
    assert!(
        table.contains("erp  crm     2       50%       1  233.8          -     0"),
        "{table}"
    );
    assert!(table.contains("1  unknown:x"), "{table}");
    let out = gapgraph()
        .args([
            "discover",
            "fixtures/discover/small.csv",
            "--map",
            MAP,
            "-f",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains("| crm | erp | 3 | 0% | 0 | 350.6 | 8.0 | 2 |"),
        "{md}"
    );
    assert!(md.contains("| unknown:x | 1 |"), "{md}");
}

#[test]
fn the_written_model_loads_with_measured_figures_and_their_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("model.yaml");
    let out = gapgraph()
        .args([
            "discover",
            "fixtures/discover/small.xes",
            "--map",
            MAP,
            "-o",
        ])
        .arg(&model)
        .output()
        .unwrap();
    assert!(out.status.success());
    // The report still goes to standard output.
    assert!(String::from_utf8(out.stdout).unwrap().contains("Handoffs:"));
    let text = fs::read_to_string(&model).unwrap();
    let loaded = gapgraph::load_str(&text, "model.yaml").unwrap();
    let m = &loaded.model;
    assert_eq!(m.systems.len(), 2);
    assert_eq!(m.integrations.len(), 2);
    let crm_erp = &m.integrations[0];
    assert_eq!(crm_erp.mode.as_str(), "manual");
    assert_eq!(crm_erp.minutes, Some(8.0));
    assert!(text.contains("carries: [\"order\"]"), "{text}");
    assert!(
        text.contains(
            "measured from small.xes: 3 handoffs in 4 cases over 3.12 days (350.6 a year)"
        ),
        "{text}"
    );
    assert!(text.contains("median 8.00 min over 2 timed"), "{text}");
    // erp->crm: 1 of 2 automated is below 0.9: manual, not timed, default minutes.
    assert_eq!(m.integrations[1].minutes, None);
    assert_eq!(m.workflows.len(), 1);
    assert!(
        (gapgraph::analysis::rules::workflow_runs_per_year(&m.workflows[0]) - 233.76).abs() < 1e-9
    );
    gapgraph().arg("analyze").arg(&model).assert().success();
    // A lower share makes erp->crm automated; JSON when the name says so.
    let json_model = dir.path().join("model.json");
    gapgraph()
        .args([
            "discover",
            "fixtures/discover/small.xes",
            "--map",
            MAP,
            "--automated-share",
            "0.5",
            "--model-out",
        ])
        .arg(&json_model)
        .assert()
        .success();
    let text = fs::read_to_string(&json_model).unwrap();
    let loaded = gapgraph::load_str(&text, "model.json").unwrap();
    assert_eq!(loaded.model.integrations[1].mode.as_str(), "automated");
}

#[test]
fn merge_replaces_only_the_measured_values() {
    let dir = tempfile::tempdir().unwrap();
    let merged = dir.path().join("merged.yaml");
    let out = gapgraph()
        .args([
            "discover",
            "fixtures/discover/small.xes",
            "--map",
            MAP,
            "--merge",
            "fixtures/discover/small.model.yaml",
            "-o",
        ])
        .arg(&merged)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("(2 values measured; the rest as written)"),
        "{stderr}"
    );
    // small.merged.yaml is small.model.yaml with `minutes: 15` -> 8 (crm->erp, manual),
    // `{count: 40, per: month}` -> `{count: 233.76, per: year}` (the workflow whose handoffs
    // are discovered workflow 1), each marked `source: measured`, the evidence in a comment
    // block on top, nothing else.
    let text = fs::read_to_string(&merged).unwrap();
    assert_eq!(
        text,
        fs::read_to_string("fixtures/discover/small.merged.yaml").unwrap()
    );
    let before = fs::read_to_string("fixtures/discover/small.model.yaml").unwrap();
    // The one inserted line (the workflow's runs marked measured) aside, line for line.
    let without_mark = text.replace("    source: {runs: measured}\n", "");
    assert_eq!(
        without_mark.len() + "    source: {runs: measured}\n".len(),
        text.len()
    );
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(without_mark.lines().skip(3))
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![
            (
                "  - {from: crm, to: erp, carries: [order], mode: manual, minutes: 15}   # typed by hand",
                "  - {source: {minutes: measured}, from: crm, to: erp, carries: [order], mode: manual, minutes: 8}   # typed by hand"
            ),
            ("    runs: {count: 40, per: month}", "    runs: {count: 233.76, per: year}"),
        ]
    );
    gapgraph().arg("validate").arg(&merged).assert().success();
    // A manual integration without minutes gets them inserted, in block and flow style.
    let plain = write(
        dir.path(),
        "plain.yaml",
        "systems: {crm: {}, erp: {}}\nintegrations:\n  - from: crm\n    to: erp\n    carries: [order]\n    mode: manual\n  - {id: x, from: crm, to: erp, carries: [y], mode: manual}\n",
    );
    let out = dir.path().join("plain.out.yaml");
    gapgraph()
        .args([
            "discover",
            "fixtures/discover/small.xes",
            "--map",
            MAP,
            "--merge",
            &plain,
            "--model-out",
        ])
        .arg(&out)
        .assert()
        .success();
    let text = fs::read_to_string(&out).unwrap();
    assert!(
        text.contains(
            "  - source: {minutes: measured}\n    minutes: 8\n    from: crm\n    to: erp\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  - {source: {minutes: measured}, minutes: 8, id: x, from: crm"),
        "{text}"
    );
    let err = refused(&[
        "fixtures/discover/small.xes",
        "--map",
        MAP,
        "--merge",
        "fixtures/discover/small.model.yaml",
    ]);
    assert!(
        err.contains("--merge writes the merged model to -o"),
        "{err}"
    );
}

#[test]
fn output_never_overwrites_an_input() {
    let err = refused(&["fixtures/discover/small.xes", "--map", MAP, "-o", MAP]);
    assert!(err.contains("small.map.yaml"), "{err}");
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn bad_logs_exit_2_with_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let not_log = write(d, "notes.txt", "hello world\nthis is not a log\n");
    let err = refused(&[&not_log, "--map", MAP]);
    assert!(
        err.contains("notes.txt:1: case:concept:name: no column `case:concept:name`"),
        "{err}"
    );
    assert!(err.contains("nothing measured"), "{err}");

    let html = write(d, "page.xes", "<html><body/></html>");
    let err = refused(&[&html, "--map", MAP]);
    assert!(
        err.contains("page.xes:1: not an XES log: the first element is `<html>`"),
        "{err}"
    );

    let header = "case:concept:name,concept:name,time:timestamp\n";
    let times = write(
        d,
        "times.csv",
        &format!("{header}c1,crm:a,2024-01-01 10:00\nc1,erp:b,yesterday\nc1,erp:c,2024-13-01\n"),
    );
    let err = refused(&[&times, "--map", MAP]);
    assert!(
        err.contains("times.csv:3: time:timestamp: cannot read `yesterday` as a timestamp"),
        "{err}"
    );
    assert!(
        err.contains("times.csv:4: time:timestamp: cannot read `2024-13-01`"),
        "{err}"
    );
    assert!(err.contains("nothing measured: 2 problems"), "{err}");

    let mut many = String::from(header);
    for i in 0..25 {
        many.push_str(&format!("c{i},crm:a,never\n"));
    }
    let many = write(d, "many.csv", &many);
    let err = refused(&[&many, "--map", MAP]);
    assert_eq!(err.matches("cannot read `never`").count(), 20, "{err}");
    assert!(
        err.contains("many.csv: ... and 5 more problems not listed"),
        "{err}"
    );
    assert!(err.contains("nothing measured: 25 problems"), "{err}");

    let empty = write(
        d,
        "empty.xes",
        "<log>\n<trace>\n<string key=\"concept:name\" value=\"c9\"/>\n</trace>\n</log>\n",
    );
    let err = refused(&[&empty, "--map", MAP]);
    assert!(
        err.contains("empty.xes:2: the case `c9` has no events"),
        "{err}"
    );

    let no_time = write(d, "nt.xes", "<log><trace><string key=\"concept:name\" value=\"c\"/>\n<event><string key=\"concept:name\" value=\"crm:a\"/></event></trace></log>");
    let err = refused(&[&no_time, "--map", MAP]);
    assert!(
        err.contains("nt.xes:2: time:timestamp: the event has no readable timestamp"),
        "{err}"
    );

    let cut = write(d, "cut.xes", "<log><trace>\n<event>");
    let err = refused(&[&cut, "--map", MAP]);
    assert!(err.contains("cut.xes:2:"), "{err}");

    let err = refused(&[
        "fixtures/discover/small-columns.csv",
        "--map",
        MAP,
        "--case",
        "Cas",
    ]);
    assert!(err.contains("no column `Cas`"), "{err}");
    assert!(err.contains("did you mean `Case`?"), "{err}");
    assert!(
        err.contains("no column `concept:name`"),
        "all missing columns at once: {err}"
    );

    // A byte order mark before the header is no part of the first column's name.
    let bom = write(
        d,
        "bom.csv",
        &format!(
            "\u{feff}{}",
            fs::read_to_string("fixtures/discover/small.csv").unwrap()
        ),
    );
    gapgraph()
        .args(["discover", &bom, "--map", MAP])
        .assert()
        .success();

    let err = refused(&["fixtures/discover/missing.xes", "--map", MAP]);
    assert!(err.contains("missing.xes: cannot read the log"), "{err}");
}

#[test]
fn oversized_records_and_gzip_bombs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // One 2 MiB line: refused at the 1 MiB record cap, not read into memory whole.
    let long = write(
        d,
        "long.csv",
        &format!(
            "case:concept:name,concept:name,time:timestamp\nc1,{},2024-01-01\n",
            "x".repeat(2 << 20)
        ),
    );
    let err = refused(&[&long, "--map", MAP]);
    assert!(
        err.contains("refused: a single record or tag is larger than 1 MiB"),
        "{err}"
    );
    // The same through gzip, as XES text.
    let gz = d.join("long.xes.gz");
    let mut enc =
        flate2::write::GzEncoder::new(fs::File::create(&gz).unwrap(), flate2::Compression::fast());
    enc.write_all(b"<log><trace><string key=\"concept:name\" value=\"")
        .unwrap();
    enc.write_all(&vec![b'a'; 3 << 20]).unwrap();
    enc.finish().unwrap();
    let err = refused(&[&gz.display().to_string(), "--map", MAP]);
    assert!(err.contains("refused:"), "{err}");
}

#[test]
fn bad_mappings_list_every_problem_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let map = write(
        d,
        "m.yaml",
        "systems:\n  crm: [\"crm:*\"]\n  crm: [\"x\"]\n  bad id: [\"[\"]\ncoverag: 0.5\n",
    );
    let err = refused(&["fixtures/discover/small.xes", "--map", &map]);
    assert!(err.contains("m.yaml:3:3"), "duplicate system id: {err}");
    assert!(
        err.contains("m.yaml:4:3: systems.bad id: a system id may hold only"),
        "{err}"
    );
    assert!(err.contains("invalid glob `[`"), "{err}");
    assert!(
        err.contains("m.yaml:5:1: coverag: unknown key `coverag`; did you mean `coverage`?"),
        "{err}"
    );
    assert!(err.contains("is not a valid mapping (4 problems)"), "{err}");

    let never = write(
        d,
        "never.yaml",
        "systems:\n  crm: [\"crm:*\"]\n  erp: [\"erp:*\", \"sap:*\"]\n",
    );
    let err = refused(&["fixtures/discover/small.xes", "--map", &never]);
    assert!(
        err.contains(
            "never.yaml:3:18: systems.erp: the glob `sap:*` matches no activity of the log"
        ),
        "{err}"
    );

    let nothing = write(d, "nothing.yaml", "unit: x\n");
    let err = refused(&["fixtures/discover/small.xes", "--map", &nothing]);
    assert!(err.contains("the mapping maps nothing"), "{err}");
}

#[test]
fn an_unmapped_activity_gets_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let map = write(
        dir.path(),
        "m.yaml",
        "systems:\n  crm: [\"CRM:*\"]\n  erp: [\"erp:*\"]\n  x: [\"unknown:x\"]\n",
    );
    let out = gapgraph()
        .args(["discover", "fixtures/discover/small.xes", "--map", &map])
        .output()
        .unwrap();
    // `CRM:*` matches nothing: exit 2 names it; the case-only hint is in the library test.
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("the glob `CRM:*` matches no activity"),
        "{err}"
    );
}
