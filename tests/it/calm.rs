//! `export calm` and `import calm` (docs/calm.md): every export of every shipped fixture
//! validates against the CALM 1.2 meta schemas (tests/data/calm-1.2, offline), the round
//! trip export -> import -> analyze gives the original's JSON report byte for byte, and the
//! CALM examples import to models that load.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{fixture_files, gapgraph, temp_dir};

const META: &str = "https://calm.finos.org/release/1.2/meta/";

fn calm_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/calm-1.2")
}

/// Serves the CALM meta schemas from tests/data; anything else is refused (no network).
struct LocalMeta;

impl jsonschema::Retrieve for LocalMeta {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .as_str()
            .strip_prefix(META)
            .ok_or_else(|| format!("offline: {} is not a CALM 1.2 meta schema", uri.as_str()))?;
        let text = std::fs::read_to_string(calm_dir().join("meta").join(name))?;
        Ok(serde_json::from_str(&text)?)
    }
}

/// The validator of CALM 1.2 architectures: core.json, its references served locally.
fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(calm_dir().join("meta/core.json")).unwrap();
    let core: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_retriever(LocalMeta)
        .build(&core)
        .expect("core.json compiles offline")
}

fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} is not valid CALM 1.2:\n{}",
        errors.join("\n")
    );
}

fn run(args: &[&str]) -> Vec<u8> {
    let out = gapgraph().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "gapgraph {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn export(model: &Path) -> Value {
    serde_json::from_slice(&run(&["export", "calm", model.to_str().unwrap()])).unwrap()
}

/// The models the tests export: every shipped fixture and the hostile-names model.
fn models() -> Vec<PathBuf> {
    let mut models = fixture_files("valid");
    models.push(Path::new("tests/data/hostile.yaml").to_path_buf());
    models
}

#[test]
fn every_export_validates_against_calm_1_2() {
    let validator = validator();
    // The validator does check: a node without its required description is refused, and
    // so is a flow transition without a sequence number (flow.json, served locally).
    let bad = serde_json::json!({"nodes": [{"unique-id": "a", "node-type": "system", "name": "A"}],
        "flows": [{"unique-id": "f", "name": "f", "description": "d",
                   "transitions": [{"relationship-unique-id": "r", "description": "d"}]}]});
    assert_eq!(validator.iter_errors(&bad).count(), 2);
    for model in models() {
        let doc = export(&model);
        assert_valid(&validator, &doc, &model.display().to_string());
        assert_eq!(
            doc["$schema"],
            "https://calm.finos.org/release/1.2/meta/calm.json"
        );
    }
}

#[test]
fn export_import_analyze_equals_analyze_on_every_fixture() {
    let dir = temp_dir();
    for model in models() {
        let name = model.file_name().unwrap().to_str().unwrap();
        let calm = dir.path().join(format!("{name}.calm.json"));
        let back = dir.path().join(format!("{name}.back.yaml"));
        let back_json = dir.path().join(format!("{name}.back.json"));
        let m = model.to_str().unwrap();
        run(&["export", "calm", m, "-o", calm.to_str().unwrap()]);
        run(&[
            "import",
            "calm",
            calm.to_str().unwrap(),
            "-o",
            back.to_str().unwrap(),
        ]);
        run(&[
            "import",
            "calm",
            calm.to_str().unwrap(),
            "-o",
            back_json.to_str().unwrap(),
        ]);
        let original = run(&["analyze", m, "--format", "json"]);
        for copy in [&back, &back_json] {
            let again = run(&["analyze", copy.to_str().unwrap(), "--format", "json"]);
            assert_eq!(
                String::from_utf8_lossy(&original),
                String::from_utf8_lossy(&again),
                "{name}: the round trip through CALM ({}) changed the analysis",
                copy.display()
            );
        }
    }
}

#[test]
fn the_worked_example_shows_its_gap_and_fix_where_a_calm_tool_looks() {
    let doc = export(Path::new("fixtures/valid/worked-example.yaml"));
    assert_eq!(doc["nodes"].as_array().unwrap().len(), 4);
    let crm = &doc["nodes"][0];
    assert_eq!(
        (crm["unique-id"].as_str(), crm["node-type"].as_str()),
        (Some("crm"), Some("system"))
    );
    let sheet = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["unique-id"] == "pipeline-sheet")
        .unwrap();
    assert_eq!(sheet["node-type"], "data-asset");
    // The catalogued fix: a planned relationship with its ranking figures.
    let rels = doc["relationships"].as_array().unwrap();
    let fix = rels
        .iter()
        .find(|r| r["unique-id"] == "fix:accounting->crm")
        .unwrap();
    let figures = &fix["metadata"]["gapgraph-analysis"]["fixes"][0];
    assert_eq!(figures["priority"], 3.68);
    assert_eq!(figures["payback_months"], 3.0);
    assert_eq!(figures["annual_saving"], 24000.0);
    // The manual integration says it is one.
    let manual = rels
        .iter()
        .find(|r| r["unique-id"] == "accounting->crm")
        .unwrap();
    assert_eq!(manual["metadata"]["gapgraph"]["mode"], "manual");
    assert_eq!(manual["metadata"]["gapgraph-analysis"]["minutes"], 5.0);
    // The flow: four transitions in step order, the gap's hours and cost.
    let flow = &doc["flows"][0];
    let steps: Vec<i64> = flow["transitions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["sequence-number"].as_i64().unwrap())
        .collect();
    assert_eq!(steps, [1, 2, 3, 4]);
    assert_eq!(
        flow["transitions"][3]["relationship-unique-id"],
        "accounting->crm"
    );
    let gap = &flow["metadata"]["gapgraph-analysis"]["gaps"][0];
    assert_eq!(
        (
            gap["step"].as_i64(),
            gap["annual_hours"].as_f64(),
            gap["annual_cost"].as_f64()
        ),
        (Some(4), Some(400.0), Some(24000.0))
    );
    assert_eq!(
        doc["metadata"]["gapgraph-analysis"]["summary"]["annual_hours"],
        400.0
    );
}

#[test]
fn a_missing_handoff_gets_a_relationship_marked_missing() {
    let doc = export(Path::new("fixtures/valid/missing-own-minutes.yaml"));
    let missing: Vec<&Value> = doc["relationships"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["metadata"]["gapgraph"]["missing"] == true)
        .collect();
    assert!(!missing.is_empty(), "no relationship marked missing");
    for r in missing {
        let uid = r["unique-id"].as_str().unwrap();
        assert!(uid.starts_with("handoff:"), "{uid}");
        let named = doc["flows"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|f| f["transitions"].as_array().unwrap())
            .any(|t| t["relationship-unique-id"] == uid);
        assert!(named, "{uid} is named by no transition");
    }
}

#[test]
fn the_calm_examples_import_to_models_that_load() {
    let examples = calm_dir().join("examples");
    let out = gapgraph()
        .args(["import", "calm"])
        .arg(examples.join("calm-1.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let loaded = gapgraph::load_str(&text, "calm-1.yaml").expect("the imported model loads");
    assert_eq!(loaded.model.systems.len(), 6);
    // Two `interacts` of the user, three `connects`; the composition is skipped.
    assert_eq!(loaded.model.integrations.len(), 5);
    let user = loaded
        .model
        .systems
        .iter()
        .find(|s| s.id == "calm-user")
        .unwrap();
    assert_eq!(user.kind.as_str(), "person");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("1 composed-of relationships"), "{stderr}");
    assert!(
        text.contains("# assumed: CALM does not say what data moves"),
        "{text}"
    );

    let out = gapgraph()
        .args(["import", "calm"])
        .arg(examples.join("calm-hub-detail.architecture.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let loaded = gapgraph::load_str(&String::from_utf8(out.stdout).unwrap(), "hub.yaml").unwrap();
    assert_eq!(
        (loaded.model.systems.len(), loaded.model.integrations.len()),
        (5, 4)
    );

    // A pattern is a JSON Schema, not an architecture: refused, saying so.
    let out = gapgraph()
        .args(["import", "calm"])
        .arg(examples.join("api-gateway.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("CALM pattern"));
}

#[test]
fn a_flow_without_gapgraph_metadata_becomes_a_workflow_in_sequence_order() {
    let calm = r#"{
      "nodes": [
        {"unique-id": "shop", "node-type": "system", "name": "Web shop", "description": "d"},
        {"unique-id": "erp", "node-type": "service", "name": "ERP", "description": "d"},
        {"unique-id": "clerk", "node-type": "actor", "name": "Clerk", "description": "d"}
      ],
      "relationships": [
        {"unique-id": "orders", "relationship-type": {"connects": {"source": {"node": "shop"}, "destination": {"node": "erp"}}}, "protocol": "HTTPS"},
        {"unique-id": "keys-in", "relationship-type": {"interacts": {"actor": "clerk", "nodes": ["erp"]}}},
        {"unique-id": "runs-on", "relationship-type": {"deployed-in": {"container": "erp", "nodes": ["shop"]}}}
      ],
      "flows": [{"unique-id": "order-flow", "name": "Order", "description": "d", "transitions": [
        {"relationship-unique-id": "keys-in", "sequence-number": 2, "description": "clerk keys"},
        {"relationship-unique-id": "orders", "sequence-number": 1, "description": "order sent"}
      ]}],
      "controls": {}
    }"#;
    let imported = gapgraph::import::calm::calm(calm, false).unwrap();
    let loaded = gapgraph::load_str(&imported.text, "x.yaml").unwrap();
    let w = &loaded.model.workflows[0];
    assert_eq!(w.id, "order-flow");
    let ends: Vec<(&str, &str, &str)> = w
        .handoffs
        .iter()
        .map(|h| {
            (
                loaded.model.system(h.from).id.as_str(),
                loaded.model.system(h.to).id.as_str(),
                &*h.data,
            )
        })
        .collect();
    assert_eq!(
        ends,
        [("shop", "erp", "orders"), ("clerk", "erp", "keys-in")]
    );
    assert!(
        imported
            .text
            .contains("runs: {count: 1, per: day} # assumed:"),
        "{}",
        imported.text
    );
    assert_eq!(
        imported.summary.skipped.get("deployed-in relationships"),
        Some(&1)
    );
    assert_eq!(
        imported.summary.skipped.get("top-level `controls`"),
        Some(&1)
    );
    assert_eq!(loaded.model.integrations[0].via.as_deref(), Some("HTTPS"));
}

#[test]
fn bad_input_exits_2_with_where() {
    let dir = temp_dir();
    let cases = [
        ("{\n  \"nodes\": [\n    {,\n", "line 3, column"),
        ("[1, 2]", "at `$`"),
        (
            r#"{"nodes": [{"node-type": "system"}]}"#,
            "`$.nodes[0].unique-id`: required, missing",
        ),
        (r#"{"nodes": {}}"#, "`$.nodes`: expected an array"),
        (
            r#"{"nodes": [{"unique-id": "a", "node-type": "system"}], "relationships": [{"unique-id": "r", "relationship-type": {"connects": {"source": {}}}}]}"#,
            "relationships[0].relationship-type.connects.source.node",
        ),
    ];
    for (text, expected) in cases {
        let file = dir.path().join("bad.json");
        std::fs::write(&file, text).unwrap();
        let out = gapgraph()
            .args(["import", "calm"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{text}: {stderr}");
    }
}

#[test]
fn import_never_writes_over_its_input() {
    let dir = temp_dir();
    let file = dir.path().join("a.json");
    std::fs::write(&file, "{}").unwrap();
    let out = gapgraph()
        .args(["import", "calm"])
        .arg(&file)
        .arg("-o")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "{}");
}

/// The schemas and examples in tests/data are the published CALM 1.2 files, copied so a
/// clean clone validates offline; where the shared spec folder is beside the project, the
/// copies must still equal it byte for byte.
#[test]
fn the_copied_calm_files_equal_the_shared_spec() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/calm-1.2");
    if !shared.is_dir() {
        eprintln!(
            "note: {} is absent; the copies are not compared",
            shared.display()
        );
        return;
    }
    let mut compared = 0;
    for folder in ["meta", "examples"] {
        for entry in std::fs::read_dir(calm_dir().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap();
            let original = std::fs::read(shared.join(folder).join(name)).unwrap();
            assert_eq!(
                std::fs::read(&path).unwrap(),
                original,
                "{}",
                path.display()
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 14, "11 meta schemas and 3 examples");
}
