//! ArchiMate application layer -> systems and integrations (docs/import-archimate.md).

mod links;

use std::collections::{BTreeMap, HashMap};

pub use self::links::{integrations, owners};
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
