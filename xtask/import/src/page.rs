//! An HTML status-code page → its table rows, with the cells as the
//! catalog's Markdown.
//!
//! The page is parsed by an HTML5 parser (html5ever, through scraper), so
//! what a browser repairs is repaired here too: the seed pages have rows
//! whose `<tr>` is missing, and the parser supplies it.
//!
//! Cells are converted by hand rather than by an HTML-to-Markdown crate:
//! the pages are Markdown documents with HTML tables, and the text inside a
//! cell is already Markdown (`**bold**`, `` `code` ``). A converter would
//! escape those asterisks and backticks; here text is taken as it is and
//! only the HTML around it is translated: links, lists, line breaks
//! (`\` at the end of the line, as the catalog writes them), emphasis.

use scraper::{ElementRef, Html, Node, Selector};

/// One row of a page's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub code: u32,
    pub message: String,
    pub description: String,
    /// `None` where the page writes `-` (nothing to do).
    pub solution: Option<String>,
}

/// The page's own words around the table.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageText {
    /// The first paragraph before the table.
    pub intro: Option<String>,
    /// The table's column headings.
    pub columns: Vec<String>,
}

/// Every row of every table on the page whose first cell is `CODE<br>MESSAGE`,
/// in page order, and what else the page says. Rows of another shape are
/// returned as problems, not dropped silently.
pub fn read(html: &str) -> (Vec<Row>, PageText, Vec<String>) {
    let document = Html::parse_document(html);
    let rows = Selector::parse("table tr").expect("a valid selector");
    let headings = Selector::parse("table th").expect("a valid selector");
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for row in document.select(&rows) {
        let cells: Vec<ElementRef> = row
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|cell| cell.value().name() == "td")
            .collect();
        if cells.is_empty() {
            continue;
        }
        match row_of(&cells) {
            Ok(parsed) => found.push(parsed),
            Err(problem) => problems.push(problem),
        }
    }
    let page = PageText {
        intro: html
            .split("<table")
            .next()
            .and_then(|before| {
                before
                    .split("\n\n")
                    .map(str::trim)
                    .find(|part| !part.is_empty())
            })
            .map(|intro| collapse(intro).trim().to_owned()),
        columns: document
            .select(&headings)
            .map(|heading| {
                collapse(&heading.text().collect::<String>())
                    .trim()
                    .to_owned()
            })
            .collect(),
    };
    (found, page, problems)
}

fn row_of(cells: &[ElementRef]) -> Result<Row, String> {
    let first = cells[0];
    let text = markdown(first);
    let (code, message) = text
        .split_once("\\\n")
        .ok_or_else(|| format!("a row whose first cell is not `CODE<br>MESSAGE`: `{text}`"))?;
    let code = code
        .trim()
        .parse()
        .map_err(|_| format!("a row whose code is not a number: `{}`", code.trim()))?;
    if cells.len() != 3 {
        return Err(format!("row {code} has {} cells, not 3", cells.len()));
    }
    let solution = markdown(cells[2]);
    Ok(Row {
        code,
        message: message.trim().to_owned(),
        description: markdown(cells[1]),
        solution: (solution != "-" && !solution.is_empty()).then_some(solution),
    })
}

/// A cell's content as the catalog's Markdown.
pub fn markdown(cell: ElementRef) -> String {
    let mut out = Markdown::default();
    out.children(cell, 0);
    out.finish()
}

#[derive(Default)]
struct Markdown {
    /// Finished blocks (paragraphs, list items), each one or more lines.
    blocks: Vec<String>,
    /// The inline text being built.
    line: String,
}

impl Markdown {
    fn children(&mut self, element: ElementRef, depth: usize) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.line.push_str(&collapse(text)),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child, depth);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef, depth: usize) {
        match element.value().name() {
            "br" => {
                let kept = self.line.trim_end().to_owned();
                self.line = format!("{kept}\\\n");
            }
            "a" => {
                let mut inner = Markdown::default();
                inner.children(element, depth);
                let label = inner.finish();
                match element.value().attr("href") {
                    Some(href) => self.line.push_str(&format!("[{}]({})", label, href.trim())),
                    None => self.line.push_str(&label),
                }
            }
            "strong" | "b" => self.wrapped(element, depth, "**"),
            "em" | "i" => self.wrapped(element, depth, "*"),
            "code" => {
                let text: String = element.text().collect();
                self.line.push_str(&format!("`{}`", collapse(&text)));
            }
            "ul" | "ol" => {
                self.end_block();
                let ordered = element.value().name() == "ol";
                let items = element
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|item| item.value().name() == "li");
                for (number, item) in items.enumerate() {
                    let marker = if ordered {
                        format!("{}. ", number + 1)
                    } else {
                        "- ".to_owned()
                    };
                    let mut inner = Markdown::default();
                    inner.children(item, depth + 1);
                    let content = inner.finish();
                    let indent = " ".repeat(marker.len());
                    let mut lines = content.lines();
                    let mut block = format!(
                        "{}{marker}{}",
                        "  ".repeat(depth),
                        lines.next().unwrap_or("")
                    );
                    for line in lines {
                        block.push('\n');
                        if !line.is_empty() {
                            block.push_str(&format!("{}{indent}{line}", "  ".repeat(depth)));
                        }
                    }
                    self.blocks.push(block);
                }
            }
            // An `<li>` outside a list (the seed pages have them): browsers
            // show it as a list item, and so does the catalog.
            "li" => {
                self.end_block();
                let mut inner = Markdown::default();
                inner.children(element, depth + 1);
                let content = inner.finish();
                let mut lines = content.lines();
                let mut block = format!("{}- {}", "  ".repeat(depth), lines.next().unwrap_or(""));
                for line in lines.filter(|line| !line.is_empty()) {
                    block.push_str(&format!("\n{}  {line}", "  ".repeat(depth)));
                }
                self.blocks.push(block);
            }
            "p" | "div" => {
                self.end_block();
                self.children(element, depth);
                self.end_block();
            }
            _ => self.children(element, depth),
        }
    }

    fn wrapped(&mut self, element: ElementRef, depth: usize, mark: &str) {
        let mut inner = Markdown::default();
        inner.children(element, depth);
        self.line
            .push_str(&format!("{mark}{}{mark}", inner.finish()));
    }

    fn end_block(&mut self) {
        let block = tidy(&self.line);
        if !block.is_empty() {
            self.blocks.push(block);
        }
        self.line.clear();
    }

    /// Blocks joined: list items on consecutive lines, other blocks apart.
    fn finish(mut self) -> String {
        self.end_block();
        let mut out = String::new();
        let mut previous_was_item = false;
        for block in &self.blocks {
            let item = is_list_item(block);
            if !out.is_empty() {
                out.push_str(if item && previous_was_item {
                    "\n"
                } else {
                    "\n\n"
                });
            }
            out.push_str(block);
            previous_was_item = item;
        }
        // As the catalog writes texts of several lines: a `|` block, whose
        // value ends with a line break.
        if out.contains('\n') {
            out.push('\n');
        }
        out
    }
}

fn is_list_item(block: &str) -> bool {
    let trimmed = block.trim_start();
    trimmed.starts_with("- ")
        || trimmed.split_once(". ").is_some_and(|(number, _)| {
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
        })
}

/// Runs of whitespace as one space, as a browser shows them.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Each line trimmed, and no space before a line break's backslash.
fn tidy(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.trim();
            match line.strip_suffix('\\') {
                Some(kept) => format!("{}\\", kept.trim_end()),
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .trim_end_matches('\\')
        .trim_end()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(html: &str) -> String {
        let document = Html::parse_fragment(&format!("<table><tr><td>{html}</td></tr></table>"));
        let selector = Selector::parse("td").unwrap();
        markdown(document.select(&selector).next().unwrap())
    }

    #[test]
    fn text_stays_markdown_and_html_becomes_markdown() {
        assert_eq!(
            cell("Set **FUNCTION** `a*b` here."),
            "Set **FUNCTION** `a*b` here."
        );
        assert_eq!(
            cell("See <a href=\"https://example.com/x\">the  docs</a>.<br>Next line."),
            "See [the docs](https://example.com/x).\\\nNext line.\n"
        );
        assert_eq!(
            cell("<ul class=\"params\"><li>One.</li>\n<li>Two <b>bold</b>.</li></ul>"),
            "- One.\n- Two **bold**.\n"
        );
        assert_eq!(cell("Intro:<ul><li>A</li></ul>"), "Intro:\n\n- A\n");
        // Items without their list, as on the seed pages.
        assert_eq!(cell("Intro.<li>A</li><li>B</li>"), "Intro.\n\n- A\n- B\n");
    }

    #[test]
    fn a_row_without_its_tr_is_repaired_by_the_parser() {
        let html = "<table><tbody><tr><td>200<br>Success</td><td>Fine.</td><td>-</td></tr>\n\
                    <td>433<br>TimeLimitReached</td><td>Timed out.</td><td>Retry.</td></tr></tbody></table>";
        let (rows, _, problems) = read(html);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            rows.iter()
                .map(|row| (row.code, row.solution.clone()))
                .collect::<Vec<_>>(),
            [(200, None), (433, Some("Retry.".to_owned()))]
        );
    }

    #[test]
    fn a_row_of_another_shape_is_a_problem() {
        let (rows, _, problems) =
            read("<table><tr><td>no code here</td><td>x</td><td>y</td></tr></table>");
        assert!(rows.is_empty());
        assert_eq!(
            problems,
            ["a row whose first cell is not `CODE<br>MESSAGE`: `no code here`"]
        );
    }
}
