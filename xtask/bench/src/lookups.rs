//! The lookups of a generated crate against a hand-written `match`: the
//! divan benchmark of `xtask/bench/lookup-bench/`, run in a crate written per
//! catalog size.
//!
//! divan 0.1.21, the version `lookup-bench/Cargo.lock` pins, prints its
//! results only as a box-drawn table on stdout: it has no machine-readable
//! output (no JSON or CSV format among its options, and `Divan::main`
//! returns nothing; its issue 10, "Output format to JSON", is open). So the
//! table is read here, in one function, `read_divan_table`, and nowhere
//! else; its tests hold divan's layout.

use std::collections::BTreeMap;
use std::fs;
use std::process::Command;

use crate::baselines;
use crate::bench::Bench;
use crate::figures::{Lookups, Versus};
use crate::measure::timed;

/// Runs the benchmark at `size` and reads its medians.
pub fn measure(bench: &Bench, size: usize) -> Result<Lookups, String> {
    let loaded = bench.load(size)?;
    let crate_name = &loaded.package.name;
    let dir = bench.work.join(format!("lookups-{size}"));
    let dependencies = format!(
        "status = {{ package = {crate_name:?}, path = {:?} }}\n\n[dev-dependencies]\ndivan = \"0.1\"\n\n[[bench]]\nname = \"lookups\"\nharness = false\n",
        bench.out(size).join("rust").to_string_lossy()
    );
    crate::bench::write_crate(
        &dir,
        "lookup-bench",
        &dependencies,
        &baselines::lookup_library(&loaded, "status"),
    )?;
    let benches = dir.join("benches");
    fs::create_dir_all(&benches)
        .map_err(|error| format!("error: {}: {error}", benches.display()))?;
    // The benchmark, and its lock file, so that divan's version is pinned.
    let lookup_bench = bench.root.join("xtask/bench/lookup-bench");
    fs::copy(lookup_bench.join("lookups.rs"), benches.join("lookups.rs"))
        .and_then(|_| fs::copy(lookup_bench.join("Cargo.lock"), dir.join("Cargo.lock")))
        .map_err(|error| format!("error: copying the lookup benchmark: {error}"))?;
    let (_, _, divan) = timed(
        Command::new(&bench.cargo)
            .args(["bench", "--quiet", "--manifest-path"])
            .arg(dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(bench.target.join("lookup-bench")),
    )?;
    let unreadable = || {
        format!(
            "error: cannot read the lookup medians from divan's output at {size} entries:\n{divan}"
        )
    };
    let (divan_table, medians) = read_divan_table(&divan).ok_or_else(unreadable)?;
    let versus = |generated: &str, hand_written: &str| {
        Some(Versus {
            generated: *medians.get(generated)?,
            hand_written: *medians.get(hand_written)?,
        })
    };
    let (Some(message_to_status), Some(code_to_status)) = (
        versus(
            "message_to_entry_generated",
            "message_to_entry_hand_written",
        ),
        versus("code_to_entry_generated", "code_to_entry_hand_written"),
    ) else {
        return Err(unreadable());
    };
    Ok(Lookups {
        message_to_status,
        code_to_status,
        divan_table,
    })
}

/// divan's table in its output: the lines from the one that starts with
/// the benchmark file's name (`lookups`, the header) to the first blank
/// one, each ending in a newline, and the median of each benchmark in it,
/// in nanoseconds, by name. A benchmark line is `├─ name  fastest │ slowest
/// │ median │ mean │ samples │ iters` (`╰─` on the last one), each time a
/// number and a unit (`ps`, `ns`, `µs`, `ms`, `s`); a line whose median
/// cannot be read that way is left out of the medians. `None` when there is
/// no table.
fn read_divan_table(output: &str) -> Option<(String, BTreeMap<String, f64>)> {
    let table: String = (output.lines())
        .skip_while(|line| !line.starts_with("lookups"))
        .take_while(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect();
    let median = |line: &str| {
        let name = line.split_whitespace().nth(1)?;
        let mut cell = line.split('│').nth(2)?.split_whitespace();
        let value: f64 = cell.next()?.parse().ok()?;
        let nanoseconds = match cell.next()? {
            "ps" => 0.001,
            "ns" => 1.0,
            "µs" => 1_000.0,
            "ms" => 1_000_000.0,
            "s" => 1_000_000_000.0,
            _ => return None,
        };
        Some((name.to_owned(), value * nanoseconds))
    };
    let medians = table.lines().skip(1).filter_map(median).collect();
    (!table.is_empty()).then_some((table, medians))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As divan 0.1.21 prints it at 10,000 entries (BENCHMARKS.md of 2026-11-26).
    const OUTPUT: &str = "\
Timer precision: 20 ns
lookups                           fastest       │ slowest       │ median        │ mean          │ samples │ iters
├─ code_to_entry_generated        55.89 ns      │ 56.69 ns      │ 56.22 ns      │ 56.28 ns      │ 100     │ 6400
├─ code_to_entry_hand_written     59.72 ns      │ 15.82 µs      │ 65.22 ns      │ 223.6 ns      │ 100     │ 100
├─ display_generated              39.72 ns      │ 4.806 µs      │ 49.72 ns      │ 93.15 ns      │ 100     │ 100
├─ display_hand_written           26.79 ns      │ 26.96 ns      │ 26.87 ns      │ 26.87 ns      │ 100     │ 12800
├─ message_to_entry_generated     54.64 ns      │ 62.63 ns      │ 55.58 ns      │ 55.79 ns      │ 100     │ 6400
╰─ message_to_entry_hand_written  7.74 µs       │ 73 µs         │ 7.76 µs       │ 8.422 µs      │ 100     │ 100

";

    #[test]
    fn the_table_is_kept_as_printed_and_each_median_read_in_nanoseconds() {
        let (table, medians) = read_divan_table(OUTPUT).unwrap();
        assert!(table.starts_with("lookups "));
        assert!(table.ends_with("│ 100\n"));
        assert_eq!(table.lines().count(), 7);
        assert_eq!(
            medians.keys().collect::<Vec<_>>(),
            [
                "code_to_entry_generated",
                "code_to_entry_hand_written",
                "display_generated",
                "display_hand_written",
                "message_to_entry_generated",
                "message_to_entry_hand_written",
            ]
        );
        assert_eq!(medians["code_to_entry_generated"], 56.22);
        assert_eq!(medians["message_to_entry_hand_written"], 7_760.0);
    }

    #[test]
    fn every_time_unit_of_divan_is_read() {
        for (cell, nanoseconds) in [
            ("500 ps", 0.5),
            ("2 ns", 2.0),
            ("3 µs", 3_000.0),
            ("4 ms", 4_000_000.0),
            ("5 s", 5_000_000_000.0),
        ] {
            let output =
                format!("lookups  fastest │ slowest │ median\n╰─ one  1 ns │ 1 ns │ {cell}\n");
            let (_, medians) = read_divan_table(&output).unwrap();
            assert_eq!(medians["one"], nanoseconds, "{cell}");
        }
    }

    #[test]
    fn without_a_table_there_is_nothing_and_an_unreadable_median_is_left_out() {
        assert!(read_divan_table("error: could not compile `lookup-bench`\n").is_none());
        let minutes = "lookups  fastest │ slowest │ median\n├─ slow  1 m │ 1 m │ 1 m\n╰─ fast  1 ns │ 1 ns │ 1 ns\n";
        let (table, medians) = read_divan_table(minutes).unwrap();
        assert_eq!(table, minutes);
        assert_eq!(medians, BTreeMap::from([("fast".to_owned(), 1.0)]));
    }
}
