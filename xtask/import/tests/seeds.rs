//! The importer against the two pages the catalog was made from (copies in
//! `codegen/tests/fixtures/seeds/`): importing them gives back the texts of
//! `catalog.yaml`, and a merge adds exactly what the catalog lacks.

use catalog_import::{create, merge, read_pages};

const CATALOG: &str = include_str!("../../../catalog.yaml");
const ENGLISH: &str = include_str!("../../../codegen/tests/fixtures/seeds/en.html");
const CHINESE: &str = include_str!("../../../codegen/tests/fixtures/seeds/zh.html");

fn seed_pages() -> Vec<catalog_import::merge::Page> {
    let (pages, problems) = read_pages(&[
        ("en".to_owned(), "en.html".to_owned(), ENGLISH.to_owned()),
        ("zh".to_owned(), "zh.html".to_owned(), CHINESE.to_owned()),
    ]);
    assert!(problems.is_empty(), "{problems:#?}");
    pages
}

/// (code, tag) → (description, solution) of every text of a catalog.
fn texts(source: &str) -> Vec<(u32, String, String, Option<String>)> {
    let catalog = codegen::load_catalog(source.as_bytes()).expect("the catalog loads");
    let mut texts = Vec::new();
    for entry in catalog.entries.iter() {
        for (tag, text) in entry.text.iter() {
            texts.push((
                entry.code.value,
                tag.value.clone(),
                text.description.value.clone(),
                text.solution
                    .as_ref()
                    .map(|solution| solution.value.clone()),
            ));
        }
    }
    texts.sort();
    texts
}

/// Texts the catalog's editors corrected after taking them from the pages:
/// a full stop moved out of the link text, a space added before a link.
const CURATED: &[(u32, &str)] = &[(444, "zh"), (445, "zh"), (447, "zh"), (500, "zh")];

#[test]
fn a_new_catalog_from_the_seed_pages_has_the_texts_of_catalog_yaml() {
    let created = create(&seed_pages()).expect("the pages import");
    let uncurated = |all: Vec<(u32, String, String, Option<String>)>| -> Vec<_> {
        all.into_iter()
            .filter(|(code, tag, ..)| !CURATED.contains(&(*code, tag.as_str())))
            .collect()
    };
    let (imported, catalog) = (texts(&created.catalog), texts(CATALOG));
    // The catalog adds the English of the eight codes the English page
    // lacks, translated from the Chinese; every other text is a page's.
    let on_a_page = |(code, tag, ..): &(u32, String, String, Option<String>)| {
        imported.iter().any(|(c, t, ..)| c == code && t == tag)
    };
    let (from_pages, translated): (Vec<_>, Vec<_>) = catalog.into_iter().partition(on_a_page);
    let translated: Vec<(u32, &str)> = translated
        .iter()
        .map(|(code, tag, ..)| (*code, tag.as_str()))
        .collect();
    assert_eq!(
        translated,
        [405, 410, 444, 445, 446, 447, 449, 499].map(|code| (code, "en"))
    );
    assert_eq!(imported.len(), from_pages.len());
    assert_eq!(uncurated(imported), uncurated(from_pages));
}

#[test]
fn merging_the_seed_pages_into_the_catalog_changes_nothing() {
    let merged = merge(CATALOG, &seed_pages()).expect("the merge succeeds");
    assert_eq!(merged.catalog, CATALOG);
    assert!(merged.report.added.is_empty(), "{:#?}", merged.report.added);
    // Reported: codes on one page only; 439, whose message the pages spell
    // differently (the catalog takes one and keeps the other as an alias,
    // so neither conflicts with it); and the curated texts, kept.
    let conflicts = &merged.report.conflicts;
    assert!(conflicts.contains(&"439: the pages spell the message differently: the en page `User preocess exit when running`, the zh page `User process exit when running`".to_owned()), "{conflicts:#?}");
    let text_conflicts: Vec<&String> = conflicts
        .iter()
        .filter(|conflict| {
            !conflict.ends_with("page only") && !conflict.starts_with("439: the pages spell")
        })
        .collect();
    assert_eq!(text_conflicts.len(), CURATED.len(), "{conflicts:#?}");
    for (code, tag) in CURATED {
        assert!(
            text_conflicts
                .iter()
                .any(|conflict| conflict.starts_with(&format!("{code} "))
                    && conflict.contains(&format!(
                        ": the {tag} solution differs from the catalog's (kept)"
                    ))),
            "{code} {tag}: {conflicts:#?}"
        );
    }
    assert!(
        conflicts.contains(&"440: on the en page only".to_owned()),
        "{conflicts:#?}"
    );
    assert!(
        conflicts.contains(&"405: on the zh page only".to_owned()),
        "{conflicts:#?}"
    );
}

#[test]
fn a_merge_adds_missing_texts_and_entries_and_keeps_what_people_changed() {
    // The catalog without 433's English text and without entry 499, and
    // with 200's English description rewritten by its editors.
    let en_433 = "      en:\n        description: The function execution times out.";
    let start = CATALOG.find(en_433).unwrap();
    let end = start + CATALOG[start..].find("      zh:").unwrap();
    let entry_499 = CATALOG.find("  - code: 499\n").unwrap();
    let entry_500 = CATALOG.find("  - code: 500\n").unwrap();
    let edited = format!(
        "{}{}{}",
        &CATALOG[..start],
        &CATALOG[end..entry_499],
        &CATALOG[entry_500..]
    )
    .replacen(
        "description: The execution is successful.",
        "description: The invocation succeeded.",
        1,
    );
    let merged = merge(&edited, &seed_pages()).expect("the merge succeeds");
    assert_eq!(
        merged.report.added,
        [
            "added 433 TimeLimitReached: en text",
            "added 499 RequestCanceled: a new entry (its id is derived from the message; review it)",
        ]
    );
    assert!(
        merged.report.conflicts.iter().any(|conflict| conflict
            .starts_with("200 Success: the en description differs from the catalog's (kept)")),
        "{:#?}",
        merged.report.conflicts
    );
    // The added texts are the original ones; the edited one is kept.
    let after = texts(&merged.catalog);
    let original = texts(CATALOG);
    for code_and_tag in [(433, "en"), (499, "zh")] {
        let find = |all: &[(u32, String, String, Option<String>)]| {
            all.iter()
                .find(|(code, tag, ..)| (*code, tag.as_str()) == code_and_tag)
                .cloned()
        };
        assert_eq!(find(&after), find(&original), "{code_and_tag:?}");
    }
    assert!(
        merged
            .catalog
            .contains("description: The invocation succeeded.")
    );
}
