//! Where each code is on the reference pages, decided once for every
//! output that names a page: the Markdown pages and the site write their
//! pages where [`Model::pages`] says, links and documentation URLs point
//! where [`Model::page_of_anchor`] says.
//!
//! Up to [`ONE_PAGE_MOST`] codes (entries and retired codes), a language has
//! one page, as it always had: it reads top to bottom and is searched in
//! the page. Beyond, the index page lists ranges of [`RANGE_WIDTH`] codes,
//! each on a page of its own: a code's page depends on the code alone, so
//! adding a code changes one page and no URL, and no page holds more than
//! `RANGE_WIDTH` codes whatever the catalog's size (decision 0003). Where
//! there are more than `RANGE_WIDTH` range pages, the index lists groups of
//! `RANGE_WIDTH` ranges instead, each group's page listing its ranges, so
//! that no page lists more than `RANGE_WIDTH` links either.

use super::Model;

/// The most codes a language's reference keeps on one page: about 250 KB
/// of HTML at the synthetic catalog's text lengths, which opens at once.
pub const ONE_PAGE_MOST: usize = 200;

/// How many consecutive codes share a page beyond [`ONE_PAGE_MOST`].
pub const RANGE_WIDTH: u32 = 100;

/// One of a language's reference pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageId {
    /// The page a reader starts from: every code's section while the catalog
    /// is small, the list of ranges beyond; the concepts' sections always.
    Index,
    /// The codes from `n × RANGE_WIDTH` to `n × RANGE_WIDTH + RANGE_WIDTH - 1`.
    Range(u32),
    /// The list of the range pages `n × RANGE_WIDTH` to
    /// `n × RANGE_WIDTH + RANGE_WIDTH - 1`, where there are too many for the
    /// index to list.
    Group(u32),
}

impl PageId {
    /// The page's Markdown file, relative to its language's directory.
    pub fn markdown_path(self) -> String {
        match self {
            PageId::Index => "status-codes.md".to_owned(),
            PageId::Range(n) => format!("codes/{n}.md"),
            PageId::Group(n) => format!("ranges/{n}.md"),
        }
    }

    /// The page's HTML file, relative to its language's directory.
    pub fn site_path(self) -> String {
        match self {
            PageId::Index => "index.html".to_owned(),
            PageId::Range(n) => format!("codes/{n}.html"),
            PageId::Group(n) => format!("ranges/{n}.html"),
        }
    }

    /// How many directories the page is below its language's directory.
    pub fn depth(self) -> usize {
        match self {
            PageId::Index => 0,
            PageId::Range(_) | PageId::Group(_) => 1,
        }
    }

    /// The first and last code the page may hold (a range page's), or list
    /// (a group's).
    pub fn codes(self) -> Option<(u32, u32)> {
        let span = |n: u32, width: u32| {
            let first = n.saturating_mul(width);
            (first, first.saturating_add(width - 1))
        };
        match self {
            PageId::Index => None,
            PageId::Range(n) => Some(span(n, RANGE_WIDTH)),
            PageId::Group(n) => Some(span(n, RANGE_WIDTH * RANGE_WIDTH)),
        }
    }

    /// The group page that lists this range page, where ranges are grouped.
    pub fn group(self) -> Option<PageId> {
        match self {
            PageId::Range(n) => Some(PageId::Group(n / RANGE_WIDTH)),
            _ => None,
        }
    }

    /// The way up from this page to its language's directory (`""` or
    /// `"../"`).
    pub fn to_language_dir(self) -> String {
        "../".repeat(self.depth())
    }
}

/// How a file of one kind is named: Markdown (`.md`) or HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    Markdown,
    Site,
}

impl PageFormat {
    pub fn path(self, page: PageId) -> String {
        match self {
            PageFormat::Markdown => page.markdown_path(),
            PageFormat::Site => page.site_path(),
        }
    }
}

/// A documentation URL cut where its run-time parts go, for outputs that
/// put it together at run time: `before_tag`, the language's tag,
/// `before_page`, then (with ranges) the code divided by `range_width`,
/// then `before_code` and the code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocsUrlParts {
    pub before_tag: String,
    pub before_page: String,
    /// `None` while every code is on the index page.
    pub range_width: Option<u32>,
    pub before_code: String,
}

impl DocsUrlParts {
    /// The URL of `code` in the language `tag`.
    pub fn join(&self, tag: &str, code: u32) -> String {
        let page = self
            .range_width
            .map_or(String::new(), |width| (code / width).to_string());
        format!(
            "{}{tag}{}{page}{}{code}",
            self.before_tag, self.before_page, self.before_code
        )
    }
}

impl Model {
    /// Whether each code has a range page (the catalog is larger than
    /// [`ONE_PAGE_MOST`] codes) or every code is on the index page.
    pub fn has_range_pages(&self) -> bool {
        self.entries.len() + self.retired.len() > ONE_PAGE_MOST
    }

    /// The page that holds `code`'s section (an entry's or a retired code's).
    pub fn page_of(&self, code: u32) -> PageId {
        if self.has_range_pages() {
            PageId::Range(code / RANGE_WIDTH)
        } else {
            PageId::Index
        }
    }

    /// The page that holds an anchor of the pages: a code's (`433`), or
    /// any other (a concept's section) on the index page.
    pub fn page_of_anchor(&self, anchor: &str) -> PageId {
        match anchor.parse::<u32>() {
            Ok(code) if anchor.bytes().all(|b| b.is_ascii_digit()) => self.page_of(code),
            _ => PageId::Index,
        }
    }

    /// Every page of a language, the index first, then the range pages in
    /// code order (those that hold an entry or a retired code), then, where
    /// there are more than [`RANGE_WIDTH`] of them, the groups that list
    /// them.
    pub fn pages(&self) -> Vec<PageId> {
        let mut pages = vec![PageId::Index];
        if self.has_range_pages() {
            let mut codes: Vec<u32> = self.entries.iter().map(|entry| entry.code).collect();
            codes.extend(self.retired.iter().map(|code| code.code));
            let mut ranges: Vec<PageId> =
                codes.into_iter().map(|code| self.page_of(code)).collect();
            ranges.sort_unstable();
            ranges.dedup();
            if ranges.len() > RANGE_WIDTH as usize {
                let mut groups: Vec<PageId> =
                    ranges.iter().filter_map(|range| range.group()).collect();
                groups.dedup();
                ranges.extend(groups);
            }
            pages.extend(ranges);
        }
        pages
    }

    /// The link from `from` to `anchor` on the same language's pages:
    /// `#433` on its own page, `codes/4.md#433` or `../status-codes.md#handler`
    /// elsewhere.
    pub fn anchor_href(&self, format: PageFormat, from: PageId, anchor: &str) -> String {
        let to = self.page_of_anchor(anchor);
        if to == from {
            format!("#{anchor}")
        } else {
            format!("{}{}#{anchor}", from.to_language_dir(), format.path(to))
        }
    }

    /// The link from `from` to the page `to` of the language `tag`.
    pub fn language_href(format: PageFormat, from: PageId, tag: &str, to: PageId) -> String {
        format!("{}../{tag}/{}", from.to_language_dir(), format.path(to))
    }

    /// A language's page of the site, relative to the site's root
    /// (`<tag>/index.html`, `<tag>/codes/4.html`).
    pub fn site_page(tag: &str, page: PageId) -> String {
        format!("{tag}/{}", page.site_path())
    }

    /// The published page holding `anchor` in the language at `index` of
    /// [`Model::languages`], if the catalog says where the site is.
    pub fn anchor_page_url(&self, index: usize, anchor: &str) -> Option<String> {
        let site = self.package.site.as_ref()?;
        let language = self.languages.get(index)?;
        let page = self.page_of_anchor(anchor);
        Some(format!("{site}/{}", Model::site_page(&language.tag, page)))
    }

    /// Where `code` is documented in the language at `index`, if the
    /// catalog says where the site is.
    pub fn docs_url(&self, index: usize, code: u32) -> Option<String> {
        let language = self.languages.get(index)?;
        Some(self.docs_url_parts()?.join(&language.tag, code))
    }

    /// [`Model::docs_url`] cut where its run-time parts go.
    pub fn docs_url_parts(&self) -> Option<DocsUrlParts> {
        let site = self.package.site.as_ref()?;
        let before_tag = format!("{site}/");
        Some(if self.has_range_pages() {
            DocsUrlParts {
                before_tag,
                before_page: "/codes/".to_owned(),
                range_width: Some(RANGE_WIDTH),
                before_code: ".html#".to_owned(),
            }
        } else {
            DocsUrlParts {
                before_tag,
                before_page: format!("/{}", PageId::Index.site_path()),
                range_width: None,
                before_code: "#".to_owned(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_pages_url_parts_agree_with_its_path() {
        let parts = DocsUrlParts {
            before_tag: "https://x.test/".to_owned(),
            before_page: "/codes/".to_owned(),
            range_width: Some(RANGE_WIDTH),
            before_code: ".html#".to_owned(),
        };
        assert_eq!(
            parts.join("en", 4337),
            "https://x.test/en/codes/43.html#4337"
        );
        assert_eq!(
            format!(
                "https://x.test/{}#4337",
                Model::site_page("en", PageId::Range(43))
            ),
            parts.join("en", 4337)
        );
        assert_eq!(PageId::Range(43).codes(), Some((4300, 4399)));
        assert_eq!(
            PageId::Range(u32::MAX / RANGE_WIDTH).codes().unwrap().1,
            u32::MAX
        );
    }
}
