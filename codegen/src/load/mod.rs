//! Reading `catalog.yaml` into the [`Catalog`] as written.
//!
//! Two steps, so that one typo does not hide the next:
//!
//! 1. `parse.rs`: serde-saphyr parses the text into a `Node` tree in which
//!    every value keeps its line and column. YAML syntax errors and
//!    exceeded budgets ([`limits`]) stop here (nothing after a syntax error
//!    can be trusted).
//! 2. `recover.rs`: the serde-derived model is deserialized from that tree
//!    by a `Deserializer` that records a [`Diagnostic`] for each unknown,
//!    missing, duplicated or mistyped field and carries on with a
//!    placeholder value, so that every such problem of the file is reported
//!    at once, with the rules of validation that still apply.
//!
//! Why the second step recovers rather than stopping at the first problem,
//! with the measurements: `docs/decisions/0002-shape-errors.md`.

mod parse;
mod recover;

use serde::Deserialize;

use crate::catalog::{Catalog, Pos};
use crate::diagnostic::Diagnostic;
use parse::{Node, parse, pos_of, tab_indentation};
use recover::{NodeDeserializer, Sink, Slot};

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
