//! The search of the site's large layout: an index of every code's words,
//! split into small files the page loads as the reader types, and the
//! script that queries it (`templates/search.js`). Everything is written
//! under `site/search/`, shared by every language's pages.
//!
//! Decision (docs/decisions/0003-readers-at-scale.md): an index of our own,
//! written here in Rust, so `gen` stays one deterministic command with no
//! Node.js; files are scripts that call a global callback (JSONP), not
//! JSON for `fetch`, so the site searches from `file://` too.
//!
//! The files, each `statusCodeSearch.shard(NAME, DATA);`:
//! - `manifest.js`: the number of entries, the first code of each block,
//!   the entries a retry can help, and the prefix tree: which prefixes are
//!   split further and which have a union file.
//! - `t-HEX.js` (a leaf of the tree): every token under the prefix whose
//!   UTF-8 is HEX, as `t: {rest of the token: postings}`, and `r`, the
//!   rows a result shows of every entry of a token that few entries have
//!   (at most `SHOWN`).
//! - `u-HEX.js` (a split prefix): `o`, the postings of every token under
//!   it, so that a short query token loads one file, not every leaf below
//!   it, and `r`, the rows of its first `SHOWN` entries.
//! - `e-N.js`: what a result shows of entries `N * 256` to `N * 256 + 255`.
//!
//! With the rows beside the tokens, a query of one word whose entries are
//! few per token (an identifier, a code, a rare word) is answered from the
//! one file its word needs: the results of any prefix of such tokens are
//! among their rows. Other queries' first results are in the first blocks,
//! which load with the manifest, or load after the word's file.
//!
//! Entries are numbered in code order, retired codes among them ("ordinals").

use std::collections::{BTreeMap, HashMap};

use pulldown_cmark::{Event, Options, Parser, TagEnd};
use serde::Serialize;

use super::text::one_line;
use crate::markup::plain_line;
use crate::model::{Entry, Model, Retired};
use crate::output::{GeneratedFile, RenderError, Sink, Stopped, header};

/// The client, the same for every catalog.
const CLIENT: &str = include_str!("../../templates/search.js");

/// Where everything of the search goes, relative to the output directory.
const DIR: &str = "site/search";

/// A leaf file larger than this splits by one more character of its prefix.
const SHARD_BOUND: usize = 32 * 1024;

/// Entries per display block: a page of results loads one or two.
const BLOCK: usize = 256;

/// How many results the client lists (`SHOWN` in `search.js`; a test keeps
/// them equal): a token of at most this many entries carries their rows.
const SHOWN: usize = 20;

/// Tokens are cut to this many characters (the query's too), so that a
/// hostile run of letters cannot make a file of its own per character.
const MAX_TOKEN_CHARS: usize = 40;

/// The longest prefix, in UTF-8 bytes, that is split further: a file's
/// name holds a prefix in hex, and one more character of 4 bytes keeps
/// `t-` + 2 × 103 hex digits + `.js` under 255 bytes.
const MAX_PREFIX_BYTES: usize = 100;

/// The code points read as CJK, whose runs become bigrams. `search.js`
/// holds the same list; a test keeps them equal.
const CJK_RANGES: &[(u32, u32)] = &[
    (0x1100, 0x11FF),   // Hangul Jamo
    (0x2E80, 0x2FDF),   // CJK and Kangxi radicals
    (0x3005, 0x3007),   // 々 〆 〇
    (0x3021, 0x3029),   // Hangzhou numerals
    (0x3038, 0x303B),   // more Hangzhou numerals, 〻
    (0x3041, 0x309F),   // Hiragana
    (0x30A1, 0x30FA),   // Katakana (not the middle dot ・)
    (0x30FC, 0x30FF),   // Katakana prolonged sound mark and iteration marks
    (0x3130, 0x318F),   // Hangul compatibility Jamo
    (0x31F0, 0x31FF),   // Katakana phonetic extensions
    (0x3400, 0x4DBF),   // CJK extension A
    (0x4E00, 0x9FFF),   // CJK unified ideographs
    (0xA960, 0xA97F),   // Hangul Jamo extended A
    (0xAC00, 0xD7FF),   // Hangul syllables, Jamo extended B
    (0xF900, 0xFAFF),   // CJK compatibility ideographs
    (0xFF66, 0xFF9F),   // halfwidth Katakana
    (0xFFA0, 0xFFDC),   // halfwidth Hangul
    (0x20000, 0x2FA1F), // CJK extensions B to F, compatibility supplement
    (0x30000, 0x323AF), // CJK extensions G and H
];

fn is_cjk(c: char) -> bool {
    let c = u32::from(c);
    // Most text is ASCII: answered without the list.
    c >= CJK_RANGES[0].0
        && CJK_RANGES
            .iter()
            .any(|&(first, last)| (first..=last).contains(&c))
}

/// The words of `text` as the index stores them and a query looks them up:
/// lower case; a run of letters and digits is a token, and an ASCII one
/// also each of its camelCase and digit parts (`TimeLimitReached42` →
/// `timelimitreached42`, `time`, `limit`, `reached`, `42`); a run of CJK
/// characters becomes its bigrams and its last character (`执行超时` →
/// `执行`, `行超`, `超时`, `时`), so Chinese is found without a dictionary.
/// `search.js`'s `tokens` does the same (`codegen/tests/search-tokens.json`).
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, &mut |token| out.push(token.to_owned()));
    out
}

/// [`tokens`], each lent to `found` in turn rather than collected: the
/// index keeps only the tokens it has not seen, and most it has.
fn each_token(text: &str, found: &mut impl FnMut(&str)) {
    let mut run = String::new();
    let mut scratch = String::new();
    let mut run_is_cjk = false;
    for c in text.chars() {
        let cjk = is_cjk(c);
        let word = !cjk && c.is_alphanumeric();
        if !run.is_empty() && (!(cjk || word) || cjk != run_is_cjk) {
            flush(&run, run_is_cjk, &mut scratch, found);
            run.clear();
        }
        if cjk || word {
            run.push(c);
            run_is_cjk = cjk;
        }
    }
    if !run.is_empty() {
        flush(&run, run_is_cjk, &mut scratch, found);
    }
}

/// The tokens of one run (see [`tokens`]), each written into `scratch` and
/// lent to `found`.
fn flush(run: &str, cjk: bool, scratch: &mut String, found: &mut impl FnMut(&str)) {
    if cjk {
        let mut chars = run.chars().peekable();
        while let Some(c) = chars.next() {
            scratch.clear();
            scratch.push(c);
            if let Some(&next) = chars.peek() {
                scratch.push(next);
            }
            found(scratch);
        }
        return;
    }
    let mut lend = |part: &str| {
        scratch.clear();
        if part.is_ascii() {
            scratch.push_str(part);
            scratch.make_ascii_lowercase();
        } else {
            // The string's rules, not each character's (a final sigma).
            scratch.push_str(&part.to_lowercase());
        }
        cut(scratch);
        found(scratch);
    };
    lend(run);
    if run.is_ascii() {
        let parts = ascii_parts(run);
        if parts.len() > 1 {
            parts.into_iter().for_each(lend);
        }
    }
}

fn cut(token: &mut String) {
    if let Some((end, _)) = token.char_indices().nth(MAX_TOKEN_CHARS) {
        token.truncate(end);
    }
}

/// An ASCII run of letters and digits cut where a digit run starts or ends,
/// where a lower-case letter meets an upper-case one, and before the last
/// capital of a run of capitals followed by a lower-case letter
/// (`HTTPServer` → `HTTP`, `Server`).
fn ascii_parts(run: &str) -> Vec<&str> {
    let bytes = run.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..bytes.len() {
        let (before, here) = (bytes[i - 1], bytes[i]);
        let next_lower = bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase);
        let cut = before.is_ascii_digit() != here.is_ascii_digit()
            || (before.is_ascii_lowercase() && here.is_ascii_uppercase())
            || (before.is_ascii_uppercase() && here.is_ascii_uppercase() && next_lower);
        if cut {
            parts.push(&run[start..i]);
            start = i;
        }
    }
    parts.push(&run[start..]);
    parts
}

/// What the search finds an entry by, one field a line: its code,
/// identifier, message and aliases, its texts in every language as plain
/// text, and its advice words in every language (a reader may paste a
/// phrase from another language's page).
pub(crate) fn searchable_text(model: &Model, entry: &Entry) -> String {
    let mut words = vec![
        entry.code.to_string(),
        entry.id.clone(),
        entry.message.clone(),
    ];
    words.extend(entry.aliases.iter().cloned());
    for text in entry.texts.iter().flatten() {
        words.push(plain_text(&text.description));
        words.extend(text.solution.as_deref().map(plain_text));
    }
    for language in &model.languages {
        for (label, word) in language.page.advice.of(entry) {
            words.push(format!("{label} {word}"));
        }
    }
    words.join("\n")
}

/// What the search finds a retired code by: its code, former identifier
/// and message, and why it was retired.
pub(crate) fn retired_searchable_text(code: &Retired) -> String {
    [
        code.code.to_string(),
        code.id.clone(),
        code.message.clone(),
        code.reason.clone(),
    ]
    .join("\n")
}

/// The text of Markdown without its markup, as a reader sees it, on one
/// line with single spaces: a space where a block or line ends, none where
/// a link or emphasis does.
pub(crate) fn plain_text(markdown: &str) -> String {
    if let Some(line) = plain_line(markdown) {
        return one_line(line);
    }
    let mut text = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(words) | Event::Code(words) => text.push_str(&words),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_),
            ) => text.push(' '),
            _ => {}
        }
    }
    one_line(&text)
}

/// An entry or retired code as the search holds it: its plain text is made
/// only while its tokens are collected ([`Searchable::text`]), so that the
/// index never holds every entry's text at once.
struct Searchable<'a> {
    code: u32,
    message: &'a str,
    source: Source<'a>,
}

#[derive(Clone, Copy)]
enum Source<'a> {
    Entry(&'a Entry),
    Retired(&'a Retired),
}

impl Searchable<'_> {
    fn retired(&self) -> bool {
        matches!(self.source, Source::Retired(_))
    }

    /// What the search matches queries against.
    fn text(&self, model: &Model) -> String {
        match self.source {
            Source::Entry(entry) => searchable_text(model, entry),
            Source::Retired(code) => retired_searchable_text(code),
        }
    }
}

/// Every entry and retired code, in code order (their ordinals).
fn searchables(model: &Model) -> Vec<Searchable<'_>> {
    let mut all: Vec<Searchable> = model
        .entries
        .iter()
        .map(|entry| Searchable {
            code: entry.code,
            message: &entry.message,
            source: Source::Entry(entry),
        })
        .chain(model.retired.iter().map(|code| Searchable {
            code: code.code,
            message: &code.message,
            source: Source::Retired(code),
        }))
        .collect();
    all.sort_by_key(|searchable| searchable.code);
    all
}

/// The search's files, where the site has range pages (a small catalog's
/// pages carry their index themselves: [`super::site`]). A renderer of its
/// own, so that it runs beside the pages rather than after them.
pub fn render(model: &Model, sink: &dyn Sink) -> Result<(), RenderError> {
    if model.has_range_pages() {
        render_index(model, sink)?;
    }
    Ok(())
}

/// Every file of the search, under `site/search/`, put into `sink` as each
/// is written. A result links to the page that holds its code
/// ([`Model::page_of`]), relative to a language's directory
/// (`codes/43.html`), with `#` and the code.
fn render_index(model: &Model, sink: &dyn Sink) -> Result<(), Stopped> {
    let searchables = searchables(model);
    // Hashed while collecting (tens of millions of tokens at 100,000
    // entries), sorted once after: the files follow the sorted order.
    let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
    for (ordinal, searchable) in (0u32..).zip(&searchables) {
        each_token(&searchable.text(model), &mut |token| {
            match postings.get_mut(token) {
                // Each entry once: ordinals only grow.
                Some(list) if list.last() == Some(&ordinal) => {}
                Some(list) => list.push(ordinal),
                None => {
                    postings.insert(token.to_owned(), vec![ordinal]);
                }
            }
        });
    }
    let mut postings: Vec<Posting> = postings
        .into_iter()
        .map(|(token, ordinals)| Posting {
            encoded: encode(&ordinals),
            chars: token.chars().count(),
            token,
            ordinals,
        })
        .collect();
    postings.sort_unstable_by(|a, b| a.token.cmp(&b.token));

    sink.put(GeneratedFile::new(
        format!("{DIR}/search.js"),
        format!("{}{CLIENT}", header::slashes()),
    ))?;
    let tree = Tree {
        entries: searchables.len(),
        sink,
        model,
        searchables: &searchables,
    };
    let (root, _) = tree.node("", 0, &postings)?;
    drop(postings);

    let retry: Vec<u32> = (0u32..)
        .zip(&searchables)
        .filter(|(_, searchable)| {
            !searchable.retired()
                && model
                    .entry(searchable.code)
                    .and_then(|entry| entry.retry)
                    .is_some_and(crate::advice::Retry::can_help)
        })
        .map(|(ordinal, _)| ordinal)
        .collect();
    let manifest = Manifest {
        entries: searchables.len(),
        block: BLOCK,
        block_codes: searchables
            .chunks(BLOCK)
            .map(|block| block[0].code)
            .collect(),
        retry: encode(&retry),
        tree: root,
    };
    sink.put(script("manifest", &manifest))?;

    for (number, block) in searchables.chunks(BLOCK).enumerate() {
        let mut pages: Vec<String> = Vec::new();
        let rows = block
            .iter()
            .map(|searchable| {
                let page = model.page_of(searchable.code).site_path();
                let at = pages.iter().position(|known| *known == page);
                let at = at.unwrap_or_else(|| {
                    pages.push(page);
                    pages.len() - 1
                });
                (
                    searchable.code,
                    searchable.message,
                    u8::from(searchable.retired()),
                    at,
                )
            })
            .collect::<Vec<_>>();
        let block = DisplayBlock { pages, rows };
        sink.put(script(&format!("e-{number}"), &block))?;
    }
    Ok(())
}

/// What the manifest says; see the module's comment.
#[derive(Serialize)]
struct Manifest {
    entries: usize,
    block: usize,
    block_codes: Vec<u32>,
    retry: String,
    tree: TreeNode,
}

/// Results' rows of one block: `[code, message, retired (0 or 1), index in
/// pages]`, by ordinal.
#[derive(Serialize)]
struct DisplayBlock<'a> {
    pages: Vec<String>,
    rows: Vec<(u32, &'a str, u8, usize)>,
}

/// A prefix of the tree: `1` for a leaf (its tokens are in `t-HEX.js`), or
/// the next characters that continue it, with `""` set to 1 where the
/// prefix has a union file `u-HEX.js` (where it has more than one
/// continuation, or is a token itself; otherwise its one continuation's
/// answer is its own).
#[derive(Serialize)]
#[serde(untagged)]
enum TreeNode {
    Leaf(u8),
    Split(BTreeMap<String, TreeNode>),
}

struct Posting {
    token: String,
    chars: usize,
    ordinals: Vec<u32>,
    encoded: String,
}

struct Tree<'a> {
    entries: usize,
    sink: &'a dyn Sink,
    model: &'a Model,
    searchables: &'a [Searchable<'a>],
}

/// What a result shows of an entry, with its ordinal: `[ordinal, code,
/// message, retired (0 or 1), page]`.
type Row<'a> = (u32, u32, &'a str, u8, String);

impl<'a> Tree<'a> {
    /// The node of `prefix` (`depth` characters) over `postings`, the tokens
    /// under it in order, writing its files; with the entries under it, as
    /// a bitmap of ordinals.
    fn node(
        &self,
        prefix: &str,
        depth: usize,
        postings: &[Posting],
    ) -> Result<(TreeNode, Vec<u64>), Stopped> {
        // Measured before it is written: most prefixes near the root are
        // far over the bound, and writing them would cost more than the rest.
        let estimate: usize = postings
            .iter()
            .map(|posting| {
                let rows = if posting.ordinals.len() <= SHOWN {
                    posting.ordinals.len() * 48
                } else {
                    0
                };
                posting.token.len() + posting.encoded.len() + 6 + rows
            })
            .sum();
        // A prefix is split no deeper than its file's name allows (a name
        // of 255 bytes at most on common filesystems): its leaf may then
        // pass the bound.
        let deepest = prefix.len() >= MAX_PREFIX_BYTES;
        if depth > 0 && (postings.len() <= 1 || estimate <= 2 * SHARD_BOUND || deepest) {
            let mut near: Vec<u32> = postings
                .iter()
                .filter(|posting| posting.ordinals.len() <= SHOWN)
                .flat_map(|posting| posting.ordinals.iter().copied())
                .collect();
            near.sort_unstable();
            near.dedup();
            let leaf = Leaf {
                t: postings
                    .iter()
                    .map(|posting| (suffix(&posting.token, depth), posting.encoded.as_str()))
                    .collect(),
                r: self.rows(&near),
            };
            let name = format!("t-{}", hex(prefix));
            let file = script(&name, &leaf);
            if postings.len() <= 1 || file.contents.len() <= SHARD_BOUND || deepest {
                self.sink.put(file)?;
                let mut union = self.bitmap();
                for posting in postings {
                    set_all(&mut union, &posting.ordinals);
                }
                return Ok((TreeNode::Leaf(1), union));
            }
        }
        let mut union = self.bitmap();
        let mut children = BTreeMap::new();
        let mut own_token = false;
        let mut rest = postings;
        // Sorted tokens: the prefix itself first, then each continuation's
        // tokens together.
        while let Some(first) = rest.first() {
            if first.chars == depth {
                own_token = true;
                set_all(&mut union, &first.ordinals);
                rest = &rest[1..];
                continue;
            }
            let next = first.token.chars().nth(depth).unwrap_or_default();
            let child: String = first.token.chars().take(depth + 1).collect();
            let end = rest
                .iter()
                .position(|posting| !posting.token.starts_with(&child))
                .unwrap_or(rest.len());
            let (node, child_union) = self.node(&child, depth + 1, &rest[..end])?;
            for (word, child_word) in union.iter_mut().zip(child_union) {
                *word |= child_word;
            }
            children.insert(next.to_string(), node);
            rest = &rest[end..];
        }
        if depth > 0 && (own_token || children.len() > 1) {
            let ordinals = ordinals_of(&union);
            let name = format!("u-{}", hex(prefix));
            let file = Union {
                o: encode(&ordinals),
                r: self.rows(&ordinals[..ordinals.len().min(SHOWN)]),
            };
            self.sink.put(script(&name, &file))?;
            children.insert(String::new(), TreeNode::Leaf(1));
        }
        Ok((TreeNode::Split(children), union))
    }

    fn bitmap(&self) -> Vec<u64> {
        vec![0; self.entries.div_ceil(64)]
    }

    /// The rows a result shows of these entries.
    fn rows(&self, ordinals: &[u32]) -> Vec<Row<'a>> {
        ordinals
            .iter()
            .filter_map(|&ordinal| {
                let searchable = self.searchables.get(ordinal as usize)?;
                Some((
                    ordinal,
                    searchable.code,
                    searchable.message,
                    u8::from(searchable.retired()),
                    self.model.page_of(searchable.code).site_path(),
                ))
            })
            .collect()
    }
}

/// A leaf: its tokens' postings, and the rows of its tokens of few entries.
#[derive(Serialize)]
struct Leaf<'a> {
    t: BTreeMap<String, &'a str>,
    r: Vec<Row<'a>>,
}

/// A split prefix's union: every entry under it, and its first rows.
#[derive(Serialize)]
struct Union<'a> {
    o: String,
    r: Vec<Row<'a>>,
}

fn suffix(token: &str, depth: usize) -> String {
    token.chars().skip(depth).collect()
}

fn set_all(bitmap: &mut [u64], ordinals: &[u32]) {
    for &ordinal in ordinals {
        bitmap[ordinal as usize / 64] |= 1 << (ordinal % 64);
    }
}

fn ordinals_of(bitmap: &[u64]) -> Vec<u32> {
    (0u32..)
        .zip(bitmap)
        .flat_map(|(word_index, &word)| {
            (0..64)
                .filter(move |bit| word & (1 << bit) != 0)
                .map(move |bit| word_index * 64 + bit)
        })
        .collect()
}

/// The 64 characters postings are written in: JSON- and JS-safe, and
/// `search.js` decodes them by position.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Ascending ordinals, written whichever way is shorter: `d` and the gaps
/// (the first ordinal, then each difference less one) as varints, or `b`,
/// the first ordinal's group of six as a varint, then a bitmap from there,
/// six ordinals a character, lowest bit first.
fn encode(ordinals: &[u32]) -> String {
    let mut gaps = String::from("d");
    let mut previous: Option<u32> = None;
    for &ordinal in ordinals {
        let gap = previous.map_or(ordinal, |previous| ordinal - previous - 1);
        push_varint(&mut gaps, gap);
        previous = Some(ordinal);
    }
    let Some(&first) = ordinals.first() else {
        return gaps;
    };
    // A bitmap is at least a sixth of the span: skip building one that cannot win.
    let span = (ordinals[ordinals.len() - 1] - first / 6 * 6) as usize + 1;
    if span / 6 >= gaps.len() {
        return gaps;
    }
    let mut bits = vec![0u8; span.div_ceil(6)];
    for &ordinal in ordinals {
        let at = (ordinal - first / 6 * 6) as usize;
        bits[at / 6] |= 1 << (at % 6);
    }
    let mut bitmap = String::from("b");
    push_varint(&mut bitmap, first / 6);
    bitmap.extend(bits.iter().map(|&six| char::from(DIGITS[usize::from(six)])));
    if bitmap.len() < gaps.len() {
        bitmap
    } else {
        gaps
    }
}

/// Five bits a character, most significant first: the last from the first
/// half of [`DIGITS`], the others from the second half.
fn push_varint(out: &mut String, value: u32) {
    let mut groups = vec![value & 31];
    let mut rest = value >> 5;
    while rest > 0 {
        groups.push(32 + (rest & 31));
        rest >>= 5;
    }
    out.extend(
        groups
            .iter()
            .rev()
            .map(|&group| char::from(DIGITS[group as usize])),
    );
}

/// Lower-case hex of the UTF-8: a file name safe on any file system,
/// case-insensitive ones included.
fn hex(prefix: &str) -> String {
    prefix.bytes().map(|byte| format!("{byte:02x}")).collect()
}

/// `statusCodeSearch.shard("NAME", DATA);`, as a script file whatever DATA
/// holds: JSON with `<` and the line separators JavaScript once read as line
/// ends escaped, so that no text ends a script or breaks its literal.
fn script(name: &str, data: &impl Serialize) -> GeneratedFile {
    let json = serde_json::to_string(data).unwrap_or_default();
    GeneratedFile::new(
        format!("{DIR}/{name}.js"),
        format!(
            "statusCodeSearch.shard({}, {});\n",
            js_safe(&serde_json::to_string(name).unwrap_or_default()),
            js_safe(&json)
        ),
    )
}

fn js_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;
    use crate::output::Collected;

    #[test]
    fn the_client_lists_as_many_results_as_a_file_carries_rows_for() {
        assert!(
            CLIENT.contains(&format!("const SHOWN = {SHOWN};")),
            "search.js's SHOWN is not search.rs's"
        );
    }

    /// Every file of the search, sorted by path.
    fn files(model: &Model) -> Vec<GeneratedFile> {
        let files = Collected::default();
        render(model, &files).expect("collecting never stops");
        files.into_sorted()
    }

    /// `minimal.yaml`'s model with `count` more entries made from its
    /// second, each with its own identifier, message and words.
    fn model_of(count: u32) -> Model {
        let source = include_str!("../../tests/fixtures/minimal.yaml");
        let mut model = crate::check(source.as_bytes())
            .expect("minimal loads")
            .model;
        let template = model.entries[1].clone();
        for n in 0..count {
            let mut entry = template.clone();
            entry.code = 1_000 + n;
            entry.id = format!(
                "Generated{}Failure{n}",
                ["Network", "Memory", "Disk"][n as usize % 3]
            );
            entry.message = format!("GeneratedFailure{n}");
            entry.texts = vec![
                Some(Text::new(
                    format!(
                        "Request {n} failed: the **quota** of step {} ran out.",
                        n % 7
                    ),
                    Some(format!("Try [again](https://example.com/{n}).")),
                )),
                Some(Text::new(format!("第 {n} 个请求失败，执行超时。"), None)),
            ];
            entry.retry = (n % 5 == 0).then_some(crate::advice::Retry::WithBackoff);
            model.entries.push(entry);
        }
        model
    }

    /// The name and data of a file `script` wrote.
    fn parse(file: &GeneratedFile) -> (String, serde_json::Value) {
        let call = file
            .contents
            .strip_prefix("statusCodeSearch.shard(")
            .and_then(|rest| rest.strip_suffix(");\n"))
            .expect("one call");
        let (name, data) = call.split_once(", ").expect("name and data");
        (
            serde_json::from_str(name).expect("a name"),
            serde_json::from_str(data).expect("JSON data"),
        )
    }

    fn decode(posting: &str) -> Vec<u32> {
        let value = |byte: u8| DIGITS.iter().position(|&digit| digit == byte).unwrap() as u32;
        let bytes = posting.as_bytes();
        let varint = |at: &mut usize| {
            let mut number = 0;
            loop {
                let digit = value(bytes[*at]);
                *at += 1;
                if digit < 32 {
                    return number * 32 + digit;
                }
                number = number * 32 + digit - 32;
            }
        };
        let mut at = 1;
        let mut ordinals = Vec::new();
        if bytes[0] == b'd' {
            let mut next = 0;
            while at < bytes.len() {
                let ordinal = next + varint(&mut at);
                ordinals.push(ordinal);
                next = ordinal + 1;
            }
        } else {
            let start = varint(&mut at) * 6;
            for (k, &six) in (0u32..).zip(&bytes[at..]) {
                let six = value(six);
                ordinals.extend(
                    (0..6)
                        .filter(|bit| six & (1 << bit) != 0)
                        .map(|bit| start + k * 6 + bit),
                );
            }
        }
        ordinals
    }

    /// What `search.js` answers for one query token, read from the files
    /// as it reads them: the leaf or union file the tree leads to.
    /// What a query token finds as `search.js` reads the files: the
    /// entries, how many files it loaded, the rows the word's file carries
    /// (by ordinal), and whether that file was a union.
    fn lookup(
        files: &BTreeMap<String, serde_json::Value>,
        token: &str,
    ) -> (Vec<u32>, usize, BTreeMap<u64, serde_json::Value>, bool) {
        let mut loads = 1; // the manifest
        let mut node = &files["manifest"]["tree"];
        let chars: Vec<char> = token.chars().collect();
        let mut prefix = String::new();
        let rows_of = |file: &serde_json::Value| -> BTreeMap<u64, serde_json::Value> {
            file["r"]
                .as_array()
                .unwrap()
                .iter()
                .map(|row| (row[0].as_u64().unwrap(), row.clone()))
                .collect()
        };
        let from_leaf = |prefix: &str, rest: &str, loads: &mut usize| {
            *loads += 1;
            let file = &files[&format!("t-{}", hex(prefix))];
            let mut found: Vec<u32> = file["t"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(suffix, _)| suffix.starts_with(rest))
                .flat_map(|(_, posting)| decode(posting.as_str().unwrap()))
                .collect();
            found.sort_unstable();
            found.dedup();
            (found, rows_of(file))
        };
        for (i, c) in chars.iter().enumerate() {
            let Some(child) = node.get(c.to_string()) else {
                return (Vec::new(), loads, BTreeMap::new(), false);
            };
            prefix.push(*c);
            if child == 1 {
                let rest: String = chars[i + 1..].iter().collect();
                let (found, rows) = from_leaf(&prefix, &rest, &mut loads);
                return (found, loads, rows, false);
            }
            node = child;
        }
        while node.get("") != Some(&serde_json::json!(1)) {
            let (next, child) = node.as_object().unwrap().iter().next().unwrap();
            prefix.push_str(next);
            node = child;
            if node == 1 {
                let (found, rows) = from_leaf(&prefix, "", &mut loads);
                return (found, loads, rows, false);
            }
        }
        let union = &files[&format!("u-{}", hex(&prefix))];
        (
            decode(union["o"].as_str().unwrap()),
            loads + 1,
            rows_of(union),
            true,
        )
    }

    #[test]
    fn tokens_are_those_search_js_must_give_too() {
        #[derive(serde::Deserialize)]
        struct Case {
            text: String,
            tokens: Vec<String>,
        }
        let cases: Vec<Case> =
            serde_json::from_str(include_str!("../../tests/search-tokens.json")).unwrap();
        for case in cases {
            assert_eq!(tokens(&case.text), case.tokens, "tokens of {:?}", case.text);
        }
    }

    #[test]
    fn search_js_reads_cjk_and_the_count_placeholder_as_this_module_does() {
        let class: String = CJK_RANGES
            .iter()
            .map(|(first, last)| format!("\\u{{{first:X}}}-\\u{{{last:X}}}"))
            .collect();
        assert!(
            CLIENT.contains(&format!("const CJK = /[{class}]/u;")),
            "search.js's CJK must be /[{class}]/u"
        );
        assert!(CLIENT.contains(&format!(
            ".split(\"{}\")",
            crate::catalog::COUNT_PLACEHOLDER
        )));
        assert!(CLIENT.contains(&format!("const MAX_TOKEN_CHARS = {MAX_TOKEN_CHARS};")));
        assert!(CLIENT.contains(&format!(
            "const DIGITS = \"{}\";",
            std::str::from_utf8(DIGITS).unwrap()
        )));
    }

    #[test]
    fn postings_round_trip_in_whichever_form_is_shorter() {
        for ordinals in [
            vec![],
            vec![0],
            vec![5, 6, 7, 1_000_000],
            (0..5000).collect(),
            (3..5000).step_by(2).collect::<Vec<u32>>(),
            (7..100_000).step_by(97).collect(),
        ] {
            let encoded = encode(&ordinals);
            assert_eq!(decode(&encoded), ordinals, "{encoded}");
        }
        assert!(encode(&(0..5000).collect::<Vec<_>>()).starts_with('b'));
        assert!(encode(&[3, 900, 4000]).starts_with('d'));
    }

    #[test]
    fn every_query_token_finds_by_prefix_from_files_under_the_bound() {
        let model = model_of(3_000);
        let written = files(&model);
        let mut by_name = BTreeMap::new();
        for file in &written {
            assert!(file.path.starts_with("site/search/"), "{}", file.path);
            if file.path.ends_with("search.js") {
                continue;
            }
            let (name, data) = parse(file);
            assert_eq!(file.path, format!("site/search/{name}.js"));
            // One token to a leaf may be larger; none is here.
            if name.starts_with("t-") {
                assert!(
                    file.contents.len() <= SHARD_BOUND,
                    "{name}: {}",
                    file.contents.len()
                );
            }
            by_name.insert(name, data);
        }
        assert!(
            by_name.keys().any(|name| name.starts_with("u-")),
            "some prefix split"
        );
        // By brute force: the entries with a token the query token begins.
        let texts: Vec<Vec<String>> = searchables(&model)
            .iter()
            .map(|searchable| tokens(&searchable.text(&model)))
            .collect();
        let (mut saw_union, mut saw_few) = (false, false);
        for token in [
            "g",
            "ge",
            "generatedn",
            "generatednetworkfailure12",
            "1",
            "1234",
            "quota",
            "q",
            "请",
            "执行",
            "zzz",
            "超时x",
        ] {
            let expected: Vec<u32> = (0u32..)
                .zip(&texts)
                .filter(|(_, words)| words.iter().any(|word| word.starts_with(token)))
                .map(|(ordinal, _)| ordinal)
                .collect();
            let (found, loads, rows, union) = lookup(&by_name, token);
            assert_eq!(found, expected, "{token}");
            assert!(loads <= 2, "{token}: {loads} files");
            // Each row a word's file carries is its display block's.
            for (ordinal, row) in &rows {
                let block = &by_name[&format!("e-{}", ordinal / BLOCK as u64)];
                let shown = &block["rows"][(ordinal % BLOCK as u64) as usize];
                let page = &block["pages"][shown[3].as_u64().unwrap() as usize];
                assert_eq!(
                    row,
                    &serde_json::json!([ordinal, shown[0], shown[1], shown[2], page]),
                    "{token}"
                );
            }
            // A union, or tokens of few entries each: the first results
            // need no block.
            let few_each = texts
                .iter()
                .flatten()
                .filter(|word| word.starts_with(token))
                .all(|word| texts.iter().filter(|words| words.contains(word)).count() <= SHOWN);
            saw_union |= union;
            saw_few |= few_each && !union && !found.is_empty();
            if union || few_each {
                for ordinal in found.iter().take(SHOWN) {
                    assert!(
                        rows.contains_key(&u64::from(*ordinal)),
                        "{token}: no row for {ordinal}"
                    );
                }
            }
        }
        assert!(saw_union && saw_few, "both kinds of file were read");
        // The display rows: code order, retired codes among them.
        let first = &by_name["e-0"];
        assert_eq!(first["rows"][0], serde_json::json!([200, "Success", 0, 0]));
        assert_eq!(first["pages"][0], "codes/2.html");
        let retry = decode(by_name["manifest"]["retry"].as_str().unwrap());
        assert_eq!(retry.len(), 600);
    }

    #[test]
    fn the_same_catalog_gives_the_same_bytes() {
        let model = model_of(500);
        assert_eq!(files(&model), files(&model));
    }

    #[test]
    fn no_file_name_is_too_long_for_a_filesystem_whatever_the_words() {
        // Thousands of words of a 4-byte script sharing a long prefix: split
        // by prefix as deep as their postings would need, their files' names
        // would pass 255 bytes.
        let mut model = model_of(0);
        let template = model.entries[1].clone();
        let stem: String = std::iter::repeat_n('\u{1E900}', 36).collect();
        for n in 0..3_000u32 {
            let mut entry = template.clone();
            entry.code = 1_000 + n;
            entry.id = format!("Deep{n}");
            entry.message = format!("Deep{n}");
            let words: Vec<String> = (0..8)
                .map(|k| {
                    let tail: String = format!("{:04}", n * 8 + k)
                        .chars()
                        .map(|digit| char::from_u32(0x1E922 + digit.to_digit(10).unwrap()).unwrap())
                        .collect();
                    format!("{stem}{tail}")
                })
                .collect();
            entry.texts = vec![Some(Text::new(words.join(" "), None)), None];
            model.entries.push(entry);
        }
        for file in files(&model) {
            let name = file.path.rsplit('/').next().unwrap();
            assert!(name.len() <= 255, "{} bytes: {name}", name.len());
        }
    }

    #[test]
    fn no_text_breaks_out_of_its_script() {
        let mut model = model_of(1);
        let hostile = "</script><script>alert(1)</script>\u{2028}\u{2029}\"); alert(2); (\"\\";
        model.entries[0].message = hostile.to_owned();
        model.retired.push(Retired {
            code: 999,
            id: "Gone".to_owned(),
            message: hostile.to_owned(),
            since: "1.0.0".parse().unwrap(),
            reason: hostile.to_owned(),
            replaced_by: None,
        });
        for file in files(&model) {
            if file.path.ends_with("search.js") {
                continue;
            }
            for forbidden in ["<", "\u{2028}", "\u{2029}"] {
                assert!(!file.contents.contains(forbidden), "{}", file.path);
            }
            // The whole file is one call whose arguments are JSON.
            let (_, data) = parse(&file);
            if file.path.ends_with("e-0.js") {
                let rows = data["rows"].as_array().unwrap();
                let gone = rows.iter().find(|row| row[0] == 999).unwrap();
                assert_eq!((&gone[1], &gone[2]), (&hostile.into(), &1.into()));
            }
        }
    }
}
