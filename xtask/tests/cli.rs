//! `cargo xtask gen` and `check` as their users run them: exit statuses,
//! messages, and what they do to the output directory.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const XTASK: &str = env!("CARGO_BIN_EXE_xtask");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn xtask(args: &[&str]) -> Output {
    Command::new(XTASK).args(args).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every file under `dir` with its bytes and mtime.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for item in fs::read_dir(&current).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let metadata = fs::metadata(&path).unwrap();
                files.insert(
                    path.clone(),
                    (fs::read(&path).unwrap(), metadata.modified().unwrap()),
                );
            }
        }
    }
    files
}

/// A copy of the real catalog in a scratch directory, with its output.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::copy(root().join("catalog.yaml"), dir.path().join("catalog.yaml")).unwrap();
        Scratch { dir }
    }
    fn catalog(&self) -> String {
        self.dir.path().join("catalog.yaml").display().to_string()
    }
    fn out(&self) -> PathBuf {
        self.dir.path().join("generated")
    }
    fn run(&self, task: &str) -> Output {
        xtask(&[
            task,
            "--catalog",
            &self.catalog(),
            "--out",
            &self.out().display().to_string(),
        ])
    }
    /// The 1-based line of the catalog that starts with `text`.
    fn line_of(&self, text: &str) -> usize {
        let catalog = fs::read_to_string(self.dir.path().join("catalog.yaml")).unwrap();
        catalog[..catalog.find(text).unwrap()].matches('\n').count() + 1
    }
    fn edit_catalog(&self, from: &str, to: &str) {
        let path = self.dir.path().join("catalog.yaml");
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "`{from}` must occur once");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }
}

#[test]
fn the_committed_generated_directory_is_fresh() {
    // The same comparison as `cargo xtask check`: `cargo test` fails whenever
    // someone edits catalog.yaml and forgets `cargo xtask gen`.
    let catalog = fs::read(root().join("catalog.yaml")).unwrap();
    let (_, files) =
        codegen::generate(&catalog).unwrap_or_else(|failure| panic!("catalog.yaml: {failure:?}"));
    let stale = codegen::write::check(&root().join("generated"), &files).unwrap();
    assert!(
        stale.is_empty(),
        "generated/ is stale; run `cargo xtask gen`:\n{stale:#?}"
    );
}

#[test]
fn check_fails_after_an_edit_naming_the_stale_files_and_passes_after_gen() {
    let scratch = Scratch::new();
    assert!(scratch.run("gen").status.success());
    let check = scratch.run("check");
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stdout(&check).contains("translation coverage: en: 22/30 entries, zh: 29/30 entries"),
        "{}",
        stdout(&check)
    );

    scratch.edit_catalog(
        "description: The function execution times out.",
        "description: The function ran out of time.",
    );
    let check = scratch.run("check");
    assert_eq!(check.status.code(), Some(1));
    let message = stderr(&check);
    for stale in [
        "stale: docs/en/status-codes.md",
        "stale: rust/src/lib.rs",
        "stale: typescript/index.d.ts",
    ] {
        assert!(message.contains(stale), "missing `{stale}` in:\n{message}");
    }
    assert!(!message.contains("docs/zh/status-codes.md"), "{message}");
    assert!(
        message.contains("+The function ran out of time."),
        "no diff in:\n{message}"
    );
    assert!(message.contains("run `cargo xtask gen`"), "{message}");

    assert!(scratch.run("gen").status.success());
    assert!(scratch.run("check").status.success());
}

#[test]
fn a_second_gen_writes_nothing() {
    let scratch = Scratch::new();
    assert!(scratch.run("gen").status.success());
    let before = snapshot(&scratch.out());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = scratch.run("gen");
    let summary = format!("gen: 0 written, {} unchanged, 0 removed in ", before.len());
    assert!(stdout(&second).starts_with(&summary), "{}", stdout(&second));
    assert_eq!(snapshot(&scratch.out()), before);
}

#[test]
fn a_broken_catalog_exits_1_points_at_the_line_and_writes_nothing() {
    let scratch = Scratch::new();
    assert!(scratch.run("gen").status.success());
    let before = snapshot(&scratch.out());
    let code_line = scratch.line_of("  - code: 436\n");
    let field_line = scratch.line_of("    id: UserCodeError\n") + 1;
    scratch.edit_catalog("  - code: 436\n", "  - code: 433\n");
    scratch.edit_catalog(
        "    id: UserCodeError\n",
        "    id: UserCodeError\n    colour: red\n",
    );
    let output = scratch.run("gen");
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let catalog = scratch.catalog();
    assert!(
        message.contains(&format!("{catalog}:{code_line}:11: duplicate code 433\n")),
        "{message}"
    );
    assert!(
        message.contains(&format!("{code_line} |   - code: 433\n")),
        "the line is shown:\n{message}"
    );
    assert!(
        message.contains(&format!(
            "{catalog}:{field_line}:5: unknown field `colour`\n"
        )),
        "{message}"
    );
    assert!(
        message.contains("has 2 problems; nothing was written"),
        "{message}"
    );
    assert_eq!(snapshot(&scratch.out()), before);
}

#[test]
fn a_missing_catalog_exits_1_and_says_so() {
    let output = xtask(&[
        "gen",
        "--catalog",
        "/nonexistent/catalog.yaml",
        "--out",
        "/nonexistent/out",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("cannot read /nonexistent/catalog.yaml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_usage_error_exits_2() {
    let output = xtask(&["gen", "--catalgo", "x.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--catalgo"), "{}", stderr(&output));
    assert_eq!(xtask(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn gen_repairs_a_generated_crate_whose_manifest_is_broken() {
    let scratch = Scratch::new();
    assert!(scratch.run("gen").status.success());
    let manifest = scratch.out().join("rust/Cargo.toml");
    let good = fs::read(&manifest).unwrap();
    fs::write(&manifest, "[package\nname = ").unwrap();
    let output = scratch.run("gen");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(fs::read(&manifest).unwrap(), good);
}

/// The trap the layout avoids: were the generated crate a workspace member,
/// a broken `generated/rust/Cargo.toml` would stop every cargo command in
/// the workspace, `cargo xtask gen` included. This loads a copy of the
/// workspace whose generated manifest is garbage.
#[test]
fn the_workspace_loads_whatever_state_generated_is_in() {
    let copy = tempfile::tempdir().unwrap();
    for file in ["Cargo.toml", "Cargo.lock"] {
        fs::copy(root().join(file), copy.path().join(file)).unwrap();
    }
    for member in ["codegen", "xtask", "xtask/import"] {
        fs::create_dir_all(copy.path().join(member).join("src")).unwrap();
        fs::copy(
            root().join(member).join("Cargo.toml"),
            copy.path().join(member).join("Cargo.toml"),
        )
        .unwrap();
        for entry in ["src/main.rs", "src/lib.rs"] {
            fs::write(copy.path().join(member).join(entry), "").unwrap();
        }
    }
    fs::create_dir_all(copy.path().join("generated/rust")).unwrap();
    fs::write(
        copy.path().join("generated/rust/Cargo.toml"),
        "[package\nthis is not TOML",
    )
    .unwrap();

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(copy.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo could not load the workspace:\n{}",
        stderr(&output)
    );
    let members = stdout(&output);
    assert!(members.contains("\"name\":\"xtask\""), "{members}");
    assert!(
        !members.contains("scf-invoke-status"),
        "the generated crate must not be a member"
    );
}

/// Every managed file's bytes, by path relative to `dir`; temporaries apart.
fn managed_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .filter(|(path, _)| {
            !path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".gen-")
        })
        .map(|(path, (bytes, _))| (path.strip_prefix(dir).unwrap().to_path_buf(), bytes))
        .collect()
}

/// `gen` killed at many points while switching between two catalogs: after
/// every kill each file is one catalog's version or the other's, never torn;
/// the next complete run leaves no temporary behind.
#[test]
fn gen_killed_at_random_points_never_tears_a_file() {
    let scratch = Scratch::new();
    let catalog_a = fs::read_to_string(scratch.dir.path().join("catalog.yaml")).unwrap();
    let catalog_b = catalog_a.replace(
        "The function execution times out.",
        "The function ran out of time.",
    );
    let versions: Vec<BTreeMap<PathBuf, Vec<u8>>> = [&catalog_a, &catalog_b]
        .iter()
        .map(|catalog| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("catalog.yaml");
            fs::write(&path, catalog).unwrap();
            let out = dir.path().join("out");
            let status = xtask(&[
                "gen",
                "--catalog",
                &path.display().to_string(),
                "--out",
                &out.display().to_string(),
            ])
            .status;
            assert!(status.success());
            managed_files(&out)
        })
        .collect();
    assert!(scratch.run("gen").status.success());
    // A fixed pseudo-random sequence of delays, so that a failure reproduces.
    let mut seed: u64 = 0x5eed;
    for round in 0..30 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = std::time::Duration::from_micros((seed >> 33) % 40_000);
        let catalog = if round % 2 == 0 {
            &catalog_b
        } else {
            &catalog_a
        };
        fs::write(scratch.dir.path().join("catalog.yaml"), catalog).unwrap();
        let mut child = Command::new(XTASK)
            .args([
                "gen",
                "--catalog",
                &scratch.catalog(),
                "--out",
                &scratch.out().display().to_string(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        for (path, bytes) in managed_files(&scratch.out()) {
            let known = versions
                .iter()
                .any(|version| version.get(&path) == Some(&bytes));
            assert!(
                known,
                "round {round}: {} is torn or foreign",
                path.display()
            );
        }
    }
    assert!(scratch.run("gen").status.success());
    let leftovers: Vec<PathBuf> = snapshot(&scratch.out())
        .into_keys()
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".gen-")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_200_mb_catalog_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.yaml");
    // Sparse: the test itself stays small.
    fs::File::create(&catalog)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let output = xtask(&[
        "gen",
        "--catalog",
        &catalog.display().to_string(),
        "--out",
        &dir.path().join("out").display().to_string(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let limit = codegen::load::limits::MAX_BYTES;
    assert!(
        stderr(&output).contains(&format!(
            ":1:1: the catalog is 209715200 bytes, over the limit of {limit}; it was not read"
        )),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("out").exists());
}

/// Every catalog of the broken corpus (see codegen/tests/broken_corpus.rs)
/// makes `gen` exit with 1, print each problem as PATH:LINE:COL, and write nothing.
#[test]
fn every_broken_catalog_exits_1_with_located_problems() {
    let corpus = root().join("codegen/tests/fixtures/broken");
    let mut catalogs: Vec<PathBuf> = fs::read_dir(&corpus)
        .unwrap()
        .map(|item| item.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .collect();
    catalogs.sort();
    let out = tempfile::tempdir().unwrap();
    for catalog in catalogs {
        let label = catalog.display().to_string();
        let output = xtask(&[
            "gen",
            "--catalog",
            &label,
            "--out",
            &out.path().display().to_string(),
        ]);
        assert_eq!(output.status.code(), Some(1), "{label}");
        let message = stderr(&output);
        for problem in fs::read_to_string(catalog.with_extension("expected"))
            .unwrap()
            .lines()
        {
            assert!(
                message.contains(&format!("{label}:{problem}\n")),
                "{label}: `{problem}` missing from:\n{message}"
            );
        }
        assert!(!message.contains("panicked"), "{message}");
        assert_eq!(
            fs::read_dir(out.path()).unwrap().count(),
            0,
            "{label} wrote something"
        );
    }
}

/// The synthetic catalogs used for benchmarks are valid, deterministic, and
/// a second `gen` of one writes nothing.
#[test]
fn synthetic_catalogs_are_accepted_and_regenerate_as_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
    for path in [&first, &second] {
        let output = xtask(&[
            "synth",
            "--entries",
            "200",
            "--out",
            &path.display().to_string(),
        ]);
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert_eq!(
        fs::read(&first).unwrap(),
        fs::read(&second).unwrap(),
        "same N, same bytes"
    );
    let out = dir.path().join("out").display().to_string();
    let catalog = first.display().to_string();
    let first_run = xtask(&["gen", "--catalog", &catalog, "--out", &out]);
    assert!(first_run.status.success(), "{}", stderr(&first_run));
    let again = xtask(&["gen", "--catalog", &catalog, "--out", &out]);
    assert!(
        stdout(&again).starts_with("gen: 0 written, "),
        "{}",
        stdout(&again)
    );
    let (catalog, _) = codegen::generate(&fs::read(&first).unwrap()).unwrap();
    assert_eq!(catalog.entries.len(), 200);
    // Its translations are recorded and current: only missing texts remain.
    let findings = codegen::translation::review(&catalog);
    assert!(
        findings
            .iter()
            .all(|finding| finding.is_warning() && finding.message.contains(" has no ")),
        "{findings:#?}"
    );
    let untranslated = catalog
        .entries
        .iter()
        .filter(|entry| entry.text.len() < 2)
        .count();
    assert!(untranslated > 0, "some entries are untranslated");
    assert!(
        catalog
            .entries
            .iter()
            .any(|entry| !entry.aliases().is_empty()),
        "some entries have aliases"
    );
}

#[test]
fn check_reports_a_stale_translation_as_a_warning_with_the_line_to_write() {
    let scratch = Scratch::new();
    assert!(scratch.run("gen").status.success());
    scratch.edit_catalog("范围内没有执行完成时", "范围内没有完成执行时");
    let record = scratch.line_of("        translated_from: zh 817e4ea1");
    let check = scratch.run("check");
    // Outputs changed too: check fails for that, not for the warning.
    let stderr = stderr(&check);
    let warning = format!(
        "catalog.yaml:{record}:26: warning: the en text of 433 TimeLimitReached is stale: its zh source has changed since it was translated (fingerprint 817e4ea1, now "
    );
    assert!(stderr.contains(&warning), "{stderr}");
    assert!(
        stderr.contains("then write `translated_from: zh "),
        "{stderr}"
    );
    assert!(scratch.run("gen").status.success());
    let check = scratch.run("check");
    assert!(check.status.success(), "{}", crate::stderr(&check));
    assert!(
        stdout(&check).contains("10 translation warnings"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn a_required_language_with_gaps_is_refused_by_gen_and_check() {
    let scratch = Scratch::new();
    scratch.edit_catalog(
        "    name: English\n",
        "    name: English\n    required: true\n",
    );
    for task in ["gen", "check"] {
        let run = scratch.run(task);
        assert_eq!(run.status.code(), Some(1), "{task}");
        let stderr = stderr(&run);
        assert!(
            stderr.contains(": 449 InsufficientResources has no en description or solution\n"),
            "{stderr}"
        );
        // Chinese is not required: its gap stays a warning, not in the errors.
        assert!(!stderr.contains("has no zh"), "{stderr}");
    }
    assert!(!scratch.out().exists(), "gen wrote something");
}

#[test]
fn explain_prints_an_entry_and_suggests_the_nearest_for_an_unknown_one() {
    let catalog = root().join("catalog.yaml").display().to_string();
    let found = xtask(&[
        "explain",
        "TimeLimitReached",
        "--lang",
        "zh",
        "--catalog",
        &catalog,
    ]);
    assert!(found.status.success(), "{}", stderr(&found));
    let text = stdout(&found);
    assert!(text.starts_with("433 TimeLimitReached\n"), "{text}");
    assert!(text.contains("\n说明\n"), "{text}");
    assert!(
        text.contains("  - 检查业务代码是否有大量耗时处理操作。\n"),
        "{text}"
    );
    let unknown = xtask(&["explain", "4333", "--catalog", &catalog]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        stderr(&unknown)
            .contains("nearest: 500 InternalError, 499 RequestCanceled, 450 InitContainerTimeout"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn check_refuses_a_version_too_low_for_the_changes_since_the_release() {
    let scratch = Scratch::new();
    let dir = scratch.dir.path();
    // First release, then a removed alias: a breaking change.
    assert!(
        xtask(&["release", "--catalog", &scratch.catalog()])
            .status
            .success()
    );
    assert!(
        fs::read_to_string(dir.join("CHANGELOG.md"))
            .unwrap()
            .contains("## 0.1.0 (")
    );
    scratch.edit_catalog(
        "    aliases:\n      - User preocess exit when running\n",
        "",
    );
    assert!(scratch.run("gen").status.success());
    let version = scratch.line_of("  version: 0.1.0");
    let check = scratch.run("check");
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains(&format!(
            "catalog.yaml:{version}:12: version 0.1.0 is too low for the changes since release 0.1.0: they need a major release, 0.2.0 or later"
        )),
        "{}",
        stderr(&check)
    );
    assert!(stderr(&check).contains(
        "= 439 UserProcessExit: alias `User preocess exit when running` removed (major)"
    ));
    // A release is refused too, until the version is raised.
    assert_eq!(
        xtask(&["release", "--catalog", &scratch.catalog()])
            .status
            .code(),
        Some(1)
    );
    scratch.edit_catalog("  version: 0.1.0", "  version: 0.2.0");
    assert!(scratch.run("gen").status.success());
    assert!(scratch.run("check").status.success());
    assert!(
        xtask(&["release", "--catalog", &scratch.catalog()])
            .status
            .success()
    );
    let changelog = fs::read_to_string(dir.join("CHANGELOG.md")).unwrap();
    let newest = changelog.find("## 0.2.0 (").expect("a 0.2.0 section");
    assert!(
        newest < changelog.find("## 0.1.0 (").unwrap(),
        "newest first:\n{changelog}"
    );
    assert!(changelog.contains("### Breaking\n\n- 439 UserProcessExit: alias `User preocess exit when running` removed\n"), "{changelog}");
}
