//! Random damage to valid and broken catalogs never makes `gen` panic, and a
//! catalog that passes validation always renders. A short, deterministic
//! stand-in for fuzzing, run by `cargo test`; `MUTATION_ROUNDS=100000 cargo
//! test -p codegen --release --test mutations` runs it longer.

use std::fs;
use std::path::Path;

/// Bytes that matter to YAML, Markdown and the renderers.
const INTERESTING: &[&[u8]] = &[
    b":",
    b"-",
    b" ",
    b"\t",
    b"\n",
    b"\r\n",
    b"#",
    b"&a",
    b"*a",
    b"[",
    b"]",
    b"{",
    b"}",
    b"|",
    b">",
    b"'",
    b"\"",
    b"\\",
    b"`",
    b"*/",
    b"<b>",
    b"](#",
    b"](ftp://x)",
    b"!!str ",
    b"---\n",
    b"\xEF\xBB\xBF",
    b"\xFF",
    b"\xE2\x80\xAE",
    b"0x1F",
    b"~",
    b"null",
    b"yes",
    b"Self",
    b"{{",
    b"%}",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

fn mutate(seed: &[u8], random: &mut Lcg) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=random.next(4) {
        let at = random.next(bytes.len() + 1);
        match random.next(4) {
            0 => {
                let end = (at + random.next(16)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 => {
                let piece = INTERESTING[random.next(INTERESTING.len())];
                bytes.splice(at..at, piece.iter().copied());
            }
            2 if at < bytes.len() => bytes[at] = bytes[random.next(bytes.len())],
            _ => {
                // Duplicate a line: duplicate keys, codes and ids.
                let start = bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = bytes[at..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |i| at + i + 1);
                let line = bytes[start..end].to_vec();
                bytes.splice(start..start, line);
            }
        }
    }
    bytes
}

#[test]
fn damaged_catalogs_never_panic_and_valid_ones_always_render() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    // The three valid seeds first.
    let mut seeds = vec![
        fs::read(fixtures.join("minimal.yaml")).unwrap(),
        fs::read(fixtures.join("hostile.yaml")).unwrap(),
    ];
    seeds.push(fs::read(fixtures.join("../../../catalog.yaml")).unwrap());
    for item in fs::read_dir(fixtures.join("broken")).unwrap() {
        let path = item.unwrap().path();
        if path
            .extension()
            .is_some_and(|extension| extension == "yaml")
        {
            seeds.push(fs::read(path).unwrap());
        }
    }
    let rounds: usize = std::env::var("MUTATION_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(1_500);
    let mut random = Lcg(0xC47A_1065);
    let (mut accepted, mut rejected) = (0, 0);
    for round in 0..rounds {
        // Half the rounds damage a valid catalog, half any seed.
        let seed = if round % 2 == 0 {
            &seeds[round / 2 % 3]
        } else {
            &seeds[round / 2 % seeds.len()]
        };
        let input = mutate(seed, &mut random);
        match codegen::generate(&input) {
            Ok(_) => accepted += 1,
            Err(codegen::Failure::Catalog(problems)) => {
                rejected += 1;
                assert!(!problems.is_empty());
                for problem in &problems {
                    assert!(
                        !problem.message.starts_with("internal error"),
                        "round {round}: {problem:?}\n{}",
                        String::from_utf8_lossy(&input)
                    );
                    assert!(
                        problem.at.line >= 1 && problem.at.column >= 1,
                        "round {round}: {problem:?}"
                    );
                }
                let _ = codegen::diagnostic::render_all(
                    &problems,
                    "catalog.yaml",
                    &String::from_utf8_lossy(&input),
                );
            }
            Err(other) => panic!(
                "round {round}: a valid catalog failed to render: {other:?}\n{}",
                String::from_utf8_lossy(&input)
            ),
        }
    }
    // The mutations must exercise both paths to mean anything.
    assert!(
        accepted > rounds / 50 && rejected > rounds / 2,
        "accepted {accepted}, rejected {rejected}"
    );
}
