//! `import calm`: a FINOS CALM 1.2 architecture (JSON) as a gapgraph model
//! (docs/calm.md). Nodes become systems, `connects` and `interacts` relationships
//! integrations, flows workflows (a handoff per transition). What an export by gapgraph
//! put under `metadata.gapgraph` is taken back exactly; anything else CALM does not say
//! (what data moves, how often a flow runs) is a default marked `# assumed:`. Everything
//! else (deployed-in, composed-of, options, controls, interfaces, ADRs, timelines,
//! decorators) is counted as skipped.

mod elements;
mod flows;

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::draft::{Assumable, Draft};
use super::slug::Ids;
use super::{ImportSummary, Imported, DEFAULTS};

/// Why a CALM file could not be imported.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalmError {
    /// Not JSON.
    #[error("not JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's message.
        message: String,
    },
    /// JSON of the wrong shape.
    #[error("at `{path}`: {message}")]
    Shape {
        /// Where, as a JSON path (`nodes[2].unique-id`, 0-based positions).
        path: String,
        /// What is wrong.
        message: String,
    },
}

fn shape(path: impl Into<String>, message: impl Into<String>) -> CalmError {
    CalmError::Shape {
        path: path.into(),
        message: message.into(),
    }
}

/// The `gapgraph` entry of an element's `metadata` (an object, or an array of objects).
pub(crate) fn gapgraph_meta(element: &Value) -> Option<&serde_json::Map<String, Value>> {
    match element.get("metadata")? {
        Value::Object(m) => m.get("gapgraph")?.as_object(),
        Value::Array(items) => items
            .iter()
            .find_map(|i| i.get("gapgraph").and_then(Value::as_object)),
        _ => None,
    }
}

/// What the mapping steps share.
#[derive(Default)]
pub(crate) struct State {
    pub draft: Draft,
    pub ids: Ids,
    /// Node unique-id -> system index.
    pub node: HashMap<String, usize>,
    /// A system id as the gapgraph metadata names it -> system index.
    pub system_by_meta: HashMap<String, usize>,
    /// Relationship unique-id -> (from, to) system indexes and the data it is named for.
    pub relationship: HashMap<String, (usize, usize, String)>,
    pub skipped: BTreeMap<String, usize>,
    /// (from, to) system indexes some integration already joins.
    pub pairs: HashSet<(usize, usize)>,
    /// Workflow ids handed out.
    pub workflow_ids: Ids,
    pub notes: Vec<String>,
    /// Systems of kind `person`.
    pub people: usize,
    /// Objectives declared (from gapgraph metadata).
    pub objectives: usize,
}

impl State {
    pub fn skip(&mut self, reason: &str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
    }
}

/// Top-level keys CALM gives an architecture that the mapping reads.
const READ: [&str; 5] = ["$schema", "nodes", "relationships", "flows", "metadata"];

/// Imports a CALM 1.2 architecture; `json`: write the model as JSON instead of YAML.
pub fn calm(text: &str, json: bool) -> Result<Imported, CalmError> {
    let root: Value = serde_json::from_str(text).map_err(|e| CalmError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let Some(object) = root.as_object() else {
        return Err(shape("$", "a CALM architecture is a JSON object"));
    };
    if object
        .get("properties")
        .and_then(|p| p.get("nodes"))
        .is_some()
        && !object.contains_key("nodes")
    {
        return Err(shape(
            "$.properties.nodes",
            "this is a CALM pattern (a JSON Schema), not an architecture: generate an architecture from it first (`calm generate`)",
        ));
    }
    let mut state = State::default();
    let top = gapgraph_meta(&root);
    header(&mut state.draft, top);
    if let Some(top) = top {
        elements::model_level(top, &mut state);
    }
    for (key, value) in object {
        if !READ.contains(&key.as_str()) {
            state.skip(&format!("top-level `{key}`"));
        }
        if key == "metadata" && top.is_none() && !value.is_null() {
            state.skip("top-level metadata (not gapgraph's)");
        }
    }
    let nodes = array(&root, "nodes")?;
    for (i, node) in nodes.iter().enumerate() {
        elements::node(node, i, &mut state)?;
    }
    let relationships = array(&root, "relationships")?;
    for (i, r) in relationships.iter().enumerate() {
        elements::relationship(r, i, &mut state)?;
    }
    let flows = array(&root, "flows")?;
    for (i, f) in flows.iter().enumerate() {
        flows::flow(f, i, &mut state)?;
    }
    Ok(finish(state, json))
}

/// The list at `key` (none: empty).
fn array<'a>(root: &'a Value, key: &str) -> Result<&'a [Value], CalmError> {
    match root.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(shape(format!("$.{key}"), "expected an array")),
    }
}

fn header(draft: &mut Draft, top: Option<&serde_json::Map<String, Value>>) {
    draft.header = vec![
        "Imported by gapgraph from a FINOS CALM 1.2 architecture.".to_string(),
        "Values marked `# assumed:` are defaults the file does not give: check them.".to_string(),
    ];
    if top.is_none() {
        draft.defaults = DEFAULTS
            .iter()
            .map(|(k, v, why)| (*k, Assumable::assumed(*v, *why)))
            .collect();
    }
}

fn finish(state: State, json: bool) -> Imported {
    let draft = state.draft;
    let assumptions = draft.assumptions();
    let people = state.people;
    let summary = ImportSummary {
        format: "FINOS CALM 1.2".to_string(),
        lang: None,
        systems: draft.systems.len() - people,
        people,
        integrations: draft.integrations.len(),
        workflows: draft.workflows.len(),
        handoffs: draft.workflows.iter().map(|w| w.handoffs.len()).sum(),
        objectives: state.objectives,
        merged: BTreeMap::new(),
        skipped: state.skipped,
        assumed: assumptions.len(),
        assumptions: if json { assumptions } else { Vec::new() },
        notes: state.notes,
    };
    let text = if json {
        draft.to_json()
    } else {
        draft.to_yaml()
    };
    Imported { text, summary }
}

/// Whether `id` is a gapgraph identifier (`^[A-Za-z0-9][A-Za-z0-9_.-]*$`).
pub(crate) fn is_identifier(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// `key` of `object` as text, or an error naming `path.key`.
pub(crate) fn text_at<'a>(object: &'a Value, path: &str, key: &str) -> Result<&'a str, CalmError> {
    match object.get(key) {
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(shape(format!("{path}.{key}"), "expected a string")),
        None => Err(shape(format!("{path}.{key}"), "required, missing")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_kept_only_when_gapgraph_accepts_them() {
        assert!(is_identifier("calm-hub.api_2"));
        assert!(!is_identifier("-x") && !is_identifier("a->b") && !is_identifier(""));
    }

    #[test]
    fn gapgraph_metadata_is_found_in_an_object_or_an_array() {
        let object = serde_json::json!({"metadata": {"gapgraph": {"id": "a"}}});
        let array = serde_json::json!({"metadata": [{"other": 1}, {"gapgraph": {"id": "a"}}]});
        assert_eq!(gapgraph_meta(&object), gapgraph_meta(&array));
        assert!(gapgraph_meta(&object).is_some());
        assert!(gapgraph_meta(&serde_json::json!({"metadata": []})).is_none());
    }

    #[test]
    fn a_pattern_and_a_non_object_are_refused_with_where() {
        let pattern = r#"{"properties": {"nodes": {"prefixItems": []}}}"#;
        let Err(CalmError::Shape { path, .. }) = calm(pattern, false) else {
            panic!("a pattern was imported")
        };
        assert_eq!(path, "$.properties.nodes");
        assert!(matches!(calm("3", false), Err(CalmError::Shape { .. })));
        assert!(matches!(
            calm("{", false),
            Err(CalmError::Json { line: 1, .. })
        ));
    }
}
