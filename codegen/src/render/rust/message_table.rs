//! Places every accepted message in a slot of its own for the generated
//! crate's `from_message`: a perfect hash found at gen time (hash and
//! displace, one pilot per bucket, as in PTHash), so that a lookup is one
//! hash, two table reads and one comparison at any catalog size, and the
//! crate needs no hashing dependency.
//!
//! The hash, bucket and slot functions are the generated crate's own
//! (`codegen/crate-api/src/message_hash.rs`, compiled here too).

#[path = "../../../crate-api/src/message_hash.rs"]
mod message_hash;

use message_hash::{bucket, hash, slot};

/// The source of the generated crate's `message_hash.rs`, written next to
/// its `lib.rs` (with `\n` line ends, whatever the checkout's).
pub(super) fn source() -> String {
    include_str!("../../../crate-api/src/message_hash.rs").replace("\r\n", "\n")
}

/// Keys per bucket on average: fewer pilots to store against a longer
/// search for each.
const KEYS_PER_BUCKET: usize = 4;

/// The accepted messages in their slots.
#[derive(Debug)]
pub(super) struct MessageTable<'a> {
    pub seed: u64,
    /// One per bucket.
    pub pilots: Vec<u16>,
    /// A message and the index of its status, or an empty slot.
    pub slots: Vec<Option<(&'a str, usize)>>,
}

impl<'a> MessageTable<'a> {
    /// The rows of the generated `BY_MESSAGE`, slot by slot: an empty slot
    /// repeats the first row, so that every row is a real message and a
    /// lookup needs no other check than comparing it. (A catalog has at
    /// least one message, so there is a first row.)
    pub fn rows(&self) -> impl Iterator<Item = (&'a str, usize)> + '_ {
        let first = self.slots.iter().flatten().next().copied();
        self.slots.iter().filter_map(move |slot| slot.or(first))
    }
}

/// Finds seeds and pilots that give each key a slot of its own. `keys` are
/// distinct messages with the index of their status. Deterministic: the
/// same keys give the same table, so an unchanged catalog rewrites nothing.
pub(super) fn build<'a>(keys: &[(&'a str, usize)]) -> Result<MessageTable<'a>, String> {
    // Some room to spare (8 slots per 7 keys) keeps the last buckets'
    // search short; an empty slot costs one table row.
    let slot_count = keys.len() + keys.len() / 7 + 1;
    let bucket_count = keys.len().div_ceil(KEYS_PER_BUCKET).max(1);
    // A seed fails only when no pilot separates two keys of a bucket (the
    // same 64-bit hash, or bad luck among the last free slots); the next
    // seed gives every key a new hash.
    for seed in 0..64 {
        if let Some(table) = try_seed(keys, seed, bucket_count, slot_count) {
            return Ok(table);
        }
    }
    Err(format!(
        "no perfect hash found for {} status messages",
        keys.len()
    ))
}

fn try_seed<'a>(
    keys: &[(&'a str, usize)],
    seed: u64,
    bucket_count: usize,
    slot_count: usize,
) -> Option<MessageTable<'a>> {
    let hashes: Vec<u64> = keys
        .iter()
        .map(|(message, _)| hash(message.as_bytes(), seed))
        .collect();
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); bucket_count];
    for (key, &key_hash) in hashes.iter().enumerate() {
        buckets[bucket(key_hash, bucket_count)].push(key);
    }
    // Largest buckets first, while most slots are free; ties in bucket
    // order, so that the result depends on the keys alone.
    let mut order: Vec<usize> = (0..bucket_count).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(buckets[index].len()));
    let mut pilots = vec![0u16; bucket_count];
    let mut slots: Vec<Option<(&str, usize)>> = vec![None; slot_count];
    let mut taken: Vec<usize> = Vec::with_capacity(KEYS_PER_BUCKET * 4);
    for index in order {
        let members = &buckets[index];
        if members.is_empty() {
            break;
        }
        let pilot = (0..=u16::MAX).find(|&pilot| {
            taken.clear();
            members.iter().all(|&key| {
                let at = slot(hashes[key], pilot, slot_count);
                let free = slots[at].is_none() && !taken.contains(&at);
                taken.push(at);
                free
            })
        })?;
        pilots[index] = pilot;
        for &key in members {
            slots[slot(hashes[key], pilot, slot_count)] = Some(keys[key]);
        }
    }
    Some(MessageTable {
        seed,
        pilots,
        slots,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the generated `from_message` does with the table's rows.
    fn find(table: &MessageTable, message: &str) -> Option<usize> {
        let rows: Vec<(&str, usize)> = table.rows().collect();
        let key_hash = hash(message.as_bytes(), table.seed);
        let pilot = table.pilots[bucket(key_hash, table.pilots.len())];
        match rows[slot(key_hash, pilot, rows.len())] {
            (known, index) if known == message => Some(index),
            _ => None,
        }
    }

    #[test]
    fn every_key_is_found_in_its_own_slot_and_near_misses_are_not() {
        // Messages alike but for a character, a case, a length or a
        // trailing space, in sizes from one key to many buckets.
        let mut messages = Vec::new();
        for index in 0..3_000 {
            messages.push(format!("Status{index}"));
            messages.push(format!("status{index}"));
            messages.push(format!("Status{index} "));
            messages.push(format!("函数{index}超时"));
        }
        messages.push(String::new());
        for count in [1, 2, 3, 7, 8, 9, 100, messages.len()] {
            let keys: Vec<(&str, usize)> = messages[..count]
                .iter()
                .enumerate()
                .map(|(index, message)| (message.as_str(), index))
                .collect();
            let table = build(&keys).unwrap();
            assert_eq!(table.slots.iter().flatten().count(), count);
            for &(message, index) in &keys {
                assert_eq!(find(&table, message), Some(index), "{message:?}");
            }
            for miss in ["NoSuchStatus", "Status", "status 1", "Status1  "] {
                assert_eq!(find(&table, miss), None, "{miss:?} among {count}");
            }
        }
    }

    /// The template crate's hand-written table is what `build` gives for its
    /// messages (so that a change to the hash cannot leave it stale).
    #[test]
    fn the_template_table_is_the_one_build_gives() {
        let template: syn::File =
            syn::parse_str(include_str!("../../../crate-api/src/lib.rs")).unwrap();
        let value = |name: &str| -> syn::Expr {
            template
                .items
                .iter()
                .find_map(|item| match item {
                    syn::Item::Static(item) if item.ident == name => Some((*item.expr).clone()),
                    syn::Item::Const(item) if item.ident == name => Some((*item.expr).clone()),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("the template has no {name}"))
        };
        let text = |expr: &syn::Expr| quote::ToTokens::to_token_stream(expr).to_string();
        let syn::Expr::Array(rows) = value("BY_MESSAGE") else {
            panic!("BY_MESSAGE is no array")
        };
        let rows: Vec<(String, usize)> = rows
            .elems
            .iter()
            .map(|row| {
                let syn::Expr::Tuple(row) = row else {
                    panic!("a row is no tuple")
                };
                let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(message),
                    ..
                }) = &row.elems[0]
                else {
                    panic!("a row's message is no string")
                };
                (message.value(), text(&row.elems[1]).parse().unwrap())
            })
            .collect();
        let keys: std::collections::BTreeSet<(&str, usize)> = rows
            .iter()
            .map(|(message, index)| (message.as_str(), *index))
            .collect();
        let keys: Vec<(&str, usize)> = keys.into_iter().collect();
        let table = build(&keys).unwrap();
        let built: Vec<(String, usize)> = table
            .rows()
            .map(|(message, index)| (message.to_owned(), index))
            .collect();
        assert_eq!(built, rows, "BY_MESSAGE");
        assert_eq!(text(&value("MESSAGE_SEED")), table.seed.to_string());
        let pilots: Vec<String> = table.pilots.iter().map(u16::to_string).collect();
        assert_eq!(
            text(&value("MESSAGE_PILOTS")),
            format!("[{}]", pilots.join(" , "))
        );
    }

    #[test]
    fn the_same_keys_give_the_same_table() {
        let keys = [("Success", 0), ("TimeLimitReached", 1), ("User", 2)];
        let (first, second) = (build(&keys).unwrap(), build(&keys).unwrap());
        assert_eq!(first.seed, second.seed);
        assert_eq!(first.pilots, second.pilots);
        assert_eq!(first.slots, second.slots);
    }

    #[test]
    fn hash_reads_every_byte_of_short_and_long_messages() {
        let message = "User process exit when running; 用户进程退出";
        for end in 0..=message.len() {
            let bytes = &message.as_bytes()[..end];
            let mut changed = bytes.to_vec();
            for at in 0..end {
                changed[at] ^= 1;
                assert_ne!(hash(bytes, 0), hash(&changed, 0), "byte {at} of {end}");
                changed[at] ^= 1;
            }
        }
    }
}
