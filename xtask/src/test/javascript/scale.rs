//! The site of a catalog too large for one page, in headless Chromium
//! (`xtask/js/site-scale-test.mjs`): a synthetic catalog of
//! [`SCALE_ENTRIES`] entries, so that its pages are by range and its search
//! is the split index; and its Markdown by markdownlint.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::model::{Entry, Model, PageId, RANGE_WIDTH};
use codegen::render::search::tokens;

use crate::test::Runner;

/// About a thousand entries: ten range pages per language.
pub const SCALE_ENTRIES: usize = 1_000;

/// The most codes a query may match for the test to expect the probe among
/// the results the search lists.
const FEW: usize = 10;

impl Runner {
    /// The synthetic catalog's output, written once per run of the tests
    /// under `target/scale-generated`.
    pub(in crate::test) fn generate_at_scale(&self) -> Result<(PathBuf, Model), String> {
        let yaml = crate::synth::catalog(SCALE_ENTRIES)?;
        let out = self.root.join("target/scale-generated");
        codegen::gen_into(yaml.as_bytes(), &out, codegen::render::RENDERERS)
            .map_err(|failure| format!("error: the {SCALE_ENTRIES}-entry catalog: {failure:?}"))?;
        let model = codegen::check(yaml.as_bytes())
            .map_err(|_| format!("error: the {SCALE_ENTRIES}-entry catalog is broken"))?
            .model;
        Ok((out, model))
    }

    pub(in crate::test) fn docs_site_at_scale(&self, chromium: &Path) -> Result<(), String> {
        let (out, model) = self.generate_at_scale()?;
        let case = scale_case(&model)?;
        let mut command = Command::new("node");
        command
            .arg(self.root.join("xtask/js/site-scale-test.mjs"))
            .arg(out.join("site"))
            .arg(self.root.join("target/site-screenshots/scale"))
            .arg(chromium)
            .arg(case.to_string());
        self.run(
            "docs site (1,000 entries, by range): headless Chromium",
            &mut command,
        )?;
        self.docs_site_grouped(chromium)
    }

    /// The site of [`grouped_catalog`], whose index lists groups of range
    /// pages, in headless Chromium (`xtask/js/site-groups-test.mjs`): old
    /// links to a code are sent on through its group.
    fn docs_site_grouped(&self, chromium: &Path) -> Result<(), String> {
        let yaml = grouped_catalog();
        let out = self.root.join("target/grouped-generated");
        codegen::gen_into(yaml.as_bytes(), &out, codegen::render::RENDERERS)
            .map_err(|failure| format!("error: the grouped catalog: {failure:?}"))?;
        let model = codegen::check(yaml.as_bytes())
            .map_err(|_| "error: the grouped catalog is broken".to_owned())?
            .model;
        let code = |range: u32| range * RANGE_WIDTH + 7;
        let probe = code(GROUPED_RANGES - 25);
        let unlisted = code(GROUPED_RANGES + 2);
        // Its range has no page; its group has.
        let group = model.page_of(unlisted).group();
        let groups = model
            .pages()
            .iter()
            .filter(|page| matches!(page, PageId::Group(_)))
            .count();
        let Some(group) = group.filter(|group| groups >= 2 && model.pages().contains(group)) else {
            return Err(format!(
                "error: the grouped catalog has {groups} groups, and {unlisted}'s group is {group:?}"
            ));
        };
        let case = serde_json::json!({
            "tags": model.languages.iter().map(|language| &language.tag).collect::<Vec<_>>(),
            "groups": groups,
            "probe": probe,
            "page": model.page_of(probe).site_path(),
            "unlisted": unlisted,
            "group": group.site_path(),
            "far": code(RANGE_WIDTH * 9),
        });
        let mut command = Command::new("node");
        command
            .arg(self.root.join("xtask/js/site-groups-test.mjs"))
            .arg(out.join("site"))
            .arg(chromium)
            .arg(case.to_string());
        self.run(
            "docs site (more range pages than a page lists, by group): headless Chromium",
            &mut command,
        )
    }
}

/// How many range pages [`grouped_catalog`] has: more than the index lists
/// (it then lists groups of a hundred), and more codes than one page holds.
const GROUPED_RANGES: u32 = 250;

/// A catalog of an entry per range page (107, 207, …), English and
/// Chinese.
fn grouped_catalog() -> String {
    use std::fmt::Write as _;
    let mut yaml = String::from(
        "package:\n  name: grouped-status\n  version: 1.0.0\n  description: Grouped\n  type_name: GroupedStatus\n  license: MIT\n  keywords: [grouped]\n  categories: [no-std]\n  site: https://codes.example/grouped\n\
codes:\n  min: 100\n  max: 99999\nlanguages:\n  - tag: en\n    name: English\n  - tag: zh\n    name: 中文\npages:\n",
    );
    for (tag, title) in [("en", "Codes"), ("zh", "状态码")] {
        let _ = write!(
            yaml,
            "  {tag}:\n    title: {title}\n    intro: Every code.\n    columns: {{status: S, description: D, solution: F}}\n    untranslated: Not here.\n    other_language: \"Other:\"\n    concepts:\n      heading: Concepts\n      sections:\n        - anchor: handler\n          title: Handler\n          body: The handler.\n"
        );
    }
    yaml.push_str("entries:\n");
    for range in 1..=GROUPED_RANGES {
        let code = range * RANGE_WIDTH + 7;
        let _ = write!(
            yaml,
            "  - code: {code}\n    id: Code{code}\n    message: Code{code}\n    text:\n      en:\n        description: Code {code} failed.\n      zh:\n        description: 代码 {code} 失败。\n"
        );
    }
    yaml
}

/// What `site-scale-test.mjs` checks (its CASE): the probe, an entry in the
/// middle with texts in English and Chinese, and the queries that must find
/// it: its code, its identifier, and the shortest phrases of its English
/// and Chinese descriptions (two Chinese characters at least) that few
/// codes match as the search matches
/// (every word of the query the start of some word of the code's).
fn scale_case(model: &Model) -> Result<serde_json::Value, String> {
    let (en, zh) = (language(model, "en")?, language(model, "zh")?);
    let probe = (model.entries[model.entries.len() / 2..].iter())
        .find(|entry| entry.texts[en].is_some() && entry.texts[zh].is_some())
        .ok_or("error: the synthetic catalog has no entry with English and Chinese texts")?;
    let words_of: Vec<BTreeSet<String>> = model.entries.iter().map(entry_words).collect();
    let probe_words = entry_words(probe);
    // The probe matches, and few others do.
    let few = |phrase: &str| {
        let asked = tokens(phrase);
        let matches = |words: &BTreeSet<String>| {
            asked
                .iter()
                .all(|token| words.iter().any(|word| word.starts_with(token.as_str())))
        };
        matches(&probe_words) && words_of.iter().filter(|words| matches(words)).count() <= FEW
    };
    let english = &probe.texts[en]
        .as_ref()
        .map(|text| text.description.as_str())
        .unwrap_or_default();
    let english_words: Vec<&str> = english.split_whitespace().collect();
    let english_phrase = shortest(
        english_words.len(),
        |start, length| english_words[start..start + length].join(" "),
        &few,
    )
    .ok_or_else(|| {
        format!(
            "error: no phrase of {}'s English text is its own",
            probe.code
        )
    })?;
    let chinese: Vec<char> = probe.texts[zh]
        .as_ref()
        .map(|text| text.description.chars().collect())
        .unwrap_or_default();
    let chinese_phrase = shortest(
        chinese.len(),
        |start, length| chinese[start..start + length].iter().collect(),
        &|phrase: &str| {
            // Chinese words, and what makes them this code's (a number).
            let han = phrase
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count();
            han >= 2 && phrase.trim() == phrase && few(phrase)
        },
    )
    .ok_or_else(|| {
        format!(
            "error: no phrase of {}'s Chinese text is its own",
            probe.code
        )
    })?;
    let ranges = model.pages().len() - 1;
    let pages: serde_json::Map<String, serde_json::Value> = (model.languages.iter())
        .map(|language| {
            let words = serde_json::json!({ "count": language.page.filter_count, "none": language.page.filter_none });
            (language.tag.clone(), words)
        })
        .collect();
    let page = model.page_of(probe.code);
    if page == PageId::Index {
        return Err("error: the synthetic catalog has no range pages".to_owned());
    }
    Ok(serde_json::json!({
        "probe": probe.code,
        "page": page.site_path(),
        "ranges": ranges,
        "queries": [format!("#{}", probe.code), probe.id, english_phrase, chinese_phrase],
        "tags": model.languages.iter().map(|language| &language.tag).collect::<Vec<_>>(),
        "placeholder": codegen::catalog::COUNT_PLACEHOLDER,
        "pages": pages,
    }))
}

fn language(model: &Model, tag: &str) -> Result<usize, String> {
    (model.languages.iter())
        .position(|language| language.tag == tag)
        .ok_or_else(|| format!("error: the synthetic catalog has no language {tag}"))
}

/// Every word the search may find an entry by, or more: its code,
/// identifier, message and texts as written (markup adds words, never
/// removes one).
fn entry_words(entry: &Entry) -> BTreeSet<String> {
    let mut text = format!("{} {} {}", entry.code, entry.id, entry.message);
    for found in entry.texts.iter().flatten() {
        text.push(' ');
        text.push_str(&found.description);
        if let Some(solution) = &found.solution {
            text.push(' ');
            text.push_str(solution);
        }
    }
    tokens(&text).into_iter().collect()
}

/// The shortest window of `count` parts, `phrase(start, length)`, that
/// `accept`s; the first of equals.
fn shortest(
    count: usize,
    phrase: impl Fn(usize, usize) -> String,
    accept: &dyn Fn(&str) -> bool,
) -> Option<String> {
    (1..=count.min(12)).find_map(|length| {
        (0..=count - length)
            .map(|start| phrase(start, length))
            .find(|candidate| accept(candidate))
    })
}
