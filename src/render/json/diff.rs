//! `gapgraph.diff/v1`: what changed between two models, as wire types built from the
//! [`Diff`], so a renamed field is a compile error.

use std::io::Write;

use indexmap::IndexMap;
use serde::Serialize;

use super::decide::DIFF_SCHEMA;
use super::write_json;
use crate::analysis::Status;
use crate::decide::{Diff, GapDelta, IntegrationChange};
use crate::render::{Render, RenderError};

#[derive(Serialize)]
struct GapWire<'a> {
    workflow: &'a str,
    from: &'a str,
    to: &'a str,
    data: &'a str,
    status_before: Option<&'static str>,
    status_after: Option<&'static str>,
    minutes_before: f64,
    minutes_after: f64,
    annual_cost_before: f64,
    annual_cost_after: f64,
}

impl<'a> From<&'a GapDelta> for GapWire<'a> {
    fn from(g: &'a GapDelta) -> Self {
        GapWire {
            workflow: &g.workflow,
            from: &g.from,
            to: &g.to,
            data: &g.data,
            status_before: g.status_before.map(Status::as_str),
            status_after: g.status_after.map(Status::as_str),
            minutes_before: g.minutes_before,
            minutes_after: g.minutes_after,
            annual_cost_before: g.annual_cost_before,
            annual_cost_after: g.annual_cost_after,
        }
    }
}

#[derive(Serialize)]
struct ChangeWire {
    before: Option<f64>,
    after: Option<f64>,
    delta: Option<f64>,
}

#[derive(Serialize)]
struct SideWire<'a> {
    model: Option<&'a str>,
    strategy: Option<&'a str>,
}

#[derive(Serialize)]
struct IntegrationWire<'a> {
    id: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    mode: Option<&'static str>,
    mode_before: Option<&'static str>,
    mode_after: Option<&'static str>,
}

#[derive(Serialize)]
struct FixMoveWire<'a> {
    id: &'a str,
    action: &'static str,
    rank_before: Option<usize>,
    rank_after: Option<usize>,
}

#[derive(Serialize)]
struct Gaps<'a> {
    closed: Vec<GapWire<'a>>,
    opened: Vec<GapWire<'a>>,
    changed: Vec<GapWire<'a>>,
}
#[derive(Serialize)]
struct Renamed<'a> {
    from: &'a str,
    to: &'a str,
}
#[derive(Serialize)]
struct Workflows<'a> {
    removed: &'a [String],
    added: &'a [String],
    renamed: Vec<Renamed<'a>>,
}
#[derive(Serialize)]
struct Integrations<'a> {
    added: Vec<IntegrationWire<'a>>,
    removed: Vec<IntegrationWire<'a>>,
    changed: Vec<IntegrationWire<'a>>,
}
#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    old: SideWire<'a>,
    new: SideWire<'a>,
    currency: &'a str,
    summary: IndexMap<&'static str, ChangeWire>,
    gaps: Gaps<'a>,
    workflows: Workflows<'a>,
    integrations: Integrations<'a>,
    fixes: Vec<FixMoveWire<'a>>,
}
/// `diff --format json`.
pub struct DiffJson;

impl Render<Diff> for DiffJson {
    fn render(&self, d: &Diff, out: &mut dyn Write) -> Result<(), RenderError> {
        let document = Document {
            schema: DIFF_SCHEMA,
            old: SideWire {
                model: d.old_name.as_deref(),
                strategy: d.old_strategy.as_deref(),
            },
            new: SideWire {
                model: d.new_name.as_deref(),
                strategy: d.new_strategy.as_deref(),
            },
            currency: &d.currency,
            summary: summary(d),
            gaps: Gaps {
                closed: d.gaps.closed.iter().map(GapWire::from).collect(),
                opened: d.gaps.opened.iter().map(GapWire::from).collect(),
                changed: d.gaps.changed.iter().map(GapWire::from).collect(),
            },
            workflows: Workflows {
                removed: &d.workflows_removed,
                added: &d.workflows_added,
                renamed: d
                    .renamed
                    .iter()
                    .map(|r| Renamed {
                        from: &r.from,
                        to: &r.to,
                    })
                    .collect(),
            },
            integrations: integrations(d),
            fixes: fixes(d),
        };
        write_json(out, &document)
    }
}

/// Each summary figure before and after, with the change.
fn summary(d: &Diff) -> IndexMap<&'static str, ChangeWire> {
    d.summary
        .iter()
        .map(|c| {
            (
                c.name,
                ChangeWire {
                    before: c.before,
                    after: c.after,
                    delta: c.delta(),
                },
            )
        })
        .collect()
}

fn integrations(d: &Diff) -> Integrations<'_> {
    Integrations {
        added: d.integrations_added.iter().map(one_side).collect(),
        removed: d.integrations_removed.iter().map(one_side).collect(),
        changed: d
            .modes_changed
            .iter()
            .map(|m| IntegrationWire {
                id: &m.id,
                from: None,
                to: None,
                mode: None,
                mode_before: Some(m.before.as_str()),
                mode_after: Some(m.after.as_str()),
            })
            .collect(),
    }
}

fn fixes(d: &Diff) -> Vec<FixMoveWire<'_>> {
    d.fixes
        .iter()
        .map(|f| FixMoveWire {
            id: &f.id,
            action: f.action.as_str(),
            rank_before: f.before,
            rank_after: f.after,
        })
        .collect()
}

/// An integration added or removed: its ends and mode.
fn one_side(i: &IntegrationChange) -> IntegrationWire<'_> {
    IntegrationWire {
        id: &i.id,
        from: Some(&i.from),
        to: Some(&i.to),
        mode: Some(i.mode.as_str()),
        mode_before: None,
        mode_after: None,
    }
}
