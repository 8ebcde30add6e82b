//! Counts in words: every module that writes a count before a noun says it with these, so the
//! noun always takes the count's form (the output layer's guard test holds text to it).

/// `1 user`, `2 users`, `0 users`: a count and its noun, the noun in the form the count needs.
/// (Text never says `user(s)` or `identit(ies)`: `plurals_are_spelled_out` guards it.)
pub(crate) fn plural(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// [`plural`] of a signed count (days of retention, a duration's whole units).
pub(crate) fn signed(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// [`plural`] of a `usize` count.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    plural(u64::try_from(n).unwrap_or(u64::MAX), one, many)
}

/// A quantity printed as a whole number (`{:.0}`), with its noun: `1 read unit`, `0 read
/// units`, `2 read units` (0.6 rounds to `1 read unit`).
pub(crate) fn whole(x: f64, one: &str, many: &str) -> String {
    let shown = format!("{x:.0}");
    let noun = if shown == "1" { one } else { many };
    format!("{shown} {noun}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_take_the_form_they_print() {
        assert_eq!(whole(1.0, "read unit", "read units"), "1 read unit");
        assert_eq!(whole(0.6, "read unit", "read units"), "1 read unit");
        assert_eq!(whole(0.4, "read unit", "read units"), "0 read units");
        assert_eq!(whole(1234.5, "read unit", "read units"), "1234 read units");
    }
}
