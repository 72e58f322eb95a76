//! Which part of the graph a diagram shows (focus views), computed once for every diagram
//! format so DOT, Mermaid and HTML agree.

use super::Report;
use crate::analysis::{Action, Status};
use crate::model::{Mode, Model};

/// The focus of a diagram. Workflows and units are model indexes, resolved from the
/// command line's ids before analysis ([`crate::select`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// Only these workflows' handoff paths and gaps (empty: all).
    pub workflows: Vec<usize>,
    /// Only these units' systems and workflows (empty: all).
    pub units: Vec<usize>,
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
}

/// A handoff with no path, drawn as a gap edge; handoffs of the same pair are merged.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingEdge {
    /// Source system index.
    pub from: usize,
    /// Target system index.
    pub to: usize,
    /// Data objects, first appearance first.
    pub data: Vec<String>,
    /// Σ hours a year.
    pub annual_hours: f64,
    /// Workflows, first appearance first.
    pub workflows: Vec<String>,
}

/// A fix drawn on the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct FixMark {
    /// Rank.
    pub rank: usize,
    /// Fix id.
    pub id: String,
    /// What it does.
    pub action: Action,
    /// Source system index.
    pub from: usize,
    /// Target system index.
    pub to: usize,
    /// The integration it automates (drawn as a badge on that edge).
    pub integration: Option<usize>,
    /// What it carries.
    pub carries: Vec<String>,
    /// Hours a year it saves.
    pub annual_hours_saved: f64,
}

/// The systems and edges one diagram shows, in model order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// System indexes.
    pub systems: Vec<usize>,
    /// Integration indexes.
    pub integrations: Vec<usize>,
    /// Gap edges of missing handoffs.
    pub missing: Vec<MissingEdge>,
    /// Fixes to mark, best first.
    pub fixes: Vec<FixMark>,
}

impl Scene {
    /// Whether system `s` is shown.
    pub fn shows(&self, s: usize) -> bool {
        self.systems.binary_search(&s).is_ok()
    }

    /// The rank badges of fixes that automate integration `i`.
    pub fn badges(&self, i: usize) -> Vec<usize> {
        self.fixes
            .iter()
            .filter(|f| f.integration == Some(i))
            .map(|f| f.rank)
            .collect()
    }

    /// Fixes drawn as new edges (connect and catalog).
    pub fn new_edges(&self) -> impl Iterator<Item = &FixMark> {
        self.fixes.iter().filter(|f| f.integration.is_none())
    }
}

/// A business unit's box on a diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitGroup {
    /// Unit index.
    pub unit: usize,
    /// "Name (owner)".
    pub title: String,
    /// The systems shown in it, in model order.
    pub systems: Vec<usize>,
}

impl Scene {
    /// One group per unit with shown systems, in file order.
    pub fn unit_groups(&self, model: &Model) -> Vec<UnitGroup> {
        model
            .units
            .iter()
            .enumerate()
            .filter_map(|(u, unit)| {
                let systems: Vec<usize> = self
                    .systems
                    .iter()
                    .copied()
                    .filter(|s| model.systems[*s].unit == Some(u))
                    .collect();
                if systems.is_empty() {
                    return None;
                }
                let title = match &unit.owner {
                    Some(owner) => format!("{} ({owner})", unit.name),
                    None => unit.name.clone(),
                };
                Some(UnitGroup {
                    unit: u,
                    title,
                    systems,
                })
            })
            .collect()
    }

    /// Shown systems that belong to no unit, in model order.
    pub fn ungrouped<'a>(&'a self, model: &'a Model) -> impl Iterator<Item = usize> + 'a {
        self.systems
            .iter()
            .copied()
            .filter(|s| model.systems[*s].unit.is_none())
    }
}

/// Works out what a diagram of `report` focused on `view` shows.
pub fn scene(report: &Report, view: &View) -> Scene {
    let model = report.model;
    let workflow_filter = &view.workflows;
    let unit_filter = &view.units;
    let filtered = !workflow_filter.is_empty() || !unit_filter.is_empty() || view.gaps_only;

    // The handoffs in focus.
    let in_focus: Vec<_> = report
        .analysis
        .handoffs
        .iter()
        .filter(|h| workflow_filter.is_empty() || workflow_filter.contains(&h.workflow_index))
        .filter(|h| {
            unit_filter.is_empty()
                || model.workflows[h.workflow_index]
                    .unit
                    .is_some_and(|u| unit_filter.contains(&u))
        })
        .filter(|h| !view.gaps_only || h.status.is_gap())
        .collect();

    let mut shown = vec![!filtered; model.systems.len()];
    let mut edges = vec![!filtered; model.integrations.len()];
    if filtered {
        for h in &in_focus {
            shown[h.from_index] = true;
            shown[h.to_index] = true;
            for i in &h.path_integrations {
                edges[*i] = true;
                shown[model.integrations[*i].from] = true;
                shown[model.integrations[*i].to] = true;
            }
        }
        if workflow_filter.is_empty() && !view.gaps_only {
            // A unit view also shows the unit's own systems and the integrations among them.
            for (s, system) in model.systems.iter().enumerate() {
                if system.unit.is_some_and(|u| unit_filter.contains(&u)) {
                    shown[s] = true;
                }
            }
            for (i, integration) in model.integrations.iter().enumerate() {
                if shown[integration.from] && shown[integration.to] {
                    edges[i] = true;
                }
            }
        }
    }

    let mut missing: Vec<MissingEdge> = Vec::new();
    for h in in_focus.iter().filter(|h| h.status == Status::Missing) {
        match missing
            .iter_mut()
            .find(|m| m.from == h.from_index && m.to == h.to_index)
        {
            Some(m) => {
                if !m.data.contains(&h.data) {
                    m.data.push(h.data.clone());
                }
                if !m.workflows.contains(&h.workflow) {
                    m.workflows.push(h.workflow.clone());
                }
                m.annual_hours += h.annual_hours;
            }
            None => missing.push(MissingEdge {
                from: h.from_index,
                to: h.to_index,
                data: vec![h.data.clone()],
                annual_hours: h.annual_hours,
                workflows: vec![h.workflow.clone()],
            }),
        }
    }

    let focus_workflows: Vec<&str> = in_focus.iter().map(|h| h.workflow.as_str()).collect();
    let fixes: Vec<FixMark> = report
        .analysis
        .fixes
        .iter()
        .filter(|f| {
            !filtered
                || f.workflows
                    .iter()
                    .any(|w| focus_workflows.contains(&w.as_str()))
        })
        .take(view.top)
        .map(|f| FixMark {
            rank: f.rank,
            id: f.id.clone(),
            action: f.action,
            from: f.from_index,
            to: f.to_index,
            integration: f.integration,
            carries: f.carries.clone(),
            annual_hours_saved: f.annual_hours_saved,
        })
        .collect();
    for f in &fixes {
        shown[f.from] = true;
        shown[f.to] = true;
        if let Some(i) = f.integration {
            edges[i] = true;
        }
    }

    Scene {
        systems: (0..model.systems.len()).filter(|s| shown[*s]).collect(),
        integrations: (0..model.integrations.len())
            .filter(|i| edges[*i])
            .collect(),
        missing,
        fixes,
    }
}

/// The effective mode of integration `i`, for styling.
pub fn effective_mode(report: &Report, i: usize) -> Mode {
    let integration = &report.model.integrations[i];
    report
        .model
        .effective_mode(integration.mode, integration.from, integration.to)
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
