//! `gapgraph schema`: the JSON Schema (draft 2020-12) of the model file, generated from the
//! same field declarations the validator checks against ([`crate::model::schema`]), so an
//! editor's completion and checks cannot drift from `gapgraph validate`. What a schema
//! cannot say (references resolve, `from` differs from `to`, ids are unique, a strategy
//! weighs something) stays with `validate`.
//!
//! ```
//! let schema = gapgraph::json_schema::json_schema();
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(schema["properties"]["systems"]["additionalProperties"]["anyOf"][0]["$ref"], "#/$defs/system");
//! ```

use serde_json::{json, Map, Value};

use crate::model::schema::{Field, Kind, Range, Section, SECTIONS, TOP};

/// `^[A-Za-z0-9][A-Za-z0-9_.-]*$`: ids and references.
const IDENTIFIER: &str = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";

/// Sections whose entries may be written with no value (`crm:` means `{}`).
const MAY_BE_EMPTY: [&str; 3] = ["objective", "unit", "system"];

/// The schema as a JSON value.
pub fn json_schema() -> Value {
    let mut root = section(&TOP);
    let object = root.as_object_mut().expect("a section is an object");
    let mut head = Map::new();
    head.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    head.insert("$id".into(), json!("urn:gapgraph:model:v1"));
    head.insert("title".into(), json!("gapgraph model, version 1"));
    head.insert(
        "description".into(),
        json!("A gapgraph model: systems, integrations, workflows and the strategy that weighs them. `gapgraph validate` checks what a schema cannot (references, unique ids, from != to)."),
    );
    head.extend(std::mem::take(object));
    let defs: Map<String, Value> = SECTIONS
        .iter()
        .filter(|s| s.name != TOP.name)
        .map(|s| (s.name.to_string(), section(s)))
        .collect();
    head.insert("$defs".into(), Value::Object(defs));
    Value::Object(head)
}

/// The schema as the text `gapgraph schema` prints (pretty, a final newline).
pub fn json_schema_text() -> String {
    let mut text = crate::text::json_pretty(&json_schema());
    text.push('\n');
    text
}

fn section(section: &Section) -> Value {
    let properties: Map<String, Value> = section
        .fields
        .iter()
        .map(|f| (f.name.to_string(), field(f)))
        .collect();
    let required: Vec<&str> = section
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

fn field(field: &Field) -> Value {
    let mut schema = kind(field.kind, field.required);
    let description = if field.required || field.default.is_empty() {
        field.doc.to_string()
    } else {
        format!(
            "{} (default: {})",
            field.doc,
            field.default.replace('`', "")
        )
    };
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), json!(description));
    }
    schema
}

fn number(range: Range) -> Value {
    match range {
        Range::NonNegative | Range::Relative => json!({"type": "number", "minimum": 0}),
        Range::Positive => json!({"type": "number", "exclusiveMinimum": 0}),
        Range::UnitInterval => json!({"type": "number", "minimum": 0, "maximum": 1}),
        Range::Rating => json!({"type": "number", "minimum": 1, "maximum": 5}),
        Range::Years => json!({"type": "integer", "minimum": 1, "maximum": 30}),
        Range::Rate => json!({"type": "number", "minimum": 0, "exclusiveMaximum": 1}),
    }
}

fn reference(section: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{section}") })
}

fn kind(kind: Kind, required: bool) -> Value {
    match kind {
        Kind::Text => json!({"type": "string", "minLength": 1}),
        Kind::Identifier => json!({"type": "string", "pattern": IDENTIFIER}),
        Kind::Number(range) => number(range),
        Kind::OneOf(words) => json!({ "enum": words }),
        Kind::Reference(_) => json!({"type": "string", "pattern": IDENTIFIER}),
        Kind::DataObjects => json!({
            "type": "array",
            "minItems": 1,
            "items": {"type": "string", "minLength": 1}
        }),
        Kind::DataObject => json!({"type": "string", "minLength": 1, "not": {"const": "*"}}),
        Kind::ObjectiveShares(range) => json!({
            "type": "object",
            "propertyNames": {"pattern": IDENTIFIER},
            "additionalProperties": number(range)
        }),
        Kind::Map(section) => reference(section),
        Kind::IdMap(section) => {
            let entry = if MAY_BE_EMPTY.contains(&section) {
                json!({"anyOf": [reference(section), {"type": "null"}]})
            } else {
                reference(section)
            };
            json!({
                "type": "object",
                "propertyNames": {"pattern": IDENTIFIER},
                "additionalProperties": entry
            })
        }
        // A list a section requires must not be empty (a workflow's handoffs).
        Kind::List(section) if required => {
            json!({"type": "array", "minItems": 1, "items": reference(section)})
        }
        Kind::List(section) => json!({"type": "array", "items": reference(section)}),
        Kind::Version => json!({"const": 1}),
    }
}
