//! Fixes by hand: free catalog fixes, ties broken by id, a connect fix counted in other
//! workflows, a fix that makes a default-priced handoff dearer.

use super::{
    analyze, assert_fix_numbers, assert_fix_order, assert_flags, assert_gap_order, assert_strs,
    by_id, close, fix, keys, strs, FixNumbers,
};

// ---------------------------------------------------------- catalog-free.yaml

#[test]
fn zero_cost_catalog_fixes() {
    let r = analyze("catalog-free.yaml", None);
    // order-sync 100/month = 1200 runs, alignment 1; reporting 20/month = 240 runs,
    // serves nothing: alignment 0. 60/h.
    assert_fix_order(
        &r,
        &[
            ("shop->crm", "catalog"), // cost 0 with value: first
            ("shop->erp", "connect"), // 6000 / 10000 = 0.6
            ("erp->bi", "catalog"),   // cost 0, no value: priority counts 0; saving 7200
            ("crm->bi", "connect"),   // priority 0; saving 2400
        ],
    );
    let f = fix(&r, "shop->crm", "catalog");
    assert_eq!(f["name"], "Built-in CRM connector of the shop");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 0.0,
            hours: 40.0,    // 1200 * 2 / 60
            saving: 2400.0, // 40 * 60
            sv: 2400.0,
            priority: None,     // value / 0
            payback: Some(0.0), // zero cost with saving
        },
    );
    assert_fix_numbers(
        fix(&r, "shop->erp", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 100.0, // 1200 * 5 / 60
            saving: 6000.0,
            sv: 6000.0,
            priority: Some(0.6),
            payback: Some(20.0), // 10000 / 500
        },
    );
    let f = fix(&r, "erp->bi", "catalog");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 0.0,
            hours: 120.0, // 240 * 30 / 60
            saving: 7200.0,
            sv: 0.0,
            priority: None,
            payback: Some(0.0),
        },
    );
    assert_eq!(f["aligned"], false);
    close(&f["objectives"]["growth"], 0.0);
    assert_fix_numbers(
        fix(&r, "crm->bi", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 40.0, // 240 * 10 / 60
            saving: 2400.0,
            sv: 0.0,
            priority: Some(0.0), // positive cost, no value
            payback: Some(50.0), // 10000 / 200
        },
    );
    let s = &r["summary"];
    close(&s["annual_cost"], 18000.0); // 2400 + 6000 + 7200 + 2400
    close(&s["strategic_value"], 8400.0); // 2400 + 6000
    assert_gap_order(
        &r,
        &[
            ("order-sync", 2),
            ("order-sync", 1),
            ("reporting", 1),
            ("reporting", 2),
        ],
    );
    let bi = by_id(&r, "systems", "bi");
    assert_flags(bi, &["unaligned", "island"]);
    let warnings = strs(&r["warnings"]);
    assert!(
        warnings.iter().any(|w| w.contains("reporting")),
        "a warning says workflow reporting serves nothing: {warnings:?}"
    );
}

// ------------------------------------------------------------- tie-by-id.yaml

#[test]
fn ties_are_broken_by_id_then_action() {
    let r = analyze("tie-by-id.yaml", None);
    assert_fix_order(
        &r,
        &[
            // cost 6000, saving 1200 * 5 / 60 * 60 = 6000, sv 6000, priority 1.0: tie;
            // "crm->erp" < "crm->wms" in byte order (the handoffs are written wms first)
            ("crm->erp", "connect"),
            ("crm->wms", "connect"),
            // cost 6000, 600 * 2 / 60 = 20 h, 1200, priority 0.2: tie on every key and id;
            // automate before connect
            ("erp->crm", "automate"),
            ("erp->crm", "connect"),
        ],
    );
    for id in ["crm->erp", "crm->wms"] {
        assert_fix_numbers(
            fix(&r, id, "connect"),
            FixNumbers {
                cost: 6000.0,
                hours: 100.0,
                saving: 6000.0,
                sv: 6000.0,
                priority: Some(1.0),
                payback: Some(12.0),
            },
        );
    }
    let automate = fix(&r, "erp->crm", "automate");
    assert_strs(&automate["carries"], &["invoice"]);
    let connect = fix(&r, "erp->crm", "connect");
    // all gap data from erp to crm, in order of first appearance
    assert_strs(&connect["carries"], &["invoice", "credit-note"]);
    for f in [automate, connect] {
        assert_fix_numbers(
            f,
            FixNumbers {
                cost: 6000.0,
                hours: 20.0,
                saving: 1200.0,
                sv: 1200.0,
                priority: Some(0.2),
                payback: Some(60.0), // 6000 / (1200 / 12)
            },
        );
        assert_strs(&f["workflows"], &["billing"]);
    }
    // gaps: fulfilment 1 and 2 tie on value (6000) and workflow: by step
    assert_gap_order(
        &r,
        &[
            ("fulfilment", 1),
            ("fulfilment", 2),
            ("billing", 1),
            ("billing", 2),
        ],
    );
}

// ------------------------------------------------ connect-cross-workflow.yaml

#[test]
fn connect_fix_counts_other_workflows() {
    let r = analyze("connect-cross-workflow.yaml", None);
    // order-booking: 1200 runs, 4 min, 60/h -> 80 h, 4800; alignment 0.75 -> 3600
    // shipping:      1200 runs, 3 min, 40/h -> 60 h, 2400; alignment 0.25 -> 600
    assert_fix_order(&r, &[("crm->erp", "connect"), ("crm->wms", "connect")]);
    let f = fix(&r, "crm->erp", "connect");
    assert_strs(&f["carries"], &["order"]);
    // the new crm->erp edge completes crm -> erp -> wms for shipping too
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 140.0,   // 80 + 60
            saving: 7200.0, // 4800 + 2400
            sv: 4200.0,     // 3600 + 600
            priority: Some(0.42),
            payback: Some(10000.0 / 600.0), // 16.67
        },
    );
    assert_strs(&f["workflows"], &["order-booking", "shipping"]);
    assert_eq!(keys(&f["objectives"]), ["sales-growth", "logistics-cost"]);
    close(&f["objectives"]["sales-growth"], 3600.0); // 4800 * 3 * 1.0 / 4
    close(&f["objectives"]["logistics-cost"], 600.0); // 2400 * 1 * 1.0 / 4
    let f = fix(&r, "crm->wms", "connect");
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 10000.0,
            hours: 60.0,
            saving: 2400.0,
            sv: 600.0,
            priority: Some(0.06),
            payback: Some(50.0),
        },
    );
    assert_strs(&f["workflows"], &["shipping"]);
    close(&f["objectives"]["sales-growth"], 0.0);
    close(&f["objectives"]["logistics-cost"], 600.0);
    // units with different hourly costs
    close(&by_id(&r, "units", "sales")["annual_cost"], 4800.0);
    close(&by_id(&r, "units", "logistics")["annual_cost"], 2400.0);
    // erp->wms is automated: erp and wms are not islands, crm is
    assert_flags(by_id(&r, "systems", "crm"), &["island"]);
    assert_flags(by_id(&r, "systems", "erp"), &[]);
    assert_flags(by_id(&r, "systems", "wms"), &[]);
}

// ---------------------------------------------------------------- dearer-path.yaml

/// Connecting u -> t closes `direct` (100 runs x 15 default min = 25 h) but gives `around`
/// (50 runs, priced at the 15 default minutes) its first path, s -> u (25 min manual) ->
/// t: 25 min, since a default never replaces a path's minutes. The fix saves 25 h and
/// costs 50 x 10 / 60 = 8.33 h: net 16.67 h x EUR 60 = 1,000.
#[test]
fn a_fix_can_make_a_default_priced_missing_handoff_dearer() {
    let r = analyze("dearer-path.yaml", None);
    let f = fix(&r, "u->t", "connect");
    close(&f["annual_hours_saved"], 25.0 - 50.0 * 10.0 / 60.0);
    close(&f["annual_saving"], 1000.0);
    assert_strs(&f["workflows"], &["direct"]);
    let raises = f["raises"].as_array().unwrap();
    assert_eq!(raises.len(), 1);
    assert_eq!(raises[0]["workflow"], "around");
    close(&raises[0]["minutes_before"], 15.0);
    close(&raises[0]["minutes_after"], 25.0);
    // s->t alone: 50 x 15 / 60 = 12.5 h, EUR 750.
    close(&fix(&r, "s->t", "connect")["annual_saving"], 750.0);
}
