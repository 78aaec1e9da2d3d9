//! The corpus of broken catalogs in `fixtures/broken/`: each `NN-name.yaml`
//! has beside it `NN-name.expected`, every problem it must be reported with,
//! as `LINE:COL: message`, in file order. Each must be rejected with exactly
//! those problems, and leave an output directory byte-for-byte as it was.
//!
//! After a deliberate change of messages, `UPDATE_EXPECT=1 cargo test -p
//! codegen --test broken_corpus` rewrites the `.expected` files (expect-test);
//! review the diff before committing it.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::render::RENDERERS;

mod support;
use support::snapshot;

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|item| item.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_corpus_covers_at_least_thirty_broken_catalogs() {
    assert!(corpus().len() >= 30, "{} catalogs", corpus().len());
}

#[test]
fn every_broken_catalog_reports_exactly_its_problems_where_they_are() {
    for catalog in corpus() {
        let bytes = fs::read(&catalog).unwrap();
        let problems = codegen::load_catalog(&bytes).expect_err(&catalog.display().to_string());
        let found: String = problems
            .iter()
            .map(|problem| format!("{}: {}\n", problem.at, problem.message))
            .collect();
        expect_test::expect_file![catalog.with_extension("expected")].assert_eq(&found);
        // Rendering each problem with its line never fails, whatever the bytes.
        let source = String::from_utf8_lossy(&bytes);
        let rendered = codegen::diagnostic::render_all(&problems, "catalog.yaml", &source);
        assert!(
            rendered.starts_with(&format!("catalog.yaml:{}: ", problems[0].at)),
            "{rendered}"
        );
    }
}

#[test]
fn no_broken_catalog_touches_the_output_directory() {
    let good = include_bytes!("fixtures/minimal.yaml");
    let out = tempfile::tempdir().unwrap();
    codegen::gen_into(good, out.path(), RENDERERS).unwrap();
    let before = snapshot(out.path());
    for catalog in corpus() {
        let bytes = fs::read(&catalog).unwrap();
        assert!(
            codegen::gen_into(&bytes, out.path(), RENDERERS).is_err(),
            "{}",
            catalog.display()
        );
        assert_eq!(
            snapshot(out.path()),
            before,
            "{} changed the output directory",
            catalog.display()
        );
    }
}
