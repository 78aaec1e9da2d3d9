//! The CI recipe a team copies, `docs/ci/github-actions.yml`, does what it
//! says: every `run:` of every job, run as a runner would (in a fresh copy
//! of the checkout per job), exits 0, and afterwards the directory its
//! Pages upload names holds the site.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

const WORKFLOW: &str = "docs/ci/github-actions.yml";
const XTASK: &str = env!("CARGO_BIN_EXE_xtask");
const UPLOAD_PAGES: &str = "actions/upload-pages-artifact@";

/// What the test reads of a workflow; serde skips everything else.
#[derive(Deserialize)]
struct Workflow {
    jobs: BTreeMap<String, Job>,
}

#[derive(Deserialize)]
struct Job {
    #[serde(default)]
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    run: Option<String>,
    uses: Option<String>,
    with: Option<With>,
    #[serde(rename = "working-directory")]
    working_directory: Option<String>,
}

#[derive(Deserialize)]
struct With {
    path: Option<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn workflow() -> Workflow {
    let text = fs::read_to_string(root().join(WORKFLOW)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|error| panic!("{WORKFLOW}: {error}"))
}

/// The program and arguments of a `run:` this test knows how to run, or
/// why it does not. Only characters no shell treats specially are allowed,
/// so splitting at spaces gives exactly the words a shell would run.
fn command_of(run: &str) -> Result<Vec<&str>, String> {
    let plain = run
        .trim_end()
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || b" -_./=".contains(&byte));
    let words: Vec<&str> = run.split_whitespace().collect();
    let known = matches!(
        words.as_slice(),
        ["cargo", "xtask", "check" | "gen", ..] | ["git", "diff", "--exit-code", ..]
    );
    if plain && known {
        Ok(words)
    } else {
        Err(format!(
            "{WORKFLOW}: `run: {run}` is not a command this test runs \
             (one line: `cargo xtask check` or `gen`, or `git diff --exit-code`); \
             teach xtask/tests/ci_recipe.rs to run it, or the recipe is untested"
        ))
    }
}

#[test]
fn commands_the_test_cannot_run_fail_it() {
    assert_eq!(
        command_of("cargo xtask check").unwrap(),
        ["cargo", "xtask", "check"]
    );
    assert!(command_of("git diff --exit-code -- generated").is_ok());
    for run in [
        "cargo xtask test",
        "cargo xtask release",
        "npm publish",
        "cargo xtask gen && rm -rf generated",
        "cargo xtask gen\ncargo xtask check",
        "git diff --exit-code $(echo generated)",
        "git diff",
    ] {
        let error = command_of(run).unwrap_err();
        assert!(error.contains("teach xtask/tests/ci_recipe.rs"), "{error}");
    }
}

#[test]
fn every_run_of_the_recipe_passes_in_a_fresh_checkout_and_leaves_the_site_it_uploads() {
    let workflow = workflow();
    let mut uploads = 0;
    for (name, job) in &workflow.jobs {
        let runs: Vec<(&str, Vec<&str>)> = job
            .steps
            .iter()
            .filter_map(|step| step.run.as_deref())
            .map(|run| {
                (
                    run,
                    command_of(run).unwrap_or_else(|error| panic!("{error}")),
                )
            })
            .collect();
        for step in &job.steps {
            assert!(
                step.working_directory.is_none(),
                "{WORKFLOW}: job {name}: this test runs every command at the checkout's root"
            );
        }
        let checkout = fresh_checkout();
        for (run, words) in runs {
            let program = match words[0] {
                "cargo" => std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
                other => other.to_owned(),
            };
            let output = in_checkout(&mut Command::new(program), checkout.path())
                .args(&words[1..])
                .output()
                .unwrap_or_else(|error| panic!("job {name}: `{run}`: {error}"));
            assert!(
                output.status.success(),
                "job {name}: `{run}` failed in a fresh checkout:\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        for step in &job.steps {
            if step
                .uses
                .as_deref()
                .is_some_and(|uses| uses.starts_with(UPLOAD_PAGES))
            {
                uploads += 1;
                let path = step.with.as_ref().and_then(|with| with.path.as_deref());
                let path = path.unwrap_or_else(|| panic!("job {name}: the upload names no path"));
                assert!(
                    checkout.path().join(path).join("index.html").is_file(),
                    "job {name}: after its commands, {path}/index.html is missing"
                );
            }
        }
    }
    assert_eq!(uploads, 1, "{WORKFLOW}: one step must upload the site");
}

/// A copy of the working tree's files, committed or not but not ignored,
/// as a git repository whose index holds them: what `actions/checkout`
/// gives a job, for the tree being tested rather than the last commit.
fn fresh_checkout() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let listed = in_checkout(&mut Command::new("git"), &root())
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .output()
        .unwrap();
    assert!(listed.status.success(), "git ls-files failed");
    for file in String::from_utf8(listed.stdout).unwrap().split('\0') {
        let from = root().join(file);
        if !file.is_empty() && from.is_file() {
            copy_keeping_mtime(&from, &dir.path().join(file));
        }
    }
    for args in [&["init", "--quiet"][..], &["add", "--all"]] {
        let status = in_checkout(&mut Command::new("git"), dir.path())
            .args(args)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?} failed in the copy");
    }
    dir
}

/// `command` set to run in `checkout`, building in this test's target
/// directory, so that the xtask is not built again from cold.
fn in_checkout<'a>(command: &'a mut Command, checkout: &Path) -> &'a mut Command {
    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(XTASK).parent().unwrap().parent().unwrap().into(),
        PathBuf::from,
    );
    command
        .current_dir(checkout)
        .env("CARGO_TARGET_DIR", target_dir)
        // Cargo sets it for this test; the xtask must find the copy instead.
        .env_remove("CARGO_MANIFEST_DIR")
        // Set when tests run from a git hook; git would act on this
        // repository instead of the copy.
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
}

/// A copy with the original's mtime, so that Cargo finds the copy's
/// sources no newer than the build it shares.
fn copy_keeping_mtime(from: &Path, to: &Path) {
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::copy(from, to).unwrap();
    let modified = fs::metadata(from).unwrap().modified().unwrap();
    fs::File::options()
        .write(true)
        .open(to)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}
