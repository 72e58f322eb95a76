//! `analyze --format json --compact` (`gapgraph.report-compact/v1`): the head of the full
//! report, its first fixes and gaps as the same objects, the costliest unfixable gaps, the
//! units, and how long every list of the full report is.

use serde_json::Value;

use crate::support::{json, run};

const LARGE: &str = "fixtures/valid/large-300.yaml";

fn full(model: &str) -> Value {
    json(&["analyze", model, "--format", "json"])
}

fn len(value: &Value, key: &str) -> usize {
    value[key].as_array().unwrap().len()
}

#[test]
fn the_compact_report_is_the_full_reports_head_and_first_items() {
    for model in [
        LARGE,
        "fixtures/valid/seed.yaml",
        "fixtures/valid/economics.yaml",
    ] {
        let full = full(model);
        for top in [None, Some("1"), Some("0"), Some("100000")] {
            let mut args = vec!["analyze", model, "--format", "json", "--compact"];
            if let Some(n) = top {
                args.extend(["--top", n]);
            }
            let compact = json(&args);
            let n: usize = top.map_or(10, |n| n.parse().unwrap());
            assert_eq!(compact["schema"], "gapgraph.report-compact/v1");
            assert_eq!(compact["top"], n);
            for key in [
                "model",
                "strategy",
                "currency",
                "summary",
                "assumptions",
                "units",
            ] {
                assert_eq!(compact[key], full[key], "{model} {key}");
            }
            for key in ["fixes", "gaps"] {
                let all = full[key].as_array().unwrap();
                assert_eq!(
                    compact[key].as_array().unwrap()[..],
                    all[..n.min(all.len())],
                    "{model} {key} --top {n}"
                );
            }
            let counts = &compact["counts"];
            for key in ["fixes", "gaps", "workflows", "units", "systems", "warnings"] {
                assert_eq!(counts[key], len(&full, key), "{model} counts.{key}");
            }
            let flagged = full["systems"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| !s["flags"].as_array().unwrap().is_empty())
                .count();
            assert_eq!(counts["flagged_systems"], flagged);
            let unfixable: Vec<&Value> = full["gaps"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|g| g.get("unfixable").is_some())
                .collect();
            assert_eq!(counts["unfixable_gaps"], unfixable.len(), "{model}");
            // The costliest unfixable gaps, each as the full report writes it.
            let listed = compact["unfixable"].as_array().unwrap();
            assert_eq!(listed.len(), n.min(unfixable.len()));
            for gap in listed {
                assert!(unfixable.contains(&gap), "{model}: {gap}");
            }
            let cost = |g: &Value| g["annual_cost"].as_f64().unwrap();
            assert!(listed.windows(2).all(|w| cost(&w[0]) >= cost(&w[1])));
        }
    }
}

#[test]
fn the_compact_report_of_the_large_fixture_names_its_figures() {
    let compact = json(&[
        "analyze",
        LARGE,
        "--format",
        "json",
        "--compact",
        "--top",
        "3",
    ]);
    let counts = &compact["counts"];
    // What a reader of a landscape's summary checks: the totals and the first fix.
    assert_eq!(compact["summary"]["handoffs"], 480);
    assert_eq!(counts["workflows"], 60);
    assert_eq!(counts["systems"], 300);
    assert_eq!(counts["fixes"], 432);
    assert_eq!(counts["gaps"], 460);
    assert_eq!(counts["unfixable_gaps"], 48);
    assert_eq!(compact["fixes"][0]["id"], "s9-14->s9-15");
    assert_eq!(compact["fixes"].as_array().unwrap().len(), 3);
    assert_eq!(compact["fixes"][0]["rank"], 1);
    assert_eq!(compact["gaps"].as_array().unwrap().len(), 3);
}

#[test]
fn compact_belongs_to_json_and_its_output_is_deterministic() {
    let (_, err) = run(&["analyze", LARGE, "--compact"], 2);
    assert!(
        err.contains("--compact applies to --format json only"),
        "{err}"
    );
    let (_, err) = run(&["analyze", LARGE, "--format", "markdown", "--compact"], 2);
    assert!(err.contains("--compact"), "{err}");
    let args = ["analyze", LARGE, "--format", "json", "--compact"];
    assert_eq!(run(&args, 0).0, run(&args, 0).0);
}
