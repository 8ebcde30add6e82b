//! A validated event in a compact binary form: what the import spools between its two passes.
//!
//! The validation pass encodes each event once; the write pass decodes the record straight into
//! the DynamoDB item (no JSON parse, no `serde_json::Value`, no second serializer), and only an
//! event that did not land is decoded back into an [`Event`] for the failed file. Maps are
//! written in key order, so the same event always gives the same bytes, whatever order its line
//! had, and the record doubles as the content compared for duplicates.
//!
//! Layout: the five strings (`user_id`, `event_id`, `event_type`, `status`, `timestamp`), `ttl`
//! (i64) and `retry_count` (u32), then `payload` and `metadata` as tagged values. A string is a
//! little-endian u32 length and its UTF-8 bytes; a number is kept as the text DynamoDB receives.

use crate::events::model::Item;
use std::collections::HashMap;

use aws_sdk_dynamodb::types::AttributeValue;
use serde_json::{Map, Number, Value};

use super::keys::{index_key, sort_key};
use super::model::{Event, number_text};
use crate::spec::{PARTITION_KEY, SORT_KEY, STATUS_SORT_KEY, TTL_ATTRIBUTE, TYPE_SORT_KEY};

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
/// A 64-bit integer, as its decimal text.
const INTEGER: u8 = 3;
/// A float, as the shortest text that reads back to it.
const FLOAT: u8 = 4;
const STRING: u8 = 5;
const ARRAY: u8 = 6;
const OBJECT: u8 = 7;

/// The record is not one this module wrote (a damaged spool).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the import's spool file is damaged")]
pub(crate) struct Damaged;

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

fn put_value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.push(NULL),
        Value::Bool(false) => out.push(FALSE),
        Value::Bool(true) => out.push(TRUE),
        Value::Number(n) => {
            out.push(if n.is_f64() { FLOAT } else { INTEGER });
            put_str(out, &number_text(n));
        }
        Value::String(s) => {
            out.push(STRING);
            put_str(out, s);
        }
        Value::Array(items) => {
            out.push(ARRAY);
            out.extend_from_slice(&(items.len() as u32).to_le_bytes());
            items.iter().for_each(|i| put_value(out, i));
        }
        Value::Object(m) => {
            out.push(OBJECT);
            put_map(out, m);
        }
    }
}

fn put_map(out: &mut Vec<u8>, m: &Map<String, Value>) {
    out.extend_from_slice(&(m.len() as u32).to_le_bytes());
    // Sorted here: `serde_json::Map` keeps insertion order when a dependency turns on
    // serde_json's `preserve_order` (the SDK's test utilities do).
    let mut entries: Vec<(&String, &Value)> = m.iter().collect();
    entries.sort_unstable_by_key(|(k, _)| *k);
    for (k, v) in entries {
        put_str(out, k);
        put_value(out, v);
    }
}

/// Appends the record of `event` to `out`.
pub(crate) fn encode(event: &Event, out: &mut Vec<u8>) {
    for s in [
        &event.user_id,
        &event.event_id,
        &event.event_type,
        &event.status,
        &event.timestamp,
    ] {
        put_str(out, s);
    }
    out.extend_from_slice(&event.ttl.to_le_bytes());
    out.extend_from_slice(&event.retry_count.to_le_bytes());
    put_map(out, &event.payload);
    put_map(out, &event.metadata);
}

/// Reads a record front to back.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn bytes<const N: usize>(&mut self) -> Result<[u8; N], Damaged> {
        let (head, rest) = self.0.split_first_chunk::<N>().ok_or(Damaged)?;
        self.0 = rest;
        Ok(*head)
    }

    fn u32(&mut self) -> Result<u32, Damaged> {
        self.bytes().map(u32::from_le_bytes)
    }

    fn len(&mut self) -> Result<usize, Damaged> {
        self.u32().map(|n| n as usize)
    }

    fn str(&mut self) -> Result<&'a str, Damaged> {
        let n = self.len()?;
        if self.0.len() < n {
            return Err(Damaged);
        }
        let (s, rest) = self.0.split_at(n);
        self.0 = rest;
        std::str::from_utf8(s).map_err(|_| Damaged)
    }

    fn tag(&mut self) -> Result<u8, Damaged> {
        self.bytes::<1>().map(|[t]| t)
    }

    /// A count, then that many elements read by `element`.
    fn list<T>(
        &mut self,
        element: impl Fn(&mut Self) -> Result<T, Damaged>,
    ) -> Result<Vec<T>, Damaged> {
        let n = self.len()?;
        // Never more room than bytes left: a damaged count cannot ask for gigabytes.
        let mut items = Vec::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            items.push(element(self)?);
        }
        Ok(items)
    }

    fn attribute(&mut self) -> Result<AttributeValue, Damaged> {
        Ok(match self.tag()? {
            NULL => AttributeValue::Null(true),
            FALSE => AttributeValue::Bool(false),
            TRUE => AttributeValue::Bool(true),
            INTEGER | FLOAT => AttributeValue::N(self.str()?.to_owned()),
            STRING => AttributeValue::S(self.str()?.to_owned()),
            ARRAY => AttributeValue::L(self.list(Reader::attribute)?),
            OBJECT => AttributeValue::M(self.attribute_map()?),
            _ => return Err(Damaged),
        })
    }

    /// Reads past one tagged value, checking it as [`Reader::attribute`] would.
    fn skip_value(&mut self) -> Result<(), Damaged> {
        match self.tag()? {
            NULL | FALSE | TRUE => Ok(()),
            INTEGER | FLOAT | STRING => self.str().map(drop),
            ARRAY => {
                for _ in 0..self.len()? {
                    self.skip_value()?;
                }
                Ok(())
            }
            OBJECT => self.skip_map(),
            _ => Err(Damaged),
        }
    }

    fn skip_map(&mut self) -> Result<(), Damaged> {
        for _ in 0..self.len()? {
            self.str()?;
            self.skip_value()?;
        }
        Ok(())
    }

    fn attribute_map(&mut self) -> Result<Item, Damaged> {
        let n = self.len()?;
        let mut m = HashMap::with_capacity(n.min(self.0.len()));
        for _ in 0..n {
            let k = self.str()?.to_owned();
            m.insert(k, self.attribute()?);
        }
        Ok(m)
    }

    fn value(&mut self) -> Result<Value, Damaged> {
        Ok(match self.tag()? {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INTEGER => {
                let t = self.str()?;
                t.parse::<i64>()
                    .map(Value::from)
                    .or_else(|_| t.parse::<u64>().map(Value::from))
                    .map_err(|_| Damaged)?
            }
            FLOAT => self
                .str()?
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map(Value::Number)
                .ok_or(Damaged)?,
            STRING => Value::String(self.str()?.to_owned()),
            ARRAY => Value::Array(self.list(Reader::value)?),
            OBJECT => Value::Object(self.map()?),
            _ => return Err(Damaged),
        })
    }

    fn map(&mut self) -> Result<Map<String, Value>, Damaged> {
        let n = self.len()?;
        let mut m = Map::new();
        for _ in 0..n {
            let k = self.str()?.to_owned();
            m.insert(k, self.value()?);
        }
        Ok(m)
    }

    fn end(&self) -> Result<(), Damaged> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(Damaged)
        }
    }
}

/// The attributes of a record's item, each handed to `put` with its name: the same item
/// [`Event::to_item`] builds, made in one pass. No name needs quoting (a test checks).
pub(crate) fn decode_attributes(
    record: &[u8],
    mut put: impl FnMut(&'static str, AttributeValue),
) -> Result<(), Damaged> {
    let mut r = Reader(record);
    let (user_id, event_id, event_type, status, timestamp) =
        (r.str()?, r.str()?, r.str()?, r.str()?, r.str()?);
    let ttl = i64::from_le_bytes(r.bytes()?);
    let retry_count = r.u32()?;
    let s = |v: &str| AttributeValue::S(v.to_owned());
    put(PARTITION_KEY, s(user_id));
    put(SORT_KEY, AttributeValue::S(sort_key(timestamp, event_id)));
    put(
        TYPE_SORT_KEY,
        AttributeValue::S(index_key(event_type, timestamp)),
    );
    put(
        STATUS_SORT_KEY,
        AttributeValue::S(index_key(status, timestamp)),
    );
    put("event_id", s(event_id));
    put("event_type", s(event_type));
    put("status", s(status));
    put("timestamp", s(timestamp));
    put(TTL_ATTRIBUTE, AttributeValue::N(ttl.to_string()));
    put("retry_count", AttributeValue::N(retry_count.to_string()));
    put("payload", AttributeValue::M(r.attribute_map()?));
    put("metadata", AttributeValue::M(r.attribute_map()?));
    r.end()
}

/// The DynamoDB item of a record.
pub(crate) fn decode_item(record: &[u8]) -> Result<Item, Damaged> {
    let mut item = HashMap::with_capacity(12);
    decode_attributes(record, |name, value| {
        item.insert(name.to_owned(), value);
    })?;
    Ok(item)
}

/// The key of a record's item, `(user_id, timestamp#event_id)`, after checking that the whole
/// record reads (without building its values).
pub(crate) fn decode_key(record: &[u8]) -> Result<(String, String), Damaged> {
    let mut r = Reader(record);
    let (user_id, event_id, _, _, timestamp) = (r.str()?, r.str()?, r.str()?, r.str()?, r.str()?);
    r.bytes::<12>()?;
    r.skip_map()?;
    r.skip_map()?;
    r.end()?;
    Ok((user_id.to_owned(), sort_key(timestamp, event_id)))
}

/// The event of a record (for the failed file).
pub(crate) fn decode_event(record: &[u8]) -> Result<Event, Damaged> {
    let mut r = Reader(record);
    let mut text = || r.str().map(str::to_owned);
    let (user_id, event_id, event_type, status, timestamp) =
        (text()?, text()?, text()?, text()?, text()?);
    let event = Event {
        user_id,
        event_id,
        event_type,
        status,
        timestamp,
        ttl: i64::from_le_bytes(r.bytes()?),
        retry_count: r.u32()?,
        payload: r.map()?,
        metadata: r.map()?,
    };
    r.end()?;
    Ok(event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::model::{Defaults, EventInput};

    fn event(line: &str) -> Event {
        EventInput::from_line(line)
            .unwrap()
            .into_event(Defaults { now: None }, None)
            .unwrap()
    }

    /// The record decodes to the item the event gives and back to the event itself, for every
    /// kind of JSON value, nested, with numbers that are integers, floats and beyond i64.
    #[test]
    fn records_decode_to_the_events_item_and_back_to_the_event() {
        let lines = [
            // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
            r#"{"user_id":"u","event_type":"t","timestamp":"2026-01-01T00:00:00Z"}"#,
            r#"{"user_id":"u é","event_type":"t","event_id":"e","status":"done","timestamp":"2026-01-01T00:00:00+02:00","ttl":1800000000,"retry_count":3,
               "payload":{"s":"a\n\"b","n":-12,"big":18446744073709551615,"f":1.5,"whole":3.0,"tiny":1e-100,"t":true,"f0":false,"z":null,
                          "l":[1,"x",[],{}],"m":{"deep":{"er":[null,{"k":2.25}]}}},
               "metadata":{"source":"x"}}"#,
        ];
        for line in lines {
            let e = event(line);
            let mut record = Vec::new();
            encode(&e, &mut record);
            assert_eq!(decode_item(&record).unwrap(), e.to_item(), "{line}");
            assert_eq!(decode_event(&record).unwrap(), e, "{line}");
            // The same event gives the same bytes.
            let mut again = Vec::new();
            encode(&event(line), &mut again);
            assert_eq!(record, again);
        }
        // Whatever the order of the keys in the line.
        let (a, b) = (
            r#"{"user_id":"u","event_type":"t","event_id":"e","timestamp":"2026-01-01T00:00:00Z","payload":{"x":1,"a":{"k":1,"b":2}}}"#,
            r#"{"payload":{"a":{"b":2,"k":1},"x":1},"timestamp":"2026-01-01T00:00:00Z","event_id":"e","event_type":"t","user_id":"u"}"#,
        );
        let (mut ra, mut rb) = (Vec::new(), Vec::new());
        encode(&event(a), &mut ra);
        encode(&event(b), &mut rb);
        assert_eq!(ra, rb);
    }

    #[test]
    fn damaged_records_are_refused_not_misread() {
        let e = event(
            // clock-free: parsing, formatting or a `now` passed in; the clock never meets these dates
            r#"{"user_id":"u","event_type":"t","timestamp":"2026-01-01T00:00:00Z","payload":{"a":[1,2]}}"#,
        );
        let mut record = Vec::new();
        encode(&e, &mut record);
        // Every cut is refused, by the check made when a record is read back (`decode_key`)
        // as by the full decodes.
        for cut in 0..record.len() {
            assert_eq!(decode_key(&record[..cut]), Err(Damaged), "cut at {cut}");
            assert_eq!(decode_item(&record[..cut]), Err(Damaged), "cut at {cut}");
            assert_eq!(decode_event(&record[..cut]), Err(Damaged), "cut at {cut}");
        }
        let mut longer = record.clone();
        longer.push(0);
        assert_eq!(decode_item(&longer), Err(Damaged));
        assert_eq!(decode_key(&longer), Err(Damaged));
        let mut bad_tag = record.clone();
        // From the end: metadata's count (4), the list's two integers (tag, length, digit: 6
        // each), the list's count (4), then its tag.
        let payload_tag = record.len() - 4 - 2 * 6 - 4 - 1;
        assert_eq!(
            bad_tag[payload_tag], ARRAY,
            "the payload's one value is the list"
        );
        bad_tag[payload_tag] = 99;
        assert_eq!(decode_key(&bad_tag), Err(Damaged));
        assert_eq!(decode_item(&bad_tag), Err(Damaged));
        assert_eq!(
            decode_key(&record),
            Ok(("u".to_owned(), sort_key(&e.timestamp, &e.event_id)))
        );
    }
}
