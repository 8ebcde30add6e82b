//! Duplicate keys in an import, found in bounded memory.
//!
//! Each valid line contributes 32 bytes: a 128-bit hash of its key (`user_id`,
//! `timestamp#event_id`), a 64-bit hash of its content and its line number. Up to
//! [`IN_MEMORY_LINES`] keys are held in a hash map and repeats are found as they come; past that,
//! every record is spilled to 256 bucket files by key hash, and each bucket is sorted and read on
//! its own at the end, so memory stays flat whatever the input.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

/// Keys held in memory before spilling (about 35 MB of hash map).
pub(crate) const IN_MEMORY_LINES: usize = 500_000;
const BUCKETS: usize = 256;
const RECORD: usize = 32;

/// A 128-bit hash of several strings (two SipHash runs with different seeds).
pub(crate) fn hash128(parts: &[&str]) -> u128 {
    let mut a = DefaultHasher::new();
    let mut b = DefaultHasher::new();
    0xA5u8.hash(&mut b);
    for p in parts {
        p.hash(&mut a);
        p.hash(&mut b);
    }
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

/// A 64-bit hash of some bytes (an event's record).
pub(crate) fn hash64(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// A line whose key an earlier line has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Repeat {
    pub line: u64,
    /// The first line with this key.
    pub first: u64,
    /// Same content as the first (a duplicate, written once) or not (a conflict).
    pub same_content: bool,
}

pub(crate) struct Dedupe {
    seen: HashMap<u128, (u64, u64)>,
    limit: usize,
    buckets: Option<Vec<BufWriter<File>>>,
}

impl Default for Dedupe {
    fn default() -> Dedupe {
        Dedupe::with_limit(IN_MEMORY_LINES)
    }
}

fn record(key: u128, content: u64, line: u64) -> [u8; RECORD] {
    let mut r = [0u8; RECORD];
    r[..16].copy_from_slice(&key.to_le_bytes());
    r[16..24].copy_from_slice(&content.to_le_bytes());
    r[24..].copy_from_slice(&line.to_le_bytes());
    r
}

fn unrecord(r: &[u8]) -> (u128, u64, u64) {
    let mut k = [0u8; 16];
    k.copy_from_slice(&r[..16]);
    let mut c = [0u8; 8];
    c.copy_from_slice(&r[16..24]);
    let mut l = [0u8; 8];
    l.copy_from_slice(&r[24..]);
    (
        u128::from_le_bytes(k),
        u64::from_le_bytes(c),
        u64::from_le_bytes(l),
    )
}

impl Dedupe {
    pub(crate) fn with_limit(limit: usize) -> Dedupe {
        Dedupe {
            seen: HashMap::new(),
            limit,
            buckets: None,
        }
    }

    /// Whether records went to disk (for tests and the report).
    pub(crate) fn spilled(&self) -> bool {
        self.buckets.is_some()
    }

    fn spill(&mut self, key: u128, content: u64, line: u64) -> io::Result<()> {
        let buckets = self.buckets.as_mut().expect("spilling");
        buckets[(key >> 120) as usize % BUCKETS].write_all(&record(key, content, line))
    }

    /// A valid line's key and content. Returns the repeat when it is known now; after the spill,
    /// repeats are only known at [`Dedupe::finish`].
    pub(crate) fn see(&mut self, key: u128, content: u64, line: u64) -> io::Result<Option<Repeat>> {
        if self.buckets.is_some() {
            self.spill(key, content, line)?;
            return Ok(None);
        }
        if let Some((first, c)) = self.seen.get(&key) {
            return Ok(Some(Repeat {
                line,
                first: *first,
                same_content: *c == content,
            }));
        }
        if self.seen.len() >= self.limit {
            let mut buckets = Vec::with_capacity(BUCKETS);
            for _ in 0..BUCKETS {
                buckets.push(BufWriter::with_capacity(8 << 10, tempfile::tempfile()?));
            }
            self.buckets = Some(buckets);
            for (k, (l, c)) in std::mem::take(&mut self.seen) {
                self.spill(k, c, l)?;
            }
            self.spill(key, content, line)?;
            return Ok(None);
        }
        self.seen.insert(key, (line, content));
        Ok(None)
    }

    /// The repeats not known yet (those of spilled records), bucket by bucket.
    pub(crate) fn finish(self, mut on_repeat: impl FnMut(Repeat)) -> io::Result<()> {
        let Some(buckets) = self.buckets else {
            return Ok(());
        };
        for bucket in buckets {
            let mut file = bucket.into_inner().map_err(|e| e.into_error())?;
            file.rewind()?;
            let mut bytes = Vec::new();
            BufReader::new(file).read_to_end(&mut bytes)?;
            let mut records: Vec<(u128, u64, u64)> =
                bytes.chunks_exact(RECORD).map(unrecord).collect();
            drop(bytes);
            records.sort_unstable_by_key(|(k, _, l)| (*k, *l));
            let mut first: Option<(u128, u64, u64)> = None;
            for (k, c, l) in records {
                match first {
                    Some((fk, fc, fl)) if fk == k => on_repeat(Repeat {
                        line: l,
                        first: fl,
                        same_content: fc == c,
                    }),
                    _ => first = Some((k, c, l)),
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answers in memory and spilled: line 3 repeats line 1, line 5 conflicts with 2.
    #[test]
    fn repeats_are_found_in_memory_and_after_a_spill() {
        for limit in [100, 2] {
            let mut d = Dedupe::with_limit(limit);
            let input = [
                (1, 10),
                (2, 20),
                (1, 10),
                (3, 30),
                (2, 21),
                (4, 40),
                (1, 11),
            ];
            let mut repeats = Vec::new();
            for (i, (k, c)) in input.iter().enumerate() {
                repeats.extend(d.see(*k as u128, *c, i as u64 + 1).unwrap());
            }
            assert_eq!(d.spilled(), limit == 2);
            d.finish(|r| repeats.push(r)).unwrap();
            repeats.sort_by_key(|r| r.line);
            assert_eq!(
                repeats,
                vec![
                    Repeat {
                        line: 3,
                        first: 1,
                        same_content: true
                    },
                    Repeat {
                        line: 5,
                        first: 2,
                        same_content: false
                    },
                    Repeat {
                        line: 7,
                        first: 1,
                        same_content: false
                    },
                ],
                "limit {limit}"
            );
        }
    }
}
