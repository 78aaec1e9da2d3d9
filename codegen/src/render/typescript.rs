//! The TypeScript types package: `index.d.ts` from
//! `templates/definitions.d.ts`, and its `package.json`.
//!
//! The definitions are types only (no `enum`, no `const`), so they need no
//! JavaScript beside them and type-check under `isolatedModules`,
//! `verbatimModuleSyntax` and `erasableSyntaxOnly`. Catalog text reaches the
//! file only through `string_literal` and `doc_comment_line`.

use askama::Template;
use pulldown_cmark::{Event, Parser, Tag};

use super::{GeneratedFile, RenderError, header};
use crate::model::{Entry, Model, Text};

/// The oldest TypeScript the definitions support (tested by `cargo xtask test`).
pub const OLDEST_TYPESCRIPT: &str = "5.0";

pub fn render(model: &Model) -> Result<Vec<GeneratedFile>, RenderError> {
    let example = model.example();
    let template = DefinitionsTemplate {
        header: header::slashes(),
        type_name: model.names.status.clone(),
        language_doc: model
            .languages
            .iter()
            .map(|language| {
                format!(
                    "`{}` {}",
                    language.tag,
                    super::plain_markdown(&language.name)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
            .replace("*/", "*\\/"),
        lang_union: model
            .languages
            .iter()
            .map(|language| string_literal(&language.tag))
            .collect::<Vec<_>>()
            .join(" | "),
        example_code: example.code,
        example_message: string_literal(&example.message).replace("*/", "*\\/"),
        entries: model
            .entries
            .iter()
            .map(|entry| entry_view(model, entry))
            .collect(),
    };
    let path = "typescript/index.d.ts";
    let definitions = template
        .render()
        .map_err(|error| RenderError::new(path, error.to_string()))?;
    // The same declarations twice: Node and TypeScript read `.d.ts` as
    // CommonJS and `.d.mts` as ESM, and the package serves each to its kind
    // of importer, so neither sees the other's module format.
    Ok(vec![
        GeneratedFile::new("typescript/package.json", package_json(model)),
        GeneratedFile::new("typescript/index.d.mts", definitions.clone()),
        GeneratedFile::new(path, definitions),
    ])
}

#[derive(Template)]
#[template(path = "definitions.d.ts", escape = "none")]
struct DefinitionsTemplate {
    header: String,
    type_name: String,
    language_doc: String,
    lang_union: String,
    example_code: u32,
    example_message: String,
    entries: Vec<EntryView>,
}

struct EntryView {
    code: u32,
    id: String,
    id_key: String,
    message: String,
    aliases: String,
    description: String,
    solution: String,
    /// Lines of the JSDoc comment, each starting with a space (or empty).
    doc: Vec<String>,
}

fn entry_view(model: &Model, entry: &Entry) -> EntryView {
    let per_language = |pick: fn(&Text) -> Option<&str>| {
        model
            .languages
            .iter()
            .enumerate()
            .map(|(index, language)| {
                let key = property_name(&language.tag);
                match entry.text(index).and_then(pick) {
                    Some(text) => format!("readonly {key}: {};", string_literal(text)),
                    None => format!("readonly {key}?: never;"),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    EntryView {
        code: entry.code,
        id: string_literal(&entry.id),
        id_key: entry.names.typescript_member.clone(),
        message: string_literal(&entry.message),
        aliases: entry
            .aliases
            .iter()
            .map(|alias| string_literal(alias))
            .collect::<Vec<_>>()
            .join(", "),
        description: per_language(|text| Some(text.description.as_str())),
        solution: per_language(|text| text.solution.as_deref()),
        doc: entry_doc(model, entry),
    }
}

/// The shared entry documentation, line by line, and every http(s) link of
/// the entry's texts as `@see`.
fn entry_doc(model: &Model, entry: &Entry) -> Vec<String> {
    let text = super::entry_doc(model, entry);
    let mut links: Vec<(String, String)> = entry
        .texts
        .iter()
        .flatten()
        .flat_map(|texts| {
            std::iter::once(texts.description.as_str()).chain(texts.solution.as_deref())
        })
        .flat_map(http_links)
        .collect();
    let mut lines: Vec<String> = text.lines().map(doc_comment_line).collect();
    let mut seen = std::collections::BTreeSet::new();
    links.retain(|(_, url)| seen.insert(url.clone()));
    for (label, url) in links {
        lines.push(doc_comment_line(&format!("@see {url} {label}")));
    }
    if let Some(deprecation) = &entry.deprecation {
        let replacement = deprecation
            .replaced_by
            .as_ref()
            .map(|replacement| format!(" Use {} instead.", replacement.code))
            .unwrap_or_default();
        lines.push(doc_comment_line(&format!(
            "@deprecated since {}: {}{replacement}",
            deprecation.since, deprecation.reason
        )));
    }
    lines
}

/// The http(s) links of a Markdown text, with their link text.
fn http_links(markdown: &str) -> Vec<(String, String)> {
    let mut links = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("http") => {
                open = Some((String::new(), dest_url.to_string()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((label, _)) = &mut open {
                    label.push_str(&text);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Link) => links.extend(open.take()),
            _ => {}
        }
    }
    links
}

/// One line inside a `/** … */` comment, as ` text`: nothing in it may end
/// the comment or start a JSDoc tag by accident.
fn doc_comment_line(line: &str) -> String {
    let mut safe = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            // Line terminators would end the comment line early; other
            // controls are invisible.
            '\u{2028}' | '\u{2029}' | '\u{85}' => safe.push(' '),
            c if c.is_control() => safe.push(' '),
            c if super::is_bidi_control(c) => safe.push_str(&format!("\\u{:04X}", c as u32)),
            c => safe.push(c),
        }
    }
    if safe.contains("*/") {
        safe = safe.replace("*/", "*\\/");
    }
    let trimmed = safe.trim_start();
    if trimmed.starts_with('@') && !line.starts_with("@see ") && !line.starts_with("@deprecated ") {
        safe = safe.replacen('@', "\\@", 1);
    }
    if safe.trim().is_empty() {
        String::new()
    } else {
        format!(" {safe}")
    }
}

fn package_json(model: &Model) -> String {
    let package = &model.package;
    let keywords = package
        .keywords
        .iter()
        .map(|keyword| string_literal(keyword))
        .collect::<Vec<_>>()
        .join(", ");
    let repository = package
        .repository
        .as_ref()
        .map(|url| format!("  \"repository\": {},\n", string_literal(url)))
        .unwrap_or_default();
    format!(
        r#"{{
  "//": {generated},
  "name": {name},
  "version": {version},
  "description": {description},
  "license": {license},
{repository}  "keywords": [{keywords}],
  "type": "commonjs",
  "types": "./index.d.ts",
  "exports": {{
    ".": {{
      "import": {{
        "types": "./index.d.mts"
      }},
      "require": {{
        "types": "./index.d.ts"
      }}
    }},
    "./package.json": "./package.json"
  }},
  "files": [
    "index.d.mts",
    "index.d.ts"
  ],
  "peerDependencies": {{
    "typescript": ">={OLDEST_TYPESCRIPT}"
  }},
  "peerDependenciesMeta": {{
    "typescript": {{
      "optional": true
    }}
  }}
}}
"#,
        generated = string_literal(header::TEXT),
        name = string_literal(&package.name),
        version = string_literal(&package.version.to_string()),
        description = string_literal(&package.description),
        license = string_literal(&package.license),
    )
}

/// A property name: bare where it is an identifier (`en`), quoted otherwise
/// (`"zh-hant"`).
fn property_name(name: &str) -> String {
    let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        name.to_owned()
    } else {
        string_literal(name)
    }
}

/// A double-quoted string literal valid in both JSON and TypeScript.
pub(crate) fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Line terminators in JavaScript, and invisible controls.
            c if c.is_control()
                || c == '\u{2028}'
                || c == '\u{2029}'
                || super::is_bidi_control(c) =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
