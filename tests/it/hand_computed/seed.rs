//! seed.yaml under growth: the summary, every gap, and the workflows, units and systems.
//! The arithmetic of the whole model is in the comment below; `seed_fixes` uses it too.

use super::{
    analyze, assert_counts, assert_flags, assert_gap, assert_gap_order, assert_strs, by_id, close,
    count, gap, null, strs, GapNumbers,
};

// ------------------------------------------------------------------ seed.yaml
//
// runs/year: lead-to-cash 300/month * 12 = 3600; lead-capture 30/week * 52 = 1560;
//            production-reporting 60/day * 250 = 15000; quality-inspection 400/month * 12 = 4800
// hourly cost: sales 60, manufacturing 40
// alignment under growth (customer-growth 3, headcount-efficiency 2; sum 5):
//   lead-to-cash (cg 1.0, he 0.5)          (3*1 + 2*0.5) / 5 = 0.8
//   lead-capture (cg 1.0)                  3 / 5 = 0.6
//   production-reporting (mc 1.0, he 0.5)  2*0.5 / 5 = 0.2
//   quality-inspection (mc 0.8)            0
// alignment under cost-down (manufacturing-cost 4, headcount-efficiency 1; sum 5):
//   lead-to-cash 1*0.5/5 = 0.1; lead-capture 0; production-reporting (4*1 + 0.5)/5 = 0.9;
//   quality-inspection 4*0.8/5 = 0.64
//
// gaps (minutes per run -> hours -> cost):
//   lead-to-cash 1 crm->accounting closed-deal: crm->deal-sheet (automated into a
//     spreadsheet = semi, default 3) + deal-sheet->accounting (manual 9) = 12 < 15:
//     manual 12; 3600*12/60 = 720 h; *60 = 43200
//   lead-to-cash 4 payments->crm payment-status: no path, own minutes 5:
//     missing 5; 3600*5/60 = 300 h; *60 = 18000
//   lead-capture 1 web-forms->crm lead: web-forms->marketing (0) + marketing->crm
//     (semi 2) = 2: manual 2; 1560*2/60 = 52 h; *60 = 3120
//   production-reporting 2 mes->erp production-confirmation: manual hop 2 minutes:
//     manual 2; 15000*2/60 = 500 h; *40 = 20000
//   production-reporting 3 mes->wms material-consumption: no path, own minutes 1:
//     missing 1; 15000*1/60 = 250 h; *40 = 10000
//   quality-inspection 1 mes->qms inspection-lot: no path, default 15:
//     missing 15; 4800*15/60 = 1200 h; *40 = 48000
//   quality-inspection 2 qms->erp nonconformance: qms->ncr-sheet (semi 3) +
//     ncr-sheet->erp (manual, default 10) = 13; own minutes 5; min(13, 5) = 5:
//     manual 5; 4800*5/60 = 400 h; *40 = 16000
//
// candidates:
//   automate marketing->crm (semi, 5000), automate mes->erp (manual, 8000); the
//     hops into/out of deal-sheet and ncr-sheet touch spreadsheets: not candidates
//   connect crm->accounting [closed-deal], connect web-forms->crm [lead],
//     connect mes->wms [material-consumption], connect mes->qms [inspection-lot] (12000 each);
//     no connect mes->erp (automate mes->erp carries production-confirmation);
//     payments->crm and qms->erp are catalog pairs
//   catalog payment-webhook (payments->crm, 9000), catalog qms->erp (6000)

#[test]
fn seed_growth_summary_and_gaps() {
    let r = analyze("seed.yaml", Some("growth"));
    assert_eq!(r["strategy"], "growth");
    assert_eq!(r["model"], "Northwind Industrial - sales and plant");
    assert_eq!(r["currency"], "EUR");
    let s = &r["summary"];
    count(&s["workflows"], 4);
    count(&s["handoffs"], 11); // 4 + 2 + 3 + 2
    count(&s["automated"], 4); // l2c 2,3; lead-capture 2; production 1
    count(&s["manual"], 4);
    count(&s["missing"], 3);
    // runs of automated handoffs: 2*3600 + 1560 + 15000 = 23760
    // runs of all handoffs: 4*3600 + 2*1560 + 3*15000 + 2*4800 = 72120
    close(&s["automation_rate"], 23760.0 / 72120.0);
    // runs*alignment per handoff: l2c 2880, capture 936, production 3000, quality 0
    // automated: 2*2880 + 936 + 3000 = 9696; all: 4*2880 + 2*936 + 3*3000 = 22392
    close(&s["strategic_automation"], 9696.0 / 22392.0);
    close(&s["annual_hours"], 3422.0); // 720 + 300 + 52 + 500 + 250 + 1200 + 400
    close(&s["annual_cost"], 158320.0); // 43200 + 18000 + 3120 + 20000 + 10000 + 48000 + 16000
    close(&s["strategic_value"], 56832.0); // 34560 + 14400 + 1872 + 4000 + 2000 + 0 + 0

    // gaps by strategic value desc, then workflow id, then step
    assert_gap_order(
        &r,
        &[
            ("lead-to-cash", 1),         // 34560
            ("lead-to-cash", 4),         // 14400
            ("production-reporting", 2), // 4000
            ("production-reporting", 3), // 2000
            ("lead-capture", 1),         // 1872
            ("quality-inspection", 1),   // 0
            ("quality-inspection", 2),   // 0
        ],
    );
    assert_gap(
        gap(&r, "lead-to-cash", 1),
        GapNumbers {
            from: "crm",
            to: "accounting",
            data: "closed-deal",
            status: "manual",
            minutes: 12.0, // 3 (semi default) + 9
            path: &["crm->deal-sheet", "deal-sheet->accounting"],
            runs: 3600.0,
            hours: 720.0,
            cost: 43200.0,
            alignment: 0.8,
            sv: 34560.0, // 43200 * 0.8
        },
    );
    assert_gap(
        gap(&r, "lead-to-cash", 4),
        GapNumbers {
            from: "payments",
            to: "crm",
            data: "payment-status",
            status: "missing",
            minutes: 5.0,
            path: &[],
            runs: 3600.0,
            hours: 300.0,
            cost: 18000.0,
            alignment: 0.8,
            sv: 14400.0,
        },
    );
    assert_gap(
        gap(&r, "lead-capture", 1),
        GapNumbers {
            from: "web-forms",
            to: "crm",
            data: "lead",
            status: "manual",
            minutes: 2.0,
            path: &["web-forms->marketing", "marketing->crm"],
            runs: 1560.0,
            hours: 52.0,
            cost: 3120.0,
            alignment: 0.6,
            sv: 1872.0, // 3120 * 0.6
        },
    );
    assert_gap(
        gap(&r, "production-reporting", 2),
        GapNumbers {
            from: "mes",
            to: "erp",
            data: "production-confirmation",
            status: "manual",
            minutes: 2.0,
            path: &["mes->erp"],
            runs: 15000.0,
            hours: 500.0,
            cost: 20000.0,
            alignment: 0.2,
            sv: 4000.0,
        },
    );
    assert_gap(
        gap(&r, "production-reporting", 3),
        GapNumbers {
            from: "mes",
            to: "wms",
            data: "material-consumption",
            status: "missing",
            minutes: 1.0,
            path: &[],
            runs: 15000.0,
            hours: 250.0,
            cost: 10000.0,
            alignment: 0.2,
            sv: 2000.0,
        },
    );
    assert_gap(
        gap(&r, "quality-inspection", 1),
        GapNumbers {
            from: "mes",
            to: "qms",
            data: "inspection-lot",
            status: "missing",
            minutes: 15.0, // defaults.missing_minutes
            path: &[],
            runs: 4800.0,
            hours: 1200.0,
            cost: 48000.0,
            alignment: 0.0,
            sv: 0.0,
        },
    );
    assert_gap(
        gap(&r, "quality-inspection", 2),
        GapNumbers {
            from: "qms",
            to: "erp",
            data: "nonconformance",
            status: "manual",
            minutes: 5.0,                                // min(3 + 10, 5)
            path: &["qms->ncr-sheet", "ncr-sheet->erp"], // reported although the fallback is quicker
            runs: 4800.0,
            hours: 400.0,
            cost: 16000.0,
            alignment: 0.0,
            sv: 0.0,
        },
    );
}

#[test]
fn seed_workflows_units_systems() {
    let r = analyze("seed.yaml", Some("growth"));
    let ids: Vec<&str> = r["workflows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "lead-to-cash",
            "lead-capture",
            "production-reporting",
            "quality-inspection"
        ]
    );
    let w = by_id(&r, "workflows", "lead-to-cash");
    assert_eq!(w["unit"], "sales");
    assert_counts(w, 4, 2, 1, 1);
    close(&w["automation_rate"], 0.5); // 2 / 4
    close(&w["annual_hours"], 1020.0); // 720 + 300
    close(&w["annual_cost"], 61200.0); // 43200 + 18000
    close(&w["alignment"], 0.8);
    let w = by_id(&r, "workflows", "lead-capture");
    assert_counts(w, 2, 1, 1, 0);
    close(&w["automation_rate"], 0.5);
    close(&w["annual_cost"], 3120.0);
    close(&w["alignment"], 0.6);
    let w = by_id(&r, "workflows", "production-reporting");
    assert_counts(w, 3, 1, 1, 1);
    close(&w["automation_rate"], 1.0 / 3.0);
    close(&w["annual_hours"], 750.0); // 500 + 250
    close(&w["annual_cost"], 30000.0); // 20000 + 10000
    close(&w["alignment"], 0.2);
    let w = by_id(&r, "workflows", "quality-inspection");
    assert_counts(w, 2, 0, 1, 1);
    close(&w["automation_rate"], 0.0);
    close(&w["annual_hours"], 1600.0); // 1200 + 400
    close(&w["annual_cost"], 64000.0); // 48000 + 16000
    close(&w["alignment"], 0.0);

    // units: every declared unit, in file order
    let ids: Vec<&str> = r["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["sales", "finance", "manufacturing"]);
    let u = by_id(&r, "units", "sales"); // lead-to-cash + lead-capture
    assert_counts(u, 6, 3, 2, 1);
    close(&u["automation_rate"], 0.5); // 3 / 6
    close(&u["annual_hours"], 1072.0); // 1020 + 52
    close(&u["annual_cost"], 64320.0); // 61200 + 3120
    let u = by_id(&r, "units", "finance"); // systems only, no workflows
    assert_counts(u, 0, 0, 0, 0);
    null(&u["automation_rate"]);
    let u = by_id(&r, "units", "manufacturing");
    assert_counts(u, 5, 1, 2, 2);
    close(&u["automation_rate"], 0.2); // 1 / 5
    close(&u["annual_hours"], 2350.0); // 750 + 1600
    close(&u["annual_cost"], 94000.0); // 30000 + 64000

    // systems: (workflows touching it, contribution = sum of their alignment, flags)
    // (id, kind, workflows, strategic contribution, flags)
    type SystemCase = (
        &'static str,
        &'static str,
        &'static [&'static str],
        f64,
        &'static [&'static str],
    );
    let cases: [SystemCase; 12] = [
        (
            "crm",
            "application",
            &["lead-to-cash", "lead-capture"],
            1.4,
            &[],
        ), // 0.8 + 0.6
        ("marketing", "saas", &["lead-capture"], 0.6, &[]), // on the path of lead-capture 1
        ("web-forms", "saas", &["lead-capture"], 0.6, &[]),
        (
            "deal-sheet",
            "spreadsheet",
            &["lead-to-cash"],
            0.8,
            &["shadow-it"],
        ),
        ("accounting", "application", &["lead-to-cash"], 0.8, &[]),
        ("payments", "saas", &["lead-to-cash"], 0.8, &[]),
        // erp: production-reporting 0.2 + quality-inspection 0 (qms->erp end)
        (
            "erp",
            "application",
            &["production-reporting", "quality-inspection"],
            0.2,
            &[],
        ),
        (
            "mes",
            "application",
            &["production-reporting", "quality-inspection"],
            0.2,
            &[],
        ),
        // wms: only a missing handoff ends there; no integration touches it
        (
            "wms",
            "application",
            &["production-reporting"],
            0.2,
            &["island"],
        ),
        // qms: only quality-inspection (alignment 0); qms->ncr-sheet is effectively semi
        (
            "qms",
            "application",
            &["quality-inspection"],
            0.0,
            &["unaligned", "island"],
        ),
        // ncr-sheet: on the reported path of quality-inspection 2
        (
            "ncr-sheet",
            "spreadsheet",
            &["quality-inspection"],
            0.0,
            &["unaligned", "shadow-it"],
        ),
        // legacy-pdm: touched by nothing (and no automated integration): unused, island
        ("legacy-pdm", "database", &[], 0.0, &["unused", "island"]),
    ];
    assert_eq!(r["systems"].as_array().unwrap().len(), 12);
    for (id, kind, workflows, contribution, flags) in cases {
        let s = by_id(&r, "systems", id);
        assert_eq!(s["kind"], kind, "kind of {id}");
        assert_strs(&s["workflows"], workflows);
        close(&s["strategic_contribution"], contribution);
        assert_flags(s, flags);
    }
    let warnings = strs(&r["warnings"]);
    assert!(
        warnings.iter().any(|w| w.contains("legacy-pdm")),
        "a warning names the untouched system legacy-pdm: {warnings:?}"
    );
}
