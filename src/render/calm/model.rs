//! The model itself as CALM metadata: under `metadata.gapgraph`, each element's fields in
//! the model file's own names and units, so `import calm` rebuilds the model exactly
//! (docs/calm.md, "The round trip").

use serde_json::{json, Map, Value};

use crate::model::{
    CatalogFix, Handoff, Integration, Model, Runs, Source, Sources, System, Workflow,
};

/// A finite number as JSON (the model holds no other).
pub(super) fn num(n: f64) -> Value {
    serde_json::Number::from_f64(n + 0.0).map_or(Value::Null, Value::Number)
}

fn put_text(m: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(v) = value {
        m.insert(key.into(), json!(v));
    }
}

fn put_num(m: &mut Map<String, Value>, key: &str, value: Option<f64>) {
    if let Some(v) = value {
        m.insert(key.into(), num(v));
    }
}

/// The model-level part: name, currency, defaults, objectives, strategies, units.
pub(super) fn top(model: &Model) -> Value {
    let d = &model.defaults;
    let mut m = Map::new();
    m.insert("schema".into(), json!(super::SCHEMA));
    put_text(&mut m, "name", model.name.as_deref());
    m.insert("currency".into(), json!(model.currency));
    m.insert(
        "defaults".into(),
        json!({
            "hourly_cost": num(d.hourly_cost), "manual_minutes": num(d.manual_minutes),
            "semi_minutes": num(d.semi_minutes), "missing_minutes": num(d.missing_minutes),
            "integration_cost": num(d.integration_cost), "fte_hours": num(d.fte_hours),
            "run_cost": num(d.run_cost), "horizon_years": num(d.horizon_years),
            "discount_rate": num(d.discount_rate),
        }),
    );
    let objectives: Map<String, Value> = model
        .objectives
        .iter()
        .map(|o| {
            let mut e = Map::new();
            e.insert("name".into(), json!(o.name));
            put_text(&mut e, "description", o.description.as_deref());
            (o.id.clone(), Value::Object(e))
        })
        .collect();
    m.insert("objectives".into(), Value::Object(objectives));
    let strategies: Map<String, Value> = model
        .strategies
        .iter()
        .map(|s| {
            let mut e = Map::new();
            e.insert("name".into(), json!(s.name));
            put_text(&mut e, "description", s.description.as_deref());
            let weights: Map<String, Value> = s
                .weights
                .iter()
                .map(|(o, w)| (model.objective(*o).id.clone(), num(*w)))
                .collect();
            e.insert("weights".into(), Value::Object(weights));
            (s.id.clone(), Value::Object(e))
        })
        .collect();
    m.insert("strategies".into(), Value::Object(strategies));
    if let Some(s) = model.default_strategy {
        m.insert("strategy".into(), json!(model.strategy(s).id));
    }
    let units: Map<String, Value> = model
        .units
        .iter()
        .map(|u| {
            let mut e = Map::new();
            e.insert("name".into(), json!(u.name));
            put_text(&mut e, "owner", u.owner.as_deref());
            put_num(&mut e, "hourly_cost", u.hourly_cost);
            (u.id.clone(), Value::Object(e))
        })
        .collect();
    m.insert("units".into(), Value::Object(units));
    Value::Object(m)
}

/// A system's fields (its id is the node's `unique-id`, its name the node's `name`).
pub(super) fn system(model: &Model, s: &System) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(s.id));
    m.insert("kind".into(), json!(s.kind.as_str()));
    put_text(&mut m, "unit", s.unit.map(|u| model.unit(u).id.as_str()));
    put_text(&mut m, "owner", s.owner.as_deref());
    put_num(&mut m, "satisfaction", s.satisfaction);
    put_num(&mut m, "annual_cost", s.annual_cost);
    put_text(&mut m, "lifecycle", s.lifecycle);
    put_text(&mut m, "criticality", s.criticality);
    Value::Object(m)
}

/// The `source` map of an entry, or nothing when every figure is stated.
fn sources(s: &Sources, figures: &[&str]) -> Option<Value> {
    let mut m = Map::new();
    for figure in figures {
        let source = match *figure {
            "minutes" => s.minutes,
            "runs" => s.runs,
            "fix_cost" | "cost" => s.cost,
            _ => s.run_cost,
        };
        // `default` is what the loader says of a figure the model leaves out: not written.
        if matches!(source, Source::Imported | Source::Measured) {
            m.insert((*figure).into(), json!(source.as_str()));
        }
    }
    if let Some(e) = &s.evidence {
        m.insert("evidence".into(), json!(e));
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

fn put_sources(m: &mut Map<String, Value>, s: &Sources, figures: &[&str]) {
    if let Some(v) = sources(s, figures) {
        m.insert("source".into(), v);
    }
}

/// An integration's fields; `id` only when it is not the default `FROM->TO`.
pub(super) fn integration(model: &Model, g: &Integration) -> Value {
    let (from, to) = (&model.system(g.from).id, &model.system(g.to).id);
    let mut m = Map::new();
    m.insert("role".into(), json!("integration"));
    if g.id != format!("{from}->{to}") {
        m.insert("id".into(), json!(g.id));
    }
    m.insert("carries".into(), json!(&*g.carries));
    m.insert("mode".into(), json!(g.mode.as_str()));
    put_num(&mut m, "minutes", g.minutes);
    put_num(&mut m, "fix_cost", g.fix_cost);
    put_num(&mut m, "run_cost", g.run_cost);
    put_text(&mut m, "via", g.via.as_deref());
    put_text(&mut m, "name", g.name.as_deref());
    put_text(&mut m, "note", g.note.as_deref());
    put_sources(&mut m, &g.sources, &["minutes", "fix_cost", "run_cost"]);
    Value::Object(m)
}

/// A catalogued fix's fields.
pub(super) fn catalog_fix(model: &Model, f: &CatalogFix) -> Value {
    let (from, to) = (&model.system(f.from).id, &model.system(f.to).id);
    let mut m = Map::new();
    m.insert("role".into(), json!("catalog-fix"));
    if f.id != format!("{from}->{to}") {
        m.insert("id".into(), json!(f.id));
    }
    m.insert("cost".into(), num(f.cost));
    if let Some(c) = &f.carries {
        m.insert("carries".into(), json!(&**c));
    }
    put_num(&mut m, "run_cost", f.run_cost);
    put_text(&mut m, "name", f.name.as_deref());
    put_text(&mut m, "note", f.note.as_deref());
    put_sources(&mut m, &f.sources, &["cost", "run_cost"]);
    Value::Object(m)
}

fn runs(r: Runs) -> Value {
    json!({"count": num(r.count), "per": r.per.as_str()})
}

fn handoff(model: &Model, h: &Handoff) -> Value {
    let mut m = Map::new();
    m.insert("from".into(), json!(model.system(h.from).id));
    m.insert("to".into(), json!(model.system(h.to).id));
    m.insert("data".into(), json!(&*h.data));
    put_num(&mut m, "minutes", h.minutes);
    if let Some(r) = h.runs {
        m.insert("runs".into(), runs(r));
    }
    put_text(&mut m, "by", h.by.map(|u| model.unit(u).id.as_str()));
    put_text(&mut m, "note", h.note.as_deref());
    put_sources(&mut m, &h.sources, &["minutes", "runs"]);
    Value::Object(m)
}

/// A workflow's fields, its handoffs in order.
pub(super) fn workflow(model: &Model, w: &Workflow) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(w.id));
    put_text(&mut m, "unit", w.unit.map(|u| model.unit(u).id.as_str()));
    put_text(&mut m, "owner", w.owner.as_deref());
    m.insert(
        "runs".into(),
        runs(Runs {
            count: w.runs_count,
            per: w.runs_per,
        }),
    );
    let serves: Map<String, Value> = w
        .serves
        .iter()
        .map(|(o, v)| (model.objective(*o).id.clone(), num(*v)))
        .collect();
    m.insert("serves".into(), Value::Object(serves));
    put_sources(&mut m, &w.sources, &["runs"]);
    let handoffs: Vec<Value> = w.handoffs.iter().map(|h| handoff(model, h)).collect();
    m.insert("handoffs".into(), Value::Array(handoffs));
    Value::Object(m)
}
