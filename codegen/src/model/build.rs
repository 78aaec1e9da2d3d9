//! The model built from a catalog that passed validation: every choice
//! [`super`] describes, made once.

use super::{
    AdviceWords, Columns, ConceptSection, Concepts, Deprecation, Entry, EntryNames, History,
    Language, Model, Names, Package, Page, Replacement, Retired, Text, Unchecked, Width,
};
use crate::advice::Vocabulary;
use crate::catalog::{self, Catalog};
use crate::naming;
use crate::version::Version;

/// The model of a catalog that passed [`crate::validate::validate`].
pub fn build(catalog: &Catalog, history: &History) -> Result<Model, Unchecked> {
    let package = &catalog.package;
    let version = |text: &catalog::Located<String>| {
        text.parse::<Version>()
            .map_err(|error| Unchecked(error.to_string()))
    };
    // Each code's first release; a code not yet released comes with the
    // version being prepared.
    let first_released = |code: u32| -> Version {
        *history
            .first_released
            .get(&code)
            .unwrap_or(&history.prepared)
    };
    let languages = catalog
        .languages
        .iter()
        .map(|language| {
            let page = catalog
                .page(&language.tag)
                .ok_or_else(|| Unchecked(format!("language `{}` has no page", language.tag)))?;
            Ok(Language {
                tag: language.tag.value.clone(),
                name: language.name.value.clone(),
                required: language
                    .required
                    .as_ref()
                    .is_some_and(|required| required.value),
                rust_variant: naming::rust_language_variant(&language.tag),
                page: page_model(page),
            })
        })
        .collect::<Result<Vec<_>, Unchecked>>()?;
    let mut sources: Vec<&catalog::Entry> = catalog.entries.iter().collect();
    sources.sort_by_key(|entry| entry.code.value);
    // The entry a deprecated or retired code points readers to.
    let replacement_of = |code: u32| {
        let other = sources
            .iter()
            .find(|other| other.code.value == code)
            .ok_or_else(|| Unchecked(format!("replaced_by {code}: no such entry")))?;
        Ok(Replacement {
            code: other.code.value,
            id: other.id.value.clone(),
            rust_variant: naming::rust_variant(&other.id),
        })
    };
    let entries = sources
        .iter()
        .map(|entry| {
            let deprecation = match &entry.deprecated {
                None => None,
                Some(deprecation) => Some(Deprecation {
                    since: version(&deprecation.since)?,
                    reason: deprecation.reason.trim().to_owned(),
                    replaced_by: match &deprecation.replaced_by {
                        None => None,
                        Some(code) => Some(replacement_of(code.value)?),
                    },
                }),
            };
            Ok(Entry {
                code: entry.code.value,
                since: first_released(entry.code.value),
                id: entry.id.value.clone(),
                names: EntryNames {
                    rust_variant: naming::rust_variant(&entry.id),
                    typescript_member: naming::typescript_member(&entry.id),
                },
                message: entry.message.value.clone(),
                aliases: entry
                    .aliases()
                    .iter()
                    .map(|alias| alias.value.clone())
                    .collect(),
                texts: catalog
                    .languages
                    .iter()
                    .map(|language| {
                        entry.text_in(&language.tag).map(|text| {
                            Text::new(
                                text.description.value.clone(),
                                text.solution
                                    .as_ref()
                                    .map(|solution| solution.value.clone()),
                            )
                        })
                    })
                    .collect(),
                deprecation,
                who_acts: entry.who_acts.as_ref().map(advice).transpose()?,
                retry: entry.retry.as_ref().map(advice).transpose()?,
            })
        })
        .collect::<Result<Vec<_>, Unchecked>>()?;
    if entries.is_empty() || languages.is_empty() {
        return Err(Unchecked(
            "a catalog needs at least one entry and one language".to_owned(),
        ));
    }
    let mut retired = catalog
        .retired
        .iter()
        .flatten()
        .map(|code| {
            Ok(Retired {
                code: code.code.value,
                id: code.id.value.clone(),
                message: code.message.value.clone(),
                since: version(&code.since)?,
                reason: code.reason.value.clone(),
                replaced_by: match &code.replaced_by {
                    None => None,
                    Some(replacement) => Some(replacement_of(replacement.value)?),
                },
            })
        })
        .collect::<Result<Vec<_>, Unchecked>>()?;
    retired.sort_by_key(|code| code.code);
    Ok(Model {
        package: Package {
            name: package.name.value.clone(),
            version: version(&package.version)?,
            description: package.description.value.clone(),
            license: package.license.value.clone(),
            repository: package.repository.as_ref().map(|url| url.value.clone()),
            site: package
                .site
                .as_ref()
                .map(|url| url.trim_end_matches('/').to_owned()),
            keywords: package
                .keywords
                .iter()
                .map(|keyword| keyword.value.clone())
                .collect(),
            categories: package
                .categories
                .iter()
                .map(|category| category.value.clone())
                .collect(),
        },
        names: Names {
            crate_path: package.name.replace('-', "_"),
            status: naming::status_type(&package.type_name),
            code: naming::code_type(&package.type_name),
        },
        code_width: Width::holding(u64::from(catalog.codes.max.value)),
        index_width: if entries.len() < usize::from(u16::MAX) {
            Width::U16
        } else {
            Width::U32
        },
        languages,
        entries,
        retired,
    })
}

fn page_model(page: &catalog::Page) -> Page {
    Page {
        title: page.title.value.clone(),
        intro: page.intro.value.clone(),
        columns: Columns {
            status: page.columns.status.value.clone(),
            description: page.columns.description.value.clone(),
            solution: page.columns.solution.value.clone(),
        },
        untranslated: page.untranslated.value.clone(),
        other_language: page.other_language.value.clone(),
        deprecated: label(&page.deprecated, "Deprecated"),
        since: label(&page.since, "Since"),
        retired: label(&page.retired, "Retired codes"),
        retired_in: label(&page.retired_in, "Retired in"),
        filter: label(&page.filter, "Filter by code, name or words"),
        copy_link: label(&page.copy_link, "Copy the link to"),
        link_copied: label(&page.link_copied, "Link copied"),
        copy_failed: label(&page.copy_failed, "Could not copy the link"),
        filter_count: label(&page.filter_count, "Matching codes: {count}"),
        filter_none: label(&page.filter_none, "No code matches"),
        advice: advice_words(
            page.advice
                .as_ref()
                .unwrap_or(&catalog::AdviceWords::default()),
        ),
        concepts: Concepts {
            heading: page.concepts.heading.value.clone(),
            sections: page
                .concepts
                .sections
                .iter()
                .map(|section| ConceptSection {
                    anchor: section.anchor.value.clone(),
                    title: section.title.value.clone(),
                    body: section.body.value.clone(),
                })
                .collect(),
        },
    }
}

/// A page's words for the advice, each the catalog's or the English default.
fn advice_words(words: &catalog::AdviceWords) -> AdviceWords {
    AdviceWords {
        who_acts: label(&words.who_acts, "Who must act:"),
        nobody: label(&words.nobody, "nobody"),
        caller: label(&words.caller, "the caller"),
        function: label(&words.function, "the function's owner"),
        account: label(&words.account, "the account's owner"),
        platform: label(&words.platform, "the platform"),
        retry: label(&words.retry, "Retry:"),
        not_needed: label(&words.not_needed, "not needed"),
        with_backoff: label(&words.with_backoff, "may succeed later, with backoff"),
        after_fix: label(&words.after_fix, "only after a fix"),
        caller_decides: label(&words.caller_decides, "the caller decides"),
        retry_helps: label(&words.retry_helps, "Only codes a retry can help"),
    }
}

/// An optional label: the catalog's words, or the English default.
fn label(words: &Option<catalog::Located<String>>, default: &str) -> String {
    words
        .as_ref()
        .map_or_else(|| default.to_owned(), |words| words.value.clone())
}

/// A word of a vocabulary, which validation checked.
fn advice<V: Vocabulary>(word: &catalog::Located<String>) -> Result<V, Unchecked> {
    V::from_key(word).ok_or_else(|| Unchecked(format!("`{}` is no {}", word.value, V::FIELD)))
}
