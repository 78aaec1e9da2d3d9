//! The `catalog-import` binary behind `cargo xtask import`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
#[command(
    name = "cargo xtask import",
    about = "Read HTML status-code tables into the catalog: add what it lacks, report every disagreement"
)]
struct Cli {
    /// A page and the language of its texts, as `--lang en PAGE.html`; repeat per language
    #[arg(long = "lang", num_args = 2, value_names = ["TAG", "PAGE"], required = true)]
    lang: Vec<String>,
    /// The catalog to merge into, or to create when it does not exist
    #[arg(long, value_name = "PATH")]
    catalog: PathBuf,
    /// Where to write the result [default: the catalog itself]
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// Report what would be added and what disagrees; write nothing
    #[arg(long)]
    dry_run: bool,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// A page or the catalog, never more than the catalog's size limit, whatever
/// the path is (a pipe, a device).
fn read_text(path: &std::path::Path) -> std::io::Result<String> {
    let bytes = codegen::read::read_limited(path, codegen::load::limits::MAX_BYTES)?;
    String::from_utf8(bytes)
        .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))
}

fn run(cli: Cli) -> Result<(), String> {
    let mut pages = Vec::new();
    for pair in cli.lang.chunks(2) {
        let [tag, path] = pair else {
            return Err("error: --lang takes a language tag and a page".to_owned());
        };
        let html = read_text(std::path::Path::new(path))
            .map_err(|error| format!("error: {path}: {error}"))?;
        pages.push((tag.clone(), path.clone(), html));
    }
    let (pages, problems) = catalog_import::read_pages(&pages);
    for problem in &problems {
        eprintln!("warning: {problem}");
    }
    let outcome = match read_text(&cli.catalog) {
        Ok(source) => catalog_import::merge(&source, &pages)?,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            catalog_import::create(&pages)?
        }
        Err(error) => return Err(format!("error: {}: {error}", cli.catalog.display())),
    };
    for added in &outcome.report.added {
        println!("{added}");
    }
    for conflict in &outcome.report.conflicts {
        println!("conflict: {conflict}");
    }
    let rows: usize = pages.iter().map(|page| page.rows.len()).sum();
    let out = cli.out.unwrap_or(cli.catalog);
    println!(
        "import: {rows} rows read; {} added, {} conflicts (the catalog's values kept){}",
        outcome.report.added.len(),
        outcome.report.conflicts.len(),
        if cli.dry_run {
            "; nothing written (--dry-run)".to_owned()
        } else {
            format!("; wrote {}", out.display())
        }
    );
    if !cli.dry_run {
        codegen::write::write_atomically(&out, outcome.catalog.as_bytes())
            .map_err(|error| format!("error: writing {}: {error}", out.display()))?;
    }
    Ok(())
}
