//! What `gapgraph impact` shows (docs/impact.md): one change's impact, or every system's
//! loss ranked (a criticality list). The human formats (table, Markdown) write the same
//! sections, built here as raw text; the JSON document reads the results directly.

use crate::analysis::Status;
use crate::decide::{Impact, SystemLoss};
use crate::model::Model;
use crate::text::{count, hours, minutes, money, percent};

use super::Section;

/// The document of one `impact` run.
#[derive(Clone, Copy)]
pub enum ImpactView<'a> {
    /// One change (or none).
    Change {
        /// The impact.
        impact: &'a Impact,
        /// The strategy in force (`None`: the model has none).
        strategy: Option<&'a str>,
    },
    /// `--each-system`: every system's loss, costliest first.
    EachSystem {
        /// The model.
        model: &'a Model,
        /// Every system's loss, ranked.
        losses: &'a [SystemLoss],
        /// The strategy in force.
        strategy: Option<&'a str>,
    },
}

/// `+1,234` / `-1,234` / `0`: a change with its sign.
fn signed(x: f64, show: fn(f64) -> String) -> String {
    let shown = show(x);
    if x > 0.0 && shown != show(0.0) {
        format!("+{shown}")
    } else {
        shown
    }
}

fn status(s: Option<Status>) -> &'static str {
    s.map_or("dropped", Status::as_str)
}

fn path(p: &[String]) -> String {
    if p.is_empty() {
        "(none)".into()
    } else {
        p.join(", ")
    }
}

impl ImpactView<'_> {
    /// The title line.
    pub fn title(&self) -> String {
        let strategy =
            |s: Option<&str>| s.map_or("no strategy".into(), |s| format!("strategy {s}"));
        match self {
            ImpactView::Change {
                impact,
                strategy: s,
            } => {
                let what =
                    impact
                        .change
                        .as_ref()
                        .map_or("no change".to_string(), |c| match &c.with {
                            Some(with) => format!("{} `{}` with `{with}`", c.kind, c.target),
                            None => format!("{} `{}`", c.kind, c.target),
                        });
                let name = impact.diff.old_name.as_deref().unwrap_or("unnamed model");
                format!(
                    "Impact of {what} on {name} ({}); money in {}",
                    strategy(*s),
                    impact.diff.currency
                )
            }
            ImpactView::EachSystem {
                model, strategy: s, ..
            } => format!(
                "Criticality: what losing each system costs a year, {} ({}); money in {}",
                model.name.as_deref().unwrap_or("unnamed model"),
                strategy(*s),
                model.currency
            ),
        }
    }

    /// The sections, in order.
    pub fn sections(&self) -> Vec<Section> {
        match self {
            ImpactView::Change { impact, .. } => change_sections(impact),
            ImpactView::EachSystem { model, losses, .. } => vec![criticality(model, losses)],
        }
    }
}

fn change_sections(impact: &Impact) -> Vec<Section> {
    if impact.change.is_none() {
        let mut none = Section::table("No change".into(), &[], &[]);
        none.notes.push(
            "no change was asked for (--remove-system, --remove-integration, --replace-system)"
                .into(),
        );
        return vec![none];
    }
    let mut sections = vec![totals(impact), handoffs(impact)];
    sections.push(areas("Workflows hit", &impact.workflows));
    sections.push(areas("Units hit", &impact.units));
    sections.push(fixes(impact));
    if let Some(budget) = plan(impact) {
        sections.push(budget);
    }
    sections.push(notes(impact));
    sections
}

fn totals(impact: &Impact) -> Section {
    let mut s = Section::table(
        "Totals".into(),
        &["Measure", "Before", "After", "Change"],
        &[1, 2, 3],
    );
    for c in &impact.diff.summary {
        let (figure, change): (fn(Option<f64>) -> String, String) = match c.name {
            "automation_rate" | "strategic_automation" => (
                percent,
                c.delta()
                    .map_or("n/a".into(), |d| format!("{:+.1} pts", d * 100.0)),
            ),
            "annual_hours" => (
                |x| x.map_or("n/a".into(), hours),
                c.delta().map_or("n/a".into(), |d| signed(d, hours)),
            ),
            "annual_cost" | "strategic_value" => (
                |x| x.map_or("n/a".into(), money),
                c.delta().map_or("n/a".into(), |d| signed(d, money)),
            ),
            _ => (
                |x| x.map_or("n/a".into(), |x| count(x as usize)),
                c.delta().map_or("n/a".into(), |d| format!("{d:+}")),
            ),
        };
        let name = if c.name == "strategic_value" {
            "strategic_cost"
        } else {
            c.name
        };
        s.rows
            .push(vec![name.into(), figure(c.before), figure(c.after), change]);
    }
    s
}

const HANDOFF_HEADER: [&str; 10] = [
    "Hops",
    "Handoff",
    "Data",
    "Status",
    "Min/run",
    "Path before",
    "Path after",
    "Hours/yr",
    "Cost/yr",
    "Strategic/yr",
];

fn handoffs(impact: &Impact) -> Section {
    let title = format!(
        "Handoffs whose status or minutes change ({})",
        impact.handoffs.len()
    );
    let mut s = Section::table(title, &HANDOFF_HEADER, &[0, 4, 7, 8, 9]);
    for h in &impact.handoffs {
        let ends = match &h.ends_after {
            Some((from, to)) => format!("{} -> {} (now {from} -> {to})", h.from, h.to),
            None => format!("{} -> {}", h.from, h.to),
        };
        s.rows.push(vec![
            h.distance.map_or("-".into(), |d| d.to_string()),
            format!("{}#{} {ends}", h.workflow, h.step),
            h.data.clone(),
            format!("{} -> {}", h.status_before.as_str(), status(h.status_after)),
            format!("{} -> {}", minutes(h.minutes.0), minutes(h.minutes.1)),
            path(&h.path.0),
            path(&h.path.1),
            signed(h.annual_hours.1 - h.annual_hours.0, hours),
            signed(h.annual_cost.1 - h.annual_cost.0, money),
            signed(h.strategic_value.1 - h.strategic_value.0, money),
        ]);
    }
    s
}

fn areas(title: &str, areas: &[crate::decide::AreaImpact]) -> Section {
    let header = ["Id", "Handoffs moved", "Hours/yr", "Cost/yr", "Cost change"];
    let mut s = Section::table(format!("{title} ({})", areas.len()), &header, &[1, 4]);
    for a in areas {
        s.rows.push(vec![
            a.id.clone(),
            count(a.handoffs),
            format!("{} -> {}", hours(a.annual_hours.0), hours(a.annual_hours.1)),
            format!("{} -> {}", money(a.annual_cost.0), money(a.annual_cost.1)),
            signed(a.annual_cost.1 - a.annual_cost.0, money),
        ]);
    }
    s
}

fn fixes(impact: &Impact) -> Section {
    let title = format!("Fixes whose rank or value moved ({})", impact.fixes.len());
    let header = ["Fix", "Action", "Rank", "Strategic value/yr"];
    let mut s = Section::table(title, &header, &[]);
    let rank = |r: Option<usize>| r.map_or("-".to_string(), |r| format!("#{r}"));
    let value = |v: Option<f64>| v.map_or("-".to_string(), money);
    for f in &impact.fixes {
        s.rows.push(vec![
            f.id.clone(),
            f.action.as_str().into(),
            format!("{} -> {}", rank(f.rank.0), rank(f.rank.1)),
            format!(
                "{} -> {}",
                value(f.strategic_value.0),
                value(f.strategic_value.1)
            ),
        ]);
    }
    s
}

fn plan(impact: &Impact) -> Option<Section> {
    let b = impact.budget.as_ref()?;
    let title = format!("Plan within a budget of {}", money(b.budget));
    let header = [
        "",
        "Fixes picked",
        "Spent",
        "Saving/yr",
        "Strategic value/yr",
        "Gap hours/yr left",
    ];
    let mut s = Section::table(title, &header, &[2, 3, 4, 5]);
    for (side, p) in [("before", &b.before), ("after", &b.after)] {
        s.rows.push(vec![
            side.into(),
            if p.picks.is_empty() {
                "(none)".into()
            } else {
                p.picks.join(", ")
            },
            money(p.cost),
            money(p.annual_saving),
            money(p.strategic_value),
            hours(p.annual_hours_after),
        ]);
    }
    Some(s)
}

fn notes(impact: &Impact) -> Section {
    let mut s = Section::table("What the change does to the model".into(), &[], &[]);
    for i in &impact.diff.integrations_removed {
        s.notes.push(format!(
            "integration `{}` ({} -> {}) removed",
            i.id, i.from, i.to
        ));
    }
    for i in &impact.diff.integrations_added {
        s.notes.push(format!(
            "integration `{}` ({} -> {}) after the change",
            i.id, i.from, i.to
        ));
    }
    s.notes.extend(impact.notes.iter().cloned());
    if s.notes.is_empty() {
        s.notes.push("no integration removed or re-pointed".into());
    }
    s
}

const LOSS_HEADER: [&str; 9] = [
    "Rank",
    "System",
    "Name",
    "Handoffs",
    "Workflows",
    "Automated lost",
    "Hours/yr",
    "Cost/yr",
    "Strategic/yr",
];

fn criticality(model: &Model, losses: &[SystemLoss]) -> Section {
    let hit: Vec<&SystemLoss> = losses.iter().filter(|l| l.handoffs > 0).collect();
    let title = format!(
        "Systems by the cost of losing them ({} of {})",
        hit.len(),
        losses.len()
    );
    let mut s = Section::table(title, &LOSS_HEADER, &[0, 3, 4, 5, 6, 7, 8]);
    for (rank, l) in hit.iter().enumerate() {
        let system = model.system(l.system);
        s.rows.push(vec![
            (rank + 1).to_string(),
            system.id.clone(),
            system.name.clone(),
            count(l.handoffs),
            count(l.workflows),
            count(l.automated_lost),
            signed(l.annual_hours, hours),
            signed(l.annual_cost, money),
            signed(l.strategic_value, money),
        ]);
    }
    let quiet = losses.len() - hit.len();
    if quiet > 0 {
        s.notes.push(format!(
            "{quiet} system{} no handoff when lost",
            if quiet == 1 { " moves" } else { "s move" }
        ));
    }
    s
}
