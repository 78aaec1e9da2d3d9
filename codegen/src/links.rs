//! Where a Markdown text writes its in-page links (`[…](#433)`), found once
//! for the two that need it: validation, which refuses one it cannot find
//! written as it is, and the outputs away from the pages, which make them
//! absolute there (`render::text::absolute_links`).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// An in-page link or image of a text: its destination (`#433`) and the
/// byte offset where the text writes it, or `None` where it is not written
/// as it is (escaped, `\#433`, or as an entity, `&#35;433`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InPageLink {
    pub destination: String,
    pub written_at: Option<usize>,
}

/// Every in-page link and image of `markdown`, in order.
pub fn in_page_links(markdown: &str) -> Vec<InPageLink> {
    // A destination starts with `#` only where the text writes one, escaped
    // or not, or an entity (`&#35;`, `&num;`): most texts write neither,
    // and need no parse (every output that shows a text asks).
    if !markdown.contains(['#', '&']) {
        return Vec::new();
    }
    // Open links and images: destination, and where their text ends so far.
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut found = Vec::new();
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                open.push((dest_url.into_string(), range.start + 1));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                open.push((dest_url.into_string(), range.start + 2));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if let Some((destination, text_end)) = open.pop()
                    && destination.starts_with('#')
                {
                    let written_at = written_at(&markdown[..range.end], text_end, &destination);
                    found.push(InPageLink {
                        destination,
                        written_at,
                    });
                }
                if let Some(parent) = open.last_mut() {
                    parent.1 = parent.1.max(range.end);
                }
            }
            _ => {
                if let Some(innermost) = open.last_mut() {
                    innermost.1 = innermost.1.max(range.end);
                }
            }
        }
    }
    found
}

/// Where `destination` is written in `link` (a text up to the end of the
/// link), after the link text that ends at `text_end`: the `](` that closes
/// the text, optional spaces and one line break, an optional `<`.
fn written_at(link: &str, text_end: usize, destination: &str) -> Option<usize> {
    let close = text_end + link.get(text_end..)?.find("](")?;
    let mut at = close + 2;
    let rest = link.get(at..)?;
    let blank = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    at += blank;
    if link.get(at..)?.starts_with('\n') {
        at += 1;
        let rest = link.get(at..)?;
        at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }
    if link.get(at..)?.starts_with('<') {
        at += 1;
    }
    link.get(at..)?.starts_with(destination).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(markdown: &str) -> Vec<(String, Option<&str>)> {
        in_page_links(markdown)
            .into_iter()
            .map(|link| {
                let at = link.written_at.map(|at| &markdown[at..]);
                (link.destination, at)
            })
            .collect()
    }

    #[test]
    fn destinations_are_found_where_they_are_written_and_nowhere_else() {
        let text = "[a](#433 \"](#433\") `](#433)` [b](<#handler>) ![c](#429) [](#1)";
        let found = written(text);
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[0].0, "#433");
        assert!(found[0].1.unwrap().starts_with("#433 \""), "{found:?}");
        assert!(found[1].1.unwrap().starts_with("#handler>"), "{found:?}");
        assert!(found[2].1.unwrap().starts_with("#429)"), "{found:?}");
        assert!(found[3].1.unwrap().starts_with("#1)"), "{found:?}");
        // A line break may follow the opening parenthesis.
        assert!(written("[x](\n  #handler)")[0].1.is_some());
        // The link text may hold what looks like a destination.
        let text = "[`](#433`](#429)";
        assert_eq!(written(text), [("#429".to_owned(), Some("#429)"))]);
    }

    #[test]
    fn an_escaped_destination_is_not_written_as_it_is() {
        assert_eq!(written("[a](\\#433)"), [("#433".to_owned(), None)]);
        assert_eq!(written("[a](&#35;433)"), [("#433".to_owned(), None)]);
        // A named entity writes `#` with no `#` in the text.
        assert_eq!(written("[a](&num;433)"), [("#433".to_owned(), None)]);
        assert_eq!(written("[a](&#x23;433)"), [("#433".to_owned(), None)]);
        assert_eq!(written("[`](#433`](\\#433)"), [("#433".to_owned(), None)]);
        assert_eq!(written("[a](https://x.test/#433) #433"), []);
    }
}
