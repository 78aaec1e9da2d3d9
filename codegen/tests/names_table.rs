//! The names table is complete: every name the generated crate and the npm
//! package declare whatever the catalog says is in `naming::fixed_names`,
//! so validation refuses a `type_name` that would clash with it. (Names
//! made from `type_name` itself are `naming::type_names`.)

use codegen::naming::{TargetLanguage, fixed_names};

/// The names declared at the top of `source` after one of `keywords`, but
/// not those spelled from a template value (`{{ … }}`) or the template
/// crate's placeholders.
fn declared(source: &str, keywords: &[&str]) -> Vec<String> {
    let mut names = Vec::new();
    for line in source.lines() {
        for keyword in keywords {
            let Some(rest) = line.strip_prefix(keyword) else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let templated = rest[name.len()..].starts_with("{{") || rest.starts_with("{{");
            if !name.is_empty() && !templated && !name.starts_with("Catalog") {
                names.push(name);
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn every_name_the_crate_declares_is_in_the_table() {
    let template = include_str!("../crate-api/src/lib.rs");
    let declared = declared(
        template,
        &["pub enum ", "pub struct ", "pub trait ", "pub type "],
    );
    assert!(declared.contains(&"Lang".to_owned()), "{declared:?}");
    let table = fixed_names(TargetLanguage::Rust);
    let missing: Vec<&String> = declared
        .iter()
        .filter(|name| !table.contains(&name.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "not in naming's Rust names: {missing:?}"
    );
}

#[test]
fn every_name_the_npm_package_declares_is_in_the_table() {
    let templates = [
        include_str!("../templates/typescript/catalog.d.ts"),
        include_str!("../templates/typescript/index.d.ts"),
        include_str!("../templates/typescript/language.d.ts"),
        include_str!("../templates/typescript/texts.d.ts"),
    ];
    let declared = declared(
        &templates.concat(),
        &[
            "export type ",
            "export interface ",
            "export declare function ",
            "export declare const ",
            "export function ",
            "export const ",
        ],
    );
    assert!(declared.contains(&"fromCode".to_owned()), "{declared:?}");
    let table = fixed_names(TargetLanguage::TypeScript);
    let missing: Vec<&String> = declared
        .iter()
        .filter(|name| !table.contains(&name.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "not in naming's TypeScript names: {missing:?}"
    );
}

#[test]
fn a_name_spelled_from_the_catalog_is_not_taken_for_a_fixed_one() {
    let source = "export type {{ type_name }}Code = 1;\nexport type Lang = 2;\npub struct CatalogStatusCode(u16);";
    assert_eq!(declared(source, &["export type ", "pub struct "]), ["Lang"]);
}
