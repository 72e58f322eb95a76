//! The fields of one map of the model, as the validator reads them: looked up by their
//! declaration in [`schema`](crate::model::schema).

use super::path::Path;
use crate::model::schema::{Kind, Range, Section};
use crate::model::tree::{Key, Mark, Node};

/// The fields of one map, after unknown ones and missing required ones were reported.
pub(super) struct Fields<'a> {
    pub(super) path: Path<'a>,
    pub(super) mark: Mark,
    pub(super) section: &'static Section,
    /// All of the map's entries: only declared fields are looked up, so unknown ones
    /// need not be taken out.
    pub(super) entries: &'a [(Key<'a>, Node<'a>)],
}

impl<'a> Fields<'a> {
    pub(super) fn get(&self, name: &str) -> Option<&'a Node<'a>> {
        debug_assert!(
            self.section.field(name).is_some(),
            "undeclared field {name}"
        );
        self.entries
            .iter()
            .find(|(k, _)| k.text == name)
            .map(|(_, v)| v)
    }

    pub(super) fn path<'b>(&'b self, name: &'b str) -> Path<'b> {
        self.path.key(name)
    }

    /// The range its declaration gives a number field.
    pub(super) fn range(&self, name: &str) -> Range {
        match self.section.field(name).map(|f| f.kind) {
            Some(Kind::Number(range) | Kind::ObjectiveShares(range)) => range,
            other => {
                // A slip in this module, not in the input: the tests load every section.
                debug_assert!(other.is_none(), "`{name}` is not a number field");
                Range::NonNegative
            }
        }
    }
}
