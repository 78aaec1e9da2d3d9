//! The checked model: what validation hands the renderers. It can be built
//! without YAML, and every renderer takes nothing else.

use codegen::model::{
    AdviceWords, Columns, Concepts, Entry, EntryNames, Language, Model, Names, ONE_PAGE_MOST,
    Package, Page, PageId, RANGE_WIDTH, Text, Width,
};
use codegen::render::RENDERERS;
use codegen::version::Version;

const MINIMAL: &[u8] = include_bytes!("fixtures/minimal.yaml");

fn page(untranslated: &str) -> Page {
    Page {
        title: "Codes".into(),
        intro: "The codes.".into(),
        columns: Columns {
            status: "Status".into(),
            description: "Description".into(),
            solution: "Solution".into(),
        },
        untranslated: untranslated.into(),
        other_language: "Other:".into(),
        deprecated: "Deprecated".into(),
        since: "Depuis".into(),
        retired: "Codes retirés".into(),
        retired_in: "Retiré en".into(),
        filter: "Filtrer".into(),
        copy_link: "Copier le lien vers".into(),
        link_copied: "Lien copié".into(),
        copy_failed: "Impossible de copier le lien".into(),
        filter_count: "Codes trouvés : {count}".into(),
        filter_none: "Aucun code ne correspond".into(),
        advice: AdviceWords {
            who_acts: "Qui doit agir :".into(),
            nobody: "personne".into(),
            caller: "l’appelant".into(),
            function: "le propriétaire de la fonction".into(),
            account: "le propriétaire du compte".into(),
            platform: "la plateforme".into(),
            retry: "Réessayer :".into(),
            not_needed: "inutile".into(),
            with_backoff: "plus tard, en espaçant".into(),
            after_fix: "après correction".into(),
            caller_decides: "à l’appelant de voir".into(),
            retry_helps: "Seulement les codes qu’un nouvel essai peut aider".into(),
        },
        concepts: Concepts {
            heading: "Concepts".into(),
            sections: Vec::new(),
        },
    }
}

fn entry(code: u32, id: &str, texts: Vec<Option<Text>>) -> Entry {
    Entry {
        code,
        since: "1.2.3".parse().unwrap(),
        id: id.into(),
        names: EntryNames {
            rust_variant: id.into(),
            typescript_member: id.into(),
        },
        message: id.into(),
        aliases: Vec::new(),
        texts,
        deprecation: None,
        who_acts: None,
        retry: None,
    }
}

fn text(description: &str) -> Option<Text> {
    Some(Text::new(description, None))
}

/// A two-language model written out by hand.
fn hand_built() -> Model {
    Model {
        package: Package {
            name: "hand-status".into(),
            version: "1.2.3".parse().unwrap(),
            description: "Hand-built".into(),
            license: "MIT".into(),
            repository: None,
            site: None,
            keywords: Vec::new(),
            categories: Vec::new(),
        },
        names: Names {
            crate_path: "hand_status".into(),
            status: "HandStatus".into(),
            code: "HandStatusCode".into(),
        },
        code_width: Width::U16,
        index_width: Width::U16,
        languages: vec![
            Language {
                tag: "en".into(),
                name: "English".into(),
                required: false,
                rust_variant: "En".into(),
                page: page("Not translated."),
            },
            Language {
                tag: "fr".into(),
                name: "Français".into(),
                required: false,
                rust_variant: "Fr".into(),
                page: page("Pas traduit."),
            },
        ],
        entries: vec![
            entry(200, "Fine", vec![text("All good."), text("Tout va bien.")]),
            entry(404, "Gone", vec![None, text("Parti.")]),
        ],
        retired: Vec::new(),
    }
}

#[test]
fn a_model_built_without_yaml_renders_every_output() {
    let model = hand_built();
    let files = codegen::render::render_in_memory(&model, RENDERERS).unwrap();
    let file = |path: &str| {
        &files
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .contents
    };
    assert!(file("rust/src/lib.rs").contains("pub enum HandStatus"));
    assert!(file("rust/Cargo.toml").contains("version = \"1.2.3\""));
    let english = file("docs/en/status-codes.md");
    // 404 has no English text: the page says so and links to French.
    assert!(
        english.contains("Not translated. [Français](../fr/status-codes.md#404)"),
        "{english}"
    );
    assert!(file("typescript/catalog.d.ts").contains("readonly 404: {"));
    assert!(file("typescript/fr/index.mjs").contains("Tout va bien."));
    assert!(file("data/status-codes.json").contains("\"code\": 404"));
    assert!(file("site/fr/index.html").contains("Tout va bien."));
}

#[test]
fn the_loaded_catalog_becomes_a_model_in_code_order_with_names_resolved() {
    let model = codegen::check(MINIMAL).unwrap().model;
    let codes: Vec<u32> = model.entries.iter().map(|entry| entry.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_unstable();
    assert_eq!(codes, sorted);
    assert_eq!(model.names.status, "DemoStatus");
    assert_eq!(model.names.code, "DemoStatusCode");
    assert_eq!(model.names.crate_path, "demo_status");
    assert_eq!(model.code_width, Width::U16);
    assert_eq!(
        model.package.version,
        Version {
            major: 1,
            minor: 0,
            patch: 0
        }
    );
    let tags: Vec<&str> = model
        .languages
        .iter()
        .map(|language| language.tag.as_str())
        .collect();
    assert_eq!(tags, ["en", "zh"]);
    for entry in &model.entries {
        assert_eq!(entry.texts.len(), model.languages.len());
    }
}

#[test]
fn a_missing_text_falls_back_in_language_order() {
    let model = hand_built();
    let gone = model.entry(404).unwrap();
    assert_eq!(gone.text(0), None);
    let (language, text) = gone.text_or_fallback(0).unwrap();
    assert_eq!((language, text.description.as_str()), (1, "Parti."));
    let fine = model.entry(200).unwrap();
    assert_eq!(fine.text_or_fallback(1).unwrap().0, 1);
    // The example is the first entry that is neither a success nor deprecated.
    assert_eq!(model.example().code, 404);
    assert_eq!(model.coverage(), [("en", 1, 2), ("fr", 2, 2)]);
}

#[test]
fn the_code_width_follows_the_declared_range() {
    assert_eq!(Width::holding(65_535), Width::U16);
    assert_eq!(Width::holding(65_536), Width::U32);
    assert_eq!(Width::U32.rust(), "u32");
}

#[test]
fn the_example_is_an_entry_its_own_message_finds() {
    // 404 is deprecated; 405 shares its message, so a lookup by that
    // message finds 404: neither can be the example of `parse`.
    let mut model = hand_built();
    model.entries[1].deprecation = Some(codegen::model::Deprecation {
        since: "1.2.0".parse().unwrap(),
        reason: "Gone for good.".into(),
        replaced_by: None,
    });
    let mut shared = entry(405, "GoneAgain", vec![text("Gone again."), None]);
    shared.message = "Gone".into();
    model.entries.push(shared);
    assert_eq!(model.example().code, 200);
    model.entries[1].deprecation = None;
    assert_eq!(model.example().code, 404);
}

#[test]
fn a_shared_message_or_alias_is_owned_by_its_lowest_code() {
    let mut model = hand_built();
    model.entries[1].aliases = vec!["Fine".into(), "Away".into()];
    model
        .entries
        .push(entry(405, "Away", vec![text("Away."), None]));
    let owners: Vec<(&str, Vec<u32>)> = model
        .accepted_messages()
        .into_iter()
        .map(|message| (message.text, message.codes))
        .collect();
    assert_eq!(
        owners,
        [
            ("Fine", vec![200, 404]),
            ("Gone", vec![404]),
            ("Away", vec![404, 405]),
        ]
    );
    assert_eq!(model.owner_of_message("Away").map(|e| e.code), Some(404));
    assert_eq!(model.owner_of_message("Fine").map(|e| e.code), Some(200));
    assert_eq!(model.owner_of_message("Nowhere").map(|e| e.code), None);
}

#[test]
fn the_unknown_example_is_a_code_neither_used_nor_retired_and_may_not_exist() {
    let mut model = hand_built();
    assert_eq!(model.unknown_example_code(), Some(405));
    model.retired.push(codegen::model::Retired {
        code: 405,
        id: "Old".into(),
        message: "Old".into(),
        since: "1.0.0".parse().unwrap(),
        reason: "Gone.".into(),
        replaced_by: None,
    });
    assert_eq!(model.unknown_example_code(), Some(406));
    // Past the top of the code type, the search wraps round to 0.
    model
        .entries
        .push(entry(65_534, "Top", vec![text("Top."), None]));
    model
        .entries
        .push(entry(65_535, "Max", vec![text("Max."), None]));
    assert_eq!(model.unknown_example_code(), Some(0));
    // Every code of the type in use: no example rather than a wrong one.
    model.retired.clear();
    model.entries = (0..=u32::from(u16::MAX))
        .map(|code| entry(code, &format!("C{code}"), vec![text("."), None]))
        .collect();
    assert_eq!(model.unknown_example_code(), None);
}

#[test]
fn a_codes_documentation_is_its_languages_page_at_the_codes_anchor() {
    let mut model = hand_built();
    assert_eq!(model.docs_url(0, 404), None);
    assert_eq!(model.docs_url_parts(), None);
    model.package.site = Some("https://example.com/codes".into());
    assert_eq!(
        model.anchor_page_url(1, "handler").as_deref(),
        Some("https://example.com/codes/fr/index.html")
    );
    assert_eq!(
        model.docs_url(1, 404).as_deref(),
        Some("https://example.com/codes/fr/index.html#404")
    );
    // What an output puts together at run time is the same URL.
    let parts = model.docs_url_parts().unwrap();
    assert_eq!(parts.range_width, None);
    assert_eq!(model.docs_url(0, 200), Some(parts.join("en", 200)));
    assert_eq!(model.docs_url(2, 200), None, "no third language");
}

#[test]
fn beyond_one_page_a_codes_documentation_is_its_ranges_page() {
    let mut model = hand_built();
    model.package.site = Some("https://example.com/codes".into());
    model.entries = (0..=ONE_PAGE_MOST as u32)
        .map(|n| entry(n * 37, &format!("C{n}"), vec![text("."), None]))
        .collect();
    assert!(model.has_range_pages());
    assert_eq!(
        model.docs_url(1, 4337).as_deref(),
        Some("https://example.com/codes/fr/codes/43.html#4337")
    );
    let parts = model.docs_url_parts().unwrap();
    assert_eq!(model.docs_url(0, 74), Some(parts.join("en", 74)));
    // A concept's section stays on the index, which lists the ranges that
    // hold a code, and only those.
    assert_eq!(model.page_of_anchor("handler"), PageId::Index);
    assert_eq!(model.page_of_anchor("4337"), PageId::Range(43));
    let pages = model.pages();
    assert_eq!(pages[0], PageId::Index);
    let expected: std::collections::BTreeSet<u32> =
        model.entries.iter().map(|e| e.code / RANGE_WIDTH).collect();
    let listed: Vec<u32> = pages[1..]
        .iter()
        .map(|page| match page {
            PageId::Range(n) => *n,
            other => panic!("{other:?} among 201 codes"),
        })
        .collect();
    assert_eq!(listed, expected.into_iter().collect::<Vec<_>>());
    // One fewer code and every code is on the index again.
    model.entries.pop();
    assert!(!model.has_range_pages());
    assert_eq!(model.pages(), [PageId::Index]);
}

#[test]
fn a_hand_built_model_out_of_order_is_refused_by_the_renderers() {
    let mut model = hand_built();
    model.entries.reverse();
    let error = codegen::render::render_in_memory(&model, RENDERERS).unwrap_err();
    assert!(error.message.contains("ascending code order"), "{error}");
}

/// Every text field of the model has a policy in `model::TEXT_FIELDS`, and
/// every listed field exists: a new text field cannot reach an output
/// without someone deciding how it is escaped or checked.
#[test]
fn every_text_field_of_the_model_has_a_policy() {
    use codegen::model::{ConceptSection, Deprecation, Replacement, Retired, TEXT_FIELDS};
    // A model with every optional part present.
    let mut model = hand_built();
    model.package.repository = Some("https://example.com".into());
    model.package.keywords = vec!["demo".into()];
    model.package.categories = vec!["no-std".into()];
    model.languages[0]
        .page
        .concepts
        .sections
        .push(ConceptSection {
            anchor: "handler".into(),
            title: "Handler".into(),
            body: "The handler.".into(),
        });
    model.entries[1].aliases = vec!["Gone away".into()];
    model.entries[1].texts[1] = Some(Text::new("Parti.", Some("Revenez.".into())));
    model.entries[1].deprecation = Some(Deprecation {
        since: "1.2.0".parse().unwrap(),
        reason: "Gone.".into(),
        replaced_by: Some(Replacement {
            code: 200,
            id: "Fine".into(),
            rust_variant: "Fine".into(),
        }),
    });
    model.retired.push(Retired {
        code: 410,
        id: "Left".into(),
        message: "Left".into(),
        since: "1.1.0".parse().unwrap(),
        reason: "No longer sent.".into(),
        replaced_by: Some(Replacement {
            code: 200,
            id: "Fine".into(),
            rust_variant: "Fine".into(),
        }),
    });
    model.package.site = Some("https://example.com/codes".into());
    model.entries[0].who_acts = Some(codegen::advice::Actor::Nobody);
    model.entries[0].retry = Some(codegen::advice::Retry::NotNeeded);

    fn walk(
        value: &serde_json::Value,
        path: String,
        found: &mut std::collections::BTreeSet<String>,
    ) {
        match value {
            serde_json::Value::String(_) => {
                found.insert(path);
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    walk(item, format!("{path}[]"), found);
                }
            }
            serde_json::Value::Object(fields) => {
                for (key, field) in fields {
                    let path = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(field, path, found);
                }
            }
            _ => {}
        }
    }
    let mut found = std::collections::BTreeSet::new();
    walk(
        &serde_json::to_value(&model).unwrap(),
        String::new(),
        &mut found,
    );
    let listed: std::collections::BTreeSet<String> = TEXT_FIELDS
        .iter()
        .map(|(path, _)| (*path).to_owned())
        .collect();
    let unlisted: Vec<&String> = found.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "text fields without a policy: {unlisted:?}"
    );
    let stale: Vec<&String> = listed.difference(&found).collect();
    assert!(
        stale.is_empty(),
        "policies for fields the model lacks: {stale:?}"
    );
}

/// A page's `advice` mapping names each axis by its field and each value by
/// its vocabulary's word, and nothing else but the site's control.
#[test]
fn the_pages_advice_words_are_keyed_by_the_vocabularies_words() {
    use codegen::advice::{Actor, Retry, Vocabulary};
    let schema = schemars::schema_for!(codegen::catalog::AdviceWords);
    let keys: std::collections::BTreeSet<&str> = schema
        .get("properties")
        .and_then(|properties| properties.as_object())
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: std::collections::BTreeSet<&str> =
        [Actor::FIELD, Retry::FIELD, "retry_helps"].into();
    expected.extend(Actor::keys());
    expected.extend(Retry::keys());
    assert_eq!(keys, expected);
}

/// Each word the catalog writes under its key is the model's word for that
/// value; a page that writes none gets the English defaults.
#[test]
fn the_advice_words_of_a_page_are_the_catalogs_or_english() {
    use codegen::advice::{Actor, Retry, Vocabulary};
    let other = "    other_language: \"Other languages:\"\n";
    let minimal = String::from_utf8_lossy(MINIMAL);
    assert_eq!(minimal.matches(other).count(), 1);
    let mut advice = String::from("    advice:\n");
    for key in [Actor::FIELD, Retry::FIELD, "retry_helps"]
        .into_iter()
        .chain(Actor::keys())
        .chain(Retry::keys())
    {
        advice.push_str(&format!("      {key}: {}\n", key.to_uppercase()));
    }
    let source = minimal.replacen(other, &format!("{other}{advice}"), 1);
    let model = codegen::check(source.as_bytes()).unwrap().model;
    let english = &model.languages[0].page.advice;
    for actor in Actor::ALL {
        assert_eq!(english.actor(*actor), actor.key().to_uppercase());
    }
    for retry in Retry::ALL {
        assert_eq!(english.retry_advice(*retry), retry.key().to_uppercase());
    }
    assert_eq!(
        (
            english.who_acts.as_str(),
            english.retry.as_str(),
            english.retry_helps.as_str()
        ),
        ("WHO_ACTS", "RETRY", "RETRY_HELPS")
    );
    let chinese = &model.languages[1].page.advice;
    assert_eq!(chinese.who_acts, "Who must act:");
    assert_eq!(chinese.actor(Actor::Function), "the function's owner");
    assert_eq!(
        chinese.retry_advice(Retry::WithBackoff),
        "may succeed later, with backoff"
    );
    assert_eq!(chinese.retry_helps, "Only codes a retry can help");
}

/// A documentation URL points at a page the site renderer writes, at the
/// code's anchor there: the layout is decided in one place.
#[test]
fn every_documentation_url_lands_on_its_code_in_a_page_the_site_writes() {
    let source = String::from_utf8_lossy(MINIMAL).replace(
        "  type_name: DemoStatus\n",
        "  type_name: DemoStatus\n  site: https://codes.example/demo/\n",
    );
    let model = codegen::check(source.as_bytes()).unwrap().model;
    let files =
        codegen::render::render_in_memory(&model, &[codegen::render::site::render]).unwrap();
    for (index, _) in model.languages.iter().enumerate() {
        for entry in &model.entries {
            let url = model.docs_url(index, entry.code).unwrap();
            let (page, anchor) = url
                .strip_prefix("https://codes.example/demo/")
                .and_then(|path| path.split_once('#'))
                .unwrap_or_else(|| panic!("{url}"));
            assert_eq!(anchor, entry.code.to_string());
            let written = files
                .iter()
                .find(|file| file.path == format!("site/{page}"))
                .unwrap_or_else(|| panic!("{url}: no site/{page}"));
            assert!(
                written.contents.contains(&format!("id=\"{}\"", entry.code)),
                "{url}"
            );
        }
    }
}

/// A text's documentation form is `doc_markdown` of it, trimmed, made once
/// by whichever renderer asks first; a text whose form is not made yet is
/// still equal to one whose form is.
#[test]
fn a_texts_documentation_form_is_its_doc_markdown() {
    use codegen::render::text::doc_markdown;
    for (description, solution) in [
        ("Plain words.", None),
        ("Pass `a` with 2 * b [x]", Some("- one\n- two\n")),
        ("See https://x.test/a.\n", Some("Retry <b>later</b>.\n\n")),
    ] {
        let text = Text::new(description, solution.map(str::to_owned));
        let unmade = text.clone();
        let (asked, also) = std::thread::scope(|scope| {
            let first = scope.spawn(|| text.doc_description().to_owned());
            let second = scope.spawn(|| text.doc_solution().map(str::to_owned));
            (first.join().unwrap(), second.join().unwrap())
        });
        assert_eq!(asked, doc_markdown(description).trim_end());
        assert_eq!(
            also.as_deref(),
            solution
                .map(|solution| doc_markdown(solution).trim_end().to_owned())
                .as_deref()
        );
        assert_eq!(text.doc_description(), asked, "asked again");
        assert_eq!(text, unmade);
    }
    // The cases above include forms that differ from the text as written.
    assert_ne!(
        doc_markdown("Pass `a` with 2 * b [x]").trim_end(),
        "Pass `a` with 2 * b [x]"
    );
}
