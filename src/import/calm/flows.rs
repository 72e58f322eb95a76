//! Flows -> workflows (docs/calm.md, "Import"): the handoffs gapgraph's metadata lists,
//! else one handoff per transition, in sequence order, between the ends of the
//! relationship it names.

use serde_json::{Map, Value};

use super::{gapgraph_meta, is_identifier, shape, text_at, CalmError, State};
use crate::import::draft::{Assumable, DraftHandoff, DraftWorkflow, Runs};
use crate::model::Period;

/// One flow.
pub(super) fn flow(f: &Value, i: usize, state: &mut State) -> Result<(), CalmError> {
    let path = format!("$.flows[{i}]");
    if !f.is_object() {
        return Err(shape(path, "a flow is an object"));
    }
    let uid = text_at(f, &path, "unique-id")?;
    let name = f
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or(uid)
        .to_string();
    let meta = gapgraph_meta(f).filter(|m| m.get("handoffs").is_some_and(Value::is_array));
    let wanted = meta
        .and_then(|m| m.get("id"))
        .and_then(Value::as_str)
        .unwrap_or(uid);
    let id = if is_identifier(wanted) && state.workflow_ids.reserve(wanted) {
        wanted.to_string()
    } else {
        state.workflow_ids.take(&name, "workflow")
    };
    let workflow = match meta {
        Some(m) => from_meta(m, id, name, state),
        None => from_transitions(f, &path, id, name, state)?,
    };
    if let Some(w) = workflow {
        state.draft.workflows.push(w);
    }
    Ok(())
}

fn runs(value: Option<&Value>) -> Option<Runs> {
    let count = value?.get("count")?.as_f64()?;
    let per = value?.get("per")?.as_str()?;
    let per = Period::ALL.iter().map(|p| p.as_str()).find(|p| *p == per)?;
    Some(Runs { count, per })
}

fn system(state: &State, value: Option<&Value>) -> Option<String> {
    let id = value?.as_str()?;
    let &index = state.system_by_meta.get(id)?;
    Some(state.draft.systems[index].id.clone())
}

/// A workflow as gapgraph exported it: every field given.
fn from_meta(
    m: &Map<String, Value>,
    id: String,
    name: String,
    state: &mut State,
) -> Option<DraftWorkflow> {
    let w = state.draft.workflows.len();
    let mut handoffs = Vec::new();
    for h in m
        .get("handoffs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(from), Some(to), Some(data)) = (
            system(state, h.get("from")),
            system(state, h.get("to")),
            h.get("data").and_then(Value::as_str),
        ) else {
            state.skip("handoffs naming a system not imported");
            continue;
        };
        let mut extra = Vec::new();
        for key in ["runs", "source"] {
            if let Some(v) = h.get(key) {
                extra.push((key.to_string(), v.clone()));
            }
        }
        if !extra.is_empty() {
            state
                .draft
                .extra
                .handoffs
                .insert((w, handoffs.len()), extra);
        }
        handoffs.push(DraftHandoff {
            from,
            to,
            data: Assumable::given(data.to_string()),
            note: h.get("note").and_then(Value::as_str).map(str::to_string),
            minutes: h.get("minutes").and_then(Value::as_f64),
            by: h.get("by").and_then(Value::as_str).map(str::to_string),
        });
    }
    if handoffs.is_empty() {
        state.skip("flows with no handoff to import");
        return None;
    }
    if let Some(source) = m.get("source") {
        state
            .draft
            .extra
            .workflows
            .insert(w, vec![("source".into(), source.clone())]);
    }
    let serves = m
        .get("serves")
        .and_then(Value::as_object)
        .map(|s| {
            s.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_f64()?)))
                .collect()
        })
        .unwrap_or_default();
    let runs = runs(m.get("runs")).map_or_else(assumed_runs, Assumable::given);
    Some(DraftWorkflow {
        id,
        name,
        owner: m.get("owner").and_then(Value::as_str).map(str::to_string),
        runs,
        serves: Assumable::given(serves),
        handoffs,
        unit: m.get("unit").and_then(Value::as_str).map(str::to_string),
    })
}

fn assumed_runs() -> Assumable<Runs> {
    Assumable::assumed(
        Runs {
            count: 1.0,
            per: "day",
        },
        "CALM gives no frequency; set how often it runs",
    )
}

/// A workflow from a flow's transitions alone.
fn from_transitions(
    f: &Value,
    path: &str,
    id: String,
    name: String,
    state: &mut State,
) -> Result<Option<DraftWorkflow>, CalmError> {
    let Some(transitions) = f.get("transitions").and_then(Value::as_array) else {
        return Err(shape(format!("{path}.transitions"), "required: an array"));
    };
    let mut steps: Vec<(i64, &Value)> = Vec::new();
    for (t, transition) in transitions.iter().enumerate() {
        let at = format!("{path}.transitions[{t}]");
        let n = transition
            .get("sequence-number")
            .and_then(Value::as_i64)
            .ok_or_else(|| shape(format!("{at}.sequence-number"), "required: an integer"))?;
        steps.push((n, transition));
    }
    // Stable: transitions with one number keep the file's order.
    steps.sort_by_key(|(n, _)| *n);
    let mut handoffs = Vec::new();
    for (t, (_, transition)) in steps.iter().enumerate() {
        let rel = text_at(
            transition,
            &format!("{path}.transitions[{t}]"),
            "relationship-unique-id",
        )?;
        let Some((a, b, data)) = state.relationship.get(rel).cloned() else {
            state.skip("transitions naming a relationship not imported");
            continue;
        };
        let back =
            transition.get("direction").and_then(Value::as_str) == Some("destination-to-source");
        let (from, to) = if back { (b, a) } else { (a, b) };
        handoffs.push(DraftHandoff {
            from: state.draft.systems[from].id.clone(),
            to: state.draft.systems[to].id.clone(),
            data: Assumable::assumed(data, "the data of the relationship the transition names"),
            note: transition
                .get("description")
                .and_then(Value::as_str)
                .map(str::to_string),
            minutes: None,
            by: None,
        });
    }
    if handoffs.is_empty() {
        state.skip("flows with no handoff to import");
        return Ok(None);
    }
    Ok(Some(DraftWorkflow {
        id,
        name,
        owner: None,
        runs: assumed_runs(),
        serves: Assumable::given(Vec::new()),
        handoffs,
        unit: None,
    }))
}
