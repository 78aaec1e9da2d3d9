//! One broken catalog per rule: each test changes `fixtures/minimal.yaml` in
//! one place and states the exact problems reported, as `LINE:COL: message`.

use codegen::diagnostic::Diagnostic;

const MINIMAL: &str = include_str!("fixtures/minimal.yaml");

/// The problems found in `source`, as `LINE:COL: message`, in file order.
fn problems(source: &str) -> Vec<String> {
    match codegen::load_catalog(source.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics
            .iter()
            .map(|d: &Diagnostic| format!("{}: {}", d.at, d.message))
            .collect(),
    }
}

/// `minimal.yaml` with `from` (which must occur exactly once) replaced.
fn broken(from: &str, to: &str) -> String {
    assert_eq!(
        MINIMAL.matches(from).count(),
        1,
        "`{from}` must occur once in minimal.yaml"
    );
    MINIMAL.replacen(from, to, 1)
}

#[test]
fn the_minimal_catalog_is_valid() {
    assert_eq!(problems(MINIMAL), Vec::<String>::new());
}

#[test]
fn malformed_yaml_points_at_the_syntax_error() {
    let found = problems(&broken("    id: Success\n", "    id: [Success\n"));
    // The parser notices the unclosed `[` where the flow sequence breaks.
    assert_eq!(
        found,
        ["47:12: invalid YAML: illegal placement of ':' indicator"]
    );
}

#[test]
fn unknown_field_is_reported_with_the_expected_ones() {
    let source = broken("    message: Success\n", "    mesage: Success\n");
    assert_eq!(
        problems(&source),
        [
            "45:5: missing field `message`",
            "47:5: unknown field `mesage`"
        ]
    );
    let diagnostics = codegen::load_catalog(source.as_bytes()).unwrap_err();
    let unknown = diagnostics
        .iter()
        .find(|d| d.message.contains("mesage"))
        .unwrap();
    assert_eq!(
        unknown.notes,
        [
            "expected one of `code`, `id`, `message`, `aliases`, `text`, `deprecated`, `who_acts`, `retry`"
        ]
    );
}

#[test]
fn missing_field_points_at_the_mapping_that_lacks_it() {
    assert_eq!(
        problems(&broken("    id: TimeLimitReached\n", "")),
        ["53:5: missing field `id`"]
    );
}

#[test]
fn wrong_type_says_what_was_expected_and_found() {
    assert_eq!(
        problems(&broken("  - code: 433\n", "  - code: four-three-three\n")),
        ["53:11: expected an integer from 0 to 4294967295, found text"]
    );
    assert_eq!(
        problems(&broken("  version: 1.0.0\n", "  version: 1.0\n")),
        ["5:12: expected text (put the value in quotes), found the number `1`"]
    );
}

#[test]
fn duplicate_key_in_one_mapping() {
    assert_eq!(
        problems(&broken(
            "    id: Success\n",
            "    id: Success\n    id: Other\n"
        )),
        ["47:5: duplicate key `id`"]
    );
}

#[test]
fn duplicate_code_names_both_places() {
    let source = broken("  - code: 439\n", "  - code: 433\n");
    assert_eq!(problems(&source), ["60:11: duplicate code 433"]);
    let diagnostics = codegen::load_catalog(source.as_bytes()).unwrap_err();
    assert_eq!(diagnostics[0].notes, ["first used at 53:11"]);
}

#[test]
fn duplicate_identifier() {
    assert_eq!(
        problems(&broken("    id: UserProcessExit\n", "    id: Success\n")),
        ["61:9: duplicate id `Success`"]
    );
}

#[test]
fn identifiers_that_clash_after_case_conversion() {
    // An id must be written as its own UpperCamelCase, so two ids that
    // differ only in case cannot both pass.
    assert_eq!(
        problems(&broken(
            "    id: UserProcessExit\n",
            "    id: TimeLimitReached2\n"
        )),
        Vec::<String>::new(),
        "a different name is fine"
    );
    assert_eq!(
        problems(&broken(
            "    id: UserProcessExit\n",
            "    id: TIMELimitReached\n"
        )),
        [
            "61:9: id `TIMELimitReached` is not UpperCamelCase; write `TimeLimitReached` (acronyms as words, as in `InvalidSubnetId`)"
        ]
    );
}

/// Every name an id becomes is the id itself (the enum variant, the
/// TypeScript member), so an id of one capital and digits is no clash with
/// itself.
#[test]
fn an_identifier_of_one_capital_and_digits() {
    assert_eq!(
        problems(&broken("    id: UserProcessExit\n", "    id: E439\n")),
        Vec::<String>::new()
    );
}

#[test]
fn identifier_that_is_a_keyword_after_conversion() {
    assert_eq!(
        problems(&broken("    id: Success\n", "    id: Self\n")),
        ["46:9: id `Self` becomes the Rust enum variant `Self`, which is a keyword there"]
    );
}

#[test]
fn identifier_invalid_in_rust_or_typescript() {
    assert_eq!(
        problems(&broken("    id: Success\n", "    id: Suc$cess\n")),
        [
            "46:9: id `Suc$cess` is not an identifier: use ASCII letters and digits, starting with an uppercase letter"
        ]
    );
    assert_eq!(
        problems(&broken("    id: Success\n", "    id: 2xxSuccess\n")),
        [
            "46:9: id `2xxSuccess` is not an identifier: use ASCII letters and digits, starting with an uppercase letter"
        ]
    );
}

#[test]
fn type_name_that_is_a_keyword() {
    assert_eq!(
        problems(&broken("  type_name: DemoStatus\n", "  type_name: Self\n")),
        ["7:14: type_name `Self` becomes the Rust type `Self`, which is a keyword there"]
    );
}

/// A `type_name` whose generated names would collide with a name the
/// outputs already declare or use is refused at `type_name`, never left to
/// break a build.
#[test]
fn type_name_whose_generated_names_clash_with_the_outputs_own() {
    for (type_name, clash) in [
        // The npm package's type of its texts' language, and its runtime
        // object and code type are named `type_name` itself.
        (
            "Translated",
            "the TypeScript runtime object and code type `Translated`",
        ),
        // `{type_name}Code` is the open code type; the error type exists.
        ("UnknownStatus", "the Rust code type `UnknownStatusCode`"),
        // The prelude's `Option` would be shadowed.
        ("Option", "the Rust type `Option`"),
        // `{type_name}Id` in TypeScript is the fixed `CodeById`.
        ("CodeBy", "the TypeScript identifier type `CodeById`"),
        // The runtime object and its type take `type_name` as it is.
        (
            "CodeOf",
            "the TypeScript runtime object and code type `CodeOf`",
        ),
    ] {
        assert_eq!(
            problems(&broken(
                "  type_name: DemoStatus\n",
                &format!("  type_name: {type_name}\n")
            )),
            [format!(
                "7:14: type_name `{type_name}` becomes {clash}, a name the generated {} code already declares or uses; choose another",
                if clash.contains("TypeScript") {
                    "TypeScript"
                } else {
                    "Rust"
                }
            )]
        );
    }
}

#[test]
fn package_keywords_follow_crates_io_rules() {
    assert_eq!(
        problems(&broken(
            "  keywords: [demo]\n",
            "  keywords: [demo, a, b, c, d, \"two words\"]\n"
        )),
        [
            "9:32: 6 keywords given; crates.io accepts at most 5",
            "9:32: keyword `two words` must be 1 to 20 ASCII letters, digits, `-` or `_`, starting with a letter"
        ]
    );
}

#[test]
fn code_blocks_in_texts_are_rejected() {
    assert_eq!(
        problems(&broken(
            "        description: It worked.\n",
            "        description: |\n          It worked:\n\n              let x = 1;\n"
        )),
        ["51:11: description contains a code block"]
    );
}

#[test]
fn code_outside_the_declared_range() {
    assert_eq!(
        problems(&broken("  - code: 439\n", "  - code: 600\n")),
        ["60:11: code 600 is outside the declared range 100..=599"]
    );
}

#[test]
fn undeclared_language() {
    assert_eq!(
        problems(&broken(
            "      zh:\n        description: 用户进程意外退出。\n",
            "      fr:\n        description: Le processus a quitté.\n"
        )),
        ["65:7: language `fr` is not declared under `languages` (declared: en, zh)"]
    );
}

#[test]
fn empty_text() {
    assert_eq!(
        problems(&broken(
            "        description: It worked.\n",
            "        description: \"  \"\n"
        )),
        ["50:22: description is empty"]
    );
    assert_eq!(
        problems(&broken(
            "        description: It worked.\n",
            "        description:\n"
        )),
        [
            "50:20: expected text (write the text after the colon, or \"\" if it is meant to be empty), found an empty value"
        ]
    );
}

#[test]
fn entry_without_text_in_any_language() {
    assert_eq!(
        problems(&broken(
            "    text:\n      zh:\n        description: 用户进程意外退出。\n",
            "    text: {}\n"
        )),
        ["64:11: entry 439 has no text in any language; give it at least a description"]
    );
}

#[test]
fn link_that_is_neither_http_nor_an_existing_anchor() {
    assert_eq!(
        problems(&broken("[the handler](#handler)", "[the handler](#handlr)")),
        [
            "59:19: solution links to `#handlr`: no such anchor on the page (anchors are the codes, like #433, and #handler)"
        ]
    );
    assert_eq!(
        problems(&broken(
            "(https://example.com/docs#limits)",
            "(ftp://example.com/docs)"
        )),
        [
            "59:19: solution links to `ftp://example.com/docs`: a link must be an http(s) URL or an in-page anchor like #handler"
        ]
    );
}

#[test]
fn links_to_codes_are_anchors_that_exist() {
    assert_eq!(
        problems(&broken("[the handler](#handler)", "[the timeout](#433)")),
        Vec::<String>::new()
    );
    assert_eq!(
        problems(&broken("[the handler](#handler)", "[the timeout](#434)")),
        [
            "59:19: solution links to `#434`: no such anchor on the page (anchors are the codes, like #433, and #handler)"
        ]
    );
}

#[test]
fn raw_html_in_text_is_rejected() {
    assert_eq!(
        problems(&broken(
            "        description: It worked.\n",
            "        description: It <b>worked</b>.\n"
        )),
        [
            "50:22: description contains raw HTML `<b>`",
            "50:22: description contains raw HTML `</b>`"
        ]
    );
}

#[test]
fn message_with_surrounding_whitespace() {
    assert_eq!(
        problems(&broken(
            "    message: TimeLimitReached\n",
            "    message: \"TimeLimitReached \"\n"
        )),
        ["55:14: message `TimeLimitReached ` has leading or trailing whitespace"]
    );
}

#[test]
fn alias_that_is_another_entrys_message() {
    assert_eq!(
        problems(&broken(
            "aliases: [User preocess exit when running]",
            "aliases: [TimeLimitReached]"
        )),
        ["63:15: alias `TimeLimitReached` is the message of another entry"]
    );
}

#[test]
fn two_entries_may_share_a_message() {
    assert_eq!(
        problems(&broken(
            "    message: User process exit when running\n",
            "    message: TimeLimitReached\n"
        )),
        Vec::<String>::new()
    );
}

#[test]
fn language_without_a_page() {
    assert_eq!(
        problems(&broken(
            "  - tag: zh\n    name: 中文\n",
            "  - tag: zh\n    name: 中文\n  - tag: ja\n    name: 日本語\n"
        )),
        ["19:10: language `ja` has no entry under `pages`"]
    );
}

#[test]
fn every_problem_of_the_file_is_reported_at_once() {
    let source = broken("  - code: 439\n", "  - code: 433\n")
        .replacen("    id: Success\n", "    id: Self\n", 1)
        .replacen(
            "    message: TimeLimitReached\n",
            "    message: TimeLimitReached\n    colour: red\n",
            1,
        )
        .replacen("[the handler](#handler)", "[the handler](#nowhere)", 1);
    let found = problems(&source);
    assert_eq!(
        found,
        [
            "46:9: id `Self` becomes the Rust enum variant `Self`, which is a keyword there",
            "56:5: unknown field `colour`",
            "60:19: solution links to `#nowhere`: no such anchor on the page (anchors are the codes, like #433, and #handler)",
            "61:11: duplicate code 433",
        ]
    );
}

#[test]
fn an_empty_file_says_what_is_missing() {
    assert_eq!(
        problems(""),
        ["1:1: the catalog is empty; see the header of catalog.yaml for what it holds"]
    );
}

#[test]
fn a_file_that_is_not_utf8_points_at_the_first_bad_byte() {
    let mut bytes = MINIMAL.as_bytes().to_vec();
    let offset = MINIMAL.find("It worked").unwrap();
    bytes[offset + 3] = 0xFF;
    let diagnostics = codegen::load_catalog(&bytes).unwrap_err();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].at.to_string(), "50:25");
    assert!(
        diagnostics[0]
            .message
            .starts_with("the catalog is not valid UTF-8 (byte 0xFF"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn rendered_diagnostic_shows_the_line_and_underlines_the_value() {
    let source = broken("  - code: 439\n", "  - code: 433\n");
    let diagnostics = codegen::load_catalog(source.as_bytes()).unwrap_err();
    assert_eq!(
        diagnostics[0].render("catalog.yaml", &source),
        "catalog.yaml:60:11: duplicate code 433\n   |\n60 |   - code: 433\n   |           ^^^\n  = first used at 53:11\n"
    );
}

/// No input makes loading panic: every prefix of the minimal catalog, and the
/// catalog with each line removed, doubled, or indented with a tab.
#[test]
fn no_mangled_catalog_panics() {
    let mut inputs: Vec<String> = MINIMAL
        .char_indices()
        .map(|(offset, _)| MINIMAL[..offset].to_owned())
        .collect();
    let lines: Vec<&str> = MINIMAL.lines().collect();
    for index in 0..lines.len() {
        let mut removed = lines.clone();
        removed.remove(index);
        inputs.push(removed.join("\n"));
        let mut doubled = lines.clone();
        doubled.insert(index, lines[index]);
        inputs.push(doubled.join("\n"));
        let mut tabbed = lines.clone();
        let tab_line = format!("\t{}", lines[index].trim_start());
        tabbed[index] = &tab_line;
        inputs.push(tabbed.join("\n"));
    }
    for input in &inputs {
        // Ok or Err are both fine; the assertion is that this returns.
        if let Err(problems) = codegen::load_catalog(input.as_bytes()) {
            assert!(!problems.is_empty());
            for problem in &problems {
                assert!(problem.at.line >= 1, "{problem:?} for input:\n{input}");
            }
        }
    }
}

/// Language tags become `Lang` variants: a keyword or two tags that make the
/// same variant would leave a crate that does not compile.
#[test]
fn language_tags_that_become_a_keyword_or_the_same_variant() {
    let found = problems(&broken("  - tag: zh\n", "  - tag: self\n"));
    assert!(
        found.contains(&"17:10: language tag `self` becomes the Rust variant `Lang::Self`, which is a keyword or not an identifier there".to_owned()),
        "{found:?}"
    );
    let found = problems(&broken("  - tag: zh\n", "  - tag: en-\n"));
    assert!(
        found.contains(
            &"17:10: language tags `en-` and `en` both become the Rust variant `Lang::En`"
                .to_owned()
        ),
        "{found:?}"
    );
}

#[test]
fn a_package_name_that_is_a_rust_keyword() {
    assert_eq!(
        problems(&broken("  name: demo-status\n", "  name: match\n")),
        [
            "4:9: package name `match` is the Rust keyword `match`; code cannot `use` the crate by it"
        ]
    );
}

#[test]
fn a_package_name_that_is_a_sysroot_crate() {
    assert_eq!(
        problems(&broken("  name: demo-status\n", "  name: core\n")),
        [
            "4:9: package name `core` is the name of a crate Rust provides or the generated crate depends on; code that depends on it could not tell them apart"
        ]
    );
}

/// The problems found in `source`, as `LINE:COL: message / note / …`.
fn problems_with_notes(source: &str) -> Vec<String> {
    match codegen::load_catalog(source.as_bytes()) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics
            .iter()
            .map(|d| {
                let mut line = format!("{}: {}", d.at, d.message);
                for note in &d.notes {
                    line.push_str(" / ");
                    line.push_str(note);
                }
                line
            })
            .collect(),
    }
}

/// Every value that must be unique is reported at each repeat, with a note
/// that points at the first time it was written.
#[test]
fn each_repeat_points_at_the_first_occurrence() {
    let zh = "  - tag: zh\n    name: 中文\n";
    assert_eq!(
        problems_with_notes(&broken(zh, &zh.repeat(3))),
        [
            "19:10: language `zh` is declared twice / first declared at 17:10",
            "21:10: language `zh` is declared twice / first declared at 17:10",
        ]
    );
    let section = "        - anchor: handler\n          title: Handler\n          body: The handler is the entry point.\n";
    assert_eq!(
        problems_with_notes(&broken(section, &section.repeat(3))),
        [
            "32:19: anchor `handler` is used twice on this page / first used at 29:19",
            "35:19: anchor `handler` is used twice on this page / first used at 29:19",
        ]
    );
    let source = broken("  - code: 433\n", "  - code: 200\n").replacen(
        "  - code: 439\n",
        "  - code: 200\n",
        1,
    );
    assert_eq!(
        problems_with_notes(&source),
        [
            "53:11: duplicate code 200 / first used at 45:11",
            "60:11: duplicate code 200 / first used at 45:11",
        ]
    );
    assert_eq!(
        problems_with_notes(&broken(
            "    aliases: [User preocess exit when running]\n",
            "    aliases: [Exit, Exit, Exit]\n"
        )),
        [
            "63:21: alias `Exit` is given twice / first given at 63:15",
            "63:27: alias `Exit` is given twice / first given at 63:15",
        ]
    );
    let retired =
        "  - code: 500\n    id: Old\n    message: Old\n    since: 0.9.0\n    reason: Gone.\n";
    assert_eq!(
        problems_with_notes(&format!(
            "{}retired:\n{}",
            broken("  - code: 439\n", "  - code: 500\n"),
            retired.repeat(3)
        )),
        [
            "60:11: code 500 was retired and is never reused: consumers may still receive it with its old meaning / retired at 68:11",
            "73:11: code 500 is retired twice / first retired at 68:11",
            "78:11: code 500 is retired twice / first retired at 68:11",
        ]
    );
}

#[test]
fn empty_advice_words_and_unknown_ones() {
    // `advice:` goes under the English page's line 25.
    assert_eq!(
        problems(&broken(
            "    other_language: \"Other languages:\"\n",
            "    other_language: \"Other languages:\"\n    advice:\n      retry: \" \"\n      caller: \"\"\n      somebody: x\n"
        )),
        [
            "27:14: page label is empty",
            "28:15: page label is empty",
            "29:7: unknown field `somebody`"
        ]
    );
}

#[test]
fn a_count_label_holds_its_placeholder_exactly_once() {
    // The labels go under the English page's line 25.
    let page = |labels: &str| {
        broken(
            "    other_language: \"Other languages:\"\n",
            &format!("    other_language: \"Other languages:\"\n{labels}"),
        )
    };
    let refused = "page label `filter_count` must hold `{count}` exactly once: the site puts the number of matching codes there (like `Matching codes: {count}`)";
    assert_eq!(
        problems(&page(
            "    filter_count: Matching codes\n    filter_none: \"\"\n    link_copied: \" \"\n"
        )),
        [
            format!("26:19: {refused}"),
            "27:18: page label is empty".to_owned(),
            "28:18: page label is empty".to_owned(),
        ]
    );
    assert_eq!(
        problems(&page("    filter_count: \"{count} of {count}\"\n")),
        [format!("26:19: {refused}")]
    );
    assert!(problems(&page("    filter_count: \"{count}\"\n")).is_empty());
}
