//! The JSON writer of a [`Draft`]: the same model as the YAML, without comments (JSON has
//! none; the import summary lists the assumptions instead).

use serde_json::{json, Map, Value};

use super::{Draft, DraftIntegration, DraftSystem, DraftUnit, DraftWorkflow};

impl Draft {
    /// The model as JSON (pretty, two-space indent, a final newline).
    pub fn to_json(&self) -> String {
        let mut root = Map::new();
        root.insert("version".into(), json!(1));
        if let Some(name) = &self.name {
            root.insert("name".into(), json!(name));
        }
        if !self.defaults.is_empty() {
            let d: Map<String, Value> = self
                .defaults
                .iter()
                .map(|(k, v)| (k.to_string(), json_number(v.value)))
                .collect();
            root.insert("defaults".into(), Value::Object(d));
        }
        if !self.objectives.is_empty() {
            let o: Map<String, Value> = self
                .objectives
                .iter()
                .map(|(id, name)| (id.clone(), json!({ "name": name })))
                .collect();
            root.insert("objectives".into(), Value::Object(o));
        }
        if !self.strategies.is_empty() {
            let s: Map<String, Value> = self
                .strategies
                .iter()
                .map(|(id, name, w)| {
                    let weights = numbers_object(&w.value);
                    (id.clone(), json!({ "name": name, "weights": weights }))
                })
                .collect();
            root.insert("strategies".into(), Value::Object(s));
        }
        if !self.units.is_empty() {
            let units: Map<String, Value> = self
                .units
                .iter()
                .map(|u| (u.id.clone(), unit_json(u)))
                .collect();
            root.insert("units".into(), Value::Object(units));
        }
        if !self.systems.is_empty() {
            let systems: Map<String, Value> = self
                .systems
                .iter()
                .map(|s| (s.id.clone(), system_json(s)))
                .collect();
            root.insert("systems".into(), Value::Object(systems));
        }
        if !self.integrations.is_empty() {
            let list = self.integrations.iter().map(integration_json).collect();
            root.insert("integrations".into(), Value::Array(list));
        }
        if !self.workflows.is_empty() {
            let w: Map<String, Value> = self
                .workflows
                .iter()
                .map(|w| (w.id.clone(), workflow_json(w)))
                .collect();
            root.insert("workflows".into(), Value::Object(w));
        }
        self.detail.extend_json(&mut root);
        let ids: Vec<&str> = self.workflows.iter().map(|w| w.id.as_str()).collect();
        self.extra.apply_json(&mut root, &ids);
        let mut text = crate::text::json_pretty(&Value::Object(root));
        text.push('\n');
        text
    }
}

fn unit_json(u: &DraftUnit) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(u.name));
    if let Some(owner) = &u.owner {
        m.insert("owner".into(), json!(owner));
    }
    if let Some(cost) = u.hourly_cost {
        m.insert("hourly_cost".into(), json_number(cost));
    }
    Value::Object(m)
}

fn system_json(s: &DraftSystem) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(s.name));
    if let Some(kind) = &s.kind {
        m.insert("kind".into(), json!(kind.value));
    }
    if let Some(owner) = &s.owner {
        m.insert("owner".into(), json!(owner));
    }
    if let Some(unit) = &s.unit {
        m.insert("unit".into(), json!(unit));
    }
    if let Some(cost) = s.annual_cost {
        m.insert("annual_cost".into(), json_number(cost));
    }
    if let Some(rating) = s.satisfaction {
        m.insert("satisfaction".into(), json_number(rating));
    }
    if let Some(lifecycle) = s.lifecycle {
        m.insert("lifecycle".into(), json!(lifecycle));
    }
    if let Some((level, _)) = &s.criticality {
        m.insert("criticality".into(), json!(level));
    }
    Value::Object(m)
}

fn integration_json(g: &DraftIntegration) -> Value {
    let mut m = Map::new();
    if let Some(id) = &g.id {
        m.insert("id".into(), json!(id));
    }
    m.insert("from".into(), json!(g.from));
    m.insert("to".into(), json!(g.to));
    m.insert("carries".into(), json!(g.carries.value));
    if let Some(mode) = g.mode {
        m.insert("mode".into(), json!(mode));
    }
    if let Some(minutes) = g.minutes {
        m.insert("minutes".into(), json_number(minutes));
    }
    if let Some(via) = &g.via {
        m.insert("via".into(), json!(via));
    }
    if let Some(name) = &g.name {
        m.insert("name".into(), json!(name));
    }
    if let Some(cost) = g.fix_cost {
        m.insert("fix_cost".into(), json_number(cost));
    }
    if let Some(cost) = g.run_cost {
        m.insert("run_cost".into(), json_number(cost));
    }
    if let Some(note) = &g.note {
        m.insert("note".into(), json!(note));
    }
    Value::Object(m)
}

fn workflow_json(w: &DraftWorkflow) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), json!(w.name));
    if let Some(unit) = &w.unit {
        m.insert("unit".into(), json!(unit));
    }
    if let Some(owner) = &w.owner {
        m.insert("owner".into(), json!(owner));
    }
    m.insert(
        "runs".into(),
        json!({ "count": json_number(w.runs.value.count), "per": w.runs.value.per }),
    );
    if !w.serves.value.is_empty() {
        m.insert("serves".into(), numbers_object(&w.serves.value));
    }
    if w.runs.assumed.is_some() {
        m.insert("source".into(), json!({"runs": "imported"}));
    }
    let handoffs = w
        .handoffs
        .iter()
        .map(|h| {
            let mut o = Map::new();
            o.insert("from".into(), json!(h.from));
            o.insert("to".into(), json!(h.to));
            o.insert("data".into(), json!(h.data.value));
            if let Some(minutes) = h.minutes {
                o.insert("minutes".into(), json_number(minutes));
            }
            if let Some(by) = &h.by {
                o.insert("by".into(), json!(by));
            }
            if let Some(note) = &h.note {
                o.insert("note".into(), json!(note));
            }
            Value::Object(o)
        })
        .collect();
    m.insert("handoffs".into(), Value::Array(handoffs));
    Value::Object(m)
}

fn numbers_object(pairs: &[(String, f64)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), json_number(*v)))
            .collect(),
    )
}

/// Whole numbers as integers, so `50` is not written `50.0`.
pub(super) fn json_number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}
