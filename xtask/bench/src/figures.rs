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
    /// The generated output and its site in a browser, by size.
    pub site: BTreeMap<usize, Site>,
    /// `gen`'s writer alone, on many small files.
    pub writer: Option<Writer>,
}

/// The writer alone (`xtask write-only`): `files` files of 1 KiB, a
/// hundred to a directory, written into an empty directory and again with
/// nothing changed; the same process writing no file is subtracted, so
/// what is left is the cost of the files. Medians of `runs` runs.
pub struct Writer {
    pub files: usize,
    pub runs: usize,
    /// Writing no file (the process and the lock).
    pub none: Duration,
    pub fresh: Duration,
    pub no_op: Duration,
}

impl Writer {
    /// The cost of one file into an empty directory, and with nothing
    /// changed.
    pub fn per_file(&self) -> (Duration, Duration) {
        let per = |total: Duration| total.saturating_sub(self.none) / self.files as u32;
        (per(self.fresh), per(self.no_op))
    }
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
    /// What `gen`'s bytes cost alone, rendering nothing (`None` in runs
    /// from before it was measured).
    pub bytes: Option<Bytes>,
}

/// `gen`'s files (the manifest aside) written again by its writer into an
/// empty directory, with nothing rendered, on two threads; and their
/// fingerprints alone. Medians.
pub struct Bytes {
    pub files: usize,
    /// Their size in all, in bytes.
    pub total: u64,
    pub writing: Duration,
    pub fingerprinting: Duration,
}

impl Generation {
    pub fn over_parse(&self) -> f64 {
        self.cold.as_secs_f64() / self.parse.as_secs_f64()
    }

    /// The least `gen` could take with its outputs as they are: the parse,
    /// then its files written, nothing checked or rendered between.
    pub fn bytes_floor(&self) -> Option<Duration> {
        Some(self.parse + self.bytes.as_ref()?.writing)
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

/// The output `gen` wrote at one size, and what a reader of its site gets.
pub struct Site {
    /// The browser the pages were measured in, as it names itself
    /// (`Chrome/156.0.8078.114`).
    pub browser: String,
    /// Each page a reader lands on, in the order measured.
    pub pages: Vec<Landing>,
    pub output: Output,
}

/// The files `gen` wrote at one size.
pub struct Output {
    pub all: Tally,
    /// Under `site/`.
    pub site: Tally,
    /// Under `docs/`.
    pub docs: Tally,
    /// The largest Markdown file: its path in the output, `/`-separated,
    /// and its bytes.
    pub largest_markdown: Option<(String, u64)>,
}

/// A number of files and their bytes.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct Tally {
    pub files: usize,
    pub bytes: u64,
}

/// One page a reader lands on, loaded `runs` times.
#[derive(Debug)]
pub struct Landing {
    /// The page's language.
    pub tag: String,
    pub kind: LandingKind,
    /// The page asked for, under `site/`, with its anchor.
    pub path: String,
    /// The page the reader ended on (under `site/`, without its anchor),
    /// where the page was usable.
    pub ended_on: Option<String>,
    pub runs: usize,
    /// The bodies of every response until the page was usable, as served
    /// (uncompressed): the most of any run.
    pub bytes: u64,
    /// The same bodies gzipped.
    pub gzip_bytes: u64,
    pub responses: usize,
    /// Navigation start to usable: the median run.
    pub usable: Timed,
    /// DOM elements once usable: the median run; `None` when never usable.
    pub elements: Option<u64>,
    /// Each query typed, in order.
    pub queries: Vec<Typed>,
}

/// How a reader reaches a page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LandingKind {
    /// A language's `index.html`.
    Index,
    /// The index with a code's anchor (`index.html#4337`), the link people
    /// already have.
    Anchored,
    /// The page that holds the code, with its anchor (its documentation URL).
    CodePage,
}

impl LandingKind {
    pub fn name(self) -> &'static str {
        match self {
            LandingKind::Index => "index",
            LandingKind::Anchored => "index with a code's anchor",
            LandingKind::CodePage => "the code's page",
        }
    }

    pub fn from_name(name: &str) -> Option<LandingKind> {
        [
            LandingKind::Index,
            LandingKind::Anchored,
            LandingKind::CodePage,
        ]
        .into_iter()
        .find(|kind| kind.name() == name)
    }
}

/// A query typed into the filter box one character at a time.
#[derive(Debug)]
pub struct Typed {
    pub text: String,
    /// The slowest keystroke's answer (median of the runs' slowest); `None`
    /// when it was not typed (the page was never usable, or an earlier
    /// query's keystroke went unanswered).
    pub slowest: Option<Timed>,
}

/// A time, or the limit it went past.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Timed {
    Within(Duration),
    Over(Duration),
}

impl Timed {
    /// Seconds; infinite when over the limit.
    pub fn seconds(self) -> f64 {
        match self {
            Timed::Within(time) => time.as_secs_f64(),
            Timed::Over(_) => f64::INFINITY,
        }
    }

    /// For sorting: any time before any limit passed.
    pub fn order(self) -> (bool, Duration) {
        match self {
            Timed::Within(time) => (false, time),
            Timed::Over(limit) => (true, limit),
        }
    }
}

/// What a reader gets of one landing page, as one number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PageFigure {
    /// Bytes transferred before the first search.
    Transferred,
    /// Time to usable.
    Usable,
    /// The slowest keystroke's answer.
    Keystroke,
}

impl PageFigure {
    /// The figure of one landing page: bytes, or seconds, infinite where
    /// the page was never usable or a keystroke never answered.
    pub fn of(self, page: &Landing) -> f64 {
        match self {
            PageFigure::Transferred => page.bytes as f64,
            PageFigure::Usable => page.usable.seconds(),
            PageFigure::Keystroke => page
                .slowest_keystroke()
                .map_or(f64::INFINITY, Timed::seconds),
        }
    }
}

impl Landing {
    /// The slowest keystroke of every query typed; `None` when none was.
    pub fn slowest_keystroke(&self) -> Option<Timed> {
        (self.queries.iter())
            .filter_map(|typed| typed.slowest)
            .max_by_key(|slowest| slowest.order())
    }

    /// The same page at another size: same language, same kind.
    pub fn is_same_page(&self, other: &Landing) -> bool {
        self.tag == other.tag && self.kind == other.kind
    }
}

impl Figures {
    /// Each landing page at `size` with its `figure` ÷ the same page's at
    /// `base`: infinite where it was never usable at `size`, NaN (no
    /// multiple) where it was never usable at `base`. `None` when either
    /// size was not measured.
    pub fn landing_ratios(
        &self,
        figure: PageFigure,
        size: usize,
        base: usize,
    ) -> Option<Vec<(&Landing, f64)>> {
        let (pages, bases) = (&self.site.get(&size)?.pages, &self.site.get(&base)?.pages);
        let ratio = |page: &Landing, base: &Landing| match figure.of(base) {
            base if base.is_finite() => figure.of(page) / base,
            _ => f64::NAN,
        };
        Some(
            (pages.iter())
                .filter_map(|page| {
                    let base = bases.iter().find(|base| base.is_same_page(page))?;
                    Some((page, ratio(page, base)))
                })
                .collect(),
        )
    }

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
