//! The report from figures written by hand. `last_full_run` holds the
//! figures of the full run of 2026-11-26 (the committed BENCHMARKS.md of
//! issue 19), so `full_run.md` is that file as this code writes it. After a
//! deliberate change of the report's words, `UPDATE_EXPECT=1 cargo test -p
//! catalog-bench` rewrites it.

use std::collections::BTreeMap;
use std::time::Duration;

use expect_test::expect_file;

use super::*;
use crate::figures::{Check, Lookups, Versus, XtaskBuild};

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn us(micros: u64) -> Duration {
    Duration::from_micros(micros)
}

const RUN: Run = Run {
    quick: false,
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
        "| peak memory at 100,000 entries: under 1.5 GB |",
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
