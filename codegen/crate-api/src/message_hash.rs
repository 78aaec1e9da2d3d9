//! The perfect hash behind `from_message`: every accepted message has a slot
//! of its own in `BY_MESSAGE`, found with one hash of the message, one
//! pilot per bucket of hashes, and one comparison, whatever the size of
//! the catalog; nothing is computed at run time but the hash.
//!
//! `codegen` compiles this same file to place the messages when it writes
//! the tables (`codegen/src/render/rust/message_table.rs`), so the
//! generator and the generated crate cannot disagree about where a message
//! lives.

/// Spreads bits over the whole word (the 64-bit golden ratio).
const SPREAD: u64 = 0x9E37_79B9_7F4A_7C15;
/// A second, independent multiplier (from SplitMix64).
const SLOT_SPREAD: u64 = 0xBF58_476D_1CE4_E5B9;

/// A 64-bit hash of `bytes` under `seed`, sixteen bytes at a time, each
/// pair of words folded by one wide multiplication (as wyhash does): a
/// status message takes two or three, whose every bit reaches every bit
/// of the result.
pub(crate) fn hash(bytes: &[u8], seed: u64) -> u64 {
    let mut hash = seed ^ (bytes.len() as u64).wrapping_mul(SPREAD);
    let mut pairs = bytes.chunks_exact(16);
    for pair in &mut pairs {
        hash = fold(le_word(&pair[..8]) ^ hash, le_word(&pair[8..]) ^ SPREAD);
    }
    // The last sixteen bytes (fewer when the message is shorter),
    // overlapping those before: loads, not a loop over the rest.
    let length = bytes.len();
    let (first, second) = if length >= 16 {
        (
            le_word(&bytes[length - 16..]),
            le_word(&bytes[length - 8..]),
        )
    } else if length >= 8 {
        (le_word(bytes), le_word(&bytes[length - 8..]))
    } else {
        let short = bytes
            .iter()
            .rev()
            .fold(0, |word, &byte| (word << 8) | u64::from(byte));
        (short, 0)
    };
    fold(first ^ hash, second ^ SLOT_SPREAD)
}

/// The two halves of the 128-bit product, folded into one word.
fn fold(left: u64, right: u64) -> u64 {
    let product = u128::from(left) * u128::from(right);
    (product as u64) ^ ((product >> 64) as u64)
}

/// Which of `buckets` buckets a hash falls in (its high half, scaled).
pub(crate) fn bucket(hash: u64, buckets: usize) -> usize {
    (((hash >> 32) * buckets as u64) >> 32) as usize
}

/// The slot, among `slots`, of a hash whose bucket has this pilot.
pub(crate) fn slot(hash: u64, pilot: u16, slots: usize) -> usize {
    let mixed = (hash ^ u64::from(pilot).wrapping_mul(SPREAD)).wrapping_mul(SLOT_SPREAD);
    (((mixed >> 32) * slots as u64) >> 32) as usize
}

/// Eight bytes as a little-endian word.
fn le_word(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    word.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(word)
}
