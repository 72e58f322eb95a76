//! How a handoff's minutes are found: a semi hop through a spreadsheet, a missing handoff's
//! own minutes, the smaller of the path and the fallback.

use super::{
    analyze, assert_fix_numbers, assert_fix_order, assert_flags, assert_gap, assert_gap_order,
    assert_strs, by_id, close, count, fix, gap, FixNumbers, GapNumbers,
};

// ------------------------------------------------------ semi-spreadsheet.yaml

#[test]
fn semi_hop_through_a_spreadsheet() {
    let r = analyze("semi-spreadsheet.yaml", None);
    // 1000 runs/year, 60/h, alignment 1 * 0.5 / 1 = 0.5
    assert_gap(
        gap(&r, "order-entry", 1),
        GapNumbers {
            from: "shop",
            to: "erp",
            data: "order",
            // shop->orders-sheet: automated into a spreadsheet = semi, default 3
            // orders-sheet->erp: semi, 4; 3 + 4 = 7 < 15
            status: "manual",
            minutes: 7.0,
            path: &["shop->orders-sheet", "orders-sheet->erp"],
            runs: 1000.0,
            hours: 7000.0 / 60.0, // 1000 * 7 / 60 = 116.67
            cost: 7000.0,         // 116.67 * 60
            alignment: 0.5,
            sv: 3500.0,
        },
    );
    assert_gap(
        gap(&r, "order-entry", 2),
        GapNumbers {
            from: "erp",
            to: "invoice-sheet",
            data: "invoice",
            status: "missing",
            minutes: 15.0,
            path: &[],
            runs: 1000.0,
            hours: 250.0,  // 1000 * 15 / 60
            cost: 15000.0, // 250 * 60
            alignment: 0.5,
            sv: 7500.0,
        },
    );
    assert_gap_order(&r, &[("order-entry", 2), ("order-entry", 1)]);
    let s = &r["summary"];
    count(&s["automated"], 0);
    close(&s["automation_rate"], 0.0);
    close(&s["strategic_automation"], 0.0); // weight 1000*0.5*2 > 0, nothing automated
    close(&s["annual_hours"], 250.0 + 7000.0 / 60.0);
    close(&s["annual_cost"], 22000.0);
    close(&s["strategic_value"], 11000.0);

    // No automate candidates (both hops touch a spreadsheet), no connect into
    // invoice-sheet (manual kind): connect shop->erp and the catalog fix only.
    assert_fix_order(
        &r,
        &[("erp->invoice-sheet", "catalog"), ("shop->erp", "connect")],
    );
    let f = fix(&r, "erp->invoice-sheet", "catalog");
    assert_strs(&f["carries"], &["invoice"]); // defaulted to the gap's data
                                              // the new "automated" hop ends in a spreadsheet: semi, 3 minutes; 15 -> 3 saves 12
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 1500.0,
            hours: 200.0,        // 1000 * 12 / 60
            saving: 12000.0,     // 200 * 60
            sv: 6000.0,          // 12000 * 0.5
            priority: Some(4.0), // 6000 / 1500
            payback: Some(1.5),  // 1500 / (12000 / 12)
        },
    );
    let f = fix(&r, "shop->erp", "connect");
    assert_strs(&f["carries"], &["order"]);
    assert_fix_numbers(
        f,
        FixNumbers {
            cost: 5000.0, // defaults.integration_cost
            hours: 7000.0 / 60.0,
            saving: 7000.0,
            sv: 3500.0,
            priority: Some(0.7),                     // 3500 / 5000
            payback: Some(5000.0 / (7000.0 / 12.0)), // 8.57
        },
    );
    // audit flags: the two sheets are shadow IT; shop and erp are islands
    // (their only integrations are effectively semi)
    assert_flags(by_id(&r, "systems", "shop"), &["island"]);
    assert_flags(by_id(&r, "systems", "orders-sheet"), &["shadow-it"]);
    assert_flags(by_id(&r, "systems", "erp"), &["island"]);
    assert_flags(by_id(&r, "systems", "invoice-sheet"), &["shadow-it"]);
    assert_strs(
        &by_id(&r, "systems", "orders-sheet")["workflows"],
        &["order-entry"],
    );
}

// --------------------------------------------------- missing-own-minutes.yaml

#[test]
fn missing_handoff_with_its_own_minutes() {
    let r = analyze("missing-own-minutes.yaml", None);
    // 20/week * 52 = 1040 runs; 60/h; alignment 1
    assert_gap(
        gap(&r, "refunds", 1),
        GapNumbers {
            from: "helpdesk",
            to: "billing",
            data: "refund-request",
            status: "missing",
            minutes: 4.0, // its own minutes, not the default 15
            path: &[],
            runs: 1040.0,
            hours: 1040.0 * 4.0 / 60.0, // 69.33
            cost: 4160.0,               // 69.33 * 60
            alignment: 1.0,
            sv: 4160.0,
        },
    );
    // missing, minutes 0: still a gap, costing nothing
    assert_gap(
        gap(&r, "refunds", 2),
        GapNumbers {
            from: "billing",
            to: "helpdesk",
            data: "refund-status",
            status: "missing",
            minutes: 0.0,
            path: &[],
            runs: 1040.0,
            hours: 0.0,
            cost: 0.0,
            alignment: 1.0,
            sv: 0.0,
        },
    );
    let s = &r["summary"];
    count(&s["missing"], 2);
    close(&s["annual_cost"], 4160.0);
    // connect billing->helpdesk would save 0 hours: not listed
    assert_fix_order(&r, &[("helpdesk->billing", "connect")]);
    assert_fix_numbers(
        fix(&r, "helpdesk->billing", "connect"),
        FixNumbers {
            cost: 10000.0, // default integration_cost
            hours: 1040.0 * 4.0 / 60.0,
            saving: 4160.0,
            sv: 4160.0,
            priority: Some(0.416),
            payback: Some(10000.0 / (4160.0 / 12.0)), // 28.85
        },
    );
}

// -------------------------------------------------------------- min-rule.yaml

#[test]
fn min_of_path_and_fallback() {
    let r = analyze("min-rule.yaml", None);
    // 50/month = 600 runs; 60/h; alignment 2*1.0/2 = 1
    assert_gap(
        gap(&r, "batch-release", 1),
        GapNumbers {
            from: "lims",
            to: "erp",
            data: "test-result",
            status: "manual",
            minutes: 6.0, // min(5 + 10, 6)
            path: &["lims->mes", "mes->erp"],
            runs: 600.0,
            hours: 60.0, // 600 * 6 / 60
            cost: 3600.0,
            alignment: 1.0,
            sv: 3600.0,
        },
    );
    assert_gap(
        gap(&r, "batch-release", 2),
        GapNumbers {
            from: "lims",
            to: "mes",
            data: "test-result",
            status: "manual",
            minutes: 5.0, // min(5, 15)
            path: &["lims->mes"],
            runs: 600.0,
            hours: 50.0,
            cost: 3000.0,
            alignment: 1.0,
            sv: 3000.0,
        },
    );
    assert_fix_order(
        &r,
        &[
            ("lims->mes", "automate"), // 3000 / 3000 = 1.0
            ("lims->erp", "connect"),  // 3600 / 10000 = 0.36
            ("mes->erp", "automate"),  // 600 / 4000 = 0.15
        ],
    );
    // automate lims->mes: step 1 stays min(0 + 10, 6) = 6; step 2: 5 -> 0
    assert_fix_numbers(
        fix(&r, "lims->mes", "automate"),
        FixNumbers {
            cost: 3000.0,
            hours: 50.0,
            saving: 3000.0,
            sv: 3000.0,
            priority: Some(1.0),
            payback: Some(12.0), // 3000 / (3000 / 12)
        },
    );
    // connect lims->erp: step 1: 6 -> 0
    assert_fix_numbers(
        fix(&r, "lims->erp", "connect"),
        FixNumbers {
            cost: 10000.0,
            hours: 60.0,
            saving: 3600.0,
            sv: 3600.0,
            priority: Some(0.36),
            payback: Some(10000.0 / 300.0), // 33.33
        },
    );
    // automate mes->erp: step 1: min(5 + 0, 6) = 5, saves 1 minute: 600 * 1 / 60 = 10 h
    assert_fix_numbers(
        fix(&r, "mes->erp", "automate"),
        FixNumbers {
            cost: 4000.0,
            hours: 10.0,
            saving: 600.0,
            sv: 600.0,
            priority: Some(0.15),
            payback: Some(80.0), // 4000 / (600 / 12)
        },
    );
    for id in ["lims", "mes", "erp"] {
        assert_flags(by_id(&r, "systems", id), &["island"]); // all hops are manual
    }
}
