//! The parse tree's values: what YAML and JSON both come down to, each with where it
//! starts in the source.

use std::borrow::Cow;

use crate::diagnostic::Pos;

/// Where a value starts: line and column from 1, kept small because a large model has
/// millions of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Mark {
    line: u32,
    column: u32,
}

impl Mark {
    pub(super) fn new(line: usize, column: usize) -> Mark {
        Mark {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    }

    /// The position diagnostics report.
    pub fn pos(self) -> Pos {
        Pos {
            line: self.line as usize,
            column: self.column as usize,
        }
    }
}

/// A value in the tree, with where it starts.
#[derive(Clone, Debug)]
pub struct Node<'s> {
    /// The value.
    pub value: Value<'s>,
    /// Where it starts.
    pub mark: Mark,
}

impl Node<'_> {
    /// Where it starts.
    pub fn pos(&self) -> Pos {
        self.mark.pos()
    }
}

/// A mapping key with its position.
#[derive(Clone, Debug)]
pub struct Key<'s> {
    /// The key text (borrowed from the source unless escapes made it differ).
    pub text: Cow<'s, str>,
    /// Where it starts.
    pub mark: Mark,
}

impl Key<'_> {
    /// Where it starts.
    pub fn pos(&self) -> Pos {
        self.mark.pos()
    }
}

/// The shape of a node. Scalar text is borrowed from the source where it can be: a
/// large model has hundreds of thousands of scalars, and copying or interning each was
/// the largest cost of a load. Two scalar variants keep a node at 32 bytes.
#[derive(Clone, Debug)]
pub enum Value<'s> {
    /// `null`, `~` or nothing at all.
    Null,
    /// A scalar as the source spells it; `plain` when unquoted (a number, a boolean, or
    /// bare text in YAML).
    Scalar {
        /// The text, exactly as the parser read it.
        text: &'s str,
        /// Unquoted and untagged.
        plain: bool,
    },
    /// A scalar whose text differs from its spelling in the source (escapes, folded
    /// lines); otherwise as [`Value::Scalar`].
    Unescaped {
        /// The text, as the parser read it.
        text: Box<str>,
        /// Unquoted and untagged.
        plain: bool,
    },
    /// A list.
    Seq(Box<[Node<'s>]>),
    /// A map, in file order.
    Map(Box<[(Key<'s>, Node<'s>)]>),
    /// A map or list of a JSON model not built yet: its text (valid JSON), built when
    /// validation reaches it and dropped once read ([`super::tree::expand`]). A workflow
    /// of a large model is held this way, so the whole tree never exists at once.
    Lazy(&'s str),
}

impl Value<'_> {
    /// The text of a scalar and whether it is plain.
    pub fn scalar(&self) -> Option<(&str, bool)> {
        match self {
            Value::Scalar { text, plain } => Some((text, *plain)),
            Value::Unescaped { text, plain } => Some((text, *plain)),
            _ => None,
        }
    }

    /// What kind of value this is, for "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a map",
            Value::Lazy(text) if text.starts_with('[') => "a list",
            Value::Lazy(_) => "a map",
            _ => match self.scalar() {
                Some(("true" | "false", true)) => "a boolean",
                Some((text, true)) if crate::model::parse_number(text).is_some() => "a number",
                _ => "text",
            },
        }
    }
}
