//! The generated outputs compiled: cold `cargo check` and `cargo build` of
//! the generated crate, `cargo check` of the match-in-every-method design it
//! replaced, `tsc` over the npm package's declarations, and the package's
//! size as `npm pack` reports it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::baselines;
use crate::bench::{Bench, write_crate};
use crate::figures::Outputs;
use crate::measure::{self, Progress, median, timed};

pub fn measure(bench: &Bench, progress: &Progress, size: usize) -> Result<Outputs, String> {
    let (out, runs) = (bench.out(size), bench.compile_runs());
    let match_design = bench.work.join(format!("match-design-{size}"));
    write_crate(
        &match_design,
        "match-design",
        "",
        &baselines::match_design_library(&bench.load(size)?),
    )?;
    let manifest = out.join("rust/Cargo.toml");
    let target = bench.work.join(format!("crate-target-{size}"));
    let (mut check, mut build, mut match_check) = (Vec::new(), Vec::new(), Vec::new());
    for run in 1..=runs {
        progress.run("cargo check, cargo build, match design", run, runs);
        check.push(bench.cold_cargo("check", &manifest, &target)?);
        build.push(bench.cold_cargo("build", &manifest, &target)?);
        match_check.push(bench.cold_cargo("check", &match_design.join("Cargo.toml"), &target)?);
    }
    let typescript = out.join("typescript");
    let declarations = declaration_files(&typescript)?;
    let tsc = bench
        .root
        .join("xtask/js/node_modules/typescript-5.8/bin/tsc");
    let mut tsc_times = Vec::new();
    for run in 1..=runs {
        progress.run("tsc", run, runs);
        tsc_times.push(
            timed(
                Command::new("node")
                    .arg(&tsc)
                    .args(["--noEmit", "--strict", "--skipLibCheck", "false"])
                    .args(&declarations)
                    .current_dir(&typescript),
            )?
            .0,
        );
    }
    let (_, _, pack) = timed(
        Command::new("npm")
            .args(["pack", "--dry-run", "--json"])
            .current_dir(&typescript),
    )?;
    let pack: serde_json::Value = serde_json::from_str(&pack)
        .map_err(|error| format!("error: reading `npm pack --json`: {error}"))?;
    let bytes = |field: &str| pack[0][field].as_u64().unwrap_or(0);
    Ok(Outputs {
        check: median(check),
        build: median(build),
        match_design_check: median(match_check),
        tsc: median(tsc_times),
        packed_bytes: bytes("size"),
        unpacked_bytes: bytes("unpackedSize"),
    })
}

/// Every declaration file of the npm package, relative to it, in a stable order.
fn declaration_files(package: &Path) -> Result<Vec<PathBuf>, String> {
    let files = measure::modification_times(package)?;
    Ok(files
        .into_keys()
        .filter(|path| {
            let name = path.to_string_lossy();
            name.ends_with(".d.ts") || name.ends_with(".d.mts")
        })
        .filter_map(|path| path.strip_prefix(package).ok().map(Path::to_path_buf))
        .collect())
}
