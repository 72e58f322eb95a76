//! A model about to be written by an importer, and its writers: YAML with `# assumed: ...`
//! comments next to every value the source did not give, or JSON (no comments possible).
//! Every importer builds a [`Draft`] and calls [`Draft::to_yaml`] or [`Draft::to_json`].
//!
//! Strings are always written quoted (JSON escapes are valid YAML double-quoted escapes), so
//! hostile names (`: # [ ] { } & * ! | > ' " %`, `yes`, `1.10`, leading spaces) survive.

mod detail;
mod extra;
mod json;
mod yaml;

pub use detail::{DraftDetail, DraftFix, DraftHandoffDetail, DraftSource};
pub use extra::Extras;
use extra::Slot;
use yaml::{flow_strings, number};
pub use yaml::{key, quote};

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
}

fn push_assumed(out: &mut Vec<String>, at: String, why: Option<&String>) {
    if let Some(why) = why {
        out.push(format!("{at}: {why}"));
    }
}
