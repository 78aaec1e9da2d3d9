//! The reference pages as a static site: `site/<tag>/index.html` per
//! language and `site/index.html` leading to them, each page with a
//! language switch. Deploying is copying `generated/site/`.
//!
//! Decision: no site generator (mdBook would bring its own build, a theme
//! and a search index for two pages). The HTML is the Markdown pages,
//! rendered by [`super::markdown::page`] in memory, converted with
//! pulldown-cmark, in a small layout of our own (`templates/site.html`).
//! Links between the languages' `.md` pages become links between their
//! `index.html` pages; everything else is as on the Markdown pages,
//! anchors included (`#433` lands on the section of 433).

use askama::Template;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag};

use super::{GeneratedFile, RenderError, header};
use crate::model::Model;

pub fn render(model: &Model) -> Result<Vec<GeneratedFile>, RenderError> {
    let mut files = Vec::new();
    for (index, language) in model.languages.iter().enumerate() {
        let tag = language.tag.as_str();
        let path = format!("site/{tag}/index.html");
        let markdown = super::markdown::page(model, index)?;
        let template = SiteTemplate {
            header: header::html_comment(),
            lang: tag,
            title: &language.page.title,
            switch: model
                .languages
                .iter()
                .map(|other| Switch {
                    name: &other.name,
                    href: format!("../{}/index.html", other.tag),
                    current: other.tag == tag,
                })
                .collect(),
            body: html(&markdown),
        };
        let contents = template
            .render()
            .map_err(|error| RenderError::new(&path, error.to_string()))?;
        files.push(GeneratedFile::new(path, contents));
    }
    let first = &model.primary().tag;
    files.push(GeneratedFile::new(
        "site/index.html",
        format!(
            "{}\n<!doctype html>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"0; url={first}/index.html\">\n<link rel=\"canonical\" href=\"{first}/index.html\">\n<a href=\"{first}/index.html\">{first}/index.html</a>\n",
            header::html_comment()
        ),
    ));
    Ok(files)
}

#[derive(Template)]
#[template(path = "site.html")]
struct SiteTemplate<'a> {
    header: String,
    lang: &'a str,
    title: &'a str,
    switch: Vec<Switch<'a>>,
    body: String,
}

struct Switch<'a> {
    name: &'a str,
    href: String,
    current: bool,
}

/// A page's Markdown as HTML, its links to other languages' pages pointing
/// at their `index.html`.
fn html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES).map(|event| match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: site_href(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// `../zh/status-codes.md#433` → `../zh/index.html#433`.
fn site_href(url: CowStr<'_>) -> CowStr<'_> {
    match url.split_once("/status-codes.md") {
        Some((before, after)) if url.starts_with("../") => {
            CowStr::from(format!("{before}/index.html{after}"))
        }
        _ => url,
    }
}
