//! `export graphml`: the integration graph as GraphML for yEd, Gephi, Cytoscape and Neo4j
//! (APOC's `apoc.import.graphml`). Systems are nodes; every integration is an edge; every
//! gap handoff is an edge of its own with `gap = true`, its status and what it costs, so a
//! graph tool can filter, colour and size by the analysis. Every attribute is declared as a
//! typed `<key>`; every model string is entity-escaped, so no name can change the document.

use crate::analysis::rules;
use std::fmt::Write as _;
use std::io::Write;

use super::{Render, RenderError};
use crate::analysis::path_ids;
use crate::model::Model;
use crate::view::Report;

/// The GraphML writer.
pub struct Graphml;

/// (name, for, type): every attribute the document uses, declared once as a `<key>` whose
/// id is `FOR_NAME`.
pub const KEYS: [(&str, &str, &str); 31] = [
    ("model", "graph", "string"),
    ("strategy", "graph", "string"),
    ("currency", "graph", "string"),
    ("label", "node", "string"),
    ("labels", "node", "string"),
    ("name", "node", "string"),
    ("kind", "node", "string"),
    ("manual_kind", "node", "boolean"),
    ("unit", "node", "string"),
    ("owner", "node", "string"),
    ("workflows", "node", "string"),
    ("strategic_contribution", "node", "double"),
    ("flags", "node", "string"),
    ("label", "edge", "string"),
    ("gap", "edge", "boolean"),
    ("integration", "edge", "string"),
    ("mode", "edge", "string"),
    ("effective_mode", "edge", "string"),
    ("carries", "edge", "string"),
    ("minutes", "edge", "double"),
    ("fix_cost", "edge", "double"),
    ("via", "edge", "string"),
    ("status", "edge", "string"),
    ("workflow", "edge", "string"),
    ("step", "edge", "int"),
    ("data", "edge", "string"),
    ("path", "edge", "string"),
    ("runs_per_year", "edge", "double"),
    ("annual_hours", "edge", "double"),
    ("annual_cost", "edge", "double"),
    ("strategic_value", "edge", "double"),
];

/// The `<key>` id of attribute `name` on `what` (node and edge `label` share a name).
fn key_id(name: &str, what: &str) -> String {
    format!("{what}_{name}")
}

impl Render<Report<'_>> for Graphml {
    /// Written node by node and edge by edge: only writing can fail.
    fn streams(&self) -> bool {
        true
    }

    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        let mut x = Pending {
            text: String::new(),
            out,
        };
        write_head(report, &mut x.text);
        write_system_nodes(report, &mut x)?;
        let integrations = write_integration_edges(report.model, &mut x)?;
        write_gap_edges(report, integrations, &mut x)?;
        x.text.push_str("  </graph>\n</graphml>\n");
        x.flush()?;
        Ok(())
    }
}

/// Text made and not yet written: written out after each node or edge once it holds
/// [`Pending::SIZE`] bytes, so a document of a million edges (720 MB at E3) is never held
/// whole.
struct Pending<'w> {
    text: String,
    out: &'w mut dyn Write,
}

impl Pending<'_> {
    const SIZE: usize = 1 << 16;

    /// Writes the text out if it has grown to [`Pending::SIZE`].
    fn done(&mut self) -> std::io::Result<()> {
        if self.text.len() >= Self::SIZE {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(self.text.as_bytes())?;
        self.text.clear();
        Ok(())
    }
}

/// The XML declaration, the `<key>` declarations and the graph's own data.
fn write_head(report: &Report, x: &mut String) {
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<!-- gapgraph: systems are nodes; integrations and gap handoffs are directed edges (gap = true on gaps) -->\n");
    x.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (name, what, kind) in &KEYS {
        let _ = writeln!(
            x,
            "  <key id=\"{}\" for=\"{what}\" attr.name=\"{name}\" attr.type=\"{kind}\"/>",
            key_id(name, what)
        );
    }
    x.push_str("  <graph id=\"gapgraph\" edgedefault=\"directed\">\n");
    let model = report.model;
    let analysis = report.analysis;
    let mut graph = Data::new("graph", "    ");
    graph.text("model", model.name.as_deref());
    graph.text(
        "strategy",
        analysis.strategy.as_ref().map(|s| s.id.as_str()),
    );
    graph.text("currency", Some(report.currency()));
    x.push_str(&graph.out);
}

/// One node per system, with its measures.
fn write_system_nodes(report: &Report, pending: &mut Pending) -> std::io::Result<()> {
    let model = report.model;
    let analysis = report.analysis;
    for (system, measures) in model.systems.iter().zip(&analysis.systems) {
        let x = &mut pending.text;
        let _ = writeln!(
            x,
            "    <node id=\"{}\" labels=\":System\">",
            xml(&system.id)
        );
        let mut d = Data::new("node", "      ");
        d.text("label", Some(&system.name));
        d.text("labels", Some(":System"));
        d.text("name", Some(&system.name));
        d.text("kind", Some(system.kind.as_str()));
        d.flag("manual_kind", system.kind.is_manual());
        d.text("unit", system.unit.map(|u| model.unit(u).id.as_str()));
        d.text("owner", system.owner.as_deref());
        let workflows: Vec<String> = measures
            .workflows
            .iter()
            .map(|w| model.workflow(*w).id.clone())
            .collect();
        d.list("workflows", &workflows);
        d.number(
            "strategic_contribution",
            Some(measures.strategic_contribution),
        );
        let flags: Vec<String> = measures
            .flags
            .iter()
            .map(|f| f.as_str().to_string())
            .collect();
        d.list("flags", &flags);
        x.push_str(&d.out);
        x.push_str("    </node>\n");
        pending.done()?;
    }
    Ok(())
}

/// One edge per integration, numbered from `e0`; returns how many.
fn write_integration_edges(model: &Model, pending: &mut Pending) -> std::io::Result<usize> {
    let mut edge = 0;
    for integration in &model.integrations {
        let x = &mut pending.text;
        let (from, to) = (integration.from, integration.to);
        let effective = rules::effective_mode(model, integration.mode, from, to);
        let _ = writeln!(
            x,
            "    <edge id=\"e{edge}\" source=\"{}\" target=\"{}\" label=\"INTEGRATION\">",
            xml(&model.system(from).id),
            xml(&model.system(to).id)
        );
        edge += 1;
        let mut d = Data::new("edge", "      ");
        let label = integration
            .name
            .clone()
            .unwrap_or_else(|| integration.carries.0.join(", "));
        d.text("label", Some(&label));
        d.flag("gap", false);
        d.text("integration", Some(&integration.id));
        d.text("mode", Some(integration.mode.as_str()));
        d.text("effective_mode", Some(effective.as_str()));
        d.list("carries", &integration.carries.0);
        let minutes = rules::hop_minutes(model, integration.mode, from, to, integration.minutes);
        d.number("minutes", Some(minutes));
        d.number("fix_cost", integration.fix_cost);
        d.text("via", integration.via.as_deref());
        x.push_str(&d.out);
        x.push_str("    </edge>\n");
        pending.done()?;
    }
    Ok(edge)
}

/// One edge per gap handoff, numbered on from `e{edge}`.
fn write_gap_edges(report: &Report, mut edge: usize, pending: &mut Pending) -> std::io::Result<()> {
    let model = report.model;
    let analysis = report.analysis;
    for gap in analysis.handoffs.iter().filter(|h| h.status.is_gap()) {
        let x = &mut pending.text;
        let _ = writeln!(
            x,
            "    <edge id=\"e{edge}\" source=\"{}\" target=\"{}\" label=\"GAP\">",
            xml(&model.system(gap.from).id),
            xml(&model.system(gap.to).id)
        );
        edge += 1;
        let mut d = Data::new("edge", "      ");
        let status = gap.status.as_str();
        d.text("label", Some(&format!("{status}: {}", gap.data(model))));
        d.flag("gap", true);
        d.text("status", Some(status));
        d.text("workflow", Some(&model.workflow(gap.workflow).id));
        d.int("step", gap.step);
        d.text("data", Some(gap.data(model)));
        d.number("minutes", Some(gap.minutes));
        d.list("path", &path_ids(model, &gap.path));
        d.number("runs_per_year", Some(gap.runs_per_year));
        d.number("annual_hours", Some(gap.annual_hours));
        d.number("annual_cost", Some(gap.annual_cost));
        d.number("strategic_value", Some(gap.strategic_value));
        x.push_str(&d.out);
        x.push_str("    </edge>\n");
        pending.done()?;
    }
    Ok(())
}

/// The `<data>` elements of one node, edge or graph.
struct Data {
    out: String,
    what: &'static str,
    indent: &'static str,
}

impl Data {
    fn new(what: &'static str, indent: &'static str) -> Self {
        Data {
            out: String::new(),
            what,
            indent,
        }
    }

    fn push(&mut self, name: &str, value: &str) {
        let _ = writeln!(
            self.out,
            "{}<data key=\"{}\">{}</data>",
            self.indent,
            key_id(name, self.what),
            value
        );
    }

    fn text(&mut self, name: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.push(name, &xml(value));
        }
    }

    fn list(&mut self, name: &str, items: &[String]) {
        if !items.is_empty() {
            self.push(name, &xml(&items.join("; ")));
        }
    }

    fn flag(&mut self, name: &str, value: bool) {
        self.push(name, if value { "true" } else { "false" });
    }

    fn int(&mut self, name: &str, value: usize) {
        self.push(name, &value.to_string());
    }

    fn number(&mut self, name: &str, value: Option<f64>) {
        if let Some(value) = value.filter(|v| v.is_finite()) {
            // `+ 0.0` turns -0 into 0; Display is the shortest text that reads back exactly.
            self.push(name, &format!("{}", value + 0.0));
        }
    }
}

/// Text for XML 1.0 content and quoted attributes: markup characters as entities, and
/// characters XML 1.0 cannot hold at all (C0 controls but tab and line feed, U+FFFE,
/// U+FFFF) as a space; a carriage return as a character reference so it survives, and
/// DEL, C1 controls, bidi controls and the line and paragraph separators as character
/// references too (the text read back is the same, and none is raw in the file).
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push(' '),
            c if crate::text::json_escapes(c) => out.push_str(&format!("&#x{:X};", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn xml_text_cannot_open_a_tag_or_leave_an_attribute() {
        assert_eq!(
            xml("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;"
        );
        assert_eq!(xml("a\u{0}b\u{1b}c\u{FFFF}\r\n"), "a b c &#13;\n");
    }
}
