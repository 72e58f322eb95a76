//! `diagram --format mermaid`: the same scene as the DOT diagram as a Mermaid flowchart,
//! for Markdown pages that GitHub and GitLab draw. Nodes get generated ids (`n0`, `n1`,
//! ... by system index, as in DOT) and every label is quoted and entity-escaped, so no
//! name can break the chart.

use std::io::Write;

use super::dot::palette;
use super::view::{effective_mode, scene, short_list, wrap, Scene, View, LABEL_ITEMS, NAME_WIDTH};
use super::{hours, minutes, Render, RenderError, Report};
use crate::model::{Mode, SystemKind};
use crate::text::{mermaid, mermaid_lines};

/// `diagram --format mermaid`.
pub struct Mermaid {
    /// Which part of the graph, and how many fixes to mark.
    pub view: View,
}

/// How an edge is drawn: the arrow and its `linkStyle`, as in the DOT diagram.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Line {
    Automated,
    Semi,
    Manual,
    Missing,
    /// A new integration a fix builds.
    Fix,
    /// An integration a fix automates: today's style, drawn heavier, like DOT's badge.
    Badged(Mode),
}

impl Line {
    /// The styles in `linkStyle` order.
    const ALL: [Line; 8] = [
        Line::Automated,
        Line::Semi,
        Line::Manual,
        Line::Missing,
        Line::Fix,
        Line::Badged(Mode::Automated),
        Line::Badged(Mode::Semi),
        Line::Badged(Mode::Manual),
    ];

    /// The styles the legend explains.
    const LEGEND: [Line; 5] = [
        Line::Automated,
        Line::Semi,
        Line::Manual,
        Line::Missing,
        Line::Fix,
    ];

    fn of(mode: Mode) -> Line {
        match mode {
            Mode::Automated => Line::Automated,
            Mode::Semi => Line::Semi,
            Mode::Manual => Line::Manual,
        }
    }

    fn arrow(self) -> &'static str {
        match self {
            Line::Automated | Line::Badged(Mode::Automated) => "-->",
            Line::Fix => "==>",
            _ => "-.->",
        }
    }

    fn style(self) -> String {
        let (color, width, dashes) = match self {
            Line::Automated => (palette::AUTOMATED, "1.5px", None),
            Line::Semi => (palette::SEMI, "1.5px", Some("6 4")),
            Line::Manual => (palette::GAP, "1.5px", Some("6 4")),
            Line::Missing => (palette::GAP, "2.5px", Some("2 4")),
            Line::Fix => (palette::FIX, "3px", Some("8 4")),
            Line::Badged(Mode::Automated) => (palette::AUTOMATED, "3px", None),
            Line::Badged(Mode::Semi) => (palette::SEMI, "3px", Some("6 4")),
            Line::Badged(Mode::Manual) => (palette::GAP, "3px", Some("6 4")),
        };
        let mut style = format!("stroke:{color},stroke-width:{width},color:{color}");
        if let Some(d) = dashes {
            style.push_str(&format!(",stroke-dasharray:{d}"));
        }
        style
    }

    fn legend(self) -> &'static str {
        match self {
            Line::Automated => "automated",
            Line::Semi => "semi: export/import",
            Line::Manual => "manual: re-keying",
            Line::Missing => "missing: no path",
            Line::Fix | Line::Badged(_) => "fix #rank",
        }
    }
}

struct Chart {
    lines: Vec<String>,
    edges: Vec<Line>,
}

impl Chart {
    fn edge(&mut self, indent: &str, from: &str, to: &str, line: Line, label: &str) {
        self.lines.push(format!(
            "{indent}{from} {} |\"{label}\"| {to}",
            line.arrow()
        ));
        self.edges.push(line);
    }
}

fn node(report: &Report, s: usize) -> String {
    let system = &report.model.systems[s];
    let mut lines = wrap(&system.name, NAME_WIDTH);
    if system.kind != SystemKind::Application {
        lines.push(format!("({})", system.kind.as_str()));
    }
    let label = mermaid_lines(&lines);
    if system.kind.is_manual() {
        // A trapezoid, the flowchart shape for a manual operation.
        format!("n{s}[/\"{label}\"\\]")
    } else {
        format!("n{s}[\"{label}\"]")
    }
}

impl Render<Report<'_>> for Mermaid {
    fn render(&self, report: &Report, out: &mut dyn Write) -> Result<(), RenderError> {
        let scene = scene(report, &self.view);
        let chart = chart(report, &scene);
        for line in chart.lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

fn chart(report: &Report, scene: &Scene) -> Chart {
    let model = report.model;
    let mut chart = Chart {
        lines: vec![
            "flowchart LR".to_string(),
            format!(
                "  classDef system fill:{},stroke:{},color:#1a202c",
                palette::SYSTEM_FILL,
                palette::SYSTEM_LINE
            ),
            format!(
                "  classDef manual fill:{},stroke:{},color:#1a202c",
                palette::MANUAL_FILL,
                palette::MANUAL_LINE
            ),
        ],
        edges: Vec::new(),
    };

    // One subgraph per unit in file order; systems without a unit outside.
    for group in scene.unit_groups(model) {
        let u = group.unit;
        chart
            .lines
            .push(format!("  subgraph unit{u}[\"{}\"]", mermaid(&group.title)));
        for s in group.systems {
            chart.lines.push(format!("    {}", node(report, s)));
        }
        chart.lines.push("  end".to_string());
        chart.lines.push(format!(
            "  style unit{u} fill:{},stroke:#a0aec0",
            palette::UNIT_FILL
        ));
    }
    for s in scene.ungrouped(model) {
        chart.lines.push(format!("  {}", node(report, s)));
    }

    for i in scene.integrations.iter().copied() {
        let integration = &model.integrations[i];
        let mode = effective_mode(report, i);
        let mut label = Vec::new();
        let badges = scene.badges(i);
        if !badges.is_empty() {
            let ranks: Vec<String> = badges.iter().map(|r| format!("#{r}")).collect();
            label.push(format!("fix {}", ranks.join(" ")));
        }
        label.push(short_list(&integration.carries.0, LABEL_ITEMS));
        if mode != Mode::Automated {
            let hop = model.hop_minutes(
                integration.mode,
                integration.from,
                integration.to,
                integration.minutes,
            );
            label.push(format!("{} min", minutes(hop)));
        }
        let line = if badges.is_empty() {
            Line::of(mode)
        } else {
            Line::Badged(mode)
        };
        chart.edge(
            "  ",
            &format!("n{}", integration.from),
            &format!("n{}", integration.to),
            line,
            &mermaid_lines(&label),
        );
    }

    for gap in &scene.missing {
        let label = [
            short_list(&gap.data, LABEL_ITEMS),
            format!("{} h/yr", hours(gap.annual_hours)),
        ];
        chart.edge(
            "  ",
            &format!("n{}", gap.from),
            &format!("n{}", gap.to),
            Line::Missing,
            &mermaid_lines(&label),
        );
    }

    for fix in scene.new_edges() {
        let label = [
            format!("fix #{}", fix.rank),
            short_list(&fix.carries, LABEL_ITEMS),
        ];
        chart.edge(
            "  ",
            &format!("n{}", fix.from),
            &format!("n{}", fix.to),
            Line::Fix,
            &mermaid_lines(&label),
        );
    }

    legend(&mut chart);

    let of_kind = |manual: bool| -> Vec<String> {
        scene
            .systems
            .iter()
            .filter(|s| model.systems[**s].kind.is_manual() == manual)
            .map(|s| format!("n{s}"))
            .collect()
    };
    let ordinary = of_kind(false);
    if !ordinary.is_empty() {
        chart
            .lines
            .push(format!("  class {} system", ordinary.join(",")));
    }
    let manual = of_kind(true);
    if !manual.is_empty() {
        chart
            .lines
            .push(format!("  class {} manual", manual.join(",")));
    }
    chart.lines.push("  class legend_system system".to_string());
    chart.lines.push("  class legend_manual manual".to_string());
    chart
        .lines
        .push("  classDef point fill:#4a5568,stroke:#4a5568".to_string());
    let points: Vec<String> = (0..Line::LEGEND.len())
        .flat_map(|k| [format!("legend_{k}_a"), format!("legend_{k}_b")])
        .collect();
    chart
        .lines
        .push(format!("  class {} point", points.join(",")));
    for line in Line::ALL {
        let indexes: Vec<String> = chart
            .edges
            .iter()
            .enumerate()
            .filter(|(_, l)| **l == line)
            .map(|(k, _)| k.to_string())
            .collect();
        if !indexes.is_empty() {
            chart.lines.push(format!(
                "  linkStyle {} {}",
                indexes.join(","),
                line.style()
            ));
        }
    }
    chart
}

/// A subgraph explaining the node shapes and line styles, drawn with the same styles.
fn legend(chart: &mut Chart) {
    chart
        .lines
        .push(format!("  subgraph legend[\"{}\"]", mermaid("Legend")));
    chart.lines.push("    direction LR".to_string());
    chart
        .lines
        .push(format!("    legend_system[\"{}\"]", mermaid("system")));
    chart.lines.push(format!(
        "    legend_manual[/\"{}\"\\]",
        mermaid_lines(&["manual kind".into(), "(spreadsheet, e-mail, ...)".into()])
    ));
    for (k, line) in Line::LEGEND.iter().enumerate() {
        chart.edge(
            "    ",
            &format!("legend_{k}_a(( ))"),
            &format!("legend_{k}_b(( ))"),
            *line,
            &mermaid(line.legend()),
        );
    }
    chart.lines.push("  end".to_string());
    chart
        .lines
        .push("  style legend fill:#ffffff,stroke:#a0aec0".to_string());
}
