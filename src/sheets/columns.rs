//! `import sheets --columns COLUMNS.yaml` and `--preset NAME`: which header of another
//! tool's export holds each field, and what its values mean (docs/import-sheets.md,
//! "Other tools' exports").
//!
//! ```yaml
//! systems: {id: "ID", name: "Display Name", unit: "Business Unit", owner: "Responsible"}
//! integrations: {from: "Provider Application", to: "Consumer Application", mode: "Interface Type"}
//! values: {mode: {"Real-time API": automated, "File transfer": manual}}
//! ```

use super::build::name_key;
use super::{
    normalise_header, Column, Sheet, SheetProblem, FIX_COLUMNS, INTEGRATION_COLUMNS,
    SYSTEM_COLUMNS, UNIT_COLUMNS, WORKFLOW_COLUMNS,
};
use crate::model::schema::{CRITICALITIES, LIFECYCLES};
use crate::model::tree::{self, Key, Node, Syntax, Value};
use crate::model::{Period, SystemKind};

/// The presets shipped: name, and the columns file it stands for.
pub const PRESETS: [(&str, &str); 2] = [
    ("leanix", include_str!("presets/leanix.yaml")),
    ("servicenow", include_str!("presets/servicenow.yaml")),
];

/// The largest columns file read.
const MAX_COLUMNS_FILE: usize = 1 << 20;

/// How one sheet's headers and values are read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mapping {
    /// Where the mapping comes from (`columns.yaml`, `preset leanix`), for messages.
    pub origin: String,
    /// Field -> the header that holds it.
    pub columns: Vec<(&'static str, String)>,
    /// (field, value as written in lower case with single spaces, value meant).
    pub values: Vec<(&'static str, String, &'static str)>,
}

impl Mapping {
    /// The header mapped to `field`.
    pub fn header_of(&self, field: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, h)| h.as_str())
    }
}

/// A columns file, read: a mapping per sheet role.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnMap {
    /// Where it comes from, for messages.
    pub origin: String,
    /// (role, field -> header).
    pub sheets: Vec<(&'static str, Vec<(&'static str, String)>)>,
    /// (field, value as written in lower case with single spaces, value meant).
    pub values: Vec<(&'static str, String, &'static str)>,
    /// Whether a mapped header the sheet lacks is a problem (a columns file) or is
    /// skipped (a preset: exports differ in the optional columns they hold).
    pub strict: bool,
}

/// The sheet roles a columns file may map, and their fields.
const ROLES: [(&str, &[Column]); 5] = [
    ("systems", &SYSTEM_COLUMNS),
    ("integrations", &INTEGRATION_COLUMNS),
    ("workflows", &WORKFLOW_COLUMNS),
    ("units", &UNIT_COLUMNS),
    ("fixes", &FIX_COLUMNS),
];

/// The fields whose values a columns file may map, and what they may be mapped to.
fn targets(field: &str) -> Option<Vec<&'static str>> {
    match field {
        "mode" => Some(vec!["automated", "semi", "manual"]),
        "kind" => Some(SystemKind::ALL.iter().map(|k| k.as_str()).collect()),
        "per" => Some(Period::ALL.iter().map(|p| p.as_str()).collect()),
        "lifecycle" => Some(LIFECYCLES.to_vec()),
        "criticality" => Some(CRITICALITIES.to_vec()),
        _ => None,
    }
}

/// The values every import understands besides the canonical ones.
pub const SYNONYMS: [(&str, &str, &str); 14] = [
    ("mode", "semi-automated", "semi"),
    ("mode", "semi automated", "semi"),
    ("mode", "semiautomated", "semi"),
    ("mode", "automatic", "automated"),
    ("mode", "manually", "manual"),
    ("kind", "business application", "application"),
    ("kind", "app", "application"),
    ("kind", "software as a service", "saas"),
    ("kind", "db", "database"),
    ("lifecycle", "phase out", "phase-out"),
    ("lifecycle", "phase in", "planned"),
    ("lifecycle", "plan", "planned"),
    ("lifecycle", "end of life", "end-of-support"),
    ("lifecycle", "end of support", "end-of-support"),
];

/// The value `text` of `field` means: a columns file's mapping, else the canonical value
/// (any case), else a built-in synonym.
pub(super) fn value(mapping: &Mapping, field: &str, text: &str) -> Option<&'static str> {
    let key = name_key(text);
    if key.is_empty() {
        return None;
    }
    if let Some((_, _, to)) = mapping
        .values
        .iter()
        .find(|(f, from, _)| *f == field && *from == key)
    {
        return Some(to);
    }
    if let Some(found) = targets(field)?.into_iter().find(|t| *t == key) {
        return Some(found);
    }
    if field == "per" {
        return super::build::period(&key).map(Period::as_str);
    }
    SYNONYMS
        .iter()
        .find(|(f, from, _)| *f == field && *from == key)
        .map(|(_, _, to)| *to)
}

impl ColumnMap {
    /// A preset by name.
    pub fn preset(name: &str) -> Result<ColumnMap, String> {
        let Some((_, text)) = PRESETS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) else {
            let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
            return Err(format!(
                "unknown preset `{}`; expected one of {}",
                crate::text::terminal(name),
                names.join(", ")
            ));
        };
        let mut map =
            ColumnMap::parse(text, &format!("preset {name}")).map_err(|e| e.join("; "))?;
        map.strict = false;
        Ok(map)
    }

    /// Reads a columns file; every problem as `ORIGIN:LINE:COLUMN: message`.
    pub fn parse(text: &str, origin: &str) -> Result<ColumnMap, Vec<String>> {
        let mut problems = Vec::new();
        let mut map = ColumnMap {
            origin: origin.to_string(),
            strict: true,
            ..ColumnMap::default()
        };
        if text.len() > MAX_COLUMNS_FILE {
            return Err(vec![format!(
                "{origin}: larger than 1 MiB; a columns file is small"
            )]);
        }
        let (root, diagnostics) = tree::parse(text, Syntax::Yaml);
        for d in diagnostics {
            problems.push(at(origin, d.pos.map(|p| (p.line, p.column)), &d.summary()));
        }
        let Some(root) = root else {
            if problems.is_empty() {
                problems.push(format!(
                    "{origin}: empty; give `systems`, `integrations`, ... and `values`"
                ));
            }
            return Err(problems);
        };
        let Some(entries) = map_of(&root, origin, "the columns file", &mut problems) else {
            return Err(problems);
        };
        for (key, node) in entries {
            let pos = Some((key.pos().line, key.pos().column));
            if key.text == "values" {
                map.read_values(node, origin, &mut problems);
                continue;
            }
            let Some((role, declared)) = ROLES.iter().find(|(r, _)| *r == key.text) else {
                let roles: Vec<&str> = ROLES.iter().map(|(r, _)| *r).collect();
                problems.push(at(
                    origin,
                    pos,
                    &format!(
                        "unknown section `{}`; expected {} or values",
                        crate::text::terminal(&key.text),
                        roles.join(", ")
                    ),
                ));
                continue;
            };
            let Some(fields) = map_of(node, origin, role, &mut problems) else {
                continue;
            };
            let columns = section_columns(role, declared, fields, origin, &mut problems);
            map.sheets.push((role, columns));
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }

    fn read_values(&mut self, node: &Node, origin: &str, problems: &mut Vec<String>) {
        let Some(fields) = map_of(node, origin, "values", problems) else {
            return;
        };
        for (field, synonyms) in fields {
            let fpos = Some((field.pos().line, field.pos().column));
            let Some(allowed) = targets(&field.text) else {
                problems.push(at(
                    origin,
                    fpos,
                    &format!(
                        "values of `{}` cannot be mapped; expected mode, kind, per, lifecycle or criticality",
                        crate::text::terminal(&field.text)
                    ),
                ));
                continue;
            };
            let field_name = ["mode", "kind", "per", "lifecycle", "criticality"]
                .into_iter()
                .find(|f| *f == field.text)
                .unwrap_or("mode");
            let Some(pairs) = map_of(synonyms, origin, &format!("values.{field_name}"), problems)
            else {
                continue;
            };
            for (from, to) in pairs {
                let meant = to
                    .value
                    .scalar()
                    .and_then(|(t, _)| allowed.iter().find(|a| a.eq_ignore_ascii_case(t.trim())));
                match meant {
                    Some(meant) => self.values.push((field_name, name_key(&from.text), meant)),
                    None => problems.push(at(
                        origin,
                        Some((to.pos().line, to.pos().column)),
                        &format!(
                            "`{}` of {field_name} must mean one of {}",
                            crate::text::terminal(&from.text),
                            allowed.join(", ")
                        ),
                    )),
                }
            }
        }
    }

    /// The mapping of one sheet, checked against its header: a mapped header the sheet
    /// lacks is a problem naming the headers it has.
    pub fn apply(&self, role: &str, sheet: &mut Sheet, problems: &mut Vec<SheetProblem>) {
        let columns = self
            .sheets
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, c)| c.clone())
            .unwrap_or_default();
        let present: Vec<String> = sheet.header.iter().map(|h| normalise_header(h)).collect();
        let (columns, missing): (Vec<_>, Vec<_>) = columns
            .into_iter()
            .partition(|(_, header)| present.contains(&normalise_header(header)));
        for (field, header) in missing.iter().filter(|_| self.strict) {
            {
                let shown: Vec<String> = sheet
                    .header
                    .iter()
                    .filter(|h| !h.trim().is_empty())
                    .take(40)
                    .map(|h| format!("`{}`", h.trim()))
                    .collect();
                problems.push(SheetProblem {
                    file: sheet.file.clone(),
                    row: Some(1),
                    column: None,
                    message: format!(
                        "{} maps `{role}.{field}` to the header `{header}`, which this sheet does not have (its headers: {})",
                        self.origin,
                        shown.join(", ")
                    ),
                });
            }
        }
        sheet.mapping = Mapping {
            origin: self.origin.clone(),
            columns,
            values: self.values.clone(),
        };
    }
}

type Entries<'a, 's> = &'a [(Key<'s>, Node<'s>)];

/// One section's `field: header` pairs; an unknown field or an empty header is a problem.
fn section_columns(
    role: &str,
    declared: &[Column],
    fields: Entries,
    origin: &str,
    problems: &mut Vec<String>,
) -> Vec<(&'static str, String)> {
    let mut columns = Vec::new();
    for (field, header) in fields {
        let fpos = Some((field.pos().line, field.pos().column));
        let Some(column) = declared.iter().find(|c| c.name == field.text) else {
            let names: Vec<&str> = declared.iter().map(|c| c.name).collect();
            problems.push(at(
                origin,
                fpos,
                &format!(
                    "`{role}` has no field `{}`; expected one of {}",
                    crate::text::terminal(&field.text),
                    names.join(", ")
                ),
            ));
            continue;
        };
        match header.value.scalar() {
            Some((text, _)) if !text.trim().is_empty() => {
                columns.push((column.name, text.trim().to_string()));
            }
            _ => problems.push(at(
                origin,
                Some((header.pos().line, header.pos().column)),
                &format!(
                    "`{role}.{}`: expected the header that holds it",
                    column.name
                ),
            )),
        }
    }
    columns
}

fn map_of<'a, 's>(
    node: &'a Node<'s>,
    origin: &str,
    what: &str,
    problems: &mut Vec<String>,
) -> Option<Entries<'a, 's>> {
    match &node.value {
        Value::Map(entries) => Some(entries),
        other => {
            problems.push(at(
                origin,
                Some((node.pos().line, node.pos().column)),
                &format!("{what}: expected a map, found {}", other.describe()),
            ));
            None
        }
    }
}

fn at(origin: &str, pos: Option<(usize, usize)>, message: &str) -> String {
    match pos {
        Some((line, column)) => format!("{origin}:{line}:{column}: {message}"),
        None => format!("{origin}: {message}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_read() {
        for (name, _) in PRESETS {
            ColumnMap::preset(name).unwrap();
        }
    }

    #[test]
    fn a_columns_file_is_checked_with_places() {
        let errors = ColumnMap::parse(
            "systems: {id: ID, colour: Hue}\nflows: {}\nvalues: {mode: {API: fast}, via: {}}\n",
            "c.yaml",
        )
        .unwrap_err();
        let all = errors.join("\n");
        assert!(
            all.contains("c.yaml:1:19: `systems` has no field `colour`"),
            "{all}"
        );
        assert!(all.contains("c.yaml:2:1: unknown section `flows`"), "{all}");
        assert!(
            all.contains("`API` of mode must mean one of automated, semi, manual"),
            "{all}"
        );
        assert!(all.contains("values of `via` cannot be mapped"), "{all}");
    }

    #[test]
    fn values_map_then_canonical_then_synonyms() {
        let mapping = Mapping {
            values: vec![("mode", "file transfer".into(), "manual")],
            ..Mapping::default()
        };
        assert_eq!(value(&mapping, "mode", "file transfer"), Some("manual"));
        assert_eq!(value(&mapping, "mode", "SEMI-automated"), Some("semi"));
        assert_eq!(value(&mapping, "mode", "Manual"), Some("manual"));
        assert_eq!(
            value(&mapping, "kind", "Business Application"),
            Some("application")
        );
        assert_eq!(value(&mapping, "per", "monthly"), Some("month"));
        assert_eq!(value(&mapping, "mode", "fast"), None);
    }
}
