//! The top level and the sections keyed by id: defaults, objectives, strategies, units,
//! systems.

use super::super::schema::{self, Range};
use super::super::tree::{Key, Node, Value};
use super::super::{Defaults, Model, Objective, Strategy, System, SystemKind, Unit};
use super::ids::Ids;
use super::path::Path;
use super::{Fields, Validator};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{ObjectiveIx, StrategyIx, UnitIx};

/// The entries of an id-keyed section: each key and its value.
type Entries<'a> = &'a [(Key<'a>, Node<'a>)];

impl Validator {
    /// The whole model, section by section in file-format order.
    pub(super) fn model(&mut self, root: &Node) -> Model {
        let mut model = Model {
            currency: "USD".into(),
            ..Model::default()
        };
        let top = match &root.value {
            Value::Map(_) => self.fields(root, Path::Root, &schema::TOP),
            _ => {
                self.wrong_type(
                    Path::Root,
                    root,
                    "a map of sections (version, systems, workflows, ...)",
                );
                None
            }
        };
        let Some(top) = top else { return model };
        self.version(&top);
        model.name = self.opt_text(&top, "name");
        if let Some(currency) = self.opt_text(&top, "currency") {
            model.currency = currency;
        }
        if let Some(node) = top.get("defaults") {
            if !matches!(node.value, Value::Null) {
                self.defaults(node, &mut model.defaults);
            }
        }
        let objectives = self.objectives(&top, &mut model);
        let strategies = self.strategies(&top, &objectives, &mut model);
        model.default_strategy = match top.get("strategy") {
            Some(node) => self
                .reference(node, Path::top("strategy"), &strategies)
                .map(StrategyIx::new),
            None => model.strategy_ixs().next(),
        };
        let units = self.units(&top, &mut model);
        let systems = self.systems(&top, &units, &mut model);
        let integrations = self.integrations(&top, &systems, &mut model);
        self.workflows(&top, &objectives, &units, &systems, &mut model);
        self.fixes(&top, &systems, &integrations, &mut model);
        model
    }

    fn version(&mut self, top: &Fields) {
        let Some(node) = top.get("version") else {
            return;
        };
        if matches!(node.value.scalar(), Some((text, true)) if text.trim() == "1") {
            return;
        }
        let shown = match node.value.scalar() {
            Some((text, _)) => text.to_string(),
            None => node.value.describe().to_string(),
        };
        self.error(
            Code::UnsupportedVersion,
            "version",
            node.mark,
            format!("unsupported version `{shown}`; this gapgraph reads version 1"),
        );
    }

    fn defaults(&mut self, node: &Node, defaults: &mut Defaults) {
        let Some(f) = self.fields(node, Path::top("defaults"), &schema::DEFAULTS) else {
            return;
        };
        for field in schema::DEFAULTS.fields {
            let slot = match field.name {
                "hourly_cost" => &mut defaults.hourly_cost,
                "manual_minutes" => &mut defaults.manual_minutes,
                "semi_minutes" => &mut defaults.semi_minutes,
                "missing_minutes" => &mut defaults.missing_minutes,
                "integration_cost" => &mut defaults.integration_cost,
                "fte_hours" => &mut defaults.fte_hours,
                "run_cost" => &mut defaults.run_cost,
                "horizon_years" => &mut defaults.horizon_years,
                "discount_rate" => &mut defaults.discount_rate,
                _ => continue,
            };
            if let Some(x) = self.opt_number(&f, field.name) {
                *slot = x;
            }
        }
    }

    /// The entries of an id-keyed section and the index of their ids.
    fn keyed<'a>(
        &mut self,
        top: &Fields<'a>,
        section: &str,
        what: &'static str,
    ) -> (Entries<'a>, Ids<'a>) {
        let entries = self.id_map(top.get(section), Path::top(section));
        let ids = Ids::new(what, entries.iter().map(|(k, _)| &*k.text).collect());
        (entries, ids)
    }

    fn objectives<'a>(&mut self, top: &Fields<'a>, model: &mut Model) -> Ids<'a> {
        let (entries, ids) = self.keyed(top, "objectives", "objective");
        let section = Path::top("objectives");
        for (key, node) in entries {
            let mut objective = Objective {
                id: key.text.to_string(),
                name: key.text.to_string(),
                description: None,
            };
            if !matches!(node.value, Value::Null) {
                if let Some(f) = self.fields(node, section.key(&key.text), &schema::OBJECTIVE) {
                    objective.name = self.opt_text(&f, "name").unwrap_or(objective.name);
                    objective.description = self.opt_text(&f, "description");
                }
            }
            model.objectives.push(objective);
        }
        ids
    }

    fn strategies<'a>(&mut self, top: &Fields<'a>, objectives: &Ids, model: &mut Model) -> Ids<'a> {
        let (entries, ids) = self.keyed(top, "strategies", "strategy");
        let section = Path::top("strategies");
        for (key, node) in entries {
            let mut strategy = Strategy {
                id: key.text.to_string(),
                name: key.text.to_string(),
                description: None,
                weights: Vec::new(),
            };
            if let Some(f) = self.fields(node, section.key(&key.text), &schema::STRATEGY) {
                strategy.name = self.opt_text(&f, "name").unwrap_or(strategy.name);
                strategy.description = self.opt_text(&f, "description");
                if let Some(weights) = f.get("weights") {
                    let wpath = f.path("weights");
                    strategy.weights =
                        self.objective_map(weights, wpath, objectives, f.range("weights"));
                    keep_weights_finite(&mut strategy.weights);
                    let all_valid = matches!(&weights.value, Value::Map(e) if e.len() == strategy.weights.len());
                    if all_valid && !strategy.weights.iter().any(|(_, w)| *w > 0.0) {
                        self.error(
                            Code::NoPositiveWeight,
                            wpath.to_string(),
                            weights.mark,
                            format!("strategy `{}` gives no objective a weight > 0", key.text),
                        );
                    }
                }
            }
            model.strategies.push(strategy);
        }
        ids
    }

    fn units<'a>(&mut self, top: &Fields<'a>, model: &mut Model) -> Ids<'a> {
        let (entries, ids) = self.keyed(top, "units", "unit");
        let section = Path::top("units");
        for (key, node) in entries {
            let mut unit = Unit {
                id: key.text.to_string(),
                name: key.text.to_string(),
                owner: None,
                hourly_cost: None,
            };
            if !matches!(node.value, Value::Null) {
                if let Some(f) = self.fields(node, section.key(&key.text), &schema::UNIT) {
                    unit.name = self.opt_text(&f, "name").unwrap_or(unit.name);
                    unit.owner = self.opt_text(&f, "owner");
                    unit.hourly_cost = self.opt_number(&f, "hourly_cost");
                }
            }
            model.units.push(unit);
        }
        ids
    }

    fn systems<'a>(&mut self, top: &Fields<'a>, units: &Ids, model: &mut Model) -> Ids<'a> {
        let (entries, ids) = self.keyed(top, "systems", "system");
        let kinds: Vec<(&str, SystemKind)> =
            SystemKind::ALL.iter().map(|k| (k.as_str(), *k)).collect();
        let section = Path::top("systems");
        for (key, node) in entries {
            let mut system = System {
                id: key.text.to_string(),
                name: key.text.to_string(),
                kind: SystemKind::Application,
                unit: None,
                owner: None,
                satisfaction: None,
                annual_cost: None,
                lifecycle: None,
                criticality: None,
            };
            if !matches!(node.value, Value::Null) {
                if let Some(f) = self.fields(node, section.key(&key.text), &schema::SYSTEM) {
                    system.name = self.opt_text(&f, "name").unwrap_or(system.name);
                    if let Some(n) = f.get("kind") {
                        system.kind = self
                            .enumeration(n, f.path("kind"), &kinds, "system kind")
                            .unwrap_or(system.kind);
                    }
                    system.unit = f
                        .get("unit")
                        .and_then(|n| self.reference(n, f.path("unit"), units))
                        .map(UnitIx::new);
                    system.owner = self.opt_text(&f, "owner");
                    system.satisfaction = self.opt_number(&f, "satisfaction");
                    system.annual_cost = self.opt_number(&f, "annual_cost");
                    system.lifecycle = self.word(&f, "lifecycle", schema::LIFECYCLES, "lifecycle");
                    system.criticality =
                        self.word(&f, "criticality", schema::CRITICALITIES, "criticality");
                }
            }
            model.systems.push(system);
        }
        ids
    }

    /// A map objective -> number (strategy weights, workflow serves).
    pub(super) fn objective_map(
        &mut self,
        node: &Node,
        path: Path,
        objectives: &Ids,
        range: Range,
    ) -> Vec<(ObjectiveIx, f64)> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(path, node, "a map of objective -> number");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in entries {
            let entry_path = path.key(&key.text);
            let objective = objectives.index(&key.text);
            if objective.is_none() {
                let mut d = Diagnostic::error(
                    Code::UnknownReference,
                    entry_path.to_string(),
                    Some(key.pos()),
                    format!("unknown objective `{}`", key.text),
                );
                d.help = objectives
                    .did_you_mean(&key.text, &mut self.suggestion_budget)
                    .or_else(|| {
                        (objectives.len() == 0).then(|| "no objective is declared".to_string())
                    });
                self.diagnostics.push(d);
            }
            let number = self.number(value, entry_path, range);
            if let (Some(o), Some(x)) = (objective, number) {
                out.push((ObjectiveIx::new(o), x));
            }
        }
        out
    }
}

/// Weights are relative, so any finite ones are accepted; when the largest is so large (or
/// small) that their sum or their product with a cost could leave the finite range (or
/// vanish), all are scaled by the same power of two. That is exact: every ratio, so every
/// alignment, stays as written. Ordinary weights are left alone.
pub(super) fn keep_weights_finite<K>(weights: &mut [(K, f64)]) {
    const STEP: f64 = 18_446_744_073_709_551_616.0; // 2^64
    let largest = |weights: &[(K, f64)]| weights.iter().fold(0.0_f64, |m, (_, w)| m.max(*w));
    let (low, high) = (2f64.powi(-30), 2f64.powi(40));
    while largest(weights) > high {
        for (_, w) in weights.iter_mut() {
            *w /= STEP;
        }
    }
    while (0.0..low).contains(&largest(weights)) && largest(weights) > 0.0 {
        for (_, w) in weights.iter_mut() {
            *w *= STEP;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::keep_weights_finite;

    #[test]
    fn huge_and_tiny_weights_keep_their_ratios() {
        let mut huge = vec![(0, 1e308), (1, 1e308), (2, 0.0)];
        keep_weights_finite(&mut huge);
        assert_eq!(huge[0].1, huge[1].1);
        assert!(huge[0].1 + huge[1].1 <= 2f64.powi(41));
        assert_eq!(huge[2].1, 0.0);
        let mut tiny = vec![(0, 5e-324), (1, 1e-323)];
        keep_weights_finite(&mut tiny);
        assert_eq!(tiny[1].1 / tiny[0].1, 2.0);
        assert!(tiny[0].1 > 1e-12);
        let mut ordinary = vec![(0, 3.0), (1, 1.0)];
        keep_weights_finite(&mut ordinary);
        assert_eq!(ordinary, vec![(0, 3.0), (1, 1.0)]);
    }
}
