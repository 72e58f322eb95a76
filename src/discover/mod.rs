//! `discover`: handoffs measured from an event log (docs/discover.md). Readers
//! (`xes.rs`, `csvlog.rs`, behind `input.rs`'s caps) hand cases one at a time to a
//! [`Collector`], which interns names and feeds the pure measures of `measure.rs`; the
//! [`Evidence`] they come to is rendered by `report.rs` and written as a model by
//! `model.rs`.

use std::collections::HashMap;
use std::path::Path;

use foldhash::fast::FixedState;

mod csvlog;
mod input;
pub mod mapping;
pub mod measure;
mod merge;
mod model;
mod pairs;
pub mod problem;
mod report;
pub mod time;
mod totals;
mod xes;

pub use csvlog::Columns;
pub use input::{MAX_INFLATE_RATIO, MAX_RECORD_BYTES, MIN_INFLATED_CAP};
pub use mapping::Mapping;
pub use merge::{merge, MergeError, Merged};
pub use model::{model_json, model_yaml, ModelError, ModelOptions};
pub use problem::{Problem, Problems};
pub use report::{json as report_json, markdown as report_markdown, table as report_table};

use measure::{Event, Lookup, Tally};
use totals::evidence;
pub(crate) use totals::Totals;

/// Interned names: each distinct activity or resource is matched against the mapping once.
#[derive(Default)]
struct Interner {
    at: HashMap<Box<str>, u32, FixedState>,
    names: Vec<Box<str>>,
}

impl Interner {
    fn get(&mut self, name: &str) -> (u32, bool) {
        if let Some(&i) = self.at.get(name) {
            return (i, false);
        }
        let i = self.names.len() as u32;
        self.at.insert(name.into(), i);
        self.names.push(name.into());
        (i, true)
    }
}

struct Table<'a> {
    systems: &'a [Option<u16>],
    automated: &'a [bool],
}

impl Lookup for Table<'_> {
    fn system(&self, activity: u32) -> Option<u16> {
        self.systems[activity as usize]
    }
    fn automated(&self, resource: u32) -> bool {
        self.automated[resource as usize]
    }
}

/// Receives the readers' cases.
pub struct Collector<'m> {
    mapping: &'m Mapping,
    activities: Interner,
    resources: Interner,
    systems: Vec<Option<u16>>,
    automated: Vec<bool>,
    tally: Tally,
}

impl<'m> Collector<'m> {
    fn new(mapping: &'m Mapping) -> Self {
        Collector {
            mapping,
            activities: Interner::default(),
            resources: Interner::default(),
            systems: Vec::new(),
            automated: Vec::new(),
            tally: Tally::default(),
        }
    }

    /// The id of an activity name.
    pub fn activity(&mut self, name: &str) -> u32 {
        let (i, new) = self.activities.get(name);
        if new {
            self.systems.push(self.mapping.system_of(name));
        }
        i
    }

    /// The id of a resource name.
    pub fn resource(&mut self, name: &str) -> u32 {
        let (i, new) = self.resources.get(name);
        if new {
            self.automated.push(self.mapping.is_automated(name));
        }
        i
    }

    /// One case's events, in file order.
    pub fn case(&mut self, events: &mut [Event]) {
        let table = Table {
            systems: &self.systems,
            automated: &self.automated,
        };
        self.tally.add_case(events, &table);
    }
}

/// What `discover` needs besides the log and the mapping.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    /// CSV column names.
    pub columns: Columns,
    /// The coverage (`None`: the mapping's, else 0.8).
    pub coverage: Option<f64>,
}

impl Options {
    /// The options' own problems, before any log is read: the clap layer checks these too,
    /// but a library caller gets them here instead of a ranking cut at a share that is not
    /// one.
    fn problems(&self, origin: &str) -> Result<(), Failure> {
        match self.coverage {
            Some(c) if !(c > 0.0 && c <= 1.0) => {
                let mut problems = Problems::new(origin);
                problems.push(Problem {
                    line: None,
                    column: None,
                    field: Some("coverage".into()),
                    message: format!("coverage: expected a share above 0 and at most 1, found {c}"),
                });
                Err(Failure(vec![problems]))
            }
            _ => Ok(()),
        }
    }
}

/// One pair's evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Transition {
    /// The sending system.
    pub from: String,
    /// The receiving system.
    pub to: String,
    /// Handoff instances.
    pub count: u64,
    /// Instances received by a system account.
    pub automated: u64,
    /// Instances whose receiving step has no resource.
    pub unknown: u64,
    /// count × 365.25 × 86,400 / span (s); `None` when the span is 0.
    pub runs_per_year: Option<f64>,
    /// The median of the timed durations, in minutes.
    pub median_minutes: Option<f64>,
    /// How many instances were timed.
    pub timed: u64,
}

/// A variant taken as a workflow.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// Cases that follow it.
    pub cases: u64,
    /// Its handoff pairs, in order.
    pub handoffs: Vec<(String, String)>,
    /// Cases a year, as runs are measured.
    pub runs_per_year: Option<f64>,
}

/// An activity no glob maps, with its step count and a hint.
#[derive(Clone, Debug, PartialEq)]
pub struct Unmapped {
    /// The activity.
    pub activity: String,
    /// How many steps.
    pub count: u64,
    /// A did-you-mean against the mapping's globs.
    pub hint: Option<String>,
}

/// Everything measured: what the JSON report and the written model say.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// The log's file name.
    pub log: String,
    /// Cases (traces).
    pub cases: u64,
    /// Events of every kind.
    pub events: u64,
    /// Steps no glob maps.
    pub unmapped_events: u64,
    /// Latest minus earliest timestamp, in seconds.
    pub span_seconds: f64,
    /// Distinct variants.
    pub variants: usize,
    /// Cases that have a variant.
    pub cases_with_variant: u64,
    /// Cases the workflows cover.
    pub covered_cases: u64,
    /// The coverage used.
    pub coverage: f64,
    /// Per pair, sorted by (from, to).
    pub transitions: Vec<Transition>,
    /// The variants taken as workflows, in rank order.
    pub workflows: Vec<Variant>,
    /// Unmapped activities, most steps first.
    pub unmapped: Vec<Unmapped>,
    /// The mapping's systems, in order.
    pub systems: Vec<String>,
    /// Things the user should know that are not errors.
    pub notes: Vec<String>,
}

impl Evidence {
    /// The span in days.
    pub fn span_days(&self) -> f64 {
        self.span_seconds / 86_400.0
    }
}

/// The log could not be measured: the problems, per file.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure(pub Vec<Problems>);

/// Text cut to 80 characters for messages.
fn shorten(text: &str) -> String {
    if text.chars().count() <= 80 {
        text.to_string()
    } else {
        format!("{}...", text.chars().take(77).collect::<String>())
    }
}

fn refusal_message(refusal: input::Refusal) -> String {
    match refusal {
        input::Refusal::RecordTooLong => format!(
            "refused: a single record or tag is larger than {} MiB (is this an event log?)",
            MAX_RECORD_BYTES >> 20
        ),
        input::Refusal::Bomb { cap } => format!(
            "refused: the gzip stream inflates past {} MiB ({}x its compressed size): a gzip bomb, or a log to split",
            cap >> 20,
            MAX_INFLATE_RATIO
        ),
    }
}

/// Measures the log at `path` (`log_origin` names it in problems) with `mapping` (read from
/// `mapping_origin`).
pub fn discover(
    path: &Path,
    log_origin: &str,
    mapping: &Mapping,
    mapping_origin: &str,
    options: &Options,
) -> Result<Evidence, Failure> {
    options.problems(log_origin)?;
    let mut problems = Problems::new(log_origin);
    let open_failed = |e: std::io::Error| {
        let mut p = Problems::new(log_origin);
        p.push(Problem {
            line: None,
            column: None,
            field: None,
            message: format!("cannot read the log: {e}"),
        });
        Failure(vec![p])
    };
    let opened = input::open(path).map_err(open_failed)?;
    let mut collector = Collector::new(mapping);
    match opened.kind {
        input::Kind::Xes => xes::read(
            path,
            opened.reader,
            &opened.budget,
            &mut collector,
            &mut problems,
        ),
        input::Kind::Csv => {
            let outcome = csvlog::read_grouped(
                opened.reader,
                &options.columns,
                &opened.budget,
                &mut collector,
                &mut problems,
            );
            if matches!(outcome, csvlog::Outcome::NotGrouped) {
                let again = input::open(path).map_err(open_failed)?;
                collector = Collector::new(mapping);
                problems = Problems::new(log_origin);
                csvlog::read_holding(
                    again.reader,
                    &options.columns,
                    &again.budget,
                    &mut collector,
                    &mut problems,
                );
            }
        }
    }
    if !problems.is_empty() {
        return Err(Failure(vec![problems]));
    }
    if collector.tally.cases == 0 {
        problems.push(Problem {
            line: None,
            column: None,
            field: None,
            message: "the log has no cases".into(),
        });
        return Err(Failure(vec![problems]));
    }
    let mut notes = Vec::new();
    let mapping_problems = check_globs(&collector, mapping, mapping_origin, &mut notes);
    if !mapping_problems.is_empty() {
        return Err(Failure(vec![mapping_problems]));
    }
    Ok(evidence(
        Totals::of(&collector, mapping),
        mapping,
        log_origin,
        options,
        notes,
    ))
}

/// The evidence from a pairs table (docs/discover-sql.md) instead of a log.
pub fn discover_pairs(
    path: &Path,
    origin: &str,
    mapping: &Mapping,
    options: &Options,
) -> Result<Evidence, Failure> {
    options.problems(origin)?;
    let totals = pairs::read(path, origin, mapping).map_err(|p| Failure(vec![p]))?;
    Ok(evidence(totals, mapping, origin, options, Vec::new()))
}

/// Globs that match no activity of the log, and a mapping that maps no step.
fn check_globs(
    collector: &Collector,
    mapping: &Mapping,
    origin: &str,
    notes: &mut Vec<String>,
) -> Problems {
    let mut problems = Problems::new(origin);
    let patterns: Vec<_> = mapping.patterns().collect();
    let mut used = vec![false; patterns.len()];
    for name in &collector.activities.names {
        for g in mapping.globs_matching(name) {
            used[g] = true;
        }
    }
    for (i, g) in patterns.iter().enumerate() {
        if !used[i] {
            problems.push(Problem {
                line: Some(g.line as u64),
                column: Some(g.column),
                field: Some(format!("systems.{}", mapping.owner_of_glob(i))),
                message: format!("the glob `{}` matches no activity of the log", g.text),
            });
        }
    }
    let tally = &collector.tally;
    let mapped_any = collector.systems.iter().any(Option::is_some);
    if tally.events > 0 && !mapped_any && problems.is_empty() {
        problems.push(Problem {
            line: None,
            column: None,
            field: Some("systems".into()),
            message: "the mapping maps none of the log's activities".into(),
        });
    }
    let mut resource_used = vec![false; mapping.automated_resources.len()];
    for name in &collector.resources.names {
        for g in mapping.resource_globs_matching(name) {
            resource_used[g] = true;
        }
    }
    for (g, used) in mapping.automated_resources.iter().zip(resource_used) {
        if !used {
            notes.push(format!(
                "{origin}:{}:{}: the automated_resources glob `{}` matches no resource of the log",
                g.line, g.column, g.text
            ));
        }
    }
    problems
}
