//! The mapping file: which activities belong to which system, which resources are system
//! accounts, the coverage, the unit and the data objects (docs/discover.md). Read through
//! the model's own position-keeping YAML tree, so every problem has its line and column.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};

use super::problem::{Problem, Problems};
use crate::diagnostic::did_you_mean;
use crate::model::parse_number;
use crate::model::tree::{self, Key, Node, Syntax, Value};

/// The keys a mapping may have.
pub const KEYS: [&str; 5] = ["systems", "automated_resources", "coverage", "unit", "data"];

/// A glob as written, with where.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The text.
    pub text: String,
    /// Line in the mapping file.
    pub line: usize,
    /// Column.
    pub column: usize,
}

/// One `systems` entry.
#[derive(Clone, Debug)]
pub struct SystemEntry {
    /// The system id.
    pub id: String,
    /// Its activity globs, in order.
    pub globs: Vec<Pattern>,
}

/// A read and checked mapping.
#[derive(Debug)]
pub struct Mapping {
    /// The systems, in file order (first match wins).
    pub systems: Vec<SystemEntry>,
    /// Globs on `org:resource` that name system accounts.
    pub automated_resources: Vec<Pattern>,
    /// The share of cases the workflows cover.
    pub coverage: Option<f64>,
    /// The unit of the discovered systems and workflows.
    pub unit: Option<String>,
    /// Data object per `FROM->TO` pair, in file order.
    pub data: Vec<(String, String, String)>,
    activity_set: GlobSet,
    activity_owner: Vec<u16>,
    activity_folded: GlobSet,
    resource_set: GlobSet,
}

/// Whether `id` is an identifier the model accepts.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

fn build_glob(text: &str, fold_case: bool) -> Result<Glob, globset::Error> {
    GlobBuilder::new(text)
        .literal_separator(false)
        .case_insensitive(fold_case)
        .build()
}

impl Mapping {
    /// Reads a mapping; `origin` names the file in problems.
    pub fn parse(source: &str, origin: &str) -> Result<Mapping, Problems> {
        let mut problems = Problems::new(origin);
        let (root, diagnostics) = tree::parse(source, Syntax::Yaml);
        for d in diagnostics {
            let (line, column) = d
                .pos
                .map_or((None, None), |p| (Some(p.line), Some(p.column)));
            problems.push(Problem {
                line: line.map(|l| l as u64),
                column,
                field: (!d.path.is_empty()).then(|| d.path.clone()),
                message: d.summary(),
            });
        }
        let mut mapping = Mapping {
            systems: Vec::new(),
            automated_resources: Vec::new(),
            coverage: None,
            unit: None,
            data: Vec::new(),
            activity_set: GlobSet::empty(),
            activity_owner: Vec::new(),
            activity_folded: GlobSet::empty(),
            resource_set: GlobSet::empty(),
        };
        let Some(root) = root else {
            return Err(problems);
        };
        let Value::Map(entries) = &root.value else {
            problems.at(
                &root,
                "",
                format!(
                    "a mapping is a map with `systems`, found {}",
                    root.value.describe()
                ),
            );
            return Err(problems);
        };
        let mut data_nodes = None;
        for (key, value) in &**entries {
            match key.text.as_ref() {
                "systems" => mapping.read_systems(value, &mut problems),
                "automated_resources" => {
                    mapping.automated_resources =
                        patterns(value, "automated_resources", &mut problems);
                }
                "coverage" => match number(value) {
                    Some(c) if c > 0.0 && c <= 1.0 => mapping.coverage = Some(c),
                    _ => problems.at(
                        value,
                        "coverage",
                        "expected a share above 0 and at most 1 (e.g. 0.8)",
                    ),
                },
                "unit" => match text(value) {
                    Some(u) if is_id(u) => mapping.unit = Some(u.to_string()),
                    _ => problems.at(
                        value,
                        "unit",
                        "expected a unit id (letters, digits, `_`, `.`, `-`)",
                    ),
                },
                "data" => data_nodes = Some(value),
                other => unknown_key(key, other, &mut problems),
            }
        }
        if mapping.systems.is_empty() && !problems.has_field("systems") {
            problems.push(Problem {
                line: Some(root.pos().line as u64),
                column: Some(root.pos().column),
                field: Some("systems".into()),
                message: "the mapping maps nothing: give `systems`, a map from system id to activity globs".into(),
            });
        }
        if let Some(value) = data_nodes {
            mapping.read_data(value, &mut problems);
        }
        mapping.compile(&mut problems);
        problems.into_result(mapping)
    }

    fn read_systems(&mut self, value: &Node, problems: &mut Problems) {
        let Value::Map(entries) = &value.value else {
            problems.at(
                value,
                "systems",
                format!(
                    "expected a map from system id to globs, found {}",
                    value.value.describe()
                ),
            );
            return;
        };
        for (key, globs) in &**entries {
            let field = format!("systems.{}", key.text);
            if !is_id(&key.text) {
                problems.key(
                    key,
                    &field,
                    "a system id may hold only letters, digits, `_`, `.` and `-`",
                );
            }
            let globs = patterns(globs, &field, problems);
            self.systems.push(SystemEntry {
                id: key.text.to_string(),
                globs,
            });
        }
        // Duplicate keys are reported by the tree; this catches ids equal but for case,
        // which would read as one system to a person.
        for (i, a) in self.systems.iter().enumerate() {
            if let Some(b) = self.systems[..i]
                .iter()
                .find(|b| b.id != a.id && b.id.eq_ignore_ascii_case(&a.id))
            {
                problems.push(Problem {
                    line: a.globs.first().map(|g| g.line as u64),
                    column: None,
                    field: Some(format!("systems.{}", a.id)),
                    message: format!("system id `{}` differs from `{}` only in case", a.id, b.id),
                });
            }
        }
    }

    fn read_data(&mut self, value: &Node, problems: &mut Problems) {
        let Value::Map(entries) = &value.value else {
            problems.at(
                value,
                "data",
                format!(
                    "expected a map from `FROM->TO` to a data object, found {}",
                    value.value.describe()
                ),
            );
            return;
        };
        let ids: Vec<&str> = self.systems.iter().map(|s| s.id.as_str()).collect();
        for (key, object) in &**entries {
            let field = format!("data.{}", key.text);
            let Some((from, to)) = key.text.split_once("->") else {
                problems.key(
                    key,
                    &field,
                    "expected a key `FROM->TO` naming two mapped systems",
                );
                continue;
            };
            for end in [from, to] {
                if !ids.contains(&end) {
                    let help = did_you_mean(end, ids.iter().copied())
                        .map_or(String::new(), |h| format!("; {h}"));
                    problems.key(
                        key,
                        &field,
                        format!("`{end}` is not a system of this mapping{help}"),
                    );
                }
            }
            match text(object) {
                Some(d) if !d.trim().is_empty() && d != "*" => {
                    self.data
                        .push((from.to_string(), to.to_string(), d.to_string()));
                }
                _ => problems.at(object, &field, "expected the name of a data object"),
            }
        }
    }

    /// Compiles the globs; a bad one is a problem at its position.
    fn compile(&mut self, problems: &mut Problems) {
        let mut exact = GlobSetBuilder::new();
        let mut folded = GlobSetBuilder::new();
        for (i, system) in self.systems.iter().enumerate() {
            for g in &system.globs {
                match (build_glob(&g.text, false), build_glob(&g.text, true)) {
                    (Ok(a), Ok(b)) => {
                        exact.add(a);
                        folded.add(b);
                        self.activity_owner.push(i as u16);
                    }
                    (Err(e), _) | (_, Err(e)) => {
                        problems.pattern(g, &format!("systems.{}", system.id), &e);
                    }
                }
            }
        }
        let mut resources = GlobSetBuilder::new();
        for g in &self.automated_resources {
            match build_glob(&g.text, false) {
                Ok(glob) => {
                    resources.add(glob);
                }
                Err(e) => problems.pattern(g, "automated_resources", &e),
            }
        }
        if self.systems.len() > usize::from(u16::MAX) {
            problems.push(Problem {
                line: None,
                column: None,
                field: Some("systems".into()),
                message: format!("at most {} systems", u16::MAX),
            });
        }
        // Building fails only on a regex too large for memory, which the limits above and
        // the mapping's size rule out; an empty set then matches nothing.
        self.activity_set = exact.build().unwrap_or_else(|_| GlobSet::empty());
        self.activity_folded = folded.build().unwrap_or_else(|_| GlobSet::empty());
        self.resource_set = resources.build().unwrap_or_else(|_| GlobSet::empty());
    }

    /// The system of an activity: the first entry with a matching glob.
    pub fn system_of(&self, activity: &str) -> Option<u16> {
        self.activity_set
            .matches(activity)
            .into_iter()
            .next()
            .map(|g| self.activity_owner[g])
    }

    /// Every glob (by position over all systems' globs) matching `activity`.
    pub fn globs_matching(&self, activity: &str) -> Vec<usize> {
        self.activity_set.matches(activity)
    }

    /// The glob that would match `activity` if case were ignored, as written.
    pub fn case_only_match(&self, activity: &str) -> Option<&Pattern> {
        let i = self.activity_folded.matches(activity).into_iter().next()?;
        self.patterns().nth(i)
    }

    /// Every activity glob, in order.
    pub fn patterns(&self) -> impl Iterator<Item = &Pattern> {
        self.systems.iter().flat_map(|s| s.globs.iter())
    }

    /// The system owning the `i`th glob.
    pub fn owner_of_glob(&self, i: usize) -> &str {
        &self.systems[usize::from(self.activity_owner[i])].id
    }

    /// Every resource glob matching `resource`.
    pub fn resource_globs_matching(&self, resource: &str) -> Vec<usize> {
        self.resource_set.matches(resource)
    }

    /// Whether a resource is a system account.
    pub fn is_automated(&self, resource: &str) -> bool {
        self.resource_set.is_match(resource)
    }

    /// The data object of a pair: the mapping's, else `FROM-to-TO`.
    pub fn data_of(&self, from: &str, to: &str) -> String {
        self.data
            .iter()
            .find(|(f, t, _)| f == from && t == to)
            .map_or_else(|| format!("{from}-to-{to}"), |(_, _, d)| d.clone())
    }
}

fn unknown_key(key: &Key, name: &str, problems: &mut Problems) {
    let help = did_you_mean(name, KEYS).map_or_else(
        || {
            format!(
                "; a mapping has {}",
                KEYS.map(|k| format!("`{k}`")).join(", ")
            )
        },
        |h| format!("; {h}"),
    );
    problems.key(key, name, format!("unknown key `{name}`{help}"));
}

fn text<'a>(node: &'a Node) -> Option<&'a str> {
    node.value.scalar().map(|(t, _)| t)
}

fn number(node: &Node) -> Option<f64> {
    match node.value.scalar() {
        Some((t, true)) => parse_number(t).filter(|x| x.is_finite()),
        _ => None,
    }
}

/// One glob or a list of globs.
fn patterns(node: &Node, field: &str, problems: &mut Problems) -> Vec<Pattern> {
    let one = |n: &Node, problems: &mut Problems| match n.value.scalar() {
        Some((t, _)) if !t.is_empty() => Some(Pattern {
            text: t.to_string(),
            line: n.pos().line,
            column: n.pos().column,
        }),
        _ => {
            problems.at(
                n,
                field,
                format!(
                    "expected a glob (text such as `A_*`), found {}",
                    n.value.describe()
                ),
            );
            None
        }
    };
    match &node.value {
        Value::Seq(items) if items.is_empty() => {
            problems.at(node, field, "the list of globs is empty");
            Vec::new()
        }
        Value::Seq(items) => items.iter().filter_map(|n| one(n, problems)).collect(),
        _ => one(node, problems).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::Mapping;

    const SPEC: &str = "systems:\n  loan-origination: [\"A_*\"]\n  offer-desk: [\"O_*\"]\n  back-office: [\"W_*\", \"A_*\"]\nautomated_resources: [\"112\", \"batch*\"]\ncoverage: 0.8\nunit: lending\ndata: {\"offer-desk->back-office\": offer}\n";

    #[test]
    fn reads_the_example_and_matches_first_entry_first() {
        let m = Mapping::parse(SPEC, "m.yaml").unwrap();
        assert_eq!(m.systems.len(), 3);
        assert_eq!(m.system_of("A_SUBMITTED"), Some(0));
        assert_eq!(m.system_of("W_Completeren aanvraag"), Some(2));
        assert_eq!(m.system_of("X"), None);
        assert!(m.is_automated("112"));
        assert!(m.is_automated("batch-7"));
        assert!(!m.is_automated("10972"));
        assert_eq!(m.coverage, Some(0.8));
        assert_eq!(m.unit.as_deref(), Some("lending"));
        assert_eq!(m.data_of("offer-desk", "back-office"), "offer");
        assert_eq!(
            m.data_of("back-office", "offer-desk"),
            "back-office-to-offer-desk"
        );
        assert_eq!(
            m.case_only_match("a_x").map(|p| p.text.as_str()),
            Some("A_*")
        );
    }

    #[test]
    fn every_problem_at_once_with_its_line() {
        let bad = "systems:\n  ok: [\"A_*\"]\n  bad id: [\"[\"]\n  ok: x\ncoverage: 2\nunitt: x\ndata: {\"ok->nope\": d}\n";
        let problems = Mapping::parse(bad, "m.yaml").unwrap_err();
        let text = problems.to_string();
        assert!(
            text.contains("m.yaml:3:3: systems.bad id: a system id"),
            "{text}"
        );
        assert!(
            text.contains("m.yaml:3:12: systems.bad id: invalid glob `[`"),
            "{text}"
        );
        assert!(text.contains("m.yaml:4:3"), "duplicate key: {text}");
        assert!(
            text.contains("m.yaml:5:11: coverage: expected a share"),
            "{text}"
        );
        assert!(
            text.contains("m.yaml:6:1: unitt: unknown key `unitt`; did you mean `unit`?"),
            "{text}"
        );
        assert!(
            text.contains("`nope` is not a system of this mapping"),
            "{text}"
        );
    }

    #[test]
    fn a_mapping_that_maps_nothing() {
        let problems = Mapping::parse("unit: x\n", "m.yaml").unwrap_err();
        assert!(
            problems.to_string().contains("the mapping maps nothing"),
            "{problems}"
        );
    }
}
