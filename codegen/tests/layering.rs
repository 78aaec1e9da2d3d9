//! The stages of `codegen/src` import only stages below them (ARCHITECTURE's
//! invariant): every `crate::<module>` a file names in code is checked
//! against the order below, so an import that runs back up, and with it a
//! circle between stages, fails here before anyone draws the graph.

use std::fs;
use std::path::Path;

/// The top-level modules from the top down; a module may use those on a
/// lower floor (a higher index) only.
const FLOORS: &[&[&str]] = &[
    &["command"],
    &["lib"],
    &["release"],
    &["load", "validate", "translation", "render"],
    &["model", "write"],
    &["advice"],
    &["diagnostic"],
    &[
        "catalog",
        "naming",
        "version",
        "output",
        "read",
        "fingerprint",
        "links",
        "markup",
    ],
];

fn floor(module: &str) -> Option<usize> {
    FLOORS.iter().position(|floor| floor.contains(&module))
}

/// Every `.rs` file under `dir`, with its top-level module.
fn sources(dir: &Path, top: Option<&str>, found: &mut Vec<(String, String)>) {
    for item in fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let module = top.map_or(name.clone(), str::to_owned);
        if path.is_dir() {
            sources(&path, Some(&module), found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push((module, fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The top-level modules a source names as `crate::module` outside
/// comments and its unit tests (which may build a model from YAML).
fn imports(source: &str) -> Vec<String> {
    let source = source
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    let mut found = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
            rest = after;
        }
        // `use crate::{a, b}` names several.
        if let Some(group) = code.trim().strip_prefix("use crate::{") {
            found.extend(
                group
                    .split([',', '}', ':'])
                    .map(|part| part.trim().to_owned())
                    .filter(|part| !part.is_empty() && floor(part).is_some()),
            );
        }
    }
    found
}

#[test]
fn every_stage_imports_only_the_stages_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, None, &mut files);
    assert!(files.len() > 30, "{} files", files.len());
    let mut wrong = Vec::new();
    for (module, source) in &files {
        let Some(own) = floor(module) else {
            wrong.push(format!("{module} is on no floor of FLOORS"));
            continue;
        };
        for imported in imports(source) {
            // `crate::check_with` and the like: items of lib.rs.
            let imported_floor = floor(&imported).unwrap_or(floor("lib").unwrap());
            if imported != *module && imported_floor <= own {
                wrong.push(format!("{module} imports {imported}"));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports against the stage order: {wrong:?}"
    );
}

#[test]
fn the_check_sees_an_import_that_runs_back_up() {
    assert_eq!(
        imports("use crate::{advice, translation};\nlet x = crate::command::check; // crate::lib"),
        ["advice", "translation", "command"]
    );
    assert!(floor("model") > floor("render"));
}
