//! What the benefits review (`gapgraph review PLAN MODEL`) shows: a title and sections of
//! sentences and one table each, the same in every human format (table, Markdown, HTML);
//! the JSON (`gapgraph.benefits/v1`) writes the decision itself. Text here is raw: each
//! format escapes it. Not to be confused with the review *document* of `analyze` (`review/`).

use super::Section;
use crate::analysis::Analysis;
use crate::decide::{Benefits, Built, StepReview};
use crate::model::{Model, Source};
use crate::text::{hours, money, percent};

/// What the benefits review formats show.
#[derive(Clone, Copy)]
pub struct BenefitsReview<'a> {
    /// The model now: the review names its parts by index.
    pub model: &'a Model,
    /// Its analysis.
    pub analysis: &'a Analysis,
    /// The review.
    pub benefits: &'a Benefits,
}

const STEP_HEADER: [&str; 11] = [
    "Step",
    "Fix",
    "Action",
    "Built",
    "Cost planned",
    "Actual cost",
    "Hours/yr forecast",
    "Hours/yr realised",
    "Saving/yr forecast",
    "Saving/yr realised",
    "Still costs/yr",
];

impl BenefitsReview<'_> {
    fn cur(&self) -> &str {
        &self.model.currency
    }

    /// "Benefits review: plan for NAME (budget USD 20,000) against NAME now".
    pub fn title(&self) -> String {
        let b = &self.benefits.baseline;
        let then = b.model.as_deref().unwrap_or("the model");
        let now = self.model.name.as_deref().unwrap_or("the model now");
        format!(
            "Benefits review: plan for {then} (budget {} {}) against {now}",
            b.currency,
            money(b.budget)
        )
    }

    /// Every section, in order.
    pub fn sections(&self) -> Vec<Section> {
        let mut sections = vec![
            Section::lines("Summary", self.summary()),
            self.steps(),
            self.unplanned(),
            self.satisfaction(),
        ];
        let notes = self.notes();
        if !notes.is_empty() {
            sections.push(Section::lines("What this plan cannot show", notes));
        }
        sections
    }

    fn summary(&self) -> Vec<String> {
        let (b, cur) = (self.benefits, self.cur());
        let (built, not_built) = b.built_count();
        let forecast_hours: f64 = b.baseline.steps.iter().map(|s| s.annual_hours_saved).sum();
        let forecast: f64 = b.baseline.steps.iter().map(|s| s.annual_saving).sum();
        let mut lines = vec![format!(
            "Built {built} of {} planned fix{}; {not_built} not built; {} fix{} the plan left \
             undone built anyway.",
            b.steps.len(),
            plural(b.steps.len()),
            b.unplanned.len(),
            plural(b.unplanned.len()),
        )];
        lines.push(match b.realised_total() {
            Some((h, c)) => format!(
                "Forecast saving {cur} {} a year ({} h); realised {cur} {} a year ({} h) on \
                 the handoffs the plan was to close.",
                money(forecast),
                hours(forecast_hours),
                money(c),
                hours(h)
            ),
            None => format!(
                "Forecast saving {cur} {} a year ({} h); realised: unknown (the plan does not \
                 say which handoffs it was to close).",
                money(forecast),
                hours(forecast_hours)
            ),
        });
        lines.push(self.cost_line());
        lines.push(format!(
            "Automation of runs: {} at plan time, forecast {} once the plan was built, {} now.",
            percent(b.baseline.automation_rate_before),
            percent(b.baseline.automation_forecast()),
            percent(b.automation_now)
        ));
        let then = match (
            b.baseline.annual_hours_before,
            b.baseline.annual_cost_before,
        ) {
            (Some(h), Some(c)) => format!(" (at plan time {} h = {cur} {})", hours(h), money(c)),
            _ => String::new(),
        };
        lines.push(format!(
            "Gaps now: {} staff hours a year = {cur} {}{then}.",
            hours(b.annual_hours_now),
            money(b.annual_cost_now)
        ));
        let still: Vec<&StepReview> = b.steps.iter().filter(|s| !s.built.is_built()).collect();
        if let Some((h, c)) = still_costs(&still) {
            lines.push(format!(
                "Not built: {} fix{} whose handoffs still take {} h = {cur} {} a year.",
                still.len(),
                plural(still.len()),
                hours(h),
                money(c)
            ));
        }
        lines
    }

    fn cost_line(&self) -> String {
        let cur = self.cur();
        let built: Vec<&StepReview> = self
            .benefits
            .steps
            .iter()
            .filter(|s| s.built.is_built())
            .collect();
        let planned: f64 = built.iter().map(|s| s.planned.cost).sum();
        let recorded: Vec<&&StepReview> =
            built.iter().filter(|s| s.actual_cost.is_some()).collect();
        if recorded.is_empty() {
            return format!(
                "Cost of the fixes built: {cur} {} planned; no actual cost recorded.",
                money(planned)
            );
        }
        let actual: f64 = recorded.iter().filter_map(|s| s.actual_cost).sum();
        let planned_recorded: f64 = recorded.iter().map(|s| s.planned.cost).sum();
        format!(
            "Cost of the fixes built: {cur} {} planned; actual {cur} {} against {cur} {} \
             planned for the {} with an actual cost recorded.",
            money(planned),
            money(actual),
            money(planned_recorded),
            recorded.len()
        )
    }

    fn steps(&self) -> Section {
        let mut section = Section::lines("Planned fixes", Vec::new());
        if self.benefits.steps.is_empty() {
            section.lead.push("The plan has no steps.".into());
            return section;
        }
        section.header = STEP_HEADER.to_vec();
        section.numeric = vec![0, 4, 5, 6, 7, 8, 9, 10];
        for s in &self.benefits.steps {
            let p = &s.planned;
            let realised = s.realised.as_ref();
            let known = |f: fn(&crate::decide::Realised) -> f64, h: bool| {
                realised.map_or(
                    "?".to_string(),
                    |r| if h { hours(f(r)) } else { money(f(r)) },
                )
            };
            section.rows.push(vec![
                p.step.to_string(),
                p.id.clone(),
                p.action.clone(),
                self.built_words(s.built),
                money(p.cost),
                s.actual_cost.map_or("-".into(), money),
                hours(p.annual_hours_saved),
                known(|r| r.annual_hours_saved, true),
                money(p.annual_saving),
                known(|r| r.annual_saving, false),
                known(|r| r.annual_cost_now, false),
            ]);
            section.notes.extend(self.step_detail(s));
        }
        section
    }

    fn built_words(&self, built: Built) -> String {
        let i = |k: usize| &self.model.integrations[k];
        match built {
            Built::ById(_) => "yes (by id)".into(),
            Built::ByEnds(k) => format!("yes (as {})", i(k).id),
            Built::Partly(k) => format!("no ({} is {})", i(k).id, i(k).mode.as_str()),
            Built::No => "no".into(),
        }
    }

    /// "#2 helpdesk->crm: support-intake step 1 (ticket): 520.0 h then, 260.0 h now
    /// (stated); agree: VP Sales".
    fn step_detail(&self, s: &StepReview) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(r) = &s.realised {
            let parts: Vec<String> = r
                .handoffs
                .iter()
                .map(|h| {
                    let p = &h.planned;
                    let mut now = h.now.map_or("gone from the model".to_string(), |k| {
                        format!("{} h now", hours(self.analysis.handoffs[k].annual_hours))
                    });
                    if h.counted_earlier {
                        now.push_str(" (counted at an earlier step)");
                    }
                    format!(
                        "{} step {} ({}): {} h then, {now}",
                        p.workflow,
                        p.step,
                        p.data,
                        hours(p.annual_hours_before)
                    )
                })
                .collect();
            lines.push(format!(
                "#{} {}: {}; figures now {}.",
                s.planned.step,
                s.planned.id,
                parts.join("; "),
                basis_words(r.basis)
            ));
        }
        if let Some(owners) = &s.planned.owners {
            lines.push(format!(
                "#{} {}: to agree: {}.",
                s.planned.step,
                s.planned.id,
                if owners.is_empty() {
                    "no owner in the model".to_string()
                } else {
                    owners.join(", ")
                }
            ));
        }
        lines
    }

    fn unplanned(&self) -> Section {
        let b = self.benefits;
        let mut section = Section::lines("Built, not in the plan", Vec::new());
        if b.unplanned.is_empty() {
            section.lead.push(format!(
                "No fix the plan left undone ({}) was built.",
                b.baseline.left_undone.len()
            ));
            return section;
        }
        section.header = vec![
            "Fix",
            "Action",
            "Built",
            "Cost then",
            "Actual cost",
            "Saving/yr forecast",
        ];
        section.numeric = vec![3, 4, 5];
        for u in &b.unplanned {
            section.rows.push(vec![
                u.fix.id.clone(),
                u.fix.action.clone(),
                self.built_words(u.built),
                money(u.fix.cost),
                u.actual_cost.map_or("-".into(), money),
                money(u.fix.annual_saving),
            ]);
        }
        section
    }

    fn satisfaction(&self) -> Section {
        let mut section = Section::lines("Satisfaction", Vec::new());
        let Some(ratings) = &self.benefits.ratings else {
            section
                .lead
                .push("The plan carries no satisfaction ratings.".into());
            return section;
        };
        if ratings.is_empty() {
            section
                .lead
                .push("No system is rated both in the plan and now.".into());
            return section;
        }
        section
            .lead
            .push("Users' rating (1 to 5) of each system rated in the plan and now.".into());
        section.header = vec![
            "System",
            "Before",
            "After",
            "Change",
            "Connected by a fix built",
        ];
        section.numeric = vec![1, 2, 3];
        for r in ratings {
            section.rows.push(vec![
                self.model.systems[r.system].id.clone(),
                rating(r.before),
                rating(r.after),
                format!("{:+.1}", r.after - r.before),
                if r.touched { "yes" } else { "" }.into(),
            ]);
        }
        section
    }

    fn notes(&self) -> Vec<String> {
        let b = &self.benefits.baseline;
        let mut notes: Vec<String> = b
            .lacks()
            .into_iter()
            .map(|l| format!("The plan predates {l}."))
            .collect();
        if b.currency != self.model.currency {
            notes.push(format!(
                "The plan is in {} and the model now in {}: amounts are compared as they are.",
                b.currency, self.model.currency
            ));
        }
        notes
    }
}

fn still_costs(steps: &[&StepReview]) -> Option<(f64, f64)> {
    if steps.is_empty() || steps.iter().any(|s| s.realised.is_none()) {
        return None;
    }
    Some(
        steps
            .iter()
            .filter_map(|s| s.realised.as_ref())
            .fold((0.0, 0.0), |(h, c), r| {
                (h + r.annual_hours_now, c + r.annual_cost_now)
            }),
    )
}

fn basis_words(basis: Source) -> &'static str {
    match basis {
        Source::Measured => "measured",
        Source::Stated => "stated",
        Source::Imported => "imported",
        Source::Default => "on defaults",
    }
}

fn rating(x: f64) -> String {
    crate::text::ratio(Some(x))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "es"
    }
}
