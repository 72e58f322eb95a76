//! Finding duplicate keys in a map being built.

use std::borrow::Cow;
use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::tree::{Key, Mark, Node};

/// Maps with more entries than this find duplicate keys through a hash set; smaller ones
/// (nearly all) by a scan, which is cheaper.
pub(super) const SCAN_LIMIT: usize = 16;

/// The keys of a map seen so far: a scan of the kept entries for small maps, a hash map
/// for large ones.
pub(super) enum Seen<'s> {
    Scan,
    Hashed(HashMap<Cow<'s, str>, Mark, FixedState>),
}

impl<'s> Seen<'s> {
    pub(super) fn new(len: usize) -> Seen<'s> {
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
                .find(|(k, _)| k.text == text)
                .map(|(k, _)| k.mark),
            Seen::Hashed(map) => map.get(text).copied(),
        }
    }

    pub(super) fn insert(&mut self, key: &Key<'s>) {
        if let Seen::Hashed(map) = self {
            // A borrowed text is copied as a pointer; only an unescaped one is copied.
            map.insert(key.text.clone(), key.mark);
        }
    }
}
