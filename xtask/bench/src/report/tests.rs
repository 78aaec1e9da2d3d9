//! The report from figures written by hand. `last_full_run` holds the
//! figures of the full run of 2026-11-26 (the committed BENCHMARKS.md of
//! issue 19), so `full_run.md` is that file as this code writes it (the
//! committed file has since gained the readers' section of a `--readers`
//! run, issue 27, which `readers_run` stands for in short). After a
//! deliberate change of the report's words, `UPDATE_EXPECT=1 cargo test -p
//! catalog-bench` rewrites it.

use std::collections::BTreeMap;
use std::time::Duration;

use expect_test::expect_file;

use super::*;
use crate::figures::{
    Check, LandingKind, Lookups, Output, Site, Tally, Typed, Versus, Writer, XtaskBuild,
};

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn us(micros: u64) -> Duration {
    Duration::from_micros(micros)
}

const RUN: Run = Run {
    quick: false,
    readers_only: false,
    date: String::new(),
    cores: 2,
    memory_bytes: Some(24 << 30),
};

fn full_run() -> Run {
    Run {
        date: "2026-11-26".to_owned(),
        ..RUN
    }
}

fn generation(
    runs: usize,
    cold: Duration,
    parse: Duration,
    no_op: u64,
    peak: (u64, u64),
) -> Generation {
    Generation {
        runs,
        cold,
        parse,
        no_op: ms(no_op),
        no_op_written: 0,
        peak_bytes: peak.0,
        catalog_bytes: peak.1,
        bytes: None,
    }
}

fn outputs(check: u64, build: u64, match_design: u64, tsc: u64, kib: (u64, u64)) -> Outputs {
    Outputs {
        check: ms(check),
        build: ms(build),
        match_design_check: ms(match_design),
        tsc: ms(tsc),
        packed_bytes: kib.0 * 1024,
        unpacked_bytes: kib.1 * 1024,
    }
}

/// divan's tables of that run, as it printed them.
const DIVAN_30: &str = "\
lookups                           fastest       │ slowest       │ median        │ mean          │ samples │ iters
├─ code_to_entry_generated        69.63 ns      │ 71.51 ns      │ 70.57 ns      │ 70.44 ns      │ 100     │ 3200
├─ code_to_entry_hand_written     53.21 ns      │ 55.42 ns      │ 53.84 ns      │ 53.84 ns      │ 100     │ 6400
├─ display_generated              48.98 ns      │ 49.31 ns      │ 49.15 ns      │ 49.15 ns      │ 100     │ 6400
├─ display_hand_written           41.17 ns      │ 52.59 ns      │ 41.48 ns      │ 41.66 ns      │ 100     │ 6400
├─ message_to_entry_generated     74.95 ns      │ 6.093 µs      │ 81.23 ns      │ 141.9 ns      │ 100     │ 3200
╰─ message_to_entry_hand_written  33.65 ns      │ 37.26 ns      │ 35.21 ns      │ 34.8 ns       │ 100     │ 6400
";
const DIVAN_1000: &str = "\
lookups                           fastest       │ slowest       │ median        │ mean          │ samples │ iters
├─ code_to_entry_generated        52.3 ns       │ 93.77 ns      │ 52.61 ns      │ 52.97 ns      │ 100     │ 6400
├─ code_to_entry_hand_written     51.97 ns      │ 52.14 ns      │ 51.99 ns      │ 52.06 ns      │ 100     │ 6400
├─ display_generated              30.86 ns      │ 31.18 ns      │ 30.94 ns      │ 30.95 ns      │ 100     │ 12800
├─ display_hand_written           27.42 ns      │ 27.5 ns       │ 27.42 ns      │ 27.44 ns      │ 100     │ 12800
├─ message_to_entry_generated     51.68 ns      │ 52.14 ns      │ 51.83 ns      │ 51.86 ns      │ 100     │ 6400
╰─ message_to_entry_hand_written  791.7 ns      │ 11.99 µs      │ 870.7 ns      │ 984.8 ns      │ 100     │ 100
";
const DIVAN_10000: &str = "\
lookups                           fastest       │ slowest       │ median        │ mean          │ samples │ iters
├─ code_to_entry_generated        55.89 ns      │ 56.69 ns      │ 56.22 ns      │ 56.28 ns      │ 100     │ 6400
├─ code_to_entry_hand_written     59.72 ns      │ 15.82 µs      │ 65.22 ns      │ 223.6 ns      │ 100     │ 100
├─ display_generated              39.72 ns      │ 4.806 µs      │ 49.72 ns      │ 93.15 ns      │ 100     │ 100
├─ display_hand_written           26.79 ns      │ 26.96 ns      │ 26.87 ns      │ 26.87 ns      │ 100     │ 12800
├─ message_to_entry_generated     54.64 ns      │ 62.63 ns      │ 55.58 ns      │ 55.79 ns      │ 100     │ 6400
╰─ message_to_entry_hand_written  7.74 µs       │ 73 µs         │ 7.76 µs       │ 8.422 µs      │ 100     │ 100
";

fn lookups(message: (f64, f64), code: (f64, f64), divan_table: &str) -> Lookups {
    let versus = |(generated, hand_written)| Versus {
        generated,
        hand_written,
    };
    Lookups {
        message_to_status: versus(message),
        code_to_status: versus(code),
        divan_table: divan_table.to_owned(),
    }
}

fn last_full_run() -> Figures {
    Figures {
        check: Some(Check {
            median: ms(20),
            runs: 5,
        }),
        generation: BTreeMap::from([
            (
                30,
                generation(5, us(29_200), ms(4), 18, (11_010_048, 28_974)),
            ),
            (
                1_000,
                generation(5, us(173_400), us(29_300), 161, (41_000_000, 640_625)),
            ),
            (
                10_000,
                generation(5, ms(1_456), ms(263), 1_268, (315_000_000, 6_562_500)),
            ),
            (
                100_000,
                generation(
                    3,
                    ms(15_561),
                    ms(2_630),
                    12_796,
                    (3_017_000_000, 65_586_957),
                ),
            ),
        ]),
        outputs: BTreeMap::from([
            (1_000, outputs(280, 400, 340, 1_600, (155, 2_422))),
            (10_000, outputs(2_040, 2_500, 7_860, 4_200, (1_328, 24_175))),
        ]),
        peer: BTreeMap::from([
            (
                1_000,
                Peer {
                    runs: 5,
                    generate: ms(526),
                    crate_check: ms(300),
                },
            ),
            (
                10_000,
                Peer {
                    runs: 3,
                    generate: ms(95_747),
                    crate_check: ms(2_200),
                },
            ),
        ]),
        lookups: BTreeMap::from([
            (30, lookups((81.23, 35.21), (70.57, 53.84), DIVAN_30)),
            (1_000, lookups((51.83, 870.7), (52.61, 51.99), DIVAN_1000)),
            (
                10_000,
                lookups((55.58, 7_760.0), (56.22, 65.22), DIVAN_10000),
            ),
        ]),
        xtask_build: Some(XtaskBuild {
            runs: 3,
            cpu: ms(61_500),
            wall: ms(32_600),
            cpu_range: (ms(57_700), ms(61_600)),
            crates: 65,
            dev_gen: BTreeMap::from([(30, ms(45)), (10_000, ms(4_260))]),
        }),
        site: BTreeMap::new(),
        writer: Some(Writer {
            files: 20_000,
            runs: 5,
            none: ms(5),
            fresh: ms(1_005),
            no_op: ms(205),
        }),
    }
}

/// The sizes and steps of `--quick`: no 10,000 or 100,000 entries, no cold
/// build of the xtask.
fn quick_run() -> Figures {
    let mut figures = last_full_run();
    for size in [10_000, 100_000] {
        figures.generation.remove(&size);
        figures.outputs.remove(&size);
        figures.peer.remove(&size);
        figures.lookups.remove(&size);
    }
    figures.xtask_build = None;
    figures
}

fn line_with<'a>(report: &'a str, start: &str) -> &'a str {
    let found = report.lines().find(|line| line.starts_with(start));
    found.unwrap_or_else(|| panic!("no line starts with {start:?} in:\n{report}"))
}

#[test]
fn the_last_full_run_renders_as_its_committed_report() {
    expect_file!["full_run.md"].assert_eq(&render(&last_full_run(), &full_run()));
}

#[test]
fn a_goal_met_reads_met_and_a_goal_missed_reads_missed_in_bold() {
    let report = render(&last_full_run(), &RUN);
    assert_eq!(
        line_with(&report, "| dev-profile `gen` on the real catalog"),
        "| dev-profile `gen` on the real catalog: under 100 ms | 45 ms | met |"
    );
    assert_eq!(
        line_with(&report, "| cold dev build of the xtask"),
        "| cold dev build of the xtask: at most 60 CPU-seconds \
         | 61.5 CPU-s (32.6 s wall), median of 3 builds | **missed** |"
    );
}

#[test]
fn a_goal_over_several_sizes_shows_each_size() {
    let report = render(&last_full_run(), &RUN);
    assert_eq!(
        line_with(&report, "| code → status"),
        "| code → status: within 1.2× of a hand-written `match` \
         | 1.31× at 30, 1.01× at 1000, 0.86× at 10000 | **missed** |"
    );
}

#[test]
fn ratios_are_worked_out_from_the_figures_and_rounded_only_when_shown() {
    let report = render(&last_full_run(), &RUN);
    // 173.4 ms ÷ 29.3 ms; 41 MB ÷ 640,625 bytes.
    assert_eq!(
        line_with(&report, "| 1000 | 5 | 173 ms"),
        "| 1000 | 5 | 173 ms | 29 ms | 5.9× | 161 ms | 0 | 41 MB | 64× |"
    );
    // tighterror's 526 ms ÷ gen's 173.4 ms at the same size.
    assert_eq!(
        line_with(&report, "| 1000 | 5 | 526 ms"),
        "| 1000 | 5 | 526 ms | 173 ms | 3.0× | 0.3 s | 0.3 s |"
    );
    // 0.28 s ÷ 0.34 s, both shown as 0.3 s.
    assert_eq!(
        line_with(&report, "| 1000 | 0.3 s"),
        "| 1000 | 0.3 s | 0.4 s | 0.3 s | 0.82× | 1.6 s | 155 KiB | 2422 KiB |"
    );
    assert!(report.contains(
        "From 10,000 to 100,000 entries (10× the entries) `gen` takes 10.7× the time.\n"
    ));
}

#[test]
fn what_the_bytes_cost_alone_is_shown_only_where_measured() {
    let mut figures = last_full_run();
    let report = render(&figures, &RUN);
    assert!(!report.contains("What `gen`'s bytes cost alone"));
    let at_10000 = figures.generation.get_mut(&10_000).unwrap();
    at_10000.bytes = Some(crate::figures::Bytes {
        files: 820,
        total: 74_800_000,
        writing: ms(160),
        fingerprinting: ms(80),
    });
    let (cold, parse) = (at_10000.cold, at_10000.parse);
    let report = render(&figures, &RUN);
    assert!(report.contains("What `gen`'s bytes cost alone"));
    // gen ÷ (parse + writing), and what is left of gen beyond them.
    let (floor, rounded) = (parse + ms(160), |duration: Duration| {
        format!("{:.0} ms", duration.as_secs_f64() * 1000.0)
    });
    assert_eq!(
        line_with(&report, "| 10000 | 820 |"),
        format!(
            "| 10000 | 820 | 75 MB | 160 ms | 80 ms | {} | {:.1}× | {} |",
            rounded(floor),
            cold.as_secs_f64() / floor.as_secs_f64(),
            rounded(cold - floor),
        )
    );
    // One row: the sizes without the figure have none.
    let table = report
        .split("| entries | files |")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap();
    let rows = table
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| ---"));
    assert_eq!(rows.count(), 1);
}

#[test]
fn the_writers_cost_per_file_leaves_out_the_process_that_writes_none() {
    let report = render(&last_full_run(), &RUN);
    // (1005 ms − 5 ms) ÷ 20,000 files; (205 ms − 5 ms) ÷ 20,000.
    assert_eq!(
        line_with(&report, "| 20000 |"),
        "| 20000 | 1005 ms | 50 µs | 205 ms | 10 µs |"
    );
}

#[test]
fn the_xtask_build_is_judged_by_the_goal_of_the_goals_table() {
    let mut figures = last_full_run();
    let report = render(&figures, &RUN);
    assert!(report.contains(
        "The goal is at most 60 CPU-seconds; it took **61.5 CPU-seconds** \
         (over the goal; the runs took 57.7 to 61.6), 32.6 s wall time on 2 cores."
    ));
    figures.xtask_build.as_mut().unwrap().cpu = ms(60_000);
    let report = render(&figures, &RUN);
    assert!(report.contains("it took **60.0 CPU-seconds** (within the goal;"));
    assert_eq!(
        line_with(&report, "| cold dev build of the xtask"),
        "| cold dev build of the xtask: at most 60 CPU-seconds \
         | 60.0 CPU-s (32.6 s wall), median of 3 builds | met |"
    );
}

#[test]
fn a_quick_run_says_so_and_leaves_what_it_skipped_unmeasured() {
    let report = render(
        &quick_run(),
        &Run {
            quick: true,
            ..full_run()
        },
    );
    assert!(report.contains("Written by `cargo xtask bench --quick` on 2026-11-26;"));
    for goal in [
        "| cold dev build of the xtask: at most 60 CPU-seconds |",
        "| `gen` at 10,000 entries: at most 2.5× the parse floor |",
        "| peak memory at 100,000 entries: under 1 GB |",
        "| the crate at 10,000 codes checks faster than the match design |",
    ] {
        assert_eq!(
            line_with(&report, goal),
            format!("{goal} not measured in this run | — |")
        );
    }
    // Measured at the sizes a quick run has: the lookups at 30 and 1,000.
    assert_eq!(
        line_with(&report, "| message → status"),
        "| message → status: within 1.5× of a hand-written `match` \
         | 2.31× at 30, 0.06× at 1000 | **missed** |"
    );
    assert!(!report.contains("From 10,000 to 100,000 entries"));
    assert!(!report.contains("## The xtask's own build"));
    assert!(report.ends_with("```\n\n"), "{report}");
}

#[test]
fn a_run_without_memory_figures_says_unknown() {
    let report = render(
        &Figures::default(),
        &Run {
            memory_bytes: None,
            ..full_run()
        },
    );
    assert!(report.contains("Machine: 2 cores, unknown of memory."));
    assert!(!report.contains("## `cargo xtask check`"));
}

fn landing(
    tag: &str,
    anchor: Option<&str>,
    bytes: u64,
    usable: Timed,
    keystrokes: [Option<Timed>; 2],
) -> Landing {
    let [word, code] = keystrokes;
    let (kind, path) = match anchor {
        Some(code) => (LandingKind::Anchored, format!("{tag}/index.html#{code}")),
        None => (LandingKind::Index, format!("{tag}/index.html")),
    };
    Landing {
        tag: tag.to_owned(),
        kind,
        ended_on: matches!(usable, Timed::Within(_)).then(|| format!("{tag}/index.html")),
        path,
        runs: 1,
        bytes,
        gzip_bytes: bytes / 8,
        responses: 1,
        usable,
        elements: matches!(usable, Timed::Within(_)).then_some(bytes / 80),
        queries: vec![
            Typed {
                text: "invocation".to_owned(),
                slowest: word,
            },
            Typed {
                text: anchor.unwrap_or("6000").to_owned(),
                slowest: code,
            },
        ],
    }
}

fn site(pages: Vec<Landing>, markdown_bytes: u64) -> Site {
    Site {
        browser: "Chrome/156.0.8078.114".to_owned(),
        pages,
        output: Output {
            all: Tally {
                files: 20,
                bytes: markdown_bytes * 7,
            },
            site: Tally {
                files: 3,
                bytes: markdown_bytes * 2,
            },
            docs: Tally {
                files: 2,
                bytes: markdown_bytes * 2,
            },
            largest_markdown: Some(("docs/en/status-codes.md".to_owned(), markdown_bytes)),
        },
    }
}

/// One page per size: at 30 entries usable in 50 ms and answering in 2 ms,
/// at 10,000 in 10 s and 2 s, at 100,000 never usable.
fn readers_run() -> Figures {
    let within = |millis| Some(Timed::Within(ms(millis)));
    let page = |bytes, usable: u64, keystroke: u64| {
        landing(
            "en",
            None,
            bytes,
            Timed::Within(ms(usable)),
            [within(keystroke), within(keystroke / 2)],
        )
    };
    let never_usable = landing(
        "en",
        None,
        104_657_220,
        Timed::Over(ms(120_000)),
        [None, None],
    );
    Figures {
        site: BTreeMap::from([
            (30, site(vec![page(48_061, 50, 2)], 30_000)),
            (
                10_000,
                site(vec![page(10_336_171, 10_000, 2_000)], 9_500_000),
            ),
            (100_000, site(vec![never_usable], 95_000_000)),
        ]),
        ..Figures::default()
    }
}

fn readers_only() -> Run {
    Run {
        readers_only: true,
        ..full_run()
    }
}

#[test]
fn each_page_a_reader_lands_on_is_a_row_of_its_figures() {
    let report = render(&readers_run(), &full_run());
    assert_eq!(
        line_with(&report, "| 30 | `en/index.html`"),
        "| 30 | `en/index.html` | 1 | 48 kB | 6 kB | 50 ms | `invocation`: 2.0 ms; `6000`: 1.0 ms | 600 |"
    );
    assert_eq!(
        line_with(&report, "| 10000 | `en/index.html`"),
        "| 10000 | `en/index.html` | 1 | 10.3 MB | 1.3 MB | 10.0 s | `invocation`: 2.0 s; `6000`: 1.0 s | 129202 |"
    );
    assert_eq!(
        line_with(&report, "| 100000 | `en/index.html`"),
        "| 100000 | `en/index.html` | 1 | 104.7 MB | 13.1 MB | > 120 s, not usable | `invocation`: not typed; `6000`: not typed | — |"
    );
    assert_eq!(
        line_with(&report, "| 10000 | 20 |"),
        "| 10000 | 20 | 66.5 MB | 3 | 19.0 MB | 2 | 19.0 MB | `docs/en/status-codes.md`, 9.5 MB |"
    );
}

#[test]
fn the_readers_goals_are_judged_in_their_section_page_by_page() {
    let report = render(&readers_run(), &full_run());
    let (before, section) = report.split_once(READERS_HEADING).unwrap();
    assert!(!before.contains("a landing page at"));
    assert_eq!(
        line_with(section, "| a landing page at 10,000 entries transfers"),
        "| a landing page at 10,000 entries transfers at most 1 MB before the first search | en/index.html 10.3 MB | **missed** |"
    );
    // 10 s ÷ 50 ms, 2 s ÷ 2 ms.
    assert_eq!(
        line_with(section, "| a landing page at 10,000 entries is usable"),
        "| a landing page at 10,000 entries is usable within 3× of the same page's time on the real catalog | en/index.html 200.0× | **missed** |"
    );
    assert_eq!(
        line_with(
            section,
            "| at 10,000 entries each keystroke answers within 3×"
        ),
        "| at 10,000 entries each keystroke answers within 3× of the same page's time on the real catalog | en/index.html 1000.0× | **missed** |"
    );
    // Never usable at 100,000: no multiple of anything.
    assert_eq!(
        line_with(section, "| a landing page at 100,000 entries is usable"),
        "| a landing page at 100,000 entries is usable within 2× of the same page's time at 10,000 | en/index.html not usable | **missed** |"
    );
    assert_eq!(
        line_with(section, "| every Markdown file"),
        "| every Markdown file of the output is at most 1 MB, at every size | 30 kB at 30, 9.5 MB at 10000, 95.0 MB at 100000 | **missed** |"
    );
}

#[test]
fn a_page_within_every_readers_goal_meets_them() {
    let within = |millis| Some(Timed::Within(ms(millis)));
    let page = |anchor, usable| {
        landing(
            "zh",
            anchor,
            500_000,
            Timed::Within(ms(usable)),
            [within(10), within(5)],
        )
    };
    let figures = Figures {
        site: BTreeMap::from([
            (
                30,
                site(vec![page(None, 40), page(Some("450"), 40)], 30_000),
            ),
            (
                10_000,
                site(vec![page(None, 120), page(Some("6000"), 100)], 900_000),
            ),
        ]),
        ..Figures::default()
    };
    let report = render(&figures, &full_run());
    assert_eq!(
        line_with(&report, "| a landing page at 10,000 entries is usable"),
        "| a landing page at 10,000 entries is usable within 3× of the same page's time on the real catalog \
         | zh/index.html 3.0×, zh/index.html#6000 2.5× | met |"
    );
    assert_eq!(
        line_with(
            &report,
            "| at 10,000 entries each keystroke answers within 50 ms"
        ),
        "| at 10,000 entries each keystroke answers within 50 ms | zh/index.html 10 ms, zh/index.html#6000 10 ms | met |"
    );
    assert_eq!(
        line_with(&report, "| a landing page at 100,000 entries transfers"),
        "| a landing page at 100,000 entries transfers within 2× of the same page's bytes at 10,000 \
         | not measured in this run | — |"
    );
}

#[test]
fn readers_only_rewrites_its_section_and_keeps_every_other() {
    let full = render(&last_full_run(), &full_run());
    // Where the report has no readers' section, it is added at the end.
    let first = with_readers(&full, &readers_run(), &readers_only());
    assert!(first.starts_with(&full));
    assert!(first[full.len()..].starts_with(&format!(
        "{READERS_HEADING}\n\nMeasured by `cargo xtask bench --readers` on 2026-11-26"
    )));
    // Where it has one, that one is replaced, whatever follows it.
    let followed = format!("{first}## A later section\n\nIts text.\n");
    let mut figures = readers_run();
    figures.site.remove(&100_000);
    let second = with_readers(&followed, &figures, &readers_only());
    assert!(second.starts_with(&full));
    assert!(second.ends_with("\n\n## A later section\n\nIts text.\n"));
    assert!(!second.contains("| 100000 | `en/index.html`"));
    assert_eq!(second.matches(READERS_HEADING).count(), 1);
    assert_eq!(with_readers(&second, &figures, &readers_only()), second);
}

#[test]
fn a_run_that_measured_no_reader_has_no_readers_section() {
    let report = render(&last_full_run(), &full_run());
    assert!(!report.contains(READERS_HEADING));
}
