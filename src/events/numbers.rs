//! Numbers in input JSON that DynamoDB would reject, or that would not keep their value.
//!
//! serde_json (without `arbitrary_precision`) holds a number as i64, u64 or f64, and the item is
//! built from it with `to_string()` (`model::number_text`). A literal survives that
//! trip only if it is a 64-bit integer or a decimal that f64 represents exactly in its shortest
//! form; DynamoDB then takes at most 38 significant digits and magnitudes from 1e-130 to
//! below 1e126. This module finds every number token in the raw text and checks both.

/// A decimal number as sign, significant digits (no leading or trailing zeros) and the power of
/// ten of the last digit: `-12.50` is `(true, "125", -1)`.
#[derive(Debug, PartialEq, Eq)]
struct Decimal {
    negative: bool,
    digits: String,
    exponent: i64,
}

fn normalize(text: &str) -> Option<Decimal> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exp) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().ok()?),
        None => (rest, 0),
    };
    let (int, frac) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let all: String = int.chars().chain(frac.chars()).collect();
    if !all.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let trimmed_end = all.trim_end_matches('0');
    // Checked: an exponent like 1e9223372036854775807 must not overflow (found by the fuzzer).
    let exponent = exp
        .checked_sub(frac.len() as i64)?
        .checked_add((all.len() - trimmed_end.len()) as i64)?;
    let digits = trimmed_end.trim_start_matches('0').to_owned();
    if digits.is_empty() {
        return Some(Decimal {
            negative: false,
            digits: String::new(),
            exponent: 0,
        });
    }
    Some(Decimal {
        negative,
        digits,
        exponent,
    })
}

/// DynamoDB's limits on a number string: 38 significant digits, 1e-130 <= |n| < 1e126.
pub(crate) fn dynamodb_number_problem(text: &str) -> Option<String> {
    let out_of_range = || {
        format!(
            "number {text} is outside DynamoDB's range (1e-130 to 9.99e125); send it as a string"
        )
    };
    let Some(d) = normalize(text) else {
        return Some(out_of_range());
    };
    if d.digits.is_empty() {
        return None;
    }
    if d.digits.len() > 38 {
        return Some(format!(
            "number {text} has {} significant digits; DynamoDB keeps at most 38 (send it as a string)",
            d.digits.len()
        ));
    }
    // Power of ten of the leading digit.
    match d.exponent.checked_add(d.digits.len() as i64 - 1) {
        Some(m) if (-130..126).contains(&m) => None,
        _ => Some(out_of_range()),
    }
}

/// Do two DynamoDB number strings mean the same number (`1.50` and `1.5`, `1e2` and `100`)?
pub(crate) fn same_number(a: &str, b: &str) -> bool {
    a == b
        || match (normalize(a), normalize(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
}

/// Checks one number literal from the input: it must survive JSON parsing and DynamoDB unchanged.
fn check_literal(text: &str) -> Result<(), String> {
    if let Some(problem) = dynamodb_number_problem(text) {
        return Err(problem);
    }
    let is_integer = !text.contains(['.', 'e', 'E']);
    if is_integer {
        if text.parse::<i64>().is_ok() || text.parse::<u64>().is_ok() {
            return Ok(());
        }
        return Err(format!(
            "integer {text} is beyond 64 bits and would be rounded; send it as a string"
        ));
    }
    let value: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    // What the item will hold is `value.to_string()` (`model::number_text`); it must mean the
    // same number.
    let stored = value.to_string();
    if normalize(&stored) != normalize(text) {
        return Err(format!(
            "number {text} cannot be stored exactly (it would become {}); send it as a string",
            if stored.len() > 24 {
                format!("{}...", &stored[..24])
            } else {
                stored
            }
        ));
    }
    if let Some(problem) = dynamodb_number_problem(&stored) {
        return Err(problem);
    }
    Ok(())
}

/// Checks every number token of a JSON text (strings are skipped, escapes honoured).
/// Returns the first problem; the text's JSON validity is serde_json's business.
pub(crate) fn check_numbers(json: &str) -> Result<(), String> {
    let bytes = json.as_bytes();
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 2,
                b'"' => {
                    in_string = false;
                    i += 1;
                }
                _ => i += 1,
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                check_literal(&json[start..i])?;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_numbers_pass() {
        for ok in [
            r#"{"a": 1, "b": -2, "c": 3.25, "d": 0.1, "e": 1e10, "f": 18446744073709551615}"#,
            r#"{"s": "99999999999999999999999999999999999999999 in a string"}"#,
            r#"{"esc": "quote \" 123456789012345678901234567890", "n": 0}"#,
            r#"[0.000001, 123456789012345, -9223372036854775808, 1.5e-7, 1e100]"#,
        ] {
            assert_eq!(check_numbers(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn lossy_or_invalid_numbers_fail() {
        for (bad, needle) in [
            (
                "[123456789012345678901234567890123456789]",
                "39 significant digits",
            ),
            ("[18446744073709551616]", "beyond 64 bits"),
            ("[0.1234567890123456789]", "cannot be stored exactly"),
            ("[1e200]", "outside DynamoDB's range"),
            ("[1e-140]", "outside DynamoDB's range"),
            // Found by the fuzzer (fuzz/key_codec): an exponent at i64::MAX overflowed.
            ("[7e9223372036854775807]", "outside DynamoDB's range"),
            ("[5e-9223372036854775808]", "outside DynamoDB's range"),
        ] {
            let err = check_numbers(bad)
                .err()
                .unwrap_or_else(|| panic!("{bad} passed"));
            assert!(err.contains(needle), "{bad}: {err}");
        }
    }

    #[test]
    fn normalization() {
        assert_eq!(
            normalize("-12.50"),
            Some(Decimal {
                negative: true,
                digits: "125".into(),
                exponent: -1
            })
        );
        assert_eq!(normalize("1e2"), normalize("100"));
        assert_eq!(normalize("0.0"), normalize("0"));
    }
}
