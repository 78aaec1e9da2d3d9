//! Reading `catalog.yaml` into the [`Catalog`] model.
//!
//! Two steps, so that one typo does not hide the next:
//!
//! 1. serde-saphyr parses the text into a `Node` tree in which every value
//!    keeps its line and column. YAML syntax errors and exceeded budgets stop
//!    here (nothing after a syntax error can be trusted).
//! 2. The serde-derived model is deserialized from that tree by
//!    `NodeDeserializer`, which records a [`Diagnostic`] for each unknown,
//!    missing, duplicated or mistyped field and carries on with a placeholder
//!    value, so that every such problem of the file is reported at once.

use std::cell::RefCell;
use std::fmt;

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_saphyr::{DuplicateKeyPolicy, Spanned};

use crate::catalog::{Catalog, Located, Pos};
use crate::diagnostic::Diagnostic;

/// Limits for the YAML parser. The real catalog needs a tiny fraction of each;
/// they exist so that a hostile or broken file is refused quickly instead of
/// exhausting memory.
pub mod limits {
    /// Largest catalog accepted, in bytes (the real one is about 30 KB).
    pub const MAX_BYTES: usize = 64 * 1024 * 1024;
    /// Deepest nesting of mappings and sequences (the catalog needs 6).
    pub const MAX_DEPTH: usize = 64;
    /// Alias uses (`*name`) in the whole file.
    pub const MAX_ALIASES: usize = 1_000;
    /// Values (mappings, sequences, scalars) after expanding aliases: this is
    /// what stops an alias bomb. A synthetic catalog of 100,000 entries holds
    /// about 2.2 million; this allows about twice that.
    pub const MAX_NODES: usize = 4_000_000;
    /// Parser events in the whole file.
    pub const MAX_EVENTS: usize = 16_000_000;
    /// Parser events recorded under anchors for replay at their aliases.
    pub const MAX_ANCHORED_EVENTS: usize = 100_000;
}

/// Parses and deserializes a catalog. Validation rules beyond the shape of
/// the file live in [`crate::validate`].
///
/// On a syntax error there is no catalog. On shape errors there is one, with
/// placeholders (empty text, zero) where values were wrong or missing, each
/// placed where its problem was reported, so that validation can still run
/// and the caller can drop what it says about those places.
pub fn load(source: &str) -> (Option<Catalog>, Vec<Diagnostic>) {
    // Parsing recurses once per nesting level, in frames that are large in
    // debug builds (tens of KB each): 64 levels overflow a 2 MB thread stack.
    // The depth limit bounds the recursion; a stack of our own bounds the
    // frames, whatever thread calls us.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("catalog-loader".to_owned())
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(scope, || load_on_this_thread(source))
            .map_or_else(
                |_| load_on_this_thread(source),
                |handle| handle.join().unwrap_or_else(|_| loader_crashed()),
            )
    })
}

/// Enough for [`limits::MAX_DEPTH`] levels with a wide margin; only touched
/// pages of it are ever allocated.
const PARSER_STACK_BYTES: usize = 256 * 1024 * 1024;

fn loader_crashed() -> (Option<Catalog>, Vec<Diagnostic>) {
    let at = Pos {
        line: 1,
        column: 1,
        len: 1,
    };
    (
        None,
        vec![Diagnostic::new(
            at,
            "internal error: the catalog loader crashed; please report this catalog",
        )],
    )
}

fn load_on_this_thread(source: &str) -> (Option<Catalog>, Vec<Diagnostic>) {
    let tabs = tab_indentation(source);
    if !tabs.is_empty() {
        return (None, tabs);
    }
    let root = match parse(source) {
        Ok(root) => root,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    if let Node::Null = root.value {
        let at = Pos {
            line: 1,
            column: 1,
            len: 1,
        };
        return (
            None,
            vec![Diagnostic::new(
                at,
                "the catalog is empty; see the header of catalog.yaml for what it holds",
            )],
        );
    }
    let sink = Sink::default();
    let result = Catalog::deserialize(NodeDeserializer::new(Slot::Present(&root), &sink));
    let mut diagnostics = sink.0.into_inner();
    match result {
        Ok(catalog) => (Some(catalog), diagnostics),
        Err(error) => {
            diagnostics.push(error.into_diagnostic(pos_of(&root)));
            (None, diagnostics)
        }
    }
}

/// YAML forbids tabs in indentation, and parsers report them a line late or
/// as something else; every such line is reported here, where the tab is.
fn tab_indentation(source: &str) -> Vec<Diagnostic> {
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
#[derive(Debug)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Node>>),
    /// Kept as written, duplicates included, so that each can be reported.
    Map(Vec<(Spanned<Node>, Spanned<Node>)>),
}

/// Only the YAML parse (step 1), for benchmarks: the floor any loader of
/// this file pays.
pub fn parse_only(source: &str) -> Result<(), Diagnostic> {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(scope, || parse(source).map(drop))
            .map_or_else(
                |_| parse(source).map(drop),
                |handle| {
                    handle
                        .join()
                        .unwrap_or_else(|_| Err(loader_crashed().1.remove(0)))
                },
            )
    })
}

fn parse(source: &str) -> Result<Spanned<Node>, Diagnostic> {
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

fn pos_of<T>(spanned: &Spanned<T>) -> Pos {
    let location = &spanned.referenced;
    Pos {
        line: clamp_u32(location.line()),
        column: clamp_u32(location.column()),
        len: clamp_u32(location.span().len()).max(1),
    }
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
                Ok(Node::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Node::Map(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

impl Node {
    /// How a diagnostic names what it found instead of what it expected.
    fn describe(&self) -> String {
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

/// Problems recorded while deserializing goes on.
#[derive(Default)]
struct Sink(RefCell<Vec<Diagnostic>>);

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

    fn into_diagnostic(self, fallback: Pos) -> Diagnostic {
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
enum Slot<'a> {
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

struct NodeDeserializer<'a> {
    slot: Slot<'a>,
    sink: &'a Sink,
}

impl<'a> NodeDeserializer<'a> {
    fn new(slot: Slot<'a>, sink: &'a Sink) -> Self {
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
                Node::Str(name) if fields.contains(&name.as_str()) => {
                    seen.push(name.as_str());
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
