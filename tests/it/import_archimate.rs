//! ArchiMate import: small fixtures with exact outputs, hostile names, the starter model, and
//! the five real models of ../shared/data/archimate/ (or $GAPGRAPH_ARCHIMATE_DIR) when present.

use std::path::{Path, PathBuf};

use gapgraph::analysis::{analyze, Status};
use gapgraph::import::{archimate, ArchimateOptions, ImportError, Imported, STARTER_MODEL};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/archimate")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(xml: &str, lang: Option<&str>) -> Imported {
    let options = ArchimateOptions {
        lang: lang.map(str::to_string),
        json: false,
    };
    archimate(xml, &options).unwrap_or_else(|e| panic!("import failed: {e}"))
}

/// Loads the text as a model (no errors allowed) and analyses it; (systems, integrations,
/// workflows, automated, manual, missing).
fn check(text: &str, origin: &str) -> (usize, usize, usize, usize, usize, usize) {
    let loaded = gapgraph::load_str(text, origin).unwrap_or_else(|errors| {
        let shown: Vec<String> = errors.iter().map(|d| format!("{d:?}")).collect();
        panic!(
            "the imported model does not load:\n{}\n{text}",
            shown.join("\n")
        )
    });
    let analysis = analyze(&loaded.model, loaded.model.default_strategy);
    let count = |s: Status| analysis.handoffs.iter().filter(|h| h.status == s).count();
    (
        loaded.model.systems.len(),
        loaded.model.integrations.len(),
        loaded.model.workflows.len(),
        count(Status::Automated),
        count(Status::Manual),
        count(Status::Missing),
    )
}

#[test]
fn oef_3_1_with_flows_processes_and_goals() {
    let imported = import(&fixture("claims-3.1.xml"), None);
    insta::assert_snapshot!("claims_3_1_yaml", imported.text);
    insta::assert_snapshot!("claims_3_1_summary", imported.summary.to_string());
    assert_eq!(check(&imported.text, "model.yaml"), (5, 4, 1, 1, 1, 2));
}

#[test]
fn oef_3_1_as_json_lists_assumptions_in_the_summary() {
    let options = ArchimateOptions {
        lang: None,
        json: true,
    };
    let imported = archimate(&fixture("claims-3.1.xml"), &options).unwrap();
    assert!(imported.text.starts_with('{'));
    assert!(!imported.summary.assumptions.is_empty());
    assert_eq!(imported.summary.assumptions.len(), imported.summary.assumed);
    assert!(imported
        .summary
        .to_string()
        .contains("workflows.handle-claim.serves"));
    let yaml = import(&fixture("claims-3.1.xml"), None);
    assert_eq!(
        check(&imported.text, "model.json"),
        check(&yaml.text, "model.yaml")
    );
}

#[test]
fn oef_2_1_with_labels_and_used_by() {
    let imported = import(&fixture("open-day-2.1.xml"), None);
    insta::assert_snapshot!("open_day_2_1_yaml", imported.text);
    assert_eq!(imported.summary.format, "ArchiMate OEF 2.1");
    assert_eq!(check(&imported.text, "model.yaml"), (3, 1, 1, 1, 0, 2));
}

#[test]
fn messy_cases_are_merged_skipped_and_named_safely() {
    let imported = import(&fixture("messy-3.1.xml"), Some("nl"));
    insta::assert_snapshot!("messy_yaml", imported.text);
    insta::assert_snapshot!("messy_summary", imported.summary.to_string());
    let s = &imported.summary;
    assert_eq!(s.merged["same-named application components"], 2);
    assert_eq!(s.skipped["self-loops (a component to itself)"], 1);
    assert_eq!(s.skipped["relationships whose end is a relationship"], 1);
    check(&imported.text, "model.yaml");
    // The same file in French: other names, other ids, the same shape.
    let french = import(&fixture("messy-3.1.xml"), Some("fr"));
    assert_ne!(french.text, imported.text);
    assert_eq!(
        check(&french.text, "model.yaml"),
        check(&imported.text, "model.yaml")
    );
}

#[test]
fn a_missing_language_falls_back_and_says_so() {
    let imported = import(&fixture("claims-3.1.xml"), Some("de"));
    assert_eq!(imported.summary.notes.len(), 1);
    assert!(imported.text.contains("\"Claims handling\""));
}

#[test]
fn bad_input_is_an_error_with_its_place() {
    let options = ArchimateOptions::default();
    match archimate("<model>\n  <elements>\n</model>", &options) {
        Err(ImportError::Xml { line, column, .. }) => assert_eq!((line, column), (3, 1)),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        archimate("<model xmlns=\"urn:x\"/>", &options),
        Err(ImportError::UnknownNamespace {
            namespace: "urn:x".into()
        })
    );
    assert_eq!(
        archimate("<html/>", &options),
        Err(ImportError::NotOef {
            root: "html".into()
        })
    );
    assert!(matches!(
        archimate("", &options),
        Err(ImportError::Xml { .. })
    ));
}

#[test]
fn the_starter_model_validates_cleanly_and_shows_each_status() {
    let loaded = gapgraph::load_str(STARTER_MODEL, "model.yaml").expect("starter loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let analysis = analyze(&loaded.model, loaded.model.default_strategy);
    assert!(analysis.strategy.is_some());
    for status in [Status::Automated, Status::Manual, Status::Missing] {
        assert!(
            analysis.handoffs.iter().any(|h| h.status == status),
            "no {status:?} handoff"
        );
    }
    assert!(!analysis.fixes.is_empty());
}

/// $GAPGRAPH_ARCHIMATE_DIR, else `shared/` beside the checkout (CI), else beside the folder
/// of worktrees that holds this checkout.
fn real_models_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GAPGRAPH_ARCHIMATE_DIR") {
        return Some(PathBuf::from(dir));
    }
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    ["../shared/data/archimate", "../../shared/data/archimate"]
        .iter()
        .map(|p| crate_dir.join(p))
        .find(|d| d.is_dir())
}

/// (file, systems, integrations, workflows, gaps): the counts docs/import-archimate.md reports.
const REAL_MODELS: [(&str, usize, usize, usize, usize); 5] = [
    ("ArchiSurance_3.1_CaseStudy_OpenGroup.xml", 17, 37, 1, 0),
    (
        "Archisurance_classic_OEF3.0_archi-testdata.xml",
        10,
        9,
        0,
        0,
    ),
    ("ArchiMetal_fr_OEF3.1.xml", 27, 38, 2, 0),
    ("OpenDay_OEF2.1_ArchiModels.xml", 3, 0, 2, 3),
    ("GEMMA_2026-06-30_model-only_OEF3.1.xml", 272, 284, 1, 5),
];

#[test]
fn the_real_models_import_validate_and_analyse() {
    let Some(dir) = real_models_dir() else {
        eprintln!("no real ArchiMate models here: skipped");
        return;
    };
    for (file, systems, integrations, workflows, gaps) in REAL_MODELS {
        let xml = std::fs::read_to_string(dir.join(file)).unwrap();
        // Import speed is measured by benches/e2e.sh and docs/performance.md, not here.
        let imported = import(&xml, None);
        // To read what an import gives: GAPGRAPH_IMPORT_DUMP=/some/dir.
        if let Some(out) = std::env::var_os("GAPGRAPH_IMPORT_DUMP") {
            let path = Path::new(&out).join(file).with_extension("yaml");
            std::fs::write(path, &imported.text).unwrap();
        }
        let (s, i, w, automated, manual, missing) = check(&imported.text, "model.yaml");
        eprintln!(
            "{file}: {s} systems, {i} integrations, {w} workflows, {} handoffs: {automated} automated, {manual} manual, {missing} missing\n{}",
            automated + manual + missing,
            imported.summary
        );
        assert_eq!(
            (s, i, w, manual + missing),
            (systems, integrations, workflows, gaps),
            "{file}"
        );
    }
}
