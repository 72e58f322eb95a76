//! `diagram --format mermaid`: the same scene as the DOT diagram as a Mermaid flowchart,
//! for Markdown pages that GitHub and GitLab draw. Nodes get generated ids (`n0`, `n1`,
//! ... by system index, as in DOT; `u0`, ... and `nounit` at the unit level) and every
//! label is quoted and entity-escaped, so no name can break the chart. Mermaid refuses
//! charts of more than 500 edges, so such a chart is refused here, with what to draw
//! instead.

use std::io::Write;

use super::dot::{diagram_title, empty_focus, FOCUS_HINT, READABLE_SYSTEMS};
use super::{Render, RenderError};
use crate::model::{SystemIx, SystemKind};
use crate::text::{mermaid, mermaid_lines};
use crate::view::palette::{self, Look};
use crate::view::scene::{
    scene, short_list, wrap, Frame, Level, Scene, View, LABEL_ITEMS, NAME_WIDTH,
};
use crate::view::units::{self, edge_lines, node_lines, node_name, unit_scene, width};
use crate::view::Report;

/// Mermaid's default `maxEdges`: past it, it draws "Edge limit exceeded" instead.
pub const MAX_EDGES: usize = 500;

/// `diagram --format mermaid`.
pub struct Mermaid {
    /// Which part of the graph, and how many fixes to mark.
    pub view: View,
    /// On its own (titled, with a legend) or inside a page that explains it.
    pub frame: Frame,
}

struct Chart {
    lines: Vec<String>,
    /// The look and, for weighted unit edges, the width of each edge in order.
    edges: Vec<(Look, Option<String>)>,
}

impl Chart {
    /// A chart with `title` on its own; inside a page (which heads it), none.
    fn new(title: &str, frame: Frame) -> Chart {
        let mut lines = Vec::new();
        if frame == Frame::Alone {
            lines.extend([
                "---".to_string(),
                format!("title: \"{}\"", title_text(title)),
                "---".to_string(),
            ]);
        }
        lines.push("flowchart LR".to_string());
        Chart {
            lines,
            edges: Vec::new(),
        }
    }

    fn edge(&mut self, indent: &str, from: &str, to: &str, look: Look, label: &str) {
        self.lines.push(format!(
            "{indent}{from} {} |\"{label}\"| {to}",
            look.mermaid_arrow()
        ));
        self.edges.push((look, None));
    }

    /// The `linkStyle` lines: one per look, and one per edge whose width is its own.
    fn link_styles(&mut self) {
        for look in Look::ALL {
            let indexes: Vec<String> = self
                .edges
                .iter()
                .enumerate()
                .filter(|(_, (l, w))| *l == look && w.is_none())
                .map(|(k, _)| k.to_string())
                .collect();
            if !indexes.is_empty() {
                self.lines.push(format!(
                    "  linkStyle {} {}",
                    indexes.join(","),
                    look.mermaid_style()
                ));
            }
        }
        for (k, (look, w)) in self.edges.iter().enumerate() {
            if let Some(w) = w {
                self.lines.push(format!(
                    "  linkStyle {k} {}",
                    look.mermaid_style_width(Some(w))
                ));
            }
        }
    }
}

/// A title for the front matter: a double-quoted YAML scalar that Mermaid shows as text.
/// Characters YAML or Mermaid could read as syntax become spaces.
fn title_text(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || crate::text::is_bidi(c) || "\"\\<>|[]{};`".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn node(report: &Report, scene: &Scene, s: SystemIx) -> String {
    let model = report.model;
    let system = model.system(s);
    let mut lines = wrap(&system.name, NAME_WIDTH);
    if system.kind != SystemKind::Application {
        lines.push(format!("({})", system.kind.as_str()));
    }
    if scene.is_external(model, s) {
        let unit = system
            .unit
            .map_or("no unit", |u| model.unit(u).name.as_str());
        lines.push(format!("[{unit}]"));
    }
    let label = mermaid_lines(&lines);
    if system.kind.is_manual() {
        // A trapezoid, the flowchart shape for a manual operation.
        format!("n{}[/\"{label}\"\\]", s.index())
    } else {
        format!("n{}[\"{label}\"]", s.index())
    }
}

impl Render<Report<'_>> for Mermaid {
    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        self.render_noting(report, out, &mut Vec::new())
    }

    fn render_noting(
        &self,
        report: &Report,
        out: &mut dyn Write,
        notes: &mut Vec<String>,
    ) -> Result<(), RenderError> {
        let chart = if self.view.level == Level::Unit {
            unit_chart(report, &self.view, self.frame)
        } else {
            let scene = scene(report, &self.view);
            if self.view.is_focused() && scene.is_empty() {
                return Err(RenderError::EmptyFocus(empty_focus(report, &self.view)));
            }
            if scene.systems.len() > READABLE_SYSTEMS {
                notes.push(format!(
                    "hint: this diagram has {} systems, more than the {READABLE_SYSTEMS} that \
                     stay readable in one picture; {FOCUS_HINT}",
                    scene.systems.len()
                ));
            }
            // Counted before the chart is made: the whole estate's chart (a million lines
            // at E3) would be made only to be refused.
            let legend = if self.frame == Frame::Alone {
                scene.looks(report).len()
            } else {
                0
            };
            too_many_edges(scene.edge_count() + legend)?;
            let chart = chart(report, &self.view, &scene, self.frame);
            debug_assert_eq!(chart.edges.len(), scene.edge_count() + legend);
            chart
        };
        too_many_edges(chart.edges.len())?;
        for line in chart.lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// A chart of `edges` edges (the legend's samples counted) is refused past [`MAX_EDGES`].
fn too_many_edges(edges: usize) -> Result<(), RenderError> {
    if edges > MAX_EDGES {
        return Err(RenderError::TooLarge(format!(
            "this Mermaid chart would have {edges} edges; Mermaid draws at most {MAX_EDGES} \
             (GitHub and GitLab show \"Edge limit exceeded\" instead); {FOCUS_HINT}"
        )));
    }
    Ok(())
}

fn class_definitions(chart: &mut Chart) {
    chart.lines.push(format!(
        "  classDef system fill:{},stroke:{},color:#1a1a1a",
        palette::SYSTEM_FILL,
        palette::SYSTEM_LINE
    ));
    chart.lines.push(format!(
        "  classDef manual fill:{},stroke:{},color:#1a1a1a",
        palette::MANUAL_FILL,
        palette::MANUAL_LINE
    ));
    chart.lines.push(format!(
        "  classDef external fill:{},stroke:{},stroke-dasharray:5 3,color:#1a1a1a",
        palette::EXTERNAL_FILL,
        palette::EXTERNAL_LINE
    ));
}

fn chart(report: &Report, view: &View, scene: &Scene, frame: Frame) -> Chart {
    let model = report.model;
    let ranks: Vec<usize> = scene.fixes.iter().map(|f| f.rank).collect();
    let mut chart = Chart::new(&diagram_title(report, &view.describe(model), &ranks), frame);
    class_definitions(&mut chart);

    // One subgraph per unit (in focus) in file order; the other systems outside.
    for group in scene.unit_groups(model) {
        let u = group.unit.index();
        chart
            .lines
            .push(format!("  subgraph unit{u}[\"{}\"]", mermaid(&group.title)));
        for s in group.systems {
            chart.lines.push(format!("    {}", node(report, scene, s)));
        }
        chart.lines.push("  end".to_string());
        chart.lines.push(format!(
            "  style unit{u} fill:{},stroke:{}",
            palette::UNIT_FILL,
            palette::UNIT_LINE
        ));
    }
    for s in scene.ungrouped(model) {
        chart.lines.push(format!("  {}", node(report, scene, s)));
    }

    for e in scene.edges(report) {
        chart.edge(
            "  ",
            &format!("n{}", e.from.index()),
            &format!("n{}", e.to.index()),
            e.look,
            &mermaid_lines(&e.lines),
        );
    }

    if frame == Frame::Alone {
        let looks = scene.looks(report);
        legend(
            &mut chart,
            &looks.iter().map(|l| (*l, l.meaning())).collect::<Vec<_>>(),
            scene.has_manual(model),
            scene.has_external(model),
            "system",
        );
    }

    let of_class = |class: &str| -> Vec<String> {
        scene
            .systems
            .iter()
            .filter(|s| {
                let system = model.system(**s);
                let is = if system.kind.is_manual() {
                    "manual"
                } else if scene.is_external(model, **s) {
                    "external"
                } else {
                    "system"
                };
                is == class
            })
            .map(|s| format!("n{}", s.index()))
            .collect()
    };
    for class in ["system", "manual", "external"] {
        let members = of_class(class);
        if !members.is_empty() {
            chart
                .lines
                .push(format!("  class {} {class}", members.join(",")));
        }
    }
    chart.link_styles();
    chart
}

/// A subgraph explaining each node style and line the chart uses, drawn in the same
/// styles.
fn legend(chart: &mut Chart, looks: &[(Look, &str)], manual: bool, external: bool, node: &str) {
    chart
        .lines
        .push(format!("  subgraph legend[\"{}\"]", mermaid("Legend")));
    chart.lines.push("    direction LR".to_string());
    chart
        .lines
        .push(format!("    legend_system[\"{}\"]", mermaid(node)));
    chart
        .lines
        .push("    class legend_system system".to_string());
    if manual {
        chart.lines.push(format!(
            "    legend_manual[/\"{}\"\\]",
            mermaid_lines(&["manual kind".into(), "(spreadsheet, e-mail, ...)".into()])
        ));
        chart
            .lines
            .push("    class legend_manual manual".to_string());
    }
    if external {
        chart.lines.push(format!(
            "    legend_external[\"{}\"]",
            mermaid(if node == "unit" {
                "no unit"
            } else {
                "[other unit]: outside the unit in focus"
            })
        ));
        chart
            .lines
            .push("    class legend_external external".to_string());
    }
    for (k, (look, meaning)) in looks.iter().enumerate() {
        chart.edge(
            "    ",
            &format!("legend_{k}_a(( ))"),
            &format!("legend_{k}_b(( ))"),
            *look,
            &mermaid(meaning),
        );
    }
    chart.lines.push("  end".to_string());
    chart.lines.push(format!(
        "  style legend fill:#ffffff,stroke:{}",
        palette::UNIT_LINE
    ));
    if !looks.is_empty() {
        chart
            .lines
            .push("  classDef point fill:#555555,stroke:#555555".to_string());
        let points: Vec<String> = (0..looks.len())
            .flat_map(|k| [format!("legend_{k}_a"), format!("legend_{k}_b")])
            .collect();
        chart
            .lines
            .push(format!("  class {} point", points.join(",")));
    }
}

/// The unit level as a Mermaid chart.
fn unit_chart(report: &Report, view: &View, frame: Frame) -> Chart {
    let scene = unit_scene(report, view.top);
    let cur = report.currency();
    let mut chart = Chart::new(
        &diagram_title(report, "unit overview", &scene.ranks()),
        frame,
    );
    class_definitions(&mut chart);
    for node in &scene.nodes {
        chart.lines.push(format!(
            "  {}[\"{}\"]",
            node_name(node.unit),
            mermaid_lines(&node_lines(report, node))
        ));
    }
    let max = scene
        .edges
        .iter()
        .map(|e| e.tally.annual_hours)
        .fold(0.0, f64::max);
    for e in &scene.edges {
        let look = e.tally.look();
        chart.edge(
            "  ",
            &node_name(e.from),
            &node_name(e.to),
            look,
            &mermaid_lines(&edge_lines(report, &e.tally)),
        );
        let last = chart.edges.len() - 1;
        chart.edges[last].1 = Some(format!("{:.1}px", width(&e.tally, max)));
    }
    for f in &scene.fixes {
        let mark = &f.fix;
        let label = [
            mark.headline(),
            short_list(&mark.carries, LABEL_ITEMS),
            mark.money_line(cur),
        ];
        chart.edge(
            "  ",
            &node_name(f.from),
            &node_name(f.to),
            mark.look(),
            &mermaid_lines(&label),
        );
    }
    let looks: Vec<(Look, &str)> = units::looks(&scene)
        .into_iter()
        .map(|l| (l, units::unit_meaning(l)))
        .collect();
    let no_unit = scene.nodes.iter().any(|n| n.unit.is_none());
    if frame == Frame::Alone {
        legend(&mut chart, &looks, false, no_unit, "unit");
    }
    let with_unit: Vec<String> = scene
        .nodes
        .iter()
        .filter(|n| n.unit.is_some())
        .map(|n| node_name(n.unit))
        .collect();
    if !with_unit.is_empty() {
        chart
            .lines
            .push(format!("  class {} system", with_unit.join(",")));
    }
    if no_unit {
        chart.lines.push("  class nounit external".to_string());
    }
    chart.link_styles();
    chart
}
