//! The edges of a system-level diagram, computed once for every format: DOT and Mermaid
//! only write what is here.

use super::{effective_mode, short_list, step_label, FixMark, MissingEdge, Scene, LABEL_ITEMS};
use crate::analysis::rules;
use crate::model::{IntegrationIx, Mode, Model, SystemIx};
use crate::text::{hours, minutes, money};
use crate::view::palette::Look;
use crate::view::Report;

/// One edge of a system-level diagram as every format draws it: its ends, its look, its
/// label lines and a tooltip (for the formats that show one).
pub struct SceneEdge {
    /// The system it leaves.
    pub from: SystemIx,
    /// The system it enters.
    pub to: SystemIx,
    /// How it is drawn.
    pub look: Look,
    /// The label, one line each.
    pub lines: Vec<String>,
    /// The text shown on hover.
    pub tooltip: String,
}

impl Scene {
    /// The edges to draw, in drawing order: the integrations, then the gaps, then the
    /// fixes marked.
    pub fn edges(&self, report: &Report) -> Vec<SceneEdge> {
        (0..self.edge_count())
            .map(|key| self.edge(report, key))
            .collect()
    }

    /// How many edges [`Scene::edges`] lists.
    pub fn edge_count(&self) -> usize {
        self.integrations.len() + self.missing.len() + self.fixes.len()
    }

    /// The edge at `key` in [`Scene::edges`], made alone: a writer that needs an edge twice
    /// (a DOT label inside a unit box, its lines after every box) makes it twice instead
    /// of holding them all.
    pub fn edge(&self, report: &Report, key: usize) -> SceneEdge {
        let missing = key.checked_sub(self.integrations.len());
        let fix = missing.and_then(|m| m.checked_sub(self.missing.len()));
        match (missing, fix) {
            (None, _) => self.integration_edge(report, self.integrations[key]),
            (Some(m), None) => missing_edge(report, &self.missing[m]),
            (_, Some(f)) => fix_edge(report, &self.fixes[f]),
        }
    }

    /// The systems the edge at `key` leaves and enters.
    pub fn edge_ends(&self, model: &Model, key: usize) -> (SystemIx, SystemIx) {
        let missing = key.checked_sub(self.integrations.len());
        let fix = missing.and_then(|m| m.checked_sub(self.missing.len()));
        match (missing, fix) {
            (None, _) => {
                let integration = model.integration(self.integrations[key]);
                (integration.from, integration.to)
            }
            (Some(m), None) => (self.missing[m].from, self.missing[m].to),
            (_, Some(f)) => (self.fixes[f].from, self.fixes[f].to),
        }
    }

    /// Whether a system drawn is of a manual kind.
    pub fn has_manual(&self, model: &Model) -> bool {
        self.systems
            .iter()
            .any(|s| model.system(*s).kind.is_manual())
    }

    /// Whether a system drawn lies outside the focus (manual kinds aside).
    pub fn has_external(&self, model: &Model) -> bool {
        self.systems
            .iter()
            .any(|s| self.is_external(model, *s) && !model.system(*s).kind.is_manual())
    }

    fn integration_edge(&self, report: &Report, i: IntegrationIx) -> SceneEdge {
        let model = report.model;
        let integration = model.integration(i);
        let mode = effective_mode(report, i);
        let mut lines = Vec::new();
        lines.extend(self.step_label(i));
        lines.push(short_list(&integration.carries.0, LABEL_ITEMS));
        if mode != Mode::Automated {
            let hop = rules::hop_minutes(
                model,
                integration.mode,
                integration.from,
                integration.to,
                integration.minutes,
            );
            lines.push(format!("{} min/use", minutes(hop)));
        }
        let mut tooltip = format!(
            "{}: {} ({} mode",
            integration.id,
            integration.carries.0.join(", "),
            mode.as_str()
        );
        if mode != integration.mode {
            tooltip.push_str(&format!(", declared {}", integration.mode.as_str()));
        }
        tooltip.push(')');
        if let Some(via) = &integration.via {
            tooltip.push_str(&format!(" via {via}"));
        }
        SceneEdge {
            from: integration.from,
            to: integration.to,
            look: Look::of(mode),
            lines,
            tooltip,
        }
    }
}

fn missing_edge(report: &Report, gap: &MissingEdge) -> SceneEdge {
    let model = report.model;
    let mut lines = Vec::new();
    if !gap.steps.is_empty() {
        lines.push(step_label(&gap.steps));
    }
    lines.push(short_list(&gap.data, LABEL_ITEMS));
    lines.push(format!(
        "{} h \u{b7} {} {}/yr",
        hours(gap.annual_hours),
        report.currency(),
        money(gap.annual_cost)
    ));
    let tooltip = format!(
        "missing: {} from {} to {} has no path ({})",
        gap.data.join(", "),
        model.system(gap.from).name,
        model.system(gap.to).name,
        gap.workflows.join(", ")
    );
    SceneEdge {
        from: gap.from,
        to: gap.to,
        look: Look::Missing,
        lines,
        tooltip,
    }
}

fn fix_edge(report: &Report, fix: &FixMark) -> SceneEdge {
    let cur = report.currency();
    let mut lines = vec![fix.headline()];
    if fix.integration.is_none() {
        lines.push(short_list(&fix.carries, LABEL_ITEMS));
    }
    lines.push(fix.money_line(cur));
    let tooltip = format!(
        "fix #{} {} ({}, {}): costs {cur} {}, saves {} h = {cur} {} a year",
        fix.rank,
        fix.name,
        fix.id,
        fix.action.as_str(),
        money(fix.cost),
        hours(fix.annual_hours_saved),
        money(fix.annual_saving)
    );
    SceneEdge {
        from: fix.from,
        to: fix.to,
        look: fix.look(),
        lines,
        tooltip,
    }
}
