//! From the totals of a log (or a pairs table) to the [`Evidence`]: transitions sorted,
//! variants ranked to the coverage asked for, unmapped activities with a hint, notes.

use std::path::Path;

use super::mapping::Mapping;
use super::measure::{per_year, rank_variants};
use super::{Collector, Evidence, Options, Transition, Unmapped, Variant};

/// What the measures come to before ranking and naming: from a log's tally or from a
/// pairs table (`pairs.rs`).
pub(crate) struct Totals {
    pub cases: u64,
    pub events: u64,
    pub unmapped_steps: u64,
    pub span_seconds: f64,
    /// Steps, when known (a pairs table does not say).
    pub steps: Option<u64>,
    /// (from, to, count, automated, unknown, timed, median minutes)
    pub pairs: Vec<Transition>,
    pub variants: Vec<(Vec<(String, String)>, u64)>,
    pub unmapped: Vec<(String, u64)>,
}

impl Totals {
    pub(super) fn of(collector: &Collector, mapping: &Mapping) -> Totals {
        let tally = &collector.tally;
        let span = tally.span_seconds();
        let id = |s: u16| mapping.systems[usize::from(s)].id.clone();
        Totals {
            cases: tally.cases,
            events: tally.events,
            unmapped_steps: tally.unmapped_steps,
            span_seconds: span,
            steps: Some(tally.steps),
            pairs: tally
                .pairs
                .iter()
                .map(|(&(from, to), p)| Transition {
                    from: id(from),
                    to: id(to),
                    count: p.count,
                    automated: p.automated,
                    unknown: p.unknown,
                    runs_per_year: per_year(p.count, span),
                    median_minutes: p.median_minutes(),
                    timed: p.timed,
                })
                .collect(),
            variants: tally
                .variants
                .iter()
                .map(|(seq, &n)| (seq.iter().map(|&(a, b)| (id(a), id(b))).collect(), n))
                .collect(),
            unmapped: tally
                .unmapped_by_activity
                .iter()
                .map(|(&a, &n)| (collector.activities.names[a as usize].to_string(), n))
                .collect(),
        }
    }
}

/// The evidence a discovery gives: the totals ranked, named and explained.
pub(super) fn evidence(
    totals: Totals,
    mapping: &Mapping,
    log: &str,
    options: &Options,
    mut notes: Vec<String>,
) -> Evidence {
    let span = totals.span_seconds;
    let mut transitions = totals.pairs;
    transitions.sort_by(|a, b| (&a.from, &a.to).cmp(&(&b.from, &b.to)));
    let coverage = options.coverage.or(mapping.coverage).unwrap_or(0.8);
    let cases_with_variant = totals.variants.iter().map(|v| v.1).sum();
    let distinct = totals.variants.len();
    let (ranked, taken) = rank_variants(totals.variants, coverage);
    let workflows: Vec<Variant> = ranked
        .into_iter()
        .take(taken)
        .map(|(handoffs, cases)| Variant {
            cases,
            handoffs,
            runs_per_year: per_year(cases, span),
        })
        .collect();
    let mut unmapped: Vec<Unmapped> = totals
        .unmapped
        .into_iter()
        .map(|(activity, count)| {
            let hint = unmapped_hint(mapping, &activity);
            Unmapped {
                activity,
                count,
                hint,
            }
        })
        .collect();
    unmapped.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.activity.cmp(&b.activity))
    });
    if totals.steps == Some(0) && totals.events > 0 {
        notes.push(format!(
            "none of the {} events is a step: each has a lifecycle:transition other than `complete` (a step) or `start`, so no handoff can be measured",
            totals.events
        ));
    } else if totals.events > 0 && transitions.is_empty() {
        notes.push(
            "no handoff found: no case has two consecutive mapped steps in different systems (a step is an event whose lifecycle:transition is absent or `complete`)"
                .into(),
        );
    }
    if span == 0.0 {
        notes.push("the log spans no time: runs a year cannot be measured".into());
    }
    Evidence {
        log: log_file_name(log),
        cases: totals.cases,
        events: totals.events,
        unmapped_events: totals.unmapped_steps,
        span_seconds: span,
        variants: distinct,
        cases_with_variant,
        covered_cases: workflows.iter().map(|w| w.cases).sum(),
        coverage,
        transitions,
        workflows,
        unmapped,
        systems: mapping.systems.iter().map(|s| s.id.clone()).collect(),
        notes,
    }
}

/// The log's file name without its folders: the evidence names the file, not the machine.
fn log_file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// Why an activity matched no step of the mapping, when a near miss says.
fn unmapped_hint(mapping: &Mapping, activity: &str) -> Option<String> {
    if let Some(g) = mapping.case_only_match(activity) {
        return Some(format!(
            "`{}` would match it but for upper/lower case",
            g.text
        ));
    }
    let globs: Vec<&str> = mapping.patterns().map(|p| p.text.as_str()).collect();
    crate::diagnostic::did_you_mean(activity, globs)
}
