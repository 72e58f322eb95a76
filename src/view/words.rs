//! The words every human format uses for what a figure rests on (docs/outputs.md): hours as full-time people, how much rests on defaults, and per gap which
//! minutes were used and whether its ends are connected for other data.

use crate::analysis::{
    path_ids, Analysis, Assumptions, Fix, FixId, HandoffResult, MinutesSource, PathHop,
};
use crate::model::{Model, Source, SystemIx};
use crate::text::{hours, minutes, money, rate};

/// `2.0 FTE`.
pub fn fte(annual_fte: f64) -> String {
    format!("{} FTE", hours(annual_fte))
}

/// "1,920.0 of 3,422.0 gap hours rest on default minutes, 0.0 measured; 4 of 8 fix costs
/// are the default" (imported hours named too when there are any).
pub fn assumptions(a: &Assumptions) -> String {
    let imported = a.gap_hours_from(Source::Imported);
    let imported = if imported > 0.0 {
        format!(", {} imported", hours(imported))
    } else {
        String::new()
    };
    format!(
        "{} of {} gap hours rest on default minutes, {} measured{imported}; {} of {} fix costs are the default",
        hours(a.gap_hours_on_defaults),
        hours(a.gap_hours),
        hours(a.gap_hours_from(Source::Measured)),
        a.fixes_on_default_cost,
        a.fixes
    )
}

/// "3 gaps no fix can close: 1,483.0 h, EUR 72,574 a year" (`None` when there are none).
pub fn unfixable(analysis: &Analysis, currency: &str) -> Option<String> {
    if analysis.unfixable.is_empty() {
        return None;
    }
    let (mut h, mut cost) = (0.0, 0.0);
    for u in &analysis.unfixable {
        h += analysis.handoffs[u.handoff].annual_hours;
        cost += analysis.handoffs[u.handoff].annual_cost;
    }
    let n = analysis.unfixable.len();
    Some(format!(
        "{n} {} no fix can close: {} h, {currency} {} a year",
        if n == 1 { "gap" } else { "gaps" },
        hours(h),
        money(cost)
    ))
}

/// A fix's economics in words: "net EUR 108,600 a year after EUR 3,000 running cost; NPV
/// over 3 years EUR 267,873", and "loses money over 3 years" when its NPV is negative.
pub fn economics(model: &Model, fix: &Fix, currency: &str) -> String {
    let years = model.defaults.horizon_years;
    let running = if fix.run_cost > 0.0 {
        format!(
            "net {currency} {} a year after {currency} {} running cost; ",
            money(fix.net_saving),
            money(fix.run_cost)
        )
    } else {
        String::new()
    };
    let verdict = if fix.loses_money() {
        format!(" - loses money over {} years", minutes(years))
    } else {
        String::new()
    };
    format!(
        "{running}NPV over {} years {currency} {}{verdict}",
        minutes(years),
        money(fix.npv)
    )
}

/// A fix's name as people read it, before its id: the catalogued fix's or the automated
/// integration's `name`, else what it does in the systems' names ("Connect CRM →
/// Accounting", "Automate Marketing automation → CRM").
pub fn fix_name(model: &Model, id: FixId) -> String {
    if let Some(name) = given_fix_name(model, id) {
        return name.to_string();
    }
    let (verb, from, to) = match id {
        FixId::Automate(i) => (
            "Automate",
            model.integration(i).from,
            model.integration(i).to,
        ),
        FixId::Catalog(f) => (
            "Connect",
            model.catalog_fix(f).from,
            model.catalog_fix(f).to,
        ),
        FixId::Connect { from, to } => ("Connect", from, to),
    };
    format!(
        "{verb} {} \u{2192} {}",
        model.system(from).name,
        model.system(to).name
    )
}

/// The `name` the model gives a fix (the catalogued fix's or the automated integration's).
pub fn given_fix_name(model: &Model, id: FixId) -> Option<&str> {
    match id {
        FixId::Automate(i) => model.integration(i).name.as_deref(),
        FixId::Catalog(f) => model.catalog_fix(f).name.as_deref(),
        FixId::Connect { .. } => None,
    }
}

/// Paths written as system ids (`crm->sheet->erp`).
pub struct PathWords<'a> {
    model: &'a Model,
}

impl<'a> PathWords<'a> {
    /// The words for paths of `model`.
    pub fn new(model: &'a Model) -> PathWords<'a> {
        PathWords { model }
    }

    /// The systems along `path` from `from`; the hops' ids if one is not an integration of
    /// the model (a fix's hop).
    fn chain(&self, from: SystemIx, path: &[PathHop]) -> String {
        let mut systems = vec![self.model.system(from).id.as_str()];
        for hop in path {
            match hop.integration() {
                Some(i) => systems.push(&self.model.system(self.model.integration(i).to).id),
                None => return path_ids(self.model, path).join(", "),
            }
        }
        systems.join("->")
    }

    /// Which minutes a gap uses when that is worth a reader's attention: a default, a path
    /// with default hops, or a path quicker than the handoff's own figure. `None` when the
    /// handoff's own minutes stand, or the path's rest on stated minutes only.
    pub fn minutes_note(&self, h: &HandoffResult) -> Option<String> {
        let by_path = || {
            let defaults = match (h.path_defaults.semi, h.path_defaults.manual) {
                (true, true) => " (default semi and manual minutes)",
                (true, false) => " (default semi minutes)",
                (false, true) => " (default manual minutes)",
                (false, false) => "",
            };
            format!(
                "{} min by path {}{defaults}",
                minutes(h.minutes),
                self.chain(h.from, &h.path)
            )
        };
        match h.minutes_source {
            MinutesSource::Handoff => None,
            MinutesSource::Default => Some(format!(
                "{} min is defaults.missing_minutes (the handoff states no minutes)",
                minutes(h.minutes)
            )),
            MinutesSource::Path => match h.stated_minutes {
                Some(stated) if h.stated_minutes_set_aside() => {
                    Some(format!("{} min stated; {}", minutes(stated), by_path()))
                }
                _ if h.path_defaults.any() => Some(by_path()),
                _ => None,
            },
        }
    }

    /// On a missing gap whose ends are connected for other data: "crm and payroll are
    /// connected, but not for `commission`: crm->sheet->payroll".
    pub fn other_data_note(&self, h: &HandoffResult) -> Option<String> {
        let integrations = h.path_other_data.as_ref()?;
        let path: Vec<PathHop> = integrations
            .iter()
            .map(|i| PathHop::Integration(*i))
            .collect();
        Some(format!(
            "{} and {} are connected, but not for `{}`: {}",
            self.model.system(h.from).id,
            self.model.system(h.to).id,
            h.data(self.model),
            self.chain(h.from, &path)
        ))
    }

    /// Both notes of a gap, in that order.
    pub fn notes(&self, h: &HandoffResult) -> Vec<String> {
        self.minutes_note(h)
            .into_iter()
            .chain(self.other_data_note(h))
            .collect()
    }
}

/// Gaps no fix can close listed, costliest first (the CSV and JSON mark all of them).
pub const UNFIXABLE_SHOWN: usize = 20;

/// How many integrations touch each system (from it or to it), counted in one walk so a
/// list of unused systems does not scan every integration for each.
pub fn integrations_touching(model: &Model) -> Vec<usize> {
    let mut touching = vec![0; model.systems.len()];
    for i in &model.integrations {
        touching[i.from.index()] += 1;
        if i.to != i.from {
            touching[i.to.index()] += 1;
        }
    }
    touching
}

/// What an unused system still has, given how many integrations touch it
/// ([`integrations_touching`]): "no workflow uses it; 3 integrations touch it", or
/// "nothing touches it" (only then is retiring it safe advice).
pub fn unused_detail(touching: usize) -> String {
    match touching {
        0 => "nothing touches it".to_string(),
        1 => "no workflow uses it; 1 integration touches it".to_string(),
        n => format!("no workflow uses it; {n} integrations touch it"),
    }
}

/// "done by warehouse at EUR 41 an hour" when a handoff's `by` unit is not its
/// workflow's.
pub fn by_other_unit(model: &Model, g: &crate::analysis::HandoffResult) -> Option<String> {
    let workflow = model.workflow(g.workflow);
    let by = g.handoff(model).by?;
    if Some(by) == workflow.unit {
        return None;
    }
    Some(format!(
        "done by {} at {} {} an hour",
        model.unit(by).id,
        model.currency,
        rate(g.hourly_cost)
    ))
}
