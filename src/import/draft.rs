//! A model about to be written by an importer, and its writers: YAML with `# assumed: ...`
//! comments next to every value the source did not give, or JSON (no comments possible).
//! Every importer builds a [`Draft`] and calls [`Draft::to_yaml`] or [`Draft::to_json`].
//!
//! Strings are always written quoted (JSON escapes are valid YAML double-quoted escapes), so
//! hostile names (`: # [ ] { } & * ! | > ' " %`, `yes`, `1.10`, leading spaces) survive.

use std::fmt::Write;

mod detail;
mod extra;
mod json;

pub use detail::{DraftDetail, DraftFix, DraftHandoffDetail, DraftSource};
pub use extra::Extras;
use extra::Slot;

/// A value with, when the source did not give it, why this value was assumed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Assumable<T> {
    /// The value written.
    pub value: T,
    /// `Some(reason)` when the value is a default, not read from the source.
    pub assumed: Option<String>,
}

impl<T> Assumable<T> {
    /// A value read from the source.
    pub fn given(value: T) -> Self {
        Assumable {
            value,
            assumed: None,
        }
    }

    /// A default, with the reason written next to it.
    pub fn assumed(value: T, reason: impl Into<String>) -> Self {
        Assumable {
            value,
            assumed: Some(reason.into()),
        }
    }
}

/// How often a workflow runs.
#[derive(Clone, Debug, PartialEq)]
pub struct Runs {
    /// Runs per period.
    pub count: f64,
    /// `day`, `week`, `month`, `quarter`, `year`.
    pub per: &'static str,
}

/// One system.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftSystem {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `person`, ... ; `None` writes nothing (the spec's default, `application`).
    pub kind: Option<Assumable<&'static str>>,
    /// Owner.
    pub owner: Option<String>,
    /// Annual cost.
    pub annual_cost: Option<f64>,
    /// Owning unit id.
    pub unit: Option<String>,
    /// Users' rating, 1 to 5.
    pub satisfaction: Option<f64>,
    /// `planned`, `active`, `phase-out`, `end-of-support`.
    pub lifecycle: Option<&'static str>,
    /// `low`, `medium`, `high`, with where it comes from (a comment; empty for none).
    pub criticality: Option<(&'static str, String)>,
}

/// One business unit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftUnit {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Owner.
    pub owner: Option<String>,
    /// Staff cost of an hour.
    pub hourly_cost: Option<f64>,
}

/// One integration.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DraftIntegration {
    /// Explicit id, needed only when another integration has the same ends.
    pub id: Option<String>,
    /// System ids.
    pub from: String,
    /// System ids.
    pub to: String,
    /// Data objects, or `["*"]`.
    pub carries: Assumable<Vec<String>>,
    /// `automated`, `semi`, `manual`; `None` writes nothing (automated).
    pub mode: Option<&'static str>,
    /// Human minutes per use.
    pub minutes: Option<f64>,
    /// Running cost a year once automated.
    pub run_cost: Option<f64>,
    /// Through what (an interface, a service).
    pub via: Option<String>,
    /// Display name.
    pub name: Option<String>,
    /// Cost to automate it.
    pub fix_cost: Option<f64>,
    /// Free text.
    pub note: Option<String>,
}

/// One handoff.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftHandoff {
    /// System ids.
    pub from: String,
    /// System ids.
    pub to: String,
    /// The data object.
    pub data: Assumable<String>,
    /// Where it comes from.
    pub note: Option<String>,
    /// Human minutes per run to do it around the systems.
    pub minutes: Option<f64>,
    /// The unit whose staff do the work, when not the workflow's (unit id).
    pub by: Option<String>,
}

/// One workflow.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftWorkflow {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Owner.
    pub owner: Option<String>,
    /// How often.
    pub runs: Assumable<Runs>,
    /// Objective id -> share, with why it was assumed.
    pub serves: Assumable<Vec<(String, f64)>>,
    /// Steps in order.
    pub handoffs: Vec<DraftHandoff>,
    /// Owning unit id.
    pub unit: Option<String>,
}

/// Objective id -> weight (or share), possibly assumed.
pub type Weights = Assumable<Vec<(String, f64)>>;

/// A model to write.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    /// Comment lines at the top of the YAML (without `# `).
    pub header: Vec<String>,
    /// The model's name.
    pub name: Option<String>,
    /// `defaults`, in order, each possibly assumed.
    pub defaults: Vec<(&'static str, Assumable<f64>)>,
    /// Objective id -> name.
    pub objectives: Vec<(String, String)>,
    /// Strategy (id, name, weights), possibly assumed.
    pub strategies: Vec<(String, String, Weights)>,
    /// Business units in order.
    pub units: Vec<DraftUnit>,
    /// Systems in order.
    pub systems: Vec<DraftSystem>,
    /// Integrations in order.
    pub integrations: Vec<DraftIntegration>,
    /// Workflows in order.
    pub workflows: Vec<DraftWorkflow>,
    /// What only a lossless source gives (currency, sources, fixes, ...), by position.
    pub detail: DraftDetail,
    /// Fields with no typed place, written as given (`import calm`).
    pub extra: Extras,
}

impl Draft {
    /// Every assumption, as `where: why`, in output order (for JSON, which has no comments).
    pub fn assumptions(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (key, value) in &self.defaults {
            push_assumed(&mut out, format!("defaults.{key}"), value.assumed.as_ref());
        }
        for (id, _, weights) in &self.strategies {
            push_assumed(
                &mut out,
                format!("strategies.{id}"),
                weights.assumed.as_ref(),
            );
        }
        for s in &self.systems {
            if let Some(kind) = &s.kind {
                push_assumed(
                    &mut out,
                    format!("systems.{}.kind", s.id),
                    kind.assumed.as_ref(),
                );
            }
        }
        for (i, g) in self.integrations.iter().enumerate() {
            let at = format!("integrations[{}].carries", i + 1);
            push_assumed(&mut out, at, g.carries.assumed.as_ref());
            let at = format!("integrations[{}].mode", i + 1);
            push_assumed(&mut out, at, self.detail.mode_assumed(i));
        }
        for w in &self.workflows {
            push_assumed(
                &mut out,
                format!("workflows.{}.runs", w.id),
                w.runs.assumed.as_ref(),
            );
            push_assumed(
                &mut out,
                format!("workflows.{}.serves", w.id),
                w.serves.assumed.as_ref(),
            );
            for (i, h) in w.handoffs.iter().enumerate() {
                let at = format!("workflows.{}.handoffs[{}].data", w.id, i + 1);
                push_assumed(&mut out, at, h.data.assumed.as_ref());
            }
        }
        out
    }

    /// The model as commented YAML.
    pub fn to_yaml(&self) -> String {
        let mut y = String::new();
        for line in &self.header {
            let _ = writeln!(y, "# {}", one_line(line));
        }
        y.push_str("version: 1\n");
        if let Some(name) = &self.name {
            let _ = writeln!(y, "name: {}", quote(name));
        }
        y.push_str(&self.detail.yaml_head());
        if !self.defaults.is_empty() {
            y.push_str("defaults:\n");
            for (key, value) in &self.defaults {
                let line = format!("  {key}: {}", number(value.value));
                push_line(&mut y, line, value.assumed.as_ref());
            }
        }
        if !self.objectives.is_empty() {
            y.push_str("objectives:\n");
            for (i, (id, name)) in self.objectives.iter().enumerate() {
                let description = self
                    .detail
                    .objective_description(i)
                    .map_or(String::new(), |d| format!(", description: {}", quote(d)));
                let _ = writeln!(y, "  {} {{name: {}{description}}}", entry(id), quote(name));
            }
        }
        if !self.strategies.is_empty() {
            y.push_str("strategies:\n");
            for (i, (id, name, weights)) in self.strategies.iter().enumerate() {
                let _ = writeln!(y, "  {}\n    name: {}", entry(id), quote(name));
                if let Some(d) = self.detail.strategy_description(i) {
                    let _ = writeln!(y, "    description: {}", quote(d));
                }
                let line = format!("    weights: {}", flow_numbers(&weights.value));
                push_line(&mut y, line, weights.assumed.as_ref());
            }
        }
        if !self.units.is_empty() {
            y.push_str("units:\n");
        }
        for u in &self.units {
            let _ = writeln!(y, "  {}\n    name: {}", entry(&u.id), quote(&u.name));
            if let Some(owner) = &u.owner {
                let _ = writeln!(y, "    owner: {}", quote(owner));
            }
            if let Some(cost) = u.hourly_cost {
                let _ = writeln!(y, "    hourly_cost: {}", number(cost));
            }
        }
        if !self.systems.is_empty() {
            y.push_str("systems:\n");
        }
        for s in &self.systems {
            let _ = writeln!(y, "  {}\n    name: {}", entry(&s.id), quote(&s.name));
            if let Some(kind) = &s.kind {
                push_line(
                    &mut y,
                    format!("    kind: {}", kind.value),
                    kind.assumed.as_ref(),
                );
            }
            if let Some(owner) = &s.owner {
                let _ = writeln!(y, "    owner: {}", quote(owner));
            }
            if let Some(unit) = &s.unit {
                let _ = writeln!(y, "    unit: {}", key(unit));
            }
            if let Some(cost) = s.annual_cost {
                let _ = writeln!(y, "    annual_cost: {}", number(cost));
            }
            if let Some(rating) = s.satisfaction {
                let _ = writeln!(y, "    satisfaction: {}", number(rating));
            }
            if let Some(lifecycle) = s.lifecycle {
                let _ = writeln!(y, "    lifecycle: {lifecycle}");
            }
            if let Some((level, from)) = &s.criticality {
                let _ = write!(y, "    criticality: {level}");
                if !from.is_empty() {
                    let _ = write!(y, "  # {}", one_line(from));
                }
                y.push('\n');
            }
        }
        if !self.integrations.is_empty() {
            y.push_str("integrations:\n");
        }
        for (i, g) in self.integrations.iter().enumerate() {
            let mut fields = Vec::new();
            if let Some(id) = &g.id {
                fields.push(format!("id: {}", key(id)));
            }
            fields.push(format!("from: {}", key(&g.from)));
            fields.push(format!("to: {}", key(&g.to)));
            fields.push(format!("carries: {}", flow_strings(&g.carries.value)));
            if let Some(mode) = g.mode {
                fields.push(format!("mode: {mode}"));
            }
            if let Some(minutes) = g.minutes {
                fields.push(format!("minutes: {}", number(minutes)));
            }
            if let Some(via) = &g.via {
                fields.push(format!("via: {}", quote(via)));
            }
            if let Some(name) = &g.name {
                fields.push(format!("name: {}", quote(name)));
            }
            if let Some(cost) = g.fix_cost {
                fields.push(format!("fix_cost: {}", number(cost)));
            }
            if let Some(cost) = g.run_cost {
                fields.push(format!("run_cost: {}", number(cost)));
            }
            if let Some(note) = &g.note {
                fields.push(format!("note: {}", quote(note)));
            }
            fields.extend(detail::integration_fields(&self.detail, i));
            self.extra.flow_fields(Slot::Integration(i), &mut fields);
            let line = format!("  - {{{}}}", fields.join(", "));
            let assumed = match (g.carries.assumed.as_ref(), self.detail.mode_assumed(i)) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.or(b).cloned(),
            };
            push_line(&mut y, line, assumed.as_ref());
        }
        if !self.workflows.is_empty() {
            y.push_str("workflows:\n");
        }
        for (wi, w) in self.workflows.iter().enumerate() {
            let _ = writeln!(y, "  {}\n    name: {}", entry(&w.id), quote(&w.name));
            if let Some(unit) = &w.unit {
                let _ = writeln!(y, "    unit: {}", key(unit));
            }
            if let Some(owner) = &w.owner {
                let _ = writeln!(y, "    owner: {}", quote(owner));
            }
            let runs = &w.runs.value;
            let line = format!(
                "    runs: {{count: {}, per: {}}}",
                number(runs.count),
                runs.per
            );
            push_line(&mut y, line, w.runs.assumed.as_ref());
            if let Some(source) = self.detail.workflow_source(wi, w.runs.assumed.is_some()) {
                let _ = writeln!(y, "    source: {}", source.yaml());
            }
            if !w.serves.value.is_empty() {
                let line = format!("    serves: {}", flow_numbers(&w.serves.value));
                push_line(&mut y, line, w.serves.assumed.as_ref());
            }
            self.extra.block_lines(Slot::Workflow(wi), "    ", &mut y);
            y.push_str("    handoffs:\n");
            for (hi, h) in w.handoffs.iter().enumerate() {
                let mut fields = vec![
                    format!("from: {}", key(&h.from)),
                    format!("to: {}", key(&h.to)),
                    format!("data: {}", quote(&h.data.value)),
                ];
                if let Some(minutes) = h.minutes {
                    fields.push(format!("minutes: {}", number(minutes)));
                }
                if let Some(by) = &h.by {
                    fields.push(format!("by: {}", key(by)));
                }
                if let Some(note) = &h.note {
                    fields.push(format!("note: {}", quote(note)));
                }
                fields.extend(self.detail.handoff_fields(wi, hi));
                self.extra.flow_fields(Slot::Handoff(wi, hi), &mut fields);
                let line = format!("      - {{{}}}", fields.join(", "));
                push_line(&mut y, line, h.data.assumed.as_ref());
            }
        }
        y.push_str(&self.detail.yaml_tail());
        self.extra.top_lines(&mut y);
        y
    }
}

fn push_assumed(out: &mut Vec<String>, at: String, why: Option<&String>) {
    if let Some(why) = why {
        out.push(format!("{at}: {why}"));
    }
}

fn push_line(y: &mut String, line: String, assumed: Option<&String>) {
    y.push_str(&line);
    if let Some(why) = assumed {
        y.push_str(" # assumed: ");
        y.push_str(&one_line(why));
    }
    y.push('\n');
}

/// Comments must stay on their line.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A number as YAML: integers without a fraction, others in Rust's shortest round-trip form.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

fn flow_numbers(pairs: &[(String, f64)]) -> String {
    let items: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}: {}", key(k), number(*v)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

fn flow_strings(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", items.join(", "))
}

/// A double-quoted YAML scalar. JSON string escaping is a subset of YAML's double-quoted
/// escapes, so serde_json does the work; DEL, C1 controls and U+FFFE/U+FFFF, which YAML
/// may not hold raw, are `\u` escapes too (`text::json_string`).
pub fn quote(text: &str) -> String {
    crate::text::json_string(text)
}

/// The start of a block mapping entry whose key is `id`, at two spaces, up to its `:`.
/// YAML limits an implicit key to 1,024 characters; a longer id (valid in a model) is
/// written as an explicit `? key` entry.
fn entry(id: &str) -> String {
    let key = key(id);
    if key.chars().count() > 1000 {
        format!("? {key}\n  :")
    } else {
        format!("{key}:")
    }
}

/// An identifier plain when YAML cannot read it as anything but that text, else quoted.
pub fn key(id: &str) -> String {
    const RESERVED: [&str; 11] = [
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "nan", "inf",
    ];
    let plain = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !RESERVED.contains(&id.to_ascii_lowercase().as_str());
    if plain {
        id.to_string()
    } else {
        quote(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_quoted_and_escaped() {
        assert_eq!(quote("a: b # c"), "\"a: b # c\"");
        assert_eq!(quote("say \"hi\"\n\\"), "\"say \\\"hi\\\"\\n\\\\\"");
        assert_eq!(quote("yes"), "\"yes\"");
    }

    #[test]
    fn identifiers_are_plain_only_when_safe() {
        assert_eq!(key("crm"), "crm");
        assert_eq!(key("yes"), "\"yes\"");
        assert_eq!(key("1.10"), "\"1.10\"");
        assert_eq!(key("a-b.c_d"), "a-b.c_d");
    }

    #[test]
    fn numbers_are_written_without_needless_fractions() {
        assert_eq!(number(50.0), "50");
        assert_eq!(number(0.5), "0.5");
    }
}
