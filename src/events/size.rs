//! Item size as DynamoDB counts it (developer guide, "Item sizes and formats"): attribute
//! names plus values in UTF-8; numbers in DynamoDB's own encoding ([`number_size`]); lists and
//! maps 3 bytes plus 1 byte per element plus their elements; booleans and nulls 1 byte.

use crate::events::model::Item;

use aws_sdk_dynamodb::types::AttributeValue;

pub(crate) fn item_size(item: &Item) -> usize {
    item.iter().map(|(k, v)| k.len() + value_size(v)).sum()
}

/// The bytes DynamoDB stores a number in. The developer guide gives only an approximation ("1
/// byte per two significant digits, plus 1 byte"); the exact form is base-100: the significant
/// digits are grouped in pairs aligned on the decimal point (so `1.5` spans two pairs, `0|1`
/// and `5|0`, where `15` fits one), one byte per pair, one byte of sign and exponent, and one
/// more for a negative number; zero is one byte. `-1` is 3 bytes, not 2: a list of 130,000
/// `-1`s is 520 KB, over the limit. The exponent's size does not count, only its parity (it
/// moves the pairs' boundaries), so `1e125` costs what `1` does. Text that is not a number is
/// sized as if its digits were one (it is refused by `super::numbers` before any call).
pub(crate) fn number_size(n: &str) -> usize {
    let text = n.trim();
    let (negative, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, ""),
    };
    // Only the exponent's parity matters: read its last digit (no overflow, whatever its length).
    let odd_exponent = exponent
        .bytes()
        .next_back()
        .is_some_and(|d| d.is_ascii_digit() && (d - b'0') % 2 == 1);
    let point = mantissa.find('.').unwrap_or(mantissa.len()) as i64;
    // The power of ten of the first and the last non-zero digit.
    let mut span: Option<(i64, i64)> = None;
    for (i, c) in mantissa.bytes().enumerate() {
        let i = i as i64;
        if !c.is_ascii_digit() || c == b'0' {
            continue;
        }
        let unshifted = if i < point { point - 1 - i } else { point - i };
        let power = unshifted + i64::from(odd_exponent);
        span = Some(span.map_or((power, power), |(first, _)| (first, power)));
    }
    let Some((first, last)) = span else {
        // Zero, whatever its sign or form.
        return 1;
    };
    let pairs = first.div_euclid(2) - last.div_euclid(2) + 1;
    1 + pairs as usize + usize::from(negative)
}

pub(crate) fn value_size(v: &AttributeValue) -> usize {
    match v {
        AttributeValue::S(s) => s.len(),
        AttributeValue::N(n) => number_size(n),
        AttributeValue::B(b) => b.as_ref().len(),
        AttributeValue::Bool(_) | AttributeValue::Null(_) => 1,
        AttributeValue::Ss(items) => items.iter().map(String::len).sum(),
        AttributeValue::Ns(items) => items.iter().map(|n| number_size(n)).sum(),
        AttributeValue::Bs(items) => items.iter().map(|b| b.as_ref().len()).sum(),
        AttributeValue::L(items) => 3 + items.iter().map(|v| 1 + value_size(v)).sum::<usize>(),
        AttributeValue::M(map) => {
            3 + map
                .iter()
                .map(|(k, v)| 1 + k.len() + value_size(v))
                .sum::<usize>()
        }
        _ => 0,
    }
}

/// The size of a JSON value stored as an attribute ([`crate::events::model::json_to_attribute`]),
/// counted as [`value_size`] counts the attribute, without building it.
pub(crate) fn json_value_size(v: &serde_json::Value) -> usize {
    use serde_json::Value;
    match v {
        Value::Null | Value::Bool(_) => 1,
        Value::Number(n) => number_size(&crate::events::model::number_text(n)),
        Value::String(s) => s.len(),
        Value::Array(items) => 3 + items.iter().map(|v| 1 + json_value_size(v)).sum::<usize>(),
        Value::Object(m) => json_map_size(m),
    }
}

/// The size of a JSON object stored as a map attribute.
pub(crate) fn json_map_size(m: &serde_json::Map<String, serde_json::Value>) -> usize {
    3 + m
        .iter()
        .map(|(k, v)| 1 + k.len() + json_value_size(v))
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_dynamodb::types::AttributeValue;
    use std::collections::HashMap;

    #[test]
    fn sizes_follow_the_developer_guide() {
        let mut item = HashMap::new();
        item.insert("a".to_owned(), AttributeValue::S("héllo".into())); // 1 + 6
        item.insert("n".to_owned(), AttributeValue::N("12345".into())); // 1 + 3 + 1
        item.insert("z".to_owned(), AttributeValue::N("0.00100".into())); // 1 + 1 + 1
        item.insert("b".to_owned(), AttributeValue::Bool(true)); // 1 + 1
        item.insert("m".to_owned(), AttributeValue::M(HashMap::new())); // 1 + 3
        item.insert(
            "l".to_owned(),
            AttributeValue::L(vec![AttributeValue::S("xy".into())]), // 1 + 3 + 1 + 2
        );
        assert_eq!(item_size(&item), 7 + 5 + 3 + 2 + 4 + 7);
    }

    /// DynamoDB's number sizes: pairs of digits aligned on the decimal point, a byte more for a
    /// negative number (the cases the old count of `ceil(digits / 2) + 1` got wrong are marked).
    #[test]
    fn numbers_are_sized_in_base_100_pairs_with_the_sign() {
        let cases = [
            ("0", 1),
            ("-0", 1),
            ("0.000", 1),
            ("1", 2),
            ("-1", 3), // was 2
            ("10", 2),
            ("12", 2),
            ("123", 3),
            ("1234", 3),
            ("12345", 4),
            ("123456", 4),
            ("1.5", 3), // was 2: `1.5` is the pairs 01 and 50
            ("15", 2),
            ("0.15", 2),
            ("0.015", 3),   // was 2
            ("3.14159", 5), // was 4
            ("-3.14159", 6),
            ("0.00100", 2),
            ("1e125", 2),
            ("1e-130", 2),
            ("15e1", 3),  // 150: the pairs 01 and 50
            ("1.5e1", 2), // 15
            ("-7e-20", 3),
            ("99999999999999999999999999999999999999", 20),
            ("18446744073709551615", 11),
        ];
        for (n, want) in cases {
            assert_eq!(number_size(n), want, "{n}");
        }
    }

    /// An independent reference: the closed form from the number's significant digits `d` and
    /// the power of ten `e` of its first digit: `1 + ceil(d / 2)`, plus 1 when `d` is even and
    /// `e` is even (the pairs straddle), plus 1 when negative. Built by rewriting the number as
    /// a plain digit string, not by walking powers as [`number_size`] does.
    fn reference_size(text: &str) -> usize {
        let negative = text.starts_with('-');
        let body = text.trim_start_matches(['-', '+']);
        let (mantissa, exp) = body.split_once(['e', 'E']).unwrap_or((body, "0"));
        let exp: i64 = exp.parse().unwrap();
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let all = format!("{int}{frac}");
        let lead = all.len() - all.trim_start_matches('0').len();
        let digits = all.trim_matches('0');
        if digits.is_empty() {
            return 1;
        }
        // The first significant digit is at power (int.len() - 1 - lead) before the exponent.
        let e = int.len() as i64 - 1 - lead as i64 + exp;
        let d = digits.len();
        1 + d.div_ceil(2) + usize::from(d % 2 == 0 && e.rem_euclid(2) == 0) + usize::from(negative)
    }

    /// Property test: 20,000 generated numbers (seeded, so a failure repeats) of every shape
    /// serde_json and DynamoDB accept: signs, leading and trailing zeros, fractions, exponents.
    #[test]
    fn number_sizes_match_an_independent_reference() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            // xorshift64*
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) % n
        };
        for _ in 0..20_000 {
            let mut text = String::new();
            if next(2) == 0 {
                text.push('-');
            }
            let int_len = 1 + next(20) as usize;
            for i in 0..int_len {
                let d = if i == 0 && int_len > 1 && next(3) > 0 {
                    1 + next(9)
                } else {
                    next(10)
                };
                text.push(char::from(b'0' + d as u8));
            }
            if next(2) == 0 {
                text.push('.');
                for _ in 0..1 + next(20) {
                    // Zeros often: they are what pairs and trims turn on.
                    let d = if next(3) == 0 { 0 } else { next(10) };
                    text.push(char::from(b'0' + d as u8));
                }
            }
            if next(3) == 0 {
                text.push(['e', 'E'][next(2) as usize]);
                let e = next(200) as i64 - 100;
                text.push_str(&e.to_string());
            }
            assert_eq!(number_size(&text), reference_size(&text), "{text}");
        }
    }

    /// The payload of the hostile try: 130,000 `-1`s counted at 390,300 bytes passed the
    /// 400 KB check, and DynamoDB refused the item. Each `-1` is 3 bytes and 1 of list overhead.
    #[test]
    fn a_list_of_130000_minus_ones_is_over_400_kb() {
        let list = serde_json::Value::Array(vec![serde_json::json!(-1); 130_000]);
        assert_eq!(json_value_size(&list), 3 + 130_000 * 4);
        use crate::events::model::{Defaults, EventInput};
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let line = format!(
            r#"{{"user_id":"u","event_type":"t","timestamp":"2026-01-01T00:00:00Z","payload":{{"a":{list}}}}}"#
        );
        let e = EventInput::from_line(&line)
            .unwrap()
            .into_event(Defaults { now: None }, None)
            .unwrap();
        let err = e.check_size().unwrap_err().0;
        assert!(err.contains("400 KB"), "{err}");
    }

    /// The size computed from an event is the size of the item it gives, for every kind of value.
    #[test]
    fn event_sizes_are_the_sizes_of_their_items() {
        use crate::events::model::{Defaults, EventInput};
        let lines = [
            // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
            r#"{"user_id":"u","event_type":"t","timestamp":"2026-01-01T00:00:00Z"}"#,
            r#"{"user_id":"ü","event_type":"t","timestamp":"2026-01-01T00:00:00Z","retry_count":12,"ttl":1800000000,
               "payload":{"a":[1,2.5,"x",null,true,{"b":{}}],"n":0.00100,"big":18446744073709551615,"neg":-7e-20},
               "metadata":{"m":{"n":[[]]}}}"#,
        ];
        for line in lines {
            let e = EventInput::from_line(line)
                .unwrap()
                .into_event(Defaults { now: None }, None)
                .unwrap();
            assert_eq!(e.item_size(), item_size(&e.to_item()), "{line}");
        }
    }
}
