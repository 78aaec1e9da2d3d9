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
/// A second, independent multiplier for slots (from SplitMix64).
const SLOT_SPREAD: u64 = 0xBF58_476D_1CE4_E5B9;

/// A 64-bit hash of `bytes` under `seed`, eight bytes at a time. Its high
/// bits depend on every byte (each step ends with a multiplication), and
/// those are the bits [`bucket`] and [`slot`] use.
pub(crate) fn hash(bytes: &[u8], seed: u64) -> u64 {
    let mut hash = seed ^ (bytes.len() as u64).wrapping_mul(SPREAD);
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        hash = (hash.rotate_left(26) ^ le_word(word)).wrapping_mul(SPREAD);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        // The last eight bytes, overlapping the words before when there
        // are that many (one load, not a loop); the length is in the seed.
        let last = if bytes.len() >= 8 {
            le_word(&bytes[bytes.len() - 8..])
        } else {
            rest.iter()
                .rev()
                .fold(0, |word, &byte| (word << 8) | u64::from(byte))
        };
        hash = (hash.rotate_left(26) ^ last).wrapping_mul(SPREAD);
    }
    hash
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
