//! A fresh clone's first `cargo xtask`: the xtask and its dependencies built
//! from nothing in the dev profile, what `gen` then costs with the binary
//! it built, and the number of crates in its graph.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::process::Command;

use crate::bench::Bench;
use crate::figures::XtaskBuild;
use crate::goals::{GOALS, Measure};
use crate::measure::{Progress, as_in_a_fresh_shell, median, timed, timed_usage};

pub fn measure(bench: &Bench, progress: &Progress) -> Result<XtaskBuild, String> {
    let target = bench.work.join("xtask-cold");
    // Several builds: one varies by a tenth here from run to run.
    let runs = bench.compile_runs();
    let mut builds = Vec::new();
    for run in 1..=runs {
        progress.run("cargo build into an empty target directory", run, runs);
        let _ = fs::remove_dir_all(&target);
        builds.push(timed_usage(as_in_a_fresh_shell(
            Command::new(&bench.cargo)
                .args([
                    "build",
                    "--quiet",
                    "--locked",
                    "-p",
                    "xtask",
                    "--target-dir",
                ])
                .arg(&target)
                .current_dir(&bench.root),
        ))?);
    }
    builds.sort_by_key(|usage| usage.cpu);
    let (Some(least), Some(middle), Some(most)) =
        (builds.first(), builds.get(builds.len() / 2), builds.last())
    else {
        return Err("error: the xtask's build was not measured".to_owned());
    };
    // What `cargo xtask gen` then costs: the dev-profile binary just built.
    let dev_xtask = target.join("debug/xtask");
    let mut dev_gen = BTreeMap::new();
    // At the sizes its goals name.
    let sizes = GOALS.iter().filter_map(|goal| match goal.measure {
        Measure::DevGen(size) => Some(size),
        _ => None,
    });
    for size in sizes {
        let catalog = bench.catalog(size);
        if !catalog.exists() {
            continue;
        }
        let out = bench.work.join(format!("dev-out-{size}"));
        let runs = bench.runs(size);
        let mut times = Vec::new();
        for run in 1..=runs {
            progress.run(&format!("dev-profile gen at {size} entries"), run, runs);
            let _ = fs::remove_dir_all(&out);
            times.push(
                timed(
                    Command::new(&dev_xtask)
                        .args(["gen", "--catalog"])
                        .arg(&catalog)
                        .arg("--out")
                        .arg(&out),
                )?
                .0,
            );
        }
        let _ = fs::remove_dir_all(&out);
        dev_gen.insert(size, median(times));
    }
    let _ = fs::remove_dir_all(&target);
    let (_, _, tree) = timed(
        Command::new(&bench.cargo)
            .args([
                "tree", "--locked", "-p", "xtask", "-e", "normal", "--prefix", "none",
            ])
            .current_dir(&bench.root),
    )?;
    Ok(XtaskBuild {
        runs,
        cpu: middle.cpu,
        wall: middle.wall,
        cpu_range: (least.cpu, most.cpu),
        crates: tree.lines().collect::<BTreeSet<_>>().len(),
        dev_gen,
    })
}
