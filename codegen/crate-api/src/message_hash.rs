//! The perfect hash behind `from_message`: every accepted message has a slot
//! of its own in `BY_MESSAGE`, found with one hash of the message, one
//! pilot per bucket of hashes, and one comparison, whatever the size of
//! the catalog; nothing is computed at run time but the hash.
//!
//! The generator compiles this same file to place the messages when it
//! writes the tables, and copies it into the generated crate as it is, so
//! the two cannot disagree about where a message lives. It must therefore
//! build as the generated crate does (`no_std`, Rust 1.60, edition 2021)
//! and as the generator does (edition 2024).
//!
//! A catalog written to collide gains nothing from the usual weakness of
//! multiply-fold hashes (a zero operand that wipes out the other): each
//! step adds its right-hand word back, and that operand is zero only for
//! eight bytes spelling the constant, which are no valid UTF-8. Should
//! two messages collide anyway, the generator tries another seed, and
//! fails with an error rather than write a wrong table.

/// Spreads bits over the whole word (the 64-bit golden ratio).
const SPREAD: u64 = 0x9E37_79B9_7F4A_7C15;
/// A second, independent multiplier (from SplitMix64).
const SLOT_SPREAD: u64 = 0xBF58_476D_1CE4_E5B9;

/// A 64-bit hash of `bytes` under `seed`, sixteen bytes at a time, each
/// pair of words folded into the state by one wide multiplication (as
/// wyhash does): a status message takes two or three [`step`]s, whose
/// every bit reaches every bit of the result.
pub(crate) fn hash(bytes: &[u8], seed: u64) -> u64 {
    let mut hash = seed ^ (bytes.len() as u64).wrapping_mul(SPREAD);
    let mut pairs = bytes.chunks_exact(16);
    for pair in &mut pairs {
        hash = step(hash, le_word(&pair[..8]), le_word(&pair[8..]), SPREAD);
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
    step(hash, first, second, SLOT_SPREAD)
}

/// One step: the state and two words folded by one wide multiplication
/// (the two halves of the 128-bit product), plus the second word, which a
/// zero left operand would otherwise wipe out. `spread`'s bytes are no
/// valid UTF-8, so the right operand is never zero.
fn step(state: u64, first: u64, second: u64, spread: u64) -> u64 {
    let product = u128::from(first ^ state) * u128::from(second ^ spread);
    ((product as u64) ^ ((product >> 64) as u64)).wrapping_add(second)
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

#[cfg(test)]
mod tests {
    /// Whether eight bytes can occur nowhere in UTF-8 text: somewhere in
    /// them a byte that ends a character (ASCII) is followed by one that
    /// continues a character, or a byte that starts a longer character by
    /// one that does not continue it.
    fn never_in_utf8(word: u64) -> bool {
        let bytes = word.to_le_bytes();
        let continues = |byte: u8| (0x80..0xC0).contains(&byte);
        bytes.windows(2).any(|pair| {
            (pair[0] < 0x80 && continues(pair[1])) || (pair[0] >= 0xC0 && !continues(pair[1]))
        })
    }

    #[test]
    fn no_text_makes_a_right_operand_zero() {
        assert!(never_in_utf8(super::SPREAD));
        assert!(never_in_utf8(super::SLOT_SPREAD));
    }
}
