//! Problems in a mapping or a log, each with its file, line (or CSV row) and field, kept
//! in a bounded list: the first [`SHOWN`] and a count of the rest.

use std::fmt;

use super::mapping::Pattern;
use crate::model::tree::{Key, Node};

/// How many problems of one file are listed; the rest are counted.
pub const SHOWN: usize = 20;

/// One problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Line in the file (for a CSV log, the line the record starts on).
    pub line: Option<u64>,
    /// Column, when known.
    pub column: Option<usize>,
    /// The field: a mapping key path, an XES attribute key or a CSV column.
    pub field: Option<String>,
    /// What is wrong, and how to fix it when that is clear.
    pub message: String,
}

/// The problems of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problems {
    /// The file, as named on the command line.
    pub origin: String,
    /// The first [`SHOWN`] problems.
    pub list: Vec<Problem>,
    /// How many problems in all.
    pub total: u64,
}

impl Problems {
    /// No problems yet in `origin`.
    pub fn new(origin: &str) -> Problems {
        Problems {
            origin: origin.to_string(),
            list: Vec::new(),
            total: 0,
        }
    }

    /// Records one problem.
    pub fn push(&mut self, problem: Problem) {
        self.total += 1;
        if self.list.len() < SHOWN {
            self.list.push(problem);
        }
    }

    /// A problem at a line of the file.
    pub fn at_line(&mut self, line: u64, field: Option<&str>, message: impl Into<String>) {
        self.push(Problem {
            line: Some(line),
            column: None,
            field: field.map(str::to_string),
            message: message.into(),
        });
    }

    /// A problem with a value of the mapping.
    pub(crate) fn at(&mut self, node: &Node, field: &str, message: impl Into<String>) {
        let pos = node.pos();
        self.push(Problem {
            line: Some(pos.line as u64),
            column: Some(pos.column),
            field: Some(field.to_string()),
            message: message.into(),
        });
    }

    /// A problem with a key of the mapping.
    pub(crate) fn key(&mut self, key: &Key, field: &str, message: impl Into<String>) {
        let pos = key.pos();
        self.push(Problem {
            line: Some(pos.line as u64),
            column: Some(pos.column),
            field: Some(field.to_string()),
            message: message.into(),
        });
    }

    /// A glob that does not compile.
    pub(crate) fn pattern(&mut self, glob: &Pattern, field: &str, error: &globset::Error) {
        self.push(Problem {
            line: Some(glob.line as u64),
            column: Some(glob.column),
            field: Some(field.to_string()),
            message: format!("invalid glob `{}`: {}", glob.text, error.kind()),
        });
    }

    /// Whether a problem names `field` already.
    pub fn has_field(&self, field: &str) -> bool {
        self.list.iter().any(|p| p.field.as_deref() == Some(field))
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// `value` when there are no problems.
    pub fn into_result<T>(self, value: T) -> Result<T, Problems> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl fmt::Display for Problems {
    /// One line per problem, `FILE:LINE[:COLUMN]: FIELD: message`, then the count of those
    /// not listed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.list {
            writeln!(f, "{}{p}", self.origin)?;
        }
        let rest = self.total - self.list.len() as u64;
        if rest > 0 {
            writeln!(
                f,
                "{}: ... and {rest} more problem{} not listed",
                self.origin,
                if rest == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}
