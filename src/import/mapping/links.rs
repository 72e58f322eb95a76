//! ArchiMate relationships -> integrations: flows and servings between components, directly
//! or routed through the interfaces and services components provide.

use std::collections::{HashMap, HashSet};

use super::{parse_amount, Applications, Index};
use crate::import::draft::{Assumable, DraftIntegration};
use crate::import::oef::Relationship;

/// One edge found, before parallel edges are merged.
struct Found<'a> {
    from: usize,
    to: usize,
    data: Vec<String>,
    via: Option<String>,
    relationship: &'a Relationship,
}

/// Flows (and, for pairs without one, Serving and routes through interfaces and services)
/// -> integrations.
pub fn integrations(index: &Index, apps: &mut Applications) {
    let mut flows = Vec::new();
    let mut servings = Vec::new();
    // An interface many flows pass is resolved to its providers once (issue 23: 600 flows
    // into one interface of 600 providers resolved it 600 times, each in quadratic time).
    let mut owners_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for r in &index.oef.relationships {
        if index.is_relationship(&r.source) || index.is_relationship(&r.target) {
            if !is_data_attachment(index, r) {
                Applications::count(
                    &mut apps.skipped,
                    "relationships whose end is a relationship",
                );
            }
            continue;
        }
        if r.kind != "Flow" && r.kind != "Serving" {
            continue;
        }
        let Some(edges) = edges(index, apps, &mut owners_of, r) else {
            continue;
        };
        if edges.is_empty() {
            Applications::count(
                &mut apps.skipped,
                "routes through an interface or service no component provides",
            );
        }
        if edges.len() > MAX_ROUTE_PROVIDERS {
            // A hub: one link to each of its many providers from every flow into it would
            // be a mesh of flows × providers integrations nobody drew (issue 23).
            Applications::count(&mut apps.skipped, HUB_ROUTES);
            continue;
        }
        let data = if r.kind == "Flow" {
            carried(index, r)
        } else {
            Vec::new()
        };
        for (from, to, via) in edges {
            if from == to {
                let reason = if r.source == r.target || via.is_some() {
                    "self-loops (a component to itself)"
                } else {
                    "flows between same-named components (merged into one)"
                };
                Applications::count(&mut apps.skipped, reason);
                continue;
            }
            let found = Found {
                from,
                to,
                data: data.clone(),
                via: via.map(|v| index.element_name(v)),
                relationship: r,
            };
            if r.kind == "Flow" {
                flows.push(found);
            } else {
                servings.push(found);
            }
        }
    }
    add_all(index, apps, flows, servings);
}

/// A Flow or Serving's (from, to, via) system pairs: itself between two components, or one
/// per component providing the interface or service at its other end. `None` when it
/// links anything else.
fn edges<'a>(
    index: &Index<'a>,
    apps: &Applications,
    owners_of: &mut HashMap<&'a str, Vec<&'a str>>,
    r: &'a Relationship,
) -> Option<Vec<(usize, usize, Option<&'a String>)>> {
    let ends = (index.kind(&r.source), index.kind(&r.target));
    Some(match ends {
        (Some("ApplicationComponent"), Some("ApplicationComponent")) => {
            vec![(apps.system_of[&r.source], apps.system_of[&r.target], None)]
        }
        (Some("ApplicationComponent"), Some(k)) if is_route(k) => {
            owners_memo(index, owners_of, &r.target)
                .into_iter()
                .map(|o| {
                    (
                        apps.system_of[&r.source],
                        apps.system_of[o],
                        Some(&r.target),
                    )
                })
                .collect()
        }
        (Some(k), Some("ApplicationComponent")) if is_route(k) => {
            owners_memo(index, owners_of, &r.source)
                .into_iter()
                .map(|o| {
                    (
                        apps.system_of[o],
                        apps.system_of[&r.target],
                        Some(&r.source),
                    )
                })
                .collect()
        }
        _ => return None,
    })
}

/// The flows found become integrations, then the servings between pairs no flow connects.
fn add_all(index: &Index, apps: &mut Applications, flows: Vec<Found>, servings: Vec<Found>) {
    let flow_pairs: HashSet<(usize, usize)> = flows.iter().map(|f| (f.from, f.to)).collect();
    for found in flows {
        add(
            index,
            apps,
            found,
            "parallel flows between the same components",
        );
    }
    for found in servings {
        if flow_pairs.contains(&(found.from, found.to)) {
            Applications::count(
                &mut apps.skipped,
                "serving relationships where a flow already connects the pair",
            );
            continue;
        }
        add(
            index,
            apps,
            found,
            "parallel serving routes between the same components",
        );
    }
}

/// An Association between a Flow and the DataObject / BusinessObject it carries: read by
/// [`carried`], so not skipped.
fn is_data_attachment(index: &Index, r: &Relationship) -> bool {
    let is_data = |id: &str| matches!(index.kind(id), Some("DataObject" | "BusinessObject"));
    let is_flow = |id: &str| index.relationship(id).is_some_and(|f| f.kind == "Flow");
    r.kind == "Association"
        && ((is_flow(&r.source) && is_data(&r.target))
            || (is_data(&r.source) && is_flow(&r.target)))
}

fn is_route(kind: &str) -> bool {
    kind == "ApplicationInterface" || kind == "ApplicationService"
}

/// The most components a flow through one interface or service is routed to; past this
/// the interface is a hub (an ESB, a shared API) and its flows are skipped, counted.
pub const MAX_ROUTE_PROVIDERS: usize = 20;
const HUB_ROUTES: &str =
    "flows through an interface or service more than 20 components provide (model the hub as a component)";

/// [`owners`] of `id`, each id resolved once.
fn owners_memo<'a>(
    index: &Index<'a>,
    memo: &mut HashMap<&'a str, Vec<&'a str>>,
    id: &'a str,
) -> Vec<&'a str> {
    memo.entry(id).or_insert_with(|| owners(index, id)).clone()
}

/// The components that provide an interface (composition, aggregation or assignment) or a
/// service (realization, or through one of their interfaces assigned to it).
pub fn owners<'a>(index: &Index<'a>, id: &str) -> Vec<&'a str> {
    let mut out: Vec<&'a str> = Vec::new();
    let mut seen: HashSet<&'a str> = HashSet::new();
    let mut push = |c: &'a str| {
        if index.kind(c) == Some("ApplicationComponent") && seen.insert(c) {
            out.push(c);
        }
    };
    match index.kind(id) {
        Some("ApplicationInterface") => {
            for r in index.into(id, &["Composition", "Aggregation", "Assignment"]) {
                push(&r.source);
            }
        }
        Some("ApplicationService") => {
            for r in index.into(id, &["Realization"]) {
                push(&r.source);
            }
            for r in index.into(id, &["Assignment", "Realization"]) {
                if index.kind(&r.source) == Some("ApplicationInterface") {
                    for c in owners(index, &r.source) {
                        push(c);
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// The data a Flow carries: DataObjects / BusinessObjects associated with it (either
/// direction), then its own name.
fn carried(index: &Index, flow: &Relationship) -> Vec<String> {
    let mut data: Vec<String> = Vec::new();
    let attached = index
        .out(&flow.id, &["Association"])
        .map(|r| r.target.as_str())
        .chain(
            index
                .into(&flow.id, &["Association"])
                .map(|r| r.source.as_str()),
        );
    let mut attached: Vec<&str> = attached
        .filter(|id| matches!(index.kind(id), Some("DataObject" | "BusinessObject")))
        .collect();
    attached.sort_by_key(|id| index.position(id));
    for id in attached {
        push_unique(&mut data, index.element_name(id));
    }
    if let Some(name) = index.name(&flow.name) {
        push_unique(&mut data, name.to_string());
    }
    data
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

fn add(index: &Index, apps: &mut Applications, found: Found, parallel: &str) {
    let mode = index
        .property(&found.relationship.properties, &["mode"])
        .map(|m| m.trim().to_lowercase())
        .and_then(|m| match m.as_str() {
            "automated" => Some("automated"),
            "semi" => Some("semi"),
            "manual" => Some("manual"),
            _ => None,
        });
    let minutes = index
        .property(&found.relationship.properties, &["minutes"])
        .and_then(parse_amount)
        .filter(|m| *m > 0.0);
    if let Some(&i) = apps.integration_of.get(&(found.from, found.to)) {
        Applications::count(&mut apps.merged, parallel);
        let existing = &mut apps.integrations[i];
        if existing.carries.assumed.is_some() && !found.data.is_empty() {
            existing.carries = Assumable::given(Vec::new());
        }
        if existing.carries.assumed.is_none() {
            for d in found.data {
                push_unique(&mut existing.carries.value, d);
            }
        }
        return;
    }
    let carries = if found.data.is_empty() {
        Assumable::assumed(
            vec!["*".to_string()],
            "the file names no data on this link; \"*\" carries anything",
        )
    } else {
        Assumable::given(found.data)
    };
    apps.integrations.push(DraftIntegration {
        id: None,
        from: apps.systems[found.from].id.clone(),
        to: apps.systems[found.to].id.clone(),
        carries,
        mode,
        minutes,
        via: found.via,
        ..DraftIntegration::default()
    });
    apps.integration_of
        .insert((found.from, found.to), apps.integrations.len() - 1);
}
