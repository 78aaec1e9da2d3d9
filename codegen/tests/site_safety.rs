//! Whatever a catalog that validation accepts puts into any field the site
//! shows, the site's HTML holds only what the renderer writes: no script
//! but the layout's own two (its search index, JSON with no `<` in it, and
//! its code, the same whatever the catalog), no event-handler attribute, no
//! frame, no image or SVG element, no `javascript:`/`data:` URL. The
//! words of the site (filter label, copy-link name, what a copy and the
//! filter say, the advice's labels and words, the retry control's label)
//! are among the fields.

use codegen::catalog::COUNT_PLACEHOLDER;
use codegen::render::GeneratedFile;

const MINIMAL_YAML: &str = include_str!("fixtures/minimal.yaml");

/// `minimal.yaml` with the site's own words and some advice words on its
/// English page, and advice on 433 that shows them.
fn minimal() -> String {
    let other = "    other_language: \"Other languages:\"\n";
    let timeout = "    message: TimeLimitReached\n";
    assert_eq!(MINIMAL_YAML.matches(other).count(), 1);
    assert_eq!(MINIMAL_YAML.matches(timeout).count(), 1);
    MINIMAL_YAML
        .replacen(
            other,
            &format!(
                "{other}    filter: Filter\n    copy_link: Copy the link to\n    link_copied: Copied\n    copy_failed: Not copied\n    filter_count: Found {{count}}\n    filter_none: None found\n    advice:\n      who_acts: Who must act\n      function: the owner\n      retry: Retry\n      with_backoff: later\n      retry_helps: Only retryable\n"
            ),
            1,
        )
        .replacen(
            timeout,
            &format!("{timeout}    who_acts: function\n    retry: with_backoff\n"),
            1,
        )
}

/// Markup and URLs that would run or load something in a reader's browser.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=https://example.com></iframe>",
    "[click](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![x](data:image/svg+xml;base64,PHN2Zz4=)",
    "[ref]",
    "<a href=\"javascript:alert(1)\" onclick=\"x()\">a</a>",
];

/// Where the site shows catalog text, as `(line in minimal.yaml, value)`:
/// each payload replaces the value.
const FIELDS: &[(&str, &str)] = &[
    ("    title: Status codes\n", "Status codes"),
    (
        "    intro: What each code means.\n",
        "What each code means.",
    ),
    (
        "    untranslated: Not yet translated.\n",
        "Not yet translated.",
    ),
    ("      heading: Concepts\n", "Concepts"),
    ("          title: Handler\n", "Handler"),
    (
        "          body: The handler is the entry point.\n",
        "The handler is the entry point.",
    ),
    ("        description: It worked.\n", "It worked."),
    ("    name: English\n", "English"),
    ("    message: TimeLimitReached\n", "TimeLimitReached"),
    ("    filter: Filter\n", "Filter"),
    ("    copy_link: Copy the link to\n", "Copy the link to"),
    ("    link_copied: Copied\n", "Copied"),
    ("    copy_failed: Not copied\n", "Not copied"),
    ("    filter_count: Found {count}\n", "Found {count}"),
    ("    filter_none: None found\n", "None found"),
    ("      who_acts: Who must act\n", "Who must act"),
    ("      function: the owner\n", "the owner"),
    ("      retry: Retry\n", "Retry"),
    ("      with_backoff: later\n", "later"),
    ("      retry_helps: Only retryable\n", "Only retryable"),
];

#[test]
fn no_catalog_field_puts_markup_or_a_script_url_into_the_site() {
    let mut accepted = 0;
    let minimal = minimal();
    for (line, value) in FIELDS {
        assert_eq!(minimal.matches(line).count(), 1, "{line:?}");
        for payload in PAYLOADS {
            // (`[ref]` would be armed by a reference definition in another
            // text; validation refuses those, see broken case 48.) A label
            // with a placeholder keeps it, or validation refuses it.
            let payload = if value.contains(COUNT_PLACEHOLDER) {
                format!("{payload} {COUNT_PLACEHOLDER}")
            } else {
                (*payload).to_owned()
            };
            let catalog = minimal.replacen(
                line,
                &line.replacen(value, &format!("\"{}\"", payload.replace('"', "\\\"")), 1),
                1,
            );
            let Ok((_, files)) = codegen::generate(catalog.as_bytes()) else {
                continue;
            };
            accepted += 1;
            for file in files.iter().filter(|file| file.path.starts_with("site/")) {
                assert_only_the_renderers_markup(file, &payload);
            }
        }
    }
    // Most fields are not Markdown-checked: most combinations are accepted.
    assert!(accepted >= FIELDS.len() * 3, "only {accepted} accepted");
}

/// The layout's code, as the site of `minimal.yaml` has it.
fn layout_script() -> String {
    let (_, files) = codegen::generate(minimal().as_bytes()).unwrap();
    let page = files
        .iter()
        .find(|file| file.path == "site/en/index.html")
        .unwrap();
    let start = page.contents.rfind("<script>").unwrap();
    page.contents[start..].to_owned()
}

/// `html` without the layout's two scripts, after checking that they are
/// the layout's: the search index holds no `<` (so no text ends its
/// element) and the code is the layout's, unchanged.
fn without_layout_scripts(html: &str, source: &str) -> String {
    const INDEX: &str = "<script type=\"application/json\" id=\"search-index\">";
    let Some(start) = html.find(INDEX) else {
        return html.to_owned();
    };
    let end = start + html[start..].find("</script>").unwrap() + "</script>".len();
    let index = &html[start + INDEX.len()..end - "</script>".len()];
    assert!(
        !index.contains('<'),
        "{source}: the search index holds a `<`"
    );
    serde_json::from_str::<serde_json::Value>(index)
        .unwrap_or_else(|error| panic!("{source}: the search index is no JSON: {error}"));
    let rest = format!("{}{}", &html[..start], &html[end..]);
    let code = rest.rfind("<script>").unwrap();
    assert_eq!(
        rest[code..],
        layout_script(),
        "{source}: the layout's code changed"
    );
    rest[..code].to_owned()
}

fn assert_only_the_renderers_markup(file: &GeneratedFile, payload: &str) {
    let html = without_layout_scripts(&file.contents, payload).to_ascii_lowercase();
    let mut rest = html.as_str();
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        assert!(
            !["script", "iframe", "svg", "img", "object", "embed", "frame"]
                .contains(&name.as_str()),
            "{}: a <{name}> element from {payload:?}",
            file.path
        );
        for (key, value) in attributes(&tag[name.len()..]) {
            assert!(
                !key.starts_with("on"),
                "{}: attribute {key} from {payload:?}",
                file.path
            );
            assert!(
                !(value.starts_with("javascript:") || value.starts_with("data:")),
                "{}: URL {value} from {payload:?}",
                file.path
            );
        }
    }
}

/// The project's own adversarial catalogs, hostile and accepted alike.
#[test]
fn the_sites_of_the_hostile_and_accepted_catalogs_hold_only_the_renderers_markup() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut catalogs: Vec<_> = std::fs::read_dir(fixtures.join("accepted"))
        .unwrap()
        .map(|item| item.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    catalogs.push(fixtures.join("hostile.yaml"));
    assert!(catalogs.len() > 40);
    for catalog in catalogs {
        let (_, files) = codegen::generate(&std::fs::read(&catalog).unwrap())
            .unwrap_or_else(|failure| panic!("{}: {failure:?}", catalog.display()));
        for file in files.iter().filter(|file| file.path.starts_with("site/")) {
            assert_only_the_renderers_markup(file, &catalog.display().to_string());
        }
    }
}

/// The attributes of a tag's inside (after its name), as `(name, value)`;
/// a double-quoted value may hold spaces (the renderer quotes every value).
fn attributes(mut rest: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return found;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = &rest[name_end..];
        let value = if let Some(after) = rest.strip_prefix("=\"") {
            let end = after.find('"').unwrap_or(after.len());
            rest = after.get(end + 1..).unwrap_or("");
            &after[..end]
        } else if let Some(after) = rest.strip_prefix('=') {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            rest = &after[end..];
            &after[..end]
        } else {
            ""
        };
        found.push((name, value));
    }
}

/// The filter's controls, the retry control among them, are a template
/// the script clones: without script, the page has no control at all. The
/// retry control is there only where the page names codes a retry can help
/// (digits only, for the script); the labels are the page's, what a copy
/// and the filter say included.
#[test]
fn the_filters_controls_are_a_template_and_speak_the_pages_words() {
    let (_, files) = codegen::generate(include_bytes!("../../catalog.yaml")).unwrap();
    for (tag, label, said) in [
        (
            "en",
            "Only codes a retry can help",
            [
                "data-link-copied=\"Link copied\"",
                "data-copy-failed=\"Could not copy the link\"",
                "data-count=\"Matching codes: {count}\"",
                "data-none=\"No code matches\"",
            ],
        ),
        (
            "zh",
            "仅显示重试可能有效的状态码",
            [
                "data-link-copied=\"链接已复制\"",
                "data-copy-failed=\"无法复制链接\"",
                "data-count=\"匹配的状态码：{count} 个\"",
                "data-none=\"没有匹配的状态码\"",
            ],
        ),
    ] {
        let page = &files
            .iter()
            .find(|file| file.path == format!("site/{tag}/index.html"))
            .unwrap()
            .contents;
        assert!(page.contains("data-retry-helps=\"429 500\""), "{tag}");
        let (template, outside) = filter_template(page);
        assert!(
            template.contains(&format!(
                "<label class=\"retry-helps\"><input id=\"retry-helps\" type=\"checkbox\"> {label}</label>"
            )),
            "{tag}: {template}"
        );
        for words in said {
            assert!(page.contains(words), "{tag}: {words}");
        }
        for control in [
            "<input",
            "<button",
            "<select",
            "<textarea",
            "role=\"search\"",
        ] {
            assert!(
                !outside.contains(control),
                "{tag}: {control} outside the template"
            );
        }
    }
    // A catalog whose codes say nothing of retrying names none, and has no
    // retry control.
    let (_, files) = codegen::generate(MINIMAL_YAML.as_bytes()).unwrap();
    let page = &files
        .iter()
        .find(|file| file.path == "site/en/index.html")
        .unwrap()
        .contents;
    assert!(page.contains("data-retry-helps=\"\""));
    let (template, _) = filter_template(page);
    assert!(template.contains("<input id=\"filter\""), "{template}");
    assert!(!template.contains("retry-helps"), "{template}");
}

/// The filter's template, and the page without it.
fn filter_template(page: &str) -> (&str, String) {
    let start = page.find("<template id=\"filter-controls\">").unwrap();
    let end = start + page[start..].find("</template>").unwrap() + "</template>".len();
    (
        &page[start..end],
        format!("{}{}", &page[..start], &page[end..]),
    )
}
