//! Running and timing child processes, and saying how far along the bench is.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

/// What the kernel reports of a child process it has reaped.
#[derive(Clone, Copy)]
pub struct Usage {
    pub wall: Duration,
    /// User and system time of the child and of every descendant it waited
    /// for (for `cargo build`, the compilers it ran).
    pub cpu: Duration,
    /// Peak resident memory of the child itself, in kB.
    pub peak_kb: u64,
}

/// Runs `command` to its end and returns its wall time, stderr and stdout;
/// fails with its stderr when it fails.
pub fn timed(command: &mut Command) -> Result<(Duration, String, String), String> {
    let started = Instant::now();
    let output = command
        .output()
        .map_err(|error| format!("error: cannot run {command:?}: {error}"))?;
    let elapsed = started.elapsed();
    if !output.status.success() {
        return Err(format!(
            "error: {command:?} failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok((
        elapsed,
        String::from_utf8_lossy(&output.stderr).into_owned(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

pub fn run_status(command: &mut Command) -> Result<(), String> {
    timed(command).map(drop)
}

/// Runs `command` to its end, its output discarded, and returns what the
/// kernel reports to the parent that reaps it (`wait4`): measured from
/// outside, so the programs measured carry no hook.
pub fn timed_usage(command: &mut Command) -> Result<Usage, String> {
    let started = Instant::now();
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("error: cannot run {command:?}: {error}"))?;
    let pid = libc::pid_t::try_from(child.id()).map_err(|error| error.to_string())?;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that `wait4` fills in; all-zero bytes
    // are a valid value of it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for (`child` is only
    // dropped, never waited on), and both pointers are to live locals.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    drop(child);
    if reaped != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!(
            "error: {command:?} failed (status {status}); run it by hand to see why"
        ));
    }
    let time = |value: libc::timeval| {
        Duration::from_secs(u64::try_from(value.tv_sec).unwrap_or(0))
            + Duration::from_micros(u64::try_from(value.tv_usec).unwrap_or(0))
    };
    Ok(Usage {
        wall,
        cpu: time(usage.ru_utime) + time(usage.ru_stime),
        // Linux reports `ru_maxrss` in kilobytes.
        peak_kb: u64::try_from(usage.ru_maxrss).unwrap_or(0),
    })
}

/// `command` (a build) without the settings a developer may have exported
/// that change what is built or hide its cost: a profile, incremental
/// state, compiler flags, a compiler wrapper such as a build cache.
pub fn as_in_a_fresh_shell(command: &mut Command) -> &mut Command {
    const SETTINGS: &[&str] = &[
        "CARGO_INCREMENTAL",
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
        "CARGO_BUILD_RUSTC_WRAPPER",
        "CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER",
    ];
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_PROFILE_") || SETTINGS.contains(&name.as_ref()) {
            command.env_remove(name.as_ref());
        }
    }
    command
}

pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Every file under `dir` with its modification time.
pub fn modification_times(dir: &Path) -> Result<BTreeMap<PathBuf, SystemTime>, String> {
    Ok((files_under(dir)?.into_iter())
        .filter_map(|(path, metadata)| Some((path, metadata.modified().ok()?)))
        .collect())
}

/// Every file under `dir` with its size in bytes.
pub fn file_sizes(dir: &Path) -> Result<BTreeMap<PathBuf, u64>, String> {
    Ok((files_under(dir)?.into_iter())
        .map(|(path, metadata)| (path, metadata.len()))
        .collect())
}

fn files_under(dir: &Path) -> Result<Vec<(PathBuf, fs::Metadata)>, String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let items = fs::read_dir(&current)
            .map_err(|error| format!("error: {}: {error}", current.display()))?;
        for item in items {
            let path = item.map_err(|error| error.to_string())?.path();
            let metadata = fs::metadata(&path)
                .map_err(|error| format!("error: {}: {error}", path.display()))?;
            if metadata.is_dir() {
                pending.push(path);
            } else {
                files.push((path, metadata));
            }
        }
    }
    Ok(files)
}

/// Runs `command` to its end, its stderr shown as it comes, and returns its
/// stdout; fails when it fails. Stopped when it has not ended within
/// `limit`: asked to end (SIGTERM, on which puppeteer closes the browser
/// it launched), then, ten seconds later, killed.
pub fn stdout_within(command: &mut Command, limit: Duration) -> Result<String, String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|error| format!("error: cannot run {command:?}: {error}"))?;
    let mut stdout = child.stdout.take().ok_or("error: no stdout")?;
    // Read as it comes, so that a full pipe never stops the child.
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        stdout.read_to_string(&mut text).map(|_| text)
    });
    let pid = libc::pid_t::try_from(child.id()).map_err(|error| error.to_string())?;
    let started = Instant::now();
    let mut asked_to_end = None;
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|error| error.to_string())? {
            break status;
        }
        match asked_to_end {
            None if started.elapsed() > limit => {
                // SAFETY: `kill` only sends a signal, to our own child, not
                // yet reaped (`try_wait` just found it running).
                unsafe { libc::kill(pid, libc::SIGTERM) };
                asked_to_end = Some(Instant::now());
            }
            Some(asked) if asked.elapsed() > Duration::from_secs(10) => {
                // SAFETY: as above.
                unsafe { libc::kill(pid, libc::SIGKILL) };
            }
            _ => {}
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = reader
        .join()
        .map_err(|_| "error: reading the output failed".to_owned())?
        .map_err(|error| format!("error: reading the output of {command:?}: {error}"))?;
    if asked_to_end.is_some() {
        return Err(format!(
            "error: {command:?} did not end within {} s and was stopped",
            limit.as_secs()
        ));
    }
    if !status.success() {
        return Err(format!(
            "error: {command:?} failed ({status}); its messages are above"
        ));
    }
    Ok(stdout)
}

/// Where the bench is, on stderr: `bench [3/14] gen at 10000 entries: cold
/// gen, run 2 of 5`. A full run takes long enough that silence looks hung.
pub struct Progress {
    step: usize,
    total: usize,
    label: String,
}

impl Progress {
    pub fn new(total: usize) -> Self {
        Progress {
            step: 0,
            total,
            label: String::new(),
        }
    }

    /// The next step begins.
    pub fn begin(&mut self, label: String) {
        self.step += 1;
        self.label = label;
        eprintln!("bench [{}/{}] {}", self.step, self.total, self.label);
    }

    /// Run `run` of `runs` of `what`, within the current step.
    pub fn run(&self, what: &str, run: usize, runs: usize) {
        eprintln!(
            "bench [{}/{}] {}: {what}, run {run} of {runs}",
            self.step, self.total, self.label
        );
    }
}
