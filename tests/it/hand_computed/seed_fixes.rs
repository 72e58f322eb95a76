//! seed.yaml's fixes under each strategy (the arithmetic is in `seed`'s comment): growth,
//! cost-down, the first fix that flips with the strategy, the systems under cost-down.

use super::{
    analyze, assert_fix_numbers, assert_fix_order, assert_flags, assert_gap_order, assert_strs,
    by_id, close, fix, gap, keys, FixNumbers,
};

#[test]
fn seed_growth_fixes() {
    let r = analyze("seed.yaml", Some("growth"));
    assert_fix_order(
        &r,
        &[
            ("crm->accounting", "connect"), // 34560 / 12000 = 2.88
            ("payment-webhook", "catalog"), // 14400 / 9000 = 1.6
            ("mes->erp", "automate"),       // 4000 / 8000 = 0.5
            ("marketing->crm", "automate"), // 1872 / 5000 = 0.3744
            ("mes->wms", "connect"),        // 2000 / 12000 = 0.1667
            ("web-forms->crm", "connect"),  // 1872 / 12000 = 0.156
            ("mes->qms", "connect"),        // priority 0, saving 48000
            ("qms->erp", "catalog"),        // priority 0, saving 16000
        ],
    );

    let f = fix(&r, "crm->accounting", "connect");
    assert_eq!(f["from"], "crm");
    assert_eq!(f["to"], "accounting");
    assert_strs(&f["carries"], &["closed-deal"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0, // defaults.integration_cost
            hours: 720.0,  // lead-to-cash 1: 12 -> 0 minutes
            saving: 43200.0,
            sv: 34560.0,               // 43200 * 0.8
            priority: Some(2.88),      // 34560 / 12000
            payback: Some(10.0 / 3.0), // 12000 / (43200 / 12) = 12000 / 3600
        },
    );
    assert_strs(&f["workflows"], &["lead-to-cash"]);
    // split: 43200 * 3 * 1.0 / 5 = 25920; 43200 * 2 * 0.5 / 5 = 8640 (sum 34560)
    assert_eq!(
        keys(&f["objectives"]),
        ["customer-growth", "headcount-efficiency"]
    );
    close(&f["objectives"]["customer-growth"], 25920.0);
    close(&f["objectives"]["headcount-efficiency"], 8640.0);

    let f = fix(&r, "payment-webhook", "catalog");
    assert_eq!(f["from"], "payments");
    assert_eq!(f["to"], "crm");
    assert_eq!(f["name"], "Payment service webhook into the CRM");
    assert_strs(&f["carries"], &["payment-status"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 9000.0,
            hours: 300.0, // lead-to-cash 4: 5 -> 0
            saving: 18000.0,
            sv: 14400.0,
            priority: Some(1.6),
            payback: Some(6.0), // 9000 / (18000 / 12) = 9000 / 1500
        },
    );
    close(&f["objectives"]["customer-growth"], 10800.0); // 18000 * 3 / 5
    close(&f["objectives"]["headcount-efficiency"], 3600.0); // 18000 * 2 * 0.5 / 5

    let f = fix(&r, "mes->erp", "automate");
    assert_strs(&f["carries"], &["production-confirmation"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 8000.0, // fix_cost
            hours: 500.0,
            saving: 20000.0,
            sv: 4000.0, // 20000 * 0.2
            priority: Some(0.5),
            payback: Some(4.8), // 8000 / (20000 / 12)
        },
    );
    assert_strs(&f["workflows"], &["production-reporting"]);
    close(&f["objectives"]["customer-growth"], 0.0); // listed although 0
    close(&f["objectives"]["headcount-efficiency"], 4000.0); // 20000 * 2 * 0.5 / 5

    let f = fix(&r, "marketing->crm", "automate");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 5000.0,
            hours: 52.0,
            saving: 3120.0,
            sv: 1872.0,
            priority: Some(0.3744),        // 1872 / 5000
            payback: Some(5000.0 / 260.0), // 3120 / 12 = 260 a month: 19.23
        },
    );

    let f = fix(&r, "mes->wms", "connect");
    assert_strs(&f["carries"], &["material-consumption"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0,
            hours: 250.0,
            saving: 10000.0,
            sv: 2000.0,
            priority: Some(2000.0 / 12000.0),
            payback: Some(14.4), // 12000 / (10000 / 12)
        },
    );

    let f = fix(&r, "web-forms->crm", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0,
            hours: 52.0,
            saving: 3120.0,
            sv: 1872.0,
            priority: Some(0.156), // 1872 / 12000
            payback: Some(12000.0 / 260.0),
        },
    );

    // quality-inspection has alignment 0 under growth: aligned false, priority 0
    let f = fix(&r, "mes->qms", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0,
            hours: 1200.0,
            saving: 48000.0,
            sv: 0.0,
            priority: Some(0.0),
            payback: Some(3.0), // 12000 / (48000 / 12)
        },
    );
    close(&f["objectives"]["customer-growth"], 0.0);
    close(&f["objectives"]["headcount-efficiency"], 0.0);

    let f = fix(&r, "qms->erp", "catalog");
    assert_eq!(f["name"], "QMS vendor's ERP connector");
    // no carries given: the data of the gaps qms -> erp
    assert_strs(&f["carries"], &["nonconformance"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 6000.0,
            hours: 400.0, // quality-inspection 2: 5 -> 0
            saving: 16000.0,
            sv: 0.0,
            priority: Some(0.0),
            payback: Some(4.5), // 6000 / (16000 / 12)
        },
    );
}

#[test]
fn seed_cost_down_fixes_and_summary() {
    let r = analyze("seed.yaml", Some("cost-down"));
    assert_eq!(r["strategy"], "cost-down");
    let s = &r["summary"];
    // same gaps, new alignments:
    // 43200*0.1 + 18000*0.1 + 3120*0 + 20000*0.9 + 10000*0.9 + 48000*0.64 + 16000*0.64
    // = 4320 + 1800 + 0 + 18000 + 9000 + 30720 + 10240 = 74080
    close(&s["strategic_value"], 74080.0);
    close(&s["annual_cost"], 158320.0);
    // runs*alignment per handoff: l2c 360, capture 0, production 13500, quality 3072
    // automated: 2*360 + 13500 = 14220; all: 4*360 + 3*13500 + 2*3072 = 48084
    close(&s["strategic_automation"], 14220.0 / 48084.0);
    close(&s["automation_rate"], 23760.0 / 72120.0);

    assert_fix_order(
        &r,
        &[
            ("mes->qms", "connect"),        // 48000*0.64 = 30720 / 12000 = 2.56
            ("mes->erp", "automate"),       // 20000*0.9 = 18000 / 8000 = 2.25
            ("qms->erp", "catalog"),        // 16000*0.64 = 10240 / 6000 = 1.7067
            ("mes->wms", "connect"),        // 10000*0.9 = 9000 / 12000 = 0.75
            ("crm->accounting", "connect"), // 43200*0.1 = 4320 / 12000 = 0.36
            ("payment-webhook", "catalog"), // 18000*0.1 = 1800 / 9000 = 0.2
            // both priority 0, value 0, saving 3120: id byte order
            ("marketing->crm", "automate"),
            ("web-forms->crm", "connect"),
        ],
    );
    let f = fix(&r, "mes->qms", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 12000.0,
            hours: 1200.0,
            saving: 48000.0,
            sv: 30720.0,
            priority: Some(2.56),
            payback: Some(3.0),
        },
    );
    // objectives in the strategy's order: manufacturing-cost, headcount-efficiency
    assert_eq!(
        keys(&f["objectives"]),
        ["manufacturing-cost", "headcount-efficiency"]
    );
    close(&f["objectives"]["manufacturing-cost"], 30720.0); // 48000 * 4 * 0.8 / 5
    close(&f["objectives"]["headcount-efficiency"], 0.0);

    let f = fix(&r, "mes->erp", "automate");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 8000.0,
            hours: 500.0,
            saving: 20000.0,
            sv: 18000.0,
            priority: Some(2.25),
            payback: Some(4.8),
        },
    );
    close(&f["objectives"]["manufacturing-cost"], 16000.0); // 20000 * 4 * 1.0 / 5
    close(&f["objectives"]["headcount-efficiency"], 2000.0); // 20000 * 1 * 0.5 / 5

    let f = fix(&r, "qms->erp", "catalog");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 6000.0,
            hours: 400.0,
            saving: 16000.0,
            sv: 10240.0,
            priority: Some(10240.0 / 6000.0),
            payback: Some(4.5),
        },
    );

    let f = fix(&r, "crm->accounting", "connect");
    close(&f["strategic_value"], 4320.0);
    close(&f["priority"], 0.36);
    close(&f["objectives"]["manufacturing-cost"], 0.0);
    close(&f["objectives"]["headcount-efficiency"], 4320.0); // 43200 * 1 * 0.5 / 5

    let f = fix(&r, "marketing->crm", "automate");
    assert_eq!(f["aligned"], false);
    close(&f["priority"], 0.0);
    close(&f["annual_saving"], 3120.0);

    assert_gap_order(
        &r,
        &[
            ("quality-inspection", 1),   // 30720
            ("production-reporting", 2), // 18000
            ("quality-inspection", 2),   // 10240
            ("production-reporting", 3), // 9000
            ("lead-to-cash", 1),         // 4320
            ("lead-to-cash", 4),         // 1800
            ("lead-capture", 1),         // 0
        ],
    );
    close(&gap(&r, "quality-inspection", 1)["alignment"], 0.64);
    close(
        &gap(&r, "quality-inspection", 1)["strategic_value"],
        30720.0,
    );
}

#[test]
fn seed_first_fix_flips_with_the_strategy() {
    let growth = analyze("seed.yaml", Some("growth"));
    let cost_down = analyze("seed.yaml", Some("cost-down"));
    let default = analyze("seed.yaml", None);
    // growth: connect crm -> accounting (sales), priority 2.88
    assert_eq!(growth["fixes"][0]["id"], "crm->accounting");
    assert_eq!(growth["fixes"][0]["action"], "connect");
    // cost-down: connect mes -> qms (manufacturing), priority 2.56
    assert_eq!(cost_down["fixes"][0]["id"], "mes->qms");
    assert_eq!(cost_down["fixes"][0]["action"], "connect");
    // no `strategy:` in the file: the first declared (growth) is in force
    assert_eq!(default["strategy"], "growth");
    assert_eq!(default["fixes"][0]["id"], "crm->accounting");
}

#[test]
fn seed_systems_under_cost_down() {
    let r = analyze("seed.yaml", Some("cost-down"));
    // lead-capture has alignment 0 under cost-down: its systems become unaligned
    let cases: [(&str, f64, &[&str]); 7] = [
        ("crm", 0.1, &[]), // 0.1 + 0
        ("marketing", 0.0, &["unaligned"]),
        ("web-forms", 0.0, &["unaligned"]),
        ("erp", 1.54, &[]), // 0.9 + 0.64
        ("wms", 0.9, &["island"]),
        ("qms", 0.64, &["island"]),
        ("ncr-sheet", 0.64, &["shadow-it"]),
    ];
    for (id, contribution, flags) in cases {
        let s = by_id(&r, "systems", id);
        close(&s["strategic_contribution"], contribution);
        assert_flags(s, flags);
    }
}
