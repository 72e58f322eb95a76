//! The unit level (`diagram --level unit`): one node per business unit (systems without a
//! unit as one "no unit" node), the handoffs between two units summed into one edge with
//! their gap hours, gap cost and count by status, and the best fixes that cross units.
//! Computed here from the analysis, so DOT, Mermaid and the review documents agree.

use std::collections::HashMap;

use super::palette::Look;
use super::scene::{unit_title, FixMark};
use super::Report;
use crate::analysis::Status;
use crate::model::{SystemIx, UnitIx};
use crate::text::{hours, money};

/// Counts of handoffs by status, with their gap hours and cost.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    /// Automated handoffs.
    pub automated: usize,
    /// Handoffs with a person in the loop.
    pub manual: usize,
    /// Handoffs with no path.
    pub missing: usize,
    /// Σ hours a year of these handoffs (automated ones add 0).
    pub annual_hours: f64,
    /// Σ staff cost a year.
    pub annual_cost: f64,
}

impl Tally {
    fn add(&mut self, status: Status, hours: f64, cost: f64) {
        match status {
            Status::Automated => self.automated += 1,
            Status::Manual => self.manual += 1,
            Status::Missing => self.missing += 1,
        }
        self.annual_hours += hours;
        self.annual_cost += cost;
    }

    /// Manual and missing handoffs.
    pub fn gaps(&self) -> usize {
        self.manual + self.missing
    }

    /// The worst status: missing, else manual, else automated.
    pub fn look(&self) -> Look {
        if self.missing > 0 {
            Look::Missing
        } else if self.manual > 0 {
            Look::Manual
        } else {
            Look::Automated
        }
    }

    /// "2 missing · 1 manual · 3 automated".
    pub fn counts(&self) -> String {
        let parts: Vec<String> = [
            (self.missing, "missing"),
            (self.manual, "manual"),
            (self.automated, "automated"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        parts.join(" \u{b7} ")
    }
}

/// A unit's node.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitNode {
    /// The unit (`None`: the systems without a unit).
    pub unit: Option<UnitIx>,
    /// "Name (owner)", or "no unit".
    pub title: String,
    /// How many systems it has.
    pub systems: usize,
    /// Handoffs with both ends in it.
    pub inside: Tally,
    /// Ranks of the marked fixes with both ends in it.
    pub fixes_inside: Vec<usize>,
}

/// The handoffs from one unit to another, summed.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitEdge {
    /// Source unit (`None`: no unit).
    pub from: Option<UnitIx>,
    /// Target unit.
    pub to: Option<UnitIx>,
    /// What they add up to.
    pub tally: Tally,
}

/// A marked fix between two units.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitFix {
    /// The fix.
    pub fix: FixMark,
    /// Its source system's unit.
    pub from: Option<UnitIx>,
    /// Its target system's unit.
    pub to: Option<UnitIx>,
}

/// What the unit level shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnitScene {
    /// Units with systems in file order, then "no unit" when some system has none.
    pub nodes: Vec<UnitNode>,
    /// Edges between different units, in order of first handoff.
    pub edges: Vec<UnitEdge>,
    /// The best `top` fixes whose ends lie in different units, best first.
    pub fixes: Vec<UnitFix>,
}

impl UnitScene {
    /// Gap hours a year: inside the units and between them, which together are the
    /// model's.
    pub fn annual_hours(&self) -> f64 {
        let inside: f64 = self.nodes.iter().map(|n| n.inside.annual_hours).sum();
        inside + self.edges.iter().map(|e| e.tally.annual_hours).sum::<f64>()
    }

    /// The ranks of every fix marked, between or inside units, best first.
    pub fn ranks(&self) -> Vec<usize> {
        let mut ranks: Vec<usize> = self.fixes.iter().map(|f| f.fix.rank).collect();
        ranks.extend(
            self.nodes
                .iter()
                .flat_map(|n| n.fixes_inside.iter().copied()),
        );
        ranks.sort_unstable();
        ranks
    }
}

/// The unit level of `report` with its best `top` fixes marked.
pub fn unit_scene(report: &Report, top: usize) -> UnitScene {
    let model = report.model;
    let unit_of = |s: SystemIx| model.system(s).unit;
    // Systems per unit (the last slot: no unit), counted once.
    let slot = |u: Option<UnitIx>| u.map_or(model.units.len(), UnitIx::index);
    let mut systems = vec![0usize; model.units.len() + 1];
    for s in &model.systems {
        systems[slot(s.unit)] += 1;
    }
    let mut keys: Vec<Option<UnitIx>> = model
        .unit_ixs()
        .filter(|u| systems[u.index()] > 0)
        .map(Some)
        .collect();
    if systems[model.units.len()] > 0 {
        keys.push(None);
    }
    let mut nodes: Vec<UnitNode> = keys
        .iter()
        .map(|key| UnitNode {
            unit: *key,
            title: key.map_or_else(|| "no unit".to_string(), |u| unit_title(model, u)),
            systems: systems[slot(*key)],
            inside: Tally::default(),
            fixes_inside: Vec::new(),
        })
        .collect();
    let node = |nodes: &mut Vec<UnitNode>, key: Option<UnitIx>| -> usize {
        node_position(nodes, key).expect("every system's unit has a node")
    };
    let mut edges: Vec<UnitEdge> = Vec::new();
    let mut edge_at: HashMap<(Option<UnitIx>, Option<UnitIx>), usize> = HashMap::new();
    for h in &report.analysis.handoffs {
        let (from, to) = (unit_of(h.from), unit_of(h.to));
        let tally = if from == to {
            let k = node(&mut nodes, from);
            &mut nodes[k].inside
        } else {
            let k = *edge_at.entry((from, to)).or_insert_with(|| {
                edges.push(UnitEdge {
                    from,
                    to,
                    tally: Tally::default(),
                });
                edges.len() - 1
            });
            &mut edges[k].tally
        };
        tally.add(h.status, h.annual_hours, h.annual_cost);
    }
    let mut fixes = Vec::new();
    for f in report.analysis.fixes.iter().take(top) {
        let (from, to) = (unit_of(f.from), unit_of(f.to));
        if from == to {
            let k = node(&mut nodes, from);
            nodes[k].fixes_inside.push(f.rank);
        } else {
            fixes.push(UnitFix {
                fix: FixMark::of(model, f),
                from,
                to,
            });
        }
    }
    UnitScene {
        nodes,
        edges,
        fixes,
    }
}

/// The generated node id of a unit.
pub fn node_name(unit: Option<UnitIx>) -> String {
    unit.map_or_else(|| "nounit".to_string(), |u| format!("u{}", u.index()))
}

/// The lines of a unit node's label.
pub fn node_lines(report: &Report, node: &UnitNode) -> Vec<String> {
    let cur = report.currency();
    let mut lines = vec![
        node.title.clone(),
        format!(
            "{} system{}",
            node.systems,
            if node.systems == 1 { "" } else { "s" }
        ),
    ];
    let inside = &node.inside;
    if inside.gaps() > 0 {
        lines.push(format!(
            "between its systems: {} gap{} of {} handoffs",
            inside.gaps(),
            if inside.gaps() == 1 { "" } else { "s" },
            inside.gaps() + inside.automated
        ));
        lines.push(format!(
            "{} h \u{b7} {cur} {}/yr",
            hours(inside.annual_hours),
            money(inside.annual_cost)
        ));
    } else if inside.automated > 0 {
        lines.push(format!(
            "between its systems: {} handoffs, all automated",
            inside.automated
        ));
    }
    if !node.fixes_inside.is_empty() {
        let ranks: Vec<String> = node.fixes_inside.iter().map(|r| format!("#{r}")).collect();
        lines.push(format!("fix {} inside", ranks.join(", ")));
    }
    lines
}

/// The lines of a unit edge's label.
pub fn edge_lines(report: &Report, tally: &Tally) -> Vec<String> {
    let mut lines = vec![tally.counts()];
    if tally.gaps() > 0 {
        lines.push(format!(
            "{} h \u{b7} {} {}/yr",
            hours(tally.annual_hours),
            report.currency(),
            money(tally.annual_cost)
        ));
    }
    lines
}

/// Line width of an edge: 1.5 without gap hours, up to 8 for the costliest pair.
pub fn width(tally: &Tally, max_hours: f64) -> f64 {
    if max_hours <= 0.0 || tally.annual_hours <= 0.0 {
        return 1.5;
    }
    1.5 + 6.5 * tally.annual_hours / max_hours
}

/// The most gap hours on one edge between units (0 without edges).
pub fn max_hours(scene: &UnitScene) -> f64 {
    scene
        .edges
        .iter()
        .map(|e| e.tally.annual_hours)
        .fold(0.0, f64::max)
}

/// What the unit level's looks mean.
pub fn unit_meaning(look: Look) -> &'static str {
    match look {
        Look::Automated => "every handoff between the units automated",
        Look::Manual | Look::Semi => "worst handoff has a person in the loop",
        Look::Missing => "at least one handoff has no path",
        other => other.meaning(),
    }
}

/// The looks the unit scene uses, in legend order.
pub fn looks(scene: &UnitScene) -> Vec<Look> {
    let mut used: Vec<Look> = scene.edges.iter().map(|e| e.tally.look()).collect();
    used.extend(scene.fixes.iter().map(|f| f.fix.look()));
    Look::ALL.into_iter().filter(|l| used.contains(l)).collect()
}

/// The title of the node of `unit` (empty when it has none).
pub fn scene_title(scene: &UnitScene, unit: Option<UnitIx>) -> String {
    node_position(&scene.nodes, unit).map_or_else(String::new, |k| scene.nodes[k].title.clone())
}

/// Where the node of `unit` is: nodes come in unit order with "no unit" last, so a binary
/// search finds it.
fn node_position(nodes: &[UnitNode], unit: Option<UnitIx>) -> Option<usize> {
    let order = |u: Option<UnitIx>| u.map_or(usize::MAX, UnitIx::index);
    nodes
        .binary_search_by_key(&order(unit), |n| order(n.unit))
        .ok()
}
