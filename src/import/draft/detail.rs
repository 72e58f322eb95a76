//! What only a lossless source gives (the sheets `export sheets` writes): the currency,
//! the strategy in force, descriptions, `source` maps, a handoff's own `runs`, catalogued
//! fixes. Kept beside the entries, by position, so importers that never give these need
//! not name them; an entry without a detail writes nothing more.

use serde_json::{json, Map, Value};

use super::{number, quote, Runs};

/// An entry's `source` map: figure -> `stated`, `imported` or `measured`, and `evidence`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftSource {
    /// Figure name (as the model spells it) -> source, in order; `stated` is not written.
    pub figures: Vec<(&'static str, &'static str)>,
    /// What the figures rest on.
    pub evidence: Option<String>,
}

impl DraftSource {
    /// Whether it writes nothing.
    pub fn is_empty(&self) -> bool {
        self.written().next().is_none() && self.evidence.is_none()
    }

    /// Sets `figure` to `source`, replacing an earlier value.
    pub fn set(&mut self, figure: &'static str, source: &'static str) {
        match self.figures.iter_mut().find(|(f, _)| *f == figure) {
            Some(slot) => slot.1 = source,
            None => self.figures.push((figure, source)),
        }
    }

    fn written(&self) -> impl Iterator<Item = &(&'static str, &'static str)> {
        self.figures.iter().filter(|(_, s)| *s != "stated")
    }

    /// `{minutes: imported, evidence: "..."}`.
    pub(super) fn yaml(&self) -> String {
        let mut items: Vec<String> = self.written().map(|(f, s)| format!("{f}: {s}")).collect();
        if let Some(e) = &self.evidence {
            items.push(format!("evidence: {}", quote(e)));
        }
        format!("{{{}}}", items.join(", "))
    }

    pub(super) fn json(&self) -> Value {
        let mut m = Map::new();
        for (f, s) in self.written() {
            m.insert((*f).into(), json!(s));
        }
        if let Some(e) = &self.evidence {
            m.insert("evidence".into(), json!(e));
        }
        Value::Object(m)
    }
}

/// A handoff's own figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftHandoffDetail {
    /// Its own `runs`, when not once per run of its workflow.
    pub runs: Option<Runs>,
    /// Where its figures come from.
    pub source: DraftSource,
}

/// A catalogued fix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftFix {
    /// Explicit id (`FROM->TO` when `None`).
    pub id: Option<String>,
    /// System ids.
    pub from: String,
    /// System ids.
    pub to: String,
    /// Its cost.
    pub cost: f64,
    /// What it will move, when given.
    pub carries: Option<Vec<String>>,
    /// Yearly running cost once built.
    pub run_cost: Option<f64>,
    /// Where its figures come from.
    pub source: DraftSource,
    /// Display name.
    pub name: Option<String>,
    /// Free text.
    pub note: Option<String>,
}

/// The details of a [`super::Draft`], by the position of the entry they belong to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftDetail {
    /// `currency`.
    pub currency: Option<String>,
    /// `strategy`, the strategy in force.
    pub strategy: Option<String>,
    /// Each objective's description (parallel to `objectives`).
    pub objective_descriptions: Vec<Option<String>>,
    /// Each strategy's description (parallel to `strategies`).
    pub strategy_descriptions: Vec<Option<String>>,
    /// Each integration's `source` (parallel to `integrations`).
    pub integration_sources: Vec<DraftSource>,
    /// Why an integration's mode was assumed (parallel to `integrations`).
    pub mode_assumed: Vec<Option<String>>,
    /// Each workflow's `source` (parallel to `workflows`).
    pub workflow_sources: Vec<DraftSource>,
    /// Each handoff's details (parallel to `workflows`, then to its `handoffs`).
    pub handoffs: Vec<Vec<DraftHandoffDetail>>,
    /// Catalogued fixes.
    pub fixes: Vec<DraftFix>,
}

fn nth<T>(list: &[Option<T>], i: usize) -> Option<&T> {
    list.get(i).and_then(Option::as_ref)
}

impl DraftDetail {
    pub(super) fn objective_description(&self, i: usize) -> Option<&String> {
        nth(&self.objective_descriptions, i)
    }

    pub(super) fn strategy_description(&self, i: usize) -> Option<&String> {
        nth(&self.strategy_descriptions, i)
    }

    pub(super) fn mode_assumed(&self, i: usize) -> Option<&String> {
        nth(&self.mode_assumed, i)
    }

    /// The `source` of integration `i`, if it writes anything.
    pub(super) fn integration_source(&self, i: usize) -> Option<&DraftSource> {
        self.integration_sources.get(i).filter(|s| !s.is_empty())
    }

    /// The `source` of workflow `w`, with `runs: imported` when its runs were assumed.
    pub(super) fn workflow_source(&self, w: usize, runs_assumed: bool) -> Option<DraftSource> {
        let mut source = self.workflow_sources.get(w).cloned().unwrap_or_default();
        if runs_assumed {
            // Reports then say the hours rest on an importer's assumption.
            source.set("runs", "imported");
        }
        (!source.is_empty()).then_some(source)
    }

    pub(super) fn handoff(&self, w: usize, h: usize) -> Option<&DraftHandoffDetail> {
        self.handoffs.get(w).and_then(|list| list.get(h))
    }

    /// The flow-mapping fields a handoff's details add.
    pub(super) fn handoff_fields(&self, w: usize, h: usize) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(d) = self.handoff(w, h) {
            if let Some(runs) = &d.runs {
                out.push(format!(
                    "runs: {{count: {}, per: {}}}",
                    number(runs.count),
                    runs.per
                ));
            }
            if !d.source.is_empty() {
                out.push(format!("source: {}", d.source.yaml()));
            }
        }
        out
    }

    /// The YAML of the fixes, and the model-wide fields, to follow everything else.
    pub(super) fn yaml_tail(&self) -> String {
        let mut y = String::new();
        if !self.fixes.is_empty() {
            y.push_str("fixes:\n");
        }
        for f in &self.fixes {
            let mut fields = Vec::new();
            if let Some(id) = &f.id {
                fields.push(format!("id: {}", super::key(id)));
            }
            fields.push(format!("from: {}", super::key(&f.from)));
            fields.push(format!("to: {}", super::key(&f.to)));
            fields.push(format!("cost: {}", number(f.cost)));
            if let Some(carries) = &f.carries {
                fields.push(format!("carries: {}", super::flow_strings(carries)));
            }
            if let Some(cost) = f.run_cost {
                fields.push(format!("run_cost: {}", number(cost)));
            }
            if !f.source.is_empty() {
                fields.push(format!("source: {}", f.source.yaml()));
            }
            if let Some(name) = &f.name {
                fields.push(format!("name: {}", quote(name)));
            }
            if let Some(note) = &f.note {
                fields.push(format!("note: {}", quote(note)));
            }
            y.push_str(&format!("  - {{{}}}\n", fields.join(", ")));
        }
        y
    }

    /// The top-level fields that follow `name`.
    pub(super) fn yaml_head(&self) -> String {
        let mut y = String::new();
        if let Some(currency) = &self.currency {
            y.push_str(&format!("currency: {}\n", quote(currency)));
        }
        if let Some(strategy) = &self.strategy {
            y.push_str(&format!("strategy: {}\n", super::key(strategy)));
        }
        y
    }

    /// Adds the details to a draft's JSON.
    pub(super) fn extend_json(&self, root: &mut Map<String, Value>) {
        if let Some(currency) = &self.currency {
            root.insert("currency".into(), json!(currency));
        }
        if let Some(strategy) = &self.strategy {
            root.insert("strategy".into(), json!(strategy));
        }
        describe(root.get_mut("objectives"), &self.objective_descriptions);
        describe(root.get_mut("strategies"), &self.strategy_descriptions);
        if let Some(Value::Array(list)) = root.get_mut("integrations") {
            for (i, entry) in list.iter_mut().enumerate() {
                if let (Some(source), Value::Object(m)) = (self.integration_source(i), entry) {
                    m.insert("source".into(), source.json());
                }
            }
        }
        if let Some(Value::Object(workflows)) = root.get_mut("workflows") {
            for (w, (_, entry)) in workflows.iter_mut().enumerate() {
                self.extend_workflow_json(w, entry);
            }
        }
        if !self.fixes.is_empty() {
            root.insert(
                "fixes".into(),
                Value::Array(self.fixes.iter().map(fix_json).collect()),
            );
        }
    }

    fn extend_workflow_json(&self, w: usize, entry: &mut Value) {
        let Value::Object(m) = entry else { return };
        let runs_assumed = m.get("source").is_some();
        if let Some(source) = self.workflow_source(w, runs_assumed) {
            m.insert("source".into(), source.json());
        }
        let Some(Value::Array(handoffs)) = m.get_mut("handoffs") else {
            return;
        };
        for (h, handoff) in handoffs.iter_mut().enumerate() {
            let (Some(d), Value::Object(o)) = (self.handoff(w, h), handoff) else {
                continue;
            };
            if let Some(runs) = &d.runs {
                o.insert(
                    "runs".into(),
                    json!({ "count": super::json::json_number(runs.count), "per": runs.per }),
                );
            }
            if !d.source.is_empty() {
                o.insert("source".into(), d.source.json());
            }
        }
    }
}

/// Adds each entry's description to a section of the JSON.
fn describe(section: Option<&mut Value>, descriptions: &[Option<String>]) {
    if let Some(Value::Object(entries)) = section {
        for (i, (_, entry)) in entries.iter_mut().enumerate() {
            if let (Some(text), Value::Object(m)) = (nth(descriptions, i), entry) {
                m.insert("description".into(), json!(text));
            }
        }
    }
}

fn fix_json(f: &DraftFix) -> Value {
    let mut m = Map::new();
    if let Some(id) = &f.id {
        m.insert("id".into(), json!(id));
    }
    m.insert("from".into(), json!(f.from));
    m.insert("to".into(), json!(f.to));
    m.insert("cost".into(), super::json::json_number(f.cost));
    if let Some(carries) = &f.carries {
        m.insert("carries".into(), json!(carries));
    }
    if let Some(cost) = f.run_cost {
        m.insert("run_cost".into(), super::json::json_number(cost));
    }
    if !f.source.is_empty() {
        m.insert("source".into(), f.source.json());
    }
    if let Some(name) = &f.name {
        m.insert("name".into(), json!(name));
    }
    if let Some(note) = &f.note {
        m.insert("note".into(), json!(note));
    }
    Value::Object(m)
}

/// The flow-mapping fields an integration's details add.
pub(super) fn integration_fields(detail: &DraftDetail, i: usize) -> Vec<String> {
    detail
        .integration_source(i)
        .map(|s| vec![format!("source: {}", s.yaml())])
        .unwrap_or_default()
}
