//! The table of lookup cases that the Rust crate's tests and the npm
//! package's tests both run, so that the two answer alike: by code, by
//! message, and the texts of each code in each language.
//!
//! The expected answers are worked out here from the catalog as written (the
//! raw YAML model, not the checked model the renderers use), by the rules the
//! README states: a lookup by message accepts aliases and answers the lowest
//! code that has it. Hand-written cases from `xtask/fixtures/lookup-cases.json`
//! (the and the README's examples, for the project's catalog) are
//! added to the generated ones.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{Runner, read, write_file};

impl Runner {
    /// Writes the lookup cases of `catalog` to `target/lookup-cases/<name>.json`
    /// and returns that path. The project's catalog gets its hand-written
    /// cases too.
    pub(super) fn lookup_cases(&self, catalog: &Path, name: &str) -> Result<PathBuf, String> {
        let out = self.root.join(format!("target/lookup-cases/{name}.json"));
        let examples =
            (catalog == self.root.join("catalog.yaml")).then(|| self.root.join(EXAMPLES));
        write_cases(catalog, examples.as_deref(), &out)?;
        Ok(out)
    }
}

/// The hand-written cases for `catalog.yaml`.
const EXAMPLES: &str = "xtask/fixtures/lookup-cases.json";

/// Writes the cases of the catalog at `catalog` to `out`, with `examples`
/// (a file of the same shape) added.
fn write_cases(catalog: &Path, examples: Option<&Path>, out: &Path) -> Result<(), String> {
    let bytes =
        std::fs::read(catalog).map_err(|error| format!("error: {}: {error}", catalog.display()))?;
    // The releases beside the catalog date each code, as gen reads them.
    let lock = codegen::release::record::read_lock(catalog.parent().unwrap_or(Path::new(".")))
        .map_err(|error| format!("error: {error}"))?;
    let mut cases = cases(&bytes, lock.as_ref())?;
    if let Some(examples) = examples {
        let examples: Value = serde_json::from_str(&read(examples)?)
            .map_err(|error| format!("error: {}: {error}", examples.display()))?;
        for list in ["codes", "messages", "texts"] {
            let added = examples[list].as_array().cloned().unwrap_or_default();
            if let Some(table) = cases[list].as_array_mut() {
                table.extend(added);
            }
        }
    }
    let text = serde_json::to_string_pretty(&cases).map_err(|error| error.to_string())?;
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|error| format!("error: {}: {error}", parent.display()))?;
    }
    write_file(out, &text)
}

fn cases(bytes: &[u8], lock: Option<&codegen::release::Lock>) -> Result<Value, String> {
    let checked = codegen::check_with(bytes, lock)
        .map_err(|_| "error: the catalog of the lookup cases is broken".to_owned())?;
    // Where each code is documented: the site's page per language, as the
    // README states the layout (`<site>/<tag>/index.html#<code>`).
    let site = catalog_site(&checked.catalog);
    let docs_urls = |code: u32| -> Value {
        checked
            .catalog
            .languages
            .iter()
            .map(|language| {
                let url = site
                    .as_ref()
                    .map(|site| format!("{site}/{}/index.html#{code}", language.tag.value));
                (language.tag.value.clone(), json!(url))
            })
            .collect::<serde_json::Map<String, Value>>()
            .into()
    };
    let catalog = &checked.catalog;
    let mut entries: Vec<&codegen::catalog::Entry> = catalog.entries.iter().collect();
    entries.sort_by_key(|entry| entry.code.value);
    let aliases = |entry: &codegen::catalog::Entry| -> Vec<String> {
        entry
            .aliases
            .iter()
            .flatten()
            .map(|alias| alias.value.clone())
            .collect()
    };

    // Codes: every entry's, its neighbours, the range's ends and beyond,
    // and every code of the range where it is short.
    let range = (catalog.codes.min.value, catalog.codes.max.value);
    let mut codes: BTreeSet<u64> = [0, u64::from(range.0), u64::from(range.1) + 1].into();
    if range.1 - range.0 <= 5_000 {
        codes.extend((range.0..=range.1).map(u64::from));
    }
    for entry in &entries {
        let code = u64::from(entry.code.value);
        codes.extend([code.saturating_sub(1), code, code + 1]);
    }
    let code_cases: Vec<Value> = codes
        .iter()
        .map(|&code| {
            match entries
                .iter()
                .find(|entry| u64::from(entry.code.value) == code)
            {
                None => json!({ "code": code, "message": null }),
                Some(entry) => {
                    let member = checked
                        .model
                        .entry(entry.code.value)
                        .map(|model| model.names.typescript_member.clone());
                    let since = checked
                        .model
                        .entry(entry.code.value)
                        .map(|model| model.since.to_string());
                    json!({
                        "code": code,
                        "member": member,
                        "whoActs": entry.who_acts.as_ref().map(|word| word.value.clone()),
                        "retry": entry.retry.as_ref().map(|word| word.value.clone()),
                        "since": since,
                        "docsUrl": docs_urls(entry.code.value),
                        "id": entry.id.value,
                        "message": entry.message.value,
                        "aliases": aliases(entry),
                        "deprecation": entry.deprecated.as_ref().map(|deprecated| {
                            let mut deprecation = json!({
                                "since": deprecated.since.value,
                                "reason": deprecated.reason.value.trim(),
                            });
                            if let Some(code) = &deprecated.replaced_by {
                                deprecation["replacedBy"] = json!(code.value);
                            }
                            deprecation
                        }),
                    })
                }
            }
        })
        .collect();

    // Messages: every message and alias, and near misses of each.
    let lowest_with = |message: &str| {
        entries
            .iter()
            .find(|entry| {
                entry.message.value == message
                    || aliases(entry).iter().any(|alias| alias == message)
            })
            .map(|entry| entry.code.value)
    };
    let mut messages: BTreeSet<String> = [String::new(), "461".to_owned()].into();
    for entry in &entries {
        for message in std::iter::once(entry.message.value.clone()).chain(aliases(entry)) {
            messages.insert(message.to_lowercase());
            messages.insert(format!("{message} "));
            messages.insert(format!(" {message}"));
            messages.insert(message);
        }
    }
    let message_cases: Vec<Value> = messages
        .iter()
        .map(|message| json!({ "message": message, "code": lowest_with(message) }))
        .collect();

    // Texts: every entry in every language, `null` where untranslated; as
    // an application shows them, with in-page links made absolute where the
    // site is known.
    let mut text_cases = Vec::new();
    for entry in &entries {
        for tag in catalog.language_tags() {
            let text = entry.text_in(tag);
            let index = checked.model.language_index(tag).unwrap_or(0);
            let shown = |markdown: &str| {
                codegen::render::text::absolute_links(&checked.model, index, markdown)
            };
            text_cases.push(json!({
                "code": entry.code.value,
                "lang": tag,
                "description": text.map(|text| shown(&text.description.value)),
                "solution": text.and_then(|text| text.solution.as_ref().map(|solution| shown(&solution.value))),
            }));
        }
    }

    // Retired codes: what a lookup of one answers.
    let retired_cases: Vec<Value> = catalog
        .retired
        .iter()
        .flatten()
        .map(|code| {
            json!({
                "code": code.code.value,
                "id": code.id.value,
                "message": code.message.value,
                "retiredIn": code.since.value,
                "reason": code.reason.value,
                "replacedBy": code.replaced_by.as_ref().map(|replacement| replacement.value),
            })
        })
        .collect();

    Ok(json!({
        "package": catalog.package.name.value,
        "retired": retired_cases,
        "statusObject": checked.model.names.status,
        "languages": catalog.language_tags().collect::<Vec<_>>(),
        "codes": code_cases,
        "messages": message_cases,
        "texts": text_cases,
    }))
}

/// The catalog's published site, without a trailing `/`, as written.
fn catalog_site(catalog: &codegen::catalog::Catalog) -> Option<String> {
    let site = catalog.package.site.as_ref()?;
    Some(site.value.trim_end_matches('/').to_owned())
}
