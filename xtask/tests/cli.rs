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
    // After the releases in catalog.lock, as gen and check see them.
    let catalog = fs::read(root().join("catalog.yaml")).unwrap();
    let released = codegen::release::record::read_lock(&root()).unwrap();
    let (_, files) =
        codegen::generate_with(&catalog, released.as_ref(), codegen::render::RENDERERS)
            .unwrap_or_else(|failure| panic!("catalog.yaml: {failure:?}"));
    let stale = codegen::write::check(&root().join("generated"), &files, &mut |_| {}).unwrap();
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
        stdout(&check).contains("translation coverage: en: 30/30 entries, zh: 29/30 entries"),
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
        "stale: typescript/catalog.d.ts",
        "stale: typescript/en/index.js",
        "stale: data/status-codes.json",
    ] {
        assert!(message.contains(stale), "missing `{stale}` in:\n{message}");
    }
    for fresh in [
        "docs/zh/status-codes.md",
        "typescript/zh/index.js",
        "typescript/index.js",
    ] {
        assert!(!message.contains(&format!("stale: {fresh}")), "{message}");
    }
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

/// `cargo metadata` of the workspace at `dir`, without its dependencies.
fn cargo_metadata(dir: &Path) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The directories of the workspace's members, relative to its root, as
/// Cargo reads them (so that a new member cannot be forgotten here).
fn workspace_members() -> Vec<PathBuf> {
    let output = cargo_metadata(&root());
    assert!(output.status.success(), "{}", stderr(&output));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let root = root().canonicalize().unwrap();
    let members: Vec<PathBuf> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|package| {
            let manifest = Path::new(package["manifest_path"].as_str().unwrap());
            let directory = manifest.parent().unwrap().canonicalize().unwrap();
            directory.strip_prefix(&root).unwrap().to_path_buf()
        })
        .collect();
    assert!(members.contains(&PathBuf::from("xtask")), "{members:?}");
    members
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
    for member in workspace_members() {
        fs::create_dir_all(copy.path().join(&member).join("src")).unwrap();
        fs::copy(
            root().join(&member).join("Cargo.toml"),
            copy.path().join(&member).join("Cargo.toml"),
        )
        .unwrap();
        for entry in ["src/main.rs", "src/lib.rs"] {
            fs::write(copy.path().join(&member).join(entry), "").unwrap();
        }
    }
    fs::create_dir_all(copy.path().join("generated/rust")).unwrap();
    fs::write(
        copy.path().join("generated/rust/Cargo.toml"),
        "[package\nthis is not TOML",
    )
    .unwrap();

    let output = cargo_metadata(copy.path());
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
            if path == Path::new("MANIFEST") {
                // The old one, the new one, or the journal of both.
                assert!(
                    bytes.starts_with(b"# @generated by `cargo xtask gen`"),
                    "round {round}: MANIFEST is torn"
                );
                continue;
            }
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
    let last = scratch.run("gen");
    assert!(last.status.success());
    // Every file an interrupted run left is still known as gen's own.
    assert!(
        !stderr(&last).contains("edited by hand"),
        "{}",
        stderr(&last)
    );
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

#[cfg(unix)]
#[test]
fn a_200_mb_catalog_is_refused_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog.yaml");
    // Sparse: the test itself stays small.
    fs::File::create(&catalog)
        .unwrap()
        .set_len(200 * 1024 * 1024)
        .unwrap();
    let output = xtask_with_memory_limit(
        &[
            "gen",
            "--catalog",
            &catalog.display().to_string(),
            "--out",
            &dir.path().join("out").display().to_string(),
        ],
        None,
    );
    assert_refused_at_the_limit(&output);
    assert!(!dir.path().join("out").exists());
}

/// Runs the xtask with its address space limited to 512 MiB (`ulimit -v`),
/// eight times the catalog limit: a reader that did not stop at the limit
/// would die of a failed allocation instead of refusing the input. `stdin`
/// is fed to it, forever, when given.
#[cfg(unix)]
fn xtask_with_memory_limit(args: &[&str], stdin: Option<&'static [u8]>) -> Output {
    use std::io::Write as _;
    let mut child = Command::new("sh")
        .args(["-c", "ulimit -v 524288 && exec \"$@\"", "sh", XTASK])
        .args(args)
        .stdin(if stdin.is_some() {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let feeder = stdin.map(|chunk| {
        let mut pipe = child.stdin.take().unwrap();
        // Ends when the reader closes the pipe.
        std::thread::spawn(move || while pipe.write_all(chunk).is_ok() {})
    });
    let output = child.wait_with_output().unwrap();
    if let Some(feeder) = feeder {
        feeder.join().unwrap();
    }
    output
}

fn assert_refused_at_the_limit(output: &Output) {
    let limit = codegen::load::limits::MAX_BYTES;
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    assert!(
        stderr(output).contains(&format!(
            ":1:1: the catalog is over the limit of {limit} bytes; it was not read further"
        )),
        "{}",
        stderr(output)
    );
}

#[cfg(unix)]
#[test]
fn endless_inputs_are_refused_at_the_limit_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out = out.display().to_string();
    for task in ["gen", "check"] {
        let output =
            xtask_with_memory_limit(&[task, "--catalog", "/dev/zero", "--out", &out], None);
        assert_refused_at_the_limit(&output);
        // A pipe that never ends: the catalog's first line, repeated.
        let output = xtask_with_memory_limit(
            &[task, "--catalog", "/dev/stdin", "--out", &out],
            Some(b"# a comment line that goes on and on\n"),
        );
        assert_refused_at_the_limit(&output);
    }
    let output = xtask_with_memory_limit(&["explain", "433", "--catalog", "/dev/zero"], None);
    assert_refused_at_the_limit(&output);
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
    let catalog = codegen::load_catalog(&fs::read(&first).unwrap()).unwrap();
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
    scratch.edit_catalog("函数状态异常或函数关停。", "函数状态异常或已关停。");
    let record = scratch.line_of("        translated_from: zh 8e8715d2");
    let check = scratch.run("check");
    // Outputs changed too: check fails for that, not for the warning.
    let stderr = stderr(&check);
    let warning = format!(
        "catalog.yaml:{record}:26: warning: the en text of 438 FunctionStatusError is stale: its zh source has changed since it was translated (fingerprint 8e8715d2, now "
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
        stdout(&check).contains("17 translation warnings"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn a_required_language_with_gaps_is_refused_by_gen_and_check() {
    let scratch = Scratch::new();
    scratch.edit_catalog(
        "    name: 简体中文\n",
        "    name: 简体中文\n    required: true\n",
    );
    for task in ["gen", "check"] {
        let run = scratch.run(task);
        assert_eq!(run.status.code(), Some(1), "{task}");
        let stderr = stderr(&run);
        assert!(
            stderr.contains(": 440 BorrowContainerDegrade has no zh description or solution\n"),
            "{stderr}"
        );
        // English is not required: its findings stay warnings, not in the errors.
        assert!(!stderr.contains("the en text of"), "{stderr}");
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

/// The daily loop (edit, `gen`, commit) never needs a version bump: `check`
/// passes and tells what the next release needs; `release` refuses a
/// version too low for the changes.
#[test]
fn check_passes_after_an_edit_and_gen_and_release_refuses_a_version_too_low() {
    let scratch = Scratch::new();
    let dir = scratch.dir.path();
    assert!(scratch.run("release").status.success());
    assert!(
        fs::read_to_string(dir.join("CHANGELOG.md"))
            .unwrap()
            .contains("## 0.1.0 (")
    );
    assert!(scratch.run("gen").status.success());
    let check = scratch.run("check");
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stdout(&check).contains("release: no changes since 0.1.0"),
        "{}",
        stdout(&check)
    );

    scratch.edit_catalog(
        "description: The function execution times out.",
        "description: The function ran out of time.",
    );
    assert!(scratch.run("gen").status.success());
    let check = scratch.run("check");
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let said = stdout(&check);
    assert!(
        said.contains(
            "release: 1 change since 0.1.0:\n  433 TimeLimitReached: texts changed (patch)\n"
        ),
        "{said}"
    );
    assert!(said.contains("release: the next release must be at least 0.1.1 (patch); raise package.version (now 0.1.0)"), "{said}");

    let lock = fs::read(dir.join("catalog.lock")).unwrap();
    let changelog = fs::read(dir.join("CHANGELOG.md")).unwrap();
    let release = scratch.run("release");
    assert_eq!(release.status.code(), Some(1));
    let version = scratch.line_of("  version: 0.1.0");
    let refusal = stderr(&release);
    assert!(refusal.contains(&format!(
        "catalog.yaml:{version}:12: version 0.1.0 is too low for the changes since release 0.1.0: they need a patch release, 0.1.1 or later"
    )), "{refusal}");
    assert!(
        refusal.contains("= 433 TimeLimitReached: texts changed (patch)"),
        "{refusal}"
    );
    assert_eq!(
        fs::read(dir.join("catalog.lock")).unwrap(),
        lock,
        "nothing was released"
    );
    assert_eq!(fs::read(dir.join("CHANGELOG.md")).unwrap(), changelog);

    // A breaking change: still only information for check.
    scratch.edit_catalog(
        "    aliases:\n      - User preocess exit when running\n",
        "",
    );
    assert!(scratch.run("gen").status.success());
    let check = scratch.run("check");
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stdout(&check).contains(
            "  439 UserProcessExit: alias `User preocess exit when running` removed (major)\n"
        ),
        "{}",
        stdout(&check)
    );
    assert!(
        stdout(&check).contains("the next release must be at least 0.2.0 (major)"),
        "{}",
        stdout(&check)
    );
    let release = scratch.run("release");
    assert_eq!(release.status.code(), Some(1));
    assert!(
        stderr(&release).contains("they need a major release, 0.2.0 or later"),
        "{}",
        stderr(&release)
    );

    scratch.edit_catalog("  version: 0.1.0", "  version: 0.2.0");
    assert!(scratch.run("gen").status.success());
    let check = scratch.run("check");
    assert!(
        stdout(&check).contains("package.version 0.2.0 allows it"),
        "{}",
        stdout(&check)
    );
    assert!(scratch.run("release").status.success());
    let changelog = fs::read_to_string(dir.join("CHANGELOG.md")).unwrap();
    let newest = changelog.find("## 0.2.0 (").expect("a 0.2.0 section");
    assert!(
        newest < changelog.find("## 0.1.0 (").unwrap(),
        "newest first:\n{changelog}"
    );
    assert!(changelog.contains("### Breaking\n\n- 439 UserProcessExit: alias `User preocess exit when running` removed\n"), "{changelog}");
}

/// `check` names every reason it fails for, each with its fix.
#[test]
fn check_reports_stale_files_foreign_files_and_a_dropped_code_at_once() {
    let scratch = Scratch::new();
    assert!(scratch.run("release").status.success());
    assert!(scratch.run("gen").status.success());
    fs::write(scratch.out().join("rust/build.rs"), "fn main() {}\n").unwrap();
    // 200 dropped without being retired, and the outputs not regenerated.
    let catalog = fs::read_to_string(scratch.dir.path().join("catalog.yaml")).unwrap();
    let start = catalog.find("  - code: 200\n").unwrap();
    let end = start + catalog[start..].find("  - code: 400\n").unwrap();
    scratch.edit_catalog(&catalog[start..end], "");

    let generated_run = scratch.run("gen");
    assert_eq!(generated_run.status.code(), Some(1));
    assert!(
        stderr(&generated_run).contains(
            "200 Success was released in 0.1.0 and is no longer an entry; list it under `retired`"
        ),
        "{}",
        stderr(&generated_run)
    );
    assert!(
        stderr(&generated_run).contains("nothing was written"),
        "{}",
        stderr(&generated_run)
    );

    let check = scratch.run("check");
    assert_eq!(check.status.code(), Some(1));
    let message = stderr(&check);
    for expected in [
        "200 Success was released in 0.1.0 and is no longer an entry",
        "stale: rust/src/lib.rs",
        "not generated: rust/build.rs",
        "error: check failed:\n",
        "  - a released code is neither an entry nor listed under `retired`: list it under `retired`, then run `cargo xtask gen`\n",
        "files in ",
        "catalog.yaml produces: run `cargo xtask gen`\n",
        "  - 1 file in ",
        " was not written by gen, or edited since: move it out",
    ] {
        assert!(
            message.contains(expected),
            "missing `{expected}` in:\n{message}"
        );
    }
}

#[test]
fn gen_refuses_a_directory_it_does_not_own_and_touches_nothing() {
    let scratch = Scratch::new();
    let out = scratch.out();
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("Makefile.PL"), "1;\n").unwrap();
    // A Perl distribution's MANIFEST, then none at all.
    fs::write(out.join("MANIFEST"), "Makefile.PL\nlib/Foo.pm\n").unwrap();
    for expected in [
        "has a MANIFEST that `cargo xtask gen` did not write",
        "is not empty and has no MANIFEST written by `cargo xtask gen`, so gen does not own it; nothing was touched. Choose a new or empty directory with --out",
    ] {
        let before = snapshot(&out);
        let output = scratch.run("gen");
        assert_eq!(output.status.code(), Some(1));
        assert!(stderr(&output).contains(expected), "{}", stderr(&output));
        assert_eq!(snapshot(&out), before);
        let _ = fs::remove_file(out.join("MANIFEST"));
    }
}

/// Two `gen` runs at once on one directory, with different catalogs, as an
/// editor's on-save hook and a terminal would: one waits for the other, so
/// every round ends with one catalog's complete output.
#[test]
fn concurrent_gens_on_one_directory_never_mix_their_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let real = fs::read_to_string(root().join("catalog.yaml")).unwrap();
    let other = real
        .replacen(
            "name: scf-invoke-status\n",
            "name: scf-invoke-status-other\n",
            1,
        )
        .replacen(
            "The function execution times out.",
            "The function ran out of time.",
            1,
        );
    assert_ne!(real, other);
    let catalogs: Vec<String> = [real, other]
        .iter()
        .enumerate()
        .map(|(number, text)| {
            let path = dir.path().join(format!("catalog-{number}.yaml"));
            fs::write(&path, text).unwrap();
            path.display().to_string()
        })
        .collect();
    let out = dir.path().join("out").display().to_string();
    let mut waited = 0;
    for round in 0..20 {
        let runs: Vec<_> = [round % 2, 1 - round % 2]
            .iter()
            .map(|&first| {
                Command::new(XTASK)
                    .args(["gen", "--catalog", &catalogs[first], "--out", &out])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for run in runs {
            let output = run.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: {}",
                stderr(&output)
            );
            waited += stderr(&output).matches("waiting: ").count();
            let unexpected: Vec<&str> = stderr(&output)
                .lines()
                .filter(|line| {
                    !line.starts_with("waiting: ") && !line.contains("translation warning")
                })
                .map(|line| line.to_owned().leak() as &str)
                .collect();
            assert!(unexpected.is_empty(), "round {round}: {unexpected:?}");
        }
        let fresh: Vec<bool> = catalogs
            .iter()
            .map(|catalog| {
                xtask(&["check", "--catalog", catalog, "--out", &out])
                    .status
                    .success()
            })
            .collect();
        assert_eq!(
            fresh.iter().filter(|fresh| **fresh).count(),
            1,
            "round {round}: the directory is not exactly one catalog's output ({fresh:?})"
        );
    }
    // Otherwise the rounds never overlapped and proved nothing.
    assert!(waited > 0, "no run ever waited for the other");
}

#[test]
fn release_refuses_a_changelog_it_cannot_read_and_changes_nothing() {
    let scratch = Scratch::new();
    let changelog = scratch.dir.path().join("CHANGELOG.md");
    fs::write(&changelog, b"# Changelog\n\n\xff\xfe not UTF-8\n").unwrap();
    let output = scratch.run("release");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("nothing was released"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read(&changelog).unwrap(),
        b"# Changelog\n\n\xff\xfe not UTF-8\n"
    );
    assert!(!scratch.dir.path().join("catalog.lock").exists());
}

/// The checkout is found at run time from `CARGO_MANIFEST_DIR` (which
/// `cargo xtask` sets), never from a path compiled into the binary: the
/// same binary acts on whichever checkout runs it.
#[test]
fn the_default_paths_are_those_of_the_checkout_that_runs_the_binary() {
    let checkout = tempfile::tempdir().unwrap();
    fs::create_dir_all(checkout.path().join("xtask")).unwrap();
    for file in ["Cargo.toml", "catalog.yaml"] {
        fs::copy(root().join(file), checkout.path().join(file)).unwrap();
    }
    let output = Command::new(XTASK)
        .arg("gen")
        .env("CARGO_MANIFEST_DIR", checkout.path().join("xtask"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(checkout.path().join("generated/MANIFEST").exists());
    let output = Command::new(XTASK)
        .arg("check")
        .env("CARGO_MANIFEST_DIR", checkout.path().join("xtask"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));

    let output = Command::new(XTASK)
        .arg("check")
        .env_remove("CARGO_MANIFEST_DIR")
        .current_dir(checkout.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("run this as `cargo xtask …`"),
        "{}",
        stderr(&output)
    );
    // Inherited from another cargo process: some other package's directory.
    let output = Command::new(XTASK)
        .arg("check")
        .env("CARGO_MANIFEST_DIR", checkout.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("is not the xtask of a workspace"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn check_names_files_in_the_output_directory_that_gen_did_not_write() {
    let scratch = Scratch::new();
    assert!(scratch.run("gen").status.success());
    fs::write(scratch.out().join("notes.txt"), "mine").unwrap();
    let check = scratch.run("check");
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("not generated: notes.txt\n"),
        "{}",
        stderr(&check)
    );
    // gen leaves it alone.
    assert!(scratch.run("gen").status.success());
    assert_eq!(
        fs::read_to_string(scratch.out().join("notes.txt")).unwrap(),
        "mine"
    );
}
