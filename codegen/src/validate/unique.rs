//! Values that must be unique: each repeat is reported where it is written,
//! with a note that points at the first.

use std::collections::BTreeMap;

use crate::catalog::{Located, Pos};
use crate::diagnostic::Diagnostic;

/// Where each value was first written, among values that must be unique.
pub(super) struct FirstSeen<'a, K> {
    first: BTreeMap<&'a K, Pos>,
    /// The note's verb: "first {verb} at LINE:COL".
    verb: &'static str,
}

impl<'a, K: Ord> FirstSeen<'a, K> {
    pub(super) fn new(verb: &'static str) -> Self {
        FirstSeen {
            first: BTreeMap::new(),
            verb,
        }
    }

    /// Records `value`. A repeat is reported at the repeat with `message()`
    /// and the note "first {verb} at" the first occurrence.
    pub(super) fn record(
        &mut self,
        value: &'a Located<K>,
        message: impl FnOnce() -> String,
        problems: &mut Vec<Diagnostic>,
    ) {
        match self.first.get(&value.value) {
            Some(first) => problems.push(
                Diagnostic::new(value.at, message())
                    .with_note(format!("first {} at {first}", self.verb)),
            ),
            None => {
                self.first.insert(&value.value, value.at);
            }
        }
    }

    /// Where `key` was first written, if it was.
    pub(super) fn first(&self, key: &K) -> Option<Pos> {
        self.first.get(key).copied()
    }
}
