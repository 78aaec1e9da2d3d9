//! Parse time of serde_yaml and serde-saphyr on the same synthetic catalog,
//! and the error text each prints for three broken inputs.

use std::collections::BTreeMap;
use std::time::Instant;
use serde::Deserialize;

#[derive(Deserialize)] #[serde(deny_unknown_fields)] #[allow(dead_code)]
struct Catalog { package: BTreeMap<String, String>, codes: BTreeMap<String, u16>, languages: Vec<BTreeMap<String, String>>, pages: serde::de::IgnoredAny, entries: Vec<Entry> }
#[derive(Deserialize)] #[serde(deny_unknown_fields)] #[allow(dead_code)]
struct Entry { code: u16, id: String, message: String, aliases: Option<Vec<String>>, text: BTreeMap<String, Text> }
#[derive(Deserialize)] #[serde(deny_unknown_fields)] #[allow(dead_code)]
struct Text { description: String, solution: Option<String> }

fn synth(n: usize) -> String {
    let real = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../catalog.yaml")).unwrap();
    let (head, entries) = real.split_at(real.find("\nentries:\n").unwrap() + "\nentries:\n".len());
    let blocks: Vec<&str> = entries.split("\n  - code: ").collect();
    let mut out = head.replace("max: 599", "max: 65000");
    for i in 0..n {
        let block = blocks[i % blocks.len()].trim_start_matches("  - code: ");
        let body = &block[block.find('\n').unwrap()..];
        let body = body.replacen("\n    id: ", &format!("\n    id: E{i}"), 1)
            .lines().filter(|l| !l.trim_start().starts_with('#')).map(|l| {
                if l.starts_with("    message: ") { format!("    message: Msg{i}") }
                else if l.starts_with("      - User preocess") { format!("      - Alias{i}") } else { l.to_string() }
            }).collect::<Vec<_>>().join("\n");
        out.push_str(&format!("  - code: {}{}\n", 1000 + i, body));
    }
    out
}

fn time<T>(label: &str, runs: usize, f: impl Fn() -> T) {
    let mut times: Vec<f64> = (0..runs).map(|_| { let t = Instant::now(); std::hint::black_box(f()); t.elapsed().as_secs_f64() * 1000.0 }).collect();
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("{label:40} median {:8.1} ms  (min {:.1}, max {:.1}, {runs} runs)", times[runs / 2], times[0], times[runs - 1]);
}

fn main() {
    let n: usize = std::env::args().nth(1).map(|s| s.parse().unwrap()).unwrap_or(10_000);
    let text = synth(n);
    println!("catalog: {n} entries, {} bytes", text.len());
    assert!(serde_yaml::from_str::<Catalog>(&text).is_ok());
    assert!(serde_saphyr::from_str::<Catalog>(&text).is_ok());
    codegen::load_catalog(text.as_bytes()).map_err(|d| format!("{:?}", &d[..3.min(d.len())])).unwrap();
    time("serde_yaml 0.9 -> typed structs", 11, || serde_yaml::from_str::<Catalog>(&text).unwrap());
    time("serde-saphyr 2.2 -> typed structs", 11, || serde_saphyr::from_str::<Catalog>(&text).unwrap());
    time("codegen::load_catalog (load+validate)", 11, || codegen::load_catalog(text.as_bytes()).unwrap());

    let broken = [
        ("duplicate key", "package:\n  name: a\n  name: b\n"),
        ("wrong type", "entries:\n  - code: abc\n    id: X\n"),
        ("bad indentation", "package:\n  name: x\n version: 1\n"),
    ];
    for (what, yaml) in broken {
        println!("\n== {what}: {yaml:?}");
        match serde_yaml::from_str::<BTreeMap<String, serde::de::IgnoredAny>>(yaml).and_then(|_| serde_yaml::from_str::<Catalog>(yaml)) {
            Err(e) => println!("serde_yaml:   {e}"), Ok(_) => println!("serde_yaml:   (accepted)") }
        match serde_saphyr::from_str::<Catalog>(yaml) {
            Err(e) => println!("serde-saphyr: {e}"), Ok(_) => println!("serde-saphyr: (accepted)") }
    }
}
