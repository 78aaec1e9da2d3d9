//! `cargo xtask explain 433`: one entry of the catalog, for a terminal,
//! offline. The query is a code, an identifier or a status message (or
//! alias); an unknown one gets the nearest entries as suggestions.

use std::fmt::Write as _;

use codegen::command::{Explanation, Found};
use codegen::model::{Entry, Model, Retired};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The explanation as terminal text, or, for a query that names nothing,
/// the error with the nearest entries.
pub fn explain(explanation: &Explanation) -> Result<String, String> {
    let (model, index) = (&explanation.model, explanation.language);
    match &explanation.found {
        Found::Entry(entry) => Ok(terminal_safe(&describe(
            model,
            &model.entries[*entry],
            index,
        ))),
        Found::Retired(code) => Ok(terminal_safe(&describe_retired(
            model,
            &model.retired[*code],
            index,
        ))),
        Found::Unknown { nearest } => Err(terminal_safe(&not_found(
            model,
            &explanation.query,
            nearest,
        ))),
    }
}

fn describe_retired(model: &Model, code: &Retired, index: usize) -> String {
    let page = &model.languages[index].page;
    let mut out = format!(
        "{} {}
",
        code.code, code.id
    );
    let _ = writeln!(out, "  message: {}", code.message);
    let _ = writeln!(out, "  {} {}: {}", page.retired_in, code.since, code.reason);
    if let Some(replacement) = &code.replaced_by {
        let _ = writeln!(out, "  → {} {}", replacement.code, replacement.id);
    }
    out
}

/// Text for a terminal: every control character but the line feed (an
/// escape sequence in a catalog text could move the cursor, recolour or
/// retitle the terminal) and every character that reorders text is shown
/// as its escape instead.
fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            let reorders = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if (c.is_control() && c != '\n') || reorders {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The query named nothing: the nearest entries instead.
fn not_found(model: &Model, query: &str, nearest: &[usize]) -> String {
    let nearest: Vec<String> = nearest
        .iter()
        .map(|&index| format!("{} {}", model.entries[index].code, model.entries[index].id))
        .collect();
    format!(
        "error: no status code, identifier or message is `{query}`\n  = nearest: {}",
        nearest.join(", ")
    )
}

fn describe(model: &Model, entry: &Entry, index: usize) -> String {
    let mut out = format!("{} {}\n", entry.code, entry.id);
    let _ = writeln!(out, "  message: {}", entry.message);
    if !entry.aliases.is_empty() {
        let _ = writeln!(out, "  also accepted: {}", entry.aliases.join(", "));
    }
    let labels = &model.languages[index].page;
    let _ = writeln!(out, "  {} {}", labels.since, entry.since);
    if let Some(deprecation) = &entry.deprecation {
        let replacement = deprecation
            .replaced_by
            .as_ref()
            .map(|replacement| format!(" → {} {}", replacement.code, replacement.id))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} ({}): {}{replacement}",
            labels.deprecated, deprecation.since, deprecation.reason
        );
    }
    // After the deprecation, as on the pages.
    for (label, word) in labels.advice.of(entry) {
        let _ = writeln!(out, "  {label} {word}");
    }
    let fallback = entry.text_or_fallback(index);
    // Where the site is known: the page holding the text shown below (the
    // fallback language's, where the asked one has none).
    if let Some(url) = model.docs_url(fallback.map_or(index, |(shown, _)| shown), entry.code) {
        let _ = writeln!(out, "  docs: {url}");
    }
    let Some((shown, text)) = fallback else {
        return out;
    };
    let asked = &model.languages[index];
    let page = &model.languages[shown].page;
    if shown != index {
        let _ = writeln!(
            out,
            "\n  ({} {} → {})",
            asked.page.untranslated, asked.name, model.languages[shown].name
        );
    }
    let mut links = Vec::new();
    let _ = write!(
        out,
        "\n{}\n{}",
        page.columns.description,
        terminal_text(&text.description, model, shown, &mut links)
    );
    if let Some(solution) = &text.solution {
        let _ = write!(
            out,
            "\n{}\n{}",
            page.columns.solution,
            terminal_text(solution, model, shown, &mut links)
        );
    }
    if !links.is_empty() {
        out.push('\n');
        for (number, link) in links.iter().enumerate() {
            let _ = writeln!(out, "  [{}] {link}", number + 1);
        }
    }
    out
}

/// Markdown as indented plain text: paragraphs, list items as `-` or `1.`,
/// line breaks kept, `code` as is, each link's text followed by `[n]` and its
/// target added to `links`. In-page anchors name what they point at.
fn terminal_text(
    markdown: &str,
    model: &Model,
    language: usize,
    links: &mut Vec<String>,
) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let flush = |line: &mut String, out: &mut String, indent: usize| {
        if !line.trim().is_empty() {
            let _ = writeln!(out, "{}{}", " ".repeat(indent), line.trim_end());
        }
        line.clear();
    };
    for event in Parser::new(markdown) {
        let indent = 2 + 3 * lists.len().saturating_sub(1);
        match event {
            Event::Start(Tag::List(first)) => {
                flush(&mut line, &mut out, indent);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut line, &mut out, indent);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut line, &mut out, indent);
                match lists.last_mut() {
                    Some(Some(number)) => {
                        line.push_str(&format!("{number}. "));
                        *number += 1;
                    }
                    _ => line.push_str("- "),
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item) | Event::HardBreak => {
                flush(&mut line, &mut out, indent);
            }
            Event::SoftBreak => line.push(' '),
            Event::Text(text) | Event::Code(text) => line.push_str(&text),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(link_target(&dest_url, model, language));
            }
            Event::End(TagEnd::Link) => line.push_str(&format!(" [{}]", links.len())),
            _ => {}
        }
    }
    flush(&mut line, &mut out, 2);
    out
}

/// An http(s) URL as is; `#433` as the entry; `#handler` as the concept,
/// titled as on the page of `language` (or else of the first that has it).
fn link_target(url: &str, model: &Model, language: usize) -> String {
    let Some(anchor) = url.strip_prefix('#') else {
        return url.to_owned();
    };
    if let Some(entry) = anchor
        .parse::<u32>()
        .ok()
        .and_then(|code| model.entry(code))
    {
        return format!(
            "{} {} (cargo xtask explain {})",
            entry.code, entry.id, entry.code
        );
    }
    let pages = std::iter::once(&model.languages[language])
        .chain(&model.languages)
        .map(|language| &language.page);
    let concept = pages
        .flat_map(|page| &page.concepts.sections)
        .find(|section| section.anchor == anchor);
    match concept {
        Some(section) => format!("\"{}\" on the reference page (#{anchor})", section.title),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &[u8] = include_bytes!("../../codegen/tests/fixtures/minimal.yaml");

    fn catalog() -> Model {
        codegen::check(MINIMAL).unwrap().model
    }

    /// The command's answer in `model`, as the terminal gets it.
    fn explain(model: &Model, query: &str, lang: Option<&str>) -> Result<String, String> {
        let explanation = codegen::command::explain_in(model.clone(), query, lang)
            .map_err(|error| error.to_string())?;
        super::explain(&explanation)
    }

    #[test]
    fn a_code_an_identifier_and_an_alias_find_the_same_entry() {
        let catalog = catalog();
        let by_code = explain(&catalog, "439", None).unwrap();
        assert_eq!(explain(&catalog, "UserProcessExit", None).unwrap(), by_code);
        assert_eq!(explain(&catalog, "userprocessexit", None).unwrap(), by_code);
        assert_eq!(
            explain(&catalog, "User preocess exit when running", None).unwrap(),
            by_code
        );
        assert!(by_code.starts_with("439 UserProcessExit\n"), "{by_code}");
    }

    #[test]
    fn a_retired_code_is_answered_with_its_replacement() {
        let source = format!(
            "{}retired:\n  - code: 431\n    id: OldTimeout\n    message: Old timeout\n    since: 0.9.0\n    reason: Merged into 433.\n    replaced_by: 433\n",
            String::from_utf8_lossy(MINIMAL)
        );
        let model = codegen::check(source.as_bytes()).unwrap().model;
        let text = explain(&model, "431", None).unwrap();
        assert_eq!(
            text,
            "431 OldTimeout\n  message: Old timeout\n  Retired in 0.9.0: Merged into 433.\n  → 433 TimeLimitReached\n"
        );
        assert_eq!(explain(&model, "Old timeout", None).unwrap(), text);
        assert_eq!(explain(&model, "oldtimeout", None).unwrap(), text);
    }

    const REAL: &[u8] = include_bytes!("../../catalog.yaml");
    const SITE_AND_ADVICE: &[u8] =
        include_bytes!("../../codegen/tests/fixtures/accepted/51-site-and-advice.yaml");

    #[test]
    fn the_advice_is_shown_in_the_asked_language_with_its_labels() {
        let model = codegen::check(REAL).unwrap().model;
        let english = explain(&model, "433", Some("en")).unwrap();
        assert!(
            english.starts_with(
                "433 TimeLimitReached\n  message: TimeLimitReached\n  Since 0.1.0\n  Who must act: the function's owner\n  Retry: only after a fix\n\nDescription\n"
            ),
            "{english}"
        );
        let chinese = explain(&model, "433", Some("zh")).unwrap();
        assert!(
            chinese.contains("  首次发布于 0.1.0\n  需要处理的一方： 函数所有者\n  重试： 修复后才能成功\n\n说明\n"),
            "{chinese}"
        );
        // 429 says what a retry can do, and not who must act: one line.
        let chinese = explain(&model, "429", Some("zh")).unwrap();
        assert!(
            chinese.contains("  首次发布于 0.1.0\n  重试： 稍后可能成功（请退避）\n\n说明\n"),
            "{chinese}"
        );
        // No site: no documentation URL.
        assert!(!chinese.contains("docs:"), "{chinese}");
    }

    #[test]
    fn with_a_site_the_entry_names_its_page_in_the_language_shown() {
        let model = codegen::check(SITE_AND_ADVICE).unwrap().model;
        let text = explain(&model, "429", Some("zh")).unwrap();
        assert!(
            text.starts_with(
                "429 ResourceLimit\n  message: ResourceLimit\n  Since 1.0.0\n  重试： 稍后可能成功（请退避）\n  docs: https://codes.example.com/scf/zh/index.html#429\n\n说明\n"
            ),
            "{text}"
        );
        // 433 has no Chinese text: the English page, whose text is shown.
        let text = explain(&model, "433", Some("zh")).unwrap();
        assert!(
            text.contains("  docs: https://codes.example.com/scf/en/index.html#433\n\n  (尚未翻译。 中文 → English)"),
            "{text}"
        );
        // The labels and words are shown as written, markup and all, and
        // a deprecated code's advice follows its deprecation.
        let text = explain(&model, "436", Some("en")).unwrap();
        assert!(
            text.contains(
                "  Deprecated (1.0.0): Replaced by 433. → 433 TimeLimitReached\n  **Who** | must `act`: [the caller](javascript:alert(1))\n  Retry &amp; <script>: the caller's call */\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn links_become_numbered_references() {
        let text = explain(&catalog(), "433", Some("en")).unwrap();
        assert!(
            text.contains("See the handler [1] and the docs [2]."),
            "{text}"
        );
        assert!(
            text.contains("[1] \"Handler\" on the reference page (#handler)"),
            "{text}"
        );
        assert!(
            text.contains("[2] https://example.com/docs#limits"),
            "{text}"
        );
    }

    #[test]
    fn an_untranslated_entry_falls_back_and_says_so() {
        // 439 has only a Chinese text.
        let text = explain(&catalog(), "439", Some("en")).unwrap();
        assert!(
            text.contains("(Not yet translated. English → 中文)"),
            "{text}"
        );
        assert!(text.contains("用户进程意外退出。"), "{text}");
    }

    #[test]
    fn catalog_text_cannot_send_escape_sequences_to_the_terminal() {
        let mut model = catalog();
        model.entries[0].message = "Success\u{1b}]0;pwned\u{7}\u{1b}[2J".into();
        let text = explain(&model, "200", None).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("\\u{1b}]0;pwned"), "{text}");
    }

    #[test]
    fn an_unknown_query_suggests_the_nearest_entries() {
        let catalog = catalog();
        let error = explain(&catalog, "434", None).unwrap_err();
        assert!(
            error.contains("nearest: 433 TimeLimitReached, 439 UserProcessExit, 200 Success"),
            "{error}"
        );
        let error = explain(&catalog, "TimeLimitReach", None).unwrap_err();
        assert!(error.contains("nearest: 433 TimeLimitReached"), "{error}");
        let error = explain(&catalog, "process", None).unwrap_err();
        assert!(error.contains("nearest: 439 UserProcessExit"), "{error}");
        let error = explain(&catalog, "TimeLimitRaeched", None).unwrap_err();
        assert!(error.contains("nearest: 433 TimeLimitReached"), "{error}");
        let error = explain(&catalog, "433", Some("fr")).unwrap_err();
        assert!(error.contains("no language `fr`; it has en, zh"), "{error}");
    }
}
