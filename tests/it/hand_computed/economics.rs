//! Money: hours without money have no payback, stated minutes, `by` units, running costs and
//! NPV, and the share of gap hours that rests on default minutes.

use super::{
    analyze, assert_close, assert_fix_numbers, assert_fix_order, assert_gap, by_id, close, fix,
    gap, gapgraph, null, strs, FixNumbers, GapNumbers,
};

// --------------------------------------------------------- flat-fee-unit.yaml

#[test]
fn hours_without_money_have_no_payback() {
    let r = analyze("flat-fee-unit.yaml", None);
    // 50/week * 52 = 2600 runs; missing, 3 minutes: 2600 * 3 / 60 = 130 h; hourly_cost 0
    assert_gap(
        gap(&r, "alert-to-ticket", 1),
        GapNumbers {
            from: "monitoring",
            to: "itsm",
            data: "alert",
            status: "missing",
            minutes: 3.0,
            path: &[],
            runs: 2600.0,
            hours: 130.0,
            cost: 0.0,      // 130 h * 0
            alignment: 0.0, // serves nothing
            sv: 0.0,
        },
    );
    let s = &r["summary"];
    close(&s["annual_hours"], 130.0);
    close(&s["annual_cost"], 0.0);
    close(&s["automation_rate"], 0.0);
    // runs * alignment = 2600 * 0 = 0 for every handoff: null
    null(&s["strategic_automation"]);
    // listed because it saves hours (130 > 0)
    assert_fix_order(&r, &[("monitoring->itsm", "connect")]);
    let f = fix(&r, "monitoring->itsm", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 130.0,
            saving: 0.0,
            sv: 0.0,
            priority: Some(0.0), // value 0, cost positive
            payback: None,       // no saving
        },
    );
    close(&f["objectives"]["service-quality"], 0.0);
    let warnings = strs(&r["warnings"]);
    assert!(
        warnings.iter().any(|w| w.contains("alert-to-ticket")),
        "a warning says the workflow serves nothing: {warnings:?}"
    );
}

// ---------------------------------------------------------------- economics.yaml

/// Stated minutes beat the default, `by` prices a step at the doing unit's rate, and each
/// fix's running cost, net saving, payback and NPV, to the cent.
#[test]
fn economics_stated_minutes_by_unit_run_costs_and_npv() {
    let r = analyze("economics.yaml", None);
    // Step 1: a manual integration stated at 90 min, the handoff states none: 90, not the
    // 15 of defaults.missing_minutes. 100/month = 1,200 runs; 1,200 x 90 / 60 = 1,800 h;
    // Sales' EUR 62 an hour: 111,600.
    let g1 = gap(&r, "order-to-cash", 1);
    close(&g1["minutes"], 90.0);
    close(&g1["annual_hours"], 1800.0);
    close(&g1["annual_cost"], 111_600.0);
    assert_eq!(g1["by"], "sales");
    assert_eq!(g1["minutes_from"], "stated");
    assert_eq!(g1["runs_from"], "stated");
    // Step 2: done by the warehouse (EUR 41): 1,200 x 6 / 60 = 120 h x 41 = 4,920.
    let g2 = gap(&r, "order-to-cash", 2);
    close(&g2["annual_cost"], 4920.0);
    close(&g2["hourly_cost"], 41.0);
    assert_eq!(g2["by"], "warehouse");
    // Step 3: paper slips -> WMS, 4 min stated, warehouse: 80 h x 41 = 3,280; no fix.
    let g3 = gap(&r, "order-to-cash", 3);
    close(&g3["annual_cost"], 3280.0);
    assert_eq!(g3["fixable"], false);
    assert_eq!(g3["unfixable"]["reason"], "manual-end");
    assert_eq!(g1["fixable"], true);
    assert!(g1.get("unfixable").is_none());
    close(&r["assumptions"]["unfixable_gap_hours"], 80.0);
    close(&r["assumptions"]["unfixable_gap_cost"], 3280.0);
    // Units stay by the workflow's unit: Sales carries all three steps' cost.
    let sales = by_id(&r, "units", "sales");
    close(&sales["annual_cost"], 111_600.0 + 4920.0 + 3280.0);
    close(&by_id(&r, "units", "warehouse")["annual_cost"], 0.0);

    // Discount factors at 8%: 1/1.08 + 1/1.08^2 + 1/1.08^3 = 2.577096987...
    let annuity: f64 = (1..=3).map(|y| 1.0 / 1.08_f64.powi(y)).sum();
    // shop->erp: saving 111,600, running 3,000: net 108,600; payback 12,000 / 9,050 =
    // 1.3260 months; NPV -12,000 + 108,600 x 2.5771 = 267,872.73.
    let f1 = fix(&r, "shop->erp", "automate");
    close(&f1["run_cost"], 3000.0);
    close(&f1["net_saving"], 108_600.0);
    close(&f1["payback_months"], 12_000.0 / (108_600.0 / 12.0));
    assert!((f1["npv"].as_f64().unwrap() - 267_872.73).abs() < 0.005);
    assert_close(f1["npv"].as_f64().unwrap(), -12_000.0 + 108_600.0 * annuity);
    assert_eq!(f1["loses_money"], false);
    assert_eq!(f1["cost_from"], "stated");
    assert_eq!(f1["run_cost_from"], "stated");
    // erp->wms: saving 4,920, running 2,500: net 2,420; payback 8,000 / 201.67 = 39.67
    // months; NPV -8,000 + 2,420 x 2.5771 = -1,763.43: loses money over 3 years.
    let f2 = fix(&r, "erp->wms", "automate");
    close(&f2["net_saving"], 2420.0);
    close(&f2["payback_months"], 8000.0 / (2420.0 / 12.0));
    assert!((f2["npv"].as_f64().unwrap() - -1763.43).abs() < 0.005);
    assert_eq!(f2["loses_money"], true);
    // The ranking is unchanged by running costs: priority = value / cost.
    assert_fix_order(&r, &[("shop->erp", "automate"), ("erp->wms", "automate")]);
    close(&f2["priority"], 4920.0 / 8000.0);

    // Every human format says it.
    for format in ["table", "markdown"] {
        let out = gapgraph()
            .args([
                "analyze",
                "fixtures/valid/economics.yaml",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("loses money over 3 years"),
            "{format}:\n{text}"
        );
        assert!(text.contains("267,873"), "{format}:\n{text}");
        assert!(text.contains("no fix can close"), "{format}:\n{text}");
        assert!(text.contains("EUR 41 an hour"), "{format}:\n{text}");
    }
}

/// A handoff's `by` must name a declared unit, with did-you-mean.
#[test]
fn by_names_a_declared_unit() {
    let model = "units: {warehouse: {}}\nsystems: {a: {}, b: {}}\nworkflows:\n  w:\n    runs: {count: 1, per: day}\n    handoffs: [{from: a, to: b, data: x, by: warehose}]\n";
    let out = gapgraph()
        .args(["validate", "-"])
        .write_stdin(model)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("workflows.w.handoffs[1].by"), "{text}");
    assert!(text.contains("unknown unit `warehose`"), "{text}");
    assert!(text.contains("warehouse"), "{text}");
}

/// `check --max-default-share`: the seed's 1,920 of 3,422 gap hours (56.1%) rest on
/// default minutes; a 50% limit breaks (exit 1), 60% holds.
#[test]
fn check_gates_the_share_of_gap_hours_on_defaults() {
    let r = analyze("seed.yaml", None);
    close(&r["assumptions"]["gap_hours_by_source"]["default"], 1920.0);
    close(
        &r["assumptions"]["gap_hours_by_source"]["stated"],
        3422.0 - 1920.0,
    );
    close(&r["assumptions"]["gap_hours_by_source"]["measured"], 0.0);
    let out = gapgraph()
        .args([
            "check",
            "fixtures/valid/seed.yaml",
            "--max-default-share",
            "0.5",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("BROKEN: 56.1% of gap hours rest on default minutes (maximum 50.0%)"),
        "{text}"
    );
    let out = gapgraph()
        .args([
            "check",
            "fixtures/valid/seed.yaml",
            "--max-default-share",
            "0.6",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
