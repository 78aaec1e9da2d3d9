//! Reading an input file with a size limit, whatever the path names: a
//! regular file, a pipe, `/dev/zero`, a FIFO. The limit is enforced on the
//! bytes read, never on what metadata claims, so memory stays bounded by
//! the limit.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// At most `limit` bytes of `path`; an error of kind
/// [`io::ErrorKind::FileTooLarge`] if there are more (having read only one
/// byte past the limit).
pub fn read_limited(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    let file = File::open(path)?;
    let limit = limit as u64;
    // A regular file's size is a good first guess; a pipe's is zero.
    let hint = file
        .metadata()
        .map_or(0, |metadata| metadata.len())
        .min(limit)
        .saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("larger than the limit of {limit} bytes; it was not read further"),
        ));
    }
    Ok(bytes)
}
