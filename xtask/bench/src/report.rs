//! `BENCHMARKS.md`: one run's figures as Markdown. Every figure arrives as a
//! number (`figures.rs`) and is formatted here and only here; the goals'
//! words and verdicts come from `goals.rs`. Reads and writes nothing: what
//! it needs to know of the machine comes in a `Run`, and `main.rs` writes
//! the text.

use std::fmt::Write as _;
use std::time::Duration;

use crate::figures::{Figures, Generation, Landing, Lookups, Outputs, PageFigure, Peer, Timed};
use crate::goals::{GOALS, Goal, Measure, Unit};
use crate::{peer, readers};

/// What the report says about the run besides its figures.
pub struct Run {
    pub quick: bool,
    /// `--readers`: only the readers' section was measured.
    pub readers_only: bool,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub cores: usize,
    /// Physical memory, when the system says.
    pub memory_bytes: Option<u64>,
}

pub fn render(figures: &Figures, run: &Run) -> String {
    let mut report = header(run);
    report += &goals(figures);
    report += &generation(figures);
    report += &check(figures);
    report += &writer(figures);
    report += &peer(figures);
    report += &outputs(figures);
    report += &lookups(figures);
    report += &xtask_build(figures, run);
    report += &readers_section(figures, run);
    report
}

/// The heading of the section `--readers` rewrites.
const READERS_HEADING: &str = "## What readers of the site get";

/// `report` with its readers' section (from its heading to the next
/// section's, or to its end) replaced by this run's, or with this run's
/// added at the end where it has none.
pub fn with_readers(report: &str, figures: &Figures, run: &Run) -> String {
    let section = readers_section(figures, run);
    let heading = format!("\n{READERS_HEADING}\n");
    let Some(start) = report.find(&heading).map(|at| at + 1) else {
        let report = if report.is_empty() {
            "# Benchmarks\n\n"
        } else {
            report
        };
        return format!("{report}{section}");
    };
    let end = report[start..]
        .find("\n## ")
        .map_or(report.len(), |end| start + end + 1);
    format!("{}{section}{}", &report[..start], &report[end..])
}

fn header(run: &Run) -> String {
    let quick = if run.quick { " --quick" } else { "" };
    let memory = run.memory_bytes.map_or_else(
        || "unknown".to_owned(),
        |bytes| format!("{:.0} GiB", bytes as f64 / 1024.0 / 1024.0 / 1024.0),
    );
    format!(
        "# Benchmarks\n\n\
Written by `cargo xtask bench{quick}` on {date}; run it again to refresh every figure. Machine: {cores} cores, {memory} of memory. \
Whole-process times are medians of several runs (the *runs* column) of the release binary, all taken in the same run of the command; \
ratios compare figures of that one run.\n\n",
        date = run.date,
        cores = run.cores,
    )
}

/// The goals table: each goal of `GOALS` with this run's figure and whether
/// it is met.
fn goals(figures: &Figures) -> String {
    let rows = goal_rows(figures, |goal| !goal.measure.is_of_readers());
    format!(
        "## Goals\n\n\
The speed goals of the project (issue 19; issue 28 set the memory bounds), against this run's figures (the sections below say how each was taken).\n\n\
| goal | this run | |\n| --- | --- | --- |\n{rows}\n"
    )
}

/// A row of a goals table for each goal `shown` keeps.
fn goal_rows(figures: &Figures, shown: impl Fn(&Goal) -> bool) -> String {
    let mut rows = String::new();
    for goal in GOALS.iter().filter(|goal| shown(goal)) {
        let (figure, verdict) = match (goal_figure(goal, figures), goal.met(figures)) {
            (Some(figure), Some(met)) => (figure, if met { "met" } else { "**missed**" }),
            _ => ("not measured in this run".to_owned(), "—"),
        };
        let _ = writeln!(rows, "| {} | {figure} | {verdict} |", goal.prose());
    }
    rows
}

/// The figure a goal is judged on, as the goals table shows it.
fn goal_figure(goal: &Goal, figures: &Figures) -> Option<String> {
    let generation = |size| figures.generation.get(&size);
    let lookups = |pick: fn(&Lookups) -> f64| {
        let ratios: Vec<String> = (figures.lookups.iter())
            .map(|(size, lookups)| format!("{:.2}× at {size}", pick(lookups)))
            .collect();
        (!ratios.is_empty()).then(|| ratios.join(", "))
    };
    match goal.measure {
        Measure::XtaskBuildCpu => figures.xtask_build.as_ref().map(|build| {
            format!(
                "{:.1} CPU-s ({} wall), median of {} builds",
                build.cpu.as_secs_f64(),
                seconds(build.wall),
                build.runs
            )
        }),
        Measure::DevGen(size) => {
            let time = *figures.xtask_build.as_ref()?.dev_gen.get(&size)?;
            Some(match goal.bound.unit {
                Unit::Milliseconds => ms(time),
                _ => seconds(time),
            })
        }
        Measure::GenOverParse(size) => Some(format!("{:.1}×", generation(size)?.over_parse())),
        Measure::PeakOverCatalog(size) => {
            Some(format!("{:.0}×", generation(size)?.peak_over_catalog()))
        }
        Measure::Peak(size) => Some(megabytes(generation(size)?.peak_bytes)),
        Measure::GenGrowth => Some(format!("{:.1}×", figures.gen_growth()?)),
        Measure::MessageLookup => lookups(|lookups| lookups.message_to_status.ratio()),
        Measure::CodeLookup => lookups(|lookups| lookups.code_to_status.ratio()),
        Measure::NoOpWritten => Some(format!("at most {} written", figures.no_op_written()?)),
        Measure::CheckOverMatchDesign(size) => Some(format!(
            "{:.2}× its time",
            figures.outputs.get(&size)?.check_over_match_design()
        )),
        Measure::Landing(figure, size) => {
            let pages = &figures.site.get(&size)?.pages;
            let shown = |page: &Landing| match figure {
                PageFigure::Transferred => decimal_bytes(page.bytes),
                PageFigure::Usable => usable(page.usable),
                PageFigure::Keystroke => page.slowest_keystroke().map_or_else(not_typed, keystroke),
            };
            let figures: Vec<String> = (pages.iter())
                .map(|page| format!("{} {}", page_label(page), shown(page)))
                .collect();
            Some(figures.join(", "))
        }
        Measure::LandingOver(figure, size, base) => {
            let ratios: Vec<String> = (figures.landing_ratios(figure, size, base)?.into_iter())
                .map(|(page, ratio)| {
                    let ratio = match ratio {
                        ratio if ratio.is_nan() => format!("none (not usable at {base})"),
                        ratio if ratio.is_infinite() => "not usable".to_owned(),
                        ratio => format!("{ratio:.1}×"),
                    };
                    format!("{} {ratio}", page_label(page))
                })
                .collect();
            (!ratios.is_empty()).then(|| ratios.join(", "))
        }
        Measure::LargestMarkdown => {
            let largest: Vec<String> = (figures.site.iter())
                .filter_map(|(size, site)| {
                    let (_, bytes) = site.output.largest_markdown.as_ref()?;
                    Some(format!("{} at {size}", decimal_bytes(*bytes)))
                })
                .collect();
            (!largest.is_empty()).then(|| largest.join(", "))
        }
    }
}

fn generation(figures: &Figures) -> String {
    let mut rows = String::new();
    for (size, generation) in &figures.generation {
        let Generation {
            runs,
            cold,
            parse,
            no_op,
            no_op_written,
            peak_bytes,
            ..
        } = *generation;
        let _ = writeln!(
            rows,
            "| {size} | {runs} | {} | {} | {:.1}× | {} | {no_op_written} | {} | {:.0}× |",
            ms(cold),
            ms(parse),
            generation.over_parse(),
            ms(no_op),
            megabytes(peak_bytes),
            generation.peak_over_catalog(),
        );
    }
    let mut bytes_rows = String::new();
    for (size, generation) in &figures.generation {
        let (Some(bytes), Some(floor)) = (&generation.bytes, generation.bytes_floor()) else {
            continue;
        };
        let _ = writeln!(
            bytes_rows,
            "| {size} | {} | {} | {} | {} | {} | {:.1}× | {} |",
            bytes.files,
            megabytes(bytes.total),
            ms(bytes.writing),
            ms(bytes.fingerprinting),
            ms(floor),
            generation.cold.as_secs_f64() / floor.as_secs_f64(),
            ms(generation.cold.saturating_sub(floor)),
        );
    }
    let bytes = if bytes_rows.is_empty() {
        String::new()
    } else {
        format!(
            "What `gen`'s bytes cost alone: its files (all but the manifest, which the writer makes itself) read from its output, \
then written again by its writer into an empty directory with nothing rendered, in as many shares of about the same size as `gen` has \
rendering threads, each on a thread of its own, the files over 64 KiB in pieces as `gen` writes its long files; \
timed in the bench's own process (without a process's start), medians of as many runs as `gen`'s. \
Every output must stay byte for byte what it is, so `gen` cannot shed this work: each byte is fingerprinted (*fingerprints*: \
the fingerprinting alone, on one thread), and written. *parse + writing* is about the least `gen` could take with its outputs as they are; \
what `gen` takes beyond it is checking the catalog and rendering.\n\n\
| entries | files | size | writing | fingerprints | parse + writing | gen ÷ (parse + writing) | gen − (parse + writing) |\n\
| --- | --- | --- | --- | --- | --- | --- | --- |\n\
{bytes_rows}\n"
        )
    };
    let growth = figures.gen_growth().map_or_else(String::new, |growth| {
        format!(
            "From 10,000 to 100,000 entries (10× the entries) `gen` takes {growth:.1}× the time.\n\n"
        )
    });
    format!(
        "## `cargo xtask gen`\n\n\
`gen` writes into an empty directory; *parse* is serde-saphyr alone parsing the same catalog (`xtask parse-only --catalog PATH`, the floor); \
*no-op* is a second `gen` with nothing changed, and *written* the number of files it wrote. 30 entries is the real catalog; \
the others come from `cargo xtask synth --entries N` (from 64,537 entries on, codes go beyond `u16`).\n\n\
| entries | runs | gen | parse | gen ÷ parse | no-op gen | written by no-op | peak memory (highest run) | peak ÷ catalog size |\n\
| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n\
{rows}\n\
{growth}\
![gen, tighterror and the parse floor: median time against entries, log–log](BENCHMARKS.svg)\n\n\
{bytes}"
    )
}

fn check(figures: &Figures) -> String {
    let Some(check) = &figures.check else {
        return String::new();
    };
    format!(
        "## `cargo xtask check`\n\n\
What CI pays once the xtask is built: the release binary's `check` run from the workspace root on the real catalog, \
comparing everything it generates with the committed `generated/` (median of {} runs): **{}**.\n\n",
        check.runs,
        ms(check.median)
    )
}

fn peer(figures: &Figures) -> String {
    let mut rows = String::new();
    for (size, peer) in &figures.peer {
        let Peer {
            runs,
            generate,
            crate_check,
        } = *peer;
        // Ours at the same size: `gen` and the crate's check are measured
        // before tighterror at every size it is measured at.
        let ours = figures.generation.get(size).map(|ours| ours.cold);
        let our_check = figures.outputs.get(size).map(|ours| ours.check);
        let _ = writeln!(
            rows,
            "| {size} | {runs} | {} | {} | {} | {} | {} |",
            ms(generate),
            ours.map_or_else(|| "—".to_owned(), ms),
            ours.map_or_else(
                || "—".to_owned(),
                |ours| format!("{:.1}×", generate.as_secs_f64() / ours.as_secs_f64())
            ),
            seconds(crate_check),
            our_check.map_or_else(|| "—".to_owned(), seconds),
        );
    }
    format!(
        "## Beside tighterror\n\n\
[tighterror](https://crates.io/crates/tighterror) ({version}, `cargo tighterror`) generates Rust only: from a YAML spec, \
one module of error kinds with their `Display` texts and docs, in one language, and no documentation pages. \
`gen` writes the Rust crate, a Markdown page and a site page per language, the npm package, and the JSON data and schemas. \
Each synthetic catalog is converted to tighterror's spec: one error per entry, named by its identifier in UPPER_SNAKE_CASE, \
displayed as its message, documented with its English description and solution (the Chinese text for the entries without English). \
Both generators are timed alike: the median of several runs (the *runs* column) of each release binary, writing into an empty place, wall time \
(`gen`'s figures are those of the `cargo xtask gen` table). \
Each generated crate then gets a cold `cargo check` in an empty target directory; tighterror's crate is its output as `src/lib.rs` \
with its runtime crate `tighterror` as the one dependency (built in that check too).\n\n\
| entries | runs | tighterror | gen | tighterror ÷ gen | tighterror's crate: cargo check | our crate: cargo check |\n\
| --- | --- | --- | --- | --- | --- | --- |\n\
{rows}\n",
        version = peer::VERSION,
    )
}

fn outputs(figures: &Figures) -> String {
    let mut rows = String::new();
    for (size, outputs) in &figures.outputs {
        let Outputs {
            check,
            build,
            match_design_check,
            tsc,
            packed_bytes,
            unpacked_bytes,
        } = *outputs;
        let _ = writeln!(
            rows,
            "| {size} | {} | {} | {} | {:.2}× | {} | {} | {} |",
            seconds(check),
            seconds(build),
            seconds(match_design_check),
            outputs.check_over_match_design(),
            seconds(tsc),
            kibibytes(packed_bytes),
            kibibytes(unpacked_bytes),
        );
    }
    format!(
        "## The generated outputs\n\n\
A cold `cargo check` and `cargo build` of the generated crate (its own target directory each time); a cold `cargo check` of the \
design it replaced, the same enum with a `match` over every status in each method (written by `xtask/bench/src/baselines.rs`, \
with the same variant docs); `tsc --noEmit --strict` (TypeScript 5.8) over every declaration file of the npm package; \
and the package's size as `npm pack --dry-run --json` reports it, packed and unpacked.\n\n\
| entries | cargo check | cargo build | match design: cargo check | check ÷ match design | tsc | npm package | unpacked |\n\
| --- | --- | --- | --- | --- | --- | --- | --- |\n\
{rows}\n"
    )
}

fn lookups(figures: &Figures) -> String {
    let mut tables = String::new();
    for (size, lookups) in &figures.lookups {
        let _ = write!(
            tables,
            "{size} entries:\n\n```text\n{}```\n\n",
            lookups.divan_table
        );
    }
    format!(
        "## Lookups in the generated crate\n\n\
Each size's generated crate against a hand-written `match` over the same codes and messages \
(`xtask/bench/lookup-bench/lookups.rs`, divan, release build). Times are per batch: 32 known codes spread over the table \
and 4 unknown ones; 8 messages and 1 unknown; one `Display`. The goals table divides the generated crate's median by the \
hand-written one's.\n\n\
{tables}"
    )
}

fn xtask_build(figures: &Figures, run: &Run) -> String {
    let Some(build) = &figures.xtask_build else {
        return String::new();
    };
    let goal = Measure::XtaskBuildCpu.goal();
    let bound = goal.map(|goal| goal.bound.to_string()).unwrap_or_default();
    let verdict = match goal.and_then(|goal| goal.met(figures)) {
        Some(true) => "within the goal",
        _ => "over the goal",
    };
    let (least, most) = build.cpu_range;
    let dev_gen: Vec<String> = (build.dev_gen.iter())
        .map(|(size, time)| format!("{} at {size} entries", ms(*time)))
        .collect();
    format!(
        "## The xtask's own build\n\n\
A fresh clone's first `cargo xtask …` builds the xtask and its dependencies (dev profile, \
`cargo build -p xtask` into an empty target directory, {runs} runs; the figures are those of the run of median CPU time). \
The goal is {bound}; it took \
**{cpu:.1} CPU-seconds** ({verdict}; the runs took {least:.1} to {most:.1}), {wall} wall time on {cores} cores. CPU time is the user and system time of `cargo` and of every \
compiler it waited for, as the kernel reports it when the build is reaped. \
The bench and the importer are packages of their own, left out of this build. \
The xtask's dependency graph has {crates} crates (`cargo tree -p xtask -e normal --prefix none | sort -u | wc -l`). \
The build runs without the settings a shell may export (`CARGO_PROFILE_*`, `CARGO_INCREMENTAL`, `RUSTFLAGS`, a compiler wrapper). \
Right after it, the dev-profile binary it built runs `gen` into an empty directory, as `cargo xtask gen` does once built \
(median of as many runs as the release binary's at that size): {dev_gen}.\n\n",
        runs = build.runs,
        cpu = build.cpu.as_secs_f64(),
        least = least.as_secs_f64(),
        most = most.as_secs_f64(),
        wall = seconds(build.wall),
        cores = run.cores,
        crates = build.crates,
        dev_gen = dev_gen.join(", "),
    )
}

fn readers_section(figures: &Figures, run: &Run) -> String {
    let Some(browser) = figures.site.values().next().map(|site| &site.browser) else {
        return String::new();
    };
    let flags = match (run.quick, run.readers_only) {
        (false, false) => "",
        (true, false) => " --quick",
        (false, true) => " --readers",
        (true, true) => " --readers --quick",
    };
    let goals = goal_rows(figures, |goal| goal.measure.is_of_readers());
    let mut pages = String::new();
    for (size, site) in &figures.site {
        for page in &site.pages {
            let transferred = match page.responses {
                1 => decimal_bytes(page.bytes),
                responses => format!("{} in {responses} responses", decimal_bytes(page.bytes)),
            };
            let typed: Vec<String> = (page.queries.iter())
                .map(|typed| {
                    let slowest = typed.slowest.map_or_else(not_typed, keystroke);
                    format!("`{}`: {slowest}", typed.text)
                })
                .collect();
            let ended = match &page.ended_on {
                Some(ended)
                    if !page.path.starts_with(&format!("{ended}#")) && *ended != page.path =>
                {
                    format!(" → `{ended}`")
                }
                _ => String::new(),
            };
            let _ = writeln!(
                pages,
                "| {size} | `{}`{ended} | {} | {transferred} | {} | {} | {} | {} |",
                page.path,
                page.runs,
                decimal_bytes(page.gzip_bytes),
                usable(page.usable),
                typed.join("; "),
                page.elements
                    .map_or_else(|| "—".to_owned(), |elements| elements.to_string()),
            );
        }
    }
    let mut output = String::new();
    for (size, site) in &figures.site {
        let files = &site.output;
        let largest = files.largest_markdown.as_ref().map_or_else(
            || "none".to_owned(),
            |(path, bytes)| format!("`{path}`, {}", decimal_bytes(*bytes)),
        );
        let _ = writeln!(
            output,
            "| {size} | {} | {} | {} | {} | {} | {} | {largest} |",
            files.all.files,
            decimal_bytes(files.all.bytes),
            files.site.files,
            decimal_bytes(files.site.bytes),
            files.docs.files,
            decimal_bytes(files.docs.bytes),
        );
    }
    format!(
        "{READERS_HEADING}\n\n\
Measured by `cargo xtask bench{flags}` on {date} ({cores} cores), in headless Chromium ({browser}; Debian's `chromium`, \
driven by puppeteer-core from `xtask/js/site-measure.mjs`), the site served from localhost as `gen` wrote it, uncompressed, \
with nothing fetched from elsewhere. A reader lands on each language's `index.html`, on the same page reached with the anchor \
of the code in the middle of the catalog (`index.html#code`, which an index listing range pages sends on to the code's page: \
the figures are then those of the page the reader ends on, named after the arrow, timed from the first request), and on the page \
that holds the code, with its anchor (its documentation URL; the index while every code is on it). Each load is made in a fresh browser context with the cache off, \
as many times as the *runs* column says; each figure is the median run's (the transferred bytes, the most of any run).\n\n\
- *Transferred*: the bodies of every response the page loaded until it was usable; *gzipped*: the same bodies gzipped, \
roughly what a host that compresses sends. Decimal units: 1 MB is 1,000,000 bytes.\n\
- *Usable*: from the moment the page was asked for to the later of the load event (`loadEventStart`) and the moment the page's script shows \
the filter box (`.filter` no longer `hidden`, seen by a `MutationObserver` installed before the page's own script). \
A page not usable within {load_timeout} s is left there, reported as not usable, and not typed into.\n\
- *Slowest keystroke*: queries typed into the filter box one character at a time with puppeteer's keyboard: the longest word \
of the English description of the entry nearest the middle, the middle entry's identifier, four Chinese characters of the \
Chinese description nearest the middle (where the catalog has Chinese), then the middle code. Each keystroke is timed from its `keydown` \
event to the page's `site-filtered` event for the text typed so far, which the page's script dispatches once the answer is in \
the DOM (before the browser lays it out and paints it); after each answer the next key waits for two animation frames. \
A keystroke unanswered within {keystroke_timeout} s ends the typing on its page. The goals take the slowest of the queries. \
Chinese characters, which no key of the layout types, are inserted as text, with no `keydown`: their time is from the moment \
the measure was armed just before.\n\
- *DOM elements*: `document.getElementsByTagName(\"*\").length` once the page is usable.\n\n\
### Goals (issue 27)\n\n\
| goal | this run | |\n| --- | --- | --- |\n{goals}\n\
### Each page a reader lands on\n\n\
| entries | page | runs | transferred | gzipped | usable | slowest keystroke of each query | DOM elements |\n\
| --- | --- | --- | --- | --- | --- | --- | --- |\n\
{pages}\n\
### The files `gen` wrote\n\n\
Counted right after `gen` wrote them, before anything else reads the output; *site/* and *docs/* are the folders of the \
site and of the Markdown pages.\n\n\
| entries | files | bytes | site/: files | site/: bytes | docs/: files | docs/: bytes | largest Markdown file |\n\
| --- | --- | --- | --- | --- | --- | --- | --- |\n\
{output}\n",
        date = run.date,
        cores = run.cores,
        load_timeout = readers::LOAD_TIMEOUT.as_secs(),
        keystroke_timeout = readers::KEYSTROKE_TIMEOUT.as_secs(),
    )
}

/// `en/index.html`, or `en/index.html#433` for the page reached with that
/// code's anchor.
fn page_label(page: &Landing) -> String {
    page.path.clone()
}

fn usable(usable: Timed) -> String {
    match usable {
        Timed::Within(time) => reader_time(time),
        Timed::Over(limit) => format!("> {} s, not usable", limit.as_secs()),
    }
}

fn keystroke(slowest: Timed) -> String {
    match slowest {
        Timed::Within(time) => reader_time(time),
        Timed::Over(limit) => format!("> {} s, unanswered", limit.as_secs()),
    }
}

fn not_typed() -> String {
    "not typed".to_owned()
}

/// A time a reader waits: tenths of a millisecond below 10 ms, tenths of a
/// second from 1 s.
fn reader_time(time: Duration) -> String {
    let seconds = time.as_secs_f64();
    match seconds {
        ..0.01 => format!("{:.1} ms", seconds * 1000.0),
        ..1.0 => format!("{:.0} ms", seconds * 1000.0),
        _ => format!("{seconds:.1} s"),
    }
}

/// Decimal units, as the goals' megabytes.
fn decimal_bytes(bytes: u64) -> String {
    let bytes = bytes as f64;
    match bytes {
        ..1e3 => format!("{bytes} bytes"),
        ..1e6 => format!("{:.0} kB", bytes / 1e3),
        ..1e9 => format!("{:.1} MB", bytes / 1e6),
        _ => format!("{:.2} GB", bytes / 1e9),
    }
}

fn writer(figures: &Figures) -> String {
    let Some(writer) = &figures.writer else {
        return "## The writer\n\nNot measured in this run.\n\n".to_owned();
    };
    let (fresh, no_op) = writer.per_file();
    format!(
        "## The writer\n\n\
What `gen`'s writer costs per file, apart from rendering: `xtask write-only` writes {files} files of 1 KiB, \
a hundred to a directory, into an empty directory, then again with nothing changed (medians of {runs} runs; \
the same process writing no file, {none}, is subtracted). Each new file is compared, fingerprinted, staged \
beside its target and renamed into place; an unchanged one is read and compared.\n\n\
| files | into an empty directory | per file | nothing changed | per file |\n\
| --- | --- | --- | --- | --- |\n\
| {files} | {fresh_total} | {fresh} µs | {no_op_total} | {no_op} µs |\n\n",
        files = writer.files,
        runs = writer.runs,
        none = ms(writer.none),
        fresh_total = ms(writer.fresh),
        no_op_total = ms(writer.no_op),
        fresh = fresh.as_micros(),
        no_op = no_op.as_micros(),
    )
}

fn ms(duration: Duration) -> String {
    format!("{:.0} ms", duration.as_secs_f64() * 1000.0)
}

fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}

/// Decimal megabytes, as memory is compared with the goal's gigabytes.
fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

/// As `npm pack` sizes are usually read.
fn kibibytes(bytes: u64) -> String {
    format!("{:.0} KiB", bytes as f64 / 1024.0)
}

#[cfg(test)]
mod tests;
