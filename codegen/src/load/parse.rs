//! Step 1 of loading: YAML text to a tree of values that each know where
//! they were written, within the parser's budgets.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::DuplicateKeyPolicy;

use super::limits;
use crate::catalog::Pos;
use crate::diagnostic::Diagnostic;

/// YAML forbids tabs in indentation, and parsers report them a line late or
/// as something else; every such line is reported here, where the tab is.
pub(super) fn tab_indentation(source: &str) -> Vec<Diagnostic> {
    source
        .lines()
        .enumerate()
        .filter_map(|(index, line)| {
            let indentation = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
            let column = indentation.find('\t')? + 1;
            let at = Pos {
                line: clamp_u32(index as u64 + 1),
                column: clamp_u32(column as u64),
                len: 1,
            };
            Some(Diagnostic::new(
                at,
                "indentation with a tab; YAML indentation must be spaces",
            ))
        })
        .collect()
}

/// A YAML value with the place of every value inside it.
///
/// The tree is the loader's peak memory (a node per value: 2.2 million at
/// 100,000 entries), so it is kept small: the place as a [`Pos`] of 12
/// bytes rather than serde-saphyr's two `Location`s of 48, and boxed slices
/// and strings rather than growable ones (48 bytes a node, 128 before).
#[derive(Debug)]
pub(super) enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(Box<str>),
    Seq(Box<[Spanned<Node>]>),
    /// Kept as written, duplicates included, so that each can be reported.
    Map(Box<[(Spanned<Node>, Spanned<Node>)]>),
}

/// A value and where it was written (where it was used, for an alias).
#[derive(Debug)]
pub(super) struct Spanned<T> {
    pub value: T,
    pub at: Pos,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let location = &spanned.referenced;
        let at = Pos {
            line: clamp_u32(location.line()),
            column: clamp_u32(location.column()),
            len: clamp_u32(location.span().len()).max(1),
        };
        Ok(Spanned {
            value: spanned.value,
            at,
        })
    }
}

pub(super) fn parse(source: &str) -> Result<Spanned<Node>, Diagnostic> {
    if source.len() > limits::MAX_BYTES {
        return Err(Diagnostic::new(
            Pos {
                line: 1,
                column: 1,
                len: 1,
            },
            format!(
                "the catalog is {} bytes; the limit is {} bytes",
                source.len(),
                limits::MAX_BYTES
            ),
        ));
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: limits::MAX_DEPTH,
            max_aliases: limits::MAX_ALIASES,
            max_nodes: limits::MAX_NODES,
            max_events: limits::MAX_EVENTS,
            max_recorded_anchor_events: limits::MAX_ANCHORED_EVENTS,
            max_documents: 1,
        },
        // Duplicates reach the deserializer, which reports every one of them.
        duplicate_keys: DuplicateKeyPolicy::PassThrough,
        // `no`, `on` and `y` are text, not booleans: the catalog holds prose.
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options::<Spanned<Node>>(source, options).map_err(|error| {
        let at = error
            .location()
            .map(|location| Pos {
                line: clamp_u32(location.line()),
                column: clamp_u32(location.column()),
                len: 1,
            })
            .unwrap_or(Pos {
                line: 1,
                column: 1,
                len: 1,
            });
        // The cause, under any alias and snippet wrappers.
        let mut cause = &error;
        while let serde_saphyr::Error::AliasError { error, .. }
        | serde_saphyr::Error::WithSnippet { error, .. } = cause
        {
            cause = error;
        }
        let message = match cause {
            serde_saphyr::Error::Budget { breach, .. } => limit_message(breach),
            other => syntax_message(&other.to_string()),
        };
        Diagnostic::new(at, message)
    })
}

/// Which limit a hostile or runaway catalog hit, in the editor's terms.
fn limit_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach;
    let what = match breach {
        BudgetBreach::Depth { .. } => format!("it nests deeper than {} levels", limits::MAX_DEPTH),
        BudgetBreach::Aliases { .. } => format!(
            "it uses aliases (`*name`) more than {} times",
            limits::MAX_ALIASES
        ),
        BudgetBreach::Nodes { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. } => {
            format!(
                "it holds more than {} values, aliases expanded",
                limits::MAX_NODES
            )
        }
        BudgetBreach::Events { .. } => {
            format!("it has more than {} YAML events", limits::MAX_EVENTS)
        }
        BudgetBreach::Documents { .. } => {
            return "the catalog is one YAML document; remove the `---` line and what follows it"
                .to_owned();
        }
        other => format!("{other:?}"),
    };
    format!("the catalog exceeds a parser limit: {what}")
}

/// serde-saphyr's plain message starts with its own `line L column C:`
/// prefix; the diagnostic already says where.
fn syntax_message(text: &str) -> String {
    let text = text.trim().trim_start_matches("error: ");
    let text = match text.split_once(": ") {
        Some((prefix, rest)) if prefix.starts_with("line ") => rest,
        _ => text,
    };
    let first_line = text.lines().next().unwrap_or(text);
    let without_place = match first_line.rsplit_once(" at line ") {
        Some((message, place)) if place.contains(", column ") => message,
        _ => first_line,
    };
    format!("invalid YAML: {without_place}")
}

fn clamp_u32(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

pub(super) fn pos_of<T>(spanned: &Spanned<T>) -> Pos {
    spanned.at
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Int(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Int(v.into()))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
                Ok(Node::Int(v))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
                i128::try_from(v)
                    .map(Node::Int)
                    .map_err(|_| E::custom("integer too large"))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Str(v.into()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v.into_boxed_str()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items.into_boxed_slice()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Node::Map(entries.into_boxed_slice()))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

impl Node {
    /// How a diagnostic names what it found instead of what it expected.
    pub(super) fn describe(&self) -> String {
        match self {
            Node::Null => "an empty value".to_owned(),
            Node::Bool(value) => format!("the boolean `{value}`"),
            Node::Int(value) => format!("the number `{value}`"),
            Node::Float(value) => format!("the number `{value}`"),
            Node::Str(_) => "text".to_owned(),
            Node::Seq(_) => "a list".to_owned(),
            Node::Map(_) => "a mapping".to_owned(),
        }
    }
}
