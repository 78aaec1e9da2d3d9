//! The generated crate's prose: its README, the crate documentation and the
//! open code type's, each with examples taken from the catalog (its
//! example entry, and a code it does not use).

use proc_macro2::TokenStream;

use super::literal::{doc_attributes, inner_doc};
use crate::model::Model;
use crate::output::header;
use crate::render::text::{code_span, plain_markdown};

/// The crate's README: what it offers, in the catalog's names.
pub(super) fn readme(model: &Model) -> String {
    let package = &model.package;
    format!(
        "{header}\n# {name}\n\n{description}.\n\n\
`{type_name}` names every status code with its message, and its description and solution in {languages}; \
`{code_type}` holds any code, including ones this version does not know. Where the catalog says, \
a status also tells who must act for the call to succeed and what retrying it can do. See the crate \
documentation for the API and an example.\n\n\
Features: `std` (default) implements `std::error::Error`; `serde` serializes statuses as their numeric code \
and the advice as the catalog's words.\n",
        header = header::html_comment(),
        name = package.name,
        description = plain_markdown(&package.description),
        type_name = model.names.status,
        code_type = model.names.code,
        languages = model
            .languages
            .iter()
            .map(|language| plain_markdown(&language.name))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// The crate's documentation, with an example of this catalog.
pub(super) fn crate_docs(model: &Model) -> TokenStream {
    let crate_name = &model.names.crate_path;
    let status = &model.names.status;
    let code_type = &model.names.code;
    let code_int = model.code_width.rust();
    let example = model.example();
    let lang = &model.primary().rust_variant;
    let text = format!(
        "{description}.\n\n\
[`{status}`] names every status code of the catalog, with its status message and, per\n\
language, its description and solution. [`{code_type}`] holds any status code, including\n\
codes that a newer platform returns and this version does not know, and keeps them\n\
unchanged. Where the catalog says, a status also tells who must act for the call to\n\
succeed ([`Actor`]) and what retrying it can do ([`Retry`]); each tells the version that\n\
first had it, its deprecation if any, and, where the catalog names its published pages,\n\
the URL of its documentation.\n\n\
```\n\
use {crate_name}::{{{status}, {code_type}, Lang}};\n\n\
let status = {status}::from_code({code}).unwrap();\n\
assert_eq!(status, {status}::{variant});\n\
assert_eq!(status.status_message(), {message:?});\n\
assert_eq!(status.to_string(), {display:?});\n\
assert_eq!({message:?}.parse::<{status}>(), Ok(status));\n\
let (_lang, description) = status.description_or_fallback(Lang::{lang});\n\
assert!(!description.is_empty());\n\
{unknown}```\n\n\
Generated from the status-code catalog: {languages}.",
        // A code this version does not know, if the code type holds one.
        unknown = model
            .unknown_example_code()
            .map_or_else(String::new, |unknown| format!(
                "\n// A code this version does not know is kept as it is.\n\
let newer = {code_type}::new({unknown});\n\
assert_eq!(newer.known(), None);\n\
assert_eq!({code_int}::from(newer), {unknown});\n"
            )),
        description = plain_markdown(&model.package.description),
        code = example.code,
        variant = example.names.rust_variant,
        message = example.message,
        display = format!("{} {}", example.code, example.message),
        languages = model
            .languages
            .iter()
            .map(|language| format!("{} (`{}`)", plain_markdown(&language.name), language.tag))
            .collect::<Vec<_>>()
            .join(", "),
    );
    inner_doc(&text)
}

/// The open code type's documentation, with an example of this catalog.
pub(super) fn code_type_docs(model: &Model) -> Vec<syn::Attribute> {
    let status = &model.names.status;
    let code_type = &model.names.code;
    doc_attributes(&format!(
        "Any status code an invocation can return, known to this version or not.\n\n\
Parse responses into this type: a code that a newer platform added is kept as it is and\n\
converts back to the same number, and [`known`](Self::known) tells whether this version\n\
knows it. {display}\n\n\
```\n\
use {}::{{{status}, {code_type}}};\n\n\
let code = {code_type}::from({code});\n\
assert_eq!(code.known(), Some({status}::{variant}));\n\
assert_eq!(code, {status}::{variant});\n\
```",
        model.names.crate_path,
        code = model.example().code,
        variant = model.example().names.rust_variant,
        display = displays_as(model),
    ))
}

/// How the open code type displays, shown with the catalog's example entry
/// and a code it does not use (if the code type holds one).
fn displays_as(model: &Model) -> String {
    let example = model.example();
    let known = code_span(&format!("{} {}", example.code, example.message));
    match model.unknown_example_code() {
        Some(unknown) => format!("Displays as {known}, or as `{unknown} <unknown status code>`."),
        None => format!("Displays as {known}."),
    }
}
