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

/// The handoffs whose data the file names (no `# assumed` on their line), and of those the
/// ones that are gaps (manual or missing), in model order.
fn named_data(text: &str) -> (usize, usize) {
    let loaded = gapgraph::load_str(text, "model.yaml").unwrap();
    let analysis = analyze(&loaded.model, loaded.model.default_strategy);
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("      - {from:"))
        .collect();
    assert_eq!(lines.len(), analysis.handoffs.len());
    let named: Vec<bool> = lines.iter().map(|l| !l.contains("# assumed")).collect();
    let gaps = analysis
        .handoffs
        .iter()
        .zip(&named)
        .filter(|(h, named)| **named && h.status != Status::Automated)
        .count();
    (named.iter().filter(|n| **n).count(), gaps)
}

#[test]
fn functions_interactions_application_processes_platforms_and_access_data() {
    let imported = import(&fixture("landscape-3.1.xml"), None);
    insta::assert_snapshot!("landscape_3_1_yaml", imported.text);
    // 4 applications and the CI server (system software serving a step); no person.
    assert_eq!((imported.summary.systems, imported.summary.people), (5, 0));
    // Every handoff is missing (the file has no integration), each with named data but the
    // one from the application process chain to the step the CI server serves.
    assert_eq!(check(&imported.text, "model.yaml"), (5, 0, 3, 0, 0, 5));
    assert_eq!(named_data(&imported.text), (4, 4));
    let text = &imported.text;
    // Business functions and the named Flows between them.
    assert!(text.contains("business-functions-from-underwriting:"));
    assert!(text.contains(
        "{from: policy-admin, to: finance-app, data: \"financial obligations\", note: \"Underwriting -> Finance\"}"
    ));
    // A BusinessInteraction hands to a process; the data is what one writes and the next reads.
    assert!(text.contains(
        "{from: finance-app, to: crm, data: \"Insurance request\", note: \"Formalise request -> Create contract\"}"
    ));
    // Inside a step two applications serve; the data is the object it writes (the format's
    // default access type).
    assert!(text.contains("{from: crm, to: policy-admin, data: \"Contract\", note: \"inside Create contract: served by CRM, Policy admin\"}"));
    // Application processes done by the component assigned to the process composing them,
    // handing to a step system software serves.
    assert!(text.contains("{from: data-warehouse, to: ci-server, data: \"Report data\""));
    let loaded = gapgraph::load_str(text, "model.yaml").unwrap();
    let system = |id: &str| loaded.model.systems.iter().find(|s| s.id == id).unwrap();
    assert_eq!(system("crm").lifecycle, Some("end-of-support"));
    assert_eq!(system("crm").criticality, Some("high"));
    assert_eq!(system("policy-admin").lifecycle, Some("active"));
    assert_eq!(
        system("ci-server").kind,
        gapgraph::model::SystemKind::Platform
    );
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.message.clone()).collect();
    assert!(
        warnings.contains(&"system `crm` is at end of support, still in 2 workflows".to_string()),
        "{warnings:?}"
    );
}

#[test]
fn duplicate_ids_and_dangling_flows_are_skipped_counted_and_located() {
    let imported = import(&fixture("landscape-3.1.xml"), None);
    let s = &imported.summary;
    assert_eq!(s.skipped["elements with an id already used"], 1);
    assert_eq!(s.skipped["relationships with an id already used"], 1);
    assert_eq!(s.skipped["relationships to an element not in the file"], 1);
    // The first of two same-id elements is kept: "Policy admin", not the second name.
    assert!(!imported.text.contains("Second element"));
    assert!(
        s.notes
            .iter()
            .any(|n| n
                .starts_with("line 35: element `c-policy` has the id of the element on line 23"))
    );
    assert!(s
        .notes
        .iter()
        .any(|n| n.starts_with("line 82: Flow relationship `fl-3` refers to `f-missing`")));
}

/// A landscape of `n` business functions in a ring of named Flows, each served by its own
/// component and by one hub component, plus a hub function every other one flows to, and
/// `n` processes each served by two components.
fn big_landscape(n: usize) -> String {
    use std::fmt::Write;
    let mut x = String::from(
        "<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" identifier=\"m\"><elements>",
    );
    let element = |x: &mut String, id: String, kind: &str| {
        let _ = write!(x, "<element identifier=\"{id}\" xsi:type=\"{kind}\"><name xml:lang=\"en\">{id}</name></element>");
    };
    element(&mut x, "hub".into(), "ApplicationComponent");
    element(&mut x, "fhub".into(), "BusinessFunction");
    for i in 0..n {
        element(&mut x, format!("c{i}"), "ApplicationComponent");
        element(&mut x, format!("f{i}"), "BusinessFunction");
        element(&mut x, format!("p{i}"), "BusinessProcess");
    }
    x.push_str("</elements><relationships>");
    let mut r = 0;
    let mut rel = |x: &mut String, s: String, t: String, kind: &str| {
        r += 1;
        let _ = write!(x, "<relationship identifier=\"r{r}\" source=\"{s}\" target=\"{t}\" xsi:type=\"{kind}\"><name xml:lang=\"en\">d{r}</name></relationship>");
    };
    for i in 0..n {
        let next = (i + 1) % n;
        rel(&mut x, format!("f{i}"), format!("f{next}"), "Flow");
        rel(&mut x, format!("f{i}"), "fhub".into(), "Flow");
        rel(&mut x, format!("c{i}"), format!("f{i}"), "Serving");
        rel(&mut x, "hub".into(), format!("f{i}"), "Serving");
        rel(&mut x, format!("p{i}"), format!("p{next}"), "Triggering");
        rel(&mut x, format!("c{i}"), format!("p{i}"), "Serving");
        rel(&mut x, format!("c{next}"), format!("p{i}"), "Serving");
    }
    x.push_str("</relationships></model>");
    x
}

#[test]
fn large_landscapes_import_in_near_linear_time_without_cross_products() {
    let started = std::time::Instant::now();
    let imported = import(&big_landscape(2_000), None);
    let took = started.elapsed();
    eprintln!(
        "6,002 elements, 14,000 relationships: imported in {took:?}\n{}",
        imported.summary
    );
    // One handoff per Flow or step at most: never functions x systems.
    assert!(
        imported.summary.handoffs <= 3 * 2_000,
        "{}",
        imported.summary
    );
    // Debug builds are ~10x slower than release (docs/import-archimate.md gives release
    // times); this bound only catches a quadratic step.
    assert!(took.as_secs_f64() < 20.0, "{took:?}");
    gapgraph::load_str(&imported.text, "model.yaml").unwrap();
}

/// (file, systems, integrations, workflows, handoffs, gaps, named-data gaps): the counts
/// docs/import-archimate.md reports.
const REAL_MODELS: [(&str, usize, usize, usize, usize, usize, usize); 5] = [
    (
        "ArchiSurance_3.1_CaseStudy_OpenGroup.xml",
        21,
        37,
        4,
        20,
        13,
        8,
    ),
    (
        "Archisurance_classic_OEF3.0_archi-testdata.xml",
        10,
        9,
        1,
        2,
        1,
        0,
    ),
    ("ArchiMetal_fr_OEF3.1.xml", 27, 38, 2, 6, 0, 0),
    ("OpenDay_OEF2.1_ArchiModels.xml", 3, 0, 2, 3, 3, 0),
    (
        "GEMMA_2026-06-30_model-only_OEF3.1.xml",
        282,
        284,
        1,
        7,
        7,
        0,
    ),
];

#[test]
fn the_real_models_import_validate_and_analyse() {
    let Some(dir) = real_models_dir() else {
        eprintln!("no real ArchiMate models here: skipped");
        return;
    };
    for (file, systems, integrations, workflows, handoffs, gaps, named_gaps) in REAL_MODELS {
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
        let (_, named) = named_data(&imported.text);
        assert_eq!(
            (
                s,
                i,
                w,
                automated + manual + missing,
                manual + missing,
                named
            ),
            (systems, integrations, workflows, handoffs, gaps, named_gaps),
            "{file}"
        );
    }
}

#[test]
fn the_real_models_capture_what_issue_20_asks() {
    let Some(dir) = real_models_dir() else {
        eprintln!("no real ArchiMate models here: skipped");
        return;
    };
    let read = |file: &str| import(&std::fs::read_to_string(dir.join(file)).unwrap(), None);
    let surance = read("ArchiSurance_3.1_CaseStudy_OpenGroup.xml");
    let (_, _, workflows, automated, manual, missing) = check(&surance.text, "model.yaml");
    assert!(workflows >= 4 && automated + manual + missing >= 15);
    assert!(named_data(&surance.text).1 >= 5);
    assert!(surance.text.contains("issue-new-policy:"));
    assert!(surance.text.contains("data: \"customer info\""));
    let classic = read("Archisurance_classic_OEF3.0_archi-testdata.xml");
    assert!(check(&classic.text, "model.yaml").2 >= 1);
    // GEMMA: the DevOps steps the CI/CD tool serves are done in it, not by a person.
    let gemma = read("GEMMA_2026-06-30_model-only_OEF3.1.xml");
    assert_eq!(gemma.summary.people, 0);
    assert!(gemma.text.contains("kind: platform"));
    assert_eq!(gemma.text.matches("lifecycle: end-of-support").count(), 3);
    assert_eq!(gemma.text.matches("    criticality: ").count(), 177);
}
