//! `explain`: which entry a query names (by code, identifier, or message or
//! alias, as the generated lookups answer), or the nearest ones.

use super::{CommandError, Outcome, Sources};
use crate::model::{Entry, Model, Retired};
use crate::release::record::FileError;

/// The answer to a query, with the model it refers to.
#[derive(Debug)]
pub struct Explanation {
    /// The query as asked.
    pub query: String,
    pub model: Model,
    /// The language to show, as an index of [`Model::languages`].
    pub language: usize,
    pub found: Found,
    /// `catalog.lock` could not be read: the entry is explained without the
    /// versions only the lock knows.
    pub lock_error: Option<FileError>,
}

/// What a query names, as indexes into the model's lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Entry(usize),
    /// A retired code (services may still receive it).
    Retired(usize),
    /// Nothing: up to three entries nearest to the query.
    Unknown {
        nearest: Vec<usize>,
    },
}

impl Explanation {
    pub fn entry(&self) -> Option<&Entry> {
        match self.found {
            Found::Entry(index) => self.model.entries.get(index),
            _ => None,
        }
    }

    pub fn retired(&self) -> Option<&Retired> {
        match self.found {
            Found::Retired(index) => self.model.retired.get(index),
            _ => None,
        }
    }
}

/// Finds what `query` names, to be shown in `lang` (or the catalog's first
/// language).
pub fn explain(
    sources: &Sources,
    query: &str,
    lang: Option<&str>,
) -> Result<Explanation, CommandError> {
    let released = sources.lock.as_ref().ok().and_then(Option::as_ref);
    let model = sources.check(released, Outcome::Nothing)?.model;
    let mut explanation = explain_in(model, query, lang)?;
    explanation.lock_error = sources.lock.as_ref().err().cloned();
    Ok(explanation)
}

/// [`explain`] in a model already built.
pub fn explain_in(
    model: Model,
    query: &str,
    lang: Option<&str>,
) -> Result<Explanation, CommandError> {
    let language = match lang {
        None => 0,
        Some(tag) => model
            .language_index(tag)
            .ok_or_else(|| CommandError::UnknownLanguage {
                tag: tag.to_owned(),
                known: model.languages.iter().map(|l| l.tag.clone()).collect(),
            })?,
    };
    let found = find(&model, query);
    Ok(Explanation {
        query: query.to_owned(),
        model,
        language,
        found,
        lock_error: None,
    })
}

fn find(model: &Model, query: &str) -> Found {
    let query = query.trim();
    let position = |entry: &Entry| model.entries.iter().position(|e| e.code == entry.code);
    let entry = match query.parse::<u32>() {
        Ok(code) => model.entry(code),
        Err(_) => model
            .entries
            .iter()
            .find(|entry| entry.id.eq_ignore_ascii_case(query))
            .or_else(|| model.owner_of_message(query)),
    };
    if let Some(index) = entry.and_then(position) {
        return Found::Entry(index);
    }
    let retired = model.retired.iter().position(|code| {
        query.parse::<u32>() == Ok(code.code)
            || code.id.eq_ignore_ascii_case(query)
            || code.message == query
    });
    match retired {
        Some(index) => Found::Retired(index),
        None => Found::Unknown {
            nearest: nearest(model, query),
        },
    }
}

/// For a number, the nearest codes; for a name, the identifiers and
/// messages nearest by edit distance (a name containing the query is as
/// near as can be).
fn nearest(model: &Model, query: &str) -> Vec<usize> {
    let mut order: Vec<usize> = (0..model.entries.len()).collect();
    let entries = &model.entries;
    if let Ok(code) = query.parse::<i64>() {
        order.sort_by_key(|&i| ((i64::from(entries[i].code) - code).abs(), entries[i].code));
    } else {
        let query = query.to_lowercase();
        let distance = |entry: &Entry| {
            std::iter::once(entry.id.as_str())
                .chain(entry.accepted_messages())
                .map(|name| {
                    let name = name.to_lowercase();
                    if name.contains(&query) {
                        0
                    } else {
                        strsim::levenshtein(&query, &name)
                    }
                })
                .min()
                .unwrap_or(usize::MAX)
        };
        order.sort_by_cached_key(|&i| (distance(&entries[i]), entries[i].code));
    }
    order.truncate(3);
    order
}
