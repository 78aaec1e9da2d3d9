//! `MAJOR.MINOR.PATCH`, the only version format the catalog knows: the one
//! parser of versions (the package's, deprecations', retirements' and
//! `catalog.lock`'s), and the steps between versions in Cargo's reading of
//! semver.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A version, parsed once wherever it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

/// A text that is not `MAJOR.MINOR.PATCH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError {
    pub text: String,
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "version `{}` is not MAJOR.MINOR.PATCH", self.text)
    }
}

impl std::error::Error for VersionError {}

impl FromStr for Version {
    type Err = VersionError;

    /// Three decimal numbers without leading zeros, separated by dots.
    fn from_str(text: &str) -> Result<Self, VersionError> {
        let number = |part: Option<&str>| {
            let part = part?;
            let digits = !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
            let canonical = part.len() == 1 || !part.starts_with('0');
            (digits && canonical).then(|| part.parse::<u64>().ok())?
        };
        let mut parts = text.split('.');
        let version = (|| {
            let version = Version {
                major: number(parts.next())?,
                minor: number(parts.next())?,
                patch: number(parts.next())?,
            };
            parts.next().is_none().then_some(version)
        })();
        version.ok_or_else(|| VersionError {
            text: text.to_owned(),
        })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Serialized as written, `1.2.0`.
impl Serialize for Version {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Read from its text, so that a file holding versions (`catalog.lock`) is
/// refused where one is malformed.
impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// How much a change breaks, as semver levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Patch,
    Minor,
    Major,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Patch => "patch",
            Level::Minor => "minor",
            Level::Major => "major",
        })
    }
}

impl Version {
    /// The level of the step from `self` to `to`, in Cargo's reading of
    /// semver (below 1.0.0 the minor number is the breaking one, and the
    /// patch number takes both new features and fixes), or `None` if `to`
    /// is not above `self`.
    pub fn step_to(self, to: Version) -> Option<Level> {
        if to <= self {
            return None;
        }
        let (from, to) = (self.parts(), to.parts());
        Some(match (from, to) {
            ((0, 0, _), _) | (_, (0, 0, _)) => Level::Major,
            ((0, a, _), (0, b, _)) if a == b => Level::Minor,
            ((0, _, _), _) => Level::Major,
            ((a, _, _), (b, _, _)) if a != b => Level::Major,
            ((_, a, _), (_, b, _)) if a != b => Level::Minor,
            _ => Level::Patch,
        })
    }

    /// The lowest version after `self` that allows a `level` change.
    pub fn next(self, level: Level) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        let (major, minor, patch) = match (major, level) {
            (0, Level::Major) => (0, minor + 1, 0),
            (0, _) => (0, minor, patch + 1),
            (_, Level::Major) => (major + 1, 0, 0),
            (_, Level::Minor) => (major, minor + 1, 0),
            (_, Level::Patch) => (major, minor, patch + 1),
        };
        Version {
            major,
            minor,
            patch,
        }
    }

    fn parts(self) -> (u64, u64, u64) {
        (self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::{Level, Version};

    fn v(text: &str) -> Version {
        text.parse().unwrap()
    }

    #[test]
    fn versions_are_three_numbers_without_leading_zeros() {
        assert_eq!(
            "1.20.3".parse(),
            Ok(Version {
                major: 1,
                minor: 20,
                patch: 3
            })
        );
        assert_eq!(v("0.1.0").to_string(), "0.1.0");
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "01.2.3",
            "1.02.3",
            "1.2.x",
            "1..3",
            "-1.2.3",
            " 1.2.3",
            "1.2.3-rc.1",
        ] {
            let error = bad.parse::<Version>().unwrap_err();
            assert_eq!(error.text, bad);
            assert_eq!(
                error.to_string(),
                format!("version `{bad}` is not MAJOR.MINOR.PATCH")
            );
        }
    }

    #[test]
    fn steps_follow_cargos_reading_of_semver() {
        assert_eq!(v("0.1.0").step_to(v("0.1.1")), Some(Level::Minor));
        assert_eq!(v("0.1.3").step_to(v("0.2.0")), Some(Level::Major));
        assert_eq!(v("0.0.1").step_to(v("0.0.2")), Some(Level::Major));
        assert_eq!(v("1.2.3").step_to(v("1.2.4")), Some(Level::Patch));
        assert_eq!(v("1.2.3").step_to(v("1.3.0")), Some(Level::Minor));
        assert_eq!(v("1.2.3").step_to(v("2.0.0")), Some(Level::Major));
        assert_eq!(v("1.2.3").step_to(v("1.2.3")), None);
        assert_eq!(v("1.2.3").step_to(v("1.2.2")), None);
        assert_eq!(v("0.1.0").next(Level::Major), v("0.2.0"));
        assert_eq!(v("0.1.0").next(Level::Minor), v("0.1.1"));
        assert_eq!(v("1.4.2").next(Level::Minor), v("1.5.0"));
        assert_eq!(v("1.4.2").next(Level::Major), v("2.0.0"));
        assert_eq!(v("1.4.2").next(Level::Patch), v("1.4.3"));
    }

    #[test]
    fn a_version_reads_and_writes_as_its_text() {
        let read: Version = serde_json::from_str("\"2.10.0\"").unwrap();
        assert_eq!(read, v("2.10.0"));
        assert_eq!(serde_json::to_string(&read).unwrap(), "\"2.10.0\"");
        let refused = serde_json::from_str::<Version>("\"2.1\"").unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("version `2.1` is not MAJOR.MINOR.PATCH")
        );
    }
}
