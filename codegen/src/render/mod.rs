//! One module per generated artifact, and the list of them. Each takes the
//! checked [`Model`] and returns file contents in memory; none reads the
//! disk, the YAML, or another renderer's output. What they share is in
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

use crate::model::Model;
pub use crate::output::{GeneratedFile, RenderError};

/// A renderer: checked model in, files out.
pub type Renderer = fn(&Model) -> Result<Vec<GeneratedFile>, RenderError>;

/// Every renderer, in the order their files are listed.
pub const RENDERERS: &[Renderer] = &[
    rust::render,
    markdown::render,
    typescript::render,
    schema::render,
    data::render,
    site::render,
];

/// Renders every artifact. Nothing is returned unless all succeeded.
pub fn render_all(
    model: &Model,
    renderers: &[Renderer],
) -> Result<Vec<GeneratedFile>, RenderError> {
    // A model from `model::build` passes; one built by hand may not.
    model
        .check()
        .map_err(|problem| RenderError::new("*", problem.0))?;
    // As many threads as cores, each taking the next renderer in
    // `RENDERERS` order (the largest, Rust, first): they share nothing but
    // the model, and fewer threads than renderers keep fewer heaps, each
    // reused by the renderers that run on it one after another.
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, renderers.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Result<Vec<GeneratedFile>, RenderError>)> =
        std::thread::scope(|scope| {
            let running: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(render) = renderers.get(index) else {
                                return done;
                            };
                            done.push((index, render(model)));
                        }
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
    // The first failure in renderer order, as before.
    results.sort_by_key(|(index, _)| *index);
    let results = results.into_iter().map(|(_, result)| result);
    let mut files = Vec::new();
    for result in results {
        files.extend(result?);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
