//! What a reader of the generated site gets, at one size: each page a
//! reader lands on, in headless Chromium (`xtask/js/site-measure.mjs`,
//! which prints its figures as JSON, read here by `read_measurements`), and
//! the files `gen` wrote (`weigh`).
//!
//! It runs what `cargo xtask test` installs once: the JavaScript tools of
//! `xtask/js` (`npm ci`, for puppeteer-core) and Debian's `chromium`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use codegen::model::{Model, PageId};
use serde_json::Value;

use crate::bench::Bench;
use crate::figures::{Landing, LandingKind, Output, Site, Tally, Timed, Typed};
use crate::generation;
use crate::measure::{file_sizes, stdout_within};

/// A page not usable by then is reported as such, and not typed into.
pub const LOAD_TIMEOUT: Duration = Duration::from_secs(120);
/// A keystroke not answered by then ends the typing on its page.
pub const KEYSTROKE_TIMEOUT: Duration = Duration::from_secs(30);

pub fn measure(bench: &Bench, size: usize) -> Result<Site, String> {
    let out = generation::outputs(bench, size)?;
    let output = weigh(&out, &file_sizes(&out)?);
    let (script, chromium) = tools(&bench.root)?;
    let model = bench.load(size)?;
    let (anchor, queries) = landing_queries(&model)
        .ok_or_else(|| format!("error: the catalog of {size} entries has no entry"))?;
    let landings = landings(&model, anchor);
    let runs = bench.reader_runs(size);
    // The script bounds every load and keystroke; this bounds the script,
    // should it hang anyway.
    let keystrokes: u32 = (queries.iter())
        .map(|query| query.chars().count() as u32 + 1)
        .sum();
    let landing = LOAD_TIMEOUT + KEYSTROKE_TIMEOUT * 2 * keystrokes + Duration::from_secs(60);
    let limit = landing * (landings.len() * runs) as u32 + Duration::from_secs(120);
    let stdout = stdout_within(
        Command::new("node")
            .arg(script)
            .arg(out.join("site"))
            .arg(chromium)
            .arg(runs.to_string())
            .arg(LOAD_TIMEOUT.as_secs().to_string())
            .arg(KEYSTROKE_TIMEOUT.as_secs().to_string())
            .arg(serde_json::json!(landings).to_string())
            .arg(serde_json::json!(queries).to_string()),
        limit,
    )?;
    // Kept for whoever wants every run's figures, not only the medians.
    let raw = bench.work.join(format!("site-{size}.json"));
    fs::write(&raw, &stdout).map_err(|error| format!("error: {}: {error}", raw.display()))?;
    let (browser, pages) = read_measurements(&stdout, &queries)?;
    Ok(Site {
        browser,
        pages,
        output,
    })
}

/// The measuring script, and Chromium.
fn tools(root: &Path) -> Result<(PathBuf, PathBuf), String> {
    let js = root.join("xtask/js");
    let chromium = ["chromium", "chromium-browser"].iter().find_map(|name| {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .ok()
            .filter(|output| output.status.success())?;
        Some(PathBuf::from(String::from_utf8_lossy(&found.stdout).trim()))
    });
    match chromium {
        Some(chromium) if js.join("node_modules/puppeteer-core").is_dir() => {
            Ok((js.join("site-measure.mjs"), chromium))
        }
        _ => Err(
            "error: the site is measured in Debian's chromium with puppeteer-core from xtask/js/node_modules; \
             `cargo xtask test` installs both: run it once, then the bench again"
                .to_owned(),
        ),
    }
}

/// The pages a reader lands on, in each language: the index, the index
/// with `anchor` (a link people already have, which an index with range
/// pages sends on), and the page that holds `anchor` (the index itself
/// while every code is on it).
fn landings(model: &Model, anchor: u32) -> Vec<Value> {
    let mut landings = Vec::new();
    for language in &model.languages {
        let tag = language.tag.as_str();
        let index = Model::site_page(tag, PageId::Index);
        let own = Model::site_page(tag, model.page_of(anchor));
        for (kind, path) in [
            (LandingKind::Index, index.clone()),
            (LandingKind::Anchored, format!("{index}#{anchor}")),
            (LandingKind::CodePage, format!("{own}#{anchor}")),
        ] {
            landings.push(serde_json::json!({ "tag": tag, "kind": kind.name(), "path": path }));
        }
    }
    landings
}

/// The code whose anchor a reader lands on, in the middle of the catalog,
/// and what to type: the longest word of an English text (the first
/// language's where the catalog has no English; its message where the
/// description has no word), the middle entry's identifier, four Chinese
/// characters of a Chinese text where the catalog has one, and the code.
fn landing_queries(model: &Model) -> Option<(u32, Vec<String>)> {
    let middle = model.entries.len() / 2;
    let entry = model.entries.get(middle)?;
    let nearest_text = |tag: &str| {
        let language = model.languages.iter().position(|l| l.tag == tag)?;
        (0..model.entries.len())
            .flat_map(|distance| [middle.checked_sub(distance), Some(middle + distance)])
            .flatten()
            .filter_map(|index| model.entries.get(index))
            .find_map(|entry| entry.text(language).map(|text| (entry, text)))
    };
    let word = match nearest_text("en").or_else(|| nearest_text(&model.primary().tag)) {
        Some((entry, text)) => longest_word(&text.description).unwrap_or(&entry.message),
        None => &entry.message,
    };
    let mut queries = vec![word.to_owned(), entry.id.clone()];
    queries.extend(nearest_text("zh").and_then(|(_, text)| chinese_phrase(&text.description)));
    queries.push(entry.code.to_string());
    Some((entry.code, queries))
}

/// The first four Chinese characters in a row of `text`.
fn chinese_phrase(text: &str) -> Option<String> {
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    text.split(|c: char| !is_han(c))
        .find(|run| run.chars().count() >= 4)
        .map(|run| run.chars().take(4).collect())
}

/// The longest word of `text` written in ASCII letters alone (a link, a
/// number or a word with other characters is none), the first of equals.
fn longest_word(text: &str) -> Option<&str> {
    (text.split_whitespace())
        .map(|word| word.trim_matches(|c: char| ".,;:!?\"'()*_`".contains(c)))
        .filter(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphabetic()))
        .fold(None, |longest: Option<&str>, word| match longest {
            Some(longest) if longest.len() >= word.len() => Some(longest),
            _ => Some(word),
        })
}

/// The files under `out` (`sizes`, by path) tallied: all, under `site/`,
/// under `docs/`, and the largest Markdown file.
fn weigh(out: &Path, sizes: &BTreeMap<PathBuf, u64>) -> Output {
    let mut output = Output {
        all: Tally::default(),
        site: Tally::default(),
        docs: Tally::default(),
        largest_markdown: None,
    };
    for (path, &bytes) in sizes {
        let relative = path.strip_prefix(out).unwrap_or(path);
        let count = |tally: &mut Tally| {
            tally.files += 1;
            tally.bytes += bytes;
        };
        count(&mut output.all);
        if relative.starts_with("site") {
            count(&mut output.site);
        } else if relative.starts_with("docs") {
            count(&mut output.docs);
        }
        let is_larger = |(_, largest): &(String, u64)| bytes > *largest;
        if relative
            .extension()
            .is_some_and(|extension| extension == "md")
            && output.largest_markdown.as_ref().is_none_or(is_larger)
        {
            let name = (relative.iter())
                .map(|part| part.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            output.largest_markdown = Some((name, bytes));
        }
    }
    output
}

/// The figures `site-measure.mjs` printed (see its header), each page's runs
/// reduced to one figure each: the most bytes, the median time to usable,
/// the median of the runs' slowest keystroke for each of `queries`, the
/// median number of elements. The browser's name comes first.
fn read_measurements(json: &str, queries: &[String]) -> Result<(String, Vec<Landing>), String> {
    let unreadable = |what: &str| format!("error: cannot read site-measure.mjs's figures: {what}");
    let value: Value =
        serde_json::from_str(json).map_err(|error| unreadable(&error.to_string()))?;
    let millis = |value: &Value, what: &str| {
        (value.as_f64())
            .filter(|ms| *ms >= 0.0)
            .map(|ms| Duration::from_secs_f64(ms / 1000.0))
            .ok_or_else(|| unreadable(what))
    };
    let browser = value["browser"]
        .as_str()
        .ok_or_else(|| unreadable("browser"))?;
    let load_timeout = millis(&value["timeoutMs"], "timeoutMs")?;
    let keystroke_timeout = millis(&value["keystrokeTimeoutMs"], "keystrokeTimeoutMs")?;
    let pages = value["pages"]
        .as_array()
        .ok_or_else(|| unreadable("pages"))?;
    let mut landings = Vec::with_capacity(pages.len());
    for page in pages {
        let tag = page["tag"].as_str().ok_or_else(|| unreadable("tag"))?;
        let text = |field: &str| {
            page[field]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| unreadable(&format!("{tag}: {field}")))
        };
        let kind = text("kind")?;
        let kind = LandingKind::from_name(&kind)
            .ok_or_else(|| unreadable(&format!("{tag}: kind {kind}")))?;
        let runs = (page["runs"].as_array())
            .filter(|runs| !runs.is_empty())
            .ok_or_else(|| unreadable(&format!("{tag}: runs")))?;
        let count = |run: &Value, field: &str| {
            run[field]
                .as_u64()
                .ok_or_else(|| unreadable(&format!("{tag}: {field}")))
        };
        let mut usable = Vec::new();
        let mut elements = Vec::new();
        let (mut bytes, mut responses) = (0, 0);
        let mut slowest: Vec<Vec<Timed>> = vec![Vec::new(); queries.len()];
        for run in runs {
            bytes = bytes.max(count(run, "bytes")?);
            responses = responses.max(count(run, "responses")?);
            usable.push(match &run["usableMs"] {
                Value::Null => Timed::Over(load_timeout),
                ms => Timed::Within(millis(ms, "usableMs")?),
            });
            elements.extend(run["elements"].as_u64());
            let typed = run["queries"].as_array().map_or(&[][..], Vec::as_slice);
            for (index, query) in typed.iter().enumerate().take(queries.len()) {
                let keystrokes = (query["keystrokesMs"].as_array())
                    .ok_or_else(|| unreadable(&format!("{tag}: keystrokesMs")))?;
                let mut times = Vec::with_capacity(keystrokes.len());
                for keystroke in keystrokes {
                    times.push(millis(keystroke, "keystrokesMs")?);
                }
                if query["timedOut"].as_bool() == Some(true) {
                    slowest[index].push(Timed::Over(keystroke_timeout));
                } else if let Some(time) = times.into_iter().max() {
                    slowest[index].push(Timed::Within(time));
                }
            }
        }
        landings.push(Landing {
            tag: tag.to_owned(),
            kind,
            path: text("path")?,
            ended_on: page["endedOn"].as_str().map(str::to_owned),
            runs: runs.len(),
            bytes,
            gzip_bytes: count(page, "gzipBytes")?,
            responses: usize::try_from(responses).unwrap_or(usize::MAX),
            usable: median_by(usable, |time| time.order()).unwrap_or(Timed::Over(load_timeout)),
            elements: median_by(elements, |elements| *elements),
            queries: (queries.iter().zip(slowest))
                .map(|(text, slowest)| Typed {
                    text: text.clone(),
                    slowest: median_by(slowest, |time| time.order()),
                })
                .collect(),
        });
    }
    Ok((browser.to_owned(), landings))
}

/// The middle value by `key` (the higher of the two middle ones, as
/// `measure::median`); `None` when there is none.
fn median_by<T, K: Ord>(mut values: Vec<T>, key: impl Fn(&T) -> K) -> Option<T> {
    values.sort_by_key(key);
    let middle = values.len() / 2;
    values.into_iter().nth(middle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(millis: u64) -> Duration {
        Duration::from_millis(millis)
    }

    fn queries() -> Vec<String> {
        vec!["invocation".to_owned(), "6000".to_owned()]
    }

    /// Three runs of one page, as the script prints them.
    const THREE_RUNS: &str = r#"{"browser":"Chrome/156.0.8078.114","timeoutMs":120000,"keystrokeTimeoutMs":30000,"pages":[
      {"tag":"en","kind":"index with a code's anchor","path":"en/index.html#6000","endedOn":"en/index.html","gzipBytes":1200,"runs":[
        {"bytes":10000,"responses":1,"blocked":0,"loadMs":90,"shownMs":80,"usableMs":90,"elements":600,
         "queries":[{"text":"invocation","keystrokesMs":[3,9,4],"timedOut":false},{"text":"6000","keystrokesMs":[2,1],"timedOut":false}]},
        {"bytes":10000,"responses":1,"blocked":0,"loadMs":50,"shownMs":70,"usableMs":70,"elements":600,
         "queries":[{"text":"invocation","keystrokesMs":[5,2],"timedOut":false},{"text":"6000","keystrokesMs":[8,1],"timedOut":false}]},
        {"bytes":10000,"responses":1,"blocked":0,"loadMs":60,"shownMs":50,"usableMs":60,"elements":601,
         "queries":[{"text":"invocation","keystrokesMs":[1,1],"timedOut":false},{"text":"6000","keystrokesMs":[3,1],"timedOut":false}]}
      ]}]}"#;

    #[test]
    fn each_figure_of_a_page_is_the_median_run_and_its_bytes_the_most() {
        let (browser, pages) = read_measurements(THREE_RUNS, &queries()).unwrap();
        assert_eq!(browser, "Chrome/156.0.8078.114");
        let [page] = &pages[..] else {
            panic!("one page")
        };
        assert_eq!(
            (page.tag.as_str(), page.kind, page.path.as_str()),
            ("en", LandingKind::Anchored, "en/index.html#6000")
        );
        assert_eq!(
            (page.runs, page.bytes, page.gzip_bytes, page.responses),
            (3, 10_000, 1_200, 1)
        );
        // Usable: 90, 70, 60 ms; the middle one.
        assert_eq!(page.usable, Timed::Within(ms(70)));
        assert_eq!(page.elements, Some(600));
        // The runs' slowest: 9, 5, 1 ms typing the word; 2, 8, 3 the code.
        let slowest: Vec<_> = page
            .queries
            .iter()
            .map(|typed| (typed.text.as_str(), typed.slowest))
            .collect();
        assert_eq!(
            slowest,
            [
                ("invocation", Some(Timed::Within(ms(5)))),
                ("6000", Some(Timed::Within(ms(3))))
            ]
        );
        assert_eq!(page.slowest_keystroke(), Some(Timed::Within(ms(5))));
    }

    #[test]
    fn a_page_never_usable_is_over_the_timeout_and_has_nothing_typed() {
        let json = r#"{"browser":"Chrome/1","timeoutMs":120000,"keystrokeTimeoutMs":30000,"pages":[
          {"tag":"zh","kind":"index","path":"zh/index.html","endedOn":null,"gzipBytes":9,"runs":[
            {"bytes":104657220,"responses":1,"blocked":0,"loadMs":null,"shownMs":null,"usableMs":null,"elements":null,"queries":[]}]}]}"#;
        let (_, pages) = read_measurements(json, &queries()).unwrap();
        let page = &pages[0];
        assert_eq!(page.kind, LandingKind::Index);
        assert_eq!(page.usable, Timed::Over(ms(120_000)));
        assert_eq!(page.elements, None);
        assert!(page.queries.iter().all(|typed| typed.slowest.is_none()));
        assert_eq!(page.slowest_keystroke(), None);
    }

    #[test]
    fn a_keystroke_unanswered_is_over_its_timeout_and_the_next_query_not_typed() {
        let json = r#"{"browser":"Chrome/1","timeoutMs":120000,"keystrokeTimeoutMs":30000,"pages":[
          {"tag":"en","kind":"index","path":"en/index.html","endedOn":"en/index.html","gzipBytes":9,"runs":[
            {"bytes":9,"responses":1,"blocked":0,"loadMs":5,"shownMs":4,"usableMs":5,"elements":9,
             "queries":[{"text":"invocation","keystrokesMs":[20000],"timedOut":true}]}]}]}"#;
        let (_, pages) = read_measurements(json, &queries()).unwrap();
        let slowest: Vec<_> = pages[0].queries.iter().map(|typed| typed.slowest).collect();
        assert_eq!(slowest, [Some(Timed::Over(ms(30_000))), None]);
        assert_eq!(pages[0].slowest_keystroke(), Some(Timed::Over(ms(30_000))));
    }

    #[test]
    fn figures_that_cannot_be_read_say_which() {
        let error = |json| read_measurements(json, &queries()).unwrap_err();
        assert_eq!(
            error("site-measure: Chromium did not start"),
            "error: cannot read site-measure.mjs's figures: expected value at line 1 column 1"
        );
        assert_eq!(
            error(
                r#"{"browser":"Chrome/1","timeoutMs":1,"keystrokeTimeoutMs":1,"pages":[{"tag":"en","kind":"index","path":"en/index.html","runs":[]}]}"#
            ),
            "error: cannot read site-measure.mjs's figures: en: runs"
        );
    }

    #[test]
    fn the_output_is_tallied_by_folder_and_its_largest_markdown_named() {
        let out = Path::new("/bench/out-1000");
        let sizes = BTreeMap::from([
            (out.join("MANIFEST"), 100),
            (out.join("docs/en/status-codes.md"), 700),
            (out.join("docs/zh/status-codes.md"), 900),
            (out.join("rust/README.md"), 50),
            (out.join("site/en/index.html"), 2_000),
            (out.join("site/index.html"), 10),
        ]);
        let output = weigh(out, &sizes);
        assert_eq!(
            output.all,
            Tally {
                files: 6,
                bytes: 3_760
            }
        );
        assert_eq!(
            output.site,
            Tally {
                files: 2,
                bytes: 2_010
            }
        );
        assert_eq!(
            output.docs,
            Tally {
                files: 2,
                bytes: 1_600
            }
        );
        assert_eq!(
            output.largest_markdown,
            Some(("docs/zh/status-codes.md".to_owned(), 900))
        );
    }

    #[test]
    fn the_word_typed_is_the_longest_plain_word_of_the_text() {
        assert_eq!(
            longest_word(
                "The Subnet step of the invocation failed while handling request 5000; the function code did not run to completion."
            ),
            Some("invocation")
        );
        // Not a link, a code or a word with other characters.
        assert_eq!(
            longest_word(
                "See [it](https://docs.example.com/alongaddress) 1234567890 non-ASCII café ok."
            ),
            Some("See")
        );
        assert_eq!(longest_word("函数调用失败。"), None);
    }
}
