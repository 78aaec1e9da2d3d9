//! Everything a run measures, as numbers: what the measuring modules return,
//! and what the goals and the report read. Nothing here is formatted; the
//! ratios the report and the goals both show are worked out here, once.

use std::collections::BTreeMap;
use std::time::Duration;

/// One run of the bench. A step the run skipped (`--quick`) leaves its part
/// empty, and the report says "not measured".
#[derive(Default)]
pub struct Figures {
    pub check: Option<Check>,
    /// `gen` and its floor, by catalog size (entries).
    pub generation: BTreeMap<usize, Generation>,
    /// The generated outputs compiled, by size.
    pub outputs: BTreeMap<usize, Outputs>,
    /// tighterror on the same catalogs, by size.
    pub peer: BTreeMap<usize, Peer>,
    /// The divan benchmark of the lookups, by size.
    pub lookups: BTreeMap<usize, Lookups>,
    pub xtask_build: Option<XtaskBuild>,
}

/// `cargo xtask check` on the real catalog.
pub struct Check {
    pub median: Duration,
    pub runs: usize,
}

/// `gen` at one size: medians of `runs` runs each.
pub struct Generation {
    pub runs: usize,
    /// Into an empty directory.
    pub cold: Duration,
    /// Parsing the catalog and nothing else (`xtask parse-only`): the floor.
    pub parse: Duration,
    /// A second `gen` with nothing changed.
    pub no_op: Duration,
    /// The most files a no-op `gen` wrote, in any of its runs.
    pub no_op_written: usize,
    /// Peak resident memory of `gen`, in its highest run.
    pub peak_bytes: u64,
    pub catalog_bytes: u64,
}

impl Generation {
    pub fn over_parse(&self) -> f64 {
        self.cold.as_secs_f64() / self.parse.as_secs_f64()
    }

    pub fn peak_over_catalog(&self) -> f64 {
        self.peak_bytes as f64 / self.catalog_bytes as f64
    }
}

/// The generated outputs at one size: cold medians.
pub struct Outputs {
    /// `cargo check` of the generated crate.
    pub check: Duration,
    pub build: Duration,
    /// `cargo check` of the design the crate replaced (a `match` per method).
    pub match_design_check: Duration,
    /// `tsc` over every declaration file of the npm package.
    pub tsc: Duration,
    /// The npm package as `npm pack` reports it.
    pub packed_bytes: u64,
    pub unpacked_bytes: u64,
}

impl Outputs {
    pub fn check_over_match_design(&self) -> f64 {
        self.check.as_secs_f64() / self.match_design_check.as_secs_f64()
    }
}

/// tighterror at one size.
pub struct Peer {
    pub runs: usize,
    /// Median wall time of the generator, writing into an empty place.
    pub generate: Duration,
    /// Median cold `cargo check` of the crate around its output.
    pub crate_check: Duration,
}

/// The lookups at one size: medians of a batch, in nanoseconds.
pub struct Lookups {
    pub message_to_status: Versus,
    pub code_to_status: Versus,
    /// divan's table as divan printed it, every benchmark and column; the
    /// report quotes it whole.
    pub divan_table: String,
}

/// The generated crate's median beside the hand-written `match`'s.
#[derive(Clone, Copy)]
pub struct Versus {
    pub generated: f64,
    pub hand_written: f64,
}

impl Versus {
    pub fn ratio(self) -> f64 {
        self.generated / self.hand_written
    }
}

/// A fresh clone's first `cargo xtask`.
pub struct XtaskBuild {
    pub runs: usize,
    /// The build of median CPU time: its CPU time and its wall time.
    pub cpu: Duration,
    pub wall: Duration,
    /// The least and the most CPU time of the runs.
    pub cpu_range: (Duration, Duration),
    /// Crates in the xtask's dependency graph.
    pub crates: usize,
    /// The dev-profile binary that build produced, `gen` into an empty
    /// directory: median by size.
    pub dev_gen: BTreeMap<usize, Duration>,
}

impl Figures {
    /// Cold `gen` at 100,000 entries ÷ at 10,000.
    pub fn gen_growth(&self) -> Option<f64> {
        let cold = |size| Some(self.generation.get(&size)?.cold.as_secs_f64());
        Some(cold(100_000)? / cold(10_000)?)
    }

    /// The most files a no-op `gen` wrote, at any size; `None` when `gen`
    /// was not measured.
    pub fn no_op_written(&self) -> Option<usize> {
        (self.generation.values())
            .map(|generation| generation.no_op_written)
            .max()
    }
}
