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
        match row.text(0) {
            "log" => {
                logs += 1;
                totals.cases = row.int(4, &mut problems);
                totals.events = row.int(5, &mut problems);
                let (first, last) = (row.signed(10, &mut problems), row.signed(11, &mut problems));
                totals.span_seconds = (last - first) as f64 / 1e6;
            }
            "pair" => {
                let from = row.system(1, mapping, &mut problems);
                let to = row.system(2, mapping, &mut problems);
                let timed = row.int(8, &mut problems);
                let median = row.text(9);
                let median_minutes = if median.is_empty() {
                    None
                } else {
                    match median.parse::<f64>() {
                        Ok(us) if us.is_finite() && us >= 0.0 => Some(us / MICROS_PER_MINUTE),
                        _ => {
                            problems.at_line(
                                row.line,
                                Some("median_us"),
                                format!(
                                    "expected microseconds, found `{}`",
                                    super::shorten(median)
                                ),
                            );
                            None
                        }
                    }
                };
                totals.pairs.push(Transition {
                    from,
                    to,
                    count: row.int(5, &mut problems),
                    automated: row.int(6, &mut problems),
                    unknown: row.int(7, &mut problems),
                    runs_per_year: None,
                    median_minutes,
                    timed,
                });
            }
            "variant" => {
                let mut handoffs = Vec::new();
                for pair in row.text(3).split(';') {
                    match pair.split_once('>') {
                        Some((a, b)) => {
                            for id in [a, b] {
                                if !mapping.systems.iter().any(|s| s.id == id) {
                                    problems.at_line(
                                        row.line,
                                        Some("name"),
                                        format!(
                                            "`{}` is not a system of the mapping",
                                            super::shorten(id)
                                        ),
                                    );
                                }
                            }
                            handoffs.push((a.to_string(), b.to_string()));
                        }
                        None => problems.at_line(
                            row.line,
                            Some("name"),
                            format!(
                                "expected `FROM>TO;FROM>TO...`, found `{}`",
                                super::shorten(pair)
                            ),
                        ),
                    }
                }
                totals.variants.push((handoffs, row.int(4, &mut problems)));
            }
            "unmapped" => {
                let n = row.int(5, &mut problems);
                totals.unmapped_steps += n;
                totals.unmapped.push((row.text(3).to_string(), n));
            }
            other => problems.at_line(
                row.line,
                Some("kind"),
                format!(
                    "expected `log`, `pair`, `variant` or `unmapped`, found `{}`",
                    super::shorten(other)
                ),
            ),
        }
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
