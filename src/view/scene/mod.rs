//! Which part of the graph a diagram shows (focus views), computed once for every diagram
//! format so DOT, Mermaid and HTML agree.

mod build;
mod edges;

use std::collections::BTreeMap;

use super::palette::Look;
use super::Report;
use crate::analysis::rules;
use crate::analysis::{Action, Fix};
use crate::model::{IntegrationIx, Mode, Model, SystemIx, UnitIx, WorkflowIx};
use crate::text::money;

pub use build::scene;
pub use edges::SceneEdge;

/// How much detail a diagram shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Level {
    /// Systems as nodes, integrations and handoffs as edges.
    #[default]
    System,
    /// Business units as nodes (systems without a unit as one "no unit" node), the handoffs
    /// between them summed into one edge per pair of units.
    Unit,
}

/// Whether a picture carries its own title and legend.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Frame {
    /// On its own (`gapgraph diagram`): titled, with a legend of what it draws.
    #[default]
    Alone,
    /// Inside a page that heads and captions it and explains every look once (the review
    /// document): no title, no legend.
    InPage,
}

/// The focus of a diagram. Workflows and units are model indexes, resolved from the
/// command line's ids before analysis ([`crate::select`]). The unit level always shows
/// every unit; it ignores `workflows`, `units` and `gaps_only`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// Systems or units as nodes.
    pub level: Level,
    /// Only these workflows' handoff paths and gaps (empty: all).
    pub workflows: Vec<WorkflowIx>,
    /// Only these units' systems, and every integration and handoff with an end in one of
    /// them whatever workflow it belongs to (empty: all).
    pub units: Vec<UnitIx>,
    /// Only systems that touch a gap, and the edges of the chosen paths.
    pub gaps_only: bool,
    /// How many of the best fixes to mark.
    pub top: usize,
}

impl View {
    /// The whole graph with the best `top` fixes marked.
    pub fn with_top(self, top: usize) -> View {
        View { top, ..self }
    }

    /// Whether part of the graph is chosen (a workflow, a unit, or gaps only).
    pub fn is_focused(&self) -> bool {
        self.level == Level::System
            && (!self.workflows.is_empty() || !self.units.is_empty() || self.gaps_only)
    }

    /// What the view shows, for a diagram's title: "unit overview", "workflow Quote to
    /// cash", "unit Finance and its neighbours, gaps only".
    pub fn describe(&self, model: &Model) -> String {
        if self.level == Level::Unit {
            return "unit overview".to_string();
        }
        let mut parts = Vec::new();
        if !self.workflows.is_empty() {
            let names: Vec<&str> = self
                .workflows
                .iter()
                .map(|w| model.workflow(*w).name.as_str())
                .collect();
            let noun = if names.len() == 1 {
                "workflow"
            } else {
                "workflows"
            };
            parts.push(format!("{noun} {}", names.join(", ")));
        }
        if !self.units.is_empty() {
            let names: Vec<&str> = self
                .units
                .iter()
                .map(|u| model.unit(*u).name.as_str())
                .collect();
            let noun = if names.len() == 1 { "unit" } else { "units" };
            parts.push(format!("{noun} {} and its neighbours", names.join(", ")));
        }
        if parts.is_empty() {
            parts.push("all systems".to_string());
        }
        let mut text = parts.join(" in ");
        if self.gaps_only {
            text.push_str(", gaps only");
        }
        text
    }
}

/// A handoff with no path, drawn as a gap edge; handoffs of the same pair are merged.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingEdge {
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// Data objects, first appearance first.
    pub data: Vec<String>,
    /// Σ hours a year.
    pub annual_hours: f64,
    /// Σ staff cost a year.
    pub annual_cost: f64,
    /// Workflows, first appearance first.
    pub workflows: Vec<String>,
    /// Step numbers, in a workflow view (empty otherwise).
    pub steps: Vec<String>,
}

/// A fix drawn on the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct FixMark {
    /// Rank.
    pub rank: usize,
    /// Fix id.
    pub id: String,
    /// Its name for people (`view::words::fix_name`).
    pub name: String,
    /// What it does.
    pub action: Action,
    /// Source system.
    pub from: SystemIx,
    /// Target system.
    pub to: SystemIx,
    /// The integration it automates (drawn beside that edge).
    pub integration: Option<IntegrationIx>,
    /// What it carries.
    pub carries: Vec<String>,
    /// Hours a year it saves.
    pub annual_hours_saved: f64,
    /// What it costs to make.
    pub cost: f64,
    /// Staff cost it saves a year.
    pub annual_saving: f64,
}

impl FixMark {
    /// How it is drawn.
    pub fn look(&self) -> Look {
        if self.integration.is_some() {
            Look::AutomateFix
        } else {
            Look::BuildFix
        }
    }

    /// "fix #3 automate", the first line of its label.
    pub fn headline(&self) -> String {
        let verb = match self.action {
            Action::Automate => "automate",
            Action::Catalog | Action::Connect => "build",
        };
        format!("fix #{} {verb}", self.rank)
    }

    /// "USD 3,000 \u{2192} saves USD 9,600/yr", cost and saving for its label.
    pub fn money_line(&self, currency: &str) -> String {
        format!(
            "{currency} {} \u{2192} saves {currency} {}/yr",
            money(self.cost),
            money(self.annual_saving)
        )
    }

    /// The mark of `fix`.
    pub fn of(model: &Model, fix: &Fix) -> FixMark {
        FixMark {
            rank: fix.rank,
            id: fix.id.text(model).into_owned(),
            name: crate::view::words::fix_name(model, fix.id),
            action: fix.action,
            from: fix.from,
            to: fix.to,
            integration: fix.integration,
            carries: fix.carries.to_vec(),
            annual_hours_saved: fix.annual_hours_saved,
            cost: fix.cost,
            annual_saving: fix.annual_saving,
        }
    }
}

/// The systems and edges one diagram shows, in model order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Systems.
    pub systems: Vec<SystemIx>,
    /// Integration indexes.
    pub integrations: Vec<IntegrationIx>,
    /// Gap edges of missing handoffs.
    pub missing: Vec<MissingEdge>,
    /// Fixes to mark, best first.
    pub fixes: Vec<FixMark>,
    /// Step numbers of the handoffs whose path uses an integration, in a workflow view.
    pub steps: BTreeMap<IntegrationIx, Vec<String>>,
    /// The units in focus: only they get a cluster; other systems are drawn as external.
    pub focus_units: Vec<UnitIx>,
}

impl Scene {
    /// Whether system `s` is shown.
    pub fn shows(&self, s: SystemIx) -> bool {
        self.systems.binary_search(&s).is_ok()
    }

    /// Whether the scene has nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.systems.is_empty()
    }

    /// Whether system `s` is drawn as external: outside the units in focus.
    pub fn is_external(&self, model: &Model, s: SystemIx) -> bool {
        !self.focus_units.is_empty()
            && !model
                .system(s)
                .unit
                .is_some_and(|u| self.focus_units.contains(&u))
    }

    /// The looks the scene's edges use, in legend order.
    pub fn looks(&self, report: &Report) -> Vec<Look> {
        let mut used: Vec<Look> = self
            .integrations
            .iter()
            .map(|i| Look::of(effective_mode(report, *i)))
            .collect();
        if !self.missing.is_empty() {
            used.push(Look::Missing);
        }
        used.extend(self.fixes.iter().map(FixMark::look));
        Look::ALL.into_iter().filter(|l| used.contains(l)).collect()
    }

    /// The step label of integration `i` ("step 2", "steps 1, 3"), if any.
    pub fn step_label(&self, i: IntegrationIx) -> Option<String> {
        self.steps.get(&i).map(|steps| step_label(steps))
    }
}

/// "step 2" or "steps 1, 3".
pub fn step_label(steps: &[String]) -> String {
    let noun = if steps.len() == 1 { "step" } else { "steps" };
    format!("{noun} {}", steps.join(", "))
}

impl Look {
    /// The look of an integration in `mode`.
    pub fn of(mode: Mode) -> Look {
        match mode {
            Mode::Automated => Look::Automated,
            Mode::Semi => Look::Semi,
            Mode::Manual => Look::Manual,
        }
    }
}

/// A business unit's box on a diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitGroup {
    /// The unit.
    pub unit: UnitIx,
    /// "Name (owner)".
    pub title: String,
    /// The systems shown in it, in model order.
    pub systems: Vec<SystemIx>,
}

/// "Name (owner)" of unit `u`.
pub fn unit_title(model: &Model, u: UnitIx) -> String {
    let unit = model.unit(u);
    match &unit.owner {
        Some(owner) => format!("{} ({owner})", unit.name),
        None => unit.name.clone(),
    }
}

impl Scene {
    /// One group per unit with shown systems, in file order; in a unit view, the units in
    /// focus only.
    pub fn unit_groups(&self, model: &Model) -> Vec<UnitGroup> {
        model
            .unit_ixs()
            .filter(|u| self.focus_units.is_empty() || self.focus_units.contains(u))
            .filter_map(|u| {
                let systems: Vec<SystemIx> = self
                    .systems
                    .iter()
                    .copied()
                    .filter(|s| model.system(*s).unit == Some(u))
                    .collect();
                if systems.is_empty() {
                    return None;
                }
                Some(UnitGroup {
                    unit: u,
                    title: unit_title(model, u),
                    systems,
                })
            })
            .collect()
    }

    /// Shown systems outside every cluster (no unit, or external to the units in focus),
    /// in model order.
    pub fn ungrouped<'a>(&'a self, model: &'a Model) -> impl Iterator<Item = SystemIx> + 'a {
        self.systems
            .iter()
            .copied()
            .filter(|s| match model.system(*s).unit {
                None => true,
                Some(u) => !self.focus_units.is_empty() && !self.focus_units.contains(&u),
            })
    }
}

/// The effective mode of integration `i`, for styling.
pub fn effective_mode(report: &Report, i: IntegrationIx) -> Mode {
    let integration = report.model.integration(i);
    rules::effective_mode(
        report.model,
        integration.mode,
        integration.from,
        integration.to,
    )
}

/// Data objects for an edge label: at most `max`, then how many more, so a wide
/// integration (`carries` of twenty objects) keeps a short label; tooltips list them all.
pub fn short_list(items: &[String], max: usize) -> String {
    if items.len() <= max {
        return items.join(", ");
    }
    format!("{} +{} more", items[..max].join(", "), items.len() - max)
}

/// A name broken into lines of about `width` characters at spaces, so long system names
/// give narrow boxes that stay readable on a projector. Words longer than `width` stay
/// whole.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Characters per line of a system's name in a diagram box.
pub const NAME_WIDTH: usize = 22;

/// Data objects named on an edge label before "+N more".
pub const LABEL_ITEMS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lists_name_the_first_items_and_count_the_rest() {
        let items: Vec<String> = ["a", "b", "c", "d", "e"].map(String::from).to_vec();
        assert_eq!(short_list(&items[..2], 3), "a, b");
        assert_eq!(short_list(&items, 3), "a, b, c +2 more");
    }

    #[test]
    fn names_wrap_at_spaces() {
        assert_eq!(
            wrap("Manufacturing execution system", 22),
            ["Manufacturing", "execution system"]
        );
        assert_eq!(wrap("CRM", 22), ["CRM"]);
        assert_eq!(wrap("a\nb", 22), ["a", "b"]);
        assert_eq!(wrap("", 22), [""]);
        assert_eq!(
            wrap("Supercalifragilisticexpialidocious x", 10),
            ["Supercalifragilisticexpialidocious", "x"]
        );
    }
}
