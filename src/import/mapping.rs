//! ArchiMate application layer -> systems and integrations (docs/import-archimate.md).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::draft::{Assumable, DraftIntegration, DraftSystem};
use super::oef::{Element, LangText, Oef, Property, Relationship};
use super::properties;
use super::slug::Ids;

/// Lookups over one parsed file, shared by every mapping step.
pub struct Index<'a> {
    pub oef: &'a Oef,
    pub lang: Option<&'a str>,
    element_at: HashMap<&'a str, usize>,
    relationship_at: HashMap<&'a str, usize>,
    /// Relationships leaving / entering each element or relationship id, in file order.
    pub outgoing: HashMap<&'a str, Vec<&'a Relationship>>,
    pub incoming: HashMap<&'a str, Vec<&'a Relationship>>,
}

impl<'a> Index<'a> {
    pub fn new(oef: &'a Oef, lang: Option<&'a str>) -> Self {
        let mut index = Index {
            oef,
            lang,
            element_at: HashMap::new(),
            relationship_at: HashMap::new(),
            outgoing: HashMap::new(),
            incoming: HashMap::new(),
        };
        for (i, e) in oef.elements.iter().enumerate() {
            index.element_at.entry(&e.id).or_insert(i);
        }
        for (i, r) in oef.relationships.iter().enumerate() {
            index.relationship_at.entry(&r.id).or_insert(i);
            index.outgoing.entry(&r.source).or_default().push(r);
            index.incoming.entry(&r.target).or_default().push(r);
        }
        index
    }

    pub fn element(&self, id: &str) -> Option<&'a Element> {
        self.element_at.get(id).map(|&i| &self.oef.elements[i])
    }

    /// File position of an element, for ordering.
    pub fn position(&self, id: &str) -> usize {
        self.element_at.get(id).copied().unwrap_or(usize::MAX)
    }

    pub fn relationship(&self, id: &str) -> Option<&'a Relationship> {
        self.relationship_at
            .get(id)
            .map(|&i| &self.oef.relationships[i])
    }

    pub fn is_relationship(&self, id: &str) -> bool {
        self.relationship_at.contains_key(id)
    }

    pub fn kind(&self, id: &str) -> Option<&'a str> {
        self.element(id).map(|e| e.kind.as_str())
    }

    pub fn name(&self, text: &'a LangText) -> Option<&'a str> {
        text.pick(self.lang)
    }

    pub fn element_name(&self, id: &str) -> String {
        self.element(id)
            .and_then(|e| self.name(&e.name))
            .unwrap_or(id)
            .to_string()
    }

    /// Relationships of `kind` leaving `id`.
    pub fn out(
        &self,
        id: &str,
        kinds: &'static [&'static str],
    ) -> impl Iterator<Item = &'a Relationship> + '_ {
        self.outgoing
            .get(id)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |r| kinds.contains(&r.kind.as_str()))
    }

    /// Relationships of `kind` entering `id`.
    pub fn into(
        &self,
        id: &str,
        kinds: &'static [&'static str],
    ) -> impl Iterator<Item = &'a Relationship> + '_ {
        self.incoming
            .get(id)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |r| kinds.contains(&r.kind.as_str()))
    }

    /// The first property whose name is one of `keys` (case-insensitive), in `lang`.
    pub fn property(&self, properties: &'a [Property], keys: &[&str]) -> Option<&'a str> {
        properties
            .iter()
            .find(|p| keys.iter().any(|k| p.key.trim().to_lowercase() == *k))
            .and_then(|p| self.name(&p.value))
    }
}

/// What the application layer became.
#[derive(Debug, Default)]
pub struct Applications {
    pub systems: Vec<DraftSystem>,
    /// Component element id -> index into `systems`.
    pub system_of: HashMap<String, usize>,
    /// Merge key (folded name) -> index into `systems`, for person systems too.
    pub by_name: HashMap<String, usize>,
    pub ids: Ids,
    pub integrations: Vec<DraftIntegration>,
    /// (from, to) system indexes -> index into `integrations`.
    pub integration_of: HashMap<(usize, usize), usize>,
    pub merged: BTreeMap<String, usize>,
    pub skipped: BTreeMap<String, usize>,
    /// Systems made from SystemSoftware serving a step.
    pub platforms: usize,
}

/// Same-named elements are one system: names compare without case and extra spaces.
pub fn merge_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Applications {
    pub fn count(map: &mut BTreeMap<String, usize>, reason: &str) {
        *map.entry(reason.to_string()).or_default() += 1;
    }

    /// The system for a name, made on first use (people doing a step).
    pub fn person(&mut self, name: &str) -> usize {
        let key = format!("person:{}", merge_key(name));
        if let Some(&i) = self.by_name.get(&key) {
            return i;
        }
        let id = self.ids.take(name, "person");
        self.systems.push(DraftSystem {
            id,
            name: name.to_string(),
            kind: Some(Assumable::assumed(
                "person",
                "no application is linked to this step; people do it",
            )),
            ..DraftSystem::default()
        });
        self.by_name.insert(key, self.systems.len() - 1);
        self.systems.len() - 1
    }
}

/// The system for a SystemSoftware element that serves a step (a CI/CD tool, a database
/// server): made on first use, `kind: platform`, merged by name with an application
/// component or an earlier one of the same name.
pub fn platform(index: &Index, apps: &mut Applications, id: &str) -> Option<usize> {
    if let Some(&i) = apps.system_of.get(id) {
        return Some(i);
    }
    let e = index.element(id)?;
    let name = index.name(&e.name);
    let key = match name {
        Some(n) => merge_key(n),
        None => format!("#{}", e.id),
    };
    if let Some(&i) = apps.by_name.get(&key) {
        apps.system_of.insert(e.id.clone(), i);
        Applications::count(
            &mut apps.merged,
            "system software named as a system already imported",
        );
        return Some(i);
    }
    let name = name.unwrap_or(&e.id).to_string();
    let mut system = DraftSystem {
        id: apps.ids.take(&name, "system"),
        name,
        kind: Some(Assumable::given("platform")),
        ..DraftSystem::default()
    };
    properties::fill(index, e, &mut system, &mut apps.skipped);
    apps.systems.push(system);
    apps.by_name.insert(key, apps.systems.len() - 1);
    apps.system_of.insert(e.id.clone(), apps.systems.len() - 1);
    apps.platforms += 1;
    Some(apps.systems.len() - 1)
}

/// ApplicationComponents -> systems (same-named ones merged).
pub fn systems(index: &Index, apps: &mut Applications) {
    for e in &index.oef.elements {
        if e.kind != "ApplicationComponent" {
            continue;
        }
        let name = index.name(&e.name);
        // An unnamed element cannot be matched by name: it stays its own system.
        let key = match name {
            Some(n) => merge_key(n),
            None => format!("#{}", e.id),
        };
        if let Some(&i) = apps.by_name.get(&key) {
            apps.system_of.insert(e.id.clone(), i);
            Applications::count(&mut apps.merged, "same-named application components");
            properties::fill(index, e, &mut apps.systems[i], &mut apps.skipped);
            continue;
        }
        let name = name.unwrap_or(&e.id).to_string();
        let mut system = DraftSystem {
            id: apps.ids.take(&name, "system"),
            name,
            ..DraftSystem::default()
        };
        properties::fill(index, e, &mut system, &mut apps.skipped);
        apps.systems.push(system);
        apps.by_name.insert(key, apps.systems.len() - 1);
        apps.system_of.insert(e.id.clone(), apps.systems.len() - 1);
    }
}

/// `12000`, `12 000`, `12,000.50`, `€ 12.000`: digits with separators, an optional
/// currency sign. `None` when it is not plainly a number.
pub fn parse_amount(text: &str) -> Option<f64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '€' | '$' | '£'))
        .collect();
    let cleaned = match (cleaned.rfind(','), cleaned.rfind('.')) {
        // `12.000,50`: European style.
        (Some(c), Some(d)) if c > d => cleaned.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => cleaned.replace(',', ""),
        // `12,000` thousands, `12,5` a decimal comma.
        (Some(c), None) if cleaned.len() - c == 4 => cleaned.replace(',', ""),
        (Some(_), None) => cleaned.replace(',', "."),
        _ => cleaned,
    };
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

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
        let ends = (index.kind(&r.source), index.kind(&r.target));
        let edges = match ends {
            (Some("ApplicationComponent"), Some("ApplicationComponent")) => {
                vec![(apps.system_of[&r.source], apps.system_of[&r.target], None)]
            }
            (Some("ApplicationComponent"), Some(k)) if is_route(k) => {
                owners_memo(index, &mut owners_of, &r.target)
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
                owners_memo(index, &mut owners_of, &r.source)
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
            _ => continue,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_several_notations() {
        assert_eq!(parse_amount("12000"), Some(12000.0));
        assert_eq!(parse_amount("12 000"), Some(12000.0));
        assert_eq!(parse_amount("12,000.50"), Some(12000.5));
        assert_eq!(parse_amount("€ 12.000,50"), Some(12000.5));
        assert_eq!(parse_amount("12,5"), Some(12.5));
        assert_eq!(parse_amount("a lot"), None);
    }

    #[test]
    fn merge_keys_ignore_case_and_spacing() {
        assert_eq!(merge_key("  Bus  EAI "), merge_key("bus eai"));
    }
}
