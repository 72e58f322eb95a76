//! A generated model of any size, for benchmarks and the large fixture.

use std::fmt::Write;

/// A model with `units` business units of 30 systems each: a hub per unit, chains of
/// integrations (some manual, some through spreadsheets), and workflows with gaps.
pub fn generated_model(units: usize) -> String {
    let mut s = String::new();
    writeln!(s, "objectives: {{growth: {{}}, cost: {{}}}}").unwrap();
    writeln!(s, "strategies: {{growth: {{weights: {{growth: 3, cost: 1}}}}, cost-down: {{weights: {{cost: 1}}}}}}").unwrap();
    writeln!(s, "units:").unwrap();
    for u in 0..units {
        writeln!(s, "  u{u}: {{hourly_cost: {}}}", 40 + u % 5 * 10).unwrap();
    }
    writeln!(s, "systems:").unwrap();
    for u in 0..units {
        for k in 0..30 {
            let kind = if k % 10 == 9 {
                "spreadsheet"
            } else {
                "application"
            };
            writeln!(s, "  s{u}-{k}: {{unit: u{u}, kind: {kind}}}").unwrap();
        }
    }
    writeln!(s, "integrations:").unwrap();
    for u in 0..units {
        for k in 1..30 {
            let mode = match k % 7 {
                0 => "manual",
                3 => "semi",
                _ => "automated",
            };
            writeln!(
                s,
                "  - {{from: s{u}-0, to: s{u}-{k}, carries: [d{}], mode: {mode}}}",
                k % 6
            )
            .unwrap();
            if k + 1 < 30 {
                writeln!(
                    s,
                    "  - {{from: s{u}-{k}, to: s{u}-{}, carries: ['*'], mode: {mode}}}",
                    k + 1
                )
                .unwrap();
            }
        }
        if u + 1 < units {
            writeln!(
                s,
                "  - {{from: s{u}-0, to: s{}-0, carries: [d1, d2]}}",
                u + 1
            )
            .unwrap();
        }
    }
    writeln!(s, "workflows:").unwrap();
    for u in 0..units {
        for w in 0..6 {
            writeln!(
                s,
                "  w{u}-{w}:\n    unit: u{u}\n    runs: {{count: {}, per: week}}",
                5 + w * 3
            )
            .unwrap();
            writeln!(s, "    serves: {{growth: 0.{w}, cost: 0.{}}}", 9 - w).unwrap();
            writeln!(s, "    handoffs:").unwrap();
            for h in 0..8 {
                let from = (w * 3 + h) % 30;
                let to = (w * 5 + h * 7 + 1) % 30;
                let to = if to == from { (to + 1) % 30 } else { to };
                let target = if h == 7 && u + 1 < units {
                    format!("s{}-{to}", u + 1)
                } else {
                    format!("s{u}-{to}")
                };
                writeln!(
                    s,
                    "      - {{from: s{u}-{from}, to: {target}, data: d{}}}",
                    h % 6
                )
                .unwrap();
            }
        }
    }
    s
}
