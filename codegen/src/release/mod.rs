//! Releases of the generated packages: what changed since the last one, and
//! which version that requires.
//!
//! `catalog.lock` (beside the catalog, written only by `cargo xtask
//! release`) records the catalog as last released: the version and, per
//! code, what a consumer's code can depend on (identifier, message,
//! aliases, deprecation) and a fingerprint of its texts. [`classify`]
//! compares the catalog with it:
//!
//! - a text changed: patch;
//! - a new code, a new alias, a newly deprecated entry, advice given where
//!   there was none (`who_acts`, `retry`): minor (the enum is
//!   `#[non_exhaustive]`, so a new variant breaks no `match`);
//! - a removed code, a changed identifier or canonical message, a removed
//!   alias, advice changed or removed (services act on it): major.
//!
//! Versions follow Cargo's reading of semver: below 1.0.0 the minor number
//! is the breaking one (0.1.x → 0.2.0 is "major"), and the patch number takes
//! both new features and fixes.
//!
//! [`record`] reads `catalog.lock` and records a release in it and in
//! `CHANGELOG.md`; [`Status`] is what `check` says about the next release.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalog::{Catalog, Entry};
use crate::diagnostic::Diagnostic;
use crate::model::History;
pub use crate::version::Level;
use crate::version::Version;

pub mod record;

/// File name of the lock, beside the catalog.
pub const LOCK_FILE: &str = "catalog.lock";

/// The catalog as of its last release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lock {
    #[serde(rename = "//")]
    pub notice: String,
    pub version: Version,
    pub codes: BTreeMap<u32, LockedCode>,
    /// Released codes since removed, with their history.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub retired: BTreeMap<u32, RetiredCode>,
}

/// A released code that was later retired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetiredCode {
    pub id: String,
    pub message: String,
    /// The version that first released it.
    pub since: Version,
    /// The version that retired it.
    pub retired: Version,
}

impl Lock {
    /// The version that first released `code`, if it was released. Locks
    /// written before versions were recorded per code had one release, the
    /// lock's own.
    pub fn first_released(&self, code: u32) -> Option<Version> {
        self.codes
            .get(&code)
            .map(|locked| locked.since.unwrap_or(self.version))
    }
}

/// What consumers can depend on, for one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockedCode {
    pub id: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    /// Fingerprint of every text of the entry, in every language.
    pub texts: String,
    /// Who must act and what a retry can do, where the catalog says
    /// (services act on these, so a change is a change of the API).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_acts: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<String>,
    /// The version that first released the code (absent in locks written
    /// before it was recorded: see [`Lock::first_released`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Version>,
}

/// One change since the last release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub level: Level,
    pub code: u32,
    pub description: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.description, self.level)
    }
}

/// The lock for `catalog` released as it is now, after `released`: each
/// code keeps the version that first released it, a new one gets this
/// version, and a released code now listed as retired moves to `retired`.
/// `None` when `package.version` is no version (validation refuses that).
pub fn lock(catalog: &Catalog, released: Option<&Lock>) -> Option<Lock> {
    let version: Version = catalog.package.version.parse().ok()?;
    let first_released = |code: u32| {
        released
            .and_then(|lock| lock.first_released(code))
            .unwrap_or(version)
    };
    let mut retired = released
        .map(|lock| lock.retired.clone())
        .unwrap_or_default();
    for code in catalog.retired.iter().flatten() {
        let Some(was) = released.and_then(|lock| lock.codes.get(&code.code.value)) else {
            continue;
        };
        retired.insert(
            code.code.value,
            RetiredCode {
                id: was.id.clone(),
                message: was.message.clone(),
                since: first_released(code.code.value),
                retired: code.since.parse().ok()?,
            },
        );
    }
    Some(Lock {
        notice:
            "Written by `cargo xtask release`: the catalog as of its last release. Do not edit."
                .to_owned(),
        codes: catalog
            .entries
            .iter()
            .map(|entry| {
                let mut locked = locked(entry);
                locked.since = Some(first_released(entry.code.value));
                (entry.code.value, locked)
            })
            .collect(),
        retired,
        version,
    })
}

/// The version the next release will have, as far as it is known now: the
/// higher of `package.version` and the lowest version the changes since the
/// last release need.
fn prepared_version(released: Option<&Lock>, catalog: &Catalog, version: Version) -> Version {
    let Some(released) = released else {
        return version;
    };
    match Status::of(released, catalog).next {
        Some((next, _)) if next > version => next,
        _ => version,
    }
}

/// What the outputs say about each code's history: the version that first
/// released it (from `released`), and the version a code not released yet
/// will first appear in. `None` when `package.version` is no version
/// (validation refuses that).
pub fn history(released: Option<&Lock>, catalog: &Catalog) -> Option<History> {
    let version: Version = catalog.package.version.parse().ok()?;
    Some(History {
        prepared: prepared_version(released, catalog, version),
        first_released: released
            .map(|lock| {
                lock.codes
                    .keys()
                    .filter_map(|&code| Some((code, lock.first_released(code)?)))
                    .collect()
            })
            .unwrap_or_default(),
    })
}

fn locked(entry: &Entry) -> LockedCode {
    let mut texts = String::new();
    for (tag, text) in entry.text.iter() {
        texts.push_str(&format!(
            "{}\u{0}{}\u{0}{}\u{0}",
            tag.value,
            text.description.value,
            text.solution
                .as_ref()
                .map_or("", |solution| solution.as_str())
        ));
    }
    LockedCode {
        id: entry.id.value.clone(),
        message: entry.message.value.clone(),
        aliases: entry
            .aliases()
            .iter()
            .map(|alias| alias.value.clone())
            .collect(),
        deprecated: entry.deprecated.is_some(),
        since: None,
        who_acts: entry.who_acts.as_ref().map(|word| word.value.clone()),
        retry: entry.retry.as_ref().map(|word| word.value.clone()),
        // As recorded since the first release: the texts and a closing NUL.
        texts: crate::fingerprint::short_hex(
            crate::fingerprint::Hasher::default()
                .update(texts.as_bytes())
                .update(&[0])
                .finish(),
        ),
    }
}

/// Every change from `released` to `catalog`, by code.
pub fn classify(released: &Lock, catalog: &Catalog) -> Vec<Change> {
    let Some(now) = lock(catalog, Some(released)) else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    let mut change = |level, code, description: String| {
        changes.push(Change {
            level,
            code,
            description,
        })
    };
    for (code, before) in &released.codes {
        let Some(after) = now.codes.get(code) else {
            change(Level::Major, *code, format!("removed {code} {}", before.id));
            continue;
        };
        if after.id != before.id {
            change(
                Level::Major,
                *code,
                format!("{code}: identifier {} renamed to {}", before.id, after.id),
            );
        }
        if after.message != before.message {
            change(
                Level::Major,
                *code,
                format!(
                    "{code} {}: message `{}` changed to `{}`",
                    after.id, before.message, after.message
                ),
            );
        }
        for alias in &before.aliases {
            if !after.aliases.contains(alias) && &after.message != alias {
                change(
                    Level::Major,
                    *code,
                    format!("{code} {}: alias `{alias}` removed", after.id),
                );
            }
        }
        for alias in &after.aliases {
            if !before.aliases.contains(alias) {
                change(
                    Level::Minor,
                    *code,
                    format!("{code} {}: alias `{alias}` added", after.id),
                );
            }
        }
        for (field, was, now) in [
            ("who_acts", &before.who_acts, &after.who_acts),
            ("retry", &before.retry, &after.retry),
        ] {
            let id = &after.id;
            match (was, now) {
                (None, Some(now)) => {
                    change(
                        Level::Minor,
                        *code,
                        format!("{code} {id}: {field} `{now}` given"),
                    );
                }
                (Some(was), None) => {
                    change(
                        Level::Major,
                        *code,
                        format!("{code} {id}: {field} `{was}` removed"),
                    );
                }
                (Some(was), Some(now)) if was != now => change(
                    Level::Major,
                    *code,
                    format!("{code} {id}: {field} `{was}` changed to `{now}`"),
                ),
                _ => {}
            }
        }
        if after.deprecated && !before.deprecated {
            change(
                Level::Minor,
                *code,
                format!("{code} {} deprecated", after.id),
            );
        }
        if after.texts != before.texts {
            change(
                Level::Patch,
                *code,
                format!("{code} {}: texts changed", after.id),
            );
        }
    }
    for (code, after) in &now.codes {
        if !released.codes.contains_key(code) {
            change(Level::Minor, *code, format!("added {code} {}", after.id));
        }
    }
    changes.sort_by_key(|change| (std::cmp::Reverse(change.level), change.code));
    changes
}

/// `release`'s verdict: an error at `package.version` when the version is
/// lower than the changes since the last release require. (`check` only
/// reports the changes: raising the version is part of releasing.)
pub fn check_version(released: &Lock, catalog: &Catalog) -> Option<Diagnostic> {
    let changes = classify(released, catalog);
    let required = changes.iter().map(|change| change.level).max()?;
    let version = &catalog.package.version;
    let allowed = version
        .parse()
        .ok()
        .and_then(|version| released.version.step_to(version));
    // `step` already reads a patch-number step below 1.0 as minor.
    let enough = allowed.is_some_and(|allowed| allowed >= required);
    if enough {
        return None;
    }
    let mut diagnostic = Diagnostic::new(
        version.at,
        format!(
            "version {} is too low for the changes since release {}: they need a {required} release, {} or later",
            version.value,
            released.version,
            released.version.next(required)
        ),
    );
    for change in changes.iter().filter(|change| change.level == required) {
        diagnostic = diagnostic.with_note(change.to_string());
    }
    Some(diagnostic)
}

/// What `check` tells about the next release: the changes since the last
/// one and the lowest version they need. Information, not a verdict:
/// raising the version belongs to releasing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub released: Version,
    pub changes: Vec<Change>,
    /// The lowest version the next release needs, and why.
    pub next: Option<(Version, Level)>,
    /// The catalog's `package.version`, and whether it is enough.
    pub version: String,
    pub version_allows: bool,
}

impl Status {
    pub fn of(released: &Lock, catalog: &Catalog) -> Status {
        let changes = classify(released, catalog);
        let next = changes
            .iter()
            .map(|change| change.level)
            .max()
            .map(|level| (released.version.next(level), level));
        Status {
            released: released.version,
            changes,
            next,
            version: catalog.package.version.value.clone(),
            version_allows: check_version(released, catalog).is_none(),
        }
    }
}

/// `release: 1 change since 0.1.0:` and the changes, then the version the
/// next release needs.
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((next, level)) = &self.next else {
            return writeln!(f, "release: no changes since {}", self.released);
        };
        writeln!(
            f,
            "release: {} change{} since {}:",
            self.changes.len(),
            if self.changes.len() == 1 { "" } else { "s" },
            self.released
        )?;
        for change in &self.changes {
            writeln!(f, "  {change}")?;
        }
        if self.version_allows {
            writeln!(
                f,
                "release: the next release must be at least {next} ({level}); package.version {} allows it",
                self.version
            )
        } else {
            writeln!(
                f,
                "release: the next release must be at least {next} ({level}); raise package.version (now {}) when you run `cargo xtask release`",
                self.version
            )
        }
    }
}

/// Codes that were released and are now neither entries nor listed under
/// `retired`: a removed code must stay listed so that it is never reused.
pub fn unretired_removals(released: &Lock, catalog: &Catalog) -> Vec<Diagnostic> {
    let listed = |code: u32| {
        catalog
            .retired
            .iter()
            .flatten()
            .any(|retired| retired.code.value == code)
    };
    let removed = released
        .codes
        .iter()
        .filter(|(code, _)| {
            !catalog.entries.iter().any(|entry| entry.code.value == **code) && !listed(**code)
        })
        .map(|(code, locked)| {
            Diagnostic::new(
                catalog.entries.at,
                format!(
                    "{code} {} was released in {} and is no longer an entry; list it under `retired` so that it is never reused",
                    locked.id, released.version
                ),
            )
        });
    // A code retired in an earlier release stays listed (and so, never an
    // entry again: validation refuses that).
    let unlisted = released
        .retired
        .iter()
        .filter(|(code, _)| !listed(**code))
        .map(|(code, was)| {
            Diagnostic::new(
                catalog.entries.at,
                format!(
                    "{code} {} was retired in {}; keep it under `retired` so that it is never reused",
                    was.id, was.retired
                ),
            )
        });
    removed.chain(unlisted).collect()
}

/// Retired codes whose `since` is not the version that retires them: a code
/// released and now retired is retired by the release being recorded
/// (`package.version`), and one retired earlier keeps the version the lock
/// recorded.
pub fn misdated_retirements(released: &Lock, catalog: &Catalog) -> Vec<Diagnostic> {
    let Ok(releasing) = catalog.package.version.parse::<Version>() else {
        return Vec::new();
    };
    catalog
        .retired
        .iter()
        .flatten()
        .filter_map(|code| {
            let number = code.code.value;
            let (expected, why) = if let Some(earlier) = released.retired.get(&number) {
                (
                    earlier.retired,
                    format!("it was retired in {}", earlier.retired),
                )
            } else if released.codes.contains_key(&number) {
                (releasing, format!("this release, {releasing}, retires it"))
            } else {
                return None;
            };
            (code.since.parse::<Version>().ok() != Some(expected)).then(|| {
                Diagnostic::new(
                    code.since.at,
                    format!(
                        "{number} {} is retired in `{}`, but {why}: write `since: {expected}`",
                        code.id.value, code.since.value
                    ),
                )
            })
        })
        .collect()
}

/// The changelog section for a release of `catalog` after `released`.
pub fn changelog_section(released: Option<&Lock>, catalog: &Catalog, date: &str) -> String {
    let version = &catalog.package.version.value;
    let mut section = format!("## {version} ({date})\n\n");
    let Some(released) = released else {
        section.push_str(&format!(
            "First release: {} status codes.\n",
            catalog.entries.len()
        ));
        return section;
    };
    let changes = classify(released, catalog);
    for (level, heading) in [
        (Level::Major, "Breaking"),
        (Level::Minor, "Added"),
        (Level::Patch, "Changed texts"),
    ] {
        let lines: Vec<String> = changes
            .iter()
            .filter(|change| change.level == level)
            .map(|change| format!("- {}\n", change.description))
            .collect();
        if !lines.is_empty() {
            section.push_str(&format!("### {heading}\n\n{}\n", lines.concat()));
        }
    }
    if changes.is_empty() {
        section.push_str("No changes to the status codes.\n");
    }
    section.trim_end().to_owned() + "\n"
}
