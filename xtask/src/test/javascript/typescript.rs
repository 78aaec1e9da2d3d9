//! The TypeScript side of the npm package: every declaration file checked by
//! each TypeScript version the package supports, the consumer fixtures
//! compiled against the packed package under each module resolution (and
//! against the package of the catalog with a site), and the JSDoc of every
//! declaration file read by TypeScript's parser.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::test::{Runner, copy, walk_files, write_file};

/// TypeScript versions the definitions are checked with: the oldest they
/// support, the first with `erasableSyntaxOnly`, the newest 6.x and 7.x.
/// Each is an npm alias in `xtask/js/package.json`.
const TYPESCRIPTS: &[TypeScript] = &[
    TypeScript {
        package: "typescript-5.0",
        erasable_syntax_only: false,
        node10: Node10::Supported,
    },
    TypeScript {
        package: "typescript-5.8",
        erasable_syntax_only: true,
        node10: Node10::Supported,
    },
    TypeScript {
        package: "typescript-6",
        erasable_syntax_only: true,
        node10: Node10::Deprecated,
    },
    TypeScript {
        package: "typescript-7",
        erasable_syntax_only: true,
        node10: Node10::Removed,
    },
];

struct TypeScript {
    package: &'static str,
    erasable_syntax_only: bool,
    node10: Node10,
}

/// `moduleResolution: node10` is deprecated in TypeScript 6 and gone in 7.
#[derive(PartialEq)]
enum Node10 {
    Supported,
    Deprecated,
    Removed,
}

/// Module resolution modes the consumer is compiled under, by tsconfig.
const RESOLUTIONS: &[&str] = &["node10", "node16", "bundler"];

impl Runner {
    /// The consumer fixtures against the packed package, by every
    /// TypeScript under every module resolution mode; then against the
    /// package of the project's catalog with a published site (whose
    /// `docsUrl` is typed otherwise), by every TypeScript under bundler
    /// resolution.
    pub(in crate::test) fn typescript_consumer(&self) -> Result<(), String> {
        self.compile_consumers(
            "consumer",
            &self.root.join("generated/typescript"),
            &self.root.join("target/downstream-ts"),
            RESOLUTIONS,
        )?;
        let (_, package) = self.site_catalog()?;
        self.compile_consumers(
            "consumer of the package with a site",
            &package,
            &self.root.join("target/downstream-ts-site"),
            &["bundler"],
        )
    }

    /// The consumer fixtures in `work`, against `package` packed, by every
    /// TypeScript under each of `resolutions`.
    fn compile_consumers(
        &self,
        label: &str,
        package: &Path,
        work: &Path,
        resolutions: &[&str],
    ) -> Result<(), String> {
        let _ = fs::remove_dir_all(work);
        fs::create_dir_all(work).map_err(|error| format!("error: {}: {error}", work.display()))?;
        let fixture = self.root.join("xtask/fixtures/downstream-ts");
        for item in fs::read_dir(&fixture)
            .map_err(|error| format!("error: {}: {error}", fixture.display()))?
        {
            let path = item.map_err(|error| error.to_string())?.path();
            copy(&path, &work.join(path.file_name().unwrap_or_default()))?;
        }
        // The same consumer as a CommonJS and as an ES module, for node16;
        // those of the runtime's values as ES modules (a CommonJS module
        // that imports values needs `import … = require`, which
        // erasableSyntaxOnly forbids).
        copy(&fixture.join("consumer.ts"), &work.join("consumer.cts"))?;
        copy(&fixture.join("consumer.ts"), &work.join("consumer.mts"))?;
        copy(&fixture.join("runtime.ts"), &work.join("runtime.mts"))?;
        copy(&fixture.join("advice.ts"), &work.join("advice.mts"))?;
        self.install_packed(package, work)?;
        for typescript in TYPESCRIPTS {
            for resolution in resolutions {
                let mut args = vec!["-p".to_owned(), format!("tsconfig.{resolution}.json")];
                if *resolution == "node10" {
                    match typescript.node10 {
                        Node10::Supported => {}
                        Node10::Deprecated => {
                            args.extend(["--ignoreDeprecations".to_owned(), "6.0".to_owned()])
                        }
                        Node10::Removed => continue,
                    }
                }
                if typescript.erasable_syntax_only {
                    args.push("--erasableSyntaxOnly".to_owned());
                }
                let name = format!("{label}: {} with {resolution}", typescript.package);
                self.run(&name, self.tsc(typescript).args(&args).current_dir(work))?;
            }
        }
        Ok(())
    }

    /// A catalog whose texts try to break every output: the crate still
    /// passes its tests and doctests, and every TypeScript accepts every
    /// declaration file of its npm package (its runtime is run by
    /// `npm_runtime`).
    pub(in crate::test) fn hostile_catalog(&self) -> Result<(), String> {
        let out = self.generate_fixture("hostile")?;
        self.fixture_cargo(
            "hostile catalog: generated crate tests",
            &out,
            &["test"],
            &[],
        )?;
        let package = out.join("typescript");
        let mut declarations = Vec::new();
        walk_files(&package, &package, &mut declarations)?;
        declarations.retain(|file| file.ends_with(".d.ts") || file.ends_with(".d.mts"));
        for typescript in TYPESCRIPTS {
            let mut args = vec![
                "--noEmit",
                "--strict",
                "--skipLibCheck",
                "false",
                "--isolatedModules",
                "--verbatimModuleSyntax",
            ];
            if typescript.erasable_syntax_only {
                args.push("--erasableSyntaxOnly");
            }
            args.extend(["--module", "esnext", "--moduleResolution", "bundler"]);
            args.extend(declarations.iter().map(String::as_str));
            let name = format!(
                "hostile catalog: {} accepts every declaration file",
                typescript.package
            );
            self.run(
                &name,
                self.tsc(typescript)
                    .args(&args)
                    .current_dir(out.join("typescript")),
            )?;
        }
        Ok(())
    }

    /// No catalog text became a JSDoc tag in the declaration files of
    /// `packages` (`{ dir, cases }`, listed in the file `list`).
    pub(in crate::test) fn jsdoc_tags(
        &self,
        packages: &[serde_json::Value],
        list: &Path,
    ) -> Result<(), String> {
        write_file(
            list,
            &serde_json::Value::from(packages.to_vec()).to_string(),
        )?;
        self.run(
            "npm packages: JSDoc holds only the generator's tags, read by TypeScript's parser",
            Command::new("node")
                .arg(self.root.join("xtask/js/jsdoc-tags.mjs"))
                .arg(list),
        )
    }

    fn tsc(&self, typescript: &TypeScript) -> Command {
        let mut command = Command::new("node");
        command.arg(
            self.root
                .join("xtask/js/node_modules")
                .join(typescript.package)
                .join("bin/tsc"),
        );
        command
    }
}
