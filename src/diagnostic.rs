//! Problems found while loading a model: errors (fatal) and warnings, each with a stable
//! code, the field path, and the source position where the parser knows it.

use std::fmt;
use std::io::{self, Write};

pub use crate::text::terminal;
pub use crate::warnings::write_warnings;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The model cannot be analysed.
    Error,
    /// Reported, not fatal.
    Warning,
}

/// A position in the source text, both 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// The stable code of every diagnostic: shown as `error[CODE]`, listed in docs/model.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    /// The file is not valid YAML or JSON, or holds more than one document.
    Syntax,
    /// YAML aliases expand to too many values (a "billion laughs" file).
    AliasBudget,
    /// The file has no document.
    EmptyFile,
    /// Values are nested too deeply.
    TooDeep,
    /// A map has the same key twice.
    DuplicateKey,
    /// A value of the wrong type (text where a number is expected, ...).
    WrongType,
    /// A field that this place does not have.
    UnknownField,
    /// A required field is absent.
    MissingField,
    /// An identifier with characters outside `A-Za-z0-9_.-`.
    InvalidId,
    /// Text that is empty or only blanks.
    EmptyText,
    /// A number that is infinite or not a number.
    NotFinite,
    /// A number outside its range.
    OutOfRange,
    /// A reference to an undeclared system, unit, objective or strategy.
    UnknownReference,
    /// A `kind`, `mode` or `per` that is not one of its values.
    UnknownValue,
    /// A list that must not be empty is.
    EmptyList,
    /// `from` equals `to`.
    SameEndpoints,
    /// A `version` other than 1.
    UnsupportedVersion,
    /// A strategy that weighs no objective above 0.
    NoPositiveWeight,
    /// Two integrations or two fixes with the same id, or a fix id equal to an integration id.
    DuplicateId,
    /// A handoff whose `data` is `*`.
    WildcardData,
    /// The model has no workflows.
    NoWorkflows,
    /// The model has no strategies (alignment is 1).
    NoStrategies,
    /// A system that no integration and no handoff touches.
    UnusedSystem,
    /// An objective that no strategy weighs above 0.
    UnweighedObjective,
    /// An objective that no workflow serves above 0.
    UnservedObjective,
    /// A workflow that serves no objective.
    WorkflowServesNothing,
    /// A handoff's data object that nothing carries by name, close to a name that is carried.
    DataTypo,
    /// A system at end of support that workflows still run through.
    EndOfSupport,
    /// A command that compares strategies, run on a model that declares none.
    NoStrategy,
    /// A fix id on the command line that two fixes share, without `--action`.
    AmbiguousFix,
}

impl Code {
    /// Every code, errors first, in the order of the docs.
    pub const ALL: [Code; 30] = [
        Code::Syntax,
        Code::AliasBudget,
        Code::EmptyFile,
        Code::TooDeep,
        Code::DuplicateKey,
        Code::WrongType,
        Code::UnknownField,
        Code::MissingField,
        Code::InvalidId,
        Code::EmptyText,
        Code::NotFinite,
        Code::OutOfRange,
        Code::UnknownReference,
        Code::UnknownValue,
        Code::EmptyList,
        Code::SameEndpoints,
        Code::UnsupportedVersion,
        Code::NoPositiveWeight,
        Code::DuplicateId,
        Code::WildcardData,
        Code::NoWorkflows,
        Code::NoStrategies,
        Code::UnusedSystem,
        Code::UnweighedObjective,
        Code::UnservedObjective,
        Code::WorkflowServesNothing,
        Code::DataTypo,
        Code::EndOfSupport,
        Code::NoStrategy,
        Code::AmbiguousFix,
    ];

    /// The kebab-case name shown in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "syntax",
            Code::AliasBudget => "alias-budget",
            Code::EmptyFile => "empty-file",
            Code::TooDeep => "too-deep",
            Code::DuplicateKey => "duplicate-key",
            Code::WrongType => "wrong-type",
            Code::UnknownField => "unknown-field",
            Code::MissingField => "missing-field",
            Code::InvalidId => "invalid-id",
            Code::EmptyText => "empty-text",
            Code::NotFinite => "not-finite",
            Code::OutOfRange => "out-of-range",
            Code::UnknownReference => "unknown-reference",
            Code::UnknownValue => "unknown-value",
            Code::EmptyList => "empty-list",
            Code::SameEndpoints => "same-endpoints",
            Code::UnsupportedVersion => "unsupported-version",
            Code::NoPositiveWeight => "no-positive-weight",
            Code::DuplicateId => "duplicate-id",
            Code::WildcardData => "wildcard-data",
            Code::NoWorkflows => "no-workflows",
            Code::NoStrategies => "no-strategies",
            Code::UnusedSystem => "unused-system",
            Code::UnweighedObjective => "unweighed-objective",
            Code::UnservedObjective => "unserved-objective",
            Code::WorkflowServesNothing => "workflow-serves-nothing",
            Code::DataTypo => "data-typo",
            Code::EndOfSupport => "end-of-support",
            Code::NoStrategy => "no-strategy",
            Code::AmbiguousFix => "ambiguous-fix",
        }
    }

    /// Whether it is reported as an error or a warning.
    pub fn severity(self) -> Severity {
        match self {
            Code::NoWorkflows
            | Code::NoStrategies
            | Code::UnusedSystem
            | Code::UnweighedObjective
            | Code::UnservedObjective
            | Code::WorkflowServesNothing
            | Code::DataTypo
            | Code::EndOfSupport => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// What it means, in one line (for the list in the docs).
    pub fn meaning(self) -> &'static str {
        match self {
            Code::Syntax => "the file is not valid YAML or JSON, or holds more than one document",
            Code::AliasBudget => "YAML aliases expand to too many values (a \"billion laughs\" file)",
            Code::EmptyFile => "the file has no document",
            Code::TooDeep => "values are nested too deeply",
            Code::DuplicateKey => "a map has the same key twice",
            Code::WrongType => "a value of the wrong type (text where a number is expected, ...)",
            Code::UnknownField => "a field that this place does not have",
            Code::MissingField => "a required field is absent",
            Code::InvalidId => "an identifier with characters outside `A-Za-z0-9_.-`",
            Code::EmptyText => "text that is empty or only blanks",
            Code::NotFinite => "a number that is infinite or not a number",
            Code::OutOfRange => "a number outside its range",
            Code::UnknownReference => "a reference to an undeclared system, unit, objective or strategy",
            Code::UnknownValue => "a `kind`, `mode` or `per` that is not one of its values",
            Code::EmptyList => "a list that must not be empty is",
            Code::SameEndpoints => "`from` equals `to`",
            Code::UnsupportedVersion => "a `version` other than 1",
            Code::NoPositiveWeight => "a strategy that weighs no objective above 0",
            Code::DuplicateId => "two integrations or two fixes with the same id, or a fix id equal to an integration id",
            Code::WildcardData => "a handoff whose `data` is `*`",
            Code::NoWorkflows => "the model has no workflows",
            Code::NoStrategies => "the model has no strategies (alignment is 1)",
            Code::UnusedSystem => "a system that no integration and no handoff touches",
            Code::UnweighedObjective => "an objective that no strategy weighs above 0",
            Code::UnservedObjective => "an objective that no workflow serves above 0",
            Code::WorkflowServesNothing => "a workflow that serves no objective",
            Code::DataTypo => "a handoff's data object that nothing carries by name, close to a name that is carried",
            Code::EndOfSupport => "a system with `lifecycle: end-of-support` that workflows still hand data to or from",
            Code::NoStrategy => "a command that compares strategies, on a model that declares none",
            Code::AmbiguousFix => "a fix id on the command line that two fixes share, without `--action`",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable kebab-case code (`unknown-field`, `unknown-reference`, ...).
    pub code: Code,
    /// Field path, e.g. `workflows.lead-to-cash.handoffs[2].to` (list positions 1-based).
    pub path: String,
    /// Where in the file, when known.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when there is a likely fix ("did you mean ...").
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new error.
    pub fn error(
        code: Code,
        path: impl Into<String>,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            pos,
            message: message.into(),
            help: None,
        }
    }

    /// A new warning.
    pub fn warning(
        code: Code,
        path: impl Into<String>,
        pos: Option<Pos>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            path: path.into(),
            pos,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The message and its hint on one line, as reports list warnings.
    pub fn summary(&self) -> String {
        match &self.help {
            Some(help) => format!("{}; {}", self.message, help),
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}[{}]", self.code)?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        write!(f, ": {}", self.summary())
    }
}

/// Source lines longer than this are not shown under a diagnostic.
const MAX_EXCERPT_BYTES: usize = 1000;

/// Writes diagnostics as a user reads them: `ORIGIN:LINE:COL: error[code] at PATH: message`,
/// then the offending source line with a caret under the column.
pub fn write_diagnostics(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    origin: &str,
    source: &str,
) -> io::Result<()> {
    // Split only when some diagnostic shows a line: a large file's warnings often have
    // none, and splitting 20 MB costs more than the rest of the writing.
    let lines: Vec<&str> = if diagnostics.iter().any(|d| d.pos.is_some()) {
        source.lines().collect()
    } else {
        Vec::new()
    };
    for diagnostic in diagnostics {
        match diagnostic.pos {
            Some(pos) => {
                writeln!(
                    out,
                    "{origin}:{}:{}: {}",
                    pos.line,
                    pos.column,
                    terminal(&diagnostic.to_string())
                )?;
                // A minified file is one long line: repeating it under each of thousands
                // of errors would be quadratic, so long lines get no excerpt.
                let line = lines.get(pos.line.wrapping_sub(1));
                if let Some(text) = line.filter(|t| t.len() <= MAX_EXCERPT_BYTES) {
                    let text: String = text
                        .chars()
                        .map(|c| if c.is_control() { ' ' } else { c })
                        .collect();
                    let gutter = pos.line.to_string();
                    writeln!(out, "  {gutter} | {text}")?;
                    let pad = " ".repeat(gutter.len());
                    let indent = " ".repeat(pos.column.saturating_sub(1).min(text.chars().count()));
                    writeln!(out, "  {pad} | {indent}^")?;
                }
            }
            None => writeln!(out, "{origin}: {}", terminal(&diagnostic.to_string()))?,
        }
    }
    Ok(())
}

/// The closest of `known` to `wanted`, when close enough to be a likely typo: at most a
/// third of its letters (at least 2) edited, transpositions counting once.
pub fn nearest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let limit = (wanted.chars().count() / 3).max(2);
    let wanted_len = wanted_lower.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for candidate in known {
        // An edit distance is at least the difference in length: most candidates are
        // ruled out without the costly comparison (exact for ASCII, where lowercasing
        // keeps the length).
        if candidate.is_ascii() && candidate.len().abs_diff(wanted_len) > limit {
            continue;
        }
        let distance = strsim::damerau_levenshtein(&wanted_lower, &candidate.to_lowercase());
        if distance <= limit
            && distance < wanted.chars().count().max(candidate.chars().count())
            && best.is_none_or(|(d, _)| distance < d)
        {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// `did you mean `x`?` for the nearest known name, if any.
pub fn did_you_mean<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    nearest(wanted, known).map(|n| format!("did you mean `{n}`?"))
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn suggests_only_likely_typos() {
        let known = ["name", "handoffs", "accounting", "growth"];
        assert_eq!(nearest("hadnoffs", known), Some("handoffs"));
        assert_eq!(nearest("acounting", known), Some("accounting"));
        assert_eq!(nearest("growht", known), Some("growth"));
        assert_eq!(nearest("nme", known), Some("name"));
        assert_eq!(nearest("a", known), None);
        assert_eq!(nearest("payroll", known), None);
    }
}
