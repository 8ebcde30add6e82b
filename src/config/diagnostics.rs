//! Turns what the TOML reader reports into one line, `FILE:LINE: key `x`: what is wrong`.
//!
//! The `toml` crate gives a byte span for every error and every value; a span becomes a line
//! number here, and the key is found by looking the span up in the parsed document (the reader's
//! own message names no key).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::UsageError;

/// The 1-based line of a byte offset.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// One line about a value of the file.
pub(super) fn at(shown: &str, text: &str, span: Range<usize>, key: &str, what: &str) -> UsageError {
    UsageError::new(format!(
        "{shown}:{}: key `{key}`: {what}",
        line_of(text, span.start)
    ))
}

/// One line for an error the TOML reader or serde raised.
pub(super) fn from_toml(shown: &str, text: &str, e: &toml::de::Error) -> UsageError {
    let span = e.span().unwrap_or(0..0);
    let line = line_of(text, span.start);
    let message = e.message().trim();
    let tree = DeTable::parse(text).ok();
    let key = tree
        .as_ref()
        .and_then(|t| key_path(t.get_ref(), &span, ""))
        .or_else(|| key_on_line(text, &span));
    let what = describe(message, text, &span);
    match key {
        Some(key) => UsageError::new(format!("{shown}:{line}: key `{key}`: {what}")),
        None => UsageError::new(format!("{shown}:{line}: {what}")),
    }
}

/// The reader's message in the tool's words.
fn describe(message: &str, text: &str, span: &Range<usize>) -> String {
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let expected = backticked(rest.split_once("expected").map_or("", |(_, e)| e));
        let wrong = backticked(rest).into_iter().next().unwrap_or_default();
        return match closest(&wrong, &expected) {
            Some(near) => format!("unknown key; did you mean `{near}`?"),
            None if expected.is_empty() => "unknown key".to_owned(),
            None => format!("unknown key; the keys here are {}", expected.join(", ")),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let expected = expected.trim_start_matches("struct ").replace("Raw", "");
        let hint = if expected == "a string" && found.starts_with("integer") {
            " (quote it: \"...\")"
        } else {
            ""
        };
        return format!(
            "wrong type: expected {}, found {found}{hint}",
            plain_type(&expected)
        );
    }
    if message == "duplicate key" {
        let header = text
            .get(line_start(text, span.start)..)
            .and_then(|l| l.lines().next())
            .map(str::trim)
            .filter(|l| l.starts_with('['));
        return match header {
            Some(h) => format!("the table {h} is defined twice; merge the two sections"),
            None => "set twice in the same table; keep one".to_owned(),
        };
    }
    format!("bad TOML syntax: {message}")
}

/// serde's type words as a user of the file reads them.
fn plain_type(expected: &str) -> String {
    match expected {
        "f64" => "a number".to_owned(),
        "a map" | "Env" | "Latency" | "Prices" | "Export" | "Athena" | "Percentiles" => {
            "a table".to_owned()
        }
        "a sequence" => "a list".to_owned(),
        other => other.to_owned(),
    }
}

fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// The words between backticks, in order.
fn backticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

/// The known key nearest to a misspelt one, when it is near enough to be a typo.
fn closest(wrong: &str, known: &[String]) -> Option<String> {
    known
        .iter()
        .map(|k| (edit_distance(wrong, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.clone())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// The dotted path of the key whose name or value holds `span`, deepest first.
fn key_path(table: &DeTable<'_>, span: &Range<usize>, prefix: &str) -> Option<String> {
    for (k, v) in table.iter() {
        let path = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        if k.span() == *span {
            return Some(path);
        }
        if let Some(found) = value_path(v, span, &path) {
            return Some(found);
        }
    }
    None
}

fn value_path(v: &Spanned<DeValue<'_>>, span: &Range<usize>, path: &str) -> Option<String> {
    let inside = |s: Range<usize>| s.start <= span.start && span.end <= s.end;
    match v.get_ref() {
        DeValue::Table(t) => key_path(t, span, path),
        DeValue::Array(items) => items
            .iter()
            .find_map(|item| value_path(item, span, path))
            .or_else(|| inside(v.span()).then(|| path.to_owned())),
        _ => inside(v.span()).then(|| path.to_owned()),
    }
}

/// When the document does not parse: the key written at the start of the error's line, if any.
fn key_on_line(text: &str, span: &Range<usize>) -> Option<String> {
    let line = text
        .get(line_start(text, span.start)..)?
        .lines()
        .next()?
        .trim();
    if let Some(header) = line.strip_prefix('[') {
        let name = header.trim_start_matches('[').split(']').next()?.trim();
        return (!name.is_empty()).then(|| name.to_owned());
    }
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    bare.then(|| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one() {
        let text = "a = 1\nb = 2\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 6), 2);
        assert_eq!(line_of(text, 99), 3);
    }

    #[test]
    fn typos_find_their_key() {
        let known = ["region".to_owned(), "profile".to_owned()];
        assert_eq!(closest("regin", &known).as_deref(), Some("region"));
        assert_eq!(closest("colour", &known), None);
    }
}
