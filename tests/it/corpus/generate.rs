//! The generated inputs of the corpus: too large to store, cheap to make.

use std::fmt::Write as _;

pub fn alias_bytes() -> String {
    let mut s = format!("name: &big {}\nsystems:\n", "x".repeat(1 << 20));
    for i in 0..100_000 {
        let _ = writeln!(s, "  s{i}: {{name: *big}}");
    }
    s
}

pub fn unknown_refs() -> String {
    let mut s = String::from("name: refs\nsystems:\n");
    for i in 0..1000 {
        let _ = writeln!(s, "  system-{i}: {{}}");
    }
    s.push_str("integrations:\n");
    for i in 0..8000 {
        let _ = writeln!(
            s,
            "  - {{from: ghost-{i}, to: system-{}, carries: [d]}}",
            i % 1000
        );
    }
    s
}

pub fn many_systems() -> String {
    let n = 40_000;
    let mut s = String::from("name: many\nsystems:\n");
    for i in 0..n {
        let _ = writeln!(s, "  s{i}: {{}}");
    }
    s.push_str("integrations:\n");
    for i in 1..n {
        let _ = writeln!(s, "  - {{from: s{}, to: s{i}, carries: [d]}}", i - 1);
    }
    s.push_str("workflows:\n  w:\n    runs: {count: 1, per: day}\n    handoffs:\n");
    for i in 0..100 {
        let _ = writeln!(
            s,
            "      - {{from: s{}, to: s{}, data: d}}",
            i * 7,
            i * 7 + 3
        );
    }
    s
}

pub fn one_line_errors() -> String {
    let systems: Vec<String> = (0..4000)
        .map(|i| format!("\"s{i}\":{{\"kind\":\"robot\"}}"))
        .collect();
    format!(
        "{{\"name\":\"one line\",\"systems\":{{{}}}}}",
        systems.join(",")
    )
}

pub fn long_name() -> String {
    let name = "N".repeat(16_400);
    format!(
        "name: {name}\nunits: {{u: {{name: {name}}}}}\nsystems: {{a: {{name: {name}, unit: u}}, b: {{}}}}\n\
         integrations: [{{from: a, to: b, carries: [{name}], mode: manual}}]\n\
         workflows:\n  w:\n    runs: {{count: 1, per: day}}\n    handoffs: [{{from: a, to: b, data: {name}}}]\n"
    )
}

pub fn deep_nesting() -> String {
    format!("name: deep\nx: {}{}\n", "[".repeat(1000), "]".repeat(1000))
}

pub fn deep_json() -> String {
    format!(
        "{{\"name\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    )
}

/// `n` systems in a ring of manual `*` integrations; one one-step workflow per hop.
pub fn ring(n: usize) -> String {
    let mut s = String::from("name: ring\nsystems:\n");
    for i in 0..n {
        let _ = writeln!(s, "  s{i}: {{}}");
    }
    s.push_str("integrations:\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "  - {{from: s{i}, to: s{}, carries: [\"*\"], mode: manual}}",
            (i + 1) % n
        );
    }
    s.push_str("workflows:\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "  w{i}:\n    runs: {{count: 1, per: day}}\n    handoffs: [{{from: s{i}, to: s{}, data: d}}]",
            (i + 1) % n
        );
    }
    s
}

/// A systems sheet whose first id is 1,100 characters long (valid; too long for a YAML
/// implicit key).
pub fn long_id_sheet() -> String {
    format!("id,name\n{},X\nerp,ERP\n", "a".repeat(1100))
}

/// An ArchiMate file where 30 components provide one interface and each has a flow into
/// it: a hub, not a mesh of 870 integrations.
pub fn interface_hub() -> String {
    let mut elements = String::from(
        "<element identifier=\"api\" xsi:type=\"ApplicationInterface\"><name>Shared API</name></element>\n",
    );
    let mut relationships = String::new();
    for i in 0..30 {
        let _ = writeln!(
            elements,
            "<element identifier=\"c{i}\" xsi:type=\"ApplicationComponent\"><name>App {i}</name></element>"
        );
        let _ = writeln!(
            relationships,
            "<relationship identifier=\"a{i}\" xsi:type=\"Assignment\" source=\"c{i}\" target=\"api\"/>\n<relationship identifier=\"f{i}\" xsi:type=\"Flow\" source=\"c{i}\" target=\"api\"><name>message</name></relationship>"
        );
    }
    format!(
        "<?xml version=\"1.0\"?>\n<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" identifier=\"m\"><name>hub</name>\n<elements>\n{elements}</elements>\n<relationships>\n{relationships}</relationships>\n</model>\n"
    )
}

/// Issue 23 row 5 (as `benches/support/shared_data_model.py` 1500): 1,500 one-handoff
/// workflows s_i -> s_i+1 all moving `d`, an integration on two pairs in five.
pub fn shared_data() -> String {
    let n = 1500;
    let mut out = vec![
        "version: 1".to_string(),
        "name: One shared data object".to_string(),
        "defaults: {hourly_cost: 55, integration_cost: 9000}".to_string(),
        "objectives:".to_string(),
        "  growth: {name: Growth}".to_string(),
        "  efficiency: {name: Efficiency}".to_string(),
        "strategies:".to_string(),
        "  main: {name: Main, weights: {growth: 3, efficiency: 1}}".to_string(),
        "systems:".to_string(),
    ];
    out.extend((0..=n).map(|i| format!("  s{i}: {{name: System {i}}}")));
    out.push("integrations:".to_string());
    let modes = ["manual", "semi", "automated"];
    for i in (0..n).filter(|i| i % 5 == 0 || i % 5 == 2) {
        out.push(format!(
            "  - {{from: s{i}, to: s{}, carries: [d], mode: {}}}",
            i + 1,
            modes[i % 3]
        ));
    }
    out.push("workflows:".to_string());
    for i in 0..n {
        out.push(format!("  w{i}:"));
        out.push(format!("    runs: {{count: {}, per: day}}", i % 7 + 1));
        let growth = (i % 4 + 1) as f64 / 4.0;
        let efficiency = (i % 3) as f64 / 2.0;
        out.push(format!(
            "    serves: {{growth: {growth:?}, efficiency: {efficiency:?}}}"
        ));
        out.push(format!(
            "    handoffs: [{{from: s{i}, to: s{}, data: d}}]",
            i + 1
        ));
    }
    out.join("\n") + "\n"
}
