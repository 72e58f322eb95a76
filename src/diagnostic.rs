//! Problems found while loading a model: errors (fatal) and warnings, each with a stable
//! code, the field path, and the source position where the parser knows it.

use std::fmt;
use std::io::{self, Write};

use crate::text::terminal;

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

/// One problem in a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable kebab-case code (`unknown-field`, `unknown-reference`, ...).
    pub code: &'static str,
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
        code: &'static str,
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
        code: &'static str,
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

/// Writes diagnostics as a user reads them: `ORIGIN:LINE:COL: error[code] at PATH: message`,
/// then the offending source line with a caret under the column.
pub fn write_diagnostics(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    origin: &str,
    source: &str,
) -> io::Result<()> {
    let lines: Vec<&str> = source.lines().collect();
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
                if let Some(text) = lines.get(pos.line.wrapping_sub(1)) {
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
    let mut best: Option<(usize, &str)> = None;
    for candidate in known {
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
