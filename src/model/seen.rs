//! Finding duplicate keys in a map being built.

use std::collections::HashMap;

use foldhash::fast::FixedState;
use std::rc::Rc;

use super::tree::{Key, Mark, Node};

/// Maps with more entries than this find duplicate keys through a hash set; smaller ones
/// (nearly all) by a scan, which is cheaper.
const SCAN_LIMIT: usize = 16;

/// The keys of a map seen so far: a scan of the kept entries for small maps, a hash map
/// for large ones.
pub(super) enum Seen {
    Scan,
    Hashed(HashMap<Rc<str>, Mark, FixedState>),
}

impl Seen {
    pub(super) fn new(len: usize) -> Seen {
        if len > SCAN_LIMIT {
            Seen::Hashed(HashMap::with_capacity_and_hasher(
                len,
                FixedState::default(),
            ))
        } else {
            Seen::Scan
        }
    }

    pub(super) fn get(&self, kept: &[(Key, Node)], text: &str) -> Option<Mark> {
        match self {
            Seen::Scan => kept
                .iter()
                .find(|(k, _)| &*k.text == text)
                .map(|(k, _)| k.mark),
            Seen::Hashed(map) => map.get(text).copied(),
        }
    }

    pub(super) fn insert(&mut self, key: &Key) {
        if let Seen::Hashed(map) = self {
            map.insert(Rc::clone(&key.text), key.mark);
        }
    }
}
