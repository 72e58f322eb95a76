//! The workflows sheet: one row per handoff, grouped into workflows in order of first
//! appearance, read against the systems and units already read.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::build::{
    is_identifier, name_key, non_negative, number, optional_number, positive, Lookup, Table, Units,
};
use super::links::{ends, text};
use super::sections::{serves, source};
use super::{Row, Sheet, SheetProblem, WORKFLOW_COLUMNS};
use crate::import::draft::{
    Assumable, DraftHandoff, DraftHandoffDetail, DraftSource, DraftWorkflow, Runs,
};
use crate::import::slug::Ids;
use crate::model::Period;

/// The workflows read, with each one's `source` and each handoff's details.
pub(super) struct Workflows {
    pub(super) list: Vec<DraftWorkflow>,
    pub(super) sources: Vec<DraftSource>,
    pub(super) handoffs: Vec<Vec<DraftHandoffDetail>>,
}

/// The first value a workflow's rows give for `column`; a different value later is a problem.
fn agreed<'c>(
    table: &Table,
    rows: &[&'c Row],
    column: &str,
    problems: &mut Vec<SheetProblem>,
) -> Option<(usize, Cow<'c, str>)> {
    let mut first: Option<(usize, Cow<'c, str>)> = None;
    for (row, cells) in rows.iter().map(|r| (r.0, r.1.as_slice())) {
        let value = table.cell(cells, column);
        if value.is_empty() {
            continue;
        }
        match &first {
            None => first = Some((row, value)),
            Some((at, v)) if *v != value => problems.push(table.problem(
                row,
                column,
                format!("`{value}` differs from `{v}` on row {at} for the same workflow"),
            )),
            Some(_) => {}
        }
    }
    first
}

/// The workflows sheet: rows grouped by workflow in order of first appearance.
pub(super) fn workflows(
    sheet: &Sheet,
    systems: &Lookup,
    units: &mut Units,
    objectives: &HashSet<String>,
    exact_ids: bool,
    problems: &mut Vec<SheetProblem>,
    ignored: &mut Vec<String>,
) -> Workflows {
    let required = ["workflow", "from", "to", "data"];
    let table = Table::new(sheet, &WORKFLOW_COLUMNS, &required, problems, ignored);
    let mut read = Workflows {
        list: Vec::new(),
        sources: Vec::new(),
        handoffs: Vec::new(),
    };
    if required.iter().any(|c| !table.columns.contains_key(c)) {
        return read;
    }
    let groups = grouped(&table, sheet, exact_ids, problems);
    let mut ids = Ids::default();
    for (name, _) in &groups {
        if is_identifier(name) {
            ids.reserve(name);
        }
    }
    let mut reader = Reader {
        table: &table,
        systems,
        units,
        objectives,
        problems,
    };
    for (name, rows) in groups {
        let id = if is_identifier(&name) {
            name.clone()
        } else {
            ids.take(&name, "workflow")
        };
        reader.workflow(id, &name, rows, &mut read);
    }
    read
}

/// The sheet's rows by workflow name, in order of first appearance; a row without one is a problem.
fn grouped<'s>(
    table: &Table,
    sheet: &'s Sheet,
    exact_ids: bool,
    problems: &mut Vec<SheetProblem>,
) -> Vec<(String, Vec<&'s Row>)> {
    let mut groups: Vec<(String, Vec<&Row>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for entry in &sheet.rows {
        let (row, cells) = entry;
        let name = table.cell(cells, "workflow");
        let name: &str = &name;
        if name.is_empty() {
            problems.push(table.problem(
                *row,
                "workflow",
                "`workflow` is empty: name the workflow this handoff belongs to",
            ));
            continue;
        }
        // gapgraph's own sheets name workflows by id, and ids differ by case alone.
        let key = if exact_ids {
            name.to_string()
        } else {
            name_key(name)
        };
        let g = *group_of.entry(key).or_insert_with(|| {
            groups.push((name.to_string(), Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(entry);
    }
    groups
}

/// What each workflow's rows are read against, and where their problems go.
struct Reader<'r, 'a> {
    table: &'r Table<'a>,
    systems: &'r Lookup,
    units: &'r mut Units,
    objectives: &'r HashSet<String>,
    problems: &'r mut Vec<SheetProblem>,
}

impl Reader<'_, '_> {
    /// One workflow from its rows; kept only when it has both `runs` and `per`.
    fn workflow(&mut self, id: String, name: &str, rows: Vec<&Row>, read: &mut Workflows) {
        let table = self.table;
        let first_row = rows[0].0;
        let display = agreed(table, &rows, "name", self.problems)
            .map_or(name.to_string(), |(_, n)| n.to_string());
        let owner = agreed(table, &rows, "owner", self.problems).map(|(_, o)| o.to_string());
        let unit = agreed(table, &rows, "unit", self.problems)
            .and_then(|(row, text)| self.unit(row, "unit", &text));
        let count = self.runs(name, first_row, &rows);
        let served = agreed(table, &rows, "serves", self.problems)
            .map(|(row, text)| serves(table, row, &text, self.objectives, self.problems))
            .unwrap_or_default();
        let workflow_source = agreed(table, &rows, "source", self.problems).map(|(row, _)| {
            let cells: &[String] = rows.iter().find(|r| r.0 == row).map_or(&[], |r| &r.1);
            source(table, row, cells, "", &["runs"], self.problems).figures
        });
        let evidence = agreed(table, &rows, "evidence", self.problems).map(|(_, e)| e.to_string());
        let per = self.per(name, first_row, &rows);
        let ordered = ordered_steps(table, rows, self.problems);
        let mut handoffs = Vec::new();
        let mut details = Vec::new();
        for (row, cells) in ordered.iter().map(|r| (r.0, r.1.as_slice())) {
            if let Some((handoff, detail)) = self.handoff(row, cells) {
                details.push(detail);
                handoffs.push(handoff);
            }
        }
        if let (Some(count), Some(per)) = (count, per) {
            read.sources.push(DraftSource {
                figures: workflow_source.unwrap_or_default(),
                evidence,
            });
            read.handoffs.push(details);
            read.list.push(DraftWorkflow {
                id,
                name: display,
                owner,
                runs: Assumable::given(Runs {
                    count,
                    per: per.as_str(),
                }),
                serves: Assumable::given(served),
                handoffs,
                unit,
            });
        }
    }

    /// The unit named in `column`, or a problem when no unit goes by that name.
    fn unit(&mut self, row: usize, column: &str, text: &str) -> Option<String> {
        self.units
            .resolve(text)
            .map_err(|e| self.problems.push(self.table.problem(row, column, e)))
            .ok()
    }

    /// The workflow's `runs`: required on one of its rows, a number > 0.
    fn runs(&mut self, name: &str, first_row: usize, rows: &[&Row]) -> Option<f64> {
        let table = self.table;
        match agreed(table, rows, "runs", self.problems) {
            None => {
                self.problems.push(table.problem(
                    first_row,
                    "runs",
                    format!("workflow `{name}` has no `runs` on any of its rows"),
                ));
                None
            }
            Some((row, text)) => match number(&text) {
                Ok(x) if x > 0.0 => Some(x),
                Ok(x) => {
                    self.problems.push(table.problem(
                        row,
                        "runs",
                        format!("{x} is out of range: expected a number > 0"),
                    ));
                    None
                }
                Err(e) => {
                    self.problems.push(table.problem(row, "runs", e));
                    None
                }
            },
        }
    }

    /// The workflow's `per`: required on one of its rows, a known period.
    fn per(&mut self, name: &str, first_row: usize, rows: &[&Row]) -> Option<Period> {
        let table = self.table;
        match agreed(table, rows, "per", self.problems) {
            None => {
                self.problems.push(table.problem(first_row, "per", format!("workflow `{name}` has no `per` (day, week, month, quarter, year) on any of its rows")));
                None
            }
            Some((row, text)) => table.period(&text).or_else(|| {
                self.problems.push(table.problem(
                    row,
                    "per",
                    format!("unknown period `{text}`; expected day, week, month, quarter or year"),
                ));
                None
            }),
        }
    }

    /// One handoff row; every cell is checked, and the handoff is kept when both ends resolve.
    fn handoff(
        &mut self,
        row: usize,
        cells: &[String],
    ) -> Option<(DraftHandoff, DraftHandoffDetail)> {
        let table = self.table;
        let ends = ends(table, self.systems, row, cells, self.problems);
        let data = table.cell(cells, "data");
        let data: &str = &data;
        if data.is_empty() || data == "*" {
            self.problems.push(table.problem(
                row,
                "data",
                "name the data object that must move (not empty, not `*`)",
            ));
        }
        let minutes = optional_number(
            table,
            row,
            cells,
            "minutes",
            non_negative,
            "a number >= 0",
            self.problems,
        );
        let by_text = table.cell(cells, "by");
        let by = if by_text.is_empty() {
            None
        } else {
            self.unit(row, "by", &by_text)
        };
        let detail = DraftHandoffDetail {
            runs: handoff_runs(table, row, cells, self.problems),
            source: source(
                table,
                row,
                cells,
                "handoff_",
                &["minutes", "runs"],
                self.problems,
            ),
        };
        let (from, to) = ends?;
        let handoff = DraftHandoff {
            from,
            to,
            data: Assumable::given(data.to_string()),
            note: text(table, cells, "note"),
            minutes,
            by,
        };
        Some((handoff, detail))
    }
}

/// A handoff's own `handoff_runs` per `handoff_per`: both or neither.
fn handoff_runs(
    table: &Table,
    row: usize,
    cells: &[String],
    problems: &mut Vec<SheetProblem>,
) -> Option<Runs> {
    let count = optional_number(
        table,
        row,
        cells,
        "handoff_runs",
        positive,
        "a number > 0",
        problems,
    );
    let per_text = table.cell(cells, "handoff_per");
    let per = if per_text.is_empty() {
        None
    } else {
        let found = table.period(&per_text);
        if found.is_none() {
            problems.push(table.problem(
                row,
                "handoff_per",
                format!("unknown period `{per_text}`; expected day, week, month, quarter or year"),
            ));
        }
        found
    };
    match (count, per) {
        (Some(count), Some(per)) => Some(Runs {
            count,
            per: per.as_str(),
        }),
        (None, None) => None,
        (Some(_), None) if per_text.is_empty() => {
            problems.push(table.problem(
                row,
                "handoff_per",
                "`handoff_runs` needs a `handoff_per`",
            ));
            None
        }
        (None, Some(_)) if table.cell(cells, "handoff_runs").is_empty() => {
            problems.push(table.problem(
                row,
                "handoff_runs",
                "`handoff_per` needs a `handoff_runs`",
            ));
            None
        }
        _ => None,
    }
}

/// The rows of one workflow in `step` order when the column gives steps, else as written.
fn ordered_steps<'c>(
    table: &Table,
    rows: Vec<&'c Row>,
    problems: &mut Vec<SheetProblem>,
) -> Vec<&'c Row> {
    let given = rows
        .iter()
        .filter(|r| !table.cell(&r.1, "step").is_empty())
        .count();
    if given == 0 {
        return rows;
    }
    let mut keyed = Vec::new();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    for r in &rows {
        let text = table.cell(&r.1, "step");
        let text: &str = &text;
        let step = match number(text) {
            Ok(x) if x >= 1.0 && x.fract() == 0.0 && x < 1e9 => x as u64,
            _ if text.is_empty() => {
                problems.push(table.problem(
                    r.0,
                    "step",
                    "other rows of this workflow give a step: give one here too",
                ));
                continue;
            }
            _ => {
                problems.push(table.problem(
                    r.0,
                    "step",
                    format!("`{text}` is not a step number (1, 2, 3, ...)"),
                ));
                continue;
            }
        };
        if let Some(first) = seen.insert(step, r.0) {
            problems.push(table.problem(
                r.0,
                "step",
                format!("step {step} is already on row {first}"),
            ));
        }
        keyed.push((step, *r));
    }
    keyed.sort_by_key(|(step, _)| *step);
    keyed.into_iter().map(|(_, r)| r).collect()
}
