//! Issue 20, the spreadsheet half: `export sheets` then `import sheets --dir` gives the
//! same analysis byte for byte (every shipped model, random models), other tools'
//! exports through `--columns` and `--preset`, and no silent mode assumptions.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use gapgraph::model::Carries;
use gapgraph::sheets::{self, ImportOptions};
use proptest::prelude::*;

use crate::properties::arb_model;
use crate::support::{fixture_files, gapgraph, temp_dir};

/// `analyze MODEL --format json` as bytes.
fn analyze_json(model: &Path) -> Vec<u8> {
    let out = gapgraph()
        .arg("analyze")
        .arg(model)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0),
        "analyze {}: {:?}",
        model.display(),
        out
    );
    out.stdout
}

/// Exports `model`, imports the folder back, and returns the model made.
fn export_then_import(model: &Path, dir: &Path) -> PathBuf {
    let sheets = dir.join("sheets");
    let export = gapgraph()
        .args(["export", "sheets"])
        .arg(model)
        .arg("--dir")
        .arg(&sheets)
        .output()
        .unwrap();
    assert_eq!(
        export.status.code(),
        Some(0),
        "export {}: {export:?}",
        model.display()
    );
    let back = dir.join("back.yaml");
    let import = gapgraph()
        .args(["import", "sheets", "--dir"])
        .arg(&sheets)
        .arg("-o")
        .arg(&back)
        .output()
        .unwrap();
    assert_eq!(
        import.status.code(),
        Some(0),
        "import {}: {import:?}",
        model.display()
    );
    back
}

/// Every model that validates among the shipped fixtures and the hostile corpus.
fn shipped_models() -> Vec<PathBuf> {
    let mut models = fixture_files("valid");
    let mut corpus: Vec<PathBuf> = fs::read_dir("tests/corpus")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
        .collect();
    corpus.sort();
    models.extend(corpus.into_iter().filter(|p| {
        gapgraph()
            .arg("validate")
            .arg(p)
            .output()
            .unwrap()
            .status
            .success()
    }));
    models
}

#[test]
fn sheets_round_trip_gives_the_same_analysis_json_for_every_shipped_model() {
    let models = shipped_models();
    assert!(models.len() >= 20, "{models:?}");
    for model in &models {
        let dir = temp_dir();
        let back = export_then_import(model, dir.path());
        let (before, after) = (analyze_json(model), analyze_json(&back));
        assert!(
            before == after,
            "{}: the analysis changed through the sheets\nbefore: {}\nafter:  {}",
            model.display(),
            String::from_utf8_lossy(&before),
            String::from_utf8_lossy(&after)
        );
    }
}

/// The library's round trip: the model's sheets written to `dir`, read back, loaded.
fn library_round_trip(model: &gapgraph::model::Model, dir: &Path) -> gapgraph::model::Model {
    let exported = sheets::export(model).unwrap();
    for file in &exported.files {
        fs::write(dir.join(file.name), &file.bytes).unwrap();
    }
    let set = sheets::read_dir(dir).unwrap();
    let imported = match sheets::import(&set, &ImportOptions::default()) {
        Ok(imported) => imported,
        Err(problems) => panic!("{problems:#?}"),
    };
    gapgraph::load_str(&imported.text, "back.yaml")
        .unwrap()
        .model
}

/// Text that sheets must carry: separators, quotes, controls, bidi and invisible
/// characters, escape look-alikes, formula starts.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "Z", " ", ";", ",", "\"", "'", "\t", "\r", "\n", "\\", "\\;", "\\u{41}", "=", "+",
            "-", "@", "\u{202e}", "\u{200b}", "é", "漢", ":", "#", "\u{2028}",
        ]),
        1..8,
    )
    .prop_map(|parts| parts.concat())
    // A model's text is never blank.
    .prop_filter("blank", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_models_come_back_whole_through_the_sheets(
        mut model in arb_model(),
        names in prop::collection::vec(hostile_text(), 12),
        currency in hostile_text(),
    ) {
        // Hostile names, notes and data objects (renamed consistently).
        model.currency = currency;
        model.name = Some(names[0].clone());
        for (i, s) in model.systems.iter_mut().enumerate() {
            s.name = names[i % names.len()].clone();
            s.owner = Some(names[(i + 1) % names.len()].clone());
            s.lifecycle = gapgraph::model::schema::LIFECYCLES.get(i % 5).copied();
            s.criticality = gapgraph::model::schema::CRITICALITIES.get(i % 4).copied();
            s.satisfaction = (i % 2 == 0).then_some(1.5 + i as f64 / 4.0);
            s.annual_cost = (i % 3 == 0).then_some(1234.5678 * i as f64);
        }
        let data: Vec<String> = (0..3).map(|i| format!("{}{i}", names[9 + i])).collect();
        let renamed = |d: &str| match ["order", "invoice", "status"].iter().position(|x| *x == d) {
            Some(i) => data[i].clone(),
            None => d.to_string(),
        };
        let rename = |c: &mut Carries| *c = Carries::from(c.iter().map(|d| renamed(d)).collect::<Vec<_>>());
        for g in &mut model.integrations {
            rename(&mut g.carries);
            g.note = Some(names[3].clone());
        }
        for f in &mut model.fixes {
            if let Some(c) = &mut f.carries {
                rename(c);
            }
            f.name = Some(names[4].clone());
        }
        // Ids that differ by case alone stay apart.
        if let [first, second, ..] = &mut model.workflows[..] {
            first.id = "W".into();
            second.id = "w".into();
        }
        for w in &mut model.workflows {
            w.name = names[5].clone();
            for h in &mut w.handoffs {
                h.data = renamed(&h.data).into();
                h.note = Some(names[6].clone());
            }
        }
        for o in &mut model.objectives {
            o.description = Some(names[7].clone());
        }
        // The model as it loads (ids, defaults and the strategy in force as a file gives them).
        let dir = temp_dir();
        let back = library_round_trip(&model, dir.path());
        prop_assert_eq!(back, model);
    }
}

#[test]
fn random_models_with_sources_and_handoff_runs_come_back_whole() {
    use gapgraph::model::{Source, Sources};
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 32,
        ..ProptestConfig::default()
    });
    runner
        .run(&(arb_model(), 0u8..4), |(mut model, pick)| {
            let source = [Source::Stated, Source::Imported, Source::Measured][pick as usize % 3];
            let sourced = Sources {
                minutes: source,
                runs: Source::Measured,
                cost: source,
                run_cost: Source::Imported,
                evidence: (pick > 1).then(|| "a log; \"quoted\"\tand tabbed".to_string()),
            };
            for g in &mut model.integrations {
                g.sources = Sources {
                    runs: Source::Stated,
                    ..sourced.clone()
                };
            }
            for w in &mut model.workflows {
                w.sources = Sources {
                    runs: source,
                    evidence: sourced.evidence.clone(),
                    ..Sources::default()
                };
                for h in &mut w.handoffs {
                    h.sources = Sources {
                        minutes: source,
                        runs: Source::Imported,
                        evidence: sourced.evidence.clone(),
                        ..Sources::default()
                    };
                }
            }
            for f in &mut model.fixes {
                f.sources = Sources {
                    cost: source,
                    run_cost: Source::Measured,
                    evidence: sourced.evidence.clone(),
                    ..Sources::default()
                };
            }
            let dir = temp_dir();
            let back = library_round_trip(&model, dir.path());
            prop_assert_eq!(back, model);
            Ok(())
        })
        .unwrap();
}

fn leanix(extra: &[&str]) -> std::process::Output {
    gapgraph()
        .args([
            "import",
            "sheets",
            "--systems",
            "fixtures/sheets/leanix/applications.csv",
        ])
        .args(["--integrations", "fixtures/sheets/leanix/interfaces.csv"])
        .args(["--workflows", "fixtures/sheets/leanix/workflows.csv"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn a_leanix_export_imports_with_a_columns_file_and_with_the_preset() {
    for (extra, payments) in [
        (
            ["--columns", "fixtures/sheets/leanix/columns.yaml"],
            "manual",
        ),
        (["--preset", "leanix"], "semi"),
    ] {
        let out = leanix(&extra);
        let model = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {stderr}");
        // Ids made from the display names, not the UUIDs; references by display name or
        // by the UUID.
        for id in [
            "salesforce-crm:",
            "exact-online:",
            "mollie-payments:",
            "pipeline-tracker:",
        ] {
            assert!(model.contains(id), "{extra:?}: no {id} in\n{model}");
        }
        assert!(!model.contains("3fa85f64"), "{model}");
        assert!(stderr.contains("4 opaque system ids"), "{stderr}");
        assert!(model.contains("kind: application"), "Business Application");
        assert!(model.contains(&format!(
            "from: mollie-payments, to: exact-online, carries: [\"Payment\"], mode: {payments}"
        )));
        assert!(model.contains(
            "from: exact-online, to: salesforce-crm, carries: [\"Payment status\"], mode: semi"
        ));
        assert!(model.contains("carries: [\"Order\", \"Customer\"], mode: automated"));
    }
}

#[test]
fn a_servicenow_export_imports_with_the_preset_and_an_assumed_mode_marked_imported() {
    let args = [
        "import",
        "sheets",
        "--systems",
        "fixtures/sheets/servicenow/cmdb_ci_appl.csv",
        "--integrations",
        "fixtures/sheets/servicenow/cmdb_rel_ci.csv",
        "--preset",
        "servicenow",
    ];
    let refused = gapgraph().args(args).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("cmdb_rel_ci.csv: no `mode` column: give each interface's mode"),
        "{stderr}"
    );
    assert!(stderr.contains("--assume-mode"), "{stderr}");
    assert!(refused.stdout.is_empty());

    let dir = temp_dir();
    let model = dir.path().join("model.yaml");
    gapgraph()
        .args(args)
        .args(["--assume-mode", "manual", "-o"])
        .arg(&model)
        .assert()
        .success();
    let text = fs::read_to_string(&model).unwrap();
    assert!(
        text.contains("mode: manual, minutes: 10, source: {minutes: imported}"),
        "{text}"
    );
    assert!(text.contains("kind: database"), "{text}");
    assert!(text.contains("annual_cost: 30000"), "{text}");
    // A workflow over the assumed manual hop: the report says its minutes are imported.
    fs::write(
        &model,
        format!(
            "{text}workflows:\n  close:\n    runs: {{count: 12, per: year}}\n    handoffs:\n      - {{from: mollie-payments, to: exact-online, data: payment}}\n"
        ),
    )
    .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&analyze_json(&model)).unwrap();
    let gap = &report["gaps"][0];
    assert_eq!(gap["status"], "manual", "{gap}");
    assert!(gap.to_string().contains("imported"), "{gap}");
}

#[test]
fn rows_without_a_mode_are_named_and_nothing_is_written() {
    let dir = temp_dir();
    let d = dir.path();
    fs::write(d.join("s.csv"), "name\nA\nB\n").unwrap();
    let mut rows = String::from("from,to,mode\n");
    for i in 0..15 {
        rows.push_str(if i == 3 { "A,B,manual\n" } else { "A,B,\n" });
    }
    fs::write(d.join("i.csv"), rows).unwrap();
    let out = d.join("m.yaml");
    let refused = gapgraph()
        .args(["import", "sheets", "--systems"])
        .arg(d.join("s.csv"))
        .arg("--integrations")
        .arg(d.join("i.csv"))
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("i.csv: no `mode` on rows 2, 3, 4, 6, 7, 8, 9, 10, 11, 12 and 4 more"),
        "{stderr}"
    );
    assert!(!out.exists());
    gapgraph()
        .args(["import", "sheets", "--systems"])
        .arg(d.join("s.csv"))
        .arg("--integrations")
        .arg(d.join("i.csv"))
        .args(["--assume-mode", "automated", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("14 interface modes assumed"));
    let text = fs::read_to_string(&out).unwrap();
    assert_eq!(text.matches("source: {minutes: imported}").count(), 14);
    assert_eq!(text.matches("--assume-mode automated").count(), 14);
}

#[test]
fn a_columns_file_is_checked_and_names_the_headers_a_sheet_has() {
    let dir = temp_dir();
    let columns = dir.path().join("columns.yaml");
    fs::write(&columns, "systems: {id: ID, colour: Hue}\nflows: {}\n").unwrap();
    let out = leanix(&["--columns", columns.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("columns.yaml:1:19: `systems` has no field `colour`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("columns.yaml:2:1: unknown section `flows`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 problems in the columns file"),
        "{stderr}"
    );

    fs::write(
        &columns,
        "integrations: {from: Provider, to: Consumer Application}\n",
    )
    .unwrap();
    let out = leanix(&[
        "--columns",
        columns.to_str().unwrap(),
        "--assume-mode",
        "manual",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("interfaces.csv: row 1: ")
            && stderr.contains("maps `integrations.from` to the header `Provider`, which this sheet does not have (its headers: `ID`, `Name`, `Provider Application`"),
        "{stderr}"
    );
    let out = leanix(&["--preset", "sap"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn ten_thousand_systems_named_by_their_names_import_in_bounded_time() {
    let dir = temp_dir();
    let d = dir.path();
    let n = 10_000;
    let mut systems = String::from("ID,Display Name\n");
    let mut links = String::from("Provider Application,Consumer Application,Interface Type\n");
    for i in 0..n {
        systems.push_str(&format!(
            "{i:08x}-0000-4000-8000-{i:012x},System number {i}
"
        ));
        links.push_str(&format!(
            "System number {i},system NUMBER {},API\n",
            (i + 1) % n
        ));
    }
    fs::write(d.join("apps.csv"), systems).unwrap();
    fs::write(d.join("links.csv"), links).unwrap();
    let started = Instant::now();
    gapgraph()
        .args(["import", "sheets", "--preset", "leanix", "--systems"])
        .arg(d.join("apps.csv"))
        .arg("--integrations")
        .arg(d.join("links.csv"))
        .args(["-o", "/dev/null"])
        .assert()
        .success();
    // A debug build on a shared machine; a release build takes a fraction of this.
    assert!(
        started.elapsed().as_secs_f64() < 20.0,
        "{:?}",
        started.elapsed()
    );
}
