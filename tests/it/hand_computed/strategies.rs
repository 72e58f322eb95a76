//! The strategy in force orders the fixes; a model without strategies.

use super::{
    analyze, assert_fix_numbers, assert_fix_order, assert_flags, assert_gap, by_id, close, fix,
    gap, keys, null, FixNumbers, GapNumbers,
};

// ---------------------------------------------------------- strategy-flip.yaml

#[test]
fn strategy_in_force_orders_the_fixes() {
    // order-intake: 1000 runs * 6 min / 60 = 100 h * 60 = 6000, serves revenue
    // shop-floor:    600 runs * 10 min / 60 = 100 h * 60 = 6000, serves cost
    let default = analyze("strategy-flip.yaml", None);
    assert_eq!(default["strategy"], "save"); // `strategy: save`, not the first declared
    let grow = analyze("strategy-flip.yaml", Some("grow"));
    let save = analyze("strategy-flip.yaml", Some("save"));
    assert_eq!(grow["strategy"], "grow");
    assert_fix_order(&grow, &[("crm->erp", "connect"), ("mes->erp", "connect")]);
    assert_fix_order(&save, &[("mes->erp", "connect"), ("crm->erp", "connect")]);
    assert_eq!(
        serde_json::to_string(&default).unwrap(),
        serde_json::to_string(&save).unwrap()
    );
    // under grow: crm->erp sv 6000, priority 0.6; mes->erp sv 0, aligned false
    assert_fix_numbers(
        fix(&grow, "crm->erp", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 100.0,
            saving: 6000.0,
            sv: 6000.0,
            priority: Some(0.6),
            payback: Some(20.0),
        },
    );
    assert_fix_numbers(
        fix(&grow, "mes->erp", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 100.0,
            saving: 6000.0,
            sv: 0.0,
            priority: Some(0.0),
            payback: Some(20.0),
        },
    );
    assert_eq!(keys(&grow["fixes"][0]["objectives"]), ["revenue"]);
    assert_eq!(keys(&save["fixes"][0]["objectives"]), ["cost"]);
    assert_flags(by_id(&grow, "systems", "mes"), &["unaligned", "island"]);
    assert_flags(by_id(&save, "systems", "crm"), &["unaligned", "island"]);
    close(&by_id(&grow, "workflows", "shop-floor")["alignment"], 0.0);
    close(&by_id(&save, "workflows", "shop-floor")["alignment"], 1.0);
}

// ----------------------------------------------------------- no-strategies.yaml

#[test]
fn model_without_strategies() {
    let r = analyze("no-strategies.yaml", None);
    null(&r["strategy"]);
    // 10/week * 52 = 520 runs; no unit, no defaults: 50/h; alignment 1
    assert_gap(
        gap(&r, "invoicing", 1),
        GapNumbers {
            from: "crm",
            to: "erp",
            data: "invoice",
            status: "manual",
            minutes: 10.0, // defaults.manual_minutes
            path: &["crm->erp"],
            runs: 520.0,
            hours: 520.0 * 10.0 / 60.0,       // 86.67
            cost: 520.0 * 10.0 / 60.0 * 50.0, // 4333.33
            alignment: 1.0,
            sv: 520.0 * 10.0 / 60.0 * 50.0,
        },
    );
    assert_gap(
        gap(&r, "invoicing", 2),
        GapNumbers {
            from: "erp",
            to: "crm",
            data: "payment",
            status: "missing",
            minutes: 15.0, // defaults.missing_minutes
            path: &[],
            runs: 520.0,
            hours: 130.0, // 520 * 15 / 60
            cost: 6500.0, // 130 * 50
            alignment: 1.0,
            sv: 6500.0,
        },
    );
    let s = &r["summary"];
    close(&s["strategic_value"], 6500.0 + 26000.0 / 6.0); // = annual_cost, 10833.33
    close(&s["annual_cost"], 6500.0 + 26000.0 / 6.0);
    close(&s["strategic_automation"], 0.0);
    assert_fix_order(&r, &[("erp->crm", "connect"), ("crm->erp", "automate")]);
    let f = fix(&r, "erp->crm", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 130.0,
            saving: 6500.0,
            sv: 6500.0,
            priority: Some(0.65),
            payback: Some(10000.0 / (6500.0 / 12.0)), // 18.46
        },
    );
    assert_eq!(f["objectives"], serde_json::json!({}));
    let f = fix(&r, "crm->erp", "automate");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0, // defaults.integration_cost
            hours: 520.0 * 10.0 / 60.0,
            saving: 26000.0 / 6.0,
            sv: 26000.0 / 6.0,
            priority: Some(26000.0 / 6.0 / 10000.0), // 0.4333
            payback: Some(10000.0 / (26000.0 / 6.0 / 12.0)), // 27.69
        },
    );
    assert_eq!(f["objectives"], serde_json::json!({}));
    null(&by_id(&r, "workflows", "invoicing")["unit"]);
    close(&by_id(&r, "workflows", "invoicing")["alignment"], 1.0);
    close(&by_id(&r, "systems", "crm")["strategic_contribution"], 1.0);
    assert!(
        !r["warnings"].as_array().unwrap().is_empty(),
        "a warning says there are no strategies"
    );
}
