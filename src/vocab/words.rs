//! Counts in words: every module that writes a count before a noun says it with these, so the
//! noun always takes the count's form (the output layer's guard test holds text to it).

/// `1 user`, `2 users`, `0 users`: a count and its noun, the noun in the form the count needs.
/// (Text never says `user(s)` or `identit(ies)`: `plurals_are_spelled_out` guards it.)
pub(crate) fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// [`plural`] of a `usize` count.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    plural(u64::try_from(n).unwrap_or(u64::MAX), one, many)
}
