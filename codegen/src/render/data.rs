//! The catalog as JSON data, `data/status-codes.json`, for services in any
//! language, and the JSON Schema of that file, `data/status-codes.schema.json`,
//! derived with schemars from the same types that write it, so the two
//! cannot disagree.
//!
//! The file is the checked model, not the YAML: codes in ascending order,
//! texts per language (a language without a translation is absent), each
//! code's advice as the vocabulary's words ([`crate::advice`]; absent where
//! the catalog does not say), the version that first released it, and,
//! where the catalog says where the site is, its documentation URL per
//! language, with the texts' in-page links (`#433`, `#handler`) made
//! absolute against that language's page, since a service shows them away
//! from it. None of the catalog's page wording or comments.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::advice::{Actor, Retry, Vocabulary};
use crate::model::{Entry, Model};
use crate::output::{GeneratedFile, RenderError, Sink, header};
use crate::render::text::absolute_links;

/// Where the data is written, relative to the output directory.
pub const PATH: &str = "data/status-codes.json";

/// Where its schema is written.
pub const SCHEMA_PATH: &str = "data/status-codes.schema.json";

// The schema is exact: no field it does not list (`deny_unknown_fields`,
// which only schemars reads here), and a field the writer omits is absent,
// never `null` (`default` and `with` tell schemars so).

/// The status codes of one version of the catalog.
#[derive(Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Status codes (data/status-codes.json)")]
pub struct Data<'a> {
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
    /// Where the reference site is published (no trailing `/`), if the
    /// catalog says; each entry's `docs_url` is on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub site: Option<String>,
    /// The languages of the texts, in fallback order: where a text is
    /// missing in one, show the first of these that has it.
    pub languages: Vec<DataLanguage>,
    /// Every status code, in ascending order.
    #[schemars(with = "Vec<DataEntry>")]
    pub entries: Entries<'a>,
    /// Codes no longer in the catalog, in ascending order: never reused,
    /// and a service may still receive them from old platforms.
    pub retired: Vec<DataRetired>,
}

/// The model's entries as [`DataEntry`]s, each made as it is serialized:
/// never all of them at once (at 100,000 entries they would be a copy of
/// every text).
pub struct Entries<'a>(&'a Model);

impl Serialize for Entries<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        serializer.collect_seq(model.entries.iter().map(|entry| data_entry(model, entry)))
    }
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
    /// Who must act for the call to succeed; absent where the catalog does
    /// not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", transform = vocabulary::<Actor>)]
    pub who_acts: Option<Actor>,
    /// What retrying the same call can do; absent where the catalog does
    /// not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String", transform = vocabulary::<Retry>)]
    pub retry: Option<Retry>,
    /// The version of the packages that first released the code (or the
    /// version being prepared, for a code not released yet).
    pub since: String,
    /// Present where consumers should stop relying on the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "DataDeprecation")]
    pub deprecation: Option<DataDeprecation>,
    /// The texts by language tag; a language without a translation is absent.
    pub texts: BTreeMap<String, DataText>,
    /// Where the code is documented, by language tag (every language's
    /// page has every code); absent where the catalog does not say where
    /// the site is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "BTreeMap<String, String>")]
    pub docs_url: Option<BTreeMap<String, String>>,
}

/// A code removed from the catalog.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataRetired {
    /// The numeric status code.
    #[schemars(range(max = 4_294_967_295u32))]
    pub code: u32,
    /// The identifier it had.
    pub id: String,
    /// The status message it had.
    pub message: String,
    /// The version that retired it.
    pub since: String,
    /// Why, in plain text.
    pub reason: String,
    /// The code to use instead, if any (an entry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u32", range(max = 4_294_967_295u32))]
    pub replaced_by: Option<u32>,
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
    /// What the code means, as Markdown (CommonMark with tables). Its
    /// in-page links are absolute where the file has a `site`.
    pub description: String,
    /// What to do about it, as Markdown, links as in `description`; absent
    /// where nothing needs doing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub solution: Option<String>,
}

pub fn render(model: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
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
        site: model.package.site.clone(),
        entries: Entries(model),
        retired: model
            .retired
            .iter()
            .map(|code| DataRetired {
                code: code.code,
                id: code.id.clone(),
                message: code.message.clone(),
                since: code.since.to_string(),
                reason: code.reason.clone(),
                replaced_by: code
                    .replaced_by
                    .as_ref()
                    .map(|replacement| replacement.code),
            })
            .collect(),
    };
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Data<'static>>();
    let mut schema_object = serde_json::Map::new();
    schema_object.insert("$comment".to_owned(), header::TEXT.into());
    if let serde_json::Value::Object(fields) = schema.to_value() {
        schema_object.extend(fields);
    }
    // As long as the catalog: written on as it is serialised.
    sink.put_streamed(PATH, &mut |into| {
        serde_json::to_writer_pretty(&mut *into, &data)
            .map_err(|error| RenderError::new(PATH, error.to_string()))?;
        into.write_all(b"\n")
            .map_err(|error| RenderError::writing(PATH, &error))
    })?;
    drop(data);
    sink.put(GeneratedFile::new(
        SCHEMA_PATH,
        pretty_json(SCHEMA_PATH, &schema_object)?,
    ))?;
    Ok(())
}

/// A field holding a word of a vocabulary: its words as the field's enum,
/// and what each means after the field's description.
fn vocabulary<V: Vocabulary>(schema: &mut schemars::Schema) {
    let meanings: Vec<String> = V::ALL
        .iter()
        .map(|value| format!("`{}`: {}", value.key(), value.meaning()))
        .collect();
    let meanings = format!("One of: {}", meanings.join(" "));
    let description = match schema.get("description").and_then(|text| text.as_str()) {
        Some(text) => format!("{text} {meanings}"),
        None => meanings,
    };
    schema.insert("description".to_owned(), description.into());
    schema.insert("enum".to_owned(), V::keys().into());
}

fn pretty_json(path: &str, value: &impl Serialize) -> Result<String, RenderError> {
    let mut json = serde_json::to_string_pretty(value)
        .map_err(|error| RenderError::new(path, error.to_string()))?;
    json.push('\n');
    Ok(json)
}

/// An entry as the JSON data holds it.
fn data_entry(model: &Model, entry: &Entry) -> DataEntry {
    DataEntry {
        code: entry.code,
        id: entry.id.clone(),
        message: entry.message.clone(),
        aliases: entry.aliases.clone(),
        who_acts: entry.who_acts,
        retry: entry.retry,
        since: entry.since.to_string(),
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
            .enumerate()
            .filter_map(|(index, (language, text))| {
                let text = text.as_ref()?;
                let links = |markdown: &str| absolute_links(model, index, markdown);
                Some((
                    language.tag.clone(),
                    DataText {
                        description: links(&text.description),
                        solution: text.solution.as_deref().map(links),
                    },
                ))
            })
            .collect(),
        docs_url: model.package.site.as_ref().map(|_| {
            model
                .languages
                .iter()
                .enumerate()
                .filter_map(|(index, language)| {
                    Some((language.tag.clone(), model.docs_url(index, entry.code)?))
                })
                .collect()
        }),
    }
}
