//! `discover --pairs`: the aggregate table of docs/discover-sql.md read back into the
//! measures' totals, so the report and the model are the log's own.

use std::path::Path;

use super::mapping::Mapping;
use super::measure::per_year;
use super::problem::Problems;
use super::time::MICROS_PER_MINUTE;
use super::{Totals, Transition};

const COLUMNS: [&str; 12] = [
    "kind",
    "from_system",
    "to_system",
    "name",
    "cases",
    "count",
    "automated",
    "unknown",
    "timed",
    "median_us",
    "first_us",
    "last_us",
];

struct Row<'a> {
    cells: &'a csv::StringRecord,
    at: &'a [usize; 12],
    line: u64,
}

impl Row<'_> {
    fn text(&self, column: usize) -> &str {
        self.cells.get(self.at[column]).unwrap_or("")
    }

    fn int(&self, column: usize, problems: &mut Problems) -> u64 {
        let text = self.text(column);
        text.parse::<u64>().unwrap_or_else(|_| {
            problems.at_line(
                self.line,
                Some(COLUMNS[column]),
                format!(
                    "expected a whole number >= 0, found `{}`",
                    super::shorten(text)
                ),
            );
            0
        })
    }

    fn signed(&self, column: usize, problems: &mut Problems) -> i64 {
        let text = self.text(column);
        text.parse::<i64>().unwrap_or_else(|_| {
            problems.at_line(
                self.line,
                Some(COLUMNS[column]),
                format!("expected microseconds, found `{}`", super::shorten(text)),
            );
            0
        })
    }

    fn system(&self, column: usize, mapping: &Mapping, problems: &mut Problems) -> String {
        let id = self.text(column);
        if !mapping.systems.iter().any(|s| s.id == id) {
            problems.at_line(
                self.line,
                Some(COLUMNS[column]),
                format!("`{}` is not a system of the mapping", super::shorten(id)),
            );
        }
        id.to_string()
    }

    /// The median of a `pair` row in minutes; `None` when empty or not a duration.
    fn median_minutes(&self, problems: &mut Problems) -> Option<f64> {
        let median = self.text(9);
        if median.is_empty() {
            return None;
        }
        match median.parse::<f64>() {
            Ok(us) if us.is_finite() && us >= 0.0 => Some(us / MICROS_PER_MINUTE),
            _ => {
                problems.at_line(
                    self.line,
                    Some("median_us"),
                    format!("expected microseconds, found `{}`", super::shorten(median)),
                );
                None
            }
        }
    }

    /// A `pair` row: one transition between two systems of the mapping.
    fn pair(&self, mapping: &Mapping, problems: &mut Problems) -> Transition {
        let from = self.system(1, mapping, problems);
        let to = self.system(2, mapping, problems);
        let timed = self.int(8, problems);
        let median_minutes = self.median_minutes(problems);
        Transition {
            from,
            to,
            count: self.int(5, problems),
            automated: self.int(6, problems),
            unknown: self.int(7, problems),
            runs_per_year: None,
            median_minutes,
            timed,
        }
    }

    /// A `variant` row: its handoffs (`FROM>TO;FROM>TO...`) and how many cases took it.
    fn variant(&self, mapping: &Mapping, problems: &mut Problems) -> Variant {
        let mut handoffs = Vec::new();
        for pair in self.text(3).split(';') {
            match pair.split_once('>') {
                Some((a, b)) => {
                    for id in [a, b] {
                        if !mapping.systems.iter().any(|s| s.id == id) {
                            problems.at_line(
                                self.line,
                                Some("name"),
                                format!("`{}` is not a system of the mapping", super::shorten(id)),
                            );
                        }
                    }
                    handoffs.push((a.to_string(), b.to_string()));
                }
                None => problems.at_line(
                    self.line,
                    Some("name"),
                    format!(
                        "expected `FROM>TO;FROM>TO...`, found `{}`",
                        super::shorten(pair)
                    ),
                ),
            }
        }
        (handoffs, self.int(4, problems))
    }

    /// Adds the row to the totals by its kind; counts the `log` rows in `logs`.
    fn add_to(
        &self,
        totals: &mut Totals,
        logs: &mut usize,
        mapping: &Mapping,
        problems: &mut Problems,
    ) {
        match self.text(0) {
            "log" => {
                *logs += 1;
                totals.cases = self.int(4, problems);
                totals.events = self.int(5, problems);
                let (first, last) = (self.signed(10, problems), self.signed(11, problems));
                totals.span_seconds = (last - first) as f64 / 1e6;
            }
            "pair" => totals.pairs.push(self.pair(mapping, problems)),
            "variant" => totals.variants.push(self.variant(mapping, problems)),
            "unmapped" => {
                let n = self.int(5, problems);
                totals.unmapped_steps += n;
                totals.unmapped.push((self.text(3).to_string(), n));
            }
            other => problems.at_line(
                self.line,
                Some("kind"),
                format!(
                    "expected `log`, `pair`, `variant` or `unmapped`, found `{}`",
                    super::shorten(other)
                ),
            ),
        }
    }
}

/// A variant's handoffs as pairs of system ids, and its number of cases.
type Variant = (Vec<(String, String)>, u64);

/// Where each of [`COLUMNS`] is in the header; a problem for each one missing.
fn column_positions(header: &csv::StringRecord, problems: &mut Problems) -> [usize; 12] {
    let mut at = [0usize; 12];
    for (i, name) in COLUMNS.iter().enumerate() {
        match header.iter().position(|h| h.trim() == *name) {
            Some(p) => at[i] = p,
            None => problems.at_line(
                1,
                Some(name),
                format!(
                    "no column `{name}`: the pairs table has the columns of docs/discover-sql.md"
                ),
            ),
        }
    }
    at
}

/// Reads a pairs table; every problem with its line and column.
pub(crate) fn read(path: &Path, origin: &str, mapping: &Mapping) -> Result<Totals, Problems> {
    let mut problems = Problems::new(origin);
    let mut reader = match csv::ReaderBuilder::new().flexible(true).from_path(path) {
        Ok(r) => r,
        Err(e) => {
            problems.at_line(1, None, format!("cannot read the pairs table: {e}"));
            return Err(problems);
        }
    };
    let header = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.at_line(1, None, format!("cannot read the pairs table: {e}"));
            return Err(problems);
        }
    };
    let at = column_positions(&header, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut totals = Totals {
        cases: 0,
        events: 0,
        unmapped_steps: 0,
        span_seconds: 0.0,
        steps: None,
        pairs: Vec::new(),
        variants: Vec::new(),
        unmapped: Vec::new(),
    };
    let mut logs = 0;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                problems.at_line(line, None, format!("cannot read the pairs table: {e}"));
                return Err(problems);
            }
        }
        let row = Row {
            cells: &record,
            at: &at,
            line: record.position().map_or(0, csv::Position::line),
        };
        row.add_to(&mut totals, &mut logs, mapping, &mut problems);
    }
    if logs != 1 {
        problems.at_line(
            1,
            Some("kind"),
            format!("expected one `log` row, found {logs}"),
        );
    }
    for t in &mut totals.pairs {
        t.runs_per_year = per_year(t.count, totals.span_seconds);
    }
    problems.into_result(totals)
}
