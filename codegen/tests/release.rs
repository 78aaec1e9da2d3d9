//! Releases: each class of change on a small pair of catalogs, the version
//! check, the changelog, a deprecated entry in every output, and a retired
//! code that cannot come back.

use codegen::release::{self, Level, changelog_section, check_version, classify, lock};

mod support;
use support::edited_minimal;

const MINIMAL: &str = include_str!("fixtures/minimal.yaml");

fn load(source: &str) -> codegen::catalog::Catalog {
    codegen::load_catalog(source.as_bytes()).expect("the catalog loads")
}

/// The changes from minimal.yaml to `after`, as `(level, description)`.
fn changes(after: &str) -> Vec<(Level, String)> {
    classify(&lock(&load(MINIMAL), None).unwrap(), &load(after))
        .into_iter()
        .map(|change| (change.level, change.description))
        .collect()
}

const NEW_ENTRY: &str = "  - code: 434\n    id: MemoryLimitReached\n    message: MemoryLimitReached\n    text:\n      en:\n        description: Out of memory.\n";

/// A version from its text.
fn v(text: &str) -> codegen::version::Version {
    text.parse().unwrap()
}

#[test]
fn nothing_changed_is_no_change() {
    assert_eq!(changes(MINIMAL), []);
}

#[test]
fn a_changed_text_is_a_patch() {
    assert_eq!(
        changes(&edited_minimal(&[("It worked.", "It did work.")])),
        [(Level::Patch, "200 Success: texts changed".to_owned())]
    );
}

#[test]
fn a_new_code_and_a_new_alias_are_minor() {
    let after = edited_minimal(&[
        ("  - code: 439\n", &format!("{NEW_ENTRY}  - code: 439\n")),
        (
            "    message: TimeLimitReached\n",
            "    message: TimeLimitReached\n    aliases: [TimeLimitExceeded]\n",
        ),
    ]);
    assert_eq!(
        changes(&after),
        [
            (
                Level::Minor,
                "433 TimeLimitReached: alias `TimeLimitExceeded` added".to_owned()
            ),
            (Level::Minor, "added 434 MemoryLimitReached".to_owned()),
        ]
    );
}

/// Services act on the advice: giving it is minor, changing or removing
/// it major.
#[test]
fn advice_given_is_minor_and_advice_changed_or_removed_is_major() {
    let advised = |who: &str, retry: &str| {
        edited_minimal(&[(
            "    message: TimeLimitReached\n",
            &format!("    message: TimeLimitReached\n    who_acts: {who}\n    retry: {retry}\n"),
        )])
    };
    assert_eq!(
        changes(&advised("function", "after_fix")),
        [
            (
                Level::Minor,
                "433 TimeLimitReached: who_acts `function` given".to_owned()
            ),
            (
                Level::Minor,
                "433 TimeLimitReached: retry `after_fix` given".to_owned()
            ),
        ]
    );
    let released = lock(&load(&advised("function", "after_fix")), None).unwrap();
    let after = |source: &str| -> Vec<(Level, String)> {
        classify(&released, &load(source))
            .into_iter()
            .map(|change| (change.level, change.description))
            .collect()
    };
    assert_eq!(
        after(&advised("function", "with_backoff")),
        [(
            Level::Major,
            "433 TimeLimitReached: retry `after_fix` changed to `with_backoff`".to_owned()
        )]
    );
    assert_eq!(
        after(MINIMAL),
        [
            (
                Level::Major,
                "433 TimeLimitReached: who_acts `function` removed".to_owned()
            ),
            (
                Level::Major,
                "433 TimeLimitReached: retry `after_fix` removed".to_owned()
            ),
        ]
    );
}

#[test]
fn removing_renumbering_renaming_or_respelling_is_major() {
    // 433 renumbered to 434: 433 is gone and 434 is new.
    assert_eq!(
        changes(&edited_minimal(&[("  - code: 433\n", "  - code: 434\n")])),
        [
            (Level::Major, "removed 433 TimeLimitReached".to_owned()),
            (Level::Minor, "added 434 TimeLimitReached".to_owned()),
        ]
    );
    assert_eq!(
        changes(&edited_minimal(&[(
            "    id: TimeLimitReached\n",
            "    id: TimeoutReached\n"
        )])),
        [(
            Level::Major,
            "433: identifier TimeLimitReached renamed to TimeoutReached".to_owned()
        )]
    );
    assert_eq!(
        changes(&edited_minimal(&[(
            "    message: TimeLimitReached\n",
            "    message: TimeLimitExceeded\n"
        )])),
        [(
            Level::Major,
            "433 TimeLimitReached: message `TimeLimitReached` changed to `TimeLimitExceeded`"
                .to_owned()
        )]
    );
    assert_eq!(
        changes(&edited_minimal(&[(
            "    aliases: [User preocess exit when running]\n",
            ""
        )])),
        [(
            Level::Major,
            "439 UserProcessExit: alias `User preocess exit when running` removed".to_owned()
        )]
    );
}

#[test]
fn check_fails_when_the_version_is_lower_than_the_changes_require() {
    let released = lock(&load(MINIMAL), None).unwrap();
    // minimal.yaml is 1.0.0; removing 433 needs 2.0.0.
    let removed = {
        let start = MINIMAL.find("  - code: 433\n").unwrap();
        let end = MINIMAL.find("  - code: 439\n").unwrap();
        format!("{}{}", &MINIMAL[..start], &MINIMAL[end..])
    };
    for too_low in ["1.0.0", "1.0.1", "1.1.0"] {
        let after = removed.replacen("version: 1.0.0", &format!("version: {too_low}"), 1);
        let problem = check_version(&released, &load(&after)).expect("refused");
        assert_eq!(
            format!("{}: {}", problem.at, problem.message),
            format!(
                "5:12: version {too_low} is too low for the changes since release 1.0.0: they need a major release, 2.0.0 or later"
            )
        );
        assert_eq!(problem.notes, ["removed 433 TimeLimitReached (major)"]);
    }
    let bumped = removed.replacen("version: 1.0.0", "version: 2.0.0", 1);
    assert_eq!(check_version(&released, &load(&bumped)), None);
    // A text change needs only a patch release.
    let text = edited_minimal(&[
        ("It worked.", "It did work."),
        ("version: 1.0.0", "version: 1.0.1"),
    ]);
    assert_eq!(check_version(&released, &load(&text)), None);
}

#[test]
fn the_changelog_lists_the_changes_of_a_version_bump_by_kind() {
    let released = lock(&load(MINIMAL), None).unwrap();
    let after = edited_minimal(&[
        ("version: 1.0.0", "version: 2.0.0"),
        ("    id: TimeLimitReached\n", "    id: TimeoutReached\n"),
        ("  - code: 439\n", &format!("{NEW_ENTRY}  - code: 439\n")),
        ("It worked.", "It did work."),
    ]);
    assert_eq!(
        changelog_section(Some(&released), &load(&after), "2026-11-24"),
        "## 2.0.0 (2026-11-24)\n\n\
         ### Breaking\n\n\
         - 433: identifier TimeLimitReached renamed to TimeoutReached\n\n\
         ### Added\n\n\
         - added 434 MemoryLimitReached\n\n\
         ### Changed texts\n\n\
         - 200 Success: texts changed\n"
    );
}

const DEPRECATED: (&str, &str) = (
    "    aliases: [User preocess exit when running]\n",
    "    aliases: [User preocess exit when running]\n    deprecated:\n      since: 1.1.0\n      reason: The platform reports exits as 433 now.\n      replaced_by: 433\n",
);

#[test]
fn a_deprecated_entry_is_marked_in_every_output_and_is_a_minor_change() {
    let source = edited_minimal(&[DEPRECATED]);
    assert_eq!(
        changes(&source),
        [(Level::Minor, "439 UserProcessExit deprecated".to_owned())]
    );
    let (_, files) = codegen::generate(source.as_bytes()).expect("renders");
    let file = |path: &str| {
        files
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .contents
            .clone()
    };
    let rust = file("rust/src/lib.rs");
    assert!(
        rust.contains("#[deprecated(\n        since = \"1.1.0\",\n        note = \"The platform reports exits as 433 now. Use `DemoStatus::TimeLimitReached` (433) instead.\"\n    )]\n    UserProcessExit"),
        "{rust}"
    );
    assert!(
        rust.contains("#[allow(deprecated)]\n    pub const ALL"),
        "ALL allows its deprecated variants"
    );
    // On the identifier, where editors strike `InvokeStatus.UserProcessExit` through.
    let typescript = file("typescript/catalog.d.ts");
    assert!(
        typescript.contains("   * @deprecated since 1.1.0: The platform reports exits as 433 now. Use 433 instead.\n   */\n  readonly UserProcessExit: 439;"),
        "{typescript}"
    );
    assert!(
        typescript.contains("readonly deprecation: { readonly since: \"1.1.0\"; readonly reason: string; readonly replacedBy: 433; };"),
        "{typescript}"
    );
    for format in ["js", "mjs"] {
        let runtime = file(&format!("typescript/index.{format}"));
        assert!(
            runtime.contains("[439, \"UserProcessExit\", \"User process exit when running\", [\"User preocess exit when running\"], 0, -1, -1, [\"1.1.0\", \"The platform reports exits as 433 now.\", 433]],"),
            "{runtime}"
        );
    }
    let data: serde_json::Value = serde_json::from_str(&file("data/status-codes.json")).unwrap();
    assert_eq!(
        data["entries"][2]["deprecation"],
        serde_json::json!({"since": "1.1.0", "reason": "The platform reports exits as 433 now.", "replaced_by": 433})
    );
    for page in ["docs/en/status-codes.md", "docs/zh/status-codes.md"] {
        let page = file(page);
        assert!(
            page.contains("**Deprecated** (since 1.1.0): The platform reports exits as 433 now. → `433 TimeLimitReached`"),
            "{page}"
        );
        assert!(page.contains("| *Deprecated.* "), "{page}");
    }
}

#[test]
fn a_released_code_that_is_removed_must_be_listed_as_retired() {
    let released = lock(&load(MINIMAL), None).unwrap();
    let start = MINIMAL.find("  - code: 433\n").unwrap();
    let end = MINIMAL.find("  - code: 439\n").unwrap();
    let removed = format!("{}{}", &MINIMAL[..start], &MINIMAL[end..]);
    let problems: Vec<String> = release::unretired_removals(&released, &load(&removed))
        .iter()
        .map(|problem| format!("{}: {}", problem.at, problem.message))
        .collect();
    assert_eq!(
        problems,
        [
            "45:3: 433 TimeLimitReached was released in 1.0.0 and is no longer an entry; list it under `retired` so that it is never reused"
        ]
    );
    let retired = format!(
        "{removed}retired:\n  - code: 433\n    id: TimeLimitReached\n    message: TimeLimitReached\n    since: 2.0.0\n    reason: Merged into 439.\n"
    );
    assert_eq!(release::unretired_removals(&released, &load(&retired)), []);
}

#[test]
fn a_retired_code_cannot_be_given_to_an_entry() {
    let source = format!(
        "{MINIMAL}retired:\n  - code: 433\n    id: OldTimeout\n    message: OldTimeout\n    since: 0.9.0\n    reason: Merged into 439.\n"
    );
    let problems: Vec<String> = match codegen::load_catalog(source.as_bytes()) {
        Ok(_) => panic!("a retired code was reused"),
        Err(problems) => problems
            .iter()
            .map(|problem| {
                format!(
                    "{}: {} / {}",
                    problem.at,
                    problem.message,
                    problem.notes.join(" / ")
                )
            })
            .collect(),
    };
    assert_eq!(
        problems,
        [
            "53:11: code 433 was retired and is never reused: consumers may still receive it with its old meaning / retired at 68:11"
        ]
    );
}

/// The file of `files` at `path`.
fn file<'a>(files: &'a [codegen::render::GeneratedFile], path: &str) -> &'a str {
    &files
        .iter()
        .find(|file| file.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

/// Each code's first release, recorded by `release::record` in a scratch
/// directory, is in every output that documents the code; a code not
/// released yet shows the version being prepared.
#[test]
fn every_output_shows_the_version_that_first_released_each_code() {
    let dir = tempfile::tempdir().unwrap();
    let first = load(MINIMAL);
    release::record::record(dir.path(), None, &first, "2026-01-01").unwrap();
    let released = release::record::read_lock(dir.path()).unwrap().unwrap();
    assert_eq!(released.first_released(433), Some(v("1.0.0")));

    // 434 is added; the version is not raised yet, so the release being
    // prepared is the lowest that an added code needs: 1.1.0.
    let added = edited_minimal(&[("  - code: 439\n", &format!("{NEW_ENTRY}  - code: 439\n"))]);
    for (source, prepared) in [
        (added.clone(), "1.1.0"),
        (
            added.replace("  version: 1.0.0\n", "  version: 1.2.0\n"),
            "1.2.0",
        ),
    ] {
        let (checked, files) = codegen::generate_with(
            source.as_bytes(),
            Some(&released),
            codegen::render::RENDERERS,
        )
        .unwrap();
        let since: Vec<(u32, String)> = checked
            .model
            .entries
            .iter()
            .map(|entry| (entry.code, entry.since.to_string()))
            .collect();
        assert_eq!(
            since,
            [
                (200, "1.0.0".to_owned()),
                (433, "1.0.0".to_owned()),
                (434, prepared.to_owned()),
                (439, "1.0.0".to_owned())
            ]
        );
        let page = file(&files, "docs/en/status-codes.md");
        assert!(
            page.contains("## 433 `TimeLimitReached`\n\nSince 1.0.0\n"),
            "{page}"
        );
        assert!(
            page.contains(&format!(
                "## 434 `MemoryLimitReached`\n\nSince {prepared}\n"
            )),
            "{page}"
        );
        let site = file(&files, "site/en/index.html");
        assert!(site.contains(&format!("<p>Since {prepared}</p>")), "{site}");
        let rust = file(&files, "rust/src/lib.rs");
        assert!(
            rust.contains(&format!("/// Since {prepared}.\n    MemoryLimitReached")),
            "{rust}"
        );
        let typescript = file(&files, "typescript/catalog.d.ts");
        assert!(
            typescript.contains(&format!(
                "   * @since {prepared}\n   */\n  readonly MemoryLimitReached: 434;"
            )),
            "{typescript}"
        );
        assert!(typescript.contains("   * @since 1.0.0\n   */\n  readonly TimeLimitReached: 433;"));
    }

    // Released at 1.2.0: 434 keeps 1.2.0 from then on, the others 1.0.0.
    let second = added.replace("  version: 1.0.0\n", "  version: 1.2.0\n");
    release::record::record(dir.path(), Some(&released), &load(&second), "2026-02-01").unwrap();
    let again = release::record::read_lock(dir.path()).unwrap().unwrap();
    assert_eq!(
        [433, 434].map(|code| again.first_released(code)),
        [Some(v("1.0.0")), Some(v("1.2.0"))]
    );
}

/// A lock written before versions were recorded per code had one release,
/// its own version.
#[test]
fn a_lock_without_versions_per_code_dates_every_code_to_its_release() {
    let mut released = lock(&load(MINIMAL), None).unwrap();
    for code in released.codes.values_mut() {
        code.since = None;
    }
    released.version = v("0.9.0");
    assert_eq!(released.first_released(433), Some(v("0.9.0")));
    assert_eq!(released.first_released(434), None);
}

/// A catalog released, then a code retired (replaced by another) and one
/// added in a second release: every output shows the right versions, and
/// the retired code stays findable with its replacement.
#[test]
fn a_second_release_retires_a_code_and_adds_one() {
    let dir = tempfile::tempdir().unwrap();
    release::record::record(dir.path(), None, &load(MINIMAL), "2026-01-01").unwrap();
    let first = release::record::read_lock(dir.path()).unwrap().unwrap();

    // 433 goes (replaced by 439), 434 comes, in 2.0.0.
    let start = MINIMAL.find("  - code: 433\n").unwrap();
    let end = MINIMAL.find("  - code: 439\n").unwrap();
    let second = format!(
        "{}{NEW_ENTRY}{}retired:\n  - code: 433\n    id: TimeLimitReached\n    message: TimeLimitReached\n    since: 2.0.0\n    reason: Merged into 439.\n    replaced_by: 439\n",
        &MINIMAL[..start],
        &MINIMAL[end..]
    )
    .replace("  version: 1.0.0\n", "  version: 2.0.0\n")
    .replace("[the handler](#handler) and ", "");
    release::record::record(dir.path(), Some(&first), &load(&second), "2026-02-01").unwrap();
    let lock = release::record::read_lock(dir.path()).unwrap().unwrap();
    assert_eq!(lock.first_released(434), Some(v("2.0.0")));
    assert_eq!(lock.first_released(439), Some(v("1.0.0")));
    // From now on 433 stays listed: dropping it from `retired` is refused.
    let start = second.find("retired:\n").unwrap();
    let dropped = load(&second[..start]);
    let problems: Vec<String> = release::unretired_removals(&lock, &dropped)
        .iter()
        .map(|problem| problem.message.clone())
        .collect();
    assert_eq!(
        problems,
        [
            "433 TimeLimitReached was retired in 2.0.0; keep it under `retired` so that it is never reused"
        ]
    );
    let retired = &lock.retired[&433];
    assert_eq!(
        (
            retired.id.as_str(),
            retired.since.to_string(),
            retired.retired.to_string()
        ),
        ("TimeLimitReached", "1.0.0".to_owned(), "2.0.0".to_owned())
    );

    let (checked, files) =
        codegen::generate_with(second.as_bytes(), Some(&lock), codegen::render::RENDERERS).unwrap();
    let since: Vec<(u32, String)> = checked
        .model
        .entries
        .iter()
        .map(|entry| (entry.code, entry.since.to_string()))
        .collect();
    assert_eq!(
        since,
        [
            (200, "1.0.0".to_owned()),
            (434, "2.0.0".to_owned()),
            (439, "1.0.0".to_owned())
        ]
    );
    for page in ["docs/en/status-codes.md", "docs/zh/status-codes.md"] {
        let page = file(&files, page);
        assert!(
            page.contains("## 434 `MemoryLimitReached`\n\nSince 2.0.0\n"),
            "{page}"
        );
        assert!(
            page.contains("## Retired codes\n\n- <a id=\"433\"></a>**433** `TimeLimitReached` — Retired in 2.0.0: Merged into 439. → [439 `UserProcessExit`](#439)\n"),
            "{page}"
        );
    }
    let site = file(&files, "site/en/index.html");
    assert!(
        site.contains("<li><a id=\"433\"></a><strong>433</strong>"),
        "{site}"
    );
    assert!(
        site.contains("<a href=\"#439\">439 <code>UserProcessExit</code></a>"),
        "{site}"
    );
    let rust = file(&files, "rust/src/lib.rs");
    assert!(
        rust.contains("/// Since 2.0.0.\n    MemoryLimitReached"),
        "{rust}"
    );
    let typescript = file(&files, "typescript/catalog.d.ts");
    assert!(typescript.contains("   * @since 1.0.0\n   */\n  readonly UserProcessExit: 439;"));
    // The runtimes tell a service what replaced the retired code.
    assert!(
        rust.contains("RetiredStatus {\n        code: 433,\n        message: \"TimeLimitReached\",\n        retired_in: \"2.0.0\",\n        replaced_by: Some(DemoStatus::UserProcessExit),\n    }"),
        "{rust}"
    );
    for format in ["js", "mjs"] {
        let runtime = file(&files, &format!("typescript/index.{format}"));
        assert!(
            runtime.contains("[433, \"TimeLimitReached\", \"TimeLimitReached\", \"2.0.0\", \"Merged into 439.\", 439],"),
            "{runtime}"
        );
    }
}
