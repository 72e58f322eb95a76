//! What every sheet is read with: its columns found ([`Table`]), cells decoded, numbers
//! and ids checked, systems and units looked up by id or name.

use std::borrow::Cow;
use std::collections::HashMap;

use super::escape::decode;

use super::{column_letter, normalise_header, Column, Sheet, SheetProblem};
use crate::import::draft::DraftUnit;
use crate::import::slug::Ids;
use crate::model::schema::{MAX_NUMBER, MIN_NUMBER};
use crate::model::Period;

/// A sheet with its columns found.
pub(super) struct Table<'a> {
    pub(super) sheet: &'a Sheet,
    /// Canonical column name -> index in the row.
    pub(super) columns: HashMap<&'static str, usize>,
}

impl<'a> Table<'a> {
    /// Matches the header against `declared`; `required` columns must be there.
    pub(super) fn new(
        sheet: &'a Sheet,
        declared: &[Column],
        required: &[&str],
        problems: &mut Vec<SheetProblem>,
        ignored: &mut Vec<String>,
    ) -> Table<'a> {
        let mut columns = HashMap::new();
        let mapping = &sheet.mapping;
        for (i, header) in sheet.header.iter().enumerate() {
            let key = normalise_header(header);
            // A mapped header holds its field; a field that is mapped is read from there
            // only.
            let mapped = mapping
                .columns
                .iter()
                .find(|(_, h)| normalise_header(h) == key)
                .and_then(|(f, _)| declared.iter().find(|c| c.name == *f));
            let canonical = declared
                .iter()
                .find(|c| c.name == key && mapping.header_of(c.name).is_none());
            match mapped.or(canonical) {
                Some(c) => {
                    if columns.insert(c.name, i).is_some() {
                        problems.push(SheetProblem {
                            file: sheet.file.clone(),
                            row: Some(1),
                            column: Some((header.clone(), column_letter(i))),
                            message: format!("a second `{}` column", c.name),
                        });
                    }
                }
                None if key.is_empty() => {}
                None => ignored.push(format!("{} `{}`", sheet.file, header.trim())),
            }
        }
        for name in required {
            if !columns.contains_key(name) {
                let known: Vec<&str> = declared.iter().map(|c| c.name).collect();
                problems.push(SheetProblem {
                    file: sheet.file.clone(),
                    row: None,
                    column: None,
                    message: format!("no `{name}` column (columns read: {})", known.join(", ")),
                });
            }
        }
        Table { sheet, columns }
    }

    /// The text of `column` in `cells`, empty when absent: trimmed, a leading `'` that
    /// keeps a spreadsheet from reading a formula dropped, escapes decoded
    /// (`super::escape`).
    pub(super) fn cell<'c>(&self, cells: &'c [String], column: &str) -> Cow<'c, str> {
        decode(self.raw_cell(cells, column), false)
    }

    /// [`Table::cell`] before decoding: for list cells, split before they are decoded.
    pub(super) fn raw_cell<'c>(&self, cells: &'c [String], column: &str) -> &'c str {
        let text = self
            .columns
            .get(column)
            .and_then(|i| cells.get(*i))
            .map_or("", |c| c.trim());
        match text.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
            _ => text,
        }
    }

    /// What a `mode`, `kind` or `per` cell means (`super::columns::value`).
    pub(super) fn value(&self, field: &str, text: &str) -> Option<&'static str> {
        super::columns::value(&self.sheet.mapping, field, text)
    }

    /// The period a cell names.
    pub(super) fn period(&self, text: &str) -> Option<Period> {
        let found = self.value("per", text)?;
        Period::ALL.into_iter().find(|p| p.as_str() == found)
    }

    /// A hint at the end of an unknown value's message when a columns file is in use.
    pub(super) fn mapped_hint(&self, field: &str) -> String {
        if self.sheet.mapping.origin.is_empty() {
            String::new()
        } else {
            format!(
                " (or map it under `values: {{{field}: ...}}` in {})",
                self.sheet.mapping.origin
            )
        }
    }

    pub(super) fn problem(
        &self,
        row: usize,
        column: &str,
        message: impl Into<String>,
    ) -> SheetProblem {
        let at = self
            .columns
            .get(column)
            .map(|i| (self.sheet.header[*i].trim().to_string(), column_letter(*i)));
        SheetProblem {
            file: self.sheet.file.clone(),
            row: Some(row),
            column: at,
            message: message.into(),
        }
    }
}

/// Whether `s` matches `^[A-Za-z0-9][A-Za-z0-9_.-]*$`.
pub(super) fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// Names compared without case and extra spaces.
pub(super) fn name_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A number as sheets write it: `1234.5`, `1 234,5` or `1234,5`; a lone comma followed by
/// exactly three digits (`24,000`) is refused as ambiguous.
pub(super) fn number(text: &str) -> Result<f64, String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    let normalised = match (compact.matches(',').count(), compact.contains('.')) {
        (0, _) => compact.clone(),
        (1, false) => {
            let decimals = compact.rsplit(',').next().unwrap_or("");
            if decimals.len() == 3 && decimals.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!(
                    "`{text}` is ambiguous (a thousands separator or a decimal comma?); write it without separators"
                ));
            }
            compact.replace(',', ".")
        }
        _ => {
            return Err(format!(
                "`{text}` is not a number; write it without thousands separators"
            ))
        }
    };
    match normalised.parse::<f64>() {
        Ok(x) if x.is_finite() && normalised.chars().any(|c| c.is_ascii_digit()) => {
            // The model's own limit (docs/robustness.md), said here where the cell is.
            if x != 0.0 && x.abs() > MAX_NUMBER {
                Err(format!(
                    "`{text}` is larger than {MAX_NUMBER:e}, the largest number a model may give"
                ))
            } else if x != 0.0 && x.abs() < MIN_NUMBER {
                Err(format!("`{text}` is smaller than {MIN_NUMBER:e}, the smallest number other than 0 a model may give"))
            } else {
                Ok(x)
            }
        }
        _ => Err(format!("`{text}` is not a number")),
    }
}

/// An optional number in a range, reporting into `problems`.
pub(super) fn optional_number(
    table: &Table,
    row: usize,
    cells: &[String],
    column: &str,
    accepts: fn(f64) -> bool,
    range: &str,
    problems: &mut Vec<SheetProblem>,
) -> Option<f64> {
    let text = table.cell(cells, column);
    let text: &str = &text;
    if text.is_empty() {
        return None;
    }
    match number(text) {
        Ok(x) if accepts(x) => Some(x),
        Ok(x) => {
            problems.push(table.problem(
                row,
                column,
                format!("{x} is out of range: expected {range}"),
            ));
            None
        }
        Err(e) => {
            problems.push(table.problem(row, column, e));
            None
        }
    }
}

pub(super) fn non_negative(x: f64) -> bool {
    x >= 0.0
}

pub(super) fn positive(x: f64) -> bool {
    x > 0.0
}

/// Things the sheets refer to by id or by name.
#[derive(Default)]
pub(super) struct Lookup {
    by_id: HashMap<String, usize>,
    /// Ids in lower case, the first of each.
    by_lower_id: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
    ids: Vec<String>,
    /// Candidates the "did you mean" searches have looked at so far.
    compared: std::cell::Cell<usize>,
}

/// How many candidates the "did you mean" searches of one lookup may look at in all: 5,000
/// unknown names against 10,000 systems would otherwise take minutes (issue 23); past it,
/// an unknown name is reported without a suggestion.
const SUGGESTION_BUDGET: usize = 200_000;

impl Lookup {
    /// Lets `alias` (an opaque id the sheets used) name entry `index` too.
    pub(super) fn alias(&mut self, alias: &str, index: usize) {
        self.by_id.entry(alias.to_string()).or_insert(index);
        self.by_lower_id
            .entry(alias.to_lowercase())
            .or_insert(index);
    }

    pub(super) fn add(&mut self, id: &str, name: &str) -> usize {
        let index = self.ids.len();
        self.by_id.insert(id.to_string(), index);
        self.by_lower_id.entry(id.to_lowercase()).or_insert(index);
        self.by_name.entry(name_key(name)).or_default().push(index);
        self.ids.push(id.to_string());
        index
    }

    /// The id of entry `index`.
    pub(super) fn id(&self, index: usize) -> &str {
        &self.ids[index]
    }

    /// The entry `text` names: its id exactly, else its id or name without case.
    pub(super) fn find(&self, text: &str, what: &str) -> Result<usize, String> {
        if let Some(i) = self.by_id.get(text) {
            return Ok(*i);
        }
        let key = name_key(text);
        if let Some(&i) = self.by_lower_id.get(&key) {
            return Ok(i);
        }
        match self.by_name.get(&key).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(many) => {
                let ids: Vec<&str> = many.iter().map(|i| self.ids[*i].as_str()).collect();
                Err(format!(
                    "`{text}` names {} {what}s ({}); use an id",
                    many.len(),
                    ids.join(", ")
                ))
            }
            None => {
                let candidates = self.ids.len() + self.by_name.len();
                let compared = self.compared.get() + candidates;
                self.compared.set(compared);
                if compared > SUGGESTION_BUDGET {
                    return Err(format!("unknown {what} `{text}`"));
                }
                let near = self
                    .ids
                    .iter()
                    .map(|id| (strsim::normalized_levenshtein(&id.to_lowercase(), &key), id))
                    .chain(self.by_name.iter().map(|(name, i)| {
                        (strsim::normalized_levenshtein(name, &key), &self.ids[i[0]])
                    }))
                    .filter(|(score, _)| *score >= 0.6)
                    .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
                Err(match near {
                    Some((_, id)) => format!("unknown {what} `{text}`; did you mean `{id}`?"),
                    None => format!("unknown {what} `{text}`"),
                })
            }
        }
    }
}

/// An id from an `id` cell (checked) or made from the name.
pub(super) fn entry_id(
    table: &Table,
    row: usize,
    cells: &[String],
    ids: &mut Ids,
    fallback: &str,
    problems: &mut Vec<SheetProblem>,
) -> Option<(String, String)> {
    let id = table.cell(cells, "id");
    let id: &str = &id;
    let name = table.cell(cells, "name");
    let name: &str = &name;
    if id.is_empty() && name.is_empty() {
        problems.push(table.problem(row, "name", "give an id or a name"));
        return None;
    }
    if id.is_empty() {
        let id = ids.take(name, fallback);
        return Some((id, name.to_string()));
    }
    if !is_identifier(id) {
        problems.push(table.problem(
            row,
            "id",
            format!("`{id}` is not an identifier (letters, digits, `_`, `.`, `-`; starting with a letter or digit)"),
        ));
        return None;
    }
    let name = if name.is_empty() { id } else { name };
    Some((id.to_string(), name.to_string()))
}

/// Reserves the valid ids the `id` column gives, reporting duplicates, so names made into
/// ids never take one of them.
pub(super) fn reserve_ids(
    table: &Table,
    ids: &mut Ids,
    what: &str,
    problems: &mut Vec<SheetProblem>,
) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (row, cells) in &table.sheet.rows {
        let id = table.cell(cells, "id");
        let id: &str = &id;
        if is_identifier(id) {
            ids.reserve(id);
            if let Some(first) = seen.insert(id.to_string(), *row) {
                problems.push(table.problem(
                    *row,
                    "id",
                    format!("{what} `{id}` is already on row {first}"),
                ));
            }
        }
    }
}

/// Units: from the units sheet, or made from the names systems and workflows give.
pub(super) struct Units {
    pub(super) declared: bool,
    pub(super) lookup: Lookup,
    pub(super) ids: Ids,
    pub(super) list: Vec<DraftUnit>,
}

impl Units {
    pub(super) fn resolve(&mut self, text: &str) -> Result<String, String> {
        match self.lookup.find(text, "unit") {
            Ok(i) => Ok(self.list[i].id.clone()),
            Err(e) if self.declared => Err(e),
            Err(_) => {
                let id = if is_identifier(text) && self.ids.reserve(text) {
                    text.to_string()
                } else {
                    self.ids.take(text, "unit")
                };
                self.lookup.add(&id, text);
                self.list.push(DraftUnit {
                    id: id.clone(),
                    name: text.to_string(),
                    ..DraftUnit::default()
                });
                Ok(id)
            }
        }
    }
}

/// How often: a count and a period word (`month`, `monthly`, `months`, ...).
pub(super) fn period(text: &str) -> Option<Period> {
    let word = text.trim().to_lowercase();
    Period::ALL.into_iter().find(|p| {
        let base = p.as_str();
        let adjective = match p {
            Period::Day => "daily",
            Period::Week => "weekly",
            Period::Month => "monthly",
            Period::Quarter => "quarterly",
            Period::Year => "yearly",
        };
        word == base
            || word == format!("{base}s")
            || word == adjective
            || (*p == Period::Year && word == "annually")
    })
}
