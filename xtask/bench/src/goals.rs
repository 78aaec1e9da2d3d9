//! The speed goals of the project (issue 19, and issue 27's for readers of
//! the site), as one table: `GOALS`. Each
//! goal says what it measures, its limit as a number, how a figure is
//! compared with it and in which unit; its wording in `BENCHMARKS.md` is
//! derived from the same data (`Goal::prose`), so each limit is written
//! once. How a figure is shown is the report's business.

use std::fmt;

use crate::figures::{Figures, Lookups, PageFigure};

pub struct Goal {
    /// What the goal is about, in words; `{bound}` is where the bound goes.
    pub wording: &'static str,
    pub measure: Measure,
    pub bound: Bound,
}

/// What a goal measures, read from one run's figures.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Measure {
    /// CPU time of the cold dev build of the xtask (the build of median CPU
    /// time), in seconds.
    XtaskBuildCpu,
    /// The dev-profile `gen` (the binary that build produced) into an empty
    /// directory at a size, in seconds.
    DevGen(usize),
    /// Cold `gen` ÷ the parse floor at a size.
    GenOverParse(usize),
    /// Peak memory of `gen` ÷ the catalog's size at a size.
    PeakOverCatalog(usize),
    /// Peak memory of `gen` at a size, in bytes.
    Peak(usize),
    /// Cold `gen` at 100,000 entries ÷ at 10,000.
    GenGrowth,
    /// The generated crate's median ÷ the hand-written `match`'s, at every
    /// size the lookups were measured.
    MessageLookup,
    CodeLookup,
    /// The most files a no-op `gen` wrote, at any size.
    NoOpWritten,
    /// Cold `cargo check` of the generated crate ÷ of the match design, at a
    /// size.
    CheckOverMatchDesign(usize),
    /// A figure of each page a reader lands on at a size (bytes, seconds).
    Landing(PageFigure, usize),
    /// A figure of each page a reader lands on at a size ÷ the same page's
    /// (same language, anchored or not) at another size.
    LandingOver(PageFigure, usize, usize),
    /// The largest Markdown file of the output, at every size, in bytes.
    LargestMarkdown,
}

/// How a figure must compare with a limit.
#[derive(Clone, Copy)]
pub struct Bound {
    pub comparison: Comparison,
    pub limit: f64,
    pub unit: Unit,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Comparison {
    /// At most the limit: "at most 4.9 s"; "no file" for at most none.
    AtMost,
    /// Below the limit: "under 100 ms".
    Under,
    /// At most the limit, a multiple of another figure: "within 1.5× of a
    /// hand-written `match`".
    Within,
    /// Below the limit, a multiple of another time, where the limit is 1:
    /// "faster than the match design".
    Faster,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Unit {
    CpuSeconds,
    Seconds,
    Milliseconds,
    Megabytes,
    Gigabytes,
    Files,
    /// A multiple of the figure named.
    Times(&'static str),
}

use Comparison::{AtMost, Faster, Under, Within};
use Measure::*;
use PageFigure::*;
use Unit::*;

const fn goal(wording: &'static str, measure: Measure, bound: (Comparison, f64, Unit)) -> Goal {
    let (comparison, limit, unit) = bound;
    Goal {
        wording,
        measure,
        bound: Bound {
            comparison,
            limit,
            unit,
        },
    }
}

/// Every goal, in the order of the report's table. A goal is its wording
/// (`{bound}` stands for the bound, written from the next two fields), what
/// it measures, and `(comparison, limit, unit)`: the limit is written here
/// and nowhere else.
pub const GOALS: &[Goal] = &[
    goal(
        "cold dev build of the xtask: {bound}",
        XtaskBuildCpu,
        (AtMost, 60.0, CpuSeconds),
    ),
    goal(
        "dev-profile `gen` on the real catalog: {bound}",
        DevGen(30),
        (Under, 100.0, Milliseconds),
    ),
    goal(
        "dev-profile `gen` at 10,000 entries: {bound}",
        DevGen(10_000),
        (AtMost, 4.9, Seconds),
    ),
    goal(
        "`gen` at 10,000 entries: {bound}",
        GenOverParse(10_000),
        (AtMost, 2.5, Times("the parse floor")),
    ),
    goal(
        "peak memory at 10,000 entries: {bound}",
        PeakOverCatalog(10_000),
        // Issue 28: bounded by the model and the output being rendered.
        (AtMost, 10.0, Times("the catalog's size")),
    ),
    goal(
        "`gen` at 100,000 entries: {bound}",
        GenGrowth,
        (AtMost, 12.0, Times("the time at 10,000")),
    ),
    goal(
        "peak memory at 100,000 entries: {bound}",
        Peak(100_000),
        (Under, 1.0, Gigabytes),
    ),
    goal(
        "message → status: {bound}",
        MessageLookup,
        (Within, 1.5, Times("a hand-written `match`")),
    ),
    goal(
        "code → status: {bound}",
        CodeLookup,
        (Within, 1.2, Times("a hand-written `match`")),
    ),
    goal(
        "a no-op `gen` writes {bound}, at every size",
        NoOpWritten,
        (AtMost, 0.0, Files),
    ),
    goal(
        "the crate at 10,000 codes checks {bound}",
        CheckOverMatchDesign(10_000),
        (Faster, 1.0, Times("the match design")),
    ),
    // Issue 27: what readers of the site get, on every page they land on.
    goal(
        "a landing page at 10,000 entries transfers {bound} before the first search",
        Landing(Transferred, 10_000),
        (AtMost, 1.0, Megabytes),
    ),
    goal(
        "a landing page at 10,000 entries is usable {bound}",
        LandingOver(Usable, 10_000, 30),
        (
            Within,
            3.0,
            Times("the same page's time on the real catalog"),
        ),
    ),
    goal(
        "at 10,000 entries each keystroke answers {bound}",
        Landing(Keystroke, 10_000),
        (Within, 50.0, Milliseconds),
    ),
    goal(
        "at 10,000 entries each keystroke answers {bound}",
        LandingOver(Keystroke, 10_000, 30),
        (
            Within,
            3.0,
            Times("the same page's time on the real catalog"),
        ),
    ),
    goal(
        "a landing page at 100,000 entries transfers {bound}",
        LandingOver(Transferred, 100_000, 10_000),
        (Within, 2.0, Times("the same page's bytes at 10,000")),
    ),
    goal(
        "a landing page at 100,000 entries is usable {bound}",
        LandingOver(Usable, 100_000, 10_000),
        (Within, 2.0, Times("the same page's time at 10,000")),
    ),
    goal(
        "at 100,000 entries each keystroke answers {bound}",
        LandingOver(Keystroke, 100_000, 10_000),
        (Within, 2.0, Times("the same page's time at 10,000")),
    ),
    goal(
        "every Markdown file of the output is {bound}, at every size",
        LargestMarkdown,
        (AtMost, 1.0, Megabytes),
    ),
];

impl Goal {
    /// The goal as the report's table words it.
    pub fn prose(&self) -> String {
        self.wording.replace("{bound}", &self.bound.to_string())
    }

    /// Whether this run meets the goal; `None` when it did not measure it.
    pub fn met(&self, figures: &Figures) -> Option<bool> {
        let values = self.measure.values(figures)?;
        let scale = self.bound.unit.scale();
        Some(values.iter().all(|value| self.bound.holds(value / scale)))
    }
}

impl Measure {
    /// The goal covering this measure.
    pub fn goal(self) -> Option<&'static Goal> {
        GOALS.iter().find(|goal| goal.measure == self)
    }

    /// Whether the measure is of what readers of the site get (issue 27),
    /// which the report shows in its own section.
    pub fn is_of_readers(self) -> bool {
        matches!(self, Landing(..) | LandingOver(..) | LargestMarkdown)
    }

    /// This run's figures for the measure: one, or one per size it was
    /// taken at; times in seconds, memory in bytes. `None` when not measured.
    fn values(self, figures: &Figures) -> Option<Vec<f64>> {
        let one = |value: Option<f64>| value.map(|value| vec![value]);
        let generation = |size| figures.generation.get(&size);
        let lookups = |pick: fn(&Lookups) -> f64| {
            let values: Vec<f64> = figures.lookups.values().map(pick).collect();
            (!values.is_empty()).then_some(values)
        };
        match self {
            XtaskBuildCpu => one(figures.xtask_build.as_ref().map(|b| b.cpu.as_secs_f64())),
            DevGen(size) => one((figures.xtask_build.as_ref())
                .and_then(|build| build.dev_gen.get(&size))
                .map(|time| time.as_secs_f64())),
            GenOverParse(size) => one(generation(size).map(|g| g.over_parse())),
            PeakOverCatalog(size) => one(generation(size).map(|g| g.peak_over_catalog())),
            Peak(size) => one(generation(size).map(|g| g.peak_bytes as f64)),
            GenGrowth => one(figures.gen_growth()),
            MessageLookup => lookups(|lookups| lookups.message_to_status.ratio()),
            CodeLookup => lookups(|lookups| lookups.code_to_status.ratio()),
            NoOpWritten => one(figures.no_op_written().map(|written| written as f64)),
            CheckOverMatchDesign(size) => {
                one((figures.outputs.get(&size)).map(|outputs| outputs.check_over_match_design()))
            }
            Landing(figure, size) => {
                let pages = &figures.site.get(&size)?.pages;
                let values: Vec<f64> = pages.iter().map(|page| figure.of(page)).collect();
                (!values.is_empty()).then_some(values)
            }
            LandingOver(figure, size, base) => {
                let values: Vec<f64> = (figures.landing_ratios(figure, size, base)?.into_iter())
                    .map(|(_, ratio)| ratio)
                    .collect();
                (!values.is_empty()).then_some(values)
            }
            LargestMarkdown => {
                let values: Vec<f64> = (figures.site.values())
                    .filter_map(|site| site.output.largest_markdown.as_ref())
                    .map(|(_, bytes)| *bytes as f64)
                    .collect();
                (!values.is_empty()).then_some(values)
            }
        }
    }
}

impl Bound {
    pub fn holds(&self, value: f64) -> bool {
        match self.comparison {
            AtMost | Within => value <= self.limit,
            Under | Faster => value < self.limit,
        }
    }
}

impl Unit {
    /// How many of `Measure::values`' units (seconds, bytes, a multiple, a
    /// count) make one of this unit.
    fn scale(self) -> f64 {
        match self {
            Milliseconds => 1e-3,
            Megabytes => 1e6,
            Gigabytes => 1e9,
            CpuSeconds | Seconds | Files | Times(_) => 1.0,
        }
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let limit = self.limit;
        match (self.comparison, self.unit) {
            (Within, Times(other)) => write!(f, "within {limit}× of {other}"),
            (Faster, Times(other)) if limit == 1.0 => write!(f, "faster than {other}"),
            (AtMost, Files) if limit == 0.0 => write!(f, "no file"),
            (comparison, unit) => {
                let comparison = match comparison {
                    AtMost => "at most",
                    Under | Faster => "under",
                    Within => "within",
                };
                let unit = match unit {
                    CpuSeconds => " CPU-seconds",
                    Seconds => " s",
                    Milliseconds => " ms",
                    Megabytes => " MB",
                    Gigabytes => " GB",
                    Files => " files",
                    Times(other) => return write!(f, "{comparison} {limit}× {other}"),
                };
                write!(f, "{comparison} {limit}{unit}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::time::Duration;

    use super::*;
    use crate::figures::{Generation, XtaskBuild};

    #[test]
    fn each_goal_reads_as_its_issue_words_it() {
        let prose: Vec<String> = GOALS.iter().map(Goal::prose).collect();
        assert_eq!(
            prose,
            [
                "cold dev build of the xtask: at most 60 CPU-seconds",
                "dev-profile `gen` on the real catalog: under 100 ms",
                "dev-profile `gen` at 10,000 entries: at most 4.9 s",
                "`gen` at 10,000 entries: at most 2.5× the parse floor",
                "peak memory at 10,000 entries: at most 10× the catalog's size",
                "`gen` at 100,000 entries: at most 12× the time at 10,000",
                "peak memory at 100,000 entries: under 1 GB",
                "message → status: within 1.5× of a hand-written `match`",
                "code → status: within 1.2× of a hand-written `match`",
                "a no-op `gen` writes no file, at every size",
                "the crate at 10,000 codes checks faster than the match design",
                // Issue 27.
                "a landing page at 10,000 entries transfers at most 1 MB before the first search",
                "a landing page at 10,000 entries is usable within 3× of the same page's time on the real catalog",
                "at 10,000 entries each keystroke answers within 50 ms",
                "at 10,000 entries each keystroke answers within 3× of the same page's time on the real catalog",
                "a landing page at 100,000 entries transfers within 2× of the same page's bytes at 10,000",
                "a landing page at 100,000 entries is usable within 2× of the same page's time at 10,000",
                "at 100,000 entries each keystroke answers within 2× of the same page's time at 10,000",
                "every Markdown file of the output is at most 1 MB, at every size",
            ]
        );
    }

    #[test]
    fn each_measure_has_one_goal_with_one_place_for_its_bound() {
        for goal in GOALS {
            assert_eq!(
                goal.wording.matches("{bound}").count(),
                1,
                "{}",
                goal.wording
            );
            assert_eq!(
                GOALS
                    .iter()
                    .filter(|other| other.measure == goal.measure)
                    .count(),
                1,
                "{:?}",
                goal.measure
            );
        }
    }

    #[test]
    fn a_bound_reads_its_limit_and_unit() {
        let bound = |comparison, limit, unit| {
            Bound {
                comparison,
                limit,
                unit,
            }
            .to_string()
        };
        assert_eq!(bound(Under, 250.0, Milliseconds), "under 250 ms");
        assert_eq!(bound(AtMost, 3.0, Files), "at most 3 files");
        assert_eq!(bound(Faster, 0.5, Times("X")), "under 0.5× X");
    }

    #[test]
    fn a_limit_is_compared_in_its_unit_and_an_unmeasured_goal_has_no_verdict() {
        let mut figures = Figures::default();
        let dev_gen = Measure::DevGen(30).goal().unwrap();
        assert_eq!(dev_gen.met(&figures), None);
        let build = |dev_gen_ms| XtaskBuild {
            runs: 1,
            cpu: Duration::from_secs(60),
            wall: Duration::from_secs(30),
            cpu_range: (Duration::from_secs(60), Duration::from_secs(60)),
            crates: 1,
            dev_gen: BTreeMap::from([(30, Duration::from_millis(dev_gen_ms))]),
        };
        figures.xtask_build = Some(build(99));
        assert_eq!(dev_gen.met(&figures), Some(true));
        // At most 60 CPU-seconds: 60 is within it.
        assert_eq!(
            Measure::XtaskBuildCpu.goal().unwrap().met(&figures),
            Some(true)
        );
        // Under 100 ms: 100 is not.
        figures.xtask_build = Some(build(100));
        assert_eq!(dev_gen.met(&figures), Some(false));
    }

    #[test]
    fn a_goal_over_several_sizes_is_met_only_when_met_at_each() {
        let mut figures = Figures::default();
        let no_op = Measure::NoOpWritten.goal().unwrap();
        for (size, written) in [(30, 0), (1_000, 2), (10_000, 0)] {
            figures.generation.insert(
                size,
                Generation {
                    runs: 1,
                    cold: Duration::from_millis(2),
                    parse: Duration::from_millis(1),
                    no_op: Duration::from_millis(1),
                    no_op_written: written,
                    peak_bytes: 1,
                    catalog_bytes: 1,
                    bytes: None,
                },
            );
        }
        assert_eq!(figures.no_op_written(), Some(2));
        assert_eq!(no_op.met(&figures), Some(false));
    }
}
