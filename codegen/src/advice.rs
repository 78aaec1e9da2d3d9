//! What a service can decide from a status without reading its prose: who
//! must act for the call to succeed, and what retrying the same call can
//! do. A closed vocabulary, written once here: the catalog's header and
//! schema, validation, the model and every output take their values (and
//! their English meaning) from these lists.

use std::fmt;

use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;

/// Who must act for the call to succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The call succeeded: nobody.
    Nobody,
    /// The caller: the request must change (its parameters, payload,
    /// credentials or permissions).
    Caller,
    /// The function's owner: its code or configuration must change.
    Function,
    /// The account's owner: its balance or quota must change.
    Account,
    /// The platform: nothing on the caller's side can fix it.
    Platform,
}

/// What retrying the same call can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Retry {
    /// The call succeeded: there is nothing to retry.
    NotNeeded,
    /// Retrying later, with backoff, may succeed as it is.
    WithBackoff,
    /// The same call fails the same way until something is fixed.
    AfterFix,
    /// The function may have run, partly or wholly, before the failure:
    /// whether to retry is the caller's call.
    CallerDecides,
}

/// A closed list of values, each with the word the catalog writes and its
/// meaning in English.
pub trait Vocabulary: Sized + Copy + 'static {
    /// The catalog's field (`who_acts`, `retry`).
    const FIELD: &'static str;
    const ALL: &'static [Self];
    /// The word the catalog writes (`with_backoff`).
    fn key(self) -> &'static str;
    /// What it means, in English: the doc of its variant here and in the
    /// generated crate (a test holds them together), and the words JSDoc,
    /// the JSON schemas and the catalog's header show.
    fn meaning(self) -> &'static str;

    /// The value the catalog's word names.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|value| value.key() == key)
    }

    /// Every word, as a list for messages: `a`, `b` or `c`.
    fn keys() -> Vec<&'static str> {
        Self::ALL.iter().map(|value| value.key()).collect()
    }
}

impl Vocabulary for Actor {
    const FIELD: &'static str = "who_acts";
    const ALL: &'static [Actor] = &[
        Actor::Nobody,
        Actor::Caller,
        Actor::Function,
        Actor::Account,
        Actor::Platform,
    ];

    fn key(self) -> &'static str {
        match self {
            Actor::Nobody => "nobody",
            Actor::Caller => "caller",
            Actor::Function => "function",
            Actor::Account => "account",
            Actor::Platform => "platform",
        }
    }

    fn meaning(self) -> &'static str {
        match self {
            Actor::Nobody => "The call succeeded: nobody.",
            Actor::Caller => {
                "The caller: the request must change (its parameters, payload, credentials or permissions)."
            }
            Actor::Function => "The function's owner: its code or configuration must change.",
            Actor::Account => "The account's owner: its balance or quota must change.",
            Actor::Platform => "The platform: nothing on the caller's side can fix it.",
        }
    }
}

impl Vocabulary for Retry {
    const FIELD: &'static str = "retry";
    const ALL: &'static [Retry] = &[
        Retry::NotNeeded,
        Retry::WithBackoff,
        Retry::AfterFix,
        Retry::CallerDecides,
    ];

    fn key(self) -> &'static str {
        match self {
            Retry::NotNeeded => "not_needed",
            Retry::WithBackoff => "with_backoff",
            Retry::AfterFix => "after_fix",
            Retry::CallerDecides => "caller_decides",
        }
    }

    fn meaning(self) -> &'static str {
        match self {
            Retry::NotNeeded => "The call succeeded: there is nothing to retry.",
            Retry::WithBackoff => "Retrying later, with backoff, may succeed as it is.",
            Retry::AfterFix => "The same call fails the same way until something is fixed.",
            Retry::CallerDecides => {
                "The function may have run, partly or wholly, before the failure: whether to retry is the caller's call."
            }
        }
    }
}

impl Retry {
    /// Whether retrying the same call, unchanged, may succeed: what "a retry
    /// can help" means where an output narrows to such codes (only
    /// `with_backoff`; `caller_decides` leaves the choice to the caller).
    pub fn can_help(self) -> bool {
        self == Retry::WithBackoff
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl fmt::Display for Retry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Entries that do not say who must act or what a retry can do: warnings
/// at each entry's code, for `check` to list (as it lists missing
/// translations). A field is left out where the texts do not support a
/// value; an owner reviews the list.
pub fn review(catalog: &Catalog) -> Vec<Diagnostic> {
    catalog
        .entries
        .iter()
        .filter_map(|entry| {
            let missing: Vec<&str> = [
                (entry.who_acts.is_none(), Actor::FIELD),
                (entry.retry.is_none(), Retry::FIELD),
            ]
            .into_iter()
            .filter_map(|(missing, field)| missing.then_some(field))
            .collect();
            (!missing.is_empty()).then(|| {
                Diagnostic::new(
                    entry.code.at,
                    format!(
                        "{} {} has no `{}`: add it where its texts say, quoting them in a comment beside it",
                        entry.code.value,
                        entry.id.value,
                        missing.join("` or `")
                    ),
                )
                .into_warning()
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_names_its_value_and_only_it() {
        for actor in Actor::ALL {
            assert_eq!(Actor::from_key(actor.key()), Some(*actor));
            assert_eq!(
                serde_json::to_string(actor).unwrap(),
                format!("\"{}\"", actor.key())
            );
        }
        for retry in Retry::ALL {
            assert_eq!(Retry::from_key(retry.key()), Some(*retry));
            assert_eq!(
                serde_json::to_string(retry).unwrap(),
                format!("\"{}\"", retry.key())
            );
        }
        assert_eq!(Retry::from_key("WithBackoff"), None);
        assert_eq!(Actor::from_key(""), None);
        assert_eq!(
            Retry::keys(),
            ["not_needed", "with_backoff", "after_fix", "caller_decides"]
        );
    }
}
