//! The npm package as published: what `npm pack` ships, and what attw and
//! publint find in it.

use crate::test::{Runner, walk_files};

impl Runner {
    /// `npm pack` ships every file gen wrote for the package; attw and
    /// publint find no problem.
    pub(in crate::test) fn typescript_package(&self) -> Result<(), String> {
        let package = self.root.join("generated/typescript");
        let listing = self.output(
            "npm package: npm pack --dry-run",
            self.command("npm", &["pack", "--dry-run", "--json"])
                .current_dir(&package),
        )?;
        let listed: serde_json::Value = serde_json::from_str(&listing)
            .map_err(|error| format!("error: npm pack --dry-run --json: {error}"))?;
        let paths: Vec<&str> = listed[0]["files"]
            .as_array()
            .map(|files| {
                files
                    .iter()
                    .filter_map(|file| file["path"].as_str())
                    .collect()
            })
            .unwrap_or_default();
        // Every file gen wrote for the package ships in it.
        let mut generated = Vec::new();
        walk_files(&package, &package, &mut generated)?;
        if generated.len() < 10 {
            return Err(format!(
                "error: only {} files in {}",
                generated.len(),
                package.display()
            ));
        }
        for file in &generated {
            if !paths.contains(&file.as_str()) {
                return Err(format!(
                    "error: npm pack does not include {file}:\n{listing}"
                ));
            }
        }
        self.run(
            "npm package: attw --pack",
            self.tool("attw").args(["--pack", "generated/typescript"]),
        )?;
        self.run(
            "npm package: publint --strict",
            self.tool("publint")
                .args(["--strict", "generated/typescript"]),
        )
    }
}
