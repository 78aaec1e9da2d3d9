//! The catalog as JSON data, `data/status-codes.json`, for services in any
//! language, and the JSON Schema of that file, `data/status-codes.schema.json`,
//! derived with schemars from the same types that write it, so the two
//! cannot disagree.
//!
//! The file is the checked model, not the YAML: codes in ascending order,
//! texts per language (a language without a translation is absent), and
//! none of the catalog's page wording or comments.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Model;
use crate::output::{GeneratedFile, RenderError, header};

/// Where the data is written, relative to the output directory.
pub const PATH: &str = "data/status-codes.json";

/// Where its schema is written.
pub const SCHEMA_PATH: &str = "data/status-codes.schema.json";

// The schema is exact: no field it does not list (`deny_unknown_fields`,
// which only schemars reads here), and a field the writer omits is absent,
// never `null` (`default` and `with` tell schemars so).

/// The status codes of one version of the catalog.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Status codes (data/status-codes.json)")]
pub struct Data {
    /// The notice that the file is generated.
    #[serde(rename = "//")]
    pub generated: String,
    /// The schema of this file, relative to it.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The name of the generated packages (crate and npm package).
    pub package: String,
    /// The version of the catalog this file belongs to (`MAJOR.MINOR.PATCH`).
    pub version: String,
    /// The languages of the texts, in fallback order: where a text is
    /// missing in one, show the first of these that has it.
    pub languages: Vec<DataLanguage>,
    /// Every status code, in ascending order.
    pub entries: Vec<DataEntry>,
}

/// A language of the texts.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataLanguage {
    /// Its tag, the key of its texts in each entry (`en`, `zh`).
    pub tag: String,
    /// Its name, in that language.
    pub name: String,
}

/// One status code.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataEntry {
    /// The numeric status code.
    #[schemars(range(max = 4_294_967_295u32))]
    pub code: u32,
    /// The identifier, UpperCamelCase, unique in the catalog.
    pub id: String,
    /// The status message exactly as the platform returns it. Several codes
    /// may share one; a lookup by message answers the lowest.
    pub message: String,
    /// Other spellings of the message the platform has used, accepted by
    /// lookups.
    pub aliases: Vec<String>,
    /// Present where consumers should stop relying on the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DataDeprecation")]
    pub deprecation: Option<DataDeprecation>,
    /// The texts by language tag; a language without a translation is absent.
    pub texts: BTreeMap<String, DataText>,
}

/// Why and since when a code is deprecated.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataDeprecation {
    /// The version that deprecated it.
    pub since: String,
    /// Why, in one sentence of plain text.
    pub reason: String,
    /// The code to use instead, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u32", range(max = 4_294_967_295u32))]
    pub replaced_by: Option<u32>,
}

/// An entry's texts in one language.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataText {
    /// What the code means, as Markdown (CommonMark with tables).
    pub description: String,
    /// What to do about it, as Markdown; absent where nothing needs doing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub solution: Option<String>,
}

pub fn render(model: &Model) -> Result<Vec<GeneratedFile>, RenderError> {
    let schema_name = SCHEMA_PATH.rsplit('/').next().unwrap_or(SCHEMA_PATH);
    let data = Data {
        schema: format!("./{schema_name}"),
        generated: header::TEXT.to_owned(),
        package: model.package.name.clone(),
        version: model.package.version.to_string(),
        languages: model
            .languages
            .iter()
            .map(|language| DataLanguage {
                tag: language.tag.clone(),
                name: language.name.clone(),
            })
            .collect(),
        entries: model
            .entries
            .iter()
            .map(|entry| DataEntry {
                code: entry.code,
                id: entry.id.clone(),
                message: entry.message.clone(),
                aliases: entry.aliases.clone(),
                deprecation: entry
                    .deprecation
                    .as_ref()
                    .map(|deprecation| DataDeprecation {
                        since: deprecation.since.to_string(),
                        reason: deprecation.reason.clone(),
                        replaced_by: deprecation
                            .replaced_by
                            .as_ref()
                            .map(|replacement| replacement.code),
                    }),
                texts: model
                    .languages
                    .iter()
                    .zip(&entry.texts)
                    .filter_map(|(language, text)| {
                        let text = text.as_ref()?;
                        Some((
                            language.tag.clone(),
                            DataText {
                                description: text.description.clone(),
                                solution: text.solution.clone(),
                            },
                        ))
                    })
                    .collect(),
            })
            .collect(),
    };
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Data>();
    let mut schema_object = serde_json::Map::new();
    schema_object.insert("$comment".to_owned(), header::TEXT.into());
    if let serde_json::Value::Object(fields) = schema.to_value() {
        schema_object.extend(fields);
    }
    Ok(vec![
        GeneratedFile::new(PATH, pretty_json(PATH, &data)?),
        GeneratedFile::new(SCHEMA_PATH, pretty_json(SCHEMA_PATH, &schema_object)?),
    ])
}

fn pretty_json(path: &str, value: &impl Serialize) -> Result<String, RenderError> {
    let mut json = serde_json::to_string_pretty(value)
        .map_err(|error| RenderError::new(path, error.to_string()))?;
    json.push('\n');
    Ok(json)
}
