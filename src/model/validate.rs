//! The tree -> a validated [`Model`], collecting every problem with its path and position,
//! then the warnings of MODEL.md section 3.

use std::collections::HashMap;

use super::tree::{self, join, Key, Node, Syntax, Value};
use super::*;
use crate::diagnostic::{did_you_mean, Diagnostic, Pos};

/// A model that loaded, with the warnings found on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The validated model.
    pub model: Model,
    /// Problems that do not stop the analysis.
    pub warnings: Vec<Diagnostic>,
}

/// Parses and validates a model. On failure, every error found (and the warnings) in
/// source order.
pub fn load(source: &str, syntax: Syntax) -> Result<Loaded, Vec<Diagnostic>> {
    let (root, parse_errors) = tree::parse(source, syntax);
    let Some(root) = root else {
        return Err(parse_errors);
    };
    let mut v = Validator {
        syntax,
        diagnostics: parse_errors,
    };
    let model = v.model(&root);
    let (mut errors, mut warnings): (Vec<_>, Vec<_>) = v
        .diagnostics
        .into_iter()
        .partition(|d| d.severity == crate::diagnostic::Severity::Error);
    if errors.is_empty() {
        warnings.extend(model_warnings(&model));
        Ok(Loaded { model, warnings })
    } else {
        errors.sort_by_key(|d| d.pos.unwrap_or_default());
        errors.dedup();
        Err(errors)
    }
}

const TOP_FIELDS: &[&str] = &[
    "version",
    "name",
    "currency",
    "defaults",
    "objectives",
    "strategies",
    "strategy",
    "units",
    "systems",
    "integrations",
    "workflows",
    "fixes",
];
const DEFAULT_FIELDS: &[&str] = &[
    "hourly_cost",
    "manual_minutes",
    "semi_minutes",
    "missing_minutes",
    "integration_cost",
];
const OBJECTIVE_FIELDS: &[&str] = &["name", "description"];
const STRATEGY_FIELDS: &[&str] = &["name", "description", "weights"];
const UNIT_FIELDS: &[&str] = &["name", "owner", "hourly_cost"];
const SYSTEM_FIELDS: &[&str] = &[
    "name",
    "kind",
    "unit",
    "owner",
    "satisfaction",
    "annual_cost",
];
const INTEGRATION_FIELDS: &[&str] = &[
    "id", "from", "to", "carries", "mode", "minutes", "fix_cost", "via", "name", "note",
];
const WORKFLOW_FIELDS: &[&str] = &["name", "unit", "owner", "runs", "serves", "handoffs"];
const RUNS_FIELDS: &[&str] = &["count", "per"];
const HANDOFF_FIELDS: &[&str] = &["from", "to", "data", "minutes", "note"];
const FIX_FIELDS: &[&str] = &["id", "from", "to", "cost", "carries", "name", "note"];

/// Which numbers a field accepts.
#[derive(Clone, Copy)]
enum Range {
    NonNegative,
    Positive,
    UnitInterval,
    Rating,
}

impl Range {
    fn accepts(self, x: f64) -> bool {
        match self {
            Range::NonNegative => x >= 0.0,
            Range::Positive => x > 0.0,
            Range::UnitInterval => (0.0..=1.0).contains(&x),
            Range::Rating => (1.0..=5.0).contains(&x),
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Range::NonNegative => "a number >= 0",
            Range::Positive => "a number > 0",
            Range::UnitInterval => "a number from 0 to 1",
            Range::Rating => "a number from 1 to 5",
        }
    }
}

/// The fields of one map, after unknown ones were reported.
struct Fields<'a> {
    path: String,
    pos: Pos,
    entries: Vec<(&'a Key, &'a Node)>,
}

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _)| k.text == name)
            .map(|(_, v)| *v)
    }

    fn path(&self, name: &str) -> String {
        join(&self.path, name)
    }
}

struct Validator {
    syntax: Syntax,
    diagnostics: Vec<Diagnostic>,
}

/// "a number `5`", "text `many`", "a list": what a node holds, for messages.
fn found(node: &Node) -> String {
    match &node.value {
        Value::Scalar { text, .. } => {
            let shown: String = text.chars().take(40).collect();
            let ellipsis = if text.chars().count() > 40 { "..." } else { "" };
            format!(
                "{} `{}{ellipsis}`",
                node.value.describe(),
                shown.escape_debug()
            )
        }
        other => other.describe().to_string(),
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Ids known in one section, for resolving references with "did you mean".
struct Ids<'a> {
    what: &'static str,
    ids: Vec<&'a str>,
}

impl<'a> Ids<'a> {
    fn index(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|k| *k == id)
    }
}

impl Validator {
    fn error(
        &mut self,
        code: &'static str,
        path: impl Into<String>,
        pos: Pos,
        message: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::error(code, path, Some(pos), message));
    }

    fn wrong_type(&mut self, path: &str, node: &Node, expected: &str) {
        let found = found(node);
        self.error(
            "wrong-type",
            path,
            node.pos,
            format!("expected {expected}, found {found}"),
        );
    }

    /// A map's entries, each unknown field reported with the nearest known one.
    fn fields<'a>(&mut self, node: &'a Node, path: &str, known: &[&str]) -> Option<Fields<'a>> {
        let entries = match &node.value {
            Value::Map(entries) => entries,
            _ => {
                self.wrong_type(path, node, "a map");
                return None;
            }
        };
        let mut kept = Vec::new();
        for (key, value) in entries {
            if known.contains(&key.text.as_str()) {
                kept.push((key, value));
            } else {
                let mut d = Diagnostic::error(
                    "unknown-field",
                    join(path, &key.text),
                    Some(key.pos),
                    format!("unknown field `{}`", key.text),
                );
                d.help = Some(match did_you_mean(&key.text, known.iter().copied()) {
                    Some(hint) => hint,
                    None => format!("known fields here: {}", known.join(", ")),
                });
                self.diagnostics.push(d);
            }
        }
        Some(Fields {
            path: path.to_string(),
            pos: node.pos,
            entries: kept,
        })
    }

    /// A map keyed by identifiers (objectives, systems, ...). `None` when absent or wrong.
    fn id_map<'a>(&mut self, node: Option<&'a Node>, path: &str) -> Vec<(&'a Key, &'a Node)> {
        match node.map(|n| (&n.value, n)) {
            None | Some((Value::Null, _)) => Vec::new(),
            Some((Value::Map(entries), _)) => {
                for (key, _) in entries {
                    self.check_identifier(&key.text, &join(path, &key.text), key.pos);
                }
                entries.iter().map(|(k, v)| (k, v)).collect()
            }
            Some((_, n)) => {
                self.wrong_type(path, n, "a map of identifiers");
                Vec::new()
            }
        }
    }

    fn list<'a>(&mut self, node: Option<&'a Node>, path: &str) -> &'a [Node] {
        match node.map(|n| (&n.value, n)) {
            None | Some((Value::Null, _)) => &[],
            Some((Value::Seq(items), _)) => items,
            Some((_, n)) => {
                self.wrong_type(path, n, "a list");
                &[]
            }
        }
    }

    fn check_identifier(&mut self, id: &str, path: &str, pos: Pos) -> bool {
        if is_identifier(id) {
            return true;
        }
        self.diagnostics.push(
            Diagnostic::error(
                "invalid-id",
                path,
                Some(pos),
                format!("`{id}` is not a valid identifier"),
            )
            .with_help(
                "identifiers start with a letter or digit, then letters, digits, `_`, `.` or `-`",
            ),
        );
        false
    }

    fn text(&mut self, node: &Node, path: &str) -> Option<String> {
        match &node.value {
            Value::Scalar { text, plain } => {
                if *plain && self.syntax == Syntax::Json {
                    self.wrong_type(path, node, "text (a JSON string)");
                    return None;
                }
                if text.trim().is_empty() {
                    self.error("empty-text", path, node.pos, "text must not be empty");
                    return None;
                }
                Some(text.clone())
            }
            _ => {
                self.wrong_type(path, node, "text");
                None
            }
        }
    }

    fn opt_text(&mut self, fields: &Fields, name: &str) -> Option<String> {
        fields
            .get(name)
            .and_then(|n| self.text(n, &fields.path(name)))
    }

    fn identifier(&mut self, node: &Node, path: &str) -> Option<String> {
        let text = self.text(node, path)?;
        self.check_identifier(&text, path, node.pos).then_some(text)
    }

    fn number(&mut self, node: &Node, path: &str, range: Range) -> Option<f64> {
        let value = match &node.value {
            Value::Scalar { text, plain: true } => parse_number(text),
            _ => None,
        };
        let Some(value) = value else {
            let mut d = Diagnostic::error(
                "wrong-type",
                path,
                Some(node.pos),
                format!("expected {}, found {}", range.describe(), found(node)),
            );
            if let Value::Scalar { text, plain: false } = &node.value {
                if parse_number(text).is_some() {
                    d = d.with_help("remove the quotes");
                }
            }
            self.diagnostics.push(d);
            return None;
        };
        if !value.is_finite() {
            self.error(
                "not-finite",
                path,
                node.pos,
                format!("expected {}, found {value}", range.describe()),
            );
            return None;
        }
        if !range.accepts(value) {
            self.error(
                "out-of-range",
                path,
                node.pos,
                format!("expected {}, found {value}", range.describe()),
            );
            return None;
        }
        Some(value)
    }

    fn opt_number(&mut self, fields: &Fields, name: &str, range: Range) -> Option<f64> {
        fields
            .get(name)
            .and_then(|n| self.number(n, &fields.path(name), range))
    }

    fn required<'a>(&mut self, fields: &Fields<'a>, name: &str) -> Option<&'a Node> {
        let node = fields.get(name);
        if node.is_none() {
            self.error(
                "missing-field",
                fields.path.clone(),
                fields.pos,
                format!("missing required field `{name}`"),
            );
        }
        node
    }

    /// Resolves a reference to an id of `ids`, with "did you mean".
    fn reference(&mut self, node: &Node, path: &str, ids: &Ids) -> Option<usize> {
        let id = self.text(node, path)?;
        let found = ids.index(&id);
        if found.is_none() {
            let mut d = Diagnostic::error(
                "unknown-reference",
                path,
                Some(node.pos),
                format!("unknown {} `{id}`", ids.what),
            );
            d.help = did_you_mean(&id, ids.ids.iter().copied()).or_else(|| match ids.ids.len() {
                0 => Some(format!("no {} is declared", ids.what)),
                1..=12 => Some(format!("known: {}", ids.ids.join(", "))),
                _ => None,
            });
            self.diagnostics.push(d);
        }
        found
    }

    fn enumeration<T: Copy>(
        &mut self,
        node: &Node,
        path: &str,
        options: &[(&str, T)],
        what: &str,
    ) -> Option<T> {
        let text = self.text(node, path)?;
        if let Some((_, v)) = options.iter().find(|(name, _)| *name == text) {
            return Some(*v);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let mut d = Diagnostic::error(
            "unknown-value",
            path,
            Some(node.pos),
            format!("unknown {what} `{text}`"),
        );
        d.help = Some(match did_you_mean(&text, names.iter().copied()) {
            Some(hint) => format!("{hint} (one of: {})", names.join(", ")),
            None => format!("one of: {}", names.join(", ")),
        });
        self.diagnostics.push(d);
        None
    }

    /// A non-empty list of data objects.
    fn carries(&mut self, node: &Node, path: &str) -> Option<Carries> {
        let Value::Seq(items) = &node.value else {
            self.wrong_type(path, node, "a list of data objects");
            return None;
        };
        if items.is_empty() {
            self.error("empty-list", path, node.pos, "the list must not be empty");
            return None;
        }
        let mut data = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.text(item, &format!("{path}[{}]", i + 1)) {
                Some(d) if !data.contains(&d) => data.push(d),
                Some(_) => {}
                None => ok = false,
            }
        }
        ok.then_some(Carries(data))
    }

    fn endpoints(&mut self, fields: &Fields, systems: &Ids) -> (Option<usize>, Option<usize>) {
        let from = self
            .required(fields, "from")
            .and_then(|n| self.reference(n, &fields.path("from"), systems));
        let to = self
            .required(fields, "to")
            .and_then(|n| self.reference(n, &fields.path("to"), systems));
        if let (Some(f), Some(t)) = (from, to) {
            if f == t {
                let pos = fields.get("to").map_or(fields.pos, |n| n.pos);
                self.error(
                    "same-endpoints",
                    fields.path("to"),
                    pos,
                    format!("`from` and `to` are both `{}`", systems.ids[f]),
                );
                return (None, None);
            }
        }
        (from, to)
    }

    fn model(&mut self, root: &Node) -> Model {
        let mut model = Model {
            currency: "USD".into(),
            ..Model::default()
        };
        let top = match &root.value {
            Value::Map(_) => self.fields(root, "", TOP_FIELDS),
            _ => {
                self.wrong_type(
                    "",
                    root,
                    "a map of sections (version, systems, workflows, ...)",
                );
                None
            }
        };
        let Some(top) = top else { return model };

        if let Some(node) = top.get("version") {
            let ok =
                matches!(&node.value, Value::Scalar { text, plain: true } if text.trim() == "1");
            if !ok {
                let shown = match &node.value {
                    Value::Scalar { text, .. } => text.clone(),
                    other => other.describe().to_string(),
                };
                self.error(
                    "unsupported-version",
                    "version",
                    node.pos,
                    format!("unsupported version `{shown}`; this gapgraph reads version 1"),
                );
            }
        }
        model.name = self.opt_text(&top, "name");
        if let Some(currency) = self.opt_text(&top, "currency") {
            model.currency = currency;
        }
        if let Some(node) = top.get("defaults") {
            if !matches!(node.value, Value::Null) {
                if let Some(f) = self.fields(node, "defaults", DEFAULT_FIELDS) {
                    let d = &mut model.defaults;
                    let pairs: [(&str, Range, &mut f64); 5] = [
                        ("hourly_cost", Range::NonNegative, &mut d.hourly_cost),
                        ("manual_minutes", Range::Positive, &mut d.manual_minutes),
                        ("semi_minutes", Range::Positive, &mut d.semi_minutes),
                        (
                            "missing_minutes",
                            Range::NonNegative,
                            &mut d.missing_minutes,
                        ),
                        (
                            "integration_cost",
                            Range::NonNegative,
                            &mut d.integration_cost,
                        ),
                    ];
                    for (name, range, slot) in pairs {
                        if let Some(node) = f.get(name) {
                            if let Some(x) = self.number(node, &f.path(name), range) {
                                *slot = x;
                            }
                        }
                    }
                }
            }
        }

        // Objectives
        let objective_entries = self.id_map(top.get("objectives"), "objectives");
        let objective_ids = Ids {
            what: "objective",
            ids: objective_entries
                .iter()
                .map(|(k, _)| k.text.as_str())
                .collect(),
        };
        for (key, node) in &objective_entries {
            let path = join("objectives", &key.text);
            let mut objective = Objective {
                id: key.text.clone(),
                name: key.text.clone(),
                description: None,
            };
            if !matches!(node.value, Value::Null) {
                if let Some(f) = self.fields(node, &path, OBJECTIVE_FIELDS) {
                    objective.name = self.opt_text(&f, "name").unwrap_or(objective.name);
                    objective.description = self.opt_text(&f, "description");
                }
            }
            model.objectives.push(objective);
        }

        // Strategies
        let strategy_entries = self.id_map(top.get("strategies"), "strategies");
        let strategy_ids = Ids {
            what: "strategy",
            ids: strategy_entries
                .iter()
                .map(|(k, _)| k.text.as_str())
                .collect(),
        };
        for (key, node) in &strategy_entries {
            let path = join("strategies", &key.text);
            let mut strategy = Strategy {
                id: key.text.clone(),
                name: key.text.clone(),
                description: None,
                weights: Vec::new(),
            };
            if let Some(f) = self.fields(node, &path, STRATEGY_FIELDS) {
                strategy.name = self.opt_text(&f, "name").unwrap_or(strategy.name);
                strategy.description = self.opt_text(&f, "description");
                if let Some(weights) = self.required(&f, "weights") {
                    let wpath = f.path("weights");
                    strategy.weights =
                        self.objective_map(weights, &wpath, &objective_ids, Range::NonNegative);
                    let all_valid = matches!(&weights.value, Value::Map(e) if e.len() == strategy.weights.len());
                    if all_valid && !strategy.weights.iter().any(|(_, w)| *w > 0.0) {
                        self.error(
                            "no-positive-weight",
                            wpath,
                            weights.pos,
                            format!("strategy `{}` gives no objective a weight > 0", key.text),
                        );
                    }
                }
            }
            model.strategies.push(strategy);
        }
        model.default_strategy = match top.get("strategy") {
            Some(node) => self.reference(node, "strategy", &strategy_ids),
            None => (!model.strategies.is_empty()).then_some(0),
        };

        // Units
        let unit_entries = self.id_map(top.get("units"), "units");
        let unit_ids = Ids {
            what: "unit",
            ids: unit_entries.iter().map(|(k, _)| k.text.as_str()).collect(),
        };
        for (key, node) in &unit_entries {
            let path = join("units", &key.text);
            let mut unit = Unit {
                id: key.text.clone(),
                name: key.text.clone(),
                owner: None,
                hourly_cost: None,
            };
            if !matches!(node.value, Value::Null) {
                if let Some(f) = self.fields(node, &path, UNIT_FIELDS) {
                    unit.name = self.opt_text(&f, "name").unwrap_or(unit.name);
                    unit.owner = self.opt_text(&f, "owner");
                    unit.hourly_cost = self.opt_number(&f, "hourly_cost", Range::NonNegative);
                }
            }
            model.units.push(unit);
        }

        // Systems
        let system_entries = self.id_map(top.get("systems"), "systems");
        let system_ids = Ids {
            what: "system",
            ids: system_entries
                .iter()
                .map(|(k, _)| k.text.as_str())
                .collect(),
        };
        let kinds: Vec<(&str, SystemKind)> =
            SystemKind::ALL.iter().map(|k| (k.as_str(), *k)).collect();
        for (key, node) in &system_entries {
            let path = join("systems", &key.text);
            let mut system = System {
                id: key.text.clone(),
                name: key.text.clone(),
                kind: SystemKind::Application,
                unit: None,
                owner: None,
                satisfaction: None,
                annual_cost: None,
            };
            if !matches!(node.value, Value::Null) {
                if let Some(f) = self.fields(node, &path, SYSTEM_FIELDS) {
                    system.name = self.opt_text(&f, "name").unwrap_or(system.name);
                    if let Some(n) = f.get("kind") {
                        system.kind = self
                            .enumeration(n, &f.path("kind"), &kinds, "system kind")
                            .unwrap_or(system.kind);
                    }
                    system.unit = f
                        .get("unit")
                        .and_then(|n| self.reference(n, &f.path("unit"), &unit_ids));
                    system.owner = self.opt_text(&f, "owner");
                    system.satisfaction = self.opt_number(&f, "satisfaction", Range::Rating);
                    system.annual_cost = self.opt_number(&f, "annual_cost", Range::NonNegative);
                }
            }
            model.systems.push(system);
        }

        // Integrations
        let modes = [
            ("automated", Mode::Automated),
            ("semi", Mode::Semi),
            ("manual", Mode::Manual),
        ];
        let mut integration_ids: HashMap<String, String> = HashMap::new();
        let integration_nodes = self.list(top.get("integrations"), "integrations");
        for (i, node) in integration_nodes.iter().enumerate() {
            let path = format!("integrations[{}]", i + 1);
            let Some(f) = self.fields(node, &path, INTEGRATION_FIELDS) else {
                continue;
            };
            let (from, to) = self.endpoints(&f, &system_ids);
            let carries = self
                .required(&f, "carries")
                .and_then(|n| self.carries(n, &f.path("carries")));
            let mode = f
                .get("mode")
                .and_then(|n| self.enumeration(n, &f.path("mode"), &modes, "mode"));
            let minutes = self.opt_number(&f, "minutes", Range::Positive);
            let fix_cost = self.opt_number(&f, "fix_cost", Range::NonNegative);
            let via = self.opt_text(&f, "via");
            let name = self.opt_text(&f, "name");
            let note = self.opt_text(&f, "note");
            let id = match f.get("id") {
                Some(n) => self.identifier(n, &f.path("id")),
                None => match (from, to) {
                    (Some(a), Some(b)) => {
                        Some(format!("{}->{}", system_ids.ids[a], system_ids.ids[b]))
                    }
                    _ => None,
                },
            };
            if let Some(id) = &id {
                if let Some(first) = integration_ids.get(id) {
                    let pos = f.get("id").map_or(f.pos, |n| n.pos);
                    self.diagnostics.push(
                        Diagnostic::error(
                            "duplicate-id",
                            path.clone(),
                            Some(pos),
                            format!("integration id `{id}` is also the id of {first}"),
                        )
                        .with_help("give one of them an explicit `id`"),
                    );
                } else {
                    integration_ids.insert(id.clone(), path.clone());
                }
            }
            if let (Some(id), Some(from), Some(to), Some(carries)) = (id, from, to, carries) {
                model.integrations.push(Integration {
                    id,
                    from,
                    to,
                    carries,
                    mode: mode.unwrap_or(Mode::Automated),
                    minutes,
                    fix_cost,
                    via,
                    name,
                    note,
                });
            }
        }

        // Workflows
        let periods: Vec<(&str, Period)> = Period::ALL.iter().map(|p| (p.as_str(), *p)).collect();
        for (key, node) in self.id_map(top.get("workflows"), "workflows") {
            let path = join("workflows", &key.text);
            let Some(f) = self.fields(node, &path, WORKFLOW_FIELDS) else {
                continue;
            };
            let name = self
                .opt_text(&f, "name")
                .unwrap_or_else(|| key.text.clone());
            let unit = f
                .get("unit")
                .and_then(|n| self.reference(n, &f.path("unit"), &unit_ids));
            let owner = self.opt_text(&f, "owner");
            let mut runs = None;
            if let Some(n) = self.required(&f, "runs") {
                if let Some(r) = self.fields(n, &f.path("runs"), RUNS_FIELDS) {
                    let count = self
                        .required(&r, "count")
                        .and_then(|n| self.number(n, &r.path("count"), Range::Positive));
                    let per = self
                        .required(&r, "per")
                        .and_then(|n| self.enumeration(n, &r.path("per"), &periods, "period"));
                    if let (Some(count), Some(per)) = (count, per) {
                        runs = Some((count, per));
                    }
                }
            }
            let serves = match f.get("serves") {
                Some(n) if !matches!(n.value, Value::Null) => {
                    self.objective_map(n, &f.path("serves"), &objective_ids, Range::UnitInterval)
                }
                _ => Vec::new(),
            };
            let mut handoffs = Vec::new();
            if let Some(n) = self.required(&f, "handoffs") {
                let hpath = f.path("handoffs");
                match &n.value {
                    Value::Seq(items) if items.is_empty() => self.error(
                        "empty-list",
                        hpath.clone(),
                        n.pos,
                        "a workflow needs at least one handoff",
                    ),
                    Value::Seq(items) => {
                        for (i, item) in items.iter().enumerate() {
                            let path = format!("{hpath}[{}]", i + 1);
                            let Some(h) = self.fields(item, &path, HANDOFF_FIELDS) else {
                                continue;
                            };
                            let (from, to) = self.endpoints(&h, &system_ids);
                            let data = self.required(&h, "data").and_then(|n| {
                                let data = self.text(n, &h.path("data"))?;
                                if data == "*" {
                                    self.error(
                                        "wildcard-data",
                                        h.path("data"),
                                        n.pos,
                                        "a handoff moves one data object, not `*`",
                                    );
                                    return None;
                                }
                                Some(data)
                            });
                            let minutes = self.opt_number(&h, "minutes", Range::NonNegative);
                            let note = self.opt_text(&h, "note");
                            if let (Some(from), Some(to), Some(data)) = (from, to, data) {
                                handoffs.push(Handoff {
                                    from,
                                    to,
                                    data,
                                    minutes,
                                    note,
                                });
                            }
                        }
                    }
                    _ => self.wrong_type(&hpath, n, "a list of handoffs"),
                }
            }
            if let Some((runs_count, runs_per)) = runs {
                model.workflows.push(Workflow {
                    id: key.text.clone(),
                    name,
                    unit,
                    owner,
                    runs_count,
                    runs_per,
                    serves,
                    handoffs,
                });
            }
        }

        // Fixes
        let mut fix_ids: HashMap<String, String> = HashMap::new();
        let fix_nodes = self.list(top.get("fixes"), "fixes");
        for (i, node) in fix_nodes.iter().enumerate() {
            let path = format!("fixes[{}]", i + 1);
            let Some(f) = self.fields(node, &path, FIX_FIELDS) else {
                continue;
            };
            let (from, to) = self.endpoints(&f, &system_ids);
            let cost = self
                .required(&f, "cost")
                .and_then(|n| self.number(n, &f.path("cost"), Range::NonNegative));
            let carries = match f.get("carries") {
                Some(n) => self.carries(n, &f.path("carries")).map(Some),
                None => Some(None),
            };
            let name = self.opt_text(&f, "name");
            let note = self.opt_text(&f, "note");
            let id = match f.get("id") {
                Some(n) => {
                    let id = self.identifier(n, &f.path("id"));
                    if let Some(id) = &id {
                        if let Some(other) = integration_ids.get(id) {
                            self.diagnostics.push(
                                Diagnostic::error(
                                    "duplicate-id",
                                    f.path("id"),
                                    Some(n.pos),
                                    format!("fix id `{id}` is already the id of {other}"),
                                )
                                .with_help("fix ids must differ from integration ids"),
                            );
                        }
                    }
                    id
                }
                None => match (from, to) {
                    (Some(a), Some(b)) => {
                        Some(format!("{}->{}", system_ids.ids[a], system_ids.ids[b]))
                    }
                    _ => None,
                },
            };
            if let Some(id) = &id {
                if let Some(first) = fix_ids.get(id) {
                    let pos = f.get("id").map_or(f.pos, |n| n.pos);
                    self.diagnostics.push(
                        Diagnostic::error(
                            "duplicate-id",
                            path.clone(),
                            Some(pos),
                            format!("fix id `{id}` is also the id of {first}"),
                        )
                        .with_help("give one of them an explicit `id`"),
                    );
                } else {
                    fix_ids.insert(id.clone(), path.clone());
                }
            }
            if let (Some(id), Some(from), Some(to), Some(cost), Some(carries)) =
                (id, from, to, cost, carries)
            {
                model.fixes.push(CatalogFix {
                    id,
                    from,
                    to,
                    cost,
                    carries,
                    name,
                    note,
                });
            }
        }
        model
    }

    /// A map objective -> number (strategy weights, workflow serves).
    fn objective_map(
        &mut self,
        node: &Node,
        path: &str,
        objectives: &Ids,
        range: Range,
    ) -> Vec<(usize, f64)> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(path, node, "a map of objective -> number");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in entries {
            let entry_path = join(path, &key.text);
            let objective = objectives.index(&key.text);
            if objective.is_none() {
                let mut d = Diagnostic::error(
                    "unknown-reference",
                    entry_path.clone(),
                    Some(key.pos),
                    format!("unknown objective `{}`", key.text),
                );
                d.help = did_you_mean(&key.text, objectives.ids.iter().copied()).or_else(|| {
                    objectives
                        .ids
                        .is_empty()
                        .then(|| "no objective is declared".to_string())
                });
                self.diagnostics.push(d);
            }
            let number = self.number(value, &entry_path, range);
            if let (Some(o), Some(x)) = (objective, number) {
                out.push((o, x));
            }
        }
        out
    }
}

/// The warnings of MODEL.md section 3, in a fixed order.
fn model_warnings(model: &Model) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if model.workflows.is_empty() {
        warnings.push(Diagnostic::warning(
            "no-workflows",
            "workflows",
            None,
            "the model has no workflows: there is nothing to analyse",
        ));
    }
    if model.strategies.is_empty() {
        warnings.push(Diagnostic::warning(
            "no-strategies",
            "strategies",
            None,
            "the model has no strategies: every workflow counts with alignment 1",
        ));
    }
    let mut touched = vec![false; model.systems.len()];
    for i in &model.integrations {
        touched[i.from] = true;
        touched[i.to] = true;
    }
    for h in model.workflows.iter().flat_map(|w| &w.handoffs) {
        touched[h.from] = true;
        touched[h.to] = true;
    }
    for (system, touched) in model.systems.iter().zip(&touched) {
        if !touched {
            warnings.push(Diagnostic::warning(
                "unused-system",
                join("systems", &system.id),
                None,
                format!(
                    "system `{}` is not touched by any integration or handoff",
                    system.id
                ),
            ));
        }
    }
    for (o, objective) in model.objectives.iter().enumerate() {
        let weighed = model
            .strategies
            .iter()
            .any(|s| s.weights.iter().any(|(i, w)| *i == o && *w > 0.0));
        let served = model.workflows.iter().any(|w| w.serves(o) > 0.0);
        let path = join("objectives", &objective.id);
        if !weighed {
            warnings.push(Diagnostic::warning(
                "unweighed-objective",
                path.clone(),
                None,
                format!(
                    "objective `{}` is not weighed by any strategy",
                    objective.id
                ),
            ));
        }
        if !served {
            warnings.push(Diagnostic::warning(
                "unserved-objective",
                path,
                None,
                format!("objective `{}` is not served by any workflow", objective.id),
            ));
        }
    }
    for workflow in &model.workflows {
        if !workflow.serves.iter().any(|(_, v)| *v > 0.0) {
            let why = if model.strategies.is_empty() {
                "it will have alignment 0 once strategies are declared"
            } else {
                "its alignment is 0 under every strategy"
            };
            warnings.push(Diagnostic::warning(
                "workflow-serves-nothing",
                join("workflows", &workflow.id),
                None,
                format!("workflow `{}` serves no objective: {why}", workflow.id),
            ));
        }
    }
    warnings
}
