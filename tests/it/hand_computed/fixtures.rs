//! The fixtures as a whole: the empty model, every valid fixture validates, every invalid one
//! is rejected with a useful message.

use super::{analyze, close, count, gapgraph, null};

// ------------------------------------------------------------ empty-model.yaml

#[test]
fn empty_model() {
    let r = analyze("empty-model.yaml", None);
    null(&r["model"]);
    null(&r["strategy"]);
    assert_eq!(r["currency"], "USD");
    let s = &r["summary"];
    count(&s["workflows"], 0);
    count(&s["handoffs"], 0);
    null(&s["automation_rate"]);
    null(&s["strategic_automation"]);
    close(&s["annual_hours"], 0.0);
    close(&s["annual_cost"], 0.0);
    close(&s["strategic_value"], 0.0);
    assert_eq!(r["fixes"], serde_json::json!([]));
    assert_eq!(r["gaps"], serde_json::json!([]));
    assert!(!r["warnings"].as_array().unwrap().is_empty());
}

// ------------------------------------------------------- fixtures as a whole

#[test]
fn every_valid_fixture_validates() {
    let dir = format!("{}/fixtures/valid", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let out = gapgraph().arg("validate").arg(&path).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{} should be valid:\n{}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        n += 1;
    }
    assert!(n >= 10);
}

/// Each invalid fixture fails with exit 2, without a panic, and the message
/// names what is wrong (the offending text, and the suggestion where the spec
/// asks for one).
#[test]
fn every_invalid_fixture_is_rejected_with_a_useful_message() {
    let cases: &[(&str, &[&str])] = &[
        ("yaml-syntax.yaml", &[]),
        ("json-syntax.json", &[]),
        ("wrong-type.yaml", &["count"]),
        ("unknown-field.yaml", &["hadnoffs", "handoffs"]),
        (
            "unknown-top-level-field.yaml",
            &["integration", "integrations"],
        ),
        ("duplicate-key.yaml", &["crm"]),
        ("duplicate-key.json", &["crm"]),
        ("duplicate-integration-id.yaml", &["crm->erp"]),
        ("unknown-system.yaml", &["acounting", "accounting"]),
        ("unknown-unit.yaml", &["sale", "sales"]),
        (
            "unknown-objective.yaml",
            &["customer-grwoth", "customer-growth", "headcount"],
        ),
        ("unknown-strategy.yaml", &["grwoth", "growth"]),
        (
            "out-of-range.yaml",
            &["hourly_cost", "satisfaction", "customer-growth"],
        ),
        ("not-finite.yaml", &["hourly_cost", "count"]),
        ("empty-list.yaml", &["carries", "handoffs"]),
        ("from-equals-to.yaml", &["crm", "erp"]),
        ("unsupported-version.yaml", &["version"]),
        ("no-positive-weight.yaml", &["frozen"]),
        ("empty-file.yaml", &[]),
        ("handoff-data-star.yaml", &["data"]),
        (
            "many-errors.yaml",
            &[
                "version",
                "custmer-growth",
                "hourly_cost",
                "spreadshet",
                "colour",
                "carries",
                "slaes",
                "fortnight",
                "eprr",
            ],
        ),
    ];
    let dir = format!("{}/fixtures/invalid", env!("CARGO_MANIFEST_DIR"));
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(
        on_disk,
        cases.len(),
        "every invalid fixture has a case here"
    );
    for (file, needles) in cases {
        let out = gapgraph()
            .args(["validate", &format!("fixtures/invalid/{file}")])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            out.status.code(),
            Some(2),
            "{file} must be rejected:\n{text}"
        );
        assert!(!text.contains("panicked"), "{file} panicked:\n{text}");
        assert!(!text.trim().is_empty(), "{file}: no message");
        for needle in *needles {
            assert!(
                text.contains(needle),
                "{file}: message should mention `{needle}`:\n{text}"
            );
        }
    }
}
