//! The reference pages: as Markdown, by markdownlint, and as a site, in
//! headless Chromium; and the site search's tokenizer under Node.js.

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
        self.generate_at_scale()?;
        self.run(
            "pages: markdownlint",
            self.tool("markdownlint-cli2").args([
                "--config",
                "xtask/js/markdownlint.jsonc",
                "generated/docs/**/*.md",
                "target/edge-codes-generated/docs/**/*.md",
                "target/scale-generated/docs/**/*.md",
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
        let checked =
            codegen::check(&bytes).map_err(|_| "error: catalog.yaml is broken".to_owned())?;
        let catalog = &checked.catalog;
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
            .arg(advice_expected(&checked.model).to_string())
            .arg(words_expected(&checked.model).to_string())
            .arg(retired_expected(&checked.model).to_string())
            .args(catalog.language_tags());
        self.run("docs site: headless Chromium", &mut command)?;
        // A site with a deprecated code, a retired one and an untranslated
        // language, and no advice (so no retry control) nor words of its
        // own (so the English defaults): the same checks, axe-core included,
        // and the retired code found by the filter.
        let edge = self.generate_fixture("edge-codes")?;
        let edge_catalog = self.root.join("codegen/tests/fixtures/edge-codes.yaml");
        let edge_model = codegen::check(
            &fs::read(&edge_catalog)
                .map_err(|error| format!("error: {}: {error}", edge_catalog.display()))?,
        )
        .map_err(|_| "error: the edge-codes catalog is broken".to_owned())?
        .model;
        let mut command = Command::new("node");
        command
            .arg(self.root.join("xtask/js/site-test.mjs"))
            .arg(edge.join("site"))
            .arg(self.root.join("target/site-screenshots/edge-codes"))
            .arg(&chromium)
            .arg("0,432,433,439")
            .arg(serde_json::json!(["the handler and the docs"]).to_string())
            .arg(advice_expected(&edge_model).to_string())
            .arg(words_expected(&edge_model).to_string())
            .arg(retired_expected(&edge_model).to_string())
            .args(["en", "zh"]);
        self.run(
            "docs site (edge-codes fixture): headless Chromium",
            &mut command,
        )?;
        self.docs_site_at_scale(&chromium)
    }
}

impl Runner {
    /// The site search's tokenizer in the browser against the cases the
    /// index's tokenizer is held to (`xtask/js/search-tokens-test.mjs`).
    pub(in crate::test) fn search_tokenizer(&self) -> Result<(), String> {
        self.run(
            "site search: search.js tokenizes as search.rs",
            &mut self.command(
                "node",
                &[
                    "xtask/js/search-tokens-test.mjs",
                    "codegen/templates/search.js",
                    "codegen/tests/search-tokens.json",
                ],
            ),
        )
    }
}

/// What the site must show of the advice (`site-test.mjs`'s ADVICE): the
/// codes a retry can help, and by language 433's advice as "label word"
/// and the words of the advice a retry can help, as the model words them.
fn advice_expected(model: &codegen::model::Model) -> serde_json::Value {
    use codegen::advice::{Retry, Vocabulary};
    let retry_helps: Vec<String> = model
        .entries
        .iter()
        .filter(|entry| entry.retry.is_some_and(Retry::can_help))
        .map(|entry| entry.code.to_string())
        .collect();
    let mut probe = serde_json::Map::new();
    let mut retry_words = serde_json::Map::new();
    for language in &model.languages {
        let words = &language.page.advice;
        if let Some(entry) = model.entry(433) {
            let shown: Vec<String> = words
                .of(entry)
                .into_iter()
                .map(|(label, word)| format!("{label} {word}"))
                .collect();
            probe.insert(language.tag.clone(), shown.into());
        }
        // The word of the one value a retry can help.
        if let Some(retry) = Retry::ALL.iter().copied().find(|retry| retry.can_help()) {
            retry_words.insert(
                language.tag.clone(),
                format!("{} {}", words.retry, words.retry_advice(retry)).into(),
            );
        }
    }
    serde_json::json!({
        "retryHelps": retry_helps,
        "probe": probe,
        "retryWords": retry_words,
    })
}

/// What the site says (`site-test.mjs`'s WORDS), as the model words it:
/// the count label's placeholder, and by language what a copy says, done
/// and failed, and what the filter says of the codes that match, and when
/// none does.
fn words_expected(model: &codegen::model::Model) -> serde_json::Value {
    let pages: serde_json::Map<String, serde_json::Value> = model
        .languages
        .iter()
        .map(|language| {
            let page = &language.page;
            (
                language.tag.clone(),
                serde_json::json!({
                    "linkCopied": page.link_copied,
                    "copyFailed": page.copy_failed,
                    "count": page.filter_count,
                    "none": page.filter_none,
                }),
            )
        })
        .collect();
    serde_json::json!({
        "placeholder": codegen::catalog::COUNT_PLACEHOLDER,
        "pages": pages,
    })
}

/// The retired codes the filter must find (`site-test.mjs`'s RETIRED): each
/// code with its former identifier.
fn retired_expected(model: &codegen::model::Model) -> serde_json::Value {
    model
        .retired
        .iter()
        .map(|code| serde_json::json!({ "code": code.code, "id": code.id }))
        .collect()
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
