//! hub.yaml: one fix closes two workflows, and the plan under a budget.

use super::{
    analyze, assert_counts, assert_fix_numbers, assert_fix_order, assert_flags, assert_gap,
    assert_gap_order, assert_strs, by_id, close, count, fix, gap, gapgraph, keys, FixNumbers,
    GapNumbers, Value,
};

// ------------------------------------------------------------------- hub.yaml
//
// one strategy, fast-fulfilment 1; logistics 40/h
// web-orders 500/month = 6000 runs, alignment 1.0
// store-replenishment 20/day = 5000 runs, alignment 0.5
// price-sync 1/week = 52 runs, alignment 0.2 (automated: erp->esb "*" + esb->shop)
// returns 100/month = 1200 runs, alignment 0.5

#[test]
fn hub_fix_closes_two_workflows() {
    let r = analyze("hub.yaml", None);
    assert_eq!(r["strategy"], "fulfilment");
    let s = &r["summary"];
    count(&s["workflows"], 4);
    count(&s["handoffs"], 4);
    count(&s["automated"], 1);
    count(&s["manual"], 1);
    count(&s["missing"], 2);
    close(&s["automation_rate"], 52.0 / 12252.0); // 52 / (6000 + 5000 + 52 + 1200)
                                                  // runs*alignment: 6000, 2500, 10.4, 600 -> 10.4 / 9110.4
    close(&s["strategic_automation"], 10.4 / 9110.4);
    close(&s["annual_hours"], 880.0); // 300 + 500 + 80
    close(&s["annual_cost"], 35200.0); // 12000 + 20000 + 3200
    close(&s["strategic_value"], 23600.0); // 12000 + 10000 + 1600

    assert_gap_order(
        &r,
        &[
            ("web-orders", 1),
            ("store-replenishment", 1),
            ("returns", 1),
        ],
    );
    assert_gap(
        gap(&r, "web-orders", 1),
        GapNumbers {
            from: "shop",
            to: "wms",
            data: "order",
            status: "missing", // shop->esb exists, esb->wms does not
            minutes: 3.0,
            path: &[],
            runs: 6000.0,
            hours: 300.0,  // 6000 * 3 / 60
            cost: 12000.0, // 300 * 40
            alignment: 1.0,
            sv: 12000.0,
        },
    );
    assert_gap(
        gap(&r, "store-replenishment", 1),
        GapNumbers {
            from: "pos",
            to: "wms",
            data: "replenishment-request",
            status: "missing",
            minutes: 6.0,
            path: &[],
            runs: 5000.0,
            hours: 500.0, // 5000 * 6 / 60
            cost: 20000.0,
            alignment: 0.5,
            sv: 10000.0,
        },
    );
    assert_gap(
        gap(&r, "returns", 1),
        GapNumbers {
            from: "shop",
            to: "erp",
            data: "return-request",
            status: "manual", // shop->esb (0) + esb->erp (semi, 4)
            minutes: 4.0,
            path: &["shop->esb", "esb->erp"],
            runs: 1200.0,
            hours: 80.0, // 1200 * 4 / 60
            cost: 3200.0,
            alignment: 0.5,
            sv: 1600.0,
        },
    );

    assert_fix_order(
        &r,
        &[
            ("esb-wms-adapter", "catalog"), // 22000 / 16000 = 1.375
            ("shop->wms", "connect"),       // 12000 / 10000 = 1.2
            ("pos->wms", "connect"),        // 10000 / 10000 = 1.0
            ("esb->erp", "automate"),       // 1600 / 7000 = 0.2286
            ("shop->erp", "connect"),       // 1600 / 10000 = 0.16
        ],
    );
    let f = fix(&r, "esb-wms-adapter", "catalog");
    assert_eq!(f["from"], "esb");
    assert_eq!(f["to"], "wms");
    assert_strs(&f["carries"], &["order", "replenishment-request"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 16000.0,
            hours: 800.0,    // 300 + 500: both workflows
            saving: 32000.0, // 12000 + 20000
            sv: 22000.0,     // 12000*1.0 + 20000*0.5
            priority: Some(1.375),
            payback: Some(6.0), // 16000 / (32000 / 12)
        },
    );
    assert_strs(&f["workflows"], &["web-orders", "store-replenishment"]);
    assert_eq!(keys(&f["objectives"]), ["fast-fulfilment"]);
    close(&f["objectives"]["fast-fulfilment"], 22000.0);

    let f = fix(&r, "shop->wms", "connect");
    assert_strs(&f["carries"], &["order"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 300.0,
            saving: 12000.0,
            sv: 12000.0,
            priority: Some(1.2),
            payback: Some(10.0),
        },
    );
    assert_strs(&f["workflows"], &["web-orders"]);
    let f = fix(&r, "pos->wms", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 500.0,
            saving: 20000.0,
            sv: 10000.0,
            priority: Some(1.0),
            payback: Some(6.0),
        },
    );
    let f = fix(&r, "esb->erp", "automate");
    assert_strs(&f["carries"], &["return-request"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 7000.0,
            hours: 80.0,
            saving: 3200.0,
            sv: 1600.0,
            priority: Some(1600.0 / 7000.0),
            payback: Some(26.25), // 7000 / (3200 / 12)
        },
    );
    let f = fix(&r, "shop->erp", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 80.0,
            saving: 3200.0,
            sv: 1600.0,
            priority: Some(0.16),
            payback: Some(37.5), // 10000 / (3200 / 12)
        },
    );

    // the hub is on the reported paths of price-sync (automated) and returns
    let esb = by_id(&r, "systems", "esb");
    assert_eq!(esb["kind"], "platform");
    assert_strs(&esb["workflows"], &["price-sync", "returns"]);
    close(&esb["strategic_contribution"], 0.7); // 0.2 + 0.5
    assert_flags(esb, &[]);
    let shop = by_id(&r, "systems", "shop");
    assert_strs(&shop["workflows"], &["web-orders", "price-sync", "returns"]);
    close(&shop["strategic_contribution"], 1.7); // 1.0 + 0.2 + 0.5
    let wms = by_id(&r, "systems", "wms");
    assert_strs(&wms["workflows"], &["web-orders", "store-replenishment"]);
    close(&wms["strategic_contribution"], 1.5);
    assert_flags(wms, &["island"]); // no integration touches it yet
    let u = by_id(&r, "units", "logistics");
    assert_counts(u, 4, 1, 1, 2);
    close(&u["automation_rate"], 0.25);
    close(&u["annual_cost"], 35200.0);
}

// ----------------------------------------------------------- budgeted plan

#[test]

fn hub_plan_under_a_budget() {
    let run = |budget: &str| -> Value {
        let out = gapgraph()
            .args([
                "plan",
                "fixtures/valid/hub.yaml",
                "--budget",
                budget,
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // Budget 30000. Round 1: esb-wms-adapter (priority 1.375, 16000) fits.
    // Round 2, against the model with the adapter: shop->wms and pos->wms save
    // nothing any more; esb->erp (1600 / 7000) fits: 16000 + 7000 = 23000.
    // Round 3: shop->erp saves nothing now (returns is automated). Stop.
    let p = run("30000");
    assert_eq!(p["schema"], "gapgraph.plan/v1");
    close(&p["budget"], 30000.0);
    let steps = p["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    count(&steps[0]["step"], 1);
    assert_eq!(steps[0]["id"], "esb-wms-adapter");
    close(&steps[0]["annual_saving"], 32000.0);
    close(&steps[0]["strategic_value"], 22000.0);
    close(&steps[0]["cumulative_cost"], 16000.0);
    assert_eq!(steps[1]["id"], "esb->erp");
    assert_eq!(steps[1]["action"], "automate");
    close(&steps[1]["annual_saving"], 3200.0);
    close(&steps[1]["strategic_value"], 1600.0);
    close(&steps[1]["cumulative_cost"], 23000.0);
    close(&steps[1]["cumulative_saving"], 35200.0);
    // Budget 15000: the adapter (16000) does not fit and is skipped, not a stop:
    // shop->wms (1.2, 10000) is taken. Then nothing else fits within 5000. One step.
    let p = run("15000");
    let steps = p["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0]["id"], "shop->wms");
    close(&steps[0]["cumulative_saving"], 12000.0);
}
