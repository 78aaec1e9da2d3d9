//! One module per generated artifact, and the list of them. Each takes the
//! checked [`Model`] and puts each file into a [`Sink`], whole or in
//! pieces; none reads the disk, the YAML, or another renderer's output. What they share is in
//! [`text`] (how the catalog's texts are written into each kind of output)
//! and [`crate::output`] (a generated file, and its notice).

pub mod data;
pub mod markdown;
pub mod rust;
pub mod schema;
pub mod search;
pub mod site;
pub mod text;
pub mod typescript;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::model::{Model, Text};
pub use crate::output::{Collected, GeneratedFile, RenderError, Sink, Stopped};

/// A renderer: checked model in, each file put into the sink as soon as it
/// is rendered.
pub type Renderer = fn(&Model, &dyn Sink) -> Result<(), RenderError>;

/// Every renderer. [`render_all`] deals them out in turn to as many
/// threads as there are cores, each thread running its own one after
/// another; on two cores (decision 0004, "The renderers balanced"):
/// - the search, then the Rust crate, then the data: the search's index
///   and the crate's variants are the two largest heaps, and never render
///   at the same time;
/// - the pages, then the npm package, then the schema.
///
/// The crate and the npm package both show every text's documentation
/// form, made once ([`crate::model::Text::doc_description`]); they render
/// at the same time and would reach the same text together, one waiting
/// on the other making it. So each thread first makes the forms of its
/// share of the entries (whichever renderers it was dealt), and the two
/// renderers find them made.
///
/// With more cores more renderers run at once, and their heaps with them.
pub const RENDERERS: &[Renderer] = &[
    search::render,
    site::render,
    rust::render,
    typescript::render,
    data::render,
    schema::render,
];

/// Renders every artifact into `sink`. On failure the first error in
/// renderer order is returned, the remaining renderers are not started, and
/// the sink may hold part of the files (the writer then discards them).
pub fn render_all(
    model: &Model,
    renderers: &[Renderer],
    sink: &dyn Sink,
) -> Result<(), RenderError> {
    // A model from `model::build` passes; one built by hand may not.
    model
        .check()
        .map_err(|problem| RenderError::new("*", problem.0))?;
    // As many threads as cores, thread `t` of `n` running renderers `t`,
    // `t + n`, … in turn: a fixed deal rather than a shared queue, so that
    // which renderers meet, and so the peak of their heaps, does not depend
    // on which ends first. They share nothing but the model and the sink,
    // and fewer threads than renderers keep fewer heaps, each reused by the
    // renderers that run on it one after another.
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, renderers.len().max(1));
    let failed = AtomicBool::new(false);
    // The renderers dealt to thread `worker`, run in turn until one fails
    // here or elsewhere.
    let run_deal = |worker: usize| {
        if workers > 1 {
            let share = model.entries.iter().skip(worker).step_by(workers);
            for entry in share {
                if failed.load(Ordering::Relaxed) {
                    break;
                }
                entry.texts.iter().flatten().for_each(Text::make_docs);
            }
        }
        let mut failures = Vec::new();
        let dealt = renderers.iter().enumerate().skip(worker).step_by(workers);
        for (index, render) in dealt {
            if failed.load(Ordering::Relaxed) {
                break;
            }
            if let Err(error) = render(model, sink) {
                failed.store(true, Ordering::Relaxed);
                failures.push((index, error));
            }
        }
        failures
    };
    let mut failures: Vec<(usize, RenderError)> = std::thread::scope(|scope| {
        let running: Vec<_> = (0..workers)
            .map(|worker| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || run_deal(worker))
                    .map_err(|_| worker)
            })
            .collect();
        running
            .into_iter()
            .flat_map(|thread| match thread {
                Ok(thread) => thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                // A thread the system would not make: its renderers run
                // here, once the others are under way.
                Err(worker) => run_deal(worker),
            })
            .collect()
    });
    failures.sort_by_key(|(index, _)| *index);
    match failures.into_iter().next() {
        Some((_, error)) => Err(error),
        None => Ok(()),
    }
}

/// [`render_all`] into memory: every file, sorted by path.
pub fn render_in_memory(
    model: &Model,
    renderers: &[Renderer],
) -> Result<Vec<GeneratedFile>, RenderError> {
    let files = Collected::default();
    render_all(model, renderers, &files)?;
    Ok(files.into_sorted())
}
