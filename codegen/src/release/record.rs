//! The files of releases, beside the catalog: `catalog.lock` (the catalog as
//! last released) and `CHANGELOG.md` (every release's changes, newest
//! first). Only [`record`] writes them.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::{
    LOCK_FILE, Lock, changelog_section, check_version, lock, misdated_retirements,
    unretired_removals,
};
use crate::catalog::Catalog;
use crate::diagnostic::Diagnostic;
use crate::load::limits::MAX_BYTES;
use crate::read::read_limited;
use crate::version::Version;
use crate::write::write_atomically;

/// The changelog's file name, beside the catalog.
pub const CHANGELOG_FILE: &str = "CHANGELOG.md";

/// The changelog's first lines, above the releases.
const CHANGELOG_TITLE: &str = "# Changelog\n\nReleases of the generated packages (the Rust crate and the TypeScript types), written by `cargo xtask release` from the changes to catalog.yaml.\n";

/// A release file that could not be read or written.
#[derive(Debug, Clone)]
pub struct FileError {
    pub path: PathBuf,
    pub problem: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

/// Why a release was not recorded. Nothing was written.
#[derive(Debug)]
pub enum Refusal {
    /// Released codes are neither entries nor retired.
    Unretired(Vec<Diagnostic>),
    /// Retired codes whose `since` is not the release that retired them.
    Misdated(Vec<Diagnostic>),
    /// `package.version` is lower than the changes need (at the version).
    TooLow(Diagnostic),
    /// Nothing changed and the version is the released one, or lower.
    NotAbove {
        version: Version,
        released: Version,
    },
    File(FileError),
}

impl From<FileError> for Refusal {
    fn from(error: FileError) -> Self {
        Refusal::File(error)
    }
}

/// `catalog.lock` in `dir`, if there is one.
pub fn read_lock(dir: &Path) -> Result<Option<Lock>, FileError> {
    let path = dir.join(LOCK_FILE);
    let Some(bytes) = read_if_exists(&path)? else {
        return Ok(None);
    };
    let restore = "it is written by `cargo xtask release`: restore it from version control";
    let lock: Lock = serde_json::from_slice(&bytes).map_err(|error| FileError {
        path: path.clone(),
        problem: format!("{error}; {restore}"),
    })?;
    Ok(Some(lock))
}

/// Why `catalog` cannot be released after `released`, if it cannot: a
/// released code dropped without being retired, a retirement not dated by
/// the release that made it, a version too low for the changes or not
/// above the last release. Otherwise the lock the release would write.
pub fn refusal(released: Option<&Lock>, catalog: &Catalog) -> Result<Lock, Refusal> {
    let lock = lock(catalog, released).ok_or_else(|| FileError {
        path: PathBuf::from(LOCK_FILE),
        problem: "package.version is not a version (the catalog was not checked)".to_owned(),
    })?;
    if let Some(released) = released {
        let unretired = unretired_removals(released, catalog);
        if !unretired.is_empty() {
            return Err(Refusal::Unretired(unretired));
        }
        let misdated = misdated_retirements(released, catalog);
        if !misdated.is_empty() {
            return Err(Refusal::Misdated(misdated));
        }
        if let Some(problem) = check_version(released, catalog) {
            return Err(Refusal::TooLow(problem));
        }
        let version = lock.version;
        if released.version.step_to(version).is_none() {
            return Err(Refusal::NotAbove {
                version,
                released: released.version,
            });
        }
    }
    Ok(lock)
}

/// Records the release of `catalog` in `dir`, after `released` (the lock
/// read from there): [`prepare`], then [`Prepared::write`]. Returns the
/// changelog section written. (`command::release` is the command: it also
/// brings the outputs in line.)
pub fn record(
    dir: &Path,
    released: Option<&Lock>,
    catalog: &Catalog,
    date: &str,
) -> Result<String, Refusal> {
    Ok(prepare(dir, released, catalog, date)?.write()?)
}

/// A release decided and its files' new contents computed, nothing written.
#[derive(Debug)]
pub struct Prepared {
    dir: PathBuf,
    changelog: String,
    lock: String,
    /// The changelog section of this release.
    pub section: String,
}

/// Everything a release decides before it writes: its refusals
/// ([`refusal`]), the changelog as it is (a file that cannot be read is
/// refused here) with this release's section on top, and the new lock.
pub fn prepare(
    dir: &Path,
    released: Option<&Lock>,
    catalog: &Catalog,
    date: &str,
) -> Result<Prepared, Refusal> {
    let lock = refusal(released, catalog)?;
    let changelog_path = dir.join(CHANGELOG_FILE);
    let existing = match read_if_exists(&changelog_path)? {
        None => String::new(),
        Some(bytes) => String::from_utf8(bytes).map_err(|error| FileError {
            path: changelog_path.clone(),
            problem: format!("{error}; fix it by hand, then release again"),
        })?,
    };
    let (changelog, section) = match recorded_section(&existing, &catalog.package.version) {
        // Recorded by an earlier run that could not write the lock: that
        // section stands, with its date.
        Some(section) => (existing.clone(), section),
        None => {
            let section = changelog_section(released, catalog, date);
            (with_section(&existing, &section), section)
        }
    };
    let lock = serde_json::to_string_pretty(&lock).map_err(|error| FileError {
        path: dir.join(LOCK_FILE),
        problem: error.to_string(),
    })? + "\n";
    Ok(Prepared {
        dir: dir.to_path_buf(),
        changelog,
        lock,
        section,
    })
}

impl Prepared {
    /// Writes `CHANGELOG.md`, then `catalog.lock`. A section already in the
    /// changelog is not added again, so a release interrupted between the
    /// two is finished by running it again.
    pub fn write(self) -> Result<String, FileError> {
        for (name, contents) in [(CHANGELOG_FILE, &self.changelog), (LOCK_FILE, &self.lock)] {
            let path = self.dir.join(name);
            write_atomically(&path, contents.as_bytes()).map_err(|error| FileError {
                path,
                problem: error.to_string(),
            })?;
        }
        Ok(self.section)
    }
}

/// The changelog with `section` on top of the earlier releases.
fn with_section(existing: &str, section: &str) -> String {
    let rest = existing
        .strip_prefix(CHANGELOG_TITLE)
        .unwrap_or(existing)
        .trim_start();
    format!(
        "{CHANGELOG_TITLE}\n{section}{}{rest}",
        if rest.is_empty() { "" } else { "\n" }
    )
}

/// The section of `version` already in the changelog, if any: from its
/// heading to the next release's.
fn recorded_section(changelog: &str, version: &str) -> Option<String> {
    let heading = format!("## {version} (");
    let start = changelog.find(&heading)?;
    let rest = &changelog[start..];
    let end = rest[heading.len()..]
        .find("\n## ")
        .map_or(rest.len(), |next| heading.len() + next + 1);
    Some(rest[..end].trim_end().to_owned() + "\n")
}

fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, FileError> {
    match read_limited(path, MAX_BYTES) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(FileError {
            path: path.to_path_buf(),
            problem: error.to_string(),
        }),
    }
}

/// Today's date (UTC) as `YYYY-MM-DD`, or the date of `SOURCE_DATE_EPOCH`
/// when it is set, as reproducible builds expect.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| value.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs())
        });
    let (year, month, day) = civil_date(seconds / 86_400);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for days on or after the epoch).
fn civil_date(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_known_days() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(59), (1970, 3, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(11_017), (2000, 3, 1));
        // Checked against `date -u -d @$((DAYS * 86400)) +%F`.
        assert_eq!(civil_date(20_782), (2026, 11, 25));
        assert_eq!(civil_date(47_481), (2099, 12, 31));
        assert_eq!(civil_date(47_482), (2100, 1, 1));
    }

    #[test]
    fn a_section_already_in_the_changelog_is_found_with_its_own_date() {
        let once = with_section("", "## 0.2.0 (2026-11-25)\n\nChanged.\n");
        assert!(once.starts_with(CHANGELOG_TITLE), "{once}");
        let next = with_section(&once, "## 0.3.0 (2026-12-01)\n\nMore.\n");
        assert!(next.find("## 0.3.0").unwrap() < next.find("## 0.2.0").unwrap());
        assert_eq!(
            recorded_section(&next, "0.2.0").as_deref(),
            Some("## 0.2.0 (2026-11-25)\n\nChanged.\n")
        );
        assert_eq!(
            recorded_section(&next, "0.3.0").as_deref(),
            Some("## 0.3.0 (2026-12-01)\n\nMore.\n")
        );
        assert_eq!(recorded_section(&next, "0.4.0"), None);
    }
}
