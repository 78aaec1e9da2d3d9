//! Whatever a catalog that validation accepts puts into any field the site
//! shows, the site's HTML holds only what the renderer writes: no script,
//! no event-handler attribute, no frame, no image or SVG element, no
//! `javascript:`/`data:` URL.

use codegen::render::GeneratedFile;

const MINIMAL: &str = include_str!("fixtures/minimal.yaml");

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
];

#[test]
fn no_catalog_field_puts_markup_or_a_script_url_into_the_site() {
    let mut accepted = 0;
    for (line, value) in FIELDS {
        assert_eq!(MINIMAL.matches(line).count(), 1, "{line:?}");
        for payload in PAYLOADS {
            // (`[ref]` would be armed by a reference definition in another
            // text; validation refuses those, see broken case 48.)
            let catalog = MINIMAL.replacen(
                line,
                &line.replacen(value, &format!("\"{}\"", payload.replace('"', "\\\"")), 1),
                1,
            );
            let Ok((_, files)) = codegen::generate(catalog.as_bytes()) else {
                continue;
            };
            accepted += 1;
            for file in files.iter().filter(|file| file.path.starts_with("site/")) {
                assert_only_the_renderers_markup(file, payload);
            }
        }
    }
    // Most fields are not Markdown-checked: most combinations are accepted.
    assert!(accepted >= FIELDS.len() * 3, "only {accepted} accepted");
}

fn assert_only_the_renderers_markup(file: &GeneratedFile, payload: &str) {
    let html = file.contents.to_ascii_lowercase();
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
        for attribute in tag.split_whitespace().skip(1) {
            let (key, value) = attribute.split_once('=').unwrap_or((attribute, ""));
            assert!(
                !key.starts_with("on"),
                "{}: attribute {key} from {payload:?}",
                file.path
            );
            let value = value.trim_matches('"');
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
