//! The one hash behind every fingerprint the tool records: a translation's
//! source text, a released entry's texts, a generated file's bytes. 64-bit
//! FNV-1a: it tells that something changed, it is not a defence against
//! someone forging a change.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a over bytes fed in pieces.
#[derive(Debug, Clone, Copy)]
pub struct Hasher(u64);

impl Default for Hasher {
    fn default() -> Self {
        Hasher(OFFSET)
    }
}

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) -> &mut Self {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(PRIME);
        }
        self
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

/// The hash of `bytes` in one piece.
pub fn of(bytes: &[u8]) -> u64 {
    Hasher::default().update(bytes).finish()
}

/// Eight hex digits: the hash folded to 32 bits, for records people read
/// and write (a translation's source, a released entry's texts).
pub fn short_hex(hash: u64) -> String {
    format!("{:08x}", (hash >> 32) ^ (hash & 0xffff_ffff))
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_the_published_fnv1a_64_test_vectors() {
        // From the FNV reference test suite (draft-eastlake-fnv).
        assert_eq!(super::of(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(super::of(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(super::of(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
