//! The rules of resolution (docs/scoring.md, "Resolution") that read one model element:
//! a hop's effective mode and human minutes, how often a handoff runs, whose staff do its
//! manual work and at what hourly cost. The model holds the data; what it means lives here.

use crate::model::{Handoff, Mode, Model, SystemIx, UnitIx, Workflow};

/// Whether a system is of a manual kind (a spreadsheet, e-mail, paper, a person).
pub fn is_manual_system(model: &Model, system: SystemIx) -> bool {
    model.system(system).kind.is_manual()
}

/// An integration's mode after the rule on manual kinds: automated into or out of a
/// manual kind counts as semi.
pub fn effective_mode(model: &Model, mode: Mode, from: SystemIx, to: SystemIx) -> Mode {
    if mode == Mode::Automated && (is_manual_system(model, from) || is_manual_system(model, to)) {
        Mode::Semi
    } else {
        mode
    }
}

/// Human minutes per use of a hop: 0 when effectively automated, else its own minutes or
/// the default of its mode.
pub fn hop_minutes(
    model: &Model,
    mode: Mode,
    from: SystemIx,
    to: SystemIx,
    minutes: Option<f64>,
) -> f64 {
    match effective_mode(model, mode, from, to) {
        Mode::Automated => 0.0,
        Mode::Semi => minutes.unwrap_or(model.defaults.semi_minutes),
        Mode::Manual => minutes.unwrap_or(model.defaults.manual_minutes),
    }
}

/// A workflow's runs a year: `runs.count` × the factor of `runs.per`.
pub fn workflow_runs_per_year(workflow: &Workflow) -> f64 {
    workflow.runs_count * workflow.runs_per.per_year()
}

/// A handoff's own `runs` a year, else its workflow's.
pub fn handoff_runs_per_year(workflow: &Workflow, handoff: &Handoff) -> f64 {
    handoff.runs.map_or_else(
        || workflow_runs_per_year(workflow),
        crate::model::Runs::per_year,
    )
}

/// The unit whose staff do a handoff's manual work: its `by`, else its workflow's unit.
pub fn working_unit(workflow: &Workflow, handoff: &Handoff) -> Option<UnitIx> {
    handoff.by.or(workflow.unit)
}

/// The staff cost of an hour of a handoff's manual work: its `by` unit's, else its
/// workflow's unit's, else the default.
pub fn handoff_hourly_cost(model: &Model, workflow: &Workflow, handoff: &Handoff) -> f64 {
    unit_hourly_cost(model, working_unit(workflow, handoff))
}

/// The hourly cost of a unit (`None`: no unit), else the default.
pub fn unit_hourly_cost(model: &Model, unit: Option<UnitIx>) -> f64 {
    unit.and_then(|u| model.unit(u).hourly_cost)
        .unwrap_or(model.defaults.hourly_cost)
}
