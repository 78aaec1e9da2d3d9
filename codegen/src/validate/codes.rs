//! Rules 2, 4 and 5: the `codes` range, the entries' codes, and the
//! lifecycle of a code (deprecated, retired).

use super::entries::{check_identifier, check_message_text};
use super::unique::FirstSeen;
use crate::catalog::{Catalog, Located};
use crate::diagnostic::Diagnostic;
use crate::naming;
use crate::version::Version;

/// The widest `codes` range: 2^20 codes. The generated crate finds a
/// status by indexing a table with one slot per code of the range in use,
/// at most 4 MiB at this span.
pub const MAX_CODE_SPAN: u32 = 1 << 20;

pub(super) fn check_code_range(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    let range = &catalog.codes;
    if range.min.value > range.max.value {
        problems.push(Diagnostic::new(
            range.min.at,
            format!(
                "codes.min ({}) is above codes.max ({})",
                range.min.value, range.max.value
            ),
        ));
    } else if range.max.value - range.min.value >= MAX_CODE_SPAN {
        problems.push(Diagnostic::new(
            range.max.at,
            format!(
                "codes {}..={} spans {} codes; at most {MAX_CODE_SPAN} are allowed (the generated crate keeps a lookup table as wide as the codes in use)",
                range.min.value,
                range.max.value,
                u64::from(range.max.value - range.min.value) + 1
            ),
        ));
    }
}

pub(super) fn check_codes(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    if catalog.entries.is_empty() {
        problems.push(Diagnostic::new(
            catalog.entries.at,
            "the catalog has no entries",
        ));
    }
    let (min, max) = (catalog.codes.min.value, catalog.codes.max.value);
    // An upside-down range is reported once, not once per code.
    let range_is_valid = min <= max;
    let mut seen = FirstSeen::new("used");
    for entry in catalog.entries.iter() {
        let code = &entry.code;
        if range_is_valid && (code.value < min || code.value > max) {
            problems.push(Diagnostic::new(
                code.at,
                format!(
                    "code {} is outside the declared range {min}..={max}",
                    code.value
                ),
            ));
        }
        seen.record(code, || format!("duplicate code {}", code.value), problems);
    }
}

/// Deprecations and retired codes: versions are `MAJOR.MINOR.PATCH`, a
/// replacement is another entry (a retired code's, an entry), and no entry
/// has a retired code.
pub(super) fn check_lifecycle(catalog: &Catalog, problems: &mut Vec<Diagnostic>) {
    let version_ok = |version: &str| version.parse::<Version>().is_ok();
    let mut retired = FirstSeen::new("retired");
    for code in catalog.retired.iter().flatten() {
        // The pages list it: its fields follow the rules of an entry's.
        check_identifier(&code.id, "id", naming::entry_names(&code.id), problems);
        check_message_text(&code.message, "message", problems);
        if code.reason.trim().is_empty() {
            problems.push(Diagnostic::new(code.reason.at, "reason is empty"));
        }
        if !version_ok(&code.since) {
            problems.push(Diagnostic::new(
                code.since.at,
                format!("since `{}` is not a version like 1.2.0", code.since.value),
            ));
        }
        if let Some(replacement) = &code.replaced_by {
            check_replacement(catalog, replacement, problems);
        }
        retired.record(
            &code.code,
            || format!("code {} is retired twice", code.code.value),
            problems,
        );
    }
    for entry in catalog.entries.iter() {
        if let Some(at) = retired.first(&entry.code.value) {
            problems.push(
                Diagnostic::new(
                    entry.code.at,
                    format!("code {} was retired and is never reused: consumers may still receive it with its old meaning", entry.code.value),
                )
                .with_note(format!("retired at {at}")),
            );
        }
        let Some(deprecation) = &entry.deprecated else {
            continue;
        };
        if !version_ok(&deprecation.since) {
            problems.push(Diagnostic::new(
                deprecation.since.at,
                format!(
                    "since `{}` is not a version like 1.2.0",
                    deprecation.since.value
                ),
            ));
        }
        if deprecation.reason.trim().is_empty() {
            problems.push(Diagnostic::new(deprecation.reason.at, "reason is empty"));
        }
        if let Some(replacement) = &deprecation.replaced_by {
            if replacement.value == entry.code.value {
                problems.push(Diagnostic::new(
                    replacement.at,
                    format!("{} cannot replace itself", replacement.value),
                ));
            } else {
                check_replacement(catalog, replacement, problems);
            }
        }
    }
}

/// A `replaced_by` names an entry.
fn check_replacement(
    catalog: &Catalog,
    replacement: &Located<u32>,
    problems: &mut Vec<Diagnostic>,
) {
    if !catalog
        .entries
        .iter()
        .any(|entry| entry.code.value == replacement.value)
    {
        problems.push(Diagnostic::new(
            replacement.at,
            format!("replaced_by {}: no entry has this code", replacement.value),
        ));
    }
}
