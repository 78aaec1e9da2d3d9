//! Any bytes through the whole pipeline. The loader turns a panic of its own
//! thread into a diagnostic, so this target makes such a diagnostic, and a
//! render failure of a validated catalog, crash the process for AFL to see.

fn main() {
    afl::fuzz!(|bytes: &[u8]| {
        match codegen::generate(bytes) {
            Ok(_) => {}
            Err(codegen::Failure::Catalog(problems)) => {
                for problem in problems {
                    assert!(!problem.message.starts_with("internal error"), "{problem:?}");
                }
            }
            Err(other) => panic!("a valid catalog failed to render: {other:?}"),
        }
    });
}
