//! The JSON data (`data/status-codes.json`) read back the way a service in
//! another language reads it, into its own types: it holds every entry of
//! the catalog with the same code, identifier, message, aliases,
//! deprecation and texts, the advice, first release and documentation URLs
//! the model gives it, the retired codes, and nothing the catalog does not
//! say.

use std::collections::BTreeMap;

use codegen::advice::Vocabulary;
use codegen::catalog::Catalog;
use codegen::model::Model;
use pulldown_cmark::{Event, Parser, Tag};
use serde::Deserialize;

const CATALOG: &[u8] = include_bytes!("../../catalog.yaml");
const EDGE_CODES: &[u8] = include_bytes!("fixtures/edge-codes.yaml");
const WIDE_CODES: &[u8] = include_bytes!("fixtures/wide-codes.yaml");
const HOSTILE: &[u8] = include_bytes!("fixtures/hostile.yaml");
/// A published site, advice on every axis and value, in-page links.
const SITE_AND_ADVICE: &[u8] = include_bytes!("fixtures/accepted/51-site-and-advice.yaml");

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
    site: Option<String>,
    languages: Vec<Language>,
    entries: Vec<Entry>,
    retired: Vec<Retired>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Retired {
    code: u32,
    id: String,
    message: String,
    since: String,
    reason: String,
    replaced_by: Option<u32>,
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
    who_acts: Option<String>,
    retry: Option<String>,
    since: String,
    deprecation: Option<Deprecation>,
    texts: BTreeMap<String, Text>,
    docs_url: Option<BTreeMap<String, String>>,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Deprecation {
    since: String,
    reason: String,
    replaced_by: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Text {
    description: String,
    solution: Option<String>,
}

fn data_of(catalog: &[u8]) -> Data {
    serde_json::from_str(&raw_data(catalog)).expect("the data file is JSON of the documented shape")
}

/// The entries as the catalog's YAML states them, in ascending code order,
/// with what the model derives (the first release, the documentation URLs)
/// and the texts as written (see [`links_made_absolute`] for a catalog with
/// a site).
fn entries_of(catalog: &Catalog, model: &Model) -> Vec<Entry> {
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
            who_acts: entry.who_acts.as_ref().map(|word| word.value.clone()),
            retry: entry.retry.as_ref().map(|word| word.value.clone()),
            since: model.entry(entry.code.value).unwrap().since.to_string(),
            docs_url: catalog.package.site.as_ref().map(|_| {
                (0..model.languages.len())
                    .map(|index| {
                        (
                            model.languages[index].tag.clone(),
                            model.docs_url(index, entry.code.value).unwrap(),
                        )
                    })
                    .collect()
            }),
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

/// A text's Markdown as a parser reads it, its in-page links (`#433`)
/// pointing at `page` instead.
fn links_made_absolute(markdown: &str, page: &str) -> Vec<Event<'static>> {
    Parser::new(markdown)
        .map(|event| match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if dest_url.starts_with('#') => Event::Start(Tag::Link {
                link_type,
                dest_url: format!("{page}{dest_url}").into(),
                title,
                id,
            }),
            other => other,
        })
        .map(Event::into_static)
        .collect()
}

fn events(markdown: &str) -> Vec<Event<'static>> {
    Parser::new(markdown).map(Event::into_static).collect()
}

#[test]
fn the_data_holds_every_entry_of_the_catalog_as_written() {
    for source in [CATALOG, EDGE_CODES, WIDE_CODES, HOSTILE, SITE_AND_ADVICE] {
        let checked = codegen::check(source).unwrap();
        let (catalog, model) = (&checked.catalog, &checked.model);
        let data = data_of(source);
        let mut expected = entries_of(catalog, model);
        match &catalog.package.site {
            None => assert_eq!(data.entries, expected),
            Some(site) => {
                // The texts say the same, their in-page links on the
                // published page of their language.
                let site = site.trim_end_matches('/');
                for (entry, expected) in data.entries.iter().zip(&mut expected) {
                    assert_eq!(
                        entry.texts.keys().collect::<Vec<_>>(),
                        expected.texts.keys().collect::<Vec<_>>()
                    );
                    for (tag, text) in &entry.texts {
                        let page = format!("{site}/{tag}/index.html");
                        let written = &expected.texts[tag];
                        assert_eq!(
                            events(&text.description),
                            links_made_absolute(&written.description, &page),
                            "{} {tag}",
                            entry.code
                        );
                        assert_eq!(
                            text.solution.as_deref().map(events),
                            written
                                .solution
                                .as_deref()
                                .map(|solution| links_made_absolute(solution, &page)),
                            "{} {tag}",
                            entry.code
                        );
                    }
                    expected.texts.clone_from(&entry.texts);
                }
                assert_eq!(data.entries, expected);
            }
        }
        assert_eq!(data.site.as_deref(), model.package.site.as_deref());
        let retired: Vec<Retired> = model
            .retired
            .iter()
            .map(|code| Retired {
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
            .collect();
        assert_eq!(data.retired, retired);
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

#[test]
fn the_advice_is_the_vocabularys_words_and_absent_where_the_catalog_is_silent() {
    let data = data_of(CATALOG);
    let entry = |code: u32| {
        data.entries
            .iter()
            .find(|entry| entry.code == code)
            .unwrap()
    };
    // 429 says what a retry can do and not who must act.
    assert_eq!(entry(429).retry.as_deref(), Some("with_backoff"));
    assert_eq!(entry(429).who_acts, None);
    assert_eq!(entry(200).who_acts.as_deref(), Some("nobody"));
    let words = |field: &str| -> Vec<String> {
        data.entries
            .iter()
            .filter_map(|entry| match field {
                "who_acts" => entry.who_acts.clone(),
                _ => entry.retry.clone(),
            })
            .collect()
    };
    for word in words("who_acts") {
        assert!(codegen::advice::Actor::from_key(&word).is_some(), "{word}");
    }
    for word in words("retry") {
        assert!(codegen::advice::Retry::from_key(&word).is_some(), "{word}");
    }
    // The real catalog names no site: no documentation URL, texts as written.
    assert!(data.site.is_none());
    assert!(data.entries.iter().all(|entry| entry.docs_url.is_none()));
    for source in [CATALOG, SITE_AND_ADVICE] {
        let raw: serde_json::Value = serde_json::from_str(&raw_data(source)).unwrap();
        assert!(
            !holds_null(&raw),
            "a field with no value is absent, never null"
        );
    }
}

fn holds_null(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::Array(items) => items.iter().any(holds_null),
        serde_json::Value::Object(fields) => fields.values().any(holds_null),
        _ => false,
    }
}

#[test]
fn a_catalog_with_a_site_gives_every_code_its_page_in_every_language() {
    let data = data_of(SITE_AND_ADVICE);
    assert_eq!(data.site.as_deref(), Some("https://codes.example.com/scf"));
    let timeout = data.entries.iter().find(|entry| entry.code == 433).unwrap();
    assert_eq!(
        timeout.docs_url.as_ref().unwrap()["zh"],
        "https://codes.example.com/scf/zh/index.html#433"
    );
    assert_eq!(
        timeout.texts["en"].solution.as_deref(),
        Some(
            "See [the handler](https://codes.example.com/scf/en/index.html#handler \"the handler\") and [429](https://codes.example.com/scf/en/index.html#429)."
        )
    );
    // A code span is no link: as written.
    assert!(
        timeout.texts["en"]
            .description
            .contains("`[not a link](#433)`")
    );
    assert_eq!(
        data.retired,
        [Retired {
            code: 450,
            id: "Gone".into(),
            message: "Gone".into(),
            since: "0.9.0".into(),
            reason: "No longer sent.".into(),
            replaced_by: Some(433),
        }]
    );
}

fn raw_data(catalog: &[u8]) -> String {
    let (_, files) = codegen::generate(catalog).expect("the catalog is valid");
    files
        .into_iter()
        .find(|file| file.path == "data/status-codes.json")
        .expect("the data file is generated")
        .contents
}
