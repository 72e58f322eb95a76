//! The streaming CSV reader. A log grouped by case (every case's rows together, as
//! exporters write them) is read one case at a time; when a case turns up again after
//! another, the log is read a second time holding every case (memory then grows with the
//! log; docs/discover.md).

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::io::BufRead;

use foldhash::fast::FixedState;

use super::input::Budget;
use super::measure::{Event, Lifecycle};
use super::problem::Problems;
use super::{time, Collector};

/// The columns to read, by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// The case id.
    pub case: String,
    /// The activity.
    pub activity: String,
    /// The timestamp.
    pub timestamp: String,
    /// The resource (optional unless named on the command line).
    pub resource: String,
    /// The lifecycle transition (optional unless named on the command line).
    pub lifecycle: String,
    /// Whether `resource` was named explicitly (then it must exist).
    pub resource_required: bool,
    /// Whether `lifecycle` was named explicitly.
    pub lifecycle_required: bool,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            case: "case:concept:name".into(),
            activity: "concept:name".into(),
            timestamp: "time:timestamp".into(),
            resource: "org:resource".into(),
            lifecycle: "lifecycle:transition".into(),
            resource_required: false,
            lifecycle_required: false,
        }
    }
}

/// How a read ended.
pub enum Outcome {
    /// Every case was handed to the collector.
    Done,
    /// A case came back after another: read again with [`read_holding`].
    NotGrouped,
}

struct Index {
    case: usize,
    activity: usize,
    timestamp: usize,
    resource: Option<usize>,
    lifecycle: Option<usize>,
    width: usize,
}

/// The separator: `,` unless the header line has none and has `;` or a tab.
fn separator(header: &[u8]) -> u8 {
    let line = header.split(|&b| b == b'\n').next().unwrap_or(header);
    if line.contains(&b',') {
        b','
    } else if line.contains(&b';') {
        b';'
    } else if line.contains(&b'\t') {
        b'\t'
    } else {
        b','
    }
}

fn columns(
    reader: &mut csv::Reader<Box<dyn BufRead>>,
    wanted: &Columns,
    problems: &mut Problems,
) -> Option<Index> {
    let header = match reader.byte_headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.at_line(1, None, format!("not an XES or CSV event log: {e}"));
            return None;
        }
    };
    // A byte order mark (spreadsheet exports write one) is no part of the first name.
    let names: Vec<String> = header
        .iter()
        .map(|h| {
            String::from_utf8_lossy(h)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_string()
        })
        .collect();
    let find = |name: &str| names.iter().position(|n| n == name);
    let mut missing = Vec::new();
    let mut need = |name: &str, what: &str| {
        let found = find(name);
        if found.is_none() {
            missing.push((name.to_string(), what.to_string()));
        }
        found
    };
    let case = need(&wanted.case, "--case");
    let activity = need(&wanted.activity, "--activity");
    let timestamp = need(&wanted.timestamp, "--timestamp");
    let resource = if wanted.resource_required {
        need(&wanted.resource, "--resource")
    } else {
        find(&wanted.resource)
    };
    let lifecycle = if wanted.lifecycle_required {
        need(&wanted.lifecycle, "--lifecycle")
    } else {
        find(&wanted.lifecycle)
    };
    if !missing.is_empty() {
        let shown: Vec<&str> = names.iter().take(30).map(String::as_str).collect();
        for (name, flag) in &missing {
            let help = crate::diagnostic::did_you_mean(name, shown.iter().copied()).map_or_else(
                || format!("; name the column with {flag}"),
                |h| format!("; {h} (or name the column with {flag})"),
            );
            problems.at_line(
                1,
                Some(name),
                format!(
                    "no column `{name}` in the header (not an XES or CSV event log?); the header has {}{help}",
                    if shown.is_empty() { "nothing".to_string() } else { shown.iter().map(|s| format!("`{}`", super::shorten(s))).collect::<Vec<_>>().join(", ") }
                ),
            );
        }
        return None;
    }
    Some(Index {
        case: case?,
        activity: activity?,
        timestamp: timestamp?,
        resource,
        lifecycle,
        width: names.len(),
    })
}

fn builder(reader: &mut Box<dyn BufRead>) -> csv::Reader<Box<dyn BufRead>> {
    let sep = reader.fill_buf().map_or(b',', separator);
    let owned: Box<dyn BufRead> = std::mem::replace(reader, Box::new(std::io::empty()));
    csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(owned)
}

/// One row of the log as read, with where its fields are.
struct Row<'r> {
    record: &'r csv::ByteRecord,
    index: &'r Index,
    wanted: &'r Columns,
    line: u64,
}

/// The fields of an event in a row.
struct Fields<'r> {
    case: &'r str,
    activity: &'r str,
    time: i64,
    resource: Option<&'r str>,
    lifecycle: Option<&'r str>,
}

impl<'r> Row<'r> {
    /// The row's fields, each problem with its line and column; `None` when the case, the
    /// activity or the time cannot be read.
    fn fields(&self, problems: &mut Problems) -> Option<Fields<'r>> {
        let record: &'r csv::ByteRecord = self.record;
        let text = |i: usize, name: &str, problems: &mut Problems| -> Option<&'r str> {
            match std::str::from_utf8(&record[i]) {
                Ok(t) => Some(t),
                Err(_) => {
                    problems.at_line(self.line, Some(name), "not UTF-8 text");
                    None
                }
            }
        };
        let case = text(self.index.case, &self.wanted.case, problems);
        let activity = text(self.index.activity, &self.wanted.activity, problems);
        let stamp = text(self.index.timestamp, &self.wanted.timestamp, problems);
        let resource = self
            .index
            .resource
            .and_then(|i| text(i, &self.wanted.resource, problems))
            .filter(|r| !r.is_empty());
        let lifecycle = self
            .index
            .lifecycle
            .and_then(|i| text(i, &self.wanted.lifecycle, problems))
            .filter(|r| !r.is_empty());
        if case.is_some_and(str::is_empty) {
            problems.at_line(self.line, Some(&self.wanted.case), "the case id is empty");
        }
        if activity.is_some_and(str::is_empty) {
            problems.at_line(
                self.line,
                Some(&self.wanted.activity),
                "the activity is empty",
            );
        }
        let time = stamp.and_then(|s| {
        let t = time::parse(s);
        if t.is_none() {
            problems.at_line(
                self.line,
                Some(&self.wanted.timestamp),
                format!("cannot read `{}` as a timestamp (ISO 8601, e.g. 2011-10-11 13:45:40.276+02:00)", super::shorten(s)),
            );
        }
        t
    });
        Some(Fields {
            case: case?,
            activity: activity?,
            time: time?,
            resource,
            lifecycle,
        })
    }
}

/// Reads every row, calling `each` with the case id, the event and the row's line.
fn rows(
    mut reader: Box<dyn BufRead>,
    wanted: &Columns,
    budget: &Budget,
    sink: &mut Collector,
    problems: &mut Problems,
    mut each: impl FnMut(&str, Event, u64, &mut Collector) -> bool,
) {
    let mut csv = builder(&mut reader);
    let Some(index) = columns(&mut csv, wanted, problems) else {
        return;
    };
    let mut record = csv::ByteRecord::new();
    loop {
        let line = csv.position().line();
        match csv.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let message = match budget.refused() {
                    Some(refusal) => super::refusal_message(refusal),
                    None => format!("cannot read the CSV: {e}"),
                };
                problems.at_line(line, None, message);
                return;
            }
        }
        budget.next_record();
        let line = record.position().map_or(line, csv::Position::line);
        if record.len() != index.width {
            if record.len() == 1 && record.get(0).is_some_and(<[u8]>::is_empty) {
                continue;
            }
            problems.at_line(
                line,
                None,
                format!(
                    "the row has {} fields, the header {}",
                    record.len(),
                    index.width
                ),
            );
            continue;
        }
        let row = Row {
            record: &record,
            index: &index,
            wanted,
            line,
        };
        let Some(Fields {
            case,
            activity,
            time,
            resource,
            lifecycle,
        }) = row.fields(problems)
        else {
            continue;
        };
        if case.is_empty() || activity.is_empty() || !problems.is_empty() {
            continue;
        }
        let event = Event {
            activity: sink.activity(activity),
            resource: resource.map(|r| sink.resource(r)),
            lifecycle: Lifecycle::of(lifecycle),
            time,
        };
        if !each(case, event, line, sink) {
            return;
        }
    }
}

/// The cases already measured, as 64-bit hashes: enough to notice a case that comes back.
/// Recent ones sit in a small hash set; every [`RUN`] of them becomes a sorted run, so a
/// case costs 8 bytes (a hash set alone costs about twice that, and more while it grows).
/// Runs are merged into one when there are many, keeping each lookup to a few binary
/// searches.
#[derive(Default)]
struct Closed {
    recent: HashSet<u64, FixedState>,
    runs: Vec<Box<[u64]>>,
}

const RUN: usize = 1 << 16;
const MAX_RUNS: usize = 32;

impl Closed {
    fn insert(&mut self, hash: u64) {
        self.recent.insert(hash);
        if self.recent.len() >= RUN {
            let mut run: Vec<u64> = self.recent.drain().collect();
            run.sort_unstable();
            self.runs.push(run.into_boxed_slice());
            if self.runs.len() > MAX_RUNS {
                let mut all: Vec<u64> = Vec::with_capacity(self.runs.iter().map(|r| r.len()).sum());
                for r in self.runs.drain(..) {
                    all.extend_from_slice(&r);
                }
                all.sort_unstable();
                self.runs.push(all.into_boxed_slice());
            }
        }
    }

    fn contains(&self, hash: u64) -> bool {
        self.recent.contains(&hash) || self.runs.iter().any(|r| r.binary_search(&hash).is_ok())
    }
}

/// Reads a log grouped by case, one case in memory at a time.
pub fn read_grouped(
    reader: Box<dyn BufRead>,
    wanted: &Columns,
    budget: &Budget,
    sink: &mut Collector,
    problems: &mut Problems,
) -> Outcome {
    let hasher = FixedState::default();
    let mut closed = Closed::default();
    let mut current = String::new();
    let mut events: Vec<Event> = Vec::new();
    let mut grouped = true;
    rows(
        reader,
        wanted,
        budget,
        sink,
        problems,
        |case, event, _, sink| {
            if case != current {
                if !events.is_empty() {
                    sink.case(&mut events);
                    events.clear();
                    closed.insert(hasher.hash_one(current.as_str()));
                }
                if closed.contains(hasher.hash_one(case)) {
                    grouped = false;
                    return false;
                }
                current.clear();
                current.push_str(case);
            }
            events.push(event);
            true
        },
    );
    if !grouped {
        return Outcome::NotGrouped;
    }
    if !events.is_empty() && problems.is_empty() {
        sink.case(&mut events);
    }
    Outcome::Done
}

/// Reads a log in any row order, holding every case until the end.
pub fn read_holding(
    reader: Box<dyn BufRead>,
    wanted: &Columns,
    budget: &Budget,
    sink: &mut Collector,
    problems: &mut Problems,
) {
    let mut at: HashMap<Box<str>, usize, FixedState> = HashMap::with_hasher(FixedState::default());
    let mut cases: Vec<Vec<Event>> = Vec::new();
    rows(
        reader,
        wanted,
        budget,
        sink,
        problems,
        |case, event, _, _| {
            let i = match at.get(case) {
                Some(&i) => i,
                None => {
                    at.insert(case.into(), cases.len());
                    cases.push(Vec::new());
                    cases.len() - 1
                }
            };
            cases[i].push(event);
            true
        },
    );
    if problems.is_empty() {
        for mut events in cases {
            sink.case(&mut events);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Closed, RUN};

    #[test]
    fn closed_cases_are_found_in_the_recent_set_and_in_sorted_runs() {
        let mut closed = Closed::default();
        let n = (RUN * 40) as u64;
        for i in 0..n {
            closed.insert(i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        }
        // 40 runs were made and merged once past 32.
        assert!(closed.runs.len() < 10, "{}", closed.runs.len());
        for i in (0..n).step_by(997) {
            assert!(closed.contains(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        }
        assert!(!closed.contains(3));
    }
}
