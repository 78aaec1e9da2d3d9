//! The npm package: the catalog's types, and runtime values in both module
//! formats, written into `typescript/`.
//!
//! - `catalog.d.ts` declares the catalog as types only
//!   (`declarations`); every other declaration file imports it, so the
//!   texts are declared once.
//! - `index.{mjs,js}` (ES module and CommonJS) hold identifiers, codes,
//!   messages, aliases and deprecations, with `index.d.{mts,ts}`
//!   (`runtime`).
//! - one subpath per language, `<tag>/index.*`, holds that language's texts,
//!   so that an application bundles only the languages it imports, and
//!   `texts/index.*` falls back across all of them.
//!
//! Each module is written twice, as ES module and CommonJS, from one body:
//! only the imports and exports differ (`Format`). Catalog text reaches
//! these files only as string literals (`string_literal`), property names
//! (`property_name`) and comment text (`declarations::comment_text`, which
//! leaves no JSDoc tag, comment end or line break).

mod declarations;
mod runtime;

use crate::model::{Entry, Model};
use crate::output::{GeneratedFile, RenderError, Sink, header};

/// The oldest TypeScript the definitions support (tested by `cargo xtask test`).
pub const OLDEST_TYPESCRIPT: &str = "5.0";

/// The oldest Node.js the runtime claims (it uses nothing newer than
/// ES2017 and `exports` maps). `cargo xtask test` runs the runtime under
/// the Node.js pinned in `xtask/js/oldest-node`, and fails where this claim
/// is not that Node.js's major version: change both together.
const OLDEST_NODE: &str = "18";

/// The directory of the package in the output.
const DIR: &str = "typescript";

/// The subpath that falls back across languages.
const TEXTS_SUBPATH: &str = crate::naming::NPM_TEXTS_SUBPATH;

pub fn render(model: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    sink.put(GeneratedFile::new(
        format!("{DIR}/package.json"),
        package_json(model),
    ))?;
    declarations::render(model, sink)?;
    runtime::render(model, sink)
}

/// Rows made as a template iterates over them, each dropped once written,
/// rather than every row held at once: the rows of the files that grow
/// with the catalog.
struct Lazy<'a, Row>(Box<dyn Fn() -> Box<dyn Iterator<Item = Row> + 'a> + 'a>);

impl<'a, Row: 'a> Lazy<'a, Row> {
    fn new(rows: impl Fn() -> Box<dyn Iterator<Item = Row> + 'a> + 'a) -> Self {
        Lazy(Box::new(rows))
    }

    /// A row of each entry, in order, made by `view`.
    fn per_entry(model: &'a Model, view: fn(&Model, &Entry) -> Row) -> Self {
        Lazy::new(move || Box::new(model.entries.iter().map(move |entry| view(model, entry))))
    }
}

impl<'a, Row> IntoIterator for &Lazy<'a, Row> {
    type Item = Row;
    type IntoIter = Box<dyn Iterator<Item = Row> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        (self.0)()
    }
}

/// The two module formats every module of the package is written in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Format {
    Esm,
    CommonJs,
}

impl Format {
    const BOTH: [Format; 2] = [Format::Esm, Format::CommonJs];

    /// The extension of a module in this format (the package is `"type": "commonjs"`).
    fn script(self) -> &'static str {
        match self {
            Format::Esm => "mjs",
            Format::CommonJs => "js",
        }
    }

    /// The extension of its declaration file.
    fn declarations(self) -> &'static str {
        match self {
            Format::Esm => "d.mts",
            Format::CommonJs => "d.ts",
        }
    }

    /// `import * as local from "path"`, or its `require`.
    fn import(self, local: &str, path_without_extension: &str) -> String {
        match self {
            Format::Esm => format!(
                "import * as {local} from \"{path_without_extension}.{}\";\n",
                self.script()
            ),
            Format::CommonJs => format!(
                "const {local} = require(\"{path_without_extension}.{}\");\n",
                self.script()
            ),
        }
    }

    /// A module: `body` (rendered without a final newline) followed by
    /// its exports, given as `(exported name, local name)`.
    fn module(self, body: &str, names: &[(&str, &str)]) -> String {
        format!("{body}\n\n{}", self.exports(names))
    }

    fn exports(self, names: &[(&str, &str)]) -> String {
        match self {
            Format::Esm => {
                let list = names
                    .iter()
                    .map(|(exported, local)| {
                        if exported == local {
                            (*local).to_owned()
                        } else {
                            format!("{local} as {exported}")
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("export {{ {list} }};\n")
            }
            Format::CommonJs => {
                let mut out = String::new();
                for (exported, local) in names {
                    out.push_str(&format!("exports.{exported} = {local};\n"));
                }
                out
            }
        }
    }
}

/// The module `<subpath>/index` (or `index` for the main entry) in `format`,
/// and its declarations: the paths of both in the output.
fn module_paths(subpath: Option<&str>, format: Format) -> (String, String) {
    let stem = match subpath {
        Some(subpath) => format!("{DIR}/{subpath}/index"),
        None => format!("{DIR}/index"),
    };
    (
        format!("{stem}.{}", format.script()),
        format!("{stem}.{}", format.declarations()),
    )
}

/// Every subpath of the package but the main entry: one per language, then
/// the fallback across them.
fn subpaths(model: &Model) -> Vec<&str> {
    model
        .languages
        .iter()
        .map(|language| language.tag.as_str())
        .chain([TEXTS_SUBPATH])
        .collect()
}

fn package_json(model: &Model) -> String {
    let package = &model.package;
    let repository = package
        .repository
        .as_ref()
        .map(|url| format!("  \"repository\": {},\n", string_literal(url)))
        .unwrap_or_default();
    let export = |key: &str, subpath: Option<&str>| {
        let [(esm, esm_types), (cjs, cjs_types)] =
            Format::BOTH.map(|format| module_paths(subpath, format));
        let relative = |path: String| format!("./{}", &path[DIR.len() + 1..]);
        format!(
            "    {key}: {{\n      \"import\": {{\n        \"types\": \"{}\",\n        \"default\": \"{}\"\n      }},\n      \"require\": {{\n        \"types\": \"{}\",\n        \"default\": \"{}\"\n      }}\n    }},\n",
            relative(esm_types),
            relative(esm),
            relative(cjs_types),
            relative(cjs),
        )
    };
    let mut exports = export("\".\"", None);
    let mut files = vec!["catalog.d.ts".to_owned()];
    for format in Format::BOTH {
        files.push(format!("index.{}", format.script()));
        files.push(format!("index.{}", format.declarations()));
    }
    for subpath in subpaths(model) {
        exports.push_str(&export(
            &string_literal(&format!("./{subpath}")),
            Some(subpath),
        ));
        files.push(format!("{subpath}/"));
    }
    files.sort();
    format!(
        r#"{{
  "//": {generated},
  "name": {name},
  "version": {version},
  "description": {description},
  "license": {license},
{repository}  "keywords": [{keywords}],
  "type": "commonjs",
  "main": "./index.js",
  "types": "./index.d.ts",
  "exports": {{
{exports}    "./package.json": "./package.json"
  }},
  "sideEffects": false,
  "engines": {{
    "node": ">={OLDEST_NODE}"
  }},
  "files": [{files}],
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
        keywords = literal_list(&package.keywords),
        files = literal_list(&files),
    )
}

/// A property name: bare where it is an identifier (`en`), quoted otherwise
/// (`"zh-hant"`).
fn property_name(name: &str) -> String {
    // `__proto__: value` would set the object's prototype, quoted or not.
    if name == "__proto__" {
        return "[\"__proto__\"]".to_owned();
    }
    let identifier = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if identifier {
        name.to_owned()
    } else {
        string_literal(name)
    }
}

/// String literals separated by `, `: the inside of an array.
fn literal_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| string_literal(item))
        .collect::<Vec<_>>()
        .join(", ")
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
                || super::text::is_bidi_control(c) =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
