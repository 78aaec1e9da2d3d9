//! What `cargo xtask bench` measures the generated crate against: the same
//! catalog written the way a person would write it by hand, as `match`es.
//! Rust is assembled as text here, unlike in `codegen`: these crates are
//! throwaway measuring sticks under `target/bench`, never shipped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use codegen::catalog::{Catalog, Entry};

/// The codes in `catalog` in ascending order, with their entries.
fn by_code(catalog: &Catalog) -> Vec<&Entry> {
    let mut entries: Vec<&Entry> = catalog.entries.iter().collect();
    entries.sort_by_key(|entry| entry.code.value);
    entries
}

/// The integer type the generated crate uses for codes.
fn code_int(catalog: &Catalog) -> &'static str {
    if u16::try_from(catalog.codes.max.value).is_ok() {
        "u16"
    } else {
        "u32"
    }
}

/// Every accepted message with the lowest code that has it.
fn code_by_message(entries: &[&Entry]) -> BTreeMap<String, u32> {
    let mut messages = BTreeMap::new();
    for entry in entries {
        for message in std::iter::once(&entry.message).chain(entry.aliases()) {
            messages
                .entry(message.value.clone())
                .or_insert(entry.code.value);
        }
    }
    messages
}

/// At most `count` items spread evenly over `items`.
fn spread<T: Copy>(items: &[T], count: usize) -> Vec<T> {
    let step = items.len().div_ceil(count).max(1);
    items.iter().step_by(step).copied().collect()
}

/// `src/lib.rs` of the lookup benchmark crate (`xtask/fixtures/lookup-bench`
/// has the benchmarks): the generated enum as `Status`, the batch of codes
/// and messages every benchmark looks up, and the hand-written baseline, a
/// `match` over every code and one over every message.
pub fn lookup_library(catalog: &Catalog, crate_name: &str) -> String {
    let entries = by_code(catalog);
    let int = code_int(catalog);
    let type_name = &catalog.package.type_name.value;
    let codes: Vec<u32> = entries.iter().map(|entry| entry.code.value).collect();
    // 32 known codes spread over the table, and 4 it does not know.
    let highest = codes.last().copied().unwrap_or(0);
    let mut batch = spread(&codes, 32);
    batch.extend([highest + 1, highest + 2, highest + 100, 1]);
    let messages = code_by_message(&entries);
    let known: Vec<&String> = messages.keys().collect();
    let mut message_batch: Vec<String> = spread(&known, 8).into_iter().cloned().collect();
    message_batch.push("NoSuchStatusMessage".to_owned());

    let mut out = String::new();
    let _ = writeln!(
        out,
        "//! Written by `cargo xtask bench`: the batch and the hand-written baseline for\n\
         //! a catalog of {} entries.\n\n\
         pub use {crate_name}::{type_name} as Status;\n\n\
         pub type Code = {int};\n\n\
         /// Known codes spread over the table, then some the catalog does not know.\n\
         pub const CODES: &[Code] = &{batch:?};\n\n\
         /// Messages spread over the table, then one the catalog does not know.\n\
         pub const MESSAGES: &[&str] = &{message_batch:?};\n\n\
         /// The code whose `Display` is measured.\n\
         pub const DISPLAY_CODE: Code = {};\n",
        entries.len(),
        batch[batch.len() / 8],
    );
    out.push_str("\n/// The hand-written baseline: code → message.\n");
    let _ = writeln!(
        out,
        "pub fn message_by_hand(code: Code) -> Option<&'static str> {{\n    Some(match code {{"
    );
    for entry in &entries {
        let _ = writeln!(
            out,
            "        {} => {:?},",
            entry.code.value, entry.message.value
        );
    }
    out.push_str("        _ => return None,\n    })\n}\n");
    out.push_str("\n/// The hand-written baseline: message (or alias) → code.\n");
    let _ = writeln!(
        out,
        "pub fn code_by_hand(message: &str) -> Option<Code> {{\n    Some(match message {{"
    );
    for (message, code) in &messages {
        let _ = writeln!(out, "        {message:?} => {code},");
    }
    out.push_str("        _ => return None,\n    })\n}\n");
    out
}

/// `src/lib.rs` of the design the generated crate replaced: the same enum
/// and lookups, with a `match` over every status in each method, and the
/// same documentation on each variant. Only compiled, to compare `cargo
/// check` times.
pub fn match_design_library(catalog: &Catalog) -> String {
    let entries = by_code(catalog);
    let int = code_int(catalog);
    let variant = |entry: &Entry| format!("Status::{}", entry.id.value);
    let mut out = format!(
        "#![no_std]\n\n\
         #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]\n\
         #[non_exhaustive]\n\
         #[repr({int})]\n\
         pub enum Status {{\n"
    );
    for entry in &entries {
        for line in codegen::render::entry_doc(catalog, entry).lines() {
            let _ = writeln!(
                out,
                "    ///{}{line}",
                if line.is_empty() { "" } else { " " }
            );
        }
        let _ = writeln!(out, "    {} = {},", entry.id.value, entry.code.value);
    }
    out.push_str("}\n\n#[derive(Clone, Copy, PartialEq, Eq, Debug)]\npub enum Lang {\n");
    for language in &catalog.languages {
        let _ = writeln!(out, "    {},", lang_variant(&language.tag));
    }
    out.push_str("}\n\nimpl Status {\n");
    let _ = writeln!(
        out,
        "    pub const fn code(self) -> {int} {{\n        self as {int}\n    }}\n"
    );
    let _ = writeln!(
        out,
        "    pub const fn from_code(code: {int}) -> Option<Self> {{\n        Some(match code {{"
    );
    for entry in &entries {
        let _ = writeln!(
            out,
            "            {} => {},",
            entry.code.value,
            variant(entry)
        );
    }
    out.push_str("            _ => return None,\n        })\n    }\n\n");
    out.push_str(
        "    pub fn from_message(message: &str) -> Option<Self> {\n        Some(match message {\n",
    );
    let lowest: BTreeMap<String, u32> = code_by_message(&entries);
    for (message, code) in &lowest {
        if let Some(entry) = entries.iter().find(|entry| entry.code.value == *code) {
            let _ = writeln!(out, "            {message:?} => {},", variant(entry));
        }
    }
    out.push_str("            _ => return None,\n        })\n    }\n\n");
    out.push_str("    pub fn status_message(self) -> &'static str {\n        match self {\n");
    for entry in &entries {
        let _ = writeln!(
            out,
            "            {} => {:?},",
            variant(entry),
            entry.message.value
        );
    }
    out.push_str("        }\n    }\n\n");
    out.push_str("    pub fn aliases(self) -> &'static [&'static str] {\n        match self {\n");
    for entry in entries.iter().filter(|entry| !entry.aliases().is_empty()) {
        let aliases: Vec<&str> = entry.aliases().iter().map(|alias| alias.as_str()).collect();
        let _ = writeln!(out, "            {} => &{aliases:?},", variant(entry));
    }
    out.push_str("            _ => &[],\n        }\n    }\n\n");
    for (method, pick) in [
        (
            "description",
            (|text| Some(text.description.as_str())) as Pick,
        ),
        ("solution", |text| {
            text.solution.as_ref().map(|solution| solution.as_str())
        }),
    ] {
        let _ = writeln!(
            out,
            "    pub fn {method}(self, lang: Lang) -> Option<&'static str> {{\n        Some(match (self, lang) {{"
        );
        for entry in &entries {
            for language in &catalog.languages {
                if let Some(text) = entry.text_in(&language.tag).and_then(pick) {
                    let _ = writeln!(
                        out,
                        "            ({}, Lang::{}) => {text:?},",
                        variant(entry),
                        lang_variant(&language.tag)
                    );
                }
            }
        }
        out.push_str("            _ => return None,\n        })\n    }\n\n");
    }
    out.push_str(
        "}\n\nimpl core::fmt::Display for Status {\n    \
         fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {\n        \
         write!(f, \"{} {}\", self.code(), self.status_message())\n    }\n}\n",
    );
    out
}

type Pick = fn(&codegen::catalog::Text) -> Option<&str>;

fn lang_variant(tag: &str) -> String {
    codegen::naming::rust_language_variant(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &[u8] = include_bytes!("../../../codegen/tests/fixtures/minimal.yaml");

    #[test]
    fn the_lookup_baseline_has_an_arm_per_code_and_per_accepted_message() {
        let catalog = codegen::load_catalog(MINIMAL).unwrap();
        let library = lookup_library(&catalog, "demo_status");
        assert!(library.contains("pub use demo_status::DemoStatus as Status;"));
        for entry in catalog.entries.iter() {
            assert!(library.contains(&format!(
                "{} => {:?},",
                entry.code.value, entry.message.value
            )));
            for alias in entry.aliases() {
                assert!(library.contains(&format!("{:?} => {},", alias.value, entry.code.value)));
            }
        }
    }

    #[test]
    fn the_match_design_has_a_match_arm_per_status_in_each_method() {
        let catalog = codegen::load_catalog(MINIMAL).unwrap();
        let library = match_design_library(&catalog);
        for entry in catalog.entries.iter() {
            let id = &entry.id.value;
            let arms = library.matches(&format!("Status::{id},")).count()
                + library.matches(&format!("Status::{id} =>")).count();
            // from_code, status_message, and a description in some language.
            assert!(arms >= 3, "{id} has {arms} arms:\n{library}");
        }
    }
}
