//! `export graph --format neo4j-csv` (docs/graph-stores.md): the files and their
//! neo4j-admin headers, the per-unit gap hours the docs' Cypher and SQL compute (here
//! computed the same way from the files) equal to the report's, hostile text neutralised.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::support::{fixture_files, gapgraph, temp_dir};

fn export(model: &Path, dir: &Path) {
    let out = gapgraph()
        .args(["export", "graph", "--format", "neo4j-csv", "--dir"])
        .arg(dir)
        .arg(model)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The header and the rows of one file, read strictly (every row as wide as the header).
fn read(dir: &Path, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(dir.join(name)).unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn report(model: &Path) -> Value {
    let out = gapgraph()
        .arg("analyze")
        .arg(model)
        .args(["--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn files_have_neo4j_admin_headers() {
    let dir = temp_dir();
    export(Path::new("fixtures/valid/acme-2026q1.yaml"), dir.path());
    let header = |name| read(dir.path(), name).0.join(",");
    assert_eq!(header("system.csv"), "id:ID(System),name,kind,manual_kind:boolean,unit,owner,strategic_contribution:float,flags:string[],:LABEL");
    assert_eq!(header("integrates.csv"), ":START_ID(System),:END_ID(System),id,mode,effective_mode,carries:string[],minutes:float,fix_cost:float,via,:TYPE");
    assert_eq!(header("handoff.csv"), ":START_ID(System),:END_ID(System),workflow,step:int,data,status,gap:boolean,minutes:float,runs_per_year:float,hours:float,cost:float,strategic_value:float,path:string[],:TYPE");
    assert_eq!(
        header("workflow_belongs_to.csv"),
        ":START_ID(Workflow),:END_ID(Unit),:TYPE"
    );
    assert_eq!(header("fix_closes.csv"), ":START_ID(Fix),:END_ID(Workflow),step:int,minutes_before:float,minutes_after:float,hours_saved:float,:TYPE");
    for name in gapgraph::render::graph_store::NEO4J_FILES {
        let (header, rows) = read(dir.path(), name);
        let label = header
            .iter()
            .position(|h| h == ":LABEL" || h == ":TYPE")
            .unwrap();
        assert!(
            rows.iter().all(|r| !r[label].is_empty()),
            "{name}: a row without label or type"
        );
    }
    // Every relationship end is a node of its ID space.
    let ids = |name| -> Vec<String> {
        read(dir.path(), name)
            .1
            .into_iter()
            .map(|r| r[0].clone())
            .collect()
    };
    let systems = ids("system.csv");
    for row in read(dir.path(), "handoff.csv")
        .1
        .iter()
        .chain(&read(dir.path(), "integrates.csv").1)
    {
        assert!(
            systems.contains(&row[0]) && systems.contains(&row[1]),
            "{row:?}"
        );
    }
    let (_, fix_rows) = read(dir.path(), "fix.csv");
    assert_eq!(
        fix_rows[0][..3],
        ["automate:accounting->crm", "accounting->crm", "automate"]
    );
    assert_eq!(fix_rows[0][11], "2.76"); // priority, as the report ranks it
}

/// Σ gap hours per unit from the files: HANDOFF joined to its workflow's BELONGS_TO, as the
/// Cypher and SQL of docs/graph-stores.md do.
fn unit_hours(dir: &Path) -> BTreeMap<String, f64> {
    let (_, units) = read(dir, "unit.csv");
    let (_, belongs) = read(dir, "workflow_belongs_to.csv");
    let (_, handoffs) = read(dir, "handoff.csv");
    let unit_of: BTreeMap<&str, &str> = belongs
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str()))
        .collect();
    let mut hours: BTreeMap<String, f64> = units.iter().map(|u| (u[0].clone(), 0.0)).collect();
    for h in handoffs.iter().filter(|h| h[6] == "true") {
        if let Some(u) = unit_of.get(h[2].as_str()) {
            *hours.get_mut(*u).unwrap() += h[9].parse::<f64>().unwrap();
        }
    }
    hours
}

#[test]
fn per_unit_gap_hours_from_the_files_equal_the_report_on_every_fixture() {
    for model in fixture_files("valid")
        .into_iter()
        .filter(|m| m.extension().unwrap() == "yaml")
    {
        let dir = temp_dir();
        export(&model, dir.path());
        let report = report(&model);
        let expected: BTreeMap<String, f64> = report["units"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                (
                    u["id"].as_str().unwrap().to_string(),
                    u["annual_hours"].as_f64().unwrap(),
                )
            })
            .collect();
        let got = unit_hours(dir.path());
        assert_eq!(
            expected.keys().collect::<Vec<_>>(),
            got.keys().collect::<Vec<_>>(),
            "{}",
            model.display()
        );
        for (unit, hours) in &expected {
            assert!(
                (hours - got[unit]).abs() < 1e-6 * hours.max(1.0),
                "{}: {unit} {hours} != {}",
                model.display(),
                got[unit]
            );
        }
        let (_, handoffs) = read(dir.path(), "handoff.csv");
        assert_eq!(
            handoffs.len() as u64,
            report["summary"]["handoffs"].as_u64().unwrap()
        );
    }
    // The numbers a reader checks in the docs: acme-2026q1, Sales 400 h, Finance 120 h.
    let dir = temp_dir();
    export(Path::new("fixtures/valid/acme-2026q1.yaml"), dir.path());
    let got = unit_hours(dir.path());
    assert_eq!((got["sales"], got["finance"]), (400.0, 120.0));
}

#[test]
fn hostile_text_is_neutralised_in_every_cell() {
    let dir = temp_dir();
    export(Path::new("tests/data/hostile.yaml"), dir.path());
    for name in gapgraph::render::graph_store::NEO4J_FILES {
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        assert!(
            !bytes.contains(&0x1b) && !bytes.contains(&0),
            "{name}: a raw control"
        );
        let (_, rows) = read(dir.path(), name);
        for cell in rows.iter().flatten() {
            let formula = cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && cell.parse::<f64>().is_err());
            assert!(!formula, "{name}: `{cell}` would run as a formula");
        }
    }
    let (_, systems) = read(dir.path(), "system.csv");
    assert!(systems[0][5].starts_with("'=1+1"), "{:?}", systems[0]);
}

#[test]
fn the_export_never_writes_over_its_model() {
    let dir = temp_dir();
    let model = dir.path().join("system.csv");
    std::fs::copy("fixtures/valid/worked-example.yaml", &model).unwrap();
    let before = std::fs::read(&model).unwrap();
    let out = gapgraph()
        .args(["export", "graph", "--dir"])
        .arg(dir.path())
        .arg(&model)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&model).unwrap(), before);
}
