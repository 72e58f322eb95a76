//! Model-level metadata, nodes and relationships (docs/calm.md, "Import").

use serde_json::{Map, Value};

use super::{gapgraph_meta, is_identifier, shape, text_at, CalmError, State};
use crate::import::draft::{Assumable, DraftIntegration, DraftSystem, DraftUnit};
use crate::model::schema::{CRITICALITIES, LIFECYCLES, SYSTEM_KINDS};

const DEFAULT_KEYS: [&str; 9] = [
    "hourly_cost",
    "manual_minutes",
    "semi_minutes",
    "missing_minutes",
    "integration_cost",
    "fte_hours",
    "run_cost",
    "horizon_years",
    "discount_rate",
];

fn text(m: &Map<String, Value>, key: &str) -> Option<String> {
    m.get(key).and_then(Value::as_str).map(str::to_string)
}

fn number(m: &Map<String, Value>, key: &str) -> Option<f64> {
    m.get(key).and_then(Value::as_f64)
}

/// The same text as a `&'static str` from `allowed`, when it is one.
fn word(m: &Map<String, Value>, key: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let value = m.get(key)?.as_str()?;
    allowed.iter().copied().find(|a| *a == value)
}

/// The top-level `metadata.gapgraph`: name, currency, defaults, objectives, strategies,
/// units, the strategy in force.
pub(super) fn model_level(top: &Map<String, Value>, state: &mut State) {
    let draft = &mut state.draft;
    draft.name = text(top, "name");
    if let Some(Value::Object(d)) = top.get("defaults") {
        draft.defaults = DEFAULT_KEYS
            .iter()
            .filter_map(|k| {
                d.get(*k)
                    .and_then(Value::as_f64)
                    .map(|v| (*k, Assumable::given(v)))
            })
            .collect();
    }
    if let Some(Value::Object(units)) = top.get("units") {
        for (id, u) in units {
            let Some(u) = u.as_object() else { continue };
            draft.units.push(DraftUnit {
                id: id.clone(),
                name: text(u, "name").unwrap_or_else(|| id.clone()),
                owner: text(u, "owner"),
                hourly_cost: number(u, "hourly_cost"),
            });
        }
    }
    for key in ["currency", "objectives", "strategies", "strategy"] {
        match top.get(key) {
            Some(Value::Object(m)) if m.is_empty() => {}
            Some(value) => draft.extra.top.push((key.to_string(), value.clone())),
            None => {}
        }
    }
    state.objectives = top
        .get("objectives")
        .and_then(Value::as_object)
        .map_or(0, Map::len);
}

/// The gapgraph kind of a CALM `node-type`, and whether that is a guess.
fn kind_of(node_type: &str) -> (Option<&'static str>, Option<String>) {
    match node_type {
        "system" | "service" | "webclient" | "ldap" => (None, None),
        "database" | "data-asset" => (Some("database"), None),
        "network" => (Some("platform"), None),
        "actor" => (Some("person"), None),
        other => (
            Some("application"),
            Some(format!(
                "node-type `{other}` is not one of CALM's; taken as an application"
            )),
        ),
    }
}

/// One node: a system (an `ecosystem` node without gapgraph metadata is skipped).
pub(super) fn node(node: &Value, i: usize, state: &mut State) -> Result<(), CalmError> {
    let path = format!("$.nodes[{i}]");
    if !node.is_object() {
        return Err(shape(path, "a node is an object"));
    }
    let uid = text_at(node, &path, "unique-id")?;
    let node_type = text_at(node, &path, "node-type")?;
    let meta = gapgraph_meta(node);
    if meta.is_none() && node_type == "ecosystem" {
        state.skip("ecosystem nodes");
        return Ok(());
    }
    for extra in ["interfaces", "controls", "details"] {
        if node.get(extra).is_some() {
            state.skip(&format!("node {extra}"));
        }
    }
    let name = node
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or(uid)
        .to_string();
    let wanted = meta
        .and_then(|m| text(m, "id"))
        .unwrap_or_else(|| uid.to_string());
    let id = if is_identifier(&wanted) && state.ids.reserve(&wanted) {
        wanted.clone()
    } else {
        state.ids.take(&name, "system")
    };
    let mut system = DraftSystem {
        id,
        name,
        ..DraftSystem::default()
    };
    match meta {
        Some(m) => {
            system.kind = word(m, "kind", SYSTEM_KINDS)
                .filter(|k| *k != "application")
                .map(Assumable::given);
            system.unit = text(m, "unit");
            system.owner = text(m, "owner");
            system.satisfaction = number(m, "satisfaction");
            system.annual_cost = number(m, "annual_cost");
            system.lifecycle = word(m, "lifecycle", LIFECYCLES);
            system.criticality = word(m, "criticality", CRITICALITIES).map(|c| (c, String::new()));
        }
        None => {
            let (kind, guess) = kind_of(node_type);
            system.kind = kind.map(|k| match guess {
                Some(why) => Assumable::assumed(k, why),
                None => Assumable::given(k),
            });
        }
    }
    if system.kind.as_ref().is_some_and(|k| k.value == "person") {
        state.people += 1;
    }
    let index = state.draft.systems.len();
    state.draft.systems.push(system);
    state.node.insert(uid.to_string(), index);
    state.system_by_meta.insert(wanted, index);
    Ok(())
}

/// The `node` a `connects` end names.
fn end(r: &Value, path: &str, which: &str) -> Result<String, CalmError> {
    let at = format!("{path}.relationship-type.connects");
    let end = r
        .get(which)
        .ok_or_else(|| shape(format!("{at}.{which}"), "required, missing"))?;
    Ok(text_at(end, &format!("{at}.{which}"), "node")?.to_string())
}

/// The (source, destination) node pairs a relationship draws, or the reason it is skipped.
fn pairs(r: &Value, path: &str) -> Result<Result<Vec<(String, String)>, String>, CalmError> {
    let Some(kinds) = r.get("relationship-type").and_then(Value::as_object) else {
        return Err(shape(
            format!("{path}.relationship-type"),
            "required: an object",
        ));
    };
    if let Some(c) = kinds.get("connects") {
        return Ok(Ok(vec![(
            end(c, path, "source")?,
            end(c, path, "destination")?,
        )]));
    }
    if let Some(c) = kinds.get("interacts") {
        let at = format!("{path}.relationship-type.interacts");
        let actor = text_at(c, &at, "actor")?;
        let nodes = c
            .get("nodes")
            .and_then(Value::as_array)
            .ok_or_else(|| shape(format!("{at}.nodes"), "required: an array"))?;
        let to = nodes.iter().filter_map(Value::as_str);
        return Ok(Ok(to.map(|n| (actor.to_string(), n.to_string())).collect()));
    }
    let kind = kinds.keys().next().map_or("untyped", String::as_str);
    Ok(Err(format!("{kind} relationships")))
}

/// One relationship: integrations, a catalogued fix, or skipped.
pub(super) fn relationship(rel: &Value, i: usize, state: &mut State) -> Result<(), CalmError> {
    let path = format!("$.relationships[{i}]");
    if !rel.is_object() {
        return Err(shape(path, "a relationship is an object"));
    }
    let uid = text_at(rel, &path, "unique-id")?.to_string();
    let meta = gapgraph_meta(rel);
    let role = meta.and_then(|m| text(m, "role"));
    if matches!(role.as_deref(), Some("handoff" | "proposed-fix")) {
        state.skip("relationships gapgraph drew for handoffs and proposed fixes");
        return Ok(());
    }
    let pairs = match pairs(rel, &path)? {
        Ok(pairs) => pairs,
        Err(reason) => {
            state.skip(&reason);
            return Ok(());
        }
    };
    for (from, to) in pairs {
        let (Some(&source), Some(&target)) = (state.node.get(&from), state.node.get(&to)) else {
            state.skip("relationships to a node not imported");
            continue;
        };
        if source == target {
            state.skip("relationships from a node to itself");
            continue;
        }
        match (role.as_deref(), meta) {
            (Some("catalog-fix"), Some(m)) => catalog_fix(m, source, target, state),
            (_, Some(m)) => integration_from_meta(m, source, target, state),
            _ => generic_integration(rel, &uid, source, target, state),
        }
        state
            .relationship
            .entry(uid.clone())
            .or_insert((source, target, uid.clone()));
    }
    Ok(())
}

fn integration_from_meta(m: &Map<String, Value>, a: usize, b: usize, state: &mut State) {
    let carries = m.get("carries").and_then(Value::as_array).map_or_else(
        || vec!["*".to_string()],
        |c| {
            c.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        },
    );
    let mode = match m.get("mode").and_then(Value::as_str) {
        Some("semi") => Some("semi"),
        Some("manual") => Some("manual"),
        _ => None,
    };
    state.pairs.insert((a, b));
    let index = state.draft.integrations.len();
    state.draft.integrations.push(DraftIntegration {
        id: text(m, "id"),
        from: state.draft.systems[a].id.clone(),
        to: state.draft.systems[b].id.clone(),
        carries: Assumable::given(carries),
        mode,
        minutes: number(m, "minutes"),
        fix_cost: number(m, "fix_cost"),
        run_cost: number(m, "run_cost"),
        via: text(m, "via"),
        name: text(m, "name"),
        note: text(m, "note"),
    });
    if let Some(source) = m.get("source") {
        state
            .draft
            .extra
            .integrations
            .insert(index, vec![("source".into(), source.clone())]);
    }
}

fn generic_integration(r: &Value, uid: &str, a: usize, b: usize, state: &mut State) {
    let (from, to) = (
        state.draft.systems[a].id.clone(),
        state.draft.systems[b].id.clone(),
    );
    // A second integration between the same systems needs an id of its own.
    let repeated = !state.pairs.insert((a, b));
    let id = repeated.then(|| state.ids.take(uid, "integration"));
    state.draft.integrations.push(DraftIntegration {
        id,
        from,
        to,
        carries: Assumable::assumed(
            vec![uid.to_string()],
            "CALM does not say what data moves: named after the relationship; mode automated assumed",
        ),
        via: r.get("protocol").and_then(Value::as_str).map(str::to_string),
        note: r.get("description").and_then(Value::as_str).map(str::to_string),
        ..DraftIntegration::default()
    });
}

fn catalog_fix(m: &Map<String, Value>, a: usize, b: usize, state: &mut State) {
    let mut fix = Map::new();
    if let Some(id) = m.get("id") {
        fix.insert("id".into(), id.clone());
    }
    fix.insert(
        "from".into(),
        Value::String(state.draft.systems[a].id.clone()),
    );
    fix.insert(
        "to".into(),
        Value::String(state.draft.systems[b].id.clone()),
    );
    for key in ["cost", "carries", "run_cost", "name", "note", "source"] {
        if let Some(v) = m.get(key) {
            fix.insert(key.into(), v.clone());
        }
    }
    let top = &mut state.draft.extra.top;
    match top.iter_mut().find(|(k, _)| k == "fixes") {
        Some((_, Value::Array(list))) => list.push(Value::Object(fix)),
        _ => top.push(("fixes".into(), Value::Array(vec![Value::Object(fix)]))),
    }
}
