//! `gapgraph impact` (issue 21): its totals are exactly what `gapgraph diff` reports between
//! the model and the same model edited by hand (here: written out as JSON by the test and
//! edited as a person would, integrations and handoffs deleted or re-pointed), on the
//! shipped fixtures and on random models; the seed's `--remove-system payments` as a user
//! would check it; bad ids; no change; repeat runs.

use std::path::Path;

use gapgraph::analysis::analyze;
use gapgraph::decide;
use gapgraph::model::Model;
use proptest::prelude::*;
use serde_json::{json, Value};

mod model_file;

use model_file::{edits, hand_edit, model_json};

use crate::engine_equivalence::{model_of, shape};
use crate::support::{fixture_files, gapgraph, temp_dir};

const SEED: &str = "fixtures/valid/seed.yaml";

fn json_of(args: &[&str]) -> Value {
    let out = gapgraph()
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn load(path: &Path) -> Model {
    let text = std::fs::read_to_string(path).unwrap();
    gapgraph::load_str(&text, &path.to_string_lossy())
        .unwrap()
        .model
}

#[test]
fn impact_totals_equal_diff_of_a_hand_edited_copy_on_every_fixture() {
    let dir = temp_dir();
    let mut checked = 0;
    for file in fixture_files("valid") {
        let model = load(&file);
        let doc = model_json(&model);
        let original = dir.path().join("original.json");
        std::fs::write(&original, doc.to_string()).unwrap();
        // The copy analyses as the fixture does.
        let copy = load(&original);
        let (a, b) = (
            analyze(&model, model.default_strategy),
            analyze(&copy, copy.default_strategy),
        );
        assert_eq!(a.summary, b.summary, "{}", file.display());
        for edit in edits(&model) {
            let edited = dir.path().join("edited.json");
            std::fs::write(&edited, hand_edit(&doc, &edit).to_string()).unwrap();
            let (o, e) = (original.to_str().unwrap(), edited.to_str().unwrap());
            let diff = json_of(&["diff", o, e]);
            let mut args = vec!["impact", o];
            let extra = edit.args();
            args.extend(extra.iter().map(String::as_str));
            let impact = json_of(&args);
            assert_eq!(
                impact["totals"],
                diff["summary"],
                "{}: {edit:?}",
                file.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} changes checked");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// On random models, the library's impact has the summary of the diff against the hand
    /// edit, for every change [`edits`] tries.
    #[test]
    fn impact_totals_equal_diff_on_random_models(shape in shape(7)) {
        let model = model_of(&shape);
        let doc = model_json(&model);
        for edit in edits(&model) {
            let text = hand_edit(&doc, &edit).to_string();
            let edited = gapgraph::load_str(&text, "edited.json").unwrap().model;
            let strategy = model.default_strategy;
            let (before, after) = (analyze(&model, strategy), analyze(&edited, strategy));
            let diff = decide::diff(
                decide::Side { model: &model, analysis: &before },
                decide::Side { model: &edited, analysis: &after },
            );
            let impact = decide::impact(&model, strategy, Some(edit.change(&model)), None);
            prop_assert_eq!(&impact.diff.summary, &diff.summary, "{:?}", edit);
        }
    }
}

#[test]
fn removing_the_seeds_payment_service_costs_what_a_person_works_out() {
    let d = json_of(&["impact", SEED, "--remove-system", "payments"]);
    assert_eq!(d["schema"], "gapgraph.impact/v1");
    assert_eq!(
        d["change"],
        json!({"kind": "remove-system", "target": "payments", "with": null})
    );
    // Invoice out and payment status back, 300 deals a month: each now re-keyed at the
    // default 15 minutes: 3,600 × 15 / 60 = 900 hours at Sales' 60 EUR = 54,000 EUR,
    // × lead-to-cash's alignment under growth (3 × 1.0 + 2 × 0.5) / 5 = 0.8 = 43,200.
    let handoffs = d["handoffs"].as_array().unwrap();
    assert_eq!(handoffs.len(), 2);
    for (h, step) in handoffs.iter().zip([2, 3]) {
        assert_eq!(h["workflow"], "lead-to-cash");
        assert_eq!(h["step"], step);
        assert_eq!(h["distance"], 0);
        assert_eq!(
            (h["status_before"].as_str(), h["status_after"].as_str()),
            (Some("automated"), Some("missing"))
        );
        assert_eq!(h["minutes"]["after"], 15.0);
        assert_eq!(h["path_after"], json!([]));
        assert_eq!(h["annual_hours"]["delta"], 900.0);
        assert_eq!(h["annual_cost"]["delta"], 54_000.0);
        assert_eq!(h["strategic_value"]["delta"], 43_200.0);
    }
    let t = &d["totals"];
    assert_eq!(t["annual_hours"]["delta"], 1_800.0);
    assert_eq!(t["annual_cost"]["delta"], 108_000.0);
    assert_eq!(t["strategic_value"]["delta"], 86_400.0);
    assert_eq!(
        (
            t["automated"]["before"].as_f64(),
            t["automated"]["after"].as_f64()
        ),
        (Some(4.0), Some(2.0))
    );
    assert_eq!(d["workflows"][0]["id"], "lead-to-cash");
    assert_eq!(d["units"][0]["id"], "sales");
    // Rebuilding the two links is now the best fix.
    assert_eq!(d["fixes"][0]["id"], "accounting->payments");
    assert_eq!(d["fixes"][0]["rank_after"], 1);
    assert_eq!(d["integrations"]["removed"].as_array().unwrap().len(), 2);
    // The criticality list agrees.
    let each = json_of(&["impact", SEED, "--each-system"]);
    let payments = each["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "payments")
        .unwrap();
    assert_eq!(payments["annual_cost"], 108_000.0);
    assert_eq!(payments["handoffs"], 2);
}

#[test]
fn replacing_the_deal_spreadsheet_by_accounting_automates_the_closed_deals() {
    let d = json_of(&[
        "impact",
        SEED,
        "--replace-system",
        "deal-sheet",
        "--with",
        "accounting",
        "--budget",
        "20000",
    ]);
    let h = &d["handoffs"][0];
    assert_eq!(
        (h["from"].as_str(), h["to"].as_str()),
        (Some("crm"), Some("accounting"))
    );
    assert_eq!(
        (h["status_before"].as_str(), h["status_after"].as_str()),
        (Some("manual"), Some("automated"))
    );
    assert_eq!(h["path_after"], json!(["crm->accounting"]));
    // 3,600 deals × 12 minutes = 720 hours at 60 EUR.
    assert_eq!(d["totals"]["annual_cost"]["delta"], -43_200.0);
    assert!(d["notes"][0]
        .as_str()
        .unwrap()
        .contains("deal-sheet->accounting"));
    assert!(d["budget"]["before"]["picks"]
        .as_array()
        .unwrap()
        .contains(&json!("crm->accounting")));
    assert!(!d["budget"]["after"]["picks"]
        .as_array()
        .unwrap()
        .contains(&json!("crm->accounting")));
}

#[test]
fn unknown_ids_get_did_you_mean_and_exit_2() {
    for (args, hint) in [
        (
            vec!["--remove-system", "paymnts"],
            "did you mean `payments`",
        ),
        (
            vec!["--remove-integration", "accounting->paymnts"],
            "did you mean `accounting->payments`",
        ),
        (
            vec!["--replace-system", "payments", "--with", "acounting"],
            "did you mean `accounting`",
        ),
    ] {
        let out = gapgraph()
            .args(["impact", SEED])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(hint) && !err.contains("panicked"), "{err}");
        assert!(out.stdout.is_empty());
    }
    // Two changes at once, or --with alone: clap refuses them.
    for args in [
        vec!["--remove-system", "crm", "--each-system"],
        vec!["--with", "crm"],
    ] {
        let out = gapgraph()
            .args(["impact", SEED])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn no_change_is_an_empty_impact_and_exit_0() {
    let d = json_of(&["impact", SEED]);
    assert_eq!(d["change"], Value::Null);
    assert_eq!(d["handoffs"], json!([]));
    assert_eq!(d["fixes"], json!([]));
    for (name, t) in d["totals"].as_object().unwrap() {
        assert_eq!(t["before"], t["after"], "{name}");
    }
    // A system no integration touches: a change that moves nothing.
    let d = json_of(&["impact", SEED, "--remove-system", "legacy-pdm"]);
    assert_eq!(d["handoffs"], json!([]));
    assert_eq!(d["totals"]["annual_cost"]["delta"], 0.0);
}

#[test]
fn repeat_runs_are_byte_identical_in_every_format() {
    for format in ["table", "json", "markdown", "html"] {
        for change in [
            &["--remove-system", "payments"][..],
            &["--each-system"][..],
            &[
                "--replace-system",
                "deal-sheet",
                "--with",
                "accounting",
                "--budget",
                "30000",
            ][..],
        ] {
            let run = || {
                let out = gapgraph()
                    .env("NO_COLOR", "1")
                    .args(["impact", SEED, "--format", format])
                    .args(change)
                    .output()
                    .unwrap();
                assert_eq!(out.status.code(), Some(0));
                out.stdout
            };
            assert_eq!(run(), run(), "{format} {change:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The incremental criticality list gives, for every system, the single
    /// `--remove-system` impact's totals and moved handoffs.
    #[test]
    fn each_system_equals_the_single_removals_on_random_models(shape in shape(7)) {
        let model = model_of(&shape);
        let strategy = model.default_strategy;
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0);
        for loss in decide::system_losses(&model, strategy) {
            let one = decide::impact(
                &model,
                strategy,
                Some(decide::ModelChange::RemoveSystem(loss.system)),
                None,
            );
            let delta = |name: &str| {
                let (b, a) = one.total(name).unwrap();
                a.unwrap() - b.unwrap()
            };
            prop_assert!(close(loss.annual_hours, delta("annual_hours")));
            prop_assert!(close(loss.annual_cost, delta("annual_cost")));
            prop_assert!(close(loss.strategic_value, delta("strategic_value")));
            prop_assert_eq!(loss.handoffs, one.handoffs.len());
        }
    }
}

#[test]
fn hostile_names_reach_no_terminal_raw() {
    const HOSTILE: &str = "tests/data/hostile.yaml";
    let model = load(Path::new(HOSTILE));
    let system = model.systems[0].id.clone();
    let hazards = ['\u{1b}', '\u{7}', '\u{0}', '\r'];
    for format in ["table", "markdown", "json", "html"] {
        for change in [
            vec!["--remove-system", system.as_str()],
            vec!["--each-system"],
        ] {
            let out = gapgraph()
                .args(["impact", HOSTILE, "--format", format])
                .args(&change)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{format} {change:?}");
            let text = String::from_utf8_lossy(&out.stdout);
            for c in hazards {
                assert!(
                    !text.contains(c),
                    "{format} {change:?}: raw U+{:04X}",
                    u32::from(c)
                );
            }
        }
    }
}

#[test]
fn an_integration_is_named_by_id_or_by_its_ends() {
    let model = "systems: {a: {}, b: {}, c: {}}\n\
                 integrations:\n\
                 \x20 - {id: feed, from: a, to: b, carries: [x]}\n\
                 \x20 - {id: one, from: b, to: c, carries: [x]}\n\
                 \x20 - {id: two, from: b, to: c, carries: [x], mode: manual}\n\
                 workflows: {w: {runs: {count: 1, per: day}, handoffs: [{from: a, to: b, data: x}]}}\n";
    let run = |integration: &str| {
        gapgraph()
            .args([
                "impact",
                "-",
                "--format",
                "json",
                "--remove-integration",
                integration,
            ])
            .write_stdin(model)
            .output()
            .unwrap()
    };
    for name in ["feed", "a->b"] {
        let out = run(name);
        assert_eq!(out.status.code(), Some(0), "{name}");
        let d: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(d["change"]["target"], "feed");
        assert_eq!(d["handoffs"][0]["status_after"], "missing");
    }
    // Two integrations from b to c: the error names both.
    let out = run("b->c");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("one, two"), "{err}");
}

/// The HTML page carries the same sections and figures as the table, every name escaped,
/// and loads nothing.
#[test]
fn the_html_page_has_the_tables_with_their_figures() {
    let out = gapgraph()
        .args([
            "impact",
            SEED,
            "--remove-system",
            "payments",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("default-src 'none'"), "no network, no script");
    for heading in [
        "<h2>Totals</h2>",
        "<h2>Handoffs whose status or minutes change (2)</h2>",
        "<h2>Workflows hit (1)</h2>",
        "<h2>Units hit (1)</h2>",
    ] {
        assert!(page.contains(heading), "{heading}");
    }
    // The seed's totals row and one moved handoff, as the table shows them.
    assert!(page.contains("<td>annual_cost</td><td class=\"num\">158,320</td><td class=\"num\">266,320</td><td class=\"num\">+108,000</td>"), "{page}");
    assert!(page.contains("accounting -&gt; payments"), "{page}");
    assert_eq!(
        page.matches("<table>").count(),
        page.matches("</table>").count()
    );
    let hostile = gapgraph()
        .args([
            "impact",
            "tests/data/hostile.yaml",
            "--each-system",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&hostile.stdout);
    assert!(!text.contains("<script"), "a hostile name is escaped");
}
