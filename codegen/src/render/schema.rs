//! The catalog's JSON Schema, `catalog.schema.json`, derived from the serde
//! model with schemars: the model's doc comments become the editor's
//! descriptions. The first line of `catalog.yaml` points yaml-language-server
//! at it, so that editors complete and check fields as one types.
//!
//! The schema knows the shape of the file (fields, types, simple patterns),
//! not the rules that span fields (unique codes, resolvable links,
//! translations); `crate::validate` stays the authority.

use crate::catalog::Catalog;
use crate::model::Model;
use crate::output::{GeneratedFile, RenderError, Sink, header};

/// Where the schema is written, relative to the output directory.
pub const PATH: &str = "catalog.schema.json";

pub fn render(_model: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    // Draft-07: the version every YAML editor's language server supports.
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Catalog>();
    // The generated notice first, as in every generated file.
    let mut object = serde_json::Map::new();
    object.insert("$comment".to_owned(), header::TEXT.into());
    object.insert(
        "title".to_owned(),
        "Status-code catalog (catalog.yaml)".into(),
    );
    if let serde_json::Value::Object(fields) = schema.to_value() {
        for (key, value) in fields {
            object.entry(key).or_insert(value);
        }
    }
    let mut json = serde_json::to_string_pretty(&object)
        .map_err(|error| RenderError::new(PATH, error.to_string()))?;
    json.push('\n');
    Ok(sink.put(GeneratedFile::new(PATH, json))?)
}
