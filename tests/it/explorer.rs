//! `gapgraph explore`: the data the page embeds holds every strategy's ranking and plans
//! with the analysis's own figures, each fix's arithmetic, escaped hostile names and a
//! layout for every map; the page is the same bytes on every run and `-o` is atomic. The
//! page in a real browser is tests/it/slow/explorer.rs.

use std::fs;

use serde_json::Value;

use crate::support::{gapgraph, json};

/// The page `explore` writes for `args` (gapgraph's own layout unless told).
fn page(args: &[&str]) -> String {
    let output = gapgraph().arg("explore").args(args).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The JSON in the page's data block.
fn data(page: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"data\">";
    let start = page.find(open).expect("a data block") + open.len();
    let end = start + page[start..].find("</script>").expect("the block closes");
    serde_json::from_str(&page[start..end]).unwrap()
}

fn seed() -> Value {
    data(&page(&["fixtures/valid/seed.yaml", "--layout", "builtin"]))
}

fn fix_id(view: &Value, strategy: usize, rank: usize) -> String {
    let f = view["strategies"][strategy]["order"][rank]
        .as_u64()
        .unwrap() as usize;
    view["fixes"][f]["id"].as_str().unwrap().to_string()
}

#[test]
fn every_strategy_ranks_the_fixes_with_the_reports_values() {
    let d = seed();
    let view = &d["view"];
    let ids: Vec<&str> = view["strategies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["growth", "cost-down"]);
    // The seed's two strategies put different fixes first.
    assert_eq!(fix_id(view, 0, 0), "crm->accounting");
    assert_eq!(fix_id(view, 1, 0), "mes->qms");
    for (s, strategy) in ids.iter().enumerate() {
        let report = json(&[
            "analyze",
            "fixtures/valid/seed.yaml",
            "--format",
            "json",
            "--strategy",
            strategy,
        ]);
        let fixes = report["fixes"].as_array().unwrap();
        assert_eq!(
            view["strategies"][s]["order"].as_array().unwrap().len(),
            fixes.len()
        );
        for (rank, fix) in fixes.iter().enumerate() {
            assert_eq!(fix_id(view, s, rank), fix["id"].as_str().unwrap());
            let f = view["strategies"][s]["order"][rank].as_u64().unwrap() as usize;
            assert_eq!(view["strategies"][s]["value"][f], fix["strategic_value"]);
            assert_eq!(view["strategies"][s]["priority"][f], fix["priority"]);
            assert_eq!(view["fixes"][f]["s"], fix["annual_saving"]);
            assert_eq!(view["fixes"][f]["pb"], fix["payback_months"]);
        }
    }
    // The headline is the report's summary: EUR 158,320 a year, 3,422 hours.
    assert_eq!(view["summary"]["cost"], 158320.0);
    assert_eq!(view["summary"]["hours"], 3422.0);
}

#[test]
fn the_plan_at_each_budget_is_plans_own() {
    let d = seed();
    let view = &d["view"];
    let budgets: Vec<f64> = view["budgets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_f64().unwrap())
        .collect();
    // Round figures from the cheapest fix (5,000) to what every fix costs together.
    assert_eq!(budgets[..4], [5000.0, 10000.0, 20000.0, 30000.0]);
    for (s, strategy) in ["growth", "cost-down"].iter().enumerate() {
        for (b, budget) in budgets.iter().enumerate() {
            let plan = json(&[
                "plan",
                "fixtures/valid/seed.yaml",
                "--budget",
                &budget.to_string(),
                "--strategy",
                strategy,
                "--format",
                "json",
            ]);
            let steps = view["strategies"][s]["plans"][b].as_array().unwrap();
            let expected = plan["steps"].as_array().unwrap();
            assert_eq!(steps.len(), expected.len(), "{strategy} at {budget}");
            for (step, want) in steps.iter().zip(expected) {
                let f = step["f"].as_u64().unwrap() as usize;
                assert_eq!(view["fixes"][f]["id"], want["id"]);
                assert_eq!(step["cc"], want["cumulative_cost"]);
                assert_eq!(step["a"], want["automation_rate"]);
            }
        }
    }
}

#[test]
fn a_fix_carries_explains_arithmetic() {
    let d = seed();
    let view = &d["view"];
    let f = view["strategies"][0]["order"][0].as_u64().unwrap() as usize;
    let fix = &view["fixes"][f];
    assert_eq!(fix["nm"], "Connect CRM \u{2192} Accounting");
    // Lead to cash, step 1: 3,600 runs x 12 minutes / 60 = 720 h, x EUR 60 = 43,200;
    // alignment under growth (3 x 1.0 + 2 x 0.5) / 5 = 0.8, so 34,560.
    let change = &fix["ch"][0];
    let w = change[0].as_u64().unwrap() as usize;
    assert_eq!(view["workflows"][w]["id"], "lead-to-cash");
    assert_eq!(change[1], 0);
    assert_eq!(
        (change[2].as_f64(), change[3].as_f64()),
        (Some(12.0), Some(0.0))
    );
    assert_eq!(
        (change[4].as_f64(), change[5].as_f64()),
        (Some(720.0), Some(43200.0))
    );
    assert_eq!(view["workflows"][w]["align"][0], 0.8);
    assert_eq!(view["strategies"][0]["value"][f], 34560.0);
    let step = &view["workflows"][w]["hs"][0];
    assert_eq!(
        (step["r"].as_f64(), step["p"].as_f64()),
        (Some(3600.0), Some(60.0))
    );
}

#[test]
fn every_map_is_laid_out_node_for_node() {
    let d = seed();
    let (view, maps) = (&d["view"], d["layout"]["maps"].as_array().unwrap());
    assert_eq!(d["layout"]["engine"], "builtin");
    let graphs = view["graphs"].as_array().unwrap();
    assert_eq!(maps.len(), graphs.len());
    assert_eq!(graphs[0]["kind"], "units");
    // The overview: the units with systems, "no unit" (legacy-pdm) last.
    assert_eq!(maps[0]["n"].as_array().unwrap().len(), 4);
    for workflow in view["workflows"].as_array().unwrap() {
        let g = workflow["map"].as_u64().unwrap() as usize;
        assert_eq!(graphs[g]["kind"], "workflow");
        let handoffs = workflow["hs"].as_array().unwrap().len();
        assert_eq!(maps[g]["e"].as_array().unwrap().len(), handoffs);
    }
    let w0 = maps[view["workflows"][0]["map"].as_u64().unwrap() as usize].clone();
    // Lead to cash: CRM, accounting, payments.
    assert_eq!(w0["n"].as_array().unwrap().len(), 3);
}

#[test]
fn a_focused_page_holds_the_units_workflows_only() {
    let d = data(&page(&[
        "fixtures/valid/seed.yaml",
        "--layout",
        "builtin",
        "--unit",
        "manufacturing",
    ]));
    let view = &d["view"];
    let units: Vec<&str> = view["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["manufacturing"]);
    let workflows: Vec<&str> = view["workflows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert_eq!(workflows, ["production-reporting", "quality-inspection"]);
    assert!(view["left_out"][0]
        .as_str()
        .unwrap()
        .starts_with("Focused on manufacturing: 2 of the model's 4 workflows"));
    // Only fixes of those workflows; the best under cost-down is still mes->qms.
    assert_eq!(fix_id(view, 1, 0), "mes->qms");
    assert!(view["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["id"] != "crm->accounting"));
}

#[test]
fn hostile_names_stay_text_in_the_explorer() {
    let html = page(&["tests/data/hostile.yaml", "--layout", "builtin"]);
    assert_eq!(
        html.matches("<script").count(),
        2,
        "the data block and ours"
    );
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    assert!(!html.contains('\u{2028}') && !html.contains('\u{202e}'));
    assert!(
        html.contains("<title>Evil &lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;")
    );
    let d = data(&html);
    // Escaped in the bytes, the names come back whole when the page reads them.
    let systems: Vec<&str> = d["view"]["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["nm"].as_str().unwrap())
        .collect();
    assert!(systems[0].starts_with("<script>alert(1)</script>"));
    assert!(systems[3].starts_with("<img src=x onerror="));
}

#[test]
fn the_page_is_the_same_bytes_every_run_and_written_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("explorer.html");
    let write = |model: &str| {
        gapgraph()
            .args(["explore", model, "--layout", "builtin", "-o"])
            .arg(&out)
            .output()
            .unwrap()
    };
    assert_eq!(write("fixtures/valid/seed.yaml").status.code(), Some(0));
    let first = fs::read(&out).unwrap();
    assert_eq!(write("fixtures/valid/seed.yaml").status.code(), Some(0));
    assert_eq!(fs::read(&out).unwrap(), first, "byte-identical");
    // A failing run leaves the page as it was and no temporary file behind.
    assert_eq!(
        write("fixtures/invalid/many-errors.yaml").status.code(),
        Some(2)
    );
    assert_eq!(fs::read(&out).unwrap(), first);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn analyze_interactive_is_the_explorer() {
    let explore = page(&["fixtures/valid/seed.yaml", "--strategy", "cost-down"]);
    let output = gapgraph()
        .args([
            "analyze",
            "fixtures/valid/seed.yaml",
            "--strategy",
            "cost-down",
            "--format",
            "html",
            "--interactive",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), explore);
    assert_eq!(
        data(&explore)["view"]["strategy"],
        1,
        "cost-down shown first"
    );
    let refused = gapgraph()
        .args([
            "analyze",
            "fixtures/valid/seed.yaml",
            "--interactive",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("--interactive goes with --format html")
    );
}
