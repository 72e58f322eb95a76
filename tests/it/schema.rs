//! `gapgraph schema`: every shipped valid fixture validates against the JSON Schema, and
//! models the validator rejects for what a schema can see are rejected by it too.

use std::fs;
use std::path::PathBuf;

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde_json::{Map, Value};

use crate::support;

/// YAML as the YAML language server reads it for validation: plain scalars typed by the
/// core schema, quoted ones strings, anchors resolved.
fn yaml_to_json(source: &str) -> Value {
    let events: Vec<Event> = Parser::new_from_str(source)
        .map(|e| e.expect("fixture parses").0)
        .filter(|e| {
            !matches!(
                e,
                Event::StreamStart
                    | Event::StreamEnd
                    | Event::DocumentStart(_)
                    | Event::DocumentEnd
                    | Event::Nothing
            )
        })
        .collect();
    let mut anchors = std::collections::HashMap::new();
    let mut at = 0;
    node(&events, &mut at, &mut anchors)
}

fn node(
    events: &[Event],
    at: &mut usize,
    anchors: &mut std::collections::HashMap<usize, Value>,
) -> Value {
    let event = &events[*at];
    *at += 1;
    let (value, anchor) = match event {
        Event::Alias(id) => return anchors[id].clone(),
        Event::Scalar(text, style, anchor, _) => (scalar(text, *style), *anchor),
        Event::SequenceStart(anchor, _) => {
            let mut items = Vec::new();
            while !matches!(events[*at], Event::SequenceEnd) {
                items.push(node(events, at, anchors));
            }
            *at += 1;
            (Value::Array(items), *anchor)
        }
        Event::MappingStart(anchor, _) => {
            let mut map = Map::new();
            while !matches!(events[*at], Event::MappingEnd) {
                let key = match node(events, at, anchors) {
                    Value::String(s) => s,
                    other => other.to_string(),
                };
                map.insert(key, node(events, at, anchors));
            }
            *at += 1;
            (Value::Object(map), *anchor)
        }
        other => panic!("unexpected {other:?}"),
    };
    if anchor > 0 {
        anchors.insert(anchor, value.clone());
    }
    value
}

fn scalar(text: &str, style: ScalarStyle) -> Value {
    if style != ScalarStyle::Plain {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => match gapgraph::model::parse_number(text) {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => Value::from(x as i64),
            Some(x) if x.is_finite() => Value::from(x),
            _ => Value::String(text.to_string()),
        },
    }
}

fn model(path: &PathBuf) -> Value {
    let text = fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|e| e == "json") {
        serde_json::from_str(&text).unwrap()
    } else {
        yaml_to_json(&text)
    }
}

fn validator() -> jsonschema::Validator {
    let schema = gapgraph::json_schema::json_schema();
    jsonschema::draft202012::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    jsonschema::draft202012::new(&schema).expect("the schema compiles")
}

#[test]
fn every_valid_fixture_matches_the_schema() {
    let validator = validator();
    let mut files: Vec<PathBuf> = fs::read_dir("fixtures/valid")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.push(PathBuf::from("tests/data/render.yaml"));
    files.sort();
    for file in files {
        let instance = model(&file);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
    let starter = yaml_to_json(gapgraph::import::STARTER_MODEL);
    assert!(validator.is_valid(&starter), "the starter model");
}

#[test]
fn what_the_schema_can_see_it_rejects() {
    let validator = validator();
    for (file, pointer) in [
        ("fixtures/invalid/unknown-field.yaml", ""),
        ("fixtures/invalid/unknown-top-level-field.yaml", ""),
        ("fixtures/invalid/out-of-range.yaml", ""),
        ("fixtures/invalid/empty-list.yaml", ""),
        ("fixtures/invalid/unsupported-version.yaml", "/version"),
        ("fixtures/invalid/handoff-data-star.yaml", ""),
        ("fixtures/invalid/wrong-type.yaml", ""),
    ] {
        let instance = model(&PathBuf::from(file));
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.instance_path().to_string())
            .collect();
        assert!(!errors.is_empty(), "{file} should not match the schema");
        assert!(
            errors.iter().any(|p| p.starts_with(pointer)),
            "{file}: {errors:?}"
        );
    }
    let typo: Value = serde_json::json!({
        "systems": {"crm": {"kind": "app"}},
        "workflows": {"w": {"runs": {"count": 0, "per": "month"}, "handoffs": []}}
    });
    let paths: Vec<String> = validator
        .iter_errors(&typo)
        .map(|e| e.instance_path().to_string())
        .collect();
    for expected in [
        "/systems/crm",
        "/workflows/w/runs/count",
        "/workflows/w/handoffs",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} in {paths:?}"
        );
    }
}

#[test]
fn gapgraph_schema_prints_the_schema() {
    let out = support::gapgraph().arg("schema").output().unwrap();
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, gapgraph::json_schema::json_schema());
}
