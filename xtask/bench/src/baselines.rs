//! What `cargo xtask bench` measures the generated crate against: the same
//! catalog written the way a person would write it by hand, as `match`es.
//! Rust is assembled as text here, unlike in `codegen`: these crates are
//! throwaway measuring sticks under `target/bench`, never shipped.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use codegen::model::{Entry, Model, Text};

/// Every accepted message with the lowest code that has it.
fn code_by_message(entries: &[Entry]) -> BTreeMap<String, u32> {
    let mut messages = BTreeMap::new();
    for entry in entries {
        for message in entry.accepted_messages() {
            messages.entry(message.to_owned()).or_insert(entry.code);
        }
    }
    messages
}

/// At most `count` items spread evenly over `items`.
fn spread<T: Copy>(items: &[T], count: usize) -> Vec<T> {
    let step = items.len().div_ceil(count).max(1);
    items.iter().step_by(step).copied().collect()
}

/// `src/lib.rs` of the lookup benchmark crate (`xtask/bench/lookup-bench`
/// has the benchmarks): the generated enum as `Status`, the batch of codes
/// and messages every benchmark looks up, and the hand-written baseline, a
/// `match` over every code and one over every message.
pub fn lookup_library(model: &Model, crate_name: &str) -> String {
    let entries = &model.entries;
    let int = model.code_width.rust();
    let type_name = &model.names.status;
    let codes: Vec<u32> = entries.iter().map(|entry| entry.code).collect();
    // 32 known codes spread over the table, and 4 it does not know.
    let highest = codes.last().copied().unwrap_or(0);
    let mut batch = spread(&codes, 32);
    batch.extend([highest + 1, highest + 2, highest + 100, 1]);
    let messages = code_by_message(entries);
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
    for entry in entries {
        let _ = writeln!(out, "        {} => {:?},", entry.code, entry.message);
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
pub fn match_design_library(model: &Model) -> String {
    let entries = &model.entries;
    let int = model.code_width.rust();
    let variant = |entry: &Entry| format!("Status::{}", entry.names.rust_variant);
    let mut out = format!(
        "#![no_std]\n\n\
         #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]\n\
         #[non_exhaustive]\n\
         #[repr({int})]\n\
         pub enum Status {{\n"
    );
    for entry in entries {
        for line in codegen::render::text::entry_doc(model, entry).lines() {
            let _ = writeln!(
                out,
                "    ///{}{line}",
                if line.is_empty() { "" } else { " " }
            );
        }
        let _ = writeln!(out, "    {} = {},", entry.names.rust_variant, entry.code);
    }
    out.push_str("}\n\n#[derive(Clone, Copy, PartialEq, Eq, Debug)]\npub enum Lang {\n");
    for language in &model.languages {
        let _ = writeln!(out, "    {},", language.rust_variant);
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
    for entry in entries {
        let _ = writeln!(out, "            {} => {},", entry.code, variant(entry));
    }
    out.push_str("            _ => return None,\n        })\n    }\n\n");
    out.push_str(
        "    pub fn from_message(message: &str) -> Option<Self> {\n        Some(match message {\n",
    );
    let lowest: BTreeMap<String, u32> = code_by_message(entries);
    for (message, code) in &lowest {
        if let Some(entry) = model.entry(*code) {
            let _ = writeln!(out, "            {message:?} => {},", variant(entry));
        }
    }
    out.push_str("            _ => return None,\n        })\n    }\n\n");
    out.push_str("    pub fn status_message(self) -> &'static str {\n        match self {\n");
    for entry in entries {
        let _ = writeln!(
            out,
            "            {} => {:?},",
            variant(entry),
            entry.message
        );
    }
    out.push_str("        }\n    }\n\n");
    out.push_str("    pub fn aliases(self) -> &'static [&'static str] {\n        match self {\n");
    for entry in entries.iter().filter(|entry| !entry.aliases.is_empty()) {
        let _ = writeln!(
            out,
            "            {} => &{:?},",
            variant(entry),
            entry.aliases
        );
    }
    out.push_str("            _ => &[],\n        }\n    }\n\n");
    for (method, pick) in [
        (
            "description",
            (|text| Some(text.description.as_str())) as Pick,
        ),
        ("solution", |text| text.solution.as_deref()),
    ] {
        let _ = writeln!(
            out,
            "    pub fn {method}(self, lang: Lang) -> Option<&'static str> {{\n        Some(match (self, lang) {{"
        );
        for entry in entries {
            for (index, language) in model.languages.iter().enumerate() {
                if let Some(text) = entry.text(index).and_then(pick) {
                    let _ = writeln!(
                        out,
                        "            ({}, Lang::{}) => {text:?},",
                        variant(entry),
                        language.rust_variant
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

type Pick = fn(&Text) -> Option<&str>;

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &[u8] = include_bytes!("../../../codegen/tests/fixtures/minimal.yaml");

    #[test]
    fn the_lookup_baseline_has_an_arm_per_code_and_per_accepted_message() {
        let model = codegen::check(MINIMAL).unwrap().model;
        let library = lookup_library(&model, "demo_status");
        assert!(library.contains("pub use demo_status::DemoStatus as Status;"));
        for entry in &model.entries {
            assert!(library.contains(&format!("{} => {:?},", entry.code, entry.message)));
            for alias in &entry.aliases {
                assert!(library.contains(&format!("{alias:?} => {},", entry.code)));
            }
        }
    }

    #[test]
    fn the_match_design_has_a_match_arm_per_status_in_each_method() {
        let model = codegen::check(MINIMAL).unwrap().model;
        let library = match_design_library(&model);
        for entry in &model.entries {
            let id = &entry.id;
            let arms = library.matches(&format!("Status::{id},")).count()
                + library.matches(&format!("Status::{id} =>")).count();
            // from_code, status_message, and a description in some language.
            assert!(arms >= 3, "{id} has {arms} arms:\n{library}");
        }
    }
}
