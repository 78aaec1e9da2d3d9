//! The reference pages: as Markdown, by markdownlint, and as a site, in
//! headless Chromium.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::test::Runner;

/// The code 433, and phrases of its texts in English and Chinese that no
/// other code's texts hold (two of them run across a link): filtering
/// either page by each must leave 433 alone.
const SITE_FILTER_PHRASES: &[&str] = &[
    "433",
    "#433",
    "execution times out",
    // Across a link, as a reader copies it from the page.
    "you can submit a ticket to increase the timeout",
    "范围内没有执行完成",
    "配置的 执行超时时间 范围内",
];

impl Runner {
    /// The project's pages, and the edge-codes fixture's (which have a
    /// deprecated code and a list of retired codes).
    pub(in crate::test) fn markdownlint(&self) -> Result<(), String> {
        self.generate_fixture("edge-codes")?;
        self.run(
            "pages: markdownlint",
            self.tool("markdownlint-cli2").args([
                "--config",
                "xtask/js/markdownlint.jsonc",
                "generated/docs/**/*.md",
                "target/edge-codes-generated/docs/**/*.md",
            ]),
        )
    }

    /// The generated site in headless Chromium: every page loads, its table
    /// shows every code, `#433` lands on 433, the language switch works.
    /// Screenshots are kept in `target/site-screenshots/`.
    pub(in crate::test) fn docs_site(&self) -> Result<(), String> {
        let chromium = ensure_chromium()?;
        let catalog_path = self.root.join("catalog.yaml");
        let bytes = fs::read(&catalog_path)
            .map_err(|error| format!("error: {}: {error}", catalog_path.display()))?;
        let catalog = codegen::load_catalog(&bytes)
            .map_err(|_| "error: catalog.yaml is broken".to_owned())?;
        let mut codes: Vec<u32> = catalog
            .entries
            .iter()
            .map(|entry| entry.code.value)
            .collect();
        codes.sort_unstable();
        let codes = codes
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let mut command = Command::new("node");
        command
            .arg(self.root.join("xtask/js/site-test.mjs"))
            .arg(self.root.join("generated/site"))
            .arg(self.root.join("target/site-screenshots"))
            .arg(&chromium)
            .arg(codes)
            .arg(serde_json::json!(SITE_FILTER_PHRASES).to_string())
            .args(catalog.language_tags());
        self.run("docs site: headless Chromium", &mut command)?;
        // A site with a deprecated code, a retired one and an untranslated
        // language: the same checks, axe-core included.
        let edge = self.generate_fixture("edge-codes")?;
        let mut command = Command::new("node");
        command
            .arg(self.root.join("xtask/js/site-test.mjs"))
            .arg(edge.join("site"))
            .arg(self.root.join("target/site-screenshots/edge-codes"))
            .arg(&chromium)
            .arg("0,432,433,439")
            .arg(serde_json::json!(["the handler and the docs"]).to_string())
            .args(["en", "zh"]);
        self.run(
            "docs site (edge-codes fixture): headless Chromium",
            &mut command,
        )
    }
}

/// Chromium and a CJK font come from Debian when the machine lacks them.
fn ensure_chromium() -> Result<PathBuf, String> {
    let found = || {
        ["chromium", "chromium-browser"].iter().find_map(|name| {
            Command::new("sh")
                .args(["-c", &format!("command -v {name}")])
                .output()
                .ok()
                .filter(|output| output.status.success())
                .map(|output| PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()))
        })
    };
    let has_cjk_font = Command::new("sh")
        .args(["-c", "fc-list :lang=zh | grep -q ."])
        .status()
        .is_ok_and(|status| status.success());
    if let (Some(chromium), true) = (found(), has_cjk_font) {
        return Ok(chromium);
    }
    eprintln!("xtask test: installing Debian's chromium and fonts-wqy-zenhei");
    let installed = Command::new("apt-get")
        .args(["update", "-qq"])
        .status()
        .is_ok_and(|status| status.success())
        && Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "fonts-wqy-zenhei"])
            .status()
            .is_ok_and(|status| status.success());
    match found() {
        Some(chromium) if installed || has_cjk_font => Ok(chromium),
        _ => Err("error: the site test needs Chromium (Debian: chromium) and a CJK font (fonts-wqy-zenhei)".to_owned()),
    }
}
