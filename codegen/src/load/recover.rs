//! Step 2 of loading: the serde-derived [`Catalog`](crate::catalog::Catalog)
//! from the `Node` tree, recording every unknown, missing, duplicated or
//! mistyped field in a [`Sink`] and going on with a placeholder, so that one
//! run reports every problem of the file's shape.
//!
//! How it fits serde: [`NodeDeserializer`] is a `serde::Deserializer` over
//! one `Node` (or a field the file left out, [`Slot::Missing`]); where a
//! derived `Deserialize` asks for a type the node is not, the problem goes
//! to the sink and the visitor gets a placeholder (empty text, zero, an
//! empty list). [`Located`] asks for its position through a newtype of a
//! name of its own ([`LOCATED`]), which this deserializer answers with the
//! node's line and column before its value.

use std::cell::RefCell;
use std::fmt;

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

use super::parse::{Node, Spanned, pos_of};
use crate::catalog::{Located, Pos};
use crate::diagnostic::Diagnostic;

/// Problems recorded while deserializing goes on.
#[derive(Default)]
pub(super) struct Sink(pub(super) RefCell<Vec<Diagnostic>>);

impl Sink {
    fn report(&self, diagnostic: Diagnostic) {
        self.0.borrow_mut().push(diagnostic);
    }
}

/// An error that stops deserialization. Most problems are recorded in the
/// [`Sink`] instead; this carries the rare ones serde raises itself.
#[derive(Debug)]
pub(crate) struct Error {
    message: String,
    at: Option<Pos>,
}

impl Error {
    fn located(self, at: Pos) -> Self {
        Error {
            at: self.at.or(Some(at)),
            ..self
        }
    }

    pub(super) fn into_diagnostic(self, fallback: Pos) -> Diagnostic {
        Diagnostic::new(self.at.unwrap_or(fallback), self.message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error {
            message: message.to_string(),
            at: None,
        }
    }
}

/// What a field of the model is deserialized from.
#[derive(Clone, Copy)]
pub(super) enum Slot<'a> {
    /// A value the file wrote.
    Present(&'a Spanned<Node>),
    /// A field the mapping at `at` lacks. An `Option` reads it as `None`;
    /// anything else reports it as missing.
    Missing { field: &'static str, at: Pos },
    /// A stand-in inside a value already reported as wrong: it yields
    /// placeholders and reports nothing more.
    Placeholder,
}

/// Name of the newtype through which [`Located`] asks for its position.
const LOCATED: &str = "$codegen::Located";

pub(super) struct NodeDeserializer<'a> {
    slot: Slot<'a>,
    sink: &'a Sink,
}

impl<'a> NodeDeserializer<'a> {
    pub(super) fn new(slot: Slot<'a>, sink: &'a Sink) -> Self {
        NodeDeserializer { slot, sink }
    }

    fn pos(&self) -> Pos {
        match self.slot {
            Slot::Present(node) => pos_of(node),
            Slot::Missing { at, .. } => at,
            Slot::Placeholder => Pos::default(),
        }
    }

    /// Records that the value is not what the model expects; the caller then
    /// hands the visitor a placeholder.
    fn mismatch(&self, expected: &str) {
        match self.slot {
            Slot::Present(node) => self.sink.report(Diagnostic::new(
                pos_of(node),
                format!("expected {expected}, found {}", node.value.describe()),
            )),
            Slot::Missing { field, at } => self
                .sink
                .report(Diagnostic::new(at, format!("missing field `{field}`"))),
            Slot::Placeholder => {}
        }
    }

    fn integer<T: TryFrom<i128>>(&self, expected: &str) -> Option<T> {
        if let Slot::Present(Spanned {
            value: Node::Int(value),
            ..
        }) = self.slot
            && let Ok(value) = T::try_from(*value)
        {
            return Some(value);
        }
        self.mismatch(expected);
        None
    }
}

macro_rules! deserialize_integer {
    ($($method:ident $visit:ident $ty:ty;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let expected = format!("an integer from {} to {}", <$ty>::MIN, <$ty>::MAX);
            let value = self.integer::<$ty>(&expected).unwrap_or_default();
            let at = self.pos();
            visitor.$visit::<Error>(value).map_err(|error: Error| error.located(at))
        }
    )*};
}

impl<'de, 'a> Deserializer<'de> for NodeDeserializer<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.pos();
        let node = match self.slot {
            Slot::Present(node) => node,
            Slot::Missing { .. } | Slot::Placeholder => {
                self.mismatch("a value");
                return visitor.visit_unit();
            }
        };
        let result = match &node.value {
            Node::Null => visitor.visit_unit(),
            Node::Bool(value) => visitor.visit_bool(*value),
            Node::Int(value) => visitor.visit_i128(*value),
            Node::Float(value) => visitor.visit_f64(*value),
            Node::Str(value) => visitor.visit_str(value),
            Node::Seq(items) => visitor.visit_seq(Items::new(items, self.sink)),
            Node::Map(entries) => visitor.visit_map(Fields::for_map(entries, self.sink)),
        };
        result.map_err(|error: Error| error.located(at))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = match self.slot {
            Slot::Present(Spanned {
                value: Node::Bool(value),
                ..
            }) => *value,
            _ => {
                self.mismatch("`true` or `false`");
                false
            }
        };
        visitor.visit_bool(value)
    }

    deserialize_integer! {
        deserialize_u8 visit_u8 u8;
        deserialize_u16 visit_u16 u16;
        deserialize_u32 visit_u32 u32;
        deserialize_u64 visit_u64 u64;
        deserialize_i8 visit_i8 i8;
        deserialize_i16 visit_i16 i16;
        deserialize_i32 visit_i32 i32;
        deserialize_i64 visit_i64 i64;
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.pos();
        match self.slot {
            Slot::Present(Spanned {
                value: Node::Str(value),
                ..
            }) => visitor
                .visit_str(value)
                .map_err(|error: Error| error.located(at)),
            _ => {
                let hint = match self.slot {
                    Slot::Present(Spanned {
                        value: Node::Null, ..
                    }) => {
                        "text (write the text after the colon, or \"\" if it is meant to be empty)"
                    }
                    Slot::Present(Spanned {
                        value: Node::Int(_) | Node::Float(_) | Node::Bool(_),
                        ..
                    }) => "text (put the value in quotes)",
                    _ => "text",
                };
                self.mismatch(hint);
                visitor.visit_str("")
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.slot {
            Slot::Missing { .. }
            | Slot::Present(Spanned {
                value: Node::Null, ..
            }) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.pos();
        match self.slot {
            Slot::Present(Spanned {
                value: Node::Seq(items),
                ..
            }) => visitor
                .visit_seq(Items::new(items, self.sink))
                .map_err(|error: Error| error.located(at)),
            _ => {
                self.mismatch("a list");
                visitor.visit_seq(Items::new(&[], self.sink))
            }
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let at = self.pos();
        match self.slot {
            Slot::Present(Spanned {
                value: Node::Map(entries),
                ..
            }) => visitor
                .visit_map(Fields::for_map(entries, self.sink))
                .map_err(|error: Error| error.located(at)),
            _ => {
                self.mismatch("a mapping");
                visitor.visit_map(Fields::for_map(&[], self.sink))
            }
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let at = self.pos();
        match self.slot {
            Slot::Present(Spanned {
                value: Node::Map(entries),
                ..
            }) => visitor
                .visit_map(Fields::for_struct(entries, fields, at, self.sink))
                .map_err(|error: Error| error.located(at)),
            _ => {
                self.mismatch("a mapping");
                visitor.visit_map(Fields::placeholders(fields, self.sink))
            }
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == LOCATED {
            let at = self.pos();
            visitor.visit_seq(LocatedParts {
                at: Some(at),
                value: Some(self),
            })
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 f32 f64 char bytes byte_buf unit unit_struct tuple tuple_struct enum
    }
}

/// The elements of a sequence.
struct Items<'a> {
    items: std::slice::Iter<'a, Spanned<Node>>,
    sink: &'a Sink,
}

impl<'a> Items<'a> {
    fn new(items: &'a [Spanned<Node>], sink: &'a Sink) -> Self {
        Items {
            items: items.iter(),
            sink,
        }
    }
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(item) => seed
                .deserialize(NodeDeserializer::new(Slot::Present(item), self.sink))
                .map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// A key as the file wrote it, or the name of a struct field it did not write.
#[derive(Clone, Copy)]
enum Key<'a> {
    Written(&'a Spanned<Node>),
    Field(&'static str),
}

/// The entries of a mapping, as a map or as a struct's fields: duplicates
/// and (for a struct) unknown keys are reported and skipped, and a struct's
/// absent fields are offered as [`Slot::Missing`].
struct Fields<'a> {
    entries: std::vec::IntoIter<(Key<'a>, Slot<'a>)>,
    value: Option<Slot<'a>>,
    sink: &'a Sink,
}

impl<'a> Fields<'a> {
    fn for_map(entries: &'a [(Spanned<Node>, Spanned<Node>)], sink: &'a Sink) -> Self {
        let kept = without_duplicates(entries, sink)
            .into_iter()
            .map(|(key, value)| (Key::Written(key), Slot::Present(value)))
            .collect::<Vec<_>>();
        Fields {
            entries: kept.into_iter(),
            value: None,
            sink,
        }
    }

    fn for_struct(
        entries: &'a [(Spanned<Node>, Spanned<Node>)],
        fields: &'static [&'static str],
        at: Pos,
        sink: &'a Sink,
    ) -> Self {
        let mut kept = Vec::new();
        let mut seen = Vec::new();
        for (key, value) in without_duplicates(entries, sink) {
            match &key.value {
                Node::Str(name) if fields.contains(&&**name) => {
                    seen.push(&**name);
                    kept.push((Key::Written(key), Slot::Present(value)));
                }
                Node::Str(name) => sink.report(
                    Diagnostic::new(pos_of(key), format!("unknown field `{name}`"))
                        .with_note(expected_fields(fields)),
                ),
                other => sink.report(Diagnostic::new(
                    pos_of(key),
                    format!("expected a field name, found {}", other.describe()),
                )),
            }
        }
        for field in fields.iter().filter(|field| !seen.contains(field)) {
            kept.push((Key::Field(field), Slot::Missing { field, at }));
        }
        Fields {
            entries: kept.into_iter(),
            value: None,
            sink,
        }
    }

    /// Every field, as a placeholder: the mapping itself was wrong.
    fn placeholders(fields: &'static [&'static str], sink: &'a Sink) -> Self {
        let kept = fields
            .iter()
            .map(|field| (Key::Field(field), Slot::Placeholder))
            .collect::<Vec<_>>();
        Fields {
            entries: kept.into_iter(),
            value: None,
            sink,
        }
    }
}

fn expected_fields(fields: &[&str]) -> String {
    let list = fields
        .iter()
        .map(|field| format!("`{field}`"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("expected one of {list}")
}

/// Keeps the first of each key and reports the others.
fn without_duplicates<'a>(
    entries: &'a [(Spanned<Node>, Spanned<Node>)],
    sink: &Sink,
) -> Vec<(&'a Spanned<Node>, &'a Spanned<Node>)> {
    let mut kept: Vec<(&Spanned<Node>, &Spanned<Node>)> = Vec::new();
    for (key, value) in entries {
        let first = kept
            .iter()
            .find(|(earlier, _)| same_key(&earlier.value, &key.value));
        match first {
            Some((earlier, _)) => sink.report(
                Diagnostic::new(
                    pos_of(key),
                    format!("duplicate key {}", key_text(&key.value)),
                )
                .with_note(format!("first defined at {}", pos_of(earlier))),
            ),
            None => kept.push((key, value)),
        }
    }
    kept
}

fn same_key(a: &Node, b: &Node) -> bool {
    match (a, b) {
        (Node::Str(a), Node::Str(b)) => a == b,
        (Node::Int(a), Node::Int(b)) => a == b,
        (Node::Bool(a), Node::Bool(b)) => a == b,
        _ => false,
    }
}

fn key_text(node: &Node) -> String {
    match node {
        Node::Str(text) => format!("`{text}`"),
        Node::Int(value) => format!("`{value}`"),
        other => other.describe(),
    }
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        let key = match key {
            Key::Written(key) => {
                seed.deserialize(NodeDeserializer::new(Slot::Present(key), self.sink))?
            }
            Key::Field(field) => seed.deserialize(BorrowedStrDeserializer::<Error>::new(field))?,
        };
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self.value.take().unwrap_or(Slot::Placeholder);
        seed.deserialize(NodeDeserializer::new(value, self.sink))
    }
}

/// Hands [`Located`] its position (line, column, length), then its value.
struct LocatedParts<'a> {
    at: Option<Pos>,
    value: Option<NodeDeserializer<'a>>,
}

impl<'de> SeqAccess<'de> for LocatedParts<'_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if let Some(at) = self.at.take() {
            let packed: de::value::SeqDeserializer<_, Error> =
                vec![at.line, at.column, at.len].into_deserializer();
            return seed.deserialize(packed).map(Some);
        }
        match self.value.take() {
            Some(value) => seed.deserialize(value).map(Some),
            None => Ok(None),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LocatedVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for LocatedVisitor<T> {
            type Value = Located<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value with its position")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Located<T>, A::Error> {
                let missing = || de::Error::custom("internal: position not supplied");
                let [line, column, len]: [u32; 3] = seq.next_element()?.ok_or_else(missing)?;
                let value = seq.next_element()?.ok_or_else(missing)?;
                Ok(Located {
                    value,
                    at: Pos { line, column, len },
                })
            }
        }
        deserializer.deserialize_newtype_struct(LOCATED, LocatedVisitor(std::marker::PhantomData))
    }
}
