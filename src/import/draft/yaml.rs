//! The YAML writer: one section after another, each value that was assumed with its
//! `# assumed: ...` comment, and the side tables' fields (sheets' details, CALM's extras)
//! in their places.

use std::fmt::Write;

use super::{Draft, DraftHandoff, DraftIntegration, DraftSystem, DraftUnit, DraftWorkflow, Slot};

impl Draft {
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
        self.write_defaults(&mut y);
        self.write_objectives(&mut y);
        self.write_strategies(&mut y);
        if !self.units.is_empty() {
            y.push_str("units:\n");
        }
        for u in &self.units {
            write_unit(&mut y, u);
        }
        if !self.systems.is_empty() {
            y.push_str("systems:\n");
        }
        for s in &self.systems {
            write_system(&mut y, s);
        }
        if !self.integrations.is_empty() {
            y.push_str("integrations:\n");
        }
        for (i, g) in self.integrations.iter().enumerate() {
            self.write_integration(&mut y, i, g);
        }
        if !self.workflows.is_empty() {
            y.push_str("workflows:\n");
        }
        for (wi, w) in self.workflows.iter().enumerate() {
            self.write_workflow(&mut y, wi, w);
        }
        y.push_str(&self.detail.yaml_tail());
        self.extra.top_lines(&mut y);
        y
    }

    fn write_defaults(&self, y: &mut String) {
        if !self.defaults.is_empty() {
            y.push_str("defaults:\n");
            for (key, value) in &self.defaults {
                let line = format!("  {key}: {}", number(value.value));
                push_line(y, line, value.assumed.as_ref());
            }
        }
    }

    fn write_objectives(&self, y: &mut String) {
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
    }

    fn write_strategies(&self, y: &mut String) {
        if !self.strategies.is_empty() {
            y.push_str("strategies:\n");
            for (i, (id, name, weights)) in self.strategies.iter().enumerate() {
                let _ = writeln!(y, "  {}\n    name: {}", entry(id), quote(name));
                if let Some(d) = self.detail.strategy_description(i) {
                    let _ = writeln!(y, "    description: {}", quote(d));
                }
                let line = format!("    weights: {}", flow_numbers(&weights.value));
                push_line(y, line, weights.assumed.as_ref());
            }
        }
    }

    /// Integration `i` as one flow mapping, its carries and mode assumptions in one comment.
    fn write_integration(&self, y: &mut String, i: usize, integration: &DraftIntegration) {
        let mut fields = Vec::new();
        if let Some(id) = &integration.id {
            fields.push(format!("id: {}", key(id)));
        }
        fields.push(format!("from: {}", key(&integration.from)));
        fields.push(format!("to: {}", key(&integration.to)));
        fields.push(format!(
            "carries: {}",
            flow_strings(&integration.carries.value)
        ));
        if let Some(mode) = integration.mode {
            fields.push(format!("mode: {mode}"));
        }
        if let Some(minutes) = integration.minutes {
            fields.push(format!("minutes: {}", number(minutes)));
        }
        if let Some(via) = &integration.via {
            fields.push(format!("via: {}", quote(via)));
        }
        if let Some(name) = &integration.name {
            fields.push(format!("name: {}", quote(name)));
        }
        if let Some(cost) = integration.fix_cost {
            fields.push(format!("fix_cost: {}", number(cost)));
        }
        if let Some(cost) = integration.run_cost {
            fields.push(format!("run_cost: {}", number(cost)));
        }
        if let Some(note) = &integration.note {
            fields.push(format!("note: {}", quote(note)));
        }
        fields.extend(super::detail::integration_fields(&self.detail, i));
        self.extra.flow_fields(Slot::Integration(i), &mut fields);
        let line = format!("  - {{{}}}", fields.join(", "));
        let assumed = match (
            integration.carries.assumed.as_ref(),
            self.detail.mode_assumed(i),
        ) {
            (Some(carries), Some(mode)) => Some(format!("{carries}; {mode}")),
            (carries, mode) => carries.or(mode).cloned(),
        };
        push_line(y, line, assumed.as_ref());
    }

    /// Workflow `wi` as a block mapping, its handoffs as flow mappings.
    fn write_workflow(&self, y: &mut String, wi: usize, w: &DraftWorkflow) {
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
        push_line(y, line, w.runs.assumed.as_ref());
        if let Some(source) = self.detail.workflow_source(wi, w.runs.assumed.is_some()) {
            let _ = writeln!(y, "    source: {}", source.yaml());
        }
        if !w.serves.value.is_empty() {
            let line = format!("    serves: {}", flow_numbers(&w.serves.value));
            push_line(y, line, w.serves.assumed.as_ref());
        }
        self.extra.block_lines(Slot::Workflow(wi), "    ", y);
        y.push_str("    handoffs:\n");
        for (hi, h) in w.handoffs.iter().enumerate() {
            self.write_handoff(y, wi, hi, h);
        }
    }

    fn write_handoff(&self, y: &mut String, wi: usize, hi: usize, h: &DraftHandoff) {
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
        push_line(y, line, h.data.assumed.as_ref());
    }
}

fn write_unit(y: &mut String, u: &DraftUnit) {
    let _ = writeln!(y, "  {}\n    name: {}", entry(&u.id), quote(&u.name));
    if let Some(owner) = &u.owner {
        let _ = writeln!(y, "    owner: {}", quote(owner));
    }
    if let Some(cost) = u.hourly_cost {
        let _ = writeln!(y, "    hourly_cost: {}", number(cost));
    }
}

fn write_system(y: &mut String, s: &DraftSystem) {
    let _ = writeln!(y, "  {}\n    name: {}", entry(&s.id), quote(&s.name));
    if let Some(kind) = &s.kind {
        push_line(
            y,
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
pub(super) fn number(n: f64) -> String {
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

pub(super) fn flow_strings(items: &[String]) -> String {
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
