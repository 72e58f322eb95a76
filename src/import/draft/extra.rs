//! Fields a [`Draft`](super::Draft) has no typed place for, carried exactly as the source
//! gives them (an importer that reads gapgraph's own figures back, such as `import calm`):
//! a handoff's own `runs`, a `source` map, catalogued `fixes`, `currency`. Each is written
//! after the typed fields of its entry, as a JSON value (JSON is YAML flow syntax; strings
//! through `text::json_string`, so no text can break the line).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// Extra `(key, value)` fields by where they go.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extras {
    /// Top-level sections, written after everything else.
    pub top: Vec<(String, Value)>,
    /// By integration index.
    pub integrations: BTreeMap<usize, Vec<(String, Value)>>,
    /// By workflow index.
    pub workflows: BTreeMap<usize, Vec<(String, Value)>>,
    /// By (workflow index, handoff index).
    pub handoffs: BTreeMap<(usize, usize), Vec<(String, Value)>>,
}

/// Where one entry's extras go.
#[derive(Clone, Copy, Debug)]
pub(super) enum Slot {
    Integration(usize),
    Workflow(usize),
    Handoff(usize, usize),
}

impl Extras {
    fn of(&self, slot: Slot) -> &[(String, Value)] {
        let found = match slot {
            Slot::Integration(i) => self.integrations.get(&i),
            Slot::Workflow(w) => self.workflows.get(&w),
            Slot::Handoff(w, h) => self.handoffs.get(&(w, h)),
        };
        found.map_or(&[], Vec::as_slice)
    }

    /// Appends `key: value` items of a flow mapping.
    pub(super) fn flow_fields(&self, slot: Slot, fields: &mut Vec<String>) {
        for (key, value) in self.of(slot) {
            fields.push(format!("{}: {}", super::key(key), flow(value)));
        }
    }

    /// Writes block mapping lines at `indent`.
    pub(super) fn block_lines(&self, slot: Slot, indent: &str, y: &mut String) {
        for (key, value) in self.of(slot) {
            y.push_str(&format!("{indent}{}: {}\n", super::key(key), flow(value)));
        }
    }

    /// Writes the top-level sections.
    pub(super) fn top_lines(&self, y: &mut String) {
        for (key, value) in &self.top {
            y.push_str(&format!("{}: {}\n", super::key(key), flow(value)));
        }
    }

    /// Adds every extra to the JSON document `to_json` built (`ids`: the workflow ids).
    pub(super) fn apply_json(&self, root: &mut Map<String, Value>, ids: &[&str]) {
        for (i, fields) in &self.integrations {
            let at = root.get_mut("integrations").and_then(|v| v.get_mut(*i));
            extend(at, fields);
        }
        for (w, fields) in &self.workflows {
            let at = root
                .get_mut("workflows")
                .and_then(|v| v.get_mut(ids.get(*w).copied().unwrap_or_default()));
            extend(at, fields);
        }
        for ((w, h), fields) in &self.handoffs {
            let at = root
                .get_mut("workflows")
                .and_then(|v| v.get_mut(ids.get(*w).copied().unwrap_or_default()))
                .and_then(|v| v.get_mut("handoffs"))
                .and_then(|v| v.get_mut(*h));
            extend(at, fields);
        }
        root.extend(self.top.iter().cloned());
    }
}

fn extend(at: Option<&mut Value>, fields: &[(String, Value)]) {
    if let Some(Value::Object(m)) = at {
        m.extend(fields.iter().cloned());
    }
}

/// A JSON value on one line, strings escaped for YAML as well as JSON.
pub(super) fn flow(value: &Value) -> String {
    match value {
        Value::String(s) => super::quote(s),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", super::quote(k), flow(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_values_are_one_line_of_quoted_yaml_flow() {
        let value =
            serde_json::json!({"evidence": "a\nb: # \"c\"", "runs": {"count": 2, "per": "week"}});
        assert_eq!(
            flow(&value),
            r#"{"evidence": "a\nb: # \"c\"", "runs": {"count": 2, "per": "week"}}"#
        );
    }
}
