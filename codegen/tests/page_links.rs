//! The reference pages of a catalog too large for one page: every code is
//! on exactly one page per language, no page holds more than a range of
//! codes, and every link on every page (Markdown and site) lands on a page
//! that exists and an anchor it has — texts' in-page links to a concept or
//! to a code on another page, a retired code's replacement, the language
//! links, the index's list of ranges, and each code's documentation URL.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use codegen::model::{ONE_PAGE_MOST, RANGE_WIDTH};
use codegen::render::{search, site};
use pulldown_cmark::{Event, Parser, Tag};

/// A catalog of `count` entries from code 100, each with an English text
/// and every third with a Chinese one; the entry 150 links to the concept
/// `handler`, to itself and to 100 codes further on; the retired code 9000
/// is replaced by 150.
fn catalog(count: u32) -> String {
    let mut yaml = String::from(
        "package:\n  name: big-status\n  version: 1.0.0\n  description: Big\n  type_name: BigStatus\n  license: MIT\n  keywords: [big]\n  categories: [no-std]\n  site: https://codes.example/big\n\
codes:\n  min: 100\n  max: 9999\nlanguages:\n  - tag: en\n    name: English\n  - tag: zh\n    name: 中文\npages:\n",
    );
    for (tag, title) in [("en", "Codes"), ("zh", "状态码")] {
        write!(
            yaml,
            "  {tag}:\n    title: {title}\n    intro: Start at [the handler](#handler) or [150](#150).\n    columns: {{status: S, description: D, solution: F}}\n    untranslated: Not here.\n    other_language: \"Other:\"\n    concepts:\n      heading: Concepts\n      sections:\n        - anchor: handler\n          title: Handler\n          body: See [150](#150).\n"
        )
        .unwrap();
    }
    yaml.push_str("entries:\n");
    for code in 100..100 + count {
        let far = code + RANGE_WIDTH;
        let solution = if code == 150 {
            format!("See [the handler](#handler), [this](#150) and [{far}](#{far}).")
        } else {
            "Try again.".to_owned()
        };
        write!(
            yaml,
            "  - code: {code}\n    id: Code{code}\n    message: Code{code}\n    text:\n      en:\n        description: Code {code} failed.\n        solution: \"{solution}\"\n"
        )
        .unwrap();
        if code % 3 == 0 {
            write!(yaml, "      zh:\n        description: 代码 {code} 失败。\n").unwrap();
        }
    }
    yaml.push_str(
        "retired:\n  - code: 9000\n    id: OldCode\n    message: OldCode\n    since: 1.0.0\n    reason: Gone.\n    replaced_by: 150\n",
    );
    yaml
}

/// Every link destination of a Markdown page.
fn markdown_links(text: &str) -> Vec<String> {
    Parser::new(text)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

/// Every `href` of an HTML page (the site writes them double-quoted).
fn html_links(text: &str) -> Vec<String> {
    text.split(" href=\"")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once('"')
                .map(|(href, _)| href.replace("&amp;", "&"))
        })
        .collect()
}

/// `link` from the page at `from` (a path under the output directory) as
/// a path under the output directory and an anchor.
fn resolve(from: &str, link: &str) -> (String, Option<String>) {
    let (path, anchor) = match link.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor.to_owned())),
        None => (link, None),
    };
    if path.is_empty() {
        return (from.to_owned(), anchor);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    (parts.join("/"), anchor)
}

/// The Markdown pages and the site, by path.
fn rendered(model: &codegen::model::Model) -> BTreeMap<String, String> {
    codegen::render::render_in_memory(model, &[site::render, search::render])
        .unwrap()
        .into_iter()
        .map(|file| (file.path.clone(), file.contents.clone()))
        .collect()
}

/// The anchors (`<a id="…">`) of a page.
fn anchors_of(text: &str) -> BTreeSet<String> {
    text.split("<a id=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(id, _)| id.to_owned()))
        .collect()
}

/// Every relative link of every page leads to a page gen wrote and an
/// anchor it has.
fn assert_links_land(files: &BTreeMap<String, String>) {
    let mut followed = 0;
    for (path, text) in files {
        let links = if path.ends_with(".md") {
            markdown_links(text)
        } else if path.ends_with(".html") {
            html_links(text)
        } else {
            continue;
        };
        for link in links {
            if link.starts_with("https://") || link.starts_with("http://") {
                continue;
            }
            let (target, anchor) = resolve(path, &link);
            let target_text = files.get(&target).unwrap_or_else(|| {
                panic!("{path}: `{link}` leads to {target}, which gen did not write")
            });
            if let Some(anchor) = anchor.filter(|anchor| !anchor.is_empty()) {
                assert!(
                    anchors_of(target_text).contains(&anchor),
                    "{path}: `{link}`: {target} has no anchor `{anchor}`"
                );
            }
            followed += 1;
        }
    }
    assert!(followed > 1000, "only {followed} links followed");
}

#[test]
fn every_link_of_a_catalog_with_range_pages_lands() {
    let count = ONE_PAGE_MOST as u32 + 150;
    let checked = codegen::check(catalog(count).as_bytes()).expect("the catalog is valid");
    let model = checked.model;
    assert!(model.has_range_pages());
    let files = rendered(&model);
    assert_links_land(&files);

    // Each code is on exactly one page of each language, and no page
    // holds more than a range's width of codes.
    for tag in ["en", "zh"] {
        let mut seen = BTreeMap::new();
        for (path, text) in files
            .iter()
            .filter(|(path, _)| path.starts_with(&format!("docs/{tag}/")))
        {
            let codes: Vec<u32> = anchors_of(text)
                .iter()
                .filter_map(|anchor| anchor.parse().ok())
                .collect();
            assert!(
                codes.len() <= RANGE_WIDTH as usize,
                "{path} holds {} codes",
                codes.len()
            );
            for code in codes {
                assert_eq!(seen.insert(code, path.clone()), None, "{code} twice");
            }
        }
        let expected: BTreeSet<u32> = (100..100 + count).chain([9000]).collect();
        assert_eq!(
            seen.keys().copied().collect::<BTreeSet<_>>(),
            expected,
            "{tag}"
        );
    }

    // The runtimes' documentation URLs land where the site put each code.
    for entry in &model.entries {
        for index in 0..model.languages.len() {
            let url = model.docs_url(index, entry.code).unwrap();
            let path = url.strip_prefix("https://codes.example/big/").unwrap();
            let (page, anchor) = path.split_once('#').unwrap();
            let page = &files[&format!("site/{page}")];
            assert!(anchors_of(page).contains(anchor), "{url}");
        }
    }
}

#[test]
fn a_catalog_at_the_limit_keeps_one_page() {
    let checked = codegen::check(catalog(ONE_PAGE_MOST as u32 - 1).as_bytes()).unwrap();
    let model = checked.model;
    // 199 entries and the retired code.
    assert!(!model.has_range_pages());
    let paths: Vec<String> = codegen::render::render_in_memory(&model, &[site::render])
        .unwrap()
        .into_iter()
        .map(|file| file.path)
        .filter(|path| path.starts_with("docs/"))
        .collect();
    assert_eq!(
        paths,
        ["docs/en/status-codes.md", "docs/zh/status-codes.md"]
    );
}

#[test]
fn beyond_a_hundred_ranges_the_index_lists_groups_and_every_link_still_lands() {
    // 250 entries a range apart (107, 207, … 25007): 250 range pages in 3
    // groups; each entry links to the next, the last to the first.
    let full = catalog(0)
        .replace("max: 9999", "max: 99999")
        .replace("[150](#150)", "[107](#107)");
    let (head, retired) = full.split_at(full.find("retired:").unwrap());
    let mut yaml = head.to_owned();
    for n in 1..=250u32 {
        let code = n * RANGE_WIDTH + 7;
        let next = if n < 250 { code + RANGE_WIDTH } else { 107 };
        write!(
            yaml,
            "  - code: {code}\n    id: Code{code}\n    message: Code{code}\n    text:\n      en:\n        description: Code {code} failed, see [{next}](#{next}).\n"
        )
        .unwrap();
    }
    yaml.push_str(&retired.replace("replaced_by: 150", "replaced_by: 107"));
    let model = codegen::check(yaml.as_bytes())
        .expect("the catalog is valid")
        .model;
    let files = rendered(&model);
    let index = &files["docs/en/status-codes.md"];
    assert!(
        index.contains("](ranges/0.md)") && index.contains("](ranges/2.md)"),
        "{index}"
    );
    let listed: Vec<&str> = index
        .lines()
        .filter(|line| line.starts_with("- ["))
        .collect();
    assert_eq!(listed.len(), 3, "{index}");
    assert!(
        listed.iter().all(|line| line.contains("](ranges/")),
        "the index lists groups, not ranges: {index}"
    );
    let group = &files["docs/en/ranges/1.md"];
    assert_eq!(group.matches("](../codes/").count(), 100, "{group}");
    assert_links_land(&files);
}
