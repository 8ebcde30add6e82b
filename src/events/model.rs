//! The event: what one line of an import, one `events put` or one canary is, validated.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::keys::{MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, format_ts, index_key, sort_key};
use super::numbers::check_numbers;
use super::size::{json_map_size, number_size};
use crate::spec::{
    MAX_ITEM_BYTES, PARTITION_KEY, SORT_KEY, STATUS_SORT_KEY, TTL_ATTRIBUTE, TTL_DAYS,
    TYPE_SORT_KEY,
};

/// The status an event gets when none is given.
pub(crate) const DEFAULT_STATUS: &str = "pending";
/// A stored item as the SDK gives it (the one view, declared in the bottom layer).
pub use crate::vocab::item::Item;

/// A `ttl` at or above this is milliseconds, not epoch seconds (as seconds it would be past the
/// year 5000): DynamoDB TTL never expires such an item. The one threshold: writing refuses it,
/// `check-ttl` classifies by it, the repair divides by 1,000 until below it.
pub(crate) const TTL_MILLIS_THRESHOLD: i64 = 100_000_000_000;

/// An event as written: every field present, keys derived from them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub user_id: String,
    pub event_id: String,
    pub event_type: String,
    pub status: String,
    /// Fixed-width UTC, `2025-11-11T12:00:00.000000Z`.
    pub timestamp: String,
    /// Epoch seconds.
    pub ttl: i64,
    pub retry_count: u32,
    pub payload: Map<String, Value>,
    pub metadata: Map<String, Value>,
}

/// An event as given (an import line, `--json`): only `user_id` and `event_type` are required.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    pub user_id: String,
    pub event_type: String,
    #[serde(default)]
    pub event_id: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default)]
    pub ttl: Option<Value>,
    #[serde(default)]
    pub retry_count: Option<Value>,
    #[serde(default)]
    pub payload: Option<Value>,
    #[serde(default)]
    pub metadata: Option<Value>,
}

/// Why an event cannot be written; one line, fit for `line N: ...`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Invalid(pub String);

fn invalid(msg: impl Into<String>) -> Invalid {
    Invalid(msg.into())
}

/// How to fill what the input leaves out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Defaults {
    /// The timestamp for events without one, if allowed (`events put`, `import --stamp-now`).
    pub now: Option<DateTime<Utc>>,
}

fn check_text(field: &str, value: &str, allow_hash: bool) -> Result<(), Invalid> {
    if value.trim().is_empty() {
        return Err(invalid(format!("{field} is empty")));
    }
    if value.chars().any(char::is_control) {
        return Err(invalid(format!("{field} contains a control character")));
    }
    if !allow_hash && value.contains('#') {
        return Err(invalid(format!(
            "{field} `{value}` contains `#`, which separates the parts of the index sort keys"
        )));
    }
    Ok(())
}

fn object(field: &str, value: Option<Value>) -> Result<Map<String, Value>, Invalid> {
    match value {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m),
        Some(other) => Err(invalid(format!(
            "{field} must be a JSON object, not {}",
            kind(&other)
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses any RFC 3339 timestamp into UTC.
pub(crate) fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, Invalid> {
    crate::times::parse_rfc3339(text).map_err(|_| {
        invalid(format!(
            "timestamp `{text}` is not RFC 3339 (2025-11-11T12:00:00Z or with an offset)"
        ))
    })
}

/// A deterministic event id from the input's content: the same line gives the same id, so
/// importing a file twice writes each event once. UUID-shaped, from SHA-256 of the canonical
/// JSON (sorted keys) of the line.
pub(crate) fn derived_event_id(canonical: &Value) -> String {
    let mut text = String::new();
    write_canonical(canonical, &mut text);
    let hash = Sha256::digest(text.as_bytes());
    let h = hex(&hash[..16]);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// JSON with object keys sorted at every level, whatever order the input had.
pub(crate) fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            // Sorted here: `serde_json::Map` keeps insertion order when a dependency turns on
            // serde_json's `preserve_order` (the SDK's test utilities do).
            let mut entries: Vec<(&String, &Value)> = m.iter().collect();
            entries.sort_unstable_by_key(|(k, _)| *k);
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json_string(k, out);
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::String(s) => write_json_string(s, out),
        Value::Number(n) => {
            use std::fmt::Write;
            let _ = write!(out, "{n}");
        }
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push_str("null"),
    }
}

/// A string as serde_json writes it, quoted and escaped.
fn write_json_string(s: &str, out: &mut String) {
    let mut bytes = std::mem::take(out).into_bytes();
    serde_json::to_writer(&mut bytes, s).expect("writing to a Vec does not fail");
    *out = String::from_utf8(bytes).expect("serde_json writes UTF-8");
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
}

/// A random UUID v4, for events put by hand and canaries.
pub(crate) fn random_event_id() -> String {
    let bytes: [u8; 16] = rand::random();
    let mut b = bytes;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// One JSON object, read strictly (a field given twice is refused, not silently taken as the
/// last), its numbers checked.
fn checked_object(text: &str) -> Result<Value, Invalid> {
    let value = super::strict_json::parse(text).map_err(|e| invalid(json_error(&e)))?;
    if !value.is_object() {
        return Err(invalid(format!(
            "an event must be a JSON object, not {}",
            kind(&value)
        )));
    }
    check_numbers(text).map_err(invalid)?;
    Ok(value)
}

impl EventInput {
    /// Parses one JSON object (an import line, `--json`), checking its numbers first.
    pub(crate) fn parse(text: &str) -> Result<(EventInput, Value), Invalid> {
        let value = checked_object(text)?;
        let input = EventInput::deserialize(&value).map_err(|e| invalid(field_error(&e)))?;
        Ok((input, value))
    }

    /// One import line, parsed once: as [`EventInput::parse`], but the parsed JSON is moved into
    /// the input instead of copied, and a line without an `event_id` gets the one derived from its
    /// content ([`derived_event_id`]) here, where the whole line is still at hand.
    pub(crate) fn from_line(text: &str) -> Result<EventInput, Invalid> {
        let value = checked_object(text)?;
        let derived = match value.get("event_id") {
            None | Some(Value::Null) => Some(derived_event_id(&value)),
            Some(_) => None,
        };
        let mut input: EventInput =
            serde_json::from_value(value).map_err(|e| invalid(field_error(&e)))?;
        if input.event_id.is_none() {
            input.event_id = derived;
        }
        Ok(input)
    }

    /// Validates and fills defaults. `canonical` is the input as parsed, for a derived id.
    pub(crate) fn into_event(
        self,
        defaults: Defaults,
        canonical: Option<&Value>,
    ) -> Result<Event, Invalid> {
        check_text("user_id", &self.user_id, true)?;
        check_text("event_type", &self.event_type, false)?;
        let status = self.status.unwrap_or_else(|| DEFAULT_STATUS.to_owned());
        check_text("status", &status, false)?;
        let ts = match (&self.timestamp, defaults.now) {
            (Some(t), _) => parse_timestamp(t)?,
            (None, Some(now)) => now,
            (None, None) => {
                return Err(invalid(
                    "timestamp is missing (the sort key needs it); add it, or import with --stamp-now",
                ));
            }
        };
        let event_id = match self.event_id {
            Some(id) => {
                check_text("event_id", &id, true)?;
                id
            }
            None => match canonical {
                Some(c) => derived_event_id(c),
                None => random_event_id(),
            },
        };
        let timestamp = format_ts(ts);
        let ttl = match self.ttl {
            // The derived ttl passes the same checks as a given one: a timestamp in year 1 or
            // 9999 must not slip through as a ttl that would be refused if written out.
            None | Some(Value::Null) => check_ttl(
                (ts + Duration::days(TTL_DAYS)).timestamp(),
                Some(&timestamp),
            )?,
            Some(Value::Number(n)) => {
                let t = n.as_i64().ok_or_else(|| {
                    invalid(format!("ttl {n} must be a whole number of epoch seconds"))
                })?;
                check_ttl(t, None)?
            }
            Some(other) => {
                return Err(invalid(format!(
                    "ttl must be a number of epoch seconds, not {} (DynamoDB ignores a non-number ttl)",
                    kind(&other)
                )));
            }
        };
        let retry_count = match self.retry_count {
            None | Some(Value::Null) => 0,
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| invalid(format!("retry_count {n} must be a small whole number")))?,
            Some(other) => {
                return Err(invalid(format!(
                    "retry_count must be a number, not {}",
                    kind(&other)
                )));
            }
        };
        let event = Event {
            user_id: self.user_id,
            event_id,
            event_type: self.event_type,
            status,
            timestamp,
            ttl,
            retry_count,
            payload: nested_object("payload", self.payload)?,
            metadata: nested_object("metadata", self.metadata)?,
        };
        event.check_keys()?;
        Ok(event)
    }
}

/// serde_json's syntax errors, without the "at line 1" noise of a one-line input.
fn json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text).to_owned();
    match e.classify() {
        serde_json::error::Category::Eof => format!("truncated JSON ({text})"),
        // Valid JSON the strict reader refuses (a field given twice).
        serde_json::error::Category::Data => format!("{text} (column {})", e.column()),
        _ => format!("not valid JSON: {text} (column {})", e.column()),
    }
}

fn field_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = text.split(" at line ").next().unwrap_or(&text);
    text.replace("missing field", "missing required field")
}

/// Positive epoch seconds, below the milliseconds threshold: a ttl events may be written with.
pub(crate) fn ttl_is_seconds(t: i64) -> bool {
    t > 0 && t < TTL_MILLIS_THRESHOLD
}

/// A ttl, given or derived, as DynamoDB TTL can use it: positive epoch seconds, not
/// milliseconds. `derived_from` names the timestamp a derived ttl came from.
fn check_ttl(t: i64, derived_from: Option<&str>) -> Result<i64, Invalid> {
    if ttl_is_seconds(t) {
        return Ok(t);
    }
    let origin = derived_from
        // plural-ok: TTL_DAYS is a constant over 1
        .map(|ts| format!(" (derived: timestamp {ts} + {TTL_DAYS} days)"))
        .unwrap_or_default();
    if t <= 0 {
        return Err(invalid(format!(
            "ttl {t}{origin} must be positive epoch seconds{}",
            if derived_from.is_some() {
                "; give a later timestamp or an explicit ttl"
            } else {
                ""
            }
        )));
    }
    // At or above the ceiling.
    Err(invalid(if derived_from.is_some() {
        format!(
            "ttl {t}{origin} is beyond year 5138 and would read as milliseconds; give a realistic timestamp or an explicit ttl"
        )
    } else {
        format!(
            "ttl {t} looks like milliseconds; DynamoDB TTL needs epoch seconds (and ignores the rest)"
        )
    }))
}

/// `payload` and `metadata`: JSON objects within DynamoDB's nesting limit (the attribute itself
/// is level 1; at most 31 levels of maps and lists, 32 with the value at the bottom).
fn nested_object(field: &str, value: Option<Value>) -> Result<Map<String, Value>, Invalid> {
    use super::strict_json::{MAX_NESTING, container_depth};
    let m = object(field, value)?;
    let depth = 1 + m.values().map(container_depth).max().unwrap_or(0);
    if depth >= MAX_NESTING {
        return Err(invalid(format!(
            "{field} nests {depth} levels of objects and arrays; DynamoDB stores at most {} (32 levels counting {field} itself and the value at the bottom)",
            MAX_NESTING - 1
        )));
    }
    Ok(m)
}

impl Event {
    /// Every key the item carries fits DynamoDB's limits: the table's (`user_id`,
    /// `timestamp#event_id`) and the indexes' sort keys (`event_type#timestamp`,
    /// `status#timestamp`, 1,024 bytes each like any sort key); DynamoDB refuses an item with an
    /// index key over the limit as it refuses one with a table key over it.
    fn check_keys(&self) -> Result<(), Invalid> {
        if self.user_id.len() > MAX_PARTITION_KEY_BYTES {
            return Err(invalid(format!(
                // plural-ok: said only over the key's limit
                "user_id is {} bytes; a partition key holds at most {MAX_PARTITION_KEY_BYTES}",
                self.user_id.len()
            )));
        }
        let ts = self.timestamp.len();
        let keys = [
            (
                "timestamp#event_id",
                "the table",
                ts + 1 + self.event_id.len(),
            ),
            (
                "event_type#timestamp",
                crate::spec::EVENT_TYPE_INDEX,
                self.event_type.len() + 1 + ts,
            ),
            (
                "status#timestamp",
                crate::spec::STATUS_INDEX,
                self.status.len() + 1 + ts,
            ),
        ];
        for (key, on, len) in keys {
            if len > MAX_SORT_KEY_BYTES {
                return Err(invalid(format!(
                    // plural-ok: said only over the key's limit
                    "{key} is {len} bytes; a sort key ({on}) holds at most {MAX_SORT_KEY_BYTES}"
                )));
            }
        }
        Ok(())
    }

    pub(crate) fn sort_key(&self) -> String {
        sort_key(&self.timestamp, &self.event_id)
    }

    /// The DynamoDB item: the event's attributes plus the three composite keys, built directly
    /// (numbers as the text [`number_text`] gives).
    pub(crate) fn to_item(&self) -> Item {
        let s = |v: &str| AttributeValue::S(v.to_owned());
        let map = |m: &Map<String, Value>| {
            AttributeValue::M(
                m.iter()
                    .map(|(k, v)| (k.clone(), json_to_attribute(v)))
                    .collect(),
            )
        };
        HashMap::from([
            (PARTITION_KEY.to_owned(), s(&self.user_id)),
            (SORT_KEY.to_owned(), AttributeValue::S(self.sort_key())),
            (
                TYPE_SORT_KEY.to_owned(),
                AttributeValue::S(index_key(&self.event_type, &self.timestamp)),
            ),
            (
                STATUS_SORT_KEY.to_owned(),
                AttributeValue::S(index_key(&self.status, &self.timestamp)),
            ),
            ("event_id".to_owned(), s(&self.event_id)),
            ("event_type".to_owned(), s(&self.event_type)),
            ("status".to_owned(), s(&self.status)),
            ("timestamp".to_owned(), s(&self.timestamp)),
            (
                TTL_ATTRIBUTE.to_owned(),
                AttributeValue::N(self.ttl.to_string()),
            ),
            (
                "retry_count".to_owned(),
                AttributeValue::N(self.retry_count.to_string()),
            ),
            ("payload".to_owned(), map(&self.payload)),
            ("metadata".to_owned(), map(&self.metadata)),
        ])
    }

    /// The size of [`Event::to_item`] as DynamoDB counts it, without building the item.
    pub(crate) fn item_size(&self) -> usize {
        let (ts, id) = (self.timestamp.len(), self.event_id.len());
        let number = |n: &str| number_size(n);
        PARTITION_KEY.len()
            + self.user_id.len()
            + SORT_KEY.len()
            + ts
            + 1
            + id
            + TYPE_SORT_KEY.len()
            + self.event_type.len()
            + 1
            + ts
            + STATUS_SORT_KEY.len()
            + self.status.len()
            + 1
            + ts
            + "event_id".len()
            + id
            + "event_type".len()
            + self.event_type.len()
            + "status".len()
            + self.status.len()
            + "timestamp".len()
            + ts
            + TTL_ATTRIBUTE.len()
            + number(&self.ttl.to_string())
            + "retry_count".len()
            + number(&self.retry_count.to_string())
            + "payload".len()
            + json_map_size(&self.payload)
            + "metadata".len()
            + json_map_size(&self.metadata)
    }

    /// Checks the item against the 400 KB limit before any call; returns its size.
    pub(crate) fn check_size(&self) -> Result<usize, Invalid> {
        let size = self.item_size();
        if size > MAX_ITEM_BYTES {
            return Err(invalid(format!(
                // plural-ok: said only over 400 KB
                "the item is {size} bytes ({:.1} KB); DynamoDB allows at most {MAX_ITEM_BYTES} (400 KB), names and values counted",
                size as f64 / 1024.0
            )));
        }
        Ok(size)
    }

    /// The item, checked against the 400 KB limit before any call.
    pub(crate) fn to_checked_item(&self) -> Result<Item, Invalid> {
        self.check_size()?;
        Ok(self.to_item())
    }

    /// The key of the item: `user_id` and `timestamp#event_id`.
    pub(crate) fn key(&self) -> Item {
        HashMap::from([
            (
                PARTITION_KEY.to_owned(),
                AttributeValue::S(self.user_id.clone()),
            ),
            (SORT_KEY.to_owned(), AttributeValue::S(self.sort_key())),
        ])
    }
}

/// A JSON number as DynamoDB receives it: integers as they are, floats in the shortest form that
/// reads back to the same value (what `check_numbers` validated against).
pub(crate) fn number_text(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        n.as_f64().unwrap_or_default().to_string()
    }
}

/// A JSON value as an attribute value: objects are maps, arrays lists, null is NULL.
pub(crate) fn json_to_attribute(v: &Value) -> AttributeValue {
    match v {
        Value::Null => AttributeValue::Null(true),
        Value::Bool(b) => AttributeValue::Bool(*b),
        Value::Number(n) => AttributeValue::N(number_text(n)),
        Value::String(s) => AttributeValue::S(s.clone()),
        Value::Array(items) => AttributeValue::L(items.iter().map(json_to_attribute).collect()),
        Value::Object(m) => AttributeValue::M(
            m.iter()
                .map(|(k, v)| (k.clone(), json_to_attribute(v)))
                .collect(),
        ),
    }
}

/// The JSON form of a binary value: `{"$binary": "<base64>"}`, so that output shows it, marked
/// as binary, instead of dropping it.
pub(crate) const BINARY_KEY: &str = "$binary";

fn number_json(n: &str) -> Value {
    if let Ok(i) = n.parse::<i64>() {
        return Value::from(i);
    }
    if let Ok(u) = n.parse::<u64>() {
        return Value::from(u);
    }
    n.parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map(Value::Number)
        .unwrap_or_else(|| Value::String(n.to_owned()))
}

fn binary_json(b: &aws_smithy_types::Blob) -> Value {
    use base64::Engine;
    serde_json::json!({ BINARY_KEY: base64::engine::general_purpose::STANDARD.encode(b.as_ref()) })
}

/// One attribute value as JSON: every type DynamoDB has, binaries as `{"$binary": base64}`.
pub(crate) fn value_to_json(v: &AttributeValue) -> Value {
    match v {
        AttributeValue::S(s) => Value::String(s.clone()),
        AttributeValue::N(n) => number_json(n),
        AttributeValue::Bool(b) => Value::Bool(*b),
        AttributeValue::Null(_) => Value::Null,
        AttributeValue::B(b) => binary_json(b),
        AttributeValue::M(m) => sorted_object(m.iter()),
        AttributeValue::L(l) => Value::Array(l.iter().map(value_to_json).collect()),
        AttributeValue::Ss(ss) => Value::Array(ss.iter().cloned().map(Value::String).collect()),
        AttributeValue::Ns(ns) => Value::Array(ns.iter().map(|n| number_json(n)).collect()),
        AttributeValue::Bs(bs) => Value::Array(bs.iter().map(binary_json).collect()),
        _ => Value::Null,
    }
}

/// A map's attributes as a JSON object, names sorted (byte order): DynamoDB returns a map in no
/// order and the SDK keeps it in a HashMap, so the same item would print differently each run.
fn sorted_object<'a>(attributes: impl Iterator<Item = (&'a String, &'a AttributeValue)>) -> Value {
    let mut attributes: Vec<_> = attributes.collect();
    attributes.sort_unstable_by(|a, b| a.0.cmp(b.0));
    Value::Object(
        attributes
            .into_iter()
            .map(|(k, v)| (k.clone(), value_to_json(v)))
            .collect(),
    )
}

/// A stored event as plain JSON for people and scripts (`events get`, `events query`): the
/// composite key attributes are dropped (they repeat other fields), numbers are JSON numbers,
/// everything else is kept as stored, attribute names sorted at every level (docs/json.md).
/// Not DynamoDB JSON: that wire form, which keeps every attribute and its type, is
/// [`crate::scale::ddbjson::item_to_ddb_json`].
pub fn stored_event_json(item: &Item) -> Value {
    sorted_object(
        item.iter()
            .filter(|(k, _)| ![SORT_KEY, TYPE_SORT_KEY, STATUS_SORT_KEY].contains(&k.as_str())),
    )
}

/// Is an item whose Number `ttl` is `ttl` expired at `now` (epoch seconds): past, but not more
/// than five years past, which TTL never deletes (docs/aws-facts.md §5.3); `check-ttl` draws
/// the same line.
pub(crate) fn ttl_expired(ttl: i64, now: i64) -> bool {
    ttl <= now && ttl >= now - crate::spec::TTL_IGNORED_AGE_S
}

/// Epoch-seconds `ttl` of a stored item, if it is a Number.
pub(crate) fn item_ttl(item: &Item) -> Option<i64> {
    item.get(TTL_ATTRIBUTE)
        .and_then(|v| v.as_n().ok())
        .and_then(|n| n.parse::<f64>().ok())
        .map(|f| f as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> Defaults {
        Defaults {
            now: Some(Utc.with_ymd_and_hms(2025, 11, 11, 12, 0, 0).unwrap()),
        }
    }

    fn parse(text: &str, d: Defaults) -> Result<Event, Invalid> {
        let (input, value) = EventInput::parse(text)?;
        input.into_event(d, Some(&value))
    }

    /// TTL never deletes a Number ttl more than five years past (docs/aws-facts.md §5.3): such
    /// an item is kept, not expired; the boundary is `check-ttl`'s.
    #[test]
    fn a_ttl_is_expired_only_within_five_years_after_it_passed() {
        let now = 1_800_000_000; // clock-free: a `now` passed in
        let five_years = crate::spec::TTL_IGNORED_AGE_S;
        assert!(!ttl_expired(now + 1, now));
        assert!(ttl_expired(now, now));
        assert!(ttl_expired(now - 86_400, now));
        assert!(ttl_expired(now - five_years, now));
        assert!(!ttl_expired(now - five_years - 1, now));
        assert!(!ttl_expired(now - 6 * 365 * 86_400, now));
    }

    #[test]
    fn defaults_are_filled_and_ids_are_deterministic() {
        // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
        let line = r#"{"user_id":"u1","event_type":"click","timestamp":"2025-11-11T12:00:00+00:00","payload":{"n":18446744073709551615}}"#;
        let a = parse(line, Defaults { now: None }).unwrap();
        let b = parse(line, Defaults { now: None }).unwrap();
        assert_eq!(a.event_id, b.event_id);
        assert_eq!(a.timestamp, "2025-11-11T12:00:00.000000Z");
        assert_eq!(a.status, DEFAULT_STATUS);
        assert_eq!(
            a.ttl,
            Utc.with_ymd_and_hms(2025, 12, 11, 12, 0, 0)
                .unwrap()
                .timestamp()
        );
        let item = a.to_checked_item().unwrap();
        assert_eq!(
            item["timestamp#event_id"].as_s().unwrap(),
            &format!("2025-11-11T12:00:00.000000Z#{}", a.event_id)
        );
        assert_eq!(
            item["event_type#timestamp"].as_s().unwrap(),
            "click#2025-11-11T12:00:00.000000Z"
        );
        // The large integer keeps its value.
        let AttributeValue::M(payload) = &item["payload"] else {
            panic!()
        };
        assert_eq!(payload["n"].as_n().unwrap(), "18446744073709551615");
        // Key order in the line does not change the id.
        let reordered = r#"{"payload":{"n":18446744073709551615},"timestamp":"2025-11-11T12:00:00+00:00","event_type":"click","user_id":"u1"}"#;
        assert_eq!(
            parse(reordered, Defaults { now: None }).unwrap().event_id,
            a.event_id
        );
    }

    #[test]
    fn bad_events_say_why() {
        let cases = [
            (
                // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
                r#"{"user_id":"","event_type":"x","timestamp":"2025-11-11T12:00:00Z"}"#,
                "user_id is empty",
            ),
            (
                r#"{"user_id":"u","event_type":"a#b","timestamp":"2025-11-11T12:00:00Z"}"#,
                "contains `#`",
            ),
            (
                r#"{"user_id":"u","event_type":"a","status":"x#y","timestamp":"2025-11-11T12:00:00Z"}"#,
                "contains `#`",
            ),
            (
                r#"{"user_id":"u","event_type":"a"}"#,
                "timestamp is missing",
            ),
            (
                r#"{"user_id":"u","event_type":"a","timestamp":"yesterday"}"#,
                "not RFC 3339",
            ),
            (
                r#"{"user_id":"u","event_type":"a","timestamp":"2025-11-11T12:00:00Z","ttl":"soon"}"#,
                "ttl must be a number",
            ),
            (
                r#"{"user_id":"u","event_type":"a","timestamp":"2025-11-11T12:00:00Z","ttl":1762862400000}"#,
                "milliseconds",
            ),
            (
                r#"{"user_id":"u","event_type":"a","timestamp":"2025-11-11T12:00:00Z","payload":[1]}"#,
                "payload must be a JSON object",
            ),
            (
                r#"{"user_id":"u","event_type":"a","timestamp":"2025-11-11T12:00:00Z","colour":1}"#,
                "unknown field",
            ),
            (
                r#"{"event_type":"a","timestamp":"2025-11-11T12:00:00Z"}"#,
                "missing required field `user_id`",
            ),
            (r#"{"user_id":null,"event_type":"a"}"#, "invalid type: null"),
            (
                r#"{"user_id":"u","event_type":"a","timestamp":"2025-11-11T12:00:00Z","payload":{"x":1e400}}"#,
                "not valid JSON",
            ),
            (
                r#"{"user_id":"u","event_type":"a","timestamp":"2025"#,
                "truncated JSON",
            ),
            (r#"[1,2]"#, "must be a JSON object"),
            (
                r#"{"user_id":"u\u0001","event_type":"a","timestamp":"2025-11-11T12:00:00Z"}"#,
                "control character",
            ),
        ];
        for (line, needle) in cases {
            let err = parse(line, Defaults { now: None }).unwrap_err().0;
            assert!(err.contains(needle), "{line}: {err}");
        }
    }

    /// `event_type` and `status` head the index sort keys: one that makes its index key longer
    /// than 1,024 bytes is refused before any call, as DynamoDB would refuse the item.
    #[test]
    fn index_keys_are_within_the_sort_key_limit() {
        // 996 + 1 + 27 = 1,024 bytes: the longest that fits.
        for (field, fits, key) in [
            ("event_type", true, "event_type#timestamp"),
            ("status", true, "status#timestamp"),
        ] {
            for (len, ok) in [(996, fits), (997, false)] {
                let value = "x".repeat(len);
                let line = if field == "event_type" {
                    format!(r#"{{"user_id":"u","event_type":"{value}"}}"#)
                } else {
                    format!(r#"{{"user_id":"u","event_type":"t","status":"{value}"}}"#)
                };
                let got = parse(&line, now());
                // plural-ok: a test's message; the lengths tried are over 1
                assert_eq!(got.is_ok(), ok, "{field} of {len} bytes: {got:?}");
                if !ok {
                    let err = got.unwrap_err().0;
                    assert!(
                        err.contains(&format!("{key} is 1025 bytes")) && err.contains("1024"),
                        "{err}"
                    );
                }
            }
        }
        // Multi-byte characters count as their UTF-8 bytes.
        let line = format!(r#"{{"user_id":"u","event_type":"{}"}}"#, "é".repeat(499));
        assert!(parse(&line, now()).unwrap_err().0.contains("1026 bytes"));
    }

    #[test]
    fn item_size_limit_is_checked() {
        let big = "x".repeat(400 * 1024);
        let line = format!(r#"{{"user_id":"u","event_type":"a","payload":{{"b":"{big}"}}}}"#);
        let err = parse(&line, now())
            .unwrap()
            .to_checked_item()
            .unwrap_err()
            .0;
        assert!(err.contains("400 KB") && err.contains("bytes"), "{err}");
        let fits = "x".repeat(399 * 1024);
        let line = format!(r#"{{"user_id":"u","event_type":"a","payload":{{"b":"{fits}"}}}}"#);
        assert!(parse(&line, now()).unwrap().to_checked_item().is_ok());
    }

    #[test]
    fn binary_values_are_shown_as_base64_marked_binary() {
        let item: Item = HashMap::from([
            ("user_id".to_owned(), AttributeValue::S("u".into())),
            (
                "payload".to_owned(),
                AttributeValue::B(aws_smithy_types::Blob::new(vec![0u8, 1, 2, 0x1b])),
            ),
            ("n".to_owned(), AttributeValue::N("1.50".into())),
            (SORT_KEY.to_owned(), AttributeValue::S("x".into())),
        ]);
        let v = stored_event_json(&item);
        assert_eq!(v["payload"], serde_json::json!({"$binary": "AAECGw=="}));
        assert_eq!(v["n"], serde_json::json!(1.5));
        assert!(v.get(SORT_KEY).is_none());
    }

    /// The same stored item printed twice is the same bytes, attribute names sorted at every
    /// level (docs/json.md), whatever order the HashMaps hold them in.
    #[test]
    fn a_stored_item_prints_with_its_attribute_names_sorted() {
        let names = [
            "user_id",
            "event_id",
            "timestamp",
            "status",
            "ttl",
            "zeta",
            "Alpha",
            "b",
            "a1",
            "a",
        ];
        let nested: Item = names
            .iter()
            .map(|n| (n.to_string(), AttributeValue::N("1".into())))
            .collect();
        let item = || -> Item {
            let mut m: Item = names
                .iter()
                .map(|n| (n.to_string(), AttributeValue::S(n.to_string())))
                .collect();
            m.insert("payload".into(), AttributeValue::M(nested.clone()));
            m.insert(SORT_KEY.into(), AttributeValue::S("x".into()));
            m
        };
        // Two maps built apart: std's HashMap seeds each one randomly, so their iteration
        // orders differ (checked below, so the test cannot pass by luck of the hash).
        let (one, two) = (item(), item());
        let printed = |i: &Item| serde_json::to_string(&stored_event_json(i)).unwrap();
        assert_eq!(printed(&one), printed(&two));
        let mut want: Vec<&str> = names.iter().copied().chain(["payload"]).collect();
        want.sort_unstable();
        let v = stored_event_json(&one);
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, want);
        let mut nested_want: Vec<&str> = names.to_vec();
        nested_want.sort_unstable();
        let nested_keys: Vec<&str> = v["payload"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(nested_keys, nested_want);
        let orders_differ = (0..20).any(|_| {
            let a: Vec<String> = item().into_keys().collect();
            let b: Vec<String> = item().into_keys().collect();
            a != b
        });
        assert!(
            orders_differ,
            "the HashMaps never differed: the test proves nothing"
        );
    }

    #[test]
    fn random_ids_are_uuid_v4() {
        let id = random_event_id();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert_ne!(id, random_event_id());
    }
}
