//! The declaration files: `catalog.d.ts` (the catalog as types, from
//! `templates/typescript/catalog.d.ts`) and the declarations of every
//! runtime module, in both formats.
//!
//! The declarations of the runtime values are typed by the catalog's types,
//! so that types and values, generated from one model, cannot disagree.

use askama::Template;
use pulldown_cmark::{Event, Parser, Tag};

use super::{DIR, Format, Lazy, literal_list, property_name, string_literal};
use crate::advice::{Actor, Retry, Vocabulary};
use crate::model::{Entry, Model, Text};
use crate::output::{GeneratedFile, RenderError, Sink, header};

pub(super) fn render(model: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    let example = model.example();
    let type_name = model.names.status.clone();
    let (messages, shared) = message_views(model);
    let tags = model
        .languages
        .iter()
        .map(|language| string_literal(&language.tag))
        .collect::<Vec<_>>();
    let catalog = CatalogTemplate {
        header: header::slashes(),
        type_name: type_name.clone(),
        language_doc: comment_text(
            &model
                .languages
                .iter()
                .map(|language| {
                    format!(
                        "`{}` {}",
                        language.tag,
                        crate::render::text::plain_markdown(&language.name)
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
        lang_union: tags.join(" | "),
        example_code: example.code,
        example_message: comment_text(&string_literal(&example.message)),
        example_who_acts: optional_literal(example.who_acts),
        example_retry: optional_literal(example.retry),
        actors: vocabulary::<Actor>(),
        retries: vocabulary::<Retry>(),
        retryable: string_literal(Retry::WithBackoff.key()),
        entries: Lazy::per_entry(model, entry_view),
        ids: Lazy::per_entry(model, id_view),
        messages,
        shared,
    };
    // As long as the catalog: written on as it renders.
    let path = format!("{DIR}/catalog.d.ts");
    sink.put_streamed(&path, &mut |into| write_file(&path, &catalog, into))?;
    drop(catalog);
    let main = IndexTemplate {
        header: header::slashes(),
        type_name: type_name.clone(),
        example_member: example.names.typescript_member.clone(),
        example_code: example.code,
        languages: tags.join(", "),
        retryable: string_literal(Retry::WithBackoff.key()),
        retryable_meaning: comment_text(Retry::WithBackoff.meaning().trim_end_matches('.')),
        has_site: model.package.site.is_some(),
    };
    let language_order = model
        .languages
        .iter()
        .map(|language| format!("`{}`", language.tag))
        .collect::<Vec<_>>()
        .join(", ");
    // The same declarations for both formats: Node and TypeScript read
    // `.d.ts` as CommonJS and `.d.mts` as ESM beside `.js` and `.mjs`.
    for format in Format::BOTH {
        sink.put(render_file(super::module_paths(None, format).1, &main)?)?;
        for language in &model.languages {
            let template = LanguageTemplate {
                header: header::slashes(),
                type_name: type_name.clone(),
                tag: language.tag.clone(),
                tag_literal: string_literal(&language.tag),
                has_site: model.package.site.is_some(),
            };
            let path = super::module_paths(Some(&language.tag), format).1;
            sink.put(render_file(path, &template)?)?;
        }
        let texts = TextsTemplate {
            header: header::slashes(),
            type_name: type_name.clone(),
            languages: language_order.clone(),
        };
        let path = super::module_paths(Some(super::TEXTS_SUBPATH), format).1;
        sink.put(render_file(path, &texts)?)?;
    }
    Ok(())
}

/// `template` written into `into` as it renders, its error named as
/// [`render_file`] names it (askama's `write_into` would say only that
/// formatting failed).
fn write_file(
    path: &str,
    template: &impl Template,
    into: &mut dyn std::io::Write,
) -> Result<(), RenderError> {
    struct Text<'a> {
        into: &'a mut dyn std::io::Write,
        failed: Option<std::io::Error>,
    }
    impl std::fmt::Write for Text<'_> {
        fn write_str(&mut self, text: &str) -> std::fmt::Result {
            self.into.write_all(text.as_bytes()).map_err(|error| {
                self.failed = Some(error);
                std::fmt::Error
            })
        }
    }
    let mut text = Text { into, failed: None };
    template
        .render_into(&mut text)
        .map_err(|error| match text.failed.take() {
            Some(failed) => RenderError::writing(path, &failed),
            None => RenderError::new(path, error.to_string()),
        })
}

fn render_file(path: String, template: &impl Template) -> Result<GeneratedFile, RenderError> {
    let contents = template
        .render()
        .map_err(|error| RenderError::new(&path, error.to_string()))?;
    Ok(GeneratedFile::new(path, contents))
}

#[derive(Template)]
#[template(path = "typescript/catalog.d.ts", escape = "none")]
struct CatalogTemplate<'a> {
    header: String,
    type_name: String,
    language_doc: String,
    lang_union: String,
    example_code: u32,
    example_message: String,
    /// What `WhoActsOf` and `RetryOf` of the example code are, as types.
    example_who_acts: String,
    example_retry: String,
    actors: Vec<WordView>,
    retries: Vec<WordView>,
    retryable: String,
    entries: Lazy<'a, EntryView>,
    ids: Lazy<'a, IdView>,
    messages: Vec<MessageView>,
    shared: Vec<MessageView>,
}

/// One word of a vocabulary of [`crate::advice`]: its literal, and what it
/// means (made safe for a comment).
struct WordView {
    literal: String,
    meaning: String,
}

fn vocabulary<V: Vocabulary>() -> Vec<WordView> {
    V::ALL
        .iter()
        .map(|word| WordView {
            literal: string_literal(word.key()),
            meaning: comment_text(word.meaning()),
        })
        .collect()
}

/// A word as its literal type, or `undefined` where the catalog does not
/// say.
fn optional_literal<V: Vocabulary>(word: Option<V>) -> String {
    word.map_or_else(|| "undefined".to_owned(), |word| string_literal(word.key()))
}

/// One key of a message map: a message or alias, and its code or codes.
struct MessageView {
    text: String,
    codes: String,
}

#[derive(Template)]
#[template(path = "typescript/index.d.ts", escape = "none")]
struct IndexTemplate {
    header: String,
    type_name: String,
    example_member: String,
    example_code: u32,
    languages: String,
    retryable: String,
    retryable_meaning: String,
    /// Whether the catalog says where its pages are published, so that
    /// `docsUrl` answers a URL.
    has_site: bool,
}

#[derive(Template)]
#[template(path = "typescript/language.d.ts", escape = "none")]
struct LanguageTemplate {
    header: String,
    type_name: String,
    /// A validated tag (`[a-z0-9-]`), safe in a comment as it is.
    tag: String,
    tag_literal: String,
    /// Whether the texts' in-page links are made absolute.
    has_site: bool,
}

#[derive(Template)]
#[template(path = "typescript/texts.d.ts", escape = "none")]
struct TextsTemplate {
    header: String,
    type_name: String,
    languages: String,
}

/// Every accepted message with the code a lookup answers for it (the
/// model's owner), in the order the messages first appear; and, apart,
/// those that several codes share, with all their codes.
fn message_views(model: &Model) -> (Vec<MessageView>, Vec<MessageView>) {
    let messages = model.accepted_messages();
    let view = |message: &str, codes: &[u32]| MessageView {
        text: string_literal(message),
        codes: codes
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" | "),
    };
    let owners = messages
        .iter()
        .map(|message| view(message.text, &message.codes[..1]))
        .collect();
    let shared = messages
        .iter()
        .filter(|message| message.codes.len() > 1)
        .map(|message| view(message.text, &message.codes))
        .collect();
    (owners, shared)
}

struct EntryView {
    code: u32,
    id: String,
    id_key: String,
    message: String,
    aliases: String,
    /// The type of the `deprecation` property, after its name.
    deprecation: String,
    since: String,
    /// The types of the `whoActs` and `retry` properties, after their names.
    who_acts: String,
    retry: String,
    description: String,
    solution: String,
}

/// An identifier of [`CatalogTemplate`]'s `Ids` interface, documented.
struct IdView {
    code: u32,
    id_key: String,
    /// Lines of the JSDoc comment, each starting with a space (or empty).
    doc: Vec<String>,
}

fn id_view(model: &Model, entry: &Entry) -> IdView {
    IdView {
        code: entry.code,
        id_key: property_name(&entry.names.typescript_member),
        doc: entry_doc(model, entry),
    }
}

fn entry_view(model: &Model, entry: &Entry) -> EntryView {
    // Texts are typed `string`, not as literals: the JSDoc shows them, and
    // declaring them a second time would double the package's size.
    let per_language = |pick: fn(&Text) -> Option<&str>| {
        model
            .languages
            .iter()
            .enumerate()
            .map(|(index, language)| {
                let key = property_name(&language.tag);
                match entry.text(index).and_then(pick) {
                    Some(_) => format!("readonly {key}: string;"),
                    None => format!("readonly {key}?: never;"),
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let deprecation = match &entry.deprecation {
        None => "?: never".to_owned(),
        Some(deprecation) => {
            let replacement = deprecation
                .replaced_by
                .as_ref()
                .map(|replacement| format!(" readonly replacedBy: {};", replacement.code))
                .unwrap_or_default();
            format!(
                ": {{ readonly since: {}; readonly reason: string;{replacement} }}",
                string_literal(&deprecation.since.to_string())
            )
        }
    };
    EntryView {
        code: entry.code,
        id: string_literal(&entry.id),
        id_key: property_name(&entry.names.typescript_member),
        message: string_literal(&entry.message),
        aliases: literal_list(&entry.aliases),
        deprecation,
        since: string_literal(&entry.since.to_string()),
        who_acts: advice_property(entry.who_acts),
        retry: advice_property(entry.retry),
        description: per_language(|text| Some(text.description.as_str())),
        solution: per_language(|text| text.solution.as_deref()),
    }
}

/// The type of an advice property of an entry, after its name: the word's
/// literal, or absent where the catalog does not say.
fn advice_property<V: Vocabulary>(word: Option<V>) -> String {
    word.map_or_else(
        || "?: never".to_owned(),
        |word| format!(": {}", string_literal(word.key())),
    )
}

/// What the runtime's `whoActs` and `retry` answer for an entry, with what
/// it means, a paragraph each (empty where the catalog says neither): a
/// list could continue one that ends the texts.
fn advice_doc(entry: &Entry) -> String {
    fn line<V: Vocabulary>(function: &str, word: Option<V>) -> Option<String> {
        let word = word?;
        Some(format!(
            "`{function}`: `{}`. {}",
            string_literal(word.key()),
            word.meaning()
        ))
    }
    [line("whoActs", entry.who_acts), line("retry", entry.retry)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The shared entry documentation and the entry's advice, line by line,
/// and every http(s) link of the entry's texts as `@see`.
fn entry_doc(model: &Model, entry: &Entry) -> Vec<String> {
    let mut text = crate::render::text::entry_doc(model, entry);
    let advice = advice_doc(entry);
    if !advice.is_empty() {
        text = format!("{text}\n\n{advice}");
    }
    let mut links: Vec<(String, String)> = entry
        .texts
        .iter()
        .flatten()
        .flat_map(|texts| {
            std::iter::once(texts.description.as_str()).chain(texts.solution.as_deref())
        })
        .flat_map(http_links)
        .collect();
    let mut lines: Vec<String> = text.lines().map(doc_comment_line).collect();
    let mut seen = std::collections::BTreeSet::new();
    links.retain(|(_, url)| seen.insert(url.clone()));
    for (label, url) in links {
        lines.push(doc_tag_line("see", &format!("{url} {label}")));
    }
    lines.push(doc_tag_line("since", &entry.since.to_string()));
    if let Some(deprecation) = &entry.deprecation {
        let replacement = deprecation
            .replaced_by
            .as_ref()
            .map(|replacement| format!(" Use {} instead.", replacement.code))
            .unwrap_or_default();
        lines.push(doc_tag_line(
            "deprecated",
            &format!(
                "since {}: {}{replacement}",
                deprecation.since, deprecation.reason
            ),
        ));
    }
    lines
}

/// The http(s) links of a Markdown text, with their link text.
fn http_links(markdown: &str) -> Vec<(String, String)> {
    // A destination starts with `http` only where the text writes it, or
    // writes an entity: most texts need no parse.
    if !markdown.contains("http") && !markdown.contains('&') {
        return Vec::new();
    }
    let mut links = Vec::new();
    let mut open: Option<(String, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("http") => {
                open = Some((String::new(), dest_url.to_string()));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((label, _)) = &mut open {
                    label.push_str(&text);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Link) => links.extend(open.take()),
            _ => {}
        }
    }
    links
}

/// One line inside a `/** … */` comment, as ` text` (or empty): catalog
/// text made safe by [`comment_text`].
fn doc_comment_line(line: &str) -> String {
    let safe = comment_text(line);
    if safe.trim().is_empty() {
        String::new()
    } else {
        format!(" {safe}")
    }
}

/// A JSDoc tag line the generator writes (`@see`, `@deprecated`), whose
/// payload comes from the catalog.
fn doc_tag_line(tag: &str, payload: &str) -> String {
    format!(" @{tag} {}", comment_text(payload))
}

/// Catalog text made safe inside a `/** … */` comment: nothing in it may end
/// the comment, end its line, or become a JSDoc tag (TypeScript reads `@`
/// after whitespace, and `{@`, as a tag anywhere in a line; `\@` is a
/// Markdown escape, shown as `@`).
fn comment_text(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // Line terminators would end the comment line early; other
            // controls are invisible.
            '\u{2028}' | '\u{2029}' | '\u{85}' => safe.push(' '),
            c if c.is_control() => safe.push(' '),
            c if crate::render::text::is_bidi_control(c) => {
                safe.push_str(&format!("\\u{:04X}", c as u32))
            }
            '@' => safe.push_str("\\@"),
            c => safe.push(c),
        }
    }
    if safe.contains("*/") {
        safe.replace("*/", "*\\/")
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::http_links;

    fn pair(label: &str, url: &str) -> (String, String) {
        (label.to_owned(), url.to_owned())
    }

    #[test]
    fn http_links_are_found_however_their_destination_is_written() {
        assert_eq!(
            http_links("[a](https://x.test/a) and <http://x.test/b>"),
            [
                pair("a", "https://x.test/a"),
                pair("http://x.test/b", "http://x.test/b")
            ]
        );
        // An entity writes the scheme with no `http` in the text.
        assert_eq!(
            http_links("[a](&#104;ttps://x.test/)"),
            [pair("a", "https://x.test/")]
        );
        assert_eq!(http_links("No link; [a](#433)."), []);
    }
}
