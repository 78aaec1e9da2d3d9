//! Hostile sizes and shapes are refused early, with a message that says
//! which limit was hit (see `codegen::load::limits`).

use codegen::load::limits;

fn first_problem(source: &str) -> String {
    let problems = codegen::load_catalog(source.as_bytes()).unwrap_err();
    format!("{}: {}", problems[0].at, problems[0].message)
}

#[test]
fn an_alias_bomb_is_refused() {
    // Each level doubles the size: "billion laughs".
    let mut yaml = String::from("a0: &a0 [lol, lol]\n");
    for level in 1..30 {
        yaml.push_str(&format!(
            "a{level}: &a{level} [*a{}, *a{}]\n",
            level - 1,
            level - 1
        ));
    }
    let problem = first_problem(&yaml);
    assert!(
        problem.ends_with(&format!(
            "the catalog exceeds a parser limit: it holds more than {} values, aliases expanded",
            limits::MAX_NODES
        )),
        "{problem}"
    );
}

#[test]
fn nesting_ten_thousand_levels_deep_is_refused() {
    let yaml = format!("package: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let problem = first_problem(&yaml);
    assert!(problem.starts_with("1:"), "{problem}");
    assert!(
        problem.contains("recursion limit") || problem.contains("nests deeper than 64 levels"),
        "{problem}"
    );
    let block: String = (0..10_000)
        .map(|depth| format!("{}k:\n", " ".repeat(depth)))
        .collect();
    let problem = first_problem(&block);
    assert!(
        problem.ends_with("the catalog exceeds a parser limit: it nests deeper than 64 levels"),
        "{problem}"
    );
}

#[test]
fn a_catalog_over_the_size_limit_is_refused_before_parsing() {
    let huge = "# padding\n".repeat(limits::MAX_BYTES / 10 + 1);
    let problem = first_problem(&huge);
    assert_eq!(
        problem,
        format!(
            "1:1: the catalog is {} bytes; the limit is {} bytes",
            huge.len(),
            limits::MAX_BYTES
        )
    );
}
