//! Field paths (`workflows.lead-to-cash.handoffs[2].to`) built only when a diagnostic
//! needs one: a large model has a million fields, nearly all of them valid.

use std::fmt;

/// Where a value is: a chain of keys and list positions from the top of the model, each
/// link borrowed from the caller's stack.
#[derive(Clone, Copy)]
pub(super) enum Path<'p> {
    /// The top of the model (the empty path).
    Root,
    /// `parent.key`, or `key` when the parent is the empty path.
    Key(&'p Path<'p>, &'p str),
    /// `parent[position]`, the position from 1.
    Index(&'p Path<'p>, usize),
}

static ROOT: Path<'static> = Path::Root;

impl<'p> Path<'p> {
    /// A top-level field.
    pub fn top(name: &'p str) -> Path<'p> {
        Path::Key(&ROOT, name)
    }

    /// `self.key`.
    pub fn key(&'p self, key: &'p str) -> Path<'p> {
        Path::Key(self, key)
    }

    /// `self[position]`, the position from 1.
    pub fn index(&'p self, position: usize) -> Path<'p> {
        Path::Index(self, position)
    }

    /// Whether it renders as nothing.
    fn is_empty(&self) -> bool {
        match self {
            Path::Root => true,
            Path::Key(parent, key) => parent.is_empty() && key.is_empty(),
            Path::Index(..) => false,
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(parent, key) if parent.is_empty() => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, position) => write!(f, "{parent}[{position}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::tree::join;
    use super::Path;

    #[test]
    fn paths_render_as_joined_strings() {
        let workflows = Path::top("workflows");
        let workflow = workflows.key("lead-to-cash");
        let handoffs = workflow.key("handoffs");
        let second = handoffs.index(2);
        assert_eq!(
            second.key("to").to_string(),
            "workflows.lead-to-cash.handoffs[2].to"
        );
        assert_eq!(Path::Root.to_string(), "");
        assert_eq!(Path::top("").key("x").to_string(), join("", "x"));
        assert_eq!(Path::top("").index(1).to_string(), "[1]");
        assert_eq!(workflows.key("").to_string(), join("workflows", ""));
    }
}
