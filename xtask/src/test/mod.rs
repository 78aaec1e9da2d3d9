//! `cargo xtask test`: every test the project has, in one command that also
//! installs what the tests need (the JavaScript tools, pinned in
//! `xtask/js/package-lock.json`, with `npm ci`).
//!
//! [`STEPS`] is the list of what it runs, in order, and the only one:
//! `cargo xtask test --list` prints it, and the README points here. The
//! steps live by subject: `rust.rs` (the workspace, the generated crates,
//! the downstream crate), `checkouts.rs` (two checkouts sharing a target
//! directory), `corpus.rs` (the accepted corpus), `javascript/` (the pages
//! and the site, the schemas, the npm package, its TypeScript and its
//! runtime, one module each), and this module runs them.

mod checkouts;
mod corpus;
mod javascript;
mod lookups;
mod rust;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One step of `cargo xtask test`.
struct Step {
    /// What it checks, as `--list` prints it.
    what: &'static str,
    run: fn(&Runner) -> Result<(), String>,
}

/// Every step, in order.
const STEPS: &[Step] = &[
    Step {
        what: "the workspace: tests, clippy and docs, warnings as errors (the template of the generated crate's API included)",
        run: Runner::workspace,
    },
    Step {
        what: "the generated crate, copied out of generated/ and built through its own manifest: clippy with and without std, rustdoc, tests and doctests, cargo publish --dry-run",
        run: Runner::generated_crate,
    },
    Step {
        what: "a downstream crate (xtask/fixtures/downstream-rust) using every item of the generated crate, with default features, serde, and no default features, including a test that lookups never allocate",
        run: Runner::downstream_crate,
    },
    Step {
        what: "two copies of the checkout sharing one target directory: gen after an edit in the second changes only the second; check there passes and names the release the edit needs, release at the old version is refused, and once the edit is undone check fails on the second's stale files",
        run: Runner::two_checkouts,
    },
    Step {
        what: "the JavaScript tools pinned in xtask/js, and the oldest Node.js the npm package claims, pinned in xtask/js/oldest-node (npm ci; Node.js from Debian if missing)",
        run: Runner::javascript_tools,
    },
    Step {
        what: "markdownlint over the pages, over those of the edge-codes fixture (a deprecated code, a retired one), and over the index and range pages of a synthetic catalog of 1,000 entries",
        run: Runner::markdownlint,
    },
    Step {
        what: "the generated JSON Schemas with ajv: the project's catalogs accepted, the shape errors of the broken corpus rejected; the JSON data accepted (the project's, and that of an accepted catalog with a site, advice and retired codes), copies of it broken in shape rejected (an advice word outside its vocabulary included)",
        run: Runner::catalog_schema,
    },
    Step {
        what: "the npm package through npm pack (every file gen wrote for it ships), attw and publint",
        run: Runner::typescript_package,
    },
    Step {
        what: "a consumer of the types, one of the runtime values and one that acts on the retry advice (xtask/fixtures/downstream-ts) compiled against the packed package by TypeScript 5.0, 5.8, 6.0 and 7.0 under node10, node16 (CommonJS and ESM) and bundler resolution, with isolatedModules, verbatimModuleSyntax and (5.8 and later) erasableSyntaxOnly; and under bundler against the package of the project's catalog with a published site",
        run: Runner::typescript_consumer,
    },
    Step {
        what: "the npm package's runtime, packed and installed, under Node's test runner as CommonJS and as ES module, by the oldest Node.js its package.json claims in engines (the step fails where the claim is not the Node.js pinned in xtask/js/oldest-node) and by the machine's: the lookup cases the downstream crate's tests run too (advice, versions, deprecations and documentation URLs included), for the project's catalog, it with a published site (absolute in-page links) and three fixtures (edge codes, wide codes, hostile texts); every declaration file read by TypeScript's parser (no catalog text became a JSDoc tag); esbuild bundles of a consumer of fromCode only (no text) and of each language's subpath (only that language's texts), with their sizes",
        run: Runner::npm_runtime,
    },
    Step {
        what: "the README's JavaScript examples, run by the oldest Node.js the package claims against the packed npm package, and its Python examples, run by Python on generated/data (its Rust examples run as doctests of the downstream crate)",
        run: Runner::readme_examples,
    },
    Step {
        what: "the outputs of a catalog of hostile texts (codegen/tests/fixtures/hostile.yaml), compiled by rustc and every TypeScript",
        run: Runner::hostile_catalog,
    },
    Step {
        what: "the crate of a catalog with codes beyond u16 and a deprecated entry (codegen/tests/fixtures/wide-codes.yaml), linted with warnings as errors and tested",
        run: Runner::wide_codes_catalog,
    },
    Step {
        what: "the crate of a synthetic catalog of 20,000 entries (advice on most, a deprecation every 50th), linted with warnings as errors: no lint that only large tables trip",
        run: Runner::large_catalog,
    },
    Step {
        what: "the crate of a catalog of edge values (codegen/tests/fixtures/edge-codes.yaml: code 0, a deprecated code sharing a message), linted with warnings as errors and tested",
        run: Runner::edge_codes_catalog,
    },
    Step {
        what: "the crate of a catalog of everyday Markdown (codegen/tests/fixtures/markdown-edges.yaml: a bracketed word, a bare URL, a lazy list continuation) linted and tested, and every fixture catalog's crate documented by rustdoc, warnings as errors",
        run: Runner::fixture_docs,
    },
    Step {
        what: "the accepted corpus (codegen/tests/fixtures/accepted: catalogs validation accepts that try to break every output): every crate in one scratch workspace linted, tested with doctests and documented, warnings as errors, its rustdoc HTML scanned; every declaration file checked by TypeScript 5.8 and read for JSDoc tags, every npm runtime loaded by the oldest Node.js it claims in both formats against its lookup cases",
        run: Runner::accepted_corpus,
    },
    Step {
        what: "the site in headless Chromium (Debian's, installed if missing), served from localhost: each page loads and its table shows every code; the filter leaves 433 alone for 433, an English and a Chinese phrase, and says in the page's words how many codes match, or that none does; the edge-codes fixture's retired code is found by its code and former identifier; #433 lands on 433 and highlights it; another code's copy-link button, named for it, copies its URL, moves the highlight and the language switch's code to it, and says so to screen readers (and says when the copy fails); without JavaScript the page has no control; the language switch from #433 lands on the other page's 433; 433 shows its advice in the page's words; the checkbox \"only codes a retry can help\" keeps exactly those codes, and is absent where no code's retry can help; no sideways scrolling at 390 px; axe-core finds no violation in light and dark mode, wide and at 390 px; print hides the controls; screenshots (wide, narrow, dark, filtered, retry, copied) in target/site-screenshots/. Then the site of a synthetic catalog of 1,000 entries (pages by range, the split search index): the index lists every range and, like the range page, has no control without JavaScript; the search finds a code in the middle by its code, its identifier, an English and a Chinese phrase, says how many codes match (or that none does), and its result lands on the code's highlighted section on its range page; index.html#code is sent on to the same section; the language switch keeps the code; the range page searches too; the search answers from file://; axe-core clean, light and dark; no sideways scrolling at 390 px. Then the site of a catalog with more range pages than one page lists (the index lists groups of them): index.html#code is sent on through its group to the code's section, a code whose range has no page stops on its group's page and one whose group has none stays on the index",
        run: Runner::docs_site,
    },
    Step {
        what: "the site search's tokenizer: codegen/templates/search.js under Node.js gives every case of codegen/tests/search-tokens.json the tokens codegen's search.rs gives it (its unit test reads the same cases)",
        run: Runner::search_tokenizer,
    },
];

/// The steps, numbered, for `cargo xtask test --list`.
pub fn list() -> String {
    STEPS
        .iter()
        .enumerate()
        .map(|(number, step)| format!("{}. {}\n", number + 1, step.what))
        .collect()
}

/// Runs the steps numbered `only` (as `--list` numbers them), or every
/// step where `only` is empty.
pub fn run(root: &Path, only: &[usize]) -> Result<(), String> {
    let runner = Runner {
        root: root.to_path_buf(),
        cargo: std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()),
    };
    if let Some(unknown) = only
        .iter()
        .find(|&&number| number == 0 || number > STEPS.len())
    {
        return Err(format!(
            "error: there is no step {unknown}; `cargo xtask test --list` numbers them 1 to {}",
            STEPS.len()
        ));
    }
    for (index, step) in STEPS.iter().enumerate() {
        if only.is_empty() || only.contains(&(index + 1)) {
            (step.run)(&runner)?;
        }
    }
    if only.is_empty() {
        eprintln!("xtask test: every step passed");
    } else {
        eprintln!("xtask test: the chosen steps passed");
    }
    Ok(())
}

struct Runner {
    root: PathBuf,
    cargo: String,
}

impl Runner {
    pub(super) fn cargo(
        &self,
        name: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Result<(), String> {
        let mut command = self.command(&self.cargo, args);
        command.envs(env.iter().copied());
        self.run(name, &mut command)
    }

    pub(super) fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut command = Command::new(program);
        command.args(args).current_dir(&self.root);
        command
    }

    /// A tool installed by `npm ci` in `xtask/js`.
    pub(super) fn tool(&self, name: &str) -> Command {
        let mut command = Command::new(self.root.join("xtask/js/node_modules/.bin").join(name));
        command.current_dir(&self.root);
        command
    }

    pub(super) fn run(&self, name: &str, command: &mut Command) -> Result<(), String> {
        eprintln!("xtask test: {name}");
        let status = command
            .status()
            .map_err(|error| format!("error: {name}: cannot start: {error}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("error: {name} failed"))
        }
    }

    pub(super) fn output(&self, name: &str, command: &mut Command) -> Result<String, String> {
        eprintln!("xtask test: {name}");
        let output = command
            .output()
            .map_err(|error| format!("error: {name}: cannot start: {error}"))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            Err(format!(
                "error: {name} failed:\n{}",
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }
}

/// Copies the files under `from` to `to`.
pub(super) fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    let items =
        fs::read_dir(from).map_err(|error| format!("error: {}: {error}", from.display()))?;
    for item in items {
        let path = item.map_err(|error| error.to_string())?.path();
        let destination = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &destination)?;
        } else {
            if let Some(parent) = destination.parent() {
                fs::create_dir_all(parent)
                    .map_err(|error| format!("error: {}: {error}", parent.display()))?;
            }
            copy(&path, &destination)?;
        }
    }
    Ok(())
}

/// The files under `dir`, as paths relative to `base` with `/` separators.
pub(super) fn walk_files(base: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let items = fs::read_dir(dir).map_err(|error| format!("error: {}: {error}", dir.display()))?;
    for item in items {
        let path = item.map_err(|error| error.to_string())?.path();
        if path.is_dir() {
            walk_files(base, &path, out)?;
        } else if let Ok(relative) = path.strip_prefix(base) {
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    out.sort();
    Ok(())
}

pub(super) fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|error| format!("error: {}: {error}", path.display()))
}

pub(super) fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    fs::write(path, contents).map_err(|error| format!("error: {}: {error}", path.display()))
}

pub(super) fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to).map(drop).map_err(|error| {
        format!(
            "error: copying {} to {}: {error}",
            from.display(),
            to.display()
        )
    })
}
