//! Markdown that every stage may write: plain text escaped so that it
//! shows as written, and a checked Markdown text rewritten for rustdoc and
//! JSDoc. Below the model, which keeps each text's documentation form
//! ([`crate::model::Text::doc_description`]); the renderers reach these
//! through `render::text`.

/// Every run of whitespace, line breaks included, as one space: the one
/// way a text is put on one line (Markdown table cells, the search index).
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Plain text (a name, a heading, a reason) as Markdown that shows it as
/// written: on one line, with every character that could start emphasis, a
/// link, HTML, an entity, a code span or fence, a heading or a list
/// escaped. Every plain-text field reaches Rust docs and JSDoc through this,
/// so none can become markup or a doctest there.
pub fn plain_markdown(text: &str) -> String {
    let line = one_line(text);
    // A URL is written as an autolink (rustdoc flags a bare one); the text
    // around it is escaped.
    if let Some(start) = bare_url_start(&line) {
        let end = line[start..]
            .find(|c: char| {
                c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '`')
            })
            .map_or(line.len(), |length| start + length);
        let url = line[start..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let end = start + url.len();
        return format!(
            "{}<{url}>{}",
            escape_plain(&line[..start]),
            plain_markdown(&line[end..])
        );
    }
    escape_plain(&line)
}

/// One line of plain text with every markup character escaped.
fn escape_plain(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (index, c) in line.chars().enumerate() {
        let starts_block = index == 0 && matches!(c, '#' | '-' | '+' | '=');
        let ends_ordinal = index == digits && digits > 0 && matches!(c, '.' | ')');
        if starts_block
            || ends_ordinal
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!' | '&'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A Markdown text of the catalog (checked by validation) rewritten for
/// rustdoc and JSDoc: parsed and written back by pulldown-cmark-to-cmark,
/// so that list continuations are indented, a bracketed word that is no
/// link is escaped (rustdoc would take it for an intra-doc link), a bare
/// URL becomes an autolink (rustdoc's `bare_urls`), an image a link to it,
/// and raw HTML, which validation refuses anyway, is text. The pages keep
/// the text as written.
pub fn doc_markdown(text: &str) -> String {
    use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};
    if let Some(line) = plain_line(text) {
        return line.to_owned();
    }
    let mut events: Vec<Event> = Vec::new();
    let mut in_link = false;
    // For each open image: whether it sits inside a link.
    let mut images: Vec<bool> = Vec::new();
    for event in pulldown_cmark::TextMergeStream::new(Parser::new(text)) {
        match event {
            Event::Start(Tag::Link { .. }) => {
                in_link = true;
                events.push(event);
            }
            Event::End(TagEnd::Link) => {
                in_link = false;
                events.push(event);
            }
            Event::Text(text) if !in_link => {
                let mut rest: &str = &text;
                while let Some(start) = bare_url_start(rest) {
                    let end = start
                        + rest[start..]
                            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
                            .unwrap_or(rest.len() - start);
                    // A sentence's closing punctuation is not part of the URL.
                    let url =
                        rest[start..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
                    let end = start + url.len();
                    if start > 0 {
                        events.push(Event::Text(CowStr::from(rest[..start].to_owned())));
                    }
                    events.push(Event::Start(Tag::Link {
                        link_type: LinkType::Autolink,
                        dest_url: CowStr::from(url.to_owned()),
                        title: CowStr::Borrowed(""),
                        id: CowStr::Borrowed(""),
                    }));
                    events.push(Event::Text(CowStr::from(url.to_owned())));
                    events.push(Event::End(TagEnd::Link));
                    rest = &rest[end..];
                }
                if !rest.is_empty() {
                    events.push(Event::Text(CowStr::from(rest.to_owned())));
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            // An image becomes a link to it (docs show no image from a
            // text), or its alt text alone inside a link (no link in a link).
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                images.push(in_link);
                if !in_link {
                    in_link = true;
                    events.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id: CowStr::Borrowed(""),
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                if !images.pop().unwrap_or(true) {
                    in_link = false;
                    events.push(Event::End(TagEnd::Link));
                }
            }
            other => events.push(other),
        }
    }
    if let Some(line) = prose_with_links(&events, text) {
        return line.to_owned();
    }
    let options = pulldown_cmark_to_cmark::Options {
        list_token: '-',
        ..Default::default()
    };
    let mut out = String::with_capacity(text.len() + 16);
    let parser_options = pulldown_cmark::Options::empty();
    match pulldown_cmark_to_cmark::cmark_with_options(events, &mut out, parser_options, options) {
        // The writer ends a hard line break with two spaces, which editors
        // and formatters strip from comments; a backslash survives them.
        Ok(_) => backslash_hard_breaks(&out),
        // Writing to a `String` does not fail; were it to, the text is
        // still safe escaped as plain text.
        Err(_) => plain_markdown(text),
    }
}

/// The text as one line of plain prose, where it is one: a line that
/// Markdown reads as one paragraph of exactly that line (no markup, escape,
/// entity or URL, nothing a block starts with; with tables on or off) and
/// that the Markdown writer gives back as it is. About half the texts are
/// such a line, and each stage that parses a text (validation, its
/// documentation form, the search's plain text) skips the parser for them.
/// A test holds this to pulldown-cmark's parse and the writer's output over
/// many generated texts.
pub fn plain_line(text: &str) -> Option<&str> {
    let line = paragraph_end(text);
    (starts_plain(line) && is_plain(line)).then_some(line)
}

/// One line of prose and inline links, where the writer gives the text
/// back as it is: `events` (as [`doc_markdown`] made them) are one
/// paragraph of plain text ([`plain_line`]'s characters) and links written
/// `[text](destination)`, whose text is plain and starts as a line may
/// (the writer escapes a `-` there), with a destination the writer writes
/// as it is, and put back together they spell the text. Most
/// solutions are such a line, and the writer parses what it wrote again
/// when it holds a link. The same test holds this to the writer's output.
fn prose_with_links<'t>(events: &[pulldown_cmark::Event], text: &'t str) -> Option<&'t str> {
    use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
    let line = paragraph_end(text);
    let [
        Event::Start(Tag::Paragraph),
        inner @ ..,
        Event::End(TagEnd::Paragraph),
    ] = events
    else {
        return None;
    };
    if !starts_plain(line) && !line.starts_with('[') {
        return None;
    }
    let mut spelled = String::with_capacity(line.len());
    let mut rest = inner;
    while !rest.is_empty() {
        match rest {
            [Event::Text(words), after @ ..] if no_block_start(words) && is_plain(words) => {
                spelled.push_str(words);
                rest = after;
            }
            [
                Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    ..
                }),
                Event::Text(words),
                Event::End(TagEnd::Link),
                after @ ..,
            ] if title.is_empty()
                && starts_plain(words)
                && is_plain(words)
                && is_plain_destination(dest_url) =>
            {
                spelled.push('[');
                spelled.push_str(words);
                spelled.push_str("](");
                spelled.push_str(dest_url);
                spelled.push(')');
                rest = after;
            }
            _ => return None,
        }
    }
    (spelled == line).then_some(line)
}

/// `text` without what ends a paragraph of it unseen: spaces, tabs and
/// line breaks. (Not a form feed: a line of one is not blank to Markdown,
/// and is text of the paragraph after a line break.)
fn paragraph_end(text: &str) -> &str {
    text.trim_end_matches([' ', '\t', '\n', '\r'])
}

/// Whether a line starts with what cannot start a block: a letter, digit
/// or non-ASCII character, and not a number then `.` or `)`.
fn starts_plain(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || !c.is_ascii())
        && no_block_start(line)
}

/// Whether text does not start as a block could, were it a line's start
/// (`-`, `+`, `=`, a number then `.` or `)`). The writer escapes a number
/// then `.` or `)` at the start of any piece of text, after a link too;
/// the others only at a line's start, refused everywhere all the same.
fn no_block_start(text: &str) -> bool {
    let after_digits = text.trim_start_matches(|c: char| c.is_ascii_digit());
    let numbered = after_digits.len() < text.len() && after_digits.starts_with(['.', ')']);
    !(text.starts_with(['-', '+', '=']) || numbered)
}

/// Whether every character of `words` is one of prose that Markdown reads
/// and the writer writes as it is, and they hold no URL (made a link for
/// the docs).
fn is_plain(words: &str) -> bool {
    let plain = |c: char| {
        c.is_alphanumeric()
            || c == ' '
            || matches!(
                c,
                ',' | '.'
                    | ';'
                    | ':'
                    | '\''
                    | '"'
                    | '('
                    | ')'
                    | '?'
                    | '/'
                    | '-'
                    | '+'
                    | '='
                    | '%'
                    | '$'
                    | '@'
            )
            || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
    };
    words.chars().all(plain) && bare_url_start(words).is_none()
}

/// A link destination the writer writes as it is: no character it escapes
/// or wraps the destination for (`&`, `\`, `<`, `>`, a line break, a space,
/// a parenthesis), and none of a title or an entity.
fn is_plain_destination(url: &str) -> bool {
    !url.is_empty()
        && url.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    ':' | '/'
                        | '.'
                        | '?'
                        | '='
                        | '#'
                        | '%'
                        | '-'
                        | '_'
                        | '~'
                        | '+'
                        | '@'
                        | ','
                        | ';'
                        | '!'
                        | '$'
                        | '*'
                        | '\''
                )
        })
}

/// The writer's hard breaks (two spaces ending a line of text) as
/// backslashes; lines of only spaces (blank lines inside list items) stay.
fn backslash_hard_breaks(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        match line.strip_suffix("  \n") {
            Some(text) if !text.trim().is_empty() => {
                out.push_str(text);
                out.push_str("\\\n");
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Where an `http://` or `https://` URL starts in `text`, wherever it is
/// (rustdoc's `bare_urls` finds one even after a CJK character).
fn bare_url_start(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find("http") {
        let start = from + found;
        let rest = &text[start..];
        if rest.starts_with("https://") || rest.starts_with("http://") {
            return Some(start);
        }
        from = start + 4;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, TextMergeStream};

    /// The writer's own output, without the shortcut.
    fn written_back(text: &str) -> String {
        let events: Vec<_> =
            pulldown_cmark::TextMergeStream::new(pulldown_cmark::Parser::new(text)).collect();
        let mut out = String::new();
        let options = pulldown_cmark_to_cmark::Options {
            list_token: '-',
            ..Default::default()
        };
        pulldown_cmark_to_cmark::cmark_with_options(
            events,
            &mut out,
            pulldown_cmark::Options::empty(),
            options,
        )
        .unwrap();
        backslash_hard_breaks(&out)
    }

    /// A xorshift generator of numbers below a bound: the same texts on
    /// every run.
    fn random(mut state: u64) -> impl FnMut(usize) -> usize {
        move |below| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        }
    }

    /// `line`, which a shortcut gave for `text`, is what the writer gives,
    /// and what `doc_markdown` gives.
    fn assert_given_back(text: &str, line: &str) {
        assert_eq!(line, written_back(text), "{text:?}");
        assert_eq!(doc_markdown(text), line, "{text:?}");
    }

    /// Every text of prose and inline links the second shortcut takes is
    /// one the writer gives back as it is: texts of plain and other
    /// characters and links, whose destinations draw on every character
    /// the writer escapes or wraps a destination for.
    #[test]
    fn the_links_shortcut_gives_what_the_writer_gives() {
        let prose: Vec<char> = "abcXYZ019 ,.;:'\"()?/-+=%$@执行。".chars().collect();
        let other: Vec<char> = "*_`[]<>!&\\#|~\n\t\r\x0c\u{3000}\u{a0}".chars().collect();
        let url: Vec<char> = "abz09:/.?=#%-_~+@,;!$*'".chars().collect();
        let odd_url: Vec<char> = "&\\<> ()\"\n[]`|{}^é执".chars().collect();
        let mut next = random(0x2545_f491_4f6c_dd1d);
        let (mut taken, mut tried) = (0, 0);
        for _ in 0..40_000 {
            let mut text = String::new();
            for _ in 0..1 + next(4) {
                let words = |length: usize, next: &mut dyn FnMut(usize) -> usize| -> String {
                    (0..length)
                        .map(|_| {
                            if next(20) == 0 {
                                other[next(other.len())]
                            } else {
                                prose[next(prose.len())]
                            }
                        })
                        .collect()
                };
                if next(2) == 0 {
                    let length = next(10);
                    text.push_str(&words(length, &mut next));
                } else {
                    let (length, url_length) = (1 + next(8), next(16));
                    let inside = words(length, &mut next);
                    let destination: String = (0..url_length)
                        .map(|_| {
                            if next(25) == 0 {
                                odd_url[next(odd_url.len())]
                            } else {
                                url[next(url.len())]
                            }
                        })
                        .collect();
                    text.push_str(&format!("[{inside}]({destination})"));
                }
            }
            let events: Vec<_> = TextMergeStream::new(Parser::new(&text)).collect();
            tried += 1;
            if let Some(line) = prose_with_links(&events, &text) {
                taken += 1;
                assert_given_back(&text, line);
            }
        }
        assert!(taken > tried / 10, "the shortcut took {taken} of {tried}");
        // Links it must leave to the writer.
        for text in [
            "see [a](b c)",
            "[a](<b>)",
            "[a](b \"t\")",
            "[a *b*](c)",
            "[a][b]\n\n[b]: c",
            "a [b](c&amp;d)",
            "[a](b)\nc",
            "[a](b)  \n\x0c",
        ] {
            let events: Vec<_> = TextMergeStream::new(Parser::new(text)).collect();
            assert_eq!(prose_with_links(&events, text), None, "{text:?}");
        }
    }

    /// Every text the first shortcut takes is one Markdown reads as a
    /// paragraph of itself and the writer gives back as it is: short texts
    /// drawn from every printable ASCII character, line breaks, tabs, form
    /// feeds, CJK and other non-ASCII characters, with the characters of
    /// prose drawn most.
    #[test]
    fn the_shortcut_gives_what_the_writer_gives() {
        let prose: Vec<char> = "abcXYZ019 ,.;:'\"()?/-+=%$@".chars().collect();
        let other: Vec<char> = (0x20u8..0x7f)
            .map(char::from)
            .chain([
                '\n', '\t', '\r', '\x0c', '执', '行', '。', '，', '、', '“', '”', '—', '…', '・',
            ])
            .chain([
                '（', '）', 'é', 'ß', 'Σ', '€', '™', '😀', '\u{3000}', '\u{a0}',
            ])
            .chain(['\u{feff}', '\u{200b}', '\u{2028}', '\u{85}'])
            .collect();
        let mut next = random(0x9e37_79b9_7f4a_7c15);
        let (mut taken, mut tried) = (0, 0);
        for _ in 0..40_000 {
            let length = next(14);
            let text: String = (0..length)
                .map(|_| {
                    if next(4) == 0 {
                        other[next(other.len())]
                    } else {
                        prose[next(prose.len())]
                    }
                })
                .collect();
            tried += 1;
            if let Some(line) = plain_line(&text) {
                taken += 1;
                let paragraph = [
                    Event::Start(Tag::Paragraph),
                    Event::Text(line.into()),
                    Event::End(TagEnd::Paragraph),
                ];
                for options in [Options::empty(), Options::ENABLE_TABLES] {
                    let parsed: Vec<_> =
                        TextMergeStream::new(Parser::new_ext(&text, options)).collect();
                    assert_eq!(parsed, paragraph, "{text:?} with {options:?}");
                }
                assert_given_back(&text, line);
            }
        }
        assert!(taken > tried / 10, "the shortcut took {taken} of {tried}");
        // And texts it must leave to the writer.
        for text in [
            "a * b",
            "#433 is",
            "1) first",
            "a_b",
            "a\nb",
            " lead",
            "-1 left",
            "see https://x.test",
            "a\u{3000}",
            "a  \n\x0c",
            "a\n\x0c",
            "a\r\n\x0c",
            "a\x0b",
            "a \x0c b",
        ] {
            assert_eq!(plain_line(text), None, "{text:?}");
        }
        // A bare URL becomes a link before the shortcut is asked.
        assert_eq!(doc_markdown("see https://x.test"), "see <https://x.test>");
    }
}
