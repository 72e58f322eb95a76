//! The tree -> a validated [`Model`], collecting every problem with its path and position,
//! then the warnings of docs/model.md, "Warnings". The checks on one map's fields come from its
//! declaration in [`schema`](super::schema); this file holds the checks on single values,
//! the section files hold what is particular to each section.

mod fields;
mod flows;
mod ids;
mod path;
mod sections;
mod warnings;

use super::schema::{Range, Section, MAX_NUMBER, MIN_NUMBER};
use super::tree::{self, Key, Mark, Node, Syntax, Value};
use super::{parse_number, Carries, DataName, Model};
use crate::diagnostic::{did_you_mean, Code, Diagnostic, Severity};
use fields::Fields;
use foldhash::fast::FixedState;
use ids::Ids;
use path::Path;
use std::collections::HashSet;

/// A model that loaded, with the warnings found on the way. It holds no part of the
/// parse tree: the tree is dropped when loading ends.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The validated model.
    pub model: Model,
    /// Problems that do not stop the analysis.
    pub warnings: Vec<Diagnostic>,
}

/// Parses and validates a model. On failure, every error found (and the warnings) in
/// source order.
pub fn load(source: &str, syntax: Syntax) -> Result<Loaded, Vec<Diagnostic>> {
    let (root, parse_errors) = tree::parse_model(source, syntax);
    let Some(root) = root else {
        return Err(parse_errors);
    };
    let parsed = parse_errors.len();
    let mut v = Validator {
        syntax,
        diagnostics: parse_errors,
        suggestion_budget: SUGGESTION_BUDGET,
        data_marks: Vec::new(),
        late_parse_errors: Vec::new(),
        data_names: HashSet::default(),
    };
    let model = v.model(&root);
    drop(root);
    // What building the lazy parts found is a parse error like the others: it goes with
    // them, before what validation found.
    v.diagnostics.splice(parsed..parsed, v.late_parse_errors);
    let (mut errors, mut warnings): (Vec<_>, Vec<_>) = v
        .diagnostics
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if errors.is_empty() {
        warnings.extend(warnings::model_warnings(&model, &v.data_marks));
        Ok(Loaded { model, warnings })
    } else {
        errors.sort_by_key(|d| d.pos.unwrap_or_default());
        errors.dedup();
        Err(errors)
    }
}

/// How many known ids the "did you mean" searches of one load may look at in all. A file
/// with thousands of unknown references against thousands of ids would otherwise spend
/// minutes on hints; past the budget, errors come without one.
const SUGGESTION_BUDGET: usize = 2_000_000;

struct Validator {
    syntax: Syntax,
    diagnostics: Vec<Diagnostic>,
    /// What "did you mean" searches may still look at (see [`SUGGESTION_BUDGET`]).
    suggestion_budget: usize,
    /// Where each handoff's `data` is, in model order, for the warnings.
    data_marks: Vec<Mark>,
    /// What building the tree's lazy values found ([`Validator::expand`]).
    late_parse_errors: Vec<Diagnostic>,
    /// Each distinct handoff data name once, shared by the handoffs that name it.
    data_names: HashSet<DataName, FixedState>,
}

/// "a number `5`", "text `many`", "a list": what a node holds, for messages.
fn found(node: &Node) -> String {
    match node.value.scalar() {
        Some((text, _)) => {
            let shown: String = text.chars().take(40).collect();
            let ellipsis = if text.chars().count() > 40 { "..." } else { "" };
            format!(
                "{} `{}{ellipsis}`",
                node.value.describe(),
                shown.escape_debug()
            )
        }
        None => node.value.describe().to_string(),
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

impl Validator {
    fn error(
        &mut self,
        code: Code,
        path: impl Into<String>,
        mark: Mark,
        message: impl Into<String>,
    ) {
        self.diagnostics
            .push(Diagnostic::error(code, path, Some(mark.pos()), message));
    }

    fn wrong_type(&mut self, path: Path, node: &Node, expected: &str) {
        let found = found(node);
        self.error(
            Code::WrongType,
            path.to_string(),
            node.mark,
            format!("expected {expected}, found {found}"),
        );
    }

    /// A map's entries, each unknown field reported with the nearest known one, then each
    /// missing required field, in the order of the section's declaration.
    fn fields<'a>(
        &mut self,
        node: &'a Node<'a>,
        path: Path<'a>,
        section: &'static Section,
    ) -> Option<Fields<'a>> {
        let Value::Map(entries) = &node.value else {
            self.wrong_type(path, node, "a map");
            return None;
        };
        for (key, _) in entries {
            if section.field(&key.text).is_none() {
                let mut d = Diagnostic::error(
                    Code::UnknownField,
                    path.key(&key.text).to_string(),
                    Some(key.pos()),
                    format!("unknown field `{}`", key.text),
                );
                d.help = Some(match did_you_mean(&key.text, section.names()) {
                    Some(hint) => hint,
                    None => format!(
                        "known fields here: {}",
                        section.names().collect::<Vec<_>>().join(", ")
                    ),
                });
                self.diagnostics.push(d);
            }
        }
        let fields = Fields {
            path,
            mark: node.mark,
            section,
            entries,
        };
        for field in section.fields.iter().filter(|f| f.required) {
            if fields.get(field.name).is_none() {
                self.error(
                    Code::MissingField,
                    fields.path.to_string(),
                    fields.mark,
                    format!("missing required field `{}`", field.name),
                );
            }
        }
        Some(fields)
    }

    /// `node` built, when it is a lazy value ([`Value::Lazy`]) at `path`, `depth` maps and
    /// lists deep; `None` when it is built already. A lazy value that cannot be built
    /// comes back as null, its errors reported.
    fn expand<'n>(&mut self, node: &Node<'n>, path: Path, depth: usize) -> Option<Node<'n>> {
        let Value::Lazy(text) = node.value else {
            return None;
        };
        let (built, mut errors) = tree::expand(text, node.mark, &path.to_string(), depth);
        self.late_parse_errors.append(&mut errors);
        Some(built.unwrap_or(Node {
            value: Value::Null,
            mark: node.mark,
        }))
    }

    /// A map keyed by identifiers (objectives, systems, ...); empty when absent or wrong.
    fn id_map<'a>(&mut self, node: Option<&'a Node<'a>>, path: Path) -> &'a [(Key<'a>, Node<'a>)] {
        match node.map(|n| (&n.value, n)) {
            None | Some((Value::Null, _)) => &[],
            Some((Value::Map(entries), _)) => {
                for (key, _) in entries {
                    self.check_identifier(&key.text, path.key(&key.text), key.mark);
                }
                entries
            }
            Some((_, n)) => {
                self.wrong_type(path, n, "a map of identifiers");
                &[]
            }
        }
    }

    fn list<'a>(&mut self, node: Option<&'a Node<'a>>, path: Path) -> &'a [Node<'a>] {
        match node.map(|n| (&n.value, n)) {
            None | Some((Value::Null, _)) => &[],
            Some((Value::Seq(items), _)) => items,
            Some((_, n)) => {
                self.wrong_type(path, n, "a list");
                &[]
            }
        }
    }

    fn check_identifier(&mut self, id: &str, path: Path, mark: Mark) -> bool {
        if is_identifier(id) {
            return true;
        }
        self.diagnostics.push(
            Diagnostic::error(
                Code::InvalidId,
                path.to_string(),
                Some(mark.pos()),
                format!("`{id}` is not a valid identifier"),
            )
            .with_help(
                "identifiers start with a letter or digit, then letters, digits, `_`, `.` or `-`",
            ),
        );
        false
    }

    /// The text of a node, borrowed; `None` (reported) unless it is non-blank text.
    fn text_ref<'n>(&mut self, node: &'n Node, path: Path) -> Option<&'n str> {
        match node.value.scalar() {
            Some((text, plain)) => {
                if plain && self.syntax == Syntax::Json {
                    self.wrong_type(path, node, "text (a JSON string)");
                    return None;
                }
                if text.trim().is_empty() {
                    self.error(
                        Code::EmptyText,
                        path.to_string(),
                        node.mark,
                        "text must not be empty",
                    );
                    return None;
                }
                Some(text)
            }
            None => {
                self.wrong_type(path, node, "text");
                None
            }
        }
    }

    fn text(&mut self, node: &Node, path: Path) -> Option<String> {
        self.text_ref(node, path).map(str::to_string)
    }

    fn opt_text(&mut self, fields: &Fields, name: &str) -> Option<String> {
        fields
            .get(name)
            .and_then(|n| self.text(n, fields.path(name)))
    }

    fn identifier(&mut self, node: &Node, path: Path) -> Option<String> {
        let text = self.text_ref(node, path)?;
        self.check_identifier(text, path, node.mark)
            .then(|| text.to_string())
    }

    fn number(&mut self, node: &Node, path: Path, range: Range) -> Option<f64> {
        let value = match node.value.scalar() {
            Some((text, true)) => parse_number(text),
            _ => None,
        };
        let Some(value) = value else {
            let mut d = Diagnostic::error(
                Code::WrongType,
                path.to_string(),
                Some(node.pos()),
                format!("expected {}, found {}", range.describe(), found(node)),
            );
            if let Some((text, false)) = node.value.scalar() {
                if parse_number(text).is_some() {
                    d = d.with_help("remove the quotes");
                }
            }
            self.diagnostics.push(d);
            return None;
        };
        let code = if !value.is_finite() {
            Code::NotFinite
        } else if !range.accepts(value) {
            Code::OutOfRange
        } else if !range.within_limits(value) {
            self.error(
                Code::OutOfRange,
                path.to_string(),
                node.mark,
                if value.abs() > MAX_NUMBER {
                    format!("{value:e} is larger than {MAX_NUMBER:e}, the largest number a model may give (the limit keeps every total finite)")
                } else {
                    format!("{value:e} is smaller than {MIN_NUMBER:e}, the smallest number other than 0 a model may give (the limit keeps every ratio finite)")
                },
            );
            return None;
        } else {
            return Some(value);
        };
        self.error(
            code,
            path.to_string(),
            node.mark,
            format!("expected {}, found {value}", range.describe()),
        );
        None
    }

    /// A number field, in the range its declaration gives.
    /// An optional field that is one of `words`, kept as the declared word.
    fn word(
        &mut self,
        fields: &Fields,
        name: &str,
        words: &'static [&'static str],
        what: &str,
    ) -> Option<&'static str> {
        let options: Vec<(&str, &'static str)> = words.iter().map(|w| (*w, *w)).collect();
        fields
            .get(name)
            .and_then(|n| self.enumeration(n, fields.path(name), &options, what))
    }

    fn opt_number(&mut self, fields: &Fields, name: &str) -> Option<f64> {
        let range = fields.range(name);
        fields
            .get(name)
            .and_then(|n| self.number(n, fields.path(name), range))
    }

    /// Resolves a reference to an id of `ids`, with "did you mean".
    fn reference(&mut self, node: &Node, path: Path, ids: &Ids) -> Option<usize> {
        let id = self.text_ref(node, path)?;
        let found = ids.index(id);
        if found.is_none() {
            let mut d = Diagnostic::error(
                Code::UnknownReference,
                path.to_string(),
                Some(node.pos()),
                format!("unknown {} `{id}`", ids.what),
            );
            d.help = ids
                .did_you_mean(id, &mut self.suggestion_budget)
                .or_else(|| match ids.len() {
                    0 => Some(format!("no {} is declared", ids.what)),
                    1..=12 => Some(format!("known: {}", ids.joined())),
                    _ => None,
                });
            self.diagnostics.push(d);
        }
        found
    }

    fn enumeration<T: Copy>(
        &mut self,
        node: &Node,
        path: Path,
        options: &[(&str, T)],
        what: &str,
    ) -> Option<T> {
        let text = self.text_ref(node, path)?;
        if let Some((_, v)) = options.iter().find(|(name, _)| *name == text) {
            return Some(*v);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let mut d = Diagnostic::error(
            Code::UnknownValue,
            path.to_string(),
            Some(node.pos()),
            format!("unknown {what} `{text}`"),
        );
        d.help = Some(match did_you_mean(text, names.iter().copied()) {
            Some(hint) => format!("{hint} (one of: {})", names.join(", ")),
            None => format!("one of: {}", names.join(", ")),
        });
        self.diagnostics.push(d);
        None
    }

    /// A non-empty list of data objects.
    fn carries(&mut self, node: &Node, path: Path) -> Option<Carries> {
        let Value::Seq(items) = &node.value else {
            self.wrong_type(path, node, "a list of data objects");
            return None;
        };
        if items.is_empty() {
            self.error(
                Code::EmptyList,
                path.to_string(),
                node.mark,
                "the list must not be empty",
            );
            return None;
        }
        let mut data: Vec<String> = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.text_ref(item, path.index(i + 1)) {
                Some(d) if !data.iter().any(|kept| kept == d) => data.push(d.to_string()),
                Some(_) => {}
                None => ok = false,
            }
        }
        ok.then_some(Carries(data.into()))
    }

    /// `from` and `to` resolved to systems, reported when they are the same.
    fn endpoints(&mut self, fields: &Fields, systems: &Ids) -> (Option<usize>, Option<usize>) {
        let from = fields
            .get("from")
            .and_then(|n| self.reference(n, fields.path("from"), systems));
        let to = fields
            .get("to")
            .and_then(|n| self.reference(n, fields.path("to"), systems));
        if let (Some(f), Some(t)) = (from, to) {
            if f == t {
                let mark = fields.get("to").map_or(fields.mark, |n| n.mark);
                self.error(
                    Code::SameEndpoints,
                    fields.path("to").to_string(),
                    mark,
                    format!("`from` and `to` are both `{}`", systems.id(f)),
                );
                return (None, None);
            }
        }
        (from, to)
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::{MODES, PERIODS, SECTIONS, SYSTEM_KINDS};
    use super::super::{Mode, Period, SystemKind};

    #[test]
    fn word_lists_match_the_enums() {
        let kinds: Vec<&str> = SystemKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(kinds, SYSTEM_KINDS);
        let modes: Vec<&str> = [Mode::Automated, Mode::Semi, Mode::Manual]
            .iter()
            .map(|m| m.as_str())
            .collect();
        assert_eq!(modes, MODES);
        let periods: Vec<&str> = Period::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(periods, PERIODS);
    }

    #[test]
    fn field_names_are_unique_in_each_section() {
        for section in SECTIONS {
            let mut names: Vec<&str> = section.names().collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), section.fields.len(), "{}", section.name);
        }
    }
}
