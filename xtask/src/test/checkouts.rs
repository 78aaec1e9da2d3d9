//! Two checkouts of the workspace that share one target directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Runner, copy, read, write_file};

impl Runner {
    /// Two checkouts of the workspace that share one target directory (the
    /// one this xtask was built in), as git worktrees or two clones with a
    /// global `CARGO_TARGET_DIR` do: Cargo runs the same xtask binary for
    /// both, and each must act on its own checkout. Then the daily loop in
    /// the second: an edited text, `gen`, and `check` passes, naming the
    /// release the edit needs, which `release` refuses at the old version.
    pub(super) fn two_checkouts(&self) -> Result<(), String> {
        let name = "two checkouts sharing one target directory";
        eprintln!("xtask test: {name}");
        // Outside the target directory: Cargo records the source files of a
        // build under its target directory by their path there, so copies
        // inside it would stay the sources of this workspace's builds.
        let base = ScratchDir(
            std::env::temp_dir().join(format!("xtask-two-checkouts-{}", std::process::id())),
        );
        let base = &base.0;
        let _ = fs::remove_dir_all(base);
        let listed = self.output(
            "two checkouts: git ls-files",
            &mut self.command(
                "git",
                &[
                    "ls-files",
                    "-z",
                    "--cached",
                    "--others",
                    "--exclude-standard",
                ],
            ),
        )?;
        let (first, second) = (base.join("first"), base.join("second"));
        for checkout in [&first, &second] {
            for file in listed.split('\0').filter(|file| !file.is_empty()) {
                let from = self.root.join(file);
                if from.is_file() {
                    copy_keeping_mtime(&from, &checkout.join(file))?;
                }
            }
        }
        let target_dir = std::env::var_os("CARGO_TARGET_DIR")
            .map_or_else(|| self.root.join("target"), PathBuf::from);
        let xtask = |checkout: &Path, args: &[&str]| {
            let mut command = Command::new(&self.cargo);
            command
                .arg("xtask")
                .args(args)
                .current_dir(checkout)
                .env("CARGO_TARGET_DIR", &target_dir)
                .env_remove("CARGO_MANIFEST_DIR");
            command
                .output()
                .map_err(|error| format!("error: {name}: cannot run cargo: {error}"))
        };
        let fail = |what: &str, output: &std::process::Output| {
            Err(format!(
                "error: {name}: {what}\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        };

        let output = xtask(&first, &["gen"])?;
        if !output.status.success() {
            return fail("`cargo xtask gen` failed in the first checkout", &output);
        }
        // The trap needs Cargo to run the first checkout's binary for the
        // second; were it rebuilt, this step would prove nothing.
        let binary = target_dir.join("debug/xtask");
        let built = |binary: &Path| fs::metadata(binary).and_then(|m| m.modified()).ok();
        let first_binary = built(&binary);
        let untouched = [&self.root, &first].map(|checkout| tree_digest(checkout));
        let catalog = second.join("catalog.yaml");
        let original = read(&catalog)?;
        let (from, to) = (
            "description: The function execution times out.",
            "description: The function ran out of time.",
        );
        if original.matches(from).count() != 1 {
            return Err(format!(
                "error: {name}: catalog.yaml no longer says `{from}` once"
            ));
        }
        write_file(&catalog, &original.replacen(from, to, 1))?;
        let output = xtask(&second, &["gen"])?;
        if !output.status.success() {
            return fail("`cargo xtask gen` failed in the second checkout", &output);
        }
        if first_binary.is_none() || built(&binary) != first_binary {
            return fail(
                "Cargo rebuilt the xtask for the second checkout, so the shared binary was not tested",
                &output,
            );
        }
        if !read(&second.join("generated/docs/en/status-codes.md"))?.contains("ran out of time") {
            return fail(
                "gen in the second checkout did not write the second checkout's pages",
                &output,
            );
        }
        if [&self.root, &first].map(|checkout| tree_digest(checkout)) != untouched {
            return fail(
                "gen in the second checkout changed another checkout",
                &output,
            );
        }
        let output = xtask(&second, &["check"])?;
        let said = String::from_utf8_lossy(&output.stdout);
        if !output.status.success()
            || !said.contains("  433 TimeLimitReached: texts changed (patch)\n")
            || !said.contains("the next release must be at least 0.1.1")
        {
            return fail(
                "after an edit and gen, check must pass and name the release it needs",
                &output,
            );
        }
        let output = xtask(&second, &["release"])?;
        if output.status.code() != Some(1)
            || !String::from_utf8_lossy(&output.stderr).contains("release, 0.1.1 or later")
        {
            return fail("release at 0.1.0 must be refused, naming 0.1.1", &output);
        }
        write_file(&catalog, &original)?;
        let output = xtask(&second, &["check"])?;
        if output.status.code() != Some(1)
            || !String::from_utf8_lossy(&output.stderr).contains("stale: docs/en/status-codes.md")
        {
            return fail(
                "check in the second checkout must see its own stale files",
                &output,
            );
        }
        let output = xtask(&first, &["check"])?;
        if !output.status.success() {
            return fail("check in the first checkout must pass", &output);
        }
        Ok(())
    }
}

/// A directory removed when dropped.
struct ScratchDir(PathBuf);

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// A copy with the original's mtime, as a clone of the same commit would
/// look to Cargo's freshness check.
fn copy_keeping_mtime(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)
            .map_err(|error| format!("error: {}: {error}", parent.display()))?;
    }
    copy(from, to)?;
    let modified = fs::metadata(from)
        .and_then(|metadata| metadata.modified())
        .map_err(|error| format!("error: {}: {error}", from.display()))?;
    fs::File::options()
        .write(true)
        .open(to)
        .and_then(|file| file.set_modified(modified))
        .map_err(|error| format!("error: {}: {error}", to.display()))
}

/// The bytes and mtimes of a checkout's catalog and generated files.
fn tree_digest(checkout: &Path) -> Vec<(PathBuf, Vec<u8>, Option<std::time::SystemTime>)> {
    let mut files = Vec::new();
    let mut pending = vec![checkout.join("generated"), checkout.join("catalog.yaml")];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            if let Ok(items) = fs::read_dir(&path) {
                pending.extend(items.flatten().map(|item| item.path()));
            }
        } else {
            let modified = fs::metadata(&path).and_then(|m| m.modified()).ok();
            files.push((path.clone(), fs::read(&path).unwrap_or_default(), modified));
        }
    }
    files.sort();
    files
}
