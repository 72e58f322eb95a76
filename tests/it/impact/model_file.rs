//! The model as a file states it (JSON written from the loaded model, default ids left
//! out as a file leaves them), and the edits a person makes to that file for each change.

use gapgraph::decide::ModelChange;
use gapgraph::model::Model;
use serde_json::{json, Map, Value};

/// `model` as a model file would state it: every figure the analysis reads, every
/// integration and fix with its id.
pub(super) fn model_json(m: &Model) -> Value {
    let sys = |s: usize| m.systems[s].id.clone();
    let d = &m.defaults;
    let mut doc = json!({
        "currency": m.currency,
        "defaults": {
            "hourly_cost": d.hourly_cost, "manual_minutes": d.manual_minutes,
            "semi_minutes": d.semi_minutes, "missing_minutes": d.missing_minutes,
            "integration_cost": d.integration_cost, "fte_hours": d.fte_hours,
            "run_cost": d.run_cost, "horizon_years": d.horizon_years,
            "discount_rate": d.discount_rate,
        },
    });
    if let Some(name) = &m.name {
        doc["name"] = json!(name);
    }
    catalogue_json(m, &mut doc);
    let integrations: Vec<Value> = m
        .integrations
        .iter()
        .map(|i| {
            let mut x = json!({"from": sys(i.from.index()), "to": sys(i.to.index()),
                               "carries": &*i.carries, "mode": i.mode.as_str()});
            stated_id(&mut x, &i.id);
            optional(&mut x, "minutes", i.minutes);
            optional(&mut x, "fix_cost", i.fix_cost);
            optional(&mut x, "run_cost", i.run_cost);
            x
        })
        .collect();
    let fixes: Vec<Value> = m
        .fixes
        .iter()
        .map(|f| {
            let mut x =
                json!({"from": sys(f.from.index()), "to": sys(f.to.index()), "cost": f.cost});
            stated_id(&mut x, &f.id);
            if let Some(c) = &f.carries {
                x["carries"] = json!(&**c);
            }
            optional(&mut x, "run_cost", f.run_cost);
            x
        })
        .collect();
    doc["integrations"] = json!(integrations);
    doc["workflows"] = workflows_json(m);
    doc["fixes"] = json!(fixes);
    doc
}

/// The id, unless it is the default `FROM->TO` (which a file cannot state).
fn stated_id(x: &mut Value, id: &str) {
    if *id
        != format!(
            "{}->{}",
            x["from"].as_str().unwrap(),
            x["to"].as_str().unwrap()
        )
    {
        x["id"] = json!(id);
    }
}

/// Gives an explicit id to each of `list`'s entries without one whose `FROM->TO` another
/// such entry shares (two default ids would clash).
fn name_clashes(list: &mut [Value], prefix: &str) {
    let pair = |v: &Value| (v["from"].to_string(), v["to"].to_string());
    let unnamed: Vec<(String, String)> = list
        .iter()
        .filter(|v| v.get("id").is_none())
        .map(pair)
        .collect();
    for (k, v) in list.iter_mut().enumerate() {
        if v.get("id").is_none() && unnamed.iter().filter(|p| **p == pair(v)).count() > 1 {
            v["id"] = json!(format!("{prefix}{k}"));
        }
    }
}

fn optional(x: &mut Value, key: &str, v: Option<f64>) {
    if let Some(v) = v {
        x[key] = json!(v);
    }
}

fn workflows_json(m: &Model) -> Value {
    let sys = |s: usize| m.systems[s].id.clone();
    let mut workflows = Map::new();
    for w in &m.workflows {
        let handoffs: Vec<Value> = w
            .handoffs
            .iter()
            .map(|h| {
                let mut x =
                    json!({"from": sys(h.from.index()), "to": sys(h.to.index()), "data": &*h.data});
                optional(&mut x, "minutes", h.minutes);
                if let Some(r) = &h.runs {
                    x["runs"] = json!({"count": r.count, "per": r.per.as_str()});
                }
                if let Some(u) = h.by {
                    x["by"] = json!(m.unit(u).id);
                }
                x
            })
            .collect();
        let serves: Map<String, Value> = w
            .serves
            .iter()
            .map(|(o, s)| (m.objective(*o).id.clone(), json!(s)))
            .collect();
        let mut x = json!({"runs": {"count": w.runs_count, "per": w.runs_per.as_str()},
                           "serves": serves, "handoffs": handoffs});
        if let Some(u) = w.unit {
            x["unit"] = json!(m.unit(u).id);
        }
        workflows.insert(w.id.clone(), x);
    }
    Value::Object(workflows)
}

/// What a person does to the file for `change` (ids as the file states them).
pub(super) fn hand_edit(doc: &Value, change: &Edit) -> Value {
    let mut doc = doc.clone();
    let ends = |x: &Value| {
        (
            x["from"].as_str().unwrap().to_string(),
            x["to"].as_str().unwrap().to_string(),
        )
    };
    let list = |doc: &mut Value, key: &str| std::mem::take(doc[key].as_array_mut().unwrap());
    match change {
        Edit::RemoveSystem(x) => {
            let kept: Vec<Value> = list(&mut doc, "integrations")
                .into_iter()
                .filter(|i| {
                    let (from, to) = ends(i);
                    from != *x && to != *x
                })
                .collect();
            doc["integrations"] = json!(kept);
        }
        Edit::RemoveIntegration(id) => {
            let kept: Vec<Value> = list(&mut doc, "integrations")
                .into_iter()
                .filter(|i| {
                    let (from, to) = ends(i);
                    i.get("id")
                        .map_or(format!("{from}->{to}") != *id, |x| x != id)
                })
                .collect();
            doc["integrations"] = json!(kept);
        }
        Edit::Replace(x, y) => {
            let repoint = |v: &mut Value| {
                for end in ["from", "to"] {
                    if v[end] == json!(x) {
                        v[end] = json!(y);
                    }
                }
                v["from"] != v["to"]
            };
            for key in ["integrations", "fixes"] {
                let mut kept: Vec<Value> = list(&mut doc, key)
                    .into_iter()
                    .filter_map(|mut v| repoint(&mut v).then_some(v))
                    .collect();
                name_clashes(&mut kept, &format!("moved-{key}-"));
                doc[key] = json!(kept);
            }
            let workflows = doc["workflows"].as_object_mut().unwrap();
            for w in workflows.values_mut() {
                let kept: Vec<Value> = std::mem::take(w["handoffs"].as_array_mut().unwrap())
                    .into_iter()
                    .filter_map(|mut h| repoint(&mut h).then_some(h))
                    .collect();
                w["handoffs"] = json!(kept);
            }
            workflows.retain(|_, w| !w["handoffs"].as_array().unwrap().is_empty());
        }
    }
    doc
}

#[derive(Clone, Debug)]
pub(super) enum Edit {
    RemoveSystem(String),
    RemoveIntegration(String),
    Replace(String, String),
}

impl Edit {
    pub(super) fn args(&self) -> Vec<String> {
        match self {
            Edit::RemoveSystem(x) => vec!["--remove-system".into(), x.clone()],
            Edit::RemoveIntegration(i) => vec!["--remove-integration".into(), i.clone()],
            Edit::Replace(x, y) => vec![
                "--replace-system".into(),
                x.clone(),
                "--with".into(),
                y.clone(),
            ],
        }
    }

    pub(super) fn change(&self, m: &Model) -> ModelChange {
        let system = |id: &str| m.system_index(id).unwrap();
        match self {
            Edit::RemoveSystem(x) => ModelChange::RemoveSystem(system(x)),
            Edit::RemoveIntegration(i) => {
                ModelChange::RemoveIntegration(m.integration_index(i).unwrap())
            }
            Edit::Replace(x, y) => ModelChange::ReplaceSystem {
                from: system(x),
                with: system(y),
            },
        }
    }
}

/// Some changes worth trying on `m`: the ends of its first integrations removed, one
/// integration removed, the first integration's source replaced by its target (self-loops
/// dropped) and the reverse.
pub(super) fn edits(m: &Model) -> Vec<Edit> {
    let mut edits = Vec::new();
    for i in m.integrations.iter().take(3) {
        edits.push(Edit::RemoveSystem(m.system(i.from).id.clone()));
    }
    if let Some(i) = m.integrations.get(m.integrations.len() / 2) {
        edits.push(Edit::RemoveIntegration(i.id.clone()));
    }
    if let Some(i) = m.integrations.first() {
        let (a, b) = (m.system(i.from).id.clone(), m.system(i.to).id.clone());
        edits.push(Edit::Replace(a.clone(), b.clone()));
        edits.push(Edit::Replace(b, a));
    }
    edits
}

/// Objectives, strategies, units and systems into `doc`.
fn catalogue_json(m: &Model, doc: &mut Value) {
    let mut objectives = Map::new();
    for o in &m.objectives {
        objectives.insert(o.id.clone(), json!({"name": o.name}));
    }
    let mut strategies = Map::new();
    for s in &m.strategies {
        let weights: Map<String, Value> = s
            .weights
            .iter()
            .map(|(o, w)| (m.objective(*o).id.clone(), json!(w)))
            .collect();
        strategies.insert(s.id.clone(), json!({ "weights": weights }));
    }
    let mut units = Map::new();
    for u in &m.units {
        let mut unit = json!({});
        if let Some(h) = u.hourly_cost {
            unit["hourly_cost"] = json!(h);
        }
        units.insert(u.id.clone(), unit);
    }
    let mut systems = Map::new();
    for s in &m.systems {
        let mut system = json!({"kind": s.kind.as_str()});
        if let Some(u) = s.unit {
            system["unit"] = json!(m.unit(u).id);
        }
        systems.insert(s.id.clone(), system);
    }
    doc["objectives"] = Value::Object(objectives);
    doc["strategies"] = Value::Object(strategies);
    if let Some(s) = m.default_strategy {
        doc["strategy"] = json!(m.strategy(s).id);
    }
    doc["units"] = Value::Object(units);
    doc["systems"] = Value::Object(systems);
}
