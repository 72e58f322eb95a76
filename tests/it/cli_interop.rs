//! Interoperability from the command line: `init`, `import archimate`, `import sheets`
//! (CSV and XLSX), `export sheets` (round trip), `export graphml` (strict XML and structure),
//! completions and the man page.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use crate::support::{gapgraph_colour_unset as gapgraph, temp_dir as temp};

/// `analyze --format json` of a model file, as JSON.
fn analysis(model: &Path) -> Value {
    let out = gapgraph()
        .arg("analyze")
        .arg(model)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn statuses(report: &Value) -> (u64, u64, u64) {
    let s = &report["summary"];
    (
        s["automated"].as_u64().unwrap(),
        s["manual"].as_u64().unwrap(),
        s["missing"].as_u64().unwrap(),
    )
}

#[test]
fn init_writes_a_starter_model_with_a_gap_of_each_status_and_never_overwrites() {
    let dir = temp();
    gapgraph()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote gapgraph.yaml"));
    let model = dir.path().join("gapgraph.yaml");
    let report = analysis(&model);
    let (automated, manual, missing) = statuses(&report);
    assert!(automated > 0 && manual > 0 && missing > 0, "{report}");

    fs::write(&model, "mine").unwrap();
    gapgraph()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists; use --force"));
    assert_eq!(fs::read_to_string(&model).unwrap(), "mine");
    gapgraph()
        .current_dir(dir.path())
        .args(["init", "--force"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(&model).unwrap(),
        gapgraph::import::STARTER_MODEL
    );

    gapgraph()
        .args(["init", "-o", "-"])
        .assert()
        .success()
        .stdout(gapgraph::import::STARTER_MODEL);
}

#[test]
fn import_archimate_writes_yaml_or_json_that_validates() {
    let dir = temp();
    for name in ["m.yaml", "m.json"] {
        let out = dir.path().join(name);
        gapgraph()
            .args([
                "import",
                "archimate",
                "fixtures/archimate/claims-3.1.xml",
                "-o",
            ])
            .arg(&out)
            .assert()
            .success()
            .stdout("")
            .stderr(predicate::str::contains(
                "imported from ArchiMate OEF 3.x (names in `en`): 5 systems",
            ));
        let text = fs::read_to_string(&out).unwrap();
        let json = std::path::Path::new(name)
            .extension()
            .is_some_and(|e| e == "json");
        assert_eq!(text.starts_with('{'), json, "{text}");
        gapgraph().arg("validate").arg(&out).assert().success();
    }
    gapgraph()
        .args(["import", "archimate", "fixtures/archimate/open-day-2.1.xml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("# assumed:"));
}

#[test]
fn import_archimate_reports_where_the_xml_breaks_and_writes_nothing() {
    let dir = temp();
    let bad = dir.path().join("bad.xml");
    fs::write(
        &bad,
        "<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\">\n  <elements>\n</model>\n",
    )
    .unwrap();
    let out = dir.path().join("m.yaml");
    gapgraph()
        .args(["import", "archimate"])
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not well-formed XML at line 3"));
    assert!(!out.exists());
    gapgraph()
        .args(["import", "archimate", "fixtures/valid/seed.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot import"));
}

fn sheet_args(cmd: &mut Command, dir: &Path, ext: &str) {
    let file = |role: &str| {
        if ext == "xlsx" {
            dir.join("audit.xlsx")
        } else {
            dir.join(format!("{role}.{ext}"))
        }
    };
    cmd.arg("--systems")
        .arg(file("systems"))
        .arg("--integrations")
        .arg(file("integrations"))
        .arg("--workflows")
        .arg(file("workflows"))
        .arg("--units")
        .arg(file("units"))
        // The audit's interface list leaves three modes empty: automated, as its owner said.
        .args(["--assume-mode", "automated"]);
}

/// The model text without its comment lines (which name the files read).
fn body(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn import_sheets_from_csv_and_xlsx_gives_the_same_model_and_hand_checked_numbers() {
    let dir = temp();
    let fixtures = Path::new("fixtures/sheets");
    let mut texts = Vec::new();
    for (sub, ext) in [("sheets", "csv"), ("csv", "csv"), ("sheets", "xlsx")] {
        let out = dir.path().join(format!("{sub}-{ext}.yaml"));
        let mut cmd = gapgraph();
        cmd.args(["import", sub]);
        sheet_args(&mut cmd, fixtures, ext);
        cmd.arg("-o").arg(&out).assert().success().stderr(
            predicate::str::contains("4 systems")
                .and(predicate::str::contains("columns ignored"))
                .and(predicate::str::contains("Vendor"))
                .and(predicate::str::contains("no strategies"))
                .and(predicate::str::contains("3 interface modes assumed")),
        );
        texts.push(body(&fs::read_to_string(&out).unwrap()));
        let report = analysis(&out);
        // lead-to-cash: 400 a month = 4800 runs, Sales at 60/h: the manual payment status
        // (5 min) 400 h, the semi export into the spreadsheet (2.5 min) 200 h; month-end
        // close: 12 runs x 30 min = 6 h at the default 50/h.
        assert_eq!(statuses(&report), (3, 2, 1));
        assert_eq!(report["summary"]["annual_hours"], 606.0);
        assert_eq!(report["summary"]["annual_cost"], 36300.0);
    }
    assert_eq!(texts[0], texts[1]);
    assert_eq!(texts[0], texts[2], "the workbook holds the same sheets");
    assert!(
        texts[0].contains("minutes: 2.5"),
        "a decimal comma in a `;` CSV"
    );
}

#[test]
fn bad_sheets_report_every_problem_by_file_row_and_column_and_write_nothing() {
    let dir = temp();
    let d = dir.path();
    fs::write(
        d.join("systems.csv"),
        "id,name,kind,satisfaction\ncrm,CRM,sass,4\nerp,ERP,,7\nbad id,X,,\n",
    )
    .unwrap();
    fs::write(
        d.join("integrations.csv"),
        "from,to,carries,mode,minutes\ncrm,ERP,deal,manul,\ncrm,acounting,deal,,24,000\nerp,erp,x,,-1\n",
    )
    .unwrap();
    fs::write(
        d.join("workflows.csv"),
        "workflow,runs,per,from,to,data\nw,10,fortnight,crm,erp,deal\nw,20,,erp,crm,\n",
    )
    .unwrap();
    let out = d.join("model.yaml");
    let assert = gapgraph()
        .args(["import", "sheets", "--systems"])
        .arg(d.join("systems.csv"))
        .arg("--integrations")
        .arg(d.join("integrations.csv"))
        .arg("--workflows")
        .arg(d.join("workflows.csv"))
        .arg("-o")
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    for expected in [
        "systems.csv: row 2, column C `kind`: unknown kind `sass`",
        "systems.csv: row 3, column D `satisfaction`: 7 is out of range",
        "systems.csv: row 4, column A `id`: `bad id` is not an identifier",
        "integrations.csv: row 2, column D `mode`: unknown mode `manul`",
        "integrations.csv: row 3, column B `to`: unknown system `acounting`",
        "integrations.csv: row 4, column B `to`: `from` and `to` are both `erp`",
        "integrations.csv: row 4, column E `minutes`: -1 is out of range",
        "workflows.csv: row 2, column C `per`: unknown period `fortnight`",
        "workflows.csv: row 3, column B `runs`: `20` differs from `10` on row 2",
        "workflows.csv: row 3, column F `data`: name the data object",
        "integrations.csv: no `mode` on rows 3, 4: give each interface's mode",
        "nothing written: 11 problems in the sheets",
    ] {
        assert!(
            stderr.contains(expected),
            "missing `{expected}` in:\n{stderr}"
        );
    }
    assert!(!out.exists());
}

/// Exports `model` as sheets, imports the folder back, and returns both analyses.
fn round_trip(model: &Path) -> (Value, Value) {
    let dir = temp();
    let sheets = dir.path().join("sheets");
    gapgraph()
        .args(["export", "sheets"])
        .arg(model)
        .arg("--dir")
        .arg(&sheets)
        .assert()
        .success()
        .stderr(predicate::str::contains("workflows.csv"));
    let back = dir.path().join("back.yaml");
    gapgraph()
        .args(["import", "sheets", "--dir"])
        .arg(&sheets)
        .arg("-o")
        .arg(&back)
        .assert()
        .success();
    (analysis(model), analysis(&back))
}

#[test]
fn export_then_import_sheets_gives_the_same_analysis() {
    let dir = temp();
    // Units with their hourly cost, names a spreadsheet would run as formulas, quotes,
    // commas, line breaks, two integrations with the same ends, handoff minutes.
    let model = dir.path().join("model.yaml");
    fs::write(
        &model,
        r#"units:
  ops: {name: "=Ops, \"core\"", owner: "+boss", hourly_cost: 72.5}
systems:
  crm: {name: "-CRM", kind: saas, unit: ops, owner: "@sales", satisfaction: 2.5, annual_cost: 1200.75}
  erp: {name: "ERP\nnew line"}
  sheet: {name: Sheet, kind: spreadsheet}
integrations:
  - {from: crm, to: erp, carries: [order, "=cmd"], via: "api, rest", name: "Orders"}
  - {id: crm-erp-manual, from: crm, to: erp, carries: [invoice], mode: manual, minutes: 7, fix_cost: 1500}
  - {from: erp, to: sheet, carries: ["*"], mode: semi}
workflows:
  order:
    name: "Order, to cash"
    unit: ops
    owner: "-me"
    runs: {count: 3.5, per: week}
    handoffs:
      - {from: crm, to: erp, data: order}
      - {from: crm, to: erp, data: invoice, note: "=note"}
      - {from: erp, to: sheet, data: ledger}
      - {from: sheet, to: crm, data: ledger, minutes: 12.25}
"#,
    )
    .unwrap();
    let (before, after) = round_trip(&model);
    assert_eq!(before, after);
    assert_eq!(statuses(&before), (1, 2, 1));

    // `by` and `run_cost` travel too: the warehouse's rate prices step 2 on both sides.
    // Name and currency travel too (issue 20).
    let (before, after) = round_trip(Path::new("fixtures/valid/economics.yaml"));
    assert_eq!(before, after);
    assert_eq!(after["gaps"][1]["by"], "warehouse");
    assert_eq!(after["fixes"][0]["run_cost"], 3000.0);

    let (before, after) = round_trip(Path::new("fixtures/valid/no-strategies.yaml"));
    assert_eq!(before, after);
}

#[test]
fn sheets_round_trip_is_lossless_for_hostile_text() {
    // Issue 23 row 7: `;` in a data name, tabs, carriage returns, controls, bidi
    // overrides, leading and trailing spaces, backslashes and escape look-alikes.
    let dir = temp();
    let model = dir.path().join("model.json");
    // JSON string bodies.
    let names = [
        r"a;b",
        r"tab\there",
        r"cr\rlf",
        r"  padded  ",
        r"bidi \u202egnp.exe",
        r"esc \u001b[31m",
        r"back\\slash \\u{41} \\;",
        r"'=quoted",
    ];
    let systems: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("\"s{i}\": {{\"name\": \"{n}\"}}"))
        .collect();
    let integrations: Vec<String> = (1..names.len())
        .map(|i| {
            format!(
                "{{\"from\": \"s0\", \"to\": \"s{i}\", \"carries\": [\"{}\", \"x;y\"], \"note\": \"{}\"}}",
                names[i], names[i - 1]
            )
        })
        .collect();
    let handoffs: Vec<String> = (1..names.len())
        .map(|i| {
            format!(
                "{{\"from\": \"s0\", \"to\": \"s{i}\", \"data\": \"{}\"}}",
                names[i]
            )
        })
        .collect();
    fs::write(
        &model,
        format!(
            "{{\"systems\": {{{}}}, \"integrations\": [{}], \"workflows\": {{\"w\": {{\"name\": \"{}\", \"runs\": {{\"count\": 1, \"per\": \"day\"}}, \"handoffs\": [{}]}}}}}}",
            systems.join(", "),
            integrations.join(", "),
            names[3],
            handoffs.join(", ")
        ),
    )
    .unwrap();
    let (before, after) = round_trip(&model);
    assert_eq!(before, after);
    // Every gap automated: each data name travelled exactly.
    assert_eq!(statuses(&before), (7, 0, 0));
}

#[test]
fn export_sheets_writes_every_sheet_and_leaves_nothing_out() {
    let dir = temp();
    let assert = gapgraph()
        .args(["export", "sheets", "fixtures/valid/seed.yaml", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains("not in the sheets"), "{stderr}");
    for name in gapgraph::sheets::EXPORT_FILE_NAMES {
        assert!(stderr.contains(name), "{name} not written: {stderr}");
    }
    let systems = fs::read_to_string(dir.path().join("systems.csv")).unwrap();
    assert!(systems
        .starts_with("id,name,kind,unit,owner,satisfaction,annual_cost,lifecycle,criticality\r\n"));
    let model = fs::read_to_string(dir.path().join("model.csv")).unwrap();
    assert!(model.contains("currency,EUR\r\n"), "{model}");
    let strategies = fs::read_to_string(dir.path().join("strategies.csv")).unwrap();
    assert!(strategies.starts_with("strategy,name,description,objective,weight\r\n"));
}

#[test]
fn export_sheets_writes_as_dash_o_does_through_a_link_and_never_over_its_model() {
    let dir = temp();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    fs::write(dir.path().join("kept.csv"), "old").unwrap();
    std::os::unix::fs::symlink("../kept.csv", out.join("systems.csv")).unwrap();
    gapgraph()
        .args(["export", "sheets", "fixtures/valid/seed.yaml", "--dir"])
        .arg(&out)
        .assert()
        .success();
    // The link is kept and its target rewritten, as `-o` does.
    assert!(fs::symlink_metadata(out.join("systems.csv"))
        .unwrap()
        .file_type()
        .is_symlink());
    let kept = fs::read_to_string(dir.path().join("kept.csv")).unwrap();
    assert!(kept.starts_with("id,name,kind"), "{kept}");
    // A model named like one of the sheets, exported into its own folder.
    let model = dir.path().join("workflows.csv");
    fs::copy("fixtures/valid/seed.yaml", &model).unwrap();
    let before = fs::read(&model).unwrap();
    gapgraph()
        .args(["export", "sheets"])
        .arg(&model)
        .arg("--dir")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("it is the input"));
    assert_eq!(fs::read(&model).unwrap(), before);
}

/// The `<data>` values of an element, by attribute name (through the declared keys).
fn data<'a>(
    node: roxmltree::Node<'a, 'a>,
    keys: &HashMap<String, (String, String)>,
) -> HashMap<String, String> {
    node.children()
        .filter(|c| c.has_tag_name("data"))
        .map(|d| {
            let key = d.attribute("key").unwrap();
            let (name, _) = keys
                .get(key)
                .unwrap_or_else(|| panic!("undeclared key {key}"));
            (name.clone(), d.text().unwrap_or("").to_string())
        })
        .collect()
}

fn graphml(model: &str) -> String {
    let out = gapgraph()
        .args(["export", "graphml", model])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn graphml_is_strict_xml_with_declared_keys_and_one_edge_per_gap() {
    for model in ["fixtures/valid/seed.yaml", "tests/data/hostile.yaml"] {
        let text = graphml(model);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{model}: {e}"));
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://graphml.graphdrawing.org/xmlns")
        );
        let keys: HashMap<String, (String, String)> = root
            .children()
            .filter(|c| c.has_tag_name("key"))
            .map(|k| {
                (
                    k.attribute("id").unwrap().to_string(),
                    (
                        k.attribute("attr.name").unwrap().to_string(),
                        k.attribute("for").unwrap().to_string(),
                    ),
                )
            })
            .collect();
        let graph = root.children().find(|c| c.has_tag_name("graph")).unwrap();
        assert_eq!(graph.attribute("edgedefault"), Some("directed"));
        let report = analysis(Path::new(model));
        let loaded = gapgraph::load_str(&fs::read_to_string(model).unwrap(), model).unwrap();
        let nodes: Vec<_> = graph
            .children()
            .filter(|c| c.has_tag_name("node"))
            .collect();
        let edges: Vec<_> = graph
            .children()
            .filter(|c| c.has_tag_name("edge"))
            .collect();
        assert_eq!(nodes.len(), loaded.model.systems.len());
        let ids: BTreeSet<&str> = nodes.iter().map(|n| n.attribute("id").unwrap()).collect();
        assert_eq!(ids.len(), nodes.len(), "node ids are unique");
        for element in nodes.iter().chain(&edges) {
            let what = element.tag_name().name();
            for d in element.children().filter(|c| c.has_tag_name("data")) {
                let (_, target) = &keys[d.attribute("key").unwrap()];
                assert_eq!(target, what, "key declared for {what}");
            }
        }
        for edge in &edges {
            assert!(ids.contains(edge.attribute("source").unwrap()));
            assert!(ids.contains(edge.attribute("target").unwrap()));
        }
        let gaps: Vec<HashMap<String, String>> = edges
            .iter()
            .map(|e| data(*e, &keys))
            .filter(|d| d["gap"] == "true")
            .collect();
        let expected = report["gaps"].as_array().unwrap();
        assert_eq!(gaps.len(), expected.len(), "{model}");
        assert_eq!(
            edges.len(),
            loaded.model.integrations.len() + expected.len()
        );
        let hours: f64 = gaps
            .iter()
            .map(|g| g["annual_hours"].parse::<f64>().unwrap())
            .sum();
        let total = report["summary"]["annual_hours"].as_f64().unwrap();
        assert!((hours - total).abs() < 1e-6, "{hours} vs {total}");
        // Names come back as written, less what XML cannot hold (C0 controls).
        for (node, system) in nodes.iter().zip(&loaded.model.systems) {
            let expected: String = system
                .name
                .chars()
                .map(|c| {
                    if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(data(*node, &keys)["name"], expected);
        }
    }
}

#[test]
fn seed_graphml_gap_edges_carry_the_numbers_of_the_report() {
    let text = graphml("fixtures/valid/seed.yaml");
    assert!(text.contains("<data key=\"edge_status\">missing</data>"));
    assert!(text.contains("label=\"GAP\""));
    assert!(
        text.contains("<data key=\"edge_annual_hours\">720</data>"),
        "{text}"
    );
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        gapgraph()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("gapgraph").and(predicate::str::contains("graphml")));
    }
    gapgraph().args(["completions", "tcsh"]).assert().code(2);
    gapgraph()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie").and(predicate::str::contains(".TH gapgraph 1")));
}
