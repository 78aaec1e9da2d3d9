//! No output states a fact of one particular catalog: the codes, names and
//! messages in the generated crate's docs and examples, and everywhere else,
//! come from the catalog being rendered.

use codegen::render::RENDERERS;

const MINIMAL: &str = include_str!("fixtures/minimal.yaml");

/// Whether `word` occurs in `text` as a whole word (not inside a longer
/// number or name).
fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|token| token == word)
}

#[test]
fn a_catalog_without_433_461_or_time_limit_reached_yields_none_of_them() {
    let catalog = MINIMAL
        .replace("433", "452")
        .replace("TimeLimitReached", "QuotaExceeded");
    for word in ["433", "461", "TimeLimitReached"] {
        assert!(!has_word(&catalog, word), "{word} is still in the catalog");
    }
    let (checked, files) =
        codegen::generate_with(catalog.as_bytes(), None, RENDERERS).expect("the catalog renders");
    // The examples need a code the catalog does not use, so that one exists.
    assert_eq!(checked.model.unknown_example_code(), Some(453));
    assert!(files.len() > 10, "{} files", files.len());
    for file in &files {
        for word in ["433", "461", "TimeLimitReached"] {
            assert!(
                !has_word(&file.contents, word),
                "{} states `{word}`, a fact of another catalog",
                file.path
            );
        }
    }
    let lib = &files
        .iter()
        .find(|file| file.path == "rust/src/lib.rs")
        .expect("the crate's source")
        .contents;
    assert!(
        lib.contains(
            "Displays as `439 User process exit when running`, or as `453 <unknown status code>`."
        ),
        "the open code type's docs show this catalog's example"
    );
}
