//! How `gen` writes the output directory: only changed files, atomically,
//! removing what it no longer produces and nothing else, nothing at all when
//! the catalog is broken or a renderer fails, only in a directory it owns,
//! and one run at a time.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use codegen::model::Model;
use codegen::render::{GeneratedFile, RENDERERS, RenderError, Renderer, Sink};
use codegen::write::{self, NotOwned, Stale, WriteError};
use codegen::{Failure, gen_into};

mod support;
use support::snapshot;

const MINIMAL: &[u8] = include_bytes!("fixtures/minimal.yaml");

/// `write::check` without anyone to tell about waiting.
fn check(out: &Path, files: &[GeneratedFile]) -> Vec<Stale> {
    write::check(out, files, &mut |_| {}).unwrap()
}

/// The refusal a run into `out` ended with.
fn refusal(result: Result<write::WriteReport, Failure>) -> NotOwned {
    match result {
        Err(Failure::Write(WriteError::NotOwned(refusal))) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// Puts one file in a directory of its own, then fails.
fn failing_renderer(_: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    sink.put(GeneratedFile::new(
        "broken/first.txt",
        "staged, never in place\n",
    ))?;
    Err(RenderError::new(
        "broken/output.txt",
        "this renderer always fails",
    ))
}

#[test]
fn first_run_writes_every_file_and_the_manifest() {
    let out = tempfile::tempdir().unwrap();
    let report = gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let files = snapshot(out.path());
    // The manifest is replaced last: until then the journal lists what an
    // interrupted run may have left (the report lists files in the order
    // they were finished).
    assert_eq!(report.written.last().map(String::as_str), Some("MANIFEST"));
    let mut written = report.written.clone();
    written.sort();
    assert_eq!(written, files.keys().cloned().collect::<Vec<_>>());
    assert!(files.contains_key("MANIFEST"));
    assert!(files.contains_key("rust/src/lib.rs"));
    assert!(report.unchanged.is_empty() && report.removed.is_empty());
}

#[test]
fn second_run_rewrites_nothing_and_keeps_mtimes() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let before = snapshot(out.path());
    // Coarse filesystem timestamps must not hide a rewrite.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let report = gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    assert!(report.written.is_empty(), "rewrote {:?}", report.written);
    assert_eq!(report.unchanged.len(), before.len());
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn output_is_identical_from_run_to_run() {
    let (_, first) = codegen::generate(MINIMAL).unwrap();
    let (_, second) = codegen::generate(MINIMAL).unwrap();
    assert_eq!(first, second);
}

#[test]
fn a_changed_description_rewrites_only_the_files_that_show_it() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let edited = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("用户进程意外退出。", "用户进程退出。");
    let report = gen_into(edited.as_bytes(), out.path(), RENDERERS).unwrap();
    // 439 has Chinese text only: the Chinese page, the outputs that hold
    // every translation (the JSON data, the Rust crate, the TypeScript
    // types, both site pages, whose filters search every language) and the
    // npm package's Chinese module change; the English Markdown page and
    // module, the main runtime and the package manifests do not.
    assert_eq!(
        report.written,
        [
            "data/status-codes.json",
            "docs/zh/status-codes.md",
            "rust/src/lib.rs",
            "site/en/index.html",
            "site/zh/index.html",
            "typescript/catalog.d.ts",
            "typescript/zh/index.js",
            "typescript/zh/index.mjs",
            // Records the new files' fingerprints.
            "MANIFEST"
        ]
    );
}

#[test]
fn files_no_longer_produced_are_removed_and_others_are_left_alone() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    fs::write(out.path().join("notes.txt"), "not ours").unwrap();
    // Drop Chinese: its page is no longer produced.
    let report = gen_into(english_only().as_bytes(), out.path(), RENDERERS).unwrap();
    assert_eq!(
        report.removed,
        [
            "docs/zh/status-codes.md",
            "site/zh/index.html",
            "typescript/zh/index.d.mts",
            "typescript/zh/index.d.ts",
            "typescript/zh/index.js",
            "typescript/zh/index.mjs",
        ]
    );
    assert!(
        !out.path().join("docs/zh").exists(),
        "directories left empty go too"
    );
    assert_eq!(
        fs::read_to_string(out.path().join("notes.txt")).unwrap(),
        "not ours"
    );
}

#[test]
fn a_broken_catalog_leaves_the_directory_exactly_as_it_was() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let before = snapshot(out.path());
    let broken = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("  - code: 439\n", "  - code: 433\n");
    let result = gen_into(broken.as_bytes(), out.path(), RENDERERS);
    assert!(matches!(result, Err(Failure::Catalog(_))));
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn a_failing_renderer_leaves_the_directory_exactly_as_it_was() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let before = snapshot(out.path());
    // The failing renderer runs last, after the others have staged their
    // (changed) files, and stages one of its own: none may stay.
    let edited = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("It worked.", "It did work.");
    let renderers: Vec<Renderer> = RENDERERS
        .iter()
        .copied()
        .chain([failing_renderer as Renderer])
        .collect();
    let result = gen_into(edited.as_bytes(), out.path(), &renderers);
    match result {
        Err(Failure::Render(error)) => assert_eq!(error.path, "broken/output.txt"),
        other => panic!("expected a render failure, got {other:?}"),
    }
    assert_eq!(snapshot(out.path()), before);
    assert!(
        !out.path().join("broken").exists(),
        "the directory made for a staged file goes with it"
    );
}

#[test]
fn no_temporary_file_is_left_behind() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let edited = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("It worked.", "It did work.");
    gen_into(edited.as_bytes(), out.path(), RENDERERS).unwrap();
    let leftovers: Vec<String> = snapshot(out.path())
        .into_keys()
        .filter(|path| path.contains(".gen-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_write_whose_rename_fails_removes_its_temporary_file() {
    let out = tempfile::tempdir().unwrap();
    // A directory where the file should go: the write succeeds, the rename
    // over it fails.
    let target = out.path().join("occupied");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("keep"), "kept").unwrap();
    assert!(write::write_atomically(&target, b"new bytes").is_err());
    let left: Vec<String> = snapshot(out.path()).into_keys().collect();
    assert_eq!(left, ["occupied/keep"]);
}

#[test]
fn check_names_each_stale_missing_and_leftover_file() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let (_, files) = codegen::generate(MINIMAL).unwrap();
    assert_eq!(check(out.path(), &files), []);

    fs::remove_file(out.path().join("typescript/index.d.ts")).unwrap();
    let edited = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("It worked.", "It did work.");
    let (_, edited_files) = codegen::generate(edited.as_bytes()).unwrap();
    let stale = check(out.path(), &edited_files);
    let named: Vec<&str> = stale.iter().map(Stale::path).collect();
    assert_eq!(
        named,
        [
            "MANIFEST",
            "data/status-codes.json",
            "docs/en/status-codes.md",
            "rust/src/lib.rs",
            "site/en/index.html",
            "site/zh/index.html",
            "typescript/catalog.d.ts",
            "typescript/en/index.js",
            "typescript/en/index.mjs",
            "typescript/index.d.ts"
        ]
    );
    match &stale[2] {
        Stale::Differs { diff, .. } => {
            assert!(diff.contains("-It worked."), "{diff}");
            assert!(diff.contains("+It did work."), "{diff}");
        }
        other => panic!("expected a diff, got {other:?}"),
    }
    assert!(matches!(stale[5], Stale::Differs { .. }));
    assert!(matches!(stale[9], Stale::Missing { .. }));
}

#[test]
fn check_reports_a_file_gen_would_remove() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    // An older run produced a file that the catalog no longer yields.
    let manifest = out.path().join("MANIFEST");
    let mut listed = fs::read_to_string(&manifest).unwrap();
    listed.push_str("docs/fr/status-codes.md\n");
    fs::write(&manifest, listed).unwrap();
    fs::create_dir_all(out.path().join("docs/fr")).unwrap();
    fs::write(out.path().join("docs/fr/status-codes.md"), "old").unwrap();
    let (_, files) = codegen::generate(MINIMAL).unwrap();
    let stale = check(out.path(), &files);
    // Listed without a fingerprint (as manifests before fingerprints were):
    // gen cannot tell it is unchanged, so it will keep it.
    assert!(
        stale.contains(&Stale::Leftover {
            path: "docs/fr/status-codes.md".into(),
            edited: true
        }),
        "{stale:?}"
    );
}

#[test]
fn a_tampered_manifest_cannot_make_gen_delete_outside_its_directory() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    gen_into(MINIMAL, &out, RENDERERS).unwrap();
    fs::write(root.path().join("precious.txt"), "keep").unwrap();
    let notice = fs::read_to_string(out.join("MANIFEST")).unwrap();
    let notice = notice.lines().next().unwrap();
    fs::write(
        out.join("MANIFEST"),
        format!("{notice}\n../precious.txt\n/etc/hostname\n0000000000000000  ../precious.txt\n"),
    )
    .unwrap();
    gen_into(MINIMAL, &out, RENDERERS).unwrap();
    assert_eq!(
        fs::read_to_string(root.path().join("precious.txt")).unwrap(),
        "keep"
    );
}

#[test]
fn every_generated_file_starts_with_the_generated_notice() {
    let (_, files) = codegen::generate(MINIMAL).unwrap();
    for file in write::with_manifest(&files) {
        let first_lines: String = file.contents.lines().take(2).collect::<Vec<_>>().join("\n");
        assert!(
            first_lines.contains("@generated"),
            "{} lacks @generated",
            file.path
        );
        assert!(
            first_lines.contains("cargo xtask gen"),
            "{} does not say how it is made",
            file.path
        );
        assert!(
            first_lines.contains("catalog.yaml"),
            "{} does not name its source",
            file.path
        );
    }
}

#[test]
fn crlf_line_endings_and_a_byte_order_mark_change_nothing() {
    let unix = String::from_utf8(MINIMAL.to_vec()).unwrap();
    let windows = format!("\u{feff}{}", unix.replace('\n', "\r\n"));
    let (_, expected) = codegen::generate(MINIMAL).unwrap();
    let (_, actual) = codegen::generate(windows.as_bytes()).unwrap();
    assert_eq!(actual, expected);
}

/// What `gen` would write for `source`, with the manifest, by path.
fn expected_files(source: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let (_, files) = codegen::generate(source).unwrap();
    write::with_manifest(&files)
        .into_iter()
        .map(|file| (file.path, file.contents.into_bytes()))
        .collect()
}

/// Every file is the old version or the new one, and no temporary is left.
fn assert_old_or_new(out: &Path, old: &BTreeMap<String, Vec<u8>>, new: &BTreeMap<String, Vec<u8>>) {
    for (path, (bytes, _)) in snapshot(out) {
        assert!(
            !path.contains(".gen-"),
            "temporary file left behind: {path}"
        );
        let is_old = old.get(&path) == Some(&bytes);
        let is_new = new.get(&path) == Some(&bytes);
        assert!(
            is_old || is_new,
            "{path} is neither the old nor the new version"
        );
    }
}

/// As [`assert_old_or_new`], except that the manifest may be the journal of
/// an interrupted run (old and new fingerprints together).
fn assert_old_or_new_or_journal(
    out: &Path,
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
) {
    let mut old = old.clone();
    let mut new = new.clone();
    let manifest = fs::read(out.join("MANIFEST")).unwrap();
    old.insert("MANIFEST".into(), manifest.clone());
    new.insert("MANIFEST".into(), manifest);
    assert_old_or_new(out, &old, &new);
}

#[test]
fn a_write_that_fails_half_way_leaves_every_file_old_or_new() {
    let edited = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("It worked.", "It did work.")
        .replace("成功。", "成了。");
    let (old, new) = (expected_files(MINIMAL), expected_files(edited.as_bytes()));
    // A full disk, and a directory that turns read-only half-way (as root,
    // the real read-only test below cannot make writes fail).
    let faults = [
        std::io::ErrorKind::StorageFull,
        std::io::ErrorKind::PermissionDenied,
    ];
    for fault in faults {
        let (_, files) = codegen::generate(edited.as_bytes()).unwrap();
        let prepare = |out: &Path| drop(gen_into(MINIMAL, out, RENDERERS).unwrap());
        let steps = failing_each_step(fault, &files, prepare, |out, error| {
            assert!(
                matches!(&error, WriteError::Io { error, .. } if error.kind() == fault),
                "{error:?}"
            );
            let left = snapshot(out);
            assert!(
                left.keys().all(|path| !path.contains(".gen-")),
                "a failed run removes its temporaries: {:?}",
                left.keys().collect::<Vec<_>>()
            );
            assert_old_or_new_or_journal(out, &old, &new);
            // The next run completes the job, knowing every file as its
            // own: nothing is taken for a hand edit or a stranger's file.
            let report = gen_into(edited.as_bytes(), out, RENDERERS).unwrap();
            assert_eq!(report.replaced_edits, Vec::<String>::new());
            assert_eq!(
                snapshot(out)
                    .into_iter()
                    .map(|(path, (bytes, _))| (path, bytes))
                    .collect::<BTreeMap<_, _>>(),
                new
            );
        });
        assert!(steps > 4, "a run of several steps: {steps}");
    }
}

#[test]
fn temporaries_of_a_killed_run_are_removed_by_the_next() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let leftover = out.path().join("rust/src/.gen-4242-7.tmp");
    fs::write(&leftover, "half a file").unwrap();
    let unrelated = out.path().join("rust/src/notes.tmp");
    fs::write(&unrelated, "mine").unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    assert!(!leftover.exists());
    assert!(unrelated.exists(), "only gen's own temporaries are removed");
}

#[cfg(unix)]
#[test]
fn a_symlink_in_the_output_directory_is_not_followed() {
    let root = tempfile::tempdir().unwrap();
    let out = root.path().join("out");
    let elsewhere = root.path().join("elsewhere");
    gen_into(MINIMAL, &out, RENDERERS).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    fs::remove_dir_all(out.join("rust")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("rust")).unwrap();
    let error = gen_into(MINIMAL, &out, RENDERERS).unwrap_err();
    match error {
        Failure::Write(WriteError::NotOwned(NotOwned::Link { path })) => {
            assert_eq!(path, out.join("rust"))
        }
        other => panic!("expected a refusal of the link, got {other:?}"),
    }
    assert_eq!(
        fs::read_dir(&elsewhere).unwrap().count(),
        0,
        "nothing was written through the link"
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_output_directory_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt as _;
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let before = snapshot(out.path());
    let pages = out.path().join("docs/en");
    fs::set_permissions(&pages, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(pages.join("probe"), "").is_ok() {
        // Running as root: permissions do not stop writes, so the injected
        // failure test above stands in for this one.
        fs::remove_file(pages.join("probe")).unwrap();
        return;
    }
    let edited = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("It worked.", "It did work.");
    let error = gen_into(edited.as_bytes(), out.path(), RENDERERS).unwrap_err();
    assert!(
        matches!(error, Failure::Write(WriteError::Io { ref error, .. }) if error.kind() == std::io::ErrorKind::PermissionDenied),
        "{error:?}"
    );
    fs::set_permissions(&pages, fs::Permissions::from_mode(0o755)).unwrap();
    let after = snapshot(out.path());
    assert_eq!(
        after["docs/en/status-codes.md"],
        before["docs/en/status-codes.md"]
    );
    assert!(after.keys().all(|path| !path.contains(".gen-")));
}

#[test]
fn a_foreign_manifest_is_refused_and_nothing_it_lists_is_deleted() {
    // A Perl distribution: its MANIFEST lists its own files.
    let out = tempfile::tempdir().unwrap();
    fs::create_dir_all(out.path().join("lib")).unwrap();
    fs::write(
        out.path().join("MANIFEST"),
        "MANIFEST\nMakefile.PL\nlib/Foo.pm\nREADME\n",
    )
    .unwrap();
    fs::write(out.path().join("Makefile.PL"), "use ExtUtils::MakeMaker;\n").unwrap();
    fs::write(out.path().join("lib/Foo.pm"), "package Foo; 1;\n").unwrap();
    fs::write(out.path().join("README"), "Foo\n").unwrap();
    let before = snapshot(out.path());
    assert_eq!(
        refusal(gen_into(MINIMAL, out.path(), RENDERERS)),
        NotOwned::ForeignManifest {
            dir: out.path().to_path_buf()
        }
    );
    assert_eq!(snapshot(out.path()), before);
    // `check` will not compare against it either.
    let (_, files) = codegen::generate(MINIMAL).unwrap();
    assert!(matches!(
        write::check(out.path(), &files, &mut |_| {}),
        Err(WriteError::NotOwned(NotOwned::ForeignManifest { .. }))
    ));
}

#[test]
fn a_non_empty_directory_gen_did_not_write_is_refused_untouched() {
    let out = tempfile::tempdir().unwrap();
    fs::create_dir_all(out.path().join("docs/en")).unwrap();
    // Even a file at a path gen would write, and one it would leave alone.
    fs::write(out.path().join("docs/en/status-codes.md"), "my own notes\n").unwrap();
    fs::write(out.path().join("notes.txt"), "mine\n").unwrap();
    let before = snapshot(out.path());
    assert_eq!(
        refusal(gen_into(MINIMAL, out.path(), RENDERERS)),
        NotOwned::Directory {
            dir: out.path().to_path_buf()
        }
    );
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn an_empty_or_missing_directory_is_gens_to_fill() {
    let root = tempfile::tempdir().unwrap();
    for out in [root.path().join("new/nested"), root.path().to_path_buf()] {
        let report = gen_into(MINIMAL, &out, RENDERERS).unwrap();
        assert!(report.written.contains(&"rust/src/lib.rs".to_owned()));
        assert!(out.join("MANIFEST").exists());
        if out == root.path() {
            break;
        }
        fs::remove_dir_all(root.path().join("new")).unwrap();
    }
}

#[test]
fn a_file_in_the_way_that_gen_did_not_write_refuses_the_whole_run() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    // Someone else's file appears where a new language's page will go.
    fs::create_dir_all(out.path().join("docs/fr")).unwrap();
    fs::write(out.path().join("docs/fr/status-codes.md"), "à moi\n").unwrap();
    let minimal = String::from_utf8(MINIMAL.to_vec()).unwrap();
    let english_page = &minimal
        [minimal.find("  en:\n    title").unwrap()..minimal.find("  zh:\n    title").unwrap()];
    let with_french = minimal
        .replacen(
            "  - tag: zh\n",
            "  - tag: fr\n    name: Français\n  - tag: zh\n",
            1,
        )
        .replacen(
            "  zh:\n    title",
            &format!(
                "{}  zh:\n    title",
                english_page.replacen("  en:", "  fr:", 1)
            ),
            1,
        );
    let before = snapshot(out.path());
    match gen_into(with_french.as_bytes(), out.path(), RENDERERS) {
        Err(Failure::Write(WriteError::NotOwned(NotOwned::File { path }))) => {
            assert_eq!(path, out.path().join("docs/fr/status-codes.md"))
        }
        Err(Failure::Catalog(problems)) => panic!("the fixture edit is broken: {problems:?}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(snapshot(out.path()), before, "nothing was written first");
}

#[test]
fn a_hand_edited_generated_file_is_replaced_and_reported() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let lib = out.path().join("rust/src/lib.rs");
    let generated = fs::read(&lib).unwrap();
    fs::write(&lib, "// my fix\n").unwrap();
    let report = gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    assert_eq!(report.replaced_edits, ["rust/src/lib.rs"]);
    assert_eq!(fs::read(&lib).unwrap(), generated);
    let report = gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    assert!(report.replaced_edits.is_empty() && report.written.is_empty());
}

#[test]
fn an_edited_file_no_longer_produced_is_kept_and_then_reported_by_check() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    fs::write(out.path().join("docs/zh/status-codes.md"), "我的笔记\n").unwrap();
    let report = gen_into(english_only().as_bytes(), out.path(), RENDERERS).unwrap();
    assert_eq!(
        report.removed,
        [
            "site/zh/index.html",
            "typescript/zh/index.d.mts",
            "typescript/zh/index.d.ts",
            "typescript/zh/index.js",
            "typescript/zh/index.mjs",
        ]
    );
    assert_eq!(report.kept_edited, ["docs/zh/status-codes.md"]);
    assert_eq!(
        fs::read_to_string(out.path().join("docs/zh/status-codes.md")).unwrap(),
        "我的笔记\n"
    );
    let (_, files) = codegen::generate(english_only().as_bytes()).unwrap();
    assert_eq!(
        check(out.path(), &files),
        // A directory that holds nothing gen wrote is named as a whole.
        [Stale::NotGenerated {
            path: "docs/zh/".into()
        }]
    );
}

#[test]
fn check_reports_every_file_no_manifest_accounts_for() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    fs::write(out.path().join("notes.txt"), "mine").unwrap();
    // Cargo would run this for anyone who builds the generated crate.
    fs::write(out.path().join("rust/build.rs"), "fn main() {}").unwrap();
    fs::create_dir_all(out.path().join("rust/target/debug")).unwrap();
    fs::write(out.path().join("rust/target/debug/junk"), "").unwrap();
    fs::write(out.path().join("rust/src/.gen-123-0.tmp"), "half").unwrap();
    let (_, files) = codegen::generate(MINIMAL).unwrap();
    assert_eq!(
        check(out.path(), &files),
        [
            Stale::NotGenerated {
                path: "notes.txt".into()
            },
            Stale::NotGenerated {
                path: "rust/build.rs".into()
            },
            Stale::Temporary {
                path: "rust/src/.gen-123-0.tmp".into()
            },
            Stale::NotGenerated {
                path: "rust/target/".into()
            },
        ]
    );
}

#[test]
fn a_first_run_interrupted_in_an_empty_directory_is_finished_by_the_next() {
    let (_, files) = codegen::generate(MINIMAL).unwrap();
    let fault = std::io::ErrorKind::StorageFull;
    failing_each_step(
        fault,
        &files,
        |_| {},
        |out, _| {
            let report = gen_into(MINIMAL, out, RENDERERS).unwrap();
            assert!(report.replaced_edits.is_empty(), "{report:?}");
            assert_eq!(check(out, &files), []);
        },
    );
}

#[cfg(unix)]
#[test]
fn a_writer_waits_for_a_reader_of_the_directory_and_says_so() {
    let out = tempfile::tempdir().unwrap();
    // A `check` in progress: a shared lock on the directory.
    let reader = fs::File::open(out.path()).unwrap();
    reader.lock_shared().unwrap();
    let (told, waiting) = std::sync::mpsc::channel();
    let dir = out.path().to_path_buf();
    let writer = std::thread::spawn(move || {
        let (_, files) = codegen::generate(MINIMAL).unwrap();
        write::write(&dir, &files, &mut |notice| told.send(notice).unwrap())
    });
    assert_eq!(
        waiting.recv_timeout(std::time::Duration::from_secs(60)),
        Ok(write::LockNotice::Waiting),
        "the writer says it waits"
    );
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert!(
        snapshot(out.path()).is_empty(),
        "nothing is written while the reader holds the directory"
    );
    reader.unlock().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.path().join("MANIFEST").exists());
}

/// A file writer that writes `count` files, then fails with `fault`.
/// Writes `files` once per step the write takes (staging each changed
/// file, the journal, each rename, the manifest), into a fresh directory
/// `prepare` readies, that step failing with `fault`, until a write gets
/// through; `after` checks what each failed write left. How many steps
/// failed.
fn failing_each_step(
    fault: std::io::ErrorKind,
    files: &[GeneratedFile],
    prepare: impl Fn(&Path),
    mut after: impl FnMut(&Path, WriteError),
) -> usize {
    let mut fail_at = 0;
    loop {
        let out = tempfile::tempdir().unwrap();
        prepare(out.path());
        let disk = disk_failing_after(fail_at, fault);
        let result = write::write_with(out.path(), files, &mut |_| {}, &disk);
        if disk.never_failed() {
            result.unwrap();
            return fail_at;
        }
        after(out.path(), result.unwrap_err());
        fail_at += 1;
    }
}

/// A disk on which every step (creating a file, renaming one) after the
/// first `count` fails with `fault`, and which records the files created.
struct DiskFailingAfter {
    count: usize,
    fault: std::io::ErrorKind,
    steps: std::sync::atomic::AtomicUsize,
    created: std::sync::Mutex<Vec<std::path::PathBuf>>,
}

fn disk_failing_after(count: usize, fault: std::io::ErrorKind) -> DiskFailingAfter {
    DiskFailingAfter {
        count,
        fault,
        steps: std::sync::atomic::AtomicUsize::new(0),
        created: std::sync::Mutex::default(),
    }
}

impl DiskFailingAfter {
    fn step(&self) -> std::io::Result<()> {
        let step = self.steps.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if step >= self.count {
            return Err(std::io::Error::new(self.fault, "injected fault"));
        }
        Ok(())
    }

    /// Whether the run got past every step without a fault.
    fn never_failed(&self) -> bool {
        self.steps.load(std::sync::atomic::Ordering::SeqCst) <= self.count
    }
}

impl write::Disk for DiskFailingAfter {
    fn create(
        &self,
        path: &Path,
        bytes: &[u8],
        mode: u32,
        durable: write::Durable,
    ) -> std::io::Result<()> {
        self.step()?;
        self.created.lock().unwrap().push(path.to_path_buf());
        write::RealDisk.create(path, bytes, mode, durable)
    }

    fn create_for_pieces(
        &self,
        path: &Path,
        mode: u32,
    ) -> std::io::Result<Box<dyn std::io::Write + Send>> {
        self.step()?;
        self.created.lock().unwrap().push(path.to_path_buf());
        write::RealDisk.create_for_pieces(path, mode)
    }

    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        self.step()?;
        write::RealDisk.rename(from, to)
    }
}

/// The minimal catalog without its Chinese texts and pages.
fn english_only() -> String {
    let english_only = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("  - tag: zh\n    name: 中文\n", "")
        .replace("      zh:\n        description: 成功。\n", "")
        .replace(
            "      zh:\n        description: 用户进程意外退出。\n",
            "      en:\n        description: The process exited.\n",
        );
    english_only[..english_only.find("  zh:\n    title").unwrap()].to_owned()
        + &english_only[english_only.find("entries:").unwrap()..]
}

#[test]
fn a_file_listed_without_a_fingerprint_is_never_removed() {
    // A manifest line without a fingerprint (as written before fingerprints,
    // or added by hand) cannot prove the file is unchanged.
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let manifest = out.path().join("MANIFEST");
    let mut listed = fs::read_to_string(&manifest).unwrap();
    listed.push_str("notes.txt\n");
    fs::write(&manifest, listed).unwrap();
    fs::write(out.path().join("notes.txt"), "mine").unwrap();
    let report = gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    assert_eq!(report.kept_edited, ["notes.txt"]);
    assert!(report.removed.is_empty());
    assert_eq!(
        fs::read_to_string(out.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn gens_output_whose_manifest_was_lost_is_adopted_but_not_if_anything_else_is_there() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let complete = snapshot(out.path());
    fs::remove_file(out.path().join("MANIFEST")).unwrap();
    let report = gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    assert_eq!(report.written, ["MANIFEST"]);
    assert_eq!(report.unchanged.len(), complete.len() - 1);

    // An edited file among them: not provably gen's, so refused.
    fs::remove_file(out.path().join("MANIFEST")).unwrap();
    fs::write(out.path().join("rust/README.md"), "mine\n").unwrap();
    let before = snapshot(out.path());
    assert!(matches!(
        refusal(gen_into(MINIMAL, out.path(), RENDERERS)),
        NotOwned::Directory { .. }
    ));
    assert_eq!(snapshot(out.path()), before);
}

#[cfg(unix)]
#[test]
fn a_fifo_where_gen_reads_is_refused_instead_of_blocking() {
    for place in ["rust/src/lib.rs", "MANIFEST"] {
        let out = tempfile::tempdir().unwrap();
        gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
        let fifo = out.path().join(place);
        fs::remove_file(&fifo).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        match gen_into(MINIMAL, out.path(), RENDERERS) {
            Err(Failure::Write(WriteError::NotOwned(NotOwned::NotAFile { path }))) => {
                assert_eq!(path, fifo)
            }
            other => panic!("{place}: expected a refusal, got {other:?}"),
        }
        let (_, files) = codegen::generate(MINIMAL).unwrap();
        assert!(matches!(
            write::check(out.path(), &files, &mut |_| {}),
            Err(WriteError::NotOwned(NotOwned::NotAFile { .. }))
        ));
    }
}

#[test]
fn temporaries_where_only_the_last_run_wrote_are_removed_too() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    // A run killed while writing the Chinese page, which the next catalog
    // no longer produces.
    let leftover = out.path().join("docs/zh/.gen-4242-0.tmp");
    fs::write(&leftover, "half a page").unwrap();
    let report = gen_into(english_only().as_bytes(), out.path(), RENDERERS).unwrap();
    assert_eq!(
        report.removed,
        [
            "docs/zh/status-codes.md",
            "site/zh/index.html",
            "typescript/zh/index.d.mts",
            "typescript/zh/index.d.ts",
            "typescript/zh/index.js",
            "typescript/zh/index.mjs",
        ]
    );
    assert!(
        !out.path().join("docs/zh").exists(),
        "the directory is gone with it"
    );
}

#[test]
fn an_interrupted_run_that_removes_files_is_finished_by_the_next() {
    let (_, files) = codegen::generate(english_only().as_bytes()).unwrap();
    let fault = std::io::ErrorKind::StorageFull;
    let prepare = |out: &Path| drop(gen_into(MINIMAL, out, RENDERERS).unwrap());
    failing_each_step(fault, &files, prepare, |out, _| {
        let report = gen_into(english_only().as_bytes(), out, RENDERERS).unwrap();
        assert!(
            report.replaced_edits.is_empty() && report.kept_edited.is_empty(),
            "{report:?}"
        );
        assert_eq!(check(out, &files), []);
    });
}

/// Every directory and file under `dir`, directories ending in `/`.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) {
        let mut items: Vec<_> = fs::read_dir(dir.join(prefix))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        items.sort_by_key(fs::DirEntry::file_name);
        for item in items {
            let name = format!("{prefix}{}", item.file_name().to_string_lossy());
            if item.file_type().unwrap().is_dir() {
                out.push(format!("{name}/"));
                walk(dir, &format!("{name}/"), out);
            } else {
                out.push(name);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out
}

#[test]
fn nothing_is_written_into_a_directory_without_a_manifest_before_it_is_known_to_be_gens() {
    // Someone else's directory: refused, and not even a temporary was
    // written there while the outputs rendered (a run killed then would
    // have left them).
    let out = tempfile::tempdir().unwrap();
    fs::write(out.path().join("notes.txt"), "mine\n").unwrap();
    let disk = disk_failing_after(usize::MAX, std::io::ErrorKind::Other);
    let (_, files) = codegen::generate(MINIMAL).unwrap();
    let error = write::write_with(out.path(), &files, &mut |_| {}, &disk).unwrap_err();
    assert!(
        matches!(error, WriteError::NotOwned(NotOwned::Directory { .. })),
        "{error:?}"
    );
    assert_eq!(disk.created.lock().unwrap().len(), 0);
    assert_eq!(tree(out.path()), ["notes.txt"]);
    // gen's own output whose manifest was lost, with a file missing: adopted
    // and completed.
    gen_into(MINIMAL, out.path().join("gens").as_path(), RENDERERS).unwrap();
    let adopted = out.path().join("gens");
    fs::remove_file(adopted.join("MANIFEST")).unwrap();
    fs::remove_file(adopted.join("docs/zh/status-codes.md")).unwrap();
    let report = write::write(&adopted, &files, &mut |_| {}).unwrap();
    assert!(
        report
            .written
            .contains(&"docs/zh/status-codes.md".to_owned())
    );
    assert_eq!(check(&adopted, &files), []);
}

#[test]
fn directories_a_killed_run_made_are_reported_and_removed_by_the_next_run() {
    // A run killed while it rendered a catalog with Chinese pages, into a
    // directory of an English-only one: its temporaries in directories no
    // manifest lists.
    let english = english_only();
    let out = tempfile::tempdir().unwrap();
    gen_into(english.as_bytes(), out.path(), RENDERERS).unwrap();
    fs::create_dir_all(out.path().join("docs/zh/deeper")).unwrap();
    fs::write(out.path().join("docs/zh/.gen-999-1.tmp"), "half").unwrap();
    fs::write(out.path().join("docs/zh/deeper/.gen-999-2.tmp"), "half").unwrap();
    // Someone's empty directory is theirs.
    fs::create_dir(out.path().join("notes")).unwrap();
    let (_, files) = codegen::generate(english.as_bytes()).unwrap();
    assert_eq!(
        check(out.path(), &files),
        [
            Stale::Temporary {
                path: "docs/zh/".into()
            },
            Stale::NotGenerated {
                path: "notes/".into()
            },
        ]
    );
    gen_into(english.as_bytes(), out.path(), RENDERERS).unwrap();
    assert!(!out.path().join("docs/zh").exists());
    assert!(out.path().join("notes").exists());
}

/// The output directory of [`a_file_that_appears_while_the_run_renders_is_not_overwritten`].
static APPEARING_IN: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);

/// Held by each test that sets [`APPEARING_IN`], so that they take turns.
static RACING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Puts a file, then stands for someone else writing the same path.
fn renderer_racing_another_tool(_: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    sink.put(GeneratedFile::new("extra/a.txt", "gen's\n"))?;
    written_meanwhile("someone else's\n");
    Ok(())
}

/// Someone writing `extra/a.txt` in [`APPEARING_IN`] while the run renders.
fn written_meanwhile(text: &str) {
    let out = APPEARING_IN
        .lock()
        .unwrap()
        .clone()
        .expect("set by the test");
    fs::write(out.join("extra/a.txt"), text).unwrap();
}

#[test]
fn a_file_that_appears_while_the_run_renders_is_not_overwritten() {
    let _turn = RACING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    *APPEARING_IN.lock().unwrap() = Some(out.path().to_path_buf());
    let renderers: Vec<Renderer> = RENDERERS
        .iter()
        .copied()
        .chain([renderer_racing_another_tool as Renderer])
        .collect();
    let refused = refusal(gen_into(MINIMAL, out.path(), &renderers));
    assert!(
        matches!(&refused, NotOwned::File { path } if path.ends_with("extra/a.txt")),
        "{refused:?}"
    );
    assert_eq!(
        fs::read_to_string(out.path().join("extra/a.txt")).unwrap(),
        "someone else's\n"
    );
    assert!(tree(out.path()).iter().all(|path| !path.contains(".gen-")));
}

fn put_in_p_a(_: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    Ok(sink.put(GeneratedFile::new("p/a/f.txt", "a\n"))?)
}

fn put_in_p_b(_: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    Ok(sink.put(GeneratedFile::new("p/b/f.txt", "b\n"))?)
}

#[test]
fn directories_two_renderers_make_at_once_go_with_a_failed_run() {
    // Two threads making `p/` and a directory in it at once; the run
    // fails, and every directory it made goes, however they interleaved.
    let renderers = [put_in_p_a as Renderer, put_in_p_b, failing_renderer];
    for _ in 0..200 {
        let out = tempfile::tempdir().unwrap();
        let result = gen_into(MINIMAL, out.path(), &renderers);
        assert!(matches!(result, Err(Failure::Render(_))), "{result:?}");
        assert_eq!(tree(out.path()), Vec::<String>::new());
    }
}

fn put_extra(_: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    Ok(sink.put(GeneratedFile::new("extra/a.txt", "gen's, first\n"))?)
}

/// Puts a new version of a file gen manages, then stands for someone
/// editing that file by hand meanwhile.
fn renderer_racing_a_hand_edit(_: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    sink.put(GeneratedFile::new("extra/a.txt", "gen's, second\n"))?;
    written_meanwhile("edited by hand\n");
    Ok(())
}

#[test]
fn a_file_edited_by_hand_while_the_run_renders_is_replaced_and_reported() {
    let _turn = RACING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let out = tempfile::tempdir().unwrap();
    let mut renderers: Vec<Renderer> = RENDERERS.to_vec();
    renderers.push(put_extra);
    gen_into(MINIMAL, out.path(), &renderers).unwrap();
    *APPEARING_IN.lock().unwrap() = Some(out.path().to_path_buf());
    renderers.pop();
    renderers.push(renderer_racing_a_hand_edit);
    let report = gen_into(MINIMAL, out.path(), &renderers).unwrap();
    assert_eq!(report.replaced_edits, ["extra/a.txt"]);
    assert_eq!(
        fs::read_to_string(out.path().join("extra/a.txt")).unwrap(),
        "gen's, second\n"
    );
}

#[test]
fn gens_output_with_a_strangers_file_beside_it_gets_not_even_a_temporary() {
    // The variant of a lost manifest that must be refused: gen's own files
    // and one more, with a catalog that also adds files.
    let out = tempfile::tempdir().unwrap();
    gen_into(english_only().as_bytes(), out.path(), RENDERERS).unwrap();
    fs::remove_file(out.path().join("MANIFEST")).unwrap();
    fs::write(out.path().join("docs/notes.md"), "mine\n").unwrap();
    let before = tree(out.path());
    let disk = disk_failing_after(usize::MAX, std::io::ErrorKind::Other);
    let (_, files) = codegen::generate(MINIMAL).unwrap();
    let error = write::write_with(out.path(), &files, &mut |_| {}, &disk).unwrap_err();
    assert!(
        matches!(error, WriteError::NotOwned(NotOwned::Directory { .. })),
        "{error:?}"
    );
    assert_eq!(disk.created.lock().unwrap().len(), 0);
    assert_eq!(tree(out.path()), before);
}

/// Long text of `lines` numbered lines, over several of the writer's
/// 64 KiB pieces when `lines` is in the thousands.
fn long_text(lines: usize, word: &str) -> String {
    (0..lines)
        .map(|line| format!("{line:06} {word}\n"))
        .collect()
}

/// Writes `files` into `out` as `gen` writes its long files: each handed
/// to the staging in small writes (`Sink::put_streamed`), never whole; a
/// file whose text is `None` fails half way, as a renderer can.
fn write_streamed(
    out: &Path,
    files: &[(&str, Option<&str>)],
    disk: &dyn write::Disk,
) -> Result<write::WriteReport, WriteError> {
    let locked = write::lock_for_writing(out, &mut |_| {})?;
    let staging = locked.staging(disk)?;
    for (path, text) in files {
        let streamed = staging.put_streamed(path, &mut |into| {
            let Some(text) = text else {
                into.write_all(&[b'x'; 100_000])
                    .map_err(|error| RenderError::writing(path, &error))?;
                return Err(RenderError::new(path, "this renderer fails half way"));
            };
            for chunk in text.as_bytes().chunks(1000) {
                into.write_all(chunk)
                    .map_err(|error| RenderError::writing(path, &error))?;
            }
            Ok(())
        });
        if let Err(error) = streamed {
            return Err(staging.abandon().unwrap_or_else(|| WriteError::Io {
                action: "rendering",
                path: out.to_path_buf(),
                error: std::io::Error::other(error.to_string()),
            }));
        }
    }
    staging.plan()?.apply()
}

#[test]
fn a_file_written_in_pieces_is_compared_piece_by_piece_and_put_in_place_whole() {
    let out = tempfile::tempdir().unwrap();
    let original = long_text(20_000, "first");
    let report = write_streamed(
        out.path(),
        &[("long.txt", Some(&original))],
        &write::RealDisk,
    )
    .unwrap();
    assert_eq!(report.written, ["long.txt", "MANIFEST"]);
    assert_eq!(
        fs::read_to_string(out.path().join("long.txt")).unwrap(),
        original
    );

    // The same again: nothing written, not even a temporary.
    let before = snapshot(out.path());
    let report = write_streamed(
        out.path(),
        &[("long.txt", Some(&original))],
        &write::RealDisk,
    )
    .unwrap();
    assert!(report.written.is_empty(), "{report:?}");
    assert_eq!(snapshot(out.path()), before, "bytes and mtimes kept");

    // Different from the disk's only in a late piece, longer, shorter: the
    // new bytes each time, the same first pieces copied from the disk.
    let mut late = original.clone();
    late.replace_range(150_000..150_005, "later");
    let longer = format!("{late}{}", long_text(3, "more"));
    let shorter = late[..100_000].to_owned();
    for text in [&late, &longer, &shorter, &original] {
        let report =
            write_streamed(out.path(), &[("long.txt", Some(text))], &write::RealDisk).unwrap();
        assert_eq!(report.written, ["long.txt", "MANIFEST"]);
        assert!(report.replaced_edits.is_empty(), "{report:?}");
        assert_eq!(
            &fs::read_to_string(out.path().join("long.txt")).unwrap(),
            text
        );
    }
    let left: Vec<String> = snapshot(out.path()).into_keys().collect();
    assert_eq!(left, ["MANIFEST", "long.txt"], "no temporary is left");

    // Edited by hand since: replaced and reported.
    fs::write(out.path().join("long.txt"), format!("{original}mine\n")).unwrap();
    let report = write_streamed(
        out.path(),
        &[("long.txt", Some(&original))],
        &write::RealDisk,
    )
    .unwrap();
    assert_eq!(report.replaced_edits, ["long.txt"]);
    assert_eq!(
        fs::read_to_string(out.path().join("long.txt")).unwrap(),
        original
    );
}

/// A directory where `gen` wrote one long file in pieces, and its text.
fn with_long_file() -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let original = long_text(20_000, "first");
    write_streamed(
        out.path(),
        &[("long.txt", Some(&original))],
        &write::RealDisk,
    )
    .unwrap();
    (out, original)
}

#[test]
fn a_file_in_pieces_over_a_strangers_file_is_refused_and_nothing_is_written() {
    let (out, original) = with_long_file();
    // Someone else's file where the run writes a new file, the same as
    // the run's first pieces and then not.
    let mut theirs = original.clone();
    theirs.replace_range(140_000..140_005, "THEIR");
    fs::create_dir(out.path().join("theirs")).unwrap();
    fs::write(out.path().join("theirs/theirs.txt"), &theirs).unwrap();
    let before = snapshot(out.path());
    let disk = disk_failing_after(usize::MAX, std::io::ErrorKind::Other);
    let refused = write_streamed(
        out.path(),
        &[
            ("long.txt", Some(&long_text(20_000, "second"))),
            ("theirs/theirs.txt", Some(&original)),
        ],
        &disk,
    );
    assert!(
        matches!(refused, Err(WriteError::NotOwned(NotOwned::File { .. }))),
        "{refused:?}"
    );
    assert_eq!(
        snapshot(out.path()),
        before,
        "nothing written, no temporary left"
    );
    let created = disk.created.lock().unwrap();
    assert!(
        created
            .iter()
            .all(|path| !path.starts_with(out.path().join("theirs"))),
        "not even a temporary beside their file: {created:?}"
    );
    drop(created);

    // The same bytes as the run's: taken as the run's, as a whole file is.
    fs::write(out.path().join("theirs/theirs.txt"), &original).unwrap();
    let report = write_streamed(
        out.path(),
        &[
            ("long.txt", Some(&original)),
            ("theirs/theirs.txt", Some(&original)),
        ],
        &write::RealDisk,
    )
    .unwrap();
    assert_eq!(report.written, ["MANIFEST"]);
}

#[test]
fn a_file_in_pieces_that_fails_half_way_leaves_the_directory_as_it_was() {
    let (out, original) = with_long_file();
    let before = (snapshot(out.path()), tree(out.path()));
    // A renderer that fails after writing new bytes, into a new file (in a
    // new directory) and over an existing one: its own error is reported.
    for path in ["long.txt", "new/long.txt"] {
        let failed = write_streamed(
            out.path(),
            &[
                ("long.txt", Some(&long_text(20_000, "second"))),
                (path, None),
            ],
            &write::RealDisk,
        );
        assert!(
            matches!(&failed, Err(WriteError::Io { action: "rendering", error, .. })
                if error.to_string().contains("fails half way")),
            "{failed:?}"
        );
        assert_eq!(
            (snapshot(out.path()), tree(out.path())),
            before,
            "{path}: nothing left of the run"
        );
    }
    // Its directories made part way: a name too long for the file system
    // stops them after the first.
    let too_long = format!("new/{}/long.txt", "x".repeat(300));
    let refused_and_undone = |failed: Result<(), WriteError>, how: &str| {
        assert!(
            matches!(
                &failed,
                Err(WriteError::Io {
                    action: "creating",
                    ..
                })
            ),
            "{how}: {failed:?}"
        );
        assert_eq!(
            (snapshot(out.path()), tree(out.path())),
            before,
            "{how}: the directories made go too"
        );
    };
    refused_and_undone(
        write_streamed(
            out.path(),
            &[(too_long.as_str(), Some(&original))],
            &write::RealDisk,
        )
        .map(drop),
        "in pieces",
    );
    refused_and_undone(
        write::write_with(
            out.path(),
            &[GeneratedFile::new(too_long.as_str(), original.clone())],
            &mut |_| {},
            &write::RealDisk,
        )
        .map(drop),
        "whole",
    );
    // A disk that fails at each step in turn (creating either temporary,
    // the journal, each rename, the manifest) leaves no temporary, and the
    // next run completes the job.
    let files = [
        ("long.txt", Some(long_text(20_000, "second"))),
        ("new/long.txt", Some(original.clone())),
    ];
    let files: Vec<(&str, Option<&str>)> = files
        .iter()
        .map(|(path, text)| (*path, text.as_deref()))
        .collect();
    let mut fail_at = 0;
    loop {
        let disk = disk_failing_after(fail_at, std::io::ErrorKind::StorageFull);
        let result = write_streamed(out.path(), &files, &disk);
        if disk.never_failed() {
            result.unwrap();
            break;
        }
        assert!(
            matches!(&result, Err(WriteError::Io { error, .. }) if error.kind() == std::io::ErrorKind::StorageFull),
            "step {fail_at}: {result:?}"
        );
        if fail_at < 2 {
            // Before the journal: exactly as it was.
            assert_eq!(
                (snapshot(out.path()), tree(out.path())),
                before,
                "step {fail_at}"
            );
        }
        let left = snapshot(out.path());
        assert!(
            left.keys().all(|path| !path.contains(".gen-")),
            "step {fail_at}: no temporary left: {:?}",
            left.keys().collect::<Vec<_>>()
        );
        write_streamed(
            out.path(),
            &[("long.txt", Some(&original))],
            &write::RealDisk,
        )
        .unwrap();
        assert_eq!(
            (snapshot(out.path()), tree(out.path())).1,
            before.1,
            "step {fail_at}: the next run completes"
        );
        assert_eq!(
            fs::read_to_string(out.path().join("long.txt")).unwrap(),
            original
        );
        fail_at += 1;
    }
    assert!(
        fail_at >= 6,
        "two temporaries, the journal, two renames, the manifest: {fail_at}"
    );
}

#[test]
fn a_file_in_pieces_of_any_length_is_staged_whole() {
    // Empty, one byte, exactly one and two pieces, one byte either side,
    // and the whole file handed over in one write.
    const PIECE: usize = 64 * 1024;
    let out = tempfile::tempdir().unwrap();
    let lengths = [0, 1, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE, 2 * PIECE + 1];
    let texts: Vec<String> = lengths
        .iter()
        .map(|&length| "0123456789abcdef\n".repeat(length / 17 + 1)[..length].to_owned())
        .collect();
    // Over each other, in every order a length follows another.
    for old in &texts {
        for new in &texts {
            write_streamed(out.path(), &[("file.txt", Some(old))], &write::RealDisk).unwrap();
            let report =
                write_streamed(out.path(), &[("file.txt", Some(new))], &write::RealDisk).unwrap();
            assert_eq!(
                &fs::read_to_string(out.path().join("file.txt")).unwrap(),
                new
            );
            assert_eq!(
                report.written.is_empty(),
                old == new,
                "{} over {}",
                new.len(),
                old.len()
            );
        }
    }
    let locked = write::lock_for_writing(out.path(), &mut |_| {}).unwrap();
    let staging = locked.staging(&write::RealDisk).unwrap();
    let whole = &texts[6];
    staging
        .put_streamed("file.txt", &mut |into| {
            into.write_all(whole.as_bytes())
                .map_err(|error| RenderError::writing("file.txt", &error))
        })
        .unwrap();
    staging.plan().unwrap().apply().unwrap();
    assert_eq!(
        &fs::read_to_string(out.path().join("file.txt")).unwrap(),
        whole
    );
}

#[test]
fn a_file_in_pieces_is_written_as_the_same_file_whole_would_be() {
    // Every state its target can be in, and new bytes equal to it,
    // different early, late, only in length, or empty: written whole
    // (`Sink::put`) and in pieces (`Sink::put_streamed`) into two copies of
    // the same directory, with the same outcome, report and bytes.
    let old = long_text(9_000, "old");
    let mut late = old.clone();
    late.replace_range(90_000..90_003, "new");
    let news = [
        old.clone(),
        format!("x{}", &old[1..]),
        late,
        old[..65_536].to_owned(),
        format!("{old}more\n"),
        String::new(),
    ];
    let path = "dir/file.txt";
    // What is at the path before the run: nothing, gen's file, gen's file
    // edited by hand, a stranger's file (not listed), a stranger's file
    // with the new bytes.
    // Each makes the state from gen's file and the new bytes.
    type Prepare = fn(&Path, &str);
    let states: [(&str, Prepare); 7] = [
        ("absent", |out, _| {
            fs::remove_file(out.join("dir/file.txt")).unwrap()
        }),
        ("gen's", |_, _| {}),
        ("edited", |out, _| {
            fs::write(out.join("dir/file.txt"), "edited by hand\n").unwrap()
        }),
        ("a stranger's", |out, _| {
            fs::rename(out.join("dir/file.txt"), out.join("dir/theirs.txt")).unwrap();
            fs::write(out.join("dir/theirs.txt"), "theirs\n").unwrap();
        }),
        ("a stranger's with the new bytes", |out, new| {
            fs::rename(out.join("dir/file.txt"), out.join("dir/theirs.txt")).unwrap();
            fs::write(out.join("dir/theirs.txt"), new).unwrap();
        }),
        ("a directory", |out, _| {
            fs::remove_file(out.join("dir/file.txt")).unwrap();
            fs::create_dir(out.join("dir/file.txt")).unwrap();
        }),
        ("a link to gen's bytes", |out, _| {
            fs::rename(out.join("dir/file.txt"), out.join("file.txt")).unwrap();
            #[cfg(unix)]
            std::os::unix::fs::symlink("../file.txt", out.join("dir/file.txt")).unwrap();
        }),
    ];
    let outcome = |out: &Path, result: Result<write::WriteReport, WriteError>| {
        // Each file's length and hash: a failure prints a line a file.
        let bytes: BTreeMap<String, String> = snapshot(out)
            .into_iter()
            .map(|(path, (bytes, _))| {
                use std::hash::{Hash as _, Hasher as _};
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                bytes.hash(&mut hasher);
                (
                    path,
                    format!("{} bytes, {:016x}", bytes.len(), hasher.finish()),
                )
            })
            .collect();
        let result = format!("{result:?}").replace(&out.display().to_string(), "OUT");
        (result, bytes, tree(out))
    };
    for (state, prepare) in states {
        for new in &news {
            let [whole, pieces] = [(); 2].map(|()| {
                let out = tempfile::tempdir().unwrap();
                write_streamed(out.path(), &[(path, Some(&old))], &write::RealDisk).unwrap();
                prepare(out.path(), new);
                out
            });
            // The stranger's file is where the run writes.
            let target = if state.starts_with("a stranger's") {
                "dir/theirs.txt"
            } else {
                path
            };
            let written_whole = write::write_with(
                whole.path(),
                &[GeneratedFile::new(target, new.clone())],
                &mut |_| {},
                &write::RealDisk,
            );
            let written_in_pieces =
                write_streamed(pieces.path(), &[(target, Some(new))], &write::RealDisk);
            assert_eq!(
                outcome(pieces.path(), written_in_pieces),
                outcome(whole.path(), written_whole),
                "over {state}, {} bytes",
                new.len()
            );
        }
    }
}
