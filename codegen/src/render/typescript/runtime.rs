//! The runtime modules, each in both formats: the main entry (identifiers,
//! codes, messages, aliases, deprecations, versions, advice, documentation
//! URLs), one module per language (its texts, in-page links made absolute
//! where the site is known), and the fallback across languages.
//!
//! No catalog name binds a JavaScript variable: the status object is the
//! local `STATUS`, exported under the catalog's name, so no name the catalog
//! chooses can shadow a global the code uses.

use askama::Template;

use super::{Format, Lazy, literal_list, property_name, string_literal};
use crate::advice::{Actor, Retry, Vocabulary};
use crate::model::{Model, Text};
use crate::output::{GeneratedFile, RenderError, Sink, header};
use crate::render::text::absolute_links;

pub(super) fn render(model: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    let tags = model
        .languages
        .iter()
        .map(|language| string_literal(&language.tag))
        .collect::<Vec<_>>()
        .join(", ");
    // Each distinct version once; entries give its position.
    let mut versions: Vec<String> = Vec::new();
    for entry in &model.entries {
        let version = entry.since.to_string();
        if !versions.contains(&version) {
            versions.push(version);
        }
    }
    let version_position = |version: String| {
        versions
            .iter()
            .position(|known| *known == version)
            .unwrap_or(0)
    };
    // Made as the template reaches them: an entry's row is dropped once written.
    let entries = Lazy::new(|| {
        Box::new(model.entries.iter().map(|entry| {
            EntryRow {
                code: entry.code,
                member: property_name(&entry.names.typescript_member),
                id: string_literal(&entry.id),
                message: string_literal(&entry.message),
                aliases: literal_list(&entry.aliases),
                since: version_position(entry.since.to_string()),
                who_acts: position(entry.who_acts),
                retry: position(entry.retry),
                deprecation: entry
                    .deprecation
                    .as_ref()
                    .map(|deprecation| {
                        let replacement = deprecation
                            .replaced_by
                            .as_ref()
                            .map(|replacement| format!(", {}", replacement.code))
                            .unwrap_or_default();
                        format!(
                            ", [{}, {}{replacement}]",
                            string_literal(&deprecation.since.to_string()),
                            string_literal(&deprecation.reason)
                        )
                    })
                    .unwrap_or_default(),
            }
        }))
    });
    let (pages, range_width, before_code) = pages(model)?;
    let main = IndexTemplate {
        header: header::slashes(),
        languages: tags,
        actors: words::<Actor>(),
        retries: words::<Retry>(),
        retryable: string_literal(Retry::WithBackoff.key()),
        versions: literal_list(&versions),
        pages,
        range_width,
        before_code,
        retired: model
            .retired
            .iter()
            .map(|code| RetiredRow {
                code: code.code,
                id: string_literal(&code.id),
                message: string_literal(&code.message),
                since: string_literal(&code.since.to_string()),
                reason: string_literal(&code.reason),
                replaced_by: code
                    .replaced_by
                    .as_ref()
                    .map(|replacement| format!(", {}", replacement.code))
                    .unwrap_or_default(),
            })
            .collect(),
        entries,
    };
    let body = render_body(None, &main)?;
    for format in Format::BOTH {
        let path = super::module_paths(None, format).0;
        put_module(
            sink,
            &path,
            &body,
            format,
            &[
                (model.names.status.as_str(), "STATUS"),
                ("languages", "LANGUAGES"),
                ("fromCode", "fromCode"),
                ("fromMessage", "fromMessage"),
                ("isKnownCode", "isKnownCode"),
                ("retired", "retired"),
                ("isLang", "isLang"),
                ("whoActs", "whoActs"),
                ("retry", "retry"),
                ("isRetryable", "isRetryable"),
                ("since", "since"),
                ("deprecation", "deprecation"),
                ("docsUrl", "docsUrl"),
            ],
        )?;
    }
    for (index, language) in model.languages.iter().enumerate() {
        let texts = |pick: fn(&Text) -> Option<&str>| -> Lazy<'_, TextRow> {
            Lazy::new(move || {
                Box::new(model.entries.iter().filter_map(move |entry| {
                    let text = entry.text(index).and_then(pick)?;
                    Some(TextRow {
                        code: entry.code,
                        text: string_literal(&absolute_links(model, index, text)),
                    })
                }))
            })
        };
        let template = LanguageTemplate {
            header: header::slashes(),
            tag: language.tag.clone(),
            tag_literal: string_literal(&language.tag),
            descriptions: texts(|text| Some(text.description.as_str())),
            solutions: texts(|text| text.solution.as_deref()),
        };
        let body = render_body(Some(&language.tag), &template)?;
        for format in Format::BOTH {
            let path = super::module_paths(Some(&language.tag), format).0;
            put_module(
                sink,
                &path,
                &body,
                format,
                &[
                    ("lang", "LANG"),
                    ("description", "description"),
                    ("solution", "solution"),
                ],
            )?;
        }
    }
    for format in Format::BOTH {
        // The language modules as `language0`, `language1`, …: a tag such
        // as `zh-hant` is no identifier.
        let locals: Vec<String> = (0..model.languages.len())
            .map(|index| format!("language{index}"))
            .collect();
        let imports = model
            .languages
            .iter()
            .zip(&locals)
            .map(|(language, local)| format.import(local, &format!("../{}/index", language.tag)))
            .collect::<String>();
        let template = TextsTemplate {
            header: header::slashes(),
            imports,
            languages: locals.join(", "),
        };
        let body = render_body(Some(super::TEXTS_SUBPATH), &template)?;
        let path = super::module_paths(Some(super::TEXTS_SUBPATH), format).0;
        sink.put(GeneratedFile::new(
            path,
            format.module(
                &body,
                &[
                    ("descriptionOrFallback", "descriptionOrFallback"),
                    ("solutionOrFallback", "solutionOrFallback"),
                ],
            ),
        ))?;
    }
    Ok(())
}

/// The position of an advice word in its vocabulary's list (as the
/// runtime's `ACTORS` and `RETRIES` hold them), or -1 where the catalog
/// does not say.
fn position<V: Vocabulary + PartialEq>(word: Option<V>) -> i64 {
    word.and_then(|word| V::ALL.iter().position(|known| *known == word))
        .map_or(-1, |at| at as i64)
}

/// A vocabulary's words, as the inside of an array.
fn words<V: Vocabulary>() -> String {
    V::ALL
        .iter()
        .map(|word| string_literal(word.key()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where each language's pages are published (the URL up to the page),
/// where the catalog says where the site is; `range_width` and
/// `before_code` as literals. The runtime puts a code's URL together as the
/// model does, which this checks for every entry.
fn pages(model: &Model) -> Result<(Vec<PageRow>, String, String), RenderError> {
    let Some(parts) = model.docs_url_parts() else {
        return Ok((Vec::new(), "null".to_owned(), string_literal("")));
    };
    let mut pages = Vec::new();
    for (index, language) in model.languages.iter().enumerate() {
        let page = format!("{}{}{}", parts.before_tag, language.tag, parts.before_page);
        for entry in &model.entries {
            let range = parts
                .range_width
                .map_or(String::new(), |width| (entry.code / width).to_string());
            let joined = format!("{page}{range}{}{}", parts.before_code, entry.code);
            if model.docs_url(index, entry.code).as_deref() != Some(joined.as_str()) {
                return Err(RenderError::new(
                    &super::module_paths(None, Format::Esm).0,
                    format!(
                        "the documentation URL of {} in {} is not as the runtime puts it together",
                        entry.code, language.tag
                    ),
                ));
            }
        }
        pages.push(PageRow {
            key: property_name(&language.tag),
            url: string_literal(&page),
        });
    }
    let range_width = parts
        .range_width
        .map_or("null".to_owned(), |width| width.to_string());
    Ok((pages, range_width, string_literal(&parts.before_code)))
}

/// A module: `body` and `format`'s exports, written on as they go rather
/// than copied into one string (a language's module grows with the
/// catalog).
fn put_module(
    sink: &dyn Sink,
    path: &str,
    body: &str,
    format: Format,
    names: &[(&str, &str)],
) -> Result<(), RenderError> {
    sink.put_streamed(path, &mut |into| {
        into.write_all(body.as_bytes())
            .and_then(|()| into.write_all(b"\n\n"))
            .and_then(|()| into.write_all(format.exports(names).as_bytes()))
            .map_err(|error| RenderError::writing(path, &error))
    })
}

fn render_body(subpath: Option<&str>, template: &impl Template) -> Result<String, RenderError> {
    template.render().map_err(|error| {
        let path = super::module_paths(subpath, Format::Esm).0;
        RenderError::new(&path, error.to_string())
    })
}

#[derive(Template)]
#[template(path = "typescript/index.js", escape = "none")]
struct IndexTemplate<'a> {
    header: String,
    languages: String,
    /// The inside of the arrays of advice words.
    actors: String,
    retries: String,
    retryable: String,
    /// The inside of the array of versions that first released codes.
    versions: String,
    pages: Vec<PageRow>,
    /// A number, or `null` while every code is on one page.
    range_width: String,
    before_code: String,
    entries: Lazy<'a, EntryRow>,
    retired: Vec<RetiredRow>,
}

/// A retired code, its fields as literals.
struct RetiredRow {
    code: u32,
    id: String,
    message: String,
    since: String,
    reason: String,
    /// `, CODE` of the replacement, or nothing.
    replaced_by: String,
}

struct EntryRow {
    code: u32,
    member: String,
    id: String,
    message: String,
    aliases: String,
    /// The position of its version in `VERSIONS`.
    since: usize,
    /// Positions in `ACTORS` and `RETRIES`, or -1.
    who_acts: i64,
    retry: i64,
    /// `, [since, reason, replacement]` after the advice, or nothing.
    deprecation: String,
}

/// A language's published page.
struct PageRow {
    key: String,
    url: String,
}

#[derive(Template)]
#[template(path = "typescript/language.js", escape = "none")]
struct LanguageTemplate<'a> {
    header: String,
    /// A validated tag (`[a-z0-9-]`), safe in a comment as it is.
    tag: String,
    tag_literal: String,
    descriptions: Lazy<'a, TextRow>,
    solutions: Lazy<'a, TextRow>,
}

struct TextRow {
    code: u32,
    text: String,
}

#[derive(Template)]
#[template(path = "typescript/texts.js", escape = "none")]
struct TextsTemplate {
    header: String,
    imports: String,
    languages: String,
}
