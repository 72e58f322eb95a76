//! `export calm`: the model and its analysis as a FINOS CALM 1.2 architecture
//! (docs/calm.md). Systems are nodes, integrations `connects` relationships, workflows
//! flows whose transitions name a relationship per handoff. The model's own fields travel
//! under `metadata.gapgraph` (what `import calm` reads back, exactly); the analysis's
//! figures under `metadata.gapgraph-analysis` (the JSON report's, split onto the elements
//! they are about), so a CALM tool shows gaps, hours, costs and fixes where they belong.

mod model;

use std::collections::{HashMap, HashSet};
use std::io::Write;

use serde_json::{json, Map, Value};

use super::json::Json;
use super::{Render, RenderError};
use crate::analysis::{path_ids, rules};
use crate::model::{Model, SystemIx, SystemKind};
use crate::view::Report;

/// The version of the `metadata.gapgraph` layout.
pub const SCHEMA: &str = "gapgraph.calm/v1";

/// The CALM meta schema an export declares.
pub const CALM_SCHEMA: &str = "https://calm.finos.org/release/1.2/meta/calm.json";

/// The CALM writer.
pub struct Calm;

/// The CALM `node-type` of a system kind (docs/calm.md, "Systems").
pub fn node_type(kind: SystemKind) -> &'static str {
    match kind {
        SystemKind::Application | SystemKind::Platform | SystemKind::Email => "system",
        SystemKind::Saas => "service",
        SystemKind::Database => "database",
        SystemKind::Spreadsheet | SystemKind::Paper => "data-asset",
        SystemKind::Person => "actor",
    }
}

/// The `protocol` values CALM 1.2 allows; an integration's `via` is one only when it is
/// exactly one of these.
const PROTOCOLS: [&str; 12] = [
    "HTTP",
    "HTTPS",
    "FTP",
    "SFTP",
    "JDBC",
    "WebSocket",
    "SocketIO",
    "LDAP",
    "AMQP",
    "TLS",
    "mTLS",
    "TCP",
];

impl Render<Report<'_>> for Calm {
    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        let doc = document(report)?;
        crate::text::write_json_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        Ok(())
    }
}

/// The report's JSON form, as a value to take the figures from.
fn analysis_json(report: &Report) -> Result<Value, RenderError> {
    let mut bytes = Vec::new();
    Json { top: None }.render(report, &mut bytes)?;
    serde_json::from_slice(&bytes).map_err(|e| RenderError::Io(std::io::Error::other(e)))
}

/// Hands out `unique-id`s, unique in the document: the id itself, else `id#2`, `id#3`, ...
#[derive(Default)]
struct UniqueIds(HashSet<String>);

impl UniqueIds {
    fn take(&mut self, id: &str) -> String {
        if self.0.insert(id.to_string()) {
            return id.to_string();
        }
        // At most one more than the ids taken so far is ever needed.
        (2..=self.0.len() + 1)
            .map(|n| format!("{id}#{n}"))
            .find(|c| self.0.insert(c.clone()))
            .unwrap_or_default()
    }
}

fn meta(model: Value, analysis: Value) -> Value {
    json!({ "gapgraph": model, "gapgraph-analysis": analysis })
}

fn connects(from: &str, to: &str) -> Value {
    json!({ "connects": { "source": { "node": from }, "destination": { "node": to } } })
}

/// The whole document.
fn document(report: &Report) -> Result<Value, RenderError> {
    let model = report.model;
    let rep = analysis_json(report)?;
    let mut ids = UniqueIds::default();
    let mut nodes = Vec::new();
    for (i, s) in model.systems.iter().enumerate() {
        let mut node = Map::new();
        node.insert("unique-id".into(), json!(ids.take(&s.id)));
        node.insert("node-type".into(), json!(node_type(s.kind)));
        node.insert("name".into(), json!(s.name));
        let unit = s.unit.map(|u| format!(", unit {}", model.unit(u).name));
        let description = format!(
            "{} ({}{})",
            s.name,
            s.kind.as_str(),
            unit.unwrap_or_default()
        );
        node.insert("description".into(), json!(description));
        let figures = rep["systems"].get(i).cloned().unwrap_or(Value::Null);
        node.insert("metadata".into(), meta(model::system(model, s), figures));
        nodes.push(Value::Object(node));
    }
    let node_id: Vec<String> = nodes
        .iter()
        .map(|n| n["unique-id"].as_str().unwrap_or_default().to_string())
        .collect();
    let mut relationships = Vec::new();
    let look = Lookup::new(model, &rep);
    let integration_uid = integrations(report, &look, &node_id, &mut ids, &mut relationships);
    catalog_fixes(model, &look, &node_id, &mut ids, &mut relationships);
    let links = handoff_links(report, &look, &node_id, &mut ids, &mut relationships);
    proposed_fixes(&rep, model, &node_id, &mut ids, &mut relationships);
    let flows = flows(report, &rep, &look, &integration_uid, &links, &mut ids);

    let mut doc = Map::new();
    doc.insert("$schema".into(), json!(CALM_SCHEMA));
    doc.insert("nodes".into(), Value::Array(nodes));
    doc.insert("relationships".into(), Value::Array(relationships));
    doc.insert("flows".into(), Value::Array(flows));
    let mut figures = Map::new();
    for key in [
        "schema",
        "strategy",
        "currency",
        "summary",
        "assumptions",
        "units",
        "fixes",
        "warnings",
    ] {
        figures.insert(key.into(), rep[key].clone());
    }
    doc.insert(
        "metadata".into(),
        meta(model::top(model), Value::Object(figures)),
    );
    Ok(Value::Object(doc))
}

/// The report's figures and the model's integrations by what the elements look them up
/// by, built once: every lookup is constant time, so the export is linear in the model.
struct Lookup {
    /// (action, id) -> the report's fixes.
    fixes: HashMap<(String, String), Vec<Value>>,
    /// Workflow id -> the report's gaps.
    gaps: HashMap<String, Vec<Value>>,
    /// (from, to) -> integrations, in model order.
    pairs: HashMap<(SystemIx, SystemIx), Vec<usize>>,
}

impl Lookup {
    fn new(model: &Model, rep: &Value) -> Self {
        let items = |key: &str| rep[key].as_array().cloned().unwrap_or_default();
        let text = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
        let mut fixes: HashMap<(String, String), Vec<Value>> = HashMap::new();
        for f in items("fixes") {
            fixes
                .entry((text(&f, "action"), text(&f, "id")))
                .or_default()
                .push(f);
        }
        let mut gaps: HashMap<String, Vec<Value>> = HashMap::new();
        for g in items("gaps") {
            gaps.entry(text(&g, "workflow")).or_default().push(g);
        }
        let mut pairs: HashMap<(SystemIx, SystemIx), Vec<usize>> = HashMap::new();
        for (i, g) in model.integrations.iter().enumerate() {
            pairs.entry((g.from, g.to)).or_default().push(i);
        }
        Lookup { fixes, gaps, pairs }
    }

    /// The report's fixes with this action and id.
    fn fixes_of(&self, action: &str, id: &str) -> Vec<Value> {
        let key = (action.to_string(), id.to_string());
        self.fixes.get(&key).cloned().unwrap_or_default()
    }

    /// The integration a handoff's transition names: the first from its `from` to its
    /// `to` that carries its data.
    fn direct(&self, model: &Model, from: SystemIx, to: SystemIx, data: &str) -> Option<usize> {
        let candidates = self.pairs.get(&(from, to))?;
        candidates
            .iter()
            .copied()
            .find(|&g| model.integrations[g].carries.carries(data))
    }
}

/// One `connects` relationship per integration; returns their unique-ids.
fn integrations(
    report: &Report,
    look: &Lookup,
    node_id: &[String],
    ids: &mut UniqueIds,
    out: &mut Vec<Value>,
) -> Vec<String> {
    let model = report.model;
    let mut uids = Vec::new();
    for g in &model.integrations {
        let uid = ids.take(&g.id);
        let (from, to) = (&model.system(g.from), &model.system(g.to));
        let label = g.name.clone().unwrap_or_else(|| g.carries.0.join(", "));
        let effective = rules::effective_mode(model, g.mode, g.from, g.to);
        let minutes = rules::hop_minutes(model, g.mode, g.from, g.to, g.minutes);
        let figures = json!({
            "effective_mode": effective.as_str(),
            "minutes": model::num(minutes),
            "fixes": look.fixes_of("automate", &g.id),
        });
        let mut r = Map::new();
        r.insert("unique-id".into(), json!(uid));
        let description = format!(
            "{} -> {}: {label} ({})",
            from.name,
            to.name,
            effective.as_str()
        );
        r.insert("description".into(), json!(description));
        r.insert(
            "relationship-type".into(),
            connects(&node_id[g.from.index()], &node_id[g.to.index()]),
        );
        if let Some(p) = g.via.as_deref().filter(|v| PROTOCOLS.contains(v)) {
            r.insert("protocol".into(), json!(p));
        }
        r.insert(
            "metadata".into(),
            meta(model::integration(model, g), figures),
        );
        out.push(Value::Object(r));
        uids.push(uid);
    }
    uids
}

/// One `connects` relationship per catalogued fix (a planned integration).
fn catalog_fixes(
    model: &Model,
    look: &Lookup,
    node_id: &[String],
    ids: &mut UniqueIds,
    out: &mut Vec<Value>,
) {
    for f in &model.fixes {
        let name = f.name.clone().unwrap_or_else(|| f.id.clone());
        let r = json!({
            "unique-id": ids.take(&format!("fix:{}", f.id)),
            "description": format!("planned fix: {name}"),
            "relationship-type": connects(&node_id[f.from.index()], &node_id[f.to.index()]),
            "metadata": meta(model::catalog_fix(model, f), json!({"fixes": look.fixes_of("catalog", &f.id)})),
        });
        out.push(r);
    }
}

/// One `connects` relationship per fix that builds a new integration (`connect`): what the
/// analysis proposes, not part of the model.
fn proposed_fixes(
    rep: &Value,
    model: &Model,
    node_id: &[String],
    ids: &mut UniqueIds,
    out: &mut Vec<Value>,
) {
    let index: HashMap<&str, usize> = model
        .systems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for f in rep["fixes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["action"] == "connect")
    {
        let end = |k: &str| {
            f[k].as_str()
                .and_then(|id| index.get(id))
                .map(|&i| node_id[i].clone())
        };
        let (Some(from), Some(to)) = (end("from"), end("to")) else {
            continue;
        };
        let id = f["id"].as_str().unwrap_or_default();
        out.push(json!({
            "unique-id": ids.take(&format!("proposed:{id}")),
            "description": format!("proposed fix (rank {}): connect {id}", f["rank"]),
            "relationship-type": connects(&from, &to),
            "metadata": meta(json!({"role": "proposed-fix"}), json!({"fixes": [f]})),
        }));
    }
}

/// For handoffs no single integration serves, one relationship per (from, to) pair so the
/// flow's transition has something to name; returns pair -> unique-id.
fn handoff_links(
    report: &Report,
    look: &Lookup,
    node_id: &[String],
    ids: &mut UniqueIds,
    out: &mut Vec<Value>,
) -> HashMap<(SystemIx, SystemIx), String> {
    let model = report.model;
    let mut order: Vec<(SystemIx, SystemIx)> = Vec::new();
    let mut served: HashMap<(SystemIx, SystemIx), Vec<Value>> = HashMap::new();
    for h in &report.analysis.handoffs {
        if look.direct(model, h.from, h.to, h.data(model)).is_some() {
            continue;
        }
        let pair = (h.from, h.to);
        let entry = served.entry(pair).or_default();
        if entry.is_empty() {
            order.push(pair);
        }
        entry.push(json!({
            "workflow": model.workflow(h.workflow).id, "step": h.step, "data": h.data(model),
            "status": h.status.as_str(), "minutes": model::num(h.minutes),
            "path": path_ids(model, &h.path), "annual_hours": model::num(h.annual_hours),
            "annual_cost": model::num(h.annual_cost),
        }));
    }
    let mut links = HashMap::new();
    for pair in order {
        let handoffs = served.remove(&pair).unwrap_or_default();
        let missing = handoffs.iter().any(|h| h["status"] == "missing");
        let (from, to) = (&model.system(pair.0), &model.system(pair.1));
        let uid = ids.take(&format!("handoff:{}->{}", from.id, to.id));
        let what = if missing {
            "no integration path"
        } else {
            "no direct integration"
        };
        out.push(json!({
            "unique-id": uid,
            "description": format!("handoff {} -> {}: {what}", from.name, to.name),
            "relationship-type": connects(&node_id[pair.0.index()], &node_id[pair.1.index()]),
            "metadata": meta(json!({"role": "handoff", "missing": missing}), json!({"handoffs": handoffs})),
        }));
        links.insert(pair, uid);
    }
    links
}

/// One flow per workflow, a transition per handoff in step order.
fn flows(
    report: &Report,
    rep: &Value,
    look: &Lookup,
    integration_uid: &[String],
    links: &HashMap<(SystemIx, SystemIx), String>,
    ids: &mut UniqueIds,
) -> Vec<Value> {
    let model = report.model;
    let results: HashMap<(usize, usize), &crate::analysis::HandoffResult> = report
        .analysis
        .handoffs
        .iter()
        .map(|h| ((h.workflow.index(), h.step), h))
        .collect();
    let mut flows = Vec::new();
    for (wi, w) in model.workflows.iter().enumerate() {
        let mut transitions = Vec::new();
        for (i, h) in w.handoffs.iter().enumerate() {
            let status = results.get(&(wi, i + 1)).map_or("", |r| r.status.as_str());
            let uid = match look.direct(model, h.from, h.to, &h.data) {
                Some(g) => integration_uid[g].clone(),
                None => links.get(&(h.from, h.to)).cloned().unwrap_or_default(),
            };
            let (from, to) = (&model.system(h.from).name, &model.system(h.to).name);
            transitions.push(json!({
                "relationship-unique-id": uid,
                "sequence-number": i + 1,
                "description": format!("{}: {from} -> {to} ({status})", h.data),
                "direction": "source-to-destination",
            }));
        }
        let gaps = look.gaps.get(&w.id).cloned().unwrap_or_default();
        let measures = rep["workflows"].get(wi).cloned().unwrap_or(Value::Null);
        let description = format!(
            "{}: {} handoffs, {} gaps",
            w.name,
            w.handoffs.len(),
            gaps.len()
        );
        flows.push(json!({
            "unique-id": ids.take(&w.id),
            "name": w.name,
            "description": description,
            "transitions": transitions,
            "metadata": meta(model::workflow(model, w), json!({"measures": measures, "gaps": gaps})),
        }));
    }
    flows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_calm_node_type() {
        let types: Vec<&str> = SystemKind::ALL.iter().map(|k| node_type(*k)).collect();
        assert_eq!(
            types,
            [
                "system",
                "service",
                "database",
                "system",
                "data-asset",
                "system",
                "data-asset",
                "actor"
            ]
        );
    }

    #[test]
    fn unique_ids_get_a_suffix_once_taken() {
        let mut ids = UniqueIds::default();
        assert_eq!(ids.take("crm"), "crm");
        assert_eq!(ids.take("crm"), "crm#2");
        assert_eq!(ids.take("crm"), "crm#3");
        assert_eq!(ids.take("crm#2-x"), "crm#2-x");
    }
}
