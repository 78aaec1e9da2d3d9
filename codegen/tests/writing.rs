//! How `gen` writes the output directory: only changed files, atomically,
//! removing what it no longer produces and nothing else, and nothing at all
//! when the catalog is broken or a renderer fails.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use codegen::catalog::Catalog;
use codegen::render::{GeneratedFile, RENDERERS, RenderError, Renderer};
use codegen::write::{self, Stale};
use codegen::{Failure, gen_into};

mod support;
use support::snapshot;

const MINIMAL: &[u8] = include_bytes!("fixtures/minimal.yaml");

fn failing_renderer(_: &Catalog) -> Result<Vec<GeneratedFile>, RenderError> {
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
    // The manifest is written last: until then the old one lists what an
    // interrupted run may have left.
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
    // 439 has Chinese text only: the Chinese page (and its site page), the
    // Rust crate and the TypeScript definitions (which hold every
    // translation) change; the English page and the package manifests do
    // not.
    assert_eq!(
        report.written,
        [
            "docs/zh/status-codes.md",
            "rust/src/lib.rs",
            "site/zh/index.html",
            "typescript/index.d.mts",
            "typescript/index.d.ts"
        ]
    );
}

#[test]
fn files_no_longer_produced_are_removed_and_others_are_left_alone() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    fs::write(out.path().join("notes.txt"), "not ours").unwrap();
    // Drop Chinese: its page is no longer produced.
    let english_only = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("  - tag: zh\n    name: 中文\n", "")
        .replace("      zh:\n        description: 成功。\n", "")
        .replace(
            "      zh:\n        description: 用户进程意外退出。\n",
            "      en:\n        description: The process exited.\n",
        );
    let english_only = english_only[..english_only.find("  zh:\n    title").unwrap()].to_owned()
        + &english_only[english_only.find("entries:").unwrap()..];
    let report = gen_into(english_only.as_bytes(), out.path(), RENDERERS).unwrap();
    assert_eq!(
        report.removed,
        ["docs/zh/status-codes.md", "site/zh/index.html"]
    );
    assert!(!out.path().join("docs/zh/status-codes.md").exists());
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
    // The failing renderer runs last, after the others have produced their
    // (changed) files in memory: none of them may reach the disk.
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
    assert_eq!(write::check(out.path(), &files).unwrap(), []);

    fs::remove_file(out.path().join("typescript/index.d.ts")).unwrap();
    let edited = String::from_utf8(MINIMAL.to_vec())
        .unwrap()
        .replace("It worked.", "It did work.");
    let (_, edited_files) = codegen::generate(edited.as_bytes()).unwrap();
    let stale = write::check(out.path(), &edited_files).unwrap();
    let named: Vec<&str> = stale.iter().map(Stale::path).collect();
    assert_eq!(
        named,
        [
            "docs/en/status-codes.md",
            "rust/src/lib.rs",
            "site/en/index.html",
            "typescript/index.d.mts",
            "typescript/index.d.ts"
        ]
    );
    match &stale[0] {
        Stale::Differs { diff, .. } => {
            assert!(diff.contains("-It worked."), "{diff}");
            assert!(diff.contains("+It did work."), "{diff}");
        }
        other => panic!("expected a diff, got {other:?}"),
    }
    assert!(matches!(stale[3], Stale::Differs { .. }));
    assert!(matches!(stale[4], Stale::Missing { .. }));
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
    let stale = write::check(out.path(), &files).unwrap();
    assert!(
        stale.contains(&Stale::Leftover {
            path: "docs/fr/status-codes.md".into()
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
    fs::write(out.join("MANIFEST"), "../precious.txt\n/etc/hostname\n").unwrap();
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
    for (fault, fail_at) in faults
        .into_iter()
        .flat_map(|fault| (0..4).map(move |at| (fault, at)))
    {
        let out = tempfile::tempdir().unwrap();
        gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
        let (_, files) = codegen::generate(edited.as_bytes()).unwrap();
        let mut written = 0;
        // Writing fails after `fail_at` files.
        let mut failing_disk = |path: &Path, contents: &[u8]| {
            if written == fail_at {
                return Err(std::io::Error::new(fault, "injected fault"));
            }
            written += 1;
            write::write_atomically(path, contents)
        };
        let error = write::write_with(out.path(), &files, &mut failing_disk).unwrap_err();
        assert_eq!(error.kind(), fault);
        assert_old_or_new(out.path(), &old, &new);
        assert_eq!(
            fs::read(out.path().join("MANIFEST")).unwrap(),
            old["MANIFEST"],
            "the manifest is replaced last"
        );
        // The next run completes the job.
        gen_into(edited.as_bytes(), out.path(), RENDERERS).unwrap();
        assert_eq!(
            snapshot(out.path())
                .into_iter()
                .map(|(path, (bytes, _))| (path, bytes))
                .collect::<BTreeMap<_, _>>(),
            new
        );
    }
}

#[test]
fn temporaries_of_a_killed_run_are_removed_by_the_next() {
    let out = tempfile::tempdir().unwrap();
    gen_into(MINIMAL, out.path(), RENDERERS).unwrap();
    let leftover = out.path().join("rust/src/.gen-AbCdEf.tmp");
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
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, out.join("rust")).unwrap();
    let error = gen_into(MINIMAL, &out, RENDERERS).unwrap_err();
    match error {
        Failure::Io(error) => assert!(
            error
                .to_string()
                .contains("refusing to write through the symbolic link"),
            "{error}"
        ),
        other => panic!("expected an I/O refusal, got {other:?}"),
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
        matches!(error, Failure::Io(ref error) if error.kind() == std::io::ErrorKind::PermissionDenied),
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
