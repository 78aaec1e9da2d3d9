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

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::model::Model;
pub use crate::output::{Collected, GeneratedFile, RenderError, Sink, Stopped};

/// A renderer: checked model in, each file put into the sink as soon as it
/// is rendered.
pub type Renderer = fn(&Model, &dyn Sink) -> Result<(), RenderError>;

/// Every renderer, in the order they are started. On two cores (decision
/// 0004, "The renderers balanced"): the search's index and the Rust crate's
/// variants are the two largest heaps, and the search starts first, with
/// the pages beside it, so that the crate starts when one of those ends,
/// most often the search; the npm package starts before the crate and
/// makes most of the texts' documentation forms the crate then reuses
/// ([`crate::model::Text::doc_description`]). With more cores more
/// renderers run at once, and their heaps with them.
pub const RENDERERS: &[Renderer] = &[
    search::render,
    site::render,
    typescript::render,
    rust::render,
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
    // As many threads as cores, each taking the next renderer in
    // `RENDERERS` order: they share nothing but the model and the sink, and
    // fewer threads than renderers keep fewer heaps, each reused by the
    // renderers that run on it one after another.
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, renderers.len().max(1));
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let mut failures: Vec<(usize, RenderError)> = std::thread::scope(|scope| {
        let running: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut failures = Vec::new();
                    while !failed.load(Ordering::Relaxed) {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(render) = renderers.get(index) else {
                            break;
                        };
                        if let Err(error) = render(model, sink) {
                            failed.store(true, Ordering::Relaxed);
                            failures.push((index, error));
                        }
                    }
                    failures
                })
            })
            .collect();
        running
            .into_iter()
            .flat_map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
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
