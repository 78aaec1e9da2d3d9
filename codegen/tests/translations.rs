//! The translation gate: missing texts per language, translations whose
//! source changed since, records that are malformed, and `required: true`
//! turning a language's warnings into errors. Each test changes
//! `fixtures/minimal.yaml` in one place and states the exact findings.

use codegen::translation::{fingerprint, review};

mod support;
use support::edited_minimal;

const MINIMAL: &str = include_str!("fixtures/minimal.yaml");

/// Warnings of a catalog that loads, as `LINE:COL: message`.
fn warnings(source: &str) -> Vec<String> {
    let catalog = codegen::load_catalog(source.as_bytes()).expect("the catalog loads");
    review(&catalog)
        .iter()
        .map(|finding| {
            assert!(
                finding.is_warning(),
                "an error in a catalog that loaded: {finding:?}"
            );
            format!("{}: {}", finding.at, finding.message)
        })
        .collect()
}

/// Errors of a catalog that does not load, as `LINE:COL: message`.
fn errors(source: &str) -> Vec<String> {
    match codegen::load_catalog(source.as_bytes()) {
        Ok(_) => panic!("the catalog loaded"),
        Err(diagnostics) => diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.at, d.message))
            .collect(),
    }
}

/// The fingerprint of 200's English text in minimal.yaml.
fn english_200() -> String {
    let catalog = codegen::load_catalog(MINIMAL.as_bytes()).unwrap();
    fingerprint(catalog.entries[0].text_in("en").unwrap())
}

/// 200 Success, its zh text recorded as translated from en.
fn recorded(record: &str) -> String {
    edited_minimal(&[(
        "        description: 成功。\n",
        &format!("        description: 成功。\n        translated_from: {record}\n"),
    )])
}

#[test]
fn missing_texts_and_unrecorded_translations_are_warnings_by_default() {
    assert_eq!(
        warnings(MINIMAL),
        [
            "49:7: 200 Success has en and zh texts and none of them records the text it was translated from",
            "57:7: 433 TimeLimitReached has no zh description or solution",
            "65:7: 439 UserProcessExit has no en description",
        ]
    );
}

#[test]
fn a_missing_solution_is_reported_only_where_another_language_has_one() {
    // 433 gains a zh description but no solution; its en text has one.
    let source = edited_minimal(&[(
        "        solution: See [the handler](#handler) and [the docs](https://example.com/docs#limits).\n",
        "        solution: See [the handler](#handler) and [the docs](https://example.com/docs#limits).\n      zh:\n        description: 函数超时。\n        translated_from: en 00000000\n",
    )]);
    let found = warnings(&source);
    assert!(
        found.contains(&"57:7: 433 TimeLimitReached has no zh solution".to_owned()),
        "{found:#?}"
    );
}

#[test]
fn a_current_record_silences_the_unrecorded_warning() {
    let found = warnings(&recorded(&format!("en {}", english_200())));
    assert!(
        !found.iter().any(|warning| warning.contains("200 Success")),
        "{found:#?}"
    );
}

#[test]
fn a_changed_source_makes_the_translation_stale_and_says_what_to_write() {
    let before = english_200();
    let source = recorded(&format!("en {before}")).replacen("It worked.", "It worked well.", 1);
    let catalog = codegen::load_catalog(source.as_bytes()).unwrap();
    let after = fingerprint(catalog.entries[0].text_in("en").unwrap());
    assert_ne!(before, after);
    let stale: Vec<_> = review(&catalog)
        .into_iter()
        .filter(|finding| finding.message.contains("stale"))
        .collect();
    assert_eq!(stale.len(), 1, "{stale:#?}");
    assert_eq!(
        format!("{}: {}", stale[0].at, stale[0].message),
        format!(
            "53:26: the zh text of 200 Success is stale: its en source has changed since it was translated (fingerprint {before}, now {after})"
        )
    );
    assert_eq!(
        stale[0].notes,
        [format!(
            "review the zh text against the en text, then write `translated_from: en {after}`"
        )]
    );
}

#[test]
fn the_fingerprint_covers_description_and_solution_and_is_stable() {
    let catalog = codegen::load_catalog(MINIMAL.as_bytes()).unwrap();
    let text = catalog.entries[1].text_in("en").unwrap();
    // Pinned (and checked against an independent FNV-1a): a new hash
    // function would mark every translation in every catalog stale.
    assert_eq!(fingerprint(text), "d280b901");
    let changed = MINIMAL.replacen("[the docs]", "[the manual]", 1);
    let catalog = codegen::load_catalog(changed.as_bytes()).unwrap();
    assert_ne!(
        fingerprint(catalog.entries[1].text_in("en").unwrap()),
        "d280b901"
    );
}

#[test]
fn malformed_and_impossible_records_are_errors() {
    assert_eq!(
        errors(&recorded("english")),
        [
            "53:26: `translated_from` is `english`; write the source language's tag and the fingerprint of its text, like `zh 1a2b3c4d`"
        ]
    );
    assert_eq!(
        errors(&recorded("zh 1a2b3c4d")),
        ["53:26: the zh text of 200 Success says it was translated from itself"]
    );
    assert_eq!(
        errors(&recorded("fr 1a2b3c4d")),
        [
            "53:26: the zh text of 200 Success says it was translated from fr, but the entry has no fr text"
        ]
    );
    let mutual = recorded("en 1a2b3c4d").replacen(
        "        description: It worked.\n",
        "        description: It worked.\n        translated_from: zh 1a2b3c4d\n",
        1,
    );
    let found = errors(&mutual);
    assert!(
        found.iter().any(|error| error.ends_with("each say they were translated from the other; keep `translated_from` on the translation only")),
        "{found:#?}"
    );
}

#[test]
fn a_required_language_turns_its_findings_into_errors() {
    let source = edited_minimal(&[("    name: 中文\n", "    name: 中文\n    required: true\n")]);
    assert_eq!(
        errors(&source),
        [
            "50:7: 200 Success has en and zh texts and none of them records the text it was translated from",
            "58:7: 433 TimeLimitReached has no zh description or solution",
        ]
    );
    // What concerns only English stays a warning.
    let fixed = source
        .replacen(
            "        solution: See [the handler](#handler) and [the docs](https://example.com/docs#limits).\n",
            "        solution: See [the handler](#handler) and [the docs](https://example.com/docs#limits).\n      zh:\n        description: 函数超时。\n        solution: 见文档。\n        translated_from: en 00000000\n",
            1,
        )
        .replacen("        description: 成功。\n", &format!("        description: 成功。\n        translated_from: en {}\n", english_200()), 1);
    let found = errors(&fixed);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("the zh text of 433 TimeLimitReached is stale"),
        "{found:#?}"
    );
}
