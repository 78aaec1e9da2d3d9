//! The JSON data (`data/status-codes.json`) read back the way a service in
//! another language reads it, into its own types: it holds every entry of
//! the catalog with the same code, identifier, message, aliases,
//! deprecation and texts, and nothing the catalog does not say.

use std::collections::BTreeMap;

use codegen::catalog::Catalog;
use serde::Deserialize;

const CATALOG: &[u8] = include_bytes!("../../catalog.yaml");
const EDGE_CODES: &[u8] = include_bytes!("fixtures/edge-codes.yaml");
const WIDE_CODES: &[u8] = include_bytes!("fixtures/wide-codes.yaml");
const HOSTILE: &[u8] = include_bytes!("fixtures/hostile.yaml");

/// The file as a consumer declares it, unknown fields refused so that the
/// test notices anything new.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    #[serde(rename = "//")]
    _generated: String,
    #[serde(rename = "$schema")]
    schema: String,
    package: String,
    version: String,
    languages: Vec<Language>,
    entries: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Language {
    tag: String,
    name: String,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: u32,
    id: String,
    message: String,
    aliases: Vec<String>,
    deprecation: Option<Deprecation>,
    texts: BTreeMap<String, Text>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Deprecation {
    since: String,
    reason: String,
    replaced_by: Option<u32>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    description: String,
    solution: Option<String>,
}

fn data_of(catalog: &[u8]) -> Data {
    let (_, files) = codegen::generate(catalog).expect("the catalog is valid");
    let file = files
        .iter()
        .find(|file| file.path == "data/status-codes.json")
        .expect("the data file is generated");
    serde_json::from_str(&file.contents).expect("the data file is JSON of the documented shape")
}

/// The entries as the catalog's YAML states them, in ascending code order.
fn entries_of(catalog: &Catalog) -> Vec<Entry> {
    let mut entries: Vec<Entry> = catalog
        .entries
        .iter()
        .map(|entry| Entry {
            code: entry.code.value,
            id: entry.id.value.clone(),
            message: entry.message.value.clone(),
            aliases: entry
                .aliases
                .iter()
                .flatten()
                .map(|alias| alias.value.clone())
                .collect(),
            deprecation: entry.deprecated.as_ref().map(|deprecated| Deprecation {
                since: deprecated.since.value.clone(),
                reason: deprecated.reason.value.trim().to_owned(),
                replaced_by: deprecated.replaced_by.as_ref().map(|code| code.value),
            }),
            texts: entry
                .text
                .iter()
                .map(|(tag, text)| {
                    (
                        tag.value.clone(),
                        Text {
                            description: text.description.value.clone(),
                            solution: text.solution.as_ref().map(|text| text.value.clone()),
                        },
                    )
                })
                .collect(),
        })
        .collect();
    entries.sort_by_key(|entry| entry.code);
    entries
}

#[test]
fn the_data_holds_every_entry_of_the_catalog_as_written() {
    for source in [CATALOG, EDGE_CODES, WIDE_CODES, HOSTILE] {
        let catalog = codegen::load_catalog(source).unwrap();
        let data = data_of(source);
        assert_eq!(data.entries, entries_of(&catalog));
        assert_eq!(data.package, catalog.package.name.value);
        assert_eq!(data.version, catalog.package.version.value);
        assert_eq!(data.schema, "./status-codes.schema.json");
        let languages: Vec<(&str, &str)> = data
            .languages
            .iter()
            .map(|language| (language.tag.as_str(), language.name.as_str()))
            .collect();
        let declared: Vec<(&str, &str)> = catalog
            .languages
            .iter()
            .map(|language| (language.tag.as_str(), language.name.as_str()))
            .collect();
        assert_eq!(languages, declared);
    }
}

#[test]
fn the_real_catalog_has_thirty_codes_with_their_texts_in_the_data() {
    let data = data_of(CATALOG);
    assert_eq!(data.entries.len(), 30);
    let timeout = data.entries.iter().find(|entry| entry.code == 433).unwrap();
    assert_eq!(timeout.message, "TimeLimitReached");
    assert!(timeout.texts["en"].description.contains("times out"));
    assert!(timeout.texts["zh"].description.contains("超时"));
    let exit = data.entries.iter().find(|entry| entry.code == 439).unwrap();
    assert_eq!(exit.aliases, ["User preocess exit when running"]);
    // 440 has no Chinese text: absent, not filled in.
    let degraded = data.entries.iter().find(|entry| entry.code == 440).unwrap();
    assert!(!degraded.texts.contains_key("zh"));
}
