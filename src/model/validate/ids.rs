//! The ids of one section, looked up through a hash map, with a "did you mean" whose cost
//! is bounded; and the one check that ids are unique.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::super::tree::Mark;
use super::Validator;
use crate::diagnostic::{did_you_mean, Code, Diagnostic};

/// The ids declared in one section, for resolving references.
pub(super) struct Ids<'a> {
    /// What they are ids of, for messages ("system").
    pub what: &'static str,
    ids: Vec<&'a str>,
    index: HashMap<&'a str, usize, FixedState>,
}

impl<'a> Ids<'a> {
    /// The ids in file order (the first of equal ids wins; the tree already reported the
    /// duplicate key).
    pub fn new(what: &'static str, ids: Vec<&'a str>) -> Ids<'a> {
        let mut index = HashMap::with_capacity_and_hasher(ids.len(), FixedState::default());
        for (i, id) in ids.iter().enumerate() {
            index.entry(*id).or_insert(i);
        }
        Ids { what, ids, index }
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn id(&self, index: usize) -> &'a str {
        self.ids[index]
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn joined(&self) -> String {
        self.ids.join(", ")
    }

    /// "did you mean" among these ids, while `budget` (ids looked at, over the whole load)
    /// lasts.
    pub fn did_you_mean(&self, wanted: &str, budget: &mut usize) -> Option<String> {
        if *budget < self.ids.len() {
            *budget = 0;
            return None;
        }
        *budget -= self.ids.len();
        did_you_mean(wanted, self.ids.iter().copied())
    }
}

/// The ids of one kind of entry given so far (integrations, fixes), with the position
/// of the entry that first gave each.
pub(super) struct Unique {
    /// The list they are in, for the path of the first (`integrations`).
    section: &'static str,
    first: HashMap<String, usize, FixedState>,
}

impl Unique {
    pub fn new(section: &'static str, capacity: usize) -> Unique {
        Unique {
            section,
            first: HashMap::with_capacity_and_hasher(capacity, FixedState::default()),
        }
    }

    /// The path of the entry that first gave `id` (`integrations[3]`).
    pub fn get(&self, id: &str) -> Option<String> {
        self.first
            .get(id)
            .map(|i| format!("{}[{}]", self.section, i + 1))
    }
}

impl Validator {
    /// Claims `id` for entry `index` of its list (a `what`: "integration", "fix"),
    /// reporting it when an earlier entry has it.
    pub(super) fn claim_id(
        &mut self,
        seen: &mut Unique,
        what: &str,
        id: &str,
        index: usize,
        mark: Mark,
    ) {
        if let Some(first) = seen.get(id) {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    format!("{}[{}]", seen.section, index + 1),
                    Some(mark.pos()),
                    format!("{what} id `{id}` is also the id of {first}"),
                )
                .with_help("give one of them an explicit `id`"),
            );
        } else {
            seen.first.insert(id.to_string(), index);
        }
    }
}
