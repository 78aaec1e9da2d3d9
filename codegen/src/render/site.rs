//! The reference pages, in Markdown under `docs/` and as a static site:
//! `site/<tag>/index.html` per language and `site/index.html` leading to
//! them, each page with a language switch. Deploying is copying
//! `generated/site/`.
//!
//! Decision: no site generator (mdBook would bring its own build, a theme
//! and a search index for two pages). The HTML is the Markdown pages: each
//! is rendered once by [`super::markdown::page`], written to `docs/`, and
//! converted with pulldown-cmark into a small layout of our own
//! (`templates/site.html`).
//! Links between the languages' `.md` pages become links between their
//! `index.html` pages; everything else is as on the Markdown pages,
//! anchors included (`#433` lands on the section of 433).
//!
//! The layout's one script only adds: a filter box (substring matching, so
//! Chinese works; retired codes too) with, where some code's retry advice
//! says a retry can help, a checkbox that keeps only those codes, and a
//! status that says how many codes match; a copy-link button per code,
//! which makes its code the one the URL points to and says (to screen
//! readers too) whether the link was copied; and a language switch that
//! keeps the code in the URL. The filter's controls are a `<template>` the
//! script clones, so that without script there is no control that does
//! nothing. Without script the page shows the same content, and CSS alone
//! highlights the code a link points to, fits a phone's width (the table
//! scrolls in its own box), follows the system's dark mode and prints
//! without the controls.

use std::collections::BTreeMap;

use askama::Template;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::search;
use crate::catalog::COUNT_PLACEHOLDER;
use crate::model::{Model, PageFormat, PageId, RANGE_WIDTH};
use crate::output::{GeneratedFile, RenderError, Sink, header};

pub fn render(model: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    let pages = model.pages();
    // A small catalog's pages each carry its search index; a large one's
    // search every page through `site/search/`.
    let ranges = model.has_range_pages();
    let index_data = if ranges {
        String::new()
    } else {
        search_index(model)
    };
    let retry_helps = retry_helps(model);
    for (index, language) in model.languages.iter().enumerate() {
        let tag = language.tag.as_str();
        for (at, &page_id) in pages.iter().enumerate() {
            let path = format!("site/{}", Model::site_page(tag, page_id));
            let markdown = super::markdown::page(model, index, &pages, at)?;
            let body = html(&markdown);
            sink.put(GeneratedFile::new(
                super::markdown::page_path(tag, page_id),
                markdown,
            ))?;
            let template = SiteTemplate {
                header: header::html_comment(),
                lang: tag,
                title: match page_id.codes() {
                    Some((first, last)) => format!("{}: {first}–{last}", language.page.title),
                    None => language.page.title.clone(),
                },
                filter_label: &language.page.filter,
                copy_label: &language.page.copy_link,
                link_copied: &language.page.link_copied,
                copy_failed: &language.page.copy_failed,
                filter_count: &language.page.filter_count,
                filter_none: &language.page.filter_none,
                count_placeholder: COUNT_PLACEHOLDER,
                retry_helps_label: &language.page.advice.retry_helps,
                retry_helps: if ranges {
                    String::new()
                } else {
                    retry_helps.clone()
                },
                search: ranges.then(|| SearchPage {
                    root: format!("{}../search/", page_id.to_language_dir()),
                    pages_root: page_id.to_language_dir(),
                    range_width: matches!(page_id, PageId::Index | PageId::Group(_))
                        .then_some(RANGE_WIDTH),
                    retry_helps: !retry_helps.is_empty(),
                }),
                switch: model
                    .languages
                    .iter()
                    .map(|other| Switch {
                        tag: &other.tag,
                        name: &other.name,
                        href: Model::language_href(PageFormat::Site, page_id, &other.tag, page_id),
                        current: other.tag == tag,
                    })
                    .collect(),
                body,
                search_index: index_data.clone(),
            };
            let contents = template
                .render()
                .map_err(|error| RenderError::new(&path, error.to_string()))?;
            sink.put(GeneratedFile::new(path, contents))?;
        }
    }
    let first = Model::site_page(&model.primary().tag, PageId::Index);
    sink.put(GeneratedFile::new(
        "site/index.html",
        format!(
            "{}\n<!doctype html>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"0; url={first}\">\n<link rel=\"canonical\" href=\"{first}\">\n<a href=\"{first}\">{first}</a>\n",
            header::html_comment()
        ),
    ))?;
    Ok(())
}

#[derive(Template)]
#[template(path = "site.html")]
struct SiteTemplate<'a> {
    header: String,
    lang: &'a str,
    /// The page's title: the reference's, and a range or group page's codes.
    title: String,
    filter_label: &'a str,
    /// Read before a code: the accessible name of its copy-link button.
    copy_label: &'a str,
    /// What a copy-link button says once it copied, and when it could not.
    link_copied: &'a str,
    copy_failed: &'a str,
    /// What the filter says of the codes that match: their number where
    /// the label holds `count_placeholder`, or, when none does, `filter_none`.
    filter_count: &'a str,
    filter_none: &'a str,
    count_placeholder: &'static str,
    /// The label of the filter's control that keeps only the codes a retry
    /// can help.
    retry_helps_label: &'a str,
    /// Those codes, space-separated (digits only); the script shows the
    /// control only where there are some.
    retry_helps: String,
    switch: Vec<Switch<'a>>,
    /// Where codes have pages by range: how the page finds the search.
    search: Option<SearchPage>,
    body: String,
    /// JSON, safe inside `<script>`: see [`search_index`].
    search_index: String,
}

/// What a page of a catalog with range pages tells its scripts.
struct SearchPage {
    /// The way from the page to `site/search/`.
    root: String,
    /// The way from the page to its language's directory, which search
    /// results' links start from.
    pages_root: String,
    /// On the index and a group's page, the range's width, by which its
    /// script sends a link to a code on to the code's page.
    range_width: Option<u32>,
    /// Whether some code's retry can help (the search offers to keep only
    /// those).
    retry_helps: bool,
}

struct Switch<'a> {
    tag: &'a str,
    name: &'a str,
    href: String,
    current: bool,
}

/// The codes a retry can help ([`crate::advice::Retry::can_help`]), as a
/// space-separated list for the page's data.
fn retry_helps(model: &Model) -> String {
    model
        .entries
        .iter()
        .filter(|entry| entry.retry.is_some_and(|retry| retry.can_help()))
        .map(|entry| entry.code.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What the filter matches a code against besides what the page shows, as
/// plain text by code: under `entries`, [`search::searchable_text`]; under
/// `retired`, [`search::retired_searchable_text`]. JSON with `<`, `>` and
/// `&` escaped, so that no text ends the `<script>` element it is in.
fn search_index(model: &Model) -> String {
    let entries: BTreeMap<String, String> = model
        .entries
        .iter()
        .map(|entry| {
            (
                entry.code.to_string(),
                search::searchable_text(model, entry),
            )
        })
        .collect();
    let retired: BTreeMap<String, String> = model
        .retired
        .iter()
        .map(|code| (code.code.to_string(), search::retired_searchable_text(code)))
        .collect();
    serde_json::to_string(&serde_json::json!({ "entries": entries, "retired": retired }))
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A page's Markdown as HTML, its links to other languages' pages pointing
/// at their `index.html`.
///
/// Whatever the catalog holds, the HTML holds only what this renderer
/// writes: raw HTML from the Markdown is shown as text unless it is the
/// page layout's own (its generated notice, its `<a id="433"></a>` anchors;
/// a text may write such an anchor too, which is harmless); a link survives only
/// to an http(s) URL, an anchor of the page or another language's page (its
/// text stays, unlinked, otherwise); an image becomes a link to it. So no
/// field, however it was combined with another (a reference definition in
/// one text used by a link in another), puts markup or a script URL into a
/// reader's browser.
fn html(markdown: &str) -> String {
    let mut links: Vec<bool> = Vec::new();
    let mut anchor_open = false;
    let notice = header::html_comment();
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES).filter_map(|event| {
        Some(match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = site_href(dest_url);
                let safe = is_safe_href(&dest_url);
                links.push(safe);
                if !safe {
                    return None;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Link) => {
                if !links.pop().unwrap_or(false) {
                    return None;
                }
                Event::End(TagEnd::Link)
            }
            // An image becomes a link to it, its alt text the link's text:
            // the catalog's texts put no `img` into a reader's page.
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let safe = is_safe_href(&dest_url) && !dest_url.starts_with('#');
                links.push(safe);
                if !safe {
                    return None;
                }
                Event::Start(Tag::Link {
                    link_type: pulldown_cmark::LinkType::Inline,
                    dest_url,
                    title,
                    id: CowStr::Borrowed(""),
                })
            }
            Event::End(TagEnd::Image) => {
                if !links.pop().unwrap_or(false) {
                    return None;
                }
                Event::End(TagEnd::Link)
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let layout = if html.trim() == notice.trim() {
                    true
                } else if anchor_open && html.as_ref() == "</a>" {
                    anchor_open = false;
                    true
                } else if is_anchor_open(&html) {
                    anchor_open = true;
                    true
                } else {
                    false
                };
                if layout {
                    Event::Html(html)
                } else {
                    Event::Text(html)
                }
            }
            other => other,
        })
    });
    let mut out = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// The opening tag of the anchors the page layout writes before each
/// section, `<a id="433">` (ids are codes or validated section anchors).
fn is_anchor_open(html: &str) -> bool {
    html.strip_prefix("<a id=\"")
        .and_then(|rest| rest.strip_suffix("\">"))
        .is_some_and(|id| {
            !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// A link target a reader may follow: the web, this page, or another of
/// the site's pages (a relative path of the layout's, which
/// [`site_href`] wrote from a Markdown page's link).
fn is_safe_href(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || url.starts_with('#') {
        return true;
    }
    let path = url.split_once('#').map_or(url, |(path, _)| path);
    path.ends_with(".html")
        && !path.starts_with('/')
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'/' | b'-' | b'_'))
}

/// A Markdown page's link to another page as the site's link to that page:
/// `../zh/status-codes.md#433` → `../zh/index.html#433`,
/// `codes/4.md#433` → `codes/4.html#433`.
fn site_href(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || url.starts_with('#') {
        return url;
    }
    let (path, anchor) = url
        .split_once('#')
        .map_or((&*url, None), |(p, a)| (p, Some(a)));
    let Some(stem) = path.strip_suffix(".md") else {
        return url;
    };
    let index = PageId::Index.markdown_path();
    let page = match stem.strip_suffix(index.trim_end_matches(".md")) {
        Some(dir) if dir.is_empty() || dir.ends_with('/') => {
            format!("{dir}{}", PageId::Index.site_path())
        }
        _ => format!("{stem}.html"),
    };
    CowStr::from(match anchor {
        Some(anchor) => format!("{page}#{anchor}"),
        None => page,
    })
}
