//! Plain-text fields of the catalog reach the generated crate's docs and
//! the JSDoc as text: no field can add a code block (a doctest that
//! `cargo test` would compile and run), raw HTML, or a heading there.

use pulldown_cmark::{Event, Parser, Tag};

const MINIMAL: &str = include_str!("fixtures/minimal.yaml");

/// Markdown that would be code, markup or structure if pasted.
const PAYLOADS: &[&str] = &[
    "x\n\n```\nstd::process::abort();\n```",
    "x\n\n    std::process::abort();",
    "<script>alert(1)</script>",
    "# Heading",
    "1. list",
    "[link](javascript:alert(1))",
    "`code` and *emphasis*",
];

/// Plain-text fields that reach the docs, as `(line in minimal.yaml, value)`.
const FIELDS: &[(&str, &str)] = &[
    ("    name: English\n", "English"),
    (
        "    columns: {status: Status, description: Description, solution: Solution}\n",
        "Description",
    ),
    ("  description: Demo status codes\n", "Demo status codes"),
];

/// The Markdown of every `///` and `//!` comment of the crate, one block
/// per item.
fn doc_blocks(library: &str) -> Vec<String> {
    let mut blocks = vec![String::new()];
    for line in library.lines() {
        let trimmed = line.trim_start();
        match trimmed
            .strip_prefix("///")
            .or_else(|| trimmed.strip_prefix("//!"))
        {
            Some(doc) => {
                let last = blocks.last_mut().unwrap();
                last.push_str(doc.strip_prefix(' ').unwrap_or(doc));
                last.push('\n');
            }
            None => blocks.push(String::new()),
        }
    }
    blocks.retain(|block| !block.is_empty());
    blocks
}

#[test]
fn no_plain_text_field_adds_a_doctest_html_or_a_heading_to_the_crate() {
    let mut accepted = 0;
    for (line, value) in FIELDS {
        assert_eq!(MINIMAL.matches(line).count(), 1, "{line:?}");
        for payload in PAYLOADS {
            let quoted = format!("\"{}\"", payload.replace('"', "\\\"").replace('\n', "\\n"));
            let catalog = MINIMAL.replacen(line, &line.replacen(value, &quoted, 1), 1);
            let Ok((_, files)) = codegen::generate(catalog.as_bytes()) else {
                continue;
            };
            accepted += 1;
            let library = &files
                .iter()
                .find(|file| file.path == "rust/src/lib.rs")
                .unwrap()
                .contents;
            let mut code_blocks = 0;
            for block in doc_blocks(library) {
                for event in Parser::new(&block) {
                    match event {
                        Event::Start(Tag::CodeBlock(_)) => code_blocks += 1,
                        Event::Html(html) | Event::InlineHtml(html) => {
                            panic!("{payload:?} in {value}: raw HTML {html:?} in\n{block}")
                        }
                        Event::Start(Tag::Heading { .. }) => {
                            panic!("{payload:?} in {value}: a heading in\n{block}")
                        }
                        Event::Start(Tag::Link { dest_url, .. })
                            if dest_url.starts_with("javascript:") =>
                        {
                            panic!("{payload:?} in {value}: a javascript: link")
                        }
                        _ => {}
                    }
                }
            }
            // The renderer's own two examples (the crate's and the code
            // type's), and nothing else.
            assert_eq!(code_blocks, 2, "{payload:?} in {value}:\n{library}");
        }
    }
    assert_eq!(
        accepted,
        FIELDS.len() * PAYLOADS.len(),
        "every case is accepted"
    );
}

#[test]
fn plain_markdown_keeps_text_as_text() {
    use codegen::render::text::plain_markdown;
    assert_eq!(plain_markdown("Not yet translated."), "Not yet translated.");
    assert_eq!(plain_markdown("简体中文"), "简体中文");
    assert_eq!(
        plain_markdown("a\n\n```\nx\n```"),
        "a \\`\\`\\` x \\`\\`\\`"
    );
    assert_eq!(plain_markdown("# Title"), "\\# Title");
    assert_eq!(plain_markdown("1. one"), "1\\. one");
    assert_eq!(plain_markdown("<b>&amp;"), "\\<b\\>\\&amp;");
}

/// What a page's Markdown holds, by kind: headings, code blocks, and the
/// raw HTML that is not the layout's own (its notice and `<a id>` anchors).
fn page_shape(markdown: &str) -> (usize, usize, Vec<String>) {
    let (mut headings, mut code_blocks, mut html) = (0, 0, Vec::new());
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::CodeBlock(_)) => code_blocks += 1,
            Event::Html(text) | Event::InlineHtml(text) => {
                let text = text.trim();
                let layout = text.starts_with("<!-- @generated")
                    || text == "</a>"
                    || (text.starts_with("<a id=\"")
                        && (text.ends_with("\">") || text.ends_with("\"></a>")));
                if !layout {
                    html.push(text.to_owned());
                }
            }
            _ => {}
        }
    }
    (headings, code_blocks, html)
}

#[test]
fn no_plain_text_field_adds_markup_or_structure_to_the_pages() {
    let pages = |catalog: &str| -> Vec<String> {
        let (_, files) = codegen::generate(catalog.as_bytes()).unwrap();
        files
            .into_iter()
            .filter(|file| file.path.starts_with("docs/"))
            .map(|file| file.contents)
            .collect()
    };
    let expected: Vec<_> = pages(MINIMAL).iter().map(|page| page_shape(page)).collect();
    let fields: &[(&str, &str)] = &[
        ("    title: Status codes\n", "Status codes"),
        (
            "    other_language: \"Other languages:\"\n",
            "\"Other languages:\"",
        ),
        ("      heading: Concepts\n", "Concepts"),
        ("          title: Handler\n", "Handler"),
        ("    name: English\n", "English"),
    ];
    for (line, value) in fields {
        assert_eq!(MINIMAL.matches(line).count(), 1, "{line:?}");
        for payload in PAYLOADS {
            let quoted = format!("\"{}\"", payload.replace('"', "\\\"").replace('\n', "\\n"));
            let catalog = MINIMAL.replacen(line, &line.replacen(value, &quoted, 1), 1);
            let shapes: Vec<_> = pages(&catalog)
                .iter()
                .map(|page| page_shape(page))
                .collect();
            assert_eq!(shapes, expected, "{payload:?} in {value}");
        }
    }
}

#[test]
fn markdown_for_docs_escapes_brackets_links_bare_urls_and_indents_lists() {
    use codegen::render::text::doc_markdown;
    let text =
        "See [Configuration] and https://example.com/docs.\n\n- one\ncontinued\n- two\\\nbroken";
    assert_eq!(
        doc_markdown(text),
        "See \\[Configuration\\] and <https://example.com/docs>.\n\n- one\n  continued\n- two\\\n  broken"
    );
}

/// Rewriting a text for the docs changes how it is written, never what a
/// reader sees: for every text of the real catalog, the HTML of the text and
/// of its rewrite are the same (bare URLs apart, which become links).
#[test]
fn markdown_for_docs_renders_as_the_original_for_the_real_catalog() {
    use codegen::render::text::doc_markdown;
    let html = |markdown: &str| {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, Parser::new(markdown));
        out
    };
    let model = codegen::check(include_bytes!("../../catalog.yaml"))
        .unwrap()
        .model;
    let mut compared = 0;
    for entry in &model.entries {
        for text in entry.texts.iter().flatten() {
            for markdown in std::iter::once(&text.description).chain(&text.solution) {
                let original = html(markdown);
                if original.contains(">http") || original.contains(" http") {
                    continue;
                }
                assert_eq!(html(&doc_markdown(markdown)), original, "{markdown}");
                compared += 1;
            }
        }
    }
    assert!(compared > 40, "only {compared} texts compared");
}

/// The project's catalogs, hostile and accepted corpus included: the
/// generated crate's
/// only doctests are the renderer's two examples, and its docs hold no
/// image and no raw HTML.
#[test]
fn the_fixture_catalogs_crates_have_only_the_renderers_doctests() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut catalogs =
        vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog.yaml")];
    for name in [
        "minimal",
        "hostile",
        "wide-codes",
        "edge-codes",
        "markdown-edges",
    ] {
        catalogs.push(fixtures.join(format!("{name}.yaml")));
    }
    catalogs.extend(
        std::fs::read_dir(fixtures.join("accepted"))
            .unwrap()
            .map(|item| item.unwrap().path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "yaml")
            }),
    );
    for catalog in catalogs {
        let (_, files) = codegen::generate(&std::fs::read(&catalog).unwrap()).unwrap();
        let library = &files
            .iter()
            .find(|file| file.path == "rust/src/lib.rs")
            .unwrap()
            .contents;
        let mut code_blocks = 0;
        for block in doc_blocks(library) {
            for event in Parser::new(&block) {
                match event {
                    Event::Start(Tag::CodeBlock(_)) => code_blocks += 1,
                    Event::Start(Tag::Image { .. }) | Event::Html(_) | Event::InlineHtml(_) => {
                        panic!("{}: {event:?} in\n{block}", catalog.display())
                    }
                    _ => {}
                }
            }
        }
        assert_eq!(code_blocks, 2, "{}", catalog.display());
    }
}

/// Found by review: Markdown joined onto a line, and control characters
/// replaced by spaces, could each indent a line into a code block.
#[test]
fn no_markdown_field_or_control_character_indents_a_doctest_into_the_docs() {
    let cases = [
        (
            "    untranslated: Not yet translated.\n",
            "    untranslated: \"10. Not yet translated.\\n\\n    std::process::abort();\"\n",
        ),
        (
            "  description: Demo status codes\n",
            "  description: \"\\a\\a\\a\\astd::process::abort(); //\"\n",
        ),
        (
            "        description: The function timed out.\n",
            "        description: \"&#7;&#7;&#7;&#7;std::process::abort();\"\n",
        ),
        (
            "    name: English\n",
            "    name: \"\\t\\t\\t\\tstd::process::abort();\"\n",
        ),
    ];
    for (from, to) in cases {
        assert_eq!(MINIMAL.matches(from).count(), 1, "{from:?}");
        let catalog = MINIMAL.replacen(from, to, 1);
        let (_, files) = codegen::generate(catalog.as_bytes())
            .unwrap_or_else(|failure| panic!("{to}: {failure:?}"));
        let library = &files
            .iter()
            .find(|file| file.path == "rust/src/lib.rs")
            .unwrap()
            .contents;
        let code_blocks: usize = doc_blocks(library)
            .iter()
            .map(|block| {
                Parser::new(block)
                    .filter(|event| matches!(event, Event::Start(Tag::CodeBlock(_))))
                    .count()
            })
            .sum();
        assert_eq!(code_blocks, 2, "{to}:\n{library}");
    }
}

#[test]
fn urls_in_plain_fields_and_images_in_links_leave_no_bare_url_or_nested_link() {
    use codegen::render::text::{doc_markdown, plain_markdown};
    assert_eq!(
        plain_markdown("Use https://example.com/new. Then *go*"),
        "Use <https://example.com/new>. Then \\*go\\*"
    );
    assert_eq!(
        doc_markdown("[![build](https://example.com/b.svg)](https://example.com/ci)"),
        "[build](https://example.com/ci)"
    );
    assert_eq!(
        doc_markdown("请见https://example.com/doc"),
        "请见<https://example.com/doc>"
    );
}

/// A code span stays on one line whatever its text holds, so that no line
/// of it can start a block of its own (raw HTML, a heading, a list item).
#[test]
fn a_code_span_is_one_line() {
    for text in ["a\n<script>x</script>", "a\r\n# heading", "a\r- item"] {
        let span = codegen::render::text::code_span(text);
        assert!(!span.contains(['\n', '\r']), "{span:?}");
    }
    assert_eq!(codegen::render::text::code_span("a  b"), "`a  b`");
}
