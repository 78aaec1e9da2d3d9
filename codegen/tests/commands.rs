//! The commands as a library (`codegen::command`): what they report and what
//! they refuse, compared as values. (`xtask/tests/cli.rs` pins the wording
//! a person at the terminal reads.)

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::command::{self, CommandError, ReleaseRefusal, Sources};
use codegen::render::RENDERERS;
use codegen::version::Version;
use codegen::write::Stale;

/// The real catalog and its lock (released as 0.1.0) in a scratch
/// directory, with an output directory beside them.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        for file in ["catalog.yaml", "catalog.lock"] {
            fs::copy(root.join(file), dir.path().join(file)).unwrap();
        }
        Project { dir }
    }

    /// Replaces the lock with one that released the catalog as it is now,
    /// at its version: no change since.
    fn release_as_it_is(&self) {
        let catalog = codegen::load_catalog(&fs::read(self.catalog()).unwrap()).unwrap();
        let lock = codegen::release::lock(&catalog, None).unwrap();
        fs::write(
            self.dir.path().join("catalog.lock"),
            serde_json::to_string_pretty(&lock).unwrap(),
        )
        .unwrap();
    }

    fn catalog(&self) -> PathBuf {
        self.dir.path().join("catalog.yaml")
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("generated")
    }

    fn sources(&self) -> Sources {
        Sources::open(&self.catalog(), "catalog.yaml").unwrap()
    }

    fn edit(&self, from: &str, to: &str) {
        let text = fs::read_to_string(self.catalog()).unwrap();
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
        fs::write(self.catalog(), text.replacen(from, to, 1)).unwrap();
    }

    fn generate(&self) -> Result<command::GenReport, CommandError> {
        command::generate(self.sources(), &self.out(), RENDERERS, &mut |_| {})
    }

    fn check(&self) -> command::CheckReport {
        command::check(&self.sources(), &self.out(), RENDERERS, &mut |_| {}).unwrap()
    }

    fn release(&self) -> Result<command::ReleaseReport, CommandError> {
        command::release(
            &self.sources(),
            &self.out(),
            RENDERERS,
            "2026-12-05",
            &mut |_| {},
        )
    }

    /// The 1-based line and column where `text` starts in the catalog.
    fn position_of(&self, text: &str) -> (u32, u32) {
        let catalog = fs::read_to_string(self.catalog()).unwrap();
        let before = &catalog[..catalog.find(text).unwrap()];
        let line = before.matches('\n').count() + 1;
        let column = before.len() - before.rfind('\n').map_or(0, |at| at + 1) + 1;
        (line as u32, column as u32)
    }
}

fn v(text: &str) -> Version {
    text.parse().unwrap()
}

const EDITED_433: (&str, &str) = (
    "description: The function execution times out.",
    "description: The function execution timed out.",
);

/// An owner's release, as the README tells it: edit a text, `gen`, raise
/// the version, `release`. The tree it leaves passes `check`.
#[test]
fn release_after_an_edit_leaves_a_tree_that_check_passes() {
    let project = Project::new();
    project.generate().unwrap();
    project.edit(EDITED_433.0, EDITED_433.1);
    project.generate().unwrap();
    let before = project.check();
    assert!(before.passed(), "{before:?}");
    let status = before.release.expect("a release to compare with");
    assert_eq!(status.next.map(|(version, _)| version), Some(v("0.1.1")));

    project.edit("  version: 0.1.0\n", "  version: 0.1.1\n");
    let released = project.release().unwrap();
    assert_eq!(released.version, v("0.1.1"));
    assert!(released.section.starts_with("## 0.1.1 (2026-12-05)\n"));
    // The version is in the outputs: release rewrote them.
    assert!(
        released
            .written
            .written
            .contains(&"rust/Cargo.toml".to_owned()),
        "{:?}",
        released.written
    );

    let after = project.check();
    assert!(after.passed(), "{after:?}");
    let status = after.release.expect("the release just recorded");
    assert_eq!((status.released, status.changes.len()), (v("0.1.1"), 0));
}

/// `gen` as a library refuses what the command line refuses.
#[test]
fn generate_refuses_a_released_code_dropped_without_being_retired() {
    let project = Project::new();
    project.generate().unwrap();
    let catalog = fs::read_to_string(project.catalog()).unwrap();
    let start = catalog.find("  - code: 200\n").unwrap();
    let end = start + catalog[start..].find("  - code: 400\n").unwrap();
    project.edit(&catalog[start..end], "");
    match project.generate() {
        Err(CommandError::Unretired(problems, _)) => {
            assert_eq!(problems.diagnostics.len(), 1);
            assert!(
                problems.diagnostics[0]
                    .message
                    .starts_with("200 Success was released in 0.1.0"),
                "{}",
                problems.diagnostics[0].message
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // Nothing was written: the outputs of the catalog before the edit stay.
    let report = project.check();
    assert!(report.unretired.is_some());
    assert!(
        report
            .stale
            .iter()
            .any(|stale| matches!(stale, Stale::Differs { path, .. } if path == "rust/src/lib.rs")),
        "{:?}",
        report.stale
    );
}

/// A code retired by a release says so: its `since` is that release.
#[test]
fn release_refuses_a_retirement_dated_otherwise_at_its_since() {
    let project = Project::new();
    let catalog = fs::read_to_string(project.catalog()).unwrap();
    let start = catalog.find("  - code: 200\n").unwrap();
    let end = start + catalog[start..].find("  - code: 400\n").unwrap();
    project.edit(&catalog[start..end], "");
    project.edit("  version: 0.1.0\n", "  version: 0.2.0\n");
    let retired = "retired:\n  - code: 200\n    id: Success\n    message: Success\n    since: 0.1.5\n    reason: Merged.\n";
    let mut text = fs::read_to_string(project.catalog()).unwrap();
    text.push_str(retired);
    fs::write(project.catalog(), &text).unwrap();

    match project.release() {
        Err(CommandError::Release(ReleaseRefusal::Misdated(problems))) => {
            let [problem] = problems.diagnostics.as_slice() else {
                panic!("{problems}");
            };
            assert_eq!(
                problem.message,
                "200 Success is retired in `0.1.5`, but this release, 0.2.0, retires it: write `since: 0.2.0`"
            );
            let (line, column) = project.position_of("0.1.5\n    reason: Merged.");
            assert_eq!((problem.at.line, problem.at.column), (line, column));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!project.out().exists(), "a refused release writes nothing");
    project.edit("    since: 0.1.5\n", "    since: 0.2.0\n");
    let released = project.release().unwrap();
    assert_eq!(released.version, v("0.2.0"));
    assert!(project.check().passed());
}

/// The generated crate is what `gen` wrote and nothing else: a `build.rs`,
/// a test or a nested directory dropped beside it is neither built nor
/// packaged.
#[test]
fn the_generated_crate_discovers_no_file_gen_did_not_write() {
    let project = Project::new();
    project.generate().unwrap();
    let krate = project.out().join("rust");
    fs::write(
        krate.join("build.rs"),
        "fn main() { compile_error!(\"ran\"); }\n",
    )
    .unwrap();
    for (dir, file) in [
        ("tests", "x.rs"),
        ("src/nested", "lib.rs"),
        ("src/bin", "x.rs"),
    ] {
        fs::create_dir_all(krate.join(dir)).unwrap();
        fs::write(krate.join(dir).join(file), "compile_error!(\"built\");\n").unwrap();
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let listed = Command::new(&cargo)
        .args(["package", "--list", "--allow-dirty", "--offline"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", project.dir.path().join("target"))
        .output()
        .unwrap();
    assert!(listed.status.success(), "{listed:?}");
    let listed = String::from_utf8_lossy(&listed.stdout);
    let listed: Vec<&str> = listed.lines().collect();
    // Cargo adds the lock file and the original manifest itself.
    assert_eq!(
        listed,
        [
            "Cargo.lock",
            "Cargo.toml",
            "Cargo.toml.orig",
            "README.md",
            "src/lib.rs",
            "src/message_hash.rs"
        ]
    );
    let tested = Command::new(&cargo)
        .args(["test", "--offline", "--no-default-features", "--", "--list"])
        .current_dir(&krate)
        .env("CARGO_TARGET_DIR", project.dir.path().join("target"))
        .output()
        .unwrap();
    assert!(tested.status.success(), "{tested:?}");
}

/// `check` lists each entry that does not say who must act or what a retry
/// can do, at its code, as information (it still passes).
#[test]
fn check_lists_the_entries_without_advice() {
    let project = Project::new();
    let minimal = include_str!("fixtures/minimal.yaml").replace(
        "    id: Success\n    message: Success\n",
        "    id: Success\n    message: Success\n    who_acts: nobody\n    retry: not_needed\n",
    );
    let minimal = minimal.replace(
        "    id: TimeLimitReached\n    message: TimeLimitReached\n",
        "    id: TimeLimitReached\n    message: TimeLimitReached\n    who_acts: function\n",
    );
    fs::write(project.catalog(), &minimal).unwrap();
    fs::remove_file(project.dir.path().join("catalog.lock")).unwrap();
    project.generate().unwrap();
    let report = project.check();
    assert!(report.passed(), "{report:?}");
    let listed: Vec<(u32, &str)> = report
        .unclassified
        .diagnostics
        .iter()
        .map(|problem| (problem.at.line, problem.message.as_str()))
        .collect();
    let line_of = |code: &str| project.position_of(&format!("- code: {code}")).0;
    assert_eq!(
        listed,
        [
            (
                line_of("433"),
                "433 TimeLimitReached has no `retry`: add it where its texts say, quoting them in a comment beside it"
            ),
            (
                line_of("439"),
                "439 UserProcessExit has no `who_acts` or `retry`: add it where its texts say, quoting them in a comment beside it"
            ),
        ]
    );
    assert!(
        report
            .unclassified
            .diagnostics
            .iter()
            .all(|d| d.is_warning())
    );
    assert_eq!(report.entries, 3);
}

/// The writer's refusals come before the release is recorded: into a
/// directory `gen` does not own, nothing is released and nothing written.
#[test]
fn release_into_a_directory_gen_does_not_own_records_nothing() {
    let project = Project::new();
    project.edit(EDITED_433.0, EDITED_433.1);
    project.edit("  version: 0.1.0\n", "  version: 0.1.1\n");
    fs::create_dir_all(project.out()).unwrap();
    fs::write(project.out().join("notes.txt"), "mine\n").unwrap();
    let before: Vec<Vec<u8>> = ["catalog.lock", "notes.txt"]
        .iter()
        .map(|file| {
            fs::read(project.dir.path().join(file))
                .or_else(|_| fs::read(project.out().join(file)))
                .unwrap()
        })
        .collect();
    match project.release() {
        Err(CommandError::Release(ReleaseRefusal::Output(
            codegen::write::WriteError::NotOwned(_),
        ))) => {}
        other => panic!("expected the writer's refusal, got {other:?}"),
    }
    let after: Vec<Vec<u8>> = ["catalog.lock", "notes.txt"]
        .iter()
        .map(|file| {
            fs::read(project.dir.path().join(file))
                .or_else(|_| fs::read(project.out().join(file)))
                .unwrap()
        })
        .collect();
    assert_eq!(before, after);
    assert!(!project.dir.path().join("CHANGELOG.md").exists());
    assert_eq!(
        fs::read_dir(project.out()).unwrap().count(),
        1,
        "only the owner's file is there"
    );
}

/// A version too low for the changes, or not above the last release, is
/// refused with the version it needs; nothing is written.
#[test]
fn release_refuses_a_version_too_low_or_not_above_the_last() {
    let project = Project::new();
    project.release_as_it_is();
    match project.release() {
        Err(CommandError::Release(ReleaseRefusal::NotAbove { version, released })) => {
            assert_eq!((version, released), (v("0.1.0"), v("0.1.0")));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    project.edit(
        "    id: TimeLimitReached\n    message: TimeLimitReached\n",
        "    id: TimeLimitReached\n    message: TimeLimitExceeded\n",
    );
    project.edit("  version: 0.1.0\n", "  version: 0.1.1\n");
    match project.release() {
        Err(CommandError::Release(ReleaseRefusal::TooLow(problems))) => {
            let message = &problems.diagnostics[0].message;
            assert!(
                message.starts_with("version 0.1.1 is too low for the changes since release 0.1.0: they need a major release, 0.2.0 or later"),
                "{message}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!project.out().exists());
    assert!(!project.dir.path().join("CHANGELOG.md").exists());
}
